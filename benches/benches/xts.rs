//! AES-256-XTS throughput: every xts-engine backend this CPU runs beside OpenSSL's AES-256-XTS
//! (the system OpenSSL through the `openssl` crate, driven as a disk tool drives it: one cipher
//! context, only the IV re-set per sector) and the `xts-mode` crate, on the same bytes.
//!
//! Groups: `xts-512` and `xts-4096` (1 MiB buffer, in cache), `xts-4096-64MiB` (memory-bound),
//! and `xts-parallel-4096` (the multi-core form against one core). Before measuring, every
//! implementation's output is checked against the others.

use aes::Aes256;
use aes::cipher::KeyInit;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use openssl::cipher::Cipher;
use openssl::cipher_ctx::CipherCtx;
use std::hint::black_box;
use xts_engine::{Backend, Xts256};
use xts_mode::Xts128;

const MIB: usize = 1024 * 1024;

fn key() -> [u8; 64] {
    let mut k = [0u8; 64];
    for (i, b) in k.iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(37).wrapping_add(11);
    }
    k
}

fn buffer(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 131 % 251) as u8).collect()
}

/// OpenSSL AES-256-XTS, one context, the IV (the sector number, little-endian) re-set per sector.
struct OpenSsl {
    ctx: CipherCtx,
}

impl OpenSsl {
    fn new(key: &[u8; 64]) -> Self {
        let mut ctx = CipherCtx::new().expect("cipher context");
        ctx.encrypt_init(Some(Cipher::aes_256_xts()), Some(key), Some(&[0u8; 16]))
            .expect("AES-256-XTS key");
        Self { ctx }
    }

    fn encrypt_sectors(&mut self, data: &mut [u8], sector_size: usize, first: u64) {
        for (i, sector) in data.chunks_exact_mut(sector_size).enumerate() {
            let iv = u128::from(first + i as u64).to_le_bytes();
            self.ctx.encrypt_init(None, None, Some(&iv)).expect("IV");
            let n = self
                .ctx
                .cipher_update_inplace(sector, sector_size)
                .expect("XTS update");
            debug_assert_eq!(n, sector_size);
        }
    }
}

fn xts_mode(key: &[u8; 64]) -> Xts128<Aes256> {
    let (k1, k2) = key.split_at(32);
    Xts128::new(
        Aes256::new_from_slice(k1).expect("key"),
        Aes256::new_from_slice(k2).expect("key"),
    )
}

/// Every implementation gives the same ciphertext for this buffer and sector size.
fn check_agreement(sector_size: usize) {
    let key = key();
    let pt = buffer(MIB);
    let mut reference = pt.clone();
    OpenSsl::new(&key).encrypt_sectors(&mut reference, sector_size, 0);
    let mut other = pt.clone();
    xts_mode(&key).encrypt_area(&mut other, sector_size, 0, xts_mode::get_tweak_default);
    assert!(other == reference, "xts-mode disagrees with OpenSSL");
    for backend in Backend::available() {
        let xts = Xts256::with_backend(&key, backend).expect("available backend");
        let mut ours = pt.clone();
        xts.encrypt_sectors(&mut ours, sector_size, 0)
            .expect("whole sectors");
        assert!(ours == reference, "{backend} disagrees with OpenSSL");
    }
}

fn group(c: &mut Criterion, name: &str, sector_size: usize, len: usize, with_xts_mode: bool) {
    let key = key();
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(len as u64));
    if len > 8 * MIB {
        g.sample_size(10);
    }
    let mut buf = buffer(len);
    for backend in Backend::ALL {
        if !backend.is_available() {
            println!("{name}: skipped {backend} (not available on this CPU)");
            continue;
        }
        let xts = Xts256::with_backend(&key, backend).expect("available backend");
        g.bench_function(BenchmarkId::new("xts-engine", backend.name()), |b| {
            b.iter(|| {
                xts.encrypt_sectors(black_box(&mut buf), sector_size, 0)
                    .expect("whole sectors");
            });
        });
    }
    let mut ossl = OpenSsl::new(&key);
    g.bench_function(BenchmarkId::new("openssl", "aes-256-xts"), |b| {
        b.iter(|| ossl.encrypt_sectors(black_box(&mut buf), sector_size, 0));
    });
    if with_xts_mode {
        let xm = xts_mode(&key);
        g.bench_function(BenchmarkId::new("xts-mode", "0.6"), |b| {
            b.iter(|| {
                xm.encrypt_area(
                    black_box(&mut buf),
                    sector_size,
                    0,
                    xts_mode::get_tweak_default,
                );
            });
        });
    }
    g.finish();
}

fn bench_512(c: &mut Criterion) {
    check_agreement(512);
    group(c, "xts-512", 512, MIB, true);
}

fn bench_4096(c: &mut Criterion) {
    check_agreement(4096);
    group(c, "xts-4096", 4096, MIB, true);
}

fn bench_memory_bound(c: &mut Criterion) {
    group(c, "xts-4096-64MiB", 4096, 64 * MIB, false);
}

fn bench_parallel(c: &mut Criterion) {
    let key = key();
    let len = 16 * MIB;
    let xts = Xts256::new(&key).expect("key");
    let mut g = c.benchmark_group("xts-parallel-4096");
    g.throughput(Throughput::Bytes(len as u64));
    g.sample_size(20);
    let mut buf = buffer(len);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    for threads in [1, 2] {
        if threads > cores {
            println!("xts-parallel-4096: skipped {threads} threads ({cores} cores)");
            continue;
        }
        g.bench_function(
            BenchmarkId::new(
                format!("xts-engine-{}", xts.backend()),
                format!("{threads}-threads"),
            ),
            |b| {
                b.iter(|| {
                    xts.encrypt_sectors_parallel(black_box(&mut buf), 4096, 0, threads)
                        .expect("whole sectors");
                });
            },
        );
    }
    g.finish();
}

criterion_group!(
    benches,
    bench_512,
    bench_4096,
    bench_memory_bound,
    bench_parallel
);
criterion_main!(benches);
