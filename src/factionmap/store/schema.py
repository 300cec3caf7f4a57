"""The store's schema as named migrations, applied once each, in order.

A migration is a name and a function of a connection.  The ``migrations``
table records which have run; :func:`migrate` applies the missing ones, each
in its own transaction.  New schema changes are appended, never edited.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone

__all__ = ["MIGRATIONS", "migrate", "applied_migrations"]

Migration = Callable[[sqlite3.Connection], None]

_V1 = """
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    name TEXT, url TEXT, title TEXT, author TEXT, published TEXT, source TEXT, language TEXT,
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    duplicate_of TEXT REFERENCES documents(id),
    skipped TEXT,
    errors TEXT NOT NULL DEFAULT '[]',
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_url ON documents(url);
CREATE INDEX documents_hash ON documents(content_hash);
CREATE INDEX documents_published ON documents(published);
CREATE TABLE sections (
    document TEXT NOT NULL REFERENCES documents(id),
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    author TEXT, published TEXT,
    PRIMARY KEY (document, idx)
);
CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL, country TEXT, sector TEXT, code TEXT,
    kind TEXT NOT NULL DEFAULT 'organisation',
    known INTEGER NOT NULL DEFAULT 1,
    affiliations TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE document_actors (
    document TEXT NOT NULL REFERENCES documents(id),
    actor TEXT NOT NULL REFERENCES actors(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (document, actor)
);
CREATE TABLE mentions (
    document TEXT NOT NULL REFERENCES documents(id),
    actor TEXT NOT NULL REFERENCES actors(id),
    section TEXT,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, rule TEXT, confidence REAL,
    PRIMARY KEY (document, actor, start, "end")
);
CREATE INDEX mentions_actor ON mentions(actor);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    document TEXT NOT NULL REFERENCES documents(id),
    idx INTEGER NOT NULL,
    type TEXT NOT NULL, mode TEXT, context TEXT,
    negated INTEGER NOT NULL, hedged INTEGER NOT NULL, hypothetical INTEGER NOT NULL,
    section TEXT NOT NULL, asserted_by TEXT NOT NULL,
    trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger_text TEXT NOT NULL,
    sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
    confidence REAL NOT NULL,
    evidence TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX events_document ON events(document);
CREATE INDEX events_type ON events(type);
CREATE TABLE event_actors (
    event TEXT NOT NULL REFERENCES events(id),
    actor TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('source', 'target')),
    position INTEGER NOT NULL,
    PRIMARY KEY (event, role, position)
);
CREATE INDEX event_actors_actor ON event_actors(actor);
CREATE TABLE quotes (
    document TEXT NOT NULL REFERENCES documents(id),
    idx INTEGER NOT NULL,
    section TEXT,
    speaker TEXT, speaker_text TEXT NOT NULL, text TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, direct INTEGER NOT NULL,
    PRIMARY KEY (document, idx)
);
CREATE TABLE figures (
    document TEXT NOT NULL REFERENCES documents(id),
    idx INTEGER NOT NULL,
    section TEXT,
    kind TEXT NOT NULL, value INTEGER, value_max INTEGER, qualifier TEXT, subject TEXT, actor TEXT,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    PRIMARY KEY (document, idx)
);
CREATE TABLE errors (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    input TEXT NOT NULL, stage TEXT NOT NULL, message TEXT NOT NULL, time TEXT NOT NULL
);
CREATE INDEX errors_input ON errors(input);
"""


def _v1_tables(conn: sqlite3.Connection) -> None:
    """Documents, sections, actors, mentions, events, quotes, figures, errors."""
    for statement in _V1.split(";"):
        if statement.strip():
            conn.execute(statement)


def _minhash_tables(conn: sqlite3.Connection) -> None:
    """MinHash signatures and LSH band keys for near-duplicate detection."""
    conn.execute("CREATE TABLE minhashes (document TEXT PRIMARY KEY REFERENCES documents(id), signature BLOB NOT NULL)")
    conn.execute(
        "CREATE TABLE minhash_bands (band INTEGER NOT NULL, key TEXT NOT NULL,"
        " document TEXT NOT NULL REFERENCES documents(id), PRIMARY KEY (band, key, document))"
    )
    conn.execute("CREATE INDEX documents_duplicate_of ON documents(duplicate_of)")


def _published_raw(conn: sqlite3.Connection) -> None:
    """``documents.published_raw``: the date as the input wrote it; stored dates become ISO 8601."""
    from factionmap.ingest.published import normalise_published

    conn.execute("ALTER TABLE documents ADD COLUMN published_raw TEXT")
    rows = conn.execute("SELECT id, published FROM documents WHERE published IS NOT NULL").fetchall()
    for doc_id, given in rows:
        iso = normalise_published(given)
        if iso != given:
            conn.execute("UPDATE documents SET published = ?, published_raw = ? WHERE id = ?", (iso, given, doc_id))


def _event_time_place(conn: sqlite3.Connection) -> None:
    """Event date and precision, location (JSON) with its coordinates and country, casualty
    totals; the event a figure belongs to."""
    for column in ("date TEXT", "date_precision TEXT", "location TEXT", "country TEXT", "lat REAL", "lon REAL",
                   "killed INTEGER", "wounded INTEGER", "displaced INTEGER"):
        conn.execute(f"ALTER TABLE events ADD COLUMN {column}")
    conn.execute("ALTER TABLE figures ADD COLUMN event TEXT")
    conn.execute("CREATE INDEX events_date ON events(date)")
    conn.execute("CREATE INDEX events_country ON events(country)")


#: Ordered (name, function) pairs; append new ones, never edit applied ones.
MIGRATIONS: tuple[tuple[str, Migration], ...] = (
    ("0001_v1_tables", _v1_tables),
    ("0002_minhash", _minhash_tables),
    ("0003_published_raw", _published_raw),
    ("0004_event_time_place", _event_time_place),
)


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations already applied to ``conn``'s database."""
    conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    return [row[0] for row in conn.execute("SELECT name FROM migrations ORDER BY rowid")]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply every missing migration, each in its own transaction; return their names.

    Safe when several processes open a new database at once: each migration is checked
    again inside its ``BEGIN IMMEDIATE`` transaction."""
    done = set(applied_migrations(conn))
    applied = []
    for name, func in MIGRATIONS:
        if name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
            conn.execute("ROLLBACK")  # another process applied it since we looked
            continue
        try:
            func(conn)
            conn.execute(
                "INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                (name, datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite may have rolled back already (a full disk does)
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            raise
        applied.append(name)
    return applied
