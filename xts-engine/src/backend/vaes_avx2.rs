//! VAES + AVX2 + VPCLMULQDQ backend: 256-bit registers holding two blocks each, eight registers
//! (16 blocks) in flight, for CPUs with VAES but without AVX-512 (Zen 3, Alder Lake and later
//! client cores, or any VM that hides AVX-512).
//!
//! VAESENC on ymm issues two per cycle with a latency of four on Zen 3/4/5, so eight independent
//! registers keep both AES pipes busy, and every other vector instruction of the batch competes
//! with the rounds for the FP pipes. So the batch is written out register by register
//! (`regs!`), the final tweak XOR is folded into the last round key, and the tweak arithmetic
//! uses only instructions that run beside the rounds: no carry-less multiply and no byte shift
//! (both take the AES pipes on Zen 4/5) in the data path.
//!
//! Tweaks: each batch advances every register by x^16 with a two-byte rotation of each lane
//! (`vpalignr`), which puts the 16 bits shifted out into the low word, and three shifts that
//! fold them back (`h · (x^7 + x^2 + x)`), shared by two registers. The update is an `asm!`
//! block that also takes the eight block registers, which pins each pair of updates between two
//! rounds (left alone, LLVM puts them all after the last round, where they hold up the next
//! batch's rounds) and keeps LLVM from turning its shuffles into byte shifts. The last batch of
//! a data unit spreads the first tweaks of the next one (T · x^k from 64-bit variable shifts,
//! pinned by an empty `asm!` fence) instead of advancing its own. VPCLMULQDQ, which every VAES
//! CPU has, is still part of the detection but no longer used. Sixteen ymm registers hold the eight blocks and little else, so the tweaks of the batch
//! live on the stack between their uses; loads and stores do not take the FP pipes. The tweak
//! encryptions E_K2(i) of sixteen data units are computed together in eight registers, so that
//! they run at the AES throughput rather than its latency.

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
        let mut v = [ZERO; TWEAK_BATCH / 2];
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
        let tweaks = tweaks.get(..n).unwrap_or_default();
        // `ready`: `tw` already holds the first tweaks of the next data unit, computed by the
        // last batch of the one before.
        let mut tw = [ZERO; REGS];
        let mut ready = false;
        for (i, t) in tweaks.iter().enumerate() {
            let Some(u) = units.next() else { break };
            if !ready {
                tw = spread(load(t));
            }
            ready = unit_xts::<ENC>(keys, &rk, u, &mut tw, tweaks.get(i + 1).map(|t| load(t)));
        }
        sector = sector.wrapping_add(n as u128);
    }
}

/// One data unit whose first tweaks are `tw`: whole batches here, the rest in [`finish`].
///
/// When the unit is whole batches and `next` (the encrypted tweak of the next data unit) is
/// given, its last batch spreads `next` into `tw` instead of advancing its own tweaks, which no
/// block needs any more, and it returns `true`.
#[inline]
#[target_feature(enable = "aes,pclmulqdq,avx,avx2,vaes,vpclmulqdq")]
fn unit_xts<const ENC: bool>(
    keys: &Schedule,
    rk: &[__m256i; 15],
    unit: &mut [u8],
    tw: &mut [__m256i; REGS],
    next: Option<__m128i>,
) -> bool {
    let (bulk, tail) = split_unit(unit);
    let (chunks, rest) = bulk.as_chunks_mut::<CHUNK>();
    let whole = rest.is_empty() && tail.is_empty();
    let split = match next {
        Some(t) if whole => chunks.split_last_mut().map(|(last, init)| (init, last, t)),
        _ => None,
    };
    let Some((init, last, t)) = split else {
        for c in chunks {
            batch::<ENC, false>(rk, c, tw, &Spread::NONE);
        }
        if !whole {
            finish::<ENC>(keys, rk, rest, tail, tw);
        }
        return false;
    };
    for c in init {
        batch::<ENC, false>(rk, c, tw, &Spread::NONE);
    }
    batch::<ENC, true>(rk, last, tw, &Spread::new(t));
    true
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
        through_chunk::<CHUNK>(rest, |c| batch::<ENC, false>(rk, c, &mut tw, &Spread::NONE));
    }
    if !tail.is_empty() {
        let dir = if ENC { &keys.enc } else { &keys.dec };
        steal(ENC, tail, u128::from_le_bytes(next), |block, t| {
            // The closure inherits the target features of `finish`.
            xex_block::<ENC>(dir, block, t);
        });
    }
}

/// Sixteen blocks with tweaks `tw`; replaces `tw` by the next batch's tweaks: with `SPREAD`,
/// the first ones of the data unit `next` describes, otherwise these times x^16.
///
/// Per register: one load, two XORs (block ^ tweak ^ round key 0), 14 rounds whose last key is
/// XORed with the tweak, one store, and the tweak update of [`mul_x16_pair`].
#[inline]
#[target_feature(enable = "aes,pclmulqdq,avx,avx2,vaes,vpclmulqdq")]
fn batch<const ENC: bool, const SPREAD: bool>(
    rk: &[__m256i; 15],
    c: &mut [u8; CHUNK],
    tw: &mut [__m256i; REGS],
    next: &Spread,
) {
    let t = *tw;
    let round = |b: [__m256i; REGS], k: &__m256i| {
        regs!(i => if ENC {
            _mm256_aesenc_epi128(b[i], *k)
        } else {
            _mm256_aesdec_epi128(b[i], *k)
        })
    };
    let mut b = regs!(i => _mm256_xor_si256(load_reg(c, i), _mm256_xor_si256(t[i], rk[0])));
    // Three rounds, then tweak registers 2p and 2p + 1 of the next batch, pinned there by
    // `fence` (left to itself LLVM puts all of them after the last round, where they hold up
    // the next batch's rounds).
    macro_rules! rounds_then_pair {
        ($p:literal) => {
            b = round(b, &rk[3 * $p + 1]);
            b = round(b, &rk[3 * $p + 2]);
            b = round(b, &rk[3 * $p + 3]);
            let (mut na, mut nb) = next_pair::<SPREAD>(next, &t, $p, &mut b);
            fence(&mut b, &mut na, &mut nb);
            tw[2 * $p] = na;
            tw[2 * $p + 1] = nb;
        };
    }
    rounds_then_pair!(0);
    rounds_then_pair!(1);
    rounds_then_pair!(2);
    rounds_then_pair!(3);
    b = round(b, &rk[13]);
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
}

/// A scheduling fence: an empty `asm!` that takes the eight block registers and two fresh
/// tweaks and hands them back, so that LLVM computes the tweaks before it and starts the next
/// round after it. It emits no instruction.
#[inline]
#[target_feature(enable = "avx")]
fn fence(b: &mut [__m256i; REGS], x: &mut __m256i, y: &mut __m256i) {
    let [b0, b1, b2, b3, b4, b5, b6, b7] = b;
    // SAFETY: the template is a comment: no instruction runs, no memory, stack or flag is
    // touched, and every register operand comes back unchanged.
    unsafe {
        core::arch::asm!(
            "/* fence {0} {1} {2} {3} {4} {5} {6} {7} {8} {9} */",
            inout(ymm_reg) * b0,
            inout(ymm_reg) * b1,
            inout(ymm_reg) * b2,
            inout(ymm_reg) * b3,
            inout(ymm_reg) * b4,
            inout(ymm_reg) * b5,
            inout(ymm_reg) * b6,
            inout(ymm_reg) * b7,
            inout(ymm_reg) * x,
            inout(ymm_reg) * y,
            options(nomem, nostack, preserves_flags),
        );
    }
}

/// Each 128-bit lane of `a` and of `b` times x^16; `b` (the eight block registers) passes
/// through unchanged, which pins the update between two rounds as [`fence`] does.
///
/// A lane rotated left by two bytes (`vpalignr`) is `t << 16` with the 16 bits shifted out,
/// h, back in the low word; XORing h · (x^7 + x^2 + x) into the low quadword then leaves h
/// multiplied by x^7 + x^2 + x + 1, the reduction of x^128. The two registers share that fold:
/// the low quadwords of both rotations side by side, shifted left by 48 (h << 48, the bits above
/// h gone), then right by 47, 46 and 41 give h · x, h · x^2 and h · x^7 for both at once.
///
/// Written in `asm!` because LLVM otherwise rewrites the shuffles with a zero operand into byte
/// shifts (`vpsrldq`), which take the AES pipes of Zen 4/5 for two cycles each; here everything
/// runs on the other FP pipes (shifts and shuffles on FP1/FP2, XOR and blend on any of FP0-3).
#[inline]
#[target_feature(enable = "avx,avx2")]
fn mul_x16_pair(b: &mut [__m256i; REGS], a: __m256i, c: __m256i) -> (__m256i, __m256i) {
    let [b0, b1, b2, b3, b4, b5, b6, b7] = b;
    let (mut a, mut c) = (a, c);
    // SAFETY: AVX2 register instructions only (the caller's target features include AVX2): no
    // memory, stack or flags are touched; `h`, `f`, `g` are scratch registers declared as
    // outputs, and the block registers come back unchanged.
    unsafe {
        core::arch::asm!(
            "/* x^16 pair, blocks {b0} {b1} {b2} {b3} {b4} {b5} {b6} {b7} */",
            "vpalignr {a}, {a}, {a}, 14",
            "vpalignr {c}, {c}, {c}, 14",
            "vpunpcklqdq {h}, {a}, {c}",
            "vpsllq {h}, {h}, 48",
            "vpsrlq {f}, {h}, 47",
            "vpsrlq {g}, {h}, 46",
            "vpxor {f}, {f}, {g}",
            "vpsrlq {h}, {h}, 41",
            "vpxor {f}, {f}, {h}",
            "vpxor {g:x}, {g:x}, {g:x}",
            "vpblendd {h}, {g}, {f}, 0x33",
            "vpxor {a}, {a}, {h}",
            "vpunpckhqdq {f}, {f}, {g}",
            "vpxor {c}, {c}, {f}",
            a = inout(ymm_reg) a,
            c = inout(ymm_reg) c,
            h = out(ymm_reg) _,
            f = out(ymm_reg) _,
            g = out(ymm_reg) _,
            b0 = inout(ymm_reg) * b0,
            b1 = inout(ymm_reg) * b1,
            b2 = inout(ymm_reg) * b2,
            b3 = inout(ymm_reg) * b3,
            b4 = inout(ymm_reg) * b4,
            b5 = inout(ymm_reg) * b5,
            b6 = inout(ymm_reg) * b6,
            b7 = inout(ymm_reg) * b7,
            options(nomem, nostack, preserves_flags),
        );
    }
    (a, c)
}

// SAFETY: every bit pattern, the all-zero one included, is a valid `__m256i`.
const ZERO: __m256i = unsafe { core::mem::zeroed() };

/// The encrypted tweak T of a data unit, prepared for spreading: `b` is T in both lanes, `swap`
/// is `b` with the two 64-bit halves of each lane exchanged.
struct Spread {
    b: __m256i,
    swap: __m256i,
}

impl Spread {
    /// Nothing to spread (a batch that advances its own tweaks).
    const NONE: Spread = Spread {
        b: ZERO,
        swap: ZERO,
    };

    #[inline]
    #[target_feature(enable = "avx,avx2")]
    fn new(t: __m128i) -> Spread {
        let b = _mm256_broadcastsi128_si256(t);
        Spread {
            b,
            swap: _mm256_shuffle_epi32::<0b0100_1110>(b),
        }
    }
}

/// Tweak registers `2p` and `2p + 1` of the next batch: spread from `next` with `SPREAD`,
/// otherwise this batch's `t` times x^16.
#[inline]
#[target_feature(enable = "avx,avx2")]
fn next_pair<const SPREAD: bool>(
    next: &Spread,
    t: &[__m256i; REGS],
    p: usize,
    b: &mut [__m256i; REGS],
) -> (__m256i, __m256i) {
    let (ia, ib) = (2 * p % REGS, (2 * p + 1) % REGS);
    if SPREAD {
        // The inputs pass the fence too, or LLVM hoists every pair to the start of the batch.
        let (mut t0, mut swap) = (next.b, next.swap);
        fence(b, &mut t0, &mut swap);
        (
            mul_x_by(t0, swap, lane_powers(ia)),
            mul_x_by(t0, swap, lane_powers(ib)),
        )
    } else {
        mul_x16_pair(b, t[ia], t[ib])
    }
}

/// The exponents of register j's tweaks: 2j + l in both 64-bit halves of lane l.
#[inline]
#[target_feature(enable = "avx")]
fn lane_powers(j: usize) -> __m256i {
    let k = 2 * j as i64;
    _mm256_set_epi64x(k + 1, k + 1, k, k)
}

/// The tweaks of the first 16 blocks: register j holds T · x^(2j + l) in lane l, each computed
/// straight from T (no chain from one register to the next).
#[inline]
#[target_feature(enable = "avx,avx2")]
fn spread(t: __m128i) -> [__m256i; REGS] {
    let next = Spread::new(t);
    regs!(j => mul_x_by(next.b, next.swap, lane_powers(j)))
}

/// Each 128-bit lane of `t` times x^k, where k (0..=56) is given in both 64-bit halves of the
/// lane in `k` and `swap` is `t` with the halves of each lane exchanged.
///
/// The 128-bit shift left by k is two 64-bit shifts left plus, from `swap` shifted right by
/// 64 - k, the bits that cross into the high half and the k bits h shifted out of the top. Those
/// land in the low half, where XORing h · (x^7 + x^2 + x) (three shifts) completes the fold of
/// h · (x^7 + x^2 + x + 1); h < 2^56 keeps the product inside 64 bits.
#[inline]
#[target_feature(enable = "avx,avx2")]
fn mul_x_by(t: __m256i, swap: __m256i, k: __m256i) -> __m256i {
    let kc = _mm256_sub_epi64(_mm256_set1_epi64x(64), k);
    let x = _mm256_srlv_epi64(swap, kc);
    let fold = _mm256_xor_si256(
        _mm256_xor_si256(_mm256_slli_epi64::<1>(x), _mm256_slli_epi64::<2>(x)),
        _mm256_slli_epi64::<7>(x),
    );
    _mm256_xor_si256(
        _mm256_xor_si256(_mm256_sllv_epi64(t, k), x),
        _mm256_blend_epi32::<0b0011_0011>(ZERO, fold),
    )
}

/// Round keys broadcast to both lanes.
#[inline]
#[target_feature(enable = "avx,avx2")]
fn broadcast_keys(keys: &RoundKeys) -> [__m256i; 15] {
    let mut out = [ZERO; 15];
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
