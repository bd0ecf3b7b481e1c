#![no_main]
//! kmip-ttlv: see `kmip_ttlv::fuzz_targets::frame_target`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kmip_ttlv::fuzz_targets::frame_target(data));
