//! The KMIP client: typed requests over a mutual-TLS [`transport::Connection`].
//!
//! [`KmipClient`] sends kmip-types [`RequestMessage`]s and decodes [`ResponseMessage`]s; one
//! method per operation returns the typed result or a [`ClientError::Failed`] that carries the
//! server's Result Reason and Message.
//!
//! ```no_run
//! use std::time::Duration;
//! use kmip_examples::client::KmipClient;
//! use kmip_examples::tls::{TlsFiles, client_config};
//! let tls = client_config(&TlsFiles {
//!     cert: "client.pem".into(),
//!     key: "client-key.pem".into(),
//!     ca: "ca.pem".into(),
//! })?;
//! let mut kms = KmipClient::connect("127.0.0.1:5696", "localhost", tls, Duration::from_secs(10))?;
//! let id = kms.create_aes(256, None)?;
//! kms.activate(&id)?;
//! let key = kms.get_key_bytes(&id)?;
//! assert_eq!(key.len(), 32);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod options;
pub mod transport;

use std::sync::Arc;
use std::time::Duration;

use kmip_types::{
    ActivateRequest, AddAttributeRequest, Attribute, AttributeValue, BlockCipherMode,
    CreateRequest, CryptographicAlgorithm, CryptographicParameters, CryptographicUsageMask,
    DateTime, DeleteAttributeRequest, DestroyRequest, DiscoverVersionsRequest, EncodingOption,
    EncryptionKeyInformation, GetAttributeListRequest, GetAttributesRequest, GetRequest,
    GetResponse, KeyBlock, KeyFormatType, KeyWrappingSpecification, LocateRequest, ManagedObject,
    ModifyAttributeRequest, ObjectType, OpaqueDataType, OpaqueObject, Operation, ProtocolVersion,
    QueryFunction, QueryRequest, QueryResponse, ReKeyRequest, RegisterRequest, RequestBatchItem,
    RequestMessage, RequestPayload, ResponseBatchItem, ResponseMessage, ResponsePayload,
    ResultReason, RevocationReason, RevocationReasonCode, RevokeRequest, SecretBytes, SecretData,
    SecretDataType, WrappingMethod,
};
use rustls::ClientConfig;
use zeroize::Zeroizing;

pub use transport::{Connection, TransportError};

/// Errors of a KMIP call.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The connection failed.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// The response does not decode.
    #[error("undecodable response: {0}")]
    Decode(#[from] kmip_types::Error),
    /// The server answered with Operation Failed.
    #[error("{operation} failed: {reason}{}", message.as_deref().map(|m| format!(": {m}")).unwrap_or_default())]
    Failed {
        /// The operation.
        operation: Operation,
        /// Result Reason.
        reason: ResultReason,
        /// Result Message.
        message: Option<String>,
    },
    /// The response does not answer the request (wrong payload, item count, ...).
    #[error("unexpected response: {0}")]
    Unexpected(String),
}

impl ClientError {
    /// The server's Result Reason, if the server refused the operation.
    pub fn reason(&self) -> Option<ResultReason> {
        match self {
            ClientError::Failed { reason, .. } => Some(*reason),
            _ => None,
        }
    }
}

/// A KMIP client over one connection.
#[derive(Debug)]
pub struct KmipClient {
    conn: Connection,
    version: ProtocolVersion,
}

fn unexpected(what: &str, got: &ResponsePayload) -> ClientError {
    ClientError::Unexpected(format!("expected a {what} payload, got {got:?}"))
}

impl KmipClient {
    /// Connects (see [`Connection::connect`]); requests are KMIP 1.1.
    ///
    /// # Errors
    /// Connection or TLS failures.
    pub fn connect(
        addr: &str,
        server_name: &str,
        config: Arc<ClientConfig>,
        timeout: Duration,
    ) -> Result<Self, ClientError> {
        Ok(KmipClient {
            conn: Connection::connect(addr, server_name, config, timeout)?,
            version: ProtocolVersion::V1_1,
        })
    }

    /// Connects to the first of `addrs` that accepts: the servers of a cluster on one shared
    /// store (`kms-server --database-url`) serve the same objects, so on a connection or TLS
    /// failure the next address is tried, in order. A call that fails on an established
    /// connection is not retried here: connect again to fail over.
    ///
    /// # Errors
    /// Every address failed (the last failure), or `addrs` is empty.
    pub fn connect_any(
        addrs: &[impl AsRef<str>],
        server_name: &str,
        config: Arc<ClientConfig>,
        timeout: Duration,
    ) -> Result<Self, ClientError> {
        let mut last = ClientError::Unexpected("no server address given".into());
        for addr in addrs {
            match Self::connect(addr.as_ref(), server_name, config.clone(), timeout) {
                Ok(c) => return Ok(c),
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    /// Uses another protocol version in request headers.
    pub fn set_version(&mut self, version: ProtocolVersion) {
        self.version = version;
    }

    /// The protocol version of requests.
    pub fn version(&self) -> ProtocolVersion {
        self.version
    }

    /// The underlying connection (to send raw bytes in tests).
    pub fn connection(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Closes the connection.
    pub fn close(self) {
        self.conn.close();
    }

    /// Sends a whole request message and decodes the response.
    ///
    /// # Errors
    /// Transport or decoding failures (not failed batch items).
    pub fn send(&mut self, request: &RequestMessage) -> Result<ResponseMessage, ClientError> {
        let bytes = self.conn.round_trip(&request.encode())?;
        Ok(ResponseMessage::decode(&bytes)?)
    }

    /// Sends several operations in one message; returns every response batch item (failed
    /// ones included).
    ///
    /// # Errors
    /// Transport or decoding failures.
    pub fn batch(
        &mut self,
        items: Vec<RequestBatchItem>,
    ) -> Result<Vec<ResponseBatchItem>, ClientError> {
        let request = RequestMessage::new(self.version, items);
        Ok(self.send(&request)?.batch_items)
    }

    /// Sends one operation; returns its payload, or the server's failure.
    ///
    /// # Errors
    /// Transport, decoding, or [`ClientError::Failed`].
    pub fn call(
        &mut self,
        payload: impl Into<RequestPayload>,
    ) -> Result<ResponsePayload, ClientError> {
        let payload = payload.into();
        let operation = payload.operation().unwrap_or_default();
        let mut items = self.batch(vec![RequestBatchItem::new(payload)])?;
        if items.len() != 1 {
            return Err(ClientError::Unexpected(format!(
                "{} batch items in the response to one request",
                items.len()
            )));
        }
        let item = items.remove(0);
        into_payload(operation, item)
    }

    /// Discover Versions: the versions the server shares with `offered` (all it has when
    /// `offered` is empty), its preferred first.
    ///
    /// # Errors
    /// As [`KmipClient::call`].
    pub fn discover_versions(
        &mut self,
        offered: &[ProtocolVersion],
    ) -> Result<Vec<ProtocolVersion>, ClientError> {
        match self.call(DiscoverVersionsRequest {
            protocol_versions: offered.to_vec(),
            unknown: Vec::new(),
        })? {
            ResponsePayload::DiscoverVersions(r) => Ok(r.protocol_versions),
            other => Err(unexpected("Discover Versions", &other)),
        }
    }

    /// Query.
    ///
    /// # Errors
    /// As [`KmipClient::call`].
    pub fn query(&mut self, functions: &[QueryFunction]) -> Result<QueryResponse, ClientError> {
        match self.call(QueryRequest::new(functions))? {
            ResponsePayload::Query(r) => Ok(r),
            other => Err(unexpected("Query", &other)),
        }
    }

    /// Creates a symmetric key from a request (algorithm, length, usage, names, attributes);
    /// returns its Unique Identifier.
    ///
    /// # Errors
    /// As [`KmipClient::call`].
    pub fn create(&mut self, request: CreateRequest) -> Result<String, ClientError> {
        match self.call(request)? {
            ResponsePayload::Create(r) => Ok(r.unique_identifier),
            other => Err(unexpected("Create", &other)),
        }
    }

    /// Creates an AES key of `bits` with usage Encrypt|Decrypt, named `name` if given.
    ///
    /// # Errors
    /// As [`KmipClient::call`].
    pub fn create_aes(&mut self, bits: i32, name: Option<&str>) -> Result<String, ClientError> {
        let mut request = CreateRequest::symmetric_key(
            CryptographicAlgorithm::AES,
            bits,
            CryptographicUsageMask::ENCRYPT | CryptographicUsageMask::DECRYPT,
        );
        if let Some(n) = name {
            request = request.with_attribute(Attribute::name(n));
        }
        self.create(request)
    }

    /// Creates an AES key for wrapping other keys (Cryptographic Usage Mask Wrap Key and
    /// Unwrap Key), optionally named; returns its Unique Identifier.
    ///
    /// # Errors
    /// As [`KmipClient::call`].
    pub fn create_wrapping_key(
        &mut self,
        bits: i32,
        name: Option<&str>,
    ) -> Result<String, ClientError> {
        let mut request = CreateRequest::symmetric_key(
            CryptographicAlgorithm::AES,
            bits,
            CryptographicUsageMask::WRAP_KEY | CryptographicUsageMask::UNWRAP_KEY,
        );
        if let Some(n) = name {
            request = request.with_attribute(Attribute::name(n));
        }
        self.create(request)
    }

    /// Registers an object; returns its Unique Identifier.
    ///
    /// # Errors
    /// As [`KmipClient::call`].
    pub fn register(
        &mut self,
        object: ManagedObject,
        attributes: Vec<Attribute>,
    ) -> Result<String, ClientError> {
        match self.call(RegisterRequest::new(object, attributes))? {
            ResponsePayload::Register(r) => Ok(r.unique_identifier),
            other => Err(unexpected("Register", &other)),
        }
    }

    /// Registers a raw symmetric key.
    ///
    /// # Errors
    /// As [`KmipClient::call`].
    pub fn register_symmetric_key(
        &mut self,
        algorithm: CryptographicAlgorithm,
        key: &[u8],
        attributes: Vec<Attribute>,
    ) -> Result<String, ClientError> {
        let block = KeyBlock::raw_symmetric(algorithm, SecretBytes::from_slice(key));
        self.register(ManagedObject::symmetric_key(block), attributes)
    }

    /// Registers Secret Data (a password or seed), Key Format Opaque.
    ///
    /// # Errors
    /// As [`KmipClient::call`].
    pub fn register_secret_data(
        &mut self,
        kind: SecretDataType,
        data: &[u8],
        attributes: Vec<Attribute>,
    ) -> Result<String, ClientError> {
        let mut block =
            KeyBlock::raw_symmetric(CryptographicAlgorithm::AES, SecretBytes::from_slice(data));
        block.key_format_type = KeyFormatType::OPAQUE;
        block.cryptographic_algorithm = None;
        block.cryptographic_length = None;
        let object = ManagedObject::SecretData(SecretData {
            secret_data_type: kind,
            key_block: block,
            unknown: Vec::new(),
        });
        self.register(object, attributes)
    }

    /// Registers an Opaque Object.
    ///
    /// # Errors
    /// As [`KmipClient::call`].
    pub fn register_opaque(
        &mut self,
        kind: OpaqueDataType,
        data: &[u8],
        attributes: Vec<Attribute>,
    ) -> Result<String, ClientError> {
        let object = ManagedObject::OpaqueObject(OpaqueObject {
            opaque_data_type: kind,
            opaque_data_value: SecretBytes::from_slice(data),
            unknown: Vec::new(),
        });
        self.register(object, attributes)
    }

    /// Get.
    ///
    /// # Errors
    /// As [`KmipClient::call`].
    pub fn get(&mut self, request: GetRequest) -> Result<GetResponse, ClientError> {
        match self.call(request)? {
            ResponsePayload::Get(r) => Ok(r),
            other => Err(unexpected("Get", &other)),
        }
    }

    /// The plain key bytes of a key or secret data object (Raw / Opaque format), or an opaque
    /// object's value.
    ///
    /// # Errors
    /// As [`KmipClient::call`]; [`ClientError::Unexpected`] if no plain bytes came back.
    pub fn get_key_bytes(&mut self, id: &str) -> Result<Zeroizing<Vec<u8>>, ClientError> {
        let r = self.get(GetRequest::new(id))?;
        object_bytes(&r.object)
            .map(|b| Zeroizing::new(b.to_vec()))
            .ok_or_else(|| ClientError::Unexpected("the object carries no plain bytes".into()))
    }

    /// Get with a Key Wrapping Specification: the key wrapped under `kek_id` with `mode`
    /// (NIST Key Wrap or AES Key Wrap with Padding) and `encoding`; returns the Key Block.
    ///
    /// # Errors
    /// As [`KmipClient::call`].
    pub fn get_wrapped(
        &mut self,
        id: &str,
        kek_id: &str,
        mode: BlockCipherMode,
        encoding: Option<EncodingOption>,
    ) -> Result<KeyBlock, ClientError> {
        let request = GetRequest {
            unique_identifier: Some(id.into()),
            key_wrapping_specification: Some(KeyWrappingSpecification {
                wrapping_method: WrappingMethod::ENCRYPT,
                encryption_key_information: Some(EncryptionKeyInformation {
                    unique_identifier: kek_id.into(),
                    cryptographic_parameters: Some(CryptographicParameters {
                        block_cipher_mode: Some(mode),
                        ..CryptographicParameters::default()
                    }),
                    unknown: Vec::new(),
                }),
                encoding_option: encoding,
                ..KeyWrappingSpecification::default()
            }),
            ..GetRequest::default()
        };
        let r = self.get(request)?;
        r.object
            .key_block()
            .cloned()
            .ok_or_else(|| ClientError::Unexpected("no Key Block in the response".into()))
    }

    /// Get Attributes: all of them (`names` empty) or those named.
    ///
    /// # Errors
    /// As [`KmipClient::call`].
    pub fn get_attributes(
        &mut self,
        id: &str,
        names: &[&str],
    ) -> Result<Vec<Attribute>, ClientError> {
        match self.call(GetAttributesRequest::new(id, names))? {
            ResponsePayload::GetAttributes(r) => Ok(r.attributes),
            other => Err(unexpected("Get Attributes", &other)),
        }
    }

    /// Get Attribute List.
    ///
    /// # Errors
    /// As [`KmipClient::call`].
    pub fn get_attribute_list(&mut self, id: &str) -> Result<Vec<String>, ClientError> {
        match self.call(GetAttributeListRequest {
            unique_identifier: Some(id.into()),
            unknown: Vec::new(),
        })? {
            ResponsePayload::GetAttributeList(r) => Ok(r.attribute_names),
            other => Err(unexpected("Get Attribute List", &other)),
        }
    }

    /// Add Attribute; returns the attribute as stored (with its index).
    ///
    /// # Errors
    /// As [`KmipClient::call`].
    pub fn add_attribute(
        &mut self,
        id: &str,
        attribute: Attribute,
    ) -> Result<Attribute, ClientError> {
        match self.call(AddAttributeRequest {
            unique_identifier: Some(id.into()),
            attribute,
            unknown: Vec::new(),
        })? {
            ResponsePayload::AddAttribute(r) => Ok(r.attribute),
            other => Err(unexpected("Add Attribute", &other)),
        }
    }

    /// Modify Attribute (the instance its index names, 0 by default).
    ///
    /// # Errors
    /// As [`KmipClient::call`].
    pub fn modify_attribute(
        &mut self,
        id: &str,
        attribute: Attribute,
    ) -> Result<Attribute, ClientError> {
        match self.call(ModifyAttributeRequest {
            unique_identifier: Some(id.into()),
            attribute,
            unknown: Vec::new(),
        })? {
            ResponsePayload::ModifyAttribute(r) => Ok(r.attribute),
            other => Err(unexpected("Modify Attribute", &other)),
        }
    }

    /// Delete Attribute; returns the deleted attribute.
    ///
    /// # Errors
    /// As [`KmipClient::call`].
    pub fn delete_attribute(
        &mut self,
        id: &str,
        name: &str,
        index: Option<i32>,
    ) -> Result<Attribute, ClientError> {
        match self.call(DeleteAttributeRequest {
            unique_identifier: Some(id.into()),
            attribute_name: name.into(),
            attribute_index: index,
            unknown: Vec::new(),
        })? {
            ResponsePayload::DeleteAttribute(r) => Ok(r.attribute),
            other => Err(unexpected("Delete Attribute", &other)),
        }
    }

    /// Locate; returns the identifiers found.
    ///
    /// # Errors
    /// As [`KmipClient::call`].
    pub fn locate(&mut self, request: LocateRequest) -> Result<Vec<String>, ClientError> {
        match self.call(request)? {
            ResponsePayload::Locate(r) => Ok(r.unique_identifiers),
            other => Err(unexpected("Locate", &other)),
        }
    }

    /// Activate.
    ///
    /// # Errors
    /// As [`KmipClient::call`].
    pub fn activate(&mut self, id: &str) -> Result<(), ClientError> {
        self.call(ActivateRequest::new(id)).map(drop)
    }

    /// Revoke with a reason (and, for a compromise, when it happened).
    ///
    /// # Errors
    /// As [`KmipClient::call`].
    pub fn revoke(
        &mut self,
        id: &str,
        code: RevocationReasonCode,
        message: Option<&str>,
        compromise_occurrence_date: Option<DateTime>,
    ) -> Result<(), ClientError> {
        self.call(RevokeRequest {
            unique_identifier: Some(id.into()),
            revocation_reason: RevocationReason {
                revocation_reason_code: code,
                revocation_message: message.map(str::to_owned),
                unknown: Vec::new(),
            },
            compromise_occurrence_date,
            unknown: Vec::new(),
        })
        .map(drop)
    }

    /// Destroy.
    ///
    /// # Errors
    /// As [`KmipClient::call`].
    pub fn destroy(&mut self, id: &str) -> Result<(), ClientError> {
        self.call(DestroyRequest::new(id)).map(drop)
    }

    /// Re-key; returns the replacement key's identifier.
    ///
    /// # Errors
    /// As [`KmipClient::call`].
    pub fn rekey(&mut self, id: &str, offset: Option<u32>) -> Result<String, ClientError> {
        match self.call(ReKeyRequest {
            unique_identifier: Some(id.into()),
            offset,
            ..ReKeyRequest::default()
        })? {
            ResponsePayload::ReKey(r) => Ok(r.unique_identifier),
            other => Err(unexpected("Re-key", &other)),
        }
    }
}

/// Turns one response batch item into its payload or a [`ClientError::Failed`].
///
/// # Errors
/// [`ClientError::Failed`] for a failed item, [`ClientError::Unexpected`] for a success
/// without payload.
pub fn into_payload(
    operation: Operation,
    item: ResponseBatchItem,
) -> Result<ResponsePayload, ClientError> {
    if !item.is_success() {
        return Err(ClientError::Failed {
            operation: item.operation.unwrap_or(operation),
            reason: item.result_reason.unwrap_or(ResultReason::GENERAL_FAILURE),
            message: item.result_message,
        });
    }
    item.payload
        .ok_or_else(|| ClientError::Unexpected(format!("{operation} succeeded without a payload")))
}

/// The plain bytes an object carries: a key block's byte-string key material (unwrapped
/// only), or an opaque object's value.
pub fn object_bytes(object: &ManagedObject) -> Option<&[u8]> {
    match object {
        ManagedObject::OpaqueObject(o) => Some(o.opaque_data_value.expose()),
        other => other
            .key_block()
            .and_then(KeyBlock::key_bytes)
            .map(SecretBytes::expose),
    }
}

/// One-line rendering of an attribute value for people.
pub fn describe_value(value: &AttributeValue) -> String {
    match value {
        AttributeValue::UniqueIdentifier(s)
        | AttributeValue::OperationPolicyName(s)
        | AttributeValue::ObjectGroup(s)
        | AttributeValue::ContactInformation(s) => s.clone(),
        AttributeValue::Name(n) => format!("{} ({})", n.name_value, n.name_type),
        AttributeValue::ObjectType(t) => t.to_string(),
        AttributeValue::CryptographicAlgorithm(a) => a.to_string(),
        AttributeValue::CryptographicLength(l) => l.to_string(),
        AttributeValue::CryptographicUsageMask(m) => m.to_string(),
        AttributeValue::State(s) => s.to_string(),
        AttributeValue::InitialDate(d)
        | AttributeValue::ActivationDate(d)
        | AttributeValue::DeactivationDate(d)
        | AttributeValue::DestroyDate(d)
        | AttributeValue::CompromiseDate(d)
        | AttributeValue::CompromiseOccurrenceDate(d)
        | AttributeValue::LastChangeDate(d) => d.to_string(),
        AttributeValue::Link(l) => format!("{} → {}", l.link_type, l.linked_object_identifier),
        AttributeValue::RevocationReason(r) => match &r.revocation_message {
            Some(m) => format!("{} ({m})", r.revocation_reason_code),
            None => r.revocation_reason_code.to_string(),
        },
        AttributeValue::Digest(d) => format!(
            "{} {}",
            d.hashing_algorithm,
            d.digest_value
                .as_ref()
                .map(|v| crate::util::hex(v.as_bytes()))
                .unwrap_or_default()
        ),
        AttributeValue::Custom(raw) => match raw.item() {
            Some(item) => match item.value() {
                kmip_ttlv::Value::TextString(s) => format!("{s:?}"),
                kmip_ttlv::Value::Integer(i) => i.to_string(),
                kmip_ttlv::Value::LongInteger(i) => i.to_string(),
                kmip_ttlv::Value::Enumeration(e) => format!("{e:#010x}"),
                kmip_ttlv::Value::Boolean(b) => b.to_string(),
                kmip_ttlv::Value::ByteString(b) => format!("0x{}", crate::util::hex(b)),
                kmip_ttlv::Value::DateTime(d) => DateTime(d).to_string(),
                kmip_ttlv::Value::Interval(i) => format!("{i} s"),
                kmip_ttlv::Value::BigInteger(b) => format!("0x{}", crate::util::hex(b)),
                kmip_ttlv::Value::Structure(_) => "(structure)".into(),
            },
            None => "(raw)".into(),
        },
        other => format!("{other:?}"),
    }
}

/// The object type of a Get response, for display.
pub fn object_kind(object: &ManagedObject) -> ObjectType {
    object.object_type()
}
