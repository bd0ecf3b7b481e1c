//! kmip-types: typed decode (bytes to `RequestMessage`/`ResponseMessage`) and encode (back to
//! bytes) of whole KMIP 1.1 messages, beside the crates.io `kmip-protocol` crate (NLnet Labs,
//! 0.4.3) decoding the same bytes into its own types.
//!
//! `kmip-protocol` is a client library: it decodes responses only, so the Create request has
//! no peer column there. Cosmian's `cosmian_kmip` (5.28) decodes both, through its TTLV tree
//! and serde, into its KMIP 1.4 types. Messages: a vCenter-like Create request (AES-256, usage mask, name, a
//! custom attribute, a credential), a Get response carrying a 256-bit key, a Get Attributes
//! response and a Locate response.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kmip_types::*;

fn messages() -> Vec<(&'static str, bool, Vec<u8>)> {
    let v = ProtocolVersion::V1_1;
    let uid = "d8f5a1b2-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
    let create = RequestMessage::single(
        v,
        CreateRequest::symmetric_key(
            CryptographicAlgorithm::AES,
            256,
            CryptographicUsageMask::ENCRYPT | CryptographicUsageMask::DECRYPT,
        )
        .with_attribute(Attribute::name("vsphere-vm-encryption-key-0001"))
        .with_attribute(Attribute::custom_text("x-Product_Version", "8.0.2")),
    )
    .with_authentication(Credential::username_and_password("vcenter", Some("secret")));
    let at = DateTime(1_700_000_000);
    let get = ResponseMessage::new(
        v,
        at,
        vec![ResponseBatchItem::success(GetResponse::new(
            uid,
            ManagedObject::symmetric_key(KeyBlock::raw_symmetric(
                CryptographicAlgorithm::AES,
                vec![0x42; 32],
            )),
        ))],
    );
    let get_attributes = ResponseMessage::new(
        v,
        at,
        vec![ResponseBatchItem::success(GetAttributesResponse {
            unique_identifier: uid.into(),
            attributes: vec![
                Attribute::object_type(ObjectType::SYMMETRIC_KEY),
                Attribute::cryptographic_algorithm(CryptographicAlgorithm::AES),
                Attribute::cryptographic_length(256),
                Attribute::state(State::ACTIVE),
                Attribute::name("vsphere-vm-encryption-key-0001"),
            ],
            ..Default::default()
        })],
    );
    let locate = ResponseMessage::new(
        v,
        at,
        vec![ResponseBatchItem::success(LocateResponse {
            unique_identifiers: (0..4).map(|i| format!("{uid}-{i}")).collect(),
            ..Default::default()
        })],
    );
    vec![
        ("create_request", true, create.encode()),
        ("get_response_256_bit_key", false, get.encode()),
        ("get_attributes_response", false, get_attributes.encode()),
        ("locate_response", false, locate.encode()),
    ]
}

fn typed(c: &mut Criterion) {
    for (name, is_request, bytes) in messages() {
        let mut group = c.benchmark_group(format!("types/{name}"));
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        if is_request {
            let m = RequestMessage::decode(&bytes).unwrap();
            assert_eq!(m.encode(), bytes);
            group.bench_function("ours/decode", |b| {
                b.iter(|| RequestMessage::decode(black_box(&bytes)).map(|m| m.batch_items.len()));
            });
            group.bench_function("ours/encode", |b| b.iter(|| black_box(&m).encode()));
        } else {
            let m = ResponseMessage::decode(&bytes).unwrap();
            assert_eq!(m.encode(), bytes);
            group.bench_function("ours/decode", |b| {
                b.iter(|| ResponseMessage::decode(black_box(&bytes)).map(|m| m.batch_items.len()));
            });
            group.bench_function("ours/encode", |b| b.iter(|| black_box(&m).encode()));
            match kmip_protocol::response::from_slice::<
                kmip_protocol::types::response::ResponseMessage,
            >(&bytes)
            {
                Ok(_) => {
                    group.bench_function("kmip-protocol/decode", |b| {
                        b.iter(|| {
                            kmip_protocol::response::from_slice::<
                                kmip_protocol::types::response::ResponseMessage,
                            >(black_box(&bytes))
                            .map(|m| m.batch_items.len())
                        });
                    });
                }
                Err(e) => eprintln!("kmip-protocol cannot decode {name}: {e}"),
            }
        }
        match cosmian_decode(&bytes, is_request) {
            Ok(_) => {
                group.bench_function("cosmian_kmip/decode", |b| {
                    b.iter(|| cosmian_decode(black_box(&bytes), is_request));
                });
            }
            Err(e) => eprintln!("cosmian_kmip cannot decode {name}: {e}"),
        }
        group.finish();
    }
}

/// Cosmian's decode of a whole message into its typed model; the batch item count.
fn cosmian_decode(bytes: &[u8], is_request: bool) -> Result<usize, String> {
    use cosmian_kmip::kmip_0::kmip_messages::{RequestMessage, ResponseMessage};
    use cosmian_kmip::ttlv::{KmipFlavor, TTLV, from_ttlv};
    let ttlv = TTLV::from_bytes(bytes, KmipFlavor::Kmip1).map_err(|e| e.to_string())?;
    if is_request {
        from_ttlv::<RequestMessage>(ttlv).map(|m| m.batch_item.len())
    } else {
        from_ttlv::<ResponseMessage>(ttlv).map(|m| m.batch_item.len())
    }
    .map_err(|e| e.to_string())
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2));
    targets = typed
}
criterion_main!(benches);
