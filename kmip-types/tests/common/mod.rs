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

/// Every fixture of every `tests/data/*.txt` file.
pub fn all() -> Vec<Fixture> {
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
