//! Replays the checked-in fuzz corpora (`fuzz/corpus/message_decode/`,
//! `fuzz/corpus/message_round_trip/`: seeds and any regression inputs) through the fuzz
//! target bodies, so plain `cargo test` re-checks every input the fuzzers kept.

use std::path::Path;

fn replay(target: &str, body: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_file() {
            body(&std::fs::read(&path).unwrap());
            count += 1;
        }
    }
    assert!(count > 0, "empty corpus {}", dir.display());
    println!("{target}: replayed {count} inputs");
}

#[test]
fn message_decode_corpus() {
    replay("message_decode", kmip_types::fuzz_targets::message_decode);
}

#[test]
fn message_round_trip_corpus() {
    replay(
        "message_round_trip",
        kmip_types::fuzz_targets::message_round_trip,
    );
}

#[test]
fn text_decode_corpus() {
    replay("text_decode", kmip_types::fuzz_targets::text_decode);
}
