//! kms-server under abuse: undecodable and garbage messages, size limits, slow senders,
//! probes, foreign certificates, connection limits and concurrency. Never a panic, the
//! connection survives what can be answered, other clients are unaffected.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

use kmip_examples::client::{ClientError, KmipClient, TransportError};
use kmip_examples::local::LocalKms;
use kmip_examples::pki::TestPki;
use kmip_examples::server::TransportLimits;
use kmip_examples::tls::{certs_from_pem, client_config_from, load_roots};
use kmip_ttlv::{Tag, Writer};
use kmip_types::{
    ProtocolVersion, QueryFunction, QueryRequest, RequestMessage, ResponseMessage, ResultReason,
    ResultStatus, tag,
};
use rustls::pki_types::PrivateKeyDer;
use rustls::pki_types::pem::PemObject;

fn query_works(c: &mut KmipClient) {
    let q = c.query(&[QueryFunction::QUERY_SERVER_INFORMATION]).unwrap();
    assert!(q.vendor_identification.is_some());
}

/// A Request Message whose only batch item lacks its payload's required field.
fn request_missing_field() -> Vec<u8> {
    let mut buf = Vec::new();
    let mut w = Writer::new(&mut buf);
    w.structure(tag::REQUEST_MESSAGE, |w| {
        w.structure(tag::REQUEST_HEADER, |w| {
            w.structure(tag::PROTOCOL_VERSION, |w| {
                w.integer(tag::PROTOCOL_VERSION_MAJOR, 1)
                    .integer(tag::PROTOCOL_VERSION_MINOR, 1);
            })
            .integer(tag::BATCH_COUNT, 1);
        })
        .structure(tag::BATCH_ITEM, |w| {
            w.enumeration(tag::OPERATION, 0x0D) // Add Attribute
                .byte_string(tag::UNIQUE_BATCH_ITEM_ID, b"item-7")
                .structure(tag::REQUEST_PAYLOAD, |w| {
                    w.text_string(tag::UNIQUE_IDENTIFIER, "x");
                });
        });
    });
    w.finish().unwrap();
    buf
}

#[test]
fn undecodable_requests_are_answered_and_the_connection_survives() {
    let kms = LocalKms::start().unwrap();
    let mut c = kms.client().unwrap();

    let bytes = c.connection().round_trip(&request_missing_field()).unwrap();
    let r = ResponseMessage::decode(&bytes).unwrap();
    assert_eq!(r.header.protocol_version, ProtocolVersion::V1_1);
    assert_eq!(r.batch_items.len(), 1);
    let item = &r.batch_items[0];
    assert_eq!(item.result_status, ResultStatus::OPERATION_FAILED);
    assert_eq!(
        item.result_reason,
        Some(ResultReason::MISSING_DATA),
        "{item:?}"
    );
    assert_eq!(item.unique_batch_item_id.as_ref().unwrap().0, b"item-7");
    query_works(&mut c);

    // Well-framed TTLV that is not a request at all.
    let mut other = Vec::new();
    Writer::new(&mut other).structure(Tag::new(0x420001), |w| {
        w.integer(Tag::new(0x420002), 5);
    });
    let r = ResponseMessage::decode(&c.connection().round_trip(&other).unwrap()).unwrap();
    assert_eq!(
        r.batch_items[0].result_reason,
        Some(ResultReason::INVALID_MESSAGE)
    );
    // Framed but with broken contents (a Text String that is not UTF-8).
    let mut broken = Vec::new();
    Writer::new(&mut broken).structure(tag::REQUEST_MESSAGE, |w| {
        w.byte_string(tag::REQUEST_HEADER, &[0xFF; 3]);
    });
    let r = ResponseMessage::decode(&c.connection().round_trip(&broken).unwrap()).unwrap();
    // A header of the wrong type is an invalid field of the message.
    assert!(matches!(
        r.batch_items[0].result_reason,
        Some(ResultReason::INVALID_MESSAGE | ResultReason::INVALID_FIELD)
    ));
    query_works(&mut c);
    // A KMIP 2.0 request is refused politely.
    let r = c
        .send(&RequestMessage::single(
            ProtocolVersion::V2_0,
            QueryRequest::new(&[QueryFunction::QUERY_OPERATIONS]),
        ))
        .unwrap();
    assert_eq!(
        r.batch_items[0].result_reason,
        Some(ResultReason::OPERATION_NOT_SUPPORTED)
    );
    query_works(&mut c);
}

#[test]
fn garbage_and_oversized_headers_get_an_answer_then_a_close() {
    let kms = LocalKms::start_with(TransportLimits {
        max_message: 64 << 10,
        ..TransportLimits::default()
    })
    .unwrap();
    for garbage in [
        b"GET / HTTP/1.1\r\nHost: kms\r\n\r\n".to_vec(),
        // Announces 1 MiB against a 64 KiB limit: refused from the header alone.
        vec![0x42, 0x00, 0x78, 0x01, 0x00, 0x10, 0x00, 0x00],
        // Not a structure.
        vec![
            0x42, 0x00, 0x78, 0x02, 0x00, 0x00, 0x00, 0x04, 0, 0, 0, 1, 0, 0, 0, 0,
        ],
    ] {
        let mut c = kms.client().unwrap();
        let r = ResponseMessage::decode(&c.connection().round_trip(&garbage).unwrap()).unwrap();
        assert_eq!(
            r.batch_items[0].result_reason,
            Some(ResultReason::INVALID_MESSAGE)
        );
        let next = c.connection().read_message();
        assert!(
            matches!(next, Err(TransportError::Closed | TransportError::Io(_))),
            "{next:?}"
        );
    }
    let mut c = kms.client().unwrap();
    query_works(&mut c);
}

#[test]
fn slow_senders_are_cut_off() {
    let kms = LocalKms::start_with(TransportLimits {
        message_timeout: Duration::from_millis(300),
        idle_timeout: Duration::from_secs(2),
        ..TransportLimits::default()
    })
    .unwrap();
    let mut c = kms.client().unwrap();
    // Half a header, then nothing.
    c.connection().send_raw(&[0x42, 0x00, 0x78, 0x01]).unwrap();
    let r = c.connection().read_message();
    assert!(
        matches!(r, Err(TransportError::Closed | TransportError::Io(_))),
        "{r:?}"
    );
    // An idle connection is closed after the idle timeout.
    let mut idle = kms.client().unwrap();
    let r = idle.connection().read_message();
    assert!(
        matches!(r, Err(TransportError::Closed | TransportError::Io(_))),
        "{r:?}"
    );
    let mut fresh = kms.client().unwrap();
    query_works(&mut fresh);
}

#[test]
fn probes_and_foreign_certificates_leave_the_server_serving() {
    let kms = LocalKms::start().unwrap();
    let mut c = kms.client().unwrap();
    // TCP connect-and-close probes, and probes that send junk instead of a ClientHello.
    for i in 0..40 {
        let mut s = TcpStream::connect(kms.addr()).unwrap();
        match i % 3 {
            0 => {}
            // Junk where a ClientHello belongs: the server answers with an alert.
            1 => {
                let _ = s.write_all(b"GET / HTTP/1.0\r\n\r\n");
                let mut buf = [0u8; 64];
                let _ = s.read(&mut buf);
            }
            // A truncated handshake record, then gone.
            _ => {
                let _ = s.write_all(b"\x16\x03\x01\x00\x05hello");
            }
        }
    }
    query_works(&mut c);

    // A client certificate from another CA is refused during the handshake.
    let other = TestPki::generate(&["localhost"]).unwrap();
    let roots = load_roots(&kms.files().ca).unwrap();
    let certs = certs_from_pem(other.client.cert_pem.as_bytes()).unwrap();
    let key = PrivateKeyDer::from_pem_slice(other.client.key_pem.as_bytes()).unwrap();
    let config = client_config_from(roots, certs, key).unwrap();
    let addr = kms.addr().to_string();
    let refused = KmipClient::connect(&addr, "localhost", config, Duration::from_secs(5))
        .and_then(|mut c| c.query(&[QueryFunction::QUERY_OPERATIONS]).map(drop));
    assert!(
        matches!(refused, Err(ClientError::Transport(_))),
        "{refused:?}"
    );
    // A client that trusts another CA refuses the server.
    let roots = load_roots(&kms.files().ca).unwrap();
    let _ = roots;
    let mut foreign_roots = rustls::RootCertStore::empty();
    for c in certs_from_pem(other.ca.cert_pem.as_bytes()).unwrap() {
        foreign_roots.add(c).unwrap();
    }
    let certs = certs_from_pem(kms.pki().client.cert_pem.as_bytes()).unwrap();
    let key = PrivateKeyDer::from_pem_slice(kms.pki().client.key_pem.as_bytes()).unwrap();
    let config = client_config_from(foreign_roots, certs, key).unwrap();
    assert!(KmipClient::connect(&addr, "localhost", config, Duration::from_secs(5)).is_err());

    query_works(&mut c);
    // Every closed or junk probe is counted as a failed handshake once the server has seen it
    // (the truncated ones only after the handshake timeout, so they are not waited for).
    let failures = || {
        kms.server()
            .unwrap()
            .stats()
            .handshake_failures
            .load(std::sync::atomic::Ordering::Relaxed)
    };
    for _ in 0..200 {
        if failures() >= 27 {
            break;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    assert!(failures() >= 27, "{}", failures());
}

#[test]
fn the_connection_bound_holds_and_frees() {
    let kms = LocalKms::start_with(TransportLimits {
        max_connections: 3,
        ..TransportLimits::default()
    })
    .unwrap();
    let mut held: Vec<KmipClient> = (0..3).map(|_| kms.client().unwrap()).collect();
    for c in &mut held {
        query_works(c);
    }
    // A fourth is closed at once: either the handshake or the first call fails.
    let extra = kms.client().map_err(|e| e.to_string()).and_then(|mut c| {
        c.query(&[QueryFunction::QUERY_OPERATIONS])
            .map_err(|e| e.to_string())
    });
    assert!(extra.is_err());
    for c in held.drain(..) {
        c.close();
    }
    // Freed slots are reused (the server notices the closes asynchronously).
    let mut ok = false;
    for _ in 0..100 {
        if let Ok(mut c) = kms.client()
            && c.query(&[QueryFunction::QUERY_OPERATIONS]).is_ok()
        {
            ok = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(ok);
}

#[test]
fn many_concurrent_clients() {
    let kms = Arc::new(LocalKms::start().unwrap());
    let threads: Vec<_> = (0..12)
        .map(|t| {
            let kms = kms.clone();
            std::thread::spawn(move || {
                let mut c = kms.client().unwrap();
                for i in 0..10 {
                    let id = c.create_aes(128, Some(&format!("t{t}-{i}"))).unwrap();
                    assert_eq!(c.get_key_bytes(&id).unwrap().len(), 16);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let mut c = kms.client().unwrap();
    assert_eq!(
        c.locate(kmip_types::LocateRequest::default())
            .unwrap()
            .len(),
        120
    );
}

#[test]
fn a_stopped_server_has_let_go_of_its_store() {
    // A server stopped while clients are connected has released its store (and the root
    // key's lock) when `shutdown` returns: the restarted server may rotate the root key at
    // once, which needs every other holder gone. Connection threads once dropped their hold
    // just after the shutdown returned, which made this racy.
    let mut kms = LocalKms::start().unwrap();
    for round in 0..20 {
        let mut clients: Vec<KmipClient> = (0..3).map(|_| kms.client().unwrap()).collect();
        for c in &mut clients {
            query_works(c);
        }
        kms.restart().unwrap();
        let rotation = kms.server().unwrap().rotate_root();
        assert!(rotation.is_ok(), "round {round}: {rotation:?}");
    }
}
