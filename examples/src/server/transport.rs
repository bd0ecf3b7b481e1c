//! The server's transport: a TCP listener, one thread per TLS connection up to a bound, and
//! framed KMIP messages read with a size limit and timeouts.
//!
//! - **Connections**: at most [`TransportLimits::max_connections`] at once, of which at most
//!   [`TransportLimits::max_handshakes`] still in the TLS handshake (unauthenticated), and at
//!   most [`TransportLimits::max_handshakes_per_ip`] of those from one address. The other
//!   slots are reserved for authenticated clients: no number of clients without a certificate
//!   can take them. When a handshake slot is wanted and none is free, the oldest pending
//!   handshake (of that address, or of all) is cut off: a slow or silent client loses its
//!   place to a new one, and a real client, whose handshake takes milliseconds, gets through
//!   a flood of them. A connection over the total bound with no handshake to cut is closed.
//! - **Deadlines** are absolute: every socket read and write waits only until the current
//!   phase's deadline, however TLS splits its I/O into records and reads, so a peer that
//!   trickles one byte at a time is cut off on time. The handshake must finish within
//!   [`TransportLimits::handshake_timeout`] of the connection's acceptance. A client that
//!   connects and closes without a handshake (a health probe) costs one short-lived thread.
//! - **Messages**: the 8-byte TTLV header says how long a message is
//!   ([`kmip_ttlv::frame_with`]); a header that can never be valid or announces more than
//!   [`TransportLimits::max_message`] bytes gets an error response and the connection is
//!   closed (the stream position is lost). Nothing is allocated beyond the announced, checked
//!   length. Between messages a connection may stay idle for
//!   [`TransportLimits::idle_timeout`]; once a message has started, all of it must arrive
//!   within [`TransportLimits::message_timeout`] of its first byte, and each response must
//!   be written within [`TransportLimits::write_timeout`].
//! - **Requests** go to a [`MessageHandler`] with the client's identity; the handler's answer
//!   is written back before the next request is read.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use kmip_ttlv::{Frame, Limits};
use rustls::{ServerConnection, StreamOwned};
use zeroize::{Zeroize as _, Zeroizing};

use crate::server::ops::AttributeLimits;
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
    /// Connections in the TLS handshake at once (the rest of `max_connections` is reserved
    /// for authenticated clients).
    pub max_handshakes: usize,
    /// Connections in the TLS handshake at once from one IP address.
    pub max_handshakes_per_ip: usize,
    /// Largest request accepted, header included.
    pub max_message: usize,
    /// Most TTLV items in one request, at every depth ([`Limits::with_max_items`]): bounds
    /// the work and the memory the typed decoding of one request may take, before it is
    /// spent.
    pub max_items: usize,
    /// Attributes per object and per request ([`AttributeLimits`]): bound the store's rows
    /// and the work of one request, checked before either is spent.
    pub attributes: AttributeLimits,
    /// Longest wait for the first byte of the next request.
    pub idle_timeout: Duration,
    /// Longest time one request may take to arrive once its first byte has.
    pub message_timeout: Duration,
    /// Longest TLS handshake.
    pub handshake_timeout: Duration,
    /// Longest time to write one response.
    pub write_timeout: Duration,
}

impl TransportLimits {
    /// The limits requests are framed and decoded with: `max_message` bytes, `max_items`
    /// items.
    pub fn decode_limits(&self) -> Limits {
        Limits::DEFAULT
            .with_max_len(self.max_message)
            .with_max_items(self.max_items)
    }
}

impl Default for TransportLimits {
    /// 256 connections, of which at most 64 in the handshake and 16 of those from one
    /// address; 1 MiB messages of at most 16 384 items; 256 attribute instances per object and
    /// 1024 attributes per list in a request; 5 minutes idle, 10 s per message and
    /// handshake, 30 s per write.
    fn default() -> Self {
        TransportLimits {
            max_connections: 256,
            max_handshakes: 64,
            max_handshakes_per_ip: 16,
            max_message: 1 << 20,
            max_items: 16 << 10,
            attributes: AttributeLimits::default(),
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
    /// Pending handshakes cut off to make room for a new connection.
    pub evicted: AtomicU64,
    /// Connections whose TLS handshake failed or that closed before finishing it.
    pub handshake_failures: AtomicU64,
    /// Requests answered.
    pub requests: AtomicU64,
    /// Connections closed for a framing error, a size limit or a timeout.
    pub dropped: AtomicU64,
}

/// One connection, as the accept loop sees it.
struct Connection {
    /// A clone of the socket, to shut it down from outside its thread.
    sock: TcpStream,
    ip: IpAddr,
    accepted: Instant,
    /// Still in the TLS handshake.
    handshaking: bool,
    /// Shut down to make room; its thread is on its way out and it no longer counts.
    evicted: bool,
}

/// The connections, apart from the rest of [`Shared`] so that a connection's thread can drop
/// its handler before it leaves the table.
struct Table {
    conns: Mutex<Connections>,
    idle: Condvar,
}

#[derive(Default)]
struct Connections {
    next: u64,
    sockets: HashMap<u64, Connection>,
}

impl Connections {
    /// The live connections (not evicted), the handshaking ones, and those of `ip`.
    fn counts(&self, ip: IpAddr) -> (usize, usize, usize) {
        let (mut live, mut handshaking, mut of_ip) = (0usize, 0usize, 0usize);
        for c in self.sockets.values().filter(|c| !c.evicted) {
            live = live.saturating_add(1);
            if c.handshaking {
                handshaking = handshaking.saturating_add(1);
                if c.ip == ip {
                    of_ip = of_ip.saturating_add(1);
                }
            }
        }
        (live, handshaking, of_ip)
    }

    /// Cuts off the oldest pending handshake (of `ip` only, if given). False if there is none.
    fn evict_oldest_handshake(&mut self, ip: Option<IpAddr>) -> bool {
        let oldest = self
            .sockets
            .values_mut()
            .filter(|c| c.handshaking && !c.evicted && ip.is_none_or(|ip| c.ip == ip))
            .min_by_key(|c| c.accepted);
        match oldest {
            Some(c) => {
                c.evicted = true;
                let _ = c.sock.shutdown(Shutdown::Both);
                true
            }
            None => false,
        }
    }

    /// Makes room for a new connection from `ip` under `limits`, cutting off pending
    /// handshakes where that is what it takes; false if the connection must be refused.
    fn admit(&mut self, ip: IpAddr, limits: &TransportLimits, stats: &TransportStats) -> bool {
        let evict = |conns: &mut Self, of: Option<IpAddr>| {
            let done = conns.evict_oldest_handshake(of);
            if done {
                stats.evicted.fetch_add(1, Ordering::Relaxed);
            }
            done
        };
        let (_, _, of_ip) = self.counts(ip);
        if of_ip >= limits.max_handshakes_per_ip.max(1) && !evict(self, Some(ip)) {
            return false;
        }
        let (_, handshaking, _) = self.counts(ip);
        if handshaking >= limits.max_handshakes.max(1) && !evict(self, None) {
            return false;
        }
        let (live, _, _) = self.counts(ip);
        live < limits.max_connections || evict(self, None)
    }
}

struct Shared {
    tls: Arc<rustls::ServerConfig>,
    handler: Arc<dyn MessageHandler>,
    limits: TransportLimits,
    stopping: AtomicBool,
    table: Arc<Table>,
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
            table: Arc::new(Table {
                conns: Mutex::new(Connections::default()),
                idle: Condvar::new(),
            }),
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
            .table
            .conns
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .sockets
            .values()
            .filter(|c| !c.evicted)
            .count()
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
            .table
            .conns
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        for c in conns.sockets.values() {
            let _ = c.sock.shutdown(Shutdown::Both);
        }
        while !conns.sockets.is_empty() {
            conns = self
                .shared
                .table
                .idle
                .wait_timeout(conns, Duration::from_millis(100))
                .unwrap_or_else(PoisonError::into_inner)
                .0;
            for c in conns.sockets.values() {
                let _ = c.sock.shutdown(Shutdown::Both);
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
        let accepted = Instant::now();
        let id = {
            let mut conns = shared
                .table
                .conns
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if !conns.admit(peer_addr.ip(), &shared.limits, &shared.stats) {
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
            conns.sockets.insert(
                id,
                Connection {
                    sock: clone,
                    ip: peer_addr.ip(),
                    accepted,
                    handshaking: true,
                    evicted: false,
                },
            );
            id
        };
        let s = shared.clone();
        let table = shared.table.clone();
        let spawned = std::thread::Builder::new()
            .name("kmip-conn".into())
            .spawn(move || {
                serve_connection(sock, peer_addr, id, accepted, &s);
                // Let go of the handler (and the store behind it) before saying this
                // connection is done: a shutdown that has seen every connection end then
                // holds the last reference, and the store is closed when it returns.
                drop(s);
                let mut conns = table.conns.lock().unwrap_or_else(PoisonError::into_inner);
                conns.sockets.remove(&id);
                table.idle.notify_all();
            });
        if spawned.is_err() {
            let mut conns = shared
                .table
                .conns
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if let Some(c) = conns.sockets.remove(&id) {
                let _ = c.sock.shutdown(Shutdown::Both);
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

/// The socket under TLS, with an absolute deadline: each read and write waits only until
/// `deadline`, however rustls splits its I/O (a handshake or one record may take many socket
/// reads), so a peer trickling bytes cannot stretch a phase past its deadline.
struct Deadlined {
    sock: TcpStream,
    deadline: Instant,
    /// Waiting for a message to start: the first byte that arrives (TLS record bytes count,
    /// not just decrypted ones) moves the deadline to this long after it.
    then: Option<Duration>,
}

impl Deadlined {
    fn remaining(&self) -> std::io::Result<Duration> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        Ok(left)
    }
}

impl Read for Deadlined {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.remaining()?;
        self.sock.set_read_timeout(Some(left))?;
        let n = self.sock.read(buf)?;
        if n > 0
            && let Some(then) = self.then.take()
        {
            self.deadline = Instant::now() + then;
        }
        Ok(n)
    }
}

impl Write for Deadlined {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let left = self.remaining()?;
        self.sock.set_write_timeout(Some(left))?;
        self.sock.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.sock.flush()
    }
}

type Tls = StreamOwned<ServerConnection, Deadlined>;

fn serve_connection(
    sock: TcpStream,
    addr: SocketAddr,
    id: u64,
    accepted: Instant,
    shared: &Shared,
) {
    let limits = shared.limits;
    let _ = sock.set_nodelay(true);
    let Ok(conn) = ServerConnection::new(shared.tls.clone()) else {
        return;
    };
    // The handshake's deadline counts from the connection's acceptance.
    let sock = Deadlined {
        sock,
        deadline: accepted + limits.handshake_timeout,
        then: None,
    };
    let mut stream: Tls = StreamOwned::new(conn, sock);
    while stream.conn.is_handshaking() {
        if stream.conn.complete_io(&mut stream.sock).is_err() {
            shared
                .stats
                .handshake_failures
                .fetch_add(1, Ordering::Relaxed);
            // Best effort, within the same deadline: tell the peer why (a TLS alert is
            // already queued by rustls).
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
    // Authenticated: the connection leaves the handshake slots (unless it was cut off).
    {
        let mut conns = shared
            .table
            .conns
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match conns.sockets.get_mut(&id) {
            Some(c) if !c.evicted => c.handshaking = false,
            _ => return,
        }
    }
    let frame_limits = limits.decode_limits();
    // Requests and responses may carry key material: the request buffer is zeroized (its
    // whole capacity) after each message and when the connection ends, each response once
    // written.
    let mut buf: Zeroizing<Vec<u8>> = Zeroizing::new(Vec::with_capacity(4096));
    loop {
        if shared.stopping.load(Ordering::SeqCst) {
            break;
        }
        buf.zeroize();
        match read_message(&mut stream, &mut buf, &frame_limits, &limits) {
            Ok(Ok(())) => {
                let response = Zeroizing::new(shared.handler.handle(&buf, &peer));
                shared.stats.requests.fetch_add(1, Ordering::Relaxed);
                stream.sock.then = None;
                stream.sock.deadline = Instant::now() + limits.write_timeout;
                if stream.write_all(&response).is_err() || stream.flush().is_err() {
                    shared.stats.dropped.fetch_add(1, Ordering::Relaxed);
                    break;
                }
            }
            Ok(Err(error)) => {
                let response = shared
                    .handler
                    .framing_error(&FramingError::BadHeader(&error), &peer);
                stream.sock.then = None;
                stream.sock.deadline = Instant::now() + limits.write_timeout;
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
    stream.sock.then = None;
    stream.sock.deadline = Instant::now() + Duration::from_secs(1).min(limits.write_timeout);
    stream.conn.send_close_notify();
    let _ = stream.flush();
    let _ = stream.sock.sock.shutdown(Shutdown::Both);
}

/// Reads one framed message into `buf`. `Ok(Err(_))` is a header that can never be valid.
/// The first byte must come within the idle timeout, the whole message within the message
/// timeout of its first byte: both are absolute deadlines on every socket read.
fn read_message(
    stream: &mut Tls,
    buf: &mut Vec<u8>,
    frame_limits: &Limits,
    limits: &TransportLimits,
) -> Result<Result<(), kmip_ttlv::Error>, ReadEnd> {
    // Idle until the first byte of the message (even a TLS record's first byte); from then
    // on, the message timeout.
    stream.sock.deadline = Instant::now() + limits.idle_timeout;
    stream.sock.then = Some(limits.message_timeout);
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
        // `needed` is at most 8 before the header is complete, and after it at most the
        // announced length, which frame_with has checked against the limit. The buffer grows
        // (if at all) while it holds only the header, so a reallocation leaves no copy of
        // the message's contents in freed memory.
        let start = buf.len();
        buf.reserve_exact(needed);
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
    }
}
