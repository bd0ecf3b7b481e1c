//! Every available xts-engine backend against the portable one on arbitrary key, tweak, length
//! and data. The body lives in the library so the corpus also replays under `cargo test`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    xts_engine::fuzz_targets::xts_differential(data);
});
