//! `ResponseMessage::decode`'s and `RequestMessage::decode`'s fast paths against their
//! general paths: the shapes servers and clients send are read on the fast path, in every
//! version; other shapes are left to the general path,
//! which decodes them; and on every truncation and byte substitution of those messages the
//! fast path reads only what the general path decodes, to the same message
//! (`fuzz_targets::fast_paths_agree`, also run on every input of the `message_decode` fuzz
//! target).

use kmip_types::fuzz_targets::{
    fast_paths_agree, request_fast_path_reads, response_fast_path_reads,
};
use kmip_types::*;

const UID: &str = "d8f5a1b2-3c4d-4e5f-8a9b-0c1d2e3f4a5b";

fn get(version: ProtocolVersion) -> ResponseMessage {
    let key = KeyBlock::raw_symmetric(CryptographicAlgorithm::AES, vec![0x42; 32]);
    ResponseMessage::new(
        version,
        DateTime(1_700_000_000),
        vec![ResponseBatchItem::success(GetResponse::new(
            UID,
            ManagedObject::symmetric_key(key),
        ))],
    )
}

/// Responses in the common shape: a header of Protocol Version, Time Stamp and Batch Count,
/// batch items with any of the fields the fast path reads.
fn common_shapes() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for version in [
        ProtocolVersion::V1_0,
        ProtocolVersion::V1_1,
        ProtocolVersion::V1_2,
        ProtocolVersion::V1_3,
        ProtocolVersion::V1_4,
    ] {
        out.push((format!("Get {version}"), get(version).encode()));
        let mut failed = get(version);
        failed.batch_items = vec![
            ResponseBatchItem::failure(
                Some(Operation::GET),
                ResultReason::ITEM_NOT_FOUND,
                Some("no such key".into()),
            ),
            ResponseBatchItem::failure(None, ResultReason::PERMISSION_DENIED, None),
        ];
        out.push((format!("two failures {version}"), failed.encode()));
    }
    // A wrapped key (Key Wrapping Data), a public key, and an object read whole.
    let wrapping = KeyWrappingData {
        wrapping_method: WrappingMethod::ENCRYPT,
        encryption_key_information: Some(EncryptionKeyInformation {
            unique_identifier: "kek-1".into(),
            ..Default::default()
        }),
        ..Default::default()
    };
    let wrapped = KeyBlock::wrapped(
        KeyFormatType::RAW,
        CryptographicAlgorithm::AES,
        256,
        vec![7; 40],
        wrapping,
    );
    let mut public = KeyBlock::raw_symmetric(CryptographicAlgorithm::RSA, vec![1; 64]);
    public.key_format_type = KeyFormatType::PKCS_1;
    let template = ManagedObject::Template(Template {
        attributes: vec![Attribute::name("t")],
        ..Default::default()
    });
    for (name, object) in [
        ("wrapped key", ManagedObject::symmetric_key(wrapped)),
        (
            "public key",
            ManagedObject::PublicKey(PublicKey {
                key_block: public,
                unknown: Vec::new(),
            }),
        ),
        ("template", template),
    ] {
        let mut message = get(ProtocolVersion::V1_1);
        message.batch_items[0] = ResponseBatchItem::success(GetResponse::new(UID, object));
        out.push((name.to_string(), message.encode()));
    }
    // KMIP 2.0: the payload is kept raw.
    out.push(("Get 2.0".into(), get(ProtocolVersion::V2_0).encode()));
    let mut with_id = get(ProtocolVersion::V1_1);
    with_id.batch_items[0].unique_batch_item_id = Some(ByteString(vec![1, 2, 3, 4, 5]));
    with_id.batch_items[0].asynchronous_correlation_value = Some(ByteString(vec![9; 12]));
    out.push(("Unique Batch Item ID".into(), with_id.encode()));
    let locate = ResponseMessage::new(
        ProtocolVersion::V1_2,
        DateTime(0),
        vec![ResponseBatchItem::success(LocateResponse {
            unique_identifiers: (0..4).map(|i| format!("{UID}-{i}")).collect(),
            ..Default::default()
        })],
    );
    out.push(("Locate".into(), locate.encode()));
    let attributes = ResponseMessage::new(
        ProtocolVersion::V1_1,
        DateTime(-1),
        vec![ResponseBatchItem::success(GetAttributesResponse {
            unique_identifier: UID.into(),
            attributes: vec![
                Attribute::cryptographic_algorithm(CryptographicAlgorithm::AES),
                Attribute::name("vm-key"),
                Attribute::custom_text("x-Product_Version", "8.0.2"),
            ],
            ..Default::default()
        })],
    );
    out.push(("Get Attributes".into(), attributes.encode()));
    out
}

/// Requests in the common shape: any of the KMIP 1.1 header fields, batch items of Operation,
/// Unique Batch Item ID and payload.
fn common_requests() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let get = GetRequest {
        unique_identifier: Some(UID.into()),
        ..Default::default()
    };
    for version in [
        ProtocolVersion::V1_0,
        ProtocolVersion::V1_1,
        ProtocolVersion::V1_2,
        ProtocolVersion::V1_4,
    ] {
        out.push((
            format!("Get {version}"),
            RequestMessage::single(version, get.clone()).encode(),
        ));
    }
    let create = RequestMessage::single(
        ProtocolVersion::V1_1,
        CreateRequest::symmetric_key(
            CryptographicAlgorithm::AES,
            256,
            CryptographicUsageMask::ENCRYPT | CryptographicUsageMask::DECRYPT,
        )
        .with_attribute(Attribute::name("vm-key")),
    )
    .with_authentication(Credential::username_and_password("vcenter", Some("secret")));
    out.push(("Create with Authentication".into(), create.encode()));
    let mut full = RequestMessage::new(
        ProtocolVersion::V1_2,
        vec![
            RequestBatchItem::new(get),
            RequestBatchItem::new(LocateRequest::default()),
        ],
    );
    full.header.maximum_response_size = Some(1 << 20);
    full.header.asynchronous_indicator = Some(false);
    full.header.batch_error_continuation_option = Some(BatchErrorContinuationOption::STOP);
    full.header.batch_order_option = Some(true);
    full.header.time_stamp = Some(DateTime(1_700_000_000));
    full.batch_items[0].unique_batch_item_id = Some(ByteString(vec![1]));
    full.batch_items[1].unique_batch_item_id = Some(ByteString(vec![2]));
    out.push(("every header field, two items".into(), full.encode()));
    out
}

#[test]
fn the_common_requests_take_the_fast_path_and_decode_as_on_the_general_path() {
    for (name, bytes) in common_requests() {
        assert!(
            request_fast_path_reads(&bytes),
            "{name}: not on the fast path"
        );
        fast_paths_agree(&bytes);
        let message = RequestMessage::decode(&bytes).unwrap();
        assert_eq!(message.encode(), bytes, "{name}");
    }
    // A Message Extension, or an item the model does not know, goes to the general path.
    let mut extension = RequestMessage::single(ProtocolVersion::V1_1, GetRequest::default());
    extension.batch_items[0].message_extension = Some(MessageExtension {
        vendor_identification: "vendor".into(),
        criticality_indicator: false,
        vendor_extension: RawItem::text_string(tag::VENDOR_EXTENSION, "x"),
        unknown: Vec::new(),
    });
    let mut unknown = RequestMessage::single(ProtocolVersion::V1_1, GetRequest::default());
    unknown.unknown.push(UnknownItem {
        position: 2,
        item: RawItem::integer(kmip_ttlv::Tag::new(0x54_0002), 7),
    });
    let mut cases: Vec<Vec<u8>> = [extension, unknown].iter().map(|m| m.encode()).collect();
    // A tag and an enumerated attribute value of a later version than the message's: encoded
    // in the later version, then the header's minor version (bytes 48..52) lowered. The
    // general decoder keeps them raw; the one-pass readers must not type them.
    let get = GetRequest {
        unique_identifier: Some(UID.into()),
        key_wrapping_specification: Some(KeyWrappingSpecification {
            wrapping_method: WrappingMethod::ENCRYPT,
            encoding_option: Some(EncodingOption::NO_ENCODING),
            ..Default::default()
        }),
        ..Default::default()
    };
    let mut bytes = RequestMessage::single(ProtocolVersion::V1_1, get.clone()).encode();
    assert_eq!(bytes[48..52], [0, 0, 0, 1]);
    bytes[51] = 0;
    cases.push(bytes);
    // IV Length (KMIP 1.2), an Integer, in a KMIP 1.1 message.
    let mut with_iv = get;
    if let Some(spec) = &mut with_iv.key_wrapping_specification {
        spec.encoding_option = None;
        spec.encryption_key_information = Some(EncryptionKeyInformation {
            unique_identifier: "kek".into(),
            cryptographic_parameters: Some(CryptographicParameters {
                iv_length: Some(96),
                ..Default::default()
            }),
            ..Default::default()
        });
    }
    let mut bytes = RequestMessage::single(ProtocolVersion::V1_2, with_iv).encode();
    bytes[51] = 1;
    cases.push(bytes);
    let create = CreateRequest::symmetric_key(
        CryptographicAlgorithm::EC,
        256,
        CryptographicUsageMask::SIGN,
    );
    let mut bytes = RequestMessage::single(ProtocolVersion::V1_2, create).encode();
    assert_eq!(bytes[48..52], [0, 0, 0, 2]);
    bytes[51] = 1;
    cases.push(bytes);
    for bytes in cases {
        assert!(!request_fast_path_reads(&bytes));
        fast_paths_agree(&bytes);
        assert_eq!(RequestMessage::decode(&bytes).unwrap().encode(), bytes);
    }
}

#[test]
fn the_common_shapes_take_the_fast_path_and_decode_as_on_the_general_path() {
    for (name, bytes) in common_shapes() {
        assert!(
            response_fast_path_reads(&bytes),
            "{name}: not on the fast path"
        );
        fast_paths_agree(&bytes);
        let message = ResponseMessage::decode(&bytes).unwrap();
        assert_eq!(message.encode(), bytes, "{name}");
    }
}

/// Other shapes are decoded by the general path, whole.
#[test]
fn other_shapes_are_left_to_the_general_path() {
    let mut cases = Vec::new();
    // An item the model does not know in the header.
    let mut header = get(ProtocolVersion::V1_1);
    header.header.unknown.push(UnknownItem {
        position: 2,
        item: RawItem::text_string(kmip_ttlv::Tag::new(0x54_0001), "vendor"),
    });
    cases.push(("unknown header item", header.encode()));
    // A KMIP 1.2 Result Reason in a KMIP 1.1 message: set aside, not typed. Encoded as 1.2,
    // then the header's minor version (the value at bytes 48..52) made 1.
    let mut later = get(ProtocolVersion::V1_2);
    later.batch_items[0] =
        ResponseBatchItem::failure(None, ResultReason::KEY_VALUE_NOT_PRESENT, None);
    let mut bytes = later.encode();
    assert_eq!(bytes[48..52], [0, 0, 0, 2]);
    bytes[51] = 1;
    cases.push(("later-version Result Reason", bytes));
    // A Message Extension.
    let mut extension = get(ProtocolVersion::V1_1);
    extension.batch_items[0].message_extension = Some(MessageExtension {
        vendor_identification: "vendor".into(),
        criticality_indicator: false,
        vendor_extension: RawItem::text_string(tag::VENDOR_EXTENSION, "x"),
        unknown: Vec::new(),
    });
    cases.push(("Message Extension", extension.encode()));
    for (name, bytes) in cases {
        assert!(
            !response_fast_path_reads(&bytes),
            "{name}: on the fast path"
        );
        fast_paths_agree(&bytes);
        let message = ResponseMessage::decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(message.encode(), bytes, "{name}");
    }
}

#[test]
fn every_truncation_and_byte_substitution_agrees() {
    let mut tried = 0usize;
    let seeds = common_shapes().into_iter().chain(common_requests());
    for (_, seed) in seeds.filter(|(_, s)| s.len() <= 400) {
        for len in 0..seed.len() {
            fast_paths_agree(&seed[..len]);
        }
        let mut m = seed.clone();
        for i in 0..seed.len() {
            let orig = seed[i];
            for v in [
                0x00,
                0xFF,
                orig ^ 0x01,
                orig ^ 0x08,
                orig ^ 0x80,
                0x02,
                0x05,
            ] {
                m[i] = v;
                fast_paths_agree(&m);
                tried += 1;
            }
            m[i] = orig;
        }
    }
    assert!(tried > 10_000, "only {tried} substitutions");
}
