//! Items the model does not know stay verbatim and in place; later versions decode; encoding
//! for a KMIP 1.0 or 1.1 peer leaves out what that version lacks.

use kmip_ttlv::{Tag, Writer};
use kmip_types::*;

const VENDOR_A: Tag = Tag::new(0x540001);
const VENDOR_B: Tag = Tag::new(0x540002);

fn header(w: &mut Writer<'_, Vec<u8>>, minor: i32, extra: impl FnOnce(&mut Writer<'_, Vec<u8>>)) {
    w.structure(tag::REQUEST_HEADER, |w| {
        w.structure(tag::PROTOCOL_VERSION, |w| {
            w.integer(tag::PROTOCOL_VERSION_MAJOR, 1)
                .integer(tag::PROTOCOL_VERSION_MINOR, minor);
        });
        extra(w);
        w.integer(tag::BATCH_COUNT, 1);
    });
}

#[test]
fn vendor_items_keep_their_place_everywhere() {
    let mut bytes = Vec::new();
    Writer::new(&mut bytes).structure(tag::REQUEST_MESSAGE, |w| {
        header(w, 1, |w| {
            w.text_string(VENDOR_A, "in the header");
        });
        w.structure(tag::BATCH_ITEM, |w| {
            w.enumeration(tag::OPERATION, Operation::CREATE.0);
            w.structure(tag::REQUEST_PAYLOAD, |w| {
                w.integer(VENDOR_A, 1); // before every known field
                w.enumeration(tag::OBJECT_TYPE, ObjectType::SYMMETRIC_KEY.0);
                w.structure(VENDOR_B, |w| {
                    w.byte_string(VENDOR_A, &[1, 2, 3]);
                }); // between known fields
                w.structure(tag::TEMPLATE_ATTRIBUTE, |w| {
                    w.structure(tag::ATTRIBUTE, |w| {
                        w.text_string(tag::ATTRIBUTE_NAME, "x-Struct");
                        w.structure(tag::ATTRIBUTE_VALUE, |w| {
                            w.integer(VENDOR_B, 7).text_string(VENDOR_A, "any type");
                        });
                    });
                });
                w.boolean(VENDOR_B, true); // after the last
            });
        });
        w.long_integer(VENDOR_A, -1); // after the batch items
    });
    let m = RequestMessage::decode(&bytes).unwrap();
    assert_eq!(m.encode(), bytes);
    assert_eq!(m.header.unknown.len(), 1);
    assert_eq!(m.header.unknown[0].position, 1);
    assert_eq!(m.unknown.len(), 1);
    assert_eq!(m.unknown[0].position, 2);
    let RequestPayload::Create(c) = &m.batch_items[0].payload else {
        panic!("not Create")
    };
    let positions: Vec<_> = c.unknown.iter().map(|u| u.position).collect();
    assert_eq!(positions, [0, 1, 2]);
    let Some(AttributeValue::Custom(raw)) = &c.template_attribute.attributes[0].value else {
        panic!("custom structure value not raw")
    };
    assert_eq!(raw.tag(), tag::ATTRIBUTE_VALUE);
    assert_eq!(raw.item().unwrap().children().count(), 2);
    let debug = format!("{m:?}");
    assert!(
        debug.contains("0x540001") && debug.contains("\"any type\""),
        "{debug}"
    );

    // Editing a known field keeps the unknown items next to the same neighbours.
    let mut edited = m.clone();
    if let RequestPayload::Create(c) = &mut edited.batch_items[0].payload {
        c.object_type = ObjectType::SECRET_DATA;
    }
    let again = RequestMessage::decode(&edited.encode()).unwrap();
    let RequestPayload::Create(c2) = &again.batch_items[0].payload else {
        panic!("not Create")
    };
    assert_eq!(c2.object_type, ObjectType::SECRET_DATA);
    assert_eq!(c2.unknown, c.unknown);
}

#[test]
fn kmip_1_2_header_fields_and_1_4_payload_fields_are_kept_raw() {
    // KMIP 1.2: Attestation Capable Indicator (0x4200D3) in the header; KMIP 1.3: Offset
    // Items (0x4200D4) in Locate.
    let mut bytes = Vec::new();
    Writer::new(&mut bytes).structure(tag::REQUEST_MESSAGE, |w| {
        header(w, 4, |w| {
            w.boolean(Tag::new(0x4200D3), true);
        });
        w.structure(tag::BATCH_ITEM, |w| {
            w.enumeration(tag::OPERATION, Operation::LOCATE.0);
            w.structure(tag::REQUEST_PAYLOAD, |w| {
                w.integer(tag::MAXIMUM_ITEMS, 5)
                    .integer(Tag::new(0x4200D4), 10);
            });
        });
    });
    let m = RequestMessage::decode(&bytes).unwrap();
    assert_eq!(m.header.protocol_version, ProtocolVersion::V1_4);
    let RequestPayload::Locate(l) = &m.batch_items[0].payload else {
        panic!("not Locate")
    };
    assert_eq!(l.maximum_items, Some(5));
    assert_eq!(l.unknown[0].item.tag(), Tag::new(0x4200D4));
    assert_eq!(m.encode(), bytes);
}

#[test]
fn kmip_2_payloads_and_unknown_credentials_stay_raw() {
    let mut bytes = Vec::new();
    Writer::new(&mut bytes).structure(tag::REQUEST_MESSAGE, |w| {
        w.structure(tag::REQUEST_HEADER, |w| {
            w.structure(tag::PROTOCOL_VERSION, |w| {
                w.integer(tag::PROTOCOL_VERSION_MAJOR, 2)
                    .integer(tag::PROTOCOL_VERSION_MINOR, 0);
            });
            w.structure(tag::AUTHENTICATION, |w| {
                w.structure(tag::CREDENTIAL, |w| {
                    w.enumeration(tag::CREDENTIAL_TYPE, 5); // Hashed Password, KMIP 2.0
                    w.structure(tag::CREDENTIAL_VALUE, |w| {
                        w.text_string(tag::USERNAME, "u");
                    });
                });
            });
            w.integer(tag::BATCH_COUNT, 1);
        });
        w.structure(tag::BATCH_ITEM, |w| {
            w.enumeration(tag::OPERATION, Operation::CREATE.0);
            w.structure(tag::REQUEST_PAYLOAD, |w| {
                w.enumeration(tag::OBJECT_TYPE, 2);
                w.structure(Tag::new(0x420125), |_| {}); // KMIP 2.0 Attributes
            });
        });
    });
    let m = RequestMessage::decode(&bytes).unwrap();
    assert!(matches!(m.batch_items[0].payload, RequestPayload::Other(_)));
    let cred = &m.header.authentication.as_ref().unwrap().credentials[0];
    assert!(matches!(cred.credential_value, CredentialValue::Other(_)));
    assert_eq!(m.encode(), bytes);
}

#[test]
fn encoding_for_kmip_1_0_leaves_out_kmip_1_1_items() {
    let mut locate = LocateRequest::by_name("k");
    locate.object_group_member = Some(ObjectGroupMember::GROUP_MEMBER_FRESH);
    locate
        .attributes
        .push(Attribute::new(AttributeValue::Fresh(true)));
    locate
        .attributes
        .push(Attribute::new(AttributeValue::X509CertificateIdentifier(
            X509CertificateIdentifier {
                issuer_distinguished_name: ByteString(vec![0x30]),
                certificate_serial_number: ByteString(vec![1]),
                unknown: Vec::new(),
            },
        )));
    let v11 = RequestMessage::single(ProtocolVersion::V1_1, locate.clone()).encode();
    let v10 = RequestMessage::single(ProtocolVersion::V1_0, locate).encode();
    let decoded_11 = RequestMessage::decode(&v11).unwrap();
    let decoded_10 = RequestMessage::decode(&v10).unwrap();
    let (RequestPayload::Locate(l11), RequestPayload::Locate(l10)) = (
        &decoded_11.batch_items[0].payload,
        &decoded_10.batch_items[0].payload,
    ) else {
        panic!("not Locate")
    };
    assert_eq!(
        l11.object_group_member,
        Some(ObjectGroupMember::GROUP_MEMBER_FRESH)
    );
    assert_eq!(l11.attributes.len(), 3);
    assert_eq!(l10.object_group_member, None);
    assert_eq!(l10.attributes.len(), 1, "{l10:?}");
    // No KMIP 1.1 tag anywhere in the 1.0 encoding.
    fn tags(item: &kmip_ttlv::Item<'_>, out: &mut Vec<Tag>) {
        out.push(item.tag());
        for c in item.children() {
            tags(&c, out);
        }
    }
    let mut all = Vec::new();
    tags(&kmip_ttlv::decode(&v10).unwrap(), &mut all);
    assert!(all.iter().all(|t| ProtocolVersion::V1_0.defines(*t)));
}

#[test]
fn a_version_before_1_0_is_written_as_1_0() {
    // No KMIP 0.x exists, but a peer can send one: the answer must still be a message (the
    // version numbers as given, the content as for KMIP 1.0), not empty bytes.
    let mut locate = LocateRequest::by_name("k");
    locate
        .attributes
        .push(Attribute::new(AttributeValue::Fresh(true)));
    for version in [ProtocolVersion::new(0, 9), ProtocolVersion::new(-1, 1)] {
        let bytes = RequestMessage::single(version, locate.clone()).encode();
        let decoded = RequestMessage::decode(&bytes).unwrap();
        assert_eq!(decoded.header.protocol_version, version);
        let RequestPayload::Locate(l) = &decoded.batch_items[0].payload else {
            panic!("not Locate")
        };
        // The Name attribute (KMIP 1.0) is kept, Fresh (KMIP 1.1) left out.
        assert_eq!(l.attributes.len(), 1, "{l:?}");
        assert_eq!(l.attributes[0].name, "Name");
        let answer = decoded.respond_at(DateTime(1), |_| {
            Ok(ResponsePayload::Locate(LocateResponse::default()))
        });
        let answer = ResponseMessage::decode(&answer.encode()).unwrap();
        assert_eq!(answer.header.protocol_version, version);
        assert_eq!(answer.batch_items.len(), 1);
    }
}

#[test]
fn raw_items_are_written_verbatim_whatever_the_version() {
    // A server keeps a KMIP 1.2 item (Key Value Location, 0x4200B8) raw. A raw item is bytes
    // the model did not type: encoding never alters or drops it, for any version (version
    // filtering applies to typed fields only). An application that wants a 1.1 peer not to
    // see it filters it deliberately (`RawItem::filtered`).
    let location = RawItem::text_string(Tag::new(0x4200B8), "hsm://1");
    let vendor = RawItem::text_string(VENDOR_A, "vendor");
    let get_with = |unknown: Vec<UnknownItem>| {
        let mut block = KeyBlock::raw_symmetric(CryptographicAlgorithm::AES, vec![7; 32]);
        block.unknown = unknown;
        GetResponse::new("k", ManagedObject::symmetric_key(block))
    };
    let encode = |v, get: &GetResponse| {
        ResponseMessage::new(
            v,
            DateTime(1),
            vec![ResponseBatchItem::success(get.clone())],
        )
        .encode()
    };
    let get = get_with(vec![
        UnknownItem::new(1, location.clone()),
        UnknownItem::new(1, vendor.clone()),
    ]);
    let v11 = encode(ProtocolVersion::V1_1, &get);
    let v12 = encode(ProtocolVersion::V1_2, &get);
    let has = |bytes: &[u8], needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(has(&v11, b"hsm://1") && has(&v12, b"hsm://1"));
    assert!(has(&v11, b"vendor"), "extension tags are for every version");
    for bytes in [&v11, &v12] {
        assert_eq!(&ResponseMessage::decode(bytes).unwrap().encode(), bytes);
    }

    // Deliberate filtering for a 1.1 peer: the 1.2 item goes, the vendor item stays.
    let filtered = get_with(
        [location, vendor]
            .iter()
            .filter_map(|raw| raw.filtered(ProtocolVersion::V1_1))
            .map(|raw| UnknownItem::new(1, raw))
            .collect(),
    );
    let v11_filtered = encode(ProtocolVersion::V1_1, &filtered);
    assert_eq!(v11_filtered.len() + 16, v11.len());
    assert!(!has(&v11_filtered, b"hsm://1") && has(&v11_filtered, b"vendor"));
}

#[test]
fn standalone_structures_round_trip() {
    let wrapped = KeyBlock::wrapped(
        KeyFormatType::RAW,
        CryptographicAlgorithm::AES,
        512,
        vec![0xEE; 72],
        KeyWrappingData::encrypted("kek-1", BlockCipherMode::NIST_KEY_WRAP),
    );
    let bytes = to_bytes(&wrapped);
    let back: KeyBlock = from_bytes(&bytes).unwrap();
    assert!(back.is_wrapped());
    assert!(back.key_bytes().is_none());
    assert!(matches!(back.key_value, KeyValue::Wrapped(ref w) if w.len() == 72));
    assert_eq!(to_bytes(&back), bytes);
    let kwd = back.key_wrapping_data.unwrap();
    assert_eq!(kwd.wrapping_method, WrappingMethod::ENCRYPT);
    assert_eq!(
        kwd.encryption_key_information.unwrap().unique_identifier,
        "kek-1"
    );
    let e = from_bytes::<KeyBlock>(&to_bytes(&Name::text("x"))).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::UnexpectedTag { .. }));

    // Transparent keys, private parts redacted.
    let rsa = KeyBlock {
        key_format_type: KeyFormatType::TRANSPARENT_RSA_PRIVATE_KEY,
        key_compression_type: None,
        key_value: KeyValue::Structure(KeyValueStructure {
            key_material: KeyMaterial::TransparentRsaPrivateKey(Box::new(
                TransparentRsaPrivateKey {
                    modulus: BigInteger(vec![0x00, 0xC3, 1, 2, 3, 4, 5, 6]),
                    private_exponent: Some(SecretBigInteger::new(vec![0x11; 8])),
                    public_exponent: Some(BigInteger(vec![0, 0, 0, 0, 0, 1, 0, 1])),
                    ..Default::default()
                },
            )),
            attributes: vec![Attribute::name("rsa")],
            unknown: Vec::new(),
        }),
        cryptographic_algorithm: Some(CryptographicAlgorithm::RSA),
        cryptographic_length: Some(64),
        key_wrapping_data: None,
        unknown: Vec::new(),
    };
    let bytes = to_bytes(&rsa);
    let back: KeyBlock = from_bytes(&bytes).unwrap();
    assert_eq!(to_bytes(&back), bytes);
    let debug = format!("{back:?}");
    assert!(
        debug.contains("BigInteger(00c3010203040506)") && !debug.contains("1111"),
        "{debug}"
    );
    let dump = kmip_ttlv::decode(&bytes).unwrap().to_string();
    assert!(dump.contains("Private Exponent (0x420063) Big Integer: <redacted, 8 bytes>"));
}

/// A KMIP 1.1 Create whose Object Type is `object_type` and whose template names Cryptographic
/// Algorithm `algorithm`.
fn create_1_x(minor: i32, object_type: ObjectType, algorithm: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    Writer::new(&mut bytes).structure(tag::REQUEST_MESSAGE, |w| {
        header(w, minor, |_| {});
        w.structure(tag::BATCH_ITEM, |w| {
            w.enumeration(tag::OPERATION, Operation::CREATE.0);
            w.structure(tag::REQUEST_PAYLOAD, |w| {
                w.enumeration(tag::OBJECT_TYPE, object_type.0);
                w.structure(tag::TEMPLATE_ATTRIBUTE, |w| {
                    w.structure(tag::ATTRIBUTE, |w| {
                        w.text_string(tag::ATTRIBUTE_NAME, "Cryptographic Algorithm");
                        w.enumeration(tag::ATTRIBUTE_VALUE, algorithm);
                    });
                });
            });
        });
    });
    bytes
}

#[test]
fn a_required_field_with_a_later_versions_value_is_an_invalid_field_not_a_silent_change() {
    // PGP Key is a KMIP 1.2 Object Type: a 1.1 Create carrying it names the version, not a
    // missing field, and maps to Invalid Field.
    let bytes = create_1_x(1, ObjectType::PGP_KEY, CryptographicAlgorithm::AES.0);
    let err = RequestMessage::decode(&bytes).unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::LaterVersion {
            tag: tag::OBJECT_TYPE,
            version: ProtocolVersion::V1_1
        }
    );
    assert_eq!(err.result_reason(), ResultReason::INVALID_FIELD);
    assert!(
        err.to_string().contains("KMIP 1.1 does not define"),
        "{err}"
    );
    // The same message in KMIP 1.2 is typed and round-trips.
    let bytes = create_1_x(2, ObjectType::PGP_KEY, CryptographicAlgorithm::AES.0);
    let m = RequestMessage::decode(&bytes).unwrap();
    assert_eq!(m.encode(), bytes);
    // A value no table knows is typed in any version (it may be a vendor's).
    let bytes = create_1_x(1, ObjectType(0x8000_0077), 0x8000_0077);
    let m = RequestMessage::decode(&bytes).unwrap();
    assert!(format!("{m:?}").contains("ObjectType(0x80000077)"), "{m:?}");
    assert_eq!(m.encode(), bytes);
    // An optional attribute's later value (EC, KMIP 1.2) in 1.1 is kept raw and comes back out.
    let bytes = create_1_x(1, ObjectType::SYMMETRIC_KEY, CryptographicAlgorithm::EC.0);
    let m = RequestMessage::decode(&bytes).unwrap();
    assert_eq!(m.encode(), bytes);
}
