//! `ttlv-dump`: prints KMIP TTLV messages as indented trees.
//!
//! ```text
//! ttlv-dump [--hex | --binary] [--reveal-secrets] [--lenient] [--max-len BYTES] [FILE | -]
//! ```
//! Reads FILE (or stdin when FILE is `-` or absent), binary or hex (detected unless forced),
//! one message or several concatenated as on a stream, and prints each; on a defect it prints
//! the error with its byte offset and tag path and exits with status 1. The command line is
//! [`kmip_examples::cli::ttlv_dump::TtlvDumpArgs`].

use std::io::Read as _;
use std::process::ExitCode;

use clap::Parser as _;
use kmip_examples::cli::ttlv_dump::TtlvDumpArgs;
use kmip_examples::ttlv_dump::dump;

fn main() -> ExitCode {
    let args = TtlvDumpArgs::parse();
    kmip_examples::util::init_tracing();
    // KMIP tag and enumeration names in the dump, key material redacted.
    kmip_types::install_names();
    let input = match args.input() {
        None => {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).map(|_| buf)
        }
        Some(path) => std::fs::read(path),
    };
    let input = match input {
        Ok(i) => i,
        Err(e) => {
            let from = args
                .input()
                .map_or_else(|| "stdin".into(), |p| p.display().to_string());
            tracing::error!("cannot read {from}: {e}");
            return ExitCode::from(2);
        }
    };
    let options = args.options();
    tracing::debug!(input_bytes = input.len(), format = ?options.format, "dumping");
    let (text, ok) = dump(&input, &options);
    print!("{text}");
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
