//! Interop with an independent implementation, PyKMIP (from PyPI):
//! - PyKMIP's client against kms-server over mutual TLS (`tests/pykmip/client_vs_kms_server.py`);
//! - kmip-client against PyKMIP's server (`pykmip-server` with a generated configuration).
//!
//! The Python interpreter comes from `KMIP_PYTHON` (a virtualenv with `pykmip` installed).
//! When it is unset the tests print "skipped: KMIP_PYTHON not set" and pass; when it is set
//! they run for real and fail loudly on any problem.

mod common;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Setup, stdout};
use kmip_examples::local::LocalKms;

const CLIENT: &str = env!("CARGO_BIN_EXE_kmip-client");

fn python() -> Option<PathBuf> {
    match std::env::var_os("KMIP_PYTHON") {
        Some(p) if !p.is_empty() => {
            let p = PathBuf::from(p);
            assert!(p.exists(), "KMIP_PYTHON={} does not exist", p.display());
            Some(p)
        }
        _ => {
            println!("skipped: KMIP_PYTHON not set");
            None
        }
    }
}

#[test]
fn pykmip_client_against_kms_server() {
    let Some(python) = python() else { return };
    let kms = LocalKms::start().unwrap();
    let files = kms.files();
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/pykmip/client_vs_kms_server.py"
    );
    let out = Command::new(&python)
        .arg(script)
        .arg("127.0.0.1")
        .arg(kms.addr().port().to_string())
        .arg(&files.client.cert)
        .arg(&files.client.key)
        .arg(&files.ca)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    println!("{text}");
    assert!(
        out.status.success(),
        "PyKMIP client failed:\n{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("passed, 0 failed"), "{text}");
    // The server audited PyKMIP's requests under its certificate's identity.
    let lines = kms.audit_lines();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("op=Register") && l.ends_with("result=Success"))
    );
}

struct PyServer(Child);

impl Drop for PyServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn kmip_client_against_pykmip_server() {
    let Some(python) = python() else { return };
    let s = Setup::new();
    let dir = s.dir.path();
    let policies = dir.join("policies");
    std::fs::create_dir_all(&policies).unwrap();
    let port = free_port();
    let config = dir.join("pykmip-server.conf");
    std::fs::write(
        &config,
        format!(
            "[server]\nhostname=127.0.0.1\nport={port}\ncertificate_path={}\nkey_path={}\n\
             ca_path={}\nauth_suite=TLS1.2\npolicy_path={}\nenable_tls_client_auth=True\n\
             logging_level=INFO\ndatabase_path={}\n",
            s.files.server.cert.display(),
            s.files.server.key.display(),
            s.files.ca.display(),
            policies.display(),
            dir.join("pykmip.db").display()
        ),
    )
    .unwrap();
    let log = dir.join("pykmip-server.log");
    let server = PyServer(
        Command::new(&python)
            .args([
                "-c",
                "from kmip.services.server.server import main; main()",
                "-f",
            ])
            .arg(&config)
            .arg("-l")
            .arg(&log)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let start = Instant::now();
    while TcpStream::connect(addr).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "PyKMIP server did not start: {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let run = |args: &[&str]| stdout(&s.run(CLIENT, addr, args));
    let first = |out: String| out.split_whitespace().last().unwrap().to_owned();

    let out = run(&["discover-versions", "1.1", "1.0"]);
    assert!(out.contains("protocol versions: 1.1, 1.0"), "{out}");
    let out = run(&["query"]);
    assert!(out.contains("vendor: PyKMIP"), "{out}");
    let key = first(run(&["create", "--name", "from-kmip-client"]));
    let out = run(&["get-attributes", &key]);
    assert!(
        out.contains("State: Pre-Active") && out.contains("from-kmip-client"),
        "{out}"
    );
    let out = run(&["get-attributes", &key, "State", "x-Absent"]);
    assert!(
        out.contains("1 attributes") && out.contains("State: Pre-Active"),
        "{out}"
    );
    let out = run(&["get-attribute-list", &key]);
    assert!(out.contains("Cryptographic Usage Mask"), "{out}");
    run(&["activate", &key]);
    let out = run(&["get", &key]);
    assert!(out.contains("32 bytes"), "{out}");
    let out = run(&["locate", "--name", "from-kmip-client"]);
    assert!(out.contains("1 found"), "{out}");
    let imported = run(&[
        "register-key",
        "000102030405060708090a0b0c0d0e0f",
        "--name",
        "imp",
    ]);
    let imported = imported.split_whitespace().last().unwrap().to_owned();
    let out = run(&["get", &imported, "--show-key"]);
    assert!(
        out.contains("value: 000102030405060708090a0b0c0d0e0f"),
        "{out}"
    );
    let secret = run(&["register-secret", "--text", "hunter2"]);
    let secret = secret.split_whitespace().nth(3).unwrap().to_owned();
    let out = run(&["get", &secret, "--show-key"]);
    assert!(out.contains("value: 68756e74657232"), "{out}");
    let opaque = run(&["register-opaque", "cafe"]);
    let opaque = opaque.split_whitespace().nth(3).unwrap().to_owned();
    let out = run(&["get", &opaque, "--show-key"]);
    assert!(out.contains("value: cafe"), "{out}");
    let kek = first(run(&["create", "--wrapping"]));
    run(&["activate", &kek]);
    let out = run(&["get", &imported, "--wrap-with", &kek, "--no-encoding"]);
    assert!(out.contains("wrapped key value (24 bytes)"), "{out}");
    run(&[
        "revoke",
        &key,
        "--reason",
        "compromise",
        "--compromise-date",
        "1600000000",
    ]);
    run(&["destroy", &key]);
    let gone = s.run(CLIENT, addr, &["get", &key]);
    assert!(!gone.status.success());
    assert!(String::from_utf8_lossy(&gone.stderr).contains("Item Not Found"));
    // KMIP 1.0, 1.2, 1.3 and 1.4 requests too.
    for v in ["1.2", "1.3", "1.4"] {
        let out = run(&["--kmip", v, "query"]);
        assert!(out.contains("PyKMIP"), "KMIP {v}: {out}");
    }
    for v in ["1.0", "1.2", "1.3", "1.4"] {
        let out = run(&["--kmip", v, "get", &imported]);
        assert!(out.contains("16 bytes"), "KMIP {v}: {out}");
    }
    drop(server);
}
