//! KMIP's XML and JSON encodings (`kmip_types::xml`, `kmip_types::json`) against TTLV: every
//! published message this crate has as a fixture (`tests/data/*.txt`: the OASIS KMIP 1.1 test
//! cases, PyKMIP's messages, ...) and arbitrary TTLV trees (vendor tags, every item type,
//! values outside the tables) write to XML and JSON that read back to the same bytes.

mod common;

use kmip_ttlv::{Tag, Writer};
use kmip_types::{json, xml};
use proptest::prelude::*;

#[test]
fn every_fixture_round_trips_through_xml_and_json() {
    let fixtures = common::all();
    assert!(fixtures.len() > 1000, "{}", fixtures.len());
    for f in &fixtures {
        let xml = xml::from_ttlv(&f.bytes).unwrap();
        assert_eq!(
            xml::to_ttlv(&xml).unwrap(),
            f.bytes,
            "{} XML:\n{xml}",
            f.name
        );
        let json = json::from_ttlv(&f.bytes).unwrap();
        assert_eq!(
            json::to_ttlv(&json).unwrap(),
            f.bytes,
            "{} JSON:\n{json}",
            f.name
        );
    }
    println!(
        "{} messages round-trip through XML and JSON",
        fixtures.len()
    );
}

#[test]
fn names_where_the_tables_have_them() {
    // The OASIS KMIP 1.1 Create request of test case 3.1.1 (tests/data), as XML and JSON.
    let bytes = common::all()
        .into_iter()
        .find(|f| f.kind == "request" && f.name.starts_with("xml_"))
        .unwrap()
        .bytes;
    let xml = xml::from_ttlv(&bytes).unwrap();
    assert!(
        xml.starts_with("<RequestMessage>\n  <RequestHeader>\n"),
        "{xml}"
    );
    assert!(
        xml.contains("<ProtocolVersionMajor type=\"Integer\" value=\"1\"/>"),
        "{xml}"
    );
    let mut buf = Vec::new();
    let mut w = Writer::new(&mut buf);
    w.structure(kmip_types::tag::TEMPLATE_ATTRIBUTE, |w| {
        w.structure(kmip_types::tag::ATTRIBUTE, |w| {
            w.text_string(kmip_types::tag::ATTRIBUTE_NAME, "Cryptographic Usage Mask")
                .integer(kmip_types::tag::ATTRIBUTE_VALUE, 0x0C | 0x0100_0000);
        })
        .structure(kmip_types::tag::ATTRIBUTE, |w| {
            w.text_string(kmip_types::tag::ATTRIBUTE_NAME, "Cryptographic Algorithm")
                .enumeration(kmip_types::tag::ATTRIBUTE_VALUE, 3);
        })
        .structure(kmip_types::tag::ATTRIBUTE, |w| {
            w.text_string(kmip_types::tag::ATTRIBUTE_NAME, "x-Vendor")
                .enumeration(kmip_types::tag::ATTRIBUTE_VALUE, 3);
        })
        .date_time(kmip_types::tag::ACTIVATION_DATE, 0x47DA_67F8)
        .big_integer(Tag::new(0x540001), &[0xFF; 8])
        .boolean(Tag::new(0x540002), true);
    });
    w.finish().unwrap();
    let xml = xml::from_ttlv(&buf).unwrap();
    for expected in [
        r#"<AttributeValue type="Integer" value="Encrypt Decrypt 0x01000000"/>"#,
        r#"<AttributeValue type="Enumeration" value="AES"/>"#,
        // A custom attribute has no table: hex.
        r#"<AttributeValue type="Enumeration" value="0x00000003"/>"#,
        r#"<ActivationDate type="DateTime" value="2008-03-14T11:56:40Z"/>"#,
        r#"<TTLV tag="0x540001" type="BigInteger" value="ffffffffffffffff"/>"#,
        r#"<TTLV tag="0x540002" type="Boolean" value="true"/>"#,
    ] {
        assert!(xml.contains(expected), "{expected} not in\n{xml}");
    }
    assert_eq!(xml::to_ttlv(&xml).unwrap(), buf);
    let json = json::from_ttlv(&buf).unwrap();
    for expected in [
        r#"{"tag":"AttributeValue","type":"Integer","value":"Encrypt|Decrypt|0x01000000"}"#,
        r#"{"tag":"0x540001","type":"BigInteger","value":"0xffffffffffffffff"}"#,
    ] {
        assert!(json.contains(expected), "{expected} not in\n{json}");
    }
    assert_eq!(json::to_ttlv(&json).unwrap(), buf);
}

/// An arbitrary TTLV tree: known and vendor tags, every item type, any values.
#[derive(Debug, Clone)]
enum Tree {
    Structure(u32, Vec<Tree>),
    Integer(u32, i32),
    Long(u32, i64),
    Big(u32, Vec<u8>),
    Enumeration(u32, u32),
    Boolean(u32, bool),
    Text(u32, String),
    Bytes(u32, Vec<u8>),
    Date(u32, i64),
    Interval(u32, u32),
}

fn tag() -> impl Strategy<Value = u32> {
    prop_oneof![
        0x420001u32..=0x4200B7,
        0x540000u32..=0x54FFFF,
        Just(0x420057), // Object Type, an enumeration
        Just(0x42002C), // Cryptographic Usage Mask
        Just(0x42000B), // Attribute Value
        Just(0x42000A), // Attribute Name
    ]
}

fn tree() -> impl Strategy<Value = Tree> {
    let leaf = prop_oneof![
        (tag(), any::<i32>()).prop_map(|(t, v)| Tree::Integer(t, v)),
        (tag(), any::<i64>()).prop_map(|(t, v)| Tree::Long(t, v)),
        (tag(), proptest::collection::vec(any::<u8>(), 1..3))
            .prop_map(|(t, v)| Tree::Big(t, v.repeat(8))),
        (tag(), any::<u32>()).prop_map(|(t, v)| Tree::Enumeration(t, v)),
        (tag(), 1u32..8).prop_map(|(t, v)| Tree::Enumeration(t, v)),
        (tag(), any::<bool>()).prop_map(|(t, v)| Tree::Boolean(t, v)),
        (tag(), ".{0,12}").prop_map(|(t, v)| Tree::Text(t, v)),
        (
            Just(0x42000A),
            prop_oneof![
                Just("Cryptographic Usage Mask".to_owned()),
                Just("Object Type".to_owned()),
                Just("State".to_owned())
            ]
        )
            .prop_map(|(t, v)| Tree::Text(t, v)),
        (tag(), proptest::collection::vec(any::<u8>(), 0..12)).prop_map(|(t, v)| Tree::Bytes(t, v)),
        (tag(), any::<i64>()).prop_map(|(t, v)| Tree::Date(t, v)),
        (tag(), -100_000_000_000i64..300_000_000_000).prop_map(|(t, v)| Tree::Date(t, v)),
        (tag(), any::<u32>()).prop_map(|(t, v)| Tree::Interval(t, v)),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        (tag(), proptest::collection::vec(inner, 0..6)).prop_map(|(t, c)| Tree::Structure(t, c))
    })
}

fn write(w: &mut Writer<'_, Vec<u8>>, t: &Tree) {
    match t {
        Tree::Structure(tag, children) => {
            w.structure(Tag::new(*tag), |w| {
                for c in children {
                    write(w, c);
                }
            });
        }
        Tree::Integer(tag, v) => {
            w.integer(Tag::new(*tag), *v);
        }
        Tree::Long(tag, v) => {
            w.long_integer(Tag::new(*tag), *v);
        }
        Tree::Big(tag, v) => {
            w.big_integer(Tag::new(*tag), v);
        }
        Tree::Enumeration(tag, v) => {
            w.enumeration(Tag::new(*tag), *v);
        }
        Tree::Boolean(tag, v) => {
            w.boolean(Tag::new(*tag), *v);
        }
        Tree::Text(tag, v) => {
            w.text_string(Tag::new(*tag), v);
        }
        Tree::Bytes(tag, v) => {
            w.byte_string(Tag::new(*tag), v);
        }
        Tree::Date(tag, v) => {
            w.date_time(Tag::new(*tag), *v);
        }
        Tree::Interval(tag, v) => {
            w.interval(Tag::new(*tag), *v);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn any_ttlv_round_trips_through_xml_and_json(t in tree()) {
        let mut bytes = Vec::new();
        let mut w = Writer::new(&mut bytes);
        write(&mut w, &t);
        w.finish().unwrap();
        let x = xml::from_ttlv(&bytes).unwrap();
        prop_assert_eq!(xml::to_ttlv(&x).unwrap(), bytes.clone(), "{}", x);
        let j = json::from_ttlv(&bytes).unwrap();
        prop_assert_eq!(json::to_ttlv(&j).unwrap(), bytes, "{}", j);
    }

    #[test]
    fn arbitrary_text_never_panics(s in ".{0,200}") {
        let _ = xml::to_ttlv(&s);
        let _ = json::to_ttlv(&s);
    }
}

#[test]
fn an_attribute_name_that_is_not_text_names_no_table() {
    // Found by the proptest in CI: an Integer under the Attribute Name tag between a real
    // Attribute Name and its value; writing kept the mask table, reading dropped it.
    let mut buf = Vec::new();
    let mut w = Writer::new(&mut buf);
    w.structure(Tag::new(0x420001), |w| {
        w.text_string(kmip_types::tag::ATTRIBUTE_NAME, "Cryptographic Usage Mask")
            .integer(kmip_types::tag::ATTRIBUTE_NAME, 0)
            .integer(kmip_types::tag::ATTRIBUTE_VALUE, -1);
    });
    w.finish().unwrap();
    assert_eq!(xml::to_ttlv(&xml::from_ttlv(&buf).unwrap()).unwrap(), buf);
    assert_eq!(json::to_ttlv(&json::from_ttlv(&buf).unwrap()).unwrap(), buf);
}
