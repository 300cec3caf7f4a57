"""pandas DataFrames for notebook users: events, actors and network edges (``pip install factionmap[pandas]``)."""

from __future__ import annotations

from typing import Any

from factionmap.analysis import SignedNetwork
from factionmap.query.actors import actors as list_actors
from factionmap.query.events import MAX_PAGE, EventQuery, events
from factionmap.query.reader import Reader

__all__ = ["events_frame", "actors_frame", "edges_frame"]


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("DataFrames need pandas: pip install 'factionmap[pandas]'") from exc
    return pandas


def events_frame(reader: Reader, query: EventQuery | None = None) -> Any:
    """Every event matching ``query`` (all pages), one row each, actors as ``;``-joined ids and names."""
    from dataclasses import replace

    q = replace(query or EventQuery(), limit=MAX_PAGE, cursor=None)
    rows = []
    while True:
        page = events(reader, q)
        for e in page.items:
            rows.append({
                "id": e.id, "document": e.document, "published": e.published, "outlet": e.outlet, "type": e.type,
                "sign": e.sign, "mode": e.mode, "source": ";".join(a.id for a in e.source),
                "source_names": ";".join(a.name for a in e.source), "target": ";".join(a.id for a in e.target),
                "target_names": ";".join(a.name for a in e.target), "negated": e.negated, "hedged": e.hedged,
                "hypothetical": e.hypothetical, "section": e.section, "voice": e.voice,
                "asserted_by": e.asserted_by, "trigger": e.trigger.text, "sentence": e.sentence.text,
                "confidence": e.confidence,
            })
        if page.next_cursor is None:
            break
        q = replace(q, cursor=page.next_cursor)
    return _pandas().DataFrame(rows)


def actors_frame(reader: Reader, search: str | None = None, limit: int = 1000) -> Any:
    """Actors with codes and counts, most mentioned first."""
    return _pandas().DataFrame([a.to_record() for a in list_actors(reader, search=search, limit=limit)])


def edges_frame(network: SignedNetwork) -> Any:
    """One row per directed edge: source and target ids and names, sign, weight, counts, types."""
    rows = []
    for u, v, d in network.graph.edges(data=True):
        rows.append({
            "source": u, "source_name": network.graph.nodes[u].get("name"), "target": v,
            "target_name": network.graph.nodes[v].get("name"),
            **{k: d[k] for k in ("sign", "weight", "positive", "negative", "count", "documents", "stories", "outlets")},
            "types": ";".join(f"{k}:{n}" for k, n in d["types"].items()),
        })
    return _pandas().DataFrame(rows)
