//! VAES + AVX2 + VPCLMULQDQ backend: 256-bit registers holding two blocks each, eight registers
//! (16 blocks) in flight, for CPUs with VAES but without AVX-512 (Zen 3, Alder Lake and later
//! client cores, or any VM that hides AVX-512).
//!
//! Tweaks: a data unit's first 16 tweaks are spread from T with per-lane variable shifts and one
//! carry-less multiply per register; each batch then advances every register by x^16 at once
//! (`T · x^16 = (T << 16) ^ clmul(T >> 112, 0x87)`), so tweak generation is off the critical
//! path. The final tweak XOR is folded into the last round key. The tweak encryptions E_K2(i)
//! of sixteen data units are computed together in eight registers, so that they run at the AES
//! throughput rather than its latency.

use core::arch::x86_64::*;

use super::schedule::{RoundKeys, Schedule, load, xex_block};
use super::{split_unit, steal, through_chunk};

/// Registers in flight.
const REGS: usize = 8;
/// Bytes per batch: 8 registers x 2 blocks x 16 bytes.
const CHUNK: usize = 32 * REGS;
/// Data units whose tweaks are encrypted together (2 per register, so 8 registers: as many as
/// the data path keeps in flight, which covers the VAESENC latency).
const TWEAK_BATCH: usize = 16;

/// VAES and VPCLMULQDQ on 256-bit registers, AVX2 for the shifts, AES-NI for key expansion.
pub(crate) fn is_available() -> bool {
    std::arch::is_x86_feature_detected!("aes")
        && std::arch::is_x86_feature_detected!("pclmulqdq")
        && std::arch::is_x86_feature_detected!("avx2")
        && std::arch::is_x86_feature_detected!("vaes")
        && std::arch::is_x86_feature_detected!("vpclmulqdq")
}

keyed_engine!(VaesAvx2, "VAES-AVX2");

#[target_feature(enable = "aes,pclmulqdq,avx,avx2,vaes,vpclmulqdq")]
fn units<const ENC: bool>(keys: &Schedule, data: &mut [u8], unit: usize, first: u128) {
    if unit < 16 {
        return;
    }
    let rk = broadcast_keys(if ENC { &keys.enc } else { &keys.dec });
    let tk = broadcast_keys(&keys.tweak);
    let mut units = data.chunks_exact_mut(unit);
    let mut sector = first;
    while units.len() > 0 {
        let n = units.len().min(TWEAK_BATCH);
        // E_K2 of the next sixteen sector numbers, two per register.
        let mut tb = [[0u8; 32]; TWEAK_BATCH / 2];
        let mut s = sector;
        for pair in tb.iter_mut() {
            let (lo, hi) = pair.split_at_mut(16);
            lo.copy_from_slice(&s.to_le_bytes());
            hi.copy_from_slice(&s.wrapping_add(1).to_le_bytes());
            s = s.wrapping_add(2);
        }
        let mut v = [_mm256_setzero_si256(); TWEAK_BATCH / 2];
        for (x, b) in v.iter_mut().zip(tb.iter()) {
            *x = _mm256_xor_si256(load256(b), tk[0]);
        }
        for k in &tk[1..14] {
            for x in v.iter_mut() {
                *x = _mm256_aesenc_epi128(*x, *k);
            }
        }
        for (x, b) in v.iter().zip(tb.iter_mut()) {
            store256(b, _mm256_aesenclast_epi128(*x, tk[14]));
        }
        for i in 0..n {
            let Some(u) = units.next() else { break };
            let Some(pair) = tb.get(i / 2) else { break };
            let t = load256(pair);
            let t = if i % 2 == 0 {
                _mm256_castsi256_si128(t)
            } else {
                _mm256_extracti128_si256::<1>(t)
            };
            unit_xts::<ENC>(keys, &rk, u, t);
        }
        sector = sector.wrapping_add(n as u128);
    }
}

/// One data unit whose encrypted tweak is `t`.
#[target_feature(enable = "aes,pclmulqdq,avx,avx2,vaes,vpclmulqdq")]
fn unit_xts<const ENC: bool>(keys: &Schedule, rk: &[__m256i; 15], unit: &mut [u8], t: __m128i) {
    let (bulk, tail) = split_unit(unit);
    let next = blocks::<ENC>(rk, bulk, t);
    if !tail.is_empty() {
        let dir = if ENC { &keys.enc } else { &keys.dec };
        steal(ENC, tail, u128::from_le_bytes(next), |block, tw| {
            // The closure inherits the target features of `unit_xts`.
            xex_block::<ENC>(dir, block, tw);
        });
    }
}

/// XEX over whole blocks from tweak `t`; returns the tweak of the block after the last, as bytes.
#[target_feature(enable = "aes,pclmulqdq,avx,avx2,vaes,vpclmulqdq")]
fn blocks<const ENC: bool>(rk: &[__m256i; 15], bulk: &mut [u8], t: __m128i) -> [u8; 16] {
    let mut tw = spread(t);
    let (chunks, rest) = bulk.as_chunks_mut::<CHUNK>();
    for c in chunks {
        batch::<ENC>(rk, c, &mut tw);
    }
    let n = rest.len() / 16;
    // The tweak of block n of this batch: lane n % 2 of register n / 2.
    let mut lanes = [0u8; 32];
    store256(&mut lanes, tw.get(n / 2).copied().unwrap_or(tw[0]));
    let mut next = [0u8; 16];
    let (lo, hi) = lanes.split_at(16);
    next.copy_from_slice(if n % 2 == 0 { lo } else { hi });
    if n > 0 {
        through_chunk::<CHUNK>(rest, |c| batch::<ENC>(rk, c, &mut tw));
    }
    next
}

/// Sixteen blocks with tweaks `tw`; advances every tweak by x^16.
///
/// Sixteen ymm registers cannot hold eight data registers, eight tweaks and a round key, and
/// LLVM then serialises some of the blocks. So the tweaks are consumed up front (whitening, the
/// last round key XOR tweak, and the next tweaks), and the per-block last round keys are kept in
/// memory (`black_box` stops LLVM from promoting them back into registers), leaving the eight
/// data registers free to interleave through all 14 rounds.
#[inline]
#[target_feature(enable = "aes,pclmulqdq,avx,avx2,vaes,vpclmulqdq")]
fn batch<const ENC: bool>(rk: &[__m256i; 15], c: &mut [u8; CHUNK], tw: &mut [__m256i; REGS]) {
    let poly = _mm256_set1_epi64x(0x87);
    let mut b = [_mm256_setzero_si256(); REGS];
    let mut last = [_mm256_setzero_si256(); REGS];
    for i in 0..REGS {
        // SAFETY: i < 8, so bytes 32*i..32*i+32 lie inside the 256-byte chunk; `loadu` has no
        // alignment requirement.
        let v = unsafe { _mm256_loadu_si256(c.as_ptr().add(32 * i).cast()) };
        let t = tw[i];
        b[i] = _mm256_xor_si256(v, _mm256_xor_si256(t, rk[0]));
        last[i] = _mm256_xor_si256(rk[14], t);
        let over = _mm256_bsrli_epi128::<14>(t);
        let fold = _mm256_clmulepi64_epi128::<0x00>(over, poly);
        tw[i] = _mm256_xor_si256(_mm256_bslli_epi128::<2>(t), fold);
    }
    let last = core::hint::black_box(&mut last);
    for k in &rk[1..14] {
        for x in b.iter_mut() {
            *x = if ENC {
                _mm256_aesenc_epi128(*x, *k)
            } else {
                _mm256_aesdec_epi128(*x, *k)
            };
        }
    }
    for i in 0..REGS {
        let v = if ENC {
            _mm256_aesenclast_epi128(b[i], last[i])
        } else {
            _mm256_aesdeclast_epi128(b[i], last[i])
        };
        // SAFETY: as for the load above.
        unsafe { _mm256_storeu_si256(c.as_mut_ptr().add(32 * i).cast(), v) };
    }
}

/// The tweaks of the first 16 blocks: register j holds T · x^(2j) and T · x^(2j+1).
#[inline]
#[target_feature(enable = "pclmulqdq,avx,avx2,vpclmulqdq")]
fn spread(t: __m128i) -> [__m256i; REGS] {
    let b = _mm256_broadcastsi128_si256(t);
    // Lane 0 shifts by 0, lane 1 by 1 (both 64-bit halves of a lane get the same count).
    let first = mul_x_by(b, _mm256_set_epi64x(1, 1, 0, 0));
    let mut out = [first; REGS];
    for (j, o) in out.iter_mut().enumerate().skip(1) {
        *o = mul_x_by(first, _mm256_set1_epi64x(2 * j as i64));
    }
    out
}

/// Each 128-bit lane of `t` times x^k, where k (0..=56) is given in both 64-bit halves of the
/// lane in `k`: a 128-bit shift left by k built from 64-bit shifts, and the k bits shifted out
/// folded back with one carry-less multiply by 0x87.
#[inline]
#[target_feature(enable = "pclmulqdq,avx,avx2,vpclmulqdq")]
fn mul_x_by(t: __m256i, k: __m256i) -> __m256i {
    let kc = _mm256_sub_epi64(_mm256_set1_epi64x(64), k);
    let shifted = _mm256_or_si256(
        _mm256_sllv_epi64(t, k),
        _mm256_srlv_epi64(_mm256_bslli_epi128::<8>(t), kc),
    );
    let over = _mm256_srlv_epi64(_mm256_bsrli_epi128::<8>(t), kc);
    let fold = _mm256_clmulepi64_epi128::<0x00>(over, _mm256_set1_epi64x(0x87));
    _mm256_xor_si256(shifted, fold)
}

/// Round keys broadcast to both lanes.
#[inline]
#[target_feature(enable = "avx,avx2")]
fn broadcast_keys(keys: &RoundKeys) -> [__m256i; 15] {
    let mut out = [_mm256_setzero_si256(); 15];
    for (o, k) in out.iter_mut().zip(keys.iter()) {
        *o = _mm256_broadcastsi128_si256(load(k));
    }
    out
}

/// Unaligned 32-byte load.
#[inline]
#[target_feature(enable = "avx")]
fn load256(bytes: &[u8; 32]) -> __m256i {
    // SAFETY: `bytes` is 32 readable bytes and `loadu` has no alignment requirement.
    unsafe { _mm256_loadu_si256(bytes.as_ptr().cast()) }
}

/// Unaligned 32-byte store.
#[inline]
#[target_feature(enable = "avx")]
fn store256(bytes: &mut [u8; 32], v: __m256i) {
    // SAFETY: `bytes` is 32 writable bytes and `storeu` has no alignment requirement.
    unsafe { _mm256_storeu_si256(bytes.as_mut_ptr().cast(), v) }
}
