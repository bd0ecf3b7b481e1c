//! Shared test helpers: a deterministic RNG, a `Name = hex` vector-file reader, hex.
#![allow(dead_code, reason = "each test binary uses a different subset")]

use std::collections::BTreeMap;
use std::path::Path;

use key_hierarchy::{Error, KeyId, SecureRandom};
use sha2::{Digest, Sha256};

/// Deterministic generator for reproducible tests: SHA-256(seed ‖ counter) blocks. Not secure
/// (anyone who knows the seed knows every key); never use outside tests.
pub struct TestRng {
    seed: u64,
    counter: u64,
}

impl TestRng {
    pub fn new(seed: u64) -> Self {
        TestRng { seed, counter: 0 }
    }
}

impl SecureRandom for TestRng {
    fn fill(&mut self, dest: &mut [u8]) -> Result<(), Error> {
        for chunk in dest.chunks_mut(32) {
            let mut h = Sha256::new();
            h.update(self.seed.to_be_bytes());
            h.update(self.counter.to_be_bytes());
            self.counter += 1;
            let block = h.finalize();
            chunk.copy_from_slice(&block[..chunk.len()]);
        }
        Ok(())
    }
}

/// A generator that always fails, to check error paths.
pub struct FailingRng;

impl SecureRandom for FailingRng {
    fn fill(&mut self, _dest: &mut [u8]) -> Result<(), Error> {
        Err(Error::RandomFailed { os_error: Some(5) })
    }
}

pub fn id(s: &str) -> KeyId {
    KeyId::new(s.as_bytes()).unwrap()
}

pub fn hex(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(s.len().is_multiple_of(2), "odd hex length in {s:?}");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

pub fn to_hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// One `Name = value` block of a vector file.
#[derive(Debug)]
pub struct Block {
    pub line: usize,
    pub fields: BTreeMap<String, String>,
}

impl Block {
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .get(name)
            .unwrap_or_else(|| panic!("block at line {} has no {name}", self.line))
    }

    pub fn hex(&self, name: &str) -> Vec<u8> {
        hex(self.get(name))
    }
}

/// Read `tests/data/<name>`: `#` comment lines, blocks of `Name = value` lines separated by
/// blank lines. The file must start with a provenance comment.
pub fn read_blocks(name: &str) -> Vec<Block> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        text.lines()
            .take(10)
            .any(|l| l.starts_with('#') && l.contains("Provenance")),
        "{name} has no provenance line"
    );
    let mut blocks = Vec::new();
    let mut current: Option<Block> = None;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.starts_with('#') {
            continue;
        }
        if line.is_empty() {
            if let Some(b) = current.take() {
                blocks.push(b);
            }
            continue;
        }
        let (k, v) = line
            .split_once('=')
            .unwrap_or_else(|| panic!("{name}:{}: not `Name = value`", n + 1));
        let block = current.get_or_insert_with(|| Block {
            line: n + 1,
            fields: BTreeMap::new(),
        });
        let old = block
            .fields
            .insert(k.trim().to_string(), v.trim().to_string());
        assert!(old.is_none(), "{name}:{}: duplicate field", n + 1);
    }
    if let Some(b) = current {
        blocks.push(b);
    }
    blocks
}
