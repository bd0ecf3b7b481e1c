//! Attributes: the Attribute structure (KMIP 1.1 §2.1.1), every attribute of §3 with its
//! proper type, custom attributes (§3.39, `x-` client and `y-` server names, any item type,
//! kept verbatim), and Template-Attribute (§2.1.8).

use core::fmt;
use std::borrow::Cow;

use kmip_ttlv::{Cursor, Item, ItemType, Tag};

use crate::codec::{
    Context, Encoder, FromTtlv, Interleave, RawItem, ReadCommon, StructReader, ToTtlv, expect_type,
    read_optional, required,
};
use crate::value::{ByteString, DateTime};
use crate::{
    AlternativeNameType, BlockCipherMode, CertificateType, CryptographicAlgorithm,
    CryptographicUsageMask, DigitalSignatureAlgorithm, DrbgAlgorithm, Error, Fips186Variation,
    HashingAlgorithm, KeyFormatType, KeyRoleType, KeyValueLocationType, LinkType, MaskGenerator,
    NameType, ObjectType, PaddingMethod, ProtocolVersion, RecommendedCurve, RevocationReasonCode,
    RngAlgorithm, State, UnknownItem, UsageLimitsUnit, tag,
};

structure! {
    /// Name (§3.2): a name for a managed object, unique within the server.
    #[derive(PartialEq, Eq, Default)]
    pub struct Name {
        /// Name Value.
        pub name_value: String = req(tag::NAME_VALUE),
        /// Name Type.
        pub name_type: NameType = req(tag::NAME_TYPE),
    }
}

impl Name {
    /// An uninterpreted text name.
    pub fn text(value: impl Into<String>) -> Self {
        Self {
            name_value: value.into(),
            name_type: NameType::UNINTERPRETED_TEXT_STRING,
            unknown: Vec::new(),
        }
    }
}

structure! {
    /// Cryptographic Parameters (§3.6), with the fields KMIP 1.2 and 1.4 added; encoding for
    /// an older peer leaves a later version's fields out.
    #[derive(PartialEq, Eq, Default)]
    pub struct CryptographicParameters {
        /// Block Cipher Mode.
        pub block_cipher_mode: Option<BlockCipherMode> = opt(tag::BLOCK_CIPHER_MODE),
        /// Padding Method.
        pub padding_method: Option<PaddingMethod> = opt(tag::PADDING_METHOD),
        /// Hashing Algorithm.
        pub hashing_algorithm: Option<HashingAlgorithm> = opt(tag::HASHING_ALGORITHM),
        /// Key Role Type.
        pub key_role_type: Option<KeyRoleType> = opt(tag::KEY_ROLE_TYPE),
        /// Digital Signature Algorithm (KMIP 1.2).
        pub digital_signature_algorithm: Option<DigitalSignatureAlgorithm> = opt(tag::DIGITAL_SIGNATURE_ALGORITHM),
        /// Cryptographic Algorithm (KMIP 1.2).
        pub cryptographic_algorithm: Option<CryptographicAlgorithm> = opt(tag::CRYPTOGRAPHIC_ALGORITHM),
        /// Random IV: whether the server generates the IV (KMIP 1.2).
        pub random_iv: Option<bool> = opt(tag::RANDOM_IV),
        /// IV Length, bits (KMIP 1.2).
        pub iv_length: Option<i32> = opt(tag::IV_LENGTH),
        /// Tag Length, bytes, for authenticated encryption (KMIP 1.2).
        pub tag_length: Option<i32> = opt(tag::TAG_LENGTH),
        /// Fixed Field Length of a deterministic IV, bits (KMIP 1.2).
        pub fixed_field_length: Option<i32> = opt(tag::FIXED_FIELD_LENGTH),
        /// Invocation Field Length of a deterministic IV, bits (KMIP 1.2).
        pub invocation_field_length: Option<i32> = opt(tag::INVOCATION_FIELD_LENGTH),
        /// Counter Length for CTR mode, bits (KMIP 1.2).
        pub counter_length: Option<i32> = opt(tag::COUNTER_LENGTH),
        /// Initial Counter Value for CTR mode (KMIP 1.2).
        pub initial_counter_value: Option<i32> = opt(tag::INITIAL_COUNTER_VALUE),
        /// Salt Length for PSS, bytes (KMIP 1.4).
        pub salt_length: Option<i32> = opt(tag::SALT_LENGTH),
        /// Mask Generator for OAEP and PSS (KMIP 1.4).
        pub mask_generator: Option<MaskGenerator> = opt(tag::MASK_GENERATOR),
        /// Mask Generator Hashing Algorithm (KMIP 1.4; a Hashing Algorithm value).
        pub mask_generator_hashing_algorithm: Option<HashingAlgorithm> = opt(tag::MASK_GENERATOR_HASHING_ALGORITHM),
        /// P Source: the OAEP encoding parameter (KMIP 1.4).
        pub p_source: Option<ByteString> = opt(tag::P_SOURCE),
        /// Trailer Field for PSS (KMIP 1.4).
        pub trailer_field: Option<i32> = opt(tag::TRAILER_FIELD),
    }
}

structure! {
    /// Cryptographic Domain Parameters (§3.7).
    #[derive(PartialEq, Eq, Default)]
    pub struct CryptographicDomainParameters {
        /// Qlength: the length of the subgroup order Q in bits.
        pub qlength: Option<i32> = opt(tag::QLENGTH),
        /// Recommended Curve.
        pub recommended_curve: Option<RecommendedCurve> = opt(tag::RECOMMENDED_CURVE),
    }
}

structure! {
    /// X.509 Certificate Identifier (§3.10, KMIP 1.1).
    #[derive(PartialEq, Eq, Default)]
    pub struct X509CertificateIdentifier {
        /// Issuer Distinguished Name (DER).
        pub issuer_distinguished_name: ByteString = req(tag::ISSUER_DISTINGUISHED_NAME),
        /// Certificate Serial Number (DER).
        pub certificate_serial_number: ByteString = req(tag::CERTIFICATE_SERIAL_NUMBER),
    }
}

structure! {
    /// X.509 Certificate Subject (§3.11, KMIP 1.1).
    #[derive(PartialEq, Eq, Default)]
    pub struct X509CertificateSubject {
        /// Subject Distinguished Name (DER).
        pub subject_distinguished_name: ByteString = req(tag::SUBJECT_DISTINGUISHED_NAME),
        /// Subject Alternative Names (DER).
        pub subject_alternative_names: Vec<ByteString> = rep(tag::SUBJECT_ALTERNATIVE_NAME),
    }
}

structure! {
    /// X.509 Certificate Issuer (§3.12, KMIP 1.1).
    #[derive(PartialEq, Eq, Default)]
    pub struct X509CertificateIssuer {
        /// Issuer Distinguished Name (DER).
        pub issuer_distinguished_name: ByteString = req(tag::ISSUER_DISTINGUISHED_NAME),
        /// Issuer Alternative Names (DER).
        pub issuer_alternative_names: Vec<ByteString> = rep(tag::ISSUER_ALTERNATIVE_NAME),
    }
}

structure! {
    /// Certificate Identifier (§3.13, deprecated in KMIP 1.1 for X.509 Certificate Identifier).
    #[derive(PartialEq, Eq, Default)]
    pub struct CertificateIdentifier {
        /// Issuer.
        pub issuer: String = req(tag::ISSUER),
        /// Serial Number (required for X.509 certificates).
        pub serial_number: Option<String> = opt(tag::SERIAL_NUMBER),
    }
}

structure! {
    /// Certificate Subject (§3.14, deprecated in KMIP 1.1).
    #[derive(PartialEq, Eq, Default)]
    pub struct CertificateSubject {
        /// Certificate Subject Distinguished Name.
        pub distinguished_name: String = req(tag::CERTIFICATE_SUBJECT_DISTINGUISHED_NAME),
        /// Certificate Subject Alternative Names.
        pub alternative_names: Vec<String> = rep(tag::CERTIFICATE_SUBJECT_ALTERNATIVE_NAME),
    }
}

structure! {
    /// Certificate Issuer (§3.15, deprecated in KMIP 1.1).
    #[derive(PartialEq, Eq, Default)]
    pub struct CertificateIssuer {
        /// Certificate Issuer Distinguished Name.
        pub distinguished_name: String = req(tag::CERTIFICATE_ISSUER_DISTINGUISHED_NAME),
        /// Certificate Issuer Alternative Names.
        pub alternative_names: Vec<String> = rep(tag::CERTIFICATE_ISSUER_ALTERNATIVE_NAME),
    }
}

structure! {
    /// Digest (§3.17).
    #[derive(PartialEq, Eq, Default)]
    pub struct Digest {
        /// Hashing Algorithm.
        pub hashing_algorithm: HashingAlgorithm = req(tag::HASHING_ALGORITHM),
        /// Digest Value.
        pub digest_value: Option<ByteString> = opt(tag::DIGEST_VALUE),
        /// Key Format Type the digest was computed over (KMIP 1.1).
        pub key_format_type: Option<KeyFormatType> = opt(tag::KEY_FORMAT_TYPE),
    }
}

structure! {
    /// Usage Limits (§3.21).
    #[derive(PartialEq, Eq, Default)]
    pub struct UsageLimits {
        /// Usage Limits Total.
        pub usage_limits_total: i64 = req(tag::USAGE_LIMITS_TOTAL),
        /// Usage Limits Count (not in templates).
        pub usage_limits_count: Option<i64> = opt(tag::USAGE_LIMITS_COUNT),
        /// Usage Limits Unit.
        pub usage_limits_unit: UsageLimitsUnit = req(tag::USAGE_LIMITS_UNIT),
    }
}

structure! {
    /// Revocation Reason (§3.31).
    #[derive(PartialEq, Eq, Default)]
    pub struct RevocationReason {
        /// Revocation Reason Code.
        pub revocation_reason_code: RevocationReasonCode = req(tag::REVOCATION_REASON_CODE),
        /// Revocation Message.
        pub revocation_message: Option<String> = opt(tag::REVOCATION_MESSAGE),
    }
}

impl RevocationReason {
    /// A reason with just its code.
    pub fn new(code: RevocationReasonCode) -> Self {
        Self {
            revocation_reason_code: code,
            ..Self::default()
        }
    }
}

structure! {
    /// Link (§3.35).
    #[derive(PartialEq, Eq, Default)]
    pub struct Link {
        /// Link Type.
        pub link_type: LinkType = req(tag::LINK_TYPE),
        /// Linked Object Identifier.
        pub linked_object_identifier: String = req(tag::LINKED_OBJECT_IDENTIFIER),
    }
}

structure! {
    /// Application Specific Information (§3.36).
    #[derive(PartialEq, Eq, Default)]
    pub struct ApplicationSpecificInformation {
        /// Application Namespace.
        pub application_namespace: String = req(tag::APPLICATION_NAMESPACE),
        /// Application Data.
        pub application_data: String = req(tag::APPLICATION_DATA),
    }
}

structure! {
    /// Alternative Name (§3.40, KMIP 1.2): another name for the object, of a given type.
    #[derive(PartialEq, Eq, Default)]
    pub struct AlternativeName {
        /// Alternative Name Value.
        pub alternative_name_value: String = req(tag::ALTERNATIVE_NAME_VALUE),
        /// Alternative Name Type (uninterpreted text, URI, object serial number, ...).
        pub alternative_name_type: AlternativeNameType = req(tag::ALTERNATIVE_NAME_TYPE),
    }
}

structure! {
    /// Key Value Location (§3.42, KMIP 1.2): where the key material is when the server does not
    /// hold it (a Key Block without Key Value).
    #[derive(PartialEq, Eq, Default)]
    pub struct KeyValueLocation {
        /// Key Value Location Value.
        pub key_value_location_value: String = req(tag::KEY_VALUE_LOCATION_VALUE),
        /// Key Value Location Type (uninterpreted text, URI).
        pub key_value_location_type: KeyValueLocationType = req(tag::KEY_VALUE_LOCATION_TYPE),
    }
}

structure! {
    /// RNG Parameters (§2.1.18, KMIP 1.3): the random number generator an object came from
    /// (the Random Number Generator attribute, §3.44) or a server offers (Query).
    #[derive(PartialEq, Eq, Default)]
    pub struct RngParameters {
        /// RNG Algorithm.
        pub rng_algorithm: RngAlgorithm = req(tag::RNG_ALGORITHM),
        /// Cryptographic Algorithm.
        pub cryptographic_algorithm: Option<CryptographicAlgorithm> = opt(tag::CRYPTOGRAPHIC_ALGORITHM),
        /// Cryptographic Length, bits.
        pub cryptographic_length: Option<i32> = opt(tag::CRYPTOGRAPHIC_LENGTH),
        /// Hashing Algorithm.
        pub hashing_algorithm: Option<HashingAlgorithm> = opt(tag::HASHING_ALGORITHM),
        /// DRBG Algorithm.
        pub drbg_algorithm: Option<DrbgAlgorithm> = opt(tag::DRBG_ALGORITHM),
        /// Recommended Curve.
        pub recommended_curve: Option<RecommendedCurve> = opt(tag::RECOMMENDED_CURVE),
        /// FIPS186 Variation.
        pub fips186_variation: Option<Fips186Variation> = opt(tag::FIPS186_VARIATION),
        /// Prediction Resistance.
        pub prediction_resistance: Option<bool> = opt(tag::PREDICTION_RESISTANCE),
    }
}

/// Generates [`AttributeValue`] from the table of KMIP 1.1 §3: one line per attribute, its
/// variant, Rust type and specification name.
macro_rules! attribute_values {
    ($( $(#[$meta:meta])* $variant:ident($ty:ty) = $name:literal, $since:ident; )*) => {
        /// The value of an attribute, typed by its name (KMIP 1.1 §3). Attributes whose name the
        /// model does not know (custom `x-`/`y-` attributes, later versions' attributes) keep
        /// their Attribute Value item verbatim in [`Custom`](Self::Custom).
        #[derive(Clone, PartialEq, Debug)]
        pub enum AttributeValue {
            $( $(#[$meta])* $variant($ty), )*
            /// A value the model does not type: the whole Attribute Value item, any item type.
            Custom(RawItem),
        }

        /// The names of every KMIP 1.1 attribute, in §3 order.
        pub const ATTRIBUTE_NAMES: &[&str] = &[$($name),*];

        impl AttributeValue {
            /// The specification's spelling of attribute name `name`, as a `'static` string,
            /// if the table has it (`None` for a custom or unknown name): decoding an Attribute
            /// keeps its name without allocating.
            pub fn known_name(name: &str) -> Option<&'static str> {
                match name {
                    $( $name => Some($name), )*
                    _ => None,
                }
            }

            /// The specification name of the attribute this value belongs to (`None` for a
            /// custom value).
            pub fn name(&self) -> Option<&'static str> {
                match self {
                    $( Self::$variant(_) => Some($name), )*
                    Self::Custom(_) => None,
                }
            }

            /// The first protocol version that defines the attribute (`None` for a custom value).
            pub fn since(&self) -> Option<ProtocolVersion> {
                match self {
                    $( Self::$variant(_) => Some(ProtocolVersion::$since), )*
                    Self::Custom(_) => None,
                }
            }

            /// Decodes the Attribute Value `item` of the attribute called `name`.
            ///
            /// # Errors
            /// A known attribute whose value has the wrong type or contents.
            ///
            /// An attribute that the message's version does not define (one that KMIP 1.1
            /// added, in a KMIP 1.0 message) is kept verbatim in [`Custom`](Self::Custom), as
            /// any other attribute the version does not know: encoding for that version
            /// leaves typed attributes of later versions out, and what the peer sent must
            /// come back out byte for byte.
            pub fn decode(name: &str, item: &Item<'_>, cx: &Context) -> Result<Self, Error> {
                let version = cx.version().max(ProtocolVersion::V1_0);
                let typed = match name {
                    $( $name if ProtocolVersion::$since <= version =>
                        Self::$variant(<$ty>::from_ttlv(item, cx)?), )*
                    _ => return Ok(Self::Custom(RawItem::from_item(item))),
                };
                // An enumerated value of a later version than the message's (Cryptographic
                // Algorithm EC in a KMIP 1.1 message) stays raw, as a later attribute does.
                Ok(if typed.enumeration_defined_in(version) {
                    typed
                } else {
                    Self::Custom(RawItem::from_item(item))
                })
            }
        }

        impl AttributeValue {
            /// [`decode`](Self::decode) on the one-pass path: the Attribute Value that comes
            /// next in `c`, of the attribute called `name`. A typed value of a later version
            /// than the message's declines (the general decoder keeps it raw).
            fn read_common(name: &str, c: &mut Cursor<'_>, cx: &Context) -> Option<Self> {
                let version = cx.version().max(ProtocolVersion::V1_0);
                let typed = match name {
                    $( $name if ProtocolVersion::$since <= version => Self::$variant(
                        <$ty as ReadCommon>::read_common(c, tag::ATTRIBUTE_VALUE, cx)?,
                    ), )*
                    _ => return Some(Self::Custom(RawItem::from_item(&c.item(tag::ATTRIBUTE_VALUE)?))),
                };
                typed.enumeration_defined_in(version).then_some(typed)
            }
        }

        impl ToTtlv for AttributeValue {
            fn to_ttlv(&self, tag: Tag, e: &mut Encoder<'_>) {
                match self {
                    $( Self::$variant(v) => v.to_ttlv(tag, e), )*
                    Self::Custom(raw) => e.raw(raw),
                }
            }
        }
    };
}

attribute_values! {
    /// §3.1 Unique Identifier.
    UniqueIdentifier(String) = "Unique Identifier", V1_0;
    /// §3.2 Name.
    Name(Name) = "Name", V1_0;
    /// §3.3 Object Type.
    ObjectType(ObjectType) = "Object Type", V1_0;
    /// §3.4 Cryptographic Algorithm.
    CryptographicAlgorithm(CryptographicAlgorithm) = "Cryptographic Algorithm", V1_0;
    /// §3.5 Cryptographic Length, in bits.
    CryptographicLength(i32) = "Cryptographic Length", V1_0;
    /// §3.6 Cryptographic Parameters.
    CryptographicParameters(CryptographicParameters) = "Cryptographic Parameters", V1_0;
    /// §3.7 Cryptographic Domain Parameters.
    CryptographicDomainParameters(CryptographicDomainParameters) = "Cryptographic Domain Parameters", V1_0;
    /// §3.8 Certificate Type.
    CertificateType(CertificateType) = "Certificate Type", V1_0;
    /// §3.9 Certificate Length, in bytes (KMIP 1.1).
    CertificateLength(i32) = "Certificate Length", V1_1;
    /// §3.10 X.509 Certificate Identifier (KMIP 1.1).
    X509CertificateIdentifier(X509CertificateIdentifier) = "X.509 Certificate Identifier", V1_1;
    /// §3.11 X.509 Certificate Subject (KMIP 1.1).
    X509CertificateSubject(X509CertificateSubject) = "X.509 Certificate Subject", V1_1;
    /// §3.12 X.509 Certificate Issuer (KMIP 1.1).
    X509CertificateIssuer(X509CertificateIssuer) = "X.509 Certificate Issuer", V1_1;
    /// §3.13 Certificate Identifier (deprecated).
    CertificateIdentifier(CertificateIdentifier) = "Certificate Identifier", V1_0;
    /// §3.14 Certificate Subject (deprecated).
    CertificateSubject(CertificateSubject) = "Certificate Subject", V1_0;
    /// §3.15 Certificate Issuer (deprecated).
    CertificateIssuer(CertificateIssuer) = "Certificate Issuer", V1_0;
    /// §3.16 Digital Signature Algorithm (KMIP 1.1).
    DigitalSignatureAlgorithm(DigitalSignatureAlgorithm) = "Digital Signature Algorithm", V1_1;
    /// §3.17 Digest.
    Digest(Digest) = "Digest", V1_0;
    /// §3.18 Operation Policy Name.
    OperationPolicyName(String) = "Operation Policy Name", V1_0;
    /// §3.19 Cryptographic Usage Mask.
    CryptographicUsageMask(CryptographicUsageMask) = "Cryptographic Usage Mask", V1_0;
    /// §3.20 Lease Time, an Interval in seconds.
    LeaseTime(u32) = "Lease Time", V1_0;
    /// §3.21 Usage Limits.
    UsageLimits(UsageLimits) = "Usage Limits", V1_0;
    /// §3.22 State.
    State(State) = "State", V1_0;
    /// §3.23 Initial Date.
    InitialDate(DateTime) = "Initial Date", V1_0;
    /// §3.24 Activation Date.
    ActivationDate(DateTime) = "Activation Date", V1_0;
    /// §3.25 Process Start Date.
    ProcessStartDate(DateTime) = "Process Start Date", V1_0;
    /// §3.26 Protect Stop Date.
    ProtectStopDate(DateTime) = "Protect Stop Date", V1_0;
    /// §3.27 Deactivation Date.
    DeactivationDate(DateTime) = "Deactivation Date", V1_0;
    /// §3.28 Destroy Date.
    DestroyDate(DateTime) = "Destroy Date", V1_0;
    /// §3.29 Compromise Occurrence Date.
    CompromiseOccurrenceDate(DateTime) = "Compromise Occurrence Date", V1_0;
    /// §3.30 Compromise Date.
    CompromiseDate(DateTime) = "Compromise Date", V1_0;
    /// §3.31 Revocation Reason.
    RevocationReason(RevocationReason) = "Revocation Reason", V1_0;
    /// §3.32 Archive Date.
    ArchiveDate(DateTime) = "Archive Date", V1_0;
    /// §3.33 Object Group.
    ObjectGroup(String) = "Object Group", V1_0;
    /// §3.34 Fresh (KMIP 1.1).
    Fresh(bool) = "Fresh", V1_1;
    /// §3.35 Link.
    Link(Link) = "Link", V1_0;
    /// §3.36 Application Specific Information.
    ApplicationSpecificInformation(ApplicationSpecificInformation) = "Application Specific Information", V1_0;
    /// §3.37 Contact Information.
    ContactInformation(String) = "Contact Information", V1_0;
    /// §3.38 Last Change Date.
    LastChangeDate(DateTime) = "Last Change Date", V1_0;
    /// §3.40 Alternative Name (KMIP 1.2).
    AlternativeName(AlternativeName) = "Alternative Name", V1_2;
    /// §3.41 Key Value Present (KMIP 1.2).
    KeyValuePresent(bool) = "Key Value Present", V1_2;
    /// §3.42 Key Value Location (KMIP 1.2).
    KeyValueLocation(KeyValueLocation) = "Key Value Location", V1_2;
    /// §3.43 Original Creation Date (KMIP 1.2).
    OriginalCreationDate(DateTime) = "Original Creation Date", V1_2;
    /// §3.44 Random Number Generator (KMIP 1.3).
    RandomNumberGenerator(RngParameters) = "Random Number Generator", V1_3;
    /// §3.45 PKCS#12 Friendly Name (KMIP 1.4).
    Pkcs12FriendlyName(String) = "PKCS#12 Friendly Name", V1_4;
    /// §3.46 Description (KMIP 1.4).
    Description(String) = "Description", V1_4;
    /// §3.47 Comment (KMIP 1.4).
    Comment(String) = "Comment", V1_4;
    /// §3.48 Sensitive (KMIP 1.4).
    Sensitive(bool) = "Sensitive", V1_4;
    /// §3.49 Always Sensitive (KMIP 1.4).
    AlwaysSensitive(bool) = "Always Sensitive", V1_4;
    /// §3.50 Extractable (KMIP 1.4).
    Extractable(bool) = "Extractable", V1_4;
    /// §3.51 Never Extractable (KMIP 1.4).
    NeverExtractable(bool) = "Never Extractable", V1_4;
}

/// Attribute (§2.1.1): a name, an optional index among instances of a multi-instance
/// attribute, and a value typed by the name.
///
/// The value is absent only where KMIP 1.1 allows it (a deleted attribute in Notify).
/// `name` is kept as it was on the wire; [`Attribute::new`] derives it from a typed value.
/// A name of the §3 table is borrowed from the table (no allocation per attribute); a custom
/// or unknown one is owned.
#[derive(Clone, PartialEq, Default)]
pub struct Attribute {
    /// Attribute Name: a §3 name, or a custom `x-`/`y-` name.
    pub name: Cow<'static, str>,
    /// Attribute Index.
    pub index: Option<i32>,
    /// Attribute Value.
    pub value: Option<AttributeValue>,
    /// Items this model does not know, kept in place.
    pub unknown: Vec<UnknownItem>,
}

impl Attribute {
    /// An attribute with a typed value, named after it. For a custom value use
    /// [`Attribute::custom`].
    pub fn new(value: AttributeValue) -> Self {
        Self {
            name: Cow::Borrowed(value.name().unwrap_or_default()),
            index: None,
            value: Some(value),
            unknown: Vec::new(),
        }
    }

    /// A custom attribute (`x-...` from a client, `y-...` from a server) whose value is any
    /// item; its tag should be Attribute Value.
    pub fn custom(name: impl Into<String>, value: RawItem) -> Self {
        Self {
            name: Cow::Owned(name.into()),
            index: None,
            value: Some(AttributeValue::Custom(value)),
            unknown: Vec::new(),
        }
    }

    /// A custom attribute with a Text String value.
    pub fn custom_text(name: impl Into<String>, text: &str) -> Self {
        Self::custom(name, RawItem::text_string(tag::ATTRIBUTE_VALUE, text))
    }

    /// The same attribute with an Attribute Index.
    #[must_use]
    pub fn with_index(mut self, index: i32) -> Self {
        self.index = Some(index);
        self
    }

    /// Name (§3.2), uninterpreted text.
    pub fn name(name: impl Into<String>) -> Self {
        Self::new(AttributeValue::Name(Name::text(name)))
    }

    /// Unique Identifier (§3.1).
    pub fn unique_identifier(id: impl Into<String>) -> Self {
        Self::new(AttributeValue::UniqueIdentifier(id.into()))
    }

    /// Object Type (§3.3).
    pub fn object_type(t: ObjectType) -> Self {
        Self::new(AttributeValue::ObjectType(t))
    }

    /// Cryptographic Algorithm (§3.4).
    pub fn cryptographic_algorithm(alg: CryptographicAlgorithm) -> Self {
        Self::new(AttributeValue::CryptographicAlgorithm(alg))
    }

    /// Cryptographic Length (§3.5), in bits.
    pub fn cryptographic_length(bits: i32) -> Self {
        Self::new(AttributeValue::CryptographicLength(bits))
    }

    /// Cryptographic Usage Mask (§3.19).
    pub fn cryptographic_usage_mask(mask: CryptographicUsageMask) -> Self {
        Self::new(AttributeValue::CryptographicUsageMask(mask))
    }

    /// State (§3.22).
    pub fn state(state: State) -> Self {
        Self::new(AttributeValue::State(state))
    }

    /// Object Group (§3.33).
    pub fn object_group(group: impl Into<String>) -> Self {
        Self::new(AttributeValue::ObjectGroup(group.into()))
    }

    /// Link (§3.35).
    pub fn link(link_type: LinkType, id: impl Into<String>) -> Self {
        Self::new(AttributeValue::Link(Link {
            link_type,
            linked_object_identifier: id.into(),
            unknown: Vec::new(),
        }))
    }

    /// Whether the name is a custom attribute name (`x-` or `y-`, §3.39).
    pub fn is_custom(&self) -> bool {
        self.name.starts_with("x-") || self.name.starts_with("y-")
    }
}

impl ReadCommon for Attribute {
    /// [`from_ttlv`](FromTtlv::from_ttlv) on the one-pass path.
    fn read_common(c: &mut Cursor<'_>, tag: Tag, cx: &Context) -> Option<Self> {
        c.structure(tag, |a| {
            let name = known_or_owned(a.text_string(tag::ATTRIBUTE_NAME)?);
            let mut index = None;
            read_optional(a, tag::ATTRIBUTE_INDEX, cx, &mut index)?;
            let value = if a.peek_tag() == Some(tag::ATTRIBUTE_VALUE) {
                Some(AttributeValue::read_common(&name, a, cx)?)
            } else {
                None
            };
            Some(Self {
                name,
                index,
                value,
                unknown: Vec::new(),
            })
        })
    }
}

impl FromTtlv for Attribute {
    fn from_ttlv(item: &Item<'_>, cx: &Context) -> Result<Self, Error> {
        // Fields: 0 Attribute Name, 1 Attribute Index, 2 Attribute Value.
        let mut r = StructReader::new(item, 0, cx)?;
        let mut name: Option<Cow<'static, str>> = None;
        let mut index = None;
        let mut value = None;
        while let Some(child) = r.next() {
            match child.tag() {
                tag::ATTRIBUTE_NAME => {
                    r.known(0, &child)?;
                    name = Some(r.decode_with(&child, |item, _| attribute_name(item))?);
                }
                tag::ATTRIBUTE_INDEX => {
                    r.known(1, &child)?;
                    index = Some(r.decode(&child)?);
                }
                tag::ATTRIBUTE_VALUE => {
                    r.known(2, &child)?;
                    // The name says how to read the value.
                    let Some(name) = &name else {
                        return Err(r.absent(tag::ATTRIBUTE_NAME));
                    };
                    value =
                        Some(r.decode_with(&child, |v, cx| AttributeValue::decode(name, v, cx))?);
                }
                _ => r.unknown(&child),
            }
        }
        Ok(Self {
            name: required(name, &r, tag::ATTRIBUTE_NAME)?,
            index,
            value,
            unknown: r.finish(),
        })
    }
}

/// An Attribute Name item's text: borrowed from the §3 table when it is one of its names.
fn attribute_name(item: &Item<'_>) -> Result<Cow<'static, str>, Error> {
    expect_type(item, ItemType::TextString)?;
    Ok(known_or_owned(item.as_text_string().unwrap_or_default()))
}

/// An attribute name, borrowed from the §3 table when it is one of its names.
fn known_or_owned(text: &str) -> Cow<'static, str> {
    match AttributeValue::known_name(text) {
        Some(known) => Cow::Borrowed(known),
        None => Cow::Owned(text.to_owned()),
    }
}

impl AttributeValue {
    /// Whether the value of an enumerated attribute is one `version` defines (true for every
    /// other attribute): encoding for `version` leaves a later version's value out.
    fn enumeration_defined_in(&self, version: ProtocolVersion) -> bool {
        match self {
            Self::ObjectType(v) => v.is_defined_in(version),
            Self::CryptographicAlgorithm(v) => v.is_defined_in(version),
            Self::CertificateType(v) => v.is_defined_in(version),
            Self::DigitalSignatureAlgorithm(v) => v.is_defined_in(version),
            Self::State(v) => v.is_defined_in(version),
            _ => true,
        }
    }
}

impl ToTtlv for Attribute {
    /// An attribute that the encoder's version does not define (X.509 Certificate Identifier
    /// for a KMIP 1.0 peer, say) is left out whole.
    fn to_ttlv(&self, tag: Tag, e: &mut Encoder<'_>) {
        if let Some(since) = self.value.as_ref().and_then(AttributeValue::since)
            && since > e.version()
        {
            return;
        }
        // An enumerated value of a later version (Cryptographic Algorithm EC, KMIP 1.2) is
        // left out by its table's encoder: the attribute goes with it, not written without a
        // value.
        if let Some(value) = &self.value
            && !value.enumeration_defined_in(e.version())
        {
            return;
        }
        e.structure(tag, |e| {
            let mut u = Interleave::new(&self.unknown);
            u.known(e);
            e.text_string(tag::ATTRIBUTE_NAME, &self.name);
            if let Some(index) = self.index {
                u.known(e);
                e.integer(tag::ATTRIBUTE_INDEX, index);
            }
            if let Some(value) = &self.value {
                u.field(e, tag::ATTRIBUTE_VALUE, value);
            }
            u.rest(e);
        });
    }
}

impl fmt::Debug for Attribute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Attribute");
        s.field("name", &self.name);
        if let Some(index) = self.index {
            s.field("index", &index);
        }
        match &self.value {
            Some(AttributeValue::Custom(raw)) => s.field("value", raw),
            Some(v) => s.field("value", v),
            None => s.field("value", &format_args!("(none)")),
        };
        if !self.unknown.is_empty() {
            s.field("unknown", &self.unknown);
        }
        s.finish()
    }
}

structure! {
    /// Template-Attribute (§2.1.8): names of Templates to apply, and attributes. The same
    /// structure is sent as Common, Private Key and Public Key Template-Attribute.
    #[derive(PartialEq, Default)]
    pub struct TemplateAttribute {
        /// Names of Template objects.
        pub names: Vec<Name> = rep(tag::NAME),
        /// Attributes.
        pub attributes: Vec<Attribute> = rep(tag::ATTRIBUTE),
    }
}

impl TemplateAttribute {
    /// A Template-Attribute holding `attributes`.
    pub fn new(attributes: Vec<Attribute>) -> Self {
        Self {
            attributes,
            ..Self::default()
        }
    }

    /// The first attribute called `name`.
    pub fn get(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }
}

tagged! {
    Attribute => tag::ATTRIBUTE,
    TemplateAttribute => tag::TEMPLATE_ATTRIBUTE,
    Name => tag::NAME,
    CryptographicParameters => tag::CRYPTOGRAPHIC_PARAMETERS,
    CryptographicDomainParameters => tag::CRYPTOGRAPHIC_DOMAIN_PARAMETERS,
    X509CertificateIdentifier => tag::X_509_CERTIFICATE_IDENTIFIER,
    X509CertificateSubject => tag::X_509_CERTIFICATE_SUBJECT,
    X509CertificateIssuer => tag::X_509_CERTIFICATE_ISSUER,
    CertificateIdentifier => tag::CERTIFICATE_IDENTIFIER,
    CertificateSubject => tag::CERTIFICATE_SUBJECT,
    CertificateIssuer => tag::CERTIFICATE_ISSUER,
    Digest => tag::DIGEST,
    UsageLimits => tag::USAGE_LIMITS,
    RevocationReason => tag::REVOCATION_REASON,
    Link => tag::LINK,
    ApplicationSpecificInformation => tag::APPLICATION_SPECIFIC_INFORMATION,
    AlternativeName => tag::ALTERNATIVE_NAME,
    KeyValueLocation => tag::KEY_VALUE_LOCATION,
    RngParameters => tag::RNG_PARAMETERS,
}
