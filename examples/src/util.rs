//! Small helpers shared by the programs: hex, UTC time stamps, random bytes, temporary
//! directories, and the one set-up of their diagnostics ([`init_tracing`]).

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use zeroize::Zeroizing;

/// Lower-case hex of `bytes` (kmip-ttlv's one hex printer).
pub fn hex(bytes: &[u8]) -> String {
    kmip_ttlv::Hex(bytes).to_string()
}

/// Decodes hex (either case, no separators) into `out`, which must have exactly the right
/// length. Returns `false` on any other input.
pub fn unhex_into(text: &str, out: &mut [u8]) -> bool {
    let text = text.as_bytes();
    if text.len() != out.len().saturating_mul(2) {
        return false;
    }
    for (pair, slot) in text.chunks_exact(2).zip(out.iter_mut()) {
        let digit = |c: u8| (c as char).to_digit(16);
        match (
            pair.first().copied().and_then(digit),
            pair.get(1).copied().and_then(digit),
        ) {
            (Some(h), Some(l)) => *slot = ((h << 4) | l) as u8,
            _ => return false,
        }
    }
    true
}

/// Decodes hex of any even length. Hex on a command line or in a file is often key
/// material, so the buffer is zeroized when dropped, and on failure at once.
pub fn unhex(text: &str) -> Option<Zeroizing<Vec<u8>>> {
    let mut out = Zeroizing::new(vec![0u8; text.len() / 2]);
    unhex_into(text, &mut out).then_some(out)
}

/// Seconds since the POSIX epoch, now.
pub fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` for the current time (audit log).
pub fn now_rfc3339_millis() -> String {
    let d = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let secs = i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
    let whole = rfc3339(secs);
    let seconds = whole.strip_suffix('Z').unwrap_or(&whole);
    format!("{seconds}.{:03}Z", d.subsec_millis())
}

/// `YYYY-MM-DDTHH:MM:SSZ` for seconds since the POSIX epoch (kmip-ttlv's one converter).
pub fn rfc3339(secs: i64) -> String {
    kmip_ttlv::date_time::Rfc3339(secs).to_string()
}

/// Sends every program's diagnostics (`tracing` events) to standard error, time-stamped like
/// the audit log ([`now_rfc3339_millis`]), filtered by `RUST_LOG` (default `info`; an
/// unparsable directive is ignored), in colour only on a terminal. Program output that tools
/// read stays on standard output and does not go through here. Calling it again does nothing.
pub fn init_tracing() {
    use std::io::IsTerminal as _;
    use tracing_subscriber::filter::{EnvFilter, LevelFilter};

    struct AuditClock;
    impl tracing_subscriber::fmt::time::FormatTime for AuditClock {
        fn format_time(
            &self,
            w: &mut tracing_subscriber::fmt::format::Writer<'_>,
        ) -> std::fmt::Result {
            w.write_str(&now_rfc3339_millis())
        }
    }

    let filter = EnvFilter::builder()
        .with_default_directive(LevelFilter::INFO.into())
        .from_env_lossy();
    // Err only when a subscriber is already installed: keep that one.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_timer(AuditClock)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}

/// Fills a buffer from the operating system's CSPRNG.
///
/// # Errors
/// The OS generator failed (it practically never does).
pub fn random_bytes(buf: &mut [u8]) -> Result<(), getrandom::Error> {
    getrandom::fill(buf)
}

/// A fresh random UUID (version 4) as text: KMIP Unique Identifiers.
pub fn uuid_v4() -> String {
    let mut b = [0u8; 16];
    // A failing OS generator would make every key unsafe; there is no sensible fallback.
    if random_bytes(&mut b).is_err() {
        std::process::abort();
    }
    b[6] = (b[6] & 0x0F) | 0x40;
    b[8] = (b[8] & 0x3F) | 0x80;
    let h = hex(&b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// A directory removed (with its contents) when dropped.
#[derive(Debug)]
pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    /// Creates a new owner-only directory under the system temporary directory, its name
    /// starting with `prefix`.
    ///
    /// # Errors
    /// The directory cannot be created.
    pub fn new(prefix: &str) -> std::io::Result<Self> {
        let base = std::env::temp_dir();
        for _ in 0..16 {
            let mut r = [0u8; 8];
            random_bytes(&mut r).map_err(std::io::Error::other)?;
            let path = base.join(format!("{prefix}-{}", hex(&r)));
            let mut builder = std::fs::DirBuilder::new();
            #[cfg(unix)]
            {
                use std::os::unix::fs::DirBuilderExt as _;
                builder.mode(0o700);
            }
            match builder.create(&path) {
                Ok(()) => return Ok(TempDir { path }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            }
        }
        Err(std::io::Error::other("no free temporary directory name"))
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Human-readable byte count (`256 MiB`).
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else if value.fract() == 0.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip() {
        assert_eq!(hex(&[0, 0xAB, 0x10]), "00ab10");
        assert_eq!(*unhex("00AB10").unwrap(), [0, 0xAB, 0x10]);
        assert!(unhex("0g").is_none());
        assert!(unhex("abc").is_none());
    }

    #[test]
    fn dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_700_000_000), "2023-11-14T22:13:20Z");
    }

    #[test]
    fn uuids_are_version_4() {
        let u = uuid_v4();
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert_ne!(u, uuid_v4());
    }

    #[test]
    fn temp_dirs_go_away() {
        let path = {
            let t = TempDir::new("kmip-examples-test").unwrap();
            std::fs::write(t.path().join("f"), b"x").unwrap();
            t.path().to_owned()
        };
        assert!(!path.exists());
    }

    #[test]
    fn byte_counts() {
        assert_eq!(human_bytes(256 << 20), "256 MiB");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(7), "7 B");
    }
}
