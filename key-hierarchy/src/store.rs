//! Where wrapped KEKs (and KDKs) live: a small trait servers implement over their database, and
//! an in-memory implementation.

use std::collections::BTreeMap;
use std::ops::Bound;
use std::sync::{Mutex, PoisonError};

use crate::Error;
use crate::hierarchy::{open_record, root_wrap};
use crate::id::KeyId;
use crate::keys::Kek;
use crate::lifecycle::Lifecycle;
use crate::root::Root;
use crate::wrapped::{KeyKind, WrappedKey};

/// One stored KEK or KDK: its lifecycle and its wrapped material.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KekRecord {
    /// Identifier (equal to the wrapped key's id).
    pub id: KeyId,
    /// [`KeyKind::Kek`] or [`KeyKind::Kdk`].
    pub kind: KeyKind,
    /// State and dates.
    pub lifecycle: Lifecycle,
    /// The key wrapped by the root; `None` once destroyed (the material is gone).
    pub wrapped: Option<WrappedKey>,
    /// A re-wrap under a newer root version that a rotation has written but not yet verified
    /// and switched to. Never used for unwrapping.
    pub pending: Option<WrappedKey>,
}

impl KekRecord {
    /// A new record for `kek` (kind [`KeyKind::Kek`]): its material wrapped under the root's
    /// current version, no pending form. This is the record
    /// [`KeyHierarchy::create_kek_with_id`](crate::KeyHierarchy::create_kek_with_id) stores;
    /// a server that writes a KEK in the same database transaction as the data it protects
    /// (so that both exist or neither does) makes the record with this, stores it itself, and
    /// opens it with [`KekRecord::open_kek`].
    /// [`KeyHierarchy::rotate_root`](crate::KeyHierarchy::rotate_root) re-wraps such records
    /// like any other.
    pub fn wrap_kek<R: Root + ?Sized>(
        root: &R,
        kek: &Kek,
        lifecycle: Lifecycle,
    ) -> Result<Self, Error> {
        Ok(KekRecord {
            id: *kek.id(),
            kind: KeyKind::Kek,
            lifecycle,
            wrapped: Some(root_wrap(
                root,
                KeyKind::Kek,
                kek.id(),
                kek.expose_secret(),
            )?),
            pending: None,
        })
    }

    /// The KEK this record holds, unwrapped by `root`, with the recorded state (as
    /// [`KeyHierarchy::open_kek`](crate::KeyHierarchy::open_kek)): refused when destroyed,
    /// not a KEK, or when the wrapped form belongs to another record.
    pub fn open_kek<R: Root + ?Sized>(&self, root: &R) -> Result<Kek, Error> {
        let (material, state) = open_record(root, self, KeyKind::Kek)?;
        Ok(Kek::from_bytes(self.id, &material)?.with_state(state))
    }

    /// The oldest root version this record's material depends on, if it has material.
    pub fn oldest_root_version(&self) -> Option<u32> {
        let a = self.wrapped.as_ref().map(WrappedKey::wrapping_key_version);
        let b = self.pending.as_ref().map(WrappedKey::wrapping_key_version);
        match (a, b) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// A record and its store version. The version changes on every successful write (it is a
/// revision counter), so comparing it also compares the wrapping version and the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versioned {
    /// The record.
    pub record: KekRecord,
    /// Its store version.
    pub version: u64,
}

/// Result of a compare-and-swap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CasOutcome {
    /// Written; the record now has this version.
    Swapped {
        /// New store version.
        version: u64,
    },
    /// Not written: the record changed (or vanished) since it was read.
    Conflict {
        /// Its current version, `None` if it no longer exists.
        current: Option<u64>,
    },
}

/// Storage for wrapped KEKs. Every method must be atomic with respect to the others
/// (a database transaction, a row-level compare-and-swap).
pub trait KekStore: Send + Sync {
    /// The record and its version.
    fn get(&self, id: &KeyId) -> Result<Option<Versioned>, Error>;

    /// Insert a new record; [`Error::AlreadyExists`] if the id is taken. Returns its version.
    fn put(&self, record: KekRecord) -> Result<u64, Error>;

    /// Up to `limit` ids in ascending order, starting after `after` (from the beginning when
    /// `None`). Records inserted during a scan may or may not be seen.
    fn list(&self, after: Option<&KeyId>, limit: usize) -> Result<Vec<KeyId>, Error>;

    /// Replace the record if its version is still `expected`.
    fn compare_and_swap(
        &self,
        id: &KeyId,
        expected: u64,
        record: KekRecord,
    ) -> Result<CasOutcome, Error>;
}

/// An in-memory [`KekStore`] (a mutex around an ordered map), for tests and small tools.
#[derive(Debug, Default)]
pub struct MemoryStore {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    map: BTreeMap<KeyId, Versioned>,
    next_version: u64,
}

impl Inner {
    fn bump(&mut self) -> u64 {
        self.next_version = self.next_version.wrapping_add(1);
        self.next_version
    }
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        MemoryStore::default()
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .map
            .len()
    }

    /// Whether the store is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A copy of every record, in id order (for inspection in tests).
    pub fn snapshot(&self) -> Vec<Versioned> {
        self.inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .map
            .values()
            .cloned()
            .collect()
    }
}

impl KekStore for MemoryStore {
    fn get(&self, id: &KeyId) -> Result<Option<Versioned>, Error> {
        let inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(inner.map.get(id).cloned())
    }

    fn put(&self, record: KekRecord) -> Result<u64, Error> {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if inner.map.contains_key(&record.id) {
            return Err(Error::AlreadyExists { id: record.id });
        }
        let version = inner.bump();
        inner.map.insert(record.id, Versioned { record, version });
        Ok(version)
    }

    fn list(&self, after: Option<&KeyId>, limit: usize) -> Result<Vec<KeyId>, Error> {
        let inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        let lower = after.map_or(Bound::Unbounded, Bound::Excluded);
        Ok(inner
            .map
            .range((lower, Bound::Unbounded))
            .take(limit)
            .map(|(k, _)| *k)
            .collect())
    }

    fn compare_and_swap(
        &self,
        id: &KeyId,
        expected: u64,
        record: KekRecord,
    ) -> Result<CasOutcome, Error> {
        if record.id != *id {
            return Err(Error::InconsistentWrappedKey {
                reason: "a record can only replace the record with its own id",
            });
        }
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        let current = inner.map.get(id).map(|v| v.version);
        if current != Some(expected) {
            return Ok(CasOutcome::Conflict { current });
        }
        let version = inner.bump();
        inner.map.insert(*id, Versioned { record, version });
        Ok(CasOutcome::Swapped { version })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::Timestamp;

    fn record(id: &str) -> KekRecord {
        KekRecord {
            id: KeyId::new(id.as_bytes()).unwrap(),
            kind: KeyKind::Kek,
            lifecycle: Lifecycle::active(Timestamp(0)),
            wrapped: None,
            pending: None,
        }
    }

    #[test]
    fn put_get_list_cas() {
        let s = MemoryStore::new();
        assert!(s.is_empty());
        for id in ["c", "a", "b", "d"] {
            s.put(record(id)).unwrap();
        }
        assert!(matches!(
            s.put(record("a")),
            Err(Error::AlreadyExists { .. })
        ));
        let a = KeyId::new(b"a").unwrap();
        let ids = |v: Vec<KeyId>| v.iter().map(|k| k.to_string()).collect::<Vec<_>>();
        assert_eq!(ids(s.list(None, 2).unwrap()), ["a", "b"]);
        assert_eq!(
            ids(s.list(Some(&KeyId::new(b"b").unwrap()), 10).unwrap()),
            ["c", "d"]
        );
        assert!(
            s.list(Some(&KeyId::new(b"d").unwrap()), 10)
                .unwrap()
                .is_empty()
        );

        let v = s.get(&a).unwrap().unwrap();
        let mut changed = v.record.clone();
        changed.lifecycle = Lifecycle::pre_active(Timestamp(5));
        let CasOutcome::Swapped { version } =
            s.compare_and_swap(&a, v.version, changed.clone()).unwrap()
        else {
            panic!("first swap must succeed");
        };
        assert_ne!(version, v.version);
        // A second writer holding the old version loses.
        assert_eq!(
            s.compare_and_swap(&a, v.version, changed.clone()).unwrap(),
            CasOutcome::Conflict {
                current: Some(version)
            }
        );
        assert_eq!(
            s.compare_and_swap(&KeyId::new(b"zz").unwrap(), 1, record("zz"))
                .unwrap(),
            CasOutcome::Conflict { current: None }
        );
        assert!(s.compare_and_swap(&a, version, record("b")).is_err());
        assert_eq!(s.get(&a).unwrap().unwrap().record, changed);
        assert_eq!(s.len(), 4);
    }
}
