//! kmip-ttlv: whole-message validating decode of realistic KMIP 1.1 messages, beside the
//! crates.io `kmip-ttlv` crate (NLnet Labs) decoding the same bytes.
//!
//! NLnet's codec is serde-based and can only decode into typed structures, so the peer column
//! decodes responses into `kmip-protocol`'s response types (the types that codec exists for);
//! it has no request types, so requests have no peer. Ours is measured twice: `decode` (the
//! one-pass validation, which is what a server must do before trusting a message) and
//! `decode+walk` (validation plus visiting every value). Cosmian's `cosmian_kmip` reads the same
//! bytes into its own generic TTLV tree (`TTLV::from_bytes`, the step before its serde
//! decoding), requests and responses alike.

use std::hint::black_box;

use cosmian_kmip::ttlv::KmipFlavor;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kmip_ttlv::Value;

fn walk(item: &kmip_ttlv::Item<'_>) -> u64 {
    match item.value() {
        Value::Structure(children) => children.map(|c| walk(&c)).sum::<u64>() + 1,
        Value::TextString(s) => s.len() as u64,
        Value::ByteString(b) => b.len() as u64,
        Value::Integer(i) => i as u64,
        Value::Enumeration(e) => u64::from(e),
        Value::DateTime(d) => d as u64,
        _ => 1,
    }
}

fn decode(c: &mut Criterion) {
    for (name, bytes) in benches::all_messages() {
        let mut group = c.benchmark_group(format!("ttlv_decode/{name}"));
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function("ours/decode", |b| {
            b.iter(|| kmip_ttlv::decode(black_box(&bytes)).map(|i| i.len()));
        });
        group.bench_function("ours/decode+walk", |b| {
            b.iter(|| kmip_ttlv::decode(black_box(&bytes)).map(|i| walk(&i)));
        });
        match cosmian_kmip::ttlv::TTLV::from_bytes(&bytes, KmipFlavor::Kmip1) {
            Ok(_) => {
                group.bench_function("cosmian_kmip/ttlv-tree", |b| {
                    b.iter(|| {
                        cosmian_kmip::ttlv::TTLV::from_bytes(black_box(&bytes), KmipFlavor::Kmip1)
                    });
                });
            }
            Err(e) => eprintln!("cosmian_kmip cannot read {name}: {e}"),
        }
        if name.ends_with("_response") {
            match nlnet_kmip_ttlv::de::from_slice::<kmip_protocol::types::response::ResponseMessage>(
                &bytes,
            ) {
                Ok(_) => {
                    group.bench_function("nlnet-kmip-ttlv+kmip-protocol", |b| {
                        b.iter(|| {
                            nlnet_kmip_ttlv::de::from_slice::<
                                kmip_protocol::types::response::ResponseMessage,
                            >(black_box(&bytes))
                            .map(|m| m.batch_items.len())
                        });
                    });
                }
                Err(e) => eprintln!("peer cannot decode {name}: {e}"),
            }
        }
        group.finish();
    }
}

criterion_group!(benches, decode);
criterion_main!(benches);
