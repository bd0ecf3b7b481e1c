//! Tags: the 3-byte field that says what an item is (KMIP 1.1 §9.1.1.1).

use core::fmt;

/// A TTLV tag: a 3-byte value, `0x42XXXX` for tags defined by the specification and
/// `0x54XXXX` for extensions (KMIP 1.1 §9.1.3.1).
///
/// The codec does not know what tags mean; names come from a [`Names`](crate::Names) hook
/// (kmip-types installs one).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag(u32);

impl Tag {
    /// The first byte of every tag defined by the KMIP specification.
    pub const STANDARD_PREFIX: u8 = 0x42;
    /// The first byte of extension tags (`0x540000`–`0x54FFFF`).
    pub const EXTENSION_PREFIX: u8 = 0x54;

    /// A tag from its numeric value; only the low 24 bits are kept, as only 3 bytes go on the wire.
    pub const fn new(value: u32) -> Self {
        Self(value & 0x00FF_FFFF)
    }

    /// The tag as a number (`0x420078` for Request Message).
    pub const fn value(self) -> u32 {
        self.0
    }

    /// The tag's first byte.
    pub const fn prefix(self) -> u8 {
        (self.0 >> 16) as u8
    }

    /// Whether the tag is in the range the specification defines (`0x42XXXX`).
    pub const fn is_standard(self) -> bool {
        self.prefix() == Self::STANDARD_PREFIX
    }

    /// Whether the tag is an extension tag (`0x54XXXX`).
    pub const fn is_extension(self) -> bool {
        self.prefix() == Self::EXTENSION_PREFIX
    }

    /// The three bytes written on the wire, big-endian.
    pub const fn to_bytes(self) -> [u8; 3] {
        let b = self.0.to_be_bytes();
        [b[1], b[2], b[3]]
    }

    /// The tag's name from the installed [`Names`](crate::Names) hook, if any.
    pub fn name(self) -> Option<&'static str> {
        crate::names::installed().and_then(|n| n.tag_name(self))
    }
}

impl fmt::Debug for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => write!(f, "Tag({:#08X} {name})", self.0),
            None => write!(f, "Tag({:#08X})", self.0),
        }
    }
}

/// The name if one is known, otherwise the hex value (`0x540001`).
impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => f.write_str(name),
            None => write!(f, "{:#08X}", self.0),
        }
    }
}

impl From<Tag> for u32 {
    fn from(tag: Tag) -> u32 {
        tag.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_and_bytes() {
        let t = Tag::new(0x420078);
        assert!(t.is_standard());
        assert!(!t.is_extension());
        assert_eq!(t.to_bytes(), [0x42, 0x00, 0x78]);
        let x = Tag::new(0x540001);
        assert!(x.is_extension());
        assert_eq!(Tag::new(0xFF42_0001).value(), 0x420001);
    }
}
