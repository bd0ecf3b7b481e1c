//! The server's crash-safe object store: SQLite (bundled) in WAL mode with `synchronous=FULL`,
//! so a committed transaction is on disk before the call returns, and key material stored
//! only wrapped under the root key ([`FileRoot`], AES Key Wrap with Padding).
//!
//! The store knows objects and attributes, not KMIP messages: attribute values are kept as the
//! TTLV encoding of their Attribute Value, verbatim, so custom attributes of any type
//! round-trip untouched. Each request's changes run in one [`Store::transaction`], and the
//! server answers only after it has committed.
//!
//! ## Schema
//! - `meta(key, value)`: schema version and the id of the root key the data is wrapped under;
//! - `objects(seq, id, object_type, state, algorithm, length, key_format, data_type, owner,
//!   created, material, root_version, wrap_method)`: one row per managed object, `material`
//!   the root-wrapped key bytes (NULL once destroyed);
//! - `attributes(object_seq, name, idx, value)`: every other attribute, value as TTLV.
//!
//! ## Access control
//! Every object has an owner (the creating client's [`ClientId`], as lower-case hex). Every
//! [`Tx`] method that reads or changes an object by identifier takes the [`Caller`] and finds
//! the object only through one SQL condition, `id = ? AND (owner = ? OR <caller is admin>)`;
//! [`Tx::locate`] adds the same owner condition to its query. An object the caller may not see
//! is [`StoreError::NotFound`], exactly as one that does not exist, so no operation above the
//! store can skip the check or tell the two apart.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use key_hierarchy::{Root, WrapMethod};
use kmip_types::{ObjectType, State};
use rusqlite::{Connection, OptionalExtension as _, Transaction, params};
use zeroize::Zeroizing;

use crate::root_key::{FileRoot, RootKeyError};
use crate::tls::ClientId;

const SCHEMA_VERSION: &str = "1";

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed.
    #[error("database: {0}")]
    Db(#[from] rusqlite::Error),
    /// The root key file.
    #[error(transparent)]
    RootKey(#[from] RootKeyError),
    /// Wrapping or unwrapping under the root key failed.
    #[error("root key: {0}")]
    Wrap(#[from] key_hierarchy::Error),
    /// The data directory is not usable.
    #[error("data directory {}: {what}", path.display())]
    DataDir {
        /// The directory.
        path: PathBuf,
        /// What is wrong.
        what: String,
    },
    /// No object has this identifier.
    #[error("no object with identifier {0}")]
    NotFound(String),
    /// The object has no key material (destroyed).
    #[error("object {0} has no key material (destroyed)")]
    NoMaterial(String),
}

/// Who asks the store for objects: a client identity, and whether it holds the admin role
/// (may see and act on every object, whoever owns it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    id: ClientId,
    owner: String,
    admin: bool,
}

impl Caller {
    /// A client that sees only the objects it owns.
    pub fn client(id: ClientId) -> Self {
        Self::new(id, false)
    }

    /// A client with the admin role when `admin` is true.
    pub fn new(id: ClientId, admin: bool) -> Self {
        Caller {
            id,
            owner: id.to_string(),
            admin,
        }
    }

    /// The identity.
    pub fn id(&self) -> ClientId {
        self.id
    }

    /// The owner value of the objects this caller creates (the identity, lower-case hex).
    pub fn owner(&self) -> &str {
        &self.owner
    }

    /// Whether the caller holds the admin role.
    pub fn is_admin(&self) -> bool {
        self.admin
    }
}

/// The one condition through which an object is found by identifier: `?1` the identifier,
/// `?2` whether the caller is an admin, `?3` the caller's owner value.
const VISIBLE_BY_ID: &str = "id=?1 AND (?2 OR owner=?3)";

/// A stored object's fixed properties (everything but its material and other attributes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectRecord {
    /// Creation order (internal).
    pub seq: i64,
    /// Unique Identifier.
    pub id: String,
    /// Object Type.
    pub object_type: ObjectType,
    /// State.
    pub state: State,
    /// Cryptographic Algorithm, for keys.
    pub algorithm: Option<u32>,
    /// Cryptographic Length in bits, for keys.
    pub length: Option<i32>,
    /// Key Format Type the material is kept in, for keys.
    pub key_format: Option<u32>,
    /// Secret Data Type or Opaque Data Type.
    pub data_type: Option<u32>,
    /// Identity of the client that owns it ([`Caller::owner`]; a certificate subject for
    /// objects created before identities were fingerprints).
    pub owner: String,
    /// Creation time, seconds since the epoch.
    pub created: i64,
    /// Whether key material is present (false once destroyed).
    pub has_material: bool,
}

/// A new object for [`Tx::insert_object`].
#[derive(Debug)]
pub struct NewObject<'a> {
    /// Unique Identifier.
    pub id: &'a str,
    /// Object Type.
    pub object_type: ObjectType,
    /// Initial state.
    pub state: State,
    /// Cryptographic Algorithm.
    pub algorithm: Option<u32>,
    /// Cryptographic Length in bits.
    pub length: Option<i32>,
    /// Key Format Type.
    pub key_format: Option<u32>,
    /// Secret Data Type / Opaque Data Type.
    pub data_type: Option<u32>,
    /// Owner identity.
    pub owner: &'a str,
    /// Creation time.
    pub created: i64,
    /// The plaintext material; wrapped under the root before it is written.
    pub material: &'a [u8],
}

/// One stored attribute instance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredAttribute {
    /// Attribute Name.
    pub name: String,
    /// Attribute Index.
    pub index: i32,
    /// The TTLV encoding of the Attribute Value item.
    pub value: Vec<u8>,
}

/// What [`Tx::locate`] matches. Every given condition must hold.
#[derive(Clone, Debug, Default)]
pub struct LocateFilter {
    /// Object Type.
    pub object_type: Option<ObjectType>,
    /// Cryptographic Algorithm.
    pub algorithm: Option<u32>,
    /// Cryptographic Length.
    pub length: Option<i32>,
    /// State.
    pub state: Option<State>,
    /// Attributes that must be present with exactly this encoded value (name, value TTLV).
    pub attributes: Vec<(String, Vec<u8>)>,
    /// At most this many identifiers.
    pub max_items: Option<u32>,
}

/// Counters of [`Store::rotate_root`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RootRotation {
    /// The root version everything is wrapped under now.
    pub new_version: u32,
    /// Objects re-wrapped.
    pub rewrapped: u64,
    /// Root versions removed.
    pub retired: usize,
}

/// The store: one SQLite connection (serialised by a mutex) and the root key.
pub struct Store {
    conn: Mutex<Connection>,
    root: Arc<FileRoot>,
    dir: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("dir", &self.dir)
            .field("root", &self.root)
            .finish_non_exhaustive()
    }
}

/// The database file's name in the data directory.
pub const DB_FILE: &str = "kms.sqlite3";
/// The root key file's default name in the data directory.
pub const ROOT_KEY_FILE: &str = "root.key";

impl Store {
    /// Opens (creating if needed) the store in `dir`. The root key is `root_key_file` or
    /// `dir/root.key`; it is created (0600) only if the store is new. A store created under
    /// another root key is refused. A root rotation a crash interrupted is completed.
    ///
    /// # Errors
    /// The directory or database cannot be used, the root key is missing, unreadable, too
    /// widely readable, or not the one the data is wrapped under.
    pub fn open(dir: &Path, root_key_file: Option<&Path>) -> Result<Self, StoreError> {
        let dir_err = |what: String| StoreError::DataDir {
            path: dir.to_owned(),
            what,
        };
        if !dir.exists() {
            let mut builder = std::fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::DirBuilderExt as _;
                builder.mode(0o700);
            }
            builder
                .create(dir)
                .map_err(|e| dir_err(format!("cannot create it: {e}")))?;
        } else if !dir.is_dir() {
            return Err(dir_err("not a directory".into()));
        }
        let db_path = dir.join(DB_FILE);
        let conn = Connection::open(&db_path)
            .map_err(|e| dir_err(format!("cannot open {}: {e}", db_path.display())))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(dir_err(format!("SQLite refused WAL mode ({mode})")));
        }
        conn.execute_batch(
            "PRAGMA synchronous=FULL;
             PRAGMA foreign_keys=ON;
             CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS objects (
                 seq INTEGER PRIMARY KEY AUTOINCREMENT,
                 id TEXT NOT NULL UNIQUE,
                 object_type INTEGER NOT NULL,
                 state INTEGER NOT NULL,
                 algorithm INTEGER,
                 length INTEGER,
                 key_format INTEGER,
                 data_type INTEGER,
                 owner TEXT NOT NULL,
                 created INTEGER NOT NULL,
                 material BLOB,
                 root_version INTEGER,
                 wrap_method INTEGER
             );
             CREATE TABLE IF NOT EXISTS attributes (
                 object_seq INTEGER NOT NULL REFERENCES objects(seq) ON DELETE CASCADE,
                 name TEXT NOT NULL,
                 idx INTEGER NOT NULL,
                 value BLOB NOT NULL,
                 PRIMARY KEY (object_seq, name, idx)
             );
             CREATE INDEX IF NOT EXISTS attributes_by_value ON attributes(name, value);
             CREATE INDEX IF NOT EXISTS objects_by_root ON objects(root_version);",
        )?;
        let schema: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key='schema'", [], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(s) = &schema
            && s != SCHEMA_VERSION
        {
            return Err(dir_err(format!("unknown schema version {s}")));
        }
        let recorded_root: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key='root_id'", [], |r| {
                r.get(0)
            })
            .optional()?;
        let root_path = root_key_file.map_or_else(|| dir.join(ROOT_KEY_FILE), Path::to_owned);
        let root = if root_path.exists() {
            FileRoot::open(&root_path)?
        } else if recorded_root.is_none() {
            FileRoot::create(&root_path)?
        } else {
            return Err(dir_err(format!(
                "the store's keys are wrapped under root key {} but {} does not exist",
                recorded_root.unwrap_or_default(),
                root_path.display()
            )));
        };
        let root_id = root.id().to_string();
        match recorded_root {
            Some(r) if r != root_id => {
                return Err(dir_err(format!(
                    "the store's keys are wrapped under root key {r}, but {} holds root key {root_id}",
                    root_path.display()
                )));
            }
            Some(_) => {}
            None => {
                conn.execute(
                    "INSERT INTO meta(key, value) VALUES ('schema', ?1), ('root_id', ?2)",
                    params![SCHEMA_VERSION, root_id],
                )?;
            }
        }
        let store = Store {
            conn: Mutex::new(conn),
            root: Arc::new(root),
            dir: dir.to_owned(),
        };
        if store.root.versions().len() > 1 {
            store.finish_rotation()?;
        }
        Ok(store)
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The root key.
    pub fn root(&self) -> &FileRoot {
        &self.root
    }

    /// Runs `f` in one transaction and commits it durably; rolls back if `f` fails.
    ///
    /// # Errors
    /// `f`'s error, or the database's.
    pub fn transaction<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut conn = self.conn.lock().unwrap_or_else(PoisonError::into_inner);
        let tx = conn
            .transaction()
            .map_err(|e| E::from(StoreError::from(e)))?;
        let mut wrapped = Tx {
            tx,
            root: &self.root,
        };
        let out = f(&mut wrapped)?;
        wrapped
            .tx
            .commit()
            .map_err(|e| E::from(StoreError::from(e)))?;
        Ok(out)
    }

    /// Root rotation: adds a root version, re-wraps every object's material under it (in
    /// transactions of up to 256 objects, each durable), then retires the old versions. No key
    /// changes; the old root material is gone afterwards. Safe to run while serving, and
    /// resumed at the next [`Store::open`] if interrupted.
    ///
    /// # Errors
    /// The root key file or the database failed; the store stays consistent (objects are under
    /// either version, both of which remain in the file until every object is re-wrapped).
    pub fn rotate_root(&self) -> Result<RootRotation, StoreError> {
        self.root.add_version()?;
        self.finish_rotation()
    }

    fn finish_rotation(&self) -> Result<RootRotation, StoreError> {
        let target = self.root.current_version()?;
        let mut rewrapped = 0u64;
        loop {
            let n = self.transaction(|tx| -> Result<u64, StoreError> {
                let rows: Vec<(i64, Vec<u8>, u32, u32)> = {
                    let mut stmt = tx.tx.prepare(
                        "SELECT seq, material, root_version, wrap_method FROM objects
                         WHERE material IS NOT NULL AND root_version < ?1 LIMIT 256",
                    )?;
                    stmt.query_map(params![target], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                    })?
                    .collect::<Result<_, _>>()?
                };
                for (seq, wrapped, version, method) in &rows {
                    let plain = self.root.unwrap(*version, method_from(*method)?, wrapped)?;
                    let new = self.root.wrap(&plain)?;
                    tx.tx.execute(
                        "UPDATE objects SET material=?1, root_version=?2, wrap_method=?3
                         WHERE seq=?4",
                        params![
                            new.bytes,
                            new.version,
                            new.method.kmip_block_cipher_mode(),
                            seq
                        ],
                    )?;
                }
                Ok(rows.len() as u64)
            })?;
            rewrapped = rewrapped.saturating_add(n);
            if n == 0 {
                break;
            }
        }
        let before = self.root.versions().len();
        self.root.retire_versions_below(target)?;
        Ok(RootRotation {
            new_version: target,
            rewrapped,
            retired: before.saturating_sub(self.root.versions().len()),
        })
    }

    /// Number of objects (all states).
    ///
    /// # Errors
    /// The database failed.
    pub fn count(&self) -> Result<u64, StoreError> {
        let conn = self.conn.lock().unwrap_or_else(PoisonError::into_inner);
        let n: i64 = conn.query_row("SELECT COUNT(*) FROM objects", [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}

fn method_from(code: u32) -> Result<WrapMethod, StoreError> {
    WrapMethod::from_kmip_block_cipher_mode(code)
        .ok_or(StoreError::Wrap(key_hierarchy::Error::UnwrapFailed))
}

/// A transaction on the store (see [`Store::transaction`]).
pub struct Tx<'a> {
    tx: Transaction<'a>,
    root: &'a FileRoot,
}

impl std::fmt::Debug for Tx<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tx").finish_non_exhaustive()
    }
}

const OBJECT_COLUMNS: &str = "seq, id, object_type, state, algorithm, length, key_format, \
                              data_type, owner, created, material IS NOT NULL";

fn object_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ObjectRecord> {
    Ok(ObjectRecord {
        seq: r.get(0)?,
        id: r.get(1)?,
        object_type: ObjectType(r.get(2)?),
        state: State(r.get(3)?),
        algorithm: r.get(4)?,
        length: r.get(5)?,
        key_format: r.get(6)?,
        data_type: r.get(7)?,
        owner: r.get(8)?,
        created: r.get(9)?,
        has_material: r.get(10)?,
    })
}

impl Tx<'_> {
    /// Starts a savepoint named `name` (letters only).
    ///
    /// # Errors
    /// The database failed.
    pub fn savepoint(&mut self, name: &str) -> Result<(), StoreError> {
        Ok(self.tx.execute_batch(&format!("SAVEPOINT {name}"))?)
    }

    /// Releases (keeps) the changes since savepoint `name`.
    ///
    /// # Errors
    /// The database failed.
    pub fn release(&mut self, name: &str) -> Result<(), StoreError> {
        Ok(self.tx.execute_batch(&format!("RELEASE {name}"))?)
    }

    /// Undoes the changes since savepoint `name` (the savepoint stays open).
    ///
    /// # Errors
    /// The database failed.
    pub fn rollback_to(&mut self, name: &str) -> Result<(), StoreError> {
        Ok(self.tx.execute_batch(&format!("ROLLBACK TO {name}"))?)
    }

    /// Runs `f` in savepoint `name`: its changes are kept if it succeeds and undone if it
    /// fails.
    ///
    /// # Errors
    /// `f`'s error, or the database's.
    pub fn in_savepoint<T, E: From<StoreError>>(
        &mut self,
        name: &str,
        f: impl FnOnce(&mut Self) -> Result<T, E>,
    ) -> Result<T, E> {
        self.savepoint(name)?;
        match f(self) {
            Ok(v) => {
                self.release(name)?;
                Ok(v)
            }
            Err(e) => {
                self.rollback_to(name)?;
                self.release(name)?;
                Err(e)
            }
        }
    }

    /// Inserts a new object, its material wrapped under the root key, with `attributes`
    /// (name, TTLV value), indexed in order per name. The object's owner is
    /// `object.owner`, whoever inserts it.
    ///
    /// # Errors
    /// The identifier exists, wrapping failed, or the database failed.
    pub fn insert_object(
        &mut self,
        object: &NewObject<'_>,
        attributes: &[(String, Vec<u8>)],
    ) -> Result<ObjectRecord, StoreError> {
        let wrapped = self.root.wrap(object.material)?;
        self.tx.execute(
            "INSERT INTO objects (id, object_type, state, algorithm, length, key_format,
                                  data_type, owner, created, material, root_version, wrap_method)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                object.id,
                object.object_type.0,
                object.state.0,
                object.algorithm,
                object.length,
                object.key_format,
                object.data_type,
                object.owner,
                object.created,
                wrapped.bytes,
                wrapped.version,
                wrapped.method.kmip_block_cipher_mode()
            ],
        )?;
        let seq = self.tx.last_insert_rowid();
        for (name, value) in attributes {
            self.add_attribute_at(seq, name, value)?;
        }
        self.tx
            .query_row(
                &format!("SELECT {OBJECT_COLUMNS} FROM objects WHERE seq=?1"),
                params![seq],
                object_from_row,
            )
            .map_err(StoreError::from)
    }

    /// The object's `columns`, found by identifier through [`VISIBLE_BY_ID`]: the only way
    /// an object is looked up by identifier.
    fn visible<T>(
        &self,
        caller: &Caller,
        id: &str,
        columns: &str,
        row: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        self.tx
            .query_row(
                &format!("SELECT {columns} FROM objects WHERE {VISIBLE_BY_ID}"),
                params![id, caller.admin, caller.owner],
                row,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(id.to_owned()))
    }

    fn seq(&self, caller: &Caller, id: &str) -> Result<i64, StoreError> {
        self.visible(caller, id, "seq", |r| r.get(0))
    }

    /// The object with this identifier, if `caller` may see it.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] (absent, or not the caller's), or the database failed.
    pub fn object(&self, caller: &Caller, id: &str) -> Result<ObjectRecord, StoreError> {
        self.visible(caller, id, OBJECT_COLUMNS, object_from_row)
    }

    /// The object's key material, unwrapped (zeroized when dropped).
    ///
    /// # Errors
    /// Not found (absent, or not the caller's), destroyed, or the root cannot unwrap it.
    pub fn material(&self, caller: &Caller, id: &str) -> Result<Zeroizing<Vec<u8>>, StoreError> {
        type Row = (Option<Vec<u8>>, Option<u32>, Option<u32>);
        let row: Row = self.visible(caller, id, "material, root_version, wrap_method", |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        match row {
            (Some(wrapped), Some(version), Some(method)) => {
                Ok(self.root.unwrap(version, method_from(method)?, &wrapped)?)
            }
            _ => Err(StoreError::NoMaterial(id.to_owned())),
        }
    }

    /// Sets the object's state.
    ///
    /// # Errors
    /// Not found (absent, or not the caller's), or the database failed.
    pub fn set_state(&mut self, caller: &Caller, id: &str, state: State) -> Result<(), StoreError> {
        let seq = self.seq(caller, id)?;
        self.tx.execute(
            "UPDATE objects SET state=?1 WHERE seq=?2",
            params![state.0, seq],
        )?;
        Ok(())
    }

    /// Erases the object's key material (Destroy): the wrapped bytes are overwritten and
    /// removed; the object and its attributes remain.
    ///
    /// # Errors
    /// Not found (absent, or not the caller's), or the database failed.
    pub fn erase_material(&mut self, caller: &Caller, id: &str) -> Result<(), StoreError> {
        let seq = self.seq(caller, id)?;
        // Overwrite first so the old bytes do not linger in a free page, then clear.
        self.tx.execute(
            "UPDATE objects SET material=zeroblob(length(material)) WHERE seq=?1",
            params![seq],
        )?;
        self.tx.execute(
            "UPDATE objects SET material=NULL, root_version=NULL, wrap_method=NULL WHERE seq=?1",
            params![seq],
        )?;
        Ok(())
    }

    /// Every attribute of the object, by name then index.
    ///
    /// # Errors
    /// Not found (absent, or not the caller's), or the database failed.
    pub fn attributes(
        &self,
        caller: &Caller,
        id: &str,
    ) -> Result<Vec<StoredAttribute>, StoreError> {
        let seq = self.seq(caller, id)?;
        let mut stmt = self.tx.prepare_cached(
            "SELECT name, idx, value FROM attributes WHERE object_seq=?1 ORDER BY rowid",
        )?;
        let rows = stmt
            .query_map(params![seq], |r| {
                Ok(StoredAttribute {
                    name: r.get(0)?,
                    index: r.get(1)?,
                    value: r.get(2)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// The instances of one attribute, by index.
    ///
    /// # Errors
    /// Not found (absent, or not the caller's), or the database failed.
    pub fn attribute(
        &self,
        caller: &Caller,
        id: &str,
        name: &str,
    ) -> Result<Vec<StoredAttribute>, StoreError> {
        Ok(self
            .attributes(caller, id)?
            .into_iter()
            .filter(|a| a.name == name)
            .collect())
    }

    /// Adds an instance of an attribute with the next free index; returns the index.
    ///
    /// # Errors
    /// Not found (absent, or not the caller's), or the database failed.
    pub fn add_attribute(
        &mut self,
        caller: &Caller,
        id: &str,
        name: &str,
        value: &[u8],
    ) -> Result<i32, StoreError> {
        let seq = self.seq(caller, id)?;
        self.add_attribute_at(seq, name, value)
    }

    fn add_attribute_at(&mut self, seq: i64, name: &str, value: &[u8]) -> Result<i32, StoreError> {
        let next: i32 = self.tx.query_row(
            "SELECT COALESCE(MAX(idx) + 1, 0) FROM attributes WHERE object_seq=?1 AND name=?2",
            params![seq, name],
            |r| r.get(0),
        )?;
        self.tx.execute(
            "INSERT INTO attributes (object_seq, name, idx, value) VALUES (?1, ?2, ?3, ?4)",
            params![seq, name, next, value],
        )?;
        Ok(next)
    }

    /// Replaces the value of an existing instance; `false` if there is no such instance.
    ///
    /// # Errors
    /// Not found (absent, or not the caller's), or the database failed.
    pub fn modify_attribute(
        &mut self,
        caller: &Caller,
        id: &str,
        name: &str,
        index: i32,
        value: &[u8],
    ) -> Result<bool, StoreError> {
        let seq = self.seq(caller, id)?;
        let n = self.tx.execute(
            "UPDATE attributes SET value=?1 WHERE object_seq=?2 AND name=?3 AND idx=?4",
            params![value, seq, name, index],
        )?;
        Ok(n > 0)
    }

    /// Sets an attribute to a single value (index 0), replacing any instances.
    ///
    /// # Errors
    /// Not found (absent, or not the caller's), or the database failed.
    pub fn set_attribute(
        &mut self,
        caller: &Caller,
        id: &str,
        name: &str,
        value: &[u8],
    ) -> Result<(), StoreError> {
        let seq = self.seq(caller, id)?;
        self.tx.execute(
            "DELETE FROM attributes WHERE object_seq=?1 AND name=?2",
            params![seq, name],
        )?;
        self.tx.execute(
            "INSERT INTO attributes (object_seq, name, idx, value) VALUES (?1, ?2, 0, ?3)",
            params![seq, name, value],
        )?;
        Ok(())
    }

    /// Deletes one instance; returns its value, or `None` if there was no such instance.
    ///
    /// # Errors
    /// Not found (absent, or not the caller's), or the database failed.
    pub fn delete_attribute(
        &mut self,
        caller: &Caller,
        id: &str,
        name: &str,
        index: i32,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        let seq = self.seq(caller, id)?;
        let value: Option<Vec<u8>> = self
            .tx
            .query_row(
                "SELECT value FROM attributes WHERE object_seq=?1 AND name=?2 AND idx=?3",
                params![seq, name, index],
                |r| r.get(0),
            )
            .optional()?;
        if value.is_some() {
            self.tx.execute(
                "DELETE FROM attributes WHERE object_seq=?1 AND name=?2 AND idx=?3",
                params![seq, name, index],
            )?;
        }
        Ok(value)
    }

    /// Identifiers of the objects matching `filter` that `caller` may see, newest first.
    ///
    /// # Errors
    /// The database failed.
    pub fn locate(
        &self,
        caller: &Caller,
        filter: &LocateFilter,
    ) -> Result<Vec<String>, StoreError> {
        let mut sql = String::from("SELECT id FROM objects o WHERE 1=1");
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if !caller.admin {
            args.push(caller.owner.clone().into());
            sql.push_str(" AND o.owner=?1");
        }
        let mut cond = |sql: &mut String, column: &str, v: Option<i64>| {
            if let Some(v) = v {
                args.push(v.into());
                sql.push_str(&format!(" AND o.{column}=?{}", args.len()));
            }
        };
        cond(
            &mut sql,
            "object_type",
            filter.object_type.map(|t| i64::from(t.0)),
        );
        cond(&mut sql, "algorithm", filter.algorithm.map(i64::from));
        cond(&mut sql, "length", filter.length.map(i64::from));
        cond(&mut sql, "state", filter.state.map(|s| i64::from(s.0)));
        for (name, value) in &filter.attributes {
            args.push(name.clone().into());
            let n = args.len();
            args.push(value.clone().into());
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM attributes a WHERE a.object_seq=o.seq \
                 AND a.name=?{n} AND a.value=?{})",
                n + 1
            ));
        }
        sql.push_str(" ORDER BY o.seq DESC");
        if let Some(max) = filter.max_items {
            sql.push_str(&format!(" LIMIT {max}"));
        }
        let mut stmt = self.tx.prepare(&sql)?;
        let ids = stmt
            .query_map(rusqlite::params_from_iter(args), |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::TempDir;

    const OWNER: ClientId = ClientId([1; 32]);

    fn me() -> Caller {
        Caller::client(OWNER)
    }

    fn new_key<'a>(id: &'a str, owner: &'a str, material: &'a [u8]) -> NewObject<'a> {
        NewObject {
            id,
            object_type: ObjectType::SYMMETRIC_KEY,
            state: State::PRE_ACTIVE,
            algorithm: Some(3),
            length: Some(256),
            key_format: Some(1),
            data_type: None,
            owner,
            created: 1,
            material,
        }
    }

    #[test]
    fn objects_attributes_material_survive_reopen_and_rotation() {
        let dir = TempDir::new("store-test").unwrap();
        let key = [7u8; 32];
        let me = me();
        let owner = me.owner().to_owned();
        {
            let store = Store::open(dir.path(), None).unwrap();
            store
                .transaction(|tx| -> Result<(), StoreError> {
                    tx.insert_object(
                        &new_key("a", &owner, &key),
                        &[("x-Vendor".to_owned(), b"v1".to_vec())],
                    )?;
                    tx.insert_object(&new_key("b", &owner, &[1, 2, 3]), &[])?;
                    assert_eq!(tx.add_attribute(&me, "a", "x-Vendor", b"v2")?, 1);
                    assert!(tx.modify_attribute(&me, "a", "x-Vendor", 1, b"v3")?);
                    assert!(!tx.modify_attribute(&me, "a", "x-Vendor", 5, b"v3")?);
                    assert_eq!(
                        tx.delete_attribute(&me, "a", "x-Vendor", 0)?,
                        Some(b"v1".to_vec())
                    );
                    tx.set_state(&me, "b", State::ACTIVE)?;
                    Ok(())
                })
                .unwrap();
            // Material is stored only wrapped.
            let raw = std::fs::read(dir.path().join(DB_FILE)).unwrap();
            let wal = std::fs::read(dir.path().join("kms.sqlite3-wal")).unwrap_or_default();
            for hay in [&raw, &wal] {
                assert!(!hay.windows(32).any(|w| w == key), "plaintext key on disk");
            }
        }
        let store = Store::open(dir.path(), None).unwrap();
        let r = store.rotate_root().unwrap();
        assert_eq!(r.new_version, 2);
        assert_eq!(r.rewrapped, 2);
        assert_eq!(r.retired, 1);
        drop(store);
        let store = Store::open(dir.path(), None).unwrap();
        assert_eq!(store.root().versions(), vec![2]);
        store
            .transaction(|tx| -> Result<(), StoreError> {
                assert_eq!(tx.material(&me, "a")?.as_slice(), &key);
                assert_eq!(tx.material(&me, "b")?.as_slice(), &[1, 2, 3]);
                let attrs = tx.attribute(&me, "a", "x-Vendor")?;
                assert_eq!(attrs.len(), 1);
                assert_eq!((attrs[0].index, attrs[0].value.as_slice()), (1, &b"v3"[..]));
                assert_eq!(tx.object(&me, "b")?.state, State::ACTIVE);
                let f = LocateFilter {
                    state: Some(State::PRE_ACTIVE),
                    ..LocateFilter::default()
                };
                assert_eq!(tx.locate(&me, &f)?, vec!["a".to_owned()]);
                let f = LocateFilter {
                    attributes: vec![("x-Vendor".into(), b"v3".to_vec())],
                    ..LocateFilter::default()
                };
                assert_eq!(tx.locate(&me, &f)?, vec!["a".to_owned()]);
                let all = LocateFilter {
                    max_items: Some(1),
                    ..LocateFilter::default()
                };
                assert_eq!(tx.locate(&me, &all)?, vec!["b".to_owned()]);
                tx.erase_material(&me, "a")?;
                assert!(matches!(
                    tx.material(&me, "a"),
                    Err(StoreError::NoMaterial(_))
                ));
                assert!(matches!(tx.object(&me, "zz"), Err(StoreError::NotFound(_))));
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn refuses_another_root_key() {
        let dir = TempDir::new("store-test").unwrap();
        drop(Store::open(dir.path(), None).unwrap());
        let other = dir.path().join("other.key");
        FileRoot::create(&other).unwrap();
        let err = Store::open(dir.path(), Some(&other)).unwrap_err();
        assert!(err.to_string().contains("wrapped under root key"), "{err}");
        std::fs::remove_file(dir.path().join(ROOT_KEY_FILE)).unwrap();
        let err = Store::open(dir.path(), None).unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
    }

    #[test]
    fn a_failed_transaction_leaves_nothing() {
        let dir = TempDir::new("store-test").unwrap();
        let store = Store::open(dir.path(), None).unwrap();
        let r = store.transaction(|tx| -> Result<(), StoreError> {
            tx.insert_object(&new_key("a", me().owner(), &[1; 16]), &[])?;
            Err(StoreError::NotFound("forced".into()))
        });
        assert!(r.is_err());
        assert_eq!(store.count().unwrap(), 0);
    }

    /// Another client's object is not found by any method, exactly like an absent one;
    /// an admin reaches it; Locate lists only the caller's objects.
    #[test]
    fn objects_are_found_only_by_their_owner_or_an_admin() {
        let dir = TempDir::new("store-test").unwrap();
        let store = Store::open(dir.path(), None).unwrap();
        let me = me();
        let other = Caller::client(ClientId([2; 32]));
        let admin = Caller::new(ClientId([3; 32]), true);
        store
            .transaction(|tx| -> Result<(), StoreError> {
                tx.insert_object(&new_key("mine", me.owner(), &[1; 16]), &[])?;
                tx.insert_object(&new_key("legacy", "CN=kmip-client, O=kmip-examples", &[2; 16]), &[])?;
                for id in ["mine", "legacy", "absent"] {
                    let not_found = |r: Result<(), StoreError>| {
                        matches!(r, Err(StoreError::NotFound(ref i)) if i == id)
                    };
                    assert!(not_found(tx.object(&other, id).map(drop)), "{id}");
                    assert!(not_found(tx.material(&other, id).map(drop)), "{id}");
                    assert!(not_found(tx.attributes(&other, id).map(drop)), "{id}");
                    assert!(not_found(tx.add_attribute(&other, id, "x-a", b"v").map(drop)), "{id}");
                    assert!(not_found(tx.modify_attribute(&other, id, "x-a", 0, b"v").map(drop)));
                    assert!(not_found(tx.set_attribute(&other, id, "x-a", b"v")));
                    assert!(not_found(tx.delete_attribute(&other, id, "x-a", 0).map(drop)));
                    assert!(not_found(tx.set_state(&other, id, State::ACTIVE)));
                    assert!(not_found(tx.erase_material(&other, id)));
                }
                assert_eq!(tx.object(&me, "mine")?.owner, me.owner());
                assert!(matches!(tx.object(&me, "legacy"), Err(StoreError::NotFound(_))));
                assert_eq!(tx.material(&admin, "legacy")?.as_slice(), &[2; 16]);
                tx.set_state(&admin, "mine", State::ACTIVE)?;
                assert_eq!(tx.object(&me, "mine")?.state, State::ACTIVE);
                let all = LocateFilter::default();
                assert_eq!(tx.locate(&me, &all)?, vec!["mine".to_owned()]);
                assert!(tx.locate(&other, &all)?.is_empty());
                assert_eq!(tx.locate(&admin, &all)?, vec!["legacy".to_owned(), "mine".to_owned()]);
                Ok(())
            })
            .unwrap();
    }
}
