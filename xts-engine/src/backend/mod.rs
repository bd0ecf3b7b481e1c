//! The XTS engines: one file per backend, all with the same face.
//!
//! Every backend offers `is_available()`, a safe constructor returning `Option` (it returns `None`
//! when the CPU lacks the instructions, so a constructed engine is the proof that its
//! `#[target_feature]` functions may run) and the two safe entry points `encrypt_units` /
//! `decrypt_units`. Detection happens once, when an [`Engine`] is built at key setup; the data
//! path then dispatches on an enum, never re-detecting per sector.
//!
//! This module is the only place of the crate where `unsafe` is allowed. It is needed for the
//! calls into `#[target_feature]` functions (justified by the constructor's detection) and for
//! the unaligned SIMD loads and stores (justified by the bounds of the slices they touch).
#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]

use core::fmt;

#[cfg(target_arch = "x86_64")]
/// The keyed engine of a SIMD backend module: a key schedule that exists only on a CPU where
/// the module's `is_available()` holds, and the entry points into its `units` function.
macro_rules! keyed_engine {
    ($ty:ident, $label:literal) => {
        #[doc = concat!("Keyed ", $label, " engine. Exists only on CPUs where [`is_available`] holds.")]
        pub(crate) struct $ty {
            keys: Schedule,
        }

        impl $ty {
            pub(crate) fn new(k1: &[u8; 32], k2: &[u8; 32]) -> Option<Self> {
                if !is_available() {
                    return None;
                }
                // SAFETY: `is_available()` confirmed AES-NI on this CPU.
                let keys = unsafe { Schedule::new(k1, k2) };
                Some(Self { keys })
            }

            pub(crate) fn encrypt_units(&self, data: &mut [u8], unit: usize, first: u128) {
                // SAFETY: this engine is only built by `new`, after `is_available()` confirmed
                // every feature `units` enables.
                unsafe { units::<true>(&self.keys, data, unit, first) }
            }

            pub(crate) fn decrypt_units(&self, data: &mut [u8], unit: usize, first: u128) {
                // SAFETY: as in `encrypt_units`.
                unsafe { units::<false>(&self.keys, data, unit, first) }
            }
        }
    };
}

pub(crate) mod portable;

#[cfg(target_arch = "x86_64")]
pub(crate) mod aesni;
#[cfg(target_arch = "x86_64")]
pub(crate) mod schedule;
#[cfg(target_arch = "x86_64")]
pub(crate) mod vaes_avx2;
#[cfg(target_arch = "x86_64")]
pub(crate) mod vaes_avx512;

/// An implementation of the XTS data path.
///
/// The set of backends is the same on every target so that code naming one always compiles;
/// [`Backend::is_available`] tells whether the running CPU has the instructions it needs.
///
/// | Backend | Instructions | Blocks in flight | `--cfg xts_backend=` |
/// |---|---|---|---|
/// | [`VaesAvx512`](Backend::VaesAvx512) | VAES, AVX-512F/VL/BW, VPCLMULQDQ, AES-NI | 32 (8 zmm x 4) | `"vaes-avx512"` |
/// | [`VaesAvx2`](Backend::VaesAvx2) | VAES, AVX2, VPCLMULQDQ, AES-NI | 16 (8 ymm x 2) | `"vaes-avx2"` |
/// | [`AesNi`](Backend::AesNi) | AES-NI, PCLMULQDQ | 8 (8 xmm) | `"aesni"` |
/// | [`Portable`](Backend::Portable) | whatever the `aes` crate uses (VAES, AES-NI, ARMv8 AES or bitsliced software) | the `aes` crate's batch | `"portable"` |
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Backend {
    /// VAES on 512-bit registers with AVX-512 and VPCLMULQDQ tweak generation (x86-64).
    VaesAvx512,
    /// VAES on 256-bit registers with AVX2; tweaks advanced by shifts between the AES rounds
    /// (VPCLMULQDQ is required at detection) (x86-64).
    VaesAvx2,
    /// AES-NI and PCLMULQDQ on 128-bit registers, eight blocks interleaved (x86-64).
    AesNi,
    /// The `aes` crate's block cipher driven in large batches; runs on every target.
    Portable,
}

impl Backend {
    /// Every backend, fastest first.
    pub const ALL: [Backend; 4] = [
        Backend::VaesAvx512,
        Backend::VaesAvx2,
        Backend::AesNi,
        Backend::Portable,
    ];

    /// The backends this CPU can run, fastest first. [`Backend::Portable`] is always last.
    pub fn available() -> Vec<Backend> {
        Self::ALL.into_iter().filter(|b| b.is_available()).collect()
    }

    /// Whether the running CPU has every instruction this backend needs.
    pub fn is_available(self) -> bool {
        match self {
            #[cfg(target_arch = "x86_64")]
            Backend::VaesAvx512 => vaes_avx512::is_available(),
            #[cfg(target_arch = "x86_64")]
            Backend::VaesAvx2 => vaes_avx2::is_available(),
            #[cfg(target_arch = "x86_64")]
            Backend::AesNi => aesni::is_available(),
            Backend::Portable => true,
            #[cfg(not(target_arch = "x86_64"))]
            _ => false,
        }
    }

    /// The backend forced at build time with `--cfg xts_backend="..."`, if any.
    pub const fn forced() -> Option<Backend> {
        if cfg!(xts_backend = "portable") {
            Some(Backend::Portable)
        } else if cfg!(xts_backend = "aesni") {
            Some(Backend::AesNi)
        } else if cfg!(xts_backend = "vaes-avx2") {
            Some(Backend::VaesAvx2)
        } else if cfg!(xts_backend = "vaes-avx512") {
            Some(Backend::VaesAvx512)
        } else {
            None
        }
    }

    /// The backend [`Xts256::new`](crate::Xts256::new) uses: the forced one if the build forces
    /// one, otherwise the fastest available.
    pub fn preferred() -> Backend {
        match Self::forced() {
            Some(forced) => forced,
            None => Self::ALL
                .into_iter()
                .find(|b| b.is_available())
                .unwrap_or(Backend::Portable),
        }
    }

    /// The name used in `--cfg xts_backend="..."` and in benchmark reports.
    pub const fn name(self) -> &'static str {
        match self {
            Backend::VaesAvx512 => "vaes-avx512",
            Backend::VaesAvx2 => "vaes-avx2",
            Backend::AesNi => "aesni",
            Backend::Portable => "portable",
        }
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A keyed engine of one backend. Built once at key setup; the data path only dispatches.
pub(crate) enum Engine {
    #[cfg(target_arch = "x86_64")]
    VaesAvx512(vaes_avx512::VaesAvx512),
    #[cfg(target_arch = "x86_64")]
    VaesAvx2(vaes_avx2::VaesAvx2),
    #[cfg(target_arch = "x86_64")]
    AesNi(aesni::AesNi),
    Portable(portable::Portable<aes::Aes256>),
}

impl Engine {
    /// Keys `backend` with `k1` (data key) and `k2` (tweak key), or `None` if the CPU cannot
    /// run it.
    pub(crate) fn new(backend: Backend, k1: &[u8; 32], k2: &[u8; 32]) -> Option<Engine> {
        match backend {
            #[cfg(target_arch = "x86_64")]
            Backend::VaesAvx512 => vaes_avx512::VaesAvx512::new(k1, k2).map(Engine::VaesAvx512),
            #[cfg(target_arch = "x86_64")]
            Backend::VaesAvx2 => vaes_avx2::VaesAvx2::new(k1, k2).map(Engine::VaesAvx2),
            #[cfg(target_arch = "x86_64")]
            Backend::AesNi => aesni::AesNi::new(k1, k2).map(Engine::AesNi),
            Backend::Portable => portable::Portable::new(k1, k2).map(Engine::Portable),
            #[cfg(not(target_arch = "x86_64"))]
            _ => None,
        }
    }

    pub(crate) fn backend(&self) -> Backend {
        match self {
            #[cfg(target_arch = "x86_64")]
            Engine::VaesAvx512(_) => Backend::VaesAvx512,
            #[cfg(target_arch = "x86_64")]
            Engine::VaesAvx2(_) => Backend::VaesAvx2,
            #[cfg(target_arch = "x86_64")]
            Engine::AesNi(_) => Backend::AesNi,
            Engine::Portable(_) => Backend::Portable,
        }
    }

    /// Encrypts the consecutive data units of `unit` bytes in `data` in place; the first has the
    /// tweak value `first`, the next `first + 1`, and so on.
    ///
    /// Callers check `16 <= unit` and `data.len() % unit == 0`; a violation only leaves data
    /// untouched (at most the trailing partial unit), never unsound.
    pub(crate) fn encrypt_units(&self, data: &mut [u8], unit: usize, first: u128) {
        match self {
            #[cfg(target_arch = "x86_64")]
            Engine::VaesAvx512(e) => e.encrypt_units(data, unit, first),
            #[cfg(target_arch = "x86_64")]
            Engine::VaesAvx2(e) => e.encrypt_units(data, unit, first),
            #[cfg(target_arch = "x86_64")]
            Engine::AesNi(e) => e.encrypt_units(data, unit, first),
            Engine::Portable(e) => e.encrypt_units(data, unit, first),
        }
    }

    /// Decrypts, as [`Engine::encrypt_units`] encrypts.
    pub(crate) fn decrypt_units(&self, data: &mut [u8], unit: usize, first: u128) {
        match self {
            #[cfg(target_arch = "x86_64")]
            Engine::VaesAvx512(e) => e.decrypt_units(data, unit, first),
            #[cfg(target_arch = "x86_64")]
            Engine::VaesAvx2(e) => e.decrypt_units(data, unit, first),
            #[cfg(target_arch = "x86_64")]
            Engine::AesNi(e) => e.decrypt_units(data, unit, first),
            Engine::Portable(e) => e.decrypt_units(data, unit, first),
        }
    }
}

/// Multiplies a tweak by the primitive element α (x) of GF(2^128) modulo
/// x^128 + x^7 + x^2 + x + 1, in the little-endian convention of IEEE Std 1619 §5.2:
/// a shift left by one bit of the 128-bit little-endian integer, folding the carry out back in
/// as 0x87.
#[inline]
pub(crate) const fn mul_alpha(t: u128) -> u128 {
    let carry = t >> 127;
    (t << 1) ^ (0x87 & carry.wrapping_neg())
}

/// The last full block and the partial block of a data unit whose length is not a multiple of
/// 16: ciphertext stealing, IEEE Std 1619 §5.3.2 (encryption) and §5.4.2 (decryption).
///
/// `tail` holds the last full block followed by `r` (1..=15) bytes; `t` is the tweak of the last
/// full block's position (T_{m-1}), and T_m = `t` · α. `xex` applies the single-block XEX
/// transform of the direction (E or D, with pre- and post-whitening by the tweak).
#[inline]
pub(crate) fn steal(
    encrypt: bool,
    tail: &mut [u8],
    t: u128,
    mut xex: impl FnMut(&mut [u8; 16], u128),
) {
    let Some((full, part)) = tail.split_first_chunk_mut::<16>() else {
        return;
    };
    let r = part.len();
    if r == 0 || r >= 16 {
        return;
    }
    let t_next = mul_alpha(t);
    if encrypt {
        // CC = E(P_{m-1}, T_{m-1}); C_m = first r bytes of CC; PP = P_m || rest of CC;
        // C_{m-1} = E(PP, T_m).
        let mut cc = *full;
        xex(&mut cc, t);
        let (head, steal) = cc.split_at(r);
        let mut pp = [0u8; 16];
        let (pp_head, pp_steal) = pp.split_at_mut(r);
        pp_head.copy_from_slice(part);
        pp_steal.copy_from_slice(steal);
        part.copy_from_slice(head);
        xex(&mut pp, t_next);
        *full = pp;
    } else {
        // PP = D(C_{m-1}, T_m); P_m = first r bytes of PP; CC = C_m || rest of PP;
        // P_{m-1} = D(CC, T_{m-1}).
        let mut pp = *full;
        xex(&mut pp, t_next);
        let (head, steal) = pp.split_at(r);
        let mut cc = [0u8; 16];
        let (cc_head, cc_steal) = cc.split_at_mut(r);
        cc_head.copy_from_slice(part);
        cc_steal.copy_from_slice(steal);
        part.copy_from_slice(head);
        xex(&mut cc, t);
        *full = cc;
    }
}

/// Runs `batch` over `rest` (shorter than a whole chunk of `N` bytes) through a zero-padded
/// copy, and copies the result back: the SIMD backends' path for a data unit's last blocks.
#[cfg(target_arch = "x86_64")]
#[inline]
pub(crate) fn through_chunk<const N: usize>(rest: &mut [u8], batch: impl FnOnce(&mut [u8; N])) {
    let mut buf = [0u8; N];
    let Some(used) = buf.get_mut(..rest.len()) else {
        return;
    };
    used.copy_from_slice(rest);
    batch(&mut buf);
    if let Some(used) = buf.get(..rest.len()) {
        rest.copy_from_slice(used);
    }
}

/// Splits one data unit into the blocks the bulk path handles and the stealing tail:
/// all full blocks when the length is a multiple of 16, otherwise all but the last full block.
#[inline]
pub(crate) fn split_unit(unit: &mut [u8]) -> (&mut [u8], &mut [u8]) {
    let len = unit.len();
    let r = len % 16;
    let bulk = if r == 0 {
        len
    } else {
        len.saturating_sub(16 + r)
    };
    unit.split_at_mut(bulk)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mul_alpha_matches_the_spec_shift_and_fold() {
        assert_eq!(mul_alpha(1), 2);
        assert_eq!(mul_alpha(1 << 127), 0x87);
        assert_eq!(mul_alpha((1 << 127) | 1), 0x87 ^ 2);
        // α^128 = x^7 + x^2 + x + 1.
        let mut t = 1u128;
        for _ in 0..128 {
            t = mul_alpha(t);
        }
        assert_eq!(t, 0x87);
    }

    #[test]
    fn split_unit_keeps_the_last_full_block_for_stealing() {
        let mut buf = [0u8; 64];
        let (a, b) = split_unit(&mut buf[..48]);
        assert_eq!((a.len(), b.len()), (48, 0));
        let (a, b) = split_unit(&mut buf[..49]);
        assert_eq!((a.len(), b.len()), (32, 17));
        let (a, b) = split_unit(&mut buf[..31]);
        assert_eq!((a.len(), b.len()), (0, 31));
    }
}
