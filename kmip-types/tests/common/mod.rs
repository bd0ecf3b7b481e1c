//! Helpers shared by the integration tests: reading the fixture files of `tests/data/`.
#![allow(dead_code, reason = "each test binary uses a subset")]

use std::collections::BTreeMap;
use std::path::Path;

/// One fixture: a named message, request or response, as bytes.
#[derive(Debug, Clone)]
pub struct Fixture {
    pub file: String,
    pub name: String,
    pub kind: String,
    pub bytes: Vec<u8>,
}

pub fn hex(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(s.len().is_multiple_of(2), "odd hex length");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex digit"))
        .collect()
}

/// Parses a fixture file: `#` comment lines, `[name]` sections, `key = value` lines whose value
/// continues on indented lines.
pub fn parse(file: &str, text: &str) -> Vec<Fixture> {
    let mut out = Vec::new();
    let mut current: Option<(String, BTreeMap<String, String>)> = None;
    let mut last_key = String::new();
    let mut flush = |current: &mut Option<(String, BTreeMap<String, String>)>| {
        if let Some((name, fields)) = current.take() {
            out.push(Fixture {
                file: file.to_owned(),
                name,
                kind: fields.get("kind").cloned().unwrap_or_default(),
                bytes: hex(fields.get("hex").map(String::as_str).unwrap_or("")),
            });
        }
    };
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            flush(&mut current);
            current = Some((name.to_owned(), BTreeMap::new()));
        } else if line.starts_with(' ') {
            if let Some((_, fields)) = current.as_mut() {
                fields
                    .entry(last_key.clone())
                    .or_default()
                    .push_str(line.trim());
            }
        } else if let Some((k, v)) = line.split_once('=') {
            last_key = k.trim().to_owned();
            if let Some((_, fields)) = current.as_mut() {
                fields.insert(last_key.clone(), v.trim().to_owned());
            }
        }
    }
    flush(&mut current);
    out
}

/// Every fixture: those of every `tests/data/*.txt` file, then every message of the OASIS
/// KMIP 1.1 test cases (`tests/data/oasis/v1.1/*.xml`, read by kmip-types' XML reader, named
/// as [`xml_fixtures`] says).
pub fn all() -> Vec<Fixture> {
    let mut out = text_fixtures();
    for path in oasis_files("v1.1") {
        out.extend(xml_fixtures(&path));
    }
    out
}

/// The fixtures of every `tests/data/*.txt` file.
pub fn text_fixtures() -> Vec<Fixture> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/data")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|p| {
            let text = std::fs::read_to_string(p).expect("fixture file");
            parse(&p.file_name().unwrap().to_string_lossy(), &text)
        })
        .collect()
}

/// The fixture called `name`.
pub fn get(name: &str) -> Vec<u8> {
    all()
        .into_iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no fixture {name}"))
        .bytes
}

/// The XML test cases of `tests/data/oasis/<folder>` (see its README), sorted by name.
pub fn oasis_files(folder: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/oasis")
        .join(folder);
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    out.sort();
    out
}

/// `2012-04-27T08:12:21Z`, the time `$NOW` stands for.
pub const NOW: i64 = 0x4F9A_54E5;

/// Replaces the symbolic values an OASIS test case leaves to the server, in its text: a
/// Date-Time `$NOW` (or `$NOW+600`, `$NOW-3600`: seconds later or earlier) by [`NOW`] so
/// shifted, written in ISO 8601; a Text String `$NAME` (`$UNIQUE_IDENTIFIER_0`) by `NAME`; a
/// Byte String `$NAME` by the ASCII bytes of `NAME`.
pub fn substitute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("value=\"$") {
        let (before, tail) = rest.split_at(i + "value=\"".len());
        out.push_str(before);
        let end = tail.find('"').expect("closing quote");
        let symbol = &tail[1..end];
        let kind = before
            .rsplit("type=\"")
            .next()
            .and_then(|t| t.split('"').next())
            .unwrap_or_default();
        match kind {
            "DateTime" => {
                let (name, shift) = match symbol.find(['+', '-']) {
                    Some(at) => (&symbol[..at], symbol[at..].parse::<i64>().unwrap()),
                    None => (symbol, 0),
                };
                assert_eq!(name, "NOW", "date placeholder ${symbol}");
                out.push_str(&kmip_ttlv::date_time::Rfc3339(NOW + shift).to_string());
            }
            "ByteString" => {
                for b in symbol.bytes() {
                    out.push_str(&format!("{b:02x}"));
                }
            }
            _ => out.push_str(symbol),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// The fixture name of a test case file: `TC_311_11_Create_Destroy.xml` -> `tc_311_11_create_destroy`.
pub fn case_name(file: &str) -> String {
    let base = file.trim_end_matches(".xml").to_lowercase();
    let mut name = String::new();
    for part in base
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
    {
        if !name.is_empty() {
            name.push('_');
        }
        name.push_str(part);
    }
    name
}

/// The messages of one OASIS XML test case as fixtures named
/// `xml_<case>_time_<n>_<request|response>` (`_2`, `_3`... for more of one kind in a step),
/// `n` being the `# TIME n` step the message follows, read with kmip-types' XML reader.
pub fn xml_fixtures(path: &Path) -> Vec<Fixture> {
    let file = path.file_name().unwrap().to_string_lossy().into_owned();
    let text = substitute(&std::fs::read_to_string(path).unwrap());
    let root = kmip_types::xml::parse(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    let case = case_name(&file);
    let mut counts: BTreeMap<(u32, String), usize> = BTreeMap::new();
    let mut out = Vec::new();
    for message in &root.children {
        // The last `# TIME n` marker before the message.
        let time = text[..message.offset]
            .rfind("# TIME")
            .map(|at| {
                text[at + "# TIME".len()..]
                    .split_whitespace()
                    .next()
                    .unwrap()
                    .parse::<u32>()
                    .unwrap()
            })
            .unwrap_or(0);
        let kind = match message.name.as_str() {
            "RequestMessage" => "request",
            "ResponseMessage" => "response",
            other => panic!("{file}: {other}"),
        };
        let n = counts.entry((time, kind.to_owned())).or_default();
        *n += 1;
        let suffix = if *n == 1 {
            String::new()
        } else {
            format!("_{n}")
        };
        out.push(Fixture {
            file: file.clone(),
            name: format!("xml_{case}_time_{time}_{kind}{suffix}"),
            kind: kind.to_owned(),
            bytes: message
                .to_ttlv()
                .unwrap_or_else(|e| panic!("{file}: {} at {}: {e}", message.name, e.offset())),
        });
    }
    out
}
