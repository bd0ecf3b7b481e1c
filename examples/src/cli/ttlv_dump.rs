//! `ttlv-dump`'s command line.
//!
//! ```text
//! ttlv-dump [--hex | --binary] [--reveal-secrets] [--lenient] [--max-len BYTES] [FILE | -]
//! ```

use std::path::PathBuf;

use clap::Parser;

use crate::ttlv_dump::{DumpOptions, InputFormat};

/// `ttlv-dump`: KMIP TTLV messages as indented trees.
#[derive(Debug, Parser)]
#[command(
    name = "ttlv-dump",
    version,
    about = "Prints KMIP TTLV messages (binary or hex, one or several concatenated as on a \
             stream) as indented trees with KMIP names; key material redacted",
    after_help = "Exit status: 0 if every message decoded, 1 at the first defect (its byte \
                  offset and tag path are printed), 2 for a usage error or unreadable input."
)]
pub struct TtlvDumpArgs {
    /// The input is hex text (whitespace, `|`, `:`, `,` and `#` comments ignored)
    #[arg(long, conflicts_with = "binary")]
    pub hex: bool,
    /// The input is raw bytes [default: detected]
    #[arg(long)]
    pub binary: bool,
    /// Print key material instead of redacting it
    #[arg(long)]
    pub reveal_secrets: bool,
    /// Accept non-zero padding bytes
    #[arg(long)]
    pub lenient: bool,
    /// Longest item accepted, in bytes
    #[arg(long, value_name = "BYTES")]
    pub max_len: Option<usize>,
    /// The input file; `-` or none for standard input
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
}

impl TtlvDumpArgs {
    /// The dump's options.
    pub fn options(&self) -> DumpOptions {
        let mut options = DumpOptions {
            reveal_secrets: self.reveal_secrets,
            ..DumpOptions::default()
        };
        if self.hex {
            options.format = InputFormat::Hex;
        } else if self.binary {
            options.format = InputFormat::Binary;
        }
        if self.lenient {
            options.limits = options.limits.with_strict_padding(false);
        }
        if let Some(n) = self.max_len {
            options.limits = options.limits.with_max_len(n);
        }
        options
    }

    /// The file to read, `None` for standard input.
    pub fn input(&self) -> Option<&std::path::Path> {
        self.file.as_deref().filter(|f| f.as_os_str() != "-")
    }
}

#[cfg(test)]
mod tests {
    use kmip_ttlv::Limits;

    use super::*;

    fn parse(args: &[&str]) -> Result<TtlvDumpArgs, clap::Error> {
        super::super::parse(args)
    }

    #[test]
    fn flags_make_the_dump_options() {
        let a = parse(&[]).unwrap();
        let o = a.options();
        assert_eq!(o.format, InputFormat::Detect);
        assert!(!o.reveal_secrets);
        assert_eq!(o.limits, Limits::DEFAULT);
        assert!(a.input().is_none());
        let a = parse(&[
            "--hex",
            "--reveal-secrets",
            "--lenient",
            "--max-len",
            "4096",
            "f.hex",
        ])
        .unwrap();
        let o = a.options();
        assert_eq!(o.format, InputFormat::Hex);
        assert!(o.reveal_secrets);
        assert_eq!(
            o.limits,
            Limits::DEFAULT
                .with_strict_padding(false)
                .with_max_len(4096)
        );
        assert_eq!(a.input(), Some("f.hex".as_ref()));
        let a = parse(&["--binary", "-"]).unwrap();
        assert_eq!(a.options().format, InputFormat::Binary);
        assert!(a.input().is_none());
    }

    #[test]
    fn bad_command_lines_are_usage_errors() {
        for args in [
            &["--hex", "--binary"][..],
            &["--max-len"],
            &["--max-len", "big"],
            &["a", "b"],
            &["--frobnicate"],
        ] {
            let e = parse(args).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{args:?}: {e}");
        }
    }
}
