//! The codec framework between kmip-ttlv's items and the typed model: the [`FromTtlv`] and
//! [`ToTtlv`] traits, the [`Encoder`] that writes version-aware TTLV, the structure reader
//! that checks field order, and [`RawItem`]/[`UnknownItem`], which keep what the model does
//! not know byte for byte and in place.
//!
//! # How unknown items keep their position
//!
//! Every structure of the model has a `pub unknown: Vec<UnknownItem>`. While decoding, each
//! child whose tag the structure's table does not list is copied verbatim into an
//! [`UnknownItem`] together with its `position`: the number of *known* children that came
//! before it. Encoding writes the known fields in table order and, before the `n`-th known
//! item, every unknown item whose position is `n` or less (in their original order); unknown
//! items past the last known one come at the end. A decoded structure therefore re-encodes to
//! its input byte for byte, and an edited one keeps its unknown items next to the same
//! neighbours. A child whose tag the message's version does not define (a KMIP 1.2 tag in a
//! KMIP 1.1 message) is an unknown item too, even where the structure's table lists it.

use core::fmt;

use kmip_ttlv::{Children, Cursor, HEADER_LEN, Item, ItemType, Limits, Tag, Value, Writer};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::value::{BigInteger, ByteString, DateTime, SecretBigInteger, SecretBytes, SecretString};
use crate::{Error, ErrorKind, ProtocolVersion, tag};

/// What decoding knows besides the bytes: the protocol version of the enclosing message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Context {
    version: ProtocolVersion,
    /// The version a structure reader filters children by ([`filter_for`]), worked out once
    /// here rather than for every structure.
    filter: Option<ProtocolVersion>,
}

impl Default for Context {
    fn default() -> Self {
        Self::new(ProtocolVersion::default())
    }
}

impl Context {
    /// A context for a message of `version`.
    pub const fn new(version: ProtocolVersion) -> Self {
        Self {
            version,
            filter: filter_for(version),
        }
    }

    /// The protocol version of the message being decoded.
    pub const fn version(&self) -> ProtocolVersion {
        self.version
    }

    /// Whether a structure reader in this context reads an Enumeration tagged `tag` (a tag
    /// every version defines) holding `value` as a typed field, rather than setting it aside
    /// as a value of a later version ([`StructReader::next`]).
    #[inline]
    pub(crate) fn reads_enumeration(&self, tag: Tag, value: u32) -> bool {
        self.filter
            .is_none_or(|version| version.defines_enumeration(tag, value))
    }

    /// Whether a structure reader in this context reads a child tagged `tag`, not an
    /// Enumeration, as a typed field, rather than setting it aside as an item of a later
    /// version ([`StructReader::next`]).
    #[inline]
    pub(crate) fn reads_tag(&self, tag: Tag) -> bool {
        self.filter.is_none_or(|version| version.defines(tag))
    }

    /// The context for the payload of `op`: the message's version, or the version that
    /// introduced `op` if that is later (an Encrypt payload follows KMIP 1.2's tables even in
    /// a KMIP 1.1 message). KMIP 2.x contexts and unknown operations stay as they are.
    pub fn for_operation(self, op: crate::Operation) -> Self {
        match op.since() {
            Some(since) if self.version.major < 2 => Self::new(self.version.max(since)),
            _ => self,
        }
    }
}

/// Decoding from a validated TTLV [`Item`]. The caller has matched the item's tag; the
/// implementation checks the item type and contents.
pub trait FromTtlv: Sized {
    /// Decodes `item`.
    ///
    /// # Errors
    /// A wrong item type, a missing, repeated or misplaced field, an invalid value.
    fn from_ttlv(item: &Item<'_>, cx: &Context) -> Result<Self, Error>;
}

/// Decoding into a value that already sits where the result belongs: a batch item in its
/// message's `Vec`, a payload in its batch item, a managed object in its payload, a Key Block
/// in its object. Returning such values by value would copy them once per enclosing `Result`
/// on the way up (a batch item is ~780 bytes, a Key Block ~460); decoding in place writes each
/// field once.
pub(crate) trait DecodeInPlace: Sized {
    /// A cheap value (no allocation) that decoding overwrites.
    fn placeholder() -> Self;

    /// Decodes `item` into `self`, a fresh [`placeholder`](Self::placeholder) (fields the
    /// item lacks keep their placeholder value). On error `self` holds a partly decoded
    /// value, which the caller drops.
    fn decode_in_place(&mut self, item: &Item<'_>, cx: &Context) -> Result<(), Error>;

    /// Decodes `item` by value, through a placeholder.
    #[inline]
    fn decode_by_value(item: &Item<'_>, cx: &Context) -> Result<Self, Error> {
        let mut value = Self::placeholder();
        value.decode_in_place(item, cx)?;
        Ok(value)
    }
}

/// Encoding under a tag the caller chooses (the same structure type appears under several
/// tags: Template-Attribute, Common Template-Attribute, ...).
pub trait ToTtlv {
    /// Writes `self` as one item with `tag`.
    fn to_ttlv(&self, tag: Tag, e: &mut Encoder<'_>);
}

/// A type that has a tag of its own (a managed object, a Key Block, an attribute structure),
/// so it can be encoded and decoded alone with [`to_bytes`] and [`from_bytes`].
pub trait Tagged {
    /// The type's tag.
    const TAG: Tag;
}

/// Encodes a value under its own tag, with every field (no version filtering).
///
/// ```
/// use kmip_types::{ByteString, KeyBlock, KeyFormatType, from_bytes, to_bytes};
/// let block = KeyBlock::raw_symmetric(kmip_types::CryptographicAlgorithm::AES, vec![0x11; 32]);
/// let bytes = to_bytes(&block);
/// let back: KeyBlock = from_bytes(&bytes)?;
/// assert_eq!(back.key_format_type, KeyFormatType::RAW);
/// # Ok::<(), kmip_types::Error>(())
/// ```
pub fn to_bytes<T: ToTtlv + Tagged>(value: &T) -> Vec<u8> {
    let mut buf = Vec::new();
    let mut e = Encoder::new(&mut buf, ProtocolVersion::V1_4);
    e.field(T::TAG, value);
    buf
}

/// Decodes bytes holding exactly one item with `T`'s tag (strict TTLV validation first).
///
/// # Errors
/// Invalid TTLV, another tag, or anything `T`'s decoder rejects.
pub fn from_bytes<T: FromTtlv + Tagged>(bytes: &[u8]) -> Result<T, Error> {
    crate::install_names();
    let item = kmip_ttlv::decode(bytes)?;
    if item.tag() != T::TAG {
        return Err(Error::new(
            ErrorKind::UnexpectedTag {
                expected: T::TAG,
                found: item.tag(),
            },
            0,
        ));
    }
    T::from_ttlv(&item, &Context::new(ProtocolVersion::V1_1)).map_err(|e| e.inside(item.tag()))
}

/// Checks that `item` has type `expected`.
///
/// # Errors
/// [`ErrorKind::WrongType`] at the item's offset.
#[inline]
pub fn expect_type(item: &Item<'_>, expected: ItemType) -> Result<(), Error> {
    if item.item_type() == expected {
        Ok(())
    } else {
        Err(wrong_type(item, expected))
    }
}

#[cold]
#[inline(never)]
fn wrong_type(item: &Item<'_>, expected: ItemType) -> Error {
    Error::new(
        ErrorKind::WrongType {
            tag: item.tag(),
            expected,
            found: item.item_type(),
        },
        item.offset(),
    )
}

/// Writes the model as TTLV into a `Vec<u8>`, for one protocol version: a typed field whose
/// tag the version does not define ([`ProtocolVersion::defines`]) is left out; an item kept
/// raw ([`RawItem`], [`UnknownItem`]) is written byte for byte whatever the version, because
/// it is what a peer sent (decoding keeps later versions' items raw, never typed).
pub struct Encoder<'a> {
    buf: &'a mut Vec<u8>,
    version: ProtocolVersion,
    error: Option<Error>,
}

impl fmt::Debug for Encoder<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Encoder")
            .field("len", &self.buf.len())
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

impl<'a> Encoder<'a> {
    /// An encoder appending to `buf` for peers of `version`. A version before 1.0 (0.x, or a
    /// negative number: none exists, but a peer can send one) is written as KMIP 1.0 is, so
    /// that the output is never left without the items every version has.
    pub fn new(buf: &'a mut Vec<u8>, version: ProtocolVersion) -> Self {
        let version = version.max(ProtocolVersion::V1_0);
        Self {
            buf,
            version,
            error: None,
        }
    }

    /// The version being written.
    pub fn version(&self) -> ProtocolVersion {
        self.version
    }

    /// Runs `write` with the version raised to the one that introduced `op` if that is later
    /// (see [`Context::for_operation`]), then restores it.
    pub fn for_operation(&mut self, op: crate::Operation, write: impl FnOnce(&mut Self)) {
        let saved = self.version;
        self.version = Context::new(saved).for_operation(op).version();
        write(self);
        self.version = saved;
    }

    /// Whether an item with `tag` is written at all.
    pub fn allows(&self, tag: Tag) -> bool {
        self.version.defines(tag)
    }

    /// Ends encoding.
    ///
    /// # Errors
    /// A value or structure longer than a 32-bit length field can express.
    pub fn finish(self) -> Result<(), Error> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    fn record(&mut self, result: Result<usize, kmip_ttlv::Error>) {
        if let (Err(e), None) = (result, &self.error) {
            self.error = Some(e.into());
        }
    }

    /// Writes `value` under `tag` (nothing if the version lacks the tag).
    pub fn field<T: ToTtlv + ?Sized>(&mut self, tag: Tag, value: &T) {
        if self.allows(tag) {
            value.to_ttlv(tag, self);
        }
    }

    /// A Structure whose children `body` writes; the length is back-patched.
    pub fn structure(&mut self, tag: Tag, body: impl FnOnce(&mut Self)) {
        if !self.allows(tag) {
            return;
        }
        let start = self.buf.len();
        let [t0, t1, t2] = tag.to_bytes();
        self.buf.extend_from_slice(&[t0, t1, t2, 0x01, 0, 0, 0, 0]);
        body(self);
        let len = self.buf.len().saturating_sub(start).saturating_sub(8);
        match u32::try_from(len) {
            Ok(len) => {
                if let Some(slot) = self
                    .buf
                    .get_mut(start.saturating_add(4)..start.saturating_add(8))
                {
                    slot.copy_from_slice(&len.to_be_bytes());
                }
            }
            Err(_) => {
                if self.error.is_none() {
                    self.error = Some(Error::new(
                        ErrorKind::Ttlv(kmip_ttlv::ErrorKind::TooLong(len)),
                        start,
                    ));
                }
            }
        }
    }

    /// A leaf whose value is one 8-byte word (Integer, Long Integer, Enumeration, Boolean,
    /// Date-Time, Interval): header, value and padding written at once.
    #[inline]
    fn word(&mut self, tag: Tag, item_type: ItemType, len: u32, value: [u8; 8]) {
        if !self.allows(tag) {
            return;
        }
        let [t0, t1, t2] = tag.to_bytes();
        let [l0, l1, l2, l3] = len.to_be_bytes();
        let [v0, v1, v2, v3, v4, v5, v6, v7] = value;
        self.buf.extend_from_slice(&[
            t0,
            t1,
            t2,
            item_type.to_byte(),
            l0,
            l1,
            l2,
            l3,
            v0,
            v1,
            v2,
            v3,
            v4,
            v5,
            v6,
            v7,
        ]);
    }

    /// A 4-byte value, padded to 8.
    #[inline]
    fn word32(&mut self, tag: Tag, item_type: ItemType, value: [u8; 4]) {
        let [a, b, c, d] = value;
        self.word(tag, item_type, 4, [a, b, c, d, 0, 0, 0, 0]);
    }

    /// A variable-length leaf (Text String, Byte String): header, value, zero padding.
    #[inline]
    fn bytes(&mut self, tag: Tag, item_type: ItemType, value: &[u8]) {
        if !self.allows(tag) {
            return;
        }
        let Ok(len) = u32::try_from(value.len()) else {
            self.too_long(value.len());
            return;
        };
        let [t0, t1, t2] = tag.to_bytes();
        let [l0, l1, l2, l3] = len.to_be_bytes();
        let pad = value.len().wrapping_neg() & 7;
        self.buf
            .reserve(HEADER_LEN.saturating_add(value.len()).saturating_add(pad));
        self.buf
            .extend_from_slice(&[t0, t1, t2, item_type.to_byte(), l0, l1, l2, l3]);
        self.buf.extend_from_slice(value);
        // One 8-byte store of zeros, cut to the padding's length (cheaper than a short
        // variable-length copy).
        let end = self.buf.len().saturating_add(pad);
        self.buf.extend_from_slice(&[0; 8]);
        self.buf.truncate(end);
    }

    #[cold]
    #[inline(never)]
    fn too_long(&mut self, len: usize) {
        if self.error.is_none() {
            self.error = Some(Error::new(
                ErrorKind::Ttlv(kmip_ttlv::ErrorKind::TooLong(len)),
                self.buf.len(),
            ));
        }
    }

    /// An Integer.
    pub fn integer(&mut self, tag: Tag, value: i32) {
        self.word32(tag, ItemType::Integer, value.to_be_bytes());
    }

    /// A Long Integer.
    pub fn long_integer(&mut self, tag: Tag, value: i64) {
        self.word(tag, ItemType::LongInteger, 8, value.to_be_bytes());
    }

    /// A Big Integer (sign-extended to a multiple of 8 bytes).
    pub fn big_integer(&mut self, tag: Tag, value: &[u8]) {
        if self.allows(tag) {
            let mut w = Writer::new(&mut *self.buf);
            w.big_integer(tag, value);
            let r = w.finish();
            self.record(r);
        }
    }

    /// An Enumeration.
    pub fn enumeration(&mut self, tag: Tag, value: u32) {
        self.word32(tag, ItemType::Enumeration, value.to_be_bytes());
    }

    /// A Boolean.
    pub fn boolean(&mut self, tag: Tag, value: bool) {
        self.word(tag, ItemType::Boolean, 8, u64::from(value).to_be_bytes());
    }

    /// A Text String.
    pub fn text_string(&mut self, tag: Tag, value: &str) {
        self.bytes(tag, ItemType::TextString, value.as_bytes());
    }

    /// A Byte String.
    pub fn byte_string(&mut self, tag: Tag, value: &[u8]) {
        self.bytes(tag, ItemType::ByteString, value);
    }

    /// A Date-Time.
    pub fn date_time(&mut self, tag: Tag, value: i64) {
        self.word(tag, ItemType::DateTime, 8, value.to_be_bytes());
    }

    /// An Interval.
    pub fn interval(&mut self, tag: Tag, value: u32) {
        self.word32(tag, ItemType::Interval, value.to_be_bytes());
    }

    /// An item kept verbatim, written byte for byte whatever the version.
    ///
    /// Raw items are what the model did not type: unknown fields, payloads of operations it
    /// does not type, custom attribute values, items of a later version than the message's.
    /// They came from the peer (or were built by the application as exact bytes), so they go
    /// back out exactly as they came in: version filtering applies to typed fields only. A
    /// relay that decodes a KMIP 1.1 Encrypt request (a 1.2 operation whose Data item is a 1.2
    /// tag) and encodes it again forwards every byte.
    pub fn raw(&mut self, raw: &RawItem) {
        self.buf.extend_from_slice(raw.as_bytes());
    }

    /// A decoded item, filtered for the version: verbatim if the version defines every tag in
    /// it, else re-encoded without the items the version lacks. For an application that
    /// deliberately strips what a peer of this version cannot read; the model's own encoding
    /// never filters what it decoded (see [`raw`](Self::raw)).
    pub fn item(&mut self, item: &Item<'_>) {
        if !self.allows(item.tag()) {
            return;
        }
        if self.all_defined(item) {
            self.buf.extend_from_slice(item.raw());
            return;
        }
        // Only a structure can hold a tag the version lacks below its own.
        self.structure(item.tag(), |e| {
            for child in item.children() {
                e.item(&child);
            }
        });
    }

    fn all_defined(&self, item: &Item<'_>) -> bool {
        self.allows(item.tag()) && item.children().all(|c| self.all_defined(&c))
    }
}

/// Writes a structure's unknown items between its known fields (see the module docs).
#[derive(Debug)]
pub struct Interleave<'u> {
    items: &'u [UnknownItem],
    next: usize,
    count: usize,
}

impl<'u> Interleave<'u> {
    /// Starts a structure whose unknown items are `items`.
    pub fn new(items: &'u [UnknownItem]) -> Self {
        Self {
            items,
            next: 0,
            count: 0,
        }
    }

    fn flush(&mut self, e: &mut Encoder<'_>, upto: usize) {
        while let Some(u) = self.items.get(self.next) {
            if u.position > upto {
                break;
            }
            e.raw(&u.item);
            self.next = self.next.saturating_add(1);
        }
    }

    /// Call before writing each known item: writes the unknown items due before it.
    pub fn known(&mut self, e: &mut Encoder<'_>) {
        self.flush(e, self.count);
        self.count = self.count.saturating_add(1);
    }

    /// Writes a known field, after the unknown items due before it.
    pub fn field<T: ToTtlv + ?Sized>(&mut self, e: &mut Encoder<'_>, tag: Tag, value: &T) {
        self.known(e);
        e.field(tag, value);
    }

    /// Writes an optional known field if it is present; an absent one takes no position.
    pub fn optional<T: ToTtlv>(&mut self, e: &mut Encoder<'_>, tag: Tag, value: &Option<T>) {
        if let Some(v) = value {
            self.field(e, tag, v);
        }
    }

    /// Call after the last known item: writes the remaining unknown items.
    pub fn rest(&mut self, e: &mut Encoder<'_>) {
        self.flush(e, usize::MAX);
    }
}

/// Reads a structure's children in one pass, in wire order.
///
/// The caller loops over [`next`](Self::next), dispatches on each child's tag and reports
/// each known field with its index in the structure's table ([`known`](Self::known)), which
/// checks the order: a field that comes
/// after a later one is [`ErrorKind::OutOfOrder`], a single field seen twice
/// [`ErrorKind::Duplicate`]. Children the table does not list are kept with their position
/// ([`unknown`](Self::unknown)). Absent optional fields cost nothing; required ones are
/// checked after the loop ([`missing`](Self::missing)). Nothing is allocated unless an
/// unknown child is met.
pub(crate) struct StructReader<'a> {
    /// The structure's tag and offset, for errors.
    parent_tag: Tag,
    parent_offset: usize,
    children: Children<'a>,
    /// The index of the last known field read.
    last: usize,
    /// The fields read, one bit per index.
    seen: u64,
    /// The fields that may repeat, one bit per index.
    repeatable: u64,
    known: usize,
    unknown: Vec<UnknownItem>,
    cx: Context,
    /// No child is set aside as unknown: the decoder rejects what it does not list.
    closed: bool,
    /// The version whose tags are read as typed fields, if it does not define every tag
    /// (KMIP 1.0 to 1.3); a version before 1.0 reads as 1.0.
    filter: Option<ProtocolVersion>,
}

/// The version a [`StructReader`] filters children by, if any: KMIP 1.0 to 1.3 lack tags and
/// enumeration values the model may type (see [`ProtocolVersion::defines`]).
const fn filter_for(version: ProtocolVersion) -> Option<ProtocolVersion> {
    // Before 1.0 (no such version, but a peer can send one) reads as 1.0; 1.4 and later
    // define every tag and value the model types.
    if version.major < 1 || (version.major == 1 && version.minor < 0) {
        Some(ProtocolVersion::V1_0)
    } else if version.major == 1 && version.minor < 4 {
        Some(version)
    } else {
        None
    }
}

/// Whether `item` is one every version a [`StructReader`] filters by (KMIP 1.0 to 1.3)
/// reads as typed, with at most one load: a KMIP 1.0 tag (`0x420001`–`0x4200A1`, see
/// [`tag::since`]) whose item is no Enumeration, or an Enumeration whose value is below the
/// first value its table gives a later version
/// ([`FIRST_LATER_VALUE`](crate::enumeration::FIRST_LATER_VALUE)). Most items of a message
/// are; the others go through [`ProtocolVersion::defines_item`].
#[inline(always)]
fn defined_in_every_version(item: &Item<'_>) -> bool {
    if !in_kmip_1_0(item.tag()) {
        return false;
    }
    let offset = item.tag().value().wrapping_sub(0x42_0000) as usize;
    match item.as_enumeration() {
        None => true,
        Some(value) => crate::enumeration::FIRST_LATER_VALUE
            .get(offset)
            .is_some_and(|&first| value < first),
    }
}

/// Whether `tag` is a KMIP 1.0 tag (`0x420001`–`0x4200A1`, the range of
/// [`FIRST_LATER_VALUE`](crate::enumeration::FIRST_LATER_VALUE)), which every version defines:
/// two compares.
#[inline(always)]
const fn in_kmip_1_0(tag: Tag) -> bool {
    let offset = tag.value().wrapping_sub(0x42_0000) as usize;
    offset != 0 && offset < crate::enumeration::FIRST_LATER_LEN
}

// Every tag from 0x420001 up to the end of FIRST_LATER_VALUE's range (0x4200A1) is a KMIP 1.0
// tag of the table.
const _: () = {
    let mut value = 0x42_0001;
    while value < 0x42_0000 + crate::enumeration::FIRST_LATER_LEN as u32 {
        assert!(matches!(
            tag::since(Tag::new(value)),
            Some(ProtocolVersion::V1_0)
        ));
        #[allow(
            clippy::arithmetic_side_effects,
            reason = "compile-time loop over the range"
        )]
        {
            value += 1;
        }
    }
};

#[inline]
pub(crate) const fn bit(i: usize) -> u64 {
    if i < 64 { 1 << i } else { 0 }
}

impl<'a> StructReader<'a> {
    /// Starts reading `item`, which must be a Structure; `repeatable` has a bit set for each
    /// field index that may repeat.
    #[inline(always)]
    pub(crate) fn new(item: &Item<'a>, repeatable: u64, cx: &Context) -> Result<Self, Error> {
        expect_type(item, ItemType::Structure)?;
        Ok(Self {
            parent_tag: item.tag(),
            parent_offset: item.offset(),
            children: item.children(),
            last: 0,
            seen: 0,
            repeatable,
            known: 0,
            unknown: Vec::new(),
            cx: *cx,
            closed: false,
            filter: cx.filter,
        })
    }

    /// Changes the context for the children still to come (the message's version is known
    /// once its header is read).
    pub(crate) fn set_context(&mut self, cx: Context) {
        self.cx = cx;
        if !self.closed {
            self.filter = cx.filter;
        }
    }

    /// The next child whose tag (and, for an Enumeration, value) the message's version
    /// defines. A child with a tag or an enumeration value of a later version (a KMIP 1.2 tag,
    /// or Cryptographic Algorithm EC, in a 1.1 message) is not read as a typed field: it is kept
    /// verbatim with its position ([`unknown`](Self::unknown)), because encoding for the
    /// message's version would leave a typed field of a later version out, and what the peer
    /// sent must come back out byte for byte.
    #[inline(always)]
    pub(crate) fn next(&mut self) -> Option<Item<'a>> {
        loop {
            let child = self.children.next()?;
            if let Some(version) = self.filter
                && !defined_in_every_version(&child)
                && !version.defines_item(&child)
            {
                self.unknown(&child);
                continue;
            }
            return Some(child);
        }
    }

    /// For a structure that admits no extension (its decoder rejects any child it does not
    /// list): [`next`](Self::next) hands out every child, whatever its version.
    pub(crate) fn closed(mut self) -> Self {
        self.closed = true;
        self.filter = None;
        self
    }

    /// Records that `item` is field `i` of the table: checks that it is not out of order and
    /// not a repeated single field.
    #[inline(always)]
    pub(crate) fn known(&mut self, i: usize, item: &Item<'a>) -> Result<(), Error> {
        let b = bit(i);
        if i < self.last || (self.seen & b != 0 && self.repeatable & b == 0) {
            return Err(self.misplaced(i, item));
        }
        self.last = i;
        self.seen |= b;
        self.known = self.known.saturating_add(1);
        Ok(())
    }

    /// Keeps `item`, which the table does not list, with its position.
    pub(crate) fn unknown(&mut self, item: &Item<'a>) {
        self.unknown.push(UnknownItem {
            position: self.known,
            item: RawItem::from_item(item),
        });
    }

    #[cold]
    #[inline(never)]
    fn misplaced(&self, i: usize, item: &Item<'a>) -> Error {
        let b = bit(i);
        let kind = if self.seen & b != 0 && self.repeatable & b == 0 {
            ErrorKind::Duplicate { tag: item.tag() }
        } else {
            ErrorKind::OutOfOrder { tag: item.tag() }
        };
        Error::new(kind, item.offset()).inside(item.tag())
    }

    /// The error for a single field (one of several alternatives) seen twice.
    #[cold]
    #[inline(never)]
    pub(crate) fn duplicate(&self, item: &Item<'a>) -> Error {
        Error::new(ErrorKind::Duplicate { tag: item.tag() }, item.offset()).inside(item.tag())
    }

    /// The error for a child that a structure admitting no extension does not list.
    #[cold]
    #[inline(never)]
    pub(crate) fn unexpected(&self, item: &Item<'a>) -> Error {
        Error::new(
            ErrorKind::InvalidValue {
                tag: self.parent_tag,
                reason: "unexpected item in a structure that admits no extension",
            },
            item.offset(),
        )
        .inside(item.tag())
    }

    /// The error for a required field that is absent from the structure.
    #[cold]
    #[inline(never)]
    pub(crate) fn missing(&self, tag: Tag) -> Error {
        if let Some(version) = self.filter
            && self.unknown.iter().any(|u| u.item.tag() == tag)
        {
            // Set aside by `next` as of a later version, not absent.
            return Error::new(ErrorKind::LaterVersion { tag, version }, self.parent_offset);
        }
        Error::new(ErrorKind::MissingField { tag }, self.parent_offset)
    }

    /// The error for a required field that a later field depends on and that has not come
    /// before it: out of order if it comes later, missing otherwise.
    #[cold]
    #[inline(never)]
    pub(crate) fn absent(&self, tag: Tag) -> Error {
        match self.children.clone().find(|c| c.tag() == tag) {
            Some(item) => {
                Error::new(ErrorKind::OutOfOrder { tag }, item.offset()).inside(item.tag())
            }
            None => self.missing(tag),
        }
    }

    /// Decodes a child, recording its tag in the path of any error.
    #[inline]
    pub(crate) fn decode<T: FromTtlv>(&self, item: &Item<'a>) -> Result<T, Error> {
        T::from_ttlv(item, &self.cx).map_err(|e| e.inside(item.tag()))
    }

    /// Decodes a child with `f`, recording its tag in the path of any error.
    #[inline]
    pub(crate) fn decode_with<T>(
        &self,
        item: &Item<'a>,
        f: impl FnOnce(&Item<'a>, &Context) -> Result<T, Error>,
    ) -> Result<T, Error> {
        f(item, &self.cx).map_err(|e| e.inside(item.tag()))
    }

    /// Decodes a child into `slot`, in place.
    #[inline]
    pub(crate) fn decode_in_place<T: DecodeInPlace>(
        &self,
        item: &Item<'a>,
        slot: &mut T,
    ) -> Result<(), Error> {
        slot.decode_in_place(item, &self.cx)
            .map_err(|e| e.inside(item.tag()))
    }

    /// Ends the structure, returning the unknown children with their positions.
    #[inline]
    pub(crate) fn finish(self) -> Vec<UnknownItem> {
        self.unknown
    }
}

/// Whether every tag of `tags` is a KMIP 1.0 tag, defined in every version: the one-pass
/// readers ([`ReadCommon`]) read fields with these tags without asking the context's version
/// about the tag, and assert this at compile time.
pub(crate) const fn in_every_version(tags: &[Tag]) -> bool {
    let mut i = 0;
    while i < tags.len() {
        #[allow(
            clippy::indexing_slicing,
            clippy::arithmetic_side_effects,
            reason = "compile-time loop over the slice"
        )]
        {
            if !in_kmip_1_0(tags[i]) {
                return false;
            }
            i += 1;
        }
    }
    true
}

/// Reading a field on a decoder's one-pass path (a [`Cursor`] over the common shape of a
/// message, see `ResponseMessage::read_common`): the value of the next item if it is tagged
/// `tag` and reads as the general decoder would read it (for an Enumeration: a value the
/// context's version defines, [`Context::reads_enumeration`]). `None` for anything else: the
/// caller then leaves the whole message to the general path.
pub(crate) trait ReadCommon: Sized {
    /// Reads the next item, tagged `tag`.
    fn read_common(c: &mut Cursor<'_>, tag: Tag, cx: &Context) -> Option<Self>;
}

/// Implements [`ReadCommon`] for leaf types: `type => |cursor, tag| reading;`.
macro_rules! read_common_leaf {
    ($($ty:ty => |$c:ident, $tag:ident| $read:expr;)*) => {$(
        impl ReadCommon for $ty {
            #[inline(always)]
            fn read_common($c: &mut Cursor<'_>, $tag: Tag, _cx: &Context) -> Option<Self> {
                $read
            }
        }
    )*};
}

read_common_leaf! {
    i32 => |c, tag| c.integer(tag);
    i64 => |c, tag| c.long_integer(tag);
    u32 => |c, tag| c.interval(tag);
    bool => |c, tag| c.boolean(tag);
    DateTime => |c, tag| c.date_time(tag).map(DateTime);
    String => |c, tag| c.text_string(tag).map(str::to_owned);
    SecretString => |c, tag| c.text_string(tag).map(SecretString::from);
    ByteString => |c, tag| c.byte_string(tag).map(|b| ByteString(b.to_vec()));
    SecretBytes => |c, tag| c.byte_string(tag).map(SecretBytes::from_slice);
}

/// Implements [`ReadCommon`] for types read whole: the item validated by [`Cursor::item`],
/// then decoded by the general decoder.
macro_rules! read_common_by_item {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::codec::ReadCommon for $ty {
            #[inline]
            fn read_common(
                c: &mut kmip_ttlv::Cursor<'_>,
                tag: kmip_ttlv::Tag,
                cx: &$crate::codec::Context,
            ) -> Option<Self> {
                $crate::codec::FromTtlv::from_ttlv(&c.item(tag)?, cx).ok()
            }
        }
    )*};
}
pub(crate) use read_common_by_item;

// Big Integers have no cursor reader of their own (their values are rare and long); raw
// items are whatever comes.
read_common_by_item!(BigInteger, SecretBigInteger, RawItem);

/// Whether a one-pass reader reads a field tagged `tag` in context `cx`: always for a KMIP
/// 1.0 tag (decided at compile time where `tag` is a constant), else as the general reader
/// decides ([`Context::reads_tag`]).
#[inline(always)]
pub(crate) fn reads_field(cx: &Context, tag: Tag) -> bool {
    in_kmip_1_0(tag) || cx.reads_tag(tag)
}

/// An optional field on the one-pass path, into `field` (left as it is when absent): `Some`
/// if the next item is not tagged `tag` or is and reads, `None` if it is and does not.
#[inline(always)]
pub(crate) fn read_optional<T: ReadCommon>(
    c: &mut Cursor<'_>,
    tag: Tag,
    cx: &Context,
    field: &mut Option<T>,
) -> Option<()> {
    if c.peek_tag() == Some(tag) {
        *field = Some(T::read_common(c, tag, cx)?);
    }
    Some(())
}

/// A required field read by a [`StructReader`] loop.
#[inline]
pub(crate) fn required<T>(value: Option<T>, r: &StructReader<'_>, tag: Tag) -> Result<T, Error> {
    match value {
        Some(v) => Ok(v),
        None => Err(r.missing(tag)),
    }
}

/// One encoded TTLV item kept verbatim (header, value and padding), as the model keeps what
/// it does not know: unknown fields, payloads of operations it does not type, custom
/// attribute values, vendor extensions.
///
/// The bytes always hold exactly one valid item. They are zeroized on drop (an unknown item
/// may hold key material), compared in constant time, and `Debug` prints the tree compactly
/// with secret tags redacted.
#[derive(Clone)]
pub struct RawItem {
    bytes: Zeroizing<Vec<u8>>,
}

/// Validation for bytes that were validated once already (perhaps with lenient padding or
/// deeper nesting than the default).
const RAW_LIMITS: Limits = Limits::DEFAULT
    .with_max_depth(Limits::DEPTH_CEILING)
    .with_max_len(usize::MAX)
    .with_strict_padding(false);

impl RawItem {
    /// Copies a decoded item.
    pub fn from_item(item: &Item<'_>) -> Self {
        Self {
            bytes: Zeroizing::new(item.raw().to_vec()),
        }
    }

    /// Validates `bytes` as exactly one TTLV item and keeps them.
    ///
    /// # Errors
    /// Anything [`kmip_ttlv::decode`] rejects.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let item = kmip_ttlv::decode(bytes)?;
        Ok(Self::from_item(&item))
    }

    /// Builds an item with a [`kmip_ttlv::Writer`]; `write` must write exactly one item.
    ///
    /// ```
    /// use kmip_ttlv::Tag;
    /// use kmip_types::RawItem;
    /// let raw = RawItem::build(|w| {
    ///     w.text_string(Tag::new(0x540001), "vendor data");
    /// })?;
    /// assert_eq!(raw.tag(), Tag::new(0x540001));
    /// # Ok::<(), kmip_types::Error>(())
    /// ```
    ///
    /// # Errors
    /// If `write` did not produce exactly one valid item.
    pub fn build(write: impl FnOnce(&mut Writer<'_, Vec<u8>>)) -> Result<Self, Error> {
        let mut buf = Zeroizing::new(Vec::new());
        let mut w = Writer::new(&mut *buf);
        write(&mut w);
        w.finish()?;
        kmip_ttlv::decode(&buf)?;
        Ok(Self { bytes: buf })
    }

    /// A Text String item.
    pub fn text_string(tag: Tag, value: &str) -> Self {
        Self::encode_one(|w| {
            w.text_string(tag, value);
        })
    }

    /// An Integer item.
    pub fn integer(tag: Tag, value: i32) -> Self {
        Self::encode_one(|w| {
            w.integer(tag, value);
        })
    }

    /// A Byte String item.
    pub fn byte_string(tag: Tag, value: &[u8]) -> Self {
        Self::encode_one(|w| {
            w.byte_string(tag, value);
        })
    }

    fn encode_one(write: impl FnOnce(&mut Writer<'_, Vec<u8>>)) -> Self {
        let mut buf = Zeroizing::new(Vec::new());
        write(&mut Writer::new(&mut *buf));
        Self { bytes: buf }
    }

    /// The item's tag.
    pub fn tag(&self) -> Tag {
        match self.bytes.first_chunk::<3>() {
            Some([a, b, c]) => Tag::new(u32::from_be_bytes([0, *a, *b, *c])),
            None => Tag::new(0),
        }
    }

    /// The item's type.
    pub fn item_type(&self) -> Option<ItemType> {
        self.bytes.get(3).and_then(|b| ItemType::from_byte(*b))
    }

    /// The encoded bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The item, to read its value. Always `Some` (the bytes were validated when the value
    /// was made); `None` would only mean an item over the 256-deep nesting ceiling.
    pub fn item(&self) -> Option<Item<'_>> {
        kmip_ttlv::decode_with(&self.bytes, &RAW_LIMITS).ok()
    }

    /// The item as a peer of `version` can read it: itself if the version defines every tag
    /// in it, else a copy without the items the version lacks, or `None` if its own tag is
    /// of a later version.
    ///
    /// Encoding never does this by itself (a raw item is written byte for byte, whatever the
    /// message's version); it is for an application that deliberately forwards what it got
    /// from a peer of one version to a peer of an older one.
    ///
    /// ```
    /// use kmip_ttlv::Tag;
    /// use kmip_types::{ProtocolVersion, RawItem};
    /// // Key Value Location (0x4200B8) is a KMIP 1.2 tag.
    /// let location = RawItem::text_string(Tag::new(0x4200B8), "hsm://1");
    /// assert!(location.filtered(ProtocolVersion::V1_1).is_none());
    /// assert_eq!(location.filtered(ProtocolVersion::V1_2), Some(location));
    /// ```
    #[must_use]
    pub fn filtered(&self, version: ProtocolVersion) -> Option<Self> {
        let item = self.item()?;
        let mut buf = Zeroizing::new(Vec::with_capacity(self.bytes.len()));
        let mut e = Encoder::new(&mut buf, version);
        e.item(&item);
        e.finish().ok()?;
        (!buf.is_empty()).then_some(Self { bytes: buf })
    }
}

impl PartialEq for RawItem {
    /// Constant-time: an unknown item may hold secrets.
    fn eq(&self, other: &Self) -> bool {
        bool::from(self.bytes.as_slice().ct_eq(other.bytes.as_slice()))
    }
}

impl Eq for RawItem {}

impl FromTtlv for RawItem {
    fn from_ttlv(item: &Item<'_>, _cx: &Context) -> Result<Self, Error> {
        Ok(Self::from_item(item))
    }
}

impl ToTtlv for RawItem {
    /// Writes the item verbatim; `tag` is ignored (the item has its own).
    fn to_ttlv(&self, _tag: Tag, e: &mut Encoder<'_>) {
        e.raw(self);
    }
}

/// Prints an item on one line: `Tag: value` or `Tag { child, child }`, redacting secrets.
pub(crate) fn fmt_item(f: &mut fmt::Formatter<'_>, item: &Item<'_>) -> fmt::Result {
    match tag::name(item.tag()) {
        Some(name) => f.write_str(name)?,
        None => write!(f, "{:#08X}", item.tag().value())?,
    }
    if tag::is_secret(item.tag()) && item.item_type() != ItemType::Structure {
        return write!(f, ": <redacted, {} bytes>", item.len());
    }
    match item.value() {
        Value::Structure(children) => {
            f.write_str(" {")?;
            for (i, child) in children.enumerate() {
                f.write_str(if i == 0 { " " } else { ", " })?;
                fmt_item(f, &child)?;
            }
            f.write_str(" }")
        }
        Value::Integer(v) => write!(f, ": {v}"),
        Value::LongInteger(v) => write!(f, ": {v}"),
        Value::BigInteger(v) => {
            f.write_str(": 0x")?;
            crate::value::fmt_hex(f, v)
        }
        Value::Enumeration(v) => match crate::enumeration::enumeration_name(item.tag(), v) {
            Some(name) => write!(f, ": {name}"),
            None => write!(f, ": {v:#010X}"),
        },
        Value::Boolean(v) => write!(f, ": {v}"),
        Value::TextString(v) => write!(f, ": {v:?}"),
        Value::ByteString(v) => {
            f.write_str(": ")?;
            crate::value::fmt_hex(f, v)
        }
        Value::DateTime(v) => write!(f, ": {}", DateTime(v)),
        Value::Interval(v) => write!(f, ": {v}s"),
    }
}

impl fmt::Debug for RawItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RawItem(")?;
        match self.item() {
            Some(item) => fmt_item(f, &item)?,
            None => write!(f, "{} bytes", self.bytes.len())?,
        }
        f.write_str(")")
    }
}

/// An item a structure's table does not list, kept verbatim, with its place: `position` is
/// the number of known items before it in the structure (see the module docs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownItem {
    /// How many known items of the structure precede this one.
    pub position: usize,
    /// The item.
    pub item: RawItem,
}

impl UnknownItem {
    /// An unknown item to be written after `position` known items.
    pub fn new(position: usize, item: RawItem) -> Self {
        Self { position, item }
    }
}

// Primitive mappings (see `crate::value`).

/// Reads a Text String's value (the caller checked the type). kmip-ttlv validated the UTF-8;
/// going to the value bytes directly spares [`Item::value`]'s dispatch.
trait TextValue<'a> {
    fn text_value(&self) -> Option<&'a str>;
}

impl<'a> TextValue<'a> for Item<'a> {
    #[inline]
    fn text_value(&self) -> Option<&'a str> {
        core::str::from_utf8(self.value_bytes()).ok()
    }
}

macro_rules! primitive {
    ($ty:ty, $item_type:ident, $get:ident, $put:ident, |$v:ident| $to_wire:expr, |$w:ident| $from_wire:expr) => {
        impl FromTtlv for $ty {
            #[inline]
            fn from_ttlv(item: &Item<'_>, _cx: &Context) -> Result<Self, Error> {
                expect_type(item, ItemType::$item_type)?;
                let $w = item.$get().unwrap_or_default();
                Ok($from_wire)
            }
        }

        impl ToTtlv for $ty {
            fn to_ttlv(&self, tag: Tag, e: &mut Encoder<'_>) {
                let $v = self;
                e.$put(tag, $to_wire);
            }
        }
    };
}

primitive!(i32, Integer, as_integer, integer, |v| *v, |w| w);
primitive!(
    i64,
    LongInteger,
    as_long_integer,
    long_integer,
    |v| *v,
    |w| w
);
primitive!(bool, Boolean, as_boolean, boolean, |v| *v, |w| w);
primitive!(u32, Interval, as_interval, interval, |v| *v, |w| w);
primitive!(String, TextString, text_value, text_string, |v| v, |w| w
    .to_owned());
primitive!(
    ByteString,
    ByteString,
    as_byte_string,
    byte_string,
    |v| &v.0,
    |w| ByteString(w.to_vec())
);
primitive!(
    BigInteger,
    BigInteger,
    as_big_integer,
    big_integer,
    |v| &v.0,
    |w| BigInteger(w.to_vec())
);
primitive!(DateTime, DateTime, as_date_time, date_time, |v| v.0, |w| {
    DateTime(w)
});
primitive!(
    SecretBytes,
    ByteString,
    as_byte_string,
    byte_string,
    |v| v.expose(),
    |w| SecretBytes::from_slice(w)
);
primitive!(
    SecretBigInteger,
    BigInteger,
    as_big_integer,
    big_integer,
    |v| v.expose(),
    |w| SecretBigInteger(SecretBytes::from_slice(w))
);
primitive!(
    SecretString,
    TextString,
    text_value,
    text_string,
    |v| v.expose(),
    |w| SecretString::from(w)
);

impl<T: ToTtlv> ToTtlv for Box<T> {
    fn to_ttlv(&self, tag: Tag, e: &mut Encoder<'_>) {
        (**self).to_ttlv(tag, e);
    }
}

impl<T: FromTtlv> FromTtlv for Box<T> {
    fn from_ttlv(item: &Item<'_>, cx: &Context) -> Result<Self, Error> {
        T::from_ttlv(item, cx).map(Box::new)
    }
}
