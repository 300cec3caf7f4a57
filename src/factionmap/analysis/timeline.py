"""Timelines (events by type per day, week or month) and source comparison (outlets side by side)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from factionmap.analysis.network import (
    NetworkOptions,
    collect_profiles,
    events_view,
    iter_relations,
    reiterable,
    roll_up_map,
)
from factionmap.model import DocumentAnalysis

__all__ = [
    "PERIODS",
    "period_key",
    "TimelineOptions",
    "TimelineBucket",
    "timeline",
    "OutletRelation",
    "OutletAgreement",
    "SourceComparison",
    "compare_sources",
]

PERIODS: tuple[str, ...] = ("day", "week", "month", "all")
UNDATED = "undated"


def period_key(day: date | None, period: str) -> str:
    """The bucket a date falls in: ``2019-11-19``, ``2019-W47``, ``2019-11``, or ``all``/``undated``."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; expected one of {', '.join(PERIODS)}")
    if period == "all":
        return "all"
    if day is None:
        return UNDATED
    if period == "day":
        return day.isoformat()
    if period == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{day.month:02d}"


@dataclass(frozen=True)
class TimelineOptions:
    """``actor`` alone: its events either way; with ``other``: the pair's events only."""

    actor: str
    other: str | None = None
    period: str = "month"
    network: NetworkOptions = NetworkOptions()


@dataclass(frozen=True, slots=True)
class TimelineBucket:
    period: str
    counts: Mapping[str, int]  # PLOVER type → events

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def to_record(self) -> dict[str, object]:
        return {"period": self.period, "counts": dict(self.counts), "total": self.total}


def timeline(analyses: Iterable[DocumentAnalysis], options: TimelineOptions) -> list[TimelineBucket]:
    """Events involving the actor (or the pair) counted by type per period, in period order.

    One document is held at a time (``analyses`` is gone over twice when it is a store's: profiles, events)."""
    analyses = reiterable(analyses)
    mapping = roll_up_map(collect_profiles(analyses))
    actor = mapping.get(options.actor, options.actor) if options.network.roll_up else options.actor
    other = options.other
    if other and options.network.roll_up:
        other = mapping.get(other, other)
    buckets: dict[str, Counter[str]] = defaultdict(Counter)
    for analysis in events_view(analyses):
        seen: set[int] = set()  # an event with several partners counts once (relations of one document)
        for r in iter_relations([analysis], options.network, mapping):
            ends = {r.source, r.target}
            if actor not in ends or (other is not None and other not in ends):
                continue
            if id(r.event) in seen:
                continue
            seen.add(id(r.event))
            buckets[period_key(r.published, options.period)][r.event.type] += 1
    return [TimelineBucket(k, dict(sorted(v.items()))) for k, v in sorted(buckets.items())]


@dataclass(frozen=True, slots=True)
class OutletRelation:
    """What one outlet reports about an (unordered) pair: events and net sign."""

    outlet: str
    actors: tuple[str, str]
    events: int
    sign: int

    def to_record(self) -> dict[str, object]:
        return {"outlet": self.outlet, "actors": list(self.actors), "events": self.events, "sign": self.sign}


@dataclass(frozen=True, slots=True)
class OutletAgreement:
    """How often two outlets give the same sign to the pairs both report."""

    outlets: tuple[str, str]
    shared: int
    agree: int

    @property
    def agreement(self) -> float | None:
        return self.agree / self.shared if self.shared else None

    def to_record(self) -> dict[str, object]:
        return {"outlets": list(self.outlets), "shared": self.shared, "agree": self.agree, "agreement": self.agreement}


@dataclass(frozen=True)
class SourceComparison:
    relations: tuple[OutletRelation, ...]
    agreements: tuple[OutletAgreement, ...]

    def to_record(self) -> dict[str, object]:
        return {
            "relations": [r.to_record() for r in self.relations],
            "agreements": [a.to_record() for a in self.agreements],
        }


def compare_sources(
    analyses: Iterable[DocumentAnalysis], options: NetworkOptions | None = None, unknown: str = "unknown"
) -> SourceComparison:
    """Which outlets report which relations, and pairwise outlet agreement on signed pairs."""
    analyses = reiterable(analyses)
    net: dict[tuple[str, tuple[str, str]], float] = defaultdict(float)
    events: Counter[tuple[str, tuple[str, str]]] = Counter()
    mapping = roll_up_map(collect_profiles(analyses))
    for r in iter_relations(events_view(analyses), options, mapping):
        key = (r.outlet or unknown, tuple(sorted((r.source, r.target))))
        net[key] += r.weight
        events[key] += 1
    relations = tuple(
        OutletRelation(outlet, pair, events[(outlet, pair)], (w > 0) - (w < 0))  # type: ignore[arg-type]
        for (outlet, pair), w in sorted(net.items())
    )
    signs: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
    for rel in relations:
        if rel.sign:
            signs[rel.outlet][rel.actors] = rel.sign
    agreements = []
    for a, b in combinations(sorted({r.outlet for r in relations}), 2):
        shared = set(signs[a]) & set(signs[b])
        agree = sum(signs[a][p] == signs[b][p] for p in shared)
        agreements.append(OutletAgreement((a, b), len(shared), agree))
    return SourceComparison(relations, tuple(agreements))
