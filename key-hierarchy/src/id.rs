//! Key identifiers.

use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::str::FromStr;

use subtle::{Choice, ConstantTimeEq};

use crate::Error;
use crate::rng::SecureRandom;

/// A key identifier: 1 to 64 bytes, usually text (a KMIP Unique Identifier, a UUID).
///
/// Stored in a fixed-size buffer so that equality is a constant-time comparison of fixed-size
/// values (`subtle`), never an early-exit `==` on a slice. Identifiers are not secret; the
/// ordering ([`Ord`]) exists for store indexes and resumable scans.
#[derive(Clone, Copy)]
pub struct KeyId {
    len: u8,
    bytes: [u8; KeyId::MAX_LEN],
}

impl KeyId {
    /// Longest identifier, in bytes.
    pub const MAX_LEN: usize = 64;

    /// An identifier from its bytes (1 to 64 of them).
    pub fn new(id: &[u8]) -> Result<Self, Error> {
        let len = u8::try_from(id.len()).map_err(|_| Error::InvalidKeyId { len: id.len() })?;
        if id.is_empty() || id.len() > Self::MAX_LEN {
            return Err(Error::InvalidKeyId { len: id.len() });
        }
        let mut bytes = [0u8; Self::MAX_LEN];
        bytes
            .get_mut(..id.len())
            .ok_or(Error::InvalidKeyId { len: id.len() })?
            .copy_from_slice(id);
        Ok(KeyId { len, bytes })
    }

    /// A fresh random identifier in UUID version 4 text form (36 ASCII bytes), the usual shape
    /// of a KMIP Unique Identifier.
    pub fn generate<R: SecureRandom + ?Sized>(rng: &mut R) -> Result<Self, Error> {
        let mut raw = [0u8; 16];
        rng.fill(&mut raw)?;
        // RFC 9562 §5.4: version 4, variant 10.
        raw[6] = (raw[6] & 0x0f) | 0x40;
        raw[8] = (raw[8] & 0x3f) | 0x80;
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut text = [0u8; 36];
        let mut out = text.iter_mut();
        for (i, b) in raw.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10)
                && let Some(dash) = out.next()
            {
                *dash = b'-';
            }
            for nibble in [b >> 4, b & 0x0f] {
                if let (Some(slot), Some(&digit)) = (out.next(), HEX.get(usize::from(nibble))) {
                    *slot = digit;
                }
            }
        }
        raw.fill(0);
        KeyId::new(&text)
    }

    /// The identifier's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or(&[])
    }

    /// The identifier as text, when it is UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        core::str::from_utf8(self.as_bytes()).ok()
    }
}

impl ConstantTimeEq for KeyId {
    fn ct_eq(&self, other: &Self) -> Choice {
        // Unused tail bytes are always zero, so the whole buffers can be compared.
        self.len.ct_eq(&other.len) & self.bytes.ct_eq(&other.bytes)
    }
}

impl PartialEq for KeyId {
    fn eq(&self, other: &Self) -> bool {
        self.ct_eq(other).into()
    }
}

impl Eq for KeyId {}

impl Hash for KeyId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_bytes().hash(state);
    }
}

impl PartialOrd for KeyId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for KeyId {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

impl fmt::Display for KeyId {
    /// Text identifiers print as text; anything else prints as `0x` and hex.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_str() {
            Some(s) if s.chars().all(|c| c.is_ascii_graphic() || c == ' ') => f.write_str(s),
            _ => {
                f.write_str("0x")?;
                for b in self.as_bytes() {
                    write!(f, "{b:02x}")?;
                }
                Ok(())
            }
        }
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({self})")
    }
}

impl FromStr for KeyId {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        KeyId::new(s.as_bytes())
    }
}

impl TryFrom<&str> for KeyId {
    type Error = Error;

    fn try_from(s: &str) -> Result<Self, Error> {
        KeyId::new(s.as_bytes())
    }
}

impl TryFrom<&[u8]> for KeyId {
    type Error = Error;

    fn try_from(b: &[u8]) -> Result<Self, Error> {
        KeyId::new(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Counter(u8);
    impl SecureRandom for Counter {
        fn fill(&mut self, dest: &mut [u8]) -> Result<(), Error> {
            for b in dest {
                *b = self.0;
                self.0 = self.0.wrapping_add(1);
            }
            Ok(())
        }
    }

    #[test]
    fn lengths() {
        assert!(matches!(
            KeyId::new(b""),
            Err(Error::InvalidKeyId { len: 0 })
        ));
        assert!(KeyId::new(&[7u8; 64]).is_ok());
        assert!(matches!(
            KeyId::new(&[7u8; 65]),
            Err(Error::InvalidKeyId { len: 65 })
        ));
        assert!(matches!(
            KeyId::new(&[7u8; 300]),
            Err(Error::InvalidKeyId { len: 300 })
        ));
    }

    #[test]
    fn generated_ids_are_uuid_v4_text() {
        let id = KeyId::generate(&mut Counter(0)).unwrap();
        assert_eq!(id.as_str().unwrap(), "00010203-0405-4607-8809-0a0b0c0d0e0f");
        let other = KeyId::generate(&mut Counter(1)).unwrap();
        assert_ne!(id, other);
    }

    #[test]
    fn equality_ordering_display() {
        let a = KeyId::new(b"abc").unwrap();
        let b = KeyId::new(b"abc\0").unwrap();
        assert_ne!(a, b, "a trailing zero byte is part of the identifier");
        assert!(a < b);
        assert_eq!(a, "abc".parse().unwrap());
        assert_eq!(a.to_string(), "abc");
        assert_eq!(KeyId::new(&[0, 0xff]).unwrap().to_string(), "0x00ff");
        assert_eq!(format!("{a:?}"), "KeyId(abc)");
    }
}
