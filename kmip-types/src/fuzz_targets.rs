//! Bodies of the cargo-fuzz targets in `fuzz/` (`message_decode`, `message_round_trip`), kept
//! here so that the checked-in corpus replays under plain `cargo test`
//! (`tests/fuzz_corpus.rs`). They panic only when an invariant of this crate is broken.
#![allow(
    clippy::panic,
    reason = "a fuzz target reports a broken invariant by panicking"
)]

use kmip_ttlv::Item;

use crate::codec::{Context, FromTtlv};
use crate::{
    Attribute, AttributeValue, ProtocolVersion, RequestMessage, ResponseMessage,
    peek_protocol_version, tag,
};

/// Whether `version` defines everything in `item`: every tag, and every attribute (an
/// Attribute whose name a later version introduced, Fresh in a KMIP 1.0 message say, is left
/// out when encoding for `version`).
fn all_defined(item: &Item<'_>, version: ProtocolVersion) -> bool {
    // As the encoder does: a version before 1.0 is written as 1.0.
    let version = version.max(ProtocolVersion::V1_0);
    if !version.defines(item.tag()) {
        return false;
    }
    if item.tag() == tag::ATTRIBUTE
        && let Ok(attribute) = Attribute::from_ttlv(item, &Context::new(version))
        && attribute
            .value
            .as_ref()
            .and_then(AttributeValue::since)
            .is_some_and(|since| since > version)
    {
        return false;
    }
    item.children().all(|c| all_defined(&c, version))
}

/// Arbitrary bytes as a request and as a response: decoding never panics; whatever decodes
/// prints, encodes and has a Result Reason for each error.
pub fn message_decode(data: &[u8]) {
    match RequestMessage::decode(data) {
        Ok(m) => {
            let _ = format!("{m:?}");
            let _ = m.encode();
        }
        Err(e) => {
            let _ = (e.result_reason(), e.to_string());
        }
    }
    match ResponseMessage::decode(data) {
        Ok(m) => {
            let _ = format!("{m:?}");
            let _ = m.encode();
        }
        Err(e) => {
            let _ = (e.result_reason(), e.to_string());
        }
    }
    let _ = peek_protocol_version(data);
}

/// Whatever decodes as a message re-encodes to the same bytes when its version defines all
/// of its tags and attributes; the re-encoding always encodes the same again.
pub fn message_round_trip(data: &[u8]) {
    let well_formed = |version: ProtocolVersion| {
        kmip_ttlv::decode(data).is_ok_and(|item| all_defined(&item, version))
    };
    if let Ok(m) = RequestMessage::decode(data) {
        let out = m.encode();
        if well_formed(m.header.protocol_version) && out != data {
            panic!("request does not re-encode byte for byte");
        }
        if let Ok(again) = RequestMessage::decode(&out) {
            if again.encode() != out {
                panic!("request re-encoding is not stable");
            }
        } else if out == data {
            panic!("a decoded request fails to decode again");
        }
    }
    if let Ok(m) = ResponseMessage::decode(data) {
        let out = m.encode();
        if well_formed(m.header.protocol_version) && out != data {
            panic!("response does not re-encode byte for byte");
        }
        if let Ok(again) = ResponseMessage::decode(&out) {
            if again.encode() != out {
                panic!("response re-encoding is not stable");
            }
        } else if out == data {
            panic!("a decoded response fails to decode again");
        }
    }
}
