//! Replays the checked-in cargo-fuzz corpus of the `wrapped_key` target under `cargo test`.

use std::path::Path;

#[test]
fn replay_wrapped_key_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/wrapped_key");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_file() {
            let data = std::fs::read(&path).unwrap();
            key_hierarchy::fuzz_targets::wrapped_key(&data);
            n += 1;
        }
    }
    assert!(n >= 10, "only {n} corpus files in {}", dir.display());
}
