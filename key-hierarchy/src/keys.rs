//! Secret key types: the root secret, KEKs, KDKs and DEKs.
//!
//! All of them zeroize their material on drop ([`ZeroizeOnDrop`]), print only their identifier
//! and state in `Debug`, and have no `PartialEq`: compare them with
//! [`subtle::ConstantTimeEq`]. Material is generated from a [`SecureRandom`] (the OS CSPRNG in
//! production) or imported from bytes of the exact size.

use core::fmt;

use subtle::{Choice, ConstantTimeEq};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::Error;
use crate::hazmat;
use crate::id::KeyId;
use crate::lifecycle::KeyState;
use crate::rng::SecureRandom;
use crate::wrap::WrapMethod;
use crate::wrapped::{KeyKind, WrappedKey, WrappedKeyParts};

/// Length of a root secret, a KEK and a KDK: AES-256.
pub const KEY_LEN: usize = 32;

/// Algorithm of a wrapped key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyAlgorithm {
    /// AES-256: 32 bytes. KEKs, KDKs, and DEKs for AES-GCM and the like.
    Aes256,
    /// AES-256-XTS (IEEE 1619): 64 bytes, K1 (data) then K2 (tweak), K1 ≠ K2. Disk DEKs.
    Aes256Xts,
}

impl KeyAlgorithm {
    /// Key length in bytes.
    pub const fn key_len(self) -> usize {
        match self {
            KeyAlgorithm::Aes256 => 32,
            KeyAlgorithm::Aes256Xts => 64,
        }
    }

    /// One-byte code in the wrapped-key encoding.
    pub const fn code(self) -> u8 {
        match self {
            KeyAlgorithm::Aes256 => 1,
            KeyAlgorithm::Aes256Xts => 2,
        }
    }

    /// The algorithm for an encoding code.
    pub const fn from_code(code: u8) -> Option<Self> {
        match code {
            1 => Some(KeyAlgorithm::Aes256),
            2 => Some(KeyAlgorithm::Aes256Xts),
            _ => None,
        }
    }

    /// KMIP Cryptographic Algorithm (§9.1.3.2.13): AES (0x03) for both.
    pub const fn kmip_cryptographic_algorithm(self) -> u32 {
        0x03
    }

    /// KMIP Cryptographic Length in bits: 256, or 512 for an XTS key pair.
    pub const fn kmip_cryptographic_length(self) -> u32 {
        match self {
            KeyAlgorithm::Aes256 => 256,
            KeyAlgorithm::Aes256Xts => 512,
        }
    }
}

impl fmt::Display for KeyAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyAlgorithm::Aes256 => "AES-256",
            KeyAlgorithm::Aes256Xts => "AES-256-XTS",
        })
    }
}

/// SHA-256 fingerprint of key material ([`hazmat::fingerprint`]); compared in constant time.
#[derive(Clone, Copy)]
pub struct Fingerprint(pub(crate) [u8; 32]);

impl Fingerprint {
    /// The 32 fingerprint bytes.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl ConstantTimeEq for Fingerprint {
    fn ct_eq(&self, other: &Self) -> Choice {
        self.0.ct_eq(&other.0)
    }
}

impl PartialEq for Fingerprint {
    fn eq(&self, other: &Self) -> bool {
        self.ct_eq(other).into()
    }
}

impl Eq for Fingerprint {}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({self})")
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in &self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

fn exact32(what: &'static str, bytes: &[u8]) -> Result<[u8; 32], Error> {
    <[u8; 32]>::try_from(bytes).map_err(|_| Error::InvalidKeyLength {
        what,
        len: bytes.len(),
        expected: 32,
    })
}

fn generate32<R: SecureRandom + ?Sized>(rng: &mut R) -> Result<[u8; 32], Error> {
    let mut k = [0u8; 32];
    if let Err(e) = rng.fill(&mut k) {
        k.zeroize();
        return Err(e);
    }
    Ok(k)
}

/// How a DEK is tied to the object it protects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binding<'a> {
    /// Plain KMIP form: the DEK is wrapped with the KEK itself (NIST Key Wrap or AES Key Wrap
    /// Padding), interoperable with any KMIP client or server.
    Plain,
    /// Bound to this context (a VM or disk identifier): wrapped under a per-object key derived
    /// with HKDF-SHA256 from the KEK and the context ([`hazmat::context_wrapping_key`]).
    Context(&'a [u8]),
}

impl Binding<'_> {
    fn describe(self) -> &'static str {
        match self {
            Binding::Plain => "plain",
            Binding::Context(_) => "context-bound",
        }
    }
}

// ---------------------------------------------------------------------------------------------

/// One version of a local root key (customer root key, CRK): 32 bytes of AES-256.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct RootSecret {
    key: [u8; 32],
}

impl RootSecret {
    /// Fresh random root material.
    pub fn generate<R: SecureRandom + ?Sized>(rng: &mut R) -> Result<Self, Error> {
        Ok(RootSecret {
            key: generate32(rng)?,
        })
    }

    /// Root material from exactly 32 bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        Ok(RootSecret {
            key: exact32("root key", bytes)?,
        })
    }

    /// The raw key. Handle with care.
    pub fn expose_secret(&self) -> &[u8; 32] {
        &self.key
    }
}

impl ConstantTimeEq for RootSecret {
    fn ct_eq(&self, other: &Self) -> Choice {
        self.key.ct_eq(&other.key)
    }
}

impl fmt::Debug for RootSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RootSecret").finish_non_exhaustive()
    }
}

// ---------------------------------------------------------------------------------------------

/// A key-encrypting key: AES-256, created by the KMS, stored only wrapped by the root.
///
/// A `Kek` carries the lifecycle state it was loaded with; [`Kek::wrap_dek`] needs Active,
/// [`Kek::unwrap_dek`] Active or Deactivated.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct Kek {
    key: [u8; 32],
    #[zeroize(skip)]
    id: KeyId,
    #[zeroize(skip)]
    state: KeyState,
    #[zeroize(skip)]
    kdk: Option<KeyId>,
}

impl Kek {
    /// A fresh random KEK, Active.
    pub fn generate<R: SecureRandom + ?Sized>(id: KeyId, rng: &mut R) -> Result<Self, Error> {
        Ok(Kek {
            key: generate32(rng)?,
            id,
            state: KeyState::Active,
            kdk: None,
        })
    }

    /// A KEK from exactly 32 bytes (for instance the Key Material of a KMIP Get), Active.
    pub fn from_bytes(id: KeyId, bytes: &[u8]) -> Result<Self, Error> {
        Ok(Kek {
            key: exact32("KEK", bytes)?,
            id,
            state: KeyState::Active,
            kdk: None,
        })
    }

    /// The same KEK with its lifecycle state set (as recorded by the KMS).
    #[must_use]
    pub fn with_state(mut self, state: KeyState) -> Self {
        self.state = state;
        self
    }

    /// Identifier.
    pub fn id(&self) -> &KeyId {
        &self.id
    }

    /// Lifecycle state.
    pub fn state(&self) -> KeyState {
        self.state
    }

    /// The KDK this KEK was derived from, if it was.
    pub fn derived_from(&self) -> Option<&KeyId> {
        self.kdk.as_ref()
    }

    /// The raw key. Handle with care.
    pub fn expose_secret(&self) -> &[u8; 32] {
        &self.key
    }

    /// Fingerprint of the key material.
    pub fn fingerprint(&self) -> Fingerprint {
        hazmat::fingerprint(&self.key)
    }

    /// Wrap `dek` under this KEK with `method`, plain (KMIP interoperable) or bound to a
    /// context. Needs an Active KEK.
    pub fn wrap_dek(
        &self,
        dek: &Dek,
        method: WrapMethod,
        binding: Binding<'_>,
    ) -> Result<WrappedKey, Error> {
        if !self.state.can_wrap() {
            return Err(Error::KeyNotUsable {
                state: self.state,
                operation: "wrap",
            });
        }
        let algorithm = dek.algorithm();
        let wrapping_key = self.wrapping_key(KeyKind::Dek, algorithm, method, dek.id(), binding)?;
        let ciphertext = method.wrap(wrapping_key.as_slice(), dek.expose_secret())?;
        WrappedKey::from_parts(WrappedKeyParts {
            kind: KeyKind::Dek,
            key_id: *dek.id(),
            algorithm,
            method,
            context_bound: matches!(binding, Binding::Context(_)),
            wrapping_key_id: self.id,
            wrapping_key_version: 0,
            kdk_id: self.kdk,
            wrapped: ciphertext.to_vec(),
        })
    }

    /// Wrap secret bytes of any length from 1 byte (a KMS object's key material, secret data,
    /// an opaque object) under this KEK with `method`: [`WrapMethod::AesKeyWrapPadding`] for
    /// any length, [`WrapMethod::NistKeyWrap`] for multiples of 8 from 16 bytes. Needs an
    /// Active KEK. The form is the bare RFC 3394 / RFC 5649 output: the caller records which
    /// KEK and method it used.
    pub fn wrap_secret(&self, method: WrapMethod, secret: &[u8]) -> Result<Vec<u8>, Error> {
        if !self.state.can_wrap() {
            return Err(Error::KeyNotUsable {
                state: self.state,
                operation: "wrap",
            });
        }
        Ok(method.wrap(&self.key, secret)?.to_vec())
    }

    /// Unwrap what [`Kek::wrap_secret`] made. Needs an Active or Deactivated KEK; any failure
    /// of the integrity check is [`Error::UnwrapFailed`], without detail.
    pub fn unwrap_secret(
        &self,
        method: WrapMethod,
        wrapped: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, Error> {
        if !self.state.can_unwrap(false) {
            return Err(Error::KeyNotUsable {
                state: self.state,
                operation: "unwrap",
            });
        }
        method
            .unwrap(&self.key, wrapped)
            .map_err(|_| Error::UnwrapFailed)
    }

    /// Unwrap a DEK wrapped under this KEK. `binding` must match how it was wrapped (the same
    /// context for a bound DEK). Needs an Active or Deactivated KEK.
    pub fn unwrap_dek(&self, wrapped: &WrappedKey, binding: Binding<'_>) -> Result<Dek, Error> {
        self.unwrap_dek_inner(wrapped, binding, false)
    }

    /// As [`Kek::unwrap_dek`], but also accepts a Compromised KEK: for recovering data under a
    /// key known to be compromised, on the caller's explicit decision.
    pub fn unwrap_dek_allow_compromised(
        &self,
        wrapped: &WrappedKey,
        binding: Binding<'_>,
    ) -> Result<Dek, Error> {
        self.unwrap_dek_inner(wrapped, binding, true)
    }

    fn unwrap_dek_inner(
        &self,
        wrapped: &WrappedKey,
        binding: Binding<'_>,
        allow_compromised: bool,
    ) -> Result<Dek, Error> {
        if !self.state.can_unwrap(allow_compromised) {
            return Err(Error::KeyNotUsable {
                state: self.state,
                operation: "unwrap",
            });
        }
        if wrapped.kind() != KeyKind::Dek {
            return Err(Error::KindMismatch {
                expected: KeyKind::Dek,
                actual: wrapped.kind(),
            });
        }
        let same_kdk = match (wrapped.kdk_id(), self.kdk.as_ref()) {
            (None, None) => true,
            (Some(a), Some(b)) => a == b,
            _ => false,
        };
        // KEKs are not versioned (a rekey makes a new KEK): a DEK naming a KEK version other
        // than 0 was not wrapped by this KEK.
        if wrapped.wrapping_key_id() != &self.id || !same_kdk || wrapped.wrapping_key_version() != 0
        {
            return Err(Error::WrappingKeyMismatch {
                wrapped_under: *wrapped.wrapping_key_id(),
            });
        }
        if wrapped.is_context_bound() != matches!(binding, Binding::Context(_)) {
            return Err(Error::BindingMismatch {
                wrapped: if wrapped.is_context_bound() {
                    "context-bound"
                } else {
                    "plain"
                },
                requested: binding.describe(),
            });
        }
        let wrapping_key = self.wrapping_key(
            KeyKind::Dek,
            wrapped.algorithm(),
            wrapped.method(),
            wrapped.key_id(),
            binding,
        )?;
        let plain = wrapped
            .method()
            .unwrap(wrapping_key.as_slice(), wrapped.wrapped_bytes())
            .map_err(|e| match e {
                Error::InvalidWrappingKeyLength { .. } => e,
                _ => Error::UnwrapFailed,
            })?;
        Dek::from_bytes(*wrapped.key_id(), wrapped.algorithm(), &plain).map_err(|e| match e {
            Error::WeakXtsKey => e,
            _ => Error::UnwrapFailed,
        })
    }

    fn wrapping_key(
        &self,
        kind: KeyKind,
        algorithm: KeyAlgorithm,
        method: WrapMethod,
        key_id: &KeyId,
        binding: Binding<'_>,
    ) -> Result<Zeroizing<[u8; 32]>, Error> {
        match binding {
            Binding::Plain => Ok(Zeroizing::new(self.key)),
            Binding::Context(context) => hazmat::context_wrapping_key(
                &self.key, kind, algorithm, method, key_id, &self.id, context,
            ),
        }
    }
}

impl ConstantTimeEq for Kek {
    fn ct_eq(&self, other: &Self) -> Choice {
        self.key.ct_eq(&other.key) & self.id.ct_eq(&other.id)
    }
}

impl fmt::Debug for Kek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Kek")
            .field("id", &self.id)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

// ---------------------------------------------------------------------------------------------

/// A key-derivation key: derives per-object KEKs with HKDF-SHA256, so that no KEK is stored
/// (vSphere Native Key Provider style). Stored wrapped by the root like a KEK.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct Kdk {
    key: [u8; 32],
    #[zeroize(skip)]
    id: KeyId,
    #[zeroize(skip)]
    state: KeyState,
}

impl Kdk {
    /// A fresh random KDK, Active.
    pub fn generate<R: SecureRandom + ?Sized>(id: KeyId, rng: &mut R) -> Result<Self, Error> {
        Ok(Kdk {
            key: generate32(rng)?,
            id,
            state: KeyState::Active,
        })
    }

    /// A KDK from exactly 32 bytes, Active.
    pub fn from_bytes(id: KeyId, bytes: &[u8]) -> Result<Self, Error> {
        Ok(Kdk {
            key: exact32("KDK", bytes)?,
            id,
            state: KeyState::Active,
        })
    }

    /// The same KDK with its lifecycle state set.
    #[must_use]
    pub fn with_state(mut self, state: KeyState) -> Self {
        self.state = state;
        self
    }

    /// Identifier.
    pub fn id(&self) -> &KeyId {
        &self.id
    }

    /// Lifecycle state.
    pub fn state(&self) -> KeyState {
        self.state
    }

    /// The raw key. Handle with care.
    pub fn expose_secret(&self) -> &[u8; 32] {
        &self.key
    }

    /// Fingerprint of the key material.
    pub fn fingerprint(&self) -> Fingerprint {
        hazmat::fingerprint(&self.key)
    }

    /// Derive the KEK named `kek_id` ([`hazmat::derive_kek`]). The derived KEK has this KDK's
    /// state, so a Deactivated KDK yields KEKs that unwrap but do not wrap. A destroyed or
    /// Pre-Active KDK derives nothing.
    pub fn derive_kek(&self, kek_id: &KeyId) -> Result<Kek, Error> {
        if !self.state.can_unwrap(true) {
            return Err(Error::KeyNotUsable {
                state: self.state,
                operation: "derive",
            });
        }
        let key = hazmat::derive_kek(&self.key, &self.id, kek_id)?;
        Ok(Kek {
            key: *key,
            id: *kek_id,
            state: self.state,
            kdk: Some(self.id),
        })
    }
}

impl ConstantTimeEq for Kdk {
    fn ct_eq(&self, other: &Self) -> Choice {
        self.key.ct_eq(&other.key) & self.id.ct_eq(&other.id)
    }
}

impl fmt::Debug for Kdk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Kdk")
            .field("id", &self.id)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

// ---------------------------------------------------------------------------------------------

/// A data-encrypting key: a 64-byte AES-256-XTS key (disks) or a 32-byte AES-256 key, created by
/// the host and stored next to the data, wrapped by a KEK.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct Dek {
    key: [u8; 64],
    #[zeroize(skip)]
    id: KeyId,
    #[zeroize(skip)]
    algorithm: KeyAlgorithm,
}

impl Dek {
    /// A fresh random DEK. For AES-256-XTS the two halves are guaranteed to differ.
    pub fn generate<R: SecureRandom + ?Sized>(
        id: KeyId,
        algorithm: KeyAlgorithm,
        rng: &mut R,
    ) -> Result<Self, Error> {
        let mut dek = Dek {
            key: [0u8; 64],
            id,
            algorithm,
        };
        // Equal XTS halves happen with probability 2^-256 from a real CSPRNG; a broken injected
        // generator gets a few more draws and then an error.
        for _ in 0..4 {
            let len = algorithm.key_len();
            let buf = dek.key.get_mut(..len).ok_or(Error::WeakXtsKey)?;
            rng.fill(buf)?;
            if !dek.has_equal_xts_halves() {
                return Ok(dek);
            }
        }
        Err(Error::WeakXtsKey)
    }

    /// A DEK from bytes of exactly the algorithm's length (32 or 64). XTS keys with equal halves
    /// are refused.
    pub fn from_bytes(id: KeyId, algorithm: KeyAlgorithm, bytes: &[u8]) -> Result<Self, Error> {
        let len = algorithm.key_len();
        if bytes.len() != len {
            return Err(Error::InvalidKeyLength {
                what: "DEK",
                len: bytes.len(),
                expected: len,
            });
        }
        let mut dek = Dek {
            key: [0u8; 64],
            id,
            algorithm,
        };
        dek.key
            .get_mut(..len)
            .ok_or(Error::UnwrapFailed)?
            .copy_from_slice(bytes);
        if dek.has_equal_xts_halves() {
            return Err(Error::WeakXtsKey);
        }
        Ok(dek)
    }

    fn has_equal_xts_halves(&self) -> bool {
        match (self.algorithm, self.key.split_first_chunk::<32>()) {
            (KeyAlgorithm::Aes256Xts, Some((k1, k2))) => bool::from(k1.as_slice().ct_eq(k2)),
            _ => false,
        }
    }

    /// Identifier.
    pub fn id(&self) -> &KeyId {
        &self.id
    }

    /// Algorithm.
    pub fn algorithm(&self) -> KeyAlgorithm {
        self.algorithm
    }

    /// The raw key (32 or 64 bytes). Handle with care.
    pub fn expose_secret(&self) -> &[u8] {
        self.key.get(..self.algorithm.key_len()).unwrap_or(&[])
    }

    /// The 64-byte XTS key (K1 ‖ K2) for `xts_engine::Xts256::new`, if this is an XTS DEK.
    pub fn xts_key(&self) -> Option<&[u8; 64]> {
        match self.algorithm {
            KeyAlgorithm::Aes256Xts => Some(&self.key),
            KeyAlgorithm::Aes256 => None,
        }
    }

    /// The 32-byte key, if this is an AES-256 DEK.
    pub fn aes256_key(&self) -> Option<&[u8; 32]> {
        match self.algorithm {
            KeyAlgorithm::Aes256 => self.key.first_chunk::<32>(),
            KeyAlgorithm::Aes256Xts => None,
        }
    }

    /// Fingerprint of the key material.
    pub fn fingerprint(&self) -> Fingerprint {
        hazmat::fingerprint(self.expose_secret())
    }
}

impl ConstantTimeEq for Dek {
    fn ct_eq(&self, other: &Self) -> Choice {
        let same_alg = Choice::from(u8::from(self.algorithm == other.algorithm));
        self.key.ct_eq(&other.key) & self.id.ct_eq(&other.id) & same_alg
    }
}

impl fmt::Debug for Dek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dek")
            .field("id", &self.id)
            .field("algorithm", &self.algorithm)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed(u8);
    impl SecureRandom for Fixed {
        fn fill(&mut self, dest: &mut [u8]) -> Result<(), Error> {
            dest.fill(self.0);
            Ok(())
        }
    }

    fn id(s: &str) -> KeyId {
        KeyId::new(s.as_bytes()).unwrap()
    }

    #[test]
    fn debug_is_redacted() {
        let kek = Kek::from_bytes(id("kek-1"), &[0xAB; 32]).unwrap();
        let dek = Dek::from_bytes(id("dek-1"), KeyAlgorithm::Aes256, &[0xCD; 32]).unwrap();
        let kdk = Kdk::from_bytes(id("kdk-1"), &[0xEF; 32]).unwrap();
        let root = RootSecret::from_bytes(&[0x12; 32]).unwrap();
        let all = format!("{kek:?} {dek:?} {kdk:?} {root:?}");
        assert_eq!(
            all,
            "Kek { id: KeyId(kek-1), state: Active, .. } \
             Dek { id: KeyId(dek-1), algorithm: Aes256, .. } \
             Kdk { id: KeyId(kdk-1), state: Active, .. } RootSecret { .. }"
        );
    }

    #[test]
    fn zeroize_clears_material() {
        let mut kek = Kek::from_bytes(id("k"), &[0xAB; 32]).unwrap();
        kek.zeroize();
        assert_eq!(kek.expose_secret(), &[0u8; 32]);
        let mut dek = Dek::from_bytes(id("d"), KeyAlgorithm::Aes256Xts, &[1u8; 32].repeat(2));
        assert!(matches!(dek, Err(Error::WeakXtsKey)));
        let mut xts = [1u8; 64];
        xts[63] = 2;
        dek = Dek::from_bytes(id("d"), KeyAlgorithm::Aes256Xts, &xts);
        let mut dek = dek.unwrap();
        dek.zeroize();
        assert_eq!(dek.expose_secret(), &[0u8; 64][..]);
    }

    #[test]
    fn sizes_are_exact() {
        assert!(matches!(
            Kek::from_bytes(id("k"), &[1; 31]),
            Err(Error::InvalidKeyLength {
                len: 31,
                expected: 32,
                ..
            })
        ));
        assert!(matches!(
            Dek::from_bytes(id("d"), KeyAlgorithm::Aes256Xts, &[1; 32]),
            Err(Error::InvalidKeyLength {
                len: 32,
                expected: 64,
                ..
            })
        ));
        assert!(matches!(
            Dek::from_bytes(id("d"), KeyAlgorithm::Aes256, &[1; 64]),
            Err(Error::InvalidKeyLength {
                len: 64,
                expected: 32,
                ..
            })
        ));
    }

    #[test]
    fn generated_xts_keys_never_have_equal_halves() {
        // A generator stuck on one value can only produce equal halves: refused.
        assert!(matches!(
            Dek::generate(id("d"), KeyAlgorithm::Aes256Xts, &mut Fixed(7)),
            Err(Error::WeakXtsKey)
        ));
        let dek = Dek::generate(id("d"), KeyAlgorithm::Aes256, &mut Fixed(7)).unwrap();
        assert_eq!(dek.aes256_key(), Some(&[7u8; 32]));
        assert!(dek.xts_key().is_none());
    }

    #[test]
    fn constant_time_equality() {
        let a = Kek::from_bytes(id("k"), &[1; 32]).unwrap();
        let b = Kek::from_bytes(id("k"), &[1; 32]).unwrap();
        let c = Kek::from_bytes(id("k"), &[2; 32]).unwrap();
        assert!(bool::from(a.ct_eq(&b)));
        assert!(!bool::from(a.ct_eq(&c)));
        assert_eq!(a.fingerprint(), b.fingerprint());
        assert_ne!(a.fingerprint(), c.fingerprint());
    }
}
