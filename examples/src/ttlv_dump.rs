//! `ttlv-dump`: print TTLV messages (binary or hex, file or stdin) as readable trees.

use std::fmt::Write as _;

use kmip_ttlv::{HEADER_LEN, Limits, decode_with, padded};

/// How to read the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// Decide from the contents: text made only of hex digits, whitespace, `|` and `#`
    /// comment lines is hex, anything else binary.
    Detect,
    /// Hex text.
    Hex,
    /// Raw bytes.
    Binary,
}

/// Options of one dump.
#[derive(Clone, Copy, Debug)]
pub struct DumpOptions {
    /// Input format.
    pub format: InputFormat,
    /// Print key material instead of redacting it.
    pub reveal_secrets: bool,
    /// Decoder limits (padding strictness, depth, length).
    pub limits: Limits,
}

impl Default for DumpOptions {
    fn default() -> Self {
        Self {
            format: InputFormat::Detect,
            reveal_secrets: false,
            limits: Limits::DEFAULT,
        }
    }
}

/// Parses hex text: whitespace, `|`, `:` and `,` separators and `#` comments are ignored, as is
/// a `0x` prefix on a group.
///
/// # Errors
/// A character that is not hex, or an odd number of digits.
pub fn parse_hex(text: &str) -> Result<Vec<u8>, String> {
    let mut digits = String::with_capacity(text.len());
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or_default();
        for word in line.split(|c: char| c.is_whitespace() || "|:,".contains(c)) {
            let word = word
                .strip_prefix("0x")
                .or_else(|| word.strip_prefix("0X"))
                .unwrap_or(word);
            if let Some(c) = word.chars().find(|c| !c.is_ascii_hexdigit()) {
                return Err(format!(
                    "line {}: {c:?} is not a hex digit",
                    n.saturating_add(1)
                ));
            }
            digits.push_str(word);
        }
    }
    if !digits.len().is_multiple_of(2) {
        return Err(format!("odd number of hex digits ({})", digits.len()));
    }
    // The programs' one hex decoder.
    let mut bytes = vec![0u8; digits.len() / 2];
    if crate::util::unhex_into(&digits, &mut bytes) {
        Ok(bytes)
    } else {
        Err("not hex".into())
    }
}

fn looks_like_hex(input: &[u8]) -> bool {
    std::str::from_utf8(input).is_ok_and(|t| {
        t.lines().all(|l| {
            let l = l.split('#').next().unwrap_or_default();
            l.chars()
                .all(|c| c.is_ascii_hexdigit() || c.is_whitespace() || "|:,xX".contains(c))
        }) && t.chars().any(|c| c.is_ascii_hexdigit())
    })
}

/// Dumps every message in `input` (one item, or several concatenated as on a stream).
/// Returns the text and whether every message decoded.
pub fn dump(input: &[u8], options: &DumpOptions) -> (String, bool) {
    let hex = match options.format {
        InputFormat::Hex => true,
        InputFormat::Binary => false,
        InputFormat::Detect => looks_like_hex(input),
    };
    let bytes = if hex {
        match std::str::from_utf8(input)
            .map_err(|e| e.to_string())
            .and_then(parse_hex)
        {
            Ok(b) => b,
            Err(e) => return (format!("error: input is not hex: {e}\n"), false),
        }
    } else {
        input.to_vec()
    };
    let mut out = String::new();
    let mut rest = &bytes[..];
    let mut start = 0usize;
    let mut ok = true;
    let mut count = 0usize;
    while !rest.is_empty() {
        // One item: its header says how long it is; decoding checks everything else.
        let len = rest
            .get(4..8)
            .and_then(|l| <[u8; 4]>::try_from(l).ok())
            .and_then(|l| padded(u32::from_be_bytes(l) as usize))
            .and_then(|l| l.checked_add(HEADER_LEN))
            .unwrap_or(rest.len())
            .min(rest.len());
        let (this, next) = rest.split_at(len);
        count += 1;
        if count > 1 || !next.is_empty() {
            let _ = writeln!(out, "# message {count} at byte {start}, {len} bytes");
        }
        match decode_with(this, &options.limits) {
            Ok(item) => {
                let _ = write!(
                    out,
                    "{}",
                    item.pretty().reveal_secrets(options.reveal_secrets)
                );
            }
            Err(e) => {
                ok = false;
                let _ = writeln!(out, "error: {e}");
                if start > 0 {
                    let _ = writeln!(out, "  (offsets are from byte {start} of the input)");
                }
                break;
            }
        }
        rest = next;
        start += len;
    }
    if count == 0 {
        out.push_str("error: no input\n");
        ok = false;
    }
    (out, ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_forms() {
        assert_eq!(
            parse_hex("42 00 | 20 # c\n0x0102").unwrap(),
            vec![0x42, 0, 0x20, 1, 2]
        );
        assert!(parse_hex("4").is_err());
        assert!(parse_hex("zz").is_err());
    }

    #[test]
    fn dumps_the_bundled_sample_in_both_forms() {
        let hex = include_str!("../data/vcenter-create-request.hex");
        let bin = include_bytes!("../data/vcenter-create-request.ttlv");
        let (a, ok_a) = dump(hex.as_bytes(), &DumpOptions::default());
        let (b, ok_b) = dump(bin, &DumpOptions::default());
        assert!(ok_a && ok_b);
        assert_eq!(a, b);
        assert!(
            a.contains("Text String: \"Cryptographic Usage Mask\""),
            "{a}"
        );
        // Two concatenated messages, then a truncated third.
        let mut three = bin.to_vec();
        three.extend_from_slice(bin);
        three.extend_from_slice(&bin[..20]);
        let (c, ok_c) = dump(&three, &DumpOptions::default());
        assert!(!ok_c);
        assert!(c.contains("# message 2 at byte 296, 296 bytes"), "{c}");
        assert!(c.contains("error: truncated"), "{c}");
    }
}
