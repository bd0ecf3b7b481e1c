//! Limits on what the decoder accepts, checked before anything is recursed into.

/// Bounds applied by [`decode_with`](crate::decode_with) and [`frame_with`](crate::frame_with).
///
/// The decoder never allocates, so the limits bound work and stack depth: a header claiming
/// 4 GiB fails against `max_len` without reading further, nesting deeper than `max_depth`
/// fails before the decoder descends into it, and the item past `max_items` fails before it
/// is read. A typed layer that allocates per item (a model with a `Vec` per structure) is
/// bounded by `max_items` too: it only ever sees messages the decoder accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    max_depth: usize,
    max_len: usize,
    max_items: usize,
    strict_padding: bool,
}

impl Limits {
    /// The deepest nesting any [`Limits`] may allow, whatever is asked of
    /// [`with_max_depth`](Self::with_max_depth): it bounds the decoder's stack use.
    pub const DEPTH_CEILING: usize = 256;

    /// 32 levels of structures, 16 MiB messages, 1 Mi items, strict (zero) padding. KMIP 1.1
    /// messages nest at most about ten deep; the smallest item is 16 bytes, so a 16 MiB
    /// message holds at most 1 Mi of them and the item limit only bites when `max_len` is
    /// raised or `max_items` lowered (a server answering small requests sets both).
    pub const DEFAULT: Self = Self {
        max_depth: 32,
        max_len: 16 << 20,
        max_items: 1 << 20,
        strict_padding: true,
    };

    /// The same limits with another maximum nesting depth (the outermost item is depth 1),
    /// capped at [`DEPTH_CEILING`](Self::DEPTH_CEILING).
    #[must_use]
    pub const fn with_max_depth(mut self, depth: usize) -> Self {
        self.max_depth = if depth > Self::DEPTH_CEILING {
            Self::DEPTH_CEILING
        } else {
            depth
        };
        self
    }

    /// The same limits with another maximum message length in bytes (header included).
    #[must_use]
    pub const fn with_max_len(mut self, len: usize) -> Self {
        self.max_len = len;
        self
    }

    /// The same limits with another maximum number of items in the whole message (every
    /// item at every depth, the outermost included).
    #[must_use]
    pub const fn with_max_items(mut self, items: usize) -> Self {
        self.max_items = items;
        self
    }

    /// The same limits, accepting non-zero padding bytes (`false`) for peers that send
    /// garbage there, or rejecting them (`true`, the default).
    #[must_use]
    pub const fn with_strict_padding(mut self, strict: bool) -> Self {
        self.strict_padding = strict;
        self
    }

    /// The maximum nesting depth.
    pub const fn max_depth(&self) -> usize {
        self.max_depth
    }

    /// The maximum message length in bytes.
    pub const fn max_len(&self) -> usize {
        self.max_len
    }

    /// The maximum number of items in a message.
    pub const fn max_items(&self) -> usize {
        self.max_items
    }

    /// Whether padding bytes must be zero.
    pub const fn strict_padding(&self) -> bool {
        self.strict_padding
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_is_capped() {
        assert_eq!(
            Limits::DEFAULT.with_max_depth(1_000_000).max_depth(),
            Limits::DEPTH_CEILING
        );
        assert_eq!(Limits::DEFAULT.with_max_depth(3).max_depth(), 3);
    }
}
