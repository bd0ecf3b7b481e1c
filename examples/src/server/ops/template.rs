//! Template-Attributes: which attributes a client may set, and when.

use std::collections::HashSet;

use kmip_types::{AttributeValue, CryptographicAlgorithm, ResultReason, TemplateAttribute};

use super::{AttributeLimits, OpError, OpResult, encode_value, fail};
use crate::store::{Caller, Tx};

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
    /// Every attribute to store (name, encoded value), Names first.
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

/// Checks a Template-Attribute (at most `limits.max_per_request` names and attributes,
/// attributes a client may set at creation, each single-instance one at most once, Links
/// only to objects `caller` may see).
///
/// # Errors
/// Too many attributes, or the first attribute that breaks a rule.
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
    let mut out = Template::default();
    let mut seen_single: HashSet<&str> = HashSet::new();
    for name in &t.names {
        out.stored.push((
            "Name".into(),
            encode_value(&AttributeValue::Name(name.clone())),
        ));
    }
    for a in &t.attributes {
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
