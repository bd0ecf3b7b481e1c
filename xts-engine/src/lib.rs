#![doc = include_str!("../README.md")]

mod error;

// The only module where `unsafe` is allowed: SIMD intrinsics behind runtime detection.
#[allow(unsafe_code)]
mod backend;

#[doc(hidden)]
pub mod fuzz_targets;

use core::fmt;
use std::num::NonZeroUsize;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

pub use backend::Backend;
pub use error::Error;

/// The AES block size, in bytes.
pub const BLOCK_LEN: usize = 16;
/// The length of an AES-256-XTS key: Key1 (data) followed by Key2 (tweak), 32 bytes each.
pub const KEY_LEN: usize = 64;
/// The shortest data unit: one block (IEEE Std 1619-2018 §5.1).
pub const MIN_DATA_UNIT: usize = BLOCK_LEN;
/// The longest data unit: 2^20 blocks = 2^24 bytes (IEEE Std 1619-2018 §5.1, "the number of
/// 128-bit blocks in the data unit shall not exceed 2^20").
pub const MAX_DATA_UNIT: usize = 1 << 24;

/// Below this many bytes per thread the parallel calls stay on the calling thread: spawning a
/// thread costs more than encrypting this much.
const PARALLEL_MIN_PER_THREAD: usize = 256 * 1024;
/// Work is split into this many pieces per thread, so a core slowed by other load does not hold
/// the others back.
const PARALLEL_PIECES_PER_THREAD: usize = 4;
/// The rekey window: each window is decrypted with the old key and re-encrypted with the new
/// while it is still in L1, so memory is streamed once.
const REKEY_WINDOW: usize = 32 * 1024;

/// An AES-256-XTS key, expanded for one backend.
///
/// Built with [`Xts256::new`] (fastest backend of this CPU) or [`Xts256::with_backend`]. The
/// round keys are zeroized when it is dropped, and `Debug` shows only the backend. It is `Send`
/// and `Sync`: one key may serve many threads.
pub struct Xts256 {
    engine: backend::Engine,
}

impl Xts256 {
    /// Expands `key` = Key1 (first 32 bytes, encrypts the data) || Key2 (last 32 bytes, encrypts
    /// the tweak) for the fastest backend this CPU supports, or the one forced with
    /// `--cfg xts_backend="..."`.
    ///
    /// # Errors
    /// [`Error::EqualKeyHalves`] if Key1 == Key2 (compared in constant time);
    /// [`Error::BackendUnavailable`] if the build forces a backend this CPU cannot run.
    pub fn new(key: &[u8; KEY_LEN]) -> Result<Xts256, Error> {
        Self::with_backend(key, Backend::preferred())
    }

    /// As [`Xts256::new`], with an explicit backend.
    ///
    /// # Errors
    /// [`Error::EqualKeyHalves`] if Key1 == Key2; [`Error::BackendUnavailable`] if this CPU
    /// cannot run `backend`.
    pub fn with_backend(key: &[u8; KEY_LEN], backend: Backend) -> Result<Xts256, Error> {
        let (a, b) = key.split_at(KEY_LEN / 2);
        if halves_equal(a, b) {
            return Err(Error::EqualKeyHalves);
        }
        let mut k1 = Zeroizing::new([0u8; 32]);
        let mut k2 = Zeroizing::new([0u8; 32]);
        k1.copy_from_slice(a);
        k2.copy_from_slice(b);
        backend::Engine::new(backend, &k1, &k2)
            .map(|engine| Xts256 { engine })
            .ok_or(Error::BackendUnavailable { backend })
    }

    /// The backend this key was expanded for.
    pub fn backend(&self) -> Backend {
        self.engine.backend()
    }

    /// Encrypts one data unit in place under the raw 128-bit tweak `tweak` (IEEE Std 1619-2018
    /// §5.3). A length that is not a multiple of 16 uses ciphertext stealing (§5.3.2).
    ///
    /// # Errors
    /// [`Error::DataUnitTooShort`] below 16 bytes, [`Error::DataUnitTooLong`] above
    /// [`MAX_DATA_UNIT`]; `data` is untouched then.
    pub fn encrypt_data_unit(&self, data: &mut [u8], tweak: &[u8; 16]) -> Result<(), Error> {
        check_unit(data.len())?;
        let len = data.len();
        self.engine
            .encrypt_units(data, len, u128::from_le_bytes(*tweak));
        Ok(())
    }

    /// Decrypts one data unit in place (IEEE Std 1619-2018 §5.4), the inverse of
    /// [`Xts256::encrypt_data_unit`].
    ///
    /// # Errors
    /// As [`Xts256::encrypt_data_unit`].
    pub fn decrypt_data_unit(&self, data: &mut [u8], tweak: &[u8; 16]) -> Result<(), Error> {
        check_unit(data.len())?;
        let len = data.len();
        self.engine
            .decrypt_units(data, len, u128::from_le_bytes(*tweak));
        Ok(())
    }

    /// Encrypts consecutive sectors in place: `data` holds `data.len() / sector_size` data units,
    /// the first with data unit sequence number `first_sector`. The tweak of a sector is its
    /// number as a 128-bit little-endian integer (IEEE Std 1619; dm-crypt `plain64`); numbers
    /// past `u64::MAX` continue in 128 bits.
    ///
    /// # Errors
    /// [`Error::DataUnitTooShort`] / [`Error::DataUnitTooLong`] for a bad `sector_size`,
    /// [`Error::NotSectorMultiple`] if `data` is not a whole number of sectors.
    pub fn encrypt_sectors(
        &self,
        data: &mut [u8],
        sector_size: usize,
        first_sector: u64,
    ) -> Result<(), Error> {
        check_sectors(data.len(), sector_size)?;
        self.engine
            .encrypt_units(data, sector_size, u128::from(first_sector));
        Ok(())
    }

    /// Decrypts consecutive sectors in place, the inverse of [`Xts256::encrypt_sectors`].
    ///
    /// # Errors
    /// As [`Xts256::encrypt_sectors`].
    pub fn decrypt_sectors(
        &self,
        data: &mut [u8],
        sector_size: usize,
        first_sector: u64,
    ) -> Result<(), Error> {
        check_sectors(data.len(), sector_size)?;
        self.engine
            .decrypt_units(data, sector_size, u128::from(first_sector));
        Ok(())
    }

    /// [`Xts256::encrypt_sectors`] split across `threads` threads (`0` = every core
    /// `std::thread::available_parallelism` reports), each taking whole sectors. The result is
    /// byte-for-byte that of the single-threaded call. Small buffers stay on the calling thread.
    ///
    /// # Errors
    /// As [`Xts256::encrypt_sectors`].
    pub fn encrypt_sectors_parallel(
        &self,
        data: &mut [u8],
        sector_size: usize,
        first_sector: u64,
        threads: usize,
    ) -> Result<(), Error> {
        check_sectors(data.len(), sector_size)?;
        run_parallel(
            data,
            sector_size,
            u128::from(first_sector),
            threads,
            &|d, s| {
                self.engine.encrypt_units(d, sector_size, s);
            },
        );
        Ok(())
    }

    /// [`Xts256::decrypt_sectors`] split across `threads` threads (`0` = every core).
    ///
    /// # Errors
    /// As [`Xts256::encrypt_sectors`].
    pub fn decrypt_sectors_parallel(
        &self,
        data: &mut [u8],
        sector_size: usize,
        first_sector: u64,
        threads: usize,
    ) -> Result<(), Error> {
        check_sectors(data.len(), sector_size)?;
        run_parallel(
            data,
            sector_size,
            u128::from(first_sector),
            threads,
            &|d, s| {
                self.engine.decrypt_units(d, sector_size, s);
            },
        );
        Ok(())
    }
}

impl fmt::Debug for Xts256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Xts256")
            .field("backend", &self.backend())
            .finish_non_exhaustive()
    }
}

/// Deep rekey in one pass over memory: decrypts the sectors of `data` with `old` and encrypts them
/// with `new`, window by window while each window is in cache, so the data is read and written
/// once. The result equals `old.decrypt_sectors` followed by `new.encrypt_sectors`.
///
/// # Errors
/// As [`Xts256::encrypt_sectors`]; `data` is untouched on error.
pub fn rekey_sectors(
    old: &Xts256,
    new: &Xts256,
    data: &mut [u8],
    sector_size: usize,
    first_sector: u64,
) -> Result<(), Error> {
    check_sectors(data.len(), sector_size)?;
    rekey_run(old, new, data, sector_size, u128::from(first_sector));
    Ok(())
}

/// [`rekey_sectors`] split across `threads` threads (`0` = every core).
///
/// # Errors
/// As [`rekey_sectors`].
pub fn rekey_sectors_parallel(
    old: &Xts256,
    new: &Xts256,
    data: &mut [u8],
    sector_size: usize,
    first_sector: u64,
    threads: usize,
) -> Result<(), Error> {
    check_sectors(data.len(), sector_size)?;
    run_parallel(
        data,
        sector_size,
        u128::from(first_sector),
        threads,
        &|d, s| {
            rekey_run(old, new, d, sector_size, s);
        },
    );
    Ok(())
}

fn rekey_run(old: &Xts256, new: &Xts256, data: &mut [u8], sector_size: usize, first: u128) {
    let per_window = (REKEY_WINDOW / sector_size).max(1);
    let mut sector = first;
    for window in data.chunks_mut(per_window * sector_size) {
        old.engine.decrypt_units(window, sector_size, sector);
        new.engine.encrypt_units(window, sector_size, sector);
        sector = sector.wrapping_add((window.len() / sector_size) as u128);
    }
}

/// Runs `job(piece, first_sector_of_piece)` over pieces of whole sectors on up to `threads`
/// scoped threads (the calling thread works too). Pieces are claimed from a shared counter, so
/// a failed thread spawn only means fewer workers, never lost work.
fn run_parallel(
    data: &mut [u8],
    sector_size: usize,
    first: u128,
    threads: usize,
    job: &(dyn Fn(&mut [u8], u128) + Sync),
) {
    let threads = if threads == 0 {
        std::thread::available_parallelism().map_or(1, NonZeroUsize::get)
    } else {
        threads
    };
    let sectors = data.len() / sector_size.max(1);
    let threads = threads
        .min(data.len() / PARALLEL_MIN_PER_THREAD)
        .min(sectors);
    if threads <= 1 {
        job(data, first);
        return;
    }
    let pieces = threads
        .saturating_mul(PARALLEL_PIECES_PER_THREAD)
        .min(sectors);
    let per_piece = sectors.div_ceil(pieces);
    let mut work = Vec::with_capacity(pieces);
    let mut sector = first;
    for piece in data.chunks_mut(per_piece * sector_size) {
        let n = piece.len() / sector_size;
        work.push(Mutex::new((piece, sector)));
        sector = sector.wrapping_add(n as u128);
    }
    let next = AtomicUsize::new(0);
    let worker = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(slot) = work.get(i) else { break };
            // Each piece is claimed exactly once; the lock is uncontended. A poisoned lock would
            // mean a panicking job, which the engines never do; take the data regardless.
            let mut guard = slot
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let (piece, s) = &mut *guard;
            job(piece, *s);
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..threads {
            if std::thread::Builder::new()
                .spawn_scoped(scope, worker)
                .is_err()
            {
                break;
            }
        }
        worker();
    });
}

/// Constant-time comparison of the two key halves.
pub(crate) fn halves_equal(k1: &[u8], k2: &[u8]) -> bool {
    k1.ct_eq(k2).into()
}

fn check_unit(len: usize) -> Result<(), Error> {
    if len < MIN_DATA_UNIT {
        Err(Error::DataUnitTooShort { len })
    } else if len > MAX_DATA_UNIT {
        Err(Error::DataUnitTooLong {
            len,
            max: MAX_DATA_UNIT,
        })
    } else {
        Ok(())
    }
}

fn check_sectors(len: usize, sector_size: usize) -> Result<(), Error> {
    check_unit(sector_size)?;
    if !len.is_multiple_of(sector_size) {
        return Err(Error::NotSectorMultiple { len, sector_size });
    }
    Ok(())
}
