//! The naming hook kmip-ttlv's error paths and pretty printer use: tag names, enumeration
//! value names per tag, and which tags are secret, all from this crate's tables.

use kmip_ttlv::{Names, Tag};

use crate::{enumeration, tag};

/// The KMIP 1.0–1.4 names (every tag, every enumeration value), as a
/// [`kmip_ttlv::Names`] implementation.
#[derive(Clone, Copy, Debug, Default)]
pub struct KmipNames;

impl Names for KmipNames {
    fn tag_name(&self, tag: Tag) -> Option<&'static str> {
        tag::name(tag)
    }

    fn enumeration_name(&self, tag: Tag, value: u32) -> Option<&'static str> {
        enumeration::enumeration_name(tag, value)
    }

    fn is_secret(&self, tag: Tag) -> bool {
        tag::is_secret(tag)
    }
}

static NAMES: KmipNames = KmipNames;

/// Installs [`KmipNames`] as kmip-ttlv's process-wide naming hook, so that TTLV errors, tags'
/// `Display` and [`kmip_ttlv::Item`]'s pretty printer use KMIP names and redact secrets.
/// Idempotent and cheap; message decoding calls it. Returns whether this call installed it
/// (`false` if it, or another hook, was installed before).
pub fn install_names() -> bool {
    if kmip_ttlv::installed_names().is_some() {
        return false;
    }
    kmip_ttlv::set_names(&NAMES)
}
