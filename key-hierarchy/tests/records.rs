//! What a KMS server needs to keep KEKs in its own transactions: records made and opened
//! outside a [`KeyHierarchy`] (and re-wrapped by its rotation like any other), secrets of any
//! length under a KEK, and lifecycles stored as parts and rebuilt.

mod common;

use common::{TestRng, id};
use key_hierarchy::store::KekStore;
use key_hierarchy::{
    Error, Kek, KekRecord, KeyHierarchy, KeyState, Lifecycle, LocalRoot, MemoryStore, Operation,
    RevocationReason, Timestamp, WrapMethod,
};
use proptest::prelude::*;

const T: Timestamp = Timestamp(100);

#[test]
fn a_record_made_outside_the_hierarchy_opens_and_rotates_like_its_own() {
    let mut rng = TestRng::new(7);
    let root = LocalRoot::generate(id("crk"), &mut rng, T).unwrap();
    let store = MemoryStore::new();
    let kek = Kek::generate(id("object-key-1"), &mut rng).unwrap();
    let record = KekRecord::wrap_kek(&root, &kek, Lifecycle::active(T)).unwrap();
    // Only wrapped: the record's bytes do not contain the key.
    let stored = record.wrapped.as_ref().unwrap();
    assert_eq!(stored.wrapping_key_version(), 1);
    assert!(
        !stored
            .encode()
            .windows(32)
            .any(|w| w == kek.expose_secret())
    );
    let opened = record.open_kek(&root).unwrap();
    assert_eq!(opened.fingerprint(), kek.fingerprint());
    assert_eq!(opened.state(), KeyState::Active);
    store.put(record).unwrap();

    // The hierarchy opens it, and its rotation re-wraps it (written, verified, switched).
    let kh = KeyHierarchy::new(&root, &store);
    assert_eq!(
        kh.open_kek(&id("object-key-1")).unwrap().fingerprint(),
        kek.fingerprint()
    );
    root.rotate(&mut rng, T).unwrap();
    let stats = kh.rotate_root().unwrap();
    assert_eq!(stats.rewrapped, 1);
    kh.ensure_root_version_unused(1).unwrap();
    root.destroy_version(1, T).unwrap();
    let rotated = store.get(&id("object-key-1")).unwrap().unwrap().record;
    assert_eq!(rotated.wrapped.as_ref().unwrap().wrapping_key_version(), 2);
    assert_eq!(
        rotated.open_kek(&root).unwrap().fingerprint(),
        kek.fingerprint()
    );

    // Destroyed: nothing to open.
    kh.revoke(&id("object-key-1"), RevocationReason::Superseded, T)
        .unwrap();
    kh.destroy(&id("object-key-1"), T).unwrap();
    let gone = store.get(&id("object-key-1")).unwrap().unwrap().record;
    assert!(matches!(
        gone.open_kek(&root),
        Err(Error::KeyDestroyed { .. })
    ));
}

#[test]
fn a_record_opens_only_under_its_own_root_and_id() {
    let mut rng = TestRng::new(8);
    let root = LocalRoot::generate(id("crk"), &mut rng, T).unwrap();
    let other = LocalRoot::generate(id("other-crk"), &mut rng, T).unwrap();
    let kek = Kek::generate(id("k"), &mut rng).unwrap();
    let record = KekRecord::wrap_kek(&root, &kek, Lifecycle::active(T)).unwrap();
    assert!(matches!(
        record.open_kek(&other),
        Err(Error::WrappingKeyMismatch { .. })
    ));
    // The wrapped form moved to another record is refused.
    let mut moved = record;
    moved.id = id("someone-else");
    assert!(matches!(
        moved.open_kek(&root),
        Err(Error::InconsistentWrappedKey { .. })
    ));
}

#[test]
fn secrets_of_any_length_wrap_under_a_kek_by_its_state() {
    let mut rng = TestRng::new(9);
    let kek = Kek::generate(id("k"), &mut rng).unwrap();
    for len in [1usize, 7, 16, 33, 1000] {
        let secret: Vec<u8> = (0..len).map(|i| (i * 31 + 5) as u8).collect();
        let w = kek
            .wrap_secret(WrapMethod::AesKeyWrapPadding, &secret)
            .unwrap();
        if len >= 8 {
            assert!(!w.windows(8).any(|x| x == &secret[..8]), "len {len}");
        }
        let back = kek
            .unwrap_secret(WrapMethod::AesKeyWrapPadding, &w)
            .unwrap();
        assert_eq!(back.as_slice(), secret.as_slice(), "len {len}");
        // Tampered: opaque failure.
        let mut bad = w.clone();
        bad[0] ^= 1;
        assert!(matches!(
            kek.unwrap_secret(WrapMethod::AesKeyWrapPadding, &bad),
            Err(Error::UnwrapFailed)
        ));
    }
    // NIST Key Wrap needs multiples of 8 from 16 bytes.
    assert!(kek.wrap_secret(WrapMethod::NistKeyWrap, &[1; 16]).is_ok());
    assert!(kek.wrap_secret(WrapMethod::NistKeyWrap, &[1; 7]).is_err());

    let w = kek
        .wrap_secret(WrapMethod::AesKeyWrapPadding, b"secret")
        .unwrap();
    let deactivated = Kek::from_bytes(id("k"), kek.expose_secret())
        .unwrap()
        .with_state(KeyState::Deactivated);
    assert!(matches!(
        deactivated.wrap_secret(WrapMethod::AesKeyWrapPadding, b"x"),
        Err(Error::KeyNotUsable {
            operation: "wrap",
            ..
        })
    ));
    assert_eq!(
        deactivated
            .unwrap_secret(WrapMethod::AesKeyWrapPadding, &w)
            .unwrap()
            .as_slice(),
        b"secret"
    );
    for state in [
        KeyState::PreActive,
        KeyState::Compromised,
        KeyState::Destroyed,
    ] {
        let k = Kek::from_bytes(id("k"), kek.expose_secret())
            .unwrap()
            .with_state(state);
        assert!(matches!(
            k.unwrap_secret(WrapMethod::AesKeyWrapPadding, &w),
            Err(Error::KeyNotUsable { .. })
        ));
    }
}

fn operation() -> impl Strategy<Value = Operation> {
    prop_oneof![
        Just(Operation::Activate),
        Just(Operation::Deactivate),
        Just(Operation::Destroy),
        (0usize..7).prop_map(|i| Operation::Revoke(RevocationReason::ALL[i])),
    ]
}

proptest! {
    /// Stored as parts and rebuilt at any point, a lifecycle answers every next operation
    /// exactly as the one that never left memory.
    #[test]
    fn a_stored_lifecycle_behaves_as_the_original(
        ops in proptest::collection::vec((operation(), 0u64..1000), 0..12),
        active in any::<bool>(),
    ) {
        let mut original = if active { Lifecycle::active(T) } else { Lifecycle::pre_active(T) };
        let mut stored = original.parts();
        for (op, at) in ops {
            let mut rebuilt = Lifecycle::from_parts(stored);
            prop_assert_eq!(rebuilt, original);
            let a = original.apply(op, Timestamp(at));
            let b = rebuilt.apply(op, Timestamp(at));
            prop_assert_eq!(a.is_ok(), b.is_ok());
            prop_assert_eq!(rebuilt, original);
            stored = rebuilt.parts();
            prop_assert_eq!(Lifecycle::from_parts(stored).parts(), original.parts());
        }
    }
}
