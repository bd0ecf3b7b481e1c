//! Request and response payloads of every KMIP 1.x operation (1.0 to 1.4): §4
//! (client-to-server) and §5 (server-to-client), each a structure table, plus
//! [`RequestPayload`] and [`ResponsePayload`], which pick the payload type from the batch
//! item's Operation.
//!
//! A payload is read and written by the rules of the message's version, or of the version
//! that introduced its operation if that is later: PyKMIP sends an Encrypt (KMIP 1.2) in a
//! KMIP 1.1 message, and its Data (a 1.2 tag) belongs to the payload, not to a later version
//! the peer does not speak.
//!
//! Operations the model does not type (vendor operations, 2.x operations) keep their payload
//! verbatim as [`RequestPayload::Other`] / [`ResponsePayload::Other`]; so do all payloads of
//! KMIP 2.x messages, whose payloads differ.

mod crypto;
mod import_export;
mod split_key;

pub use crypto::*;
pub use import_export::*;
pub use split_key::*;

use core::fmt;

use kmip_ttlv::{Cursor, Item, ItemType, Tag};

use crate::attribute::{Attribute, RevocationReason, TemplateAttribute};
use crate::codec::{
    Context, DecodeInPlace, Encoder, FromTtlv, Interleave, RawItem, ReadCommon, StructReader,
    ToTtlv, bit, required,
};
use crate::object::{
    Certificate, ExtensionInformation, KeyWrappingSpecification, ManagedObject, OBJECT_TAGS,
    check_object_type, decode_object_in_place,
};
use crate::value::{ByteString, DateTime};
use crate::{
    CancellationResult, CertificateRequestType, CryptographicAlgorithm, CryptographicUsageMask,
    DerivationMethod, Error, KeyCompressionType, KeyFormatType, ObjectGroupMember, ObjectType,
    Operation, ProtocolVersion, PutFunction, QueryFunction, RevocationReasonCode,
    StorageStatusMask, UnknownItem, ValidityIndicator, tag,
};

// §4.1 Create.

structure! {
    /// Create request (§4.1): a new symmetric key or template-based object.
    #[derive(PartialEq, Default)]
    pub struct CreateRequest {
        /// Object Type (Symmetric Key or Secret Data in practice).
        pub object_type: ObjectType = req(tag::OBJECT_TYPE),
        /// Template-Attribute.
        pub template_attribute: TemplateAttribute = req(tag::TEMPLATE_ATTRIBUTE),
    }
}

impl CreateRequest {
    /// A symmetric key of `algorithm` and `length` bits usable for `usage`.
    pub fn symmetric_key(
        algorithm: CryptographicAlgorithm,
        length: i32,
        usage: CryptographicUsageMask,
    ) -> Self {
        Self {
            object_type: ObjectType::SYMMETRIC_KEY,
            template_attribute: TemplateAttribute::new(vec![
                Attribute::cryptographic_algorithm(algorithm),
                Attribute::cryptographic_length(length),
                Attribute::cryptographic_usage_mask(usage),
            ]),
            unknown: Vec::new(),
        }
    }

    /// The same request with one more attribute.
    #[must_use]
    pub fn with_attribute(mut self, attribute: Attribute) -> Self {
        self.template_attribute.attributes.push(attribute);
        self
    }
}

structure! {
    /// Create response (§4.1).
    #[derive(PartialEq, Default)]
    pub struct CreateResponse {
        /// Object Type.
        pub object_type: ObjectType = req(tag::OBJECT_TYPE),
        /// Unique Identifier of the new object.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
        /// Attributes the server set implicitly.
        pub template_attribute: Option<TemplateAttribute> = opt(tag::TEMPLATE_ATTRIBUTE),
    }
}

// §4.2 Create Key Pair.

structure! {
    /// Create Key Pair request (§4.2).
    #[derive(PartialEq, Default)]
    pub struct CreateKeyPairRequest {
        /// Common Template-Attribute.
        pub common_template_attribute: Option<TemplateAttribute> = opt(tag::COMMON_TEMPLATE_ATTRIBUTE),
        /// Private Key Template-Attribute.
        pub private_key_template_attribute: Option<TemplateAttribute> = opt(tag::PRIVATE_KEY_TEMPLATE_ATTRIBUTE),
        /// Public Key Template-Attribute.
        pub public_key_template_attribute: Option<TemplateAttribute> = opt(tag::PUBLIC_KEY_TEMPLATE_ATTRIBUTE),
    }
}

structure! {
    /// Create Key Pair response (§4.2), also the Re-key Key Pair response (§4.5).
    #[derive(PartialEq, Default)]
    pub struct CreateKeyPairResponse {
        /// Private Key Unique Identifier.
        pub private_key_unique_identifier: String = req(tag::PRIVATE_KEY_UNIQUE_IDENTIFIER),
        /// Public Key Unique Identifier.
        pub public_key_unique_identifier: String = req(tag::PUBLIC_KEY_UNIQUE_IDENTIFIER),
        /// Attributes the server set implicitly on the private key.
        pub private_key_template_attribute: Option<TemplateAttribute> = opt(tag::PRIVATE_KEY_TEMPLATE_ATTRIBUTE),
        /// Attributes the server set implicitly on the public key.
        pub public_key_template_attribute: Option<TemplateAttribute> = opt(tag::PUBLIC_KEY_TEMPLATE_ATTRIBUTE),
    }
}

// §4.3 Register.

/// Register request (§4.3): a client-supplied managed object.
#[derive(Clone, Debug)]
pub struct RegisterRequest {
    /// Object Type.
    pub object_type: ObjectType,
    /// Template-Attribute.
    pub template_attribute: TemplateAttribute,
    /// The object.
    pub object: ManagedObject,
    /// Items this model does not know, kept in place.
    pub unknown: Vec<UnknownItem>,
}

impl RegisterRequest {
    /// Registers `object` with `attributes`.
    pub fn new(object: ManagedObject, attributes: Vec<Attribute>) -> Self {
        Self {
            object_type: object.object_type(),
            template_attribute: TemplateAttribute::new(attributes),
            object,
            unknown: Vec::new(),
        }
    }
}

/// Decodes the managed object `item` of Register, Get or Put into `slot`, checking it against
/// `object_type` if given; `seen` records it (a second object is a duplicate).
fn read_object<'a>(
    r: &StructReader<'a>,
    item: &Item<'a>,
    object_type: Option<ObjectType>,
    slot: &mut ManagedObject,
    seen: &mut bool,
) -> Result<(), Error> {
    if core::mem::replace(seen, true) {
        return Err(r.duplicate(item));
    }
    r.decode_with(item, |i, cx| {
        decode_object_in_place(slot, i, cx)?;
        match object_type {
            Some(t) => check_object_type(t, slot, i),
            None => Ok(()),
        }
    })
}

/// Implements decoding (by value and in place) and encoding for the payloads made of an Object
/// Type, one more field and a managed object, in this order (Register's request, Get's response).
macro_rules! object_payload {
    ($ty:ident, $field:ident, $empty:expr, $tag:path) => {
        impl FromTtlv for $ty {
            #[inline]
            fn from_ttlv(item: &Item<'_>, cx: &Context) -> Result<Self, Error> {
                Self::decode_by_value(item, cx)
            }
        }

        impl DecodeInPlace for $ty {
            #[inline]
            fn placeholder() -> Self {
                Self {
                    object_type: ObjectType::default(),
                    $field: $empty,
                    object: ManagedObject::placeholder(),
                    unknown: Vec::new(),
                }
            }

            fn decode_in_place(&mut self, item: &Item<'_>, cx: &Context) -> Result<(), Error> {
                let (object_type, $field, unknown) =
                    decode_typed_object(item, cx, $tag, &mut self.object)?;
                self.object_type = object_type;
                self.$field = $field;
                self.unknown = unknown;
                Ok(())
            }
        }

        impl ToTtlv for $ty {
            fn to_ttlv(&self, tag: Tag, e: &mut Encoder<'_>) {
                e.structure(tag, |e| {
                    let mut u = Interleave::new(&self.unknown);
                    u.field(e, tag::OBJECT_TYPE, &self.object_type);
                    u.known(e);
                    e.field($tag, &self.$field);
                    u.known(e);
                    self.object.encode(e);
                    u.rest(e);
                });
            }
        }
    };
}

impl GetResponse {
    /// [`decode_in_place`](DecodeInPlace::decode_in_place) on the one-pass path
    /// (`ResponseMessage::read_common`): Object Type, Unique Identifier and the object,
    /// nothing else, into the placeholder `self`.
    fn read_common_into(&mut self, p: &mut Cursor<'_>, cx: &Context) -> Option<()> {
        let object_type: ObjectType = ReadCommon::read_common(p, tag::OBJECT_TYPE, cx)?;
        self.unique_identifier = ReadCommon::read_common(p, tag::UNIQUE_IDENTIFIER, cx)?;
        let object_tag = p.peek_tag()?;
        if !is_object(object_tag) || !cx.reads_tag(object_tag) {
            return None;
        }
        self.object.read_common_into(p, object_tag, cx)?;
        self.object_type = object_type;
        (self.object.object_type() == object_type).then_some(())
    }
}

impl ReadCommon for GetResponse {
    #[inline]
    fn read_common(c: &mut Cursor<'_>, tag: Tag, cx: &Context) -> Option<Self> {
        let mut response = Self::placeholder();
        c.structure(tag, |p| response.read_common_into(p, cx))?;
        Some(response)
    }
}

// The other payloads that carry an object are read whole by the general decoders.
crate::codec::read_common_by_item!(RegisterRequest, PutRequest);

const _: () = assert!(crate::codec::in_every_version(&[
    tag::OBJECT_TYPE,
    tag::UNIQUE_IDENTIFIER
]));

/// Whether `tag` is a managed object's.
fn is_object(tag: Tag) -> bool {
    OBJECT_TAGS.contains(&tag)
}

/// Decodes the payloads made of an Object Type, one more field (`second`: the Template-Attribute
/// of Register, the Unique Identifier of Get's response) and a managed object, in this order,
/// the object written straight into `object`. Returns the Object Type, the second field and the
/// unknown items.
fn decode_typed_object<T: FromTtlv>(
    item: &Item<'_>,
    cx: &Context,
    second: Tag,
    object: &mut ManagedObject,
) -> Result<(ObjectType, T, Vec<UnknownItem>), Error> {
    // Fields: 0 Object Type, 1 `second`, 2 the object (one of eight tags).
    let mut r = StructReader::new(item, 0, cx)?;
    let mut object_type = None;
    let mut second_value = None;
    let mut seen = false;
    while let Some(child) = r.next() {
        let t = child.tag();
        if t == tag::OBJECT_TYPE {
            r.known(0, &child)?;
            object_type = Some(r.decode::<ObjectType>(&child)?);
        } else if t == second {
            r.known(1, &child)?;
            second_value = Some(r.decode(&child)?);
        } else if is_object(t) {
            r.known(2, &child)?;
            let Some(object_type) = object_type else {
                return Err(r.absent(tag::OBJECT_TYPE));
            };
            if second_value.is_none() {
                return Err(r.absent(second));
            }
            read_object(&r, &child, Some(object_type), object, &mut seen)?;
        } else {
            r.unknown(&child);
        }
    }
    let object_type = required(object_type, &r, tag::OBJECT_TYPE)?;
    let second_value = required(second_value, &r, second)?;
    if !seen {
        return Err(r.missing(tag::SYMMETRIC_KEY));
    }
    Ok((object_type, second_value, r.finish()))
}

object_payload!(
    RegisterRequest,
    template_attribute,
    TemplateAttribute::default(),
    tag::TEMPLATE_ATTRIBUTE
);

structure! {
    /// Register response (§4.3).
    #[derive(PartialEq, Default)]
    pub struct RegisterResponse {
        /// Unique Identifier of the registered object.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
        /// Attributes the server set implicitly.
        pub template_attribute: Option<TemplateAttribute> = opt(tag::TEMPLATE_ATTRIBUTE),
    }
}

// §4.4 Re-key.

structure! {
    /// Re-key request (§4.4): a replacement for a symmetric key.
    #[derive(PartialEq, Default)]
    pub struct ReKeyRequest {
        /// Unique Identifier of the key to replace (default: the ID Placeholder).
        pub unique_identifier: Option<String> = opt(tag::UNIQUE_IDENTIFIER),
        /// Offset from the initialization date to the activation date of the new key, seconds.
        pub offset: Option<u32> = opt(tag::OFFSET),
        /// Template-Attribute.
        pub template_attribute: Option<TemplateAttribute> = opt(tag::TEMPLATE_ATTRIBUTE),
    }
}

structure! {
    /// Re-key response (§4.4).
    #[derive(PartialEq, Default)]
    pub struct ReKeyResponse {
        /// Unique Identifier of the new key.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
        /// Attributes the server set implicitly.
        pub template_attribute: Option<TemplateAttribute> = opt(tag::TEMPLATE_ATTRIBUTE),
    }
}

// §4.5 Re-key Key Pair (KMIP 1.1).

structure! {
    /// Re-key Key Pair request (§4.5, KMIP 1.1).
    #[derive(PartialEq, Default)]
    pub struct ReKeyKeyPairRequest {
        /// Private Key Unique Identifier of the pair to replace.
        pub private_key_unique_identifier: Option<String> = opt(tag::PRIVATE_KEY_UNIQUE_IDENTIFIER),
        /// Offset, seconds.
        pub offset: Option<u32> = opt(tag::OFFSET),
        /// Common Template-Attribute.
        pub common_template_attribute: Option<TemplateAttribute> = opt(tag::COMMON_TEMPLATE_ATTRIBUTE),
        /// Private Key Template-Attribute.
        pub private_key_template_attribute: Option<TemplateAttribute> = opt(tag::PRIVATE_KEY_TEMPLATE_ATTRIBUTE),
        /// Public Key Template-Attribute.
        pub public_key_template_attribute: Option<TemplateAttribute> = opt(tag::PUBLIC_KEY_TEMPLATE_ATTRIBUTE),
    }
}

/// Re-key Key Pair response (§4.5): the same fields as Create Key Pair's.
pub type ReKeyKeyPairResponse = CreateKeyPairResponse;

// §4.6 Derive Key.

structure! {
    /// Derivation Parameters (§4.6).
    #[derive(PartialEq, Default)]
    pub struct DerivationParameters {
        /// Cryptographic Parameters.
        pub cryptographic_parameters: Option<crate::CryptographicParameters> = opt(tag::CRYPTOGRAPHIC_PARAMETERS),
        /// Initialization Vector.
        pub initialization_vector: Option<ByteString> = opt(tag::INITIALIZATION_VECTOR),
        /// Derivation Data.
        pub derivation_data: Option<ByteString> = opt(tag::DERIVATION_DATA),
        /// Salt.
        pub salt: Option<ByteString> = opt(tag::SALT),
        /// Iteration Count.
        pub iteration_count: Option<i32> = opt(tag::ITERATION_COUNT),
    }
}

structure! {
    /// Derive Key request (§4.6).
    #[derive(PartialEq, Default)]
    pub struct DeriveKeyRequest {
        /// Object Type of the derived object.
        pub object_type: ObjectType = req(tag::OBJECT_TYPE),
        /// Unique Identifiers of the base object(s).
        pub unique_identifiers: Vec<String> = rep1(tag::UNIQUE_IDENTIFIER),
        /// Derivation Method.
        pub derivation_method: DerivationMethod = req(tag::DERIVATION_METHOD),
        /// Derivation Parameters.
        pub derivation_parameters: DerivationParameters = req(tag::DERIVATION_PARAMETERS),
        /// Template-Attribute of the derived object.
        pub template_attribute: TemplateAttribute = req(tag::TEMPLATE_ATTRIBUTE),
    }
}

structure! {
    /// Derive Key response (§4.6).
    #[derive(PartialEq, Default)]
    pub struct DeriveKeyResponse {
        /// Unique Identifier of the derived object.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
        /// Attributes the server set implicitly.
        pub template_attribute: Option<TemplateAttribute> = opt(tag::TEMPLATE_ATTRIBUTE),
    }
}

// §4.7 Certify, §4.8 Re-certify.

structure! {
    /// Certify request (§4.7).
    #[derive(PartialEq, Default)]
    pub struct CertifyRequest {
        /// Unique Identifier of the public key to certify.
        pub unique_identifier: Option<String> = opt(tag::UNIQUE_IDENTIFIER),
        /// Certificate Request Type.
        pub certificate_request_type: CertificateRequestType = req(tag::CERTIFICATE_REQUEST_TYPE),
        /// Certificate Request.
        pub certificate_request: ByteString = req(tag::CERTIFICATE_REQUEST),
        /// Template-Attribute.
        pub template_attribute: Option<TemplateAttribute> = opt(tag::TEMPLATE_ATTRIBUTE),
    }
}

structure! {
    /// Certify response (§4.7).
    #[derive(PartialEq, Default)]
    pub struct CertifyResponse {
        /// Unique Identifier of the new certificate.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
        /// Attributes the server set implicitly.
        pub template_attribute: Option<TemplateAttribute> = opt(tag::TEMPLATE_ATTRIBUTE),
    }
}

structure! {
    /// Re-certify request (§4.8).
    #[derive(PartialEq, Default)]
    pub struct ReCertifyRequest {
        /// Unique Identifier of the certificate to renew.
        pub unique_identifier: Option<String> = opt(tag::UNIQUE_IDENTIFIER),
        /// Certificate Request Type.
        pub certificate_request_type: CertificateRequestType = req(tag::CERTIFICATE_REQUEST_TYPE),
        /// Certificate Request.
        pub certificate_request: ByteString = req(tag::CERTIFICATE_REQUEST),
        /// Offset, seconds.
        pub offset: Option<u32> = opt(tag::OFFSET),
        /// Template-Attribute.
        pub template_attribute: Option<TemplateAttribute> = opt(tag::TEMPLATE_ATTRIBUTE),
    }
}

structure! {
    /// Re-certify response (§4.8).
    #[derive(PartialEq, Default)]
    pub struct ReCertifyResponse {
        /// Unique Identifier of the new certificate.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
        /// Attributes the server set implicitly.
        pub template_attribute: Option<TemplateAttribute> = opt(tag::TEMPLATE_ATTRIBUTE),
    }
}

// §4.9 Locate.

structure! {
    /// Locate request (§4.9): objects whose attributes match all of `attributes`.
    #[derive(PartialEq, Default)]
    pub struct LocateRequest {
        /// Maximum Items to return.
        pub maximum_items: Option<i32> = opt(tag::MAXIMUM_ITEMS),
        /// Storage Status Mask.
        pub storage_status_mask: Option<StorageStatusMask> = opt(tag::STORAGE_STATUS_MASK),
        /// Object Group Member (KMIP 1.1).
        pub object_group_member: Option<ObjectGroupMember> = opt(tag::OBJECT_GROUP_MEMBER),
        /// Attributes to match.
        pub attributes: Vec<Attribute> = rep(tag::ATTRIBUTE),
    }
}

impl LocateRequest {
    /// Objects matching every attribute given.
    pub fn matching(attributes: Vec<Attribute>) -> Self {
        Self {
            attributes,
            ..Self::default()
        }
    }

    /// Objects with this Name.
    pub fn by_name(name: impl Into<String>) -> Self {
        Self::matching(vec![Attribute::name(name)])
    }
}

structure! {
    /// Locate response (§4.9).
    #[derive(PartialEq, Default)]
    pub struct LocateResponse {
        /// Unique Identifiers of the objects found.
        pub unique_identifiers: Vec<String> = rep(tag::UNIQUE_IDENTIFIER),
    }
}

// §4.10 Check.

structure! {
    /// Check request (§4.10).
    #[derive(PartialEq, Default)]
    pub struct CheckRequest {
        /// Unique Identifier.
        pub unique_identifier: Option<String> = opt(tag::UNIQUE_IDENTIFIER),
        /// Usage Limits Count.
        pub usage_limits_count: Option<i64> = opt(tag::USAGE_LIMITS_COUNT),
        /// Cryptographic Usage Mask.
        pub cryptographic_usage_mask: Option<CryptographicUsageMask> = opt(tag::CRYPTOGRAPHIC_USAGE_MASK),
        /// Lease Time, seconds.
        pub lease_time: Option<u32> = opt(tag::LEASE_TIME),
    }
}

structure! {
    /// Check response (§4.10).
    #[derive(PartialEq, Default)]
    pub struct CheckResponse {
        /// Unique Identifier.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
        /// Usage Limits Count.
        pub usage_limits_count: Option<i64> = opt(tag::USAGE_LIMITS_COUNT),
        /// Cryptographic Usage Mask.
        pub cryptographic_usage_mask: Option<CryptographicUsageMask> = opt(tag::CRYPTOGRAPHIC_USAGE_MASK),
        /// Lease Time, seconds.
        pub lease_time: Option<u32> = opt(tag::LEASE_TIME),
    }
}

// §4.11 Get.

structure! {
    /// Get request (§4.11).
    #[derive(PartialEq, Default)]
    pub struct GetRequest {
        /// Unique Identifier (default: the ID Placeholder).
        pub unique_identifier: Option<String> = opt(tag::UNIQUE_IDENTIFIER),
        /// Key Format Type wanted.
        pub key_format_type: Option<KeyFormatType> = opt(tag::KEY_FORMAT_TYPE),
        /// Key Compression Type wanted.
        pub key_compression_type: Option<KeyCompressionType> = opt(tag::KEY_COMPRESSION_TYPE),
        /// How the server shall wrap the key.
        pub key_wrapping_specification: Option<KeyWrappingSpecification> = opt(tag::KEY_WRAPPING_SPECIFICATION),
    }
}

impl GetRequest {
    /// Gets the object `id`.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            unique_identifier: Some(id.into()),
            ..Self::default()
        }
    }
}

/// Get response (§4.11).
#[derive(Clone, Debug)]
pub struct GetResponse {
    /// Object Type.
    pub object_type: ObjectType,
    /// Unique Identifier.
    pub unique_identifier: String,
    /// The object.
    pub object: ManagedObject,
    /// Items this model does not know, kept in place.
    pub unknown: Vec<UnknownItem>,
}

impl GetResponse {
    /// A Get response carrying `object`.
    pub fn new(id: impl Into<String>, object: ManagedObject) -> Self {
        Self {
            object_type: object.object_type(),
            unique_identifier: id.into(),
            object,
            unknown: Vec::new(),
        }
    }
}

object_payload!(
    GetResponse,
    unique_identifier,
    String::new(),
    tag::UNIQUE_IDENTIFIER
);

// §4.12 Get Attributes, §4.13 Get Attribute List.

structure! {
    /// Get Attributes request (§4.12): all attributes if no name is given.
    #[derive(PartialEq, Default)]
    pub struct GetAttributesRequest {
        /// Unique Identifier.
        pub unique_identifier: Option<String> = opt(tag::UNIQUE_IDENTIFIER),
        /// Names of the attributes wanted.
        pub attribute_names: Vec<String> = rep(tag::ATTRIBUTE_NAME),
    }
}

impl GetAttributesRequest {
    /// The attributes called `names` of object `id`.
    pub fn new(id: impl Into<String>, names: &[&str]) -> Self {
        Self {
            unique_identifier: Some(id.into()),
            attribute_names: names.iter().map(|n| (*n).to_owned()).collect(),
            unknown: Vec::new(),
        }
    }
}

structure! {
    /// Get Attributes response (§4.12).
    #[derive(PartialEq, Default)]
    pub struct GetAttributesResponse {
        /// Unique Identifier.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
        /// The attributes.
        pub attributes: Vec<Attribute> = rep(tag::ATTRIBUTE),
    }
}

structure! {
    /// Get Attribute List request (§4.13).
    #[derive(PartialEq, Default)]
    pub struct GetAttributeListRequest {
        /// Unique Identifier.
        pub unique_identifier: Option<String> = opt(tag::UNIQUE_IDENTIFIER),
    }
}

structure! {
    /// Get Attribute List response (§4.13).
    #[derive(PartialEq, Default)]
    pub struct GetAttributeListResponse {
        /// Unique Identifier.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
        /// Names of the object's attributes.
        pub attribute_names: Vec<String> = rep(tag::ATTRIBUTE_NAME),
    }
}

// §4.14 Add Attribute, §4.15 Modify Attribute, §4.16 Delete Attribute.

structure! {
    /// Add Attribute request (§4.14).
    #[derive(PartialEq, Default)]
    pub struct AddAttributeRequest {
        /// Unique Identifier.
        pub unique_identifier: Option<String> = opt(tag::UNIQUE_IDENTIFIER),
        /// The attribute to add.
        pub attribute: Attribute = req(tag::ATTRIBUTE),
    }
}

structure! {
    /// Add Attribute response (§4.14).
    #[derive(PartialEq, Default)]
    pub struct AddAttributeResponse {
        /// Unique Identifier.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
        /// The attribute added, with its index.
        pub attribute: Attribute = req(tag::ATTRIBUTE),
    }
}

structure! {
    /// Modify Attribute request (§4.15).
    #[derive(PartialEq, Default)]
    pub struct ModifyAttributeRequest {
        /// Unique Identifier.
        pub unique_identifier: Option<String> = opt(tag::UNIQUE_IDENTIFIER),
        /// The attribute's new value (and index).
        pub attribute: Attribute = req(tag::ATTRIBUTE),
    }
}

structure! {
    /// Modify Attribute response (§4.15).
    #[derive(PartialEq, Default)]
    pub struct ModifyAttributeResponse {
        /// Unique Identifier.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
        /// The attribute as modified.
        pub attribute: Attribute = req(tag::ATTRIBUTE),
    }
}

structure! {
    /// Delete Attribute request (§4.16).
    #[derive(PartialEq, Default)]
    pub struct DeleteAttributeRequest {
        /// Unique Identifier.
        pub unique_identifier: Option<String> = opt(tag::UNIQUE_IDENTIFIER),
        /// Attribute Name.
        pub attribute_name: String = req(tag::ATTRIBUTE_NAME),
        /// Attribute Index (default 0).
        pub attribute_index: Option<i32> = opt(tag::ATTRIBUTE_INDEX),
    }
}

structure! {
    /// Delete Attribute response (§4.16).
    #[derive(PartialEq, Default)]
    pub struct DeleteAttributeResponse {
        /// Unique Identifier.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
        /// The attribute deleted.
        pub attribute: Attribute = req(tag::ATTRIBUTE),
    }
}

// §4.17 Obtain Lease, §4.18 Get Usage Allocation.

structure! {
    /// Obtain Lease request (§4.17).
    #[derive(PartialEq, Default)]
    pub struct ObtainLeaseRequest {
        /// Unique Identifier.
        pub unique_identifier: Option<String> = opt(tag::UNIQUE_IDENTIFIER),
    }
}

structure! {
    /// Obtain Lease response (§4.17).
    #[derive(PartialEq, Default)]
    pub struct ObtainLeaseResponse {
        /// Unique Identifier.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
        /// Lease Time, seconds.
        pub lease_time: u32 = req(tag::LEASE_TIME),
        /// Last Change Date of the object.
        pub last_change_date: DateTime = req(tag::LAST_CHANGE_DATE),
    }
}

structure! {
    /// Get Usage Allocation request (§4.18).
    #[derive(PartialEq, Default)]
    pub struct GetUsageAllocationRequest {
        /// Unique Identifier.
        pub unique_identifier: Option<String> = opt(tag::UNIQUE_IDENTIFIER),
        /// Usage Limits Count wanted.
        pub usage_limits_count: i64 = req(tag::USAGE_LIMITS_COUNT),
    }
}

structure! {
    /// Get Usage Allocation response (§4.18).
    #[derive(PartialEq, Default)]
    pub struct GetUsageAllocationResponse {
        /// Unique Identifier.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
    }
}

// §4.19 Activate .. §4.23 Recover: a Unique Identifier each way.

macro_rules! id_operation {
    ($req:ident, $resp:ident, $doc:literal) => {
        structure! {
            #[doc = concat!($doc, " request.")]
            #[derive(PartialEq, Eq, Default)]
            pub struct $req {
                /// Unique Identifier (default: the ID Placeholder).
                pub unique_identifier: Option<String> = opt(tag::UNIQUE_IDENTIFIER),
            }
        }

        impl $req {
            #[doc = concat!($doc, " request for object `id`.")]
            pub fn new(id: impl Into<String>) -> Self {
                Self {
                    unique_identifier: Some(id.into()),
                    unknown: Vec::new(),
                }
            }
        }

        structure! {
            #[doc = concat!($doc, " response.")]
            #[derive(PartialEq, Eq, Default)]
            pub struct $resp {
                /// Unique Identifier.
                pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
            }
        }

        impl $resp {
            #[doc = concat!($doc, " response for object `id`.")]
            pub fn new(id: impl Into<String>) -> Self {
                Self {
                    unique_identifier: id.into(),
                    unknown: Vec::new(),
                }
            }
        }
    };
}

id_operation!(ActivateRequest, ActivateResponse, "Activate (§4.19)");
id_operation!(DestroyRequest, DestroyResponse, "Destroy (§4.21)");
id_operation!(ArchiveRequest, ArchiveResponse, "Archive (§4.22)");
id_operation!(RecoverRequest, RecoverResponse, "Recover (§4.23)");

structure! {
    /// Revoke request (§4.20).
    #[derive(PartialEq, Eq, Default)]
    pub struct RevokeRequest {
        /// Unique Identifier.
        pub unique_identifier: Option<String> = opt(tag::UNIQUE_IDENTIFIER),
        /// Revocation Reason.
        pub revocation_reason: RevocationReason = req(tag::REVOCATION_REASON),
        /// Compromise Occurrence Date (for Key or CA Compromise).
        pub compromise_occurrence_date: Option<DateTime> = opt(tag::COMPROMISE_OCCURRENCE_DATE),
    }
}

impl RevokeRequest {
    /// Revokes object `id` for `code`.
    pub fn new(id: impl Into<String>, code: RevocationReasonCode) -> Self {
        Self {
            unique_identifier: Some(id.into()),
            revocation_reason: RevocationReason::new(code),
            ..Self::default()
        }
    }
}

structure! {
    /// Revoke response (§4.20).
    #[derive(PartialEq, Eq, Default)]
    pub struct RevokeResponse {
        /// Unique Identifier.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
    }
}

// §4.24 Validate.

structure! {
    /// Validate request (§4.24): a certificate chain.
    #[derive(PartialEq, Default)]
    pub struct ValidateRequest {
        /// Certificates of the chain.
        pub certificates: Vec<Certificate> = rep(tag::CERTIFICATE),
        /// Unique Identifiers of certificates of the chain.
        pub unique_identifiers: Vec<String> = rep(tag::UNIQUE_IDENTIFIER),
        /// Validity Date.
        pub validity_date: Option<DateTime> = opt(tag::VALIDITY_DATE),
    }
}

structure! {
    /// Validate response (§4.24).
    #[derive(PartialEq, Eq, Default)]
    pub struct ValidateResponse {
        /// Validity Indicator.
        pub validity_indicator: ValidityIndicator = req(tag::VALIDITY_INDICATOR),
    }
}

// §4.25 Query.

structure! {
    /// Query request (§4.25).
    #[derive(PartialEq, Eq, Default)]
    pub struct QueryRequest {
        /// Query Functions.
        pub query_functions: Vec<QueryFunction> = rep(tag::QUERY_FUNCTION),
    }
}

impl QueryRequest {
    /// A query for `functions`.
    pub fn new(functions: &[QueryFunction]) -> Self {
        Self {
            query_functions: functions.to_vec(),
            unknown: Vec::new(),
        }
    }
}

structure! {
    /// Server Information (§4.25): vendor-specific contents, all kept in `unknown`.
    #[derive(PartialEq, Eq, Default)]
    pub struct ServerInformation {}
}

structure! {
    /// Query response (§4.25).
    #[derive(PartialEq, Default)]
    pub struct QueryResponse {
        /// Operations the server supports.
        pub operations: Vec<Operation> = rep(tag::OPERATION),
        /// Object Types the server supports.
        pub object_types: Vec<ObjectType> = rep(tag::OBJECT_TYPE),
        /// Vendor Identification.
        pub vendor_identification: Option<String> = opt(tag::VENDOR_IDENTIFICATION),
        /// Server Information.
        pub server_information: Option<ServerInformation> = opt(tag::SERVER_INFORMATION),
        /// Application Namespaces the server supports.
        pub application_namespaces: Vec<String> = rep(tag::APPLICATION_NAMESPACE),
        /// Extension Information (KMIP 1.1).
        pub extension_information: Vec<ExtensionInformation> = rep(tag::EXTENSION_INFORMATION),
    }
}

// §4.26 Discover Versions (KMIP 1.1).

structure! {
    /// Discover Versions request (§4.26, KMIP 1.1): the versions the client supports, most
    /// preferred first (none: ask for all the server's).
    #[derive(PartialEq, Eq, Default)]
    pub struct DiscoverVersionsRequest {
        /// Protocol Versions.
        pub protocol_versions: Vec<ProtocolVersion> = rep(tag::PROTOCOL_VERSION),
    }
}

structure! {
    /// Discover Versions response (§4.26, KMIP 1.1).
    #[derive(PartialEq, Eq, Default)]
    pub struct DiscoverVersionsResponse {
        /// Protocol Versions, most preferred first.
        pub protocol_versions: Vec<ProtocolVersion> = rep(tag::PROTOCOL_VERSION),
    }
}

// §4.27 Cancel, §4.28 Poll.

structure! {
    /// Cancel request (§4.27).
    #[derive(PartialEq, Eq, Default)]
    pub struct CancelRequest {
        /// Asynchronous Correlation Value of the pending operation.
        pub asynchronous_correlation_value: ByteString = req(tag::ASYNCHRONOUS_CORRELATION_VALUE),
    }
}

structure! {
    /// Cancel response (§4.27).
    #[derive(PartialEq, Eq, Default)]
    pub struct CancelResponse {
        /// Asynchronous Correlation Value.
        pub asynchronous_correlation_value: ByteString = req(tag::ASYNCHRONOUS_CORRELATION_VALUE),
        /// Cancellation Result.
        pub cancellation_result: CancellationResult = req(tag::CANCELLATION_RESULT),
    }
}

structure! {
    /// Poll request (§4.28). The Poll response payload is that of the polled operation, which
    /// the response does not name, so it is kept raw ([`ResponsePayload::Poll`]).
    #[derive(PartialEq, Eq, Default)]
    pub struct PollRequest {
        /// Asynchronous Correlation Value of the pending operation.
        pub asynchronous_correlation_value: ByteString = req(tag::ASYNCHRONOUS_CORRELATION_VALUE),
    }
}

// §5.1 Notify, §5.2 Put (server to client).

structure! {
    /// Notify request (§5.1, server to client): attributes of an object changed.
    #[derive(PartialEq, Default)]
    pub struct NotifyRequest {
        /// Unique Identifier.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
        /// The changed attributes (a deleted one has no value).
        pub attributes: Vec<Attribute> = rep1(tag::ATTRIBUTE),
    }
}

structure! {
    /// Notify response (§5.1): empty.
    #[derive(PartialEq, Eq, Default)]
    pub struct NotifyResponse {}
}

/// Put request (§5.2, server to client): an object pushed to the client.
#[derive(Clone, Debug)]
pub struct PutRequest {
    /// Unique Identifier.
    pub unique_identifier: String,
    /// Put Function.
    pub put_function: PutFunction,
    /// Replaced Unique Identifier (with Put Function Replace).
    pub replaced_unique_identifier: Option<String>,
    /// The object.
    pub object: ManagedObject,
    /// Attributes of the object.
    pub attributes: Vec<Attribute>,
    /// Items this model does not know, kept in place.
    pub unknown: Vec<UnknownItem>,
}

impl FromTtlv for PutRequest {
    #[inline]
    fn from_ttlv(item: &Item<'_>, cx: &Context) -> Result<Self, Error> {
        Self::decode_by_value(item, cx)
    }
}

impl DecodeInPlace for PutRequest {
    #[inline]
    fn placeholder() -> Self {
        Self {
            unique_identifier: String::new(),
            put_function: PutFunction::default(),
            replaced_unique_identifier: None,
            object: ManagedObject::placeholder(),
            attributes: Vec::new(),
            unknown: Vec::new(),
        }
    }

    fn decode_in_place(&mut self, item: &Item<'_>, cx: &Context) -> Result<(), Error> {
        // Fields: 0 Unique Identifier, 1 Put Function, 2 Replaced Unique Identifier, 3 the
        // object (one of eight tags), 4 Attribute (zero or more).
        let mut r = StructReader::new(item, bit(4), cx)?;
        let mut unique_identifier = None;
        let mut put_function = None;
        let mut object = false;
        while let Some(child) = r.next() {
            match child.tag() {
                tag::UNIQUE_IDENTIFIER => {
                    r.known(0, &child)?;
                    unique_identifier = Some(r.decode(&child)?);
                }
                tag::PUT_FUNCTION => {
                    r.known(1, &child)?;
                    put_function = Some(r.decode(&child)?);
                }
                tag::REPLACED_UNIQUE_IDENTIFIER => {
                    r.known(2, &child)?;
                    self.replaced_unique_identifier = Some(r.decode(&child)?);
                }
                t if is_object(t) => {
                    r.known(3, &child)?;
                    read_object(&r, &child, None, &mut self.object, &mut object)?;
                }
                tag::ATTRIBUTE => {
                    r.known(4, &child)?;
                    self.attributes.push(r.decode(&child)?);
                }
                _ => r.unknown(&child),
            }
        }
        self.unique_identifier = required(unique_identifier, &r, tag::UNIQUE_IDENTIFIER)?;
        self.put_function = required(put_function, &r, tag::PUT_FUNCTION)?;
        if !object {
            return Err(r.missing(tag::SYMMETRIC_KEY));
        }
        self.unknown = r.finish();
        Ok(())
    }
}

impl ToTtlv for PutRequest {
    fn to_ttlv(&self, tag: Tag, e: &mut Encoder<'_>) {
        e.structure(tag, |e| {
            let mut u = Interleave::new(&self.unknown);
            u.known(e);
            e.text_string(tag::UNIQUE_IDENTIFIER, &self.unique_identifier);
            u.field(e, tag::PUT_FUNCTION, &self.put_function);
            if let Some(r) = &self.replaced_unique_identifier {
                u.known(e);
                e.text_string(tag::REPLACED_UNIQUE_IDENTIFIER, r);
            }
            u.known(e);
            self.object.encode(e);
            for a in &self.attributes {
                u.field(e, tag::ATTRIBUTE, a);
            }
            u.rest(e);
        });
    }
}

structure! {
    /// Put response (§5.2): empty.
    #[derive(PartialEq, Eq, Default)]
    pub struct PutResponse {}
}

/// Generates the payload enums from the operation table: one line per operation with its
/// request and response payload types.
/// `From<$resp> for ResponsePayload`, unless the response type is `shared` with another
/// operation or not a payload type of its own (Re-key Key Pair's is Create Key Pair's, Poll's is
/// raw): build those as `ResponsePayload::ReKeyKeyPair(..)` / `ResponsePayload::Poll(..)`.
macro_rules! response_from {
    ($variant:ident, $resp:ty) => {
        impl From<$resp> for ResponsePayload {
            fn from(p: $resp) -> Self {
                Self::$variant(p)
            }
        }
    };
    ($variant:ident, $resp:ty, shared) => {};
}

/// `read_typed_common` of a payload enum, for its `operation => variant(payload type)` table.
macro_rules! read_typed_common {
    ($( $op:ident => $variant:ident($ty:ty), )*) => {
        /// The one-pass reading ([`ReadCommon`]) of the typed payload of `op` tagged `tag`
        /// into `slot`: `Some(false)` for an operation the model does not type, `None` if
        /// the payload does not read.
        fn read_typed_common(
            op: Operation,
            c: &mut Cursor<'_>,
            tag: Tag,
            cx: &Context,
            slot: &mut Self,
        ) -> Option<bool> {
            match op {
                $( Operation::$op => *slot = Self::$variant(<$ty as ReadCommon>::read_common(c, tag, cx)?), )*
                _ => return Some(false),
            }
            Some(true)
        }
    };
}

macro_rules! payloads {
    (
        in_place_requests: $( $req_op:ident => $req_variant:ident ),*;
        in_place_responses: $( $resp_op:ident => $resp_variant:ident ),*;
        $( $(#[$meta:meta])* $op:ident => $variant:ident($req:ty, $resp:ty $(; $shared:ident)?), )*
    ) => {
        $(
            impl From<$req> for RequestPayload {
                fn from(p: $req) -> Self {
                    Self::$variant(p)
                }
            }
            response_from!($variant, $resp $(, $shared)?);
        )*

        /// The payload of a request batch item, typed by its Operation.
        #[derive(Clone, Debug)]
        #[allow(
            clippy::large_enum_variant,
            reason = "one payload per batch item; boxing would burden every match"
        )]
        pub enum RequestPayload {
            $( $(#[$meta])* $variant($req), )*
            /// The payload of an operation the model does not type, kept verbatim.
            Other(RawItem),
        }

        /// The payload of a response batch item, typed by its Operation.
        #[derive(Clone, Debug)]
        #[allow(
            clippy::large_enum_variant,
            reason = "one payload per batch item; boxing would burden every match"
        )]
        pub enum ResponsePayload {
            $( $(#[$meta])* $variant($resp), )*
            /// The payload of an operation the model does not type, kept verbatim.
            Other(RawItem),
        }

        impl RequestPayload {
            /// The operation this payload belongs to (`None` for [`Other`](Self::Other)).
            pub fn operation(&self) -> Option<Operation> {
                match self {
                    $( Self::$variant(_) => Some(Operation::$op), )*
                    Self::Other(_) => None,
                }
            }

            read_typed_common!($( $op => $variant($req), )*);

            /// Decodes a typed payload into `slot`; `None` for an operation the model does
            /// not type. The payloads that carry a managed object are decoded in place.
            fn decode_typed_into(
                op: Operation,
                item: &Item<'_>,
                cx: &Context,
                slot: &mut Self,
            ) -> Option<Result<(), Error>> {
                $(
                    if op == Operation::$req_op {
                        *slot = Self::$req_variant(DecodeInPlace::placeholder());
                        return Some(match slot {
                            Self::$req_variant(p) => p.decode_in_place(item, cx),
                            _ => Ok(()),
                        });
                    }
                )*
                Some(match op {
                    $( Operation::$op => <$req>::from_ttlv(item, cx).map(|p| *slot = Self::$variant(p)), )*
                    _ => return None,
                })
            }
        }

        impl ResponsePayload {
            /// The operation this payload belongs to (`None` for [`Other`](Self::Other)).
            pub fn operation(&self) -> Option<Operation> {
                match self {
                    $( Self::$variant(_) => Some(Operation::$op), )*
                    Self::Other(_) => None,
                }
            }

            read_typed_common!($( $op => $variant($resp), )*);

            /// Decodes a typed payload into `slot`; `None` for an operation the model does
            /// not type. The payloads that carry a managed object are decoded in place.
            fn decode_typed_into(
                op: Operation,
                item: &Item<'_>,
                cx: &Context,
                slot: &mut Self,
            ) -> Option<Result<(), Error>> {
                $(
                    if op == Operation::$resp_op {
                        *slot = Self::$resp_variant(DecodeInPlace::placeholder());
                        return Some(match slot {
                            Self::$resp_variant(p) => p.decode_in_place(item, cx),
                            _ => Ok(()),
                        });
                    }
                )*
                Some(match op {
                    $( Operation::$op => <$resp>::from_ttlv(item, cx).map(|p| *slot = Self::$variant(p)), )*
                    _ => return None,
                })
            }
        }

        /// Written by the rules of the encoder's version or of the operation's, whichever
        /// is later (see the module docs).
        impl ToTtlv for RequestPayload {
            fn to_ttlv(&self, tag: Tag, e: &mut Encoder<'_>) {
                match self {
                    $( Self::$variant(p) => e.for_operation(Operation::$op, |e| p.to_ttlv(tag, e)), )*
                    Self::Other(raw) => e.raw(raw),
                }
            }
        }

        /// Written by the rules of the encoder's version or of the operation's, whichever
        /// is later (see the module docs).
        impl ToTtlv for ResponsePayload {
            fn to_ttlv(&self, tag: Tag, e: &mut Encoder<'_>) {
                match self {
                    $( Self::$variant(p) => e.for_operation(Operation::$op, |e| p.to_ttlv(tag, e)), )*
                    Self::Other(raw) => e.raw(raw),
                }
            }
        }
    };
}

payloads! {
    // The payloads that carry a managed object (~600 bytes): decoded in place.
    in_place_requests: REGISTER => Register, PUT => Put, IMPORT => Import;
    in_place_responses: GET => Get, EXPORT => Export;
    /// §4.1 Create.
    CREATE => Create(CreateRequest, CreateResponse),
    /// §4.2 Create Key Pair.
    CREATE_KEY_PAIR => CreateKeyPair(CreateKeyPairRequest, CreateKeyPairResponse),
    /// §4.3 Register.
    REGISTER => Register(RegisterRequest, RegisterResponse),
    /// §4.4 Re-key.
    RE_KEY => ReKey(ReKeyRequest, ReKeyResponse),
    /// §4.6 Derive Key.
    DERIVE_KEY => DeriveKey(DeriveKeyRequest, DeriveKeyResponse),
    /// §4.7 Certify.
    CERTIFY => Certify(CertifyRequest, CertifyResponse),
    /// §4.8 Re-certify.
    RE_CERTIFY => ReCertify(ReCertifyRequest, ReCertifyResponse),
    /// §4.9 Locate.
    LOCATE => Locate(LocateRequest, LocateResponse),
    /// §4.10 Check.
    CHECK => Check(CheckRequest, CheckResponse),
    /// §4.11 Get.
    GET => Get(GetRequest, GetResponse),
    /// §4.12 Get Attributes.
    GET_ATTRIBUTES => GetAttributes(GetAttributesRequest, GetAttributesResponse),
    /// §4.13 Get Attribute List.
    GET_ATTRIBUTE_LIST => GetAttributeList(GetAttributeListRequest, GetAttributeListResponse),
    /// §4.14 Add Attribute.
    ADD_ATTRIBUTE => AddAttribute(AddAttributeRequest, AddAttributeResponse),
    /// §4.15 Modify Attribute.
    MODIFY_ATTRIBUTE => ModifyAttribute(ModifyAttributeRequest, ModifyAttributeResponse),
    /// §4.16 Delete Attribute.
    DELETE_ATTRIBUTE => DeleteAttribute(DeleteAttributeRequest, DeleteAttributeResponse),
    /// §4.17 Obtain Lease.
    OBTAIN_LEASE => ObtainLease(ObtainLeaseRequest, ObtainLeaseResponse),
    /// §4.18 Get Usage Allocation.
    GET_USAGE_ALLOCATION => GetUsageAllocation(GetUsageAllocationRequest, GetUsageAllocationResponse),
    /// §4.19 Activate.
    ACTIVATE => Activate(ActivateRequest, ActivateResponse),
    /// §4.20 Revoke.
    REVOKE => Revoke(RevokeRequest, RevokeResponse),
    /// §4.21 Destroy.
    DESTROY => Destroy(DestroyRequest, DestroyResponse),
    /// §4.22 Archive.
    ARCHIVE => Archive(ArchiveRequest, ArchiveResponse),
    /// §4.23 Recover.
    RECOVER => Recover(RecoverRequest, RecoverResponse),
    /// §4.24 Validate.
    VALIDATE => Validate(ValidateRequest, ValidateResponse),
    /// §4.25 Query.
    QUERY => Query(QueryRequest, QueryResponse),
    /// §4.27 Cancel.
    CANCEL => Cancel(CancelRequest, CancelResponse),
    /// §4.28 Poll (the response payload is the polled operation's, kept raw).
    POLL => Poll(PollRequest, RawItem; shared),
    /// §5.1 Notify.
    NOTIFY => Notify(NotifyRequest, NotifyResponse),
    /// §5.2 Put.
    PUT => Put(PutRequest, PutResponse),
    /// §4.5 Re-key Key Pair (KMIP 1.1).
    RE_KEY_KEY_PAIR => ReKeyKeyPair(ReKeyKeyPairRequest, ReKeyKeyPairResponse; shared),
    /// §4.26 Discover Versions (KMIP 1.1).
    DISCOVER_VERSIONS => DiscoverVersions(DiscoverVersionsRequest, DiscoverVersionsResponse),
    /// §4.29 Encrypt (KMIP 1.2).
    ENCRYPT => Encrypt(EncryptRequest, EncryptResponse),
    /// §4.30 Decrypt (KMIP 1.2).
    DECRYPT => Decrypt(DecryptRequest, DecryptResponse),
    /// §4.31 Sign (KMIP 1.2).
    SIGN => Sign(SignRequest, SignResponse),
    /// §4.32 Signature Verify (KMIP 1.2).
    SIGNATURE_VERIFY => SignatureVerify(SignatureVerifyRequest, SignatureVerifyResponse),
    /// §4.33 MAC (KMIP 1.2).
    MAC => Mac(MacRequest, MacResponse),
    /// §4.34 MAC Verify (KMIP 1.2).
    MAC_VERIFY => MacVerify(MacVerifyRequest, MacVerifyResponse),
    /// §4.35 RNG Retrieve (KMIP 1.2).
    RNG_RETRIEVE => RngRetrieve(RngRetrieveRequest, RngRetrieveResponse),
    /// §4.36 RNG Seed (KMIP 1.2).
    RNG_SEED => RngSeed(RngSeedRequest, RngSeedResponse),
    /// §4.37 Hash (KMIP 1.2).
    HASH => Hash(HashRequest, HashResponse),
    /// §4.38 Create Split Key (KMIP 1.2).
    CREATE_SPLIT_KEY => CreateSplitKey(CreateSplitKeyRequest, CreateSplitKeyResponse),
    /// §4.39 Join Split Key (KMIP 1.2).
    JOIN_SPLIT_KEY => JoinSplitKey(JoinSplitKeyRequest, JoinSplitKeyResponse),
    /// §4.40 Export (KMIP 1.4).
    EXPORT => Export(ExportRequest, ExportResponse),
    /// §4.41 Import (KMIP 1.4).
    IMPORT => Import(ImportRequest, ImportResponse),
}

/// Decodes a payload typed by `op` into `slot`, following the version rules: KMIP 2.x
/// payloads and those of untyped operations stay raw; a KMIP 1.x payload that does not
/// decode is an error.
fn decode_payload_into<T>(
    typed: impl FnOnce(&mut T) -> Option<Result<(), Error>>,
    raw: impl FnOnce() -> T,
    cx: &Context,
    slot: &mut T,
) -> Result<(), Error> {
    if cx.version().major >= 2 {
        *slot = raw();
        return Ok(());
    }
    match typed(slot) {
        None => *slot = raw(),
        Some(Ok(())) => {}
        Some(Err(e)) => return Err(e),
    }
    Ok(())
}

impl RequestPayload {
    /// Decodes the Request Payload `item` of a batch item whose Operation is `op`.
    ///
    /// # Errors
    /// A KMIP 1.0/1.1 payload that does not match its operation's table.
    pub fn decode(op: Operation, item: &Item<'_>, cx: &Context) -> Result<Self, Error> {
        let mut payload = Self::placeholder();
        payload.decode_into(op, item, cx)?;
        Ok(payload)
    }

    /// An empty Activate request (no allocation), for decoding in place.
    #[inline]
    pub(crate) fn placeholder() -> Self {
        Self::Activate(ActivateRequest::default())
    }

    /// [`decode`](Self::decode) into `self`, where the payload stays.
    pub(crate) fn decode_into(
        &mut self,
        op: Operation,
        item: &Item<'_>,
        cx: &Context,
    ) -> Result<(), Error> {
        let cx = &cx.for_operation(op);
        decode_payload_into(
            |slot| Self::decode_typed_into(op, item, cx, slot),
            || Self::Other(RawItem::from_item(item)),
            cx,
            self,
        )
    }
}

impl ResponsePayload {
    /// Decodes the Response Payload `item` of a batch item whose Operation is `op`.
    ///
    /// # Errors
    /// A KMIP 1.0/1.1 payload that does not match its operation's table.
    pub fn decode(op: Operation, item: &Item<'_>, cx: &Context) -> Result<Self, Error> {
        let mut payload = Self::placeholder();
        payload.decode_into(op, item, cx)?;
        Ok(payload)
    }

    /// An empty Activate response (no allocation), for decoding in place.
    #[inline]
    pub(crate) fn placeholder() -> Self {
        Self::Activate(ActivateResponse::default())
    }

    /// [`decode`](Self::decode) into `self`, where the payload stays.
    pub(crate) fn decode_into(
        &mut self,
        op: Operation,
        item: &Item<'_>,
        cx: &Context,
    ) -> Result<(), Error> {
        let cx = &cx.for_operation(op);
        decode_payload_into(
            |slot| Self::decode_typed_into(op, item, cx, slot),
            || Self::Other(RawItem::from_item(item)),
            cx,
            self,
        )
    }
}

/// [`decode_payload_into`] on the one-pass path, for the payload tagged `tag` of `op` that
/// comes next in `c`, with `read_typed` the payload type's generated reader: a KMIP 2.x payload
/// or an operation the model does not type kept raw (the item validated whole), any other
/// payload read as the general decoder reads it.
fn read_payload_into<T>(
    op: Operation,
    c: &mut Cursor<'_>,
    tag: Tag,
    cx: &Context,
    slot: &mut T,
    read_typed: impl FnOnce(&mut Cursor<'_>, &Context, &mut T) -> Option<bool>,
    raw: impl FnOnce(RawItem) -> T,
) -> Option<()> {
    let cx = &cx.for_operation(op);
    // An operation the model does not type reads nothing here.
    if cx.version().major < 2 && read_typed(c, cx, slot)? {
        return Some(());
    }
    *slot = raw(read_raw_payload(c, tag)?);
    Some(())
}

/// A payload kept raw on the one-pass path: the Structure tagged `tag` that comes next in
/// `c`, validated whole.
pub(crate) fn read_raw_payload(c: &mut Cursor<'_>, tag: Tag) -> Option<RawItem> {
    let item = c.item(tag)?;
    (item.item_type() == ItemType::Structure).then(|| RawItem::from_item(&item))
}

impl RequestPayload {
    /// [`decode_into`](Self::decode_into) on the one-pass path
    /// (`RequestMessage::read_common`): the Request Payload that comes next in `c`.
    pub(crate) fn read_common_into(
        &mut self,
        op: Operation,
        c: &mut Cursor<'_>,
        cx: &Context,
    ) -> Option<()> {
        read_payload_into(
            op,
            c,
            tag::REQUEST_PAYLOAD,
            cx,
            self,
            |c, cx, slot| Self::read_typed_common(op, c, tag::REQUEST_PAYLOAD, cx, slot),
            Self::Other,
        )
    }
}

impl ResponsePayload {
    /// [`decode_into`](Self::decode_into) on the one-pass path
    /// (`ResponseMessage::read_common`): the Response Payload that comes next in `c`. A Get
    /// response is read in place (it holds the object).
    pub(crate) fn read_common_into(
        &mut self,
        op: Operation,
        c: &mut Cursor<'_>,
        cx: &Context,
    ) -> Option<()> {
        read_payload_into(
            op,
            c,
            tag::RESPONSE_PAYLOAD,
            cx,
            self,
            |c, cx, slot| {
                if op != Operation::GET {
                    return Self::read_typed_common(op, c, tag::RESPONSE_PAYLOAD, cx, slot);
                }
                *slot = Self::Get(DecodeInPlace::placeholder());
                if let Self::Get(p) = slot {
                    c.structure(tag::RESPONSE_PAYLOAD, |b| p.read_common_into(b, cx))?;
                }
                Some(true)
            },
            Self::Other,
        )
    }
}

impl fmt::Display for RequestPayload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.operation() {
            Some(op) => write!(f, "{op} request"),
            None => f.write_str("untyped request"),
        }
    }
}
