//! The wrapped-key byte encoding: golden encodings computed independently, every malformed
//! input with its exact error, truncation and corruption sweeps.

mod common;

use common::{Block, hex, id, read_blocks};
use key_hierarchy::keys::Binding;
use key_hierarchy::root::Root;
use key_hierarchy::{
    Dek, Error, Kdk, Kek, KeyAlgorithm, KeyKind, LocalRoot, RootSecret, Timestamp, WrapMethod,
    WrappedKey, WrappedKeyParts,
};

fn golden() -> Vec<Block> {
    let blocks = read_blocks("wrapped_key_golden.txt");
    assert_eq!(blocks.len(), 4);
    blocks
}

fn algorithm(b: &Block) -> KeyAlgorithm {
    match b.get("Algorithm") {
        "AES-256" => KeyAlgorithm::Aes256,
        "AES-256-XTS" => KeyAlgorithm::Aes256Xts,
        other => panic!("{other}"),
    }
}

fn method(b: &Block) -> WrapMethod {
    WrapMethod::from_kmip_block_cipher_mode(u32::from(b.hex("Method")[0])).unwrap()
}

fn binding(b: &Block) -> Binding<'_> {
    b.fields
        .get("Context")
        .map_or(Binding::Plain, |c| Binding::Context(c.as_bytes()))
}

/// The KEK that wraps a golden DEK block: stored bytes, or derived from the KDK.
fn kek_of(b: &Block) -> Kek {
    match b.fields.get("KdkId") {
        Some(kdk_id) => {
            let kdk = Kdk::from_bytes(id(kdk_id), &b.hex("Kdk")).unwrap();
            let kek = kdk.derive_kek(&id(b.get("WrappingKeyId"))).unwrap();
            assert_eq!(
                kek.expose_secret().as_slice(),
                b.hex("DerivedKek").as_slice()
            );
            assert_eq!(kek.derived_from(), Some(&id(kdk_id)));
            kek
        }
        None => Kek::from_bytes(id(b.get("WrappingKeyId")), &b.hex("WrappingKey")).unwrap(),
    }
}

#[test]
fn golden_encodings_decode_to_their_fields() {
    for b in golden() {
        let w = WrappedKey::decode(&b.hex("Encoding")).unwrap();
        let kind = match b.get("Kind") {
            "DEK" => KeyKind::Dek,
            "KEK" => KeyKind::Kek,
            other => panic!("{other}"),
        };
        assert_eq!(w.kind(), kind);
        assert_eq!(w.key_id(), &id(b.get("KeyId")));
        assert_eq!(w.algorithm(), algorithm(&b));
        assert_eq!(w.method(), method(&b));
        let flags = b.hex("Flags")[0];
        assert_eq!(w.is_context_bound(), flags & 1 != 0);
        assert_eq!(w.kdk_id().is_some(), flags & 2 != 0);
        assert_eq!(w.wrapping_key_id(), &id(b.get("WrappingKeyId")));
        assert_eq!(
            w.wrapping_key_version(),
            b.get("WrappingKeyVersion").parse::<u32>().unwrap()
        );
        assert_eq!(w.wrapped_bytes(), b.hex("Wrapped").as_slice());
        assert_eq!(w.encode(), b.hex("Encoding"));
        assert_eq!(w.encoded_len(), b.hex("Encoding").len());
    }
}

#[test]
fn golden_deks_wrap_and_unwrap_exactly() {
    for b in golden().into_iter().filter(|b| b.get("Kind") == "DEK") {
        let kek = kek_of(&b);
        let dek = Dek::from_bytes(id(b.get("KeyId")), algorithm(&b), &b.hex("Key")).unwrap();
        // Wrapping is deterministic: this crate must produce the independently computed bytes.
        let w = kek.wrap_dek(&dek, method(&b), binding(&b)).unwrap();
        assert_eq!(w.encode(), b.hex("Encoding"), "{}", b.get("Name"));
        let back = kek
            .unwrap_dek(
                &WrappedKey::decode(&b.hex("Encoding")).unwrap(),
                binding(&b),
            )
            .unwrap();
        assert_eq!(back.expose_secret(), b.hex("Key").as_slice());
    }
}

#[test]
fn golden_kek_under_root() {
    let b = &golden()[2];
    let secret = RootSecret::from_bytes(&b.hex("WrappingKey")).unwrap();
    let root = LocalRoot::from_secret(id("crk-main"), 7, secret, Timestamp(0));
    let w = WrappedKey::decode(&b.hex("Encoding")).unwrap();
    let plain = root
        .unwrap(w.wrapping_key_version(), w.method(), w.wrapped_bytes())
        .unwrap();
    assert_eq!(plain.as_slice(), b.hex("Key").as_slice());
    let rw = root.wrap(&b.hex("Key")).unwrap();
    assert_eq!(rw.version, 7);
    let rebuilt = WrappedKey::from_parts(WrappedKeyParts {
        kind: KeyKind::Kek,
        key_id: id("kek-0001"),
        algorithm: KeyAlgorithm::Aes256,
        method: rw.method,
        context_bound: false,
        wrapping_key_id: root.id(),
        wrapping_key_version: rw.version,
        kdk_id: None,
        wrapped: rw.bytes,
    })
    .unwrap();
    assert_eq!(rebuilt.encode(), b.hex("Encoding"));
}

#[test]
fn plain_form_is_the_kmip_nist_key_wrap_of_the_dek() {
    // The plain form's bytes are exactly RFC 3394 KW of the DEK under the KEK: what a KMIP
    // server returns as Key Material for a Get with a Key Wrapping Specification.
    let b = &golden()[0];
    let kw = key_hierarchy::wrap::kw_wrap(&b.hex("WrappingKey"), &b.hex("Key")).unwrap();
    assert_eq!(kw.as_slice(), b.hex("Wrapped").as_slice());
}

#[test]
fn malformed_inputs_give_exact_errors() {
    let blocks = read_blocks("wrapped_key_malformed.txt");
    assert_eq!(blocks.len(), 30);
    for b in &blocks {
        let err = WrappedKey::decode(&hex(b.get("Input"))).unwrap_err();
        assert_eq!(err.to_string(), b.get("Error"), "{}", b.get("Name"));
        assert!(
            matches!(
                err,
                Error::Truncated { .. }
                    | Error::BadMagic { .. }
                    | Error::UnsupportedVersion { .. }
                    | Error::InvalidField { .. }
                    | Error::TrailingData { .. }
            ),
            "{}: {err:?}",
            b.get("Name")
        );
    }
}

#[test]
fn every_truncation_is_reported_with_its_offset() {
    for b in golden() {
        let enc = b.hex("Encoding");
        for cut in 0..enc.len() {
            match WrappedKey::decode(&enc[..cut]) {
                Err(Error::Truncated {
                    offset,
                    needed,
                    available,
                }) => {
                    assert!(offset <= cut, "offset {offset} past the cut {cut}");
                    assert_eq!(offset + available, cut);
                    assert!(needed > available);
                }
                other => panic!("{}: cut at {cut}: {other:?}", b.get("Name")),
            }
        }
        for extra in [&[0u8][..], b"\xff\xff", b"KHWK"] {
            let mut long = enc.clone();
            long.extend_from_slice(extra);
            assert!(matches!(
                WrappedKey::decode(&long),
                Err(Error::TrailingData { offset, remaining }) if offset == enc.len() && remaining == extra.len()
            ));
        }
    }
}

#[test]
fn corrupted_wrapped_bytes_fail_to_unwrap() {
    for b in golden().into_iter().filter(|b| b.get("Kind") == "DEK") {
        let kek = kek_of(&b);
        let enc = b.hex("Encoding");
        let start = enc.len() - b.hex("Wrapped").len();
        for i in start..enc.len() {
            for bit in [0x01u8, 0x80] {
                let mut bad = enc.clone();
                bad[i] ^= bit;
                let w = WrappedKey::decode(&bad).unwrap();
                assert!(
                    matches!(kek.unwrap_dek(&w, binding(&b)), Err(Error::UnwrapFailed)),
                    "{}: byte {i} bit {bit:#x}",
                    b.get("Name")
                );
            }
        }
    }
}

#[test]
fn corrupted_headers_of_bound_keys_never_unwrap() {
    // For a context-bound DEK every header field is authenticated (through the derived
    // wrapping key) or checked, so no single-bit change of the header yields a key.
    for b in golden()
        .into_iter()
        .filter(|b| b.fields.contains_key("Context"))
    {
        let kek = kek_of(&b);
        let enc = b.hex("Encoding");
        let header_len = enc.len() - b.hex("Wrapped").len();
        let mut decodable = 0;
        for i in 0..header_len {
            for bit in 0..8 {
                let mut bad = enc.clone();
                bad[i] ^= 1 << bit;
                let Ok(w) = WrappedKey::decode(&bad) else {
                    continue;
                };
                decodable += 1;
                let ctx = binding(&b);
                // Whatever it claims to be, neither the right KEK nor a KEK named like the
                // mutated wrapping key unwraps it.
                assert!(kek.unwrap_dek(&w, ctx).is_err(), "byte {i} bit {bit}");
                let renamed = Kek::from_bytes(*w.wrapping_key_id(), kek.expose_secret()).unwrap();
                assert!(renamed.unwrap_dek(&w, ctx).is_err(), "byte {i} bit {bit}");
                assert!(
                    renamed.unwrap_dek(&w, Binding::Plain).is_err(),
                    "plain: byte {i} bit {bit} {w:?}"
                );
            }
        }
        assert!(decodable > 0);
    }
}

#[test]
fn from_parts_refuses_inconsistent_parts() {
    let good = WrappedKey::decode(&golden()[0].hex("Encoding"))
        .unwrap()
        .into_parts();
    let cases: Vec<(&str, WrappedKeyParts)> = vec![
        (
            "short",
            WrappedKeyParts {
                wrapped: vec![0; 40],
                ..good.clone()
            },
        ),
        (
            "one byte short",
            WrappedKeyParts {
                wrapped: vec![0; 71],
                ..good.clone()
            },
        ),
        (
            "KEK as XTS",
            WrappedKeyParts {
                kind: KeyKind::Kek,
                ..good.clone()
            },
        ),
        (
            "bound KEK",
            WrappedKeyParts {
                kind: KeyKind::Kek,
                algorithm: KeyAlgorithm::Aes256,
                wrapped: vec![0; 40],
                context_bound: true,
                ..good.clone()
            },
        ),
        (
            "derived KDK",
            WrappedKeyParts {
                kind: KeyKind::Kdk,
                algorithm: KeyAlgorithm::Aes256,
                wrapped: vec![0; 40],
                kdk_id: Some(id("x")),
                ..good
            },
        ),
    ];
    for (name, parts) in cases {
        assert!(
            matches!(
                WrappedKey::from_parts(parts),
                Err(Error::InconsistentWrappedKey { .. })
            ),
            "{name}"
        );
    }
    assert!(WrappedKey::from_parts(good).is_ok());
}
