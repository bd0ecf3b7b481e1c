//! What KMIP's XML and JSON encodings share (OASIS KMIP Additional Message Encodings v1.0,
//! §4 JSON and §6 XML): the normalised CamelCase names (§4.1.3 / §6.1.3), the tree both
//! syntaxes parse into, and the conversions between that tree and TTLV. [`crate::xml`] and
//! [`crate::json`] are only syntax around this.
//!
//! Converting text to TTLV and back gives the same bytes: every value is written in a form
//! that reads back exactly (names where the tables have them, hex otherwise).

use std::collections::HashMap;
use std::sync::OnceLock;

use kmip_ttlv::{Item, ItemType, Tag, Value, Writer};

use crate::enumeration::*;
use crate::{Error, ErrorKind, tag};

/// Which text encoding an error comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TextEncoding {
    /// KMIP XML (Additional Message Encodings §6).
    Xml,
    /// KMIP JSON (Additional Message Encodings §4).
    Json,
}

impl core::fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Self::Xml => "XML",
            Self::Json => "JSON",
        })
    }
}

/// The deepest nesting of structures accepted, as for TTLV ([`kmip_ttlv::Limits::DEFAULT`]).
pub(crate) const MAX_DEPTH: usize = 32;

/// A scalar as the syntax wrote it: XML has only strings; JSON also numbers and booleans.
#[derive(Debug)]
pub(crate) enum Scalar {
    Str(String),
    Int(i128),
    Bool(bool),
}

/// One item as written in XML or JSON, before its names are resolved.
#[derive(Debug)]
pub(crate) struct TextItem {
    /// The tag: a normalised name or `0x` and six hex digits.
    pub tag: String,
    /// The `type` (absent means Structure).
    pub item_type: Option<String>,
    /// A structure's items, or a scalar value (`None` for an empty structure or a missing
    /// value).
    pub body: Body,
    /// Where the item starts in the text.
    pub offset: usize,
}

#[derive(Debug)]
pub(crate) enum Body {
    Structure(Vec<TextItem>),
    Value(Scalar),
    Empty,
}

/// The normalised CamelCase form of a KMIP name (Additional Message Encodings §4.1.3/§6.1.3):
/// brackets become spaces; a non-word character followed by a letter and a lower-case letter
/// becomes a space; other non-word characters become underscores; leading digits of the first
/// word move to its end; each word is capitalised; the words are joined.
///
/// ```
/// use kmip_types::text::camel_case;
/// assert_eq!(camel_case("Symmetric Key"), camel_case("symmetric key"));
/// assert_eq!(camel_case("Cryptographic Usage Mask"), "CryptographicUsageMask");
/// assert_eq!(camel_case("PKCS#1"), "PKCS_1");
/// assert_eq!(camel_case("3DES"), "DES3");
/// assert_eq!(camel_case("Transparent EC Private Key"), "TransparentECPrivateKey");
/// assert_eq!(camel_case("Non-FIPS186 Variation"), "Non_FIPS186Variation");
/// ```
pub fn camel_case(name: &str) -> String {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    // 1. Brackets to spaces.
    let chars: Vec<char> = name
        .chars()
        .map(|c| if c == '(' || c == ')' { ' ' } else { c })
        .collect();
    // 2. A non-word character followed by a letter and a lower-case letter: a space.
    let mut spaced = String::with_capacity(chars.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i.saturating_add(1)).copied();
        let after = chars.get(i.saturating_add(2)).copied();
        if !word(c)
            && next.is_some_and(|n| n.is_ascii_alphabetic())
            && after.is_some_and(|a| a.is_ascii_lowercase())
        {
            spaced.push(' ');
            spaced.extend(next);
            spaced.extend(after);
            i = i.saturating_add(3);
        } else {
            spaced.push(c);
            i = i.saturating_add(1);
        }
    }
    let mut out = String::with_capacity(spaced.len());
    for (n, w) in spaced.split_whitespace().enumerate() {
        // 3. Other non-word characters to underscores.
        let mut w: String = w.chars().map(|c| if word(c) { c } else { '_' }).collect();
        // 4. Leading digits of the first word to its end.
        if n == 0 {
            let digits = w.chars().take_while(char::is_ascii_digit).count();
            if digits > 0 {
                let rest = w.split_off(digits);
                w = rest + &w;
            }
        }
        // 5. Capitalise, 6. join.
        let mut cs = w.chars();
        if let Some(first) = cs.next() {
            out.extend(first.to_uppercase());
            out.extend(cs);
        }
    }
    out
}

/// The `(value, name)` pairs of the enumeration table carried under `t`.
fn enumeration_table(t: Tag) -> Option<&'static [(u32, &'static str)]> {
    (t != CryptographicUsageMask::TAG && t != StorageStatusMask::TAG)
        .then(|| table_entries(t))
        .flatten()
}

/// The `(bit, name)` pairs of the bit-mask table carried under `t`.
fn mask_table(t: Tag) -> Option<&'static [(u32, &'static str)]> {
    (t == CryptographicUsageMask::TAG || t == StorageStatusMask::TAG)
        .then(|| table_entries(t))
        .flatten()
}

/// The tag with this normalised name.
fn tag_by_name(name: &str) -> Option<Tag> {
    static NAMES: OnceLock<HashMap<String, Tag>> = OnceLock::new();
    NAMES
        .get_or_init(|| {
            tag::ALL
                .iter()
                .filter_map(|t| Some((camel_case(tag::name(*t)?), *t)))
                .collect()
        })
        .get(name)
        .copied()
}

/// The normalised name of a tag the tables know.
pub(crate) fn tag_name(t: Tag) -> Option<String> {
    tag::name(t).map(camel_case)
}

/// `0x` and exactly `digits` hex digits (either case), as a number.
fn hex_number(text: &str, digits: usize) -> Option<u64> {
    let h = text
        .strip_prefix("0x")
        .or_else(|| text.strip_prefix("0X"))?;
    if h.len() != digits || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u64::from_str_radix(h, 16).ok()
}

/// Hex digits (no prefix, even count) as bytes.
fn hex_bytes(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i.saturating_add(2))?, 16).ok())
        .collect()
}

/// A tag as written: a name the tables know, or `0x` and six hex digits.
fn resolve_tag(text: &str) -> Option<Tag> {
    match hex_number(text, 6) {
        // Only the standard (0x42XXXX) and extension (0x54XXXX) ranges are tags.
        Some(v) => u32::try_from(v)
            .ok()
            .map(Tag::new)
            .filter(|t| t.is_standard() || t.is_extension()),
        None => tag_by_name(text),
    }
}

fn item_type_by_name(name: &str) -> Option<ItemType> {
    Some(match name {
        "Structure" => ItemType::Structure,
        "Integer" => ItemType::Integer,
        "LongInteger" => ItemType::LongInteger,
        "BigInteger" => ItemType::BigInteger,
        "Enumeration" => ItemType::Enumeration,
        "Boolean" => ItemType::Boolean,
        "TextString" => ItemType::TextString,
        "ByteString" => ItemType::ByteString,
        "DateTime" => ItemType::DateTime,
        "Interval" => ItemType::Interval,
        _ => return None,
    })
}

/// The normalised name of an item type.
pub(crate) fn item_type_name(t: ItemType) -> &'static str {
    match t {
        ItemType::Structure => "Structure",
        ItemType::Integer => "Integer",
        ItemType::LongInteger => "LongInteger",
        ItemType::BigInteger => "BigInteger",
        ItemType::Enumeration => "Enumeration",
        ItemType::Boolean => "Boolean",
        ItemType::TextString => "TextString",
        ItemType::ByteString => "ByteString",
        ItemType::DateTime => "DateTime",
        ItemType::Interval => "Interval",
    }
}

/// The error for text that cannot be encoded, at `offset` in the text.
pub(crate) fn syntax(encoding: TextEncoding, offset: usize, reason: impl Into<String>) -> Error {
    Error::new(
        ErrorKind::Syntax {
            encoding,
            reason: reason.into(),
        },
        offset,
    )
}

/// Encodes a parsed text item as TTLV.
pub(crate) fn to_ttlv(item: &TextItem, encoding: TextEncoding) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    let mut w = Writer::new(&mut out);
    let mut result = Ok(());
    write_item(&mut w, item, None, 1, encoding, &mut result);
    result?;
    w.finish()?;
    // What was written is one valid item (the checks above make sure of it; this keeps the
    // promise whatever they miss).
    kmip_ttlv::decode(&out)?;
    Ok(out)
}

/// The table an Attribute Value's enumeration or mask is read with: that of the tag named
/// like the attribute ("Cryptographic Algorithm"), if the attribute is a standard one.
fn attribute_table(name: &str) -> Option<Tag> {
    // The vectors extracted from the specification's HTML keep its line breaks as runs of
    // spaces ("Cryptographic   Usage Mask"): the name is compared with single spaces.
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    tag::from_name(&name)
}

fn write_item(
    w: &mut Writer<'_, Vec<u8>>,
    item: &TextItem,
    table: Option<Tag>,
    depth: usize,
    encoding: TextEncoding,
    result: &mut Result<(), Error>,
) {
    if result.is_err() {
        return;
    }
    let fail = |reason: String| syntax(encoding, item.offset, reason);
    let Some(t) = resolve_tag(&item.tag) else {
        *result = Err(fail(format!("unknown tag {:?}", item.tag)));
        return;
    };
    let item_type = match item.item_type.as_deref() {
        None => ItemType::Structure,
        Some(name) => match item_type_by_name(name) {
            Some(t) => t,
            None => {
                *result = Err(fail(format!("unknown type {name:?}")));
                return;
            }
        },
    };
    if item_type == ItemType::Structure {
        if depth >= MAX_DEPTH {
            *result = Err(fail(format!("nesting deeper than {MAX_DEPTH}")));
            return;
        }
        let children: &[TextItem] = match &item.body {
            Body::Structure(c) => c,
            Body::Empty => &[],
            Body::Value(_) => {
                *result = Err(fail("a Structure holds items, not a value".into()));
                return;
            }
        };
        w.structure(t, |w| {
            // An Attribute Value is read with the table its Attribute Name names.
            let mut attribute: Option<Tag> = None;
            for child in children {
                let child_table = match resolve_tag(&child.tag) {
                    Some(tag::ATTRIBUTE_VALUE) => attribute,
                    _ => None,
                };
                write_item(
                    w,
                    child,
                    child_table,
                    depth.saturating_add(1),
                    encoding,
                    result,
                );
                // Only a Text String names an attribute (as when writing: an Attribute Name
                // of another type leaves the table as it was).
                if resolve_tag(&child.tag) == Some(tag::ATTRIBUTE_NAME)
                    && child.item_type.as_deref() == Some("TextString")
                    && let Body::Value(Scalar::Str(name)) = &child.body
                {
                    attribute = attribute_table(name);
                }
            }
        });
        return;
    }
    let Body::Value(value) = &item.body else {
        *result = Err(fail(format!(
            "a {} needs a value",
            item_type_name(item_type)
        )));
        return;
    };
    let table = table.unwrap_or(t);
    match scalar(item_type, table, value) {
        Ok(v) => {
            w.value(t, &v.as_value());
        }
        Err(reason) => *result = Err(fail(reason)),
    }
}

/// An owned TTLV value, to hand to [`Writer::value`].
enum Owned {
    Integer(i32),
    LongInteger(i64),
    BigInteger(Vec<u8>),
    Enumeration(u32),
    Boolean(bool),
    TextString(String),
    ByteString(Vec<u8>),
    DateTime(i64),
    Interval(u32),
}

impl Owned {
    fn as_value(&self) -> Value<'_> {
        match self {
            Self::Integer(v) => Value::Integer(*v),
            Self::LongInteger(v) => Value::LongInteger(*v),
            Self::BigInteger(v) => Value::BigInteger(v),
            Self::Enumeration(v) => Value::Enumeration(*v),
            Self::Boolean(v) => Value::Boolean(*v),
            Self::TextString(v) => Value::TextString(v),
            Self::ByteString(v) => Value::ByteString(v),
            Self::DateTime(v) => Value::DateTime(*v),
            Self::Interval(v) => Value::Interval(*v),
        }
    }
}

/// Reads a scalar of `item_type` whose names come from the table of `table`.
fn scalar(item_type: ItemType, table: Tag, value: &Scalar) -> Result<Owned, String> {
    let bad = || format!("invalid {} value {value:?}", item_type_name(item_type));
    let int = |v: &i128| i64::try_from(*v).map_err(|_| bad());
    Ok(match (item_type, value) {
        (ItemType::Integer, Scalar::Int(v)) => {
            Owned::Integer(i32::try_from(*v).map_err(|_| bad())?)
        }
        (ItemType::Integer, Scalar::Str(s)) => Owned::Integer(integer(s, table).ok_or_else(bad)?),
        (ItemType::LongInteger, Scalar::Int(v)) => Owned::LongInteger(int(v)?),
        (ItemType::LongInteger, Scalar::Str(s)) => Owned::LongInteger(match hex_number(s, 16) {
            Some(v) => i64::from_be_bytes(v.to_be_bytes()),
            None => decimal(s).ok_or_else(bad)?,
        }),
        (ItemType::BigInteger, Scalar::Int(v)) => Owned::BigInteger(int(v)?.to_be_bytes().to_vec()),
        (ItemType::BigInteger, Scalar::Str(s)) => {
            let digits = s.strip_prefix("0x").unwrap_or(s);
            let mut bytes = hex_bytes(digits).ok_or_else(bad)?;
            // Sign-extended to a multiple of 8 bytes, as TTLV requires.
            let fill = if bytes.first().is_some_and(|b| b & 0x80 != 0) {
                0xFF
            } else {
                0
            };
            let pad = bytes.len().wrapping_neg() % 8;
            if bytes.is_empty() {
                bytes = vec![0; 8];
            } else if pad > 0 {
                let mut v = vec![fill; pad];
                v.extend_from_slice(&bytes);
                bytes = v;
            }
            Owned::BigInteger(bytes)
        }
        (ItemType::Enumeration, Scalar::Int(v)) => {
            Owned::Enumeration(u32::try_from(*v).map_err(|_| bad())?)
        }
        (ItemType::Enumeration, Scalar::Str(s)) => Owned::Enumeration(match hex_number(s, 8) {
            Some(v) => u32::try_from(v).map_err(|_| bad())?,
            None => enumeration_table(table)
                .and_then(|t| t.iter().find(|(_, n)| camel_case(n) == *s))
                .map(|(v, _)| *v)
                .ok_or_else(|| format!("unknown enumeration value {s:?} for {table}"))?,
        }),
        (ItemType::Boolean, Scalar::Bool(b)) => Owned::Boolean(*b),
        (ItemType::Boolean, Scalar::Str(s)) => Owned::Boolean(match s.as_str() {
            "true" | "1" => true,
            "false" | "0" => false,
            _ => match hex_number(s, 16) {
                Some(0) => false,
                Some(1) => true,
                _ => return Err(bad()),
            },
        }),
        (ItemType::TextString, Scalar::Str(s)) => Owned::TextString(s.clone()),
        (ItemType::ByteString, Scalar::Str(s)) => Owned::ByteString(hex_bytes(s).ok_or_else(bad)?),
        (ItemType::DateTime, Scalar::Int(v)) => Owned::DateTime(int(v)?),
        (ItemType::DateTime, Scalar::Str(s)) => Owned::DateTime(match hex_number(s, 16) {
            Some(v) => i64::from_be_bytes(v.to_be_bytes()),
            None => kmip_ttlv::date_time::parse(s).ok_or_else(bad)?,
        }),
        (ItemType::Interval, Scalar::Int(v)) => {
            Owned::Interval(u32::try_from(*v).map_err(|_| bad())?)
        }
        (ItemType::Interval, Scalar::Str(s)) => Owned::Interval(match hex_number(s, 8) {
            Some(v) => u32::try_from(v).map_err(|_| bad())?,
            None => s.parse().map_err(|_| bad())?,
        }),
        _ => return Err(bad()),
    })
}

/// A decimal number: an optional minus sign and digits.
fn decimal<T: core::str::FromStr>(s: &str) -> Option<T> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// An Integer: decimal, `0x` and eight hex digits, or for a mask, its bits' names and hex
/// words separated by spaces or `|`.
fn integer(s: &str, table: Tag) -> Option<i32> {
    if let Some(v) = decimal::<i32>(s) {
        return Some(v);
    }
    if let Some(v) = hex_number(s, 8) {
        return Some(i32::from_be_bytes(u32::try_from(v).ok()?.to_be_bytes()));
    }
    let bits = mask_table(table)?;
    let mut mask = 0u32;
    let mut any = false;
    for token in s.split(|c: char| c == '|' || c.is_whitespace()) {
        if token.is_empty() {
            continue;
        }
        any = true;
        mask |= match hex_number(token, 8) {
            Some(v) => u32::try_from(v).ok()?,
            None => bits.iter().find(|(_, n)| camel_case(n) == token)?.0,
        };
    }
    any.then(|| i32::from_be_bytes(mask.to_be_bytes()))
}

/// How a TTLV item is written in text: its tag (a name, or `None` for hex), its type's name,
/// and its value (`None` for a structure).
pub(crate) struct Written {
    pub tag_name: Option<String>,
    pub tag_hex: String,
    pub item_type: &'static str,
    pub value: Option<WrittenValue>,
}

/// A scalar as text: a string, or (for JSON) a number or boolean.
pub(crate) enum WrittenValue {
    Str(String),
    Number(i64),
    Bool(bool),
}

/// How to write `item`, whose enumeration or mask names come from the table of `table` (an
/// Attribute Value's attribute) or else of its own tag; `json` selects JSON's forms (`|`
/// between mask names, large Long Integers and Big Integers as `0x` hex strings).
pub(crate) fn written(item: &Item<'_>, table: Option<Tag>, json: bool) -> Written {
    let t = item.tag();
    let table = table.unwrap_or(t);
    let hex8 = |v: u32| format!("0x{v:08x}");
    let value = match item.value() {
        Value::Structure(_) => None,
        Value::Integer(v) => Some(match mask_table(table) {
            Some(bits) if v != 0 => {
                let mut rest = u32::from_be_bytes(v.to_be_bytes());
                let mut words: Vec<String> = Vec::new();
                for (b, name) in bits {
                    if rest & b == *b && *b != 0 {
                        words.push(camel_case(name));
                        rest &= !b;
                    }
                }
                if rest != 0 {
                    words.push(hex8(rest));
                }
                WrittenValue::Str(words.join(if json { "|" } else { " " }))
            }
            _ => WrittenValue::Number(i64::from(v)),
        }),
        Value::LongInteger(v) => Some(if json && v.unsigned_abs() >= 1 << 52 {
            WrittenValue::Str(format!("0x{v:016x}"))
        } else {
            WrittenValue::Number(v)
        }),
        Value::BigInteger(b) => Some(WrittenValue::Str(if json {
            format!("0x{}", hex(b))
        } else {
            hex(b)
        })),
        Value::Enumeration(v) => Some(WrittenValue::Str(
            enumeration_table(table)
                .and_then(|t| t.iter().find(|(x, _)| *x == v))
                .map_or_else(|| hex8(v), |(_, name)| camel_case(name)),
        )),
        Value::Boolean(b) => Some(WrittenValue::Bool(b)),
        Value::TextString(s) => Some(WrittenValue::Str(s.to_owned())),
        Value::ByteString(b) => Some(WrittenValue::Str(hex(b))),
        Value::DateTime(v) => Some(WrittenValue::Str(
            // Years 0000-9999 as ISO 8601 (which parses back); anything else in hex.
            if (-62_167_219_200..=253_402_300_799).contains(&v) {
                kmip_ttlv::date_time::Rfc3339(v).to_string()
            } else {
                format!("0x{v:016x}")
            },
        )),
        Value::Interval(v) => Some(WrittenValue::Number(i64::from(v))),
    };
    Written {
        tag_name: tag_name(t),
        tag_hex: format!("0x{:06x}", t.value()),
        item_type: item_type_name(item.item_type()),
        value,
    }
}

/// The table the children of `item` that are Attribute Values are written with, child by
/// child: call with each child in order.
#[derive(Default)]
pub(crate) struct AttributeContext {
    table: Option<Tag>,
}

impl AttributeContext {
    /// The table for `child` (an Attribute Value after an Attribute Name), and notes the name.
    pub(crate) fn table_for(&mut self, child: &Item<'_>) -> Option<Tag> {
        let table = (child.tag() == tag::ATTRIBUTE_VALUE)
            .then_some(self.table)
            .flatten();
        if child.tag() == tag::ATTRIBUTE_NAME
            && let Some(name) = child.as_text_string()
        {
            self.table = attribute_table(name);
        }
        table
    }
}

/// Lower-case hex of bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    kmip_ttlv::Hex(bytes).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_follows_the_specification_rules() {
        assert_eq!(camel_case("Activation Date"), "ActivationDate");
        assert_eq!(camel_case("IV/Counter/Nonce"), "IVCounterNonce");
        assert_eq!(
            camel_case("X.509 Certificate Identifier"),
            "X_509CertificateIdentifier"
        );
        assert_eq!(camel_case("On-line storage"), "OnLineStorage");
        assert_eq!(
            camel_case("Uninterpreted Text String"),
            "UninterpretedTextString"
        );
        assert_eq!(camel_case("RSASSA-PSS"), "RSASSA_PSS");
        assert_eq!(camel_case("P-256"), "P_256");
        assert_eq!(camel_case("SHA-256"), "SHA_256");
        assert_eq!(camel_case("Server Hashed Password"), "ServerHashedPassword");
    }

    #[test]
    fn every_tag_and_enumeration_name_is_unique_after_normalising() {
        let mut seen = HashMap::new();
        for t in tag::ALL {
            let name = camel_case(tag::name(*t).unwrap());
            assert!(seen.insert(name.clone(), *t).is_none(), "{name}");
            assert_eq!(resolve_tag(&name), Some(*t));
        }
        for t in tag::ALL {
            if let Some(table) = enumeration_table(*t) {
                let mut names = HashMap::new();
                for (v, n) in table {
                    assert!(names.insert(camel_case(n), v).is_none(), "{t}: {n}");
                }
            }
        }
    }
}
