//! A complete KMS on this machine with nothing to set up: a throw-away CA and certificates in a
//! temporary directory, a fresh data directory, and the server on a free loopback port. Used
//! by `vsphere-flow` and the tests; everything is removed when it is dropped.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::client::{ClientError, KmipClient};
use crate::pki::{PkiError, PkiFiles, TestPki};
use crate::server::{AuditLog, Server, ServerConfig, ServerError, TlsSource, TransportLimits};
use crate::tls::{TlsError, client_config};
use crate::util::TempDir;

/// Errors of setting up a local KMS.
#[derive(Debug, thiserror::Error)]
pub enum LocalError {
    /// The temporary directory.
    #[error("temporary directory: {0}")]
    Io(#[from] std::io::Error),
    /// Certificates.
    #[error(transparent)]
    Pki(#[from] PkiError),
    /// TLS configuration.
    #[error(transparent)]
    Tls(#[from] TlsError),
    /// The server.
    #[error(transparent)]
    Server(#[from] ServerError),
    /// A client.
    #[error(transparent)]
    Client(#[from] ClientError),
}

/// A local KMS: see the module docs.
pub struct LocalKms {
    dir: TempDir,
    pki: TestPki,
    files: PkiFiles,
    data_dir: PathBuf,
    server: Option<Server>,
    addr: SocketAddr,
    limits: TransportLimits,
    audit: Arc<Mutex<Vec<u8>>>,
    audit_log: AuditLog,
}

impl std::fmt::Debug for LocalKms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalKms")
            .field("dir", &self.dir)
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

/// Timeout of client connections and calls.
pub const CLIENT_TIMEOUT: Duration = Duration::from_secs(30);

impl LocalKms {
    /// Creates the CA and certificates, and starts a server on a free loopback port with a
    /// fresh data directory.
    ///
    /// # Errors
    /// Any setup step.
    pub fn start() -> Result<Self, LocalError> {
        Self::start_with(TransportLimits::default())
    }

    /// As [`LocalKms::start`] with other transport limits.
    ///
    /// # Errors
    /// Any setup step.
    pub fn start_with(limits: TransportLimits) -> Result<Self, LocalError> {
        let dir = TempDir::new("kmip-examples")?;
        let pki = TestPki::generate(&["localhost"])?;
        let files = pki.write_to(dir.path())?;
        let data_dir = dir.path().join("kms-data");
        let (audit_log, audit) = AuditLog::memory();
        let mut kms = LocalKms {
            dir,
            pki,
            files,
            data_dir,
            server: None,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            limits,
            audit,
            audit_log,
        };
        kms.launch()?;
        Ok(kms)
    }

    fn launch(&mut self) -> Result<(), LocalError> {
        let tls = crate::tls::server_config(&self.files.server)?;
        let config = ServerConfig {
            listen: self.addr,
            tls: TlsSource::Config(tls),
            data_dir: self.data_dir.clone(),
            database: crate::store::Database::Sqlite,
            root_key_file: None,
            allow_root_key_in_data_dir: false,
            limits: self.limits,
            audit: self.audit_log.clone(),
            admins: Vec::new(),
            crls: Vec::new(),
        };
        let server = Server::start(config)?;
        self.addr = server.local_addr();
        self.server = Some(server);
        Ok(())
    }

    /// Stops the server (closing every connection) and starts it again from the same data
    /// directory on the same port: a power cycle of the KMS.
    ///
    /// # Errors
    /// The server does not come back.
    pub fn restart(&mut self) -> Result<(), LocalError> {
        if let Some(s) = self.server.take() {
            s.shutdown();
        }
        self.launch()
    }

    /// Stops the server.
    pub fn stop(&mut self) {
        if let Some(s) = self.server.take() {
            s.shutdown();
        }
    }

    /// The running server.
    pub fn server(&self) -> Option<&Server> {
        self.server.as_ref()
    }

    /// The server's address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The temporary directory holding everything.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The PEM files.
    pub fn files(&self) -> &PkiFiles {
        &self.files
    }

    /// The CA (to issue more client certificates).
    pub fn pki(&self) -> &TestPki {
        &self.pki
    }

    /// A new client connection with the default client certificate.
    ///
    /// # Errors
    /// Connection or TLS failure.
    pub fn client(&self) -> Result<KmipClient, LocalError> {
        let tls = client_config(&self.files.client)?;
        Ok(KmipClient::connect(
            &self.addr.to_string(),
            "localhost",
            tls,
            CLIENT_TIMEOUT,
        )?)
    }

    /// The audit lines written so far.
    pub fn audit_lines(&self) -> Vec<String> {
        let buf = self.audit.lock().unwrap_or_else(PoisonError::into_inner);
        String::from_utf8_lossy(&buf)
            .lines()
            .map(str::to_owned)
            .collect()
    }
}

impl Drop for LocalKms {
    fn drop(&mut self) {
        self.stop();
    }
}
