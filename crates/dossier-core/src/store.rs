//! The store: one SQLite database inside the notebook (`.dossier/dossier.db`).
//!
//! It is the truth for everything that is not a plain file: source versions,
//! entities, annotations and links, and the bookkeeping of what the search
//! index holds. Migrations are numbered and recorded in `PRAGMA user_version`;
//! the database runs in WAL mode with foreign keys on, and every write goes
//! through a transaction.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Result};

/// `PRAGMA application_id`: marks a database as Dossier's ("DOSR").
pub const APPLICATION_ID: i32 = 0x444F_5352;

/// Bytes the write-ahead log is cut back to after a checkpoint.
const WAL_SIZE_LIMIT: i64 = 4 << 20;

/// The migrations, in order. Index `i` brings the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: the whole first schema.
    r#"
    CREATE TABLE sources (
        id            TEXT PRIMARY KEY,
        title         TEXT NOT NULL,
        outlet        TEXT,
        author        TEXT,
        published     TEXT,
        url           TEXT,
        path          TEXT NOT NULL UNIQUE,
        format        TEXT NOT NULL,
        hash          TEXT NOT NULL,
        passages      INTEGER NOT NULL DEFAULT 0,
        imported_at   TEXT NOT NULL,
        file_stamp    TEXT,
        indexed_hash  TEXT
    );
    CREATE TABLE source_versions (
        id          INTEGER PRIMARY KEY,
        source_id   TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        hash        TEXT NOT NULL,
        text        TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        UNIQUE (source_id, hash)
    );
    CREATE INDEX source_versions_by_hash ON source_versions(hash);
    CREATE TABLE notes (
        path          TEXT PRIMARY KEY,
        title         TEXT NOT NULL,
        hash          TEXT NOT NULL,
        body          TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        file_stamp    TEXT,
        indexed_hash  TEXT
    );
    CREATE TABLE note_links (
        note_path  TEXT NOT NULL REFERENCES notes(path) ON DELETE CASCADE ON UPDATE CASCADE,
        target     TEXT NOT NULL,
        label      TEXT,
        start      INTEGER NOT NULL,
        end        INTEGER NOT NULL
    );
    CREATE INDEX note_links_by_target ON note_links(target);
    CREATE TABLE entities (
        id           INTEGER PRIMARY KEY,
        kind         TEXT NOT NULL CHECK (kind IN ('person','organisation','place','event','date','other')),
        name         TEXT NOT NULL UNIQUE,
        description  TEXT,
        external_id  TEXT,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        indexed_hash TEXT
    );
    CREATE TABLE entity_aliases (
        entity_id  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        alias      TEXT NOT NULL,
        PRIMARY KEY (entity_id, alias)
    );
    CREATE TABLE rejected_suggestions (
        name  TEXT PRIMARY KEY
    );
    CREATE TABLE annotations (
        id          TEXT PRIMARY KEY,
        source_id   TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        version_id  INTEGER REFERENCES source_versions(id),
        exact       TEXT NOT NULL,
        prefix      TEXT NOT NULL DEFAULT '',
        suffix      TEXT NOT NULL DEFAULT '',
        start       INTEGER NOT NULL,
        end         INTEGER NOT NULL,
        status      TEXT NOT NULL DEFAULT 'exact' CHECK (status IN ('exact','moved','fuzzy','orphan')),
        score       REAL,
        color       TEXT NOT NULL DEFAULT 'yellow',
        comment     TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        indexed_hash TEXT,
        CHECK (start <= end)
    );
    CREATE INDEX annotations_by_source ON annotations(source_id, start);
    CREATE TABLE annotation_tags (
        annotation_id  TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        tag            TEXT NOT NULL,
        PRIMARY KEY (annotation_id, tag)
    );
    CREATE TABLE annotation_entities (
        annotation_id  TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        entity_id      INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        PRIMARY KEY (annotation_id, entity_id)
    );
    "#,
    // 2: files of the notebook that the store has taken in (bundled annotations).
    r#"
    CREATE TABLE taken_files (
        path   TEXT PRIMARY KEY,
        stamp  TEXT NOT NULL
    );
    "#,
    // 3: mentions of entities in sources and notes.
    r#"
    CREATE TABLE mentions (
        entity_id    INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        target_kind  TEXT NOT NULL CHECK (target_kind IN ('source','note')),
        target       TEXT NOT NULL,
        part         INTEGER NOT NULL,
        start        INTEGER NOT NULL,
        end          INTEGER NOT NULL,
        text         TEXT NOT NULL
    );
    CREATE INDEX mentions_by_entity ON mentions(entity_id);
    CREATE INDEX mentions_by_target ON mentions(target_kind, target, part);
    ALTER TABLE sources ADD COLUMN mentions_hash TEXT;
    ALTER TABLE notes ADD COLUMN mentions_hash TEXT;
    "#,
    // 4: quotes and dates found in sources (derived, recomputed by hash).
    r#"
    CREATE TABLE quotes (
        source         TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        start          INTEGER NOT NULL,
        end            INTEGER NOT NULL,
        kind           TEXT NOT NULL CHECK (kind IN ('direct','indirect')),
        cue            TEXT,
        speaker        TEXT,
        speaker_start  INTEGER,
        speaker_end    INTEGER,
        speaker_kind   TEXT CHECK (speaker_kind IN ('named','description','pronoun')),
        entity_id      INTEGER REFERENCES entities(id) ON DELETE SET NULL,
        passage        INTEGER NOT NULL
    );
    CREATE INDEX quotes_by_source ON quotes(source, start);
    CREATE INDEX quotes_by_entity ON quotes(entity_id);
    CREATE TABLE dates (
        source       TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        start        INTEGER NOT NULL,
        end          INTEGER NOT NULL,
        text         TEXT NOT NULL,
        value        TEXT,
        granularity  TEXT NOT NULL,
        relative     INTEGER NOT NULL,
        passage      INTEGER NOT NULL
    );
    CREATE INDEX dates_by_source ON dates(source, start);
    CREATE INDEX dates_by_value ON dates(value);
    ALTER TABLE sources ADD COLUMN quotes_hash TEXT;
    ALTER TABLE sources ADD COLUMN dates_hash TEXT;
    "#,
    // 5: when the files were last synced, for readers that open without a
    // sync. `generation` counts the store's write transactions; a full sync
    // records it (`synced_generation`) with the folders' modification times.
    r#"
    CREATE TABLE sync_state (
        id                 INTEGER PRIMARY KEY CHECK (id = 1),
        generation         INTEGER NOT NULL DEFAULT 0,
        synced_generation  INTEGER,
        folders            TEXT
    );
    INSERT INTO sync_state (id, generation) VALUES (1, 0);
    "#,
    // 6: a version's text is kept packed (zstd) when that makes it smaller
    // and it is at most `PACK_LIMIT` bytes; `pack_versions` converts the
    // rows (the column keeps its name: a TEXT value is the text as it is, a
    // BLOB the packed text). `sources` gets an explicit integer `key` (its
    // rowid, kept by VACUUM) that versions, quotes and dates refer to
    // instead of the text id (and mentions, which hold a source's key or a
    // note's path), and loses `imported_at` (and versions `created_at`),
    // which nothing read.
    // (The tables are made again, the SQLite way: `migrate` turns foreign
    // keys off around this step and checks them before it commits.)
    r#"
    -- 6: source_versions.text packed, see pack_versions; a source's path
    -- is NULL when it is the usual `sources/<id>.md` (`stored_path`).
    CREATE TABLE sources_6 (
        key           INTEGER PRIMARY KEY,
        id            TEXT NOT NULL UNIQUE,
        title         TEXT NOT NULL,
        outlet        TEXT,
        author        TEXT,
        published     TEXT,
        url           TEXT,
        path          TEXT UNIQUE,
        format        TEXT NOT NULL,
        hash          TEXT NOT NULL,
        passages      INTEGER NOT NULL DEFAULT 0,
        file_stamp    TEXT,
        indexed_hash  TEXT,
        mentions_hash TEXT,
        quotes_hash   TEXT,
        dates_hash    TEXT
    );
    INSERT INTO sources_6 (key, id, title, outlet, author, published, url, path, format, hash,
                           passages, file_stamp, indexed_hash, mentions_hash,
                           quotes_hash, dates_hash)
        SELECT rowid, id, title, outlet, author, published, url,
               CASE WHEN path = 'sources/' || id || '.md' THEN NULL ELSE path END,
               format, hash, passages, file_stamp, indexed_hash, mentions_hash,
               quotes_hash, dates_hash
        FROM sources;
    DROP TABLE sources;
    ALTER TABLE sources_6 RENAME TO sources;
    CREATE TABLE source_versions_6 (
        id          INTEGER PRIMARY KEY,
        source_key  INTEGER NOT NULL REFERENCES sources(key) ON DELETE CASCADE,
        hash        TEXT NOT NULL,
        text        TEXT NOT NULL,
        UNIQUE (source_key, hash)
    );
    INSERT INTO source_versions_6 (id, source_key, hash, text)
        SELECT v.id, s.key, v.hash, v.text
        FROM source_versions v JOIN sources s ON s.id = v.source_id;
    DROP TABLE source_versions;
    ALTER TABLE source_versions_6 RENAME TO source_versions;
    CREATE INDEX source_versions_by_hash ON source_versions(hash);
    CREATE TABLE quotes_6 (
        source_key     INTEGER NOT NULL REFERENCES sources(key) ON DELETE CASCADE,
        start          INTEGER NOT NULL,
        end            INTEGER NOT NULL,
        kind           TEXT NOT NULL CHECK (kind IN ('direct','indirect')),
        cue            TEXT,
        speaker        TEXT,
        speaker_start  INTEGER,
        speaker_end    INTEGER,
        speaker_kind   TEXT CHECK (speaker_kind IN ('named','description','pronoun')),
        entity_id      INTEGER REFERENCES entities(id) ON DELETE SET NULL,
        passage        INTEGER NOT NULL
    );
    INSERT INTO quotes_6 (source_key, start, end, kind, cue, speaker, speaker_start,
                          speaker_end, speaker_kind, entity_id, passage)
        SELECT s.key, q.start, q.end, q.kind, q.cue, q.speaker, q.speaker_start,
               q.speaker_end, q.speaker_kind, q.entity_id, q.passage
        FROM quotes q JOIN sources s ON s.id = q.source;
    DROP TABLE quotes;
    ALTER TABLE quotes_6 RENAME TO quotes;
    CREATE INDEX quotes_by_source ON quotes(source_key, start);
    CREATE INDEX quotes_by_entity ON quotes(entity_id);
    CREATE TABLE dates_6 (
        source_key   INTEGER NOT NULL REFERENCES sources(key) ON DELETE CASCADE,
        start        INTEGER NOT NULL,
        end          INTEGER NOT NULL,
        text         TEXT NOT NULL,
        value        TEXT,
        granularity  TEXT NOT NULL,
        relative     INTEGER NOT NULL,
        passage      INTEGER NOT NULL
    );
    INSERT INTO dates_6 (source_key, start, end, text, value, granularity, relative, passage)
        SELECT s.key, d.start, d.end, d.text, d.value, d.granularity, d.relative, d.passage
        FROM dates d JOIN sources s ON s.id = d.source;
    DROP TABLE dates;
    ALTER TABLE dates_6 RENAME TO dates;
    CREATE INDEX dates_by_source ON dates(source_key, start);
    CREATE INDEX dates_by_value ON dates(value);
    -- A mention is in a source (its key) or in a note (its path), never
    -- both; a mention of a source that is gone went with it.
    CREATE TABLE mentions_6 (
        entity_id   INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        source_key  INTEGER REFERENCES sources(key) ON DELETE CASCADE,
        note        TEXT,
        part        INTEGER NOT NULL,
        start       INTEGER NOT NULL,
        end         INTEGER NOT NULL,
        text        TEXT NOT NULL,
        CHECK ((source_key IS NULL) != (note IS NULL))
    );
    INSERT INTO mentions_6 (entity_id, source_key, note, part, start, end, text)
        SELECT m.entity_id, s.key, CASE WHEN m.target_kind = 'note' THEN m.target END,
               m.part, m.start, m.end, m.text
        FROM mentions m LEFT JOIN sources s ON m.target_kind = 'source' AND s.id = m.target
        WHERE m.target_kind = 'note' OR s.key IS NOT NULL;
    DROP TABLE mentions;
    ALTER TABLE mentions_6 RENAME TO mentions;
    CREATE INDEX mentions_by_entity ON mentions(entity_id);
    CREATE INDEX mentions_by_target ON mentions(source_key, note, part);
    "#,
    // 7: the sources whose text the index lacks, found without reading
    // every row: each save asks (`sources_to_index`), and a scan of a
    // notebook of 246,933 sources took most of a note's 146 ms save. The
    // index holds only those rows, so it is empty but for a moment.
    r#"
    CREATE INDEX sources_to_index ON sources(id)
        WHERE indexed_hash IS NULL OR indexed_hash != hash;
    "#,
];

/// The path column's value for a source's path: NULL stands for the path
/// import gives every source, `sources/<id>.md`, and is read back as
/// `COALESCE(path, 'sources/' || id || '.md')` (a file the user put
/// elsewhere under `sources/` keeps its own path).
fn stored_path<'a>(id: &str, path: &'a str) -> Option<&'a str> {
    let usual = path
        .strip_prefix("sources/")
        .and_then(|p| p.strip_suffix(".md"))
        == Some(id);
    (!usual).then_some(path)
}

/// Conversions in Rust that run after a migration's SQL, in its transaction:
/// (the version the migration brings the store to, the conversion).
type Conversion = fn(&Connection) -> rusqlite::Result<()>;
const CONVERSIONS: &[(i64, Conversion)] = &[(6, pack_versions), (6, blob_hashes)];

/// A content hash as the store keeps it in `sources` and `source_versions`
/// (and the derived "found under" hashes): the bytes its hex digits stand
/// for, half the room of the digits (a 16-byte BLOB for a 32-digit hash);
/// any other string (none is expected) as it is. Read back with
/// [`hash_at`]: the same string either way, so comparisons in Rust and
/// between columns (`indexed_hash != hash`) are unchanged.
struct Hash<'a>(&'a str);

impl rusqlite::ToSql for Hash<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, Value, ValueRef};
        Ok(match hash_bytes(self.0) {
            Some(bytes) => ToSqlOutput::Owned(Value::Blob(bytes)),
            None => ToSqlOutput::Borrowed(ValueRef::Text(self.0.as_bytes())),
        })
    }
}

/// The bytes of a non-empty string of an even number of lowercase hex
/// digits (what `text::hash` gives), else `None`.
fn hash_bytes(hex: &str) -> Option<Vec<u8>> {
    fn nibble(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            _ => None,
        }
    }
    let digits = hex.as_bytes();
    if digits.is_empty() || !digits.len().is_multiple_of(2) {
        return None;
    }
    digits
        .chunks(2)
        .map(|p| Some(nibble(p[0])? << 4 | nibble(p[1])?))
        .collect()
}

/// A hash column's value as the string it was written from (see [`Hash`]):
/// a BLOB as lowercase hex, a TEXT as it is, NULL as `None`.
fn hash_at(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<String>> {
    use rusqlite::types::{Type, ValueRef};
    match r.get_ref(i)? {
        ValueRef::Null => Ok(None),
        ValueRef::Blob(b) => {
            // By table: a `format!` per byte was 2% of a large import's CPU
            // (every source's hashes are read after it).
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let mut s = String::with_capacity(2 * b.len());
            for x in b {
                s.push(HEX[usize::from(x >> 4)] as char);
                s.push(HEX[usize::from(x & 15)] as char);
            }
            Ok(Some(s))
        }
        ValueRef::Text(t) => std::str::from_utf8(t)
            .map(|t| Some(t.to_string()))
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, Type::Text, e.into())),
        other => Err(rusqlite::Error::InvalidColumnType(
            i,
            "hash".into(),
            other.data_type(),
        )),
    }
}

/// [`hash_at`] of a column that is never NULL.
fn hash_req(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<String> {
    hash_at(r, i)?.ok_or(rusqlite::Error::InvalidColumnType(
        i,
        "hash".into(),
        rusqlite::types::Type::Null,
    ))
}

/// Migration 6: the hashes of `sources` and `source_versions` as BLOBs
/// (see [`Hash`]).
fn blob_hashes(conn: &Connection) -> rusqlite::Result<()> {
    let mut read = conn.prepare(
        "SELECT rowid, hash, indexed_hash, mentions_hash, quotes_hash, dates_hash FROM sources",
    )?;
    let mut write = conn.prepare(
        "UPDATE sources SET hash = ?2, indexed_hash = ?3, mentions_hash = ?4, quotes_hash = ?5,
             dates_hash = ?6 WHERE rowid = ?1",
    )?;
    let mut rows = read.query([])?;
    while let Some(r) = rows.next()? {
        let h: Vec<Option<String>> = (1..6).map(|i| hash_at(r, i)).collect::<rusqlite::Result<_>>()?;
        let h: Vec<Option<Hash<'_>>> = h.iter().map(|v| v.as_deref().map(Hash)).collect();
        write.execute(params![r.get::<_, i64>(0)?, h[0], h[1], h[2], h[3], h[4]])?;
    }
    let mut read = conn.prepare("SELECT id, hash FROM source_versions")?;
    let mut write = conn.prepare("UPDATE source_versions SET hash = ?2 WHERE id = ?1")?;
    let mut rows = read.query([])?;
    while let Some(r) = rows.next()? {
        write.execute(params![r.get::<_, i64>(0)?, Hash(&hash_req(r, 1)?)])?;
    }
    Ok(())
}

/// Texts longer than this (bytes) are kept as they are: a snippet of a
/// passage reads the source's whole text, and unpacking a text this long
/// takes tens of microseconds; longer ones are read with `substr` in place.
const PACK_LIMIT: usize = 64 << 10;

/// zstd's level for the versions' texts (its default: the larger levels
/// gain little on texts of a few hundred bytes).
const PACK_LEVEL: i32 = 3;

/// A source text as the store will keep it (see [`pack_text`]): made on
/// any thread, stored by [`Tx::insert_new_source`].
pub struct PackedText(Option<Vec<u8>>);

/// Packs a text for the store ahead of its transaction (an import packs
/// its texts on every core, not on the one thread that writes the store):
/// what [`Tx::insert_source`] would store, byte for byte.
pub fn pack_text(text: &str) -> PackedText {
    if text.len() <= PACK_LIMIT && text.len() > 32 {
        // One compression context per thread, used again: making one per
        // text cost more than compressing a short text (a large import's
        // 2% of its CPU).
        thread_local! {
            static PACKER: std::cell::RefCell<Option<zstd::bulk::Compressor<'static>>> =
                const { std::cell::RefCell::new(None) };
        }
        let packed = PACKER.with(|p| {
            let mut p = p.borrow_mut();
            if p.is_none() {
                *p = zstd::bulk::Compressor::new(PACK_LEVEL).ok();
            }
            p.as_mut()?.compress(text.as_bytes()).ok()
        });
        if let Some(packed) = packed {
            if packed.len() < text.len() {
                return PackedText(Some(packed));
            }
        }
    }
    PackedText(None)
}

/// A version's text as the store keeps it: packed when that is smaller.
fn pack(text: &str) -> rusqlite::types::Value {
    use rusqlite::types::Value;
    match pack_text(text).0 {
        Some(packed) => Value::Blob(packed),
        None => Value::Text(text.to_string()),
    }
}

/// A version's text from the store's value (see [`pack`]).
fn unpack(value: rusqlite::types::Value) -> rusqlite::Result<String> {
    use rusqlite::types::{Type, Value};
    match value {
        Value::Text(t) => Ok(t),
        Value::Blob(b) => {
            let bytes = zstd::stream::decode_all(&b[..])
                .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, Type::Blob, e.into()))?;
            String::from_utf8(bytes)
                .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, Type::Blob, e.into()))
        }
        _ => Err(rusqlite::Error::InvalidColumnType(
            0,
            "text".into(),
            value.data_type(),
        )),
    }
}

/// Migration 6: packs every version's text that [`pack`] makes smaller.
fn pack_versions(conn: &Connection) -> rusqlite::Result<()> {
    let mut read = conn.prepare(
        "SELECT id, text FROM source_versions WHERE typeof(text) = 'text' AND length(CAST(text AS BLOB)) <= ?1",
    )?;
    let mut write = conn.prepare("UPDATE source_versions SET text = ?2 WHERE id = ?1")?;
    let mut rows = read.query([PACK_LIMIT as i64])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let text: String = r.get(1)?;
        if let packed @ rusqlite::types::Value::Blob(_) = pack(&text) {
            write.execute(params![id, packed])?;
        }
    }
    Ok(())
}

/// The SQL of the migrations, in order (the SQL part of each; the tests
/// build a store of an earlier version with the first ones).
#[cfg(any(test, feature = "internals"))]
pub fn migration_sql() -> &'static [&'static str] {
    MIGRATIONS
}

/// The schema version this build writes.
pub fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// A row of the `sources` table.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRow {
    pub id: String,
    pub title: String,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub path: String,
    pub format: String,
    pub hash: String,
    pub passages: usize,
    /// Size and modification time of the file when last read.
    pub file_stamp: Option<String>,
    pub indexed_hash: Option<String>,
}

/// A row of the `notes` table.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteRow {
    pub path: String,
    pub title: String,
    pub hash: String,
    pub body: String,
    pub file_stamp: Option<String>,
    pub indexed_hash: Option<String>,
}

/// A wiki link found in a note.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteLink {
    pub target: String,
    pub label: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// A row of the `annotations` table, with its tags and linked entity ids.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnotationRow {
    pub id: String,
    pub source_id: String,
    pub version_id: Option<i64>,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    pub start: usize,
    pub end: usize,
    pub status: String,
    pub score: Option<f64>,
    pub color: String,
    pub comment: String,
    pub tags: Vec<String>,
    pub entities: Vec<i64>,
    pub created_at: String,
    pub updated_at: String,
    pub indexed_hash: Option<String>,
}

const ANNOTATION_COLUMNS: &str = "id, source_id, version_id, exact, prefix, suffix, start, end, status, score, color, comment, created_at, updated_at, indexed_hash";

fn annotation_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AnnotationRow> {
    Ok(AnnotationRow {
        id: r.get(0)?,
        source_id: r.get(1)?,
        version_id: r.get(2)?,
        exact: r.get(3)?,
        prefix: r.get(4)?,
        suffix: r.get(5)?,
        start: r.get::<_, i64>(6)? as usize,
        end: r.get::<_, i64>(7)? as usize,
        status: r.get(8)?,
        score: r.get(9)?,
        color: r.get(10)?,
        comment: r.get(11)?,
        created_at: r.get(12)?,
        updated_at: r.get(13)?,
        indexed_hash: r.get(14)?,
        tags: Vec::new(),
        entities: Vec::new(),
    })
}

/// Reads annotations with a WHERE clause, then their tags and entities.
fn query_annotations(
    conn: &Connection,
    where_clause: &str,
    params: &[&dyn rusqlite::ToSql],
) -> Result<Vec<AnnotationRow>> {
    // Cached: one annotation is read per passage embedded in a note's
    // preview, and parsing these statements cost more than running them.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ANNOTATION_COLUMNS} FROM annotations {where_clause} ORDER BY source_id, start, end, id"
    ))?;
    let mut rows = stmt
        .query_map(params, annotation_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // Tags and entity links in one query each, not two per annotation: a
    // source with thousands of annotations is read on every write.
    let mut tags: std::collections::HashMap<String, Vec<String>> = Default::default();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT t.annotation_id, t.tag FROM annotation_tags t
         JOIN annotations ON annotations.id = t.annotation_id {where_clause} ORDER BY t.rowid"
    ))?;
    for r in stmt.query_map(params, |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })? {
        let (id, tag) = r?;
        tags.entry(id).or_default().push(tag);
    }
    let mut ents: std::collections::HashMap<String, Vec<i64>> = Default::default();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT e.annotation_id, e.entity_id FROM annotation_entities e
         JOIN annotations ON annotations.id = e.annotation_id {where_clause} ORDER BY e.entity_id"
    ))?;
    for r in stmt.query_map(params, |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })? {
        let (id, entity) = r?;
        ents.entry(id).or_default().push(entity);
    }
    for row in &mut rows {
        row.tags = tags.remove(&row.id).unwrap_or_default();
        row.entities = ents.remove(&row.id).unwrap_or_default();
    }
    Ok(rows)
}

/// A row of the `entities` table with its aliases.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRow {
    pub id: i64,
    pub kind: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub external_id: Option<String>,
    pub mentions: usize,
}

/// (kind, id, text hash, the hash its mentions were found under).
pub type MentionState = (String, String, String, Option<String>);

/// `SELECT` of the columns [`mention_row`] reads, from `mentions m` (the
/// kind and the target as the API names them: a source's id, a note's
/// path).
macro_rules! select_mentions {
    () => {
        "SELECT m.entity_id, CASE WHEN m.note IS NULL THEN 'source' ELSE 'note' END AS kind,
             COALESCE(m.note, s.id) AS target, m.part, m.start, m.end, m.text
         FROM mentions m LEFT JOIN sources s ON s.key = m.source_key"
    };
}

/// The condition for the mentions of one target, `?1` its kind ("source"
/// or "note") and `?2` its id or path: by `mentions_by_target`.
macro_rules! mention_target {
    () => {
        "m.source_key IS (SELECT key FROM sources WHERE ?1 = 'source' AND id = ?2)
         AND m.note IS (CASE WHEN ?1 = 'note' THEN ?2 END)"
    };
}

/// A row of the `mentions` table.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionRow {
    pub entity_id: i64,
    pub target_kind: String,
    pub target: String,
    pub part: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A row of the `quotes` table.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteRow {
    pub source: String,
    pub start: usize,
    pub end: usize,
    /// "direct" or "indirect".
    pub kind: String,
    pub cue: Option<String>,
    pub speaker: Option<String>,
    pub speaker_start: Option<usize>,
    pub speaker_end: Option<usize>,
    /// "named", "description" or "pronoun".
    pub speaker_kind: Option<String>,
    pub entity_id: Option<i64>,
    pub passage: usize,
}

/// A row of the `dates` table.
#[derive(Debug, Clone, PartialEq)]
pub struct DateRow {
    pub source: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: Option<String>,
    pub granularity: String,
    pub relative: bool,
    pub passage: usize,
}

/// A source's derived-row state: (id, text hash, published, quotes hash, dates hash).
pub type DerivedState = (String, String, Option<String>, Option<String>, Option<String>);

/// The notebook's SQLite database.
pub struct Store {
    conn: Connection,
    /// How long a write waits for another process's (the busy timeout).
    wait: Duration,
}

impl Store {
    /// Opens (or creates) the store at `path` and brings its schema up to date.
    /// A file that is not a Dossier database is refused and left untouched.
    #[cfg(any(test, feature = "internals"))]
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_waiting(path, Duration::from_secs(5))
    }

    /// Opens the store like [`Store::open`], waiting up to `wait` (at least
    /// five seconds) for another process that is creating or migrating it,
    /// or writing to it.
    ///
    /// Several processes may open a new notebook at once: creating and
    /// migrating the schema happens in one write transaction per step, with
    /// the schema version read again inside it, so the step runs once and
    /// the others wait for it and find it done. A store that another process
    /// is still creating (an empty file, or one with no tables and no
    /// application id yet) is waited for, never called foreign; "not a
    /// Dossier store" is said only of a file that has tables of its own.
    pub fn open_waiting(path: &Path, wait: Duration) -> Result<Store> {
        let wait = wait.max(Duration::from_secs(5));
        if path.exists() {
            check_header(path)?;
        }
        let conn = Connection::open(path).map_err(|e| corrupt(path, e))?;
        conn.busy_timeout(wait)?;
        let (app_id, version, empty) = read_identity(&conn).map_err(|e| busy_or(path, e))?;
        check_identity(path, app_id, version, empty)?;
        retry_busy(wait, || conn.pragma_update(None, "journal_mode", "WAL"))
            .map_err(|e| busy_or(path, e))?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // The write-ahead log grows to hold the largest transaction (an
        // import's); once checkpointed it is cut back to this size rather
        // than kept at its largest beside the database.
        conn.pragma_update(None, "journal_size_limit", WAL_SIZE_LIMIT)?;
        let mut store = Store { conn, wait };
        store.migrate(path)?;
        Ok(store)
    }

    /// Opens the store to read only (SQLite's read-only mode: no write, no
    /// migration, no lock taken beyond a reader's). `None` when the store is
    /// missing, or of another schema version than this build's: the caller
    /// then opens it for writing, which creates or migrates it.
    pub fn open_read_only(path: &Path) -> Result<Option<Store>> {
        if !path.exists() {
            return Ok(None);
        }
        check_header(path)?;
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| corrupt(path, e))?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let (app_id, version, empty) = read_identity(&conn).map_err(|e| busy_or(path, e))?;
        check_identity(path, app_id, version, empty)?;
        if version != schema_version() {
            return Ok(None);
        }
        Ok(Some(Store {
            conn,
            wait: Duration::from_secs(5),
        }))
    }

    /// The sync state: (generation now, generation at the last full sync,
    /// the folders' state recorded then).
    pub fn sync_state(&self) -> Result<(i64, Option<i64>, Option<String>)> {
        Ok(self.conn.query_row(
            "SELECT generation, synced_generation, folders FROM sync_state WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    }

    /// Whether the store has a source or note whose file is under the folder `rel`.
    pub fn has_files_under(&self, rel: &str) -> Result<bool> {
        let prefix = format!("{rel}/");
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM notes WHERE substr(path, 1, ?2) = ?1)
                 OR EXISTS (SELECT 1 FROM sources WHERE substr(COALESCE(path, 'sources/' || id || '.md'), 1, ?2) = ?1)",
            params![prefix, prefix.chars().count() as i64],
            |r| r.get(0),
        )?)
    }

    /// Records that a full sync saw the files as `folders` says, with the
    /// store at `generation` (`None`: the next reader must sync).
    pub fn set_synced(&self, generation: Option<i64>, folders: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE sync_state SET synced_generation = ?1, folders = ?2 WHERE id = 1",
            params![generation, folders],
        )?;
        Ok(())
    }

    /// Checkpoints the write-ahead log and cuts it to nothing, after a
    /// large write (an import): otherwise the log stays `WAL_SIZE_LIMIT`
    /// long beside the database. Not waited for: when another process
    /// reads, the log stays as it is (it is cut at a later checkpoint).
    pub fn shrink_wal(&self) -> Result<()> {
        self.unless_busy(|c| c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())))
    }

    /// Runs `work` without waiting for other processes: when one holds
    /// the store (busy or locked), `work` is left undone and that is not
    /// an error. The busy timeout is put back after.
    fn unless_busy(&self, work: impl FnOnce(&Connection) -> rusqlite::Result<()>) -> Result<()> {
        self.conn.busy_timeout(Duration::ZERO)?;
        let done = work(&self.conn);
        self.conn.busy_timeout(self.wait)?;
        match done {
            Ok(()) => Ok(()),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy
                    || e.code == rusqlite::ErrorCode::DatabaseLocked =>
            {
                Ok(())
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Rewrites the database compactly (`VACUUM`: every table and index
    /// packed into full pages, in order), after an import that at least
    /// doubled it: rows written in the order files come, and updated after
    /// (their derived hashes), leave pages part empty. Its cost grows with
    /// the store, so it runs only when the import's own writes were as
    /// large. Not waited for: when another process reads or writes, the
    /// store stays as it is.
    pub fn compact(&self) -> Result<()> {
        self.unless_busy(|c| c.execute_batch("VACUUM"))
    }

    /// How many sources the store holds.
    pub fn source_count(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM sources", [], |r| r.get::<_, i64>(0))?
            as usize)
    }

    /// Runs the migrations the store lacks, each in a write transaction
    /// that reads the schema version again first: when another process ran
    /// a step meanwhile, it is not run twice.
    fn migrate(&mut self, path: &Path) -> Result<()> {
        // A migration that makes a table again drops the old one: with
        // foreign keys on, that would delete the rows that refer to it.
        // (The pragma has no effect inside a transaction, so it is set
        // around them; each step checks the keys before it commits.)
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        let done = self.migrate_steps(path);
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        done
    }

    fn migrate_steps(&mut self, path: &Path) -> Result<()> {
        loop {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(|e| busy_or(path, e))?;
            let (app_id, version, empty) = read_identity(&tx).map_err(|e| busy_or(path, e))?;
            check_identity(path, app_id, version, empty)?;
            let Some(sql) = MIGRATIONS.get(version as usize) else {
                tx.commit()?;
                return Ok(());
            };
            tx.execute_batch(sql)?;
            for (_, convert) in CONVERSIONS.iter().filter(|(v, _)| *v == version + 1) {
                convert(&tx)?;
            }
            let broken: i64 =
                tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })?;
            if broken > 0 {
                return Err(Error::Corrupt {
                    path: path.to_path_buf(),
                    reason: format!(
                        "migration {} would leave {broken} rows referring to rows that are gone",
                        version + 1
                    ),
                });
            }
            tx.pragma_update(None, "user_version", version + 1)?;
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            tx.commit()?;
        }
    }

    #[cfg(any(test, feature = "internals"))]
    /// The schema version on disk.
    pub fn version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Runs SQLite's own integrity check; returns its complaints (empty = fine).
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut problems: Vec<String> = rows.into_iter().filter(|r| r != "ok").collect();
        let mut fk = self.conn.prepare("PRAGMA foreign_key_check")?;
        let fk_rows = fk
            .query_map([], |r| {
                Ok(format!(
                    "foreign key broken in table {}",
                    r.get::<_, String>(0)?
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        problems.extend(fk_rows);
        Ok(problems)
    }

    /// Runs `f` inside one transaction: all of its writes land, or none.
    ///
    /// The transaction takes the write lock as it begins (`BEGIN
    /// IMMEDIATE`), waiting the busy timeout for another process's write
    /// to end. Begun as a reader (SQLite's default), a transaction whose
    /// first statement reads (a source's key, say) would have to upgrade to
    /// a writer later, and that upgrade fails at once, without waiting,
    /// with "database is locked" when another process writes meanwhile.
    pub fn transaction<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&Tx { tx: &tx })?;
        // Every write moves the generation on: a reader that finds it moved
        // since the last full sync syncs before it answers.
        tx.execute(
            "UPDATE sync_state SET generation = generation + 1 WHERE id = 1",
            [],
        )?;
        tx.commit()?;
        Ok(out)
    }

    pub fn sources(&self) -> Result<Vec<SourceRow>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {SOURCE_COLUMNS} FROM sources ORDER BY title COLLATE NOCASE, id"
        ))?;
        let rows = stmt
            .query_map([], source_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    pub fn source(&self, id: &str) -> Result<Option<SourceRow>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {SOURCE_COLUMNS} FROM sources WHERE id = ?1"),
                [id],
                source_row,
            )
            .optional()?)
    }

    /// The source whose current text, or any earlier version, has this hash.
    pub fn source_by_hash(&self, hash: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT s.id FROM source_versions v JOIN sources s ON s.key = v.source_key
                 WHERE v.hash = ?1 LIMIT 1")?
            .query_row([Hash(hash)], |r| r.get(0))
            .optional()?)
    }

    /// The ids of every source.
    pub fn source_ids(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM sources")?;
        let rows = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The text of a source's current version.
    pub fn source_text(&self, id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT v.text FROM sources s JOIN source_versions v
                   ON v.source_key = s.key AND v.hash = s.hash WHERE s.id = ?1",
                [id],
                |r| unpack(r.get(0)?),
            )
            .optional()?)
    }

    /// A source passage as a hit shows it: the source's title and the
    /// characters `start..end` of its current version (the index stores
    /// neither). `None` when the source is gone.
    pub fn passage(&self, id: &str, start: usize, end: usize) -> Result<Option<(String, String)>> {
        let start = i64::try_from(start).unwrap_or(i64::MAX);
        let len = i64::try_from(end).unwrap_or(i64::MAX).saturating_sub(start);
        // A text kept as it is is cut in place; a packed one (short, see
        // `PACK_LIMIT`) is unpacked whole and cut here.
        let value = self
            .conn
            .prepare_cached(
                "SELECT s.title, CASE typeof(v.text) WHEN 'text' THEN substr(v.text, ?2 + 1, ?3) ELSE v.text END
                   FROM sources s JOIN source_versions v
                   ON v.source_key = s.key AND v.hash = s.hash WHERE s.id = ?1",
            )?
            .query_row(params![id, start, len.max(0)], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, rusqlite::types::Value>(1)?))
            })
            .optional()?;
        Ok(match value {
            None => None,
            Some((title, rusqlite::types::Value::Blob(b))) => {
                let text = unpack(rusqlite::types::Value::Blob(b))?;
                let skip = usize::try_from(start).unwrap_or(usize::MAX);
                let take = usize::try_from(len.max(0)).unwrap_or(usize::MAX);
                Some((title, text.chars().skip(skip).take(take).collect()))
            }
            Some((title, v)) => Some((title, unpack(v)?)),
        })
    }

    /// How many versions of a source the store keeps.
    pub fn source_version_count(&self, id: &str) -> Result<usize> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM source_versions
             WHERE source_key = (SELECT key FROM sources WHERE id = ?1)",
            [id],
            |r| r.get::<_, i64>(0),
        )? as usize)
    }

    /// (path, title) of every note, without their bodies.
    pub fn note_names(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT path, title FROM notes ORDER BY path")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The query of [`Store::sources_to_index`] (its plan is tested: it
    /// reads the partial index of migration 7, not every row).
    fn sources_to_index_sql() -> String {
        format!(
            "SELECT {SOURCE_COLUMNS} FROM sources
             WHERE indexed_hash IS NULL OR indexed_hash != hash ORDER BY id"
        )
    }

    /// Sources whose current text the index does not hold.
    pub fn sources_to_index(&self) -> Result<Vec<SourceRow>> {
        let mut stmt = self.conn.prepare(&Self::sources_to_index_sql())?;
        let rows = stmt
            .query_map([], source_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Notes whose current text the index does not hold (without reading
    /// every note's body on each save).
    pub fn notes_to_index(&self) -> Result<Vec<NoteRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT path, title, hash, body, file_stamp, indexed_hash FROM notes
             WHERE indexed_hash IS NULL OR indexed_hash != hash ORDER BY path",
        )?;
        let rows = stmt
            .query_map([], note_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    pub fn notes(&self) -> Result<Vec<NoteRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT path, title, hash, body, file_stamp, indexed_hash FROM notes ORDER BY path",
        )?;
        let rows = stmt
            .query_map([], note_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    pub fn note(&self, path: &str) -> Result<Option<NoteRow>> {
        Ok(self
            .conn
            .query_row(
                "SELECT path, title, hash, body, file_stamp, indexed_hash FROM notes WHERE path = ?1",
                [path],
                note_row,
            )
            .optional()?)
    }

    /// Wiki links of a note, in order.
    pub fn note_links(&self, path: &str) -> Result<Vec<NoteLink>> {
        let mut stmt = self.conn.prepare(
            "SELECT target, label, start, end FROM note_links WHERE note_path = ?1 ORDER BY start",
        )?;
        let rows = stmt
            .query_map([path], |r| {
                Ok(NoteLink {
                    target: r.get(0)?,
                    label: r.get(1)?,
                    start: r.get::<_, i64>(2)? as usize,
                    end: r.get::<_, i64>(3)? as usize,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Annotations of one source, or of all, in reading order.
    pub fn annotations(&self, source: Option<&str>) -> Result<Vec<AnnotationRow>> {
        match source {
            Some(s) => query_annotations(&self.conn, "WHERE source_id = ?1", &[&s]),
            None => query_annotations(&self.conn, "", &[]),
        }
    }

    pub fn annotation(&self, id: &str) -> Result<Option<AnnotationRow>> {
        Ok(query_annotations(&self.conn, "WHERE id = ?1", &[&id])?
            .into_iter()
            .next())
    }

    /// The id of the current version of a source.
    pub fn current_version(&self, source: &str) -> Result<Option<i64>> {
        current_version(&self.conn, source)
    }

    /// Every entity, by name, with aliases and mention counts.
    pub fn entities(&self) -> Result<Vec<EntityRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT e.id, e.kind, e.name, e.description, e.external_id,
                    (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id)
             FROM entities e ORDER BY e.name COLLATE NOCASE",
        )?;
        let mut rows = stmt
            .query_map([], |r| {
                Ok(EntityRow {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    name: r.get(2)?,
                    description: r.get(3)?,
                    external_id: r.get(4)?,
                    mentions: r.get::<_, i64>(5)? as usize,
                    aliases: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut al = self.conn.prepare_cached(
            "SELECT alias FROM entity_aliases WHERE entity_id = ?1 ORDER BY alias",
        )?;
        for row in &mut rows {
            row.aliases = al
                .query_map([row.id], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
        }
        Ok(rows)
    }

    /// The entity with this id, with its aliases, without counting its
    /// mentions (`mentions` is 0).
    pub fn entity_row(&self, id: i64) -> Result<Option<EntityRow>> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT id, kind, name, description, external_id FROM entities WHERE id = ?1",
            )?
            .query_row([id], unnumbered_entity)
            .optional()?;
        let Some(mut row) = row else {
            return Ok(None);
        };
        row.aliases = self
            .conn
            .prepare_cached("SELECT alias FROM entity_aliases WHERE entity_id = ?1 ORDER BY alias")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(Some(row))
    }

    /// The id of the entity whose name or an alias is exactly `name`.
    pub fn entity_id_named(&self, name: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id FROM entities WHERE name = ?1
                 UNION ALL SELECT entity_id FROM entity_aliases WHERE alias = ?1 LIMIT 1",
            )?
            .query_row([name], |r| r.get(0))
            .optional()?)
    }

    /// The mentions in one source or note, in no particular order (unlike
    /// [`Store::mentions`], one cached statement and no sorting).
    pub fn mentions_in(&self, kind: &str, target: &str) -> Result<Vec<MentionRow>> {
        let rows = self
            .conn
            // The kind and target as given: no look-up of the source's id.
            .prepare_cached(concat!(
                "SELECT m.entity_id, ?1, ?2, m.part, m.start, m.end, m.text FROM mentions m WHERE ",
                mention_target!()
            ))?
            .query_map(params![kind, target], mention_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Every entity with its aliases, by name, without counting its
    /// mentions (`mentions` is 0): finding an entity by name for a search.
    pub fn entities_unnumbered(&self) -> Result<Vec<EntityRow>> {
        let mut rows = self
            .conn
            .prepare_cached(
                "SELECT id, kind, name, description, external_id FROM entities
                 ORDER BY name COLLATE NOCASE",
            )?
            .query_map([], unnumbered_entity)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let at: HashMap<i64, usize> = rows.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        let mut aliases = self
            .conn
            .prepare_cached("SELECT entity_id, alias FROM entity_aliases ORDER BY alias")?;
        let mut found = aliases.query([])?;
        while let Some(r) = found.next()? {
            if let Some(&i) = at.get(&r.get::<_, i64>(0)?) {
                rows[i].aliases.push(r.get(1)?);
            }
        }
        Ok(rows)
    }

    /// Mentions of one entity, or in one target.
    pub fn mentions(
        &self,
        entity: Option<i64>,
        target: Option<(&str, &str)>,
    ) -> Result<Vec<MentionRow>> {
        let (sql, params): (&str, Vec<Box<dyn rusqlite::ToSql>>) = match (entity, target) {
            (Some(e), _) => ("WHERE m.entity_id = ?1", vec![Box::new(e)]),
            (None, Some((k, t))) => (
                concat!("WHERE ", mention_target!()),
                vec![Box::new(k.to_string()), Box::new(t.to_string())],
            ),
            (None, None) => ("", Vec::new()),
        };
        let mut stmt = self.conn.prepare(&format!(
            "{} {sql} ORDER BY kind DESC, target, m.start",
            select_mentions!()
        ))?;
        let refs: Vec<&dyn rusqlite::ToSql> = params.iter().map(|b| b.as_ref()).collect();
        let rows = stmt
            .query_map(refs.as_slice(), mention_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The (part, entity id) of every mention in one source or note.
    pub fn mention_parts(&self, kind: &str, target: &str) -> Result<Vec<(usize, i64)>> {
        let rows = self
            .conn
            .prepare_cached(concat!(
                "SELECT part, entity_id FROM mentions m WHERE ",
                mention_target!()
            ))?
            .query_map(params![kind, target], |r| {
                Ok((r.get::<_, i64>(0)? as usize, r.get(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Entities mentioned in the same passage or section as `entity`, with
    /// the number of passages they share, most first.
    pub fn cooccurring(&self, entity: i64) -> Result<Vec<(String, usize)>> {
        let mut stmt = self.conn.prepare(
            "SELECT e.name,
                    count(DISTINCT ifnull(m2.source_key, '') || '|' || ifnull(m2.note, '') || '|' || m2.part) AS n
             FROM mentions m1
             JOIN mentions m2 ON m2.source_key IS m1.source_key AND m2.note IS m1.note
                              AND m2.part = m1.part AND m2.entity_id != m1.entity_id
             JOIN entities e ON e.id = m2.entity_id
             WHERE m1.entity_id = ?1
             GROUP BY m2.entity_id ORDER BY n DESC, e.name",
        )?;
        let rows = stmt
            .query_map([entity], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Ids of annotations linked to an entity or whose span covers one of its mentions.
    pub fn annotations_of_entity(&self, entity: i64) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            // Each annotation's source's mentions (`+entity_id`: by target,
            // not by entity), so that the time grows with the annotations,
            // not with the entity's mentions (thousands for a common one).
            "SELECT annotation_id FROM annotation_entities WHERE entity_id = ?1
             UNION
             SELECT a.id FROM annotations a WHERE a.status != 'orphan' AND EXISTS
               (SELECT 1 FROM sources s JOIN mentions m ON m.source_key = s.key WHERE s.id = a.source_id
                   AND +m.entity_id = ?1 AND m.start >= a.start AND m.end <= a.end)",
        )?;
        let rows = stmt
            .query_map([entity], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(rows)
    }

    /// Whether a folded name was rejected as a suggestion.
    pub fn rejected(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT name FROM rejected_suggestions")?;
        let rows = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(rows)
    }

    /// The mentions hash of each source and note: (kind, id, text hash, mentions hash).
    pub fn mention_states(&self) -> Result<Vec<MentionState>> {
        let mut stmt = self.conn.prepare(
            "SELECT 'source', id, hash, mentions_hash FROM sources
             UNION ALL SELECT 'note', path, hash, mentions_hash FROM notes",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, hash_req(r, 2)?, hash_at(r, 3)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The quotes and dates state of every source, or of one.
    pub fn derived_states(&self, only: Option<&str>) -> Result<Vec<DerivedState>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, hash, published, quotes_hash, dates_hash FROM sources
             WHERE ?1 IS NULL OR id = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([only], |r| {
                Ok((
                    r.get(0)?,
                    hash_req(r, 1)?,
                    r.get(2)?,
                    hash_at(r, 3)?,
                    hash_at(r, 4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Quotes of one source or of all, in source and reading order.
    pub fn quotes(&self, source: Option<&str>) -> Result<Vec<QuoteRow>> {
        // One source's by its key (`quotes_by_source`), or every source's.
        let mut stmt = self.conn.prepare_cached(if source.is_some() {
            "SELECT s.id, q.start, q.end, q.kind, q.cue, q.speaker, q.speaker_start,
                    q.speaker_end, q.speaker_kind, q.entity_id, q.passage
             FROM sources s JOIN quotes q ON q.source_key = s.key
             WHERE s.id = ?1 ORDER BY q.start, q.end"
        } else {
            "SELECT s.id, q.start, q.end, q.kind, q.cue, q.speaker, q.speaker_start,
                    q.speaker_end, q.speaker_kind, q.entity_id, q.passage
             FROM sources s JOIN quotes q ON q.source_key = s.key
             WHERE ?1 IS NULL ORDER BY s.id, q.start, q.end"
        })?;
        let rows = stmt
            .query_map([source], |r| {
                Ok(QuoteRow {
                    source: r.get(0)?,
                    start: r.get::<_, i64>(1)? as usize,
                    end: r.get::<_, i64>(2)? as usize,
                    kind: r.get(3)?,
                    cue: r.get(4)?,
                    speaker: r.get(5)?,
                    speaker_start: r.get::<_, Option<i64>>(6)?.map(|v| v as usize),
                    speaker_end: r.get::<_, Option<i64>>(7)?.map(|v| v as usize),
                    speaker_kind: r.get(8)?,
                    entity_id: r.get(9)?,
                    passage: r.get::<_, i64>(10)? as usize,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Dates of one source or of all, in source and reading order.
    pub fn dates(&self, source: Option<&str>) -> Result<Vec<DateRow>> {
        // One source's by its key (`dates_by_source`), or every source's.
        let mut stmt = self.conn.prepare_cached(if source.is_some() {
            "SELECT s.id, d.start, d.end, d.text, d.value, d.granularity, d.relative, d.passage
             FROM sources s JOIN dates d ON d.source_key = s.key
             WHERE s.id = ?1 ORDER BY d.start, d.end"
        } else {
            "SELECT s.id, d.start, d.end, d.text, d.value, d.granularity, d.relative, d.passage
             FROM sources s JOIN dates d ON d.source_key = s.key
             WHERE ?1 IS NULL ORDER BY s.id, d.start, d.end"
        })?;
        let rows = stmt
            .query_map([source], |r| {
                Ok(DateRow {
                    source: r.get(0)?,
                    start: r.get::<_, i64>(1)? as usize,
                    end: r.get::<_, i64>(2)? as usize,
                    text: r.get(3)?,
                    value: r.get(4)?,
                    granularity: r.get(5)?,
                    relative: r.get::<_, i64>(6)? != 0,
                    passage: r.get::<_, i64>(7)? as usize,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// One source's or note's mention state (`kind` "source" or "note").
    pub fn mention_state(&self, kind: &str, target: &str) -> Result<Option<MentionState>> {
        let sql = if kind == "source" {
            "SELECT 'source', id, hash, mentions_hash FROM sources WHERE id = ?1"
        } else {
            "SELECT 'note', path, hash, mentions_hash FROM notes WHERE path = ?1"
        };
        Ok(self
            .conn
            .query_row(sql, [target], |r| {
                Ok((r.get(0)?, r.get(1)?, hash_req(r, 2)?, hash_at(r, 3)?))
            })
            .optional()?)
    }

    /// An entity's name.
    pub fn entity_name(&self, id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT name FROM entities WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// The stamp under which a notebook file was last taken in.
    pub fn taken_stamp(&self, path: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT stamp FROM taken_files WHERE path = ?1",
                [path],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Marks annotations as present in the search index, after the index commit.
    pub fn mark_annotations_indexed(&mut self, done: &[(String, String)]) -> Result<()> {
        self.transaction(|tx| {
            for (id, hash) in done {
                tx.tx.execute(
                    "UPDATE annotations SET indexed_hash = ?2 WHERE id = ?1",
                    params![id, hash],
                )?;
            }
            Ok(())
        })
    }

    /// Marks content as present in the search index, after the index commit.
    pub fn mark_indexed(
        &mut self,
        sources: &[(String, String)],
        notes: &[(String, String)],
    ) -> Result<()> {
        self.transaction(|tx| {
            let mut update = tx
                .tx
                .prepare_cached("UPDATE sources SET indexed_hash = ?2 WHERE id = ?1")?;
            for (id, hash) in sources {
                update.execute(params![id, Hash(hash)])?;
            }
            let mut update = tx
                .tx
                .prepare_cached("UPDATE notes SET indexed_hash = ?2 WHERE path = ?1")?;
            for (path, hash) in notes {
                update.execute(params![path, hash])?;
            }
            Ok(())
        })
    }

    /// Forgets what the index holds (before a rebuild).
    pub fn clear_indexed(&mut self) -> Result<()> {
        self.transaction(|tx| {
            tx.tx
                .execute("UPDATE sources SET indexed_hash = NULL", [])?;
            tx.tx.execute("UPDATE notes SET indexed_hash = NULL", [])?;
            tx.tx
                .execute("UPDATE annotations SET indexed_hash = NULL", [])?;
            Ok(())
        })
    }
}

/// A source new to the store, with what was found on it (see
/// [`Tx::insert_new_source`]).
pub struct NewSourceRows<'a> {
    pub row: &'a SourceRow,
    pub text: &'a str,
    pub packed: &'a PackedText,
    pub mentions: &'a [MentionRow],
    pub mentions_hash: &'a str,
    pub quotes: &'a [QuoteRow],
    pub quotes_hash: &'a str,
    pub dates: &'a [DateRow],
    pub dates_hash: &'a str,
}

/// A write transaction on the store.
pub struct Tx<'a> {
    tx: &'a rusqlite::Transaction<'a>,
}

impl Tx<'_> {
    /// Inserts a new source with its first version.
    pub fn insert_source(&self, row: &SourceRow, text: &str) -> Result<()> {
        self.insert_source_row(row)?;
        self.add_version(&row.id, &row.hash, text)
    }

    fn insert_source_row(&self, row: &SourceRow) -> Result<()> {
        self.tx.prepare_cached(
            "INSERT INTO sources (id, title, outlet, author, published, url, path, format, hash, passages, file_stamp)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?.execute(params![
                row.id, row.title, row.outlet, row.author, row.published, row.url,
                stored_path(&row.id, &row.path), row.format, Hash(&row.hash), row.passages as i64,
                row.file_stamp
            ])?;
        Ok(())
    }

    /// Inserts a source new to the store with its first version (packed
    /// already) and the mentions, quotes and dates found on it before the
    /// transaction: the rows [`Tx::insert_source`], then
    /// [`Tx::set_mentions`], [`Tx::set_quotes`] and [`Tx::set_dates`] would
    /// leave, written without looking for rows to replace (a new source has
    /// none) or updating the source's row again. Returns the source's key.
    pub fn insert_new_source(&self, new: &NewSourceRows<'_>) -> Result<i64> {
        let row = new.row;
        self.tx.prepare_cached(
            "INSERT INTO sources (id, title, outlet, author, published, url, path, format, hash, passages, file_stamp,
                                  mentions_hash, quotes_hash, dates_hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?.execute(params![
                row.id, row.title, row.outlet, row.author, row.published, row.url,
                stored_path(&row.id, &row.path), row.format, Hash(&row.hash), row.passages as i64,
                row.file_stamp, Hash(new.mentions_hash), Hash(new.quotes_hash), Hash(new.dates_hash)
            ])?;
        let key = self.tx.last_insert_rowid();
        let version = "INSERT OR IGNORE INTO source_versions (source_key, hash, text) VALUES (?1, ?2, ?3)";
        match &new.packed.0 {
            Some(bytes) => self.tx.prepare_cached(version)?.execute(params![key, Hash(&row.hash), bytes.as_slice()])?,
            None => self.tx.prepare_cached(version)?.execute(params![key, Hash(&row.hash), new.text])?,
        };
        self.insert_mentions(Some(key), None, new.mentions)?;
        self.insert_quotes(Some(key), new.quotes)?;
        self.insert_dates(Some(key), new.dates)?;
        Ok(key)
    }

    /// Records a changed source: its metadata and a new version (old versions are kept).
    pub fn update_source(&self, row: &SourceRow, text: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE sources SET title = ?2, outlet = ?3, author = ?4, published = ?5, url = ?6,
                 path = ?7, format = ?8, hash = ?9, passages = ?10, file_stamp = ?11 WHERE id = ?1",
            params![
                row.id,
                row.title,
                row.outlet,
                row.author,
                row.published,
                row.url,
                stored_path(&row.id, &row.path),
                row.format,
                Hash(&row.hash),
                row.passages as i64,
                row.file_stamp
            ],
        )?;
        self.add_version(&row.id, &row.hash, text)
    }

    fn add_version(&self, id: &str, hash: &str, text: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT OR IGNORE INTO source_versions (source_key, hash, text)
                 SELECT key, ?2, ?3 FROM sources WHERE id = ?1",
            )?
            .execute(params![id, Hash(hash), pack(text)])?;
        Ok(())
    }

    /// Deletes a source and its versions, unless annotations were made on it
    /// (those are never dropped silently). Returns whether it was deleted.
    pub fn delete_source(&self, id: &str) -> Result<bool> {
        let n = self.tx.execute(
            "DELETE FROM sources WHERE id = ?1
               AND NOT EXISTS (SELECT 1 FROM annotations WHERE source_id = ?1)",
            [id],
        )?;
        Ok(n > 0)
    }

    /// Records the file stamp of a source whose text did not change.
    pub fn set_source_stamp(&self, id: &str, stamp: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE sources SET file_stamp = ?2 WHERE id = ?1",
            params![id, stamp],
        )?;
        Ok(())
    }

    /// Records the file stamp of a note whose text did not change.
    pub fn set_note_stamp(&self, path: &str, stamp: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE notes SET file_stamp = ?2 WHERE path = ?1",
            params![path, stamp],
        )?;
        Ok(())
    }

    /// Inserts or replaces a note and its links.
    pub fn upsert_note(&self, row: &NoteRow, links: &[NoteLink], now: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO notes (path, title, hash, body, updated_at, file_stamp) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(path) DO UPDATE SET title = excluded.title, hash = excluded.hash,
                 body = excluded.body, updated_at = excluded.updated_at, file_stamp = excluded.file_stamp",
            params![row.path, row.title, row.hash, row.body, now, row.file_stamp],
        )?;
        self.tx
            .execute("DELETE FROM note_links WHERE note_path = ?1", [&row.path])?;
        for link in links {
            self.tx.execute(
                "INSERT INTO note_links (note_path, target, label, start, end) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![row.path, link.target, link.label, link.start as i64, link.end as i64],
            )?;
        }
        Ok(())
    }

    /// Annotations of one source, in reading order.
    pub fn annotations_of(&self, source: &str) -> Result<Vec<AnnotationRow>> {
        query_annotations(self.tx, "WHERE source_id = ?1", &[&source])
    }

    /// The id of the current version of a source.
    pub fn current_version(&self, source: &str) -> Result<Option<i64>> {
        current_version(self.tx, source)
    }

    /// Inserts an annotation with its tags and entity links; with
    /// `or_ignore`, an annotation whose id exists already is left as it is.
    pub fn insert_annotation(&self, a: &AnnotationRow, or_ignore: bool) -> Result<bool> {
        let verb = if or_ignore {
            "INSERT OR IGNORE"
        } else {
            "INSERT"
        };
        let n = self.tx.execute(
            &format!(
                "{verb} INTO annotations (id, source_id, version_id, exact, prefix, suffix, start, end,
                    status, score, color, comment, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
            ),
            params![
                a.id, a.source_id, a.version_id, a.exact, a.prefix, a.suffix, a.start as i64,
                a.end as i64, a.status, a.score, a.color, a.comment, a.created_at, a.updated_at
            ],
        )?;
        if n > 0 {
            self.set_annotation_links(a)?;
        }
        Ok(n > 0)
    }

    /// Writes every field of an existing annotation.
    pub fn update_annotation(&self, a: &AnnotationRow) -> Result<()> {
        let n = self.tx.execute(
            "UPDATE annotations SET version_id = ?2, exact = ?3, prefix = ?4, suffix = ?5, start = ?6,
                 end = ?7, status = ?8, score = ?9, color = ?10, comment = ?11, updated_at = ?12
             WHERE id = ?1",
            params![
                a.id, a.version_id, a.exact, a.prefix, a.suffix, a.start as i64, a.end as i64,
                a.status, a.score, a.color, a.comment, a.updated_at
            ],
        )?;
        if n == 0 {
            return Err(Error::NotFound {
                what: "annotation",
                id: a.id.clone(),
            });
        }
        self.set_annotation_links(a)
    }

    fn set_annotation_links(&self, a: &AnnotationRow) -> Result<()> {
        self.tx.execute(
            "DELETE FROM annotation_tags WHERE annotation_id = ?1",
            [&a.id],
        )?;
        for t in &a.tags {
            self.tx.execute(
                "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag) VALUES (?1, ?2)",
                params![a.id, t],
            )?;
        }
        self.tx.execute(
            "DELETE FROM annotation_entities WHERE annotation_id = ?1",
            [&a.id],
        )?;
        for e in &a.entities {
            self.tx.execute(
                "INSERT OR IGNORE INTO annotation_entities (annotation_id, entity_id) VALUES (?1, ?2)",
                params![a.id, e],
            )?;
        }
        Ok(())
    }

    /// Records where an annotation now stands.
    pub fn set_anchor(
        &self,
        id: &str,
        start: usize,
        end: usize,
        status: &str,
        score: Option<f64>,
        version_id: Option<i64>,
    ) -> Result<()> {
        self.tx.execute(
            "UPDATE annotations SET start = ?2, end = ?3, status = ?4, score = ?5, version_id = ?6 WHERE id = ?1",
            params![id, start as i64, end as i64, status, score, version_id],
        )?;
        Ok(())
    }

    pub fn delete_annotation(&self, id: &str) -> Result<bool> {
        Ok(self
            .tx
            .execute("DELETE FROM annotations WHERE id = ?1", [id])?
            > 0)
    }

    /// Inserts an entity with its aliases; returns its id. With `or_ignore`,
    /// an entity of that name that exists already is left alone (None).
    pub fn insert_entity(&self, e: &EntityRow, now: &str, or_ignore: bool) -> Result<Option<i64>> {
        let verb = if or_ignore {
            "INSERT OR IGNORE"
        } else {
            "INSERT"
        };
        let n = self.tx.execute(
            &format!(
                "{verb} INTO entities (kind, name, description, external_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)"
            ),
            params![e.kind, e.name, e.description, e.external_id, now],
        )?;
        if n == 0 {
            return Ok(None);
        }
        let id = self.tx.last_insert_rowid();
        self.set_aliases(id, &e.aliases)?;
        Ok(Some(id))
    }

    /// Writes an entity's fields and aliases.
    pub fn update_entity(&self, e: &EntityRow, now: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE entities SET kind = ?2, name = ?3, description = ?4, external_id = ?5, updated_at = ?6 WHERE id = ?1",
            params![e.id, e.kind, e.name, e.description, e.external_id, now],
        )?;
        self.set_aliases(e.id, &e.aliases)
    }

    fn set_aliases(&self, id: i64, aliases: &[String]) -> Result<()> {
        self.tx
            .execute("DELETE FROM entity_aliases WHERE entity_id = ?1", [id])?;
        for a in aliases {
            self.tx.execute(
                "INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES (?1, ?2)",
                params![id, a],
            )?;
        }
        Ok(())
    }

    pub fn delete_entity(&self, id: i64) -> Result<()> {
        // Its mentions go with it (ON DELETE CASCADE): the texts that
        // mention it are indexed again without it.
        self.unindex_mentioning(id)?;
        self.tx
            .execute("DELETE FROM entities WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Moves every link and mention of `other` to `keep`.
    pub fn move_entity_links(&self, other: i64, keep: i64) -> Result<()> {
        self.unindex_mentioning(other)?;
        self.tx.execute(
            "INSERT OR IGNORE INTO annotation_entities (annotation_id, entity_id)
             SELECT annotation_id, ?2 FROM annotation_entities WHERE entity_id = ?1",
            params![other, keep],
        )?;
        self.tx.execute(
            "DELETE FROM annotation_entities WHERE entity_id = ?1",
            [other],
        )?;
        self.tx.execute(
            "UPDATE mentions SET entity_id = ?2 WHERE entity_id = ?1",
            params![other, keep],
        )?;
        Ok(())
    }

    /// Replaces the mentions in one target and records the hash they were found under.
    pub fn set_mentions(
        &self,
        kind: &str,
        target: &str,
        rows: &[MentionRow],
        hash: &str,
    ) -> Result<bool> {
        // Which entities each part mentions, before and after: when that
        // changes, the target's index documents (which carry the entity ids
        // for `entity:`) must be written again. The old rows come back from
        // the DELETE itself.
        // A source's mentions hold its key, a note's its path (when the
        // source is gone, both are NULL: nothing is deleted, and an insert
        // fails the table's CHECK).
        let (key, note) = if kind == "source" {
            (self.source_key(target)?, None)
        } else {
            (None, Some(target))
        };
        let mut before: Vec<(usize, i64)> = self
            .tx
            .prepare_cached(
                "DELETE FROM mentions WHERE source_key IS ?1 AND note IS ?2
                 RETURNING part, entity_id",
            )?
            .query_map(params![key, note], |r| {
                Ok((r.get::<_, i64>(0)? as usize, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut after: Vec<(usize, i64)> = rows.iter().map(|m| (m.part, m.entity_id)).collect();
        for v in [&mut before, &mut after] {
            v.sort_unstable();
            v.dedup();
        }
        self.insert_mentions(key, note, rows)?;
        let sql = if kind == "source" {
            "UPDATE sources SET mentions_hash = ?2 WHERE id = ?1"
        } else {
            "UPDATE notes SET mentions_hash = ?2 WHERE path = ?1"
        };
        self.tx
            .prepare_cached(sql)?
            .execute(params![target, Hash(hash)])?;
        Ok(before != after && self.unindex(kind, target)?)
    }

    /// Adds the mention rows of the source of `key` or of `note`.
    fn insert_mentions(&self, key: Option<i64>, note: Option<&str>, rows: &[MentionRow]) -> Result<()> {
        let mut ins = self.tx.prepare_cached(
            "INSERT INTO mentions (entity_id, source_key, note, part, start, end, text)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for m in rows {
            ins.execute(params![
                m.entity_id,
                key,
                note,
                m.part as i64,
                m.start as i64,
                m.end as i64,
                m.text
            ])?;
        }
        Ok(())
    }

    /// Marks a source or note as not indexed as it stands (its documents are
    /// written again by the next `index_pending`); false when it was not
    /// indexed anyway.
    fn unindex(&self, kind: &str, target: &str) -> Result<bool> {
        let sql = if kind == "source" {
            "UPDATE sources SET indexed_hash = NULL WHERE id = ?1 AND indexed_hash IS NOT NULL"
        } else {
            "UPDATE notes SET indexed_hash = NULL WHERE path = ?1 AND indexed_hash IS NOT NULL"
        };
        Ok(self.tx.prepare_cached(sql)?.execute([target])? > 0)
    }

    /// Marks every source and note that mentions `entity` as not indexed
    /// (before its mentions are deleted or moved to another entity).
    fn unindex_mentioning(&self, entity: i64) -> Result<()> {
        self.tx.execute(
            "UPDATE sources SET indexed_hash = NULL WHERE key IN
               (SELECT source_key FROM mentions WHERE entity_id = ?1)",
            [entity],
        )?;
        self.tx.execute(
            "UPDATE notes SET indexed_hash = NULL WHERE path IN
               (SELECT note FROM mentions WHERE entity_id = ?1)",
            [entity],
        )?;
        Ok(())
    }

    /// The integer key that a source's versions, quotes and dates refer to
    /// it by; `None` when there is no such source (then rows written with
    /// it fail the NOT NULL constraint, as they failed the foreign key when
    /// they referred to the text id).
    fn source_key(&self, id: &str) -> Result<Option<i64>> {
        Ok(self
            .tx
            .prepare_cached("SELECT key FROM sources WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    /// Replaces the quotes of one source and records the hash they were found under.
    pub fn set_quotes(&self, source: &str, rows: &[QuoteRow], hash: &str) -> Result<()> {
        let key = self.source_key(source)?;
        self.tx
            .prepare_cached("DELETE FROM quotes WHERE source_key = ?1")?
            .execute([key])?;
        self.insert_quotes(key, rows)?;
        self.tx
            .prepare_cached("UPDATE sources SET quotes_hash = ?2 WHERE id = ?1")?
            .execute(params![source, Hash(hash)])?;
        Ok(())
    }

    /// Adds the quote rows of the source of `key`.
    fn insert_quotes(&self, key: Option<i64>, rows: &[QuoteRow]) -> Result<()> {
        let mut ins = self.tx.prepare_cached(
            "INSERT INTO quotes (source_key, start, end, kind, cue, speaker, speaker_start,
                                 speaker_end, speaker_kind, entity_id, passage)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for q in rows {
            ins.execute(params![
                key,
                q.start as i64,
                q.end as i64,
                q.kind,
                q.cue,
                q.speaker,
                q.speaker_start.map(|v| v as i64),
                q.speaker_end.map(|v| v as i64),
                q.speaker_kind,
                q.entity_id,
                q.passage as i64
            ])?;
        }
        Ok(())
    }

    /// Replaces the dates of one source and records the hash they were found under.
    pub fn set_dates(&self, source: &str, rows: &[DateRow], hash: &str) -> Result<()> {
        let key = self.source_key(source)?;
        self.tx
            .prepare_cached("DELETE FROM dates WHERE source_key = ?1")?
            .execute([key])?;
        self.insert_dates(key, rows)?;
        self.tx
            .prepare_cached("UPDATE sources SET dates_hash = ?2 WHERE id = ?1")?
            .execute(params![source, Hash(hash)])?;
        Ok(())
    }

    /// Adds the date rows of the source of `key`.
    fn insert_dates(&self, key: Option<i64>, rows: &[DateRow]) -> Result<()> {
        let mut ins = self.tx.prepare_cached(
            "INSERT INTO dates (source_key, start, end, text, value, granularity, relative, passage)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for d in rows {
            ins.execute(params![
                key,
                d.start as i64,
                d.end as i64,
                d.text,
                d.value,
                d.granularity,
                i64::from(d.relative),
                d.passage as i64
            ])?;
        }
        Ok(())
    }

    pub fn reject(&self, folded: &str) -> Result<()> {
        self.tx.execute(
            "INSERT OR IGNORE INTO rejected_suggestions (name) VALUES (?1)",
            [folded],
        )?;
        Ok(())
    }

    /// Records that a notebook file was taken in under this stamp.
    pub fn set_taken(&self, path: &str, stamp: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO taken_files (path, stamp) VALUES (?1, ?2)
             ON CONFLICT(path) DO UPDATE SET stamp = excluded.stamp",
            params![path, stamp],
        )?;
        Ok(())
    }

    pub fn delete_note(&self, path: &str) -> Result<()> {
        self.tx
            .execute("DELETE FROM notes WHERE path = ?1", [path])?;
        Ok(())
    }
}

const SOURCE_COLUMNS: &str =
    "id, title, outlet, author, published, url, COALESCE(path, 'sources/' || id || '.md'), format, hash, passages, file_stamp, indexed_hash";

fn source_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SourceRow> {
    Ok(SourceRow {
        id: r.get(0)?,
        title: r.get(1)?,
        outlet: r.get(2)?,
        author: r.get(3)?,
        published: r.get(4)?,
        url: r.get(5)?,
        path: r.get(6)?,
        format: r.get(7)?,
        hash: hash_req(r, 8)?,
        passages: r.get::<_, i64>(9)? as usize,
        file_stamp: r.get(10)?,
        indexed_hash: hash_at(r, 11)?,
    })
}

fn note_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<NoteRow> {
    Ok(NoteRow {
        path: r.get(0)?,
        title: r.get(1)?,
        hash: r.get(2)?,
        body: r.get(3)?,
        file_stamp: r.get(4)?,
        indexed_hash: r.get(5)?,
    })
}

/// The id of the current version of a source (the version whose hash the source row has).
fn current_version(conn: &Connection, source: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT v.id FROM sources s JOIN source_versions v
               ON v.source_key = s.key AND v.hash = s.hash WHERE s.id = ?1",
            [source],
            |r| r.get(0),
        )
        .optional()?)
}

fn corrupt(path: &Path, e: rusqlite::Error) -> Error {
    Error::Corrupt {
        path: path.to_path_buf(),
        reason: format!("the store cannot be read ({e}); it was left untouched"),
    }
}

/// The store's application id, schema version and whether it has no table
/// yet, read together (one snapshot: a process creating the store commits
/// all three at once).
fn read_identity(conn: &Connection) -> rusqlite::Result<(i32, i64, bool)> {
    conn.query_row(
        "SELECT (SELECT application_id FROM pragma_application_id), \
                (SELECT user_version FROM pragma_user_version), \
                (SELECT count(*) FROM sqlite_master) = 0",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// Refuses a database that belongs to something else, or to a newer Dossier.
fn check_identity(path: &Path, app_id: i32, version: i64, empty: bool) -> Result<()> {
    let new = app_id == 0 && version == 0 && empty;
    if app_id != APPLICATION_ID && !new {
        return Err(Error::Corrupt {
            path: path.to_path_buf(),
            reason: "this file is not a Dossier store (another program's SQLite database); it was left untouched".into(),
        });
    }
    if version > schema_version() {
        return Err(Error::Corrupt {
            path: path.to_path_buf(),
            reason: format!(
                "the store has schema version {version}, newer than this build knows ({}); use a newer Dossier",
                schema_version()
            ),
        });
    }
    Ok(())
}

/// SQLite's "busy" or "locked" after the wait: the notebook is busy (in
/// words); anything else as it is.
fn busy_or(path: &Path, e: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode::{DatabaseBusy, DatabaseCorrupt, DatabaseLocked, NotADatabase};
    match &e {
        rusqlite::Error::SqliteFailure(f, _) if matches!(f.code, DatabaseBusy | DatabaseLocked) => {
            Error::Busy
        }
        rusqlite::Error::SqliteFailure(f, _) if matches!(f.code, DatabaseCorrupt | NotADatabase) => {
            Error::from(e)
        }
        _ => corrupt(path, e),
    }
}

/// Runs `f` again while SQLite answers busy (a statement the busy handler
/// does not cover, such as switching the journal mode), up to `wait`.
fn retry_busy<T>(wait: Duration, mut f: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked};
    let until = std::time::Instant::now() + wait;
    loop {
        match f() {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(e.code, DatabaseBusy | DatabaseLocked)
                    && std::time::Instant::now() < until =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

/// Refuses a non-empty file that does not start with SQLite's header.
fn check_header(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut head = [0u8; 16];
    let n = f.read(&mut head).map_err(|e| Error::io(path, e))?;
    if n == 0 {
        return Ok(());
    }
    if n < 16 || &head != b"SQLite format 3\0" {
        return Err(Error::Corrupt {
            path: path.to_path_buf(),
            reason:
                "this file is not an SQLite database (damaged or foreign); it was left untouched"
                    .into(),
        });
    }
    Ok(())
}

/// A mention row read as `entity_id, target_kind, target, part, start, end, text`.
fn mention_row(r: &rusqlite::Row) -> rusqlite::Result<MentionRow> {
    Ok(MentionRow {
        entity_id: r.get(0)?,
        target_kind: r.get(1)?,
        target: r.get(2)?,
        part: r.get::<_, i64>(3)? as usize,
        start: r.get::<_, i64>(4)? as usize,
        end: r.get::<_, i64>(5)? as usize,
        text: r.get(6)?,
    })
}

/// An entity row of `SELECT id, kind, name, description, external_id`,
/// its mentions not counted (0) and its aliases not read.
fn unnumbered_entity(r: &rusqlite::Row<'_>) -> rusqlite::Result<EntityRow> {
    Ok(EntityRow {
        id: r.get(0)?,
        kind: r.get(1)?,
        name: r.get(2)?,
        description: r.get(3)?,
        external_id: r.get(4)?,
        mentions: 0,
        aliases: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of every table a new source writes, in rowid order.
    fn rows(store: &Store) -> Vec<(String, Vec<Vec<rusqlite::types::Value>>)> {
        ["sources", "source_versions", "mentions", "quotes", "dates"]
            .into_iter()
            .map(|t| {
                let mut stmt = store
                    .conn
                    .prepare(&format!("SELECT * FROM {t} ORDER BY rowid"))
                    .unwrap();
                let n = stmt.column_count();
                let all = stmt
                    .query_map([], |r| {
                        (0..n)
                            .map(|i| r.get::<_, rusqlite::types::Value>(i))
                            .collect()
                    })
                    .unwrap()
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .unwrap();
                (t.to_string(), all)
            })
            .collect()
    }

    #[test]
    fn the_sources_to_index_are_found_without_reading_every_row() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("dossier.db")).unwrap();
        let plan: Vec<String> = store
            .conn
            .prepare(&format!(
                "EXPLAIN QUERY PLAN {}",
                Store::sources_to_index_sql()
            ))
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let plan = plan.join("; ");
        assert!(plan.contains("USING INDEX sources_to_index"), "{plan}");
    }

    /// A new source written at once ([`Tx::insert_new_source`], its text
    /// packed ahead) leaves the rows its insert and then the replacement of
    /// its mentions, quotes and dates leave, byte for byte: texts too short
    /// to pack, texts packing makes smaller, texts it does not, and texts
    /// past the packing limit.
    #[test]
    fn a_new_source_written_at_once_leaves_the_same_rows() {
        let dir = tempfile::tempdir().unwrap();
        let mut one = Store::open(&dir.path().join("one.db")).unwrap();
        let mut other = Store::open(&dir.path().join("other.db")).unwrap();
        let texts = [
            "Short.".to_string(),
            "Ministers met in Geneva. «Talks went well», she said — twice.".repeat(20),
            // Too short for packing to gain (every character new).
            "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH".to_string(),
            "A long text kept as it is. ".repeat(PACK_LIMIT / 20),
        ];
        let row = |i: usize, text: &str| SourceRow {
            id: format!("s{i}"),
            title: format!("Source {i}"),
            outlet: Some("Outlet".into()),
            author: None,
            published: Some("2024-05-01".into()),
            url: None,
            path: format!("sources/s{i}.md"),
            format: "text".into(),
            hash: crate::text::hash(text),
            passages: 1,
            file_stamp: Some(format!("{i}:1")),
            indexed_hash: None,
        };
        let entity = EntityRow {
            id: 0,
            kind: "person".into(),
            name: "Jane Doe".into(),
            aliases: Vec::new(),
            description: None,
            external_id: None,
            mentions: 0,
        };
        let mentions = |i: usize| -> Vec<MentionRow> {
            (0..i)
                .map(|k| MentionRow {
                    entity_id: 1,
                    target_kind: "source".into(),
                    target: format!("s{i}"),
                    part: 0,
                    start: k,
                    end: k + 3,
                    text: "Doe".into(),
                })
                .collect()
        };
        let quotes = |i: usize| -> Vec<QuoteRow> {
            (0..i)
                .map(|k| QuoteRow {
                    source: format!("s{i}"),
                    start: k,
                    end: k + 5,
                    kind: "direct".into(),
                    cue: Some("said".into()),
                    speaker: (k % 2 == 0).then(|| "Jane Doe".into()),
                    speaker_start: Some(k + 6),
                    speaker_end: None,
                    speaker_kind: Some("named".into()),
                    entity_id: (k % 2 == 0).then_some(1),
                    passage: 0,
                })
                .collect()
        };
        let dates = |i: usize| -> Vec<DateRow> {
            (0..i + 1)
                .map(|k| DateRow {
                    source: format!("s{i}"),
                    start: k,
                    end: k + 4,
                    text: "2024".into(),
                    value: Some("2024".into()),
                    granularity: "year".into(),
                    relative: k == 1,
                    passage: 0,
                })
                .collect()
        };
        let hash = |what: &str, i: usize| crate::text::hash(&format!("{what}{i}"));
        one.transaction(|tx| {
            tx.insert_entity(&entity, "now", false)?;
            for (i, t) in texts.iter().enumerate() {
                tx.insert_source(&row(i, t), t)?;
            }
            for i in 0..texts.len() {
                tx.set_mentions("source", &format!("s{i}"), &mentions(i), &hash("m", i))?;
            }
            for i in 0..texts.len() {
                tx.set_quotes(&format!("s{i}"), &quotes(i), &hash("q", i))?;
                tx.set_dates(&format!("s{i}"), &dates(i), &hash("d", i))?;
            }
            Ok(())
        })
        .unwrap();
        other
            .transaction(|tx| {
                tx.insert_entity(&entity, "now", false)?;
                for (i, t) in texts.iter().enumerate() {
                    let (m, q, d) = (hash("m", i), hash("q", i), hash("d", i));
                    tx.insert_new_source(&NewSourceRows {
                        row: &row(i, t),
                        text: t,
                        packed: &pack_text(t),
                        mentions: &mentions(i),
                        mentions_hash: &m,
                        quotes: &quotes(i),
                        quotes_hash: &q,
                        dates: &dates(i),
                        dates_hash: &d,
                    })?;
                }
                Ok(())
            })
            .unwrap();
        let (a, b) = (rows(&one), rows(&other));
        assert_eq!(a, b);
        // Both ways of keeping a text were taken, and every table has rows.
        let kinds: Vec<&str> = a[1]
            .1
            .iter()
            .map(|r| match r.last() {
                Some(rusqlite::types::Value::Blob(_)) => "packed",
                Some(rusqlite::types::Value::Text(_)) => "as is",
                _ => "other",
            })
            .collect();
        assert_eq!(kinds, ["as is", "packed", "as is", "as is"]);
        assert!(a.iter().all(|(_, rows)| !rows.is_empty()), "{a:?}");
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(
                other.source_text(&format!("s{i}")).unwrap().as_deref(),
                Some(t.as_str())
            );
        }
    }
}
