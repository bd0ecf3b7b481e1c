//! proptest: arbitrary trees encode → decode → equal with `encoded_len` matching; arbitrary and
//! mutated bytes never panic.

use kmip_ttlv::{
    Frame, Item, ItemType, Limits, OwnedItem, Tag, Value, Writer, decode, decode_with, encoded_len,
    frame,
};
use proptest::prelude::*;

#[derive(Clone, Debug, PartialEq)]
enum V {
    Structure(Vec<Node>),
    Integer(i32),
    Long(i64),
    Big(Vec<u8>),
    Enumeration(u32),
    Boolean(bool),
    Text(String),
    Bytes(Vec<u8>),
    DateTime(i64),
    Interval(u32),
}

#[derive(Clone, Debug, PartialEq)]
struct Node {
    tag: u32,
    v: V,
}

fn tag() -> impl Strategy<Value = u32> {
    (prop_oneof![Just(0x42u32), Just(0x54u32)], any::<u16>())
        .prop_map(|(p, t)| (p << 16) | u32::from(t))
}

fn leaf() -> impl Strategy<Value = V> {
    prop_oneof![
        any::<i32>().prop_map(V::Integer),
        any::<i64>().prop_map(V::Long),
        prop::collection::vec(any::<u8>(), 0..4).prop_map(|w| {
            // Whole 8-byte words, as the wire requires.
            let mut b = Vec::new();
            for x in w {
                b.extend_from_slice(&[x; 8]);
            }
            V::Big(b)
        }),
        any::<u32>().prop_map(V::Enumeration),
        any::<bool>().prop_map(V::Boolean),
        ".{0,40}".prop_map(V::Text),
        prop::collection::vec(any::<u8>(), 0..40).prop_map(V::Bytes),
        any::<i64>().prop_map(V::DateTime),
        any::<u32>().prop_map(V::Interval),
    ]
}

fn node() -> impl Strategy<Value = Node> {
    let leaf_node = (tag(), leaf()).prop_map(|(tag, v)| Node { tag, v });
    leaf_node.prop_recursive(6, 64, 8, |inner| {
        (tag(), prop::collection::vec(inner, 0..8)).prop_map(|(tag, kids)| Node {
            tag,
            v: V::Structure(kids),
        })
    })
}

fn write(w: &mut Writer<'_, impl kmip_ttlv::Sink>, n: &Node) {
    let t = Tag::new(n.tag);
    match &n.v {
        V::Structure(kids) => {
            w.structure(t, |w| kids.iter().for_each(|k| write(w, k)));
        }
        V::Integer(v) => {
            w.integer(t, *v);
        }
        V::Long(v) => {
            w.long_integer(t, *v);
        }
        V::Big(v) => {
            w.big_integer(t, v);
        }
        V::Enumeration(v) => {
            w.enumeration(t, *v);
        }
        V::Boolean(v) => {
            w.boolean(t, *v);
        }
        V::Text(v) => {
            w.text_string(t, v);
        }
        V::Bytes(v) => {
            w.byte_string(t, v);
        }
        V::DateTime(v) => {
            w.date_time(t, *v);
        }
        V::Interval(v) => {
            w.interval(t, *v);
        }
    }
}

fn read(item: &Item<'_>) -> Node {
    let v = match item.value() {
        Value::Structure(kids) => V::Structure(kids.map(|k| read(&k)).collect()),
        Value::Integer(v) => V::Integer(v),
        Value::LongInteger(v) => V::Long(v),
        Value::BigInteger(v) => V::Big(v.to_vec()),
        Value::Enumeration(v) => V::Enumeration(v),
        Value::Boolean(v) => V::Boolean(v),
        Value::TextString(v) => V::Text(v.to_string()),
        Value::ByteString(v) => V::Bytes(v.to_vec()),
        Value::DateTime(v) => V::DateTime(v),
        Value::Interval(v) => V::Interval(v),
    };
    Node {
        tag: item.tag().value(),
        v,
    }
}

fn encode(n: &Node) -> Vec<u8> {
    let mut buf = Vec::new();
    let mut w = Writer::new(&mut buf);
    write(&mut w, n);
    w.finish().unwrap();
    buf
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn trees_round_trip(n in node()) {
        let bytes = encode(&n);
        prop_assert_eq!(encoded_len(|w| write(w, &n)), bytes.len());
        prop_assert_eq!(bytes.len() % 8, 0);
        let item = decode(&bytes).unwrap();
        prop_assert_eq!(&read(&item), &n);
        // Re-encoding from values and from raw bytes both reproduce the input.
        let mut again = Vec::new();
        Writer::new(&mut again).item(&item);
        prop_assert_eq!(&again, &bytes);
        let mut raw = bytes::BytesMut::new();
        Writer::new(&mut raw).raw(item.raw());
        prop_assert_eq!(&raw[..], &bytes[..]);
        // Framing agrees, for every prefix too.
        if item.item_type() == ItemType::Structure {
            prop_assert_eq!(frame(&bytes).unwrap(), Frame::Complete { len: bytes.len() });
            for cut in [0, 1, 4, 7, 8, bytes.len() - 1] {
                if cut < bytes.len() {
                    let Frame::Incomplete { needed } = frame(&bytes[..cut]).unwrap() else {
                        panic!("prefix of {cut} bytes framed as complete");
                    };
                    prop_assert!(needed > 0 && cut + needed <= bytes.len());
                }
            }
        }
        // The owned form sees the same tree.
        let owned = OwnedItem::decode(bytes::Bytes::from(bytes.clone())).unwrap();
        prop_assert_eq!(&read(&owned.item()), &n);
        for child in owned.item().children() {
            let sub = owned.slice(&child).unwrap();
            prop_assert_eq!(sub.bytes().as_ref(), child.raw());
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        kmip_ttlv::fuzz_targets::decode(&bytes);
        kmip_ttlv::fuzz_targets::frame_target(&bytes);
        kmip_ttlv::fuzz_targets::round_trip(&bytes);
    }

    #[test]
    fn mutated_messages_never_panic(n in node(), flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4)) {
        let mut bytes = encode(&n);
        for (i, b) in flips {
            let i = i.index(bytes.len());
            bytes[i] ^= b;
        }
        kmip_ttlv::fuzz_targets::decode(&bytes);
        kmip_ttlv::fuzz_targets::frame_target(&bytes);
        kmip_ttlv::fuzz_targets::round_trip(&bytes);
        let _ = decode_with(&bytes, &Limits::DEFAULT.with_max_depth(2));
    }
}
