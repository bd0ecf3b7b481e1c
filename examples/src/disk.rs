//! Encrypted disk images: AES-256-XTS sectors (xts-engine, all cores) under a DEK that is
//! stored in the image's header wrapped by a KEK living in the KMS.
//!
//! ## Image layout
//! ```text
//! 0      4096  header slot A
//! 4096   4096  header slot B
//! 8192   ...   data: sector n at 8192 + n * sector_size, encrypted with tweak n (plain64)
//! ```
//! A header is written to the slot its sequence number selects (`seq % 2`), so the previous
//! header stays intact while the new one is written; readers take the valid slot with the
//! highest sequence number. A slot (integers big-endian):
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 8 | magic `KMIPXTS1` |
//! | 8 | 2 | format version, 1 |
//! | 10 | 2 | flags: bit 0 = deep rekey in progress |
//! | 12 | 4 | sector size in bytes (512 to 65536, a power of two) |
//! | 16 | 8 | sequence number |
//! | 24 | 8 | data length in bytes (a multiple of the sector size) |
//! | 32 | 8 | data offset, 8192 |
//! | 40 | 8 | deep rekey progress: sectors below it are under the *next* DEK |
//! | 48 | 1 | length K of the KMS key id (1 to 64) |
//! | 49 | K | KMS key id: the KMIP Unique Identifier of the KEK |
//! | | 2 | length L of the current wrapped DEK |
//! | | L | current wrapped DEK: key-hierarchy [`WrappedKey`] encoding (NIST Key Wrap, names the KEK) |
//! | | 2 | length M of the next wrapped DEK (0 unless a deep rekey is in progress) |
//! | | M | next wrapped DEK |
//! | | 32 | SHA-256 of every byte of the slot before it |
//!
//! ## Rekeying
//! - **Shallow**: unwrap the DEK with the old KEK, wrap it with the new one, write a header.
//!   No data is touched.
//! - **Deep**: a new DEK is generated and recorded as *next* (header written first), then the
//!   data is re-encrypted chunk by chunk with [`xts_engine::rekey_sectors_parallel`]. Each
//!   chunk's new ciphertext is first written to a journal file beside the image
//!   (`<image>.rekey-journal`, with a checksum) and synced, then written in place and synced,
//!   then the header's progress is advanced. After a crash, [`deep_rekey`] resumes: a complete
//!   journal for the chunk at the recorded progress is replayed (the in-place write may have
//!   been torn), an incomplete one is discarded (the in-place write had not started). At no
//!   point is a sector under a key the header does not name.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use indicatif::ProgressBar;
use key_hierarchy::{Binding, Dek, Kek, KeyAlgorithm, KeyId, OsRng, WrapMethod, WrappedKey};
use sha2::{Digest as _, Sha256};
use xts_engine::Xts256;

/// First bytes of a header slot.
pub const MAGIC: [u8; 8] = *b"KMIPXTS1";
/// Header format version.
pub const FORMAT_VERSION: u16 = 1;
/// Size of one header slot.
pub const SLOT_LEN: usize = 4096;
/// Where the data starts.
pub const DATA_OFFSET: u64 = 2 * SLOT_LEN as u64;
/// Default sector size.
pub const DEFAULT_SECTOR_SIZE: u32 = 4096;
const FLAG_REKEYING: u16 = 1;
const JOURNAL_MAGIC: [u8; 8] = *b"KMIPJRN1";
const JOURNAL_HEADER: usize = 64;

/// Errors of the disk format and operations.
#[derive(Debug, thiserror::Error)]
pub enum DiskError {
    /// I/O on a file.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Neither header slot is valid.
    #[error("{}: not an encrypted image (no valid header: {why})", path.display())]
    NoHeader {
        /// The image.
        path: PathBuf,
        /// Why the slots were rejected.
        why: String,
    },
    /// A parameter is unusable.
    #[error("{0}")]
    Invalid(String),
    /// key-hierarchy refused (wrong KEK, unusable state, failed unwrap).
    #[error("key: {0}")]
    Key(#[from] key_hierarchy::Error),
    /// xts-engine refused.
    #[error("XTS: {0}")]
    Xts(#[from] xts_engine::Error),
    /// A deep rekey was stopped on request (tests and demonstrations of resumption).
    #[error("deep rekey interrupted after sector {done} of {total}")]
    Interrupted {
        /// Sectors under the new DEK.
        done: u64,
        /// All sectors.
        total: u64,
    },
}

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> DiskError + '_ {
    move |source| DiskError::Io {
        path: path.to_owned(),
        source,
    }
}

/// A decoded header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// Sequence number (higher wins).
    pub sequence: u64,
    /// Sector (data unit) size in bytes.
    pub sector_size: u32,
    /// Length of the data in bytes.
    pub data_len: u64,
    /// KMIP Unique Identifier of the KEK that wraps the DEKs.
    pub kms_key_id: String,
    /// The DEK the data is under (below `progress` during a deep rekey: the next one).
    pub current: WrappedKey,
    /// A deep rekey in progress: the next DEK and how many sectors are under it.
    pub rekey: Option<RekeyState>,
}

/// A deep rekey in progress.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RekeyState {
    /// The new DEK, wrapped by the same KEK.
    pub next: WrappedKey,
    /// Sectors `0..progress` are under `next`, the rest under `current`.
    pub progress: u64,
}

impl Header {
    /// Number of sectors.
    pub fn sectors(&self) -> u64 {
        self.data_len / u64::from(self.sector_size)
    }

    /// Encodes one slot.
    ///
    /// # Errors
    /// A field does not fit.
    pub fn encode(&self) -> Result<Vec<u8>, DiskError> {
        let mut out = Vec::with_capacity(SLOT_LEN);
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_be_bytes());
        let flags = if self.rekey.is_some() {
            FLAG_REKEYING
        } else {
            0
        };
        out.extend_from_slice(&flags.to_be_bytes());
        out.extend_from_slice(&self.sector_size.to_be_bytes());
        out.extend_from_slice(&self.sequence.to_be_bytes());
        out.extend_from_slice(&self.data_len.to_be_bytes());
        out.extend_from_slice(&DATA_OFFSET.to_be_bytes());
        let progress = self.rekey.as_ref().map_or(0, |r| r.progress);
        out.extend_from_slice(&progress.to_be_bytes());
        let id = self.kms_key_id.as_bytes();
        let id_len = u8::try_from(id.len())
            .ok()
            .filter(|l| (1..=64).contains(l))
            .ok_or_else(|| DiskError::Invalid("KMS key id must be 1 to 64 bytes".into()))?;
        out.push(id_len);
        out.extend_from_slice(id);
        for w in [Some(&self.current), self.rekey.as_ref().map(|r| &r.next)] {
            let enc = w.map(WrappedKey::encode).unwrap_or_default();
            let len = u16::try_from(enc.len())
                .map_err(|_| DiskError::Invalid("wrapped key too long".into()))?;
            out.extend_from_slice(&len.to_be_bytes());
            out.extend_from_slice(&enc);
        }
        let digest = Sha256::digest(&out);
        out.extend_from_slice(&digest);
        if out.len() > SLOT_LEN {
            return Err(DiskError::Invalid("header does not fit its slot".into()));
        }
        out.resize(SLOT_LEN, 0);
        Ok(out)
    }

    /// Decodes one slot.
    ///
    /// # Errors
    /// A description of the first defect.
    pub fn decode(slot: &[u8]) -> Result<Header, String> {
        let fields = Fields::read(slot)?;
        let end = fields.end;
        let digest = slot
            .get(end..end.saturating_add(32))
            .ok_or_else(|| format!("truncated at byte {end}"))?;
        let body = slot.get(..end).ok_or("truncated")?;
        if Sha256::digest(body).as_slice() != digest {
            return Err("checksum mismatch".into());
        }
        fields.into_header()
    }

    /// Where the checksum of `slot` starts, if its fields up to there can be read (the
    /// `disk_header` fuzz target seals mutated slots with it to reach what it guards).
    pub(crate) fn checksum_offset(slot: &[u8]) -> Option<usize> {
        Fields::read(slot).ok().map(|f| f.end)
    }

    /// Reads the newest valid header of an image.
    ///
    /// # Errors
    /// I/O, or no valid slot.
    pub fn read(path: &Path) -> Result<Header, DiskError> {
        let mut f = File::open(path).map_err(io_err(path))?;
        let mut slots = vec![0u8; 2 * SLOT_LEN];
        let mut got = 0;
        while got < slots.len() {
            match f.read(slots.get_mut(got..).unwrap_or_default()) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(io_err(path)(e)),
            }
        }
        let mut best: Option<Header> = None;
        let mut why = Vec::new();
        for (i, slot) in slots.chunks(SLOT_LEN).enumerate() {
            match Header::decode(slot.get(..).unwrap_or_default()) {
                Ok(h) if best.as_ref().is_none_or(|b| h.sequence > b.sequence) => {
                    best = Some(h);
                }
                Ok(_) => {}
                Err(e) => why.push(format!("slot {}: {e}", if i == 0 { 'A' } else { 'B' })),
            }
        }
        best.ok_or_else(|| DiskError::NoHeader {
            path: path.to_owned(),
            why: why.join("; "),
        })
    }

    /// Writes this header into its slot (`sequence % 2`) and syncs the file.
    ///
    /// # Errors
    /// I/O or encoding.
    pub fn write(&self, file: &mut File, path: &Path) -> Result<(), DiskError> {
        let slot = self.encode()?;
        let at = (self.sequence % 2) * SLOT_LEN as u64;
        file.seek(SeekFrom::Start(at)).map_err(io_err(path))?;
        file.write_all(&slot).map_err(io_err(path))?;
        file.sync_data().map_err(io_err(path))
    }

    /// The same header with the next sequence number.
    fn next(&self) -> Header {
        Header {
            sequence: self.sequence.wrapping_add(1),
            ..self.clone()
        }
    }
}

/// The fields of a slot up to its checksum, read but not yet verified against it.
struct Fields {
    flags: u16,
    sector_size: u32,
    sequence: u64,
    data_len: u64,
    progress: u64,
    kms_key_id: String,
    keys: [Option<WrappedKey>; 2],
    /// Offset of the checksum (the length of what it covers).
    end: usize,
}

impl Fields {
    fn read(slot: &[u8]) -> Result<Fields, String> {
        let mut r = Reader { buf: slot, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err("bad magic".into());
        }
        let version = r.u16()?;
        if version != FORMAT_VERSION {
            return Err(format!("unsupported format version {version}"));
        }
        let flags = r.u16()?;
        if flags & !FLAG_REKEYING != 0 {
            return Err(format!("unknown flags {flags:#x}"));
        }
        let sector_size = r.u32()?;
        if !(512..=65536).contains(&sector_size) || !sector_size.is_power_of_two() {
            return Err(format!("bad sector size {sector_size}"));
        }
        let sequence = r.u64()?;
        let data_len = r.u64()?;
        if data_len % u64::from(sector_size) != 0 {
            return Err("data length is not a whole number of sectors".into());
        }
        if r.u64()? != DATA_OFFSET {
            return Err("unexpected data offset".into());
        }
        let progress = r.u64()?;
        let id_len = usize::from(r.u8()?);
        let kms_key_id = std::str::from_utf8(r.take(id_len)?)
            .map_err(|_| "KMS key id is not UTF-8".to_owned())?
            .to_owned();
        if kms_key_id.is_empty() {
            return Err("empty KMS key id".into());
        }
        let mut keys = [None, None];
        for slot in &mut keys {
            let len = usize::from(r.u16()?);
            if len > 0 {
                *slot = Some(
                    WrappedKey::decode(r.take(len)?).map_err(|e| format!("wrapped DEK: {e}"))?,
                );
            }
        }
        Ok(Fields {
            flags,
            sector_size,
            sequence,
            data_len,
            progress,
            kms_key_id,
            keys,
            end: r.pos,
        })
    }

    /// The header, once the checksum matched: the fields must agree with each other.
    fn into_header(self) -> Result<Header, String> {
        let [current, next] = self.keys;
        let current = current.ok_or("no wrapped DEK")?;
        for w in [Some(&current), next.as_ref()].into_iter().flatten() {
            if w.wrapping_key_id().as_bytes() != self.kms_key_id.as_bytes() {
                return Err("a wrapped DEK names another KEK than the KMS key id".into());
            }
        }
        let sectors = self.data_len / u64::from(self.sector_size);
        let progress = self.progress;
        let rekey = match (self.flags & FLAG_REKEYING != 0, next) {
            (true, Some(next)) if progress <= sectors => Some(RekeyState { next, progress }),
            (false, None) if progress == 0 => None,
            _ => return Err("inconsistent rekey state".into()),
        };
        Ok(Header {
            sequence: self.sequence,
            sector_size: self.sector_size,
            data_len: self.data_len,
            kms_key_id: self.kms_key_id,
            current,
            rekey,
        })
    }
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.pos.checked_add(n).ok_or("overflow")?;
        let out = self
            .buf
            .get(self.pos..end)
            .ok_or_else(|| format!("truncated at byte {}", self.pos))?;
        self.pos = end;
        Ok(out)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?.first().copied().unwrap_or_default())
    }
    fn u16(&mut self) -> Result<u16, String> {
        let b = self.take(2)?;
        Ok(u16::from_be_bytes(b.try_into().map_err(|_| "truncated")?))
    }
    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes(b.try_into().map_err(|_| "truncated")?))
    }
    fn u64(&mut self) -> Result<u64, String> {
        let b = self.take(8)?;
        Ok(u64::from_be_bytes(b.try_into().map_err(|_| "truncated")?))
    }
}

/// A fresh random AES-256-XTS DEK.
///
/// # Errors
/// The OS random generator failed.
pub fn new_dek() -> Result<Dek, DiskError> {
    let id = KeyId::generate(&mut OsRng)?;
    Ok(Dek::generate(id, KeyAlgorithm::Aes256Xts, &mut OsRng)?)
}

fn xts_of(dek: &Dek) -> Result<Xts256, DiskError> {
    let key = dek
        .xts_key()
        .ok_or_else(|| DiskError::Invalid("the DEK is not an AES-256-XTS key".into()))?;
    Ok(Xts256::new(key)?)
}

/// Bytes processed per read/encrypt/write round.
pub const CHUNK: usize = 8 << 20;

fn read_full(f: &mut File, buf: &mut [u8], path: &Path) -> Result<usize, DiskError> {
    let mut got = 0;
    while got < buf.len() {
        match f.read(buf.get_mut(got..).unwrap_or_default()) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io_err(path)(e)),
        }
    }
    Ok(got)
}

/// What an encryption, decryption or deep rekey did.
#[derive(Debug)]
pub struct Processed {
    /// The image's header afterwards.
    pub header: Header,
    /// Time spent in xts-engine (the rest is file I/O), for throughput figures.
    pub crypto: Duration,
}

/// Encrypts the plaintext image `input` into a new encrypted image `output` under a fresh DEK
/// wrapped by `kek` (NIST Key Wrap). `input`'s length must be a whole number of sectors.
///
/// # Errors
/// I/O, a KEK that cannot wrap (not Active), a bad length.
pub fn encrypt_image(
    input: &Path,
    output: &Path,
    kek: &Kek,
    sector_size: u32,
    progress: &ProgressBar,
) -> Result<Processed, DiskError> {
    let kms_key_id = kek
        .id()
        .as_str()
        .ok_or_else(|| DiskError::Invalid("KEK id is not text".into()))?
        .to_owned();
    let mut inp = File::open(input).map_err(io_err(input))?;
    let data_len = inp.metadata().map_err(io_err(input))?.len();
    let ss = u64::from(sector_size);
    if !(512..=65536).contains(&sector_size) || !sector_size.is_power_of_two() {
        return Err(DiskError::Invalid(format!("bad sector size {sector_size}")));
    }
    if data_len % ss != 0 {
        return Err(DiskError::Invalid(format!(
            "{} is {data_len} bytes, not a whole number of {sector_size}-byte sectors",
            input.display()
        )));
    }
    let dek = new_dek()?;
    let wrapped = kek.wrap_dek(&dek, WrapMethod::NistKeyWrap, Binding::Plain)?;
    let xts = xts_of(&dek)?;
    let header = Header {
        sequence: 1,
        sector_size,
        data_len,
        kms_key_id,
        current: wrapped,
        rekey: None,
    };
    let mut out = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(output)
        .map_err(io_err(output))?;
    // Slot B first (sequence 0 would never win), then slot A, data after.
    out.write_all(&[0u8; 2 * SLOT_LEN])
        .map_err(io_err(output))?;
    header.write(&mut out, output)?;
    out.seek(SeekFrom::Start(DATA_OFFSET))
        .map_err(io_err(output))?;
    progress.set_length(data_len);
    let mut buf = vec![0u8; CHUNK];
    let mut sector = 0u64;
    let mut crypto = Duration::ZERO;
    loop {
        let n = read_full(&mut inp, &mut buf, input)?;
        if n == 0 {
            break;
        }
        let chunk = buf.get_mut(..n).unwrap_or_default();
        let t = Instant::now();
        xts.encrypt_sectors_parallel(chunk, sector_size as usize, sector, 0)?;
        crypto += t.elapsed();
        out.write_all(chunk).map_err(io_err(output))?;
        sector = sector.saturating_add(n as u64 / ss);
        progress.inc(n as u64);
    }
    out.sync_all().map_err(io_err(output))?;
    Ok(Processed { header, crypto })
}

fn unwrap_deks(header: &Header, kek: &Kek) -> Result<(Dek, Option<Dek>), DiskError> {
    if kek.id().as_bytes() != header.kms_key_id.as_bytes() {
        return Err(DiskError::Invalid(format!(
            "the image's DEK is wrapped by KMS key {}, not {}",
            header.kms_key_id,
            kek.id()
        )));
    }
    let current = kek.unwrap_dek(&header.current, Binding::Plain)?;
    let next = match &header.rekey {
        Some(r) => Some(kek.unwrap_dek(&r.next, Binding::Plain)?),
        None => None,
    };
    Ok((current, next))
}

/// Decrypts an encrypted image into a new plaintext file `output` (also in the middle of a
/// deep rekey: sectors below the progress mark use the next DEK).
///
/// # Errors
/// I/O, a wrong KEK, a failed unwrap.
pub fn decrypt_image(
    image: &Path,
    output: &Path,
    kek: &Kek,
    progress: &ProgressBar,
) -> Result<Processed, DiskError> {
    let header = Header::read(image)?;
    let (current, next) = unwrap_deks(&header, kek)?;
    let cur = xts_of(&current)?;
    let mut crypto = Duration::ZERO;
    let nxt = next.as_ref().map(xts_of).transpose()?;
    let boundary = header.rekey.as_ref().map_or(0, |r| r.progress);
    let ss = header.sector_size as usize;
    let mut inp = File::open(image).map_err(io_err(image))?;
    inp.seek(SeekFrom::Start(DATA_OFFSET))
        .map_err(io_err(image))?;
    let mut out = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(output)
        .map_err(io_err(output))?;
    progress.set_length(header.data_len);
    let mut buf = vec![0u8; CHUNK];
    let mut sector = 0u64;
    let mut left = header.data_len;
    while left > 0 {
        let want = usize::try_from(left.min(CHUNK as u64)).unwrap_or(CHUNK);
        let chunk = buf.get_mut(..want).unwrap_or_default();
        let n = read_full(&mut inp, chunk, image)?;
        if n != want {
            return Err(DiskError::Invalid(format!(
                "{} is shorter than its header says",
                image.display()
            )));
        }
        let count = (n / ss) as u64;
        // Split the chunk at the rekey boundary.
        let split = usize::try_from(boundary.saturating_sub(sector).min(count)).unwrap_or(0);
        let (lo, hi) = chunk.split_at_mut(split * ss);
        let t = Instant::now();
        if let Some(nxt) = &nxt
            && !lo.is_empty()
        {
            nxt.decrypt_sectors_parallel(lo, ss, sector, 0)?;
        }
        if !hi.is_empty() {
            cur.decrypt_sectors_parallel(hi, ss, sector + split as u64, 0)?;
        }
        crypto += t.elapsed();
        out.write_all(chunk).map_err(io_err(output))?;
        sector += count;
        left -= n as u64;
        progress.inc(n as u64);
    }
    out.sync_all().map_err(io_err(output))?;
    Ok(Processed { header, crypto })
}

/// Shallow rekey: re-wraps the image's DEK(s) from `old_kek` to `new_kek` and writes a new
/// header. The data is not touched.
///
/// # Errors
/// I/O, a wrong or unusable KEK.
pub fn shallow_rekey(image: &Path, old_kek: &Kek, new_kek: &Kek) -> Result<Header, DiskError> {
    let header = Header::read(image)?;
    let (current, next) = unwrap_deks(&header, old_kek)?;
    let mut h = header.next();
    h.kms_key_id = new_kek
        .id()
        .as_str()
        .ok_or_else(|| DiskError::Invalid("KEK id is not text".into()))?
        .to_owned();
    h.current = new_kek.wrap_dek(&current, WrapMethod::NistKeyWrap, Binding::Plain)?;
    if let (Some(r), Some(next)) = (h.rekey.as_mut(), next.as_ref()) {
        r.next = new_kek.wrap_dek(next, WrapMethod::NistKeyWrap, Binding::Plain)?;
    }
    let mut f = OpenOptions::new()
        .write(true)
        .open(image)
        .map_err(io_err(image))?;
    h.write(&mut f, image)?;
    Ok(h)
}

/// Options of [`deep_rekey`].
#[derive(Clone, Copy, Debug)]
pub struct DeepRekeyOptions {
    /// Bytes per journaled chunk (a multiple of the sector size is used).
    pub chunk: usize,
    /// Stop with [`DiskError::Interrupted`] after this many chunks (simulates an
    /// interruption).
    pub stop_after_chunks: Option<u64>,
    /// With `stop_after_chunks`: stop after the journal of the next chunk is written but
    /// before the chunk is written in place (simulates a crash at the worst moment).
    pub stop_after_journal: bool,
}

impl Default for DeepRekeyOptions {
    fn default() -> Self {
        DeepRekeyOptions {
            chunk: CHUNK,
            stop_after_chunks: None,
            stop_after_journal: false,
        }
    }
}

/// The journal file of an image.
pub fn journal_path(image: &Path) -> PathBuf {
    let mut name = image.as_os_str().to_owned();
    name.push(".rekey-journal");
    PathBuf::from(name)
}

struct Journal {
    first: u64,
    data: Vec<u8>,
}

fn read_journal(path: &Path) -> Option<Journal> {
    let bytes = std::fs::read(path).ok()?;
    let head = bytes.get(..JOURNAL_HEADER)?;
    if head.get(..8)? != JOURNAL_MAGIC {
        return None;
    }
    let word = |at: usize| -> Option<u64> {
        Some(u64::from_be_bytes(head.get(at..at + 8)?.try_into().ok()?))
    };
    let first = word(8)?;
    let len = usize::try_from(word(16)?).ok()?;
    let digest = head.get(32..64)?;
    let data = bytes.get(JOURNAL_HEADER..)?;
    if data.len() != len || Sha256::digest(data).as_slice() != digest {
        return None;
    }
    Some(Journal {
        first,
        data: data.to_vec(),
    })
}

fn write_journal(path: &Path, first: u64, data: &[u8]) -> Result<(), DiskError> {
    let mut head = Vec::with_capacity(JOURNAL_HEADER);
    head.extend_from_slice(&JOURNAL_MAGIC);
    head.extend_from_slice(&first.to_be_bytes());
    head.extend_from_slice(&(data.len() as u64).to_be_bytes());
    head.extend_from_slice(&[0u8; 8]);
    head.extend_from_slice(&Sha256::digest(data));
    let mut f = File::create(path).map_err(io_err(path))?;
    f.write_all(&head).map_err(io_err(path))?;
    f.write_all(data).map_err(io_err(path))?;
    f.sync_all().map_err(io_err(path))
}

/// Deep rekey: re-encrypts every sector under a new DEK (same KEK), resumably. Starts a new
/// rekey, or resumes the one the header records. See the module docs.
///
/// # Errors
/// I/O, a wrong or unusable KEK, [`DiskError::Interrupted`] when asked to stop.
pub fn deep_rekey(
    image: &Path,
    kek: &Kek,
    options: &DeepRekeyOptions,
    progress: &ProgressBar,
) -> Result<Processed, DiskError> {
    let mut crypto = Duration::ZERO;
    let mut header = Header::read(image)?;
    let (current, next) = unwrap_deks(&header, kek)?;
    let mut f = OpenOptions::new()
        .read(true)
        .write(true)
        .open(image)
        .map_err(io_err(image))?;
    let next = match next {
        Some(n) => n,
        None => {
            let n = new_dek()?;
            let mut h = header.next();
            h.rekey = Some(RekeyState {
                next: kek.wrap_dek(&n, WrapMethod::NistKeyWrap, Binding::Plain)?,
                progress: 0,
            });
            h.write(&mut f, image)?;
            header = h;
            n
        }
    };
    let old = xts_of(&current)?;
    let new = xts_of(&next)?;
    let ss = header.sector_size as usize;
    let total = header.sectors();
    let per_chunk = (options.chunk / ss).max(1) as u64;
    let journal = journal_path(image);
    let mut done = header.rekey.as_ref().map_or(0, |r| r.progress);
    progress.set_length(header.data_len);
    progress.set_position(done * ss as u64);

    // Replay a complete journal for the chunk at the progress mark.
    if let Some(j) = read_journal(&journal)
        && j.first == done
        && !j.data.is_empty()
        && j.data.len() % ss == 0
    {
        let count = (j.data.len() / ss) as u64;
        f.seek(SeekFrom::Start(DATA_OFFSET + done * ss as u64))
            .map_err(io_err(image))?;
        f.write_all(&j.data).map_err(io_err(image))?;
        f.sync_data().map_err(io_err(image))?;
        done += count;
        let mut h = header.next();
        if let Some(r) = h.rekey.as_mut() {
            r.progress = done;
        }
        h.write(&mut f, image)?;
        header = h;
        progress.set_position(done * ss as u64);
    }

    let mut buf = vec![0u8; usize::try_from(per_chunk).unwrap_or(1) * ss];
    let mut chunks = 0u64;
    while done < total {
        let count = per_chunk.min(total - done);
        let len = usize::try_from(count).unwrap_or(0) * ss;
        let chunk = buf.get_mut(..len).unwrap_or_default();
        let at = DATA_OFFSET + done * ss as u64;
        f.seek(SeekFrom::Start(at)).map_err(io_err(image))?;
        if read_full(&mut f, chunk, image)? != len {
            return Err(DiskError::Invalid(format!(
                "{} is shorter than its header says",
                image.display()
            )));
        }
        let t = Instant::now();
        xts_engine::rekey_sectors_parallel(&old, &new, chunk, ss, done, 0)?;
        crypto += t.elapsed();
        write_journal(&journal, done, chunk)?;
        if options.stop_after_journal && options.stop_after_chunks == Some(chunks) {
            return Err(DiskError::Interrupted { done, total });
        }
        f.seek(SeekFrom::Start(at)).map_err(io_err(image))?;
        f.write_all(chunk).map_err(io_err(image))?;
        f.sync_data().map_err(io_err(image))?;
        done += count;
        let mut h = header.next();
        if let Some(r) = h.rekey.as_mut() {
            r.progress = done;
        }
        h.write(&mut f, image)?;
        header = h;
        progress.inc(len as u64);
        chunks += 1;
        if !options.stop_after_journal && options.stop_after_chunks == Some(chunks) && done < total
        {
            return Err(DiskError::Interrupted { done, total });
        }
    }
    // Switch: the next DEK becomes current.
    let mut h = header.next();
    if let Some(r) = h.rekey.take() {
        h.current = r.next;
    }
    h.write(&mut f, image)?;
    let _ = std::fs::remove_file(&journal);
    Ok(Processed { header: h, crypto })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::TempDir;

    fn kek(id: &str) -> Kek {
        Kek::generate(KeyId::new(id.as_bytes()).unwrap(), &mut OsRng).unwrap()
    }

    fn plaintext(dir: &Path, len: usize) -> (PathBuf, Vec<u8>) {
        let data: Vec<u8> = (0..len).map(|i| (i * 7 + i / 4096) as u8).collect();
        let p = dir.join("plain.img");
        std::fs::write(&p, &data).unwrap();
        (p, data)
    }

    #[test]
    fn header_round_trip_and_corruption() {
        let k = kek("kek-1");
        let dek = new_dek().unwrap();
        let h = Header {
            sequence: 5,
            sector_size: 512,
            data_len: 512 * 10,
            kms_key_id: "kek-1".into(),
            current: k
                .wrap_dek(&dek, WrapMethod::NistKeyWrap, Binding::Plain)
                .unwrap(),
            rekey: None,
        };
        let slot = h.encode().unwrap();
        assert_eq!(slot.len(), SLOT_LEN);
        assert_eq!(Header::decode(&slot).unwrap(), h);
        for i in [0, 9, 13, 50, 100] {
            let mut bad = slot.clone();
            bad[i] ^= 1;
            assert!(Header::decode(&bad).is_err(), "flip at {i} accepted");
        }
        assert!(Header::decode(&[]).is_err());
    }

    #[test]
    fn encrypt_decrypt_shallow_and_interrupted_deep_rekey() {
        let dir = TempDir::new("disk-test").unwrap();
        let (plain, data) = plaintext(dir.path(), 64 * 4096);
        let img = dir.path().join("disk.img");
        let k1 = kek("kek-1");
        let hidden = ProgressBar::hidden();
        encrypt_image(&plain, &img, &k1, 4096, &hidden).unwrap();
        let raw = std::fs::read(&img).unwrap();
        assert_ne!(&raw[DATA_OFFSET as usize..], &data[..]);

        let k2 = kek("kek-2");
        let h = shallow_rekey(&img, &k1, &k2).unwrap();
        assert_eq!(h.kms_key_id, "kek-2");
        assert_eq!(
            &std::fs::read(&img).unwrap()[DATA_OFFSET as usize..],
            &raw[DATA_OFFSET as usize..]
        );
        assert!(matches!(
            decrypt_image(&img, &dir.path().join("x"), &k1, &hidden),
            Err(DiskError::Invalid(_))
        ));

        // Deep rekey interrupted twice: once cleanly, once after the journal was written and
        // the in-place write was torn.
        let opts = DeepRekeyOptions {
            chunk: 8 * 4096,
            stop_after_chunks: Some(2),
            stop_after_journal: false,
        };
        assert!(matches!(
            deep_rekey(&img, &k2, &opts, &hidden),
            Err(DiskError::Interrupted {
                done: 16,
                total: 64
            })
        ));
        let out = dir.path().join("mid.img");
        decrypt_image(&img, &out, &k2, &hidden).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), data);

        let opts = DeepRekeyOptions {
            stop_after_journal: true,
            stop_after_chunks: Some(1),
            ..opts
        };
        assert!(matches!(
            deep_rekey(&img, &k2, &opts, &hidden),
            Err(DiskError::Interrupted { .. })
        ));
        // Tear the chunk at the progress mark: half of its first sector overwritten.
        let h = Header::read(&img).unwrap();
        let mark = h.rekey.as_ref().unwrap().progress;
        let mut f = OpenOptions::new().write(true).open(&img).unwrap();
        f.seek(SeekFrom::Start(DATA_OFFSET + mark * 4096)).unwrap();
        f.write_all(&[0xAA; 2048]).unwrap();
        drop(f);
        let done = deep_rekey(&img, &k2, &DeepRekeyOptions::default(), &hidden)
            .unwrap()
            .header;
        assert!(done.rekey.is_none());
        assert_ne!(done.current, h.current);
        assert!(!journal_path(&img).exists());
        let out = dir.path().join("final.img");
        decrypt_image(&img, &out, &k2, &hidden).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), data);
    }

    #[test]
    fn refuses_bad_inputs() {
        let dir = TempDir::new("disk-test").unwrap();
        let (plain, _) = plaintext(dir.path(), 1000);
        let k = kek("k");
        let hidden = ProgressBar::hidden();
        assert!(matches!(
            encrypt_image(&plain, &dir.path().join("o"), &k, 4096, &hidden),
            Err(DiskError::Invalid(_))
        ));
        assert!(matches!(
            Header::read(&plain),
            Err(DiskError::NoHeader { .. })
        ));
    }
}
