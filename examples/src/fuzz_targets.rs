//! Bodies of the cargo-fuzz targets in `fuzz/` (`kms_request`, `disk_header`, `ttlv_dump`), kept here so
//! that the checked-in corpora replay under plain `cargo test` (`tests/fuzz_corpus.rs`). They
//! panic only when an invariant of the server or of the disk header format is broken.
//!
//! ## `kms_request`
//! The bytes are one framed request message handed to [`Kms::process`] over a real
//! [`Store`] in a temporary directory (one per process, not per input). Before an input is
//! processed, each of the [`FIXTURE_TOKENS`] it contains is replaced by the Unique Identifier
//! of the fixture object it stands for (tokens and identifiers are both 36 bytes, so the TTLV
//! lengths stay valid): requests recorded against these tokens (Get of a key, Get wrapped
//! under an Active KEK, Activate, Revoke, Destroy, ...) reach the code behind a successful
//! lookup although the server makes up random identifiers. A fixture an input changed (its
//! state or any attribute) is replaced by a fresh one before the next input, so every input
//! starts from the same fixtures.
//!
//! Checked for every input: the response decodes as a Response Message in the request's
//! protocol version (KMIP 1.0 for a version before 1.0); a request that decodes gets one
//! answer per batch item in order (operation and Unique Batch Item ID echoed) up to the first
//! failure when the Batch Error Continuation Option is not Continue (the earlier successes
//! Operation Undone under Undo, and nothing undone otherwise), and successful items carry the
//! payload of their operation; a request that does not decode gets only failures, with the
//! Result Reason of its decoding error, one per batch item found in it (or one). Then the
//! same input is sent again by another client (a stranger to the fixtures, which belong to
//! the first): the same checks hold, no fixture has changed, and no successful answer names
//! a fixture (access control: another client's objects do not exist for it). Then the
//! server must still answer a well-formed Discover Versions request correctly.
//!
//! ## `disk_header`
//! The bytes are one header slot for [`Header::decode`]: it never panics, and a header it
//! accepts encodes to a slot that decodes to the same header and whose used part (up to and
//! including the checksum) is byte for byte the input's: the format is canonical (one
//! encoding per header, zero padding after the checksum, which the decoder ignores). The
//! same again with the input sealed with the checksum of its fields and MAC, so that
//! mutations reach the checks the checksum guards. A header that decodes is then
//! authenticated under a fixed KEK named by its KMS key id: that never panics and never
//! succeeds (the fuzzer cannot forge a wrapped DEK and a MAC under a key it does not know).
//!
//! ## `ttlv_dump`
//! The bytes are a file given to `ttlv-dump`, read as detected, as hex and as binary: no
//! panic; binary input that is one valid TTLV item dumps without error, as the same tree
//! the pretty printer gives; hex text that parses dumps exactly as its bytes do in binary;
//! and the bytes written back as hex parse to the same bytes.
#![allow(
    clippy::panic,
    reason = "a fuzz target reports a broken invariant by panicking"
)]

use std::borrow::Cow;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use kmip_ttlv::Limits;
use kmip_types::{
    ActivateRequest, Attribute, BatchErrorContinuationOption, CreateRequest,
    CryptographicAlgorithm, CryptographicUsageMask, DiscoverVersionsRequest, KeyBlock,
    KeyFormatType, ManagedObject, OpaqueDataType, OpaqueObject, ProtocolVersion, RegisterRequest,
    RequestBatchItem, RequestMessage, ResponseBatchItem, ResponseMessage, ResponsePayload,
    ResultStatus, SecretBytes, SecretData, SecretDataType, State, peek_protocol_version, tag,
};
use sha2::{Digest as _, Sha256};

use crate::disk::{FIXED_LEN, Header, SLOT_LEN};
use crate::server::transport::Peer;
use crate::server::{AuditLog, TransportLimits, kms::Kms};
use crate::store::{Caller, ObjectRecord, Store, StoreError, StoredAttribute};
use crate::util::TempDir;

/// Length of a Unique Identifier the server makes up (a textual UUID), and of every token.
const ID_LEN: usize = 36;

/// Stand-ins for the fixture objects' Unique Identifiers in fuzz inputs, in this order: an
/// Active AES-256 key (the KEK of wrapped Gets), a Pre-Active AES-128 key named
/// `fuzz-fixture-key` with a custom `x-Vendor` attribute, Secret Data (a password), an Opaque
/// Object.
pub const FIXTURE_TOKENS: [&str; 4] = [
    "fuzz-fixture-active-aes-256-key-0001",
    "fuzz-fixture-pre-active-aes-128-0002",
    "fuzz-fixture-secret-data-password-03",
    "fuzz-fixture-opaque-object-000000004",
];

const _: () = {
    let mut i = 0;
    while i < FIXTURE_TOKENS.len() {
        assert!(FIXTURE_TOKENS[i].len() == ID_LEN);
        i += 1;
    }
};

/// Name of the Pre-Active fixture key (Locate by Name finds it).
pub const FIXTURE_KEY_NAME: &str = "fuzz-fixture-key";

/// The fixture objects, in [`FIXTURE_TOKENS`] order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fixture {
    ActiveKey,
    PreActiveKey,
    SecretData,
    Opaque,
}

const FIXTURES: [Fixture; 4] = [
    Fixture::ActiveKey,
    Fixture::PreActiveKey,
    Fixture::SecretData,
    Fixture::Opaque,
];

impl Fixture {
    fn state(self) -> State {
        match self {
            Fixture::ActiveKey => State::ACTIVE,
            _ => State::PRE_ACTIVE,
        }
    }

    /// The request that makes this fixture; its first batch item's response names it.
    fn request(self) -> RequestMessage {
        let usage = CryptographicUsageMask::ENCRYPT
            | CryptographicUsageMask::DECRYPT
            | CryptographicUsageMask::WRAP_KEY
            | CryptographicUsageMask::UNWRAP_KEY;
        let items = match self {
            Fixture::ActiveKey => vec![
                RequestBatchItem::new(CreateRequest::symmetric_key(
                    CryptographicAlgorithm::AES,
                    256,
                    usage,
                )),
                // No identifier: the ID Placeholder the Create set.
                RequestBatchItem::new(ActivateRequest {
                    unique_identifier: None,
                    unknown: Vec::new(),
                }),
            ],
            Fixture::PreActiveKey => vec![RequestBatchItem::new(
                CreateRequest::symmetric_key(CryptographicAlgorithm::AES, 128, usage)
                    .with_attribute(Attribute::name(FIXTURE_KEY_NAME))
                    .with_attribute(Attribute::custom_text("x-Vendor", "VMware, Inc.")),
            )],
            Fixture::SecretData => {
                let mut block = KeyBlock::raw_symmetric(
                    CryptographicAlgorithm::AES,
                    SecretBytes::from_slice(b"correct horse battery staple"),
                );
                block.key_format_type = KeyFormatType::OPAQUE;
                block.cryptographic_algorithm = None;
                block.cryptographic_length = None;
                let object = ManagedObject::SecretData(SecretData {
                    secret_data_type: SecretDataType::PASSWORD,
                    key_block: block,
                    unknown: Vec::new(),
                });
                vec![RequestBatchItem::new(RegisterRequest::new(object, vec![]))]
            }
            Fixture::Opaque => {
                let object = ManagedObject::OpaqueObject(OpaqueObject {
                    // Opaque Data Types are all vendor-defined (extensions, 8XXXXXXX).
                    opaque_data_type: OpaqueDataType(0x8000_0001),
                    opaque_data_value: SecretBytes::from_slice(b"an opaque blob"),
                    unknown: Vec::new(),
                });
                vec![RequestBatchItem::new(RegisterRequest::new(object, vec![]))]
            }
        };
        RequestMessage::new(ProtocolVersion::V1_1, items)
    }
}

/// The `kms_request` target with its own server state: a store in a temporary directory
/// (removed when this is dropped), the KMIP layer over it, and the fixture objects.
pub struct KmsRequestTarget {
    kms: Kms,
    store: Arc<Store>,
    peer: Peer,
    /// Another client, which owns no fixture.
    stranger: Peer,
    limits: Limits,
    /// Each fixture as created, in [`FIXTURE_TOKENS`] order.
    fixtures: Mutex<Vec<Snapshot>>,
    discover: Vec<u8>,
    // Last: dropped after the store has closed the database.
    _dir: TempDir,
}

impl std::fmt::Debug for KmsRequestTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KmsRequestTarget")
            .field("store", &self.store)
            .finish_non_exhaustive()
    }
}

/// A fixture object as it was created: its record and attributes.
#[derive(PartialEq, Eq)]
struct Snapshot {
    record: ObjectRecord,
    attributes: Vec<StoredAttribute>,
}

/// Prefix of the temporary directories of [`KmsRequestTarget`], followed by the process id.
const DIR_PREFIX: &str = "kmip-examples-fuzz-";

/// Removes the directories earlier fuzzing processes left behind (a process that libFuzzer
/// ends never drops its state), recognised by a process id that no longer runs. Only where
/// `/proc` tells which processes run.
fn remove_stale_dirs(base: &Path) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(DIR_PREFIX)) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().filter(|p| p.parse::<u32>().is_ok()) else {
            continue;
        };
        if !proc.join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

impl KmsRequestTarget {
    /// A fresh store in a new temporary directory, with the fixture objects.
    ///
    /// # Panics
    /// The directory or store cannot be set up, or the server refuses to create a fixture.
    pub fn new() -> Self {
        remove_stale_dirs(&std::env::temp_dir());
        let dir = TempDir::new(&format!("{DIR_PREFIX}{}", std::process::id()))
            .unwrap_or_else(|e| panic!("temporary directory: {e}"));
        let store = Arc::new(
            Store::open(&dir.path().join("data"), None)
                .unwrap_or_else(|e| panic!("opening the store: {e}")),
        );
        let limits = TransportLimits::default().decode_limits();
        let kms = Kms::new(store.clone(), AuditLog::discard(), limits);
        let discover = RequestMessage::single(
            ProtocolVersion::V1_1,
            DiscoverVersionsRequest {
                protocol_versions: vec![ProtocolVersion::V1_1, ProtocolVersion::V1_0],
                unknown: Vec::new(),
            },
        )
        .encode();
        let target = KmsRequestTarget {
            kms,
            store,
            peer: Peer {
                id: crate::tls::ClientId([0x5A; 32]),
                subject: "CN=fuzz,O=kmip-examples".into(),
                addr: SocketAddr::from(([127, 0, 0, 1], 5696)),
            },
            stranger: Peer {
                id: crate::tls::ClientId([0xA5; 32]),
                subject: "CN=fuzz-stranger,O=kmip-examples".into(),
                addr: SocketAddr::from(([127, 0, 0, 1], 5697)),
            },
            limits,
            fixtures: Mutex::new(Vec::new()),
            discover,
            _dir: dir,
        };
        let snapshots = FIXTURES.iter().map(|f| target.make_fixture(*f)).collect();
        *target
            .fixtures
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = snapshots;
        target
    }

    /// Creates one fixture object through the server.
    fn make_fixture(&self, fixture: Fixture) -> Snapshot {
        let response =
            ResponseMessage::decode(&self.kms.process(&fixture.request().encode(), &self.peer))
                .unwrap_or_else(|e| panic!("fixture {fixture:?}: response does not decode: {e}"));
        if !response.batch_items.iter().all(|i| i.is_success()) {
            panic!("fixture {fixture:?} refused: {response:?}");
        }
        let id = match response
            .batch_items
            .first()
            .and_then(|i| i.payload.as_ref())
        {
            Some(ResponsePayload::Create(r)) => r.unique_identifier.clone(),
            Some(ResponsePayload::Register(r)) => r.unique_identifier.clone(),
            other => panic!("fixture {fixture:?}: unexpected payload {other:?}"),
        };
        if id.len() != ID_LEN {
            panic!("fixture {fixture:?}: identifier {id:?} is not {ID_LEN} bytes like its token");
        }
        let snapshot = self
            .snapshot(&id)
            .unwrap_or_else(|e| panic!("fixture {fixture:?}: {e}"));
        if snapshot.record.state.kmip_value() != fixture.state().0 {
            panic!("fixture {fixture:?} is in state {}", snapshot.record.state);
        }
        snapshot
    }

    fn snapshot(&self, id: &str) -> Result<Snapshot, StoreError> {
        let owner = Caller::client(self.peer.id);
        self.store.transaction(|tx| {
            Ok(Snapshot {
                record: tx.object(&owner, id)?,
                attributes: tx.attributes(&owner, id)?,
            })
        })
    }

    /// Replaces every fixture an earlier input changed (state, attributes) by a fresh one.
    fn repair_fixtures(&self) {
        let mut fixtures = self.fixtures.lock().unwrap_or_else(PoisonError::into_inner);
        for (fixture, current) in FIXTURES.iter().zip(fixtures.iter_mut()) {
            if self
                .snapshot(&current.record.id)
                .is_ok_and(|now| now == *current)
            {
                continue;
            }
            *current = self.make_fixture(*fixture);
        }
    }

    /// The input with each fixture token replaced by the fixture's identifier.
    fn substitute<'d>(&self, data: &'d [u8]) -> Cow<'d, [u8]> {
        let fixtures = self.fixtures.lock().unwrap_or_else(PoisonError::into_inner);
        let mut out = Cow::Borrowed(data);
        for (token, fixture) in FIXTURE_TOKENS.iter().zip(fixtures.iter()) {
            let id = &fixture.record.id;
            let token = token.as_bytes();
            let mut at = 0;
            while let Some(found) = out
                .get(at..)
                .and_then(|rest| rest.windows(ID_LEN).position(|w| w == token))
            {
                let start = at.saturating_add(found);
                let end = start.saturating_add(ID_LEN);
                if let Some(slot) = out.to_mut().get_mut(start..end) {
                    slot.copy_from_slice(id.as_bytes());
                }
                at = end;
            }
        }
        out
    }

    /// Runs one input: see the module docs.
    ///
    /// # Panics
    /// When the server's answer breaks one of the invariants the module docs list.
    pub fn run(&self, data: &[u8]) {
        let (request, response) = self.exchange(data);
        check_response(&request, &response, &self.limits);
        self.check_stranger(data);
        self.check_still_serving();
    }

    /// The input again from a client that owns no fixture: see the module docs.
    fn check_stranger(&self, data: &[u8]) {
        self.repair_fixtures();
        let request = self.substitute(data);
        let response = self.kms.process(&request, &self.stranger);
        check_response(&request, &response, &self.limits);
        let fixtures = self.fixtures.lock().unwrap_or_else(PoisonError::into_inner);
        for (fixture, before) in FIXTURES.iter().zip(fixtures.iter()) {
            if !self
                .snapshot(&before.record.id)
                .is_ok_and(|now| now == *before)
            {
                panic!("another client's request changed fixture {fixture:?}");
            }
        }
        let Ok(answer) = ResponseMessage::decode(&response) else {
            return;
        };
        for item in answer.batch_items.iter().filter(|i| i.is_success()) {
            let alone = ResponseMessage::new(
                answer.header.protocol_version,
                answer.header.time_stamp,
                vec![item.clone()],
            )
            .encode();
            for (fixture, snapshot) in FIXTURES.iter().zip(fixtures.iter()) {
                let id = snapshot.record.id.as_bytes();
                if alone.windows(id.len()).any(|w| w == id) {
                    panic!("another client's successful {item:?} names fixture {fixture:?}");
                }
            }
        }
    }

    /// The server's response to an input, unchecked, with the request as the server saw
    /// it (fixture tokens replaced): for looking into what an input does.
    pub fn exchange(&self, data: &[u8]) -> (Vec<u8>, Vec<u8>) {
        self.repair_fixtures();
        let request = self.substitute(data);
        let response = self.kms.process(&request, &self.peer);
        (request.into_owned(), response)
    }

    /// A well-formed Discover Versions after the input is answered as always.
    fn check_still_serving(&self) {
        let bytes = self.kms.process(&self.discover, &self.peer);
        let response = ResponseMessage::decode(&bytes)
            .unwrap_or_else(|e| panic!("Discover Versions response does not decode: {e}"));
        let [item] = response.batch_items.as_slice() else {
            panic!("Discover Versions answered with {response:?}");
        };
        match &item.payload {
            Some(ResponsePayload::DiscoverVersions(r))
                if item.is_success()
                    && r.protocol_versions == [ProtocolVersion::V1_1, ProtocolVersion::V1_0] => {}
            _ => panic!("Discover Versions answered with {item:?}"),
        }
    }
}

impl Default for KmsRequestTarget {
    fn default() -> Self {
        Self::new()
    }
}

/// A response is in the request's version (KMIP 1.1 when the request has none), or in KMIP
/// 1.0 when the request's version is older than any (nothing can be encoded in it).
fn check_version(answer: &ResponseMessage, requested: Option<ProtocolVersion>) {
    let expected = requested.map_or(ProtocolVersion::V1_1, |v| v.max(ProtocolVersion::V1_0));
    if answer.header.protocol_version != expected {
        panic!(
            "response in {} to a request in {requested:?}",
            answer.header.protocol_version
        );
    }
}

/// Checks the server's `response` to `request`: see the module docs.
fn check_response(request: &[u8], response: &[u8], limits: &Limits) {
    let answer = ResponseMessage::decode(response)
        .unwrap_or_else(|e| panic!("the server's response does not decode: {e}"));
    let items = &answer.batch_items;
    match RequestMessage::decode_with(request, limits) {
        Ok(req) => {
            check_version(&answer, Some(req.header.protocol_version));
            if items.is_empty() || items.len() > req.batch_items.len() {
                panic!(
                    "{} response items for {} request items",
                    items.len(),
                    req.batch_items.len()
                );
            }
            for (i, (r, q)) in items.iter().zip(&req.batch_items).enumerate() {
                if r.operation != Some(q.operation)
                    || r.unique_batch_item_id != q.unique_batch_item_id
                {
                    panic!("response item {i} does not echo its request item: {r:?}");
                }
                let status = r.result_status;
                if status == ResultStatus::SUCCESS {
                    let op = r.payload.as_ref().and_then(ResponsePayload::operation);
                    if op != Some(q.operation) {
                        panic!("successful item {i} carries no {} payload", q.operation);
                    }
                } else if status == ResultStatus::OPERATION_FAILED {
                    if r.result_reason.is_none() {
                        panic!("failed item {i} has no Result Reason");
                    }
                } else if status != ResultStatus::OPERATION_UNDONE {
                    panic!("item {i} has Result Status {status}");
                }
            }
            let option = req.header.batch_error_continuation_option;
            let failed = |r: &ResponseBatchItem| r.result_status == ResultStatus::OPERATION_FAILED;
            if option != Some(BatchErrorContinuationOption::CONTINUE)
                && let Some(first) = items.iter().position(failed)
                && !items.iter().skip(first).all(failed)
            {
                panic!("items ran after a failure (option {option:?}): {items:?}");
            }
            let undone = items
                .iter()
                .any(|r| r.result_status == ResultStatus::OPERATION_UNDONE);
            if option == Some(BatchErrorContinuationOption::UNDO) {
                if items.iter().any(failed) && items.iter().any(|r| r.is_success()) {
                    panic!("a failure under Undo left successes: {items:?}");
                }
            } else if undone {
                panic!("items undone without the Undo option: {items:?}");
            }
            if items.len() < req.batch_items.len() {
                // Stopped at a failure.
                let stopped = items
                    .last()
                    .is_some_and(|r| r.result_status == ResultStatus::OPERATION_FAILED);
                if option == Some(BatchErrorContinuationOption::CONTINUE) || !stopped {
                    panic!(
                        "{} of {} items answered (option {option:?})",
                        items.len(),
                        req.batch_items.len()
                    );
                }
            }
        }
        Err(e) => {
            check_version(&answer, peek_protocol_version(request));
            let reason = e.result_reason();
            if let Some(r) = items.iter().find(|r| {
                r.result_status != ResultStatus::OPERATION_FAILED || r.result_reason != Some(reason)
            }) {
                panic!("undecodable request ({e}, {reason}) answered with {r:?}");
            }
            let found = kmip_ttlv::decode_with(request, limits)
                .ok()
                .filter(|m| m.tag() == tag::REQUEST_MESSAGE)
                .map_or(0, |m| {
                    m.children().filter(|c| c.tag() == tag::BATCH_ITEM).count()
                });
            if items.len() != found.max(1) {
                panic!(
                    "undecodable request with {found} batch items answered with {} items",
                    items.len()
                );
            }
        }
    }
}

/// The `kms_request` fuzz target: [`KmsRequestTarget::run`] on one target per process.
pub fn kms_request(data: &[u8]) {
    static TARGET: OnceLock<KmsRequestTarget> = OnceLock::new();
    TARGET.get_or_init(KmsRequestTarget::new).run(data);
}

/// Bytes a header uses in its slot: fixed fields, key id, both wrapped keys, MAC, checksum.
fn used_len(header: &Header) -> usize {
    let wrapped =
        |w: Option<&key_hierarchy::WrappedKey>| w.map_or(0, key_hierarchy::WrappedKey::encoded_len);
    [
        FIXED_LEN,
        header.kms_key_id.len(),
        2,
        wrapped(Some(&header.current)),
        2,
        wrapped(header.rekey.as_ref().map(|r| &r.next)),
        32,
        32,
    ]
    .iter()
    .fold(0usize, |acc, n| acc.saturating_add(*n))
}

/// The `disk_header` fuzz target: see the module docs.
pub fn disk_header(data: &[u8]) {
    header_round_trip(data);
    // A mutated slot almost never carries a valid checksum: seal it with the checksum of
    // what it holds, so that the checks behind it and the round trip are fuzzed too.
    if let Some(end) = Header::checksum_offset(data)
        && let Some(body) = data.get(..end)
    {
        let mut sealed = body.to_vec();
        sealed.extend_from_slice(&Sha256::digest(body));
        sealed.extend_from_slice(data.get(end.saturating_add(32)..).unwrap_or_default());
        header_round_trip(&sealed);
    }
}

/// Decoding never panics; a header that decodes encodes canonically: see the module docs.
fn header_round_trip(data: &[u8]) {
    let Ok(header) = Header::decode(data) else {
        return;
    };
    if let Ok(id) = key_hierarchy::KeyId::new(header.kms_key_id.as_bytes())
        && let Ok(kek) = key_hierarchy::Kek::from_bytes(id, &[0x5A; 32])
        && crate::disk::Unlocked::authenticate(header.clone(), &kek, Path::new("fuzz")).is_ok()
    {
        panic!("a header authenticated under a KEK the input cannot know");
    }
    if let Some(r) = &header.rekey
        && r.progress > header.sectors()
    {
        panic!(
            "rekey progress {} beyond {} sectors",
            r.progress,
            header.sectors()
        );
    }
    let slot = header
        .encode()
        .unwrap_or_else(|e| panic!("a decoded header does not encode: {e}"));
    if slot.len() != SLOT_LEN {
        panic!("encoded slot is {} bytes", slot.len());
    }
    match Header::decode(&slot) {
        Ok(again) if again == header => {}
        other => panic!("re-encoded header decodes as {other:?}, not {header:?}"),
    }
    let used = used_len(&header);
    let (body, padding) = slot.split_at_checked(used).unwrap_or_else(|| {
        panic!("header uses {used} bytes, more than its slot");
    });
    if Some(body) != data.get(..used) {
        panic!("the header's encoding differs from the bytes it was decoded from");
    }
    if padding.iter().any(|b| *b != 0) {
        panic!("the slot is not zero after the checksum");
    }
}

/// `ttlv-dump` on arbitrary input: see the module docs.
pub fn ttlv_dump(data: &[u8]) {
    use crate::ttlv_dump::{DumpOptions, InputFormat, dump, parse_hex};
    let with = |format| DumpOptions {
        format,
        ..DumpOptions::default()
    };
    let _ = dump(data, &with(InputFormat::Detect));
    let (binary, binary_ok) = dump(data, &with(InputFormat::Binary));
    if let Ok(item) = kmip_ttlv::decode(data) {
        if !binary_ok {
            panic!("valid TTLV dumped with an error: {binary}");
        }
        if binary != item.pretty().to_string() {
            panic!("the dump of one valid item is not its pretty print");
        }
    }
    let (hex, hex_ok) = dump(data, &with(InputFormat::Hex));
    if let Ok(bytes) = std::str::from_utf8(data)
        .map_err(|e| e.to_string())
        .and_then(parse_hex)
    {
        let (as_binary, as_binary_ok) = dump(&bytes, &with(InputFormat::Binary));
        if (hex.as_str(), hex_ok) != (as_binary.as_str(), as_binary_ok) {
            panic!("hex input dumps differently from its bytes");
        }
        let written: String = bytes.iter().map(|b| format!("{b:02x} ")).collect();
        if parse_hex(&written).as_deref() != Ok(&bytes[..]) {
            panic!("bytes written as hex do not parse back");
        }
    }
}
