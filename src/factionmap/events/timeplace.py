"""Events in time and place: the ``factionmap_timeplace`` spaCy component and figure linking.

The component runs after the event and figure components.  For each event of a Doc it sets

* ``date`` / ``date_precision`` from the time expression nearest the trigger, resolved
  against ``doc._.fm_published`` with the trigger's tense (:mod:`factionmap.events.dates`);
* ``location``: the best-scored place of the event's sentence (:func:`place_score`: a place
  the event is done to, or one after "in"/"near"/"east of", inside the trigger's clause and
  close to it; never the place that is the event's source actor), else the Doc's dateline,
  else the town or area the Doc names most often (``location.basis`` says which; a sentence
  that names only a state takes the dateline's or main place when it lies in that state); names are read in the gazetteer with the document's countries (:mod:`factionmap.geo`).

:func:`link_figures` runs on the assembled document (event ids are final there): each
casualty figure joins the event of its sentence (the nearest violent one for killed and
wounded) and events get their ``killed``/``wounded``/``displaced`` totals.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from factionmap.events.dates import Tense, TimeExpression, event_date, find_expressions
from factionmap.geo import GeoContext, Gazetteer, Place, PlaceMention, dateline, default_gazetteer, place_mentions
from factionmap.geo.resolve import Ranked, rank
from factionmap.model import Event, Figure, Location, event_id
from factionmap.nlp import guarded

__all__ = [
    "TimePlace", "TimePlaceOptions", "make_timeplace", "complete_events", "link_figures", "place_title_events",
    "place_score", "tense_of",
]

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})
_FUTURE_HEADS = frozenset({"plan", "intend", "expect", "vow", "pledge", "promise", "threaten", "aim", "prepare"})
_VIOLENT = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "THREATEN"})
_ECHO_RULES = frozenset({"generic", "title", "description", "pronoun", "possessive"})
_PLACE_WEIGHT = 2.0  # a place with one clear reading says more about the scene than an actor's country
_FOREIGN_TOWN = 100_000  # smallest town read in a country the document does not otherwise mention
_STRONG_FINDS = frozenset({"entity", "actor", "after_locative"})
_CLEAR_MARGIN = 1.5  # a reading this far ahead of the next counts in the first pass
_PLACE_ACTOR_KINDS = frozenset({"location", "country"})
_TOTALS = {"killed": "killed", "wounded": "wounded", "displaced": "displaced", "refugees": "displaced"}


@dataclass(frozen=True)
class TimePlaceOptions:
    """``gazetteer_files`` extend the bundled gazetteer (same columns); ``use_dateline`` and
    ``use_focus`` turn the fallbacks off (the dateline, then the text's most named town or area)."""

    gazetteer_files: tuple[Path, ...] = ()
    use_dateline: bool = True
    use_focus: bool = True
    focus_min_mentions: int = 1
    min_place_score: float = 0.5


class TimePlace:
    """Dates and places events (see the module docstring); the gazetteer is read on first use."""

    def __init__(self, options: TimePlaceOptions | None = None) -> None:
        self.options = options or TimePlaceOptions()
        self._gazetteer: Gazetteer | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            files = self.options.gazetteer_files
            self._gazetteer = Gazetteer.load(files) if files else default_gazetteer()
        return self._gazetteer

    def __call__(self, doc: Doc) -> Doc:
        events = doc._.fm_events or []
        if not events:
            return doc
        gazetteer = self.gazetteer
        places_named, others = _actor_spans(doc)
        mentions = place_mentions(doc, gazetteer, extra=places_named, blocked=others)
        metonyms = [(m.start, m.end) for m in doc._.fm_mentions or () if m.rule == "metonym"]
        mentions = [replace(m, modifier=True) if _overlaps((m.start, m.end), metonyms) else m for m in mentions]
        context = document_context(doc, mentions, gazetteer)
        places = {m: _plausible(best_place(gazetteer, m, context), m, context) for m in mentions}
        starts = [t.idx for t in doc]
        triggers = [_token_at(doc, e.trigger.start, starts) for e in events]
        own = [self._location(doc, e, t, mentions, places) for e, t in zip(events, triggers)]
        text = doc.text  # built from the tokens on each access: read once
        fallback = self._dateline(text, context) or self._focus(mentions, places, context)
        expressions: dict[str, list[TimeExpression]] = {}  # per sentence text: its events share them
        doc._.fm_events = [self._date_event(doc, text, e, t, _refined(o, fallback), expressions)
                           for e, t, o in zip(events, triggers, own)]
        return doc

    def _date_event(self, doc: Doc, text: str, event: Event, trigger: Token | None, location: Location | None,
                    found_in: dict[str, list[TimeExpression]]) -> Event:
        tense = tense_of(trigger) if trigger is not None else "past"
        sentence = text[event.sentence.start : event.sentence.end]
        if sentence not in found_in:
            found_in[sentence] = find_expressions(sentence)
        found = event_date(sentence, doc._.fm_published, anchor=event.trigger.start - event.sentence.start, tense=tense,
                           expressions=found_in[sentence])
        return replace(
            event, date=found.date if found else None, date_precision=found.precision if found else None,
            location=location,
        )

    def _location(self, doc: Doc, event: Event, trigger: Token | None, mentions: Sequence[PlaceMention],
                  places: dict[PlaceMention, Place | None]) -> Location | None:
        roles = _role_spans(doc, event)
        best: tuple[float, PlaceMention, Place] | None = None
        for mention in mentions:
            place = places.get(mention)
            if place is None or not (event.sentence.start <= mention.start < event.sentence.end):
                continue
            value = place_score(doc, mention, place, trigger, roles)
            if value >= self.options.min_place_score and (best is None or value > best[0]):
                best = (value, mention, place)
        if best is None:
            return None
        location = self.gazetteer.location(best[2], text=best[1].name)
        if location.precision == "country" and _is_done_to(doc, best[1], trigger, roles):
            return replace(location, basis="target")  # "attacked Georgia": the state itself, no nearer place
        return location

    def _dateline(self, text: str, context: GeoContext) -> Location | None:
        if not self.options.use_dateline:
            return None
        found = dateline(text)
        if not found:
            return None
        name, area = found
        ranked = rank(self.gazetteer, name, context, hint="city")
        if area:
            wanted = {c for p in (r.place for r in rank(self.gazetteer, area)) for c in p.all_countries}
            ranked = [r for r in ranked if set(r.place.all_countries) & wanted] or ranked
        return self.gazetteer.location(ranked[0].place, text=name, basis="dateline") if ranked else None

    def _focus(self, mentions: Sequence[PlaceMention], places: dict[PlaceMention, Place | None],
               context: GeoContext) -> Location | None:
        """The town or area the text names most often in its main country (first named wins ties),
        for events whose sentence names no place; None when the text names no town or area."""
        if not self.options.use_focus:
            return None
        counted: dict[Place, int] = {}
        first: dict[Place, PlaceMention] = {}
        for mention in mentions:
            place = places.get(mention)
            if place is not None and place.kind in ("city", "admin1") and not mention.modifier:
                counted[place] = counted.get(place, 0) + 1
                first.setdefault(place, mention)
        if not counted or max(counted.values()) < self.options.focus_min_mentions:
            return None
        share = lambda p: round(context.share(p.all_countries), 1)  # noqa: E731 - the document's main country first
        best = max(counted, key=lambda p: (share(p), counted[p], -first[p].start))
        return self.gazetteer.location(best, text=first[best].name, basis="document")


def _refined(own: Location | None, fallback: Location | None) -> Location | None:
    """The event's own place; where that is only a state ("in Syria") and the dateline or the text's
    main place lies in it, that nearer place (its ``basis`` says it is not the sentence's)."""
    if own is None:
        return fallback
    if own.precision == "country" and own.basis != "target" and fallback is not None and fallback.country == own.country:
        return fallback
    if own.basis == "target":
        return replace(own, basis="sentence")
    return own


def _plausible(ranked: Ranked | None, mention: PlaceMention, context: GeoContext) -> Place | None:
    """A reading in a country the document never mentions needs strong evidence: the place's own
    name (not an alternate: "Sun" is no Chinese town), a place-name entity (GPE) or an actor read
    as a place, and a town of some size ("March" is no English town in a report on Syria)."""
    if ranked is None:
        return None
    place = ranked.place
    if place.kind in ("country", "water", "region") or context.share(place.all_countries) > 0:
        return place
    if not ranked.primary or mention.found_by not in ("entity", "actor"):
        return None
    return place if place.kind == "admin1" or place.population >= _FOREIGN_TOWN else None


def make_timeplace(nlp: Language, name: str, gazetteer_files: list[str]) -> TimePlace:
    """spaCy factory for ``factionmap_timeplace``."""
    options = TimePlaceOptions(gazetteer_files=tuple(Path(p) for p in gazetteer_files))
    return guarded(name, TimePlace(options))


# -- context and scoring ---------------------------------------------------------
def document_context(doc: Doc, mentions: Sequence[PlaceMention], gazetteer: Gazetteer) -> GeoContext:
    """Countries of the Doc's actor mentions, plus places with one clear reading (Mordecai's first
    pass): every reading in one country ("Atlanta"), or one reading well ahead of the others."""
    profiles = doc._.fm_profiles or {}
    named = [(p.start, p.end) for p in mentions]
    countries = [
        getattr(profiles.get(m.actor_id), "country", None)
        for m in doc._.fm_mentions or ()
        # a place name is read by the gazetteer, not the actor files; generic nouns, titles and
        # pronouns only echo a country read elsewhere
        if (m.rule not in _ECHO_RULES or _names_country(m.text)) and not _overlaps((m.start, m.end), named)
    ]
    context = GeoContext.of(countries)
    for mention in mentions:
        ranked = rank(gazetteer, mention.name, context, mention.hint)
        if not ranked:
            continue
        top = ranked[0]
        known = context.share(top.place.all_countries) > 0
        if not (known and top.primary) and (mention.found_by not in _STRONG_FINDS or not (top.primary or known)):
            continue  # "Ahmad" is an alternate name of a Kuwaiti town: no evidence the text is about Kuwait
        one_country = len({r.place.all_countries for r in ranked}) == 1
        if one_country or top.score - ranked[1].score >= _CLEAR_MARGIN:
            context = context.adding(ranked[0].place, weight=_PLACE_WEIGHT)
    return context


def _names_country(text: str) -> bool:
    """"Syrian jets": a generic noun whose country the text itself spells out (not "troops", "The army")."""
    words = text.split()
    return len(words) >= 2 and words[0][:1].isupper() and words[0].lower() not in ("the", "a", "an", "its", "their")


def best_place(gazetteer: Gazetteer, mention: PlaceMention, context: GeoContext) -> Ranked | None:
    ranked = rank(gazetteer, mention.name, context, mention.hint)
    return ranked[0] if ranked else None


def place_score(doc: Doc, mention: PlaceMention, place: Place, trigger: Token | None,
                roles: dict[str, list[tuple[int, int]]]) -> float:
    """How well a place in the event's sentence says where the event happened.

    +2 done to the place (a target, or the trigger's object), +2 after a locative word, +1.5
    beside it ("east of"), +1 inside the trigger's clause (-0.25 outside it, as in "officials in
    Ankara said"), +0.3 a town over an area, minus 0.02 per token from the trigger; a place that is the event's source actor, or one that names where
    an actor came from ("from"), scores below the threshold unless nothing better is there.
    """
    span = (mention.start, mention.end)
    if _overlaps(span, roles["source"]) or (mention.modifier and not _overlaps(span, roles["target"])):
        return -5.0  # the doer, "London-based", or "Washington" speaking for the United States
    value = 0.0
    if _overlaps(span, roles["target"]):
        value += 2.0
    elif not mention.relation:
        value -= 1.0  # a bare name with no role in the event: little evidence of its scene
    value += {"locative": 2.0, "direction": 1.5, "origin": -1.0}.get(mention.relation or "", 0.0)
    if place.kind == "country" and not mention.relation and value <= 0:
        return -1.0  # a country named bare is an actor or an adjective, not a scene
    if trigger is not None:
        root = doc[mention.root]
        if root.head == trigger and root.dep_ in ("dobj", "nsubjpass", "obj") and not _overlaps(span, roles["target"]):
            value += 2.0  # "shelled Aleppo", "Aleppo was shelled"
        value += 1.0 if _in_clause(root, trigger) else -0.25
        value -= 0.02 * abs(root.i - trigger.i)
    value += {"city": 0.3, "admin1": 0.1}.get(place.kind, 0.0)
    return value


def _is_done_to(doc: Doc, mention: PlaceMention, trigger: Token | None, roles: dict[str, list[tuple[int, int]]]) -> bool:
    """The place is the event's target or the trigger's object."""
    if _overlaps((mention.start, mention.end), roles["target"]):
        return True
    root = doc[mention.root]
    return trigger is not None and root.head == trigger and root.dep_ in ("dobj", "nsubjpass", "obj")


def _in_clause(token: Token, trigger: Token) -> bool:
    """The place hangs from the trigger without crossing another verb's clause."""
    node = token
    for _ in range(12):
        if node == trigger:
            return True
        if node.head == node:
            return False
        if node.pos_ in ("VERB", "AUX") and node != token:
            return False
        node = node.head
    return False


def _actor_spans(doc: Doc) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans of actor mentions read as places or states, and of the other named actors."""
    profiles = doc._.fm_profiles or {}
    places, others = [], []
    for m in doc._.fm_mentions or ():
        kind = getattr(profiles.get(m.actor_id), "kind", None)
        if kind in _PLACE_ACTOR_KINDS:
            places.append((m.start, m.end))
        elif m.rule not in _ECHO_RULES:
            others.append((m.start, m.end))
    return places, others


def _role_spans(doc: Doc, event: Event) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {"source": [], "target": []}
    for m in doc._.fm_mentions or ():
        if m.actor_id in event.source:
            spans["source"].append((m.start, m.end))
        elif m.actor_id in event.target:
            spans["target"].append((m.start, m.end))
    return spans


def _overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def _token_at(doc: Doc, char: int, starts: Sequence[int] | None = None) -> Token | None:
    """The token holding character ``char``; ``starts`` (each token's ``idx``) spares a scan of the Doc."""
    starts = [t.idx for t in doc] if starts is None else starts
    i = bisect_right(starts, char) - 1
    if i < 0:
        return None
    token = doc[i]
    return token if char < token.idx + max(1, len(token)) else None


def tense_of(trigger: Token) -> Tense:
    """``future`` for "will meet", "plans to visit"; ``present`` for a present-tense verb; else ``past``."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in _FUTURE_AUX:
            return "future"
    if verb.dep_ == "xcomp" and verb.head.lemma_ in _FUTURE_HEADS:
        return "future"
    if verb.dep_ == "xcomp" and any(c.lower_ in _FUTURE_AUX for c in verb.head.children):
        return "future"
    if "Past" in verb.morph.get("Tense") or verb.tag_ in ("VBD", "VBN"):
        return "past"
    return "past"


# -- the assembled document ------------------------------------------------------
def complete_events(document_id: str, events: Sequence[Event], figures: Sequence[Figure]) -> tuple[list[Event], list[Figure]]:
    """Document-level steps once sections are joined: title events placed, figures linked."""
    return link_figures(document_id, place_title_events(events), figures)


def place_title_events(events: Sequence[Event]) -> list[Event]:
    """A headline read apart from its article takes the article's main place when it names none."""
    body = [e.location for e in events if e.section != "title" and e.location is not None
            and e.location.precision in ("city", "admin1")]
    if not body:
        return list(events)
    counts: dict[tuple, int] = {}
    for loc in body:
        counts[(loc.name, loc.admin1_code)] = counts.get((loc.name, loc.admin1_code), 0) + 1
    top = max(counts.values())
    main = replace(next(loc for loc in body if counts[(loc.name, loc.admin1_code)] == top), basis="document")
    return [replace(e, location=main) if e.section == "title" and e.location is None else e for e in events]


# -- figures ----------------------------------------------------------------------
def link_figures(document_id: str, events: Sequence[Event], figures: Sequence[Figure]) -> tuple[list[Event], list[Figure]]:
    """Tie each figure to the event whose evidence sentence holds it; sum the events' totals.

    Among several events of the sentence a killed or wounded figure joins the nearest violent
    one (ASSAULT, COERCE, ...), else the nearest.  Totals add the figures of one sentence and
    keep the largest sentence total where the event is stated several times.
    """
    linked: list[Figure] = []
    per_event: dict[int, dict[tuple[int, str], int]] = {}
    for figure in figures:
        index = _event_for(events, figure)
        if index is None:
            linked.append(figure)
            continue
        linked.append(replace(figure, event=event_id(document_id, events[index])))
        total = _TOTALS.get(figure.kind)
        if total and figure.value is not None:
            sentence = _sentence_of(events[index], figure.start)
            sums = per_event.setdefault(index, {})
            sums[(sentence, total)] = sums.get((sentence, total), 0) + figure.value
    updated = list(events)
    for index, sums in per_event.items():
        totals = {kind: max(v for (_, k), v in sums.items() if k == kind) for _, kind in sums}
        updated[index] = replace(updated[index], **totals)
    return updated, linked


def _spans(event: Event) -> tuple:
    return event.evidence or (event.sentence,)


def _sentence_of(event: Event, offset: int) -> int:
    return next((s.start for s in _spans(event) if s.start <= offset < s.end), event.sentence.start)


def _event_for(events: Sequence[Event], figure: Figure) -> int | None:
    candidates = [i for i, e in enumerate(events) if any(s.start <= figure.start < s.end for s in _spans(e))]
    if not candidates:
        return None

    def distance(i: int) -> tuple[int, int]:
        e = events[i]
        violent = figure.kind in ("killed", "wounded") and e.type in _VIOLENT
        return (0 if violent else 1, min(abs(e.trigger.start - figure.start), abs(e.trigger.end - figure.end)))

    return min(candidates, key=distance)
