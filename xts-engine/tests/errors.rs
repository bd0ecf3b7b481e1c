//! Every refusal is a typed error, nothing is written, and nothing panics.

mod common;

use common::{engines, key};
use xts_engine::{Backend, Error, MAX_DATA_UNIT, Xts256, rekey_sectors, rekey_sectors_parallel};

#[test]
fn equal_key_halves_are_refused() {
    let mut k = [0u8; 64];
    for (i, b) in k.iter_mut().enumerate() {
        *b = (i % 32) as u8;
    }
    assert_eq!(Xts256::new(&k).unwrap_err(), Error::EqualKeyHalves);
    for b in Backend::ALL {
        assert_eq!(
            Xts256::with_backend(&k, b).unwrap_err(),
            Error::EqualKeyHalves
        );
    }
    // One differing bit anywhere is enough.
    k[63] ^= 1;
    assert!(Xts256::new(&k).is_ok());
}

#[test]
fn data_unit_too_short_or_too_long() {
    for xts in engines(&key(1)) {
        for len in [0usize, 1, 15] {
            let mut buf = vec![0xa5; len];
            assert_eq!(
                xts.encrypt_data_unit(&mut buf, &[0; 16]).unwrap_err(),
                Error::DataUnitTooShort { len }
            );
            assert_eq!(
                xts.decrypt_data_unit(&mut buf, &[0; 16]).unwrap_err(),
                Error::DataUnitTooShort { len }
            );
            assert!(buf.iter().all(|&b| b == 0xa5), "untouched");
        }
        let mut big = vec![0u8; MAX_DATA_UNIT + 1];
        assert_eq!(
            xts.encrypt_data_unit(&mut big, &[0; 16]).unwrap_err(),
            Error::DataUnitTooLong {
                len: MAX_DATA_UNIT + 1,
                max: MAX_DATA_UNIT
            }
        );
        assert!(big.iter().all(|&b| b == 0), "untouched");
    }
}

#[test]
fn the_longest_data_unit_is_accepted() {
    let xts = Xts256::new(&key(2)).expect("distinct halves");
    let mut buf = vec![0u8; MAX_DATA_UNIT];
    xts.encrypt_data_unit(&mut buf, &[1; 16])
        .expect("2^24 bytes is allowed");
    xts.decrypt_data_unit(&mut buf, &[1; 16])
        .expect("2^24 bytes is allowed");
    assert!(buf.iter().all(|&b| b == 0));
}

#[test]
fn bad_sector_sizes_and_partial_sectors() {
    let old = Xts256::new(&key(3)).expect("distinct halves");
    let new = Xts256::new(&key(4)).expect("distinct halves");
    for xts in engines(&key(3)) {
        let mut buf = vec![0x5a; 1000];
        assert_eq!(
            xts.encrypt_sectors(&mut buf, 512, 0).unwrap_err(),
            Error::NotSectorMultiple {
                len: 1000,
                sector_size: 512
            }
        );
        assert_eq!(
            xts.decrypt_sectors_parallel(&mut buf, 512, 0, 2)
                .unwrap_err(),
            Error::NotSectorMultiple {
                len: 1000,
                sector_size: 512
            }
        );
        assert_eq!(
            xts.encrypt_sectors(&mut buf, 0, 0).unwrap_err(),
            Error::DataUnitTooShort { len: 0 }
        );
        assert_eq!(
            xts.encrypt_sectors_parallel(&mut buf, 8, 0, 0).unwrap_err(),
            Error::DataUnitTooShort { len: 8 }
        );
        assert_eq!(
            xts.decrypt_sectors(&mut buf, MAX_DATA_UNIT + 16, 0)
                .unwrap_err(),
            Error::DataUnitTooLong {
                len: MAX_DATA_UNIT + 16,
                max: MAX_DATA_UNIT
            }
        );
        assert!(buf.iter().all(|&b| b == 0x5a), "untouched");
        // An empty buffer is zero whole sectors.
        xts.encrypt_sectors(&mut [], 512, 0).expect("no sectors");
    }
    let mut buf = vec![0u8; 1000];
    assert_eq!(
        rekey_sectors(&old, &new, &mut buf, 512, 0).unwrap_err(),
        Error::NotSectorMultiple {
            len: 1000,
            sector_size: 512
        }
    );
    assert_eq!(
        rekey_sectors_parallel(&old, &new, &mut buf, 15, 0, 2).unwrap_err(),
        Error::DataUnitTooShort { len: 15 }
    );
}

#[test]
fn unavailable_backends_are_an_error() {
    let k = key(5);
    for b in Backend::ALL {
        match Xts256::with_backend(&k, b) {
            Ok(x) => {
                assert!(b.is_available());
                assert_eq!(x.backend(), b);
            }
            Err(e) => {
                assert!(!b.is_available());
                assert_eq!(e, Error::BackendUnavailable { backend: b });
                assert_eq!(
                    e.to_string(),
                    format!("backend {} is not available on this CPU", b.name())
                );
                println!("{b}: not available here, refused as expected");
            }
        }
    }
    assert!(Backend::Portable.is_available());
}

#[test]
fn debug_shows_the_backend_and_no_key_material() {
    let k = [0xabu8; 32]
        .into_iter()
        .chain([0xcd; 32])
        .collect::<Vec<_>>()
        .try_into()
        .expect("64 bytes");
    for xts in engines(&k) {
        let s = format!("{xts:?}");
        assert!(s.starts_with("Xts256 { backend: "), "{s}");
        assert!(s.ends_with(", .. }"), "{s}");
        assert!(
            !s.contains("abab") && !s.contains("cdcd") && !s.contains("171") && !s.contains("205"),
            "{s}"
        );
    }
}
