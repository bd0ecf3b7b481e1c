//! key-hierarchy: wrap and unwrap of a 64-byte (AES-256-XTS) DEK, and root rotation over
//! 10 000 and 100 000 KEKs in the in-memory store (throughput in KEKs per second, to show that
//! the cost per KEK does not grow with the store).

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use key_hierarchy::root::Root;
use key_hierarchy::wrap::{kw_unwrap, kw_wrap};
use key_hierarchy::{
    Binding, Dek, Kek, KeyAlgorithm, KeyHierarchy, KeyId, LocalRoot, MemoryStore, OsRng, Timestamp,
    WrapMethod,
};

fn dek_wrap(c: &mut Criterion) {
    let mut rng = OsRng;
    let kek = Kek::generate(KeyId::new(b"bench-kek").unwrap(), &mut rng).unwrap();
    let dek = Dek::generate(
        KeyId::new(b"bench-dek").unwrap(),
        KeyAlgorithm::Aes256Xts,
        &mut rng,
    )
    .unwrap();
    let ctx = Binding::Context(b"vm-0001/disk-0");
    let plain = kek
        .wrap_dek(&dek, WrapMethod::NistKeyWrap, Binding::Plain)
        .unwrap();
    let bound = kek.wrap_dek(&dek, WrapMethod::NistKeyWrap, ctx).unwrap();
    let kwp = kek
        .wrap_dek(&dek, WrapMethod::AesKeyWrapPadding, Binding::Plain)
        .unwrap();

    let mut g = c.benchmark_group("dek64_wrap");
    g.throughput(Throughput::Bytes(64));
    g.bench_function("kw_wrap (raw RFC 3394)", |b| {
        b.iter(|| {
            kw_wrap(
                black_box(kek.expose_secret()),
                black_box(dek.expose_secret()),
            )
        });
    });
    g.bench_function("Kek::wrap_dek KW plain", |b| {
        b.iter(|| kek.wrap_dek(black_box(&dek), WrapMethod::NistKeyWrap, Binding::Plain));
    });
    g.bench_function("Kek::wrap_dek KWP plain", |b| {
        b.iter(|| {
            kek.wrap_dek(
                black_box(&dek),
                WrapMethod::AesKeyWrapPadding,
                Binding::Plain,
            )
        });
    });
    g.bench_function("Kek::wrap_dek KW context-bound", |b| {
        b.iter(|| kek.wrap_dek(black_box(&dek), WrapMethod::NistKeyWrap, ctx));
    });
    g.finish();

    let mut g = c.benchmark_group("dek64_unwrap");
    g.throughput(Throughput::Bytes(64));
    g.bench_function("kw_unwrap (raw RFC 3394)", |b| {
        b.iter(|| {
            kw_unwrap(
                black_box(kek.expose_secret()),
                black_box(plain.wrapped_bytes()),
            )
        });
    });
    g.bench_function("Kek::unwrap_dek KW plain", |b| {
        b.iter(|| kek.unwrap_dek(black_box(&plain), Binding::Plain));
    });
    g.bench_function("Kek::unwrap_dek KWP plain", |b| {
        b.iter(|| kek.unwrap_dek(black_box(&kwp), Binding::Plain));
    });
    g.bench_function("Kek::unwrap_dek KW context-bound", |b| {
        b.iter(|| kek.unwrap_dek(black_box(&bound), ctx));
    });
    g.finish();
}

fn root_rotation(c: &mut Criterion) {
    let mut g = c.benchmark_group("root_rotation");
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(10));
    for n in [10_000u64, 100_000] {
        let mut rng = OsRng;
        let root =
            LocalRoot::generate(KeyId::new(b"bench-crk").unwrap(), &mut rng, Timestamp(0)).unwrap();
        let store = MemoryStore::new();
        let kh = KeyHierarchy::new(&root, &store);
        for _ in 0..n {
            kh.create_kek(&mut rng, Timestamp(0)).unwrap();
        }
        g.throughput(Throughput::Elements(n));
        g.bench_with_input(BenchmarkId::new("KEKs", n), &n, |b, &n| {
            b.iter(|| {
                // Each iteration is one complete rotation: a new root version, every KEK
                // re-wrapped (write, verify, switch), a final verification pass; then the old
                // version is destroyed.
                let old = root.current_version().unwrap();
                root.rotate(&mut rng, Timestamp(1)).unwrap();
                let stats = kh.rotate_root().unwrap();
                assert_eq!(stats.rewrapped, n);
                root.destroy_version(old, Timestamp(2)).unwrap();
            });
        });
    }
    g.finish();
}

criterion_group!(benches, dek_wrap, root_rotation);
criterion_main!(benches);
