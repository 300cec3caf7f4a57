"""Merge repeated statements of the same event within a document."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from factionmap.model import Event

__all__ = ["deduplicate"]


def _key(event: Event) -> tuple:
    return (event.type, event.source, event.target, event.negated, event.hypothetical, event.asserted_by)


def deduplicate(events: Iterable[Event]) -> list[Event]:
    """One event per (type, source, target, flags, voice); evidence spans accumulate."""
    merged: dict[tuple, Event] = {}
    for event in events:
        key = _key(event)
        first = merged.get(key)
        if first is None:
            merged[key] = replace(event, evidence=event.evidence or (event.sentence,))
            continue
        spans = first.evidence + (event.evidence or (event.sentence,))
        merged[key] = replace(first, evidence=spans, confidence=max(first.confidence, event.confidence))
    return list(merged.values())
