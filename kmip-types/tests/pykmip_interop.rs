//! PyKMIP 0.11 as a real peer (`tests/pykmip/pykmip_peer.py`).
//!
//! 1. PyKMIP's own encoder produces requests and responses for every operation it models (those
//!    of KMIP 1.0/1.1 operations in every version from 1.0 to 1.4); we decode each, check the
//!    typed content, and re-encode it byte for byte.
//! 2. Messages we encode in every version from 1.0 to 1.4 (our builders, a server's answers,
//!    and the re-encodings of step 1) go to PyKMIP's decoder, reading them as the version
//!    their header names, which must read them into the same values.
//!
//! Runs when `KMIP_PYTHON` names a Python with PyKMIP installed (CI sets it; see the crate
//! README); without it the test says it was skipped. If `KMIP_PYTHON` is set but broken, the
//! test fails.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use kmip_types::*;

fn python() -> Option<String> {
    std::env::var("KMIP_PYTHON").ok().filter(|p| !p.is_empty())
}

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/pykmip/pykmip_peer.py")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn run(python: &str, mode: &str, input: &str) -> String {
    let mut child = Command::new(python)
        .arg(script())
        .arg(mode)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("KMIP_PYTHON={python} cannot run: {e}"));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "pykmip_peer.py {mode} failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Operations of KMIP 1.0 to 1.4, whose payloads must decode typed in any 1.x message.
fn is_typed(op: Operation) -> bool {
    op.since().is_some()
}

#[test]
fn pykmip_encodes_we_decode_and_re_encode_byte_for_byte() {
    let Some(python) = python() else {
        println!("skipped: KMIP_PYTHON is not set (see kmip-types/README.md, Interop)");
        return;
    };
    let produced = run(&python, "produce", "");
    let mut count = 0;
    for line in produced.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let [name, kind, data, expect] = fields[..] else {
            panic!("bad line {line:?}")
        };
        let bytes = unhex(data);
        let (encoded, debug, ops, payloads_typed) = match kind {
            "request" => {
                let m = RequestMessage::decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
                let typed = m
                    .batch_items
                    .iter()
                    .all(|i| !matches!(i.payload, RequestPayload::Other(_)));
                let ops: Vec<_> = m.batch_items.iter().map(|i| i.operation).collect();
                (m.encode(), format!("{m:?}"), ops, typed)
            }
            _ => {
                let m = ResponseMessage::decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
                let typed = m
                    .batch_items
                    .iter()
                    .all(|i| !matches!(i.payload, Some(ResponsePayload::Other(_))));
                let ops: Vec<_> = m.batch_items.iter().filter_map(|i| i.operation).collect();
                (m.encode(), format!("{m:?}"), ops, typed)
            }
        };
        assert_eq!(
            hex(&encoded),
            data,
            "{name} {kind} does not re-encode byte for byte"
        );
        for e in expect.split('|').filter(|e| !e.is_empty()) {
            assert!(debug.contains(e), "{name} {kind}: {e:?} not in {debug}");
        }
        assert!(ops.iter().all(|op| is_typed(*op)), "{name} {kind}: {ops:?}");
        assert!(
            payloads_typed,
            "{name} {kind}: a KMIP 1.x payload was kept raw: {debug}"
        );
        // Passwords, key material, and the plaintext of Encrypt/Decrypt ("plaintext", "to be
        // signed") never show.
        for secret in [
            "s3cret-pw",
            "dev-pw",
            "101112131415",
            "706c61696e74657874",
            "746f206265207369676e6564",
        ] {
            assert!(!debug.contains(secret), "{name}: Debug shows a secret");
        }
        count += 1;
    }
    // 26 requests + 25 responses + the failures and authentication cases in KMIP 1.1 and 1.2,
    // and the messages of 1.0/1.1 operations again in KMIP 1.0, 1.2, 1.3 and 1.4 headers.
    assert!(count >= 250, "PyKMIP produced only {count} messages");
    println!("decoded and re-encoded {count} PyKMIP messages");
}

/// The KMIP versions both directions are tested in.
const VERSIONS: [ProtocolVersion; 5] = [
    ProtocolVersion::V1_0,
    ProtocolVersion::V1_1,
    ProtocolVersion::V1_2,
    ProtocolVersion::new(1, 3),
    ProtocolVersion::new(1, 4),
];

/// The messages we send to PyKMIP's decoder, in every version: name, kind, bytes, and facts
/// PyKMIP must read.
fn our_messages() -> Vec<(String, &'static str, Vec<u8>, Vec<String>)> {
    let mut all = Vec::new();
    for v in VERSIONS {
        for (name, kind, bytes, mut facts) in our_messages_in(v) {
            facts.push(format!("version={}.{}", v.major, v.minor));
            let name = if v == ProtocolVersion::V1_1 {
                name
            } else {
                format!("{name}@{}.{}", v.major, v.minor)
            };
            all.push((name, kind, bytes, facts));
        }
    }
    all
}

/// The messages we send to PyKMIP's decoder in version `v`.
fn our_messages_in(v: ProtocolVersion) -> Vec<(String, &'static str, Vec<u8>, Vec<String>)> {
    let uid = "6c3bd7b0-2f8e-4c5a-9a51-3f1ce5f1e3a0";
    let mut out = Vec::new();
    let mut request = |name: &str, payload: RequestPayload, facts: Vec<String>| {
        let m = RequestMessage::single(v, payload);
        out.push((name.to_owned(), "request", m.encode(), facts));
    };
    request(
        "create",
        CreateRequest::symmetric_key(
            CryptographicAlgorithm::AES,
            256,
            CryptographicUsageMask::ENCRYPT | CryptographicUsageMask::DECRYPT,
        )
        .with_attribute(Attribute::name("vm-disk-1"))
        .into(),
        vec!["operation=1".into(), "payload=CreateRequestPayload".into()],
    );
    request(
        "get",
        GetRequest::new(uid).into(),
        vec!["operation=10".into(), format!("uid={uid}")],
    );
    request(
        "locate",
        LocateRequest::by_name("vm-disk-1").into(),
        vec!["operation=8".into(), "payload=LocateRequestPayload".into()],
    );
    request(
        "get_attributes",
        GetAttributesRequest::new(uid, &["State", "Name"]).into(),
        vec!["operation=11".into(), format!("uid={uid}")],
    );
    request(
        "activate",
        ActivateRequest::new(uid).into(),
        vec!["operation=18".into(), format!("uid={uid}")],
    );
    request(
        "revoke",
        RevokeRequest::new(uid, RevocationReasonCode::CESSATION_OF_OPERATION).into(),
        vec!["operation=19".into(), format!("uid={uid}")],
    );
    request(
        "destroy",
        DestroyRequest::new(uid).into(),
        vec!["operation=20".into(), format!("uid={uid}")],
    );
    request(
        "register",
        RegisterRequest::new(
            ManagedObject::symmetric_key(KeyBlock::raw_symmetric(
                CryptographicAlgorithm::AES,
                vec![0x5A; 32],
            )),
            vec![Attribute::name("imported")],
        )
        .into(),
        vec![
            "operation=3".into(),
            "payload=RegisterRequestPayload".into(),
        ],
    );
    request(
        "query",
        QueryRequest::new(&[
            QueryFunction::QUERY_OPERATIONS,
            QueryFunction::QUERY_OBJECTS,
        ])
        .into(),
        vec!["operation=24".into()],
    );
    // The KMIP 1.2 cryptographic operations PyKMIP's client offers, in every header version
    // (written by KMIP 1.2's rules, as PyKMIP itself sends them in 1.1 headers).
    let gcm = CryptographicParameters {
        block_cipher_mode: Some(BlockCipherMode::GCM),
        cryptographic_algorithm: Some(CryptographicAlgorithm::AES),
        random_iv: Some(true),
        tag_length: Some(16),
        ..Default::default()
    };
    request(
        "encrypt",
        EncryptRequest {
            unique_identifier: Some(uid.into()),
            cryptographic_parameters: Some(gcm.clone()),
            data: Some(SecretBytes::from_slice(b"disk sector")),
            ..Default::default()
        }
        .into(),
        vec![
            "operation=31".into(),
            "payload=EncryptRequestPayload".into(),
            format!("uid={uid}"),
        ],
    );
    request(
        "decrypt",
        DecryptRequest {
            unique_identifier: Some(uid.into()),
            cryptographic_parameters: Some(gcm),
            data: Some(SecretBytes::from_slice(&[0xC7; 24])),
            iv_counter_nonce: Some(ByteString(vec![0x11; 12])),
            ..Default::default()
        }
        .into(),
        vec![
            "operation=32".into(),
            "payload=DecryptRequestPayload".into(),
        ],
    );
    request(
        "sign",
        SignRequest {
            unique_identifier: Some(uid.into()),
            cryptographic_parameters: Some(CryptographicParameters {
                digital_signature_algorithm: Some(
                    DigitalSignatureAlgorithm::SHA_256_WITH_RSA_ENCRYPTION,
                ),
                ..Default::default()
            }),
            data: Some(SecretBytes::from_slice(b"firmware image")),
            ..Default::default()
        }
        .into(),
        vec!["operation=33".into(), "payload=SignRequestPayload".into()],
    );
    request(
        "signature_verify",
        SignatureVerifyRequest {
            unique_identifier: Some(uid.into()),
            data: Some(SecretBytes::from_slice(b"firmware image")),
            signature_data: Some(ByteString(vec![0x3C; 32])),
            ..Default::default()
        }
        .into(),
        vec![
            "operation=34".into(),
            "payload=SignatureVerifyRequestPayload".into(),
        ],
    );
    request(
        "mac",
        MacRequest {
            unique_identifier: Some(uid.into()),
            cryptographic_parameters: Some(CryptographicParameters {
                cryptographic_algorithm: Some(CryptographicAlgorithm::HMAC_SHA256),
                ..Default::default()
            }),
            data: Some(SecretBytes::from_slice(b"authenticate me")),
            ..Default::default()
        }
        .into(),
        vec!["operation=35".into(), "payload=MACRequestPayload".into()],
    );
    // Discover Versions is a KMIP 1.1 operation: not sent in a 1.0 header.
    if v == ProtocolVersion::V1_0 {
        return out;
    }
    request(
        "discover_versions",
        DiscoverVersionsRequest {
            protocol_versions: vec![ProtocolVersion::V1_1, ProtocolVersion::V1_0],
            ..Default::default()
        }
        .into(),
        vec!["operation=30".into()],
    );
    // A server's answers, built with `respond`.
    let get = RequestMessage::new(
        v,
        vec![
            RequestBatchItem::new(GetRequest::new(uid)),
            RequestBatchItem::new(LocateRequest::by_name("vm-disk-1")),
            RequestBatchItem::new(GetAttributesRequest::new(uid, &[])),
            RequestBatchItem::new(DestroyRequest::new("missing")),
        ],
    );
    let response = get.respond_at(DateTime(1_700_000_000), |item| match &item.payload {
        RequestPayload::Get(_) => Ok(GetResponse::new(
            uid,
            ManagedObject::symmetric_key(KeyBlock::raw_symmetric(
                CryptographicAlgorithm::AES,
                vec![0xA5; 32],
            )),
        )
        .into()),
        RequestPayload::Locate(_) => Ok(LocateResponse {
            unique_identifiers: vec![uid.into()],
            ..Default::default()
        }
        .into()),
        RequestPayload::GetAttributes(_) => Ok(GetAttributesResponse {
            unique_identifier: uid.into(),
            attributes: vec![
                Attribute::state(State::ACTIVE),
                Attribute::cryptographic_length(256),
                Attribute::name("vm-disk-1"),
            ],
            ..Default::default()
        }
        .into()),
        _ => Err(Failure::new(ResultReason::ITEM_NOT_FOUND, "no such object")),
    });
    out.push((
        "respond".into(),
        "response",
        response.encode(),
        vec![
            "batch_count=4".into(),
            "operation=10".into(),
            format!("key={}", "a5".repeat(32)),
            "operation=8".into(),
            "operation=11".into(),
            "status=1".into(),
        ],
    ));
    out
}

/// Every primitive value in `bytes`, in the form the Python side prints for what PyKMIP decoded.
fn leaves(bytes: &[u8]) -> Vec<String> {
    fn walk(item: &kmip_ttlv::Item<'_>, out: &mut Vec<String>) {
        use kmip_ttlv::Value;
        let text = match item.value() {
            Value::Structure(children) => {
                for c in children {
                    walk(&c, out);
                }
                return;
            }
            Value::Integer(v) => v.to_string(),
            Value::LongInteger(v) | Value::DateTime(v) => v.to_string(),
            Value::Enumeration(v) | Value::Interval(v) => v.to_string(),
            Value::Boolean(v) => v.to_string(),
            Value::TextString(v) => v.to_owned(),
            Value::BigInteger(v) | Value::ByteString(v) => hex(v),
        };
        out.push(format!("{:06X}={text}", item.tag().value()));
    }
    let mut out = Vec::new();
    walk(&kmip_ttlv::decode(bytes).unwrap(), &mut out);
    out.sort();
    out
}

#[test]
fn we_encode_pykmip_decodes_the_same_values() {
    let Some(python) = python() else {
        println!("skipped: KMIP_PYTHON is not set (see kmip-types/README.md, Interop)");
        return;
    };
    let mut messages = our_messages();
    // Our re-encodings of everything PyKMIP produced go back too (PyKMIP's decoder reads the
    // KMIP 1.1 ones; its factories model no KMIP 1.2 Encrypt/Sign/MAC response reading for all).
    for line in run(&python, "produce", "").lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let bytes = unhex(f[1 + 1]);
        let encoded = if f[1] == "request" {
            RequestMessage::decode(&bytes).unwrap().encode()
        } else {
            ResponseMessage::decode(&bytes).unwrap().encode()
        };
        let kind = if f[1] == "request" {
            "request"
        } else {
            "response"
        };
        messages.push((format!("pykmip-{}", f[0]), kind, encoded, Vec::new()));
    }
    // Each message is read as the KMIP version its header names.
    let input: String = messages
        .iter()
        .map(|(name, kind, bytes, _)| {
            let v = peek_protocol_version(bytes).unwrap();
            format!("{name}\t{kind}\t{}\t{}.{}\n", hex(bytes), v.major, v.minor)
        })
        .collect();
    if let Ok(path) = std::env::var("KMIP_INTEROP_DUMP") {
        std::fs::write(path, &input).unwrap();
    }
    let output = run(&python, "decode", &input);
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(lines.len(), messages.len(), "{output}");
    let (mut checked, mut identical) = (0, 0);
    assert!(messages.len() >= 300, "{}", messages.len());
    for (line, (name, _, bytes, facts)) in lines.iter().zip(&messages) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 5, "{line}");
        assert_eq!(f[0], name);
        assert_eq!(f[1], "ok", "PyKMIP could not read our {name}: {}", f[3]);
        let got: Vec<&str> = f[3].split('|').collect();
        for fact in facts {
            assert!(
                got.contains(&fact.as_str()),
                "{name}: PyKMIP read {got:?}, wanted {fact}"
            );
        }
        // Every value we encoded is a value PyKMIP decoded, and nothing else.
        let ours = leaves(bytes);
        let theirs: Vec<&str> = f[4].split('|').collect();
        assert_eq!(ours, theirs, "{name}: PyKMIP decoded other values");
        identical += usize::from(f[2] == "same");
        checked += 1;
    }
    println!(
        "PyKMIP decoded {checked} messages we encoded to the same values \
         ({identical} re-encoded by PyKMIP to identical bytes; it pads Text Strings whose \
         length is a multiple of 8 with 8 extra bytes after decoding)"
    );
}
