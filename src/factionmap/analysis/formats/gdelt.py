"""The GDELT 2.0 event table: 61 tab-separated columns in GDELT's order, no header by default.

One row per counted event: Actor1 is the event's first source, Actor2 its first target (GDELT
events are dyadic).  Codes: Actor*Code is the CAMEO-style actor code (``SYRMIL``), CountryCode
the ISO-3 code, KnownGroupCode the code of an international or non-governmental actor
(``IGO``, ``NGO``), Type1Code the sector.  EventCode/BaseCode/RootCode, QuadClass and
GoldsteinScale come from :mod:`factionmap.analysis.codes`; NumMentions/NumSources/NumArticles
from the deduplicated stories; AvgTone is 0 (no tone is measured).  The three geo blocks are
filled from the event's location (Geo_Type 1 country, 2 US state, 3 US city, 4 world city,
5 world first-level area; a body of water or a region is type 1 without a country when it spans
several states), with FIPS country and ADM1 codes as GDELT writes them and the GeoNames id as
FeatureID.  SOURCEURL is the document URL, empty for local files.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from pathlib import Path

from factionmap.analysis.codes import code_for
from factionmap.analysis.formats.common import CountedEvent, counted_events, gdelt_event_number
from factionmap.analysis.network import NetworkOptions
from factionmap.model import ActorProfile, DocumentAnalysis, Location

__all__ = ["GDELT_COLUMNS", "gdelt_rows", "write_gdelt"]

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

#: GDELT 2.0's 61 event columns, in order.
GDELT_COLUMNS: tuple[str, ...] = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{c}" for c in _ACTOR) + tuple(f"Actor2{c}" for c in _ACTOR)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"Actor1Geo_{c}" for c in _GEO) + tuple(f"Actor2Geo_{c}" for c in _GEO)
    + tuple(f"ActionGeo_{c}" for c in _GEO)
    + ("DATEADDED", "SOURCEURL")
)
_GROUPS = frozenset({"IGO", "NGO", "MNC", "UNO", "NAT", "EUR", "AFR"})


@lru_cache(maxsize=1)
def _fips() -> dict[str, str]:
    """ISO-3 → FIPS 10-4 country code (``data/geo/fips.tsv``)."""
    text = resources.files("factionmap.data").joinpath("geo/fips.tsv").read_text(encoding="utf-8")
    return dict(line.split("\t")[:2] for line in text.splitlines() if line and not line.startswith("#"))


def _actor(profile: ActorProfile | None) -> list[str]:
    if profile is None:
        return [""] * len(_ACTOR)
    group = profile.country if profile.country in _GROUPS else ""
    country = "" if group else profile.country or ""
    return [profile.code or "", profile.name.upper(), country, group, "", "", "", profile.sector or "", "", ""]


def _geo(location: Location | None) -> list[str]:
    if location is None:
        return ["0", "", "", "", "", "", "", ""]
    fips = _fips().get(location.country or "", "")
    us = location.country == "USA"
    kind = {"country": 1, "admin1": 2 if us else 5, "city": 3 if us else 4}.get(location.precision, 1)
    code = (location.admin1_code or "").partition(".")[2]
    adm1 = f"{fips}{code}" if code and location.precision in ("city", "admin1") else fips
    full = ", ".join(p for p in (location.name, location.admin1 if location.precision == "city" else None) if p)
    return [str(kind), full, fips, adm1, "", _num(location.lat), _num(location.lon),
            str(location.geonameid or "")]


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _row(item: CountedEvent, added: str) -> list[str]:
    e, doc = item.event, item.analysis.document
    sources, targets = item.sources, item.targets
    target = targets[0] if targets else None
    code = code_for(e.type, target.sector if target else None)
    day = item.day
    fraction = f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else ""
    geo = _geo(e.location)
    return (
        [str(gdelt_event_number(item.id)), day.strftime("%Y%m%d") if day else "", day.strftime("%Y%m") if day else "",
         str(day.year) if day else "", fraction]
        + _actor(sources[0] if sources else None) + _actor(target)
        + [str(int(item.index == 0 or e.section == "title")), code.cameo, code.cameo[:3], code.cameo_root,
           str(code.quad), f"{code.goldstein:.1f}", str(item.counts.mentions), str(item.counts.sources),
           str(item.counts.articles), "0"]
        + geo + geo + geo
        + [added, doc.url or ""]
    )


def gdelt_rows(analyses: Iterable[DocumentAnalysis], options: NetworkOptions | None = None,
               added: datetime | None = None) -> Iterator[list[str]]:
    """Rows of :data:`GDELT_COLUMNS` strings; ``added`` is DATEADDED (default: now, UTC)."""
    stamp = (added or datetime.now(timezone.utc)).strftime("%Y%m%d%H%M%S")
    for item in counted_events(analyses, options):
        yield [value.replace("\t", " ").replace("\n", " ") for value in _row(item, stamp)]


def write_gdelt(analyses: Iterable[DocumentAnalysis], path: Path, options: NetworkOptions | None = None,
                header: bool = False, added: datetime | None = None) -> int:
    """Write the table; ``header`` adds GDELT's column names as a first line. Returns the row count."""
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        if header:
            writer.writerow(GDELT_COLUMNS)
        for row in gdelt_rows(analyses, options, added):
            writer.writerow(row)
            count += 1
    return count
