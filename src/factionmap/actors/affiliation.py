"""Affiliated forces: armed men named by whom they belong to.

Three surface patterns, read from the tokens and the mentions already resolved (the small
model's parse of these phrases is unreliable, so the parse is not needed):

- *loyalty*: "forces loyal to the GNA", "militants loyal to Zarqawi", "troops allied with
  Turkey", "militias backed by Iran" — the noun phrase before the patron;
- *patronage*: "GNA-backed forces", "Russian-backed militias", "Iran-supported fighters" — the
  whole phrase, patron included;
- *possession*: "the GNA's forces", "Hamas's fighters".

:func:`find_affiliations` only finds them; :class:`factionmap.actors.resolver.ActorResolver`
decides what the phrase resolves to (see ``_affiliated`` there).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc, Token

__all__ = ["FORCE_NOUNS", "Affiliation", "find_affiliations"]

#: Nouns for armed men (plural and collective), lower case.
FORCE_NOUNS = frozenset(
    "forces force fighters troops soldiers militias militia militiamen gunmen units brigades brigade loyalists "
    "militants rebels paramilitaries combatants guerrillas insurgents mercenaries".split()
)
#: "<noun> loyal to X": the linking word and the prepositions it takes.
LOYALTY = {
    "loyal": ("to",), "allied": ("to", "with"), "aligned": ("with", "to"), "affiliated": ("with", "to"),
    "linked": ("to", "with"), "backed": ("by",), "supported": ("by",), "sponsored": ("by",),
    "funded": ("by",), "armed": ("by",), "trained": ("by",), "led": ("by",), "commanded": ("by",),
}
#: "X-backed forces": participles after a hyphen.
PATRONAGE = frozenset("backed supported sponsored funded armed trained allied aligned led controlled".split())
_ADVERBS = frozenset({"still", "closely", "directly", "reportedly", "largely", "mostly", "fiercely", "firmly"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


class MentionLike(Protocol):
    start: int
    end: int
    actor_id: str


@dataclass(frozen=True)
class Affiliation:
    """A phrase for armed men and the mention of whom they belong to.

    ``start``/``end``: the tokens the phrase's mention should cover; ``noun``: the head noun's
    index; ``patron``: the patron's mention; ``whole``: True when the span includes the patron
    ("GNA-backed forces"), so the patron's mention becomes the phrase's.
    """

    start: int
    end: int
    noun: int
    patron: MentionLike
    whole: bool


def _left_modifiers(doc: Doc, noun: int, free: Callable[[int], bool], floor: int) -> int:
    """Start of the phrase ending at ``noun``: lower-case modifiers and a determiner before it."""
    start = noun
    while start - 1 >= floor and free(start - 1) and noun - start < 4:
        prev = doc[start - 1]
        if prev.pos_ in ("DET", "ADJ", "NUM") or (prev.pos_ in ("NOUN", "VERB") and prev.dep_ in ("amod", "compound")):
            if prev.is_lower or prev.pos_ == "DET" or prev.is_sent_start:
                start -= 1
                continue
        break
    return start


def _forward_noun(doc: Doc, i: int, free: Callable[[int], bool]) -> int | None:
    """The force noun at or up to three free modifiers after ``i`` ("-backed armed militias")."""
    for j in range(i, min(len(doc), i + 4)):
        if not free(j):
            return None
        tok = doc[j]
        if tok.lower_ in FORCE_NOUNS and tok.pos_ in ("NOUN", "PROPN"):
            return j
        if not (tok.is_lower and tok.pos_ in ("ADJ", "NOUN", "VERB")):
            return None
    return None


def _patron_after(doc: Doc, i: int, owner: Callable[[int], MentionLike | None]) -> MentionLike | None:
    """The last mention in the noun phrase from ``i`` ("loyal to Iraq's Al-Qaeda frontman Zarqawi")."""
    last = None
    j = i
    while j < len(doc) and j - i < 10:
        tok = doc[j]
        m = owner(j)
        if m is not None and m.start >= i:
            last = m
            j = max(j + 1, m.end)
            continue
        if tok.pos_ not in ("DET", "PROPN", "NOUN", "ADJ", "NUM") and tok.text not in ("-", "'s", "’s", "'", "’"):
            break
        if "\n" in doc[j - 1].text_with_ws and j > i:
            break
        j += 1
    return last


def _loyalty(doc: Doc, tok: Token, owner, free) -> Affiliation | None:
    j = tok.i + 1
    while j < len(doc) and doc[j].lower_ in _ADVERBS:
        j += 1
    if j + 1 >= len(doc) or doc[j].lower_ not in LOYALTY or doc[j + 1].lower_ not in LOYALTY[doc[j].lower_]:
        return None
    patron = _patron_after(doc, j + 2, owner)
    if patron is None:
        return None
    return Affiliation(_left_modifiers(doc, tok.i, free, 0), tok.i + 1, tok.i, patron, False)


def _patronage(doc: Doc, m: MentionLike, owner, free) -> Affiliation | None:
    e = m.end
    if e + 2 >= len(doc) or doc[e].text != "-" or doc[e + 1].lower_ not in PATRONAGE:
        return None
    if doc[e - 1].whitespace_ or doc[e].whitespace_:
        return None  # "Turkey - backed ..." is not one word
    noun = _forward_noun(doc, e + 2, free)
    return Affiliation(m.start, noun + 1, noun, m, True) if noun is not None else None


def _possession(doc: Doc, m: MentionLike, owner, free) -> Affiliation | None:
    e = m.end
    if e + 1 >= len(doc) or doc[e].text not in _POSSESSIVE:
        return None
    noun = _forward_noun(doc, e + 1, free)
    return Affiliation(e + 1, noun + 1, noun, m, False) if noun is not None else None


def find_affiliations(
    doc: Doc, mentions: list[MentionLike], owner: Callable[[int], MentionLike | None], free: Callable[[int], bool]
) -> list[Affiliation]:
    """Every affiliated-forces phrase in ``doc`` whose noun is not yet a mention."""
    found: list[Affiliation] = []
    for tok in doc:
        if tok.lower_ in FORCE_NOUNS and tok.pos_ in ("NOUN", "PROPN") and free(tok.i):
            hit = _loyalty(doc, tok, owner, free)
            if hit is not None:
                found.append(hit)
    for m in sorted(mentions, key=lambda x: x.start):
        hit = _patronage(doc, m, owner, free) or _possession(doc, m, owner, free)
        if hit is not None:
            found.append(hit)
    return found
