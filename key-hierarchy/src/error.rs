//! The crate's one error type.

use crate::id::KeyId;
use crate::lifecycle::KeyState;
use crate::wrapped::KeyKind;

/// Everything that can go wrong in `key-hierarchy`.
///
/// Decoding errors say where ("at byte N"). Cryptographic failures are opaque on purpose: a failed
/// unwrap is [`Error::UnwrapFailed`] whatever the cause (wrong key, corrupted bytes, wrong context,
/// bad padding), and no plaintext is left behind when it is returned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An unwrap failed its integrity check. Deliberately carries no detail.
    #[error("key unwrap failed")]
    UnwrapFailed,

    /// A wrapping key (KEK) for AES key wrap must be 16, 24 or 32 bytes.
    #[error("invalid wrapping key length {len} (AES key wrap takes 16, 24 or 32 bytes)")]
    InvalidWrappingKeyLength {
        /// Length given.
        len: usize,
    },

    /// Input to a wrap or unwrap has a length the mode does not allow.
    #[error("invalid {what} length {len}: {expected}")]
    InvalidLength {
        /// What was measured.
        what: &'static str,
        /// Length given.
        len: usize,
        /// What is allowed.
        expected: &'static str,
    },

    /// Key material of a known kind has the wrong size.
    #[error("invalid key material length {len} for {what} (expected {expected} bytes)")]
    InvalidKeyLength {
        /// What kind of key.
        what: &'static str,
        /// Length given.
        len: usize,
        /// Length required.
        expected: usize,
    },

    /// An AES-XTS key whose two halves are equal (IEEE 1619 requires K1 != K2).
    #[error("weak AES-XTS key: both halves are equal")]
    WeakXtsKey,

    /// A key identifier must be 1 to [`KeyId::MAX_LEN`] bytes.
    #[error("invalid key identifier length {len} (1 to 64 bytes)")]
    InvalidKeyId {
        /// Length given.
        len: usize,
    },

    /// The random number generator failed.
    #[error("random number generator failed (OS error {os_error:?})")]
    RandomFailed {
        /// The OS error code, when there is one.
        os_error: Option<i32>,
    },

    /// Input ended before a field did.
    #[error("truncated input at byte {offset}: {needed} bytes needed, {available} available")]
    Truncated {
        /// Where the field starts.
        offset: usize,
        /// Bytes the field needs.
        needed: usize,
        /// Bytes that were left.
        available: usize,
    },

    /// The encoding does not start with the expected magic bytes.
    #[error("bad magic at byte {offset}: not a wrapped-key encoding")]
    BadMagic {
        /// Where the magic starts (0).
        offset: usize,
    },

    /// The format version is not one this crate reads.
    #[error("unsupported format version {version} at byte {offset}")]
    UnsupportedVersion {
        /// Where the version byte is.
        offset: usize,
        /// The version found.
        version: u8,
    },

    /// A field holds a value that is not allowed there.
    #[error("invalid {field} {value:#x} at byte {offset}")]
    InvalidField {
        /// Where the field starts.
        offset: usize,
        /// Which field.
        field: &'static str,
        /// The value found.
        value: u64,
    },

    /// Bytes were left after a complete encoding.
    #[error("{remaining} bytes of trailing data at byte {offset}")]
    TrailingData {
        /// Where the extra bytes start.
        offset: usize,
        /// How many there are.
        remaining: usize,
    },

    /// Parts of a wrapped key that contradict each other.
    #[error("inconsistent wrapped key: {reason}")]
    InconsistentWrappedKey {
        /// What is wrong.
        reason: &'static str,
    },

    /// The lifecycle state does not allow this use of the key.
    #[error("key in state {state} cannot {operation}")]
    KeyNotUsable {
        /// The key's state.
        state: KeyState,
        /// What was attempted.
        operation: &'static str,
    },

    /// KMIP 1.1 §3.22 has no such state transition.
    #[error("no {operation} transition from state {from} (KMIP 1.1 §3.22)")]
    InvalidTransition {
        /// State the object was in.
        from: KeyState,
        /// Operation attempted.
        operation: &'static str,
    },

    /// A wrapped key of one kind was given where another was needed.
    #[error("expected a wrapped {expected}, got a wrapped {actual}")]
    KindMismatch {
        /// Kind needed.
        expected: KeyKind,
        /// Kind given.
        actual: KeyKind,
    },

    /// The wrapped key names a different wrapping key than the one offered.
    #[error("the key is wrapped under {wrapped_under}, not under the key offered")]
    WrappingKeyMismatch {
        /// Wrapping key named in the wrapped form.
        wrapped_under: KeyId,
    },

    /// A context-bound wrapped key was unwrapped without a context, or a plain one with a context.
    #[error("binding mismatch: the wrapped key is {wrapped}, the caller asked for {requested}")]
    BindingMismatch {
        /// How the key was wrapped ("plain" or "context-bound").
        wrapped: &'static str,
        /// What the caller asked for.
        requested: &'static str,
    },

    /// No such key in the store.
    #[error("key {id} not found")]
    NotFound {
        /// The key asked for.
        id: KeyId,
    },

    /// `put` of a key that already exists.
    #[error("key {id} already exists")]
    AlreadyExists {
        /// The key.
        id: KeyId,
    },

    /// The key was destroyed: its material is gone (crypto-shredded).
    #[error("key {id} is destroyed: its key material no longer exists")]
    KeyDestroyed {
        /// The key.
        id: KeyId,
    },

    /// The root version needed is unknown or destroyed.
    #[error("root key {root} version {version} is not available")]
    RootVersionUnavailable {
        /// Root identifier.
        root: KeyId,
        /// Version asked for.
        version: u32,
    },

    /// Keys are still wrapped under a root version that was about to be retired.
    #[error("root version {version} still wraps {count} keys")]
    RootVersionInUse {
        /// The version.
        version: u32,
        /// How many keys still use it.
        count: u64,
    },

    /// Compare-and-swap kept losing to concurrent writers.
    #[error("key {id}: gave up after {attempts} conflicting concurrent updates")]
    Conflict {
        /// The key being updated.
        id: KeyId,
        /// Attempts made.
        attempts: u32,
    },

    /// A re-wrap did not unwrap to the key it was made from; nothing was switched.
    #[error("key {id}: re-wrapped form failed verification; the old form was kept")]
    VerificationFailed {
        /// The key.
        id: KeyId,
    },

    /// An error from a root or store implementation (HSM, KMS, database).
    #[error("backend error: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync + 'static>),
}

impl Error {
    /// Wrap a backend's own error (for [`crate::root::Root`] and [`crate::store::KekStore`]
    /// implementations).
    pub fn backend<E: std::error::Error + Send + Sync + 'static>(err: E) -> Self {
        Error::Backend(Box::new(err))
    }
}
