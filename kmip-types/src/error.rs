//! The crate's one error type: what was wrong, which KMIP Result Reason fits, at which byte,
//! under which tags.

use core::fmt;

use kmip_ttlv::{ItemType, Tag};

use crate::{ResultReason, tag};

/// What was wrong with a message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The bytes are not valid TTLV (kmip-ttlv's diagnosis).
    #[error("{0}")]
    Ttlv(kmip_ttlv::ErrorKind),
    /// The outermost item is not the expected one (a Request Message where a Response
    /// Message was expected, say).
    #[error("expected {expected}, found {found}")]
    UnexpectedTag {
        /// The tag the decoder expected.
        expected: Tag,
        /// The tag it found.
        found: Tag,
    },
    /// A known field carries the wrong item type.
    #[error("{tag} must be a {expected}, found a {found}")]
    WrongType {
        /// The field's tag.
        tag: Tag,
        /// The type KMIP 1.1 prescribes.
        expected: ItemType,
        /// The type found.
        found: ItemType,
    },
    /// A required field is absent from its structure (the path names the structure).
    #[error("required field {tag} is missing")]
    MissingField {
        /// The missing field's tag.
        tag: Tag,
    },
    /// A required field is present but, by its tag or its enumeration value, belongs to a later
    /// KMIP version than the message's (Object Type PGP Key, KMIP 1.2, in a KMIP 1.1 Create):
    /// the decoder keeps such an item raw and cannot fill the field with it.
    #[error("required field {tag} holds what KMIP {version} does not define")]
    LaterVersion {
        /// The field's tag.
        tag: Tag,
        /// The message's protocol version.
        version: crate::ProtocolVersion,
    },
    /// A field appears after a field that KMIP 1.1 places after it.
    #[error("{tag} is out of order")]
    OutOfOrder {
        /// The misplaced field's tag.
        tag: Tag,
    },
    /// A field that may appear once appears again.
    #[error("{tag} appears more than once")]
    Duplicate {
        /// The repeated field's tag.
        tag: Tag,
    },
    /// The header's Batch Count differs from the number of Batch Items.
    #[error("Batch Count is {declared} but the message holds {actual} batch items")]
    BatchCount {
        /// The header's Batch Count.
        declared: i32,
        /// The number of Batch Items present.
        actual: usize,
    },
    /// A field has a value KMIP does not allow there.
    #[error("invalid {tag}: {reason}")]
    InvalidValue {
        /// The field's tag.
        tag: Tag,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The batch item's operation is not one this model types (a later version's operation,
    /// or a vendor's), so its payload was kept raw. Raised by
    /// [`RequestBatchItem::typed_payload`](crate::RequestBatchItem::typed_payload).
    #[error("operation {operation} is not supported")]
    UnsupportedOperation {
        /// The operation.
        operation: crate::Operation,
    },
    /// KMIP XML or JSON text that is malformed or does not describe a TTLV item (the offset is
    /// in the text).
    #[error("{encoding}: {reason}")]
    Syntax {
        /// Which encoding.
        encoding: crate::text::TextEncoding,
        /// What is wrong.
        reason: String,
    },
}

/// An error: the [`ErrorKind`], the byte offset in the decoded input where it was found and the
/// path of tags from the outermost item down to the offending item (or the structure that
/// lacks a field).
///
/// `Display` reads `required field Unique Identifier is missing at byte 96 in Request
/// Message/Batch Item/Request Payload`. [`result_reason`](Self::result_reason) tells a server
/// which KMIP Result Reason to answer with.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    // Boxed, so that `Result<T, Error>` stays small for the many small `T` the decoders return
    // (an `i32`, an enumeration, a `String`) and moving a result costs no more than moving `T`.
    inner: Box<Inner>,
}

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    offset: usize,
    path: Vec<Tag>,
}

impl Error {
    /// An error of `kind` found at byte `offset`, with an empty path.
    #[cold]
    pub fn new(kind: ErrorKind, offset: usize) -> Self {
        Self {
            inner: Box::new(Inner {
                kind,
                offset,
                path: Vec::new(),
            }),
        }
    }

    /// Records that the error happened inside an item with `tag` (called innermost first; the
    /// path is kept outermost first).
    #[cold]
    #[must_use]
    pub fn inside(mut self, tag: Tag) -> Self {
        self.inner.path.insert(0, tag);
        self
    }

    /// What was wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.inner.kind
    }

    /// Byte offset from the start of the decoded input.
    pub fn offset(&self) -> usize {
        self.inner.offset
    }

    /// Tags from the outermost item down to the offending one.
    pub fn path(&self) -> &[Tag] {
        &self.inner.path
    }

    /// The KMIP Result Reason (§9.1.3.2.29) a server should answer with:
    ///
    /// | kind | Result Reason |
    /// |---|---|
    /// | malformed TTLV (or XML/JSON), wrong outer tag, out-of-order or repeated field, Batch Count mismatch | Invalid Message |
    /// | a required field of the message, header, batch item or Protocol Version missing | Invalid Message |
    /// | a required field of a payload, object or attribute missing | Missing Data |
    /// | a wrong item type, an invalid value, a required field of a later version | Invalid Field |
    /// | an operation the model does not type | Operation Not Supported |
    pub fn result_reason(&self) -> ResultReason {
        match &self.inner.kind {
            ErrorKind::Ttlv(_)
            | ErrorKind::Syntax { .. }
            | ErrorKind::UnexpectedTag { .. }
            | ErrorKind::OutOfOrder { .. }
            | ErrorKind::Duplicate { .. }
            | ErrorKind::BatchCount { .. } => ResultReason::INVALID_MESSAGE,
            ErrorKind::MissingField { .. } => match self.inner.path.last() {
                Some(
                    &tag::REQUEST_MESSAGE
                    | &tag::RESPONSE_MESSAGE
                    | &tag::REQUEST_HEADER
                    | &tag::RESPONSE_HEADER
                    | &tag::BATCH_ITEM
                    | &tag::PROTOCOL_VERSION,
                )
                | None => ResultReason::INVALID_MESSAGE,
                Some(_) => ResultReason::MISSING_DATA,
            },
            ErrorKind::WrongType { .. }
            | ErrorKind::InvalidValue { .. }
            | ErrorKind::LaterVersion { .. } => ResultReason::INVALID_FIELD,
            ErrorKind::UnsupportedOperation { .. } => ResultReason::OPERATION_NOT_SUPPORTED,
        }
    }
}

impl From<kmip_ttlv::Error> for Error {
    #[cold]
    fn from(e: kmip_ttlv::Error) -> Self {
        Self {
            inner: Box::new(Inner {
                kind: ErrorKind::Ttlv(e.kind().clone()),
                offset: e.offset(),
                path: e.path().to_vec(),
            }),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.inner.kind, self.inner.offset)?;
        for (i, tag) in self.inner.path.iter().enumerate() {
            f.write_str(if i == 0 { " in " } else { "/" })?;
            match tag::name(*tag) {
                Some(name) => f.write_str(name)?,
                None => write!(f, "{:#08X}", tag.value())?,
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.inner.kind)
            .field("offset", &self.inner.offset)
            .field("path", &self.inner.path)
            .finish()
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.inner.kind)
    }
}
