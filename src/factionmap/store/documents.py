"""Listing stored documents and resolving id prefixes (``factionmap documents``, ``show``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from factionmap.store.core import Store, StoreError

__all__ = ["AmbiguousId", "DocumentRow", "UnknownId", "list_documents", "match_document_ids", "resolve_document"]


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One stored document with how much was read from it."""

    id: str
    published: str | None
    source: str | None
    title: str | None
    url: str | None
    name: str | None
    events: int
    actors: int
    quotes: int
    figures: int
    duplicate_of: str | None = None

    def to_record(self) -> dict[str, Any]:
        return asdict(self)


class UnknownId(StoreError):
    """No stored document has this id or id prefix."""


class AmbiguousId(StoreError):
    """Several stored documents start with this prefix; ``matches`` lists them."""

    def __init__(self, prefix: str, matches: list[str]) -> None:
        shown = ", ".join(matches[:10]) + (" ..." if len(matches) > 10 else "")
        super().__init__(f"id prefix {prefix!r} matches {len(matches)} documents: {shown}")
        self.prefix = prefix
        self.matches = matches


def match_document_ids(store: Store, prefix: str, limit: int = 50) -> list[str]:
    """Ids equal to ``prefix`` (alone) or starting with it, at most ``limit``."""
    if store.has_document(prefix):
        return [prefix]
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = store.conn.execute(
        "SELECT id FROM documents WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?", (escaped + "%", limit)
    ).fetchall()
    return [row[0] for row in rows]


def resolve_document(store: Store, prefix: str) -> str:
    """The one document id that is or starts with ``prefix``; :class:`UnknownId` / :class:`AmbiguousId` else."""
    matches = match_document_ids(store, prefix.strip())
    if not matches:
        raise UnknownId(f"no document {prefix!r}")
    if len(matches) > 1:
        raise AmbiguousId(prefix, matches)
    return matches[0]


_COUNT = "(SELECT COUNT(*) FROM {table} t WHERE t.document = d.id)"


def list_documents(
    store: Store,
    *,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    search: str | None = None,
    limit: int | None = None,
) -> list[DocumentRow]:
    """Stored documents, newest first; ``search`` matches title or text (case-insensitive)."""
    where, params = _filters(outlet, since, until, search)
    counts = ", ".join(_COUNT.format(table=t) + f" AS {t}" for t in ("events", "document_actors", "quotes", "figures"))
    sql = (
        f"SELECT d.id, d.published, d.source, d.title, d.url, d.name, d.duplicate_of, {counts} FROM documents d"
        f"{' WHERE ' + ' AND '.join(where) if where else ''}"
        " ORDER BY COALESCE(d.published, '') DESC, d.rowid DESC"
    )
    if limit:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [
        DocumentRow(id=r["id"], published=r["published"], source=r["source"], title=r["title"], url=r["url"],
                    name=r["name"], events=r["events"], actors=r["document_actors"], quotes=r["quotes"],
                    figures=r["figures"], duplicate_of=r["duplicate_of"])
        for r in store.conn.execute(sql, params)
    ]


def _filters(outlet: str | None, since: str | None, until: str | None, search: str | None) -> tuple[list[str], list]:
    where: list[str] = []
    params: list[Any] = []
    if outlet:
        where.append("LOWER(COALESCE(d.source, '')) = LOWER(?)")
        params.append(outlet)
    if since:
        where.append("d.published >= ?")
        params.append(since)
    if until:
        where.append("substr(d.published, 1, ?) <= ?")
        params.extend([len(until), until])
    if search:
        escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append("(d.title LIKE ? ESCAPE '\\' OR d.text LIKE ? ESCAPE '\\')")
        params.extend([f"%{escaped}%"] * 2)
    return where, params
