//! The programs' command lines, as clap (derive) structures: one module per program. The
//! programs in `src/bin/` only parse with these, call [`init_tracing`](crate::util::init_tracing)
//! and run; the tests parse command lines here without starting a process.
//!
//! | program | arguments |
//! |---|---|
//! | `kms-server` | [`kms_server::KmsServerArgs`] |
//! | `kmip-client` | [`kmip_client::KmipClientArgs`] (connection: [`ConnectOptions`](crate::client::options::ConnectOptions)) |
//! | `disk-crypt` | [`disk_crypt::DiskCryptArgs`] (connection: the same) |
//! | `ttlv-dump` | [`ttlv_dump::TtlvDumpArgs`] |
//! | `vsphere-flow` | [`vsphere_flow::VsphereFlowArgs`] |
//!
//! Usage errors exit with status 2 (clap's), `--help` prints every flag with its environment
//! variable, and diagnostics go to standard error through `tracing` (`RUST_LOG` filters them).

use std::ffi::OsStr;

use clap::builder::TypedValueParser;
use clap::error::ErrorKind;
use zeroize::Zeroizing;

pub mod disk_crypt;
pub mod kmip_client;
pub mod kms_server;
pub mod ttlv_dump;
pub mod vsphere_flow;

/// A value parser whose error says `--flag` and what is wrong with the value, without
/// clap's usual `invalid value '…'` echo, which would print a key given in hex or the
/// password in a database URL.
#[derive(Clone, Copy)]
pub struct Checked<T>(pub fn(&str) -> Result<T, String>);

impl<T> std::fmt::Debug for Checked<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Checked")
    }
}

impl<T: Clone + Send + Sync + 'static> TypedValueParser for Checked<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        let name = arg.map_or_else(String::new, |a| match a.get_long() {
            Some(long) => format!("--{long} "),
            None => match a.get_value_names().and_then(<[_]>::first) {
                Some(value_name) => format!("{value_name} "),
                None => format!("{} ", a.get_id()),
            },
        });
        let text = value
            .to_str()
            .ok_or_else(|| clap::Error::new(ErrorKind::InvalidUtf8).with_cmd(cmd))?;
        (self.0)(text).map_err(|what| {
            let mut cmd = cmd.clone();
            cmd.error(ErrorKind::ValueValidation, format!("{name}{what}"))
        })
    }
}

/// Bytes from the command line that are secret (a key or password to register): zeroized
/// when dropped, never shown by `Debug`.
#[derive(Clone)]
pub struct SecretArg(Zeroizing<Vec<u8>>);

impl SecretArg {
    /// The bytes.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    /// Hex (either case, no separators) as secret bytes.
    ///
    /// # Errors
    /// Not an even number of hex digits (the message does not repeat the text).
    pub fn from_hex(text: &str) -> Result<Self, String> {
        let mut out = Zeroizing::new(vec![0u8; text.len() / 2]);
        if crate::util::unhex_into(text, &mut out) {
            Ok(Self(out))
        } else {
            Err("must be an even number of hex digits".into())
        }
    }

    /// Text as its UTF-8 bytes.
    ///
    /// # Errors
    /// Never; the signature fits [`Checked`].
    pub fn from_text(text: &str) -> Result<Self, String> {
        Ok(Self(Zeroizing::new(text.as_bytes().to_vec())))
    }
}

impl std::fmt::Debug for SecretArg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretArg({} bytes)", self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory as _;

    use super::*;

    /// A command's argument with the id of a global connection flag would be read as that
    /// flag (clap panics when it is taken out of the matches).
    #[test]
    fn no_command_reuses_a_connection_flag_id() {
        for cmd in [
            kmip_client::KmipClientArgs::command(),
            disk_crypt::DiskCryptArgs::command(),
        ] {
            let globals: Vec<&str> = cmd
                .get_arguments()
                .filter(|a| a.is_global_set())
                .map(|a| a.get_id().as_str())
                .collect();
            assert_eq!(globals.len(), 7, "{globals:?}");
            for sub in cmd.get_subcommands() {
                for a in sub.get_arguments() {
                    assert!(
                        !globals.contains(&a.get_id().as_str()),
                        "{} {}: {}",
                        cmd.get_name(),
                        sub.get_name(),
                        a.get_id()
                    );
                }
            }
        }
    }

    #[test]
    fn secret_args_hide_their_bytes() {
        let s = SecretArg::from_hex("00aB10").unwrap();
        assert_eq!(s.expose(), [0, 0xAB, 0x10]);
        assert_eq!(format!("{s:?}"), "SecretArg(3 bytes)");
        assert!(SecretArg::from_hex("abc").is_err());
        assert!(SecretArg::from_hex("zz").is_err());
        assert_eq!(SecretArg::from_text("pw").unwrap().expose(), b"pw");
    }
}
