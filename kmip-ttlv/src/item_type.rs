//! Item types: the 1-byte field that says how a value is encoded (KMIP 1.1 §9.1.1.2).

use core::fmt;

/// The ten item types of KMIP 1.1 §9.1.1.2 (Table 202 in the 1.1 specification).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum ItemType {
    /// Structure (`0x01`): a sequence of items.
    Structure = 0x01,
    /// Integer (`0x02`): a signed 32-bit big-endian value, padded to 8 bytes.
    Integer = 0x02,
    /// Long Integer (`0x03`): a signed 64-bit big-endian value.
    LongInteger = 0x03,
    /// Big Integer (`0x04`): a two's-complement big-endian value whose length is a multiple of 8.
    BigInteger = 0x04,
    /// Enumeration (`0x05`): an unsigned 32-bit value, padded to 8 bytes.
    Enumeration = 0x05,
    /// Boolean (`0x06`): an 8-byte value that is 0 or 1.
    Boolean = 0x06,
    /// Text String (`0x07`): UTF-8, padded to a multiple of 8.
    TextString = 0x07,
    /// Byte String (`0x08`): raw bytes, padded to a multiple of 8.
    ByteString = 0x08,
    /// Date-Time (`0x09`): seconds since the POSIX epoch as a signed 64-bit value.
    DateTime = 0x09,
    /// Interval (`0x0A`): an unsigned 32-bit number of seconds, padded to 8 bytes.
    Interval = 0x0A,
}

impl ItemType {
    /// Every item type, in numeric order.
    pub const ALL: [ItemType; 10] = [
        Self::Structure,
        Self::Integer,
        Self::LongInteger,
        Self::BigInteger,
        Self::Enumeration,
        Self::Boolean,
        Self::TextString,
        Self::ByteString,
        Self::DateTime,
        Self::Interval,
    ];

    /// The item type for a type byte, or `None` for a byte no KMIP version defines.
    pub const fn from_byte(byte: u8) -> Option<Self> {
        // The types are numbered 1..=10 in `ALL`'s order: one range check and one load.
        let index = byte.wrapping_sub(1) as usize;
        if index < Self::ALL.len() {
            #[allow(
                clippy::indexing_slicing,
                reason = "index < ALL.len() was just checked"
            )]
            Some(Self::ALL[index])
        } else {
            None
        }
    }

    /// The byte written on the wire.
    pub const fn to_byte(self) -> u8 {
        self as u8
    }

    /// The value length every item of this type must declare, for fixed-size types.
    pub const fn fixed_len(self) -> Option<u32> {
        match self {
            Self::Integer | Self::Enumeration | Self::Interval => Some(4),
            Self::LongInteger | Self::Boolean | Self::DateTime => Some(8),
            Self::Structure | Self::BigInteger | Self::TextString | Self::ByteString => None,
        }
    }

    /// The name the specification uses ("Long Integer", "Date-Time", ...).
    pub const fn name(self) -> &'static str {
        match self {
            Self::Structure => "Structure",
            Self::Integer => "Integer",
            Self::LongInteger => "Long Integer",
            Self::BigInteger => "Big Integer",
            Self::Enumeration => "Enumeration",
            Self::Boolean => "Boolean",
            Self::TextString => "Text String",
            Self::ByteString => "Byte String",
            Self::DateTime => "Date-Time",
            Self::Interval => "Interval",
        }
    }
}

impl fmt::Display for ItemType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_round_trips_through_its_byte() {
        for t in ItemType::ALL {
            assert_eq!(ItemType::from_byte(t.to_byte()), Some(t));
        }
        for b in [0x00, 0x0B, 0x80, 0xFF] {
            assert_eq!(ItemType::from_byte(b), None);
        }
    }
}
