//! The client side of the wire: a mutual-TLS connection that sends one TTLV request and reads
//! one framed response, with timeouts and a response size limit.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::Duration;
use zeroize::Zeroizing;

use kmip_ttlv::{Frame, Limits};
use rustls::pki_types::ServerName;
use rustls::{ClientConfig, ClientConnection, StreamOwned};

/// Errors of the connection.
#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    /// The address does not resolve or nothing listens there.
    #[error("cannot connect to {addr}: {source}")]
    Connect {
        /// The address.
        addr: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The server name is not a valid DNS name or IP address.
    #[error("invalid server name {0:?}")]
    ServerName(String),
    /// TLS failed (handshake, certificate, alert).
    #[error("TLS: {0}")]
    Tls(std::io::Error),
    /// Reading or writing failed.
    #[error("connection: {0}")]
    Io(#[from] std::io::Error),
    /// The server closed the connection.
    #[error("the server closed the connection")]
    Closed,
    /// The response is not a framed TTLV message.
    #[error("malformed response: {0}")]
    Framing(kmip_ttlv::Error),
}

/// One TLS connection to a KMIP server.
pub struct Connection {
    stream: StreamOwned<ClientConnection, TcpStream>,
    limits: Limits,
    timeout: Duration,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("peer", &self.stream.sock.peer_addr().ok())
            .finish_non_exhaustive()
    }
}

impl Connection {
    /// Connects to `addr` (`host:port`), verifies the server's certificate for `server_name`
    /// and completes the handshake. `timeout` bounds the connect, the handshake and each later
    /// read and write.
    ///
    /// # Errors
    /// Connection, name or TLS failures.
    pub fn connect(
        addr: &str,
        server_name: &str,
        config: Arc<ClientConfig>,
        timeout: Duration,
    ) -> Result<Self, TransportError> {
        let connect_err = |source| TransportError::Connect {
            addr: addr.to_owned(),
            source,
        };
        let addrs: Vec<SocketAddr> = addr.to_socket_addrs().map_err(connect_err)?.collect();
        let mut last = std::io::Error::new(std::io::ErrorKind::NotFound, "no address");
        let mut sock = None;
        for a in addrs {
            match TcpStream::connect_timeout(&a, timeout) {
                Ok(s) => {
                    sock = Some(s);
                    break;
                }
                Err(e) => last = e,
            }
        }
        let sock = sock.ok_or_else(|| connect_err(last))?;
        sock.set_read_timeout(Some(timeout))?;
        sock.set_write_timeout(Some(timeout))?;
        let _ = sock.set_nodelay(true);
        let name = ServerName::try_from(server_name.to_owned())
            .map_err(|_| TransportError::ServerName(server_name.to_owned()))?;
        let conn = ClientConnection::new(config, name)
            .map_err(|e| TransportError::Tls(std::io::Error::other(e)))?;
        let mut stream = StreamOwned::new(conn, sock);
        while stream.conn.is_handshaking() {
            stream
                .conn
                .complete_io(&mut stream.sock)
                .map_err(TransportError::Tls)?;
        }
        Ok(Connection {
            stream,
            limits: Limits::DEFAULT,
            timeout,
        })
    }

    /// The same connection accepting responses up to `max_len` bytes (default 16 MiB).
    #[must_use]
    pub fn with_max_response(mut self, max_len: usize) -> Self {
        self.limits = self.limits.with_max_len(max_len);
        self
    }

    /// The per-operation timeout.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Sends raw bytes (for tests that send garbage).
    ///
    /// # Errors
    /// The write failed.
    pub fn send_raw(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
        self.stream.write_all(bytes)?;
        self.stream.flush()?;
        Ok(())
    }

    /// Reads one framed message, into a buffer that is zeroized when dropped (a response may
    /// carry key material); it grows at most once, while it holds only the 8-byte header, so
    /// no copy of the message is left in freed memory.
    ///
    /// # Errors
    /// Closed connection, timeout, or a response that is not a framed TTLV message.
    pub fn read_message(&mut self) -> Result<Zeroizing<Vec<u8>>, TransportError> {
        let mut buf = Zeroizing::new(Vec::with_capacity(1024));
        loop {
            let needed = match kmip_ttlv::frame_with(&buf, &self.limits) {
                Ok(Frame::Complete { len }) => {
                    buf.truncate(len);
                    return Ok(buf);
                }
                Ok(Frame::Incomplete { needed }) => needed,
                Err(e) => return Err(TransportError::Framing(e)),
            };
            let start = buf.len();
            buf.reserve_exact(needed);
            buf.resize(start.saturating_add(needed), 0);
            match self.stream.read(buf.get_mut(start..).unwrap_or_default()) {
                Ok(0) => return Err(TransportError::Closed),
                Ok(n) => buf.truncate(start.saturating_add(n)),
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                    return Err(TransportError::Closed);
                }
                Err(e) => return Err(TransportError::Io(e)),
            }
        }
    }

    /// Sends a request and reads its response.
    ///
    /// # Errors
    /// As [`Connection::send_raw`] and [`Connection::read_message`].
    pub fn round_trip(&mut self, request: &[u8]) -> Result<Zeroizing<Vec<u8>>, TransportError> {
        self.send_raw(request)?;
        self.read_message()
    }

    /// Closes the connection (TLS close_notify, then TCP).
    pub fn close(mut self) {
        self.stream.conn.send_close_notify();
        let _ = self.stream.flush();
        let _ = self.stream.sock.shutdown(std::net::Shutdown::Both);
    }
}
