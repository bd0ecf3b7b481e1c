//! Get Attributes, Get Attribute List, Add / Modify / Delete Attribute.

use std::collections::{HashMap, HashSet};

use kmip_types::{
    AddAttributeRequest, AddAttributeResponse, Attribute, AttributeValue, DateTime,
    DeleteAttributeRequest, DeleteAttributeResponse, GetAttributeListResponse,
    GetAttributesRequest, GetAttributesResponse, ModifyAttributeRequest, ModifyAttributeResponse,
    ResultReason,
};

use super::template::{Policy, check_links, policy};
use super::{
    Batch, Done, OpError, OpResult, attribute, decode_value, done, encode_value, fail, target,
    touch,
};
use crate::store::{Caller, ObjectRecord, Tx};

/// Attributes kept in columns rather than in the attribute table.
const DERIVED: [&str; 6] = [
    "Unique Identifier",
    "Object Type",
    "Cryptographic Algorithm",
    "Cryptographic Length",
    "State",
    "Initial Date",
];

fn derived_attributes(rec: &ObjectRecord) -> Vec<Attribute> {
    let mut out = vec![
        Attribute::unique_identifier(rec.id.clone()),
        Attribute::object_type(rec.object_type),
    ];
    if let Some(a) = rec.algorithm {
        out.push(Attribute::cryptographic_algorithm(a));
    }
    if let Some(l) = rec.length {
        out.push(Attribute::cryptographic_length(l));
    }
    out.push(Attribute::state(rec.state.into()));
    out.push(Attribute::new(AttributeValue::InitialDate(DateTime(
        rec.created,
    ))));
    out
}

/// Every attribute of an object the caller has found: the columns, then the stored ones.
///
/// # Errors
/// The store failed.
pub fn all_attributes(
    tx: &Tx<'_>,
    caller: &Caller,
    rec: &ObjectRecord,
) -> Result<Vec<Attribute>, OpError> {
    let mut out = derived_attributes(rec);
    for a in tx.attributes(caller, &rec.id)? {
        if let Some(v) = decode_value(&a.name, &a.value) {
            out.push(attribute(&a.name, a.index, v));
        }
    }
    Ok(out)
}

/// The attributes of `all` named in `names`, by name in the order of `names` (names `all`
/// lacks are left out; a repeated name adds nothing), instances in their stored order. One
/// pass over each list: a name is looked up by hash, not by scanning.
pub fn select<'a>(all: &'a [Attribute], names: &[String]) -> Vec<&'a Attribute> {
    let mut by_name: HashMap<&str, Vec<&Attribute>> = HashMap::new();
    for a in all {
        by_name.entry(&a.name).or_default().push(a);
    }
    let mut out = Vec::new();
    for name in names {
        // Removed once taken: a repeated name adds nothing.
        if let Some(found) = by_name.remove(name.as_str()) {
            out.extend(found);
        }
    }
    out
}

/// Get Attributes.
///
/// # Errors
/// The request's failure.
pub fn get_attributes(
    tx: &mut Tx<'_>,
    r: &GetAttributesRequest,
    batch: &mut Batch,
) -> OpResult<Done> {
    batch
        .limits
        .check_request(r.attribute_names.len(), "attribute names")?;
    // KMIP 1.1 (the OASIS case TC-17.1): an Attribute Name may appear only once.
    let mut seen: HashSet<&str> = HashSet::with_capacity(r.attribute_names.len());
    if let Some(twice) = r.attribute_names.iter().find(|n| !seen.insert(n.as_str())) {
        return Err(fail(
            ResultReason::INVALID_MESSAGE,
            format!("attribute name {twice:?} is asked for more than once"),
        ));
    }
    let caller = &batch.caller;
    let id = target(r.unique_identifier.as_ref(), batch)?;
    let rec = tx.object(caller, &id)?;
    let all = all_attributes(tx, caller, &rec)?;
    let attributes = if r.attribute_names.is_empty() {
        all
    } else {
        select(&all, &r.attribute_names)
            .into_iter()
            .cloned()
            .collect()
    };
    done(
        GetAttributesResponse {
            unique_identifier: id.clone(),
            attributes,
            unknown: Vec::new(),
        },
        Some(id),
    )
}

/// Get Attribute List.
///
/// # Errors
/// The request's failure.
pub fn get_attribute_list(tx: &mut Tx<'_>, caller: &Caller, id: &str) -> OpResult<Done> {
    let rec = tx.object(caller, id)?;
    let mut names: Vec<String> = DERIVED
        .iter()
        .filter(|n| match **n {
            "Cryptographic Algorithm" => rec.algorithm.is_some(),
            "Cryptographic Length" => rec.length.is_some(),
            _ => true,
        })
        .map(|n| (*n).to_owned())
        .collect();
    let mut seen: HashSet<String> = names.iter().cloned().collect();
    for a in tx.attributes(caller, id)? {
        if !seen.contains(&a.name) {
            seen.insert(a.name.clone());
            names.push(a.name);
        }
    }
    done(
        GetAttributeListResponse {
            unique_identifier: id.to_owned(),
            attribute_names: names,
            unknown: Vec::new(),
        },
        Some(id.to_owned()),
    )
}

fn client_changeable(name: &str, verb: &str) -> Result<Policy, OpError> {
    match policy(name) {
        Some(p @ (Policy::Multi | Policy::Single)) => Ok(p),
        Some(Policy::Server) => Err(fail(
            ResultReason::PERMISSION_DENIED,
            format!("attribute {name} is maintained by the server; a client cannot {verb} it"),
        )),
        Some(Policy::AtCreation) => Err(fail(
            ResultReason::PERMISSION_DENIED,
            format!(
                "attribute {name} is set when the object is created; it cannot be {verb}ed later"
            ),
        )),
        None => Err(fail(
            ResultReason::INVALID_FIELD,
            format!("unknown attribute {name:?} (custom attributes start with x-)"),
        )),
    }
}

/// What Add and Modify Attribute both check first: the target object (the caller's), an
/// attribute with a value that a client may `verb`, and any Link in it to an object the
/// caller may see. Returns the identifier and the attribute's policy.
fn client_change<'r>(
    tx: &Tx<'_>,
    unique_identifier: Option<&String>,
    a: &'r Attribute,
    verb: &str,
    batch: &Batch,
) -> OpResult<(String, &'r AttributeValue, Policy)> {
    let caller = &batch.caller;
    let id = target(unique_identifier, batch)?;
    tx.object(caller, &id)?;
    let value = a.value.as_ref().ok_or_else(|| {
        fail(
            ResultReason::MISSING_DATA,
            format!("attribute {} has no value", a.name),
        )
    })?;
    let policy = client_changeable(&a.name, verb)?;
    check_links(tx, caller, value)?;
    Ok((id, value, policy))
}

/// Add Attribute.
///
/// # Errors
/// The request's failure.
pub fn add_attribute(
    tx: &mut Tx<'_>,
    r: &AddAttributeRequest,
    batch: &mut Batch,
) -> OpResult<Done> {
    let a = &r.attribute;
    let (id, value, policy) = client_change(tx, r.unique_identifier.as_ref(), a, "add", batch)?;
    let caller = &batch.caller;
    if policy == Policy::Single && !tx.attribute(caller, &id, &a.name)?.is_empty() {
        return Err(fail(
            ResultReason::INVALID_FIELD,
            format!("object {id} already has a {}; use Modify Attribute", a.name),
        ));
    }
    batch
        .limits
        .check_object(&id, tx.attribute_count(caller, &id)?, 1)?;
    let index = tx.add_attribute(caller, &id, &a.name, &encode_value(value))?;
    touch(tx, caller, &id, batch.now)?;
    done(
        AddAttributeResponse {
            unique_identifier: id.clone(),
            attribute: attribute(&a.name, index, value.clone()),
            unknown: Vec::new(),
        },
        Some(id),
    )
}

/// Modify Attribute.
///
/// # Errors
/// The request's failure.
pub fn modify_attribute(
    tx: &mut Tx<'_>,
    r: &ModifyAttributeRequest,
    batch: &mut Batch,
) -> OpResult<Done> {
    let a = &r.attribute;
    let (id, value, _) = client_change(tx, r.unique_identifier.as_ref(), a, "modify", batch)?;
    let caller = &batch.caller;
    let index = a.index.unwrap_or(0);
    if !tx.modify_attribute(caller, &id, &a.name, index, &encode_value(value))? {
        return Err(fail(
            ResultReason::ITEM_NOT_FOUND,
            format!("object {id} has no attribute {} with index {index}", a.name),
        ));
    }
    touch(tx, caller, &id, batch.now)?;
    done(
        ModifyAttributeResponse {
            unique_identifier: id.clone(),
            attribute: attribute(&a.name, index, value.clone()),
            unknown: Vec::new(),
        },
        Some(id),
    )
}

/// Delete Attribute.
///
/// # Errors
/// The request's failure.
pub fn delete_attribute(
    tx: &mut Tx<'_>,
    r: &DeleteAttributeRequest,
    batch: &mut Batch,
) -> OpResult<Done> {
    let caller = &batch.caller;
    let id = target(r.unique_identifier.as_ref(), batch)?;
    tx.object(caller, &id)?;
    client_changeable(&r.attribute_name, "delete")?;
    let index = r.attribute_index.unwrap_or(0);
    let old = tx
        .delete_attribute(caller, &id, &r.attribute_name, index)?
        .ok_or_else(|| {
            fail(
                ResultReason::ITEM_NOT_FOUND,
                format!(
                    "object {id} has no attribute {} with index {index}",
                    r.attribute_name
                ),
            )
        })?;
    touch(tx, caller, &id, batch.now)?;
    let value = decode_value(&r.attribute_name, &old).ok_or_else(|| {
        fail(
            ResultReason::GENERAL_FAILURE,
            "stored attribute is unreadable",
        )
    })?;
    done(
        DeleteAttributeResponse {
            unique_identifier: id.clone(),
            attribute: attribute(&r.attribute_name, index, value),
            unknown: Vec::new(),
        },
        Some(id),
    )
}
