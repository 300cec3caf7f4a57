"""Request dependencies: the read-only connection, the token check, and the map filters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Query, Request

from factionmap.analysis.scope import Scope, ScopeError
from factionmap.api.security import check_token
from factionmap.query import MapQuery, QueryError, Reader, resolve_actor

__all__ = ["get_reader", "read_access", "map_query", "types_of", "ReaderDep", "MapDep"]


def read_access(request: Request) -> None:
    """Reads need the token only on a non-loopback host."""
    settings = request.app.state.settings
    if settings.protect_reads:
        check_token(request, settings.token)


def get_reader(request: Request, _: Annotated[None, Depends(read_access)]) -> Iterator[Reader]:
    """A read-only connection for this request, closed afterwards."""
    reader = Reader(request.app.state.settings.db).open()
    try:
        yield reader
    finally:
        reader.close()


ReaderDep = Annotated[Reader, Depends(get_reader)]


def types_of(values: list[str]) -> tuple[str, ...]:
    """``type=SUPPORT&type=AID`` or ``type=SUPPORT,AID``."""
    return tuple(t.strip().upper() for v in values for t in v.split(",") if t.strip())


def map_query(
    reader: ReaderDep,
    since: Annotated[str | None, Query(description="Documents published on or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, Query(description="Documents published on or before (YYYY[-MM[-DD]]).")] = None,
    type: Annotated[list[str], Query(description="PLOVER types (repeat or comma-separate).")] = [],  # noqa: A002,B006
    outlet: Annotated[str | None, Query(description="One outlet (source, or the URL's host).")] = None,
    min_confidence: Annotated[float, Query(ge=0.0, le=1.0)] = 0.0,
    include_comments: bool = False,
    roll_up: Annotated[bool, Query(description="Merge people into the organisation they lead.")] = False,
    actor: Annotated[str | None, Query(description="Scope: this actor's conflict piece (id or name).")] = None,
    hops: Annotated[int | None, Query(ge=0, le=6, description="With actor: the ego network of N hops.")] = None,
    country: Annotated[str | None, Query(description="Scope: a country's theatre (ISO-3).")] = None,
) -> MapQuery:
    actor_id = resolve_actor(reader, actor) if actor else None
    try:
        scope = Scope(actor=actor_id, hops=hops, country=country or None)
    except ScopeError as exc:
        raise QueryError(str(exc), "hops") from exc
    return MapQuery(since=since, until=until, types=types_of(type), outlet=outlet or None,
                    min_confidence=min_confidence, include_comments=include_comments, roll_up=roll_up, scope=scope)


MapDep = Annotated[MapQuery, Depends(map_query)]
