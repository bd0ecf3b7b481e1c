//! Every operation of kms-server, in-process over mutual TLS on a loopback port.

mod common;

use key_hierarchy::wrap::{kw_unwrap, kwp_unwrap};
use kmip_examples::client::{ClientError, object_bytes};
use kmip_examples::local::LocalKms;
use kmip_types::{
    AddAttributeRequest, Attribute, AttributeValue, BatchErrorContinuationOption, BlockCipherMode,
    CreateRequest, CryptographicAlgorithm, CryptographicUsageMask, EncodingOption,
    GetAttributesRequest, GetRequest, KeyFormatType, KeyValue, LinkType, LocateRequest,
    ManagedObject, ObjectType, OpaqueDataType, ProtocolVersion, QueryFunction, RawItem,
    RequestBatchItem, RequestMessage, ResponsePayload, ResultReason, ResultStatus,
    RevocationReasonCode, SecretDataType, State, tag,
};

fn state_of(attrs: &[Attribute]) -> Option<State> {
    attrs.iter().find_map(|a| match &a.value {
        Some(AttributeValue::State(s)) => Some(*s),
        _ => None,
    })
}

#[test]
fn discover_query_create_get() {
    let kms = LocalKms::start().unwrap();
    let mut c = kms.client().unwrap();
    assert_eq!(
        c.discover_versions(&[
            ProtocolVersion::V1_2,
            ProtocolVersion::V1_1,
            ProtocolVersion::V1_0
        ])
        .unwrap(),
        vec![
            ProtocolVersion::V1_2,
            ProtocolVersion::V1_1,
            ProtocolVersion::V1_0
        ]
    );
    // No version listed: every version the server speaks, newest first (KMIP 1.1 §4.26).
    assert_eq!(
        c.discover_versions(&[]).unwrap(),
        vec![
            ProtocolVersion::V1_4,
            ProtocolVersion::V1_3,
            ProtocolVersion::V1_2,
            ProtocolVersion::V1_1,
            ProtocolVersion::V1_0
        ]
    );
    assert_eq!(
        c.discover_versions(&[ProtocolVersion::new(2, 0), ProtocolVersion::new(1, 5)])
            .unwrap(),
        vec![]
    );
    let q = c
        .query(&[
            QueryFunction::QUERY_OPERATIONS,
            QueryFunction::QUERY_OBJECTS,
            QueryFunction::QUERY_SERVER_INFORMATION,
        ])
        .unwrap();
    assert!(
        q.vendor_identification
            .unwrap()
            .starts_with("kmip-examples")
    );
    assert!(q.operations.contains(&kmip_types::Operation::RE_KEY));
    assert!(q.object_types.contains(&ObjectType::SECRET_DATA));
    for bits in [128, 192, 256] {
        let id = c.create_aes(bits, None).unwrap();
        let key = c.get_key_bytes(&id).unwrap();
        assert_eq!(key.len() * 8, bits as usize);
        let attrs = c.get_attributes(&id, &[]).unwrap();
        assert_eq!(state_of(&attrs), Some(State::PRE_ACTIVE));
    }
    let err = c.create_aes(100, None).unwrap_err();
    assert_eq!(err.reason(), Some(ResultReason::INVALID_FIELD), "{err}");
    let err = c
        .create(CreateRequest::symmetric_key(
            CryptographicAlgorithm::TRIPLE_DES,
            128,
            CryptographicUsageMask::ENCRYPT,
        ))
        .unwrap_err();
    assert_eq!(err.reason(), Some(ResultReason::INVALID_FIELD), "{err}");
    let err = c
        .create(CreateRequest::symmetric_key(
            CryptographicAlgorithm::SKIPJACK,
            80,
            CryptographicUsageMask::ENCRYPT,
        ))
        .unwrap_err();
    assert_eq!(err.reason(), Some(ResultReason::INVALID_FIELD), "{err}");
    let err = c.get_key_bytes("no-such-id").unwrap_err();
    assert_eq!(err.reason(), Some(ResultReason::ITEM_NOT_FOUND), "{err}");
}

#[test]
fn vcenter_sequence_and_custom_attributes() {
    let kms = LocalKms::start().unwrap();
    let mut c = kms.client().unwrap();
    let id = c
        .create(CreateRequest::symmetric_key(
            CryptographicAlgorithm::AES,
            256,
            CryptographicUsageMask::ENCRYPT | CryptographicUsageMask::DECRYPT,
        ))
        .unwrap();
    // One batch of three Add Attributes, as vCenter sends it.
    let items: Vec<RequestBatchItem> = [
        ("x-Product_Version", "8.0.3"),
        ("x-Vendor", "VMware, Inc."),
        ("x-Product", "VMware vSphere"),
    ]
    .iter()
    .enumerate()
    .map(|(i, (n, v))| {
        RequestBatchItem::new(AddAttributeRequest {
            unique_identifier: Some(id.clone()),
            attribute: Attribute::custom_text(*n, v),
            unknown: Vec::new(),
        })
        .with_id(vec![0xA0, i as u8])
    })
    .collect();
    let responses = c.batch(items).unwrap();
    assert_eq!(responses.len(), 3);
    for (i, r) in responses.iter().enumerate() {
        assert!(r.is_success(), "{r:?}");
        assert_eq!(
            r.unique_batch_item_id.as_ref().unwrap().0,
            vec![0xA0, i as u8]
        );
    }
    // A custom attribute of another type, kept verbatim.
    let raw = RawItem::build(|w| {
        w.date_time(tag::ATTRIBUTE_VALUE, 1_700_000_000);
    })
    .unwrap();
    c.add_attribute(&id, Attribute::custom("x-When", raw.clone()))
        .unwrap();
    let got = c
        .get_attributes(&id, &["x-When", "x-Absent", "x-Vendor"])
        .unwrap();
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].value, Some(AttributeValue::Custom(raw)));
    assert_eq!(
        got[1].value,
        Some(AttributeValue::Custom(RawItem::text_string(
            tag::ATTRIBUTE_VALUE,
            "VMware, Inc."
        )))
    );
    // Probing one absent name is a success with no attribute.
    assert!(c.get_attributes(&id, &["x-Nothing"]).unwrap().is_empty());
    let state = c.get_attributes(&id, &["State"]).unwrap();
    assert_eq!(state_of(&state), Some(State::PRE_ACTIVE));
    c.activate(&id).unwrap();
    assert_eq!(
        state_of(&c.get_attributes(&id, &["State"]).unwrap()),
        Some(State::ACTIVE)
    );
    assert_eq!(c.get_key_bytes(&id).unwrap().len(), 32);

    // Modify, delete, list.
    c.modify_attribute(&id, Attribute::custom_text("x-Vendor", "Broadcom"))
        .unwrap();
    let list = c.get_attribute_list(&id).unwrap();
    for n in [
        "Unique Identifier",
        "State",
        "x-Product",
        "x-Vendor",
        "Digest",
    ] {
        assert!(list.iter().any(|l| l == n), "{n} missing from {list:?}");
    }
    let deleted = c.delete_attribute(&id, "x-Vendor", None).unwrap();
    assert_eq!(
        deleted.value,
        Some(AttributeValue::Custom(RawItem::text_string(
            tag::ATTRIBUTE_VALUE,
            "Broadcom"
        )))
    );
    let err = c.delete_attribute(&id, "x-Vendor", None).unwrap_err();
    assert_eq!(err.reason(), Some(ResultReason::ITEM_NOT_FOUND));
    let err = c
        .add_attribute(&id, Attribute::state(State::ACTIVE))
        .unwrap_err();
    assert_eq!(err.reason(), Some(ResultReason::PERMISSION_DENIED));
    let err = c
        .add_attribute(&id, Attribute::custom_text("y-Server", "no"))
        .unwrap_err();
    assert_eq!(err.reason(), Some(ResultReason::PERMISSION_DENIED));
    // Multi-instance attributes get indexes.
    c.add_attribute(&id, Attribute::name("disk-1")).unwrap();
    let second = c
        .add_attribute(&id, Attribute::name("disk-1-alias"))
        .unwrap();
    assert_eq!(second.index, Some(1));

    // The audit log has one line per operation and no key material.
    let key = c.get_key_bytes(&id).unwrap();
    let hex = kmip_examples::util::hex(&key);
    let lines = kms.audit_lines();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("op=Activate") && l.contains(&id) && l.ends_with("result=Success")),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .all(|l| l.contains("client=\"CN=kmip-client, O=kmip-examples\""))
    );
    assert!(lines.iter().all(|l| !l.to_lowercase().contains(&hex)));
}

#[test]
fn lifecycle_register_locate_rekey() {
    let kms = LocalKms::start().unwrap();
    let mut c = kms.client().unwrap();
    let kek = c.create_wrapping_key(256, Some("kek-a")).unwrap();
    c.activate(&kek).unwrap();
    let err = c.activate(&kek).unwrap_err();
    assert_eq!(err.reason(), Some(ResultReason::PERMISSION_DENIED));
    let err = c.destroy(&kek).unwrap_err();
    assert_eq!(err.reason(), Some(ResultReason::PERMISSION_DENIED), "{err}");

    // Register the three kinds and read them back.
    let sym = c
        .register_symmetric_key(
            CryptographicAlgorithm::AES,
            &[0x42; 16],
            vec![Attribute::name("imported")],
        )
        .unwrap();
    let secret = c
        .register_secret_data(SecretDataType::PASSWORD, b"correct horse", vec![])
        .unwrap();
    let opaque = c
        .register_opaque(OpaqueDataType(0x8000_0001), b"\x00\x01opaque", vec![])
        .unwrap();
    assert_eq!(c.get_key_bytes(&sym).unwrap().as_slice(), &[0x42; 16]);
    assert_eq!(
        c.get_key_bytes(&secret).unwrap().as_slice(),
        b"correct horse"
    );
    assert_eq!(
        c.get_key_bytes(&opaque).unwrap().as_slice(),
        b"\x00\x01opaque"
    );
    let r = c
        .get(GetRequest {
            unique_identifier: Some(sym.clone()),
            key_format_type: Some(KeyFormatType::TRANSPARENT_SYMMETRIC_KEY),
            ..GetRequest::default()
        })
        .unwrap();
    assert_eq!(
        r.object.key_block().unwrap().key_format_type,
        KeyFormatType::TRANSPARENT_SYMMETRIC_KEY
    );

    // Wrapped Get: NIST Key Wrap of the raw key, and of its TTLV Key Value.
    let target = c.create_aes(256, None).unwrap();
    let plain = c.get_key_bytes(&target).unwrap();
    let kek_bytes = c.get_key_bytes(&kek).unwrap();
    let block = c
        .get_wrapped(
            &target,
            &kek,
            BlockCipherMode::NIST_KEY_WRAP,
            Some(EncodingOption::NO_ENCODING),
        )
        .unwrap();
    assert!(block.is_wrapped());
    let KeyValue::Structure(s) = &block.key_value else {
        panic!("{block:?}")
    };
    let kmip_types::KeyMaterial::Bytes(wrapped) = &s.key_material else {
        panic!()
    };
    assert_eq!(
        kw_unwrap(&kek_bytes, wrapped.expose()).unwrap().as_slice(),
        plain.as_slice()
    );
    let block = c
        .get_wrapped(&target, &kek, BlockCipherMode::AES_KEY_WRAP_PADDING, None)
        .unwrap();
    let KeyValue::Wrapped(wrapped) = &block.key_value else {
        panic!("{block:?}")
    };
    let ttlv = kwp_unwrap(&kek_bytes, wrapped.as_bytes()).unwrap();
    let item = kmip_ttlv::decode(&ttlv).unwrap();
    assert_eq!(item.tag(), tag::KEY_VALUE);
    assert_eq!(
        item.child(tag::KEY_MATERIAL)
            .unwrap()
            .as_byte_string()
            .unwrap(),
        plain.as_slice()
    );
    // Only an Active KEK wraps.
    let inactive = c.create_wrapping_key(256, None).unwrap();
    let err = c
        .get_wrapped(&target, &inactive, BlockCipherMode::NIST_KEY_WRAP, None)
        .unwrap_err();
    assert_eq!(err.reason(), Some(ResultReason::PERMISSION_DENIED), "{err}");
    assert!(err.to_string().contains("not Active"), "{err}");
    // Only a key with Wrap Key in its usage mask wraps (an Active one made for
    // Encrypt/Decrypt does not).
    let data_key = c.create_aes(256, None).unwrap();
    c.activate(&data_key).unwrap();
    let err = c
        .get_wrapped(&target, &data_key, BlockCipherMode::NIST_KEY_WRAP, None)
        .unwrap_err();
    assert_eq!(err.reason(), Some(ResultReason::PERMISSION_DENIED), "{err}");
    assert!(err.to_string().contains("Wrap Key"), "{err}");
    c.revoke(
        &data_key,
        RevocationReasonCode::CESSATION_OF_OPERATION,
        None,
        None,
    )
    .unwrap();

    // Locate.
    assert_eq!(
        c.locate(LocateRequest::by_name("kek-a")).unwrap(),
        vec![kek.clone()]
    );
    let actives = c
        .locate(LocateRequest::matching(vec![Attribute::state(
            State::ACTIVE,
        )]))
        .unwrap();
    assert_eq!(actives, vec![kek.clone()]);
    let secrets = c
        .locate(LocateRequest::matching(vec![Attribute::object_type(
            ObjectType::SECRET_DATA,
        )]))
        .unwrap();
    assert_eq!(secrets, vec![secret.clone()]);
    c.add_attribute(&target, Attribute::custom_text("x-VM", "vm-42"))
        .unwrap();
    let found = c
        .locate(LocateRequest::matching(vec![Attribute::custom_text(
            "x-VM", "vm-42",
        )]))
        .unwrap();
    assert_eq!(found, vec![target.clone()]);
    let mut two = LocateRequest::matching(vec![Attribute::object_type(ObjectType::SYMMETRIC_KEY)]);
    two.maximum_items = Some(2);
    assert_eq!(c.locate(two).unwrap().len(), 2);

    // Re-key: names move, links both ways.
    let new = c.rekey(&kek, None).unwrap();
    let new_attrs = c.get_attributes(&new, &["Name", "Link", "State"]).unwrap();
    assert!(
        new_attrs
            .iter()
            .any(|a| matches!(&a.value, Some(AttributeValue::Name(n)) if n.name_value == "kek-a"))
    );
    assert!(new_attrs.iter().any(|a| matches!(&a.value, Some(AttributeValue::Link(l)) if l.link_type == LinkType::REPLACED_OBJECT_LINK && l.linked_object_identifier == kek)));
    assert_eq!(state_of(&new_attrs), Some(State::ACTIVE));
    let old_attrs = c.get_attributes(&kek, &["Name", "Link"]).unwrap();
    assert!(old_attrs.iter().all(|a| a.name != "Name"));
    assert!(old_attrs.iter().any(|a| matches!(&a.value, Some(AttributeValue::Link(l)) if l.link_type == LinkType::REPLACEMENT_OBJECT_LINK && l.linked_object_identifier == new)));

    // Revoke (compromise, with a date) then destroy; material is gone.
    c.revoke(
        &kek,
        RevocationReasonCode::KEY_COMPROMISE,
        Some("lost laptop"),
        Some(kmip_types::DateTime(1_600_000_000)),
    )
    .unwrap();
    let attrs = c
        .get_attributes(
            &kek,
            &["State", "Compromise Occurrence Date", "Revocation Reason"],
        )
        .unwrap();
    assert_eq!(state_of(&attrs), Some(State::COMPROMISED));
    assert!(attrs.iter().any(|a| a.value
        == Some(AttributeValue::CompromiseOccurrenceDate(
            kmip_types::DateTime(1_600_000_000)
        ))));
    c.destroy(&kek).unwrap();
    assert_eq!(
        state_of(&c.get_attributes(&kek, &["State"]).unwrap()),
        Some(State::DESTROYED_COMPROMISED)
    );
    let err = c.get_key_bytes(&kek).unwrap_err();
    assert_eq!(err.reason(), Some(ResultReason::ITEM_NOT_FOUND));
    assert!(err.to_string().contains("destroyed"), "{err}");
    // Deactivation by revocation.
    c.revoke(
        &new,
        RevocationReasonCode::CESSATION_OF_OPERATION,
        None,
        None,
    )
    .unwrap();
    assert_eq!(
        state_of(&c.get_attributes(&new, &["State"]).unwrap()),
        Some(State::DEACTIVATED)
    );
    c.destroy(&new).unwrap();
    assert_eq!(
        state_of(&c.get_attributes(&new, &["State"]).unwrap()),
        Some(State::DESTROYED)
    );
}

fn create_item() -> RequestBatchItem {
    RequestBatchItem::new(CreateRequest::symmetric_key(
        CryptographicAlgorithm::AES,
        256,
        CryptographicUsageMask::ENCRYPT,
    ))
}

fn bad_item() -> RequestBatchItem {
    RequestBatchItem::new(GetRequest::new("missing"))
}

#[test]
fn batches_placeholders_and_continuation_options() {
    let kms = LocalKms::start().unwrap();
    let mut c = kms.client().unwrap();
    // ID placeholder: Create then Activate and Get without identifiers.
    let responses = c
        .batch(vec![
            create_item(),
            RequestBatchItem::new(kmip_types::ActivateRequest::default()),
            RequestBatchItem::new(GetAttributesRequest {
                unique_identifier: None,
                attribute_names: vec!["State".into()],
                unknown: Vec::new(),
            }),
        ])
        .unwrap();
    assert!(responses.iter().all(|r| r.is_success()), "{responses:?}");
    let Some(ResponsePayload::GetAttributes(g)) = &responses[2].payload else {
        panic!()
    };
    assert_eq!(state_of(&g.attributes), Some(State::ACTIVE));

    let count = |c: &mut kmip_examples::client::KmipClient| {
        c.locate(LocateRequest::default()).unwrap().len()
    };
    let before = count(&mut c);
    for (option, expect_items, expect_created) in [
        (BatchErrorContinuationOption::STOP, 2, 1),
        (BatchErrorContinuationOption::CONTINUE, 3, 2),
        (BatchErrorContinuationOption::UNDO, 2, 0),
    ] {
        let start = count(&mut c);
        let mut m = RequestMessage::new(
            ProtocolVersion::V1_1,
            vec![create_item(), bad_item(), create_item()],
        );
        m.header.batch_error_continuation_option = Some(option);
        let r = c.send(&m).unwrap();
        assert_eq!(r.batch_items.len(), expect_items, "{option:?}: {r:?}");
        assert_eq!(
            r.batch_items[1].result_reason,
            Some(ResultReason::ITEM_NOT_FOUND)
        );
        if option == BatchErrorContinuationOption::UNDO {
            assert_eq!(
                r.batch_items[0].result_status,
                ResultStatus::OPERATION_UNDONE
            );
        }
        assert_eq!(count(&mut c) - start, expect_created, "{option:?}");
    }
    assert!(count(&mut c) > before);

    // The response speaks the request's version.
    c.set_version(ProtocolVersion::V1_0);
    let r = c
        .send(&RequestMessage::single(
            ProtocolVersion::V1_0,
            kmip_types::QueryRequest::new(&[QueryFunction::QUERY_SERVER_INFORMATION]),
        ))
        .unwrap();
    assert_eq!(r.header.protocol_version, ProtocolVersion::V1_0);
}

#[test]
fn restart_keeps_everything() {
    let mut kms = LocalKms::start().unwrap();
    let (id, key) = {
        let mut c = kms.client().unwrap();
        let id = c.create_aes(256, Some("persistent")).unwrap();
        c.activate(&id).unwrap();
        c.add_attribute(&id, Attribute::custom_text("x-Vendor", "v"))
            .unwrap();
        let key = c.get_key_bytes(&id).unwrap();
        (id, key)
    };
    kms.restart().unwrap();
    let rot = kms.server().unwrap().rotate_root().unwrap();
    assert_eq!(rot.rewrapped, 1);
    kms.restart().unwrap();
    let mut c = kms.client().unwrap();
    assert_eq!(c.get_key_bytes(&id).unwrap().as_slice(), key.as_slice());
    let attrs = c
        .get_attributes(&id, &["State", "x-Vendor", "Name"])
        .unwrap();
    assert_eq!(state_of(&attrs), Some(State::ACTIVE));
    assert_eq!(attrs.len(), 3);
    assert_eq!(
        c.locate(LocateRequest::by_name("persistent")).unwrap(),
        vec![id]
    );
}

#[test]
fn the_object_kinds_print() {
    let kms = LocalKms::start().unwrap();
    let mut c = kms.client().unwrap();
    let id = c
        .register_opaque(OpaqueDataType(0x8000_0000), b"x", vec![])
        .unwrap();
    let r = c.get(GetRequest::new(&id)).unwrap();
    assert!(matches!(r.object, ManagedObject::OpaqueObject(_)));
    assert_eq!(object_bytes(&r.object), Some(&b"x"[..]));
    let e: ClientError = c.get(GetRequest::new("nope")).unwrap_err();
    assert!(
        e.to_string().starts_with("Get failed: Item Not Found"),
        "{e}"
    );
}

/// Create makes Triple DES keys (two-key 112 bits in 16 bytes, three-key 168 bits in 24),
/// their bytes with odd parity; Re-key keeps the same kind.
#[test]
fn triple_des_keys() {
    let kms = LocalKms::start().unwrap();
    let mut c = kms.client().unwrap();
    for (bits, bytes) in [(112, 16), (168, 24), (192, 24)] {
        let id = c
            .create(CreateRequest::symmetric_key(
                CryptographicAlgorithm::TRIPLE_DES,
                bits,
                CryptographicUsageMask::ENCRYPT | CryptographicUsageMask::DECRYPT,
            ))
            .unwrap();
        for id in [id.clone(), c.rekey(&id, None).unwrap()] {
            let key = c.get_key_bytes(&id).unwrap();
            assert_eq!(key.len(), bytes, "{bits}");
            assert!(key.iter().all(|b| b.count_ones() % 2 == 1), "odd parity");
            let attrs = c
                .get_attributes(&id, &["Cryptographic Algorithm", "Cryptographic Length"])
                .unwrap();
            assert_eq!(
                attrs.iter().map(|a| a.value.clone()).collect::<Vec<_>>(),
                vec![
                    Some(AttributeValue::CryptographicAlgorithm(
                        CryptographicAlgorithm::TRIPLE_DES
                    )),
                    Some(AttributeValue::CryptographicLength(bits)),
                ]
            );
        }
    }
}

/// Locate by Unique Identifier finds that object only; a destroyed object is
/// found only by a Locate that names its State.
#[test]
fn locate_by_identifier_and_destroyed_objects() {
    let kms = LocalKms::start().unwrap();
    let mut c = kms.client().unwrap();
    let a = c.create_aes(256, Some("a")).unwrap();
    let b = c.create_aes(256, Some("b")).unwrap();
    let by_id = |id: &str| LocateRequest::matching(vec![Attribute::unique_identifier(id)]);
    assert_eq!(c.locate(by_id(&a)).unwrap(), vec![a.clone()]);
    assert!(c.locate(by_id("no-such-object")).unwrap().is_empty());
    let both =
        LocateRequest::matching(vec![Attribute::unique_identifier(&a), Attribute::name("b")]);
    assert!(c.locate(both).unwrap().is_empty());

    c.destroy(&a).unwrap();
    assert!(c.locate(by_id(&a)).unwrap().is_empty());
    assert_eq!(c.locate(LocateRequest::matching(vec![])).unwrap(), vec![b]);
    let destroyed = LocateRequest::matching(vec![
        Attribute::unique_identifier(&a),
        Attribute::state(State::DESTROYED),
    ]);
    assert_eq!(c.locate(destroyed).unwrap(), vec![a.clone()]);
}

/// Templates (KMIP 1.1 §2.2.6, §2.1.8): a registered Template's attributes are applied to a
/// key created with its Name, the request's own attributes replacing those of the same
/// name; a Template the caller does not have is Item Not Found; Get returns it; what it may
/// hold follows the rules of a Template-Attribute.
#[test]
fn templates_apply_their_attributes() {
    let kms = LocalKms::start().unwrap();
    let mut c = kms.client().unwrap();
    let template = |attributes| {
        ManagedObject::Template(kmip_types::Template {
            attributes,
            unknown: Vec::new(),
        })
    };
    let tid = c
        .register(
            template(vec![
                Attribute::new(AttributeValue::ObjectGroup("Group1".into())),
                Attribute::new(AttributeValue::ContactInformation("Joe".into())),
                Attribute::custom_text("x-Purpose", "demonstration"),
            ]),
            vec![Attribute::name("backup-keys")],
        )
        .unwrap();
    let mut request = CreateRequest::symmetric_key(
        CryptographicAlgorithm::AES,
        256,
        CryptographicUsageMask::ENCRYPT,
    )
    .with_attribute(Attribute::new(AttributeValue::ContactInformation(
        "Ann".into(),
    )));
    request
        .template_attribute
        .names
        .push(kmip_types::Name::text("backup-keys"));
    let id = c.create(request.clone()).unwrap();
    let got = c
        .get_attributes(
            &id,
            &["Object Group", "Contact Information", "x-Purpose", "Name"],
        )
        .unwrap();
    let values: Vec<Option<AttributeValue>> = got.iter().map(|a| a.value.clone()).collect();
    assert_eq!(
        values,
        vec![
            Some(AttributeValue::ObjectGroup("Group1".into())),
            Some(AttributeValue::ContactInformation("Ann".into())),
            Some(AttributeValue::Custom(RawItem::text_string(
                tag::ATTRIBUTE_VALUE,
                "demonstration"
            ))),
        ],
        "the template's Name is its own, not the key's"
    );
    // Get returns the Template itself.
    let g = c.get(GetRequest::new(&tid)).unwrap();
    let ManagedObject::Template(t) = &g.object else {
        panic!("{g:?}")
    };
    assert_eq!(t.attributes.len(), 3);
    // Another client has no such Template.
    let other = kms.pki().client_cert("other").unwrap();
    let mut o = common::connect_as(&kms.files().ca, kms.addr(), &other);
    let err = o.create(request).unwrap_err();
    assert_eq!(err.reason(), Some(ResultReason::ITEM_NOT_FOUND), "{err}");
    // A Template may not hold what a client may not set.
    let err = c
        .register(
            template(vec![Attribute::state(State::ACTIVE)]),
            vec![Attribute::name("bad")],
        )
        .unwrap_err();
    assert_eq!(err.reason(), Some(ResultReason::INVALID_FIELD), "{err}");
    // Destroyed, it is no longer applied.
    c.destroy(&tid).unwrap();
    let mut again = CreateRequest::symmetric_key(
        CryptographicAlgorithm::AES,
        256,
        CryptographicUsageMask::ENCRYPT,
    );
    again
        .template_attribute
        .names
        .push(kmip_types::Name::text("backup-keys"));
    let err = c.create(again).unwrap_err();
    assert_eq!(err.reason(), Some(ResultReason::ITEM_NOT_FOUND), "{err}");
}

/// A key registered as a Transparent Symmetric Key is kept, and by default returned, in that
/// format, and its Digest is over the TTLV Key Material (KMIP 1.1 §3.17); a Raw key's is
/// over its bytes. The values are those of the OASIS test case TC-18.1.
#[test]
fn digests_follow_the_registered_key_format() {
    let kms = LocalKms::start().unwrap();
    let mut c = kms.client().unwrap();
    let key: Vec<u8> = (0..32u8).map(|i| (i / 2) * 0x11).collect();
    assert_eq!(
        kmip_examples::util::hex(&key),
        "0000111122223333444455556666777788889999aaaabbbbccccddddeeeeffff"
    );
    let raw = c
        .register_symmetric_key(CryptographicAlgorithm::AES, &key, vec![])
        .unwrap();
    let mut block = kmip_types::KeyBlock::raw_symmetric(
        CryptographicAlgorithm::AES,
        kmip_types::SecretBytes::from_slice(&key),
    );
    block.key_format_type = KeyFormatType::TRANSPARENT_SYMMETRIC_KEY;
    block.key_value = KeyValue::Structure(kmip_types::KeyValueStructure {
        key_material: kmip_types::KeyMaterial::TransparentSymmetricKey(
            kmip_types::TransparentSymmetricKey {
                key: kmip_types::SecretBytes::from_slice(&key),
                unknown: Vec::new(),
            },
        ),
        attributes: Vec::new(),
        unknown: Vec::new(),
    });
    let tsk = c
        .register(ManagedObject::symmetric_key(block), vec![])
        .unwrap();
    for (id, format, digest) in [
        (
            &raw,
            KeyFormatType::RAW,
            "6c064fe051add11edc07727b594eb48711df843e08445bba2cd786bc16bc58e8",
        ),
        (
            &tsk,
            KeyFormatType::TRANSPARENT_SYMMETRIC_KEY,
            "499ce96ff6f5e19fe9fe7a2fe4c3e92b88db0001a4e8df28d9966856b6c4b87c",
        ),
    ] {
        let got = c.get_attributes(id, &["Digest"]).unwrap();
        let Some(AttributeValue::Digest(d)) = &got[0].value else {
            panic!("{got:?}")
        };
        assert_eq!(d.key_format_type, Some(format));
        assert_eq!(
            kmip_examples::util::hex(&d.digest_value.as_ref().unwrap().0),
            digest
        );
        let g = c.get(GetRequest::new(id)).unwrap();
        let ManagedObject::SymmetricKey(k) = &g.object else {
            panic!("{g:?}")
        };
        assert_eq!(k.key_block.key_format_type, format);
        let KeyValue::Structure(value) = &k.key_block.key_value else {
            panic!("{g:?}")
        };
        let bytes = match &value.key_material {
            kmip_types::KeyMaterial::Bytes(b) => b.expose(),
            kmip_types::KeyMaterial::TransparentSymmetricKey(t) => t.key.expose(),
            other => panic!("{other:?}"),
        };
        assert_eq!(bytes, key.as_slice());
    }
}

/// Query's list of operations is what the server runs: every KMIP 1.1 operation is sent
/// with an empty payload; one Query lists is never answered Operation Not Supported (it
/// fails on the empty payload for another reason, or succeeds), one it does not list never
/// succeeds (Operation Not Supported, or, where kmip-types cannot decode the empty payload,
/// the decoding failure).
#[test]
fn query_lists_exactly_the_operations_served() {
    let kms = LocalKms::start().unwrap();
    let mut c = kms.client().unwrap();
    let listed = c
        .query(&[QueryFunction::QUERY_OPERATIONS])
        .unwrap()
        .operations;
    let v1_1 = kmip_types::Operation::ALL
        .iter()
        .filter(|op| op.0 <= kmip_types::Operation::DISCOVER_VERSIONS.0);
    let mut not_supported = 0;
    for op in v1_1 {
        let xml = format!(
            "<RequestMessage><RequestHeader><ProtocolVersion>\
             <ProtocolVersionMajor type=\"Integer\" value=\"1\"/>\
             <ProtocolVersionMinor type=\"Integer\" value=\"1\"/></ProtocolVersion>\
             <BatchCount type=\"Integer\" value=\"1\"/></RequestHeader><BatchItem>\
             <Operation type=\"Enumeration\" value=\"0x{:08X}\"/><RequestPayload/>\
             </BatchItem></RequestMessage>",
            op.0
        );
        let bytes = kmip_types::xml::to_ttlv(&xml).unwrap();
        let answer = c.connection().round_trip(&bytes).unwrap();
        let r = kmip_types::ResponseMessage::decode(&answer).unwrap();
        let item = &r.batch_items[0];
        let why = format!("{op}: {:?} {:?}", item.result_reason, item.result_message);
        if listed.contains(op) {
            assert_ne!(
                item.result_reason,
                Some(ResultReason::OPERATION_NOT_SUPPORTED),
                "{why}"
            );
        } else {
            assert_eq!(item.result_status, ResultStatus::OPERATION_FAILED, "{why}");
            if item.result_reason == Some(ResultReason::OPERATION_NOT_SUPPORTED) {
                not_supported += 1;
            }
        }
    }
    assert_eq!(listed.len(), 15);
    // Those that decode from an empty payload (Archive, Recover, Obtain Lease, ...) are
    // refused as unsupported by name.
    assert!(not_supported > 0);
}
