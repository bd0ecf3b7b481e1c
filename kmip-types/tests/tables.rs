//! Exhaustive table tests (KMIP 1.1 §9.1.3): every entry of every enumeration and bit-mask
//! table encodes under its tag, decodes back, names itself both ways and prints its name;
//! values the table lacks survive and print as hex. Every tag is named by the hook.

use kmip_ttlv::{ItemType, Tag, Writer};
use kmip_types::*;

fn encode_enum(tag: Tag, value: u32) -> Vec<u8> {
    let mut buf = Vec::new();
    Writer::new(&mut buf).enumeration(tag, value);
    buf
}

macro_rules! check_enumerations {
    ($($ty:ident),* $(,)?) => {{
        let mut total = 0;
        $(
            assert!(!$ty::TAG.value().to_string().is_empty());
            for v in $ty::ALL {
                let name = v.name().unwrap();
                assert_eq!($ty::from_name(name), Some(*v), "{name}");
                assert_eq!(format!("{v:?}"), name);
                assert_eq!(v.to_string(), name);
                assert!(v.since().is_some());
                // Encodes under its tag and decodes back, through the naming hook too.
                let bytes = encode_enum($ty::TAG, v.0);
                let item = kmip_ttlv::decode(&bytes).unwrap();
                assert_eq!(item.item_type(), ItemType::Enumeration);
                assert_eq!(item.as_enumeration(), Some(v.0));
                assert!(item.to_string().contains(name), "{}", item);
                let back: $ty = $ty(item.as_enumeration().unwrap());
                assert_eq!(back, *v);
                total += 1;
            }
            // No two entries share a value or a name.
            for (i, a) in $ty::ALL.iter().enumerate() {
                for b in &$ty::ALL[i + 1..] {
                    assert_ne!(a.0, b.0);
                    assert_ne!(a.name(), b.name());
                }
            }
            // A value the table lacks (a later version's or a vendor's) is kept and hex.
            let unknown = $ty(0x8000_0042);
            assert_eq!(unknown.name(), None);
            assert!(unknown.is_extension());
            assert_eq!(format!("{unknown:?}"), concat!(stringify!($ty), "(0x80000042)"));
            assert_eq!(unknown.to_string(), "0x80000042");
            let item_bytes = encode_enum($ty::TAG, unknown.0);
            assert_eq!(kmip_ttlv::decode(&item_bytes).unwrap().as_enumeration(), Some(0x8000_0042));
        )*
        total
    }};
}

#[test]
fn every_enumeration_entry_encodes_decodes_and_names_itself() {
    install_names();
    let total = check_enumerations!(
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
        AttestationType,
    );
    // Tables 214-246 of KMIP 1.1 plus Attestation Type (KMIP 1.2).
    assert_eq!(
        total,
        3 + 4
            + 19
            + 5
            + 15
            + 2
            + 16
            + 3
            + 2
            + 2
            + 8
            + 25
            + 17
            + 10
            + 11
            + 21
            + 6
            + 7
            + 7
            + 7
            + 4
            + 3
            + 6
            + 5
            + 2
            + 30
            + 4
            + 19
            + 3
            + 2
            + 2
            + 2
            + 3
    );
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
    assert_eq!(Operation(0x1F).name(), None);
}

#[test]
fn bit_masks_encode_as_integers_and_print_their_bits() {
    install_names();
    for m in CryptographicUsageMask::ALL {
        let name = m.name().unwrap();
        assert_eq!(CryptographicUsageMask::from_name(name), Some(*m));
        assert_eq!(format!("{m:?}"), name);
        assert_eq!(m.0.count_ones(), 1);
        assert!(m.since().is_some());
    }
    assert_eq!(CryptographicUsageMask::ALL.len(), 20);
    for m in StorageStatusMask::ALL {
        assert_eq!(StorageStatusMask::from_name(m.name().unwrap()), Some(*m));
    }
    assert_eq!(StorageStatusMask::ALL.len(), 2);
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
    assert_eq!(tag::ALL.len(), 183 + 6);
    for t in tag::ALL {
        let name = tag::name(*t).unwrap();
        assert_eq!(t.name(), Some(name));
        assert_eq!(t.to_string(), name);
        assert_eq!(tag::from_name(name), Some(*t));
    }
    assert_eq!(tag::REQUEST_MESSAGE, Tag::new(0x420078));
    assert_eq!(tag::X_509_CERTIFICATE_SUBJECT.value(), 0x4200B7);
    assert_eq!(Tag::new(0x540001).to_string(), "0x540001");
    assert!(tag::is_secret(tag::KEY_MATERIAL) && !tag::is_secret(tag::UNIQUE_IDENTIFIER));
    let names = KmipNames;
    assert_eq!(
        kmip_ttlv::Names::enumeration_name(&names, tag::OPERATION, 0x0A),
        Some("Get")
    );
    assert!(kmip_ttlv::Names::is_secret(&names, tag::PASSWORD));
}
