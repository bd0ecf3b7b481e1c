//! The codec's one error type: what was wrong, at which byte, under which tags.

use core::fmt;

use crate::{ItemType, Tag};

/// What was wrong with the bytes (or, for [`ErrorKind::TooLong`], with what was encoded).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input ends before the item it holds does.
    #[error("truncated: {needed} bytes needed, {available} available")]
    Truncated {
        /// Bytes the item needs from this offset on.
        needed: usize,
        /// Bytes that were there.
        available: usize,
    },
    /// A child item claims more bytes than its enclosing structure has left.
    #[error("item needs {needed} bytes but its structure has {available} left")]
    Overrun {
        /// Bytes the child needs.
        needed: usize,
        /// Bytes left in the enclosing structure.
        available: usize,
    },
    /// A tag whose first byte is neither 0x42 (standard) nor 0x54 (extension).
    #[error("tag {tag:#08X} has neither the standard prefix 0x42 nor the extension prefix 0x54")]
    InvalidTagPrefix {
        /// The tag as read.
        tag: u32,
    },
    /// A type byte that no KMIP version defines.
    #[error("unknown item type {0:#04X}")]
    UnknownItemType(u8),
    /// A fixed-size type whose length field is not that size.
    #[error("{item_type} must have length {expected}, found {actual}")]
    InvalidLength {
        /// The item's type.
        item_type: ItemType,
        /// The length that type requires.
        expected: u32,
        /// The length field as read.
        actual: u32,
    },
    /// A Big Integer whose length is not a multiple of 8.
    #[error("Big Integer length {0} is not a multiple of 8")]
    BigIntegerLength(u32),
    /// A Structure whose length is not a multiple of 8 (its items are each padded to 8).
    #[error("Structure length {0} is not a multiple of 8")]
    StructureLength(u32),
    /// A Boolean whose value is neither 0 nor 1.
    #[error("Boolean must be 0 or 1, found {0:#X}")]
    InvalidBoolean(u64),
    /// A Text String that is not UTF-8.
    #[error("Text String is not valid UTF-8 (valid up to byte {valid_up_to} of the value)")]
    InvalidUtf8 {
        /// Length of the valid prefix.
        valid_up_to: usize,
    },
    /// A padding byte that is not zero, with strict padding.
    #[error("padding byte is {0:#04X}, not zero")]
    NonZeroPadding(u8),
    /// Bytes left over after the one item the input should hold.
    #[error("{remaining} trailing bytes after the item")]
    TrailingData {
        /// How many bytes were left over.
        remaining: usize,
    },
    /// A limit from [`Limits`](crate::Limits) was exceeded.
    #[error("{limit} limit exceeded: {value} > {max}")]
    LimitExceeded {
        /// Which limit.
        limit: Limit,
        /// The value found (a length, a depth, or an item count).
        value: usize,
        /// The configured maximum.
        max: usize,
    },
    /// Framing: the outermost item of a message must be a Structure.
    #[error("a message must be a Structure, found {0}")]
    NotAStructure(ItemType),
    /// Encoding: a value or structure longer than a 32-bit length field can express.
    #[error("{0} bytes do not fit a 32-bit length field")]
    TooLong(usize),
}

/// Which of the [`Limits`](crate::Limits) was exceeded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Limit {
    /// The nesting depth of structures.
    Depth,
    /// The length of the whole message.
    Length,
    /// The number of items in the whole message (every item at every depth, the outermost
    /// included).
    Items,
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Depth => "depth",
            Self::Length => "length",
            Self::Items => "item count",
        })
    }
}

/// A decoding or encoding error: the [`ErrorKind`], the byte offset where it was found and the
/// path of tags from the outermost item down to the offending one.
///
/// `Display` reads like `Boolean must be 0 or 1, found 0x2 at byte 24 in Request Message/Request
/// Header/Asynchronous Indicator` (names come from the installed [`Names`](crate::Names) hook;
/// unknown tags print as hex).
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    offset: usize,
    path: Vec<Tag>,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, offset: usize) -> Self {
        Self {
            kind,
            offset,
            path: Vec::new(),
        }
    }

    /// Records that the error happened inside an item with `tag` (called innermost first).
    pub(crate) fn inside(mut self, tag: Tag) -> Self {
        self.path.push(tag);
        self
    }

    /// Puts the path in outermost-first order once unwinding is done.
    pub(crate) fn finish_path(mut self) -> Self {
        self.path.reverse();
        self
    }

    /// What was wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// Byte offset from the start of the input where the problem was found.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Tags from the outermost item down to the offending item (or its parent, when the
    /// offending item's own header could not be read).
    pub fn path(&self) -> &[Tag] {
        &self.path
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.kind, self.offset)?;
        for (i, tag) in self.path.iter().enumerate() {
            f.write_str(if i == 0 { " in " } else { "/" })?;
            write!(f, "{tag}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind)
            .field("offset", &self.offset)
            .field("path", &self.path)
            .finish()
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.kind)
    }
}
