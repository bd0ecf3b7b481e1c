//! Whatever decodes as a KMIP message re-encodes byte for byte; the body is
//! `kmip_types::fuzz_targets::message_round_trip`, which the corpus replays under `cargo test`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kmip_types::fuzz_targets::message_round_trip(data);
});
