//! Arbitrary text read as KMIP XML and KMIP JSON; the body is
//! `kmip_types::fuzz_targets::text_decode`, which the corpus replays under `cargo test`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kmip_types::fuzz_targets::text_decode(data);
});
