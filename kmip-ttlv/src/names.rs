//! The naming hook: how a protocol layer (kmip-types) tells the codec what tags and
//! enumeration values are called, and which tags hold secrets.

use std::sync::OnceLock;

use crate::Tag;

/// Names for tags and enumeration values, and which tags carry secret material.
///
/// The codec knows nothing of KMIP semantics; a protocol crate implements this trait and
/// installs it once with [`set_names`], after which error paths, [`Tag`]'s `Display` and the
/// pretty printer use it.
pub trait Names: Sync + Send {
    /// The name of a tag ("Request Message"), if known.
    fn tag_name(&self, tag: Tag) -> Option<&'static str>;

    /// The name of an enumeration value carried in an item with this tag, if known.
    fn enumeration_name(&self, _tag: Tag, _value: u32) -> Option<&'static str> {
        None
    }

    /// Whether values with this tag are secret (key material) and must be redacted in output.
    fn is_secret(&self, _tag: Tag) -> bool {
        false
    }
}

static NAMES: OnceLock<&'static dyn Names> = OnceLock::new();

/// Installs the process-wide naming hook. The first call wins; later calls return `false`
/// and change nothing, so libraries may call it unconditionally.
pub fn set_names(names: &'static dyn Names) -> bool {
    NAMES.set(names).is_ok()
}

/// The installed naming hook, if any.
pub fn installed() -> Option<&'static dyn Names> {
    NAMES.get().copied()
}
