//! KMIP 1.1 Key Blocks with Key Wrapping Data (feature `kmip`): the bridge between this crate's
//! keys and `kmip-types`, so that a KMIP server can answer a Get directly and a KMIP client can
//! unwrap what a KMS sends.
//!
//! Specifications: KMIP 1.1 §2.1.3 Key Block, §2.1.4 Key Value, §2.1.5 Key Wrapping Data,
//! §2.1.6 Key Wrapping Specification, §9.1.3.2.4 Wrapping Method, §9.1.3.2.14 Block Cipher
//! Mode, §9.1.3.2.32 Encoding Option; RFC 3394 and RFC 5649 for the wraps themselves.
//!
//! # What goes on the wire
//!
//! A wrapped Key Block written here always has Key Format Type Raw, the wrapped key's
//! Cryptographic Algorithm and Length, and Key Wrapping Data with
//!
//! - Wrapping Method **Encrypt**;
//! - Encryption Key Information: the wrapping key's **Unique Identifier** and Cryptographic
//!   Parameters with the **Block Cipher Mode** that was used — NIST Key Wrap (`0x0D`) for
//!   RFC 3394 KW, AES Key Wrap Padding (`0x0C`) for RFC 5649 KWP. Both turn a 32-byte key into
//!   40 bytes, so the mode is always written and always read, never guessed from the length;
//! - **Encoding Option**, always written: **No Encoding** (`0x01`) when only the key material
//!   was wrapped (the Key Value is then a structure whose Key Material holds the wrapped bytes;
//!   PyKMIP requires the option to be explicit), **TTLV Encoding** (`0x02`) when the TTLV
//!   encoding of the whole Key Value structure was wrapped (the Key Value is then a Byte String).
//!
//! Read back ([`WrappedKeyBlock::from_key_block`]), an absent Encoding Option means TTLV
//! Encoding (§2.1.5) and absent Cryptographic Parameters or Block Cipher Mode mean NIST Key
//! Wrap. Anything else is refused with a [`KmipError`]: another Wrapping Method, MAC/Signature
//! Key Information or a MAC/Signature, an IV/Counter/Nonce, another Block Cipher Mode, a
//! missing or invalid wrapping key identifier, a Key Value whose form contradicts the Encoding
//! Option.
//!
//! # The three answers to a Get
//!
//! - **Plain Get** → [`plaintext_key_block`]: the plaintext key, Key Format Type Raw. The form
//!   a KEK is *stored* in (wrapped under the root, [`WrappedKey`] of kind KEK or KDK) never
//!   appears in a response: no function of this module takes it. The only wrapped form that
//!   converts is [`KekWrappedKey`], a DEK wrapped plainly under a KEK, and
//!   `KekWrappedKey::try_from` refuses a root-wrapped key
//!   ([`KmipError::RootWrappedStorageForm`]). A server opens the stored key
//!   ([`crate::KeyHierarchy::open_kek`]) and answers with its plaintext, or wraps it anew.
//! - **Get with a Key Wrapping Specification** → [`answer_get`] (or [`Wrapping::from_spec`]
//!   first, to learn which key to load, then [`Wrapping::wrap`]): the KEK must be the one the
//!   specification names (compared in constant time) and Active; Encoding Option absent or TTLV
//!   Encoding wraps the TTLV encoding of the Key Value, No Encoding wraps the key material.
//! - **A DEK wrapped in this crate's plain KMIP form** → [`KekWrappedKey::to_key_block`].
//!
//! A client holding the KEK unwraps a Key Block with [`unwrap_key_block`] (both encodings), or
//! turns a No Encoding block into a [`WrappedKey`] with [`KekWrappedKey::from_key_block`] to
//! store it.
//!
//! # Errors and KMIP Result Reasons
//!
//! [`KmipError::result_reason`] tells a server what to answer:
//!
//! | error | Result Reason |
//! |---|---|
//! | Wrapping Method other than Encrypt; MAC/signature; IV/Counter/Nonce; Block Cipher Mode other than the two key wraps; Attribute Names to wrap; context-bound or KDK-derived forms | Feature Not Supported |
//! | Encoding Option unknown; Attribute Names, or attributes, with No Encoding; a TTLV-encoded block where only No Encoding fits | Encoding Option Error |
//! | no Encryption Key Information | Missing Data |
//! | a wrapping key identifier that no key can have (empty, over 64 bytes) | Item Not Found |
//! | Key Format Type other than Raw where Raw is needed, a Transparent format other than Transparent Symmetric Key | Key Format Type Not Supported |
//! | the wrapping key is not Active (wrap) or not Active or Deactivated (unwrap); it lacks Wrap Key in its Cryptographic Usage Mask | Permission Denied (as PyKMIP) |
//! | unwrap failed its integrity check; weak XTS key | Cryptographic Failure |
//! | inconsistent Key Block (not wrapped, Key Value form, lengths, algorithm, invalid wrapped Key Value) | Invalid Field |
//! | the KEK offered is not the one named; the root-wrapped storage form; non-text key id | General Failure (a server bug, not the client's) |
//!
//! # Example
//!
//! ```
//! use key_hierarchy::kmip::{self, KekWrappedKey, PlainKey, Wrapping};
//! use key_hierarchy::kmip::kmip_types::{
//!     EncodingOption, EncryptionKeyInformation, KeyWrappingSpecification, WrappingMethod,
//!     from_bytes, to_bytes,
//! };
//! use key_hierarchy::{Binding, Dek, Kek, KeyAlgorithm, OsRng, WrapMethod};
//!
//! let mut rng = OsRng;
//! let kek = Kek::generate("kek-1".parse()?, &mut rng)?;
//! let dek = Dek::generate("dek-1".parse()?, KeyAlgorithm::Aes256Xts, &mut rng)?;
//!
//! // Server: a client's Get asks for the DEK wrapped under kek-1, as PyKMIP does.
//! let spec = KeyWrappingSpecification {
//!     wrapping_method: WrappingMethod::ENCRYPT,
//!     encryption_key_information: Some(EncryptionKeyInformation {
//!         unique_identifier: "kek-1".into(),
//!         ..Default::default()
//!     }),
//!     encoding_option: Some(EncodingOption::NO_ENCODING),
//!     ..Default::default()
//! };
//! let wrapping = Wrapping::from_spec(&spec)?; // which key to load: wrapping.wrapping_key_id
//! let block = wrapping.wrap(&kek, &PlainKey::from_dek(&dek))?;
//! let bytes = to_bytes(&block); // the Key Block item of the Get response's Symmetric Key
//!
//! // Client: unwrap what the KMS sent.
//! let received = from_bytes(&bytes).expect("valid TTLV");
//! let dek2 = kmip::unwrap_key_block(&received, &kek)?.into_dek("dek-1".parse()?)?;
//! assert_eq!(dek2.fingerprint(), dek.fingerprint());
//!
//! // Or keep it in this crate's wrapped form (No Encoding blocks only).
//! let stored = KekWrappedKey::from_key_block(&received, "dek-1".parse()?)?;
//! assert_eq!(stored.wrapped_key().method(), WrapMethod::NistKeyWrap);
//! let dek3 = kek.unwrap_dek(stored.wrapped_key(), Binding::Plain)?;
//! assert_eq!(dek3.fingerprint(), dek.fingerprint());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;

pub use kmip_types;

use kmip_types::codec::{Context, Encoder};
use kmip_types::{
    Attribute, BlockCipherMode, CryptographicAlgorithm, CryptographicUsageMask, EncodingOption,
    ErrorKind, KeyBlock, KeyFormatType, KeyMaterial, KeyValue, KeyWrappingData,
    KeyWrappingSpecification, ProtocolVersion, RawItem, ResultReason, SecretBytes, WrappingMethod,
    tag,
};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::Error;
use crate::id::KeyId;
use crate::keys::{Binding, Dek, Kek, KeyAlgorithm};
use crate::lifecycle::KeyState;
use crate::wrap::WrapMethod;
use crate::wrapped::{KeyKind, WrappedKey, WrappedKeyParts};

/// What can go wrong between this crate and a KMIP Key Block. [`KmipError::result_reason`]
/// gives the KMIP Result Reason a server answers with (table in the module docs).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KmipError {
    /// The Wrapping Method is not Encrypt (MAC/sign, Encrypt then MAC/sign, MAC/sign then
    /// encrypt, TR-31, or a value KMIP 1.1 does not define).
    #[error("wrapping method {method:?} is not supported (only Encrypt)")]
    UnsupportedWrappingMethod {
        /// The method asked for or found.
        method: WrappingMethod,
    },

    /// MAC/Signature Key Information or a MAC/Signature is present: not supported.
    #[error("MAC/signature key wrapping is not supported")]
    MacSignatureNotSupported,

    /// An IV/Counter/Nonce is present: AES key wrap takes none (an alternative initial value is
    /// not supported).
    #[error("an IV/Counter/Nonce is not supported with AES key wrap")]
    IvNotSupported,

    /// No Encryption Key Information: the wrapping key is not named.
    #[error("no Encryption Key Information: the wrapping key is not named")]
    MissingEncryptionKeyInformation,

    /// The wrapping key's Unique Identifier cannot name a key of this crate (1 to 64 bytes).
    #[error("invalid wrapping key Unique Identifier of {len} bytes (1 to 64 allowed)")]
    InvalidWrappingKeyId {
        /// Its length in bytes.
        len: usize,
    },

    /// The Block Cipher Mode is not one of the two key wraps.
    #[error(
        "block cipher mode {mode:?} is not supported (NISTKeyWrap 0x0D or AESKeyWrapPadding 0x0C)"
    )]
    UnsupportedBlockCipherMode {
        /// The mode asked for or found.
        mode: BlockCipherMode,
    },

    /// An Encoding Option KMIP 1.1 does not define.
    #[error("encoding option {option:?} is not supported")]
    UnsupportedEncodingOption {
        /// The option asked for or found.
        option: EncodingOption,
    },

    /// The Key Wrapping Specification asks for attributes to be wrapped with the key.
    #[error("wrapping {count} attributes with the key is not supported")]
    AttributeWrappingNotSupported {
        /// How many Attribute Names were asked for.
        count: usize,
    },

    /// Attributes together with Encoding Option No Encoding, which wraps only the key material
    /// (§2.1.5): Attribute Names in a specification, or attributes in a No Encoding Key Value.
    #[error("{count} attributes with Encoding Option No Encoding, which wraps only key material")]
    AttributesWithNoEncoding {
        /// How many.
        count: usize,
    },

    /// A Key Block wrapped with TTLV Encoding where only No Encoding fits (a [`KekWrappedKey`]
    /// holds wrapped key material, not a wrapped Key Value structure).
    #[error(
        "the Key Block wraps a TTLV-encoded Key Value; only a No Encoding block converts to a wrapped key (unwrap it instead)"
    )]
    TtlvEncodedKeyValue,

    /// The Key Block has no Key Wrapping Data.
    #[error("the Key Block is not wrapped (no Key Wrapping Data)")]
    NotWrapped,

    /// The Key Value's form contradicts the Encoding Option.
    #[error("the Key Value does not match the Encoding Option: expected {expected}")]
    EncodingMismatch {
        /// What the Encoding Option requires.
        expected: &'static str,
    },

    /// The Key Wrapping Specification or Data names another wrapping key than the KEK offered.
    #[error("the wrapping key named is {named}, not the KEK offered")]
    WrappingKeyMismatch {
        /// The key named.
        named: KeyId,
    },

    /// The wrapping key a Get names is not Active (only an Active key wraps, KMIP 1.1 §3.22).
    #[error("wrapping key {id} is {state}, not Active")]
    WrappingKeyNotActive {
        /// The key.
        id: KeyId,
        /// Its state.
        state: KeyState,
    },

    /// The wrapping key a Get names lacks Wrap Key in its Cryptographic Usage Mask.
    #[error("wrapping key {id} does not have Wrap Key in its Cryptographic Usage Mask")]
    NotForWrapping {
        /// The key.
        id: KeyId,
    },

    /// A Key Format Type this conversion does not handle.
    #[error("key format type {format:?} is not supported here")]
    UnsupportedKeyFormat {
        /// The format.
        format: KeyFormatType,
    },

    /// The key is not of the kind asked for (a DEK must be AES-256 or AES-256-XTS, a KEK
    /// AES-256).
    #[error("unsupported key: {reason}")]
    UnsupportedKey {
        /// What is wrong.
        reason: &'static str,
    },

    /// The Cryptographic Length contradicts the key material.
    #[error("cryptographic length {bits} does not match {bytes} bytes of key material")]
    LengthMismatch {
        /// The Cryptographic Length, in bits.
        bits: i32,
        /// The key material's length, in bytes.
        bytes: usize,
    },

    /// A KMIP Unique Identifier is a Text String; this key identifier is not UTF-8.
    #[error("key identifier {id} is not text and cannot be a KMIP Unique Identifier")]
    NonTextKeyId {
        /// The identifier.
        id: KeyId,
    },

    /// The storage form of a KEK or KDK (wrapped under the root) was offered for conversion.
    /// It never leaves the server: answer with the plaintext ([`plaintext_key_block`]) or a
    /// fresh wrap ([`answer_get`]).
    #[error("a {kind} wrapped under the root is a storage form and has no KMIP form")]
    RootWrappedStorageForm {
        /// The wrapped key's kind.
        kind: KeyKind,
    },

    /// A wrapped form of this crate's own (context-bound, KDK-derived, versioned wrapping key)
    /// that KMIP cannot express.
    #[error("a {what} wrapped key has no KMIP form")]
    NotInteroperable {
        /// Which form.
        what: &'static str,
    },

    /// The unwrapped bytes are not a TTLV Key Value structure (TTLV Encoding).
    #[error("the unwrapped Key Value is invalid: {0}")]
    InvalidKeyValue(#[source] kmip_types::Error),

    /// Encoding the Key Value to TTLV failed.
    #[error("encoding the Key Value failed: {0}")]
    Encoding(#[source] kmip_types::Error),

    /// An error of the key hierarchy itself: the wrap or unwrap, a lifecycle state, a length.
    #[error(transparent)]
    KeyHierarchy(#[from] Error),
}

impl KmipError {
    /// The KMIP 1.1 Result Reason (§9.1.3.2.29) a server answers a failed Get (or Register)
    /// with. See the table in the module docs.
    pub fn result_reason(&self) -> ResultReason {
        match self {
            KmipError::UnsupportedWrappingMethod { .. }
            | KmipError::MacSignatureNotSupported
            | KmipError::IvNotSupported
            | KmipError::UnsupportedBlockCipherMode { .. }
            | KmipError::AttributeWrappingNotSupported { .. }
            | KmipError::NotInteroperable { .. } => ResultReason::FEATURE_NOT_SUPPORTED,
            KmipError::UnsupportedEncodingOption { .. }
            | KmipError::AttributesWithNoEncoding { .. }
            | KmipError::TtlvEncodedKeyValue => ResultReason::ENCODING_OPTION_ERROR,
            KmipError::MissingEncryptionKeyInformation => ResultReason::MISSING_DATA,
            KmipError::InvalidWrappingKeyId { .. } => ResultReason::ITEM_NOT_FOUND,
            KmipError::UnsupportedKeyFormat { .. } => ResultReason::KEY_FORMAT_TYPE_NOT_SUPPORTED,
            KmipError::WrappingKeyNotActive { .. } | KmipError::NotForWrapping { .. } => {
                ResultReason::PERMISSION_DENIED
            }
            KmipError::NotWrapped
            | KmipError::EncodingMismatch { .. }
            | KmipError::UnsupportedKey { .. }
            | KmipError::LengthMismatch { .. }
            | KmipError::InvalidKeyValue(_) => ResultReason::INVALID_FIELD,
            KmipError::WrappingKeyMismatch { .. }
            | KmipError::NonTextKeyId { .. }
            | KmipError::RootWrappedStorageForm { .. }
            | KmipError::Encoding(_) => ResultReason::GENERAL_FAILURE,
            KmipError::KeyHierarchy(e) => match e {
                Error::UnwrapFailed | Error::WeakXtsKey => ResultReason::CRYPTOGRAPHIC_FAILURE,
                Error::KeyNotUsable { .. } => ResultReason::PERMISSION_DENIED,
                Error::NotFound { .. } | Error::KeyDestroyed { .. } => ResultReason::ITEM_NOT_FOUND,
                Error::InvalidLength { .. }
                | Error::InvalidKeyLength { .. }
                | Error::InvalidWrappingKeyLength { .. }
                | Error::InvalidKeyId { .. }
                | Error::InconsistentWrappedKey { .. } => ResultReason::INVALID_FIELD,
                _ => ResultReason::GENERAL_FAILURE,
            },
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// What the wrap covers (KMIP 1.1 §2.1.5 Encoding Option).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyValueEncoding {
    /// TTLV Encoding (`0x02`, and the meaning of an absent Encoding Option): the TTLV encoding
    /// of the whole Key Value structure is wrapped; the Key Value is a Byte String.
    Ttlv,
    /// No Encoding (`0x01`): only the key material is wrapped; the Key Value is a structure
    /// whose Key Material holds the wrapped bytes.
    NoEncoding,
}

impl KeyValueEncoding {
    /// The encoding an Encoding Option field means (absent = TTLV Encoding).
    pub fn from_encoding_option(option: Option<EncodingOption>) -> Result<Self, KmipError> {
        match option {
            None | Some(EncodingOption::TTLV_ENCODING) => Ok(KeyValueEncoding::Ttlv),
            Some(EncodingOption::NO_ENCODING) => Ok(KeyValueEncoding::NoEncoding),
            Some(option) => Err(KmipError::UnsupportedEncodingOption { option }),
        }
    }

    /// The Encoding Option value, as written explicitly in Key Wrapping Data.
    pub const fn encoding_option(self) -> EncodingOption {
        match self {
            KeyValueEncoding::Ttlv => EncodingOption::TTLV_ENCODING,
            KeyValueEncoding::NoEncoding => EncodingOption::NO_ENCODING,
        }
    }
}

/// How a key is (or is to be) wrapped: the checked content of a Key Wrapping Specification
/// (§2.1.6) or of Key Wrapping Data (§2.1.5). Wrapping Method is always Encrypt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wrapping {
    /// The wrapping key (Encryption Key Information / Unique Identifier).
    pub wrapping_key_id: KeyId,
    /// KW or KWP (Cryptographic Parameters / Block Cipher Mode).
    pub method: WrapMethod,
    /// What is wrapped (Encoding Option).
    pub encoding: KeyValueEncoding,
}

/// The checks Key Wrapping Specification and Key Wrapping Data share.
fn parse_wrapping(
    wrapping_method: WrappingMethod,
    encryption_key_information: Option<&kmip_types::EncryptionKeyInformation>,
    mac_or_signature: bool,
    encoding_option: Option<EncodingOption>,
) -> Result<Wrapping, KmipError> {
    if wrapping_method != WrappingMethod::ENCRYPT {
        return Err(KmipError::UnsupportedWrappingMethod {
            method: wrapping_method,
        });
    }
    if mac_or_signature {
        return Err(KmipError::MacSignatureNotSupported);
    }
    let info = encryption_key_information.ok_or(KmipError::MissingEncryptionKeyInformation)?;
    let encoding = KeyValueEncoding::from_encoding_option(encoding_option)?;
    let mode = info
        .cryptographic_parameters
        .as_ref()
        .and_then(|p| p.block_cipher_mode)
        .unwrap_or(BlockCipherMode::NIST_KEY_WRAP);
    let method = WrapMethod::from_kmip_block_cipher_mode(mode.0)
        .ok_or(KmipError::UnsupportedBlockCipherMode { mode })?;
    let id = info.unique_identifier.as_bytes();
    let wrapping_key_id =
        KeyId::new(id).map_err(|_| KmipError::InvalidWrappingKeyId { len: id.len() })?;
    Ok(Wrapping {
        wrapping_key_id,
        method,
        encoding,
    })
}

impl Wrapping {
    /// Check a Get's Key Wrapping Specification: Wrapping Method Encrypt, no MAC/Signature Key
    /// Information, Encryption Key Information naming the key, Block Cipher Mode NIST Key Wrap
    /// or AES Key Wrap Padding (absent = NIST Key Wrap), Encoding Option No Encoding or TTLV
    /// Encoding (absent = TTLV Encoding), no Attribute Names. Other Cryptographic Parameters
    /// fields (Padding Method, Hashing Algorithm, Key Role Type) do not apply to AES key wrap
    /// and are ignored.
    ///
    /// Call it before loading the KEK: [`Wrapping::wrapping_key_id`] says which one.
    pub fn from_spec(spec: &KeyWrappingSpecification) -> Result<Self, KmipError> {
        let wrapping = parse_wrapping(
            spec.wrapping_method,
            spec.encryption_key_information.as_ref(),
            spec.mac_signature_key_information.is_some(),
            spec.encoding_option,
        )?;
        let count = spec.attribute_names.len();
        if count > 0 {
            return Err(match wrapping.encoding {
                KeyValueEncoding::NoEncoding => KmipError::AttributesWithNoEncoding { count },
                KeyValueEncoding::Ttlv => KmipError::AttributeWrappingNotSupported { count },
            });
        }
        Ok(wrapping)
    }

    /// Check the Key Wrapping Data of a received Key Block: as [`Wrapping::from_spec`], and
    /// also no MAC/Signature and no IV/Counter/Nonce.
    pub fn from_key_wrapping_data(data: &KeyWrappingData) -> Result<Self, KmipError> {
        let wrapping = parse_wrapping(
            data.wrapping_method,
            data.encryption_key_information.as_ref(),
            data.mac_signature_key_information.is_some() || data.mac_signature.is_some(),
            data.encoding_option,
        )?;
        if data.iv_counter_nonce.is_some() {
            return Err(KmipError::IvNotSupported);
        }
        Ok(wrapping)
    }

    /// The Key Wrapping Data for this wrapping: Wrapping Method Encrypt, Encryption Key
    /// Information with the wrapping key's Unique Identifier and the Block Cipher Mode, and the
    /// Encoding Option written explicitly.
    pub fn to_key_wrapping_data(&self) -> Result<KeyWrappingData, KmipError> {
        let id = self
            .wrapping_key_id
            .as_str()
            .ok_or(KmipError::NonTextKeyId {
                id: self.wrapping_key_id,
            })?;
        let mode = BlockCipherMode(self.method.kmip_block_cipher_mode());
        let mut data = KeyWrappingData::encrypted(id, mode);
        data.encoding_option = Some(self.encoding.encoding_option());
        Ok(data)
    }

    /// Wrap `key` under `kek` as this wrapping says and return the Key Block for the Get
    /// response (the key's Key Format Type, Raw for keys). `kek` must be the key named
    /// (compared in constant time) and Active. With TTLV Encoding the TTLV encoding of the Key
    /// Value structure (Key Material only) is wrapped, with No Encoding the key material.
    pub fn wrap(&self, kek: &Kek, key: &PlainKey<'_>) -> Result<KeyBlock, KmipError> {
        self.check_kek(kek)?;
        if !kek.state().can_wrap() {
            return Err(Error::KeyNotUsable {
                state: kek.state(),
                operation: "wrap",
            }
            .into());
        }
        self.seal(kek.expose_secret(), key)
    }

    /// Wrap `key` under a KMS's managed key `kek` ([`WrappingKey`]: AES of 128, 192 or 256
    /// bits, with its State and Cryptographic Usage Mask), as [`Wrapping::wrap`]. `kek` must
    /// be the key named (compared in constant time), Active
    /// ([`KmipError::WrappingKeyNotActive`]) and have Wrap Key in its Cryptographic Usage
    /// Mask ([`KmipError::NotForWrapping`]): both Permission Denied, as PyKMIP answers.
    pub fn wrap_key(
        &self,
        kek: &WrappingKey<'_>,
        key: &PlainKey<'_>,
    ) -> Result<KeyBlock, KmipError> {
        if !bool::from(self.wrapping_key_id.ct_eq(&kek.id)) {
            return Err(KmipError::WrappingKeyMismatch {
                named: self.wrapping_key_id,
            });
        }
        if !kek.state.can_wrap() {
            return Err(KmipError::WrappingKeyNotActive {
                id: kek.id,
                state: kek.state,
            });
        }
        if !kek
            .usage_mask
            .is_some_and(|m| m.contains(CryptographicUsageMask::WRAP_KEY))
        {
            return Err(KmipError::NotForWrapping { id: kek.id });
        }
        self.seal(kek.material, key)
    }

    /// The wrap itself, checks done.
    fn seal(&self, kek: &[u8], key: &PlainKey<'_>) -> Result<KeyBlock, KmipError> {
        let data = self.to_key_wrapping_data()?;
        let wrapped = match self.encoding {
            KeyValueEncoding::NoEncoding => self.method.wrap(kek, key.material)?,
            KeyValueEncoding::Ttlv => {
                let encoded = encode_key_value(key.material)?;
                self.method.wrap(kek, &encoded)?
            }
        };
        Ok(key.wrapped_block(wrapped.to_vec(), data))
    }

    fn check_kek(&self, kek: &Kek) -> Result<(), KmipError> {
        if bool::from(self.wrapping_key_id.ct_eq(kek.id())) {
            Ok(())
        } else {
            Err(KmipError::WrappingKeyMismatch {
                named: self.wrapping_key_id,
            })
        }
    }
}

/// The wrapping key of a Get as a KMS manages it: an AES key of 128, 192 or 256 bits with its
/// Unique Identifier, State and Cryptographic Usage Mask, borrowed. `Debug` does not show the
/// material. A [`Kek`] of this crate is one too ([`WrappingKey::from_kek`]).
#[derive(Clone, Copy)]
pub struct WrappingKey<'a> {
    id: KeyId,
    material: &'a [u8],
    state: KeyState,
    usage_mask: Option<CryptographicUsageMask>,
}

impl<'a> WrappingKey<'a> {
    /// A managed key named `id` (its Unique Identifier; 1 to 64 bytes), of Cryptographic
    /// Algorithm `algorithm` (AES is required), with its material (16, 24 or 32 bytes), State,
    /// and Cryptographic Usage Mask (`None` when the key has none: it then wraps nothing).
    pub fn new(
        id: &str,
        algorithm: Option<CryptographicAlgorithm>,
        material: &'a [u8],
        state: KeyState,
        usage_mask: Option<CryptographicUsageMask>,
    ) -> Result<Self, KmipError> {
        let id = KeyId::new(id.as_bytes())
            .map_err(|_| KmipError::InvalidWrappingKeyId { len: id.len() })?;
        if algorithm != Some(CryptographicAlgorithm::AES) {
            return Err(KmipError::UnsupportedKey {
                reason: "the wrapping key is not an AES key",
            });
        }
        if !matches!(material.len(), 16 | 24 | 32) {
            return Err(KmipError::UnsupportedKey {
                reason: "the wrapping key is not an AES key of 128, 192 or 256 bits",
            });
        }
        Ok(WrappingKey {
            id,
            material,
            state,
            usage_mask,
        })
    }

    /// A KEK of this crate: made for wrapping (Wrap Key and Unwrap Key), in its recorded state.
    pub fn from_kek(kek: &'a Kek) -> Self {
        WrappingKey {
            id: *kek.id(),
            material: kek.expose_secret(),
            state: kek.state(),
            usage_mask: Some(CryptographicUsageMask::WRAP_KEY | CryptographicUsageMask::UNWRAP_KEY),
        }
    }

    /// The key's identifier.
    pub fn id(&self) -> &KeyId {
        &self.id
    }
}

impl fmt::Debug for WrappingKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WrappingKey")
            .field("id", &self.id)
            .field("state", &self.state)
            .field("usage_mask", &self.usage_mask)
            .finish_non_exhaustive()
    }
}

/// Answer a Get that carries a Key Wrapping Specification: [`Wrapping::from_spec`] then
/// [`Wrapping::wrap`]. Put the Key Block in the response's object (e.g.
/// `ManagedObject::symmetric_key`).
pub fn answer_get(
    spec: &KeyWrappingSpecification,
    kek: &Kek,
    key: &PlainKey<'_>,
) -> Result<KeyBlock, KmipError> {
    Wrapping::from_spec(spec)?.wrap(kek, key)
}

/// Answer a plain Get (no Key Wrapping Specification): the plaintext key as a Raw Key Block
/// with its Cryptographic Algorithm and Length. This is what KMIP 1.1 requires; the root-wrapped
/// form a KEK is stored in is never part of a response.
pub fn plaintext_key_block(key: &PlainKey<'_>) -> KeyBlock {
    KeyBlock {
        key_format_type: key.key_format_type,
        key_compression_type: None,
        key_value: KeyValue::bytes(SecretBytes::from_slice(key.material)),
        cryptographic_algorithm: key.algorithm,
        cryptographic_length: key.length_bits,
        key_wrapping_data: None,
        unknown: Vec::new(),
    }
}

/// Unwrap a Key Block received from a KMS with the KEK it names: [`WrappedKeyBlock`] then
/// [`WrappedKeyBlock::unwrap`]. Both encodings.
pub fn unwrap_key_block(block: &KeyBlock, kek: &Kek) -> Result<UnwrappedKey, KmipError> {
    WrappedKeyBlock::from_key_block(block)?.unwrap(kek)
}

/// `8 × ⌈n / 8⌉`, checked.
fn padded(n: usize) -> Option<usize> {
    n.div_ceil(8).checked_mul(8)
}

/// The TTLV encoding of a Key Value structure holding `material` as a Byte String Key Material
/// (§2.1.4), in a zeroizing buffer allocated once at its exact size (so no copy of the key is
/// left behind by a reallocation).
fn encode_key_value(material: &[u8]) -> Result<Zeroizing<Vec<u8>>, KmipError> {
    // Key Value header (8) + Key Material header (8) + material padded to 8 bytes.
    let len = padded(material.len())
        .and_then(|n| n.checked_add(16))
        .ok_or(Error::InvalidLength {
            what: "key material",
            len: material.len(),
            expected: "a length whose TTLV encoding fits in memory",
        })?;
    let value = KeyValue::bytes(SecretBytes::from_slice(material));
    let mut buf = Zeroizing::new(Vec::with_capacity(len));
    let mut e = Encoder::new(&mut buf, ProtocolVersion::V1_1);
    e.field(tag::KEY_VALUE, &value);
    e.finish().map_err(KmipError::Encoding)?;
    Ok(buf)
}

/// Decode the TTLV Key Value structure that a TTLV-encoded wrap covered; `format` is the Key
/// Block's Key Format Type. Returns the key bytes and the attributes that were wrapped.
fn decode_key_value(
    plain: &[u8],
    format: KeyFormatType,
) -> Result<(SecretBytes, Vec<Attribute>), KmipError> {
    let invalid = |reason| {
        KmipError::InvalidKeyValue(kmip_types::Error::new(
            ErrorKind::InvalidValue {
                tag: tag::KEY_VALUE,
                reason,
            },
            0,
        ))
    };
    // A zeroizing copy, validated as exactly one TTLV item.
    let raw = RawItem::from_bytes(plain).map_err(KmipError::InvalidKeyValue)?;
    let item = raw
        .item()
        .ok_or_else(|| invalid("not a single TTLV item"))?;
    if item.tag() != tag::KEY_VALUE {
        return Err(KmipError::InvalidKeyValue(kmip_types::Error::new(
            ErrorKind::UnexpectedTag {
                expected: tag::KEY_VALUE,
                found: item.tag(),
            },
            0,
        )));
    }
    let cx = Context::new(ProtocolVersion::V1_1);
    let value = KeyValue::decode(&item, format, &cx)
        .map_err(|e| KmipError::InvalidKeyValue(e.inside(tag::KEY_VALUE)))?;
    let structure = match value {
        KeyValue::Structure(s) => s,
        KeyValue::Wrapped(_) => return Err(invalid("a wrapped Key Value inside a wrapped one")),
        // `KeyValue::decode` reads an item, so never yields the absence of one.
        KeyValue::Absent => return Err(invalid("no Key Value")),
    };
    let material = match structure.key_material {
        KeyMaterial::Bytes(b) => b,
        KeyMaterial::TransparentSymmetricKey(t) => t.key,
        _ => return Err(KmipError::UnsupportedKeyFormat { format }),
    };
    Ok((material, structure.attributes))
}

// ---------------------------------------------------------------------------------------------

/// Plaintext key material with its KMIP Key Format Type, Cryptographic Algorithm and Length,
/// borrowed: what a Get returns, in the clear ([`plaintext_key_block`]) or wrapped
/// ([`answer_get`], [`Wrapping::wrap_key`]). `Debug` does not show the material.
#[derive(Clone, Copy)]
pub struct PlainKey<'a> {
    material: &'a [u8],
    key_format_type: KeyFormatType,
    algorithm: Option<CryptographicAlgorithm>,
    length_bits: Option<i32>,
}

impl<'a> PlainKey<'a> {
    /// A Raw symmetric key: `length_bits` must be 8 × the material's length, and the material
    /// not empty.
    pub fn new(
        material: &'a [u8],
        algorithm: CryptographicAlgorithm,
        length_bits: i32,
    ) -> Result<Self, KmipError> {
        let bits = material.len().checked_mul(8).map(i32::try_from);
        if material.is_empty() || bits != Some(Ok(length_bits)) {
            return Err(KmipError::LengthMismatch {
                bits: length_bits,
                bytes: material.len(),
            });
        }
        Ok(PlainKey {
            material,
            key_format_type: KeyFormatType::RAW,
            algorithm: Some(algorithm),
            length_bits: Some(length_bits),
        })
    }

    /// Any managed object whose Key Block holds its material as a Byte String: a symmetric key
    /// (Raw), Secret Data (Raw or Opaque, without Cryptographic Algorithm and Length), or
    /// another byte-string format. A Transparent format is refused
    /// ([`KmipError::UnsupportedKeyFormat`]): its Key Material is a structure. When
    /// `length_bits` is given it must be 8 × the material's length; the material must not be
    /// empty.
    pub fn object(
        material: &'a [u8],
        key_format_type: KeyFormatType,
        algorithm: Option<CryptographicAlgorithm>,
        length_bits: Option<i32>,
    ) -> Result<Self, KmipError> {
        // Transparent Symmetric Key (0x07) to Transparent ECMQV Public Key (0x13), §9.1.3.2.3.
        let transparent = (KeyFormatType::TRANSPARENT_SYMMETRIC_KEY.0
            ..=KeyFormatType::TRANSPARENT_ECMQV_PUBLIC_KEY.0)
            .contains(&key_format_type.0);
        if transparent {
            return Err(KmipError::UnsupportedKeyFormat {
                format: key_format_type,
            });
        }
        let bits = material.len().checked_mul(8).map(i32::try_from);
        let length_ok = length_bits.is_none_or(|l| bits == Some(Ok(l)));
        if material.is_empty() || !length_ok {
            return Err(KmipError::LengthMismatch {
                bits: length_bits.unwrap_or(0),
                bytes: material.len(),
            });
        }
        Ok(PlainKey {
            material,
            key_format_type,
            algorithm,
            length_bits,
        })
    }

    /// A KEK: AES, 256 bits.
    pub fn from_kek(kek: &'a Kek) -> Self {
        PlainKey {
            material: kek.expose_secret(),
            key_format_type: KeyFormatType::RAW,
            algorithm: Some(CryptographicAlgorithm(
                KeyAlgorithm::Aes256.kmip_cryptographic_algorithm(),
            )),
            length_bits: Some(kmip_length(KeyAlgorithm::Aes256)),
        }
    }

    /// A DEK: AES, 256 bits, or 512 for an AES-256-XTS key pair.
    pub fn from_dek(dek: &'a Dek) -> Self {
        PlainKey {
            material: dek.expose_secret(),
            key_format_type: KeyFormatType::RAW,
            algorithm: Some(CryptographicAlgorithm(
                dek.algorithm().kmip_cryptographic_algorithm(),
            )),
            length_bits: Some(kmip_length(dek.algorithm())),
        }
    }

    /// The key material. Handle with care.
    pub fn expose_secret(&self) -> &'a [u8] {
        self.material
    }

    /// Key Format Type.
    pub fn key_format_type(&self) -> KeyFormatType {
        self.key_format_type
    }

    /// Cryptographic Algorithm (none for Secret Data).
    pub fn algorithm(&self) -> Option<CryptographicAlgorithm> {
        self.algorithm
    }

    /// Cryptographic Length, in bits (none for Secret Data).
    pub fn length_bits(&self) -> Option<i32> {
        self.length_bits
    }

    /// The Key Block of this key wrapped as `wrapping` says, `wrapped` being the wrap's output.
    fn wrapped_block(&self, wrapped: Vec<u8>, data: KeyWrappingData) -> KeyBlock {
        let mut block = KeyBlock::wrapped(
            self.key_format_type,
            self.algorithm.unwrap_or_default(),
            self.length_bits.unwrap_or_default(),
            wrapped,
            data,
        );
        block.cryptographic_algorithm = self.algorithm;
        block.cryptographic_length = self.length_bits;
        block
    }
}

impl fmt::Debug for PlainKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PlainKey")
            .field("algorithm", &self.algorithm)
            .field("length_bits", &self.length_bits)
            .finish_non_exhaustive()
    }
}

fn kmip_length(algorithm: KeyAlgorithm) -> i32 {
    // 256 or 512: always fits.
    i32::try_from(algorithm.kmip_cryptographic_length()).unwrap_or(i32::MAX)
}

/// This crate's algorithm for a KMIP AES key of `bits` bits (256 → AES-256, 512 → AES-256-XTS).
fn key_algorithm(
    algorithm: Option<CryptographicAlgorithm>,
    bits: i32,
) -> Result<KeyAlgorithm, KmipError> {
    if algorithm != Some(CryptographicAlgorithm::AES) {
        return Err(KmipError::UnsupportedKey {
            reason: "the Cryptographic Algorithm is not AES",
        });
    }
    [KeyAlgorithm::Aes256, KeyAlgorithm::Aes256Xts]
        .into_iter()
        .find(|a| kmip_length(*a) == bits)
        .ok_or(KmipError::UnsupportedKey {
            reason: "the Cryptographic Length is neither 256 (AES-256) nor 512 (AES-256-XTS)",
        })
}

// ---------------------------------------------------------------------------------------------

/// A Key Block with Key Wrapping Data, checked: the parts needed to unwrap it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedKeyBlock {
    /// Wrapping key, method and encoding.
    pub wrapping: Wrapping,
    /// Key Format Type of the wrapped key.
    pub key_format_type: KeyFormatType,
    /// Cryptographic Algorithm of the wrapped key.
    pub cryptographic_algorithm: Option<CryptographicAlgorithm>,
    /// Cryptographic Length of the wrapped key, in bits.
    pub cryptographic_length: Option<i32>,
    /// The wrapped bytes (the Key Value Byte String with TTLV Encoding, the Key Material with
    /// No Encoding).
    pub wrapped: Vec<u8>,
}

impl WrappedKeyBlock {
    /// Check a Key Block's Key Wrapping Data ([`Wrapping::from_key_wrapping_data`]) and that its
    /// Key Value has the form the Encoding Option says: a Byte String for TTLV Encoding, a
    /// structure with a Byte String Key Material and no attributes for No Encoding.
    pub fn from_key_block(block: &KeyBlock) -> Result<Self, KmipError> {
        let data = block
            .key_wrapping_data
            .as_ref()
            .ok_or(KmipError::NotWrapped)?;
        let wrapping = Wrapping::from_key_wrapping_data(data)?;
        let wrapped = match (wrapping.encoding, &block.key_value) {
            (KeyValueEncoding::Ttlv, KeyValue::Wrapped(bytes)) => bytes.as_bytes().to_vec(),
            (KeyValueEncoding::NoEncoding, KeyValue::Structure(s)) => {
                if !s.attributes.is_empty() {
                    return Err(KmipError::AttributesWithNoEncoding {
                        count: s.attributes.len(),
                    });
                }
                match &s.key_material {
                    KeyMaterial::Bytes(bytes) => bytes.expose().to_vec(),
                    _ => {
                        return Err(KmipError::EncodingMismatch {
                            expected: "a Byte String Key Material (No Encoding)",
                        });
                    }
                }
            }
            (KeyValueEncoding::Ttlv, KeyValue::Structure(_)) => {
                return Err(KmipError::EncodingMismatch {
                    expected: "a Byte String Key Value (TTLV Encoding)",
                });
            }
            (KeyValueEncoding::NoEncoding, KeyValue::Wrapped(_)) => {
                return Err(KmipError::EncodingMismatch {
                    expected: "a Key Value structure (No Encoding)",
                });
            }
            (_, KeyValue::Absent) => {
                return Err(KmipError::EncodingMismatch {
                    expected: "a Key Value (the Key Block has none)",
                });
            }
        };
        Ok(WrappedKeyBlock {
            wrapping,
            key_format_type: block.key_format_type,
            cryptographic_algorithm: block.cryptographic_algorithm,
            cryptographic_length: block.cryptographic_length,
            wrapped,
        })
    }

    /// Unwrap with `kek`, which must be the key named (compared in constant time) and Active or
    /// Deactivated. With TTLV Encoding the unwrapped bytes must be exactly one TTLV Key Value
    /// structure whose Key Material is a Byte String (or a Transparent Symmetric Key); its
    /// attributes are returned too. For AES the Cryptographic Length, when present, must be
    /// 8 × the key's length in bytes.
    pub fn unwrap(&self, kek: &Kek) -> Result<UnwrappedKey, KmipError> {
        self.unwrap_inner(kek, false)
    }

    /// As [`WrappedKeyBlock::unwrap`], but also with a Compromised KEK, on the caller's
    /// explicit decision.
    pub fn unwrap_allow_compromised(&self, kek: &Kek) -> Result<UnwrappedKey, KmipError> {
        self.unwrap_inner(kek, true)
    }

    fn unwrap_inner(&self, kek: &Kek, allow_compromised: bool) -> Result<UnwrappedKey, KmipError> {
        self.wrapping.check_kek(kek)?;
        if !kek.state().can_unwrap(allow_compromised) {
            return Err(Error::KeyNotUsable {
                state: kek.state(),
                operation: "unwrap",
            }
            .into());
        }
        let plain = self
            .wrapping
            .method
            .unwrap(kek.expose_secret(), &self.wrapped)?;
        let (material, attributes) = match self.wrapping.encoding {
            KeyValueEncoding::NoEncoding => (SecretBytes::from(plain), Vec::new()),
            KeyValueEncoding::Ttlv => decode_key_value(&plain, self.key_format_type)?,
        };
        if let (Some(CryptographicAlgorithm::AES), Some(bits)) =
            (self.cryptographic_algorithm, self.cryptographic_length)
        {
            let expected = material.len().checked_mul(8).map(i32::try_from);
            if expected != Some(Ok(bits)) {
                return Err(KmipError::LengthMismatch {
                    bits,
                    bytes: material.len(),
                });
            }
        }
        Ok(UnwrappedKey {
            key_format_type: self.key_format_type,
            cryptographic_algorithm: self.cryptographic_algorithm,
            cryptographic_length: self.cryptographic_length,
            material,
            attributes,
        })
    }
}

/// A key unwrapped from a Key Block. The material is a zeroizing [`SecretBytes`], redacted in
/// `Debug`.
#[derive(Debug)]
pub struct UnwrappedKey {
    /// Key Format Type of the key.
    pub key_format_type: KeyFormatType,
    /// Cryptographic Algorithm.
    pub cryptographic_algorithm: Option<CryptographicAlgorithm>,
    /// Cryptographic Length, in bits.
    pub cryptographic_length: Option<i32>,
    /// The key bytes (for a Transparent Symmetric Key, its Key).
    pub material: SecretBytes,
    /// Attributes that were wrapped with the key (TTLV Encoding only).
    pub attributes: Vec<Attribute>,
}

impl UnwrappedKey {
    fn check_symmetric_format(&self) -> Result<(), KmipError> {
        match self.key_format_type {
            KeyFormatType::RAW | KeyFormatType::TRANSPARENT_SYMMETRIC_KEY => Ok(()),
            format => Err(KmipError::UnsupportedKeyFormat { format }),
        }
    }

    /// The key as a DEK named `id`: Raw (or Transparent Symmetric Key) AES, 256 bits
    /// (AES-256) or 512 bits (AES-256-XTS; equal halves refused). Without a Cryptographic
    /// Length, the material's length decides.
    pub fn into_dek(self, id: KeyId) -> Result<Dek, KmipError> {
        self.check_symmetric_format()?;
        let bits = match self.cryptographic_length {
            Some(bits) => bits,
            None => self
                .material
                .len()
                .checked_mul(8)
                .and_then(|b| i32::try_from(b).ok())
                .unwrap_or(i32::MAX),
        };
        let algorithm = key_algorithm(self.cryptographic_algorithm, bits)?;
        Ok(Dek::from_bytes(id, algorithm, self.material.expose())?)
    }

    /// The key as a KEK named `id` (Active): Raw (or Transparent Symmetric Key) AES-256.
    pub fn into_kek(self, id: KeyId) -> Result<Kek, KmipError> {
        self.check_symmetric_format()?;
        let bits = self.cryptographic_length.unwrap_or(256);
        if key_algorithm(self.cryptographic_algorithm, bits)? != KeyAlgorithm::Aes256 {
            return Err(KmipError::UnsupportedKey {
                reason: "a KEK is an AES-256 key",
            });
        }
        Ok(Kek::from_bytes(id, self.material.expose())?)
    }
}

// ---------------------------------------------------------------------------------------------

/// A DEK wrapped plainly under a KEK (NIST Key Wrap or AES Key Wrap Padding with the KEK
/// itself): the one [`WrappedKey`] form that has a KMIP equivalent, a Key Block with Key
/// Wrapping Data and Encoding Option No Encoding.
///
/// The storage form of KEKs and KDKs (wrapped under the root) cannot become one
/// ([`KmipError::RootWrappedStorageForm`]), nor can context-bound or KDK-derived DEKs
/// ([`KmipError::NotInteroperable`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KekWrappedKey(WrappedKey);

impl KekWrappedKey {
    /// Wrap `dek` under `kek` (Active) with `method`, in the plain KMIP form.
    pub fn wrap_dek(kek: &Kek, dek: &Dek, method: WrapMethod) -> Result<Self, KmipError> {
        Self::try_from(kek.wrap_dek(dek, method, Binding::Plain)?)
    }

    /// The wrapped key.
    pub fn wrapped_key(&self) -> &WrappedKey {
        &self.0
    }

    /// The wrapped key, by value (for [`WrappedKey::encode`] or
    /// [`crate::KeyHierarchy::unwrap_dek`] with [`Binding::Plain`]).
    pub fn into_wrapped_key(self) -> WrappedKey {
        self.0
    }

    /// The wrapping: the KEK's id, the method, and No Encoding.
    pub fn wrapping(&self) -> Wrapping {
        Wrapping {
            wrapping_key_id: *self.0.wrapping_key_id(),
            method: self.0.method(),
            encoding: KeyValueEncoding::NoEncoding,
        }
    }

    /// The Key Block: Raw, the DEK's Cryptographic Algorithm (AES) and Length (256 or 512),
    /// Key Material the wrapped bytes, Key Wrapping Data with Wrapping Method Encrypt, the
    /// KEK's Unique Identifier, Block Cipher Mode `0x0D` (KW) or `0x0C` (KWP), and Encoding
    /// Option No Encoding.
    pub fn to_key_block(&self) -> Result<KeyBlock, KmipError> {
        let data = self.wrapping().to_key_wrapping_data()?;
        let algorithm = self.0.algorithm();
        Ok(KeyBlock::wrapped(
            KeyFormatType::RAW,
            CryptographicAlgorithm(algorithm.kmip_cryptographic_algorithm()),
            kmip_length(algorithm),
            self.0.wrapped_bytes().to_vec(),
            data,
        ))
    }

    /// The wrapped DEK `key_id` in a Key Block (the Unique Identifier of the Get response; a Key
    /// Block does not carry its own): Encoding Option No Encoding, Key Format Type Raw, AES with
    /// Cryptographic Length 256 or 512, and wrapped bytes of exactly the method's output length
    /// (40 or 72).
    pub fn from_key_block(block: &KeyBlock, key_id: KeyId) -> Result<Self, KmipError> {
        let parsed = WrappedKeyBlock::from_key_block(block)?;
        if parsed.wrapping.encoding != KeyValueEncoding::NoEncoding {
            return Err(KmipError::TtlvEncodedKeyValue);
        }
        if parsed.key_format_type != KeyFormatType::RAW {
            return Err(KmipError::UnsupportedKeyFormat {
                format: parsed.key_format_type,
            });
        }
        let bits = parsed
            .cryptographic_length
            .ok_or(KmipError::UnsupportedKey {
                reason: "no Cryptographic Length",
            })?;
        let algorithm = key_algorithm(parsed.cryptographic_algorithm, bits)?;
        let wrapped = WrappedKey::from_parts(WrappedKeyParts {
            kind: KeyKind::Dek,
            key_id,
            algorithm,
            method: parsed.wrapping.method,
            context_bound: false,
            wrapping_key_id: parsed.wrapping.wrapping_key_id,
            wrapping_key_version: 0,
            kdk_id: None,
            wrapped: parsed.wrapped,
        })?;
        Ok(KekWrappedKey(wrapped))
    }
}

impl TryFrom<WrappedKey> for KekWrappedKey {
    type Error = KmipError;

    /// Accepts a DEK wrapped plainly under a KEK; refuses the root-wrapped storage form of a
    /// KEK or KDK, and this crate's own forms (context-bound, KDK-derived, versioned wrapping
    /// key).
    fn try_from(wrapped: WrappedKey) -> Result<Self, KmipError> {
        match wrapped.kind() {
            KeyKind::Dek => {}
            kind => return Err(KmipError::RootWrappedStorageForm { kind }),
        }
        if wrapped.is_context_bound() {
            return Err(KmipError::NotInteroperable {
                what: "context-bound",
            });
        }
        if wrapped.kdk_id().is_some() {
            return Err(KmipError::NotInteroperable {
                what: "KDK-derived",
            });
        }
        if wrapped.wrapping_key_version() != 0 {
            return Err(KmipError::NotInteroperable {
                what: "versioned-wrapping-key",
            });
        }
        Ok(KekWrappedKey(wrapped))
    }
}

impl From<KekWrappedKey> for WrappedKey {
    fn from(k: KekWrappedKey) -> Self {
        k.0
    }
}

/// A key's lifecycle state as KMIP's State enumeration (§3.22; the values are the same).
impl From<KeyState> for kmip_types::State {
    fn from(state: KeyState) -> Self {
        Self(state.kmip_value())
    }
}

/// KMIP's State as a key's lifecycle state; a value KMIP does not define is returned as the
/// error.
impl TryFrom<kmip_types::State> for KeyState {
    type Error = kmip_types::State;

    fn try_from(state: kmip_types::State) -> Result<Self, Self::Error> {
        KeyState::from_kmip_value(state.0).ok_or(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_states_are_kmip_states() {
        use kmip_types::State;
        let pairs = [
            (KeyState::PreActive, State::PRE_ACTIVE),
            (KeyState::Active, State::ACTIVE),
            (KeyState::Deactivated, State::DEACTIVATED),
            (KeyState::Compromised, State::COMPROMISED),
            (KeyState::Destroyed, State::DESTROYED),
            (KeyState::DestroyedCompromised, State::DESTROYED_COMPROMISED),
        ];
        for (k, s) in pairs {
            assert_eq!(State::from(k), s);
            assert_eq!(KeyState::try_from(s), Ok(k));
        }
        assert_eq!(KeyState::try_from(State(7)), Err(State(7)));
        assert_eq!(KeyState::try_from(State(0)), Err(State(0)));
    }

    #[test]
    fn key_value_encoding_fits_its_buffer_exactly() {
        for len in [1usize, 7, 8, 9, 16, 32, 33, 64] {
            let material = vec![0x5A; len];
            let buf = encode_key_value(&material).unwrap();
            let expected = 16 + len.div_ceil(8) * 8;
            // Exactly the length reserved: the buffer was never reallocated, so no copy of the
            // key was freed without being zeroized.
            assert_eq!(buf.len(), expected, "len {len}");
            assert!(buf.capacity() >= expected);
            // Key Value header, Key Material header, material, zero padding.
            assert_eq!(&buf[..4], &[0x42, 0x00, 0x45, 0x01]);
            assert_eq!(&buf[8..12], &[0x42, 0x00, 0x43, 0x08]);
            assert_eq!(&buf[12..16], &(len as u32).to_be_bytes());
            assert_eq!(&buf[16..16 + len], material.as_slice());
            assert!(buf[16 + len..].iter().all(|b| *b == 0));
        }
    }

    #[test]
    fn encoding_option_values() {
        assert_eq!(
            KeyValueEncoding::from_encoding_option(None).unwrap(),
            KeyValueEncoding::Ttlv
        );
        assert_eq!(
            KeyValueEncoding::NoEncoding.encoding_option(),
            EncodingOption(1)
        );
        assert_eq!(KeyValueEncoding::Ttlv.encoding_option(), EncodingOption(2));
        assert!(matches!(
            KeyValueEncoding::from_encoding_option(Some(EncodingOption(3))),
            Err(KmipError::UnsupportedEncodingOption { .. })
        ));
    }
}
