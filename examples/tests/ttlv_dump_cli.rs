//! The ttlv-dump program prints KMIP names once kmip-types' naming hook is installed.

use std::process::Command;

#[test]
fn dumps_the_sample_with_kmip_names() {
    let out = Command::new(env!("CARGO_BIN_EXE_ttlv-dump"))
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/vcenter-create-request.ttlv"
        ))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "Request Message (0x420078) Structure",
        "Operation (0x42005C) Enumeration: Create (0x00000001)",
        "Attribute Name (0x42000A) Text String: \"Cryptographic Usage Mask\"",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from\n{text}");
    }
    let bad = Command::new(env!("CARGO_BIN_EXE_ttlv-dump"))
        .arg("--hex")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .output()
        .unwrap();
    assert!(!bad.status.success());
}
