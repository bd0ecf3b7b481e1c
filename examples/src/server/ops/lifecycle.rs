//! Activate, Revoke, Destroy and Re-key: the KMIP 1.1 state machine.

use kmip_types::{
    ActivateResponse, AttributeValue, DateTime, DestroyResponse, KeyFormatType, Link, LinkType,
    ObjectType, ReKeyRequest, ReKeyResponse, ResultReason, RevocationReasonCode, RevokeRequest,
    RevokeResponse, State,
};
use zeroize::Zeroizing;

use super::create::{initial_state, insert};
use super::template::{Template, read_template};
use super::{Batch, Done, OpResult, done, encode_value, fail, target, touch};
use crate::store::{NewObject, Tx};
use crate::util::{random_bytes, uuid_v4};

/// Activate.
///
/// # Errors
/// The request's failure.
pub fn activate(tx: &mut Tx<'_>, id: &str, batch: &mut Batch) -> OpResult<Done> {
    let caller = &batch.caller;
    let rec = tx.object(caller, id)?;
    if rec.state != State::PRE_ACTIVE {
        return Err(fail(
            ResultReason::PERMISSION_DENIED,
            format!(
                "object {id} is {}; only a Pre-Active object can be activated",
                rec.state
            ),
        ));
    }
    tx.set_state(caller, id, State::ACTIVE)?;
    tx.set_attribute(
        caller,
        id,
        "Activation Date",
        &encode_value(&AttributeValue::ActivationDate(DateTime(batch.now))),
    )?;
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
    let compromise = matches!(
        code,
        RevocationReasonCode::KEY_COMPROMISE | RevocationReasonCode::CA_COMPROMISE
    );
    let state = rec.state;
    let new_state = if compromise {
        match state {
            State::DESTROYED => State::DESTROYED_COMPROMISED,
            State::DESTROYED_COMPROMISED | State::COMPROMISED => state,
            _ => State::COMPROMISED,
        }
    } else if state == State::ACTIVE {
        State::DEACTIVATED
    } else {
        return Err(fail(
            ResultReason::PERMISSION_DENIED,
            format!("object {id} is {state}; only an Active object can be revoked for {code}"),
        ));
    };
    tx.set_state(caller, &id, new_state)?;
    tx.set_attribute(
        caller,
        &id,
        "Revocation Reason",
        &encode_value(&AttributeValue::RevocationReason(
            r.revocation_reason.clone(),
        )),
    )?;
    if compromise {
        let occurred = r.compromise_occurrence_date.unwrap_or(DateTime(batch.now));
        tx.set_attribute(
            caller,
            &id,
            "Compromise Occurrence Date",
            &encode_value(&AttributeValue::CompromiseOccurrenceDate(occurred)),
        )?;
        tx.set_attribute(
            caller,
            &id,
            "Compromise Date",
            &encode_value(&AttributeValue::CompromiseDate(DateTime(batch.now))),
        )?;
    } else {
        tx.set_attribute(
            caller,
            &id,
            "Deactivation Date",
            &encode_value(&AttributeValue::DeactivationDate(DateTime(batch.now))),
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

/// Destroy: the key material is erased, the object remains.
///
/// # Errors
/// The request's failure.
pub fn destroy(tx: &mut Tx<'_>, id: &str, batch: &mut Batch) -> OpResult<Done> {
    let caller = &batch.caller;
    let rec = tx.object(caller, id)?;
    let state = rec.state;
    let new_state = match state {
        State::ACTIVE => {
            return Err(fail(
                ResultReason::PERMISSION_DENIED,
                format!("object {id} is Active; revoke it before destroying it"),
            ));
        }
        State::DESTROYED | State::DESTROYED_COMPROMISED => {
            return Err(fail(
                ResultReason::PERMISSION_DENIED,
                format!("object {id} is already destroyed"),
            ));
        }
        State::COMPROMISED => State::DESTROYED_COMPROMISED,
        _ => State::DESTROYED,
    };
    tx.erase_material(caller, id)?;
    tx.set_state(caller, id, new_state)?;
    tx.set_attribute(
        caller,
        id,
        "Destroy Date",
        &encode_value(&AttributeValue::DestroyDate(DateTime(batch.now))),
    )?;
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
    if matches!(old.state, State::DESTROYED | State::DESTROYED_COMPROMISED) {
        return Err(fail(
            ResultReason::PERMISSION_DENIED,
            format!("object {old_id} is destroyed"),
        ));
    }
    let bits = old.length.unwrap_or(0);
    if bits <= 0 || bits % 8 != 0 {
        return Err(fail(
            ResultReason::INVALID_FIELD,
            "the key has no usable length",
        ));
    }
    let template = match &r.template_attribute {
        Some(t) => read_template(tx, caller, t)?,
        None => Template::default(),
    };
    if template
        .algorithm
        .is_some_and(|a| Some(a.0) != old.algorithm)
        || template.length.is_some_and(|l| Some(l) != old.length)
    {
        return Err(fail(
            ResultReason::INVALID_FIELD,
            "Re-key keeps the algorithm and length of the key it replaces",
        ));
    }
    let activation = match r.offset {
        Some(offset) => Some(batch.now.saturating_add(i64::from(offset))),
        None if old.state == State::ACTIVE => Some(batch.now),
        None => template.activation_date,
    };
    let state = initial_state(activation, batch.now);
    let mut material = Zeroizing::new(vec![0u8; (bits / 8) as usize]);
    random_bytes(&mut material).map_err(|e| {
        fail(
            ResultReason::GENERAL_FAILURE,
            format!("random generator failed: {e}"),
        )
    })?;
    let new_id = uuid_v4();
    let mut stored: Vec<(String, Vec<u8>)> = Vec::new();
    let old_attributes = tx.attributes(caller, &old_id)?;
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
        batch.now,
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
