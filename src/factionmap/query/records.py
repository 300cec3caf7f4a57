"""Typed results of the query layer; each has ``to_record()`` giving plain JSON values."""

from __future__ import annotations

import base64
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Generic, Literal, TypeVar

from factionmap.analysis.scope import Scope
from factionmap.analysis.network import NetworkOptions
from factionmap.query.reader import QueryError

__all__ = [
    "Voice", "VOICES", "SIGNS", "ActorRef", "Span", "EventRecord", "DocumentSummary", "ActorSummary",
    "Partner", "ActorView", "Page", "MapQuery", "check_date", "encode_cursor", "decode_cursor",
]

Voice = Literal["author", "speaker", "commenter"]
VOICES: tuple[str, ...] = ("author", "speaker", "commenter")
SIGNS: tuple[str, ...] = ("positive", "negative", "neutral")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

T = TypeVar("T")


def check_date(value: str | None, param: str) -> str | None:
    """``value`` when it is YYYY, YYYY-MM or YYYY-MM-DD (a real date), else a :class:`QueryError`."""
    if value is None or value == "":
        return None
    if not _DATE.match(value):
        raise QueryError(f"{param}={value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)", param)
    padded = value + "-01-01"[len(value) - 4:] if len(value) < 10 else value
    try:
        date.fromisoformat(padded)
    except ValueError:
        raise QueryError(f"{param}={value!r} is not a real date", param) from None
    return value


def encode_cursor(*keys: int) -> str:
    """An opaque, stable cursor for keyset paging."""
    return base64.urlsafe_b64encode(".".join(str(k) for k in keys).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, size: int, param: str = "cursor") -> tuple[int, ...] | None:
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        keys = tuple(int(k) for k in raw.split("."))
    except (ValueError, UnicodeDecodeError):
        raise QueryError(f"{param}={cursor!r} is not a cursor returned by a previous page", param) from None
    if len(keys) != size:
        raise QueryError(f"{param}={cursor!r} is not a cursor returned by a previous page", param)
    return keys


@dataclass(frozen=True, slots=True)
class ActorRef:
    id: str
    name: str

    def to_record(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}


@dataclass(frozen=True, slots=True)
class Span:
    """A span of a document's text (offsets into the document)."""

    start: int
    end: int
    text: str
    actor: str | None = None

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.actor is not None:
            record["actor"] = self.actor
        return record


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One stored event with names, outlet, voice and the spans to highlight in its sentence."""

    id: str
    document: str
    document_title: str | None
    published: str | None
    outlet: str | None
    type: str
    sign: int
    mode: str | None
    source: tuple[ActorRef, ...]
    target: tuple[ActorRef, ...]
    negated: bool
    hedged: bool
    hypothetical: bool
    section: str
    voice: str
    asserted_by: str
    asserted_by_name: str | None
    trigger: Span
    sentence: Span
    mentions: tuple[Span, ...]
    confidence: float

    def to_record(self) -> dict[str, Any]:
        record = {k: getattr(self, k) for k in self.__slots__}  # type: ignore[attr-defined]
        record["source"] = [a.to_record() for a in self.source]
        record["target"] = [a.to_record() for a in self.target]
        record["trigger"] = self.trigger.to_record()
        record["sentence"] = self.sentence.to_record()
        record["mentions"] = [m.to_record() for m in self.mentions]
        record["confidence"] = round(self.confidence, 3)
        return record


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    id: str
    title: str | None
    name: str
    url: str | None
    outlet: str | None
    published: str | None
    language: str | None
    duplicate_of: str | None
    skipped: str | None
    events: int
    actors: int

    def to_record(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ActorSummary:
    id: str
    name: str
    country: str | None
    sector: str | None
    code: str | None
    kind: str
    known: bool
    documents: int
    mentions: int
    events: int

    def to_record(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Partner:
    """An actor's tie to another: net signed weight over both directions, and events."""

    actor: ActorRef
    weight: float
    events: int

    def to_record(self) -> dict[str, Any]:
        return {"actor": self.actor.to_record(), "weight": round(self.weight, 4), "events": self.events}


@dataclass(frozen=True)
class ActorView:
    """An actor's page: codes, counts, the names it goes by, its camp, timeline and partners."""

    actor: ActorSummary
    affiliations: tuple[ActorRef, ...]
    names: tuple[tuple[str, int], ...]
    camp: int | None
    camp_members: tuple[ActorRef, ...]
    timeline: tuple[Any, ...]
    allies: tuple[Partner, ...]
    opponents: tuple[Partner, ...]

    def to_record(self) -> dict[str, Any]:
        return {
            **self.actor.to_record(),
            "affiliations": [a.to_record() for a in self.affiliations],
            "names": [{"text": t, "count": n} for t, n in self.names],
            "camp": self.camp,
            "camp_members": [a.to_record() for a in self.camp_members],
            "timeline": [b.to_record() for b in self.timeline],
            "allies": [p.to_record() for p in self.allies],
            "opponents": [p.to_record() for p in self.opponents],
        }


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list; pass ``next_cursor`` back to get the next (None on the last page)."""

    items: tuple[T, ...]
    next_cursor: str | None
    total: int

    def to_record(self) -> dict[str, Any]:
        return {
            "items": [i.to_record() for i in self.items],  # type: ignore[attr-defined]
            "next_cursor": self.next_cursor,
            "total": self.total,
        }


@dataclass(frozen=True)
class MapQuery:
    """Which events the map (network, camps, contradictions, timelines, sources) is built from.

    ``since``/``until`` are YYYY[-MM[-DD]] strings (undated documents drop out when
    either is set); ``types`` PLOVER types; ``outlet`` one outlet; ``scope`` an ego
    network, a country's theatre or an actor's conflict piece.
    """

    since: str | None = None
    until: str | None = None
    types: tuple[str, ...] = ()
    outlet: str | None = None
    min_confidence: float = 0.0
    include_comments: bool = False
    roll_up: bool = False
    scope: Scope = field(default_factory=Scope)

    def __post_init__(self) -> None:
        check_date(self.since, "since")
        check_date(self.until, "until")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise QueryError(f"min_confidence={self.min_confidence} is not between 0 and 1", "min_confidence")
        from factionmap.model import PLOVER_TYPES

        for t in self.types:
            if t.upper() not in PLOVER_TYPES:
                raise QueryError(f"type={t!r} is not a PLOVER type ({', '.join(PLOVER_TYPES)})", "type")

    @property
    def network_options(self) -> NetworkOptions:
        return NetworkOptions(
            include_comments=self.include_comments, roll_up=self.roll_up, min_confidence=self.min_confidence
        )

    def key(self) -> tuple[Any, ...]:
        """A hashable key for caching results of this query."""
        return (self.since, self.until, tuple(sorted(t.upper() for t in self.types)), self.outlet,
                self.min_confidence, self.include_comments, self.roll_up,
                self.scope.actor, self.scope.hops, self.scope.country)
