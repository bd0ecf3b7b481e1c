//! Tags: §9.1.3.1 of KMIP 1.0 to 1.4, every tag from `0x420001` to `0x420124`, each with the
//! version that introduced it: KMIP 1.0 `0x420001`–`0x4200A1`, 1.1 `0x4200A2`–`0x4200B7`
//! (KMIP 1.1 Table 213), 1.2 `0x4200B8`–`0x4200D3`, 1.3 `0x4200D4`–`0x4200F7`, 1.4
//! `0x4200F8`–`0x420124`. The tags 1.1 deprecated (Certificate Identifier, ...) stay, as the
//! later tables keep them.
//!
//! `kmip_types::tag::REQUEST_MESSAGE` is a [`kmip_ttlv::Tag`]; [`name`] and [`from_name`] map
//! between tags and the specification's names, [`since`] tells which version introduced a tag.
//! Tags `0x540000`–`0x54FFFF` are extensions (§9.1.3.1): [`Tag::is_extension`].

use kmip_ttlv::Tag;

use crate::ProtocolVersion;

/// The first byte of extension tags: `0x540000`–`0x54FFFF` (KMIP 1.1 §9.1.3.1).
pub const EXTENSION_RANGE: core::ops::RangeInclusive<u32> = 0x54_0000..=0x54_FFFF;

tags! {
    /// §3.24 Activation Date.
    ACTIVATION_DATE = 0x420001, "Activation Date", V1_0;
    /// §3.36 Application Specific Information: Application Data.
    APPLICATION_DATA = 0x420002, "Application Data", V1_0;
    /// §3.36 Application Specific Information: Application Namespace; §4.25 Query.
    APPLICATION_NAMESPACE = 0x420003, "Application Namespace", V1_0;
    /// §3.36 Application Specific Information.
    APPLICATION_SPECIFIC_INFORMATION = 0x420004, "Application Specific Information", V1_0;
    /// §3.32 Archive Date.
    ARCHIVE_DATE = 0x420005, "Archive Date", V1_0;
    /// §6.8 Asynchronous Correlation Value.
    ASYNCHRONOUS_CORRELATION_VALUE = 0x420006, "Asynchronous Correlation Value", V1_0;
    /// §6.7 Asynchronous Indicator.
    ASYNCHRONOUS_INDICATOR = 0x420007, "Asynchronous Indicator", V1_0;
    /// §2.1.1 Attribute.
    ATTRIBUTE = 0x420008, "Attribute", V1_0;
    /// §2.1.1 Attribute: Attribute Index.
    ATTRIBUTE_INDEX = 0x420009, "Attribute Index", V1_0;
    /// §2.1.1 Attribute: Attribute Name.
    ATTRIBUTE_NAME = 0x42000A, "Attribute Name", V1_0;
    /// §2.1.1 Attribute: Attribute Value.
    ATTRIBUTE_VALUE = 0x42000B, "Attribute Value", V1_0;
    /// §6.6 Authentication.
    AUTHENTICATION = 0x42000C, "Authentication", V1_0;
    /// §6.14 Batch Count.
    BATCH_COUNT = 0x42000D, "Batch Count", V1_0;
    /// §6.13 Batch Error Continuation Option.
    BATCH_ERROR_CONTINUATION_OPTION = 0x42000E, "Batch Error Continuation Option", V1_0;
    /// §6.15 Batch Item.
    BATCH_ITEM = 0x42000F, "Batch Item", V1_0;
    /// §6.12 Batch Order Option.
    BATCH_ORDER_OPTION = 0x420010, "Batch Order Option", V1_0;
    /// §3.6 Cryptographic Parameters: Block Cipher Mode.
    BLOCK_CIPHER_MODE = 0x420011, "Block Cipher Mode", V1_0;
    /// §4.27 Cancel: Cancellation Result.
    CANCELLATION_RESULT = 0x420012, "Cancellation Result", V1_0;
    /// §2.2.1 Certificate.
    CERTIFICATE = 0x420013, "Certificate", V1_0;
    /// §3.13 Certificate Identifier (deprecated in 1.1).
    CERTIFICATE_IDENTIFIER = 0x420014, "Certificate Identifier", V1_0;
    /// §3.15 Certificate Issuer (deprecated in 1.1).
    CERTIFICATE_ISSUER = 0x420015, "Certificate Issuer", V1_0;
    /// §3.15 Certificate Issuer: Certificate Issuer Alternative Name.
    CERTIFICATE_ISSUER_ALTERNATIVE_NAME = 0x420016, "Certificate Issuer Alternative Name", V1_0;
    /// §3.15 Certificate Issuer: Certificate Issuer Distinguished Name.
    CERTIFICATE_ISSUER_DISTINGUISHED_NAME = 0x420017, "Certificate Issuer Distinguished Name", V1_0;
    /// §4.7 Certify: Certificate Request.
    CERTIFICATE_REQUEST = 0x420018, "Certificate Request", V1_0;
    /// §4.7 Certify: Certificate Request Type.
    CERTIFICATE_REQUEST_TYPE = 0x420019, "Certificate Request Type", V1_0;
    /// §3.14 Certificate Subject (deprecated in 1.1).
    CERTIFICATE_SUBJECT = 0x42001A, "Certificate Subject", V1_0;
    /// §3.14 Certificate Subject: Certificate Subject Alternative Name.
    CERTIFICATE_SUBJECT_ALTERNATIVE_NAME = 0x42001B, "Certificate Subject Alternative Name", V1_0;
    /// §3.14 Certificate Subject: Certificate Subject Distinguished Name.
    CERTIFICATE_SUBJECT_DISTINGUISHED_NAME = 0x42001C, "Certificate Subject Distinguished Name", V1_0;
    /// §3.8 Certificate Type; §2.2.1 Certificate.
    CERTIFICATE_TYPE = 0x42001D, "Certificate Type", V1_0;
    /// §2.2.1 Certificate: Certificate Value.
    CERTIFICATE_VALUE = 0x42001E, "Certificate Value", V1_0;
    /// §4.2 Create Key Pair: Common Template-Attribute.
    COMMON_TEMPLATE_ATTRIBUTE = 0x42001F, "Common Template-Attribute", V1_0;
    /// §3.30 Compromise Date.
    COMPROMISE_DATE = 0x420020, "Compromise Date", V1_0;
    /// §3.29 Compromise Occurrence Date.
    COMPROMISE_OCCURRENCE_DATE = 0x420021, "Compromise Occurrence Date", V1_0;
    /// §3.37 Contact Information.
    CONTACT_INFORMATION = 0x420022, "Contact Information", V1_0;
    /// §2.1.2 Credential.
    CREDENTIAL = 0x420023, "Credential", V1_0;
    /// §2.1.2 Credential: Credential Type.
    CREDENTIAL_TYPE = 0x420024, "Credential Type", V1_0;
    /// §2.1.2 Credential: Credential Value.
    CREDENTIAL_VALUE = 0x420025, "Credential Value", V1_0;
    /// §6.16 Message Extension: Criticality Indicator.
    CRITICALITY_INDICATOR = 0x420026, "Criticality Indicator", V1_0;
    /// §2.1.7.4 Transparent RSA Private Key: CRT Coefficient.
    CRT_COEFFICIENT = 0x420027, "CRT Coefficient", V1_0;
    /// §3.4 Cryptographic Algorithm.
    CRYPTOGRAPHIC_ALGORITHM = 0x420028, "Cryptographic Algorithm", V1_0;
    /// §3.7 Cryptographic Domain Parameters.
    CRYPTOGRAPHIC_DOMAIN_PARAMETERS = 0x420029, "Cryptographic Domain Parameters", V1_0;
    /// §3.5 Cryptographic Length.
    CRYPTOGRAPHIC_LENGTH = 0x42002A, "Cryptographic Length", V1_0;
    /// §3.6 Cryptographic Parameters.
    CRYPTOGRAPHIC_PARAMETERS = 0x42002B, "Cryptographic Parameters", V1_0;
    /// §3.19 Cryptographic Usage Mask.
    CRYPTOGRAPHIC_USAGE_MASK = 0x42002C, "Cryptographic Usage Mask", V1_0;
    /// §3.39 Custom Attribute.
    CUSTOM_ATTRIBUTE = 0x42002D, "Custom Attribute", V1_0;
    /// §2.1.7.8 Transparent ECDSA Private Key: D.
    D = 0x42002E, "D", V1_0;
    /// §3.27 Deactivation Date.
    DEACTIVATION_DATE = 0x42002F, "Deactivation Date", V1_0;
    /// §4.6 Derive Key: Derivation Data.
    DERIVATION_DATA = 0x420030, "Derivation Data", V1_0;
    /// §4.6 Derive Key: Derivation Method.
    DERIVATION_METHOD = 0x420031, "Derivation Method", V1_0;
    /// §4.6 Derive Key: Derivation Parameters.
    DERIVATION_PARAMETERS = 0x420032, "Derivation Parameters", V1_0;
    /// §3.28 Destroy Date.
    DESTROY_DATE = 0x420033, "Destroy Date", V1_0;
    /// §3.17 Digest.
    DIGEST = 0x420034, "Digest", V1_0;
    /// §3.17 Digest: Digest Value.
    DIGEST_VALUE = 0x420035, "Digest Value", V1_0;
    /// §2.1.5 Key Wrapping Data: Encryption Key Information.
    ENCRYPTION_KEY_INFORMATION = 0x420036, "Encryption Key Information", V1_0;
    /// §2.1.7.2 Transparent DSA Private Key: G.
    G = 0x420037, "G", V1_0;
    /// §3.6 Cryptographic Parameters, §3.17 Digest: Hashing Algorithm.
    HASHING_ALGORITHM = 0x420038, "Hashing Algorithm", V1_0;
    /// §3.23 Initial Date.
    INITIAL_DATE = 0x420039, "Initial Date", V1_0;
    /// §4.6 Derive Key: Initialization Vector.
    INITIALIZATION_VECTOR = 0x42003A, "Initialization Vector", V1_0;
    /// §3.13 Certificate Identifier: Issuer.
    ISSUER = 0x42003B, "Issuer", V1_0;
    /// §4.6 Derive Key: Iteration Count.
    ITERATION_COUNT = 0x42003C, "Iteration Count", V1_0;
    /// §2.1.5 Key Wrapping Data: IV/Counter/Nonce.
    IV_COUNTER_NONCE = 0x42003D, "IV/Counter/Nonce", V1_0;
    /// §2.1.7.6 Transparent DH Private Key: J.
    J = 0x42003E, "J", V1_0;
    /// §2.1.7.1 Transparent Symmetric Key: Key.
    KEY = 0x42003F, "Key", V1_0;
    /// §2.1.3 Key Block.
    KEY_BLOCK = 0x420040, "Key Block", V1_0;
    /// §2.1.3 Key Block: Key Compression Type.
    KEY_COMPRESSION_TYPE = 0x420041, "Key Compression Type", V1_0;
    /// §2.1.3 Key Block: Key Format Type.
    KEY_FORMAT_TYPE = 0x420042, "Key Format Type", V1_0;
    /// §2.1.4 Key Value: Key Material.
    KEY_MATERIAL = 0x420043, "Key Material", V1_0;
    /// §2.2.5 Split Key: Key Part Identifier.
    KEY_PART_IDENTIFIER = 0x420044, "Key Part Identifier", V1_0;
    /// §2.1.4 Key Value.
    KEY_VALUE = 0x420045, "Key Value", V1_0;
    /// §2.1.5 Key Wrapping Data.
    KEY_WRAPPING_DATA = 0x420046, "Key Wrapping Data", V1_0;
    /// §2.1.6 Key Wrapping Specification.
    KEY_WRAPPING_SPECIFICATION = 0x420047, "Key Wrapping Specification", V1_0;
    /// §3.38 Last Change Date.
    LAST_CHANGE_DATE = 0x420048, "Last Change Date", V1_0;
    /// §3.20 Lease Time.
    LEASE_TIME = 0x420049, "Lease Time", V1_0;
    /// §3.35 Link.
    LINK = 0x42004A, "Link", V1_0;
    /// §3.35 Link: Link Type.
    LINK_TYPE = 0x42004B, "Link Type", V1_0;
    /// §3.35 Link: Linked Object Identifier.
    LINKED_OBJECT_IDENTIFIER = 0x42004C, "Linked Object Identifier", V1_0;
    /// §2.1.5 Key Wrapping Data: MAC/Signature.
    MAC_SIGNATURE = 0x42004D, "MAC/Signature", V1_0;
    /// §2.1.5 Key Wrapping Data: MAC/Signature Key Information.
    MAC_SIGNATURE_KEY_INFORMATION = 0x42004E, "MAC/Signature Key Information", V1_0;
    /// §4.9 Locate: Maximum Items.
    MAXIMUM_ITEMS = 0x42004F, "Maximum Items", V1_0;
    /// §6.3 Maximum Response Size.
    MAXIMUM_RESPONSE_SIZE = 0x420050, "Maximum Response Size", V1_0;
    /// §6.16 Message Extension.
    MESSAGE_EXTENSION = 0x420051, "Message Extension", V1_0;
    /// §2.1.7.4 Transparent RSA Private Key: Modulus.
    MODULUS = 0x420052, "Modulus", V1_0;
    /// §3.2 Name.
    NAME = 0x420053, "Name", V1_0;
    /// §3.2 Name: Name Type.
    NAME_TYPE = 0x420054, "Name Type", V1_0;
    /// §3.2 Name: Name Value.
    NAME_VALUE = 0x420055, "Name Value", V1_0;
    /// §3.33 Object Group.
    OBJECT_GROUP = 0x420056, "Object Group", V1_0;
    /// §3.3 Object Type.
    OBJECT_TYPE = 0x420057, "Object Type", V1_0;
    /// §4.4 Re-key: Offset.
    OFFSET = 0x420058, "Offset", V1_0;
    /// §2.2.8 Opaque Object: Opaque Data Type.
    OPAQUE_DATA_TYPE = 0x420059, "Opaque Data Type", V1_0;
    /// §2.2.8 Opaque Object: Opaque Data Value.
    OPAQUE_DATA_VALUE = 0x42005A, "Opaque Data Value", V1_0;
    /// §2.2.8 Opaque Object.
    OPAQUE_OBJECT = 0x42005B, "Opaque Object", V1_0;
    /// §6.2 Operation.
    OPERATION = 0x42005C, "Operation", V1_0;
    /// §3.18 Operation Policy Name.
    OPERATION_POLICY_NAME = 0x42005D, "Operation Policy Name", V1_0;
    /// §2.1.7.2 Transparent DSA Private Key, §2.1.7.4 RSA, §2.1.7.6 DH: P.
    P = 0x42005E, "P", V1_0;
    /// §3.6 Cryptographic Parameters: Padding Method.
    PADDING_METHOD = 0x42005F, "Padding Method", V1_0;
    /// §2.1.7.4 Transparent RSA Private Key: Prime Exponent P.
    PRIME_EXPONENT_P = 0x420060, "Prime Exponent P", V1_0;
    /// §2.1.7.4 Transparent RSA Private Key: Prime Exponent Q.
    PRIME_EXPONENT_Q = 0x420061, "Prime Exponent Q", V1_0;
    /// §2.2.5 Split Key: Prime Field Size.
    PRIME_FIELD_SIZE = 0x420062, "Prime Field Size", V1_0;
    /// §2.1.7.4 Transparent RSA Private Key: Private Exponent.
    PRIVATE_EXPONENT = 0x420063, "Private Exponent", V1_0;
    /// §2.2.4 Private Key.
    PRIVATE_KEY = 0x420064, "Private Key", V1_0;
    /// §4.2 Create Key Pair: Private Key Template-Attribute.
    PRIVATE_KEY_TEMPLATE_ATTRIBUTE = 0x420065, "Private Key Template-Attribute", V1_0;
    /// §4.2 Create Key Pair: Private Key Unique Identifier.
    PRIVATE_KEY_UNIQUE_IDENTIFIER = 0x420066, "Private Key Unique Identifier", V1_0;
    /// §3.25 Process Start Date.
    PROCESS_START_DATE = 0x420067, "Process Start Date", V1_0;
    /// §3.26 Protect Stop Date.
    PROTECT_STOP_DATE = 0x420068, "Protect Stop Date", V1_0;
    /// §6.1 Protocol Version.
    PROTOCOL_VERSION = 0x420069, "Protocol Version", V1_0;
    /// §6.1 Protocol Version: Protocol Version Major.
    PROTOCOL_VERSION_MAJOR = 0x42006A, "Protocol Version Major", V1_0;
    /// §6.1 Protocol Version: Protocol Version Minor.
    PROTOCOL_VERSION_MINOR = 0x42006B, "Protocol Version Minor", V1_0;
    /// §2.1.7.4 Transparent RSA Private Key, §2.1.7.5 Public Key: Public Exponent.
    PUBLIC_EXPONENT = 0x42006C, "Public Exponent", V1_0;
    /// §2.2.3 Public Key.
    PUBLIC_KEY = 0x42006D, "Public Key", V1_0;
    /// §4.2 Create Key Pair: Public Key Template-Attribute.
    PUBLIC_KEY_TEMPLATE_ATTRIBUTE = 0x42006E, "Public Key Template-Attribute", V1_0;
    /// §4.2 Create Key Pair: Public Key Unique Identifier.
    PUBLIC_KEY_UNIQUE_IDENTIFIER = 0x42006F, "Public Key Unique Identifier", V1_0;
    /// §5.2 Put: Put Function.
    PUT_FUNCTION = 0x420070, "Put Function", V1_0;
    /// §2.1.7.2 Transparent DSA Private Key, §2.1.7.4 RSA, §2.1.7.6 DH: Q.
    Q = 0x420071, "Q", V1_0;
    /// §2.1.7.9 Transparent ECDSA Public Key: Q String.
    Q_STRING = 0x420072, "Q String", V1_0;
    /// §3.7 Cryptographic Domain Parameters: Qlength.
    QLENGTH = 0x420073, "Qlength", V1_0;
    /// §4.25 Query: Query Function.
    QUERY_FUNCTION = 0x420074, "Query Function", V1_0;
    /// §3.7 Cryptographic Domain Parameters, §2.1.7.8: Recommended Curve.
    RECOMMENDED_CURVE = 0x420075, "Recommended Curve", V1_0;
    /// §5.2 Put: Replaced Unique Identifier.
    REPLACED_UNIQUE_IDENTIFIER = 0x420076, "Replaced Unique Identifier", V1_0;
    /// §7.2 Request Header.
    REQUEST_HEADER = 0x420077, "Request Header", V1_0;
    /// §7.1 Request Message.
    REQUEST_MESSAGE = 0x420078, "Request Message", V1_0;
    /// §7.2 Request Payload.
    REQUEST_PAYLOAD = 0x420079, "Request Payload", V1_0;
    /// §7.2 Response Header.
    RESPONSE_HEADER = 0x42007A, "Response Header", V1_0;
    /// §7.1 Response Message.
    RESPONSE_MESSAGE = 0x42007B, "Response Message", V1_0;
    /// §7.2 Response Payload.
    RESPONSE_PAYLOAD = 0x42007C, "Response Payload", V1_0;
    /// §6.11 Result Message.
    RESULT_MESSAGE = 0x42007D, "Result Message", V1_0;
    /// §6.10 Result Reason.
    RESULT_REASON = 0x42007E, "Result Reason", V1_0;
    /// §6.9 Result Status.
    RESULT_STATUS = 0x42007F, "Result Status", V1_0;
    /// §3.31 Revocation Reason: Revocation Message.
    REVOCATION_MESSAGE = 0x420080, "Revocation Message", V1_0;
    /// §3.31 Revocation Reason.
    REVOCATION_REASON = 0x420081, "Revocation Reason", V1_0;
    /// §3.31 Revocation Reason: Revocation Reason Code.
    REVOCATION_REASON_CODE = 0x420082, "Revocation Reason Code", V1_0;
    /// §3.6 Cryptographic Parameters: Key Role Type.
    KEY_ROLE_TYPE = 0x420083, "Key Role Type", V1_0;
    /// §4.6 Derive Key: Salt.
    SALT = 0x420084, "Salt", V1_0;
    /// §2.2.7 Secret Data.
    SECRET_DATA = 0x420085, "Secret Data", V1_0;
    /// §2.2.7 Secret Data: Secret Data Type.
    SECRET_DATA_TYPE = 0x420086, "Secret Data Type", V1_0;
    /// §3.13 Certificate Identifier: Serial Number.
    SERIAL_NUMBER = 0x420087, "Serial Number", V1_0;
    /// §4.25 Query: Server Information.
    SERVER_INFORMATION = 0x420088, "Server Information", V1_0;
    /// §2.2.5 Split Key.
    SPLIT_KEY = 0x420089, "Split Key", V1_0;
    /// §2.2.5 Split Key: Split Key Method.
    SPLIT_KEY_METHOD = 0x42008A, "Split Key Method", V1_0;
    /// §2.2.5 Split Key: Split Key Parts.
    SPLIT_KEY_PARTS = 0x42008B, "Split Key Parts", V1_0;
    /// §2.2.5 Split Key: Split Key Threshold.
    SPLIT_KEY_THRESHOLD = 0x42008C, "Split Key Threshold", V1_0;
    /// §3.22 State.
    STATE = 0x42008D, "State", V1_0;
    /// §4.9 Locate: Storage Status Mask.
    STORAGE_STATUS_MASK = 0x42008E, "Storage Status Mask", V1_0;
    /// §2.2.2 Symmetric Key.
    SYMMETRIC_KEY = 0x42008F, "Symmetric Key", V1_0;
    /// §2.2.6 Template.
    TEMPLATE = 0x420090, "Template", V1_0;
    /// §2.1.8 Template-Attribute.
    TEMPLATE_ATTRIBUTE = 0x420091, "Template-Attribute", V1_0;
    /// §6.5 Time Stamp.
    TIME_STAMP = 0x420092, "Time Stamp", V1_0;
    /// §6.4 Unique Batch Item ID.
    UNIQUE_BATCH_ITEM_ID = 0x420093, "Unique Batch Item ID", V1_0;
    /// §3.1 Unique Identifier.
    UNIQUE_IDENTIFIER = 0x420094, "Unique Identifier", V1_0;
    /// §3.21 Usage Limits.
    USAGE_LIMITS = 0x420095, "Usage Limits", V1_0;
    /// §3.21 Usage Limits: Usage Limits Count.
    USAGE_LIMITS_COUNT = 0x420096, "Usage Limits Count", V1_0;
    /// §3.21 Usage Limits: Usage Limits Total.
    USAGE_LIMITS_TOTAL = 0x420097, "Usage Limits Total", V1_0;
    /// §3.21 Usage Limits: Usage Limits Unit.
    USAGE_LIMITS_UNIT = 0x420098, "Usage Limits Unit", V1_0;
    /// §2.1.2 Credential (Username and Password): Username.
    USERNAME = 0x420099, "Username", V1_0;
    /// §4.24 Validate: Validity Date.
    VALIDITY_DATE = 0x42009A, "Validity Date", V1_0;
    /// §4.24 Validate: Validity Indicator.
    VALIDITY_INDICATOR = 0x42009B, "Validity Indicator", V1_0;
    /// §6.16 Message Extension: Vendor Extension.
    VENDOR_EXTENSION = 0x42009C, "Vendor Extension", V1_0;
    /// §6.16 Message Extension, §4.25 Query: Vendor Identification.
    VENDOR_IDENTIFICATION = 0x42009D, "Vendor Identification", V1_0;
    /// §2.1.5 Key Wrapping Data: Wrapping Method.
    WRAPPING_METHOD = 0x42009E, "Wrapping Method", V1_0;
    /// §2.1.7.2 Transparent DSA Private Key, §2.1.7.6 DH: X.
    X = 0x42009F, "X", V1_0;
    /// §2.1.7.3 Transparent DSA Public Key, §2.1.7.7 DH: Y.
    Y = 0x4200A0, "Y", V1_0;
    /// §2.1.2 Credential: Password.
    PASSWORD = 0x4200A1, "Password", V1_0;
    /// §2.1.2 Credential (Device): Device Identifier.
    DEVICE_IDENTIFIER = 0x4200A2, "Device Identifier", V1_1;
    /// §2.1.5 Key Wrapping Data, §2.1.6 Key Wrapping Specification: Encoding Option.
    ENCODING_OPTION = 0x4200A3, "Encoding Option", V1_1;
    /// §2.1.9 Extension Information.
    EXTENSION_INFORMATION = 0x4200A4, "Extension Information", V1_1;
    /// §2.1.9 Extension Information: Extension Name.
    EXTENSION_NAME = 0x4200A5, "Extension Name", V1_1;
    /// §2.1.9 Extension Information: Extension Tag.
    EXTENSION_TAG = 0x4200A6, "Extension Tag", V1_1;
    /// §2.1.9 Extension Information: Extension Type.
    EXTENSION_TYPE = 0x4200A7, "Extension Type", V1_1;
    /// §3.34 Fresh.
    FRESH = 0x4200A8, "Fresh", V1_1;
    /// §2.1.2 Credential (Device): Machine Identifier.
    MACHINE_IDENTIFIER = 0x4200A9, "Machine Identifier", V1_1;
    /// §2.1.2 Credential (Device): Media Identifier.
    MEDIA_IDENTIFIER = 0x4200AA, "Media Identifier", V1_1;
    /// §2.1.2 Credential (Device): Network Identifier.
    NETWORK_IDENTIFIER = 0x4200AB, "Network Identifier", V1_1;
    /// §4.9 Locate: Object Group Member.
    OBJECT_GROUP_MEMBER = 0x4200AC, "Object Group Member", V1_1;
    /// §3.9 Certificate Length.
    CERTIFICATE_LENGTH = 0x4200AD, "Certificate Length", V1_1;
    /// §3.16 Digital Signature Algorithm.
    DIGITAL_SIGNATURE_ALGORITHM = 0x4200AE, "Digital Signature Algorithm", V1_1;
    /// §3.10 X.509 Certificate Identifier: Certificate Serial Number.
    CERTIFICATE_SERIAL_NUMBER = 0x4200AF, "Certificate Serial Number", V1_1;
    /// §2.1.2 Credential (Device): Device Serial Number.
    DEVICE_SERIAL_NUMBER = 0x4200B0, "Device Serial Number", V1_1;
    /// §3.12 X.509 Certificate Issuer: Issuer Alternative Name.
    ISSUER_ALTERNATIVE_NAME = 0x4200B1, "Issuer Alternative Name", V1_1;
    /// §3.10 X.509 Certificate Identifier, §3.12 X.509 Certificate Issuer: Issuer Distinguished Name.
    ISSUER_DISTINGUISHED_NAME = 0x4200B2, "Issuer Distinguished Name", V1_1;
    /// §3.11 X.509 Certificate Subject: Subject Alternative Name.
    SUBJECT_ALTERNATIVE_NAME = 0x4200B3, "Subject Alternative Name", V1_1;
    /// §3.11 X.509 Certificate Subject: Subject Distinguished Name.
    SUBJECT_DISTINGUISHED_NAME = 0x4200B4, "Subject Distinguished Name", V1_1;
    /// §3.10 X.509 Certificate Identifier.
    X_509_CERTIFICATE_IDENTIFIER = 0x4200B5, "X.509 Certificate Identifier", V1_1;
    /// §3.12 X.509 Certificate Issuer.
    X_509_CERTIFICATE_ISSUER = 0x4200B6, "X.509 Certificate Issuer", V1_1;
    /// §3.11 X.509 Certificate Subject.
    X_509_CERTIFICATE_SUBJECT = 0x4200B7, "X.509 Certificate Subject", V1_1;
    /// KMIP 1.2 §3.42 Key Value Location.
    KEY_VALUE_LOCATION = 0x4200B8, "Key Value Location", V1_2;
    /// KMIP 1.2 §3.42 Key Value Location: Key Value Location Value.
    KEY_VALUE_LOCATION_VALUE = 0x4200B9, "Key Value Location Value", V1_2;
    /// KMIP 1.2 §3.42 Key Value Location: Key Value Location Type.
    KEY_VALUE_LOCATION_TYPE = 0x4200BA, "Key Value Location Type", V1_2;
    /// KMIP 1.2 §3.41 Key Value Present.
    KEY_VALUE_PRESENT = 0x4200BB, "Key Value Present", V1_2;
    /// KMIP 1.2 §3.43 Original Creation Date.
    ORIGINAL_CREATION_DATE = 0x4200BC, "Original Creation Date", V1_2;
    /// KMIP 1.2 §2.2.9 PGP Key.
    PGP_KEY = 0x4200BD, "PGP Key", V1_2;
    /// KMIP 1.2 §2.2.9 PGP Key: PGP Key Version.
    PGP_KEY_VERSION = 0x4200BE, "PGP Key Version", V1_2;
    /// KMIP 1.2 §3.40 Alternative Name.
    ALTERNATIVE_NAME = 0x4200BF, "Alternative Name", V1_2;
    /// KMIP 1.2 §3.40 Alternative Name: Alternative Name Value.
    ALTERNATIVE_NAME_VALUE = 0x4200C0, "Alternative Name Value", V1_2;
    /// KMIP 1.2 §3.40 Alternative Name: Alternative Name Type.
    ALTERNATIVE_NAME_TYPE = 0x4200C1, "Alternative Name Type", V1_2;
    /// KMIP 1.2 §2.1.10 Data.
    DATA = 0x4200C2, "Data", V1_2;
    /// KMIP 1.2 §2.1.12 Signature Data.
    SIGNATURE_DATA = 0x4200C3, "Signature Data", V1_2;
    /// KMIP 1.2 §2.1.11 Data Length.
    DATA_LENGTH = 0x4200C4, "Data Length", V1_2;
    /// KMIP 1.2 §3.6 Cryptographic Parameters: Random IV.
    RANDOM_IV = 0x4200C5, "Random IV", V1_2;
    /// KMIP 1.2 §2.1.13 MAC Data.
    MAC_DATA = 0x4200C6, "MAC Data", V1_2;
    /// KMIP 1.2 §2.1.2 Credential (Attestation): Attestation Type.
    ATTESTATION_TYPE = 0x4200C7, "Attestation Type", V1_2;
    /// KMIP 1.2 §2.1.2 Credential (Attestation), §2.1.14 Nonce.
    NONCE = 0x4200C8, "Nonce", V1_2;
    /// KMIP 1.2 §2.1.14 Nonce: Nonce ID.
    NONCE_ID = 0x4200C9, "Nonce ID", V1_2;
    /// KMIP 1.2 §2.1.14 Nonce: Nonce Value.
    NONCE_VALUE = 0x4200CA, "Nonce Value", V1_2;
    /// KMIP 1.2 §2.1.2 Credential (Attestation): Attestation Measurement.
    ATTESTATION_MEASUREMENT = 0x4200CB, "Attestation Measurement", V1_2;
    /// KMIP 1.2 §2.1.2 Credential (Attestation): Attestation Assertion.
    ATTESTATION_ASSERTION = 0x4200CC, "Attestation Assertion", V1_2;
    /// KMIP 1.2 §3.6 Cryptographic Parameters: IV Length.
    IV_LENGTH = 0x4200CD, "IV Length", V1_2;
    /// KMIP 1.2 §3.6 Cryptographic Parameters: Tag Length.
    TAG_LENGTH = 0x4200CE, "Tag Length", V1_2;
    /// KMIP 1.2 §3.6 Cryptographic Parameters: Fixed Field Length.
    FIXED_FIELD_LENGTH = 0x4200CF, "Fixed Field Length", V1_2;
    /// KMIP 1.2 §3.6 Cryptographic Parameters: Counter Length.
    COUNTER_LENGTH = 0x4200D0, "Counter Length", V1_2;
    /// KMIP 1.2 §3.6 Cryptographic Parameters: Initial Counter Value.
    INITIAL_COUNTER_VALUE = 0x4200D1, "Initial Counter Value", V1_2;
    /// KMIP 1.2 §3.6 Cryptographic Parameters: Invocation Field Length.
    INVOCATION_FIELD_LENGTH = 0x4200D2, "Invocation Field Length", V1_2;
    /// KMIP 1.2 §6.17 Attestation Capable Indicator.
    ATTESTATION_CAPABLE_INDICATOR = 0x4200D3, "Attestation Capable Indicator", V1_2;
    /// KMIP 1.3 §4.9 Locate: Offset Items.
    OFFSET_ITEMS = 0x4200D4, "Offset Items", V1_3;
    /// KMIP 1.3 §4.9 Locate: Located Items.
    LOCATED_ITEMS = 0x4200D5, "Located Items", V1_3;
    /// KMIP 1.3 §2.1.15 Correlation Value.
    CORRELATION_VALUE = 0x4200D6, "Correlation Value", V1_3;
    /// KMIP 1.3 §2.1.16 Init Indicator.
    INIT_INDICATOR = 0x4200D7, "Init Indicator", V1_3;
    /// KMIP 1.3 §2.1.17 Final Indicator.
    FINAL_INDICATOR = 0x4200D8, "Final Indicator", V1_3;
    /// KMIP 1.3 §2.1.18 RNG Parameters.
    RNG_PARAMETERS = 0x4200D9, "RNG Parameters", V1_3;
    /// KMIP 1.3 §2.1.18 RNG Parameters: RNG Algorithm.
    RNG_ALGORITHM = 0x4200DA, "RNG Algorithm", V1_3;
    /// KMIP 1.3 §2.1.18 RNG Parameters: DRBG Algorithm.
    DRBG_ALGORITHM = 0x4200DB, "DRBG Algorithm", V1_3;
    /// KMIP 1.3 §2.1.18 RNG Parameters: FIPS186 Variation.
    FIPS186_VARIATION = 0x4200DC, "FIPS186 Variation", V1_3;
    /// KMIP 1.3 §2.1.18 RNG Parameters: Prediction Resistance.
    PREDICTION_RESISTANCE = 0x4200DD, "Prediction Resistance", V1_3;
    /// KMIP 1.3 §3.44 Random Number Generator.
    RANDOM_NUMBER_GENERATOR = 0x4200DE, "Random Number Generator", V1_3;
    /// KMIP 1.3 §2.1.20 Validation Information.
    VALIDATION_INFORMATION = 0x4200DF, "Validation Information", V1_3;
    /// KMIP 1.3 §2.1.20 Validation Information: Validation Authority Type.
    VALIDATION_AUTHORITY_TYPE = 0x4200E0, "Validation Authority Type", V1_3;
    /// KMIP 1.3 §2.1.20 Validation Information: Validation Authority Country.
    VALIDATION_AUTHORITY_COUNTRY = 0x4200E1, "Validation Authority Country", V1_3;
    /// KMIP 1.3 §2.1.20 Validation Information: Validation Authority URI.
    VALIDATION_AUTHORITY_URI = 0x4200E2, "Validation Authority URI", V1_3;
    /// KMIP 1.3 §2.1.20 Validation Information: Validation Version Major.
    VALIDATION_VERSION_MAJOR = 0x4200E3, "Validation Version Major", V1_3;
    /// KMIP 1.3 §2.1.20 Validation Information: Validation Version Minor.
    VALIDATION_VERSION_MINOR = 0x4200E4, "Validation Version Minor", V1_3;
    /// KMIP 1.3 §2.1.20 Validation Information: Validation Type.
    VALIDATION_TYPE = 0x4200E5, "Validation Type", V1_3;
    /// KMIP 1.3 §2.1.20 Validation Information: Validation Level.
    VALIDATION_LEVEL = 0x4200E6, "Validation Level", V1_3;
    /// KMIP 1.3 §2.1.20 Validation Information: Validation Certificate Identifier.
    VALIDATION_CERTIFICATE_IDENTIFIER = 0x4200E7, "Validation Certificate Identifier", V1_3;
    /// KMIP 1.3 §2.1.20 Validation Information: Validation Certificate URI.
    VALIDATION_CERTIFICATE_URI = 0x4200E8, "Validation Certificate URI", V1_3;
    /// KMIP 1.3 §2.1.20 Validation Information: Validation Vendor URI.
    VALIDATION_VENDOR_URI = 0x4200E9, "Validation Vendor URI", V1_3;
    /// KMIP 1.3 §2.1.20 Validation Information: Validation Profile.
    VALIDATION_PROFILE = 0x4200EA, "Validation Profile", V1_3;
    /// KMIP 1.3 §2.1.19 Profile Information.
    PROFILE_INFORMATION = 0x4200EB, "Profile Information", V1_3;
    /// KMIP 1.3 §2.1.19 Profile Information: Profile Name.
    PROFILE_NAME = 0x4200EC, "Profile Name", V1_3;
    /// KMIP 1.3 §2.1.19 Profile Information: Server URI.
    SERVER_URI = 0x4200ED, "Server URI", V1_3;
    /// KMIP 1.3 §2.1.19 Profile Information: Server Port.
    SERVER_PORT = 0x4200EE, "Server Port", V1_3;
    /// KMIP 1.3 §2.1.21 Capability Information: Streaming Capability.
    STREAMING_CAPABILITY = 0x4200EF, "Streaming Capability", V1_3;
    /// KMIP 1.3 §2.1.21 Capability Information: Asynchronous Capability.
    ASYNCHRONOUS_CAPABILITY = 0x4200F0, "Asynchronous Capability", V1_3;
    /// KMIP 1.3 §2.1.21 Capability Information: Attestation Capability.
    ATTESTATION_CAPABILITY = 0x4200F1, "Attestation Capability", V1_3;
    /// KMIP 1.3 §2.1.21 Capability Information: Unwrap Mode.
    UNWRAP_MODE = 0x4200F2, "Unwrap Mode", V1_3;
    /// KMIP 1.3 §2.1.21 Capability Information: Destroy Action.
    DESTROY_ACTION = 0x4200F3, "Destroy Action", V1_3;
    /// KMIP 1.3 §2.1.21 Capability Information: Shredding Algorithm.
    SHREDDING_ALGORITHM = 0x4200F4, "Shredding Algorithm", V1_3;
    /// KMIP 1.3 §2.1.21 Capability Information: RNG Mode.
    RNG_MODE = 0x4200F5, "RNG Mode", V1_3;
    /// KMIP 1.3 §4.25 Query: Client Registration Method.
    CLIENT_REGISTRATION_METHOD = 0x4200F6, "Client Registration Method", V1_3;
    /// KMIP 1.3 §2.1.21 Capability Information.
    CAPABILITY_INFORMATION = 0x4200F7, "Capability Information", V1_3;
    /// KMIP 1.4 §4.11 Get, §4.40 Export: Key Wrap Type.
    KEY_WRAP_TYPE = 0x4200F8, "Key Wrap Type", V1_4;
    /// KMIP 1.4 §2.1.21 Capability Information: Batch Undo Capability.
    BATCH_UNDO_CAPABILITY = 0x4200F9, "Batch Undo Capability", V1_4;
    /// KMIP 1.4 §2.1.21 Capability Information: Batch Continue Capability.
    BATCH_CONTINUE_CAPABILITY = 0x4200FA, "Batch Continue Capability", V1_4;
    /// KMIP 1.4 §3.45 PKCS#12 Friendly Name.
    PKCS_12_FRIENDLY_NAME = 0x4200FB, "PKCS#12 Friendly Name", V1_4;
    /// KMIP 1.4 §3.46 Description.
    DESCRIPTION = 0x4200FC, "Description", V1_4;
    /// KMIP 1.4 §3.47 Comment.
    COMMENT = 0x4200FD, "Comment", V1_4;
    /// KMIP 1.4 §2.1.22 Authenticated Encryption Additional Data.
    AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA = 0x4200FE, "Authenticated Encryption Additional Data", V1_4;
    /// KMIP 1.4 §2.1.23 Authenticated Encryption Tag.
    AUTHENTICATED_ENCRYPTION_TAG = 0x4200FF, "Authenticated Encryption Tag", V1_4;
    /// KMIP 1.4 §3.6 Cryptographic Parameters: Salt Length.
    SALT_LENGTH = 0x420100, "Salt Length", V1_4;
    /// KMIP 1.4 §3.6 Cryptographic Parameters: Mask Generator.
    MASK_GENERATOR = 0x420101, "Mask Generator", V1_4;
    /// KMIP 1.4 §3.6 Cryptographic Parameters: Mask Generator Hashing Algorithm.
    MASK_GENERATOR_HASHING_ALGORITHM = 0x420102, "Mask Generator Hashing Algorithm", V1_4;
    /// KMIP 1.4 §3.6 Cryptographic Parameters: P Source.
    P_SOURCE = 0x420103, "P Source", V1_4;
    /// KMIP 1.4 §3.6 Cryptographic Parameters: Trailer Field.
    TRAILER_FIELD = 0x420104, "Trailer Field", V1_4;
    /// KMIP 1.4 §6.18 Client Correlation Value.
    CLIENT_CORRELATION_VALUE = 0x420105, "Client Correlation Value", V1_4;
    /// KMIP 1.4 §6.19 Server Correlation Value.
    SERVER_CORRELATION_VALUE = 0x420106, "Server Correlation Value", V1_4;
    /// KMIP 1.4 §4.31 Sign, §4.32 Signature Verify: Digested Data.
    DIGESTED_DATA = 0x420107, "Digested Data", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_SUBJECT_CN = 0x420108, "Certificate Subject CN", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_SUBJECT_O = 0x420109, "Certificate Subject O", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_SUBJECT_OU = 0x42010A, "Certificate Subject OU", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_SUBJECT_EMAIL = 0x42010B, "Certificate Subject Email", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_SUBJECT_C = 0x42010C, "Certificate Subject C", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_SUBJECT_ST = 0x42010D, "Certificate Subject ST", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_SUBJECT_L = 0x42010E, "Certificate Subject L", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_SUBJECT_UID = 0x42010F, "Certificate Subject UID", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_SUBJECT_SERIAL_NUMBER = 0x420110, "Certificate Subject Serial Number", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_SUBJECT_TITLE = 0x420111, "Certificate Subject Title", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_SUBJECT_DC = 0x420112, "Certificate Subject DC", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_SUBJECT_DN_QUALIFIER = 0x420113, "Certificate Subject DN Qualifier", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_ISSUER_CN = 0x420114, "Certificate Issuer CN", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_ISSUER_O = 0x420115, "Certificate Issuer O", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_ISSUER_OU = 0x420116, "Certificate Issuer OU", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_ISSUER_EMAIL = 0x420117, "Certificate Issuer Email", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_ISSUER_C = 0x420118, "Certificate Issuer C", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_ISSUER_ST = 0x420119, "Certificate Issuer ST", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_ISSUER_L = 0x42011A, "Certificate Issuer L", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_ISSUER_UID = 0x42011B, "Certificate Issuer UID", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_ISSUER_SERIAL_NUMBER = 0x42011C, "Certificate Issuer Serial Number", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_ISSUER_TITLE = 0x42011D, "Certificate Issuer Title", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_ISSUER_DC = 0x42011E, "Certificate Issuer DC", V1_4;
    /// KMIP 1.4 §9.1.3.1 Tags (named only in the tag table).
    CERTIFICATE_ISSUER_DN_QUALIFIER = 0x42011F, "Certificate Issuer DN Qualifier", V1_4;
    /// KMIP 1.4 §3.48 Sensitive.
    SENSITIVE = 0x420120, "Sensitive", V1_4;
    /// KMIP 1.4 §3.49 Always Sensitive.
    ALWAYS_SENSITIVE = 0x420121, "Always Sensitive", V1_4;
    /// KMIP 1.4 §3.50 Extractable.
    EXTRACTABLE = 0x420122, "Extractable", V1_4;
    /// KMIP 1.4 §3.51 Never Extractable.
    NEVER_EXTRACTABLE = 0x420123, "Never Extractable", V1_4;
    /// KMIP 1.4 §4.41 Import: Replace Existing.
    REPLACE_EXISTING = 0x420124, "Replace Existing", V1_4;
}

/// Whether values carried under `tag` are secret (key material, private key components,
/// passwords, opaque data, and the Data of KMIP 1.2's cryptographic operations: the plaintext
/// of Encrypt and Decrypt, RNG Seed and RNG Retrieve bytes) and must never be printed.
pub fn is_secret(tag: Tag) -> bool {
    matches!(
        tag,
        KEY_MATERIAL
            | KEY_VALUE
            | KEY
            | D
            | X
            | P
            | Q
            | PRIVATE_EXPONENT
            | PRIME_EXPONENT_P
            | PRIME_EXPONENT_Q
            | CRT_COEFFICIENT
            | PASSWORD
            | OPAQUE_DATA_VALUE
            | DATA
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_complete_and_sorted() {
        // KMIP 1.4 §9.1.3.1: every tag from 0x420001 to 0x420124, each once and in order.
        assert!(ALL.iter().map(|t| t.value()).eq(0x420001..=0x420124));
        assert!(ALL.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn each_version_adds_a_contiguous_range() {
        let last_of = |v: ProtocolVersion| {
            ALL.iter()
                .filter(|t| since(**t) == Some(v))
                .map(|t| t.value())
                .max()
        };
        assert_eq!(last_of(ProtocolVersion::V1_0), Some(0x4200A1));
        assert_eq!(last_of(ProtocolVersion::V1_1), Some(0x4200B7));
        assert_eq!(last_of(ProtocolVersion::V1_2), Some(0x4200D3));
        assert_eq!(last_of(ProtocolVersion::V1_3), Some(0x4200F7));
        assert_eq!(last_of(ProtocolVersion::V1_4), Some(0x420124));
        // Versions never decrease along the table.
        assert!(ALL.windows(2).all(|w| since(w[0]) <= since(w[1])));
    }

    #[test]
    fn every_tag_names_itself_and_round_trips_its_name() {
        for tag in ALL {
            let name = name(*tag).unwrap();
            assert_eq!(from_name(name), Some(*tag));
            assert!(since(*tag).is_some());
        }
        assert_eq!(name(Tag::new(0x540001)), None);
        assert_eq!(name(Tag::new(0x420125)), None);
        assert_eq!(name(Tag::new(0x420000)), None);
        assert!(EXTENSION_RANGE.contains(&0x540001));
    }
}
