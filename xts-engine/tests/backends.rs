//! Every backend against the portable one and against the `xts-mode` crate (the independent
//! oracle), in one test binary. A backend this CPU lacks prints "skipped".

mod common;

use common::{
    data, engines, key, oracle_decrypt_unit, oracle_encrypt_sectors, oracle_encrypt_unit,
};
use proptest::prelude::*;
use xts_engine::{Backend, Xts256, rekey_sectors, rekey_sectors_parallel};

/// Every data-unit length from 16 to 1024 bytes: all block counts 1..=64 (odd ones included, and
/// the lane/batch boundaries of every backend) and every stealing tail 1..=15.
#[test]
fn every_data_unit_length_16_to_1024() {
    let key = key(1);
    let engines = engines(&key);
    for len in 16..=1024 {
        let pt = data(len, len as u32);
        let tweak: [u8; 16] = data(16, 7 * len as u32).try_into().expect("16 bytes");
        let mut expect = pt.clone();
        oracle_encrypt_unit(&key, &mut expect, &tweak);
        for xts in &engines {
            let mut buf = pt.clone();
            xts.encrypt_data_unit(&mut buf, &tweak)
                .expect("valid length");
            assert!(buf == expect, "{} encrypt, length {len}", xts.backend());
            xts.decrypt_data_unit(&mut buf, &tweak)
                .expect("valid length");
            assert!(buf == pt, "{} decrypt, length {len}", xts.backend());
        }
    }
}

/// Longer units around the batch sizes (8, 16 and 32 blocks) and the portable batch (960
/// blocks), with and without a stealing tail.
#[test]
fn long_units_around_batch_boundaries() {
    let key = key(2);
    let engines = engines(&key);
    let mut lens = Vec::new();
    for blocks in [
        63, 64, 65, 127, 128, 129, 255, 256, 257, 959, 960, 961, 1023, 2048,
    ] {
        for tail in [0, 1, 8, 15] {
            lens.push(blocks * 16 + tail);
        }
    }
    for len in lens {
        let pt = data(len, len as u32 ^ 0x55);
        let tweak = [0xffu8; 16]; // exercises the carry out of bit 127 at once
        let mut expect = pt.clone();
        oracle_encrypt_unit(&key, &mut expect, &tweak);
        for xts in &engines {
            let mut buf = pt.clone();
            xts.encrypt_data_unit(&mut buf, &tweak)
                .expect("valid length");
            assert!(buf == expect, "{} encrypt, length {len}", xts.backend());
            xts.decrypt_data_unit(&mut buf, &tweak)
                .expect("valid length");
            assert!(buf == pt, "{} decrypt, length {len}", xts.backend());
        }
    }
}

/// The decryption direction against the oracle, on data that was never encrypted by us.
#[test]
fn decrypt_matches_the_oracle_on_arbitrary_ciphertext() {
    let key = key(3);
    let engines = engines(&key);
    for len in [16, 17, 31, 32, 47, 100, 511, 512, 513, 4096, 4111] {
        let ct = data(len, 99 + len as u32);
        let tweak: [u8; 16] = data(16, len as u32).try_into().expect("16 bytes");
        let mut expect = ct.clone();
        oracle_decrypt_unit(&key, &mut expect, &tweak);
        for xts in &engines {
            let mut buf = ct.clone();
            xts.decrypt_data_unit(&mut buf, &tweak)
                .expect("valid length");
            assert!(buf == expect, "{} decrypt, length {len}", xts.backend());
        }
    }
}

/// Sector calls across many sectors, for common and odd sector sizes, including sector numbers
/// that cross 2^64 (the tweak continues in 128 bits, as IEEE 1619 defines it).
#[test]
fn sectors_across_many_sectors() {
    let key = key(4);
    let engines = engines(&key);
    let cases: [(usize, usize, u64); 11] = [
        (512, 37, 0),
        (256, 35, 9),       // one 256-byte VAES-AVX2 batch per sector
        (768, 18, 1 << 33), // three VAES-AVX2 batches, one and a half AVX-512 batches
        (512, 40, 1_000_000_007),
        (4096, 9, 123_456),
        (520, 21, 77), // 32.5 blocks: stealing in every sector
        (528, 17, 5),  // 33 blocks: odd count
        (16, 100, 3),  // one block per sector
        (33, 64, 1 << 40),
        (512, 35, u64::MAX - 17), // crosses 2^64
        (4112, 5, u64::MAX),
    ];
    for (sector_size, count, first) in cases {
        let pt = data(
            sector_size * count,
            (sector_size as u32).wrapping_add(first as u32),
        );
        let mut expect = pt.clone();
        oracle_encrypt_sectors(&key, &mut expect, sector_size, first);
        for xts in &engines {
            let b = xts.backend();
            let mut buf = pt.clone();
            xts.encrypt_sectors(&mut buf, sector_size, first)
                .expect("whole sectors");
            assert!(
                buf == expect,
                "{b} encrypt_sectors({sector_size} x {count} from {first})"
            );
            xts.decrypt_sectors(&mut buf, sector_size, first)
                .expect("whole sectors");
            assert!(
                buf == pt,
                "{b} decrypt_sectors({sector_size} x {count} from {first})"
            );
        }
    }
}

/// The multi-core form equals the single-core one, for several thread counts.
#[test]
fn parallel_equals_single_core() {
    let key = key(5);
    let len = 3 * 1024 * 1024 + 512 * 7; // not a multiple of the piece size
    let pt = data(len, 5);
    for xts in engines(&key) {
        let b = xts.backend();
        let mut single = pt.clone();
        xts.encrypt_sectors(&mut single, 512, 42)
            .expect("whole sectors");
        for threads in [0, 1, 2, 3, 8] {
            let mut par = pt.clone();
            xts.encrypt_sectors_parallel(&mut par, 512, 42, threads)
                .expect("whole sectors");
            assert!(par == single, "{b} encrypt, {threads} threads");
            xts.decrypt_sectors_parallel(&mut par, 512, 42, threads)
                .expect("whole sectors");
            assert!(par == pt, "{b} decrypt, {threads} threads");
        }
    }
}

/// `rekey_sectors` equals decrypt with the old key then encrypt with the new, also across
/// backends and in the parallel form.
#[test]
fn rekey_equals_decrypt_then_encrypt() {
    let (old_key, new_key) = (key(6), key(7));
    let olds = engines(&old_key);
    let news = engines(&new_key);
    for (sector_size, count) in [(512usize, 200usize), (4096, 150), (520, 70)] {
        let pt = data(sector_size * count, sector_size as u32);
        let mut old_ct = pt.clone();
        oracle_encrypt_sectors(&old_key, &mut old_ct, sector_size, 9);
        let mut new_ct = pt.clone();
        oracle_encrypt_sectors(&new_key, &mut new_ct, sector_size, 9);
        for old in &olds {
            for new in &news {
                let mut buf = old_ct.clone();
                rekey_sectors(old, new, &mut buf, sector_size, 9).expect("whole sectors");
                assert!(
                    buf == new_ct,
                    "rekey {} -> {}, sector size {sector_size}",
                    old.backend(),
                    new.backend()
                );
                let mut buf = old_ct.clone();
                rekey_sectors_parallel(old, new, &mut buf, sector_size, 9, 2)
                    .expect("whole sectors");
                assert!(
                    buf == new_ct,
                    "parallel rekey {} -> {}",
                    old.backend(),
                    new.backend()
                );
            }
        }
    }
}

/// Decrypt ∘ encrypt is the identity in place, for every backend, on every stealing tail.
#[test]
fn decrypt_encrypt_identity_every_tail() {
    let key = key(8);
    for xts in engines(&key) {
        for blocks in [1usize, 2, 3, 7, 9, 31, 33, 63] {
            for tail in 0..16 {
                let len = blocks * 16 + tail;
                let pt = data(len, len as u32);
                let mut buf = pt.clone();
                let tweak = [tail as u8; 16];
                xts.encrypt_data_unit(&mut buf, &tweak)
                    .expect("valid length");
                assert!(buf != pt || len == 0);
                xts.decrypt_data_unit(&mut buf, &tweak)
                    .expect("valid length");
                assert!(buf == pt, "{} length {len}", xts.backend());
            }
        }
    }
}

#[test]
fn the_default_backend_is_the_preferred_one() {
    let x = Xts256::new(&key(9)).expect("distinct halves");
    assert_eq!(x.backend(), Backend::preferred());
    if let Some(forced) = Backend::forced() {
        assert_eq!(x.backend(), forced);
    } else {
        assert_eq!(Some(&x.backend()), Backend::available().first());
    }
    println!("available backends: {:?}", Backend::available());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Random keys, tweaks, lengths and data: every backend equals the oracle and round-trips.
    #[test]
    fn random_units_match_the_oracle(
        key in prop::array::uniform32(any::<u8>()).prop_flat_map(|a| {
            (Just(a), prop::array::uniform32(any::<u8>()))
        }),
        tweak in prop::array::uniform16(any::<u8>()),
        pt in prop::collection::vec(any::<u8>(), 16..3000),
    ) {
        let (a, b) = key;
        prop_assume!(a != b);
        let mut k = [0u8; 64];
        k[..32].copy_from_slice(&a);
        k[32..].copy_from_slice(&b);
        let mut expect = pt.clone();
        oracle_encrypt_unit(&k, &mut expect, &tweak);
        for backend in Backend::available() {
            let xts = Xts256::with_backend(&k, backend).expect("available");
            let mut buf = pt.clone();
            xts.encrypt_data_unit(&mut buf, &tweak).expect("valid length");
            prop_assert_eq!(&buf, &expect, "{} encrypt", backend);
            xts.decrypt_data_unit(&mut buf, &tweak).expect("valid length");
            prop_assert_eq!(&buf, &pt, "{} decrypt", backend);
        }
    }

    /// Random sector sizes, counts and first sector numbers.
    #[test]
    fn random_sectors_match_the_oracle(
        seed in any::<u8>(),
        sector_size in 16usize..1200,
        count in 1usize..12,
        first in any::<u64>(),
    ) {
        let k = key(seed);
        let pt = data(sector_size * count, u32::from(seed));
        let mut expect = pt.clone();
        oracle_encrypt_sectors(&k, &mut expect, sector_size, first);
        for backend in Backend::available() {
            let xts = Xts256::with_backend(&k, backend).expect("available");
            let mut buf = pt.clone();
            xts.encrypt_sectors(&mut buf, sector_size, first).expect("whole sectors");
            prop_assert_eq!(&buf, &expect, "{} encrypt", backend);
            xts.decrypt_sectors(&mut buf, sector_size, first).expect("whole sectors");
            prop_assert_eq!(&buf, &pt, "{} decrypt", backend);
        }
    }
}
