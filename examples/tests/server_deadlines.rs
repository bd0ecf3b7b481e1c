//! kms-server against clients that never finish (issue 11): every phase of a connection has an
//! absolute deadline however the peer trickles its bytes, and clients without a certificate
//! cannot take the slots of those with one.

mod common;

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use kmip_examples::local::LocalKms;
use kmip_examples::server::TransportLimits;
use kmip_examples::tls::{certs_from_pem, client_config_from, load_roots};
use kmip_types::{ProtocolVersion, QueryFunction, QueryRequest, RequestMessage};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{PrivateKeyDer, ServerName};

/// A TLS client configuration holding the local KMS's client certificate.
fn client_tls(kms: &LocalKms) -> Arc<rustls::ClientConfig> {
    let roots = load_roots(&kms.files().ca).unwrap();
    let certs = certs_from_pem(kms.pki().client.cert_pem.as_bytes()).unwrap();
    let key = PrivateKeyDer::from_pem_slice(kms.pki().client.key_pem.as_bytes()).unwrap();
    client_config_from(roots, certs, key).unwrap()
}

/// The bytes of a real ClientHello.
fn client_hello(kms: &LocalKms) -> Vec<u8> {
    let mut conn =
        rustls::ClientConnection::new(client_tls(kms), ServerName::try_from("localhost").unwrap())
            .unwrap();
    let mut hello = Vec::new();
    while conn.wants_write() {
        conn.write_tls(&mut hello).unwrap();
    }
    hello
}

/// Whether the server has closed `sock` (EOF, reset, or an alert followed by EOF), looking
/// for at most `wait`.
fn closed_by_server(sock: &mut TcpStream, wait: Duration) -> bool {
    sock.set_read_timeout(Some(wait)).unwrap();
    let mut buf = [0u8; 512];
    loop {
        match sock.read(&mut buf) {
            Ok(0) => return true,
            // A TLS alert: read on to the close.
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return false;
            }
            Err(_) => return true,
        }
    }
}

/// Sends `bytes` one at a time, `gap` apart, until the server closes the connection; returns
/// how long after the first byte that was, or `None` if all were sent and it was still open.
fn trickle(sock: &mut TcpStream, bytes: &[u8], gap: Duration) -> Option<Duration> {
    let start = Instant::now();
    for b in bytes {
        if sock.write_all(std::slice::from_ref(b)).is_err() || closed_by_server(sock, gap) {
            return Some(start.elapsed());
        }
    }
    None
}

#[test]
fn a_trickled_handshake_is_cut_at_its_deadline() {
    // One byte of a real ClientHello every 100 ms: each read succeeds well within any
    // per-read timeout, so only an absolute deadline ends it (it would take 20 s or more).
    let kms = LocalKms::start_with(TransportLimits {
        handshake_timeout: Duration::from_secs(1),
        ..TransportLimits::default()
    })
    .unwrap();
    let hello = client_hello(&kms);
    assert!(hello.len() > 200, "{}", hello.len());
    let mut sock = TcpStream::connect(kms.addr()).unwrap();
    let cut = trickle(&mut sock, &hello, Duration::from_millis(100));
    let cut = cut.expect("the server never closed a handshake trickled over 20 s");
    // Well before the trickle could end; the slack is for a loaded machine.
    assert!(cut < Duration::from_secs(8), "closed only after {cut:?}");
    let stats = kms.server().unwrap().stats();
    assert!(stats.handshake_failures.load(Ordering::Relaxed) >= 1);
}

#[test]
fn a_trickled_request_record_is_cut_at_the_message_deadline() {
    // After a real handshake, the one TLS record that carries a request arrives a byte per
    // 100 ms: no plaintext byte is ever decrypted before the record is whole, so only a
    // deadline that counts from the record's first byte ends it.
    let kms = LocalKms::start_with(TransportLimits {
        message_timeout: Duration::from_secs(1),
        idle_timeout: Duration::from_secs(60),
        ..TransportLimits::default()
    })
    .unwrap();
    let mut sock = TcpStream::connect(kms.addr()).unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut conn =
        rustls::ClientConnection::new(client_tls(&kms), ServerName::try_from("localhost").unwrap())
            .unwrap();
    while conn.is_handshaking() {
        conn.complete_io(&mut sock).unwrap();
    }
    // TLS 1.3: the server's session tickets may follow the handshake; flush what we owe.
    while conn.wants_write() {
        conn.write_tls(&mut sock).unwrap();
    }
    let request = RequestMessage::single(
        ProtocolVersion::V1_1,
        QueryRequest {
            query_functions: vec![QueryFunction::QUERY_OPERATIONS],
            ..Default::default()
        },
    )
    .encode();
    conn.writer().write_all(&request).unwrap();
    let mut record = Vec::new();
    while conn.wants_write() {
        conn.write_tls(&mut record).unwrap();
    }
    assert!(record.len() > 100, "{}", record.len());
    let cut = trickle(&mut sock, &record, Duration::from_millis(100));
    let cut = cut.expect("the server never closed a request record trickled over 10 s");
    assert!(cut < Duration::from_secs(8), "closed only after {cut:?}");
    // The server is still there for others.
    let mut c = kms.client().unwrap();
    c.query(&[QueryFunction::QUERY_OPERATIONS]).unwrap();
}

#[test]
fn three_hundred_slow_handshakes_do_not_keep_out_a_real_client() {
    // 300 connections from this address that start a handshake and stall, more than the
    // 256 connections the server serves at once. Pending handshakes are capped (16 per
    // address, 64 in all) and the oldest is cut off for a newcomer, so a real client gets a
    // slot and finishes its handshake long before its own deadline.
    let kms = LocalKms::start_with(TransportLimits {
        handshake_timeout: Duration::from_secs(30),
        ..TransportLimits::default()
    })
    .unwrap();
    let limits = TransportLimits::default();
    let hello = client_hello(&kms);
    let mut stalled = Vec::new();
    for _ in 0..300 {
        let mut s = TcpStream::connect(kms.addr()).unwrap();
        // Most of a ClientHello, never the rest.
        let _ = s.write_all(&hello[..hello.len() / 2]);
        stalled.push(s);
    }
    let stats = kms.server().unwrap().stats();
    // The server has seen them all (it accepts asynchronously).
    let deadline = Instant::now() + Duration::from_secs(30);
    while stats.accepted.load(Ordering::Relaxed) < 300 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(stats.accepted.load(Ordering::Relaxed), 300);
    // The real client: connect, handshake and a Query, each within the client's deadline
    // (LocalKms clients time out after 30 s).
    let mut c = kms.client().unwrap();
    let q = c.query(&[QueryFunction::QUERY_SERVER_INFORMATION]).unwrap();
    assert!(q.vendor_identification.is_some());
    // All but the newest 16 stalled handshakes were cut off to make room.
    let evicted = stats.evicted.load(Ordering::Relaxed);
    assert!(
        evicted >= 300 - limits.max_handshakes_per_ip as u64,
        "{evicted}"
    );
    drop(stalled);
}

/// VmHWM (peak resident set) of process `pid`, in KiB.
fn peak_rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[test]
fn a_megabyte_of_minimal_items_keeps_server_memory_bounded() {
    // A Query request whose payload holds 65 000 vendor items of 16 bytes each: just under
    // the 1 MiB message limit. Typed decoding would keep each as an allocation of its own;
    // the item limit (16 Ki per request) refuses the message while validating, before the
    // typed layer allocates anything. Eight connections send it four times each at once.
    let s = common::Setup::new();
    let server = s.spawn_server("127.0.0.1:0");
    let pid = server.child.id();
    let mut request = Vec::new();
    let mut w = kmip_ttlv::Writer::new(&mut request);
    w.structure(kmip_types::tag::REQUEST_MESSAGE, |w| {
        w.structure(kmip_types::tag::REQUEST_HEADER, |w| {
            w.structure(kmip_types::tag::PROTOCOL_VERSION, |w| {
                w.integer(kmip_types::tag::PROTOCOL_VERSION_MAJOR, 1)
                    .integer(kmip_types::tag::PROTOCOL_VERSION_MINOR, 1);
            })
            .integer(kmip_types::tag::BATCH_COUNT, 1);
        })
        .structure(kmip_types::tag::BATCH_ITEM, |w| {
            w.enumeration(kmip_types::tag::OPERATION, 0x18) // Query
                .structure(kmip_types::tag::REQUEST_PAYLOAD, |w| {
                    for i in 0..65_000 {
                        w.integer(kmip_ttlv::Tag::new(0x540001), i);
                    }
                });
        });
    });
    w.finish().unwrap();
    assert!(request.len() <= 1 << 20 && request.len() > 1_000_000);
    // Warm up (TLS, threads, allocator) with ordinary requests, then measure.
    let mut c = s.client(server.addr);
    c.query(&[QueryFunction::QUERY_OPERATIONS]).unwrap();
    let before = peak_rss_kib(pid);
    let request = Arc::new(request);
    let senders: Vec<_> = (0..8)
        .map(|_| {
            let mut c = s.client(server.addr);
            let request = request.clone();
            std::thread::spawn(move || {
                for _ in 0..4 {
                    let answer = c.connection().round_trip(&request).unwrap();
                    let answer = kmip_types::ResponseMessage::decode(&answer).unwrap();
                    assert_eq!(
                        answer.batch_items[0].result_reason,
                        Some(kmip_types::ResultReason::INVALID_MESSAGE)
                    );
                }
            })
        })
        .collect();
    for t in senders {
        t.join().unwrap();
    }
    let after = peak_rss_kib(pid);
    let growth = after.saturating_sub(before);
    println!("server peak RSS {before} KiB -> {after} KiB (+{growth} KiB) for 8 x 1 MiB at once");
    // Eight 1 MiB receive buffers and TLS buffers: well under 24 MiB. Decoding 65 000 items
    // typed, eight at once, costs far more.
    assert!(growth < 24 * 1024, "peak RSS grew by {growth} KiB");
    c.query(&[QueryFunction::QUERY_OPERATIONS]).unwrap();
}
