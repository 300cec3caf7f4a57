"""ACLED-style CSV: one row per counted event whose PLOVER type ACLED records.

Event, sub-event and disorder types come from ``data/acled_types.tsv`` (PLOVER type, mode and a
civilian target → ACLED's types); actor types ("inter" codes) from ``data/acled_inter.tsv``
(sector → 1 state forces … 8 external/other forces).  ``interaction`` is ACLED's two-digit
combination (the smaller code first; ``10`` for state forces acting alone).  ``assoc_actor_*``
list the other sources and targets (``;``-joined); ``time_precision`` is 1 day, 2 week, 3 month
or year; ``geo_precision`` 1 town, 2 first-level area, 3 country, water body or region;
``notes`` is the evidence sentence and ``fatalities`` the event's killed total (0 when none).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from factionmap.analysis.formats.common import CountedEvent, counted_events
from factionmap.analysis.network import NetworkOptions, outlet_of
from factionmap.datafiles import DataFileError, read_rows
from factionmap.model import ActorProfile, DocumentAnalysis

__all__ = ["ACLED_COLUMNS", "AcledType", "acled_types", "acled_rows", "write_acled"]

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "iso", "country",
    "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
)
_TIME = {"day": 1, "week": 2, "month": 3, "year": 3}
_GEO = {"city": 1, "admin1": 2}


@dataclass(frozen=True, slots=True)
class AcledType:
    plover_type: str
    mode: str  # "*" = any
    target: str  # "*" or a sector a target must have
    disorder_type: str
    event_type: str
    sub_event_type: str


@lru_cache(maxsize=1)
def acled_types() -> tuple[AcledType, ...]:
    rows = []
    for name, number, cols in read_rows(None, "acled_types.tsv"):
        if len(cols) != 6:
            raise DataFileError(f"{name}:{number}: expected 6 tab-separated columns")
        rows.append(AcledType(*cols))
    return tuple(rows)


@lru_cache(maxsize=1)
def _inter() -> dict[str, int]:
    out = {}
    for name, number, cols in read_rows(None, "acled_inter.tsv"):
        if len(cols) != 2 or not cols[1].isdigit():
            raise DataFileError(f"{name}:{number}: expected 'sector<TAB>code'")
        out[cols[0]] = int(cols[1])
    return out


def _type_of(item: CountedEvent) -> AcledType | None:
    e = item.event
    sectors = {p.sector for p in item.targets}
    for row in acled_types():
        if row.plover_type == e.type and row.mode in ("*", e.mode or "") and row.target in ("*", *sectors):
            return row
    return None


def _inter_of(profile: ActorProfile | None) -> int:
    if profile is None:
        return 0
    if profile.sector is None or profile.sector == profile.country or profile.kind == "country":
        return 1 if profile.country else 0
    return _inter().get(profile.sector, 0)


def _name(profile: ActorProfile | None) -> str:
    return profile.name if profile else ""


def _row(item: CountedEvent, kind: AcledType) -> dict[str, object]:
    e, doc, loc = item.event, item.analysis.document, item.event.location
    sources, targets = item.sources, item.targets
    first, second = (sources[0] if sources else None), (targets[0] if targets else None)
    inter1, inter2 = _inter_of(first), _inter_of(second)
    low, high = sorted((inter1, inter2)) if inter2 else (inter1, 0)
    return {
        "event_id_cnty": item.id, "event_date": item.day.isoformat() if item.day else "",
        "year": item.day.year if item.day else "", "time_precision": _TIME.get(e.date_precision or "day", 1),
        "disorder_type": kind.disorder_type, "event_type": kind.event_type, "sub_event_type": kind.sub_event_type,
        "actor1": _name(first), "assoc_actor_1": ";".join(p.name for p in sources[1:]), "inter1": inter1,
        "actor2": _name(second), "assoc_actor_2": ";".join(p.name for p in targets[1:]), "inter2": inter2 or "",
        "interaction": low * 10 + high if low else high * 10, "iso": loc.country if loc and loc.country else "",
        "country": loc.country if loc and loc.country else "", "admin1": loc.admin1 or "" if loc else "",
        "location": loc.name if loc else "", "latitude": loc.lat if loc and loc.lat is not None else "",
        "longitude": loc.lon if loc and loc.lon is not None else "",
        "geo_precision": _GEO.get(loc.precision, 3) if loc else "",
        "source": outlet_of(item.analysis) or doc.url or doc.name or doc.id, "notes": " ".join(item.sentence.split()),
        "fatalities": e.killed or 0,
    }


def acled_rows(analyses: Iterable[DocumentAnalysis], options: NetworkOptions | None = None) -> Iterator[dict]:
    for item in counted_events(analyses, options):
        kind = _type_of(item)
        if kind is not None:
            yield _row(item, kind)


def write_acled(analyses: Iterable[DocumentAnalysis], path: Path, options: NetworkOptions | None = None) -> int:
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        for row in acled_rows(analyses, options):
            writer.writerow(row)
            count += 1
    return count
