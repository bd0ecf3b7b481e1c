//! The `kmip` feature: wrapped keys ⇄ KMIP 1.1 Key Blocks with Key Wrapping Data (§2.1.3,
//! §2.1.5, §2.1.6), answering a Get with and without a Key Wrapping Specification, unwrapping
//! what a KMS sends, and every refusal.

mod common;

use common::{TestRng, id, read_blocks};
use key_hierarchy::kmip::kmip_types::{
    Attribute, BlockCipherMode, ByteString, CryptographicAlgorithm, CryptographicParameters,
    EncodingOption, EncryptionKeyInformation, KeyBlock, KeyFormatType, KeyMaterial, KeyValue,
    KeyValueStructure, KeyWrappingData, KeyWrappingSpecification, MacSignatureKeyInformation,
    ResultReason, SecretBytes, TransparentSymmetricKey, WrappingMethod, from_bytes, to_bytes,
};
use key_hierarchy::kmip::{
    self, KekWrappedKey, KeyValueEncoding, KmipError, PlainKey, UnwrappedKey, WrappedKeyBlock,
    Wrapping,
};
use key_hierarchy::store::KekStore;
use key_hierarchy::wrap::{kw_wrap, kwp_wrap};
use key_hierarchy::{
    Binding, Dek, Error, Kdk, Kek, KeyAlgorithm, KeyHierarchy, KeyId, KeyKind, KeyState, LocalRoot,
    MemoryStore, Timestamp, WrapMethod, WrappedKey, WrappedKeyParts,
};
use proptest::prelude::*;
use subtle::ConstantTimeEq;

/// KMIP 1.1 Table 213 tags, and a minimal hand-written TTLV writer (3-byte tag, type, 4-byte
/// length, value padded to a multiple of 8), independent of kmip-types.
mod ttlv {
    pub const ATTRIBUTE: u32 = 0x420008;
    pub const ATTRIBUTE_NAME: u32 = 0x42000A;
    pub const ATTRIBUTE_VALUE: u32 = 0x42000B;
    pub const BLOCK_CIPHER_MODE: u32 = 0x420011;
    pub const CRYPTOGRAPHIC_ALGORITHM: u32 = 0x420028;
    pub const CRYPTOGRAPHIC_LENGTH: u32 = 0x42002A;
    pub const CRYPTOGRAPHIC_PARAMETERS: u32 = 0x42002B;
    pub const ENCRYPTION_KEY_INFORMATION: u32 = 0x420036;
    pub const KEY: u32 = 0x42003F;
    pub const KEY_BLOCK: u32 = 0x420040;
    pub const KEY_FORMAT_TYPE: u32 = 0x420042;
    pub const KEY_MATERIAL: u32 = 0x420043;
    pub const KEY_VALUE: u32 = 0x420045;
    pub const KEY_WRAPPING_DATA: u32 = 0x420046;
    pub const NAME_VALUE: u32 = 0x420055;
    pub const UNIQUE_IDENTIFIER: u32 = 0x420094;
    pub const WRAPPING_METHOD: u32 = 0x42009E;
    pub const ENCODING_OPTION: u32 = 0x4200A3;

    pub fn item(tag: u32, item_type: u8, value: &[u8]) -> Vec<u8> {
        let mut out = tag.to_be_bytes()[1..].to_vec();
        out.push(item_type);
        out.extend_from_slice(&(value.len() as u32).to_be_bytes());
        out.extend_from_slice(value);
        out.resize(out.len() + (8 - value.len() % 8) % 8, 0);
        out
    }
    pub fn structure(tag: u32, children: &[Vec<u8>]) -> Vec<u8> {
        item(tag, 0x01, &children.concat())
    }
    pub fn integer(tag: u32, v: i32) -> Vec<u8> {
        item(tag, 0x02, &v.to_be_bytes())
    }
    pub fn enumeration(tag: u32, v: u32) -> Vec<u8> {
        item(tag, 0x05, &v.to_be_bytes())
    }
    pub fn text(tag: u32, s: &str) -> Vec<u8> {
        item(tag, 0x07, s.as_bytes())
    }
    pub fn bytes(tag: u32, b: &[u8]) -> Vec<u8> {
        item(tag, 0x08, b)
    }
}

const KW: WrapMethod = WrapMethod::NistKeyWrap;
const KWP: WrapMethod = WrapMethod::AesKeyWrapPadding;

fn kek(name: &str, seed: u64) -> Kek {
    Kek::generate(id(name), &mut TestRng::new(seed)).unwrap()
}

fn dek(name: &str, algorithm: KeyAlgorithm, seed: u64) -> Dek {
    Dek::generate(id(name), algorithm, &mut TestRng::new(seed)).unwrap()
}

fn spec(
    kek_id: &str,
    mode: Option<BlockCipherMode>,
    enc: Option<EncodingOption>,
) -> KeyWrappingSpecification {
    KeyWrappingSpecification {
        wrapping_method: WrappingMethod::ENCRYPT,
        encryption_key_information: Some(EncryptionKeyInformation {
            unique_identifier: kek_id.into(),
            cryptographic_parameters: mode.map(|m| CryptographicParameters {
                block_cipher_mode: Some(m),
                ..Default::default()
            }),
            ..Default::default()
        }),
        encoding_option: enc,
        ..Default::default()
    }
}

fn mode_of(method: WrapMethod) -> BlockCipherMode {
    match method {
        WrapMethod::NistKeyWrap => BlockCipherMode::NIST_KEY_WRAP,
        _ => BlockCipherMode::AES_KEY_WRAP_PADDING,
    }
}

fn fingerprint_of(u: UnwrappedKey, dek_id: &str) -> key_hierarchy::Fingerprint {
    u.into_dek(id(dek_id)).unwrap().fingerprint()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn aes() -> CryptographicAlgorithm {
    CryptographicAlgorithm::AES
}

/// Asserts that `result` failed with an error matching `pat` (matched by reference), and that
/// its Result Reason is `reason`.
macro_rules! refused {
    ($result:expr, $pat:pat $(if $guard:expr)?, $reason:expr) => {{
        match $result {
            Ok(_) => panic!("accepted, expected {}", stringify!($pat)),
            Err(e) => {
                match &e {
                    $pat $(if $guard)? => {}
                    _ => panic!("expected {}, got {e:?} ({e})", stringify!($pat)),
                }
                assert_eq!(e.result_reason(), $reason, "{e}");
            }
        }
    }};
}

// ---------------------------------------------------------------------------------------------
// Golden Key Blocks (hand-assembled, tests/data/kmip_key_blocks.txt)

#[test]
fn golden_key_blocks_decode_unwrap_and_reencode() {
    let blocks = read_blocks("kmip_key_blocks.txt");
    assert_eq!(blocks.len(), 6);
    for b in &blocks {
        let name = b.get("Name");
        let bytes = b.hex("KeyBlock");
        let block: KeyBlock = from_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(to_bytes(&block), bytes, "{name}: kmip-types round trip");

        let parsed = WrappedKeyBlock::from_key_block(&block).unwrap();
        let kek_id = b.get("WrappingKeyId");
        assert_eq!(parsed.wrapping.wrapping_key_id, id(kek_id), "{name}");
        let method = match b.get("Mode") {
            "0D" => KW,
            "0C" => KWP,
            m => panic!("mode {m}"),
        };
        assert_eq!(parsed.wrapping.method, method, "{name}");
        let encoding = match b.get("EncodingOption") {
            "01" => KeyValueEncoding::NoEncoding,
            "02" | "absent" => KeyValueEncoding::Ttlv,
            e => panic!("encoding {e}"),
        };
        assert_eq!(parsed.wrapping.encoding, encoding, "{name}");
        assert_eq!(parsed.key_format_type, KeyFormatType::RAW);
        assert_eq!(parsed.cryptographic_algorithm, Some(aes()));
        let bits: i32 = b.get("LengthBits").parse().unwrap();
        assert_eq!(parsed.cryptographic_length, Some(bits));
        assert_eq!(parsed.wrapped, b.hex("Wrapped"), "{name}");

        let kek = Kek::from_bytes(id(kek_id), &b.hex("WrappingKey")).unwrap();
        let key = kmip::unwrap_key_block(&block, &kek).unwrap();
        assert_eq!(key.material.expose(), b.hex("Key").as_slice(), "{name}");
        assert!(key.attributes.is_empty());
        let dek = key.into_dek(id("dek")).unwrap();
        assert_eq!(dek.expose_secret(), b.hex("Key").as_slice());

        if encoding == KeyValueEncoding::NoEncoding {
            // The same block converts to this crate's wrapped form and back, byte for byte.
            let kw = KekWrappedKey::from_key_block(&block, id("dek")).unwrap();
            assert_eq!(
                kw.wrapped_key().wrapped_bytes(),
                b.hex("Wrapped").as_slice()
            );
            assert_eq!(to_bytes(&kw.to_key_block().unwrap()), bytes, "{name}");
            let again = kek.unwrap_dek(kw.wrapped_key(), Binding::Plain).unwrap();
            assert!(bool::from(again.ct_eq(&dek)));
        } else {
            refused!(
                KekWrappedKey::from_key_block(&block, id("dek")),
                KmipError::TtlvEncodedKeyValue,
                ResultReason::ENCODING_OPTION_ERROR
            );
        }
    }
}

#[test]
fn golden_key_blocks_are_what_a_get_answers() {
    let mut compared = 0;
    for b in read_blocks("kmip_key_blocks.txt") {
        let name = b.get("Name");
        let enc = match b.get("EncodingOption") {
            "01" => Some(EncodingOption::NO_ENCODING),
            "02" => Some(EncodingOption::TTLV_ENCODING),
            // Written explicitly by this crate, so it cannot reproduce an absent option.
            _ => continue,
        };
        let mode = BlockCipherMode(u32::from_str_radix(b.get("Mode"), 16).unwrap());
        let kek_id = b.get("WrappingKeyId");
        let kek = Kek::from_bytes(id(kek_id), &b.hex("WrappingKey")).unwrap();
        let material = b.hex("Key");
        let bits: i32 = b.get("LengthBits").parse().unwrap();
        let key = PlainKey::new(&material, aes(), bits).unwrap();
        let block = kmip::answer_get(&spec(kek_id, Some(mode), enc), &kek, &key).unwrap();
        assert_eq!(to_bytes(&block), b.hex("KeyBlock"), "{name}");
        compared += 1;
    }
    assert_eq!(compared, 5);
}

#[test]
fn hand_built_key_block_for_a_kwp_wrapped_xts_dek() {
    // A DEK in the plain KMIP form, then the Key Block built item by item from the spec's tags.
    let kek = kek("5c1d2e3f-kek", 1);
    let dek = dek("dek-9", KeyAlgorithm::Aes256Xts, 2);
    let wrapped = kwp_wrap(kek.expose_secret(), dek.expose_secret()).unwrap();
    use ttlv::*;
    let expected = structure(
        KEY_BLOCK,
        &[
            enumeration(KEY_FORMAT_TYPE, 0x01), // Raw
            structure(KEY_VALUE, &[bytes(KEY_MATERIAL, &wrapped)]),
            enumeration(CRYPTOGRAPHIC_ALGORITHM, 0x03), // AES
            integer(CRYPTOGRAPHIC_LENGTH, 512),
            structure(
                KEY_WRAPPING_DATA,
                &[
                    enumeration(WRAPPING_METHOD, 0x01), // Encrypt
                    structure(
                        ENCRYPTION_KEY_INFORMATION,
                        &[
                            text(UNIQUE_IDENTIFIER, "5c1d2e3f-kek"),
                            structure(
                                CRYPTOGRAPHIC_PARAMETERS,
                                &[enumeration(BLOCK_CIPHER_MODE, 0x0C)], // AESKeyWrapPadding
                            ),
                        ],
                    ),
                    enumeration(ENCODING_OPTION, 0x01), // No Encoding
                ],
            ),
        ],
    );
    let ours = KekWrappedKey::wrap_dek(&kek, &dek, KWP).unwrap();
    assert_eq!(to_bytes(&ours.to_key_block().unwrap()), expected);
    // The same bytes answer a Get with Encoding Option No Encoding.
    let block = kmip::answer_get(
        &spec(
            "5c1d2e3f-kek",
            Some(BlockCipherMode::AES_KEY_WRAP_PADDING),
            Some(EncodingOption::NO_ENCODING),
        ),
        &kek,
        &PlainKey::from_dek(&dek),
    )
    .unwrap();
    assert_eq!(to_bytes(&block), expected);
    // And decode back to the same wrapped key.
    let back = KekWrappedKey::from_key_block(&from_bytes(&expected).unwrap(), id("dek-9")).unwrap();
    assert_eq!(back, ours);
}

#[test]
fn hand_built_ttlv_encoded_block_with_wrapped_attributes() {
    // A KMS wraps the Key Value with an attribute inside (TTLV Encoding, option absent).
    let kek = kek("kek-attr", 3);
    let key = [0x37u8; 32];
    use ttlv::*;
    let attribute = structure(
        ATTRIBUTE,
        &[
            text(ATTRIBUTE_NAME, "x-purpose"),
            text(ATTRIBUTE_VALUE, "disk"),
        ],
    );
    let inner = structure(KEY_VALUE, &[bytes(KEY_MATERIAL, &key), attribute]);
    let wrapped = kw_wrap(kek.expose_secret(), &inner).unwrap();
    let block_bytes = structure(
        KEY_BLOCK,
        &[
            enumeration(KEY_FORMAT_TYPE, 0x01),
            bytes(KEY_VALUE, &wrapped),
            enumeration(CRYPTOGRAPHIC_ALGORITHM, 0x03),
            integer(CRYPTOGRAPHIC_LENGTH, 256),
            structure(
                KEY_WRAPPING_DATA,
                &[
                    enumeration(WRAPPING_METHOD, 0x01),
                    structure(
                        ENCRYPTION_KEY_INFORMATION,
                        &[text(UNIQUE_IDENTIFIER, "kek-attr")],
                    ),
                ],
            ),
        ],
    );
    let block: KeyBlock = from_bytes(&block_bytes).unwrap();
    let parsed = WrappedKeyBlock::from_key_block(&block).unwrap();
    // No Cryptographic Parameters: NIST Key Wrap; no Encoding Option: TTLV Encoding.
    assert_eq!(parsed.wrapping.method, KW);
    assert_eq!(parsed.wrapping.encoding, KeyValueEncoding::Ttlv);
    let u = parsed.unwrap(&kek).unwrap();
    assert_eq!(u.material.expose(), &key);
    assert_eq!(u.attributes.len(), 1);
    assert_eq!(u.attributes[0].name, "x-purpose");
    let kek2 = u.into_kek(id("kek-inner")).unwrap();
    assert_eq!(kek2.expose_secret(), &key);

    // A Transparent Symmetric Key inside works too.
    let inner = structure(KEY_VALUE, &[structure(KEY_MATERIAL, &[bytes(KEY, &key)])]);
    let mut block = block;
    block.key_format_type = KeyFormatType::TRANSPARENT_SYMMETRIC_KEY;
    block.key_value = KeyValue::Wrapped(ByteString(
        kw_wrap(kek.expose_secret(), &inner).unwrap().to_vec(),
    ));
    let u = kmip::unwrap_key_block(&block, &kek).unwrap();
    assert_eq!(u.material.expose(), &key);
    assert!(u.into_dek(id("d")).is_ok());
}

// ---------------------------------------------------------------------------------------------
// Round trips

#[test]
fn get_round_trips_kw_kwp_every_encoding_both_algorithms() {
    let kek = kek("kek-rt", 10);
    let mut n = 0u64;
    for method in [KW, KWP] {
        for enc in [
            None,
            Some(EncodingOption::TTLV_ENCODING),
            Some(EncodingOption::NO_ENCODING),
        ] {
            for alg in [KeyAlgorithm::Aes256, KeyAlgorithm::Aes256Xts] {
                n += 1;
                let dek = dek("dek-rt", alg, 100 + n);
                let s = spec("kek-rt", Some(mode_of(method)), enc);
                let block = kmip::answer_get(&s, &kek, &PlainKey::from_dek(&dek)).unwrap();

                // What the response says.
                let data = block.key_wrapping_data.as_ref().unwrap();
                assert_eq!(data.wrapping_method, WrappingMethod::ENCRYPT);
                let info = data.encryption_key_information.as_ref().unwrap();
                assert_eq!(info.unique_identifier, "kek-rt");
                assert_eq!(
                    info.cryptographic_parameters
                        .as_ref()
                        .unwrap()
                        .block_cipher_mode,
                    Some(mode_of(method))
                );
                let no_encoding = enc == Some(EncodingOption::NO_ENCODING);
                // Always explicit, TTLV Encoding when the spec had none.
                assert_eq!(
                    data.encoding_option,
                    Some(if no_encoding {
                        EncodingOption::NO_ENCODING
                    } else {
                        EncodingOption::TTLV_ENCODING
                    })
                );
                assert!(
                    data.mac_signature_key_information.is_none() && data.iv_counter_nonce.is_none()
                );
                assert_eq!(block.key_format_type, KeyFormatType::RAW);
                assert_eq!(block.cryptographic_algorithm, Some(aes()));
                assert_eq!(
                    block.cryptographic_length,
                    Some(alg.kmip_cryptographic_length() as i32)
                );
                match (&block.key_value, no_encoding) {
                    (KeyValue::Structure(s), true) => match &s.key_material {
                        KeyMaterial::Bytes(b) => assert_eq!(b.len(), alg.key_len() + 8),
                        other => panic!("{other:?}"),
                    },
                    // TTLV of the Key Value: 16 bytes of headers + the key, + 8 of wrap.
                    (KeyValue::Wrapped(b), false) => assert_eq!(b.len(), alg.key_len() + 24),
                    (kv, _) => panic!("{kv:?}"),
                }
                // The wrapped bytes never contain the key.
                let bytes = to_bytes(&block);
                assert!(!contains(&bytes, dek.expose_secret()));

                // Encode → TTLV → decode → back.
                let decoded: KeyBlock = from_bytes(&bytes).unwrap();
                assert_eq!(to_bytes(&decoded), bytes);
                let parsed = WrappedKeyBlock::from_key_block(&decoded).unwrap();
                assert_eq!(
                    parsed.wrapping,
                    Wrapping {
                        wrapping_key_id: id("kek-rt"),
                        method,
                        encoding: if no_encoding {
                            KeyValueEncoding::NoEncoding
                        } else {
                            KeyValueEncoding::Ttlv
                        },
                    }
                );
                let u = kmip::unwrap_key_block(&decoded, &kek).unwrap();
                assert_eq!(fingerprint_of(u, "dek-rt"), dek.fingerprint());

                // A No Encoding answer is exactly this crate's plain wrapped form (AES key wrap
                // is deterministic).
                if no_encoding {
                    let kw = KekWrappedKey::from_key_block(&decoded, *dek.id()).unwrap();
                    let direct = kek.wrap_dek(&dek, method, Binding::Plain).unwrap();
                    assert_eq!(kw.wrapped_key(), &direct);
                }
            }
        }
    }
    assert_eq!(n, 12);
}

#[test]
fn wrapped_key_round_trips_through_key_blocks() {
    let kek = kek("kek-wk", 20);
    for (i, method) in [KW, KWP].into_iter().enumerate() {
        for alg in [KeyAlgorithm::Aes256, KeyAlgorithm::Aes256Xts] {
            let dek = dek("dek-wk", alg, 200 + i as u64);
            let wrapped = kek.wrap_dek(&dek, method, Binding::Plain).unwrap();
            let kw = KekWrappedKey::try_from(wrapped.clone()).unwrap();
            assert_eq!(kw.wrapping().method, method);
            let block = kw.to_key_block().unwrap();
            assert_eq!(
                block.key_wrapping_data.as_ref().unwrap().encoding_option,
                Some(EncodingOption::NO_ENCODING)
            );
            let bytes = to_bytes(&block);
            let back =
                KekWrappedKey::from_key_block(&from_bytes(&bytes).unwrap(), *dek.id()).unwrap();
            assert_eq!(back, kw);
            let back: WrappedKey = back.into();
            assert_eq!(back, wrapped);
            // And through this crate's own encoding.
            assert_eq!(WrappedKey::decode(&back.encode()).unwrap(), wrapped);
            // The block unwraps with the generic path as well.
            let u = kmip::unwrap_key_block(&block, &kek).unwrap();
            assert_eq!(fingerprint_of(u, "dek-wk"), dek.fingerprint());
        }
    }
}

#[test]
fn the_mode_is_read_never_guessed_from_the_length() {
    // KW and KWP both turn a 32-byte key into 40 bytes: relabelling the mode fails the unwrap.
    let kek = kek("kek-m", 30);
    let dek = dek("dek-m", KeyAlgorithm::Aes256, 31);
    for (method, other) in [
        (KW, BlockCipherMode::AES_KEY_WRAP_PADDING),
        (KWP, BlockCipherMode::NIST_KEY_WRAP),
    ] {
        let mut block = KekWrappedKey::wrap_dek(&kek, &dek, method)
            .unwrap()
            .to_key_block()
            .unwrap();
        let data = block.key_wrapping_data.as_mut().unwrap();
        data.encryption_key_information
            .as_mut()
            .unwrap()
            .cryptographic_parameters = Some(CryptographicParameters {
            block_cipher_mode: Some(other),
            ..Default::default()
        });
        refused!(
            kmip::unwrap_key_block(&block, &kek),
            KmipError::KeyHierarchy(Error::UnwrapFailed),
            ResultReason::CRYPTOGRAPHIC_FAILURE
        );
        // Absent Cryptographic Parameters mean NIST Key Wrap, whatever the length.
        block
            .key_wrapping_data
            .as_mut()
            .unwrap()
            .encryption_key_information
            .as_mut()
            .unwrap()
            .cryptographic_parameters = None;
        let r = kmip::unwrap_key_block(&block, &kek);
        match method {
            WrapMethod::NistKeyWrap => assert!(r.is_ok()),
            _ => assert!(matches!(
                r,
                Err(KmipError::KeyHierarchy(Error::UnwrapFailed))
            )),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Raw keys of any length round-trip through a Get with KWP, both encodings, and with KW
    /// whenever KW can wrap what is to be wrapped.
    #[test]
    fn any_raw_key_round_trips(
        material in proptest::collection::vec(any::<u8>(), 1..=80),
        kwp in any::<bool>(),
        no_encoding in any::<bool>(),
        seed in any::<u64>(),
    ) {
        let kek = kek("kek-p", seed);
        let bits = i32::try_from(material.len() * 8).unwrap();
        let key = PlainKey::new(&material, CryptographicAlgorithm::HMAC_SHA256, bits).unwrap();
        let method = if kwp { KWP } else { KW };
        let enc = if no_encoding { EncodingOption::NO_ENCODING } else { EncodingOption::TTLV_ENCODING };
        let r = kmip::answer_get(&spec("kek-p", Some(mode_of(method)), Some(enc)), &kek, &key);
        let kw_cannot = !kwp && no_encoding && (material.len() < 16 || material.len() % 8 != 0);
        if kw_cannot {
            let invalid_length = matches!(&r, Err(KmipError::KeyHierarchy(Error::InvalidLength { .. })));
            prop_assert!(invalid_length, "{:?}", r);
            prop_assert_eq!(r.unwrap_err().result_reason(), ResultReason::INVALID_FIELD);
        } else {
            let bytes = to_bytes(&r.unwrap());
            let block: KeyBlock = from_bytes(&bytes).unwrap();
            prop_assert_eq!(to_bytes(&block), bytes);
            let u = kmip::unwrap_key_block(&block, &kek).unwrap();
            prop_assert_eq!(u.material.expose(), material.as_slice());
            prop_assert_eq!(u.cryptographic_algorithm, Some(CryptographicAlgorithm::HMAC_SHA256));
            prop_assert_eq!(u.cryptographic_length, Some(bits));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Whatever a KMS wrapped as a "TTLV-encoded Key Value" (random bytes, or a valid encoding
    /// with one byte changed), unwrapping returns a value or an error, never a panic.
    #[test]
    fn hostile_wrapped_key_values_never_panic(
        random in proptest::collection::vec(any::<u8>(), 1..=120),
        flip_at in any::<prop::sample::Index>(),
        flip in 1u8..=255,
    ) {
        let kek = kek("kek-h", 7);
        let mut mutated = ttlv::structure(
            ttlv::KEY_VALUE,
            &[ttlv::bytes(ttlv::KEY_MATERIAL, &[0x33; 32])],
        );
        let i = flip_at.index(mutated.len());
        mutated[i] ^= flip;
        for inner in [random, mutated] {
            let mut block = kmip::answer_get(
                &spec("kek-h", Some(BlockCipherMode::AES_KEY_WRAP_PADDING), None),
                &kek,
                &PlainKey::new(&[1; 32], aes(), 256).unwrap(),
            )
            .unwrap();
            block.key_value = KeyValue::Wrapped(ByteString(
                kwp_wrap(kek.expose_secret(), &inner).unwrap().to_vec(),
            ));
            let bytes = to_bytes(&block);
            let decoded: KeyBlock = from_bytes(&bytes).unwrap();
            match kmip::unwrap_key_block(&decoded, &kek) {
                Ok(u) => prop_assert_eq!(u.material.len(), 32),
                Err(e) => {
                    let _ = e.result_reason();
                    prop_assert!(!e.to_string().is_empty());
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Plain Get: plaintext, never the root-wrapped storage form

#[test]
fn plain_get_returns_plaintext_never_the_root_wrapped_bytes() {
    let mut rng = TestRng::new(40);
    let now = Timestamp(1_700_000_000);
    let root = LocalRoot::generate(id("crk"), &mut rng, now).unwrap();
    let store = MemoryStore::new();
    let kh = KeyHierarchy::new(&root, &store);
    let kek = kh.create_kek(&mut rng, now).unwrap();
    let stored = store
        .get(kek.id())
        .unwrap()
        .unwrap()
        .record
        .wrapped
        .unwrap();
    assert_eq!(stored.kind(), KeyKind::Kek);
    assert_eq!(stored.wrapping_key_id(), &id("crk"));

    // The server opens the KEK and answers with its plaintext.
    let opened = kh.open_kek(kek.id()).unwrap();
    let block = kmip::plaintext_key_block(&PlainKey::from_kek(&opened));
    assert!(!block.is_wrapped());
    assert_eq!(block.key_format_type, KeyFormatType::RAW);
    assert_eq!(block.cryptographic_algorithm, Some(aes()));
    assert_eq!(block.cryptographic_length, Some(256));
    let bytes = to_bytes(&block);
    assert!(
        !contains(&bytes, stored.wrapped_bytes()),
        "root-wrapped bytes leaked"
    );
    assert!(contains(&bytes, kek.expose_secret()));
    let decoded: KeyBlock = from_bytes(&bytes).unwrap();
    let material = decoded.key_bytes().unwrap();
    assert!(bool::from(
        material.ct_eq(&SecretBytes::from_slice(kek.expose_secret()))
    ));

    // The storage form has no KMIP conversion at all.
    refused!(
        KekWrappedKey::try_from(stored.clone()),
        KmipError::RootWrappedStorageForm { kind: KeyKind::Kek },
        ResultReason::GENERAL_FAILURE
    );

    // A Get of the KEK wrapped under another KEK: a fresh wrap, not the stored one either.
    let transport = kh.create_kek(&mut rng, now).unwrap();
    let transport_id = transport.id().as_str().unwrap().to_owned();
    for enc in [Some(EncodingOption::NO_ENCODING), None] {
        let block = kmip::answer_get(
            &spec(&transport_id, None, enc),
            &kh.open_kek(transport.id()).unwrap(),
            &PlainKey::from_kek(&opened),
        )
        .unwrap();
        let bytes = to_bytes(&block);
        assert!(!contains(&bytes, stored.wrapped_bytes()));
        assert!(!contains(&bytes, kek.expose_secret()));
        let got = kmip::unwrap_key_block(&from_bytes(&bytes).unwrap(), &transport)
            .unwrap()
            .into_kek(*kek.id())
            .unwrap();
        assert!(bool::from(got.ct_eq(&kek)));
    }

    // Same for a KDK's storage form.
    let kdk = kh.create_kdk(&mut rng, now).unwrap();
    let stored_kdk = store
        .get(kdk.id())
        .unwrap()
        .unwrap()
        .record
        .wrapped
        .unwrap();
    refused!(
        KekWrappedKey::try_from(stored_kdk),
        KmipError::RootWrappedStorageForm { kind: KeyKind::Kdk },
        ResultReason::GENERAL_FAILURE
    );
}

#[test]
fn plaintext_dek_block_and_plain_key_checks() {
    let dek = dek("dek-plain", KeyAlgorithm::Aes256Xts, 50);
    let block = kmip::plaintext_key_block(&PlainKey::from_dek(&dek));
    assert_eq!(block.cryptographic_length, Some(512));
    let u = block.key_bytes().unwrap();
    assert_eq!(u.expose(), dek.expose_secret());

    let m = [1u8; 16];
    assert!(PlainKey::new(&m, aes(), 128).is_ok());
    refused!(
        PlainKey::new(&m, aes(), 256),
        KmipError::LengthMismatch {
            bits: 256,
            bytes: 16
        },
        ResultReason::INVALID_FIELD
    );
    refused!(
        PlainKey::new(&[], aes(), 0),
        KmipError::LengthMismatch { bits: 0, bytes: 0 },
        ResultReason::INVALID_FIELD
    );
}

#[test]
fn debug_never_shows_key_material() {
    let kek = kek("kek-dbg", 60);
    let dek = dek("dek-dbg", KeyAlgorithm::Aes256, 61);
    let key = PlainKey::from_dek(&dek);
    let hexed: String = dek
        .expose_secret()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let plain = kmip::plaintext_key_block(&key);
    let block = kmip::answer_get(&spec("kek-dbg", None, None), &kek, &key).unwrap();
    let unwrapped = kmip::unwrap_key_block(&block, &kek).unwrap();
    let text = format!("{key:?} {plain:?} {unwrapped:?}");
    assert!(text.contains("PlainKey"));
    assert!(text.contains("redacted"));
    assert!(!text.contains(&hexed), "{text}");
    assert!(!text.contains(&format!("{:?}", dek.expose_secret())));
}

// ---------------------------------------------------------------------------------------------
// Refusals: Key Wrapping Specification

#[test]
fn spec_refusals() {
    let kek = kek("kek-s", 70);
    let dek = dek("dek-s", KeyAlgorithm::Aes256, 71);
    let key = PlainKey::from_dek(&dek);
    let good = spec("kek-s", None, None);
    assert!(kmip::answer_get(&good, &kek, &key).is_ok());

    for method in [
        WrappingMethod::MAC_SIGN,
        WrappingMethod::ENCRYPT_THEN_MAC_SIGN,
        WrappingMethod::MAC_SIGN_THEN_ENCRYPT,
        WrappingMethod::TR_31,
        WrappingMethod(0),
        WrappingMethod(0x8000_0001),
    ] {
        let s = KeyWrappingSpecification {
            wrapping_method: method,
            ..good.clone()
        };
        refused!(
            kmip::answer_get(&s, &kek, &key),
            KmipError::UnsupportedWrappingMethod { method: m } if *m == method,
            ResultReason::FEATURE_NOT_SUPPORTED
        );
    }

    let s = KeyWrappingSpecification {
        mac_signature_key_information: Some(MacSignatureKeyInformation {
            unique_identifier: "kek-s".into(),
            ..Default::default()
        }),
        ..good.clone()
    };
    refused!(
        kmip::answer_get(&s, &kek, &key),
        KmipError::MacSignatureNotSupported,
        ResultReason::FEATURE_NOT_SUPPORTED
    );

    let s = KeyWrappingSpecification {
        encryption_key_information: None,
        ..good.clone()
    };
    refused!(
        kmip::answer_get(&s, &kek, &key),
        KmipError::MissingEncryptionKeyInformation,
        ResultReason::MISSING_DATA
    );

    for (bad_id, len) in [(String::new(), 0), ("k".repeat(65), 65)] {
        refused!(
            Wrapping::from_spec(&spec(&bad_id, None, None)),
            KmipError::InvalidWrappingKeyId { len: l } if *l == len,
            ResultReason::ITEM_NOT_FOUND
        );
    }

    for mode in [
        BlockCipherMode::CBC,
        BlockCipherMode::ECB,
        BlockCipherMode::GCM,
        BlockCipherMode::XTS,
        BlockCipherMode::X9_102_AESKW,
        BlockCipherMode(0),
        BlockCipherMode(0x8000_000D),
    ] {
        refused!(
            kmip::answer_get(&spec("kek-s", Some(mode), None), &kek, &key),
            KmipError::UnsupportedBlockCipherMode { mode: m } if *m == mode,
            ResultReason::FEATURE_NOT_SUPPORTED
        );
    }

    for option in [
        EncodingOption(0),
        EncodingOption(3),
        EncodingOption(0x8000_0001),
    ] {
        refused!(
            kmip::answer_get(&spec("kek-s", None, Some(option)), &kek, &key),
            KmipError::UnsupportedEncodingOption { option: o } if *o == option,
            ResultReason::ENCODING_OPTION_ERROR
        );
    }

    let with_attrs = |enc| KeyWrappingSpecification {
        attribute_names: vec!["Name".into(), "x-purpose".into()],
        ..spec("kek-s", None, enc)
    };
    for enc in [None, Some(EncodingOption::TTLV_ENCODING)] {
        refused!(
            kmip::answer_get(&with_attrs(enc), &kek, &key),
            KmipError::AttributeWrappingNotSupported { count: 2 },
            ResultReason::FEATURE_NOT_SUPPORTED
        );
    }
    refused!(
        kmip::answer_get(&with_attrs(Some(EncodingOption::NO_ENCODING)), &kek, &key),
        KmipError::AttributesWithNoEncoding { count: 2 },
        ResultReason::ENCODING_OPTION_ERROR
    );

    // The spec names another key than the KEK offered (same material, other id, too).
    refused!(
        kmip::answer_get(&spec("kek-other", None, None), &kek, &key),
        KmipError::WrappingKeyMismatch { .. },
        ResultReason::GENERAL_FAILURE
    );
    refused!(
        kmip::answer_get(&spec("kek-s\0", None, None), &kek, &key),
        KmipError::WrappingKeyMismatch { .. },
        ResultReason::GENERAL_FAILURE
    );

    // Only an Active KEK wraps.
    for state in [
        KeyState::PreActive,
        KeyState::Deactivated,
        KeyState::Compromised,
        KeyState::Destroyed,
        KeyState::DestroyedCompromised,
    ] {
        let k = Kek::from_bytes(id("kek-s"), kek.expose_secret())
            .unwrap()
            .with_state(state);
        refused!(
            kmip::answer_get(&good, &k, &key),
            KmipError::KeyHierarchy(Error::KeyNotUsable { state: s, operation: "wrap" }) if *s == state,
            ResultReason::PERMISSION_DENIED
        );
    }

    // A KMIP Unique Identifier is text.
    let binary = KeyId::new(&[0xFF, 0x00]).unwrap();
    let k = Kek::from_bytes(binary, kek.expose_secret()).unwrap();
    let w = Wrapping {
        wrapping_key_id: binary,
        method: KW,
        encoding: KeyValueEncoding::NoEncoding,
    };
    refused!(
        w.wrap(&k, &key),
        KmipError::NonTextKeyId { .. },
        ResultReason::GENERAL_FAILURE
    );
    let kw = KekWrappedKey::wrap_dek(&k, &dek, KW).unwrap();
    refused!(
        kw.to_key_block(),
        KmipError::NonTextKeyId { .. },
        ResultReason::GENERAL_FAILURE
    );
}

// ---------------------------------------------------------------------------------------------
// Refusals: Key Blocks received

fn good_block(kek: &Kek, dek: &Dek, method: WrapMethod) -> KeyBlock {
    KekWrappedKey::wrap_dek(kek, dek, method)
        .unwrap()
        .to_key_block()
        .unwrap()
}

fn edit(block: &KeyBlock, f: impl FnOnce(&mut KeyWrappingData)) -> KeyBlock {
    let mut b = block.clone();
    f(b.key_wrapping_data.as_mut().unwrap());
    b
}

#[test]
fn key_block_refusals() {
    let kek = kek("kek-b", 80);
    let dek = dek("dek-b", KeyAlgorithm::Aes256, 81);
    let block = good_block(&kek, &dek, KW);
    assert!(kmip::unwrap_key_block(&block, &kek).is_ok());

    let mut plain = block.clone();
    plain.key_wrapping_data = None;
    refused!(
        kmip::unwrap_key_block(&plain, &kek),
        KmipError::NotWrapped,
        ResultReason::INVALID_FIELD
    );

    for method in [
        WrappingMethod::MAC_SIGN,
        WrappingMethod::TR_31,
        WrappingMethod(9),
    ] {
        refused!(
            kmip::unwrap_key_block(&edit(&block, |d| d.wrapping_method = method), &kek),
            KmipError::UnsupportedWrappingMethod { .. },
            ResultReason::FEATURE_NOT_SUPPORTED
        );
    }
    refused!(
        kmip::unwrap_key_block(
            &edit(&block, |d| {
                d.mac_signature_key_information = Some(MacSignatureKeyInformation {
                    unique_identifier: "mac-key".into(),
                    ..Default::default()
                });
            }),
            &kek
        ),
        KmipError::MacSignatureNotSupported,
        ResultReason::FEATURE_NOT_SUPPORTED
    );
    refused!(
        kmip::unwrap_key_block(
            &edit(&block, |d| d.mac_signature = Some(ByteString(vec![1; 32]))),
            &kek
        ),
        KmipError::MacSignatureNotSupported,
        ResultReason::FEATURE_NOT_SUPPORTED
    );
    refused!(
        kmip::unwrap_key_block(
            &edit(&block, |d| d.iv_counter_nonce =
                Some(ByteString(vec![0xA6; 8]))),
            &kek
        ),
        KmipError::IvNotSupported,
        ResultReason::FEATURE_NOT_SUPPORTED
    );
    refused!(
        kmip::unwrap_key_block(&edit(&block, |d| d.encryption_key_information = None), &kek),
        KmipError::MissingEncryptionKeyInformation,
        ResultReason::MISSING_DATA
    );
    refused!(
        kmip::unwrap_key_block(
            &edit(&block, |d| d
                .encryption_key_information
                .as_mut()
                .unwrap()
                .unique_identifier
                .clear()),
            &kek
        ),
        KmipError::InvalidWrappingKeyId { len: 0 },
        ResultReason::ITEM_NOT_FOUND
    );
    refused!(
        kmip::unwrap_key_block(
            &edit(&block, |d| {
                d.encryption_key_information
                    .as_mut()
                    .unwrap()
                    .cryptographic_parameters = Some(CryptographicParameters {
                    block_cipher_mode: Some(BlockCipherMode::CBC),
                    ..Default::default()
                });
            }),
            &kek
        ),
        KmipError::UnsupportedBlockCipherMode {
            mode: BlockCipherMode::CBC
        },
        ResultReason::FEATURE_NOT_SUPPORTED
    );
    refused!(
        kmip::unwrap_key_block(
            &edit(&block, |d| d.encoding_option = Some(EncodingOption(7))),
            &kek
        ),
        KmipError::UnsupportedEncodingOption { .. },
        ResultReason::ENCODING_OPTION_ERROR
    );

    // Key Value form against the Encoding Option.
    refused!(
        kmip::unwrap_key_block(&edit(&block, |d| d.encoding_option = None), &kek),
        KmipError::EncodingMismatch { .. },
        ResultReason::INVALID_FIELD
    );
    let mut b = block.clone();
    b.key_value = KeyValue::Wrapped(ByteString(vec![0; 40]));
    refused!(
        kmip::unwrap_key_block(&b, &kek),
        KmipError::EncodingMismatch { .. },
        ResultReason::INVALID_FIELD
    );
    let mut b = block.clone();
    b.key_value = KeyValue::Structure(KeyValueStructure {
        key_material: KeyMaterial::TransparentSymmetricKey(TransparentSymmetricKey {
            key: SecretBytes::from_slice(&[0; 40]),
            unknown: Vec::new(),
        }),
        attributes: Vec::new(),
        unknown: Vec::new(),
    });
    refused!(
        kmip::unwrap_key_block(&b, &kek),
        KmipError::EncodingMismatch { .. },
        ResultReason::INVALID_FIELD
    );
    let mut b = block.clone();
    if let KeyValue::Structure(s) = &mut b.key_value {
        s.attributes.push(Attribute::name("leaky"));
    }
    refused!(
        kmip::unwrap_key_block(&b, &kek),
        KmipError::AttributesWithNoEncoding { count: 1 },
        ResultReason::ENCODING_OPTION_ERROR
    );

    // The wrong KEK: another id, or the right id with other material.
    refused!(
        kmip::unwrap_key_block(&block, &kek_with("kek-other", &kek)),
        KmipError::WrappingKeyMismatch { .. },
        ResultReason::GENERAL_FAILURE
    );
    let impostor = Kek::from_bytes(id("kek-b"), &[0x11; 32]).unwrap();
    refused!(
        kmip::unwrap_key_block(&block, &impostor),
        KmipError::KeyHierarchy(Error::UnwrapFailed),
        ResultReason::CRYPTOGRAPHIC_FAILURE
    );

    // Corrupted and truncated wrapped bytes.
    let mut b = block.clone();
    if let KeyValue::Structure(s) = &mut b.key_value {
        let mut w = match &s.key_material {
            KeyMaterial::Bytes(x) => x.expose().to_vec(),
            _ => unreachable!(),
        };
        w[17] ^= 1;
        s.key_material = KeyMaterial::Bytes(SecretBytes::new(w));
    }
    refused!(
        kmip::unwrap_key_block(&b, &kek),
        KmipError::KeyHierarchy(Error::UnwrapFailed),
        ResultReason::CRYPTOGRAPHIC_FAILURE
    );
    let mut b = block.clone();
    b.key_value = KeyValue::bytes(vec![0xA6u8; 8]);
    refused!(
        kmip::unwrap_key_block(&b, &kek),
        KmipError::KeyHierarchy(Error::InvalidLength { len: 8, .. }),
        ResultReason::INVALID_FIELD
    );

    // Lifecycle: Active and Deactivated unwrap; Compromised only on request; others never.
    for (state, ok) in [
        (KeyState::Active, true),
        (KeyState::Deactivated, true),
        (KeyState::Compromised, false),
        (KeyState::PreActive, false),
        (KeyState::Destroyed, false),
        (KeyState::DestroyedCompromised, false),
    ] {
        let k = kek_with("kek-b", &kek).with_state(state);
        let r = kmip::unwrap_key_block(&block, &k);
        if ok {
            assert!(r.is_ok(), "{state}");
        } else {
            refused!(
                r,
                KmipError::KeyHierarchy(Error::KeyNotUsable {
                    operation: "unwrap",
                    ..
                }),
                ResultReason::PERMISSION_DENIED
            );
        }
        let parsed = WrappedKeyBlock::from_key_block(&block).unwrap();
        let allowed = parsed.unwrap_allow_compromised(&k).is_ok();
        assert_eq!(allowed, ok || state == KeyState::Compromised, "{state}");
    }

    // The Cryptographic Length must match an AES key.
    let mut b = block;
    b.cryptographic_length = Some(128);
    refused!(
        kmip::unwrap_key_block(&b, &kek),
        KmipError::LengthMismatch {
            bits: 128,
            bytes: 32
        },
        ResultReason::INVALID_FIELD
    );
}

fn kek_with(name: &str, material_of: &Kek) -> Kek {
    Kek::from_bytes(id(name), material_of.expose_secret()).unwrap()
}

#[test]
fn ttlv_encoded_key_value_refusals() {
    let kek = kek("kek-t", 90);
    let wrap_as_ttlv_block = |inner: &[u8], format: KeyFormatType| {
        let mut block = kmip::answer_get(
            &spec("kek-t", Some(BlockCipherMode::AES_KEY_WRAP_PADDING), None),
            &kek,
            &PlainKey::new(&[7u8; 32], aes(), 256).unwrap(),
        )
        .unwrap();
        block.key_format_type = format;
        block.key_value = KeyValue::Wrapped(ByteString(
            kwp_wrap(kek.expose_secret(), inner).unwrap().to_vec(),
        ));
        block
    };
    use ttlv::*;
    let cases: Vec<(&str, Vec<u8>, KeyFormatType)> = vec![
        (
            "not TTLV",
            b"definitely not a TTLV item".to_vec(),
            KeyFormatType::RAW,
        ),
        (
            "trailing bytes",
            [
                structure(KEY_VALUE, &[bytes(KEY_MATERIAL, &[1; 32])]),
                vec![0; 8],
            ]
            .concat(),
            KeyFormatType::RAW,
        ),
        (
            "another tag",
            structure(KEY_BLOCK, &[bytes(KEY_MATERIAL, &[1; 32])]),
            KeyFormatType::RAW,
        ),
        (
            "a Byte String Key Value inside",
            bytes(KEY_VALUE, &[1; 40]),
            KeyFormatType::RAW,
        ),
        (
            "no Key Material",
            structure(KEY_VALUE, &[]),
            KeyFormatType::RAW,
        ),
        (
            "a Text String Key Material",
            structure(KEY_VALUE, &[text(KEY_MATERIAL, "key")]),
            KeyFormatType::RAW,
        ),
        (
            "truncated",
            structure(KEY_VALUE, &[bytes(KEY_MATERIAL, &[1; 32])])[..30].to_vec(),
            KeyFormatType::RAW,
        ),
    ];
    for (what, inner, format) in cases {
        let r = kmip::unwrap_key_block(&wrap_as_ttlv_block(&inner, format), &kek);
        assert!(
            matches!(&r, Err(KmipError::InvalidKeyValue(_))),
            "{what}: {r:?}"
        );
        assert_eq!(
            r.unwrap_err().result_reason(),
            ResultReason::INVALID_FIELD,
            "{what}"
        );
    }
    // A Key Material structure of a format this bridge does not read.
    let inner = structure(
        KEY_VALUE,
        &[structure(KEY_MATERIAL, &[text(NAME_VALUE, "vendor")])],
    );
    let vendor = KeyFormatType(0x8000_0001);
    refused!(
        kmip::unwrap_key_block(&wrap_as_ttlv_block(&inner, vendor), &kek),
        KmipError::UnsupportedKeyFormat { format } if *format == vendor,
        ResultReason::KEY_FORMAT_TYPE_NOT_SUPPORTED
    );
}

#[test]
fn conversion_refusals() {
    let kek = kek("kek-c", 100);
    let dek = dek("dek-c", KeyAlgorithm::Aes256, 101);
    let block = good_block(&kek, &dek, KWP);
    assert!(KekWrappedKey::from_key_block(&block, id("dek-c")).is_ok());

    let mut b = block.clone();
    b.key_format_type = KeyFormatType::PKCS_8;
    refused!(
        KekWrappedKey::from_key_block(&b, id("dek-c")),
        KmipError::UnsupportedKeyFormat {
            format: KeyFormatType::PKCS_8
        },
        ResultReason::KEY_FORMAT_TYPE_NOT_SUPPORTED
    );
    let mut b = block.clone();
    b.cryptographic_algorithm = Some(CryptographicAlgorithm::TRIPLE_DES);
    refused!(
        KekWrappedKey::from_key_block(&b, id("dek-c")),
        KmipError::UnsupportedKey { .. },
        ResultReason::INVALID_FIELD
    );
    for bits in [Some(128), Some(192), None] {
        let mut b = block.clone();
        b.cryptographic_length = bits;
        refused!(
            KekWrappedKey::from_key_block(&b, id("dek-c")),
            KmipError::UnsupportedKey { .. },
            ResultReason::INVALID_FIELD
        );
    }
    // Declared 512 bits (XTS) but 40 wrapped bytes (a 32-byte key): inconsistent.
    let mut b = block;
    b.cryptographic_length = Some(512);
    refused!(
        KekWrappedKey::from_key_block(&b, id("dek-c")),
        KmipError::KeyHierarchy(Error::InconsistentWrappedKey { .. }),
        ResultReason::INVALID_FIELD
    );

    // Forms of this crate's own.
    let bound = kek.wrap_dek(&dek, KW, Binding::Context(b"vm-1")).unwrap();
    refused!(
        KekWrappedKey::try_from(bound),
        KmipError::NotInteroperable {
            what: "context-bound"
        },
        ResultReason::FEATURE_NOT_SUPPORTED
    );
    let kdk = Kdk::from_bytes(id("kdk-c"), &[0x42; 32]).unwrap();
    let derived = kdk.derive_kek(&id("kek-derived")).unwrap();
    refused!(
        KekWrappedKey::wrap_dek(&derived, &dek, KW),
        KmipError::NotInteroperable {
            what: "KDK-derived"
        },
        ResultReason::FEATURE_NOT_SUPPORTED
    );
    let mut parts = kek.wrap_dek(&dek, KW, Binding::Plain).unwrap().into_parts();
    parts.wrapping_key_version = 3;
    refused!(
        KekWrappedKey::try_from(WrappedKey::from_parts(parts).unwrap()),
        KmipError::NotInteroperable { .. },
        ResultReason::FEATURE_NOT_SUPPORTED
    );
    // A KEK-kind wrapped key is the root's storage form, whoever built it.
    let parts = WrappedKeyParts {
        kind: KeyKind::Kek,
        key_id: id("kek-x"),
        algorithm: KeyAlgorithm::Aes256,
        method: KW,
        context_bound: false,
        wrapping_key_id: id("crk"),
        wrapping_key_version: 1,
        kdk_id: None,
        wrapped: vec![0; 40],
    };
    refused!(
        KekWrappedKey::try_from(WrappedKey::from_parts(parts).unwrap()),
        KmipError::RootWrappedStorageForm { kind: KeyKind::Kek },
        ResultReason::GENERAL_FAILURE
    );

    // A non-Active KEK does not make a new wrapped DEK.
    let old = kek_with("kek-c", &kek).with_state(KeyState::Deactivated);
    refused!(
        KekWrappedKey::wrap_dek(&old, &dek, KW),
        KmipError::KeyHierarchy(Error::KeyNotUsable { .. }),
        ResultReason::PERMISSION_DENIED
    );

    // Unwrapped keys that are not DEKs or KEKs.
    let u = |alg: Option<CryptographicAlgorithm>,
             bits: Option<i32>,
             format: KeyFormatType,
             len: u8| UnwrappedKey {
        key_format_type: format,
        cryptographic_algorithm: alg,
        cryptographic_length: bits,
        material: SecretBytes::new((1..=len).collect()),
        attributes: Vec::new(),
    };
    refused!(
        u(
            Some(CryptographicAlgorithm::HMAC_SHA256),
            Some(256),
            KeyFormatType::RAW,
            32
        )
        .into_dek(id("d")),
        KmipError::UnsupportedKey { .. },
        ResultReason::INVALID_FIELD
    );
    refused!(
        u(Some(aes()), Some(128), KeyFormatType::RAW, 16).into_dek(id("d")),
        KmipError::UnsupportedKey { .. },
        ResultReason::INVALID_FIELD
    );
    refused!(
        u(Some(aes()), Some(256), KeyFormatType::OPAQUE, 32).into_dek(id("d")),
        KmipError::UnsupportedKeyFormat { .. },
        ResultReason::KEY_FORMAT_TYPE_NOT_SUPPORTED
    );
    refused!(
        u(Some(aes()), Some(512), KeyFormatType::RAW, 64).into_kek(id("k")),
        KmipError::UnsupportedKey { .. },
        ResultReason::INVALID_FIELD
    );
    refused!(
        u(Some(aes()), Some(256), KeyFormatType::RAW, 31).into_dek(id("d")),
        KmipError::KeyHierarchy(Error::InvalidKeyLength { .. }),
        ResultReason::INVALID_FIELD
    );
    let weak = vec![9u8; 64]; // equal halves
    refused!(
        UnwrappedKey {
            material: SecretBytes::new(weak),
            ..u(Some(aes()), Some(512), KeyFormatType::RAW, 0)
        }
        .into_dek(id("d")),
        KmipError::KeyHierarchy(Error::WeakXtsKey),
        ResultReason::CRYPTOGRAPHIC_FAILURE
    );
    // Without a Cryptographic Length, the material's length decides.
    let d = u(Some(aes()), None, KeyFormatType::RAW, 64)
        .into_dek(id("d"))
        .unwrap();
    assert_eq!(d.algorithm(), KeyAlgorithm::Aes256Xts);
}

/// A KMS's own managed keys as wrapping keys (`WrappingKey`): AES of 128, 192 or 256 bits,
/// only Active and only with Wrap Key in the usage mask (both Permission Denied, as PyKMIP),
/// never another key than the one named.
#[test]
fn managed_wrapping_keys_are_checked_by_state_and_usage() {
    use key_hierarchy::kmip::WrappingKey;
    use key_hierarchy::kmip::kmip_types::CryptographicUsageMask;
    let wrap_usage = Some(CryptographicUsageMask::WRAP_KEY | CryptographicUsageMask::UNWRAP_KEY);
    let material = [0x33u8; 32];
    let key = PlainKey::new(&material, aes(), 256).unwrap();
    for len in [16usize, 24, 32] {
        let kek_bytes = vec![0x5Au8; len];
        let kek = WrappingKey::new(
            "kek-m",
            Some(aes()),
            &kek_bytes,
            KeyState::Active,
            wrap_usage,
        )
        .unwrap();
        for (mode, enc) in [
            (BlockCipherMode::NIST_KEY_WRAP, EncodingOption::NO_ENCODING),
            (
                BlockCipherMode::AES_KEY_WRAP_PADDING,
                EncodingOption::TTLV_ENCODING,
            ),
        ] {
            let wrapping = Wrapping::from_spec(&spec("kek-m", Some(mode), Some(enc))).unwrap();
            let block = wrapping.wrap_key(&kek, &key).unwrap();
            let wrapped = match &block.key_value {
                KeyValue::Wrapped(b) => b.as_bytes().to_vec(),
                KeyValue::Structure(s) => match &s.key_material {
                    KeyMaterial::Bytes(b) => b.expose().to_vec(),
                    _ => unreachable!(),
                },
                KeyValue::Absent => panic!("a wrapped key without Key Value"),
            };
            let plain = WrapMethod::from_kmip_block_cipher_mode(mode.0)
                .unwrap()
                .unwrap(&kek_bytes, &wrapped)
                .unwrap();
            assert!(contains(&plain, &material), "{len} {mode:?}");
            assert_eq!(block.cryptographic_length, Some(256));
        }
    }
    let kek_bytes = [0x5Au8; 32];
    let w = Wrapping::from_spec(&spec("kek-m", None, Some(EncodingOption::NO_ENCODING))).unwrap();
    for state in [
        KeyState::PreActive,
        KeyState::Deactivated,
        KeyState::Compromised,
        KeyState::Destroyed,
    ] {
        let kek = WrappingKey::new("kek-m", Some(aes()), &kek_bytes, state, wrap_usage).unwrap();
        let r = w.wrap_key(&kek, &key);
        refused!(
            r,
            KmipError::WrappingKeyNotActive { .. },
            ResultReason::PERMISSION_DENIED
        );
        assert!(
            w.wrap_key(&kek, &key)
                .unwrap_err()
                .to_string()
                .contains("not Active")
        );
    }
    for usage in [
        None,
        Some(CryptographicUsageMask::ENCRYPT | CryptographicUsageMask::DECRYPT),
    ] {
        let kek =
            WrappingKey::new("kek-m", Some(aes()), &kek_bytes, KeyState::Active, usage).unwrap();
        let r = w.wrap_key(&kek, &key);
        refused!(
            r,
            KmipError::NotForWrapping { .. },
            ResultReason::PERMISSION_DENIED
        );
    }
    let other = WrappingKey::new(
        "kek-other",
        Some(aes()),
        &kek_bytes,
        KeyState::Active,
        wrap_usage,
    )
    .unwrap();
    refused!(
        w.wrap_key(&other, &key),
        KmipError::WrappingKeyMismatch { .. },
        ResultReason::GENERAL_FAILURE
    );
    refused!(
        WrappingKey::new(
            "kek-m",
            Some(CryptographicAlgorithm::HMAC_SHA256),
            &kek_bytes,
            KeyState::Active,
            wrap_usage
        ),
        KmipError::UnsupportedKey { .. },
        ResultReason::INVALID_FIELD
    );
    refused!(
        WrappingKey::new("kek-m", Some(aes()), &[1; 20], KeyState::Active, wrap_usage),
        KmipError::UnsupportedKey { .. },
        ResultReason::INVALID_FIELD
    );
    // A crate KEK is a wrapping key made for wrapping.
    let mut rng = TestRng::new(77);
    let crate_kek = Kek::generate(id("kek-m"), &mut rng).unwrap();
    assert!(w.wrap_key(&WrappingKey::from_kek(&crate_kek), &key).is_ok());
}

/// Objects other than symmetric keys: Secret Data keeps its Key Format Type and has no
/// Cryptographic Algorithm or Length; a Transparent format has no byte-string material.
#[test]
fn plain_objects_keep_their_format() {
    let secret = b"correct horse";
    let key = PlainKey::object(secret, KeyFormatType::OPAQUE, None, None).unwrap();
    let plain = kmip::plaintext_key_block(&key);
    assert_eq!(plain.key_format_type, KeyFormatType::OPAQUE);
    assert_eq!(plain.cryptographic_algorithm, None);
    assert_eq!(plain.cryptographic_length, None);
    let mut rng = TestRng::new(78);
    let kek = Kek::generate(id("kek-s"), &mut rng).unwrap();
    let block = kmip::answer_get(
        &spec(
            "kek-s",
            Some(BlockCipherMode::AES_KEY_WRAP_PADDING),
            Some(EncodingOption::NO_ENCODING),
        ),
        &kek,
        &key,
    )
    .unwrap();
    assert_eq!(block.key_format_type, KeyFormatType::OPAQUE);
    assert_eq!(block.cryptographic_algorithm, None);
    assert_eq!(block.cryptographic_length, None);
    refused!(
        PlainKey::object(
            secret,
            KeyFormatType::TRANSPARENT_SYMMETRIC_KEY,
            Some(aes()),
            None
        ),
        KmipError::UnsupportedKeyFormat { .. },
        ResultReason::KEY_FORMAT_TYPE_NOT_SUPPORTED
    );
    refused!(
        PlainKey::object(secret, KeyFormatType::RAW, Some(aes()), Some(128)),
        KmipError::LengthMismatch { .. },
        ResultReason::INVALID_FIELD
    );
    refused!(
        PlainKey::object(&[], KeyFormatType::RAW, None, None),
        KmipError::LengthMismatch { .. },
        ResultReason::INVALID_FIELD
    );
}
