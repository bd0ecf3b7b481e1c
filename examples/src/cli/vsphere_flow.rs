//! `vsphere-flow`'s command line.
//!
//! ```text
//! vsphere-flow [--disk-mib N] [--no-progress]
//! ```

use clap::Parser;

use crate::vsphere::FlowOptions;

/// `vsphere-flow`: the end-to-end demonstration.
#[derive(Debug, Parser)]
#[command(
    name = "vsphere-flow",
    version,
    about = "vCenter and ESXi against a kms-server on a free loopback port, nothing to set up: \
             key creation, disk encryption, a KMS power cycle, shallow rekey, root rotation, \
             deep rekey and crypto-shredding, each step timed",
    after_help = "Exit status 1 if any step did not behave as expected."
)]
pub struct VsphereFlowArgs {
    /// Size of the virtual disk in MiB
    #[arg(
        long,
        value_name = "N",
        default_value_t = 256,
        value_parser = clap::value_parser!(u64).range(1..=u64::MAX >> 20)
    )]
    pub disk_mib: u64,
    /// No progress bars
    #[arg(long)]
    pub no_progress: bool,
}

impl VsphereFlowArgs {
    /// The flow's options.
    pub fn options(&self) -> FlowOptions {
        FlowOptions {
            disk_bytes: self.disk_mib << 20,
            progress: !self.no_progress,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<VsphereFlowArgs, clap::Error> {
        super::super::parse(args)
    }

    #[test]
    fn flags_make_the_flow_options() {
        let o = parse(&[]).unwrap().options();
        let d = FlowOptions::default();
        assert_eq!((o.disk_bytes, o.progress), (d.disk_bytes, d.progress));
        let o = parse(&["--disk-mib", "4", "--no-progress"])
            .unwrap()
            .options();
        assert_eq!((o.disk_bytes, o.progress), (4 << 20, false));
        for bad in [
            &["--disk-mib", "0"][..],
            &["--disk-mib", "-1"],
            &["--disk-mib", "17592186044416"],
            &["x"],
        ] {
            assert_eq!(parse(bad).unwrap_err().exit_code(), 2, "{bad:?}");
        }
    }
}
