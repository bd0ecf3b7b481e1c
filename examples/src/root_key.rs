//! The server's root key (customer root key, CRK) kept in a file: a [`key_hierarchy::Root`]
//! whose versions live in an owner-only text file, so that they survive restarts and a root
//! rotation can be resumed after a crash.
//!
//! ## File format
//! ```text
//! # kmip-examples root key: ...
//! kmip-examples-root-key 1
//! id 0b6f4d5e-2f61-4c6e-9d44-0c1f3b4a5e77
//! version 1 <64 hex digits>
//! version 2 <64 hex digits>
//! ```
//! The highest version is current (new wraps use it); every listed version unwraps. A rotation
//! first adds a version ([`FileRoot::add_version`]), then re-wraps everything in the store, and
//! only then removes the old versions ([`FileRoot::retire_versions_below`]). Each change is
//! written to a temporary file, synced, renamed over the old one and the directory synced, so a
//! crash leaves either the old or the new file, never a torn one.
//!
//! The file is created with mode 0600 and refused if group or others can read it.
//!
//! ## Who may change it
//! A [`FileRoot`] holds a shared lock (`flock`) on `<file>.lock` beside the key file for as
//! long as it lives, so several servers on one machine may use one root key (a cluster on a
//! shared database). Changing the versions ([`FileRoot::add_version`],
//! [`FileRoot::retire_versions_below`]) takes the lock exclusively for the change and is
//! refused with [`RootKeyError::Locked`] while any other holder, in this process or another,
//! has it: an offline `kms-server --rotate-root` beside a running server would otherwise
//! re-wrap objects under a version the server does not know, or retire the one it still wraps
//! new objects under, and those objects could not be unwrapped. (The lock is on its own file
//! because the key file is replaced by rename on every change.)
//!
//! The servers of a PostgreSQL cluster coordinate through the database instead
//! ([`FileRoot::add_version_coordinated`], [`FileRoot::retire_versions_below_coordinated`],
//! [`FileRoot::reload`]; see [`crate::store::pg`]), so one of them may rotate while the others
//! serve.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{PoisonError, RwLock};

use key_hierarchy::{Error as KhError, KeyId, Root, RootSecret, RootWrapped, WrapMethod};
use zeroize::Zeroizing;

use crate::util::{hex, random_bytes, unhex_into};

const MAGIC_LINE: &str = "kmip-examples-root-key 1";

/// Errors of loading or saving the root key file.
#[derive(Debug, thiserror::Error)]
pub enum RootKeyError {
    /// I/O on the file.
    #[error("root key file {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is readable by group or others.
    #[error(
        "root key file {} has mode {mode:o}: it must be readable by its owner only (chmod 600)",
        path.display()
    )]
    Permissions {
        /// The file.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// The file's contents are not a root key file.
    #[error("root key file {}, line {line}: {what}", path.display())]
    Format {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        what: &'static str,
    },
    /// key-hierarchy refused something.
    #[error("root key: {0}")]
    Key(#[from] KhError),
    /// Another holder (a running `kms-server`, or a rotation) has the key file.
    #[error(
        "root key file {} is in use by another process (a running kms-server or a rotation \
         holds {}): stop it first",
        path.display(),
        lock.display()
    )]
    Locked {
        /// The key file.
        path: PathBuf,
        /// Its lock file.
        lock: PathBuf,
    },
}

/// A versioned AES-256 root key stored in a file. See the module docs.
pub struct FileRoot {
    path: PathBuf,
    id: KeyId,
    versions: RwLock<BTreeMap<u32, RootSecret>>,
    method: WrapMethod,
    /// The exclusive lock on `<path>.lock`, released when this is dropped.
    _lock: std::fs::File,
}

impl std::fmt::Debug for FileRoot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileRoot")
            .field("path", &self.path)
            .field("id", &self.id)
            .field("versions", &self.versions())
            .finish_non_exhaustive()
    }
}

/// Reads and parses the key file at `path` (refused if group or others can read it).
fn read_key_file(path: &Path) -> Result<(KeyId, BTreeMap<u32, RootSecret>), RootKeyError> {
    check_permissions(path)?;
    let text = Zeroizing::new(std::fs::read_to_string(path).map_err(io(path))?);
    let format = |line, what| RootKeyError::Format {
        path: path.to_owned(),
        line,
        what,
    };
    let mut id = None;
    let mut versions = BTreeMap::new();
    let mut saw_magic = false;
    for (n, line) in text.lines().enumerate() {
        let n = n.saturating_add(1);
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !saw_magic {
            if line != MAGIC_LINE {
                return Err(format(n, "not a kmip-examples root key file"));
            }
            saw_magic = true;
            continue;
        }
        let mut words = line.split_ascii_whitespace();
        match (words.next(), words.next(), words.next(), words.next()) {
            (Some("id"), Some(text), None, None) => {
                id = Some(KeyId::new(text.as_bytes()).map_err(|_| format(n, "bad id"))?);
            }
            (Some("version"), Some(v), Some(key), None) => {
                let v: u32 = v.parse().map_err(|_| format(n, "bad version number"))?;
                let mut bytes = Zeroizing::new([0u8; 32]);
                if !unhex_into(key, bytes.as_mut_slice()) {
                    return Err(format(n, "key must be 64 hex digits"));
                }
                if versions
                    .insert(v, RootSecret::from_bytes(bytes.as_slice())?)
                    .is_some()
                {
                    return Err(format(n, "version listed twice"));
                }
            }
            _ => return Err(format(n, "expected `id ID` or `version N HEX`")),
        }
    }
    let id = id.ok_or_else(|| format(0, "no `id` line"))?;
    if versions.is_empty() {
        return Err(format(0, "no `version` line"));
    }
    Ok((id, versions))
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> RootKeyError + '_ {
    move |source| RootKeyError::Io {
        path: path.to_owned(),
        source,
    }
}

impl FileRoot {
    /// Loads the root key file at `path`.
    ///
    /// # Errors
    /// The file is missing, unreadable, readable by others, or malformed.
    pub fn open(path: &Path) -> Result<Self, RootKeyError> {
        let lock = lock_shared(path)?;
        let (id, versions) = read_key_file(path)?;
        Ok(FileRoot {
            path: path.to_owned(),
            id,
            versions: RwLock::new(versions),
            method: WrapMethod::AesKeyWrapPadding,
            _lock: lock,
        })
    }

    /// Re-reads the file and takes the versions it lists now: a node of a cluster whose
    /// database names a root version it does not hold (another node rotated, and the new
    /// file was copied here) calls this before giving up. The file must still hold the same
    /// root key (its `id`).
    ///
    /// # Errors
    /// The file is unreadable, too widely readable, malformed, or holds another root key;
    /// the versions in memory are unchanged then.
    pub fn reload(&self) -> Result<(), RootKeyError> {
        let (id, versions) = read_key_file(&self.path)?;
        if id != self.id {
            return Err(RootKeyError::Format {
                path: self.path.clone(),
                line: 0,
                what: "the file now holds another root key (its id changed)",
            });
        }
        *self
            .versions
            .write()
            .unwrap_or_else(PoisonError::into_inner) = versions;
        Ok(())
    }

    /// Creates a new root key file at `path` (which must not exist) with a random version 1.
    ///
    /// # Errors
    /// The file exists or cannot be written.
    pub fn create(path: &Path) -> Result<Self, RootKeyError> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        random_bytes(bytes.as_mut_slice()).map_err(|e| io(path)(std::io::Error::other(e)))?;
        let id = KeyId::new(crate::util::uuid_v4().as_bytes())?;
        let mut versions = BTreeMap::new();
        versions.insert(1, RootSecret::from_bytes(bytes.as_slice())?);
        let lock = lock_shared(path)?;
        let root = FileRoot {
            path: path.to_owned(),
            id,
            versions: RwLock::new(versions),
            method: WrapMethod::AesKeyWrapPadding,
            _lock: lock,
        };
        if path.exists() {
            return Err(io(path)(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "refusing to overwrite an existing root key",
            )));
        }
        root.save(&root.versions.read().unwrap_or_else(PoisonError::into_inner))?;
        Ok(root)
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The versions present, oldest first.
    pub fn versions(&self) -> Vec<u32> {
        self.versions
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .keys()
            .copied()
            .collect()
    }

    /// Adds a new random version, makes it current and saves the file. Returns it.
    ///
    /// # Errors
    /// The file cannot be written (nothing changes then).
    pub fn add_version(&self) -> Result<u32, RootKeyError> {
        let _exclusive = self.exclusive()?;
        self.add_version_inner()
    }

    /// [`FileRoot::add_version`] without the file lock, for a caller that coordinates with
    /// every other holder by other means: the servers of a PostgreSQL cluster, under the
    /// exclusive lock of the database's root state row (see [`crate::store::pg`]), which
    /// each of them reads, and re-reads this file by, before wrapping anything.
    ///
    /// # Errors
    /// The file cannot be written (nothing changes then).
    pub fn add_version_coordinated(&self) -> Result<u32, RootKeyError> {
        self.add_version_inner()
    }

    fn add_version_inner(&self) -> Result<u32, RootKeyError> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        random_bytes(bytes.as_mut_slice()).map_err(|e| io(&self.path)(std::io::Error::other(e)))?;
        let secret = RootSecret::from_bytes(bytes.as_slice())?;
        let mut versions = self
            .versions
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        let next = versions
            .keys()
            .next_back()
            .copied()
            .unwrap_or(0)
            .checked_add(1)
            .ok_or(KhError::RootVersionUnavailable {
                root: self.id,
                version: u32::MAX,
            })?;
        let mut updated: BTreeMap<u32, RootSecret> = BTreeMap::new();
        for (v, s) in versions.iter() {
            updated.insert(*v, RootSecret::from_bytes(s.expose_secret())?);
        }
        updated.insert(next, secret);
        self.save(&updated)?;
        *versions = updated;
        Ok(next)
    }

    /// Removes (destroys) every version below `keep_from` and saves the file. The caller must
    /// have re-wrapped everything under them first.
    ///
    /// # Errors
    /// The file cannot be written (nothing changes then).
    pub fn retire_versions_below(&self, keep_from: u32) -> Result<(), RootKeyError> {
        let _exclusive = self.exclusive()?;
        self.retire_versions_below_inner(keep_from)
    }

    /// [`FileRoot::retire_versions_below`] without the file lock, for a caller that
    /// coordinates with every other holder by other means (see
    /// [`FileRoot::add_version_coordinated`]).
    ///
    /// # Errors
    /// The file cannot be written (nothing changes then).
    pub fn retire_versions_below_coordinated(&self, keep_from: u32) -> Result<(), RootKeyError> {
        self.retire_versions_below_inner(keep_from)
    }

    fn retire_versions_below_inner(&self, keep_from: u32) -> Result<(), RootKeyError> {
        let mut versions = self
            .versions
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        let mut updated: BTreeMap<u32, RootSecret> = BTreeMap::new();
        for (v, s) in versions.iter().filter(|(v, _)| **v >= keep_from) {
            updated.insert(*v, RootSecret::from_bytes(s.expose_secret())?);
        }
        if updated.is_empty() {
            return Ok(());
        }
        self.save(&updated)?;
        *versions = updated;
        Ok(())
    }

    /// Takes the lock exclusively until the guard drops (then shared again); refused while
    /// another holder has it.
    fn exclusive(&self) -> Result<Exclusive<'_>, RootKeyError> {
        let locked = || RootKeyError::Locked {
            path: self.path.clone(),
            lock: lock_path(&self.path),
        };
        // Shared to exclusive: release, then try; on refusal, share again (blocking only
        // while another holder's change completes).
        self._lock.unlock().map_err(io(&self.path))?;
        match self._lock.try_lock() {
            Ok(()) => Ok(Exclusive(&self._lock)),
            Err(std::fs::TryLockError::WouldBlock) => {
                self._lock.lock_shared().map_err(io(&self.path))?;
                Err(locked())
            }
            Err(std::fs::TryLockError::Error(e)) => {
                let _ = self._lock.lock_shared();
                Err(io(&self.path)(e))
            }
        }
    }

    fn save(&self, versions: &BTreeMap<u32, RootSecret>) -> Result<(), RootKeyError> {
        let mut text = Zeroizing::new(String::new());
        let _ = writeln!(
            text,
            "# kmip-examples root key (CRK): every key in the store is wrapped under it.\n\
             # Keep it owner-only and backed up; losing it loses every key."
        );
        let _ = writeln!(text, "{MAGIC_LINE}");
        let _ = writeln!(text, "id {}", self.id);
        for (v, secret) in versions {
            let h = Zeroizing::new(hex(secret.expose_secret()));
            let _ = writeln!(text, "version {v} {}", h.as_str());
        }
        atomic_write(&self.path, text.as_bytes(), true).map_err(io(&self.path))
    }
}

/// Writes `contents` to `path` atomically and durably: a temporary file in the same directory,
/// synced, renamed over `path`, directory synced. Owner-only when `secret`.
///
/// # Errors
/// Any I/O failure; `path` is then unchanged.
pub fn atomic_write(path: &Path, contents: &[u8], secret: bool) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
    let file_name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("not a file path"))?;
    let mut tmp_name = file_name.to_owned();
    tmp_name.push(".tmp");
    let tmp = path.with_file_name(tmp_name);
    // A temporary file left by a crash (or planted: a symbolic link to elsewhere) is removed,
    // never written through; the new one is created exclusively and never through a link.
    match std::fs::remove_file(&tmp) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(O_NOFOLLOW);
        if secret {
            options.mode(0o600);
        }
    }
    #[cfg(not(unix))]
    let _ = secret;
    let mut file = options.open(&tmp)?;
    file.write_all(contents)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&tmp, path)?;
    if let Some(dir) = dir {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

/// The exclusive hold of a [`FileRoot`]'s lock, shared again when dropped.
struct Exclusive<'a>(&'a std::fs::File);

impl Drop for Exclusive<'_> {
    fn drop(&mut self) {
        // Exclusive to shared: release, then wait for any other change to finish.
        let _ = self.0.unlock();
        let _ = self.0.lock_shared();
    }
}

/// The lock file of the key file at `path`.
fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".lock");
    path.with_file_name(name)
}

/// Takes the shared lock of the key file at `path` (on `<path>.lock`, created owner-only,
/// never through a symbolic link); refused while a change holds it exclusively.
fn lock_shared(path: &Path) -> Result<std::fs::File, RootKeyError> {
    let lock_path = lock_path(path);
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600).custom_flags(O_NOFOLLOW);
    }
    let file = options.open(&lock_path).map_err(io(&lock_path))?;
    match file.try_lock_shared() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(RootKeyError::Locked {
            path: path.to_owned(),
            lock: lock_path,
        }),
        Err(std::fs::TryLockError::Error(e)) => Err(io(&lock_path)(e)),
    }
}

/// `O_NOFOLLOW` (Linux, every architecture Rust supports there but alpha/sparc/mips, which
/// this crate does not target): opening a symbolic link fails instead of following it.
#[cfg(unix)]
const O_NOFOLLOW: i32 = 0o400_000;

fn check_permissions(path: &Path) -> Result<(), RootKeyError> {
    let meta = std::fs::metadata(path).map_err(io(path))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(RootKeyError::Permissions {
                path: path.to_owned(),
                mode,
            });
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    Ok(())
}

impl Root for FileRoot {
    fn id(&self) -> KeyId {
        self.id
    }

    fn current_version(&self) -> Result<u32, KhError> {
        self.versions
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .keys()
            .next_back()
            .copied()
            .ok_or(KhError::RootVersionUnavailable {
                root: self.id,
                version: 0,
            })
    }

    fn wrap(&self, key: &[u8]) -> Result<RootWrapped, KhError> {
        let versions = self.versions.read().unwrap_or_else(PoisonError::into_inner);
        let (version, secret) =
            versions
                .iter()
                .next_back()
                .ok_or(KhError::RootVersionUnavailable {
                    root: self.id,
                    version: 0,
                })?;
        let bytes = self.method.wrap(secret.expose_secret(), key)?;
        Ok(RootWrapped {
            version: *version,
            method: self.method,
            bytes: bytes.to_vec(),
        })
    }

    fn unwrap(
        &self,
        version: u32,
        method: WrapMethod,
        wrapped: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, KhError> {
        let versions = self.versions.read().unwrap_or_else(PoisonError::into_inner);
        let secret = versions
            .get(&version)
            .ok_or(KhError::RootVersionUnavailable {
                root: self.id,
                version,
            })?;
        method
            .unwrap(secret.expose_secret(), wrapped)
            .map_err(|_| KhError::UnwrapFailed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::TempDir;

    #[test]
    fn create_wrap_reopen_rotate() {
        let dir = TempDir::new("root-key-test").unwrap();
        let path = dir.path().join("root.key");
        let root = FileRoot::create(&path).unwrap();
        let w = root.wrap(b"twenty-two bytes key!!").unwrap();
        assert_eq!(w.version, 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        // Several holders may use it; none may change it while another holds it.
        let other = FileRoot::open(&path).unwrap();
        assert_eq!(other.id(), root.id());
        let err = other.add_version().unwrap_err();
        assert!(matches!(err, RootKeyError::Locked { .. }), "{err}");
        assert!(
            err.to_string().contains("in use by another process"),
            "{err}"
        );
        assert!(matches!(
            root.retire_versions_below(1),
            Err(RootKeyError::Locked { .. })
        ));
        assert_eq!(other.versions(), vec![1]);
        let id = root.id();
        drop(root);
        let again = other;
        assert_eq!(again.id(), id);
        let plain = again.unwrap(w.version, w.method, &w.bytes).unwrap();
        assert_eq!(plain.as_slice(), b"twenty-two bytes key!!");

        assert_eq!(again.add_version().unwrap(), 2);
        let w2 = again.wrap(b"k").unwrap();
        assert_eq!(w2.version, 2);
        drop(again);
        let reopened = FileRoot::open(&path).unwrap();
        assert_eq!(reopened.versions(), vec![1, 2]);
        reopened.retire_versions_below(2).unwrap();
        drop(reopened);
        let last = FileRoot::open(&path).unwrap();
        assert_eq!(last.versions(), vec![2]);
        assert!(matches!(
            last.unwrap(1, w.method, &w.bytes),
            Err(KhError::RootVersionUnavailable { .. })
        ));
        assert_eq!(
            last.unwrap(2, w2.method, &w2.bytes).unwrap().as_slice(),
            b"k"
        );
        assert!(FileRoot::create(&path).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn refuses_readable_files_and_garbage() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = TempDir::new("root-key-test").unwrap();
        let path = dir.path().join("root.key");
        drop(FileRoot::create(&path).unwrap());
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let err = FileRoot::open(&path).unwrap_err();
        assert!(err.to_string().contains("chmod 600"), "{err}");

        let bad = dir.path().join("bad.key");
        atomic_write(
            &bad,
            b"kmip-examples-root-key 1\nid x\nversion 1 zz\n",
            true,
        )
        .unwrap();
        let err = FileRoot::open(&bad).unwrap_err();
        assert!(err.to_string().contains("line 3"), "{err}");
        atomic_write(&bad, b"hello\n", true).unwrap();
        assert!(FileRoot::open(&bad).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn the_temporary_file_is_never_written_through_a_link() {
        let dir = TempDir::new("root-key-test").unwrap();
        let path = dir.path().join("root.key");
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"untouched").unwrap();
        // A planted link where the temporary file goes, and a stale temporary file.
        std::os::unix::fs::symlink(&victim, dir.path().join("root.key.tmp")).unwrap();
        let root = FileRoot::create(&path).unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"untouched");
        root.add_version().unwrap();
        std::fs::write(dir.path().join("root.key.tmp"), b"stale").unwrap();
        root.add_version().unwrap();
        assert_eq!(root.versions(), vec![1, 2, 3]);
        drop(root);
        assert_eq!(FileRoot::open(&path).unwrap().versions(), vec![1, 2, 3]);
        // A link where the lock file goes is refused, not followed.
        let other = dir.path().join("other.key");
        std::os::unix::fs::symlink(&victim, dir.path().join("other.key.lock")).unwrap();
        assert!(FileRoot::create(&other).is_err());
        assert_eq!(std::fs::read(&victim).unwrap(), b"untouched");
    }
}
