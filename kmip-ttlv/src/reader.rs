//! The validating decoder: one pass over the bytes, no allocation, bounded recursion.

use crate::header::{self, HEADER_LEN, Header};
use crate::{Error, ErrorKind, Item, ItemType, Limit, Limits, Tag};

/// Decodes exactly one item from `bytes` with [`Limits::DEFAULT`], validating everything
/// (see [`decode_with`]).
///
/// # Errors
/// Any defect in the bytes, as an [`Error`] that names the defect, its byte offset and tag path.
pub fn decode(bytes: &[u8]) -> Result<Item<'_>, Error> {
    decode_with(bytes, &Limits::DEFAULT)
}

/// Decodes exactly one item from `bytes`, validating the whole tree in one pass: tag prefixes,
/// item types, fixed lengths, Big Integer lengths, Boolean values, UTF-8, structure lengths
/// that add up exactly, padding (unless the limits allow garbage there), depth and length
/// limits, and no trailing bytes. Nothing is allocated; the returned [`Item`] borrows `bytes`.
///
/// # Errors
/// Any defect in the bytes, as an [`Error`] that names the defect, its byte offset and tag path.
pub fn decode_with<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Item<'a>, Error> {
    if bytes.len() > limits.max_len() {
        return Err(Error::new(
            ErrorKind::LimitExceeded {
                limit: Limit::Length,
                value: bytes.len(),
                max: limits.max_len(),
            },
            0,
        ));
    }
    if let Some(item) = accept(bytes, limits) {
        return Ok(item);
    }
    decode_slow(bytes, limits)
}

/// Whether the fast path and the reference validator agree on `bytes` under `limits`:
/// both accept (the same item) or the fast path declines what the reference rejects. For the
/// fuzz targets and tests; `decode_with` relies on it.
pub(crate) fn paths_agree(bytes: &[u8], limits: &Limits) -> bool {
    // `decode_with` refuses input over the length limit before either path runs.
    if bytes.len() > limits.max_len() {
        return true;
    }
    let reference = decode_slow(bytes, limits).ok();
    let fast = accept(bytes, limits);
    match (fast, reference) {
        (Some(a), Some(b)) => a.raw() == b.raw() && a.tag() == b.tag() && a.len() == b.len(),
        (None, None) => true,
        // Declining valid input is allowed only where the fast path does not go.
        (None, Some(_)) => bytes.len() > u32::MAX as usize || depth_of(bytes) > FAST_DEPTH,
        (Some(_), None) => false,
    }
}

/// The nesting depth of validated bytes (the outermost item being depth 1).
pub(crate) fn depth_of(bytes: &[u8]) -> usize {
    fn item_depth(item: &Item<'_>) -> usize {
        item.children()
            .map(|c| item_depth(&c))
            .max()
            .unwrap_or_default()
            .saturating_add(1)
    }
    decode_slow(
        bytes,
        &Limits::DEFAULT.with_max_depth(Limits::DEPTH_CEILING),
    )
    .map_or(0, |item| item_depth(&item))
}

/// The reference validator: recursive, and exact about what is wrong and where. It decides
/// every input [`accept`] does not accept, so every error comes from here.
#[cold]
#[inline(never)]
fn decode_slow<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Item<'a>, Error> {
    let mut budget = limits.max_items();
    let (item, used) =
        validate(bytes, 0, 1, limits, &mut budget, Parent::Input).map_err(Error::finish_path)?;
    match bytes.len().checked_sub(used) {
        Some(0) => Ok(item),
        Some(remaining) => Err(Error::new(ErrorKind::TrailingData { remaining }, used)),
        // `validate` never reports using more than it was given.
        None => Err(Error::new(
            ErrorKind::Truncated {
                needed: used,
                available: bytes.len(),
            },
            0,
        )),
    }
}

/// How many open structures [`accept`] tracks; deeper input goes to the reference validator.
pub(crate) const FAST_DEPTH: usize = 32;

/// The fast path of [`decode_with`]: the same checks as the reference validator ([`validate`])
/// in one flat loop over the items, with the enclosing structures' ends on a small stack
/// instead of recursion and a yes/no answer instead of an error. `Some` only for input the
/// reference validator accepts; `None` for anything else (including valid input nested
/// deeper than [`FAST_DEPTH`] or longer than 4 GiB), which the reference validator then
/// decides and explains. The two are written independently (the reference builds each header
/// with nom and checks it field by field), so that each checks the other: they are compared
/// on every input of the `ttlv_decode` fuzz target and by `tests/fast_path.rs`.
///
/// The checks, per item: the limit on items, 8 header bytes present, tag prefix `0x42` or
/// `0x54`, a known item type, the fixed length of fixed-size types, Big Integer and Structure
/// lengths a multiple of 8, the whole item inside its enclosing structure (or, for the
/// outermost item, exactly the input), Boolean 0 or 1, UTF-8 text, zero padding under strict
/// limits, and for a non-empty structure the depth limit.
#[inline]
fn accept<'a>(bytes: &'a [u8], limits: &Limits) -> Option<Item<'a>> {
    accept_at(bytes, limits, 0)
}

/// [`accept`] for an item found at offset `base` of a larger input, as the offsets of the
/// returned item and its children say.
#[inline]
pub(crate) fn accept_at<'a>(bytes: &'a [u8], limits: &Limits, base: usize) -> Option<Item<'a>> {
    let first = header::load_raw(bytes)?;
    let top = Header::from_raw_fast(first)?;
    let top_total = item_total(top.len);
    // One item, filling the input (which is within `max_len`).
    if top_total != bytes.len() || u32::try_from(bytes.len()).is_err() {
        return None;
    }
    let budget = limits.max_items().checked_sub(1)?;
    if top.item_type == ItemType::Structure {
        if top.len > 0 && limits.max_depth() <= 1 {
            return None;
        }
        // Every item takes at least 8 bytes: when the input cannot hold more items than the
        // limit allows, the loop need not count them.
        if bytes.len() / HEADER_LEN <= budget {
            accept_body::<false>(bytes, limits, budget)?;
        } else {
            accept_body::<true>(bytes, limits, budget)?;
        }
    } else if !leaf_ok(
        top.item_type.to_byte(),
        bytes,
        top.len,
        limits.strict_padding(),
    ) {
        return None;
    }
    Some(Item::from_parts(
        top.tag,
        top.item_type,
        top.len,
        bytes,
        base,
    ))
}

/// The children of the outermost structure (`bytes` is the whole structure): see [`accept`].
/// `COUNT`: whether items are counted against `budget` (more items than it allows may fit).
#[inline]
fn accept_body<const COUNT: bool>(bytes: &[u8], limits: &Limits, mut budget: usize) -> Option<()> {
    // A non-empty structure among the outermost one's children is at depth 2 with no open
    // structure above it on the stack: it may open while depth (`open + 2`) is below the
    // limit, and while the stack has room.
    let max_open = limits.max_depth().saturating_sub(2).min(FAST_DEPTH);
    let strict = limits.strict_padding();
    // The ends of the open structures enclosing the current one, innermost last.
    let mut ends = [0u32; FAST_DEPTH];
    let mut open = 0usize;
    // The end of the structure whose children are being read.
    let mut end = bytes.len();
    let mut pos = HEADER_LEN;
    loop {
        if pos == end {
            // The structure is exactly filled: continue in its parent.
            let Some(up) = open.checked_sub(1) else {
                return Some(());
            };
            open = up;
            end = *ends.get(open)? as usize;
            continue;
        }
        let rest = bytes.get(pos..end)?;
        if COUNT {
            budget = budget.checked_sub(1)?;
        }
        let word = u64::from_be_bytes(*rest.first_chunk::<HEADER_LEN>()?);
        let prefix = (word >> 56) as u8;
        let type_byte = (word >> 32) as u8;
        let len = word as u32;
        if !header::prefix_and_len_ok(prefix, type_byte, len) {
            return None;
        }
        let total = item_total(len);
        let raw_item = rest.get(..total)?;
        const STRUCTURE: u8 = ItemType::Structure.to_byte();
        match type_byte {
            STRUCTURE => {
                if len > 0 {
                    if open >= max_open {
                        return None;
                    }
                    *ends.get_mut(open)? = u32::try_from(end).ok()?;
                    // No wrap below: `open` is under FAST_DEPTH, and `pos + total` is within
                    // the input (`raw_item` is there).
                    open = open.wrapping_add(1);
                    end = pos.wrapping_add(total);
                }
                pos = pos.wrapping_add(HEADER_LEN);
                continue;
            }
            _ if !leaf_ok(type_byte, raw_item, len, strict) => return None,
            _ => {}
        }
        pos = pos.wrapping_add(total);
    }
}

/// Header, value and padding length of an item whose length field is `len`, computed in 64
/// bits (where a 32-bit length plus 15 cannot wrap); on a 32-bit target a total that does not
/// fit saturates, longer than any input.
#[inline(always)]
pub(crate) fn item_total(len: u32) -> usize {
    // 15: the header (8) and up to 7 bytes of padding.
    let total = u64::from(len).wrapping_add(15) & !7;
    usize::try_from(total).unwrap_or(usize::MAX)
}

/// The value checks of a leaf whose header is valid and whose bytes (`raw_item`: header,
/// value, padding) are all present: Boolean 0 or 1, UTF-8 text, zero padding if `strict`.
#[inline(always)]
fn leaf_ok(type_byte: u8, raw_item: &[u8], len: u32, strict: bool) -> bool {
    const BOOLEAN: u8 = ItemType::Boolean.to_byte();
    const TEXT_STRING: u8 = ItemType::TextString.to_byte();
    let value_ok = match type_byte {
        BOOLEAN => boolean_ok(raw_item),
        TEXT_STRING => text_ok(raw_item, len),
        _ => true,
    };
    value_ok && (!strict || padding_zero(raw_item, len))
}

/// Whether a Boolean item's value (8 bytes after the header) is 0 or 1.
#[inline(always)]
fn boolean_ok(raw_item: &[u8]) -> bool {
    raw_item
        .get(HEADER_LEN..)
        .and_then(|v| v.first_chunk::<8>())
        .is_some_and(|v| u64::from_be_bytes(*v) <= 1)
}

/// Whether a Text String item's value (`len` bytes after the header) is UTF-8. Text that is
/// ASCII padding included (zero padding is) needs no more: a word at a time over whole
/// words; anything else gets the full UTF-8 check of the value alone.
#[inline(always)]
fn text_ok(raw_item: &[u8], len: u32) -> bool {
    let padded = raw_item.get(HEADER_LEN..).unwrap_or_default();
    padded.chunks_exact(8).all(|w| {
        w.first_chunk::<8>()
            .is_some_and(|w| u64::from_ne_bytes(*w) & HIGH_BITS == 0)
    }) || core::str::from_utf8(padded.get(..len as usize).unwrap_or_default()).is_ok()
}

/// The top bit of every byte of a word.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Whether the padding of an item whose length field is `len` is zero: it fills the end of
/// the item's last word after the value's `len % 8` bytes, so shifting those out of the
/// big-endian word leaves exactly the padding.
#[inline(always)]
pub(crate) fn padding_zero(raw_item: &[u8], len: u32) -> bool {
    let used = len & 7;
    used == 0
        || raw_item
            .last_chunk::<8>()
            .is_some_and(|w| u64::from_be_bytes(*w).wrapping_shl(used.wrapping_mul(8)) == 0)
}

/// What encloses the item being read: the whole input, or a structure's remaining body.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Parent {
    Input,
    Structure,
}

impl Parent {
    fn short(self, needed: usize, available: usize) -> ErrorKind {
        match self {
            Parent::Input => ErrorKind::Truncated { needed, available },
            Parent::Structure => ErrorKind::Overrun { needed, available },
        }
    }
}

/// Validates the item at the start of `input` (found at absolute offset `base`, at nesting
/// `depth`, the outermost item being depth 1) and returns it with the number of bytes it
/// occupies, padding included. `budget` is how many more items may be read.
fn validate<'a>(
    input: &'a [u8],
    base: usize,
    depth: usize,
    limits: &Limits,
    budget: &mut usize,
    parent: Parent,
) -> Result<(Item<'a>, usize), Error> {
    spend(budget, limits, base)?;
    let (hdr, raw_item) = check_item(input, base, depth, limits, parent)?;
    if hdr.item_type == ItemType::Structure {
        let value = raw_item.get(HEADER_LEN..).unwrap_or_default();
        validate_body(
            value,
            base.saturating_add(HEADER_LEN),
            depth,
            limits,
            budget,
        )
        .map_err(|e| e.inside(hdr.tag))?;
    }
    let item = Item::from_parts(hdr.tag, hdr.item_type, hdr.len, raw_item, base);
    Ok((item, raw_item.len()))
}

/// Validates the children of a structure at nesting `depth`: leaves in a loop, child
/// structures by recursion (bounded by the depth limit, checked before descending).
fn validate_body(
    body: &[u8],
    base: usize,
    depth: usize,
    limits: &Limits,
    budget: &mut usize,
) -> Result<(), Error> {
    let child_depth = depth.saturating_add(1);
    let mut rest = body;
    let mut pos = base;
    while !rest.is_empty() {
        spend(budget, limits, pos)?;
        let (hdr, raw_item) = check_item(rest, pos, child_depth, limits, Parent::Structure)?;
        if hdr.item_type == ItemType::Structure && hdr.len > 0 {
            let value = raw_item.get(HEADER_LEN..).unwrap_or_default();
            validate_body(
                value,
                pos.saturating_add(HEADER_LEN),
                child_depth,
                limits,
                budget,
            )
            .map_err(|e| e.inside(hdr.tag))?;
        }
        let used = raw_item.len();
        rest = rest.get(used..).unwrap_or_default();
        pos = pos.saturating_add(used);
    }
    Ok(())
}

/// Counts one more item against the limit, before it is read (at offset `at`).
#[inline(always)]
fn spend(budget: &mut usize, limits: &Limits, at: usize) -> Result<(), Error> {
    match budget.checked_sub(1) {
        Some(left) => {
            *budget = left;
            Ok(())
        }
        None => Err(too_many_items(limits, at)),
    }
}

#[cold]
#[inline(never)]
fn too_many_items(limits: &Limits, at: usize) -> Error {
    Error::new(
        ErrorKind::LimitExceeded {
            limit: Limit::Items,
            value: limits.max_items().saturating_add(1),
            max: limits.max_items(),
        },
        at,
    )
}

/// Checks one item's header, length, value (for leaves) and padding, and for a structure the
/// depth limit; returns the header and the item's bytes (header, value and padding).
#[inline(always)]
fn check_item<'a>(
    input: &'a [u8],
    base: usize,
    depth: usize,
    limits: &Limits,
    parent: Parent,
) -> Result<(Header, &'a [u8]), Error> {
    let at = |delta: usize| base.saturating_add(delta);
    let Some(raw) = header::parse_raw(input) else {
        return Err(short_header(input, base, parent));
    };
    let hdr = raw.check().map_err(|(delta, kind)| {
        let error = Error::new(kind, at(delta));
        // Past the tag field the tag itself is valid: name it in the path.
        if delta > 0 {
            error.inside(Tag::new(raw.tag))
        } else {
            error
        }
    })?;
    let value_len = hdr.len as usize;
    let total = header::padded(value_len)
        .and_then(|p| p.checked_add(HEADER_LEN))
        .ok_or_else(|| Error::new(ErrorKind::TooLong(value_len), at(4)).inside(hdr.tag))?;
    if parent == Parent::Input && total > limits.max_len() {
        return Err(Error::new(
            ErrorKind::LimitExceeded {
                limit: Limit::Length,
                value: total,
                max: limits.max_len(),
            },
            at(4),
        )
        .inside(hdr.tag));
    }
    let Some((raw_item, _)) = input.split_at_checked(total) else {
        return Err(Error::new(parent.short(total, input.len()), base).inside(hdr.tag));
    };
    let body = raw_item.get(HEADER_LEN..).unwrap_or_default();
    let (value, padding) = body.split_at_checked(value_len).unwrap_or((body, &[]));
    let value_at = at(HEADER_LEN);

    match hdr.item_type {
        ItemType::Structure => {
            if depth >= limits.max_depth() && !value.is_empty() {
                return Err(Error::new(
                    ErrorKind::LimitExceeded {
                        limit: Limit::Depth,
                        value: depth.saturating_add(1),
                        max: limits.max_depth(),
                    },
                    value_at,
                )
                .inside(hdr.tag));
            }
            // Structures are padded by construction (their length is a multiple of 8).
            return Ok((hdr, raw_item));
        }
        ItemType::Boolean => {
            let v = value
                .first_chunk::<8>()
                .map_or(0, |b| u64::from_be_bytes(*b));
            if v > 1 {
                return Err(Error::new(ErrorKind::InvalidBoolean(v), value_at).inside(hdr.tag));
            }
        }
        ItemType::TextString => {
            // Most KMIP text is ASCII: check that word-at-a-time before full UTF-8 validation.
            if !value.is_ascii()
                && let Err(e) = core::str::from_utf8(value)
            {
                let valid_up_to = e.valid_up_to();
                return Err(Error::new(
                    ErrorKind::InvalidUtf8 { valid_up_to },
                    at(HEADER_LEN.saturating_add(valid_up_to)),
                )
                .inside(hdr.tag));
            }
        }
        ItemType::Integer
        | ItemType::LongInteger
        | ItemType::BigInteger
        | ItemType::Enumeration
        | ItemType::ByteString
        | ItemType::DateTime
        | ItemType::Interval => {}
    }
    if limits.strict_padding() && !padding_is_zero(raw_item, padding.len()) {
        let i = padding.iter().position(|&b| b != 0).unwrap_or_default();
        let byte = padding.get(i).copied().unwrap_or_default();
        let delta = HEADER_LEN.saturating_add(value_len).saturating_add(i);
        return Err(Error::new(ErrorKind::NonZeroPadding(byte), at(delta)).inside(hdr.tag));
    }
    Ok((hdr, raw_item))
}

/// Whether the last `pad` bytes (at most 7) of an item are zero: the padding always ends the
/// item's last 8-byte word, so one load and one mask check it.
#[inline(always)]
fn padding_is_zero(raw_item: &[u8], pad: usize) -> bool {
    let last = raw_item
        .last_chunk::<8>()
        .map_or(0, |w| u64::from_be_bytes(*w));
    let mask = 1u64
        .checked_shl((pad as u32).saturating_mul(8))
        .map_or(u64::MAX, |b| b.wrapping_sub(1));
    last & mask == 0
}

/// The error for input too short to hold a header, reporting a bad tag prefix or type byte
/// first when the bytes present already show one.
#[cold]
fn short_header(input: &[u8], base: usize, parent: Parent) -> Error {
    if let Some(&first) = input.first()
        && let Err(kind) = header::check_tag_prefix(first, u32::from(first) << 16)
    {
        return Error::new(kind, base);
    }
    if let Some(&ty) = input.get(3)
        && ItemType::from_byte(ty).is_none()
    {
        return Error::new(ErrorKind::UnknownItemType(ty), base.saturating_add(3));
    }
    Error::new(parent.short(HEADER_LEN, input.len()), base)
}
