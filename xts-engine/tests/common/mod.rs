//! Shared helpers for the integration tests: the xts-mode oracle and backend iteration.
#![allow(dead_code)]

use aes::Aes256;
use aes::cipher::{Array, KeyInit};
use xts_engine::{Backend, Xts256};
use xts_mode::Xts128;

/// The independent oracle: the `xts-mode` crate over the `aes` crate's AES-256.
pub fn oracle(key: &[u8; 64]) -> Xts128<Aes256> {
    let (k1, k2) = key.split_at(32);
    Xts128::new(
        Aes256::new_from_slice(k1).expect("32-byte key"),
        Aes256::new_from_slice(k2).expect("32-byte key"),
    )
}

/// The oracle's encryption of one data unit.
pub fn oracle_encrypt_unit(key: &[u8; 64], data: &mut [u8], tweak: &[u8; 16]) {
    oracle(key).encrypt_sector(data, Array(*tweak));
}

/// The oracle's decryption of one data unit.
pub fn oracle_decrypt_unit(key: &[u8; 64], data: &mut [u8], tweak: &[u8; 16]) {
    oracle(key).decrypt_sector(data, Array(*tweak));
}

/// The oracle's encryption of consecutive sectors (tweak = sector number, little-endian).
pub fn oracle_encrypt_sectors(key: &[u8; 64], data: &mut [u8], sector_size: usize, first: u64) {
    oracle(key).encrypt_area(
        data,
        sector_size,
        u128::from(first),
        xts_mode::get_tweak_default,
    );
}

/// Every backend, each keyed with `key`; prints "skipped" for those this CPU lacks.
pub fn engines(key: &[u8; 64]) -> Vec<Xts256> {
    let mut out = Vec::new();
    for backend in Backend::ALL {
        match Xts256::with_backend(key, backend) {
            Ok(x) => out.push(x),
            Err(xts_engine::Error::BackendUnavailable { .. }) => {
                assert!(!backend.is_available());
                println!("skipped: backend {backend} is not available on this CPU");
            }
            Err(e) => panic!("{backend}: {e}"),
        }
    }
    assert!(out.iter().any(|x| x.backend() == Backend::Portable));
    out
}

/// A deterministic test key with distinct halves.
pub fn key(seed: u8) -> [u8; 64] {
    let mut k = [0u8; 64];
    let mut x = u32::from(seed).wrapping_mul(0x9e37_79b9) | 1;
    for b in k.iter_mut() {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *b = (x >> 24) as u8;
    }
    k
}

/// Deterministic pseudo-random data.
pub fn data(len: usize, seed: u32) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x85eb_ca6b) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 16) as u8
        })
        .collect()
}

/// Decodes lower- or upper-case hex.
pub fn hex(s: &str) -> Vec<u8> {
    assert!(s.len().is_multiple_of(2), "odd hex length");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex digit"))
        .collect()
}
