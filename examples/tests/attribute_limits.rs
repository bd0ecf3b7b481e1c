//! Attributes per object and per request are bounded before anything is stored or looked up
//! ([`AttributeLimits`]), and Get Attributes selects by name through a hash, however many
//! names a request carries.

use kmip_examples::client::ClientError;
use kmip_examples::local::LocalKms;
use kmip_examples::server::{AttributeLimits, TransportLimits};
use kmip_types::{
    AddAttributeRequest, Attribute, AttributeValue, BatchErrorContinuationOption, CreateRequest,
    CryptographicAlgorithm, CryptographicUsageMask, LocateRequest, ProtocolVersion, RawItem,
    RequestBatchItem, RequestMessage, ResultReason, ResultStatus, RevocationReasonCode, State, tag,
};

/// The value of a custom text attribute as the server returns it.
fn text(value: &str) -> Option<AttributeValue> {
    Some(AttributeValue::Custom(RawItem::text_string(
        tag::ATTRIBUTE_VALUE,
        value,
    )))
}

/// Attributes every key has in columns, not in the attribute table: Unique Identifier,
/// Object Type, Cryptographic Algorithm and Length, State, Initial Date.
const COLUMNS: usize = 6;

fn add_item(id: &str, name: &str, value: &str) -> RequestBatchItem {
    RequestBatchItem::new(AddAttributeRequest {
        unique_identifier: Some(id.to_owned()),
        attribute: Attribute::custom_text(name, value),
        unknown: Vec::new(),
    })
}

/// Asserts that `result` is a failure with `reason`; returns its message.
fn refused<T: std::fmt::Debug>(result: Result<T, ClientError>, reason: ResultReason) -> String {
    let err = result.unwrap_err();
    assert_eq!(err.reason(), Some(reason), "{err}");
    err.to_string()
}

fn aes_request() -> CreateRequest {
    CreateRequest::symmetric_key(
        CryptographicAlgorithm::AES,
        256,
        CryptographicUsageMask::ENCRYPT | CryptographicUsageMask::DECRYPT,
    )
}

/// With the default bound, an object fills up to exactly 256 stored instances: in one batch
/// of 300 Add Attributes (Continue on error), those beyond the bound fail with Index Out of
/// Bounds and store nothing; the full object can still be re-keyed only if the bound allows
/// it, and is still revoked and destroyed.
#[test]
fn the_257th_attribute_instance_is_refused() {
    let kms = LocalKms::start().unwrap();
    let mut c = kms.client().unwrap();
    let id = c.create(aes_request()).unwrap();
    let stored_at_creation = c.get_attributes(&id, &[]).unwrap().len() - COLUMNS;
    let items: Vec<RequestBatchItem> = (0..300)
        .map(|i| add_item(&id, "x-Tag", &format!("value {i}")))
        .collect();
    let mut m = RequestMessage::new(ProtocolVersion::V1_1, items);
    m.header.batch_error_continuation_option = Some(BatchErrorContinuationOption::CONTINUE);
    let r = c.send(&m).unwrap();
    assert_eq!(r.batch_items.len(), 300);
    let room = 256 - stored_at_creation;
    for (i, item) in r.batch_items.iter().enumerate() {
        if i < room {
            assert!(item.is_success(), "item {i}: {item:?}");
        } else {
            assert_eq!(item.result_status, ResultStatus::OPERATION_FAILED, "{i}");
            assert_eq!(
                item.result_reason,
                Some(ResultReason::INDEX_OUT_OF_BOUNDS),
                "item {i}: {:?}",
                item.result_message
            );
        }
    }
    let all = c.get_attributes(&id, &[]).unwrap();
    assert_eq!(all.len(), 256 + COLUMNS);
    let tags = c.get_attributes(&id, &["x-Tag"]).unwrap();
    assert_eq!(tags.len(), room);
    assert_eq!(
        tags.last().unwrap().value,
        text(&format!("value {}", room - 1))
    );
    // One more, alone: refused the same way.
    refused(
        c.add_attribute(&id, Attribute::custom_text("x-Other", "v")),
        ResultReason::INDEX_OUT_OF_BOUNDS,
    );
    // Re-key would copy 256 instances and add more: refused, nothing made.
    let before = c.locate(LocateRequest::default()).unwrap().len();
    refused(c.rekey(&id, None), ResultReason::INDEX_OUT_OF_BOUNDS);
    assert_eq!(c.locate(LocateRequest::default()).unwrap().len(), before);
    // The server's own single-instance attributes are never refused: a full key can still
    // be revoked and destroyed.
    c.activate(&id).unwrap();
    c.revoke(&id, RevocationReasonCode::KEY_COMPROMISE, None, None)
        .unwrap();
    c.destroy(&id).unwrap();
    let state = c.get_attributes(&id, &["State"]).unwrap();
    assert_eq!(
        state[0].value,
        Some(AttributeValue::State(State::DESTROYED_COMPROMISED))
    );
}

fn limits(attributes: AttributeLimits) -> TransportLimits {
    TransportLimits {
        // Room to decode the large requests these tests send.
        max_message: 8 << 20,
        max_items: 1 << 20,
        attributes,
        ..TransportLimits::default()
    }
}

/// A template bringing more attributes than an object may hold is refused at Create and
/// Register (nothing made); so is a Re-key whose copy would exceed the bound.
#[test]
fn templates_and_rekey_copies_are_bounded_per_object() {
    let kms = LocalKms::start_with(limits(AttributeLimits {
        max_per_object: 8,
        max_per_request: 1024,
    }))
    .unwrap();
    let mut c = kms.client().unwrap();
    let mut request = aes_request();
    for i in 0..10 {
        request = request.with_attribute(Attribute::custom_text("x-Tag", &i.to_string()));
    }
    refused(c.create(request), ResultReason::INDEX_OUT_OF_BOUNDS);
    refused(
        c.register_symmetric_key(
            CryptographicAlgorithm::AES,
            &[7; 32],
            vec![Attribute::custom_text("x-Tag", "a"); 8],
        ),
        ResultReason::INDEX_OUT_OF_BOUNDS,
    );
    assert!(c.locate(LocateRequest::default()).unwrap().is_empty());
    // Usage Mask, Digest, Last Change Date: 3; five more fill it.
    let id = c.create(aes_request()).unwrap();
    for i in 0..5 {
        c.add_attribute(&id, Attribute::custom_text("x-Tag", &i.to_string()))
            .unwrap();
    }
    refused(
        c.add_attribute(&id, Attribute::custom_text("x-Tag", "one too many")),
        ResultReason::INDEX_OUT_OF_BOUNDS,
    );
    // The replacement would hold Usage Mask, five tags, a Link, Digest and Last Change Date.
    refused(c.rekey(&id, None), ResultReason::INDEX_OUT_OF_BOUNDS);
    assert_eq!(
        c.locate(LocateRequest::default()).unwrap(),
        vec![id.clone()]
    );
    c.delete_attribute(&id, "x-Tag", Some(4)).unwrap();
    c.delete_attribute(&id, "x-Tag", Some(3)).unwrap();
    let new = c.rekey(&id, None).unwrap();
    assert_eq!(c.get_attributes(&new, &["x-Tag"]).unwrap().len(), 3);
}

/// Lists in one request are bounded before the object is even looked up: 100 000 names in
/// Get Attributes, a template of 1 025 attributes, Locate with 1 025 attributes.
#[test]
fn lists_over_the_request_bound_are_refused_before_work() {
    let kms = LocalKms::start_with(limits(AttributeLimits::default())).unwrap();
    let mut c = kms.client().unwrap();
    let id = c.create(aes_request()).unwrap();
    let names: Vec<String> = (0..100_000).map(|i| format!("x-Name-{i}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    for target in [id.as_str(), "no-such-object"] {
        let message = refused(
            c.get_attributes(target, &names),
            ResultReason::INVALID_FIELD,
        );
        assert!(message.contains("100000 attribute names"), "{message}");
    }
    // At the bound it is served.
    assert_eq!(c.get_attributes(&id, &names[..1024]).unwrap().len(), 0);

    let mut request = aes_request();
    for i in 0..1022 {
        request = request.with_attribute(Attribute::custom_text("x-Tag", &i.to_string()));
    }
    let message = refused(c.create(request), ResultReason::INVALID_FIELD);
    assert!(message.contains("1025 template attributes"), "{message}");

    let locate = LocateRequest {
        attributes: vec![Attribute::custom_text("x-Tag", "a"); 1025],
        ..LocateRequest::default()
    };
    refused(c.locate(locate), ResultReason::INVALID_FIELD);
}

/// An object with 250 attributes and a Get Attributes naming 10 000 names, most absent: the
/// answer holds each present attribute named, in the order named, instances in their stored
/// order. A name asked for twice is refused (KMIP 1.1, TC-17.1).
#[test]
fn get_attributes_selects_by_name_among_many() {
    let kms = LocalKms::start_with(limits(AttributeLimits {
        max_per_object: 256,
        max_per_request: 16 << 10,
    }))
    .unwrap();
    let mut c = kms.client().unwrap();
    let id = c.create(aes_request()).unwrap();
    // 125 names with two instances each.
    let items: Vec<RequestBatchItem> = (0..250)
        .map(|i| add_item(&id, &format!("x-A{}", i % 125), &format!("v{i}")))
        .collect();
    let r = c
        .send(&RequestMessage::new(ProtocolVersion::V1_1, items))
        .unwrap();
    assert!(r.batch_items.iter().all(|i| i.is_success()));
    assert_eq!(c.get_attributes(&id, &[]).unwrap().len(), 253 + COLUMNS);

    // Every 80th name is present (x-A124, x-A123, ... x-A0).
    let mut names: Vec<String> = Vec::new();
    let mut present: Vec<usize> = Vec::new();
    for i in 0..10_000 {
        if i % 80 == 0 {
            let n = 124 - i / 80;
            names.push(format!("x-A{n}"));
            present.push(n);
        } else {
            names.push(format!("x-Absent-{i}"));
        }
    }
    names.push("State".into());
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let got = c.get_attributes(&id, &refs).unwrap();
    let mut expected: Vec<(String, Option<AttributeValue>)> = Vec::new();
    for n in &present {
        for v in [n, &(n + 125)] {
            expected.push((format!("x-A{n}"), text(&format!("v{v}"))));
        }
    }
    assert_eq!(present.len(), 125);
    assert_eq!(got.len(), 251);
    let custom: Vec<(String, Option<AttributeValue>)> = got[..250]
        .iter()
        .map(|a| (a.name.to_string(), a.value.clone()))
        .collect();
    assert_eq!(custom, expected);
    assert_eq!(got.last().unwrap().name, "State");
    // The instances carry their indexes: 0, then 1.
    assert_eq!(got[0].index, None);
    assert_eq!(got[1].index, Some(1));

    // The same name twice: refused, whatever else is asked.
    let mut twice = refs.clone();
    twice.push("x-Absent-2");
    let message = refused(c.get_attributes(&id, &twice), ResultReason::INVALID_MESSAGE);
    assert!(message.contains("x-Absent-2"), "{message}");

    let list = c.get_attribute_list(&id).unwrap();
    assert_eq!(list.len(), 125 + COLUMNS + 3);
    let mut unique = list.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), list.len());
}
