//! Messages (KMIP 1.1 §7): Request and Response Message, their headers (§6.1–§6.14 fields),
//! batch items (§6.15), Authentication and Credential (§2.1.2, all three credential types),
//! and Message Extension (§6.16).

use core::fmt;

use kmip_ttlv::{Item, Limits, Tag};

use crate::codec::{
    Context, Encoder, FromTtlv, Interleave, RawItem, StructDecoder, ToTtlv, expect_type,
};
use crate::payload::{RequestPayload, ResponsePayload};
use crate::value::{ByteString, DateTime, SecretString};
use crate::{
    AttestationType, BatchErrorContinuationOption, CredentialType, Error, ErrorKind, Operation,
    ProtocolVersion, ResultReason, ResultStatus, UnknownItem, install_names, tag,
};

structure! {
    /// The Credential Value of a Username and Password credential (§2.1.2).
    #[derive(Default)]
    pub struct UsernameAndPassword {
        /// Username.
        pub username: String = req(tag::USERNAME),
        /// Password (secret: zeroized, never printed).
        pub password: Option<SecretString> = opt(tag::PASSWORD),
    }
}

structure! {
    /// The Credential Value of a Device credential (§2.1.2, KMIP 1.1).
    #[derive(Default)]
    pub struct DeviceCredential {
        /// Device Serial Number.
        pub device_serial_number: Option<String> = opt(tag::DEVICE_SERIAL_NUMBER),
        /// Password (secret).
        pub password: Option<SecretString> = opt(tag::PASSWORD),
        /// Device Identifier.
        pub device_identifier: Option<String> = opt(tag::DEVICE_IDENTIFIER),
        /// Network Identifier.
        pub network_identifier: Option<String> = opt(tag::NETWORK_IDENTIFIER),
        /// Machine Identifier.
        pub machine_identifier: Option<String> = opt(tag::MACHINE_IDENTIFIER),
        /// Media Identifier.
        pub media_identifier: Option<String> = opt(tag::MEDIA_IDENTIFIER),
    }
}

structure! {
    /// Nonce (KMIP 1.2 §2.1.10): a server nonce for attestation.
    #[derive(PartialEq, Eq, Default)]
    pub struct Nonce {
        /// Nonce ID.
        pub nonce_id: ByteString = req(tag::NONCE_ID),
        /// Nonce Value.
        pub nonce_value: ByteString = req(tag::NONCE_VALUE),
    }
}

structure! {
    /// The Credential Value of an Attestation credential (KMIP 1.2 §2.1.2). Its tags are KMIP
    /// 1.2's: encoding for a 1.0 or 1.1 peer leaves it out.
    #[derive(PartialEq, Eq, Default)]
    pub struct AttestationCredential {
        /// Nonce.
        pub nonce: Nonce = req(tag::NONCE),
        /// Attestation Type.
        pub attestation_type: AttestationType = req(tag::ATTESTATION_TYPE),
        /// Attestation Measurement.
        pub attestation_measurement: Option<ByteString> = opt(tag::ATTESTATION_MEASUREMENT),
        /// Attestation Assertion.
        pub attestation_assertion: Option<ByteString> = opt(tag::ATTESTATION_ASSERTION),
    }
}

/// Credential Value (§2.1.2), typed by the Credential Type.
#[derive(Clone, Debug)]
pub enum CredentialValue {
    /// Username and Password.
    UsernameAndPassword(UsernameAndPassword),
    /// Device (KMIP 1.1).
    Device(DeviceCredential),
    /// Attestation (KMIP 1.2).
    Attestation(AttestationCredential),
    /// A credential type the model does not know, kept verbatim.
    Other(RawItem),
}

/// Credential (§2.1.2).
#[derive(Clone)]
pub struct Credential {
    /// Credential Type.
    pub credential_type: CredentialType,
    /// Credential Value.
    pub credential_value: CredentialValue,
    /// Items this model does not know, kept in place.
    pub unknown: Vec<UnknownItem>,
}

impl Credential {
    /// A Username and Password credential.
    pub fn username_and_password(username: impl Into<String>, password: Option<&str>) -> Self {
        Self {
            credential_type: CredentialType::USERNAME_AND_PASSWORD,
            credential_value: CredentialValue::UsernameAndPassword(UsernameAndPassword {
                username: username.into(),
                password: password.map(SecretString::from),
                unknown: Vec::new(),
            }),
            unknown: Vec::new(),
        }
    }

    /// A Device credential.
    pub fn device(device: DeviceCredential) -> Self {
        Self {
            credential_type: CredentialType::DEVICE,
            credential_value: CredentialValue::Device(device),
            unknown: Vec::new(),
        }
    }

    /// An Attestation credential (KMIP 1.2).
    pub fn attestation(attestation: AttestationCredential) -> Self {
        Self {
            credential_type: CredentialType::ATTESTATION,
            credential_value: CredentialValue::Attestation(attestation),
            unknown: Vec::new(),
        }
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Credential");
        s.field("credential_type", &self.credential_type);
        s.field("credential_value", &self.credential_value);
        if !self.unknown.is_empty() {
            s.field("unknown", &self.unknown);
        }
        s.finish()
    }
}

const CREDENTIAL_FIELDS: &[Tag] = &[tag::CREDENTIAL_TYPE, tag::CREDENTIAL_VALUE];

impl FromTtlv for Credential {
    fn from_ttlv(item: &Item<'_>, cx: &Context) -> Result<Self, Error> {
        let mut d = StructDecoder::new(item, CREDENTIAL_FIELDS, cx)?;
        let credential_type: CredentialType = d.req(tag::CREDENTIAL_TYPE)?;
        let value = d.req_item(tag::CREDENTIAL_VALUE)?;
        let credential_value = d.decode_with(&value, |v, cx| {
            Ok(match credential_type {
                CredentialType::USERNAME_AND_PASSWORD => {
                    CredentialValue::UsernameAndPassword(FromTtlv::from_ttlv(v, cx)?)
                }
                CredentialType::DEVICE => CredentialValue::Device(FromTtlv::from_ttlv(v, cx)?),
                CredentialType::ATTESTATION => {
                    CredentialValue::Attestation(FromTtlv::from_ttlv(v, cx)?)
                }
                _ => CredentialValue::Other(RawItem::from_item(v)),
            })
        })?;
        let unknown = d.finish()?;
        Ok(Self {
            credential_type,
            credential_value,
            unknown,
        })
    }
}

impl ToTtlv for Credential {
    fn to_ttlv(&self, tag: Tag, e: &mut Encoder<'_>) {
        e.structure(tag, |e| {
            let mut u = Interleave::new(&self.unknown);
            u.known(e);
            e.field(tag::CREDENTIAL_TYPE, &self.credential_type);
            u.known(e);
            match &self.credential_value {
                CredentialValue::UsernameAndPassword(v) => e.field(tag::CREDENTIAL_VALUE, v),
                CredentialValue::Device(v) => e.field(tag::CREDENTIAL_VALUE, v),
                CredentialValue::Attestation(v) => e.field(tag::CREDENTIAL_VALUE, v),
                CredentialValue::Other(raw) => e.raw(raw),
            }
            u.rest(e);
        });
    }
}

structure! {
    /// Authentication (§6.6): the client's credentials (one in KMIP 1.1; KMIP 1.2 allows
    /// several).
    pub struct Authentication {
        /// Credentials.
        pub credentials: Vec<Credential> = rep1(tag::CREDENTIAL),
    }
}

impl Authentication {
    /// Authentication with one credential.
    pub fn new(credential: Credential) -> Self {
        Self {
            credentials: vec![credential],
            unknown: Vec::new(),
        }
    }
}

structure! {
    /// Message Extension (§6.16): a vendor's extension of a batch item.
    #[derive(PartialEq, Eq)]
    pub struct MessageExtension {
        /// Vendor Identification.
        pub vendor_identification: String = req(tag::VENDOR_IDENTIFICATION),
        /// Criticality Indicator: whether a server that does not understand the extension must
        /// reject the item.
        pub criticality_indicator: bool = req(tag::CRITICALITY_INDICATOR),
        /// Vendor Extension: vendor-specific structure, kept verbatim.
        pub vendor_extension: RawItem = req(tag::VENDOR_EXTENSION),
    }
}

/// Request Header (§7.2). The Batch Count is not stored: it is written as the number of batch
/// items, and decoding checks that it matches.
#[derive(Clone, Default)]
pub struct RequestHeader {
    /// Protocol Version (§6.1).
    pub protocol_version: ProtocolVersion,
    /// Maximum Response Size (§6.3), bytes.
    pub maximum_response_size: Option<i32>,
    /// Asynchronous Indicator (§6.7).
    pub asynchronous_indicator: Option<bool>,
    /// Authentication (§6.6).
    pub authentication: Option<Authentication>,
    /// Batch Error Continuation Option (§6.13).
    pub batch_error_continuation_option: Option<BatchErrorContinuationOption>,
    /// Batch Order Option (§6.12).
    pub batch_order_option: Option<bool>,
    /// Time Stamp (§6.5).
    pub time_stamp: Option<DateTime>,
    /// Items this model does not know (KMIP 1.2's Attestation Capable Indicator, ...), kept in
    /// place.
    pub unknown: Vec<UnknownItem>,
}

impl RequestHeader {
    /// A header for `version` with no optional field.
    pub fn new(version: ProtocolVersion) -> Self {
        Self {
            protocol_version: version,
            ..Self::default()
        }
    }
}

const REQUEST_HEADER_FIELDS: &[Tag] = &[
    tag::PROTOCOL_VERSION,
    tag::MAXIMUM_RESPONSE_SIZE,
    tag::ASYNCHRONOUS_INDICATOR,
    tag::AUTHENTICATION,
    tag::BATCH_ERROR_CONTINUATION_OPTION,
    tag::BATCH_ORDER_OPTION,
    tag::TIME_STAMP,
    tag::BATCH_COUNT,
];

impl RequestHeader {
    fn decode(item: &Item<'_>, cx: &Context) -> Result<(Self, i32), Error> {
        let mut d = StructDecoder::new(item, REQUEST_HEADER_FIELDS, cx)?;
        let protocol_version: ProtocolVersion = d.req(tag::PROTOCOL_VERSION)?;
        d.set_context(Context::new(protocol_version));
        let header = Self {
            protocol_version,
            maximum_response_size: d.opt(tag::MAXIMUM_RESPONSE_SIZE)?,
            asynchronous_indicator: d.opt(tag::ASYNCHRONOUS_INDICATOR)?,
            authentication: d.opt(tag::AUTHENTICATION)?,
            batch_error_continuation_option: d.opt(tag::BATCH_ERROR_CONTINUATION_OPTION)?,
            batch_order_option: d.opt(tag::BATCH_ORDER_OPTION)?,
            time_stamp: d.opt(tag::TIME_STAMP)?,
            unknown: Vec::new(),
        };
        let count = d.req(tag::BATCH_COUNT)?;
        let unknown = d.finish()?;
        Ok((Self { unknown, ..header }, count))
    }

    fn encode(&self, count: i32, e: &mut Encoder<'_>) {
        e.structure(tag::REQUEST_HEADER, |e| {
            let mut u = Interleave::new(&self.unknown);
            u.known(e);
            e.field(tag::PROTOCOL_VERSION, &self.protocol_version);
            if let Some(v) = &self.maximum_response_size {
                u.known(e);
                e.field(tag::MAXIMUM_RESPONSE_SIZE, v);
            }
            if let Some(v) = &self.asynchronous_indicator {
                u.known(e);
                e.field(tag::ASYNCHRONOUS_INDICATOR, v);
            }
            if let Some(v) = &self.authentication {
                u.known(e);
                e.field(tag::AUTHENTICATION, v);
            }
            if let Some(v) = &self.batch_error_continuation_option {
                u.known(e);
                e.field(tag::BATCH_ERROR_CONTINUATION_OPTION, v);
            }
            if let Some(v) = &self.batch_order_option {
                u.known(e);
                e.field(tag::BATCH_ORDER_OPTION, v);
            }
            if let Some(v) = &self.time_stamp {
                u.known(e);
                e.field(tag::TIME_STAMP, v);
            }
            u.known(e);
            e.integer(tag::BATCH_COUNT, count);
            u.rest(e);
        });
    }
}

impl fmt::Debug for RequestHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("RequestHeader");
        s.field("protocol_version", &self.protocol_version);
        if let Some(v) = &self.maximum_response_size {
            s.field("maximum_response_size", v);
        }
        if let Some(v) = &self.asynchronous_indicator {
            s.field("asynchronous_indicator", v);
        }
        if let Some(v) = &self.authentication {
            s.field("authentication", v);
        }
        if let Some(v) = &self.batch_error_continuation_option {
            s.field("batch_error_continuation_option", v);
        }
        if let Some(v) = &self.batch_order_option {
            s.field("batch_order_option", v);
        }
        if let Some(v) = &self.time_stamp {
            s.field("time_stamp", v);
        }
        if !self.unknown.is_empty() {
            s.field("unknown", &self.unknown);
        }
        s.finish()
    }
}

/// Response Header (§7.2). The Batch Count is written as the number of batch items.
#[derive(Clone, Default)]
pub struct ResponseHeader {
    /// Protocol Version (§6.1).
    pub protocol_version: ProtocolVersion,
    /// Time Stamp (§6.5).
    pub time_stamp: DateTime,
    /// Items this model does not know (KMIP 1.2's Nonce, Attestation Type, ...), in place.
    pub unknown: Vec<UnknownItem>,
}

const RESPONSE_HEADER_FIELDS: &[Tag] = &[tag::PROTOCOL_VERSION, tag::TIME_STAMP, tag::BATCH_COUNT];

impl ResponseHeader {
    fn decode(item: &Item<'_>, cx: &Context) -> Result<(Self, i32), Error> {
        let mut d = StructDecoder::new(item, RESPONSE_HEADER_FIELDS, cx)?;
        let protocol_version: ProtocolVersion = d.req(tag::PROTOCOL_VERSION)?;
        d.set_context(Context::new(protocol_version));
        let time_stamp = d.req(tag::TIME_STAMP)?;
        let count = d.req(tag::BATCH_COUNT)?;
        let unknown = d.finish()?;
        Ok((
            Self {
                protocol_version,
                time_stamp,
                unknown,
            },
            count,
        ))
    }

    fn encode(&self, count: i32, e: &mut Encoder<'_>) {
        e.structure(tag::RESPONSE_HEADER, |e| {
            let mut u = Interleave::new(&self.unknown);
            u.known(e);
            e.field(tag::PROTOCOL_VERSION, &self.protocol_version);
            u.known(e);
            e.field(tag::TIME_STAMP, &self.time_stamp);
            u.known(e);
            e.integer(tag::BATCH_COUNT, count);
            u.rest(e);
        });
    }
}

impl fmt::Debug for ResponseHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("ResponseHeader");
        s.field("protocol_version", &self.protocol_version);
        s.field("time_stamp", &self.time_stamp);
        if !self.unknown.is_empty() {
            s.field("unknown", &self.unknown);
        }
        s.finish()
    }
}

/// A Request Batch Item (§6.15, §7.2): an operation and its payload.
#[derive(Clone)]
pub struct RequestBatchItem {
    /// Operation (§6.2).
    pub operation: Operation,
    /// Unique Batch Item ID (§6.4), required when the batch has several items.
    pub unique_batch_item_id: Option<ByteString>,
    /// Request Payload, typed by the operation.
    pub payload: RequestPayload,
    /// Message Extension (§6.16).
    pub message_extension: Option<MessageExtension>,
    /// Items this model does not know, kept in place.
    pub unknown: Vec<UnknownItem>,
}

impl RequestBatchItem {
    /// A batch item for a typed payload; the Operation comes from the payload. An
    /// [`RequestPayload::Other`] payload gets Operation 0: set it.
    pub fn new(payload: impl Into<RequestPayload>) -> Self {
        let payload = payload.into();
        Self {
            operation: payload.operation().unwrap_or_default(),
            unique_batch_item_id: None,
            payload,
            message_extension: None,
            unknown: Vec::new(),
        }
    }

    /// The same item with a Unique Batch Item ID.
    #[must_use]
    pub fn with_id(mut self, id: impl Into<ByteString>) -> Self {
        self.unique_batch_item_id = Some(id.into());
        self
    }

    /// The typed payload, or [`ErrorKind::UnsupportedOperation`] for one the model keeps
    /// raw (for a server that implements only what the model types).
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedOperation`] (Result Reason Operation Not Supported).
    pub fn typed_payload(&self) -> Result<&RequestPayload, Error> {
        match self.payload {
            RequestPayload::Other(_) => Err(Error::new(
                ErrorKind::UnsupportedOperation {
                    operation: self.operation,
                },
                0,
            )),
            _ => Ok(&self.payload),
        }
    }
}

const REQUEST_BATCH_ITEM_FIELDS: &[Tag] = &[
    tag::OPERATION,
    tag::UNIQUE_BATCH_ITEM_ID,
    tag::REQUEST_PAYLOAD,
    tag::MESSAGE_EXTENSION,
];

impl FromTtlv for RequestBatchItem {
    fn from_ttlv(item: &Item<'_>, cx: &Context) -> Result<Self, Error> {
        let mut d = StructDecoder::new(item, REQUEST_BATCH_ITEM_FIELDS, cx)?;
        let operation: Operation = d.req(tag::OPERATION)?;
        let unique_batch_item_id = d.opt(tag::UNIQUE_BATCH_ITEM_ID)?;
        let payload = d.req_item(tag::REQUEST_PAYLOAD)?;
        let payload = d.decode_with(&payload, |p, cx| {
            expect_type(p, kmip_ttlv::ItemType::Structure)?;
            RequestPayload::decode(operation, p, cx)
        })?;
        let message_extension = d.opt(tag::MESSAGE_EXTENSION)?;
        let unknown = d.finish()?;
        Ok(Self {
            operation,
            unique_batch_item_id,
            payload,
            message_extension,
            unknown,
        })
    }
}

impl ToTtlv for RequestBatchItem {
    fn to_ttlv(&self, tag: Tag, e: &mut Encoder<'_>) {
        e.structure(tag, |e| {
            let mut u = Interleave::new(&self.unknown);
            u.known(e);
            e.field(tag::OPERATION, &self.operation);
            if let Some(v) = &self.unique_batch_item_id {
                u.known(e);
                e.field(tag::UNIQUE_BATCH_ITEM_ID, v);
            }
            u.known(e);
            e.field(tag::REQUEST_PAYLOAD, &self.payload);
            if let Some(v) = &self.message_extension {
                u.known(e);
                e.field(tag::MESSAGE_EXTENSION, v);
            }
            u.rest(e);
        });
    }
}

impl fmt::Debug for RequestBatchItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("RequestBatchItem");
        s.field("operation", &self.operation);
        if let Some(v) = &self.unique_batch_item_id {
            s.field("unique_batch_item_id", v);
        }
        s.field("payload", &self.payload);
        if let Some(v) = &self.message_extension {
            s.field("message_extension", v);
        }
        if !self.unknown.is_empty() {
            s.field("unknown", &self.unknown);
        }
        s.finish()
    }
}

/// A Response Batch Item (§6.15, §7.2): the result of one request batch item.
#[derive(Clone, Default)]
pub struct ResponseBatchItem {
    /// Operation (§6.2), echoed from the request item.
    pub operation: Option<Operation>,
    /// Unique Batch Item ID (§6.4), echoed from the request item.
    pub unique_batch_item_id: Option<ByteString>,
    /// Result Status (§6.9).
    pub result_status: ResultStatus,
    /// Result Reason (§6.10), required when the status is a failure.
    pub result_reason: Option<ResultReason>,
    /// Result Message (§6.11).
    pub result_message: Option<String>,
    /// Asynchronous Correlation Value (§6.8), when the status is pending.
    pub asynchronous_correlation_value: Option<ByteString>,
    /// Response Payload: typed by the operation when the status is Success.
    pub payload: Option<ResponsePayload>,
    /// Message Extension (§6.16).
    pub message_extension: Option<MessageExtension>,
    /// Items this model does not know, kept in place.
    pub unknown: Vec<UnknownItem>,
}

impl ResponseBatchItem {
    /// A successful result.
    pub fn success(payload: impl Into<ResponsePayload>) -> Self {
        let payload = payload.into();
        Self {
            operation: payload.operation(),
            result_status: ResultStatus::SUCCESS,
            payload: Some(payload),
            ..Self::default()
        }
    }

    /// A failed result.
    pub fn failure(
        operation: Option<Operation>,
        reason: ResultReason,
        message: Option<String>,
    ) -> Self {
        Self {
            operation,
            result_status: ResultStatus::OPERATION_FAILED,
            result_reason: Some(reason),
            result_message: message,
            ..Self::default()
        }
    }

    /// Whether the status is Success.
    pub fn is_success(&self) -> bool {
        self.result_status == ResultStatus::SUCCESS
    }
}

const RESPONSE_BATCH_ITEM_FIELDS: &[Tag] = &[
    tag::OPERATION,
    tag::UNIQUE_BATCH_ITEM_ID,
    tag::RESULT_STATUS,
    tag::RESULT_REASON,
    tag::RESULT_MESSAGE,
    tag::ASYNCHRONOUS_CORRELATION_VALUE,
    tag::RESPONSE_PAYLOAD,
    tag::MESSAGE_EXTENSION,
];

impl FromTtlv for ResponseBatchItem {
    fn from_ttlv(item: &Item<'_>, cx: &Context) -> Result<Self, Error> {
        let mut d = StructDecoder::new(item, RESPONSE_BATCH_ITEM_FIELDS, cx)?;
        let operation: Option<Operation> = d.opt(tag::OPERATION)?;
        let unique_batch_item_id = d.opt(tag::UNIQUE_BATCH_ITEM_ID)?;
        let result_status: ResultStatus = d.req(tag::RESULT_STATUS)?;
        let result_reason = d.opt(tag::RESULT_REASON)?;
        let result_message = d.opt(tag::RESULT_MESSAGE)?;
        let asynchronous_correlation_value = d.opt(tag::ASYNCHRONOUS_CORRELATION_VALUE)?;
        let payload = match d.opt_item(tag::RESPONSE_PAYLOAD)? {
            Some(p) => Some(d.decode_with(&p, |p, cx| {
                expect_type(p, kmip_ttlv::ItemType::Structure)?;
                match operation {
                    Some(op) if result_status == ResultStatus::SUCCESS => {
                        ResponsePayload::decode(op, p, cx)
                    }
                    _ => Ok(ResponsePayload::Other(RawItem::from_item(p))),
                }
            })?),
            None => None,
        };
        let message_extension = d.opt(tag::MESSAGE_EXTENSION)?;
        let unknown = d.finish()?;
        Ok(Self {
            operation,
            unique_batch_item_id,
            result_status,
            result_reason,
            result_message,
            asynchronous_correlation_value,
            payload,
            message_extension,
            unknown,
        })
    }
}

impl ToTtlv for ResponseBatchItem {
    fn to_ttlv(&self, tag: Tag, e: &mut Encoder<'_>) {
        e.structure(tag, |e| {
            let mut u = Interleave::new(&self.unknown);
            if let Some(v) = &self.operation {
                u.known(e);
                e.field(tag::OPERATION, v);
            }
            if let Some(v) = &self.unique_batch_item_id {
                u.known(e);
                e.field(tag::UNIQUE_BATCH_ITEM_ID, v);
            }
            u.known(e);
            e.field(tag::RESULT_STATUS, &self.result_status);
            if let Some(v) = &self.result_reason {
                u.known(e);
                e.field(tag::RESULT_REASON, v);
            }
            if let Some(v) = &self.result_message {
                u.known(e);
                e.field(tag::RESULT_MESSAGE, v);
            }
            if let Some(v) = &self.asynchronous_correlation_value {
                u.known(e);
                e.field(tag::ASYNCHRONOUS_CORRELATION_VALUE, v);
            }
            if let Some(v) = &self.payload {
                u.known(e);
                e.field(tag::RESPONSE_PAYLOAD, v);
            }
            if let Some(v) = &self.message_extension {
                u.known(e);
                e.field(tag::MESSAGE_EXTENSION, v);
            }
            u.rest(e);
        });
    }
}

impl fmt::Debug for ResponseBatchItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("ResponseBatchItem");
        if let Some(v) = &self.operation {
            s.field("operation", v);
        }
        if let Some(v) = &self.unique_batch_item_id {
            s.field("unique_batch_item_id", v);
        }
        s.field("result_status", &self.result_status);
        if let Some(v) = &self.result_reason {
            s.field("result_reason", v);
        }
        if let Some(v) = &self.result_message {
            s.field("result_message", v);
        }
        if let Some(v) = &self.asynchronous_correlation_value {
            s.field("asynchronous_correlation_value", v);
        }
        if let Some(v) = &self.payload {
            s.field("payload", v);
        }
        if let Some(v) = &self.message_extension {
            s.field("message_extension", v);
        }
        if !self.unknown.is_empty() {
            s.field("unknown", &self.unknown);
        }
        s.finish()
    }
}

fn batch_count(len: usize) -> i32 {
    i32::try_from(len).unwrap_or(i32::MAX)
}

/// Decodes the outer structure of a message: header, then batch items with the header's
/// protocol version in the context.
fn decode_message<H, B: FromTtlv>(
    bytes: &[u8],
    limits: &Limits,
    message_tag: Tag,
    header_tag: Tag,
    decode_header: impl FnOnce(&Item<'_>, &Context) -> Result<(H, i32), Error>,
    version_of: impl Fn(&H) -> ProtocolVersion,
) -> Result<(H, Vec<B>, Vec<UnknownItem>), Error> {
    install_names();
    let item = kmip_ttlv::decode_with(bytes, limits)?;
    if item.tag() != message_tag {
        return Err(Error::new(
            ErrorKind::UnexpectedTag {
                expected: message_tag,
                found: item.tag(),
            },
            0,
        ));
    }
    let fields: &'static [Tag] = if message_tag == tag::REQUEST_MESSAGE {
        &[tag::REQUEST_HEADER, tag::BATCH_ITEM]
    } else {
        &[tag::RESPONSE_HEADER, tag::BATCH_ITEM]
    };
    let inner = || -> Result<_, Error> {
        let mut d = StructDecoder::new(&item, fields, &Context::default())?;
        let header_item = d.req_item(header_tag)?;
        let (header, count) = d.decode_with(&header_item, |h, cx| decode_header(h, cx))?;
        d.set_context(Context::new(version_of(&header)));
        let items: Vec<B> = d.rep1(tag::BATCH_ITEM)?;
        let unknown = d.finish()?;
        if usize::try_from(count).ok() != Some(items.len()) {
            return Err(Error::new(
                ErrorKind::BatchCount {
                    declared: count,
                    actual: items.len(),
                },
                header_item.offset(),
            )
            .inside(header_tag));
        }
        Ok((header, items, unknown))
    };
    inner().map_err(|e| e.inside(message_tag))
}

/// A Request Message (§7.1): a header and one or more batch items.
///
/// `RequestMessage::decode(x)?.encode() == x` for every well-formed message: unknown items
/// and payloads of operations the model does not type are kept verbatim and in place.
/// Encoding uses the header's Protocol Version: items that version does not define are left
/// out ([`ProtocolVersion::defines`]).
#[derive(Clone)]
pub struct RequestMessage {
    /// Request Header.
    pub header: RequestHeader,
    /// Batch Items.
    pub batch_items: Vec<RequestBatchItem>,
    /// Items this model does not know, kept in place.
    pub unknown: Vec<UnknownItem>,
}

impl RequestMessage {
    /// A message of `version` with `items`. When there are several items without Unique
    /// Batch Item IDs, each gets one (its 1-based index, 4 bytes big-endian).
    pub fn new(version: ProtocolVersion, items: Vec<RequestBatchItem>) -> Self {
        let mut items = items;
        if items.len() > 1 {
            for (i, item) in items.iter_mut().enumerate() {
                if item.unique_batch_item_id.is_none() {
                    let n = u32::try_from(i).unwrap_or(u32::MAX).saturating_add(1);
                    item.unique_batch_item_id = Some(ByteString(n.to_be_bytes().to_vec()));
                }
            }
        }
        Self {
            header: RequestHeader::new(version),
            batch_items: items,
            unknown: Vec::new(),
        }
    }

    /// A message of `version` with one batch item.
    pub fn single(version: ProtocolVersion, payload: impl Into<RequestPayload>) -> Self {
        Self::new(version, vec![RequestBatchItem::new(payload)])
    }

    /// The same message with Authentication.
    #[must_use]
    pub fn with_authentication(mut self, credential: Credential) -> Self {
        self.header.authentication = Some(Authentication::new(credential));
        self
    }

    /// Decodes a Request Message with the default [`Limits`].
    ///
    /// # Errors
    /// Invalid TTLV, a structure that does not match KMIP 1.1's tables, a Batch Count that
    /// does not match; [`Error::result_reason`] tells what to answer.
    pub fn decode(bytes: &[u8]) -> Result<Self, Error> {
        Self::decode_with(bytes, &Limits::DEFAULT)
    }

    /// Decodes a Request Message with the given limits.
    ///
    /// # Errors
    /// As [`decode`](Self::decode).
    pub fn decode_with(bytes: &[u8], limits: &Limits) -> Result<Self, Error> {
        let (header, batch_items, unknown) = decode_message(
            bytes,
            limits,
            tag::REQUEST_MESSAGE,
            tag::REQUEST_HEADER,
            RequestHeader::decode,
            |h: &RequestHeader| h.protocol_version,
        )?;
        Ok(Self {
            header,
            batch_items,
            unknown,
        })
    }

    /// Encodes the message for its header's protocol version.
    pub fn encode(&self) -> Vec<u8> {
        let mut buf = Vec::with_capacity(256);
        // Only a message over 4 GiB fails, and then the bytes are still the best effort.
        let _ = self.encode_into(&mut buf);
        buf
    }

    /// Encodes the message, appending to `buf`.
    ///
    /// # Errors
    /// A value or structure over 4 GiB, which TTLV cannot express.
    pub fn encode_into(&self, buf: &mut Vec<u8>) -> Result<(), Error> {
        let mut e = Encoder::new(buf, self.header.protocol_version);
        e.structure(tag::REQUEST_MESSAGE, |e| {
            let mut u = Interleave::new(&self.unknown);
            u.known(e);
            self.header.encode(batch_count(self.batch_items.len()), e);
            for item in &self.batch_items {
                u.known(e);
                e.field(tag::BATCH_ITEM, item);
            }
            u.rest(e);
        });
        e.finish()
    }

    /// Answers this request: calls `handler` on every batch item, in order, and builds the
    /// response in the request's protocol version, one response item per request item,
    /// each echoing the Operation and Unique Batch Item ID, a failure carried as Result
    /// Status Operation Failed with the [`Failure`]'s reason and message. The Time Stamp is
    /// now. The handler applies Batch Order and Batch Error Continuation Options itself (it
    /// is `FnMut`, so it can remember an earlier failure).
    pub fn respond(
        &self,
        handler: impl FnMut(&RequestBatchItem) -> Result<ResponsePayload, Failure>,
    ) -> ResponseMessage {
        self.respond_at(DateTime::now(), handler)
    }

    /// [`respond`](Self::respond) with a given Time Stamp.
    pub fn respond_at(
        &self,
        time_stamp: DateTime,
        mut handler: impl FnMut(&RequestBatchItem) -> Result<ResponsePayload, Failure>,
    ) -> ResponseMessage {
        let batch_items = self
            .batch_items
            .iter()
            .map(|item| {
                let mut response = match handler(item) {
                    Ok(payload) => ResponseBatchItem::success(payload),
                    Err(f) => ResponseBatchItem::failure(None, f.reason, f.message),
                };
                response.operation = Some(item.operation);
                response.unique_batch_item_id = item.unique_batch_item_id.clone();
                response
            })
            .collect();
        ResponseMessage {
            header: ResponseHeader {
                protocol_version: self.header.protocol_version,
                time_stamp,
                unknown: Vec::new(),
            },
            batch_items,
            unknown: Vec::new(),
        }
    }
}

impl fmt::Debug for RequestMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("RequestMessage");
        s.field("header", &self.header);
        s.field("batch_items", &self.batch_items);
        if !self.unknown.is_empty() {
            s.field("unknown", &self.unknown);
        }
        s.finish()
    }
}

/// Why a server could not perform a batch item: the Result Reason and an optional Result
/// Message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// Result Reason.
    pub reason: ResultReason,
    /// Result Message.
    pub message: Option<String>,
}

impl Failure {
    /// A failure with a message.
    pub fn new(reason: ResultReason, message: impl Into<String>) -> Self {
        Self {
            reason,
            message: Some(message.into()),
        }
    }
}

impl From<Error> for Failure {
    /// The error's [`result_reason`](Error::result_reason), its text as the message.
    fn from(e: Error) -> Self {
        Self {
            reason: e.result_reason(),
            message: Some(e.to_string()),
        }
    }
}

/// A Response Message (§7.1): a header and one or more batch items.
///
/// `ResponseMessage::decode(x)?.encode() == x` for every well-formed message. Encoding uses
/// the header's Protocol Version, so a response built by [`RequestMessage::respond`] for a
/// KMIP 1.0 or 1.1 client never carries an item that version lacks.
#[derive(Clone)]
pub struct ResponseMessage {
    /// Response Header.
    pub header: ResponseHeader,
    /// Batch Items.
    pub batch_items: Vec<ResponseBatchItem>,
    /// Items this model does not know, kept in place.
    pub unknown: Vec<UnknownItem>,
}

impl ResponseMessage {
    /// A response of `version` stamped `time_stamp`, with `items`.
    pub fn new(
        version: ProtocolVersion,
        time_stamp: DateTime,
        items: Vec<ResponseBatchItem>,
    ) -> Self {
        Self {
            header: ResponseHeader {
                protocol_version: version,
                time_stamp,
                unknown: Vec::new(),
            },
            batch_items: items,
            unknown: Vec::new(),
        }
    }

    /// The answer to a request that could not be decoded: one failed batch item whose
    /// Result Reason is the error's and whose Result Message is the error's text. `version`
    /// is the request's if it could be read ([`peek_protocol_version`]), else the server's.
    pub fn for_error(error: &Error, version: ProtocolVersion) -> Self {
        Self::new(
            version,
            DateTime::now(),
            vec![ResponseBatchItem::failure(
                None,
                error.result_reason(),
                Some(error.to_string()),
            )],
        )
    }

    /// Decodes a Response Message with the default [`Limits`].
    ///
    /// # Errors
    /// As [`RequestMessage::decode`].
    pub fn decode(bytes: &[u8]) -> Result<Self, Error> {
        Self::decode_with(bytes, &Limits::DEFAULT)
    }

    /// Decodes a Response Message with the given limits.
    ///
    /// # Errors
    /// As [`RequestMessage::decode`].
    pub fn decode_with(bytes: &[u8], limits: &Limits) -> Result<Self, Error> {
        let (header, batch_items, unknown) = decode_message(
            bytes,
            limits,
            tag::RESPONSE_MESSAGE,
            tag::RESPONSE_HEADER,
            ResponseHeader::decode,
            |h: &ResponseHeader| h.protocol_version,
        )?;
        Ok(Self {
            header,
            batch_items,
            unknown,
        })
    }

    /// Encodes the message for its header's protocol version.
    pub fn encode(&self) -> Vec<u8> {
        let mut buf = Vec::with_capacity(256);
        // Only a message over 4 GiB fails, and then the bytes are still the best effort.
        let _ = self.encode_into(&mut buf);
        buf
    }

    /// Encodes the message, appending to `buf`.
    ///
    /// # Errors
    /// A value or structure over 4 GiB, which TTLV cannot express.
    pub fn encode_into(&self, buf: &mut Vec<u8>) -> Result<(), Error> {
        let mut e = Encoder::new(buf, self.header.protocol_version);
        e.structure(tag::RESPONSE_MESSAGE, |e| {
            let mut u = Interleave::new(&self.unknown);
            u.known(e);
            self.header.encode(batch_count(self.batch_items.len()), e);
            for item in &self.batch_items {
                u.known(e);
                e.field(tag::BATCH_ITEM, item);
            }
            u.rest(e);
        });
        e.finish()
    }
}

impl fmt::Debug for ResponseMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("ResponseMessage");
        s.field("header", &self.header);
        s.field("batch_items", &self.batch_items);
        if !self.unknown.is_empty() {
            s.field("unknown", &self.unknown);
        }
        s.finish()
    }
}

/// The Protocol Version of a Request or Response Message, read without decoding the rest (for
/// answering a message that does not decode in its own version). `None` if the bytes are not
/// valid TTLV or hold no readable Protocol Version.
pub fn peek_protocol_version(bytes: &[u8]) -> Option<ProtocolVersion> {
    let message = kmip_ttlv::decode(bytes).ok()?;
    let header = message
        .children()
        .find(|c| c.tag() == tag::REQUEST_HEADER || c.tag() == tag::RESPONSE_HEADER)?;
    let version = header.child(tag::PROTOCOL_VERSION)?;
    ProtocolVersion::from_ttlv(&version, &Context::default()).ok()
}

macro_rules! from_payloads {
    ($enum:ident: $($variant:ident($ty:ty),)*) => {
        $(
            impl From<$ty> for $enum {
                fn from(p: $ty) -> Self {
                    Self::$variant(p)
                }
            }
        )*
    };
}

use crate::payload::*;

from_payloads! {
    RequestPayload:
    Create(CreateRequest),
    CreateKeyPair(CreateKeyPairRequest),
    Register(RegisterRequest),
    ReKey(ReKeyRequest),
    DeriveKey(DeriveKeyRequest),
    Certify(CertifyRequest),
    ReCertify(ReCertifyRequest),
    Locate(LocateRequest),
    Check(CheckRequest),
    Get(GetRequest),
    GetAttributes(GetAttributesRequest),
    GetAttributeList(GetAttributeListRequest),
    AddAttribute(AddAttributeRequest),
    ModifyAttribute(ModifyAttributeRequest),
    DeleteAttribute(DeleteAttributeRequest),
    ObtainLease(ObtainLeaseRequest),
    GetUsageAllocation(GetUsageAllocationRequest),
    Activate(ActivateRequest),
    Revoke(RevokeRequest),
    Destroy(DestroyRequest),
    Archive(ArchiveRequest),
    Recover(RecoverRequest),
    Validate(ValidateRequest),
    Query(QueryRequest),
    Cancel(CancelRequest),
    Poll(PollRequest),
    Notify(NotifyRequest),
    Put(PutRequest),
    ReKeyKeyPair(ReKeyKeyPairRequest),
    DiscoverVersions(DiscoverVersionsRequest),
}

// Re-key Key Pair's response type is Create Key Pair's: build it as
// `ResponsePayload::ReKeyKeyPair(..)`; Poll's is raw: `ResponsePayload::Poll(..)`.
from_payloads! {
    ResponsePayload:
    Create(CreateResponse),
    CreateKeyPair(CreateKeyPairResponse),
    Register(RegisterResponse),
    ReKey(ReKeyResponse),
    DeriveKey(DeriveKeyResponse),
    Certify(CertifyResponse),
    ReCertify(ReCertifyResponse),
    Locate(LocateResponse),
    Check(CheckResponse),
    Get(GetResponse),
    GetAttributes(GetAttributesResponse),
    GetAttributeList(GetAttributeListResponse),
    AddAttribute(AddAttributeResponse),
    ModifyAttribute(ModifyAttributeResponse),
    DeleteAttribute(DeleteAttributeResponse),
    ObtainLease(ObtainLeaseResponse),
    GetUsageAllocation(GetUsageAllocationResponse),
    Activate(ActivateResponse),
    Revoke(RevokeResponse),
    Destroy(DestroyResponse),
    Archive(ArchiveResponse),
    Recover(RecoverResponse),
    Validate(ValidateResponse),
    Query(QueryResponse),
    Cancel(CancelResponse),
    Notify(NotifyResponse),
    Put(PutResponse),
    DiscoverVersions(DiscoverVersionsResponse),
}
