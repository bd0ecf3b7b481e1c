//! Replays every checked-in input of the `xts_differential` fuzz target under plain `cargo test`.

use std::path::Path;

#[test]
fn replay_xts_differential_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/xts_differential");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("corpus directory") {
        let path = entry.expect("directory entry").path();
        if path.is_file() {
            let input = std::fs::read(&path).expect("corpus file");
            xts_engine::fuzz_targets::xts_differential(&input);
            n += 1;
        }
    }
    println!("replayed {n} inputs from {}", dir.display());
    assert!(n > 0, "the corpus is empty");
}
