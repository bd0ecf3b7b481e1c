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
        let text = value
            .to_str()
            .ok_or_else(|| clap::Error::new(ErrorKind::InvalidUtf8).with_cmd(cmd))?;
        (self.0)(text).map_err(|what| value_error(cmd, arg, ErrorKind::ValueValidation, &what))
    }
}

/// A usage error: the flag (`--admin`) or value name (`HEX`), then `what` is wrong with its
/// value, which is not repeated unless `what` says it.
fn value_error(
    cmd: &clap::Command,
    arg: Option<&clap::Arg>,
    kind: ErrorKind,
    what: &str,
) -> clap::Error {
    let name = arg.map_or_else(String::new, |a| match a.get_long() {
        Some(long) => format!("--{long} "),
        None => match a.get_value_names().and_then(<[_]>::first) {
            Some(value_name) => format!("{value_name} "),
            None => format!("{} ", a.get_id()),
        },
    });
    cmd.clone().error(kind, format!("{name}{what}"))
}

/// A value of a KMIP enumeration on the command line, looked up in kmip-types' table (so
/// every value the table knows is accepted): the specification's name in kebab case
/// (`pre-active`, `destroyed-compromised`) or as the specification writes it (`Pre-Active`),
/// in either case, or one of the program's short aliases.
#[derive(Clone, Copy)]
pub struct KmipName<T: 'static> {
    /// What the value is, for the error (`object type`).
    pub what: &'static str,
    /// The table's values (`State::ALL`).
    pub all: &'static [T],
    /// The table's names (`State::name`).
    pub name: fn(T) -> Option<&'static str>,
    /// Short names kept from earlier versions of the programs.
    pub aliases: &'static [(&'static str, T)],
}

impl<T> std::fmt::Debug for KmipName<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KmipName({})", self.what)
    }
}

/// Whether `text` is `name` in either case, with `-` for each space.
fn names(name: &str, text: &str) -> bool {
    name.len() == text.len()
        && name
            .bytes()
            .zip(text.bytes())
            .all(|(n, t)| n.eq_ignore_ascii_case(&t) || (n == b' ' && t == b'-'))
}

impl<T: Copy> KmipName<T> {
    /// The value `text` names.
    pub fn lookup(&self, text: &str) -> Option<T> {
        let alias = self
            .aliases
            .iter()
            .find(|(a, _)| a.eq_ignore_ascii_case(text));
        alias.map(|&(_, v)| v).or_else(|| {
            self.all
                .iter()
                .copied()
                .find(|&v| (self.name)(v).is_some_and(|n| names(n, text)))
        })
    }

    /// Every accepted spelling in kebab case, aliases first.
    pub fn spellings(&self) -> Vec<String> {
        let aliases = self.aliases.iter().map(|(a, _)| (*a).to_owned());
        let table = self.all.iter().filter_map(|&v| (self.name)(v));
        aliases
            .chain(table.map(|n| n.to_ascii_lowercase().replace(' ', "-")))
            .collect()
    }
}

impl<T: Copy + Send + Sync + 'static> TypedValueParser for KmipName<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        let text = value.to_string_lossy();
        self.lookup(&text).ok_or_else(|| {
            let what = format!(
                "{text:?} is not a KMIP {}: one of {}",
                self.what,
                self.spellings().join(", ")
            );
            value_error(cmd, arg, ErrorKind::InvalidValue, &what)
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
        crate::util::unhex(text)
            .map(Self)
            .ok_or_else(|| "must be an even number of hex digits".into())
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

/// Parses `args` (without the program name) as program `P`'s command line.
#[cfg(test)]
fn parse<P: clap::Parser>(args: &[&str]) -> Result<P, clap::Error> {
    P::try_parse_from(std::iter::once("program").chain(args.iter().copied()))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory as _;

    use super::*;

    #[test]
    fn every_command_is_consistent() {
        kms_server::KmsServerArgs::command().debug_assert();
        kmip_client::KmipClientArgs::command().debug_assert();
        disk_crypt::DiskCryptArgs::command().debug_assert();
        ttlv_dump::TtlvDumpArgs::command().debug_assert();
        vsphere_flow::VsphereFlowArgs::command().debug_assert();
    }

    #[test]
    fn kmip_names_take_kebab_case_spec_names_and_aliases() {
        use kmip_types::State;
        let state = KmipName {
            what: "state",
            all: State::ALL,
            name: State::name,
            aliases: &[("on", State::ACTIVE)],
        };
        assert_eq!(state.lookup("pre-active"), Some(State::PRE_ACTIVE));
        assert_eq!(state.lookup("Pre-Active"), Some(State::PRE_ACTIVE));
        assert_eq!(
            state.lookup("destroyed-compromised"),
            Some(State::DESTROYED_COMPROMISED)
        );
        assert_eq!(
            state.lookup("Destroyed Compromised"),
            Some(State::DESTROYED_COMPROMISED)
        );
        assert_eq!(state.lookup("ON"), Some(State::ACTIVE));
        assert_eq!(state.lookup("destroyed-"), None);
        assert_eq!(state.lookup(""), None);
        let all = state.spellings();
        assert_eq!(all.first().map(String::as_str), Some("on"));
        assert!(all.iter().any(|s| s == "destroyed-compromised"), "{all:?}");
    }

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
