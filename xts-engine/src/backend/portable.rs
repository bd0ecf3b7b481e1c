//! Portable backend: the `aes` crate's block cipher (which itself picks VAES, AES-NI, ARMv8 AES
//! or a bitsliced software implementation) driven through its many-blocks API.
//!
//! The tweaks of a batch are whitened into the data in one cheap pass (a 128-bit shift and a
//! conditional XOR per block), the whole batch goes through `encrypt_blocks`/`decrypt_blocks` so
//! the `aes` crate can keep its widest parallel path busy, and a second pass recomputes and
//! removes the tweaks. No tweak buffer is needed, and the batch stays in L1.
//!
//! The core is generic over the block cipher so that the AES-128 vectors of IEEE Std 1619
//! (including those for ciphertext stealing) can exercise exactly this code in tests.

use aes::cipher::{
    Array, BlockCipherDecrypt, BlockCipherEncrypt, BlockSizeUser, KeyInit, consts::U16,
};

use super::{mul_alpha, split_unit, steal};

/// Blocks per call into the `aes` crate: a multiple of its batch sizes (8 for AES-NI, 30 for
/// VAES-256, 64 for VAES-512), 15 KiB so the batch stays in L1.
const BATCH_BLOCKS: usize = 960;
/// Data units whose tweaks are encrypted in one call.
const TWEAK_BATCH: usize = 16;

/// Always available: the `aes` crate runs everywhere.
pub(crate) fn is_available() -> bool {
    true
}

/// XTS over any 128-bit block cipher: `data` is Key1's cipher, `tweak` is Key2's.
///
/// The `aes` ciphers zeroize their round keys on drop (the `zeroize` feature is on).
pub(crate) struct Portable<C> {
    data: C,
    tweak: C,
}

impl<C> Portable<C>
where
    C: BlockCipherEncrypt + BlockCipherDecrypt + BlockSizeUser<BlockSize = U16> + KeyInit,
{
    /// Keys the two ciphers; `None` if a key has the wrong length for `C`.
    pub(crate) fn new(k1: &[u8], k2: &[u8]) -> Option<Self> {
        if !is_available() {
            return None;
        }
        let data = C::new_from_slice(k1).ok()?;
        let tweak = C::new_from_slice(k2).ok()?;
        Some(Self { data, tweak })
    }

    pub(crate) fn encrypt_units(&self, data: &mut [u8], unit: usize, first: u128) {
        self.units::<true>(data, unit, first);
    }

    pub(crate) fn decrypt_units(&self, data: &mut [u8], unit: usize, first: u128) {
        self.units::<false>(data, unit, first);
    }

    fn units<const ENC: bool>(&self, data: &mut [u8], unit: usize, first: u128) {
        if unit < 16 {
            return;
        }
        let mut units = data.chunks_exact_mut(unit);
        let mut sector = first;
        while units.len() > 0 {
            let n = units.len().min(TWEAK_BATCH);
            let mut tweaks: [Array<u8, U16>; TWEAK_BATCH] = Default::default();
            let mut s = sector;
            for t in tweaks.iter_mut().take(n) {
                *t = Array(s.to_le_bytes());
                s = s.wrapping_add(1);
            }
            self.tweak
                .encrypt_blocks(tweaks.get_mut(..n).unwrap_or_default());
            for t in tweaks.iter().take(n) {
                let Some(u) = units.next() else { break };
                self.unit::<ENC>(u, u128::from_le_bytes(t.0));
            }
            sector = s;
        }
    }

    /// One data unit (at least 16 bytes) whose encrypted tweak is `t`.
    fn unit<const ENC: bool>(&self, unit: &mut [u8], t: u128) {
        let (bulk, tail) = split_unit(unit);
        let t = self.blocks::<ENC>(bulk, t);
        if !tail.is_empty() {
            steal(ENC, tail, t, |block, tw| self.one::<ENC>(block, tw));
        }
    }

    /// XEX over whole blocks starting with tweak `t`; returns the tweak of the next block.
    fn blocks<const ENC: bool>(&self, bulk: &mut [u8], mut t: u128) -> u128 {
        let (blocks, _) = bulk.as_chunks_mut::<16>();
        for batch in blocks.chunks_mut(BATCH_BLOCKS) {
            let mut tw = t;
            for b in batch.iter_mut() {
                xor_tweak(b, tw);
                tw = mul_alpha(tw);
            }
            let cipher_blocks = Array::cast_slice_from_core_mut(batch);
            if ENC {
                self.data.encrypt_blocks(cipher_blocks);
            } else {
                self.data.decrypt_blocks(cipher_blocks);
            }
            let mut tw2 = t;
            for b in batch.iter_mut() {
                xor_tweak(b, tw2);
                tw2 = mul_alpha(tw2);
            }
            t = tw;
        }
        t
    }

    /// Single-block XEX, used by ciphertext stealing.
    fn one<const ENC: bool>(&self, block: &mut [u8; 16], t: u128) {
        xor_tweak(block, t);
        let b: &mut Array<u8, U16> = block.into();
        if ENC {
            self.data.encrypt_block(b);
        } else {
            self.data.decrypt_block(b);
        }
        xor_tweak(block, t);
    }
}

#[inline(always)]
fn xor_tweak(block: &mut [u8; 16], t: u128) {
    *block = (u128::from_le_bytes(*block) ^ t).to_le_bytes();
}

#[cfg(test)]
mod tests {
    //! The AES-128 vectors of IEEE Std 1619 Annex B run here, on the generic portable core, because
    //! the public type is AES-256 only. Vectors 15-18 are the ciphertext-stealing ones.
    use super::*;

    const VECTORS: &str = include_str!("../../tests/data/ieee1619_xts.txt");

    struct Vector {
        number: u32,
        cipher: String,
        key: Vec<u8>,
        tweak: [u8; 16],
        plaintext: Vec<u8>,
        ciphertext: Vec<u8>,
        result: Option<String>,
    }

    fn hex(s: &str) -> Vec<u8> {
        assert!(s.len().is_multiple_of(2), "odd hex length");
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex digit"))
            .collect()
    }

    fn vectors() -> Vec<Vector> {
        let mut out = Vec::new();
        for block in VECTORS.split("\n\n") {
            let mut fields = std::collections::HashMap::new();
            for line in block.lines().filter(|l| !l.starts_with('#')) {
                if let Some((k, v)) = line.split_once(" = ") {
                    fields.insert(k.trim(), v.trim());
                }
            }
            let Some(number) = fields.get("Vector") else {
                continue;
            };
            out.push(Vector {
                number: number.parse().expect("vector number"),
                cipher: fields["Cipher"].to_owned(),
                key: hex(fields["Key"]),
                tweak: hex(fields["Tweak"]).try_into().expect("16-byte tweak"),
                plaintext: hex(fields["Plaintext"]),
                ciphertext: hex(fields["Ciphertext"]),
                result: fields.get("Result").map(|s| (*s).to_owned()),
            });
        }
        out
    }

    #[test]
    fn ieee1619_aes128_vectors_on_the_portable_core() {
        let vs = vectors();
        assert_eq!(vs.len(), 18, "vectors 1..=18");
        let mut run = 0;
        for v in vs.iter().filter(|v| v.cipher == "aes-128-xts") {
            let (k1, k2) = v.key.split_at(16);
            if v.result.as_deref() == Some("EQUAL_KEY_HALVES") {
                assert!(crate::halves_equal(k1, k2), "vector {}", v.number);
                continue;
            }
            assert!(!crate::halves_equal(k1, k2), "vector {}", v.number);
            let xts = Portable::<aes::Aes128>::new(k1, k2).expect("AES-128 keys");
            let mut buf = v.plaintext.clone();
            let len = buf.len();
            xts.encrypt_units(&mut buf, len, u128::from_le_bytes(v.tweak));
            assert_eq!(buf, v.ciphertext, "vector {} encrypt", v.number);
            xts.decrypt_units(&mut buf, len, u128::from_le_bytes(v.tweak));
            assert_eq!(buf, v.plaintext, "vector {} decrypt", v.number);
            run += 1;
        }
        // Vectors 2-9 and 15-18; vector 1 is the rejected equal-halves key.
        assert_eq!(run, 12);
    }

    #[test]
    fn ieee1619_aes256_vectors_on_the_portable_core() {
        let mut run = 0;
        for v in vectors().iter().filter(|v| v.cipher == "aes-256-xts") {
            let (k1, k2) = v.key.split_at(32);
            let xts = Portable::<aes::Aes256>::new(k1, k2).expect("AES-256 keys");
            let mut buf = v.plaintext.clone();
            let len = buf.len();
            xts.encrypt_units(&mut buf, len, u128::from_le_bytes(v.tweak));
            assert_eq!(buf, v.ciphertext, "vector {} encrypt", v.number);
            run += 1;
        }
        assert_eq!(run, 5, "vectors 10..=14");
    }
}
