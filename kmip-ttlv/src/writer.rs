//! The encoder: items appended to a caller's buffer, structure lengths reserved and
//! back-patched, values padded to 8 bytes.

use bytes::{BufMut, BytesMut};

use crate::header::{self, HEADER_LEN};
use crate::{Error, ErrorKind, Item, ItemType, Tag, Value};

const ZEROS: [u8; 8] = [0; 8];

/// Where a [`Writer`] puts bytes: a `Vec<u8>`, a [`BytesMut`], or a [`LenCounter`] that only
/// counts them.
pub trait Sink {
    /// Bytes written so far.
    fn position(&self) -> usize;
    /// Appends bytes.
    fn put(&mut self, bytes: &[u8]);
    /// Overwrites 4 bytes at `at` (a reserved length field).
    fn patch(&mut self, at: usize, bytes: [u8; 4]);
}

impl Sink for Vec<u8> {
    fn position(&self) -> usize {
        self.len()
    }
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
    fn patch(&mut self, at: usize, bytes: [u8; 4]) {
        if let Some(slot) = self.get_mut(at..at.saturating_add(4)) {
            slot.copy_from_slice(&bytes);
        }
    }
}

impl Sink for BytesMut {
    fn position(&self) -> usize {
        self.len()
    }
    fn put(&mut self, bytes: &[u8]) {
        self.put_slice(bytes);
    }
    fn patch(&mut self, at: usize, bytes: [u8; 4]) {
        if let Some(slot) = self.get_mut(at..at.saturating_add(4)) {
            slot.copy_from_slice(&bytes);
        }
    }
}

/// A [`Sink`] that stores nothing and counts bytes: the same code path as real encoding,
/// so a length computed with it always equals what is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LenCounter(usize);

impl LenCounter {
    /// The number of bytes counted.
    pub fn len(&self) -> usize {
        self.0
    }

    /// Whether nothing was counted.
    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }
}

impl Sink for LenCounter {
    fn position(&self) -> usize {
        self.0
    }
    fn put(&mut self, bytes: &[u8]) {
        self.0 = self.0.saturating_add(bytes.len());
    }
    fn patch(&mut self, _at: usize, _bytes: [u8; 4]) {}
}

/// Appends TTLV items to a [`Sink`].
///
/// Methods chain and never fail; a value or structure too long for a 32-bit length (over
/// 4 GiB) is recorded and reported by [`finish`](Self::finish).
///
/// ```
/// use kmip_ttlv::{Tag, Writer};
/// let mut buf = Vec::new();
/// let mut w = Writer::new(&mut buf);
/// w.structure(Tag::new(0x420069), |w| {
///     w.integer(Tag::new(0x42006A), 1).integer(Tag::new(0x42006B), 1);
/// });
/// w.finish()?;
/// assert_eq!(buf.len(), 40);
/// assert_eq!(kmip_ttlv::decode(&buf)?.children().count(), 2);
/// # Ok::<(), kmip_ttlv::Error>(())
/// ```
#[derive(Debug)]
pub struct Writer<'s, S: Sink + ?Sized> {
    sink: &'s mut S,
    error: Option<Error>,
}

impl<'s, S: Sink + ?Sized> Writer<'s, S> {
    /// A writer appending to `sink`.
    pub fn new(sink: &'s mut S) -> Self {
        Self { sink, error: None }
    }

    /// Ends writing: `Ok` with the sink's position, or the first length overflow met.
    ///
    /// # Errors
    /// [`ErrorKind::TooLong`] if a value or structure exceeded a 32-bit length.
    pub fn finish(self) -> Result<usize, Error> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.sink.position()),
        }
    }

    fn fail(&mut self, len: usize) {
        if self.error.is_none() {
            self.error = Some(Error::new(ErrorKind::TooLong(len), self.sink.position()));
        }
    }

    fn header(&mut self, tag: Tag, item_type: ItemType, len: usize) {
        let len32 = u32::try_from(len).unwrap_or_else(|_| {
            self.fail(len);
            0
        });
        self.sink.put(&header::encode(tag, item_type, len32));
    }

    fn padded_value(&mut self, tag: Tag, item_type: ItemType, value: &[u8]) -> &mut Self {
        self.header(tag, item_type, value.len());
        self.sink.put(value);
        let pad = header::padded(value.len()).map_or(0, |p| p.saturating_sub(value.len()));
        self.sink.put(ZEROS.get(..pad).unwrap_or_default());
        self
    }

    /// A Structure whose children `body` writes; its length is reserved and back-patched.
    pub fn structure(&mut self, tag: Tag, body: impl FnOnce(&mut Self)) -> &mut Self {
        let start = self.sink.position();
        self.sink.put(&header::encode(tag, ItemType::Structure, 0));
        body(self);
        let len = self
            .sink
            .position()
            .saturating_sub(start)
            .saturating_sub(HEADER_LEN);
        match u32::try_from(len) {
            Ok(len32) => self
                .sink
                .patch(start.saturating_add(4), len32.to_be_bytes()),
            Err(_) => self.fail(len),
        }
        self
    }

    /// An Integer.
    pub fn integer(&mut self, tag: Tag, value: i32) -> &mut Self {
        self.padded_value(tag, ItemType::Integer, &value.to_be_bytes())
    }

    /// A Long Integer.
    pub fn long_integer(&mut self, tag: Tag, value: i64) -> &mut Self {
        self.padded_value(tag, ItemType::LongInteger, &value.to_be_bytes())
    }

    /// A Big Integer from big-endian two's-complement bytes, sign-extended on the left to a
    /// multiple of 8 bytes as §9.1.1.4 requires (0x00 for a non-negative value, 0xFF for a
    /// negative one).
    pub fn big_integer(&mut self, tag: Tag, value: &[u8]) -> &mut Self {
        let len = header::padded(value.len()).unwrap_or(value.len());
        let fill = if value.first().is_some_and(|b| b & 0x80 != 0) {
            0xFF
        } else {
            0x00
        };
        self.header(tag, ItemType::BigInteger, len);
        for _ in value.len()..len {
            self.sink.put(&[fill]);
        }
        self.sink.put(value);
        self
    }

    /// An Enumeration.
    pub fn enumeration(&mut self, tag: Tag, value: u32) -> &mut Self {
        self.padded_value(tag, ItemType::Enumeration, &value.to_be_bytes())
    }

    /// A Boolean.
    pub fn boolean(&mut self, tag: Tag, value: bool) -> &mut Self {
        self.padded_value(tag, ItemType::Boolean, &u64::from(value).to_be_bytes())
    }

    /// A Text String.
    pub fn text_string(&mut self, tag: Tag, value: &str) -> &mut Self {
        self.padded_value(tag, ItemType::TextString, value.as_bytes())
    }

    /// A Byte String.
    pub fn byte_string(&mut self, tag: Tag, value: &[u8]) -> &mut Self {
        self.padded_value(tag, ItemType::ByteString, value)
    }

    /// A Date-Time, in seconds since the POSIX epoch.
    pub fn date_time(&mut self, tag: Tag, value: i64) -> &mut Self {
        self.padded_value(tag, ItemType::DateTime, &value.to_be_bytes())
    }

    /// An Interval, in seconds.
    pub fn interval(&mut self, tag: Tag, value: u32) -> &mut Self {
        self.padded_value(tag, ItemType::Interval, &value.to_be_bytes())
    }

    /// A value of any type, written under `tag`.
    pub fn value(&mut self, tag: Tag, value: &Value<'_>) -> &mut Self {
        match value {
            Value::Structure(children) => self.structure(tag, |w| {
                for child in children.clone() {
                    w.item(&child);
                }
            }),
            Value::Integer(v) => self.integer(tag, *v),
            Value::LongInteger(v) => self.long_integer(tag, *v),
            Value::BigInteger(v) => self.big_integer(tag, v),
            Value::Enumeration(v) => self.enumeration(tag, *v),
            Value::Boolean(v) => self.boolean(tag, *v),
            Value::TextString(v) => self.text_string(tag, v),
            Value::ByteString(v) => self.byte_string(tag, v),
            Value::DateTime(v) => self.date_time(tag, *v),
            Value::Interval(v) => self.interval(tag, *v),
        }
    }

    /// A decoded item, re-encoded from its values (padding normalised to zeros).
    pub fn item(&mut self, item: &Item<'_>) -> &mut Self {
        self.value(item.tag(), &item.value())
    }

    /// Pre-encoded bytes, copied verbatim: typically [`Item::raw`] of an item a protocol layer
    /// keeps without understanding it. The bytes are not checked.
    pub fn raw(&mut self, encoded: &[u8]) -> &mut Self {
        self.sink.put(encoded);
        self
    }
}

/// The number of bytes `write` produces, computed by running it against a [`LenCounter`].
///
/// ```
/// use kmip_ttlv::{Tag, encoded_len};
/// assert_eq!(encoded_len(|w| { w.text_string(Tag::new(0x420055), "Hello World"); }), 24);
/// ```
pub fn encoded_len(write: impl FnOnce(&mut Writer<'_, LenCounter>)) -> usize {
    let mut counter = LenCounter::default();
    let mut w = Writer::new(&mut counter);
    write(&mut w);
    counter.len()
}
