//! The 8-byte item header: 3-byte tag, 1-byte type, 4-byte length (KMIP 1.1 §9.1.1).

use nom::number::complete::be_u64;

use crate::{ErrorKind, ItemType, Tag};

/// Length of every item header.
pub const HEADER_LEN: usize = 8;

/// A header as it was read, before any check of its fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RawHeader {
    pub(crate) tag: u32,
    pub(crate) item_type: u8,
    pub(crate) len: u32,
}

/// A header whose tag prefix and item type are valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Header {
    pub(crate) tag: Tag,
    pub(crate) item_type: ItemType,
    pub(crate) len: u32,
}

/// Reads the raw header fields from the start of `input` (one big-endian 8-byte word: 24-bit
/// tag, 8-bit type, 32-bit length); `None` if fewer than 8 bytes.
#[inline(always)]
pub(crate) fn parse_raw(input: &[u8]) -> Option<RawHeader> {
    let parsed: nom::IResult<&[u8], u64> = be_u64(input);
    parsed.ok().map(|(_, word)| RawHeader {
        tag: (word >> 40) as u32,
        item_type: (word >> 32) as u8,
        len: word as u32,
    })
}

/// [`parse_raw`] for the hot paths (the fast validator, iterating validated children): one
/// 8-byte load. nom's `be_u64` builds the word a byte at a time and, inside a loop over a
/// sub-slice, compiles to eight bounds-checked loads; it stays in the reference validator,
/// against which the fast path is fuzzed.
#[inline(always)]
pub(crate) fn load_raw(input: &[u8]) -> Option<RawHeader> {
    input.first_chunk::<HEADER_LEN>().map(|bytes| {
        let word = u64::from_be_bytes(*bytes);
        RawHeader {
            tag: (word >> 40) as u32,
            item_type: (word >> 32) as u8,
            len: word as u32,
        }
    })
}

/// Checks the tag prefix (the first error a reader can report, after a single byte).
pub(crate) fn check_tag_prefix(first_byte: u8, tag: u32) -> Result<(), ErrorKind> {
    if first_byte == Tag::STANDARD_PREFIX || first_byte == Tag::EXTENSION_PREFIX {
        Ok(())
    } else {
        Err(ErrorKind::InvalidTagPrefix { tag })
    }
}

impl RawHeader {
    /// Checks the tag prefix and type byte, and the length of fixed-size types. The error's
    /// offset within the header is returned with the error (0 for the tag, 3 for the type,
    /// 4 for the length).
    pub(crate) fn check(self) -> Result<Header, (usize, ErrorKind)> {
        let prefix = (self.tag >> 16) as u8;
        check_tag_prefix(prefix, self.tag).map_err(|e| (0, e))?;
        let item_type = ItemType::from_byte(self.item_type)
            .ok_or((3, ErrorKind::UnknownItemType(self.item_type)))?;
        if let Some(expected) = item_type.fixed_len() {
            if self.len != expected {
                return Err((
                    4,
                    ErrorKind::InvalidLength {
                        item_type,
                        expected,
                        actual: self.len,
                    },
                ));
            }
        } else if !self.len.is_multiple_of(8) {
            match item_type {
                ItemType::BigInteger => return Err((4, ErrorKind::BigIntegerLength(self.len))),
                ItemType::Structure => return Err((4, ErrorKind::StructureLength(self.len))),
                _ => {}
            }
        }
        Ok(Header {
            tag: Tag::new(self.tag),
            item_type,
            len: self.len,
        })
    }
}

/// How the length field of each item type is checked on the fast paths, indexed by the type
/// byte (12 and up: no such type): `len & mask == expected`. Fixed-size types compare the
/// whole length, Big Integer and Structure its low three bits, Text and Byte String nothing,
/// and a byte that is no item type can never match.
const LEN_RULES: [(u32, u32); 12] = {
    const ANY: (u32, u32) = (0, 0);
    const NONE: (u32, u32) = (0, 1);
    const MULTIPLE_OF_8: (u32, u32) = (7, 0);
    let mut rules = [NONE; 12];
    let mut i = 0;
    while i < ItemType::ALL.len() {
        #[allow(
            clippy::indexing_slicing,
            reason = "compile-time loop over the ten types, each at its byte (1 to 10)"
        )]
        {
            let t = ItemType::ALL[i];
            rules[t.to_byte() as usize] = match t.fixed_len() {
                Some(len) => (u32::MAX, len),
                None => match t {
                    ItemType::BigInteger | ItemType::Structure => MULTIPLE_OF_8,
                    _ => ANY,
                },
            };
        }
        i += 1;
    }
    rules
};

/// The checks of [`RawHeader::check`] as a yes/no answer, without building an error: the tag
/// prefix (the tag's first byte), a known item type, and the length its type requires.
#[inline(always)]
pub(crate) fn prefix_and_len_ok(prefix: u8, type_byte: u8, len: u32) -> bool {
    let Some(&(mask, expected)) = LEN_RULES.get(usize::from(type_byte).min(11)) else {
        return false;
    };
    let bad_prefix = prefix != Tag::STANDARD_PREFIX && prefix != Tag::EXTENSION_PREFIX;
    !(bad_prefix || len & mask != expected)
}

impl Header {
    /// [`prefix_and_len_ok`] for a header read with [`load_raw`], as a [`Header`].
    #[inline(always)]
    pub(crate) fn from_raw_fast(raw: RawHeader) -> Option<Header> {
        let item_type = ItemType::from_byte(raw.item_type)?;
        prefix_and_len_ok((raw.tag >> 16) as u8, raw.item_type, raw.len).then(|| Header {
            tag: Tag::new(raw.tag),
            item_type,
            len: raw.len,
        })
    }
}

/// The length of a value once padded to a multiple of 8, or `None` on overflow.
pub const fn padded(len: usize) -> Option<usize> {
    match len.checked_add(7) {
        Some(n) => Some(n & !7),
        None => None,
    }
}

/// Writes a header.
pub(crate) fn encode(tag: Tag, item_type: ItemType, len: u32) -> [u8; HEADER_LEN] {
    let t = tag.to_bytes();
    let l = len.to_be_bytes();
    [
        t[0],
        t[1],
        t[2],
        item_type.to_byte(),
        l[0],
        l[1],
        l[2],
        l[3],
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_encode_agree() {
        let bytes = encode(Tag::new(0x420020), ItemType::Integer, 4);
        assert_eq!(bytes, [0x42, 0x00, 0x20, 0x02, 0, 0, 0, 4]);
        let raw = parse_raw(&bytes).unwrap();
        assert_eq!(
            raw.check().unwrap(),
            Header {
                tag: Tag::new(0x420020),
                item_type: ItemType::Integer,
                len: 4
            }
        );
        assert!(parse_raw(&bytes[..7]).is_none());
    }

    #[test]
    fn padding() {
        assert_eq!(padded(0), Some(0));
        assert_eq!(padded(1), Some(8));
        assert_eq!(padded(8), Some(8));
        assert_eq!(padded(usize::MAX), None);
    }
}
