//! `kms-server`'s command line.
//!
//! ```text
//! kms-server --listen ADDR:PORT --cert PEM --key PEM --ca PEM --data DIR
//!            [--root-key-file FILE] [--database-url postgresql://...] [--audit-log FILE]
//!            [--max-connections N] [--max-message BYTES] [--admin FINGERPRINT]... [--crl PEM]...
//! kms-server --data DIR [--root-key-file FILE] [--database-url postgresql://...] --rotate-root
//! kms-server --generate-certs DIR
//! ```

use std::net::{SocketAddr, ToSocketAddrs as _};
use std::path::PathBuf;

use clap::Parser;

use super::Checked;
use crate::server::{AttributeLimits, AuditLog, ServerConfig, TransportLimits};
use crate::store::{Database, RootKeyPlacement};
use crate::tls::{ClientId, TlsFiles};

/// The flags a server needs, unless it only writes certificates or rotates the root key.
const SERVING: [&str; 2] = ["generate_certs", "rotate_root"];

/// `kms-server`: a KMIP 1.1 key management server over mutual TLS.
#[derive(Debug, Parser)]
#[command(
    name = "kms-server",
    version,
    about = "A KMIP 1.1 key management server over mutual TLS: a crash-safe SQLite store, or a \
             PostgreSQL database shared by a cluster, every key wrapped under a root key",
    override_usage = "kms-server --listen ADDR:PORT --cert PEM --key PEM --ca PEM --data DIR [OPTIONS]\n       \
                      kms-server --data DIR [--root-key-file FILE] [--database-url URL] --rotate-root\n       \
                      kms-server --generate-certs DIR",
    after_help = "RUST_LOG filters the diagnostics on standard error (default: info)."
)]
pub struct KmsServerArgs {
    /// Address to listen on (KMIP's port is 5696; port 0 picks a free one)
    #[arg(long, value_name = "ADDR:PORT", required_unless_present_any = SERVING)]
    pub listen: Option<String>,
    /// The server's certificate chain (PEM)
    #[arg(long, value_name = "PEM", required_unless_present_any = SERVING)]
    pub cert: Option<PathBuf>,
    /// The server's private key (PEM)
    #[arg(long, value_name = "PEM", required_unless_present_any = SERVING)]
    pub key: Option<PathBuf>,
    /// CA certificate(s) client certificates must chain to (PEM)
    #[arg(long, value_name = "PEM", required_unless_present_any = SERVING)]
    pub ca: Option<PathBuf>,
    /// Data directory: kms.sqlite3
    #[arg(long, value_name = "DIR", required_unless_present = "generate_certs")]
    pub data: Option<PathBuf>,
    /// The root key file (created, mode 0600, when the store is new); default DIR.root.key
    /// beside the data directory, outside it
    #[arg(long, value_name = "FILE")]
    pub root_key_file: Option<PathBuf>,
    /// Accept a --root-key-file inside the data directory (refused otherwise: a copy of the
    /// directory would carry the key to read it)
    #[arg(long, requires = "root_key_file")]
    pub allow_root_key_in_data_dir: bool,
    /// Keep the objects in this PostgreSQL database instead of DIR/kms.sqlite3
    /// (`postgresql://user[:password]@host[:port]/database`): several servers on one database,
    /// each with a copy of the same root key file, serve the same objects (a cluster)
    #[arg(long, value_name = "URL", value_parser = Checked(database_url))]
    pub database_url: Option<DatabaseUrl>,
    /// Append audit lines to FILE instead of standard error
    #[arg(long, value_name = "FILE")]
    pub audit_log: Option<PathBuf>,
    /// Connections served at once
    #[arg(long, value_name = "N", default_value_t = TransportLimits::default().max_connections)]
    pub max_connections: usize,
    /// Largest request in bytes
    #[arg(long, value_name = "BYTES", default_value_t = TransportLimits::default().max_message)]
    pub max_message: usize,
    /// Attribute instances one object may hold (Add Attribute, templates and Re-key beyond
    /// it are refused with Index Out of Bounds)
    #[arg(long, value_name = "N", default_value_t = AttributeLimits::default().max_per_object)]
    pub max_attributes_per_object: usize,
    /// Attributes or names in one list of one request (a template, Get Attributes' names,
    /// Locate's attributes)
    #[arg(long, value_name = "N", default_value_t = AttributeLimits::default().max_per_request)]
    pub max_attributes_per_request: usize,
    /// A client certificate's SHA-256 fingerprint (64 hex digits, colons allowed; the audit
    /// log shows it) that may see and act on every object; repeatable. Other clients reach
    /// only the objects they created
    #[arg(long = "admin", value_name = "FINGERPRINT", value_parser = Checked(fingerprint))]
    pub admins: Vec<ClientId>,
    /// Certificate revocation list(s) of the CA (PEM): a revoked client certificate is
    /// refused at the handshake, and so is any whose issuer has no CRL given (fail closed);
    /// repeatable
    #[arg(long = "crl", value_name = "PEM")]
    pub crls: Vec<PathBuf>,
    /// Re-wrap every key under a new root key version, then exit
    #[arg(long)]
    pub rotate_root: bool,
    /// Write a test CA, server and client certificates into DIR, then exit
    #[arg(long, value_name = "DIR", conflicts_with = "rotate_root")]
    pub generate_certs: Option<PathBuf>,
}

/// A `--database-url`: `Debug` shows only its scheme, since the URL may hold a password.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl(pub String);

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let scheme = self.0.split("://").next().unwrap_or_default();
        write!(f, "DatabaseUrl({scheme}://…)")
    }
}

/// `--database-url`: a PostgreSQL URL; the error names only the scheme, never the password.
fn database_url(url: &str) -> Result<DatabaseUrl, String> {
    if url.starts_with("postgresql://") || url.starts_with("postgres://") {
        Ok(DatabaseUrl(url.to_owned()))
    } else {
        Err(format!(
            "must be a postgresql:// URL, not {:?}",
            url.split("://").next().unwrap_or_default()
        ))
    }
}

/// `--admin`: a certificate fingerprint.
fn fingerprint(text: &str) -> Result<ClientId, String> {
    ClientId::parse(text).ok_or_else(|| {
        format!("{text:?} is not a SHA-256 fingerprint (64 hex digits, colons allowed)")
    })
}

/// A command line that parsed but cannot be served.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// A flag serving needs is missing (clap requires them; this is for hand-built args).
    #[error("{0} is required")]
    Missing(&'static str),
    /// `--listen` does not resolve.
    #[error("--listen {listen}: {source}")]
    Listen {
        /// The address given.
        listen: String,
        /// Why it does not resolve.
        source: std::io::Error,
    },
    /// `--listen` resolves to nothing.
    #[error("--listen {0}: no address")]
    NoAddress(String),
    /// The audit log cannot be opened.
    #[error("audit log {}: {source}", path.display())]
    AuditLog {
        /// `--audit-log`.
        path: PathBuf,
        /// Why not.
        source: std::io::Error,
    },
}

impl KmsServerArgs {
    /// Where the root key file is and whether it may be inside the data directory.
    pub fn root_key_placement(&self) -> RootKeyPlacement {
        RootKeyPlacement {
            file: self.root_key_file.clone(),
            allow_in_data_dir: self.allow_root_key_in_data_dir,
        }
    }

    /// Where the objects are: `--database-url`, or SQLite in the data directory.
    pub fn database(&self) -> Database {
        self.database_url
            .clone()
            .map_or(Database::Sqlite, |url| Database::Postgres(url.0))
    }

    /// The transport limits: the defaults with `--max-connections`, `--max-message`,
    /// `--max-attributes-per-object` and `--max-attributes-per-request`.
    pub fn limits(&self) -> TransportLimits {
        TransportLimits {
            max_connections: self.max_connections,
            max_message: self.max_message,
            attributes: AttributeLimits {
                max_per_object: self.max_attributes_per_object,
                max_per_request: self.max_attributes_per_request,
            },
            ..TransportLimits::default()
        }
    }

    /// The configuration of a serving server (resolves `--listen`, opens `--audit-log`).
    ///
    /// # Errors
    /// A missing flag, an address that does not resolve, an audit log that cannot be opened.
    pub fn server_config(&self) -> Result<ServerConfig, ServeError> {
        let listen = self
            .listen
            .as_deref()
            .ok_or(ServeError::Missing("--listen"))?;
        let addr: SocketAddr = listen
            .to_socket_addrs()
            .map_err(|source| ServeError::Listen {
                listen: listen.to_owned(),
                source,
            })?
            .next()
            .ok_or_else(|| ServeError::NoAddress(listen.to_owned()))?;
        let required = |v: &Option<PathBuf>, flag| v.clone().ok_or(ServeError::Missing(flag));
        let tls = TlsFiles {
            cert: required(&self.cert, "--cert")?,
            key: required(&self.key, "--key")?,
            ca: required(&self.ca, "--ca")?,
        };
        let mut config = ServerConfig::new(addr, tls, required(&self.data, "--data")?);
        config.root_key_file.clone_from(&self.root_key_file);
        config.allow_root_key_in_data_dir = self.allow_root_key_in_data_dir;
        config.database = self.database();
        config.limits = self.limits();
        config.admins.clone_from(&self.admins);
        config.crls.clone_from(&self.crls);
        if let Some(path) = &self.audit_log {
            config.audit = AuditLog::file(path).map_err(|source| ServeError::AuditLog {
                path: path.clone(),
                source,
            })?;
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::TlsSource;

    fn parse(args: &[&str]) -> Result<KmsServerArgs, clap::Error> {
        super::super::parse(args)
    }

    #[test]
    fn serving_flags_make_the_server_config() {
        let dir = crate::util::TempDir::new("kms-server-args").unwrap();
        let audit = dir.path().join("audit.log");
        let admin = "ab".repeat(32);
        let colons = ["CD"; 32].join(":");
        let a = parse(&[
            "--listen",
            "127.0.0.1:5696",
            "--cert",
            "s.pem",
            "--key",
            "s-key.pem",
            "--ca",
            "ca.pem",
            "--data",
            "d",
            "--root-key-file",
            "root.key",
            "--database-url",
            "postgresql://kms:pw@db/kms",
            "--audit-log",
            audit.to_str().unwrap(),
            "--max-connections",
            "8",
            "--max-message",
            "4096",
            "--max-attributes-per-object",
            "32",
            "--max-attributes-per-request",
            "64",
            "--admin",
            &admin,
            "--admin",
            &colons,
            "--crl",
            "a.crl",
            "--crl",
            "b.crl",
        ])
        .unwrap();
        assert!(!a.rotate_root && a.generate_certs.is_none());
        let c = a.server_config().unwrap();
        assert_eq!(c.listen, "127.0.0.1:5696".parse().unwrap());
        let TlsSource::Files(tls) = &c.tls else {
            panic!("{:?}", c.tls)
        };
        assert_eq!(
            (tls.cert.to_str(), tls.key.to_str(), tls.ca.to_str()),
            (Some("s.pem"), Some("s-key.pem"), Some("ca.pem"))
        );
        assert_eq!(c.data_dir, PathBuf::from("d"));
        assert_eq!(c.root_key_file, Some(PathBuf::from("root.key")));
        assert_eq!(
            c.database,
            Database::Postgres("postgresql://kms:pw@db/kms".into())
        );
        assert_eq!((c.limits.max_connections, c.limits.max_message), (8, 4096));
        assert_eq!(
            c.limits.attributes,
            AttributeLimits {
                max_per_object: 32,
                max_per_request: 64
            }
        );
        assert_eq!(
            c.limits.max_handshakes,
            TransportLimits::default().max_handshakes
        );
        assert_eq!(c.admins, [ClientId([0xAB; 32]), ClientId([0xCD; 32])]);
        assert_eq!(c.crls, [PathBuf::from("a.crl"), PathBuf::from("b.crl")]);
        assert!(audit.exists());
    }

    #[test]
    fn defaults_are_the_transport_defaults_and_sqlite() {
        let a = parse(&[
            "--listen", "[::1]:0", "--cert", "c", "--key", "k", "--ca", "a", "--data", "d",
        ])
        .unwrap();
        let c = a.server_config().unwrap();
        assert_eq!(c.database, Database::Sqlite);
        let d = TransportLimits::default();
        assert_eq!(
            (c.limits.max_connections, c.limits.max_message),
            (d.max_connections, d.max_message)
        );
        assert_eq!(c.limits.attributes, d.attributes);
        assert!(c.admins.is_empty() && c.crls.is_empty() && c.root_key_file.is_none());
    }

    #[test]
    fn rotation_and_certificates_need_no_serving_flags() {
        let a = parse(&[
            "--data",
            "d",
            "--database-url",
            "postgres://h/db",
            "--root-key-file",
            "r",
            "--rotate-root",
        ])
        .unwrap();
        assert!(a.rotate_root);
        assert_eq!(a.database(), Database::Postgres("postgres://h/db".into()));
        let a = parse(&["--generate-certs", "certs"]).unwrap();
        assert_eq!(a.generate_certs, Some(PathBuf::from("certs")));
        // Serving without --data, or without --listen, is a usage error.
        let e = parse(&["--rotate-root"]).unwrap_err();
        assert_eq!(e.kind(), clap::error::ErrorKind::MissingRequiredArgument);
        let e = parse(&["--data", "d"]).unwrap_err();
        assert_eq!(e.kind(), clap::error::ErrorKind::MissingRequiredArgument);
        assert!(e.to_string().contains("--listen"), "{e}");
        let e = parse(&["--generate-certs", "c", "--rotate-root", "--data", "d"]).unwrap_err();
        assert_eq!(e.kind(), clap::error::ErrorKind::ArgumentConflict);
    }

    #[test]
    fn bad_values_are_named_without_echoing_secrets() {
        let e = parse(&["--admin", "CN=kms-admin", "--data", "d"]).unwrap_err();
        assert_eq!(e.kind(), clap::error::ErrorKind::ValueValidation);
        assert_eq!(e.exit_code(), 2);
        let text = e.to_string();
        assert!(
            text.contains("--admin \"CN=kms-admin\" is not a SHA-256 fingerprint"),
            "{text}"
        );
        let e = parse(&["--database-url", "mysql://root:hunter2@db/x", "--data", "d"]).unwrap_err();
        let text = e.to_string();
        assert!(
            text.contains("--database-url must be a postgresql:// URL, not \"mysql\""),
            "{text}"
        );
        assert!(!text.contains("hunter2"), "{text}");
        let a = parse(&[
            "--database-url",
            "postgresql://u:hunter2@db/x",
            "--data",
            "d",
            "--rotate-root",
        ])
        .unwrap();
        assert!(!format!("{a:?}").contains("hunter2"));
        let e = parse(&["--max-connections", "many", "--data", "d"]).unwrap_err();
        assert_eq!(e.kind(), clap::error::ErrorKind::ValueValidation);
    }

    #[test]
    fn an_unresolvable_listen_address_is_an_error() {
        let a = parse(&[
            "--listen", "nonsense", "--cert", "c", "--key", "k", "--ca", "a", "--data", "d",
        ])
        .unwrap();
        assert!(matches!(a.server_config(), Err(ServeError::Listen { .. })));
    }
}
