//! Bodies of the cargo-fuzz targets, here so that the checked-in corpus also replays under
//! plain `cargo test` (`tests/fuzz_corpus.rs`).

use crate::id::KeyId;
use crate::keys::{Binding, Dek, Kek, KeyAlgorithm};
use crate::wrap::{self, WrapMethod};
use crate::wrapped::WrappedKey;

/// `wrapped_key`: decode arbitrary bytes as a wrapped key; whatever decodes must re-encode to
/// the same bytes and survive unwrap attempts (plain and bound, under a fixed KEK) without
/// panicking. The raw key-wrap functions get the same bytes too. And the same bytes read as
/// KEK ‖ DEK ‖ context must survive wrap → encode → decode → unwrap unchanged.
pub fn wrapped_key(data: &[u8]) {
    round_trip(data);

    // Raw KW / KWP on the input, under a key taken from its first bytes when there are enough.
    let kek: [u8; 32] = data.first_chunk::<32>().copied().unwrap_or([0x5A; 32]);
    for key_len in [16usize, 24, 32] {
        if let Some(k) = kek.get(..key_len) {
            let _ = wrap::kw_unwrap(k, data);
            let _ = wrap::kwp_unwrap(k, data);
        }
    }

    let Ok(wrapped) = WrappedKey::decode(data) else {
        return;
    };
    let encoded = wrapped.encode();
    assert_eq!(
        encoded.len(),
        wrapped.encoded_len(),
        "encoded_len disagrees with encode"
    );
    assert_eq!(encoded, data, "decode accepted a non-canonical encoding");
    let parts = wrapped.clone().into_parts();
    let rebuilt = WrappedKey::from_parts(parts);
    assert!(
        rebuilt.as_ref().is_ok_and(|r| *r == wrapped),
        "decoded parts are not consistent"
    );

    // Unwrap under a KEK that claims to be the named wrapping key: must fail cleanly (or, for
    // inputs made with this KEK, succeed) but never panic.
    let Ok(kek) = Kek::from_bytes(*wrapped.wrapping_key_id(), &kek) else {
        return;
    };
    let _ = kek.unwrap_dek(&wrapped, Binding::Plain);
    let _ = kek.unwrap_dek(&wrapped, Binding::Context(b"fuzz-context"));
    let _ = kek.unwrap_dek_allow_compromised(&wrapped, Binding::Plain);
    if let Ok(other) = KeyId::new(b"another-kek") {
        let _ = Kek::from_bytes(other, &[0x5A; 32]).map(|k| k.unwrap_dek(&wrapped, Binding::Plain));
    }
}

/// Wrap a DEK taken from the input under a KEK taken from the input, encode, decode, unwrap,
/// and check that the same key comes back and that another context does not unwrap it.
fn round_trip(data: &[u8]) {
    let Some((kek, rest)) = data.split_first_chunk::<32>() else {
        return;
    };
    let Some((&selector, rest)) = rest.split_first() else {
        return;
    };
    let algorithm = if selector & 1 == 0 {
        KeyAlgorithm::Aes256
    } else {
        KeyAlgorithm::Aes256Xts
    };
    let method = if selector & 2 == 0 {
        WrapMethod::NistKeyWrap
    } else {
        WrapMethod::AesKeyWrapPadding
    };
    let Some((material, context)) = rest.split_at_checked(algorithm.key_len()) else {
        return;
    };
    let (Ok(kek_id), Ok(dek_id)) = (KeyId::new(b"fuzz-kek"), KeyId::new(b"fuzz-dek")) else {
        return;
    };
    let (Ok(kek), Ok(dek)) = (
        Kek::from_bytes(kek_id, kek),
        Dek::from_bytes(dek_id, algorithm, material),
    ) else {
        return;
    };
    let binding = if selector & 4 == 0 {
        Binding::Plain
    } else {
        Binding::Context(context)
    };
    let wrapped = kek.wrap_dek(&dek, method, binding);
    assert!(wrapped.is_ok(), "wrapping a valid DEK failed");
    let Ok(wrapped) = wrapped else { return };
    let decoded = WrappedKey::decode(&wrapped.encode());
    assert!(
        decoded.as_ref().is_ok_and(|d| *d == wrapped),
        "encoding did not round-trip"
    );
    let Ok(decoded) = decoded else { return };
    let back = kek.unwrap_dek(&decoded, binding);
    assert!(
        back.as_ref()
            .is_ok_and(|b| b.expose_secret() == dek.expose_secret()),
        "unwrap did not return the wrapped DEK"
    );
    if let Binding::Context(ctx) = binding {
        let mut other = ctx.to_vec();
        other.push(0);
        assert!(
            kek.unwrap_dek(&decoded, Binding::Context(&other)).is_err(),
            "a DEK bound to one context unwrapped under another"
        );
    }
}
