"""Read endpoints: JSON over :mod:`factionmap.query` (documents, actors, events, the map, exports)."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, Response
from starlette.background import BackgroundTask

from factionmap import query
from factionmap.analysis import EXPORT_FORMATS, CampOptions
from factionmap.analysis.timeline import PERIODS
from factionmap.api.deps import MapDep, ReaderDep, types_of
from factionmap.query import EventQuery, QueryError, Reader

__all__ = ["router"]

router = APIRouter(prefix="/api")


def _json(content: Any) -> Response:
    return Response(json.dumps(content, ensure_ascii=False, separators=(",", ":")), media_type="application/json")


def _cached(request: Request, reader: Reader, key: tuple[Any, ...], build: Any) -> Response:
    cache = request.app.state.cache
    body = cache.get((reader.generation(), *key), lambda: json.dumps(build(), ensure_ascii=False,
                                                                   separators=(",", ":")).encode())
    return Response(body, media_type="application/json")


@router.get("/health")
def health(request: Request, reader: ReaderDep) -> Response:
    """Whether the database is readable, and how much it holds."""
    from factionmap.store import store_counts

    counts = store_counts(reader)
    first, last = reader.conn.execute(
        "SELECT min(substr(published, 1, 10)), max(substr(published, 1, 10)) FROM documents WHERE published IS NOT NULL"
    ).fetchone()
    return _json({"ok": True, "documents": counts.documents, "actors": counts.actors, "events": counts.events,
                  "published_min": first, "published_max": last, "write_token": reader is not None and
                  request.app.state.settings.token is not None})


@router.get("/documents")
def list_documents(
    reader: ReaderDep, q: Annotated[str | None, Query(description="Text to search for (any case).")] = None,
    outlet: str | None = None, since: str | None = None, until: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50, cursor: str | None = None,
) -> Response:
    """Documents in ingestion order, searched by text, outlet and date; paged with ``cursor``."""
    return _json(query.documents(reader, q, outlet, since, until, limit, cursor).to_record())


@router.get("/documents/{doc_id}")
def get_document(reader: ReaderDep, doc_id: str) -> Response:
    """A document (id or unique prefix): text, sections, actors with mentions, events, quotes, figures."""
    analysis = query.document(reader, doc_id)
    record = analysis.to_record()
    doc = analysis.document
    record["outlet"] = query.outlet_name(doc.source, doc.url)
    record["names"] = {a.id: a.profile.name for a in analysis.actors}
    return _json(record)


@router.get("/actors")
def list_actors(
    reader: ReaderDep, q: Annotated[str | None, Query(description="Id, name or mention text.")] = None,
    code: str | None = None, country: str | None = None, known: bool | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Response:
    """Actors by mentions, with codes and counts."""
    return _json([a.to_record() for a in query.actors(reader, q, code, country, known, limit)])


@router.get("/actors/{actor_id}")
def get_actor(request: Request, reader: ReaderDep, actor_id: str, m: MapDep, period: str = "month") -> Response:
    """An actor's page: codes, names, camp in its conflict piece, timeline, strongest allies and opponents."""
    _check_period(period)
    return _cached(request, reader, ("actor", actor_id, m.key(), period),
                   lambda: query.actor_view(reader, actor_id, m, period, index=_index(request, reader)).to_record())


@router.get("/events")
def list_events(
    reader: ReaderDep,
    actor: Annotated[str | None, Query(description="Id or name, as source or target.")] = None,
    other: Annotated[str | None, Query(description="With actor: the pair's events.")] = None,
    type: Annotated[list[str], Query()] = [],  # noqa: A002,B006
    sign: Annotated[str | None, Query(description="positive, negative or neutral")] = None,
    since: str | None = None, until: str | None = None, outlet: str | None = None,
    section: str | None = None,
    voice: Annotated[str | None, Query(description="author, speaker or commenter")] = None,
    min_confidence: Annotated[float, Query(ge=0.0, le=1.0)] = 0.0,
    document: str | None = None, limit: Annotated[int, Query(ge=1, le=500)] = 50, cursor: str | None = None,
) -> Response:
    """Events with their evidence sentences, filtered; paged with the ``next_cursor`` of the previous page."""
    q = EventQuery(actor=actor, other=other, types=types_of(type), sign=sign, since=since, until=until,
                   outlet=outlet, section=section, voice=voice, min_confidence=min_confidence, document=document,
                   limit=limit, cursor=cursor)
    return _json(query.events(reader, q).to_record())


@router.get("/network")
def get_network(
    request: Request, reader: ReaderDep, m: MapDep,
    camps: Annotated[int, Query(ge=0, le=8, description="Also solve this many camps for node colours (0: no; "
                                                        "the web app asks /api/camps separately).")] = 0,
    limit: Annotated[int | None, Query(ge=1, le=10000, description="Strongest edges only.")] = None,
) -> Response:
    """The signed network (nodes with camps, the strongest edges), aggregated on the server."""
    edges = limit or request.app.state.settings.edge_limit

    def build() -> dict[str, Any]:
        net = _index(request, reader).network(m, with_evidence=bool(camps))
        options = CampOptions(k=camps or 2, restarts=request.app.state.settings.camp_restarts)
        result = query.camps(reader, m, options, net=net) if camps else None
        return query.network_record(net, result, edges)

    return _cached(request, reader, ("network", m.key(), camps, edges), build)


@router.get("/edge")
def get_edge(request: Request, reader: ReaderDep, m: MapDep, source: str, target: str) -> Response:
    """The events one edge rests on (both directions), with evidence sentences, voice and outlet."""
    items = query.events_by_ids(reader, _index(request, reader).edge_event_ids(source, target, m))
    return _json({"source": source, "target": target, "items": [e.to_record() for e in items]})


@router.get("/camps")
def get_camps(
    request: Request, reader: ReaderDep, m: MapDep, k: Annotated[int, Query(ge=1, le=8)] = 2,
    affiliation_weight: Annotated[float, Query(ge=0.0)] = CampOptions.affiliation_weight,
) -> Response:
    """Camps (the pinned camps JSON); ``actor`` scopes to that actor's conflict piece."""
    options = CampOptions(k=k, affiliation_weight=affiliation_weight, restarts=request.app.state.settings.camp_restarts)
    return _cached(request, reader, ("camps", m.key(), k, affiliation_weight),
                   lambda: query.camps(reader, m, options, net=_index(request, reader).network(m)).to_record())


@router.get("/contradictions")
def get_contradictions(
    request: Request, reader: ReaderDep, m: MapDep, k: Annotated[int, Query(ge=1, le=8)] = 2, period: str = "month",
) -> Response:
    """Mixed signals from one voice, one actor backing both sides, outlets disagreeing.

    ``contradictions`` is the pinned list of ``factionmap contradictions --format json``; ``names`` maps
    the actor ids in it to names."""
    _check_period(period)

    def build() -> dict[str, Any]:
        found = [c.to_record() for c in query.contradictions(reader, m, CampOptions(k=k), period)]
        ids = sorted({a for c in found for a in c["actors"]})
        return {"contradictions": found, "names": _names(reader, ids)}

    return _cached(request, reader, ("contradictions", m.key(), k, period), build)


def _names(reader: Reader, ids: list[str]) -> dict[str, str]:
    names = {i: i for i in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for row in reader.conn.execute(f"SELECT id, name FROM actors WHERE id IN ({','.join('?' * len(chunk))})", chunk):
            names[row["id"]] = row["name"]
    return names


@router.get("/timeline")
def get_timeline(reader: ReaderDep, m: MapDep, of: str, other: str | None = None, period: str = "month") -> Response:
    """Events of an actor (``of``), or of a pair, by type per day, week or month."""
    _check_period(period)
    return _json([b.to_record() for b in query.timeline(reader, of, other, period, m)])


@router.get("/sources")
def get_sources(request: Request, reader: ReaderDep, m: MapDep) -> Response:
    """Which outlets report which relations, and how often outlets agree."""
    return _cached(request, reader, ("sources", m.key()), lambda: query.sources(reader, m).to_record())


@router.get("/outlets")
def get_outlets(reader: ReaderDep) -> Response:
    """Every outlet with its number of documents."""
    rows = reader.conn.execute(
        "SELECT fm_outlet(source, url) AS outlet, count(*) AS n FROM documents GROUP BY outlet ORDER BY n DESC"
    ).fetchall()
    return _json([{"outlet": r["outlet"], "documents": r["n"]} for r in rows if r["outlet"]])


@router.get("/export")
def get_export(reader: ReaderDep, m: MapDep, format: str) -> FileResponse:  # noqa: A002
    """Download an export: graphml, gexf, plover-jsonl, cameo-tsv, or csv/parquet tables as a zip."""
    if format not in EXPORT_FORMATS:
        raise QueryError(f"format={format!r} is not one of {', '.join(EXPORT_FORMATS)}", "format")
    folder = Path(tempfile.mkdtemp(prefix="factionmap-export-"))
    suffix = {"plover-jsonl": ".jsonl", "cameo-tsv": ".tsv"}.get(format, f".{format}")
    path = query.export(reader, folder / f"factionmap{suffix}", format, m)
    if path.is_dir():
        path = Path(shutil.make_archive(str(folder / f"factionmap-{format}"), "zip", path))
    cleanup = BackgroundTask(shutil.rmtree, folder, ignore_errors=True)
    return FileResponse(path, filename=path.name, background=cleanup)


def _index(request: Request, reader: Reader) -> query.MapIndex:
    return request.app.state.index.get(reader)


def _check_period(period: str) -> None:
    if period not in PERIODS:
        raise QueryError(f"period={period!r} is not one of {', '.join(PERIODS)}", "period")
