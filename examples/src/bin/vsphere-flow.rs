//! `vsphere-flow`: the end-to-end demonstration. One command, nothing to set up: a CA and
//! certificates in a temporary directory, `kms-server` on a free loopback port, then vCenter's
//! and ESXi's KMIP conversations, disk encryption, a KMS power cycle, shallow rekey, root
//! rotation, deep rekey and crypto-shredding, each step timed, then a summary table.
//!
//! ```text
//! vsphere-flow [--disk-mib N] [--no-progress]
//! ```
//! Exits with status 1 if any step did not behave as expected.

use std::process::ExitCode;

use kmip_examples::vsphere::{FlowOptions, run};

const USAGE: &str = "usage: vsphere-flow [--disk-mib N] [--no-progress]

  --disk-mib N     size of the virtual disk in MiB (default 256)
  --no-progress    no progress bars";

fn main() -> ExitCode {
    let mut options = FlowOptions::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--disk-mib" => match args.next().and_then(|v| v.parse::<u64>().ok()) {
                Some(n) if n > 0 => options.disk_bytes = n << 20,
                _ => {
                    eprintln!("--disk-mib needs a positive number\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--no-progress" => options.progress = false,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("unexpected argument {other:?}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    println!(
        "vsphere-flow: vCenter and ESXi against kms-server (KMIP 1.1 over mutual TLS), {} threads\n",
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    let mut stdout = std::io::stdout();
    let report = run(options, &mut stdout);
    println!("\n{}", report.table());
    if report.ok() {
        println!("every step behaved as expected");
        ExitCode::SUCCESS
    } else {
        println!("some steps did not behave as expected");
        ExitCode::FAILURE
    }
}
