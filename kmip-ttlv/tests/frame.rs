//! Stream framing: complete / incomplete from zero bytes on, and early errors for headers that
//! can never be valid.

use kmip_ttlv::{ErrorKind, Frame, ItemType, Limit, Limits, Tag, Writer, frame, frame_with};

fn message() -> Vec<u8> {
    let mut buf = Vec::new();
    Writer::new(&mut buf).structure(Tag::new(0x420078), |w| {
        w.structure(Tag::new(0x420077), |w| {
            w.integer(Tag::new(0x42000D), 1);
        });
    });
    buf
}

#[test]
fn every_prefix_is_incomplete_with_the_right_count() {
    let msg = message();
    for cut in 0..msg.len() {
        let needed = if cut < 8 { 8 - cut } else { msg.len() - cut };
        assert_eq!(
            frame(&msg[..cut]).unwrap(),
            Frame::Incomplete { needed },
            "cut {cut}"
        );
    }
    assert_eq!(frame(&msg).unwrap(), Frame::Complete { len: msg.len() });
}

#[test]
fn a_second_message_behind_the_first_is_left_alone() {
    let msg = message();
    let mut two = msg.clone();
    two.extend_from_slice(&msg[..5]);
    assert_eq!(frame(&two).unwrap(), Frame::Complete { len: msg.len() });
}

#[test]
fn hopeless_headers_fail_as_early_as_possible() {
    // After one byte: the tag prefix.
    let e = frame(&[0x17]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::InvalidTagPrefix { .. }));
    assert_eq!(e.offset(), 0);
    // After four bytes: not a structure, or not a type at all.
    let e = frame(&[0x42, 0x00, 0x78, 0x02]).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::NotAStructure(ItemType::Integer));
    assert_eq!(e.offset(), 3);
    let e = frame(&[0x42, 0x00, 0x78, 0x0F]).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::UnknownItemType(0x0F));
    // After eight: a length that is not a multiple of 8, or beyond the limit.
    let e = frame(&[0x42, 0x00, 0x78, 0x01, 0, 0, 0, 9]).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::StructureLength(9));
    let e = frame(&[0x42, 0x00, 0x78, 0x01, 0xFF, 0xFF, 0xFF, 0xF8]).unwrap_err();
    assert!(matches!(
        e.kind(),
        ErrorKind::LimitExceeded {
            limit: Limit::Length,
            ..
        }
    ));
    assert_eq!(e.offset(), 4);
    // A custom limit applies.
    let small = Limits::DEFAULT.with_max_len(64);
    assert!(frame_with(&[0x42, 0x00, 0x78, 0x01, 0, 0, 0, 56], &small).is_ok());
    assert!(frame_with(&[0x42, 0x00, 0x78, 0x01, 0, 0, 0, 64], &small).is_err());
    // Extension tags frame like standard ones.
    assert_eq!(
        frame(&[0x54, 0x00, 0x01, 0x01, 0, 0, 0, 0]).unwrap(),
        Frame::Complete { len: 8 }
    );
}
