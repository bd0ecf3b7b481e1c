#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

pub mod error;
pub mod hazmat;
pub mod hierarchy;
pub mod id;
pub mod keys;
#[cfg(feature = "kmip")]
pub mod kmip;
pub mod lifecycle;
pub mod rng;
pub mod root;
pub mod store;
pub mod wrap;
pub mod wrapped;

#[doc(hidden)]
pub mod fuzz_targets;

pub use error::Error;
pub use hierarchy::{
    DeepRekey, KeyHierarchy, RecordOutcome, Rotation, RotationStats, ShallowRekey,
};
pub use id::KeyId;
pub use keys::{Binding, Dek, Fingerprint, Kdk, Kek, KeyAlgorithm, RootSecret};
pub use lifecycle::{KeyState, Lifecycle, LifecycleParts, Operation, RevocationReason, Timestamp};
pub use rng::{OsRng, SecureRandom};
pub use root::{LocalRoot, Root, RootWrapped};
pub use store::{CasOutcome, KekRecord, KekStore, MemoryStore, Versioned};
pub use wrap::WrapMethod;
pub use wrapped::{KeyKind, WrappedKey, WrappedKeyParts};
/// Re-exported: the buffer type plaintext keys are returned in.
pub use zeroize::Zeroizing;
