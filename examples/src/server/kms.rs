//! The KMIP operations of the server, typed with kmip-types, over the [`Store`].
//!
//! One request message runs in one store transaction; each batch item in a savepoint, so a
//! failed item leaves nothing behind. The Batch Error Continuation Option is honoured
//! (Stop, the default: later items are not run and not answered; Continue; Undo: every item
//! is rolled back and the earlier successes are answered `Operation Undone`). The transaction
//! commits (durably: WAL, `synchronous=FULL`) before the response is written, so whatever a
//! client was told succeeded survives `kill -9`.
//!
//! | Operation | Notes |
//! |---|---|
//! | Discover Versions | KMIP 1.1 and 1.0, in the client's order of preference |
//! | Query | Operations, Objects, Server Information (Vendor Identification) |
//! | Create | Symmetric Key, AES 128/192/256, template attributes and names |
//! | Register | Symmetric Key (Raw, Transparent Symmetric Key), Secret Data, Opaque Object |
//! | Get | raw, or wrapped under a KEK named by a Key Wrapping Specification (NIST Key Wrap or AES Key Wrap with Padding; TTLV or No Encoding) |
//! | Get Attributes, Get Attribute List | names the object lacks are left out, not an error |
//! | Add / Modify / Delete Attribute | custom `x-` attributes of any type, verbatim; Name, Object Group, Contact Information, Application Specific Information, Link, Cryptographic Parameters, Operation Policy Name |
//! | Locate | Object Type, Cryptographic Algorithm/Length, State, and any stored attribute (Name, custom, ...) by exact value; Maximum Items; newest first |
//! | Activate, Revoke, Destroy | KMIP 1.1 state machine; Destroy of an Active object is refused |
//! | Re-key | new key of the same algorithm and length, Names moved, Links both ways |
//!
//! A request that cannot be decoded is answered with one failed batch item per batch item it
//! holds (Unique Batch Item IDs echoed) with the Result Reason kmip-types names (Invalid
//! Message, Missing Data, Invalid Field, ...); nothing of it is executed.
//!
//! Responses are in the request's protocol version. A request in a version other than 1.x
//! (2.0, or one before 1.0) is answered Operation Not Supported for each batch item, in its
//! version, or in KMIP 1.0 for a version before 1.0, in which nothing can be encoded.

use std::sync::Arc;

use key_hierarchy::wrap::{kw_wrap, kwp_wrap};
use kmip_ttlv::Limits;
use kmip_types::codec::{Context, Encoder};
use kmip_types::{
    ActivateResponse, AddAttributeRequest, AddAttributeResponse, Attribute, AttributeValue,
    BatchErrorContinuationOption, BlockCipherMode, ByteString, CreateRequest, CreateResponse,
    CryptographicAlgorithm, DateTime, DeleteAttributeRequest, DeleteAttributeResponse,
    DestroyResponse, Digest, DiscoverVersionsRequest, DiscoverVersionsResponse, EncodingOption,
    Failure, GetAttributeListResponse, GetAttributesRequest, GetAttributesResponse, GetRequest,
    GetResponse, HashingAlgorithm, KeyBlock, KeyFormatType, KeyMaterial, KeyValue,
    KeyValueStructure, KeyWrappingData, Link, LinkType, LocateRequest, LocateResponse,
    ManagedObject, ModifyAttributeRequest, ModifyAttributeResponse, ObjectType, OpaqueDataType,
    OpaqueObject, Operation, ProtocolVersion, QueryFunction, QueryRequest, QueryResponse,
    ReKeyRequest, ReKeyResponse, RegisterRequest, RegisterResponse, RequestBatchItem,
    RequestMessage, RequestPayload, ResponseBatchItem, ResponseMessage, ResponsePayload,
    ResultReason, ResultStatus, RevocationReasonCode, RevokeRequest, RevokeResponse, SecretBytes,
    SecretData, SecretDataType, State, StorageStatusMask, TemplateAttribute,
    TransparentSymmetricKey, WrappingMethod, tag,
};
use sha2::{Digest as _, Sha256};
use zeroize::Zeroizing;

use crate::server::audit::{AuditLog, AuditRecord};
use crate::server::transport::{FramingError, MessageHandler, Peer};
use crate::store::{LocateFilter, NewObject, ObjectRecord, Store, StoreError, Tx};
use crate::util::{now_secs, random_bytes, uuid_v4};

/// Vendor Identification returned by Query.
pub const VENDOR_IDENTIFICATION: &str =
    concat!("kmip-examples kms-server ", env!("CARGO_PKG_VERSION"));

/// Protocol versions this server implements, preferred first.
pub const SUPPORTED_VERSIONS: [ProtocolVersion; 2] = [ProtocolVersion::V1_1, ProtocolVersion::V1_0];

/// Operations this server implements (Query Operations answers with these).
pub const OPERATIONS: [Operation; 15] = [
    Operation::DISCOVER_VERSIONS,
    Operation::QUERY,
    Operation::CREATE,
    Operation::REGISTER,
    Operation::GET,
    Operation::GET_ATTRIBUTES,
    Operation::GET_ATTRIBUTE_LIST,
    Operation::ADD_ATTRIBUTE,
    Operation::MODIFY_ATTRIBUTE,
    Operation::DELETE_ATTRIBUTE,
    Operation::LOCATE,
    Operation::ACTIVATE,
    Operation::REVOKE,
    Operation::DESTROY,
    Operation::RE_KEY,
];

/// Object types this server stores.
pub const OBJECT_TYPES: [ObjectType; 3] = [
    ObjectType::SYMMETRIC_KEY,
    ObjectType::SECRET_DATA,
    ObjectType::OPAQUE_OBJECT,
];

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(id) => Failure::new(
                ResultReason::ITEM_NOT_FOUND,
                format!("no object with identifier {id}"),
            ),
            StoreError::NoMaterial(id) => Failure::new(
                ResultReason::ITEM_NOT_FOUND,
                format!("object {id} is destroyed: its key material no longer exists"),
            ),
            other => Failure::new(
                ResultReason::GENERAL_FAILURE,
                format!("server error: {other}"),
            ),
        }
    }
}

fn fail(reason: ResultReason, message: impl Into<String>) -> Failure {
    Failure::new(reason, message)
}

/// The KMIP layer of the server (a [`MessageHandler`] for the transport).
pub struct Kms {
    store: Arc<Store>,
    audit: AuditLog,
    limits: Limits,
}

impl std::fmt::Debug for Kms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kms")
            .field("store", &self.store)
            .finish_non_exhaustive()
    }
}

/// State carried from one batch item to the next.
struct Batch<'p> {
    /// The ID Placeholder (§6.2 of the usage guide): the Unique Identifier of the last object
    /// an earlier batch item created, registered, located or named.
    placeholder: Option<String>,
    now: i64,
    peer: &'p Peer,
}

/// What one executed batch item produced.
struct Done {
    payload: ResponsePayload,
    object: Option<String>,
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
        name: name.to_owned(),
        index: (index > 0).then_some(index),
        value: Some(value),
        unknown: Vec::new(),
    }
}

/// Who may set an attribute.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Policy {
    /// Set by the server only (Unique Identifier, State, dates, Digest, `y-` names, ...).
    Server,
    /// Settable in a template at creation, not changeable afterwards.
    AtCreation,
    /// Client-managed, one instance.
    Single,
    /// Client-managed, any number of instances (custom `x-` attributes too).
    Multi,
}

fn policy(name: &str) -> Option<Policy> {
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

/// Attributes kept in columns rather than in the attribute table.
const DERIVED: [&str; 6] = [
    "Unique Identifier",
    "Object Type",
    "Cryptographic Algorithm",
    "Cryptographic Length",
    "State",
    "Initial Date",
];

fn digest_attribute(material: &[u8], format: KeyFormatType) -> AttributeValue {
    AttributeValue::Digest(Digest {
        hashing_algorithm: HashingAlgorithm::SHA_256,
        digest_value: Some(ByteString(Sha256::digest(material).to_vec())),
        key_format_type: Some(format),
        unknown: Vec::new(),
    })
}

/// Attributes a template sets, checked, with what the object's columns need.
#[derive(Default)]
struct Template {
    algorithm: Option<CryptographicAlgorithm>,
    length: Option<i32>,
    activation_date: Option<i64>,
    stored: Vec<(String, Vec<u8>)>,
}

fn read_template(t: &TemplateAttribute) -> Result<Template, Failure> {
    let mut out = Template::default();
    let mut seen_single: Vec<&str> = Vec::new();
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
                if seen_single.contains(&a.name.as_str()) {
                    return Err(fail(
                        ResultReason::INVALID_FIELD,
                        format!("attribute {} may appear only once", a.name),
                    ));
                }
                seen_single.push(&a.name);
            }
            Some(Policy::Multi) => {}
        }
        match value {
            AttributeValue::CryptographicAlgorithm(v) => out.algorithm = Some(*v),
            AttributeValue::CryptographicLength(v) => out.length = Some(*v),
            AttributeValue::ActivationDate(d) => {
                out.activation_date = Some(d.0);
                out.stored.push((a.name.clone(), encode_value(value)));
            }
            _ => out.stored.push((a.name.clone(), encode_value(value))),
        }
    }
    Ok(out)
}

fn state_name(state: u32) -> String {
    State(state).to_string()
}

impl Kms {
    /// A KMIP layer over `store`, auditing to `audit`, decoding requests with `limits`.
    pub fn new(store: Arc<Store>, audit: AuditLog, limits: Limits) -> Self {
        kmip_types::install_names();
        Kms {
            store,
            audit,
            limits,
        }
    }

    /// Answers one request message (the bytes of one framed TTLV message).
    pub fn process(&self, bytes: &[u8], peer: &Peer) -> Vec<u8> {
        let request = match RequestMessage::decode_with(bytes, &self.limits) {
            Ok(r) => r,
            Err(e) => return self.undecodable(bytes, &e, peer),
        };
        let requested = request.header.protocol_version;
        let version = response_version(requested);
        let now = now_secs();
        if version.major != 1 || version != requested {
            let items = request
                .batch_items
                .iter()
                .map(|item| {
                    let mut r = ResponseBatchItem::failure(
                        Some(item.operation),
                        ResultReason::OPERATION_NOT_SUPPORTED,
                        Some(format!(
                            "KMIP {requested} is not supported; this server speaks KMIP 1.0 to 1.4"
                        )),
                    );
                    r.unique_batch_item_id = item.unique_batch_item_id.clone();
                    self.audit_item(peer, item.operation, None, &r);
                    r
                })
                .collect();
            return ResponseMessage::new(version, DateTime(now), items).encode();
        }
        let option = request
            .header
            .batch_error_continuation_option
            .unwrap_or(BatchErrorContinuationOption::STOP);
        let mut audit: Vec<(Operation, Option<String>, usize)> = Vec::new();
        let result = self
            .store
            .transaction(|tx| -> Result<Vec<ResponseBatchItem>, Failure> {
                tx.savepoint("batch")?;
                let mut batch = Batch {
                    placeholder: None,
                    now,
                    peer,
                };
                let mut items: Vec<ResponseBatchItem> = Vec::new();
                for item in &request.batch_items {
                    let outcome = tx.in_savepoint("item", |tx| self.execute(tx, item, &mut batch));
                    let mut response = match outcome {
                        Ok(done) => {
                            audit.push((item.operation, done.object, items.len()));
                            ResponseBatchItem::success(done.payload)
                        }
                        Err(f) => {
                            let object = item_object(item).or_else(|| batch.placeholder.clone());
                            audit.push((item.operation, object, items.len()));
                            ResponseBatchItem::failure(None, f.reason, f.message)
                        }
                    };
                    response.operation = Some(item.operation);
                    response.unique_batch_item_id = item.unique_batch_item_id.clone();
                    let failed = !response.is_success();
                    items.push(response);
                    if failed {
                        if option == BatchErrorContinuationOption::CONTINUE {
                            continue;
                        }
                        if option == BatchErrorContinuationOption::UNDO {
                            tx.rollback_to("batch")?;
                            for earlier in items.iter_mut().filter(|i| i.is_success()) {
                                earlier.result_status = ResultStatus::OPERATION_UNDONE;
                                earlier.payload = None;
                            }
                        }
                        break;
                    }
                }
                tx.release("batch")?;
                Ok(items)
            });
        let items = match result {
            Ok(items) => items,
            Err(f) => {
                // The commit itself failed: nothing is durable, so nothing succeeded.
                audit.clear();
                request
                    .batch_items
                    .iter()
                    .map(|item| {
                        let mut r = ResponseBatchItem::failure(
                            Some(item.operation),
                            f.reason,
                            f.message.clone(),
                        );
                        r.unique_batch_item_id = item.unique_batch_item_id.clone();
                        self.audit_item(peer, item.operation, item_object(item), &r);
                        r
                    })
                    .collect()
            }
        };
        for (op, object, at) in audit {
            if let Some(r) = items.get(at) {
                self.audit_item(peer, op, object, r);
            }
        }
        let response = ResponseMessage::new(version, DateTime(now), items);
        let encoded = response.encode();
        match request.header.maximum_response_size {
            Some(max) if usize::try_from(max).is_ok_and(|m| encoded.len() > m) => {
                let items = request
                    .batch_items
                    .iter()
                    .map(|item| {
                        let mut r = ResponseBatchItem::failure(
                            Some(item.operation),
                            ResultReason::RESPONSE_TOO_LARGE,
                            Some(format!(
                                "the response is {} bytes, over the Maximum Response Size {max}",
                                encoded.len()
                            )),
                        );
                        r.unique_batch_item_id = item.unique_batch_item_id.clone();
                        r
                    })
                    .collect();
                ResponseMessage::new(version, DateTime(now), items).encode()
            }
            _ => encoded,
        }
    }

    fn audit_item(
        &self,
        peer: &Peer,
        op: Operation,
        object: Option<String>,
        response: &ResponseBatchItem,
    ) {
        let op_name = op.to_string();
        let result = if response.result_status == ResultStatus::SUCCESS {
            "Success".to_owned()
        } else if response.result_status == ResultStatus::OPERATION_UNDONE {
            "Operation Undone".to_owned()
        } else {
            format!(
                "{}/{}",
                response.result_status,
                response
                    .result_reason
                    .map(|r| r.to_string())
                    .unwrap_or_default()
            )
        };
        self.audit.record(&AuditRecord {
            client: &peer.subject,
            operation: &op_name,
            object: object.as_deref(),
            result: &result,
        });
    }

    /// Answers a request that does not decode: one failure per batch item found in it.
    fn undecodable(&self, bytes: &[u8], error: &kmip_types::Error, peer: &Peer) -> Vec<u8> {
        let version = kmip_types::peek_protocol_version(bytes)
            .map_or(ProtocolVersion::V1_1, response_version);
        let reason = error.result_reason();
        let message = format!("cannot decode the request: {error}");
        let mut items = Vec::new();
        if let Ok(message_item) = kmip_ttlv::decode_with(bytes, &self.limits)
            && message_item.tag() == tag::REQUEST_MESSAGE
        {
            for b in message_item
                .children()
                .filter(|c| c.tag() == tag::BATCH_ITEM)
            {
                let op = b
                    .child(tag::OPERATION)
                    .and_then(|o| o.as_enumeration())
                    .map(Operation);
                let mut r = ResponseBatchItem::failure(op, reason, Some(message.clone()));
                r.unique_batch_item_id = b
                    .child(tag::UNIQUE_BATCH_ITEM_ID)
                    .and_then(|i| i.as_byte_string())
                    .map(|i| ByteString(i.to_vec()));
                items.push(r);
            }
        }
        if items.is_empty() {
            items.push(ResponseBatchItem::failure(None, reason, Some(message)));
        }
        for r in &items {
            let op = r
                .operation
                .map_or_else(|| "-".to_owned(), |o| o.to_string());
            self.audit.record(&AuditRecord {
                client: &peer.subject,
                operation: &op,
                object: None,
                result: &format!("Operation Failed/{reason}"),
            });
        }
        ResponseMessage::new(version, DateTime::now(), items).encode()
    }

    fn execute(
        &self,
        tx: &mut Tx<'_>,
        item: &RequestBatchItem,
        batch: &mut Batch<'_>,
    ) -> Result<Done, Failure> {
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
            RequestPayload::DiscoverVersions(r) => Ok(discover_versions(r)),
            RequestPayload::Query(r) => Ok(query(r)),
            RequestPayload::Create(r) => create(tx, r, batch),
            RequestPayload::Register(r) => register(tx, r, batch),
            RequestPayload::Get(r) => get(tx, r, batch),
            RequestPayload::GetAttributes(r) => get_attributes(tx, r, batch),
            RequestPayload::GetAttributeList(r) => {
                let id = target(r.unique_identifier.as_ref(), batch)?;
                get_attribute_list(tx, &id)
            }
            RequestPayload::AddAttribute(r) => add_attribute(tx, r, batch),
            RequestPayload::ModifyAttribute(r) => modify_attribute(tx, r, batch),
            RequestPayload::DeleteAttribute(r) => delete_attribute(tx, r, batch),
            RequestPayload::Locate(r) => locate(tx, r, batch),
            RequestPayload::Activate(r) => {
                let id = target(r.unique_identifier.as_ref(), batch)?;
                activate(tx, &id, batch)
            }
            RequestPayload::Revoke(r) => revoke(tx, r, batch),
            RequestPayload::Destroy(r) => {
                let id = target(r.unique_identifier.as_ref(), batch)?;
                destroy(tx, &id, batch)
            }
            RequestPayload::ReKey(r) => rekey(tx, r, batch),
            _ => Err(fail(
                ResultReason::OPERATION_NOT_SUPPORTED,
                format!(
                    "operation {} is not supported by this server",
                    item.operation
                ),
            )),
        }
    }
}

impl MessageHandler for Kms {
    fn handle(&self, request: &[u8], peer: &Peer) -> Vec<u8> {
        self.process(request, peer)
    }

    fn framing_error(&self, error: &FramingError<'_>, peer: &Peer) -> Vec<u8> {
        let FramingError::BadHeader(e) = error;
        self.audit.record(&AuditRecord {
            client: &peer.subject,
            operation: "-",
            object: None,
            result: "Operation Failed/Invalid Message",
        });
        ResponseMessage::new(
            ProtocolVersion::V1_1,
            DateTime::now(),
            vec![ResponseBatchItem::failure(
                None,
                ResultReason::INVALID_MESSAGE,
                Some(format!("not a KMIP message, closing the connection: {e}")),
            )],
        )
        .encode()
    }
}

/// The version a response is written in: the request's, or KMIP 1.0 for a version before
/// 1.0 (0.x, or a negative number), which defines no tag at all, so that nothing, not even
/// the Response Message, could be encoded in it.
fn response_version(requested: ProtocolVersion) -> ProtocolVersion {
    requested.max(ProtocolVersion::V1_0)
}

/// The Unique Identifier a request names, if any (for the audit log of failures).
fn item_object(item: &RequestBatchItem) -> Option<String> {
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

fn target(id: Option<&String>, batch: &Batch<'_>) -> Result<String, Failure> {
    id.cloned()
        .or_else(|| batch.placeholder.clone())
        .ok_or_else(|| {
            fail(
                ResultReason::MISSING_DATA,
                "no Unique Identifier, and no earlier batch item set the ID Placeholder",
            )
        })
}

fn done(payload: impl Into<ResponsePayload>, object: Option<String>) -> Result<Done, Failure> {
    Ok(Done {
        payload: payload.into(),
        object,
    })
}

fn touch(tx: &mut Tx<'_>, id: &str, now: i64) -> Result<(), Failure> {
    tx.set_attribute(
        id,
        "Last Change Date",
        &encode_value(&AttributeValue::LastChangeDate(DateTime(now))),
    )?;
    Ok(())
}

// --- Discover Versions, Query -----------------------------------------------------------------

fn discover_versions(r: &DiscoverVersionsRequest) -> Done {
    let protocol_versions = if r.protocol_versions.is_empty() {
        SUPPORTED_VERSIONS.to_vec()
    } else {
        r.protocol_versions
            .iter()
            .filter(|v| SUPPORTED_VERSIONS.contains(v))
            .copied()
            .collect()
    };
    Done {
        payload: DiscoverVersionsResponse {
            protocol_versions,
            unknown: Vec::new(),
        }
        .into(),
        object: None,
    }
}

fn query(r: &QueryRequest) -> Done {
    let mut response = QueryResponse::default();
    for f in &r.query_functions {
        match *f {
            QueryFunction::QUERY_OPERATIONS => response.operations = OPERATIONS.to_vec(),
            QueryFunction::QUERY_OBJECTS => response.object_types = OBJECT_TYPES.to_vec(),
            QueryFunction::QUERY_SERVER_INFORMATION => {
                response.vendor_identification = Some(VENDOR_IDENTIFICATION.into());
            }
            // No application namespaces, no extensions: empty lists.
            _ => {}
        }
    }
    Done {
        payload: response.into(),
        object: None,
    }
}

// --- Create, Register -------------------------------------------------------------------------

fn initial_state(activation: Option<i64>, now: i64) -> State {
    match activation {
        Some(d) if d <= now => State::ACTIVE,
        _ => State::PRE_ACTIVE,
    }
}

fn insert(
    tx: &mut Tx<'_>,
    object: &NewObject<'_>,
    mut stored: Vec<(String, Vec<u8>)>,
    digest_format: Option<KeyFormatType>,
    now: i64,
) -> Result<(), Failure> {
    if let Some(format) = digest_format {
        stored.push((
            "Digest".into(),
            encode_value(&digest_attribute(object.material, format)),
        ));
    }
    stored.push((
        "Last Change Date".into(),
        encode_value(&AttributeValue::LastChangeDate(DateTime(now))),
    ));
    tx.insert_object(object, &stored)?;
    Ok(())
}

fn create(tx: &mut Tx<'_>, r: &CreateRequest, batch: &mut Batch<'_>) -> Result<Done, Failure> {
    if r.object_type != ObjectType::SYMMETRIC_KEY {
        return Err(fail(
            ResultReason::INVALID_FIELD,
            format!("Create makes Symmetric Keys only, not {}", r.object_type),
        ));
    }
    let t = read_template(&r.template_attribute)?;
    let algorithm = t.algorithm.ok_or_else(|| {
        fail(
            ResultReason::MISSING_DATA,
            "Create needs a Cryptographic Algorithm",
        )
    })?;
    if algorithm != CryptographicAlgorithm::AES {
        return Err(fail(
            ResultReason::INVALID_FIELD,
            format!("Create makes AES keys only, not {algorithm}"),
        ));
    }
    let length = t.length.ok_or_else(|| {
        fail(
            ResultReason::MISSING_DATA,
            "Create needs a Cryptographic Length",
        )
    })?;
    if !matches!(length, 128 | 192 | 256) {
        return Err(fail(
            ResultReason::INVALID_FIELD,
            format!("AES keys are 128, 192 or 256 bits, not {length}"),
        ));
    }
    let mut material = Zeroizing::new(vec![0u8; (length / 8) as usize]);
    random_bytes(&mut material).map_err(|e| {
        fail(
            ResultReason::GENERAL_FAILURE,
            format!("random generator failed: {e}"),
        )
    })?;
    let id = uuid_v4();
    let state = initial_state(t.activation_date, batch.now);
    insert(
        tx,
        &NewObject {
            id: &id,
            object_type: ObjectType::SYMMETRIC_KEY.0,
            state: state.0,
            algorithm: Some(algorithm.0),
            length: Some(length),
            key_format: Some(KeyFormatType::RAW.0),
            data_type: None,
            owner: &batch.peer.id.to_string(),
            created: batch.now,
            material: &material,
        },
        t.stored,
        Some(KeyFormatType::RAW),
        batch.now,
    )?;
    batch.placeholder = Some(id.clone());
    done(
        CreateResponse {
            object_type: ObjectType::SYMMETRIC_KEY,
            unique_identifier: id.clone(),
            template_attribute: None,
            unknown: Vec::new(),
        },
        Some(id),
    )
}

/// Plain bytes of a Key Block that carries them (Raw, Opaque, or any byte-string format, or
/// a Transparent Symmetric Key).
fn key_block_bytes(kb: &KeyBlock) -> Result<&[u8], Failure> {
    if kb.is_wrapped() {
        return Err(fail(
            ResultReason::FEATURE_NOT_SUPPORTED,
            "registering wrapped key material is not supported",
        ));
    }
    match &kb.key_value {
        KeyValue::Structure(KeyValueStructure {
            key_material: KeyMaterial::Bytes(b),
            ..
        }) => Ok(b.expose()),
        KeyValue::Structure(KeyValueStructure {
            key_material: KeyMaterial::TransparentSymmetricKey(t),
            ..
        }) => Ok(t.key.expose()),
        _ => Err(fail(
            ResultReason::KEY_FORMAT_TYPE_NOT_SUPPORTED,
            format!("key format {} is not supported", kb.key_format_type),
        )),
    }
}

/// What a registered object brings: type, algorithm, length, key format, data type, bytes.
type Incoming<'a> = (
    ObjectType,
    Option<u32>,
    Option<i32>,
    Option<KeyFormatType>,
    Option<u32>,
    &'a [u8],
);

fn register(tx: &mut Tx<'_>, r: &RegisterRequest, batch: &mut Batch<'_>) -> Result<Done, Failure> {
    let t = read_template(&r.template_attribute)?;
    let id = uuid_v4();
    let state = initial_state(t.activation_date, batch.now);
    let (object_type, algorithm, length, key_format, data_type, material): Incoming<'_> =
        match &r.object {
            ManagedObject::SymmetricKey(k) => {
                let kb = &k.key_block;
                let bytes = key_block_bytes(kb)?;
                let algorithm = kb.cryptographic_algorithm.or(t.algorithm).ok_or_else(|| {
                    fail(
                        ResultReason::MISSING_DATA,
                        "the key has no Cryptographic Algorithm",
                    )
                })?;
                let bits = i32::try_from(bytes.len().saturating_mul(8)).unwrap_or(i32::MAX);
                for claimed in [kb.cryptographic_length, t.length].into_iter().flatten() {
                    if claimed != bits {
                        return Err(fail(
                            ResultReason::INVALID_FIELD,
                            format!("Cryptographic Length {claimed} but the key has {bits} bits"),
                        ));
                    }
                }
                if algorithm == CryptographicAlgorithm::AES && !matches!(bits, 128 | 192 | 256) {
                    return Err(fail(
                        ResultReason::INVALID_FIELD,
                        format!("an AES key has 128, 192 or 256 bits, not {bits}"),
                    ));
                }
                (
                    ObjectType::SYMMETRIC_KEY,
                    Some(algorithm.0),
                    Some(bits),
                    Some(KeyFormatType::RAW),
                    None,
                    bytes,
                )
            }
            ManagedObject::SecretData(s) => {
                let bytes = key_block_bytes(&s.key_block)?;
                (
                    ObjectType::SECRET_DATA,
                    None,
                    None,
                    Some(s.key_block.key_format_type),
                    Some(s.secret_data_type.0),
                    bytes,
                )
            }
            ManagedObject::OpaqueObject(o) => (
                ObjectType::OPAQUE_OBJECT,
                None,
                None,
                None,
                Some(o.opaque_data_type.0),
                o.opaque_data_value.expose(),
            ),
            other => {
                return Err(fail(
                    ResultReason::FEATURE_NOT_SUPPORTED,
                    format!(
                        "this server stores Symmetric Keys, Secret Data and Opaque Objects, not {}",
                        other.object_type()
                    ),
                ));
            }
        };
    if material.is_empty() {
        return Err(fail(
            ResultReason::INVALID_FIELD,
            "the object holds no data",
        ));
    }
    insert(
        tx,
        &NewObject {
            id: &id,
            object_type: object_type.0,
            state: state.0,
            algorithm,
            length,
            key_format: key_format.map(|f| f.0),
            data_type,
            owner: &batch.peer.id.to_string(),
            created: batch.now,
            material,
        },
        t.stored,
        key_format,
        batch.now,
    )?;
    batch.placeholder = Some(id.clone());
    done(
        RegisterResponse {
            unique_identifier: id.clone(),
            template_attribute: None,
            unknown: Vec::new(),
        },
        Some(id),
    )
}

// --- Get --------------------------------------------------------------------------------------

fn key_block_for(
    rec: &ObjectRecord,
    material: &[u8],
    format: KeyFormatType,
) -> Result<KeyBlock, Failure> {
    let key_material = if format == KeyFormatType::TRANSPARENT_SYMMETRIC_KEY
        && rec.object_type == ObjectType::SYMMETRIC_KEY.0
    {
        KeyMaterial::TransparentSymmetricKey(TransparentSymmetricKey {
            key: SecretBytes::from_slice(material),
            unknown: Vec::new(),
        })
    } else {
        KeyMaterial::Bytes(SecretBytes::from_slice(material))
    };
    Ok(KeyBlock {
        key_format_type: format,
        key_compression_type: None,
        key_value: KeyValue::Structure(KeyValueStructure {
            key_material,
            attributes: Vec::new(),
            unknown: Vec::new(),
        }),
        cryptographic_algorithm: rec.algorithm.map(CryptographicAlgorithm),
        cryptographic_length: rec.length,
        key_wrapping_data: None,
        unknown: Vec::new(),
    })
}

fn requested_format(
    rec: &ObjectRecord,
    asked: Option<KeyFormatType>,
) -> Result<KeyFormatType, Failure> {
    let stored = KeyFormatType(rec.key_format.unwrap_or(KeyFormatType::RAW.0));
    let Some(asked) = asked else {
        return Ok(stored);
    };
    let ok = asked == stored
        || (rec.object_type == ObjectType::SYMMETRIC_KEY.0
            && matches!(
                asked,
                KeyFormatType::RAW | KeyFormatType::TRANSPARENT_SYMMETRIC_KEY
            ))
        || (rec.object_type == ObjectType::SECRET_DATA.0
            && matches!(asked, KeyFormatType::RAW | KeyFormatType::OPAQUE));
    if ok {
        Ok(asked)
    } else {
        Err(fail(
            ResultReason::KEY_FORMAT_TYPE_NOT_SUPPORTED,
            format!("cannot return a {} as {asked}", ObjectType(rec.object_type)),
        ))
    }
}

fn get(tx: &mut Tx<'_>, r: &GetRequest, batch: &mut Batch<'_>) -> Result<Done, Failure> {
    let id = target(r.unique_identifier.as_ref(), batch)?;
    let rec = tx.object(&id)?;
    if r.key_compression_type.is_some() {
        return Err(fail(
            ResultReason::KEY_COMPRESSION_TYPE_NOT_SUPPORTED,
            "key compression is not supported",
        ));
    }
    let material = tx.material(&id)?;
    let object = if rec.object_type == ObjectType::OPAQUE_OBJECT.0 {
        if r.key_wrapping_specification.is_some() {
            return Err(fail(
                ResultReason::INVALID_FIELD,
                "an Opaque Object has no Key Block to wrap",
            ));
        }
        ManagedObject::OpaqueObject(OpaqueObject {
            opaque_data_type: OpaqueDataType(rec.data_type.unwrap_or(0)),
            opaque_data_value: SecretBytes::from_slice(&material),
            unknown: Vec::new(),
        })
    } else {
        let format = requested_format(&rec, r.key_format_type)?;
        let mut block = key_block_for(&rec, &material, format)?;
        if let Some(spec) = &r.key_wrapping_specification {
            block = wrap_key_block(tx, &id, block, &material, spec)?;
        }
        if rec.object_type == ObjectType::SECRET_DATA.0 {
            ManagedObject::SecretData(SecretData {
                secret_data_type: SecretDataType(rec.data_type.unwrap_or(0)),
                key_block: block,
                unknown: Vec::new(),
            })
        } else {
            ManagedObject::symmetric_key(block)
        }
    };
    batch.placeholder = Some(id.clone());
    done(GetResponse::new(id.clone(), object), Some(id))
}

/// Wraps a key block under the KEK a Key Wrapping Specification names (KMIP 1.1 §2.1.5, §2.1.6).
fn wrap_key_block(
    tx: &mut Tx<'_>,
    id: &str,
    block: KeyBlock,
    material: &[u8],
    spec: &kmip_types::KeyWrappingSpecification,
) -> Result<KeyBlock, Failure> {
    if spec.wrapping_method != WrappingMethod::ENCRYPT {
        return Err(fail(
            ResultReason::FEATURE_NOT_SUPPORTED,
            format!(
                "wrapping method {} is not supported (Encrypt is)",
                spec.wrapping_method
            ),
        ));
    }
    if spec.mac_signature_key_information.is_some() {
        return Err(fail(
            ResultReason::FEATURE_NOT_SUPPORTED,
            "MAC/signature key wrapping is not supported",
        ));
    }
    let info = spec.encryption_key_information.as_ref().ok_or_else(|| {
        fail(
            ResultReason::MISSING_DATA,
            "the Key Wrapping Specification names no Encryption Key Information",
        )
    })?;
    let kek_id = &info.unique_identifier;
    if kek_id == id {
        return Err(fail(
            ResultReason::INVALID_FIELD,
            "a key cannot wrap itself",
        ));
    }
    let kek = tx.object(kek_id).map_err(|e| match e {
        StoreError::NotFound(_) => fail(
            ResultReason::ITEM_NOT_FOUND,
            format!("wrapping key {kek_id} not found"),
        ),
        other => other.into(),
    })?;
    if kek.object_type != ObjectType::SYMMETRIC_KEY.0
        || kek.algorithm != Some(CryptographicAlgorithm::AES.0)
    {
        return Err(fail(
            ResultReason::INVALID_FIELD,
            format!("wrapping key {kek_id} is not an AES key"),
        ));
    }
    if kek.state != State::ACTIVE.0 {
        return Err(fail(
            ResultReason::PERMISSION_DENIED,
            format!(
                "wrapping key {kek_id} is {}, not Active",
                state_name(kek.state)
            ),
        ));
    }
    let mode = info
        .cryptographic_parameters
        .as_ref()
        .and_then(|p| p.block_cipher_mode)
        .unwrap_or(BlockCipherMode::NIST_KEY_WRAP);
    let encoding = spec
        .encoding_option
        .unwrap_or(EncodingOption::TTLV_ENCODING);
    let plaintext: Zeroizing<Vec<u8>> = if encoding == EncodingOption::NO_ENCODING {
        if !spec.attribute_names.is_empty() {
            return Err(fail(
                ResultReason::ENCODING_OPTION_ERROR,
                "attributes can only be wrapped with TTLV encoding",
            ));
        }
        Zeroizing::new(material.to_vec())
    } else if encoding == EncodingOption::TTLV_ENCODING {
        let mut value = block.key_value.clone();
        if let KeyValue::Structure(s) = &mut value {
            let all = all_attributes(tx, &tx.object(id)?)?;
            s.attributes = spec
                .attribute_names
                .iter()
                .flat_map(|n| all.iter().filter(move |a| &a.name == n).cloned())
                .collect();
        }
        let mut buf = Zeroizing::new(Vec::with_capacity(material.len().saturating_add(1024)));
        let mut e = Encoder::new(&mut buf, ProtocolVersion::V1_1);
        e.field(tag::KEY_VALUE, &value);
        buf
    } else {
        return Err(fail(
            ResultReason::ENCODING_OPTION_ERROR,
            format!("encoding option {encoding} is not supported"),
        ));
    };
    let kek_material = tx.material(kek_id)?;
    let wrapped = match mode {
        BlockCipherMode::NIST_KEY_WRAP => kw_wrap(&kek_material, &plaintext),
        BlockCipherMode::AES_KEY_WRAP_PADDING => kwp_wrap(&kek_material, &plaintext),
        other => {
            return Err(fail(
                ResultReason::FEATURE_NOT_SUPPORTED,
                format!("block cipher mode {other} is not supported for wrapping (NISTKeyWrap and AESKeyWrapPadding are)"),
            ));
        }
    }
    .map_err(|e| {
        fail(
            ResultReason::CRYPTOGRAPHIC_FAILURE,
            format!("cannot wrap with {mode}: {e}"),
        )
    })?;
    let data = KeyWrappingData {
        wrapping_method: WrappingMethod::ENCRYPT,
        encryption_key_information: Some(info.clone()),
        encoding_option: spec.encoding_option,
        ..KeyWrappingData::default()
    };
    Ok(KeyBlock::wrapped(
        block.key_format_type,
        block.cryptographic_algorithm.unwrap_or_default(),
        block.cryptographic_length.unwrap_or_default(),
        wrapped.to_vec(),
        data,
    ))
}

// --- Attributes -------------------------------------------------------------------------------

fn derived_attributes(rec: &ObjectRecord) -> Vec<Attribute> {
    let mut out = vec![
        Attribute::unique_identifier(rec.id.clone()),
        Attribute::object_type(ObjectType(rec.object_type)),
    ];
    if let Some(a) = rec.algorithm {
        out.push(Attribute::cryptographic_algorithm(CryptographicAlgorithm(
            a,
        )));
    }
    if let Some(l) = rec.length {
        out.push(Attribute::cryptographic_length(l));
    }
    out.push(Attribute::state(State(rec.state)));
    out.push(Attribute::new(AttributeValue::InitialDate(DateTime(
        rec.created,
    ))));
    out
}

fn all_attributes(tx: &Tx<'_>, rec: &ObjectRecord) -> Result<Vec<Attribute>, Failure> {
    let mut out = derived_attributes(rec);
    for a in tx.attributes(&rec.id)? {
        if let Some(v) = decode_value(&a.name, &a.value) {
            out.push(attribute(&a.name, a.index, v));
        }
    }
    Ok(out)
}

fn get_attributes(
    tx: &mut Tx<'_>,
    r: &GetAttributesRequest,
    batch: &mut Batch<'_>,
) -> Result<Done, Failure> {
    let id = target(r.unique_identifier.as_ref(), batch)?;
    let rec = tx.object(&id)?;
    let all = all_attributes(tx, &rec)?;
    let attributes = if r.attribute_names.is_empty() {
        all
    } else {
        let mut out = Vec::new();
        for name in &r.attribute_names {
            if out.iter().any(|a: &Attribute| &a.name == name) {
                continue;
            }
            out.extend(all.iter().filter(|a| &a.name == name).cloned());
        }
        out
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

fn get_attribute_list(tx: &mut Tx<'_>, id: &str) -> Result<Done, Failure> {
    let rec = tx.object(id)?;
    let mut names: Vec<String> = DERIVED
        .iter()
        .filter(|n| match **n {
            "Cryptographic Algorithm" => rec.algorithm.is_some(),
            "Cryptographic Length" => rec.length.is_some(),
            _ => true,
        })
        .map(|n| (*n).to_owned())
        .collect();
    for a in tx.attributes(id)? {
        if !names.contains(&a.name) {
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

fn client_changeable(name: &str, verb: &str) -> Result<Policy, Failure> {
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

fn add_attribute(
    tx: &mut Tx<'_>,
    r: &AddAttributeRequest,
    batch: &mut Batch<'_>,
) -> Result<Done, Failure> {
    let id = target(r.unique_identifier.as_ref(), batch)?;
    tx.object(&id)?;
    let a = &r.attribute;
    let value = a.value.as_ref().ok_or_else(|| {
        fail(
            ResultReason::MISSING_DATA,
            format!("attribute {} has no value", a.name),
        )
    })?;
    if client_changeable(&a.name, "add")? == Policy::Single
        && !tx.attribute(&id, &a.name)?.is_empty()
    {
        return Err(fail(
            ResultReason::INVALID_FIELD,
            format!("object {id} already has a {}; use Modify Attribute", a.name),
        ));
    }
    let index = tx.add_attribute(&id, &a.name, &encode_value(value))?;
    touch(tx, &id, batch.now)?;
    done(
        AddAttributeResponse {
            unique_identifier: id.clone(),
            attribute: attribute(&a.name, index, value.clone()),
            unknown: Vec::new(),
        },
        Some(id),
    )
}

fn modify_attribute(
    tx: &mut Tx<'_>,
    r: &ModifyAttributeRequest,
    batch: &mut Batch<'_>,
) -> Result<Done, Failure> {
    let id = target(r.unique_identifier.as_ref(), batch)?;
    tx.object(&id)?;
    let a = &r.attribute;
    let value = a.value.as_ref().ok_or_else(|| {
        fail(
            ResultReason::MISSING_DATA,
            format!("attribute {} has no value", a.name),
        )
    })?;
    client_changeable(&a.name, "modify")?;
    let index = a.index.unwrap_or(0);
    if !tx.modify_attribute(&id, &a.name, index, &encode_value(value))? {
        return Err(fail(
            ResultReason::ITEM_NOT_FOUND,
            format!("object {id} has no attribute {} with index {index}", a.name),
        ));
    }
    touch(tx, &id, batch.now)?;
    done(
        ModifyAttributeResponse {
            unique_identifier: id.clone(),
            attribute: attribute(&a.name, index, value.clone()),
            unknown: Vec::new(),
        },
        Some(id),
    )
}

fn delete_attribute(
    tx: &mut Tx<'_>,
    r: &DeleteAttributeRequest,
    batch: &mut Batch<'_>,
) -> Result<Done, Failure> {
    let id = target(r.unique_identifier.as_ref(), batch)?;
    tx.object(&id)?;
    client_changeable(&r.attribute_name, "delete")?;
    let index = r.attribute_index.unwrap_or(0);
    let old = tx
        .delete_attribute(&id, &r.attribute_name, index)?
        .ok_or_else(|| {
            fail(
                ResultReason::ITEM_NOT_FOUND,
                format!(
                    "object {id} has no attribute {} with index {index}",
                    r.attribute_name
                ),
            )
        })?;
    touch(tx, &id, batch.now)?;
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

// --- Locate -----------------------------------------------------------------------------------

fn locate(tx: &mut Tx<'_>, r: &LocateRequest, batch: &mut Batch<'_>) -> Result<Done, Failure> {
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
            AttributeValue::ObjectType(t) => filter.object_type = Some(t.0),
            AttributeValue::CryptographicAlgorithm(v) => filter.algorithm = Some(v.0),
            AttributeValue::CryptographicLength(v) => filter.length = Some(*v),
            AttributeValue::State(s) => filter.state = Some(s.0),
            AttributeValue::UniqueIdentifier(_)
            | AttributeValue::InitialDate(_)
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
                .push((a.name.clone(), encode_value(other))),
        }
    }
    let ids = tx.locate(&filter)?;
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

// --- Lifecycle --------------------------------------------------------------------------------

fn activate(tx: &mut Tx<'_>, id: &str, batch: &mut Batch<'_>) -> Result<Done, Failure> {
    let rec = tx.object(id)?;
    if rec.state != State::PRE_ACTIVE.0 {
        return Err(fail(
            ResultReason::PERMISSION_DENIED,
            format!(
                "object {id} is {}; only a Pre-Active object can be activated",
                state_name(rec.state)
            ),
        ));
    }
    tx.set_state(id, State::ACTIVE.0)?;
    tx.set_attribute(
        id,
        "Activation Date",
        &encode_value(&AttributeValue::ActivationDate(DateTime(batch.now))),
    )?;
    touch(tx, id, batch.now)?;
    done(ActivateResponse::new(id), Some(id.to_owned()))
}

fn revoke(tx: &mut Tx<'_>, r: &RevokeRequest, batch: &mut Batch<'_>) -> Result<Done, Failure> {
    let id = target(r.unique_identifier.as_ref(), batch)?;
    let rec = tx.object(&id)?;
    let code = r.revocation_reason.revocation_reason_code;
    let compromise = matches!(
        code,
        RevocationReasonCode::KEY_COMPROMISE | RevocationReasonCode::CA_COMPROMISE
    );
    let state = State(rec.state);
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
    tx.set_state(&id, new_state.0)?;
    tx.set_attribute(
        &id,
        "Revocation Reason",
        &encode_value(&AttributeValue::RevocationReason(
            r.revocation_reason.clone(),
        )),
    )?;
    if compromise {
        let occurred = r.compromise_occurrence_date.unwrap_or(DateTime(batch.now));
        tx.set_attribute(
            &id,
            "Compromise Occurrence Date",
            &encode_value(&AttributeValue::CompromiseOccurrenceDate(occurred)),
        )?;
        tx.set_attribute(
            &id,
            "Compromise Date",
            &encode_value(&AttributeValue::CompromiseDate(DateTime(batch.now))),
        )?;
    } else {
        tx.set_attribute(
            &id,
            "Deactivation Date",
            &encode_value(&AttributeValue::DeactivationDate(DateTime(batch.now))),
        )?;
    }
    touch(tx, &id, batch.now)?;
    done(
        RevokeResponse {
            unique_identifier: id.clone(),
            unknown: Vec::new(),
        },
        Some(id),
    )
}

fn destroy(tx: &mut Tx<'_>, id: &str, batch: &mut Batch<'_>) -> Result<Done, Failure> {
    let rec = tx.object(id)?;
    let state = State(rec.state);
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
    tx.erase_material(id)?;
    tx.set_state(id, new_state.0)?;
    tx.set_attribute(
        id,
        "Destroy Date",
        &encode_value(&AttributeValue::DestroyDate(DateTime(batch.now))),
    )?;
    touch(tx, id, batch.now)?;
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

fn rekey(tx: &mut Tx<'_>, r: &ReKeyRequest, batch: &mut Batch<'_>) -> Result<Done, Failure> {
    let old_id = target(r.unique_identifier.as_ref(), batch)?;
    let old = tx.object(&old_id)?;
    if old.object_type != ObjectType::SYMMETRIC_KEY.0 {
        return Err(fail(
            ResultReason::INVALID_FIELD,
            format!(
                "Re-key replaces Symmetric Keys, and {old_id} is a {}",
                ObjectType(old.object_type)
            ),
        ));
    }
    if matches!(
        State(old.state),
        State::DESTROYED | State::DESTROYED_COMPROMISED
    ) {
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
        Some(t) => read_template(t)?,
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
        None if old.state == State::ACTIVE.0 => Some(batch.now),
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
    let old_attributes = tx.attributes(&old_id)?;
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
            state: state.0,
            algorithm: old.algorithm,
            length: old.length,
            key_format: old.key_format,
            data_type: None,
            owner: &batch.peer.id.to_string(),
            created: batch.now,
            material: &material,
        },
        stored,
        Some(KeyFormatType::RAW),
        batch.now,
    )?;
    // The names move to the replacement; the old key points to it.
    for a in old_attributes.iter().filter(|a| a.name == "Name").rev() {
        tx.delete_attribute(&old_id, "Name", a.index)?;
    }
    let link = AttributeValue::Link(Link {
        link_type: LinkType::REPLACEMENT_OBJECT_LINK,
        linked_object_identifier: new_id.clone(),
        unknown: Vec::new(),
    });
    tx.add_attribute(&old_id, "Link", &encode_value(&link))?;
    touch(tx, &old_id, batch.now)?;
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
