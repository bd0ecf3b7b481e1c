//! `vsphere-flow`: the end-to-end demonstration. One command, nothing to set up: a CA and
//! certificates in a temporary directory, `kms-server` on a free loopback port, then vCenter's
//! and ESXi's KMIP conversations, disk encryption, a KMS power cycle, shallow rekey, root
//! rotation, deep rekey and crypto-shredding, each step timed, then a summary table.
//!
//! ```text
//! vsphere-flow [--disk-mib N] [--no-progress]
//! ```
//! Exits with status 1 if any step did not behave as expected. The command line is
//! [`kmip_examples::cli::vsphere_flow::VsphereFlowArgs`].

use std::process::ExitCode;

use clap::Parser as _;
use kmip_examples::cli::vsphere_flow::VsphereFlowArgs;
use kmip_examples::vsphere::run;

fn main() -> ExitCode {
    let args = VsphereFlowArgs::parse();
    kmip_examples::util::init_tracing();
    println!(
        "vsphere-flow: vCenter and ESXi against kms-server (KMIP 1.1 over mutual TLS), {} threads\n",
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    let mut stdout = std::io::stdout();
    let report = run(args.options(), &mut stdout);
    println!("\n{}", report.table());
    if report.ok() {
        println!("every step behaved as expected");
        ExitCode::SUCCESS
    } else {
        println!("some steps did not behave as expected");
        ExitCode::FAILURE
    }
}
