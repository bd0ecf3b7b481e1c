//! VAES + AVX-512 + VPCLMULQDQ backend: 512-bit registers holding four blocks each, eight
//! registers (32 blocks) in flight.
//!
//! VAESENC on zmm issues two per cycle with a latency of four on Zen 4/5, so eight independent
//! registers keep both AES pipes busy, and every other vector instruction of the batch competes
//! with the rounds for the same FP pipes. So the batch is written out register by register
//! (`regs!`), and nothing of it goes through memory except the data itself: the eight tweak
//! registers stay in registers from one batch to the next, the whitening is one three-way XOR
//! with the loaded block, and the final tweak XOR is folded into the last round key.
//!
//! Tweaks: a data unit's first 32 tweaks are spread from T with per-lane variable shifts and
//! one carry-less multiply per register. Each batch then advances every register by x^32 with
//! a dword rotation, which puts the 32 bits shifted out of a lane into its low word, and three
//! shifts that fold them back (`h · (x^7 + x^2 + x)`): no carry-less multiply and no byte shift
//! (both take the AES pipes on Zen 4/5) per batch. The tweak encryptions E_K2(i) of sixteen data
//! units are computed together in four registers, which matters for 512-byte sectors, where one
//! tweak encryption's latency is as long as the whole sector's throughput.

use core::arch::x86_64::*;

use super::schedule::{RoundKeys, Schedule, load, xex_block};
use super::{split_unit, steal, through_chunk};

/// Registers in flight.
const REGS: usize = 8;
/// Bytes per batch: 8 registers x 4 blocks x 16 bytes.
const CHUNK: usize = 64 * REGS;
/// Data units whose tweaks are encrypted together (4 per register).
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
/// block needs any more, and it returns `true`: for 512-byte sectors, one batch each, that keeps
/// the spreading between the rounds too.
#[inline]
#[target_feature(enable = "aes,pclmulqdq,avx,avx2,avx512f,avx512vl,avx512bw,vaes,vpclmulqdq")]
fn unit_xts<const ENC: bool>(
    keys: &Schedule,
    rk: &[__m512i; 15],
    unit: &mut [u8],
    tw: &mut [__m512i; REGS],
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
#[target_feature(enable = "aes,pclmulqdq,avx,avx2,avx512f,avx512vl,avx512bw,vaes,vpclmulqdq")]
fn finish<const ENC: bool>(
    keys: &Schedule,
    rk: &[__m512i; 15],
    rest: &mut [u8],
    tail: &mut [u8],
    tw: &[__m512i; REGS],
) {
    let mut tw = *tw;
    let n = rest.len() / 16;
    // The tweak of block n of this batch: lane n % 4 of register n / 4.
    let mut lanes = [0u8; 64];
    store512(&mut lanes, tw.get(n / 4).copied().unwrap_or(tw[0]));
    let (lane, _) = lanes.as_chunks::<16>();
    let next = lane.get(n % 4).copied().unwrap_or_default();
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

/// Thirty-two blocks with tweaks `tw`; replaces `tw` by the next batch's tweaks: with `SPREAD`,
/// the first ones of the data unit `next` describes, otherwise these times x^32.
///
/// Per register: one load, one three-way XOR (block ^ tweak ^ round key 0), 14 rounds whose
/// last key is XORed with the tweak, one store, and the tweak update of [`mul_x32_pair`]. The round
/// keys that do not fit beside the 16 data and tweak registers are VAESENC memory operands.
#[inline]
#[target_feature(enable = "aes,pclmulqdq,avx,avx2,avx512f,avx512vl,avx512bw,vaes,vpclmulqdq")]
fn batch<const ENC: bool, const SPREAD: bool>(
    rk: &[__m512i; 15],
    c: &mut [u8; CHUNK],
    tw: &mut [__m512i; REGS],
    next: &Spread,
) {
    let t = *tw;
    let round = |b: [__m512i; REGS], k: &__m512i| {
        regs!(i => if ENC {
            _mm512_aesenc_epi128(b[i], *k)
        } else {
            _mm512_aesdec_epi128(b[i], *k)
        })
    };
    let mut b = regs!(i => _mm512_ternarylogic_epi64::<0x96>(load_reg(c, i), t[i], rk[0]));
    // The next tweaks, one pair after every third round. Left to itself LLVM puts all of them
    // after the last round, where they fill the FP scheduler while the next batch's rounds
    // wait to enter it; `fence` pins each pair between two rounds.
    // Three rounds, then tweak registers 2p and 2p + 1 of the next batch.
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
        let last = _mm512_xor_si512(rk[14], t[i]);
        if ENC {
            _mm512_aesenclast_epi128(b[i], last)
        } else {
            _mm512_aesdeclast_epi128(b[i], last)
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
#[target_feature(enable = "avx512f")]
fn fence(b: &mut [__m512i; REGS], x: &mut __m512i, y: &mut __m512i) {
    let [b0, b1, b2, b3, b4, b5, b6, b7] = b;
    // SAFETY: the template is a comment: no instruction runs, no memory, stack or flag is
    // touched, and every register operand comes back unchanged.
    unsafe {
        core::arch::asm!(
            "/* fence {0} {1} {2} {3} {4} {5} {6} {7} {8} {9} */",
            inout(zmm_reg) * b0,
            inout(zmm_reg) * b1,
            inout(zmm_reg) * b2,
            inout(zmm_reg) * b3,
            inout(zmm_reg) * b4,
            inout(zmm_reg) * b5,
            inout(zmm_reg) * b6,
            inout(zmm_reg) * b7,
            inout(zmm_reg) * x,
            inout(zmm_reg) * y,
            options(nomem, nostack, preserves_flags),
        );
    }
}

/// Each 128-bit lane of `a` and of `b` times x^32.
///
/// The dwords (w0, w1, w2, w3) of a lane rotated to (w3, w0, w1, w2) are `t << 32` with the
/// word shifted out, h = w3, back in the low word; XORing h · (x^7 + x^2 + x) into the low
/// quadword then leaves h multiplied by x^7 + x^2 + x + 1, the reduction of x^128. The two
/// registers share that fold: the low quadwords of both rotations side by side, shifted left by
/// 32 (h << 32, the w0 above h gone), then right by 31, 30 and 25 give h · x, h · x^2 and
/// h · x^7 for both at once. Only those four shifts run on the AES pipes of Zen 4/5; the
/// shuffles and XORs run beside the rounds.
#[inline]
#[target_feature(enable = "avx512f")]
fn mul_x32_pair(a: __m512i, b: __m512i) -> (__m512i, __m512i) {
    let ra = _mm512_shuffle_epi32::<0x93>(a);
    let rb = _mm512_shuffle_epi32::<0x93>(b);
    let h = _mm512_slli_epi64::<32>(_mm512_unpacklo_epi64(ra, rb));
    let fold = _mm512_ternarylogic_epi64::<0x96>(
        _mm512_srli_epi64::<31>(h),
        _mm512_srli_epi64::<30>(h),
        _mm512_srli_epi64::<25>(h),
    );
    // Low quadword of each lane only: `a`'s fold is there already, `b`'s is moved there.
    (
        _mm512_mask_xor_epi64(ra, 0x55, ra, fold),
        _mm512_mask_xor_epi64(rb, 0x55, rb, _mm512_unpackhi_epi64(fold, fold)),
    )
}

// SAFETY: every bit pattern, the all-zero one included, is a valid `__m512i`.
const ZERO: __m512i = unsafe { core::mem::zeroed() };

/// The encrypted tweak T of a data unit, prepared for spreading: `b` is T in every lane,
/// `up` / `down` are `b` shifted by 8 bytes left / right.
struct Spread {
    b: __m512i,
    up: __m512i,
    down: __m512i,
}

impl Spread {
    /// Nothing to spread (a batch that advances its own tweaks).
    const NONE: Spread = Spread {
        b: ZERO,
        up: ZERO,
        down: ZERO,
    };

    #[inline]
    #[target_feature(enable = "avx512f,avx512bw")]
    fn new(t: __m128i) -> Spread {
        let b = _mm512_broadcast_i32x4(t);
        Spread {
            b,
            up: _mm512_bslli_epi128::<8>(b),
            down: _mm512_bsrli_epi128::<8>(b),
        }
    }
}

/// Tweak registers `2p` and `2p + 1` of the next batch: spread from `next` with `SPREAD`,
/// otherwise this batch's `t` times x^32.
#[inline]
#[target_feature(enable = "pclmulqdq,avx,avx2,avx512f,avx512vl,avx512bw,vpclmulqdq")]
fn next_pair<const SPREAD: bool>(
    next: &Spread,
    t: &[__m512i; REGS],
    p: usize,
    b: &mut [__m512i; REGS],
) -> (__m512i, __m512i) {
    let (ia, ib) = (2 * p % REGS, (2 * p + 1) % REGS);
    if SPREAD {
        // The inputs pass the fence too, or LLVM hoists every pair to the start of the batch.
        let (mut t0, mut up, mut down) = (next.b, next.up, next.down);
        fence(b, &mut t0, &mut up);
        fence(b, &mut down, &mut up);
        (
            mul_x_by(t0, up, down, lane_powers(ia)),
            mul_x_by(t0, up, down, lane_powers(ib)),
        )
    } else {
        mul_x32_pair(t[ia], t[ib])
    }
}

/// The exponents of register j's tweaks: 4j + l in both 64-bit halves of lane l.
#[inline]
#[target_feature(enable = "avx512f")]
fn lane_powers(j: usize) -> __m512i {
    let k = 4 * j as i64;
    _mm512_set_epi64(k + 3, k + 3, k + 2, k + 2, k + 1, k + 1, k, k)
}

/// The tweaks of the first 32 blocks: register j holds T · x^(4j + l) in lane l, each
/// computed straight from T (no chain from one register to the next).
#[inline]
#[target_feature(enable = "pclmulqdq,avx,avx2,avx512f,avx512vl,avx512bw,vpclmulqdq")]
fn spread(t: __m128i) -> [__m512i; REGS] {
    let next = Spread::new(t);
    regs!(j => mul_x_by(next.b, next.up, next.down, lane_powers(j)))
}

/// Each 128-bit lane of `t` times x^k, where k (0..=56) is given in both 64-bit halves of the
/// lane in `k` and `up` / `down` are `t` shifted by 8 bytes left / right: a 128-bit shift left
/// by k built from 64-bit shifts, and the k bits shifted out folded back with one carry-less
/// multiply by 0x87.
#[inline]
#[target_feature(enable = "pclmulqdq,avx,avx2,avx512f,avx512vl,avx512bw,vpclmulqdq")]
fn mul_x_by(t: __m512i, up: __m512i, down: __m512i, k: __m512i) -> __m512i {
    let kc = _mm512_sub_epi64(_mm512_set1_epi64(64), k);
    let over = _mm512_srlv_epi64(down, kc);
    let fold = _mm512_clmulepi64_epi128::<0x00>(over, _mm512_set1_epi64(0x87));
    _mm512_ternarylogic_epi64::<0x96>(_mm512_sllv_epi64(t, k), _mm512_srlv_epi64(up, kc), fold)
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

/// Register `i % 8` of a batch: bytes 64·(i % 8) .. 64·(i % 8) + 64 of `c`.
#[inline]
#[target_feature(enable = "avx512f")]
fn load_reg(c: &[u8; CHUNK], i: usize) -> __m512i {
    // SAFETY: i % 8 < 8, so the 64 bytes lie inside the 512-byte chunk; `loadu` has no
    // alignment requirement.
    unsafe { _mm512_loadu_si512(c.as_ptr().add(64 * (i % REGS)).cast()) }
}

/// Stores `v` as register `i % 8` of a batch.
#[inline]
#[target_feature(enable = "avx512f")]
fn store_reg(c: &mut [u8; CHUNK], i: usize, v: __m512i) {
    // SAFETY: as in `load_reg`; `storeu` has no alignment requirement.
    unsafe { _mm512_storeu_si512(c.as_mut_ptr().add(64 * (i % REGS)).cast(), v) }
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
