"""Sentences in the project's corpus format (``evaldata/``, ``training/``): events per sentence.

Each record lists every event its sentence states (possibly none), with
source/target as strings of the text (the corpus format, see
``training/README.md``).  Scores:

- *type recall*: gold events whose type is among the predicted types of the sentence;
- *type precision*: predicted events whose type is among the sentence's gold types;
- *role recall*: over every non-empty gold side of every gold event, the share where a
  predicted event of that type has, on that side, an actor mention overlapping a gold span;
- *negation accuracy*: gold events whose type was found, with the found event's
  ``negated`` flag equal to the gold one;
- *no-event false alarms*: sentences with no gold event where something was predicted,
  and *violent false alarms*: those where ASSAULT or COERCE was predicted (disasters,
  accidents, crime, sport).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from factionmap.evaluate.common import Miss, _analyze, _default_analyzer, _describe, _ratio
from factionmap.model import DocumentAnalysis

__all__ = ["WrittenReport", "evaluate_written", "is_written_record", "span_offsets"]

VIOLENT = frozenset({"ASSAULT", "COERCE"})
SIDES = ("source", "target")


def is_written_record(record: dict[str, Any]) -> bool:
    """True for a record in the corpus format (spans given as strings of the text)."""
    events = record.get("events")
    if not isinstance(events, list) or "text" not in record:
        return False
    sides = [span for ev in events if isinstance(ev, dict) for side in SIDES for span in ev.get(side) or ()]
    return bool(events) and all(isinstance(s, (str, dict)) and "country" not in s and "start" not in s
                                for s in sides) and all("trigger" in ev for ev in events if isinstance(ev, dict))


def span_offsets(text: str, span: str | dict[str, Any]) -> tuple[int, int] | None:
    """``(start, end)`` of a span string (its ``n``-th occurrence when given as ``{"text", "n"}``)."""
    needle, n = (span.get("text"), int(span.get("n", 1))) if isinstance(span, dict) else (span, 1)
    start = -1
    for _ in range(max(n, 1)):
        start = text.find(needle or "\0", start + 1)
        if start < 0:
            return None
    return start, start + len(needle)


@dataclass(frozen=True)
class WrittenReport:
    dataset: str
    records: int
    seconds: float
    gold_events: int
    type_found: int
    predicted: int
    predicted_ok: int
    roles: tuple[int, int]
    negation: tuple[int, int]
    empty: int
    empty_alarms: int
    violent_alarms: int
    misses: tuple[Miss, ...] = ()

    def metrics(self) -> dict[str, float]:
        return {
            "type_recall": _ratio(self.type_found, self.gold_events),
            "type_precision": _ratio(self.predicted_ok, self.predicted),
            "role_recall": _ratio(*self.roles),
            "negation_accuracy": _ratio(*self.negation),
            "no_event_false_alarm_rate": _ratio(self.empty_alarms, self.empty),
            "violent_false_alarm_rate": _ratio(self.violent_alarms, self.empty),
        }


@dataclass
class _Tally:
    gold: int = 0
    found: int = 0
    predicted: int = 0
    predicted_ok: int = 0
    roles: list[int] = field(default_factory=lambda: [0, 0])
    negation: list[int] = field(default_factory=lambda: [0, 0])
    empty: int = 0
    empty_alarms: int = 0
    violent: int = 0
    misses: list[Miss] = field(default_factory=list)


def evaluate_written(records: Sequence[dict[str, Any]], analyzer=None) -> WrittenReport:
    """Score the pipeline on corpus-format records."""
    analyzer = _default_analyzer(analyzer)
    started = time.perf_counter()
    tally = _Tally()
    for record, analysis in zip(records, _analyze(analyzer, records)):
        _score(record, analysis, tally)
    return WrittenReport(
        "written", len(records), round(time.perf_counter() - started, 2), tally.gold, tally.found, tally.predicted,
        tally.predicted_ok, tuple(tally.roles), tuple(tally.negation), tally.empty, tally.empty_alarms,
        tally.violent, tuple(tally.misses),
    )


def _overlaps(analysis: DocumentAnalysis, ids: Sequence[str], text: str, spans: Sequence[Any]) -> bool:
    wanted = [o for o in (span_offsets(text, s) for s in spans) if o]
    for actor_id in ids:
        actor = analysis.actor(actor_id)
        if actor and any(m.start < e and m.end > s for m in actor.mentions for s, e in wanted):
            return True
    return False


def _score(record: dict[str, Any], analysis: DocumentAnalysis, tally: _Tally) -> None:
    text, rid = record["text"], str(record.get("id"))
    golds = [g for g in record.get("events") or () if isinstance(g, dict)]
    events = list(analysis.events)
    gold_types = {g.get("type") for g in golds}
    tally.predicted += len(events)
    tally.predicted_ok += sum(e.type in gold_types for e in events)
    if not golds:
        tally.empty += 1
        tally.empty_alarms += bool(events)
        tally.violent += any(e.type in VIOLENT for e in events)
        if events:
            found = "; ".join(_describe(analysis, e) for e in events)
            tally.misses.append(Miss(rid, "false_alarm", f"found {found} | {text[:200]}"))
        return
    for gold in golds:
        same = [e for e in events if e.type == gold.get("type")]
        tally.gold += 1
        tally.found += bool(same)
        if same:
            tally.negation[1] += 1
            tally.negation[0] += any(e.negated == bool(gold.get("negated")) for e in same)
        for side in SIDES:
            if gold.get(side):
                tally.roles[1] += 1
                tally.roles[0] += any(_overlaps(analysis, getattr(e, side), text, gold[side]) for e in same)
        if not same:
            found = "; ".join(_describe(analysis, e) for e in events) or "no event"
            tally.misses.append(Miss(rid, "missed_type", f"gold {gold.get('type')} | found {found} | {text[:200]}"))
