"""What the event formats share: the counted events with their ids, actors and story counts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from factionmap.analysis.network import (
    NetworkOptions,
    event_counts,
    events_view,
    in_window,
    outlet_of,
    parse_date,
    reiterable,
)
from factionmap.model import ActorProfile, DocumentAnalysis, Event, event_id

__all__ = ["CountedEvent", "StoryCounts", "counted_events", "gdelt_event_number", "actor_text", "profiles_of"]


@dataclass(frozen=True)
class StoryCounts:
    """How often an event is reported: mentions (evidence spans, copies included), distinct
    outlets, and distinct stories (a duplicate page counts with its first copy)."""

    mentions: int
    sources: int
    articles: int


@dataclass(frozen=True)
class CountedEvent:
    analysis: DocumentAnalysis
    event: Event
    id: str
    day: date | None  # the event's date, else the document's published date
    counts: StoryCounts
    index: int  # position among the document's events

    @property
    def sources(self) -> list[ActorProfile]:
        return profiles_of(self.analysis, self.event.source)

    @property
    def targets(self) -> list[ActorProfile]:
        return profiles_of(self.analysis, self.event.target)

    @property
    def sentence(self) -> str:
        return self.analysis.document.text[self.event.sentence.start : self.event.sentence.end]


def gdelt_event_number(eid: str) -> int:
    """``evt-0123456789abcdef`` → the integer of its first 15 hex digits (fits GDELT's BIGINT)."""
    return int(eid.removeprefix("evt-")[:15], 16)


def profiles_of(analysis: DocumentAnalysis, ids: Iterable[str]) -> list[ActorProfile]:
    found = []
    for actor_id in ids:
        actor = analysis.actor(actor_id)
        found.append(actor.profile if actor else ActorProfile(id=actor_id, name=actor_id, known=False))
    return found


def actor_text(analysis: DocumentAnalysis, event: Event, actor_id: str) -> str | None:
    """The words naming the actor in the event's sentence (else its first mention)."""
    actor = analysis.actor(actor_id)
    if actor is None or not actor.mentions:
        return None
    inside = [m for m in actor.mentions if event.sentence.start <= m.start < event.sentence.end]
    return (inside or list(actor.mentions))[0].text


def _story_key(event: Event) -> tuple:
    return (event.type, tuple(sorted(event.source)), tuple(sorted(event.target)), event.date)


def _counts(analyses: Iterable[DocumentAnalysis], options: NetworkOptions) -> dict[tuple, StoryCounts]:
    """Story key → its counts, over every counted event in the window (grouped in SQL for a store's analyses)."""
    stored = getattr(analyses, "story_counts", None)
    if stored is not None:
        return {key: StoryCounts(*counts) for key, counts in stored(options).items()}
    mentions: dict[tuple, int] = {}
    outlets: dict[tuple, set] = {}
    stories: dict[tuple, set] = {}
    for a, _, event, _ in _chosen(analyses, options):
        key = _story_key(event)
        mentions[key] = mentions.get(key, 0) + max(1, len(event.evidence))
        outlets.setdefault(key, set()).add(outlet_of(a) or a.document.id)
        stories.setdefault(key, set()).add(a.document.duplicate_of or a.document.id)
    return {key: StoryCounts(mentions[key], len(outlets[key]), len(stories[key])) for key in mentions}


def _chosen(analyses: Iterable[DocumentAnalysis], options: NetworkOptions
            ) -> Iterator[tuple[DocumentAnalysis, int, Event, date | None]]:
    for a in analyses:
        for index, event in enumerate(a.events):
            day = parse_date(event.date) or parse_date(a.document.published)
            if event_counts(event, options) and in_window(day, options):
                yield a, index, event, day


def counted_events(analyses: Iterable[DocumentAnalysis], options: NetworkOptions | None = None) -> Iterator[CountedEvent]:
    """Counted events (see :func:`factionmap.analysis.network.event_counts`) in the window by event date.

    Story counts group events of the same type, actors and date across documents.  ``analyses`` is
    gone over twice (the counts, then the events), a document at a time when it is a store's.
    """
    options = options or NetworkOptions()
    analyses = reiterable(analyses)
    counts = _counts(events_view(analyses), options)
    for a, index, event, day in _chosen(analyses, options):
        yield CountedEvent(a, event, event_id(a.document.id, event), day, counts[_story_key(event)], index)
