//! Connection options shared by the command-line programs (`kmip-client`, `disk-crypt`):
//! flags (clap, global: before or after the command) with defaults from the environment.

use std::path::PathBuf;
use std::time::Duration;

use kmip_types::ProtocolVersion;

use crate::client::KmipClient;
use crate::tls::{TlsFiles, client_config};

/// Where and how to connect: `--server`, `--server-name`, `--cert`, `--key`, `--ca`,
/// `--kmip`, `--timeout`, with `KMIP_SERVER`, `KMIP_SERVER_NAME`, `KMIP_CERT`, `KMIP_KEY`,
/// `KMIP_CA` as defaults (an empty variable counts as unset).
#[derive(Clone, Debug, clap::Args)]
#[command(next_help_heading = "Connection")]
pub struct ConnectOptions {
    /// `host:port`, or several separated by commas: servers of one cluster on a shared store,
    /// the next tried when one cannot be reached
    #[arg(
        long,
        global = true,
        env = "KMIP_SERVER",
        value_name = "HOST:PORT[,HOST:PORT...]"
    )]
    pub server: Option<String>,
    /// Name to verify the server certificate against [default: the host part of --server]
    #[arg(long, global = true, env = "KMIP_SERVER_NAME", value_name = "NAME")]
    pub server_name: Option<String>,
    /// Client certificate (PEM)
    #[arg(long, global = true, env = "KMIP_CERT", value_name = "PEM")]
    pub cert: Option<PathBuf>,
    /// Client private key (PEM)
    #[arg(long, global = true, env = "KMIP_KEY", value_name = "PEM")]
    pub key: Option<PathBuf>,
    /// CA of the server certificate (PEM)
    #[arg(long, global = true, env = "KMIP_CA", value_name = "PEM")]
    pub ca: Option<PathBuf>,
    /// Protocol version of requests (1.0, 1.1, 1.2, 1.3 or 1.4)
    #[arg(
        id = "kmip",
        long = "kmip",
        global = true,
        value_name = "VERSION",
        default_value = "1.1",
        value_parser = parse_version
    )]
    pub version: ProtocolVersion,
    /// Connect and call timeout
    #[arg(
        long,
        global = true,
        value_name = "SECONDS",
        default_value = "30",
        value_parser = parse_seconds
    )]
    pub timeout: Duration,
}

/// Parses `1.1`.
///
/// # Errors
/// Not `MAJOR.MINOR`.
pub fn parse_version(v: &str) -> Result<ProtocolVersion, String> {
    let bad = || format!("bad protocol version {v:?}");
    let (a, b) = v.split_once('.').ok_or_else(bad)?;
    Ok(ProtocolVersion::new(
        a.parse().map_err(|_| bad())?,
        b.parse().map_err(|_| bad())?,
    ))
}

/// Whole seconds.
fn parse_seconds(v: &str) -> Result<Duration, String> {
    v.parse()
        .map(Duration::from_secs)
        .map_err(|_| format!("{v:?} is not a number of seconds"))
}

/// An option's value, or `None` if absent or empty.
fn given<T: AsRef<std::ffi::OsStr>>(v: Option<&T>) -> Option<&T> {
    v.filter(|v| !v.as_ref().is_empty())
}

impl ConnectOptions {
    /// The servers to try, in order.
    pub fn servers(&self) -> Vec<&str> {
        given(self.server.as_ref())
            .map(|s| s.split(',').map(str::trim).collect())
            .unwrap_or_default()
    }

    /// The name the server certificate must carry: `--server-name`, or the host part of the
    /// first server.
    pub fn server_name(&self) -> Option<String> {
        if let Some(name) = given(self.server_name.as_ref()) {
            return Some(name.clone());
        }
        let first = self.servers().first().copied()?;
        Some(
            first
                .rsplit_once(':')
                .map_or(first, |(h, _)| h)
                .trim_matches(['[', ']'])
                .to_owned(),
        )
    }

    /// Connects.
    ///
    /// # Errors
    /// Missing options, unusable files, connection or TLS failure.
    pub fn connect(&self) -> Result<KmipClient, String> {
        let servers = self.servers();
        let server_name = self
            .server_name()
            .filter(|_| !servers.is_empty())
            .ok_or("no server: use --server or KMIP_SERVER")?;
        let file = |v: Option<&PathBuf>, what: &str, flag: &str| {
            given(v).cloned().ok_or_else(|| {
                format!(
                    "no {what}: use --{flag} or KMIP_{}",
                    flag.to_ascii_uppercase()
                )
            })
        };
        let files = TlsFiles {
            cert: file(self.cert.as_ref(), "client certificate", "cert")?,
            key: file(self.key.as_ref(), "client key", "key")?,
            ca: file(self.ca.as_ref(), "CA", "ca")?,
        };
        let tls = client_config(&files).map_err(|e| e.to_string())?;
        tracing::debug!(
            servers = ?servers,
            server_name,
            version = %self.version,
            timeout_s = self.timeout.as_secs(),
            "connecting"
        );
        let mut c = KmipClient::connect_any(&servers, &server_name, tls, self.timeout)
            .map_err(|e| e.to_string())?;
        c.set_version(self.version);
        Ok(c)
    }
}
