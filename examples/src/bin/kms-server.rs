//! `kms-server`: a KMIP 1.1 key management server over mutual TLS with a crash-safe SQLite
//! store, or a PostgreSQL database shared by a cluster of servers, every key wrapped under a
//! root key. See `examples/README.md` and `kms-server --help`; the command line is
//! [`kmip_examples::cli::kms_server::KmsServerArgs`].
//!
//! ```text
//! kms-server --listen 127.0.0.1:5696 --cert server.pem --key server-key.pem --ca ca.pem --data DIR
//!            [--root-key-file FILE] [--database-url postgresql://...] [--audit-log FILE]
//!            [--max-connections N] [--max-message BYTES] [--admin FINGERPRINT]... [--crl PEM]...
//! kms-server --data DIR [--root-key-file FILE] [--database-url postgresql://...] --rotate-root
//! kms-server --generate-certs DIR
//! ```

use std::path::Path;
use std::process::ExitCode;

use clap::Parser as _;
use kmip_examples::cli::kms_server::KmsServerArgs;
use kmip_examples::pki::TestPki;
use kmip_examples::server::Server;
use kmip_examples::store::Store;

fn generate_certs(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let pki = TestPki::generate(&["localhost"]).map_err(|e| e.to_string())?;
    let files = pki.write_to(dir).map_err(|e| e.to_string())?;
    println!(
        "wrote {}, {}, {}, {}, {} (test certificates: the CA key is next to them)",
        files.ca.display(),
        files.server.cert.display(),
        files.server.key.display(),
        files.client.cert.display(),
        files.client.key.display()
    );
    Ok(())
}

fn rotate_root(a: &KmsServerArgs) -> Result<(), String> {
    let data = a.data.as_deref().ok_or("--data is required")?;
    let store = Store::open_with(&a.database(), data, &a.root_key_placement())
        .map_err(|e| e.to_string())?;
    let r = store.rotate_root().map_err(|e| e.to_string())?;
    println!(
        "root key rotated: {} objects re-wrapped under version {}, {} old version(s) destroyed",
        r.rewrapped, r.new_version, r.retired
    );
    Ok(())
}

fn serve(a: &KmsServerArgs) -> Result<(), String> {
    let config = a.server_config().map_err(|e| e.to_string())?;
    let admins = config.admins.len();
    let server = Server::start(config).map_err(|e| e.to_string())?;
    let store = server.store();
    // The start-up line is program output, not a log event: scripts and the tests read the
    // address from it (port 0 picks a free one), so it is always the first line on standard
    // error, whatever RUST_LOG says.
    eprintln!(
        "kms-server: listening on {} (KMIP 1.1 over TLS 1.2/1.3, client certificates required); \
         store {}, root key {} version {}, {} objects, {admins} admin identit{}",
        server.local_addr(),
        store.describe(),
        store.root().path().display(),
        store.root().versions().last().copied().unwrap_or_default(),
        store.count().map_err(|e| e.to_string())?,
        if admins == 1 { "y" } else { "ies" }
    );
    // Serve until killed: every acknowledged change is already durable.
    loop {
        std::thread::park();
    }
}

fn main() -> ExitCode {
    let args = KmsServerArgs::parse();
    kmip_examples::util::init_tracing();
    let result = if let Some(dir) = &args.generate_certs {
        generate_certs(dir)
    } else if args.rotate_root {
        rotate_root(&args)
    } else {
        serve(&args)
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            ExitCode::FAILURE
        }
    }
}
