//! Malformed messages: each defect is its own error kind, at the right byte offset and tag
//! path, with the KMIP Result Reason a server should answer; nothing panics.

use kmip_ttlv::{ItemType, Tag, Writer};
use kmip_types::*;

/// A request message whose header and batch item bodies the caller writes.
fn message(
    header: impl FnOnce(&mut Writer<'_, Vec<u8>>),
    items: impl FnOnce(&mut Writer<'_, Vec<u8>>),
) -> Vec<u8> {
    let mut buf = Vec::new();
    let mut w = Writer::new(&mut buf);
    w.structure(tag::REQUEST_MESSAGE, |w| {
        w.structure(tag::REQUEST_HEADER, header);
        items(w);
    });
    w.finish().unwrap();
    buf
}

fn version(w: &mut Writer<'_, Vec<u8>>) {
    w.structure(tag::PROTOCOL_VERSION, |w| {
        w.integer(tag::PROTOCOL_VERSION_MAJOR, 1)
            .integer(tag::PROTOCOL_VERSION_MINOR, 1);
    });
}

fn activate_item(w: &mut Writer<'_, Vec<u8>>) {
    w.structure(tag::BATCH_ITEM, |w| {
        w.enumeration(tag::OPERATION, Operation::ACTIVATE.0);
        w.structure(tag::REQUEST_PAYLOAD, |w| {
            w.text_string(tag::UNIQUE_IDENTIFIER, "1");
        });
    });
}

fn good_header(w: &mut Writer<'_, Vec<u8>>) {
    version(w);
    w.integer(tag::BATCH_COUNT, 1);
}

#[test]
fn a_well_formed_message_decodes() {
    let bytes = message(good_header, activate_item);
    let m = RequestMessage::decode(&bytes).unwrap();
    assert_eq!(m.encode(), bytes);
}

#[test]
fn missing_header_field_is_invalid_message() {
    let bytes = message(version, activate_item);
    let e = RequestMessage::decode(&bytes).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::MissingField {
            tag: tag::BATCH_COUNT
        }
    );
    assert_eq!(e.path(), [tag::REQUEST_MESSAGE, tag::REQUEST_HEADER]);
    assert_eq!(e.offset(), 8);
    assert_eq!(e.result_reason(), ResultReason::INVALID_MESSAGE);
    assert_eq!(
        e.to_string(),
        "required field Batch Count is missing at byte 8 in Request Message/Request Header"
    );
}

#[test]
fn missing_payload_field_is_missing_data() {
    let bytes = message(good_header, |w| {
        w.structure(tag::BATCH_ITEM, |w| {
            w.enumeration(tag::OPERATION, Operation::CREATE.0);
            w.structure(tag::REQUEST_PAYLOAD, |w| {
                w.enumeration(tag::OBJECT_TYPE, ObjectType::SYMMETRIC_KEY.0);
            });
        });
    });
    let e = RequestMessage::decode(&bytes).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::MissingField {
            tag: tag::TEMPLATE_ATTRIBUTE
        }
    );
    assert_eq!(
        e.path(),
        [tag::REQUEST_MESSAGE, tag::BATCH_ITEM, tag::REQUEST_PAYLOAD]
    );
    assert_eq!(e.result_reason(), ResultReason::MISSING_DATA);
}

#[test]
fn wrong_item_type_is_invalid_field_at_its_offset() {
    let bytes = message(
        |w| {
            version(w);
            w.text_string(tag::BATCH_COUNT, "1");
        },
        activate_item,
    );
    let e = RequestMessage::decode(&bytes).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::WrongType {
            tag: tag::BATCH_COUNT,
            expected: ItemType::Integer,
            found: ItemType::TextString
        }
    );
    // Message header 8 + Request Header header 8 + Protocol Version 40.
    assert_eq!(e.offset(), 56);
    assert_eq!(
        e.path(),
        [tag::REQUEST_MESSAGE, tag::REQUEST_HEADER, tag::BATCH_COUNT]
    );
    assert_eq!(e.result_reason(), ResultReason::INVALID_FIELD);
}

#[test]
fn out_of_order_and_duplicate_fields_are_distinct() {
    let bytes = message(
        |w| {
            w.integer(tag::BATCH_COUNT, 1);
            version(w);
        },
        activate_item,
    );
    let e = RequestMessage::decode(&bytes).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::OutOfOrder {
            tag: tag::PROTOCOL_VERSION
        }
    );
    assert_eq!(e.result_reason(), ResultReason::INVALID_MESSAGE);

    let bytes = message(
        |w| {
            version(w);
            w.integer(tag::MAXIMUM_RESPONSE_SIZE, 1);
            w.integer(tag::MAXIMUM_RESPONSE_SIZE, 2);
            w.integer(tag::BATCH_COUNT, 1);
        },
        activate_item,
    );
    let e = RequestMessage::decode(&bytes).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::Duplicate {
            tag: tag::MAXIMUM_RESPONSE_SIZE
        }
    );

    let bytes = message(
        |w| {
            version(w);
            w.integer(tag::BATCH_COUNT, 1);
            w.integer(tag::MAXIMUM_RESPONSE_SIZE, 1);
        },
        activate_item,
    );
    let e = RequestMessage::decode(&bytes).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::OutOfOrder {
            tag: tag::MAXIMUM_RESPONSE_SIZE
        }
    );
}

#[test]
fn batch_count_must_match_the_items() {
    let bytes = message(
        |w| {
            version(w);
            w.integer(tag::BATCH_COUNT, 2);
        },
        activate_item,
    );
    let e = RequestMessage::decode(&bytes).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::BatchCount {
            declared: 2,
            actual: 1
        }
    );
    assert_eq!(e.result_reason(), ResultReason::INVALID_MESSAGE);
    // No batch item at all.
    let bytes = message(good_header, |_| {});
    let e = RequestMessage::decode(&bytes).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::MissingField {
            tag: tag::BATCH_ITEM
        }
    );
}

#[test]
fn a_response_is_not_a_request_and_bad_ttlv_is_invalid_message() {
    let response = ResponseMessage::new(
        ProtocolVersion::V1_1,
        DateTime(0),
        vec![ResponseBatchItem::success(ActivateResponse::new("1"))],
    )
    .encode();
    let e = RequestMessage::decode(&response).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::UnexpectedTag {
            expected: tag::REQUEST_MESSAGE,
            found: tag::RESPONSE_MESSAGE
        }
    );
    let bytes = message(good_header, activate_item);
    for cut in [0, 1, 7, 8, 9, bytes.len() - 1] {
        let e = RequestMessage::decode(&bytes[..cut]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Ttlv(_)), "{e}");
        assert_eq!(e.result_reason(), ResultReason::INVALID_MESSAGE);
    }
    let mut padded = bytes;
    let last = padded.len() - 1;
    padded[last] = 1; // a padding byte of the Unique Identifier
    let e = RequestMessage::decode(&padded).unwrap_err();
    assert!(e.to_string().contains("Unique Identifier"), "{e}");
}

#[test]
fn a_wrong_object_for_its_object_type_is_invalid_field() {
    let register = RegisterRequest::new(
        ManagedObject::symmetric_key(KeyBlock::raw_symmetric(
            CryptographicAlgorithm::AES,
            vec![1; 16],
        )),
        vec![],
    );
    let mut register = register;
    register.object_type = ObjectType::CERTIFICATE;
    let bytes = RequestMessage::single(ProtocolVersion::V1_1, register).encode();
    let e = RequestMessage::decode(&bytes).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::InvalidValue { .. }), "{e}");
    assert_eq!(e.result_reason(), ResultReason::INVALID_FIELD);
    assert_eq!(e.path().last(), Some(&tag::SYMMETRIC_KEY));
}

#[test]
fn every_truncation_and_bit_flip_of_a_fixture_is_an_error_or_a_message_never_a_panic() {
    let bytes = RequestMessage::single(
        ProtocolVersion::V1_1,
        CreateRequest::symmetric_key(
            CryptographicAlgorithm::AES,
            256,
            CryptographicUsageMask::ENCRYPT,
        ),
    )
    .encode();
    for cut in 0..bytes.len() {
        let _ = RequestMessage::decode(&bytes[..cut]);
    }
    for i in 0..bytes.len() {
        for bit in 0..8 {
            let mut b = bytes.clone();
            b[i] ^= 1 << bit;
            if let Err(e) = RequestMessage::decode(&b) {
                let _ = (e.result_reason(), e.to_string());
            }
            fuzz_targets::message_round_trip(&b);
        }
    }
    assert_eq!(Tag::new(0x420078), tag::REQUEST_MESSAGE);
}

#[test]
fn items_past_the_batch_count_are_refused_before_they_are_decoded() {
    // Batch Count 1, then 1000 batch items whose payloads are all malformed but the first:
    // the answer is the Batch Count mismatch, found at the second item, without decoding
    // (or allocating a slot for) any item past the declared count.
    let bytes = message(good_header, |w| {
        activate_item(w);
        for _ in 0..999 {
            w.structure(tag::BATCH_ITEM, |w| {
                w.enumeration(tag::OPERATION, Operation::ACTIVATE.0);
                w.structure(tag::REQUEST_PAYLOAD, |w| {
                    w.integer(tag::UNIQUE_IDENTIFIER, 1);
                });
            });
        }
    });
    let e = RequestMessage::decode(&bytes).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::BatchCount {
            declared: 1,
            actual: 1000
        }
    );
    assert_eq!(e.result_reason(), ResultReason::INVALID_MESSAGE);
    // A negative count admits no item at all.
    let bytes = message(
        |w| {
            version(w);
            w.integer(tag::BATCH_COUNT, -1);
        },
        activate_item,
    );
    let e = RequestMessage::decode(&bytes).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::BatchCount {
            declared: -1,
            actual: 1
        }
    );
}
