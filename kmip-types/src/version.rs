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

    /// The newest version whose tag table this crate carries: KMIP 1.4.
    pub const NEWEST_KNOWN: Self = Self::V1_4;

    /// Whether messages of this version may carry an item with `tag`.
    ///
    /// Extension tags (`0x54XXXX`) and tags outside the standard range are allowed in every
    /// version. A standard tag of the table ([`tag::since`]) is allowed from the version that
    /// introduced it on: KMIP 1.0 defines `0x420001`–`0x4200A1`, 1.1 adds up to `0x4200B7`,
    /// 1.2 up to `0x4200D3`, 1.3 up to `0x4200F7` and 1.4 up to `0x420124`. A standard tag the
    /// table does not know (one of KMIP 2.x) is allowed only in versions after the newest the
    /// table knows ([`NEWEST_KNOWN`](Self::NEWEST_KNOWN)).
    ///
    /// ```
    /// use kmip_ttlv::Tag;
    /// use kmip_types::{ProtocolVersion, tag};
    /// assert!(!ProtocolVersion::V1_2.defines(tag::OFFSET_ITEMS)); // a KMIP 1.3 tag
    /// assert!(ProtocolVersion::V1_3.defines(tag::OFFSET_ITEMS));
    /// assert!(!ProtocolVersion::V1_4.defines(Tag::new(0x420125))); // a KMIP 2.0 tag
    /// assert!(ProtocolVersion::V2_0.defines(Tag::new(0x420125)));
    /// ```
    #[inline]
    pub fn defines(self, tag: Tag) -> bool {
        if !tag.is_standard() {
            return true;
        }
        // Every tag of the table is 0x4200XX or 0x4201XX: one load.
        let index = tag.value().wrapping_sub(0x42_0000) as usize;
        match SINCE_MINOR_BY_OFFSET.get(index) {
            Some(&minor) if minor != NOT_IN_TABLE => Self::new(1, i32::from(minor)) <= self,
            _ => self > Self::NEWEST_KNOWN,
        }
    }
}

impl ProtocolVersion {
    /// Whether a decoder of this version reads `item` as a typed field: its tag is one the
    /// version defines ([`defines`](Self::defines)) and, for an Enumeration, its value is one
    /// the version defines (or one no table knows). Anything else is kept raw, in place, so
    /// that encoding for this version, which leaves later versions' tags and values out of
    /// typed fields, still writes back what the peer sent.
    #[inline]
    pub(crate) fn defines_item(self, item: &kmip_ttlv::Item<'_>) -> bool {
        self.defines(item.tag()) && self.defines_value(item.tag(), item)
    }

    /// Whether an Enumeration `item` read as a value of the table of `tag` holds a value this
    /// version defines (always true for an item of another type, or a tag of no table).
    #[inline]
    pub(crate) fn defines_value(self, tag: Tag, item: &kmip_ttlv::Item<'_>) -> bool {
        match item.as_enumeration() {
            Some(value) => self.defines_enumeration(tag, value),
            None => true,
        }
    }

    /// Whether an Enumeration tagged `tag` holding `value` is one this version defines (see
    /// [`defines_value`](Self::defines_value)).
    #[inline]
    pub(crate) fn defines_enumeration(self, tag: Tag, value: u32) -> bool {
        crate::enumeration::enumeration_written_in(tag, value, self)
    }
}

/// The number of entries of [`SINCE_MINOR_BY_OFFSET`]: tags `0x420000`–`0x4201FF`.
const SINCE_TABLE_LEN: usize = 0x200;

/// [`SINCE_MINOR_BY_OFFSET`]'s entry for a tag the table does not have.
const NOT_IN_TABLE: u8 = u8::MAX;

/// [`tag::since`] for every tag `0x420000 + i`, indexed by `i`, as the minor number of the
/// KMIP 1.x version that introduced it: the tag table read once, at compile time, into 512
/// bytes, so that the encoder's and the structure reader's check of every item is one load.
const SINCE_MINOR_BY_OFFSET: [u8; SINCE_TABLE_LEN] = {
    let mut table = [NOT_IN_TABLE; SINCE_TABLE_LEN];
    let mut offset = 0;
    while offset < SINCE_TABLE_LEN {
        #[allow(
            clippy::indexing_slicing,
            clippy::arithmetic_side_effects,
            reason = "compile-time loop over the table's length"
        )]
        {
            if let Some(since) = tag::since(Tag::new(0x42_0000 | offset as u32)) {
                // Every version of the table is a KMIP 1.x one.
                assert!(since.major == 1 && since.minor >= 0 && since.minor < NOT_IN_TABLE as i32);
                table[offset] = since.minor as u8;
            }
            offset += 1;
        }
    }
    table
};

// The table covers every tag of `tag::ALL`.
const _: () = {
    let mut i = 0;
    while i < tag::ALL.len() {
        #[allow(
            clippy::indexing_slicing,
            clippy::arithmetic_side_effects,
            reason = "compile-time loop over tag::ALL"
        )]
        {
            let value = tag::ALL[i].value();
            assert!(value >= 0x42_0000 && value < 0x42_0000 + SINCE_TABLE_LEN as u32);
            i += 1;
        }
    }
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

impl ProtocolVersion {
    /// The Protocol Version that comes next in `c`, on a decoder's one-pass path: the
    /// structure of Major and Minor that [`from_ttlv`](FromTtlv::from_ttlv) reads first.
    #[inline]
    pub(crate) fn read_common(c: &mut kmip_ttlv::Cursor<'_>) -> Option<Self> {
        crate::codec::ReadCommon::read_common(c, tag::PROTOCOL_VERSION, &Context::default())
    }
}

impl crate::codec::ReadCommon for ProtocolVersion {
    #[inline]
    fn read_common(c: &mut kmip_ttlv::Cursor<'_>, tag: Tag, _cx: &Context) -> Option<Self> {
        c.structure(tag, |v| {
            Some(Self {
                major: v.integer(tag::PROTOCOL_VERSION_MAJOR)?,
                minor: v.integer(tag::PROTOCOL_VERSION_MINOR)?,
            })
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

    #[test]
    fn the_lookup_table_agrees_with_the_tag_table() {
        for (offset, minor) in SINCE_MINOR_BY_OFFSET.iter().enumerate() {
            let tag = Tag::new(0x42_0000 + offset as u32);
            let since =
                (*minor != NOT_IN_TABLE).then(|| ProtocolVersion::new(1, i32::from(*minor)));
            assert_eq!(since, tag::since(tag), "{tag:?}");
        }
    }
}
