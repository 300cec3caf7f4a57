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
from dataclasses import replace

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


def _merge(first: Event, other: Event) -> Event:
    seen = {(s.start, s.end) for s in first.evidence}
    extra = tuple(s for s in _spans(other) if (s.start, s.end) not in seen)
    if not extra:
        return replace(first, confidence=max(first.confidence, other.confidence))
    confidence = min(0.99, max(first.confidence, other.confidence) + RESTATEMENT_BONUS * len(extra))
    return replace(first, evidence=first.evidence + extra, confidence=round(confidence, 3),
                   hedged=first.hedged and other.hedged)


def deduplicate(events: Iterable[Event]) -> list[Event]:
    """One event per identity (see :func:`event_key`), in order of first statement."""
    merged: dict[tuple, Event] = {}
    for event in events:
        key = event_key(event)
        first = merged.get(key)
        merged[key] = replace(event, evidence=_spans(event)) if first is None else _merge(first, event)
    return sorted(merged.values(), key=lambda e: e.trigger.start)
