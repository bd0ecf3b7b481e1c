//! Helpers for tests that run the built programs.

#![allow(dead_code, reason = "each test binary uses a different subset")]

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use kmip_examples::client::KmipClient;
use kmip_examples::pki::{PkiFiles, TestPki};
use kmip_examples::tls::client_config;
use kmip_examples::util::TempDir;

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

/// A directory with test certificates and a data directory.
pub struct Setup {
    pub dir: TempDir,
    pub files: PkiFiles,
}

impl Setup {
    pub fn new() -> Self {
        let dir = TempDir::new("kmip-examples-programs").unwrap();
        let files = TestPki::generate(&["localhost"])
            .unwrap()
            .write_to(dir.path())
            .unwrap();
        Setup { dir, files }
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
        let mut child = Command::new(env!("CARGO_BIN_EXE_kms-server"))
            .envs(env.iter().copied())
            .args(["--listen", listen, "--cert"])
            .arg(&self.files.server.cert)
            .arg("--key")
            .arg(&self.files.server.key)
            .arg("--ca")
            .arg(&self.files.ca)
            .arg("--data")
            .arg(data)
            .arg("--audit-log")
            .arg(self.dir.path().join("audit.log"))
            .args(extra)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let mut line = String::new();
        BufReader::new(stderr).read_line(&mut line).unwrap();
        let addr = line
            .split("listening on ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .parse()
            .unwrap();
        ServerProcess { child, addr }
    }

    /// A client connected to the first of `addrs` that accepts (a cluster's servers).
    pub fn client_any(&self, addrs: &[SocketAddr]) -> KmipClient {
        let tls = client_config(&self.files.client).unwrap();
        let addrs: Vec<String> = addrs.iter().map(ToString::to_string).collect();
        KmipClient::connect_any(&addrs, "localhost", tls, Duration::from_secs(30)).unwrap()
    }

    pub fn client(&self, addr: SocketAddr) -> KmipClient {
        let tls = client_config(&self.files.client).unwrap();
        KmipClient::connect(&addr.to_string(), "localhost", tls, Duration::from_secs(30)).unwrap()
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
