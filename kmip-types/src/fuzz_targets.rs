//! Bodies of the cargo-fuzz targets in `fuzz/` (`message_decode`, `message_round_trip`), kept
//! here so that the checked-in corpus replays under plain `cargo test`
//! (`tests/fuzz_corpus.rs`). They panic only when an invariant of this crate is broken.
#![allow(
    clippy::panic,
    reason = "a fuzz target reports a broken invariant by panicking"
)]

use kmip_ttlv::Limits;

use crate::message::paths_agree;
use crate::{RequestMessage, ResponseMessage, peek_protocol_version};

/// Arbitrary bytes as a request and as a response: decoding never panics; whatever decodes
/// prints, encodes and has a Result Reason for each error; the fast paths of decoding agree
/// with the general ones.
pub fn message_decode(data: &[u8]) {
    fast_paths_agree(data);
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

/// The fast paths of message decoding decode only what the general paths decode, to the same
/// message, under the default limits and under lenient, shallow and tight ones.
pub fn fast_paths_agree(data: &[u8]) {
    for limits in [
        Limits::DEFAULT,
        Limits::DEFAULT.with_strict_padding(false),
        Limits::DEFAULT.with_max_depth(3).with_max_items(9),
        Limits::DEFAULT.with_max_depth(5),
        Limits::DEFAULT.with_max_items(12).with_max_len(200),
    ] {
        assert!(
            paths_agree(
                data,
                &limits,
                ResponseMessage::read_common,
                ResponseMessage::decode_general,
                ResponseMessage::encode,
            ),
            "fast and general response decoding disagree under {limits:?}"
        );
        assert!(
            paths_agree(
                data,
                &limits,
                RequestMessage::read_common,
                RequestMessage::decode_general,
                RequestMessage::encode,
            ),
            "fast and general request decoding disagree under {limits:?}"
        );
    }
}

/// Whether [`ResponseMessage::decode`] reads `data` on its fast path (for tests that the
/// common shapes take it).
pub fn response_fast_path_reads(data: &[u8]) -> bool {
    ResponseMessage::read_common(data, &Limits::DEFAULT).is_some()
}

/// Whether [`RequestMessage::decode`] reads `data` on its fast path.
pub fn request_fast_path_reads(data: &[u8]) -> bool {
    RequestMessage::read_common(data, &Limits::DEFAULT).is_some()
}

/// Whatever decodes as a message re-encodes to the same bytes, whatever its version and
/// whatever it holds that the model does not type: nothing a peer sent is dropped or changed
/// (issue 10).
pub fn message_round_trip(data: &[u8]) {
    if let Ok(m) = RequestMessage::decode(data)
        && m.encode() != data
    {
        panic!("request does not re-encode byte for byte");
    }
    if let Ok(m) = ResponseMessage::decode(data)
        && m.encode() != data
    {
        panic!("response does not re-encode byte for byte");
    }
}

/// Arbitrary bytes as KMIP XML and as KMIP JSON: reading never panics; whatever reads is one
/// valid TTLV item, which writes back to XML and JSON that read to the same bytes.
pub fn text_decode(data: &[u8]) {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    for bytes in [crate::xml::to_ttlv(text), crate::json::to_ttlv(text)]
        .into_iter()
        .flatten()
    {
        if kmip_ttlv::decode(&bytes).is_err() {
            panic!("text read into invalid TTLV");
        }
        let again = crate::xml::from_ttlv(&bytes).and_then(|x| crate::xml::to_ttlv(&x));
        if again.as_deref().ok() != Some(bytes.as_slice()) {
            panic!("TTLV read from text does not round-trip through XML");
        }
        let again = crate::json::from_ttlv(&bytes).and_then(|j| crate::json::to_ttlv(&j));
        if again.as_deref().ok() != Some(bytes.as_slice()) {
            panic!("TTLV read from text does not round-trip through JSON");
        }
    }
}
