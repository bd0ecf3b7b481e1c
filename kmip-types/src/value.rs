//! Value types for the item types that Rust's primitives do not say well: byte strings and big
//! integers that print as hex, Date-Times that print as RFC 3339, and the zeroizing secret
//! types that key material and passwords live in.
//!
//! How the model maps KMIP 1.1 §9.1.1.2 item types: Integer `i32`, Long Integer `i64`,
//! Big Integer [`BigInteger`] (or [`SecretBigInteger`]), Enumeration an open newtype
//! ([`crate::enumeration`]), Boolean `bool`, Text String `String` (or [`SecretString`]), Byte
//! String [`ByteString`] (or [`SecretBytes`]), Date-Time [`DateTime`], Interval `u32`,
//! Structure a struct of this crate.

use core::fmt;
use core::ops::Deref;

use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

/// A Byte String value: owned bytes whose `Debug` is hex (long values abbreviated).
#[derive(Clone, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct ByteString(pub Vec<u8>);

/// A Big Integer value: big-endian two's complement bytes. Decoded values keep their exact
/// length (a multiple of 8); shorter values are sign-extended to a multiple of 8 on encoding
/// (KMIP 1.1 §9.1.1.4).
#[derive(Clone, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct BigInteger(pub Vec<u8>);

/// Writes up to 32 bytes in hex, then the total length.
pub(crate) fn fmt_hex(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    const SHOWN: usize = 32;
    write!(f, "{}", kmip_ttlv::Hex(bytes.get(..SHOWN).unwrap_or(bytes)))?;
    if bytes.len() > SHOWN {
        write!(f, "…({} bytes)", bytes.len())?;
    }
    Ok(())
}

macro_rules! bytes_newtype {
    ($ty:ident, $label:literal) => {
        impl $ty {
            /// The bytes.
            pub fn as_bytes(&self) -> &[u8] {
                &self.0
            }

            /// The bytes, by value.
            pub fn into_vec(self) -> Vec<u8> {
                self.0
            }
        }

        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!($label, "("))?;
                fmt_hex(f, &self.0)?;
                f.write_str(")")
            }
        }

        impl Deref for $ty {
            type Target = [u8];
            fn deref(&self) -> &[u8] {
                &self.0
            }
        }

        impl AsRef<[u8]> for $ty {
            fn as_ref(&self) -> &[u8] {
                &self.0
            }
        }

        impl From<Vec<u8>> for $ty {
            fn from(v: Vec<u8>) -> Self {
                Self(v)
            }
        }

        impl From<&[u8]> for $ty {
            fn from(v: &[u8]) -> Self {
                Self(v.to_vec())
            }
        }

        impl<const N: usize> From<[u8; N]> for $ty {
            fn from(v: [u8; N]) -> Self {
                Self(v.to_vec())
            }
        }

        impl<const N: usize> From<&[u8; N]> for $ty {
            fn from(v: &[u8; N]) -> Self {
                Self(v.to_vec())
            }
        }
    };
}

bytes_newtype!(ByteString, "ByteString");
bytes_newtype!(BigInteger, "BigInteger");

/// A Date-Time value: seconds since 1970-01-01T00:00:00Z (KMIP 1.1 §9.1.1.4). `Debug` and
/// `Display` print RFC 3339 (`2008-03-14T11:56:40Z`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct DateTime(pub i64);

impl DateTime {
    /// The current time, to the second (0 if the clock is before 1970).
    pub fn now() -> Self {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Self(i64::try_from(secs).unwrap_or(i64::MAX))
    }

    /// Seconds since the POSIX epoch.
    pub const fn seconds(self) -> i64 {
        self.0
    }
}

impl From<i64> for DateTime {
    fn from(secs: i64) -> Self {
        Self(secs)
    }
}

/// RFC 3339 in UTC (`2008-03-14T11:56:40Z`), through kmip-ttlv's one converter.
impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&kmip_ttlv::date_time::Rfc3339(self.0), f)
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Secret bytes (key material, opaque data): zeroized on drop, redacted in `Debug`
/// (`<redacted, 32 bytes>`), compared only in constant time ([`ConstantTimeEq`]), never
/// with `==`.
#[derive(Clone, Default)]
pub struct SecretBytes(Zeroizing<Vec<u8>>);

impl SecretBytes {
    /// Takes ownership of `bytes` (which are zeroized when this value drops).
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(Zeroizing::new(bytes))
    }

    /// Copies `bytes`.
    pub fn from_slice(bytes: &[u8]) -> Self {
        Self(Zeroizing::new(bytes.to_vec()))
    }

    /// The secret bytes. Handle with care: do not log them.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    /// The number of bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<Vec<u8>> for SecretBytes {
    fn from(bytes: Vec<u8>) -> Self {
        Self::new(bytes)
    }
}

impl From<&[u8]> for SecretBytes {
    fn from(bytes: &[u8]) -> Self {
        Self::from_slice(bytes)
    }
}

impl From<Zeroizing<Vec<u8>>> for SecretBytes {
    fn from(bytes: Zeroizing<Vec<u8>>) -> Self {
        Self(bytes)
    }
}

impl ConstantTimeEq for SecretBytes {
    fn ct_eq(&self, other: &Self) -> subtle::Choice {
        self.0.as_slice().ct_eq(other.0.as_slice())
    }
}

impl fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<redacted, {} bytes>", self.0.len())
    }
}

/// A secret Big Integer (a private exponent, a prime, a private key scalar): [`SecretBytes`]
/// holding big-endian two's complement bytes, encoded as a Big Integer.
#[derive(Clone, Default)]
pub struct SecretBigInteger(pub SecretBytes);

impl SecretBigInteger {
    /// Takes ownership of big-endian two's complement `bytes`.
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(SecretBytes::new(bytes))
    }

    /// The secret bytes. Handle with care: do not log them.
    pub fn expose(&self) -> &[u8] {
        self.0.expose()
    }
}

impl From<Vec<u8>> for SecretBigInteger {
    fn from(bytes: Vec<u8>) -> Self {
        Self::new(bytes)
    }
}

impl ConstantTimeEq for SecretBigInteger {
    fn ct_eq(&self, other: &Self) -> subtle::Choice {
        self.0.ct_eq(&other.0)
    }
}

impl fmt::Debug for SecretBigInteger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

/// A secret Text String (a password): zeroized on drop, redacted in `Debug`, compared only in
/// constant time.
#[derive(Clone, Default)]
pub struct SecretString(Zeroizing<String>);

impl SecretString {
    /// Takes ownership of `text` (zeroized when this value drops).
    pub fn new(text: String) -> Self {
        Self(Zeroizing::new(text))
    }

    /// The secret text. Handle with care: do not log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for SecretString {
    fn from(text: String) -> Self {
        Self::new(text)
    }
}

impl From<&str> for SecretString {
    fn from(text: &str) -> Self {
        Self::new(text.to_owned())
    }
}

impl ConstantTimeEq for SecretString {
    fn ct_eq(&self, other: &Self) -> subtle::Choice {
        self.0.as_bytes().ct_eq(other.0.as_bytes())
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<redacted, {} bytes>", self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times_print_as_rfc3339() {
        assert_eq!(DateTime(0).to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(DateTime(0x47DA_67F8).to_string(), "2008-03-14T11:56:40Z");
        assert_eq!(DateTime(-1).to_string(), "1969-12-31T23:59:59Z");
        assert!(DateTime(i64::MIN).to_string().ends_with('Z'));
        assert!(DateTime(i64::MAX).to_string().ends_with('Z'));
    }

    #[test]
    fn secrets_never_print_and_compare_in_constant_time() {
        let a = SecretBytes::from_slice(&[0x42; 32]);
        let b = SecretBytes::from_slice(&[0x42; 32]);
        assert_eq!(format!("{a:?}"), "<redacted, 32 bytes>");
        assert!(bool::from(a.ct_eq(&b)));
        assert!(!bool::from(a.ct_eq(&SecretBytes::from_slice(&[0x42; 31]))));
        let p = SecretString::from("hunter2");
        assert!(!format!("{p:?}").contains("hunter2"));
        let k = SecretBigInteger::new(vec![7; 8]);
        assert_eq!(format!("{k:?}"), "<redacted, 8 bytes>");
    }

    #[test]
    fn byte_strings_print_hex() {
        assert_eq!(
            format!("{:?}", ByteString::from(&[1u8, 0xAB])),
            "ByteString(01ab)"
        );
        let long = ByteString(vec![0; 40]);
        assert!(format!("{long:?}").ends_with("…(40 bytes))"));
    }
}
