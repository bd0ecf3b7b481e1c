//! The server's state changes are key-hierarchy's (issue 11): for every KMIP 1.1 state and
//! every operation that changes one, kms-server answers exactly as
//! [`key_hierarchy::KeyState::after`] (KMIP 1.1 §3.22) says: success and the State it names,
//! or Permission Denied and the object unchanged.

use key_hierarchy::{KeyState, Operation, RevocationReason};
use kmip_examples::client::KmipClient;
use kmip_examples::local::LocalKms;
use kmip_types::{
    Attribute, AttributeValue, CreateRequest, CryptographicAlgorithm, CryptographicUsageMask,
    DateTime, ResultReason, RevocationReasonCode,
};

fn state(c: &mut KmipClient, id: &str) -> KeyState {
    let attrs = c.get_attributes(id, &["State"]).unwrap();
    match attrs.first().and_then(|a| a.value.as_ref()) {
        Some(AttributeValue::State(s)) => KeyState::from_kmip_value(s.0).unwrap(),
        other => panic!("no State: {other:?}"),
    }
}

fn dates(c: &mut KmipClient, id: &str) -> Vec<String> {
    let names = [
        "Activation Date",
        "Deactivation Date",
        "Compromise Date",
        "Destroy Date",
    ];
    c.get_attributes(id, &names)
        .unwrap()
        .iter()
        .map(|a| format!("{} = {:?}", a.name, a.value))
        .collect()
}

fn code(reason: RevocationReason) -> RevocationReasonCode {
    RevocationReasonCode(reason.kmip_value())
}

fn run(
    c: &mut KmipClient,
    id: &str,
    op: Operation,
) -> Result<(), kmip_examples::client::ClientError> {
    match op {
        Operation::Activate => c.activate(id),
        Operation::Revoke(reason) => c.revoke(id, code(reason), None, None),
        Operation::Destroy => c.destroy(id),
        Operation::Deactivate => unreachable!("no KMIP operation deactivates"),
    }
}

/// A new key in `target`, reached through the server's operations.
fn key_in(c: &mut KmipClient, target: KeyState) -> String {
    use KeyState::*;
    let id = c.create_aes(256, None).unwrap();
    let path: &[Operation] = match target {
        PreActive => &[],
        Active => &[Operation::Activate],
        Deactivated => &[
            Operation::Activate,
            Operation::Revoke(RevocationReason::CessationOfOperation),
        ],
        Compromised => &[Operation::Revoke(RevocationReason::KeyCompromise)],
        Destroyed => &[Operation::Destroy],
        DestroyedCompromised => &[
            Operation::Revoke(RevocationReason::KeyCompromise),
            Operation::Destroy,
        ],
    };
    for op in path {
        run(c, &id, *op).unwrap();
    }
    assert_eq!(state(c, &id), target);
    id
}

#[test]
fn every_transition_is_the_librarys() {
    let kms = LocalKms::start().unwrap();
    let mut c = kms.client().unwrap();
    let mut ops = vec![Operation::Activate, Operation::Destroy];
    ops.extend(RevocationReason::ALL.map(Operation::Revoke));
    let mut checked = 0;
    for from in KeyState::ALL {
        for op in &ops {
            let id = key_in(&mut c, from);
            let before = dates(&mut c, &id);
            let result = run(&mut c, &id, *op);
            match from.after(*op) {
                Some(to) => {
                    result.unwrap_or_else(|e| panic!("{from} + {op:?} must succeed: {e}"));
                    assert_eq!(state(&mut c, &id), to, "{from} + {op:?}");
                }
                None => {
                    let err = result.expect_err(&format!("{from} + {op:?} must be refused"));
                    assert_eq!(
                        err.reason(),
                        Some(ResultReason::PERMISSION_DENIED),
                        "{from} + {op:?}: {err}"
                    );
                    assert!(err.to_string().contains("section 3.22"), "{err}");
                    assert_eq!(
                        state(&mut c, &id),
                        from,
                        "{from} + {op:?} changed the state"
                    );
                    assert_eq!(dates(&mut c, &id), before, "{from} + {op:?} changed a date");
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 6 * 9);
}

/// The case the server's own state machine got wrong: a second compromise Revoke of a
/// Compromised key was accepted and moved its Compromise Date, which KMIP sets once.
#[test]
fn a_compromised_key_keeps_its_compromise_date() {
    let kms = LocalKms::start().unwrap();
    let mut c = kms.client().unwrap();
    let id = c.create_aes(256, None).unwrap();
    c.revoke(
        &id,
        RevocationReasonCode::KEY_COMPROMISE,
        Some("leaked"),
        Some(DateTime(1_600_000_000)),
    )
    .unwrap();
    let first = dates(&mut c, &id);
    assert!(
        first.iter().any(|d| d.starts_with("Compromise Date")),
        "{first:?}"
    );
    let err = c
        .revoke(&id, RevocationReasonCode::CA_COMPROMISE, None, None)
        .unwrap_err();
    assert_eq!(err.reason(), Some(ResultReason::PERMISSION_DENIED), "{err}");
    assert_eq!(dates(&mut c, &id), first);
    // Destroying it is transition 9, and a Destroyed key may still be found compromised
    // (transition 10).
    c.destroy(&id).unwrap();
    assert_eq!(state(&mut c, &id), KeyState::DestroyedCompromised);
    let other = c.create_aes(256, None).unwrap();
    c.destroy(&other).unwrap();
    c.revoke(&other, RevocationReasonCode::KEY_COMPROMISE, None, None)
        .unwrap();
    assert_eq!(state(&mut c, &other), KeyState::DestroyedCompromised);
    // A revocation reason KMIP 1.1 does not define is refused rather than guessed at.
    let third = c.create_aes(256, None).unwrap();
    c.activate(&third).unwrap();
    let err = c
        .revoke(&third, RevocationReasonCode(0x8000_0001), None, None)
        .unwrap_err();
    assert_eq!(err.reason(), Some(ResultReason::INVALID_FIELD), "{err}");
    assert_eq!(state(&mut c, &third), KeyState::Active);
}

/// Activation and Deactivation Dates given at creation take effect as key-hierarchy's
/// `Lifecycle::advance` says (transitions 4 and 6): both past → Deactivated, only the
/// Activation Date past → Active, none past → Pre-Active. (On main a Deactivation Date was
/// stored and ignored: the key was Active.)
#[test]
fn dates_given_at_creation_take_effect() {
    let kms = LocalKms::start().unwrap();
    let mut c = kms.client().unwrap();
    let now = i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs(),
    )
    .unwrap();
    let day = 86_400;
    let mut create = |activation: i64, deactivation: Option<i64>| {
        let mut r = CreateRequest::symmetric_key(
            CryptographicAlgorithm::AES,
            256,
            CryptographicUsageMask::ENCRYPT | CryptographicUsageMask::DECRYPT,
        )
        .with_attribute(Attribute::new(AttributeValue::ActivationDate(DateTime(
            activation,
        ))));
        if let Some(d) = deactivation {
            r = r.with_attribute(Attribute::new(AttributeValue::DeactivationDate(DateTime(
                d,
            ))));
        }
        let id = c.create(r).unwrap();
        let s = state(&mut c, &id);
        (id, s)
    };
    assert_eq!(
        create(now - 2 * day, Some(now - day)).1,
        KeyState::Deactivated
    );
    assert_eq!(create(now - day, Some(now + day)).1, KeyState::Active);
    assert_eq!(create(now - day, None).1, KeyState::Active);
    let (later, s) = create(now + day, Some(now + 2 * day));
    assert_eq!(s, KeyState::PreActive);
    // Activating it early is transition 4 dated now; its Deactivation Date stays ahead.
    c.activate(&later).unwrap();
    assert_eq!(state(&mut c, &later), KeyState::Active);
    let attrs = c.get_attributes(&later, &["Deactivation Date"]).unwrap();
    assert!(
        matches!(
            attrs.first().and_then(|a| a.value.as_ref()),
            Some(AttributeValue::DeactivationDate(DateTime(d))) if *d == now + 2 * day
        ),
        "{attrs:?}"
    );
}
