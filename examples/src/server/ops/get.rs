//! Get: key material, raw or wrapped under a KEK the caller may also see. A Key Wrapping
//! Specification is checked and carried out by key-hierarchy's KMIP bridge
//! ([`key_hierarchy::kmip::Wrapping`]: Encrypt only, NIST Key Wrap or AES Key Wrap with
//! Padding, TTLV or No Encoding; the wrapping key named, Active, with Wrap Key in its
//! Cryptographic Usage Mask); the server only finds the two objects.

use key_hierarchy::kmip::{KmipError, PlainKey, Wrapping, WrappingKey};
use kmip_types::{
    AttributeValue, GetRequest, GetResponse, KeyBlock, KeyFormatType, KeyMaterial, KeyValue,
    KeyValueStructure, ManagedObject, ObjectType, OpaqueDataType, OpaqueObject, ResultReason,
    SecretBytes, SecretData, SecretDataType, TransparentSymmetricKey,
};

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
        cryptographic_algorithm: rec.algorithm,
        cryptographic_length: rec.length,
        key_wrapping_data: None,
        unknown: Vec::new(),
    })
}

fn requested_format(
    rec: &ObjectRecord,
    asked: Option<KeyFormatType>,
) -> Result<KeyFormatType, OpError> {
    let stored = rec.key_format.unwrap_or(KeyFormatType::RAW);
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
    let object = if matches!(
        rec.object_type,
        ObjectType::OPAQUE_OBJECT | ObjectType::TEMPLATE
    ) && r.key_wrapping_specification.is_some()
    {
        return Err(fail(
            ResultReason::INVALID_FIELD,
            format!("a {} has no Key Block to wrap", rec.object_type),
        ));
    } else if rec.object_type == ObjectType::TEMPLATE {
        ManagedObject::Template(
            kmip_types::from_bytes(&material)
                .map_err(|e| StoreError::Corrupt(format!("template {id}: {e}")))?,
        )
    } else if rec.object_type == ObjectType::OPAQUE_OBJECT {
        ManagedObject::OpaqueObject(OpaqueObject {
            opaque_data_type: OpaqueDataType(rec.data_type.unwrap_or(0)),
            opaque_data_value: SecretBytes::from_slice(&material),
            unknown: Vec::new(),
        })
    } else {
        let format = requested_format(&rec, r.key_format_type)?;
        let block = match &r.key_wrapping_specification {
            Some(spec) => wrap_key_block(tx, caller, &rec, &material, format, spec)?,
            None => key_block_for(&rec, &material, format)?,
        };
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

/// The failure a KMIP bridge error is answered with: the Result Reason key-hierarchy names.
fn kmip_failure(e: KmipError) -> OpError {
    fail(e.result_reason(), e.to_string())
}

/// The key `rec` (material `material`, Key Format Type `format`) wrapped under the KEK a Key
/// Wrapping Specification names (KMIP 1.1 §2.1.5, §2.1.6), by
/// [`Wrapping::wrap_key`]. The KEK is looked up as the caller: another client's KEK is "not
/// found", in the same words as an absent one.
fn wrap_key_block(
    tx: &mut Tx<'_>,
    caller: &Caller,
    rec: &ObjectRecord,
    material: &[u8],
    format: KeyFormatType,
    spec: &kmip_types::KeyWrappingSpecification,
) -> Result<KeyBlock, OpError> {
    let wrapping = Wrapping::from_spec(spec).map_err(kmip_failure)?;
    let kek_id = spec
        .encryption_key_information
        .as_ref()
        .map(|i| i.unique_identifier.as_str())
        .unwrap_or_default();
    if kek_id == rec.id {
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
    if kek.object_type != ObjectType::SYMMETRIC_KEY {
        return Err(fail(
            ResultReason::INVALID_FIELD,
            format!("wrapping key {kek_id} is not an AES key"),
        ));
    }
    let state = kek.state;
    if !kek.has_material {
        // Destroyed: no material to wrap with, and not Active either.
        return Err(kmip_failure(KmipError::WrappingKeyNotActive {
            id: wrapping.wrapping_key_id,
            state,
        }));
    }
    let usage = tx
        .attribute(caller, kek_id, "Cryptographic Usage Mask")?
        .first()
        .and_then(|a| super::decode_value("Cryptographic Usage Mask", &a.value))
        .and_then(|v| match v {
            AttributeValue::CryptographicUsageMask(m) => Some(m),
            _ => None,
        });
    let kek_material = tx.material(caller, kek_id)?;
    let wrapping_key = WrappingKey::new(kek_id, kek.algorithm, &kek_material, state, usage)
        .map_err(kmip_failure)?;
    let key =
        PlainKey::object(material, format, rec.algorithm, rec.length).map_err(kmip_failure)?;
    wrapping.wrap_key(&wrapping_key, &key).map_err(kmip_failure)
}
