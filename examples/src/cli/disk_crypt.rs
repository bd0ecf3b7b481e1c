//! `disk-crypt`'s command line.
//!
//! ```text
//! disk-crypt [CONNECTION] encrypt PLAIN IMAGE (--kek ID | --new-kek) [--sector-size 4096]
//! disk-crypt [CONNECTION] decrypt IMAGE PLAIN
//! disk-crypt [CONNECTION] rekey --shallow IMAGE (--kek NEW_ID | --new-kek)
//! disk-crypt [CONNECTION] rekey --deep IMAGE [--chunk BYTES]
//! disk-crypt info IMAGE
//! ```

use std::path::PathBuf;

use clap::{ArgGroup, Parser, Subcommand};

use crate::client::options::ConnectOptions;
use crate::disk::{CHUNK, DEFAULT_SECTOR_SIZE, DeepRekeyOptions};

/// `disk-crypt`: disk images under AES-256-XTS, the DEK wrapped by a KEK in a KMIP server.
#[derive(Debug, Parser)]
#[command(
    name = "disk-crypt",
    version,
    about = "Encrypt, decrypt and rekey disk images with AES-256-XTS, the DEK wrapped by a KEK \
             that lives in a KMIP server",
    after_help = "RUST_LOG filters the diagnostics on standard error (default: info)."
)]
pub struct DiskCryptArgs {
    /// Where and how to connect (not needed by `info`).
    #[command(flatten)]
    pub connection: ConnectOptions,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// One action.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// PLAIN (a whole number of sectors) into a new encrypted IMAGE under a fresh DEK, wrapped
    /// by the KMS key --kek, or by a new AES-256 key created and activated
    Encrypt {
        /// The plaintext file
        plain: PathBuf,
        /// The image to create
        image: PathBuf,
        /// Which KEK wraps the DEK.
        #[command(flatten)]
        kek: KekChoice,
        /// Sector size in bytes (the XTS data unit)
        #[arg(long, value_name = "N", default_value_t = DEFAULT_SECTOR_SIZE)]
        sector_size: u32,
    },
    /// IMAGE into a new plaintext file
    Decrypt {
        /// The encrypted image
        image: PathBuf,
        /// The plaintext file to create
        plain: PathBuf,
    },
    /// --shallow: re-wrap the DEK under another KEK (header only, data untouched);
    /// --deep: new DEK, every sector re-encrypted (resumes an interrupted deep rekey)
    Rekey(RekeyArgs),
    /// Print the header (no KMS needed; the MAC is not checked)
    Info {
        /// The encrypted image
        image: PathBuf,
    },
}

/// `--kek ID | --new-kek`, exactly one.
#[derive(Debug, clap::Args)]
#[group(required = true, multiple = false)]
pub struct KekChoice {
    /// The KMS key (Active AES) that wraps the DEK
    #[arg(long, value_name = "ID")]
    pub kek: Option<String>,
    /// Create and activate a new AES-256 key in the KMS to wrap the DEK
    #[arg(long)]
    pub new_kek: bool,
}

/// Which KEK.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KekSource {
    /// An existing KMS key.
    Existing(String),
    /// A new key, created and activated.
    New,
}

impl KekChoice {
    /// The choice made (`--new-kek` unless `--kek` was given).
    pub fn source(&self) -> KekSource {
        match &self.kek {
            Some(id) if !self.new_kek => KekSource::Existing(id.clone()),
            _ => KekSource::New,
        }
    }
}

/// `rekey (--shallow (--kek NEW_ID | --new-kek) | --deep [--chunk BYTES]) IMAGE`.
#[derive(Debug, clap::Args)]
#[command(group = ArgGroup::new("depth").required(true).args(["shallow", "deep"]))]
#[command(group = ArgGroup::new("new_kek_choice").args(["kek", "new_kek"]))]
pub struct RekeyArgs {
    /// Re-wrap the DEK under another KEK: header only, data untouched
    #[arg(long, requires = "new_kek_choice")]
    pub shallow: bool,
    /// A new DEK, every sector re-encrypted, crash-safe; resumes an interrupted deep rekey
    #[arg(long)]
    pub deep: bool,
    /// The encrypted image
    pub image: PathBuf,
    /// With --shallow: the KMS key to re-wrap the DEK under
    #[arg(long, value_name = "NEW_ID", conflicts_with = "deep")]
    pub kek: Option<String>,
    /// With --shallow: create and activate a new AES-256 key to re-wrap the DEK under
    #[arg(long, conflicts_with = "deep")]
    pub new_kek: bool,
    /// With --deep: bytes journaled per step (a multiple of the sector size; at most 64 MiB)
    #[arg(long, value_name = "BYTES", default_value_t = CHUNK, conflicts_with = "shallow")]
    pub chunk: usize,
    /// With --deep: append each durable-write step to FILE, `synced` once durable (the crash
    /// tests use it to drop the one write not yet synced)
    #[arg(long, value_name = "FILE", env = "DISK_CRYPT_TRACE")]
    pub trace_file: Option<PathBuf>,
}

impl RekeyArgs {
    /// With `--shallow`, the new KEK.
    pub fn new_kek(&self) -> Option<KekSource> {
        self.shallow.then(|| {
            KekChoice {
                kek: self.kek.clone(),
                new_kek: self.new_kek,
            }
            .source()
        })
    }

    /// With `--deep`, its options.
    pub fn deep_options(&self) -> Option<DeepRekeyOptions> {
        self.deep.then(|| DeepRekeyOptions {
            chunk: self.chunk,
            trace: self.trace_file.clone(),
            ..DeepRekeyOptions::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::cli::parse;

    fn command(args: &[&str]) -> Command {
        parse::<DiskCryptArgs>(args).unwrap().command
    }

    #[test]
    fn every_command_parses() {
        let Command::Encrypt {
            plain,
            image,
            kek,
            sector_size,
        } = command(&["encrypt", "disk.raw", "disk.img", "--kek", "k1"])
        else {
            panic!()
        };
        assert_eq!((plain, image), ("disk.raw".into(), "disk.img".into()));
        assert_eq!(kek.source(), KekSource::Existing("k1".into()));
        assert_eq!(sector_size, DEFAULT_SECTOR_SIZE);
        let Command::Encrypt {
            kek, sector_size, ..
        } = command(&["encrypt", "a", "b", "--new-kek", "--sector-size", "512"])
        else {
            panic!()
        };
        assert_eq!((kek.source(), sector_size), (KekSource::New, 512));
        assert!(matches!(
            command(&["decrypt", "disk.img", "disk.raw"]),
            Command::Decrypt { image, plain } if image.as_os_str() == "disk.img" && plain.as_os_str() == "disk.raw"
        ));
        let Command::Rekey(r) = command(&["rekey", "--shallow", "disk.img", "--kek", "k2"]) else {
            panic!()
        };
        assert_eq!(r.image, PathBuf::from("disk.img"));
        assert_eq!(r.new_kek(), Some(KekSource::Existing("k2".into())));
        assert!(r.deep_options().is_none());
        let Command::Rekey(r) = command(&["rekey", "disk.img", "--shallow", "--new-kek"]) else {
            panic!()
        };
        assert_eq!(r.new_kek(), Some(KekSource::New));
        let Command::Rekey(r) = command(&[
            "rekey",
            "--deep",
            "disk.img",
            "--chunk",
            "65536",
            "--trace-file",
            "t",
        ]) else {
            panic!()
        };
        assert!(r.new_kek().is_none());
        let o = r.deep_options().unwrap();
        assert_eq!((o.chunk, o.trace), (65536, Some(PathBuf::from("t"))));
        assert!(o.stop_after_chunks.is_none() && !o.stop_after_journal);
        let Command::Rekey(r) = command(&["rekey", "--deep", "disk.img"]) else {
            panic!()
        };
        assert_eq!(r.deep_options().unwrap().chunk, CHUNK);
        assert!(matches!(
            command(&["info", "disk.img"]),
            Command::Info { .. }
        ));
    }

    #[test]
    fn the_connection_comes_before_or_after_the_command() {
        let a: DiskCryptArgs = parse(&["--server", "kms:5696", "info", "x"]).unwrap();
        assert_eq!(a.connection.servers(), ["kms:5696"]);
        let a: DiskCryptArgs = parse(&["decrypt", "x", "y", "--ca", "ca.pem"]).unwrap();
        assert_eq!(a.connection.ca, Some(PathBuf::from("ca.pem")));
    }

    #[test]
    fn bad_command_lines_are_usage_errors() {
        for args in [
            &[][..],
            &["encrypt", "a", "b"],
            &["encrypt", "a", "b", "--kek", "k", "--new-kek"],
            &["encrypt", "a", "--kek", "k"],
            &["encrypt", "a", "b", "--kek", "k", "--sector-size", "big"],
            &["decrypt", "a"],
            &["rekey", "img"],
            &["rekey", "--shallow", "--deep", "img"],
            &["rekey", "--shallow", "img"],
            &["rekey", "--shallow", "img", "--kek", "k", "--new-kek"],
            &["rekey", "--deep", "img", "--kek", "k"],
            &["rekey", "--deep", "img", "--new-kek"],
            &["rekey", "--shallow", "img", "--new-kek", "--chunk", "4096"],
            &["info"],
            &["info", "a", "b"],
            &["wipe", "a"],
        ] {
            let e = parse::<DiskCryptArgs>(args).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{args:?}: {e}");
        }
    }
}
