//! The KMIP 1.1 test cases published in the XML encoding (OASIS KMIP Test Cases and Profiles
//! 1.1, `tests/data/oasis/v1.1`, provenance in its README), read by this crate's XML reader
//! (`common::xml_fixtures`). `test_cases.rs` decodes and re-encodes every message byte for
//! byte; here the typed content of each test case is checked, one test per test case, named
//! after it.

mod common;

use std::sync::OnceLock;

use kmip_types::*;
use subtle::ConstantTimeEq;

/// Every message of the KMIP 1.1 XML test cases, read once.
fn fixtures() -> &'static [common::Fixture] {
    static ALL: OnceLock<Vec<common::Fixture>> = OnceLock::new();
    ALL.get_or_init(|| {
        common::oasis_files("v1.1")
            .iter()
            .flat_map(|p| common::xml_fixtures(p))
            .collect()
    })
}

fn bytes(name: &str) -> Vec<u8> {
    fixtures()
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no fixture {name}"))
        .bytes
        .clone()
}

fn request(case: &str, time: u32) -> RequestMessage {
    let b = bytes(&format!("xml_{case}_time_{time}_request"));
    let m = RequestMessage::decode(&b).unwrap();
    assert_eq!(m.encode(), b);
    m
}

fn response(case: &str, time: u32) -> ResponseMessage {
    let b = bytes(&format!("xml_{case}_time_{time}_response"));
    let m = ResponseMessage::decode(&b).unwrap();
    assert_eq!(m.encode(), b);
    m
}

fn payload(m: &RequestMessage, i: usize) -> &RequestPayload {
    m.batch_items[i].typed_payload().unwrap()
}

fn response_payload(m: &ResponseMessage, i: usize) -> &ResponsePayload {
    assert!(m.batch_items[i].is_success(), "{:?}", m.batch_items[i]);
    m.batch_items[i].payload.as_ref().unwrap()
}

fn req_payload(case: &str, time: u32, i: usize) -> RequestPayload {
    let m = request(case, time);
    payload(&m, i).clone()
}

fn resp_payload(case: &str, time: u32, i: usize) -> ResponsePayload {
    let m = response(case, time);
    response_payload(&m, i).clone()
}

fn value<'a>(attrs: &'a [Attribute], name: &str) -> &'a AttributeValue {
    attrs
        .iter()
        .find(|a| a.name == name)
        .and_then(|a| a.value.as_ref())
        .unwrap_or_else(|| panic!("no {name}"))
}

fn custom_text(attrs: &[Attribute], name: &str) -> String {
    let AttributeValue::Custom(raw) = value(attrs, name) else {
        panic!("{name} is not kept raw")
    };
    raw.item().unwrap().as_text_string().unwrap().to_owned()
}

fn key_material(object: &ManagedObject) -> Vec<u8> {
    object
        .key_block()
        .unwrap()
        .key_bytes()
        .unwrap()
        .expose()
        .to_vec()
}

fn hex(s: &str) -> Vec<u8> {
    common::hex(s)
}

const T_2012_04_27_08_12_24: DateTime = DateTime(1_335_514_344);

#[test]
fn tc_3_1_1_create_destroy() {
    let case = "tc_311_11_create_destroy";
    let m = request(case, 0);
    assert_eq!(m.header.protocol_version, ProtocolVersion::V1_1);
    let RequestPayload::Create(c) = payload(&m, 0) else {
        panic!("not Create")
    };
    assert_eq!(c.object_type, ObjectType::SYMMETRIC_KEY);
    let attrs = &c.template_attribute.attributes;
    assert_eq!(
        value(attrs, "Cryptographic Algorithm"),
        &AttributeValue::CryptographicAlgorithm(CryptographicAlgorithm::AES)
    );
    assert_eq!(
        value(attrs, "Cryptographic Length"),
        &AttributeValue::CryptographicLength(128)
    );
    assert_eq!(
        value(attrs, "Cryptographic Usage Mask"),
        &AttributeValue::CryptographicUsageMask(
            CryptographicUsageMask::ENCRYPT | CryptographicUsageMask::DECRYPT
        )
    );
    assert_eq!(custom_text(attrs, "x-ID"), "TC-311-11");
    let r = response(case, 0);
    assert_eq!(r.header.time_stamp.to_string(), "2012-04-27T08:12:21Z");
    let ResponsePayload::Create(c) = response_payload(&r, 0) else {
        panic!("not Create")
    };
    assert_eq!(c.unique_identifier, "UNIQUE_IDENTIFIER_0");
    let ResponsePayload::Destroy(d) = resp_payload(case, 1, 0) else {
        panic!("not Destroy")
    };
    assert_eq!(d.unique_identifier, "UNIQUE_IDENTIFIER_0");
}

#[test]
fn tc_3_1_2_register_template_create_get_attributes_destroy() {
    let case = "tc_312_11_register_create_get_attributes_destroy";
    let RequestPayload::Register(r) = req_payload(case, 0, 0) else {
        panic!("not Register")
    };
    assert_eq!(r.object_type, ObjectType::TEMPLATE);
    let ManagedObject::Template(t) = &r.object else {
        panic!("not a Template")
    };
    let AttributeValue::ApplicationSpecificInformation(asi) =
        value(&t.attributes, "Application Specific Information")
    else {
        panic!("not ASI")
    };
    assert_eq!(
        (
            asi.application_namespace.as_str(),
            asi.application_data.as_str()
        ),
        ("ssl", "www.example.com")
    );
    let RequestPayload::Create(c) = req_payload(case, 1, 0) else {
        panic!("not Create")
    };
    assert_eq!(
        c.template_attribute.names,
        [Name::text("TC-312-11-template1")]
    );
    let RequestPayload::GetAttributes(g) = req_payload(case, 2, 0) else {
        panic!("not Get Attributes")
    };
    assert_eq!(g.attribute_names.len(), 4);
    let ResponsePayload::GetAttributes(g) = resp_payload(case, 2, 0) else {
        panic!("not Get Attributes")
    };
    assert_eq!(g.unique_identifier, "UNIQUE_IDENTIFIER_1");
    assert_eq!(
        value(&g.attributes, "Contact Information"),
        &AttributeValue::ContactInformation("Joe".into())
    );
    assert_eq!(custom_text(&g.attributes, "x-Purpose"), "demonstration");
}

#[test]
fn tc_3_1_3_create_locate_get_destroy() {
    let case = "tc_313_11_create_locate_get_destroy";
    let RequestPayload::Locate(l) = req_payload(case, 1, 0) else {
        panic!("not Locate")
    };
    assert_eq!(
        value(&l.attributes, "Name"),
        &AttributeValue::Name(Name::text("TC-313-11-key1"))
    );
    let ResponsePayload::Get(g) = resp_payload(case, 2, 0) else {
        panic!("not Get")
    };
    let block = g.object.key_block().unwrap();
    assert_eq!(
        block.cryptographic_algorithm,
        Some(CryptographicAlgorithm::TRIPLE_DES)
    );
    assert_eq!(block.cryptographic_length, Some(168));
    assert_eq!(
        key_material(&g.object),
        hex("7367578051012a6d134a855e25c8cd5e4ca131455729d3c8")
    );
    // Key material never prints.
    assert!(!format!("{g:?}").contains("7367578051"));
    let ResponsePayload::Locate(l) = resp_payload(case, 4, 0) else {
        panic!("not Locate")
    };
    assert!(l.unique_identifiers.is_empty());
}

#[test]
fn tc_3_1_4_batched_locate_get_with_id_placeholder_and_failures() {
    let case = "tc_314_11_dual_client_test_case_id_placeholder_linked_locate_get_batch";
    let m = request(case, 2);
    assert_eq!(m.header.batch_order_option, Some(true));
    assert_eq!(m.batch_items.len(), 2);
    assert_eq!(
        m.batch_items[0].unique_batch_item_id,
        Some(ByteString(hex("aa21f8c659d6e10d")))
    );
    // The Get uses the ID Placeholder: no Unique Identifier.
    let RequestPayload::Get(g) = payload(&m, 1) else {
        panic!("not Get")
    };
    assert_eq!(g.unique_identifier, None);
    let r = response(case, 2);
    assert_eq!(
        r.batch_items[1].unique_batch_item_id,
        Some(ByteString(hex("495a95f165854d1e")))
    );
    let ResponsePayload::Get(g) = response_payload(&r, 1) else {
        panic!("not Get")
    };
    assert_eq!(
        key_material(&g.object),
        hex("d351910f1d7934d6e2ae17576564e2bc")
    );
    let ResponsePayload::GetAttributeList(l) = resp_payload(case, 3, 0) else {
        panic!("not Get Attribute List")
    };
    assert_eq!(l.attribute_names.len(), 13);
    let RequestPayload::DeleteAttribute(d) = req_payload(case, 7, 1) else {
        panic!("not Delete Attribute")
    };
    assert_eq!(d.attribute_name, "x-attribute2");
    let failed = &response(case, 9).batch_items[0];
    assert!(!failed.is_success());
    assert_eq!(failed.result_status, ResultStatus::OPERATION_FAILED);
    assert_eq!(failed.result_reason, Some(ResultReason::ITEM_NOT_FOUND));
    assert!(
        failed
            .result_message
            .as_deref()
            .unwrap()
            .ends_with("found with given Unique Identifier")
    );
    assert!(failed.payload.is_none());
}

#[test]
fn tc_3_1_5_register_secret_data() {
    let case = "tc_315_11_register_destroy_secret_data";
    let RequestPayload::Register(r) = req_payload(case, 0, 0) else {
        panic!("not Register")
    };
    assert_eq!(r.object_type, ObjectType::SECRET_DATA);
    let ManagedObject::SecretData(s) = &r.object else {
        panic!("not Secret Data")
    };
    assert_eq!(s.secret_data_type, SecretDataType::PASSWORD);
    assert_eq!(s.key_block.key_format_type, KeyFormatType::OPAQUE);
    assert_eq!(key_material(&r.object), b"SecretPassword");
}

#[test]
fn tc_3_2_asynchronous_locate_poll_cancel() {
    let case = "tc_32_11_asynchronous_locate";
    let m = request(case, 1);
    assert_eq!(m.header.asynchronous_indicator, Some(true));
    let pending = &response(case, 1).batch_items[0];
    assert_eq!(pending.result_status, ResultStatus::OPERATION_PENDING);
    let correlation = pending.asynchronous_correlation_value.clone().unwrap();
    assert_eq!(correlation.as_bytes(), b"ASYNCHRONOUS_CORRELATION_VALUE");
    assert!(pending.payload.is_none());
    let RequestPayload::Poll(p) = req_payload(case, 2, 0) else {
        panic!("not Poll")
    };
    assert_eq!(p.asynchronous_correlation_value, correlation);
    // The answer to a Poll is the polled operation's.
    let ResponsePayload::Locate(l) = resp_payload(case, 2, 0) else {
        panic!("not Locate")
    };
    assert_eq!(l.unique_identifiers, ["UNIQUE_IDENTIFIER_0"]);
    let ResponsePayload::Cancel(c) = resp_payload(case, 8, 0) else {
        panic!("not Cancel")
    };
    assert_eq!(c.asynchronous_correlation_value, correlation);
    assert_eq!(c.cancellation_result, CancellationResult::CANCELED);
}

#[test]
fn tc_4_1_revoke_scenario() {
    let case = "tc_41_11_revoke_scenario";
    let state = |time| {
        let r = response(case, time);
        let ResponsePayload::GetAttributes(g) = response_payload(&r, 0) else {
            panic!("not Get Attributes")
        };
        value(&g.attributes, "State").clone()
    };
    assert_eq!(state(1), AttributeValue::State(State::PRE_ACTIVE));
    assert_eq!(state(3), AttributeValue::State(State::ACTIVE));
    assert_eq!(state(7), AttributeValue::State(State::COMPROMISED));
    let RequestPayload::Revoke(r) = req_payload(case, 6, 0) else {
        panic!("not Revoke")
    };
    assert_eq!(
        r.revocation_reason.revocation_reason_code,
        RevocationReasonCode::KEY_COMPROMISE
    );
    assert_eq!(r.compromise_occurrence_date, Some(DateTime(6)));
    assert_eq!(response(case, 6).header.time_stamp, T_2012_04_27_08_12_24);
}

#[test]
fn tc_5_1_get_usage_allocation_scenario() {
    let case = "tc_51_11_get_usage_allocation_scenario";
    let RequestPayload::AddAttribute(a) = req_payload(case, 1, 0) else {
        panic!("not Add Attribute")
    };
    // `$NOW-3600` in the test case.
    let now = 1_335_514_341;
    assert_eq!(
        a.attribute.value,
        Some(AttributeValue::ActivationDate(DateTime(now - 3600)))
    );
    let ResponsePayload::AddAttribute(a) = resp_payload(case, 2, 0) else {
        panic!("not Add Attribute")
    };
    let Some(AttributeValue::UsageLimits(u)) = &a.attribute.value else {
        panic!("not Usage Limits")
    };
    assert_eq!(u.usage_limits_total, 1000);
    assert_eq!(u.usage_limits_count, Some(1000));
    assert_eq!(u.usage_limits_unit, UsageLimitsUnit::BYTE);
    let m = request(case, 5);
    let RequestPayload::Check(c) = payload(&m, 0) else {
        panic!("not Check")
    };
    assert_eq!(c.usage_limits_count, Some(500));
    let RequestPayload::GetUsageAllocation(g) = payload(&m, 1) else {
        panic!("not Get Usage Allocation")
    };
    assert_eq!(g.usage_limits_count, 500);
    let denied = &response(case, 9).batch_items[0];
    assert_eq!(denied.result_reason, Some(ResultReason::PERMISSION_DENIED));
}

#[test]
fn tc_6_1_register_third_party_key() {
    let case = "tc_61_11_import_of_a_third_party_key";
    let RequestPayload::Register(r) = req_payload(case, 0, 0) else {
        panic!("not Register")
    };
    assert_eq!(
        key_material(&r.object),
        hex("0123456789abcdef0123456789abcdef")
    );
    let RequestPayload::ModifyAttribute(m) = req_payload(case, 2, 0) else {
        panic!("not Modify Attribute")
    };
    assert!(m.attribute.is_custom());
}

#[test]
fn tc_7_1_and_7_2_message_extensions() {
    for (case, critical) in [
        (
            "tc_71_11_unrecognized_message_extension_with_criticality_indicator_false",
            false,
        ),
        (
            "tc_72_11_unrecognized_message_extension_with_criticality_indicator_true",
            true,
        ),
    ] {
        let m = request(case, 0);
        let ext = m.batch_items[0].message_extension.as_ref().unwrap();
        assert_eq!(ext.vendor_identification, "Acme");
        assert_eq!(ext.criticality_indicator, critical);
        let vendor = ext.vendor_extension.item().unwrap();
        let inner = vendor.children().next().unwrap();
        assert_eq!(inner.tag(), kmip_ttlv::Tag::new(0x54_0001));
        assert_eq!(inner.as_text_string(), Some("na"));
    }
    let refused = &response(
        "tc_72_11_unrecognized_message_extension_with_criticality_indicator_true",
        0,
    )
    .batch_items[0];
    assert_eq!(
        refused.result_reason,
        Some(ResultReason::FEATURE_NOT_SUPPORTED)
    );
}

#[test]
fn tc_8_1_create_key_pair() {
    let case = "tc_81_11_create_a_key_pair";
    let RequestPayload::CreateKeyPair(c) = req_payload(case, 0, 0) else {
        panic!("not Create Key Pair")
    };
    let common = c.common_template_attribute.as_ref().unwrap();
    assert_eq!(
        value(&common.attributes, "Cryptographic Algorithm"),
        &AttributeValue::CryptographicAlgorithm(CryptographicAlgorithm::RSA)
    );
    assert_eq!(
        value(
            &c.private_key_template_attribute
                .as_ref()
                .unwrap()
                .attributes,
            "Cryptographic Usage Mask"
        ),
        &AttributeValue::CryptographicUsageMask(CryptographicUsageMask::SIGN)
    );
    let ResponsePayload::CreateKeyPair(r) = resp_payload(case, 0, 0) else {
        panic!("not Create Key Pair")
    };
    assert_eq!(r.private_key_unique_identifier, "UNIQUE_IDENTIFIER_0");
    assert_eq!(r.public_key_unique_identifier, "UNIQUE_IDENTIFIER_1");
    let RequestPayload::Locate(l) = req_payload(case, 1, 0) else {
        panic!("not Locate")
    };
    let AttributeValue::Link(link) = value(&l.attributes, "Link") else {
        panic!("not Link")
    };
    assert_eq!(link.link_type, LinkType::PRIVATE_KEY_LINK);
    assert_eq!(link.linked_object_identifier, "UNIQUE_IDENTIFIER_0");
}

#[test]
fn tc_11_2_device_credential_and_batch_error_continuation() {
    let case = "tc_112_11_device_credential_operation_policy_destroy_date";
    let m = request(case, 2);
    let credential = &m.header.authentication.as_ref().unwrap().credentials[0];
    assert_eq!(credential.credential_type, CredentialType::DEVICE);
    let CredentialValue::Device(d) = &credential.credential_value else {
        panic!("not a Device credential")
    };
    assert_eq!(d.device_identifier.as_deref(), Some("devID4444"));
    assert_eq!(d.media_identifier.as_deref(), Some("mediaID0000"));
    let password = d.password.as_ref().unwrap();
    assert!(bool::from(password.ct_eq(&SecretString::from("passwd"))));
    assert!(!format!("{m:?}").contains("passwd"));
    assert_eq!(
        m.header.batch_error_continuation_option,
        Some(BatchErrorContinuationOption::CONTINUE)
    );
    let RequestPayload::Create(c) = req_payload(case, 0, 0) else {
        panic!("not Create")
    };
    let AttributeValue::CryptographicParameters(p) =
        value(&c.template_attribute.attributes, "Cryptographic Parameters")
    else {
        panic!("not Cryptographic Parameters")
    };
    assert_eq!(p.block_cipher_mode, Some(BlockCipherMode::CBC));
    assert_eq!(p.padding_method, Some(PaddingMethod::PKCS5));
    assert_eq!(p.hashing_algorithm, Some(HashingAlgorithm::SHA_1));
    let r = response(case, 2);
    assert!(
        r.batch_items.iter().all(
            |i| i.result_reason == Some(ResultReason::PERMISSION_DENIED) && i.payload.is_none()
        )
    );
}

#[test]
fn tc_12_2_query_vendor_extensions() {
    let case = "tc_122_11_query_vendor_extensions";
    let RequestPayload::Query(q) = req_payload(case, 1, 0) else {
        panic!("not Query")
    };
    assert_eq!(q.query_functions, [QueryFunction::QUERY_EXTENSION_MAP]);
    let ResponsePayload::Query(q) = resp_payload(case, 1, 0) else {
        panic!("not Query")
    };
    let e = &q.extension_information;
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].extension_name, "ACME LOCATION");
    assert_eq!(e[0].extension_tag, Some(0x54_AA01));
    assert_eq!(e[0].extension_type, Some(7));
    assert_eq!(e[1].extension_tag, Some(0x54_AA02));
}

#[test]
fn tc_14_1_key_wrapping_with_aes_key_wrap() {
    let case = "tc_141_11_key_wrapping_using_aes_key_wrap_and_no_encoding";
    let RequestPayload::Register(r) = req_payload(case, 0, 0) else {
        panic!("not Register")
    };
    let attrs = &r.template_attribute.attributes;
    assert_eq!(
        value(attrs, "Cryptographic Usage Mask"),
        &AttributeValue::CryptographicUsageMask(CryptographicUsageMask::WRAP_KEY)
    );
    let RequestPayload::Get(g) = req_payload(case, 2, 0) else {
        panic!("not Get")
    };
    let spec = g.key_wrapping_specification.as_ref().unwrap();
    assert_eq!(spec.wrapping_method, WrappingMethod::ENCRYPT);
    assert_eq!(spec.encoding_option, Some(EncodingOption::NO_ENCODING));
    let eki = spec.encryption_key_information.as_ref().unwrap();
    assert_eq!(eki.unique_identifier, "UNIQUE_IDENTIFIER_0");
    let ResponsePayload::Get(g) = resp_payload(case, 2, 0) else {
        panic!("not Get")
    };
    let block = g.object.key_block().unwrap();
    assert!(block.is_wrapped());
    assert!(block.key_bytes().is_none());
    let KeyValue::Wrapped(wrapped) = &block.key_value else {
        panic!("not wrapped")
    };
    assert_eq!(
        wrapped.as_bytes(),
        hex("1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5")
    );
    let data = block.key_wrapping_data.as_ref().unwrap();
    assert_eq!(
        data.encryption_key_information
            .as_ref()
            .unwrap()
            .cryptographic_parameters
            .as_ref()
            .unwrap()
            .block_cipher_mode,
        Some(BlockCipherMode::NIST_KEY_WRAP)
    );
    // Step 5 is a KMIP 1.2 message in the middle of the 1.1 test case.
    let m = request(case, 5);
    assert_eq!(m.header.protocol_version, ProtocolVersion::V1_2);
    assert!(matches!(payload(&m, 0), RequestPayload::Revoke(_)));
}

#[test]
fn tc_16_1_discover_versions_matches_the_hex_transcription() {
    let case = "tc_161_11_discover_versions";
    let ResponsePayload::DiscoverVersions(d) = resp_payload(case, 0, 0) else {
        panic!("not Discover Versions")
    };
    assert_eq!(
        d.protocol_versions,
        [ProtocolVersion::V1_1, ProtocolVersion::V1_0]
    );
    // The XML form converted here and NLnet Labs' hex transcription of the same test case
    // (kmip_1_1_test_case_16_1.txt) are the same bytes.
    for time in 0..4 {
        for kind in ["request", "response"] {
            let ours = bytes(&format!("xml_{case}_time_{time}_{kind}"));
            let theirs = common::get(&format!("test_case_16_1_time_{time}_{kind}"));
            assert_eq!(ours, theirs, "time {time} {kind}");
        }
    }
}

#[test]
fn tc_np_1_put_and_np_2_notify() {
    let RequestPayload::Put(p) = req_payload("tc_np_1_11_put", 1, 0) else {
        panic!("not Put")
    };
    assert_eq!(p.put_function, PutFunction::NEW);
    assert_eq!(p.unique_identifier, "UNIQUE_IDENTIFIER_0");
    assert_eq!(
        key_material(&p.object),
        hex("7546ef6cd37c49806824984477987d1e")
    );
    let AttributeValue::Digest(d) = value(&p.attributes, "Digest") else {
        panic!("not Digest")
    };
    assert_eq!(d.hashing_algorithm, HashingAlgorithm::SHA_256);
    assert_eq!(d.key_format_type, Some(KeyFormatType::RAW));
    assert_eq!(
        value(&p.attributes, "Lease Time"),
        &AttributeValue::LeaseTime(3600)
    );
    assert_eq!(value(&p.attributes, "Fresh"), &AttributeValue::Fresh(true));
    let RequestPayload::Notify(n) = req_payload("tc_np_2_11_notify_put", 7, 0) else {
        panic!("not Notify")
    };
    assert_eq!(
        value(&n.attributes, "State"),
        &AttributeValue::State(State::DESTROYED)
    );
    assert!(matches!(
        resp_payload("tc_np_2_11_notify_put", 7, 0),
        ResponsePayload::Notify(_)
    ));
}

#[test]
fn every_xml_test_case_step_is_present() {
    let fixtures = fixtures();
    // All 67 test cases, one request and one response per step.
    assert_eq!(fixtures.len(), 982);
    let cases: std::collections::BTreeSet<&str> =
        fixtures.iter().map(|f| f.file.as_str()).collect();
    assert_eq!(cases.len(), 67);
    for f in fixtures {
        match f.kind.as_str() {
            "request" => drop(RequestMessage::decode_typed(&f.bytes).unwrap()),
            "response" => drop(ResponseMessage::decode(&f.bytes).unwrap()),
            other => panic!("{}: {other}", f.name),
        }
    }
}

/// The 2048-bit RSA key pair of TC-13.1, TC-13.2 and TC-13.4 (PKCS#1): the start of the
/// modulus.
const RSA_MODULUS_START: &str = "00ab7f161c0042496ccd6c6d4dadb919";

fn link(attrs: &[Attribute], index: usize) -> (LinkType, String) {
    let AttributeValue::Link(l) = attrs
        .iter()
        .filter(|a| a.name == "Link")
        .nth(index)
        .and_then(|a| a.value.as_ref())
        .unwrap_or_else(|| panic!("no Link #{index}"))
    else {
        panic!("not a Link")
    };
    (l.link_type, l.linked_object_identifier.clone())
}

fn hex_of(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[test]
fn aklc_m_1_create_key_pair_get_attributes_with_digest() {
    let case = "aklc_m_1_11_asymmetrickey_1";
    let RequestPayload::CreateKeyPair(c) = req_payload(case, 0, 0) else {
        panic!("not Create Key Pair")
    };
    assert_eq!(
        value(
            &c.common_template_attribute.as_ref().unwrap().attributes,
            "Cryptographic Length"
        ),
        &AttributeValue::CryptographicLength(2048)
    );
    assert_eq!(
        value(
            &c.public_key_template_attribute.as_ref().unwrap().attributes,
            "Name"
        ),
        &AttributeValue::Name(Name::text("AKLC-M-1-11-public"))
    );
    let RequestPayload::GetAttributes(g) = req_payload(case, 1, 0) else {
        panic!("not Get Attributes")
    };
    assert_eq!(g.attribute_names.len(), 10);
    assert_eq!(g.attribute_names[9], "Activation Date");
    for (time, object_type, digest) in [
        (1, ObjectType::PRIVATE_KEY, "8eb422ae2b006a05"),
        (2, ObjectType::PUBLIC_KEY, "82bcff8afab75380"),
    ] {
        let ResponsePayload::GetAttributes(g) = resp_payload(case, time, 0) else {
            panic!("not Get Attributes")
        };
        // Nine of the ten asked for: no Activation Date on a Pre-Active key.
        assert_eq!(g.attributes.len(), 9);
        assert_eq!(
            value(&g.attributes, "State"),
            &AttributeValue::State(State::PRE_ACTIVE)
        );
        assert_eq!(
            value(&g.attributes, "Object Type"),
            &AttributeValue::ObjectType(object_type)
        );
        let AttributeValue::Digest(d) = value(&g.attributes, "Digest") else {
            panic!("not a Digest")
        };
        assert_eq!(d.hashing_algorithm, HashingAlgorithm::SHA_256);
        assert_eq!(d.key_format_type, Some(KeyFormatType::PKCS_1));
        assert!(hex_of(d.digest_value.as_ref().unwrap().as_bytes()).starts_with(digest));
        let (AttributeValue::InitialDate(initial), AttributeValue::LastChangeDate(changed)) = (
            value(&g.attributes, "Initial Date"),
            value(&g.attributes, "Last Change Date"),
        ) else {
            panic!("not dates")
        };
        assert_eq!(initial, changed);
        assert_eq!(initial.to_string()[..10], *"2013-01-11");
    }
    let ResponsePayload::Destroy(d) = resp_payload(case, 4, 0) else {
        panic!("not Destroy")
    };
    assert_eq!(d.unique_identifier, "UNIQUE_IDENTIFIER_1");
}

#[test]
fn skff_m_1_create_destroy_aes_128() {
    let case = "skff_m_1_11_symmetrickeyfoundrybasic_1";
    let RequestPayload::Create(c) = req_payload(case, 0, 0) else {
        panic!("not Create")
    };
    assert_eq!(c.object_type, ObjectType::SYMMETRIC_KEY);
    assert_eq!(c.template_attribute.attributes.len(), 3);
    assert_eq!(
        value(&c.template_attribute.attributes, "Cryptographic Usage Mask"),
        &AttributeValue::CryptographicUsageMask(
            CryptographicUsageMask::ENCRYPT | CryptographicUsageMask::DECRYPT
        )
    );
    let ResponsePayload::Create(r) = resp_payload(case, 0, 0) else {
        panic!("not Create")
    };
    assert_eq!(r.unique_identifier, "UNIQUE_IDENTIFIER_0");
    let RequestPayload::Destroy(d) = req_payload(case, 1, 0) else {
        panic!("not Destroy")
    };
    assert_eq!(d.unique_identifier.as_deref(), Some("UNIQUE_IDENTIFIER_0"));
}

#[test]
fn tc_10_1_archive_and_recover() {
    let case = "tc_101_11_create_a_key_archive_and_recover_it";
    let m = request(case, 3);
    assert_eq!(m.header.asynchronous_indicator, Some(true));
    let RequestPayload::Archive(a) = payload(&m, 0) else {
        panic!("not Archive")
    };
    assert_eq!(a.unique_identifier.as_deref(), Some("UNIQUE_IDENTIFIER_0"));
    let pending = &response(case, 3).batch_items[0];
    assert_eq!(pending.operation, Some(Operation::ARCHIVE));
    assert_eq!(pending.result_status, ResultStatus::OPERATION_PENDING);
    assert_eq!(
        pending
            .asynchronous_correlation_value
            .as_ref()
            .unwrap()
            .as_bytes(),
        b"ASYNCHRONOUS_CORRELATION_VALUE"
    );
    // The Poll's answer carries the Archive's payload.
    let r = response(case, 4);
    assert_eq!(r.batch_items[0].operation, Some(Operation::ARCHIVE));
    let ResponsePayload::Archive(a) = response_payload(&r, 0) else {
        panic!("not Archive")
    };
    assert_eq!(a.unique_identifier, "UNIQUE_IDENTIFIER_0");
    let archived = &response(case, 5).batch_items[0];
    assert_eq!(archived.result_reason, Some(ResultReason::OBJECT_ARCHIVED));
    assert!(archived.payload.is_none());
    let ResponsePayload::GetAttributes(g) = resp_payload(case, 6, 0) else {
        panic!("not Get Attributes")
    };
    assert_eq!(
        value(&g.attributes, "Archive Date"),
        &AttributeValue::ArchiveDate(DateTime(1_335_514_470))
    );
    // Locate without, then with, the archive in the Storage Status Mask.
    let ResponsePayload::Locate(l) = resp_payload(case, 7, 0) else {
        panic!("not Locate")
    };
    assert!(l.unique_identifiers.is_empty());
    let RequestPayload::Locate(l) = req_payload(case, 8, 0) else {
        panic!("not Locate")
    };
    assert_eq!(
        l.storage_status_mask,
        Some(StorageStatusMask::ON_LINE_STORAGE | StorageStatusMask::ARCHIVAL_STORAGE)
    );
    assert_eq!(l.attributes.len(), 2);
    let RequestPayload::Recover(r) = req_payload(case, 9, 0) else {
        panic!("not Recover")
    };
    assert_eq!(r.unique_identifier.as_deref(), Some("UNIQUE_IDENTIFIER_0"));
    let ResponsePayload::Recover(r) = resp_payload(case, 10, 0) else {
        panic!("not Recover")
    };
    assert_eq!(r.unique_identifier, "UNIQUE_IDENTIFIER_0");
    let ResponsePayload::Get(g) = resp_payload(case, 11, 0) else {
        panic!("not Get")
    };
    assert_eq!(
        key_material(&g.object),
        hex("0b4c9fb659c5ce09ec12c3233d526f45")
    );
    assert!(!format!("{g:?}").contains("0b4c9fb6"));
}

#[test]
fn tc_11_1_username_password_credential_and_batch_error_continuation() {
    let case = "tc_111_11_credential_operation_policy_destroy_date";
    let m = request(case, 2);
    let credential = &m.header.authentication.as_ref().unwrap().credentials[0];
    assert_eq!(
        credential.credential_type,
        CredentialType::USERNAME_AND_PASSWORD
    );
    let CredentialValue::UsernameAndPassword(u) = &credential.credential_value else {
        panic!("not Username and Password")
    };
    assert_eq!(u.username, "Barney");
    let password = u.password.as_ref().unwrap();
    assert!(bool::from(password.ct_eq(&SecretString::from("secret2"))));
    assert!(!format!("{m:?}").contains("secret2"));
    assert_eq!(
        m.header.batch_error_continuation_option,
        Some(BatchErrorContinuationOption::CONTINUE)
    );
    assert_eq!(m.header.batch_order_option, Some(true));
    assert_eq!(
        m.batch_items[1].unique_batch_item_id,
        Some(ByteString(hex("9b937e7cd50b233b")))
    );
    let RequestPayload::Create(c) = req_payload(case, 0, 0) else {
        panic!("not Create")
    };
    assert_eq!(
        value(&c.template_attribute.attributes, "Operation Policy Name"),
        &AttributeValue::OperationPolicyName("default".into())
    );
    let r = response(case, 2);
    assert_eq!(r.batch_items.len(), 2);
    for item in &r.batch_items {
        assert_eq!(item.result_reason, Some(ResultReason::PERMISSION_DENIED));
        assert_eq!(item.result_message.as_deref(), Some("Access   denied"));
    }
    let ResponsePayload::GetAttributes(g) = resp_payload(case, 4, 0) else {
        panic!("not Get Attributes")
    };
    assert_eq!(
        value(&g.attributes, "Destroy Date"),
        &AttributeValue::DestroyDate(DateTime(1_335_514_475))
    );
}

#[test]
fn tc_12_1_query_maximum_response_size() {
    let case = "tc_121_11_query_maximum_response_size";
    let m = request(case, 0);
    assert_eq!(m.header.maximum_response_size, Some(256));
    let too_large = &response(case, 0).batch_items[0];
    assert_eq!(too_large.operation, Some(Operation::QUERY));
    assert_eq!(
        too_large.result_reason,
        Some(ResultReason::RESPONSE_TOO_LARGE)
    );
    assert!(too_large.payload.is_none());
    assert_eq!(request(case, 1).header.maximum_response_size, Some(2048));
    let RequestPayload::Query(q) = req_payload(case, 1, 0) else {
        panic!("not Query")
    };
    assert_eq!(
        q.query_functions[2],
        QueryFunction::QUERY_SERVER_INFORMATION
    );
    let ResponsePayload::Query(q) = resp_payload(case, 1, 0) else {
        panic!("not Query")
    };
    assert_eq!(q.operations.len(), 20);
    assert_eq!(q.operations[3], Operation::RE_KEY);
    assert_eq!(q.operations[19], Operation::DISCOVER_VERSIONS);
    assert_eq!(
        q.object_types,
        [
            ObjectType::CERTIFICATE,
            ObjectType::SYMMETRIC_KEY,
            ObjectType::PUBLIC_KEY,
            ObjectType::PRIVATE_KEY,
            ObjectType::TEMPLATE,
            ObjectType::SECRET_DATA
        ]
    );
    assert_eq!(q.vendor_identification.as_deref(), Some("SOME-VENDOR-NAME"));
    assert!(q.server_information.is_some());
}

#[test]
fn tc_13_1_register_key_pair_in_pkcs1_and_locate_by_link() {
    let case = "tc_131_11_register_an_asymmetric_key_pair_in_pkcs1_format";
    let RequestPayload::Register(r) = req_payload(case, 0, 0) else {
        panic!("not Register")
    };
    assert_eq!(r.object_type, ObjectType::PRIVATE_KEY);
    let block = r.object.key_block().unwrap();
    assert_eq!(block.key_format_type, KeyFormatType::PKCS_1);
    assert_eq!(
        block.cryptographic_algorithm,
        Some(CryptographicAlgorithm::RSA)
    );
    assert_eq!(block.cryptographic_length, Some(2048));
    let private = key_material(&r.object);
    assert_eq!(private.len(), 1193);
    assert!(hex_of(&private).contains(RSA_MODULUS_START));
    assert!(!format!("{r:?}").contains("308204a5"));
    let RequestPayload::Register(p) = req_payload(case, 1, 0) else {
        panic!("not Register")
    };
    assert_eq!(
        link(&p.template_attribute.attributes, 0),
        (LinkType::PRIVATE_KEY_LINK, "UNIQUE_IDENTIFIER_0".into())
    );
    assert_eq!(key_material(&p.object).len(), 270);
    let RequestPayload::Locate(l) = req_payload(case, 4, 0) else {
        panic!("not Locate")
    };
    assert_eq!(
        value(&l.attributes, "Object Type"),
        &AttributeValue::ObjectType(ObjectType::PRIVATE_KEY)
    );
    assert_eq!(
        link(&l.attributes, 0),
        (LinkType::PUBLIC_KEY_LINK, "UNIQUE_IDENTIFIER_1".into())
    );
    let ResponsePayload::Get(g) = resp_payload(case, 5, 0) else {
        panic!("not Get")
    };
    assert_eq!(g.object_type, ObjectType::PRIVATE_KEY);
    assert_eq!(key_material(&g.object), private);
}

#[test]
fn tc_13_2_register_key_pair_and_x509_certificate() {
    let case = "tc_132_11_register_an_asymmetric_key_pair_and_a_corresponding_x509_certificate";
    let RequestPayload::Register(r) = req_payload(case, 2, 0) else {
        panic!("not Register")
    };
    assert_eq!(r.object_type, ObjectType::CERTIFICATE);
    let ManagedObject::Certificate(c) = &r.object else {
        panic!("not a Certificate")
    };
    assert_eq!(c.certificate_type, CertificateType::X_509);
    assert_eq!(c.certificate_value.as_bytes().len(), 790);
    assert!(hex_of(c.certificate_value.as_bytes()).contains(RSA_MODULUS_START));
    assert_eq!(
        value(&r.template_attribute.attributes, "Cryptographic Usage Mask"),
        &AttributeValue::CryptographicUsageMask(
            CryptographicUsageMask::SIGN | CryptographicUsageMask::VERIFY
        )
    );
    // Two Add Attribute in one batch; the server answers the second Link with index 1.
    let m = request(case, 3);
    assert_eq!(m.batch_items.len(), 2);
    let r = response(case, 3);
    let ResponsePayload::AddAttribute(a) = response_payload(&r, 1) else {
        panic!("not Add Attribute")
    };
    assert_eq!(a.attribute.index, Some(1));
    let Some(AttributeValue::Link(l)) = &a.attribute.value else {
        panic!("not a Link")
    };
    assert_eq!(l.link_type, LinkType::CERTIFICATE_LINK);
    assert_eq!(l.linked_object_identifier, "UNIQUE_IDENTIFIER_2");
    let ResponsePayload::GetAttributeList(l) = resp_payload(case, 4, 0) else {
        panic!("not Get Attribute List")
    };
    assert_eq!(l.attribute_names.len(), 21);
    assert!(
        l.attribute_names
            .iter()
            .any(|n| n == "X.509 Certificate Subject")
    );
    let ResponsePayload::GetAttributes(g) = resp_payload(case, 5, 0) else {
        panic!("not Get Attributes")
    };
    let AttributeValue::CertificateIdentifier(id) = value(&g.attributes, "Certificate Identifier")
    else {
        panic!("not Certificate Identifier")
    };
    assert_eq!(id.issuer, "CN=KMIP,OU=OASIS,O=TEST,C=US");
    assert_eq!(id.serial_number.as_deref(), Some("01"));
    assert_eq!(
        value(&g.attributes, "Digital Signature Algorithm"),
        &AttributeValue::DigitalSignatureAlgorithm(
            DigitalSignatureAlgorithm::SHA_1_WITH_RSA_ENCRYPTION
        )
    );
    let ResponsePayload::Get(g) = resp_payload(case, 8, 0) else {
        panic!("not Get")
    };
    assert_eq!(g.object_type, ObjectType::CERTIFICATE);
}

#[test]
fn tc_13_3_create_and_re_key_key_pair_transparent_rsa() {
    let case = "tc_133_11_create_re_key_key_pair";
    let RequestPayload::ReKeyKeyPair(r) = req_payload(case, 3, 0) else {
        panic!("not Re-key Key Pair")
    };
    assert_eq!(
        r.private_key_unique_identifier.as_deref(),
        Some("UNIQUE_IDENTIFIER_0")
    );
    assert!(r.common_template_attribute.is_none());
    let ResponsePayload::ReKeyKeyPair(r) = resp_payload(case, 3, 0) else {
        panic!("not Re-key Key Pair")
    };
    assert_eq!(r.private_key_unique_identifier, "UNIQUE_IDENTIFIER_2");
    assert_eq!(r.public_key_unique_identifier, "UNIQUE_IDENTIFIER_3");
    // A Locate batched with a Get that uses the ID Placeholder, in Transparent RSA form.
    let m = request(case, 4);
    let RequestPayload::Locate(l) = payload(&m, 0) else {
        panic!("not Locate")
    };
    assert_eq!(l.maximum_items, Some(1));
    let RequestPayload::Get(g) = payload(&m, 1) else {
        panic!("not Get")
    };
    assert_eq!(g.unique_identifier, None);
    assert_eq!(
        g.key_format_type,
        Some(KeyFormatType::TRANSPARENT_RSA_PRIVATE_KEY)
    );
    let r = response(case, 4);
    let ResponsePayload::Get(g) = response_payload(&r, 1) else {
        panic!("not Get")
    };
    let block = g.object.key_block().unwrap();
    let KeyValue::Structure(kv) = &block.key_value else {
        panic!("wrapped")
    };
    let KeyMaterial::TransparentRsaPrivateKey(k) = &kv.key_material else {
        panic!("not a Transparent RSA Private Key")
    };
    // Big Integers keep their sign-extension padding: 8 zero bytes, then 256.
    assert_eq!(k.modulus.0.len(), 264);
    assert_eq!(k.modulus.0[..9], [0, 0, 0, 0, 0, 0, 0, 0, 0xea]);
    assert_eq!(
        k.public_exponent.as_ref().unwrap().0,
        hex("0000000000010001")
    );
    let d = k.private_exponent.as_ref().unwrap();
    assert_eq!(d.expose().len(), 256);
    assert_eq!(k.p.as_ref().unwrap().expose().len(), 136);
    assert!(k.crt_coefficient.is_some());
    let debug = format!("{g:?}");
    assert!(!debug.contains("42e22587") && !debug.contains("66, 226, 37"));
    let ResponsePayload::Get(p) = response_payload(&response(case, 5), 1).clone() else {
        panic!("not Get")
    };
    let KeyValue::Structure(kv) = &p.object.key_block().unwrap().key_value else {
        panic!("wrapped")
    };
    let KeyMaterial::TransparentRsaPublicKey(pk) = &kv.key_material else {
        panic!("not a Transparent RSA Public Key")
    };
    assert_eq!(pk.modulus, k.modulus);
    // Links after the re-key: new ⇄ old by Replaced / Replacement Object Link, index 1.
    for (time, first, second) in [
        (
            6,
            LinkType::PUBLIC_KEY_LINK,
            (LinkType::REPLACED_OBJECT_LINK, "UNIQUE_IDENTIFIER_0"),
        ),
        (
            8,
            LinkType::PUBLIC_KEY_LINK,
            (LinkType::REPLACEMENT_OBJECT_LINK, "UNIQUE_IDENTIFIER_2"),
        ),
        (
            9,
            LinkType::PRIVATE_KEY_LINK,
            (LinkType::REPLACEMENT_OBJECT_LINK, "UNIQUE_IDENTIFIER_3"),
        ),
    ] {
        let ResponsePayload::GetAttributes(g) = resp_payload(case, time, 0) else {
            panic!("not Get Attributes")
        };
        assert_eq!(link(&g.attributes, 0).0, first);
        assert_eq!(link(&g.attributes, 1), (second.0, second.1.to_owned()));
        assert_eq!(g.attributes[1].index, Some(1));
    }
}

#[test]
fn tc_13_4_certify_and_re_certify() {
    let case = "tc_134_11_register_key_pair_certify_and_re_certify_public_key";
    let RequestPayload::Certify(c) = req_payload(case, 3, 0) else {
        panic!("not Certify")
    };
    assert_eq!(c.unique_identifier.as_deref(), Some("UNIQUE_IDENTIFIER_0"));
    assert_eq!(c.certificate_request_type, CertificateRequestType::PKCS_10);
    assert_eq!(c.certificate_request.as_bytes().len(), 645);
    assert_eq!(
        value(&c.template_attribute.as_ref().unwrap().attributes, "Name"),
        &AttributeValue::Name(Name::text("TC-134-11-certificate1"))
    );
    let ResponsePayload::Certify(r) = resp_payload(case, 3, 0) else {
        panic!("not Certify")
    };
    assert_eq!(r.unique_identifier, "UNIQUE_IDENTIFIER_2");
    let ResponsePayload::GetAttributes(g) = resp_payload(case, 6, 0) else {
        panic!("not Get Attributes")
    };
    assert_eq!(
        value(&g.attributes, "Certificate Length"),
        &AttributeValue::CertificateLength(635)
    );
    assert_eq!(
        value(&g.attributes, "Digital Signature Algorithm"),
        &AttributeValue::DigitalSignatureAlgorithm(
            DigitalSignatureAlgorithm::SHA_256_WITH_RSA_ENCRYPTION
        )
    );
    let AttributeValue::X509CertificateIdentifier(x) =
        value(&g.attributes, "X.509 Certificate Identifier")
    else {
        panic!("not X.509 Certificate Identifier")
    };
    assert_eq!(
        x.certificate_serial_number,
        ByteString(hex("0209009bba23d1b6a48f97"))
    );
    let AttributeValue::X509CertificateSubject(s) =
        value(&g.attributes, "X.509 Certificate Subject")
    else {
        panic!("not X.509 Certificate Subject")
    };
    assert!(s.subject_alternative_names.is_empty());
    assert_eq!(s.subject_distinguished_name.as_bytes()[..2], [0x30, 0x3c]);
    let RequestPayload::ReCertify(r) = req_payload(case, 7, 0) else {
        panic!("not Re-certify")
    };
    assert_eq!(r.unique_identifier.as_deref(), Some("UNIQUE_IDENTIFIER_2"));
    assert_eq!(r.certificate_request, c.certificate_request);
    assert_eq!(r.offset, None);
    let ResponsePayload::ReCertify(r) = resp_payload(case, 7, 0) else {
        panic!("not Re-certify")
    };
    assert_eq!(r.unique_identifier, "UNIQUE_IDENTIFIER_3");
    let ResponsePayload::GetAttributes(g) = resp_payload(case, 11, 0) else {
        panic!("not Get Attributes")
    };
    assert_eq!(
        link(&g.attributes, 0),
        (LinkType::REPLACED_OBJECT_LINK, "UNIQUE_IDENTIFIER_2".into())
    );
    let names: Vec<_> = g
        .attributes
        .iter()
        .filter(|a| a.name == "Name")
        .map(|a| (a.index, a.value.clone()))
        .collect();
    assert_eq!(
        names,
        [
            (
                None,
                Some(AttributeValue::Name(Name::text("TC-134-11-certificate1")))
            ),
            (
                Some(1),
                Some(AttributeValue::Name(Name::text("TC-134-11-certificate2")))
            )
        ]
    );
}

#[test]
fn tc_14_2_key_wrapping_with_attributes() {
    let case = "tc_142_11_key_wrapping_using_aes_key_wrap_with_attributes";
    let RequestPayload::Register(r) = req_payload(case, 0, 0) else {
        panic!("not Register")
    };
    let attrs = &r.template_attribute.attributes;
    let AttributeValue::CryptographicParameters(p) = value(attrs, "Cryptographic Parameters")
    else {
        panic!("not Cryptographic Parameters")
    };
    assert_eq!(p.block_cipher_mode, Some(BlockCipherMode::NIST_KEY_WRAP));
    // `$NOW-3600`.
    assert_eq!(
        value(attrs, "Activation Date"),
        &AttributeValue::ActivationDate(DateTime(1_335_514_341 - 3600))
    );
    let RequestPayload::Get(g) = req_payload(case, 2, 0) else {
        panic!("not Get")
    };
    let spec = g.key_wrapping_specification.as_ref().unwrap();
    assert_eq!(spec.wrapping_method, WrappingMethod::ENCRYPT);
    assert_eq!(
        spec.encryption_key_information
            .as_ref()
            .unwrap()
            .unique_identifier,
        "UNIQUE_IDENTIFIER_0"
    );
    assert_eq!(spec.attribute_names, ["Cryptographic Usage Mask"]);
    // The wrapped Key Value is a Byte String (RFC 3394 of the DEK under the KEK).
    let ResponsePayload::Get(g) = resp_payload(case, 2, 0) else {
        panic!("not Get")
    };
    let block = g.object.key_block().unwrap();
    let KeyValue::Wrapped(w) = &block.key_value else {
        panic!("not wrapped")
    };
    assert_eq!(
        w.as_bytes(),
        hex("1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5")
    );
    let kwd = block.key_wrapping_data.as_ref().unwrap();
    assert_eq!(kwd.wrapping_method, WrappingMethod::ENCRYPT);
    assert_eq!(
        kwd.encryption_key_information
            .as_ref()
            .unwrap()
            .cryptographic_parameters
            .as_ref()
            .unwrap()
            .block_cipher_mode,
        Some(BlockCipherMode::NIST_KEY_WRAP)
    );
    // The Revoke step is a KMIP 1.2 message.
    let m = request(case, 5);
    assert_eq!(m.header.protocol_version, ProtocolVersion::V1_2);
    let RequestPayload::Revoke(r) = payload(&m, 0) else {
        panic!("not Revoke")
    };
    assert_eq!(
        r.revocation_reason.revocation_reason_code,
        RevocationReasonCode::UNSPECIFIED
    );
    assert_eq!(
        response(case, 5).header.protocol_version,
        ProtocolVersion::V1_2
    );
}

#[test]
fn tc_15_1_locate_fresh_object_from_default_group() {
    let case = "tc_151_11_locate_a_fresh_object_from_the_default_group";
    let m = request(case, 0);
    let RequestPayload::Locate(l) = payload(&m, 0) else {
        panic!("not Locate")
    };
    assert_eq!(l.maximum_items, Some(1));
    assert_eq!(
        l.object_group_member,
        Some(ObjectGroupMember::GROUP_MEMBER_FRESH)
    );
    assert_eq!(
        value(&l.attributes, "Object Group"),
        &AttributeValue::ObjectGroup("default".into())
    );
    let RequestPayload::GetAttributes(g) = payload(&m, 1) else {
        panic!("not Get Attributes")
    };
    assert_eq!(g.unique_identifier, None);
    let r = response(case, 0);
    let ResponsePayload::GetAttributes(g) = response_payload(&r, 1) else {
        panic!("not Get Attributes")
    };
    assert_eq!(value(&g.attributes, "Fresh"), &AttributeValue::Fresh(true));
    let ResponsePayload::GetAttributes(g) = resp_payload(case, 2, 0) else {
        panic!("not Get Attributes")
    };
    assert_eq!(value(&g.attributes, "Fresh"), &AttributeValue::Fresh(false));
}

#[test]
fn tc_15_2_client_side_group_management() {
    let case = "tc_152_11_client_side_group_management";
    let RequestPayload::Register(r) = req_payload(case, 1, 0) else {
        panic!("not Register")
    };
    let attrs = &r.template_attribute.attributes;
    assert_eq!(
        value(attrs, "Object Group"),
        &AttributeValue::ObjectGroup("ClientFreshTest".into())
    );
    assert_eq!(value(attrs, "Fresh"), &AttributeValue::Fresh(true));
    assert_eq!(custom_text(attrs, "x-ID"), "TC-152-11-key2");
    // Three batched Locate + Get: the two fresh keys, then nothing.
    for (time, id, key) in [
        (
            4,
            "UNIQUE_IDENTIFIER_0",
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
        ),
        (
            5,
            "UNIQUE_IDENTIFIER_1",
            "00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f",
        ),
    ] {
        let r = response(case, time);
        let ResponsePayload::Locate(l) = response_payload(&r, 0) else {
            panic!("not Locate")
        };
        assert_eq!(l.unique_identifiers, [id]);
        let ResponsePayload::Get(g) = response_payload(&r, 1) else {
            panic!("not Get")
        };
        assert_eq!(key_material(&g.object), hex(key));
    }
    let r = response(case, 6);
    let ResponsePayload::Locate(l) = response_payload(&r, 0) else {
        panic!("not Locate")
    };
    assert!(l.unique_identifiers.is_empty());
    assert_eq!(
        r.batch_items[1].result_reason,
        Some(ResultReason::ITEM_NOT_FOUND)
    );
    assert_eq!(
        r.batch_items[1].result_message.as_deref(),
        Some("NOT_FOUND")
    );
}

#[test]
fn tc_17_1_attribute_index_handling() {
    let case = "tc_171_11_handling_of_attributes_and_attribute_index_values";
    let RequestPayload::Create(c) = req_payload(case, 0, 0) else {
        panic!("not Create")
    };
    let names = c
        .template_attribute
        .attributes
        .iter()
        .filter(|a| a.name == "Name")
        .count();
    assert_eq!(names, 2);
    let RequestPayload::GetAttributes(g) = req_payload(case, 1, 0) else {
        panic!("not Get Attributes")
    };
    assert_eq!(g.attribute_names, ["Object Type", "Object Type"]);
    let refused = &response(case, 1).batch_items[0];
    assert_eq!(refused.result_reason, Some(ResultReason::INVALID_MESSAGE));
    let RequestPayload::ModifyAttribute(m) = req_payload(case, 3, 0) else {
        panic!("not Modify Attribute")
    };
    assert_eq!(m.attribute.index, Some(0));
    let ResponsePayload::ModifyAttribute(m) = resp_payload(case, 3, 0) else {
        panic!("not Modify Attribute")
    };
    // The response carries no index.
    assert_eq!(m.attribute.index, None);
    assert_eq!(
        m.attribute.value,
        Some(AttributeValue::ContactInformation(
            "donald@localhost".into()
        ))
    );
    let RequestPayload::DeleteAttribute(d) = req_payload(case, 4, 0) else {
        panic!("not Delete Attribute")
    };
    assert_eq!(
        (d.attribute_name.as_str(), d.attribute_index),
        ("Name", None)
    );
    let ResponsePayload::DeleteAttribute(d) = resp_payload(case, 4, 0) else {
        panic!("not Delete Attribute")
    };
    assert_eq!(
        d.attribute.value,
        Some(AttributeValue::Name(Name::text("TC-171-11-name1")))
    );
}

#[test]
fn tc_18_1_digests_of_symmetric_keys() {
    let case = "tc_181_11_digests_of_symmetric_keys";
    let material = hex("0000111122223333444455556666777788889999aaaabbbbccccddddeeeeffff");
    let RequestPayload::Register(r) = req_payload(case, 2, 0) else {
        panic!("not Register")
    };
    let block = r.object.key_block().unwrap();
    assert_eq!(
        block.key_format_type,
        KeyFormatType::TRANSPARENT_SYMMETRIC_KEY
    );
    let KeyValue::Structure(kv) = &block.key_value else {
        panic!("wrapped")
    };
    let KeyMaterial::TransparentSymmetricKey(t) = &kv.key_material else {
        panic!("not a Transparent Symmetric Key")
    };
    assert_eq!(t.key.expose(), material);
    assert!(!format!("{r:?}").contains("0000111122223333"));
    for (time, format, digest) in [
        (
            1,
            KeyFormatType::RAW,
            "6c064fe051add11edc07727b594eb48711df843e08445bba2cd786bc16bc58e8",
        ),
        (
            3,
            KeyFormatType::TRANSPARENT_SYMMETRIC_KEY,
            "499ce96ff6f5e19fe9fe7a2fe4c3e92b88db0001a4e8df28d9966856b6c4b87c",
        ),
        (
            5,
            KeyFormatType::RAW,
            "314b223505091db03325c638a6016cf7080d3b116eb3f4896b6d24d4ec2215f8",
        ),
    ] {
        let ResponsePayload::GetAttributes(g) = resp_payload(case, time, 0) else {
            panic!("not Get Attributes")
        };
        assert_eq!(
            value(&g.attributes, "Digest"),
            &AttributeValue::Digest(Digest {
                hashing_algorithm: HashingAlgorithm::SHA_256,
                digest_value: Some(ByteString(hex(digest))),
                key_format_type: Some(format),
                unknown: Vec::new(),
            })
        );
    }
    let ResponsePayload::Get(g) = resp_payload(case, 6, 0) else {
        panic!("not Get")
    };
    assert_eq!(key_material(&g.object).len(), 32);
}

#[test]
fn tc_9_1_create_and_re_key() {
    let case = "tc_91_11_create_a_key_re_key";
    let RequestPayload::ReKey(r) = req_payload(case, 2, 0) else {
        panic!("not Re-key")
    };
    assert_eq!(r.unique_identifier.as_deref(), Some("UNIQUE_IDENTIFIER_0"));
    assert_eq!(
        (r.offset.is_none(), r.template_attribute.is_none()),
        (true, true)
    );
    let ResponsePayload::ReKey(r) = resp_payload(case, 2, 0) else {
        panic!("not Re-key")
    };
    assert_eq!(r.unique_identifier, "UNIQUE_IDENTIFIER_1");
    // The name moved to the new key; the old key has none left.
    let ResponsePayload::Locate(l) = resp_payload(case, 3, 0) else {
        panic!("not Locate")
    };
    assert_eq!(l.unique_identifiers, ["UNIQUE_IDENTIFIER_1"]);
    let ResponsePayload::GetAttributes(g) = resp_payload(case, 4, 0) else {
        panic!("not Get Attributes")
    };
    assert!(g.attributes.is_empty());
    let ResponsePayload::Get(g) = resp_payload(case, 5, 0) else {
        panic!("not Get")
    };
    assert_eq!(
        key_material(&g.object),
        hex("9ca9840291a65889043c37707da997e8")
    );
}

#[test]
fn tc_9_5_obtain_lease_for_compromised_key() {
    let case = "tc_95_11_obtain_lease_for_expired_key";
    let RequestPayload::ObtainLease(o) = req_payload(case, 2, 0) else {
        panic!("not Obtain Lease")
    };
    assert_eq!(o.unique_identifier.as_deref(), Some("UNIQUE_IDENTIFIER_0"));
    let ResponsePayload::ObtainLease(o) = resp_payload(case, 2, 0) else {
        panic!("not Obtain Lease")
    };
    assert_eq!(o.lease_time, 0);
    // `$NOW`.
    assert_eq!(o.last_change_date, DateTime(1_335_514_341));
    let RequestPayload::Revoke(r) = req_payload(case, 3, 0) else {
        panic!("not Revoke")
    };
    assert_eq!(
        r.revocation_reason.revocation_reason_code,
        RevocationReasonCode::KEY_COMPROMISE
    );
    assert_eq!(r.compromise_occurrence_date, Some(DateTime(1_335_514_341)));
    let ResponsePayload::ReKey(k) = resp_payload(case, 4, 0) else {
        panic!("not Re-key")
    };
    assert_eq!(k.unique_identifier, "UNIQUE_IDENTIFIER_1");
    let refused = &response(case, 5).batch_items[0];
    assert_eq!(refused.operation, Some(Operation::OBTAIN_LEASE));
    assert_eq!(refused.result_reason, Some(ResultReason::PERMISSION_DENIED));
    assert_eq!(
        refused.result_message.as_deref(),
        Some("CO is in   state Compromised, no lease given")
    );
    let ResponsePayload::ObtainLease(o) = resp_payload(case, 8, 0) else {
        panic!("not Obtain Lease")
    };
    assert_eq!(o.unique_identifier, "UNIQUE_IDENTIFIER_1");
    let m = request(case, 10);
    let RequestPayload::Revoke(r) = payload(&m, 0) else {
        panic!("not Revoke")
    };
    assert_eq!(
        r.revocation_reason.revocation_reason_code,
        RevocationReasonCode::CESSATION_OF_OPERATION
    );
    assert!(matches!(payload(&m, 1), RequestPayload::Destroy(_)));
}

#[test]
fn tc_ecc_1_register_ecc_key_pair() {
    let case = "tc_ecc_1_11_register_an_ecc_key_pair";
    let RequestPayload::Register(r) = req_payload(case, 0, 0) else {
        panic!("not Register")
    };
    let block = r.object.key_block().unwrap();
    assert_eq!(block.key_format_type, KeyFormatType::EC_PRIVATE_KEY);
    assert_eq!(
        block.cryptographic_algorithm,
        Some(CryptographicAlgorithm::ECDSA)
    );
    assert_eq!(block.cryptographic_length, Some(256));
    let private = key_material(&r.object);
    // RFC 5915 ECPrivateKey with the P-256 OID.
    assert_eq!(private.len(), 121);
    assert!(hex_of(&private).contains("2a8648ce3d030107"));
    assert!(!format!("{r:?}").contains("912a0e20"));
    let RequestPayload::Register(p) = req_payload(case, 1, 0) else {
        panic!("not Register")
    };
    let block = p.object.key_block().unwrap();
    assert_eq!(block.key_format_type, KeyFormatType::X_509);
    assert_eq!(key_material(&p.object).len(), 91);
    let ResponsePayload::Get(g) = resp_payload(case, 5, 0) else {
        panic!("not Get")
    };
    assert_eq!(key_material(&g.object), private);
    let ResponsePayload::Locate(l) = resp_payload(case, 3, 0) else {
        panic!("not Locate")
    };
    assert_eq!(l.unique_identifiers, ["UNIQUE_IDENTIFIER_1"]);
}

/// `$NOW` of the header of the fixture file.
const NOW: i64 = 1_335_514_341;

fn state_of(case: &str, time: u32) -> State {
    let ResponsePayload::GetAttributes(g) = resp_payload(case, time, 0) else {
        panic!("not Get Attributes")
    };
    let AttributeValue::State(s) = value(&g.attributes, "State") else {
        panic!("not a State")
    };
    *s
}

#[test]
fn tc_8_2_register_both_halves_of_a_key_pair() {
    let case = "tc_82_11_register_both_halves_of_a_key_pair";
    let RequestPayload::Register(r) = req_payload(case, 0, 0) else {
        panic!("not Register")
    };
    assert_eq!(r.object_type, ObjectType::PRIVATE_KEY);
    assert_eq!(
        value(&r.template_attribute.attributes, "Cryptographic Usage Mask"),
        &AttributeValue::CryptographicUsageMask(CryptographicUsageMask::SIGN)
    );
    assert_eq!(
        custom_text(&r.template_attribute.attributes, "x-ID"),
        "TC-82-11-prikey"
    );
    let block = r.object.key_block().unwrap();
    assert_eq!(block.key_format_type, KeyFormatType::PKCS_8);
    assert_eq!(
        block.cryptographic_algorithm,
        Some(CryptographicAlgorithm::RSA)
    );
    assert_eq!(block.cryptographic_length, Some(1024));
    // PKCS#8 PrivateKeyInfo of a 1024-bit RSA key: 0x30 0x82 0x0276, 634 bytes.
    let private = key_material(&r.object);
    assert_eq!(private.len(), 634);
    assert!(!format!("{r:?}").contains("930451c9"));
    let RequestPayload::Register(p) = req_payload(case, 1, 0) else {
        panic!("not Register")
    };
    assert_eq!(p.object_type, ObjectType::PUBLIC_KEY);
    assert_eq!(
        link(&p.template_attribute.attributes, 0),
        (LinkType::PRIVATE_KEY_LINK, "UNIQUE_IDENTIFIER_0".into())
    );
    let public = key_material(&p.object);
    assert_eq!(
        p.object.key_block().unwrap().key_format_type,
        KeyFormatType::X_509
    );
    assert_eq!(public.len(), 162);
    // The same modulus in both halves.
    let modulus = "00930451c9ecd94f5bb9da17dd09381bd23be43eca8c7539f301fc8a8cd5d5274c";
    assert!(hex_of(&private).contains(modulus) && hex_of(&public).contains(modulus));
    let RequestPayload::AddAttribute(a) = req_payload(case, 2, 0) else {
        panic!("not Add Attribute")
    };
    assert_eq!(a.unique_identifier.as_deref(), Some("UNIQUE_IDENTIFIER_0"));
    let ResponsePayload::AddAttribute(added) = resp_payload(case, 2, 0) else {
        panic!("not Add Attribute")
    };
    assert_eq!(added.attribute, a.attribute);
    assert_eq!(
        link(std::slice::from_ref(&added.attribute), 0),
        (LinkType::PUBLIC_KEY_LINK, "UNIQUE_IDENTIFIER_1".into())
    );
    for (time, object_type, link_type, linked, found) in [
        (
            3,
            ObjectType::PUBLIC_KEY,
            LinkType::PRIVATE_KEY_LINK,
            "0",
            "1",
        ),
        (
            4,
            ObjectType::PRIVATE_KEY,
            LinkType::PUBLIC_KEY_LINK,
            "1",
            "0",
        ),
    ] {
        let RequestPayload::Locate(l) = req_payload(case, time, 0) else {
            panic!("not Locate")
        };
        assert_eq!(
            value(&l.attributes, "Object Type"),
            &AttributeValue::ObjectType(object_type)
        );
        assert_eq!(
            link(&l.attributes, 0),
            (link_type, format!("UNIQUE_IDENTIFIER_{linked}"))
        );
        let ResponsePayload::Locate(l) = resp_payload(case, time, 0) else {
            panic!("not Locate")
        };
        assert_eq!(l.unique_identifiers, [format!("UNIQUE_IDENTIFIER_{found}")]);
    }
    let ResponsePayload::Destroy(d) = resp_payload(case, 6, 0) else {
        panic!("not Destroy")
    };
    assert_eq!(d.unique_identifier, "UNIQUE_IDENTIFIER_1");
}

#[test]
fn tc_9_2_expired_key_re_key_with_same_life_cycle() {
    let case = "tc_92_11_existing_key_expired_re_key_with_same_life_cycle";
    let m = request(case, 1);
    assert_eq!(m.batch_items.len(), 2);
    assert_eq!(
        m.batch_items[1].unique_batch_item_id,
        Some(ByteString(hex("7cb12802f6a52cf1")))
    );
    let RequestPayload::AddAttribute(a) = payload(&m, 0) else {
        panic!("not Add Attribute")
    };
    assert_eq!(
        a.attribute.value,
        Some(AttributeValue::ActivationDate(DateTime(NOW)))
    );
    let RequestPayload::AddAttribute(d) = payload(&m, 1) else {
        panic!("not Add Attribute")
    };
    assert_eq!(
        d.attribute.value,
        Some(AttributeValue::DeactivationDate(DateTime(NOW + 120)))
    );
    let r = response(case, 1);
    assert_eq!(
        r.batch_items[0].unique_batch_item_id,
        Some(ByteString(hex("606051f958d79b0f")))
    );
    let ResponsePayload::AddAttribute(added) = response_payload(&r, 1) else {
        panic!("not Add Attribute")
    };
    assert_eq!(added.attribute, d.attribute);
    // Active, then Deactivated two minutes later.
    assert_eq!(state_of(case, 2), State::ACTIVE);
    assert_eq!(state_of(case, 3), State::DEACTIVATED);
    assert_eq!(
        response(case, 3).header.time_stamp.to_string(),
        "2012-04-27T08:14:27Z"
    );
    let RequestPayload::ReKey(k) = req_payload(case, 4, 0) else {
        panic!("not Re-key")
    };
    assert_eq!(k.unique_identifier.as_deref(), Some("UNIQUE_IDENTIFIER_0"));
    assert_eq!(k.offset, Some(0));
    assert!(k.template_attribute.is_none());
    let ResponsePayload::ReKey(k) = resp_payload(case, 4, 0) else {
        panic!("not Re-key")
    };
    assert_eq!(k.unique_identifier, "UNIQUE_IDENTIFIER_1");
    // The replacement key keeps the dates of the old one.
    let RequestPayload::GetAttributes(g) = req_payload(case, 5, 0) else {
        panic!("not Get Attributes")
    };
    assert_eq!(g.attribute_names, ["Activation Date", "Deactivation Date"]);
    let ResponsePayload::GetAttributes(g) = resp_payload(case, 5, 0) else {
        panic!("not Get Attributes")
    };
    assert_eq!(g.unique_identifier, "UNIQUE_IDENTIFIER_1");
    assert_eq!(
        g.attributes
            .iter()
            .map(|a| a.value.clone().unwrap())
            .collect::<Vec<_>>(),
        [
            AttributeValue::ActivationDate(DateTime(NOW)),
            AttributeValue::DeactivationDate(DateTime(NOW + 120))
        ]
    );
    assert_eq!(state_of(case, 6), State::ACTIVE);
    let m = request(case, 8);
    assert_eq!(m.header.batch_order_option, Some(true));
    let RequestPayload::Revoke(r) = payload(&m, 0) else {
        panic!("not Revoke")
    };
    assert_eq!(
        r.revocation_reason.revocation_reason_code,
        RevocationReasonCode::CESSATION_OF_OPERATION
    );
    assert!(matches!(payload(&m, 1), RequestPayload::Destroy(_)));
}

#[test]
fn tc_9_3_compromised_key_re_key_with_same_life_cycle() {
    let case = "tc_93_11_existing_key_compromised_re_key_with_same_life_cycle";
    let RequestPayload::Create(c) = req_payload(case, 0, 0) else {
        panic!("not Create")
    };
    assert_eq!(
        value(&c.template_attribute.attributes, "Activation Date"),
        &AttributeValue::ActivationDate(DateTime(NOW))
    );
    assert_eq!(
        value(&c.template_attribute.attributes, "Name"),
        &AttributeValue::Name(Name::text("TC-93-11-rekeyKey"))
    );
    assert_eq!(state_of(case, 1), State::ACTIVE);
    let RequestPayload::Revoke(r) = req_payload(case, 2, 0) else {
        panic!("not Revoke")
    };
    assert_eq!(
        r.revocation_reason.revocation_reason_code,
        RevocationReasonCode::KEY_COMPROMISE
    );
    assert_eq!(r.compromise_occurrence_date, Some(DateTime(NOW)));
    assert_eq!(state_of(case, 3), State::COMPROMISED);
    // Re-key without an Offset: the replacement is Active.
    let RequestPayload::ReKey(k) = req_payload(case, 4, 0) else {
        panic!("not Re-key")
    };
    assert_eq!(k.offset, None);
    let ResponsePayload::ReKey(k) = resp_payload(case, 4, 0) else {
        panic!("not Re-key")
    };
    assert_eq!(k.unique_identifier, "UNIQUE_IDENTIFIER_1");
    assert_eq!(state_of(case, 5), State::ACTIVE);
    let r = response(case, 7);
    assert_eq!(r.batch_items.len(), 2);
    assert_eq!(
        r.batch_items[1].unique_batch_item_id,
        Some(ByteString(hex("4e6a3e943e1dda87")))
    );
    let ResponsePayload::Destroy(d) = response_payload(&r, 1) else {
        panic!("not Destroy")
    };
    assert_eq!(d.unique_identifier, "UNIQUE_IDENTIFIER_1");
}

#[test]
fn tc_9_4_re_key_with_new_life_cycle() {
    let case = "tc_94_11_create_key_re_key_with_new_life_cycle";
    const YEAR: i64 = 31_536_000;
    let expected = [
        AttributeValue::ActivationDate(DateTime(NOW - YEAR)),
        AttributeValue::ProcessStartDate(DateTime(NOW - YEAR)),
        AttributeValue::ProtectStopDate(DateTime(NOW + YEAR)),
        AttributeValue::DeactivationDate(DateTime(NOW + YEAR)),
    ];
    let RequestPayload::ReKey(k) = req_payload(case, 2, 0) else {
        panic!("not Re-key")
    };
    assert_eq!(k.offset, None);
    let template = k.template_attribute.unwrap();
    assert_eq!(
        template
            .attributes
            .iter()
            .map(|a| a.value.clone().unwrap())
            .collect::<Vec<_>>(),
        expected
    );
    // The name moved to the replacement key.
    let ResponsePayload::GetAttributes(g) = resp_payload(case, 3, 0) else {
        panic!("not Get Attributes")
    };
    assert_eq!(g.unique_identifier, "UNIQUE_IDENTIFIER_0");
    assert!(g.attributes.is_empty());
    let RequestPayload::GetAttributes(g) = req_payload(case, 4, 0) else {
        panic!("not Get Attributes")
    };
    assert_eq!(g.attribute_names.len(), 4);
    assert_eq!(g.attribute_names[2], "Protect Stop Date");
    let ResponsePayload::GetAttributes(g) = resp_payload(case, 4, 0) else {
        panic!("not Get Attributes")
    };
    assert_eq!(
        g.attributes
            .iter()
            .map(|a| a.value.clone().unwrap())
            .collect::<Vec<_>>(),
        expected
    );
    let RequestPayload::Locate(l) = req_payload(case, 5, 0) else {
        panic!("not Locate")
    };
    assert_eq!(
        value(&l.attributes, "Name"),
        &AttributeValue::Name(Name::text("TC-94-11-rekeyKey"))
    );
    let ResponsePayload::Locate(l) = resp_payload(case, 5, 0) else {
        panic!("not Locate")
    };
    assert_eq!(l.unique_identifiers, ["UNIQUE_IDENTIFIER_1"]);
}

#[test]
fn tc_15_3_default_object_group_member_round_robin() {
    let case = "tc_153_11_default_object_group_member";
    let m = request(case, 0);
    assert_eq!(m.batch_items.len(), 3);
    for (i, item) in m.batch_items.iter().enumerate() {
        let RequestPayload::Create(c) = item.typed_payload().unwrap() else {
            panic!("not Create")
        };
        let attrs = &c.template_attribute.attributes;
        assert_eq!(
            value(attrs, "Object Group"),
            &AttributeValue::ObjectGroup("RoundRobinTestGroup".into())
        );
        assert_eq!(
            custom_text(attrs, "x-ID"),
            format!("TC-153-11-key{}", i + 1)
        );
    }
    let r = response(case, 0);
    assert_eq!(
        r.batch_items[2].unique_batch_item_id,
        Some(ByteString(hex("77e87d356ba09da1")))
    );
    // Four Locate + Get of the default member: keys 0, 1, 2, then 0 again.
    let mut keys = Vec::new();
    for (time, expected) in [(1, 0), (2, 1), (3, 2), (4, 0)] {
        let m = request(case, time);
        assert_eq!(m.header.batch_order_option, Some(true));
        let RequestPayload::Locate(l) = payload(&m, 0) else {
            panic!("not Locate")
        };
        assert_eq!(l.maximum_items, Some(1));
        assert_eq!(
            l.object_group_member,
            Some(ObjectGroupMember::GROUP_MEMBER_DEFAULT)
        );
        let RequestPayload::Get(g) = payload(&m, 1) else {
            panic!("not Get")
        };
        assert_eq!(g.unique_identifier, None);
        let r = response(case, time);
        let id = format!("UNIQUE_IDENTIFIER_{expected}");
        let ResponsePayload::Locate(l) = response_payload(&r, 0) else {
            panic!("not Locate")
        };
        assert_eq!(l.unique_identifiers, std::slice::from_ref(&id));
        let ResponsePayload::Get(g) = response_payload(&r, 1) else {
            panic!("not Get")
        };
        assert_eq!(g.unique_identifier, id);
        assert_eq!(
            g.object.key_block().unwrap().cryptographic_length,
            Some(256)
        );
        keys.push(key_material(&g.object));
        assert!(!format!("{g:?}").contains("bd13da8b"));
    }
    assert_eq!(keys[0][..4], hex("bd13da8b"));
    assert_eq!(keys[1][..4], hex("430bfb0c"));
    assert_eq!(keys[2][..4], hex("a51b38e4"));
    assert_ne!(keys[0], keys[1]);
    assert_eq!(keys[3], keys[0]);
    let m = request(case, 5);
    assert_eq!(
        m.header.batch_error_continuation_option,
        Some(BatchErrorContinuationOption::CONTINUE)
    );
    assert_eq!(m.batch_items.len(), 3);
    assert!(
        m.batch_items
            .iter()
            .all(|i| matches!(i.typed_payload().unwrap(), RequestPayload::Destroy(_)))
    );
}

#[test]
fn tc_18_2_digests_of_rsa_private_keys() {
    let case = "tc_182_11_digests_of_rsa_private_keys";
    let RequestPayload::Register(r) = req_payload(case, 0, 0) else {
        panic!("not Register")
    };
    assert_eq!(
        custom_text(&r.template_attribute.attributes, "x-ID"),
        "TC-182-11-prikey1"
    );
    assert_eq!(
        r.object.key_block().unwrap().key_format_type,
        KeyFormatType::PKCS_1
    );
    let pkcs1 = key_material(&r.object);
    assert_eq!(pkcs1.len(), 1193);
    assert!(hex_of(&pkcs1).contains(RSA_MODULUS_START));
    let RequestPayload::Register(t) = req_payload(case, 2, 0) else {
        panic!("not Register")
    };
    let block = t.object.key_block().unwrap();
    assert_eq!(
        block.key_format_type,
        KeyFormatType::TRANSPARENT_RSA_PRIVATE_KEY
    );
    let KeyValue::Structure(kv) = &block.key_value else {
        panic!("wrapped")
    };
    let KeyMaterial::TransparentRsaPrivateKey(k) = &kv.key_material else {
        panic!("not a Transparent RSA Private Key")
    };
    // The same key in both forms: the modulus and the CRT coefficient of the
    // Transparent form appear in the PKCS#1 encoding.
    assert_eq!(k.modulus.0.len(), 264);
    assert!(hex_of(&pkcs1).contains(&hex_of(&k.modulus.0[8..])));
    let qinv = k.crt_coefficient.as_ref().unwrap().expose();
    assert!(hex_of(&pkcs1).ends_with(&hex_of(&qinv[8..])));
    assert_eq!(
        k.public_exponent.as_ref().unwrap().0,
        hex("0000000000010001")
    );
    assert_eq!(k.private_exponent.as_ref().unwrap().expose().len(), 256);
    let debug = format!("{t:?}");
    assert!(!debug.contains("3b12455d") && !debug.contains("59, 18, 69, 93"));
    // The Digest is taken over what was registered: the PKCS#1 bytes, or the TTLV
    // Key Material structure.
    for (time, id, format, digest) in [
        (
            1,
            "UNIQUE_IDENTIFIER_0",
            KeyFormatType::PKCS_1,
            "11110a01ed4589d9987c9ad60368e2b762f2b20c00946e1932c1605a18172f55",
        ),
        (
            3,
            "UNIQUE_IDENTIFIER_1",
            KeyFormatType::TRANSPARENT_RSA_PRIVATE_KEY,
            "d73bbc51e83332935f912dbfc35c5efc3b7bf8021835ba86b8da4181f74244ac",
        ),
    ] {
        let ResponsePayload::GetAttributes(g) = resp_payload(case, time, 0) else {
            panic!("not Get Attributes")
        };
        assert_eq!(g.unique_identifier, id);
        assert_eq!(
            value(&g.attributes, "Digest"),
            &AttributeValue::Digest(Digest {
                hashing_algorithm: HashingAlgorithm::SHA_256,
                digest_value: Some(ByteString(hex(digest))),
                key_format_type: Some(format),
                unknown: Vec::new(),
            })
        );
    }
    let ResponsePayload::Destroy(d) = resp_payload(case, 5, 0) else {
        panic!("not Destroy")
    };
    assert_eq!(d.unique_identifier, "UNIQUE_IDENTIFIER_0");
}

/// The P-256 public key of TC-ECC-2 (SubjectPublicKeyInfo), start of the point.
const ECC_2_POINT_START: &str = "0004b344392fb72aa267";

#[test]
fn tc_ecc_2_register_ecc_key_pair_in_pkcs8() {
    let case = "tc_ecc_2_11_register_an_ecc_key_pair_in_pkcs8_format";
    let RequestPayload::Register(r) = req_payload(case, 0, 0) else {
        panic!("not Register")
    };
    assert_eq!(r.object_type, ObjectType::PRIVATE_KEY);
    assert_eq!(
        custom_text(&r.template_attribute.attributes, "x-ID"),
        "TC-ECC-2-11-prikey1"
    );
    let block = r.object.key_block().unwrap();
    assert_eq!(block.key_format_type, KeyFormatType::PKCS_8);
    assert_eq!(
        block.cryptographic_algorithm,
        Some(CryptographicAlgorithm::ECDSA)
    );
    assert_eq!(block.cryptographic_length, Some(256));
    // An EncryptedPrivateKeyInfo (pbeWithSHAAnd3-KeyTripleDES-CBC, OID
    // 1.2.840.113549.1.12.1.3), 180 bytes.
    let private = key_material(&r.object);
    assert_eq!(private.len(), 180);
    assert!(hex_of(&private).starts_with("3081b1301c060a2a864886f70d010c0103"));
    assert!(!format!("{r:?}").contains("eadf76e9"));
    let RequestPayload::Register(p) = req_payload(case, 1, 0) else {
        panic!("not Register")
    };
    assert_eq!(
        link(&p.template_attribute.attributes, 0),
        (LinkType::PRIVATE_KEY_LINK, "UNIQUE_IDENTIFIER_0".into())
    );
    let public = key_material(&p.object);
    assert_eq!(public.len(), 91);
    // id-ecPublicKey, prime256v1.
    assert!(hex_of(&public).contains("2a8648ce3d0201"));
    assert!(hex_of(&public).contains("2a8648ce3d030107"));
    assert!(hex_of(&public).contains(ECC_2_POINT_START));
    let ResponsePayload::AddAttribute(a) = resp_payload(case, 2, 0) else {
        panic!("not Add Attribute")
    };
    assert_eq!(a.attribute.index, None);
    let ResponsePayload::Locate(l) = resp_payload(case, 4, 0) else {
        panic!("not Locate")
    };
    assert_eq!(l.unique_identifiers, ["UNIQUE_IDENTIFIER_0"]);
    // Get returns both halves as registered.
    let ResponsePayload::Get(g) = resp_payload(case, 5, 0) else {
        panic!("not Get")
    };
    assert_eq!(g.object_type, ObjectType::PRIVATE_KEY);
    assert_eq!(
        g.object.key_block().unwrap().key_format_type,
        KeyFormatType::PKCS_8
    );
    assert_eq!(key_material(&g.object), private);
    let ResponsePayload::Get(g) = resp_payload(case, 6, 0) else {
        panic!("not Get")
    };
    assert_eq!(g.object_type, ObjectType::PUBLIC_KEY);
    assert_eq!(key_material(&g.object), public);
}

#[test]
fn tc_ecc_3_register_ecc_key_pair_and_ecdsa_certificate() {
    let case = "tc_ecc_3_11_register_an_ecc_key_pair_and_ecdsa_certificate";
    let RequestPayload::Register(r) = req_payload(case, 0, 0) else {
        panic!("not Register")
    };
    let block = r.object.key_block().unwrap();
    assert_eq!(block.key_format_type, KeyFormatType::EC_PRIVATE_KEY);
    // RFC 5915 ECPrivateKey on secp256k1 (OID 1.3.132.0.10).
    let private = key_material(&r.object);
    assert_eq!(private.len(), 118);
    assert!(hex_of(&private).contains("06052b8104000a"));
    assert!(!format!("{r:?}").contains("db4d128c"));
    let RequestPayload::Register(p) = req_payload(case, 1, 0) else {
        panic!("not Register")
    };
    let public = key_material(&p.object);
    assert_eq!(public.len(), 88);
    // The public point of the private key is the registered public key's.
    let point = &public[public.len() - 65..];
    assert!(private.ends_with(point));
    let RequestPayload::Register(c) = req_payload(case, 2, 0) else {
        panic!("not Register")
    };
    assert_eq!(c.object_type, ObjectType::CERTIFICATE);
    assert_eq!(
        value(&c.template_attribute.attributes, "Cryptographic Usage Mask"),
        &AttributeValue::CryptographicUsageMask(
            CryptographicUsageMask::SIGN | CryptographicUsageMask::VERIFY
        )
    );
    // As published: the certificate links to the private key's identifier.
    assert_eq!(
        link(&c.template_attribute.attributes, 0),
        (LinkType::PUBLIC_KEY_LINK, "UNIQUE_IDENTIFIER_0".into())
    );
    let ManagedObject::Certificate(cert) = &c.object else {
        panic!("not a Certificate")
    };
    assert_eq!(cert.certificate_type, CertificateType::X_509);
    let der = cert.certificate_value.as_bytes();
    assert_eq!(der.len(), 473);
    assert!(hex_of(der).contains(&hex_of(point)));
    let r = response(case, 3);
    assert_eq!(
        r.batch_items[1].unique_batch_item_id,
        Some(ByteString(vec![2]))
    );
    let ResponsePayload::AddAttribute(a) = response_payload(&r, 1) else {
        panic!("not Add Attribute")
    };
    assert_eq!(a.attribute.index, Some(1));
    assert_eq!(
        link(std::slice::from_ref(&a.attribute), 0),
        (LinkType::CERTIFICATE_LINK, "UNIQUE_IDENTIFIER_2".into())
    );
    let ResponsePayload::GetAttributeList(l) = resp_payload(case, 4, 0) else {
        panic!("not Get Attribute List")
    };
    assert_eq!(l.attribute_names.len(), 21);
    assert_eq!(l.attribute_names[0], "x-ID");
    assert_eq!(l.attribute_names[20], "X.509 Certificate Subject");
    let ResponsePayload::GetAttributes(g) = resp_payload(case, 5, 0) else {
        panic!("not Get Attributes")
    };
    assert_eq!(
        value(&g.attributes, "Digital Signature Algorithm"),
        &AttributeValue::DigitalSignatureAlgorithm(DigitalSignatureAlgorithm::ECDSA_WITH_SHA256)
    );
    let AttributeValue::X509CertificateIdentifier(id) =
        value(&g.attributes, "X.509 Certificate Identifier")
    else {
        panic!("not X.509 Certificate Identifier")
    };
    // The DER INTEGER of the serial number, and the issuer DN, as in the certificate.
    assert_eq!(
        id.certificate_serial_number,
        ByteString(hex("020900ec0b7402196d5295"))
    );
    assert!(hex_of(der).contains(&hex_of(id.certificate_serial_number.as_bytes())));
    let dn = id.issuer_distinguished_name.as_bytes();
    assert_eq!(dn.len(), 74);
    assert!(hex_of(der).contains(&hex_of(dn)));
    let AttributeValue::X509CertificateIssuer(i) = value(&g.attributes, "X.509 Certificate Issuer")
    else {
        panic!("not X.509 Certificate Issuer")
    };
    assert_eq!(i.issuer_distinguished_name, id.issuer_distinguished_name);
    assert!(i.issuer_alternative_names.is_empty());
    let AttributeValue::X509CertificateSubject(s) =
        value(&g.attributes, "X.509 Certificate Subject")
    else {
        panic!("not X.509 Certificate Subject")
    };
    // Self-signed.
    assert_eq!(s.subject_distinguished_name, id.issuer_distinguished_name);
    // As published, the Get responses return the key pair of TC-ECC-2.
    let ResponsePayload::Get(g) = resp_payload(case, 8, 0) else {
        panic!("not Get")
    };
    assert_eq!(
        g.object.key_block().unwrap().key_format_type,
        KeyFormatType::EC_PRIVATE_KEY
    );
    assert_eq!(key_material(&g.object).len(), 180);
    let ResponsePayload::Get(g) = resp_payload(case, 9, 0) else {
        panic!("not Get")
    };
    assert!(hex_of(&key_material(&g.object)).contains(ECC_2_POINT_START));
    let ResponsePayload::Destroy(d) = resp_payload(case, 12, 0) else {
        panic!("not Destroy")
    };
    assert_eq!(d.unique_identifier, "UNIQUE_IDENTIFIER_2");
}

/// 2013-01-10T23:33:21Z, the Initial Date the SKLC test cases report.
const T_2013_01_10_23_33_21: DateTime = DateTime(1_357_860_801);

/// Create of an AES-256 key named `name`, Get Attributes of the new key: the request and
/// response of steps 0 and 1 common to the SKLC test cases.
fn check_sklc_create_and_attributes(case: &str, name: &str, names_asked: usize) {
    let RequestPayload::Create(c) = req_payload(case, 0, 0) else {
        panic!("not Create")
    };
    assert_eq!(c.object_type, ObjectType::SYMMETRIC_KEY);
    let attrs = &c.template_attribute.attributes;
    assert_eq!(
        value(attrs, "Cryptographic Length"),
        &AttributeValue::CryptographicLength(256)
    );
    assert_eq!(
        value(attrs, "Cryptographic Usage Mask"),
        &AttributeValue::CryptographicUsageMask(
            CryptographicUsageMask::ENCRYPT | CryptographicUsageMask::DECRYPT
        )
    );
    assert_eq!(
        value(attrs, "Name"),
        &AttributeValue::Name(Name::text(name))
    );
    let RequestPayload::GetAttributes(g) = req_payload(case, 1, 0) else {
        panic!("not Get Attributes")
    };
    assert_eq!(g.attribute_names.len(), names_asked);
    assert_eq!(g.attribute_names[0], "State");
    let ResponsePayload::GetAttributes(g) = resp_payload(case, 1, 0) else {
        panic!("not Get Attributes")
    };
    // Nine asked for, or ten with the Activation Date the key does not have yet.
    assert_eq!(g.attributes.len(), 9);
    assert_eq!(
        value(&g.attributes, "State"),
        &AttributeValue::State(State::PRE_ACTIVE)
    );
    assert_eq!(
        value(&g.attributes, "Unique Identifier"),
        &AttributeValue::UniqueIdentifier("UNIQUE_IDENTIFIER_0".into())
    );
    assert_eq!(
        value(&g.attributes, "Object Type"),
        &AttributeValue::ObjectType(ObjectType::SYMMETRIC_KEY)
    );
    assert_eq!(
        value(&g.attributes, "Digest"),
        &AttributeValue::Digest(Digest {
            hashing_algorithm: HashingAlgorithm::SHA_256,
            digest_value: Some(ByteString(hex(
                "bc12861408b8ac72cdb3b2748ad342b7dc519bd109046a1b931fdaed73591f29"
            ))),
            key_format_type: Some(KeyFormatType::RAW),
            unknown: Vec::new(),
        })
    );
    assert_eq!(
        value(&g.attributes, "Initial Date"),
        &AttributeValue::InitialDate(T_2013_01_10_23_33_21)
    );
    assert_eq!(
        value(&g.attributes, "Last Change Date"),
        &AttributeValue::LastChangeDate(T_2013_01_10_23_33_21)
    );
}

/// Steps 2, 3 and 5 to 7 common to SKLC-M-2 and SKLC-M-3: Activate, the key is Active,
/// Revoke as compromised, the key is Compromised, Destroy.
fn check_sklc_activate_revoke_destroy(case: &str) {
    let RequestPayload::Activate(a) = req_payload(case, 2, 0) else {
        panic!("not Activate")
    };
    assert_eq!(a.unique_identifier.as_deref(), Some("UNIQUE_IDENTIFIER_0"));
    let RequestPayload::GetAttributes(g) = req_payload(case, 3, 0) else {
        panic!("not Get Attributes")
    };
    assert_eq!(
        g.attribute_names,
        ["State", "Activation Date", "Deactivation Date"]
    );
    let ResponsePayload::GetAttributes(g) = resp_payload(case, 3, 0) else {
        panic!("not Get Attributes")
    };
    assert_eq!(
        g.attributes
            .iter()
            .map(|a| a.value.clone().unwrap())
            .collect::<Vec<_>>(),
        [
            AttributeValue::State(State::ACTIVE),
            AttributeValue::ActivationDate(DateTime(1_357_860_961))
        ]
    );
    let RequestPayload::Revoke(r) = req_payload(case, 5, 0) else {
        panic!("not Revoke")
    };
    assert_eq!(
        r.revocation_reason.revocation_reason_code,
        RevocationReasonCode::KEY_COMPROMISE
    );
    assert_eq!(r.compromise_occurrence_date, Some(DateTime(6)));
    assert_eq!(state_of(case, 6), State::COMPROMISED);
    let ResponsePayload::Destroy(d) = resp_payload(case, 7, 0) else {
        panic!("not Destroy")
    };
    assert_eq!(d.unique_identifier, "UNIQUE_IDENTIFIER_0");
}

#[test]
fn sklc_m_1_create_get_attributes_destroy() {
    let case = "sklc_m_1_11_symmetrickeylifecycle_1";
    check_sklc_create_and_attributes(case, "SKLC-M-1-11", 10);
    let RequestPayload::GetAttributes(g) = req_payload(case, 1, 0) else {
        panic!("not Get Attributes")
    };
    assert_eq!(g.attribute_names[9], "Activation Date");
    let r = response(case, 2);
    assert_eq!(r.header.time_stamp.to_string(), "2012-04-27T08:12:25Z");
    let ResponsePayload::Destroy(d) = response_payload(&r, 0) else {
        panic!("not Destroy")
    };
    assert_eq!(d.unique_identifier, "UNIQUE_IDENTIFIER_0");
}

#[test]
fn sklc_m_2_destroy_of_an_active_key_is_denied() {
    let case = "sklc_m_2_11_symmetrickeylifecycle_2";
    check_sklc_create_and_attributes(case, "SKLC-M-2-11", 9);
    check_sklc_activate_revoke_destroy(case);
    assert!(matches!(
        req_payload(case, 4, 0),
        RequestPayload::Destroy(_)
    ));
    let denied = &response(case, 4).batch_items[0];
    assert_eq!(denied.operation, Some(Operation::DESTROY));
    assert_eq!(denied.result_status, ResultStatus::OPERATION_FAILED);
    assert_eq!(denied.result_reason, Some(ResultReason::PERMISSION_DENIED));
    assert_eq!(denied.result_message.as_deref(), Some("DENIED"));
    assert!(denied.payload.is_none());
}

#[test]
fn sklc_m_3_activation_date_of_an_active_key_cannot_change() {
    let case = "sklc_m_3_11_symmetrickeylifecycle_3";
    check_sklc_create_and_attributes(case, "SKLC-M-3-11", 9);
    check_sklc_activate_revoke_destroy(case);
    let m = request(case, 4);
    assert_eq!(
        m.batch_items[0].unique_batch_item_id,
        Some(ByteString(hex("0752c951bb9926cc")))
    );
    let RequestPayload::ModifyAttribute(a) = payload(&m, 0) else {
        panic!("not Modify Attribute")
    };
    assert_eq!(a.unique_identifier.as_deref(), Some("UNIQUE_IDENTIFIER_0"));
    assert_eq!(
        a.attribute.value,
        Some(AttributeValue::ActivationDate(DateTime(NOW)))
    );
    let denied = &response(case, 4).batch_items[0];
    assert_eq!(denied.operation, Some(Operation::MODIFY_ATTRIBUTE));
    assert_eq!(
        denied.unique_batch_item_id,
        m.batch_items[0].unique_batch_item_id
    );
    assert_eq!(denied.result_reason, Some(ResultReason::PERMISSION_DENIED));
    assert_eq!(denied.result_message.as_deref(), Some("DENIED"));
}

#[test]
fn sklc_o_1_attributes_of_a_destroyed_key() {
    let case = "sklc_o_1_11_symmetrickeylifecycle_1";
    check_sklc_create_and_attributes(case, "SKLC-O-1-11", 10);
    // Get Attributes with no names: every attribute of the destroyed key.
    let RequestPayload::GetAttributes(g) = req_payload(case, 3, 0) else {
        panic!("not Get Attributes")
    };
    assert!(g.attribute_names.is_empty());
    let ResponsePayload::GetAttributes(g) = resp_payload(case, 3, 0) else {
        panic!("not Get Attributes")
    };
    assert_eq!(g.attributes.len(), 13);
    let destroyed = DateTime(1_357_864_751);
    assert_eq!(destroyed.to_string(), "2013-01-11T00:39:11Z");
    assert_eq!(
        value(&g.attributes, "Destroy Date"),
        &AttributeValue::DestroyDate(destroyed)
    );
    assert_eq!(
        value(&g.attributes, "Initial Date"),
        &AttributeValue::InitialDate(destroyed)
    );
    assert_eq!(value(&g.attributes, "Fresh"), &AttributeValue::Fresh(true));
    assert_eq!(
        value(&g.attributes, "Lease Time"),
        &AttributeValue::LeaseTime(3600)
    );
    assert_eq!(
        value(&g.attributes, "State"),
        &AttributeValue::State(State::DESTROYED)
    );
    assert_eq!(
        value(&g.attributes, "Name"),
        &AttributeValue::Name(Name::text("SKLC-O-1-11"))
    );
    let AttributeValue::Digest(d) = value(&g.attributes, "Digest") else {
        panic!("not a Digest")
    };
    assert_eq!(
        d.digest_value,
        Some(ByteString(hex(
            "bf60cac2a3f82e6added839c87b0bdbc386d6280c14c8f09ca96e098365f7fe3"
        )))
    );
}

/// 2013-01-11T08:18:21Z, the Initial Date of the private key in the AKLC test cases.
const T_2013_01_11_08_18_21: DateTime = DateTime(1_357_892_301);

/// Steps 0 and 1 common to the AKLC test cases: Create Key Pair (RSA-2048, names
/// `<prefix>-private` / `<prefix>-public`), then the attributes of the Pre-Active private key.
fn check_aklc_create_key_pair(case: &str, prefix: &str, names_asked: usize) {
    let RequestPayload::CreateKeyPair(c) = req_payload(case, 0, 0) else {
        panic!("not Create Key Pair")
    };
    let common = &c.common_template_attribute.as_ref().unwrap().attributes;
    assert_eq!(
        value(common, "Cryptographic Algorithm"),
        &AttributeValue::CryptographicAlgorithm(CryptographicAlgorithm::RSA)
    );
    assert_eq!(
        value(common, "Cryptographic Length"),
        &AttributeValue::CryptographicLength(2048)
    );
    for (template, half, mask) in [
        (
            &c.private_key_template_attribute,
            "private",
            CryptographicUsageMask::SIGN,
        ),
        (
            &c.public_key_template_attribute,
            "public",
            CryptographicUsageMask::VERIFY,
        ),
    ] {
        let attrs = &template.as_ref().unwrap().attributes;
        assert_eq!(
            value(attrs, "Name"),
            &AttributeValue::Name(Name::text(format!("{prefix}-{half}")))
        );
        assert_eq!(
            value(attrs, "Cryptographic Usage Mask"),
            &AttributeValue::CryptographicUsageMask(mask)
        );
    }
    let ResponsePayload::CreateKeyPair(k) = resp_payload(case, 0, 0) else {
        panic!("not Create Key Pair")
    };
    assert_eq!(k.private_key_unique_identifier, "UNIQUE_IDENTIFIER_0");
    assert_eq!(k.public_key_unique_identifier, "UNIQUE_IDENTIFIER_1");
    let RequestPayload::GetAttributes(g) = req_payload(case, 1, 0) else {
        panic!("not Get Attributes")
    };
    assert_eq!(g.attribute_names.len(), names_asked);
    let ResponsePayload::GetAttributes(g) = resp_payload(case, 1, 0) else {
        panic!("not Get Attributes")
    };
    assert_eq!(g.attributes.len(), 9);
    assert_eq!(
        value(&g.attributes, "State"),
        &AttributeValue::State(State::PRE_ACTIVE)
    );
    assert_eq!(
        value(&g.attributes, "Object Type"),
        &AttributeValue::ObjectType(ObjectType::PRIVATE_KEY)
    );
    assert_eq!(
        value(&g.attributes, "Digest"),
        &AttributeValue::Digest(Digest {
            hashing_algorithm: HashingAlgorithm::SHA_256,
            digest_value: Some(ByteString(hex(
                "8eb422ae2b006a05d3c8a542a28536735241b6dc1c37926bc8007bd6220d9230"
            ))),
            key_format_type: Some(KeyFormatType::PKCS_1),
            unknown: Vec::new(),
        })
    );
    assert_eq!(
        value(&g.attributes, "Initial Date"),
        &AttributeValue::InitialDate(T_2013_01_11_08_18_21)
    );
}

#[test]
fn aklc_m_2_key_pair_life_cycle_with_denied_destroy() {
    let case = "aklc_m_2_11_asymmetrickey_2";
    check_aklc_create_key_pair(case, "AKLC-M-2-11", 9);
    let RequestPayload::Activate(a) = req_payload(case, 2, 0) else {
        panic!("not Activate")
    };
    assert_eq!(a.unique_identifier.as_deref(), Some("UNIQUE_IDENTIFIER_0"));
    // Activating the private key leaves the public key Pre-Active.
    assert_eq!(state_of(case, 3), State::ACTIVE);
    assert_eq!(state_of(case, 4), State::PRE_ACTIVE);
    let denied = &response(case, 5).batch_items[0];
    assert_eq!(denied.operation, Some(Operation::DESTROY));
    assert_eq!(denied.result_reason, Some(ResultReason::PERMISSION_DENIED));
    assert_eq!(denied.result_message.as_deref(), Some("DENIED"));
    let ResponsePayload::Destroy(d) = resp_payload(case, 6, 0) else {
        panic!("not Destroy")
    };
    assert_eq!(d.unique_identifier, "UNIQUE_IDENTIFIER_1");
    let RequestPayload::Revoke(r) = req_payload(case, 7, 0) else {
        panic!("not Revoke")
    };
    assert_eq!(r.compromise_occurrence_date, Some(DateTime(6)));
    assert_eq!(state_of(case, 8), State::COMPROMISED);
    let ResponsePayload::Destroy(d) = resp_payload(case, 9, 0) else {
        panic!("not Destroy")
    };
    assert_eq!(d.unique_identifier, "UNIQUE_IDENTIFIER_0");
}

#[test]
fn aklc_m_3_key_pair_activation_date_cannot_change() {
    let case = "aklc_m_3_11_asymmetrickey_3";
    check_aklc_create_key_pair(case, "AKLC-M-3-11", 9);
    let ResponsePayload::GetAttributes(g) = resp_payload(case, 3, 0) else {
        panic!("not Get Attributes")
    };
    assert_eq!(
        value(&g.attributes, "Activation Date"),
        &AttributeValue::ActivationDate(DateTime(1_357_860_961))
    );
    let RequestPayload::ModifyAttribute(m) = req_payload(case, 4, 0) else {
        panic!("not Modify Attribute")
    };
    assert_eq!(
        m.attribute.value,
        Some(AttributeValue::ActivationDate(DateTime(NOW)))
    );
    let denied = &response(case, 4).batch_items[0];
    assert_eq!(denied.operation, Some(Operation::MODIFY_ATTRIBUTE));
    assert_eq!(
        denied.unique_batch_item_id,
        Some(ByteString(hex("0752c951bb9926cc")))
    );
    assert_eq!(denied.result_reason, Some(ResultReason::PERMISSION_DENIED));
    assert_eq!(state_of(case, 6), State::COMPROMISED);
    assert_eq!(state_of(case, 7), State::PRE_ACTIVE);
    for (time, id) in [(8, "UNIQUE_IDENTIFIER_0"), (9, "UNIQUE_IDENTIFIER_1")] {
        let ResponsePayload::Destroy(d) = resp_payload(case, time, 0) else {
            panic!("not Destroy")
        };
        assert_eq!(d.unique_identifier, id);
    }
}

#[test]
fn aklc_o_1_attributes_of_destroyed_key_pair() {
    let case = "aklc_o_1_11_asymmetrickey_1";
    check_aklc_create_key_pair(case, "AKLC-O-1-11", 10);
    assert_eq!(
        response(case, 0).header.time_stamp.to_string(),
        "2013-01-11T08:32:04Z"
    );
    // All attributes (no names asked) of: the destroyed private key, the public key, then
    // the destroyed public key.
    for (time, id, object_type, linked, state, digest) in [
        (
            3,
            "UNIQUE_IDENTIFIER_0",
            ObjectType::PRIVATE_KEY,
            (LinkType::PUBLIC_KEY_LINK, "UNIQUE_IDENTIFIER_1"),
            State::DESTROYED,
            "4abc48c2ba00a6bba22cb6fc2827b46107354968872b395edb31354e78878be6",
        ),
        (
            4,
            "UNIQUE_IDENTIFIER_1",
            ObjectType::PUBLIC_KEY,
            (LinkType::PRIVATE_KEY_LINK, "UNIQUE_IDENTIFIER_0"),
            State::PRE_ACTIVE,
            "330306b0e337e32dd1b5acf92cb96fd39adb802f305e7406062248324816f445",
        ),
        (
            6,
            "UNIQUE_IDENTIFIER_1",
            ObjectType::PUBLIC_KEY,
            (LinkType::PRIVATE_KEY_LINK, "UNIQUE_IDENTIFIER_0"),
            State::DESTROYED,
            "b06f3e3d107a282adb5fe316356d13679d7cf7429d14a6f20665f45ba4d2883c",
        ),
    ] {
        let RequestPayload::GetAttributes(g) = req_payload(case, time, 0) else {
            panic!("not Get Attributes")
        };
        assert_eq!(g.unique_identifier.as_deref(), Some(id));
        assert!(g.attribute_names.is_empty());
        let ResponsePayload::GetAttributes(g) = resp_payload(case, time, 0) else {
            panic!("not Get Attributes")
        };
        let attrs = &g.attributes;
        assert_eq!(attrs.len(), if state == State::DESTROYED { 14 } else { 13 });
        assert_eq!(
            value(attrs, "Unique Identifier"),
            &AttributeValue::UniqueIdentifier(id.into())
        );
        assert_eq!(
            value(attrs, "Object Type"),
            &AttributeValue::ObjectType(object_type)
        );
        assert_eq!(link(attrs, 0), (linked.0, linked.1.to_owned()));
        assert_eq!(value(attrs, "State"), &AttributeValue::State(state));
        assert_eq!(
            attrs.iter().any(|a| a.name == "Destroy Date"),
            state == State::DESTROYED
        );
        assert_eq!(value(attrs, "Fresh"), &AttributeValue::Fresh(true));
        assert_eq!(value(attrs, "Lease Time"), &AttributeValue::LeaseTime(3600));
        let AttributeValue::Digest(d) = value(attrs, "Digest") else {
            panic!("not a Digest")
        };
        assert_eq!(d.digest_value, Some(ByteString(hex(digest))));
    }
}

/// SKFF-M-1..4: Create of a key of `algorithm` and `length` bits, Destroy.
fn check_skff_basic(case: &str, algorithm: CryptographicAlgorithm, length: i32) {
    let RequestPayload::Create(c) = req_payload(case, 0, 0) else {
        panic!("not Create")
    };
    let attrs = &c.template_attribute.attributes;
    assert_eq!(attrs.len(), 3);
    assert_eq!(
        value(attrs, "Cryptographic Algorithm"),
        &AttributeValue::CryptographicAlgorithm(algorithm)
    );
    assert_eq!(
        value(attrs, "Cryptographic Length"),
        &AttributeValue::CryptographicLength(length)
    );
    let ResponsePayload::Create(r) = resp_payload(case, 0, 0) else {
        panic!("not Create")
    };
    assert_eq!(r.object_type, ObjectType::SYMMETRIC_KEY);
    let ResponsePayload::Destroy(d) = resp_payload(case, 1, 0) else {
        panic!("not Destroy")
    };
    assert_eq!(d.unique_identifier, r.unique_identifier);
}

#[test]
fn skff_m_2_create_destroy_aes_192() {
    check_skff_basic(
        "skff_m_2_11_symmetrickeyfoundrybasic_2",
        CryptographicAlgorithm::AES,
        192,
    );
}

#[test]
fn skff_m_3_create_destroy_aes_256() {
    check_skff_basic(
        "skff_m_3_11_symmetrickeyfoundrybasic_3",
        CryptographicAlgorithm::AES,
        256,
    );
}

#[test]
fn skff_m_4_create_destroy_3des_168() {
    check_skff_basic(
        "skff_m_4_11_symmetrickeyfoundrybasic_4",
        CryptographicAlgorithm::TRIPLE_DES,
        168,
    );
}

/// The Raw key material of the Get response at `time`, checked against its Key Block's
/// algorithm and length, and against Debug output.
fn check_raw_key(case: &str, time: u32, algorithm: CryptographicAlgorithm, length: i32) -> Vec<u8> {
    let ResponsePayload::Get(g) = resp_payload(case, time, 0) else {
        panic!("not Get")
    };
    assert_eq!(g.object_type, ObjectType::SYMMETRIC_KEY);
    let block = g.object.key_block().unwrap();
    assert_eq!(block.key_format_type, KeyFormatType::RAW);
    assert_eq!(block.cryptographic_algorithm, Some(algorithm));
    assert_eq!(block.cryptographic_length, Some(length));
    let key = key_material(&g.object);
    assert!(!format!("{g:?}").contains(&hex_of(&key[..4])));
    key
}

/// SKFF-M-5..8: Create with a Name and a Contact Information, Locate by name, Get, Destroy,
/// Locate of the destroyed key finds nothing.
fn check_skff_intermediate(
    case: &str,
    name: &str,
    algorithm: CryptographicAlgorithm,
    length: i32,
    key: &str,
) {
    let name = AttributeValue::Name(Name::text(name));
    let RequestPayload::Create(c) = req_payload(case, 0, 0) else {
        panic!("not Create")
    };
    let attrs = &c.template_attribute.attributes;
    assert_eq!(attrs.len(), 5);
    assert_eq!(value(attrs, "Name"), &name);
    assert_eq!(
        value(attrs, "Contact Information"),
        &AttributeValue::ContactInformation("Joe".into())
    );
    let RequestPayload::Locate(l) = req_payload(case, 1, 0) else {
        panic!("not Locate")
    };
    assert_eq!(
        value(&l.attributes, "Object Type"),
        &AttributeValue::ObjectType(ObjectType::SYMMETRIC_KEY)
    );
    assert_eq!(value(&l.attributes, "Name"), &name);
    let ResponsePayload::Locate(l) = resp_payload(case, 1, 0) else {
        panic!("not Locate")
    };
    assert_eq!(l.unique_identifiers, ["UNIQUE_IDENTIFIER_0"]);
    let material = check_raw_key(case, 2, algorithm, length);
    assert_eq!(material, hex(key));
    // Three-key and two-key Triple DES keys carry their parity bits.
    let bits = match length {
        168 => 192,
        112 => 128,
        other => other,
    };
    assert_eq!(material.len() * 8, bits as usize);
    let RequestPayload::Locate(l) = req_payload(case, 4, 0) else {
        panic!("not Locate")
    };
    assert_eq!(
        value(&l.attributes, "Unique Identifier"),
        &AttributeValue::UniqueIdentifier("UNIQUE_IDENTIFIER_0".into())
    );
    let ResponsePayload::Locate(l) = resp_payload(case, 4, 0) else {
        panic!("not Locate")
    };
    assert!(l.unique_identifiers.is_empty());
}

#[test]
fn skff_m_5_create_locate_get_destroy_aes_128() {
    check_skff_intermediate(
        "skff_m_5_11_symmetrickeyfoundryintermediate_5",
        "SKFF-M-5-11",
        CryptographicAlgorithm::AES,
        128,
        "ff52f70583d7321722c6d4e5e4605071",
    );
}

#[test]
fn skff_m_6_create_locate_get_destroy_aes_192() {
    check_skff_intermediate(
        "skff_m_6_11_symmetrickeyfoundryintermediate_6",
        "SKFF-M-6-11",
        CryptographicAlgorithm::AES,
        192,
        "ae2443611895beb460237aa0a86e1d097d77e33307a8aaff",
    );
}

#[test]
fn skff_m_7_create_locate_get_destroy_aes_256() {
    check_skff_intermediate(
        "skff_m_7_11_symmetrickeyfoundryintermediate_7",
        "SKFF-M-7-11",
        CryptographicAlgorithm::AES,
        256,
        "f88b2ddae98a018dc3b73df2b06895e548af3e1f93d66e40ea807b9078de0b18",
    );
}

#[test]
fn skff_m_8_create_locate_get_destroy_3des_168() {
    let case = "skff_m_8_11_symmetrickeyfoundryintermediate_8";
    check_skff_intermediate(
        case,
        "SKFF-M-8-11",
        CryptographicAlgorithm::TRIPLE_DES,
        168,
        "7367578051012a6d134a855e25c8cd5e4ca131455729d3c8",
    );
    // Three DES keys with odd parity in every byte.
    let key = check_raw_key(case, 2, CryptographicAlgorithm::TRIPLE_DES, 168);
    assert!(key.iter().all(|b| b.count_ones() % 2 == 1));
}

/// SKFF-M-9..12: the life cycle of a key with custom attributes added, modified and
/// deleted two at a time.
fn check_skff_advanced(
    case: &str,
    name: &str,
    algorithm: CryptographicAlgorithm,
    length: i32,
    key: &str,
    listed: &[&str],
) {
    let RequestPayload::Create(c) = req_payload(case, 0, 0) else {
        panic!("not Create")
    };
    let attrs = &c.template_attribute.attributes;
    assert_eq!(
        value(attrs, "Name"),
        &AttributeValue::Name(Name::text(name))
    );
    assert_eq!(
        value(attrs, "Cryptographic Usage Mask"),
        &AttributeValue::CryptographicUsageMask(CryptographicUsageMask::ENCRYPT)
    );
    for (time, state) in [
        (1, State::PRE_ACTIVE),
        (3, State::ACTIVE),
        (7, State::COMPROMISED),
        (9, State::COMPROMISED),
    ] {
        assert_eq!(state_of(case, time), state);
    }
    assert_eq!(check_raw_key(case, 5, algorithm, length), hex(key));
    assert_eq!(check_raw_key(case, 13, algorithm, length), hex(key));
    let RequestPayload::Revoke(r) = req_payload(case, 6, 0) else {
        panic!("not Revoke")
    };
    assert_eq!(
        r.revocation_reason.revocation_reason_code,
        RevocationReasonCode::KEY_COMPROMISE
    );
    assert_eq!(r.compromise_occurrence_date, Some(DateTime(6)));
    let ResponsePayload::GetAttributeList(l) = resp_payload(case, 8, 0) else {
        panic!("not Get Attribute List")
    };
    assert_eq!(l.attribute_names, listed);
    // Add, Modify, then Delete the two custom attributes, each in a batch of two.
    for (time, operation, values) in [
        (10, Operation::ADD_ATTRIBUTE, ["Value1", "Value2"]),
        (
            11,
            Operation::MODIFY_ATTRIBUTE,
            ["ModifiedValue1", "ModifiedValue2"],
        ),
        (
            12,
            Operation::DELETE_ATTRIBUTE,
            ["ModifiedValue1", "ModifiedValue2"],
        ),
    ] {
        let m = request(case, time);
        let r = response(case, time);
        assert_eq!((m.batch_items.len(), r.batch_items.len()), (2, 2));
        for (i, expected) in values.into_iter().enumerate() {
            let name = format!("x-attribute{}", i + 1);
            assert_eq!(m.batch_items[i].operation, operation);
            assert_eq!(
                r.batch_items[i].unique_batch_item_id,
                m.batch_items[i].unique_batch_item_id
            );
            let sent = match payload(&m, i) {
                RequestPayload::AddAttribute(a) => Some(&a.attribute),
                RequestPayload::ModifyAttribute(a) => Some(&a.attribute),
                RequestPayload::DeleteAttribute(d) => {
                    assert_eq!(d.attribute_name, name);
                    assert_eq!(d.attribute_index, None);
                    None
                }
                other => panic!("{other:?}"),
            };
            if let Some(a) = sent {
                assert_eq!(a.name, name);
                assert_eq!(custom_text(std::slice::from_ref(a), &name), expected);
            }
            let answered = match response_payload(&r, i) {
                ResponsePayload::AddAttribute(a) => &a.attribute,
                ResponsePayload::ModifyAttribute(a) => &a.attribute,
                ResponsePayload::DeleteAttribute(d) => &d.attribute,
                other => panic!("{other:?}"),
            };
            assert_eq!(custom_text(std::slice::from_ref(answered), &name), expected);
        }
    }
    let ResponsePayload::Destroy(d) = resp_payload(case, 14, 0) else {
        panic!("not Destroy")
    };
    assert_eq!(d.unique_identifier, "UNIQUE_IDENTIFIER_0");
}

#[test]
fn skff_m_9_life_cycle_and_custom_attributes_aes_128() {
    check_skff_advanced(
        "skff_m_9_11_symmetrickeyfoundryadvanced_9",
        "SKFF-M-9-11",
        CryptographicAlgorithm::AES,
        128,
        "9c7d7c4fd2076f1909a6ba4342cab1de",
        &SKFF_LISTED,
    );
}

#[test]
fn skff_m_10_life_cycle_and_custom_attributes_aes_192() {
    check_skff_advanced(
        "skff_m_10_11_symmetrickeyfoundryadvanced_10",
        "SKFF-M-10-11",
        CryptographicAlgorithm::AES,
        192,
        "13e1e3d7b4e630dc4582869ce7e8d27e1c5f31fdec2abee1",
        &SKFF_LISTED,
    );
}

#[test]
fn skff_m_11_life_cycle_and_custom_attributes_aes_256() {
    check_skff_advanced(
        "skff_m_11_11_symmetrickeyfoundryadvanced_11",
        "SKFF-M-11-11",
        CryptographicAlgorithm::AES,
        256,
        "1de10496b0ef4dfa22ed858439c6b57880da74ad7a9eb476bac300a12dd187a2",
        &SKFF_LISTED,
    );
}

#[test]
fn skff_m_12_life_cycle_and_custom_attributes_3des_168() {
    let case = "skff_m_12_11_symmetrickeyfoundryadvanced_12";
    check_skff_advanced(
        case,
        "SKFF-M-12-11",
        CryptographicAlgorithm::TRIPLE_DES,
        168,
        "ea9dc7c4e5d92a3b5bbf0b1c8c136e20eca137a88afb9745",
        &SKFF_LISTED,
    );
    let key = check_raw_key(case, 5, CryptographicAlgorithm::TRIPLE_DES, 168);
    assert!(key.iter().all(|b| b.count_ones() % 2 == 1));
}

/// The attributes of a compromised key in SKFF-M-9..12 and SKFF-O-3, as Get Attribute List
/// lists them.
const SKFF_LISTED: [&str; 16] = [
    "Unique Identifier",
    "Object Type",
    "Cryptographic Algorithm",
    "Cryptographic Length",
    "Activation Date",
    "Compromise Date",
    "Compromise Occurrence Date",
    "Cryptographic Usage Mask",
    "Digest",
    "Fresh",
    "Initial Date",
    "Last Change Date",
    "Lease Time",
    "Name",
    "Revocation Reason",
    "State",
];

#[test]
fn skff_o_1_create_destroy_skipjack_80() {
    check_skff_basic(
        "skff_o_1_11_symmetrickeyoptional_1",
        CryptographicAlgorithm::SKIPJACK,
        80,
    );
}

#[test]
fn skff_o_2_create_locate_get_destroy_skipjack_80() {
    check_skff_intermediate(
        "skff_o_2_11_symmetrickeyoptional_2",
        "SKFF-O-2-11",
        CryptographicAlgorithm::SKIPJACK,
        80,
        "1778963e51b52027aaa0",
    );
}

#[test]
fn skff_o_3_life_cycle_and_custom_attributes_skipjack_80() {
    check_skff_advanced(
        "skff_o_3_11_symmetrickeyoptional_3",
        "SKFF-O-3-11",
        CryptographicAlgorithm::SKIPJACK,
        80,
        "1778963e51b52027aaa0",
        &SKFF_LISTED,
    );
}

#[test]
fn skff_o_4_create_destroy_2_key_3des_112() {
    check_skff_basic(
        "skff_o_4_11_symmetrickeyoptional_4",
        CryptographicAlgorithm::TRIPLE_DES,
        112,
    );
}

#[test]
fn skff_o_5_create_locate_get_destroy_2_key_3des_112() {
    let case = "skff_o_5_11_symmetrickeyoptional_5";
    check_skff_intermediate(
        case,
        "SKFF-O-5-11",
        CryptographicAlgorithm::TRIPLE_DES,
        112,
        "370edc5897b0e957686ebad5c140a40e",
    );
    let key = check_raw_key(case, 2, CryptographicAlgorithm::TRIPLE_DES, 112);
    assert!(key.iter().all(|b| b.count_ones() % 2 == 1));
}

#[test]
fn skff_o_6_life_cycle_and_custom_attributes_2_key_3des_112() {
    // This server also lists an Object Group.
    let mut listed = SKFF_LISTED.to_vec();
    listed.insert(14, "Object Group");
    check_skff_advanced(
        "skff_o_6_11_symmetrickeyoptional_6",
        "SKFF-O-6-11",
        CryptographicAlgorithm::TRIPLE_DES,
        112,
        "100129b96802a2152aa8d9fb54ec1f83",
        &listed,
    );
}
