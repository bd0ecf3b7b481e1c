#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

#[macro_use]
mod macros;

mod attribute;
pub mod codec;
pub mod enumeration;
mod error;
pub mod json;
mod message;
mod names;
mod object;
mod payload;
pub mod tag;
pub mod text;
mod value;
mod version;
pub mod xml;

#[doc(hidden)]
pub mod fuzz_targets;

pub use attribute::*;
pub use codec::{FromTtlv, RawItem, Tagged, ToTtlv, UnknownItem, from_bytes, to_bytes};
pub use enumeration::*;
pub use error::{Error, ErrorKind};
pub use message::*;
pub use names::{KmipNames, install_names};
pub use object::*;
pub use payload::*;
pub use value::{BigInteger, ByteString, DateTime, SecretBigInteger, SecretBytes, SecretString};
pub use version::ProtocolVersion;
