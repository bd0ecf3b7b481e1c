//! Certificate revocation lists (issue 11): a client whose certificate the CA has revoked is
//! refused during the TLS handshake; the others are served; without the CRL it would be
//! served too.

mod common;

use common::{Setup, try_connect_as};
use kmip_examples::pki::{CertAndKey, TestPki};
use kmip_examples::server::{AuditLog, Server, ServerConfig};
use kmip_examples::tls::server_config_with_crls;
use kmip_examples::util::TempDir;
use kmip_types::QueryFunction;

fn connect(server: &Server, ca: &std::path::Path, who: &CertAndKey) -> Result<(), String> {
    try_connect_as(ca, server.local_addr(), who)
        .and_then(|mut c| c.query(&[QueryFunction::QUERY_OPERATIONS]))
        .map(drop)
        .map_err(|e| e.to_string())
}

/// A server with `crls` given as `kms-server --crl` does (`ServerConfig::crls` with the
/// certificate files).
fn start(
    dir: &TempDir,
    files: &kmip_examples::pki::PkiFiles,
    crls: &[std::path::PathBuf],
) -> Server {
    let mut config = ServerConfig::new(
        "127.0.0.1:0".parse().unwrap(),
        files.server.clone(),
        dir.path().join(format!("data-{}", crls.len())),
    );
    config.crls = crls.to_vec();
    config.audit = AuditLog::memory().0;
    Server::start(config).unwrap()
}

#[test]
fn a_revoked_client_certificate_is_refused_at_the_handshake() {
    let dir = TempDir::new("kmip-crl").unwrap();
    let pki = TestPki::generate(&["localhost"]).unwrap();
    let files = pki.write_to(dir.path()).unwrap();
    let revoked = pki.client_cert("revoked-client").unwrap();
    let crl = dir.path().join("ca.crl.pem");
    std::fs::write(&crl, pki.crl_revoking(&[&revoked]).unwrap()).unwrap();

    // Without the CRL, both clients are served.
    let open = start(&dir, &files, &[]);
    connect(&open, &files.ca, &revoked).unwrap();
    connect(&open, &files.ca, &pki.client).unwrap();
    drop(open);

    // With it, the revoked one is refused; the other is served.
    let checking = start(&dir, &files, std::slice::from_ref(&crl));
    let refused = connect(&checking, &files.ca, &revoked);
    assert!(refused.is_err(), "a revoked certificate was served");
    connect(&checking, &files.ca, &pki.client).unwrap();
    let failures = checking
        .stats()
        .handshake_failures
        .load(std::sync::atomic::Ordering::Relaxed);
    assert!(failures >= 1, "{failures}");

    // A file without a CRL in it is a clear error.
    let err = server_config_with_crls(&files.server, std::slice::from_ref(&files.ca)).unwrap_err();
    assert!(err.to_string().contains("no X509 CRL block"), "{err}");
}

#[test]
fn kms_server_takes_crls_on_its_command_line() {
    let s = Setup::new();
    let crl = s.dir.path().join("ca.crl.pem");
    std::fs::write(&crl, s.pki.crl_revoking(&[&s.pki.client]).unwrap()).unwrap();
    let out = s
        .server_command("127.0.0.1:0", &s.data())
        .arg("--crl")
        .arg(s.dir.path().join("missing.pem"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("missing.pem"), "{err}");
}
