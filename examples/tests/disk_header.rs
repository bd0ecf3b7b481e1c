//! What a host that can write an encrypted image, or a crash, must not be able to do to it
//! (issue 12): keep a DEK wrapped under a replaced KEK in the other header slot, keep the old
//! DEK after a deep rekey, replay a journal left over from a finished rekey, swap in another
//! image's wrapped DEK, forge the deep rekey progress, or make the journal write through a
//! symbolic link. Old (version 1) images are refused with a clear error.
//!
//! The attacks are written against the public API as a host would carry them out (edit the
//! fields, recompute the unkeyed checksum with `Header::encode`), so the same file also runs
//! against the version 1 code, where each of them succeeds.

use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use indicatif::ProgressBar;
use key_hierarchy::{Kek, KeyId, OsRng};
use kmip_examples::disk::{
    self, DATA_OFFSET, DeepRekeyOptions, Header, SLOT_LEN, decrypt_image, deep_rekey,
    encrypt_image, journal_path, shallow_rekey,
};
use kmip_examples::util::TempDir;

const SECTOR: u32 = 4096;

fn kek(id: &str) -> Kek {
    Kek::generate(KeyId::new(id.as_bytes()).unwrap(), &mut OsRng).unwrap()
}

fn hidden() -> ProgressBar {
    ProgressBar::hidden()
}

/// A plaintext of `len` bytes and its encrypted image under `kek`.
fn image(dir: &Path, name: &str, len: usize, kek: &Kek) -> (PathBuf, Vec<u8>) {
    let data: Vec<u8> = (0..len)
        .map(|i| (i.wrapping_mul(31) ^ (i >> 12)) as u8)
        .collect();
    let plain = dir.join(format!("{name}.raw"));
    std::fs::write(&plain, &data).unwrap();
    let img = dir.join(format!("{name}.img"));
    encrypt_image(&plain, &img, kek, SECTOR, &hidden()).unwrap();
    (img, data)
}

fn decrypts_to(img: &Path, kek: &Kek, want: &[u8]) -> bool {
    let out = img.with_extension(format!("out{}", rand_suffix()));
    let ok =
        decrypt_image(img, &out, kek, &hidden()).is_ok() && std::fs::read(&out).unwrap() == want;
    let _ = std::fs::remove_file(&out);
    ok
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

fn slots(img: &Path) -> Vec<u8> {
    std::fs::read(img).unwrap()[..2 * SLOT_LEN].to_vec()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Writes `slot` over both header slots, as a host rewriting the header would.
fn write_both_slots(img: &Path, slot: &[u8]) {
    let mut f = std::fs::OpenOptions::new().write(true).open(img).unwrap();
    for at in [0, SLOT_LEN as u64] {
        f.seek(SeekFrom::Start(at)).unwrap();
        f.write_all(slot).unwrap();
    }
    f.sync_all().unwrap();
}

fn data_area(img: &Path) -> Vec<u8> {
    std::fs::read(img).unwrap()[DATA_OFFSET as usize..].to_vec()
}

#[test]
fn shallow_rekey_leaves_no_wrapping_under_the_old_kek() {
    let dir = TempDir::new("disk-header").unwrap();
    let old = kek("kek-old-0123456789");
    let (img, data) = image(dir.path(), "a", 1 << 20, &old);
    let new = kek("kek-new-9876543210");
    let before = Header::read(&img).unwrap();
    shallow_rekey(&img, &old, &new).unwrap();
    let raw = slots(&img);
    assert!(
        !contains(&raw, b"kek-old-0123456789"),
        "a header slot still names the old KEK"
    );
    assert!(
        !contains(&raw, before.current.wrapped_bytes()),
        "a header slot still holds the DEK wrapped under the old KEK"
    );
    // Both slots hold the new header.
    assert_eq!(
        Header::decode(&raw[..SLOT_LEN]).ok(),
        Header::decode(&raw[SLOT_LEN..]).ok()
    );
    assert!(decrypts_to(&img, &new, &data));
}

#[test]
fn deep_rekey_leaves_nothing_of_the_old_dek() {
    let dir = TempDir::new("disk-header").unwrap();
    let k = kek("kek-1");
    let (img, data) = image(dir.path(), "a", 3 << 20, &k);
    let before = Header::read(&img).unwrap();
    let opts = DeepRekeyOptions {
        chunk: 1 << 20,
        ..DeepRekeyOptions::default()
    };
    let after = deep_rekey(&img, &k, &opts, &hidden()).unwrap().header;
    assert_ne!(after.current.key_id(), before.current.key_id());
    let raw = slots(&img);
    assert!(
        !contains(&raw, before.current.key_id().as_bytes()),
        "a header slot still names the retired DEK"
    );
    assert!(
        !contains(&raw, before.current.wrapped_bytes()),
        "a header slot still holds the retired DEK's wrapping"
    );
    assert!(!journal_path(&img).exists());
    assert!(decrypts_to(&img, &k, &data));
}

#[test]
fn a_journal_left_over_from_a_finished_rekey_is_never_replayed() {
    let dir = TempDir::new("disk-header").unwrap();
    let k = kek("kek-1");
    // One chunk (at most 8 MiB): the left-over journal starts at sector 0, where the next
    // rekey starts too.
    let (img, data) = image(dir.path(), "a", 2 << 20, &k);
    let stop = DeepRekeyOptions {
        stop_after_chunks: Some(0),
        stop_after_journal: true,
        ..DeepRekeyOptions::default()
    };
    assert!(deep_rekey(&img, &k, &stop, &hidden()).is_err());
    let journal = journal_path(&img);
    let kept = std::fs::read(&journal).unwrap();
    deep_rekey(&img, &k, &DeepRekeyOptions::default(), &hidden()).unwrap();
    assert!(decrypts_to(&img, &k, &data));
    // A crash lost the unlink of the finished run's journal.
    std::fs::write(&journal, &kept).unwrap();
    deep_rekey(&img, &k, &DeepRekeyOptions::default(), &hidden()).unwrap();
    assert!(
        decrypts_to(&img, &k, &data),
        "the previous rekey's journal was replayed into this one: the image is lost"
    );
    assert!(!journal.exists());
}

#[test]
fn a_wrapped_dek_from_another_image_is_rejected() {
    let dir = TempDir::new("disk-header").unwrap();
    let k = kek("kek-shared");
    let (a, data) = image(dir.path(), "a", 1 << 20, &k);
    let (b, _) = image(dir.path(), "b", 1 << 20, &k);
    let genuine = slots(&a);
    let mut h = Header::read(&a).unwrap();
    h.current = Header::read(&b).unwrap().current;
    write_both_slots(&a, &h.encode().unwrap());
    let data_before = data_area(&a);
    let out = dir.path().join("a.out");
    let err = decrypt_image(&a, &out, &k, &hidden())
        .expect_err("an image decrypted with another image's DEK")
        .to_string();
    assert!(err.contains("not authentic"), "{err}");
    let err = deep_rekey(&a, &k, &DeepRekeyOptions::default(), &hidden())
        .expect_err("a deep rekey ran with another image's DEK")
        .to_string();
    assert!(err.contains("not authentic"), "{err}");
    assert!(data_area(&a) == data_before, "sectors were touched");
    // The genuine header restores the image: nothing was lost.
    write_both_slots(&a, &genuine[..SLOT_LEN]);
    assert!(decrypts_to(&a, &k, &data));
}

#[test]
fn a_forged_rekey_progress_is_rejected_before_any_sector_is_touched() {
    let dir = TempDir::new("disk-header").unwrap();
    let k = kek("kek-1");
    let (img, data) = image(dir.path(), "a", 4 << 20, &k);
    let opts = DeepRekeyOptions {
        chunk: 1 << 20,
        stop_after_chunks: Some(2),
        ..DeepRekeyOptions::default()
    };
    assert!(deep_rekey(&img, &k, &opts, &hidden()).is_err());
    let genuine = slots(&img);
    let mut h = Header::read(&img).unwrap();
    assert_eq!(h.rekey.as_ref().unwrap().progress, 512);
    // Back to 0: a resume would encrypt sectors 0..512 a second time.
    h.rekey.as_mut().unwrap().progress = 0;
    write_both_slots(&img, &h.encode().unwrap());
    let data_before = data_area(&img);
    let err = deep_rekey(&img, &k, &DeepRekeyOptions::default(), &hidden())
        .expect_err("a deep rekey resumed from a forged progress")
        .to_string();
    assert!(err.contains("not authentic"), "{err}");
    let err = decrypt_image(&img, &dir.path().join("x"), &k, &hidden())
        .expect_err("decrypted with a forged progress")
        .to_string();
    assert!(err.contains("not authentic"), "{err}");
    assert!(data_area(&img) == data_before, "sectors were touched");
    // The genuine header resumes to the original.
    let mut f = std::fs::OpenOptions::new().write(true).open(&img).unwrap();
    f.write_all(&genuine).unwrap();
    drop(f);
    deep_rekey(&img, &k, &DeepRekeyOptions::default(), &hidden()).unwrap();
    assert!(decrypts_to(&img, &k, &data));
}

#[cfg(unix)]
#[test]
fn the_journal_never_writes_through_a_symbolic_link() {
    let dir = TempDir::new("disk-header").unwrap();
    let k = kek("kek-1");
    let (img, data) = image(dir.path(), "a", 2 << 20, &k);
    let victim = dir.path().join("victim");
    std::fs::write(&victim, b"precious").unwrap();
    let journal = journal_path(&img);
    let mut tmp = journal.clone().into_os_string();
    tmp.push(".tmp");
    std::os::unix::fs::symlink(&victim, &journal).unwrap();
    std::os::unix::fs::symlink(&victim, &tmp).unwrap();
    deep_rekey(&img, &k, &DeepRekeyOptions::default(), &hidden()).unwrap();
    assert!(
        std::fs::read(&victim).unwrap() == b"precious",
        "the journal was written through a symbolic link"
    );
    assert!(decrypts_to(&img, &k, &data));
}

#[test]
fn a_version_1_image_is_refused_with_a_clear_error() {
    let dir = TempDir::new("disk-header").unwrap();
    let v1 = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../fuzz/corpus/disk_header/v1-header-sector-4096-nist-key-wrap"),
    )
    .unwrap();
    assert_eq!(&v1[8..10], &[0, 1], "not a version 1 slot");
    let img = dir.path().join("old.img");
    let mut bytes = v1;
    bytes.resize(2 * SLOT_LEN + 4096, 0);
    std::fs::write(&img, &bytes).unwrap();
    let err = Header::read(&img).unwrap_err().to_string();
    assert!(
        err.contains("format version 1") && err.contains("older disk-crypt"),
        "{err}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_disk-crypt"))
        .args(["info", img.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("format version 1"), "{err}");
    assert!(matches!(
        Header::read(&img),
        Err(disk::DiskError::NoHeader { .. })
    ));
}
