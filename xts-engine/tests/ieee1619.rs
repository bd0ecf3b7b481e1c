//! IEEE Std 1619 Annex B vectors (tests/data/ieee1619_xts.txt) through every backend.
//!
//! The AES-256 vectors (10-14) run here through the public API; the AES-128 ones (2-9, 15-18,
//! the latter exercising ciphertext stealing) run on the generic portable core in the unit tests
//! of `src/backend/portable.rs`. Vector 1 has equal key halves and must be refused.

mod common;

use std::collections::HashMap;

use common::{engines, hex};
use xts_engine::{Error, Xts256};

const VECTORS: &str = include_str!("data/ieee1619_xts.txt");

fn vectors() -> Vec<HashMap<String, String>> {
    VECTORS
        .split("\n\n")
        .map(|block| {
            block
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split_once(" = "))
                .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
                .collect::<HashMap<_, _>>()
        })
        .filter(|m| m.contains_key("Vector"))
        .collect()
}

#[test]
fn the_file_holds_vectors_1_to_18() {
    let numbers: Vec<u32> = vectors()
        .iter()
        .map(|v| v["Vector"].parse().expect("number"))
        .collect();
    assert_eq!(numbers, (1..=18).collect::<Vec<_>>());
}

#[test]
fn vectors_10_to_14_aes256_on_every_backend() {
    let mut checked = 0;
    for v in vectors().iter().filter(|v| v["Cipher"] == "aes-256-xts") {
        let key: [u8; 64] = hex(&v["Key"]).try_into().expect("64-byte key");
        let tweak: [u8; 16] = hex(&v["Tweak"]).try_into().expect("16-byte tweak");
        let pt = hex(&v["Plaintext"]);
        let ct = hex(&v["Ciphertext"]);
        for xts in engines(&key) {
            let b = xts.backend();
            let mut buf = pt.clone();
            xts.encrypt_data_unit(&mut buf, &tweak)
                .expect("512-byte unit");
            assert_eq!(buf, ct, "vector {} encrypt on {b}", v["Vector"]);
            xts.decrypt_data_unit(&mut buf, &tweak)
                .expect("512-byte unit");
            assert_eq!(buf, pt, "vector {} decrypt on {b}", v["Vector"]);

            // The tweak is the data unit sequence number: the sector call gives the same bytes.
            let sector = u64::from_le_bytes(tweak[..8].try_into().expect("8 bytes"));
            assert_eq!(&tweak[8..], &[0; 8]);
            let mut buf = pt.clone();
            xts.encrypt_sectors(&mut buf, 512, sector)
                .expect("one sector");
            assert_eq!(buf, ct, "vector {} as sector {sector} on {b}", v["Vector"]);
            checked += 1;
        }
    }
    assert!(checked >= 5);
}

#[test]
fn vector_1_equal_halves_is_refused() {
    let v = &vectors()[0];
    assert_eq!(v["Vector"], "1");
    assert_eq!(v["Result"], "EQUAL_KEY_HALVES");
    // Vector 1 is AES-128 with Key1 = Key2 = 0; the AES-256 form of the same key is refused.
    let k = hex(&v["Key"]);
    assert_eq!(k[..16], k[16..]);
    let mut key = [0u8; 64];
    key[..16].copy_from_slice(&k[..16]);
    key[32..48].copy_from_slice(&k[16..]);
    assert_eq!(Xts256::new(&key).unwrap_err(), Error::EqualKeyHalves);
    for b in xts_engine::Backend::ALL {
        assert_eq!(
            Xts256::with_backend(&key, b).unwrap_err(),
            Error::EqualKeyHalves,
            "{b}"
        );
    }
}
