//! Crypto-shredding that holds (issue 11): after Destroy, no byte of the key material, of its
//! wrapped form, or of the object key it was wrapped under (wrapped or plain) remains in any
//! file of the data directory (`kms.sqlite3`, `-wal`, `-shm`), while a key that was not
//! destroyed is still served. Runs the real `kms-server` program on SQLite.

mod common;

use std::path::{Path, PathBuf};

use common::Setup;
use key_hierarchy::wrap::kwp_unwrap;
use key_hierarchy::{Root, WrappedKey, Zeroizing};
use kmip_examples::root_key::FileRoot;
use kmip_examples::store::default_root_key_path;
use kmip_types::CryptographicAlgorithm;

/// Every file under `dir`, recursively.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// The files of `dir` that contain `needle`.
fn found_in(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    files(dir)
        .into_iter()
        .filter(|f| contains(&std::fs::read(f).unwrap_or_default(), needle))
        .collect()
}

/// What the database holds for one object: its wrapped material, its object key's stored
/// (root-wrapped) form, and that object key in plain, unwrapped here with the root key file.
struct Stored {
    wrapped_material: Vec<u8>,
    object_key_stored: Vec<u8>,
    object_key_wrapped_bytes: Vec<u8>,
    object_key: Zeroizing<Vec<u8>>,
}

fn stored(data: &Path, root: &FileRoot, id: &str, material: &[u8]) -> Stored {
    let conn = rusqlite::Connection::open_with_flags(
        data.join("kms.sqlite3"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let (wrapped_material, key_id): (Vec<u8>, String) = conn
        .query_row(
            "SELECT material, key_id FROM objects WHERE id=?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let object_key_stored: Vec<u8> = conn
        .query_row(
            "SELECT wrapped FROM object_keys WHERE id=?1",
            [&key_id],
            |r| r.get(0),
        )
        .unwrap();
    drop(conn);
    let w = WrappedKey::decode(&object_key_stored).unwrap();
    let object_key = root
        .unwrap(w.wrapping_key_version(), w.method(), w.wrapped_bytes())
        .unwrap();
    assert_eq!(object_key.len(), 32);
    // The needles are right: the object key unwraps the stored material to the key.
    assert_eq!(
        kwp_unwrap(&object_key, &wrapped_material)
            .unwrap()
            .as_slice(),
        material
    );
    Stored {
        wrapped_material,
        object_key_wrapped_bytes: w.wrapped_bytes().to_vec(),
        object_key_stored,
        object_key,
    }
}

#[test]
fn after_destroy_no_byte_of_the_key_remains_in_the_data_directory() {
    let s = Setup::new();
    let data = s.data();
    let server = s.spawn_server("127.0.0.1:0");
    let mut c = s.client(server.addr);

    // The root key is outside the data directory.
    let root_path = default_root_key_path(&data).unwrap();
    assert!(root_path.exists() && !root_path.starts_with(&data));
    assert!(
        files(&data)
            .iter()
            .all(|f| f.file_name().unwrap() != "root.key")
    );
    let root = FileRoot::open(&root_path).unwrap();

    // A created key (read back with Get), a registered key of known bytes, and a key that
    // stays.
    let created = c.create_aes(256, Some("doomed")).unwrap();
    let created_bytes = c.get_key_bytes(&created).unwrap();
    let known: Vec<u8> = (0u8..32).map(|i| i.wrapping_mul(37) ^ 0xA5).collect();
    let registered = c
        .register_symmetric_key(CryptographicAlgorithm::AES, &known, Vec::new())
        .unwrap();
    let kept = c.create_aes(256, Some("kept")).unwrap();
    let kept_bytes = c.get_key_bytes(&kept).unwrap();

    let doomed = [
        (created.as_str(), created_bytes.to_vec()),
        (registered.as_str(), known.clone()),
    ];
    let mut needles: Vec<(String, Vec<u8>)> = Vec::new();
    for (id, material) in &doomed {
        let st = stored(&data, &root, id, material);
        // Before Destroy the wrapped forms are on disk (so the scan below can see them).
        for (what, bytes) in [
            ("wrapped material", &st.wrapped_material),
            ("stored object key", &st.object_key_stored),
        ] {
            assert!(
                !found_in(&data, bytes).is_empty(),
                "{id}: the {what} should be on disk before Destroy"
            );
        }
        // The plaintext never is.
        assert!(
            found_in(&data, material).is_empty(),
            "{id}: plaintext on disk"
        );
        needles.push((format!("{id} key material"), material.clone()));
        needles.push((format!("{id} wrapped material"), st.wrapped_material));
        needles.push((format!("{id} stored object key"), st.object_key_stored));
        needles.push((
            format!("{id} object key wrapped bytes"),
            st.object_key_wrapped_bytes,
        ));
        needles.push((format!("{id} object key"), st.object_key.to_vec()));
    }

    for (id, _) in &doomed {
        c.destroy(id).unwrap();
    }

    for (what, needle) in &needles {
        let hits = found_in(&data, needle);
        assert!(hits.is_empty(), "{what} remains after Destroy in {hits:?}");
    }
    // Destroyed keys are gone for the client; the kept one is intact.
    for (id, _) in &doomed {
        let err = c.get_key_bytes(id).unwrap_err();
        assert!(err.to_string().contains("destroyed"), "{err}");
    }
    assert_eq!(
        c.get_key_bytes(&kept).unwrap().as_slice(),
        kept_bytes.as_slice()
    );
    // ... and after a restart.
    drop(c);
    drop(server);
    let server = s.spawn_server("127.0.0.1:0");
    let mut c = s.client(server.addr);
    assert_eq!(
        c.get_key_bytes(&kept).unwrap().as_slice(),
        kept_bytes.as_slice()
    );
    for (what, needle) in &needles {
        let hits = found_in(&data, needle);
        assert!(
            hits.is_empty(),
            "{what} reappeared after restart in {hits:?}"
        );
    }
}

/// `kms-server` refuses a root key file inside the data directory unless told
/// `--allow-root-key-in-data-dir`, and refuses a data directory still holding the former
/// default `DIR/root.key`, saying where to move it.
#[test]
fn the_server_keeps_the_root_key_out_of_the_data_directory() {
    let s = Setup::new();
    let data = s.data();
    let inside = data.join("root.key");
    let start = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kms-server"))
            .args(["--data", common::path_str(&data)])
            .args(extra)
            .arg("--rotate-root")
            .output()
            .unwrap()
    };
    let out = start(&["--root-key-file", common::path_str(&inside)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("--allow-root-key-in-data-dir"), "{err}");
    assert!(!inside.exists());
    let out = start(&[
        "--root-key-file",
        common::path_str(&inside),
        "--allow-root-key-in-data-dir",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(inside.exists());
    // The same directory without the flags: its root key is where the default used to be.
    let out = start(&[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("Move it out") && err.contains("data.root.key"),
        "{err}"
    );
}
