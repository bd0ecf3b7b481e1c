//! Published test vectors: RFC 3394 §4, RFC 5649 §6, RFC 5869 appendix A (SHA-256), and
//! Wycheproof's AES-KW and AES-KWP files with their verdicts.

mod common;

use common::{Block, read_blocks, to_hex};
use key_hierarchy::wrap::{WrapMethod, kw_unwrap, kw_wrap, kwp_unwrap, kwp_wrap};
use key_hierarchy::{Error, hazmat};

#[test]
fn rfc3394_section_4() {
    let blocks = read_blocks("rfc3394_kw.txt");
    assert_eq!(blocks.len(), 6, "RFC 3394 §4.1 to §4.6");
    for b in &blocks {
        let (kek, data, ct) = (b.hex("KEK"), b.hex("KeyData"), b.hex("Ciphertext"));
        let wrapped = kw_wrap(&kek, &data).unwrap();
        assert_eq!(to_hex(&wrapped), to_hex(&ct), "{}", b.get("Section"));
        assert_eq!(
            WrapMethod::NistKeyWrap
                .wrap(&kek, &data)
                .unwrap()
                .as_slice(),
            ct.as_slice()
        );
        assert_eq!(kw_unwrap(&kek, &ct).unwrap().as_slice(), data.as_slice());
        // KWP of the same input must differ: the two methods are never interchangeable.
        assert_ne!(kwp_wrap(&kek, &data).unwrap().as_slice(), ct.as_slice());
        assert!(matches!(kwp_unwrap(&kek, &ct), Err(Error::UnwrapFailed)));
    }
}

#[test]
fn rfc5649_section_6() {
    let blocks = read_blocks("rfc5649_kwp.txt");
    assert_eq!(blocks.len(), 2, "RFC 5649 §6 has two examples");
    for b in &blocks {
        let (kek, key, wrap) = (b.hex("KEK"), b.hex("Key"), b.hex("Wrap"));
        assert_eq!(to_hex(&kwp_wrap(&kek, &key).unwrap()), to_hex(&wrap));
        assert_eq!(kwp_unwrap(&kek, &wrap).unwrap().as_slice(), key.as_slice());
        assert_eq!(
            WrapMethod::AesKeyWrapPadding
                .unwrap(&kek, &wrap)
                .unwrap()
                .as_slice(),
            key.as_slice()
        );
    }
}

#[test]
fn rfc5869_appendix_a_sha256() {
    let blocks = read_blocks("rfc5869_hkdf_sha256.txt");
    assert_eq!(blocks.len(), 3, "RFC 5869 test cases 1 to 3");
    for b in &blocks {
        let (ikm, salt, info) = (b.hex("IKM"), b.hex("Salt"), b.hex("Info"));
        let l: usize = b.get("L").parse().unwrap();
        let prk = hazmat::hkdf_sha256_extract(&salt, &ikm);
        assert_eq!(to_hex(prk.as_slice()), b.get("PRK"), "{}", b.get("Case"));
        let mut okm = vec![0u8; l];
        hazmat::hkdf_sha256(&salt, &ikm, &[&info], &mut okm).unwrap();
        assert_eq!(to_hex(&okm), b.get("OKM"), "{}", b.get("Case"));
        // The info may be given in pieces.
        let (a, c) = info.split_at(info.len() / 2);
        let mut okm2 = vec![0u8; l];
        hazmat::hkdf_sha256(&salt, &ikm, &[a, c], &mut okm2).unwrap();
        assert_eq!(okm, okm2);
    }
    let mut too_long = vec![0u8; 255 * 32 + 1];
    assert!(matches!(
        hazmat::hkdf_sha256(b"", b"ikm", &[], &mut too_long),
        Err(Error::InvalidLength { .. })
    ));
}

type Wrap = fn(&[u8], &[u8]) -> Result<zeroize::Zeroizing<Vec<u8>>, Error>;

/// Counts of (valid, invalid, acceptable) cases checked.
fn wycheproof(file: &str, wrap: Wrap, unwrap: Wrap) -> (usize, usize, usize) {
    let blocks = read_blocks(file);
    let (mut valid, mut invalid, mut acceptable) = (0, 0, 0);
    for b in &blocks {
        let tc = b.get("TcId");
        let (key, msg, ct) = (b.hex("Key"), b.hex("Msg"), b.hex("Ct"));
        assert_eq!(
            key.len() * 8,
            b.get("KeySize").parse::<usize>().unwrap(),
            "tc {tc}"
        );
        match b.get("Result") {
            "valid" => {
                valid += 1;
                let w = wrap(&key, &msg).unwrap_or_else(|e| panic!("tc {tc}: wrap: {e}"));
                assert_eq!(to_hex(&w), to_hex(&ct), "tc {tc}: wrap");
                let u = unwrap(&key, &ct).unwrap_or_else(|e| panic!("tc {tc}: unwrap: {e}"));
                assert_eq!(to_hex(&u), to_hex(&msg), "tc {tc}: unwrap");
            }
            "invalid" => {
                invalid += 1;
                match unwrap(&key, &ct) {
                    Err(Error::UnwrapFailed | Error::InvalidLength { .. }) => {}
                    other => panic!("tc {tc}: invalid ciphertext gave {other:?}"),
                }
                // Wrapping the message either is refused or gives something else.
                if let Ok(w) = wrap(&key, &msg) {
                    assert_ne!(w.as_slice(), ct.as_slice(), "tc {tc}");
                }
            }
            "acceptable" => {
                acceptable += 1;
                // Only KW of an 8-byte key (RFC 3394 §2 single-block "wrap", not defined by
                // SP 800-38F). This crate refuses it in both directions.
                assert_eq!(b.get("Flags"), "ShortKey", "tc {tc}");
                assert!(matches!(
                    wrap(&key, &msg),
                    Err(Error::InvalidLength { len: 8, .. })
                ));
                assert!(matches!(
                    unwrap(&key, &ct),
                    Err(Error::InvalidLength { len: 16, .. })
                ));
            }
            other => panic!("tc {tc}: unknown verdict {other}"),
        }
    }
    (valid, invalid, acceptable)
}

#[test]
fn wycheproof_aes_wrap_test() {
    let counts = wycheproof("wycheproof_aes_kw.txt", kw_wrap, kw_unwrap);
    // 165 tests in aes_wrap_test.json.
    assert_eq!(counts.0 + counts.1 + counts.2, 165);
    assert_eq!(counts, (36, 126, 3));
}

#[test]
fn wycheproof_aes_kwp_test() {
    let counts = wycheproof("wycheproof_aes_kwp.txt", kwp_wrap, kwp_unwrap);
    // 254 tests in aes_kwp_test.json.
    assert_eq!(counts.0 + counts.1 + counts.2, 254);
    assert_eq!(counts, (77, 177, 0));
}

#[test]
fn wycheproof_flags_are_known() {
    let known = [
        "Normal",
        "CounterOverflow",
        "EmptyKey",
        "ShortKey",
        "WrongDataSize",
        "InvalidWrappingSize",
        "ModifiedIv",
        "ModifiedPadding",
        "SmallKey",
    ];
    for file in ["wycheproof_aes_kw.txt", "wycheproof_aes_kwp.txt"] {
        for b in read_blocks(file) {
            let b: Block = b;
            assert!(
                known.contains(&b.get("Flags")),
                "{file}: {}",
                b.get("Flags")
            );
        }
    }
}
