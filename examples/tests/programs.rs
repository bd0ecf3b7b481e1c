//! The built programs: kms-server as a process (clear start-up errors, kill -9 persistence,
//! load), kmip-client and disk-crypt against it.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{Setup, path_str, stdout};
use kmip_types::{Attribute, AttributeValue, LocateRequest, State};

const CLIENT: &str = env!("CARGO_BIN_EXE_kmip-client");
const DISK: &str = env!("CARGO_BIN_EXE_disk-crypt");
const SERVER: &str = env!("CARGO_BIN_EXE_kms-server");

#[test]
fn server_start_up_errors_are_clear() {
    let s = Setup::new();
    let out = std::process::Command::new(SERVER)
        .args([
            "--listen",
            "127.0.0.1:0",
            "--cert",
            "/nonexistent/server.pem",
            "--key",
        ])
        .arg(&s.files.server.key)
        .arg("--ca")
        .arg(&s.files.ca)
        .arg("--data")
        .arg(s.data())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot read /nonexistent/server.pem"), "{err}");

    // Port in use.
    let server = s.spawn_server("127.0.0.1:0");
    let out = s
        .server_command(&server.addr.to_string(), &s.dir.path().join("other-data"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("another process uses this port"), "{err}");

    // A root key readable by others is refused.
    drop(server);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let key = kmip_examples::store::default_root_key_path(&s.data()).unwrap();
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
        let out = s.server_command("127.0.0.1:0", &s.data()).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("chmod 600"), "{err}");
    }
}

/// An acknowledged key: identifier, material, whether its activation was acknowledged.
type Acked = (String, Vec<u8>, bool);

#[test]
fn kill_dash_nine_loses_nothing_acknowledged() {
    let s = Setup::new();
    let server = s.spawn_server("127.0.0.1:0");
    let addr = server.addr;
    let acked: Arc<Mutex<Vec<Acked>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..4)
        .map(|t| {
            let acked = acked.clone();
            let stop = stop.clone();
            let tls = kmip_examples::tls::client_config(&s.files.client).unwrap();
            std::thread::spawn(move || {
                let Ok(mut c) = kmip_examples::client::KmipClient::connect(
                    &addr.to_string(),
                    "localhost",
                    tls,
                    Duration::from_secs(10),
                ) else {
                    return;
                };
                let mut i = 0;
                while !stop.load(Ordering::SeqCst) {
                    let Ok(id) = c.create_aes(256, Some(&format!("w{t}-{i}"))) else {
                        return;
                    };
                    let Ok(key) = c.get_key_bytes(&id) else {
                        return;
                    };
                    let active = i % 2 == 0;
                    if active && c.activate(&id).is_err() {
                        // Not acknowledged: only the creation is known to be durable.
                        acked.lock().unwrap().push((id, key.to_vec(), false));
                        return;
                    }
                    if c.add_attribute(&id, Attribute::custom_text("x-Writer", &t.to_string()))
                        .is_err()
                    {
                        acked.lock().unwrap().push((id, key.to_vec(), active));
                        return;
                    }
                    acked.lock().unwrap().push((id, key.to_vec(), active));
                    i += 1;
                }
            })
        })
        .collect();
    // Let the writers run, then kill the server mid-flight.
    while acked.lock().unwrap().len() < 40 {
        std::thread::sleep(Duration::from_millis(10));
    }
    drop(server); // SIGKILL
    stop.store(true, Ordering::SeqCst);
    for w in writers {
        w.join().unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    let server = s.spawn_server("127.0.0.1:0");
    let mut c = s.client(server.addr);
    for (id, key, active) in &acked {
        assert_eq!(
            c.get_key_bytes(id).unwrap().as_slice(),
            key.as_slice(),
            "{id}"
        );
        let attrs = c.get_attributes(id, &["State", "Name"]).unwrap();
        let state = attrs.iter().find_map(|a| match &a.value {
            Some(AttributeValue::State(s)) => Some(*s),
            _ => None,
        });
        if *active {
            assert_eq!(state, Some(State::ACTIVE), "{id}");
        }
        assert!(attrs.iter().any(|a| a.name == "Name"), "{id}");
    }
    println!("{} acknowledged keys survived kill -9", acked.len());
}

#[test]
fn load_n_clients_m_requests() {
    const CLIENTS: usize = 8;
    const REQUESTS: usize = 150;
    let s = Setup::new();
    let server = s.spawn_server("127.0.0.1:0");
    let seed = {
        let mut c = s.client(server.addr);
        let id = c.create_aes(256, Some("load-seed")).unwrap();
        c.activate(&id).unwrap();
        id
    };
    let start = Instant::now();
    let threads: Vec<_> = (0..CLIENTS)
        .map(|t| {
            let mut c = s.client(server.addr);
            let seed = seed.clone();
            std::thread::spawn(move || {
                let mut errors = 0usize;
                for i in 0..REQUESTS {
                    let ok = match i % 5 {
                        0 => c.create_aes(128, None).is_ok(),
                        1 => c.get_key_bytes(&seed).is_ok_and(|k| k.len() == 32),
                        2 => c.get_attributes(&seed, &["State", "x-Absent"]).is_ok(),
                        3 => c
                            .locate(LocateRequest::by_name("load-seed"))
                            .is_ok_and(|v| v.len() == 1),
                        _ => c.discover_versions(&[]).is_ok(),
                    };
                    if !ok {
                        errors += 1;
                    }
                }
                let _ = t;
                errors
            })
        })
        .collect();
    let errors: usize = threads.into_iter().map(|t| t.join().unwrap()).sum();
    let elapsed = start.elapsed();
    let total = CLIENTS * REQUESTS;
    println!(
        "load: {CLIENTS} clients × {REQUESTS} requests = {total} in {:.2} s, {:.0} requests/s, {errors} errors",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64()
    );
    assert_eq!(errors, 0);
}

#[test]
fn kmip_client_session() {
    let s = Setup::new();
    let server = s.spawn_server("127.0.0.1:0");
    let a = server.addr;
    let out = stdout(&s.run(CLIENT, a, &["discover-versions", "1.1", "1.0"]));
    assert!(out.contains("protocol versions: 1.1, 1.0"), "{out}");
    let out = stdout(&s.run(CLIENT, a, &["query"]));
    assert!(out.contains("vendor: kmip-examples"), "{out}");
    let out = stdout(&s.run(
        CLIENT,
        a,
        &[
            "create",
            "--name",
            "vm-kek",
            "--attr",
            "x-Vendor=VMware",
            "--wrapping",
        ],
    ));
    let id = out.split_whitespace().last().unwrap().to_owned();
    stdout(&s.run(CLIENT, a, &["activate", &id]));
    let out = stdout(&s.run(CLIENT, a, &["get-attributes", &id, "State", "x-Vendor"]));
    assert!(
        out.contains("State: Active") && out.contains("x-Vendor: \"VMware\""),
        "{out}"
    );
    let out = stdout(&s.run(CLIENT, a, &["get", &id, "--show-key"]));
    assert!(out.contains("32 bytes") && out.contains("value: "), "{out}");
    let out = stdout(&s.run(CLIENT, a, &["locate", "--name", "vm-kek"]));
    assert!(out.contains(&id), "{out}");
    stdout(&s.run(CLIENT, a, &["add-attribute", &id, "x-Note", "hello"]));
    stdout(&s.run(CLIENT, a, &["modify-attribute", &id, "x-Note", "bye"]));
    let out = stdout(&s.run(CLIENT, a, &["delete-attribute", &id, "x-Note"]));
    assert!(out.contains("\"bye\""), "{out}");
    let out = stdout(&s.run(CLIENT, a, &["get-attribute-list", &id]));
    assert!(out.contains("Cryptographic Usage Mask"), "{out}");
    let out = stdout(&s.run(CLIENT, a, &["register-secret", "--text", "hunter2"]));
    let secret = out.split_whitespace().nth(3).unwrap().to_owned();
    let out = stdout(&s.run(CLIENT, a, &["get", &secret, "--show-key"]));
    assert!(out.contains(&kmip_examples::util::hex(b"hunter2")), "{out}");
    let out = stdout(&s.run(
        CLIENT,
        a,
        &["register-key", "000102030405060708090a0b0c0d0e0f"],
    ));
    assert!(out.contains("registered AES-128 key"), "{out}");
    let out = stdout(&s.run(CLIENT, a, &["register-opaque", "cafe"]));
    assert!(out.contains("opaque object"), "{out}");
    let target = stdout(&s.run(CLIENT, a, &["create"]))
        .split_whitespace()
        .last()
        .unwrap()
        .to_owned();
    let out = stdout(&s.run(CLIENT, a, &["get", &target, "--wrap-with", &id]));
    assert!(
        out.contains("wrapped by") && out.contains("NISTKeyWrap"),
        "{out}"
    );
    let out = stdout(&s.run(CLIENT, a, &["rekey", &id]));
    assert!(out.contains("replaced by"), "{out}");
    let fail = s.run(CLIENT, a, &["destroy", &id]);
    assert!(!fail.status.success());
    assert!(String::from_utf8_lossy(&fail.stderr).contains("revoke it before destroying it"));
    stdout(&s.run(
        CLIENT,
        a,
        &[
            "revoke",
            &id,
            "--reason",
            "compromise",
            "--compromise-date",
            "1600000000",
        ],
    ));
    stdout(&s.run(CLIENT, a, &["destroy", &id]));
    let out = stdout(&s.run(CLIENT, a, &["locate", "--state", "destroyed-compromised"]));
    assert!(out.contains(&id), "{out}");
}

#[test]
fn disk_crypt_session() {
    let s = Setup::new();
    let server = s.spawn_server("127.0.0.1:0");
    let a = server.addr;
    let plain = s.dir.path().join("disk.raw");
    let data: Vec<u8> = (0..(2 << 20)).map(|i: u32| (i % 251) as u8).collect();
    std::fs::write(&plain, &data).unwrap();
    let image = s.dir.path().join("disk.img");
    let out = stdout(&s.run(
        DISK,
        a,
        &["encrypt", path_str(&plain), path_str(&image), "--new-kek"],
    ));
    assert!(out.contains("created and activated KEK"), "{out}");
    let out = stdout(&s.run(DISK, a, &["info", path_str(&image)]));
    assert!(out.contains("512 sectors of 4096 bytes"), "{out}");
    let out = stdout(&s.run(
        DISK,
        a,
        &["rekey", "--shallow", path_str(&image), "--new-kek"],
    ));
    assert!(out.contains("data untouched"), "{out}");
    let out = stdout(&s.run(DISK, a, &["rekey", "--deep", path_str(&image)]));
    assert!(out.contains("deep rekey of 2 MiB"), "{out}");
    let back = s.dir.path().join("disk.back");
    stdout(&s.run(DISK, a, &["decrypt", path_str(&image), path_str(&back)]));
    assert_eq!(std::fs::read(&back).unwrap(), data);
    // Without the KEK there is no way back.
    let h = kmip_examples::disk::Header::read(&image).unwrap();
    let mut c = s.client(a);
    c.revoke(
        &h.kms_key_id,
        kmip_types::RevocationReasonCode::CESSATION_OF_OPERATION,
        None,
        None,
    )
    .unwrap();
    c.destroy(&h.kms_key_id).unwrap();
    let fail = s.run(
        DISK,
        a,
        &[
            "decrypt",
            path_str(&image),
            path_str(&s.dir.path().join("x")),
        ],
    );
    assert!(!fail.status.success());
    let err = String::from_utf8_lossy(&fail.stderr);
    assert!(err.contains("is destroyed"), "{err}");
}

/// Issue 11: `--rotate-root` beside a running server would retire the root version the
/// server still wraps new keys under; those keys would be lost at the next restart. The
/// rotation is refused while the server runs, and works (keeping every key) once it stops.
#[test]
fn offline_rotation_refuses_to_run_beside_a_live_server() {
    let s = Setup::new();
    let server = s.spawn_server("127.0.0.1:0");
    let mut c = s.client(server.addr);
    let before = c.create_aes(256, Some("before-rotation")).unwrap();
    let before_key = c.get_key_bytes(&before).unwrap();
    let rotate = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_kms-server"))
            .arg("--data")
            .arg(s.data())
            .arg("--rotate-root")
            .output()
            .unwrap()
    };
    let refused = rotate();
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("in use by another process"), "{err}");
    // The live server keeps creating keys under its root, all still readable after restart.
    let during = c.create_aes(256, Some("during")).unwrap();
    let during_key = c.get_key_bytes(&during).unwrap();
    c.close();
    drop(server);
    let rotated = rotate();
    assert!(
        rotated.status.success(),
        "{}",
        String::from_utf8_lossy(&rotated.stderr)
    );
    let server = s.spawn_server("127.0.0.1:0");
    let mut c = s.client(server.addr);
    assert_eq!(
        c.get_key_bytes(&before).unwrap().as_slice(),
        before_key.as_slice()
    );
    assert_eq!(
        c.get_key_bytes(&during).unwrap().as_slice(),
        during_key.as_slice()
    );
}

/// Issue 11: every program documents every flag (and the environment variables they default
/// from) in `--help`, which exits 0 on standard output; an unknown flag is a usage error
/// (status 2).
#[test]
fn every_program_documents_its_flags() {
    let programs: [(&str, &[&str]); 5] = [
        (
            SERVER,
            &[
                "--listen",
                "--cert",
                "--key",
                "--ca",
                "--data",
                "--root-key-file",
                "--database-url",
                "--audit-log",
                "--max-connections",
                "--max-message",
                "--admin",
                "--crl",
                "--rotate-root",
                "--generate-certs",
            ],
        ),
        (
            CLIENT,
            &[
                "--server",
                "--server-name",
                "--cert",
                "--key",
                "--ca",
                "--kmip",
                "--timeout",
                "KMIP_SERVER",
                "KMIP_SERVER_NAME",
                "KMIP_CERT",
                "KMIP_KEY",
                "KMIP_CA",
                "discover-versions",
                "query",
                "create",
                "register-key",
                "register-secret",
                "register-opaque",
                "get",
                "get-attributes",
                "get-attribute-list",
                "add-attribute",
                "modify-attribute",
                "delete-attribute",
                "locate",
                "activate",
                "revoke",
                "destroy",
                "rekey",
            ],
        ),
        (
            DISK,
            &[
                "encrypt",
                "decrypt",
                "rekey",
                "info",
                "--server",
                "KMIP_SERVER",
                "KMIP_CERT",
                "KMIP_KEY",
                "KMIP_CA",
            ],
        ),
        (
            env!("CARGO_BIN_EXE_ttlv-dump"),
            &[
                "--hex",
                "--binary",
                "--reveal-secrets",
                "--lenient",
                "--max-len",
                "[FILE]",
            ],
        ),
        (
            env!("CARGO_BIN_EXE_vsphere-flow"),
            &["--disk-mib", "--no-progress"],
        ),
    ];
    for (program, needles) in programs {
        let help = std::process::Command::new(program)
            .arg("--help")
            .output()
            .unwrap();
        let text = stdout(&help);
        for needle in needles {
            assert!(
                text.contains(needle),
                "{program}: {needle} missing from\n{text}"
            );
        }
        let bad = std::process::Command::new(program)
            .arg("--no-such-flag")
            .output()
            .unwrap();
        assert_eq!(bad.status.code(), Some(2), "{program}");
    }
    // The subcommands' own flags.
    for (program, command, needles) in [
        (
            DISK,
            "rekey",
            &[
                "--shallow",
                "--deep",
                "--kek",
                "--new-kek",
                "--chunk",
                "DISK_CRYPT_TRACE",
            ][..],
        ),
        (DISK, "encrypt", &["--kek", "--new-kek", "--sector-size"]),
        (
            CLIENT,
            "get",
            &["--show-key", "--wrap-with", "--kwp", "--no-encoding"],
        ),
        (
            CLIENT,
            "revoke",
            &["--reason", "--message", "--compromise-date"],
        ),
    ] {
        let text = stdout(
            &std::process::Command::new(program)
                .args([command, "--help"])
                .output()
                .unwrap(),
        );
        for needle in needles {
            assert!(
                text.contains(needle),
                "{program} {command}: {needle} missing from\n{text}"
            );
        }
    }
}

/// kms-server's start-up line is output, not a log event: with every diagnostic filtered out
/// (`RUST_LOG=off`) it is still the first line on standard error, where callers read the
/// address; and a client's diagnostics (`RUST_LOG=debug`) go to standard error, leaving its
/// results on standard output as they were.
#[test]
fn rust_log_filters_diagnostics_not_output() {
    let s = Setup::new();
    // Waits for the start-up line, the first on standard error, and reads the address there.
    let server = s.spawn_server_env("127.0.0.1:0", &s.data(), &[], &[("RUST_LOG", "off")]);
    let out = std::process::Command::new(CLIENT)
        .env("RUST_LOG", "debug")
        .args([
            "--server",
            &server.addr.to_string(),
            "--server-name",
            "localhost",
        ])
        .arg("--cert")
        .arg(&s.files.client.cert)
        .arg("--key")
        .arg(&s.files.client.key)
        .arg("--ca")
        .arg(&s.files.ca)
        .args(["discover-versions", "1.1", "1.0"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "protocol versions: 1.1, 1.0\n");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("DEBUG") && err.contains("connecting"), "{err}");
    drop(server);
}
