//! Export and Import (§4.40, §4.41, KMIP 1.4): a managed object with all its attributes, out
//! of a server and into one.

use kmip_ttlv::{Item, Tag};

use super::{is_object, read_object};
use crate::attribute::Attribute;
use crate::codec::{
    Context, DecodeInPlace, Encoder, FromTtlv, Interleave, StructReader, ToTtlv, bit, required,
};
use crate::object::{KeyWrappingSpecification, ManagedObject};
use crate::{Error, KeyCompressionType, KeyFormatType, KeyWrapType, ObjectType, UnknownItem, tag};

structure! {
    /// Export request (§4.40, KMIP 1.4): Get's options, for an object and its attributes.
    #[derive(PartialEq, Default)]
    pub struct ExportRequest {
        /// Unique Identifier (default: the ID Placeholder).
        pub unique_identifier: Option<String> = opt(tag::UNIQUE_IDENTIFIER),
        /// Key Format Type wanted.
        pub key_format_type: Option<KeyFormatType> = opt(tag::KEY_FORMAT_TYPE),
        /// Key Wrap Type wanted: as stored, or unwrapped.
        pub key_wrap_type: Option<KeyWrapType> = opt(tag::KEY_WRAP_TYPE),
        /// Key Compression Type wanted.
        pub key_compression_type: Option<KeyCompressionType> = opt(tag::KEY_COMPRESSION_TYPE),
        /// How the server shall wrap the key.
        pub key_wrapping_specification: Option<KeyWrappingSpecification> = opt(tag::KEY_WRAPPING_SPECIFICATION),
    }
}

/// Export response (§4.40, KMIP 1.4).
#[derive(Clone, Debug)]
pub struct ExportResponse {
    /// Object Type.
    pub object_type: ObjectType,
    /// Unique Identifier.
    pub unique_identifier: String,
    /// All of the object's attributes.
    pub attributes: Vec<Attribute>,
    /// The object.
    pub object: ManagedObject,
    /// Items this model does not know, kept in place.
    pub unknown: Vec<UnknownItem>,
}

crate::codec::read_common_by_item!(ExportResponse, ImportRequest);

impl FromTtlv for ExportResponse {
    #[inline]
    fn from_ttlv(item: &Item<'_>, cx: &Context) -> Result<Self, Error> {
        Self::decode_by_value(item, cx)
    }
}

impl DecodeInPlace for ExportResponse {
    #[inline]
    fn placeholder() -> Self {
        Self {
            object_type: ObjectType::default(),
            unique_identifier: String::new(),
            attributes: Vec::new(),
            object: ManagedObject::placeholder(),
            unknown: Vec::new(),
        }
    }

    fn decode_in_place(&mut self, item: &Item<'_>, cx: &Context) -> Result<(), Error> {
        // Fields: 0 Object Type, 1 Unique Identifier, 2 Attribute (zero or more), 3 the object.
        let mut r = StructReader::new(item, bit(2), cx)?;
        let mut object_type = None;
        let mut unique_identifier = None;
        let mut object = false;
        self.attributes.clear();
        while let Some(child) = r.next() {
            match child.tag() {
                tag::OBJECT_TYPE => {
                    r.known(0, &child)?;
                    object_type = Some(r.decode::<ObjectType>(&child)?);
                }
                tag::UNIQUE_IDENTIFIER => {
                    r.known(1, &child)?;
                    unique_identifier = Some(r.decode(&child)?);
                }
                tag::ATTRIBUTE => {
                    r.known(2, &child)?;
                    self.attributes.push(r.decode(&child)?);
                }
                t if is_object(t) => {
                    r.known(3, &child)?;
                    let Some(object_type) = object_type else {
                        return Err(r.absent(tag::OBJECT_TYPE));
                    };
                    read_object(&r, &child, Some(object_type), &mut self.object, &mut object)?;
                }
                _ => r.unknown(&child),
            }
        }
        self.object_type = required(object_type, &r, tag::OBJECT_TYPE)?;
        self.unique_identifier = required(unique_identifier, &r, tag::UNIQUE_IDENTIFIER)?;
        if !object {
            return Err(r.missing(tag::SYMMETRIC_KEY));
        }
        self.unknown = r.finish();
        Ok(())
    }
}

impl ToTtlv for ExportResponse {
    fn to_ttlv(&self, tag: Tag, e: &mut Encoder<'_>) {
        e.structure(tag, |e| {
            let mut u = Interleave::new(&self.unknown);
            u.field(e, tag::OBJECT_TYPE, &self.object_type);
            u.known(e);
            e.text_string(tag::UNIQUE_IDENTIFIER, &self.unique_identifier);
            for a in &self.attributes {
                u.field(e, tag::ATTRIBUTE, a);
            }
            u.known(e);
            self.object.encode(e);
            u.rest(e);
        });
    }
}

/// Import request (§4.41, KMIP 1.4): an object and every attribute it is to have, under a
/// Unique Identifier the client chooses.
#[derive(Clone, Debug)]
pub struct ImportRequest {
    /// Unique Identifier of the object imported.
    pub unique_identifier: String,
    /// Replace Existing: replace an object of the same Unique Identifier (else fail).
    pub replace_existing: Option<bool>,
    /// Key Wrap Type: Not Wrapped asks the server to unwrap before storing.
    pub key_wrap_type: Option<KeyWrapType>,
    /// All of the object's attributes.
    pub attributes: Vec<Attribute>,
    /// The object.
    pub object: ManagedObject,
    /// Items this model does not know, kept in place.
    pub unknown: Vec<UnknownItem>,
}

impl FromTtlv for ImportRequest {
    #[inline]
    fn from_ttlv(item: &Item<'_>, cx: &Context) -> Result<Self, Error> {
        Self::decode_by_value(item, cx)
    }
}

impl DecodeInPlace for ImportRequest {
    #[inline]
    fn placeholder() -> Self {
        Self {
            unique_identifier: String::new(),
            replace_existing: None,
            key_wrap_type: None,
            attributes: Vec::new(),
            object: ManagedObject::placeholder(),
            unknown: Vec::new(),
        }
    }

    fn decode_in_place(&mut self, item: &Item<'_>, cx: &Context) -> Result<(), Error> {
        // Fields: 0 Unique Identifier, 1 Replace Existing, 2 Key Wrap Type, 3 Attribute (one
        // or more), 4 the object.
        let mut r = StructReader::new(item, bit(3), cx)?;
        let mut unique_identifier = None;
        let mut object = false;
        self.replace_existing = None;
        self.key_wrap_type = None;
        self.attributes.clear();
        while let Some(child) = r.next() {
            match child.tag() {
                tag::UNIQUE_IDENTIFIER => {
                    r.known(0, &child)?;
                    unique_identifier = Some(r.decode(&child)?);
                }
                tag::REPLACE_EXISTING => {
                    r.known(1, &child)?;
                    self.replace_existing = Some(r.decode(&child)?);
                }
                tag::KEY_WRAP_TYPE => {
                    r.known(2, &child)?;
                    self.key_wrap_type = Some(r.decode(&child)?);
                }
                tag::ATTRIBUTE => {
                    r.known(3, &child)?;
                    self.attributes.push(r.decode(&child)?);
                }
                t if is_object(t) => {
                    r.known(4, &child)?;
                    read_object(&r, &child, None, &mut self.object, &mut object)?;
                }
                _ => r.unknown(&child),
            }
        }
        self.unique_identifier = required(unique_identifier, &r, tag::UNIQUE_IDENTIFIER)?;
        if self.attributes.is_empty() {
            return Err(r.missing(tag::ATTRIBUTE));
        }
        if !object {
            return Err(r.missing(tag::SYMMETRIC_KEY));
        }
        self.unknown = r.finish();
        Ok(())
    }
}

impl ToTtlv for ImportRequest {
    fn to_ttlv(&self, tag: Tag, e: &mut Encoder<'_>) {
        e.structure(tag, |e| {
            let mut u = Interleave::new(&self.unknown);
            u.known(e);
            e.text_string(tag::UNIQUE_IDENTIFIER, &self.unique_identifier);
            u.optional(e, tag::REPLACE_EXISTING, &self.replace_existing);
            u.optional(e, tag::KEY_WRAP_TYPE, &self.key_wrap_type);
            for a in &self.attributes {
                u.field(e, tag::ATTRIBUTE, a);
            }
            u.known(e);
            self.object.encode(e);
            u.rest(e);
        });
    }
}

structure! {
    /// Import response (§4.41, KMIP 1.4).
    #[derive(PartialEq, Default)]
    pub struct ImportResponse {
        /// Unique Identifier of the object.
        pub unique_identifier: String = req(tag::UNIQUE_IDENTIFIER),
    }
}
