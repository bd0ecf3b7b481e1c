//! Create and Register: new objects, owned by the client that makes them.

use key_hierarchy::KeyState;
use kmip_types::codec::Encoder;
use kmip_types::{
    AttributeValue, ByteString, CreateRequest, CreateResponse, CryptographicAlgorithm, DateTime,
    Digest, HashingAlgorithm, KeyBlock, KeyFormatType, KeyMaterial, KeyValue, KeyValueStructure,
    ManagedObject, ObjectType, ProtocolVersion, RegisterRequest, RegisterResponse, ResultReason,
    SecretBytes, TransparentSymmetricKey, tag,
};
use sha2::{Digest as _, Sha256};
use zeroize::Zeroizing;

use super::template::{check_attributes, read_template};
use super::{Batch, Done, OpError, OpResult, done, encode_value, fail};
use crate::store::{NewObject, Tx};
use crate::util::{random_bytes, uuid_v4};

/// The Digest (KMIP 1.1 §3.17) of key material kept in Key Format Type `format`: SHA-256
/// over the bytes of a byte-string format, over the TTLV encoding of the Key Material
/// structure of a Transparent Symmetric Key.
fn digest_attribute(material: &[u8], format: KeyFormatType) -> AttributeValue {
    let digest = if format == KeyFormatType::TRANSPARENT_SYMMETRIC_KEY {
        let key = KeyMaterial::TransparentSymmetricKey(TransparentSymmetricKey {
            key: SecretBytes::from_slice(material),
            unknown: Vec::new(),
        });
        let mut encoded = Zeroizing::new(Vec::new());
        Encoder::new(&mut encoded, ProtocolVersion::V1_4).field(tag::KEY_MATERIAL, &key);
        Sha256::digest(encoded.as_slice())
    } else {
        Sha256::digest(material)
    };
    AttributeValue::Digest(Digest {
        hashing_algorithm: HashingAlgorithm::SHA_256,
        digest_value: Some(ByteString(digest.to_vec())),
        key_format_type: Some(format),
        unknown: Vec::new(),
    })
}

/// The State of an object created at `now` with Activation Date `activation` and
/// Deactivation Date `deactivation`: key-hierarchy's transition 1, then 4 and 6 if their
/// dates have come ([`super::lifecycle::new_lifecycle`]).
pub fn initial_state(activation: Option<i64>, deactivation: Option<i64>, now: i64) -> KeyState {
    super::lifecycle::new_lifecycle(activation, deactivation, now).state()
}

/// Inserts a new object with its Digest (when `digest_format` is given) and Last Change Date
/// at `batch.now`, if it holds no more attributes than `batch.limits` allow (checked before
/// anything is stored).
///
/// # Errors
/// Too many attributes, or the store failed.
pub fn insert(
    tx: &mut Tx<'_>,
    object: &NewObject<'_>,
    mut stored: Vec<(String, Vec<u8>)>,
    digest_format: Option<KeyFormatType>,
    batch: &Batch,
) -> Result<(), OpError> {
    let now = batch.now;
    let server_set = 1 + usize::from(digest_format.is_some());
    batch
        .limits
        .check_object(object.id, 0, stored.len().saturating_add(server_set))?;
    if let Some(format) = digest_format {
        stored.push((
            "Digest".into(),
            encode_value(&digest_attribute(object.material, format)),
        ));
    }
    stored.push((
        "Last Change Date".into(),
        encode_value(&AttributeValue::LastChangeDate(DateTime(now))),
    ));
    tx.insert_object(object, &stored)?;
    Ok(())
}

/// The bytes of key material of a symmetric key of `algorithm` with Cryptographic Length
/// `bits`: AES 128, 192 or 256 bits; Triple DES (SP 800-67) two-key 112 bits in 16 bytes,
/// three-key 168 bits in 24 bytes (or 192, the bytes with their parity bits, as some clients
/// say); any other algorithm whole bytes.
///
/// # Errors
/// A length the algorithm does not have (Invalid Field).
pub fn key_material_len(algorithm: CryptographicAlgorithm, bits: i32) -> OpResult<usize> {
    let bytes = match (algorithm, bits) {
        (CryptographicAlgorithm::AES, 128 | 192 | 256) => bits / 8,
        (CryptographicAlgorithm::AES, _) => {
            return Err(fail(
                ResultReason::INVALID_FIELD,
                format!("AES keys are 128, 192 or 256 bits, not {bits}"),
            ));
        }
        (CryptographicAlgorithm::TRIPLE_DES, 112) => 16,
        (CryptographicAlgorithm::TRIPLE_DES, 168 | 192) => 24,
        (CryptographicAlgorithm::TRIPLE_DES, _) => {
            return Err(fail(
                ResultReason::INVALID_FIELD,
                format!("3DES keys are 112 or 168 (192 with parity) bits, not {bits}"),
            ));
        }
        (_, b) if b > 0 && b % 8 == 0 => b / 8,
        _ => {
            return Err(fail(
                ResultReason::INVALID_FIELD,
                format!("Cryptographic Length {bits} is not a whole number of bytes"),
            ));
        }
    };
    Ok(usize::try_from(bytes).unwrap_or(0))
}

/// New random key material for a key of `algorithm` and Cryptographic Length `bits` (AES or
/// Triple DES; the DES bytes with odd parity, as SP 800-67 keys have).
///
/// # Errors
/// Another algorithm, a length it does not have, or the random generator failed.
pub fn generate_key(algorithm: CryptographicAlgorithm, bits: i32) -> OpResult<Zeroizing<Vec<u8>>> {
    if !matches!(
        algorithm,
        CryptographicAlgorithm::AES | CryptographicAlgorithm::TRIPLE_DES
    ) {
        return Err(fail(
            ResultReason::INVALID_FIELD,
            format!("this server makes AES and 3DES keys only, not {algorithm}"),
        ));
    }
    let mut material = Zeroizing::new(vec![0u8; key_material_len(algorithm, bits)?]);
    random_bytes(&mut material).map_err(|e| {
        fail(
            ResultReason::GENERAL_FAILURE,
            format!("random generator failed: {e}"),
        )
    })?;
    if algorithm == CryptographicAlgorithm::TRIPLE_DES {
        for b in material.iter_mut() {
            // Odd parity in the low bit of each byte.
            *b = (*b & 0xFE) | u8::from((*b >> 1).count_ones() % 2 == 0);
        }
    }
    Ok(material)
}

/// Create: a new AES or Triple DES key.
///
/// # Errors
/// The request's failure.
pub fn create(tx: &mut Tx<'_>, r: &CreateRequest, batch: &mut Batch) -> OpResult<Done> {
    if r.object_type != ObjectType::SYMMETRIC_KEY {
        return Err(fail(
            ResultReason::INVALID_FIELD,
            format!("Create makes Symmetric Keys only, not {}", r.object_type),
        ));
    }
    let t = read_template(tx, &batch.caller, &batch.limits, &r.template_attribute)?;
    let algorithm = t.algorithm.ok_or_else(|| {
        fail(
            ResultReason::MISSING_DATA,
            "Create needs a Cryptographic Algorithm",
        )
    })?;
    let length = t.length.ok_or_else(|| {
        fail(
            ResultReason::MISSING_DATA,
            "Create needs a Cryptographic Length",
        )
    })?;
    let material = generate_key(algorithm, length)?;
    let id = uuid_v4();
    let state = initial_state(t.activation_date, t.deactivation_date, batch.now);
    insert(
        tx,
        &NewObject {
            id: &id,
            object_type: ObjectType::SYMMETRIC_KEY,
            state,
            algorithm: Some(algorithm),
            length: Some(length),
            key_format: Some(KeyFormatType::RAW),
            data_type: None,
            owner: batch.caller.owner(),
            created: batch.now,
            material: &material,
        },
        t.stored,
        Some(KeyFormatType::RAW),
        batch,
    )?;
    batch.placeholder = Some(id.clone());
    done(
        CreateResponse {
            object_type: ObjectType::SYMMETRIC_KEY,
            unique_identifier: id.clone(),
            template_attribute: None,
            unknown: Vec::new(),
        },
        Some(id),
    )
}

/// Plain bytes of a Key Block that carries them (Raw, Opaque, or any byte-string format, or
/// a Transparent Symmetric Key).
fn key_block_bytes(kb: &KeyBlock) -> Result<&[u8], OpError> {
    if kb.is_wrapped() {
        return Err(fail(
            ResultReason::FEATURE_NOT_SUPPORTED,
            "registering wrapped key material is not supported",
        ));
    }
    match &kb.key_value {
        KeyValue::Structure(KeyValueStructure {
            key_material: KeyMaterial::Bytes(b),
            ..
        }) => Ok(b.expose()),
        KeyValue::Structure(KeyValueStructure {
            key_material: KeyMaterial::TransparentSymmetricKey(t),
            ..
        }) => Ok(t.key.expose()),
        _ => Err(fail(
            ResultReason::KEY_FORMAT_TYPE_NOT_SUPPORTED,
            format!("key format {} is not supported", kb.key_format_type),
        )),
    }
}

/// The Key Format Type a registered symmetric key is kept (and by default returned) in: a
/// Transparent Symmetric Key stays one, byte strings are Raw.
fn stored_format(kb: &KeyBlock) -> KeyFormatType {
    match &kb.key_value {
        KeyValue::Structure(KeyValueStructure {
            key_material: KeyMaterial::TransparentSymmetricKey(_),
            ..
        }) => KeyFormatType::TRANSPARENT_SYMMETRIC_KEY,
        _ => KeyFormatType::RAW,
    }
}

/// What a registered object brings: type, algorithm, length, key format, data type, bytes.
type Incoming<'a> = (
    ObjectType,
    Option<CryptographicAlgorithm>,
    Option<i32>,
    Option<KeyFormatType>,
    Option<u32>,
    &'a [u8],
);

/// Register: a key, secret data, opaque object or template the client brings.
///
/// # Errors
/// The request's failure.
pub fn register(tx: &mut Tx<'_>, r: &RegisterRequest, batch: &mut Batch) -> OpResult<Done> {
    let t = read_template(tx, &batch.caller, &batch.limits, &r.template_attribute)?;
    let id = uuid_v4();
    let template_bytes: Vec<u8>;
    let state = initial_state(t.activation_date, t.deactivation_date, batch.now);
    let (object_type, algorithm, length, key_format, data_type, material): Incoming<'_> = match &r
        .object
    {
        ManagedObject::SymmetricKey(k) => {
            let kb = &k.key_block;
            let bytes = key_block_bytes(kb)?;
            let algorithm = kb.cryptographic_algorithm.or(t.algorithm).ok_or_else(|| {
                fail(
                    ResultReason::MISSING_DATA,
                    "the key has no Cryptographic Algorithm",
                )
            })?;
            let bits = i32::try_from(bytes.len().saturating_mul(8)).unwrap_or(i32::MAX);
            let length = match (kb.cryptographic_length, t.length) {
                (Some(a), Some(b)) if a != b => {
                    return Err(fail(
                        ResultReason::INVALID_FIELD,
                        format!("Cryptographic Length {a} in the key block, {b} in the template"),
                    ));
                }
                (a, b) => a.or(b).unwrap_or(bits),
            };
            if key_material_len(algorithm, length)? != bytes.len() {
                return Err(fail(
                    ResultReason::INVALID_FIELD,
                    format!("Cryptographic Length {length} but the key has {bits} bits"),
                ));
            }
            (
                ObjectType::SYMMETRIC_KEY,
                Some(algorithm),
                Some(length),
                Some(stored_format(kb)),
                None,
                bytes,
            )
        }
        ManagedObject::SecretData(s) => {
            let bytes = key_block_bytes(&s.key_block)?;
            (
                ObjectType::SECRET_DATA,
                None,
                None,
                Some(s.key_block.key_format_type),
                Some(s.secret_data_type.0),
                bytes,
            )
        }
        ManagedObject::Template(template) => {
            // What a Template holds is applied as a Template-Attribute's attributes would
            // be: the same rules, checked now.
            batch
                .limits
                .check_request(template.attributes.len(), "template attributes")?;
            check_attributes(tx, &batch.caller, &template.attributes)?;
            template_bytes = kmip_types::to_bytes(template);
            (
                ObjectType::TEMPLATE,
                None,
                None,
                None,
                None,
                template_bytes.as_slice(),
            )
        }
        ManagedObject::OpaqueObject(o) => (
            ObjectType::OPAQUE_OBJECT,
            None,
            None,
            None,
            Some(o.opaque_data_type.0),
            o.opaque_data_value.expose(),
        ),
        other => {
            return Err(fail(
                ResultReason::FEATURE_NOT_SUPPORTED,
                format!(
                    "this server stores Symmetric Keys, Secret Data, Opaque Objects and \
                     Templates, not {}",
                    other.object_type()
                ),
            ));
        }
    };
    if material.is_empty() {
        return Err(fail(
            ResultReason::INVALID_FIELD,
            "the object holds no data",
        ));
    }
    insert(
        tx,
        &NewObject {
            id: &id,
            object_type,
            state,
            algorithm,
            length,
            key_format,
            data_type,
            owner: batch.caller.owner(),
            created: batch.now,
            material,
        },
        t.stored,
        key_format,
        batch,
    )?;
    batch.placeholder = Some(id.clone());
    done(
        RegisterResponse {
            unique_identifier: id.clone(),
            template_attribute: None,
            unknown: Vec::new(),
        },
        Some(id),
    )
}
