//! Arbitrary bytes as a disk-crypt volume header slot: decoding never panics and what
//! decodes re-encodes canonically; the body is `kmip_examples::fuzz_targets::disk_header`,
//! which the corpus replays under `cargo test`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kmip_examples::fuzz_targets::disk_header(data);
});
