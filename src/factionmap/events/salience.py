"""The ``factionmap_clause_levels`` spaCy component: how far each event sits from its sentence's main assertion.

PLOVER codes a sentence by the event its main clause states: "X suspended food
supplies to Y" is the suspension (SANCTION), not the supplies (AID); "X was
willing to provide a loan" is the promise (AGREE); "X freed a diplomat it had
arrested" is the release, the arrest being background; "X convicted Y over
their assault" is the conviction.  Reported speech is the exception: the
content of a neutral report ("the ministry said its jets struck Z") is what
the sentence asserts, so a speech verb's complement counts as main.

:func:`clause_level` counts, from the trigger up to the sentence root, two for
every link into an embedded clause or adjunct (cues.tsv ``level-clause``:
adverbial, relative and participial clauses, complements, prepositional
objects, appositions) and one for every noun that is an argument of its head
(cues.tsv ``level-argument``: the object, subject or modifier noun of a
predicate), so a predicate's own event outranks a nominal event it governs;
conjunction and every other link cost nothing.  The component, run after the
typer, stores the level on each event (:attr:`Event.clause_level`);
:func:`main_event` picks a sentence's main event: the lowest level, then the
highest confidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from factionmap.events.lexicon import Lexicon, load_lexicon
from factionmap.model import Event
from factionmap.nlp import guarded

__all__ = ["ClauseLevels", "clause_level", "main_event", "make_clause_levels", "trigger_head"]

#: Links through which a speech verb reports the assertion it carries.
_REPORT_DEPS = frozenset({"ccomp", "parataxis"})
#: Cost of a link into an embedded clause or adjunct, and of a noun argument.
CLAUSE_COST = 2
ARGUMENT_COST = 1
_MAX_HOPS = 12


def trigger_head(doc: Doc, start: int, end: int) -> Token | None:
    """The token of the character span ``[start, end)`` whose head lies outside it (the first one
    when several do): the word the trigger hangs from the parse by."""
    inside = [t for t in doc if t.idx < end and t.idx + len(t) > start]
    indices = {t.i for t in inside}
    heads = [t for t in inside if t.head.i not in indices or t.head is t]
    return (heads or inside or [None])[0]


def clause_level(token: Token, lex: Lexicon) -> int:
    """How deep ``token`` sits below its sentence's main assertion (0: on it)."""
    clause_deps = lex.words("level-clause")
    argument_deps = lex.words("level-argument")
    level = 0
    current = token
    for _ in range(_MAX_HOPS):
        head = current.head
        if head is current or current.dep_ == "ROOT":
            break
        dep = current.dep_
        if dep in _REPORT_DEPS and head.lemma_.lower() in lex.speech:
            pass  # "said (that) ...": the reported content is asserted
        elif dep in clause_deps:
            level += CLAUSE_COST
        elif dep in argument_deps and current.pos_ in ("NOUN", "PROPN"):
            level += ARGUMENT_COST
        current = head
    return level


def main_event(events: Sequence[Event]) -> Event | None:
    """The event a sentence's main clause states: the lowest clause level, then the most confident."""
    return min(events, key=lambda e: (e.clause_level, -e.confidence), default=None)


class ClauseLevels:
    """Stores :func:`clause_level` on every event of a Doc."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        doc._.fm_events = list(self._levelled(doc, doc._.fm_events or ()))
        return doc

    def _levelled(self, doc: Doc, events: Iterable[Event]) -> Iterable[Event]:
        for event in events:
            token = trigger_head(doc, event.trigger.start, event.trigger.end)
            level = clause_level(token, self.lexicon) if token is not None else 0
            yield event if level == event.clause_level else replace(event, clause_level=level)


def make_clause_levels(nlp: Language, name: str, lexicon_files: list[str]) -> Callable[[Doc], Doc]:
    """spaCy factory: clause levels over the bundled word lists extended by ``lexicon_files``."""
    return guarded(name, ClauseLevels(load_lexicon(tuple(str(f) for f in lexicon_files))))
