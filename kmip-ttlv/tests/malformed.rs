//! The malformed-input corpus: one file per defect under `tests/data/malformed/`, each decoded
//! and checked for its specific error kind, byte offset and tag path.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use kmip_ttlv::{ErrorKind, Limit, decode};

fn variant_name(kind: &ErrorKind) -> String {
    format!("{kind:?}")
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect()
}

#[test]
fn every_malformed_file_fails_with_its_kind_offset_and_path() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/malformed");
    let expected: BTreeMap<String, String> = std::fs::read_to_string(dir.join("expected.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (file, what) = l.split_once(" = ").unwrap();
            (file.to_string(), what.to_string())
        })
        .collect();
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".ttlv"))
        .collect();
    files.sort();
    assert_eq!(
        files,
        expected.keys().cloned().collect::<Vec<_>>(),
        "every file has an expectation and every expectation a file"
    );
    for (file, what) in &expected {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let err = decode(&bytes).expect_err(file);
        let mut parts = what.split(' ');
        let kind = parts.next().unwrap();
        let offset: usize = parts.next().unwrap().parse().unwrap();
        let path: Vec<u32> = parts
            .next()
            .map(|p| {
                p.split('/')
                    .map(|t| u32::from_str_radix(t, 16).unwrap())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(variant_name(err.kind()), kind, "{file}: {err}");
        assert_eq!(err.offset(), offset, "{file}: {err}");
        assert_eq!(
            err.path().iter().map(|t| t.value()).collect::<Vec<_>>(),
            path,
            "{file}: {err}"
        );
        // The message names the offset.
        assert!(
            err.to_string().contains(&format!("at byte {offset}")),
            "{file}: {err}"
        );
    }
}

#[test]
fn error_kinds_carry_their_data() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/malformed");
    let read = |n: &str| std::fs::read(dir.join(n)).unwrap();
    let e = decode(&read("truncated-value.ttlv")).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::Truncated {
            needed: 24,
            available: 16
        }
    );
    let e = decode(&read("header-claims-4-gib.ttlv")).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::LimitExceeded {
            limit: Limit::Length,
            value: 0xFFFF_FFF8 + 8,
            max: 16 << 20
        }
    );
    let e = decode(&read("nesting-33-deep.ttlv")).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::LimitExceeded {
            limit: Limit::Depth,
            value: 33,
            max: 32
        }
    );
    let e = decode(&read("boolean-value-2.ttlv")).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::InvalidBoolean(2));
    let e = decode(&read("trailing-second-message.ttlv")).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::TrailingData { remaining: 16 });
}

#[test]
fn lenient_padding_accepts_garbage_padding_only() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/malformed");
    let lenient = kmip_ttlv::Limits::DEFAULT.with_strict_padding(false);
    for f in [
        "nonzero-padding-integer.ttlv",
        "nonzero-padding-text-string.ttlv",
        "nonzero-padding-byte-string-in-structure.ttlv",
    ] {
        let bytes = std::fs::read(dir.join(f)).unwrap();
        let item = kmip_ttlv::decode_with(&bytes, &lenient).unwrap();
        assert_eq!(item.raw(), &bytes[..]);
    }
    let bytes = std::fs::read(dir.join("boolean-value-2.ttlv")).unwrap();
    assert!(kmip_ttlv::decode_with(&bytes, &lenient).is_err());
}

#[test]
fn a_million_deep_nesting_is_an_error_not_a_crash() {
    // 1_000_000 nested empty-bodied structure headers: each claims the rest of the input.
    let depth = 1_000_000usize;
    let mut bytes = Vec::with_capacity(depth * 8);
    for i in 0..depth {
        let len = ((depth - i - 1) * 8) as u32;
        bytes.extend_from_slice(&[0x42, 0x00, 0x78, 0x01]);
        bytes.extend_from_slice(&len.to_be_bytes());
    }
    let err = decode(&bytes).unwrap_err();
    assert!(
        matches!(
            err.kind(),
            ErrorKind::LimitExceeded {
                limit: Limit::Depth,
                ..
            }
        ),
        "{err}"
    );
    // Even the highest depth a caller may configure is bounded.
    let deep = kmip_ttlv::Limits::DEFAULT.with_max_depth(usize::MAX);
    let err = kmip_ttlv::decode_with(&bytes, &deep).unwrap_err();
    assert!(
        matches!(
            err.kind(),
            ErrorKind::LimitExceeded {
                limit: Limit::Depth,
                max: 256,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn the_item_past_max_items_is_refused_before_it_is_read() {
    use kmip_ttlv::{Limits, Tag, Writer, decode_with};
    // A structure holding 99 integers and one structure with one integer: 102 items.
    let mut bytes = Vec::new();
    let mut w = Writer::new(&mut bytes);
    w.structure(Tag::new(0x420078), |w| {
        for i in 0..99 {
            w.integer(Tag::new(0x42000D), i);
        }
        w.structure(Tag::new(0x42000F), |w| {
            w.integer(Tag::new(0x42000D), 7);
        });
    });
    w.finish().unwrap();
    assert!(decode_with(&bytes, &Limits::DEFAULT.with_max_items(102)).is_ok());
    let e = decode_with(&bytes, &Limits::DEFAULT.with_max_items(101)).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::LimitExceeded {
            limit: Limit::Items,
            value: 102,
            max: 101
        }
    );
    // The 102nd item is the inner integer: header 8 + 99 * 16 + the inner structure's header.
    assert_eq!(e.offset(), 8 + 99 * 16 + 8);
    assert!(
        e.to_string()
            .contains("item count limit exceeded: 102 > 101"),
        "{e}"
    );
    let e = decode_with(&bytes, &Limits::DEFAULT.with_max_items(0)).unwrap_err();
    assert_eq!(e.offset(), 0);
    // The default admits what 16 MiB can hold.
    assert_eq!(Limits::DEFAULT.max_items(), 1 << 20);
}
