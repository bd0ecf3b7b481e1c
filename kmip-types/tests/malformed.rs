//! The malformed-message corpus: one file per defect under `tests/data/malformed/`, each
//! decoded and checked for its specific error kind, the KMIP Result Reason it maps to, its
//! byte offset and its tag path (`expected.txt`, written with the files by
//! `make_malformed.py`). Every file must have an expectation and every expectation a file.

use std::collections::BTreeMap;
use std::path::Path;

use kmip_types::{
    Error, ErrorKind, RequestMessage, ResponseMessage, ResultReason, install_names, tag,
};

struct Expected {
    /// Decoded as a Request Message (else as a Response Message).
    request: bool,
    /// Only `RequestMessage::decode_typed` fails; `decode` keeps the payload raw.
    typed_only: bool,
    kind: String,
    reason: ResultReason,
    offset: usize,
    path: Vec<u32>,
}

fn expectations(dir: &Path) -> BTreeMap<String, Expected> {
    std::fs::read_to_string(dir.join("expected.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (file, what) = l.split_once(" = ").unwrap();
            let fields: Vec<&str> = what.split("; ").collect();
            let [decoded_as, kind, reason, offset, path] = fields[..] else {
                panic!("{file}: five fields expected in `{what}`");
            };
            let request = match decoded_as {
                "request" => true,
                "response" => false,
                other => panic!("{file}: decoded as {other}?"),
            };
            let (typed_only, kind) = match kind.strip_prefix("typed:") {
                Some(k) => (true, k),
                None => (false, kind),
            };
            let path = match path {
                "-" => Vec::new(),
                p => p
                    .split('/')
                    .map(|t| u32::from_str_radix(t, 16).unwrap())
                    .collect(),
            };
            let expected = Expected {
                request,
                typed_only,
                kind: kind.to_string(),
                reason: ResultReason::from_name(reason)
                    .unwrap_or_else(|| panic!("{file}: unknown Result Reason {reason}")),
                offset: offset.parse().unwrap(),
                path,
            };
            (file.to_string(), expected)
        })
        .collect()
}

/// `MissingField`, or `Ttlv/Truncated` for kmip-ttlv's kinds.
fn kind_name(kind: &ErrorKind) -> String {
    let variant =
        |debug: String| -> String { debug.chars().take_while(|c| c.is_alphanumeric()).collect() };
    match kind {
        ErrorKind::Ttlv(inner) => format!("Ttlv/{}", variant(format!("{inner:?}"))),
        other => variant(format!("{other:?}")),
    }
}

/// Decodes `bytes` as a request (with `decode_typed` if `typed`) or a response.
fn decode(bytes: &[u8], request: bool, typed: bool) -> Result<(), Error> {
    match (request, typed) {
        (true, false) => RequestMessage::decode(bytes).map(drop),
        (true, true) => RequestMessage::decode_typed(bytes).map(drop),
        (false, _) => ResponseMessage::decode(bytes).map(drop),
    }
}

#[test]
fn every_malformed_message_fails_with_its_kind_reason_offset_and_path() {
    install_names();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/malformed");
    let expected = expectations(&dir);
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".ttlv"))
        .collect();
    files.sort();
    assert_eq!(
        files,
        expected.keys().cloned().collect::<Vec<_>>(),
        "every file has an expectation and every expectation a file"
    );
    assert!(files.len() >= 40, "the corpus lost files: {}", files.len());
    for (file, want) in &expected {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let err = if want.typed_only {
            // The plain decoder keeps the payload raw, and re-encodes the message as it was.
            let m = RequestMessage::decode(&bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
            assert_eq!(m.encode(), bytes, "{file}");
            let e = m.batch_items[0].typed_payload().unwrap_err();
            assert_eq!(e.result_reason(), want.reason, "{file}: {e}");
            decode(&bytes, true, true).expect_err(file)
        } else {
            let err = decode(&bytes, want.request, false).expect_err(file);
            // The typed decoder fails the same way.
            if want.request {
                assert_eq!(decode(&bytes, true, true).unwrap_err(), err, "{file}");
            }
            err
        };
        assert_eq!(kind_name(err.kind()), want.kind, "{file}: {err}");
        assert_eq!(err.result_reason(), want.reason, "{file}: {err}");
        assert_eq!(err.offset(), want.offset, "{file}: {err}");
        assert_eq!(
            err.path().iter().map(|t| t.value()).collect::<Vec<_>>(),
            want.path,
            "{file}: {err}"
        );
        // The message names the offset, and the answer a server builds from it carries the
        // same Result Reason.
        assert!(
            err.to_string()
                .contains(&format!("at byte {}", want.offset)),
            "{file}: {err}"
        );
        let answer = ResponseMessage::for_error(&err, kmip_types::ProtocolVersion::V1_1);
        assert_eq!(answer.batch_items[0].result_reason, Some(want.reason));
    }
}

#[test]
fn error_kinds_carry_their_data() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/malformed");
    let read = |n: &str| std::fs::read(dir.join(n)).unwrap();
    let e = RequestMessage::decode(&read("batch-count-2-with-one-item.ttlv")).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::BatchCount {
            declared: 2,
            actual: 1
        }
    );
    let e = RequestMessage::decode(&read("batch-count-1-with-two-items.ttlv")).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::BatchCount {
            declared: 1,
            actual: 2
        }
    );
    let e = RequestMessage::decode(&read("request-header-missing-batch-count.ttlv")).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::MissingField {
            tag: tag::BATCH_COUNT
        }
    );
    let e = RequestMessage::decode(&read("create-payload-missing-template-attribute.ttlv"))
        .unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::MissingField {
            tag: tag::TEMPLATE_ATTRIBUTE
        }
    );
    let e = RequestMessage::decode(&read("operation-is-an-integer.ttlv")).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::WrongType {
            tag: tag::OPERATION,
            expected: kmip_ttlv::ItemType::Enumeration,
            found: kmip_ttlv::ItemType::Integer
        }
    );
    let e = RequestMessage::decode(&read("unique-identifier-is-a-structure.ttlv")).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::WrongType {
            tag: tag::UNIQUE_IDENTIFIER,
            expected: kmip_ttlv::ItemType::TextString,
            found: kmip_ttlv::ItemType::Structure
        }
    );
    let e =
        RequestMessage::decode(&read("template-attribute-before-object-type.ttlv")).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::OutOfOrder {
            tag: tag::OBJECT_TYPE
        }
    );
    let e = RequestMessage::decode(&read("register-with-two-objects.ttlv")).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::Duplicate {
            tag: tag::SYMMETRIC_KEY
        }
    );
    let e = RequestMessage::decode_typed(&read("operation-vendor-extension.ttlv")).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::UnsupportedOperation {
            operation: kmip_types::Operation(0x8000_0001)
        }
    );
    let e = ResponseMessage::decode(&read("get-response-object-type-does-not-match-object.ttlv"))
        .unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::InvalidValue { tag, .. } if *tag == tag::SYMMETRIC_KEY),
        "{e}"
    );
    let e =
        RequestMessage::decode(&read("response-message-where-request-expected.ttlv")).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::UnexpectedTag {
            expected: tag::REQUEST_MESSAGE,
            found: tag::RESPONSE_MESSAGE
        }
    );
}
