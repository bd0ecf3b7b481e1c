//! Messages (KMIP 1.1 §7): Request and Response Message, their headers (§6.1–§6.14 fields),
//! batch items (§6.15), Authentication and Credential (§2.1.2, all three credential types),
//! and Message Extension (§6.16).

use core::fmt;

use kmip_ttlv::{Cursor, Item, Limits, Tag};

use crate::codec::{
    Context, DecodeInPlace, Encoder, FromTtlv, Interleave, RawItem, ReadCommon, StructReader,
    ToTtlv, bit, expect_type, read_optional, required,
};
use crate::payload::{RequestPayload, ResponsePayload, read_raw_payload};
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

crate::codec::read_common_by_item!(Credential);

impl FromTtlv for Credential {
    fn from_ttlv(item: &Item<'_>, cx: &Context) -> Result<Self, Error> {
        // Fields: 0 Credential Type, 1 Credential Value.
        let mut r = StructReader::new(item, 0, cx)?;
        let mut credential_type = None;
        let mut credential_value = None;
        while let Some(child) = r.next() {
            match child.tag() {
                tag::CREDENTIAL_TYPE => {
                    r.known(0, &child)?;
                    credential_type = Some(r.decode::<CredentialType>(&child)?);
                }
                tag::CREDENTIAL_VALUE => {
                    r.known(1, &child)?;
                    // The type says how to read the value.
                    let Some(t) = credential_type else {
                        return Err(r.absent(tag::CREDENTIAL_TYPE));
                    };
                    credential_value = Some(r.decode_with(&child, |v, cx| {
                        Ok(match t {
                            CredentialType::USERNAME_AND_PASSWORD => {
                                CredentialValue::UsernameAndPassword(FromTtlv::from_ttlv(v, cx)?)
                            }
                            CredentialType::DEVICE => {
                                CredentialValue::Device(FromTtlv::from_ttlv(v, cx)?)
                            }
                            CredentialType::ATTESTATION => {
                                CredentialValue::Attestation(FromTtlv::from_ttlv(v, cx)?)
                            }
                            _ => CredentialValue::Other(RawItem::from_item(v)),
                        })
                    })?);
                }
                _ => r.unknown(&child),
            }
        }
        Ok(Self {
            credential_type: required(credential_type, &r, tag::CREDENTIAL_TYPE)?,
            credential_value: required(credential_value, &r, tag::CREDENTIAL_VALUE)?,
            unknown: r.finish(),
        })
    }
}

impl ToTtlv for Credential {
    fn to_ttlv(&self, tag: Tag, e: &mut Encoder<'_>) {
        e.structure(tag, |e| {
            let mut u = Interleave::new(&self.unknown);
            u.field(e, tag::CREDENTIAL_TYPE, &self.credential_type);
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

impl RequestHeader {
    fn decode(item: &Item<'_>, cx: &Context) -> Result<(Self, i32), Error> {
        // Fields: 0 Protocol Version, 1 Maximum Response Size, 2 Asynchronous Indicator,
        // 3 Authentication, 4 Batch Error Continuation Option, 5 Batch Order Option,
        // 6 Time Stamp, 7 Batch Count.
        let mut r = StructReader::new(item, 0, cx)?;
        let mut header = Self::default();
        let mut version = None;
        let mut count = None;
        while let Some(child) = r.next() {
            match child.tag() {
                tag::PROTOCOL_VERSION => {
                    r.known(0, &child)?;
                    let v: ProtocolVersion = r.decode(&child)?;
                    r.set_context(Context::new(v));
                    version = Some(v);
                }
                tag::MAXIMUM_RESPONSE_SIZE => {
                    r.known(1, &child)?;
                    header.maximum_response_size = Some(r.decode(&child)?);
                }
                tag::ASYNCHRONOUS_INDICATOR => {
                    r.known(2, &child)?;
                    header.asynchronous_indicator = Some(r.decode(&child)?);
                }
                tag::AUTHENTICATION => {
                    r.known(3, &child)?;
                    header.authentication = Some(r.decode(&child)?);
                }
                tag::BATCH_ERROR_CONTINUATION_OPTION => {
                    r.known(4, &child)?;
                    header.batch_error_continuation_option = Some(r.decode(&child)?);
                }
                tag::BATCH_ORDER_OPTION => {
                    r.known(5, &child)?;
                    header.batch_order_option = Some(r.decode(&child)?);
                }
                tag::TIME_STAMP => {
                    r.known(6, &child)?;
                    header.time_stamp = Some(r.decode(&child)?);
                }
                tag::BATCH_COUNT => {
                    r.known(7, &child)?;
                    count = Some(r.decode(&child)?);
                }
                _ => r.unknown(&child),
            }
        }
        header.protocol_version = required(version, &r, tag::PROTOCOL_VERSION)?;
        let count = required(count, &r, tag::BATCH_COUNT)?;
        header.unknown = r.finish();
        Ok((header, count))
    }

    /// [`decode`](Self::decode) on the one-pass path (`RequestMessage::read_common`): the
    /// fields in their order, nothing else; Authentication validated whole
    /// ([`Cursor::item`]) and decoded by the general decoder.
    fn read_common(h: &mut Cursor<'_>) -> Option<(Self, i32)> {
        let mut header = Self::new(ProtocolVersion::read_common(h)?);
        let cx = &Context::new(header.protocol_version);
        read_optional(
            h,
            tag::MAXIMUM_RESPONSE_SIZE,
            cx,
            &mut header.maximum_response_size,
        )?;
        read_optional(
            h,
            tag::ASYNCHRONOUS_INDICATOR,
            cx,
            &mut header.asynchronous_indicator,
        )?;
        if h.peek_tag() == Some(tag::AUTHENTICATION) {
            let item = h.item(tag::AUTHENTICATION)?;
            header.authentication = Some(FromTtlv::from_ttlv(&item, cx).ok()?);
        }
        read_optional(
            h,
            tag::BATCH_ERROR_CONTINUATION_OPTION,
            cx,
            &mut header.batch_error_continuation_option,
        )?;
        read_optional(
            h,
            tag::BATCH_ORDER_OPTION,
            cx,
            &mut header.batch_order_option,
        )?;
        read_optional(h, tag::TIME_STAMP, cx, &mut header.time_stamp)?;
        Some((header, h.integer(tag::BATCH_COUNT)?))
    }

    fn encode(&self, count: i32, e: &mut Encoder<'_>) {
        e.structure(tag::REQUEST_HEADER, |e| {
            let mut u = Interleave::new(&self.unknown);
            u.field(e, tag::PROTOCOL_VERSION, &self.protocol_version);
            u.optional(e, tag::MAXIMUM_RESPONSE_SIZE, &self.maximum_response_size);
            u.optional(e, tag::ASYNCHRONOUS_INDICATOR, &self.asynchronous_indicator);
            u.optional(e, tag::AUTHENTICATION, &self.authentication);
            u.optional(
                e,
                tag::BATCH_ERROR_CONTINUATION_OPTION,
                &self.batch_error_continuation_option,
            );
            u.optional(e, tag::BATCH_ORDER_OPTION, &self.batch_order_option);
            u.optional(e, tag::TIME_STAMP, &self.time_stamp);
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

impl ResponseHeader {
    fn decode(item: &Item<'_>, cx: &Context) -> Result<(Self, i32), Error> {
        // Fields: 0 Protocol Version, 1 Time Stamp, 2 Batch Count.
        let mut r = StructReader::new(item, 0, cx)?;
        let mut version = None;
        let mut time_stamp = None;
        let mut count = None;
        while let Some(child) = r.next() {
            match child.tag() {
                tag::PROTOCOL_VERSION => {
                    r.known(0, &child)?;
                    let v: ProtocolVersion = r.decode(&child)?;
                    r.set_context(Context::new(v));
                    version = Some(v);
                }
                tag::TIME_STAMP => {
                    r.known(1, &child)?;
                    time_stamp = Some(r.decode(&child)?);
                }
                tag::BATCH_COUNT => {
                    r.known(2, &child)?;
                    count = Some(r.decode(&child)?);
                }
                _ => r.unknown(&child),
            }
        }
        let header = Self {
            protocol_version: required(version, &r, tag::PROTOCOL_VERSION)?,
            time_stamp: required(time_stamp, &r, tag::TIME_STAMP)?,
            unknown: Vec::new(),
        };
        let count = required(count, &r, tag::BATCH_COUNT)?;
        Ok((
            Self {
                unknown: r.finish(),
                ..header
            },
            count,
        ))
    }

    fn encode(&self, count: i32, e: &mut Encoder<'_>) {
        e.structure(tag::RESPONSE_HEADER, |e| {
            let mut u = Interleave::new(&self.unknown);
            u.field(e, tag::PROTOCOL_VERSION, &self.protocol_version);
            u.field(e, tag::TIME_STAMP, &self.time_stamp);
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

impl FromTtlv for RequestBatchItem {
    #[inline]
    fn from_ttlv(item: &Item<'_>, cx: &Context) -> Result<Self, Error> {
        Self::decode_by_value(item, cx)
    }
}

impl DecodeInPlace for RequestBatchItem {
    #[inline]
    fn placeholder() -> Self {
        Self {
            operation: Operation::default(),
            unique_batch_item_id: None,
            payload: RequestPayload::placeholder(),
            message_extension: None,
            unknown: Vec::new(),
        }
    }

    fn decode_in_place(&mut self, item: &Item<'_>, cx: &Context) -> Result<(), Error> {
        // Fields: 0 Operation, 1 Unique Batch Item ID, 2 Request Payload, 3 Message Extension.
        let mut r = StructReader::new(item, 0, cx)?;
        let mut operation = None;
        let mut payload = false;
        while let Some(child) = r.next() {
            match child.tag() {
                tag::OPERATION => {
                    r.known(0, &child)?;
                    operation = Some(r.decode::<Operation>(&child)?);
                }
                tag::UNIQUE_BATCH_ITEM_ID => {
                    r.known(1, &child)?;
                    self.unique_batch_item_id = Some(r.decode(&child)?);
                }
                tag::REQUEST_PAYLOAD => {
                    r.known(2, &child)?;
                    // The operation says how to read the payload.
                    let Some(op) = operation else {
                        return Err(r.absent(tag::OPERATION));
                    };
                    let slot = &mut self.payload;
                    r.decode_with(&child, |p, cx| {
                        expect_type(p, kmip_ttlv::ItemType::Structure)?;
                        slot.decode_into(op, p, cx)
                    })?;
                    payload = true;
                }
                tag::MESSAGE_EXTENSION => {
                    r.known(3, &child)?;
                    self.message_extension = Some(r.decode(&child)?);
                }
                _ => r.unknown(&child),
            }
        }
        self.operation = required(operation, &r, tag::OPERATION)?;
        if !payload {
            return Err(r.missing(tag::REQUEST_PAYLOAD));
        }
        self.unknown = r.finish();
        Ok(())
    }
}

impl RequestBatchItem {
    /// [`decode_in_place`](DecodeInPlace::decode_in_place) on the one-pass path
    /// (`RequestMessage::read_common`) into the placeholder `self`: Operation, Unique Batch
    /// Item ID and the payload; nothing else.
    fn read_common(&mut self, b: &mut Cursor<'_>, cx: &Context) -> Option<()> {
        let operation = ReadCommon::read_common(b, tag::OPERATION, cx)?;
        read_optional(
            b,
            tag::UNIQUE_BATCH_ITEM_ID,
            cx,
            &mut self.unique_batch_item_id,
        )?;
        self.payload.read_common_into(operation, b, cx)?;
        self.operation = operation;
        Some(())
    }
}

impl ToTtlv for RequestBatchItem {
    fn to_ttlv(&self, tag: Tag, e: &mut Encoder<'_>) {
        e.structure(tag, |e| {
            let mut u = Interleave::new(&self.unknown);
            u.field(e, tag::OPERATION, &self.operation);
            u.optional(e, tag::UNIQUE_BATCH_ITEM_ID, &self.unique_batch_item_id);
            u.field(e, tag::REQUEST_PAYLOAD, &self.payload);
            u.optional(e, tag::MESSAGE_EXTENSION, &self.message_extension);
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

impl FromTtlv for ResponseBatchItem {
    #[inline]
    fn from_ttlv(item: &Item<'_>, cx: &Context) -> Result<Self, Error> {
        Self::decode_by_value(item, cx)
    }
}

impl DecodeInPlace for ResponseBatchItem {
    #[inline]
    fn placeholder() -> Self {
        Self::default()
    }

    fn decode_in_place(&mut self, item: &Item<'_>, cx: &Context) -> Result<(), Error> {
        // Fields: 0 Operation, 1 Unique Batch Item ID, 2 Result Status, 3 Result Reason,
        // 4 Result Message, 5 Asynchronous Correlation Value, 6 Response Payload,
        // 7 Message Extension. The placeholder's optional fields are all `None`.
        let mut r = StructReader::new(item, 0, cx)?;
        let mut result_status = None;
        while let Some(child) = r.next() {
            match child.tag() {
                tag::OPERATION => {
                    r.known(0, &child)?;
                    self.operation = Some(r.decode(&child)?);
                }
                tag::UNIQUE_BATCH_ITEM_ID => {
                    r.known(1, &child)?;
                    self.unique_batch_item_id = Some(r.decode(&child)?);
                }
                tag::RESULT_STATUS => {
                    r.known(2, &child)?;
                    result_status = Some(r.decode::<ResultStatus>(&child)?);
                }
                tag::RESULT_REASON => {
                    r.known(3, &child)?;
                    self.result_reason = Some(r.decode(&child)?);
                }
                tag::RESULT_MESSAGE => {
                    r.known(4, &child)?;
                    self.result_message = Some(r.decode(&child)?);
                }
                tag::ASYNCHRONOUS_CORRELATION_VALUE => {
                    r.known(5, &child)?;
                    self.asynchronous_correlation_value = Some(r.decode(&child)?);
                }
                tag::RESPONSE_PAYLOAD => {
                    r.known(6, &child)?;
                    // The operation and status say how to read the payload.
                    let Some(status) = result_status else {
                        return Err(r.absent(tag::RESULT_STATUS));
                    };
                    let operation = self.operation;
                    let slot = self.payload.insert(ResponsePayload::placeholder());
                    r.decode_with(&child, |p, cx| {
                        expect_type(p, kmip_ttlv::ItemType::Structure)?;
                        match operation {
                            Some(op) if status == ResultStatus::SUCCESS => {
                                slot.decode_into(op, p, cx)
                            }
                            _ => {
                                *slot = ResponsePayload::Other(RawItem::from_item(p));
                                Ok(())
                            }
                        }
                    })?;
                }
                tag::MESSAGE_EXTENSION => {
                    r.known(7, &child)?;
                    self.message_extension = Some(r.decode(&child)?);
                }
                _ => r.unknown(&child),
            }
        }
        self.result_status = required(result_status, &r, tag::RESULT_STATUS)?;
        self.unknown = r.finish();
        Ok(())
    }
}

// The tags the one-pass reading of a message reads without asking the version.
const _: () = assert!(crate::codec::in_every_version(&[
    tag::RESPONSE_MESSAGE,
    tag::RESPONSE_HEADER,
    tag::PROTOCOL_VERSION,
    tag::PROTOCOL_VERSION_MAJOR,
    tag::PROTOCOL_VERSION_MINOR,
    tag::TIME_STAMP,
    tag::BATCH_COUNT,
    tag::BATCH_ITEM,
    tag::OPERATION,
    tag::UNIQUE_BATCH_ITEM_ID,
    tag::RESULT_STATUS,
    tag::RESULT_REASON,
    tag::RESULT_MESSAGE,
    tag::ASYNCHRONOUS_CORRELATION_VALUE,
    tag::RESPONSE_PAYLOAD,
    tag::REQUEST_MESSAGE,
    tag::REQUEST_HEADER,
    tag::MAXIMUM_RESPONSE_SIZE,
    tag::ASYNCHRONOUS_INDICATOR,
    tag::AUTHENTICATION,
    tag::BATCH_ERROR_CONTINUATION_OPTION,
    tag::BATCH_ORDER_OPTION,
    tag::REQUEST_PAYLOAD,
]));

impl ResponseBatchItem {
    /// [`ResponseMessage::read_common`]'s reading of a batch item's body into the
    /// placeholder `self`: the fields [`decode_in_place`](DecodeInPlace::decode_in_place)
    /// reads, in its order, but not Message Extension; nothing else.
    fn read_common(&mut self, b: &mut Cursor<'_>, cx: &Context) -> Option<()> {
        read_optional(b, tag::OPERATION, cx, &mut self.operation)?;
        read_optional(
            b,
            tag::UNIQUE_BATCH_ITEM_ID,
            cx,
            &mut self.unique_batch_item_id,
        )?;
        let status: ResultStatus = ReadCommon::read_common(b, tag::RESULT_STATUS, cx)?;
        self.result_status = status;
        read_optional(b, tag::RESULT_REASON, cx, &mut self.result_reason)?;
        read_optional(b, tag::RESULT_MESSAGE, cx, &mut self.result_message)?;
        read_optional(
            b,
            tag::ASYNCHRONOUS_CORRELATION_VALUE,
            cx,
            &mut self.asynchronous_correlation_value,
        )?;
        if b.peek_tag() == Some(tag::RESPONSE_PAYLOAD) {
            let slot = self.payload.insert(ResponsePayload::placeholder());
            match self.operation {
                Some(op) if status == ResultStatus::SUCCESS => slot.read_common_into(op, b, cx)?,
                _ => {
                    *slot = ResponsePayload::Other(read_raw_payload(b, tag::RESPONSE_PAYLOAD)?);
                }
            }
        }
        Some(())
    }
}

impl ToTtlv for ResponseBatchItem {
    fn to_ttlv(&self, tag: Tag, e: &mut Encoder<'_>) {
        e.structure(tag, |e| {
            let mut u = Interleave::new(&self.unknown);
            u.optional(e, tag::OPERATION, &self.operation);
            u.optional(e, tag::UNIQUE_BATCH_ITEM_ID, &self.unique_batch_item_id);
            u.field(e, tag::RESULT_STATUS, &self.result_status);
            u.optional(e, tag::RESULT_REASON, &self.result_reason);
            u.optional(e, tag::RESULT_MESSAGE, &self.result_message);
            u.optional(
                e,
                tag::ASYNCHRONOUS_CORRELATION_VALUE,
                &self.asynchronous_correlation_value,
            );
            u.optional(e, tag::RESPONSE_PAYLOAD, &self.payload);
            u.optional(e, tag::MESSAGE_EXTENSION, &self.message_extension);
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

/// The initial buffer of [`RequestMessage::encode`] and [`ResponseMessage::encode`].
const ENCODE_CAPACITY: usize = 1024;

fn batch_count(len: usize) -> i32 {
    i32::try_from(len).unwrap_or(i32::MAX)
}

/// Encodes a Request or Response Message: the header (given the Batch Count), then the batch
/// items, with the message's unknown items in place.
fn encode_message<B: ToTtlv>(
    buf: &mut Vec<u8>,
    version: ProtocolVersion,
    message_tag: Tag,
    unknown: &[UnknownItem],
    encode_header: impl FnOnce(i32, &mut Encoder<'_>),
    batch_items: &[B],
) -> Result<(), Error> {
    let mut e = Encoder::new(buf, version);
    e.structure(message_tag, |e| {
        let mut u = Interleave::new(unknown);
        u.known(e);
        encode_header(batch_count(batch_items.len()), e);
        for item in batch_items {
            u.field(e, tag::BATCH_ITEM, item);
        }
        u.rest(e);
    });
    e.finish()
}

/// Decodes the outer structure of a message: header, then batch items with the header's
/// protocol version in the context.
fn decode_message<H, B: DecodeInPlace>(
    bytes: &[u8],
    limits: &Limits,
    message_tag: Tag,
    header_tag: Tag,
    decode_header: impl Fn(&Item<'_>, &Context) -> Result<(H, i32), Error>,
    version_of: impl Fn(&H) -> ProtocolVersion,
) -> Result<(H, Vec<B>, Vec<UnknownItem>), Error> {
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
    let inner = || -> Result<_, Error> {
        // Fields: 0 the header, 1 Batch Item (one or more).
        let mut r = StructReader::new(&item, bit(1), &Context::default())?;
        let mut header = None;
        let mut items: Vec<B> = Vec::with_capacity(1);
        while let Some(child) = r.next() {
            match child.tag() {
                t if t == header_tag => {
                    r.known(0, &child)?;
                    let (h, count) = r.decode_with(&child, |h, cx| decode_header(h, cx))?;
                    r.set_context(Context::new(version_of(&h)));
                    header = Some((h, count, child.offset()));
                }
                tag::BATCH_ITEM => {
                    r.known(1, &child)?;
                    // The header's version says how to read the items.
                    let Some((_, count, header_offset)) = &header else {
                        return Err(r.absent(header_tag));
                    };
                    // No more items than the header declares are decoded (nor allocated):
                    // the Batch Count bounds the work before it is spent.
                    if usize::try_from(*count).ok() <= Some(items.len()) {
                        return Err(Error::new(
                            ErrorKind::BatchCount {
                                declared: *count,
                                actual: item
                                    .children()
                                    .filter(|c| c.tag() == tag::BATCH_ITEM)
                                    .count(),
                            },
                            *header_offset,
                        )
                        .inside(header_tag));
                    }
                    items.push(B::placeholder());
                    if let Some(slot) = items.last_mut() {
                        r.decode_in_place(&child, slot)?;
                    }
                }
                _ => r.unknown(&child),
            }
        }
        let (header, count, header_offset) = required(header, &r, header_tag)?;
        if items.is_empty() {
            return Err(r.missing(tag::BATCH_ITEM));
        }
        let unknown = r.finish();
        if usize::try_from(count).ok() != Some(items.len()) {
            return Err(Error::new(
                ErrorKind::BatchCount {
                    declared: count,
                    actual: items.len(),
                },
                header_offset,
            )
            .inside(header_tag));
        }
        Ok((header, items, unknown))
    };
    inner().map_err(|e| e.inside(message_tag))
}

/// [`decode_message`] on the one-pass path (a [`Cursor`]): the message tagged `message_tag`,
/// its header read by `read_header` (which returns the Batch Count too), then batch items,
/// each into a placeholder by `read_item` in the context of the header's version, no more
/// than the Batch Count declares and exactly as many. Nothing else: `None` for any other
/// item at the message's level.
fn read_message<H, B: DecodeInPlace>(
    bytes: &[u8],
    limits: &Limits,
    message_tag: Tag,
    header_tag: Tag,
    read_header: impl FnOnce(&mut Cursor<'_>) -> Option<(H, i32)>,
    version_of: impl Fn(&H) -> ProtocolVersion,
    read_item: impl Fn(&mut B, &mut Cursor<'_>, &Context) -> Option<()>,
) -> Option<(H, Vec<B>)> {
    Cursor::read(bytes, limits, message_tag, |m| {
        let (header, count) = m.structure(header_tag, read_header)?;
        let cx = Context::new(version_of(&header));
        let count = usize::try_from(count).ok()?;
        let mut items: Vec<B> = Vec::with_capacity(1);
        while !m.is_empty() {
            // No more items than the header declares are allocated.
            if items.len() >= count {
                return None;
            }
            items.push(B::placeholder());
            let slot = items.last_mut()?;
            m.structure(tag::BATCH_ITEM, |b| read_item(slot, b, &cx))?;
        }
        (count > 0 && items.len() == count).then_some((header, items))
    })
}

/// The error for the `index`-th batch item of a message (already decoded once) whose
/// operation the model does not type, located at that item's Operation field.
#[cold]
fn unsupported_operation_at(
    bytes: &[u8],
    limits: &Limits,
    index: usize,
    operation: Option<Operation>,
) -> Error {
    let operation = operation.unwrap_or_default();
    let field = kmip_ttlv::decode_with(bytes, limits).ok().and_then(|m| {
        m.children()
            .filter(|c| c.tag() == tag::BATCH_ITEM)
            .nth(index)
            .and_then(|item| item.child(tag::OPERATION))
    });
    let kind = ErrorKind::UnsupportedOperation { operation };
    match field {
        Some(field) => Error::new(kind, field.offset())
            .inside(tag::OPERATION)
            .inside(tag::BATCH_ITEM)
            .inside(tag::REQUEST_MESSAGE),
        None => Error::new(kind, 0),
    }
}

/// A Request Message (§7.1): a header and one or more batch items.
///
/// `RequestMessage::decode(x)?.encode() == x` for every message that decodes: unknown items,
/// items of later versions than the header's and payloads of operations the model does not
/// type are kept verbatim and in place. Encoding uses the header's Protocol Version: typed
/// fields that version does not define are left out ([`ProtocolVersion::defines`]); raw items
/// never are.
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
        install_names();
        if let Some(message) = Self::read_common(bytes, limits) {
            return Ok(message);
        }
        Self::decode_general(bytes, limits)
    }

    /// The fast path of [`decode_with`](Self::decode_with), as for responses
    /// ([`ResponseMessage::decode_with`]): the shape clients send (a header of any of the
    /// KMIP 1.1 header fields; batch items of Operation, Unique Batch Item ID and payload;
    /// nothing unknown, nothing of a later version) read in one pass, each payload validated
    /// whole and decoded by the general decoder. `None` for anything else.
    pub(crate) fn read_common(bytes: &[u8], limits: &Limits) -> Option<Self> {
        let (header, batch_items) = read_message(
            bytes,
            limits,
            tag::REQUEST_MESSAGE,
            tag::REQUEST_HEADER,
            RequestHeader::read_common,
            |h: &RequestHeader| h.protocol_version,
            RequestBatchItem::read_common,
        )?;
        Some(Self {
            header,
            batch_items,
            unknown: Vec::new(),
        })
    }

    /// [`decode_with`](Self::decode_with) without its fast path: every shape, every error.
    pub(crate) fn decode_general(bytes: &[u8], limits: &Limits) -> Result<Self, Error> {
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

    /// Decodes a Request Message whose batch items all carry a typed payload: as
    /// [`decode`](Self::decode), but a batch item whose payload the model keeps raw (an
    /// operation of a later version or a vendor's; any payload of a KMIP 2.x message) is an
    /// [`ErrorKind::UnsupportedOperation`] at its Operation field, which a server answers
    /// with Result Reason Operation Not Supported. [`RequestBatchItem::typed_payload`] is the
    /// same check for one item of a message already decoded, without the location.
    ///
    /// # Errors
    /// As [`decode`](Self::decode), and [`ErrorKind::UnsupportedOperation`].
    pub fn decode_typed(bytes: &[u8]) -> Result<Self, Error> {
        Self::decode_typed_with(bytes, &Limits::DEFAULT)
    }

    /// [`decode_typed`](Self::decode_typed) with the given limits.
    ///
    /// # Errors
    /// As [`decode_typed`](Self::decode_typed).
    pub fn decode_typed_with(bytes: &[u8], limits: &Limits) -> Result<Self, Error> {
        let message = Self::decode_with(bytes, limits)?;
        match message
            .batch_items
            .iter()
            .position(|item| matches!(item.payload, RequestPayload::Other(_)))
        {
            None => Ok(message),
            Some(index) => Err(unsupported_operation_at(
                bytes,
                limits,
                index,
                message.batch_items.get(index).map(|i| i.operation),
            )),
        }
    }

    /// Encodes the message for its header's protocol version.
    pub fn encode(&self) -> Vec<u8> {
        // Most messages fit: one allocation, no regrowth.
        let mut buf = Vec::with_capacity(ENCODE_CAPACITY);
        // Only a message over 4 GiB fails, and then the bytes are still the best effort.
        let _ = self.encode_into(&mut buf);
        buf
    }

    /// Encodes the message, appending to `buf`.
    ///
    /// # Errors
    /// A value or structure over 4 GiB, which TTLV cannot express.
    pub fn encode_into(&self, buf: &mut Vec<u8>) -> Result<(), Error> {
        encode_message(
            buf,
            self.header.protocol_version,
            tag::REQUEST_MESSAGE,
            &self.unknown,
            |count, e| self.header.encode(count, e),
            &self.batch_items,
        )
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
/// `ResponseMessage::decode(x)?.encode() == x` for every message that decodes. Encoding uses
/// the header's Protocol Version, so a response built by [`RequestMessage::respond`] for a
/// KMIP 1.0 or 1.1 client never carries a typed field that version lacks; raw items are
/// written as they are.
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
        install_names();
        if let Some(message) = Self::read_common(bytes, limits) {
            return Ok(message);
        }
        Self::decode_general(bytes, limits)
    }

    /// [`decode_with`](Self::decode_with) without its fast path: every shape, every error.
    pub(crate) fn decode_general(bytes: &[u8], limits: &Limits) -> Result<Self, Error> {
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

    /// The fast path of [`decode_with`](Self::decode_with): the shape nearly every server
    /// sends (a header of Protocol Version, Time Stamp and Batch Count; batch items of
    /// Operation, Unique Batch Item ID, Result Status, Reason and Message, Asynchronous
    /// Correlation Value and payload; nothing unknown, nothing of a later version) read and
    /// checked in one pass with a [`Cursor`], each item's header compared whole with the
    /// one expected ([`read_message`]). `None` for any other shape and any defect: the
    /// general path then decodes the message, or says what is wrong with it, from the start.
    /// `Some` only with what the general path decodes (checked on every input of the
    /// `message_decode` fuzz target).
    pub(crate) fn read_common(bytes: &[u8], limits: &Limits) -> Option<Self> {
        let (header, batch_items) = read_message(
            bytes,
            limits,
            tag::RESPONSE_MESSAGE,
            tag::RESPONSE_HEADER,
            |h| {
                let header = ResponseHeader {
                    protocol_version: ProtocolVersion::read_common(h)?,
                    time_stamp: DateTime(h.date_time(tag::TIME_STAMP)?),
                    unknown: Vec::new(),
                };
                Some((header, h.integer(tag::BATCH_COUNT)?))
            },
            |h: &ResponseHeader| h.protocol_version,
            ResponseBatchItem::read_common,
        )?;
        Some(Self {
            header,
            batch_items,
            unknown: Vec::new(),
        })
    }

    /// Encodes the message for its header's protocol version.
    pub fn encode(&self) -> Vec<u8> {
        // Most messages fit: one allocation, no regrowth.
        let mut buf = Vec::with_capacity(ENCODE_CAPACITY);
        // Only a message over 4 GiB fails, and then the bytes are still the best effort.
        let _ = self.encode_into(&mut buf);
        buf
    }

    /// Encodes the message, appending to `buf`.
    ///
    /// # Errors
    /// A value or structure over 4 GiB, which TTLV cannot express.
    pub fn encode_into(&self, buf: &mut Vec<u8>) -> Result<(), Error> {
        encode_message(
            buf,
            self.header.protocol_version,
            tag::RESPONSE_MESSAGE,
            &self.unknown,
            |count, e| self.header.encode(count, e),
            &self.batch_items,
        )
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

/// Whether a message decoder's fast path (`read_common`) keeps its promise on `bytes` under
/// `limits`: what it reads, the general path (`decode_general`) decodes to the same message,
/// compared by its encoding (which holds the key material) and its `Debug` (which tells typed
/// fields from raw ones). For the fuzz targets and tests.
pub(crate) fn paths_agree<M: fmt::Debug>(
    bytes: &[u8],
    limits: &Limits,
    read_common: fn(&[u8], &Limits) -> Option<M>,
    decode_general: fn(&[u8], &Limits) -> Result<M, Error>,
    encode: fn(&M) -> Vec<u8>,
) -> bool {
    let Some(fast) = read_common(bytes, limits) else {
        return true;
    };
    match decode_general(bytes, limits) {
        Ok(general) => {
            encode(&fast) == encode(&general) && format!("{fast:?}") == format!("{general:?}")
        }
        Err(_) => false,
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
