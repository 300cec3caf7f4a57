"""Document-level deduplication of repeated events."""

from __future__ import annotations

from factionmap.events.dedupe import deduplicate
from factionmap.model import Event, TextSpan


def make(start: int, *, source=("rus",), target=("ukr",), etype="ASSAULT", negated=False, confidence=0.6):
    return Event(
        type=etype,
        source=source,
        target=target,
        trigger=TextSpan(start + 7, start + 15, "attacked"),
        sentence=TextSpan(start, start + 24, "Russia attacked Ukraine."),
        negated=negated,
        confidence=confidence,
    )


def test_repeated_event_becomes_one_with_all_evidence():
    events = deduplicate([make(0), make(100, confidence=0.7), make(200)])
    assert len(events) == 1
    event = events[0]
    assert event.trigger.start == 7 and event.sentence.start == 0
    assert [s.start for s in event.evidence] == [0, 100, 200]
    assert 0.7 < event.confidence <= 0.99


def test_actor_order_does_not_matter():
    events = deduplicate([make(0, source=("a", "b")), make(50, source=("b", "a"))])
    assert len(events) == 1


def test_different_polarity_or_actors_stay_apart():
    events = deduplicate([make(0), make(30, negated=True), make(60, target=("pol",)), make(90, etype="COERCE")])
    assert len(events) == 4
    assert all(len(e.evidence) == 1 for e in events)


def test_same_sentence_twice_adds_no_evidence():
    events = deduplicate([make(0), make(0)])
    assert len(events) == 1 and len(events[0].evidence) == 1
