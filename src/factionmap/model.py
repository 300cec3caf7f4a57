"""Typed, frozen records passed between factionmap's stages.

Every stage (ingest → document → nlp → actors → events → store → analysis → cli)
may import this module; it imports nothing from the project.  Records are
immutable: a stage that refines a record builds a new one with
:func:`dataclasses.replace`.

Character offsets in the final :class:`DocumentAnalysis` index
``Document.text``.  While a section is being processed by spaCy the components
work with offsets local to the section; :mod:`factionmap.pipeline` shifts them
with the ``shifted`` methods when it assembles the document.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

__all__ = [
    "SECTION_KINDS",
    "EVENT_SECTIONS",
    "PLOVER_TYPES",
    "POSITIVE_TYPES",
    "NEGATIVE_TYPES",
    "SectionKind",
    "RawInput",
    "IngestFailure",
    "Section",
    "Document",
    "TextSpan",
    "Mention",
    "ActorProfile",
    "Actor",
    "Event",
    "Quote",
    "Figure",
    "DocumentAnalysis",
    "content_id",
    "DATE_PRECISIONS",
    "PLACE_PRECISIONS",
    "Location",
    "event_id",
]

SectionKind = Literal["title", "body", "byline", "author_bio", "comment", "boilerplate"]
SECTION_KINDS: tuple[str, ...] = ("title", "body", "byline", "author_bio", "comment", "boilerplate")
#: Sections whose sentences are read for events, quotes and figures.
EVENT_SECTIONS: frozenset[str] = frozenset({"title", "body", "comment"})

PLOVER_TYPES: tuple[str, ...] = (
    "SUPPORT", "AID", "COOPERATE", "AGREE", "CONSULT", "CONCEDE", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
POSITIVE_TYPES: frozenset[str] = frozenset({"SUPPORT", "AID", "COOPERATE", "AGREE", "CONCEDE", "CONSULT"})
NEGATIVE_TYPES: frozenset[str] = frozenset(
    {"ASSAULT", "COERCE", "THREATEN", "ACCUSE", "SANCTION", "PROTEST", "REJECT", "MOBILIZE"}
)


#: How precisely an event date is known ("in March" → month; the published-date fallback keeps
#: the published value's own precision).
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")
#: How precisely an event location is known: a town, a first-level area, a state, or a body of
#: water or a region that is no state ("the Red Sea", "the Sahel").
PLACE_PRECISIONS: tuple[str, ...] = ("city", "admin1", "country", "water", "region")


def content_id(text: str, prefix: str = "doc") -> str:
    """A stable id derived from content: ``prefix-<16 hex chars of sha256>``."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{prefix}-{digest}"


@dataclass(frozen=True, slots=True)
class RawInput:
    """One input as read by :mod:`factionmap.ingest`, before page structure.

    ``name`` identifies the input in messages (a path, ``path:line``, a URL,
    ``<stdin>``).  ``content`` is decoded text; ``fmt`` says whether it is a
    plain-text page or HTML.
    """

    name: str
    content: str
    fmt: Literal["text", "html"] = "text"
    id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    author: str | None = None


@dataclass(frozen=True, slots=True)
class IngestFailure:
    """An input that could not be read or processed; the batch goes on."""

    name: str
    message: str
    stage: str = "ingest"

    def __str__(self) -> str:
        return f"{self.name}: {self.message}"


@dataclass(frozen=True, slots=True)
class Section:
    """A region of ``Document.text`` with its own voice."""

    kind: str
    start: int
    end: int
    author: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A page split into sections. ``text`` is the full text offsets index."""

    id: str
    text: str
    sections: tuple[Section, ...]
    name: str = ""
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None
    duplicate_of: str | None = None
    published_raw: str | None = None  # ``published`` as the input wrote it, when that was not ISO 8601

    def section_text(self, section: Section) -> str:
        return self.text[section.start : section.end]

    def section_at(self, offset: int) -> Section | None:
        for section in self.sections:
            if section.start <= offset < section.end:
                return section
        return None


@dataclass(frozen=True, slots=True)
class TextSpan:
    start: int
    end: int
    text: str

    def shifted(self, offset: int) -> TextSpan:
        return replace(self, start=self.start + offset, end=self.end + offset)


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that refers to an actor.

    ``rule`` says how it was resolved: ``alias``, ``acronym``, ``fuzzy``,
    ``metonym``, ``demonym``, ``title``, ``description``, ``pronoun``,
    ``possessive``, ``defined`` (alias defined in the text), ``ner`` (unknown
    actor kept from the named-entity recogniser), ``generic`` (a sector noun
    such as "civilians" or "troops" with its country).
    """

    start: int
    end: int
    text: str
    actor_id: str
    rule: str = "alias"
    confidence: float = 1.0

    def shifted(self, offset: int) -> Mention:
        return replace(self, start=self.start + offset, end=self.end + offset)


@dataclass(frozen=True, slots=True)
class ActorProfile:
    """What is known about an actor: from the actor files or from the text."""

    id: str
    name: str
    country: str | None = None
    sector: str | None = None
    kind: str = "organisation"  # country | person | organisation | group | location
    affiliations: tuple[str, ...] = ()
    known: bool = True

    @property
    def code(self) -> str | None:
        """CAMEO-style combined code, e.g. ``USAMIL``; None when nothing is coded."""
        if not self.country and not self.sector:
            return None
        if self.country and self.sector and self.country == self.sector:
            return self.country
        return f"{self.country or ''}{self.sector or ''}"


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor as it appears in one document, with all its mentions."""

    profile: ActorProfile
    mentions: tuple[Mention, ...] = ()

    @property
    def id(self) -> str:
        return self.profile.id


@dataclass(frozen=True, slots=True)
class Event:
    """One PLOVER event read from a sentence.

    ``asserted_by`` is ``author``, ``commenter`` or the actor id of the
    speaker whose words report the event.  ``sentence`` and ``trigger`` are
    the first evidence; ``evidence`` lists every span where the same event is
    stated in the document.
    """

    type: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    trigger: TextSpan
    sentence: TextSpan
    section: str = "body"
    asserted_by: str = "author"
    mode: str | None = None
    context: str | None = None
    negated: bool = False
    hedged: bool = False
    hypothetical: bool = False
    confidence: float = 0.5
    evidence: tuple[TextSpan, ...] = ()
    date: str | None = None  # ISO YYYY-MM-DD: the day, or the first day of the week/month/year
    date_precision: str | None = None  # one of DATE_PRECISIONS
    location: Location | None = None
    killed: int | None = None  # casualty totals of the figures linked to the event
    wounded: int | None = None
    displaced: int | None = None
    #: How far the trigger sits below its sentence's main assertion (0: on it; see
    #: :mod:`factionmap.events.completion`): the main event of a sentence has the lowest.
    clause_level: int = 0

    def shifted(self, offset: int) -> Event:
        return replace(
            self,
            trigger=self.trigger.shifted(offset),
            sentence=self.sentence.shifted(offset),
            evidence=tuple(span.shifted(offset) for span in self.evidence),
        )

    @property
    def sign(self) -> int:
        if self.type in POSITIVE_TYPES:
            return 1
        if self.type in NEGATIVE_TYPES:
            return -1
        return 0


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened: a GeoNames place (or a body of water or region).

    ``precision`` is one of :data:`PLACE_PRECISIONS`; ``country`` is ISO-3 (None for a
    feature spanning several states); ``admin1`` names the first-level area.
    """

    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: str = "city"
    text: str | None = None  # the words of the text that named the place
    basis: str = "sentence"  # sentence (the event's own) | dateline | document (the text's main place)
    admin1_code: str | None = None  # GeoNames "CC.code" of the first-level area


def event_id(document_id: str, event: Event) -> str:
    """A content-hashed event id: same document, type, actors and trigger → same id.

    The one id of an event in the store, ``factionmap events``, figures and every export.
    """
    key = "|".join(
        [document_id, event.type, ",".join(event.source), ",".join(event.target),
         str(event.trigger.start), str(event.trigger.end), event.asserted_by]
    )
    return content_id(key, prefix="evt")


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: str | None
    speaker_text: str
    text: str
    start: int
    end: int
    direct: bool = True

    def shifted(self, offset: int) -> Quote:
        return replace(self, start=self.start + offset, end=self.end + offset)


@dataclass(frozen=True, slots=True)
class Figure:
    """A casualty or displacement count. ``value`` is None for "thousands"."""

    kind: str  # killed | wounded | displaced | detained | missing | refugees | troops
    value: int | None
    start: int
    end: int
    qualifier: str | None = None  # more_than | at_least | about | approximate | up_to | fewer_than
    subject: str | None = None
    actor: str | None = None
    value_max: int | None = None
    event: str | None = None  # id (see :func:`event_id`) of the event the figure belongs to

    def shifted(self, offset: int) -> Figure:
        return replace(self, start=self.start + offset, end=self.end + offset)


@dataclass(frozen=True, slots=True)
class DocumentAnalysis:
    """Everything factionmap read from one document."""

    document: Document
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    skipped: str | None = None  # why the document was not parsed (e.g. language)
    errors: tuple[str, ...] = ()  # components that failed on a section (the rest still ran)

    def actor(self, actor_id: str) -> Actor | None:
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        return None

    def to_record(self) -> dict[str, Any]:
        """The pinned JSON record (see README); fields are only ever added."""
        doc = self.document
        return {
            "id": doc.id,
            "url": doc.url,
            "title": doc.title,
            "author": doc.author,
            "published": doc.published,
            "source": doc.source,
            "language": doc.language,
            "duplicate_of": doc.duplicate_of,
            "text": doc.text,
            "sections": [asdict(s) for s in doc.sections],
            "actors": [_actor_record(a) for a in self.actors],
            "events": [{**_event_record(e), "id": event_id(doc.id, e)} for e in self.events],
            "quotes": [asdict(q) for q in self.quotes],
            "figures": [asdict(f) for f in self.figures],
            "skipped": self.skipped,
            "errors": list(self.errors),
        }


def _actor_record(actor: Actor) -> dict[str, Any]:
    p = actor.profile
    return {
        "id": p.id,
        "name": p.name,
        "country": p.country,
        "sector": p.sector,
        "code": p.code,
        "kind": p.kind,
        "known": p.known,
        "affiliations": list(p.affiliations),
        "mentions": [
            {"start": m.start, "end": m.end, "text": m.text, "rule": m.rule, "confidence": m.confidence}
            for m in actor.mentions
        ],
    }


def _event_record(event: Event) -> dict[str, Any]:
    return {
        "type": event.type,
        "mode": event.mode,
        "context": event.context,
        "source": list(event.source),
        "target": list(event.target),
        "negated": event.negated,
        "hedged": event.hedged,
        "hypothetical": event.hypothetical,
        "section": event.section,
        "asserted_by": event.asserted_by,
        "trigger": asdict(event.trigger),
        "sentence": {"start": event.sentence.start, "end": event.sentence.end},
        "evidence": [{"start": s.start, "end": s.end} for s in (event.evidence or (event.sentence,))],
        "confidence": round(event.confidence, 3),
        "date": event.date,
        "date_precision": event.date_precision,
        "location": asdict(event.location) if event.location else None,
        "killed": event.killed,
        "wounded": event.wounded,
        "displaced": event.displaced,
    }

