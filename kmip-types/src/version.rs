//! Protocol Version (KMIP 1.1 §6.1) and which tags each version defines.

use core::fmt;

use kmip_ttlv::{ItemType, Tag};

use crate::codec::{Context, Encoder, FromTtlv, StructReader, ToTtlv, required};
use crate::{Error, tag};

/// Protocol Version (KMIP 1.1 §6.1): a major and a minor number.
///
/// It orders as versions do (`1.0 < 1.1 < 1.4 < 2.0`). The request header's version is part of
/// the model: [`RequestMessage::encode`](crate::RequestMessage::encode) and
/// [`ResponseMessage::encode`](crate::ResponseMessage::encode) never emit an item whose tag
/// the message's version lacks (see [`ProtocolVersion::defines`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProtocolVersion {
    /// Protocol Version Major.
    pub major: i32,
    /// Protocol Version Minor.
    pub minor: i32,
}

impl ProtocolVersion {
    /// KMIP 1.0.
    pub const V1_0: Self = Self::new(1, 0);
    /// KMIP 1.1, the version this crate models completely.
    pub const V1_1: Self = Self::new(1, 1);
    /// KMIP 1.2.
    pub const V1_2: Self = Self::new(1, 2);
    /// KMIP 1.3.
    pub const V1_3: Self = Self::new(1, 3);
    /// KMIP 1.4.
    pub const V1_4: Self = Self::new(1, 4);
    /// KMIP 2.0.
    pub const V2_0: Self = Self::new(2, 0);

    /// A version from its numbers.
    pub const fn new(major: i32, minor: i32) -> Self {
        Self { major, minor }
    }

    /// Whether messages of this version may carry an item with `tag`.
    ///
    /// Extension tags (`0x54XXXX`) are allowed in every version. Of the standard tags, KMIP 1.0
    /// defines `0x420001`–`0x4200A1`, KMIP 1.1 adds `0x4200A2`–`0x4200B7`; tags above that come
    /// from KMIP 1.2 and later, whose tables this crate does not carry, so for 1.2 and later
    /// every tag is allowed.
    pub fn defines(self, tag: Tag) -> bool {
        if !tag.is_standard() || self >= Self::V1_2 {
            return true;
        }
        // Every standard tag of the table is 0x4200XX: look the low byte up.
        let value = tag.value();
        if value >> 8 != 0x4200 {
            return false;
        }
        match SINCE_BY_LOW_BYTE.get((value & 0xFF) as usize) {
            Some(Some(since)) => *since <= self,
            _ => false,
        }
    }
}

/// [`tag::since`] for every tag `0x4200XX`, indexed by `XX`: the tag table read once, at
/// compile time, so that the encoder's check of every item is one load.
const SINCE_BY_LOW_BYTE: [Option<ProtocolVersion>; 256] = {
    let mut table = [None; 256];
    let mut low = 0;
    while low < 256 {
        #[allow(
            clippy::indexing_slicing,
            clippy::arithmetic_side_effects,
            reason = "compile-time loop over 0..256"
        )]
        {
            table[low] = tag::since(Tag::new(0x42_0000 | low as u32));
            low += 1;
        }
    }
    table
};

impl Default for ProtocolVersion {
    /// KMIP 1.1.
    fn default() -> Self {
        Self::V1_1
    }
}

impl fmt::Debug for ProtocolVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

impl fmt::Display for ProtocolVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

impl FromTtlv for ProtocolVersion {
    /// Items inside Protocol Version other than Major and Minor are rejected: the structure is
    /// the one fixed point of every KMIP version.
    fn from_ttlv(item: &kmip_ttlv::Item<'_>, cx: &Context) -> Result<Self, Error> {
        // The one shape every message has: Major and Minor Integers and nothing else.
        if item.item_type() == ItemType::Structure {
            let mut children = item.children();
            if let (Some(major), Some(minor), None) =
                (children.next(), children.next(), children.next())
                && major.tag() == tag::PROTOCOL_VERSION_MAJOR
                && minor.tag() == tag::PROTOCOL_VERSION_MINOR
                && let (Some(major), Some(minor)) = (major.as_integer(), minor.as_integer())
            {
                return Ok(Self { major, minor });
            }
        }
        // Anything else: the structure reader says what is wrong.
        // Fields: 0 Major, 1 Minor.
        let mut r = StructReader::new(item, 0, cx)?.closed();
        let (mut major, mut minor) = (None, None);
        while let Some(child) = r.next() {
            match child.tag() {
                tag::PROTOCOL_VERSION_MAJOR => {
                    r.known(0, &child)?;
                    major = Some(r.decode(&child)?);
                }
                tag::PROTOCOL_VERSION_MINOR => {
                    r.known(1, &child)?;
                    minor = Some(r.decode(&child)?);
                }
                _ => return Err(r.unexpected(&child)),
            }
        }
        Ok(Self {
            major: required(major, &r, tag::PROTOCOL_VERSION_MAJOR)?,
            minor: required(minor, &r, tag::PROTOCOL_VERSION_MINOR)?,
        })
    }
}

impl ToTtlv for ProtocolVersion {
    fn to_ttlv(&self, tag: Tag, e: &mut Encoder<'_>) {
        e.structure(tag, |e| {
            e.integer(tag::PROTOCOL_VERSION_MAJOR, self.major);
            e.integer(tag::PROTOCOL_VERSION_MINOR, self.minor);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_order_and_define_tags() {
        assert!(ProtocolVersion::V1_0 < ProtocolVersion::V1_1);
        assert!(ProtocolVersion::V1_4 < ProtocolVersion::V2_0);
        assert!(ProtocolVersion::V1_0.defines(tag::PASSWORD));
        assert!(!ProtocolVersion::V1_0.defines(tag::ENCODING_OPTION));
        assert!(ProtocolVersion::V1_1.defines(tag::ENCODING_OPTION));
        assert!(!ProtocolVersion::V1_1.defines(Tag::new(0x4200B8)));
        assert!(ProtocolVersion::V1_2.defines(Tag::new(0x4200B8)));
        assert!(ProtocolVersion::V1_0.defines(Tag::new(0x540001)));
        assert_eq!(ProtocolVersion::V1_1.to_string(), "1.1");
    }
}
