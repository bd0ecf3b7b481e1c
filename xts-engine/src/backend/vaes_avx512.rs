//! VAES + AVX-512 + VPCLMULQDQ backend: 512-bit registers holding four blocks each, eight
//! registers (32 blocks) in flight.
//!
//! VAESENC on zmm retires two per cycle with a latency of four on Zen 4/5, so eight independent
//! registers keep both AES units busy. Tweaks: a data unit's first 32 tweaks are spread from T
//! with per-lane variable shifts and one carry-less multiply per register; each batch then
//! advances every register by x^32 at once (`T · x^32 = (T << 32) ^ clmul(T >> 96, 0x87)`), so
//! no tweak waits on the one before it. The final tweak XOR is folded into the last round key.
//! The tweak encryptions E_K2(i) of sixteen data units are computed together in four registers,
//! which matters for 512-byte sectors, where one tweak encryption's latency is as long as the
//! whole sector's throughput.

use core::arch::x86_64::*;

use super::schedule::{RoundKeys, Schedule, load, xex_block};
use super::{split_unit, steal, through_chunk};

/// Registers in flight.
const REGS: usize = 8;
/// Bytes per batch: 8 registers x 4 blocks x 16 bytes.
const CHUNK: usize = 64 * REGS;
/// Data units whose tweaks are encrypted together (4 per register).
const TWEAK_BATCH: usize = 16;

/// VAES and VPCLMULQDQ on 512-bit registers, AVX-512F/VL/BW for the shifts and byte shifts,
/// AES-NI for key expansion and the stealing block.
pub(crate) fn is_available() -> bool {
    std::arch::is_x86_feature_detected!("aes")
        && std::arch::is_x86_feature_detected!("pclmulqdq")
        && std::arch::is_x86_feature_detected!("avx2")
        && std::arch::is_x86_feature_detected!("avx512f")
        && std::arch::is_x86_feature_detected!("avx512vl")
        && std::arch::is_x86_feature_detected!("avx512bw")
        && std::arch::is_x86_feature_detected!("vaes")
        && std::arch::is_x86_feature_detected!("vpclmulqdq")
}

keyed_engine!(VaesAvx512, "VAES-AVX-512");

#[target_feature(enable = "aes,pclmulqdq,avx,avx2,avx512f,avx512vl,avx512bw,vaes,vpclmulqdq")]
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
        // E_K2 of the next sixteen sector numbers, four per register.
        let mut tb = [[0u8; 64]; TWEAK_BATCH / 4];
        let mut s = sector;
        for quad in tb.iter_mut() {
            let (blocks, _) = quad.as_chunks_mut::<16>();
            for b in blocks {
                *b = s.to_le_bytes();
                s = s.wrapping_add(1);
            }
        }
        let mut v = [_mm512_setzero_si512(); TWEAK_BATCH / 4];
        for (x, b) in v.iter_mut().zip(tb.iter()) {
            *x = _mm512_xor_si512(load512(b), tk[0]);
        }
        for k in &tk[1..14] {
            for x in v.iter_mut() {
                *x = _mm512_aesenc_epi128(*x, *k);
            }
        }
        for (x, b) in v.iter().zip(tb.iter_mut()) {
            store512(b, _mm512_aesenclast_epi128(*x, tk[14]));
        }
        let (tweaks, _) = tb.as_flattened().as_chunks::<16>();
        for t in tweaks.iter().take(n) {
            let Some(u) = units.next() else { break };
            unit_xts::<ENC>(keys, &rk, u, load(t));
        }
        sector = sector.wrapping_add(n as u128);
    }
}

/// One data unit whose encrypted tweak is `t`.
#[target_feature(enable = "aes,pclmulqdq,avx,avx2,avx512f,avx512vl,avx512bw,vaes,vpclmulqdq")]
fn unit_xts<const ENC: bool>(keys: &Schedule, rk: &[__m512i; 15], unit: &mut [u8], t: __m128i) {
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
#[target_feature(enable = "aes,pclmulqdq,avx,avx2,avx512f,avx512vl,avx512bw,vaes,vpclmulqdq")]
fn blocks<const ENC: bool>(rk: &[__m512i; 15], bulk: &mut [u8], t: __m128i) -> [u8; 16] {
    let mut tw = spread(t);
    let (chunks, rest) = bulk.as_chunks_mut::<CHUNK>();
    for c in chunks {
        batch::<ENC>(rk, c, &mut tw);
    }
    let n = rest.len() / 16;
    // The tweak of block n of this batch: lane n % 4 of register n / 4.
    let mut lanes = [0u8; 64];
    store512(&mut lanes, tw.get(n / 4).copied().unwrap_or(tw[0]));
    let (lane, _) = lanes.as_chunks::<16>();
    let next = lane.get(n % 4).copied().unwrap_or_default();
    if n > 0 {
        through_chunk::<CHUNK>(rest, |c| batch::<ENC>(rk, c, &mut tw));
    }
    next
}

/// Thirty-two blocks with tweaks `tw`; advances every tweak by x^32.
///
/// Fifteen broadcast round keys, eight blocks and eight tweaks would fill all 32 zmm registers,
/// and LLVM then serialises some of the blocks. So the tweaks are consumed up front (whitening,
/// the last round key XOR tweak, and the next tweaks), and the per-block last round keys are kept
/// in memory (`black_box` stops LLVM from promoting them back into registers), leaving the eight
/// data registers free to interleave through all 14 rounds.
#[inline]
#[target_feature(enable = "aes,pclmulqdq,avx,avx2,avx512f,avx512vl,avx512bw,vaes,vpclmulqdq")]
fn batch<const ENC: bool>(rk: &[__m512i; 15], c: &mut [u8; CHUNK], tw: &mut [__m512i; REGS]) {
    let poly = _mm512_set1_epi64(0x87);
    let mut b = [_mm512_setzero_si512(); REGS];
    let mut last = [_mm512_setzero_si512(); REGS];
    for i in 0..REGS {
        // SAFETY: i < 8, so bytes 64*i..64*i+64 lie inside the 512-byte chunk; `loadu` has no
        // alignment requirement.
        let v = unsafe { _mm512_loadu_si512(c.as_ptr().add(64 * i).cast()) };
        let t = tw[i];
        b[i] = _mm512_xor_si512(v, _mm512_xor_si512(t, rk[0]));
        last[i] = _mm512_xor_si512(rk[14], t);
        let over = _mm512_bsrli_epi128::<12>(t);
        let fold = _mm512_clmulepi64_epi128::<0x00>(over, poly);
        tw[i] = _mm512_xor_si512(_mm512_bslli_epi128::<4>(t), fold);
    }
    let last = core::hint::black_box(&mut last);
    for k in &rk[1..14] {
        for x in b.iter_mut() {
            *x = if ENC {
                _mm512_aesenc_epi128(*x, *k)
            } else {
                _mm512_aesdec_epi128(*x, *k)
            };
        }
    }
    for i in 0..REGS {
        let v = if ENC {
            _mm512_aesenclast_epi128(b[i], last[i])
        } else {
            _mm512_aesdeclast_epi128(b[i], last[i])
        };
        // SAFETY: as for the load above.
        unsafe { _mm512_storeu_si512(c.as_mut_ptr().add(64 * i).cast(), v) };
    }
}

/// The tweaks of the first 32 blocks: register j holds T · x^(4j + l) in lane l.
#[inline]
#[target_feature(enable = "pclmulqdq,avx,avx2,avx512f,avx512vl,avx512bw,vpclmulqdq")]
fn spread(t: __m128i) -> [__m512i; REGS] {
    let b = _mm512_broadcast_i32x4(t);
    // Lane l shifts by l (both 64-bit halves of a lane get the same count).
    let first = mul_x_by(b, _mm512_set_epi64(3, 3, 2, 2, 1, 1, 0, 0));
    let mut out = [first; REGS];
    for (j, o) in out.iter_mut().enumerate().skip(1) {
        *o = mul_x_by(first, _mm512_set1_epi64(4 * j as i64));
    }
    out
}

/// Each 128-bit lane of `t` times x^k, where k (0..=56) is given in both 64-bit halves of the
/// lane in `k`: a 128-bit shift left by k built from 64-bit shifts, and the k bits shifted out
/// folded back with one carry-less multiply by 0x87.
#[inline]
#[target_feature(enable = "pclmulqdq,avx,avx2,avx512f,avx512vl,avx512bw,vpclmulqdq")]
fn mul_x_by(t: __m512i, k: __m512i) -> __m512i {
    let kc = _mm512_sub_epi64(_mm512_set1_epi64(64), k);
    let shifted = _mm512_or_si512(
        _mm512_sllv_epi64(t, k),
        _mm512_srlv_epi64(_mm512_bslli_epi128::<8>(t), kc),
    );
    let over = _mm512_srlv_epi64(_mm512_bsrli_epi128::<8>(t), kc);
    let fold = _mm512_clmulepi64_epi128::<0x00>(over, _mm512_set1_epi64(0x87));
    _mm512_xor_si512(shifted, fold)
}

/// Round keys broadcast to all four lanes.
#[inline]
#[target_feature(enable = "avx512f")]
fn broadcast_keys(keys: &RoundKeys) -> [__m512i; 15] {
    let mut out = [_mm512_setzero_si512(); 15];
    for (o, k) in out.iter_mut().zip(keys.iter()) {
        *o = _mm512_broadcast_i32x4(load(k));
    }
    out
}

/// Unaligned 64-byte load.
#[inline]
#[target_feature(enable = "avx512f")]
fn load512(bytes: &[u8; 64]) -> __m512i {
    // SAFETY: `bytes` is 64 readable bytes and `loadu` has no alignment requirement.
    unsafe { _mm512_loadu_si512(bytes.as_ptr().cast()) }
}

/// Unaligned 64-byte store.
#[inline]
#[target_feature(enable = "avx512f")]
fn store512(bytes: &mut [u8; 64], v: __m512i) {
    // SAFETY: `bytes` is 64 writable bytes and `storeu` has no alignment requirement.
    unsafe { _mm512_storeu_si512(bytes.as_mut_ptr().cast(), v) }
}
