//! The official KMIP test-case encodings (`tests/data/*.txt`, provenance in each file):
//! every message decodes, re-encodes byte for byte, prints; then the typed content of each
//! is checked, test by test, named after its test case.

mod common;

use kmip_types::*;

fn request(name: &str) -> RequestMessage {
    RequestMessage::decode(&common::get(name)).unwrap()
}

fn response(name: &str) -> ResponseMessage {
    ResponseMessage::decode(&common::get(name)).unwrap()
}

fn only_request_payload(m: &RequestMessage) -> &RequestPayload {
    assert_eq!(m.batch_items.len(), 1);
    &m.batch_items[0].payload
}

fn only_response_payload(m: &ResponseMessage) -> &ResponsePayload {
    assert_eq!(m.batch_items.len(), 1);
    assert!(m.batch_items[0].is_success());
    m.batch_items[0].payload.as_ref().unwrap()
}

#[test]
fn every_fixture_decodes_and_re_encodes_byte_for_byte() {
    let fixtures = common::all();
    assert!(fixtures.len() >= 40, "only {} fixtures", fixtures.len());
    for f in &fixtures {
        let (encoded, debug) = match f.kind.as_str() {
            "request" => {
                let m = RequestMessage::decode(&f.bytes)
                    .unwrap_or_else(|e| panic!("{} ({}): {e}", f.name, f.file));
                (m.encode(), format!("{m:?}"))
            }
            "response" => {
                let m = ResponseMessage::decode(&f.bytes)
                    .unwrap_or_else(|e| panic!("{} ({}): {e}", f.name, f.file));
                (m.encode(), format!("{m:?}"))
            }
            other => panic!("{}: unknown kind {other:?}", f.name),
        };
        assert_eq!(
            encoded, f.bytes,
            "{} ({}) does not re-encode",
            f.name, f.file
        );
        assert!(!debug.is_empty());
        // The TTLV view of the same bytes uses the names this crate installs.
        let dump = kmip_ttlv::decode(&f.bytes).unwrap().to_string();
        assert!(dump.starts_with("Re"), "{dump}");
    }
}

#[test]
fn use_case_3_1_2_register_template_with_custom_attribute() {
    let m = request("use_case_3_1_2_step_1_register_request");
    assert_eq!(m.header.protocol_version, ProtocolVersion::V1_1);
    let RequestPayload::Register(r) = only_request_payload(&m) else {
        panic!("not Register")
    };
    assert_eq!(r.object_type, ObjectType::TEMPLATE);
    let ManagedObject::Template(t) = &r.object else {
        panic!("not a Template")
    };
    let names: Vec<_> = t.attributes.iter().map(|a| &*a.name).collect();
    assert_eq!(
        names,
        [
            "Object Group",
            "Application Specific Information",
            "Contact Information",
            "x-Purpose",
            "Name"
        ]
    );
    assert_eq!(
        t.attributes[0].value,
        Some(AttributeValue::ObjectGroup("Group1".into()))
    );
    let Some(AttributeValue::ApplicationSpecificInformation(asi)) = &t.attributes[1].value else {
        panic!("not ASI")
    };
    assert_eq!(asi.application_namespace, "ssl");
    assert_eq!(asi.application_data, "www.example.com");
    assert!(t.attributes[3].is_custom());
    let Some(AttributeValue::Custom(raw)) = &t.attributes[3].value else {
        panic!("custom attribute not kept raw")
    };
    assert_eq!(raw.item().unwrap().as_text_string(), Some("demonstration"));
    assert_eq!(
        t.attributes[4].value,
        Some(AttributeValue::Name(Name::text("Template1")))
    );
}

#[test]
fn use_case_3_1_2_create_with_template_name() {
    let m = request("use_case_3_1_2_step_2_create_request");
    let RequestPayload::Create(c) = only_request_payload(&m) else {
        panic!("not Create")
    };
    assert_eq!(c.object_type, ObjectType::SYMMETRIC_KEY);
    assert_eq!(c.template_attribute.names, [Name::text("Template1")]);
    assert_eq!(
        c.template_attribute
            .get("Cryptographic Usage Mask")
            .unwrap()
            .value,
        Some(AttributeValue::CryptographicUsageMask(
            CryptographicUsageMask::ENCRYPT | CryptographicUsageMask::DECRYPT
        ))
    );
    let r = response("use_case_3_1_2_step_2_create_response");
    assert_eq!(r.header.protocol_version, ProtocolVersion::V1_0);
    assert_eq!(r.header.time_stamp, DateTime(0x4AFB_E7C5));
    let ResponsePayload::Create(c) = only_response_payload(&r) else {
        panic!("not Create")
    };
    assert_eq!(c.unique_identifier, "61b10614-d8b5-46f9-8d17-2fa6ea1d747a");
}

#[test]
fn use_case_3_1_2_get_attributes_and_destroy() {
    let m = request("use_case_3_1_2_step_3_get_attributes_request");
    let RequestPayload::GetAttributes(g) = only_request_payload(&m) else {
        panic!("not Get Attributes")
    };
    assert_eq!(g.attribute_names.len(), 4);
    assert_eq!(g.attribute_names[3], "x-Purpose");
    let r = response("use_case_3_1_2_step_3_get_attributes_response");
    let ResponsePayload::GetAttributes(g) = only_response_payload(&r) else {
        panic!("not Get Attributes")
    };
    assert_eq!(g.attributes.len(), 4);
    assert_eq!(
        g.attributes[2].value,
        Some(AttributeValue::ContactInformation("Joe".into()))
    );
    let d = request("use_case_3_1_2_step_4_destroy_request");
    let RequestPayload::Destroy(d) = only_request_payload(&d) else {
        panic!("not Destroy")
    };
    assert_eq!(
        d.unique_identifier.as_deref(),
        Some("61b10614-d8b5-46f9-8d17-2fa6ea1d747a")
    );
}

#[test]
fn test_case_12_1_query_and_maximum_response_size() {
    let m = request("test_case_12_1_time_0_request");
    assert_eq!(m.header.maximum_response_size, Some(256));
    let RequestPayload::Query(q) = only_request_payload(&m) else {
        panic!("not Query")
    };
    assert_eq!(
        q.query_functions,
        [
            QueryFunction::QUERY_OPERATIONS,
            QueryFunction::QUERY_OBJECTS
        ]
    );
    // A failure without Operation: Result Status, Reason and Message only.
    let r = response("test_case_12_1_time_0_response");
    let item = &r.batch_items[0];
    assert_eq!(item.operation, None);
    assert_eq!(item.result_status, ResultStatus::OPERATION_FAILED);
    assert_eq!(item.result_reason, Some(ResultReason::RESPONSE_TOO_LARGE));
    assert_eq!(
        item.result_message.as_deref(),
        Some("Response size: 648, Maximum Response Size indicated in request: 256")
    );
    let r = response("test_case_12_1_time_1_response");
    let ResponsePayload::Query(q) = only_response_payload(&r) else {
        panic!("not Query")
    };
    assert_eq!(q.operations.len(), 26);
    assert_eq!(q.operations[0], Operation::CREATE);
    assert_eq!(q.operations[24], Operation::RE_KEY_KEY_PAIR);
    assert_eq!(q.operations[25], Operation::DISCOVER_VERSIONS);
    assert_eq!(q.object_types.len(), 6);
    assert_eq!(
        q.vendor_identification.as_deref(),
        Some("IBM test server, not-TKLM 2.0.1.1 KMIP 2.0.0.1")
    );
    assert!(q.server_information.is_some());
}

#[test]
fn test_case_16_1_discover_versions() {
    let m = request("test_case_16_1_time_0_request");
    let RequestPayload::DiscoverVersions(d) = only_request_payload(&m) else {
        panic!("not Discover Versions")
    };
    assert!(d.protocol_versions.is_empty());
    let r = response("test_case_16_1_time_0_response");
    let ResponsePayload::DiscoverVersions(d) = only_response_payload(&r) else {
        panic!("not Discover Versions")
    };
    assert_eq!(
        d.protocol_versions,
        [ProtocolVersion::V1_1, ProtocolVersion::V1_0]
    );
    let m = request("test_case_16_1_time_3_request");
    let RequestPayload::DiscoverVersions(d) = only_request_payload(&m) else {
        panic!("not Discover Versions")
    };
    assert_eq!(d.protocol_versions, [ProtocolVersion::new(9, 31)]);
    let r = response("test_case_16_1_time_3_response");
    let ResponsePayload::DiscoverVersions(d) = only_response_payload(&r) else {
        panic!("not Discover Versions")
    };
    assert!(d.protocol_versions.is_empty());
}

#[test]
fn test_case_17_1_attribute_index_handling() {
    let m = request("test_case_17_1_time_0_create_request");
    let RequestPayload::Create(c) = only_request_payload(&m) else {
        panic!("not Create")
    };
    let names: Vec<_> = c
        .template_attribute
        .attributes
        .iter()
        .filter(|a| a.name == "Name")
        .map(|a| a.value.clone())
        .collect();
    assert_eq!(
        names,
        [
            Some(AttributeValue::Name(Name::text("FirstTestName"))),
            Some(AttributeValue::Name(Name::text("SecondTestName")))
        ]
    );
    let r = response("test_case_17_1_time_1_get_attributes_response");
    assert_eq!(
        r.batch_items[0].result_reason,
        Some(ResultReason::INVALID_FIELD)
    );
    let m = request("test_case_17_1_time_3_modify_attribute_request");
    let RequestPayload::ModifyAttribute(a) = only_request_payload(&m) else {
        panic!("not Modify Attribute")
    };
    assert_eq!(a.attribute.index, Some(0));
    assert_eq!(
        a.attribute.value,
        Some(AttributeValue::ContactInformation(
            "donald@localhost".into()
        ))
    );
    let m = request("test_case_17_1_time_4_delete_attribute_request");
    let RequestPayload::DeleteAttribute(d) = only_request_payload(&m) else {
        panic!("not Delete Attribute")
    };
    assert_eq!(d.attribute_name, "Name");
    assert_eq!(d.attribute_index, None);
    let r = response("test_case_17_1_time_4_delete_attribute_response");
    let ResponsePayload::DeleteAttribute(d) = only_response_payload(&r) else {
        panic!("not Delete Attribute")
    };
    assert_eq!(
        d.attribute.value,
        Some(AttributeValue::Name(Name::text("FirstTestName")))
    );
}

#[test]
fn test_case_3_1_get_response_carries_the_key_redacted() {
    let r = response("pykmip_get_response");
    let ResponsePayload::Get(g) = only_response_payload(&r) else {
        panic!("not Get")
    };
    assert_eq!(g.object_type, ObjectType::SYMMETRIC_KEY);
    assert_eq!(g.unique_identifier, "49a1ca88-6bea-4fb2-b450-7e58802c3038");
    let block = g.object.key_block().unwrap();
    assert_eq!(block.key_format_type, KeyFormatType::RAW);
    assert_eq!(
        block.cryptographic_algorithm,
        Some(CryptographicAlgorithm::TRIPLE_DES)
    );
    assert_eq!(block.cryptographic_length, Some(168));
    let key = block.key_bytes().unwrap();
    assert_eq!(key.len(), 24);
    assert_eq!(key.expose()[..4], [0x73, 0x67, 0x57, 0x80]);
    // Debug names everything and shows no key byte.
    let debug = format!("{r:?}");
    assert!(debug.contains("Get") && debug.contains("3DES") && debug.contains("Raw"));
    assert!(debug.contains("<redacted, 24 bytes>"));
    assert!(!debug.contains("73675780") && !debug.contains("115, 103"));
    // So does kmip-ttlv's dump with the names installed.
    let dump = kmip_ttlv::decode(&common::get("pykmip_get_response"))
        .unwrap()
        .to_string();
    assert!(dump.contains("Key Material (0x420043) Byte String: <redacted, 24 bytes>"));
}

#[test]
fn test_case_3_1_3_locate_by_object_type_and_name() {
    let m = request("pykmip_locate_request");
    let RequestPayload::Locate(l) = only_request_payload(&m) else {
        panic!("not Locate")
    };
    assert_eq!(l.attributes.len(), 2);
    assert_eq!(
        l.attributes[0].value,
        Some(AttributeValue::ObjectType(ObjectType::SYMMETRIC_KEY))
    );
    assert_eq!(
        l.attributes[1].value,
        Some(AttributeValue::Name(Name::text("Key1")))
    );
    let r = response("pykmip_locate_response");
    let ResponsePayload::Locate(l) = only_response_payload(&r) else {
        panic!("not Locate")
    };
    assert_eq!(
        l.unique_identifiers,
        ["49a1ca88-6bea-4fb2-b450-7e58802c3038"]
    );
}

#[test]
fn kmip_1_2_operation_payloads_are_typed_and_exact() {
    // MAC (0x23) is a KMIP 1.2 operation: typed, with its key and data.
    let m = request("pykmip_mac_kmip_1_2_request");
    assert_eq!(m.header.protocol_version, ProtocolVersion::V1_2);
    assert_eq!(m.batch_items[0].operation, Operation::MAC);
    assert_eq!(format!("{:?}", m.batch_items[0].operation), "MAC");
    let RequestPayload::Mac(mac) = m.batch_items[0].typed_payload().unwrap() else {
        panic!("not a MAC request: {m:?}")
    };
    assert!(mac.unique_identifier.is_some());
    assert!(mac.data.is_some());
    let r = response("pykmip_mac_kmip_1_2_response");
    let Some(ResponsePayload::Mac(mac)) = &r.batch_items[0].payload else {
        panic!("not a MAC response: {r:?}")
    };
    assert!(mac.mac_data.is_some());
}

#[test]
fn invalid_message_failure_without_operation() {
    let r = response("pykmip_invalid_message_response");
    let item = &r.batch_items[0];
    assert_eq!(item.operation, None);
    assert_eq!(item.result_reason, Some(ResultReason::INVALID_MESSAGE));
    assert_eq!(
        item.result_message.as_deref(),
        Some("Default response. No operations supported.")
    );
}

/// Issue 10 (silent data loss): PyKMIP 0.11's client sends Encrypt and MAC, KMIP 1.2
/// operations, in a KMIP 1.1 header. Their payloads hold Data (0x4200C2, a 1.2 tag), which
/// once came out 24 bytes short on re-encoding. The payloads are read by KMIP 1.2's rules (their
/// operation's version): typed, Data and all, and written back byte for byte.
#[test]
fn later_operations_in_a_1_1_header_keep_every_byte() {
    for (name, op, data) in [
        (
            "pykmip_encrypt_in_kmip_1_1_request",
            Operation::ENCRYPT,
            &b"plaintext"[..],
        ),
        (
            "pykmip_mac_in_kmip_1_1_request",
            Operation::MAC,
            b"message to authenticate",
        ),
    ] {
        let bytes = common::get(name);
        let m = request(name);
        assert_eq!(m.header.protocol_version, ProtocolVersion::V1_1);
        assert_eq!(m.batch_items[0].operation, op);
        let typed = match only_request_payload(&m) {
            RequestPayload::Encrypt(p) => p.data.as_ref(),
            RequestPayload::Mac(p) => p.data.as_ref(),
            other => panic!("{name}: {other:?}"),
        };
        assert_eq!(typed.map(SecretBytes::expose), Some(data), "{name}");
        assert!(
            !format!("{m:?}").contains(&kmip_ttlv::Hex(data).to_string()),
            "{name}"
        );
        assert_eq!(m.encode(), bytes, "{name}");
    }
    for (name, op) in [
        ("pykmip_encrypt_in_kmip_1_1_response", Operation::ENCRYPT),
        ("pykmip_mac_in_kmip_1_1_response", Operation::MAC),
    ] {
        let bytes = common::get(name);
        let m = response(name);
        assert_eq!(m.batch_items[0].operation, Some(op));
        assert!(matches!(
            only_response_payload(&m),
            ResponsePayload::Encrypt(_) | ResponsePayload::Mac(_)
        ));
        assert_eq!(m.encode(), bytes, "{name}");
    }
}
