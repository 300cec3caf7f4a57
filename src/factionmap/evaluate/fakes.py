"""FA-KES articles: does some ``killed`` figure equal the gold civilian death toll, and is the
article's most frequent event location (city or admin1) the gold place?"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from typing import Any

from factionmap.evaluate.common import FakesReport, Miss, _analyze, _default_analyzer
from factionmap.geo import Gazetteer, Place, default_gazetteer, name_key
from factionmap.model import DocumentAnalysis, Location

__all__ = ["evaluate_fakes", "main_location", "same_place"]

#: FA-KES reports on Syria: the gold place is read among Syrian towns and governorates.
FAKES_COUNTRY = "SYR"


def evaluate_fakes(records: Sequence[dict[str, Any]], analyzer=None) -> FakesReport:
    """Killed-figure accuracy and location accuracy over FA-KES-style records."""
    analyzer = _default_analyzer(analyzer)
    started = time.perf_counter()
    analyses = _analyze(analyzer, records)
    gazetteer = default_gazetteer()
    with_deaths = equal = with_killed = 0
    with_gold_place = place_equal = with_location = 0
    misses: list[Miss] = []
    for record, analysis in zip(records, analyses):
        labels = record.get("labels") or {}
        located = main_location(analysis)
        with_location += located is not None
        gold_place = labels.get("location")
        if gold_place:
            with_gold_place += 1
            if located is not None and same_place(gazetteer, located, str(gold_place)):
                place_equal += 1
            else:
                found = f"{located.name} ({located.admin1 or '-'})" if located else "none"
                misses.append(Miss(str(record.get("id")), "missed_location", f"gold {gold_place} | found {found}"))
        killed = [f for f in analysis.figures if f.kind == "killed"]
        with_killed += bool(killed)
        gold = labels.get("civilians_killed")
        try:
            gold = int(gold)
        except (TypeError, ValueError):
            continue
        if gold <= 0:
            continue
        with_deaths += 1
        if any(f.value == gold for f in killed):
            equal += 1
        else:
            found = ", ".join(f"{f.value}({f.subject or '-'})" for f in killed) or "none"
            misses.append(Miss(str(record.get("id")), "missed_killed", f"gold {gold} | killed figures: {found}"))
    return FakesReport(
        dataset="fakes",
        records=len(records),
        seconds=round(time.perf_counter() - started, 2),
        with_deaths=with_deaths,
        killed_equal=equal,
        with_killed_figure=with_killed,
        misses=tuple(misses),
        with_gold_location=with_gold_place,
        location_equal=place_equal,
        with_event_location=with_location,
    )


def main_location(analysis: DocumentAnalysis) -> Location | None:
    """The most frequent event location of a document at city or admin1 level (first seen wins ties)."""
    located = [e.location for e in analysis.events if e.location and e.location.precision in ("city", "admin1")]
    if not located:
        return None
    counts = Counter((loc.name, loc.admin1) for loc in located)
    best = max(counts.values())
    return next(loc for loc in located if counts[(loc.name, loc.admin1)] == best)


def _places(gazetteer: Gazetteer, name: str, country: str | None) -> list[Place]:
    return [p for p, _ in gazetteer.candidates(name) if p.kind in ("city", "admin1") and (not country or p.country == country)]


def same_place(gazetteer: Gazetteer, found: Location, gold: str, country: str | None = FAKES_COUNTRY) -> bool:
    """True when ``found`` is the gold place or lies in it (a town of the gold governorate), or
    the gold town lies in the area found; names are compared through the gazetteer's names."""
    gold_places = _places(gazetteer, gold, country)
    if not gold_places:
        return name_key(gold) in (name_key(found.name), name_key(found.admin1 or ""))
    found_places = [p for p in _places(gazetteer, found.name, found.country) if p.kind == found.precision]
    if any(p.geonameid is not None and p.geonameid == found.geonameid for p in gold_places):
        return True
    gold_areas = {p.admin1 for p in gold_places if p.admin1}
    return any(p.admin1 in gold_areas for p in found_places)
