//! `ttlv-dump`: prints KMIP TTLV messages as indented trees.
//!
//! ```text
//! ttlv-dump [--hex | --binary] [--reveal-secrets] [--lenient] [--max-len BYTES] [FILE | -]
//! ```
//! Reads FILE (or stdin when FILE is `-` or absent), binary or hex (detected unless forced),
//! one message or several concatenated as on a stream, and prints each; on a defect it prints
//! the error with its byte offset and tag path and exits with status 1.

use std::io::Read as _;
use std::process::ExitCode;

use kmip_examples::ttlv_dump::{DumpOptions, InputFormat, dump};

const USAGE: &str = "usage: ttlv-dump [--hex | --binary] [--reveal-secrets] [--lenient] [--max-len BYTES] [FILE | -]";

fn main() -> ExitCode {
    // KMIP tag and enumeration names in the dump, key material redacted.
    kmip_types::install_names();
    let mut options = DumpOptions::default();
    let mut file: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--hex" => options.format = InputFormat::Hex,
            "--binary" => options.format = InputFormat::Binary,
            "--reveal-secrets" => options.reveal_secrets = true,
            "--lenient" => options.limits = options.limits.with_strict_padding(false),
            "--max-len" => match args.next().and_then(|v| v.parse().ok()) {
                Some(n) => options.limits = options.limits.with_max_len(n),
                None => {
                    eprintln!("--max-len needs a number of bytes\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ if file.is_none() && (arg == "-" || !arg.starts_with('-')) => file = Some(arg),
            _ => {
                eprintln!("unexpected argument {arg:?}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let input = match file.as_deref() {
        None | Some("-") => {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).map(|_| buf)
        }
        Some(path) => std::fs::read(path),
    };
    let input = match input {
        Ok(i) => i,
        Err(e) => {
            eprintln!(
                "ttlv-dump: cannot read {}: {e}",
                file.as_deref().unwrap_or("stdin")
            );
            return ExitCode::from(2);
        }
    };
    let (text, ok) = dump(&input, &options);
    print!("{text}");
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
