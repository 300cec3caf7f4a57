"""Finding trigger candidates in a parsed Doc from the compiled lexicon.

Multiword forms are matched first (lemma sequences that may skip a few
determiners, adjectives or compounds: "issued a strong warning", "opened
its borders"); single verbs and nominal triggers then fill in tokens not
already claimed.  Work is one dictionary lookup per token.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from factionmap.events.lexicon import Lexicon, Trigger

__all__ = ["Candidate", "find_candidates", "is_verbal"]

_SKIPPABLE_POS = frozenset({"DET", "ADJ", "NUM", "ADV", "PRON"})
_SKIPPABLE_DEPS = frozenset({"compound", "amod", "nummod", "poss", "det", "advmod", "case"})
_VERB_POS = frozenset({"VERB", "AUX"})
_NOUN_POS = frozenset({"NOUN", "PROPN", "ADJ"})
MAX_SKIP = 3


@dataclass(frozen=True, slots=True)
class Candidate:
    """A trigger found in the text: the lexicon entry, its head token and its token indices."""

    trigger: Trigger
    anchor: Token
    span: frozenset[int]
    verbal: bool = False


def is_verbal(token: Token) -> bool:
    """A verb, or a word the tagger missed that still governs a verb's arguments ("Russia armed X")."""
    if token.pos_ in _VERB_POS or token.tag_.startswith("VB"):
        return True
    return token.pos_ == "ADJ" and any(c.dep_ in ("dobj", "nsubj", "agent") for c in token.children)


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _match_phrase(doc: Doc, start: int, form: tuple[str, ...]) -> list[int] | None:
    matched = [start]
    i = start + 1
    for lemma in form[1:]:
        skipped = 0
        while i < len(doc) and _lemma(doc[i]) != lemma and doc[i].lower_ != lemma:
            if skipped >= MAX_SKIP or not (doc[i].pos_ in _SKIPPABLE_POS or doc[i].dep_ in _SKIPPABLE_DEPS):
                return None
            skipped += 1
            i += 1
        if i >= len(doc) or any(doc[j].is_sent_start for j in range(matched[-1] + 1, i + 1)):
            return None
        matched.append(i)
        i += 1
    return matched


def _anchor(doc: Doc, indices: list[int]) -> Token:
    """The phrase token whose head lies outside the phrase, preferring verbs."""
    inside = set(indices)
    heads = [doc[i] for i in indices if doc[i].head.i not in inside or doc[i].head.i == i]
    verbs = [t for t in heads if t.pos_ in _VERB_POS]
    return (verbs or heads or [doc[indices[0]]])[0]


def _phrases(doc: Doc, lexicon: Lexicon, used: set[int]) -> list[Candidate]:
    found: list[Candidate] = []
    for token in doc:
        if token.i in used:
            continue
        entries = lexicon.phrases.get(_lemma(token)) or lexicon.phrases.get(token.lower_)
        for trig in entries or ():
            indices = _match_phrase(doc, token.i, trig.form)
            if indices is None or used.intersection(indices):
                continue
            used.update(indices)
            anchor = _anchor(doc, indices)
            found.append(Candidate(trig, anchor, frozenset(indices), is_verbal(anchor)))
            break
    return found


def _single(token: Token, lexicon: Lexicon) -> Trigger | None:
    lemma = _lemma(token)
    if is_verbal(token):
        return lexicon.verbs.get(lemma) or lexicon.verbs.get(_verb_lemma(token))
    if token.pos_ in _NOUN_POS:
        return lexicon.nouns.get(lemma) or lexicon.nouns.get(token.lower_)
    return None


def _verb_lemma(token: Token) -> str:
    """Crude lemma for a mistagged participle ("armed" tagged ADJ keeps lemma "armed")."""
    word = token.lower_
    for suffix, repl in (("ied", "y"), ("ed", ""), ("ing", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + repl
    return word


def find_candidates(doc: Doc, lexicon: Lexicon) -> list[Candidate]:
    """All trigger candidates in document order (phrases win over their words)."""
    used: set[int] = set()
    found = _phrases(doc, lexicon, used)
    for token in doc:
        if token.i in used or token._.fm_actor or token.ent_type_ in ("GPE", "PERSON", "ORG", "NORP"):
            continue
        trig = _single(token, lexicon)
        if trig is not None:
            found.append(Candidate(trig, token, frozenset((token.i,)), is_verbal(token)))
    return sorted(found, key=lambda c: c.anchor.i)
