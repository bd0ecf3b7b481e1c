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

mod cursor;
pub mod date_time;
mod error;
mod frame;
mod header;
mod item;
mod item_type;
mod limits;
mod names;
mod owned;
mod pretty;
mod reader;
mod tag;
mod writer;

#[doc(hidden)]
pub mod fuzz_targets;

pub use cursor::Cursor;
pub use error::{Error, ErrorKind, Limit};
pub use frame::{Frame, frame, frame_with};
pub use header::{HEADER_LEN, padded};
pub use item::{Children, Item, Value};
pub use item_type::ItemType;
pub use limits::Limits;
pub use names::{Names, installed as installed_names, set_names};
pub use owned::OwnedItem;
pub use pretty::{Hex, Pretty};
pub use reader::{decode, decode_with};
pub use tag::Tag;
pub use writer::{LenCounter, Sink, Writer, encoded_len};
