"""Stored actors: search by name or id, by code or country, and one actor's summary."""

from __future__ import annotations

from typing import Any

from factionmap.query.reader import NotFound, QueryError, Reader
from factionmap.query.records import ActorRef, ActorSummary

__all__ = ["actors", "actor_summary", "actor_names", "affiliations", "MAX_ACTORS"]

MAX_ACTORS = 1000

_COUNTS = (
    "SELECT a.*, (SELECT count(DISTINCT document) FROM mentions m WHERE m.actor = a.id) AS documents,"
    " (SELECT count(*) FROM mentions m WHERE m.actor = a.id) AS mentions,"
    " (SELECT count(DISTINCT event) FROM event_actors ea WHERE ea.actor = a.id) AS events FROM actors a"
)


def _summary(r: Any) -> ActorSummary:
    return ActorSummary(r["id"], r["name"], r["country"], r["sector"], r["code"], r["kind"], bool(r["known"]),
                        int(r["documents"]), int(r["mentions"]), int(r["events"]))


def actors(
    reader: Reader,
    search: str | None = None,
    code: str | None = None,
    country: str | None = None,
    known: bool | None = None,
    limit: int = 100,
) -> list[ActorSummary]:
    """Actors by number of mentions; ``search`` matches ids, names and mention texts (any case)."""
    if not 1 <= limit <= MAX_ACTORS:
        raise QueryError(f"limit={limit} is not between 1 and {MAX_ACTORS}", "limit")
    where, params = ["1=1"], []  # type: ignore[var-annotated]
    if search:
        where.append("(instr(lower(a.id), lower(?)) > 0 OR instr(lower(a.name), lower(?)) > 0"
                     " OR a.id IN (SELECT actor FROM mentions WHERE lower(text) = lower(?)))")
        params += [search, search, search]
    if code:
        where.append("upper(a.code) = upper(?)")
        params.append(code)
    if country:
        where.append("upper(a.country) = upper(?)")
        params.append(country)
    if known is not None:
        where.append("a.known = ?")
        params.append(int(known))
    sql = f"{_COUNTS} WHERE {' AND '.join(where)} ORDER BY mentions DESC, events DESC, a.name LIMIT ?"
    return [_summary(r) for r in reader.conn.execute(sql, [*params, limit]).fetchall()]


def actor_summary(reader: Reader, actor_id: str) -> ActorSummary:
    """One actor by id; :class:`NotFound` naming it otherwise."""
    row = reader.conn.execute(f"{_COUNTS} WHERE a.id = ?", (actor_id,)).fetchone()
    if row is None:
        raise NotFound(f"no actor {actor_id!r}")
    return _summary(row)


def actor_names(reader: Reader, actor_id: str, limit: int = 12) -> tuple[tuple[str, int], ...]:
    """The texts an actor is mentioned by, most frequent first."""
    rows = reader.conn.execute(
        "SELECT text, count(*) AS n FROM mentions WHERE actor = ? GROUP BY lower(text) ORDER BY n DESC, text LIMIT ?",
        (actor_id, limit),
    ).fetchall()
    return tuple((r["text"], int(r["n"])) for r in rows)


def affiliations(reader: Reader, actor_id: str) -> tuple[ActorRef, ...]:
    """The organisations an actor's profile lists (with names when stored)."""
    import json

    row = reader.conn.execute("SELECT affiliations FROM actors WHERE id = ?", (actor_id,)).fetchone()
    ids = json.loads(row["affiliations"] or "[]") if row else []
    names = {r["id"]: r["name"] for r in reader.conn.execute(
        f"SELECT id, name FROM actors WHERE id IN ({','.join('?' * len(ids))})", ids)} if ids else {}
    return tuple(ActorRef(i, names.get(i, i)) for i in ids)
