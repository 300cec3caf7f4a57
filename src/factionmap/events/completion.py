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
:func:`main_event` picks a sentence's main event: the lowest level, then an
asserted (not hypothetical) event, then the highest confidence.

**Commitments.**  PLOVER codes a subject's commitment to an act of its own as
the frame's intent (``frames.tsv``): "X is willing to withdraw", "X said it
will release Y", "X offered to send troops" state an AGREE by X (a THREATEN
for a hostile act, or for any act held over an "unless" condition) beside the
promised act, which stays hypothetical.  :func:`commitment` finds the word
that commits (cues.tsv ``commissive`` and ``commissive-modal``; a demand,
cues.tsv ``directive``, a negation or an "if" clause commits nobody); an
intent event already on that word takes the act's roles where its own are
empty, else the commitment is added with the act's roles, level and
confidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from factionmap.events.arguments import threat_condition
from factionmap.events.lexicon import Lexicon, Trigger, load_lexicon
from factionmap.events.matching import Candidate, is_verbal, light_governor, light_rows
from factionmap.events.roles import RoleReader
from factionmap.model import Event, TextSpan
from factionmap.nlp import guarded, text_length

__all__ = ["EventCompletion", "clause_level", "commitment", "main_event", "make_event_completion", "trigger_head"]

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
#: Links from a committed act up to the word that commits its subject ("is willing to withdraw":
#: withdraw → willing → is; "will lay down arms and accept": accept → lay), and how many.
_COMMIT_DEPS = frozenset({"xcomp", "conj", "acomp", "pcomp", "prep"})
_COMMIT_HOPS = 4


def trigger_head(doc: Doc, start: int, end: int) -> Token | None:
    """The token of the character span ``[start, end)`` whose head lies outside it (the first one
    when several do): the word the trigger hangs from the parse by."""
    length = text_length(doc)
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
    """The event a sentence's main clause states: the lowest clause level, then an asserted one
    (a promise before the promised act), then the most confident."""
    return min(events, key=lambda e: (e.clause_level, e.hypothetical, -e.confidence), default=None)


def commitment(token: Token, lex: Lexicon) -> Token | None:
    """The word committing the subject of ``token``'s clause to its act ("will", "would",
    "willing", "offered", "pledged"), or None: a plain act, a demanded one ("urged X to withdraw",
    "X must withdraw"), a negated one, or one inside an "if" clause."""
    commissive, modals = lex.words("commissive"), lex.words("commissive-modal")
    directive = lex.words("directive")
    current = token
    for _ in range(_COMMIT_HOPS):
        children = list(current.children)
        if any(c.dep_ == "neg" or (c.dep_ == "mark" and c.lower_ in ("if", "whether")) for c in children):
            return None
        for child in children:
            word = child.lower_
            if child.dep_ == "aux" and (word in directive or child.lemma_.lower() in directive):
                return None
            if child.dep_ == "aux" and word in modals and not _perfect(current):
                return None if _decided(current, child, lex) else child
        lemma = current.lemma_.lower()
        if lemma in directive:
            return None
        if lemma in commissive or (current.lower_ in commissive and any(c.dep_ == "auxpass" for c in current.children)):
            return current  # "is willing to", "offered to", "is committed to" (not "prepared to resume")
        if current.dep_ not in _COMMIT_DEPS or current.head == current:
            return None
        current = current.head
    return None


def _perfect(verb: Token) -> bool:
    """ "would have sent": a counterfactual, not a commitment."""
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def _decided(verb: Token, modal: Token, lex: Lexicon) -> bool:
    """ "announced it would prohibit all aid": a decision reported as taken (cues.tsv ``deciding``)
    is the act itself, as the coder reads it, not a commitment."""
    return (modal.lower_ == "would" and verb.dep_ == "ccomp"
            and verb.head.lemma_.lower() in lex.words("deciding"))


class EventCompletion:
    """Fills missing roles by frame and stores :func:`clause_level` on every event of a Doc."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.roles = RoleReader(lexicon)

    def __call__(self, doc: Doc) -> Doc:
        events = [self._recompose(doc, e, doc._.fm_events) for e in doc._.fm_events or ()]
        completed = [self._complete(doc, event, events) for event in events]
        doc._.fm_events = self._commitments(doc, completed)
        return doc

    def _recompose(self, doc: Doc, event: Event, events: Sequence[Event]) -> Event:
        """A nominal event under a light verb (``light.tsv``) that states another event with an
        object of its (typed) type: "called off their strike" once the typer reads the strike as a
        PROTEST is the CONCEDE; the verb joins the trigger.  Kept when an event already sits on the verb."""
        token = trigger_head(doc, event.trigger.start, event.trigger.end)
        if token is None or is_verbal(token):
            return event
        trigger = Trigger((token.lemma_.lower(),), "noun", event.type)
        verb = light_governor(Candidate(trigger, token, frozenset((token.i,))), self.lexicon)
        rows = [(r, p) for r, p in light_rows(verb, self.lexicon) if r.takes(event.type)] if verb is not None else []
        if not rows or rows[0][0].type in (None, event.type):
            return event
        row, particle = rows[0]
        if any(e is not event and _overlaps(e, verb) for e in events):
            return event
        start = min(verb.idx, event.trigger.start)
        end = max(event.trigger.end, verb.idx + len(verb), *([doc[particle].idx + len(doc[particle])] if particle is not None else []))
        return replace(event, type=row.type, mode=row.mode, trigger=TextSpan(start, end, doc.text[start:end]))

    def _commitments(self, doc: Doc, events: list[Event]) -> list[Event]:
        """``events`` with the commitment each committed act states (see the module docstring): the
        act becomes hypothetical; an event on the committing word is the commitment (retyped to the
        intent when the typer gave it the act's reading, its empty roles taken from the act), else
        the commitment is added at the committing word's level."""
        out = list(events)
        for n, event in enumerate(events):
            intent = self._intent(doc, event)
            if intent is None:
                continue
            etype, word = intent
            out[n] = event = replace(event, hypothetical=True)
            host = next((i for i, e in enumerate(out) if i != n and e.sentence.start == event.sentence.start
                         and _overlaps(e, word) and (e.type == etype or not e.hypothetical)), None)
            if host is None:
                out.append(replace(event, type=etype, hypothetical=False, mode=None, trigger=_commit_span(doc, word, event),
                                   clause_level=clause_level(word, self.lexicon)))
                continue
            owner = out[host]
            source = owner.source or tuple(a for a in event.source if a not in owner.target)
            target = owner.target or tuple(a for a in event.target if a not in source)
            out[host] = replace(owner, type=etype, source=source, target=target,
                                mode=owner.mode if owner.type == etype else None)
        return sorted(out, key=lambda e: (e.sentence.start, e.trigger.start))

    def _intent(self, doc: Doc, event: Event) -> tuple[str, Token] | None:
        """(the type of the commitment ``event``'s act states, the committing word), or None."""
        if event.negated or event.type not in self.lexicon.type_frames:
            return None
        frame = self.lexicon.frame(event.type)
        token = trigger_head(doc, event.trigger.start, event.trigger.end)
        if token is None or frame.intent is None or frame.intent == event.type:
            return None
        word = commitment(token, self.lexicon)
        if word is None:
            return None
        return ("THREATEN" if threat_condition(token, self.lexicon) else frame.intent), word

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


def _overlaps(event: Event, token: Token) -> bool:
    return event.trigger.start < token.idx + len(token) and token.idx < event.trigger.end


def _commit_span(doc: Doc, word: Token, event: Event) -> TextSpan:
    """The evidence of a commitment: the committing word through the act's trigger when they are
    close ("will release", "is willing to withdraw"), else the committing word."""
    start, end = min(word.idx, event.trigger.start), max(word.idx + len(word), event.trigger.end)
    if end - start > 60 or doc.text[start:end].count(" ") > 6:
        start, end = word.idx, word.idx + len(word)
    return TextSpan(start, end, doc.text[start:end])


def make_event_completion(nlp: Language, name: str, lexicon_files: list[str]) -> Callable[[Doc], Doc]:
    """spaCy factory: event completion over the bundled lexicon extended by ``lexicon_files``."""
    return guarded(name, EventCompletion(load_lexicon(tuple(str(f) for f in lexicon_files))))
