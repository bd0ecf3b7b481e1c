//! KMIP 1.1 §3.22 state transitions: every allowed and every forbidden one, the dates each
//! records, and what each state lets a key do.

mod common;

use common::{TestRng, id};
use key_hierarchy::keys::Binding;
use key_hierarchy::{
    Dek, Error, Kek, KeyAlgorithm, KeyHierarchy, KeyState, Lifecycle, LocalRoot, MemoryStore,
    Operation, RevocationReason, Timestamp, WrapMethod,
};

use KeyState::*;

/// The allowed transitions, written out from KMIP 1.1 §3.22 independently of the crate's table.
/// `None` as reason means "any non-compromise revocation reason".
#[derive(Clone, Copy, Debug, PartialEq)]
enum Op {
    Activate,
    Deactivate,
    Destroy,
    RevokeCompromise,
    RevokeOther,
}

const ALLOWED: &[(KeyState, Op, KeyState)] = &[
    (PreActive, Op::Activate, Active),
    (PreActive, Op::Destroy, Destroyed),
    (PreActive, Op::RevokeCompromise, Compromised),
    (Active, Op::RevokeCompromise, Compromised),
    (Active, Op::RevokeOther, Deactivated),
    (Active, Op::Deactivate, Deactivated),
    (Deactivated, Op::RevokeCompromise, Compromised),
    (Deactivated, Op::Destroy, Destroyed),
    (Compromised, Op::Destroy, DestroyedCompromised),
    (Destroyed, Op::RevokeCompromise, DestroyedCompromised),
];

fn classify(op: Operation) -> Op {
    match op {
        Operation::Activate => Op::Activate,
        Operation::Deactivate => Op::Deactivate,
        Operation::Destroy => Op::Destroy,
        Operation::Revoke(r) if r.is_compromise() => Op::RevokeCompromise,
        Operation::Revoke(_) => Op::RevokeOther,
    }
}

fn all_operations() -> Vec<Operation> {
    let mut ops = vec![
        Operation::Activate,
        Operation::Deactivate,
        Operation::Destroy,
    ];
    ops.extend(RevocationReason::ALL.iter().map(|r| Operation::Revoke(*r)));
    ops
}

const T0: Timestamp = Timestamp(1_000);

/// A lifecycle in `state`, reached through allowed transitions only.
fn in_state(state: KeyState) -> Lifecycle {
    let mut l = Lifecycle::pre_active(T0);
    let t = Timestamp(1_100);
    match state {
        PreActive => {}
        Active => {
            l.activate(t).unwrap();
        }
        Deactivated => {
            l.activate(t).unwrap();
            l.deactivate(t).unwrap();
        }
        Compromised => {
            l.revoke(RevocationReason::KeyCompromise, t).unwrap();
        }
        Destroyed => {
            l.destroy(t).unwrap();
        }
        DestroyedCompromised => {
            l.revoke(RevocationReason::CaCompromise, t).unwrap();
            l.destroy(t).unwrap();
        }
    }
    assert_eq!(l.state(), state);
    l
}

#[test]
fn every_transition_allowed_or_forbidden() {
    let mut allowed_seen = 0;
    let mut forbidden_seen = 0;
    for from in KeyState::ALL {
        for op in all_operations() {
            let expected = ALLOWED
                .iter()
                .find(|(f, o, _)| *f == from && *o == classify(op))
                .map(|(_, _, to)| *to);
            assert_eq!(from.after(op), expected, "{from} + {op:?}");
            let before = in_state(from);
            let mut l = before;
            let now = Timestamp(2_000);
            match (l.apply(op, now), expected) {
                (Ok(to), Some(exp)) => {
                    allowed_seen += 1;
                    assert_eq!(to, exp);
                    assert_eq!(l.state(), exp);
                    assert_eq!(l.initial_date(), T0);
                    match op {
                        Operation::Activate => assert_eq!(l.activation_date(), Some(now)),
                        Operation::Deactivate => assert_eq!(l.deactivation_date(), Some(now)),
                        Operation::Destroy => assert_eq!(l.destroy_date(), Some(now)),
                        Operation::Revoke(r) => {
                            assert_eq!(l.revocation_reason(), Some(r));
                            if r.is_compromise() {
                                assert_eq!(l.compromise_date(), Some(now));
                            } else {
                                assert_eq!(l.deactivation_date(), Some(now));
                            }
                        }
                    }
                }
                (Err(Error::InvalidTransition { from: f, .. }), None) => {
                    forbidden_seen += 1;
                    assert_eq!(f, from);
                    assert_eq!(l, before, "a refused transition changed the lifecycle");
                }
                (got, exp) => panic!("{from} + {op:?}: got {got:?}, expected {exp:?}"),
            }
        }
    }
    // 6 states x 10 operations (Activate, Deactivate, Destroy, Revoke with 7 reasons).
    assert_eq!(allowed_seen + forbidden_seen, 60);
    // Revoke counts once per reason (2 compromise reasons, 5 others). Pre-Active: Activate,
    // Destroy, 2 Revokes; Active: Deactivate, 7 Revokes; Deactivated: Destroy, 2 Revokes;
    // Compromised: Destroy; Destroyed: 2 Revokes.
    assert_eq!(allowed_seen, 4 + 8 + 3 + 1 + 2);
}

#[test]
fn kmip_3_22_no_active_to_destroyed() {
    let mut l = Lifecycle::active(T0);
    let err = l.destroy(Timestamp(5)).unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidTransition {
            from: Active,
            operation: "Destroy"
        }
    ));
    assert_eq!(
        err.to_string(),
        "no Destroy transition from state Active (KMIP 1.1 §3.22)"
    );
    // Revoke or deactivate first.
    l.revoke(RevocationReason::Superseded, Timestamp(6))
        .unwrap();
    assert_eq!(l.destroy(Timestamp(7)).unwrap(), Destroyed);
}

#[test]
fn kmip_3_22_compromised_destroy_is_destroyed_compromised() {
    let mut l = in_state(Compromised);
    assert_eq!(l.destroy(Timestamp(9)).unwrap(), DestroyedCompromised);
    assert_eq!(l.destroy_date(), Some(Timestamp(9)));
}

#[test]
fn kmip_3_22_destroyed_revoke_compromise_is_destroyed_compromised() {
    let mut l = in_state(Destroyed);
    assert!(
        l.revoke(RevocationReason::Superseded, Timestamp(9))
            .is_err()
    );
    assert_eq!(
        l.revoke(RevocationReason::KeyCompromise, Timestamp(9))
            .unwrap(),
        DestroyedCompromised
    );
    assert_eq!(l.compromise_date(), Some(Timestamp(9)));
    assert!(
        l.revoke(RevocationReason::KeyCompromise, Timestamp(10))
            .is_err()
    );
}

#[test]
fn active_at_creation_records_both_dates() {
    let l = Lifecycle::active(Timestamp(42));
    assert_eq!(l.state(), Active);
    assert_eq!(l.initial_date(), Timestamp(42));
    assert_eq!(l.activation_date(), Some(Timestamp(42)));
    assert_eq!(l.deactivation_date(), None);
}

#[test]
fn kmip_enumeration_values() {
    for (n, s) in KeyState::ALL.iter().enumerate() {
        assert_eq!(s.kmip_value(), n as u32 + 1);
        assert_eq!(KeyState::from_kmip_value(s.kmip_value()), Some(*s));
    }
    assert_eq!(KeyState::from_kmip_value(0), None);
    assert_eq!(KeyState::from_kmip_value(7), None);
    for (n, r) in RevocationReason::ALL.iter().enumerate() {
        assert_eq!(r.kmip_value(), n as u32 + 1);
        assert_eq!(RevocationReason::from_kmip_value(r.kmip_value()), Some(*r));
    }
    assert_eq!(RevocationReason::from_kmip_value(8), None);
    assert_eq!(DestroyedCompromised.to_string(), "Destroyed Compromised");
}

#[test]
fn what_each_state_allows() {
    for s in KeyState::ALL {
        assert_eq!(s.can_wrap(), s == Active, "{s} wrap");
        assert_eq!(
            s.can_unwrap(false),
            matches!(s, Active | Deactivated),
            "{s} unwrap"
        );
        assert_eq!(
            s.can_unwrap(true),
            matches!(s, Active | Deactivated | Compromised),
            "{s} unwrap (compromised allowed)"
        );
    }
}

#[test]
fn kek_states_enforced_on_wrap_and_unwrap() {
    let mut rng = TestRng::new(1);
    let dek = Dek::generate(id("dek"), KeyAlgorithm::Aes256Xts, &mut rng).unwrap();
    let material = [0x11u8; 32];
    let active = Kek::from_bytes(id("kek"), &material).unwrap();
    let wrapped = active
        .wrap_dek(&dek, WrapMethod::NistKeyWrap, Binding::Plain)
        .unwrap();
    for s in KeyState::ALL {
        let kek = Kek::from_bytes(id("kek"), &material).unwrap().with_state(s);
        let w = kek.wrap_dek(&dek, WrapMethod::NistKeyWrap, Binding::Plain);
        assert_eq!(w.is_ok(), s == Active, "{s} wrap");
        if let Err(e) = w {
            assert!(matches!(e, Error::KeyNotUsable { state, operation: "wrap" } if state == s));
        }
        let u = kek.unwrap_dek(&wrapped, Binding::Plain);
        assert_eq!(u.is_ok(), matches!(s, Active | Deactivated), "{s} unwrap");
        let u2 = kek.unwrap_dek_allow_compromised(&wrapped, Binding::Plain);
        assert_eq!(
            u2.is_ok(),
            matches!(s, Active | Deactivated | Compromised),
            "{s} unwrap, compromised allowed"
        );
    }
}

#[test]
fn stored_kek_lifecycle_through_the_hierarchy() {
    let mut rng = TestRng::new(2);
    let root = LocalRoot::generate(id("root"), &mut rng, T0).unwrap();
    let store = MemoryStore::new();
    let kh = KeyHierarchy::new(&root, &store);

    let kek = kh
        .create_kek_with_id(id("kek-pre"), &mut rng, Lifecycle::pre_active(T0))
        .unwrap();
    assert_eq!(kek.state(), PreActive);
    let err = kh
        .new_dek(
            kek.id(),
            KeyAlgorithm::Aes256,
            WrapMethod::NistKeyWrap,
            Binding::Plain,
            &mut rng,
        )
        .unwrap_err();
    assert!(matches!(
        err,
        Error::KeyNotUsable {
            state: PreActive,
            ..
        }
    ));

    assert_eq!(kh.activate(kek.id(), Timestamp(2)).unwrap(), Active);
    let (dek, wrapped) = kh
        .new_dek(
            kek.id(),
            KeyAlgorithm::Aes256,
            WrapMethod::NistKeyWrap,
            Binding::Plain,
            &mut rng,
        )
        .unwrap();

    assert!(matches!(
        kh.destroy(kek.id(), Timestamp(3)),
        Err(Error::InvalidTransition { from: Active, .. })
    ));
    assert_eq!(kh.lifecycle(kek.id()).unwrap().state(), Active);

    assert_eq!(kh.deactivate(kek.id(), Timestamp(4)).unwrap(), Deactivated);
    let again = kh.unwrap_dek(&wrapped, Binding::Plain).unwrap();
    assert_eq!(again.fingerprint(), dek.fingerprint());
    assert!(matches!(
        kh.new_dek(
            kek.id(),
            KeyAlgorithm::Aes256,
            WrapMethod::NistKeyWrap,
            Binding::Plain,
            &mut rng
        ),
        Err(Error::KeyNotUsable {
            state: Deactivated,
            ..
        })
    ));

    assert_eq!(
        kh.revoke(kek.id(), RevocationReason::KeyCompromise, Timestamp(5))
            .unwrap(),
        Compromised
    );
    assert!(matches!(
        kh.unwrap_dek(&wrapped, Binding::Plain),
        Err(Error::KeyNotUsable {
            state: Compromised,
            operation: "unwrap"
        })
    ));
    let recovered = kh
        .unwrap_dek_allow_compromised(&wrapped, Binding::Plain)
        .unwrap();
    assert_eq!(recovered.fingerprint(), dek.fingerprint());

    assert_eq!(
        kh.destroy(kek.id(), Timestamp(6)).unwrap(),
        DestroyedCompromised
    );
    let l = kh.lifecycle(kek.id()).unwrap();
    assert_eq!(
        (
            l.initial_date(),
            l.activation_date(),
            l.deactivation_date(),
            l.compromise_date(),
            l.destroy_date()
        ),
        (
            T0,
            Some(Timestamp(2)),
            Some(Timestamp(4)),
            Some(Timestamp(5)),
            Some(Timestamp(6))
        )
    );
    assert!(matches!(
        kh.unwrap_dek_allow_compromised(&wrapped, Binding::Plain),
        Err(Error::KeyDestroyed { .. })
    ));
}

#[test]
fn root_versions_follow_the_same_rules() {
    let mut rng = TestRng::new(3);
    let root = LocalRoot::generate(id("root"), &mut rng, T0).unwrap();
    // The current version is Active: it cannot be destroyed directly.
    assert!(matches!(
        root.destroy_version(1, Timestamp(2)),
        Err(Error::InvalidTransition { from: Active, .. })
    ));
    assert_eq!(root.rotate(&mut rng, Timestamp(3)).unwrap(), 2);
    assert_eq!(root.versions(), vec![(1, Deactivated), (2, Active)]);
    assert_eq!(
        root.version_lifecycle(1).unwrap().deactivation_date(),
        Some(Timestamp(3))
    );
    assert_eq!(root.destroy_version(1, Timestamp(4)).unwrap(), Destroyed);
    assert_eq!(
        root.revoke_version(1, RevocationReason::KeyCompromise, Timestamp(5))
            .unwrap(),
        DestroyedCompromised
    );
    assert!(matches!(
        root.destroy_version(9, Timestamp(6)),
        Err(Error::RootVersionUnavailable { version: 9, .. })
    ));
}

/// Transitions 4 and 6 by date: a key given its Activation and Deactivation Dates in advance
/// becomes Active, then Deactivated, when `advance` is called at or after each date, each
/// transition dated by its own date; an earlier call changes nothing.
#[test]
fn kmip_3_22_dates_reached_activate_then_deactivate() {
    use key_hierarchy::LifecycleParts;
    let scheduled = |activation, deactivation| {
        Lifecycle::from_parts(LifecycleParts {
            state: PreActive,
            initial_date: Timestamp(10),
            activation_date: activation,
            deactivation_date: deactivation,
            compromise_date: None,
            destroy_date: None,
            revocation_reason: None,
        })
    };
    let mut l = scheduled(Some(Timestamp(100)), Some(Timestamp(200)));
    assert_eq!(l.advance(Timestamp(99)), PreActive);
    assert_eq!(l.advance(Timestamp(100)), Active);
    assert_eq!(l.activation_date(), Some(Timestamp(100)));
    assert_eq!(l.advance(Timestamp(199)), Active);
    assert_eq!(l.advance(Timestamp(500)), Deactivated);
    assert_eq!(l.deactivation_date(), Some(Timestamp(200)));
    // Both dates passed at once: both transitions, in order.
    let mut l = scheduled(Some(Timestamp(100)), Some(Timestamp(200)));
    assert_eq!(l.advance(Timestamp(1000)), Deactivated);
    assert_eq!(l.activation_date(), Some(Timestamp(100)));
    // No Activation Date: no date makes it Active, whatever the Deactivation Date.
    let mut l = scheduled(None, Some(Timestamp(5)));
    assert_eq!(l.advance(Timestamp(1000)), PreActive);
    // Dates change nothing outside Pre-Active and Active.
    for state in [Deactivated, Compromised, Destroyed, DestroyedCompromised] {
        let mut l = in_state(state);
        let before = l;
        assert_eq!(l.advance(Timestamp(u64::MAX)), state);
        assert_eq!(l, before);
    }
}
