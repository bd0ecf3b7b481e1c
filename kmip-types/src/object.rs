//! Managed objects (KMIP 1.1 §2.2) and the common structures that carry keys: Key Block
//! (§2.1.3), Key Value (§2.1.4), Key Wrapping Data (§2.1.5), Key Wrapping Specification
//! (§2.1.6), the Transparent key structures (§2.1.7) and Extension Information (§2.1.9).
//!
//! Key material lives in zeroizing types ([`SecretBytes`], [`SecretBigInteger`]) and never
//! shows in `Debug`.

use core::fmt;

use kmip_ttlv::{Cursor, Item, ItemType, Tag};

use crate::attribute::{Attribute, CryptographicParameters};
use crate::codec::{
    Context, DecodeInPlace, Encoder, FromTtlv, Interleave, RawItem, ReadCommon, StructReader,
    ToTtlv, bit, expect_type, read_optional, required,
};
use crate::value::{BigInteger, ByteString, SecretBigInteger, SecretBytes};
use crate::{
    CertificateType, CryptographicAlgorithm, EncodingOption, Error, ErrorKind, KeyCompressionType,
    KeyFormatType, ObjectType, OpaqueDataType, ProtocolVersion, RecommendedCurve, SecretDataType,
    SplitKeyMethod, UnknownItem, WrappingMethod, tag,
};

structure! {
    /// Encryption Key Information (§2.1.5): the key that wraps (encrypts) a Key Value.
    #[derive(PartialEq, Eq, Default)]
    pub struct EncryptionKeyInformation {
        /// Unique Identifier of the wrapping key.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
        /// Cryptographic Parameters of the wrapping (e.g. Block Cipher Mode NISTKeyWrap).
        pub cryptographic_parameters: Option<CryptographicParameters> = opt(tag::CRYPTOGRAPHIC_PARAMETERS),
    }
}

structure! {
    /// MAC/Signature Key Information (§2.1.5): the key that MACs or signs a Key Value.
    #[derive(PartialEq, Eq, Default)]
    pub struct MacSignatureKeyInformation {
        /// Unique Identifier of the MAC or signing key.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
        /// Cryptographic Parameters of the MAC or signature.
        pub cryptographic_parameters: Option<CryptographicParameters> = opt(tag::CRYPTOGRAPHIC_PARAMETERS),
    }
}

structure! {
    in_place;
    /// Key Wrapping Data (§2.1.5): how the Key Value of a Key Block was wrapped.
    #[derive(PartialEq, Eq, Default)]
    pub struct KeyWrappingData {
        /// Wrapping Method.
        pub wrapping_method: WrappingMethod = req(tag::WRAPPING_METHOD),
        /// Encryption Key Information.
        pub encryption_key_information: Option<EncryptionKeyInformation> = opt(tag::ENCRYPTION_KEY_INFORMATION),
        /// MAC/Signature Key Information.
        pub mac_signature_key_information: Option<MacSignatureKeyInformation> = opt(tag::MAC_SIGNATURE_KEY_INFORMATION),
        /// MAC/Signature over the Key Value.
        pub mac_signature: Option<ByteString> = opt(tag::MAC_SIGNATURE),
        /// IV/Counter/Nonce used by the wrapping.
        pub iv_counter_nonce: Option<ByteString> = opt(tag::IV_COUNTER_NONCE),
        /// Encoding Option (KMIP 1.1): TTLV Encoding (the default) wraps the whole Key Value,
        /// No Encoding wraps only the Key Material.
        pub encoding_option: Option<EncodingOption> = opt(tag::ENCODING_OPTION),
    }
}

impl KeyWrappingData {
    /// Wrapped by encryption with the key `wrapping_key_id` and the given block cipher mode
    /// (e.g. [`BlockCipherMode::NIST_KEY_WRAP`](crate::BlockCipherMode::NIST_KEY_WRAP) for
    /// RFC 3394).
    pub fn encrypted(
        wrapping_key_id: impl Into<String>,
        block_cipher_mode: crate::BlockCipherMode,
    ) -> Self {
        Self {
            wrapping_method: WrappingMethod::ENCRYPT,
            encryption_key_information: Some(EncryptionKeyInformation {
                unique_identifier: wrapping_key_id.into(),
                cryptographic_parameters: Some(CryptographicParameters {
                    block_cipher_mode: Some(block_cipher_mode),
                    ..CryptographicParameters::default()
                }),
                unknown: Vec::new(),
            }),
            ..Self::default()
        }
    }
}

structure! {
    /// Key Wrapping Specification (§2.1.6): how a client asks for a key to be wrapped (Get).
    #[derive(PartialEq, Eq, Default)]
    pub struct KeyWrappingSpecification {
        /// Wrapping Method.
        pub wrapping_method: WrappingMethod = req(tag::WRAPPING_METHOD),
        /// Encryption Key Information.
        pub encryption_key_information: Option<EncryptionKeyInformation> = opt(tag::ENCRYPTION_KEY_INFORMATION),
        /// MAC/Signature Key Information.
        pub mac_signature_key_information: Option<MacSignatureKeyInformation> = opt(tag::MAC_SIGNATURE_KEY_INFORMATION),
        /// Names of attributes to wrap together with the key material.
        pub attribute_names: Vec<String> = rep(tag::ATTRIBUTE_NAME),
        /// Encoding Option (KMIP 1.1).
        pub encoding_option: Option<EncodingOption> = opt(tag::ENCODING_OPTION),
    }
}

structure! {
    /// Transparent Symmetric Key (§2.1.7.1).
    #[derive(Default)]
    pub struct TransparentSymmetricKey {
        /// Key.
        pub key: SecretBytes = req(tag::KEY),
    }
}

structure! {
    /// Transparent DSA Private Key (§2.1.7.2).
    #[derive(Default)]
    pub struct TransparentDsaPrivateKey {
        /// P, the prime modulus.
        pub p: BigInteger = req(tag::P),
        /// Q, the prime divisor of P-1.
        pub q: BigInteger = req(tag::Q),
        /// G, the generator.
        pub g: BigInteger = req(tag::G),
        /// X, the private key.
        pub x: SecretBigInteger = req(tag::X),
    }
}

structure! {
    /// Transparent DSA Public Key (§2.1.7.3).
    #[derive(PartialEq, Eq, Default)]
    pub struct TransparentDsaPublicKey {
        /// P, the prime modulus.
        pub p: BigInteger = req(tag::P),
        /// Q, the prime divisor of P-1.
        pub q: BigInteger = req(tag::Q),
        /// G, the generator.
        pub g: BigInteger = req(tag::G),
        /// Y, the public key.
        pub y: BigInteger = req(tag::Y),
    }
}

structure! {
    /// Transparent RSA Private Key (§2.1.7.4): the modulus and either the private exponent or
    /// the CRT components.
    #[derive(Default)]
    pub struct TransparentRsaPrivateKey {
        /// Modulus.
        pub modulus: BigInteger = req(tag::MODULUS),
        /// Private Exponent.
        pub private_exponent: Option<SecretBigInteger> = opt(tag::PRIVATE_EXPONENT),
        /// Public Exponent.
        pub public_exponent: Option<BigInteger> = opt(tag::PUBLIC_EXPONENT),
        /// P, the first prime factor.
        pub p: Option<SecretBigInteger> = opt(tag::P),
        /// Q, the second prime factor.
        pub q: Option<SecretBigInteger> = opt(tag::Q),
        /// Prime Exponent P.
        pub prime_exponent_p: Option<SecretBigInteger> = opt(tag::PRIME_EXPONENT_P),
        /// Prime Exponent Q.
        pub prime_exponent_q: Option<SecretBigInteger> = opt(tag::PRIME_EXPONENT_Q),
        /// CRT Coefficient.
        pub crt_coefficient: Option<SecretBigInteger> = opt(tag::CRT_COEFFICIENT),
    }
}

structure! {
    /// Transparent RSA Public Key (§2.1.7.5).
    #[derive(PartialEq, Eq, Default)]
    pub struct TransparentRsaPublicKey {
        /// Modulus.
        pub modulus: BigInteger = req(tag::MODULUS),
        /// Public Exponent.
        pub public_exponent: BigInteger = req(tag::PUBLIC_EXPONENT),
    }
}

structure! {
    /// Transparent DH Private Key (§2.1.7.6).
    #[derive(Default)]
    pub struct TransparentDhPrivateKey {
        /// P, the prime modulus.
        pub p: BigInteger = req(tag::P),
        /// Q, the prime factor of P-1.
        pub q: Option<BigInteger> = opt(tag::Q),
        /// G, the generator.
        pub g: BigInteger = req(tag::G),
        /// J, the cofactor.
        pub j: Option<BigInteger> = opt(tag::J),
        /// X, the private key.
        pub x: SecretBigInteger = req(tag::X),
    }
}

structure! {
    /// Transparent DH Public Key (§2.1.7.7).
    #[derive(PartialEq, Eq, Default)]
    pub struct TransparentDhPublicKey {
        /// P, the prime modulus.
        pub p: BigInteger = req(tag::P),
        /// Q, the prime factor of P-1.
        pub q: Option<BigInteger> = opt(tag::Q),
        /// G, the generator.
        pub g: BigInteger = req(tag::G),
        /// J, the cofactor.
        pub j: Option<BigInteger> = opt(tag::J),
        /// Y, the public key.
        pub y: BigInteger = req(tag::Y),
    }
}

structure! {
    /// Transparent ECDSA, ECDH and ECMQV Private Key (§2.1.7.8, §2.1.7.10, §2.1.7.12): the
    /// three have the same fields.
    #[derive(Default)]
    pub struct TransparentEcPrivateKey {
        /// Recommended Curve.
        pub recommended_curve: RecommendedCurve = req(tag::RECOMMENDED_CURVE),
        /// D, the private key.
        pub d: SecretBigInteger = req(tag::D),
    }
}

structure! {
    /// Transparent ECDSA, ECDH and ECMQV Public Key (§2.1.7.9, §2.1.7.11, §2.1.7.13).
    #[derive(PartialEq, Eq, Default)]
    pub struct TransparentEcPublicKey {
        /// Recommended Curve.
        pub recommended_curve: RecommendedCurve = req(tag::RECOMMENDED_CURVE),
        /// Q String, the public point.
        pub q_string: ByteString = req(tag::Q_STRING),
    }
}

/// Key Material (§2.1.4): a Byte String for the byte formats (Raw, Opaque, PKCS#1, PKCS#8,
/// X.509, ECPrivateKey, and wrapped material under Encoding Option No Encoding), a Transparent
/// structure for the Transparent formats. The larger Transparent structures are boxed, so
/// that a Key Block stays small for the common byte formats.
#[derive(Clone, Debug)]
pub enum KeyMaterial {
    /// Key material bytes.
    Bytes(SecretBytes),
    /// Transparent Symmetric Key.
    TransparentSymmetricKey(TransparentSymmetricKey),
    /// Transparent DSA Private Key.
    TransparentDsaPrivateKey(Box<TransparentDsaPrivateKey>),
    /// Transparent DSA Public Key.
    TransparentDsaPublicKey(Box<TransparentDsaPublicKey>),
    /// Transparent RSA Private Key.
    TransparentRsaPrivateKey(Box<TransparentRsaPrivateKey>),
    /// Transparent RSA Public Key.
    TransparentRsaPublicKey(Box<TransparentRsaPublicKey>),
    /// Transparent DH Private Key.
    TransparentDhPrivateKey(Box<TransparentDhPrivateKey>),
    /// Transparent DH Public Key.
    TransparentDhPublicKey(Box<TransparentDhPublicKey>),
    /// Transparent ECDSA, ECDH or ECMQV Private Key (the Key Format Type says which).
    TransparentEcPrivateKey(TransparentEcPrivateKey),
    /// Transparent ECDSA, ECDH or ECMQV Public Key (the Key Format Type says which).
    TransparentEcPublicKey(TransparentEcPublicKey),
    /// A structure for a Key Format Type the model does not know, kept verbatim.
    Other(RawItem),
}

impl KeyMaterial {
    /// Decodes the Key Material `item` of a Key Block whose Key Format Type is `format`.
    ///
    /// # Errors
    /// A wrong item type or an invalid Transparent structure.
    pub fn decode(item: &Item<'_>, format: KeyFormatType, cx: &Context) -> Result<Self, Error> {
        if item.item_type() == ItemType::ByteString {
            return Ok(Self::Bytes(SecretBytes::from_ttlv(item, cx)?));
        }
        if item.item_type() != ItemType::Structure {
            return Err(Error::new(
                ErrorKind::WrongType {
                    tag: item.tag(),
                    expected: ItemType::ByteString,
                    found: item.item_type(),
                },
                item.offset(),
            ));
        }
        Ok(match format {
            KeyFormatType::TRANSPARENT_SYMMETRIC_KEY => {
                Self::TransparentSymmetricKey(FromTtlv::from_ttlv(item, cx)?)
            }
            KeyFormatType::TRANSPARENT_DSA_PRIVATE_KEY => {
                Self::TransparentDsaPrivateKey(FromTtlv::from_ttlv(item, cx)?)
            }
            KeyFormatType::TRANSPARENT_DSA_PUBLIC_KEY => {
                Self::TransparentDsaPublicKey(FromTtlv::from_ttlv(item, cx)?)
            }
            KeyFormatType::TRANSPARENT_RSA_PRIVATE_KEY => {
                Self::TransparentRsaPrivateKey(FromTtlv::from_ttlv(item, cx)?)
            }
            KeyFormatType::TRANSPARENT_RSA_PUBLIC_KEY => {
                Self::TransparentRsaPublicKey(FromTtlv::from_ttlv(item, cx)?)
            }
            KeyFormatType::TRANSPARENT_DH_PRIVATE_KEY => {
                Self::TransparentDhPrivateKey(FromTtlv::from_ttlv(item, cx)?)
            }
            KeyFormatType::TRANSPARENT_DH_PUBLIC_KEY => {
                Self::TransparentDhPublicKey(FromTtlv::from_ttlv(item, cx)?)
            }
            KeyFormatType::TRANSPARENT_ECDSA_PRIVATE_KEY
            | KeyFormatType::TRANSPARENT_ECDH_PRIVATE_KEY
            | KeyFormatType::TRANSPARENT_ECMQV_PRIVATE_KEY => {
                Self::TransparentEcPrivateKey(FromTtlv::from_ttlv(item, cx)?)
            }
            KeyFormatType::TRANSPARENT_ECDSA_PUBLIC_KEY
            | KeyFormatType::TRANSPARENT_ECDH_PUBLIC_KEY
            | KeyFormatType::TRANSPARENT_ECMQV_PUBLIC_KEY => {
                Self::TransparentEcPublicKey(FromTtlv::from_ttlv(item, cx)?)
            }
            _ => Self::Other(RawItem::from_item(item)),
        })
    }
}

impl ToTtlv for KeyMaterial {
    fn to_ttlv(&self, tag: Tag, e: &mut Encoder<'_>) {
        match self {
            Self::Bytes(b) => b.to_ttlv(tag, e),
            Self::TransparentSymmetricKey(k) => k.to_ttlv(tag, e),
            Self::TransparentDsaPrivateKey(k) => k.to_ttlv(tag, e),
            Self::TransparentDsaPublicKey(k) => k.to_ttlv(tag, e),
            Self::TransparentRsaPrivateKey(k) => k.to_ttlv(tag, e),
            Self::TransparentRsaPublicKey(k) => k.to_ttlv(tag, e),
            Self::TransparentDhPrivateKey(k) => k.to_ttlv(tag, e),
            Self::TransparentDhPublicKey(k) => k.to_ttlv(tag, e),
            Self::TransparentEcPrivateKey(k) => k.to_ttlv(tag, e),
            Self::TransparentEcPublicKey(k) => k.to_ttlv(tag, e),
            Self::Other(raw) => e.raw(raw),
        }
    }
}

/// The plaintext form of a Key Value (§2.1.4): Key Material and attributes.
#[derive(Clone)]
pub struct KeyValueStructure {
    /// Key Material.
    pub key_material: KeyMaterial,
    /// Attributes carried with the key.
    pub attributes: Vec<Attribute>,
    /// Items this model does not know, kept in place.
    pub unknown: Vec<UnknownItem>,
}

impl fmt::Debug for KeyValueStructure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("KeyValueStructure");
        s.field("key_material", &self.key_material);
        if !self.attributes.is_empty() {
            s.field("attributes", &self.attributes);
        }
        if !self.unknown.is_empty() {
            s.field("unknown", &self.unknown);
        }
        s.finish()
    }
}

/// Key Value (§2.1.4): a Byte String when the Key Block is wrapped with the TTLV Encoding
/// option (the encrypted TTLV encoding of the Key Value structure), a structure otherwise
/// (plaintext, or wrapped with No Encoding: then its Key Material holds the wrapped bytes).
#[derive(Clone, Debug)]
#[allow(
    clippy::large_enum_variant,
    reason = "the structure is the common case; boxing it would burden every match"
)]
pub enum KeyValue {
    /// The wrapped Key Value.
    Wrapped(ByteString),
    /// The Key Value structure.
    Structure(KeyValueStructure),
    /// No Key Value: from KMIP 1.2 on a Key Block may leave it out, the material being kept
    /// where the object's Key Value Location attribute says (§2.1.3, §3.47). Written as
    /// nothing; decoded only from a message of KMIP 1.2 or later (before, Key Value is
    /// required).
    Absent,
}

impl KeyValue {
    /// A plaintext Key Value holding key material bytes.
    pub fn bytes(material: impl Into<SecretBytes>) -> Self {
        Self::Structure(KeyValueStructure {
            key_material: KeyMaterial::Bytes(material.into()),
            attributes: Vec::new(),
            unknown: Vec::new(),
        })
    }

    /// Decodes the Key Value `item` of a Key Block whose Key Format Type is `format`.
    ///
    /// # Errors
    /// A wrong item type or invalid key material.
    pub fn decode(item: &Item<'_>, format: KeyFormatType, cx: &Context) -> Result<Self, Error> {
        if item.item_type() == ItemType::ByteString {
            return Ok(Self::Wrapped(ByteString::from_ttlv(item, cx)?));
        }
        // Fields: 0 Key Material, 1 Attribute (zero or more).
        let mut r = StructReader::new(item, bit(1), cx)?;
        let mut key_material = None;
        let mut attributes = Vec::new();
        while let Some(child) = r.next() {
            match child.tag() {
                tag::KEY_MATERIAL => {
                    r.known(0, &child)?;
                    key_material =
                        Some(r.decode_with(&child, |m, cx| KeyMaterial::decode(m, format, cx))?);
                }
                tag::ATTRIBUTE => {
                    r.known(1, &child)?;
                    attributes.push(r.decode(&child)?);
                }
                _ => r.unknown(&child),
            }
        }
        Ok(Self::Structure(KeyValueStructure {
            key_material: required(key_material, &r, tag::KEY_MATERIAL)?,
            attributes,
            unknown: r.finish(),
        }))
    }

    /// The key material bytes of a plaintext (or No Encoding) Key Value in a byte format.
    pub fn key_bytes(&self) -> Option<&SecretBytes> {
        match self {
            Self::Structure(KeyValueStructure {
                key_material: KeyMaterial::Bytes(b),
                ..
            }) => Some(b),
            _ => None,
        }
    }
}

impl ToTtlv for KeyValue {
    fn to_ttlv(&self, tag: Tag, e: &mut Encoder<'_>) {
        match self {
            Self::Absent => {}
            Self::Wrapped(bytes) => bytes.to_ttlv(tag, e),
            Self::Structure(s) => e.structure(tag, |e| {
                let mut u = Interleave::new(&s.unknown);
                u.field(e, tag::KEY_MATERIAL, &s.key_material);
                for a in &s.attributes {
                    u.field(e, tag::ATTRIBUTE, a);
                }
                u.rest(e);
            }),
        }
    }
}

/// Key Block (§2.1.3): a key in a given format, possibly wrapped.
#[derive(Clone)]
pub struct KeyBlock {
    /// Key Format Type.
    pub key_format_type: KeyFormatType,
    /// Key Compression Type (elliptic curve public keys).
    pub key_compression_type: Option<KeyCompressionType>,
    /// Key Value.
    pub key_value: KeyValue,
    /// Cryptographic Algorithm (required unless the object is Opaque or Secret Data).
    pub cryptographic_algorithm: Option<CryptographicAlgorithm>,
    /// Cryptographic Length, in bits.
    pub cryptographic_length: Option<i32>,
    /// Key Wrapping Data, when the Key Value is wrapped. Boxed: it is about 550 bytes (two
    /// key informations with their Cryptographic Parameters), which would otherwise make
    /// every Key Block, managed object and batch item that large, wrapped or not.
    pub key_wrapping_data: Option<Box<KeyWrappingData>>,
    /// Items this model does not know, kept in place.
    pub unknown: Vec<UnknownItem>,
}

impl KeyBlock {
    /// A plaintext Raw symmetric key: the material's length in bits is the Cryptographic
    /// Length.
    pub fn raw_symmetric(algorithm: CryptographicAlgorithm, key: impl Into<SecretBytes>) -> Self {
        let key = key.into();
        let bits = i32::try_from(key.len().saturating_mul(8)).unwrap_or(i32::MAX);
        Self {
            key_format_type: KeyFormatType::RAW,
            key_compression_type: None,
            key_value: KeyValue::bytes(key),
            cryptographic_algorithm: Some(algorithm),
            cryptographic_length: Some(bits),
            key_wrapping_data: None,
            unknown: Vec::new(),
        }
    }

    /// A wrapped key: `wrapped` is the wrapping's output (with the default TTLV Encoding, the
    /// encrypted encoding of the Key Value structure; with No Encoding the encrypted key
    /// material, carried as Key Material inside a Key Value structure).
    pub fn wrapped(
        key_format_type: KeyFormatType,
        algorithm: CryptographicAlgorithm,
        length_bits: i32,
        wrapped: Vec<u8>,
        key_wrapping_data: KeyWrappingData,
    ) -> Self {
        let key_value = if key_wrapping_data.encoding_option == Some(EncodingOption::NO_ENCODING) {
            KeyValue::bytes(wrapped)
        } else {
            KeyValue::Wrapped(ByteString(wrapped))
        };
        Self {
            key_format_type,
            key_compression_type: None,
            key_value,
            cryptographic_algorithm: Some(algorithm),
            cryptographic_length: Some(length_bits),
            key_wrapping_data: Some(Box::new(key_wrapping_data)),
            unknown: Vec::new(),
        }
    }

    /// Whether the Key Value is wrapped (Key Wrapping Data present).
    pub fn is_wrapped(&self) -> bool {
        self.key_wrapping_data.is_some()
    }

    /// The key material bytes of an unwrapped key in a byte format (Raw, PKCS#1, ...).
    pub fn key_bytes(&self) -> Option<&SecretBytes> {
        if self.is_wrapped() {
            return None;
        }
        self.key_value.key_bytes()
    }
}

impl FromTtlv for KeyBlock {
    #[inline]
    fn from_ttlv(item: &Item<'_>, cx: &Context) -> Result<Self, Error> {
        Self::decode_by_value(item, cx)
    }
}

impl DecodeInPlace for KeyBlock {
    #[inline]
    fn placeholder() -> Self {
        Self {
            key_format_type: KeyFormatType::default(),
            key_compression_type: None,
            key_value: KeyValue::Wrapped(ByteString::default()),
            cryptographic_algorithm: None,
            cryptographic_length: None,
            key_wrapping_data: None,
            unknown: Vec::new(),
        }
    }

    fn decode_in_place(&mut self, item: &Item<'_>, cx: &Context) -> Result<(), Error> {
        // Fields: 0 Key Format Type, 1 Key Compression Type, 2 Key Value, 3 Cryptographic
        // Algorithm, 4 Cryptographic Length, 5 Key Wrapping Data.
        let mut r = StructReader::new(item, 0, cx)?;
        let mut format = None;
        let mut key_value = false;
        while let Some(child) = r.next() {
            match child.tag() {
                tag::KEY_FORMAT_TYPE => {
                    r.known(0, &child)?;
                    format = Some(r.decode::<KeyFormatType>(&child)?);
                }
                tag::KEY_COMPRESSION_TYPE => {
                    r.known(1, &child)?;
                    self.key_compression_type = Some(r.decode(&child)?);
                }
                tag::KEY_VALUE => {
                    r.known(2, &child)?;
                    // The format says how to read the value.
                    let Some(format) = format else {
                        return Err(r.absent(tag::KEY_FORMAT_TYPE));
                    };
                    self.key_value =
                        r.decode_with(&child, |v, cx| KeyValue::decode(v, format, cx))?;
                    key_value = true;
                }
                tag::CRYPTOGRAPHIC_ALGORITHM => {
                    r.known(3, &child)?;
                    self.cryptographic_algorithm = Some(r.decode(&child)?);
                }
                tag::CRYPTOGRAPHIC_LENGTH => {
                    r.known(4, &child)?;
                    self.cryptographic_length = Some(r.decode(&child)?);
                }
                tag::KEY_WRAPPING_DATA => {
                    r.known(5, &child)?;
                    let slot = self
                        .key_wrapping_data
                        .insert(Box::new(KeyWrappingData::placeholder()));
                    r.decode_in_place(&child, &mut **slot)?;
                }
                _ => r.unknown(&child),
            }
        }
        self.key_format_type = required(format, &r, tag::KEY_FORMAT_TYPE)?;
        if !key_value {
            // KMIP 1.2 made Key Value optional (Key Value Location).
            if cx.version() < ProtocolVersion::V1_2 {
                return Err(r.missing(tag::KEY_VALUE));
            }
            self.key_value = KeyValue::Absent;
        }
        self.unknown = r.finish();
        Ok(())
    }
}

impl ToTtlv for KeyBlock {
    fn to_ttlv(&self, tag: Tag, e: &mut Encoder<'_>) {
        e.structure(tag, |e| {
            let mut u = Interleave::new(&self.unknown);
            u.field(e, tag::KEY_FORMAT_TYPE, &self.key_format_type);
            u.optional(e, tag::KEY_COMPRESSION_TYPE, &self.key_compression_type);
            // An absent Key Value is no field: unknown items keep their place around it.
            if !matches!(self.key_value, KeyValue::Absent) {
                u.field(e, tag::KEY_VALUE, &self.key_value);
            }
            u.optional(
                e,
                tag::CRYPTOGRAPHIC_ALGORITHM,
                &self.cryptographic_algorithm,
            );
            u.optional(e, tag::CRYPTOGRAPHIC_LENGTH, &self.cryptographic_length);
            u.optional(e, tag::KEY_WRAPPING_DATA, &self.key_wrapping_data);
            u.rest(e);
        });
    }
}

impl fmt::Debug for KeyBlock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("KeyBlock");
        s.field("key_format_type", &self.key_format_type);
        if let Some(v) = &self.key_compression_type {
            s.field("key_compression_type", v);
        }
        s.field("key_value", &self.key_value);
        if let Some(v) = &self.cryptographic_algorithm {
            s.field("cryptographic_algorithm", v);
        }
        if let Some(v) = &self.cryptographic_length {
            s.field("cryptographic_length", v);
        }
        if let Some(v) = &self.key_wrapping_data {
            s.field("key_wrapping_data", v);
        }
        if !self.unknown.is_empty() {
            s.field("unknown", &self.unknown);
        }
        s.finish()
    }
}

structure! {
    /// Certificate (§2.2.1).
    #[derive(PartialEq, Eq, Default)]
    pub struct Certificate {
        /// Certificate Type.
        pub certificate_type: CertificateType = req(tag::CERTIFICATE_TYPE),
        /// Certificate Value (DER for X.509).
        pub certificate_value: ByteString = req(tag::CERTIFICATE_VALUE),
    }
}

structure! {
    in_place;
    /// Symmetric Key (§2.2.2).
    pub struct SymmetricKey {
        /// Key Block.
        pub key_block: KeyBlock = req_in(tag::KEY_BLOCK),
    }
}

structure! {
    in_place;
    /// Public Key (§2.2.3).
    pub struct PublicKey {
        /// Key Block.
        pub key_block: KeyBlock = req_in(tag::KEY_BLOCK),
    }
}

structure! {
    in_place;
    /// Private Key (§2.2.4).
    pub struct PrivateKey {
        /// Key Block.
        pub key_block: KeyBlock = req_in(tag::KEY_BLOCK),
    }
}

structure! {
    in_place;
    /// Split Key (§2.2.5).
    pub struct SplitKey {
        /// Split Key Parts: the total number of parts.
        pub split_key_parts: i32 = req(tag::SPLIT_KEY_PARTS),
        /// Key Part Identifier: which part this is.
        pub key_part_identifier: i32 = req(tag::KEY_PART_IDENTIFIER),
        /// Split Key Threshold: parts needed to rebuild the key.
        pub split_key_threshold: i32 = req(tag::SPLIT_KEY_THRESHOLD),
        /// Split Key Method.
        pub split_key_method: SplitKeyMethod = req(tag::SPLIT_KEY_METHOD),
        /// Prime Field Size (polynomial sharing over a prime field).
        pub prime_field_size: Option<BigInteger> = opt(tag::PRIME_FIELD_SIZE),
        /// Key Block.
        pub key_block: KeyBlock = req_in(tag::KEY_BLOCK),
    }
}

structure! {
    in_place;
    /// PGP Key (§2.2.9, KMIP 1.2): a text-based OpenPGP key in a Key Block.
    pub struct PgpKey {
        /// PGP Key Version: the OpenPGP key version (RFC 4880).
        pub pgp_key_version: i32 = req(tag::PGP_KEY_VERSION),
        /// Key Block.
        pub key_block: KeyBlock = req_in(tag::KEY_BLOCK),
    }
}

structure! {
    /// Template (§2.2.6): named sets of attributes.
    #[derive(PartialEq, Default)]
    pub struct Template {
        /// Attributes.
        pub attributes: Vec<Attribute> = rep1(tag::ATTRIBUTE),
    }
}

structure! {
    in_place;
    /// Secret Data (§2.2.7): a password or seed in a Key Block.
    pub struct SecretData {
        /// Secret Data Type.
        pub secret_data_type: SecretDataType = req(tag::SECRET_DATA_TYPE),
        /// Key Block.
        pub key_block: KeyBlock = req_in(tag::KEY_BLOCK),
    }
}

structure! {
    /// Opaque Object (§2.2.8). Its value is treated as secret.
    #[derive(Default)]
    pub struct OpaqueObject {
        /// Opaque Data Type.
        pub opaque_data_type: OpaqueDataType = req(tag::OPAQUE_DATA_TYPE),
        /// Opaque Data Value.
        pub opaque_data_value: SecretBytes = req(tag::OPAQUE_DATA_VALUE),
    }
}

structure! {
    /// Extension Information (§2.1.9, KMIP 1.1): an extension a server supports (Query).
    #[derive(PartialEq, Eq, Default)]
    pub struct ExtensionInformation {
        /// Extension Name.
        pub extension_name: String = req(tag::EXTENSION_NAME),
        /// Extension Tag.
        pub extension_tag: Option<i32> = opt(tag::EXTENSION_TAG),
        /// Extension Type (an item type number).
        pub extension_type: Option<i32> = opt(tag::EXTENSION_TYPE),
    }
}

/// A managed object (§2.2), as carried by Register, Get and Put.
#[derive(Clone, Debug)]
pub enum ManagedObject {
    /// Certificate.
    Certificate(Certificate),
    /// Symmetric Key.
    SymmetricKey(SymmetricKey),
    /// Public Key.
    PublicKey(PublicKey),
    /// Private Key.
    PrivateKey(PrivateKey),
    /// Split Key.
    SplitKey(SplitKey),
    /// Template.
    Template(Template),
    /// Secret Data.
    SecretData(SecretData),
    /// Opaque Object.
    OpaqueObject(OpaqueObject),
    /// PGP Key (KMIP 1.2).
    PgpKey(PgpKey),
}

/// The tags a managed object may have, in Object Type order.
pub const OBJECT_TAGS: &[Tag] = &[
    tag::CERTIFICATE,
    tag::SYMMETRIC_KEY,
    tag::PUBLIC_KEY,
    tag::PRIVATE_KEY,
    tag::SPLIT_KEY,
    tag::TEMPLATE,
    tag::SECRET_DATA,
    tag::OPAQUE_OBJECT,
    tag::PGP_KEY,
];

impl ManagedObject {
    /// The object's Object Type.
    pub fn object_type(&self) -> ObjectType {
        match self {
            Self::Certificate(_) => ObjectType::CERTIFICATE,
            Self::SymmetricKey(_) => ObjectType::SYMMETRIC_KEY,
            Self::PublicKey(_) => ObjectType::PUBLIC_KEY,
            Self::PrivateKey(_) => ObjectType::PRIVATE_KEY,
            Self::SplitKey(_) => ObjectType::SPLIT_KEY,
            Self::Template(_) => ObjectType::TEMPLATE,
            Self::SecretData(_) => ObjectType::SECRET_DATA,
            Self::OpaqueObject(_) => ObjectType::OPAQUE_OBJECT,
            Self::PgpKey(_) => ObjectType::PGP_KEY,
        }
    }

    /// The object's tag.
    pub fn tag(&self) -> Tag {
        match self {
            Self::Certificate(_) => tag::CERTIFICATE,
            Self::SymmetricKey(_) => tag::SYMMETRIC_KEY,
            Self::PublicKey(_) => tag::PUBLIC_KEY,
            Self::PrivateKey(_) => tag::PRIVATE_KEY,
            Self::SplitKey(_) => tag::SPLIT_KEY,
            Self::Template(_) => tag::TEMPLATE,
            Self::SecretData(_) => tag::SECRET_DATA,
            Self::OpaqueObject(_) => tag::OPAQUE_OBJECT,
            Self::PgpKey(_) => tag::PGP_KEY,
        }
    }

    /// The Key Block of a key object (symmetric, public, private, split key, secret data).
    pub fn key_block(&self) -> Option<&KeyBlock> {
        match self {
            Self::SymmetricKey(k) => Some(&k.key_block),
            Self::PublicKey(k) => Some(&k.key_block),
            Self::PrivateKey(k) => Some(&k.key_block),
            Self::SplitKey(k) => Some(&k.key_block),
            Self::SecretData(k) => Some(&k.key_block),
            Self::PgpKey(k) => Some(&k.key_block),
            Self::Certificate(_) | Self::Template(_) | Self::OpaqueObject(_) => None,
        }
    }

    /// A Symmetric Key object holding `key_block`.
    pub fn symmetric_key(key_block: KeyBlock) -> Self {
        Self::SymmetricKey(SymmetricKey {
            key_block,
            unknown: Vec::new(),
        })
    }

    /// Decodes a managed object from its item, chosen by the item's tag.
    ///
    /// # Errors
    /// An item that is not a managed object, or an invalid one.
    pub fn decode(item: &Item<'_>, cx: &Context) -> Result<Self, Error> {
        Self::decode_by_value(item, cx)
    }

    /// Writes the object under its own tag.
    pub fn encode(&self, e: &mut Encoder<'_>) {
        let tag = self.tag();
        match self {
            Self::Certificate(o) => e.field(tag, o),
            Self::SymmetricKey(o) => e.field(tag, o),
            Self::PublicKey(o) => e.field(tag, o),
            Self::PrivateKey(o) => e.field(tag, o),
            Self::SplitKey(o) => e.field(tag, o),
            Self::Template(o) => e.field(tag, o),
            Self::SecretData(o) => e.field(tag, o),
            Self::OpaqueObject(o) => e.field(tag, o),
            Self::PgpKey(o) => e.field(tag, o),
        }
    }
}

/// Decodes a key object (whose Key Block is large) in place: `$variant` with a placeholder
/// first, then its fields where they stay.
macro_rules! key_object_in_place {
    ($slot:ident, $variant:ident, $item:ident, $cx:ident) => {{
        *$slot = Self::$variant(DecodeInPlace::placeholder());
        if let Self::$variant(object) = $slot {
            object.decode_in_place($item, $cx)?;
        }
    }};
}

impl DecodeInPlace for ManagedObject {
    /// An empty Template (no allocation).
    #[inline]
    fn placeholder() -> Self {
        Self::Template(Template::default())
    }

    fn decode_in_place(&mut self, item: &Item<'_>, cx: &Context) -> Result<(), Error> {
        match item.tag() {
            tag::CERTIFICATE => *self = Self::Certificate(FromTtlv::from_ttlv(item, cx)?),
            tag::SYMMETRIC_KEY => key_object_in_place!(self, SymmetricKey, item, cx),
            tag::PUBLIC_KEY => key_object_in_place!(self, PublicKey, item, cx),
            tag::PRIVATE_KEY => key_object_in_place!(self, PrivateKey, item, cx),
            tag::SPLIT_KEY => key_object_in_place!(self, SplitKey, item, cx),
            tag::TEMPLATE => *self = Self::Template(FromTtlv::from_ttlv(item, cx)?),
            tag::SECRET_DATA => key_object_in_place!(self, SecretData, item, cx),
            tag::OPAQUE_OBJECT => *self = Self::OpaqueObject(FromTtlv::from_ttlv(item, cx)?),
            tag::PGP_KEY => key_object_in_place!(self, PgpKey, item, cx),
            other => {
                return Err(Error::new(
                    ErrorKind::InvalidValue {
                        tag: other,
                        reason: "not a managed object",
                    },
                    item.offset(),
                ));
            }
        }
        Ok(())
    }
}

/// Reads a key object whose only field is its Key Block on the one-pass path: `$variant`
/// with a placeholder first, then its Key Block where it stays.
macro_rules! key_object_read {
    ($slot:ident, $variant:ident, $c:ident, $tag:ident, $cx:ident) => {{
        *$slot = Self::$variant(DecodeInPlace::placeholder());
        if let Self::$variant(object) = $slot {
            $c.structure($tag, |o| {
                o.structure(tag::KEY_BLOCK, |k| {
                    object.key_block.read_common_into(k, $cx)
                })
            })?;
        }
    }};
}

impl ManagedObject {
    /// [`decode_in_place`](DecodeInPlace::decode_in_place) on the one-pass path
    /// (`ResponseMessage::read_common`), for the object tagged `tag` that comes next in `c`:
    /// a Symmetric, Public or Private Key read item by item, any other object validated whole
    /// ([`Cursor::item`]) and decoded by the general decoder.
    pub(crate) fn read_common_into(
        &mut self,
        c: &mut Cursor<'_>,
        tag: Tag,
        cx: &Context,
    ) -> Option<()> {
        match tag {
            tag::SYMMETRIC_KEY => key_object_read!(self, SymmetricKey, c, tag, cx),
            tag::PUBLIC_KEY => key_object_read!(self, PublicKey, c, tag, cx),
            tag::PRIVATE_KEY => key_object_read!(self, PrivateKey, c, tag, cx),
            _ => decode_object_in_place(self, &c.item(tag)?, cx).ok()?,
        }
        Some(())
    }
}

impl ReadCommon for KeyBlock {
    #[inline]
    fn read_common(c: &mut Cursor<'_>, tag: Tag, cx: &Context) -> Option<Self> {
        let mut key_block = Self::placeholder();
        c.structure(tag, |k| key_block.read_common_into(k, cx))?;
        Some(key_block)
    }
}

impl KeyBlock {
    /// [`decode_in_place`](DecodeInPlace::decode_in_place) on the one-pass path: the fields
    /// in their order, nothing else, into the placeholder `self`. The Key Value and Key
    /// Wrapping Data are validated whole ([`Cursor::item`]) and decoded by the general
    /// decoders.
    fn read_common_into(&mut self, k: &mut Cursor<'_>, cx: &Context) -> Option<()> {
        let format: KeyFormatType = ReadCommon::read_common(k, tag::KEY_FORMAT_TYPE, cx)?;
        read_optional(
            k,
            tag::KEY_COMPRESSION_TYPE,
            cx,
            &mut self.key_compression_type,
        )?;
        if k.peek_tag() == Some(tag::KEY_VALUE) {
            self.key_value = KeyValue::decode(&k.item(tag::KEY_VALUE)?, format, cx).ok()?;
        } else if cx.version() < ProtocolVersion::V1_2 {
            return None;
        } else {
            // KMIP 1.2 made Key Value optional (Key Value Location).
            self.key_value = KeyValue::Absent;
        }
        read_optional(
            k,
            tag::CRYPTOGRAPHIC_ALGORITHM,
            cx,
            &mut self.cryptographic_algorithm,
        )?;
        read_optional(
            k,
            tag::CRYPTOGRAPHIC_LENGTH,
            cx,
            &mut self.cryptographic_length,
        )?;
        if k.peek_tag() == Some(tag::KEY_WRAPPING_DATA) {
            let item = k.item(tag::KEY_WRAPPING_DATA)?;
            let slot = self
                .key_wrapping_data
                .insert(Box::new(KeyWrappingData::placeholder()));
            slot.decode_in_place(&item, cx).ok()?;
        }
        self.key_format_type = format;
        Some(())
    }
}

const _: () = assert!(crate::codec::in_every_version(&[
    tag::SYMMETRIC_KEY,
    tag::PUBLIC_KEY,
    tag::PRIVATE_KEY,
    tag::KEY_BLOCK,
    tag::KEY_FORMAT_TYPE,
    tag::KEY_COMPRESSION_TYPE,
    tag::KEY_VALUE,
    tag::CRYPTOGRAPHIC_ALGORITHM,
    tag::CRYPTOGRAPHIC_LENGTH,
    tag::KEY_WRAPPING_DATA,
]));

/// Checks that a decoded object matches the Object Type field next to it.
pub(crate) fn check_object_type(
    object_type: ObjectType,
    object: &ManagedObject,
    item: &Item<'_>,
) -> Result<(), Error> {
    if object.object_type() == object_type {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::InvalidValue {
                tag: item.tag(),
                reason: "object does not match the Object Type",
            },
            item.offset(),
        ))
    }
}

/// Decodes a managed object item in place (used by payload decoders).
pub(crate) fn decode_object_in_place(
    slot: &mut ManagedObject,
    item: &Item<'_>,
    cx: &Context,
) -> Result<(), Error> {
    expect_type(item, ItemType::Structure)?;
    slot.decode_in_place(item, cx)
}

tagged! {
    KeyBlock => tag::KEY_BLOCK,
    KeyWrappingData => tag::KEY_WRAPPING_DATA,
    KeyWrappingSpecification => tag::KEY_WRAPPING_SPECIFICATION,
    EncryptionKeyInformation => tag::ENCRYPTION_KEY_INFORMATION,
    MacSignatureKeyInformation => tag::MAC_SIGNATURE_KEY_INFORMATION,
    Certificate => tag::CERTIFICATE,
    SymmetricKey => tag::SYMMETRIC_KEY,
    PublicKey => tag::PUBLIC_KEY,
    PrivateKey => tag::PRIVATE_KEY,
    SplitKey => tag::SPLIT_KEY,
    Template => tag::TEMPLATE,
    SecretData => tag::SECRET_DATA,
    OpaqueObject => tag::OPAQUE_OBJECT,
    PgpKey => tag::PGP_KEY,
    ExtensionInformation => tag::EXTENSION_INFORMATION,
}
