//! Encrypted disk images: AES-256-XTS sectors (xts-engine, all cores) under a DEK that is
//! stored in the image's header wrapped by a KEK living in the KMS.
//!
//! ## Image layout
//! ```text
//! 0      4096  header slot A
//! 4096   4096  header slot B
//! 8192   ...   data: sector n at 8192 + n * sector_size, encrypted with tweak n (plain64)
//! ```
//! A header is written to the slot its sequence number selects (`seq % 2`) and synced, then
//! the same bytes are written over the other slot and synced again: the previous header stays
//! intact while the new one is written (a torn write never loses the header), and once a write
//! is done no slot holds an older header, so a DEK wrapped under a KEK a shallow rekey replaced,
//! or a DEK a deep rekey retired, is gone from the image. Readers take the slot with the highest
//! sequence number whose checksum is intact; its MAC must then verify (below), or nothing is
//! touched. A slot (integers big-endian):
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 8 | magic `KMIPXTS1` |
//! | 8 | 2 | format version, 2 (version 1 images are refused with [`HeaderError::OldFormat`]) |
//! | 10 | 2 | flags: bit 0 = deep rekey in progress |
//! | 12 | 4 | sector size in bytes (512 to 65536, a power of two) |
//! | 16 | 8 | sequence number |
//! | 24 | 8 | data length in bytes (a multiple of the sector size) |
//! | 32 | 8 | data offset, 8192 |
//! | 40 | 8 | deep rekey progress: sectors below it are under the *next* DEK |
//! | 48 | 16 | image id: random (a UUID v4), chosen when the image is made, never changed |
//! | 64 | 1 | length K of the KMS key id (1 to 64) |
//! | 65 | K | KMS key id: the KMIP Unique Identifier of the KEK |
//! | | 2 | length L of the current wrapped DEK |
//! | | L | current wrapped DEK: key-hierarchy [`WrappedKey`] encoding (NIST Key Wrap, names the KEK, context-bound) |
//! | | 2 | length M of the next wrapped DEK (0 unless a deep rekey is in progress) |
//! | | M | next wrapped DEK |
//! | | 32 | MAC: HMAC-SHA-256 of every byte of the slot before it, under the header MAC key |
//! | | 32 | checksum: SHA-256 of every byte of the slot before it (torn writes, no key needed) |
//!
//! ## What binds the header to the image
//! - Both DEKs are wrapped with [`Binding::Context`] over [`binding_context`]: the image id,
//!   sector size, data length and data offset (and key-hierarchy adds the DEK's and the KEK's
//!   ids). A wrapped DEK copied from another image, or a header whose geometry was changed,
//!   does not unwrap.
//! - The MAC key is `HKDF-SHA256(salt = "kmip-examples disk-crypt v2 header MAC", IKM = current
//!   DEK (64 bytes), info = image id)`; whoever can write the image but has no DEK cannot forge
//!   the deep rekey progress or any other field. The MAC is compared in constant time
//!   (`subtle`) after both DEKs unwrapped and before any sector is read or written.
//!
//! ## Rekeying
//! - **Shallow**: unwrap the DEK(s) with the old KEK, wrap them with the new one, write a
//!   header (both slots). No data is touched.
//! - **Deep**: a new DEK is generated and recorded as *next* (header written first), then the
//!   data is re-encrypted chunk by chunk with [`xts_engine::rekey_sectors_parallel`]. Each
//!   chunk's new ciphertext is first written to a journal beside the image
//!   (`<image>.rekey-journal`, below) and made durable, then written in place and synced, then
//!   the header's progress is advanced. When every sector is done, the journal is unlinked and
//!   the directory synced *before* the header that makes the next DEK current is written.
//!   After a crash, [`deep_rekey`] resumes: a journal that authenticates for this rekey and
//!   exactly the chunk at the recorded progress is replayed (the in-place write may have been
//!   torn); any other journal is discarded (the in-place write had not started). At no point
//!   is a sector under a key the header does not name.
//!
//! ## Journal
//! Written as `<image>.rekey-journal.tmp` (created with `O_CREAT|O_EXCL|O_NOFOLLOW`, mode
//! 0600), synced, renamed over `<image>.rekey-journal`, directory synced. Every create,
//! rename and unlink of a journal syncs the directory. Layout (integers big-endian):
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 8 | magic `KMIPJRN2` |
//! | 8 | 16 | image id |
//! | 24 | 32 | rekey generation: the next DEK's key-hierarchy fingerprint |
//! | 56 | 8 | first sector of the chunk |
//! | 64 | 8 | number of sectors in the chunk (1 or more, at most [`MAX_CHUNK`] bytes) |
//! | 72 | 4 | sector size |
//! | 76 | 4 | zero |
//! | 80 | 32 | SHA-256 of the chunk's old ciphertext (under the current DEK) |
//! | 112 | 32 | SHA-256 of the chunk's new ciphertext (the data below) |
//! | 144 | 32 | HMAC-SHA-256 of bytes 0..144 under `HKDF-SHA256(salt = "kmip-examples disk-crypt v2 journal MAC", IKM = next DEK, info = image id)` |
//! | 176 | n | the chunk's new ciphertext |
//!
//! It is replayed only if its MAC verifies, it names this image and this rekey's next DEK, its
//! first sector is the header's progress, the chunk lies inside the image, the file is exactly
//! as long as the chunk, the data hashes as recorded, and the data re-encrypted back under the
//! current DEK hashes to the recorded old ciphertext. A journal left over from an earlier
//! rekey therefore can never be replayed into a later one.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use hmac::{Hmac, KeyInit as _, Mac as _};
use indicatif::ProgressBar;
use key_hierarchy::{Binding, Dek, Kek, KeyAlgorithm, KeyId, OsRng, WrapMethod, WrappedKey};
use sha2::{Digest as _, Sha256};
use subtle::ConstantTimeEq as _;
use xts_engine::Xts256;
use zeroize::Zeroizing;

/// First bytes of a header slot.
pub const MAGIC: [u8; 8] = *b"KMIPXTS1";
/// Header format version.
pub const FORMAT_VERSION: u16 = 2;
/// Size of one header slot.
pub const SLOT_LEN: usize = 4096;
/// Where the data starts.
pub const DATA_OFFSET: u64 = 2 * SLOT_LEN as u64;
/// Default sector size.
pub const DEFAULT_SECTOR_SIZE: u32 = 4096;
/// Length of the image id.
pub const IMAGE_ID_LEN: usize = 16;
/// Length of the fixed fields before the KMS key id.
pub(crate) const FIXED_LEN: usize = 65;
/// Largest journaled chunk, in bytes (a journal announcing more is not read).
pub const MAX_CHUNK: usize = 64 << 20;
const FLAG_REKEYING: u16 = 1;
const JOURNAL_MAGIC: [u8; 8] = *b"KMIPJRN2";
const JOURNAL_HEADER: usize = 176;
const JOURNAL_MAC_AT: usize = 144;
const BINDING_LABEL: &[u8] = b"kmip-examples disk-crypt v2 binding";
const HEADER_MAC_SALT: &[u8] = b"kmip-examples disk-crypt v2 header MAC";
const JOURNAL_MAC_SALT: &[u8] = b"kmip-examples disk-crypt v2 journal MAC";

/// Errors of the disk format and operations.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
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
    #[error("{}: not a usable encrypted image (no valid header: {why})", path.display())]
    NoHeader {
        /// The image.
        path: PathBuf,
        /// Why the slots were rejected.
        why: String,
    },
    /// The newest header does not authenticate under the KEK: its MAC does not verify or a
    /// wrapped DEK does not unwrap for this image. Nothing was read or written.
    #[error(
        "{}: the header is not authentic ({what}); it was modified or belongs to another image, \
         no sector was touched",
        path.display()
    )]
    NotAuthentic {
        /// The image.
        path: PathBuf,
        /// What failed.
        what: &'static str,
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

/// Why one header slot was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HeaderError {
    /// The slot ends before a field.
    #[error("truncated at byte {at}")]
    Truncated {
        /// Offset of the field that does not fit.
        at: usize,
    },
    /// Not `KMIPXTS1`.
    #[error("bad magic")]
    BadMagic,
    /// An image written by disk-crypt before format version 2.
    #[error(
        "format version {version}: written by an older disk-crypt whose header is not \
         authenticated; decrypt it with that version and encrypt the plaintext again"
    )]
    OldFormat {
        /// The version found.
        version: u16,
    },
    /// A version this program does not know.
    #[error("unsupported format version {version}")]
    UnsupportedVersion {
        /// The version found.
        version: u16,
    },
    /// Flag bits this program does not know.
    #[error("unknown flags {flags:#x}")]
    UnknownFlags {
        /// The flags found.
        flags: u16,
    },
    /// Not a power of two from 512 to 65536.
    #[error("bad sector size {size}")]
    BadSectorSize {
        /// The size found.
        size: u32,
    },
    /// The data length is not a whole number of sectors.
    #[error("data length {len} is not a whole number of sectors")]
    PartialSector {
        /// The length found.
        len: u64,
    },
    /// The data offset is not 8192.
    #[error("unexpected data offset {offset}")]
    BadDataOffset {
        /// The offset found.
        offset: u64,
    },
    /// Empty, longer than 64 bytes, or not UTF-8.
    #[error("bad KMS key id")]
    BadKmsKeyId,
    /// A wrapped DEK does not decode.
    #[error("wrapped DEK: {0}")]
    BadWrappedKey(String),
    /// A wrapped DEK is not a context-bound AES-256-XTS DEK wrapped by the KMS key id.
    #[error("a wrapped DEK is not a context-bound AES-256-XTS DEK under the KMS key id")]
    ForeignWrappedKey,
    /// The current DEK is missing.
    #[error("no wrapped DEK")]
    NoDek,
    /// Flag, next DEK and progress disagree, or the progress is beyond the data.
    #[error("inconsistent rekey state")]
    InconsistentRekey,
    /// The checksum does not match (a torn write, or damage).
    #[error("checksum mismatch")]
    ChecksumMismatch,
}

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> DiskError + '_ {
    move |source| DiskError::Io {
        path: path.to_owned(),
        source,
    }
}

/// A decoded header. Decoding checks its structure and checksum only; [`Unlocked::open`]
/// authenticates it under the KEK.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// Sequence number (higher wins).
    pub sequence: u64,
    /// Sector (data unit) size in bytes.
    pub sector_size: u32,
    /// Length of the data in bytes.
    pub data_len: u64,
    /// Random identifier of the image, bound into the DEK wrapping and the MACs.
    pub image_id: [u8; IMAGE_ID_LEN],
    /// KMIP Unique Identifier of the KEK that wraps the DEKs.
    pub kms_key_id: String,
    /// The DEK the data is under (below `progress` during a deep rekey: the next one).
    pub current: WrappedKey,
    /// A deep rekey in progress: the next DEK and how many sectors are under it.
    pub rekey: Option<RekeyState>,
    /// HMAC-SHA-256 of the fields under the header MAC key (see the module docs).
    pub mac: [u8; 32],
}

/// A deep rekey in progress.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RekeyState {
    /// The new DEK, wrapped by the same KEK.
    pub next: WrappedKey,
    /// Sectors `0..progress` are under `next`, the rest under `current`.
    pub progress: u64,
}

/// What the DEKs of an image are bound to: a label, the image id, the sector size, the data
/// length and the data offset.
pub fn binding_context(image_id: &[u8; IMAGE_ID_LEN], sector_size: u32, data_len: u64) -> Vec<u8> {
    let mut c = Vec::with_capacity(BINDING_LABEL.len() + IMAGE_ID_LEN + 20);
    c.extend_from_slice(BINDING_LABEL);
    c.extend_from_slice(image_id);
    c.extend_from_slice(&sector_size.to_be_bytes());
    c.extend_from_slice(&data_len.to_be_bytes());
    c.extend_from_slice(&DATA_OFFSET.to_be_bytes());
    c
}

/// HMAC-SHA-256 of `parts` under a key derived from `dek` with HKDF-SHA256 (`salt`, info =
/// image id).
fn keyed_mac(
    salt: &[u8],
    dek: &Dek,
    image_id: &[u8; IMAGE_ID_LEN],
    parts: &[&[u8]],
) -> Result<[u8; 32], DiskError> {
    let mut key = Zeroizing::new([0u8; 32]);
    key_hierarchy::hazmat::hkdf_sha256(salt, dek.expose_secret(), &[image_id], key.as_mut_slice())?;
    let mut mac = <Hmac<Sha256>>::new_from_slice(key.as_slice())
        .map_err(|_| DiskError::Invalid("HMAC key".into()))?;
    for p in parts {
        mac.update(p);
    }
    Ok(mac.finalize().into_bytes().into())
}

/// The image id as a UUID.
pub fn format_image_id(id: &[u8; IMAGE_ID_LEN]) -> String {
    let h = crate::util::hex(id);
    let part = |r: std::ops::Range<usize>| h.get(r).unwrap_or_default().to_owned();
    format!(
        "{}-{}-{}-{}-{}",
        part(0..8),
        part(8..12),
        part(12..16),
        part(16..20),
        part(20..32)
    )
}

impl Header {
    /// Number of sectors.
    pub fn sectors(&self) -> u64 {
        self.data_len / u64::from(self.sector_size)
    }

    /// What this image's DEKs are bound to ([`binding_context`]).
    pub fn binding_context(&self) -> Vec<u8> {
        binding_context(&self.image_id, self.sector_size, self.data_len)
    }

    /// The fields the MAC covers: the slot up to the MAC.
    fn fields(&self) -> Result<Vec<u8>, DiskError> {
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
        out.extend_from_slice(&self.image_id);
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
        Ok(out)
    }

    /// Encodes one slot (with the MAC this header carries; see [`Header::seal`]).
    ///
    /// # Errors
    /// A field does not fit.
    pub fn encode(&self) -> Result<Vec<u8>, DiskError> {
        let mut out = self.fields()?;
        out.extend_from_slice(&self.mac);
        let digest = Sha256::digest(&out);
        out.extend_from_slice(&digest);
        if out.len() > SLOT_LEN {
            return Err(DiskError::Invalid("header does not fit its slot".into()));
        }
        out.resize(SLOT_LEN, 0);
        Ok(out)
    }

    fn expected_mac(&self, current: &Dek) -> Result<[u8; 32], DiskError> {
        let fields = self.fields()?;
        keyed_mac(HEADER_MAC_SALT, current, &self.image_id, &[&fields])
    }

    /// Computes the MAC under `current`, the DEK `self.current` wraps.
    ///
    /// # Errors
    /// A field does not fit.
    pub fn seal(&mut self, current: &Dek) -> Result<(), DiskError> {
        self.mac = self.expected_mac(current)?;
        Ok(())
    }

    /// Whether the MAC verifies under `current` (compared in constant time).
    ///
    /// # Errors
    /// A field does not fit.
    pub fn mac_verifies(&self, current: &Dek) -> Result<bool, DiskError> {
        let expected = self.expected_mac(current)?;
        Ok(bool::from(expected.ct_eq(&self.mac)))
    }

    /// Unwraps the current DEK with `kek` (context-bound to this image).
    ///
    /// # Errors
    /// A wrong KEK, or a wrapped DEK that does not belong to this image.
    pub fn unwrap_current(&self, kek: &Kek) -> Result<Dek, DiskError> {
        Ok(kek.unwrap_dek(&self.current, Binding::Context(&self.binding_context()))?)
    }

    /// Decodes one slot: structure and checksum (no key needed; the MAC is checked by
    /// [`Unlocked::open`]).
    ///
    /// # Errors
    /// The first defect.
    pub fn decode(slot: &[u8]) -> Result<Header, HeaderError> {
        let fields = Fields::read(slot)?;
        let end = fields.end;
        let mac_end = end
            .checked_add(32)
            .ok_or(HeaderError::Truncated { at: end })?;
        let sum_end = mac_end
            .checked_add(32)
            .ok_or(HeaderError::Truncated { at: mac_end })?;
        let mac: [u8; 32] = slot
            .get(end..mac_end)
            .and_then(|m| m.try_into().ok())
            .ok_or(HeaderError::Truncated { at: end })?;
        let digest = slot
            .get(mac_end..sum_end)
            .ok_or(HeaderError::Truncated { at: mac_end })?;
        let body = slot
            .get(..mac_end)
            .ok_or(HeaderError::Truncated { at: 0 })?;
        if Sha256::digest(body).as_slice() != digest {
            return Err(HeaderError::ChecksumMismatch);
        }
        fields.into_header(mac)
    }

    /// Where the checksum of `slot` starts, if its fields up to the MAC can be read (the
    /// `disk_header` fuzz target seals mutated slots with it to reach what it guards).
    pub(crate) fn checksum_offset(slot: &[u8]) -> Option<usize> {
        Fields::read(slot).ok().and_then(|f| f.end.checked_add(32))
    }

    /// Both slots of an image, decoded (structure and checksum only).
    ///
    /// # Errors
    /// I/O.
    pub fn read_slots(path: &Path) -> Result<[Result<Header, HeaderError>; 2], DiskError> {
        let mut f = File::open(path).map_err(io_err(path))?;
        let mut slots = vec![0u8; 2 * SLOT_LEN];
        read_full(&mut f, &mut slots, path)?;
        let (a, b) = slots.split_at(SLOT_LEN);
        Ok([Header::decode(a), Header::decode(b)])
    }

    /// Reads the newest header of an image whose checksum is intact. It is not authenticated:
    /// use it to learn which KEK to fetch, then [`Unlocked::open`].
    ///
    /// # Errors
    /// I/O, or no valid slot.
    pub fn read(path: &Path) -> Result<Header, DiskError> {
        let mut best: Option<Header> = None;
        let mut why = Vec::new();
        for (i, slot) in Header::read_slots(path)?.into_iter().enumerate() {
            match slot {
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

    /// Writes this header into its slot (`sequence % 2`) and syncs the file, then writes the
    /// same bytes over the other slot and syncs again, so that no older header remains.
    ///
    /// # Errors
    /// I/O or encoding.
    pub fn write(&self, file: &mut File, path: &Path) -> Result<(), DiskError> {
        self.write_traced(file, path, &mut Trace::none())
    }

    fn write_traced(
        &self,
        file: &mut File,
        path: &Path,
        trace: &mut Trace,
    ) -> Result<(), DiskError> {
        let slot = self.encode()?;
        let first = self.sequence % 2;
        for index in [first, 1 - first] {
            trace.note(&format!("slot {index} {}", self.sequence));
            let at = index * SLOT_LEN as u64;
            file.seek(SeekFrom::Start(at)).map_err(io_err(path))?;
            file.write_all(&slot).map_err(io_err(path))?;
            file.sync_data().map_err(io_err(path))?;
            trace.note("synced");
        }
        Ok(())
    }

    /// The same header with the next sequence number (MAC to be recomputed).
    fn next(&self) -> Result<Header, DiskError> {
        let sequence = self
            .sequence
            .checked_add(1)
            .ok_or_else(|| DiskError::Invalid("header sequence number exhausted".into()))?;
        Ok(Header {
            sequence,
            ..self.clone()
        })
    }
}

/// An image's header authenticated under its KEK, with its DEKs.
#[derive(Debug)]
pub struct Unlocked {
    /// The newest header; its MAC verified.
    pub header: Header,
    /// The current DEK.
    pub current: Dek,
    /// The next DEK while a deep rekey is in progress.
    pub next: Option<Dek>,
}

impl Unlocked {
    /// Reads the newest header of `path` (see [`Header::read`]) and authenticates it: both
    /// DEKs unwrap under `kek` bound to this image, and the MAC verifies under the current
    /// DEK. An older slot is never used when the newest is intact but not authentic.
    ///
    /// # Errors
    /// I/O, no valid header, a wrong KEK, [`DiskError::NotAuthentic`].
    pub fn open(path: &Path, kek: &Kek) -> Result<Unlocked, DiskError> {
        Unlocked::authenticate(Header::read(path)?, kek, path)
    }

    /// Authenticates `header` (read from `path`) under `kek`.
    ///
    /// # Errors
    /// As [`Unlocked::open`].
    pub fn authenticate(header: Header, kek: &Kek, path: &Path) -> Result<Unlocked, DiskError> {
        if kek.id().as_bytes() != header.kms_key_id.as_bytes() {
            return Err(DiskError::Invalid(format!(
                "the image's DEK is wrapped by KMS key {}, not {}",
                header.kms_key_id,
                kek.id()
            )));
        }
        let context = header.binding_context();
        let not_authentic = |what| DiskError::NotAuthentic {
            path: path.to_owned(),
            what,
        };
        let unwrap = |w: &WrappedKey| match kek.unwrap_dek(w, Binding::Context(&context)) {
            Err(key_hierarchy::Error::UnwrapFailed) => Err(not_authentic(
                "a wrapped DEK does not unwrap for this image under this KEK",
            )),
            other => other.map_err(DiskError::from),
        };
        let current = unwrap(&header.current)?;
        let next = header.rekey.as_ref().map(|r| unwrap(&r.next)).transpose()?;
        if !header.mac_verifies(&current)? {
            return Err(not_authentic("MAC mismatch"));
        }
        Ok(Unlocked {
            header,
            current,
            next,
        })
    }
}

/// The fields of a slot up to its MAC, read but not yet verified.
struct Fields {
    flags: u16,
    sector_size: u32,
    sequence: u64,
    data_len: u64,
    progress: u64,
    image_id: [u8; IMAGE_ID_LEN],
    kms_key_id: String,
    keys: [Option<WrappedKey>; 2],
    /// Offset of the MAC (the length of what it covers).
    end: usize,
}

impl Fields {
    fn read(slot: &[u8]) -> Result<Fields, HeaderError> {
        let mut r = Reader { buf: slot, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(HeaderError::BadMagic);
        }
        let version = r.u16()?;
        if version == 1 {
            return Err(HeaderError::OldFormat { version });
        }
        if version != FORMAT_VERSION {
            return Err(HeaderError::UnsupportedVersion { version });
        }
        let flags = r.u16()?;
        if flags & !FLAG_REKEYING != 0 {
            return Err(HeaderError::UnknownFlags { flags });
        }
        let sector_size = r.u32()?;
        if !(512..=65536).contains(&sector_size) || !sector_size.is_power_of_two() {
            return Err(HeaderError::BadSectorSize { size: sector_size });
        }
        let sequence = r.u64()?;
        let data_len = r.u64()?;
        if data_len % u64::from(sector_size) != 0 {
            return Err(HeaderError::PartialSector { len: data_len });
        }
        let offset = r.u64()?;
        if offset != DATA_OFFSET {
            return Err(HeaderError::BadDataOffset { offset });
        }
        let progress = r.u64()?;
        let image_id: [u8; IMAGE_ID_LEN] = r
            .take(IMAGE_ID_LEN)?
            .try_into()
            .map_err(|_| HeaderError::Truncated { at: 48 })?;
        let id_len = usize::from(r.u8()?);
        if !(1..=64).contains(&id_len) {
            return Err(HeaderError::BadKmsKeyId);
        }
        let kms_key_id = std::str::from_utf8(r.take(id_len)?)
            .map_err(|_| HeaderError::BadKmsKeyId)?
            .to_owned();
        let mut keys = [None, None];
        for slot in &mut keys {
            let len = usize::from(r.u16()?);
            if len > 0 {
                *slot = Some(
                    WrappedKey::decode(r.take(len)?)
                        .map_err(|e| HeaderError::BadWrappedKey(e.to_string()))?,
                );
            }
        }
        Ok(Fields {
            flags,
            sector_size,
            sequence,
            data_len,
            progress,
            image_id,
            kms_key_id,
            keys,
            end: r.pos,
        })
    }

    /// The header, once the checksum matched: the fields must agree with each other.
    fn into_header(self, mac: [u8; 32]) -> Result<Header, HeaderError> {
        let [current, next] = self.keys;
        let current = current.ok_or(HeaderError::NoDek)?;
        for w in [Some(&current), next.as_ref()].into_iter().flatten() {
            if w.wrapping_key_id().as_bytes() != self.kms_key_id.as_bytes()
                || !w.is_context_bound()
                || w.algorithm() != KeyAlgorithm::Aes256Xts
            {
                return Err(HeaderError::ForeignWrappedKey);
            }
        }
        let sectors = self.data_len / u64::from(self.sector_size);
        let progress = self.progress;
        let rekey = match (self.flags & FLAG_REKEYING != 0, next) {
            (true, Some(next)) if progress <= sectors => Some(RekeyState { next, progress }),
            (false, None) if progress == 0 => None,
            _ => return Err(HeaderError::InconsistentRekey),
        };
        Ok(Header {
            sequence: self.sequence,
            sector_size: self.sector_size,
            data_len: self.data_len,
            image_id: self.image_id,
            kms_key_id: self.kms_key_id,
            current,
            rekey,
            mac,
        })
    }
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], HeaderError> {
        let at = self.pos;
        let end = at.checked_add(n).ok_or(HeaderError::Truncated { at })?;
        let out = self.buf.get(at..end).ok_or(HeaderError::Truncated { at })?;
        self.pos = end;
        Ok(out)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], HeaderError> {
        let at = self.pos;
        self.take(N)?
            .try_into()
            .map_err(|_| HeaderError::Truncated { at })
    }
    fn u8(&mut self) -> Result<u8, HeaderError> {
        Ok(u8::from_be_bytes(self.array()?))
    }
    fn u16(&mut self) -> Result<u16, HeaderError> {
        Ok(u16::from_be_bytes(self.array()?))
    }
    fn u32(&mut self) -> Result<u32, HeaderError> {
        Ok(u32::from_be_bytes(self.array()?))
    }
    fn u64(&mut self) -> Result<u64, HeaderError> {
        Ok(u64::from_be_bytes(self.array()?))
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

/// A fresh random image id (a UUID v4).
///
/// # Errors
/// The OS random generator failed.
pub fn new_image_id() -> Result<[u8; IMAGE_ID_LEN], DiskError> {
    let mut id = [0u8; IMAGE_ID_LEN];
    crate::util::random_bytes(&mut id)
        .map_err(|e| DiskError::Invalid(format!("OS random generator: {e}")))?;
    id[6] = (id[6] & 0x0F) | 0x40;
    id[8] = (id[8] & 0x3F) | 0x80;
    Ok(id)
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

/// The directory holding `path` (`.` for a bare file name).
fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Syncs a directory, so that a create, rename or unlink in it is durable (POSIX; elsewhere
/// the file system is trusted to order its metadata).
fn sync_dir(dir: &Path) -> Result<(), DiskError> {
    #[cfg(unix)]
    {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(io_err(dir))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// `opts` will not follow a symbolic link in the last component (`O_NOFOLLOW`), and creates
/// with mode 0600 (POSIX only).
fn no_follow(opts: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.mode(0o600).custom_flags(libc::O_NOFOLLOW)
    }
    #[cfg(not(unix))]
    {
        opts
    }
}

/// The error of opening a symbolic link with [`no_follow`].
fn is_symlink_refusal(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// Removes `path` if it exists and syncs its directory.
fn remove_durably(path: &Path, trace: &mut Trace, what: &str) -> Result<(), DiskError> {
    match std::fs::remove_file(path) {
        Ok(()) => {
            trace.note(what);
            sync_dir(&parent_dir(path))?;
            trace.note("synced");
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_err(path)(e)),
    }
}

/// Optional log of the durable-write steps of a deep rekey, one line each: a step (`slot I
/// SEQ`, `journal-tmp`, `journal-rename`, `data OFFSET LEN`, `journal-unlink`, `tmp-unlink`)
/// when it starts, `synced` once it is durable. Crash tests read it to know which write was
/// not yet synced when they stopped the process.
struct Trace {
    file: Option<File>,
}

impl Trace {
    fn none() -> Trace {
        Trace { file: None }
    }

    fn open(path: Option<&Path>) -> Result<Trace, DiskError> {
        let file = path
            .map(|p| {
                OpenOptions::new()
                    .append(true)
                    .create(true)
                    .open(p)
                    .map_err(io_err(p))
            })
            .transpose()?;
        Ok(Trace { file })
    }

    fn note(&mut self, step: &str) {
        if let Some(f) = &mut self.file {
            // One write per line: a reader never sees half a line of a stopped process.
            let _ = f.write_all(format!("{step}\n").as_bytes());
        }
    }
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
/// wrapped by `kek` (NIST Key Wrap, bound to a fresh image id). `input`'s length must be a
/// whole number of sectors.
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
    let image_id = new_image_id()?;
    let context = binding_context(&image_id, sector_size, data_len);
    let wrapped = kek.wrap_dek(&dek, WrapMethod::NistKeyWrap, Binding::Context(&context))?;
    let xts = xts_of(&dek)?;
    let mut header = Header {
        sequence: 1,
        sector_size,
        data_len,
        image_id,
        kms_key_id,
        current: wrapped,
        rekey: None,
        mac: [0; 32],
    };
    header.seal(&dek)?;
    let mut out = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(output)
        .map_err(io_err(output))?;
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
    sync_dir(&parent_dir(output))?;
    Ok(Processed { header, crypto })
}

/// Decrypts an encrypted image into a new plaintext file `output` (also in the middle of a
/// deep rekey: sectors below the progress mark use the next DEK, and the chunk at the mark is
/// taken from the journal when it holds one for this rekey, as a resume would replay it). The
/// header is authenticated first ([`Unlocked::open`]).
///
/// # Errors
/// I/O, a wrong KEK, a failed unwrap, [`DiskError::NotAuthentic`].
pub fn decrypt_image(
    image: &Path,
    output: &Path,
    kek: &Kek,
    progress: &ProgressBar,
) -> Result<Processed, DiskError> {
    let Unlocked {
        header,
        current,
        next,
    } = Unlocked::open(image, kek)?;
    let cur = xts_of(&current)?;
    let mut crypto = Duration::ZERO;
    let nxt = next.as_ref().map(xts_of).transpose()?;
    let mut boundary = header.rekey.as_ref().map_or(0, |r| r.progress);
    let ss = header.sector_size as usize;
    // After a crash, the chunk at the progress mark may be torn on disk: its journal, if it
    // holds one for this rekey, has the whole chunk under the next DEK.
    let journaled = match (&next, &nxt) {
        (Some(next), Some(new)) => read_journal(
            image,
            &RekeyKeys {
                header: &header,
                next,
                old: &cur,
                new,
            },
            boundary,
        )?,
        _ => None,
    };
    let journaled = journaled.map(|data| {
        let first = boundary;
        boundary += (data.len() / ss) as u64;
        (first, data)
    });
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
        if let Some((first, data)) = &journaled {
            overlay(chunk, sector, data, *first, ss);
        }
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

/// Copies the sectors of `data` (starting at sector `first`) that fall in `chunk` (starting at
/// sector `sector`) over it.
fn overlay(chunk: &mut [u8], sector: u64, data: &[u8], first: u64, ss: usize) {
    let to_bytes = |sectors: u64| {
        usize::try_from(sectors)
            .unwrap_or(usize::MAX)
            .saturating_mul(ss)
    };
    let chunk_end = sector.saturating_add((chunk.len() / ss) as u64);
    let data_end = first.saturating_add((data.len() / ss) as u64);
    let (from, to) = (sector.max(first), chunk_end.min(data_end));
    if from >= to {
        return;
    }
    let len = to_bytes(to - from);
    let src = data
        .get(to_bytes(from - first)..)
        .and_then(|d| d.get(..len));
    let dst = chunk
        .get_mut(to_bytes(from - sector)..)
        .and_then(|c| c.get_mut(..len));
    if let (Some(src), Some(dst)) = (src, dst) {
        dst.copy_from_slice(src);
    }
}

/// Shallow rekey: re-wraps the image's DEK(s) from `old_kek` to `new_kek` and writes a new
/// header over both slots, so no DEK wrapped under `old_kek` remains in the image. The data is
/// not touched.
///
/// # Errors
/// I/O, a wrong or unusable KEK, [`DiskError::NotAuthentic`].
pub fn shallow_rekey(image: &Path, old_kek: &Kek, new_kek: &Kek) -> Result<Header, DiskError> {
    let Unlocked {
        header,
        current,
        next,
    } = Unlocked::open(image, old_kek)?;
    let mut h = header.next()?;
    h.kms_key_id = new_kek
        .id()
        .as_str()
        .ok_or_else(|| DiskError::Invalid("KEK id is not text".into()))?
        .to_owned();
    let context = h.binding_context();
    h.current = new_kek.wrap_dek(
        &current,
        WrapMethod::NistKeyWrap,
        Binding::Context(&context),
    )?;
    if let (Some(r), Some(next)) = (h.rekey.as_mut(), next.as_ref()) {
        r.next = new_kek.wrap_dek(next, WrapMethod::NistKeyWrap, Binding::Context(&context))?;
    }
    h.seal(&current)?;
    let mut f = OpenOptions::new()
        .write(true)
        .open(image)
        .map_err(io_err(image))?;
    h.write(&mut f, image)?;
    Ok(h)
}

/// Options of [`deep_rekey`].
#[derive(Clone, Debug)]
pub struct DeepRekeyOptions {
    /// Bytes per journaled chunk (a multiple of the sector size is used, at most
    /// [`MAX_CHUNK`]).
    pub chunk: usize,
    /// Stop with [`DiskError::Interrupted`] after this many chunks (simulates an
    /// interruption).
    pub stop_after_chunks: Option<u64>,
    /// With `stop_after_chunks`: stop after the journal of the next chunk is written but
    /// before the chunk is written in place (simulates a crash at the worst moment).
    pub stop_after_journal: bool,
    /// Append each durable-write step to this file, `synced` once it is durable (for crash
    /// tests: `disk-crypt` sets it from `DISK_CRYPT_TRACE`).
    pub trace: Option<PathBuf>,
}

impl Default for DeepRekeyOptions {
    fn default() -> Self {
        DeepRekeyOptions {
            chunk: CHUNK,
            stop_after_chunks: None,
            stop_after_journal: false,
            trace: None,
        }
    }
}

/// The journal file of an image.
pub fn journal_path(image: &Path) -> PathBuf {
    let mut name = image.as_os_str().to_owned();
    name.push(".rekey-journal");
    PathBuf::from(name)
}

/// The temporary file a journal is written to before it is renamed into place.
pub fn journal_tmp_path(image: &Path) -> PathBuf {
    let mut name = journal_path(image).into_os_string();
    name.push(".tmp");
    PathBuf::from(name)
}

/// What a journal is checked against: the authenticated header and both DEKs.
struct RekeyKeys<'a> {
    header: &'a Header,
    next: &'a Dek,
    old: &'a Xts256,
    new: &'a Xts256,
}

fn journal_head(
    keys: &RekeyKeys<'_>,
    first: u64,
    count: u64,
    old_hash: &[u8],
    data: &[u8],
) -> Result<Vec<u8>, DiskError> {
    let mut head = Vec::with_capacity(JOURNAL_HEADER);
    head.extend_from_slice(&JOURNAL_MAGIC);
    head.extend_from_slice(&keys.header.image_id);
    head.extend_from_slice(keys.next.fingerprint().as_bytes());
    head.extend_from_slice(&first.to_be_bytes());
    head.extend_from_slice(&count.to_be_bytes());
    head.extend_from_slice(&keys.header.sector_size.to_be_bytes());
    head.extend_from_slice(&[0u8; 4]);
    head.extend_from_slice(old_hash);
    head.extend_from_slice(&Sha256::digest(data));
    let mac = keyed_mac(JOURNAL_MAC_SALT, keys.next, &keys.header.image_id, &[&head])?;
    head.extend_from_slice(&mac);
    Ok(head)
}

/// Writes the journal of the chunk at `first` (new ciphertext `data`) durably: temporary file
/// created exclusively, synced, renamed into place, directory synced.
fn write_journal(
    image: &Path,
    keys: &RekeyKeys<'_>,
    first: u64,
    old_hash: &[u8],
    data: &[u8],
    trace: &mut Trace,
) -> Result<(), DiskError> {
    let ss = keys.header.sector_size as usize;
    let count = (data.len() / ss) as u64;
    let head = journal_head(keys, first, count, old_hash, data)?;
    let tmp = journal_tmp_path(image);
    let path = journal_path(image);
    let dir = parent_dir(image);
    remove_durably(&tmp, trace, "tmp-unlink")?;
    trace.note("journal-tmp");
    let mut f = no_follow(OpenOptions::new().write(true).create_new(true))
        .open(&tmp)
        .map_err(io_err(&tmp))?;
    f.write_all(&head).map_err(io_err(&tmp))?;
    f.write_all(data).map_err(io_err(&tmp))?;
    f.sync_all().map_err(io_err(&tmp))?;
    sync_dir(&dir)?;
    trace.note("synced");
    trace.note("journal-rename");
    std::fs::rename(&tmp, &path).map_err(io_err(&path))?;
    sync_dir(&dir)?;
    trace.note("synced");
    Ok(())
}

/// The new ciphertext of the chunk at `progress`, if the image's journal holds one for this
/// rekey (see the module docs); `None` for a missing, stale or damaged journal.
fn read_journal(
    image: &Path,
    keys: &RekeyKeys<'_>,
    progress: u64,
) -> Result<Option<Vec<u8>>, DiskError> {
    let path = journal_path(image);
    let mut f = match no_follow(OpenOptions::new().read(true)).open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        // A symbolic link is never a journal of ours.
        Err(e) if is_symlink_refusal(&e) => return Ok(None),
        Err(e) => return Err(io_err(&path)(e)),
    };
    let meta = f.metadata().map_err(io_err(&path))?;
    let Some(data_len) = meta
        .len()
        .checked_sub(JOURNAL_HEADER as u64)
        .filter(|n| meta.is_file() && *n > 0 && *n <= MAX_CHUNK as u64)
        .and_then(|n| usize::try_from(n).ok())
    else {
        return Ok(None);
    };
    let mut head = [0u8; JOURNAL_HEADER];
    if read_full(&mut f, &mut head, &path)? != JOURNAL_HEADER {
        return Ok(None);
    }
    let field = |from: usize, to: usize| head.get(from..to).unwrap_or_default();
    let word = |at: usize| {
        field(at, at + 8)
            .try_into()
            .map(u64::from_be_bytes)
            .unwrap_or(u64::MAX)
    };
    let header = keys.header;
    let expected = keyed_mac(
        JOURNAL_MAC_SALT,
        keys.next,
        &header.image_id,
        &[field(0, JOURNAL_MAC_AT)],
    )?;
    let ss = u64::from(header.sector_size);
    let (first, count) = (word(56), word(64));
    let authentic = bool::from(expected.ct_eq(field(JOURNAL_MAC_AT, JOURNAL_HEADER)));
    if !authentic
        || field(0, 8) != JOURNAL_MAGIC
        || field(8, 24) != header.image_id
        || field(24, 56) != keys.next.fingerprint().as_bytes()
        || field(72, 76) != header.sector_size.to_be_bytes()
        || field(76, 80) != [0u8; 4]
        || first != progress
        || count == 0
        || count.checked_mul(ss) != Some(data_len as u64)
        || first
            .checked_add(count)
            .is_none_or(|end| end > header.sectors())
    {
        return Ok(None);
    }
    let mut data = vec![0u8; data_len];
    if read_full(&mut f, &mut data, &path)? != data_len
        || Sha256::digest(&data).as_slice() != field(112, 144)
    {
        return Ok(None);
    }
    // The data must be the old ciphertext recorded, re-encrypted: take it back and compare.
    let mut back = data.clone();
    xts_engine::rekey_sectors_parallel(keys.new, keys.old, &mut back, ss as usize, first, 0)?;
    if Sha256::digest(&back).as_slice() != field(80, 112) {
        return Ok(None);
    }
    Ok(Some(data))
}

/// Writes `data` in place at sector `first` and syncs.
fn write_in_place(
    f: &mut File,
    image: &Path,
    first: u64,
    ss: usize,
    data: &[u8],
    trace: &mut Trace,
) -> Result<(), DiskError> {
    let at = DATA_OFFSET + first * ss as u64;
    trace.note(&format!("data {at} {}", data.len()));
    f.seek(SeekFrom::Start(at)).map_err(io_err(image))?;
    f.write_all(data).map_err(io_err(image))?;
    f.sync_data().map_err(io_err(image))?;
    trace.note("synced");
    Ok(())
}

/// The header with the deep rekey progress at `done`, sealed and written.
fn advance(
    header: &Header,
    done: u64,
    current: &Dek,
    f: &mut File,
    image: &Path,
    trace: &mut Trace,
) -> Result<Header, DiskError> {
    let mut h = header.next()?;
    if let Some(r) = h.rekey.as_mut() {
        r.progress = done;
    }
    h.seal(current)?;
    h.write_traced(f, image, trace)?;
    Ok(h)
}

/// Deep rekey: re-encrypts every sector under a new DEK (same KEK), resumably. Starts a new
/// rekey, or resumes the one the header records. See the module docs.
///
/// # Errors
/// I/O, a wrong or unusable KEK, [`DiskError::NotAuthentic`], [`DiskError::Interrupted`]
/// when asked to stop.
pub fn deep_rekey(
    image: &Path,
    kek: &Kek,
    options: &DeepRekeyOptions,
    progress: &ProgressBar,
) -> Result<Processed, DiskError> {
    let mut trace = Trace::open(options.trace.as_deref())?;
    let mut crypto = Duration::ZERO;
    let Unlocked {
        mut header,
        current,
        next,
    } = Unlocked::open(image, kek)?;
    let journal = journal_path(image);
    let tmp = journal_tmp_path(image);
    let mut f = OpenOptions::new()
        .read(true)
        .write(true)
        .open(image)
        .map_err(io_err(image))?;
    let next = match next {
        Some(n) => n,
        None => {
            // No rekey in progress: nothing beside the image can belong to the new one.
            remove_durably(&journal, &mut trace, "journal-unlink")?;
            remove_durably(&tmp, &mut trace, "tmp-unlink")?;
            let n = new_dek()?;
            let mut h = header.next()?;
            let context = h.binding_context();
            h.rekey = Some(RekeyState {
                next: kek.wrap_dek(&n, WrapMethod::NistKeyWrap, Binding::Context(&context))?,
                progress: 0,
            });
            h.seal(&current)?;
            h.write_traced(&mut f, image, &mut trace)?;
            header = h;
            n
        }
    };
    let old = xts_of(&current)?;
    let new = xts_of(&next)?;
    let ss = header.sector_size as usize;
    let total = header.sectors();
    let per_chunk = (options.chunk.clamp(ss, MAX_CHUNK) / ss) as u64;
    let mut done = header.rekey.as_ref().map_or(0, |r| r.progress);
    progress.set_length(header.data_len);
    progress.set_position(done * ss as u64);

    // Replay the journal of the chunk at the progress mark, if there is one for this rekey.
    let replay = read_journal(
        image,
        &RekeyKeys {
            header: &header,
            next: &next,
            old: &old,
            new: &new,
        },
        done,
    )?;
    if let Some(data) = replay {
        write_in_place(&mut f, image, done, ss, &data, &mut trace)?;
        done += (data.len() / ss) as u64;
        header = advance(&header, done, &current, &mut f, image, &mut trace)?;
        progress.set_position(done * ss as u64);
    }
    remove_durably(&tmp, &mut trace, "tmp-unlink")?;

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
        let old_hash = Sha256::digest(&*chunk);
        let t = Instant::now();
        xts_engine::rekey_sectors_parallel(&old, &new, chunk, ss, done, 0)?;
        crypto += t.elapsed();
        let keys = RekeyKeys {
            header: &header,
            next: &next,
            old: &old,
            new: &new,
        };
        write_journal(image, &keys, done, &old_hash, chunk, &mut trace)?;
        if options.stop_after_journal && options.stop_after_chunks == Some(chunks) {
            return Err(DiskError::Interrupted { done, total });
        }
        write_in_place(&mut f, image, done, ss, chunk, &mut trace)?;
        done += count;
        header = advance(&header, done, &current, &mut f, image, &mut trace)?;
        progress.inc(len as u64);
        chunks += 1;
        if !options.stop_after_journal && options.stop_after_chunks == Some(chunks) && done < total
        {
            return Err(DiskError::Interrupted { done, total });
        }
    }
    // The journal goes, durably, before the header that retires the old DEK: a journal can
    // never outlive its rekey.
    remove_durably(&journal, &mut trace, "journal-unlink")?;
    // Switch: the next DEK becomes current; both slots are overwritten, so the old DEK's
    // wrapping is gone from the image.
    let mut h = header.next()?;
    if let Some(r) = h.rekey.take() {
        h.current = r.next;
    }
    h.seal(&next)?;
    h.write_traced(&mut f, image, &mut trace)?;
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
        let image_id = new_image_id().unwrap();
        let ctx = binding_context(&image_id, 512, 512 * 10);
        let mut h = Header {
            sequence: 5,
            sector_size: 512,
            data_len: 512 * 10,
            image_id,
            kms_key_id: "kek-1".into(),
            current: k
                .wrap_dek(&dek, WrapMethod::NistKeyWrap, Binding::Context(&ctx))
                .unwrap(),
            rekey: None,
            mac: [0; 32],
        };
        h.seal(&dek).unwrap();
        let slot = h.encode().unwrap();
        assert_eq!(slot.len(), SLOT_LEN);
        let back = Header::decode(&slot).unwrap();
        assert_eq!(back, h);
        let p = Path::new("x");
        Unlocked::authenticate(back.clone(), &k, p).unwrap();
        // Another image's id: the DEK does not unwrap. A changed field: the MAC fails.
        let mut other = back.clone();
        other.image_id[0] ^= 1;
        assert!(matches!(
            Unlocked::authenticate(other, &k, p),
            Err(DiskError::NotAuthentic { .. })
        ));
        let mut other = back;
        other.sequence += 1;
        assert!(matches!(
            Unlocked::authenticate(other, &k, p),
            Err(DiskError::NotAuthentic {
                what: "MAC mismatch",
                ..
            })
        ));
        // A plain (unbound) wrapped DEK is refused when decoding.
        let mut plain = h.clone();
        plain.current = k
            .wrap_dek(&dek, WrapMethod::NistKeyWrap, Binding::Plain)
            .unwrap();
        assert_eq!(
            Header::decode(&plain.encode().unwrap()),
            Err(HeaderError::ForeignWrappedKey)
        );
        // Version 1 is named as the old format.
        let mut v1 = slot.clone();
        v1[9] = 1;
        assert_eq!(
            Header::decode(&v1),
            Err(HeaderError::OldFormat { version: 1 })
        );
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
            trace: None,
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
        // Decryption reads the torn chunk from its journal.
        let out = dir.path().join("torn.img");
        decrypt_image(&img, &out, &k2, &hidden).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), data);
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
