//! KMIP 1.1 §9.1.2: the ten encoding examples, decoded and encoded byte for byte.

mod common;

use kmip_ttlv::{ItemType, Tag, Value, Writer, decode, encoded_len};

const TAG: Tag = Tag::new(0x420020);

fn write_example(ty: &str, value: &str, w: &mut Writer<'_, impl kmip_ttlv::Sink>) {
    match ty {
        "Integer" => w.integer(TAG, value.parse().unwrap()),
        "Long Integer" => w.long_integer(TAG, value.parse().unwrap()),
        "Big Integer" => w.big_integer(TAG, &common::hex(value)),
        "Enumeration" => w.enumeration(TAG, value.parse().unwrap()),
        "Boolean" => w.boolean(TAG, value.parse().unwrap()),
        "Text String" => w.text_string(TAG, value),
        "Byte String" => w.byte_string(TAG, &common::hex(value)),
        "Date-Time" => w.date_time(TAG, value.parse().unwrap()),
        "Interval" => w.interval(TAG, value.parse().unwrap()),
        "Structure" => w.structure(TAG, |w| {
            w.enumeration(Tag::new(0x420004), 254)
                .integer(Tag::new(0x420005), 255);
        }),
        other => panic!("unknown type {other}"),
    };
}

fn check_decoded(ty: &str, value: &str, item: &kmip_ttlv::Item<'_>) {
    assert_eq!(item.tag(), TAG);
    assert_eq!(item.item_type().name(), ty);
    match item.value() {
        Value::Integer(v) => assert_eq!(v.to_string(), value),
        Value::LongInteger(v) => assert_eq!(v.to_string(), value),
        Value::BigInteger(v) => assert_eq!(v, common::hex(value)),
        Value::Enumeration(v) => assert_eq!(v.to_string(), value),
        Value::Boolean(v) => assert_eq!(v.to_string(), value),
        Value::TextString(v) => assert_eq!(v, value),
        Value::ByteString(v) => assert_eq!(v, common::hex(value)),
        Value::DateTime(v) => assert_eq!(v.to_string(), value),
        Value::Interval(v) => assert_eq!(v.to_string(), value),
        Value::Structure(children) => {
            let kids: Vec<_> = children.collect();
            assert_eq!(kids.len(), 2);
            assert_eq!(kids[0].tag(), Tag::new(0x420004));
            assert_eq!(kids[0].as_enumeration(), Some(254));
            assert_eq!(kids[1].tag(), Tag::new(0x420005));
            assert_eq!(kids[1].as_integer(), Some(255));
            assert_eq!(kids[1].offset(), 24);
        }
    }
}

#[test]
fn kmip_1_1_section_9_1_2_examples_both_ways() {
    let text = include_str!("data/spec_9_1_2_examples.txt");
    let blocks = common::blocks(text);
    assert_eq!(blocks.len(), 10, "the spec has ten examples");
    let mut types_seen = Vec::new();
    for block in &blocks {
        let name = common::field(block, "Name");
        let ty = common::field(block, "Type");
        let value = common::field(block, "Value");
        let encoding = common::hex(common::field(block, "Encoding"));

        let item = decode(&encoding).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_decoded(ty, value, &item);
        types_seen.push(item.item_type());

        let mut out = Vec::new();
        let mut w = Writer::new(&mut out);
        write_example(ty, value, &mut w);
        assert_eq!(w.finish().unwrap(), encoding.len());
        assert_eq!(out, encoding, "{name}: encoding differs");
        assert_eq!(
            encoded_len(|w| write_example(ty, value, w)),
            encoding.len(),
            "{name}"
        );

        // Re-encoding from the decoded values gives the same bytes.
        let mut again = Vec::new();
        Writer::new(&mut again).item(&item);
        assert_eq!(again, encoding, "{name}: re-encoding differs");
    }
    types_seen.sort();
    assert_eq!(types_seen, ItemType::ALL, "every item type is covered once");
}

#[test]
fn big_integers_are_sign_extended_to_eight_bytes() {
    let mut out = Vec::new();
    Writer::new(&mut out).big_integer(TAG, &[0x80, 0x01]);
    assert_eq!(&out[8..], &[0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x80, 0x01]);
    let mut out = Vec::new();
    Writer::new(&mut out).big_integer(TAG, &[0x7F]);
    assert_eq!(&out[8..], &[0, 0, 0, 0, 0, 0, 0, 0x7F]);
    assert_eq!(decode(&out).unwrap().as_big_integer(), Some(&out[8..]));
}
