//! Replays the checked-in cargo-fuzz corpora (`fuzz/corpus/ttlv_*`) through the same target
//! bodies the fuzzer runs, so every input the fuzzer kept is a regression test here.

use std::path::Path;

fn replay(target: &str, body: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        body(&std::fs::read(&path).unwrap());
        count += 1;
    }
    assert!(count > 0, "empty corpus {}", dir.display());
}

#[test]
fn ttlv_decode_corpus() {
    replay("ttlv_decode", kmip_ttlv::fuzz_targets::decode);
}

#[test]
fn ttlv_frame_corpus() {
    replay("ttlv_frame", kmip_ttlv::fuzz_targets::frame_target);
}

#[test]
fn ttlv_round_trip_corpus() {
    replay("ttlv_round_trip", kmip_ttlv::fuzz_targets::round_trip);
}
