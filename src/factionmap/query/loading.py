"""Loading what the map needs, in a few bulk queries: documents, counted events and their actors.

:meth:`Store.iter_analyses` rebuilds every record of every document (mentions,
quotes, figures), a handful of queries per document.  The network, camps,
contradictions, timelines and source comparison read only events, their actors'
profiles and the document text their evidence points into, so
:func:`load_for_map` reads just that, with the :class:`MapQuery` filters
(window, types, outlet, confidence, comments, negation) applied in SQL.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from factionmap.model import Actor, ActorProfile, Document, DocumentAnalysis, Event, TextSpan
from factionmap.query.reader import Reader
from factionmap.query.records import MapQuery

__all__ = ["load_for_map"]


def _where(q: MapQuery, actors: tuple[str, ...], after: int = 0) -> tuple[str, list[Any]]:
    sql = ["e.negated = 0", "e.hypothetical = 0"]
    params: list[Any] = []
    if after:
        sql.append("d.rowid > ?")
        params.append(after)
    if not q.include_comments:
        sql.append("e.section != 'comment' AND e.asserted_by != 'commenter'")
    if q.min_confidence:
        sql.append("e.confidence >= ?")
        params.append(q.min_confidence)
    if q.types:
        sql.append(f"e.type IN ({','.join('?' * len(q.types))})")
        params += [t.upper() for t in q.types]
    if q.since:
        sql.append("d.published IS NOT NULL AND d.published >= ?")
        params.append(q.since)
    if q.until:
        sql.append("d.published IS NOT NULL AND d.published <= ?")
        params.append(q.until + "\uffff")
    if q.outlet:
        sql.append("fm_outlet(d.source, d.url) = ?")
        params.append(q.outlet)
    if actors:
        sql.append(f"e.id IN (SELECT event FROM event_actors WHERE actor IN ({','.join('?' * len(actors))}))")
        params += list(actors)
    return " AND ".join(sql), params


def _profile(r: Any) -> ActorProfile:
    return ActorProfile(id=r["id"], name=r["name"], country=r["country"], sector=r["sector"], kind=r["kind"],
                        affiliations=tuple(json.loads(r["affiliations"] or "[]")), known=bool(r["known"]))


def load_for_map(reader: Reader, q: MapQuery, actors: tuple[str, ...] = (), after: int = 0) -> list[DocumentAnalysis]:
    """Analyses holding only the events that count under ``q`` (and, given ``actors``, involve one of them).

    Each analysis lists as actors the profiles of its events' actors; sections,
    mentions, quotes and figures are left empty.  ``after`` keeps documents
    stored after that document rowid (for incremental loading).
    """
    conn = reader.conn
    where, params = _where(q, actors, after)
    base = f"FROM events e JOIN documents d ON d.id = e.document WHERE {where}"
    rows = conn.execute(f"SELECT e.*, d.rowid AS drow {base} ORDER BY d.rowid, e.idx", params).fetchall()
    if not rows:
        return []
    roles: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"source": [], "target": []})
    for a in conn.execute(
        f"SELECT event, actor, role FROM event_actors WHERE event IN (SELECT e.id {base}) ORDER BY role, position",
        params,
    ):
        roles[a[0]][a[2]].append(a[1])
    profiles = {r["id"]: _profile(r) for r in conn.execute(
        f"SELECT * FROM actors WHERE id IN (SELECT actor FROM event_actors WHERE event IN (SELECT e.id {base}))",
        params,
    )}
    docs = {r["id"]: r for r in conn.execute(
        "SELECT id, name, url, title, author, published, source, language, duplicate_of, text FROM documents"
        f" WHERE id IN (SELECT DISTINCT e.document {base})", params,
    )}
    return _assemble(rows, roles, profiles, docs)


def _assemble(rows: list[Any], roles: dict[str, dict[str, list[str]]], profiles: dict[str, ActorProfile],
              docs: dict[str, Any]) -> list[DocumentAnalysis]:
    by_doc: dict[str, list[Event]] = defaultdict(list)
    order: list[str] = []
    for r in rows:
        doc = docs[r["document"]]
        if r["document"] not in by_doc:
            order.append(r["document"])
        by_doc[r["document"]].append(_event(r, roles[r["id"]], doc["text"]))
    analyses = []
    for doc_id in order:
        d = docs[doc_id]
        document = Document(
            id=doc_id, text=d["text"], sections=(), name=d["name"] or "", url=d["url"], title=d["title"],
            author=d["author"], published=d["published"], source=d["source"], language=d["language"],
            duplicate_of=d["duplicate_of"],
        )
        ids = dict.fromkeys(a for e in by_doc[doc_id] for a in (*e.source, *e.target))
        actors = tuple(Actor(profiles.get(a) or ActorProfile(a, a, known=False)) for a in ids)
        analyses.append(DocumentAnalysis(document=document, actors=actors, events=tuple(by_doc[doc_id])))
    return analyses


def _event(r: Any, roles: dict[str, list[str]], text: str) -> Event:
    s, e = r["sentence_start"], r["sentence_end"]
    return Event(
        type=r["type"], source=tuple(roles["source"]), target=tuple(roles["target"]),
        trigger=TextSpan(r["trigger_start"], r["trigger_end"], r["trigger_text"]),
        sentence=TextSpan(s, e, text[s:e]), section=r["section"], asserted_by=r["asserted_by"], mode=r["mode"],
        context=r["context"], negated=bool(r["negated"]), hedged=bool(r["hedged"]),
        hypothetical=bool(r["hypothetical"]), confidence=r["confidence"],
        evidence=tuple(TextSpan(x["start"], x["end"], text[x["start"]:x["end"]]) for x in json.loads(r["evidence"])),
    )
