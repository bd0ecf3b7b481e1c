//! Shared code of the example programs, kept in a library so that tests can run it in-process.
//!
//! - [`ttlv_dump`]: the `ttlv-dump` program's logic.

#![forbid(unsafe_code)]

pub mod ttlv_dump;
