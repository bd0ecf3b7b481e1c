//! The cryptographic services KMIP 1.2 added (§4.29–§4.37: Encrypt, Decrypt, Sign, Signature
//! Verify, MAC, MAC Verify, RNG Retrieve, RNG Seed, Hash), with the streaming fields of KMIP
//! 1.3 (Correlation Value, Init Indicator, Final Indicator, §2.1.15–§2.1.17) and the
//! authenticated-encryption and digested-data fields of KMIP 1.4.
//!
//! Data is "required for single-part, not for multi-part" in every table, so it is optional
//! here. Data that may be plaintext or key material (the Data of a request, of a Decrypt
//! response and of RNG Retrieve) is [`SecretBytes`]: zeroized, redacted in `Debug`.
//!
//! These payloads are read and written by the rules of KMIP 1.2 (or their field's later
//! version) even inside a message whose header says 1.0 or 1.1, as PyKMIP sends them: see
//! [`Operation::since`](crate::Operation::since) and the payload dispatch.

use crate::attribute::CryptographicParameters;
use crate::value::{ByteString, SecretBytes};
use crate::{ValidityIndicator, tag};

// §4.29 Encrypt.

structure! {
    /// Encrypt request (§4.29, KMIP 1.2).
    #[derive(Default)]
    pub struct EncryptRequest {
        /// Unique Identifier of the key (default: the ID Placeholder).
        pub unique_identifier: Option<String> = opt(tag::UNIQUE_IDENTIFIER),
        /// Cryptographic Parameters (default: the key's).
        pub cryptographic_parameters: Option<CryptographicParameters> = opt(tag::CRYPTOGRAPHIC_PARAMETERS),
        /// The plaintext.
        pub data: Option<SecretBytes> = opt(tag::DATA),
        /// IV/Counter/Nonce.
        pub iv_counter_nonce: Option<ByteString> = opt(tag::IV_COUNTER_NONCE),
        /// Correlation Value of a multi-part operation under way (KMIP 1.3).
        pub correlation_value: Option<ByteString> = opt(tag::CORRELATION_VALUE),
        /// Init Indicator: the first part (KMIP 1.3).
        pub init_indicator: Option<bool> = opt(tag::INIT_INDICATOR),
        /// Final Indicator: the last part (KMIP 1.3).
        pub final_indicator: Option<bool> = opt(tag::FINAL_INDICATOR),
        /// Authenticated Encryption Additional Data (KMIP 1.4).
        pub authenticated_encryption_additional_data: Option<ByteString> = opt(tag::AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA),
    }
}

structure! {
    /// Encrypt response (§4.29, KMIP 1.2).
    #[derive(PartialEq, Default)]
    pub struct EncryptResponse {
        /// Unique Identifier of the key used.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
        /// The ciphertext.
        pub data: Option<ByteString> = opt(tag::DATA),
        /// The IV/Counter/Nonce the server generated (Random IV).
        pub iv_counter_nonce: Option<ByteString> = opt(tag::IV_COUNTER_NONCE),
        /// Correlation Value for the next part (KMIP 1.3).
        pub correlation_value: Option<ByteString> = opt(tag::CORRELATION_VALUE),
        /// Authenticated Encryption Tag (KMIP 1.4).
        pub authenticated_encryption_tag: Option<ByteString> = opt(tag::AUTHENTICATED_ENCRYPTION_TAG),
    }
}

// §4.30 Decrypt.

structure! {
    /// Decrypt request (§4.30, KMIP 1.2).
    #[derive(Default)]
    pub struct DecryptRequest {
        /// Unique Identifier of the key (default: the ID Placeholder).
        pub unique_identifier: Option<String> = opt(tag::UNIQUE_IDENTIFIER),
        /// Cryptographic Parameters (default: the key's).
        pub cryptographic_parameters: Option<CryptographicParameters> = opt(tag::CRYPTOGRAPHIC_PARAMETERS),
        /// The ciphertext.
        pub data: Option<SecretBytes> = opt(tag::DATA),
        /// IV/Counter/Nonce.
        pub iv_counter_nonce: Option<ByteString> = opt(tag::IV_COUNTER_NONCE),
        /// Correlation Value of a multi-part operation under way (KMIP 1.3).
        pub correlation_value: Option<ByteString> = opt(tag::CORRELATION_VALUE),
        /// Init Indicator: the first part (KMIP 1.3).
        pub init_indicator: Option<bool> = opt(tag::INIT_INDICATOR),
        /// Final Indicator: the last part (KMIP 1.3).
        pub final_indicator: Option<bool> = opt(tag::FINAL_INDICATOR),
        /// Authenticated Encryption Additional Data (KMIP 1.4).
        pub authenticated_encryption_additional_data: Option<ByteString> = opt(tag::AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA),
        /// Authenticated Encryption Tag to verify (KMIP 1.4).
        pub authenticated_encryption_tag: Option<ByteString> = opt(tag::AUTHENTICATED_ENCRYPTION_TAG),
    }
}

structure! {
    /// Decrypt response (§4.30, KMIP 1.2).
    #[derive(Default)]
    pub struct DecryptResponse {
        /// Unique Identifier of the key used.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
        /// The plaintext.
        pub data: Option<SecretBytes> = opt(tag::DATA),
        /// Correlation Value for the next part (KMIP 1.3).
        pub correlation_value: Option<ByteString> = opt(tag::CORRELATION_VALUE),
    }
}

// §4.31 Sign.

structure! {
    /// Sign request (§4.31, KMIP 1.2).
    #[derive(Default)]
    pub struct SignRequest {
        /// Unique Identifier of the private key (default: the ID Placeholder).
        pub unique_identifier: Option<String> = opt(tag::UNIQUE_IDENTIFIER),
        /// Cryptographic Parameters (default: the key's).
        pub cryptographic_parameters: Option<CryptographicParameters> = opt(tag::CRYPTOGRAPHIC_PARAMETERS),
        /// The data to sign.
        pub data: Option<SecretBytes> = opt(tag::DATA),
        /// The digest to sign instead of Data (KMIP 1.4).
        pub digested_data: Option<ByteString> = opt(tag::DIGESTED_DATA),
        /// Correlation Value of a multi-part operation under way (KMIP 1.3).
        pub correlation_value: Option<ByteString> = opt(tag::CORRELATION_VALUE),
        /// Init Indicator: the first part (KMIP 1.3).
        pub init_indicator: Option<bool> = opt(tag::INIT_INDICATOR),
        /// Final Indicator: the last part (KMIP 1.3).
        pub final_indicator: Option<bool> = opt(tag::FINAL_INDICATOR),
    }
}

structure! {
    /// Sign response (§4.31, KMIP 1.2).
    #[derive(PartialEq, Default)]
    pub struct SignResponse {
        /// Unique Identifier of the key used.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
        /// The signature.
        pub signature_data: Option<ByteString> = opt(tag::SIGNATURE_DATA),
        /// Correlation Value for the next part (KMIP 1.3).
        pub correlation_value: Option<ByteString> = opt(tag::CORRELATION_VALUE),
    }
}

// §4.32 Signature Verify.

structure! {
    /// Signature Verify request (§4.32, KMIP 1.2).
    #[derive(Default)]
    pub struct SignatureVerifyRequest {
        /// Unique Identifier of the public key (default: the ID Placeholder).
        pub unique_identifier: Option<String> = opt(tag::UNIQUE_IDENTIFIER),
        /// Cryptographic Parameters (default: the key's).
        pub cryptographic_parameters: Option<CryptographicParameters> = opt(tag::CRYPTOGRAPHIC_PARAMETERS),
        /// The data that was signed.
        pub data: Option<SecretBytes> = opt(tag::DATA),
        /// The digest that was signed (KMIP 1.4).
        pub digested_data: Option<ByteString> = opt(tag::DIGESTED_DATA),
        /// The signature to verify.
        pub signature_data: Option<ByteString> = opt(tag::SIGNATURE_DATA),
        /// Correlation Value of a multi-part operation under way (KMIP 1.3).
        pub correlation_value: Option<ByteString> = opt(tag::CORRELATION_VALUE),
        /// Init Indicator: the first part (KMIP 1.3).
        pub init_indicator: Option<bool> = opt(tag::INIT_INDICATOR),
        /// Final Indicator: the last part (KMIP 1.3).
        pub final_indicator: Option<bool> = opt(tag::FINAL_INDICATOR),
    }
}

structure! {
    /// Signature Verify response (§4.32, KMIP 1.2).
    #[derive(Default)]
    pub struct SignatureVerifyResponse {
        /// Unique Identifier of the key used.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
        /// Whether the signature is valid.
        pub validity_indicator: ValidityIndicator = req(tag::VALIDITY_INDICATOR),
        /// Data recovered from the signature (message recovery schemes).
        pub data: Option<SecretBytes> = opt(tag::DATA),
        /// Correlation Value for the next part (KMIP 1.3).
        pub correlation_value: Option<ByteString> = opt(tag::CORRELATION_VALUE),
    }
}

// §4.33 MAC.

structure! {
    /// MAC request (§4.33, KMIP 1.2).
    #[derive(Default)]
    pub struct MacRequest {
        /// Unique Identifier of the key (default: the ID Placeholder).
        pub unique_identifier: Option<String> = opt(tag::UNIQUE_IDENTIFIER),
        /// Cryptographic Parameters (default: the key's).
        pub cryptographic_parameters: Option<CryptographicParameters> = opt(tag::CRYPTOGRAPHIC_PARAMETERS),
        /// The data to MAC.
        pub data: Option<SecretBytes> = opt(tag::DATA),
        /// Correlation Value of a multi-part operation under way (KMIP 1.3).
        pub correlation_value: Option<ByteString> = opt(tag::CORRELATION_VALUE),
        /// Init Indicator: the first part (KMIP 1.3).
        pub init_indicator: Option<bool> = opt(tag::INIT_INDICATOR),
        /// Final Indicator: the last part (KMIP 1.3).
        pub final_indicator: Option<bool> = opt(tag::FINAL_INDICATOR),
    }
}

structure! {
    /// MAC response (§4.33, KMIP 1.2).
    #[derive(PartialEq, Default)]
    pub struct MacResponse {
        /// Unique Identifier of the key used.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
        /// The MAC.
        pub mac_data: Option<ByteString> = opt(tag::MAC_DATA),
        /// Correlation Value for the next part (KMIP 1.3).
        pub correlation_value: Option<ByteString> = opt(tag::CORRELATION_VALUE),
    }
}

// §4.34 MAC Verify.

structure! {
    /// MAC Verify request (§4.34, KMIP 1.2).
    #[derive(Default)]
    pub struct MacVerifyRequest {
        /// Unique Identifier of the key (default: the ID Placeholder).
        pub unique_identifier: Option<String> = opt(tag::UNIQUE_IDENTIFIER),
        /// Cryptographic Parameters (default: the key's).
        pub cryptographic_parameters: Option<CryptographicParameters> = opt(tag::CRYPTOGRAPHIC_PARAMETERS),
        /// The data that was MACed.
        pub data: Option<SecretBytes> = opt(tag::DATA),
        /// The MAC to verify.
        pub mac_data: Option<ByteString> = opt(tag::MAC_DATA),
        /// Correlation Value of a multi-part operation under way (KMIP 1.3).
        pub correlation_value: Option<ByteString> = opt(tag::CORRELATION_VALUE),
        /// Init Indicator: the first part (KMIP 1.3).
        pub init_indicator: Option<bool> = opt(tag::INIT_INDICATOR),
        /// Final Indicator: the last part (KMIP 1.3).
        pub final_indicator: Option<bool> = opt(tag::FINAL_INDICATOR),
    }
}

structure! {
    /// MAC Verify response (§4.34, KMIP 1.2).
    #[derive(PartialEq, Default)]
    pub struct MacVerifyResponse {
        /// Unique Identifier of the key used.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
        /// Whether the MAC is valid.
        pub validity_indicator: ValidityIndicator = req(tag::VALIDITY_INDICATOR),
        /// Correlation Value for the next part (KMIP 1.3).
        pub correlation_value: Option<ByteString> = opt(tag::CORRELATION_VALUE),
    }
}

// §4.35 RNG Retrieve, §4.36 RNG Seed.

structure! {
    /// RNG Retrieve request (§4.35, KMIP 1.2).
    #[derive(PartialEq, Default)]
    pub struct RngRetrieveRequest {
        /// How many bytes of RNG output.
        pub data_length: i32 = req(tag::DATA_LENGTH),
    }
}

structure! {
    /// RNG Retrieve response (§4.35, KMIP 1.2).
    #[derive(Default)]
    pub struct RngRetrieveResponse {
        /// The RNG output.
        pub data: SecretBytes = req(tag::DATA),
    }
}

structure! {
    /// RNG Seed request (§4.36, KMIP 1.2).
    #[derive(Default)]
    pub struct RngSeedRequest {
        /// The seeding material.
        pub data: SecretBytes = req(tag::DATA),
    }
}

structure! {
    /// RNG Seed response (§4.36, KMIP 1.2).
    #[derive(PartialEq, Default)]
    pub struct RngSeedResponse {
        /// How many bytes of the seed the server used.
        pub data_length: i32 = req(tag::DATA_LENGTH),
    }
}

// §4.37 Hash.

structure! {
    /// Hash request (§4.37, KMIP 1.2).
    #[derive(Default)]
    pub struct HashRequest {
        /// Cryptographic Parameters (the Hashing Algorithm).
        pub cryptographic_parameters: CryptographicParameters = req(tag::CRYPTOGRAPHIC_PARAMETERS),
        /// The data to hash.
        pub data: Option<SecretBytes> = opt(tag::DATA),
        /// Correlation Value of a multi-part operation under way (KMIP 1.3).
        pub correlation_value: Option<ByteString> = opt(tag::CORRELATION_VALUE),
        /// Init Indicator: the first part (KMIP 1.3).
        pub init_indicator: Option<bool> = opt(tag::INIT_INDICATOR),
        /// Final Indicator: the last part (KMIP 1.3).
        pub final_indicator: Option<bool> = opt(tag::FINAL_INDICATOR),
    }
}

structure! {
    /// Hash response (§4.37, KMIP 1.2).
    #[derive(PartialEq, Default)]
    pub struct HashResponse {
        /// The digest.
        pub data: Option<ByteString> = opt(tag::DATA),
        /// Correlation Value for the next part (KMIP 1.3).
        pub correlation_value: Option<ByteString> = opt(tag::CORRELATION_VALUE),
    }
}
