//! Get: key material, raw or wrapped under a KEK the caller may also see.

use key_hierarchy::wrap::{kw_wrap, kwp_wrap};
use kmip_types::codec::Encoder;
use kmip_types::{
    AttributeValue, BlockCipherMode, CryptographicAlgorithm, CryptographicUsageMask,
    EncodingOption, GetRequest, GetResponse, KeyBlock, KeyFormatType, KeyMaterial, KeyValue,
    KeyValueStructure, KeyWrappingData, ManagedObject, ObjectType, OpaqueDataType, OpaqueObject,
    ProtocolVersion, ResultReason, SecretBytes, SecretData, SecretDataType, State,
    TransparentSymmetricKey, WrappingMethod, tag,
};
use zeroize::Zeroizing;

use super::attributes::all_attributes;
use super::{Batch, Done, OpError, OpResult, done, fail, target};
use crate::store::{Caller, ObjectRecord, StoreError, Tx};

fn key_block_for(
    rec: &ObjectRecord,
    material: &[u8],
    format: KeyFormatType,
) -> Result<KeyBlock, OpError> {
    let key_material = if format == KeyFormatType::TRANSPARENT_SYMMETRIC_KEY
        && rec.object_type == ObjectType::SYMMETRIC_KEY
    {
        KeyMaterial::TransparentSymmetricKey(TransparentSymmetricKey {
            key: SecretBytes::from_slice(material),
            unknown: Vec::new(),
        })
    } else {
        KeyMaterial::Bytes(SecretBytes::from_slice(material))
    };
    Ok(KeyBlock {
        key_format_type: format,
        key_compression_type: None,
        key_value: KeyValue::Structure(KeyValueStructure {
            key_material,
            attributes: Vec::new(),
            unknown: Vec::new(),
        }),
        cryptographic_algorithm: rec.algorithm.map(CryptographicAlgorithm),
        cryptographic_length: rec.length,
        key_wrapping_data: None,
        unknown: Vec::new(),
    })
}

fn requested_format(
    rec: &ObjectRecord,
    asked: Option<KeyFormatType>,
) -> Result<KeyFormatType, OpError> {
    let stored = KeyFormatType(rec.key_format.unwrap_or(KeyFormatType::RAW.0));
    let Some(asked) = asked else {
        return Ok(stored);
    };
    let ok = asked == stored
        || (rec.object_type == ObjectType::SYMMETRIC_KEY
            && matches!(
                asked,
                KeyFormatType::RAW | KeyFormatType::TRANSPARENT_SYMMETRIC_KEY
            ))
        || (rec.object_type == ObjectType::SECRET_DATA
            && matches!(asked, KeyFormatType::RAW | KeyFormatType::OPAQUE));
    if ok {
        Ok(asked)
    } else {
        Err(fail(
            ResultReason::KEY_FORMAT_TYPE_NOT_SUPPORTED,
            format!("cannot return a {} as {asked}", rec.object_type),
        ))
    }
}

/// Get: the object, raw or wrapped.
///
/// # Errors
/// The request's failure.
pub fn get(tx: &mut Tx<'_>, r: &GetRequest, batch: &mut Batch) -> OpResult<Done> {
    let caller = &batch.caller;
    let id = target(r.unique_identifier.as_ref(), batch)?;
    let rec = tx.object(caller, &id)?;
    if r.key_compression_type.is_some() {
        return Err(fail(
            ResultReason::KEY_COMPRESSION_TYPE_NOT_SUPPORTED,
            "key compression is not supported",
        ));
    }
    let material = tx.material(caller, &id)?;
    let object = if rec.object_type == ObjectType::OPAQUE_OBJECT {
        if r.key_wrapping_specification.is_some() {
            return Err(fail(
                ResultReason::INVALID_FIELD,
                "an Opaque Object has no Key Block to wrap",
            ));
        }
        ManagedObject::OpaqueObject(OpaqueObject {
            opaque_data_type: OpaqueDataType(rec.data_type.unwrap_or(0)),
            opaque_data_value: SecretBytes::from_slice(&material),
            unknown: Vec::new(),
        })
    } else {
        let format = requested_format(&rec, r.key_format_type)?;
        let mut block = key_block_for(&rec, &material, format)?;
        if let Some(spec) = &r.key_wrapping_specification {
            block = wrap_key_block(tx, caller, &id, block, &material, spec)?;
        }
        if rec.object_type == ObjectType::SECRET_DATA {
            ManagedObject::SecretData(SecretData {
                secret_data_type: SecretDataType(rec.data_type.unwrap_or(0)),
                key_block: block,
                unknown: Vec::new(),
            })
        } else {
            ManagedObject::symmetric_key(block)
        }
    };
    batch.placeholder = Some(id.clone());
    done(GetResponse::new(id.clone(), object), Some(id))
}

/// Wraps a key block under the KEK a Key Wrapping Specification names (KMIP 1.1 §2.1.5,
/// §2.1.6). The KEK is looked up as the caller: another client's KEK is "not found", in the
/// same words as an absent one.
fn wrap_key_block(
    tx: &mut Tx<'_>,
    caller: &Caller,
    id: &str,
    block: KeyBlock,
    material: &[u8],
    spec: &kmip_types::KeyWrappingSpecification,
) -> Result<KeyBlock, OpError> {
    if spec.wrapping_method != WrappingMethod::ENCRYPT {
        return Err(fail(
            ResultReason::FEATURE_NOT_SUPPORTED,
            format!(
                "wrapping method {} is not supported (Encrypt is)",
                spec.wrapping_method
            ),
        ));
    }
    if spec.mac_signature_key_information.is_some() {
        return Err(fail(
            ResultReason::FEATURE_NOT_SUPPORTED,
            "MAC/signature key wrapping is not supported",
        ));
    }
    let info = spec.encryption_key_information.as_ref().ok_or_else(|| {
        fail(
            ResultReason::MISSING_DATA,
            "the Key Wrapping Specification names no Encryption Key Information",
        )
    })?;
    let kek_id = &info.unique_identifier;
    if kek_id == id {
        return Err(fail(
            ResultReason::INVALID_FIELD,
            "a key cannot wrap itself",
        ));
    }
    let kek = tx.object(caller, kek_id).map_err(|e| match e {
        StoreError::NotFound(_) => fail(
            ResultReason::ITEM_NOT_FOUND,
            format!("wrapping key {kek_id} not found"),
        ),
        other => other.into(),
    })?;
    if kek.object_type != ObjectType::SYMMETRIC_KEY
        || kek.algorithm != Some(CryptographicAlgorithm::AES.0)
    {
        return Err(fail(
            ResultReason::INVALID_FIELD,
            format!("wrapping key {kek_id} is not an AES key"),
        ));
    }
    if kek.state != State::ACTIVE {
        return Err(fail(
            ResultReason::PERMISSION_DENIED,
            format!("wrapping key {kek_id} is {}, not Active", kek.state),
        ));
    }
    // Only a key meant for wrapping wraps: its Cryptographic Usage Mask has Wrap Key.
    let usage = tx
        .attribute(caller, kek_id, "Cryptographic Usage Mask")?
        .first()
        .and_then(|a| super::decode_value("Cryptographic Usage Mask", &a.value));
    if !matches!(usage, Some(AttributeValue::CryptographicUsageMask(m))
        if m.contains(CryptographicUsageMask::WRAP_KEY))
    {
        return Err(fail(
            ResultReason::PERMISSION_DENIED,
            format!("wrapping key {kek_id} does not have Wrap Key in its Cryptographic Usage Mask"),
        ));
    }
    let mode = info
        .cryptographic_parameters
        .as_ref()
        .and_then(|p| p.block_cipher_mode)
        .unwrap_or(BlockCipherMode::NIST_KEY_WRAP);
    let encoding = spec
        .encoding_option
        .unwrap_or(EncodingOption::TTLV_ENCODING);
    let plaintext: Zeroizing<Vec<u8>> = if encoding == EncodingOption::NO_ENCODING {
        if !spec.attribute_names.is_empty() {
            return Err(fail(
                ResultReason::ENCODING_OPTION_ERROR,
                "attributes can only be wrapped with TTLV encoding",
            ));
        }
        Zeroizing::new(material.to_vec())
    } else if encoding == EncodingOption::TTLV_ENCODING {
        let mut value = block.key_value.clone();
        if let KeyValue::Structure(s) = &mut value {
            let all = all_attributes(tx, caller, &tx.object(caller, id)?)?;
            s.attributes = spec
                .attribute_names
                .iter()
                .flat_map(|n| all.iter().filter(move |a| &a.name == n).cloned())
                .collect();
        }
        let mut buf = Zeroizing::new(Vec::with_capacity(material.len().saturating_add(1024)));
        let mut e = Encoder::new(&mut buf, ProtocolVersion::V1_1);
        e.field(tag::KEY_VALUE, &value);
        buf
    } else {
        return Err(fail(
            ResultReason::ENCODING_OPTION_ERROR,
            format!("encoding option {encoding} is not supported"),
        ));
    };
    let kek_material = tx.material(caller, kek_id)?;
    let wrapped = match mode {
        BlockCipherMode::NIST_KEY_WRAP => kw_wrap(&kek_material, &plaintext),
        BlockCipherMode::AES_KEY_WRAP_PADDING => kwp_wrap(&kek_material, &plaintext),
        other => {
            return Err(fail(
                ResultReason::FEATURE_NOT_SUPPORTED,
                format!("block cipher mode {other} is not supported for wrapping (NISTKeyWrap and AESKeyWrapPadding are)"),
            ));
        }
    }
    .map_err(|e| {
        fail(
            ResultReason::CRYPTOGRAPHIC_FAILURE,
            format!("cannot wrap with {mode}: {e}"),
        )
    })?;
    let data = KeyWrappingData {
        wrapping_method: WrappingMethod::ENCRYPT,
        encryption_key_information: Some(info.clone()),
        encoding_option: spec.encoding_option,
        ..KeyWrappingData::default()
    };
    Ok(KeyBlock::wrapped(
        block.key_format_type,
        block.cryptographic_algorithm.unwrap_or_default(),
        block.cryptographic_length.unwrap_or_default(),
        wrapped.to_vec(),
        data,
    ))
}
