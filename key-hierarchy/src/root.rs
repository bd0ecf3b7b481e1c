//! The root of the hierarchy (customer root key, CRK): a trait, so an HSM or a cloud key service
//! can sit behind it, and a local AES-256 implementation.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{PoisonError, RwLock};

use zeroize::Zeroizing;

use crate::Error;
use crate::id::KeyId;
use crate::keys::RootSecret;
use crate::lifecycle::{KeyState, Lifecycle, Operation, RevocationReason, Timestamp};
use crate::rng::SecureRandom;
use crate::wrap::WrapMethod;

/// Output of [`Root::wrap`]: the bytes and what is needed to unwrap them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RootWrapped {
    /// Root version that wrapped.
    pub version: u32,
    /// Wrap method used.
    pub method: WrapMethod,
    /// The wrapped bytes.
    pub bytes: Vec<u8>,
}

/// A root key: wraps and unwraps KEKs and KDKs, never reveals itself.
///
/// A root has an identifier and versions. New wraps use the current version; every version
/// that is not destroyed keeps unwrapping, so a rotation can re-wrap at its own pace. Versions
/// only ever increase. Implementations must be safe to share between threads.
pub trait Root: Send + Sync {
    /// The root's identifier (recorded as the wrapping key id of everything it wraps).
    fn id(&self) -> KeyId;

    /// The version new wraps use.
    fn current_version(&self) -> Result<u32, Error>;

    /// Wrap `key` (32 bytes of KEK or KDK material) under the current version.
    fn wrap(&self, key: &[u8]) -> Result<RootWrapped, Error>;

    /// Unwrap bytes wrapped under `version` with `method`. A destroyed or unknown version is
    /// [`Error::RootVersionUnavailable`]; a failed integrity check is [`Error::UnwrapFailed`].
    fn unwrap(
        &self,
        version: u32,
        method: WrapMethod,
        wrapped: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, Error>;
}

struct Version {
    secret: Option<RootSecret>,
    lifecycle: Lifecycle,
}

struct Versions {
    current: u32,
    map: BTreeMap<u32, Version>,
}

/// A local AES-256 root key with versions, each with a KMIP lifecycle.
///
/// The current version is Active. [`LocalRoot::rotate`] adds a new Active version and
/// deactivates the previous one, which keeps unwrapping (Deactivated) until
/// [`LocalRoot::destroy_version`] zeroizes it (crypto-shredding every key still under it).
pub struct LocalRoot {
    id: KeyId,
    method: WrapMethod,
    allow_compromised: AtomicBool,
    versions: RwLock<Versions>,
}

impl LocalRoot {
    /// A new root with a random version 1, Active from `now`. Wraps with NIST Key Wrap (KW).
    pub fn generate<R: SecureRandom + ?Sized>(
        id: KeyId,
        rng: &mut R,
        now: Timestamp,
    ) -> Result<Self, Error> {
        Ok(LocalRoot::from_secret(
            id,
            1,
            RootSecret::generate(rng)?,
            now,
        ))
    }

    /// A root whose current version `version` has the given material, Active from `now`.
    pub fn from_secret(id: KeyId, version: u32, secret: RootSecret, now: Timestamp) -> Self {
        let mut map = BTreeMap::new();
        map.insert(
            version,
            Version {
                secret: Some(secret),
                lifecycle: Lifecycle::active(now),
            },
        );
        LocalRoot {
            id,
            method: WrapMethod::NistKeyWrap,
            allow_compromised: AtomicBool::new(false),
            versions: RwLock::new(Versions {
                current: version,
                map,
            }),
        }
    }

    /// Use `method` for new wraps (existing wraps record their own).
    #[must_use]
    pub fn with_method(mut self, method: WrapMethod) -> Self {
        self.method = method;
        self
    }

    /// Let versions in the Compromised state unwrap (to rotate away from a compromised root).
    pub fn allow_compromised_unwrap(&self, allow: bool) {
        self.allow_compromised.store(allow, Ordering::SeqCst);
    }

    /// Add a new random version, make it current (Active), and deactivate the previous current
    /// version (it keeps unwrapping). Returns the new version.
    pub fn rotate<R: SecureRandom + ?Sized>(
        &self,
        rng: &mut R,
        now: Timestamp,
    ) -> Result<u32, Error> {
        let secret = RootSecret::generate(rng)?;
        let mut v = self
            .versions
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        let next = v
            .map
            .keys()
            .next_back()
            .copied()
            .unwrap_or(v.current)
            .checked_add(1)
            .ok_or(Error::RootVersionUnavailable {
                root: self.id,
                version: u32::MAX,
            })?;
        let current = v.current;
        if let Some(old) = v.map.get_mut(&current)
            && old.lifecycle.state() == KeyState::Active
        {
            old.lifecycle.apply(Operation::Deactivate, now)?;
        }
        v.map.insert(
            next,
            Version {
                secret: Some(secret),
                lifecycle: Lifecycle::active(now),
            },
        );
        v.current = next;
        Ok(next)
    }

    /// Apply a lifecycle operation to one version. Destroying zeroizes its material. The
    /// current version must be rotated away from before it can be destroyed (there is no
    /// Active → Destroyed).
    pub fn transition(
        &self,
        version: u32,
        op: Operation,
        now: Timestamp,
    ) -> Result<KeyState, Error> {
        let mut v = self
            .versions
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        let entry = v
            .map
            .get_mut(&version)
            .ok_or(Error::RootVersionUnavailable {
                root: self.id,
                version,
            })?;
        let state = entry.lifecycle.apply(op, now)?;
        if state.is_destroyed() {
            // Dropping the secret zeroizes it.
            entry.secret = None;
        }
        Ok(state)
    }

    /// Destroy a (Deactivated, Pre-Active or Compromised) version: its material is zeroized
    /// and everything still wrapped under it becomes unrecoverable.
    pub fn destroy_version(&self, version: u32, now: Timestamp) -> Result<KeyState, Error> {
        self.transition(version, Operation::Destroy, now)
    }

    /// Revoke a version.
    pub fn revoke_version(
        &self,
        version: u32,
        reason: RevocationReason,
        now: Timestamp,
    ) -> Result<KeyState, Error> {
        self.transition(version, Operation::Revoke(reason), now)
    }

    /// Lifecycle of a version.
    pub fn version_lifecycle(&self, version: u32) -> Option<Lifecycle> {
        let v = self.versions.read().unwrap_or_else(PoisonError::into_inner);
        v.map.get(&version).map(|e| e.lifecycle)
    }

    /// All versions with their states, oldest first.
    pub fn versions(&self) -> Vec<(u32, KeyState)> {
        let v = self.versions.read().unwrap_or_else(PoisonError::into_inner);
        v.map
            .iter()
            .map(|(n, e)| (*n, e.lifecycle.state()))
            .collect()
    }
}

impl Root for LocalRoot {
    fn id(&self) -> KeyId {
        self.id
    }

    fn current_version(&self) -> Result<u32, Error> {
        Ok(self
            .versions
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .current)
    }

    fn wrap(&self, key: &[u8]) -> Result<RootWrapped, Error> {
        let v = self.versions.read().unwrap_or_else(PoisonError::into_inner);
        let version = v.current;
        let unavailable = Error::RootVersionUnavailable {
            root: self.id,
            version,
        };
        let entry = v.map.get(&version).ok_or(unavailable)?;
        if !entry.lifecycle.state().can_wrap() {
            return Err(Error::KeyNotUsable {
                state: entry.lifecycle.state(),
                operation: "wrap",
            });
        }
        let secret = entry.secret.as_ref().ok_or(Error::RootVersionUnavailable {
            root: self.id,
            version,
        })?;
        let bytes = self.method.wrap(secret.expose_secret(), key)?;
        Ok(RootWrapped {
            version,
            method: self.method,
            bytes: bytes.to_vec(),
        })
    }

    fn unwrap(
        &self,
        version: u32,
        method: WrapMethod,
        wrapped: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, Error> {
        let v = self.versions.read().unwrap_or_else(PoisonError::into_inner);
        let unavailable = Error::RootVersionUnavailable {
            root: self.id,
            version,
        };
        let entry = v.map.get(&version).ok_or(unavailable)?;
        let state = entry.lifecycle.state();
        if state.is_destroyed() {
            return Err(Error::RootVersionUnavailable {
                root: self.id,
                version,
            });
        }
        if !state.can_unwrap(self.allow_compromised.load(Ordering::SeqCst)) {
            return Err(Error::KeyNotUsable {
                state,
                operation: "unwrap",
            });
        }
        let secret = entry.secret.as_ref().ok_or(Error::RootVersionUnavailable {
            root: self.id,
            version,
        })?;
        method
            .unwrap(secret.expose_secret(), wrapped)
            .map_err(|_| Error::UnwrapFailed)
    }
}

impl core::fmt::Debug for LocalRoot {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("LocalRoot")
            .field("id", &self.id)
            .field("method", &self.method)
            .field("versions", &self.versions())
            .finish_non_exhaustive()
    }
}
