"""Ingest: read inputs (files, directories, JSONL, stdin) into :class:`RawInput` records.

Provisional: plain-text files only; the ingest work replaces this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from factionmap.model import IngestFailure, RawInput

__all__ = ["IngestOptions", "iter_inputs"]


@dataclass(frozen=True)
class IngestOptions:
    max_bytes: int = 20_000_000


def iter_inputs(sources: Iterable[str], options: IngestOptions | None = None) -> Iterator[RawInput | IngestFailure]:
    for source in sources:
        path = Path(source)
        try:
            yield RawInput(name=source, content=path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            yield IngestFailure(source, str(exc))
