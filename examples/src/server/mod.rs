//! The KMS server: mutual-TLS transport ([`transport`]), the KMIP layer over the crash-safe
//! store ([`kms`], the batch runner; [`ops`], the operations), and the audit log ([`audit`]).
//!
//! Every object belongs to the client that created it (its certificate's SHA-256
//! fingerprint); only that client and the identities in [`ServerConfig::admins`] may see or
//! act on it.
//!
//! [`Server::start`] is all `kms-server` does; tests and `vsphere-flow` call it in-process on
//! a free loopback port:
//!
//! ```no_run
//! use kmip_examples::server::{Server, ServerConfig};
//! use kmip_examples::tls::TlsFiles;
//! let config = ServerConfig::new(
//!     "127.0.0.1:5696".parse()?,
//!     TlsFiles { cert: "server.pem".into(), key: "server-key.pem".into(), ca: "ca.pem".into() },
//!     "kms-data".into(),
//! );
//! let server = Server::start(config)?;
//! println!("listening on {}", server.local_addr());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod audit;
pub mod kms;
pub mod ops;
pub mod transport;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use crate::store::{Database, RootKeyPlacement, RootRotation, Store, StoreError};
use crate::tls::{ClientId, TlsError, TlsFiles};

pub use audit::AuditLog;
pub use ops::AttributeLimits;
pub use transport::TransportLimits;

/// Errors of starting the server, each saying what to fix.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// Certificates, key or CA.
    #[error(transparent)]
    Tls(#[from] TlsError),
    /// The data directory or root key.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The listening address.
    #[error("cannot listen on {addr}: {source}{hint}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The I/O error.
        source: std::io::Error,
        /// What to do about it.
        hint: &'static str,
    },
}

/// Where the TLS configuration comes from.
#[derive(Clone, Debug)]
pub enum TlsSource {
    /// PEM files.
    Files(TlsFiles),
    /// A ready configuration.
    Config(Arc<rustls::ServerConfig>),
}

/// Everything the server needs.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// Address to listen on (port 0 picks a free one).
    pub listen: SocketAddr,
    /// Server certificate, key and the CA client certificates must chain to.
    pub tls: TlsSource,
    /// Data directory (the SQLite database).
    pub data_dir: PathBuf,
    /// Where the objects are: SQLite in `data_dir` (the default), or a PostgreSQL database
    /// shared by the servers of a cluster (`kms-server --database-url`), each given the same
    /// root key file.
    pub database: Database,
    /// Root key file, instead of the default `DIR.root.key` beside the data directory
    /// ([`default_root_key_path`](crate::store::default_root_key_path)).
    pub root_key_file: Option<PathBuf>,
    /// Accept a root key file inside the data directory (`--allow-root-key-in-data-dir`);
    /// refused otherwise, since a copy of the directory would then carry the key that
    /// unwraps everything in it.
    pub allow_root_key_in_data_dir: bool,
    /// Transport bounds.
    pub limits: TransportLimits,
    /// Where audit lines go.
    pub audit: AuditLog,
    /// Identities in the admin role (`kms-server --admin`): they may see and act on every
    /// object, whoever owns it. Everyone else reaches only the objects they created.
    pub admins: Vec<ClientId>,
    /// Certificate revocation lists (PEM) client certificates are checked against
    /// (`kms-server --crl`), with [`TlsSource::Files`]; see
    /// [`server_config_with_crls`](crate::tls::server_config_with_crls).
    pub crls: Vec<PathBuf>,
}

impl ServerConfig {
    /// A configuration with default limits, auditing to standard error, without admins.
    pub fn new(listen: SocketAddr, tls: TlsFiles, data_dir: PathBuf) -> Self {
        ServerConfig {
            listen,
            tls: TlsSource::Files(tls),
            data_dir,
            database: Database::Sqlite,
            root_key_file: None,
            allow_root_key_in_data_dir: false,
            limits: TransportLimits::default(),
            audit: AuditLog::stderr(),
            admins: Vec::new(),
            crls: Vec::new(),
        }
    }
}

/// A running server. Dropping it stops it (connections are closed, threads joined, the
/// database closed).
#[derive(Debug)]
pub struct Server {
    listener: transport::Listener,
    store: Arc<Store>,
}

impl Server {
    /// Opens the store, loads the TLS configuration and starts listening.
    ///
    /// # Errors
    /// Unusable certificates or keys, data directory or root key, or address.
    pub fn start(config: ServerConfig) -> Result<Self, ServerError> {
        let tls = match config.tls {
            TlsSource::Files(files) => crate::tls::server_config_with_crls(&files, &config.crls)?,
            TlsSource::Config(c) => c,
        };
        let store = Arc::new(Store::open_with(
            &config.database,
            &config.data_dir,
            &RootKeyPlacement {
                file: config.root_key_file.clone(),
                allow_in_data_dir: config.allow_root_key_in_data_dir,
            },
        )?);
        let decode_limits = config.limits.decode_limits();
        let kms = Arc::new(
            kms::Kms::new(store.clone(), config.audit, decode_limits)
                .with_admins(config.admins)
                .with_attribute_limits(config.limits.attributes),
        );
        let listener = transport::Listener::start(config.listen, tls, kms, config.limits).map_err(
            |source| {
                let hint = match source.kind() {
                    std::io::ErrorKind::AddrInUse => {
                        " (another process uses this port: stop it or choose another --listen)"
                    }
                    std::io::ErrorKind::PermissionDenied => {
                        " (ports below 1024 need privileges: use 5696 or another high port)"
                    }
                    std::io::ErrorKind::AddrNotAvailable => " (this machine has no such address)",
                    _ => "",
                };
                ServerError::Bind {
                    addr: config.listen,
                    source,
                    hint,
                }
            },
        )?;
        Ok(Server { listener, store })
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr()
    }

    /// The store (for inspection and root rotation).
    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    /// Transport counters.
    pub fn stats(&self) -> &transport::TransportStats {
        self.listener.stats()
    }

    /// Rotates the root key while serving: every object key is re-wrapped under a new root
    /// version (written, verified, switched) and the old version is destroyed.
    ///
    /// # Errors
    /// See [`Store::rotate_root`].
    pub fn rotate_root(&self) -> Result<RootRotation, StoreError> {
        self.store.rotate_root()
    }

    /// Stops accepting, closes every connection and waits for them.
    pub fn shutdown(mut self) {
        self.listener.shutdown();
    }
}
