//! VAES + AVX2 + VPCLMULQDQ backend: 256-bit registers holding two blocks each, eight registers
//! (16 blocks) in flight, for CPUs with VAES but without AVX-512 (Zen 3, Alder Lake and later
//! client cores, or any VM that hides AVX-512).
//!
//! VAESENC on ymm issues two per cycle with a latency of four on Zen 3/4/5, so eight independent
//! registers keep both AES pipes busy, and every other vector instruction of the batch competes
//! with the rounds for the FP pipes. So the batch is written out register by register
//! (`regs!`), the final tweak XOR is folded into the last round key, and the tweak arithmetic
//! uses only instructions that can run beside the rounds.
//!
//! Tweaks: a data unit's first 16 tweaks are spread from T with per-lane variable shifts and
//! one carry-less multiply per register. Each batch then advances every register by x^16 with
//! a two-byte rotation of each lane (`vpalignr`), which puts the 16 bits shifted out into the
//! low word, and three shifts that fold them back (`h · (x^7 + x^2 + x)`): no carry-less
//! multiply and no byte shift per batch (both take the AES pipes). The tweak encryptions
//! E_K2(i) of sixteen data units are computed together in eight registers, so that they run at
//! the AES throughput rather than its latency.

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

/// The eight values of `$e` with `$i` = 0..8, as an array: the batch written out register by
/// register, so that LLVM keeps every value in its own register instead of a stack array.
macro_rules! regs {
    ($i:ident => $e:expr) => {
        [
            {
                let $i = 0;
                $e
            },
            {
                let $i = 1;
                $e
            },
            {
                let $i = 2;
                $e
            },
            {
                let $i = 3;
                $e
            },
            {
                let $i = 4;
                $e
            },
            {
                let $i = 5;
                $e
            },
            {
                let $i = 6;
                $e
            },
            {
                let $i = 7;
                $e
            },
        ]
    };
}

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
        let (tweaks, _) = tb.as_flattened().as_chunks::<16>();
        for t in tweaks.iter().take(n) {
            let Some(u) = units.next() else { break };
            unit_xts::<ENC>(keys, &rk, u, load(t));
        }
        sector = sector.wrapping_add(n as u128);
    }
}

/// One data unit whose encrypted tweak is `t`: whole batches here, the rest in [`finish`].
#[inline]
#[target_feature(enable = "aes,pclmulqdq,avx,avx2,vaes,vpclmulqdq")]
fn unit_xts<const ENC: bool>(keys: &Schedule, rk: &[__m256i; 15], unit: &mut [u8], t: __m128i) {
    let (bulk, tail) = split_unit(unit);
    let mut tw = spread(t);
    let (chunks, rest) = bulk.as_chunks_mut::<CHUNK>();
    for c in chunks {
        batch::<ENC>(rk, c, &mut tw);
    }
    if !rest.is_empty() || !tail.is_empty() {
        finish::<ENC>(keys, rk, rest, tail, &tw);
    }
}

/// The blocks after the last whole batch (`rest`, tweaks `tw`) and the ciphertext-stealing
/// `tail` of a data unit. Out of line: 4096- and 512-byte sectors never come here.
#[cold]
#[inline(never)]
#[target_feature(enable = "aes,pclmulqdq,avx,avx2,vaes,vpclmulqdq")]
fn finish<const ENC: bool>(
    keys: &Schedule,
    rk: &[__m256i; 15],
    rest: &mut [u8],
    tail: &mut [u8],
    tw: &[__m256i; REGS],
) {
    let mut tw = *tw;
    let n = rest.len() / 16;
    // The tweak of block n of this batch: lane n % 2 of register n / 2.
    let mut lanes = [0u8; 32];
    store256(&mut lanes, tw.get(n / 2).copied().unwrap_or(tw[0]));
    let mut next = [0u8; 16];
    let (lo, hi) = lanes.split_at(16);
    next.copy_from_slice(if n.is_multiple_of(2) { lo } else { hi });
    if n > 0 {
        through_chunk::<CHUNK>(rest, |c| batch::<ENC>(rk, c, &mut tw));
    }
    if !tail.is_empty() {
        let dir = if ENC { &keys.enc } else { &keys.dec };
        steal(ENC, tail, u128::from_le_bytes(next), |block, t| {
            // The closure inherits the target features of `finish`.
            xex_block::<ENC>(dir, block, t);
        });
    }
}

/// Sixteen blocks with tweaks `tw`; advances every tweak by x^16.
///
/// Per register: one load, two XORs (block ^ tweak ^ round key 0), 14 rounds whose last key is
/// XORed with the tweak, one store, and the tweak update of [`mul_x16`]. Sixteen ymm registers
/// hold the eight blocks and the eight tweaks; the round keys are VAESENC memory operands.
#[inline]
#[target_feature(enable = "aes,pclmulqdq,avx,avx2,vaes,vpclmulqdq")]
fn batch<const ENC: bool>(rk: &[__m256i; 15], c: &mut [u8; CHUNK], tw: &mut [__m256i; REGS]) {
    let t = *tw;
    let mut b = regs!(i => _mm256_xor_si256(load_reg(c, i), _mm256_xor_si256(t[i], rk[0])));
    for k in &rk[1..14] {
        b = regs!(i => if ENC {
            _mm256_aesenc_epi128(b[i], *k)
        } else {
            _mm256_aesdec_epi128(b[i], *k)
        });
    }
    let out = regs!(i => {
        let last = _mm256_xor_si256(rk[14], t[i]);
        if ENC {
            _mm256_aesenclast_epi128(b[i], last)
        } else {
            _mm256_aesdeclast_epi128(b[i], last)
        }
    });
    for (i, v) in out.into_iter().enumerate() {
        store_reg(c, i, v);
    }
    *tw = regs!(i => mul_x16(t[i]));
}

/// Each 128-bit lane of `t` times x^16: the lane rotated left by two bytes, which is `t << 16`
/// with the 16 bits h shifted out in the low word, then h · (x^7 + x^2 + x) XORed into the low
/// quadword, so that h ends up multiplied by x^7 + x^2 + x + 1 (the reduction of x^128).
#[inline]
#[target_feature(enable = "avx,avx2")]
fn mul_x16(t: __m256i) -> __m256i {
    let rot = _mm256_alignr_epi8::<14>(t, t);
    let h = _mm256_and_si256(rot, _mm256_set_epi64x(0, 0xffff, 0, 0xffff));
    let fold = _mm256_xor_si256(
        _mm256_xor_si256(_mm256_slli_epi64::<1>(h), _mm256_slli_epi64::<2>(h)),
        _mm256_slli_epi64::<7>(h),
    );
    _mm256_xor_si256(rot, fold)
}

/// The tweaks of the first 16 blocks: register j holds T · x^(2j) and T · x^(2j+1), each
/// computed straight from T (no chain from one register to the next).
#[inline]
#[target_feature(enable = "pclmulqdq,avx,avx2,vpclmulqdq")]
fn spread(t: __m128i) -> [__m256i; REGS] {
    let b = _mm256_broadcastsi128_si256(t);
    // Per lane: (0, lo) and (hi, 0), the halves that cross the 64-bit boundary.
    let up = _mm256_bslli_epi128::<8>(b);
    let down = _mm256_bsrli_epi128::<8>(b);
    regs!(j => {
        let k = 2 * i64::from(j);
        // Lane l shifts by 2j + l (both 64-bit halves of a lane get the same count).
        mul_x_by(b, up, down, _mm256_set_epi64x(k + 1, k + 1, k, k))
    })
}

/// Each 128-bit lane of `t` times x^k, where k (0..=56) is given in both 64-bit halves of the
/// lane in `k` and `up` / `down` are `t` shifted by 8 bytes left / right: a 128-bit shift left
/// by k built from 64-bit shifts, and the k bits shifted out folded back with one carry-less
/// multiply by 0x87.
#[inline]
#[target_feature(enable = "pclmulqdq,avx,avx2,vpclmulqdq")]
fn mul_x_by(t: __m256i, up: __m256i, down: __m256i, k: __m256i) -> __m256i {
    let kc = _mm256_sub_epi64(_mm256_set1_epi64x(64), k);
    let shifted = _mm256_or_si256(_mm256_sllv_epi64(t, k), _mm256_srlv_epi64(up, kc));
    let over = _mm256_srlv_epi64(down, kc);
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

/// Register `i % 8` of a batch: bytes 32·(i % 8) .. 32·(i % 8) + 32 of `c`.
#[inline]
#[target_feature(enable = "avx")]
fn load_reg(c: &[u8; CHUNK], i: usize) -> __m256i {
    // SAFETY: i % 8 < 8, so the 32 bytes lie inside the 256-byte chunk; `loadu` has no
    // alignment requirement.
    unsafe { _mm256_loadu_si256(c.as_ptr().add(32 * (i % REGS)).cast()) }
}

/// Stores `v` as register `i % 8` of a batch.
#[inline]
#[target_feature(enable = "avx")]
fn store_reg(c: &mut [u8; CHUNK], i: usize, v: __m256i) {
    // SAFETY: as in `load_reg`; `storeu` has no alignment requirement.
    unsafe { _mm256_storeu_si256(c.as_mut_ptr().add(32 * (i % REGS)).cast(), v) }
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
