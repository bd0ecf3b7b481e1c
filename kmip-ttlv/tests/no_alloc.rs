//! Decoding a whole message performs no heap allocation: proved with a counting global
//! allocator (this test binary holds only this test, so nothing else allocates meanwhile).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use kmip_ttlv::{Tag, Value, Writer, decode};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, which we pass on.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` through `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: as for `alloc` and `dealloc`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn t(v: u32) -> Tag {
    Tag::new(v)
}

/// A Get response carrying a 256-bit symmetric key, as a KMS sends it.
fn get_response() -> Vec<u8> {
    let mut buf = Vec::new();
    Writer::new(&mut buf).structure(t(0x42007B), |w| {
        w.structure(t(0x42007A), |w| {
            w.structure(t(0x420069), |w| {
                w.integer(t(0x42006A), 1).integer(t(0x42006B), 1);
            });
            w.date_time(t(0x420092), 0x4F9A_5564)
                .integer(t(0x42000D), 1);
        });
        w.structure(t(0x42000F), |w| {
            w.enumeration(t(0x42005C), 0x0A).enumeration(t(0x42007F), 0);
            w.structure(t(0x42007C), |w| {
                w.enumeration(t(0x420057), 2)
                    .text_string(t(0x420094), "49a1ca88-6bea-4fb2-b450-7e58802c3038");
                w.structure(t(0x42008F), |w| {
                    w.structure(t(0x420040), |w| {
                        w.enumeration(t(0x420042), 1);
                        w.structure(t(0x420045), |w| {
                            w.byte_string(t(0x420043), &[0x5A; 32]);
                        });
                        w.enumeration(t(0x420028), 3).integer(t(0x42002A), 256);
                    });
                });
            });
        });
    });
    buf
}

fn walk(values: &mut u64, item: &kmip_ttlv::Item<'_>) {
    match item.value() {
        Value::Structure(children) => children.for_each(|c| walk(values, &c)),
        Value::TextString(s) => *values += s.len() as u64,
        Value::ByteString(b) => *values += b.len() as u64,
        Value::Integer(i) => *values += i as u64,
        Value::Enumeration(e) => *values += u64::from(e),
        _ => *values += 1,
    }
}

#[test]
fn decoding_and_walking_a_message_allocates_nothing() {
    let bytes = get_response();
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    let item = decode(&bytes).unwrap();
    let mut values = 0;
    walk(&mut values, &item);
    let after = ALLOCATIONS.load(Ordering::SeqCst);
    assert_eq!(after - before, 0, "decode + walk allocated");
    assert!(values > 256, "the walk saw the values");
    // The counter does count: building the message allocates.
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    let again = get_response();
    assert!(ALLOCATIONS.load(Ordering::SeqCst) > before);
    assert_eq!(again, bytes);
}
