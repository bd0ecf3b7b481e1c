//! CRK → KEK → DEK: wrapping DEKs, binding to the object, swapped keys, derived KEKs, shallow
//! and deep rekey.

mod common;

use common::{FailingRng, TestRng, id};
use key_hierarchy::keys::Binding;
use key_hierarchy::root::Root;
use key_hierarchy::store::KekStore;
use key_hierarchy::{
    Dek, Error, Kek, KeyAlgorithm, KeyHierarchy, KeyKind, KeyState, LocalRoot, MemoryStore,
    RevocationReason, Timestamp, WrapMethod, WrappedKey,
};
use subtle::ConstantTimeEq;

const NOW: Timestamp = Timestamp(1_700_000_000);

fn setup(seed: u64) -> (LocalRoot, MemoryStore, TestRng) {
    let mut rng = TestRng::new(seed);
    let root = LocalRoot::generate(id("crk"), &mut rng, NOW).unwrap();
    (root, MemoryStore::new(), rng)
}

#[test]
fn kek_is_stored_only_wrapped_and_reopens() {
    let (root, store, mut rng) = setup(1);
    let kh = KeyHierarchy::new(&root, &store);
    let kek = kh.create_kek(&mut rng, NOW).unwrap();
    assert_eq!(kek.state(), KeyState::Active);
    let record = store.get(kek.id()).unwrap().unwrap().record;
    let w = record.wrapped.as_ref().unwrap();
    assert_eq!(w.kind(), KeyKind::Kek);
    assert_eq!(w.wrapping_key_id(), &id("crk"));
    assert_eq!(w.wrapping_key_version(), 1);
    assert_eq!(w.method(), WrapMethod::NistKeyWrap);
    assert_eq!(w.wrapped_bytes().len(), 40);
    // The plaintext appears nowhere in the stored record.
    let enc = w.encode();
    assert!(!enc.windows(32).any(|x| x == kek.expose_secret()));
    let again = kh.open_kek(kek.id()).unwrap();
    assert!(bool::from(again.ct_eq(&kek)));
    assert!(matches!(
        kh.open_kek(&id("nope")),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn bound_dek_swapped_onto_another_object_fails() {
    let (root, store, mut rng) = setup(2);
    let kh = KeyHierarchy::new(&root, &store);
    let kek = kh.create_kek(&mut rng, NOW).unwrap();
    let vm1 = Binding::Context(b"vm-1/disk-0");
    let vm2 = Binding::Context(b"vm-2/disk-0");
    let (dek1, w1) = kh
        .new_dek(
            kek.id(),
            KeyAlgorithm::Aes256Xts,
            WrapMethod::NistKeyWrap,
            vm1,
            &mut rng,
        )
        .unwrap();
    let (_dek2, w2) = kh
        .new_dek(
            kek.id(),
            KeyAlgorithm::Aes256Xts,
            WrapMethod::NistKeyWrap,
            vm2,
            &mut rng,
        )
        .unwrap();
    assert!(w1.is_context_bound());
    assert_eq!(
        kh.unwrap_dek(&w1, vm1).unwrap().fingerprint(),
        dek1.fingerprint()
    );
    // vm-1's wrapped DEK copied into vm-2's configuration.
    assert!(matches!(kh.unwrap_dek(&w1, vm2), Err(Error::UnwrapFailed)));
    assert!(matches!(kh.unwrap_dek(&w2, vm1), Err(Error::UnwrapFailed)));
    // Copied, and relabelled with vm-2's DEK id: still fails (the key id is bound too).
    let mut relabelled = w1.clone().into_parts();
    relabelled.key_id = *w2.key_id();
    let relabelled = WrappedKey::from_parts(relabelled).unwrap();
    assert!(matches!(
        kh.unwrap_dek(&relabelled, vm2),
        Err(Error::UnwrapFailed)
    ));
    assert!(matches!(
        kh.unwrap_dek(&relabelled, vm1),
        Err(Error::UnwrapFailed)
    ));
    // A bound key cannot be downgraded to the plain form, nor a plain key read as bound.
    assert!(matches!(
        kh.unwrap_dek(&w1, Binding::Plain),
        Err(Error::BindingMismatch {
            wrapped: "context-bound",
            requested: "plain"
        })
    ));
    let mut downgraded = w1.into_parts();
    downgraded.context_bound = false;
    let downgraded = WrappedKey::from_parts(downgraded).unwrap();
    assert!(matches!(
        kh.unwrap_dek(&downgraded, Binding::Plain),
        Err(Error::UnwrapFailed)
    ));
    assert!(matches!(
        kh.unwrap_dek(&downgraded, vm1),
        Err(Error::BindingMismatch {
            wrapped: "plain",
            ..
        })
    ));
}

#[test]
fn dek_under_another_kek_is_refused() {
    let (root, store, mut rng) = setup(3);
    let kh = KeyHierarchy::new(&root, &store);
    let a = kh.create_kek(&mut rng, NOW).unwrap();
    let b = kh.create_kek(&mut rng, NOW).unwrap();
    let (_, w) = kh
        .new_dek(
            a.id(),
            KeyAlgorithm::Aes256,
            WrapMethod::AesKeyWrapPadding,
            Binding::Plain,
            &mut rng,
        )
        .unwrap();
    assert!(matches!(
        b.unwrap_dek(&w, Binding::Plain),
        Err(Error::WrappingKeyMismatch { wrapped_under }) if wrapped_under == *a.id()
    ));
    // Forge the header to name B: B's material does not unwrap it.
    let mut forged = w.into_parts();
    forged.wrapping_key_id = *b.id();
    let forged = WrappedKey::from_parts(forged).unwrap();
    assert!(matches!(
        kh.unwrap_dek(&forged, Binding::Plain),
        Err(Error::UnwrapFailed)
    ));
}

#[test]
fn plain_form_interoperates_with_raw_key_wrap() {
    let mut rng = TestRng::new(4);
    let kek = Kek::generate(id("kek"), &mut rng).unwrap();
    let dek = Dek::generate(id("dek"), KeyAlgorithm::Aes256Xts, &mut rng).unwrap();
    for method in [WrapMethod::NistKeyWrap, WrapMethod::AesKeyWrapPadding] {
        let w = kek.wrap_dek(&dek, method, Binding::Plain).unwrap();
        assert_eq!(w.wrapped_bytes().len(), 72);
        assert_eq!(w.method(), method);
        let raw = method
            .wrap(kek.expose_secret(), dek.expose_secret())
            .unwrap();
        assert_eq!(w.wrapped_bytes(), raw.as_slice());
        // Someone else's KMIP implementation: unwrap with the recorded method.
        let back = method
            .unwrap(kek.expose_secret(), w.wrapped_bytes())
            .unwrap();
        assert_eq!(back.as_slice(), dek.expose_secret());
    }
}

#[test]
fn method_is_recorded_never_guessed() {
    // A 64-byte DEK wraps to 72 bytes under both KW and KWP: the record decides.
    let mut rng = TestRng::new(5);
    let kek = Kek::generate(id("kek"), &mut rng).unwrap();
    let dek = Dek::generate(id("dek"), KeyAlgorithm::Aes256Xts, &mut rng).unwrap();
    let kw = kek
        .wrap_dek(&dek, WrapMethod::NistKeyWrap, Binding::Plain)
        .unwrap();
    let mut swapped = kw.clone().into_parts();
    swapped.method = WrapMethod::AesKeyWrapPadding;
    let swapped = WrappedKey::from_parts(swapped).unwrap();
    assert!(matches!(
        kek.unwrap_dek(&swapped, Binding::Plain),
        Err(Error::UnwrapFailed)
    ));
    assert!(kek.unwrap_dek(&kw, Binding::Plain).is_ok());
}

#[test]
fn derived_keks_from_a_kdk() {
    let (root, store, mut rng) = setup(6);
    let kh = KeyHierarchy::new(&root, &store);
    let kdk = kh.create_kdk(&mut rng, NOW).unwrap();
    // Only the KDK is stored; each VM's KEK is derived on demand.
    let kek_a = kh.derive_kek(kdk.id(), &id("vm-a")).unwrap();
    let kek_b = kh.derive_kek(kdk.id(), &id("vm-b")).unwrap();
    assert!(!bool::from(kek_a.ct_eq(&kek_b)));
    assert!(bool::from(
        kdk.derive_kek(&id("vm-a")).unwrap().ct_eq(&kek_a)
    ));
    assert_eq!(store.len(), 1);

    let ctx = Binding::Context(b"vm-a/disk-0");
    let dek = Dek::generate(id("dek-a"), KeyAlgorithm::Aes256Xts, &mut rng).unwrap();
    let w = kek_a.wrap_dek(&dek, WrapMethod::NistKeyWrap, ctx).unwrap();
    assert_eq!(w.kdk_id(), Some(kdk.id()));
    assert_eq!(w.wrapping_key_id(), &id("vm-a"));
    let w = WrappedKey::decode(&w.encode()).unwrap();
    // The hierarchy finds the KDK from the wrapped form and derives the KEK again.
    assert_eq!(
        kh.unwrap_dek(&w, ctx).unwrap().fingerprint(),
        dek.fingerprint()
    );
    assert!(matches!(
        kek_b.unwrap_dek(&w, ctx),
        Err(Error::WrappingKeyMismatch { .. })
    ));
    // A stored KEK with the same id as the derived one is not the derived one.
    let plain = Kek::from_bytes(id("vm-a"), kek_a.expose_secret()).unwrap();
    assert!(matches!(
        plain.unwrap_dek(&w, ctx),
        Err(Error::WrappingKeyMismatch { .. })
    ));

    // Deactivating the KDK: its KEKs still unwrap, no longer wrap.
    kh.deactivate(kdk.id(), NOW).unwrap();
    let kek_a = kh.derive_kek(kdk.id(), &id("vm-a")).unwrap();
    assert_eq!(kek_a.state(), KeyState::Deactivated);
    assert!(kek_a.wrap_dek(&dek, WrapMethod::NistKeyWrap, ctx).is_err());
    assert!(kh.unwrap_dek(&w, ctx).is_ok());
    // Destroying the KDK shreds every derived KEK's DEKs.
    kh.destroy(kdk.id(), NOW).unwrap();
    assert!(matches!(
        kh.unwrap_dek(&w, ctx),
        Err(Error::KeyDestroyed { .. })
    ));
    assert!(matches!(
        kh.open_kek(kdk.id()),
        Err(Error::KindMismatch {
            expected: KeyKind::Kek,
            actual: KeyKind::Kdk
        })
    ));
}

#[test]
fn shallow_rekey_moves_deks_without_touching_data() {
    let (root, store, mut rng) = setup(7);
    let kh = KeyHierarchy::new(&root, &store);
    let old = kh.create_kek(&mut rng, NOW).unwrap();
    let ctx = |i: usize| format!("vm-7/disk-{i}");
    let mut deks = Vec::new();
    for i in 0..4 {
        let c = ctx(i);
        let (dek, w) = kh
            .new_dek(
                old.id(),
                KeyAlgorithm::Aes256Xts,
                WrapMethod::NistKeyWrap,
                Binding::Context(c.as_bytes()),
                &mut rng,
            )
            .unwrap();
        deks.push((dek.fingerprint(), w));
    }
    // Rekey the first DEK onto a new KEK, then move the others to it.
    let c0 = ctx(0);
    let r = kh
        .shallow_rekey(
            &deks[0].1,
            Binding::Context(c0.as_bytes()),
            &mut rng,
            Timestamp(NOW.0 + 10),
        )
        .unwrap();
    assert_ne!(r.kek_id, *old.id());
    assert_eq!(r.wrapped.key_id(), deks[0].1.key_id(), "same DEK, same id");
    assert_ne!(r.wrapped.wrapped_bytes(), deks[0].1.wrapped_bytes());
    let mut moved = vec![r.wrapped];
    for (i, (_, w)) in deks.iter().enumerate().skip(1) {
        let c = ctx(i);
        moved.push(
            kh.rewrap_dek(w, Binding::Context(c.as_bytes()), &r.kek_id)
                .unwrap(),
        );
    }
    // Retire the old KEK: no Active → Destroyed, so revoke first.
    kh.revoke(old.id(), RevocationReason::Superseded, NOW)
        .unwrap();
    kh.destroy(old.id(), NOW).unwrap();
    for (i, w) in moved.iter().enumerate() {
        let c = ctx(i);
        let dek = kh.unwrap_dek(w, Binding::Context(c.as_bytes())).unwrap();
        assert_eq!(dek.fingerprint(), deks[i].0, "DEK {i} is the same key");
        assert_eq!(w.wrapping_key_id(), &r.kek_id);
        assert!(matches!(
            kh.unwrap_dek(&deks[i].1, Binding::Context(c.as_bytes())),
            Err(Error::KeyDestroyed { .. })
        ));
    }
}

#[test]
fn deep_rekey_makes_a_new_dek() {
    let (root, store, mut rng) = setup(8);
    let kh = KeyHierarchy::new(&root, &store);
    let kek = kh.create_kek(&mut rng, NOW).unwrap();
    let ctx = Binding::Context(b"vm-8/disk-0");
    let (dek, w) = kh
        .new_dek(
            kek.id(),
            KeyAlgorithm::Aes256Xts,
            WrapMethod::AesKeyWrapPadding,
            ctx,
            &mut rng,
        )
        .unwrap();
    let r = kh.deep_rekey(&w, ctx, &mut rng).unwrap();
    assert_eq!(r.old.fingerprint(), dek.fingerprint());
    assert_ne!(r.new.fingerprint(), dek.fingerprint());
    assert_ne!(r.new.id(), dek.id());
    assert_eq!(r.new.algorithm(), KeyAlgorithm::Aes256Xts);
    assert_eq!(r.wrapped.method(), WrapMethod::AesKeyWrapPadding);
    assert!(r.wrapped.is_context_bound());
    assert_eq!(
        kh.unwrap_dek(&r.wrapped, ctx).unwrap().fingerprint(),
        r.new.fingerprint()
    );
    assert!(r.new.xts_key().is_some());
}

#[test]
fn rng_failure_propagates_and_stores_nothing() {
    let (root, store, _) = setup(9);
    let kh = KeyHierarchy::new(&root, &store);
    assert!(matches!(
        kh.create_kek(&mut FailingRng, NOW),
        Err(Error::RandomFailed { os_error: Some(5) })
    ));
    assert!(store.is_empty());
    assert!(matches!(
        Dek::generate(id("d"), KeyAlgorithm::Aes256, &mut FailingRng),
        Err(Error::RandomFailed { .. })
    ));
}

#[test]
fn root_with_key_wrap_padding_records_it() {
    let mut rng = TestRng::new(10);
    let root = LocalRoot::generate(id("crk"), &mut rng, NOW)
        .unwrap()
        .with_method(WrapMethod::AesKeyWrapPadding);
    let store = MemoryStore::new();
    let kh = KeyHierarchy::new(&root, &store);
    let kek = kh.create_kek(&mut rng, NOW).unwrap();
    let w = store
        .get(kek.id())
        .unwrap()
        .unwrap()
        .record
        .wrapped
        .unwrap();
    assert_eq!(w.method(), WrapMethod::AesKeyWrapPadding);
    assert_eq!(w.wrapped_bytes().len(), 40);
    assert!(matches!(
        root.unwrap(1, WrapMethod::NistKeyWrap, w.wrapped_bytes()),
        Err(Error::UnwrapFailed)
    ));
    assert!(kh.open_kek(kek.id()).is_ok());
}
