"""The signed network straight from the store: documents streamed one at a time, never all held.

:func:`build_network` takes every :class:`DocumentAnalysis` in memory (text,
sections, mentions, quotes and figures included: about 27 KB a document).
:func:`stored_network` gives the same :class:`SignedNetwork` from a
:class:`Store` while holding one document's text and events at a time: the
window is an SQL filter, profiles come from one query over the actors the
window's documents name, and each document's events are read with their actor
roles and evidence offsets, turned into relations by the same
:func:`iter_relations` as :func:`build_network`, and aggregated per pair
with the same edge rules.  What grows with the store is only the output
(pairs, their relations' totals and evidence).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from factionmap.analysis.network import (
    Evidence,
    NetworkOptions,
    Relation,
    SignedNetwork,
    _edge_attributes,
    _node_attributes,
    _profile,
    iter_relations,
    roll_up_map,
)
from factionmap.model import ActorProfile, Document, DocumentAnalysis, Event, TextSpan

if TYPE_CHECKING:
    from factionmap.store import Store

__all__ = ["stored_network", "window_sql"]


def window_sql(since: str | None, until: str | None, alias: str = "d") -> tuple[str, list[str]]:
    """The ``WHERE`` clause (and parameters) of :meth:`Store.iter_analyses`'s date window."""
    sql, params = "1=1", []
    if since:
        sql += f" AND {alias}.published IS NOT NULL AND {alias}.published >= ?"
        params.append(since)
    if until:
        sql += f" AND {alias}.published IS NOT NULL AND {alias}.published <= ?"
        params.append(until + "\uffff")
    return sql, params


def _profiles(conn: sqlite3.Connection, where: str, params: list[str]) -> dict[str, ActorProfile]:
    from factionmap.store.core import profile_from_row

    rows = conn.execute(
        "SELECT a.* FROM actors a WHERE a.id IN (SELECT da.actor FROM document_actors da"
        f" JOIN documents d ON d.id = da.document WHERE {where}) ORDER BY a.id", params,
    ).fetchall()
    return {row["id"]: profile_from_row(row) for row in rows}


def _event(row: sqlite3.Row, roles: dict[str, list[str]], text: str) -> Event:
    s_start, s_end = row["sentence_start"], row["sentence_end"]
    return Event(
        type=row["type"], source=tuple(roles["source"]), target=tuple(roles["target"]),
        trigger=TextSpan(row["trigger_start"], row["trigger_end"], row["trigger_text"]),
        sentence=TextSpan(s_start, s_end, text[s_start:s_end]), section=row["section"],
        asserted_by=row["asserted_by"], mode=row["mode"], context=row["context"], negated=bool(row["negated"]),
        hedged=bool(row["hedged"]), hypothetical=bool(row["hypothetical"]), confidence=row["confidence"],
        evidence=tuple(TextSpan(s["start"], s["end"], text[s["start"]:s["end"]]) for s in json.loads(row["evidence"])),
    )


def _documents(conn: sqlite3.Connection, where: str, params: list[str]) -> Iterator[DocumentAnalysis]:
    """Each window document with its events only (no sections, actors, quotes or figures)."""
    ids = conn.execute(f"SELECT d.id FROM documents d WHERE {where} AND EXISTS"
                       " (SELECT 1 FROM events e WHERE e.document = d.id) ORDER BY d.rowid", params)
    for (doc_id,) in ids.fetchall():
        doc = conn.execute("SELECT id, text, url, published, source, duplicate_of FROM documents WHERE id = ?",
                           (doc_id,)).fetchone()
        roles: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"source": [], "target": []})
        for r in conn.execute("SELECT ea.event, ea.actor, ea.role FROM event_actors ea JOIN events e ON e.id = ea.event"
                              " WHERE e.document = ? ORDER BY ea.event, ea.role, ea.position", (doc_id,)):
            roles[r["event"]][r["role"]].append(r["actor"])
        events = tuple(_event(r, roles[r["id"]], doc["text"]) for r in
                       conn.execute("SELECT * FROM events WHERE document = ? ORDER BY idx", (doc_id,)))
        document = Document(id=doc["id"], text=doc["text"], sections=(), url=doc["url"], published=doc["published"],
                            source=doc["source"], duplicate_of=doc["duplicate_of"])
        yield DocumentAnalysis(document, events=events)


def stored_network(store: Store, options: NetworkOptions | None = None, since: str | None = None,
                   until: str | None = None) -> SignedNetwork:
    """:func:`build_network` over ``store.iter_analyses(since, until)``, one document in memory at a time."""
    import networkx as nx

    options = options or NetworkOptions()
    where, params = window_sql(since, until)
    profiles = _profiles(store.conn, where, params)
    mapping = roll_up_map(profiles)
    by_pair: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    for analysis in _documents(store.conn, where, params):
        for relation in iter_relations([analysis], options, mapping):
            by_pair[(relation.source, relation.target)].append(relation)
    graph = nx.DiGraph()
    for node in sorted({n for pair in by_pair for n in pair}):
        graph.add_node(node, **_node_attributes(node, profiles))
    evidence: dict[tuple[str, str], tuple[Evidence, ...]] = {}
    for (source, target), group in sorted(by_pair.items()):
        graph.add_edge(source, target, **_edge_attributes(group))
        evidence[(source, target)] = tuple(dict.fromkeys(e for r in group for e in r.evidence))
    return SignedNetwork(graph, {n: _profile(n, profiles) for n in graph.nodes}, evidence)
