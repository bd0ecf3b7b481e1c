//! `kmip-client`: every operation kms-server implements, from the command line, over mutual
//! TLS, with readable output. See `examples/README.md` for a session and `kmip-client --help`;
//! the command line is [`kmip_examples::cli::kmip_client::KmipClientArgs`].
//!
//! ```text
//! kmip-client [connection options] COMMAND [ARGS]
//! ```
//! Connection options default to the environment: `KMIP_SERVER` (host:port), `KMIP_CERT`,
//! `KMIP_KEY`, `KMIP_CA`, `KMIP_SERVER_NAME`.

use std::process::ExitCode;

use clap::Parser as _;
use kmip_examples::cli::kmip_client::{AttributeArgs, Command, KmipClientArgs};
use kmip_examples::client::{KmipClient, describe_value, object_bytes};
use kmip_examples::util::hex;
use kmip_types::{
    Attribute, AttributeValue, BlockCipherMode, CreateRequest, CryptographicAlgorithm,
    CryptographicUsageMask, EncodingOption, KeyValue, LocateRequest, OpaqueDataType, QueryFunction,
    SecretDataType,
};
use sha2::{Digest as _, Sha256};

/// The attribute of `add-attribute` / `modify-attribute`: NAME is a text attribute KMIP
/// defines or a custom one, with `--index`.
fn attribute(a: &AttributeArgs) -> Attribute {
    let (name, text) = (a.name.as_str(), a.text.as_str());
    let attribute = match name {
        "Name" => Attribute::name(text),
        "Object Group" => Attribute::object_group(text),
        "Contact Information" => Attribute::new(AttributeValue::ContactInformation(text.into())),
        "Operation Policy Name" => Attribute::new(AttributeValue::OperationPolicyName(text.into())),
        other => Attribute::custom_text(other, text),
    };
    match a.index {
        Some(i) => attribute.with_index(i),
        None => attribute,
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

fn main() -> ExitCode {
    let args = KmipClientArgs::parse();
    kmip_examples::util::init_tracing();
    let result = args.connection.connect().and_then(|mut c| {
        let r = execute(&mut c, args.command).map_err(|e| e.to_string());
        c.close();
        r
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn name_attribute(name: Option<String>) -> Vec<Attribute> {
    name.as_deref().map(Attribute::name).into_iter().collect()
}

fn execute(c: &mut KmipClient, command: Command) -> Result<(), Box<dyn std::error::Error>> {
    match command {
        Command::DiscoverVersions { versions } => {
            let v = c.discover_versions(&versions)?;
            let list: Vec<String> = v.iter().map(ToString::to_string).collect();
            println!("protocol versions: {}", list.join(", "));
        }
        Command::Query => {
            let q = c.query(&[
                QueryFunction::QUERY_OPERATIONS,
                QueryFunction::QUERY_OBJECTS,
                QueryFunction::QUERY_SERVER_INFORMATION,
            ])?;
            println!(
                "vendor: {}",
                q.vendor_identification.as_deref().unwrap_or("(none)")
            );
            let ops: Vec<String> = q.operations.iter().map(ToString::to_string).collect();
            println!("operations: {}", ops.join(", "));
            let objs: Vec<String> = q.object_types.iter().map(ToString::to_string).collect();
            println!("object types: {}", objs.join(", "));
        }
        Command::Create {
            bits,
            name,
            attrs,
            wrapping,
        } => {
            let mut usage = CryptographicUsageMask::ENCRYPT | CryptographicUsageMask::DECRYPT;
            if wrapping {
                usage |= CryptographicUsageMask::WRAP_KEY | CryptographicUsageMask::UNWRAP_KEY;
            }
            let mut req = CreateRequest::symmetric_key(CryptographicAlgorithm::AES, bits, usage);
            for a in name_attribute(name).into_iter().chain(attrs) {
                req = req.with_attribute(a);
            }
            let id = c.create(req)?;
            println!("created AES-{bits} key {id}");
        }
        Command::RegisterKey { key, name } => {
            let bytes = key.expose();
            let id =
                c.register_symmetric_key(CryptographicAlgorithm::AES, bytes, name_attribute(name))?;
            println!("registered AES-{} key {id}", bytes.len() * 8);
        }
        Command::RegisterSecret { text, hex, name } => {
            let secret = text.or(hex).ok_or("give --text or --hex")?;
            let bytes = secret.expose();
            let id =
                c.register_secret_data(SecretDataType::PASSWORD, bytes, name_attribute(name))?;
            println!("registered secret data {id} ({} bytes)", bytes.len());
        }
        Command::RegisterOpaque { data, name } => {
            let bytes = data.expose();
            let id = c.register_opaque(OpaqueDataType(0x8000_0000), bytes, name_attribute(name))?;
            println!("registered opaque object {id} ({} bytes)", bytes.len());
        }
        Command::Get {
            id,
            show_key,
            wrap_with,
            kwp,
            no_encoding,
        } => {
            if let Some(kek) = wrap_with {
                let mode = if kwp {
                    BlockCipherMode::AES_KEY_WRAP_PADDING
                } else {
                    BlockCipherMode::NIST_KEY_WRAP
                };
                let encoding = no_encoding.then_some(EncodingOption::NO_ENCODING);
                let block = c.get_wrapped(&id, &kek, mode, encoding)?;
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
            let r = c.get(kmip_types::GetRequest::new(&id))?;
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
                if show_key {
                    println!("  value: {}", hex(bytes));
                }
            }
        }
        Command::GetAttributes { id, names } => {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let attrs = c.get_attributes(&id, &names)?;
            println!("{id}: {} attributes", attrs.len());
            for a in &attrs {
                print_attribute(a);
            }
        }
        Command::GetAttributeList { id } => {
            let names = c.get_attribute_list(&id)?;
            println!("{id}: {}", names.join(", "));
        }
        Command::AddAttribute(a) => {
            let got = c.add_attribute(&a.id, attribute(&a))?;
            println!("{}:", a.id);
            print_attribute(&got);
        }
        Command::ModifyAttribute(a) => {
            let got = c.modify_attribute(&a.id, attribute(&a))?;
            println!("{}:", a.id);
            print_attribute(&got);
        }
        Command::DeleteAttribute { id, name, index } => {
            let got = c.delete_attribute(&id, &name, index)?;
            println!("{id}: deleted");
            print_attribute(&got);
        }
        Command::Locate {
            name,
            object_type,
            state,
            bits,
            mut attrs,
            max,
        } => {
            attrs.extend(name_attribute(name));
            if let Some(t) = object_type {
                attrs.push(Attribute::object_type(t));
            }
            if let Some(s) = state {
                attrs.push(Attribute::state(s));
            }
            if let Some(b) = bits {
                attrs.push(Attribute::cryptographic_length(b));
            }
            let mut req = LocateRequest::matching(attrs);
            req.maximum_items = max;
            let ids = c.locate(req)?;
            println!("{} found", ids.len());
            for id in ids {
                println!("  {id}");
            }
        }
        Command::Activate { id } => {
            c.activate(&id)?;
            println!("{id}: Active");
        }
        Command::Revoke {
            id,
            reason,
            message,
            compromise_date,
        } => {
            c.revoke(&id, reason, message.as_deref(), compromise_date)?;
            println!("{id}: revoked ({reason})");
        }
        Command::Destroy { id } => {
            c.destroy(&id)?;
            println!("{id}: destroyed");
        }
        Command::Rekey { id, offset } => {
            let new = c.rekey(&id, offset)?;
            println!("{id} replaced by {new}");
        }
    }
    Ok(())
}
