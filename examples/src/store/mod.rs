//! The server's crash-safe object store, in one of two databases:
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
//! ## Keys under keys: crypto-shredding
//! Every object's material is wrapped (AES Key Wrap with Padding) under its **own object key**,
//! a random AES-256 key made for it ([`key_hierarchy::Kek`]); the object key is stored only
//! wrapped under the root key ([`FileRoot`]), as a [`key_hierarchy::KekRecord`] in its own
//! row. Destroy deletes the object key's row and the wrapped material together: the only
//! wrapping of the material is gone, so no copy of the database, however old, and no copy
//! of the root key recovers the key unless it is *also* a copy from before the Destroy. With
//! SQLite, deleted content is zeroed (`secure_delete`) and the WAL is checkpointed and
//! truncated after the transaction, so no byte of the material, its wrapped form or the
//! object key remains in the data directory's files. (PostgreSQL keeps dead row versions
//! until VACUUM, and WAL segments until recycled: see [`pg`] and the README.)
//!
//! The root key file lives **outside the data directory** by default (`DIR.root.key` beside
//! `DIR`), so that a copy of the data directory is not a copy of everything it takes to read
//! it; a root key inside the directory is refused unless asked for explicitly
//! ([`RootKeyPlacement`]).
//!
//! ## Root rotation
//! Rotation goes through key-hierarchy: the object keys' table is a
//! [`key_hierarchy::KekStore`] ([`ObjectKeys`]: compare-and-swap on a per-row revision), and
//! [`key_hierarchy::KeyHierarchy::rotate_root`] re-wraps every object key under the new root
//! version — write the new form beside the old, read it back and verify it unwraps to the same
//! key, then switch — before the old version is retired
//! ([`key_hierarchy::KeyHierarchy::ensure_root_version_unused`]). Objects' material is not
//! touched: it is under its object key, which does not change.
//!
//! ## Schema (version 2)
//! - `meta(key, value)`: schema version and the id of the root key the data is wrapped under;
//! - `object_keys(id, revision, kind, state, *_date, revocation_reason, wrapped, root_version,
//!   pending, pending_version)`: one [`key_hierarchy::KekRecord`] per row, `wrapped` and
//!   `pending` in key-hierarchy's wrapped-key encoding;
//! - `objects(seq, id, object_type, state, algorithm, length, key_format, data_type, owner,
//!   created, material, wrap_method, key_id)`: one row per managed object, `material` wrapped
//!   under the object key `key_id` (both NULL once destroyed);
//! - `attributes(object_seq, name, idx, value)`: every other attribute, value as TTLV
//!   (PostgreSQL adds `pos`, the insertion order SQLite keeps in its `rowid`).
//!
//! A store of schema version 1 (material wrapped directly under the root key, by kms-server
//! before the object-key layer) is migrated when opened, in one transaction: each object's
//! material gets its own object key; identifiers, attributes and states are kept.
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
//! A server that meets an object key wrapped under a root version it does not hold (another
//! node rotated, and the new key file was put in place here) re-reads its root key file once
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

/// Finds the object `$id` for `$caller` through [`Tx::seq`] (the one lookup by identifier,
/// with its owner condition), then calls the backend's function of that name on the
/// transaction `$tx` with the object's sequence number first.
macro_rules! on_object {
    ($tx:expr, $caller:expr, $id:expr, $f:ident ( $($arg:expr),* )) => {{
        let seq = $tx.seq($caller, $id)?;
        on_db!($tx, $f(seq $(, $arg)*))
    }};
}

/// The columns of an object key's row, in the order both backends read and write them.
const KEY_COLUMNS: &str = "id, revision, kind, state, initial_date, activation_date, \
                           deactivation_date, compromise_date, destroy_date, revocation_reason, \
                           wrapped, root_version, pending, pending_version";

/// The values of [`KeyRow`] `$k` from `kind` to `pending_version`, in [`KEY_COLUMNS`] order,
/// as an array of `$param` (each backend's parameter type): the parameters both backends bind
/// after `id` and `revision` in the INSERT and the compare-and-swap UPDATE.
macro_rules! key_row_values {
    ($k:expr, $param:ty) => {{
        let k = $k;
        let values: [$param; 12] = [
            &k.kind,
            &k.state,
            &k.initial_date,
            &k.activation_date,
            &k.deactivation_date,
            &k.compromise_date,
            &k.destroy_date,
            &k.revocation_reason,
            &k.wrapped,
            &k.root_version,
            &k.pending,
            &k.pending_version,
        ];
        values
    }};
}

pub mod pg;
pub mod sqlite;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use key_hierarchy::{
    CasOutcome, Kek, KekRecord, KekStore, KeyHierarchy, KeyId, KeyKind, KeyState, Lifecycle,
    LifecycleParts, OsRng, RevocationReason, Root, Timestamp, Versioned, WrapMethod, WrappedKey,
};
use kmip_types::{CryptographicAlgorithm, KeyFormatType, ObjectType, State};
use zeroize::Zeroizing;

use crate::root_key::{FileRoot, RootKeyError};
use crate::tls::ClientId;

pub use sqlite::DB_FILE;

const SCHEMA_VERSION: &str = "2";

/// How an object's material is wrapped under its object key: AES Key Wrap with Padding
/// (RFC 5649), which takes any length.
const MATERIAL_WRAP: WrapMethod = WrapMethod::AesKeyWrapPadding;

/// The schema before the object-key layer: material wrapped directly under the root key.
/// Migrated on open ([`Store::open_with`]).
const SCHEMA_V1: &str = "1";

/// An object of a schema 1 store to migrate: seq, material (wrapped under the root), root
/// version, wrap method, created.
type V1Row = (i64, Vec<u8>, u32, u32, i64);

/// Objects migrated per batch (all batches in one transaction).
const MIGRATION_BATCH: i64 = 256;

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
    /// State: one of the six KMIP 1.1 states (a stored value that is not one is
    /// [`StoreError::Corrupt`] when read, before any operation sees it).
    pub state: KeyState,
    /// Cryptographic Algorithm, for keys.
    pub algorithm: Option<CryptographicAlgorithm>,
    /// Cryptographic Length in bits, for keys.
    pub length: Option<i32>,
    /// Key Format Type the material is kept in, for keys.
    pub key_format: Option<KeyFormatType>,
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
    pub state: KeyState,
    /// Cryptographic Algorithm.
    pub algorithm: Option<CryptographicAlgorithm>,
    /// Cryptographic Length in bits.
    pub length: Option<i32>,
    /// Key Format Type.
    pub key_format: Option<KeyFormatType>,
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
    /// Unique Identifier.
    pub unique_identifier: Option<String>,
    /// Object Type.
    pub object_type: Option<ObjectType>,
    /// Cryptographic Algorithm.
    pub algorithm: Option<CryptographicAlgorithm>,
    /// Cryptographic Length.
    pub length: Option<i32>,
    /// State (as a client asks: any value, matching nothing if it is no state).
    pub state: Option<State>,
    /// States the objects must not be in.
    pub not_states: Vec<State>,
    /// Attributes that must be present with exactly this encoded value (name, value TTLV).
    pub attributes: Vec<(String, Vec<u8>)>,
    /// At most this many identifiers.
    pub max_items: Option<u32>,
}

/// A value bound to a parameter of a query both backends run.
#[derive(Clone, Debug, PartialEq, Eq)]
enum SqlArg {
    /// A BIGINT (INTEGER in SQLite).
    Int(i64),
    /// An INTEGER (32 bits in PostgreSQL).
    Int4(i32),
    /// TEXT.
    Text(String),
    /// A BLOB / BYTEA.
    Bytes(Vec<u8>),
}

/// The Locate query for `caller` and `filter`, newest first, and its arguments, with
/// `placeholder(n)` the backend's n-th parameter (`?n`, `$n`): the one place the conditions
/// of a Locate are written. The owner condition comes first, so another client's objects
/// are never even counted.
fn locate_query(
    caller: &Caller,
    filter: &LocateFilter,
    placeholder: fn(usize) -> String,
) -> (String, Vec<SqlArg>) {
    let mut sql = String::from("SELECT id FROM objects o WHERE 1=1");
    let mut args: Vec<SqlArg> = Vec::new();
    let bind = |args: &mut Vec<SqlArg>, arg: SqlArg| {
        args.push(arg);
        placeholder(args.len())
    };
    if !caller.admin {
        let p = bind(&mut args, SqlArg::Text(caller.owner.clone()));
        sql.push_str(&format!(" AND o.owner={p}"));
    }
    let mut conditions: Vec<(&str, SqlArg)> = Vec::new();
    if let Some(id) = &filter.unique_identifier {
        conditions.push(("o.id=", SqlArg::Text(id.clone())));
    }
    if let Some(t) = filter.object_type {
        conditions.push(("o.object_type=", SqlArg::Int(i64::from(t.0))));
    }
    if let Some(a) = filter.algorithm {
        conditions.push(("o.algorithm=", SqlArg::Int(i64::from(a.0))));
    }
    if let Some(l) = filter.length {
        conditions.push(("o.length=", SqlArg::Int4(l)));
    }
    if let Some(s) = filter.state {
        conditions.push(("o.state=", SqlArg::Int(i64::from(s.0))));
    }
    for s in &filter.not_states {
        conditions.push(("o.state<>", SqlArg::Int(i64::from(s.0))));
    }
    for (column, arg) in conditions {
        let p = bind(&mut args, arg);
        sql.push_str(&format!(" AND {column}{p}"));
    }
    for (name, value) in &filter.attributes {
        let n = bind(&mut args, SqlArg::Text(name.clone()));
        let v = bind(&mut args, SqlArg::Bytes(value.clone()));
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM attributes a WHERE a.object_seq=o.seq \
             AND a.name={n} AND a.value={v})"
        ));
    }
    sql.push_str(" ORDER BY o.seq DESC");
    if let Some(max) = filter.max_items {
        sql.push_str(&format!(" LIMIT {max}"));
    }
    (sql, args)
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
    /// SQLite: key material was destroyed and the WAL not yet checkpointed.
    checkpoint_due: AtomicBool,
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

/// The root key file's name inside the data directory of kms-server before the root key
/// moved out of it by default.
pub const ROOT_KEY_FILE: &str = "root.key";

/// The material columns of an object: wrapped bytes, wrap method, object key id.
type MaterialRow = (Option<Vec<u8>>, Option<u32>, Option<String>);

/// Where the root key file is, and whether it may be inside the data directory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RootKeyPlacement {
    /// The root key file; `None`: [`default_root_key_path`] (`DIR.root.key` beside `DIR`).
    pub file: Option<PathBuf>,
    /// Accept a root key file inside the data directory (`--allow-root-key-in-data-dir`).
    /// A copy of the directory then holds everything needed to read every key it ever held.
    pub allow_in_data_dir: bool,
}

impl RootKeyPlacement {
    /// The root key file `file` (or the default), outside the data directory.
    pub fn file(file: Option<&Path>) -> Self {
        RootKeyPlacement {
            file: file.map(Path::to_owned),
            allow_in_data_dir: false,
        }
    }
}

/// The root key file used when none is given: `NAME.root.key` beside the data directory
/// `…/NAME` (`kms-data` → `kms-data.root.key`), outside it.
///
/// # Errors
/// The directory has no parent or name (`/`): a root key file must then be given.
pub fn default_root_key_path(dir: &Path) -> Result<PathBuf, StoreError> {
    let absolute = std::path::absolute(dir).map_err(|e| StoreError::DataDir {
        path: dir.to_owned(),
        what: format!("cannot resolve it: {e}"),
    })?;
    let absolute = absolute.components().collect::<PathBuf>();
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => {
            let mut file = name.to_owned();
            file.push(".root.key");
            Ok(parent.join(file))
        }
        _ => Err(StoreError::DataDir {
            path: dir.to_owned(),
            what: "has no parent directory to keep the root key beside it: give \
                   --root-key-file"
                .into(),
        }),
    }
}

/// Whether `file` is inside the (existing) directory `dir`, symbolic links resolved.
fn is_inside(dir: &Path, file: &Path) -> bool {
    let Ok(dir) = dir.canonicalize() else {
        return false;
    };
    let resolved = file.canonicalize().ok().or_else(|| {
        let parent = file.parent().filter(|p| !p.as_os_str().is_empty())?;
        Some(parent.canonicalize().ok()?.join(file.file_name()?))
    });
    resolved.is_some_and(|f| f.starts_with(&dir))
}

/// An object key's row: a [`KekRecord`] as both backends' tables hold it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct KeyRow {
    id: String,
    revision: i64,
    kind: i64,
    state: i64,
    initial_date: i64,
    activation_date: Option<i64>,
    deactivation_date: Option<i64>,
    compromise_date: Option<i64>,
    destroy_date: Option<i64>,
    revocation_reason: Option<i64>,
    wrapped: Option<Vec<u8>>,
    root_version: Option<i64>,
    pending: Option<Vec<u8>>,
    pending_version: Option<i64>,
}

fn to_db_time(t: Timestamp) -> i64 {
    i64::try_from(t.0).unwrap_or(i64::MAX)
}

fn from_db_time(t: i64, column: &str) -> Result<Timestamp, StoreError> {
    u64::try_from(t)
        .map(Timestamp)
        .map_err(|_| StoreError::Corrupt(format!("object_keys.{column} = {t} is out of range")))
}

impl KeyRow {
    fn from_record(r: &KekRecord) -> Result<Self, StoreError> {
        let id =
            r.id.as_str()
                .ok_or_else(|| StoreError::Corrupt(format!("object key id {} is not text", r.id)))?
                .to_owned();
        let l = r.lifecycle.parts();
        Ok(KeyRow {
            id,
            revision: 0,
            kind: i64::from(r.kind.code()),
            state: i64::from(l.state.kmip_value()),
            initial_date: to_db_time(l.initial_date),
            activation_date: l.activation_date.map(to_db_time),
            deactivation_date: l.deactivation_date.map(to_db_time),
            compromise_date: l.compromise_date.map(to_db_time),
            destroy_date: l.destroy_date.map(to_db_time),
            revocation_reason: l.revocation_reason.map(|r| i64::from(r.kmip_value())),
            wrapped: r.wrapped.as_ref().map(WrappedKey::encode),
            root_version: r
                .wrapped
                .as_ref()
                .map(|w| i64::from(w.wrapping_key_version())),
            pending: r.pending.as_ref().map(WrappedKey::encode),
            pending_version: r
                .pending
                .as_ref()
                .map(|w| i64::from(w.wrapping_key_version())),
        })
    }

    fn into_versioned(self) -> Result<Versioned, StoreError> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("object key {}: {what}", self.id));
        let id = KeyId::new(self.id.as_bytes()).map_err(|_| corrupt("bad id"))?;
        let kind = u8::try_from(self.kind)
            .ok()
            .and_then(KeyKind::from_code)
            .ok_or_else(|| corrupt("bad kind"))?;
        let state = u32::try_from(self.state)
            .ok()
            .and_then(KeyState::from_kmip_value)
            .ok_or_else(|| corrupt("bad state"))?;
        let reason = match self.revocation_reason {
            None => None,
            Some(r) => Some(
                u32::try_from(r)
                    .ok()
                    .and_then(RevocationReason::from_kmip_value)
                    .ok_or_else(|| corrupt("bad revocation reason"))?,
            ),
        };
        let opt_time =
            |t: Option<i64>, column: &str| t.map(|t| from_db_time(t, column)).transpose();
        let lifecycle = Lifecycle::from_parts(LifecycleParts {
            state,
            initial_date: from_db_time(self.initial_date, "initial_date")?,
            activation_date: opt_time(self.activation_date, "activation_date")?,
            deactivation_date: opt_time(self.deactivation_date, "deactivation_date")?,
            compromise_date: opt_time(self.compromise_date, "compromise_date")?,
            destroy_date: opt_time(self.destroy_date, "destroy_date")?,
            revocation_reason: reason,
        });
        let decode = |b: Option<&Vec<u8>>| b.map(|b| WrappedKey::decode(b)).transpose();
        let version = u64::try_from(self.revision).map_err(|_| corrupt("bad revision"))?;
        Ok(Versioned {
            record: KekRecord {
                id,
                kind,
                lifecycle,
                wrapped: decode(self.wrapped.as_ref())?,
                pending: decode(self.pending.as_ref())?,
            },
            version,
        })
    }
}

impl Store {
    /// Opens (creating if needed) the SQLite store in `dir`; see [`Store::open_in`].
    ///
    /// # Errors
    /// See [`Store::open_in`].
    pub fn open(dir: &Path, root_key_file: Option<&Path>) -> Result<Self, StoreError> {
        Self::open_in(&Database::Sqlite, dir, root_key_file)
    }

    /// Opens the store in `database` with the root key `root_key_file`, or by default
    /// [`default_root_key_path`], outside the data directory (a root key inside it is
    /// refused): [`Store::open_with`].
    ///
    /// # Errors
    /// See [`Store::open_with`].
    pub fn open_in(
        database: &Database,
        dir: &Path,
        root_key_file: Option<&Path>,
    ) -> Result<Self, StoreError> {
        Self::open_with(database, dir, &RootKeyPlacement::file(root_key_file))
    }

    /// Opens (creating the tables if needed) the store in `database`, with the root key
    /// `root.file` or [`default_root_key_path`]. The root key file is created (0600) only if
    /// the database names no root key yet; a database whose keys are wrapped under another
    /// root key is refused, and so is a root key file inside the data directory unless
    /// `root.allow_in_data_dir`. A data directory still holding the former default
    /// `DIR/root.key` is refused with a message saying where to move it. A store of schema
    /// version 1 is migrated (each object's material under its own object key, in one
    /// transaction). A root rotation a crash interrupted is completed.
    ///
    /// # Errors
    /// The directory or database cannot be used, the root key is missing, unreadable, too
    /// widely readable, inside the data directory, or not the one the data is wrapped under.
    pub fn open_with(
        database: &Database,
        dir: &Path,
        root: &RootKeyPlacement,
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
        let root_path = match &root.file {
            Some(file) => file.clone(),
            None => {
                let default = default_root_key_path(dir)?;
                let legacy = dir.join(ROOT_KEY_FILE);
                if legacy.exists() && !default.exists() {
                    return Err(dir_err(format!(
                        "holds the root key {}: a copy of the directory would hold every key \
                         and the key that unwraps them. Move it out (mv {} {}), where \
                         kms-server now looks by default, or keep it with --root-key-file {} \
                         --allow-root-key-in-data-dir",
                        legacy.display(),
                        legacy.display(),
                        default.display(),
                        legacy.display()
                    )));
                }
                default
            }
        };
        if !root.allow_in_data_dir && is_inside(dir, &root_path) {
            return Err(dir_err(format!(
                "the root key file {} is inside the data directory, so a copy of the directory \
                 (a backup) would carry the key that unwraps everything in it, destroyed keys \
                 included: put it elsewhere, or pass --allow-root-key-in-data-dir",
                root_path.display()
            )));
        }
        let (db, recorded_root, v1) = match database {
            Database::Sqlite => {
                let (conn, root, v1) = sqlite::open(dir)?;
                (Db::Sqlite(Mutex::new(conn)), root, v1)
            }
            Database::Postgres(url) => {
                let pool = pg::Pool::new(url)?;
                let (root, v1) = pg::open(&pool)?;
                (Db::Pg(Box::new(pool)), root, v1)
            }
        };
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
            checkpoint_due: AtomicBool::new(false),
        };
        if v1 {
            store.migrate_v1()?;
        }
        if store.root.versions().len() > 1 {
            store.finish_rotation()?;
        }
        // In a cluster, refuse to start with a key file older than the database's root state
        // (another server rotated): this server could unwrap nothing re-wrapped since.
        store.transaction(|tx| tx.root_gate())?;
        Ok(store)
    }

    /// Schema 1 → 2, in one transaction (a crash leaves schema 1, migrated again at the next
    /// open): every object's material, wrapped directly under the root, is unwrapped and put
    /// under a new object key of its own, wrapped under the root's current version. Objects
    /// keep their identifiers, attributes and states. Afterwards the root-wrapped forms are
    /// gone (SQLite: zeroed by secure_delete, and the WAL checkpointed).
    fn migrate_v1(&self) -> Result<(), StoreError> {
        self.transaction(|tx| -> Result<(), StoreError> {
            tx.root_gate()?;
            on_db!(tx, migrate_v1_ddl())?;
            let mut rng = OsRng;
            loop {
                let rows = on_db!(tx, v1_pending(MIGRATION_BATCH))?;
                if rows.is_empty() {
                    break;
                }
                for (seq, wrapped, version, method, created) in rows {
                    let method = method_from(method)?;
                    let plain = match self.root.unwrap(version, method, &wrapped) {
                        Err(key_hierarchy::Error::RootVersionUnavailable { .. }) => {
                            self.root.reload()?;
                            self.root.unwrap(version, method, &wrapped)?
                        }
                        other => other?,
                    };
                    let kek = Kek::generate(KeyId::generate(&mut rng)?, &mut rng)?;
                    let created = Timestamp(u64::try_from(created).unwrap_or(0));
                    let record =
                        KekRecord::wrap_kek(&*self.root, &kek, Lifecycle::active(created))?;
                    let row = KeyRow::from_record(&record)?;
                    let material = kek.wrap_secret(MATERIAL_WRAP, &plain)?;
                    drop((kek, plain));
                    on_db!(tx, insert_key(&row))?;
                    on_db!(
                        tx,
                        v1_rewrap(
                            seq,
                            &material,
                            MATERIAL_WRAP.kmip_block_cipher_mode(),
                            &row.id
                        )
                    )?;
                }
            }
            on_db!(tx, set_schema(SCHEMA_VERSION))?;
            tx.shredded = true;
            Ok(())
        })
    }

    /// The object keys' table as a [`KekStore`] (each call its own transaction).
    pub fn object_keys(&self) -> ObjectKeys<'_> {
        ObjectKeys { store: self }
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
                    shredded: false,
                };
                let out = f(&mut wrapped)?;
                if wrapped.shredded {
                    self.checkpoint_due.store(true, Ordering::SeqCst);
                }
                wrapped.commit().map_err(store_err)?;
                if self.checkpoint_due.load(Ordering::SeqCst) {
                    // The destroyed material's old page images are in the WAL: copy the WAL
                    // into the database (where secure_delete zeroed the deleted cells) and
                    // truncate it. The commit is durable already; should the checkpoint not
                    // complete, the next transaction tries again.
                    let done = sqlite::checkpoint(&conn).map_err(store_err)?;
                    self.checkpoint_due.store(!done, Ordering::SeqCst);
                }
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
                        shredded: false,
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

    /// Root rotation: adds a root version, re-wraps every object key under it with
    /// [`KeyHierarchy::rotate_root`] (write beside the old form, verify, compare-and-swap),
    /// then retires the old versions once [`KeyHierarchy::ensure_root_version_unused`] says
    /// nothing is under them. No key changes, no object's material is touched; the old root
    /// material is gone afterwards. Safe to run while serving, and resumed at the next
    /// [`Store::open`] if interrupted.
    ///
    /// With SQLite the root key file must have no other holder (see [`FileRoot`]): an offline
    /// rotation beside a running server is refused. With PostgreSQL the other servers of the
    /// cluster may serve meanwhile: the database's root state row coordinates them (see
    /// [`pg`]).
    ///
    /// # Errors
    /// The root key file or the database failed, or a re-wrap failed its verification; the
    /// store stays consistent (every object key is under a version still in the file, which
    /// keeps every version until nothing is under it).
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
        let keys = self.object_keys();
        let hierarchy = KeyHierarchy::new(&*self.root, &keys);
        let mut rewrapped = 0u64;
        let before = self.root.versions().len();
        let old_versions = |root: &FileRoot| -> Vec<u32> {
            root.versions()
                .into_iter()
                .filter(|v| *v < target)
                .collect()
        };
        loop {
            let stats = hierarchy.rotate_root()?;
            rewrapped = rewrapped.saturating_add(stats.rewrapped);
            if stats.unrecoverable > 0 {
                return Err(StoreError::Corrupt(format!(
                    "{} object keys are wrapped under root versions {} does not hold; \
                     nothing was retired",
                    stats.unrecoverable,
                    self.root.path().display()
                )));
            }
            let unused = |root: &FileRoot| -> Result<bool, StoreError> {
                for v in old_versions(root) {
                    match hierarchy.ensure_root_version_unused(v) {
                        Ok(()) => {}
                        Err(key_hierarchy::Error::RootVersionInUse { .. }) => return Ok(false),
                        Err(e) => return Err(e.into()),
                    }
                }
                Ok(true)
            };
            let retired = match &self.db {
                Db::Sqlite(_) => {
                    // One holder of the root key: nothing wraps under an old version now.
                    if unused(&self.root)? {
                        self.root.retire_versions_below(target)?;
                        true
                    } else {
                        false
                    }
                }
                // Under the exclusive row lock no server wraps; retire only if nothing was
                // wrapped under an old version since the last pass.
                Db::Pg(_) => self.transaction(|tx| -> Result<bool, StoreError> {
                    let mut state = tx.pg_root_state(pg::Lock::Update)?;
                    if !unused(&self.root)? {
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
        if let Db::Sqlite(conn) = &self.db {
            // The object keys' forms under the retired version: out of the WAL too.
            let conn = conn.lock().unwrap_or_else(PoisonError::into_inner);
            let done = sqlite::checkpoint(&conn)?;
            self.checkpoint_due.store(!done, Ordering::SeqCst);
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

/// The State column's value as a [`KeyState`]; a value that is no KMIP 1.1 state is
/// corrupt. Both backends read the column through this one rule.
fn state_from(value: i64) -> Result<KeyState, StoreError> {
    u32::try_from(value)
        .ok()
        .and_then(KeyState::from_kmip_value)
        .ok_or_else(|| StoreError::Corrupt(format!("objects.state = {value} is not a state")))
}

fn method_from(code: u32) -> Result<WrapMethod, StoreError> {
    WrapMethod::from_kmip_block_cipher_mode(code)
        .ok_or(StoreError::Wrap(key_hierarchy::Error::UnwrapFailed))
}

/// The object keys' table as a [`KekStore`]: each call is one transaction of its own, and
/// [`KekStore::compare_and_swap`] an `UPDATE … WHERE revision = expected`. This is what root
/// rotation runs on ([`Store::rotate_root`]); requests create, read and delete object keys
/// inside their own transaction instead ([`Tx::insert_object`], [`Tx::material`],
/// [`Tx::erase_material`]), so that an object and its key are written together.
#[derive(Debug)]
pub struct ObjectKeys<'a> {
    store: &'a Store,
}

fn backend(e: StoreError) -> key_hierarchy::Error {
    key_hierarchy::Error::backend(e)
}

fn key_text(id: &KeyId) -> Result<&str, key_hierarchy::Error> {
    id.as_str()
        .ok_or(key_hierarchy::Error::InconsistentWrappedKey {
            reason: "an object key id must be text",
        })
}

impl KekStore for ObjectKeys<'_> {
    fn get(&self, id: &KeyId) -> Result<Option<Versioned>, key_hierarchy::Error> {
        let id = key_text(id)?;
        self.store
            .read_transaction(|tx| -> Result<_, StoreError> {
                on_db!(tx, key(id))?.map(KeyRow::into_versioned).transpose()
            })
            .map_err(backend)
    }

    fn put(&self, record: KekRecord) -> Result<u64, key_hierarchy::Error> {
        let row = KeyRow::from_record(&record).map_err(backend)?;
        let exists = self
            .store
            .transaction(|tx| -> Result<bool, StoreError> {
                tx.root_gate()?;
                if on_db!(tx, key(&row.id))?.is_some() {
                    return Ok(true);
                }
                on_db!(tx, insert_key(&row))?;
                Ok(false)
            })
            .map_err(backend)?;
        if exists {
            return Err(key_hierarchy::Error::AlreadyExists { id: record.id });
        }
        Ok(1)
    }

    fn list(
        &self,
        after: Option<&KeyId>,
        limit: usize,
    ) -> Result<Vec<KeyId>, key_hierarchy::Error> {
        let after = after.map(key_text).transpose()?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let ids = self
            .store
            .read_transaction(|tx| on_db!(tx, list_keys(after, limit)))
            .map_err(backend)?;
        ids.iter().map(|id| KeyId::new(id.as_bytes())).collect()
    }

    fn compare_and_swap(
        &self,
        id: &KeyId,
        expected: u64,
        record: KekRecord,
    ) -> Result<CasOutcome, key_hierarchy::Error> {
        if record.id != *id {
            return Err(key_hierarchy::Error::InconsistentWrappedKey {
                reason: "a record can only replace the record with its own id",
            });
        }
        let row = KeyRow::from_record(&record).map_err(backend)?;
        let expected =
            i64::try_from(expected).map_err(|_| key_hierarchy::Error::InconsistentWrappedKey {
                reason: "store version out of range",
            })?;
        self.store
            .transaction(|tx| -> Result<CasOutcome, StoreError> {
                // A re-wrap is a wrap under the root: in a cluster, under the root state row.
                tx.root_gate()?;
                match on_db!(tx, cas_key(&row, expected))? {
                    Some(v) => Ok(CasOutcome::Swapped {
                        version: u64::try_from(v).unwrap_or(u64::MAX),
                    }),
                    None => Ok(CasOutcome::Conflict {
                        current: on_db!(tx, key(&row.id))?
                            .map(|k| u64::try_from(k.revision).unwrap_or(u64::MAX)),
                    }),
                }
            })
            .map_err(backend)
    }
}

/// A transaction on the store (see [`Store::transaction`]).
pub struct Tx<'a> {
    db: TxDb<'a>,
    root: &'a FileRoot,
    /// Whether lookups by identifier take the row lock (PostgreSQL, changing transactions).
    lock: bool,
    /// Whether key material was destroyed (SQLite: checkpoint the WAL after commit).
    shredded: bool,
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

    /// Opens an object key (unwrapped by the root); a root version this server does not hold
    /// sends it to re-read the root key file once (another node of the cluster rotated).
    fn open_object_key(&self, key_id: &str) -> Result<Kek, StoreError> {
        let row = on_db!(self, key(key_id))?
            .ok_or_else(|| StoreError::Corrupt(format!("object key {key_id} is missing")))?;
        let record = row.into_versioned()?.record;
        match record.open_kek(self.root) {
            Err(key_hierarchy::Error::RootVersionUnavailable { .. }) => {
                self.root.reload()?;
                Ok(record.open_kek(self.root)?)
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

    /// Inserts a new object with `attributes` (name, TTLV value), indexed in order per name:
    /// a new random object key (stored wrapped under the root key) and the material wrapped
    /// under it. The object's owner is `object.owner`, whoever inserts it.
    ///
    /// # Errors
    /// The identifier exists, wrapping failed, or the database failed.
    pub fn insert_object(
        &mut self,
        object: &NewObject<'_>,
        attributes: &[(String, Vec<u8>)],
    ) -> Result<ObjectRecord, StoreError> {
        self.root_gate()?;
        let mut rng = OsRng;
        let kek = Kek::generate(KeyId::generate(&mut rng)?, &mut rng)?;
        let created = Timestamp(u64::try_from(object.created).unwrap_or(0));
        let record = KekRecord::wrap_kek(self.root, &kek, Lifecycle::active(created))?;
        let row = KeyRow::from_record(&record)?;
        let wrapped = kek.wrap_secret(MATERIAL_WRAP, object.material)?;
        drop(kek);
        on_db!(self, insert_key(&row))?;
        let seq = on_db!(
            self,
            insert_object(
                object,
                &wrapped,
                MATERIAL_WRAP.kmip_block_cipher_mode(),
                &row.id
            )
        )?;
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

    /// The object's key material, unwrapped (zeroized when dropped): its object key opened
    /// with the root, then the material with the object key.
    ///
    /// # Errors
    /// Not found (absent, or not the caller's), destroyed, or the root cannot unwrap it.
    pub fn material(&self, caller: &Caller, id: &str) -> Result<Zeroizing<Vec<u8>>, StoreError> {
        let seq = self.seq(caller, id)?;
        match on_db!(self, material(seq))? {
            (Some(wrapped), Some(method), Some(key_id)) => {
                let kek = self.open_object_key(&key_id)?;
                Ok(kek.unwrap_secret(method_from(method)?, &wrapped)?)
            }
            _ => Err(StoreError::NoMaterial(id.to_owned())),
        }
    }

    /// Sets the object's state.
    ///
    /// # Errors
    /// Not found (absent, or not the caller's), or the database failed.
    pub fn set_state(
        &mut self,
        caller: &Caller,
        id: &str,
        state: KeyState,
    ) -> Result<(), StoreError> {
        on_object!(self, caller, id, set_state(state))
    }

    /// Crypto-shreds the object's key material (Destroy): deletes its object key's row and
    /// its wrapped material, the only wrapping of the material; the object and its attributes
    /// remain. With SQLite the deleted bytes are zeroed and, after the commit, the WAL is
    /// checkpointed and truncated.
    ///
    /// # Errors
    /// Not found (absent, or not the caller's), or the database failed.
    pub fn erase_material(&mut self, caller: &Caller, id: &str) -> Result<(), StoreError> {
        on_object!(self, caller, id, erase_material())?;
        self.shredded = true;
        Ok(())
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
        on_object!(self, caller, id, attributes())
    }

    /// How many attribute instances the object holds in the attribute table (every attribute
    /// but the six kept in columns: Unique Identifier, Object Type, Cryptographic Algorithm
    /// and Length, State, Initial Date), counted by the database.
    ///
    /// # Errors
    /// Not found (absent, or not the caller's), or the database failed.
    pub fn attribute_count(&self, caller: &Caller, id: &str) -> Result<u64, StoreError> {
        on_object!(self, caller, id, attribute_count())
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
        on_object!(self, caller, id, add_attribute(name, value))
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
        on_object!(self, caller, id, modify_attribute(name, index, value))
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
        on_object!(self, caller, id, set_attribute(name, value))
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
        on_object!(self, caller, id, delete_attribute(name, index))
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
            state: KeyState::PreActive,
            algorithm: Some(CryptographicAlgorithm::AES),
            length: Some(256),
            key_format: Some(KeyFormatType::RAW),
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
            let store = Store::open_in(db, &dir.path().join("data"), None).unwrap();
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
                    tx.set_state(&me, "b", KeyState::Active)?;
                    Ok(())
                })
                .unwrap();
            // Material is stored only wrapped.
            match db {
                Database::Sqlite => {
                    let raw = std::fs::read(dir.path().join("data").join(DB_FILE)).unwrap();
                    let wal =
                        std::fs::read(dir.path().join("data/kms.sqlite3-wal")).unwrap_or_default();
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
        let store = Store::open_in(db, &dir.path().join("data"), None).unwrap();
        let r = store.rotate_root().unwrap();
        assert_eq!(r.new_version, 2);
        assert_eq!(r.rewrapped, 2);
        assert_eq!(r.retired, 1);
        drop(store);
        let store = Store::open_in(db, &dir.path().join("data"), None).unwrap();
        assert_eq!(store.root().versions(), vec![2]);
        store
            .transaction(|tx| -> Result<(), StoreError> {
                assert_eq!(tx.material(&me, "a")?.as_slice(), &key);
                assert_eq!(tx.material(&me, "b")?.as_slice(), &[1, 2, 3]);
                let attrs = tx.attribute(&me, "a", "x-Vendor")?;
                assert_eq!(attrs.len(), 1);
                assert_eq!((attrs[0].index, attrs[0].value.as_slice()), (1, &b"v3"[..]));
                assert_eq!(tx.object(&me, "b")?.state, KeyState::Active);
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
        drop(Store::open_in(db, &dir.path().join("data"), None).unwrap());
        let other = dir.path().join("other.key");
        FileRoot::create(&other).unwrap();
        let err = Store::open_in(db, &dir.path().join("data"), Some(&other)).unwrap_err();
        assert!(err.to_string().contains("wrapped under root key"), "{err}");
        std::fs::remove_file(default_root_key_path(&dir.path().join("data")).unwrap()).unwrap();
        let err = Store::open_in(db, &dir.path().join("data"), None).unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
    }

    /// Destroy deletes the object key's row with the material, in both databases: the only
    /// wrapping of the material is gone, and the other objects are untouched.
    #[test]
    fn erasing_material_deletes_its_object_key() {
        for db in databases("erasing_material_deletes_its_object_key") {
            erasing_material_deletes_its_object_key_in(&db);
        }
    }

    fn erasing_material_deletes_its_object_key_in(db: &Database) {
        let dir = TempDir::new("store-test").unwrap();
        let store = Store::open_in(db, &dir.path().join("data"), None).unwrap();
        let me = me();
        store
            .transaction(|tx| -> Result<(), StoreError> {
                tx.insert_object(&new_key("a", me.owner(), &[1; 32]), &[])?;
                tx.insert_object(&new_key("b", me.owner(), &[2; 32]), &[])?;
                Ok(())
            })
            .unwrap();
        let keys = store.object_keys();
        let before = keys.list(None, 10).unwrap();
        assert_eq!(before.len(), 2);
        store.transaction(|tx| tx.erase_material(&me, "a")).unwrap();
        let after = keys.list(None, 10).unwrap();
        assert_eq!(after.len(), 1);
        let erased = before.iter().find(|k| !after.contains(k)).unwrap();
        assert!(keys.get(erased).unwrap().is_none());
        store
            .transaction(|tx| -> Result<(), StoreError> {
                assert!(matches!(
                    tx.material(&me, "a"),
                    Err(StoreError::NoMaterial(_))
                ));
                assert!(!tx.object(&me, "a")?.has_material);
                assert_eq!(tx.material(&me, "b")?.as_slice(), &[2; 32]);
                Ok(())
            })
            .unwrap();
    }

    /// The root key file defaults to beside the data directory; inside it, it is refused
    /// unless allowed; the former default `DIR/root.key` is refused with directions.
    #[test]
    fn the_root_key_stays_out_of_the_data_directory() {
        let dir = TempDir::new("store-test").unwrap();
        let data = dir.path().join("data");
        drop(Store::open(&data, None).unwrap());
        assert!(dir.path().join("data.root.key").exists());
        assert!(!data.join(ROOT_KEY_FILE).exists());

        let other = dir.path().join("other");
        let inside = other.join("keys").join("root.key");
        std::fs::create_dir_all(inside.parent().unwrap()).unwrap();
        let err = Store::open(&other, Some(&inside)).unwrap_err();
        assert!(
            err.to_string().contains("inside the data directory"),
            "{err}"
        );
        assert!(!inside.exists(), "nothing created when refused");
        let allowed = RootKeyPlacement {
            file: Some(inside.clone()),
            allow_in_data_dir: true,
        };
        drop(Store::open_with(&Database::Sqlite, &other, &allowed).unwrap());
        assert!(inside.exists());

        // A data directory laid out by the former default.
        let legacy = dir.path().join("legacy");
        std::fs::create_dir(&legacy).unwrap();
        FileRoot::create(&legacy.join(ROOT_KEY_FILE)).unwrap();
        let err = Store::open(&legacy, None).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("Move it out") && text.contains("legacy.root.key"),
            "{text}"
        );
        assert!(!dir.path().join("legacy.root.key").exists());
    }

    /// The tables of kms-server before the object-key layer (schema 1), as it created them.
    const V1_SQLITE: &str = "
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE objects (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
            object_type INTEGER NOT NULL, state INTEGER NOT NULL, algorithm INTEGER,
            length INTEGER, key_format INTEGER, data_type INTEGER, owner TEXT NOT NULL,
            created INTEGER NOT NULL, material BLOB, root_version INTEGER, wrap_method INTEGER);
        CREATE TABLE attributes (
            object_seq INTEGER NOT NULL REFERENCES objects(seq) ON DELETE CASCADE,
            name TEXT NOT NULL, idx INTEGER NOT NULL, value BLOB NOT NULL,
            PRIMARY KEY (object_seq, name, idx));
        CREATE INDEX attributes_by_value ON attributes(name, value);
        CREATE INDEX objects_by_root ON objects(root_version);";

    const V1_PG: &str = "
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE objects (
            seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, object_type BIGINT NOT NULL,
            state BIGINT NOT NULL, algorithm BIGINT, length INTEGER, key_format BIGINT,
            data_type BIGINT, owner TEXT NOT NULL, created BIGINT NOT NULL, material BYTEA,
            root_version BIGINT, wrap_method BIGINT);
        CREATE TABLE attributes (
            object_seq BIGINT NOT NULL REFERENCES objects(seq) ON DELETE CASCADE,
            name TEXT NOT NULL, idx INTEGER NOT NULL, value BYTEA NOT NULL,
            pos BIGSERIAL NOT NULL, PRIMARY KEY (object_seq, name, idx));
        CREATE INDEX attributes_by_value ON attributes(name, value);
        CREATE INDEX attributes_by_pos ON attributes(object_seq, pos);
        CREATE INDEX objects_by_root ON objects(root_version);
        CREATE INDEX objects_by_owner ON objects(owner, seq);";

    /// A store of schema 1 (material wrapped directly under the root key) is migrated when
    /// opened: same identifiers, attributes and material, each object under its own object
    /// key, and (SQLite) no root-wrapped form left in the files.
    #[test]
    fn a_schema_1_store_is_migrated_on_open() {
        for db in databases("a_schema_1_store_is_migrated_on_open") {
            migrated_on_open(&db);
        }
    }

    fn migrated_on_open(db: &Database) {
        let dir = TempDir::new("store-test").unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        let me = me();
        let root = FileRoot::create(&default_root_key_path(&data).unwrap()).unwrap();
        let keys: [(&str, Vec<u8>); 2] = [("a", vec![0x11; 32]), ("b", b"secret bytes".to_vec())];
        let wrapped: Vec<key_hierarchy::RootWrapped> =
            keys.iter().map(|(_, m)| root.wrap(m).unwrap()).collect();
        let root_id = root.id().to_string();
        drop(root);
        let rows = || {
            keys.iter().zip(&wrapped).map(|((id, _), w)| {
                (
                    id.to_string(),
                    w.bytes.clone(),
                    i64::from(w.version),
                    i64::from(w.method.kmip_block_cipher_mode()),
                )
            })
        };
        match db {
            Database::Sqlite => {
                let conn = rusqlite::Connection::open(data.join(DB_FILE)).unwrap();
                conn.execute_batch(V1_SQLITE).unwrap();
                conn.execute(
                    "INSERT INTO meta VALUES ('schema', '1'), ('root_id', ?1)",
                    [&root_id],
                )
                .unwrap();
                for (id, m, v, w) in rows() {
                    conn.execute(
                        "INSERT INTO objects (id, object_type, state, owner, created, material,
                                              root_version, wrap_method)
                         VALUES (?1, 2, 1, ?2, 5, ?3, ?4, ?5)",
                        rusqlite::params![id, me.owner(), m, v, w],
                    )
                    .unwrap();
                }
                conn.execute("INSERT INTO attributes VALUES (1, 'x-Tag', 0, X'01')", [])
                    .unwrap();
            }
            Database::Postgres(url) => {
                let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
                c.batch_execute(V1_PG).unwrap();
                c.execute(
                    "INSERT INTO meta VALUES ('schema', '1'), ('root_id', $1)",
                    &[&root_id],
                )
                .unwrap();
                for (id, m, v, w) in rows() {
                    c.execute(
                        "INSERT INTO objects (id, object_type, state, owner, created, material,
                                              root_version, wrap_method)
                         VALUES ($1, 2, 1, $2, 5, $3, $4, $5)",
                        &[&id, &me.owner(), &m, &v, &w],
                    )
                    .unwrap();
                }
                c.execute(
                    "INSERT INTO attributes VALUES (1, 'x-Tag', 0, '\\x01')",
                    &[],
                )
                .unwrap();
            }
        }
        let store = Store::open_in(db, &data, None).unwrap();
        store
            .transaction(|tx| -> Result<(), StoreError> {
                for (id, material) in &keys {
                    assert_eq!(tx.material(&me, id)?.as_slice(), material.as_slice());
                    assert_eq!(tx.object(&me, id)?.state, KeyState::PreActive);
                }
                assert_eq!(tx.attribute(&me, "a", "x-Tag")?[0].value, vec![1]);
                // Destroy works as on a new store.
                tx.erase_material(&me, "b")?;
                Ok(())
            })
            .unwrap();
        assert_eq!(store.object_keys().list(None, 10).unwrap().len(), 1);
        drop(store);
        // Migrated once: the next open finds schema 2.
        let store = Store::open_in(db, &data, None).unwrap();
        assert_eq!(
            store
                .transaction(|tx| tx.material(&me, "a"))
                .unwrap()
                .as_slice(),
            keys[0].1.as_slice()
        );
        if let Database::Sqlite = db {
            for f in std::fs::read_dir(&data).unwrap() {
                let bytes = std::fs::read(f.unwrap().path()).unwrap();
                for w in &wrapped {
                    assert!(
                        !bytes
                            .windows(w.bytes.len())
                            .any(|x| x == w.bytes.as_slice())
                    );
                }
            }
        }
    }

    /// Rotation goes through key-hierarchy: a re-wrapped form that does not unwrap to the
    /// object key is never switched to (the rotation fails and the old form stays), and the
    /// next attempt re-wraps afresh.
    #[test]
    fn rotation_switches_only_verified_rewraps() {
        let dir = TempDir::new("store-test").unwrap();
        let data = dir.path().join("data");
        let me = me();
        let key = [9u8; 32];
        {
            let store = Store::open(&data, None).unwrap();
            store
                .transaction(|tx| -> Result<(), StoreError> {
                    tx.insert_object(&new_key("a", me.owner(), &key), &[])?;
                    Ok(())
                })
                .unwrap();
            let keys = store.object_keys();
            let ids = keys.list(None, 10).unwrap();
            assert_eq!(ids.len(), 1);
            let v = keys.get(&ids[0]).unwrap().unwrap();
            assert_eq!(v.record.wrapped.as_ref().unwrap().wrapping_key_version(), 1);
            // A crash mid-rotation left a pending form under version 2 that is garbage.
            assert_eq!(store.root().add_version().unwrap(), 2);
            let mut record = v.record.clone();
            let primary = record.wrapped.clone().unwrap();
            record.pending = Some(
                WrappedKey::from_parts(key_hierarchy::WrappedKeyParts {
                    wrapping_key_version: 2,
                    wrapped: vec![0x5a; primary.wrapped_bytes().len()],
                    ..primary.into_parts()
                })
                .unwrap(),
            );
            assert!(matches!(
                keys.compare_and_swap(&ids[0], v.version, record).unwrap(),
                CasOutcome::Swapped { .. }
            ));
        }
        // Opening resumes the rotation, which verifies the pending form and refuses it.
        let err = Store::open(&data, None).unwrap_err();
        assert!(err.to_string().contains("failed verification"), "{err}");
        // Nothing was lost or switched; the next open re-wraps afresh and retires version 1.
        let store = Store::open(&data, None).unwrap();
        assert_eq!(store.root().versions(), vec![2]);
        let keys = store.object_keys();
        let id = keys.list(None, 10).unwrap()[0];
        let record = keys.get(&id).unwrap().unwrap().record;
        assert_eq!(record.wrapped.unwrap().wrapping_key_version(), 2);
        assert!(record.pending.is_none());
        let got = store.transaction(|tx| tx.material(&me, "a")).unwrap();
        assert_eq!(got.as_slice(), &key);
    }

    #[test]
    fn a_failed_transaction_leaves_nothing() {
        for db in databases("a_failed_transaction_leaves_nothing") {
            a_failed_transaction_leaves_nothing_in(&db);
        }
    }

    fn a_failed_transaction_leaves_nothing_in(db: &Database) {
        let dir = TempDir::new("store-test").unwrap();
        let store = Store::open_in(db, &dir.path().join("data"), None).unwrap();
        let r = store.transaction(|tx| -> Result<(), StoreError> {
            tx.insert_object(&new_key("a", me().owner(), &[1; 16]), &[])?;
            Err(StoreError::NotFound("forced".into()))
        });
        assert!(r.is_err());
        assert_eq!(store.count().unwrap(), 0);
    }

    /// The State column is read as a KMIP 1.1 state: a value that is none (the database
    /// changed behind the server's back) is `Corrupt` when the object is read, in both
    /// databases, before any operation sees it.
    #[test]
    fn a_state_that_is_no_state_is_corrupt() {
        for db in databases("a_state_that_is_no_state_is_corrupt") {
            let dir = TempDir::new("store-test").unwrap();
            let store = Store::open_in(&db, &dir.path().join("data"), None).unwrap();
            store
                .transaction(|tx| -> Result<(), StoreError> {
                    tx.insert_object(&new_key("a", me().owner(), &[1; 16]), &[])?;
                    tx.set_state(&me(), "a", KeyState::Deactivated)?;
                    assert_eq!(tx.object(&me(), "a")?.state, KeyState::Deactivated);
                    on_db!(tx, batch("UPDATE objects SET state = 99"))?;
                    let err = tx.object(&me(), "a").unwrap_err();
                    assert!(
                        matches!(&err, StoreError::Corrupt(m) if m.contains("99")),
                        "{err}"
                    );
                    Ok(())
                })
                .unwrap();
        }
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
        let store = Store::open_in(db, &dir.path().join("data"), None).unwrap();
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
                    assert!(not_found(tx.attribute_count(&other, id).map(drop)), "{id}");
                    assert!(not_found(tx.add_attribute(&other, id, "x-a", b"v").map(drop)), "{id}");
                    assert!(not_found(tx.modify_attribute(&other, id, "x-a", 0, b"v").map(drop)));
                    assert!(not_found(tx.set_attribute(&other, id, "x-a", b"v")));
                    assert!(not_found(tx.delete_attribute(&other, id, "x-a", 0).map(drop)));
                    assert!(not_found(tx.set_state(&other, id, KeyState::Active)));
                    assert!(not_found(tx.erase_material(&other, id)));
                }
                assert_eq!(tx.object(&me, "mine")?.owner, me.owner());
                assert!(matches!(tx.object(&me, "legacy"), Err(StoreError::NotFound(_))));
                assert_eq!(tx.material(&admin, "legacy")?.as_slice(), &[2; 16]);
                tx.set_state(&admin, "mine", KeyState::Active)?;
                assert_eq!(tx.object(&me, "mine")?.state, KeyState::Active);
                let all = LocateFilter::default();
                assert_eq!(tx.locate(&me, &all)?, vec!["mine".to_owned()]);
                assert!(tx.locate(&other, &all)?.is_empty());
                assert_eq!(tx.locate(&admin, &all)?, vec!["legacy".to_owned(), "mine".to_owned()]);
                Ok(())
            })
            .unwrap();
    }
}
