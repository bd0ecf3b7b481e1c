//! The server's crash-safe object store, key material stored only wrapped under the root key
//! ([`FileRoot`], AES Key Wrap with Padding), in one of two databases:
//!
//! - [`sqlite`], the embedded default: `DIR/kms.sqlite3` in WAL mode with `synchronous=FULL`,
//!   one server;
//! - [`pg`], PostgreSQL (`kms-server --database-url postgresql://…`), shared by the servers of
//!   a cluster, each with the same root key file.
//!
//! Both have the same tables and the same semantics; [`Store`] and [`Tx`] are the one face
//! the KMIP layer sees, and pick the backend's SQL.
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
//! - `attributes(object_seq, name, idx, value)`: every other attribute, value as TTLV
//!   (PostgreSQL adds `pos`, the insertion order SQLite keeps in its `rowid`).
//!
//! ## Access control
//! Every object has an owner (the creating client's [`ClientId`], as lower-case hex). Every
//! [`Tx`] method that reads or changes an object by identifier takes the [`Caller`] and finds
//! the object only through one SQL condition, `id = ? AND (<caller is admin> OR owner = ?)`
//! (in PostgreSQL also taking the row lock, see [`pg`]); [`Tx::locate`] adds the same owner
//! condition to its query. An object the caller may not see is [`StoreError::NotFound`],
//! exactly as one that does not exist, so no operation above the store can skip the check or
//! tell the two apart.
//!
//! ## Root versions in a cluster
//! A server that meets material wrapped under a root version it does not hold (another node
//! rotated, and the new key file was put in place here) re-reads its root key file once
//! ([`FileRoot::reload`]) before failing.

/// Calls the backend's function of the same name on the transaction `$tx` ([`Tx`]).
macro_rules! on_db {
    ($tx:expr, $f:ident ( $($arg:expr),* )) => {
        match &$tx.db {
            TxDb::Sqlite(t) => sqlite::$f(t $(, $arg)*),
            TxDb::Pg(t) => pg::$f(&mut t.borrow_mut() $(, $arg)*),
        }
    };
}

pub mod pg;
pub mod sqlite;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use key_hierarchy::{Root, RootWrapped, WrapMethod};
use kmip_types::{ObjectType, State};
use zeroize::Zeroizing;

use crate::root_key::{FileRoot, RootKeyError};
use crate::tls::ClientId;

pub use sqlite::DB_FILE;

const SCHEMA_VERSION: &str = "1";

/// Objects re-wrapped per transaction by a root rotation.
const REWRAP_BATCH: u32 = 256;

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed.
    #[error("database: {0}")]
    Db(#[from] rusqlite::Error),
    /// PostgreSQL failed.
    #[error("database: {}", pg_message(.0))]
    Pg(#[from] postgres::Error),
    /// The PostgreSQL database is not usable.
    #[error("database {url}: {what}")]
    Database {
        /// The connection URL, password removed.
        url: String,
        /// What is wrong.
        what: String,
    },
    /// A stored value is out of range (the database was changed behind the server's back).
    #[error("database: {0}")]
    Corrupt(String),
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
    /// The cluster's database names a root version the root key file does not hold:
    /// another server rotated the root key, and this server's file is an old copy.
    #[error(
        "root key file {} lacks version {needed}, which the database names current (another \
         server rotated the root key): give this server the rotated file",
        path.display()
    )]
    RootBehind {
        /// The root key file.
        path: PathBuf,
        /// The version the database names current.
        needed: u32,
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

/// Where the store keeps its tables.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Database {
    /// `kms.sqlite3` in the data directory (one server).
    #[default]
    Sqlite,
    /// A PostgreSQL database shared by the servers of a cluster: its connection URL,
    /// `postgresql://user[:password]@host[:port]/database`.
    Postgres(String),
}

enum Db {
    /// One connection, serialised by the mutex.
    Sqlite(Mutex<rusqlite::Connection>),
    /// A pool: one connection per request in flight.
    Pg(Box<pg::Pool>),
}

/// The store: its database and the root key.
pub struct Store {
    db: Db,
    root: Arc<FileRoot>,
    dir: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("dir", &self.dir)
            .field("database", &self.describe())
            .field("root", &self.root)
            .finish_non_exhaustive()
    }
}

/// The root key file's default name in the data directory.
pub const ROOT_KEY_FILE: &str = "root.key";

/// The material column of an object: wrapped bytes, root version, wrap method.
type WrappedRow = (Option<Vec<u8>>, Option<u32>, Option<u32>);

/// An object a root rotation re-wraps: seq, wrapped material, root version, wrap method.
type StaleRow = (i64, Vec<u8>, u32, u32);

impl Store {
    /// Opens (creating if needed) the SQLite store in `dir`; see [`Store::open_in`].
    ///
    /// # Errors
    /// See [`Store::open_in`].
    pub fn open(dir: &Path, root_key_file: Option<&Path>) -> Result<Self, StoreError> {
        Self::open_in(&Database::Sqlite, dir, root_key_file)
    }

    /// Opens (creating the tables if needed) the store in `database`, with the root key
    /// `root_key_file` or `dir/root.key`. The root key file is created (0600) only if the
    /// database names no root key yet; a database whose keys are wrapped under another root
    /// key is refused. A root rotation a crash interrupted is completed.
    ///
    /// # Errors
    /// The directory or database cannot be used, the root key is missing, unreadable, too
    /// widely readable, or not the one the data is wrapped under.
    pub fn open_in(
        database: &Database,
        dir: &Path,
        root_key_file: Option<&Path>,
    ) -> Result<Self, StoreError> {
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
        let (db, recorded_root) = match database {
            Database::Sqlite => {
                let (conn, root) = sqlite::open(dir)?;
                (Db::Sqlite(Mutex::new(conn)), root)
            }
            Database::Postgres(url) => {
                let pool = pg::Pool::new(url)?;
                let root = pg::open(&pool)?;
                (Db::Pg(Box::new(pool)), root)
            }
        };
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
        let recorded = match recorded_root {
            Some(r) => r,
            None => match &db {
                Db::Sqlite(conn) => {
                    sqlite::record_root(
                        &conn.lock().unwrap_or_else(PoisonError::into_inner),
                        &root_id,
                    )?;
                    root_id.clone()
                }
                // Another server of the cluster may have recorded its root first.
                Db::Pg(pool) => pg::record_root(pool, &root_id)?,
            },
        };
        if recorded != root_id {
            return Err(dir_err(format!(
                "the store's keys are wrapped under root key {recorded}, but {} holds root key {root_id}",
                root_path.display()
            )));
        }
        let store = Store {
            db,
            root: Arc::new(root),
            dir: dir.to_owned(),
        };
        if store.root.versions().len() > 1 {
            store.finish_rotation()?;
        }
        // In a cluster, refuse to start with a key file older than the database's root state
        // (another server rotated): this server could unwrap nothing re-wrapped since.
        store.transaction(|tx| tx.root_gate())?;
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

    /// Where the tables are, for messages: the SQLite file, or the PostgreSQL URL without
    /// its password.
    pub fn describe(&self) -> String {
        match &self.db {
            Db::Sqlite(_) => self.dir.join(DB_FILE).display().to_string(),
            Db::Pg(pool) => pool.display().to_owned(),
        }
    }

    /// Runs `f` in one transaction and commits it durably; rolls back if `f` fails.
    ///
    /// # Errors
    /// `f`'s error, or the database's.
    pub fn transaction<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        self.run(false, f)
    }

    /// Runs `f`, which changes nothing, in one transaction: like [`Store::transaction`], but
    /// in PostgreSQL read-only (a change is refused by the database) and without the row
    /// locks of a changing transaction, so concurrent reads of one object do not queue and
    /// commit writes nothing.
    ///
    /// # Errors
    /// `f`'s error, or the database's.
    pub fn read_transaction<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        self.run(true, f)
    }

    fn run<T, E: From<StoreError>>(
        &self,
        read_only: bool,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let store_err = |e: StoreError| E::from(e);
        match &self.db {
            Db::Sqlite(conn) => {
                let mut conn = conn.lock().unwrap_or_else(PoisonError::into_inner);
                let tx = conn
                    .transaction()
                    .map_err(|e| store_err(StoreError::from(e)))?;
                let mut wrapped = Tx {
                    db: TxDb::Sqlite(tx),
                    root: &self.root,
                    lock: false,
                };
                let out = f(&mut wrapped)?;
                wrapped.commit().map_err(store_err)?;
                Ok(out)
            }
            Db::Pg(pool) => {
                let mut client = pool.get().map_err(store_err)?;
                let result = (|| {
                    let t = client
                        .build_transaction()
                        .read_only(read_only)
                        .start()
                        .map_err(|e| store_err(StoreError::from(e)))?;
                    let mut wrapped = Tx {
                        db: TxDb::Pg(RefCell::new(t)),
                        root: &self.root,
                        lock: !read_only,
                    };
                    // On an error the transaction is dropped, which rolls it back.
                    let out = f(&mut wrapped)?;
                    wrapped.commit().map_err(store_err)?;
                    Ok(out)
                })();
                pool.put(client);
                result
            }
        }
    }

    /// Root rotation: adds a root version, re-wraps every object's material under it (in
    /// transactions of up to 256 objects, each durable), then retires the old versions. No key
    /// changes; the old root material is gone afterwards. Safe to run while serving, and
    /// resumed at the next [`Store::open`] if interrupted.
    ///
    /// With SQLite the root key file must have no other holder (see [`FileRoot`]). With
    /// PostgreSQL the other servers of the cluster may serve meanwhile: the database's root
    /// state row coordinates them (see [`pg`]).
    ///
    /// # Errors
    /// The root key file or the database failed; the store stays consistent (objects are under
    /// either version, both of which remain in the file until every object is re-wrapped).
    pub fn rotate_root(&self) -> Result<RootRotation, StoreError> {
        match &self.db {
            Db::Sqlite(_) => {
                self.root.add_version()?;
            }
            Db::Pg(_) => {
                self.transaction(|tx| -> Result<(), StoreError> {
                    let mut state = tx.pg_root_state(pg::Lock::Update)?;
                    // Another server may have rotated since this one read the file.
                    self.root.reload()?;
                    state.current = self.root.add_version_coordinated()?;
                    tx.pg_set_root_state(state)
                })?;
            }
        }
        self.finish_rotation()
    }

    fn finish_rotation(&self) -> Result<RootRotation, StoreError> {
        let target = self.root.current_version()?;
        if let Db::Pg(_) = &self.db {
            // Resuming: every server must wrap under `target` before anything is retired.
            self.transaction(|tx| -> Result<(), StoreError> {
                let mut state = tx.pg_root_state(pg::Lock::Update)?;
                if state.current < target {
                    state.current = target;
                    tx.pg_set_root_state(state)?;
                }
                Ok(())
            })?;
        }
        let mut rewrapped = 0u64;
        let before = self.root.versions().len();
        loop {
            loop {
                let n = self.transaction(|tx| -> Result<u64, StoreError> {
                    tx.root_gate()?;
                    let rows = on_db!(tx, stale(target, REWRAP_BATCH))?;
                    for (seq, wrapped, version, method) in &rows {
                        let plain = tx.unwrap(*version, *method, wrapped)?;
                        let new = self.root.wrap(&plain)?;
                        on_db!(tx, rewrap(*seq, &new))?;
                    }
                    Ok(rows.len() as u64)
                })?;
                rewrapped = rewrapped.saturating_add(n);
                if n == 0 {
                    break;
                }
            }
            let retired = match &self.db {
                Db::Sqlite(_) => {
                    self.root.retire_versions_below(target)?;
                    true
                }
                // Under the exclusive row lock no server wraps; retire only if nothing was
                // wrapped under an old version since the last batch.
                Db::Pg(_) => self.transaction(|tx| -> Result<bool, StoreError> {
                    let mut state = tx.pg_root_state(pg::Lock::Update)?;
                    let TxDb::Pg(t) = &tx.db else {
                        return Ok(false);
                    };
                    if pg::count_below(&mut t.borrow_mut(), target)? > 0 {
                        return Ok(false);
                    }
                    self.root.retire_versions_below_coordinated(target)?;
                    state.retired_below = state.retired_below.max(target);
                    tx.pg_set_root_state(state)?;
                    Ok(true)
                })?,
            };
            if retired {
                break;
            }
        }
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
        match &self.db {
            Db::Sqlite(conn) => sqlite::count(&conn.lock().unwrap_or_else(PoisonError::into_inner)),
            Db::Pg(pool) => pg::count(pool),
        }
    }
}

/// A PostgreSQL error with the server's message and SQLSTATE (`postgres::Error` alone
/// prints only "db error").
fn pg_message(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{} (SQLSTATE {})", db.message(), db.code().code()),
        None => match std::error::Error::source(e) {
            Some(source) => format!("{e}: {source}"),
            None => e.to_string(),
        },
    }
}

fn method_from(code: u32) -> Result<WrapMethod, StoreError> {
    WrapMethod::from_kmip_block_cipher_mode(code)
        .ok_or(StoreError::Wrap(key_hierarchy::Error::UnwrapFailed))
}

/// A transaction on the store (see [`Store::transaction`]).
pub struct Tx<'a> {
    db: TxDb<'a>,
    root: &'a FileRoot,
    /// Whether lookups by identifier take the row lock (PostgreSQL, changing transactions).
    lock: bool,
}

enum TxDb<'a> {
    Sqlite(rusqlite::Transaction<'a>),
    /// In a cell: the PostgreSQL client needs `&mut` even to read, and reads take `&Tx`.
    Pg(RefCell<postgres::Transaction<'a>>),
}

impl std::fmt::Debug for Tx<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tx").finish_non_exhaustive()
    }
}

impl Tx<'_> {
    fn commit(self) -> Result<(), StoreError> {
        match self.db {
            TxDb::Sqlite(tx) => Ok(tx.commit()?),
            TxDb::Pg(t) => Ok(t.into_inner().commit()?),
        }
    }

    /// Unwraps material under root `version`; a version this server does not hold sends it
    /// to re-read the root key file once (another node of the cluster rotated).
    fn unwrap(
        &self,
        version: u32,
        method: u32,
        wrapped: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, StoreError> {
        let method = method_from(method)?;
        match self.root.unwrap(version, method, wrapped) {
            Err(key_hierarchy::Error::RootVersionUnavailable { .. }) => {
                self.root.reload()?;
                Ok(self.root.unwrap(version, method, wrapped)?)
            }
            other => Ok(other?),
        }
    }

    /// The cluster's root state, its row locked as `lock` (PostgreSQL only; SQLite has one
    /// server and no such row).
    fn pg_root_state(&self, lock: pg::Lock) -> Result<pg::RootState, StoreError> {
        match &self.db {
            TxDb::Pg(t) => pg::root_state(&mut t.borrow_mut(), lock),
            TxDb::Sqlite(_) => Ok(pg::RootState::default()),
        }
    }

    fn pg_set_root_state(&self, state: pg::RootState) -> Result<(), StoreError> {
        match &self.db {
            TxDb::Pg(t) => pg::set_root_state(&mut t.borrow_mut(), state),
            TxDb::Sqlite(_) => Ok(()),
        }
    }

    /// Before wrapping under the root: in a PostgreSQL cluster, holds the root state row
    /// shared until commit (a rotation waits for this transaction), and re-reads the root key
    /// file when the database names a newer current version, or retired versions this server
    /// still holds. Fails rather than wrap under a version older than the current one.
    fn root_gate(&self) -> Result<(), StoreError> {
        let TxDb::Pg(_) = &self.db else {
            return Ok(());
        };
        let state = self.pg_root_state(pg::Lock::Share)?;
        let behind = |root: &FileRoot| -> Result<bool, StoreError> {
            Ok(root.current_version()? < state.current)
        };
        let holds_retired = self
            .root
            .versions()
            .first()
            .is_some_and(|v| *v < state.retired_below);
        if behind(self.root)? || holds_retired {
            self.root.reload()?;
            if behind(self.root)? {
                return Err(StoreError::RootBehind {
                    path: self.root.path().to_owned(),
                    needed: state.current,
                });
            }
        }
        Ok(())
    }

    /// Starts a savepoint named `name` (letters only).
    ///
    /// # Errors
    /// The database failed.
    pub fn savepoint(&mut self, name: &str) -> Result<(), StoreError> {
        on_db!(self, batch(&format!("SAVEPOINT {name}")))
    }

    /// Releases (keeps) the changes since savepoint `name`.
    ///
    /// # Errors
    /// The database failed.
    pub fn release(&mut self, name: &str) -> Result<(), StoreError> {
        on_db!(self, batch(&format!("RELEASE {name}")))
    }

    /// Undoes the changes since savepoint `name` (the savepoint stays open).
    ///
    /// # Errors
    /// The database failed.
    pub fn rollback_to(&mut self, name: &str) -> Result<(), StoreError> {
        on_db!(self, batch(&format!("ROLLBACK TO {name}")))
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
        self.root_gate()?;
        let wrapped: RootWrapped = self.root.wrap(object.material)?;
        let seq = on_db!(self, insert_object(object, &wrapped))?;
        for (name, value) in attributes {
            on_db!(self, add_attribute(seq, name, value))?;
        }
        on_db!(self, record(seq))
    }

    /// The object found by identifier for `caller`: the only way an object is looked up by
    /// identifier (see the module docs).
    fn visible(&self, caller: &Caller, id: &str) -> Result<ObjectRecord, StoreError> {
        on_db!(self, visible(caller, id, self.lock))?
            .ok_or_else(|| StoreError::NotFound(id.to_owned()))
    }

    fn seq(&self, caller: &Caller, id: &str) -> Result<i64, StoreError> {
        Ok(self.visible(caller, id)?.seq)
    }

    /// The object with this identifier, if `caller` may see it.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] (absent, or not the caller's), or the database failed.
    pub fn object(&self, caller: &Caller, id: &str) -> Result<ObjectRecord, StoreError> {
        self.visible(caller, id)
    }

    /// The object's key material, unwrapped (zeroized when dropped).
    ///
    /// # Errors
    /// Not found (absent, or not the caller's), destroyed, or the root cannot unwrap it.
    pub fn material(&self, caller: &Caller, id: &str) -> Result<Zeroizing<Vec<u8>>, StoreError> {
        let seq = self.seq(caller, id)?;
        match on_db!(self, wrapped(seq))? {
            (Some(wrapped), Some(version), Some(method)) => self.unwrap(version, method, &wrapped),
            _ => Err(StoreError::NoMaterial(id.to_owned())),
        }
    }

    /// Sets the object's state.
    ///
    /// # Errors
    /// Not found (absent, or not the caller's), or the database failed.
    pub fn set_state(&mut self, caller: &Caller, id: &str, state: State) -> Result<(), StoreError> {
        let seq = self.seq(caller, id)?;
        on_db!(self, set_state(seq, state.0))
    }

    /// Erases the object's key material (Destroy): the wrapped bytes are removed (in SQLite
    /// overwritten first); the object and its attributes remain.
    ///
    /// # Errors
    /// Not found (absent, or not the caller's), or the database failed.
    pub fn erase_material(&mut self, caller: &Caller, id: &str) -> Result<(), StoreError> {
        let seq = self.seq(caller, id)?;
        on_db!(self, erase_material(seq))
    }

    /// Every attribute of the object, in the order they were stored.
    ///
    /// # Errors
    /// Not found (absent, or not the caller's), or the database failed.
    pub fn attributes(
        &self,
        caller: &Caller,
        id: &str,
    ) -> Result<Vec<StoredAttribute>, StoreError> {
        let seq = self.seq(caller, id)?;
        on_db!(self, attributes(seq))
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
        on_db!(self, add_attribute(seq, name, value))
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
        on_db!(self, modify_attribute(seq, name, index, value))
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
        on_db!(self, set_attribute(seq, name, value))
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
        on_db!(self, delete_attribute(seq, name, index))
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
        on_db!(self, locate(caller, filter))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::TempDir;

    const OWNER: ClientId = ClientId([1; 32]);

    /// SQLite, and PostgreSQL (a new database) when `KMIP_PG_URL` is set.
    fn databases(test: &str) -> Vec<Database> {
        let mut all = vec![Database::Sqlite];
        all.extend(pg::test_database(test).unwrap().map(Database::Postgres));
        all
    }

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
        for db in databases("objects_attributes_material_survive_reopen_and_rotation") {
            survive_reopen_and_rotation(&db);
        }
    }

    fn survive_reopen_and_rotation(db: &Database) {
        let dir = TempDir::new("store-test").unwrap();
        let key = [7u8; 32];
        let me = me();
        let owner = me.owner().to_owned();
        {
            let store = Store::open_in(db, dir.path(), None).unwrap();
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
            match db {
                Database::Sqlite => {
                    let raw = std::fs::read(dir.path().join(DB_FILE)).unwrap();
                    let wal = std::fs::read(dir.path().join("kms.sqlite3-wal")).unwrap_or_default();
                    for hay in [&raw, &wal] {
                        assert!(!hay.windows(32).any(|w| w == key), "plaintext key on disk");
                    }
                }
                Database::Postgres(url) => {
                    let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
                    let rows: Vec<Vec<u8>> = c
                        .query("SELECT material FROM objects", &[])
                        .unwrap()
                        .iter()
                        .map(|r| r.get(0))
                        .collect();
                    assert_eq!(rows.len(), 2);
                    for m in &rows {
                        assert!(!m.windows(32).any(|w| w == key), "plaintext key stored");
                    }
                    let hit: i64 = c
                        .query_one(
                            "SELECT COUNT(*) FROM objects WHERE position($1 in material) > 0",
                            &[&key.as_slice()],
                        )
                        .unwrap()
                        .get(0);
                    assert_eq!(hit, 0);
                }
            }
        }
        let store = Store::open_in(db, dir.path(), None).unwrap();
        let r = store.rotate_root().unwrap();
        assert_eq!(r.new_version, 2);
        assert_eq!(r.rewrapped, 2);
        assert_eq!(r.retired, 1);
        drop(store);
        let store = Store::open_in(db, dir.path(), None).unwrap();
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
        for db in databases("refuses_another_root_key") {
            refuses_another_root_key_in(&db);
        }
    }

    fn refuses_another_root_key_in(db: &Database) {
        let dir = TempDir::new("store-test").unwrap();
        drop(Store::open_in(db, dir.path(), None).unwrap());
        let other = dir.path().join("other.key");
        FileRoot::create(&other).unwrap();
        let err = Store::open_in(db, dir.path(), Some(&other)).unwrap_err();
        assert!(err.to_string().contains("wrapped under root key"), "{err}");
        std::fs::remove_file(dir.path().join(ROOT_KEY_FILE)).unwrap();
        let err = Store::open_in(db, dir.path(), None).unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
    }

    #[test]
    fn a_failed_transaction_leaves_nothing() {
        for db in databases("a_failed_transaction_leaves_nothing") {
            a_failed_transaction_leaves_nothing_in(&db);
        }
    }

    fn a_failed_transaction_leaves_nothing_in(db: &Database) {
        let dir = TempDir::new("store-test").unwrap();
        let store = Store::open_in(db, dir.path(), None).unwrap();
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
        for db in databases("objects_are_found_only_by_their_owner_or_an_admin") {
            found_only_by_owner_or_admin(&db);
        }
    }

    fn found_only_by_owner_or_admin(db: &Database) {
        let dir = TempDir::new("store-test").unwrap();
        let store = Store::open_in(db, dir.path(), None).unwrap();
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
