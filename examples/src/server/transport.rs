//! The server's transport: a TCP listener, one thread per TLS connection up to a bound, and
//! framed KMIP messages read with a size limit and timeouts.
//!
//! - **Connections**: at most [`TransportLimits::max_connections`] at once; a connection over
//!   the bound is closed at once (the others are unaffected).
//! - **Handshake**: must finish within [`TransportLimits::handshake_timeout`]. A client that
//!   connects and closes without a handshake (a health probe) costs one short-lived thread.
//! - **Messages**: the 8-byte TTLV header says how long a message is
//!   ([`kmip_ttlv::frame_with`]); a header that can never be valid or announces more than
//!   [`TransportLimits::max_message`] bytes gets an error response and the connection is
//!   closed (the stream position is lost). Nothing is allocated beyond the announced, checked
//!   length. Between messages a connection may stay idle for
//!   [`TransportLimits::idle_timeout`]; once a message has started, all of it must arrive
//!   within [`TransportLimits::message_timeout`] (slow senders are cut off).
//! - **Requests** go to a [`MessageHandler`] with the client's identity; the handler's answer
//!   is written back before the next request is read.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use kmip_ttlv::{Frame, Limits};
use rustls::{ServerConnection, StreamOwned};

use crate::tls::ClientId;

/// Who sent a request.
#[derive(Clone, Debug)]
pub struct Peer {
    /// The client's identity: its certificate's SHA-256 fingerprint.
    pub id: ClientId,
    /// The client certificate's subject, for display and the audit log (`?` if the
    /// certificate's subject cannot be read; the identity never depends on it).
    pub subject: String,
    /// The client's address.
    pub addr: SocketAddr,
}

/// What the transport could not frame: the handler turns it into an error response.
#[derive(Debug)]
pub enum FramingError<'a> {
    /// The header can never start a valid message (garbage bytes), or announces a message
    /// larger than the limit.
    BadHeader(&'a kmip_ttlv::Error),
}

/// The KMIP layer: turns a request into a response.
pub trait MessageHandler: Send + Sync + 'static {
    /// Answers one complete framed request (its bytes are not yet decoded).
    fn handle(&self, request: &[u8], peer: &Peer) -> Vec<u8>;

    /// Answers a request that could not be framed; the connection closes after the answer.
    fn framing_error(&self, error: &FramingError<'_>, peer: &Peer) -> Vec<u8>;
}

/// Bounds of the transport.
#[derive(Clone, Copy, Debug)]
pub struct TransportLimits {
    /// Connections served at once.
    pub max_connections: usize,
    /// Largest request accepted, header included.
    pub max_message: usize,
    /// Longest wait for the first byte of the next request.
    pub idle_timeout: Duration,
    /// Longest time one request may take to arrive once its first byte has.
    pub message_timeout: Duration,
    /// Longest TLS handshake.
    pub handshake_timeout: Duration,
    /// Longest blocking write of a response.
    pub write_timeout: Duration,
}

impl Default for TransportLimits {
    /// 256 connections, 1 MiB messages, 5 minutes idle, 10 s per message and handshake,
    /// 30 s per write.
    fn default() -> Self {
        TransportLimits {
            max_connections: 256,
            max_message: 1 << 20,
            idle_timeout: Duration::from_secs(300),
            message_timeout: Duration::from_secs(10),
            handshake_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(30),
        }
    }
}

/// Counters of a running transport.
#[derive(Debug, Default)]
pub struct TransportStats {
    /// Connections accepted (TCP).
    pub accepted: AtomicU64,
    /// Connections closed at once because the bound was reached.
    pub rejected: AtomicU64,
    /// Connections whose TLS handshake failed or that closed before finishing it.
    pub handshake_failures: AtomicU64,
    /// Requests answered.
    pub requests: AtomicU64,
    /// Connections closed for a framing error, a size limit or a timeout.
    pub dropped: AtomicU64,
}

#[derive(Default)]
struct Connections {
    next: u64,
    sockets: HashMap<u64, TcpStream>,
}

struct Shared {
    tls: Arc<rustls::ServerConfig>,
    handler: Arc<dyn MessageHandler>,
    limits: TransportLimits,
    stopping: AtomicBool,
    conns: Mutex<Connections>,
    idle: Condvar,
    stats: Arc<TransportStats>,
}

/// A running listener. Dropping it (or [`Listener::shutdown`]) stops accepting, closes every
/// connection and waits for their threads.
pub struct Listener {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Listener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Listener")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Listener {
    /// Binds `addr` and starts accepting in a background thread.
    ///
    /// # Errors
    /// The address cannot be bound (in use, no permission).
    pub fn start(
        addr: SocketAddr,
        tls: Arc<rustls::ServerConfig>,
        handler: Arc<dyn MessageHandler>,
        limits: TransportLimits,
    ) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            tls,
            handler,
            limits,
            stopping: AtomicBool::new(false),
            conns: Mutex::new(Connections::default()),
            idle: Condvar::new(),
            stats: Arc::new(TransportStats::default()),
        });
        let s = shared.clone();
        let accept = std::thread::Builder::new()
            .name("kmip-accept".into())
            .spawn(move || accept_loop(&listener, &s))?;
        Ok(Listener {
            addr,
            shared,
            accept: Some(accept),
        })
    }

    /// The bound address (with the real port when 0 was asked for).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Counters.
    pub fn stats(&self) -> &TransportStats {
        &self.shared.stats
    }

    /// Connections open now.
    pub fn open_connections(&self) -> usize {
        self.shared
            .conns
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .sockets
            .len()
    }

    /// Stops accepting, closes every connection and waits for the threads to finish.
    pub fn shutdown(&mut self) {
        if self.shared.stopping.swap(true, Ordering::SeqCst) {
            return;
        }
        // Wake the accept loop.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(t) = self.accept.take() {
            let _ = t.join();
        }
        let mut conns = self
            .shared
            .conns
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        for sock in conns.sockets.values() {
            let _ = sock.shutdown(Shutdown::Both);
        }
        while !conns.sockets.is_empty() {
            conns = self
                .shared
                .idle
                .wait_timeout(conns, Duration::from_millis(100))
                .unwrap_or_else(PoisonError::into_inner)
                .0;
            for sock in conns.sockets.values() {
                let _ = sock.shutdown(Shutdown::Both);
            }
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>) {
    for incoming in listener.incoming() {
        if shared.stopping.load(Ordering::SeqCst) {
            break;
        }
        let Ok(sock) = incoming else {
            // EMFILE and the like: back off a little instead of spinning.
            std::thread::sleep(Duration::from_millis(10));
            continue;
        };
        shared.stats.accepted.fetch_add(1, Ordering::Relaxed);
        let Ok(peer_addr) = sock.peer_addr() else {
            continue;
        };
        let id = {
            let mut conns = shared.conns.lock().unwrap_or_else(PoisonError::into_inner);
            if conns.sockets.len() >= shared.limits.max_connections {
                shared.stats.rejected.fetch_add(1, Ordering::Relaxed);
                drop(conns);
                let _ = sock.shutdown(Shutdown::Both);
                continue;
            }
            let Ok(clone) = sock.try_clone() else {
                continue;
            };
            let id = conns.next;
            conns.next = conns.next.wrapping_add(1);
            conns.sockets.insert(id, clone);
            id
        };
        let s = shared.clone();
        let spawned = std::thread::Builder::new()
            .name("kmip-conn".into())
            .spawn(move || {
                serve_connection(sock, peer_addr, &s);
                let mut conns = s.conns.lock().unwrap_or_else(PoisonError::into_inner);
                conns.sockets.remove(&id);
                s.idle.notify_all();
            });
        if spawned.is_err() {
            let mut conns = shared.conns.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(sock) = conns.sockets.remove(&id) {
                let _ = sock.shutdown(Shutdown::Both);
            }
        }
    }
}

/// Why a read stopped.
enum ReadEnd {
    /// The peer closed cleanly between messages.
    Closed,
    /// Timeout, reset, TLS error.
    Failed,
}

fn serve_connection(sock: TcpStream, addr: SocketAddr, shared: &Shared) {
    let limits = shared.limits;
    let _ = sock.set_nodelay(true);
    let _ = sock.set_write_timeout(Some(limits.write_timeout));
    let Ok(conn) = ServerConnection::new(shared.tls.clone()) else {
        return;
    };
    let mut stream = StreamOwned::new(conn, sock);
    // Handshake, bounded in time.
    let deadline = Instant::now() + limits.handshake_timeout;
    while stream.conn.is_handshaking() {
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero()
            || stream.sock.set_read_timeout(Some(remaining)).is_err()
            || stream.conn.complete_io(&mut stream.sock).is_err()
        {
            shared
                .stats
                .handshake_failures
                .fetch_add(1, Ordering::Relaxed);
            // Best effort: tell the peer why (a TLS alert is already queued by rustls).
            let _ = stream.conn.complete_io(&mut stream.sock);
            return;
        }
    }
    // The verifier demands a client certificate, so after the handshake there is one.
    let Some(certificate) = stream.conn.peer_certificates().and_then(|c| c.first()) else {
        shared
            .stats
            .handshake_failures
            .fetch_add(1, Ordering::Relaxed);
        return;
    };
    let peer = Peer {
        id: ClientId::of_certificate(certificate),
        subject: crate::tls::certificate_subject(certificate).unwrap_or_else(|| "?".into()),
        addr,
    };
    let frame_limits = Limits::DEFAULT.with_max_len(limits.max_message);
    let mut buf: Vec<u8> = Vec::with_capacity(4096);
    loop {
        if shared.stopping.load(Ordering::SeqCst) {
            break;
        }
        buf.clear();
        match read_message(&mut stream, &mut buf, &frame_limits, &limits) {
            Ok(Ok(())) => {
                let response = shared.handler.handle(&buf, &peer);
                shared.stats.requests.fetch_add(1, Ordering::Relaxed);
                if stream.write_all(&response).is_err() || stream.flush().is_err() {
                    shared.stats.dropped.fetch_add(1, Ordering::Relaxed);
                    break;
                }
            }
            Ok(Err(error)) => {
                let response = shared
                    .handler
                    .framing_error(&FramingError::BadHeader(&error), &peer);
                let _ = stream.write_all(&response);
                let _ = stream.flush();
                shared.stats.dropped.fetch_add(1, Ordering::Relaxed);
                break;
            }
            Err(ReadEnd::Closed) => break,
            Err(ReadEnd::Failed) => {
                shared.stats.dropped.fetch_add(1, Ordering::Relaxed);
                break;
            }
        }
    }
    stream.conn.send_close_notify();
    let _ = stream.flush();
    let _ = stream.sock.shutdown(Shutdown::Both);
}

/// Reads one framed message into `buf`. `Ok(Err(_))` is a header that can never be valid.
fn read_message(
    stream: &mut StreamOwned<ServerConnection, TcpStream>,
    buf: &mut Vec<u8>,
    frame_limits: &Limits,
    limits: &TransportLimits,
) -> Result<Result<(), kmip_ttlv::Error>, ReadEnd> {
    let mut deadline: Option<Instant> = None;
    loop {
        let needed = match kmip_ttlv::frame_with(buf, frame_limits) {
            Ok(Frame::Complete { len }) => {
                // Exactly one message was asked for, so `len == buf.len()`.
                buf.truncate(len);
                return Ok(Ok(()));
            }
            Ok(Frame::Incomplete { needed }) => needed,
            Err(e) => return Ok(Err(e)),
        };
        let timeout = match deadline {
            None => limits.idle_timeout,
            Some(d) => d.saturating_duration_since(Instant::now()),
        };
        if timeout.is_zero() || stream.sock.set_read_timeout(Some(timeout)).is_err() {
            return Err(ReadEnd::Failed);
        }
        // `needed` is at most 8 before the header is complete, and after it at most the
        // announced length, which frame_with has checked against the limit.
        let start = buf.len();
        buf.resize(start.saturating_add(needed), 0);
        let got = match stream.read(buf.get_mut(start..).unwrap_or_default()) {
            Ok(0) => {
                return Err(if start == 0 {
                    ReadEnd::Closed
                } else {
                    ReadEnd::Failed
                });
            }
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => 0,
            Err(_) => return Err(ReadEnd::Failed),
        };
        buf.truncate(start.saturating_add(got));
        if deadline.is_none() && !buf.is_empty() {
            deadline = Some(Instant::now() + limits.message_timeout);
        }
    }
}
