//! The one error type of the crate.

use crate::Backend;

/// Why an XTS call was refused. Nothing is written to the data when an error is returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Key1 equals Key2. IEEE Std 1619-2018 §5.1 and FIPS 140-3 (IG C.I) require the two halves
    /// of an XTS key to differ.
    #[error("XTS key halves are equal (Key1 must differ from Key2)")]
    EqualKeyHalves,
    /// A data unit (or sector size) shorter than one 16-byte block.
    #[error("data unit of {len} bytes is shorter than one 16-byte block")]
    DataUnitTooShort {
        /// The length given.
        len: usize,
    },
    /// A data unit (or sector size) longer than IEEE Std 1619 allows (2^20 blocks, 2^24 bytes).
    #[error("data unit of {len} bytes is longer than the IEEE 1619 limit of {max} bytes")]
    DataUnitTooLong {
        /// The length given.
        len: usize,
        /// The limit, [`MAX_DATA_UNIT`](crate::MAX_DATA_UNIT).
        max: usize,
    },
    /// A buffer for the sector calls that is not a whole number of sectors.
    #[error("buffer of {len} bytes is not a whole number of {sector_size}-byte sectors")]
    NotSectorMultiple {
        /// The buffer length.
        len: usize,
        /// The sector size given.
        sector_size: usize,
    },
    /// The requested backend cannot run on this CPU (or this target).
    #[error("backend {backend} is not available on this CPU")]
    BackendUnavailable {
        /// The backend asked for.
        backend: Backend,
    },
}
