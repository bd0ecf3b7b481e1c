//! The envelope, put together: a [`Root`] and a [`KekStore`], with KEK creation, lifecycle,
//! DEK wrapping, shallow and deep rekey, streaming root rotation and crypto-shredding.
//!
//! ## Root rotation
//!
//! [`KeyHierarchy::rotate_root`] re-wraps every stored KEK and KDK under the root's current
//! version. It streams over [`KekStore::list`] in pages, so memory does not grow with the store,
//! holds at most one plaintext key at a time, and costs a constant number of root operations
//! and store round trips per record (linear in the number of records). For each record:
//!
//! 1. *write new*: unwrap the current form, re-wrap under the target version, drop the
//!    plaintext, and compare-and-swap the new form into the record's `pending` slot (the old
//!    form stays in place);
//! 2. *verify*: read the record back and unwrap the pending form; its fingerprint must equal the
//!    old key's, compared in constant time;
//! 3. *switch*: compare-and-swap the pending form into place.
//!
//! Every compare-and-swap is on the record's store version, which changes on every write, so a
//! concurrent rotation, a rekey, a state change or a destroy makes the step retry from a fresh
//! read instead of overwriting it. Nothing is ever switched that was not verified, and the old
//! form is only replaced by a verified one, so no key can be lost. A rotation that is
//! interrupted (crash, store error) resumes from its [`Rotation`] checkpoint, or simply from
//! the start: records already under the target version cost one read. A rotation only reports
//! done after a whole pass found nothing left to re-wrap, so a KEK created under the old version
//! while the rotation ran is caught too. Only then may the old root version be destroyed
//! ([`KeyHierarchy::ensure_root_version_unused`] checks).

use zeroize::Zeroizing;

use crate::Error;
use crate::hazmat;
use crate::id::KeyId;
use crate::keys::{Binding, Dek, Fingerprint, Kdk, Kek, KeyAlgorithm};
use crate::lifecycle::{KeyState, Lifecycle, Operation, RevocationReason, Timestamp};
use crate::rng::SecureRandom;
use crate::root::Root;
use crate::store::{CasOutcome, KekRecord, KekStore, Versioned};
use crate::wrap::WrapMethod;
use crate::wrapped::{KeyKind, WrappedKey, WrappedKeyParts};

/// How many times a compare-and-swap loop retries before giving up with [`Error::Conflict`].
pub const MAX_ATTEMPTS: u32 = 64;
/// Records fetched per [`KekStore::list`] call during a rotation.
pub const PAGE_SIZE: usize = 256;

/// A root and a store of wrapped KEKs, borrowed.
pub struct KeyHierarchy<'a, R: Root + ?Sized, S: KekStore + ?Sized> {
    root: &'a R,
    store: &'a S,
}

impl<R: Root + ?Sized, S: KekStore + ?Sized> Clone for KeyHierarchy<'_, R, S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R: Root + ?Sized, S: KekStore + ?Sized> Copy for KeyHierarchy<'_, R, S> {}

impl<R: Root + ?Sized, S: KekStore + ?Sized> core::fmt::Debug for KeyHierarchy<'_, R, S> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("KeyHierarchy")
            .field("root", &self.root.id())
            .finish_non_exhaustive()
    }
}

/// Result of [`KeyHierarchy::shallow_rekey`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShallowRekey {
    /// The new KEK (Active, stored wrapped by the root).
    pub kek_id: KeyId,
    /// The same DEK, wrapped under the new KEK with the same method and binding.
    pub wrapped: WrappedKey,
}

/// Result of [`KeyHierarchy::deep_rekey`]: re-encrypt the data from `old` to `new`, store
/// `wrapped`, then drop `old`.
#[derive(Debug)]
pub struct DeepRekey {
    /// The DEK the data is encrypted under now.
    pub old: Dek,
    /// The new DEK.
    pub new: Dek,
    /// The new DEK, wrapped under the same KEK, method and binding as the old one.
    pub wrapped: WrappedKey,
}

/// What a rotation did to one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordOutcome {
    /// Re-wrapped under the target version (written, verified, switched).
    Rewrapped,
    /// Already under the target version (or a newer one).
    AlreadyCurrent,
    /// Destroyed: no material to re-wrap.
    Destroyed,
    /// Removed from the store while the rotation ran.
    Vanished,
    /// Wrapped under a root version that no longer exists: crypto-shredded, left as it is.
    Unrecoverable,
}

/// Counters of a rotation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RotationStats {
    /// Records looked at (over all passes).
    pub examined: u64,
    /// Records re-wrapped.
    pub rewrapped: u64,
    /// Records already under the target version.
    pub already_current: u64,
    /// Destroyed or vanished records.
    pub destroyed: u64,
    /// Records under a destroyed root version.
    pub unrecoverable: u64,
    /// Complete passes over the store.
    pub passes: u32,
}

/// A root rotation in progress: the checkpoint to persist and resume from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotation {
    target: u32,
    cursor: Option<KeyId>,
    pass_rewrapped: u64,
    done: bool,
    stats: RotationStats,
}

impl Rotation {
    /// A rotation towards root version `target`, from the start.
    pub fn new(target: u32) -> Self {
        Rotation {
            target,
            cursor: None,
            pass_rewrapped: 0,
            done: false,
            stats: RotationStats::default(),
        }
    }

    /// Resume a rotation from a persisted checkpoint (target version and last record done).
    /// A resumed rotation always ends with one more full verification pass.
    pub fn resume(target: u32, cursor: Option<KeyId>) -> Self {
        Rotation {
            target,
            cursor,
            pass_rewrapped: 1,
            done: false,
            stats: RotationStats::default(),
        }
    }

    /// Root version every record is being moved to.
    pub fn target(&self) -> u32 {
        self.target
    }

    /// Last record completely processed in the current pass (persist this to resume).
    pub fn cursor(&self) -> Option<&KeyId> {
        self.cursor.as_ref()
    }

    /// Whether a whole pass found nothing left to re-wrap.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Counters so far.
    pub fn stats(&self) -> RotationStats {
        self.stats
    }
}

/// `key` wrapped under the root's current version: the storage form of a KEK or KDK.
pub(crate) fn root_wrap<R: Root + ?Sized>(
    root: &R,
    kind: KeyKind,
    id: &KeyId,
    key: &[u8],
) -> Result<WrappedKey, Error> {
    let w = root.wrap(key)?;
    WrappedKey::from_parts(WrappedKeyParts {
        kind,
        key_id: *id,
        algorithm: KeyAlgorithm::Aes256,
        method: w.method,
        context_bound: false,
        wrapping_key_id: root.id(),
        wrapping_key_version: w.version,
        kdk_id: None,
        wrapped: w.bytes,
    })
}

/// The plaintext of a storage form, checked to be under this root and of the right length.
pub(crate) fn root_unwrap<R: Root + ?Sized>(
    root: &R,
    w: &WrappedKey,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    let root_id = root.id();
    if *w.wrapping_key_id() != root_id {
        return Err(Error::WrappingKeyMismatch {
            wrapped_under: *w.wrapping_key_id(),
        });
    }
    let plain = root.unwrap(w.wrapping_key_version(), w.method(), w.wrapped_bytes())?;
    if plain.len() != w.algorithm().key_len() {
        return Err(Error::UnwrapFailed);
    }
    Ok(plain)
}

/// A record's material, unwrapped, with its state: refused when destroyed, of another kind,
/// or when the wrapped form belongs to another record.
pub(crate) fn open_record<R: Root + ?Sized>(
    root: &R,
    record: &KekRecord,
    kind: KeyKind,
) -> Result<(Zeroizing<Vec<u8>>, KeyState), Error> {
    let id = &record.id;
    if record.kind != kind {
        return Err(Error::KindMismatch {
            expected: kind,
            actual: record.kind,
        });
    }
    let state = record.lifecycle.state();
    let wrapped = match &record.wrapped {
        Some(w) if !state.is_destroyed() => w,
        _ => return Err(Error::KeyDestroyed { id: *id }),
    };
    if wrapped.key_id() != id || wrapped.kind() != kind {
        return Err(Error::InconsistentWrappedKey {
            reason: "stored wrapped key does not belong to its record",
        });
    }
    Ok((root_unwrap(root, wrapped)?, state))
}

fn inc(counter: &mut u64) {
    *counter = counter.saturating_add(1);
}

impl<'a, R: Root + ?Sized, S: KekStore + ?Sized> KeyHierarchy<'a, R, S> {
    /// The hierarchy over `root` and `store`.
    pub fn new(root: &'a R, store: &'a S) -> Self {
        KeyHierarchy { root, store }
    }

    /// The root.
    pub fn root(&self) -> &'a R {
        self.root
    }

    /// The store.
    pub fn store(&self) -> &'a S {
        self.store
    }

    // -- root wrapping ---------------------------------------------------------------------

    fn root_wrap(&self, kind: KeyKind, id: &KeyId, key: &[u8]) -> Result<WrappedKey, Error> {
        root_wrap(self.root, kind, id, key)
    }

    fn root_unwrap(&self, w: &WrappedKey) -> Result<Zeroizing<Vec<u8>>, Error> {
        root_unwrap(self.root, w)
    }

    fn root_fingerprint(&self, w: &WrappedKey) -> Result<Fingerprint, Error> {
        let plain = self.root_unwrap(w)?;
        Ok(hazmat::fingerprint(&plain))
    }

    fn get(&self, id: &KeyId) -> Result<Versioned, Error> {
        self.store.get(id)?.ok_or(Error::NotFound { id: *id })
    }

    // -- creation --------------------------------------------------------------------------

    /// Create a KEK: random material and a random UUID id, wrapped by the root's current
    /// version, stored, read back and verified. Active from `now`.
    pub fn create_kek<G: SecureRandom + ?Sized>(
        &self,
        rng: &mut G,
        now: Timestamp,
    ) -> Result<Kek, Error> {
        let id = KeyId::generate(rng)?;
        self.create_kek_with_id(id, rng, Lifecycle::active(now))
    }

    /// Create a KEK with a given id and initial lifecycle ([`Lifecycle::active`] or
    /// [`Lifecycle::pre_active`]).
    pub fn create_kek_with_id<G: SecureRandom + ?Sized>(
        &self,
        id: KeyId,
        rng: &mut G,
        lifecycle: Lifecycle,
    ) -> Result<Kek, Error> {
        let material = self.create(KeyKind::Kek, id, rng, lifecycle)?;
        Ok(Kek::from_bytes(id, material.as_slice())?.with_state(lifecycle.state()))
    }

    /// Create a KDK (for derived KEKs), Active from `now`.
    pub fn create_kdk<G: SecureRandom + ?Sized>(
        &self,
        rng: &mut G,
        now: Timestamp,
    ) -> Result<Kdk, Error> {
        let id = KeyId::generate(rng)?;
        let lifecycle = Lifecycle::active(now);
        let material = self.create(KeyKind::Kdk, id, rng, lifecycle)?;
        Ok(Kdk::from_bytes(id, material.as_slice())?.with_state(lifecycle.state()))
    }

    fn create<G: SecureRandom + ?Sized>(
        &self,
        kind: KeyKind,
        id: KeyId,
        rng: &mut G,
        lifecycle: Lifecycle,
    ) -> Result<Zeroizing<[u8; 32]>, Error> {
        let mut material = Zeroizing::new([0u8; 32]);
        rng.fill(material.as_mut_slice())?;
        let fingerprint = hazmat::fingerprint(material.as_slice());
        let wrapped = self.root_wrap(kind, &id, material.as_slice())?;
        self.store.put(KekRecord {
            id,
            kind,
            lifecycle,
            wrapped: Some(wrapped),
            pending: None,
        })?;
        // Read back and verify. If the root version used was destroyed in the meantime (a
        // rotation finished between our wrap and our write), re-wrap under the current one.
        for _ in 0..MAX_ATTEMPTS {
            let v = self.get(&id)?;
            let stored = v
                .record
                .wrapped
                .as_ref()
                .ok_or(Error::KeyDestroyed { id })?;
            match self.root_fingerprint(stored) {
                Ok(f) if f == fingerprint => return Ok(material),
                Ok(_) => return Err(Error::VerificationFailed { id }),
                Err(Error::RootVersionUnavailable { .. }) => {
                    let mut record = v.record.clone();
                    record.wrapped = Some(self.root_wrap(kind, &id, material.as_slice())?);
                    record.pending = None;
                    self.store.compare_and_swap(&id, v.version, record)?;
                }
                Err(e) => return Err(e),
            }
        }
        Err(Error::Conflict {
            id,
            attempts: MAX_ATTEMPTS,
        })
    }

    // -- opening ---------------------------------------------------------------------------

    fn open(&self, id: &KeyId, kind: KeyKind) -> Result<(Zeroizing<Vec<u8>>, KeyState), Error> {
        open_record(self.root, &self.get(id)?.record, kind)
    }

    /// Unwrap a stored KEK, with the state recorded for it.
    pub fn open_kek(&self, id: &KeyId) -> Result<Kek, Error> {
        let (material, state) = self.open(id, KeyKind::Kek)?;
        Ok(Kek::from_bytes(*id, &material)?.with_state(state))
    }

    /// Unwrap a stored KDK, with the state recorded for it.
    pub fn open_kdk(&self, id: &KeyId) -> Result<Kdk, Error> {
        let (material, state) = self.open(id, KeyKind::Kdk)?;
        Ok(Kdk::from_bytes(*id, &material)?.with_state(state))
    }

    /// The KEK `kek_id` derived from the stored KDK `kdk_id`.
    pub fn derive_kek(&self, kdk_id: &KeyId, kek_id: &KeyId) -> Result<Kek, Error> {
        self.open_kdk(kdk_id)?.derive_kek(kek_id)
    }

    /// The KEK a wrapped DEK names: stored, or derived from the KDK it names.
    fn kek_for(&self, wrapped: &WrappedKey) -> Result<Kek, Error> {
        if wrapped.kind() != KeyKind::Dek {
            return Err(Error::KindMismatch {
                expected: KeyKind::Dek,
                actual: wrapped.kind(),
            });
        }
        match wrapped.kdk_id() {
            Some(kdk) => self.derive_kek(kdk, wrapped.wrapping_key_id()),
            None => self.open_kek(wrapped.wrapping_key_id()),
        }
    }

    /// Lifecycle of a stored KEK or KDK.
    pub fn lifecycle(&self, id: &KeyId) -> Result<Lifecycle, Error> {
        Ok(self.get(id)?.record.lifecycle)
    }

    // -- lifecycle -------------------------------------------------------------------------

    /// Apply a lifecycle operation to a stored KEK or KDK (KMIP 1.1 §3.22), with
    /// compare-and-swap. Destroying erases the wrapped material from the record: every DEK
    /// under the key becomes unrecoverable. (A database-backed store must make sure old row
    /// versions and backups go too.)
    pub fn transition(&self, id: &KeyId, op: Operation, now: Timestamp) -> Result<KeyState, Error> {
        for _ in 0..MAX_ATTEMPTS {
            let v = self.get(id)?;
            let mut record = v.record;
            let state = record.lifecycle.apply(op, now)?;
            if state.is_destroyed() {
                record.wrapped = None;
                record.pending = None;
            }
            if let CasOutcome::Swapped { .. } =
                self.store.compare_and_swap(id, v.version, record)?
            {
                return Ok(state);
            }
        }
        Err(Error::Conflict {
            id: *id,
            attempts: MAX_ATTEMPTS,
        })
    }

    /// Activate a Pre-Active key.
    pub fn activate(&self, id: &KeyId, now: Timestamp) -> Result<KeyState, Error> {
        self.transition(id, Operation::Activate, now)
    }

    /// Deactivate an Active key (its Deactivation Date reached): it still unwraps, no longer
    /// wraps.
    pub fn deactivate(&self, id: &KeyId, now: Timestamp) -> Result<KeyState, Error> {
        self.transition(id, Operation::Deactivate, now)
    }

    /// Revoke a key.
    pub fn revoke(
        &self,
        id: &KeyId,
        reason: RevocationReason,
        now: Timestamp,
    ) -> Result<KeyState, Error> {
        self.transition(id, Operation::Revoke(reason), now)
    }

    /// Destroy a key (crypto-shredding everything under it).
    pub fn destroy(&self, id: &KeyId, now: Timestamp) -> Result<KeyState, Error> {
        self.transition(id, Operation::Destroy, now)
    }

    // -- DEKs ------------------------------------------------------------------------------

    /// Generate a DEK and wrap it under the stored KEK `kek_id`.
    pub fn new_dek<G: SecureRandom + ?Sized>(
        &self,
        kek_id: &KeyId,
        algorithm: KeyAlgorithm,
        method: WrapMethod,
        binding: Binding<'_>,
        rng: &mut G,
    ) -> Result<(Dek, WrappedKey), Error> {
        let kek = self.open_kek(kek_id)?;
        let dek = Dek::generate(KeyId::generate(rng)?, algorithm, rng)?;
        let wrapped = kek.wrap_dek(&dek, method, binding)?;
        Ok((dek, wrapped))
    }

    /// Unwrap a DEK with the KEK it names (stored, or derived from its KDK).
    pub fn unwrap_dek(&self, wrapped: &WrappedKey, binding: Binding<'_>) -> Result<Dek, Error> {
        self.kek_for(wrapped)?.unwrap_dek(wrapped, binding)
    }

    /// As [`KeyHierarchy::unwrap_dek`], accepting a Compromised KEK on the caller's explicit
    /// decision.
    pub fn unwrap_dek_allow_compromised(
        &self,
        wrapped: &WrappedKey,
        binding: Binding<'_>,
    ) -> Result<Dek, Error> {
        self.kek_for(wrapped)?
            .unwrap_dek_allow_compromised(wrapped, binding)
    }

    /// Move a wrapped DEK to another stored KEK (same method and binding). The old KEK is
    /// released before the new one is opened.
    pub fn rewrap_dek(
        &self,
        wrapped: &WrappedKey,
        binding: Binding<'_>,
        new_kek_id: &KeyId,
    ) -> Result<WrappedKey, Error> {
        let dek = self.unwrap_dek(wrapped, binding)?;
        self.open_kek(new_kek_id)?
            .wrap_dek(&dek, wrapped.method(), binding)
    }

    /// Shallow rekey: a new KEK, the DEK re-wrapped under it; the data is not touched. The old
    /// KEK is left as it is: move its other DEKs with [`KeyHierarchy::rewrap_dek`], then
    /// deactivate and destroy it.
    pub fn shallow_rekey<G: SecureRandom + ?Sized>(
        &self,
        wrapped: &WrappedKey,
        binding: Binding<'_>,
        rng: &mut G,
        now: Timestamp,
    ) -> Result<ShallowRekey, Error> {
        let dek = self.unwrap_dek(wrapped, binding)?;
        let kek = self.create_kek(rng, now)?;
        let new = kek.wrap_dek(&dek, wrapped.method(), binding)?;
        Ok(ShallowRekey {
            kek_id: *kek.id(),
            wrapped: new,
        })
    }

    /// Deep rekey: a new DEK of the same algorithm under the same KEK (which must be Active).
    /// The caller re-encrypts the data (with `xts-engine`) from the old DEK to the new one,
    /// then stores the new wrapped form.
    pub fn deep_rekey<G: SecureRandom + ?Sized>(
        &self,
        wrapped: &WrappedKey,
        binding: Binding<'_>,
        rng: &mut G,
    ) -> Result<DeepRekey, Error> {
        let kek = self.kek_for(wrapped)?;
        let old = kek.unwrap_dek(wrapped, binding)?;
        let new = Dek::generate(KeyId::generate(rng)?, old.algorithm(), rng)?;
        let new_wrapped = kek.wrap_dek(&new, wrapped.method(), binding)?;
        Ok(DeepRekey {
            old,
            new,
            wrapped: new_wrapped,
        })
    }

    // -- root rotation ---------------------------------------------------------------------

    /// Start a rotation towards the root's current version (rotate the root first, e.g.
    /// [`crate::root::LocalRoot::rotate`]).
    pub fn start_rotation(&self) -> Result<Rotation, Error> {
        Ok(Rotation::new(self.root.current_version()?))
    }

    /// Re-wrap every stored KEK and KDK under the root's current version; returns when a whole
    /// pass found nothing left to do.
    pub fn rotate_root(&self) -> Result<RotationStats, Error> {
        let mut rotation = self.start_rotation()?;
        while !self.rotate_step(&mut rotation, PAGE_SIZE)? {}
        Ok(rotation.stats())
    }

    /// Process up to `max_records` records of a rotation; returns whether it is done. On error
    /// the checkpoint still points at the last record completely processed, so calling again
    /// (after fixing the cause) resumes.
    pub fn rotate_step(&self, rotation: &mut Rotation, max_records: usize) -> Result<bool, Error> {
        if rotation.done {
            return Ok(true);
        }
        let mut budget = max_records.max(1);
        while budget > 0 {
            let ids = self
                .store
                .list(rotation.cursor.as_ref(), budget.min(PAGE_SIZE))?;
            if ids.is_empty() {
                rotation.stats.passes = rotation.stats.passes.saturating_add(1);
                rotation.cursor = None;
                if rotation.pass_rewrapped == 0 {
                    rotation.done = true;
                    return Ok(true);
                }
                rotation.pass_rewrapped = 0;
                return Ok(false);
            }
            for id in ids {
                let outcome = self.rotate_record(&id, rotation.target)?;
                let s = &mut rotation.stats;
                match outcome {
                    RecordOutcome::Rewrapped => {
                        inc(&mut s.rewrapped);
                        inc(&mut rotation.pass_rewrapped);
                    }
                    RecordOutcome::AlreadyCurrent => inc(&mut s.already_current),
                    RecordOutcome::Destroyed | RecordOutcome::Vanished => inc(&mut s.destroyed),
                    RecordOutcome::Unrecoverable => inc(&mut s.unrecoverable),
                }
                inc(&mut s.examined);
                rotation.cursor = Some(id);
                budget = budget.saturating_sub(1);
            }
        }
        Ok(false)
    }

    /// Bring one record to root version `target` or newer: write new, verify, switch (see the
    /// module docs). Idempotent, safe against concurrent writers.
    pub fn rotate_record(&self, id: &KeyId, target: u32) -> Result<RecordOutcome, Error> {
        for _ in 0..MAX_ATTEMPTS {
            let Some(v) = self.store.get(id)? else {
                return Ok(RecordOutcome::Vanished);
            };
            let Some(primary) = v.record.wrapped.as_ref() else {
                return Ok(RecordOutcome::Destroyed);
            };
            if primary.wrapping_key_version() >= target {
                if v.record.pending.is_none() {
                    return Ok(RecordOutcome::AlreadyCurrent);
                }
                // A stale pending form next to a current one: drop it.
                let mut record = v.record.clone();
                record.pending = None;
                if let CasOutcome::Swapped { .. } =
                    self.store.compare_and_swap(id, v.version, record)?
                {
                    return Ok(RecordOutcome::AlreadyCurrent);
                }
                continue;
            }

            // 1. Write new (unless an interrupted or concurrent run already did).
            let usable_pending = v
                .record
                .pending
                .as_ref()
                .is_some_and(|p| p.wrapping_key_version() >= target);
            let (expected_version, fingerprint) = if usable_pending {
                match self.root_fingerprint(primary) {
                    Ok(f) => (v.version, f),
                    Err(Error::RootVersionUnavailable { .. }) => {
                        return Ok(RecordOutcome::Unrecoverable);
                    }
                    Err(e) => return Err(e),
                }
            } else {
                let plain = match self.root_unwrap(primary) {
                    Ok(p) => p,
                    Err(Error::RootVersionUnavailable { .. }) => {
                        return Ok(RecordOutcome::Unrecoverable);
                    }
                    Err(e) => return Err(e),
                };
                let fingerprint = hazmat::fingerprint(&plain);
                let new = self.root_wrap(v.record.kind, id, &plain)?;
                drop(plain);
                if new.wrapping_key_version() < target {
                    return Err(Error::RootVersionUnavailable {
                        root: self.root.id(),
                        version: target,
                    });
                }
                let mut record = v.record.clone();
                record.pending = Some(new);
                match self.store.compare_and_swap(id, v.version, record)? {
                    CasOutcome::Swapped { version } => (version, fingerprint),
                    CasOutcome::Conflict { .. } => continue,
                }
            };

            // 2. Verify what the store holds.
            let Some(v2) = self.store.get(id)? else {
                return Ok(RecordOutcome::Vanished);
            };
            if v2.version != expected_version {
                continue;
            }
            let Some(pending) = v2.record.pending.as_ref() else {
                continue;
            };
            let verified = matches!(
                self.root_fingerprint(pending),
                Ok(f) if f == fingerprint
            );
            if !verified {
                let mut record = v2.record.clone();
                record.pending = None;
                self.store.compare_and_swap(id, v2.version, record)?;
                return Err(Error::VerificationFailed { id: *id });
            }

            // 3. Switch.
            let mut record = v2.record.clone();
            record.wrapped = record.pending.take();
            if let CasOutcome::Swapped { .. } =
                self.store.compare_and_swap(id, v2.version, record)?
            {
                return Ok(RecordOutcome::Rewrapped);
            }
        }
        Err(Error::Conflict {
            id: *id,
            attempts: MAX_ATTEMPTS,
        })
    }

    /// How many stored keys still have material (current or pending) under root `version`.
    /// Streams over the store.
    pub fn count_under_root_version(&self, version: u32) -> Result<u64, Error> {
        let mut count = 0u64;
        let mut cursor: Option<KeyId> = None;
        loop {
            let ids = self.store.list(cursor.as_ref(), PAGE_SIZE)?;
            let Some(last) = ids.last().copied() else {
                return Ok(count);
            };
            for id in &ids {
                if let Some(v) = self.store.get(id)? {
                    let r = &v.record;
                    let uses = [r.wrapped.as_ref(), r.pending.as_ref()]
                        .into_iter()
                        .flatten()
                        .any(|w| w.wrapping_key_version() == version);
                    if uses {
                        inc(&mut count);
                    }
                }
            }
            cursor = Some(last);
        }
    }

    /// [`Error::RootVersionInUse`] unless no stored key depends on root `version` any more:
    /// call before destroying an old root version.
    pub fn ensure_root_version_unused(&self, version: u32) -> Result<(), Error> {
        match self.count_under_root_version(version)? {
            0 => Ok(()),
            count => Err(Error::RootVersionInUse { version, count }),
        }
    }
}
