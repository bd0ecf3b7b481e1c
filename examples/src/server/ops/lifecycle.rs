//! Activate, Revoke, Destroy and Re-key. Which transitions exist and which dates they set is
//! key-hierarchy's rule ([`key_hierarchy::Lifecycle::apply`], KMIP 1.1 §3.22): each operation
//! rebuilds the object's [`Lifecycle`] from its stored State and dates, applies the operation,
//! and stores what changed. The server adds only what is not a state rule: the Revocation
//! Reason's message, the Compromise Occurrence Date, and erasing the material on Destroy.

use key_hierarchy::{KeyState, Lifecycle, LifecycleParts, Operation, RevocationReason, Timestamp};
use kmip_types::{
    ActivateResponse, AttributeValue, DateTime, DestroyResponse, KeyFormatType, Link, LinkType,
    ObjectType, ReKeyRequest, ReKeyResponse, ResultReason, RevokeRequest, RevokeResponse,
};

use super::create::{generate_key, initial_state, insert};
use super::template::{Template, read_template};
use super::{Batch, Done, OpResult, decode_value, done, encode_value, fail, target, touch};
use crate::store::{Caller, NewObject, ObjectRecord, Tx};
use crate::util::uuid_v4;

fn timestamp(seconds: i64) -> Timestamp {
    Timestamp(u64::try_from(seconds).unwrap_or(0))
}

fn date_time(t: Timestamp) -> DateTime {
    DateTime(i64::try_from(t.0).unwrap_or(i64::MAX))
}

/// The object's lifecycle as key-hierarchy models it: its stored State, creation time and
/// the date attributes its transitions set.
///
/// # Errors
/// The object's stored State is not a KMIP 1.1 state (the database was changed behind the
/// server's back), or the store failed.
pub fn stored_lifecycle(tx: &Tx<'_>, caller: &Caller, rec: &ObjectRecord) -> OpResult<Lifecycle> {
    let mut parts = LifecycleParts {
        state: rec.state,
        initial_date: timestamp(rec.created),
        activation_date: None,
        deactivation_date: None,
        compromise_date: None,
        destroy_date: None,
        revocation_reason: None,
    };
    for a in tx.attributes(caller, &rec.id)? {
        match decode_value(&a.name, &a.value) {
            Some(AttributeValue::ActivationDate(d)) => parts.activation_date = Some(timestamp(d.0)),
            Some(AttributeValue::DeactivationDate(d)) => {
                parts.deactivation_date = Some(timestamp(d.0));
            }
            Some(AttributeValue::CompromiseDate(d)) => parts.compromise_date = Some(timestamp(d.0)),
            Some(AttributeValue::DestroyDate(d)) => parts.destroy_date = Some(timestamp(d.0)),
            Some(AttributeValue::RevocationReason(r)) => {
                parts.revocation_reason =
                    RevocationReason::from_kmip_value(r.revocation_reason_code.0);
            }
            _ => {}
        }
    }
    Ok(Lifecycle::from_parts(parts))
}

/// The lifecycle of an object created at `now` with Activation Date `activation` and
/// Deactivation Date `deactivation` (given in its template): Pre-Active (transition 1), then
/// [`Lifecycle::advance`]: Active (transition 4) if the Activation Date has come, Deactivated
/// (transition 6) if the Deactivation Date has too. (Dates still to come take effect at
/// creation only: the stored State does not change by itself later.)
pub fn new_lifecycle(activation: Option<i64>, deactivation: Option<i64>, now: i64) -> Lifecycle {
    let mut l = Lifecycle::from_parts(LifecycleParts {
        activation_date: activation.map(timestamp),
        deactivation_date: deactivation.map(timestamp),
        ..Lifecycle::pre_active(timestamp(now)).parts()
    });
    l.advance(timestamp(now));
    l
}

/// Applies `op` at `now` to the object `id` through [`Lifecycle::apply`] and stores the new
/// State and the dates the transition set. A transition KMIP 1.1 §3.22 does not have is
/// Permission Denied (as PyKMIP answers).
fn transition(
    tx: &mut Tx<'_>,
    caller: &Caller,
    rec: &ObjectRecord,
    op: Operation,
    now: i64,
) -> OpResult<Lifecycle> {
    let id = &rec.id;
    let before = stored_lifecycle(tx, caller, rec)?;
    let mut after = before;
    after.apply(op, timestamp(now)).map_err(|e| {
        let hint = match (before.state(), op) {
            (KeyState::Active, Operation::Destroy) => "; revoke it before destroying it",
            (state, Operation::Destroy) if state.is_destroyed() => "; it is already destroyed",
            _ => "",
        };
        // In ASCII: PyKMIP 0.11 cannot decode a Result Message with other characters (the
        // library's own message says "§3.22").
        let why = match e {
            key_hierarchy::Error::InvalidTransition { from, operation } => {
                format!("no {operation} transition from state {from} (KMIP 1.1 section 3.22)")
            }
            other => other.to_string(),
        };
        fail(
            ResultReason::PERMISSION_DENIED,
            format!("object {id}: {why}{hint}"),
        )
    })?;
    tx.set_state(caller, id, after.state())?;
    type DateAttribute = (
        &'static str,
        Option<Timestamp>,
        Option<Timestamp>,
        fn(DateTime) -> AttributeValue,
    );
    let dates: [DateAttribute; 4] = [
        (
            "Activation Date",
            before.activation_date(),
            after.activation_date(),
            AttributeValue::ActivationDate,
        ),
        (
            "Deactivation Date",
            before.deactivation_date(),
            after.deactivation_date(),
            AttributeValue::DeactivationDate,
        ),
        (
            "Compromise Date",
            before.compromise_date(),
            after.compromise_date(),
            AttributeValue::CompromiseDate,
        ),
        (
            "Destroy Date",
            before.destroy_date(),
            after.destroy_date(),
            AttributeValue::DestroyDate,
        ),
    ];
    for (name, old, new, value) in dates {
        if let Some(new) = new
            && old != Some(new)
        {
            tx.set_attribute(caller, id, name, &encode_value(&value(date_time(new))))?;
        }
    }
    Ok(after)
}

/// Activate.
///
/// # Errors
/// The request's failure.
pub fn activate(tx: &mut Tx<'_>, id: &str, batch: &mut Batch) -> OpResult<Done> {
    let caller = &batch.caller;
    let rec = tx.object(caller, id)?;
    transition(tx, caller, &rec, Operation::Activate, batch.now)?;
    touch(tx, caller, id, batch.now)?;
    done(ActivateResponse::new(id), Some(id.to_owned()))
}

/// Revoke.
///
/// # Errors
/// The request's failure.
pub fn revoke(tx: &mut Tx<'_>, r: &RevokeRequest, batch: &mut Batch) -> OpResult<Done> {
    let caller = &batch.caller;
    let id = target(r.unique_identifier.as_ref(), batch)?;
    let rec = tx.object(caller, &id)?;
    let code = r.revocation_reason.revocation_reason_code;
    let reason = RevocationReason::from_kmip_value(code.0).ok_or_else(|| {
        fail(
            ResultReason::INVALID_FIELD,
            format!("revocation reason code {code} is not one KMIP 1.1 defines"),
        )
    })?;
    transition(tx, caller, &rec, Operation::Revoke(reason), batch.now)?;
    tx.set_attribute(
        caller,
        &id,
        "Revocation Reason",
        &encode_value(&AttributeValue::RevocationReason(
            r.revocation_reason.clone(),
        )),
    )?;
    if reason.is_compromise() {
        let occurred = r.compromise_occurrence_date.unwrap_or(DateTime(batch.now));
        tx.set_attribute(
            caller,
            &id,
            "Compromise Occurrence Date",
            &encode_value(&AttributeValue::CompromiseOccurrenceDate(occurred)),
        )?;
    }
    touch(tx, caller, &id, batch.now)?;
    done(
        RevokeResponse {
            unique_identifier: id.clone(),
            unknown: Vec::new(),
        },
        Some(id),
    )
}

/// Destroy: the key material is crypto-shredded (its object key and wrapped form deleted),
/// the object remains.
///
/// # Errors
/// The request's failure.
pub fn destroy(tx: &mut Tx<'_>, id: &str, batch: &mut Batch) -> OpResult<Done> {
    let caller = &batch.caller;
    let rec = tx.object(caller, id)?;
    transition(tx, caller, &rec, Operation::Destroy, batch.now)?;
    tx.erase_material(caller, id)?;
    touch(tx, caller, id, batch.now)?;
    done(DestroyResponse::new(id), Some(id.to_owned()))
}

/// Attributes a replacement key does not inherit.
const NOT_INHERITED: [&str; 11] = [
    "Name",
    "Link",
    "Digest",
    "Activation Date",
    "Deactivation Date",
    "Destroy Date",
    "Compromise Date",
    "Compromise Occurrence Date",
    "Revocation Reason",
    "Last Change Date",
    "Archive Date",
];

/// Re-key: a replacement key with the same owner as the key it replaces.
///
/// # Errors
/// The request's failure.
pub fn rekey(tx: &mut Tx<'_>, r: &ReKeyRequest, batch: &mut Batch) -> OpResult<Done> {
    let caller = &batch.caller;
    let old_id = target(r.unique_identifier.as_ref(), batch)?;
    let old = tx.object(caller, &old_id)?;
    if old.object_type != ObjectType::SYMMETRIC_KEY {
        return Err(fail(
            ResultReason::INVALID_FIELD,
            format!(
                "Re-key replaces Symmetric Keys, and {old_id} is a {}",
                old.object_type
            ),
        ));
    }
    if old.state.is_destroyed() {
        return Err(fail(
            ResultReason::PERMISSION_DENIED,
            format!("object {old_id} is destroyed"),
        ));
    }
    let template = match &r.template_attribute {
        Some(t) => read_template(tx, caller, &batch.limits, t)?,
        None => Template::default(),
    };
    if template.algorithm.is_some_and(|a| Some(a) != old.algorithm)
        || template.length.is_some_and(|l| Some(l) != old.length)
    {
        return Err(fail(
            ResultReason::INVALID_FIELD,
            "Re-key keeps the algorithm and length of the key it replaces",
        ));
    }
    let activation = match r.offset {
        Some(offset) => Some(batch.now.saturating_add(i64::from(offset))),
        None if old.state == KeyState::Active => Some(batch.now),
        None => template.activation_date,
    };
    let state = initial_state(activation, template.deactivation_date, batch.now);
    let (Some(algorithm), Some(bits)) = (old.algorithm, old.length) else {
        return Err(fail(
            ResultReason::INVALID_FIELD,
            format!("{old_id} has no Cryptographic Algorithm and Length to renew"),
        ));
    };
    let material = generate_key(algorithm, bits)?;
    let new_id = uuid_v4();
    let mut stored: Vec<(String, Vec<u8>)> = Vec::new();
    let old_attributes = tx.attributes(caller, &old_id)?;
    // The replaced key loses its Names and gains a Link: checked before anything changes.
    let kept = old_attributes.iter().filter(|a| a.name != "Name").count();
    batch
        .limits
        .check_object(&old_id, u64::try_from(kept).unwrap_or(u64::MAX), 1)?;
    for a in &old_attributes {
        if a.name == "Name" || !NOT_INHERITED.contains(&a.name.as_str()) {
            stored.push((a.name.clone(), a.value.clone()));
        }
    }
    stored.extend(
        template
            .stored
            .into_iter()
            .filter(|(n, _)| n != "Activation Date"),
    );
    if let Some(d) = activation {
        stored.push((
            "Activation Date".into(),
            encode_value(&AttributeValue::ActivationDate(DateTime(d))),
        ));
    }
    stored.push((
        "Link".into(),
        encode_value(&AttributeValue::Link(Link {
            link_type: LinkType::REPLACED_OBJECT_LINK,
            linked_object_identifier: old_id.clone(),
            unknown: Vec::new(),
        })),
    ));
    insert(
        tx,
        &NewObject {
            id: &new_id,
            object_type: old.object_type,
            state,
            algorithm: old.algorithm,
            length: old.length,
            key_format: old.key_format,
            data_type: None,
            owner: &old.owner,
            created: batch.now,
            material: &material,
        },
        stored,
        Some(KeyFormatType::RAW),
        batch,
    )?;
    // The names move to the replacement; the old key points to it.
    for a in old_attributes.iter().filter(|a| a.name == "Name").rev() {
        tx.delete_attribute(caller, &old_id, "Name", a.index)?;
    }
    let link = AttributeValue::Link(Link {
        link_type: LinkType::REPLACEMENT_OBJECT_LINK,
        linked_object_identifier: new_id.clone(),
        unknown: Vec::new(),
    });
    tx.add_attribute(caller, &old_id, "Link", &encode_value(&link))?;
    touch(tx, caller, &old_id, batch.now)?;
    batch.placeholder = Some(new_id.clone());
    done(
        ReKeyResponse {
            unique_identifier: new_id.clone(),
            template_attribute: None,
            unknown: Vec::new(),
        },
        Some(new_id),
    )
}
