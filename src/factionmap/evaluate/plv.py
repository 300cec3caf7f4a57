"""PLV news sentences: type recall, role recall, top-event accuracy and a strict event F1.

Each PLV record has one gold root event: ``type`` (a PLOVER type, or a list of
acceptable types) and ``source``/``target`` as character spans (either may be
empty).  There are no country codes, so roles are scored by span overlap:

- *type recall*: records where an acceptable gold type is among the predicted
  types of the sentence;
- *role recall*: over every non-empty gold side (source, target) of every
  record, the share where some predicted event of an acceptable type has, on
  that side, an actor with a mention overlapping the gold span (a record whose
  type is missed misses its roles too);
- *top-event accuracy*: records whose main predicted event has an acceptable
  type (no event: wrong).  The main event is the one the sentence's main clause
  states, as PLOVER codes a sentence (:func:`~factionmap.events.completion.main_event`:
  the lowest clause level, then the highest confidence): "X suspended food
  supplies to Y" is the suspension, not the supplies; the content of a neutral
  report ("X said Y struck Z") counts as main;
- *strict event F1*: a predicted event matches when its type is acceptable and
  each non-empty gold side is overlapped as above; precision over predicted
  events, recall over records.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from factionmap.evaluate.common import Miss, Score, TypeRow, _analyze, _default_analyzer, _describe, _ratio
from factionmap.events.completion import main_event
from factionmap.model import DocumentAnalysis, Event

__all__ = ["PlvReport", "evaluate_plv"]

SIDES = ("source", "target")


@dataclass(frozen=True)
class PlvReport:
    dataset: str
    records: int
    seconds: float
    type_found: int
    roles: tuple[int, int]  # (gold sides overlapped, gold sides)
    top_correct: int
    events: Score
    per_type: tuple[TypeRow, ...]
    misses: tuple[Miss, ...] = ()

    def metrics(self) -> dict[str, float]:
        return {
            "type_recall": _ratio(self.type_found, self.records),
            "role_recall": _ratio(*self.roles),
            "top_event_accuracy": _ratio(self.top_correct, self.records),
            "event_precision": self.events.precision,
            "event_recall": self.events.recall,
            "event_f1": self.events.f1,
        }


@dataclass
class _Tally:
    type_found: int = 0
    roles: list[int] = field(default_factory=lambda: [0, 0])
    top: int = 0
    tp_pred: int = 0
    predicted: int = 0
    tp_gold: int = 0
    rows: dict[str, list[int]] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)


def _types(gold: dict[str, Any]) -> frozenset[str]:
    value = gold.get("type")
    return frozenset(value if isinstance(value, list) else [value])


def _label(types: frozenset[str]) -> str:
    return "/".join(sorted(types))


def _overlaps(analysis: DocumentAnalysis, ids: Sequence[str], span: dict[str, Any]) -> bool:
    start, end = span.get("start"), span.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return False
    for actor_id in ids:
        actor = analysis.actor(actor_id)
        if actor and any(m.start < end and m.end > start for m in actor.mentions):
            return True
    return False


def _side_ok(analysis: DocumentAnalysis, event: Event, gold: dict[str, Any], side: str) -> bool:
    return any(_overlaps(analysis, getattr(event, side), span) for span in gold.get(side) or ())


def _matches(analysis: DocumentAnalysis, event: Event, gold: dict[str, Any]) -> bool:
    if event.type not in _types(gold):
        return False
    return all(_side_ok(analysis, event, gold, side) for side in SIDES if gold.get(side))


def evaluate_plv(records: Sequence[dict[str, Any]], analyzer=None) -> PlvReport:
    """Score the pipeline on PLV records (one gold root event each)."""
    analyzer = _default_analyzer(analyzer)
    started = time.perf_counter()
    tally = _Tally()
    for record, analysis in zip(records, _analyze(analyzer, records)):
        golds = [g for g in record.get("events") or () if isinstance(g, dict)]
        if golds:
            _score_record(str(record.get("id")), record["text"], analysis, golds[0], tally)
    per_type = tuple(TypeRow(t, *tally.rows[t]) for t in sorted(tally.rows))
    return PlvReport(
        dataset="plv",
        records=len(records),
        seconds=round(time.perf_counter() - started, 2),
        type_found=tally.type_found,
        roles=tuple(tally.roles),
        top_correct=tally.top,
        events=Score(tally.tp_pred, tally.predicted, tally.tp_gold, len(records)),
        per_type=per_type,
        misses=tuple(tally.misses),
    )


def _score_record(rid: str, text: str, analysis: DocumentAnalysis, gold: dict[str, Any], tally: _Tally) -> None:
    types = _types(gold)
    events = list(analysis.events)
    same = [e for e in events if e.type in types]
    matched = [e for e in events if _matches(analysis, e, gold)]
    row = tally.rows.setdefault(_label(types), [0, 0, 0, 0, 0])
    row[0] += 1
    row[1] += bool(same)
    row[2] += bool(matched)
    tally.type_found += bool(same)
    tally.tp_gold += bool(matched)
    tally.predicted += len(events)
    tally.tp_pred += len(matched)
    for event in events:
        cell = tally.rows.setdefault(event.type, [0, 0, 0, 0, 0])
        cell[3] += 1
        cell[4] += event in matched
    for side in SIDES:
        if gold.get(side):
            tally.roles[1] += 1
            tally.roles[0] += any(_side_ok(analysis, e, gold, side) for e in same)
    top = main_event(events)
    tally.top += top is not None and top.type in types
    if not same:
        found = "; ".join(_describe(analysis, e) for e in events) or "no event"
        tally.misses.append(Miss(rid, "missed_type", f"gold {_label(types)} | found {found} | {text[:200]}"))
    elif not matched:
        found = "; ".join(_describe(analysis, e) for e in same)
        tally.misses.append(Miss(rid, "missed_roles", f"gold {_label(types)} | found {found} | {text[:200]}"))
