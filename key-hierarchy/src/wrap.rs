//! AES Key Wrap (RFC 3394, "KW") and AES Key Wrap with Padding (RFC 5649, "KWP").
//!
//! Thin, strict wrappers over the `aes-kw` crate (0.3, `zeroize` feature) for 128-, 192- and
//! 256-bit wrapping keys. `aes-kw` 0.3.1 does not check minimum lengths (it wraps the empty
//! string into the bare IV and unwraps the bare IV `A6A6A6A6A6A6A6A6` into an empty key, which
//! Wycheproof flags as an authentication bypass), so the lengths are enforced here:
//!
//! | function | input | output |
//! |---|---|---|
//! | [`kw_wrap`] | ≥ 16 bytes, a multiple of 8 (RFC 3394 §2: n ≥ 2 semiblocks) | input + 8 |
//! | [`kw_unwrap`] | ≥ 24 bytes, a multiple of 8 | input − 8 |
//! | [`kwp_wrap`] | 1 to 2³² − 1 bytes (RFC 5649 §3) | 8 × ⌈len / 8⌉ + 8 |
//! | [`kwp_unwrap`] | ≥ 16 bytes, a multiple of 8 | the MLI recorded inside |
//!
//! A failed unwrap is [`Error::UnwrapFailed`], with no detail, and the output buffer has been
//! zeroed before the error is returned. Plaintext is returned in [`Zeroizing`] buffers.
//!
//! Which of the two was used must be recorded, never guessed: both turn a 32-byte key into 40
//! bytes. [`WrapMethod`] carries the KMIP Block Cipher Mode value for each.

use aes_kw::{KeyInit, KwAes128, KwAes192, KwAes256, KwpAes128, KwpAes192, KwpAes256};
use zeroize::Zeroizing;

use crate::Error;

/// One AES key-wrap semiblock (RFC 3394 §2), in bytes.
pub const SEMIBLOCK: usize = 8;

/// Which key-wrap algorithm wrapped a key. Always recorded with the wrapped bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WrapMethod {
    /// AES Key Wrap, RFC 3394 / NIST SP 800-38F KW. KMIP Block Cipher Mode "NIST Key Wrap"
    /// (0x0000000D).
    NistKeyWrap,
    /// AES Key Wrap with Padding, RFC 5649 / NIST SP 800-38F KWP. KMIP Block Cipher Mode
    /// "AES Key Wrap Padding" (0x0000000C).
    AesKeyWrapPadding,
}

impl WrapMethod {
    /// KMIP 1.1 §9.1.3.2.14 Block Cipher Mode value of this method.
    pub const fn kmip_block_cipher_mode(self) -> u32 {
        match self {
            WrapMethod::NistKeyWrap => 0x0D,
            WrapMethod::AesKeyWrapPadding => 0x0C,
        }
    }

    /// The method for a KMIP Block Cipher Mode value, if it is one of the two key wraps.
    pub const fn from_kmip_block_cipher_mode(value: u32) -> Option<Self> {
        match value {
            0x0D => Some(WrapMethod::NistKeyWrap),
            0x0C => Some(WrapMethod::AesKeyWrapPadding),
            _ => None,
        }
    }

    /// Short name: `"KW"` or `"KWP"`.
    pub const fn name(self) -> &'static str {
        match self {
            WrapMethod::NistKeyWrap => "KW",
            WrapMethod::AesKeyWrapPadding => "KWP",
        }
    }

    /// Wrapped length for `plain_len` input bytes, or `None` if this method cannot wrap that
    /// length.
    pub const fn wrapped_len(self, plain_len: usize) -> Option<usize> {
        match self {
            WrapMethod::NistKeyWrap => {
                if plain_len < 2 * SEMIBLOCK || !plain_len.is_multiple_of(SEMIBLOCK) {
                    None
                } else {
                    plain_len.checked_add(SEMIBLOCK)
                }
            }
            WrapMethod::AesKeyWrapPadding => {
                if plain_len == 0 || plain_len > u32::MAX as usize {
                    None
                } else {
                    match plain_len.div_ceil(SEMIBLOCK).checked_add(1) {
                        Some(n) => n.checked_mul(SEMIBLOCK),
                        None => None,
                    }
                }
            }
        }
    }

    /// Wrap `data` under `kek` with this method.
    pub fn wrap(self, kek: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>, Error> {
        match self {
            WrapMethod::NistKeyWrap => kw_wrap(kek, data),
            WrapMethod::AesKeyWrapPadding => kwp_wrap(kek, data),
        }
    }

    /// Unwrap `data` under `kek` with this method.
    pub fn unwrap(self, kek: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>, Error> {
        match self {
            WrapMethod::NistKeyWrap => kw_unwrap(kek, data),
            WrapMethod::AesKeyWrapPadding => kwp_unwrap(kek, data),
        }
    }
}

impl core::fmt::Display for WrapMethod {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            WrapMethod::NistKeyWrap => "NIST Key Wrap (RFC 3394 KW)",
            WrapMethod::AesKeyWrapPadding => "AES Key Wrap Padding (RFC 5649 KWP)",
        })
    }
}

/// The AES variant chosen by the wrapping key's length.
enum Aes<'k> {
    A128(&'k [u8]),
    A192(&'k [u8]),
    A256(&'k [u8]),
}

fn aes_for(kek: &[u8]) -> Result<Aes<'_>, Error> {
    match kek.len() {
        16 => Ok(Aes::A128(kek)),
        24 => Ok(Aes::A192(kek)),
        32 => Ok(Aes::A256(kek)),
        len => Err(Error::InvalidWrappingKeyLength { len }),
    }
}

/// Keyed wrapper construction; the length was checked by [`aes_for`], so the error branch is
/// unreachable but still mapped rather than unwrapped.
fn init<C: KeyInit>(kek: &[u8]) -> Result<C, Error> {
    C::new_from_slice(kek).map_err(|_| Error::InvalidWrappingKeyLength { len: kek.len() })
}

/// RFC 3394 AES Key Wrap of `data` (at least 16 bytes, a multiple of 8) under a 16-, 24- or
/// 32-byte `kek`. Returns `data.len() + 8` bytes.
pub fn kw_wrap(kek: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>, Error> {
    let aes = aes_for(kek)?;
    let out_len = WrapMethod::NistKeyWrap
        .wrapped_len(data.len())
        .ok_or(Error::InvalidLength {
            what: "KW input",
            len: data.len(),
            expected: "a multiple of 8 bytes, at least 16",
        })?;
    let mut out = Zeroizing::new(vec![0u8; out_len]);
    let res = match aes {
        Aes::A128(k) => init::<KwAes128>(k)?
            .wrap_key(data, &mut out)
            .map(<[u8]>::len),
        Aes::A192(k) => init::<KwAes192>(k)?
            .wrap_key(data, &mut out)
            .map(<[u8]>::len),
        Aes::A256(k) => init::<KwAes256>(k)?
            .wrap_key(data, &mut out)
            .map(<[u8]>::len),
    };
    match res {
        Ok(n) if n == out_len => Ok(out),
        _ => Err(Error::InvalidLength {
            what: "KW input",
            len: data.len(),
            expected: "a multiple of 8 bytes, at least 16",
        }),
    }
}

/// RFC 3394 AES Key Unwrap of `data` (at least 24 bytes, a multiple of 8) under a 16-, 24- or
/// 32-byte `kek`. Any integrity failure is [`Error::UnwrapFailed`].
pub fn kw_unwrap(kek: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>, Error> {
    let aes = aes_for(kek)?;
    if data.len() < 3 * SEMIBLOCK || !data.len().is_multiple_of(SEMIBLOCK) {
        return Err(Error::InvalidLength {
            what: "KW wrapped input",
            len: data.len(),
            expected: "a multiple of 8 bytes, at least 24",
        });
    }
    let out_len = data
        .len()
        .checked_sub(SEMIBLOCK)
        .ok_or(Error::UnwrapFailed)?;
    // On failure `aes-kw` zeroes the buffer itself; `Zeroizing` wipes it again on drop.
    let mut out = Zeroizing::new(vec![0u8; out_len]);
    let res = match aes {
        Aes::A128(k) => init::<KwAes128>(k)?
            .unwrap_key(data, &mut out)
            .map(<[u8]>::len),
        Aes::A192(k) => init::<KwAes192>(k)?
            .unwrap_key(data, &mut out)
            .map(<[u8]>::len),
        Aes::A256(k) => init::<KwAes256>(k)?
            .unwrap_key(data, &mut out)
            .map(<[u8]>::len),
    };
    match res {
        Ok(n) if n == out_len => Ok(out),
        _ => Err(Error::UnwrapFailed),
    }
}

/// RFC 5649 AES Key Wrap with Padding of `data` (1 to 2³² − 1 bytes) under a 16-, 24- or
/// 32-byte `kek`. Returns 8 × ⌈len / 8⌉ + 8 bytes.
pub fn kwp_wrap(kek: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>, Error> {
    let aes = aes_for(kek)?;
    let out_len = WrapMethod::AesKeyWrapPadding
        .wrapped_len(data.len())
        .ok_or(Error::InvalidLength {
            what: "KWP input",
            len: data.len(),
            expected: "1 to 2^32 - 1 bytes",
        })?;
    let mut out = Zeroizing::new(vec![0u8; out_len]);
    let res = match aes {
        Aes::A128(k) => init::<KwpAes128>(k)?
            .wrap_key(data, &mut out)
            .map(<[u8]>::len),
        Aes::A192(k) => init::<KwpAes192>(k)?
            .wrap_key(data, &mut out)
            .map(<[u8]>::len),
        Aes::A256(k) => init::<KwpAes256>(k)?
            .wrap_key(data, &mut out)
            .map(<[u8]>::len),
    };
    match res {
        Ok(n) if n == out_len => Ok(out),
        _ => Err(Error::InvalidLength {
            what: "KWP input",
            len: data.len(),
            expected: "1 to 2^32 - 1 bytes",
        }),
    }
}

/// RFC 5649 AES Key Unwrap with Padding of `data` (at least 16 bytes, a multiple of 8) under a
/// 16-, 24- or 32-byte `kek`. Any integrity failure (IV, length indicator, padding) is
/// [`Error::UnwrapFailed`].
pub fn kwp_unwrap(kek: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>, Error> {
    let aes = aes_for(kek)?;
    if data.len() < 2 * SEMIBLOCK
        || !data.len().is_multiple_of(SEMIBLOCK)
        || data.len() > (u32::MAX as usize).saturating_add(2 * SEMIBLOCK)
    {
        return Err(Error::InvalidLength {
            what: "KWP wrapped input",
            len: data.len(),
            expected: "a multiple of 8 bytes, at least 16",
        });
    }
    let buf_len = data
        .len()
        .checked_sub(SEMIBLOCK)
        .ok_or(Error::UnwrapFailed)?;
    let mut out = Zeroizing::new(vec![0u8; buf_len]);
    let res = match aes {
        Aes::A128(k) => init::<KwpAes128>(k)?
            .unwrap_key(data, &mut out)
            .map(<[u8]>::len),
        Aes::A192(k) => init::<KwpAes192>(k)?
            .unwrap_key(data, &mut out)
            .map(<[u8]>::len),
        Aes::A256(k) => init::<KwpAes256>(k)?
            .unwrap_key(data, &mut out)
            .map(<[u8]>::len),
    };
    match res {
        // RFC 5649 §3: 8 × (n − 1) < MLI ≤ 8 × n, checked by aes-kw; MLI ≥ 1 follows.
        Ok(n) if n >= 1 && n <= buf_len => {
            // Truncating keeps the (zero) padding in the spare capacity, which `Zeroizing`
            // also wipes.
            out.truncate(n);
            Ok(out)
        }
        _ => Err(Error::UnwrapFailed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEK: [u8; 16] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

    #[test]
    fn bare_iv_is_not_an_empty_key() {
        // aes-kw 0.3.1 on its own wraps "" into A6A6A6A6A6A6A6A6 and unwraps it back.
        assert!(matches!(
            kw_unwrap(&KEK, &[0xA6; 8]),
            Err(Error::InvalidLength { len: 8, .. })
        ));
        assert!(matches!(
            kw_wrap(&KEK, &[]),
            Err(Error::InvalidLength { len: 0, .. })
        ));
        assert!(matches!(
            kwp_wrap(&KEK, &[]),
            Err(Error::InvalidLength { len: 0, .. })
        ));
        assert!(matches!(
            kwp_unwrap(&KEK, &[0xA6, 0x59, 0x59, 0xA6, 0, 0, 0, 0]),
            Err(Error::InvalidLength { len: 8, .. })
        ));
    }

    #[test]
    fn kw_rejects_one_semiblock() {
        assert!(matches!(
            kw_wrap(&KEK, &[1; 8]),
            Err(Error::InvalidLength { len: 8, .. })
        ));
        assert!(matches!(
            kw_unwrap(&KEK, &[1; 16]),
            Err(Error::InvalidLength { len: 16, .. })
        ));
        assert!(matches!(
            kw_wrap(&KEK, &[1; 17]),
            Err(Error::InvalidLength { len: 17, .. })
        ));
    }

    #[test]
    fn wrapping_key_lengths() {
        for len in [0usize, 8, 15, 17, 23, 25, 31, 33, 64] {
            let kek = vec![7u8; len];
            assert!(matches!(
                kw_wrap(&kek, &[0; 16]),
                Err(Error::InvalidWrappingKeyLength { len: l }) if l == len
            ));
            assert!(matches!(
                kwp_unwrap(&kek, &[0; 16]),
                Err(Error::InvalidWrappingKeyLength { .. })
            ));
        }
    }

    #[test]
    fn same_length_different_method_never_confused() {
        let key = [0x42u8; 32];
        let kw = kw_wrap(&KEK, &key).unwrap();
        let kwp = kwp_wrap(&KEK, &key).unwrap();
        assert_eq!(kw.len(), 40);
        assert_eq!(kwp.len(), 40);
        assert_ne!(kw.as_slice(), kwp.as_slice());
        assert!(matches!(kwp_unwrap(&KEK, &kw), Err(Error::UnwrapFailed)));
        assert!(matches!(kw_unwrap(&KEK, &kwp), Err(Error::UnwrapFailed)));
    }

    #[test]
    fn wrapped_len_table() {
        use WrapMethod::*;
        assert_eq!(NistKeyWrap.wrapped_len(32), Some(40));
        assert_eq!(NistKeyWrap.wrapped_len(64), Some(72));
        assert_eq!(NistKeyWrap.wrapped_len(8), None);
        assert_eq!(AesKeyWrapPadding.wrapped_len(32), Some(40));
        assert_eq!(AesKeyWrapPadding.wrapped_len(64), Some(72));
        assert_eq!(AesKeyWrapPadding.wrapped_len(1), Some(16));
        assert_eq!(AesKeyWrapPadding.wrapped_len(9), Some(24));
        assert_eq!(AesKeyWrapPadding.wrapped_len(0), None);
        assert_eq!(NistKeyWrap.kmip_block_cipher_mode(), 0x0D);
        assert_eq!(AesKeyWrapPadding.kmip_block_cipher_mode(), 0x0C);
        assert_eq!(
            WrapMethod::from_kmip_block_cipher_mode(0x0D),
            Some(NistKeyWrap)
        );
        assert_eq!(
            WrapMethod::from_kmip_block_cipher_mode(0x0C),
            Some(AesKeyWrapPadding)
        );
        assert_eq!(WrapMethod::from_kmip_block_cipher_mode(0x01), None);
    }
}
