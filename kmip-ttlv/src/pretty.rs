//! The pretty printer: an indented tree, one item per line.

use core::fmt::{self, Write as _};

use crate::date_time::Rfc3339;
use crate::{Item, Names, Value};

/// Prints an [`Item`] as an indented tree: tag name (or hex), type and value, one item per
/// line. Byte strings print in hex, Date-Times in RFC 3339 UTC, enumerations with their names
/// when the [`Names`] hook knows them. Values whose tag the hook marks secret print as
/// `<redacted, N bytes>` unless [`reveal_secrets`](Self::reveal_secrets) is set.
///
/// `Display` for [`Item`] is this printer with its defaults.
///
/// ```
/// use kmip_ttlv::{Tag, Writer, decode};
/// let mut buf = Vec::new();
/// Writer::new(&mut buf).structure(Tag::new(0x420069), |w| {
///     w.integer(Tag::new(0x42006A), 1);
/// });
/// let text = decode(&buf)?.pretty().to_string();
/// assert_eq!(text, "0x420069 Structure\n  0x42006A Integer: 1\n");
/// # Ok::<(), kmip_ttlv::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct Pretty<'a> {
    item: Item<'a>,
    names: Option<&'a dyn Names>,
    reveal: bool,
}

impl fmt::Debug for Pretty<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pretty")
            .field("item", &self.item)
            .field("reveal", &self.reveal)
            .finish_non_exhaustive()
    }
}

impl<'a> Pretty<'a> {
    pub(crate) fn new(item: Item<'a>) -> Self {
        Self {
            item,
            names: crate::names::installed(),
            reveal: false,
        }
    }

    /// Uses these names instead of the installed hook.
    #[must_use]
    pub fn names(mut self, names: &'a dyn Names) -> Self {
        self.names = Some(names);
        self
    }

    /// Prints values of secret tags too (for debugging with test keys only).
    #[must_use]
    pub fn reveal_secrets(mut self, reveal: bool) -> Self {
        self.reveal = reveal;
        self
    }

    fn write_item(
        &self,
        f: &mut fmt::Formatter<'_>,
        item: &Item<'_>,
        indent: usize,
    ) -> fmt::Result {
        for _ in 0..indent {
            f.write_str("  ")?;
        }
        let tag = item.tag();
        match self.names.and_then(|n| n.tag_name(tag)) {
            Some(name) => write!(f, "{name} ({:#08X})", tag.value())?,
            None => write!(f, "{:#08X}", tag.value())?,
        }
        write!(f, " {}", item.item_type())?;
        let secret = !self.reveal && self.names.is_some_and(|n| n.is_secret(tag));
        match item.value() {
            Value::Structure(children) => {
                f.write_char('\n')?;
                for child in children {
                    self.write_item(f, &child, indent.saturating_add(1))?;
                }
                return Ok(());
            }
            _ if secret => write!(f, ": <redacted, {} bytes>", item.len())?,
            Value::Integer(v) => write!(f, ": {v}")?,
            Value::LongInteger(v) => write!(f, ": {v}")?,
            Value::BigInteger(v) => write!(f, ": 0x{}", Hex(v))?,
            Value::Enumeration(v) => match self.names.and_then(|n| n.enumeration_name(tag, v)) {
                Some(name) => write!(f, ": {name} ({v:#010X})")?,
                None => write!(f, ": {v:#010X}")?,
            },
            Value::Boolean(v) => write!(f, ": {v}")?,
            Value::TextString(v) => write!(f, ": {v:?}")?,
            Value::ByteString(v) => write!(f, ": {}", Hex(v))?,
            Value::DateTime(v) => write!(f, ": {} ({v})", Rfc3339(v))?,
            Value::Interval(v) => write!(f, ": {v} s")?,
        }
        f.write_char('\n')
    }
}

impl fmt::Display for Pretty<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_item(f, &self.item, 0)
    }
}

impl fmt::Display for Item<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&Pretty::new(*self), f)
    }
}

/// Lower-case hex of a byte slice, as `Display` (no allocation): the toolkit's one hex
/// printer.
///
/// ```
/// assert_eq!(kmip_ttlv::Hex(&[0x0a, 0xff]).to_string(), "0aff");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Hex<'a>(pub &'a [u8]);

impl fmt::Display for Hex<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}
