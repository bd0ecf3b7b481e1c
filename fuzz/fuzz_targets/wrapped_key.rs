#![no_main]

// Body: key_hierarchy::fuzz_targets::wrapped_key (also replayed by `cargo test`).
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    key_hierarchy::fuzz_targets::wrapped_key(data);
});
