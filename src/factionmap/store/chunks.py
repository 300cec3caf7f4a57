"""Inputs in chunks: the unit of work both engines send to a worker or an actor.

A chunk closes at :data:`CHUNK_SIZE` inputs or :data:`CHUNK_CHARS` characters,
whichever comes first: large enough to amortise a round trip (a pickle, a task),
small enough that the last chunks of a run spread over every worker.  Light on
purpose (no spaCy): Ray read tasks import it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from factionmap.model import IngestFailure, RawInput

__all__ = ["CHUNK_CHARS", "CHUNK_SIZE", "chunks"]

CHUNK_SIZE = 32  # inputs per chunk: enough to amortise a round trip, small enough to balance the tail
CHUNK_CHARS = 200_000  # a chunk of large pages closes early

Item = RawInput | IngestFailure


def chunks(items: Iterable[Item], size: int = CHUNK_SIZE, chars: int = CHUNK_CHARS) -> Iterator[list[Item]]:
    """``items`` in order, in lists of at most ``size`` inputs and about ``chars`` characters."""
    chunk: list[Item] = []
    total = 0
    for item in items:
        chunk.append(item)
        total += len(item.content) if isinstance(item, RawInput) else 0
        if len(chunk) >= size or total >= chars:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk
