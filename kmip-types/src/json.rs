//! The KMIP JSON encoding (OASIS KMIP Additional Message Encodings v1.0 §4), both ways.
//!
//! Each TTLV item is an object `{"tag": …, "type": …, "value": …}`: the tag a normalised
//! CamelCase name or `0x` and six hex digits, `type` omitted for a Structure, whose value is an
//! array of items (or `null`). Numbers may be JSON numbers or `0x` hex strings (Long Integers
//! of 2^52 and more are written as hex, as JavaScript numbers cannot hold them); enumerations
//! and mask bits by name (masks joined with `|`), Byte Strings in hex, Booleans as `true` /
//! `false`, Date-Times in ISO 8601.
//!
//! ```
//! use kmip_types::{json, ProtocolVersion, GetRequest, RequestMessage};
//! let bytes = RequestMessage::single(ProtocolVersion::V1_2, GetRequest::new("key-1")).encode();
//! let text = json::from_ttlv(&bytes)?;
//! assert!(text.contains(r#"{"tag":"UniqueIdentifier","type":"TextString","value":"key-1"}"#));
//! assert_eq!(json::to_ttlv(&text)?, bytes);
//! # Ok::<(), kmip_types::Error>(())
//! ```

use core::fmt::Write as _;

use kmip_ttlv::{Item, ItemType};

use crate::Error;
use crate::text::{
    self, AttributeContext, Body, MAX_DEPTH, Scalar, TextEncoding, TextItem, WrittenValue, syntax,
};

/// Reads one KMIP JSON item (a message, or any item) into TTLV bytes.
///
/// # Errors
/// Malformed JSON, an object that is not a KMIP item, an unknown tag, type or enumeration
/// name, or a value its type cannot hold, with the byte offset in `text`.
pub fn to_ttlv(text: &str) -> Result<Vec<u8>, Error> {
    let mut p = Parser { text, pos: 0 };
    p.space();
    let item = p.item(1)?;
    p.space();
    if p.pos != text.len() {
        return Err(p.error("content after the item"));
    }
    text::to_ttlv(&item, TextEncoding::Json)
}

/// Writes the TTLV item in `bytes` (validated with [`kmip_ttlv::decode`]) as compact KMIP
/// JSON. [`to_ttlv`] reads it back to the same bytes.
///
/// # Errors
/// Bytes that are not one valid TTLV item.
pub fn from_ttlv(bytes: &[u8]) -> Result<String, Error> {
    let item = kmip_ttlv::decode(bytes)?;
    let mut out = String::new();
    write_item(&mut out, &item, None);
    Ok(out)
}

fn write_item(out: &mut String, item: &Item<'_>, table: Option<kmip_ttlv::Tag>) {
    let w = text::written(item, table, true);
    out.push_str("{\"tag\":");
    string(out, w.tag_name.as_deref().unwrap_or(&w.tag_hex));
    if item.item_type() == ItemType::Structure {
        out.push_str(",\"value\":[");
        let mut cx = AttributeContext::default();
        for (i, child) in item.children().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let table = cx.table_for(&child);
            write_item(out, &child, table);
        }
        out.push_str("]}");
        return;
    }
    out.push_str(",\"type\":");
    string(out, w.item_type);
    out.push_str(",\"value\":");
    match &w.value {
        Some(WrittenValue::Str(s)) => string(out, s),
        Some(WrittenValue::Number(n)) => {
            let _ = write!(out, "{n}");
        }
        Some(WrittenValue::Bool(b)) => {
            let _ = write!(out, "{b}");
        }
        None => out.push_str("null"),
    }
    out.push('}');
}

/// A JSON string, escaped.
fn string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A JSON value, as far as KMIP items need one.
enum Json {
    Null,
    Bool(bool),
    Int(i128),
    Str(String),
    Array(Vec<TextItem>),
}

struct Parser<'t> {
    text: &'t str,
    pos: usize,
}

impl<'t> Parser<'t> {
    fn error(&self, reason: &str) -> Error {
        syntax(TextEncoding::Json, self.pos, reason)
    }

    fn rest(&self) -> &'t str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    fn peek(&self) -> Option<u8> {
        self.rest().bytes().next()
    }

    fn space(&mut self) {
        let n = self.rest().len().saturating_sub(
            self.rest()
                .trim_start_matches([' ', '\t', '\n', '\r'])
                .len(),
        );
        self.pos = self.pos.saturating_add(n);
    }

    fn expect(&mut self, c: u8) -> Result<(), Error> {
        self.space();
        if self.peek() == Some(c) {
            self.pos = self.pos.saturating_add(1);
            Ok(())
        } else {
            Err(self.error(&format!("expected '{}'", char::from(c))))
        }
    }

    /// One item: an object with `tag`, optional `name` and `type`, and `value`.
    fn item(&mut self, depth: usize) -> Result<TextItem, Error> {
        if depth > MAX_DEPTH {
            return Err(self.error("items nested too deeply"));
        }
        self.space();
        let offset = self.pos;
        self.expect(b'{')?;
        let (mut tag, mut item_type, mut value) = (None, None, None);
        self.space();
        if self.peek() == Some(b'}') {
            return Err(self.error("an item needs a tag"));
        }
        loop {
            self.space();
            let key_at = self.pos;
            let key = self.string()?;
            self.expect(b':')?;
            self.space();
            let slot_taken = match key.as_str() {
                "tag" => tag.replace(self.string()?).is_some(),
                "name" => {
                    self.string()?;
                    false
                }
                "type" => item_type.replace(self.string()?).is_some(),
                "value" => value.replace(self.value(depth)?).is_some(),
                _ => {
                    return Err(syntax(
                        TextEncoding::Json,
                        key_at,
                        format!("unknown key {key:?} in an item"),
                    ));
                }
            };
            if slot_taken {
                return Err(syntax(
                    TextEncoding::Json,
                    key_at,
                    format!("{key:?} repeated"),
                ));
            }
            self.space();
            match self.peek() {
                Some(b',') => self.pos = self.pos.saturating_add(1),
                Some(b'}') => {
                    self.pos = self.pos.saturating_add(1);
                    break;
                }
                _ => return Err(self.error("expected ',' or '}'")),
            }
        }
        let tag = tag.ok_or_else(|| syntax(TextEncoding::Json, offset, "an item needs a tag"))?;
        let body = match value {
            None | Some(Json::Null) => Body::Empty,
            Some(Json::Array(items)) => Body::Structure(items),
            Some(Json::Bool(b)) => Body::Value(Scalar::Bool(b)),
            Some(Json::Int(n)) => Body::Value(Scalar::Int(n)),
            Some(Json::Str(s)) => Body::Value(Scalar::Str(s)),
        };
        Ok(TextItem {
            tag,
            item_type,
            body,
            offset,
        })
    }

    fn value(&mut self, depth: usize) -> Result<Json, Error> {
        match self.peek() {
            Some(b'"') => Ok(Json::Str(self.string()?)),
            Some(b'[') => {
                self.pos = self.pos.saturating_add(1);
                let mut items = Vec::new();
                self.space();
                if self.peek() == Some(b']') {
                    self.pos = self.pos.saturating_add(1);
                    return Ok(Json::Array(items));
                }
                loop {
                    items.push(self.item(depth.saturating_add(1))?);
                    self.space();
                    match self.peek() {
                        Some(b',') => self.pos = self.pos.saturating_add(1),
                        Some(b']') => {
                            self.pos = self.pos.saturating_add(1);
                            return Ok(Json::Array(items));
                        }
                        _ => return Err(self.error("expected ',' or ']'")),
                    }
                }
            }
            Some(b't') if self.rest().starts_with("true") => {
                self.pos = self.pos.saturating_add(4);
                Ok(Json::Bool(true))
            }
            Some(b'f') if self.rest().starts_with("false") => {
                self.pos = self.pos.saturating_add(5);
                Ok(Json::Bool(false))
            }
            Some(b'n') if self.rest().starts_with("null") => {
                self.pos = self.pos.saturating_add(4);
                Ok(Json::Null)
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.error("expected a value")),
        }
    }

    /// An integer (KMIP values are integers; a fraction or exponent is refused).
    fn number(&mut self) -> Result<Json, Error> {
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E')))
            .unwrap_or(rest.len());
        let text = rest.get(..len).unwrap_or_default();
        let digits = text.strip_prefix('-').unwrap_or(text);
        if digits.is_empty()
            || !digits.bytes().all(|b| b.is_ascii_digit())
            || (digits.len() > 1 && digits.starts_with('0'))
            || digits.len() > 38
        {
            return Err(self.error("expected an integer"));
        }
        let n: i128 = text
            .parse()
            .map_err(|_| self.error("expected an integer"))?;
        self.pos = self.pos.saturating_add(len);
        Ok(Json::Int(n))
    }

    fn string(&mut self) -> Result<String, Error> {
        self.space();
        if self.peek() != Some(b'"') {
            return Err(self.error("expected a string"));
        }
        self.pos = self.pos.saturating_add(1);
        let mut out = String::new();
        loop {
            let rest = self.rest();
            let Some(i) = rest.find(|c: char| c == '"' || c == '\\' || u32::from(c) < 0x20) else {
                return Err(self.error("unterminated string"));
            };
            out.push_str(rest.get(..i).unwrap_or_default());
            self.pos = self.pos.saturating_add(i);
            match self.peek() {
                Some(b'"') => {
                    self.pos = self.pos.saturating_add(1);
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos = self.pos.saturating_add(1);
                    let c = self.escape()?;
                    out.push(c);
                }
                _ => return Err(self.error("control character in a string")),
            }
        }
    }

    /// The character of an escape sequence, after its backslash.
    fn escape(&mut self) -> Result<char, Error> {
        let c = self
            .peek()
            .ok_or_else(|| self.error("unterminated escape"))?;
        self.pos = self.pos.saturating_add(1);
        Ok(match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = self.hex4()?;
                if (0xD800..0xDC00).contains(&high) {
                    if !self.rest().starts_with("\\u") {
                        return Err(self.error("unpaired surrogate"));
                    }
                    self.pos = self.pos.saturating_add(2);
                    let low = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err(self.error("unpaired surrogate"));
                    }
                    // Both halves are range-checked above: no overflow.
                    let code = 0x10000u32
                        .saturating_add(high.saturating_sub(0xD800) << 10)
                        .saturating_add(low.saturating_sub(0xDC00));
                    char::from_u32(code).ok_or_else(|| self.error("bad escape"))?
                } else {
                    char::from_u32(high).ok_or_else(|| self.error("unpaired surrogate"))?
                }
            }
            _ => return Err(self.error("bad escape")),
        })
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let h = self.rest().get(..4).unwrap_or_default();
        if h.len() != 4 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(self.error("expected four hex digits"));
        }
        self.pos = self.pos.saturating_add(4);
        u32::from_str_radix(h, 16).map_err(|_| self.error("expected four hex digits"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_specification_examples() {
        let bytes = to_ttlv(
            r#"{ "tag" : "ProtocolVersion", "value" : [
                { "tag" : "ProtocolVersionMajor", "type" : "Integer", "value" : 1 },
                { "tag" : "ProtocolVersionMinor", "type" : "Integer", "value" : "0x00000000" }
            ]}"#,
        )
        .unwrap();
        let item = kmip_ttlv::decode(&bytes).unwrap();
        assert_eq!(item.tag(), crate::tag::PROTOCOL_VERSION);
        let mask = to_ttlv(
            r#"{"tag":"CryptographicUsageMask","type":"Integer","value":"CertificateSign|0x0000000c"}"#,
        )
        .unwrap();
        assert_eq!(kmip_ttlv::decode(&mask).unwrap().as_integer(), Some(0x100C));
        let long =
            to_ttlv(r#"{"tag":"0x540001","type":"LongInteger","value":"0xfffffffffffffffe"}"#)
                .unwrap();
        assert_eq!(
            kmip_ttlv::decode(&long).unwrap().as_long_integer(),
            Some(-2)
        );
        let date =
            to_ttlv(r#"{"tag":"ArchiveDate","type":"DateTime","value":"0x000000003a505520"}"#)
                .unwrap();
        // The specification's hex example is 10:00 UTC (its ISO example, at +10:00, is not the
        // same instant).
        let iso = to_ttlv(
            r#"{"tag":"ArchiveDate","type":"DateTime","value":"2001-01-01T10:00:00+00:00"}"#,
        )
        .unwrap();
        assert_eq!(date, iso);
        let text = to_ttlv("{\"tag\":\"AttributeName\",\"type\":\"TextString\",\"value\":\"a\\u00e9\\ud83d\\ude00\\n\"}").unwrap();
        assert_eq!(
            kmip_ttlv::decode(&text).unwrap().as_text_string(),
            Some("a\u{e9}\u{1F600}\n")
        );
    }

    #[test]
    fn malformed_json_says_where() {
        for (doc, at) in [
            ("", 0),
            ("{}", 1),
            (r#"{"tag":"BatchCount","type":"Integer","value":1.5}"#, 45),
            (r#"{"tag":"BatchCount","tag":"BatchCount"}"#, 20),
            (r#"{"tag":"BatchCount","colour":1}"#, 20),
            (r#"{"tag":"Nope","type":"Integer","value":1}"#, 0),
            (
                r#"{"tag":"BatchCount","type":"Integer","value":"\ud800"}"#,
                52,
            ),
            (r#"{"tag":"BatchCount","type":"Integer","value":1} x"#, 48),
        ] {
            let e = to_ttlv(doc).unwrap_err();
            assert_eq!(e.offset(), at, "{doc}: {e}");
        }
        let deep = r#"{"tag":"Attribute","value":["#.repeat(40) + &"]}".repeat(40);
        assert!(to_ttlv(&deep).is_err());
    }
}
