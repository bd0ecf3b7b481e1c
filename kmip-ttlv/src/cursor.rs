//! A validating reader for decoders that know which item comes next.

use core::fmt;

use crate::header::HEADER_LEN;
use crate::reader::{accept_at, item_total, padding_zero};
use crate::{Item, ItemType, Limits, Tag};

/// Reads a TTLV structure whose shape the caller expects, item by item in order, checking
/// each item as [`decode_with`](crate::decode_with) would while it reads it: the header is
/// compared with the expected tag, type and (for fixed-size types) length in one 8-byte
/// compare, then the value's padding, a Boolean's value, a text's UTF-8, the item inside its
/// structure, each structure exactly filled by the items read from it, the whole input one
/// item, and the limits.
///
/// Every method answers `None` for anything but what it expects, valid or not: another tag or
/// type, a defect, non-zero padding (even where the limits allow it), input whose item count
/// could exceed the limit. It never says why: a decoder that gets `None` decodes the input
/// again with [`decode_with`](crate::decode_with) and its general path, which accept or
/// explain. The promise is the other way round: when [`read`](Self::read) returns `Some`,
/// `decode_with(bytes, limits)` accepts `bytes`, and every value the cursor returned is the one
/// the [`Item`] tree holds. So a decoder can check the common shape of a message in one pass
/// with a compare per item, and leave every other shape, and every error, to the general path.
///
/// ```
/// use kmip_ttlv::{Cursor, Limits, Tag, Writer};
///
/// let (version, major, minor) = (Tag::new(0x420069), Tag::new(0x42006A), Tag::new(0x42006B));
/// let mut bytes = Vec::new();
/// let mut w = Writer::new(&mut bytes);
/// w.structure(version, |w| {
///     w.integer(major, 1).integer(minor, 4);
/// });
/// w.finish().unwrap();
///
/// let read = Cursor::read(&bytes, &Limits::DEFAULT, version, |c| {
///     Some((c.integer(major)?, c.integer(minor)?))
/// });
/// assert_eq!(read, Some((1, 4)));
/// // Another shape (here, Minor missing) is not read: the general path decides.
/// let read = Cursor::read(&bytes, &Limits::DEFAULT, version, |c| c.integer(major));
/// assert_eq!(read, None);
/// ```
#[derive(Clone)]
pub struct Cursor<'a> {
    /// The whole input: offsets are into it.
    input: &'a [u8],
    /// Where the next item starts.
    pos: usize,
    /// Where the enclosing structure's body ends.
    end: usize,
    /// The nesting depth of the items read here (the outermost item is depth 1).
    depth: usize,
    limits: Limits,
}

/// The header word of an item: tag, type, length, big-endian.
#[inline(always)]
const fn header_word(tag: Tag, item_type: ItemType, len: u32) -> u64 {
    ((tag.value() as u64) << 40) | ((item_type.to_byte() as u64) << 32) | len as u64
}

/// Where the cursor is, not what it reads: the input may hold key material.
impl fmt::Debug for Cursor<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cursor")
            .field("offset", &self.pos)
            .field("end", &self.end)
            .field("depth", &self.depth)
            .finish_non_exhaustive()
    }
}

/// [`Cursor::next_header`]'s masks: the tag and type bits of a header word, the tag bits.
const TAG_AND_TYPE: u64 = !0xFFFF_FFFF;
const TAG_ONLY: u64 = !0xFF_FFFF_FFFF;

/// The length of every fixed-size item: header and 8 bytes of value (or of value and padding).
const FIXED_TOTAL: usize = 16;

/// Whether `tag` is one an item can carry (prefix `0x42` or `0x54`): the cursor compares
/// headers with it, so a tag no valid input holds must never match.
#[inline(always)]
const fn valid_tag(tag: Tag) -> bool {
    tag.is_standard() || tag.is_extension()
}

impl<'a> Cursor<'a> {
    /// Reads `bytes` as one Structure tagged `tag` that fills them, handing its body to
    /// `body`, which must read every item of it. `Some` only if `body` does and the input is
    /// within `limits` (including, for the item count, at most one item per 8 bytes of
    /// input: the cursor does not count).
    #[inline]
    pub fn read<T>(
        bytes: &'a [u8],
        limits: &Limits,
        tag: Tag,
        body: impl FnOnce(&mut Cursor<'a>) -> Option<T>,
    ) -> Option<T> {
        // Every item takes at least 8 bytes: input that cannot hold more items than the limit
        // needs no count; other input is left to the validator, which counts.
        if bytes.len() > limits.max_len()
            || u32::try_from(bytes.len()).is_err()
            || bytes.len() / HEADER_LEN > limits.max_items()
        {
            return None;
        }
        let mut top = Cursor {
            input: bytes,
            pos: 0,
            end: bytes.len(),
            depth: 1,
            limits: *limits,
        };
        let value = top.structure(tag, body)?;
        top.is_empty().then_some(value)
    }

    /// The offset of the next item in the input.
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// Whether every item of the structure has been read.
    pub fn is_empty(&self) -> bool {
        self.pos >= self.end
    }

    /// The next item's header word, if 8 bytes remain in the structure.
    #[inline(always)]
    fn header(&self) -> Option<u64> {
        let rest = self.input.get(self.pos..self.end)?;
        rest.first_chunk::<HEADER_LEN>()
            .map(|h| u64::from_be_bytes(*h))
    }

    /// The next item's tag, without reading it (`None` at the end of the structure).
    #[inline(always)]
    pub fn peek_tag(&self) -> Option<Tag> {
        self.header().map(|h| Tag::new((h >> 40) as u32))
    }

    /// The next item's type, without reading it (`None` at the end of the structure or for a
    /// byte that is no type).
    #[inline(always)]
    pub fn peek_type(&self) -> Option<ItemType> {
        self.header()
            .and_then(|h| ItemType::from_byte((h >> 32) as u8))
    }

    /// The next item's header word and the rest of the structure from the item on, if the
    /// header agrees with `tag`, `item_type` and `len` in the bits `mask` keeps (tag, type and
    /// length for a fixed-size item; tag and type for others; the tag alone for any item) and
    /// `tag` is one an item can carry. One compare, whatever the mask.
    #[inline(always)]
    fn next_header(
        &self,
        tag: Tag,
        item_type: ItemType,
        len: u32,
        mask: u64,
    ) -> Option<(u64, &'a [u8])> {
        if !valid_tag(tag) {
            return None;
        }
        let rest = self.input.get(self.pos..self.end)?;
        let header = u64::from_be_bytes(*rest.first_chunk::<HEADER_LEN>()?);
        (header & mask == header_word(tag, item_type, len) & mask).then_some((header, rest))
    }

    /// Reads a fixed-size item (8-byte value) of `item_type` and `len` tagged `tag`, returning
    /// the value word.
    #[inline(always)]
    fn fixed(&mut self, tag: Tag, item_type: ItemType, len: u32) -> Option<u64> {
        let (_, rest) = self.next_header(tag, item_type, len, u64::MAX)?;
        let value = u64::from_be_bytes(*rest.get(HEADER_LEN..)?.first_chunk::<8>()?);
        self.pos = self.pos.checked_add(FIXED_TOTAL)?;
        Some(value)
    }

    /// Reads a fixed-size item with a 4-byte value (and 4 bytes of zero padding).
    #[inline(always)]
    fn fixed4(&mut self, tag: Tag, item_type: ItemType) -> Option<u32> {
        let word = self.fixed(tag, item_type, 4)?;
        (word as u32 == 0).then_some((word >> 32) as u32)
    }

    /// Reads an Integer tagged `tag`.
    #[inline(always)]
    pub fn integer(&mut self, tag: Tag) -> Option<i32> {
        self.fixed4(tag, ItemType::Integer).map(|v| v as i32)
    }

    /// Reads an Enumeration tagged `tag`.
    #[inline(always)]
    pub fn enumeration(&mut self, tag: Tag) -> Option<u32> {
        self.fixed4(tag, ItemType::Enumeration)
    }

    /// Reads an Interval tagged `tag`.
    #[inline(always)]
    pub fn interval(&mut self, tag: Tag) -> Option<u32> {
        self.fixed4(tag, ItemType::Interval)
    }

    /// Reads a Long Integer tagged `tag`.
    #[inline(always)]
    pub fn long_integer(&mut self, tag: Tag) -> Option<i64> {
        self.fixed(tag, ItemType::LongInteger, 8).map(|v| v as i64)
    }

    /// Reads a Date-Time tagged `tag` (seconds since the Unix epoch).
    #[inline(always)]
    pub fn date_time(&mut self, tag: Tag) -> Option<i64> {
        self.fixed(tag, ItemType::DateTime, 8).map(|v| v as i64)
    }

    /// Reads a Boolean tagged `tag`.
    #[inline(always)]
    pub fn boolean(&mut self, tag: Tag) -> Option<bool> {
        match self.fixed(tag, ItemType::Boolean, 8)? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    /// The value of the next item, if it is a variable-length item of `item_type` tagged `tag`
    /// with zero padding, and the offset after it; the cursor does not move.
    #[inline(always)]
    fn variable(&self, tag: Tag, item_type: ItemType) -> Option<(&'a [u8], usize)> {
        let (header, rest) = self.next_header(tag, item_type, 0, TAG_AND_TYPE)?;
        let len = header as u32;
        let total = item_total(len);
        let raw = rest.get(..total)?;
        if !padding_zero(raw, len) {
            return None;
        }
        let value = raw.get(HEADER_LEN..HEADER_LEN.checked_add(len as usize)?)?;
        Some((value, self.pos.checked_add(total)?))
    }

    /// Reads a Text String tagged `tag`.
    #[inline(always)]
    pub fn text_string(&mut self, tag: Tag) -> Option<&'a str> {
        let (value, next) = self.variable(tag, ItemType::TextString)?;
        let text = core::str::from_utf8(value).ok()?;
        self.pos = next;
        Some(text)
    }

    /// Reads a Byte String tagged `tag`.
    #[inline(always)]
    pub fn byte_string(&mut self, tag: Tag) -> Option<&'a [u8]> {
        let (value, next) = self.variable(tag, ItemType::ByteString)?;
        self.pos = next;
        Some(value)
    }

    /// Reads a Structure tagged `tag`, handing its body to `body`, which must read every item
    /// of it (`None` otherwise).
    #[inline(always)]
    pub fn structure<T>(
        &mut self,
        tag: Tag,
        body: impl FnOnce(&mut Cursor<'a>) -> Option<T>,
    ) -> Option<T> {
        let (header, _) = self.next_header(tag, ItemType::Structure, 0, TAG_AND_TYPE)?;
        let len = header as u32;
        // The items of a non-empty structure are one level deeper.
        let depth = self.depth.checked_add(1)?;
        if !len.is_multiple_of(8) || (len > 0 && depth > self.limits.max_depth()) {
            return None;
        }
        let start = self.pos.checked_add(HEADER_LEN)?;
        let end = start.checked_add(len as usize)?;
        if end > self.end {
            return None;
        }
        let mut inner = Cursor {
            input: self.input,
            pos: start,
            end,
            depth,
            limits: self.limits,
        };
        let value = body(&mut inner)?;
        if inner.pos != end {
            return None;
        }
        self.pos = end;
        Some(value)
    }

    /// Reads the next item, tagged `tag` and of any type, whole: validated as
    /// [`decode_with`](crate::decode_with) validates (within the limits, at this depth), and
    /// returned as an [`Item`] whose offsets are into the whole input. For handing a part of
    /// the shape the caller does not read item by item to a general decoder.
    #[inline]
    pub fn item(&mut self, tag: Tag) -> Option<Item<'a>> {
        // Any type: the validator checks it.
        let (header, rest) = self.next_header(tag, ItemType::Structure, 0, TAG_ONLY)?;
        let raw = rest.get(..item_total(header as u32))?;
        // The item is the outermost one of its own validation: it may nest as much less deep
        // as it is deep here.
        let limits = self.limits.with_max_depth(
            self.limits
                .max_depth()
                .checked_sub(self.depth.saturating_sub(1))?,
        );
        let item = accept_at(raw, &limits, self.pos)?;
        self.pos = self.pos.checked_add(raw.len())?;
        Some(item)
    }
}

/// One item of a tree in pre-order, for comparing what a cursor read with the validator's
/// tree: tag, type byte and value bytes; a structure's items follow it and a `(0, 0)` entry
/// ends them.
type Flat = Vec<(u32, u8, Vec<u8>)>;

/// `item`'s tree in pre-order, as [`Flat`].
fn flatten(item: &Item<'_>, out: &mut Flat) {
    let type_byte = item.item_type().to_byte();
    if item.item_type() == ItemType::Structure {
        out.push((item.tag().value(), type_byte, Vec::new()));
        for child in item.children() {
            flatten(&child, out);
        }
        out.push((0, 0, Vec::new()));
    } else {
        out.push((item.tag().value(), type_byte, item.value_bytes().to_vec()));
    }
}

/// Reads a structure's body with a cursor, whatever it holds, as a decoder expecting exactly
/// that shape would: each item with the method for the type its header names, structures
/// item by item (or, for odd tags, whole with [`Cursor::item`]).
fn walk(c: &mut Cursor<'_>, out: &mut Flat) -> Option<()> {
    while !c.is_empty() {
        let tag = c.peek_tag()?;
        let item_type = c.peek_type()?;
        let value = match item_type {
            ItemType::Structure if tag.value() % 2 == 0 => {
                out.push((tag.value(), item_type.to_byte(), Vec::new()));
                c.structure(tag, |body| walk(body, out))?;
                out.push((0, 0, Vec::new()));
                continue;
            }
            ItemType::Structure | ItemType::BigInteger => {
                flatten(&c.item(tag)?, out);
                continue;
            }
            ItemType::Integer => c.integer(tag)?.to_be_bytes().to_vec(),
            ItemType::LongInteger => c.long_integer(tag)?.to_be_bytes().to_vec(),
            ItemType::Enumeration => c.enumeration(tag)?.to_be_bytes().to_vec(),
            ItemType::Boolean => u64::from(c.boolean(tag)?).to_be_bytes().to_vec(),
            ItemType::TextString => c.text_string(tag)?.as_bytes().to_vec(),
            ItemType::ByteString => c.byte_string(tag)?.to_vec(),
            ItemType::DateTime => c.date_time(tag)?.to_be_bytes().to_vec(),
            ItemType::Interval => c.interval(tag)?.to_be_bytes().to_vec(),
        };
        out.push((tag.value(), item_type.to_byte(), value));
    }
    Some(())
}

/// Whether a cursor keeps its promise on `bytes` under `limits`: what it reads, the
/// validator accepts, with the same values. And it does not decline valid input it should
/// read: strictly padded, within the item limit by size, no deeper than the fast validator
/// goes. For the fuzz targets and tests.
pub(crate) fn cursor_agrees(bytes: &[u8], limits: &Limits) -> bool {
    let reference = crate::decode_with(bytes, limits).ok();
    let Some(tag) = bytes
        .first_chunk::<3>()
        .map(|t| Tag::new(u32::from_be_bytes([0, t[0], t[1], t[2]])))
    else {
        return true;
    };
    let mut read = Flat::new();
    let walked = Cursor::read(bytes, limits, tag, |body| {
        read.push((tag.value(), ItemType::Structure.to_byte(), Vec::new()));
        walk(body, &mut read)?;
        read.push((0, 0, Vec::new()));
        Some(())
    });
    match (walked, reference) {
        (Some(()), Some(item)) => {
            let mut expected = Flat::new();
            flatten(&item, &mut expected);
            read == expected
        }
        (Some(()), None) => false,
        (None, None) => true,
        (None, Some(item)) => {
            item.item_type() != ItemType::Structure
                || !limits.strict_padding()
                || bytes.len() / HEADER_LEN > limits.max_items()
                || crate::reader::depth_of(bytes) > crate::reader::FAST_DEPTH
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Writer;

    const OUTER: Tag = Tag::new(0x42_0001);
    const INNER: Tag = Tag::new(0x42_0002);
    const SECRET: Tag = Tag::new(0x42_0003);
    const NUMBER: Tag = Tag::new(0x42_0004);

    /// Outer { Inner { Secret: "k3y" }, Number: 7 }.
    fn message() -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut w = Writer::new(&mut bytes);
        w.structure(OUTER, |w| {
            w.structure(INNER, |w| {
                w.byte_string(SECRET, b"k3y");
            })
            .integer(NUMBER, 7);
        });
        w.finish().unwrap();
        bytes
    }

    fn read(bytes: &[u8], limits: &Limits) -> Option<(Vec<u8>, i32)> {
        Cursor::read(bytes, limits, OUTER, |c| {
            let secret = c.structure(INNER, |c| c.byte_string(SECRET))?;
            Some((secret.to_vec(), c.integer(NUMBER)?))
        })
    }

    #[test]
    fn reads_the_expected_shape_and_nothing_else() {
        let bytes = message();
        assert_eq!(read(&bytes, &Limits::DEFAULT), Some((b"k3y".to_vec(), 7)));
        // Items left unread in a structure, or a different order, decline.
        let partial = Cursor::read(&bytes, &Limits::DEFAULT, OUTER, |c| {
            c.structure(INNER, |_| Some(()))
        });
        assert_eq!(partial, None);
        let reordered = Cursor::read(&bytes, &Limits::DEFAULT, OUTER, |c| c.integer(NUMBER));
        assert_eq!(reordered, None);
        // Trailing bytes after the outermost item.
        let mut longer = bytes;
        longer.extend_from_slice(&[0; 8]);
        assert_eq!(read(&longer, &Limits::DEFAULT), None);
    }

    #[test]
    fn limits_decline_as_the_validator_rejects() {
        let bytes = message();
        // The Secret is at depth 3.
        assert!(read(&bytes, &Limits::DEFAULT.with_max_depth(3)).is_some());
        assert!(read(&bytes, &Limits::DEFAULT.with_max_depth(2)).is_none());
        assert!(crate::decode_with(&bytes, &Limits::DEFAULT.with_max_depth(2)).is_err());
        assert!(read(&bytes, &Limits::DEFAULT.with_max_len(bytes.len() - 1)).is_none());
        // Four items in 48 bytes: at most 6 could fit, so a limit of 6 needs no count; under
        // a lower one the cursor declines and leaves the counting to the validator.
        assert!(read(&bytes, &Limits::DEFAULT.with_max_items(6)).is_some());
        assert!(read(&bytes, &Limits::DEFAULT.with_max_items(5)).is_none());
        assert!(crate::decode_with(&bytes, &Limits::DEFAULT.with_max_items(5)).is_ok());
    }

    #[test]
    fn item_is_validated_whole_with_offsets_into_the_input() {
        let bytes = message();
        let (offset, child_offset) = Cursor::read(&bytes, &Limits::DEFAULT, OUTER, |c| {
            let inner = c.item(INNER)?;
            let secret = inner.children().next()?;
            c.integer(NUMBER)?;
            Some((inner.offset(), secret.offset()))
        })
        .unwrap();
        assert_eq!((offset, child_offset), (8, 16));
        // Non-zero padding after the secret declines (the cursor never reads it as valid).
        let mut padded = bytes;
        padded[16 + 8 + 3] = 1;
        assert_eq!(read(&padded, &Limits::DEFAULT), None);
        let whole = Cursor::read(&padded, &Limits::DEFAULT, OUTER, |c| {
            c.item(INNER)?;
            c.integer(NUMBER)
        });
        assert_eq!(whole, None);
    }

    #[test]
    fn debug_shows_the_position_not_the_bytes() {
        let bytes = message();
        let text = Cursor::read(&bytes, &Limits::DEFAULT, OUTER, |c| {
            let text = format!("{c:?}");
            c.structure(INNER, |c| c.byte_string(SECRET))?;
            c.integer(NUMBER)?;
            Some(text)
        })
        .unwrap();
        assert_eq!(text, "Cursor { offset: 8, end: 48, depth: 2, .. }");
    }
}
