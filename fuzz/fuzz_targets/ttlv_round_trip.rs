#![no_main]
//! kmip-ttlv: see `kmip_ttlv::fuzz_targets::round_trip`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kmip_ttlv::fuzz_targets::round_trip(data));
