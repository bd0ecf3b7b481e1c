//! Decoded items: borrowed views into validated bytes.

use core::fmt;
use core::iter::FusedIterator;

use crate::header::{self, HEADER_LEN};
use crate::{ItemType, Tag};

/// One decoded TTLV item, borrowing the bytes it was decoded from.
///
/// An `Item` only comes out of [`decode`](crate::decode) (or a structure's [`children`](Self::children)),
/// so its bytes have been validated: accessors never fail for the item's own type and children
/// iterate without errors. Copying an `Item` copies a few words, never the bytes.
#[derive(Clone, Copy)]
pub struct Item<'a> {
    tag: Tag,
    item_type: ItemType,
    len: u32,
    raw: &'a [u8],
    offset: usize,
}

/// The value of an [`Item`], borrowed where the wire form is variable-length.
#[derive(Clone, Debug)]
pub enum Value<'a> {
    /// A Structure's children.
    Structure(Children<'a>),
    /// A 32-bit signed Integer.
    Integer(i32),
    /// A 64-bit signed Long Integer.
    LongInteger(i64),
    /// A Big Integer: big-endian two's complement, length a multiple of 8.
    BigInteger(&'a [u8]),
    /// An Enumeration value.
    Enumeration(u32),
    /// A Boolean.
    Boolean(bool),
    /// A Text String.
    TextString(&'a str),
    /// A Byte String.
    ByteString(&'a [u8]),
    /// A Date-Time: seconds since 1970-01-01T00:00:00Z.
    DateTime(i64),
    /// An Interval in seconds.
    Interval(u32),
}

impl<'a> Item<'a> {
    pub(crate) fn from_parts(
        tag: Tag,
        item_type: ItemType,
        len: u32,
        raw: &'a [u8],
        offset: usize,
    ) -> Self {
        Self {
            tag,
            item_type,
            len,
            raw,
            offset,
        }
    }

    /// The item's tag.
    pub fn tag(&self) -> Tag {
        self.tag
    }

    /// The item's type.
    pub fn item_type(&self) -> ItemType {
        self.item_type
    }

    /// The length field: the value's length without padding.
    pub fn len(&self) -> u32 {
        self.len
    }

    /// Whether the value is empty (an empty Structure, Text String or Byte String).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Byte offset of the item's header from the start of the decoded input.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The whole encoded item: header, value and padding, exactly as received. Re-emitting it
    /// with [`Writer::raw`](crate::Writer::raw) reproduces the input byte for byte.
    pub fn raw(&self) -> &'a [u8] {
        self.raw
    }

    /// The value bytes without header and padding.
    pub fn value_bytes(&self) -> &'a [u8] {
        let end = HEADER_LEN.saturating_add(self.len as usize);
        self.raw.get(HEADER_LEN..end).unwrap_or_default()
    }

    fn word32(&self) -> u32 {
        self.value_bytes()
            .first_chunk::<4>()
            .map_or(0, |b| u32::from_be_bytes(*b))
    }

    fn word64(&self) -> u64 {
        self.value_bytes()
            .first_chunk::<8>()
            .map_or(0, |b| u64::from_be_bytes(*b))
    }

    /// The typed value.
    pub fn value(&self) -> Value<'a> {
        match self.item_type {
            ItemType::Structure => Value::Structure(self.children()),
            ItemType::Integer => Value::Integer(self.word32() as i32),
            ItemType::LongInteger => Value::LongInteger(self.word64() as i64),
            ItemType::BigInteger => Value::BigInteger(self.value_bytes()),
            ItemType::Enumeration => Value::Enumeration(self.word32()),
            ItemType::Boolean => Value::Boolean(self.word64() != 0),
            ItemType::TextString => {
                Value::TextString(core::str::from_utf8(self.value_bytes()).unwrap_or_default())
            }
            ItemType::ByteString => Value::ByteString(self.value_bytes()),
            ItemType::DateTime => Value::DateTime(self.word64() as i64),
            ItemType::Interval => Value::Interval(self.word32()),
        }
    }

    /// The children of a Structure, in wire order; empty for any other type.
    pub fn children(&self) -> Children<'a> {
        let body = match self.item_type {
            ItemType::Structure => self.value_bytes(),
            _ => &[],
        };
        Children {
            rest: body,
            offset: self.offset.saturating_add(HEADER_LEN),
        }
    }

    /// The first child with `tag`, if this is a Structure that has one.
    pub fn child(&self, tag: Tag) -> Option<Item<'a>> {
        self.children().find(|c| c.tag == tag)
    }

    /// The value if this is an Integer.
    pub fn as_integer(&self) -> Option<i32> {
        (self.item_type == ItemType::Integer).then(|| self.word32() as i32)
    }

    /// The value if this is a Long Integer.
    pub fn as_long_integer(&self) -> Option<i64> {
        (self.item_type == ItemType::LongInteger).then(|| self.word64() as i64)
    }

    /// The big-endian two's-complement bytes if this is a Big Integer.
    pub fn as_big_integer(&self) -> Option<&'a [u8]> {
        (self.item_type == ItemType::BigInteger).then(|| self.value_bytes())
    }

    /// The value if this is an Enumeration.
    pub fn as_enumeration(&self) -> Option<u32> {
        (self.item_type == ItemType::Enumeration).then(|| self.word32())
    }

    /// The value if this is a Boolean.
    pub fn as_boolean(&self) -> Option<bool> {
        (self.item_type == ItemType::Boolean).then(|| self.word64() != 0)
    }

    /// The text if this is a Text String.
    pub fn as_text_string(&self) -> Option<&'a str> {
        match self.value() {
            Value::TextString(s) => Some(s),
            _ => None,
        }
    }

    /// The bytes if this is a Byte String.
    pub fn as_byte_string(&self) -> Option<&'a [u8]> {
        (self.item_type == ItemType::ByteString).then(|| self.value_bytes())
    }

    /// Seconds since the POSIX epoch if this is a Date-Time.
    pub fn as_date_time(&self) -> Option<i64> {
        (self.item_type == ItemType::DateTime).then(|| self.word64() as i64)
    }

    /// Seconds if this is an Interval.
    pub fn as_interval(&self) -> Option<u32> {
        (self.item_type == ItemType::Interval).then(|| self.word32())
    }

    /// A printer for this item with options (names, redaction); `Display` uses the defaults.
    pub fn pretty(&self) -> crate::Pretty<'a> {
        crate::Pretty::new(*self)
    }
}

impl PartialEq for Item<'_> {
    /// Items are equal when their encodings are (offsets do not matter).
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

impl Eq for Item<'_> {}

impl fmt::Debug for Item<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Item")
            .field("tag", &self.tag)
            .field("item_type", &self.item_type)
            .field("len", &self.len)
            .field("offset", &self.offset)
            .finish_non_exhaustive()
    }
}

/// The children of a Structure, decoded lazily from validated bytes.
#[derive(Clone)]
pub struct Children<'a> {
    rest: &'a [u8],
    offset: usize,
}

impl<'a> Iterator for Children<'a> {
    type Item = Item<'a>;

    fn next(&mut self) -> Option<Item<'a>> {
        // The bytes were validated by `decode`, so every check here succeeds; failing one ends
        // the iteration rather than panicking.
        let raw = header::load_raw(self.rest)?;
        let item_type = ItemType::from_byte(raw.item_type)?;
        let total = header::padded(raw.len as usize)?.checked_add(HEADER_LEN)?;
        let (this, rest) = self.rest.split_at_checked(total)?;
        let item = Item::from_parts(Tag::new(raw.tag), item_type, raw.len, this, self.offset);
        self.rest = rest;
        self.offset = self.offset.saturating_add(total);
        Some(item)
    }
}

impl FusedIterator for Children<'_> {}

impl fmt::Debug for Children<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone().map(|c| c.tag)).finish()
    }
}
