//! The KMIP XML encoding (OASIS KMIP Additional Message Encodings v1.0 §6), both ways.
//!
//! Each TTLV item is an element: a tag the tables know is the element's name in normalised
//! CamelCase (`<ActivationDate type="DateTime" value="2001-01-01T10:00:00+10:00"/>`); any
//! other is `<TTLV tag="0x540001" type="TextString" value="…"/>`. A Structure's items are its
//! child elements (`type` may be omitted for a Structure); other values sit in the `value`
//! attribute: decimal or `0x` hex numbers, names for enumerations and mask bits (an Attribute
//! Value's named after its Attribute Name's table), hex Byte Strings and Big Integers,
//! `true`/`false`, ISO 8601 Date-Times.
//!
//! [`to_ttlv`] reads one element into TTLV bytes; [`from_ttlv`] writes TTLV as XML that reads
//! back to the same bytes. [`parse`] gives the element tree for documents that hold several
//! messages (the OASIS test-case files: a `KmipTestCase` element of Request and Response
//! Messages).
//!
//! ```
//! use kmip_types::{xml, ProtocolVersion, QueryFunction, QueryRequest, RequestMessage};
//! let request = RequestMessage::single(
//!     ProtocolVersion::V1_1,
//!     QueryRequest { query_functions: vec![QueryFunction::QUERY_OPERATIONS], ..Default::default() },
//! );
//! let bytes = request.encode();
//! let text = xml::from_ttlv(&bytes)?;
//! assert!(text.contains(r#"<Operation type="Enumeration" value="Query"/>"#));
//! assert_eq!(xml::to_ttlv(&text)?, bytes);
//! # Ok::<(), kmip_types::Error>(())
//! ```

use core::fmt::Write as _;

use kmip_ttlv::{Item, ItemType};

use crate::Error;
use crate::text::{
    self, AttributeContext, Body, MAX_DEPTH, Scalar, TextEncoding, TextItem, WrittenValue, syntax,
};

/// An XML element: name, attributes, child elements, and where it starts in the text.
/// Character data between elements is ignored (KMIP XML carries values in attributes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Element {
    /// The element name.
    pub name: String,
    /// The attributes, in document order, values with entities resolved.
    pub attributes: Vec<(String, String)>,
    /// The child elements.
    pub children: Vec<Element>,
    /// The byte offset of the element's `<` in the text.
    pub offset: usize,
}

impl Element {
    /// The value of the attribute `name`.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Encodes this element, a KMIP item, as TTLV.
    ///
    /// # Errors
    /// An unknown tag, type or enumeration name, or a value its type cannot hold.
    pub fn to_ttlv(&self) -> Result<Vec<u8>, Error> {
        text::to_ttlv(&self.text_item()?, TextEncoding::Xml)
    }

    fn text_item(&self) -> Result<TextItem, Error> {
        let tag = if self.name == "TTLV" {
            self.attribute("tag")
                .ok_or_else(|| {
                    syntax(
                        TextEncoding::Xml,
                        self.offset,
                        "a TTLV element needs a tag attribute",
                    )
                })?
                .to_owned()
        } else {
            self.name.clone()
        };
        let item_type = self.attribute("type").map(str::to_owned);
        let body = if item_type.as_deref().is_none_or(|t| t == "Structure") {
            if self.children.is_empty() {
                Body::Empty
            } else {
                Body::Structure(
                    self.children
                        .iter()
                        .map(Element::text_item)
                        .collect::<Result<_, _>>()?,
                )
            }
        } else {
            match self.attribute("value") {
                Some(v) => Body::Value(Scalar::Str(v.to_owned())),
                None => Body::Empty,
            }
        };
        Ok(TextItem {
            tag,
            item_type,
            body,
            offset: self.offset,
        })
    }
}

/// Parses an XML document (an optional declaration, comments, one root element) into its root
/// element. Nesting deeper than 64 elements, DTDs and processing instructions other than the
/// declaration are refused.
///
/// # Errors
/// Malformed XML, with the byte offset.
pub fn parse(text: &str) -> Result<Element, Error> {
    let mut p = Parser { text, pos: 0 };
    p.misc()?;
    let root = p.element(1)?;
    p.misc()?;
    if p.pos != text.len() {
        return Err(p.error("content after the root element"));
    }
    Ok(root)
}

/// Reads one KMIP XML item (a message, or any item) into TTLV bytes.
///
/// # Errors
/// Malformed XML, an unknown tag, type or enumeration name, or a value its type cannot hold,
/// with the byte offset in `text`.
pub fn to_ttlv(text: &str) -> Result<Vec<u8>, Error> {
    parse(text)?.to_ttlv()
}

/// Writes the TTLV item in `bytes` (validated with [`kmip_ttlv::decode`]) as KMIP XML,
/// indented by two spaces a level. [`to_ttlv`] reads it back to the same bytes.
///
/// # Errors
/// Bytes that are not one valid TTLV item.
pub fn from_ttlv(bytes: &[u8]) -> Result<String, Error> {
    let item = kmip_ttlv::decode(bytes)?;
    let mut out = String::new();
    write_element(&mut out, &item, None, 0);
    Ok(out)
}

fn write_element(out: &mut String, item: &Item<'_>, table: Option<kmip_ttlv::Tag>, level: usize) {
    let w = text::written(item, table, false);
    for _ in 0..level {
        out.push_str("  ");
    }
    match &w.tag_name {
        Some(name) => {
            let _ = write!(out, "<{name}");
        }
        None => {
            let _ = write!(out, "<TTLV tag=\"{}\"", w.tag_hex);
        }
    }
    if item.item_type() == ItemType::Structure {
        let children: Vec<Item<'_>> = item.children().collect();
        if children.is_empty() {
            out.push_str("/>\n");
            return;
        }
        out.push_str(">\n");
        let mut cx = AttributeContext::default();
        for child in &children {
            let table = cx.table_for(child);
            write_element(out, child, table, level.saturating_add(1));
        }
        for _ in 0..level {
            out.push_str("  ");
        }
        let _ = writeln!(out, "</{}>", w.tag_name.as_deref().unwrap_or("TTLV"));
        return;
    }
    let _ = write!(out, " type=\"{}\" value=\"", w.item_type);
    match &w.value {
        Some(WrittenValue::Str(s)) => escape(out, s),
        Some(WrittenValue::Number(n)) => {
            let _ = write!(out, "{n}");
        }
        Some(WrittenValue::Bool(b)) => {
            let _ = write!(out, "{b}");
        }
        None => {}
    }
    out.push_str("\"/>\n");
}

/// Escapes an attribute value. Tabs, line breaks and other control characters are written as
/// character references, which attribute-value normalisation leaves alone (a literal tab or
/// line break would read back as a space); XML 1.0 has no way to carry NUL and the other C0
/// controls, so such a reference (`&#x1;`) is this module's extension, read back by [`parse`].
fn escape(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if u32::from(c) < 0x20 || c == '\u{7F}' => {
                let _ = write!(out, "&#x{:X};", u32::from(c));
            }
            c => out.push(c),
        }
    }
}

/// The deepest element nesting [`parse`] accepts (above the TTLV structure limit, so that the
/// test-case wrapper elements fit).
const MAX_ELEMENT_DEPTH: usize = MAX_DEPTH.saturating_mul(2);

struct Parser<'t> {
    text: &'t str,
    pos: usize,
}

impl<'t> Parser<'t> {
    fn error(&self, reason: &str) -> Error {
        syntax(TextEncoding::Xml, self.pos, reason)
    }

    fn rest(&self) -> &'t str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos = self.pos.saturating_add(s.len());
            true
        } else {
            false
        }
    }

    fn skip_space(&mut self) {
        let n = self
            .rest()
            .len()
            .saturating_sub(self.rest().trim_start().len());
        self.pos = self.pos.saturating_add(n);
    }

    /// Skips to just after `end`.
    fn skip_past(&mut self, end: &str, what: &str) -> Result<(), Error> {
        match self.rest().find(end) {
            Some(i) => {
                self.pos = self.pos.saturating_add(i).saturating_add(end.len());
                Ok(())
            }
            None => Err(self.error(&format!("unterminated {what}"))),
        }
    }

    /// Whitespace, comments, the XML declaration.
    fn misc(&mut self) -> Result<(), Error> {
        loop {
            self.skip_space();
            if self.eat("<!--") {
                self.skip_past("-->", "comment")?;
            } else if self.rest().starts_with("<?xml") {
                self.skip_past("?>", "XML declaration")?;
            } else if self.rest().starts_with("<!") || self.rest().starts_with("<?") {
                return Err(self.error("DTDs and processing instructions are not accepted"));
            } else {
                return Ok(());
            }
        }
    }

    fn name(&mut self) -> Result<String, Error> {
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | ':' | '-' | '.')))
            .unwrap_or(rest.len());
        let name = rest.get(..len).unwrap_or_default();
        if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.')
        {
            return Err(self.error("expected a name"));
        }
        self.pos = self.pos.saturating_add(len);
        Ok(name.to_owned())
    }

    fn element(&mut self, depth: usize) -> Result<Element, Error> {
        if depth > MAX_ELEMENT_DEPTH {
            return Err(self.error("elements nested too deeply"));
        }
        let offset = self.pos;
        if !self.eat("<") {
            return Err(self.error("expected an element"));
        }
        let name = self.name()?;
        let mut attributes: Vec<(String, String)> = Vec::new();
        loop {
            let before = self.pos;
            self.skip_space();
            if self.eat("/>") {
                return Ok(Element {
                    name,
                    attributes,
                    children: Vec::new(),
                    offset,
                });
            }
            if self.eat(">") {
                break;
            }
            if self.pos == before {
                return Err(self.error("expected whitespace, an attribute, '>' or '/>'"));
            }
            let attr = self.name()?;
            self.skip_space();
            if !self.eat("=") {
                return Err(self.error("expected '=' after an attribute name"));
            }
            self.skip_space();
            let value = self.quoted()?;
            if attributes.iter().any(|(n, _)| *n == attr) {
                return Err(self.error("attribute repeated"));
            }
            attributes.push((attr, value));
        }
        let mut children = Vec::new();
        loop {
            // Character data between elements carries nothing in KMIP XML; it must still be
            // well-formed (no '<' or '&' out of place).
            let rest = self.rest();
            let text_len = rest.find('<').unwrap_or(rest.len());
            self.pos = self.pos.saturating_add(text_len);
            if self.rest().is_empty() {
                return Err(self.error(&format!("element {name} is not closed")));
            }
            if self.eat("<!--") {
                self.skip_past("-->", "comment")?;
            } else if self.eat("</") {
                let end = self.name()?;
                if end != name {
                    return Err(self.error(&format!("</{end}> closes <{name}>")));
                }
                self.skip_space();
                if !self.eat(">") {
                    return Err(self.error("expected '>'"));
                }
                return Ok(Element {
                    name,
                    attributes,
                    children,
                    offset,
                });
            } else if self.rest().starts_with("<!") || self.rest().starts_with("<?") {
                return Err(self.error("CDATA, DTDs and processing instructions are not accepted"));
            } else {
                children.push(self.element(depth.saturating_add(1))?);
            }
        }
    }

    /// A quoted attribute value, entities resolved.
    fn quoted(&mut self) -> Result<String, Error> {
        let quote = match self.rest().chars().next() {
            Some(q @ ('"' | '\'')) => q,
            _ => return Err(self.error("expected a quoted value")),
        };
        self.pos = self.pos.saturating_add(1);
        let rest = self.rest();
        let Some(end) = rest.find(quote) else {
            return Err(self.error("unterminated attribute value"));
        };
        let raw = rest.get(..end).unwrap_or_default();
        if raw.contains('<') {
            return Err(self.error("'<' in an attribute value"));
        }
        let value = unescape(raw).map_err(|at| {
            syntax(
                TextEncoding::Xml,
                self.pos.saturating_add(at),
                "bad entity or character reference",
            )
        })?;
        self.pos = self.pos.saturating_add(end).saturating_add(1);
        // Attribute-value normalisation: literal whitespace characters become spaces.
        Ok(value)
    }
}

/// Resolves entity and character references; a literal tab or line break becomes a space
/// (XML attribute-value normalisation). `Err` holds the offset of a bad reference.
fn unescape(raw: &str) -> Result<String, usize> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    let mut at = 0usize;
    while let Some(i) = rest.find(['&', '\t', '\n', '\r']) {
        out.push_str(rest.get(..i).unwrap_or_default());
        let here = at.saturating_add(i);
        let tail = rest.get(i..).unwrap_or_default();
        if !tail.starts_with('&') {
            // "\r\n" is one line break.
            let skip = if tail.starts_with("\r\n") { 2 } else { 1 };
            out.push(' ');
            rest = tail.get(skip..).unwrap_or_default();
            at = here.saturating_add(skip);
            continue;
        }
        let Some(semi) = tail.find(';') else {
            return Err(here);
        };
        let entity = tail.get(1..semi).unwrap_or_default();
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(h) = entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                {
                    u32::from_str_radix(h, 16).ok()
                } else if let Some(d) = entity.strip_prefix('#') {
                    d.parse().ok()
                } else {
                    None
                };
                // Control characters (NUL included), which XML 1.0 cannot carry, are read
                // from the references this module writes for them, so any Text String
                // round-trips.
                code.and_then(char::from_u32).ok_or(here)?
            }
        };
        out.push(c);
        rest = tail.get(semi.saturating_add(1)..).unwrap_or_default();
        at = here.saturating_add(semi).saturating_add(1);
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_specification_examples() {
        let e = parse(
            r#"<?xml version="1.0"?>
            <!-- a comment -->
            <ProtocolVersion type="Structure">
              <ProtocolVersionMajor type="Integer" value="1" />
              <ProtocolVersionMinor type='Integer' value="0"/>
            </ProtocolVersion>"#,
        )
        .unwrap();
        assert_eq!(e.name, "ProtocolVersion");
        assert_eq!(e.children.len(), 2);
        assert_eq!(e.children[1].attribute("value"), Some("0"));
        let bytes = e.to_ttlv().unwrap();
        let item = kmip_ttlv::decode(&bytes).unwrap();
        assert_eq!(item.tag(), crate::tag::PROTOCOL_VERSION);
        assert_eq!(item.children().nth(1).unwrap().as_integer(), Some(0));
    }

    #[test]
    fn entities_and_whitespace_in_values() {
        assert_eq!(
            unescape("a&amp;b&lt;&gt;&quot;&apos;&#65;&#x42;").unwrap(),
            "a&b<>\"'AB"
        );
        assert_eq!(unescape("a\tb\r\nc").unwrap(), "a b c");
        assert!(unescape("&bogus;").is_err());
        assert_eq!(unescape("&#0;").unwrap(), "\0");
        assert!(unescape("&#xD800;").is_err());
        assert!(unescape("&amp").is_err());
        let mut s = String::new();
        escape(&mut s, "tab\there <&> \"q\" \u{1}");
        assert_eq!(unescape(&s).unwrap(), "tab\there <&> \"q\" \u{1}");
    }

    #[test]
    fn malformed_documents_say_where() {
        for (doc, at) in [
            ("<A>", 3),
            ("<A></B>", 6),
            ("<A x=1/>", 5),
            ("<A x='1' x='2'/>", 14),
            ("<A/><B/>", 4),
            ("<!DOCTYPE x><A/>", 0),
            ("<A x=\"&nope;\"/>", 6),
        ] {
            let e = parse(doc).unwrap_err();
            assert_eq!(e.offset(), at, "{doc}: {e}");
        }
        let deep = "<A>".repeat(100) + &"</A>".repeat(100);
        assert!(parse(&deep).is_err());
    }
}
