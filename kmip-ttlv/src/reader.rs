//! The validating decoder: one pass over the bytes, no allocation, bounded recursion.

use crate::header::{self, HEADER_LEN};
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
    let (item, used) = validate(bytes, 0, 1, limits, Parent::Input).map_err(Error::finish_path)?;
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
/// `depth`) and returns it with the number of bytes it occupies, padding included.
fn validate<'a>(
    input: &'a [u8],
    base: usize,
    depth: usize,
    limits: &Limits,
    parent: Parent,
) -> Result<(Item<'a>, usize), Error> {
    let at = |delta: usize| base.saturating_add(delta);
    let Some(raw) = header::parse_raw(input) else {
        // Report a bad tag prefix or type byte even when the header is cut short.
        if let Some(&first) = input.first() {
            header::check_tag_prefix(first, u32::from(first) << 16)
                .map_err(|k| Error::new(k, base))?;
        }
        if let Some(&ty) = input.get(3)
            && ItemType::from_byte(ty).is_none()
        {
            return Err(Error::new(ErrorKind::UnknownItemType(ty), at(3)));
        }
        return Err(Error::new(parent.short(HEADER_LEN, input.len()), base));
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
            let mut rest = value;
            let mut pos = value_at;
            while !rest.is_empty() {
                let (_, used) = validate(
                    rest,
                    pos,
                    depth.saturating_add(1),
                    limits,
                    Parent::Structure,
                )
                .map_err(|e| e.inside(hdr.tag))?;
                rest = rest.get(used..).unwrap_or_default();
                pos = pos.saturating_add(used);
            }
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
            if let Err(e) = core::str::from_utf8(value) {
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
    if limits.strict_padding()
        && let Some(i) = padding.iter().position(|&b| b != 0)
    {
        let byte = padding.get(i).copied().unwrap_or_default();
        let delta = HEADER_LEN.saturating_add(value_len).saturating_add(i);
        return Err(Error::new(ErrorKind::NonZeroPadding(byte), at(delta)).inside(hdr.tag));
    }
    let item = Item::from_parts(hdr.tag, hdr.item_type, hdr.len, raw_item, base);
    Ok((item, total))
}
