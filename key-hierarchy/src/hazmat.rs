//! Raw primitives behind the envelope: HKDF-SHA256 and the two derivations built on it.
//!
//! These take and return bare key bytes and enforce no lifecycle state. Use them to check
//! interoperability or to re-implement the constructions elsewhere; normal code goes through
//! [`crate::keys::Kek`], [`crate::keys::Kdk`] and [`crate::hierarchy::KeyHierarchy`].
//!
//! ## Context binding (per-object wrapping key)
//!
//! A context-bound DEK is not wrapped with the KEK itself but with
//!
//! ```text
//! W = HKDF-SHA256(salt = "key-hierarchy/v1 context binding",
//!                 IKM  = KEK (32 bytes),
//!                 info = kind ‖ algorithm ‖ method ‖ len(key id) ‖ key id
//!                        ‖ len(KEK id) ‖ KEK id ‖ context,
//!                 L    = 32)
//! ```
//!
//! where kind, algorithm and method are the one-byte codes of the wrapped-key encoding, each
//! `len` is one byte, and the context (a VM or disk identifier, any bytes) comes last, so the
//! concatenation is unambiguous. The DEK is then wrapped with KW or KWP under `W`. A wrapped DEK
//! copied onto another object, relabelled with another key id, or presented with another method
//! derives a different `W` and fails to unwrap.
//!
//! ## Derived KEKs (vSphere Native Key Provider style)
//!
//! A key-derivation key (KDK) derives a per-object KEK on demand, so that no KEK is stored:
//!
//! ```text
//! KEK = HKDF-SHA256(salt = "key-hierarchy/v1 derived KEK",
//!                   IKM  = KDK (32 bytes),
//!                   info = len(KDK id) ‖ KDK id ‖ KEK id,
//!                   L    = 32)
//! ```

use hkdf::Hkdf;
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use crate::Error;
use crate::id::KeyId;
use crate::keys::KeyAlgorithm;
use crate::wrap::WrapMethod;
use crate::wrapped::KeyKind;

/// HKDF salt of the context-binding construction.
pub const CONTEXT_BINDING_SALT: &[u8] = b"key-hierarchy/v1 context binding";
/// HKDF salt of the derived-KEK construction.
pub const DERIVED_KEK_SALT: &[u8] = b"key-hierarchy/v1 derived KEK";
/// Domain separation prefix of [`fingerprint`].
pub const FINGERPRINT_PREFIX: &[u8] = b"key-hierarchy/v1 fingerprint";

/// RFC 5869 HKDF-Extract with SHA-256: the pseudorandom key. An empty `salt` is the RFC's
/// "not provided" (HashLen zero bytes).
pub fn hkdf_sha256_extract(salt: &[u8], ikm: &[u8]) -> Zeroizing<[u8; 32]> {
    let (prk, _) = Hkdf::<Sha256>::extract(Some(salt), ikm);
    let mut out = Zeroizing::new([0u8; 32]);
    let mut prk_bytes: [u8; 32] = prk.into();
    out.copy_from_slice(&prk_bytes);
    prk_bytes.zeroize();
    out
}

/// RFC 5869 HKDF (extract then expand) with SHA-256 into `okm` (at most 255 × 32 bytes).
pub fn hkdf_sha256(salt: &[u8], ikm: &[u8], info: &[&[u8]], okm: &mut [u8]) -> Result<(), Error> {
    let (mut prk, hk) = Hkdf::<Sha256>::extract(Some(salt), ikm);
    prk.as_mut_slice().zeroize();
    hk.expand_multi_info(info, okm)
        .map_err(|_| Error::InvalidLength {
            what: "HKDF-SHA256 output",
            len: okm.len(),
            expected: "at most 8160 bytes",
        })
}

fn len_byte(id: &KeyId) -> [u8; 1] {
    // A KeyId is at most 64 bytes, so its length always fits.
    [u8::try_from(id.as_bytes().len()).unwrap_or(u8::MAX)]
}

/// The per-object wrapping key `W` of the context-binding construction (see the module docs).
pub fn context_wrapping_key(
    kek: &[u8; 32],
    kind: KeyKind,
    algorithm: KeyAlgorithm,
    method: WrapMethod,
    key_id: &KeyId,
    kek_id: &KeyId,
    context: &[u8],
) -> Result<Zeroizing<[u8; 32]>, Error> {
    let mut w = Zeroizing::new([0u8; 32]);
    let header = [
        kind.code(),
        algorithm.code(),
        crate::wrapped::method_code(method),
    ];
    let info: [&[u8]; 6] = [
        &header,
        &len_byte(key_id),
        key_id.as_bytes(),
        &len_byte(kek_id),
        kek_id.as_bytes(),
        context,
    ];
    hkdf_sha256(CONTEXT_BINDING_SALT, kek, &info, w.as_mut_slice())?;
    Ok(w)
}

/// The derived KEK of the derived-KEK construction (see the module docs).
pub fn derive_kek(
    kdk: &[u8; 32],
    kdk_id: &KeyId,
    kek_id: &KeyId,
) -> Result<Zeroizing<[u8; 32]>, Error> {
    let mut k = Zeroizing::new([0u8; 32]);
    let info: [&[u8]; 3] = [&len_byte(kdk_id), kdk_id.as_bytes(), kek_id.as_bytes()];
    hkdf_sha256(DERIVED_KEK_SALT, kdk, &info, k.as_mut_slice())?;
    Ok(k)
}

/// A key's fingerprint: SHA-256(`"key-hierarchy/v1 fingerprint"` ‖ key). Identifies key
/// material without revealing it (for 128-bit-or-more random keys); compared only in constant
/// time.
pub fn fingerprint(key: &[u8]) -> crate::keys::Fingerprint {
    let mut h = Sha256::new();
    h.update(FINGERPRINT_PREFIX);
    h.update(key);
    crate::keys::Fingerprint(h.finalize().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructions_separate_their_inputs() {
        let kek = [9u8; 32];
        let a = KeyId::new(b"dek-1").unwrap();
        let k = KeyId::new(b"kek-1").unwrap();
        let w = |ctx: &[u8], m| {
            *context_wrapping_key(&kek, KeyKind::Dek, KeyAlgorithm::Aes256Xts, m, &a, &k, ctx)
                .unwrap()
        };
        let base = w(b"vm-1", WrapMethod::NistKeyWrap);
        assert_ne!(base, w(b"vm-2", WrapMethod::NistKeyWrap));
        assert_ne!(base, w(b"vm-1", WrapMethod::AesKeyWrapPadding));
        assert_ne!(base, [0u8; 32]);
        let other_id = KeyId::new(b"dek-2").unwrap();
        assert_ne!(
            base,
            *context_wrapping_key(
                &kek,
                KeyKind::Dek,
                KeyAlgorithm::Aes256Xts,
                WrapMethod::NistKeyWrap,
                &other_id,
                &k,
                b"vm-1"
            )
            .unwrap()
        );
        let d1 = derive_kek(&kek, &k, &a).unwrap();
        let d2 = derive_kek(&kek, &k, &other_id).unwrap();
        assert_ne!(*d1, *d2);
        assert_ne!(fingerprint(&[1; 32]).0, fingerprint(&[2; 32]).0);
    }
}
