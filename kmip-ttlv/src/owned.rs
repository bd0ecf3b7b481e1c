//! An owned, validated message backed by [`Bytes`], for keeping a decoded message past the
//! read buffer without copying it.

use bytes::Bytes;

use crate::header::{self, HEADER_LEN};
use crate::{Error, Item, ItemType, Limits, Tag};

/// A validated TTLV item that owns (a reference-counted share of) its bytes.
///
/// Decoding validates once; [`item`](Self::item) then hands out borrowed views for free, and
/// [`slice`](Self::slice) turns any item inside into its own `Bytes` without copying.
///
/// ```
/// use bytes::Bytes;
/// use kmip_ttlv::{OwnedItem, Tag, Writer};
/// let mut buf = Vec::new();
/// Writer::new(&mut buf).integer(Tag::new(0x420020), 8);
/// let owned = OwnedItem::decode(Bytes::from(buf))?;
/// assert_eq!(owned.item().as_integer(), Some(8));
/// # Ok::<(), kmip_ttlv::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct OwnedItem {
    bytes: Bytes,
    tag: Tag,
    item_type: ItemType,
    len: u32,
}

impl OwnedItem {
    /// Validates `bytes` as one item with [`Limits::DEFAULT`].
    ///
    /// # Errors
    /// As [`decode`](crate::decode).
    pub fn decode(bytes: Bytes) -> Result<Self, Error> {
        Self::decode_with(bytes, &Limits::DEFAULT)
    }

    /// Validates `bytes` as one item with the given limits.
    ///
    /// # Errors
    /// As [`decode_with`](crate::decode_with).
    pub fn decode_with(bytes: Bytes, limits: &Limits) -> Result<Self, Error> {
        let item = crate::decode_with(&bytes, limits)?;
        let (tag, item_type, len) = (item.tag(), item.item_type(), item.len());
        Ok(Self {
            bytes,
            tag,
            item_type,
            len,
        })
    }

    /// The decoded item, borrowing from this value.
    pub fn item(&self) -> Item<'_> {
        let total = header::padded(self.len as usize)
            .and_then(|p| p.checked_add(HEADER_LEN))
            .unwrap_or(self.bytes.len());
        let raw = self.bytes.get(..total).unwrap_or(&self.bytes);
        Item::from_parts(self.tag, self.item_type, self.len, raw, 0)
    }

    /// The encoded bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// An item inside this one as its own [`OwnedItem`], sharing the buffer (no copy).
    /// `None` if `item` does not point into this value's bytes.
    pub fn slice(&self, item: &Item<'_>) -> Option<OwnedItem> {
        let base = self.bytes.as_ptr() as usize;
        let start = (item.raw().as_ptr() as usize).checked_sub(base)?;
        let end = start.checked_add(item.raw().len())?;
        if end > self.bytes.len() {
            return None;
        }
        Some(Self {
            bytes: self.bytes.slice(start..end),
            tag: item.tag(),
            item_type: item.item_type(),
            len: item.len(),
        })
    }
}
