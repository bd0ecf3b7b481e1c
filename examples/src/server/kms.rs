//! The KMIP layer of the server, typed with kmip-types, over the [`Store`]: decodes a request
//! message, runs its batch items (the operations are in [`ops`]) and answers.
//! Every failure answer, whatever its cause, is built by one function ([`failed_item`]).
//!
//! One request message runs in one store transaction; each batch item in a savepoint, so a
//! failed item leaves nothing behind. The Batch Error Continuation Option is honoured
//! (Stop, the default: later items are not run and not answered; Continue; Undo: every item
//! is rolled back and the earlier successes are answered `Operation Undone`). The transaction
//! commits (durably: WAL, `synchronous=FULL`) before the response is written, so whatever a
//! client was told succeeded survives `kill -9`.
//!
//! **Access control**: the batch runs as a [`Caller`], the client's certificate fingerprint
//! plus whether it is one of the configured admins ([`Kms::with_admins`]). The store finds an
//! object only for its owner or an admin; see [`crate::store`].
//!
//! **Audit, fail closed**: the audit lines of a request are written *before* its transaction
//! commits; if they cannot be written, the transaction is rolled back and every batch item is
//! answered Operation Failed / General Failure. A commit that fails after the lines were
//! written is audited again with its failure. Errors of the database or the root key reach
//! the client only as a generic "internal server error"; the details go to the audit line.
//!
//! | Operation | Notes |
//! |---|---|
//! | Discover Versions | KMIP 1.4 to 1.0, in the client's order of preference (all, newest first, when the client lists none) |
//! | Query | Operations, Objects, Server Information (Vendor Identification) |
//! | Create | Symmetric Key, AES 128/192/256 or 3DES 112/168, template attributes, and the attributes of the Templates it names |
//! | Register | Symmetric Key (Raw, Transparent Symmetric Key: kept, and digested, in that format), Secret Data, Opaque Object, Template |
//! | Get | raw, or wrapped under a KEK named by a Key Wrapping Specification (NIST Key Wrap or AES Key Wrap with Padding; TTLV or No Encoding) |
//! | Get Attributes, Get Attribute List | names the object lacks are left out, not an error; a name asked for twice is Invalid Message |
//! | Add / Modify / Delete Attribute | custom `x-` attributes of any type, verbatim; Name, Object Group, Contact Information, Application Specific Information, Link, Cryptographic Parameters, Operation Policy Name |
//! | Locate | Unique Identifier, Object Type, Cryptographic Algorithm/Length, State, and any stored attribute (Name, custom, ...) by exact value; Maximum Items; newest first; destroyed objects only when the State is named |
//! | Activate, Revoke, Destroy | KMIP 1.1 state machine; Destroy of an Active object is refused |
//! | Re-key | new key of the same algorithm and length and the same owner, Names moved, Links both ways |
//!
//! A request that cannot be decoded is answered with one failed batch item per batch item it
//! holds (Unique Batch Item IDs echoed) with the Result Reason kmip-types names (Invalid
//! Message, Missing Data, Invalid Field, ...); nothing of it is executed.
//!
//! Responses are in the request's protocol version. A request in a version other than 1.0 to
//! 1.4 ([`SUPPORTED_VERSIONS`]; 2.0, 1.5, or one before 1.0) is answered Operation Not
//! Supported for each batch item, in its version, or in KMIP 1.0 for a version before 1.0, in
//! which nothing can be encoded.

use std::sync::Arc;

use kmip_ttlv::Limits;
use kmip_types::{
    BatchErrorContinuationOption, ByteString, DateTime, Failure, Operation, ProtocolVersion,
    RequestMessage, ResponseBatchItem, ResponseMessage, ResultReason, ResultStatus, tag,
};

use crate::server::audit::{AuditLog, AuditRecord};
use crate::server::ops::{self, AttributeLimits, Batch, INTERNAL_ERROR_MESSAGE};
use crate::server::transport::{FramingError, MessageHandler, Peer};
use crate::store::{Caller, Store, StoreError, Tx};
use crate::tls::ClientId;
use crate::util::now_secs;

pub use crate::server::ops::query::{
    OBJECT_TYPES, OPERATIONS, SUPPORTED_VERSIONS, VENDOR_IDENTIFICATION,
};

/// The Result Message when the audit log cannot be written.
pub const AUDIT_FAILED_MESSAGE: &str =
    "the audit log cannot be written, so nothing was done; try again later";

/// The KMIP layer of the server (a [`MessageHandler`] for the transport).
pub struct Kms {
    store: Arc<Store>,
    audit: AuditLog,
    limits: Limits,
    admins: Vec<ClientId>,
    attribute_limits: AttributeLimits,
}

impl std::fmt::Debug for Kms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kms")
            .field("store", &self.store)
            .field("admins", &self.admins)
            .finish_non_exhaustive()
    }
}

/// A failed batch item: the one place every failure answer is built (operation and Unique
/// Batch Item ID echoed when known).
pub fn failed_item(
    operation: Option<Operation>,
    unique_batch_item_id: Option<ByteString>,
    failure: &Failure,
) -> ResponseBatchItem {
    let mut r = ResponseBatchItem::failure(operation, failure.reason, failure.message.clone());
    r.unique_batch_item_id = unique_batch_item_id;
    r
}

/// Every batch item of `request` failed with `failure`.
fn all_failed(request: &RequestMessage, failure: &Failure) -> Vec<ResponseBatchItem> {
    request
        .batch_items
        .iter()
        .map(|item| {
            failed_item(
                Some(item.operation),
                item.unique_batch_item_id.clone(),
                failure,
            )
        })
        .collect()
}

/// Why a whole batch failed (its transaction rolled back or not committed).
#[derive(Debug)]
enum BatchError {
    /// The database failed outside any one item (savepoint, commit).
    Store(StoreError),
    /// The audit lines could not be written.
    Audit(std::io::Error),
}

impl From<StoreError> for BatchError {
    fn from(e: StoreError) -> Self {
        BatchError::Store(e)
    }
}

/// An audit line to write for one answered batch item.
struct Pending {
    operation: Operation,
    object: Option<String>,
    at: usize,
    detail: Option<String>,
}

impl Kms {
    /// A KMIP layer over `store`, auditing to `audit`, decoding requests with `limits`; no
    /// client is an admin.
    pub fn new(store: Arc<Store>, audit: AuditLog, limits: Limits) -> Self {
        kmip_types::install_names();
        Kms {
            store,
            audit,
            limits,
            admins: Vec::new(),
            attribute_limits: AttributeLimits::default(),
        }
    }

    /// The same, with these bounds on attributes per object and per request (the default:
    /// [`AttributeLimits::default`]).
    #[must_use]
    pub fn with_attribute_limits(mut self, limits: AttributeLimits) -> Self {
        self.attribute_limits = limits;
        self
    }

    /// The same, with these identities in the admin role: they may see and act on every
    /// object, whoever owns it.
    #[must_use]
    pub fn with_admins(mut self, admins: Vec<ClientId>) -> Self {
        self.admins = admins;
        self
    }

    /// Who `peer` is to the store.
    pub fn caller(&self, peer: &Peer) -> Caller {
        Caller::new(peer.id, self.admins.contains(&peer.id))
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
        let items = if !SUPPORTED_VERSIONS.contains(&requested) {
            let failure = Failure::new(
                ResultReason::OPERATION_NOT_SUPPORTED,
                format!("KMIP {requested} is not supported; this server speaks KMIP 1.0 to 1.4"),
            );
            let items = all_failed(&request, &failure);
            for (item, r) in request.batch_items.iter().zip(&items) {
                // Nothing was done: a failing audit log changes nothing here.
                let _ = self.audit_item(peer, item.operation, None, r, None);
            }
            items
        } else {
            self.run_batch(&request, peer, now)
        };
        let encoded = ResponseMessage::new(version, DateTime(now), items).encode();
        match request.header.maximum_response_size {
            Some(max) if usize::try_from(max).is_ok_and(|m| encoded.len() > m) => {
                let failure = Failure::new(
                    ResultReason::RESPONSE_TOO_LARGE,
                    format!(
                        "the response is {} bytes, over the Maximum Response Size {max}",
                        encoded.len()
                    ),
                );
                ResponseMessage::new(version, DateTime(now), all_failed(&request, &failure))
                    .encode()
            }
            _ => encoded,
        }
    }

    /// Runs the batch items in one transaction (see the module docs) and audits them before
    /// it commits.
    fn run_batch(&self, request: &RequestMessage, peer: &Peer, now: i64) -> Vec<ResponseBatchItem> {
        let option = request
            .header
            .batch_error_continuation_option
            .unwrap_or(BatchErrorContinuationOption::STOP);
        let run = |tx: &mut Tx<'_>| -> Result<Vec<ResponseBatchItem>, BatchError> {
            tx.savepoint("batch")?;
            let mut batch = Batch {
                placeholder: None,
                now,
                caller: self.caller(peer),
                limits: self.attribute_limits,
            };
            let mut pending: Vec<Pending> = Vec::new();
            let mut items: Vec<ResponseBatchItem> = Vec::new();
            for item in &request.batch_items {
                let outcome = tx.in_savepoint("item", |tx| ops::execute(tx, item, &mut batch));
                let (response, object, detail) = match outcome {
                    Ok(done) => {
                        let mut r = ResponseBatchItem::success(done.payload);
                        r.operation = Some(item.operation);
                        r.unique_batch_item_id = item.unique_batch_item_id.clone();
                        (r, done.object, None)
                    }
                    Err(e) => (
                        failed_item(
                            Some(item.operation),
                            item.unique_batch_item_id.clone(),
                            &e.failure(),
                        ),
                        ops::item_object(item).or_else(|| batch.placeholder.clone()),
                        e.detail(),
                    ),
                };
                pending.push(Pending {
                    operation: item.operation,
                    object,
                    at: items.len(),
                    detail,
                });
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
            // Fail closed: nothing commits, and nothing is answered, unaudited.
            for p in &pending {
                if let Some(r) = items.get(p.at) {
                    self.audit_item(peer, p.operation, p.object.clone(), r, p.detail.as_deref())
                        .map_err(BatchError::Audit)?;
                }
            }
            Ok(items)
        };
        let result = if ops::reads_only(&request.batch_items) {
            self.store.read_transaction(run)
        } else {
            self.store.transaction(run)
        };
        match result {
            Ok(items) => items,
            Err(e) => {
                let (failure, detail) = match &e {
                    BatchError::Audit(io) => (
                        Failure::new(ResultReason::GENERAL_FAILURE, AUDIT_FAILED_MESSAGE),
                        format!("audit log: {io}"),
                    ),
                    BatchError::Store(s) => (
                        Failure::new(ResultReason::GENERAL_FAILURE, INTERNAL_ERROR_MESSAGE),
                        s.to_string(),
                    ),
                };
                // Nothing is durable, so nothing succeeded.
                let items = all_failed(request, &failure);
                for (item, r) in request.batch_items.iter().zip(&items) {
                    // The request is refused already; a failing audit log changes nothing.
                    let _ = self.audit_item(
                        peer,
                        item.operation,
                        ops::item_object(item),
                        r,
                        Some(&detail),
                    );
                }
                items
            }
        }
    }

    fn audit_item(
        &self,
        peer: &Peer,
        op: Operation,
        object: Option<String>,
        response: &ResponseBatchItem,
        detail: Option<&str>,
    ) -> std::io::Result<()> {
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
            fingerprint: &peer.id.to_string(),
            operation: &op_name,
            object: object.as_deref(),
            result: &result,
            detail,
        })
    }

    /// Answers a request that does not decode: one failure per batch item found in it.
    fn undecodable(&self, bytes: &[u8], error: &kmip_types::Error, peer: &Peer) -> Vec<u8> {
        let version = kmip_types::peek_protocol_version(bytes)
            .map_or(ProtocolVersion::V1_1, response_version);
        let failure = Failure::new(
            error.result_reason(),
            format!("cannot decode the request: {error}"),
        );
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
                let id = b
                    .child(tag::UNIQUE_BATCH_ITEM_ID)
                    .and_then(|i| i.as_byte_string())
                    .map(|i| ByteString(i.to_vec()));
                items.push(failed_item(op, id, &failure));
            }
        }
        if items.is_empty() {
            items.push(failed_item(None, None, &failure));
        }
        for r in &items {
            let op = r
                .operation
                .map_or_else(|| "-".to_owned(), |o| o.to_string());
            // Nothing was done: a failing audit log changes nothing here.
            let _ = self.audit.record(&AuditRecord {
                client: &peer.subject,
                fingerprint: &peer.id.to_string(),
                operation: &op,
                object: None,
                result: &format!("Operation Failed/{}", failure.reason),
                detail: None,
            });
        }
        ResponseMessage::new(version, DateTime::now(), items).encode()
    }
}

impl MessageHandler for Kms {
    fn handle(&self, request: &[u8], peer: &Peer) -> Vec<u8> {
        self.process(request, peer)
    }

    fn framing_error(&self, error: &FramingError<'_>, peer: &Peer) -> Vec<u8> {
        let FramingError::BadHeader(e) = error;
        // Nothing was done: a failing audit log changes nothing here.
        let _ = self.audit.record(&AuditRecord {
            client: &peer.subject,
            fingerprint: &peer.id.to_string(),
            operation: "-",
            object: None,
            result: "Operation Failed/Invalid Message",
            detail: None,
        });
        let failure = Failure::new(
            ResultReason::INVALID_MESSAGE,
            format!("not a KMIP message, closing the connection: {e}"),
        );
        ResponseMessage::new(
            ProtocolVersion::V1_1,
            DateTime::now(),
            vec![failed_item(None, None, &failure)],
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
