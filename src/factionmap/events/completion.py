"""The ``factionmap_event_completion`` spaCy component, run after the typer: each event's missing roles
read by the frame of its type, and how far it sits from its sentence's main assertion.

**Roles.**  An event the typer adds or retypes has its roles from a plain
subject/object reading; where a side is empty, the coder's
:class:`~.roles.RoleReader` reads the trigger again under the frame of the
event's type (``frames.tsv``: its prepositions, place targets, "of"-doers,
passive agents, inherited subjects) and fills that side (a side already found
is kept) when the reading is strong enough (:data:`COMPLETE_STRENGTH`).
"Border guards stormed a camp in Evros" gets its target whoever typed the storming.

**Clause levels.**

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
conjunction and every other link cost nothing.  The component stores the level
on each event (:attr:`Event.clause_level`);
:func:`main_event` picks a sentence's main event: the lowest level, then the
highest confidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from factionmap.events.lexicon import Lexicon, Trigger, load_lexicon
from factionmap.events.matching import Candidate, is_verbal
from factionmap.events.roles import RoleReader
from factionmap.model import Event
from factionmap.nlp import guarded

__all__ = ["EventCompletion", "clause_level", "main_event", "make_event_completion", "trigger_head"]

#: Links through which a speech verb reports the assertion it carries.
_REPORT_DEPS = frozenset({"ccomp", "parataxis"})
#: Cost of a link into an embedded clause or adjunct, and of a noun argument.
CLAUSE_COST = 2
ARGUMENT_COST = 1
_MAX_HOPS = 12
#: A side is filled only from a reading at least this strong (the role reader's trigger strength ×
#: how the roles were found × where the trigger sits): weak readings deep in a long sentence
#: (inherited subjects, searched modifiers, subordinate clauses) find a clause's actors too often.
COMPLETE_STRENGTH = 0.6


def trigger_head(doc: Doc, start: int, end: int) -> Token | None:
    """The token of the character span ``[start, end)`` whose head lies outside it (the first one
    when several do): the word the trigger hangs from the parse by."""
    length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0  # len(doc.text), without building it
    span = doc.char_span(max(start, 0), min(end, length), alignment_mode="expand") if start < end else None
    inside = [t for t in span or () if t.idx < end and t.idx + len(t) > start]  # spaCy's index, not a scan
    indices = {t.i for t in inside}
    heads = [t for t in inside if t.head.i not in indices or t.head == t]
    return (heads or inside or [None])[0]


def clause_level(token: Token, lex: Lexicon) -> int:
    """How deep ``token`` sits below its sentence's main assertion (0: on it)."""
    clause_deps = lex.words("level-clause")
    argument_deps = lex.words("level-argument")
    level = 0
    current = token
    for _ in range(_MAX_HOPS):
        head = current.head
        if head.i == current.i or current.dep_ == "ROOT":
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


class EventCompletion:
    """Fills missing roles by frame and stores :func:`clause_level` on every event of a Doc."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.roles = RoleReader(lexicon)

    def __call__(self, doc: Doc) -> Doc:
        events = list(doc._.fm_events or ())
        doc._.fm_events = [self._complete(doc, event, events) for event in events]
        return doc

    def _complete(self, doc: Doc, event: Event, events: Sequence[Event]) -> Event:
        token = trigger_head(doc, event.trigger.start, event.trigger.end)
        if token is None:
            return event
        level = clause_level(token, self.lexicon)
        source, target = event.source, event.target
        if not (source and target) and event.type in self.lexicon.type_frames:
            read = self._frame_roles(token, event, [e for e in events if e is not event])
            if read is not None:
                source = source or tuple(a for a in read[0] if a not in target)
                target = target or tuple(a for a in read[1] if a not in source)
        if (level, source, target) == (event.clause_level, event.source, event.target):
            return event
        return replace(event, clause_level=level, source=source, target=target)

    def _frame_roles(self, token: Token, event: Event, prior: Sequence[Event]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """(source, target) of ``token`` read as a trigger of the event's type, or None."""
        trigger = Trigger((token.lemma_.lower(),), "verb" if is_verbal(token) else "noun", event.type)
        cand = Candidate(trigger, token, frozenset((token.i,)), is_verbal(token))
        args = self.roles.arguments(cand, prior)
        return None if args is None or args.strength < COMPLETE_STRENGTH else (args.source, args.target)


def make_event_completion(nlp: Language, name: str, lexicon_files: list[str]) -> Callable[[Doc], Doc]:
    """spaCy factory: event completion over the bundled lexicon extended by ``lexicon_files``."""
    return guarded(name, EventCompletion(load_lexicon(tuple(str(f) for f in lexicon_files))))
