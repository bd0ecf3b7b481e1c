//! Arbitrary bytes as a `ttlv-dump` input file (detected, hex and binary): no panic, and the
//! hex and binary readings agree; the body is `kmip_examples::fuzz_targets::ttlv_dump`, which
//! the corpus replays under `cargo test`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kmip_examples::fuzz_targets::ttlv_dump(data);
});
