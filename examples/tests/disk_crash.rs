//! Crash injection into `disk-crypt rekey --deep`, the real binary against a real kms-server:
//!
//! - **SIGKILL**: a deep rekey is killed at a random moment, then resumed to completion, and
//!   the image must decrypt byte for byte to the original. The same image goes through every
//!   round, so each round also starts from whatever the previous rekeys left behind.
//! - **Dropped writes**: the rekey is stopped (SIGSTOP) at a random moment, the image and its
//!   journal files are copied, and the one write that was not yet synced (the process logs
//!   each durable step to `DISK_CRYPT_TRACE`) is dropped from the copy as a power cut could:
//!   part of it overwritten with random bytes (a header slot, a data chunk, the temporary
//!   journal), or a rename whose directory was not synced undone. The process is then killed
//!   and the copy resumed to completion and checked byte for byte.
//!
//! The SIGKILL moments are uniform over the time of one uninterrupted rekey; the SIGSTOP
//! moments are right after a random durable-write step started (uniform in time they would
//! almost all fall in the XTS work between writes, where nothing is unsynced).
//!
//! Sizes (environment): `DISK_CRASH_MIB` (image size; 64 in release builds, 8 in debug
//! builds, where XTS is unoptimised: `DISK_CRASH_MIB=64` for the full size),
//! `DISK_CRASH_KILLS` and `DISK_CRASH_DROPS` (50 each), `DISK_CRASH_CHUNK` (journaled bytes
//! per step, a 16th of the image), `DISK_CRASH_SEED` (random by default; printed, so a
//! failure can be replayed).
//!
//! Linux only: it reads process states from `/proc`.
#![cfg(target_os = "linux")]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Setup, path_str};
use indicatif::ProgressBar;
use key_hierarchy::{Kek, KeyId};
use kmip_examples::disk::{self, DATA_OFFSET, Header, SLOT_LEN, journal_path, journal_tmp_path};

const DISK: &str = env!("CARGO_BIN_EXE_disk-crypt");

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// xorshift64*: reproducible from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
    fn fill(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            let v = self.next().to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
    }
}

struct Rig {
    setup: Setup,
    server: common::ServerProcess,
    kek: Kek,
    plain: Vec<u8>,
    chunk: u64,
}

impl Rig {
    fn new(mib: u64, chunk: u64, rng: &mut Rng) -> (Rig, PathBuf) {
        let setup = Setup::new();
        let server = setup.spawn_server("127.0.0.1:0");
        let mut c = setup.client(server.addr);
        let id = c.create_aes(256, None).unwrap();
        c.activate(&id).unwrap();
        let bytes = c.get_key_bytes(&id).unwrap();
        let kek = Kek::from_bytes(KeyId::new(id.as_bytes()).unwrap(), &bytes).unwrap();
        let mut plain = vec![0u8; usize::try_from(mib << 20).unwrap()];
        rng.fill(&mut plain);
        let raw = setup.dir.path().join("disk.raw");
        std::fs::write(&raw, &plain).unwrap();
        let cur = setup.dir.path().join("cur");
        std::fs::create_dir(&cur).unwrap();
        let img = cur.join("disk.img");
        let rig = Rig {
            setup,
            server,
            kek,
            plain,
            chunk,
        };
        let out = rig
            .command(&["encrypt", path_str(&raw), path_str(&img), "--kek", &id])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (rig, img)
    }

    fn command(&self, args: &[&str]) -> Command {
        let f = &self.setup.files;
        let mut c = Command::new(DISK);
        c.env("KMIP_SERVER", self.server.addr.to_string())
            .env("KMIP_SERVER_NAME", "localhost")
            .env("KMIP_CERT", &f.client.cert)
            .env("KMIP_KEY", &f.client.key)
            .env("KMIP_CA", &f.ca)
            .env_remove("DISK_CRYPT_TRACE")
            .args(args);
        c
    }

    fn rekey(&self, img: &Path) -> Command {
        let chunk = self.chunk.to_string();
        self.command(&["rekey", "--deep", path_str(img), "--chunk", &chunk])
    }

    fn spawn_rekey(&self, img: &Path, trace: Option<&Path>) -> Child {
        let mut c = self.rekey(img);
        if let Some(t) = trace {
            c.env("DISK_CRYPT_TRACE", t);
        }
        c.stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    }

    /// Runs the deep rekey to completion (resuming whatever is there).
    fn resume(&self, img: &Path) {
        let out = self.rekey(img).output().unwrap();
        assert!(
            out.status.success(),
            "resume failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(Header::read(img).unwrap().rekey.is_none());
        assert!(!journal_path(img).exists() && !journal_tmp_path(img).exists());
    }

    /// Decrypts in-process and compares with the original, byte for byte.
    fn check(&self, img: &Path, round: &str) {
        let out = self.setup.dir.path().join("check.raw");
        let _ = std::fs::remove_file(&out);
        disk::decrypt_image(img, &out, &self.kek, &ProgressBar::hidden())
            .unwrap_or_else(|e| panic!("{round}: {e}"));
        let back = std::fs::read(&out).unwrap();
        assert!(
            back == self.plain,
            "{round}: the image no longer decrypts to the original"
        );
        std::fs::remove_file(&out).unwrap();
    }
}

/// Where a killed or stopped rekey was, from what it left on disk.
fn state(img: &Path, dek_before: &KeyId) -> &'static str {
    match Header::read(img) {
        Ok(h) => match (&h.rekey, h.current.key_id() == dek_before) {
            (None, true) => "before the rekey header",
            (None, false) => "after the switch",
            (Some(r), _) if r.progress == 0 => "rekeying, no chunk done",
            (Some(r), _) if r.progress == h.sectors() => "every chunk done, not switched",
            (Some(_), _) => "rekeying, some chunks done",
        },
        Err(_) => "no valid header (a bug)",
    }
}

fn tally(counts: &mut Vec<(String, u32)>, what: &str) {
    match counts.iter_mut().find(|(w, _)| w == what) {
        Some((_, n)) => *n += 1,
        None => counts.push((what.to_owned(), 1)),
    }
}

fn seed() -> u64 {
    env_u64(
        "DISK_CRASH_SEED",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
            | 1,
    )
}

/// Times an uninterrupted deep rekey (the window the random moments fall in; the shorter of
/// two runs, the first one also warms the page cache), and counts its durable-write steps.
fn full_run(rig: &Rig, img: &Path) -> (Duration, u64) {
    let trace = img.with_extension("full-trace");
    let mut best = Duration::MAX;
    let mut count = 0;
    for _ in 0..2 {
        let _ = std::fs::remove_file(&trace);
        let t = Instant::now();
        let status = rig.spawn_rekey(img, Some(&trace)).wait().unwrap();
        best = best.min(t.elapsed());
        assert!(status.success());
        rig.check(img, "uninterrupted");
        count = steps(&std::fs::read_to_string(&trace).unwrap());
    }
    std::fs::remove_file(&trace).unwrap();
    (best, count)
}

/// Durable-write steps started in a trace.
fn steps(trace: &str) -> u64 {
    trace.lines().filter(|l| *l != "synced").count() as u64
}

/// Image size: 64 MiB in release builds, 8 MiB in debug builds (unoptimised XTS).
fn default_mib() -> u64 {
    if cfg!(debug_assertions) { 8 } else { 64 }
}

/// Journaled bytes per step: 16 steps per image.
fn chunk(mib: u64) -> u64 {
    env_u64("DISK_CRASH_CHUNK", (mib << 20) / 16)
}

#[test]
fn deep_rekey_survives_sigkill_at_random_moments() {
    let seed = seed();
    let mut rng = Rng(seed);
    let (mib, kills) = (
        env_u64("DISK_CRASH_MIB", default_mib()),
        env_u64("DISK_CRASH_KILLS", 50),
    );
    let (rig, img) = Rig::new(mib, chunk(mib), &mut rng);
    let (window, _) = full_run(&rig, &img);
    let start = Instant::now();
    let mut states = Vec::new();
    for round in 0..kills {
        let dek = *Header::read(&img).unwrap().current.key_id();
        let mut child = rig.spawn_rekey(&img, None);
        let delay = Duration::from_micros(rng.below(window.as_micros() as u64));
        std::thread::sleep(delay);
        let _ = child.kill();
        child.wait().unwrap();
        tally(&mut states, state(&img, &dek));
        rig.resume(&img);
        rig.check(&img, &format!("seed {seed}, SIGKILL round {round}"));
    }
    println!(
        "{kills} SIGKILL rounds of a {mib} MiB deep rekey (one uninterrupted run {window:.2?}) in \
         {:.1?}, seed {seed}, every one byte-exact; killed: {states:?}",
        start.elapsed()
    );
}

/// Waits until `pid` is stopped (state `T` in /proc): `true`, or `false` if it exited first.
fn wait_stopped(pid: u32) -> bool {
    let stat = format!("/proc/{pid}/stat");
    for _ in 0..20_000 {
        let s = std::fs::read_to_string(&stat).unwrap_or_default();
        // The state follows the command name in parentheses.
        match s
            .rsplit_once(") ")
            .and_then(|(_, rest)| rest.chars().next())
        {
            Some('T') => return true,
            Some('Z' | 'X') | None => return false,
            Some(_) => std::thread::sleep(Duration::from_micros(500)),
        }
    }
    panic!("process {pid} did not stop");
}

/// Drops the not-yet-synced step named by the last line of the trace from the copy in `dir`
/// (image `disk.img`); returns what was dropped.
fn drop_unsynced(dir: &Path, trace: &str, rng: &mut Rng) -> String {
    let img = dir.join("disk.img");
    let last = trace.lines().last().unwrap_or("");
    let mut words = last.split_whitespace();
    let scribble = |path: &Path, from: u64, len: u64, rng: &mut Rng| {
        use std::io::{Seek, SeekFrom, Write};
        let start = from + rng.below(len);
        let n = 1 + rng.below(from + len - start);
        let mut junk = vec![0u8; usize::try_from(n).unwrap()];
        rng.fill(&mut junk);
        let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
        f.seek(SeekFrom::Start(start)).unwrap();
        f.write_all(&junk).unwrap();
    };
    match words.next() {
        None | Some("synced") => "nothing unsynced".into(),
        Some("slot") => {
            let index: u64 = words.next().unwrap().parse().unwrap();
            scribble(&img, index * SLOT_LEN as u64, SLOT_LEN as u64, rng);
            format!("header slot {index} torn")
        }
        Some("data") => {
            let at: u64 = words.next().unwrap().parse().unwrap();
            let len: u64 = words.next().unwrap().parse().unwrap();
            assert!(at >= DATA_OFFSET);
            scribble(&img, at, len, rng);
            "data chunk torn".into()
        }
        Some("journal-tmp") => {
            let tmp = journal_tmp_path(&img);
            match std::fs::metadata(&tmp) {
                Ok(m) if m.len() > 0 => {
                    let f = std::fs::OpenOptions::new().write(true).open(&tmp).unwrap();
                    f.set_len(rng.below(m.len())).unwrap();
                    "temporary journal truncated".into()
                }
                _ => "temporary journal not yet written".into(),
            }
        }
        Some("journal-rename") => {
            let journal = journal_path(&img);
            if journal.exists() {
                std::fs::rename(&journal, journal_tmp_path(&img)).unwrap();
                "journal rename undone".into()
            } else {
                "journal rename not yet done".into()
            }
        }
        Some(other) => format!("{other} (not undoable: nothing dropped)"),
    }
}

#[test]
fn deep_rekey_survives_dropped_unsynced_writes() {
    let seed = seed() ^ 0x5DEE_CE66_D1CE_5EED;
    let mut rng = Rng(seed);
    let (mib, drops) = (
        env_u64("DISK_CRASH_MIB", default_mib()),
        env_u64("DISK_CRASH_DROPS", 50),
    );
    let (rig, img) = Rig::new(mib, chunk(mib), &mut rng);
    let cur = img.parent().unwrap().to_owned();
    let crash = rig.setup.dir.path().join("crash");
    let trace = rig.setup.dir.path().join("trace");
    let (window, full_steps) = full_run(&rig, &img);
    let start = Instant::now();
    let mut dropped = Vec::new();
    let mut states = Vec::new();
    for round in 0..drops {
        let dek = *Header::read(&img).unwrap().current.key_id();
        let _ = std::fs::remove_file(&trace);
        let mut child = rig.spawn_rekey(&img, Some(&trace));
        // Stop right after a random step started: most moments in time fall in the XTS work
        // between writes, where nothing is unsynced.
        let target = 1 + rng.below(full_steps);
        while child.try_wait().unwrap().is_none()
            && steps(&std::fs::read_to_string(&trace).unwrap_or_default()) < target
        {
            std::thread::sleep(Duration::from_micros(100));
        }
        let stopped = Command::new("kill")
            .args(["-STOP", &child.id().to_string()])
            .status()
            .unwrap()
            .success();
        if stopped && wait_stopped(child.id()) {
            std::fs::create_dir(&crash).unwrap();
            for p in [img.clone(), journal_path(&img), journal_tmp_path(&img)] {
                if p.exists() {
                    std::fs::copy(&p, crash.join(p.file_name().unwrap())).unwrap();
                }
            }
            let log = std::fs::read_to_string(&trace).unwrap_or_default();
            tally(&mut dropped, &drop_unsynced(&crash, &log, &mut rng));
            let _ = child.kill();
            child.wait().unwrap();
            std::fs::remove_dir_all(&cur).unwrap();
            std::fs::rename(&crash, &cur).unwrap();
        } else {
            child.wait().unwrap();
            tally(&mut dropped, "finished before the stop");
        }
        tally(&mut states, state(&img, &dek));
        rig.resume(&img);
        rig.check(&img, &format!("seed {seed}, dropped-write round {round}"));
    }
    println!(
        "{drops} dropped-write rounds of a {mib} MiB deep rekey (one uninterrupted run \
         {window:.2?}, {full_steps} durable steps) in {:.1?}, seed {seed}, every one \
         byte-exact; stopped: {states:?}; dropped: {dropped:?}",
        start.elapsed()
    );
}
