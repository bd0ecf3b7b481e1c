//! Enumerations and bit masks: §9.1.3.2 and §9.1.3.3 of KMIP 1.0 to 1.4, one open newtype per
//! table (the 33 tables of KMIP 1.1, Tables 214–246, and the 16 that KMIP 1.2, 1.3 and 1.4
//! added, §9.1.3.2.34–49), every value of every 1.x version.
//!
//! Each table is one `enumeration!` call with one line per entry (constant, value, the
//! specification's name, the version that introduced it). Values outside a table are kept:
//! a KMIP 2.0 or vendor value decodes, re-encodes and prints as hex (`Operation(0x0000002C)`).
//! Encoding leaves a typed field out when its value is of a later version than the message's
//! (Cryptographic Algorithm EC, KMIP 1.2, in a KMIP 1.1 message), as it leaves out a field of
//! a later version's tag, and decoding keeps such a value raw in place; Operation values are
//! written whatever the version (see [`Operation`]). No KMIP 1.x version after 1.0 added a bit
//! to either mask.

use crate::tag;

enumeration! {
    /// Credential Type (§9.1.3.2.1, Table 214).
    pub struct CredentialType: tag::CREDENTIAL_TYPE {
        /// §9.1.3.2.1: Username and Password.
        USERNAME_AND_PASSWORD = 0x00000001, "Username and Password", V1_0;
        /// §9.1.3.2.1: Device (KMIP 1.1).
        DEVICE = 0x00000002, "Device", V1_1;
        /// §9.1.3.2.1: Attestation (KMIP 1.2).
        ATTESTATION = 0x00000003, "Attestation", V1_2;
    }
}

enumeration! {
    /// Key Compression Type (§9.1.3.2.2, Table 215).
    pub struct KeyCompressionType: tag::KEY_COMPRESSION_TYPE {
        /// §9.1.3.2.2: EC Public Key Type Uncompressed.
        EC_PUBLIC_KEY_TYPE_UNCOMPRESSED = 0x00000001, "EC Public Key Type Uncompressed", V1_0;
        /// §9.1.3.2.2: EC Public Key Type X9.62 Compressed Prime.
        EC_PUBLIC_KEY_TYPE_X9_62_COMPRESSED_PRIME = 0x00000002, "EC Public Key Type X9.62 Compressed Prime", V1_0;
        /// §9.1.3.2.2: EC Public Key Type X9.62 Compressed Char2.
        EC_PUBLIC_KEY_TYPE_X9_62_COMPRESSED_CHAR2 = 0x00000003, "EC Public Key Type X9.62 Compressed Char2", V1_0;
        /// §9.1.3.2.2: EC Public Key Type X9.62 Hybrid.
        EC_PUBLIC_KEY_TYPE_X9_62_HYBRID = 0x00000004, "EC Public Key Type X9.62 Hybrid", V1_0;
    }
}

enumeration! {
    /// Key Format Type (§9.1.3.2.3, Table 216).
    pub struct KeyFormatType: tag::KEY_FORMAT_TYPE {
        /// §9.1.3.2.3: Raw.
        RAW = 0x00000001, "Raw", V1_0;
        /// §9.1.3.2.3: Opaque.
        OPAQUE = 0x00000002, "Opaque", V1_0;
        /// §9.1.3.2.3: PKCS#1.
        PKCS_1 = 0x00000003, "PKCS#1", V1_0;
        /// §9.1.3.2.3: PKCS#8.
        PKCS_8 = 0x00000004, "PKCS#8", V1_0;
        /// §9.1.3.2.3: X.509.
        X_509 = 0x00000005, "X.509", V1_0;
        /// §9.1.3.2.3: ECPrivateKey.
        EC_PRIVATE_KEY = 0x00000006, "ECPrivateKey", V1_0;
        /// §9.1.3.2.3: Transparent Symmetric Key.
        TRANSPARENT_SYMMETRIC_KEY = 0x00000007, "Transparent Symmetric Key", V1_0;
        /// §9.1.3.2.3: Transparent DSA Private Key.
        TRANSPARENT_DSA_PRIVATE_KEY = 0x00000008, "Transparent DSA Private Key", V1_0;
        /// §9.1.3.2.3: Transparent DSA Public Key.
        TRANSPARENT_DSA_PUBLIC_KEY = 0x00000009, "Transparent DSA Public Key", V1_0;
        /// §9.1.3.2.3: Transparent RSA Private Key.
        TRANSPARENT_RSA_PRIVATE_KEY = 0x0000000A, "Transparent RSA Private Key", V1_0;
        /// §9.1.3.2.3: Transparent RSA Public Key.
        TRANSPARENT_RSA_PUBLIC_KEY = 0x0000000B, "Transparent RSA Public Key", V1_0;
        /// §9.1.3.2.3: Transparent DH Private Key.
        TRANSPARENT_DH_PRIVATE_KEY = 0x0000000C, "Transparent DH Private Key", V1_0;
        /// §9.1.3.2.3: Transparent DH Public Key.
        TRANSPARENT_DH_PUBLIC_KEY = 0x0000000D, "Transparent DH Public Key", V1_0;
        /// §9.1.3.2.3: Transparent ECDSA Private Key.
        TRANSPARENT_ECDSA_PRIVATE_KEY = 0x0000000E, "Transparent ECDSA Private Key", V1_0;
        /// §9.1.3.2.3: Transparent ECDSA Public Key.
        TRANSPARENT_ECDSA_PUBLIC_KEY = 0x0000000F, "Transparent ECDSA Public Key", V1_0;
        /// §9.1.3.2.3: Transparent ECDH Private Key.
        TRANSPARENT_ECDH_PRIVATE_KEY = 0x00000010, "Transparent ECDH Private Key", V1_0;
        /// §9.1.3.2.3: Transparent ECDH Public Key.
        TRANSPARENT_ECDH_PUBLIC_KEY = 0x00000011, "Transparent ECDH Public Key", V1_0;
        /// §9.1.3.2.3: Transparent ECMQV Private Key.
        TRANSPARENT_ECMQV_PRIVATE_KEY = 0x00000012, "Transparent ECMQV Private Key", V1_0;
        /// §9.1.3.2.3: Transparent ECMQV Public Key.
        TRANSPARENT_ECMQV_PUBLIC_KEY = 0x00000013, "Transparent ECMQV Public Key", V1_0;
        /// §9.1.3.2.3: Transparent EC Private Key (KMIP 1.3).
        TRANSPARENT_EC_PRIVATE_KEY = 0x00000014, "Transparent EC Private Key", V1_3;
        /// §9.1.3.2.3: Transparent EC Public Key (KMIP 1.3).
        TRANSPARENT_EC_PUBLIC_KEY = 0x00000015, "Transparent EC Public Key", V1_3;
        /// §9.1.3.2.3: PKCS#12 (KMIP 1.4).
        PKCS_12 = 0x00000016, "PKCS#12", V1_4;
    }
}

enumeration! {
    /// Wrapping Method (§9.1.3.2.4, Table 217).
    pub struct WrappingMethod: tag::WRAPPING_METHOD {
        /// §9.1.3.2.4: Encrypt.
        ENCRYPT = 0x00000001, "Encrypt", V1_0;
        /// §9.1.3.2.4: MAC/sign.
        MAC_SIGN = 0x00000002, "MAC/sign", V1_0;
        /// §9.1.3.2.4: Encrypt then MAC/sign.
        ENCRYPT_THEN_MAC_SIGN = 0x00000003, "Encrypt then MAC/sign", V1_0;
        /// §9.1.3.2.4: MAC/sign then encrypt.
        MAC_SIGN_THEN_ENCRYPT = 0x00000004, "MAC/sign then encrypt", V1_0;
        /// §9.1.3.2.4: TR-31.
        TR_31 = 0x00000005, "TR-31", V1_0;
    }
}

enumeration! {
    /// Recommended Curve (§9.1.3.2.5, Table 218).
    pub struct RecommendedCurve: tag::RECOMMENDED_CURVE {
        /// §9.1.3.2.5: P-192.
        P_192 = 0x00000001, "P-192", V1_0;
        /// §9.1.3.2.5: K-163.
        K_163 = 0x00000002, "K-163", V1_0;
        /// §9.1.3.2.5: B-163.
        B_163 = 0x00000003, "B-163", V1_0;
        /// §9.1.3.2.5: P-224.
        P_224 = 0x00000004, "P-224", V1_0;
        /// §9.1.3.2.5: K-233.
        K_233 = 0x00000005, "K-233", V1_0;
        /// §9.1.3.2.5: B-233.
        B_233 = 0x00000006, "B-233", V1_0;
        /// §9.1.3.2.5: P-256.
        P_256 = 0x00000007, "P-256", V1_0;
        /// §9.1.3.2.5: K-283.
        K_283 = 0x00000008, "K-283", V1_0;
        /// §9.1.3.2.5: B-283.
        B_283 = 0x00000009, "B-283", V1_0;
        /// §9.1.3.2.5: P-384.
        P_384 = 0x0000000A, "P-384", V1_0;
        /// §9.1.3.2.5: K-409.
        K_409 = 0x0000000B, "K-409", V1_0;
        /// §9.1.3.2.5: B-409.
        B_409 = 0x0000000C, "B-409", V1_0;
        /// §9.1.3.2.5: P-521.
        P_521 = 0x0000000D, "P-521", V1_0;
        /// §9.1.3.2.5: K-571.
        K_571 = 0x0000000E, "K-571", V1_0;
        /// §9.1.3.2.5: B-571.
        B_571 = 0x0000000F, "B-571", V1_0;
        /// §9.1.3.2.5: SECP112R1 (KMIP 1.2).
        SECP112R1 = 0x00000010, "SECP112R1", V1_2;
        /// §9.1.3.2.5: SECP112R2 (KMIP 1.2).
        SECP112R2 = 0x00000011, "SECP112R2", V1_2;
        /// §9.1.3.2.5: SECP128R1 (KMIP 1.2).
        SECP128R1 = 0x00000012, "SECP128R1", V1_2;
        /// §9.1.3.2.5: SECP128R2 (KMIP 1.2).
        SECP128R2 = 0x00000013, "SECP128R2", V1_2;
        /// §9.1.3.2.5: SECP160K1 (KMIP 1.2).
        SECP160K1 = 0x00000014, "SECP160K1", V1_2;
        /// §9.1.3.2.5: SECP160R1 (KMIP 1.2).
        SECP160R1 = 0x00000015, "SECP160R1", V1_2;
        /// §9.1.3.2.5: SECP160R2 (KMIP 1.2).
        SECP160R2 = 0x00000016, "SECP160R2", V1_2;
        /// §9.1.3.2.5: SECP192K1 (KMIP 1.2).
        SECP192K1 = 0x00000017, "SECP192K1", V1_2;
        /// §9.1.3.2.5: SECP224K1 (KMIP 1.2).
        SECP224K1 = 0x00000018, "SECP224K1", V1_2;
        /// §9.1.3.2.5: SECP256K1 (KMIP 1.2).
        SECP256K1 = 0x00000019, "SECP256K1", V1_2;
        /// §9.1.3.2.5: SECT113R1 (KMIP 1.2).
        SECT113R1 = 0x0000001A, "SECT113R1", V1_2;
        /// §9.1.3.2.5: SECT113R2 (KMIP 1.2).
        SECT113R2 = 0x0000001B, "SECT113R2", V1_2;
        /// §9.1.3.2.5: SECT131R1 (KMIP 1.2).
        SECT131R1 = 0x0000001C, "SECT131R1", V1_2;
        /// §9.1.3.2.5: SECT131R2 (KMIP 1.2).
        SECT131R2 = 0x0000001D, "SECT131R2", V1_2;
        /// §9.1.3.2.5: SECT163R1 (KMIP 1.2).
        SECT163R1 = 0x0000001E, "SECT163R1", V1_2;
        /// §9.1.3.2.5: SECT193R1 (KMIP 1.2).
        SECT193R1 = 0x0000001F, "SECT193R1", V1_2;
        /// §9.1.3.2.5: SECT193R2 (KMIP 1.2).
        SECT193R2 = 0x00000020, "SECT193R2", V1_2;
        /// §9.1.3.2.5: SECT239K1 (KMIP 1.2).
        SECT239K1 = 0x00000021, "SECT239K1", V1_2;
        /// §9.1.3.2.5: ANSIX9P192V2 (KMIP 1.2).
        ANSIX9P192V2 = 0x00000022, "ANSIX9P192V2", V1_2;
        /// §9.1.3.2.5: ANSIX9P192V3 (KMIP 1.2).
        ANSIX9P192V3 = 0x00000023, "ANSIX9P192V3", V1_2;
        /// §9.1.3.2.5: ANSIX9P239V1 (KMIP 1.2).
        ANSIX9P239V1 = 0x00000024, "ANSIX9P239V1", V1_2;
        /// §9.1.3.2.5: ANSIX9P239V2 (KMIP 1.2).
        ANSIX9P239V2 = 0x00000025, "ANSIX9P239V2", V1_2;
        /// §9.1.3.2.5: ANSIX9P239V3 (KMIP 1.2).
        ANSIX9P239V3 = 0x00000026, "ANSIX9P239V3", V1_2;
        /// §9.1.3.2.5: ANSIX9C2PNB163V1 (KMIP 1.2).
        ANSIX9C2PNB163V1 = 0x00000027, "ANSIX9C2PNB163V1", V1_2;
        /// §9.1.3.2.5: ANSIX9C2PNB163V2 (KMIP 1.2).
        ANSIX9C2PNB163V2 = 0x00000028, "ANSIX9C2PNB163V2", V1_2;
        /// §9.1.3.2.5: ANSIX9C2PNB163V3 (KMIP 1.2).
        ANSIX9C2PNB163V3 = 0x00000029, "ANSIX9C2PNB163V3", V1_2;
        /// §9.1.3.2.5: ANSIX9C2PNB176V1 (KMIP 1.2).
        ANSIX9C2PNB176V1 = 0x0000002A, "ANSIX9C2PNB176V1", V1_2;
        /// §9.1.3.2.5: ANSIX9C2TNB191V1 (KMIP 1.2).
        ANSIX9C2TNB191V1 = 0x0000002B, "ANSIX9C2TNB191V1", V1_2;
        /// §9.1.3.2.5: ANSIX9C2TNB191V2 (KMIP 1.2).
        ANSIX9C2TNB191V2 = 0x0000002C, "ANSIX9C2TNB191V2", V1_2;
        /// §9.1.3.2.5: ANSIX9C2TNB191V3 (KMIP 1.2).
        ANSIX9C2TNB191V3 = 0x0000002D, "ANSIX9C2TNB191V3", V1_2;
        /// §9.1.3.2.5: ANSIX9C2PNB208W1 (KMIP 1.2).
        ANSIX9C2PNB208W1 = 0x0000002E, "ANSIX9C2PNB208W1", V1_2;
        /// §9.1.3.2.5: ANSIX9C2TNB239V1 (KMIP 1.2).
        ANSIX9C2TNB239V1 = 0x0000002F, "ANSIX9C2TNB239V1", V1_2;
        /// §9.1.3.2.5: ANSIX9C2TNB239V2 (KMIP 1.2).
        ANSIX9C2TNB239V2 = 0x00000030, "ANSIX9C2TNB239V2", V1_2;
        /// §9.1.3.2.5: ANSIX9C2TNB239V3 (KMIP 1.2).
        ANSIX9C2TNB239V3 = 0x00000031, "ANSIX9C2TNB239V3", V1_2;
        /// §9.1.3.2.5: ANSIX9C2PNB272W1 (KMIP 1.2).
        ANSIX9C2PNB272W1 = 0x00000032, "ANSIX9C2PNB272W1", V1_2;
        /// §9.1.3.2.5: ANSIX9C2PNB304W1 (KMIP 1.2).
        ANSIX9C2PNB304W1 = 0x00000033, "ANSIX9C2PNB304W1", V1_2;
        /// §9.1.3.2.5: ANSIX9C2TNB359V1 (KMIP 1.2).
        ANSIX9C2TNB359V1 = 0x00000034, "ANSIX9C2TNB359V1", V1_2;
        /// §9.1.3.2.5: ANSIX9C2PNB368W1 (KMIP 1.2).
        ANSIX9C2PNB368W1 = 0x00000035, "ANSIX9C2PNB368W1", V1_2;
        /// §9.1.3.2.5: ANSIX9C2TNB431R1 (KMIP 1.2).
        ANSIX9C2TNB431R1 = 0x00000036, "ANSIX9C2TNB431R1", V1_2;
        /// §9.1.3.2.5: BRAINPOOLP160R1 (KMIP 1.2).
        BRAINPOOLP160R1 = 0x00000037, "BRAINPOOLP160R1", V1_2;
        /// §9.1.3.2.5: BRAINPOOLP160T1 (KMIP 1.2).
        BRAINPOOLP160T1 = 0x00000038, "BRAINPOOLP160T1", V1_2;
        /// §9.1.3.2.5: BRAINPOOLP192R1 (KMIP 1.2).
        BRAINPOOLP192R1 = 0x00000039, "BRAINPOOLP192R1", V1_2;
        /// §9.1.3.2.5: BRAINPOOLP192T1 (KMIP 1.2).
        BRAINPOOLP192T1 = 0x0000003A, "BRAINPOOLP192T1", V1_2;
        /// §9.1.3.2.5: BRAINPOOLP224R1 (KMIP 1.2).
        BRAINPOOLP224R1 = 0x0000003B, "BRAINPOOLP224R1", V1_2;
        /// §9.1.3.2.5: BRAINPOOLP224T1 (KMIP 1.2).
        BRAINPOOLP224T1 = 0x0000003C, "BRAINPOOLP224T1", V1_2;
        /// §9.1.3.2.5: BRAINPOOLP256R1 (KMIP 1.2).
        BRAINPOOLP256R1 = 0x0000003D, "BRAINPOOLP256R1", V1_2;
        /// §9.1.3.2.5: BRAINPOOLP256T1 (KMIP 1.2).
        BRAINPOOLP256T1 = 0x0000003E, "BRAINPOOLP256T1", V1_2;
        /// §9.1.3.2.5: BRAINPOOLP320R1 (KMIP 1.2).
        BRAINPOOLP320R1 = 0x0000003F, "BRAINPOOLP320R1", V1_2;
        /// §9.1.3.2.5: BRAINPOOLP320T1 (KMIP 1.2).
        BRAINPOOLP320T1 = 0x00000040, "BRAINPOOLP320T1", V1_2;
        /// §9.1.3.2.5: BRAINPOOLP384R1 (KMIP 1.2).
        BRAINPOOLP384R1 = 0x00000041, "BRAINPOOLP384R1", V1_2;
        /// §9.1.3.2.5: BRAINPOOLP384T1 (KMIP 1.2).
        BRAINPOOLP384T1 = 0x00000042, "BRAINPOOLP384T1", V1_2;
        /// §9.1.3.2.5: BRAINPOOLP512R1 (KMIP 1.2).
        BRAINPOOLP512R1 = 0x00000043, "BRAINPOOLP512R1", V1_2;
        /// §9.1.3.2.5: BRAINPOOLP512T1 (KMIP 1.2).
        BRAINPOOLP512T1 = 0x00000044, "BRAINPOOLP512T1", V1_2;
    }
}

enumeration! {
    /// Certificate Type (§9.1.3.2.6, Table 219).
    pub struct CertificateType: tag::CERTIFICATE_TYPE {
        /// §9.1.3.2.6: X.509.
        X_509 = 0x00000001, "X.509", V1_0;
        /// §9.1.3.2.6: PGP.
        PGP = 0x00000002, "PGP", V1_0;
    }
}

enumeration! {
    /// Digital Signature Algorithm (§9.1.3.2.7, Table 220).
    pub struct DigitalSignatureAlgorithm: tag::DIGITAL_SIGNATURE_ALGORITHM {
        /// §9.1.3.2.7: MD2 with RSA Encryption (KMIP 1.1).
        MD2_WITH_RSA_ENCRYPTION = 0x00000001, "MD2 with RSA Encryption", V1_1;
        /// §9.1.3.2.7: MD5 with RSA Encryption (KMIP 1.1).
        MD5_WITH_RSA_ENCRYPTION = 0x00000002, "MD5 with RSA Encryption", V1_1;
        /// §9.1.3.2.7: SHA-1 with RSA Encryption (KMIP 1.1).
        SHA_1_WITH_RSA_ENCRYPTION = 0x00000003, "SHA-1 with RSA Encryption", V1_1;
        /// §9.1.3.2.7: SHA-224 with RSA Encryption (KMIP 1.1).
        SHA_224_WITH_RSA_ENCRYPTION = 0x00000004, "SHA-224 with RSA Encryption", V1_1;
        /// §9.1.3.2.7: SHA-256 with RSA Encryption (KMIP 1.1).
        SHA_256_WITH_RSA_ENCRYPTION = 0x00000005, "SHA-256 with RSA Encryption", V1_1;
        /// §9.1.3.2.7: SHA-384 with RSA Encryption (KMIP 1.1).
        SHA_384_WITH_RSA_ENCRYPTION = 0x00000006, "SHA-384 with RSA Encryption", V1_1;
        /// §9.1.3.2.7: SHA-512 with RSA Encryption (KMIP 1.1).
        SHA_512_WITH_RSA_ENCRYPTION = 0x00000007, "SHA-512 with RSA Encryption", V1_1;
        /// §9.1.3.2.7: RSASSA-PSS (KMIP 1.1).
        RSASSA_PSS = 0x00000008, "RSASSA-PSS", V1_1;
        /// §9.1.3.2.7: DSA with SHA-1 (KMIP 1.1).
        DSA_WITH_SHA_1 = 0x00000009, "DSA with SHA-1", V1_1;
        /// §9.1.3.2.7: DSA with SHA224 (KMIP 1.1).
        DSA_WITH_SHA224 = 0x0000000A, "DSA with SHA224", V1_1;
        /// §9.1.3.2.7: DSA with SHA256 (KMIP 1.1).
        DSA_WITH_SHA256 = 0x0000000B, "DSA with SHA256", V1_1;
        /// §9.1.3.2.7: ECDSA with SHA-1 (KMIP 1.1).
        ECDSA_WITH_SHA_1 = 0x0000000C, "ECDSA with SHA-1", V1_1;
        /// §9.1.3.2.7: ECDSA with SHA224 (KMIP 1.1).
        ECDSA_WITH_SHA224 = 0x0000000D, "ECDSA with SHA224", V1_1;
        /// §9.1.3.2.7: ECDSA with SHA256 (KMIP 1.1).
        ECDSA_WITH_SHA256 = 0x0000000E, "ECDSA with SHA256", V1_1;
        /// §9.1.3.2.7: ECDSA with SHA384 (KMIP 1.1).
        ECDSA_WITH_SHA384 = 0x0000000F, "ECDSA with SHA384", V1_1;
        /// §9.1.3.2.7: ECDSA with SHA512 (KMIP 1.1).
        ECDSA_WITH_SHA512 = 0x00000010, "ECDSA with SHA512", V1_1;
        /// §9.1.3.2.7: SHA3-256 with RSA Encryption (KMIP 1.4).
        SHA3_256_WITH_RSA_ENCRYPTION = 0x00000011, "SHA3-256 with RSA Encryption", V1_4;
        /// §9.1.3.2.7: SHA3-384 with RSA Encryption (KMIP 1.4).
        SHA3_384_WITH_RSA_ENCRYPTION = 0x00000012, "SHA3-384 with RSA Encryption", V1_4;
        /// §9.1.3.2.7: SHA3-512 with RSA Encryption (KMIP 1.4).
        SHA3_512_WITH_RSA_ENCRYPTION = 0x00000013, "SHA3-512 with RSA Encryption", V1_4;
    }
}

enumeration! {
    /// Split Key Method (§9.1.3.2.8, Table 221).
    pub struct SplitKeyMethod: tag::SPLIT_KEY_METHOD {
        /// §9.1.3.2.8: XOR.
        XOR = 0x00000001, "XOR", V1_0;
        /// §9.1.3.2.8: Polynomial Sharing GF (2^16).
        POLYNOMIAL_SHARING_GF_2_16 = 0x00000002, "Polynomial Sharing GF (2^16)", V1_0;
        /// §9.1.3.2.8: Polynomial Sharing Prime Field.
        POLYNOMIAL_SHARING_PRIME_FIELD = 0x00000003, "Polynomial Sharing Prime Field", V1_0;
        /// §9.1.3.2.8: Polynomial Sharing GF (2^8) (KMIP 1.2).
        POLYNOMIAL_SHARING_GF_2_8 = 0x00000004, "Polynomial Sharing GF (2^8)", V1_2;
    }
}

enumeration! {
    /// Secret Data Type (§9.1.3.2.9, Table 222).
    pub struct SecretDataType: tag::SECRET_DATA_TYPE {
        /// §9.1.3.2.9: Password.
        PASSWORD = 0x00000001, "Password", V1_0;
        /// §9.1.3.2.9: Seed.
        SEED = 0x00000002, "Seed", V1_0;
    }
}

enumeration! {
    /// Opaque Data Type (§9.1.3.2.10, Table 223).
    pub struct OpaqueDataType: tag::OPAQUE_DATA_TYPE {
    }
}

enumeration! {
    /// Name Type (§9.1.3.2.11, Table 224).
    pub struct NameType: tag::NAME_TYPE {
        /// §9.1.3.2.11: Uninterpreted Text String.
        UNINTERPRETED_TEXT_STRING = 0x00000001, "Uninterpreted Text String", V1_0;
        /// §9.1.3.2.11: URI.
        URI = 0x00000002, "URI", V1_0;
    }
}

enumeration! {
    /// Object Type (§9.1.3.2.12, Table 225).
    pub struct ObjectType: tag::OBJECT_TYPE {
        /// §9.1.3.2.12: Certificate.
        CERTIFICATE = 0x00000001, "Certificate", V1_0;
        /// §9.1.3.2.12: Symmetric Key.
        SYMMETRIC_KEY = 0x00000002, "Symmetric Key", V1_0;
        /// §9.1.3.2.12: Public Key.
        PUBLIC_KEY = 0x00000003, "Public Key", V1_0;
        /// §9.1.3.2.12: Private Key.
        PRIVATE_KEY = 0x00000004, "Private Key", V1_0;
        /// §9.1.3.2.12: Split Key.
        SPLIT_KEY = 0x00000005, "Split Key", V1_0;
        /// §9.1.3.2.12: Template.
        TEMPLATE = 0x00000006, "Template", V1_0;
        /// §9.1.3.2.12: Secret Data.
        SECRET_DATA = 0x00000007, "Secret Data", V1_0;
        /// §9.1.3.2.12: Opaque Object.
        OPAQUE_OBJECT = 0x00000008, "Opaque Object", V1_0;
        /// §9.1.3.2.12: PGP Key (KMIP 1.2).
        PGP_KEY = 0x00000009, "PGP Key", V1_2;
    }
}

enumeration! {
    /// Cryptographic Algorithm (§9.1.3.2.13, Table 226).
    pub struct CryptographicAlgorithm: tag::CRYPTOGRAPHIC_ALGORITHM {
        /// §9.1.3.2.13: DES.
        DES = 0x00000001, "DES", V1_0;
        /// §9.1.3.2.13: 3DES.
        TRIPLE_DES = 0x00000002, "3DES", V1_0;
        /// §9.1.3.2.13: AES.
        AES = 0x00000003, "AES", V1_0;
        /// §9.1.3.2.13: RSA.
        RSA = 0x00000004, "RSA", V1_0;
        /// §9.1.3.2.13: DSA.
        DSA = 0x00000005, "DSA", V1_0;
        /// §9.1.3.2.13: ECDSA.
        ECDSA = 0x00000006, "ECDSA", V1_0;
        /// §9.1.3.2.13: HMAC-SHA1.
        HMAC_SHA1 = 0x00000007, "HMAC-SHA1", V1_0;
        /// §9.1.3.2.13: HMAC-SHA224.
        HMAC_SHA224 = 0x00000008, "HMAC-SHA224", V1_0;
        /// §9.1.3.2.13: HMAC-SHA256.
        HMAC_SHA256 = 0x00000009, "HMAC-SHA256", V1_0;
        /// §9.1.3.2.13: HMAC-SHA384.
        HMAC_SHA384 = 0x0000000A, "HMAC-SHA384", V1_0;
        /// §9.1.3.2.13: HMAC-SHA512.
        HMAC_SHA512 = 0x0000000B, "HMAC-SHA512", V1_0;
        /// §9.1.3.2.13: HMAC-MD5.
        HMAC_MD5 = 0x0000000C, "HMAC-MD5", V1_0;
        /// §9.1.3.2.13: DH.
        DH = 0x0000000D, "DH", V1_0;
        /// §9.1.3.2.13: ECDH.
        ECDH = 0x0000000E, "ECDH", V1_0;
        /// §9.1.3.2.13: ECMQV.
        ECMQV = 0x0000000F, "ECMQV", V1_0;
        /// §9.1.3.2.13: Blowfish.
        BLOWFISH = 0x00000010, "Blowfish", V1_0;
        /// §9.1.3.2.13: Camellia.
        CAMELLIA = 0x00000011, "Camellia", V1_0;
        /// §9.1.3.2.13: CAST5.
        CAST5 = 0x00000012, "CAST5", V1_0;
        /// §9.1.3.2.13: IDEA.
        IDEA = 0x00000013, "IDEA", V1_0;
        /// §9.1.3.2.13: MARS.
        MARS = 0x00000014, "MARS", V1_0;
        /// §9.1.3.2.13: RC2.
        RC2 = 0x00000015, "RC2", V1_0;
        /// §9.1.3.2.13: RC4.
        RC4 = 0x00000016, "RC4", V1_0;
        /// §9.1.3.2.13: RC5.
        RC5 = 0x00000017, "RC5", V1_0;
        /// §9.1.3.2.13: SKIPJACK.
        SKIPJACK = 0x00000018, "SKIPJACK", V1_0;
        /// §9.1.3.2.13: Twofish.
        TWOFISH = 0x00000019, "Twofish", V1_0;
        /// §9.1.3.2.13: EC (KMIP 1.2).
        EC = 0x0000001A, "EC", V1_2;
        /// §9.1.3.2.13: One Time Pad (KMIP 1.3).
        ONE_TIME_PAD = 0x0000001B, "One Time Pad", V1_3;
        /// §9.1.3.2.13: ChaCha20 (KMIP 1.4).
        CHACHA20 = 0x0000001C, "ChaCha20", V1_4;
        /// §9.1.3.2.13: Poly1305 (KMIP 1.4).
        POLY1305 = 0x0000001D, "Poly1305", V1_4;
        /// §9.1.3.2.13: ChaCha20Poly1305 (KMIP 1.4).
        CHACHA20POLY1305 = 0x0000001E, "ChaCha20Poly1305", V1_4;
        /// §9.1.3.2.13: SHA3-224 (KMIP 1.4).
        SHA3_224 = 0x0000001F, "SHA3-224", V1_4;
        /// §9.1.3.2.13: SHA3-256 (KMIP 1.4).
        SHA3_256 = 0x00000020, "SHA3-256", V1_4;
        /// §9.1.3.2.13: SHA3-384 (KMIP 1.4).
        SHA3_384 = 0x00000021, "SHA3-384", V1_4;
        /// §9.1.3.2.13: SHA3-512 (KMIP 1.4).
        SHA3_512 = 0x00000022, "SHA3-512", V1_4;
        /// §9.1.3.2.13: HMAC-SHA3-224 (KMIP 1.4).
        HMAC_SHA3_224 = 0x00000023, "HMAC-SHA3-224", V1_4;
        /// §9.1.3.2.13: HMAC-SHA3-256 (KMIP 1.4).
        HMAC_SHA3_256 = 0x00000024, "HMAC-SHA3-256", V1_4;
        /// §9.1.3.2.13: HMAC-SHA3-384 (KMIP 1.4).
        HMAC_SHA3_384 = 0x00000025, "HMAC-SHA3-384", V1_4;
        /// §9.1.3.2.13: HMAC-SHA3-512 (KMIP 1.4).
        HMAC_SHA3_512 = 0x00000026, "HMAC-SHA3-512", V1_4;
        /// §9.1.3.2.13: SHAKE-128 (KMIP 1.4).
        SHAKE_128 = 0x00000027, "SHAKE-128", V1_4;
        /// §9.1.3.2.13: SHAKE-256 (KMIP 1.4).
        SHAKE_256 = 0x00000028, "SHAKE-256", V1_4;
    }
}

enumeration! {
    /// Block Cipher Mode (§9.1.3.2.14, Table 227).
    pub struct BlockCipherMode: tag::BLOCK_CIPHER_MODE {
        /// §9.1.3.2.14: CBC.
        CBC = 0x00000001, "CBC", V1_0;
        /// §9.1.3.2.14: ECB.
        ECB = 0x00000002, "ECB", V1_0;
        /// §9.1.3.2.14: PCBC.
        PCBC = 0x00000003, "PCBC", V1_0;
        /// §9.1.3.2.14: CFB.
        CFB = 0x00000004, "CFB", V1_0;
        /// §9.1.3.2.14: OFB.
        OFB = 0x00000005, "OFB", V1_0;
        /// §9.1.3.2.14: CTR.
        CTR = 0x00000006, "CTR", V1_0;
        /// §9.1.3.2.14: CMAC.
        CMAC = 0x00000007, "CMAC", V1_0;
        /// §9.1.3.2.14: CCM.
        CCM = 0x00000008, "CCM", V1_0;
        /// §9.1.3.2.14: GCM.
        GCM = 0x00000009, "GCM", V1_0;
        /// §9.1.3.2.14: CBC-MAC.
        CBC_MAC = 0x0000000A, "CBC-MAC", V1_0;
        /// §9.1.3.2.14: XTS.
        XTS = 0x0000000B, "XTS", V1_0;
        /// §9.1.3.2.14: AESKeyWrapPadding.
        AES_KEY_WRAP_PADDING = 0x0000000C, "AESKeyWrapPadding", V1_0;
        /// §9.1.3.2.14: NISTKeyWrap.
        NIST_KEY_WRAP = 0x0000000D, "NISTKeyWrap", V1_0;
        /// §9.1.3.2.14: X9.102 AESKW.
        X9_102_AESKW = 0x0000000E, "X9.102 AESKW", V1_0;
        /// §9.1.3.2.14: X9.102 TDKW.
        X9_102_TDKW = 0x0000000F, "X9.102 TDKW", V1_0;
        /// §9.1.3.2.14: X9.102 AKW1.
        X9_102_AKW1 = 0x00000010, "X9.102 AKW1", V1_0;
        /// §9.1.3.2.14: X9.102 AKW2.
        X9_102_AKW2 = 0x00000011, "X9.102 AKW2", V1_0;
        /// §9.1.3.2.14: AEAD (KMIP 1.4).
        AEAD = 0x00000012, "AEAD", V1_4;
    }
}

enumeration! {
    /// Padding Method (§9.1.3.2.15, Table 228).
    pub struct PaddingMethod: tag::PADDING_METHOD {
        /// §9.1.3.2.15: None.
        NONE = 0x00000001, "None", V1_0;
        /// §9.1.3.2.15: OAEP.
        OAEP = 0x00000002, "OAEP", V1_0;
        /// §9.1.3.2.15: PKCS5.
        PKCS5 = 0x00000003, "PKCS5", V1_0;
        /// §9.1.3.2.15: SSL3.
        SSL3 = 0x00000004, "SSL3", V1_0;
        /// §9.1.3.2.15: Zeros.
        ZEROS = 0x00000005, "Zeros", V1_0;
        /// §9.1.3.2.15: ANSI X9.23.
        ANSI_X9_23 = 0x00000006, "ANSI X9.23", V1_0;
        /// §9.1.3.2.15: ISO 10126.
        ISO_10126 = 0x00000007, "ISO 10126", V1_0;
        /// §9.1.3.2.15: PKCS1 v1.5.
        PKCS1_V1_5 = 0x00000008, "PKCS1 v1.5", V1_0;
        /// §9.1.3.2.15: X9.31.
        X9_31 = 0x00000009, "X9.31", V1_0;
        /// §9.1.3.2.15: PSS.
        PSS = 0x0000000A, "PSS", V1_0;
    }
}

enumeration! {
    /// Hashing Algorithm (§9.1.3.2.16, Table 229).
    pub struct HashingAlgorithm: tag::HASHING_ALGORITHM {
        /// §9.1.3.2.16: MD2.
        MD2 = 0x00000001, "MD2", V1_0;
        /// §9.1.3.2.16: MD4.
        MD4 = 0x00000002, "MD4", V1_0;
        /// §9.1.3.2.16: MD5.
        MD5 = 0x00000003, "MD5", V1_0;
        /// §9.1.3.2.16: SHA-1.
        SHA_1 = 0x00000004, "SHA-1", V1_0;
        /// §9.1.3.2.16: SHA-224.
        SHA_224 = 0x00000005, "SHA-224", V1_0;
        /// §9.1.3.2.16: SHA-256.
        SHA_256 = 0x00000006, "SHA-256", V1_0;
        /// §9.1.3.2.16: SHA-384.
        SHA_384 = 0x00000007, "SHA-384", V1_0;
        /// §9.1.3.2.16: SHA-512.
        SHA_512 = 0x00000008, "SHA-512", V1_0;
        /// §9.1.3.2.16: RIPEMD-160.
        RIPEMD_160 = 0x00000009, "RIPEMD-160", V1_0;
        /// §9.1.3.2.16: Tiger.
        TIGER = 0x0000000A, "Tiger", V1_0;
        /// §9.1.3.2.16: Whirlpool.
        WHIRLPOOL = 0x0000000B, "Whirlpool", V1_0;
        /// §9.1.3.2.16: SHA-512/224 (KMIP 1.2).
        SHA_512_224 = 0x0000000C, "SHA-512/224", V1_2;
        /// §9.1.3.2.16: SHA-512/256 (KMIP 1.2).
        SHA_512_256 = 0x0000000D, "SHA-512/256", V1_2;
        /// §9.1.3.2.16: SHA-3-224 (KMIP 1.4).
        SHA_3_224 = 0x0000000E, "SHA-3-224", V1_4;
        /// §9.1.3.2.16: SHA-3-256 (KMIP 1.4).
        SHA_3_256 = 0x0000000F, "SHA-3-256", V1_4;
        /// §9.1.3.2.16: SHA-3-384 (KMIP 1.4).
        SHA_3_384 = 0x00000010, "SHA-3-384", V1_4;
        /// §9.1.3.2.16: SHA-3-512 (KMIP 1.4).
        SHA_3_512 = 0x00000011, "SHA-3-512", V1_4;
    }
}

enumeration! {
    /// Key Role Type (§9.1.3.2.17, Table 230).
    pub struct KeyRoleType: tag::KEY_ROLE_TYPE {
        /// §9.1.3.2.17: BDK.
        BDK = 0x00000001, "BDK", V1_0;
        /// §9.1.3.2.17: CVK.
        CVK = 0x00000002, "CVK", V1_0;
        /// §9.1.3.2.17: DEK.
        DEK = 0x00000003, "DEK", V1_0;
        /// §9.1.3.2.17: MKAC.
        MKAC = 0x00000004, "MKAC", V1_0;
        /// §9.1.3.2.17: MKSMC.
        MKSMC = 0x00000005, "MKSMC", V1_0;
        /// §9.1.3.2.17: MKSMI.
        MKSMI = 0x00000006, "MKSMI", V1_0;
        /// §9.1.3.2.17: MKDAC.
        MKDAC = 0x00000007, "MKDAC", V1_0;
        /// §9.1.3.2.17: MKDN.
        MKDN = 0x00000008, "MKDN", V1_0;
        /// §9.1.3.2.17: MKCP.
        MKCP = 0x00000009, "MKCP", V1_0;
        /// §9.1.3.2.17: MKOTH.
        MKOTH = 0x0000000A, "MKOTH", V1_0;
        /// §9.1.3.2.17: KEK.
        KEK = 0x0000000B, "KEK", V1_0;
        /// §9.1.3.2.17: MAC16609.
        MAC16609 = 0x0000000C, "MAC16609", V1_0;
        /// §9.1.3.2.17: MAC97971.
        MAC97971 = 0x0000000D, "MAC97971", V1_0;
        /// §9.1.3.2.17: MAC97972.
        MAC97972 = 0x0000000E, "MAC97972", V1_0;
        /// §9.1.3.2.17: MAC97973.
        MAC97973 = 0x0000000F, "MAC97973", V1_0;
        /// §9.1.3.2.17: MAC97974.
        MAC97974 = 0x00000010, "MAC97974", V1_0;
        /// §9.1.3.2.17: MAC97975.
        MAC97975 = 0x00000011, "MAC97975", V1_0;
        /// §9.1.3.2.17: ZPK.
        ZPK = 0x00000012, "ZPK", V1_0;
        /// §9.1.3.2.17: PVKIBM.
        PVKIBM = 0x00000013, "PVKIBM", V1_0;
        /// §9.1.3.2.17: PVKPVV.
        PVKPVV = 0x00000014, "PVKPVV", V1_0;
        /// §9.1.3.2.17: PVKOTH.
        PVKOTH = 0x00000015, "PVKOTH", V1_0;
        /// §9.1.3.2.17: DUKPT (KMIP 1.4).
        DUKPT = 0x00000016, "DUKPT", V1_4;
        /// §9.1.3.2.17: IV (KMIP 1.4).
        IV = 0x00000017, "IV", V1_4;
        /// §9.1.3.2.17: TRKBK (KMIP 1.4).
        TRKBK = 0x00000018, "TRKBK", V1_4;
    }
}

enumeration! {
    /// State (§9.1.3.2.18, Table 231).
    pub struct State: tag::STATE {
        /// §9.1.3.2.18: Pre-Active.
        PRE_ACTIVE = 0x00000001, "Pre-Active", V1_0;
        /// §9.1.3.2.18: Active.
        ACTIVE = 0x00000002, "Active", V1_0;
        /// §9.1.3.2.18: Deactivated.
        DEACTIVATED = 0x00000003, "Deactivated", V1_0;
        /// §9.1.3.2.18: Compromised.
        COMPROMISED = 0x00000004, "Compromised", V1_0;
        /// §9.1.3.2.18: Destroyed.
        DESTROYED = 0x00000005, "Destroyed", V1_0;
        /// §9.1.3.2.18: Destroyed Compromised.
        DESTROYED_COMPROMISED = 0x00000006, "Destroyed Compromised", V1_0;
    }
}

enumeration! {
    /// Revocation Reason Code (§9.1.3.2.19, Table 232).
    pub struct RevocationReasonCode: tag::REVOCATION_REASON_CODE {
        /// §9.1.3.2.19: Unspecified.
        UNSPECIFIED = 0x00000001, "Unspecified", V1_0;
        /// §9.1.3.2.19: Key Compromise.
        KEY_COMPROMISE = 0x00000002, "Key Compromise", V1_0;
        /// §9.1.3.2.19: CA Compromise.
        CA_COMPROMISE = 0x00000003, "CA Compromise", V1_0;
        /// §9.1.3.2.19: Affiliation Changed.
        AFFILIATION_CHANGED = 0x00000004, "Affiliation Changed", V1_0;
        /// §9.1.3.2.19: Superseded.
        SUPERSEDED = 0x00000005, "Superseded", V1_0;
        /// §9.1.3.2.19: Cessation of Operation.
        CESSATION_OF_OPERATION = 0x00000006, "Cessation of Operation", V1_0;
        /// §9.1.3.2.19: Privilege Withdrawn.
        PRIVILEGE_WITHDRAWN = 0x00000007, "Privilege Withdrawn", V1_0;
    }
}

enumeration! {
    /// Link Type (§9.1.3.2.20, Table 233).
    pub struct LinkType: tag::LINK_TYPE {
        /// §9.1.3.2.20: Certificate Link.
        CERTIFICATE_LINK = 0x00000101, "Certificate Link", V1_0;
        /// §9.1.3.2.20: Public Key Link.
        PUBLIC_KEY_LINK = 0x00000102, "Public Key Link", V1_0;
        /// §9.1.3.2.20: Private Key Link.
        PRIVATE_KEY_LINK = 0x00000103, "Private Key Link", V1_0;
        /// §9.1.3.2.20: Derivation Base Object Link.
        DERIVATION_BASE_OBJECT_LINK = 0x00000104, "Derivation Base Object Link", V1_0;
        /// §9.1.3.2.20: Derived Key Link.
        DERIVED_KEY_LINK = 0x00000105, "Derived Key Link", V1_0;
        /// §9.1.3.2.20: Replacement Object Link.
        REPLACEMENT_OBJECT_LINK = 0x00000106, "Replacement Object Link", V1_0;
        /// §9.1.3.2.20: Replaced Object Link.
        REPLACED_OBJECT_LINK = 0x00000107, "Replaced Object Link", V1_0;
        /// §9.1.3.2.20: Parent Link (KMIP 1.2).
        PARENT_LINK = 0x00000108, "Parent Link", V1_2;
        /// §9.1.3.2.20: Child Link (KMIP 1.2).
        CHILD_LINK = 0x00000109, "Child Link", V1_2;
        /// §9.1.3.2.20: Previous Link (KMIP 1.2).
        PREVIOUS_LINK = 0x0000010A, "Previous Link", V1_2;
        /// §9.1.3.2.20: Next Link (KMIP 1.2).
        NEXT_LINK = 0x0000010B, "Next Link", V1_2;
        /// §9.1.3.2.20: PKCS#12 Certificate Link (KMIP 1.4).
        PKCS_12_CERTIFICATE_LINK = 0x0000010C, "PKCS#12 Certificate Link", V1_4;
        /// §9.1.3.2.20: PKCS#12 Password Link (KMIP 1.4).
        PKCS_12_PASSWORD_LINK = 0x0000010D, "PKCS#12 Password Link", V1_4;
    }
}

enumeration! {
    /// Derivation Method (§9.1.3.2.21, Table 234).
    pub struct DerivationMethod: tag::DERIVATION_METHOD {
        /// §9.1.3.2.21: PBKDF2.
        PBKDF2 = 0x00000001, "PBKDF2", V1_0;
        /// §9.1.3.2.21: HASH.
        HASH = 0x00000002, "HASH", V1_0;
        /// §9.1.3.2.21: HMAC.
        HMAC = 0x00000003, "HMAC", V1_0;
        /// §9.1.3.2.21: ENCRYPT.
        ENCRYPT = 0x00000004, "ENCRYPT", V1_0;
        /// §9.1.3.2.21: NIST800-108-C.
        NIST800_108_C = 0x00000005, "NIST800-108-C", V1_0;
        /// §9.1.3.2.21: NIST800-108-F.
        NIST800_108_F = 0x00000006, "NIST800-108-F", V1_0;
        /// §9.1.3.2.21: NIST800-108-DPI.
        NIST800_108_DPI = 0x00000007, "NIST800-108-DPI", V1_0;
        /// §9.1.3.2.21: Asymmetric Key (KMIP 1.4).
        ASYMMETRIC_KEY = 0x00000008, "Asymmetric Key", V1_4;
    }
}

enumeration! {
    /// Certificate Request Type (§9.1.3.2.22, Table 235).
    pub struct CertificateRequestType: tag::CERTIFICATE_REQUEST_TYPE {
        /// §9.1.3.2.22: CRMF.
        CRMF = 0x00000001, "CRMF", V1_0;
        /// §9.1.3.2.22: PKCS#10.
        PKCS_10 = 0x00000002, "PKCS#10", V1_0;
        /// §9.1.3.2.22: PEM.
        PEM = 0x00000003, "PEM", V1_0;
        /// §9.1.3.2.22: PGP.
        PGP = 0x00000004, "PGP", V1_0;
    }
}

enumeration! {
    /// Validity Indicator (§9.1.3.2.23, Table 236).
    pub struct ValidityIndicator: tag::VALIDITY_INDICATOR {
        /// §9.1.3.2.23: Valid.
        VALID = 0x00000001, "Valid", V1_0;
        /// §9.1.3.2.23: Invalid.
        INVALID = 0x00000002, "Invalid", V1_0;
        /// §9.1.3.2.23: Unknown.
        UNKNOWN = 0x00000003, "Unknown", V1_0;
    }
}

enumeration! {
    /// Query Function (§9.1.3.2.24, Table 237).
    pub struct QueryFunction: tag::QUERY_FUNCTION {
        /// §9.1.3.2.24: Query Operations.
        QUERY_OPERATIONS = 0x00000001, "Query Operations", V1_0;
        /// §9.1.3.2.24: Query Objects.
        QUERY_OBJECTS = 0x00000002, "Query Objects", V1_0;
        /// §9.1.3.2.24: Query Server Information.
        QUERY_SERVER_INFORMATION = 0x00000003, "Query Server Information", V1_0;
        /// §9.1.3.2.24: Query Application Namespaces.
        QUERY_APPLICATION_NAMESPACES = 0x00000004, "Query Application Namespaces", V1_0;
        /// §9.1.3.2.24: Query Extension List (KMIP 1.1).
        QUERY_EXTENSION_LIST = 0x00000005, "Query Extension List", V1_1;
        /// §9.1.3.2.24: Query Extension Map (KMIP 1.1).
        QUERY_EXTENSION_MAP = 0x00000006, "Query Extension Map", V1_1;
        /// §9.1.3.2.24: Query Attestation Types (KMIP 1.2).
        QUERY_ATTESTATION_TYPES = 0x00000007, "Query Attestation Types", V1_2;
        /// §9.1.3.2.24: Query RNGs (KMIP 1.3).
        QUERY_RNGS = 0x00000008, "Query RNGs", V1_3;
        /// §9.1.3.2.24: Query Validations (KMIP 1.3).
        QUERY_VALIDATIONS = 0x00000009, "Query Validations", V1_3;
        /// §9.1.3.2.24: Query Profiles (KMIP 1.3).
        QUERY_PROFILES = 0x0000000A, "Query Profiles", V1_3;
        /// §9.1.3.2.24: Query Capabilities (KMIP 1.3).
        QUERY_CAPABILITIES = 0x0000000B, "Query Capabilities", V1_3;
        /// §9.1.3.2.24: Query Client Registration Methods (KMIP 1.3).
        QUERY_CLIENT_REGISTRATION_METHODS = 0x0000000C, "Query Client Registration Methods", V1_3;
    }
}

enumeration! {
    /// Cancellation Result (§9.1.3.2.25, Table 238).
    pub struct CancellationResult: tag::CANCELLATION_RESULT {
        /// §9.1.3.2.25: Canceled.
        CANCELED = 0x00000001, "Canceled", V1_0;
        /// §9.1.3.2.25: Unable to Cancel.
        UNABLE_TO_CANCEL = 0x00000002, "Unable to Cancel", V1_0;
        /// §9.1.3.2.25: Completed.
        COMPLETED = 0x00000003, "Completed", V1_0;
        /// §9.1.3.2.25: Failed.
        FAILED = 0x00000004, "Failed", V1_0;
        /// §9.1.3.2.25: Unavailable.
        UNAVAILABLE = 0x00000005, "Unavailable", V1_0;
    }
}

enumeration! {
    /// Put Function (§9.1.3.2.26, Table 239).
    pub struct PutFunction: tag::PUT_FUNCTION {
        /// §9.1.3.2.26: New.
        NEW = 0x00000001, "New", V1_0;
        /// §9.1.3.2.26: Replace.
        REPLACE = 0x00000002, "Replace", V1_0;
    }
}

enumeration! {
    unfiltered;
    /// Operation (§9.1.3.2.27, Table 240).
    ///
    /// Written whatever the encoder's version, unlike the other tables' values: the Operation
    /// of a batch item says what the item is, and a batch item of a later version's operation
    /// is kept (its payload raw) and forwarded byte for byte, as PyKMIP's KMIP 1.1 Encrypt
    /// requests are; leaving its Operation out would make it an item no peer can read.
    pub struct Operation: tag::OPERATION {
        /// §9.1.3.2.27: Create.
        CREATE = 0x00000001, "Create", V1_0;
        /// §9.1.3.2.27: Create Key Pair.
        CREATE_KEY_PAIR = 0x00000002, "Create Key Pair", V1_0;
        /// §9.1.3.2.27: Register.
        REGISTER = 0x00000003, "Register", V1_0;
        /// §9.1.3.2.27: Re-key.
        RE_KEY = 0x00000004, "Re-key", V1_0;
        /// §9.1.3.2.27: Derive Key.
        DERIVE_KEY = 0x00000005, "Derive Key", V1_0;
        /// §9.1.3.2.27: Certify.
        CERTIFY = 0x00000006, "Certify", V1_0;
        /// §9.1.3.2.27: Re-certify.
        RE_CERTIFY = 0x00000007, "Re-certify", V1_0;
        /// §9.1.3.2.27: Locate.
        LOCATE = 0x00000008, "Locate", V1_0;
        /// §9.1.3.2.27: Check.
        CHECK = 0x00000009, "Check", V1_0;
        /// §9.1.3.2.27: Get.
        GET = 0x0000000A, "Get", V1_0;
        /// §9.1.3.2.27: Get Attributes.
        GET_ATTRIBUTES = 0x0000000B, "Get Attributes", V1_0;
        /// §9.1.3.2.27: Get Attribute List.
        GET_ATTRIBUTE_LIST = 0x0000000C, "Get Attribute List", V1_0;
        /// §9.1.3.2.27: Add Attribute.
        ADD_ATTRIBUTE = 0x0000000D, "Add Attribute", V1_0;
        /// §9.1.3.2.27: Modify Attribute.
        MODIFY_ATTRIBUTE = 0x0000000E, "Modify Attribute", V1_0;
        /// §9.1.3.2.27: Delete Attribute.
        DELETE_ATTRIBUTE = 0x0000000F, "Delete Attribute", V1_0;
        /// §9.1.3.2.27: Obtain Lease.
        OBTAIN_LEASE = 0x00000010, "Obtain Lease", V1_0;
        /// §9.1.3.2.27: Get Usage Allocation.
        GET_USAGE_ALLOCATION = 0x00000011, "Get Usage Allocation", V1_0;
        /// §9.1.3.2.27: Activate.
        ACTIVATE = 0x00000012, "Activate", V1_0;
        /// §9.1.3.2.27: Revoke.
        REVOKE = 0x00000013, "Revoke", V1_0;
        /// §9.1.3.2.27: Destroy.
        DESTROY = 0x00000014, "Destroy", V1_0;
        /// §9.1.3.2.27: Archive.
        ARCHIVE = 0x00000015, "Archive", V1_0;
        /// §9.1.3.2.27: Recover.
        RECOVER = 0x00000016, "Recover", V1_0;
        /// §9.1.3.2.27: Validate.
        VALIDATE = 0x00000017, "Validate", V1_0;
        /// §9.1.3.2.27: Query.
        QUERY = 0x00000018, "Query", V1_0;
        /// §9.1.3.2.27: Cancel.
        CANCEL = 0x00000019, "Cancel", V1_0;
        /// §9.1.3.2.27: Poll.
        POLL = 0x0000001A, "Poll", V1_0;
        /// §9.1.3.2.27: Notify.
        NOTIFY = 0x0000001B, "Notify", V1_0;
        /// §9.1.3.2.27: Put.
        PUT = 0x0000001C, "Put", V1_0;
        /// §9.1.3.2.27: Re-key Key Pair (KMIP 1.1).
        RE_KEY_KEY_PAIR = 0x0000001D, "Re-key Key Pair", V1_1;
        /// §9.1.3.2.27: Discover Versions (KMIP 1.1).
        DISCOVER_VERSIONS = 0x0000001E, "Discover Versions", V1_1;
        /// §9.1.3.2.27: Encrypt (KMIP 1.2).
        ENCRYPT = 0x0000001F, "Encrypt", V1_2;
        /// §9.1.3.2.27: Decrypt (KMIP 1.2).
        DECRYPT = 0x00000020, "Decrypt", V1_2;
        /// §9.1.3.2.27: Sign (KMIP 1.2).
        SIGN = 0x00000021, "Sign", V1_2;
        /// §9.1.3.2.27: Signature Verify (KMIP 1.2).
        SIGNATURE_VERIFY = 0x00000022, "Signature Verify", V1_2;
        /// §9.1.3.2.27: MAC (KMIP 1.2).
        MAC = 0x00000023, "MAC", V1_2;
        /// §9.1.3.2.27: MAC Verify (KMIP 1.2).
        MAC_VERIFY = 0x00000024, "MAC Verify", V1_2;
        /// §9.1.3.2.27: RNG Retrieve (KMIP 1.2).
        RNG_RETRIEVE = 0x00000025, "RNG Retrieve", V1_2;
        /// §9.1.3.2.27: RNG Seed (KMIP 1.2).
        RNG_SEED = 0x00000026, "RNG Seed", V1_2;
        /// §9.1.3.2.27: Hash (KMIP 1.2).
        HASH = 0x00000027, "Hash", V1_2;
        /// §9.1.3.2.27: Create Split Key (KMIP 1.2).
        CREATE_SPLIT_KEY = 0x00000028, "Create Split Key", V1_2;
        /// §9.1.3.2.27: Join Split Key (KMIP 1.2).
        JOIN_SPLIT_KEY = 0x00000029, "Join Split Key", V1_2;
        /// §9.1.3.2.27: Import (KMIP 1.4).
        IMPORT = 0x0000002A, "Import", V1_4;
        /// §9.1.3.2.27: Export (KMIP 1.4).
        EXPORT = 0x0000002B, "Export", V1_4;
    }
}

enumeration! {
    /// Result Status (§9.1.3.2.28, Table 241).
    pub struct ResultStatus: tag::RESULT_STATUS {
        /// §9.1.3.2.28: Success.
        SUCCESS = 0x00000000, "Success", V1_0;
        /// §9.1.3.2.28: Operation Failed.
        OPERATION_FAILED = 0x00000001, "Operation Failed", V1_0;
        /// §9.1.3.2.28: Operation Pending.
        OPERATION_PENDING = 0x00000002, "Operation Pending", V1_0;
        /// §9.1.3.2.28: Operation Undone.
        OPERATION_UNDONE = 0x00000003, "Operation Undone", V1_0;
    }
}

enumeration! {
    /// Result Reason (§9.1.3.2.29, Table 242).
    pub struct ResultReason: tag::RESULT_REASON {
        /// §9.1.3.2.29: Item Not Found.
        ITEM_NOT_FOUND = 0x00000001, "Item Not Found", V1_0;
        /// §9.1.3.2.29: Response Too Large.
        RESPONSE_TOO_LARGE = 0x00000002, "Response Too Large", V1_0;
        /// §9.1.3.2.29: Authentication Not Successful.
        AUTHENTICATION_NOT_SUCCESSFUL = 0x00000003, "Authentication Not Successful", V1_0;
        /// §9.1.3.2.29: Invalid Message.
        INVALID_MESSAGE = 0x00000004, "Invalid Message", V1_0;
        /// §9.1.3.2.29: Operation Not Supported.
        OPERATION_NOT_SUPPORTED = 0x00000005, "Operation Not Supported", V1_0;
        /// §9.1.3.2.29: Missing Data.
        MISSING_DATA = 0x00000006, "Missing Data", V1_0;
        /// §9.1.3.2.29: Invalid Field.
        INVALID_FIELD = 0x00000007, "Invalid Field", V1_0;
        /// §9.1.3.2.29: Feature Not Supported.
        FEATURE_NOT_SUPPORTED = 0x00000008, "Feature Not Supported", V1_0;
        /// §9.1.3.2.29: Operation Canceled By Requester.
        OPERATION_CANCELED_BY_REQUESTER = 0x00000009, "Operation Canceled By Requester", V1_0;
        /// §9.1.3.2.29: Cryptographic Failure.
        CRYPTOGRAPHIC_FAILURE = 0x0000000A, "Cryptographic Failure", V1_0;
        /// §9.1.3.2.29: Illegal Operation.
        ILLEGAL_OPERATION = 0x0000000B, "Illegal Operation", V1_0;
        /// §9.1.3.2.29: Permission Denied.
        PERMISSION_DENIED = 0x0000000C, "Permission Denied", V1_0;
        /// §9.1.3.2.29: Object archived.
        OBJECT_ARCHIVED = 0x0000000D, "Object archived", V1_0;
        /// §9.1.3.2.29: Index Out of Bounds.
        INDEX_OUT_OF_BOUNDS = 0x0000000E, "Index Out of Bounds", V1_0;
        /// §9.1.3.2.29: Application Namespace Not Supported.
        APPLICATION_NAMESPACE_NOT_SUPPORTED = 0x0000000F, "Application Namespace Not Supported", V1_0;
        /// §9.1.3.2.29: Key Format Type Not Supported.
        KEY_FORMAT_TYPE_NOT_SUPPORTED = 0x00000010, "Key Format Type Not Supported", V1_0;
        /// §9.1.3.2.29: Key Compression Type Not Supported.
        KEY_COMPRESSION_TYPE_NOT_SUPPORTED = 0x00000011, "Key Compression Type Not Supported", V1_0;
        /// §9.1.3.2.29: Encoding Option Error (KMIP 1.1).
        ENCODING_OPTION_ERROR = 0x00000012, "Encoding Option Error", V1_1;
        /// §9.1.3.2.29: Key Value Not Present (KMIP 1.2).
        KEY_VALUE_NOT_PRESENT = 0x00000013, "Key Value Not Present", V1_2;
        /// §9.1.3.2.29: Attestation Required (KMIP 1.2).
        ATTESTATION_REQUIRED = 0x00000014, "Attestation Required", V1_2;
        /// §9.1.3.2.29: Attestation Failed (KMIP 1.2).
        ATTESTATION_FAILED = 0x00000015, "Attestation Failed", V1_2;
        /// §9.1.3.2.29: Sensitive (KMIP 1.4).
        SENSITIVE = 0x00000016, "Sensitive", V1_4;
        /// §9.1.3.2.29: Not Extractable (KMIP 1.4).
        NOT_EXTRACTABLE = 0x00000017, "Not Extractable", V1_4;
        /// §9.1.3.2.29: Object Already Exists (KMIP 1.4).
        OBJECT_ALREADY_EXISTS = 0x00000018, "Object Already Exists", V1_4;
        /// §9.1.3.2.29: General Failure.
        GENERAL_FAILURE = 0x00000100, "General Failure", V1_0;
    }
}

enumeration! {
    /// Batch Error Continuation Option (§9.1.3.2.30, Table 243).
    pub struct BatchErrorContinuationOption: tag::BATCH_ERROR_CONTINUATION_OPTION {
        /// §9.1.3.2.30: Continue.
        CONTINUE = 0x00000001, "Continue", V1_0;
        /// §9.1.3.2.30: Stop.
        STOP = 0x00000002, "Stop", V1_0;
        /// §9.1.3.2.30: Undo.
        UNDO = 0x00000003, "Undo", V1_0;
    }
}

enumeration! {
    /// Usage Limits Unit (§9.1.3.2.31, Table 244).
    pub struct UsageLimitsUnit: tag::USAGE_LIMITS_UNIT {
        /// §9.1.3.2.31: Byte.
        BYTE = 0x00000001, "Byte", V1_0;
        /// §9.1.3.2.31: Object.
        OBJECT = 0x00000002, "Object", V1_0;
    }
}

enumeration! {
    /// Encoding Option (§9.1.3.2.32, Table 245).
    pub struct EncodingOption: tag::ENCODING_OPTION {
        /// §9.1.3.2.32: No Encoding (KMIP 1.1).
        NO_ENCODING = 0x00000001, "No Encoding", V1_1;
        /// §9.1.3.2.32: TTLV Encoding (KMIP 1.1).
        TTLV_ENCODING = 0x00000002, "TTLV Encoding", V1_1;
    }
}

enumeration! {
    /// Object Group Member (§9.1.3.2.33, Table 246).
    pub struct ObjectGroupMember: tag::OBJECT_GROUP_MEMBER {
        /// §9.1.3.2.33: Group Member Fresh (KMIP 1.1).
        GROUP_MEMBER_FRESH = 0x00000001, "Group Member Fresh", V1_1;
        /// §9.1.3.2.33: Group Member Default (KMIP 1.1).
        GROUP_MEMBER_DEFAULT = 0x00000002, "Group Member Default", V1_1;
    }
}

enumeration! {
    /// Alternative Name Type (§9.1.3.2.34, KMIP 1.2).
    pub struct AlternativeNameType: tag::ALTERNATIVE_NAME_TYPE {
        /// §9.1.3.2.34: Uninterpreted Text String (KMIP 1.2).
        UNINTERPRETED_TEXT_STRING = 0x00000001, "Uninterpreted Text String", V1_2;
        /// §9.1.3.2.34: URI (KMIP 1.2).
        URI = 0x00000002, "URI", V1_2;
        /// §9.1.3.2.34: Object Serial Number (KMIP 1.2).
        OBJECT_SERIAL_NUMBER = 0x00000003, "Object Serial Number", V1_2;
        /// §9.1.3.2.34: Email Address (KMIP 1.2).
        EMAIL_ADDRESS = 0x00000004, "Email Address", V1_2;
        /// §9.1.3.2.34: DNS Name (KMIP 1.2).
        DNS_NAME = 0x00000005, "DNS Name", V1_2;
        /// §9.1.3.2.34: X.500 Distinguished Name (KMIP 1.2).
        X_500_DISTINGUISHED_NAME = 0x00000006, "X.500 Distinguished Name", V1_2;
        /// §9.1.3.2.34: IP Address (KMIP 1.2).
        IP_ADDRESS = 0x00000007, "IP Address", V1_2;
    }
}

enumeration! {
    /// Key Value Location Type (§9.1.3.2.35, KMIP 1.2).
    pub struct KeyValueLocationType: tag::KEY_VALUE_LOCATION_TYPE {
        /// §9.1.3.2.35: Uninterpreted Text String (KMIP 1.2).
        UNINTERPRETED_TEXT_STRING = 0x00000001, "Uninterpreted Text String", V1_2;
        /// §9.1.3.2.35: URI (KMIP 1.2).
        URI = 0x00000002, "URI", V1_2;
    }
}

enumeration! {
    /// Attestation Type (§9.1.3.2.36, KMIP 1.2).
    pub struct AttestationType: tag::ATTESTATION_TYPE {
        /// §9.1.3.2.36: TPM Quote (KMIP 1.2).
        TPM_QUOTE = 0x00000001, "TPM Quote", V1_2;
        /// §9.1.3.2.36: TCG Integrity Report (KMIP 1.2).
        TCG_INTEGRITY_REPORT = 0x00000002, "TCG Integrity Report", V1_2;
        /// §9.1.3.2.36: SAML Assertion (KMIP 1.2).
        SAML_ASSERTION = 0x00000003, "SAML Assertion", V1_2;
    }
}

enumeration! {
    /// RNG Algorithm (§9.1.3.2.37, KMIP 1.3).
    pub struct RngAlgorithm: tag::RNG_ALGORITHM {
        /// §9.1.3.2.37: Unspecified (KMIP 1.3).
        UNSPECIFIED = 0x00000001, "Unspecified", V1_3;
        /// §9.1.3.2.37: FIPS 186-2 (KMIP 1.3).
        FIPS_186_2 = 0x00000002, "FIPS 186-2", V1_3;
        /// §9.1.3.2.37: DRBG (KMIP 1.3).
        DRBG = 0x00000003, "DRBG", V1_3;
        /// §9.1.3.2.37: NRBG (KMIP 1.3).
        NRBG = 0x00000004, "NRBG", V1_3;
        /// §9.1.3.2.37: ANSI X9.31 (KMIP 1.3).
        ANSI_X9_31 = 0x00000005, "ANSI X9.31", V1_3;
        /// §9.1.3.2.37: ANSI X9.62 (KMIP 1.3).
        ANSI_X9_62 = 0x00000006, "ANSI X9.62", V1_3;
    }
}

enumeration! {
    /// DRBG Algorithm (§9.1.3.2.38, KMIP 1.3).
    pub struct DrbgAlgorithm: tag::DRBG_ALGORITHM {
        /// §9.1.3.2.38: Unspecified (KMIP 1.3).
        UNSPECIFIED = 0x00000001, "Unspecified", V1_3;
        /// §9.1.3.2.38: Dual-EC (KMIP 1.3).
        DUAL_EC = 0x00000002, "Dual-EC", V1_3;
        /// §9.1.3.2.38: Hash (KMIP 1.3).
        HASH = 0x00000003, "Hash", V1_3;
        /// §9.1.3.2.38: HMAC (KMIP 1.3).
        HMAC = 0x00000004, "HMAC", V1_3;
        /// §9.1.3.2.38: CTR (KMIP 1.3).
        CTR = 0x00000005, "CTR", V1_3;
    }
}

enumeration! {
    /// FIPS186 Variation (§9.1.3.2.39, KMIP 1.3).
    pub struct Fips186Variation: tag::FIPS186_VARIATION {
        /// §9.1.3.2.39: Unspecified (KMIP 1.3).
        UNSPECIFIED = 0x00000001, "Unspecified", V1_3;
        /// §9.1.3.2.39: GP x-Original (KMIP 1.3).
        GP_X_ORIGINAL = 0x00000002, "GP x-Original", V1_3;
        /// §9.1.3.2.39: GP x-Change Notice (KMIP 1.3).
        GP_X_CHANGE_NOTICE = 0x00000003, "GP x-Change Notice", V1_3;
        /// §9.1.3.2.39: x-Original (KMIP 1.3).
        X_ORIGINAL = 0x00000004, "x-Original", V1_3;
        /// §9.1.3.2.39: x-Change Notice (KMIP 1.3).
        X_CHANGE_NOTICE = 0x00000005, "x-Change Notice", V1_3;
        /// §9.1.3.2.39: k-Original (KMIP 1.3).
        K_ORIGINAL = 0x00000006, "k-Original", V1_3;
        /// §9.1.3.2.39: k-Change Notice (KMIP 1.3).
        K_CHANGE_NOTICE = 0x00000007, "k-Change Notice", V1_3;
    }
}

enumeration! {
    /// Validation Authority Type (§9.1.3.2.40, KMIP 1.3).
    pub struct ValidationAuthorityType: tag::VALIDATION_AUTHORITY_TYPE {
        /// §9.1.3.2.40: Unspecified (KMIP 1.3).
        UNSPECIFIED = 0x00000001, "Unspecified", V1_3;
        /// §9.1.3.2.40: NIST CMVP (KMIP 1.3).
        NIST_CMVP = 0x00000002, "NIST CMVP", V1_3;
        /// §9.1.3.2.40: Common Criteria (KMIP 1.3).
        COMMON_CRITERIA = 0x00000003, "Common Criteria", V1_3;
    }
}

enumeration! {
    /// Validation Type (§9.1.3.2.41, KMIP 1.3).
    pub struct ValidationType: tag::VALIDATION_TYPE {
        /// §9.1.3.2.41: Unspecified (KMIP 1.3).
        UNSPECIFIED = 0x00000001, "Unspecified", V1_3;
        /// §9.1.3.2.41: Hardware (KMIP 1.3).
        HARDWARE = 0x00000002, "Hardware", V1_3;
        /// §9.1.3.2.41: Software (KMIP 1.3).
        SOFTWARE = 0x00000003, "Software", V1_3;
        /// §9.1.3.2.41: Firmware (KMIP 1.3).
        FIRMWARE = 0x00000004, "Firmware", V1_3;
        /// §9.1.3.2.41: Hybrid (KMIP 1.3).
        HYBRID = 0x00000005, "Hybrid", V1_3;
    }
}

enumeration! {
    /// Profile Name (§9.1.3.2.42, KMIP 1.3).
    pub struct ProfileName: tag::PROFILE_NAME {
        /// §9.1.3.2.42: Baseline Server Basic KMIP v1.2 (KMIP 1.3).
        BASELINE_SERVER_BASIC_KMIP_V1_2 = 0x00000001, "Baseline Server Basic KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Baseline Server TLS v1.2 KMIP v1.2 (KMIP 1.3).
        BASELINE_SERVER_TLS_V1_2_KMIP_V1_2 = 0x00000002, "Baseline Server TLS v1.2 KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Baseline Client Basic KMIP v1.2 (KMIP 1.3).
        BASELINE_CLIENT_BASIC_KMIP_V1_2 = 0x00000003, "Baseline Client Basic KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Baseline Client TLS v1.2 KMIP v1.2 (KMIP 1.3).
        BASELINE_CLIENT_TLS_V1_2_KMIP_V1_2 = 0x00000004, "Baseline Client TLS v1.2 KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Complete Server Basic KMIP v1.2 (KMIP 1.3).
        COMPLETE_SERVER_BASIC_KMIP_V1_2 = 0x00000005, "Complete Server Basic KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Complete Server TLS v1.2 KMIP v1.2 (KMIP 1.3).
        COMPLETE_SERVER_TLS_V1_2_KMIP_V1_2 = 0x00000006, "Complete Server TLS v1.2 KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Tape Library Client KMIP v1.0 (KMIP 1.3).
        TAPE_LIBRARY_CLIENT_KMIP_V1_0 = 0x00000007, "Tape Library Client KMIP v1.0", V1_3;
        /// §9.1.3.2.42: Tape Library Client KMIP v1.1 (KMIP 1.3).
        TAPE_LIBRARY_CLIENT_KMIP_V1_1 = 0x00000008, "Tape Library Client KMIP v1.1", V1_3;
        /// §9.1.3.2.42: Tape Library Client KMIP v1.2 (KMIP 1.3).
        TAPE_LIBRARY_CLIENT_KMIP_V1_2 = 0x00000009, "Tape Library Client KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Tape Library Server KMIP v1.0 (KMIP 1.3).
        TAPE_LIBRARY_SERVER_KMIP_V1_0 = 0x0000000A, "Tape Library Server KMIP v1.0", V1_3;
        /// §9.1.3.2.42: Tape Library Server KMIP v1.1 (KMIP 1.3).
        TAPE_LIBRARY_SERVER_KMIP_V1_1 = 0x0000000B, "Tape Library Server KMIP v1.1", V1_3;
        /// §9.1.3.2.42: Tape Library Server KMIP v1.2 (KMIP 1.3).
        TAPE_LIBRARY_SERVER_KMIP_V1_2 = 0x0000000C, "Tape Library Server KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Symmetric Key Lifecycle Client KMIP v1.0 (KMIP 1.3).
        SYMMETRIC_KEY_LIFECYCLE_CLIENT_KMIP_V1_0 = 0x0000000D, "Symmetric Key Lifecycle Client KMIP v1.0", V1_3;
        /// §9.1.3.2.42: Symmetric Key Lifecycle Client KMIP v1.1 (KMIP 1.3).
        SYMMETRIC_KEY_LIFECYCLE_CLIENT_KMIP_V1_1 = 0x0000000E, "Symmetric Key Lifecycle Client KMIP v1.1", V1_3;
        /// §9.1.3.2.42: Symmetric Key Lifecycle Client KMIP v1.2 (KMIP 1.3).
        SYMMETRIC_KEY_LIFECYCLE_CLIENT_KMIP_V1_2 = 0x0000000F, "Symmetric Key Lifecycle Client KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Symmetric Key Lifecycle Server KMIP v1.0 (KMIP 1.3).
        SYMMETRIC_KEY_LIFECYCLE_SERVER_KMIP_V1_0 = 0x00000010, "Symmetric Key Lifecycle Server KMIP v1.0", V1_3;
        /// §9.1.3.2.42: Symmetric Key Lifecycle Server KMIP v1.1 (KMIP 1.3).
        SYMMETRIC_KEY_LIFECYCLE_SERVER_KMIP_V1_1 = 0x00000011, "Symmetric Key Lifecycle Server KMIP v1.1", V1_3;
        /// §9.1.3.2.42: Symmetric Key Lifecycle Server KMIP v1.2 (KMIP 1.3).
        SYMMETRIC_KEY_LIFECYCLE_SERVER_KMIP_V1_2 = 0x00000012, "Symmetric Key Lifecycle Server KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Asymmetric Key Lifecycle Client KMIP v1.0 (KMIP 1.3).
        ASYMMETRIC_KEY_LIFECYCLE_CLIENT_KMIP_V1_0 = 0x00000013, "Asymmetric Key Lifecycle Client KMIP v1.0", V1_3;
        /// §9.1.3.2.42: Asymmetric Key Lifecycle Client KMIP v1.1 (KMIP 1.3).
        ASYMMETRIC_KEY_LIFECYCLE_CLIENT_KMIP_V1_1 = 0x00000014, "Asymmetric Key Lifecycle Client KMIP v1.1", V1_3;
        /// §9.1.3.2.42: Asymmetric Key Lifecycle Client KMIP v1.2 (KMIP 1.3).
        ASYMMETRIC_KEY_LIFECYCLE_CLIENT_KMIP_V1_2 = 0x00000015, "Asymmetric Key Lifecycle Client KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Asymmetric Key Lifecycle Server KMIP v1.0 (KMIP 1.3).
        ASYMMETRIC_KEY_LIFECYCLE_SERVER_KMIP_V1_0 = 0x00000016, "Asymmetric Key Lifecycle Server KMIP v1.0", V1_3;
        /// §9.1.3.2.42: Asymmetric Key Lifecycle Server KMIP v1.1 (KMIP 1.3).
        ASYMMETRIC_KEY_LIFECYCLE_SERVER_KMIP_V1_1 = 0x00000017, "Asymmetric Key Lifecycle Server KMIP v1.1", V1_3;
        /// §9.1.3.2.42: Asymmetric Key Lifecycle Server KMIP v1.2 (KMIP 1.3).
        ASYMMETRIC_KEY_LIFECYCLE_SERVER_KMIP_V1_2 = 0x00000018, "Asymmetric Key Lifecycle Server KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Basic Cryptographic Client KMIP v1.2 (KMIP 1.3).
        BASIC_CRYPTOGRAPHIC_CLIENT_KMIP_V1_2 = 0x00000019, "Basic Cryptographic Client KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Basic Cryptographic Server KMIP v1.2 (KMIP 1.3).
        BASIC_CRYPTOGRAPHIC_SERVER_KMIP_V1_2 = 0x0000001A, "Basic Cryptographic Server KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Advanced Cryptographic Client KMIP v1.2 (KMIP 1.3).
        ADVANCED_CRYPTOGRAPHIC_CLIENT_KMIP_V1_2 = 0x0000001B, "Advanced Cryptographic Client KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Advanced Cryptographic Server KMIP v1.2 (KMIP 1.3).
        ADVANCED_CRYPTOGRAPHIC_SERVER_KMIP_V1_2 = 0x0000001C, "Advanced Cryptographic Server KMIP v1.2", V1_3;
        /// §9.1.3.2.42: RNG Cryptographic Client KMIP v1.2 (KMIP 1.3).
        RNG_CRYPTOGRAPHIC_CLIENT_KMIP_V1_2 = 0x0000001D, "RNG Cryptographic Client KMIP v1.2", V1_3;
        /// §9.1.3.2.42: RNG Cryptographic Server KMIP v1.2 (KMIP 1.3).
        RNG_CRYPTOGRAPHIC_SERVER_KMIP_V1_2 = 0x0000001E, "RNG Cryptographic Server KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Basic Symmetric Key Foundry Client KMIP v1.0 (KMIP 1.3).
        BASIC_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_0 = 0x0000001F, "Basic Symmetric Key Foundry Client KMIP v1.0", V1_3;
        /// §9.1.3.2.42: Intermediate Symmetric Key Foundry Client KMIP v1.0 (KMIP 1.3).
        INTERMEDIATE_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_0 = 0x00000020, "Intermediate Symmetric Key Foundry Client KMIP v1.0", V1_3;
        /// §9.1.3.2.42: Advanced Symmetric Key Foundry Client KMIP v1.0 (KMIP 1.3).
        ADVANCED_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_0 = 0x00000021, "Advanced Symmetric Key Foundry Client KMIP v1.0", V1_3;
        /// §9.1.3.2.42: Basic Symmetric Key Foundry Client KMIP v1.1 (KMIP 1.3).
        BASIC_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_1 = 0x00000022, "Basic Symmetric Key Foundry Client KMIP v1.1", V1_3;
        /// §9.1.3.2.42: Intermediate Symmetric Key Foundry Client KMIP v1.1 (KMIP 1.3).
        INTERMEDIATE_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_1 = 0x00000023, "Intermediate Symmetric Key Foundry Client KMIP v1.1", V1_3;
        /// §9.1.3.2.42: Advanced Symmetric Key Foundry Client KMIP v1.1 (KMIP 1.3).
        ADVANCED_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_1 = 0x00000024, "Advanced Symmetric Key Foundry Client KMIP v1.1", V1_3;
        /// §9.1.3.2.42: Basic Symmetric Key Foundry Client KMIP v1.2 (KMIP 1.3).
        BASIC_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_2 = 0x00000025, "Basic Symmetric Key Foundry Client KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Intermediate Symmetric Key Foundry Client KMIP v1.2 (KMIP 1.3).
        INTERMEDIATE_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_2 = 0x00000026, "Intermediate Symmetric Key Foundry Client KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Advanced Symmetric Key Foundry Client KMIP v1.2 (KMIP 1.3).
        ADVANCED_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_2 = 0x00000027, "Advanced Symmetric Key Foundry Client KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Symmetric Key Foundry Server KMIP v1.0 (KMIP 1.3).
        SYMMETRIC_KEY_FOUNDRY_SERVER_KMIP_V1_0 = 0x00000028, "Symmetric Key Foundry Server KMIP v1.0", V1_3;
        /// §9.1.3.2.42: Symmetric Key Foundry Server KMIP v1.1 (KMIP 1.3).
        SYMMETRIC_KEY_FOUNDRY_SERVER_KMIP_V1_1 = 0x00000029, "Symmetric Key Foundry Server KMIP v1.1", V1_3;
        /// §9.1.3.2.42: Symmetric Key Foundry Server KMIP v1.2 (KMIP 1.3).
        SYMMETRIC_KEY_FOUNDRY_SERVER_KMIP_V1_2 = 0x0000002A, "Symmetric Key Foundry Server KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Opaque Managed Object Store Client KMIP v1.0 (KMIP 1.3).
        OPAQUE_MANAGED_OBJECT_STORE_CLIENT_KMIP_V1_0 = 0x0000002B, "Opaque Managed Object Store Client KMIP v1.0", V1_3;
        /// §9.1.3.2.42: Opaque Managed Object Store Client KMIP v1.1 (KMIP 1.3).
        OPAQUE_MANAGED_OBJECT_STORE_CLIENT_KMIP_V1_1 = 0x0000002C, "Opaque Managed Object Store Client KMIP v1.1", V1_3;
        /// §9.1.3.2.42: Opaque Managed Object Store Client KMIP v1.2 (KMIP 1.3).
        OPAQUE_MANAGED_OBJECT_STORE_CLIENT_KMIP_V1_2 = 0x0000002D, "Opaque Managed Object Store Client KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Opaque Managed Object Store Server KMIP v1.0 (KMIP 1.3).
        OPAQUE_MANAGED_OBJECT_STORE_SERVER_KMIP_V1_0 = 0x0000002E, "Opaque Managed Object Store Server KMIP v1.0", V1_3;
        /// §9.1.3.2.42: Opaque Managed Object Store Server KMIP v1.1 (KMIP 1.3).
        OPAQUE_MANAGED_OBJECT_STORE_SERVER_KMIP_V1_1 = 0x0000002F, "Opaque Managed Object Store Server KMIP v1.1", V1_3;
        /// §9.1.3.2.42: Opaque Managed Object Store Server KMIP v1.2 (KMIP 1.3).
        OPAQUE_MANAGED_OBJECT_STORE_SERVER_KMIP_V1_2 = 0x00000030, "Opaque Managed Object Store Server KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Suite B minLOS_128 Client KMIP v1.0 (KMIP 1.3).
        SUITE_B_MINLOS_128_CLIENT_KMIP_V1_0 = 0x00000031, "Suite B minLOS_128 Client KMIP v1.0", V1_3;
        /// §9.1.3.2.42: Suite B minLOS_128 Client KMIP v1.1 (KMIP 1.3).
        SUITE_B_MINLOS_128_CLIENT_KMIP_V1_1 = 0x00000032, "Suite B minLOS_128 Client KMIP v1.1", V1_3;
        /// §9.1.3.2.42: Suite B minLOS_128 Client KMIP v1.2 (KMIP 1.3).
        SUITE_B_MINLOS_128_CLIENT_KMIP_V1_2 = 0x00000033, "Suite B minLOS_128 Client KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Suite B minLOS_128 Server KMIP v1.0 (KMIP 1.3).
        SUITE_B_MINLOS_128_SERVER_KMIP_V1_0 = 0x00000034, "Suite B minLOS_128 Server KMIP v1.0", V1_3;
        /// §9.1.3.2.42: Suite B minLOS_128 Server KMIP v1.1 (KMIP 1.3).
        SUITE_B_MINLOS_128_SERVER_KMIP_V1_1 = 0x00000035, "Suite B minLOS_128 Server KMIP v1.1", V1_3;
        /// §9.1.3.2.42: Suite B minLOS_128 Server KMIP v1.2 (KMIP 1.3).
        SUITE_B_MINLOS_128_SERVER_KMIP_V1_2 = 0x00000036, "Suite B minLOS_128 Server KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Suite B minLOS_192 Client KMIP v1.0 (KMIP 1.3).
        SUITE_B_MINLOS_192_CLIENT_KMIP_V1_0 = 0x00000037, "Suite B minLOS_192 Client KMIP v1.0", V1_3;
        /// §9.1.3.2.42: Suite B minLOS_192 Client KMIP v1.1 (KMIP 1.3).
        SUITE_B_MINLOS_192_CLIENT_KMIP_V1_1 = 0x00000038, "Suite B minLOS_192 Client KMIP v1.1", V1_3;
        /// §9.1.3.2.42: Suite B minLOS_192 Client KMIP v1.2 (KMIP 1.3).
        SUITE_B_MINLOS_192_CLIENT_KMIP_V1_2 = 0x00000039, "Suite B minLOS_192 Client KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Suite B minLOS_192 Server KMIP v1.0 (KMIP 1.3).
        SUITE_B_MINLOS_192_SERVER_KMIP_V1_0 = 0x0000003A, "Suite B minLOS_192 Server KMIP v1.0", V1_3;
        /// §9.1.3.2.42: Suite B minLOS_192 Server KMIP v1.1 (KMIP 1.3).
        SUITE_B_MINLOS_192_SERVER_KMIP_V1_1 = 0x0000003B, "Suite B minLOS_192 Server KMIP v1.1", V1_3;
        /// §9.1.3.2.42: Suite B minLOS_192 Server KMIP v1.2 (KMIP 1.3).
        SUITE_B_MINLOS_192_SERVER_KMIP_V1_2 = 0x0000003C, "Suite B minLOS_192 Server KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Storage Array with Self Encrypting Drive Client KMIP v1.0 (KMIP 1.3).
        STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_CLIENT_KMIP_V1_0 = 0x0000003D, "Storage Array with Self Encrypting Drive Client KMIP v1.0", V1_3;
        /// §9.1.3.2.42: Storage Array with Self Encrypting Drive Client KMIP v1.1 (KMIP 1.3).
        STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_CLIENT_KMIP_V1_1 = 0x0000003E, "Storage Array with Self Encrypting Drive Client KMIP v1.1", V1_3;
        /// §9.1.3.2.42: Storage Array with Self Encrypting Drive Client KMIP v1.2 (KMIP 1.3).
        STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_CLIENT_KMIP_V1_2 = 0x0000003F, "Storage Array with Self Encrypting Drive Client KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Storage Array with Self Encrypting Drive Server KMIP v1.0 (KMIP 1.3).
        STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_SERVER_KMIP_V1_0 = 0x00000040, "Storage Array with Self Encrypting Drive Server KMIP v1.0", V1_3;
        /// §9.1.3.2.42: Storage Array with Self Encrypting Drive Server KMIP v1.1 (KMIP 1.3).
        STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_SERVER_KMIP_V1_1 = 0x00000041, "Storage Array with Self Encrypting Drive Server KMIP v1.1", V1_3;
        /// §9.1.3.2.42: Storage Array with Self Encrypting Drive Server KMIP v1.2 (KMIP 1.3).
        STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_SERVER_KMIP_V1_2 = 0x00000042, "Storage Array with Self Encrypting Drive Server KMIP v1.2", V1_3;
        /// §9.1.3.2.42: HTTPS Client KMIP v1.0 (KMIP 1.3).
        HTTPS_CLIENT_KMIP_V1_0 = 0x00000043, "HTTPS Client KMIP v1.0", V1_3;
        /// §9.1.3.2.42: HTTPS Client KMIP v1.1 (KMIP 1.3).
        HTTPS_CLIENT_KMIP_V1_1 = 0x00000044, "HTTPS Client KMIP v1.1", V1_3;
        /// §9.1.3.2.42: HTTPS Client KMIP v1.2 (KMIP 1.3).
        HTTPS_CLIENT_KMIP_V1_2 = 0x00000045, "HTTPS Client KMIP v1.2", V1_3;
        /// §9.1.3.2.42: HTTPS Server KMIP v1.0 (KMIP 1.3).
        HTTPS_SERVER_KMIP_V1_0 = 0x00000046, "HTTPS Server KMIP v1.0", V1_3;
        /// §9.1.3.2.42: HTTPS Server KMIP v1.1 (KMIP 1.3).
        HTTPS_SERVER_KMIP_V1_1 = 0x00000047, "HTTPS Server KMIP v1.1", V1_3;
        /// §9.1.3.2.42: HTTPS Server KMIP v1.2 (KMIP 1.3).
        HTTPS_SERVER_KMIP_V1_2 = 0x00000048, "HTTPS Server KMIP v1.2", V1_3;
        /// §9.1.3.2.42: JSON Client KMIP v1.0 (KMIP 1.3).
        JSON_CLIENT_KMIP_V1_0 = 0x00000049, "JSON Client KMIP v1.0", V1_3;
        /// §9.1.3.2.42: JSON Client KMIP v1.1 (KMIP 1.3).
        JSON_CLIENT_KMIP_V1_1 = 0x0000004A, "JSON Client KMIP v1.1", V1_3;
        /// §9.1.3.2.42: JSON Client KMIP v1.2 (KMIP 1.3).
        JSON_CLIENT_KMIP_V1_2 = 0x0000004B, "JSON Client KMIP v1.2", V1_3;
        /// §9.1.3.2.42: JSON Server KMIP v1.0 (KMIP 1.3).
        JSON_SERVER_KMIP_V1_0 = 0x0000004C, "JSON Server KMIP v1.0", V1_3;
        /// §9.1.3.2.42: JSON Server KMIP v1.1 (KMIP 1.3).
        JSON_SERVER_KMIP_V1_1 = 0x0000004D, "JSON Server KMIP v1.1", V1_3;
        /// §9.1.3.2.42: JSON Server KMIP v1.2 (KMIP 1.3).
        JSON_SERVER_KMIP_V1_2 = 0x0000004E, "JSON Server KMIP v1.2", V1_3;
        /// §9.1.3.2.42: XML Client KMIP v1.0 (KMIP 1.3).
        XML_CLIENT_KMIP_V1_0 = 0x0000004F, "XML Client KMIP v1.0", V1_3;
        /// §9.1.3.2.42: XML Client KMIP v1.1 (KMIP 1.3).
        XML_CLIENT_KMIP_V1_1 = 0x00000050, "XML Client KMIP v1.1", V1_3;
        /// §9.1.3.2.42: XML Client KMIP v1.2 (KMIP 1.3).
        XML_CLIENT_KMIP_V1_2 = 0x00000051, "XML Client KMIP v1.2", V1_3;
        /// §9.1.3.2.42: XML Server KMIP v1.0 (KMIP 1.3).
        XML_SERVER_KMIP_V1_0 = 0x00000052, "XML Server KMIP v1.0", V1_3;
        /// §9.1.3.2.42: XML Server KMIP v1.1 (KMIP 1.3).
        XML_SERVER_KMIP_V1_1 = 0x00000053, "XML Server KMIP v1.1", V1_3;
        /// §9.1.3.2.42: XML Server KMIP v1.2 (KMIP 1.3).
        XML_SERVER_KMIP_V1_2 = 0x00000054, "XML Server KMIP v1.2", V1_3;
        /// §9.1.3.2.42: Baseline Server Basic KMIP v1.3 (KMIP 1.3).
        BASELINE_SERVER_BASIC_KMIP_V1_3 = 0x00000055, "Baseline Server Basic KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Baseline Server TLS v1.2 KMIP v1.3 (KMIP 1.3).
        BASELINE_SERVER_TLS_V1_2_KMIP_V1_3 = 0x00000056, "Baseline Server TLS v1.2 KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Baseline Client Basic KMIP v1.3 (KMIP 1.3).
        BASELINE_CLIENT_BASIC_KMIP_V1_3 = 0x00000057, "Baseline Client Basic KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Baseline Client TLS v1.2 KMIP v1.3 (KMIP 1.3).
        BASELINE_CLIENT_TLS_V1_2_KMIP_V1_3 = 0x00000058, "Baseline Client TLS v1.2 KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Complete Server Basic KMIP v1.3 (KMIP 1.3).
        COMPLETE_SERVER_BASIC_KMIP_V1_3 = 0x00000059, "Complete Server Basic KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Complete Server TLS v1.2 KMIP v1.3 (KMIP 1.3).
        COMPLETE_SERVER_TLS_V1_2_KMIP_V1_3 = 0x0000005A, "Complete Server TLS v1.2 KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Tape Library Client KMIP v1.3 (KMIP 1.3).
        TAPE_LIBRARY_CLIENT_KMIP_V1_3 = 0x0000005B, "Tape Library Client KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Tape Library Server KMIP v1.3 (KMIP 1.3).
        TAPE_LIBRARY_SERVER_KMIP_V1_3 = 0x0000005C, "Tape Library Server KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Symmetric Key Lifecycle Client KMIP v1.3 (KMIP 1.3).
        SYMMETRIC_KEY_LIFECYCLE_CLIENT_KMIP_V1_3 = 0x0000005D, "Symmetric Key Lifecycle Client KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Symmetric Key Lifecycle Server KMIP v1.3 (KMIP 1.3).
        SYMMETRIC_KEY_LIFECYCLE_SERVER_KMIP_V1_3 = 0x0000005E, "Symmetric Key Lifecycle Server KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Asymmetric Key Lifecycle Client KMIP v1.3 (KMIP 1.3).
        ASYMMETRIC_KEY_LIFECYCLE_CLIENT_KMIP_V1_3 = 0x0000005F, "Asymmetric Key Lifecycle Client KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Asymmetric Key Lifecycle Server KMIP v1.3 (KMIP 1.3).
        ASYMMETRIC_KEY_LIFECYCLE_SERVER_KMIP_V1_3 = 0x00000060, "Asymmetric Key Lifecycle Server KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Basic Cryptographic Client KMIP v1.3 (KMIP 1.3).
        BASIC_CRYPTOGRAPHIC_CLIENT_KMIP_V1_3 = 0x00000061, "Basic Cryptographic Client KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Basic Cryptographic Server KMIP v1.3 (KMIP 1.3).
        BASIC_CRYPTOGRAPHIC_SERVER_KMIP_V1_3 = 0x00000062, "Basic Cryptographic Server KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Advanced Cryptographic Client KMIP v1.3 (KMIP 1.3).
        ADVANCED_CRYPTOGRAPHIC_CLIENT_KMIP_V1_3 = 0x00000063, "Advanced Cryptographic Client KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Advanced Cryptographic Server KMIP v1.3 (KMIP 1.3).
        ADVANCED_CRYPTOGRAPHIC_SERVER_KMIP_V1_3 = 0x00000064, "Advanced Cryptographic Server KMIP v1.3", V1_3;
        /// §9.1.3.2.42: RNG Cryptographic Client KMIP v1.3 (KMIP 1.3).
        RNG_CRYPTOGRAPHIC_CLIENT_KMIP_V1_3 = 0x00000065, "RNG Cryptographic Client KMIP v1.3", V1_3;
        /// §9.1.3.2.42: RNG Cryptographic Server KMIP v1.3 (KMIP 1.3).
        RNG_CRYPTOGRAPHIC_SERVER_KMIP_V1_3 = 0x00000066, "RNG Cryptographic Server KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Basic Symmetric Key Foundry Client KMIP v1.3 (KMIP 1.3).
        BASIC_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_3 = 0x00000067, "Basic Symmetric Key Foundry Client KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Intermediate Symmetric Key Foundry Client KMIP v1.3 (KMIP 1.3).
        INTERMEDIATE_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_3 = 0x00000068, "Intermediate Symmetric Key Foundry Client KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Advanced Symmetric Key Foundry Client KMIP v1.3 (KMIP 1.3).
        ADVANCED_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_3 = 0x00000069, "Advanced Symmetric Key Foundry Client KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Symmetric Key Foundry Server KMIP v1.3 (KMIP 1.3).
        SYMMETRIC_KEY_FOUNDRY_SERVER_KMIP_V1_3 = 0x0000006A, "Symmetric Key Foundry Server KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Opaque Managed Object Store Client KMIP v1.3 (KMIP 1.3).
        OPAQUE_MANAGED_OBJECT_STORE_CLIENT_KMIP_V1_3 = 0x0000006B, "Opaque Managed Object Store Client KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Opaque Managed Object Store Server KMIP v1.3 (KMIP 1.3).
        OPAQUE_MANAGED_OBJECT_STORE_SERVER_KMIP_V1_3 = 0x0000006C, "Opaque Managed Object Store Server KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Suite B minLOS_128 Client KMIP v1.3 (KMIP 1.3).
        SUITE_B_MINLOS_128_CLIENT_KMIP_V1_3 = 0x0000006D, "Suite B minLOS_128 Client KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Suite B minLOS_128 Server KMIP v1.3 (KMIP 1.3).
        SUITE_B_MINLOS_128_SERVER_KMIP_V1_3 = 0x0000006E, "Suite B minLOS_128 Server KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Suite B minLOS_192 Client KMIP v1.3 (KMIP 1.3).
        SUITE_B_MINLOS_192_CLIENT_KMIP_V1_3 = 0x0000006F, "Suite B minLOS_192 Client KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Suite B minLOS_192 Server KMIP v1.3 (KMIP 1.3).
        SUITE_B_MINLOS_192_SERVER_KMIP_V1_3 = 0x00000070, "Suite B minLOS_192 Server KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Storage Array with Self Encrypting Drive Client KMIP v1.3 (KMIP 1.3).
        STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_CLIENT_KMIP_V1_3 = 0x00000071, "Storage Array with Self Encrypting Drive Client KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Storage Array with Self Encrypting Drive Server KMIP v1.3 (KMIP 1.3).
        STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_SERVER_KMIP_V1_3 = 0x00000072, "Storage Array with Self Encrypting Drive Server KMIP v1.3", V1_3;
        /// §9.1.3.2.42: HTTPS Client KMIP v1.3 (KMIP 1.3).
        HTTPS_CLIENT_KMIP_V1_3 = 0x00000073, "HTTPS Client KMIP v1.3", V1_3;
        /// §9.1.3.2.42: HTTPS Server KMIP v1.3 (KMIP 1.3).
        HTTPS_SERVER_KMIP_V1_3 = 0x00000074, "HTTPS Server KMIP v1.3", V1_3;
        /// §9.1.3.2.42: JSON Client KMIP v1.3 (KMIP 1.3).
        JSON_CLIENT_KMIP_V1_3 = 0x00000075, "JSON Client KMIP v1.3", V1_3;
        /// §9.1.3.2.42: JSON Server KMIP v1.3 (KMIP 1.3).
        JSON_SERVER_KMIP_V1_3 = 0x00000076, "JSON Server KMIP v1.3", V1_3;
        /// §9.1.3.2.42: XML Client KMIP v1.3 (KMIP 1.3).
        XML_CLIENT_KMIP_V1_3 = 0x00000077, "XML Client KMIP v1.3", V1_3;
        /// §9.1.3.2.42: XML Server KMIP v1.3 (KMIP 1.3).
        XML_SERVER_KMIP_V1_3 = 0x00000078, "XML Server KMIP v1.3", V1_3;
        /// §9.1.3.2.42: Baseline Server Basic KMIP v1.4 (KMIP 1.4).
        BASELINE_SERVER_BASIC_KMIP_V1_4 = 0x00000079, "Baseline Server Basic KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Baseline Server TLS v1.2 KMIP v1.4 (KMIP 1.4).
        BASELINE_SERVER_TLS_V1_2_KMIP_V1_4 = 0x0000007A, "Baseline Server TLS v1.2 KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Baseline Client Basic KMIP v1.4 (KMIP 1.4).
        BASELINE_CLIENT_BASIC_KMIP_V1_4 = 0x0000007B, "Baseline Client Basic KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Baseline Client TLS v1.2 KMIP v1.4 (KMIP 1.4).
        BASELINE_CLIENT_TLS_V1_2_KMIP_V1_4 = 0x0000007C, "Baseline Client TLS v1.2 KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Complete Server Basic KMIP v1.4 (KMIP 1.4).
        COMPLETE_SERVER_BASIC_KMIP_V1_4 = 0x0000007D, "Complete Server Basic KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Complete Server TLS v1.2 KMIP v1.4 (KMIP 1.4).
        COMPLETE_SERVER_TLS_V1_2_KMIP_V1_4 = 0x0000007E, "Complete Server TLS v1.2 KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Tape Library Client KMIP v1.4 (KMIP 1.4).
        TAPE_LIBRARY_CLIENT_KMIP_V1_4 = 0x0000007F, "Tape Library Client KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Tape Library Server KMIP v1.4 (KMIP 1.4).
        TAPE_LIBRARY_SERVER_KMIP_V1_4 = 0x00000080, "Tape Library Server KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Symmetric Key Lifecycle Client KMIP v1.4 (KMIP 1.4).
        SYMMETRIC_KEY_LIFECYCLE_CLIENT_KMIP_V1_4 = 0x00000081, "Symmetric Key Lifecycle Client KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Symmetric Key Lifecycle Server KMIP v1.4 (KMIP 1.4).
        SYMMETRIC_KEY_LIFECYCLE_SERVER_KMIP_V1_4 = 0x00000082, "Symmetric Key Lifecycle Server KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Asymmetric Key Lifecycle Client KMIP v1.4 (KMIP 1.4).
        ASYMMETRIC_KEY_LIFECYCLE_CLIENT_KMIP_V1_4 = 0x00000083, "Asymmetric Key Lifecycle Client KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Asymmetric Key Lifecycle Server KMIP v1.4 (KMIP 1.4).
        ASYMMETRIC_KEY_LIFECYCLE_SERVER_KMIP_V1_4 = 0x00000084, "Asymmetric Key Lifecycle Server KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Basic Cryptographic Client KMIP v1.4 (KMIP 1.4).
        BASIC_CRYPTOGRAPHIC_CLIENT_KMIP_V1_4 = 0x00000085, "Basic Cryptographic Client KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Basic Cryptographic Server KMIP v1.4 (KMIP 1.4).
        BASIC_CRYPTOGRAPHIC_SERVER_KMIP_V1_4 = 0x00000086, "Basic Cryptographic Server KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Advanced Cryptographic Client KMIP v1.4 (KMIP 1.4).
        ADVANCED_CRYPTOGRAPHIC_CLIENT_KMIP_V1_4 = 0x00000087, "Advanced Cryptographic Client KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Advanced Cryptographic Server KMIP v1.4 (KMIP 1.4).
        ADVANCED_CRYPTOGRAPHIC_SERVER_KMIP_V1_4 = 0x00000088, "Advanced Cryptographic Server KMIP v1.4", V1_4;
        /// §9.1.3.2.42: RNG Cryptographic Client KMIP v1.4 (KMIP 1.4).
        RNG_CRYPTOGRAPHIC_CLIENT_KMIP_V1_4 = 0x00000089, "RNG Cryptographic Client KMIP v1.4", V1_4;
        /// §9.1.3.2.42: RNG Cryptographic Server KMIP v1.4 (KMIP 1.4).
        RNG_CRYPTOGRAPHIC_SERVER_KMIP_V1_4 = 0x0000008A, "RNG Cryptographic Server KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Basic Symmetric Key Foundry Client KMIP v1.4 (KMIP 1.4).
        BASIC_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_4 = 0x0000008B, "Basic Symmetric Key Foundry Client KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Intermediate Symmetric Key Foundry Client KMIP v1.4 (KMIP 1.4).
        INTERMEDIATE_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_4 = 0x0000008C, "Intermediate Symmetric Key Foundry Client KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Advanced Symmetric Key Foundry Client KMIP v1.4 (KMIP 1.4).
        ADVANCED_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_4 = 0x0000008D, "Advanced Symmetric Key Foundry Client KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Symmetric Key Foundry Server KMIP v1.4 (KMIP 1.4).
        SYMMETRIC_KEY_FOUNDRY_SERVER_KMIP_V1_4 = 0x0000008E, "Symmetric Key Foundry Server KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Opaque Managed Object Store Client KMIP v1.4 (KMIP 1.4).
        OPAQUE_MANAGED_OBJECT_STORE_CLIENT_KMIP_V1_4 = 0x0000008F, "Opaque Managed Object Store Client KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Opaque Managed Object Store Server KMIP v1.4 (KMIP 1.4).
        OPAQUE_MANAGED_OBJECT_STORE_SERVER_KMIP_V1_4 = 0x00000090, "Opaque Managed Object Store Server KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Suite B minLOS_128 Client KMIP v1.4 (KMIP 1.4).
        SUITE_B_MINLOS_128_CLIENT_KMIP_V1_4 = 0x00000091, "Suite B minLOS_128 Client KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Suite B minLOS_128 Server KMIP v1.4 (KMIP 1.4).
        SUITE_B_MINLOS_128_SERVER_KMIP_V1_4 = 0x00000092, "Suite B minLOS_128 Server KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Suite B minLOS_192 Client KMIP v1.4 (KMIP 1.4).
        SUITE_B_MINLOS_192_CLIENT_KMIP_V1_4 = 0x00000093, "Suite B minLOS_192 Client KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Suite B minLOS_192 Server KMIP v1.4 (KMIP 1.4).
        SUITE_B_MINLOS_192_SERVER_KMIP_V1_4 = 0x00000094, "Suite B minLOS_192 Server KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Storage Array with Self Encrypting Drive Client KMIP v1.4 (KMIP 1.4).
        STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_CLIENT_KMIP_V1_4 = 0x00000095, "Storage Array with Self Encrypting Drive Client KMIP v1.4", V1_4;
        /// §9.1.3.2.42: Storage Array with Self Encrypting Drive Server KMIP v1.4 (KMIP 1.4).
        STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_SERVER_KMIP_V1_4 = 0x00000096, "Storage Array with Self Encrypting Drive Server KMIP v1.4", V1_4;
        /// §9.1.3.2.42: HTTPS Client KMIP v1.4 (KMIP 1.4).
        HTTPS_CLIENT_KMIP_V1_4 = 0x00000097, "HTTPS Client KMIP v1.4", V1_4;
        /// §9.1.3.2.42: HTTPS Server KMIP v1.4 (KMIP 1.4).
        HTTPS_SERVER_KMIP_V1_4 = 0x00000098, "HTTPS Server KMIP v1.4", V1_4;
        /// §9.1.3.2.42: JSON Client KMIP v1.4 (KMIP 1.4).
        JSON_CLIENT_KMIP_V1_4 = 0x00000099, "JSON Client KMIP v1.4", V1_4;
        /// §9.1.3.2.42: JSON Server KMIP v1.4 (KMIP 1.4).
        JSON_SERVER_KMIP_V1_4 = 0x0000009A, "JSON Server KMIP v1.4", V1_4;
        /// §9.1.3.2.42: XML Client KMIP v1.4 (KMIP 1.4).
        XML_CLIENT_KMIP_V1_4 = 0x0000009B, "XML Client KMIP v1.4", V1_4;
        /// §9.1.3.2.42: XML Server KMIP v1.4 (KMIP 1.4).
        XML_SERVER_KMIP_V1_4 = 0x0000009C, "XML Server KMIP v1.4", V1_4;
    }
}

enumeration! {
    /// Unwrap Mode (§9.1.3.2.43, KMIP 1.3).
    pub struct UnwrapMode: tag::UNWRAP_MODE {
        /// §9.1.3.2.43: Unspecified (KMIP 1.3).
        UNSPECIFIED = 0x00000001, "Unspecified", V1_3;
        /// §9.1.3.2.43: Processed (KMIP 1.3).
        PROCESSED = 0x00000002, "Processed", V1_3;
        /// §9.1.3.2.43: Not Processed (KMIP 1.3).
        NOT_PROCESSED = 0x00000003, "Not Processed", V1_3;
    }
}

enumeration! {
    /// Destroy Action (§9.1.3.2.44, KMIP 1.3).
    pub struct DestroyAction: tag::DESTROY_ACTION {
        /// §9.1.3.2.44: Unspecified (KMIP 1.3).
        UNSPECIFIED = 0x00000001, "Unspecified", V1_3;
        /// §9.1.3.2.44: Key Material Deleted (KMIP 1.3).
        KEY_MATERIAL_DELETED = 0x00000002, "Key Material Deleted", V1_3;
        /// §9.1.3.2.44: Key Material Shredded (KMIP 1.3).
        KEY_MATERIAL_SHREDDED = 0x00000003, "Key Material Shredded", V1_3;
        /// §9.1.3.2.44: Meta Data Deleted (KMIP 1.3).
        META_DATA_DELETED = 0x00000004, "Meta Data Deleted", V1_3;
        /// §9.1.3.2.44: Meta Data Shredded (KMIP 1.3).
        META_DATA_SHREDDED = 0x00000005, "Meta Data Shredded", V1_3;
        /// §9.1.3.2.44: Deleted (KMIP 1.3).
        DELETED = 0x00000006, "Deleted", V1_3;
        /// §9.1.3.2.44: Shredded (KMIP 1.3).
        SHREDDED = 0x00000007, "Shredded", V1_3;
    }
}

enumeration! {
    /// Shredding Algorithm (§9.1.3.2.45, KMIP 1.3).
    pub struct ShreddingAlgorithm: tag::SHREDDING_ALGORITHM {
        /// §9.1.3.2.45: Unspecified (KMIP 1.3).
        UNSPECIFIED = 0x00000001, "Unspecified", V1_3;
        /// §9.1.3.2.45: Cryptographic (KMIP 1.3).
        CRYPTOGRAPHIC = 0x00000002, "Cryptographic", V1_3;
        /// §9.1.3.2.45: Unsupported (KMIP 1.3).
        UNSUPPORTED = 0x00000003, "Unsupported", V1_3;
    }
}

enumeration! {
    /// RNG Mode (§9.1.3.2.46, KMIP 1.3).
    pub struct RngMode: tag::RNG_MODE {
        /// §9.1.3.2.46: Unspecified (KMIP 1.3).
        UNSPECIFIED = 0x00000001, "Unspecified", V1_3;
        /// §9.1.3.2.46: Shared Instantiation (KMIP 1.3).
        SHARED_INSTANTIATION = 0x00000002, "Shared Instantiation", V1_3;
        /// §9.1.3.2.46: Non-Shared Instantiation (KMIP 1.3).
        NON_SHARED_INSTANTIATION = 0x00000003, "Non-Shared Instantiation", V1_3;
    }
}

enumeration! {
    /// Client Registration Method (§9.1.3.2.47, KMIP 1.3).
    pub struct ClientRegistrationMethod: tag::CLIENT_REGISTRATION_METHOD {
        /// §9.1.3.2.47: Unspecified (KMIP 1.3).
        UNSPECIFIED = 0x00000001, "Unspecified", V1_3;
        /// §9.1.3.2.47: Server Pre-Generated (KMIP 1.3).
        SERVER_PRE_GENERATED = 0x00000002, "Server Pre-Generated", V1_3;
        /// §9.1.3.2.47: Server On-Demand (KMIP 1.3).
        SERVER_ON_DEMAND = 0x00000003, "Server On-Demand", V1_3;
        /// §9.1.3.2.47: Client Generated (KMIP 1.3).
        CLIENT_GENERATED = 0x00000004, "Client Generated", V1_3;
        /// §9.1.3.2.47: Client Registered (KMIP 1.3).
        CLIENT_REGISTERED = 0x00000005, "Client Registered", V1_3;
    }
}

enumeration! {
    /// Key Wrap Type (§9.1.3.2.48, KMIP 1.4).
    pub struct KeyWrapType: tag::KEY_WRAP_TYPE {
        /// §9.1.3.2.48: Not Wrapped (KMIP 1.4).
        NOT_WRAPPED = 0x00000001, "Not Wrapped", V1_4;
        /// §9.1.3.2.48: As Registered (KMIP 1.4).
        AS_REGISTERED = 0x00000002, "As Registered", V1_4;
    }
}

enumeration! {
    /// Mask Generator (§9.1.3.2.49, KMIP 1.4).
    pub struct MaskGenerator: tag::MASK_GENERATOR {
        /// §9.1.3.2.49: MGF1 (KMIP 1.4).
        MGF1 = 0x00000001, "MGF1", V1_4;
    }
}

// Bit masks: KMIP 1.1 §9.1.3.3.

bit_mask! {
    /// Cryptographic Usage Mask (§9.1.3.3.1, Table 247).
    pub struct CryptographicUsageMask: tag::CRYPTOGRAPHIC_USAGE_MASK {
        /// §9.1.3.3.1: Sign.
        SIGN = 0x00000001, "Sign", V1_0;
        /// §9.1.3.3.1: Verify.
        VERIFY = 0x00000002, "Verify", V1_0;
        /// §9.1.3.3.1: Encrypt.
        ENCRYPT = 0x00000004, "Encrypt", V1_0;
        /// §9.1.3.3.1: Decrypt.
        DECRYPT = 0x00000008, "Decrypt", V1_0;
        /// §9.1.3.3.1: Wrap Key.
        WRAP_KEY = 0x00000010, "Wrap Key", V1_0;
        /// §9.1.3.3.1: Unwrap Key.
        UNWRAP_KEY = 0x00000020, "Unwrap Key", V1_0;
        /// §9.1.3.3.1: Export.
        EXPORT = 0x00000040, "Export", V1_0;
        /// §9.1.3.3.1: MAC Generate.
        MAC_GENERATE = 0x00000080, "MAC Generate", V1_0;
        /// §9.1.3.3.1: MAC Verify.
        MAC_VERIFY = 0x00000100, "MAC Verify", V1_0;
        /// §9.1.3.3.1: Derive Key.
        DERIVE_KEY = 0x00000200, "Derive Key", V1_0;
        /// §9.1.3.3.1: Content Commitment.
        CONTENT_COMMITMENT = 0x00000400, "Content Commitment", V1_0;
        /// §9.1.3.3.1: Key Agreement.
        KEY_AGREEMENT = 0x00000800, "Key Agreement", V1_0;
        /// §9.1.3.3.1: Certificate Sign.
        CERTIFICATE_SIGN = 0x00001000, "Certificate Sign", V1_0;
        /// §9.1.3.3.1: CRL Sign.
        CRL_SIGN = 0x00002000, "CRL Sign", V1_0;
        /// §9.1.3.3.1: Generate Cryptogram.
        GENERATE_CRYPTOGRAM = 0x00004000, "Generate Cryptogram", V1_0;
        /// §9.1.3.3.1: Validate Cryptogram.
        VALIDATE_CRYPTOGRAM = 0x00008000, "Validate Cryptogram", V1_0;
        /// §9.1.3.3.1: Translate Encrypt.
        TRANSLATE_ENCRYPT = 0x00010000, "Translate Encrypt", V1_0;
        /// §9.1.3.3.1: Translate Decrypt.
        TRANSLATE_DECRYPT = 0x00020000, "Translate Decrypt", V1_0;
        /// §9.1.3.3.1: Translate Wrap.
        TRANSLATE_WRAP = 0x00040000, "Translate Wrap", V1_0;
        /// §9.1.3.3.1: Translate Unwrap.
        TRANSLATE_UNWRAP = 0x00080000, "Translate Unwrap", V1_0;
    }
}

bit_mask! {
    /// Storage Status Mask (§9.1.3.3.2, Table 248).
    pub struct StorageStatusMask: tag::STORAGE_STATUS_MASK {
        /// §9.1.3.3.2: On-line storage.
        ON_LINE_STORAGE = 0x00000001, "On-line storage", V1_0;
        /// §9.1.3.3.2: Archival storage.
        ARCHIVAL_STORAGE = 0x00000002, "Archival storage", V1_0;
    }
}

/// The tag of the table whose values `tag` carries: its own, except for a tag that reuses
/// another's table (Mask Generator Hashing Algorithm, KMIP 1.4, holds Hashing Algorithm
/// values).
const fn table_of(tag: kmip_ttlv::Tag) -> kmip_ttlv::Tag {
    match tag {
        tag::MASK_GENERATOR_HASHING_ALGORITHM => HashingAlgorithm::TAG,
        other => other,
    }
}

/// The lookups by tag over every enumeration table above, generated from one list.
macro_rules! by_tag {
    ($($ty:ident,)*) => {
        /// The name of enumeration value `value` carried under `tag`, for every enumeration
        /// table above.
        pub fn enumeration_name(tag: kmip_ttlv::Tag, value: u32) -> Option<&'static str> {
            match table_of(tag) {
                $( $ty::TAG => $ty(value).name(), )*
                _ => None,
            }
        }

        /// The `(value, specification name)` pairs of the enumeration table carried under
        /// `tag`, or of the bit mask ([`CryptographicUsageMask`], [`StorageStatusMask`]).
        pub fn table_entries(tag: kmip_ttlv::Tag) -> Option<&'static [(u32, &'static str)]> {
            match table_of(tag) {
                $( $ty::TAG => Some($ty::ENTRIES), )*
                CryptographicUsageMask::TAG => Some(CryptographicUsageMask::ENTRIES),
                StorageStatusMask::TAG => Some(StorageStatusMask::ENTRIES),
                _ => None,
            }
        }

        /// The first protocol version that defines enumeration value `value` carried under
        /// `tag`, if a table above defines it.
        pub fn enumeration_since(tag: kmip_ttlv::Tag, value: u32) -> Option<crate::ProtocolVersion> {
            match table_of(tag) {
                $( $ty::TAG => $ty(value).since(), )*
                _ => None,
            }
        }

        /// Whether the typed model writes enumeration value `value` under `tag` for a peer of
        /// `version` (see the tables' `ToTtlv`): not a value of a later version, except in the
        /// Operation table, whose values are written whatever the version.
        pub(crate) fn enumeration_written_in(
            tag: kmip_ttlv::Tag,
            value: u32,
            version: crate::ProtocolVersion,
        ) -> bool {
            match table_of(tag) {
                $( $ty::TAG => !$ty::VERSION_FILTERED || $ty(value).is_defined_in(version), )*
                _ => true,
            }
        }

        /// The tag of every enumeration table above, in section order (§9.1.3.2.1 to
        /// §9.1.3.2.49): the tags [`enumeration_name`] names values of.
        pub const ENUMERATION_TAGS: &[kmip_ttlv::Tag] = &[$($ty::TAG),*];

        /// For every KMIP 1.0 tag `0x420000 + i`, the smallest value that the table whose
        /// values it carries ([`table_of`]) gives a version after KMIP 1.0, or `u32::MAX` if
        /// the tag carries no version-filtered table or the table has no later value. Every
        /// value below it is a KMIP 1.0 value or one no table knows: written in every version
        /// ([`enumeration_written_in`]).
        #[allow(
            clippy::indexing_slicing,
            clippy::arithmetic_side_effects,
            clippy::cast_possible_truncation,
            reason = "compile-time loops over the tables and the KMIP 1.0 tag range"
        )]
        pub(crate) const FIRST_LATER_VALUE: [u32; FIRST_LATER_LEN] = {
            let mut out = [u32::MAX; FIRST_LATER_LEN];
            $(
                if $ty::VERSION_FILTERED {
                    let mut first = u32::MAX;
                    let mut i = 0;
                    while i < $ty::ALL.len() {
                        let value = $ty::ALL[i];
                        if let Some(since) = value.since()
                            && (since.major > 1 || since.minor > 0)
                            && value.0 < first
                        {
                            first = value.0;
                        }
                        i += 1;
                    }
                    let mut offset = 0;
                    while offset < FIRST_LATER_LEN {
                        let tag = kmip_ttlv::Tag::new(0x42_0000 | offset as u32);
                        if table_of(tag).value() == $ty::TAG.value() {
                            out[offset] = first;
                        }
                        offset += 1;
                    }
                }
            )*
            out
        };
    };
}

/// The entries of [`FIRST_LATER_VALUE`]: tags `0x420000` to `0x4200A1`, the last of KMIP 1.0.
pub(crate) const FIRST_LATER_LEN: usize = 0xA2;

by_tag! {
    CredentialType,
    KeyCompressionType,
    KeyFormatType,
    WrappingMethod,
    RecommendedCurve,
    CertificateType,
    DigitalSignatureAlgorithm,
    SplitKeyMethod,
    SecretDataType,
    OpaqueDataType,
    NameType,
    ObjectType,
    CryptographicAlgorithm,
    BlockCipherMode,
    PaddingMethod,
    HashingAlgorithm,
    KeyRoleType,
    State,
    RevocationReasonCode,
    LinkType,
    DerivationMethod,
    CertificateRequestType,
    ValidityIndicator,
    QueryFunction,
    CancellationResult,
    PutFunction,
    Operation,
    ResultStatus,
    ResultReason,
    BatchErrorContinuationOption,
    UsageLimitsUnit,
    EncodingOption,
    ObjectGroupMember,
    AlternativeNameType,
    KeyValueLocationType,
    AttestationType,
    RngAlgorithm,
    DrbgAlgorithm,
    Fips186Variation,
    ValidationAuthorityType,
    ValidationType,
    ProfileName,
    UnwrapMode,
    DestroyAction,
    ShreddingAlgorithm,
    RngMode,
    ClientRegistrationMethod,
    KeyWrapType,
    MaskGenerator,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ProtocolVersion;

    /// A value below [`FIRST_LATER_VALUE`] of its tag is written in every KMIP 1.x version,
    /// for every KMIP 1.0 tag, every value a table defines, small values no table defines and
    /// vendor values; and the bound is tight: the first later value itself is not written in
    /// KMIP 1.0.
    #[test]
    fn values_below_the_first_later_one_are_in_every_version() {
        let mut values: Vec<u32> = (0..300).collect();
        values.extend([0x8000_0000, 0x8000_0001, u32::MAX]);
        for tag in ENUMERATION_TAGS {
            values.extend(table_entries(*tag).unwrap().iter().map(|(v, _)| *v));
        }
        let mut bounded = 0;
        for (offset, &first) in FIRST_LATER_VALUE.iter().enumerate().skip(1) {
            let tag = kmip_ttlv::Tag::new(0x42_0000 | offset as u32);
            if first != u32::MAX {
                bounded += 1;
                assert!(!enumeration_written_in(tag, first, ProtocolVersion::V1_0));
            }
            for &value in values.iter().filter(|&&v| v < first) {
                for minor in 0..=4 {
                    assert!(
                        enumeration_written_in(tag, value, ProtocolVersion::new(1, minor)),
                        "{tag:?} value {value:#x} in 1.{minor}"
                    );
                }
            }
        }
        assert!(bounded >= 10, "only {bounded} tags have later values");
    }
}
