//! `kms-server`: a KMIP 1.1 key management server over mutual TLS with a crash-safe SQLite
//! store, or a PostgreSQL database shared by a cluster of servers, every key wrapped under a
//! root key. See `examples/README.md`.
//!
//! ```text
//! kms-server --listen 127.0.0.1:5696 --cert server.pem --key server-key.pem --ca ca.pem --data DIR
//!            [--root-key-file FILE [--allow-root-key-in-data-dir]]
//!            [--database-url postgresql://...] [--audit-log FILE]
//!            [--max-connections N] [--max-message BYTES] [--admin FINGERPRINT]... [--crl PEM]...
//! kms-server --data DIR [--root-key-file FILE] [--database-url postgresql://...] --rotate-root
//! kms-server --generate-certs DIR
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use kmip_examples::pki::TestPki;
use kmip_examples::server::{AuditLog, Server, ServerConfig, TransportLimits};
use kmip_examples::store::{Database, RootKeyPlacement, Store};
use kmip_examples::tls::{ClientId, TlsFiles};

const USAGE: &str = "\
usage: kms-server --listen ADDR:PORT --cert PEM --key PEM --ca PEM --data DIR
                  [--root-key-file FILE [--allow-root-key-in-data-dir]]
                  [--database-url postgresql://...] [--audit-log FILE] [--max-connections N] [--max-message BYTES]
                  [--admin FINGERPRINT]... [--crl PEM]...
       kms-server --data DIR [--root-key-file FILE] [--database-url URL] --rotate-root
       kms-server --generate-certs DIR

  --listen           address to listen on (KMIP's port is 5696)
  --cert, --key      the server's certificate chain and private key (PEM)
  --ca               CA certificate(s) client certificates must chain to (PEM)
  --data             data directory: kms.sqlite3
  --root-key-file    the root key file (created, mode 0600, when the store is new);
                     default DIR.root.key beside the data directory, outside it
  --allow-root-key-in-data-dir
                     accept a --root-key-file inside the data directory (refused
                     otherwise: a copy of the directory would carry the key to read it)
  --database-url     keep the objects in this PostgreSQL database instead of DIR/kms.sqlite3
                     (postgresql://user[:password]@host[:port]/database): several servers
                     on one database, each with a copy of the same root key file, serve
                     the same objects (a cluster)
  --audit-log        append audit lines to FILE instead of standard error
  --max-connections  connections served at once (default 256)
  --max-message      largest request in bytes (default 1048576)
  --admin            a client certificate's SHA-256 fingerprint (64 hex digits, colons
                     allowed; the audit log shows it) that may see and act on every
                     object; repeatable. Other clients reach only the objects they created
  --crl              certificate revocation list(s) of the CA (PEM): a revoked client
                     certificate is refused at the handshake, and so is any whose issuer
                     has no CRL given (fail closed); repeatable
  --rotate-root      re-wrap every key under a new root key version, then exit
  --generate-certs   write a test CA, server and client certificates into DIR, then exit";

#[derive(Default)]
struct Args {
    listen: Option<String>,
    cert: Option<PathBuf>,
    key: Option<PathBuf>,
    ca: Option<PathBuf>,
    data: Option<PathBuf>,
    root_key_file: Option<PathBuf>,
    allow_root_key_in_data_dir: bool,
    database_url: Option<String>,
    audit_log: Option<PathBuf>,
    max_connections: Option<usize>,
    max_message: Option<usize>,
    rotate_root: bool,
    generate_certs: Option<PathBuf>,
    admins: Vec<ClientId>,
    crls: Vec<PathBuf>,
}

fn parse() -> Result<Args, String> {
    let mut a = Args::default();
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--listen" => a.listen = Some(value("--listen")?),
            "--cert" => a.cert = Some(value("--cert")?.into()),
            "--key" => a.key = Some(value("--key")?.into()),
            "--ca" => a.ca = Some(value("--ca")?.into()),
            "--data" => a.data = Some(value("--data")?.into()),
            "--root-key-file" => a.root_key_file = Some(value("--root-key-file")?.into()),
            "--allow-root-key-in-data-dir" => a.allow_root_key_in_data_dir = true,
            "--database-url" => {
                let url = value("--database-url")?;
                if !(url.starts_with("postgresql://") || url.starts_with("postgres://")) {
                    return Err(format!(
                        "--database-url must be a postgresql:// URL, not {:?}",
                        url.split("://").next().unwrap_or_default()
                    ));
                }
                a.database_url = Some(url);
            }
            "--audit-log" => a.audit_log = Some(value("--audit-log")?.into()),
            "--max-connections" => {
                a.max_connections = Some(
                    value("--max-connections")?
                        .parse()
                        .map_err(|_| "--max-connections needs a number")?,
                );
            }
            "--max-message" => {
                a.max_message = Some(
                    value("--max-message")?
                        .parse()
                        .map_err(|_| "--max-message needs a number of bytes")?,
                );
            }
            "--crl" => a.crls.push(value("--crl")?.into()),
            "--admin" => {
                let text = value("--admin")?;
                a.admins.push(ClientId::parse(&text).ok_or_else(|| {
                    format!(
                        "--admin {text:?} is not a SHA-256 fingerprint (64 hex digits, \
                         colons allowed)"
                    )
                })?);
            }
            "--rotate-root" => a.rotate_root = true,
            "--generate-certs" => a.generate_certs = Some(value("--generate-certs")?.into()),
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    Ok(a)
}

fn run(a: Args) -> Result<(), String> {
    if let Some(dir) = a.generate_certs {
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let pki = TestPki::generate(&["localhost"]).map_err(|e| e.to_string())?;
        let files = pki.write_to(&dir).map_err(|e| e.to_string())?;
        println!(
            "wrote {}, {}, {}, {}, {} (test certificates: the CA key is next to them)",
            files.ca.display(),
            files.server.cert.display(),
            files.server.key.display(),
            files.client.cert.display(),
            files.client.key.display()
        );
        return Ok(());
    }
    let data = a.data.ok_or("--data is required")?;
    let database = a.database_url.map_or(Database::Sqlite, Database::Postgres);
    let placement = RootKeyPlacement {
        file: a.root_key_file.clone(),
        allow_in_data_dir: a.allow_root_key_in_data_dir,
    };
    if a.rotate_root {
        let store = Store::open_with(&database, &data, &placement).map_err(|e| e.to_string())?;
        let r = store.rotate_root().map_err(|e| e.to_string())?;
        println!(
            "root key rotated: {} objects re-wrapped under version {}, {} old version(s) destroyed",
            r.rewrapped, r.new_version, r.retired
        );
        return Ok(());
    }
    let listen = a.listen.ok_or("--listen is required")?;
    let listen = std::net::ToSocketAddrs::to_socket_addrs(&listen)
        .map_err(|e| format!("--listen {listen}: {e}"))?
        .next()
        .ok_or_else(|| format!("--listen {listen}: no address"))?;
    let tls = TlsFiles {
        cert: a.cert.ok_or("--cert is required")?,
        key: a.key.ok_or("--key is required")?,
        ca: a.ca.ok_or("--ca is required")?,
    };
    let mut config = ServerConfig::new(listen, tls, data);
    config.root_key_file = placement.file;
    config.allow_root_key_in_data_dir = placement.allow_in_data_dir;
    config.database = database;
    let mut limits = TransportLimits::default();
    if let Some(n) = a.max_connections {
        limits.max_connections = n;
    }
    if let Some(n) = a.max_message {
        limits.max_message = n;
    }
    config.limits = limits;
    let admins = a.admins.len();
    config.admins = a.admins;
    config.crls = a.crls;
    if let Some(path) = &a.audit_log {
        config.audit =
            AuditLog::file(path).map_err(|e| format!("audit log {}: {e}", path.display()))?;
    }
    let server = Server::start(config).map_err(|e| e.to_string())?;
    let store = server.store();
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
    let args = match parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("kms-server: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kms-server: {e}");
            ExitCode::FAILURE
        }
    }
}
