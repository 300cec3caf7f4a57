"""Already stored, or a new version?  One rule for the single-process and the parallel ingest.

A document whose id *and* text are stored is already stored.  One whose id is stored with
a different text (a corrected article re-exported under the same id) is stored as a new
version, under the id ``<id>~<first 12 hex digits of its text's sha256>``; one whose URL
is stored with a different text keeps its own (content) id and is stored too.  Either way
the ingest reports it as a new version, and it is linked (``duplicate_of``) to the
first copy, so the story still counts once.  Re-running the same input is still a no-op: the
versioned id, or the content id, is then stored with that text.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from typing import Literal

from factionmap.model import Document
from factionmap.store.core import content_hash

__all__ = ["StoredState", "previous_version", "stored_state", "version_id", "VERSION_MARK"]

#: Separates a given id from the text digest of one of its later versions.
VERSION_MARK = "~"


@dataclass(frozen=True, slots=True)
class StoredState:
    """What the store holds of a document: ``new``, ``stored``, or ``version`` (of ``previous``).

    ``document`` is the document to store (its id changed for a new version of a stored id)."""

    state: Literal["new", "stored", "version"]
    document: Document
    previous: str | None = None


def version_id(document_id: str, digest: str) -> str:
    """The id of the version of ``document_id`` whose text hashes to ``digest``."""
    return f"{document_id}{VERSION_MARK}{digest[:12]}"


def _hash_of(conn: sqlite3.Connection, document_id: str) -> str | None:
    row = conn.execute("SELECT content_hash FROM documents WHERE id = ?", (document_id,)).fetchone()
    return row[0] if row else None


def _linked(conn: sqlite3.Connection, document: Document, previous: str) -> Document:
    """A new version belongs to the previous version's story (it counts once in the network)."""
    row = conn.execute("SELECT coalesce(duplicate_of, id) FROM documents WHERE id = ?", (previous,)).fetchone()
    return replace(document, duplicate_of=row[0] if row else previous)


def stored_state(conn: sqlite3.Connection, document: Document) -> StoredState:
    """Judge ``document`` against the database behind ``conn`` (read-only queries)."""
    digest = content_hash(document.text)
    held = _hash_of(conn, document.id)
    if held == digest:
        return StoredState("stored", document)
    if held is not None:
        versioned = version_id(document.id, digest)
        if _hash_of(conn, versioned) == digest:
            return StoredState("stored", document)
        return StoredState("version", _linked(conn, replace(document, id=versioned), document.id), document.id)
    if document.url:
        rows = conn.execute("SELECT id, content_hash FROM documents WHERE url = ? ORDER BY rowid", (document.url,))
        hashes = rows.fetchall()
        if any(row[1] == digest for row in hashes):
            return StoredState("stored", document)
        if hashes:
            return StoredState("version", _linked(conn, document, hashes[0][0]), hashes[0][0])
    return StoredState("new", document)


def previous_version(conn: sqlite3.Connection, document: Document) -> str | None:
    """The id of an earlier stored document this one is a new version of (same given id or URL)."""
    if VERSION_MARK in document.id:
        base = document.id.rsplit(VERSION_MARK, 1)[0]
        if _hash_of(conn, base) not in (None, content_hash(document.text)):
            return base
    if document.url:
        row = conn.execute(
            "SELECT id FROM documents WHERE url = ? AND id != ? AND content_hash != ? ORDER BY rowid LIMIT 1",
            (document.url, document.id, content_hash(document.text)),
        ).fetchone()
        if row:
            return row[0]
    return None
