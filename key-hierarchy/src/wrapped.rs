//! Wrapped keys and their stable byte encoding.
//!
//! A [`WrappedKey`] carries everything needed to unwrap it later and nothing secret: the key's
//! id, kind and algorithm, the wrapping key's id and version, the wrap method, whether it is
//! bound to a context, the KDK a derived wrapping key came from, and the wrapped bytes.
//!
//! The encoding (format version 1) is a fixed header followed by length-prefixed fields, all
//! integers big-endian; see the crate README for the table. Decoding is strict (every field
//! checked, exact wrapped length, no trailing bytes), so `encode(decode(x)) == x` for every
//! accepted `x`, and hostile bytes return an error that says at which byte, never a panic.

use core::fmt;

use crate::Error;
use crate::id::KeyId;
use crate::keys::KeyAlgorithm;
use crate::wrap::WrapMethod;

/// First four bytes of every encoding: ASCII `KHWK`.
pub const MAGIC: [u8; 4] = *b"KHWK";
/// Format version written by this crate.
pub const FORMAT_VERSION: u8 = 1;
/// Flag bit: wrapped under a per-object key derived from the wrapping key and a context.
pub const FLAG_CONTEXT_BOUND: u8 = 0x01;
/// Flag bit: the wrapping key is a KEK derived from a KDK; the KDK id follows.
pub const FLAG_KDK_DERIVED: u8 = 0x02;
const KNOWN_FLAGS: u8 = FLAG_CONTEXT_BOUND | FLAG_KDK_DERIVED;

/// What a wrapped key is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyKind {
    /// A key-encrypting key, wrapped by the root.
    Kek,
    /// A data-encrypting key, wrapped by a KEK.
    Dek,
    /// A key-derivation key, wrapped by the root.
    Kdk,
}

impl KeyKind {
    /// One-byte code in the encoding.
    pub const fn code(self) -> u8 {
        match self {
            KeyKind::Kek => 1,
            KeyKind::Dek => 2,
            KeyKind::Kdk => 3,
        }
    }

    /// The kind for an encoding code.
    pub const fn from_code(code: u8) -> Option<Self> {
        match code {
            1 => Some(KeyKind::Kek),
            2 => Some(KeyKind::Dek),
            3 => Some(KeyKind::Kdk),
            _ => None,
        }
    }
}

impl fmt::Display for KeyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyKind::Kek => "KEK",
            KeyKind::Dek => "DEK",
            KeyKind::Kdk => "KDK",
        })
    }
}

/// The method byte of the encoding: the low byte of the KMIP Block Cipher Mode.
pub(crate) const fn method_code(method: WrapMethod) -> u8 {
    match method {
        WrapMethod::NistKeyWrap => 0x0D,
        WrapMethod::AesKeyWrapPadding => 0x0C,
    }
}

/// The parts of a [`WrappedKey`], all public, for building one from another representation
/// (a KMIP Key Block with Key Wrapping Data, a database row) and back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedKeyParts {
    /// What the wrapped key is.
    pub kind: KeyKind,
    /// The wrapped key's identifier.
    pub key_id: KeyId,
    /// The wrapped key's algorithm (fixes its length).
    pub algorithm: KeyAlgorithm,
    /// How it was wrapped.
    pub method: WrapMethod,
    /// Wrapped under a per-object key derived from the wrapping key and a context.
    pub context_bound: bool,
    /// Identifier of the wrapping key (the root for KEKs and KDKs, a KEK for DEKs).
    pub wrapping_key_id: KeyId,
    /// Version of the wrapping key (the root version; 0 for a KEK, which is not versioned).
    pub wrapping_key_version: u32,
    /// The KDK the wrapping KEK was derived from, if it was.
    pub kdk_id: Option<KeyId>,
    /// The wrapped bytes.
    pub wrapped: Vec<u8>,
}

/// A wrapped key with the metadata to unwrap it. See the module docs.
#[derive(Clone, PartialEq, Eq)]
pub struct WrappedKey {
    parts: WrappedKeyParts,
}

/// Why a set of parts is inconsistent, and which encoded field to blame.
struct Inconsistency {
    field: &'static str,
    reason: &'static str,
}

fn check(parts: &WrappedKeyParts) -> Result<(), Inconsistency> {
    match parts.kind {
        KeyKind::Kek | KeyKind::Kdk => {
            if parts.algorithm != KeyAlgorithm::Aes256 {
                return Err(Inconsistency {
                    field: "algorithm",
                    reason: "a KEK or KDK is an AES-256 key",
                });
            }
            if parts.context_bound || parts.kdk_id.is_some() {
                return Err(Inconsistency {
                    field: "flags",
                    reason: "a KEK or KDK is wrapped by the root, unbound and underived",
                });
            }
        }
        KeyKind::Dek => {}
    }
    let expected = parts.method.wrapped_len(parts.algorithm.key_len());
    if expected != Some(parts.wrapped.len()) {
        return Err(Inconsistency {
            field: "wrapped key length",
            reason: "wrapped length does not match the algorithm and wrap method",
        });
    }
    Ok(())
}

impl WrappedKey {
    /// Build from parts, checking that they agree: a KEK or KDK is AES-256, unbound and
    /// underived; the wrapped length is exactly the method's output for the algorithm's key
    /// length (40 bytes for 32, 72 for 64).
    pub fn from_parts(parts: WrappedKeyParts) -> Result<Self, Error> {
        check(&parts).map_err(|i| Error::InconsistentWrappedKey { reason: i.reason })?;
        Ok(WrappedKey { parts })
    }

    /// The parts, by reference.
    pub fn parts(&self) -> &WrappedKeyParts {
        &self.parts
    }

    /// The parts, by value.
    pub fn into_parts(self) -> WrappedKeyParts {
        self.parts
    }

    /// What the wrapped key is.
    pub fn kind(&self) -> KeyKind {
        self.parts.kind
    }

    /// The wrapped key's identifier.
    pub fn key_id(&self) -> &KeyId {
        &self.parts.key_id
    }

    /// The wrapped key's algorithm.
    pub fn algorithm(&self) -> KeyAlgorithm {
        self.parts.algorithm
    }

    /// The wrap method (KMIP Block Cipher Mode 0x0D or 0x0C).
    pub fn method(&self) -> WrapMethod {
        self.parts.method
    }

    /// Bound to a context.
    pub fn is_context_bound(&self) -> bool {
        self.parts.context_bound
    }

    /// The wrapping key's identifier.
    pub fn wrapping_key_id(&self) -> &KeyId {
        &self.parts.wrapping_key_id
    }

    /// The wrapping key's version.
    pub fn wrapping_key_version(&self) -> u32 {
        self.parts.wrapping_key_version
    }

    /// The KDK a derived wrapping KEK came from.
    pub fn kdk_id(&self) -> Option<&KeyId> {
        self.parts.kdk_id.as_ref()
    }

    /// The wrapped bytes (KMIP Key Material of a wrapped Key Block).
    pub fn wrapped_bytes(&self) -> &[u8] {
        &self.parts.wrapped
    }

    /// Length of [`WrappedKey::encode`]'s output.
    pub fn encoded_len(&self) -> usize {
        let p = &self.parts;
        let kdk = p.kdk_id.map_or(0, |k| k.as_bytes().len().saturating_add(1));
        // Header (14 bytes incl. key id length) + ids + KDK + length + wrapped. All terms are
        // bounded (ids ≤ 64 bytes, wrapped ≤ 72 bytes), so the sum cannot overflow.
        [
            14,
            p.key_id.as_bytes().len(),
            1,
            p.wrapping_key_id.as_bytes().len(),
            kdk,
            2,
            p.wrapped.len(),
        ]
        .iter()
        .fold(0usize, |acc, n| acc.saturating_add(*n))
    }

    /// Append the encoding to `out`.
    pub fn encode_into(&self, out: &mut Vec<u8>) {
        let p = &self.parts;
        let mut flags = 0u8;
        if p.context_bound {
            flags |= FLAG_CONTEXT_BOUND;
        }
        if p.kdk_id.is_some() {
            flags |= FLAG_KDK_DERIVED;
        }
        out.reserve(self.encoded_len());
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&[
            FORMAT_VERSION,
            p.kind.code(),
            p.algorithm.code(),
            method_code(p.method),
            flags,
        ]);
        out.extend_from_slice(&p.wrapping_key_version.to_be_bytes());
        put_id(out, &p.key_id);
        put_id(out, &p.wrapping_key_id);
        if let Some(kdk) = &p.kdk_id {
            put_id(out, kdk);
        }
        // `from_parts`/`decode` guarantee 40 or 72 bytes.
        let w = u16::try_from(p.wrapped.len()).unwrap_or(u16::MAX);
        out.extend_from_slice(&w.to_be_bytes());
        out.extend_from_slice(&p.wrapped);
    }

    /// The encoding.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.encoded_len());
        self.encode_into(&mut out);
        out
    }

    /// Decode one whole encoding; trailing bytes are an error.
    pub fn decode(bytes: &[u8]) -> Result<Self, Error> {
        let mut r = Reader { buf: bytes, pos: 0 };
        let (at, magic) = r.take(4)?;
        if magic != MAGIC {
            return Err(Error::BadMagic { offset: at });
        }
        let (at, version) = r.u8()?;
        if version != FORMAT_VERSION {
            return Err(Error::UnsupportedVersion {
                offset: at,
                version,
            });
        }
        let (kind_at, code) = r.u8()?;
        let kind = KeyKind::from_code(code).ok_or(Error::InvalidField {
            offset: kind_at,
            field: "key kind",
            value: code.into(),
        })?;
        let (alg_at, code) = r.u8()?;
        let algorithm = KeyAlgorithm::from_code(code).ok_or(Error::InvalidField {
            offset: alg_at,
            field: "algorithm",
            value: code.into(),
        })?;
        let (method_at, code) = r.u8()?;
        let method =
            WrapMethod::from_kmip_block_cipher_mode(code.into()).ok_or(Error::InvalidField {
                offset: method_at,
                field: "wrap method",
                value: code.into(),
            })?;
        let (flags_at, flags) = r.u8()?;
        if flags & !KNOWN_FLAGS != 0 {
            return Err(Error::InvalidField {
                offset: flags_at,
                field: "flags",
                value: flags.into(),
            });
        }
        let (_, v) = r.take(4)?;
        let wrapping_key_version = v
            .first_chunk::<4>()
            .map(|b| u32::from_be_bytes(*b))
            .unwrap_or_default();
        let key_id = r.id("key id length")?;
        let wrapping_key_id = r.id("wrapping key id length")?;
        let kdk_id = if flags & FLAG_KDK_DERIVED != 0 {
            Some(r.id("KDK id length")?)
        } else {
            None
        };
        let (len_at, w) = r.take(2)?;
        let wrapped_len = w
            .first_chunk::<2>()
            .map(|b| u16::from_be_bytes(*b))
            .unwrap_or_default();
        let (_, wrapped) = r.take(usize::from(wrapped_len))?;
        if r.remaining() != 0 {
            return Err(Error::TrailingData {
                offset: r.pos,
                remaining: r.remaining(),
            });
        }
        let parts = WrappedKeyParts {
            kind,
            key_id,
            algorithm,
            method,
            context_bound: flags & FLAG_CONTEXT_BOUND != 0,
            wrapping_key_id,
            wrapping_key_version,
            kdk_id,
            wrapped: wrapped.to_vec(),
        };
        check(&parts).map_err(|i| {
            let (offset, value) = match i.field {
                "algorithm" => (alg_at, u64::from(algorithm.code())),
                "flags" => (flags_at, u64::from(flags)),
                _ => (len_at, u64::from(wrapped_len)),
            };
            Error::InvalidField {
                offset,
                field: i.field,
                value,
            }
        })?;
        Ok(WrappedKey { parts })
    }
}

fn put_id(out: &mut Vec<u8>, id: &KeyId) {
    let b = id.as_bytes();
    out.push(u8::try_from(b.len()).unwrap_or(u8::MAX));
    out.extend_from_slice(b);
}

impl fmt::Debug for WrappedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = &self.parts;
        f.debug_struct("WrappedKey")
            .field("kind", &p.kind)
            .field("key_id", &p.key_id)
            .field("algorithm", &p.algorithm)
            .field("method", &p.method)
            .field("context_bound", &p.context_bound)
            .field("wrapping_key_id", &p.wrapping_key_id)
            .field("wrapping_key_version", &p.wrapping_key_version)
            .field("kdk_id", &p.kdk_id)
            .field("wrapped_len", &p.wrapped.len())
            .finish()
    }
}

/// Bounds-checked cursor: one primitive, `take`, on `split_at_checked`.
struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn remaining(&self) -> usize {
        self.buf.len().saturating_sub(self.pos)
    }

    fn take(&mut self, n: usize) -> Result<(usize, &'a [u8]), Error> {
        let rest = self.buf.get(self.pos..).unwrap_or(&[]);
        let (field, _) = rest.split_at_checked(n).ok_or(Error::Truncated {
            offset: self.pos,
            needed: n,
            available: rest.len(),
        })?;
        let at = self.pos;
        self.pos = self.pos.saturating_add(n);
        Ok((at, field))
    }

    fn u8(&mut self) -> Result<(usize, u8), Error> {
        let (at, b) = self.take(1)?;
        Ok((at, b.first().copied().unwrap_or_default()))
    }

    fn id(&mut self, field: &'static str) -> Result<KeyId, Error> {
        let (at, len) = self.u8()?;
        if len == 0 || usize::from(len) > KeyId::MAX_LEN {
            return Err(Error::InvalidField {
                offset: at,
                field,
                value: len.into(),
            });
        }
        let (_, id) = self.take(usize::from(len))?;
        KeyId::new(id)
    }
}
