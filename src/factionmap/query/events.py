"""Stored events, filtered and paged with stable keyset cursors (document order, then position)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from factionmap.model import NEGATIVE_TYPES, PLOVER_TYPES, POSITIVE_TYPES
from factionmap.query.reader import NotFound, QueryError, Reader, outlet_name
from factionmap.query.records import (
    SIGNS, VOICES, ActorRef, EventRecord, Page, Span, check_date, decode_cursor, encode_cursor,
)
from factionmap.store.queries import find_actor_ids

__all__ = ["EventQuery", "events", "events_by_ids", "actor_ids", "MAX_PAGE"]

MAX_PAGE = 500


@dataclass(frozen=True)
class EventQuery:
    """Filters for :func:`events`. ``actor``/``other`` are ids or names; with both, the pair's events.

    ``sign`` is positive, negative or neutral; ``voice`` author, speaker (a quoted
    actor) or commenter; ``section`` a section kind.  Negated and hypothetical
    events are listed (they carry their flags) unless ``counted_only``.
    """

    actor: str | None = None
    other: str | None = None
    types: tuple[str, ...] = ()
    sign: str | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    section: str | None = None
    voice: str | None = None
    min_confidence: float = 0.0
    document: str | None = None
    counted_only: bool = False
    limit: int = 50
    cursor: str | None = None

    def __post_init__(self) -> None:
        check_date(self.since, "since")
        check_date(self.until, "until")
        for t in self.types:
            if t.upper() not in PLOVER_TYPES:
                raise QueryError(f"type={t!r} is not a PLOVER type ({', '.join(PLOVER_TYPES)})", "type")
        if self.sign is not None and self.sign not in SIGNS:
            raise QueryError(f"sign={self.sign!r} is not one of {', '.join(SIGNS)}", "sign")
        if self.voice is not None and self.voice not in VOICES:
            raise QueryError(f"voice={self.voice!r} is not one of {', '.join(VOICES)}", "voice")
        if not 1 <= self.limit <= MAX_PAGE:
            raise QueryError(f"limit={self.limit} is not between 1 and {MAX_PAGE}", "limit")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise QueryError(f"min_confidence={self.min_confidence} is not between 0 and 1", "min_confidence")
        decode_cursor(self.cursor, 2)


def actor_ids(reader: Reader, query: str, param: str = "actor") -> list[str]:
    """Ids for an actor id or name; a :class:`NotFound` naming ``query`` when none matches."""
    if reader.conn.execute("SELECT 1 FROM actors WHERE id = ?", (query,)).fetchone():
        return [query]
    ids = find_actor_ids(reader, query)
    if not ids:
        raise NotFound(f"{param}={query!r}: no actor has that id or name")
    return ids


def _in(ids: Sequence[str]) -> str:
    return ",".join("?" * len(ids))


def _actor_clause(reader: Reader, q: EventQuery) -> tuple[list[str], list[Any]]:
    """The actor filter: events of ``actor``, or with ``other`` too, the pair's (on opposite sides)."""
    if q.actor and q.other:
        a, b = actor_ids(reader, q.actor, "actor"), actor_ids(reader, q.other, "other")
        return ([f"EXISTS (SELECT 1 FROM event_actors x JOIN event_actors y ON y.event = x.event AND y.role != x.role"
                 f" WHERE x.event = e.id AND x.actor IN ({_in(a)}) AND y.actor IN ({_in(b)}))"], a + b)
    if q.actor:
        a = actor_ids(reader, q.actor)
        return [f"e.id IN (SELECT event FROM event_actors WHERE actor IN ({_in(a)}))"], list(a)
    return [], []


def _kind_clause(q: EventQuery) -> tuple[list[str], list[Any]]:
    """Type, sign, section, voice and confidence filters."""
    sql: list[str] = []
    params: list[Any] = []
    if q.types:
        sql.append(f"e.type IN ({_in(q.types)})")
        params += [t.upper() for t in q.types]
    if q.sign:
        signed = sorted(POSITIVE_TYPES | NEGATIVE_TYPES)
        chosen = {"positive": sorted(POSITIVE_TYPES), "negative": sorted(NEGATIVE_TYPES)}.get(q.sign)
        sql.append(f"e.type {'NOT ' if chosen is None else ''}IN ({_in(chosen or signed)})")
        params += chosen or signed
    if q.section:
        sql.append("e.section = ?")
        params.append(q.section)
    if q.voice in ("author", "commenter"):
        sql.append("e.asserted_by = ?")
        params.append(q.voice)
    elif q.voice == "speaker":
        sql.append("e.asserted_by NOT IN ('author', 'commenter')")
    if q.min_confidence:
        sql.append("e.confidence >= ?")
        params.append(q.min_confidence)
    if q.counted_only:
        sql.append("e.negated = 0 AND e.hypothetical = 0")
    return sql, params


def _document_clause(reader: Reader, q: EventQuery) -> tuple[list[str], list[Any]]:
    """Window, outlet and document filters."""
    sql: list[str] = []
    params: list[Any] = []
    if q.since:
        sql.append("d.published IS NOT NULL AND d.published >= ?")
        params.append(q.since)
    if q.until:
        sql.append("d.published IS NOT NULL AND d.published <= ?")
        params.append(q.until + "\uffff")
    if q.outlet:
        sql.append("fm_outlet(d.source, d.url) = ?")
        params.append(q.outlet)
    if q.document:
        sql.append("e.document = ?")
        params.append(reader.resolve_document_id(q.document) or q.document)
    return sql, params


def _where(reader: Reader, q: EventQuery) -> tuple[str, list[Any]]:
    sql, params = ["1=1"], []
    for clauses, values in (_actor_clause(reader, q), _kind_clause(q), _document_clause(reader, q)):
        sql += clauses
        params += values
    return " AND ".join(sql), params


_SELECT = (
    "SELECT e.*, d.rowid AS drow, coalesce(d.title, d.name) AS doc_title, d.published, d.source AS doc_source,"
    " d.url AS doc_url, substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence_text,"
    " sp.name AS speaker_name FROM events e JOIN documents d ON d.id = e.document"
    " LEFT JOIN actors sp ON sp.id = e.asserted_by"
)


def events(reader: Reader, query: EventQuery | None = None) -> Page[EventRecord]:
    """One page of events matching ``query``, in document order; ``next_cursor`` continues it."""
    q = query or EventQuery()
    where, params = _where(reader, q)
    total = reader.conn.execute(
        f"SELECT count(*) FROM events e JOIN documents d ON d.id = e.document WHERE {where}", params
    ).fetchone()[0]
    after = decode_cursor(q.cursor, 2)
    page_sql, page_params = where, list(params)
    if after is not None:
        page_sql += " AND (d.rowid > ? OR (d.rowid = ? AND e.idx > ?))"
        page_params += [after[0], after[0], after[1]]
    rows = reader.conn.execute(
        f"{_SELECT} WHERE {page_sql} ORDER BY d.rowid, e.idx LIMIT ?", [*page_params, q.limit + 1]
    ).fetchall()
    more = len(rows) > q.limit
    rows = rows[: q.limit]
    cursor = encode_cursor(rows[-1]["drow"], rows[-1]["idx"]) if more and rows else None
    return Page(tuple(_records(reader, rows)), cursor, int(total))


def events_by_ids(reader: Reader, ids: Sequence[str]) -> list[EventRecord]:
    """The events with these ids, in document order."""
    found: list[EventRecord] = []
    for start in range(0, len(ids), 500):
        chunk = list(ids[start:start + 500])
        rows = reader.conn.execute(f"{_SELECT} WHERE e.id IN ({_in(chunk)}) ORDER BY d.rowid, e.idx", chunk).fetchall()
        found += _records(reader, rows)
    return found


def _records(reader: Reader, rows: Sequence[Any]) -> list[EventRecord]:
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    roles: dict[str, dict[str, list[ActorRef]]] = defaultdict(lambda: {"source": [], "target": []})
    for a in reader.conn.execute(
        "SELECT ea.event, ea.actor, ea.role, coalesce(ac.name, ea.actor) AS name FROM event_actors ea"
        f" LEFT JOIN actors ac ON ac.id = ea.actor WHERE ea.event IN ({_in(ids)}) ORDER BY ea.role, ea.position", ids
    ):
        roles[a["event"]][a["role"]].append(ActorRef(a["actor"], a["name"]))
    mentions = _mentions(reader, rows)
    return [_record(r, roles[r["id"]], mentions.get(r["id"], ())) for r in rows]


def _mentions(reader: Reader, rows: Sequence[Any]) -> dict[str, tuple[Span, ...]]:
    """Actor mentions inside each event's sentence (for highlighting)."""
    docs = sorted({r["document"] for r in rows})
    by_doc: dict[str, list[Any]] = defaultdict(list)
    for m in reader.conn.execute(
        f'SELECT document, actor, start, "end", text FROM mentions WHERE document IN ({_in(docs)}) ORDER BY start', docs
    ):
        by_doc[m["document"]].append(m)
    found = {}
    for r in rows:
        s, e = r["sentence_start"], r["sentence_end"]
        found[r["id"]] = tuple(
            Span(m["start"], m["end"], m["text"], m["actor"]) for m in by_doc[r["document"]]
            if s <= m["start"] and m["end"] <= e
        )
    return found


def _voice(asserted_by: str) -> str:
    return asserted_by if asserted_by in ("author", "commenter") else "speaker"


def _record(r: Any, roles: dict[str, list[ActorRef]], mentions: tuple[Span, ...]) -> EventRecord:
    sign = 1 if r["type"] in POSITIVE_TYPES else -1 if r["type"] in NEGATIVE_TYPES else 0
    return EventRecord(
        id=r["id"], document=r["document"], document_title=r["doc_title"], published=r["published"],
        outlet=outlet_name(r["doc_source"], r["doc_url"]), type=r["type"], sign=sign, mode=r["mode"],
        source=tuple(roles["source"]), target=tuple(roles["target"]),
        negated=bool(r["negated"]), hedged=bool(r["hedged"]), hypothetical=bool(r["hypothetical"]),
        section=r["section"], voice=_voice(r["asserted_by"]), asserted_by=r["asserted_by"],
        asserted_by_name=r["speaker_name"],
        trigger=Span(r["trigger_start"], r["trigger_end"], r["trigger_text"]),
        sentence=Span(r["sentence_start"], r["sentence_end"], r["sentence_text"] or ""),
        mentions=mentions, confidence=float(r["confidence"]),
    )
