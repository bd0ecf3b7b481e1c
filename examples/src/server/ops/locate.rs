//! Locate: the identifiers of the caller's objects that match (the owner filter is in the
//! store's query, so another client's objects are never even counted). Destroyed objects are
//! found only by a Locate that names their State.

use kmip_types::{
    AttributeValue, LocateRequest, LocateResponse, ResultReason, State, StorageStatusMask,
};

use super::{Batch, Done, OpResult, done, encode_value, fail};
use crate::store::{LocateFilter, Tx};

/// Locate: the caller's objects only.
///
/// # Errors
/// The request's failure.
pub fn locate(tx: &mut Tx<'_>, r: &LocateRequest, batch: &mut Batch) -> OpResult<Done> {
    batch
        .limits
        .check_request(r.attributes.len(), "attributes to match")?;
    let caller = &batch.caller;
    let mut filter = LocateFilter::default();
    if let Some(max) = r.maximum_items {
        filter.max_items = Some(u32::try_from(max).map_err(|_| {
            fail(
                ResultReason::INVALID_FIELD,
                format!("Maximum Items {max} is negative"),
            )
        })?);
    }
    if r.object_group_member.is_some() {
        return Err(fail(
            ResultReason::FEATURE_NOT_SUPPORTED,
            "Locate by Object Group Member is not supported",
        ));
    }
    if let Some(mask) = r.storage_status_mask
        && !mask.contains(StorageStatusMask::ON_LINE_STORAGE)
    {
        // Nothing is archived: only on-line objects exist.
        return done(LocateResponse::default(), None);
    }
    for a in &r.attributes {
        let value = a.value.as_ref().ok_or_else(|| {
            fail(
                ResultReason::MISSING_DATA,
                format!("attribute {} has no value", a.name),
            )
        })?;
        match value {
            AttributeValue::ObjectType(t) => filter.object_type = Some(*t),
            AttributeValue::CryptographicAlgorithm(v) => filter.algorithm = Some(*v),
            AttributeValue::CryptographicLength(v) => filter.length = Some(*v),
            AttributeValue::State(s) => filter.state = Some(*s),
            AttributeValue::UniqueIdentifier(id) => filter.unique_identifier = Some(id.clone()),
            AttributeValue::InitialDate(_)
            | AttributeValue::ActivationDate(_)
            | AttributeValue::DeactivationDate(_)
            | AttributeValue::DestroyDate(_)
            | AttributeValue::CompromiseDate(_)
            | AttributeValue::CompromiseOccurrenceDate(_)
            | AttributeValue::LastChangeDate(_) => {
                return Err(fail(
                    ResultReason::FEATURE_NOT_SUPPORTED,
                    format!("Locate by {} is not supported", a.name),
                ));
            }
            other => filter
                .attributes
                .push((a.name.to_string(), encode_value(other))),
        }
    }
    if filter.state.is_none() {
        // Destroyed objects keep their attributes, not their material: a Locate finds them
        // only when it asks for their State (as KMIP 2.0's Storage Status Mask makes
        // explicit, and the KMIP 1.1 profile test cases expect).
        filter.not_states = vec![State::DESTROYED, State::DESTROYED_COMPROMISED];
    }
    let ids = tx.locate(caller, &filter)?;
    if let Some(first) = ids.first() {
        batch.placeholder = Some(first.clone());
    }
    let object = (ids.len() == 1).then(|| ids.first().cloned()).flatten();
    done(
        LocateResponse {
            unique_identifiers: ids,
            unknown: Vec::new(),
        },
        object,
    )
}
