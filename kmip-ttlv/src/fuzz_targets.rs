//! Bodies of the cargo-fuzz targets in `fuzz/`, kept here so that the checked-in corpus also
//! replays under plain `cargo test` (`tests/fuzz_corpus.rs`). Each panics only when an
//! invariant of the codec is broken.

use crate::{Frame, Item, Limits, Value, Writer, decode_with, encoded_len, frame};

fn walk(item: &Item<'_>) -> usize {
    match item.value() {
        Value::Structure(children) => children.map(|c| walk(&c)).fold(1, usize::saturating_add),
        _ => 1,
    }
}

/// Decodes arbitrary bytes strictly and leniently; whatever decodes must walk and print.
pub fn decode(data: &[u8]) {
    validators_agree(data);
    for limits in [Limits::DEFAULT, Limits::DEFAULT.with_strict_padding(false)] {
        if let Ok(item) = decode_with(data, &limits) {
            assert!(walk(&item) >= 1);
            assert_eq!(item.raw().len(), data.len());
            let _ = item.to_string();
        }
    }
}

/// The fast validating path and the reference validator agree on arbitrary bytes under the
/// default limits and under tight, lenient and shallow ones, and a [`Cursor`](crate::Cursor)
/// reading whatever the bytes hold keeps its promise.
pub fn validators_agree(data: &[u8]) {
    for limits in [
        Limits::DEFAULT,
        Limits::DEFAULT.with_strict_padding(false),
        Limits::DEFAULT.with_max_depth(3).with_max_items(9),
        Limits::DEFAULT.with_max_depth(1).with_max_len(64),
        Limits::DEFAULT.with_max_items(1),
    ] {
        assert!(
            crate::reader::paths_agree(data, &limits),
            "fast and reference validators disagree under {limits:?}"
        );
        assert!(
            crate::cursor::cursor_agrees(data, &limits),
            "cursor and validator disagree under {limits:?}"
        );
    }
}

/// Frames arbitrary bytes; a complete frame never exceeds the input, and a decodable message
/// frames as complete at exactly its length.
pub fn frame_target(data: &[u8]) {
    match frame(data) {
        Ok(Frame::Complete { len }) => assert!(len <= data.len() && len >= 8),
        Ok(Frame::Incomplete { needed }) => assert!(needed > 0),
        Err(_) => {}
    }
    if let Ok(item) = crate::decode(data)
        && item.item_type() == crate::ItemType::Structure
    {
        assert_eq!(frame(data).ok(), Some(Frame::Complete { len: data.len() }));
    }
}

/// Whatever decodes strictly re-encodes from its values to the same bytes, and
/// `encoded_len` agrees with what is written.
pub fn round_trip(data: &[u8]) {
    let Ok(item) = crate::decode(data) else {
        return;
    };
    let mut out = Vec::new();
    let mut w = Writer::new(&mut out);
    w.item(&item);
    assert!(w.finish().is_ok());
    assert_eq!(out, data);
    assert_eq!(
        encoded_len(|w| {
            w.item(&item);
        }),
        data.len()
    );
}
