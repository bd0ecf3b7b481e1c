//! AES-256 key schedules for the x86-64 SIMD backends, built with AES-NI, and the single-block
//! XEX they share for ciphertext stealing.
//!
//! Key expansion follows FIPS 197 §5.2 for Nk = 8 (15 round keys): `AESKEYGENASSIST` supplies
//! `SubWord(RotWord(w)) ^ Rcon` (even steps) and `SubWord(w)` (odd steps). The decryption
//! schedule for the Equivalent Inverse Cipher (FIPS 197 §5.3.5) applies `AESIMC`
//! (InvMixColumns) to round keys 1..=13 and reverses the order.

use core::arch::x86_64::*;

use zeroize::{Zeroize, ZeroizeOnDrop};

/// 15 round keys of AES-256, as bytes.
pub(crate) type RoundKeys = [[u8; 16]; 15];

/// The expanded keys of one XTS key: Key1 for encryption and decryption, Key2 for the tweak.
/// Zeroized on drop; never printed.
#[derive(Zeroize, ZeroizeOnDrop)]
#[repr(C, align(64))]
pub(crate) struct Schedule {
    /// Key1, encryption order.
    pub(crate) enc: RoundKeys,
    /// Key1, Equivalent Inverse Cipher order (`AESIMC` applied to rounds 1..=13).
    pub(crate) dec: RoundKeys,
    /// Key2, encryption order.
    pub(crate) tweak: RoundKeys,
}

impl Schedule {
    /// Expands Key1 (`k1`) and Key2 (`k2`).
    #[target_feature(enable = "aes")]
    pub(crate) fn new(k1: &[u8; 32], k2: &[u8; 32]) -> Schedule {
        let mut s = Schedule {
            enc: [[0; 16]; 15],
            dec: [[0; 16]; 15],
            tweak: [[0; 16]; 15],
        };
        let mut rk = expand(k1);
        for (dst, k) in s.enc.iter_mut().zip(rk.iter()) {
            store(dst, *k);
        }
        // Decryption: dk[0] = rk[14], dk[i] = InvMixColumns(rk[14 - i]), dk[14] = rk[0].
        for (i, dst) in s.dec.iter_mut().enumerate() {
            let k = rk[14 - i];
            let k = if i == 0 || i == 14 {
                k
            } else {
                _mm_aesimc_si128(k)
            };
            store(dst, k);
        }
        rk.zeroize();
        let mut tk = expand(k2);
        for (dst, k) in s.tweak.iter_mut().zip(tk.iter()) {
            store(dst, *k);
        }
        tk.zeroize();
        s
    }
}

/// FIPS 197 key expansion for a 256-bit key.
#[target_feature(enable = "aes")]
fn expand(key: &[u8; 32]) -> [__m128i; 15] {
    let (lo, hi) = key.split_at(16);
    let mut rk = [_mm_setzero_si128(); 15];
    let mut a = [0u8; 16];
    a.copy_from_slice(lo);
    rk[0] = load(&a);
    a.copy_from_slice(hi);
    rk[1] = load(&a);
    a.zeroize();

    /// Round key i (even): the previous even key's words prefix-XORed with
    /// SubWord(RotWord(w[4i-1])) ^ Rcon.
    macro_rules! even {
        ($i:literal, $rcon:literal) => {
            let t = _mm_shuffle_epi32::<0xff>(_mm_aeskeygenassist_si128::<$rcon>(rk[$i - 1]));
            rk[$i] = mix(rk[$i - 2], t);
        };
    }
    /// Round key i (odd): the previous odd key's words prefix-XORed with SubWord(w[4i-1]).
    macro_rules! odd {
        ($i:literal) => {
            let t = _mm_shuffle_epi32::<0xaa>(_mm_aeskeygenassist_si128::<0x00>(rk[$i - 1]));
            rk[$i] = mix(rk[$i - 2], t);
        };
    }
    even!(2, 0x01);
    odd!(3);
    even!(4, 0x02);
    odd!(5);
    even!(6, 0x04);
    odd!(7);
    even!(8, 0x08);
    odd!(9);
    even!(10, 0x10);
    odd!(11);
    even!(12, 0x20);
    odd!(13);
    even!(14, 0x40);
    rk
}

/// w[i..i+4] = prefix-XOR of the previous round key's words, XORed with the broadcast `t`.
#[inline]
#[target_feature(enable = "sse2")]
fn mix(prev: __m128i, t: __m128i) -> __m128i {
    let mut a = prev;
    a = _mm_xor_si128(a, _mm_slli_si128::<4>(a));
    a = _mm_xor_si128(a, _mm_slli_si128::<4>(a));
    a = _mm_xor_si128(a, _mm_slli_si128::<4>(a));
    _mm_xor_si128(a, t)
}

/// Loads 15 round keys into registers.
#[inline]
#[target_feature(enable = "sse2")]
pub(crate) fn load_keys(keys: &RoundKeys) -> [__m128i; 15] {
    let mut out = [_mm_setzero_si128(); 15];
    for (o, k) in out.iter_mut().zip(keys.iter()) {
        *o = load(k);
    }
    out
}

/// Unaligned 16-byte load.
#[inline]
#[target_feature(enable = "sse2")]
pub(crate) fn load(bytes: &[u8; 16]) -> __m128i {
    // SAFETY: `bytes` is 16 readable bytes and `loadu` has no alignment requirement.
    unsafe { _mm_loadu_si128(bytes.as_ptr().cast()) }
}

/// Unaligned 16-byte store.
#[inline]
#[target_feature(enable = "sse2")]
pub(crate) fn store(bytes: &mut [u8; 16], v: __m128i) {
    // SAFETY: `bytes` is 16 writable bytes and `storeu` has no alignment requirement.
    unsafe { _mm_storeu_si128(bytes.as_mut_ptr().cast(), v) }
}

/// Single-block XEX with tweak `t` (already encrypted): `E(P ^ T) ^ T` or `D(C ^ T) ^ T`.
/// `keys` is the encryption or the decryption schedule of Key1, matching `ENC`.
#[target_feature(enable = "aes")]
pub(crate) fn xex_block<const ENC: bool>(keys: &RoundKeys, block: &mut [u8; 16], t: u128) {
    let k = load_keys(keys);
    let tw = load(&t.to_le_bytes());
    let mut x = _mm_xor_si128(_mm_xor_si128(load(block), tw), k[0]);
    for rk in &k[1..14] {
        x = if ENC {
            _mm_aesenc_si128(x, *rk)
        } else {
            _mm_aesdec_si128(x, *rk)
        };
    }
    let last = _mm_xor_si128(k[14], tw);
    x = if ENC {
        _mm_aesenclast_si128(x, last)
    } else {
        _mm_aesdeclast_si128(x, last)
    };
    store(block, x);
}

/// `t` · x in GF(2^128), little-endian (IEEE Std 1619 §5.2), on a register: each 32-bit lane is
/// shifted left by one and receives the top bit of the lane below; the top bit of the whole
/// value folds back in as 0x87.
#[inline]
#[target_feature(enable = "sse2")]
pub(crate) fn mul_x(t: __m128i) -> __m128i {
    let carries = _mm_shuffle_epi32::<0x93>(_mm_srai_epi32::<31>(t));
    let fold = _mm_and_si128(carries, _mm_set_epi32(1, 1, 1, 0x87));
    _mm_xor_si128(_mm_slli_epi32::<1>(t), fold)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_matches_fips197_and_zeroizes() {
        if !std::arch::is_x86_feature_detected!("aes") {
            println!("skipped: AES-NI not available on this CPU");
            return;
        }
        // FIPS 197 Appendix A.3: cipher key 603deb10...0914dff4, w[56..60] = fe4890d1 e6188d0b
        // 046df344 706c631e (the last round key), and w[8..12] = 9ba35411 8e6925af a51a8b5f 2067fcde.
        let key: [u8; 32] = [
            0x60, 0x3d, 0xeb, 0x10, 0x15, 0xca, 0x71, 0xbe, 0x2b, 0x73, 0xae, 0xf0, 0x85, 0x7d,
            0x77, 0x81, 0x1f, 0x35, 0x2c, 0x07, 0x3b, 0x61, 0x08, 0xd7, 0x2d, 0x98, 0x10, 0xa3,
            0x09, 0x14, 0xdf, 0xf4,
        ];
        // SAFETY: AES-NI was detected above.
        let mut s = unsafe { Schedule::new(&key, &[0x42; 32]) };
        assert_eq!(
            s.enc[2],
            [
                0x9b, 0xa3, 0x54, 0x11, 0x8e, 0x69, 0x25, 0xaf, 0xa5, 0x1a, 0x8b, 0x5f, 0x20, 0x67,
                0xfc, 0xde
            ]
        );
        assert_eq!(
            s.enc[14],
            [
                0xfe, 0x48, 0x90, 0xd1, 0xe6, 0x18, 0x8d, 0x0b, 0x04, 0x6d, 0xf3, 0x44, 0x70, 0x6c,
                0x63, 0x1e
            ]
        );
        assert_eq!(s.dec[0], s.enc[14]);
        assert_eq!(s.dec[14], s.enc[0]);
        s.zeroize();
        assert!(
            s.enc
                .iter()
                .chain(&s.dec)
                .chain(&s.tweak)
                .all(|k| k == &[0; 16])
        );
    }
}
