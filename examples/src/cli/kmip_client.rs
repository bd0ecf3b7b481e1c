//! `kmip-client`'s command line: connection options, then one command per operation.
//!
//! ```text
//! kmip-client [CONNECTION] COMMAND [ARGS]
//! ```

use clap::{Parser, Subcommand};
use kmip_types::{Attribute, DateTime, ObjectType, ProtocolVersion, RevocationReasonCode, State};

use super::{Checked, KmipName, SecretArg};
use crate::client::options::{ConnectOptions, parse_version};

/// `kmip-client`: every operation kms-server implements, over mutual TLS.
#[derive(Debug, Parser)]
#[command(
    name = "kmip-client",
    version,
    about = "Every operation kms-server implements, from the command line, over mutual TLS",
    after_help = "RUST_LOG filters the diagnostics on standard error (default: info; \
                  RUST_LOG=debug shows the connection)."
)]
pub struct KmipClientArgs {
    /// Where and how to connect.
    #[command(flatten)]
    pub connection: ConnectOptions,
    /// The operation.
    #[command(subcommand)]
    pub command: Command,
}

/// One operation.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Versions shared with the server (offering VERSION..., or asking for all it supports)
    DiscoverVersions {
        /// Versions to offer, most preferred first (1.1 1.0 ...)
        #[arg(value_name = "VERSION", value_parser = parse_version)]
        versions: Vec<ProtocolVersion>,
    },
    /// Operations, object types and vendor of the server
    Query,
    /// A new AES key (usage Encrypt|Decrypt, and Wrap Key|Unwrap Key with --wrapping)
    Create {
        /// Key length in bits
        #[arg(long, value_name = "BITS", default_value_t = 256)]
        bits: i32,
        /// Name attribute
        #[arg(long, value_name = "N")]
        name: Option<String>,
        /// A custom text attribute; repeatable
        #[arg(long = "attr", value_name = "x-NAME=TEXT", value_parser = Checked(custom_attribute))]
        attrs: Vec<Attribute>,
        /// A key-encryption key: usage also Wrap Key|Unwrap Key
        #[arg(long)]
        wrapping: bool,
    },
    /// An AES key given in hex
    RegisterKey {
        /// The key, hex
        #[arg(id = "key_hex", value_name = "HEX", value_parser = Checked(SecretArg::from_hex))]
        key: SecretArg,
        /// Name attribute
        #[arg(long, value_name = "N")]
        name: Option<String>,
    },
    /// Secret Data (a password), given as text or hex
    #[command(group = clap::ArgGroup::new("secret").required(true).args(["text", "hex"]))]
    RegisterSecret {
        /// The secret as text (it may start with `-`)
        #[arg(
            long,
            value_name = "T",
            allow_hyphen_values = true,
            value_parser = Checked(SecretArg::from_text)
        )]
        text: Option<SecretArg>,
        /// The secret as hex
        #[arg(long, value_name = "HEX", value_parser = Checked(SecretArg::from_hex))]
        hex: Option<SecretArg>,
        /// Name attribute
        #[arg(long, value_name = "N")]
        name: Option<String>,
    },
    /// An Opaque Object given in hex
    RegisterOpaque {
        /// The data, hex
        #[arg(value_name = "HEX", value_parser = Checked(SecretArg::from_hex))]
        data: SecretArg,
        /// Name attribute
        #[arg(long, value_name = "N")]
        name: Option<String>,
    },
    /// An object: its type, format, length and fingerprint, or its value wrapped by a KEK
    Get {
        /// Unique Identifier
        id: String,
        /// Print the key material in hex
        #[arg(long, conflicts_with = "wrap_with")]
        show_key: bool,
        /// Get the key wrapped by this KEK (Active, usage Wrap Key)
        #[arg(long, value_name = "KEK_ID")]
        wrap_with: Option<String>,
        /// With --wrap-with: AES Key Wrap with Padding instead of NIST Key Wrap
        #[arg(long, requires = "wrap_with")]
        kwp: bool,
        /// With --wrap-with: wrap the raw key bytes, not the TTLV Key Value
        #[arg(long, requires = "wrap_with")]
        no_encoding: bool,
    },
    /// All attributes, or the named ones
    GetAttributes {
        /// Unique Identifier
        id: String,
        /// Attribute names (State, x-Vendor, ...)
        names: Vec<String>,
    },
    /// The names of an object's attributes
    GetAttributeList {
        /// Unique Identifier
        id: String,
    },
    /// Adds a text attribute: NAME is x-... (custom) or Name, Object Group, Contact
    /// Information, Operation Policy Name
    AddAttribute(AttributeArgs),
    /// Replaces a text attribute (the one at --index, default 0)
    ModifyAttribute(AttributeArgs),
    /// Deletes an attribute (the one at --index, default 0)
    DeleteAttribute {
        /// Unique Identifier
        id: String,
        /// Attribute name
        name: String,
        /// Attribute Index
        #[arg(long, value_name = "N")]
        index: Option<i32>,
    },
    /// Identifiers of the objects matching every criterion given
    Locate {
        /// Name attribute
        #[arg(long, value_name = "N")]
        name: Option<String>,
        /// Object Type: symmetric-key, secret-data, opaque (opaque-object), or any other
        /// KMIP Object Type in kebab case
        #[arg(long = "type", value_name = "TYPE", value_parser = OBJECT_TYPE)]
        object_type: Option<ObjectType>,
        /// State: pre-active, active, deactivated, compromised, destroyed,
        /// destroyed-compromised
        #[arg(long, value_name = "STATE", value_parser = STATE)]
        state: Option<State>,
        /// Cryptographic Length
        #[arg(long, value_name = "N")]
        bits: Option<i32>,
        /// A custom text attribute; repeatable
        #[arg(long = "attr", value_name = "x-NAME=TEXT", value_parser = Checked(custom_attribute))]
        attrs: Vec<Attribute>,
        /// Maximum Items
        #[arg(long, value_name = "N")]
        max: Option<i32>,
    },
    /// Pre-Active → Active
    Activate {
        /// Unique Identifier
        id: String,
    },
    /// Revokes (a compromise with the date it happened)
    Revoke {
        /// Unique Identifier
        id: String,
        /// Revocation Reason Code: compromise (key-compromise), cessation
        /// (cessation-of-operation), superseded, affiliation (affiliation-changed),
        /// unspecified, or any other KMIP reason in kebab case
        #[arg(
            long,
            value_name = "REASON",
            default_value = "cessation",
            value_parser = REASON
        )]
        reason: RevocationReasonCode,
        /// Revocation Message
        #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
        message: Option<String>,
        /// Compromise Occurrence Date: seconds since 1970, or RFC 3339
        /// (2020-09-13T12:26:40Z)
        #[arg(long, value_name = "UNIX_SECONDS", value_parser = Checked(date_time))]
        compromise_date: Option<DateTime>,
    },
    /// Destroys the key material (refused for an Active object)
    Destroy {
        /// Unique Identifier
        id: String,
    },
    /// Re-key: a replacement key, the names moved to it
    Rekey {
        /// Unique Identifier
        id: String,
        /// Offset of the replacement's dates, in seconds
        #[arg(long, value_name = "SECONDS")]
        offset: Option<u32>,
    },
}

/// `add-attribute` and `modify-attribute`: `ID NAME TEXT [--index N]`.
#[derive(Debug, clap::Args)]
pub struct AttributeArgs {
    /// Unique Identifier
    pub id: String,
    /// Attribute name
    pub name: String,
    /// The value, text (it may start with `-`)
    #[arg(allow_hyphen_values = true)]
    pub text: String,
    /// Attribute Index
    #[arg(long, value_name = "N")]
    pub index: Option<i32>,
}

/// `locate --type`: any KMIP Object Type; `opaque` kept for Opaque Object.
const OBJECT_TYPE: KmipName<ObjectType> = KmipName {
    what: "object type",
    all: ObjectType::ALL,
    name: ObjectType::name,
    aliases: &[("opaque", ObjectType::OPAQUE_OBJECT)],
};

/// `locate --state`: any KMIP State.
const STATE: KmipName<State> = KmipName {
    what: "state",
    all: State::ALL,
    name: State::name,
    aliases: &[],
};

/// `revoke --reason`: any KMIP Revocation Reason Code; the short names of earlier versions kept.
const REASON: KmipName<RevocationReasonCode> = KmipName {
    what: "revocation reason",
    all: RevocationReasonCode::ALL,
    name: RevocationReasonCode::name,
    aliases: &[
        ("compromise", RevocationReasonCode::KEY_COMPROMISE),
        ("cessation", RevocationReasonCode::CESSATION_OF_OPERATION),
        ("affiliation", RevocationReasonCode::AFFILIATION_CHANGED),
    ],
};

/// `--attr x-NAME=TEXT`.
fn custom_attribute(kv: &str) -> Result<Attribute, String> {
    let (k, v) = kv
        .split_once('=')
        .ok_or_else(|| format!("{kv:?}: expected x-NAME=TEXT"))?;
    Ok(Attribute::custom_text(k, v))
}

/// `--compromise-date`: seconds since the POSIX epoch, or RFC 3339 (kmip-ttlv's one parser).
fn date_time(text: &str) -> Result<DateTime, String> {
    text.parse()
        .ok()
        .or_else(|| kmip_ttlv::date_time::parse(text))
        .map(DateTime)
        .ok_or_else(|| {
            format!("{text:?} is neither seconds since 1970 nor an RFC 3339 date and time")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<KmipClientArgs, clap::Error> {
        super::super::parse(args)
    }

    fn command(args: &[&str]) -> Command {
        parse(args).unwrap().command
    }

    #[test]
    fn connection_flags_go_before_or_after_the_command() {
        let connection = [
            "--server",
            "a:5696, b:5697",
            "--server-name",
            "kms",
            "--cert",
            "c.pem",
            "--key",
            "k.pem",
            "--ca",
            "ca.pem",
            "--kmip",
            "1.2",
            "--timeout",
            "5",
        ];
        let before: Vec<&str> = connection.iter().copied().chain(["query"]).collect();
        let after: Vec<&str> = ["query"].into_iter().chain(connection).collect();
        for args in [before, after] {
            let a = parse(&args).unwrap();
            let c = &a.connection;
            assert_eq!(c.servers(), ["a:5696", "b:5697"]);
            assert_eq!(c.server_name().as_deref(), Some("kms"));
            assert_eq!(c.cert.as_deref(), Some("c.pem".as_ref()));
            assert_eq!(c.key.as_deref(), Some("k.pem".as_ref()));
            assert_eq!(c.ca.as_deref(), Some("ca.pem".as_ref()));
            assert_eq!(c.version, ProtocolVersion::new(1, 2));
            assert_eq!(c.timeout, std::time::Duration::from_secs(5));
            assert!(matches!(a.command, Command::Query));
        }
        let a = parse(&["--server", "[::1]:5696", "query"]).unwrap();
        assert_eq!(a.connection.server_name().as_deref(), Some("::1"));
        assert!(parse(&["--kmip", "one", "query"]).is_err());
        assert!(parse(&["--timeout", "soon", "query"]).is_err());
    }

    #[test]
    fn every_command_parses() {
        let Command::DiscoverVersions { versions } = command(&["discover-versions", "1.1", "1.0"])
        else {
            panic!()
        };
        assert_eq!(
            versions,
            [ProtocolVersion::V1_1, ProtocolVersion::new(1, 0)]
        );
        let Command::Create {
            bits,
            name,
            attrs,
            wrapping,
        } = command(&[
            "create",
            "--name",
            "vm-kek",
            "--attr",
            "x-Vendor=VMware",
            "--attr",
            "x-Note=a=b",
            "--wrapping",
        ])
        else {
            panic!()
        };
        assert_eq!(
            (bits, name.as_deref(), wrapping),
            (256, Some("vm-kek"), true)
        );
        assert_eq!(
            attrs,
            [
                Attribute::custom_text("x-Vendor", "VMware"),
                Attribute::custom_text("x-Note", "a=b")
            ]
        );
        let Command::RegisterKey { key, name } = command(&[
            "register-key",
            "000102030405060708090a0b0c0d0e0f",
            "--name",
            "imp",
        ]) else {
            panic!()
        };
        assert_eq!(key.expose(), (0..16).collect::<Vec<u8>>());
        assert_eq!(name.as_deref(), Some("imp"));
        let Command::RegisterSecret { text, hex, .. } =
            command(&["register-secret", "--text", "hunter2"])
        else {
            panic!()
        };
        assert_eq!(text.unwrap().expose(), b"hunter2");
        assert!(hex.is_none());
        let Command::RegisterOpaque { data, .. } = command(&["register-opaque", "CAFE"]) else {
            panic!()
        };
        assert_eq!(data.expose(), [0xCA, 0xFE]);
        let Command::Get {
            id,
            show_key,
            wrap_with,
            kwp,
            no_encoding,
        } = command(&["get", "k1", "--wrap-with", "kek", "--kwp", "--no-encoding"])
        else {
            panic!()
        };
        assert_eq!((id.as_str(), wrap_with.as_deref()), ("k1", Some("kek")));
        assert!(!show_key && kwp && no_encoding);
        let Command::GetAttributes { id, names } =
            command(&["get-attributes", "k1", "State", "x-Vendor"])
        else {
            panic!()
        };
        assert_eq!(
            (id.as_str(), names),
            ("k1", vec!["State".into(), "x-Vendor".into()])
        );
        assert!(matches!(
            command(&["get-attribute-list", "k1"]),
            Command::GetAttributeList { id } if id == "k1"
        ));
        let Command::AddAttribute(a) = command(&["add-attribute", "k1", "x-Note", "hello"]) else {
            panic!()
        };
        assert_eq!(
            (a.id.as_str(), a.name.as_str(), a.text.as_str(), a.index),
            ("k1", "x-Note", "hello", None)
        );
        let Command::ModifyAttribute(a) =
            command(&["modify-attribute", "k1", "x-Note", "bye", "--index", "1"])
        else {
            panic!()
        };
        assert_eq!((a.text.as_str(), a.index), ("bye", Some(1)));
        // Text that starts with a hyphen is a value, as it always was.
        let Command::AddAttribute(a) = command(&["add-attribute", "k1", "x-Note", "-1 dB"]) else {
            panic!()
        };
        assert_eq!(a.text, "-1 dB");
        let Command::RegisterSecret { text, .. } =
            command(&["register-secret", "--text", "-hunter2"])
        else {
            panic!()
        };
        assert_eq!(text.unwrap().expose(), b"-hunter2");
        assert!(matches!(
            command(&["delete-attribute", "k1", "x-Note", "--index", "2"]),
            Command::DeleteAttribute { index: Some(2), .. }
        ));
        let Command::Locate {
            name,
            object_type,
            state,
            bits,
            attrs,
            max,
        } = command(&[
            "locate",
            "--name",
            "n",
            "--type",
            "secret-data",
            "--state",
            "destroyed-compromised",
            "--bits",
            "128",
            "--attr",
            "x-A=1",
            "--max",
            "5",
        ])
        else {
            panic!()
        };
        assert_eq!(name.as_deref(), Some("n"));
        assert_eq!(object_type, Some(ObjectType::SECRET_DATA));
        assert_eq!(state, Some(State::DESTROYED_COMPROMISED));
        assert_eq!((bits, attrs.len(), max), (Some(128), 1, Some(5)));
        for (text, kind) in [
            ("opaque", ObjectType::OPAQUE_OBJECT),
            ("opaque-object", ObjectType::OPAQUE_OBJECT),
            ("symmetric-key", ObjectType::SYMMETRIC_KEY),
        ] {
            assert!(matches!(
                command(&["locate", "--type", text]),
                Command::Locate { object_type: Some(t), .. } if t == kind
            ));
        }
        assert!(matches!(
            command(&["activate", "k1"]),
            Command::Activate { .. }
        ));
        let Command::Revoke {
            reason,
            message,
            compromise_date,
            ..
        } = command(&[
            "revoke",
            "k1",
            "--reason",
            "compromise",
            "--message",
            "lost",
            "--compromise-date",
            "1600000000",
        ])
        else {
            panic!()
        };
        assert_eq!(reason, RevocationReasonCode::KEY_COMPROMISE);
        assert_eq!(
            (message.as_deref(), compromise_date),
            (Some("lost"), Some(DateTime(1_600_000_000)))
        );
        let Command::Revoke {
            reason,
            compromise_date,
            ..
        } = command(&["revoke", "k1", "--compromise-date", "2020-09-13T12:26:40Z"])
        else {
            panic!()
        };
        assert_eq!(reason, RevocationReasonCode::CESSATION_OF_OPERATION);
        assert_eq!(compromise_date, Some(DateTime(1_600_000_000)));
        assert!(matches!(
            command(&["destroy", "k1"]),
            Command::Destroy { .. }
        ));
        assert!(matches!(
            command(&["rekey", "k1", "--offset", "60"]),
            Command::Rekey {
                offset: Some(60),
                ..
            }
        ));
    }

    #[test]
    fn bad_command_lines_are_usage_errors() {
        for args in [
            &[][..],
            &["frobnicate"],
            &["create", "--bits"],
            &["create", "--attr", "no-equals-sign"],
            &["register-key", "abc"],
            &["register-secret"],
            &["register-secret", "--text", "a", "--hex", "00"],
            &["get", "k1", "--kwp"],
            &["get", "k1", "--show-key", "--wrap-with", "kek"],
            &["locate", "--type", "widget"],
            &["locate", "--state", "asleep"],
            &["revoke", "k1", "--reason", "boredom"],
            &["revoke", "k1", "--compromise-date", "yesterday"],
            &["add-attribute", "k1", "x-Note"],
            &["activate"],
        ] {
            let e = parse(args).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{args:?}: {e}");
        }
        // A key given in hex is never echoed back in the error.
        let e = parse(&["register-key", "00112233445566778899aabbccddeeffZ"]).unwrap_err();
        assert!(!e.to_string().contains("00112233"), "{e}");
        assert!(
            e.to_string()
                .contains("HEX must be an even number of hex digits"),
            "{e}"
        );
        // Nor in Debug.
        let a = parse(&["register-key", "00112233445566778899aabbccddeeff"]).unwrap();
        let debug = format!("{a:?}");
        assert!(debug.contains("SecretArg(16 bytes)"), "{debug}");
    }
}
