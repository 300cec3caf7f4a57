"""Place mentions in a parsed text: named entities and proper names after a locative word,
looked up in the gazetteer, with the words around them (``data/geo/place_words.tsv``).

"in Goma" → Goma with preposition ``in``; "east of Khartoum" → Khartoum, ``direction``;
"the Jabalia camp" → Jabalia with the hint ``city``; "Idlib province" → Idlib, ``admin1``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from spacy.tokens import Doc, Span, Token

from factionmap.datafiles import DataFileError, read_rows
from factionmap.geo.gazetteer import Gazetteer

__all__ = ["PlaceMention", "PlaceWords", "place_words", "place_mentions", "dateline", "PLACE_LABELS"]

PLACE_LABELS: frozenset[str] = frozenset({"GPE", "LOC", "FAC"})
_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_ROLES = ("admin1", "city", "locative", "origin", "direction", "time")


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in a Doc: offsets local to the Doc, the name looked up, and its surroundings."""

    start: int
    end: int
    name: str
    root: int  # token index of the name's last token
    hint: str | None = None  # "admin1" | "city" from a generic word beside the name
    relation: str | None = None  # "locative" | "origin" | "direction" | None
    found_by: str = "entity"  # entity (GPE) | location (LOC) | facility (FAC) | actor | after_locative | bare
    modifier: bool = False  # the name modifies another word ("London-based", "Aleppo rebels") or stands for a state


@dataclass(frozen=True)
class PlaceWords:
    """Word → role, from ``place_words.tsv`` and a user's files of the same columns."""

    roles: Mapping[str, str]

    def role(self, word: str) -> str | None:
        return self.roles.get(word.lower())


def place_words(paths: Sequence[Path | str | None] = (None,)) -> PlaceWords:
    """Read the place-word files (None: the bundled one)."""
    roles: dict[str, str] = {}
    for path in paths:
        for name, number, cols in read_rows(str(path) if path else None, "geo/place_words.tsv"):
            if len(cols) < 2 or cols[1] not in _ROLES:
                raise DataFileError(f"{name}:{number}: expected 'word<TAB>role' with role in {', '.join(_ROLES)}")
            roles[cols[0].lower()] = cols[1]
    return PlaceWords(MappingProxyType(roles))


@lru_cache(maxsize=1)
def _bundled_words() -> PlaceWords:
    return place_words()


def place_mentions(doc: Doc | Span, gazetteer: Gazetteer, words: PlaceWords | None = None,
                   extra: Sequence[tuple[int, int]] = (),
                   blocked: Sequence[tuple[int, int]] = ()) -> list[PlaceMention]:
    """Places named in ``doc`` that the gazetteer knows, left to right.

    ``extra`` adds character spans known to name places (e.g. actor mentions of places);
    ``blocked`` are character spans that name something else (people, organisations).
    A proper name outside any entity that the gazetteer knows as a town or area counts too
    (the tagger misses "shelled Aleppo" now and then).
    """
    words = words or _bundled_words()
    found: list[PlaceMention] = []
    tokens = list(doc)  # each pass over a Doc builds its Token objects anew: one pass, shared
    spans = list(_name_spans(doc, gazetteer, words, tokens))
    whole = doc.doc if isinstance(doc, Span) else doc
    for start_char, end_char in extra:
        span = whole.char_span(start_char, end_char, alignment_mode="expand")
        if span is not None and not any(s < span.end and span.start < e for s, e, _ in spans):
            spans.append((span.start, span.end, "actor"))
    spans.extend((s, e, "bare") for s, e in _bare_names(doc, gazetteer, [(s, e) for s, e, _ in spans], blocked, tokens))
    for start, end, found_by in sorted(spans):
        mention = _mention(doc, start, end, gazetteer, words, found_by)
        if mention is not None:
            found.append(mention)
    return found


def _name_spans(doc: Doc | Span, gazetteer: Gazetteer, words: PlaceWords,
                tokens: Sequence[Token] | None = None) -> Iterator[tuple[int, int, str]]:
    """Token ranges: named entities of place labels, then proper-noun runs after a locative word
    (``tokens``: the tokens of ``doc``, when the caller has them)."""
    base = doc.start if isinstance(doc, Span) else 0
    tokens = list(doc) if tokens is None else tokens
    taken: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            taken.update(range(ent.start, ent.end))
            yield ent.start, ent.end, {"FAC": "facility", "LOC": "location"}.get(ent.label_, "entity")
    taken.update(t.i for t in tokens if t.ent_type_ in _NOT_NAMES)  # "in March"; a mis-tagged "town of Marea" stays
    for i, token in enumerate(tokens[:-1]):
        if words.role(token.text) not in ("locative", "direction", "origin") and token.lower_ != "of":
            continue
        j = i + 1 + (tokens[i + 1].lower_ == "the")
        k = j
        while k < len(tokens) and tokens[k].pos_ == "PROPN" and tokens[k].i not in taken:
            k += 1
        if k > j and gazetteer.candidates(" ".join(t.text for t in tokens[j:k])):
            taken.update(range(base + j, base + k))
            yield base + j, base + k, "after_locative"


def _bare_names(doc: Doc | Span, gazetteer: Gazetteer, taken: Sequence[tuple[int, int]],
                blocked: Sequence[tuple[int, int]], tokens: Sequence[Token] | None = None) -> Iterator[tuple[int, int]]:
    """Proper-noun runs in no entity and no blocked span whose name is a town or an area."""
    whole = doc.doc if isinstance(doc, Span) else doc
    tokens = list(doc) if tokens is None else tokens
    used = {i for start, end in taken for i in range(start, end)}
    used.update(t.i for t in tokens if t.ent_type_ and t.ent_type_ not in PLACE_LABELS)
    starts = [t.idx for t in tokens]
    first = doc.start if isinstance(doc, Span) else 0
    for s, e in blocked:  # the tokens that start inside a blocked span
        used.update(range(first + bisect_left(starts, s), first + bisect_left(starts, e)))
    proper = [t.pos_ == "PROPN" for t in tokens]
    i, last = first, first + len(tokens)
    while i < last:
        if not proper[i - first] or i in used:
            i += 1
            continue
        j = i
        while j < last and proper[j - first] and j not in used:
            j += 1
        name = whole[i:j].text
        if name.isupper() and len(name) <= 5:  # "NGO", "AFP": acronyms name organisations
            i = j
            continue
        if any(p.kind in ("city", "admin1") for p, _ in gazetteer.candidates(name)):
            yield i, j
        i = j


def _mention(doc: Doc | Span, start: int, end: int, gazetteer: Gazetteer, words: PlaceWords,
             found_by: str = "entity") -> PlaceMention | None:
    whole = doc.doc if isinstance(doc, Span) else doc
    tokens = list(whole[start:end])
    while tokens and tokens[0].lower_ in ("the", "a"):
        tokens = tokens[1:]
    hint = None
    while tokens and words.role(tokens[-1].text) in ("admin1", "city"):
        hint = words.role(tokens[-1].text)
        tokens = tokens[:-1]
    while tokens and words.role(tokens[0].text) in ("admin1", "city"):  # "rural Damascus"
        hint = words.role(tokens[0].text)
        tokens = tokens[1:]
    if not tokens or any(words.role(t.text) == "time" for t in tokens):
        return None
    name = whole[tokens[0].i : tokens[-1].i + 1].text
    while len(tokens) > 1 and not gazetteer.candidates(name):  # "Syrias Idlib" → "Idlib"
        tokens = tokens[1:]
        name = whole[tokens[0].i : tokens[-1].i + 1].text
    if found_by == "facility" and not hint:
        return None  # "the White House", "the Citadel": a building, unless named after its town ("the Jabalia camp")
    if found_by not in ("entity", "location", "actor") and not gazetteer.candidates(name):
        return None  # named entities stay: the resolver may still read a spelling no list has
    hint = hint or _hint_around(whole, tokens[0].i, tokens[-1].i + 1, words)
    return PlaceMention(
        start=tokens[0].idx - (doc.start_char if isinstance(doc, Span) else 0),
        end=tokens[-1].idx + len(tokens[-1]) - (doc.start_char if isinstance(doc, Span) else 0),
        name=name, root=tokens[-1].i, hint=hint, relation=_relation(whole, tokens[0].i, words),
        found_by=found_by, modifier=_is_modifier(whole, tokens[0].i, tokens[-1].i + 1, words),
    )


def _is_modifier(doc: Doc, start: int, end: int, words: PlaceWords) -> bool:
    """"London-based", "the Aleppo-born", "Aleppo rebels": the name qualifies another word
    (but "Aleppo city", "Idlib province" name the place itself)."""
    if end + 1 < len(doc) and doc[end].text in ("-", "\u2013") and doc[end + 1].pos_ in ("VERB", "ADJ"):
        return True
    last = doc[end - 1]
    if words.role(last.head.text) in ("admin1", "city", "direction"):
        return False
    return last.dep_ in ("compound", "amod", "nmod") and last.head.i >= end and last.head.pos_ == "NOUN"


def _hint_around(doc: Doc, start: int, end: int, words: PlaceWords) -> str | None:
    """"the city of Homs", "Aleppo's countryside", "Homs and Hama provinces"."""
    if start >= 2 and doc[start - 1].lower_ == "of" and words.role(doc[start - 2].text) in ("admin1", "city"):
        return words.role(doc[start - 2].text)
    for token in doc[end : min(len(doc), end + 2)]:
        if token.text in ("'s", "’s"):
            continue
        return words.role(token.text) if words.role(token.text) in ("admin1", "city") else None
    return None


def _relation(doc: Doc, start: int, words: PlaceWords) -> str | None:
    """The word before the name that relates it to the event: "in", "from", "east of", "outskirts of"."""
    i = start - 1
    while i >= 0 and (doc[i].lower_ in ("the", "a") or words.role(doc[i].text) in ("admin1", "city")):
        i -= 1
    if i < 0:
        return None
    role = words.role(doc[i].text)
    if doc[i].lower_ == "of" and i >= 1:
        j = i - 1
        while j >= 0 and doc[j].lower_ in ("the", "a") or (j >= 0 and doc[j].like_num) or (
            j >= 0 and doc[j].lower_ in ("km", "kilometres", "kilometers", "miles", "mi")
        ):
            j -= 1
        before = words.role(doc[j].text) if j >= 0 else None
        return "direction" if before in ("direction", "admin1", "city") else None
    return role if role in ("locative", "origin", "direction") else None


_DATELINE = re.compile(
    r"^\s*(?P<name>[A-Z][A-Za-z'\u2019.-]+(?:[ -][A-Z][A-Za-z'\u2019.-]+){0,3})"
    r"(?:,\s*(?P<area>[A-Z][A-Za-z .]+?))?\s*(?:\((?P<agency>[^)]{1,40})\))?\s*(?:[-\u2013\u2014:]|\u2014)\s"
)


def dateline(text: str) -> tuple[str, str | None] | None:
    """``BEIRUT (Reuters) - ...`` → (``BEIRUT``, None); ``Goma, Congo — ...`` → (``Goma``, ``Congo``)."""
    match = _DATELINE.match(text[:200])
    if not match:
        return None
    return match.group("name"), match.group("area")
