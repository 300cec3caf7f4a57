"""The map over the store: network, camps, contradictions, timelines, sources, an edge's events, exports.

Every function takes a :class:`Reader` (or a :class:`~factionmap.store.Store`)
and a :class:`MapQuery`, loads the counted events once (:func:`load_for_map`),
and calls :mod:`factionmap.analysis`; ``MapQuery.scope`` narrows the network to
an ego network, a country's theatre or an actor's conflict piece before camps
are solved.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from factionmap.analysis import (
    CampOptions, CampResult, Contradiction, ContradictionOptions, ExportOptions, SignedNetwork,
    SourceComparison, TimelineBucket, TimelineOptions, build_network, compare_sources, export as export_analyses,
    find_camps, find_contradictions, scope_network, timeline as timeline_of,
)
from factionmap.analysis.scope import ScopeError
from factionmap.analysis.timeline import PERIODS
from factionmap.model import DocumentAnalysis
from factionmap.query.actors import actor_names, actor_summary, affiliations
from factionmap.query.events import actor_ids, events_by_ids
from factionmap.query.loading import load_for_map
from factionmap.query.reader import QueryError, Reader
from factionmap.query.records import ActorRef, ActorView, EventRecord, MapQuery, Partner
from factionmap.store.core import event_id

__all__ = [
    "network", "camps", "contradictions", "timeline", "sources", "edge_events", "actor_view", "export",
    "network_record", "resolve_actor",
]


def resolve_actor(reader: Reader, query: str, param: str = "actor") -> str:
    """One actor id for an id or name; :class:`QueryError` listing the candidates when several match."""
    ids = actor_ids(reader, query, param)
    if len(ids) > 1:
        raise QueryError(f"{param}={query!r} matches several actors: {', '.join(ids[:10])}; give an id", param)
    return ids[0]


def _scoped(q: MapQuery, analyses: list[DocumentAnalysis]) -> SignedNetwork:
    full = build_network(analyses, q.network_options)
    try:
        return scope_network(full, q.scope)
    except ScopeError as exc:
        raise QueryError(str(exc), "actor" if q.scope.actor else "country") from exc


def network(reader: Reader, q: MapQuery | None = None) -> SignedNetwork:
    """The signed network of the events ``q`` selects, scoped by ``q.scope``."""
    q = q or MapQuery()
    return _scoped(q, load_for_map(reader, q))


def camps(reader: Reader, q: MapQuery | None = None, options: CampOptions | None = None,
          net: SignedNetwork | None = None) -> CampResult:
    """Camps by structural balance over the (scoped) network; ``net`` reuses one already built."""
    return find_camps(net if net is not None else network(reader, q), options or CampOptions())


def contradictions(reader: Reader, q: MapQuery | None = None, options: CampOptions | None = None,
                   period: str = "month") -> list[Contradiction]:
    """Contradictions among the events ``q`` selects; with a scope, those among actors in scope."""
    q = q or MapQuery()
    if period not in PERIODS:
        raise QueryError(f"period={period!r} is not one of {', '.join(PERIODS)}", "period")
    analyses = load_for_map(reader, q)
    net = _scoped(q, analyses)
    result = find_camps(net, options or CampOptions())
    found = find_contradictions(analyses, ContradictionOptions(q.network_options, period), camps=result, network=net)
    if q.scope.empty:
        return found
    return [c for c in found if all(a in net.graph for a in c.actors)]


def timeline(reader: Reader, actor: str, other: str | None = None, period: str = "month",
             q: MapQuery | None = None) -> list[TimelineBucket]:
    """An actor's (or a pair's) counted events by type per period."""
    q = q or MapQuery()
    if period not in PERIODS:
        raise QueryError(f"period={period!r} is not one of {', '.join(PERIODS)}", "period")
    first = resolve_actor(reader, actor)
    second = resolve_actor(reader, other, "other") if other else None
    analyses = load_for_map(reader, q, () if q.roll_up else (first,))
    return timeline_of(analyses, TimelineOptions(first, second, period, q.network_options))


def sources(reader: Reader, q: MapQuery | None = None) -> SourceComparison:
    """Which outlets report which relations, and how often outlets agree."""
    q = q or MapQuery()
    return compare_sources(load_for_map(reader, q), q.network_options)


def edge_events(reader: Reader, source: str, target: str, q: MapQuery | None = None) -> list[EventRecord]:
    """The events an edge of the network rests on (either direction), as the network counted them."""
    q = q or MapQuery()
    from factionmap.analysis.network import collect_profiles, iter_relations, roll_up_map

    analyses = load_for_map(reader, q, () if q.roll_up else (source, target))
    mapping = roll_up_map(collect_profiles(analyses))
    ids: dict[str, None] = {}
    for r in iter_relations(analyses, q.network_options, mapping):
        if {r.source, r.target} == {source, target}:
            ids[event_id(r.document, r.event)] = None
    return events_by_ids(reader, list(ids))


def _partners(net: SignedNetwork, actor: str) -> list[Partner]:
    view = net.undirected()
    if actor not in view:
        return []
    found = []
    for other in view.neighbors(actor):
        data = view[actor][other]
        profile = net.profiles.get(other)
        found.append(Partner(ActorRef(other, profile.name if profile else other), data["weight"], data["count"]))
    return found


def actor_view(reader: Reader, actor: str, q: MapQuery | None = None, period: str = "month",
               options: CampOptions | None = None, index: Any = None) -> ActorView:
    """An actor's page: codes and counts, names, camp within its conflict piece, timeline, partners.

    ``index`` (a :class:`~factionmap.query.MapIndex`) supplies the network from memory.
    """
    from factionmap.analysis.scope import Scope

    q = q or MapQuery()
    summary = actor_summary(reader, actor)
    full = index.network(replace(q, scope=Scope())) if index is not None else \
        build_network(load_for_map(reader, q), q.network_options)
    camp, members = None, ()
    if actor in full.graph:
        piece = scope_network(full, Scope(actor=actor))
        result = find_camps(piece, options or CampOptions())
        camp = result.camp_of(actor)
        if camp is not None:
            members = tuple(ActorRef(a, piece.profiles[a].name if a in piece.profiles else a)
                            for a in result.camps[camp] if a != actor)
    partners = _partners(full, actor)
    allies = sorted((p for p in partners if p.weight > 0), key=lambda p: -p.weight)[:10]
    opponents = sorted((p for p in partners if p.weight < 0), key=lambda p: p.weight)[:10]
    own = load_for_map(reader, q, () if q.roll_up else (actor,))
    buckets = timeline_of(own, TimelineOptions(actor, None, period, q.network_options))
    return ActorView(summary, affiliations(reader, actor), actor_names(reader, actor), camp, members,
                     tuple(buckets), tuple(allies), tuple(opponents))


def export(reader: Reader, path: str | Path, fmt: str, q: MapQuery | None = None) -> Path:
    """Write an export (graphml, gexf, csv, parquet, plover-jsonl, cameo-tsv) of the stored analyses."""
    from factionmap.analysis.sql import StoredAnalyses

    q = q or MapQuery()
    analyses = StoredAnalyses(reader, since=q.since, until=q.until)  # streamed into the writer, never all held
    return export_analyses(analyses, Path(path), ExportOptions(fmt, q.network_options))


def network_record(net: SignedNetwork, result: CampResult | None = None, limit: int | None = None) -> dict[str, Any]:
    """The network as JSON: nodes (with camp, strength, events) and the ``limit`` strongest edges."""
    edges = sorted(net.graph.edges(data=True), key=lambda e: (-abs(e[2]["weight"]), e[0], e[1]))
    kept = edges[:limit] if limit else edges
    strength: Counter[str] = Counter()
    count: Counter[str] = Counter()
    for u, v, d in kept:
        for n in (u, v):
            strength[n] += abs(d["weight"])
            count[n] += d["count"]
    nodes = []
    for n in sorted(strength):
        data = net.graph.nodes[n]
        node = {"id": n, **data, "strength": round(strength[n], 4), "events": count[n]}
        if result is not None:
            node["camp"] = result.camp_of(n)
        nodes.append(node)
    record: dict[str, Any] = {
        "nodes": nodes,
        "edges": [{"source": u, "target": v, **d} for u, v, d in kept],
        "total_nodes": net.graph.number_of_nodes(),
        "total_edges": net.graph.number_of_edges(),
    }
    if result is not None:
        record["camps"] = result.to_record()
    return record

