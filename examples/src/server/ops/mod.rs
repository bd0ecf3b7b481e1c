//! The KMIP operations, one module per family, over one store transaction.
//!
//! | Module | Operations |
//! |---|---|
//! | [`query`] | Discover Versions, Query |
//! | [`create`] | Create, Register |
//! | [`get`] | Get (raw, or wrapped under a Key Wrapping Specification's KEK) |
//! | [`attributes`] | Get Attributes, Get Attribute List, Add / Modify / Delete Attribute |
//! | [`locate`] | Locate |
//! | [`lifecycle`] | Activate, Revoke, Destroy, Re-key |
//! | [`template`] | which attributes a client may set, and when (shared by Create, Register, Re-key) |
//!
//! Every object an operation touches is looked up through the store with the batch's
//! [`Caller`]: the object itself, the KEK of a wrapped Get, the target of a Link a client
//! sets. The store answers "not found" for another client's object exactly as for an absent
//! one, so an operation cannot reach, or reveal, what the caller may not see.

pub mod attributes;
pub mod create;
pub mod get;
pub mod lifecycle;
pub mod locate;
pub mod query;
pub mod template;

use kmip_types::codec::{Context, Encoder};
use kmip_types::{
    Attribute, AttributeValue, DateTime, Failure, ProtocolVersion, RequestBatchItem,
    RequestPayload, ResponsePayload, ResultReason, tag,
};

use crate::store::{Caller, StoreError, Tx};

/// Why a batch item failed.
#[derive(Debug)]
pub enum OpError {
    /// A failure the client is told as it is.
    Client(Failure),
    /// The server failed (database, root key): the client is told only that, and the details
    /// go to the audit log.
    Internal(StoreError),
}

/// The Result Message of a failure whose details the client must not see.
pub const INTERNAL_ERROR_MESSAGE: &str = "internal server error; nothing was changed";

impl OpError {
    /// What the client is told.
    pub fn failure(&self) -> Failure {
        match self {
            OpError::Client(f) => f.clone(),
            OpError::Internal(_) => {
                Failure::new(ResultReason::GENERAL_FAILURE, INTERNAL_ERROR_MESSAGE)
            }
        }
    }

    /// What only the audit log is told.
    pub fn detail(&self) -> Option<String> {
        match self {
            OpError::Client(_) => None,
            OpError::Internal(e) => Some(e.to_string()),
        }
    }
}

impl From<Failure> for OpError {
    fn from(f: Failure) -> Self {
        OpError::Client(f)
    }
}

impl From<StoreError> for OpError {
    /// Not found (absent, or another client's: the same words for both) and destroyed are
    /// the client's business; anything else is internal.
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(id) => OpError::Client(not_found(&id)),
            StoreError::NoMaterial(id) => OpError::Client(Failure::new(
                ResultReason::ITEM_NOT_FOUND,
                format!("object {id} is destroyed: its key material no longer exists"),
            )),
            other => OpError::Internal(other),
        }
    }
}

/// The failure for an identifier the caller cannot see, whether it exists or not.
pub fn not_found(id: &str) -> Failure {
    Failure::new(
        ResultReason::ITEM_NOT_FOUND,
        format!("no object with identifier {id}"),
    )
}

/// What an operation returns.
pub type OpResult<T> = Result<T, OpError>;

fn fail(reason: ResultReason, message: impl Into<String>) -> OpError {
    OpError::Client(Failure::new(reason, message))
}

/// Bounds on attributes, checked before anything is stored or looked up.
///
/// - `max_per_object`: the attribute instances an object may hold in the store (every
///   attribute but the six kept in columns: Unique Identifier, Object Type, Cryptographic
///   Algorithm and Length, State, Initial Date). A client operation that would leave more
///   (Add Attribute; Create, Register and Re-key with their templates, the attributes Re-key
///   copies, and the Link it adds to the replaced key) is refused with Index Out of Bounds,
///   KMIP's reason for more instances than the server supports, and nothing is stored.
///   The single-instance attributes the server maintains (Last Change Date; Activation,
///   Deactivation, Compromise and Destroy Date; Revocation Reason; Compromise Occurrence
///   Date) replace themselves and are never refused, so that a full object can still be
///   revoked and destroyed: they add at most seven instances beyond the bound.
/// - `max_per_request`: the attributes and names one request may carry in one list: a
///   Template-Attribute (Names plus Attributes), the Attribute Names of Get Attributes, the
///   Attributes of Locate. More is refused with Invalid Field before the object is looked up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttributeLimits {
    /// Attribute instances one object may hold (see the type's docs).
    pub max_per_object: usize,
    /// Attributes or attribute names in one list of one request.
    pub max_per_request: usize,
}

impl Default for AttributeLimits {
    /// 256 instances per object, 1024 per list in a request.
    fn default() -> Self {
        AttributeLimits {
            max_per_object: 256,
            max_per_request: 1024,
        }
    }
}

impl AttributeLimits {
    /// Refuses a request list of `count` entries (`what`: "attribute names", ...) over
    /// `max_per_request`.
    ///
    /// # Errors
    /// Invalid Field.
    pub fn check_request(&self, count: usize, what: &str) -> OpResult<()> {
        if count > self.max_per_request {
            return Err(fail(
                ResultReason::INVALID_FIELD,
                format!(
                    "{count} {what} in one request; this server accepts at most {}",
                    self.max_per_request
                ),
            ));
        }
        Ok(())
    }

    /// Refuses to give object `id`, which holds `held` attribute instances, `adding` more if
    /// it would then hold over `max_per_object`.
    ///
    /// # Errors
    /// Index Out of Bounds.
    pub fn check_object(&self, id: &str, held: u64, adding: usize) -> OpResult<()> {
        let total = usize::try_from(held)
            .unwrap_or(usize::MAX)
            .saturating_add(adding);
        if total > self.max_per_object {
            return Err(fail(
                ResultReason::INDEX_OUT_OF_BOUNDS,
                format!(
                    "object {id} would hold {total} attribute instances; this server keeps at \
                     most {} per object",
                    self.max_per_object
                ),
            ));
        }
        Ok(())
    }
}

/// State carried from one batch item to the next.
#[derive(Debug)]
pub struct Batch {
    /// The ID Placeholder (§6.2 of the usage guide): the Unique Identifier of the last object
    /// an earlier batch item created, registered, located or named.
    pub placeholder: Option<String>,
    /// The time of the request, seconds since the epoch.
    pub now: i64,
    /// Who sent the request.
    pub caller: Caller,
    /// Bounds on attributes.
    pub limits: AttributeLimits,
}

/// What one executed batch item produced.
#[derive(Debug)]
pub struct Done {
    /// The response payload.
    pub payload: ResponsePayload,
    /// The object it concerned, for the audit log.
    pub object: Option<String>,
}

/// Whether every item of a request only reads the store (Discover Versions, Query, Get, Get
/// Attributes, Get Attribute List, Locate): such a request runs in
/// [`Store::read_transaction`](crate::store::Store::read_transaction).
pub fn reads_only(items: &[RequestBatchItem]) -> bool {
    items.iter().all(|i| {
        matches!(
            i.payload,
            RequestPayload::DiscoverVersions(_)
                | RequestPayload::Query(_)
                | RequestPayload::Get(_)
                | RequestPayload::GetAttributes(_)
                | RequestPayload::GetAttributeList(_)
                | RequestPayload::Locate(_)
        )
    })
}

/// Runs one batch item (the caller has opened a savepoint for it).
///
/// # Errors
/// The item's failure.
pub fn execute(tx: &mut Tx<'_>, item: &RequestBatchItem, batch: &mut Batch) -> OpResult<Done> {
    if let Some(ext) = &item.message_extension
        && ext.criticality_indicator
    {
        return Err(fail(
            ResultReason::FEATURE_NOT_SUPPORTED,
            format!(
                "critical message extension of vendor {:?} is not supported",
                ext.vendor_identification
            ),
        ));
    }
    match &item.payload {
        RequestPayload::DiscoverVersions(r) => Ok(query::discover_versions(r)),
        RequestPayload::Query(r) => Ok(query::query(r)),
        RequestPayload::Create(r) => create::create(tx, r, batch),
        RequestPayload::Register(r) => create::register(tx, r, batch),
        RequestPayload::Get(r) => get::get(tx, r, batch),
        RequestPayload::GetAttributes(r) => attributes::get_attributes(tx, r, batch),
        RequestPayload::GetAttributeList(r) => {
            let id = target(r.unique_identifier.as_ref(), batch)?;
            attributes::get_attribute_list(tx, &batch.caller, &id)
        }
        RequestPayload::AddAttribute(r) => attributes::add_attribute(tx, r, batch),
        RequestPayload::ModifyAttribute(r) => attributes::modify_attribute(tx, r, batch),
        RequestPayload::DeleteAttribute(r) => attributes::delete_attribute(tx, r, batch),
        RequestPayload::Locate(r) => locate::locate(tx, r, batch),
        RequestPayload::Activate(r) => {
            let id = target(r.unique_identifier.as_ref(), batch)?;
            lifecycle::activate(tx, &id, batch)
        }
        RequestPayload::Revoke(r) => lifecycle::revoke(tx, r, batch),
        RequestPayload::Destroy(r) => {
            let id = target(r.unique_identifier.as_ref(), batch)?;
            lifecycle::destroy(tx, &id, batch)
        }
        RequestPayload::ReKey(r) => lifecycle::rekey(tx, r, batch),
        _ => Err(fail(
            ResultReason::OPERATION_NOT_SUPPORTED,
            format!(
                "operation {} is not supported by this server",
                item.operation
            ),
        )),
    }
}

/// The Unique Identifier a request names, if any (for the audit log of failures).
pub fn item_object(item: &RequestBatchItem) -> Option<String> {
    match &item.payload {
        RequestPayload::Get(r) => r.unique_identifier.clone(),
        RequestPayload::GetAttributes(r) => r.unique_identifier.clone(),
        RequestPayload::GetAttributeList(r) => r.unique_identifier.clone(),
        RequestPayload::AddAttribute(r) => r.unique_identifier.clone(),
        RequestPayload::ModifyAttribute(r) => r.unique_identifier.clone(),
        RequestPayload::DeleteAttribute(r) => r.unique_identifier.clone(),
        RequestPayload::Activate(r) => r.unique_identifier.clone(),
        RequestPayload::Revoke(r) => r.unique_identifier.clone(),
        RequestPayload::Destroy(r) => r.unique_identifier.clone(),
        RequestPayload::ReKey(r) => r.unique_identifier.clone(),
        _ => None,
    }
}

/// The identifier an item names, or else the ID Placeholder.
fn target(id: Option<&String>, batch: &Batch) -> OpResult<String> {
    id.cloned()
        .or_else(|| batch.placeholder.clone())
        .ok_or_else(|| {
            fail(
                ResultReason::MISSING_DATA,
                "no Unique Identifier, and no earlier batch item set the ID Placeholder",
            )
        })
}

fn done(payload: impl Into<ResponsePayload>, object: Option<String>) -> OpResult<Done> {
    Ok(Done {
        payload: payload.into(),
        object,
    })
}

/// Sets the Last Change Date.
fn touch(tx: &mut Tx<'_>, caller: &Caller, id: &str, now: i64) -> OpResult<()> {
    tx.set_attribute(
        caller,
        id,
        "Last Change Date",
        &encode_value(&AttributeValue::LastChangeDate(DateTime(now))),
    )?;
    Ok(())
}

/// Encodes an Attribute Value as stored: the TTLV item with tag Attribute Value.
fn encode_value(value: &AttributeValue) -> Vec<u8> {
    let mut buf = Vec::new();
    let mut e = Encoder::new(&mut buf, ProtocolVersion::V1_4);
    e.field(tag::ATTRIBUTE_VALUE, value);
    buf
}

/// Decodes a stored Attribute Value; a value the typed model no longer accepts comes back
/// verbatim as a custom value rather than failing the whole request.
fn decode_value(name: &str, bytes: &[u8]) -> Option<AttributeValue> {
    let item = kmip_ttlv::decode(bytes).ok()?;
    AttributeValue::decode(name, &item, &Context::new(ProtocolVersion::V1_1))
        .ok()
        .or_else(|| {
            Some(AttributeValue::Custom(kmip_types::RawItem::from_item(
                &item,
            )))
        })
}

fn attribute(name: &str, index: i32, value: AttributeValue) -> Attribute {
    Attribute {
        name: name.to_owned().into(),
        index: (index > 0).then_some(index),
        value: Some(value),
        unknown: Vec::new(),
    }
}
