//! The embedded backend: one SQLite file (bundled) in WAL mode with `synchronous=FULL`, so a
//! committed transaction is on disk before the call returns. One connection, serialised by
//! the [`Store`](super::Store)'s mutex: requests run one after another, which is also what
//! makes Attribute Index assignment and every read-modify-write safe here.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension as _, Transaction, params};

use super::{
    Caller, LocateFilter, ObjectRecord, SCHEMA_VERSION, StaleRow, StoreError, StoredAttribute,
    WrappedRow,
};
use key_hierarchy::RootWrapped;

/// The database file's name in the data directory.
pub const DB_FILE: &str = "kms.sqlite3";

/// The one condition through which an object is found by identifier: `?1` the identifier,
/// `?2` whether the caller is an admin, `?3` the caller's owner value.
const VISIBLE_BY_ID: &str = "id=?1 AND (?2 OR owner=?3)";

const OBJECT_COLUMNS: &str = "seq, id, object_type, state, algorithm, length, key_format, \
                              data_type, owner, created, material IS NOT NULL";

/// Opens (creating the schema if needed) `dir/kms.sqlite3`; returns the connection, the
/// schema version and the root key id recorded in it, if any.
pub(super) fn open(dir: &Path) -> Result<(Connection, Option<String>), StoreError> {
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
    Ok((conn, recorded_root))
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

fn object_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ObjectRecord> {
    Ok(ObjectRecord {
        seq: r.get(0)?,
        id: r.get(1)?,
        object_type: kmip_types::ObjectType(r.get(2)?),
        state: kmip_types::State(r.get(3)?),
        algorithm: r.get(4)?,
        length: r.get(5)?,
        key_format: r.get(6)?,
        data_type: r.get(7)?,
        owner: r.get(8)?,
        created: r.get(9)?,
        has_material: r.get(10)?,
    })
}

pub(super) fn batch(tx: &Transaction<'_>, sql: &str) -> Result<(), StoreError> {
    Ok(tx.execute_batch(sql)?)
}

pub(super) fn insert_object(
    tx: &Transaction<'_>,
    object: &super::NewObject<'_>,
    wrapped: &RootWrapped,
) -> Result<i64, StoreError> {
    tx.execute(
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
    Ok(tx.last_insert_rowid())
}

pub(super) fn record(tx: &Transaction<'_>, seq: i64) -> Result<ObjectRecord, StoreError> {
    Ok(tx.query_row(
        &format!("SELECT {OBJECT_COLUMNS} FROM objects WHERE seq=?1"),
        params![seq],
        object_from_row,
    )?)
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
    Ok(tx
        .query_row(
            &format!("SELECT {OBJECT_COLUMNS} FROM objects WHERE {VISIBLE_BY_ID}"),
            params![id, caller.admin, caller.owner],
            object_from_row,
        )
        .optional()?)
}

pub(super) fn wrapped(tx: &Transaction<'_>, seq: i64) -> Result<WrappedRow, StoreError> {
    Ok(tx.query_row(
        "SELECT material, root_version, wrap_method FROM objects WHERE seq=?1",
        params![seq],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?)
}

pub(super) fn set_state(tx: &Transaction<'_>, seq: i64, state: u32) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE objects SET state=?1 WHERE seq=?2",
        params![state, seq],
    )?;
    Ok(())
}

pub(super) fn erase_material(tx: &Transaction<'_>, seq: i64) -> Result<(), StoreError> {
    // Overwrite first so the old bytes do not linger in a free page, then clear.
    tx.execute(
        "UPDATE objects SET material=zeroblob(length(material)) WHERE seq=?1",
        params![seq],
    )?;
    tx.execute(
        "UPDATE objects SET material=NULL, root_version=NULL, wrap_method=NULL WHERE seq=?1",
        params![seq],
    )?;
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
    let mut stmt = tx.prepare(&sql)?;
    let ids = stmt
        .query_map(rusqlite::params_from_iter(args), |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(ids)
}

/// Up to `limit` objects whose material is wrapped under a root version below `target`.
pub(super) fn stale(
    tx: &Transaction<'_>,
    target: u32,
    limit: u32,
) -> Result<Vec<StaleRow>, StoreError> {
    let mut stmt = tx.prepare(
        "SELECT seq, material, root_version, wrap_method FROM objects
         WHERE material IS NOT NULL AND root_version < ?1 LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![target, limit], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

pub(super) fn rewrap(tx: &Transaction<'_>, seq: i64, new: &RootWrapped) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE objects SET material=?1, root_version=?2, wrap_method=?3 WHERE seq=?4",
        params![
            new.bytes,
            new.version,
            new.method.kmip_block_cipher_mode(),
            seq
        ],
    )?;
    Ok(())
}
