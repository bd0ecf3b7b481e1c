//! The vsphere-flow demonstration end to end (with a small disk), and vCenter's Create request
//! byte for byte.

use kmip_examples::vsphere::{FlowOptions, run};
use kmip_types::{
    CreateRequest, CryptographicAlgorithm, CryptographicUsageMask, ProtocolVersion, RequestMessage,
};

#[test]
fn the_whole_flow_behaves() {
    let mut out = Vec::new();
    let report = run(
        FlowOptions {
            disk_bytes: 4 << 20,
            progress: false,
        },
        &mut out,
    );
    let text = String::from_utf8(out).unwrap();
    assert!(report.ok(), "{text}\n{}", report.table());
    assert_eq!(report.steps.len(), 19, "{text}");
    for needle in [
        "Pre-Active → Active",
        "batch item ids 00000001,00000002,00000003 echoed",
        "disk identical to the original",
        "old version destroyed; KEK unchanged",
        "power-on refused as expected: Get failed: Item Not Found",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from\n{text}");
    }
    assert!(report.table().contains("19 steps, 0 failed"));
}

#[test]
fn vcenter_create_request_matches_the_captured_sample() {
    let sample = include_bytes!("../data/vcenter-create-request.ttlv");
    let ours = RequestMessage::single(
        ProtocolVersion::V1_1,
        CreateRequest::symmetric_key(
            CryptographicAlgorithm::AES,
            256,
            CryptographicUsageMask::ENCRYPT | CryptographicUsageMask::DECRYPT,
        ),
    );
    assert_eq!(ours.encode(), sample.to_vec());
}
