"""Read-only queries over a :class:`Store` for the CLI: events, actors, summaries."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from factionmap.store.core import Store

__all__ = [
    "ActorCount", "EventRow", "StoreCounts", "actor_counts", "find_actor_ids", "like_literal", "list_events",
    "store_counts",
]


@dataclass(frozen=True, slots=True)
class EventRow:
    """One stored event with actor names resolved, ready to print."""

    id: str
    document: str
    type: str
    source: tuple[str, ...]
    source_names: tuple[str, ...]
    target: tuple[str, ...]
    target_names: tuple[str, ...]
    mode: str | None
    negated: bool
    hedged: bool
    hypothetical: bool
    section: str
    asserted_by: str
    trigger: str
    sentence: str
    sentence_start: int
    sentence_end: int
    confidence: float
    asserted_by_name: str | None = None
    document_title: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None
    context: str | None = None
    evidence: tuple[dict[str, int], ...] = ()
    date: str | None = None
    date_precision: str | None = None
    location: dict[str, Any] | None = None
    killed: int | None = None
    wounded: int | None = None
    displaced: int | None = None

    def to_record(self) -> dict[str, Any]:
        record = asdict(self)
        for key in ("source", "source_names", "target", "target_names", "evidence"):
            record[key] = list(record[key])
        return record


@dataclass(frozen=True, slots=True)
class ActorCount:
    """An actor with how often the store mentions it."""

    id: str
    name: str
    code: str | None
    kind: str
    known: bool
    documents: int
    mentions: int
    events: int

    def to_record(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class StoreCounts:
    documents: int
    actors: int
    events: int
    quotes: int
    figures: int
    errors: int


def find_actor_ids(store: Store, query: str) -> list[str]:
    """Actor ids matching ``query``: an exact id, a name (any case), else a name substring."""
    conn = store.conn
    rows = conn.execute("SELECT id FROM actors WHERE id = ? OR lower(name) = lower(?)", (query, query)).fetchall()
    if not rows:
        rows = conn.execute(
            "SELECT id FROM actors WHERE lower(name) LIKE '%' || lower(?) || '%' ESCAPE '\\'"
            " UNION SELECT DISTINCT actor FROM mentions WHERE lower(text) = lower(?)", (like_literal(query), query)
        ).fetchall()
    return [r[0] for r in rows]


def like_literal(text: str) -> str:
    """``text`` for a ``LIKE ... ESCAPE '\\'`` pattern, matched literally: ``%`` and ``_`` are not wildcards."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_events(
    store: Store,
    actor: str | None = None,
    type: str | None = None,  # noqa: A002 - mirrors the CLI flag
    document: str | None = None,
    limit: int | None = None,
    country: str | None = None,
    near: tuple[float, float, float] | None = None,
) -> list[EventRow]:
    """Stored events, filtered by actor (name or id, as source or target), type, document, the
    ISO-3 ``country`` of the event's location, and ``near`` = (lat, lon, radius in km)."""
    sql, params = (
        "SELECT e.*, d.text AS doc_text, coalesce(d.title, d.name) AS doc_title, sp.name AS speaker_name FROM events e"
        " JOIN documents d ON d.id = e.document LEFT JOIN actors sp ON sp.id = e.asserted_by WHERE 1=1"
    ), []
    if actor:
        ids = find_actor_ids(store, actor)
        if not ids:
            return []
        sql += f" AND e.id IN (SELECT event FROM event_actors WHERE actor IN ({','.join('?' * len(ids))}))"
        params.extend(ids)
    if type:
        sql += " AND e.type = ?"
        params.append(type.upper())
    if document:
        sql += " AND e.document = ?"
        params.append(store.resolve_document_id(document) or document)
    if country:
        sql += " AND e.country = ?"
        params.append(country.upper())
    if near:
        sql += " AND e.lat IS NOT NULL AND e.lon IS NOT NULL"
    sql += " ORDER BY d.rowid, e.idx"
    if limit and not near:
        sql += " LIMIT ?"
        params.append(limit)
    rows = store.conn.execute(sql, params).fetchall()
    if near:
        from factionmap.geo.distance import haversine_km

        rows = [r for r in rows if haversine_km(r["lat"], r["lon"], near[0], near[1]) <= near[2]][:limit]
    return [_event_row(store, r) for r in rows]


def _event_row(store: Store, r: Any) -> EventRow:
    roles: dict[str, list[tuple[str, str]]] = {"source": [], "target": []}
    for a in store.conn.execute(
        "SELECT ea.actor, ea.role, coalesce(ac.name, ea.actor) AS name FROM event_actors ea"
        " LEFT JOIN actors ac ON ac.id = ea.actor WHERE ea.event = ? ORDER BY ea.role, ea.position", (r["id"],)
    ):
        roles[a["role"]].append((a["actor"], a["name"]))
    return EventRow(
        id=r["id"], document=r["document"], type=r["type"],
        source=tuple(i for i, _ in roles["source"]), source_names=tuple(n for _, n in roles["source"]),
        target=tuple(i for i, _ in roles["target"]), target_names=tuple(n for _, n in roles["target"]),
        mode=r["mode"], negated=bool(r["negated"]), hedged=bool(r["hedged"]),
        hypothetical=bool(r["hypothetical"]), section=r["section"], asserted_by=r["asserted_by"],
        trigger=r["trigger_text"], sentence=r["doc_text"][r["sentence_start"]:r["sentence_end"]],
        sentence_start=r["sentence_start"], sentence_end=r["sentence_end"], confidence=r["confidence"],
        asserted_by_name=r["speaker_name"], document_title=r["doc_title"],
        trigger_start=r["trigger_start"], trigger_end=r["trigger_end"],
        context=r["context"], evidence=tuple(json.loads(r["evidence"] or "[]")),
        date=r["date"], date_precision=r["date_precision"],
        location=json.loads(r["location"]) if r["location"] else None,
        killed=r["killed"], wounded=r["wounded"], displaced=r["displaced"],
    )


def actor_counts(store: Store, limit: int | None = None, unresolved: bool = False) -> list[ActorCount]:
    """Actors by number of mentions; ``unresolved`` lists only names not in any actor file."""
    sql = (
        "SELECT a.*, (SELECT count(DISTINCT document) FROM mentions m WHERE m.actor = a.id) AS documents,"
        " (SELECT count(*) FROM mentions m WHERE m.actor = a.id) AS mentions,"
        " (SELECT count(DISTINCT event) FROM event_actors ea WHERE ea.actor = a.id) AS events"
        " FROM actors a"
    )
    params: list[Any] = []
    if unresolved:
        sql += " WHERE a.known = 0"
    sql += " ORDER BY mentions DESC, events DESC, a.name"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return [
        ActorCount(r["id"], r["name"], r["code"], r["kind"], bool(r["known"]), r["documents"], r["mentions"],
                   r["events"])
        for r in store.conn.execute(sql, params).fetchall()
    ]


def store_counts(store: Store) -> StoreCounts:
    """How many rows each main table holds."""
    def count(table: str) -> int:
        return store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names

    return StoreCounts(*(count(t) for t in ("documents", "actors", "events", "quotes", "figures", "errors")))
