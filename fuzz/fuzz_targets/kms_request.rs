//! Arbitrary bytes as one request message to kms-server's KMIP layer over a real store; the
//! body is `kmip_examples::fuzz_targets::kms_request`, which the corpus replays under
//! `cargo test`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kmip_examples::fuzz_targets::kms_request(data);
});
