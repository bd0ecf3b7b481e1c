//! Create Split Key and Join Split Key (§4.38, §4.39, KMIP 1.2).

use crate::attribute::TemplateAttribute;
use crate::value::BigInteger;
use crate::{ObjectType, SecretDataType, SplitKeyMethod, tag};

structure! {
    /// Create Split Key request (§4.38, KMIP 1.2): a key split into parts, each registered.
    #[derive(PartialEq, Default)]
    pub struct CreateSplitKeyRequest {
        /// Object Type of the key to split.
        pub object_type: ObjectType = req(tag::OBJECT_TYPE),
        /// Unique Identifier of an existing key to split (else the server generates one).
        pub unique_identifier: Option<String> = opt(tag::UNIQUE_IDENTIFIER),
        /// Split Key Parts: how many parts.
        pub split_key_parts: i32 = req(tag::SPLIT_KEY_PARTS),
        /// Split Key Threshold: parts needed to rebuild the key.
        pub split_key_threshold: i32 = req(tag::SPLIT_KEY_THRESHOLD),
        /// Split Key Method.
        pub split_key_method: SplitKeyMethod = req(tag::SPLIT_KEY_METHOD),
        /// Prime Field Size (polynomial sharing over a prime field).
        pub prime_field_size: Option<BigInteger> = opt(tag::PRIME_FIELD_SIZE),
        /// Template-Attribute of the parts.
        pub template_attribute: TemplateAttribute = req(tag::TEMPLATE_ATTRIBUTE),
    }
}

structure! {
    /// Create Split Key response (§4.38, KMIP 1.2).
    #[derive(PartialEq, Default)]
    pub struct CreateSplitKeyResponse {
        /// Unique Identifiers of the parts.
        pub unique_identifiers: Vec<String> = rep1(tag::UNIQUE_IDENTIFIER),
        /// Attributes the server set implicitly.
        pub template_attribute: Option<TemplateAttribute> = opt(tag::TEMPLATE_ATTRIBUTE),
    }
}

structure! {
    /// Join Split Key request (§4.39, KMIP 1.2): parts combined into one object.
    #[derive(PartialEq, Default)]
    pub struct JoinSplitKeyRequest {
        /// Object Type of the object to form.
        pub object_type: ObjectType = req(tag::OBJECT_TYPE),
        /// Unique Identifiers of the parts (at least the threshold).
        pub unique_identifiers: Vec<String> = rep1(tag::UNIQUE_IDENTIFIER),
        /// Secret Data Type, when the object formed is Secret Data.
        pub secret_data_type: Option<SecretDataType> = opt(tag::SECRET_DATA_TYPE),
        /// Template-Attribute of the object formed.
        pub template_attribute: Option<TemplateAttribute> = opt(tag::TEMPLATE_ATTRIBUTE),
    }
}

structure! {
    /// Join Split Key response (§4.39, KMIP 1.2).
    #[derive(PartialEq, Default)]
    pub struct JoinSplitKeyResponse {
        /// Unique Identifier of the object formed.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
        /// Attributes the server set implicitly.
        pub template_attribute: Option<TemplateAttribute> = opt(tag::TEMPLATE_ATTRIBUTE),
    }
}
