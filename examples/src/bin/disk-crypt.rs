//! `disk-crypt`: encrypt, decrypt and rekey disk images with AES-256-XTS (xts-engine, every
//! core), the DEK wrapped by a KEK that lives in a KMIP server. The image format is documented
//! in `kmip_examples::disk`.
//!
//! ```text
//! disk-crypt [CONNECTION] encrypt PLAIN IMAGE (--kek ID | --new-kek) [--sector-size 4096]
//! disk-crypt [CONNECTION] decrypt IMAGE PLAIN
//! disk-crypt [CONNECTION] rekey --shallow IMAGE (--kek NEW_ID | --new-kek)
//! disk-crypt [CONNECTION] rekey --deep IMAGE [--chunk BYTES]
//! disk-crypt info IMAGE
//! ```
//!
//! `DISK_CRYPT_TRACE=FILE` makes `rekey --deep` append each durable-write step to FILE (for the
//! crash tests, which stop the process and need to know which write was not yet synced).

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use key_hierarchy::{Kek, KeyId};
use kmip_examples::client::KmipClient;
use kmip_examples::client::options::{CONNECTION_USAGE, ConnectOptions};
use kmip_examples::disk::{self, DEFAULT_SECTOR_SIZE, DeepRekeyOptions, Header};
use kmip_examples::util::human_bytes;
use kmip_examples::vsphere::{fmt_duration, throughput};

const USAGE: &str = "\
usage: disk-crypt [CONNECTION] encrypt PLAIN IMAGE (--kek ID | --new-kek) [--sector-size N]
       disk-crypt [CONNECTION] decrypt IMAGE PLAIN
       disk-crypt [CONNECTION] rekey --shallow IMAGE (--kek NEW_ID | --new-kek)
       disk-crypt [CONNECTION] rekey --deep IMAGE [--chunk BYTES]
       disk-crypt info IMAGE

  encrypt   PLAIN (a whole number of sectors) into a new encrypted IMAGE under a fresh DEK,
            wrapped by the KMS key --kek, or by a new AES-256 key created and activated
  decrypt   IMAGE into a new plaintext file
  rekey     --shallow: re-wrap the DEK under another KEK (header only, data untouched)
            --deep: new DEK, every sector re-encrypted; resumes an interrupted deep rekey
            (--chunk: bytes journaled per step, default 8 MiB, at most 64 MiB)
  info      print the header (no KMS needed)
";

fn bar(what: &str) -> ProgressBar {
    let bar = ProgressBar::new(0);
    if let Ok(style) = ProgressStyle::with_template(
        "{msg:<8} [{bar:40}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_owned());
    bar
}

fn fetch_kek(c: &mut KmipClient, id: &str) -> Result<Kek, String> {
    let bytes = c
        .get_key_bytes(id)
        .map_err(|e| format!("cannot fetch KEK {id}: {e}"))?;
    let key_id = KeyId::new(id.as_bytes()).map_err(|e| e.to_string())?;
    Kek::from_bytes(key_id, &bytes).map_err(|e| format!("KEK {id}: {e}"))
}

fn new_kek(c: &mut KmipClient) -> Result<String, String> {
    let id = c
        .create_aes(256, None)
        .map_err(|e| format!("cannot create a KEK: {e}"))?;
    c.activate(&id)
        .map_err(|e| format!("cannot activate KEK {id}: {e}"))?;
    println!("created and activated KEK {id}");
    Ok(id)
}

fn kek_choice(c: &mut KmipClient, kek: Option<&str>, create: bool) -> Result<String, String> {
    match (kek, create) {
        (Some(id), false) => Ok(id.to_owned()),
        (None, true) => new_kek(c),
        _ => Err("give exactly one of --kek ID and --new-kek".into()),
    }
}

fn print_header(path: &Path, h: &Header) {
    println!("{}:", path.display());
    println!(
        "  format        KMIPXTS1 v{}, header sequence {}",
        disk::FORMAT_VERSION,
        h.sequence
    );
    println!("  image id      {}", disk::format_image_id(&h.image_id));
    println!(
        "  data          {} in {} sectors of {} bytes",
        human_bytes(h.data_len),
        h.sectors(),
        h.sector_size
    );
    println!("  KMS key (KEK) {}", h.kms_key_id);
    println!(
        "  DEK           {} ({}, wrapped with {})",
        h.current.key_id(),
        h.current.algorithm(),
        h.current.method()
    );
    if let Some(r) = &h.rekey {
        println!(
            "  deep rekey    in progress: {} of {} sectors under DEK {}",
            r.progress,
            h.sectors(),
            r.next.key_id()
        );
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let mut conn = ConnectOptions::from_env();
    let mut it = args.into_iter();
    let mut positional = Vec::new();
    let mut kek: Option<String> = None;
    let mut create = false;
    let mut shallow = false;
    let mut deep = false;
    let mut sector_size = DEFAULT_SECTOR_SIZE;
    let mut rekey_options = DeepRekeyOptions {
        trace: std::env::var_os("DISK_CRYPT_TRACE").map(Into::into),
        ..DeepRekeyOptions::default()
    };
    while let Some(a) = it.next() {
        if conn.take(&a, &mut it)? {
            continue;
        }
        match a.as_str() {
            "--kek" => kek = Some(it.next().ok_or("--kek needs an identifier")?),
            "--new-kek" => create = true,
            "--shallow" => shallow = true,
            "--deep" => deep = true,
            "--sector-size" => {
                sector_size = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--sector-size needs a number")?;
            }
            "--chunk" => {
                rekey_options.chunk = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--chunk needs a number of bytes")?;
            }
            "-h" | "--help" => {
                println!("{USAGE}\n{CONNECTION_USAGE}");
                return Ok(());
            }
            other if other.starts_with("--") => return Err(format!("unknown option {other}")),
            _ => positional.push(a),
        }
    }
    let words: Vec<&str> = positional.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["info", image] => {
            let h = Header::read(Path::new(image)).map_err(|e| e.to_string())?;
            print_header(Path::new(image), &h);
            println!("  (read without the KEK: checksum intact, MAC not checked)");
        }
        ["encrypt", plain, image] => {
            let mut c = conn.connect()?;
            let kek_id = kek_choice(&mut c, kek.as_deref(), create)?;
            let kek = fetch_kek(&mut c, &kek_id)?;
            c.close();
            let start = Instant::now();
            let b = bar("encrypt");
            let done =
                disk::encrypt_image(Path::new(plain), Path::new(image), &kek, sector_size, &b)
                    .map_err(|e| e.to_string())?;
            b.finish_and_clear();
            let n = done.header.data_len;
            println!(
                "encrypted {} in {} ({}; XTS alone {})",
                human_bytes(n),
                fmt_duration(start.elapsed()),
                throughput(n, start.elapsed()),
                throughput(n, done.crypto)
            );
            print_header(Path::new(image), &done.header);
        }
        ["decrypt", image, plain] => {
            let h = Header::read(Path::new(image)).map_err(|e| e.to_string())?;
            let mut c = conn.connect()?;
            let kek = fetch_kek(&mut c, &h.kms_key_id)?;
            c.close();
            let start = Instant::now();
            let b = bar("decrypt");
            let done = disk::decrypt_image(Path::new(image), Path::new(plain), &kek, &b)
                .map_err(|e| e.to_string())?;
            b.finish_and_clear();
            let n = done.header.data_len;
            println!(
                "decrypted {} in {} ({}; XTS alone {})",
                human_bytes(n),
                fmt_duration(start.elapsed()),
                throughput(n, start.elapsed()),
                throughput(n, done.crypto)
            );
        }
        ["rekey", image] if shallow != deep => {
            let image = Path::new(image);
            let h = Header::read(image).map_err(|e| e.to_string())?;
            let mut c = conn.connect()?;
            let old = fetch_kek(&mut c, &h.kms_key_id)?;
            if shallow {
                let new_id = kek_choice(&mut c, kek.as_deref(), create)?;
                let new = fetch_kek(&mut c, &new_id)?;
                c.close();
                let start = Instant::now();
                let h = disk::shallow_rekey(image, &old, &new).map_err(|e| e.to_string())?;
                println!(
                    "shallow rekey in {}: DEK re-wrapped from KEK {} to KEK {}, data untouched",
                    fmt_duration(start.elapsed()),
                    old.id(),
                    new.id()
                );
                print_header(image, &h);
            } else {
                c.close();
                if let Some(r) = &h.rekey {
                    println!(
                        "resuming the deep rekey at sector {} of {}",
                        r.progress,
                        h.sectors()
                    );
                }
                let start = Instant::now();
                let b = bar("rekey");
                let done =
                    disk::deep_rekey(image, &old, &rekey_options, &b).map_err(|e| e.to_string())?;
                b.finish_and_clear();
                let n = done.header.data_len;
                println!(
                    "deep rekey of {} in {} ({}; XTS alone {})",
                    human_bytes(n),
                    fmt_duration(start.elapsed()),
                    throughput(n, start.elapsed()),
                    throughput(n, done.crypto)
                );
                print_header(image, &done.header);
            }
        }
        _ => return Err(format!("bad command line\n{USAGE}")),
    }
    Ok(())
}

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("disk-crypt: {e}");
            ExitCode::FAILURE
        }
    }
}
