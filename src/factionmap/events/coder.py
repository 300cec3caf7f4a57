"""The ``factionmap_events`` spaCy component: PLOVER events from dependency parses.

For each trigger candidate (:mod:`.matching`) that is not only the content of
another trigger, the coder has its source and target read by a
:class:`~.roles.RoleReader` (the frame of its type, the word lists and the role
paths of the lexicon).  Flags (negated, hedged — scoped to the trigger's own
clause —, hypothetical), the asserting voice (author, the reporting speaker,
or the accuser or denier whose account it is) and a confidence are then
computed from the trigger's clause; a refused cooperative act becomes the
REJECT of its frame, a promised or threatened one its intent; events of a
Title-Case headline lose confidence.

:func:`make_event_coder` is the spaCy factory: it compiles the bundled
trigger lexicon plus any user lexicon files once per pipeline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from factionmap.events.arguments import actors_of, fill, hands_of, held_by_condition, in_container, nominal_governor, threat_condition
from factionmap.events.lexicon import Lexicon, Trigger, load_lexicon
from factionmap.events.matching import Candidate, find_candidates
from factionmap.events.roles import SPEECH_LINK_DEPS, Arguments, RoleReader, clause_position
from factionmap.model import Event, TextSpan
from factionmap.nlp import guarded

__all__ = ["EventCoder", "make_event_coder"]

# Word lists (prepositions, lemma lists) live in data/cues.tsv and the per-type argument frames
# (directed, "of" role, place targets, intent, classes, prepositions) in data/frames.tsv; both come
# with the Lexicon.
#: Confidence factor for events read from a Title-Case Headline: the tagger reads capitalised
#: words as names ("Haftar Must Stop Tripoli Operation Warning Of Russian Meddling"), so its parse
#: is unreliable; only strong readings survive the floor.
TITLE_CASE_FACTOR = 0.5
#: Events below this confidence are too weak to report (pattern strength × resolution × position).
CONFIDENCE_FLOOR = 0.3
_CLIMB_DEPS = frozenset({"xcomp", "conj", "pcomp", "prep", "acomp", "dobj", "pobj", "attr", "oprd", "aux"})


def _climb(token: Token, deps: frozenset[str] = _CLIMB_DEPS, limit: int = 6) -> list[Token]:
    """The trigger and the tokens it hangs from within its own clause chain."""
    chain = [token]
    current = token
    for _ in range(limit):
        if current.dep_ not in deps or current.head == current:
            break
        current = current.head
        chain.append(current)
    return chain


class EventCoder:
    """Codes events on a Doc; built once per pipeline with a compiled lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.blame = lexicon.types_of("blame")
        self.supportive = lexicon.types_of("supportive")
        self.provoking = lexicon.types_of("provoking")
        self.embedding = lexicon.types_of("embedding")
        self.roles = RoleReader(lexicon)

    def __call__(self, doc: Doc) -> Doc:
        candidates = find_candidates(doc, self.lexicon)
        by_anchor = {c.anchor.i: c for c in candidates}
        confidence = _mention_confidence(doc)
        events: list[Event] = []
        sent_of: list[Span] = []
        for sent in doc.sents:
            sent_of.extend([sent] * len(sent))
            events.extend(self._modal_requests(sent, confidence))
            events.extend(self._suffered_at_hands(sent, by_anchor, confidence))
        for cand in candidates:
            if self._suppressed(cand, by_anchor):
                continue
            event = self._code(cand, confidence, sent_of[cand.anchor.i], events)
            if event is not None:
                events.append(event)
        merged = _merge_purpose(_drop_subsumed(sorted(events, key=lambda e: e.trigger.start)),
                                self.lexicon.types_of("purpose"))
        if doc._.fm_section == "title" and _title_case(doc):
            merged = [replace(e, confidence=round(e.confidence * TITLE_CASE_FACTOR, 3)) for e in merged]
        doc._.fm_events = [e for e in merged if e.confidence >= CONFIDENCE_FLOOR]
        return doc

    def _subjects(self, verb: Token) -> tuple[list[Token], str]:
        return self.roles.subjects(verb)

    # ------------------------------------------------------------------ selection
    def _suppressed(self, cand: Candidate, by_anchor: dict[int, Candidate]) -> bool:
        """True for a trigger that is only the content of another trigger."""
        anchor = cand.anchor
        if cand.verbal:
            if anchor.dep_ == "acl" and anchor.head.lemma_.lower() in self.lexicon.entitlement:
                return True  # "defended the right of Russian troops to fire on militants"
            return self._in_modal_request(anchor) or self._embedded(anchor, by_anchor)
        if self._idle_compound(cand):
            return True
        if _background_nominal(cand, self.lexicon):  # unless a phrase trigger backs or condemns it ("in support of X's campaign")
            owner = next((c for c in by_anchor.values() if anchor.head.i in c.span and c is not cand), None)
            return owner is None or not self._blamed_deed(cand, owner)
        governor = nominal_governor(anchor, self.lexicon)
        if governor is None or governor.i in cand.span:
            return False
        if anchor.dep_ in ("dobj", "attr", "oprd", "nsubjpass") and governor.i in by_anchor:
            return not self._blamed_deed(cand, by_anchor[governor.i])
        gov = by_anchor.get(governor.i)
        if anchor.dep_ == "pobj" and gov is not None and not self._blamed_deed(cand, gov) and (
            anchor.head.i in gov.span
            or (gov.trigger.type in self.embedding and anchor.head.lower_ in self.lexicon.words("content-prep"))
        ):
            return True  # "is opposed to French mediation", "rejected calls for sanctions"
        if self._in_modal_request(governor):
            return True  # "said X must reach an agreement"
        return governor.i not in by_anchor and self._embedded(governor, by_anchor)

    def _blamed_deed(self, cand: Candidate, governor: Candidate) -> bool:
        """A hostile deed with a named doer that another actor condemns or backs ("condemns the
        attack by Daesh on a market", "in support of the coalition campaign against Daesh"): the
        condemnation or the backing presupposes the deed, so both are events."""
        return (
            governor.trigger.type in self.blame | self.supportive
            and cand.trigger.type in self.provoking
            and bool(self.roles.doers(cand.anchor))
        )

    def _idle_compound(self, cand: Candidate) -> bool:
        """A trigger noun modifying a noun that is no event frame ("pressure groups", "air links")."""
        anchor = cand.anchor
        return (
            anchor.dep_ == "compound"
            and len(cand.span) == 1
            and anchor.head.lemma_.lower() not in self.lexicon.frames
        )

    def _embedded(self, token: Token, by_anchor: dict[int, Candidate]) -> bool:
        """True when ``token`` heads the complement of a promise, threat, refusal or demand."""
        current = token
        for _ in range(3):
            if current.dep_ not in ("xcomp", "ccomp", "pcomp", "prep", "conj", "acl") or current.head == current:
                return False
            head = current.head
            gov = by_anchor.get(head.i)
            if gov is not None and current.dep_ != "conj":
                if gov.trigger.type == "REQUEST":
                    return current.dep_ in ("ccomp", "acl")  # "demanded that ...", "a demand to sever ties"
                return gov.trigger.type in self.embedding or head.lemma_.lower() in self.lexicon.embed
            if current.dep_ == "conj":
                return False
            current = head
        return False

    def _in_modal_request(self, token: Token) -> bool:
        for tok in _climb(token, frozenset({"xcomp", "conj", "advcl", "dobj", "pobj", "prep", "ccomp"})):
            if tok.dep_ == "ccomp" and self._is_modal_request(tok):
                return True
        return False

    def _is_modal_request(self, clause: Token) -> bool:
        return (
            clause.dep_ == "ccomp"
            and clause.head.lemma_.lower() in self.lexicon.speech
            and any(c.dep_ == "aux" and c.lower_ in self.lexicon.words("modal-request") for c in clause.children)
        )

    # ------------------------------------------------------------------ flags
    def _mode(self, cand: Candidate) -> str | None:
        ptype = cand.trigger.type
        anchor = cand.anchor
        best: tuple[int, str] | None = None
        for token in anchor.subtree:
            if abs(token.i - anchor.i) > 6:
                continue
            mode = self.lexicon.modifiers.get((token.lemma_.lower(), ptype))
            if mode and (best is None or abs(token.i - anchor.i) < best[0]):
                best = (abs(token.i - anchor.i), mode)
        return best[1] if best else cand.trigger.mode

    def _negated(self, cand: Candidate) -> bool:
        chain = _climb(cand.anchor, frozenset({"xcomp", "pcomp", "prep", "dobj", "pobj", "ccomp", "acomp"}), 3)
        for i, token in enumerate(chain):
            if i and token.lemma_.lower() in self.lexicon.negators:
                return True
            for child in token.children:
                if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no" and token is cand.anchor):
                    return True
        return False

    def _hedged(self, cand: Candidate) -> bool:
        lex = self.lexicon
        chain = _climb(cand.anchor, _CLIMB_DEPS | {"ccomp"})
        for i, token in enumerate(chain):
            if i and token.lemma_.lower() in lex.hedges:
                return True
            for child in token.children:
                if child.dep_ in ("aux", "advmod", "auxpass", "npadvmod") and child.lower_ in lex.hedges:
                    return True
        clause = _clause_tokens(chain[-1], cand.anchor)
        words = [t.lower_ for t in clause]
        return any(_contains(words, phrase) for phrase in lex.hedge_phrases) or self._unverified(clause)

    def _unverified(self, clause: list[Token]) -> bool:
        """ "according to" an unverified or secret source (cues.tsv ``unverified-source``: "according
        to leaked documents", "according to Western intelligence"), not to a named actor."""
        unverified = self.lexicon.words("unverified-source")
        return any(
            word.lower_ == "according" and not source._.fm_actor
            and any(t.lemma_.lower() in unverified or t.lower_ in unverified for t in source.subtree)
            for word in clause for source in fill(word, "role-attribution", self.lexicon)
        )

    def _hypothetical(self, cand: Candidate) -> bool:
        lex = self.lexicon
        for i, token in enumerate(_climb(cand.anchor, frozenset({"xcomp", "conj", "pcomp", "prep", "dobj", "pobj", "acomp"}))):
            if i and token.lemma_.lower() in lex.words("ongoing"):
                return False  # "will continue to support X": X is supported now
            if i and token.lemma_.lower() in lex.future:
                return True
            for child in token.children:
                if child.dep_ in ("aux", "mark") and child.lower_ in lex.future:
                    return not _announced_decision(token, child, lex)
        anchor = cand.anchor
        if anchor.dep_ == "xcomp" and anchor.head.lemma_.lower() in self.lexicon.embed:
            return True
        return (
            cand.verbal
            and anchor.dep_ == "xcomp"
            and anchor.head.lemma_.lower() not in lex.implicative  # "prompted X to warn": X warned
            and self._subjects(anchor)[1] == "object-control"
        )

    def _asserted_by(self, anchor: Token) -> str:
        doc = anchor.doc
        for quote in doc._.fm_quotes or ():
            if quote.speaker and quote.start <= anchor.idx < quote.end:
                return quote.speaker
        current = anchor
        for _ in range(8):
            if self._reports(current):
                speakers, _ = actors_of(self._subjects(current.head)[0], lex=self.lexicon)
                if speakers:
                    return speakers[0]
            if current.head == current:
                break
            current = current.head
        return "author"

    def _reports(self, clause: Token) -> bool:
        """True when ``clause`` is what its head's subject says: a speech verb's complement, or the
        content of an accusation or a denial ("accused B of attacking C", "denied striking X",
        "denied that its jets bombed Y"), which is the accuser's or denier's account."""
        head = clause.head.lemma_.lower()
        if clause.dep_ in SPEECH_LINK_DEPS and head in self.lexicon.speech:
            return True
        attributing = self.lexicon.words("accusing") | self.lexicon.words("denying")
        return clause.dep_ in ("ccomp", "xcomp", "prep") and head in attributing and clause.head != clause

    # ------------------------------------------------------------------ events
    def _code(self, cand: Candidate, confidence: dict[str, float], sent: Span,
              prior: Sequence[Event] = ()) -> Event | None:
        args = self.roles.arguments(cand, prior)
        if args is None:
            return None
        hypothetical, negated = self._hypothetical(cand), self._negated(cand)
        trigger = cand.trigger
        frame = self.lexicon.frame(trigger.type)
        mode = self._mode(cand)
        if negated and frame.negation and (hypothetical or self._refused(cand)):
            # a refused or failed cooperative act is a rejection ("failed to reach agreement")
            # stated now, unless a condition holds it ("will not lift the ban" against "would not sign if ...")
            trigger, negated, mode = replace(trigger, type=frame.negation), False, None
            hypothetical = hypothetical and held_by_condition(cand.anchor, self.lexicon.future)
        elif trigger.type == "AGREE" and not negated and self._hostile_commitment(cand.anchor):
            # "pledged to fight al-Shabaab": committing to a hostile act is the threat it states (the
            # committed act's own intent, frames.tsv), never a cooperative edge to its target
            trigger = replace(trigger, type="THREATEN")
        elif (hypothetical and frame.intent and (args.target or trigger.type != "RETREAT")
              and self._subjects(cand.anchor)[1] != "object-control"):
            # PLOVER codes an announced future act as the promise or threat it is (its subject's own:
            # "called Putin to discuss the war" commits Putin to nothing)
            trigger = replace(trigger, type="THREATEN" if threat_condition(cand.anchor, self.lexicon) else frame.intent)
        return self._event(trigger, cand.anchor, sent, sorted(cand.span), args, confidence,
                           mode=mode, negated=negated, hedged=self._hedged(cand), hypothetical=hypothetical)

    def _hostile_commitment(self, anchor: Token) -> bool:
        """True when ``anchor`` commits its subject to an act (an infinitive, or "committed to" + -ing)
        whose verb triggers a type whose intent is THREATEN (frames.tsv: PROTEST, SANCTION, COERCE, ASSAULT)."""
        acts = [c for c in anchor.children if c.dep_ == "xcomp"]
        acts += [g for c in anchor.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children if g.dep_ == "pcomp"]
        for act in acts:
            trigger = self.lexicon.verbs.get(act.lemma_.lower())
            if trigger is not None and trigger.type in self.lexicon.type_frames and self.lexicon.frame(trigger.type).intent == "THREATEN":
                return True
        return False

    def _refused(self, cand: Candidate) -> bool:
        """True when a refusing verb (cues.tsv ``refusing``) governs the trigger ("refused to
        cooperate", "failed to reach agreement"): a rejection, unlike "did not help" (no event)
        or "denied supporting" (a denial, negated)."""
        refusing = self.lexicon.words("refusing")
        chain = _climb(cand.anchor, frozenset({"xcomp", "pcomp", "prep", "dobj", "pobj", "ccomp", "acomp"}), 3)
        return any(t.lemma_.lower() in refusing for t in chain[1:])

    def _event(self, trig: Trigger, anchor: Token, sent: Span, indices: list[int], args: Arguments,
               confidence: dict[str, float], **flags) -> Event:
        doc = anchor.doc
        start, end = doc[indices[0]].idx, doc[indices[-1]].idx + len(doc[indices[-1]])
        return Event(
            type=trig.type,
            source=args.source,
            target=args.target,
            trigger=TextSpan(start, end, doc[indices[0] : indices[-1] + 1].text),
            sentence=TextSpan(sent.start_char, sent.end_char, sent.text),
            asserted_by=self._asserted_by(anchor),
            context=trig.context,
            confidence=_calibrate(args, confidence),
            **flags,
        )

    def _modal_requests(self, sent: Span, confidence: dict[str, float]) -> Iterable[Event]:
        """ "X said (that) Y must Z" → REQUEST X→Y."""
        for token in sent:
            if not self._is_modal_request(token):
                continue
            speech = token.head
            source, _ = actors_of(self._subjects(speech)[0], lex=self.lexicon)
            target, _ = actors_of(self._subjects(token)[0], lex=self.lexicon)
            target = tuple(a for a in target if a not in source)
            if not source or not target:
                continue
            modal = next(c for c in token.children if c.dep_ == "aux" and c.lower_ in self.lexicon.words("modal-request"))
            trig = Trigger(("must",), "phrase", "REQUEST", None, "diplomatic", 0.7)
            args = Arguments(source, target, 0.7)
            yield self._event(trig, modal, sent, sorted({speech.i, modal.i}), args, confidence,
                              mode=None, negated=False, hedged=False, hypothetical=False)

    def _suffered_at_hands(self, sent: Span, by_anchor: dict[int, Candidate],
                           confidence: dict[str, float]) -> Iterable[Event]:
        """ "Yazidis suffered at the hands of ISIL", "the Yazidi plight at the hands of ISIL" →
        ASSAULT ISIL→Yazidis: whoever's hands harm the sufferer (a verb's subject, a noun's owner).
        A trigger the phrase hangs on ("were killed at the hands of") is coded by the trigger."""
        for hands in sent:
            if hands.lower_ != "hands" or hands.dep_ != "pobj" or hands.head.lower_ != "at":
                continue
            host = hands.head.head
            if host.i in by_anchor:
                continue
            source, _ = actors_of(hands_of(host, self.lexicon), lex=self.lexicon)
            if host.pos_ in ("VERB", "AUX"):
                sufferers = self._subjects(host)[0]
            else:
                sufferers = [c for c in host.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
            target, _ = actors_of(sufferers, exclude=frozenset(source), lex=self.lexicon)
            target = tuple(a for a in target if a not in source)
            if not source or not target:
                continue
            trig = Trigger(("at", "the", "hands", "of"), "phrase", "ASSAULT", None, "military", 0.7)
            in_adjunct = host.pos_ != "VERB" and host.dep_ == "pobj"
            args = Arguments(source, target, 0.7 * clause_position(host, in_adjunct))
            indices = [hands.head.i, hands.i] + [c.i for c in hands.children if c.dep_ == "prep" and c.lower_ == "of"]
            yield self._event(trig, hands, sent, sorted(indices), args, confidence, mode=None,
                              negated=False, hedged=False, hypothetical=False)


def _announced_decision(verb: Token, marker: Token, lex: Lexicon) -> bool:
    """ "announced it would prohibit all aid": a decision reported as taken is an act (PLOVER codes
    the sanction); "announced that he will extend the curfew", an "if"/"unless" condition, "plan"
    and "want" stay promises or threats."""
    return (
        marker.lower_ == "would"
        and verb.dep_ == "ccomp"
        and verb.head.lemma_.lower() in lex.words("deciding")
        and not any(c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children) for c in verb.children)
    )


def _title_case(doc: Doc) -> bool:
    """Most words of four letters or more are capitalised (a headline in Title Case)."""
    words = [t for t in doc if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and sum(t.text[0].isupper() for t in words) >= 0.7 * len(words)


def _background_nominal(cand: Candidate, lex: Lexicon) -> bool:
    """A nominal event inside a prepositional adjunct ("after a demonstration", "because of fighting").

    Such phrases set the scene of another statement rather than assert an
    event; a preposition that belongs to the trigger ("in favour of") does not count.
    """
    anchor = cand.anchor
    return (
        anchor.dep_ == "pobj" and anchor.head.i not in cand.span and anchor.head.lower_ in lex.words("scene-prep")
        and not in_container(anchor, lex)  # "a package of sanctions" is the sanctions
    )


def _subsumes(big: Event, small: Event) -> bool:
    return (
        big is not small
        and big.type == small.type
        and big.sentence.start == small.sentence.start
        and set(small.source) <= set(big.source)
        and set(small.target) <= set(big.target)
        and (len(big.source) + len(big.target)) > (len(small.source) + len(small.target))
    )


def _drop_subsumed(events: list[Event]) -> list[Event]:
    """Drop an event restated more completely in the same sentence ("a hunger strike to protest against X")."""
    return [e for e in events if not any(_subsumes(other, e) for other in events)]


def _merge_purpose(events: list[Event], purpose_types: frozenset[str]) -> list[Event]:
    """A protest without a target takes it from its stated purpose by the same source, which it absorbs
    (frames of class ``purpose``: "staged demonstrations to demand reforms by X")."""
    out = list(events)
    for i, protest in enumerate(out):
        if protest is None or protest.type != "PROTEST" or protest.target or not protest.source:
            continue
        for j, other in enumerate(out):
            if (other is not None and j != i and other.type in purpose_types and other.target
                    and other.sentence.start == protest.sentence.start and other.source == protest.source
                    and other.trigger.start > protest.trigger.start):
                out[i] = replace(protest, target=other.target)
                out[j] = None
                break
    return [e for e in out if e is not None]


#: Links to clauses of their own: a hedge inside one ("— at least at times — X supported Y") scopes
#: over that clause only, not over the clause it hangs from.
_OWN_CLAUSE_DEPS = frozenset({"advcl", "relcl", "ccomp", "parataxis", "acl", "csubj"})


def _clause_tokens(head: Token, anchor: Token) -> list[Token]:
    """Tokens of ``head``'s subtree, in order, less embedded clauses (and conjoined verbs) that do
    not contain ``anchor``: the scope a hedge phrase must sit in to hedge the trigger."""
    cut: set[int] = set()
    for token in head.subtree:
        if token == head or token.i in cut:
            continue
        own_clause = token.dep_ in _OWN_CLAUSE_DEPS or (token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"))
        if own_clause and not (token.left_edge.i <= anchor.i <= token.right_edge.i and anchor in token.subtree):
            cut.update(t.i for t in token.subtree)
    return [t for t in head.subtree if t.i not in cut]


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))


def _mention_confidence(doc: Doc) -> dict[str, float]:
    best: dict[str, float] = {}
    for mention in doc._.fm_mentions or ():
        best[mention.actor_id] = max(best.get(mention.actor_id, 0.0), mention.confidence)
    return best


def _calibrate(args: Arguments, confidence: dict[str, float]) -> float:
    """Pattern strength × actor resolution, with penalties for missing roles."""
    ids = args.source + args.target
    resolution = sum(confidence.get(a, 0.6) for a in ids) / len(ids) if ids else 0.0
    score = args.strength * (0.4 + 0.6 * resolution)
    if not args.source:
        score *= 0.7
    if not args.target:
        score *= 0.9
    return round(min(0.99, max(0.05, score)), 3)


def make_event_coder(nlp: Language, name: str, lexicon_files: list[str]) -> Callable[[Doc], Doc]:
    """spaCy factory: the event coder over the bundled lexicon extended by ``lexicon_files``."""
    lexicon = load_lexicon(tuple(str(f) for f in lexicon_files))
    return guarded(name, EventCoder(lexicon))
