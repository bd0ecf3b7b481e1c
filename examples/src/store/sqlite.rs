//! The embedded backend: one SQLite file (bundled) in WAL mode with `synchronous=FULL`, so a
//! committed transaction is on disk before the call returns. One connection, serialised by
//! the [`Store`](super::Store)'s mutex: requests run one after another, which is also what
//! makes Attribute Index assignment and every read-modify-write safe here.
//!
//! `PRAGMA secure_delete=ON`: SQLite overwrites deleted content (a destroyed object's key row,
//! its wrapped material, a replaced wrapping) with zeros instead of leaving it in free space,
//! and after a transaction that destroyed key material the store checkpoints the WAL
//! (`wal_checkpoint(TRUNCATE)`), so no earlier page image holding it stays in
//! `kms.sqlite3-wal` either.

use std::path::Path;

use key_hierarchy::KeyState;
use kmip_types::{CryptographicAlgorithm, KeyFormatType};
use rusqlite::{Connection, OptionalExtension as _, ToSql, Transaction, params};

use super::{
    Caller, KEY_COLUMNS, KeyRow, LocateFilter, MaterialRow, ObjectRecord, SCHEMA_VERSION, SqlArg,
    StoreError, StoredAttribute,
};

/// The database file's name in the data directory.
pub const DB_FILE: &str = "kms.sqlite3";

/// The one condition through which an object is found by identifier: `?1` the identifier,
/// `?2` whether the caller is an admin, `?3` the caller's owner value.
const VISIBLE_BY_ID: &str = "id=?1 AND (?2 OR owner=?3)";

const OBJECT_COLUMNS: &str = "seq, id, object_type, state, algorithm, length, key_format, \
                              data_type, owner, created, material IS NOT NULL";

/// Opens (creating the schema if needed) `dir/kms.sqlite3`; returns the connection, the root
/// key id recorded in it, if any, and whether it is of schema version 1 (to migrate).
pub(super) fn open(dir: &Path) -> Result<(Connection, Option<String>, bool), StoreError> {
    let dir_err = |what: String| StoreError::DataDir {
        path: dir.to_owned(),
        what,
    };
    let db_path = dir.join(DB_FILE);
    let conn = Connection::open(&db_path)
        .map_err(|e| dir_err(format!("cannot open {}: {e}", db_path.display())))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(dir_err(format!("SQLite refused WAL mode ({mode})")));
    }
    let secure: i64 = conn.query_row("PRAGMA secure_delete=ON", [], |r| r.get(0))?;
    if secure != 1 {
        return Err(dir_err("SQLite refused secure_delete".into()));
    }
    conn.execute_batch(
        "PRAGMA synchronous=FULL;
         PRAGMA foreign_keys=ON;
         CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
    )?;
    let schema: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key='schema'", [], |r| {
            r.get(0)
        })
        .optional()?;
    let v1 = schema.as_deref() == Some(super::SCHEMA_V1);
    if let Some(s) = &schema
        && s != SCHEMA_VERSION
        && !v1
    {
        return Err(dir_err(format!("unknown schema version {s}")));
    }
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS object_keys (
             id TEXT PRIMARY KEY,
             revision INTEGER NOT NULL,
             kind INTEGER NOT NULL,
             state INTEGER NOT NULL,
             initial_date INTEGER NOT NULL,
             activation_date INTEGER,
             deactivation_date INTEGER,
             compromise_date INTEGER,
             destroy_date INTEGER,
             revocation_reason INTEGER,
             wrapped BLOB,
             root_version INTEGER,
             pending BLOB,
             pending_version INTEGER
         );
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
             wrap_method INTEGER,
             key_id TEXT REFERENCES object_keys(id)
         );
         CREATE TABLE IF NOT EXISTS attributes (
             object_seq INTEGER NOT NULL REFERENCES objects(seq) ON DELETE CASCADE,
             name TEXT NOT NULL,
             idx INTEGER NOT NULL,
             value BLOB NOT NULL,
             PRIMARY KEY (object_seq, name, idx)
         );
         CREATE INDEX IF NOT EXISTS attributes_by_value ON attributes(name, value);",
    )?;
    let recorded_root: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key='root_id'", [], |r| {
            r.get(0)
        })
        .optional()?;
    Ok((conn, recorded_root, v1))
}

/// Schema 1 → 2, inside the migration's transaction: the object key column (the
/// `object_keys` table exists already, see [`open`]).
pub(super) fn migrate_v1_ddl(tx: &Transaction<'_>) -> Result<(), StoreError> {
    tx.execute_batch("ALTER TABLE objects ADD COLUMN key_id TEXT REFERENCES object_keys(id);")?;
    Ok(())
}

/// Up to `limit` objects of a schema 1 store whose material is still wrapped directly under
/// the root: seq, material, root version, wrap method, created.
pub(super) fn v1_pending(
    tx: &Transaction<'_>,
    limit: i64,
) -> Result<Vec<super::V1Row>, StoreError> {
    let mut stmt = tx.prepare(
        "SELECT seq, material, root_version, wrap_method, created FROM objects
         WHERE material IS NOT NULL AND key_id IS NULL LIMIT ?1",
    )?;
    let rows = stmt
        .query_map(params![limit], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Puts an object's material under its new object key (schema 1 → 2).
pub(super) fn v1_rewrap(
    tx: &Transaction<'_>,
    seq: i64,
    material: &[u8],
    wrap_method: u32,
    key_id: &str,
) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE objects SET material=?1, wrap_method=?2, key_id=?3, root_version=NULL
         WHERE seq=?4",
        params![material, wrap_method, key_id, seq],
    )?;
    Ok(())
}

/// Records the schema version.
pub(super) fn set_schema(tx: &Transaction<'_>, version: &str) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE meta SET value=?1 WHERE key='schema'",
        params![version],
    )?;
    Ok(())
}

/// Copies every page of the WAL into the database file and truncates the WAL to zero bytes.
/// Returns whether it completed (false: a reader held it back; try again later).
pub(super) fn checkpoint(conn: &Connection) -> Result<bool, StoreError> {
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    Ok(busy == 0)
}

/// Records the schema version and root key id of a new store.
pub(super) fn record_root(conn: &Connection, root_id: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO meta(key, value) VALUES ('schema', ?1), ('root_id', ?2)",
        params![SCHEMA_VERSION, root_id],
    )?;
    Ok(())
}

pub(super) fn count(conn: &Connection) -> Result<u64, StoreError> {
    let n: i64 = conn.query_row("SELECT COUNT(*) FROM objects", [], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// An object's row; `Err` inside when a column holds a value the type does not have.
fn object_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<ObjectRecord, StoreError>> {
    let state = match super::state_from(r.get(3)?) {
        Ok(s) => s,
        Err(e) => return Ok(Err(e)),
    };
    Ok(Ok(ObjectRecord {
        seq: r.get(0)?,
        id: r.get(1)?,
        object_type: kmip_types::ObjectType(r.get(2)?),
        state,
        algorithm: r.get::<_, Option<u32>>(4)?.map(CryptographicAlgorithm),
        length: r.get(5)?,
        key_format: r.get::<_, Option<u32>>(6)?.map(KeyFormatType),
        data_type: r.get(7)?,
        owner: r.get(8)?,
        created: r.get(9)?,
        has_material: r.get(10)?,
    }))
}

pub(super) fn batch(tx: &Transaction<'_>, sql: &str) -> Result<(), StoreError> {
    Ok(tx.execute_batch(sql)?)
}

pub(super) fn insert_object(
    tx: &Transaction<'_>,
    object: &super::NewObject<'_>,
    material: &[u8],
    wrap_method: u32,
    key_id: &str,
) -> Result<i64, StoreError> {
    tx.execute(
        "INSERT INTO objects (id, object_type, state, algorithm, length, key_format,
                              data_type, owner, created, material, wrap_method, key_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            object.id,
            object.object_type.0,
            object.state.kmip_value(),
            object.algorithm.map(|a| a.0),
            object.length,
            object.key_format.map(|f| f.0),
            object.data_type,
            object.owner,
            object.created,
            material,
            wrap_method,
            key_id
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

fn key_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<KeyRow> {
    Ok(KeyRow {
        id: r.get(0)?,
        revision: r.get(1)?,
        kind: r.get(2)?,
        state: r.get(3)?,
        initial_date: r.get(4)?,
        activation_date: r.get(5)?,
        deactivation_date: r.get(6)?,
        compromise_date: r.get(7)?,
        destroy_date: r.get(8)?,
        revocation_reason: r.get(9)?,
        wrapped: r.get(10)?,
        root_version: r.get(11)?,
        pending: r.get(12)?,
        pending_version: r.get(13)?,
    })
}

/// Inserts an object key's row (revision 1).
pub(super) fn insert_key(tx: &Transaction<'_>, k: &KeyRow) -> Result<(), StoreError> {
    tx.execute(
        &format!("INSERT INTO object_keys ({KEY_COLUMNS}) VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"),
        key_params(&[&k.id], k).as_slice(),
    )?;
    Ok(())
}

/// `first`, then the values of an object key's row from `kind` to `pending_version`, in
/// [`KEY_COLUMNS`] order: the parameters of both the INSERT and the compare-and-swap UPDATE.
fn key_params<'a>(first: &[&'a dyn ToSql], k: &'a KeyRow) -> Vec<&'a dyn ToSql> {
    let rest = key_row_values!(k, &dyn ToSql);
    first.iter().copied().chain(rest).collect()
}

pub(super) fn key(tx: &Transaction<'_>, id: &str) -> Result<Option<KeyRow>, StoreError> {
    Ok(tx
        .query_row(
            &format!("SELECT {KEY_COLUMNS} FROM object_keys WHERE id=?1"),
            params![id],
            key_from_row,
        )
        .optional()?)
}

/// Replaces the row if its revision is still `expected`; returns the new revision.
pub(super) fn cas_key(
    tx: &Transaction<'_>,
    k: &KeyRow,
    expected: i64,
) -> Result<Option<i64>, StoreError> {
    let n = tx.execute(
        "UPDATE object_keys SET revision=revision+1, kind=?3, state=?4, initial_date=?5,
                activation_date=?6, deactivation_date=?7, compromise_date=?8, destroy_date=?9,
                revocation_reason=?10, wrapped=?11, root_version=?12, pending=?13,
                pending_version=?14
         WHERE id=?1 AND revision=?2",
        key_params(&[&k.id, &expected], k).as_slice(),
    )?;
    Ok((n == 1).then(|| expected.saturating_add(1)))
}

/// Up to `limit` object key ids after `after`, in byte order.
pub(super) fn list_keys(
    tx: &Transaction<'_>,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<String>, StoreError> {
    let mut stmt = tx.prepare_cached(
        "SELECT id FROM object_keys WHERE ?1 IS NULL OR id > ?1 ORDER BY id LIMIT ?2",
    )?;
    let ids = stmt
        .query_map(params![after, limit], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(ids)
}

pub(super) fn record(tx: &Transaction<'_>, seq: i64) -> Result<ObjectRecord, StoreError> {
    tx.query_row(
        &format!("SELECT {OBJECT_COLUMNS} FROM objects WHERE seq=?1"),
        params![seq],
        object_from_row,
    )?
}

/// The object found through [`VISIBLE_BY_ID`]: the only way an object is looked up by
/// identifier.
pub(super) fn visible(
    tx: &Transaction<'_>,
    caller: &Caller,
    id: &str,
    _lock: bool,
) -> Result<Option<ObjectRecord>, StoreError> {
    // One connection runs one transaction at a time: nothing to lock against.
    tx.query_row(
        &format!("SELECT {OBJECT_COLUMNS} FROM objects WHERE {VISIBLE_BY_ID}"),
        params![id, caller.admin, caller.owner],
        object_from_row,
    )
    .optional()?
    .transpose()
}

pub(super) fn material(tx: &Transaction<'_>, seq: i64) -> Result<MaterialRow, StoreError> {
    Ok(tx.query_row(
        "SELECT material, wrap_method, key_id FROM objects WHERE seq=?1",
        params![seq],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?)
}

pub(super) fn set_state(tx: &Transaction<'_>, seq: i64, state: KeyState) -> Result<(), StoreError> {
    let state = state.kmip_value();
    tx.execute(
        "UPDATE objects SET state=?1 WHERE seq=?2",
        params![state, seq],
    )?;
    Ok(())
}

/// Deletes the object's material and its object key's row (secure_delete zeroes both).
pub(super) fn erase_material(tx: &Transaction<'_>, seq: i64) -> Result<(), StoreError> {
    let key_id: Option<String> = tx.query_row(
        "SELECT key_id FROM objects WHERE seq=?1",
        params![seq],
        |r| r.get(0),
    )?;
    tx.execute(
        "UPDATE objects SET material=NULL, wrap_method=NULL, key_id=NULL WHERE seq=?1",
        params![seq],
    )?;
    if let Some(key_id) = key_id {
        tx.execute("DELETE FROM object_keys WHERE id=?1", params![key_id])?;
    }
    Ok(())
}

pub(super) fn attributes(
    tx: &Transaction<'_>,
    seq: i64,
) -> Result<Vec<StoredAttribute>, StoreError> {
    let mut stmt = tx.prepare_cached(
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

pub(super) fn attribute_count(tx: &Transaction<'_>, seq: i64) -> Result<u64, StoreError> {
    let n: i64 = tx.query_row(
        "SELECT COUNT(*) FROM attributes WHERE object_seq=?1",
        params![seq],
        |r| r.get(0),
    )?;
    Ok(u64::try_from(n).unwrap_or(0))
}

pub(super) fn add_attribute(
    tx: &Transaction<'_>,
    seq: i64,
    name: &str,
    value: &[u8],
) -> Result<i32, StoreError> {
    let next: i32 = tx.query_row(
        "SELECT COALESCE(MAX(idx) + 1, 0) FROM attributes WHERE object_seq=?1 AND name=?2",
        params![seq, name],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO attributes (object_seq, name, idx, value) VALUES (?1, ?2, ?3, ?4)",
        params![seq, name, next, value],
    )?;
    Ok(next)
}

pub(super) fn modify_attribute(
    tx: &Transaction<'_>,
    seq: i64,
    name: &str,
    index: i32,
    value: &[u8],
) -> Result<bool, StoreError> {
    let n = tx.execute(
        "UPDATE attributes SET value=?1 WHERE object_seq=?2 AND name=?3 AND idx=?4",
        params![value, seq, name, index],
    )?;
    Ok(n > 0)
}

pub(super) fn set_attribute(
    tx: &Transaction<'_>,
    seq: i64,
    name: &str,
    value: &[u8],
) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM attributes WHERE object_seq=?1 AND name=?2",
        params![seq, name],
    )?;
    tx.execute(
        "INSERT INTO attributes (object_seq, name, idx, value) VALUES (?1, ?2, 0, ?3)",
        params![seq, name, value],
    )?;
    Ok(())
}

pub(super) fn delete_attribute(
    tx: &Transaction<'_>,
    seq: i64,
    name: &str,
    index: i32,
) -> Result<Option<Vec<u8>>, StoreError> {
    let value: Option<Vec<u8>> = tx
        .query_row(
            "SELECT value FROM attributes WHERE object_seq=?1 AND name=?2 AND idx=?3",
            params![seq, name, index],
            |r| r.get(0),
        )
        .optional()?;
    if value.is_some() {
        tx.execute(
            "DELETE FROM attributes WHERE object_seq=?1 AND name=?2 AND idx=?3",
            params![seq, name, index],
        )?;
    }
    Ok(value)
}

pub(super) fn locate(
    tx: &Transaction<'_>,
    caller: &Caller,
    filter: &LocateFilter,
) -> Result<Vec<String>, StoreError> {
    let (sql, args) = super::locate_query(caller, filter, |n| format!("?{n}"));
    let args = args.into_iter().map(|a| -> rusqlite::types::Value {
        match a {
            SqlArg::Int(v) => v.into(),
            SqlArg::Int4(v) => v.into(),
            SqlArg::Text(v) => v.into(),
            SqlArg::Bytes(v) => v.into(),
        }
    });
    let mut stmt = tx.prepare(&sql)?;
    let ids = stmt
        .query_map(rusqlite::params_from_iter(args), |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(ids)
}
