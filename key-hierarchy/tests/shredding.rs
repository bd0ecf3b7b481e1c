//! Crypto-shredding: destroying a KEK makes its DEKs unrecoverable; destroying a root version
//! makes every KEK still under it unrecoverable.

mod common;

use common::{TestRng, id};
use key_hierarchy::keys::Binding;
use key_hierarchy::root::Root;
use key_hierarchy::store::KekStore;
use key_hierarchy::{
    Error, KeyAlgorithm, KeyHierarchy, KeyState, LocalRoot, MemoryStore, RecordOutcome,
    RevocationReason, Timestamp, WrapMethod,
};

const T: Timestamp = Timestamp(10);

#[test]
fn destroying_a_kek_shreds_its_deks() {
    let mut rng = TestRng::new(1);
    let root = LocalRoot::generate(id("crk"), &mut rng, T).unwrap();
    let store = MemoryStore::new();
    let kh = KeyHierarchy::new(&root, &store);
    let doomed = kh.create_kek(&mut rng, T).unwrap();
    let kept = kh.create_kek(&mut rng, T).unwrap();
    let mut doomed_deks = Vec::new();
    for _ in 0..3 {
        let (_, w) = kh
            .new_dek(
                doomed.id(),
                KeyAlgorithm::Aes256Xts,
                WrapMethod::NistKeyWrap,
                Binding::Plain,
                &mut rng,
            )
            .unwrap();
        doomed_deks.push(w);
    }
    let (kept_dek, kept_w) = kh
        .new_dek(
            kept.id(),
            KeyAlgorithm::Aes256Xts,
            WrapMethod::NistKeyWrap,
            Binding::Plain,
            &mut rng,
        )
        .unwrap();
    let stored_before = store.get(doomed.id()).unwrap().unwrap().record;
    let wrapped_kek_bytes = stored_before.wrapped.unwrap().wrapped_bytes().to_vec();
    drop(doomed);

    let doomed_id = *doomed_deks[0].wrapping_key_id();
    kh.revoke(&doomed_id, RevocationReason::CessationOfOperation, T)
        .unwrap();
    assert_eq!(
        kh.destroy(&doomed_id, Timestamp(11)).unwrap(),
        KeyState::Destroyed
    );

    // The record keeps its metadata but no material at all.
    let record = store.get(&doomed_id).unwrap().unwrap().record;
    assert!(record.wrapped.is_none() && record.pending.is_none());
    assert_eq!(record.lifecycle.destroy_date(), Some(Timestamp(11)));
    for v in store.snapshot() {
        for w in [v.record.wrapped.as_ref(), v.record.pending.as_ref()]
            .into_iter()
            .flatten()
        {
            assert_ne!(w.wrapped_bytes(), wrapped_kek_bytes.as_slice());
        }
    }
    for w in &doomed_deks {
        assert!(matches!(
            kh.unwrap_dek(w, Binding::Plain),
            Err(Error::KeyDestroyed { .. })
        ));
        assert!(matches!(
            kh.unwrap_dek_allow_compromised(w, Binding::Plain),
            Err(Error::KeyDestroyed { .. })
        ));
        // Neither the root nor the surviving KEK can stand in for it.
        let other = kh.open_kek(kept.id()).unwrap();
        assert!(other.unwrap_dek(w, Binding::Plain).is_err());
    }
    // Shredding stays shredded: compromise is still recorded, material never comes back.
    kh.revoke(&doomed_id, RevocationReason::KeyCompromise, T)
        .unwrap();
    assert_eq!(
        kh.lifecycle(&doomed_id).unwrap().state(),
        KeyState::DestroyedCompromised
    );
    assert!(matches!(
        kh.open_kek(&doomed_id),
        Err(Error::KeyDestroyed { .. })
    ));
    // The rest of the hierarchy is untouched.
    assert_eq!(
        kh.unwrap_dek(&kept_w, Binding::Plain)
            .unwrap()
            .fingerprint(),
        kept_dek.fingerprint()
    );
    // A rotation skips the destroyed record.
    root.rotate(&mut rng, T).unwrap();
    let stats = kh.rotate_root().unwrap();
    assert_eq!((stats.rewrapped, stats.destroyed), (1, 2));
}

#[test]
fn destroying_a_root_version_shreds_the_keks_still_under_it() {
    let mut rng = TestRng::new(2);
    let root = LocalRoot::generate(id("crk"), &mut rng, T).unwrap();
    let store = MemoryStore::new();
    let kh = KeyHierarchy::new(&root, &store);
    let mut keks = Vec::new();
    for _ in 0..10 {
        let kek = kh.create_kek(&mut rng, T).unwrap();
        let (dek, w) = kh
            .new_dek(
                kek.id(),
                KeyAlgorithm::Aes256,
                WrapMethod::AesKeyWrapPadding,
                Binding::Context(b"obj"),
                &mut rng,
            )
            .unwrap();
        keks.push((*kek.id(), kek.fingerprint(), dek.fingerprint(), w));
    }
    root.rotate(&mut rng, T).unwrap();
    // Only half are moved before version 1 is destroyed.
    for (kek, ..) in keks.iter().take(5) {
        assert_eq!(kh.rotate_record(kek, 2).unwrap(), RecordOutcome::Rewrapped);
    }
    assert!(matches!(
        kh.ensure_root_version_unused(1),
        Err(Error::RootVersionInUse {
            version: 1,
            count: 5
        })
    ));
    root.destroy_version(1, Timestamp(20)).unwrap();
    assert!(matches!(
        root.unwrap(1, WrapMethod::NistKeyWrap, &[0; 40]),
        Err(Error::RootVersionUnavailable { version: 1, .. })
    ));

    for (i, (kek, kek_fp, dek_fp, w)) in keks.iter().enumerate() {
        if i < 5 {
            assert_eq!(kh.open_kek(kek).unwrap().fingerprint(), *kek_fp);
            let dek = kh.unwrap_dek(w, Binding::Context(b"obj")).unwrap();
            assert_eq!(dek.fingerprint(), *dek_fp);
        } else {
            assert!(matches!(
                kh.open_kek(kek),
                Err(Error::RootVersionUnavailable { version: 1, .. })
            ));
            assert!(kh.unwrap_dek(w, Binding::Context(b"obj")).is_err());
        }
    }
    // A rotation now reports them as unrecoverable instead of failing.
    let stats = kh.rotate_root().unwrap();
    assert_eq!(
        (stats.rewrapped, stats.unrecoverable, stats.already_current),
        (0, 5, 5)
    );
}
