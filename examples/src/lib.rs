#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod cli;
pub mod client;
pub mod disk;
#[doc(hidden)]
pub mod fuzz_targets;
pub mod local;
pub mod pki;
pub mod root_key;
pub mod server;
pub mod store;
pub mod tls;
pub mod ttlv_dump;
pub mod util;
pub mod vsphere;
