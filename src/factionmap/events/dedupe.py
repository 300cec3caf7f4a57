"""Merge repeated statements of the same event within a document.

Two events are the same when they have the same type, the same source and
target actor sets, the same polarity and modality (negated, hypothetical)
and the same asserting voice.  The merged event keeps the first ``trigger``
and ``sentence``; ``evidence`` lists every sentence stating it, in document
order and without repeats, and its confidence is the best of the statements
nudged up for each independent restatement.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from factionmap.model import Event, TextSpan

__all__ = ["deduplicate", "event_key"]

#: How much each further statement of the same event raises confidence (capped at 0.99).
RESTATEMENT_BONUS = 0.05


def event_key(event: Event) -> tuple:
    """The identity of an event within a document, independent of actor order."""
    return (
        event.type,
        tuple(sorted(event.source)),
        tuple(sorted(event.target)),
        event.negated,
        event.hypothetical,
        event.asserted_by,
    )


def _spans(event: Event) -> tuple[TextSpan, ...]:
    return event.evidence or (event.sentence,)


@dataclass
class _Merged:
    """One identity being merged: evidence collected in a list, the record built once (linear time)."""

    first: Event
    evidence: list[TextSpan] = field(default_factory=list)
    seen: set[tuple[int, int]] = field(default_factory=set)
    confidence: float = 0.0
    hedged: bool = True

    def add(self, event: Event) -> None:
        extra = [s for s in _spans(event) if (s.start, s.end) not in self.seen]
        self.seen.update((s.start, s.end) for s in extra)
        self.evidence.extend(extra)
        best = max(self.confidence, event.confidence)
        if not self.evidence or len(extra) == len(self.evidence):  # the first statement
            self.confidence, self.hedged = event.confidence, event.hedged
        elif extra:
            self.confidence = round(min(0.99, best + RESTATEMENT_BONUS * len(extra)), 3)
            self.hedged = self.hedged and event.hedged
        else:
            self.confidence = best

    def event(self) -> Event:
        return replace(self.first, evidence=tuple(self.evidence), confidence=self.confidence, hedged=self.hedged)


def deduplicate(events: Iterable[Event]) -> list[Event]:
    """One event per identity (see :func:`event_key`), in order of first statement."""
    merged: dict[tuple, _Merged] = {}
    for event in events:
        key = event_key(event)
        if key not in merged:
            merged[key] = _Merged(event)
        merged[key].add(event)
    return sorted((m.event() for m in merged.values()), key=lambda e: e.trigger.start)
