//! Root rotation: streaming, verified, resumable after interruption, safe when two rotations
//! and a rekey run at the same time.

mod common;

use std::sync::Barrier;
use std::sync::atomic::{AtomicI64, Ordering};
use std::thread;

use common::{TestRng, id};
use key_hierarchy::keys::Binding;
use key_hierarchy::root::Root;
use key_hierarchy::store::{CasOutcome, KekRecord, KekStore, Versioned};
use key_hierarchy::{
    Error, Fingerprint, KeyAlgorithm, KeyHierarchy, KeyId, LocalRoot, MemoryStore, RecordOutcome,
    RevocationReason, Rotation, Timestamp, WrapMethod, WrappedKey,
};

const T1: Timestamp = Timestamp(1_000);
const T2: Timestamp = Timestamp(2_000);

/// A KEK with one bound DEK under it, and the fingerprints to check them by.
struct Fixture {
    kek: KeyId,
    kek_fp: Fingerprint,
    dek_fp: Fingerprint,
    wrapped_dek: WrappedKey,
    context: Vec<u8>,
}

fn populate<S: KekStore>(
    kh: &KeyHierarchy<'_, LocalRoot, S>,
    n: usize,
    rng: &mut TestRng,
) -> Vec<Fixture> {
    (0..n)
        .map(|i| {
            let kek = kh.create_kek(rng, T1).unwrap();
            let context = format!("vm-{i}/disk-0").into_bytes();
            let (dek, wrapped_dek) = kh
                .new_dek(
                    kek.id(),
                    KeyAlgorithm::Aes256Xts,
                    WrapMethod::NistKeyWrap,
                    Binding::Context(&context),
                    rng,
                )
                .unwrap();
            Fixture {
                kek: *kek.id(),
                kek_fp: kek.fingerprint(),
                dek_fp: dek.fingerprint(),
                wrapped_dek,
                context,
            }
        })
        .collect()
}

fn check_all<S: KekStore>(kh: &KeyHierarchy<'_, LocalRoot, S>, fixtures: &[Fixture]) {
    for f in fixtures {
        let kek = kh.open_kek(&f.kek).unwrap();
        assert_eq!(kek.fingerprint(), f.kek_fp, "KEK {} changed", f.kek);
        let dek = kh
            .unwrap_dek(&f.wrapped_dek, Binding::Context(&f.context))
            .unwrap();
        assert_eq!(dek.fingerprint(), f.dek_fp);
    }
}

fn versions(store: &MemoryStore) -> Vec<(u32, bool)> {
    store
        .snapshot()
        .iter()
        .filter_map(|v| {
            v.record
                .wrapped
                .as_ref()
                .map(|w| (w.wrapping_key_version(), v.record.pending.is_some()))
        })
        .collect()
}

#[test]
fn rotation_rewraps_everything_then_old_version_can_go() {
    let mut rng = TestRng::new(1);
    let root = LocalRoot::generate(id("crk"), &mut rng, T1).unwrap();
    let store = MemoryStore::new();
    let kh = KeyHierarchy::new(&root, &store);
    let fixtures = populate(&kh, 300, &mut rng);
    let kdk = kh.create_kdk(&mut rng, T1).unwrap();

    assert!(matches!(
        kh.ensure_root_version_unused(1),
        Err(Error::RootVersionInUse {
            version: 1,
            count: 301
        })
    ));
    assert_eq!(root.rotate(&mut rng, T2).unwrap(), 2);
    let stats = kh.rotate_root().unwrap();
    assert_eq!(stats.rewrapped, 301);
    assert_eq!(
        stats.already_current, 301,
        "the verification pass saw each once more"
    );
    assert_eq!(stats.passes, 2);
    assert_eq!(stats.examined, 602);
    assert!(versions(&store).iter().all(|v| *v == (2, false)));
    kh.ensure_root_version_unused(1).unwrap();
    root.destroy_version(1, T2).unwrap();
    check_all(&kh, &fixtures);
    assert!(kh.open_kdk(kdk.id()).is_ok());

    // A second rotation with nothing to do is one read per record.
    let stats = kh.rotate_root().unwrap();
    assert_eq!(
        (stats.rewrapped, stats.already_current, stats.passes),
        (0, 301, 1)
    );
}

/// Fails every write once a budget runs out, like a database going away mid-rotation.
struct FlakyStore {
    inner: MemoryStore,
    writes_left: AtomicI64,
}

impl FlakyStore {
    fn spend(&self) -> Result<(), Error> {
        if self.writes_left.fetch_sub(1, Ordering::SeqCst) <= 0 {
            return Err(Error::backend(std::io::Error::other("store unavailable")));
        }
        Ok(())
    }
}

impl KekStore for FlakyStore {
    fn get(&self, id: &KeyId) -> Result<Option<Versioned>, Error> {
        self.inner.get(id)
    }
    fn put(&self, record: KekRecord) -> Result<u64, Error> {
        self.spend()?;
        self.inner.put(record)
    }
    fn list(&self, after: Option<&KeyId>, limit: usize) -> Result<Vec<KeyId>, Error> {
        self.inner.list(after, limit)
    }
    fn compare_and_swap(
        &self,
        id: &KeyId,
        expected: u64,
        record: KekRecord,
    ) -> Result<CasOutcome, Error> {
        self.spend()?;
        self.inner.compare_and_swap(id, expected, record)
    }
}

#[test]
fn rotation_interrupted_and_resumed() {
    let mut rng = TestRng::new(2);
    let root = LocalRoot::generate(id("crk"), &mut rng, T1).unwrap();
    let store = FlakyStore {
        inner: MemoryStore::new(),
        writes_left: AtomicI64::new(i64::MAX),
    };
    let kh = KeyHierarchy::new(&root, &store);
    let fixtures = populate(&kh, 50, &mut rng);
    root.rotate(&mut rng, T2).unwrap();

    // Two writes per record (pending, switch): 37 writes is 18 records done and the 19th
    // written but not switched when the store goes away.
    store.writes_left.store(37, Ordering::SeqCst);
    let mut rotation = kh.start_rotation().unwrap();
    let err = loop {
        match kh.rotate_step(&mut rotation, 7) {
            Ok(done) => assert!(!done, "cannot finish with a dead store"),
            Err(e) => break e,
        }
    };
    assert!(matches!(err, Error::Backend(_)), "{err}");
    assert_eq!(rotation.stats().rewrapped, 18);
    let v = versions(&store.inner);
    assert_eq!(v.iter().filter(|x| **x == (2, false)).count(), 18);
    assert_eq!(
        v.iter().filter(|x| **x == (1, true)).count(),
        1,
        "one re-wrap written, not switched"
    );
    assert_eq!(v.iter().filter(|x| **x == (1, false)).count(), 31);
    // Mid-rotation, every key is still there.
    check_all(&kh, &fixtures);

    // Persist the checkpoint, "restart", resume.
    let (target, cursor) = (rotation.target(), rotation.cursor().copied());
    assert_eq!(target, 2);
    store.writes_left.store(i64::MAX, Ordering::SeqCst);
    let mut resumed = Rotation::resume(target, cursor);
    while !kh.rotate_step(&mut resumed, 10).unwrap() {}
    assert_eq!(
        resumed.stats().rewrapped,
        32,
        "the half-done record and the 31 untouched"
    );
    assert!(versions(&store.inner).iter().all(|x| *x == (2, false)));
    kh.ensure_root_version_unused(1).unwrap();
    root.destroy_version(1, T2).unwrap();
    check_all(&kh, &fixtures);
}

#[test]
fn resuming_from_scratch_also_works() {
    let mut rng = TestRng::new(3);
    let root = LocalRoot::generate(id("crk"), &mut rng, T1).unwrap();
    let store = FlakyStore {
        inner: MemoryStore::new(),
        writes_left: AtomicI64::new(i64::MAX),
    };
    let kh = KeyHierarchy::new(&root, &store);
    let fixtures = populate(&kh, 20, &mut rng);
    root.rotate(&mut rng, T2).unwrap();
    store.writes_left.store(11, Ordering::SeqCst);
    assert!(kh.rotate_root().is_err());
    store.writes_left.store(i64::MAX, Ordering::SeqCst);
    // No checkpoint kept: a fresh rotation skips what is done and finishes the rest.
    let stats = kh.rotate_root().unwrap();
    assert_eq!(stats.rewrapped, 20 - 5);
    assert_eq!(stats.already_current, 5 + 20);
    root.destroy_version(1, T2).unwrap();
    check_all(&kh, &fixtures);
}

/// Corrupts every pending re-wrap it stores: the verification step must catch it.
struct CorruptingStore(MemoryStore);

impl KekStore for CorruptingStore {
    fn get(&self, id: &KeyId) -> Result<Option<Versioned>, Error> {
        self.0.get(id)
    }
    fn put(&self, record: KekRecord) -> Result<u64, Error> {
        self.0.put(record)
    }
    fn list(&self, after: Option<&KeyId>, limit: usize) -> Result<Vec<KeyId>, Error> {
        self.0.list(after, limit)
    }
    fn compare_and_swap(
        &self,
        id: &KeyId,
        expected: u64,
        mut record: KekRecord,
    ) -> Result<CasOutcome, Error> {
        if let Some(p) = record.pending.take() {
            let mut parts = p.into_parts();
            parts.wrapped[20] ^= 0x40;
            record.pending = Some(WrappedKey::from_parts(parts)?);
        }
        self.0.compare_and_swap(id, expected, record)
    }
}

#[test]
fn unverified_rewrap_is_never_switched() {
    let mut rng = TestRng::new(4);
    let root = LocalRoot::generate(id("crk"), &mut rng, T1).unwrap();
    let store = CorruptingStore(MemoryStore::new());
    let kh = KeyHierarchy::new(&root, &store);
    let fixtures = populate(&kh, 3, &mut rng);
    root.rotate(&mut rng, T2).unwrap();
    let err = kh.rotate_root().unwrap_err();
    assert!(matches!(err, Error::VerificationFailed { .. }));
    // The old form is in place, the bad pending one was dropped, nothing is lost.
    assert!(versions(&store.0).iter().all(|x| *x == (1, false)));
    check_all(&kh, &fixtures);
}

#[test]
fn kek_written_under_the_old_version_during_rotation_is_caught() {
    let mut rng = TestRng::new(5);
    let root = LocalRoot::generate(id("crk"), &mut rng, T1).unwrap();
    let store = MemoryStore::new();
    let kh = KeyHierarchy::new(&root, &store);
    let fixtures = populate(&kh, 40, &mut rng);
    // A slow creator wrapped its KEK under version 1 before the root rotated...
    let side = MemoryStore::new();
    let late_kek = KeyHierarchy::new(&root, &side)
        .create_kek_with_id(id("!late"), &mut rng, key_hierarchy::Lifecycle::active(T1))
        .unwrap();
    let late_record = side.get(&id("!late")).unwrap().unwrap().record;
    root.rotate(&mut rng, T2).unwrap();
    let mut rotation = kh.start_rotation().unwrap();
    assert!(!kh.rotate_step(&mut rotation, 25).unwrap());
    // ...and its write lands now, behind the rotation's cursor ("!" sorts before any UUID).
    store.put(late_record).unwrap();
    while !kh.rotate_step(&mut rotation, 25).unwrap() {}
    assert_eq!(rotation.stats().rewrapped, 41);
    assert!(rotation.stats().passes >= 2);
    kh.ensure_root_version_unused(1).unwrap();
    root.destroy_version(1, T2).unwrap();
    assert_eq!(
        kh.open_kek(&id("!late")).unwrap().fingerprint(),
        late_kek.fingerprint()
    );
    check_all(&kh, &fixtures);
}

#[test]
fn two_rotations_and_a_rekey_at_once_lose_nothing() {
    let mut rng = TestRng::new(6);
    let root = LocalRoot::generate(id("crk"), &mut rng, T1).unwrap();
    let store = MemoryStore::new();
    let kh = KeyHierarchy::new(&root, &store);
    let fixtures = populate(&kh, 400, &mut rng);
    root.rotate(&mut rng, T2).unwrap();

    let start = Barrier::new(3);
    let (a, b, rekeyed) = thread::scope(|s| {
        let a = s.spawn(|| {
            start.wait();
            kh.rotate_root()
        });
        let b = s.spawn(|| {
            start.wait();
            kh.rotate_root()
        });
        // Meanwhile: shallow-rekey every 4th DEK onto a new KEK, supersede and destroy the old
        // KEK, and revoke another KEK as compromised, all racing the two rotations.
        let c = s.spawn(|| {
            start.wait();
            let mut rng = TestRng::new(66);
            let mut rekeyed = Vec::new();
            for (i, f) in fixtures.iter().enumerate() {
                if i % 4 == 0 {
                    let ctx = Binding::Context(&f.context);
                    let r = kh.shallow_rekey(&f.wrapped_dek, ctx, &mut rng, T2).unwrap();
                    kh.revoke(&f.kek, RevocationReason::Superseded, T2).unwrap();
                    kh.destroy(&f.kek, T2).unwrap();
                    rekeyed.push((i, r));
                } else if i % 4 == 1 {
                    kh.revoke(&f.kek, RevocationReason::KeyCompromise, T2)
                        .unwrap();
                }
            }
            rekeyed
        });
        (a.join().unwrap(), b.join().unwrap(), c.join().unwrap())
    });
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(rekeyed.len(), 100);
    // Each original KEK was re-wrapped by exactly one of the rotations, unless the rekey
    // destroyed it first; the new KEKs were created under version 2 already.
    assert!(a.rewrapped + b.rewrapped <= 400, "{a:?} {b:?}");
    assert!(a.rewrapped + b.rewrapped >= 300, "{a:?} {b:?}");

    // Every surviving key is under version 2 with nothing pending; version 1 can go.
    assert!(versions(&store).iter().all(|x| *x == (2, false)));
    assert_eq!(store.len(), 500);
    kh.ensure_root_version_unused(1).unwrap();
    root.destroy_version(1, T2).unwrap();

    for (i, f) in fixtures.iter().enumerate() {
        let ctx = Binding::Context(&f.context);
        match i % 4 {
            0 => {
                let (_, r) = rekeyed.iter().find(|(j, _)| *j == i).unwrap();
                let dek = kh.unwrap_dek(&r.wrapped, ctx).unwrap();
                assert_eq!(dek.fingerprint(), f.dek_fp, "rekeyed DEK {i}");
                assert!(matches!(
                    kh.open_kek(&f.kek),
                    Err(Error::KeyDestroyed { .. })
                ));
            }
            1 => {
                let dek = kh
                    .unwrap_dek_allow_compromised(&f.wrapped_dek, ctx)
                    .unwrap();
                assert_eq!(dek.fingerprint(), f.dek_fp);
                assert_eq!(kh.open_kek(&f.kek).unwrap().fingerprint(), f.kek_fp);
            }
            _ => {
                assert_eq!(kh.open_kek(&f.kek).unwrap().fingerprint(), f.kek_fp);
                let dek = kh.unwrap_dek(&f.wrapped_dek, ctx).unwrap();
                assert_eq!(dek.fingerprint(), f.dek_fp);
            }
        }
    }
}

#[test]
fn rotate_record_is_idempotent() {
    let mut rng = TestRng::new(7);
    let root = LocalRoot::generate(id("crk"), &mut rng, T1).unwrap();
    let store = MemoryStore::new();
    let kh = KeyHierarchy::new(&root, &store);
    let kek = kh.create_kek(&mut rng, T1).unwrap();
    root.rotate(&mut rng, T2).unwrap();
    assert_eq!(
        kh.rotate_record(kek.id(), 2).unwrap(),
        RecordOutcome::Rewrapped
    );
    assert_eq!(
        kh.rotate_record(kek.id(), 2).unwrap(),
        RecordOutcome::AlreadyCurrent
    );
    // Never downgraded to an older target.
    assert_eq!(
        kh.rotate_record(kek.id(), 1).unwrap(),
        RecordOutcome::AlreadyCurrent
    );
    assert_eq!(
        kh.rotate_record(&id("gone"), 2).unwrap(),
        RecordOutcome::Vanished
    );
    assert_eq!(root.current_version().unwrap(), 2);
}

#[test]
fn rotating_away_from_a_compromised_root_version() {
    let mut rng = TestRng::new(8);
    let root = LocalRoot::generate(id("crk"), &mut rng, T1).unwrap();
    let store = MemoryStore::new();
    let kh = KeyHierarchy::new(&root, &store);
    let fixtures = populate(&kh, 5, &mut rng);
    root.rotate(&mut rng, T2).unwrap();
    root.revoke_version(1, RevocationReason::KeyCompromise, T2)
        .unwrap();
    // A compromised version unwraps only when explicitly allowed.
    assert!(matches!(
        kh.open_kek(&fixtures[0].kek),
        Err(Error::KeyNotUsable {
            operation: "unwrap",
            ..
        })
    ));
    assert!(kh.rotate_root().is_err());
    root.allow_compromised_unwrap(true);
    assert_eq!(kh.rotate_root().unwrap().rewrapped, 5);
    root.allow_compromised_unwrap(false);
    root.destroy_version(1, T2).unwrap();
    assert_eq!(
        root.versions(),
        vec![
            (1, key_hierarchy::KeyState::DestroyedCompromised),
            (2, key_hierarchy::KeyState::Active)
        ]
    );
    check_all(&kh, &fixtures);
}
