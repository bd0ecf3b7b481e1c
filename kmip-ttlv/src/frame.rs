//! Framing: how many bytes of a stream make up the next message.

use crate::header::{self, HEADER_LEN};
use crate::{Error, ErrorKind, ItemType, Limit, Limits};

/// What the bytes received so far say about the next message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frame {
    /// A whole message is present: its first `len` bytes (the rest belongs to later messages).
    Complete {
        /// Length of the message, header included.
        len: usize,
    },
    /// At least `needed` more bytes must arrive before the message is complete. While the
    /// 8-byte header is incomplete this counts only the header's missing bytes.
    Incomplete {
        /// Bytes still missing.
        needed: usize,
    },
}

/// Frames the next message in `received` with [`Limits::DEFAULT`] (see [`frame_with`]).
///
/// # Errors
/// A header that can never start a valid message.
pub fn frame(received: &[u8]) -> Result<Frame, Error> {
    frame_with(received, &Limits::DEFAULT)
}

/// Frames the next message from the bytes received so far, from as little as zero bytes.
///
/// A KMIP message is one Structure, so only its header is examined: the call is O(1) and
/// fails as soon as the bytes can never become a valid message: a tag prefix other than
/// 0x42/0x54 (after 1 byte), a type other than Structure (after 4), or a length that is not a
/// multiple of 8 or makes the message longer than `limits.max_len()` (after 8). The message's
/// contents are checked later by [`decode_with`](crate::decode_with).
///
/// # Errors
/// See above; each error carries the offset of the offending header field.
pub fn frame_with(received: &[u8], limits: &Limits) -> Result<Frame, Error> {
    if let Some(&first) = received.first() {
        header::check_tag_prefix(first, u32::from(first) << 16).map_err(|k| Error::new(k, 0))?;
    }
    if let Some(&ty) = received.get(3) {
        match ItemType::from_byte(ty) {
            Some(ItemType::Structure) => {}
            Some(other) => return Err(Error::new(ErrorKind::NotAStructure(other), 3)),
            None => return Err(Error::new(ErrorKind::UnknownItemType(ty), 3)),
        }
    }
    let Some(raw) = header::parse_raw(received) else {
        return Ok(Frame::Incomplete {
            needed: HEADER_LEN.saturating_sub(received.len()),
        });
    };
    if !raw.len.is_multiple_of(8) {
        return Err(Error::new(ErrorKind::StructureLength(raw.len), 4));
    }
    let len = (raw.len as usize).saturating_add(HEADER_LEN);
    if len > limits.max_len() {
        return Err(Error::new(
            ErrorKind::LimitExceeded {
                limit: Limit::Length,
                value: len,
                max: limits.max_len(),
            },
            4,
        ));
    }
    Ok(match len.checked_sub(received.len()) {
        Some(needed) if needed > 0 => Frame::Incomplete { needed },
        _ => Frame::Complete { len },
    })
}
