//! Enumerations: KMIP 1.1 §9.1.3.2, Tables 214–246, one open newtype per table, plus the
//! KMIP 1.2 Attestation Type the Attestation credential uses.
//!
//! Each table is one `enumeration!` call with one line per entry (constant, value, the
//! specification's name, the version that introduced it). Values outside a table are kept:
//! `Operation(0x1F)` (Encrypt, KMIP 1.2) decodes, re-encodes and prints as hex.

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
    /// Operation (§9.1.3.2.27, Table 240).
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

/// The name of enumeration value `value` carried under `tag`, for every table above.
pub fn enumeration_name(tag: kmip_ttlv::Tag, value: u32) -> Option<&'static str> {
    match tag {
        tag::CREDENTIAL_TYPE => CredentialType(value).name(),
        tag::KEY_COMPRESSION_TYPE => KeyCompressionType(value).name(),
        tag::KEY_FORMAT_TYPE => KeyFormatType(value).name(),
        tag::WRAPPING_METHOD => WrappingMethod(value).name(),
        tag::RECOMMENDED_CURVE => RecommendedCurve(value).name(),
        tag::CERTIFICATE_TYPE => CertificateType(value).name(),
        tag::DIGITAL_SIGNATURE_ALGORITHM => DigitalSignatureAlgorithm(value).name(),
        tag::SPLIT_KEY_METHOD => SplitKeyMethod(value).name(),
        tag::SECRET_DATA_TYPE => SecretDataType(value).name(),
        tag::OPAQUE_DATA_TYPE => OpaqueDataType(value).name(),
        tag::NAME_TYPE => NameType(value).name(),
        tag::OBJECT_TYPE => ObjectType(value).name(),
        tag::CRYPTOGRAPHIC_ALGORITHM => CryptographicAlgorithm(value).name(),
        tag::BLOCK_CIPHER_MODE => BlockCipherMode(value).name(),
        tag::PADDING_METHOD => PaddingMethod(value).name(),
        tag::HASHING_ALGORITHM => HashingAlgorithm(value).name(),
        tag::KEY_ROLE_TYPE => KeyRoleType(value).name(),
        tag::STATE => State(value).name(),
        tag::REVOCATION_REASON_CODE => RevocationReasonCode(value).name(),
        tag::LINK_TYPE => LinkType(value).name(),
        tag::DERIVATION_METHOD => DerivationMethod(value).name(),
        tag::CERTIFICATE_REQUEST_TYPE => CertificateRequestType(value).name(),
        tag::VALIDITY_INDICATOR => ValidityIndicator(value).name(),
        tag::QUERY_FUNCTION => QueryFunction(value).name(),
        tag::CANCELLATION_RESULT => CancellationResult(value).name(),
        tag::PUT_FUNCTION => PutFunction(value).name(),
        tag::OPERATION => Operation(value).name(),
        tag::RESULT_STATUS => ResultStatus(value).name(),
        tag::RESULT_REASON => ResultReason(value).name(),
        tag::BATCH_ERROR_CONTINUATION_OPTION => BatchErrorContinuationOption(value).name(),
        tag::USAGE_LIMITS_UNIT => UsageLimitsUnit(value).name(),
        tag::ENCODING_OPTION => EncodingOption(value).name(),
        tag::OBJECT_GROUP_MEMBER => ObjectGroupMember(value).name(),
        tag::ATTESTATION_TYPE => AttestationType(value).name(),
        _ => None,
    }
}
