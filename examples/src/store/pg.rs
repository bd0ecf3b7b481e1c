//! The shared backend of a kms-server cluster: PostgreSQL (`--database-url postgresql://…`),
//! the same tables as the SQLite store, so several servers on one database serve the same
//! objects.
//!
//! ## Concurrency
//! Each request is one transaction at PostgreSQL's default isolation (READ COMMITTED) on a
//! connection of this server's pool, committed (`synchronous_commit` as configured, `on` by
//! default: flushed to the WAL) before the server answers. In a request that may change
//! something, every lookup of an object by identifier — the one that checks owner/admin —
//! takes the object's row lock (`SELECT … FOR UPDATE`), held until commit. (A request made
//! only of Get, Get Attributes, Get Attribute List, Locate, Query and Discover Versions runs
//! in a READ ONLY transaction without row locks: it sees the last committed state.) So every request that touches an object runs
//! after any other request, on any server, that touched it before: a read-modify-write (Add
//! Attribute's next Attribute Index, Revoke's state check, Activate) sees the latest
//! committed row and never loses an update, and the unique key `(object_seq, name, idx)` is
//! the last line of defence. A request that touches two objects (Get with a wrapping key,
//! Re-key) locks them in the order it meets them; if two such requests lock in opposite
//! orders, PostgreSQL detects the deadlock and aborts one of them, which is then answered
//! as failed (nothing of it committed) and may be retried by the client.
//!
//! ## Root rotation while the cluster serves
//! `meta` holds the root state (`RootState`): the version new object keys must be wrapped
//! under (`root_current`) and the versions retired (`root_retired_below`). Every transaction
//! that wraps under the root first reads that row `FOR SHARE` (held to its commit) and, if
//! the database names a version it does not hold, or still holds retired ones, re-reads its
//! root key file; if the file still lacks the version, the request fails (nothing is wrapped
//! under an old version). A rotation ([`Store::rotate_root`](super::Store::rotate_root)):
//! 1. takes the row `FOR UPDATE` (waiting for every wrapping transaction in flight, on any
//!    server), adds a version to the key file and names it current, commits;
//! 2. re-wraps every object key under an older version with key-hierarchy's
//!    `KeyHierarchy::rotate_root` over the `object_keys` table: the new form is written to the
//!    row's `pending` column, read back and verified, then switched in, each step a
//!    compare-and-swap on the row's `revision` (so a concurrent Destroy or another rotation
//!    makes it retry, never overwrite); objects' material is not touched;
//! 3. takes the row `FOR UPDATE` again, and only if no object key is left under an older
//!    version (else back to 2) removes the old versions from the key file and records them
//!    retired.
//!
//! Servers on one machine share the key file's path, so they see the new version at once;
//! servers with their own copy must get the rotated file before they can wrap again.
//!
//! ## Destroy and what PostgreSQL keeps
//! Destroy deletes the object key's row and sets the material to NULL in one transaction;
//! no live row holds either afterwards. PostgreSQL does not overwrite in place, though: the
//! dead row versions stay in the table files until VACUUM reclaims their space (and even then
//! the bytes may linger in free space until reused), and the WAL segments, archives and base
//! backups keep them until recycled. What lingers is the material wrapped under its object
//! key, and the object key wrapped under the root key: a copy of the database files *and* of
//! the root key file from the same time recovers it. Run `VACUUM` on `objects` and
//! `object_keys`, keep WAL archives and backups short-lived, and rotate the root key
//! (`kms-server --rotate-root`, which destroys the old root version) to shred what old pages
//! and backups still hold. The SQLite store has none of this (secure_delete and a WAL
//! checkpoint after each Destroy).

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use key_hierarchy::KeyState;
use kmip_types::{CryptographicAlgorithm, KeyFormatType, ObjectType};
use postgres::types::ToSql;
use postgres::{Client, NoTls, Row, Transaction};

use super::{
    Caller, KEY_COLUMNS, KeyRow, LocateFilter, MaterialRow, ObjectRecord, SCHEMA_VERSION, SqlArg,
    StoreError, StoredAttribute,
};

/// Idle connections kept for the next requests; more are opened under load and closed
/// when they come back to a full pool.
const MAX_IDLE: usize = 32;

/// `pg_advisory_xact_lock` key that serialises schema creation between servers starting at
/// once ("kmip" in ASCII).
const SCHEMA_LOCK: i64 = 0x6b6d_6970;

/// The object keys' table (schema 2; also created by the migration from schema 1).
const OBJECT_KEYS: &str = "
    CREATE TABLE IF NOT EXISTS object_keys (
        id TEXT COLLATE \"C\" PRIMARY KEY,
        revision BIGINT NOT NULL,
        kind BIGINT NOT NULL,
        state BIGINT NOT NULL,
        initial_date BIGINT NOT NULL,
        activation_date BIGINT,
        deactivation_date BIGINT,
        compromise_date BIGINT,
        destroy_date BIGINT,
        revocation_reason BIGINT,
        wrapped BYTEA,
        root_version BIGINT,
        pending BYTEA,
        pending_version BIGINT
    );";

const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS objects (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        object_type BIGINT NOT NULL,
        state BIGINT NOT NULL,
        algorithm BIGINT,
        length INTEGER,
        key_format BIGINT,
        data_type BIGINT,
        owner TEXT NOT NULL,
        created BIGINT NOT NULL,
        material BYTEA,
        wrap_method BIGINT,
        key_id TEXT COLLATE \"C\" REFERENCES object_keys(id)
    );
    CREATE TABLE IF NOT EXISTS attributes (
        object_seq BIGINT NOT NULL REFERENCES objects(seq) ON DELETE CASCADE,
        name TEXT NOT NULL,
        idx INTEGER NOT NULL,
        value BYTEA NOT NULL,
        pos BIGSERIAL NOT NULL,
        PRIMARY KEY (object_seq, name, idx)
    );
    CREATE INDEX IF NOT EXISTS attributes_by_value ON attributes(name, value);
    CREATE INDEX IF NOT EXISTS attributes_by_pos ON attributes(object_seq, pos);
    CREATE INDEX IF NOT EXISTS objects_by_key ON objects(key_id);
    CREATE INDEX IF NOT EXISTS objects_by_owner ON objects(owner, seq);";

/// The columns [`object_from_row`] reads.
const OBJECT_COLUMNS: &str = "seq, id, object_type, state, algorithm, length, key_format, \
                              data_type, owner, created, material IS NOT NULL";

/// The server's connections to the database.
pub(super) struct Pool {
    config: postgres::Config,
    idle: Mutex<Vec<Client>>,
    /// The URL without its password, for messages.
    display: String,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("database", &self.display)
            .finish_non_exhaustive()
    }
}

impl Pool {
    /// A pool for `url` (`postgresql://user[:password]@host[:port]/database[?…]`).
    pub(super) fn new(url: &str) -> Result<Self, StoreError> {
        let mut config: postgres::Config = url.parse().map_err(|e| StoreError::Database {
            url: redact(url),
            what: format!("not a PostgreSQL connection URL: {e}"),
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        config.application_name("kms-server");
        Ok(Pool {
            config,
            idle: Mutex::new(Vec::new()),
            display: redact(url),
        })
    }

    /// The URL, password removed.
    pub(super) fn display(&self) -> &str {
        &self.display
    }

    /// An idle connection, or a new one.
    pub(super) fn get(&self) -> Result<Client, StoreError> {
        loop {
            let idle = self
                .idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .pop();
            match idle {
                Some(c) if !c.is_closed() => return Ok(c),
                Some(_) => {}
                None => break,
            }
        }
        self.config
            .connect(NoTls)
            .map_err(|e| StoreError::Database {
                url: self.display.clone(),
                what: format!("cannot connect: {e}"),
            })
    }

    /// Gives a connection back after a transaction ended (committed or rolled back).
    pub(super) fn put(&self, client: Client) {
        if client.is_closed() {
            return;
        }
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        if idle.len() < MAX_IDLE {
            idle.push(client);
        }
    }
}

/// `url` with any password replaced by `***`.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, tail) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    match authority.rsplit_once('@') {
        Some((user, host)) => match user.split_once(':') {
            Some((name, _)) => format!("{scheme}://{name}:***@{host}{tail}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

/// Creates the schema if needed (serialised between servers starting at once) and returns
/// the root key id recorded in the database, if any, and whether it is of schema version 1
/// (to migrate).
pub(super) fn open(pool: &Pool) -> Result<(Option<String>, bool), StoreError> {
    let mut client = pool.get()?;
    let mut t = client.transaction()?;
    t.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])?;
    // Only a new database gets the DDL: `CREATE INDEX IF NOT EXISTS` locks its table (SHARE)
    // even when the index exists, which would block, or deadlock with, the requests the
    // other servers of the cluster are running.
    let exists: bool = t
        .query_one("SELECT to_regclass('meta') IS NOT NULL", &[])?
        .try_get(0)?;
    if !exists {
        t.batch_execute(OBJECT_KEYS)?;
        t.batch_execute(SCHEMA)?;
    }
    let schema: Option<String> = t
        .query_opt("SELECT value FROM meta WHERE key='schema'", &[])?
        .map(|r| r.get(0));
    let v1 = schema.as_deref() == Some(super::SCHEMA_V1);
    if let Some(s) = &schema
        && s != SCHEMA_VERSION
        && !v1
    {
        return Err(StoreError::Database {
            url: pool.display.clone(),
            what: format!("unknown schema version {s}"),
        });
    }
    let root: Option<String> = t
        .query_opt("SELECT value FROM meta WHERE key='root_id'", &[])?
        .map(|r| r.get(0));
    // The root state row every wrapping transaction reads (see `root_state`); 0: no
    // rotation yet.
    t.execute(
        "INSERT INTO meta(key, value) VALUES ('root_current', '0'), ('root_retired_below', '0')
         ON CONFLICT (key) DO NOTHING",
        &[],
    )?;
    t.commit()?;
    pool.put(client);
    Ok((root, v1))
}

/// Schema 1 → 2, inside the migration's transaction: the object keys' table and the object
/// key column.
pub(super) fn migrate_v1_ddl(t: &mut Transaction<'_>) -> Result<(), StoreError> {
    t.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])?;
    t.batch_execute(OBJECT_KEYS)?;
    t.batch_execute(
        "ALTER TABLE objects ADD COLUMN IF NOT EXISTS key_id TEXT COLLATE \"C\"
             REFERENCES object_keys(id);
         CREATE INDEX IF NOT EXISTS objects_by_key ON objects(key_id);",
    )?;
    Ok(())
}

/// Up to `limit` objects of a schema 1 store whose material is still wrapped directly under
/// the root: seq, material, root version, wrap method, created.
pub(super) fn v1_pending(
    t: &mut Transaction<'_>,
    limit: i64,
) -> Result<Vec<super::V1Row>, StoreError> {
    t.query(
        "SELECT seq, material, root_version, wrap_method, created FROM objects
         WHERE material IS NOT NULL AND key_id IS NULL LIMIT $1 FOR UPDATE",
        &[&limit],
    )?
    .iter()
    .map(|r| {
        Ok((
            r.try_get(0)?,
            r.try_get(1)?,
            u32_of(r.try_get(2)?, "root_version")?,
            u32_of(r.try_get(3)?, "wrap_method")?,
            r.try_get(4)?,
        ))
    })
    .collect()
}

/// Puts an object's material under its new object key (schema 1 → 2).
pub(super) fn v1_rewrap(
    t: &mut Transaction<'_>,
    seq: i64,
    material: &[u8],
    wrap_method: u32,
    key_id: &str,
) -> Result<(), StoreError> {
    t.execute(
        "UPDATE objects SET material=$1, wrap_method=$2, key_id=$3, root_version=NULL
         WHERE seq=$4",
        &[&material, &i64::from(wrap_method), &key_id, &seq],
    )?;
    Ok(())
}

/// Records the schema version.
pub(super) fn set_schema(t: &mut Transaction<'_>, version: &str) -> Result<(), StoreError> {
    t.execute("UPDATE meta SET value=$1 WHERE key='schema'", &[&version])?;
    Ok(())
}

/// Records the schema version and the root key id of a new store, unless another server
/// did first; returns the root key id the database now names.
pub(super) fn record_root(pool: &Pool, root_id: &str) -> Result<String, StoreError> {
    let mut client = pool.get()?;
    let mut t = client.transaction()?;
    t.execute(
        "INSERT INTO meta(key, value) VALUES ('schema', $1), ('root_id', $2)
         ON CONFLICT (key) DO NOTHING",
        &[&SCHEMA_VERSION, &root_id],
    )?;
    let now: String = t
        .query_one("SELECT value FROM meta WHERE key='root_id'", &[])?
        .get(0);
    t.commit()?;
    pool.put(client);
    Ok(now)
}

pub(super) fn count(pool: &Pool) -> Result<u64, StoreError> {
    let mut client = pool.get()?;
    let n: i64 = client
        .query_one("SELECT COUNT(*) FROM objects", &[])?
        .get(0);
    pool.put(client);
    Ok(u64::try_from(n).unwrap_or(0))
}

/// What the cluster's database says about root versions: the row every transaction that
/// wraps under the root holds shared until it commits, and a rotation takes exclusively.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct RootState {
    /// The version every server must wrap new material under (at least); 0 before any
    /// rotation.
    pub current: u32,
    /// Versions below this are retired: no material is under them and no server keeps them.
    pub retired_below: u32,
}

/// How [`root_state`] locks the row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Lock {
    /// A transaction about to wrap: many at once, and a rotation waits for them all.
    Share,
    /// A rotation changing the versions: alone, and new wrapping transactions wait.
    Update,
}

/// Reads the root state, locking its row until the transaction ends.
pub(super) fn root_state(t: &mut Transaction<'_>, lock: Lock) -> Result<RootState, StoreError> {
    let mode = match lock {
        Lock::Share => "SHARE",
        Lock::Update => "UPDATE",
    };
    let row = t.query_one(
        &format!(
            "SELECT value, (SELECT value FROM meta WHERE key='root_retired_below')
             FROM meta WHERE key='root_current' FOR {mode}"
        ),
        &[],
    )?;
    let number = |i: usize, column: &str| -> Result<u32, StoreError> {
        let text: Option<String> = row.try_get(i)?;
        let text = text.unwrap_or_default();
        text.parse()
            .map_err(|_| StoreError::Corrupt(format!("meta {column} = {text:?} is not a version")))
    };
    Ok(RootState {
        current: number(0, "root_current")?,
        retired_below: number(1, "root_retired_below")?,
    })
}

/// Records the root state (the row must be locked with [`Lock::Update`]).
pub(super) fn set_root_state(t: &mut Transaction<'_>, state: RootState) -> Result<(), StoreError> {
    t.execute(
        "UPDATE meta SET value = CASE key WHEN 'root_current' THEN $1 ELSE $2 END
         WHERE key IN ('root_current', 'root_retired_below')",
        &[&state.current.to_string(), &state.retired_below.to_string()],
    )?;
    Ok(())
}

/// A database integer that must fit a `u32` (enumerations, versions).
fn u32_of(v: i64, column: &str) -> Result<u32, StoreError> {
    u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("{column} = {v} is out of range")))
}

fn opt_u32(r: &Row, i: usize, column: &str) -> Result<Option<u32>, StoreError> {
    r.try_get::<_, Option<i64>>(i)?
        .map(|v| u32_of(v, column))
        .transpose()
}

fn object_from_row(r: &Row) -> Result<ObjectRecord, StoreError> {
    Ok(ObjectRecord {
        seq: r.try_get(0)?,
        id: r.try_get(1)?,
        object_type: ObjectType(u32_of(r.try_get(2)?, "object_type")?),
        state: super::state_from(r.try_get(3)?)?,
        algorithm: opt_u32(r, 4, "algorithm")?.map(CryptographicAlgorithm),
        length: r.try_get(5)?,
        key_format: opt_u32(r, 6, "key_format")?.map(KeyFormatType),
        data_type: opt_u32(r, 7, "data_type")?,
        owner: r.try_get(8)?,
        created: r.try_get(9)?,
        has_material: r.try_get(10)?,
    })
}

pub(super) fn batch(t: &mut Transaction<'_>, sql: &str) -> Result<(), StoreError> {
    Ok(t.batch_execute(sql)?)
}

pub(super) fn insert_object(
    t: &mut Transaction<'_>,
    object: &super::NewObject<'_>,
    material: &[u8],
    wrap_method: u32,
    key_id: &str,
) -> Result<i64, StoreError> {
    let row = t.query_one(
        "INSERT INTO objects (id, object_type, state, algorithm, length, key_format,
                              data_type, owner, created, material, wrap_method, key_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING seq",
        &[
            &object.id,
            &i64::from(object.object_type.0),
            &i64::from(object.state.kmip_value()),
            &object.algorithm.map(|a| i64::from(a.0)),
            &object.length,
            &object.key_format.map(|f| i64::from(f.0)),
            &object.data_type.map(i64::from),
            &object.owner,
            &object.created,
            &material,
            &i64::from(wrap_method),
            &key_id,
        ],
    )?;
    Ok(row.try_get(0)?)
}

fn key_from_row(r: &Row) -> Result<KeyRow, StoreError> {
    Ok(KeyRow {
        id: r.try_get(0)?,
        revision: r.try_get(1)?,
        kind: r.try_get(2)?,
        state: r.try_get(3)?,
        initial_date: r.try_get(4)?,
        activation_date: r.try_get(5)?,
        deactivation_date: r.try_get(6)?,
        compromise_date: r.try_get(7)?,
        destroy_date: r.try_get(8)?,
        revocation_reason: r.try_get(9)?,
        wrapped: r.try_get(10)?,
        root_version: r.try_get(11)?,
        pending: r.try_get(12)?,
        pending_version: r.try_get(13)?,
    })
}

/// Inserts an object key's row (revision 1).
pub(super) fn insert_key(t: &mut Transaction<'_>, k: &KeyRow) -> Result<(), StoreError> {
    t.execute(
        &format!(
            "INSERT INTO object_keys ({KEY_COLUMNS})
             VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
        ),
        &key_params(&[&k.id], k),
    )?;
    Ok(())
}

/// `first`, then the values of an object key's row from `kind` to `pending_version`, in
/// [`KEY_COLUMNS`] order: the parameters of both the INSERT and the compare-and-swap UPDATE.
fn key_params<'a>(first: &[&'a (dyn ToSql + Sync)], k: &'a KeyRow) -> Vec<&'a (dyn ToSql + Sync)> {
    let rest = key_row_values!(k, &(dyn ToSql + Sync));
    first.iter().copied().chain(rest).collect()
}

pub(super) fn key(t: &mut Transaction<'_>, id: &str) -> Result<Option<KeyRow>, StoreError> {
    t.query_opt(
        &format!("SELECT {KEY_COLUMNS} FROM object_keys WHERE id=$1"),
        &[&id],
    )?
    .map(|r| key_from_row(&r))
    .transpose()
}

/// Replaces the row if its revision is still `expected`; returns the new revision.
pub(super) fn cas_key(
    t: &mut Transaction<'_>,
    k: &KeyRow,
    expected: i64,
) -> Result<Option<i64>, StoreError> {
    let n = t.execute(
        "UPDATE object_keys SET revision=revision+1, kind=$3, state=$4, initial_date=$5,
                activation_date=$6, deactivation_date=$7, compromise_date=$8, destroy_date=$9,
                revocation_reason=$10, wrapped=$11, root_version=$12, pending=$13,
                pending_version=$14
         WHERE id=$1 AND revision=$2",
        &key_params(&[&k.id, &expected], k),
    )?;
    Ok((n == 1).then(|| expected.saturating_add(1)))
}

/// Up to `limit` object key ids after `after`, in byte order (the column's collation is "C").
pub(super) fn list_keys(
    t: &mut Transaction<'_>,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<String>, StoreError> {
    t.query(
        "SELECT id FROM object_keys WHERE $1::text IS NULL OR id > $1 ORDER BY id LIMIT $2",
        &[&after, &limit],
    )?
    .iter()
    .map(|r| Ok(r.try_get(0)?))
    .collect()
}

pub(super) fn record(t: &mut Transaction<'_>, seq: i64) -> Result<ObjectRecord, StoreError> {
    let row = t.query_one(
        &format!("SELECT {OBJECT_COLUMNS} FROM objects WHERE seq=$1"),
        &[&seq],
    )?;
    object_from_row(&row)
}

/// The object with identifier `id` if `caller` owns it or is an admin — the only way an
/// object is looked up by identifier — with its row locked until the transaction ends when
/// `lock` (a transaction that may change it; a read-only one takes no lock).
pub(super) fn visible(
    t: &mut Transaction<'_>,
    caller: &Caller,
    id: &str,
    lock: bool,
) -> Result<Option<ObjectRecord>, StoreError> {
    let lock = if lock { " FOR UPDATE" } else { "" };
    t.query_opt(
        &format!("SELECT {OBJECT_COLUMNS} FROM objects WHERE id=$1 AND ($2 OR owner=$3){lock}"),
        &[&id, &caller.admin, &caller.owner],
    )?
    .map(|r| object_from_row(&r))
    .transpose()
}

pub(super) fn material(t: &mut Transaction<'_>, seq: i64) -> Result<MaterialRow, StoreError> {
    let r = t.query_one(
        "SELECT material, wrap_method, key_id FROM objects WHERE seq=$1",
        &[&seq],
    )?;
    Ok((r.try_get(0)?, opt_u32(&r, 1, "wrap_method")?, r.try_get(2)?))
}

pub(super) fn set_state(
    t: &mut Transaction<'_>,
    seq: i64,
    state: KeyState,
) -> Result<(), StoreError> {
    let state = state.kmip_value();
    t.execute(
        "UPDATE objects SET state=$1 WHERE seq=$2",
        &[&i64::from(state), &seq],
    )?;
    Ok(())
}

/// Deletes the object's material and its object key's row. PostgreSQL never overwrites in
/// place: the old row versions stay in the table's pages until VACUUM reclaims them, and in
/// the server's WAL segments and base backups until those are recycled (see the README).
/// What remains there is the material wrapped under an object key whose only copy, wrapped
/// under the root key, went with it.
pub(super) fn erase_material(t: &mut Transaction<'_>, seq: i64) -> Result<(), StoreError> {
    let key_id: Option<String> = t
        .query_one("SELECT key_id FROM objects WHERE seq=$1", &[&seq])?
        .try_get(0)?;
    t.execute(
        "UPDATE objects SET material=NULL, wrap_method=NULL, key_id=NULL WHERE seq=$1",
        &[&seq],
    )?;
    if let Some(key_id) = key_id {
        t.execute("DELETE FROM object_keys WHERE id=$1", &[&key_id])?;
    }
    Ok(())
}

pub(super) fn attribute_count(t: &mut Transaction<'_>, seq: i64) -> Result<u64, StoreError> {
    let n: i64 = t
        .query_one(
            "SELECT COUNT(*) FROM attributes WHERE object_seq=$1",
            &[&seq],
        )?
        .try_get(0)?;
    Ok(u64::try_from(n).unwrap_or(0))
}

pub(super) fn attributes(
    t: &mut Transaction<'_>,
    seq: i64,
) -> Result<Vec<StoredAttribute>, StoreError> {
    t.query(
        "SELECT name, idx, value FROM attributes WHERE object_seq=$1 ORDER BY pos",
        &[&seq],
    )?
    .iter()
    .map(|r| {
        Ok(StoredAttribute {
            name: r.try_get(0)?,
            index: r.try_get(1)?,
            value: r.try_get(2)?,
        })
    })
    .collect()
}

pub(super) fn add_attribute(
    t: &mut Transaction<'_>,
    seq: i64,
    name: &str,
    value: &[u8],
) -> Result<i32, StoreError> {
    // The object's row is locked (see `visible`), so no other transaction computes the same
    // next index before this one commits.
    let row = t.query_one(
        "INSERT INTO attributes (object_seq, name, idx, value)
         SELECT $1, $2, COALESCE(MAX(idx) + 1, 0), $3 FROM attributes
         WHERE object_seq=$1 AND name=$2
         RETURNING idx",
        &[&seq, &name, &value],
    )?;
    Ok(row.try_get(0)?)
}

pub(super) fn modify_attribute(
    t: &mut Transaction<'_>,
    seq: i64,
    name: &str,
    index: i32,
    value: &[u8],
) -> Result<bool, StoreError> {
    let n = t.execute(
        "UPDATE attributes SET value=$1 WHERE object_seq=$2 AND name=$3 AND idx=$4",
        &[&value, &seq, &name, &index],
    )?;
    Ok(n > 0)
}

pub(super) fn set_attribute(
    t: &mut Transaction<'_>,
    seq: i64,
    name: &str,
    value: &[u8],
) -> Result<(), StoreError> {
    t.execute(
        "DELETE FROM attributes WHERE object_seq=$1 AND name=$2",
        &[&seq, &name],
    )?;
    t.execute(
        "INSERT INTO attributes (object_seq, name, idx, value) VALUES ($1, $2, 0, $3)",
        &[&seq, &name, &value],
    )?;
    Ok(())
}

pub(super) fn delete_attribute(
    t: &mut Transaction<'_>,
    seq: i64,
    name: &str,
    index: i32,
) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(t.query_opt(
        "DELETE FROM attributes WHERE object_seq=$1 AND name=$2 AND idx=$3 RETURNING value",
        &[&seq, &name, &index],
    )?
    .map(|r| r.try_get(0))
    .transpose()?)
}

pub(super) fn locate(
    t: &mut Transaction<'_>,
    caller: &Caller,
    filter: &LocateFilter,
) -> Result<Vec<String>, StoreError> {
    let (sql, args) = super::locate_query(caller, filter, |n| format!("${n}"));
    let args: Vec<Box<dyn ToSql + Sync>> = args
        .into_iter()
        .map(|a| -> Box<dyn ToSql + Sync> {
            match a {
                SqlArg::Int(v) => Box::new(v),
                SqlArg::Int4(v) => Box::new(v),
                SqlArg::Text(v) => Box::new(v),
                SqlArg::Bytes(v) => Box::new(v),
            }
        })
        .collect();
    let refs: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a.as_ref()).collect();
    t.query(&sql, &refs)?
        .iter()
        .map(|r| Ok(r.try_get(0)?))
        .collect()
}

/// The environment variable naming the PostgreSQL server of the tests.
pub const TEST_URL_VAR: &str = "KMIP_PG_URL";

/// For tests: a new, empty database on the PostgreSQL server named by `KMIP_PG_URL`, as a
/// connection URL; `None` (after printing "skipped") when `KMIP_PG_URL` is unset, unless `CI`
/// or `KMIP_REQUIRE_PG` is set: then the PostgreSQL tests must run, and this is an error.
///
/// # Errors
/// `KMIP_PG_URL` is required but unset, or the database cannot be created.
#[doc(hidden)]
pub fn test_database(test: &str) -> Result<Option<String>, StoreError> {
    let Some(url) = std::env::var(TEST_URL_VAR).ok().filter(|u| !u.is_empty()) else {
        let required = ["CI", "KMIP_REQUIRE_PG"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()));
        if required {
            return Err(StoreError::Database {
                url: String::new(),
                what: format!(
                    "{TEST_URL_VAR} is not set, but CI / KMIP_REQUIRE_PG require the PostgreSQL \
                     tests: start a cluster with `eval \"$(.ci/pg-cluster start)\"`"
                ),
            });
        }
        eprintln!(
            "{test}: skipped with PostgreSQL: {TEST_URL_VAR} is not set \
             (`eval \"$(.ci/pg-cluster start)\"` sets it)"
        );
        return Ok(None);
    };
    let mut random = [0u8; 8];
    crate::util::random_bytes(&mut random).map_err(|e| StoreError::Database {
        url: redact(&url),
        what: format!("no randomness: {e}"),
    })?;
    let name = format!("kmip_test_{}", crate::util::hex(&random));
    let pool = Pool::new(&url)?;
    let mut admin = pool.get()?;
    admin.batch_execute(&format!("CREATE DATABASE {name}"))?;
    // Replace the database of the URL (the path), keeping any parameters.
    let (scheme, rest) = url
        .split_once("://")
        .unwrap_or(("postgresql", url.as_str()));
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let query = rest[authority_end..]
        .find('?')
        .map_or("", |q| &rest[authority_end + q..]);
    Ok(Some(format!(
        "{scheme}://{}/{name}{query}",
        &rest[..authority_end]
    )))
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact("postgresql://kms:s3cret@db:5432/kms"),
            "postgresql://kms:***@db:5432/kms"
        );
        assert_eq!(redact("postgresql://kms@db/kms"), "postgresql://kms@db/kms");
        assert_eq!(redact("postgresql://db/kms"), "postgresql://db/kms");
    }
}
