//! Shared inputs for the criterion benchmarks in `benches/benches/`: realistic KMIP 1.1
//! messages, encoded with `kmip-ttlv` so every bench and every peer decodes the same bytes.

#![forbid(unsafe_code)]

use kmip_ttlv::{Tag, Writer};

const fn t(v: u32) -> Tag {
    Tag::new(v)
}

fn header(w: &mut Writer<'_, Vec<u8>>, response: bool) {
    w.structure(t(if response { 0x42007A } else { 0x420077 }), |w| {
        w.structure(t(0x420069), |w| {
            w.integer(t(0x42006A), 1).integer(t(0x42006B), 1);
        });
        if response {
            w.date_time(t(0x420092), 1_700_000_000);
        }
        w.integer(t(0x42000D), 1);
    });
}

fn message(
    response: bool,
    operation: u32,
    payload: impl FnOnce(&mut Writer<'_, Vec<u8>>),
) -> Vec<u8> {
    let mut buf = Vec::new();
    Writer::new(&mut buf).structure(t(if response { 0x42007B } else { 0x420078 }), |w| {
        header(w, response);
        w.structure(t(0x42000F), |w| {
            w.enumeration(t(0x42005C), operation);
            if response {
                w.enumeration(t(0x42007F), 0);
            }
            w.structure(t(if response { 0x42007C } else { 0x420079 }), payload);
        });
    });
    buf
}

fn attribute(
    w: &mut Writer<'_, Vec<u8>>,
    name: &str,
    value: impl FnOnce(&mut Writer<'_, Vec<u8>>),
) {
    w.structure(t(0x420008), |w| {
        w.text_string(t(0x42000A), name);
        value(w);
    });
}

const UID: &str = "6b0f9b8e-2f4c-4c4e-9a43-0d6c3f2a1b7e";

/// A Create request as vCenter sends it: AES-256, usage mask Encrypt|Decrypt, no name.
pub fn create_request() -> Vec<u8> {
    message(false, 0x01, |w| {
        w.enumeration(t(0x420057), 0x02);
        w.structure(t(0x420091), |w| {
            attribute(w, "Cryptographic Algorithm", |w| {
                w.enumeration(t(0x42000B), 0x03);
            });
            attribute(w, "Cryptographic Length", |w| {
                w.integer(t(0x42000B), 256);
            });
            attribute(w, "Cryptographic Usage Mask", |w| {
                w.integer(t(0x42000B), 0x0C);
            });
        });
    })
}

/// A Get response carrying a 256-bit AES key in Raw format.
pub fn get_response() -> Vec<u8> {
    message(true, 0x0A, |w| {
        w.enumeration(t(0x420057), 0x02)
            .text_string(t(0x420094), UID);
        w.structure(t(0x42008F), |w| {
            w.structure(t(0x420040), |w| {
                w.enumeration(t(0x420042), 0x01);
                w.structure(t(0x420045), |w| {
                    w.byte_string(t(0x420043), &[0x3C; 32]);
                });
                w.enumeration(t(0x420028), 0x03).integer(t(0x42002A), 256);
            });
        });
    })
}

/// A Locate response listing 16 Unique Identifiers.
pub fn locate_response() -> Vec<u8> {
    message(true, 0x08, |w| {
        for i in 0..16u8 {
            let id = format!("{UID}-{i:02}");
            w.text_string(t(0x420094), &id);
        }
    })
}

/// A Get Attributes response with the attributes vCenter reads back, custom ones included.
pub fn get_attributes_response() -> Vec<u8> {
    message(true, 0x0B, |w| {
        w.text_string(t(0x420094), UID);
        attribute(w, "Unique Identifier", |w| {
            w.text_string(t(0x42000B), UID);
        });
        attribute(w, "Object Type", |w| {
            w.enumeration(t(0x42000B), 0x02);
        });
        attribute(w, "Cryptographic Algorithm", |w| {
            w.enumeration(t(0x42000B), 0x03);
        });
        attribute(w, "Cryptographic Length", |w| {
            w.integer(t(0x42000B), 256);
        });
        attribute(w, "Cryptographic Usage Mask", |w| {
            w.integer(t(0x42000B), 0x0C);
        });
        attribute(w, "State", |w| {
            w.enumeration(t(0x42000B), 0x02);
        });
        attribute(w, "Initial Date", |w| {
            w.date_time(t(0x42000B), 1_700_000_000);
        });
        attribute(w, "Activation Date", |w| {
            w.date_time(t(0x42000B), 1_700_000_100);
        });
        for (name, value) in [
            ("x-Vendor", "VMware, Inc."),
            ("x-Product", "VMware vSphere"),
            ("x-Product_Version", "8.0.2"),
        ] {
            attribute(w, name, |w| {
                w.text_string(t(0x42000B), value);
            });
        }
    })
}

/// A Query response: operations, object types, vendor identification, server information.
pub fn query_response() -> Vec<u8> {
    message(true, 0x18, |w| {
        for op in [
            0x01u32, 0x03, 0x05, 0x08, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x12, 0x13, 0x14, 0x18,
            0x1E,
        ] {
            w.enumeration(t(0x42005C), op);
        }
        for ty in [0x02u32, 0x07, 0x08] {
            w.enumeration(t(0x420057), ty);
        }
        w.text_string(t(0x42009D), "kmip-toolkit kms-server");
        w.structure(t(0x420088), |w| {
            w.text_string(t(0x54_0001), "build 0.1.0");
        });
    })
}

/// Every bench message with its name.
pub fn all_messages() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("create_request", create_request()),
        ("get_response", get_response()),
        ("locate_response", locate_response()),
        ("get_attributes_response", get_attributes_response()),
        ("query_response", query_response()),
    ]
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_message_decodes() {
        for (name, bytes) in super::all_messages() {
            let item = kmip_ttlv::decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(item.raw().len(), bytes.len());
        }
    }
}
