//! The decoder's fast validating path against its reference validator: every input either
//! decodes the same way through both or is rejected by both (the fast path then hands the
//! input to the reference, which explains the defect). Seeds: the checked-in fuzzing corpus,
//! the §9.1.2 examples and the malformed-input corpus; each is tried whole, truncated at every
//! length and with every byte replaced by values that hit the header checks (tag prefixes,
//! item types, length bits, Boolean and UTF-8 values, padding). Nesting is tried at every depth
//! around the limits.

mod common;

use std::path::Path;

use kmip_ttlv::fuzz_targets::validators_agree;

fn seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        root.join("../fuzz/corpus/ttlv_decode"),
        root.join("tests/data/malformed"),
    ] {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_none_or(|e| e != "txt"))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "no seeds in {}", dir.display());
        out.extend(files.iter().map(|p| std::fs::read(p).unwrap()));
    }
    let spec = std::fs::read_to_string(root.join("tests/data/spec_9_1_2_examples.txt")).unwrap();
    for block in common::blocks(&spec) {
        let encoding = block.iter().find(|(k, _)| k == "Encoding").unwrap();
        out.push(common::hex(&encoding.1));
    }
    out
}

#[test]
fn every_byte_mutation_and_truncation_of_the_seeds() {
    let mut tried = 0usize;
    for seed in seeds().iter().filter(|s| s.len() <= 512) {
        validators_agree(seed);
        for len in 0..seed.len() {
            validators_agree(&seed[..len]);
        }
        let mut m = seed.clone();
        for i in 0..seed.len() {
            let orig = seed[i];
            for v in [
                0x00,
                0xFF,
                orig ^ 0x01,
                orig ^ 0x04,
                orig ^ 0x80,
                0x01,
                0x06,
                0x07,
                0x42,
                0x54,
            ] {
                m[i] = v;
                validators_agree(&m);
                tried += 1;
            }
            m[i] = orig;
        }
    }
    assert!(tried > 10_000, "only {tried} mutations");
}

/// `depth` structures nested in one another, the innermost holding one Integer (or nothing).
fn nested(depth: usize, leaf: bool) -> Vec<u8> {
    let mut item = if leaf {
        vec![0x42, 0x00, 0x01, 0x02, 0, 0, 0, 4, 0, 0, 0, 7, 0, 0, 0, 0]
    } else {
        Vec::new()
    };
    for _ in 0..depth {
        let mut outer = vec![0x42, 0x00, 0x01, 0x01];
        outer.extend_from_slice(&(item.len() as u32).to_be_bytes());
        outer.extend_from_slice(&item);
        item = outer;
    }
    item
}

#[test]
fn nesting_at_every_depth_around_the_limits() {
    for depth in 1..=40 {
        for leaf in [false, true] {
            let bytes = nested(depth, leaf);
            validators_agree(&bytes);
            for max in [1, 2, 3, 31, 32, 33, 34, 35, 36, 64, 256] {
                let limits = kmip_ttlv::Limits::DEFAULT.with_max_depth(max);
                // The nesting depth counts the leaf as one more level.
                let reference_ok = depth + usize::from(leaf) <= max;
                assert_eq!(
                    kmip_ttlv::decode_with(&bytes, &limits).is_ok(),
                    reference_ok,
                    "depth {depth}, leaf {leaf}, max {max}"
                );
            }
        }
    }
}
