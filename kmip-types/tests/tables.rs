//! Exhaustive table tests (§9.1.3 of KMIP 1.0 to 1.4): every entry of every enumeration and
//! bit-mask table encodes under its tag, decodes back, names itself both ways and prints its
//! name, carries the version that introduced it, and is left out of a typed field for an older
//! version; values the tables lack survive and print as hex. Every tag is named by the hook, and
//! [`ProtocolVersion::defines`] is exact at each version boundary.
//!
//! The per-version counts below were taken from the specifications' tables (KMIP 1.0 to 1.4
//! §9.1.3.1, §9.1.3.2.x, §9.1.3.3.x), independently of the tables in `src/`.

use kmip_ttlv::{ItemType, Tag, Writer};
use kmip_types::codec::{Context, Encoder};
use kmip_types::*;

/// The versions whose tables the crate carries, oldest first.
const VERSIONS: [ProtocolVersion; 5] = [
    ProtocolVersion::V1_0,
    ProtocolVersion::V1_1,
    ProtocolVersion::V1_2,
    ProtocolVersion::V1_3,
    ProtocolVersion::V1_4,
];

fn version_index(v: ProtocolVersion) -> usize {
    VERSIONS.iter().position(|x| *x == v).unwrap()
}

fn encode_enum(tag: Tag, value: u32) -> Vec<u8> {
    let mut buf = Vec::new();
    Writer::new(&mut buf).enumeration(tag, value);
    buf
}

/// What the typed model writes for `value` under `tag` for a peer of `version`.
fn typed_encoding<T: ToTtlv>(value: &T, tag: Tag, version: ProtocolVersion) -> Vec<u8> {
    let mut buf = Vec::new();
    let mut e = Encoder::new(&mut buf, version);
    value.to_ttlv(tag, &mut e);
    e.finish().unwrap();
    buf
}

/// Checks every table listed with its number of values per version (1.0, 1.1, 1.2, 1.3, 1.4);
/// returns the tags in the order given and the totals per version.
macro_rules! check_enumerations {
    ($( ($ty:ident, $counts:expr) ),* $(,)?) => {{
        let mut tags = Vec::new();
        let mut totals = [0usize; 5];
        $(
            let mut counts = [0usize; 5];
            let filtered = $ty::TAG != tag::OPERATION;
            tags.push($ty::TAG);
            for v in $ty::ALL {
                let name = v.name().unwrap();
                assert_eq!($ty::from_name(name), Some(*v), "{name}");
                assert_eq!(format!("{v:?}"), name);
                assert_eq!(v.to_string(), name);
                assert!(!v.is_extension());
                assert_eq!(enumeration_name($ty::TAG, v.0), Some(name));
                let since = v.since().unwrap();
                assert_eq!(enumeration_since($ty::TAG, v.0), Some(since));
                counts[version_index(since)] += 1;
                // Encodes under its tag and decodes back, through the naming hook too.
                let bytes = encode_enum($ty::TAG, v.0);
                let item = kmip_ttlv::decode(&bytes).unwrap();
                assert_eq!(item.item_type(), ItemType::Enumeration);
                assert_eq!(item.as_enumeration(), Some(v.0));
                assert!(item.to_string().contains(name), "{}", item);
                let back = $ty::from_ttlv(&item, &Context::new(ProtocolVersion::V1_0)).unwrap();
                assert_eq!(back, *v);
                // The typed encoder writes it for its version and every later one, and leaves
                // it out for an earlier one (Operation excepted: see its table).
                for version in VERSIONS {
                    let written = typed_encoding(v, $ty::TAG, version);
                    assert_eq!(v.is_defined_in(version), since <= version);
                    // (A table whose tag is of a later version writes nothing at all.)
                    if version.defines($ty::TAG) && (since <= version || !filtered) {
                        assert_eq!(written, bytes, "{name} for {version}");
                    } else {
                        assert!(written.is_empty(), "{name} written for {version}");
                    }
                }
            }
            assert_eq!(counts, $counts, "{} values per version", stringify!($ty));
            // The by-tag lookup the text encodings use lists the same entries.
            let entries: Vec<(u32, &str)> =
                $ty::ALL.iter().map(|v| (v.0, v.name().unwrap())).collect();
            assert_eq!(table_entries($ty::TAG), Some(&entries[..]));
            for (t, c) in totals.iter_mut().zip(counts) {
                *t += c;
            }
            // No two entries share a value or a name; the table is in value order.
            assert!($ty::ALL.windows(2).all(|w| w[0].0 < w[1].0), "{}", stringify!($ty));
            for (i, a) in $ty::ALL.iter().enumerate() {
                for b in &$ty::ALL[i + 1..] {
                    assert_ne!(a.name(), b.name());
                }
            }
            // A value the table lacks (a vendor's, or a later version's) is kept, printed as
            // hex and written whatever the version.
            for raw in [0x8000_0042, $ty::ALL.last().map_or(1, |v| v.0 + 1)] {
                let unknown = $ty(raw);
                assert_eq!(unknown.name(), None);
                assert_eq!(unknown.since(), None);
                assert_eq!(enumeration_name($ty::TAG, raw), None);
                assert_eq!(format!("{unknown:?}"), format!("{}({raw:#010X})", stringify!($ty)));
                assert_eq!(unknown.to_string(), format!("{raw:#010X}"));
                let bytes = encode_enum($ty::TAG, raw);
                let item = kmip_ttlv::decode(&bytes).unwrap();
                let cx = Context::new(ProtocolVersion::V1_0);
                assert_eq!($ty::from_ttlv(&item, &cx).unwrap(), unknown);
                for version in VERSIONS {
                    assert!(unknown.is_defined_in(version));
                    let expected = if version.defines($ty::TAG) { &bytes[..] } else { &[] };
                    assert_eq!(typed_encoding(&unknown, $ty::TAG, version), expected);
                }
            }
            assert!($ty(0x8000_0042).is_extension());
        )*
        (tags, totals)
    }};
}

#[test]
fn every_enumeration_entry_encodes_decodes_names_itself_and_has_its_version() {
    install_names();
    let (tags, totals) = check_enumerations!(
        (CredentialType, [1, 1, 1, 0, 0]),
        (KeyCompressionType, [4, 0, 0, 0, 0]),
        (KeyFormatType, [19, 0, 0, 2, 1]),
        (WrappingMethod, [5, 0, 0, 0, 0]),
        (RecommendedCurve, [15, 0, 53, 0, 0]),
        (CertificateType, [2, 0, 0, 0, 0]),
        (DigitalSignatureAlgorithm, [0, 16, 0, 0, 3]),
        (SplitKeyMethod, [3, 0, 1, 0, 0]),
        (SecretDataType, [2, 0, 0, 0, 0]),
        (OpaqueDataType, [0, 0, 0, 0, 0]),
        (NameType, [2, 0, 0, 0, 0]),
        (ObjectType, [8, 0, 1, 0, 0]),
        (CryptographicAlgorithm, [25, 0, 1, 1, 13]),
        (BlockCipherMode, [17, 0, 0, 0, 1]),
        (PaddingMethod, [10, 0, 0, 0, 0]),
        (HashingAlgorithm, [11, 0, 2, 0, 4]),
        (KeyRoleType, [21, 0, 0, 0, 3]),
        (State, [6, 0, 0, 0, 0]),
        (RevocationReasonCode, [7, 0, 0, 0, 0]),
        (LinkType, [7, 0, 4, 0, 2]),
        (DerivationMethod, [7, 0, 0, 0, 1]),
        (CertificateRequestType, [4, 0, 0, 0, 0]),
        (ValidityIndicator, [3, 0, 0, 0, 0]),
        (QueryFunction, [4, 2, 1, 5, 0]),
        (CancellationResult, [5, 0, 0, 0, 0]),
        (PutFunction, [2, 0, 0, 0, 0]),
        (Operation, [28, 2, 11, 0, 2]),
        (ResultStatus, [4, 0, 0, 0, 0]),
        (ResultReason, [18, 1, 3, 0, 3]),
        (BatchErrorContinuationOption, [3, 0, 0, 0, 0]),
        (UsageLimitsUnit, [2, 0, 0, 0, 0]),
        (EncodingOption, [0, 2, 0, 0, 0]),
        (ObjectGroupMember, [0, 2, 0, 0, 0]),
        (AlternativeNameType, [0, 0, 7, 0, 0]),
        (KeyValueLocationType, [0, 0, 2, 0, 0]),
        (AttestationType, [0, 0, 3, 0, 0]),
        (RngAlgorithm, [0, 0, 0, 6, 0]),
        (DrbgAlgorithm, [0, 0, 0, 5, 0]),
        (Fips186Variation, [0, 0, 0, 7, 0]),
        (ValidationAuthorityType, [0, 0, 0, 3, 0]),
        (ValidationType, [0, 0, 0, 5, 0]),
        (ProfileName, [0, 0, 0, 120, 36]),
        (UnwrapMode, [0, 0, 0, 3, 0]),
        (DestroyAction, [0, 0, 0, 7, 0]),
        (ShreddingAlgorithm, [0, 0, 0, 3, 0]),
        (RngMode, [0, 0, 0, 3, 0]),
        (ClientRegistrationMethod, [0, 0, 0, 5, 0]),
        (KeyWrapType, [0, 0, 0, 0, 2]),
        (MaskGenerator, [0, 0, 0, 0, 1]),
    );
    // Every table of §9.1.3.2 is checked above, and the naming hook knows every one of them:
    // 30 tables in KMIP 1.0, 33 in 1.1, 36 in 1.2, 47 in 1.3, 49 in 1.4.
    assert_eq!(tags, ENUMERATION_TAGS);
    assert_eq!(tags.len(), 49);
    assert_eq!(totals, [245, 26, 90, 175, 72]);
    for t in ENUMERATION_TAGS {
        assert!(tag::name(*t).is_some(), "{t:?}");
    }
    // Not an enumeration tag: no names.
    assert_eq!(enumeration_name(tag::UNIQUE_IDENTIFIER, 1), None);
    assert_eq!(enumeration_since(tag::UNIQUE_IDENTIFIER, 1), None);
}

#[test]
fn spot_values_match_the_specification() {
    assert_eq!(Operation::DISCOVER_VERSIONS.0, 0x1E);
    assert_eq!(
        Operation::RE_KEY_KEY_PAIR.since(),
        Some(ProtocolVersion::V1_1)
    );
    assert_eq!(LinkType::REPLACED_OBJECT_LINK.0, 0x107);
    assert_eq!(ResultReason::GENERAL_FAILURE.0, 0x100);
    assert_eq!(ResultStatus::default(), ResultStatus::SUCCESS);
    assert_eq!(CryptographicAlgorithm::TRIPLE_DES.name(), Some("3DES"));
    assert_eq!(KeyFormatType::TRANSPARENT_ECMQV_PUBLIC_KEY.0, 0x13);
    assert_eq!(RecommendedCurve::B_571.0, 0x0F);
    assert_eq!(
        ResultReason::ENCODING_OPTION_ERROR.since(),
        Some(ProtocolVersion::V1_1)
    );
    assert_eq!(
        Operation::from_name("Re-key Key Pair"),
        Some(Operation::RE_KEY_KEY_PAIR)
    );
    // KMIP 1.2: every operation of the 1.x versions has its name (PyKMIP sends Encrypt in KMIP
    // 1.1 messages).
    assert_eq!(Operation(0x1F), Operation::ENCRYPT);
    assert_eq!(format!("{:?}", Operation(0x1F)), "Encrypt");
    assert_eq!(Operation::ENCRYPT.since(), Some(ProtocolVersion::V1_2));
    assert_eq!(Operation::JOIN_SPLIT_KEY.0, 0x29);
    assert_eq!(Operation::EXPORT.0, 0x2B);
    assert_eq!(Operation::IMPORT.since(), Some(ProtocolVersion::V1_4));
    assert_eq!(Operation(0x2C).name(), None); // KMIP 2.0 Log
    assert_eq!(CryptographicAlgorithm::EC.0, 0x1A);
    assert_eq!(CryptographicAlgorithm::SHAKE_256.0, 0x28);
    assert_eq!(HashingAlgorithm::SHA_512_256.name(), Some("SHA-512/256"));
    assert_eq!(RecommendedCurve::BRAINPOOLP512T1.0, 0x44);
    assert_eq!(
        SplitKeyMethod::POLYNOMIAL_SHARING_GF_2_8.name(),
        Some("Polynomial Sharing GF (2^8)")
    );
    assert_eq!(ResultReason::OBJECT_ALREADY_EXISTS.0, 0x18);
    assert_eq!(LinkType::PKCS_12_PASSWORD_LINK.0, 0x10D);
    assert_eq!(
        ProfileName::XML_SERVER_KMIP_V1_4.name(),
        Some("XML Server KMIP v1.4")
    );
    assert_eq!(ProfileName::XML_SERVER_KMIP_V1_4.0, 0x9C);
    assert_eq!(
        ProfileName::BASELINE_SERVER_BASIC_KMIP_V1_2.since(),
        Some(ProtocolVersion::V1_3)
    );
    assert_eq!(KeyWrapType::AS_REGISTERED.0, 2);
    assert_eq!(MaskGenerator::MGF1.since(), Some(ProtocolVersion::V1_4));
}

#[test]
fn bit_masks_encode_as_integers_and_print_their_bits() {
    install_names();
    // No KMIP 1.x version after 1.0 added a bit to either mask (KMIP 2.0 did).
    for m in CryptographicUsageMask::ALL {
        let name = m.name().unwrap();
        assert_eq!(CryptographicUsageMask::from_name(name), Some(*m));
        assert_eq!(format!("{m:?}"), name);
        assert_eq!(m.0.count_ones(), 1);
        assert_eq!(m.since(), Some(ProtocolVersion::V1_0));
        let bytes = typed_encoding(m, CryptographicUsageMask::TAG, ProtocolVersion::V1_0);
        let item = kmip_ttlv::decode(&bytes).unwrap();
        assert_eq!(item.item_type(), ItemType::Integer);
        let cx = Context::new(ProtocolVersion::V1_0);
        assert_eq!(CryptographicUsageMask::from_ttlv(&item, &cx).unwrap(), *m);
    }
    assert!(
        CryptographicUsageMask::ALL
            .iter()
            .map(|m| m.0)
            .eq((0..20).map(|b| 1 << b))
    );
    for m in StorageStatusMask::ALL {
        assert_eq!(StorageStatusMask::from_name(m.name().unwrap()), Some(*m));
        assert_eq!(m.since(), Some(ProtocolVersion::V1_0));
    }
    assert_eq!(StorageStatusMask::ALL.len(), 2);
    let usage: Vec<(u32, &str)> = (CryptographicUsageMask::ALL.iter())
        .map(|m| (m.0, m.name().unwrap()))
        .collect();
    assert_eq!(table_entries(CryptographicUsageMask::TAG), Some(&usage[..]));
    let storage: Vec<(u32, &str)> = (StorageStatusMask::ALL.iter())
        .map(|m| (m.0, m.name().unwrap()))
        .collect();
    assert_eq!(table_entries(StorageStatusMask::TAG), Some(&storage[..]));
    let mask = CryptographicUsageMask::ENCRYPT | CryptographicUsageMask::DECRYPT;
    assert_eq!(mask.0, 0x0C);
    assert_eq!(format!("{mask:?}"), "Encrypt | Decrypt");
    assert!(mask.contains(CryptographicUsageMask::DECRYPT));
    // Bits of later versions (KMIP 2.0's Authenticate, 0x100000) survive and print as hex.
    let later = mask | CryptographicUsageMask(0x0010_0000);
    assert_eq!(later.unknown_bits(), 0x0010_0000);
    assert_eq!(format!("{later:?}"), "Encrypt | Decrypt | 0x00100000");
    assert_eq!(
        format!("{:?}", CryptographicUsageMask::EMPTY),
        "CryptographicUsageMask(0)"
    );
    // As an attribute value it travels as an Integer and comes back whole.
    let attr = Attribute::cryptographic_usage_mask(later);
    let back: Attribute = from_bytes(&to_bytes(&attr)).unwrap();
    assert_eq!(back, attr);
}

#[test]
fn every_tag_is_named_by_the_installed_hook() {
    install_names();
    // KMIP 1.0 161 tags, 1.1 22 more, 1.2 28, 1.3 36, 1.4 45.
    let mut per_version = [0usize; 5];
    for t in tag::ALL {
        let name = tag::name(*t).unwrap();
        assert_eq!(t.name(), Some(name));
        assert_eq!(t.to_string(), name);
        assert_eq!(tag::from_name(name), Some(*t));
        per_version[version_index(tag::since(*t).unwrap())] += 1;
    }
    assert_eq!(per_version, [161, 22, 28, 36, 45]);
    assert_eq!(tag::ALL.len(), 292);
    assert_eq!(tag::REQUEST_MESSAGE, Tag::new(0x420078));
    assert_eq!(tag::X_509_CERTIFICATE_SUBJECT.value(), 0x4200B7);
    assert_eq!(tag::KEY_VALUE_LOCATION.value(), 0x4200B8);
    assert_eq!(tag::ATTESTATION_CAPABLE_INDICATOR.value(), 0x4200D3);
    assert_eq!(tag::OFFSET_ITEMS.value(), 0x4200D4);
    assert_eq!(tag::CAPABILITY_INFORMATION.value(), 0x4200F7);
    assert_eq!(tag::KEY_WRAP_TYPE.value(), 0x4200F8);
    assert_eq!(tag::REPLACE_EXISTING.value(), 0x420124);
    assert_eq!(
        tag::name(tag::PKCS_12_FRIENDLY_NAME),
        Some("PKCS#12 Friendly Name")
    );
    assert_eq!(Tag::new(0x540001).to_string(), "0x540001");
    assert_eq!(Tag::new(0x420125).to_string(), "0x420125");
    assert!(tag::is_secret(tag::KEY_MATERIAL) && !tag::is_secret(tag::UNIQUE_IDENTIFIER));
    let names = KmipNames;
    assert_eq!(
        kmip_ttlv::Names::enumeration_name(&names, tag::OPERATION, 0x0A),
        Some("Get")
    );
    assert_eq!(
        kmip_ttlv::Names::enumeration_name(&names, tag::PROFILE_NAME, 0x9C),
        Some("XML Server KMIP v1.4")
    );
    assert!(kmip_ttlv::Names::is_secret(&names, tag::PASSWORD));
}

/// `defines` at each version boundary: the first and last tag each version adds, the tag
/// after the newest, a KMIP 2.x tag, an extension tag.
fn check_defines(version: ProtocolVersion) {
    let i = version_index(version);
    // (first, last) tag each version adds.
    let ranges = [
        (0x420001, 0x4200A1),
        (0x4200A2, 0x4200B7),
        (0x4200B8, 0x4200D3),
        (0x4200D4, 0x4200F7),
        (0x4200F8, 0x420124),
    ];
    for (j, (first, last)) in ranges.into_iter().enumerate() {
        for value in [first, last] {
            assert_eq!(
                version.defines(Tag::new(value)),
                j <= i,
                "{version} and {value:#08X}"
            );
        }
        for value in first..=last {
            assert_eq!(version.defines(Tag::new(value)), j <= i);
        }
    }
    // Every tag of the table, by its own version.
    for t in tag::ALL {
        assert_eq!(version.defines(*t), tag::since(*t).unwrap() <= version);
    }
    // Standard tags the tables do not know (KMIP 2.x) only after KMIP 1.4.
    for value in [
        0x420000, 0x420125, 0x42013F, 0x420150, 0x4201FF, 0x420200, 0x42FFFF,
    ] {
        assert!(!version.defines(Tag::new(value)), "{version} {value:#08X}");
        assert!(ProtocolVersion::V2_0.defines(Tag::new(value)));
        assert!(ProtocolVersion::new(1, 5).defines(Tag::new(value)));
    }
    // Extensions and non-standard tags in every version.
    for value in [0x540000, 0x540001, 0x54FFFF, 0x430000, 0x000001] {
        assert!(version.defines(Tag::new(value)));
    }
}

#[test]
fn kmip_1_0_defines_exactly_its_tags() {
    check_defines(ProtocolVersion::V1_0);
    // A version before 1.0 is read as 1.0 by the encoder; `defines` itself is as strict.
    assert!(!ProtocolVersion::new(0, 9).defines(tag::PASSWORD));
}

#[test]
fn kmip_1_1_defines_exactly_its_tags() {
    check_defines(ProtocolVersion::V1_1);
}

#[test]
fn kmip_1_2_defines_exactly_its_tags() {
    check_defines(ProtocolVersion::V1_2);
    assert!(ProtocolVersion::V1_2.defines(tag::NONCE));
    assert!(!ProtocolVersion::V1_2.defines(tag::OFFSET_ITEMS));
}

#[test]
fn kmip_1_3_defines_exactly_its_tags() {
    check_defines(ProtocolVersion::V1_3);
    assert!(ProtocolVersion::V1_3.defines(tag::CAPABILITY_INFORMATION));
    assert!(!ProtocolVersion::V1_3.defines(tag::KEY_WRAP_TYPE));
}

#[test]
fn kmip_1_4_defines_exactly_its_tags() {
    check_defines(ProtocolVersion::V1_4);
    assert!(ProtocolVersion::V1_4.defines(tag::REPLACE_EXISTING));
}

/// A typed field holding an enumeration value of a later version is left out for an older
/// peer, as a typed field of a later tag is; decoding keeps such a value raw, in place, so a
/// message still re-encodes byte for byte.
#[test]
fn enumeration_values_of_later_versions_are_left_out_and_kept_raw() {
    let params = CryptographicParameters {
        block_cipher_mode: Some(BlockCipherMode::AEAD), // KMIP 1.4
        hashing_algorithm: Some(HashingAlgorithm::SHA_256),
        ..CryptographicParameters::default()
    };
    let written = |version| {
        let mut buf = Vec::new();
        let mut e = Encoder::new(&mut buf, version);
        e.field(tag::CRYPTOGRAPHIC_PARAMETERS, &params);
        e.finish().unwrap();
        buf
    };
    for version in VERSIONS {
        let bytes = written(version);
        let item = kmip_ttlv::decode(&bytes).unwrap();
        assert_eq!(
            item.child(tag::BLOCK_CIPHER_MODE).is_some(),
            version >= ProtocolVersion::V1_4,
            "{version}"
        );
        assert!(item.child(tag::HASHING_ALGORITHM).is_some());
    }

    // An attribute whose value is of a later version is left out whole, never written without
    // its value.
    let ec = Attribute::cryptographic_algorithm(CryptographicAlgorithm::EC); // KMIP 1.2
    let mut buf = Vec::new();
    let mut e = Encoder::new(&mut buf, ProtocolVersion::V1_1);
    e.field(tag::ATTRIBUTE, &ec);
    e.finish().unwrap();
    assert!(buf.is_empty());
    assert_eq!(
        kmip_ttlv::decode(&to_bytes(&ec))
            .unwrap()
            .child(tag::ATTRIBUTE_VALUE)
            .and_then(|v| v.as_enumeration()),
        Some(0x1A)
    );

    // A Create in a KMIP 1.1 message: AES goes out, EC (1.2) does not.
    let create = |algorithm| {
        RequestMessage::single(
            ProtocolVersion::V1_1,
            CreateRequest::symmetric_key(algorithm, 256, CryptographicUsageMask::ENCRYPT),
        )
    };
    let aes = create(CryptographicAlgorithm::AES).encode();
    let ec = create(CryptographicAlgorithm::EC).encode();
    let back = RequestMessage::decode(&ec).unwrap();
    assert!(!format!("{back:?}").contains("Cryptographic Algorithm"));
    assert!(format!("{:?}", RequestMessage::decode(&aes).unwrap()).contains("AES"));
    // The same request in KMIP 1.2 carries EC.
    let mut ec12 = create(CryptographicAlgorithm::EC);
    ec12.header.protocol_version = ProtocolVersion::V1_2;
    let back = RequestMessage::decode(&ec12.encode()).unwrap();
    assert!(format!("{back:?}").contains("EC"));

    // What a peer sent is kept: a KMIP 1.1 message whose bytes carry EC (1.2) decodes, keeps
    // the value raw and re-encodes byte for byte. Build it as 1.2 and relabel the header.
    let mut bytes = ec12.encode();
    let at = bytes
        .windows(4)
        .position(|w| w == [0x42, 0x00, 0x6B, 0x02])
        .unwrap();
    // Protocol Version Minor: header (8 bytes), then the Integer's value.
    bytes[at + 11] = 1;
    let m = RequestMessage::decode(&bytes).unwrap();
    assert_eq!(m.header.protocol_version, ProtocolVersion::V1_1);
    assert_eq!(m.encode(), bytes);
    let RequestPayload::Create(create) = &m.batch_items[0].payload else {
        panic!("a Create")
    };
    let algorithm = create
        .template_attribute
        .attributes
        .iter()
        .find(|a| a.name == "Cryptographic Algorithm")
        .unwrap();
    assert!(
        matches!(algorithm.value, Some(AttributeValue::Custom(_))),
        "{algorithm:?}"
    );
    // A Cryptographic Parameters field with a KMIP 1.4 value in a KMIP 1.3 structure: kept
    // raw in place, re-encoded byte for byte.
    let bytes = written(ProtocolVersion::V1_4);
    let cx = Context::new(ProtocolVersion::V1_3);
    let item = kmip_ttlv::decode(&bytes).unwrap();
    let back = CryptographicParameters::from_ttlv(&item, &cx).unwrap();
    assert_eq!(back.block_cipher_mode, None);
    assert_eq!(back.unknown.len(), 1);
    let mut again = Vec::new();
    let mut e = Encoder::new(&mut again, ProtocolVersion::V1_3);
    e.field(tag::CRYPTOGRAPHIC_PARAMETERS, &back);
    e.finish().unwrap();
    assert_eq!(again, bytes);

    // Values no table knows are written whatever the version.
    assert_eq!(
        typed_encoding(
            &CryptographicAlgorithm(0x8000_0001),
            tag::CRYPTOGRAPHIC_ALGORITHM,
            ProtocolVersion::V1_0
        ),
        encode_enum(tag::CRYPTOGRAPHIC_ALGORITHM, 0x8000_0001)
    );
    // Operation values are written whatever the version: a batch item always says what it is.
    assert_eq!(
        typed_encoding(&Operation::ENCRYPT, tag::OPERATION, ProtocolVersion::V1_1),
        encode_enum(tag::OPERATION, 0x1F)
    );
}

/// Every enumerated attribute (§3) goes whole when its value is of a later version than the
/// encoder's, and a decoder of that version keeps such a value raw.
#[test]
fn enumerated_attributes_with_later_values_are_left_out_whole() {
    let mut checked = 0;
    for name in ATTRIBUTE_NAMES {
        let Some(t) = tag::from_name(name) else {
            continue;
        };
        if !ENUMERATION_TAGS.contains(&t) {
            continue;
        }
        // The attribute's own version: the first at which a decoder types it.
        let own = VERSIONS
            .into_iter()
            .find(|v| {
                let item_bytes = encode_enum(tag::ATTRIBUTE_VALUE, 1);
                let item = kmip_ttlv::decode(&item_bytes).unwrap();
                !matches!(
                    AttributeValue::decode(name, &item, &Context::new(*v)),
                    Ok(AttributeValue::Custom(_))
                )
            })
            .unwrap();
        // Every value of the table later than the attribute.
        for value in 0..0x200 {
            let Some(since) = enumeration_since(t, value) else {
                continue;
            };
            if since <= own {
                continue;
            }
            let item_bytes = encode_enum(tag::ATTRIBUTE_VALUE, value);
            let item = kmip_ttlv::decode(&item_bytes).unwrap();
            let typed = AttributeValue::decode(name, &item, &Context::new(since)).unwrap();
            assert!(!matches!(typed, AttributeValue::Custom(_)), "{name}");
            let earlier = VERSIONS[version_index(since) - 1];
            let kept = AttributeValue::decode(name, &item, &Context::new(earlier)).unwrap();
            assert!(
                matches!(kept, AttributeValue::Custom(_)),
                "{name} {value:#X}"
            );
            let attribute = Attribute::new(typed);
            for version in VERSIONS {
                let written = typed_encoding(&attribute, tag::ATTRIBUTE, version);
                assert_eq!(
                    written.is_empty(),
                    version < since,
                    "{name} {value:#X} {version}"
                );
            }
            checked += 1;
        }
    }
    // Object Type PGP Key (1.2), Cryptographic Algorithm 1.2-1.4 (15), Digital Signature
    // Algorithm 1.4 (3).
    assert_eq!(checked, 1 + 15 + 3);
}
