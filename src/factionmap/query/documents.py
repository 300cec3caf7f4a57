"""Stored documents: listing and search (text, outlet, date), one document with its findings, id prefixes."""

from __future__ import annotations

from typing import Any

from factionmap.model import DocumentAnalysis
from factionmap.query.reader import NotFound, QueryError, Reader, outlet_name
from factionmap.query.records import DocumentSummary, Page, check_date, decode_cursor, encode_cursor
from factionmap.store.documents import match_document_ids

__all__ = ["AmbiguousDocumentId", "documents", "document", "resolve_document_id", "MAX_DOCUMENTS_PAGE"]

MAX_DOCUMENTS_PAGE = 500


class AmbiguousDocumentId(QueryError):
    """An id prefix that matches several documents; ``matches`` lists (some of) them."""

    def __init__(self, prefix: str, matches: list[str], total: int | None = None, param: str = "id") -> None:
        total = total if total is not None else len(matches)
        shown = ", ".join(matches[:10]) + (", ..." if total > 10 else "")
        super().__init__(f"{prefix!r} matches {total} documents: {shown}; give more of the id", param)
        self.prefix = prefix
        self.matches = matches


def resolve_document_id(reader: Reader, prefix: str) -> str:
    """The one document id equal to or starting with ``prefix``.

    Raises :class:`NotFound` when none matches and :class:`AmbiguousDocumentId`
    (listing the matches) when several do.
    """
    if not prefix:
        raise QueryError("a document id (or a prefix of one) is needed", "id")
    matches = match_document_ids(reader, prefix, limit=51)
    if not matches:
        raise NotFound(f"no document {prefix!r} (no id is or starts with it)")
    if len(matches) > 1:
        total = reader.conn.execute(
            "SELECT count(*) FROM documents WHERE substr(id, 1, ?) = ?", (len(prefix), prefix)
        ).fetchone()[0]
        raise AmbiguousDocumentId(prefix, matches, int(total))
    return matches[0]


def document(reader: Reader, doc_id: str) -> DocumentAnalysis:
    """A document (id or unique prefix) with its sections, actors, events, quotes and figures."""
    resolved = resolve_document_id(reader, doc_id)
    return next(iter(reader.iter_analyses(documents=[resolved])))


def _summary(r: Any) -> DocumentSummary:
    return DocumentSummary(
        id=r["id"], title=r["title"], name=r["name"] or "", url=r["url"], outlet=outlet_name(r["source"], r["url"]),
        published=r["published"], language=r["language"], duplicate_of=r["duplicate_of"], skipped=r["skipped"],
        events=int(r["n_events"]), actors=int(r["n_actors"]),
    )


def documents(
    reader: Reader,
    text: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> Page[DocumentSummary]:
    """Documents in ingestion order; ``text`` searches titles and text (any case)."""
    check_date(since, "since")
    check_date(until, "until")
    if not 1 <= limit <= MAX_DOCUMENTS_PAGE:
        raise QueryError(f"limit={limit} is not between 1 and {MAX_DOCUMENTS_PAGE}", "limit")
    where, params = ["1=1"], []  # type: ignore[var-annotated]
    if text:
        where.append("(instr(lower(d.text), lower(?)) > 0 OR instr(lower(coalesce(d.title, '')), lower(?)) > 0)")
        params += [text, text]
    if outlet:
        where.append("fm_outlet(d.source, d.url) = ?")
        params.append(outlet)
    if since:
        where.append("d.published IS NOT NULL AND d.published >= ?")
        params.append(since)
    if until:
        where.append("d.published IS NOT NULL AND d.published <= ?")
        params.append(until + "\uffff")
    clause = " AND ".join(where)
    total = reader.conn.execute(f"SELECT count(*) FROM documents d WHERE {clause}", params).fetchone()[0]
    after = decode_cursor(cursor, 1)
    if after is not None:
        clause += " AND d.rowid > ?"
        params.append(after[0])
    rows = reader.conn.execute(
        "SELECT d.rowid AS drow, d.id, d.title, d.name, d.url, d.source, d.published, d.language, d.duplicate_of,"
        " d.skipped, (SELECT count(*) FROM events e WHERE e.document = d.id) AS n_events,"
        " (SELECT count(*) FROM document_actors a WHERE a.document = d.id) AS n_actors"
        f" FROM documents d WHERE {clause} ORDER BY d.rowid LIMIT ?", [*params, limit + 1]
    ).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(tuple(_summary(r) for r in rows), encode_cursor(rows[-1]["drow"]) if more else None, int(total))
