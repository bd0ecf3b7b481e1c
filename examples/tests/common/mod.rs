//! Helpers for tests that run the built programs.

#![allow(dead_code, reason = "each test binary uses a different subset")]

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use kmip_examples::client::{ClientError, KmipClient};
use kmip_examples::pki::{CertAndKey, PkiFiles, TestPki};
use kmip_examples::tls::{certs_from_pem, client_config_from, load_roots};
use kmip_examples::util::TempDir;
use kmip_types::{AttributeValue, State};
use rustls::pki_types::PrivateKeyDer;
use rustls::pki_types::pem::PemObject as _;

/// A spawned `kms-server` process; killed (SIGKILL) when dropped.
pub struct ServerProcess {
    pub child: Child,
    pub addr: SocketAddr,
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl ServerProcess {
    /// Spawns `command` (a kms-server command line) and waits for the address it prints
    /// once it listens.
    pub fn spawn(mut command: Command) -> ServerProcess {
        let mut child = command
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        // Killed if the address cannot be read.
        let mut server = ServerProcess {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        };
        let mut line = String::new();
        BufReader::new(stderr).read_line(&mut line).unwrap();
        server.addr = line
            .split("listening on ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .parse()
            .unwrap();
        server
    }
}

/// A connection to `addr` (server name `localhost`) with `who`'s certificate, trusting the
/// CA in `ca`; `Err` if the server refuses it.
pub fn try_connect_as(
    ca: &Path,
    addr: SocketAddr,
    who: &CertAndKey,
) -> Result<KmipClient, ClientError> {
    let roots = load_roots(ca).unwrap();
    let certs = certs_from_pem(who.cert_pem.as_bytes()).unwrap();
    let key = PrivateKeyDer::from_pem_slice(who.key_pem.as_bytes()).unwrap();
    let tls = client_config_from(roots, certs, key).unwrap();
    KmipClient::connect(&addr.to_string(), "localhost", tls, Duration::from_secs(30))
}

/// As [`try_connect_as`], which must succeed.
pub fn connect_as(ca: &Path, addr: SocketAddr, who: &CertAndKey) -> KmipClient {
    try_connect_as(ca, addr, who).unwrap()
}

/// The object's State, by Get Attributes.
pub fn state_of(c: &mut KmipClient, id: &str) -> Option<State> {
    c.get_attributes(id, &["State"])
        .unwrap()
        .iter()
        .find_map(|a| match &a.value {
            Some(AttributeValue::State(s)) => Some(*s),
            _ => None,
        })
}

/// A directory with test certificates and a data directory.
pub struct Setup {
    pub dir: TempDir,
    pub pki: TestPki,
    pub files: PkiFiles,
}

impl Setup {
    pub fn new() -> Self {
        let dir = TempDir::new("kmip-examples-programs").unwrap();
        let pki = TestPki::generate(&["localhost"]).unwrap();
        let files = pki.write_to(dir.path()).unwrap();
        Setup { dir, pki, files }
    }

    /// A kms-server command line serving on `listen` from the data directory `data`, with
    /// this setup's certificates and `DIR/audit.log`.
    pub fn server_command(&self, listen: &str, data: &Path) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kms-server"));
        command
            .args(["--listen", listen, "--cert"])
            .arg(&self.files.server.cert)
            .arg("--key")
            .arg(&self.files.server.key)
            .arg("--ca")
            .arg(&self.files.ca)
            .arg("--data")
            .arg(data)
            .arg("--audit-log")
            .arg(self.dir.path().join("audit.log"));
        command
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Starts kms-server on `listen` (port 0 for a free one) and waits for its address.
    pub fn spawn_server(&self, listen: &str) -> ServerProcess {
        self.spawn_server_with(listen, &self.data(), &[])
    }

    /// Starts kms-server on `listen` with data directory `data` and `extra` flags (a node of
    /// a cluster: `--database-url URL --root-key-file FILE`), and waits for its address.
    pub fn spawn_server_with(&self, listen: &str, data: &Path, extra: &[&str]) -> ServerProcess {
        self.spawn_server_env(listen, data, extra, &[])
    }

    /// As [`Setup::spawn_server_with`], with environment variables (`RUST_LOG`).
    pub fn spawn_server_env(
        &self,
        listen: &str,
        data: &Path,
        extra: &[&str],
        env: &[(&str, &str)],
    ) -> ServerProcess {
        let mut command = self.server_command(listen, data);
        command.envs(env.iter().copied()).args(extra);
        ServerProcess::spawn(command)
    }

    /// A client connected to the first of `addrs` that accepts (a cluster's servers).
    pub fn client_any(&self, addrs: &[SocketAddr]) -> KmipClient {
        let tls = kmip_examples::tls::client_config(&self.files.client).unwrap();
        let addrs: Vec<String> = addrs.iter().map(ToString::to_string).collect();
        KmipClient::connect_any(&addrs, "localhost", tls, Duration::from_secs(30)).unwrap()
    }

    pub fn client(&self, addr: SocketAddr) -> KmipClient {
        self.client_as(addr, &self.pki.client)
    }

    /// A client connected to `addr` with `who`'s certificate.
    pub fn client_as(&self, addr: SocketAddr, who: &CertAndKey) -> KmipClient {
        connect_as(&self.files.ca, addr, who)
    }

    /// Runs a program with the client connection flags for `addr`.
    pub fn run(&self, program: &str, addr: SocketAddr, args: &[&str]) -> Output {
        Command::new(program)
            .env("KMIP_SERVER", addr.to_string())
            .env("KMIP_SERVER_NAME", "localhost")
            .env("KMIP_CERT", &self.files.client.cert)
            .env("KMIP_KEY", &self.files.client.key)
            .env("KMIP_CA", &self.files.ca)
            .args(args)
            .output()
            .unwrap()
    }
}

pub fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        o.status,
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}
