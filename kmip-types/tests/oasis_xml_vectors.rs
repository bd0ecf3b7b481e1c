//! The OASIS KMIP profile test cases for KMIP 1.0–1.4 (`tests/data/oasis`, provenance in its
//! README), read with this crate's own XML reader: every Request and Response Message of every
//! case becomes TTLV, decodes into the typed model, and re-encodes byte for byte; the TTLV
//! writes back to XML and JSON that read back to the same bytes; the typed content matches
//! what the XML says (version, operations, result status, unique identifiers).
//!
//! Symbolic values the test cases leave to the server are replaced before reading, as
//! `common::substitute` documents.

mod common;

use std::path::PathBuf;

use kmip_types::xml::Element;
use kmip_types::*;

fn files(folder: &str) -> Vec<PathBuf> {
    common::oasis_files(folder)
}

/// The expected facts of one message, read from its XML.
#[derive(Debug, Default)]
struct Facts {
    version: Option<(i32, i32)>,
    operations: Vec<String>,
    statuses: Vec<String>,
    identifiers: Vec<String>,
}

/// The facts of a message element: its header's version, each batch item's Operation and
/// Result Status, and the Unique Identifiers directly in each payload.
fn facts(message: &Element, f: &mut Facts) {
    let child = |e: &'_ Element, name: &str| e.children.iter().find(|c| c.name == name).cloned();
    let value = |e: Option<Element>| e.and_then(|e| e.attribute("value").map(str::to_owned));
    let header = message
        .children
        .iter()
        .find(|c| c.name.ends_with("Header"))
        .unwrap();
    let version = child(header, "ProtocolVersion").unwrap();
    f.version = Some((
        value(child(&version, "ProtocolVersionMajor"))
            .unwrap()
            .parse()
            .unwrap(),
        value(child(&version, "ProtocolVersionMinor"))
            .unwrap()
            .parse()
            .unwrap(),
    ));
    for item in message.children.iter().filter(|c| c.name == "BatchItem") {
        f.operations.extend(value(child(item, "Operation")));
        f.statuses.extend(value(child(item, "ResultStatus")));
        for payload in item.children.iter().filter(|c| c.name.ends_with("Payload")) {
            for id in payload.children.iter().filter(|c| {
                c.name == "UniqueIdentifier" && c.attribute("type") == Some("TextString")
            }) {
                f.identifiers
                    .extend(id.attribute("value").map(str::to_owned));
            }
        }
    }
}

#[derive(Default)]
struct Tally {
    files: usize,
    requests: usize,
    responses: usize,
    typed_payloads: usize,
    raw_payloads: usize,
    /// Messages read on the one-pass path.
    fast: usize,
}

/// Checks one message; returns how many of its payloads were typed and kept raw.
fn check_message(file: &str, element: &Element, tally: &mut Tally) {
    let bytes = element
        .to_ttlv()
        .unwrap_or_else(|e| panic!("{file}: {} at offset {}: {e}", element.name, e.offset()));
    // Text round trips, both encodings.
    let xml = xml::from_ttlv(&bytes).unwrap();
    assert_eq!(xml::to_ttlv(&xml).unwrap(), bytes, "{file}: XML round trip");
    let json = json::from_ttlv(&bytes).unwrap();
    assert_eq!(
        json::to_ttlv(&json).unwrap(),
        bytes,
        "{file}: JSON round trip"
    );

    // The one-pass decoding agrees with the general one, and reads the common shapes.
    fuzz_targets::fast_paths_agree(&bytes);
    if fuzz_targets::request_fast_path_reads(&bytes)
        || fuzz_targets::response_fast_path_reads(&bytes)
    {
        tally.fast += 1;
    }

    let mut expect = Facts::default();
    facts(element, &mut expect);
    let (version, debug, encoded, ops, raw) = match element.name.as_str() {
        "RequestMessage" => {
            tally.requests += 1;
            let m =
                RequestMessage::decode(&bytes).unwrap_or_else(|e| panic!("{file}: request: {e}"));
            let ops: Vec<Operation> = m.batch_items.iter().map(|i| i.operation).collect();
            let raw: Vec<bool> = m
                .batch_items
                .iter()
                .map(|i| matches!(i.payload, RequestPayload::Other(_)))
                .collect();
            (
                m.header.protocol_version,
                format!("{m:?}"),
                m.encode(),
                ops,
                raw,
            )
        }
        "ResponseMessage" => {
            tally.responses += 1;
            let m =
                ResponseMessage::decode(&bytes).unwrap_or_else(|e| panic!("{file}: response: {e}"));
            for (item, status) in m.batch_items.iter().zip(&expect.statuses) {
                assert_eq!(
                    text::camel_case(&item.result_status.to_string()),
                    *status,
                    "{file}"
                );
            }
            let ops: Vec<Operation> = m.batch_items.iter().filter_map(|i| i.operation).collect();
            let raw: Vec<bool> = m
                .batch_items
                .iter()
                .filter(|i| i.operation.is_some())
                .map(|i| matches!(i.payload, Some(ResponsePayload::Other(_))))
                .collect();
            (
                m.header.protocol_version,
                format!("{m:?}"),
                m.encode(),
                ops,
                raw,
            )
        }
        other => panic!("{file}: unexpected element {other}"),
    };
    assert_eq!(encoded, bytes, "{file}: {} not byte for byte", element.name);
    let (major, minor) = expect.version.unwrap();
    assert_eq!(version, ProtocolVersion::new(major, minor), "{file}");
    // Every operation is named as the XML names it.
    assert_eq!(ops.len(), expect.operations.len(), "{file}");
    for (op, name) in ops.iter().zip(&expect.operations) {
        match op.name() {
            Some(n) => assert_eq!(text::camel_case(n), *name, "{file}"),
            None => assert!(
                name.starts_with("0x"),
                "{file}: {name} has no name in the tables"
            ),
        }
    }
    // Identifiers appear in the typed content (payloads kept raw hold them as raw TTLV).
    for (id, raw) in expect
        .identifiers
        .iter()
        .zip(raw.iter().chain(std::iter::repeat(&true)))
    {
        if !raw {
            assert!(debug.contains(id.as_str()), "{file}: {id} not in {debug}");
        }
    }
    // Every operation of KMIP 1.0 to 1.4 is typed, in every 1.x message.
    for (op, raw) in ops.iter().zip(&raw) {
        if op.since().is_some() {
            assert!(!raw, "{file}: {} {op:?} kept raw", element.name);
        }
        if *raw {
            tally.raw_payloads += 1;
        } else {
            tally.typed_payloads += 1;
        }
    }
}

/// Runs every test case in `folder`; returns the number of files.
fn run_folder(folder: &str) -> usize {
    let mut tally = Tally::default();
    let mut failures = Vec::new();
    let files = files(folder);
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = common::substitute(&std::fs::read_to_string(path).unwrap());
        let root = xml::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            matches!(root.name.as_str(), "KmipTestCase" | "KMIP"),
            "{name}"
        );
        tally.files += 1;
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut t = Tally::default();
            for message in &root.children {
                check_message(&name, message, &mut t);
            }
            t
        }));
        match outcome {
            Ok(t) => {
                tally.requests += t.requests;
                tally.responses += t.responses;
                tally.typed_payloads += t.typed_payloads;
                tally.raw_payloads += t.raw_payloads;
                tally.fast += t.fast;
            }
            Err(e) => failures.push(format!(
                "{name}: {}",
                e.downcast_ref::<String>().cloned().unwrap_or_default()
            )),
        }
    }
    println!(
        "{folder}: {} files, {} requests, {} responses, {} payloads typed, {} raw, {} messages on the fast path",
        tally.files,
        tally.requests,
        tally.responses,
        tally.typed_payloads,
        tally.raw_payloads,
        tally.fast
    );
    // All but a handful of the vectors' messages have the shape the one-pass path reads.
    assert!(
        tally.fast * 100 >= (tally.requests + tally.responses) * 99,
        "{folder}: only {} messages on the fast path",
        tally.fast
    );
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    files.len()
}

/// OASIS KMIP Test Cases and Profiles for KMIP 1.0.
#[test]
fn kmip_1_0_test_cases() {
    assert_eq!(run_folder("v1.0"), 64);
}

/// OASIS KMIP Test Cases and Profiles for KMIP 1.1.
#[test]
fn kmip_1_1_test_cases() {
    assert_eq!(run_folder("v1.1"), 67);
}

/// OASIS KMIP Test Cases and Profiles for KMIP 1.2.
#[test]
fn kmip_1_2_test_cases() {
    assert_eq!(run_folder("v1.2"), 66);
}

/// OASIS KMIP Test Cases and Profiles for KMIP 1.3.
#[test]
fn kmip_1_3_test_cases() {
    assert_eq!(run_folder("v1.3"), 76);
}

/// OASIS KMIP Test Cases and Profiles for KMIP 1.4.
#[test]
fn kmip_1_4_test_cases() {
    assert_eq!(run_folder("v1.4"), 137);
}

/// The attributes KMIP 1.2–1.4 added decode typed wherever the test cases use them (with their
/// name spelled as the specification spells it).
#[test]
fn later_versions_attributes_are_typed() {
    let wanted = [
        ("Alternative Name", "AlternativeName(AlternativeName {"),
        ("Key Value Present", "KeyValuePresent("),
        ("Key Value Location", "KeyValueLocation(KeyValueLocation {"),
        ("Original Creation Date", "OriginalCreationDate("),
        (
            "Random Number Generator",
            "RandomNumberGenerator(RngParameters {",
        ),
        ("Sensitive", "Sensitive("),
        ("Always Sensitive", "AlwaysSensitive("),
        ("Extractable", "Extractable("),
        ("Never Extractable", "NeverExtractable("),
    ];
    let mut seen = vec![0usize; wanted.len()];
    for folder in ["v1.2", "v1.3", "v1.4"] {
        for path in files(folder) {
            let text = common::substitute(&std::fs::read_to_string(&path).unwrap());
            let root = xml::parse(&text).unwrap();
            for message in &root.children {
                let bytes = message.to_ttlv().unwrap();
                let debug = match message.name.as_str() {
                    "RequestMessage" => format!("{:?}", RequestMessage::decode(&bytes).unwrap()),
                    _ => format!("{:?}", ResponseMessage::decode(&bytes).unwrap()),
                };
                for (i, (name, variant)) in wanted.iter().enumerate() {
                    let in_xml = message_names(message).iter().any(|n| n == name);
                    if in_xml {
                        assert!(
                            debug.contains(variant),
                            "{path:?}: {name} not typed: {debug}"
                        );
                        seen[i] += 1;
                    }
                }
            }
        }
    }
    for ((name, _), n) in wanted.iter().zip(&seen) {
        assert!(*n > 0, "no test case uses {name}");
    }
}

/// The Attribute Name of every Attribute with a value in `e` (not the names a Get Attributes
/// request lists).
fn message_names(e: &Element) -> Vec<String> {
    let mut out = Vec::new();
    if e.name == "Attribute" && e.children.iter().any(|c| c.name == "AttributeValue") {
        out.extend(
            e.children
                .iter()
                .filter(|c| c.name == "AttributeName")
                .filter_map(|c| c.attribute("value").map(str::to_owned)),
        );
    }
    for c in &e.children {
        out.extend(message_names(c));
    }
    out
}
