//! Template-Attributes: which attributes a client may set, and when; the Templates a
//! Template-Attribute names (Template objects, registered by the client).

use std::collections::HashSet;

use kmip_types::{
    Attribute, AttributeValue, CryptographicAlgorithm, Name, ObjectType, ResultReason, State,
    Template as TemplateObject, TemplateAttribute,
};

use super::{AttributeLimits, OpError, OpResult, encode_value, fail};
use crate::store::{Caller, LocateFilter, StoreError, Tx};

/// Who may set an attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// Set by the server only (Unique Identifier, State, dates, Digest, `y-` names, ...).
    Server,
    /// Settable in a template at creation, not changeable afterwards.
    AtCreation,
    /// Client-managed, one instance.
    Single,
    /// Client-managed, any number of instances (custom `x-` attributes too).
    Multi,
}

/// Who may set the attribute `name`; `None` for a name this server does not know.
pub fn policy(name: &str) -> Option<Policy> {
    Some(match name {
        n if n.starts_with("x-") => Policy::Multi,
        n if n.starts_with("y-") => Policy::Server,
        "Name"
        | "Object Group"
        | "Application Specific Information"
        | "Link"
        | "Cryptographic Parameters" => Policy::Multi,
        "Contact Information" | "Operation Policy Name" => Policy::Single,
        "Cryptographic Algorithm"
        | "Cryptographic Length"
        | "Cryptographic Usage Mask"
        | "Activation Date"
        | "Deactivation Date"
        | "Process Start Date"
        | "Protect Stop Date"
        | "Usage Limits"
        | "Cryptographic Domain Parameters" => Policy::AtCreation,
        "Unique Identifier"
        | "Object Type"
        | "State"
        | "Initial Date"
        | "Destroy Date"
        | "Compromise Occurrence Date"
        | "Compromise Date"
        | "Revocation Reason"
        | "Archive Date"
        | "Last Change Date"
        | "Digest"
        | "Lease Time"
        | "Fresh"
        | "Certificate Type"
        | "Certificate Length"
        | "X.509 Certificate Identifier"
        | "X.509 Certificate Subject"
        | "X.509 Certificate Issuer"
        | "Certificate Identifier"
        | "Certificate Subject"
        | "Certificate Issuer"
        | "Digital Signature Algorithm" => Policy::Server,
        _ => return None,
    })
}

/// Attributes a template sets, checked, with what the object's columns need.
#[derive(Debug, Default)]
pub struct Template {
    /// Cryptographic Algorithm.
    pub algorithm: Option<CryptographicAlgorithm>,
    /// Cryptographic Length.
    pub length: Option<i32>,
    /// Activation Date.
    pub activation_date: Option<i64>,
    /// Deactivation Date.
    pub deactivation_date: Option<i64>,
    /// Every attribute to store (name, encoded value).
    pub stored: Vec<(String, Vec<u8>)>,
}

/// A Link may name only an object the caller may see: one it may not is "not found", in the
/// same words as an absent one.
///
/// # Errors
/// The linked object is not found.
pub fn check_links(tx: &Tx<'_>, caller: &Caller, value: &AttributeValue) -> OpResult<()> {
    if let AttributeValue::Link(link) = value {
        tx.object(caller, &link.linked_object_identifier)?;
    }
    Ok(())
}

/// Checks a Template-Attribute (at most `limits.max_per_request` names and attributes):
/// the attributes of the Templates it names (KMIP 1.1 §2.1.8: the caller's Template objects
/// with that Name, applied in order), then its own attributes, each replacing those of the
/// same name before it; then [`check_attributes`] on the result.
///
/// # Errors
/// Too many attributes, a Template not found, or the first attribute that breaks a rule.
pub fn read_template(
    tx: &Tx<'_>,
    caller: &Caller,
    limits: &AttributeLimits,
    t: &TemplateAttribute,
) -> Result<Template, OpError> {
    limits.check_request(
        t.names.len().saturating_add(t.attributes.len()),
        "template attributes and names",
    )?;
    if t.names.is_empty() {
        return check_attributes(tx, caller, &t.attributes);
    }
    let mut merged: Vec<Attribute> = Vec::new();
    for name in &t.names {
        apply(&mut merged, named_template(tx, caller, name)?);
    }
    apply(&mut merged, t.attributes.clone());
    limits.check_request(merged.len(), "attributes from templates")?;
    check_attributes(tx, caller, &merged)
}

/// Adds `source` to `merged`, replacing the attributes of the names it has.
fn apply(merged: &mut Vec<Attribute>, source: Vec<Attribute>) {
    let names: HashSet<&str> = source.iter().map(|a| &*a.name).collect();
    merged.retain(|a| !names.contains(&*a.name));
    merged.extend(source);
}

/// The attributes held by the caller's one (not destroyed) Template object named `name`.
fn named_template(tx: &Tx<'_>, caller: &Caller, name: &Name) -> Result<Vec<Attribute>, OpError> {
    let filter = LocateFilter {
        object_type: Some(ObjectType::TEMPLATE),
        not_states: vec![State::DESTROYED, State::DESTROYED_COMPROMISED],
        attributes: vec![(
            "Name".into(),
            encode_value(&AttributeValue::Name(name.clone())),
        )],
        max_items: Some(2),
        ..LocateFilter::default()
    };
    let ids = tx.locate(caller, &filter)?;
    let id = match ids.as_slice() {
        [id] => id,
        [] => {
            return Err(fail(
                ResultReason::ITEM_NOT_FOUND,
                format!("no Template named {:?}", name.name_value),
            ));
        }
        _ => {
            return Err(fail(
                ResultReason::INVALID_FIELD,
                format!("more than one Template is named {:?}", name.name_value),
            ));
        }
    };
    let bytes = tx.material(caller, id)?;
    let template: TemplateObject = kmip_types::from_bytes(&bytes)
        .map_err(|e| StoreError::Corrupt(format!("template {id}: {e}")))?;
    Ok(template.attributes)
}

/// Checks attributes a client sets at creation (attributes a client may set then, each
/// single-instance one at most once, Links only to objects `caller` may see) and sorts out
/// what the object's columns need.
///
/// # Errors
/// The first attribute that breaks a rule.
pub fn check_attributes(
    tx: &Tx<'_>,
    caller: &Caller,
    attributes: &[Attribute],
) -> Result<Template, OpError> {
    let mut out = Template::default();
    let mut seen_single: HashSet<&str> = HashSet::new();
    for a in attributes {
        let value = a.value.as_ref().ok_or_else(|| {
            fail(
                ResultReason::MISSING_DATA,
                format!("attribute {} has no value", a.name),
            )
        })?;
        match policy(&a.name) {
            None => {
                return Err(fail(
                    ResultReason::INVALID_FIELD,
                    format!(
                        "unknown attribute {:?} (custom attributes start with x-)",
                        a.name
                    ),
                ));
            }
            Some(Policy::Server) => {
                return Err(fail(
                    ResultReason::INVALID_FIELD,
                    format!("attribute {} is set by the server, not by a client", a.name),
                ));
            }
            Some(Policy::Single | Policy::AtCreation) => {
                if !seen_single.insert(&a.name) {
                    return Err(fail(
                        ResultReason::INVALID_FIELD,
                        format!("attribute {} may appear only once", a.name),
                    ));
                }
            }
            Some(Policy::Multi) => {}
        }
        check_links(tx, caller, value)?;
        match value {
            AttributeValue::CryptographicAlgorithm(v) => out.algorithm = Some(*v),
            AttributeValue::CryptographicLength(v) => out.length = Some(*v),
            AttributeValue::ActivationDate(d) => {
                out.activation_date = Some(d.0);
                out.stored.push((a.name.to_string(), encode_value(value)));
            }
            AttributeValue::DeactivationDate(d) => {
                out.deactivation_date = Some(d.0);
                out.stored.push((a.name.to_string(), encode_value(value)));
            }
            _ => out.stored.push((a.name.to_string(), encode_value(value))),
        }
    }
    Ok(out)
}
