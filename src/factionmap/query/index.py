"""An in-memory index of the map for a server: relations read once per database state, filtered per request.

Reading and weighing 20,000 events takes seconds; filtering relations already
weighed takes milliseconds.  :class:`MapIndex` reads every event that can count
(not negated, not hypothetical) once, turns it into
:class:`~factionmap.analysis.network.Relation` records with
:func:`~factionmap.analysis.network.iter_relations` (comments and every
confidence kept, with and without roll-up), and answers a :class:`MapQuery` by
keeping the relations that pass the analysis' own checks (``in_window``,
``event_counts``) and the type and outlet filters, then aggregating them as
:func:`~factionmap.analysis.build_network` does.  Build a new index when
:meth:`Reader.generation` changes.
"""

from __future__ import annotations

import calendar
import gc
import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import networkx as nx

from factionmap.analysis.network import (
    NetworkOptions, Relation, SignedNetwork, _edge_attributes, _node_attributes, _profile, collect_profiles,
    event_counts, in_window, iter_relations, roll_up_map,
)
from factionmap.analysis.scope import scope_network
from factionmap.analysis.scope import ScopeError
from factionmap.model import ActorProfile, DocumentAnalysis
from factionmap.query.loading import load_for_map
from factionmap.query.reader import QueryError, Reader
from factionmap.query.records import MapQuery
from factionmap.store.core import event_id

__all__ = ["MapIndex", "IndexHolder", "network_from_relations", "window_of"]

#: Edge attribute sets remembered per index before the memo is emptied.
_EDGE_MEMO = 200_000


def window_of(q: MapQuery) -> tuple[date | None, date | None]:
    """``since``/``until`` strings as inclusive dates (``2019-04`` until → 30 April)."""
    def bound(value: str | None, end: bool) -> date | None:
        if not value:
            return None
        parts = [int(p) for p in value.split("-")]
        year, month = parts[0], parts[1] if len(parts) > 1 else (12 if end else 1)
        day = parts[2] if len(parts) > 2 else (calendar.monthrange(year, month)[1] if end else 1)
        return date(year, month, day)

    return bound(q.since, False), bound(q.until, True)


def network_from_relations(relations: list[Relation], profiles: dict[str, ActorProfile],
                           with_evidence: bool = True) -> SignedNetwork:
    """Aggregate relations into a :class:`SignedNetwork`, exactly as ``build_network`` does
    (``with_evidence=False`` leaves the evidence map empty, for views that fetch it per edge)."""
    by_pair: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    for relation in relations:
        by_pair[(relation.source, relation.target)].append(relation)
    graph = nx.DiGraph()
    for node in sorted({n for pair in by_pair for n in pair}):
        graph.add_node(node, **_node_attributes(node, profiles))
    evidence = {}
    for (source, target), group in sorted(by_pair.items()):
        graph.add_edge(source, target, **_edge_attributes(group))
        if with_evidence:
            evidence[(source, target)] = tuple(dict.fromkeys(e for r in group for e in r.evidence))
    return SignedNetwork(graph, {n: _profile(n, profiles) for n in graph.nodes}, evidence)


@dataclass
class MapIndex:
    """Relations of one database state; :meth:`network` answers a :class:`MapQuery` from memory."""

    generation: tuple[int, int]
    analyses: list[DocumentAnalysis]
    profiles: dict[str, ActorProfile]
    _relations: dict[bool, list[Relation]] = field(default_factory=dict)
    _edges: dict[tuple[object, ...], dict[str, object]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, reader: Reader) -> MapIndex:
        generation = reader.generation()
        analyses = load_for_map(reader, MapQuery(include_comments=True))
        return cls(generation, analyses, collect_profiles(analyses))

    def extended(self, reader: Reader) -> MapIndex:
        """A new index with the documents stored since this one was read (documents are only ever added).

        Profiles are re-read with the new documents (a later document may code an
        actor better); relations without roll-up are extended, those with roll-up
        rebuilt when next asked for, since affiliations may have changed.
        """
        generation = reader.generation()
        if generation[0] < self.generation[0] or generation[1] < self.generation[1]:
            return MapIndex.load(reader)
        new = load_for_map(reader, MapQuery(include_comments=True), after=self.generation[0])
        profiles = {**self.profiles, **collect_profiles(new)}
        relations = {}
        if False in self._relations:
            options = NetworkOptions(include_comments=True)
            relations[False] = self._relations[False] + list(iter_relations(new, options))
        return MapIndex(generation, self.analyses + new, profiles, relations)

    def relations(self, roll_up: bool) -> list[Relation]:
        if roll_up not in self._relations:
            options = NetworkOptions(include_comments=True, roll_up=roll_up)
            self._relations[roll_up] = list(iter_relations(self.analyses, options, roll_up_map(self.profiles)))
        return self._relations[roll_up]

    def _keep(self, q: MapQuery) -> Callable[[Relation], bool]:
        """Whether a relation counts under ``q`` (window, comments, confidence, types, outlet)."""
        since, until = window_of(q)
        options = NetworkOptions(since=since, until=until, include_comments=q.include_comments,
                                 roll_up=q.roll_up, min_confidence=q.min_confidence)
        types = {t.upper() for t in q.types}
        outlet = q.outlet

        def keep(r: Relation) -> bool:
            return ((not types or r.event.type in types) and (outlet is None or r.outlet == outlet)
                    and in_window(r.published, options) and event_counts(r.event, options))

        return keep

    def select(self, q: MapQuery) -> list[Relation]:
        """The relations that count under ``q``."""
        keep = self._keep(q)
        return [r for r in self.relations(q.roll_up) if keep(r)]

    def network(self, q: MapQuery, with_evidence: bool = True) -> SignedNetwork:
        """The scoped network for ``q``: :func:`network_from_relations` of :meth:`select`, with each edge's
        attributes remembered for the set of relations it was computed from."""
        relations, keep = self.relations(q.roll_up), self._keep(q)
        by_pair: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, r in enumerate(relations):
            if keep(r):
                by_pair[(r.source, r.target)].append(i)
        graph = nx.DiGraph()
        for node in sorted({n for pair in by_pair for n in pair}):
            graph.add_node(node, **_node_attributes(node, self.profiles))
        evidence = {}
        for pair, positions in sorted(by_pair.items()):
            graph.add_edge(*pair, **self._attributes(q.roll_up, pair, positions, relations))
            if with_evidence:
                evidence[pair] = tuple(dict.fromkeys(e for i in positions for e in relations[i].evidence))
        full = SignedNetwork(graph, {n: _profile(n, self.profiles) for n in graph.nodes}, evidence)
        try:
            return scope_network(full, q.scope)
        except ScopeError as exc:
            raise QueryError(str(exc), "actor" if q.scope.actor else "country") from exc

    def _attributes(self, roll_up: bool, pair: tuple[str, str], positions: list[int],
                    relations: list[Relation]) -> dict[str, object]:
        key = (roll_up, pair, tuple(positions))
        found = self._edges.get(key)
        if found is None:
            if len(self._edges) > _EDGE_MEMO:
                self._edges.clear()
            found = self._edges[key] = _edge_attributes([relations[i] for i in positions])
        return found

    def edge_event_ids(self, source: str, target: str, q: MapQuery) -> list[str]:
        """Ids of the events an edge rests on (either direction), in document order."""
        ids: dict[str, None] = {}
        for r in self.select(q):
            if {r.source, r.target} == {source, target}:
                ids[event_id(r.document, r.event)] = None
        return list(ids)


class IndexHolder:
    """The current :class:`MapIndex` of a database, rebuilt (once, under a lock) when its generation changes.

    With ``freeze_gc`` (servers), the objects alive after a (re)build are moved out of the
    garbage collector's view (:func:`gc.freeze`), so its full collections do not rescan
    hundreds of thousands of long-lived records during requests.
    """

    def __init__(self, freeze_gc: bool = False) -> None:
        self._index: MapIndex | None = None
        self._lock = threading.Lock()
        self._freeze_gc = freeze_gc

    def get(self, reader: Reader) -> MapIndex:
        generation = reader.generation()
        index = self._index
        if index is not None and index.generation == generation:
            return index
        with self._lock:
            if self._index is None:
                self._index = MapIndex.load(reader)
            elif self._index.generation != reader.generation():
                self._index = self._index.extended(reader)
            else:
                return self._index
            if self._freeze_gc:  # a server's index lives long: keep the collector from rescanning it
                gc.collect()
                gc.freeze()
            return self._index
