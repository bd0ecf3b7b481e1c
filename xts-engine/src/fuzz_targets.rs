//! Fuzz target bodies, public only so that `fuzz/` and the corpus-replay test can call them.

use crate::{Backend, Error, Xts256};

/// Differential fuzz target `xts_differential`: every available backend against the portable
/// one, on an arbitrary key, tweak, length and data.
///
/// Input layout: 64 key bytes, 16 tweak bytes, 1 byte choosing the sector size, 1 byte choosing
/// how many times the remaining data is repeated (to reach multi-batch lengths), 8 bytes of
/// first sector number, then the data. Panics on any disagreement (that is the finding).
pub fn xts_differential(input: &[u8]) {
    let Some((key, rest)) = input.split_first_chunk::<64>() else {
        return;
    };
    let Some((tweak, rest)) = rest.split_first_chunk::<16>() else {
        return;
    };
    let Some(([size_sel, repeat], rest)) = rest.split_first_chunk::<2>() else {
        return;
    };
    let Some((first, rest)) = rest.split_first_chunk::<8>() else {
        return;
    };
    let first_sector = u64::from_le_bytes(*first);
    let mut data = Vec::with_capacity(rest.len() * (usize::from(*repeat % 8) + 1));
    for _ in 0..=(*repeat % 8) {
        data.extend_from_slice(rest);
    }

    let portable = match Xts256::with_backend(key, Backend::Portable) {
        Ok(x) => x,
        Err(Error::EqualKeyHalves) => {
            for b in Backend::available() {
                assert_eq!(
                    Xts256::with_backend(key, b).map(|_| ()),
                    Err(Error::EqualKeyHalves),
                    "{b} accepted equal key halves"
                );
            }
            return;
        }
        Err(e) => panic!("portable backend refused a key: {e}"),
    };

    for backend in Backend::available() {
        if backend == Backend::Portable {
            continue;
        }
        let xts = match Xts256::with_backend(key, backend) {
            Ok(x) => x,
            Err(e) => panic!("{backend} refused a key the portable backend took: {e}"),
        };

        // One data unit with the raw tweak, both directions (the input doubles as ciphertext).
        let mut a = data.clone();
        let mut b = data.clone();
        let ra = portable.encrypt_data_unit(&mut a, tweak);
        let rb = xts.encrypt_data_unit(&mut b, tweak);
        assert_eq!(ra, rb, "{backend}: encrypt_data_unit result");
        assert!(
            a == b,
            "{backend}: encrypt_data_unit output, len {}",
            data.len()
        );
        if ra.is_ok() {
            xts.decrypt_data_unit(&mut b, tweak).expect("valid length");
            assert!(b == data, "{backend}: decrypt(encrypt(x)) != x");
        }
        let mut a = data.clone();
        let mut b = data.clone();
        let ra = portable.decrypt_data_unit(&mut a, tweak);
        let rb = xts.decrypt_data_unit(&mut b, tweak);
        assert_eq!(ra, rb, "{backend}: decrypt_data_unit result");
        assert!(
            a == b,
            "{backend}: decrypt_data_unit output, len {}",
            data.len()
        );

        // Sectors: a size from 16 to 527 bytes, over the largest whole number of sectors.
        let sector_size = 16 + usize::from(*size_sel) * 2 + usize::from(*size_sel % 2);
        let whole = data.len() - data.len() % sector_size;
        let mut a = data.get(..whole).unwrap_or_default().to_vec();
        let mut b = a.clone();
        portable
            .encrypt_sectors(&mut a, sector_size, first_sector)
            .expect("whole sectors");
        xts.encrypt_sectors(&mut b, sector_size, first_sector)
            .expect("whole sectors");
        assert!(
            a == b,
            "{backend}: encrypt_sectors, sector size {sector_size}"
        );
        portable
            .decrypt_sectors(&mut a, sector_size, first_sector)
            .expect("whole sectors");
        xts.decrypt_sectors(&mut b, sector_size, first_sector)
            .expect("whole sectors");
        assert!(
            a == b,
            "{backend}: decrypt_sectors, sector size {sector_size}"
        );
        assert!(
            a.as_slice() == data.get(..whole).unwrap_or_default(),
            "{backend}: sector round trip"
        );
    }
}
