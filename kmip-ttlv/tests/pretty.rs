//! The pretty printer and the naming hook.

use kmip_ttlv::{Names, Tag, Writer, decode, set_names};

struct TestNames;

impl Names for TestNames {
    fn tag_name(&self, tag: Tag) -> Option<&'static str> {
        match tag.value() {
            0x420078 => Some("Request Message"),
            0x42005C => Some("Operation"),
            0x420043 => Some("Key Material"),
            0x42000D => Some("Batch Count"),
            _ => None,
        }
    }
    fn enumeration_name(&self, tag: Tag, value: u32) -> Option<&'static str> {
        (tag.value() == 0x42005C && value == 1).then_some("Create")
    }
    fn is_secret(&self, tag: Tag) -> bool {
        tag.value() == 0x420043
    }
}

static NAMES: TestNames = TestNames;

fn sample() -> Vec<u8> {
    let mut buf = Vec::new();
    Writer::new(&mut buf).structure(Tag::new(0x420078), |w| {
        w.enumeration(Tag::new(0x42005C), 1)
            .byte_string(Tag::new(0x420043), &[0xAB; 4])
            .text_string(Tag::new(0x540001), "x-\"vendor\"")
            .date_time(Tag::new(0x420020), 0x47DA_67F8)
            .interval(Tag::new(0x420021), 864_000)
            .boolean(Tag::new(0x420022), true)
            .long_integer(Tag::new(0x420023), -5)
            .big_integer(Tag::new(0x420024), &[1; 8]);
        w.structure(Tag::new(0x420025), |_| {});
    });
    buf
}

#[test]
fn prints_an_indented_tree_with_names_and_redaction() {
    set_names(&NAMES);
    let bytes = sample();
    let item = decode(&bytes).unwrap();
    let expected = "\
Request Message (0x420078) Structure
  Operation (0x42005C) Enumeration: Create (0x00000001)
  Key Material (0x420043) Byte String: <redacted, 4 bytes>
  0x540001 Text String: \"x-\\\"vendor\\\"\"
  0x420020 Date-Time: 2008-03-14T11:56:40Z (1205495800)
  0x420021 Interval: 864000 s
  0x420022 Boolean: true
  0x420023 Long Integer: -5
  0x420024 Big Integer: 0x0101010101010101
  0x420025 Structure
";
    assert_eq!(item.to_string(), expected);
    let revealed = item.pretty().reveal_secrets(true).to_string();
    assert!(revealed.contains("Key Material (0x420043) Byte String: abababab"));
    // Names reach tags and error paths too.
    assert_eq!(Tag::new(0x42000D).to_string(), "Batch Count");
    assert_eq!(Tag::new(0x540001).to_string(), "0x540001");
    let mut bad = bytes.clone();
    bad[3] = 0x0C;
    let e = decode(&bad).unwrap_err();
    assert_eq!(
        e.to_string(),
        "unknown item type 0x0C at byte 3 in Request Message"
    );
    // A second hook is refused; the first stays.
    assert!(!set_names(&NAMES));
}
