//! Connection options shared by the command-line programs (`kmip-client`, `disk-crypt`):
//! flags with defaults from the environment.

use std::time::Duration;

use kmip_types::ProtocolVersion;

use crate::client::KmipClient;
use crate::tls::{TlsFiles, client_config};

/// Help text for the connection flags.
pub const CONNECTION_USAGE: &str = "\
connection: [--server HOST:PORT[,HOST:PORT...]] [--server-name NAME] [--cert PEM] [--key PEM] [--ca PEM]
            [--kmip 1.0|1.1|1.2|1.3|1.4] [--timeout SECONDS]
            (defaults from KMIP_SERVER, KMIP_SERVER_NAME, KMIP_CERT, KMIP_KEY, KMIP_CA;
             the server name defaults to the host part of --server; with several servers,
             a cluster on one shared store, the next is tried when one cannot be reached)";

/// Where and how to connect.
#[derive(Clone, Debug)]
pub struct ConnectOptions {
    /// `host:port`, or several separated by commas (servers of one cluster, tried in order).
    pub server: Option<String>,
    /// Name to verify the server certificate against.
    pub server_name: Option<String>,
    /// Client certificate (PEM).
    pub cert: Option<String>,
    /// Client key (PEM).
    pub key: Option<String>,
    /// CA of the server certificate (PEM).
    pub ca: Option<String>,
    /// Protocol version of requests.
    pub version: ProtocolVersion,
    /// Connect and call timeout.
    pub timeout: Duration,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
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

impl ConnectOptions {
    /// Defaults from the environment, KMIP 1.1, 30 s timeout.
    pub fn from_env() -> Self {
        ConnectOptions {
            server: env("KMIP_SERVER"),
            server_name: env("KMIP_SERVER_NAME"),
            cert: env("KMIP_CERT"),
            key: env("KMIP_KEY"),
            ca: env("KMIP_CA"),
            version: ProtocolVersion::V1_1,
            timeout: Duration::from_secs(30),
        }
    }

    /// Takes a connection flag and its value from `args` if `flag` is one; `Ok(false)` if it
    /// is not a connection flag.
    ///
    /// # Errors
    /// A missing or bad value.
    pub fn take(
        &mut self,
        flag: &str,
        args: &mut impl Iterator<Item = String>,
    ) -> Result<bool, String> {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag {
            "--server" => self.server = Some(value()?),
            "--server-name" => self.server_name = Some(value()?),
            "--cert" => self.cert = Some(value()?),
            "--key" => self.key = Some(value()?),
            "--ca" => self.ca = Some(value()?),
            "--kmip" => self.version = parse_version(&value()?)?,
            "--timeout" => {
                self.timeout =
                    Duration::from_secs(value()?.parse().map_err(|_| "--timeout needs seconds")?);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Connects.
    ///
    /// # Errors
    /// Missing options, unusable files, connection or TLS failure.
    pub fn connect(&self) -> Result<KmipClient, String> {
        let server = self
            .server
            .clone()
            .ok_or("no server: use --server or KMIP_SERVER")?;
        let servers: Vec<&str> = server.split(',').map(str::trim).collect();
        let first = servers.first().copied().unwrap_or_default();
        let server_name = self.server_name.clone().unwrap_or_else(|| {
            first
                .rsplit_once(':')
                .map_or(first, |(h, _)| h)
                .trim_matches(['[', ']'])
                .to_owned()
        });
        let files = TlsFiles {
            cert: self
                .cert
                .clone()
                .ok_or("no client certificate: use --cert or KMIP_CERT")?
                .into(),
            key: self
                .key
                .clone()
                .ok_or("no client key: use --key or KMIP_KEY")?
                .into(),
            ca: self.ca.clone().ok_or("no CA: use --ca or KMIP_CA")?.into(),
        };
        let tls = client_config(&files).map_err(|e| e.to_string())?;
        let mut c = KmipClient::connect_any(&servers, &server_name, tls, self.timeout)
            .map_err(|e| e.to_string())?;
        c.set_version(self.version);
        Ok(c)
    }
}
