//! AES-NI + PCLMULQDQ backend: 128-bit registers, eight blocks interleaved.
//!
//! Eight independent blocks cover the AESENC latency (4 cycles at 2 per cycle on recent cores).
//! The eight tweak registers advance by x^8 per batch with one carry-less multiply each
//! (`T · x^8 = (T << 8) ^ clmul(T >> 120, 0x87)`), so no tweak waits on the one before it. The
//! final tweak XOR is folded into the last round key. The tweak encryptions E_K2(i) of eight
//! data units are computed together.

use core::arch::x86_64::*;

use super::schedule::{Schedule, load, load_keys, mul_x, store, xex_block};
use super::{split_unit, steal, through_chunk};

/// Blocks in flight.
const LANES: usize = 8;
/// Bytes per batch.
const CHUNK: usize = 16 * LANES;

/// AES-NI for the rounds and key expansion, PCLMULQDQ for the tweaks.
pub(crate) fn is_available() -> bool {
    std::arch::is_x86_feature_detected!("aes") && std::arch::is_x86_feature_detected!("pclmulqdq")
}

keyed_engine!(AesNi, "AES-NI");

#[target_feature(enable = "aes,pclmulqdq")]
fn units<const ENC: bool>(keys: &Schedule, data: &mut [u8], unit: usize, first: u128) {
    if unit < 16 {
        return;
    }
    let rk = load_keys(if ENC { &keys.enc } else { &keys.dec });
    let tk = load_keys(&keys.tweak);
    let mut units = data.chunks_exact_mut(unit);
    let mut sector = first;
    while units.len() > 0 {
        let n = units.len().min(LANES);
        // E_K2 of the next eight sector numbers, interleaved.
        let mut t = [_mm_setzero_si128(); LANES];
        let mut s = sector;
        for ti in t.iter_mut() {
            *ti = load(&s.to_le_bytes());
            s = s.wrapping_add(1);
        }
        let t = encrypt8(&tk, t);
        for ti in t.iter().take(n) {
            let Some(u) = units.next() else { break };
            unit_xts::<ENC>(keys, &rk, u, *ti);
        }
        sector = sector.wrapping_add(n as u128);
    }
}

/// One data unit whose encrypted tweak is `t`.
#[target_feature(enable = "aes,pclmulqdq")]
fn unit_xts<const ENC: bool>(keys: &Schedule, rk: &[__m128i; 15], unit: &mut [u8], t: __m128i) {
    let (bulk, tail) = split_unit(unit);
    let next = blocks::<ENC>(rk, bulk, t);
    if !tail.is_empty() {
        let mut b = [0u8; 16];
        store(&mut b, next);
        let dir = if ENC { &keys.enc } else { &keys.dec };
        steal(ENC, tail, u128::from_le_bytes(b), |block, tw| {
            // The closure inherits the target features of `unit_xts`.
            xex_block::<ENC>(dir, block, tw);
        });
    }
}

/// XEX over whole blocks from tweak `t`; returns the tweak of the block after the last.
#[target_feature(enable = "aes,pclmulqdq")]
fn blocks<const ENC: bool>(rk: &[__m128i; 15], bulk: &mut [u8], t: __m128i) -> __m128i {
    let mut tw = [t; LANES];
    for i in 1..LANES {
        tw[i] = mul_x(tw[i - 1]);
    }
    let (chunks, rest) = bulk.as_chunks_mut::<CHUNK>();
    for c in chunks {
        batch::<ENC>(rk, c, &mut tw);
    }
    let n = rest.len() / 16;
    if n == 0 {
        return tw[0];
    }
    let next = tw[n];
    through_chunk::<CHUNK>(rest, |c| batch::<ENC>(rk, c, &mut tw));
    next
}

/// Eight blocks with tweaks `tw`; advances every tweak by x^8.
///
/// Sixteen xmm registers cannot hold eight blocks, eight tweaks and a round key, and LLVM then
/// serialises some of the blocks. So the tweaks are consumed up front (whitening, the last round
/// key XOR tweak, and the next tweaks), and the per-block last round keys are kept in memory
/// (`black_box` stops LLVM from promoting them back into registers), leaving eight registers
/// free to interleave through all 14 rounds.
#[inline]
#[target_feature(enable = "aes,pclmulqdq")]
fn batch<const ENC: bool>(rk: &[__m128i; 15], c: &mut [u8; CHUNK], tw: &mut [__m128i; LANES]) {
    // Round keys are read from memory each round, so they do not compete with the blocks for
    // registers either.
    let rk = core::hint::black_box(rk);
    let mut b = [_mm_setzero_si128(); LANES];
    let mut last = [_mm_setzero_si128(); LANES];
    for i in 0..LANES {
        // SAFETY: i < 8, so bytes 16*i..16*i+16 lie inside the 128-byte chunk; `loadu` has no
        // alignment requirement.
        let v = unsafe { _mm_loadu_si128(c.as_ptr().add(16 * i).cast()) };
        let t = tw[i];
        b[i] = _mm_xor_si128(v, _mm_xor_si128(t, rk[0]));
        last[i] = _mm_xor_si128(rk[14], t);
        tw[i] = mul_x8(t);
    }
    let last = core::hint::black_box(&mut last);
    for k in &rk[1..14] {
        for x in b.iter_mut() {
            *x = if ENC {
                _mm_aesenc_si128(*x, *k)
            } else {
                _mm_aesdec_si128(*x, *k)
            };
        }
    }
    for i in 0..LANES {
        let v = if ENC {
            _mm_aesenclast_si128(b[i], last[i])
        } else {
            _mm_aesdeclast_si128(b[i], last[i])
        };
        // SAFETY: as for the load above.
        unsafe { _mm_storeu_si128(c.as_mut_ptr().add(16 * i).cast(), v) };
    }
}

/// `t` · x^8: a one-byte shift and a carry-less multiply of the byte shifted out by 0x87.
#[inline]
#[target_feature(enable = "pclmulqdq")]
fn mul_x8(t: __m128i) -> __m128i {
    let over = _mm_srli_si128::<15>(t);
    let fold = _mm_clmulepi64_si128::<0x00>(over, _mm_set_epi64x(0, 0x87));
    _mm_xor_si128(_mm_slli_si128::<1>(t), fold)
}

/// Eight interleaved AES-256 encryptions (the tweaks of eight data units).
#[inline]
#[target_feature(enable = "aes")]
fn encrypt8(k: &[__m128i; 15], mut b: [__m128i; LANES]) -> [__m128i; LANES] {
    for x in b.iter_mut() {
        *x = _mm_xor_si128(*x, k[0]);
    }
    for rk in &k[1..14] {
        for x in b.iter_mut() {
            *x = _mm_aesenc_si128(*x, *rk);
        }
    }
    for x in b.iter_mut() {
        *x = _mm_aesenclast_si128(*x, k[14]);
    }
    b
}
