//! `kmip-client`: every operation kms-server implements, from the command line, over mutual
//! TLS, with readable output. See `examples/README.md` for a session.
//!
//! ```text
//! kmip-client [connection options] COMMAND [ARGS]
//! ```
//! Connection options default to the environment: `KMIP_SERVER` (host:port), `KMIP_CERT`,
//! `KMIP_KEY`, `KMIP_CA`, `KMIP_SERVER_NAME`.

use std::process::ExitCode;

use kmip_examples::client::options::{ConnectOptions, parse_version};
use kmip_examples::client::{KmipClient, describe_value, object_bytes};
use kmip_examples::util::{hex, unhex};
use kmip_types::{
    Attribute, AttributeValue, BlockCipherMode, CreateRequest, CryptographicAlgorithm,
    CryptographicUsageMask, DateTime, EncodingOption, KeyValue, LocateRequest, ObjectType,
    OpaqueDataType, QueryFunction, RevocationReasonCode, SecretDataType, State,
};
use sha2::{Digest as _, Sha256};

const USAGE: &str = "\
usage: kmip-client [CONNECTION] COMMAND [ARGS]

CONNECTION: [--server HOST:PORT] [--server-name NAME] [--cert PEM] [--key PEM] [--ca PEM]
            [--kmip 1.0|1.1|1.2|1.3|1.4] [--timeout SECONDS]
            (defaults from KMIP_SERVER, KMIP_SERVER_NAME, KMIP_CERT, KMIP_KEY, KMIP_CA;
             the server name defaults to the host part of --server)

commands:
  discover-versions [1.1 1.0 ...]       versions shared with the server
  query                                 operations, object types, vendor
  create [--bits 256] [--name N] [--attr x-NAME=TEXT]... [--wrapping]
                                        a new AES key (usage Encrypt|Decrypt, and
                                        Wrap Key|Unwrap Key with --wrapping)
  register-key HEX [--name N]           an AES key given in hex
  register-secret (--text T | --hex HEX) [--name N]
  register-opaque HEX [--name N]
  get ID [--show-key] [--wrap-with KEK_ID [--kwp] [--no-encoding]]
  get-attributes ID [NAME...]           all attributes, or the named ones
  get-attribute-list ID
  add-attribute ID NAME TEXT            NAME is x-... (custom) or Name, Object Group, ...
  modify-attribute ID NAME TEXT [--index N]
  delete-attribute ID NAME [--index N]
  locate [--name N] [--type symmetric-key|secret-data|opaque] [--state STATE]
         [--bits N] [--attr x-NAME=TEXT]... [--max N]
  activate ID
  revoke ID [--reason compromise|cessation|superseded|affiliation|unspecified]
            [--message TEXT] [--compromise-date UNIX_SECONDS]
  destroy ID
  rekey ID [--offset SECONDS]";

/// Splits `--flag value` options out of the command arguments.
struct Opts {
    positional: Vec<String>,
    flags: Vec<(String, Option<String>)>,
}

const SWITCHES: [&str; 4] = ["--show-key", "--kwp", "--no-encoding", "--wrapping"];

impl Opts {
    fn parse(args: Vec<String>) -> Result<Self, String> {
        let mut positional = Vec::new();
        let mut flags = Vec::new();
        let mut it = args.into_iter();
        while let Some(a) = it.next() {
            if SWITCHES.contains(&a.as_str()) {
                flags.push((a, None));
            } else if a.starts_with("--") {
                let v = it.next().ok_or_else(|| format!("{a} needs a value"))?;
                flags.push((a, Some(v)));
            } else {
                positional.push(a);
            }
        }
        Ok(Opts { positional, flags })
    }
    fn flag(&self, name: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }
    fn all(&self, name: &str) -> Vec<&str> {
        self.flags
            .iter()
            .filter(|(n, _)| n == name)
            .filter_map(|(_, v)| v.as_deref())
            .collect()
    }
    fn has(&self, name: &str) -> bool {
        self.flags.iter().any(|(n, _)| n == name)
    }
    fn check(&self, allowed: &[&str]) -> Result<(), String> {
        for (n, _) in &self.flags {
            if !allowed.contains(&n.as_str()) {
                return Err(format!("unknown option {n} for this command"));
            }
        }
        Ok(())
    }
    fn id(&self) -> Result<&str, String> {
        self.positional
            .first()
            .map(String::as_str)
            .ok_or_else(|| "this command needs an object identifier".into())
    }
    fn number<T: std::str::FromStr>(&self, name: &str) -> Result<Option<T>, String> {
        self.flag(name)
            .map(|v| v.parse().map_err(|_| format!("{name} needs a number")))
            .transpose()
    }
}

fn custom_attrs(o: &Opts) -> Result<Vec<Attribute>, String> {
    o.all("--attr")
        .into_iter()
        .map(|kv| {
            let (k, v) = kv
                .split_once('=')
                .ok_or_else(|| format!("--attr {kv:?}: expected x-NAME=TEXT"))?;
            Ok(Attribute::custom_text(k, v))
        })
        .collect()
}

fn text_attribute(name: &str, text: &str) -> Attribute {
    match name {
        "Name" => Attribute::name(text),
        "Object Group" => Attribute::object_group(text),
        "Contact Information" => Attribute::new(AttributeValue::ContactInformation(text.into())),
        "Operation Policy Name" => Attribute::new(AttributeValue::OperationPolicyName(text.into())),
        other => Attribute::custom_text(other, text),
    }
}

fn print_attribute(a: &Attribute) {
    let index = a.index.map(|i| format!("[{i}]")).unwrap_or_default();
    let value = a.value.as_ref().map(describe_value).unwrap_or_default();
    println!("  {}{index}: {value}", a.name);
}

fn fingerprint(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes)[..8])
}

fn run(args: Vec<String>) -> Result<(), String> {
    let mut conn = ConnectOptions::from_env();
    let mut it = args.into_iter();
    let mut command = None;
    while let Some(a) = it.next() {
        if conn.take(&a, &mut it)? {
            continue;
        }
        match a.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            _ if !a.starts_with("--") => {
                command = Some(a);
                break;
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    let command = command.ok_or_else(|| format!("no command given\n{USAGE}"))?;
    let opts = Opts::parse(it.collect())?;
    let mut c = conn.connect()?;
    let r = execute(&mut c, &command, &opts);
    c.close();
    r
}

fn execute(c: &mut KmipClient, command: &str, o: &Opts) -> Result<(), String> {
    let e = |e: kmip_examples::client::ClientError| e.to_string();
    match command {
        "discover-versions" => {
            o.check(&[])?;
            let offered = o
                .positional
                .iter()
                .map(|v| parse_version(v))
                .collect::<Result<Vec<_>, _>>()?;
            let v = c.discover_versions(&offered).map_err(e)?;
            let list: Vec<String> = v.iter().map(ToString::to_string).collect();
            println!("protocol versions: {}", list.join(", "));
        }
        "query" => {
            o.check(&[])?;
            let q = c
                .query(&[
                    QueryFunction::QUERY_OPERATIONS,
                    QueryFunction::QUERY_OBJECTS,
                    QueryFunction::QUERY_SERVER_INFORMATION,
                ])
                .map_err(e)?;
            println!(
                "vendor: {}",
                q.vendor_identification.as_deref().unwrap_or("(none)")
            );
            let ops: Vec<String> = q.operations.iter().map(ToString::to_string).collect();
            println!("operations: {}", ops.join(", "));
            let objs: Vec<String> = q.object_types.iter().map(ToString::to_string).collect();
            println!("object types: {}", objs.join(", "));
        }
        "create" => {
            o.check(&["--bits", "--name", "--attr", "--wrapping"])?;
            let bits = o.number::<i32>("--bits")?.unwrap_or(256);
            let mut usage = CryptographicUsageMask::ENCRYPT | CryptographicUsageMask::DECRYPT;
            if o.has("--wrapping") {
                usage |= CryptographicUsageMask::WRAP_KEY | CryptographicUsageMask::UNWRAP_KEY;
            }
            let mut req = CreateRequest::symmetric_key(CryptographicAlgorithm::AES, bits, usage);
            if let Some(n) = o.flag("--name") {
                req = req.with_attribute(Attribute::name(n));
            }
            for a in custom_attrs(o)? {
                req = req.with_attribute(a);
            }
            let id = c.create(req).map_err(e)?;
            println!("created AES-{bits} key {id}");
        }
        "register-key" => {
            o.check(&["--name"])?;
            let bytes = unhex(o.id()?).ok_or("the key must be hex")?;
            let attrs = o.flag("--name").map(Attribute::name).into_iter().collect();
            let id = c
                .register_symmetric_key(CryptographicAlgorithm::AES, &bytes, attrs)
                .map_err(e)?;
            println!("registered AES-{} key {id}", bytes.len() * 8);
        }
        "register-secret" => {
            o.check(&["--text", "--hex", "--name"])?;
            let bytes = match (o.flag("--text"), o.flag("--hex")) {
                (Some(t), None) => t.as_bytes().to_vec(),
                (None, Some(h)) => unhex(h).ok_or("--hex must be hex")?,
                _ => return Err("give --text or --hex".into()),
            };
            let attrs = o.flag("--name").map(Attribute::name).into_iter().collect();
            let id = c
                .register_secret_data(SecretDataType::PASSWORD, &bytes, attrs)
                .map_err(e)?;
            println!("registered secret data {id} ({} bytes)", bytes.len());
        }
        "register-opaque" => {
            o.check(&["--name"])?;
            let bytes = unhex(o.id()?).ok_or("the data must be hex")?;
            let attrs = o.flag("--name").map(Attribute::name).into_iter().collect();
            let id = c
                .register_opaque(OpaqueDataType(0x8000_0000), &bytes, attrs)
                .map_err(e)?;
            println!("registered opaque object {id} ({} bytes)", bytes.len());
        }
        "get" => {
            o.check(&["--show-key", "--wrap-with", "--kwp", "--no-encoding"])?;
            let id = o.id()?;
            if let Some(kek) = o.flag("--wrap-with") {
                let mode = if o.has("--kwp") {
                    BlockCipherMode::AES_KEY_WRAP_PADDING
                } else {
                    BlockCipherMode::NIST_KEY_WRAP
                };
                let encoding = o
                    .has("--no-encoding")
                    .then_some(EncodingOption::NO_ENCODING);
                let block = c.get_wrapped(id, kek, mode, encoding).map_err(e)?;
                let wrapped = match &block.key_value {
                    KeyValue::Wrapped(b) => b.as_bytes().to_vec(),
                    KeyValue::Structure(s) => match &s.key_material {
                        kmip_types::KeyMaterial::Bytes(b) => b.expose().to_vec(),
                        _ => Vec::new(),
                    },
                    KeyValue::Absent => Vec::new(),
                };
                println!(
                    "{id}: {} wrapped by {kek} with {mode}",
                    block.key_format_type
                );
                println!(
                    "  wrapped key value ({} bytes): {}",
                    wrapped.len(),
                    hex(&wrapped)
                );
                return Ok(());
            }
            let r = c.get(kmip_types::GetRequest::new(id)).map_err(e)?;
            println!("{}: {}", r.unique_identifier, r.object_type);
            if let Some(kb) = r.object.key_block() {
                println!("  key format: {}", kb.key_format_type);
                if let Some(a) = kb.cryptographic_algorithm {
                    println!(
                        "  algorithm: {a}, {} bits",
                        kb.cryptographic_length.unwrap_or_default()
                    );
                }
            }
            if let Some(bytes) = object_bytes(&r.object) {
                println!("  {} bytes, SHA-256 {}…", bytes.len(), fingerprint(bytes));
                if o.has("--show-key") {
                    println!("  value: {}", hex(bytes));
                }
            }
        }
        "get-attributes" => {
            o.check(&[])?;
            let id = o.id()?;
            let names: Vec<&str> = o.positional.iter().skip(1).map(String::as_str).collect();
            let attrs = c.get_attributes(id, &names).map_err(e)?;
            println!("{id}: {} attributes", attrs.len());
            for a in &attrs {
                print_attribute(a);
            }
        }
        "get-attribute-list" => {
            o.check(&[])?;
            let id = o.id()?;
            let names = c.get_attribute_list(id).map_err(e)?;
            println!("{id}: {}", names.join(", "));
        }
        "add-attribute" | "modify-attribute" => {
            o.check(&["--index"])?;
            let [id, name, text] = o.positional.as_slice() else {
                return Err(format!("{command} needs ID NAME TEXT"));
            };
            let mut a = text_attribute(name, text);
            if let Some(i) = o.number::<i32>("--index")? {
                a = a.with_index(i);
            }
            let got = if command == "add-attribute" {
                c.add_attribute(id, a).map_err(e)?
            } else {
                c.modify_attribute(id, a).map_err(e)?
            };
            println!("{id}:");
            print_attribute(&got);
        }
        "delete-attribute" => {
            o.check(&["--index"])?;
            let [id, name] = o.positional.as_slice() else {
                return Err("delete-attribute needs ID NAME".into());
            };
            let got = c
                .delete_attribute(id, name, o.number("--index")?)
                .map_err(e)?;
            println!("{id}: deleted");
            print_attribute(&got);
        }
        "locate" => {
            o.check(&["--name", "--type", "--state", "--bits", "--attr", "--max"])?;
            let mut attrs = custom_attrs(o)?;
            if let Some(n) = o.flag("--name") {
                attrs.push(Attribute::name(n));
            }
            if let Some(t) = o.flag("--type") {
                attrs.push(Attribute::object_type(match t {
                    "symmetric-key" => ObjectType::SYMMETRIC_KEY,
                    "secret-data" => ObjectType::SECRET_DATA,
                    "opaque" => ObjectType::OPAQUE_OBJECT,
                    other => return Err(format!("unknown object type {other:?}")),
                }));
            }
            if let Some(s) = o.flag("--state") {
                attrs.push(Attribute::state(match s {
                    "pre-active" => State::PRE_ACTIVE,
                    "active" => State::ACTIVE,
                    "deactivated" => State::DEACTIVATED,
                    "compromised" => State::COMPROMISED,
                    "destroyed" => State::DESTROYED,
                    "destroyed-compromised" => State::DESTROYED_COMPROMISED,
                    other => return Err(format!("unknown state {other:?}")),
                }));
            }
            if let Some(b) = o.number::<i32>("--bits")? {
                attrs.push(Attribute::cryptographic_length(b));
            }
            let mut req = LocateRequest::matching(attrs);
            req.maximum_items = o.number("--max")?;
            let ids = c.locate(req).map_err(e)?;
            println!("{} found", ids.len());
            for id in ids {
                println!("  {id}");
            }
        }
        "activate" => {
            o.check(&[])?;
            c.activate(o.id()?).map_err(e)?;
            println!("{}: Active", o.id()?);
        }
        "revoke" => {
            o.check(&["--reason", "--message", "--compromise-date"])?;
            let code = match o.flag("--reason").unwrap_or("cessation") {
                "compromise" => RevocationReasonCode::KEY_COMPROMISE,
                "cessation" => RevocationReasonCode::CESSATION_OF_OPERATION,
                "superseded" => RevocationReasonCode::SUPERSEDED,
                "affiliation" => RevocationReasonCode::AFFILIATION_CHANGED,
                "unspecified" => RevocationReasonCode::UNSPECIFIED,
                other => return Err(format!("unknown reason {other:?}")),
            };
            let date = o.number::<i64>("--compromise-date")?.map(DateTime);
            c.revoke(o.id()?, code, o.flag("--message"), date)
                .map_err(e)?;
            println!("{}: revoked ({code})", o.id()?);
        }
        "destroy" => {
            o.check(&[])?;
            c.destroy(o.id()?).map_err(e)?;
            println!("{}: destroyed", o.id()?);
        }
        "rekey" => {
            o.check(&["--offset"])?;
            let new = c.rekey(o.id()?, o.number("--offset")?).map_err(e)?;
            println!("{} replaced by {new}", o.id()?);
        }
        other => return Err(format!("unknown command {other:?}\n{USAGE}")),
    }
    Ok(())
}

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kmip-client: {e}");
            ExitCode::FAILURE
        }
    }
}
