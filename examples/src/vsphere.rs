//! `vsphere-flow`: the whole vSphere VM-encryption story against a real `kms-server`, with
//! nothing to set up.
//!
//! A throw-away CA and certificates are made in a temporary directory, the server starts on a
//! free loopback port with a fresh data directory ([`LocalKms`]), and then:
//!
//! - **vCenter** (Standard Key Provider), exactly as vCenter 7 talks KMIP 1.1: every
//!   connection starts with Discover Versions; Query Server Information; Create an AES-256 key
//!   with Cryptographic Usage Mask Encrypt|Decrypt and no name; one batch of three Add
//!   Attributes (`x-Product_Version`, `x-Vendor`, `x-Product`); Get Attributes `State` (it is
//!   Pre-Active), Activate, Get.
//! - **ESXi**: fetch the KEK, generate an AES-256-XTS DEK, wrap it with the KEK (NIST Key
//!   Wrap) into the disk header, encrypt a virtual disk with xts-engine on every core.
//! - **Power cycle**: the KMS restarts from its data directory; ESXi reconnects, fetches the
//!   KEK, unwraps the DEK, decrypts and verifies the disk.
//! - **Shallow rekey** (new KEK from vCenter, header re-wrapped, data untouched), **root-key
//!   rotation** on the server (every key re-wrapped, none changed), **deep rekey** (new DEK,
//!   data re-encrypted), each verified.
//! - **Crypto-shredding**: the KEK is revoked and destroyed; powering the VM on now fails with
//!   the server's reason.
//!
//! Every step is printed with its time (and throughput for the disk), then a summary table;
//! [`run`] returns a report whose `ok()` is false if any step misbehaved.

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use key_hierarchy::{Kek, KeyId};
use kmip_types::{
    AddAttributeRequest, Attribute, AttributeValue, CreateRequest, CryptographicAlgorithm,
    CryptographicUsageMask, ProtocolVersion, QueryFunction, RequestBatchItem, RevocationReasonCode,
    State,
};
use sha2::{Digest as _, Sha256};

use crate::client::{ClientError, KmipClient};
use crate::disk::{self, DEFAULT_SECTOR_SIZE, DeepRekeyOptions, Header};
use crate::local::{LocalError, LocalKms};
use crate::util::human_bytes;

/// Options of a run.
#[derive(Clone, Copy, Debug)]
pub struct FlowOptions {
    /// Size of the virtual disk in bytes (a multiple of 4096).
    pub disk_bytes: u64,
    /// Show progress bars on a terminal.
    pub progress: bool,
}

impl Default for FlowOptions {
    /// A 256 MiB disk with progress bars.
    fn default() -> Self {
        FlowOptions {
            disk_bytes: 256 << 20,
            progress: true,
        }
    }
}

/// One step of the flow.
#[derive(Clone, Debug)]
pub struct Step {
    /// Who acts: `vCenter`, `ESXi`, `KMS`.
    pub actor: &'static str,
    /// What was done.
    pub name: String,
    /// What came of it.
    pub detail: String,
    /// How long it took.
    pub elapsed: Duration,
    /// Bytes processed, for a throughput figure.
    pub bytes: Option<u64>,
    /// Whether it behaved as expected.
    pub ok: bool,
}

/// The outcome of a run.
#[derive(Debug, Default)]
pub struct Report {
    /// Every step, in order.
    pub steps: Vec<Step>,
}

impl Report {
    /// Whether every step behaved as expected (and there was at least one).
    pub fn ok(&self) -> bool {
        !self.steps.is_empty() && self.steps.iter().all(|s| s.ok)
    }

    /// The summary table.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<3} {:<8} {:<44} {:>10} {:>12}  result",
            "#", "actor", "step", "time", "throughput"
        );
        let _ = writeln!(out, "{}", "-".repeat(90));
        for (i, s) in self.steps.iter().enumerate() {
            let _ = writeln!(
                out,
                "{:<3} {:<8} {:<44} {:>10} {:>12}  {}",
                i + 1,
                s.actor,
                truncate(&s.name, 44),
                fmt_duration(s.elapsed),
                s.bytes
                    .map(|b| throughput(b, s.elapsed))
                    .unwrap_or_default(),
                if s.ok { "ok" } else { "FAILED" }
            );
        }
        let total: Duration = self.steps.iter().map(|s| s.elapsed).sum();
        let _ = writeln!(out, "{}", "-".repeat(90));
        let _ = writeln!(
            out,
            "{} steps, {} failed, {} in total",
            self.steps.len(),
            self.steps.iter().filter(|s| !s.ok).count(),
            fmt_duration(total)
        );
        out
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// `12.3 ms`, `1.25 s`.
pub fn fmt_duration(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 1.0 {
        format!("{:.0} µs", ms * 1000.0)
    } else if ms < 1000.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{:.2} s", ms / 1000.0)
    }
}

/// `845 MiB/s`.
pub fn throughput(bytes: u64, d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs <= 0.0 {
        return String::new();
    }
    format!("{:.0} MiB/s", bytes as f64 / secs / 1_048_576.0)
}

/// Why the flow could not go on (a failed step that later steps depend on).
#[derive(Debug, thiserror::Error)]
pub enum FlowError {
    /// Setting up the KMS.
    #[error(transparent)]
    Local(#[from] LocalError),
    /// A KMIP call.
    #[error(transparent)]
    Client(#[from] ClientError),
    /// The disk.
    #[error(transparent)]
    Disk(#[from] disk::DiskError),
    /// Files.
    #[error("I/O: {0}")]
    Io(#[from] std::io::Error),
    /// A check failed.
    #[error("{0}")]
    Check(String),
}

struct Flow<'o> {
    out: &'o mut dyn Write,
    report: Report,
    options: FlowOptions,
}

impl Flow<'_> {
    fn record(&mut self, step: Step) {
        let _ = writeln!(
            self.out,
            "{} [{:<6}] {:<46} {}{}{}",
            if step.ok { "✔" } else { "✘" },
            step.actor,
            step.name,
            step.detail,
            if step.detail.is_empty() { "" } else { "  " },
            match step.bytes {
                Some(b) => format!(
                    "({}, {})",
                    fmt_duration(step.elapsed),
                    throughput(b, step.elapsed)
                ),
                None => format!("({})", fmt_duration(step.elapsed)),
            }
        );
        let _ = self.out.flush();
        self.report.steps.push(step);
    }

    /// Runs a step that must succeed; its error ends the flow.
    fn step<T>(
        &mut self,
        actor: &'static str,
        name: &str,
        f: impl FnOnce(&mut Self) -> Result<(T, String, Option<u64>), FlowError>,
    ) -> Result<T, FlowError> {
        let start = Instant::now();
        let result = f(self);
        let elapsed = start.elapsed();
        match result {
            Ok((v, detail, bytes)) => {
                self.record(Step {
                    actor,
                    name: name.to_owned(),
                    detail,
                    elapsed,
                    bytes,
                    ok: true,
                });
                Ok(v)
            }
            Err(e) => {
                self.record(Step {
                    actor,
                    name: name.to_owned(),
                    detail: format!("error: {e}"),
                    elapsed,
                    bytes: None,
                    ok: false,
                });
                Err(e)
            }
        }
    }

    fn progress(&self, what: &str) -> ProgressBar {
        if !self.options.progress {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::new(0);
        if let Ok(style) = ProgressStyle::with_template(
            "  {msg:<12} [{bar:40}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(what.to_owned());
        bar
    }
}

/// A vCenter connection: Discover Versions first, as vCenter does on every connection.
fn vcenter_connect(kms: &LocalKms) -> Result<(KmipClient, ProtocolVersion), FlowError> {
    let mut c = kms.client()?;
    let versions = c.discover_versions(&[ProtocolVersion::V1_1, ProtocolVersion::V1_0])?;
    let chosen = versions
        .first()
        .copied()
        .ok_or_else(|| FlowError::Check("the server shares no protocol version".into()))?;
    c.set_version(chosen);
    Ok((c, chosen))
}

fn state_of(attrs: &[Attribute]) -> Option<State> {
    attrs.iter().find_map(|a| match &a.value {
        Some(AttributeValue::State(s)) => Some(*s),
        _ => None,
    })
}

/// The vCenter key creation sequence; returns the new, Active key's identifier.
fn vcenter_new_key(flow: &mut Flow<'_>, kms: &LocalKms, label: &str) -> Result<String, FlowError> {
    let id = flow.step("vCenter", &format!("Create AES-256 {label}"), |_| {
        let (mut c, v) = vcenter_connect(kms)?;
        let id = c.create(CreateRequest::symmetric_key(
            CryptographicAlgorithm::AES,
            256,
            CryptographicUsageMask::ENCRYPT | CryptographicUsageMask::DECRYPT,
        ))?;
        c.close();
        Ok((
            id.clone(),
            format!("Discover Versions → {v}; Create → {id}"),
            None,
        ))
    })?;
    flow.step("vCenter", "Add Attributes ×3 (one batch)", |_| {
        let (mut c, _) = vcenter_connect(kms)?;
        let items = [
            ("x-Product_Version", "8.0.3"),
            ("x-Vendor", "VMware, Inc."),
            ("x-Product", "VMware vSphere"),
        ]
        .iter()
        .map(|(name, value)| {
            RequestBatchItem::new(AddAttributeRequest {
                unique_identifier: Some(id.clone()),
                attribute: Attribute::custom_text(*name, value),
                unknown: Vec::new(),
            })
        })
        .collect();
        let responses = c.batch(items)?;
        c.close();
        if responses.len() != 3 || !responses.iter().all(|r| r.is_success()) {
            return Err(FlowError::Check(format!(
                "batch of three Add Attributes answered {responses:?}"
            )));
        }
        let ids: Vec<String> = responses
            .iter()
            .filter_map(|r| r.unique_batch_item_id.as_ref())
            .map(|b| crate::util::hex(b.as_bytes()))
            .collect();
        Ok((
            (),
            format!("3 successes, batch item ids {} echoed", ids.join(",")),
            None,
        ))
    })?;
    flow.step("vCenter", "Get Attributes State, Activate, Get", |_| {
        let (mut c, _) = vcenter_connect(kms)?;
        let before = state_of(&c.get_attributes(&id, &["State"])?);
        if before != Some(State::PRE_ACTIVE) {
            return Err(FlowError::Check(format!(
                "new key is {before:?}, not Pre-Active"
            )));
        }
        c.activate(&id)?;
        let after = state_of(&c.get_attributes(&id, &["State"])?);
        if after != Some(State::ACTIVE) {
            return Err(FlowError::Check(format!("activated key is {after:?}")));
        }
        let key = c.get_key_bytes(&id)?;
        c.close();
        if key.len() != 32 {
            return Err(FlowError::Check(format!(
                "Get returned {} bytes",
                key.len()
            )));
        }
        Ok(((), "Pre-Active → Active; Get returns 256 bits".into(), None))
    })?;
    Ok(id)
}

/// ESXi fetches a KEK by identifier.
fn esxi_fetch_kek(kms: &LocalKms, id: &str) -> Result<Kek, FlowError> {
    let (mut c, _) = vcenter_connect(kms)?;
    let bytes = c.get_key_bytes(id)?;
    c.close();
    let kek_id = KeyId::new(id.as_bytes()).map_err(|e| FlowError::Check(e.to_string()))?;
    Kek::from_bytes(kek_id, &bytes).map_err(|e| FlowError::Check(e.to_string()))
}

/// Writes a deterministic pseudo-random disk image and returns its SHA-256.
fn make_disk(path: &Path, size: u64) -> Result<[u8; 32], FlowError> {
    let mut f = std::fs::File::create(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 4 << 20];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut left = size;
    while left > 0 {
        let n = usize::try_from(left.min(buf.len() as u64)).unwrap_or(buf.len());
        let chunk = buf.get_mut(..n).unwrap_or_default();
        for word in chunk.chunks_mut(8) {
            // xorshift64*
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            let v = state.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes();
            word.copy_from_slice(v.get(..word.len()).unwrap_or_default());
        }
        hasher.update(&*chunk);
        f.write_all(chunk)?;
        left -= n as u64;
    }
    f.sync_all()?;
    Ok(hasher.finalize().into())
}

fn sha256_file(path: &Path) -> Result<[u8; 32], FlowError> {
    let mut f = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 4 << 20];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(buf.get(..n).unwrap_or_default());
    }
    Ok(hasher.finalize().into())
}

/// Decrypts the image into a scratch file, compares its hash with `expected`, removes it.
fn decrypt_and_verify(
    flow: &Flow<'_>,
    image: &Path,
    kek: &Kek,
    expected: &[u8; 32],
) -> Result<disk::Processed, FlowError> {
    let out = image.with_extension("decrypted");
    let _ = std::fs::remove_file(&out);
    let bar = flow.progress("decrypt");
    let done = disk::decrypt_image(image, &out, kek, &bar)?;
    bar.finish_and_clear();
    let got = sha256_file(&out)?;
    std::fs::remove_file(&out)?;
    if &got != expected {
        return Err(FlowError::Check(
            "decrypted disk differs from the original".into(),
        ));
    }
    Ok(done)
}

/// Runs the flow, printing steps to `out`. A step that fails ends the flow; the report then
/// holds it as failed.
pub fn run(options: FlowOptions, out: &mut dyn Write) -> Report {
    let mut flow = Flow {
        out,
        report: Report::default(),
        options,
    };
    if let Err(e) = run_steps(&mut flow) {
        let _ = writeln!(flow.out, "\nflow stopped: {e}");
        if flow.report.steps.iter().all(|s| s.ok) {
            flow.record(Step {
                actor: "flow",
                name: "run".into(),
                detail: format!("error: {e}"),
                elapsed: Duration::ZERO,
                bytes: None,
                ok: false,
            });
        }
    }
    flow.report
}

fn run_steps(flow: &mut Flow<'_>) -> Result<(), FlowError> {
    let size = flow.options.disk_bytes;
    if size == 0 || !size.is_multiple_of(u64::from(DEFAULT_SECTOR_SIZE)) {
        return Err(FlowError::Check(format!(
            "disk size {size} is not a positive multiple of {DEFAULT_SECTOR_SIZE}"
        )));
    }
    let mut kms = flow.step("KMS", "Start kms-server (CA, certs, fresh data)", |_| {
        let kms = LocalKms::start()?;
        let detail = format!(
            "mTLS on {}, data in {}",
            kms.addr(),
            kms.data_dir().display()
        );
        Ok((kms, detail, None))
    })?;
    let _ = writeln!(
        flow.out,
        "  certificates and data: {} (removed at exit)",
        kms.dir().display()
    );

    // --- vCenter -------------------------------------------------------------------------
    flow.step(
        "vCenter",
        "Discover Versions, Query Server Information",
        |_| {
            let (mut c, v) = vcenter_connect(&kms)?;
            let q = c.query(&[QueryFunction::QUERY_SERVER_INFORMATION])?;
            c.close();
            Ok((
                (),
                format!(
                    "KMIP {v}; vendor {:?}",
                    q.vendor_identification.unwrap_or_default()
                ),
                None,
            ))
        },
    )?;
    let kek_id = vcenter_new_key(flow, &kms, "KEK")?;

    // --- ESXi: encrypt a disk ------------------------------------------------------------
    let image = kms.dir().join("vm-disk.img");
    let plain = kms.dir().join("vm-disk.plain");
    let original = flow.step(
        "ESXi",
        &format!("Write a {} virtual disk", human_bytes(size)),
        |_| {
            let h = make_disk(&plain, size)?;
            Ok((
                h,
                format!("sha256 {}", &crate::util::hex(&h)[..16]),
                Some(size),
            ))
        },
    )?;
    let kek = flow.step("ESXi", "Fetch the KEK (Discover Versions, Get)", |_| {
        let kek = esxi_fetch_kek(&kms, &kek_id)?;
        let detail = format!(
            "KEK {kek_id}, fingerprint {}",
            &kek.fingerprint().to_string()[..16]
        );
        Ok((kek, detail, None))
    })?;
    flow.step("ESXi", "New DEK, wrap with KEK, encrypt disk", |f| {
        let bar = f.progress("encrypt");
        let e = disk::encrypt_image(&plain, &image, &kek, DEFAULT_SECTOR_SIZE, &bar)?;
        bar.finish_and_clear();
        let detail = format!(
            "AES-256-XTS DEK {} wrapped by KEK (NIST KW); XTS {} on {} threads",
            e.header.current.key_id(),
            throughput(size, e.crypto),
            std::thread::available_parallelism().map_or(1, usize::from)
        );
        Ok(((), detail, Some(size)))
    })?;
    std::fs::remove_file(&plain)?;

    // --- power cycle -----------------------------------------------------------------------
    flow.step(
        "KMS",
        "Power cycle: restart from the data directory",
        |_| {
            kms.restart()?;
            Ok(((), format!("back on {}", kms.addr()), None))
        },
    )?;
    drop(kek);
    let kek = flow.step(
        "ESXi",
        "Power on: fetch KEK, unwrap DEK, decrypt, verify",
        |f| {
            let kek = esxi_fetch_kek(&kms, &kek_id)?;
            let d = decrypt_and_verify(f, &image, &kek, &original)?;
            Ok((
                kek,
                format!(
                    "disk identical to the original; XTS {}",
                    throughput(size, d.crypto)
                ),
                Some(size),
            ))
        },
    )?;

    // --- shallow rekey -------------------------------------------------------------------
    let new_kek_id = vcenter_new_key(flow, &kms, "KEK (shallow rekey)")?;
    let kek = flow.step("ESXi", "Shallow rekey: re-wrap DEK, header only", |_| {
        let data_before = data_hash(&image)?;
        let new_kek = esxi_fetch_kek(&kms, &new_kek_id)?;
        let t = Instant::now();
        let h = disk::shallow_rekey(&image, &kek, &new_kek)?;
        let header_time = t.elapsed();
        if data_hash(&image)? != data_before {
            return Err(FlowError::Check("shallow rekey changed the data".into()));
        }
        // The header's DEK now opens with the new KEK (and the header authenticates).
        disk::Unlocked::authenticate(h, &new_kek, &image)
            .map_err(|e| FlowError::Check(format!("new KEK cannot unwrap the DEK: {e}")))?;
        Ok((
            new_kek,
            format!(
                "header rewritten in {}; DEK now under KEK {new_kek_id}; data hash unchanged",
                fmt_duration(header_time)
            ),
            None,
        ))
    })?;
    let kek_id = new_kek_id;

    // --- root rotation -------------------------------------------------------------------
    flow.step("KMS", "Root key rotation (re-wrap every key)", |_| {
        let server = kms
            .server()
            .ok_or_else(|| FlowError::Check("server not running".into()))?;
        let r = server
            .rotate_root()
            .map_err(|e| FlowError::Check(e.to_string()))?;
        let again = esxi_fetch_kek(&kms, &kek_id)?;
        if again.fingerprint() != kek.fingerprint() {
            return Err(FlowError::Check(
                "the KEK changed under root rotation".into(),
            ));
        }
        Ok((
            (),
            format!(
                "{} keys re-wrapped under root v{}, {} old version destroyed; KEK unchanged",
                r.rewrapped, r.new_version, r.retired
            ),
            None,
        ))
    })?;

    // --- deep rekey ----------------------------------------------------------------------
    flow.step("ESXi", "Deep rekey: new DEK, re-encrypt disk", |f| {
        let before = Header::read(&image)?;
        let bar = f.progress("rekey");
        let done = disk::deep_rekey(&image, &kek, &DeepRekeyOptions::default(), &bar)?;
        bar.finish_and_clear();
        let after = done.header;
        if after.current.key_id() == before.current.key_id() {
            return Err(FlowError::Check("the DEK did not change".into()));
        }
        Ok((
            (),
            format!(
                "DEK {} → {}; XTS rekey {}, each chunk journaled",
                before.current.key_id(),
                after.current.key_id(),
                throughput(size, done.crypto)
            ),
            Some(size),
        ))
    })?;
    flow.step("ESXi", "Verify after deep rekey (decrypt)", |f| {
        let d = decrypt_and_verify(f, &image, &kek, &original)?;
        Ok((
            (),
            format!(
                "disk identical to the original; XTS {}",
                throughput(size, d.crypto)
            ),
            Some(size),
        ))
    })?;

    // --- crypto-shredding ----------------------------------------------------------------
    flow.step("vCenter", "Revoke and destroy the KEK", |_| {
        let (mut c, _) = vcenter_connect(&kms)?;
        c.revoke(
            &kek_id,
            RevocationReasonCode::CESSATION_OF_OPERATION,
            Some("VM decommissioned"),
            None,
        )?;
        c.destroy(&kek_id)?;
        let state = state_of(&c.get_attributes(&kek_id, &["State"])?);
        c.close();
        Ok((
            (),
            format!(
                "KEK {kek_id} is {}",
                state.map(|s| s.to_string()).unwrap_or_default()
            ),
            None,
        ))
    })?;
    drop(kek);
    flow.step(
        "ESXi",
        "Power on after destroy must fail",
        |_| match esxi_fetch_kek(&kms, &kek_id) {
            Ok(_) => Err(FlowError::Check(
                "the destroyed KEK was still served: the disk is not shredded".into(),
            )),
            Err(FlowError::Client(e @ ClientError::Failed { .. })) => {
                Ok(((), format!("power-on refused as expected: {e}"), None))
            }
            Err(other) => Err(other),
        },
    )?;
    kms.stop();
    Ok(())
}

/// SHA-256 of an image's data area (to show that a shallow rekey leaves it alone).
fn data_hash(image: &Path) -> Result<[u8; 32], FlowError> {
    use std::io::Seek as _;
    let mut f = std::fs::File::open(image)?;
    f.seek(std::io::SeekFrom::Start(disk::DATA_OFFSET))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 4 << 20];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(buf.get(..n).unwrap_or_default());
    }
    Ok(hasher.finalize().into())
}
