"""PLOVER sentences: event P/R/F1, type recall, per-type table, actor and figure accuracy."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from factionmap.evaluate.common import (
    Miss,
    PloverReport,
    Score,
    TypeRow,
    _actor_kind,
    _analyze,
    _default_analyzer,
    _describe,
    _describe_gold,
    _event_matches,
    _gold_values,
    _profile_values,
)
from factionmap.model import DocumentAnalysis, Event

#: Keys a strict event match checks on each side (type is always checked).
STRICT: tuple[str, ...] = ("country", "sector")


@dataclass
class _PloverTally:
    tp_pred: int = 0
    predicted: int = 0
    tp_gold: int = 0
    gold: int = 0
    strict: list[int] = field(default_factory=lambda: [0, 0])  # strict matches: [predicted ok, gold ok]
    counted: list[int] = field(default_factory=lambda: [0, 0, 0])  # counted events: [predicted, ok, gold ok]
    type_found: int = 0
    rows: dict[str, list[int]] = field(default_factory=dict)  # type -> [gold, found, matched, pred, pred_matched]
    accuracy: dict[str, list[int]] = field(default_factory=dict)  # measure -> [ok, total]
    kinds: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # (actor kind, key) -> [ok, total]
    figures: list[int] = field(default_factory=lambda: [0, 0])
    misses: list[Miss] = field(default_factory=list)

    def row(self, event_type: str) -> list[int]:
        return self.rows.setdefault(event_type, [0, 0, 0, 0, 0])

    def count(self, measure: str, ok: bool) -> None:
        cell = self.accuracy.setdefault(measure, [0, 0])
        cell[0] += int(ok)
        cell[1] += 1


def evaluate_plover(records: Sequence[dict[str, Any]], analyzer=None) -> PloverReport:
    """Score events, actor codes and figures on PLOVER-style gold sentences."""
    analyzer = _default_analyzer(analyzer)
    started = time.perf_counter()
    analyses = _analyze(analyzer, records)
    tally = _PloverTally()
    for record, analysis in zip(records, analyses):
        golds = [g for g in record.get("events") or () if isinstance(g, dict)]
        _score_plover_events(record, analysis, golds, tally)
        _score_plover_figures(record, analysis, tally)
    per_type = tuple(TypeRow(t, *tally.rows[t]) for t in sorted(tally.rows))
    acc = lambda m: tuple(tally.accuracy.get(m, [0, 0]))  # noqa: E731
    return PloverReport(
        dataset="plover",
        records=len(records),
        seconds=round(time.perf_counter() - started, 2),
        events=Score(tally.tp_pred, tally.predicted, tally.tp_gold, tally.gold),
        type_found=tally.type_found,
        per_type=per_type,
        source_country=acc("source_country"),
        target_country=acc("target_country"),
        source_sector=acc("source_sector"),
        target_sector=acc("target_sector"),
        figures=tuple(tally.figures),
        misses=tuple(tally.misses),
        per_kind=tuple((kind, key, ok, total) for (kind, key), (ok, total) in sorted(tally.kinds.items())),
        strict_events=Score(tally.strict[0], tally.predicted, tally.strict[1], tally.gold),
        counted_events=Score(tally.counted[1], tally.counted[0], tally.counted[2], tally.gold),
    )


def _score_plover_events(
    record: dict[str, Any], analysis: DocumentAnalysis, golds: list[dict[str, Any]], tally: _PloverTally
) -> None:
    rid = str(record.get("id"))
    for event in analysis.events:
        ok = any(_event_matches(analysis, event, g) for g in golds)
        tally.strict[0] += any(_event_matches(analysis, event, g, STRICT) for g in golds)
        tally.predicted += 1
        tally.tp_pred += ok
        if _counted(event):
            tally.counted[0] += 1
            tally.counted[1] += ok
        row = tally.row(event.type)
        row[3] += 1
        row[4] += ok
        if not ok:
            tally.misses.append(Miss(rid, "false_positive", f"{_describe(analysis, event)} | {record['text'][:160]}"))
    for gold in golds:
        gtype = gold.get("type")
        same_type = [e for e in analysis.events if e.type == gtype]
        matching = [e for e in same_type if _event_matches(analysis, e, gold)]
        matched = bool(matching)
        tally.counted[2] += any(_counted(e) for e in matching)
        tally.strict[1] += any(_event_matches(analysis, e, gold, STRICT) for e in same_type)
        tally.gold += 1
        tally.tp_gold += matched
        tally.type_found += bool(same_type)
        row = tally.row(str(gtype))
        row[0] += 1
        row[1] += bool(same_type)
        row[2] += matched
        if same_type:
            _score_plover_actors(rid, analysis, same_type, gold, tally)
        if not matched:
            found = "; ".join(_describe(analysis, e) for e in analysis.events) or "no event"
            tally.misses.append(
                Miss(rid, "missed_event", f"gold {_describe_gold(gold)} | found {found} | {record['text'][:200]}")
            )


def _counted(event: Event) -> bool:
    """Whether a POLECAT export counts the event (PLOVER codes no negated or hypothetical act)."""
    return not (event.negated or event.hypothetical)


def _score_plover_actors(
    rid: str, analysis: DocumentAnalysis, events: list[Event], gold: dict[str, Any], tally: _PloverTally
) -> None:
    for side in ("source", "target"):
        gold_side = gold.get(side) or ()
        for key in ("country", "sector"):
            expected = _gold_values(gold_side, key)
            if not expected:
                continue
            ok = any(_profile_values(analysis, getattr(e, side), key) & expected for e in events)
            tally.count(f"{side}_{key}", ok)
            kind = _actor_kind(analysis, [i for e in events for i in getattr(e, side)], key, expected)
            cell = tally.kinds.setdefault((kind, key), [0, 0])
            cell[0], cell[1] = cell[0] + int(ok), cell[1] + 1
            if not ok:
                got = sorted({v for e in events for v in _profile_values(analysis, getattr(e, side), key)}) or ["none"]
                detail = f"{gold.get('type')} {side} {key}: gold {sorted(expected)} | found {got}"
                tally.misses.append(Miss(rid, f"{side}_{key}", detail))


def _score_plover_figures(record: dict[str, Any], analysis: DocumentAnalysis, tally: _PloverTally) -> None:
    for gold in record.get("figures") or ():
        ok = any(f.kind == gold.get("kind") and f.value == gold.get("value") for f in analysis.figures)
        tally.figures[0] += ok
        tally.figures[1] += 1
        if not ok:
            found = ", ".join(f"{f.kind}={f.value}" for f in analysis.figures) or "none"
            tally.misses.append(
                Miss(str(record.get("id")), "missed_figure", f"gold {gold.get('kind')}={gold.get('value')} | found {found}")
            )
