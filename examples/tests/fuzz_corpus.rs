//! Replays the checked-in fuzz corpora (`fuzz/corpus/kms_request/`,
//! `fuzz/corpus/disk_header/`, `fuzz/corpus/ttlv_dump/`: seeds and any regression inputs) through the fuzz target
//! bodies, so plain `cargo test` re-checks every input the fuzzers kept.

use std::path::{Path, PathBuf};

use kmip_examples::fuzz_targets::{KmsRequestTarget, disk_header, ttlv_dump};

/// Every file of `fuzz/corpus/<target>/`, sorted (for a stable order).
fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "empty corpus {}", dir.display());
    files
}

fn replay(target: &str, mut body: impl FnMut(&[u8])) {
    let files = corpus(target);
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| body(&bytes)));
        if outcome.is_err() {
            panic!("{target}: {} broke an invariant", path.display());
        }
    }
    println!("{target}: replayed {} inputs", files.len());
}

#[test]
fn kms_request_corpus() {
    // One server per test, as the fuzzer has one per process; its directory goes with it.
    let target = KmsRequestTarget::new();
    replay("kms_request", |data| target.run(data));
}

#[test]
fn disk_header_corpus() {
    replay("disk_header", disk_header);
}

#[test]
fn ttlv_dump_corpus() {
    replay("ttlv_dump", ttlv_dump);
}
