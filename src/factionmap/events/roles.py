"""Reading a trigger's source and target from the parse, by its frame (``frames.tsv``), the word
lists (``cues.tsv``) and the role paths (``roles.tsv``).

:class:`RoleReader` reads, for one trigger candidate, subjects, passive agents, objects and
prepositional objects of verbs; possessors, "by"-phrases and light-verb subjects of nominal
triggers ("mounted an assault on Tripoli"); subjects inherited through control, conjunction,
relative clauses and participial modifiers; the examples of a generic plural subject ("countries
such as Qatar and Turkey"); the earlier attacker as the target of a counter-attack; the country an
agentless arrest happens in; and drops killings by nonpolitical causes ("an earthquake killed
3,000").  :func:`clause_position` is the confidence factor of where a word sits in its sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from factionmap.events.arguments import (
    actors_of,
    agents,
    clause_subjects,
    deep_actor,
    exemplified_actors,
    fill,
    custodians,
    custody_nouns,
    hands_of,
    is_passive,
    nominal_governor,
    object_tokens,
    partner_tokens,
    shared_objects,
    to_infinitive,
)
from factionmap.events.lexicon import Lexicon
from factionmap.events.matching import Candidate
from factionmap.model import POSITIVE_TYPES, ActorProfile, Event

__all__ = ["Arguments", "RoleReader", "SPEECH_LINK_DEPS", "clause_position"]

#: Clause links through which a speech verb reports its complement ("said (that) ...").
SPEECH_LINK_DEPS = frozenset({"ccomp", "parataxis"})
#: Clause links that make an event background to the sentence's assertion (adverbial, relative,
#: participial clauses, appositions): such readings lose confidence.
SUBORDINATE_DEPS = frozenset({"advcl", "acl", "relcl", "appos"})
#: Confidence factor for an event read from a subordinate clause or a prepositional adjunct;
#: a purpose clause ("mobilized groups to help support X") keeps more of its confidence.
SUBORDINATE_FACTOR = 0.75
PURPOSE_FACTOR = 0.9
#: ... and a clause opened by a subordinator ("after X alleged", "unless Y agreed") keeps less.
BACKGROUND_FACTOR = 0.6
#: Confidence factor for a directed event whose target was not found ("insisted that ...").
TARGETLESS_FACTOR = 0.8
#: Confidence factor for a source read from a list of examples set apart from its generic noun
#: ("countries support X for example Qatar and Turkey"): a looser reading than subject-verb-object.
LOOSE_EXAMPLE_FACTOR = 0.7

@dataclass(frozen=True, slots=True)
class Arguments:
    """The actors of an event and the strength of the reading that found them."""

    source: tuple[str, ...]
    target: tuple[str, ...]
    strength: float


class RoleReader:
    """Reads the roles of trigger candidates; built once per coder with its compiled lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.blame = lexicon.types_of("blame")
        self.supportive = lexicon.types_of("supportive")
        self.provoking = lexicon.types_of("provoking")
        self.location_preps = lexicon.words("location-prep")
        self.partner_preps = lexicon.words("partner-prep")

    def subjects(self, verb: Token) -> tuple[list[Token], str]:
        """The subjects of ``verb``'s clause and how they were found (see :func:`clause_subjects`)."""
        return clause_subjects(verb, control=self.lexicon.control, frames=self.lexicon.frames, lex=self.lexicon)
    def _verbal_arguments(self, cand: Candidate) -> tuple[list[Token], list[Token], float]:
        anchor = cand.anchor
        stative = cand.trigger.form[0] == "be" and len(cand.trigger.form) > 1  # "be opposed to", "be willing"
        if is_passive(anchor) and not stative:
            doers = agents(anchor, self.lexicon) + hands_of(anchor, self.lexicon) or custodians(anchor, self.lexicon)
            patients, _ = self.subjects(anchor)
            if anchor.dep_ == "acl" and not patients:
                patients = [anchor.head]
            if not doers and _legal_act(cand, self.lexicon):
                jurisdiction = _jurisdiction(cand)
                if jurisdiction:
                    return jurisdiction, patients, 0.8
            return doers, patients, 0.95
        subjects, how = self.subjects(anchor)
        if how == "relative":
            subjects = self._relative_doers(subjects)
        elif how in ("direct", "inherited"):
            subjects = self._deed_doers(subjects) or subjects + partner_tokens(subjects, self.lexicon)
        if stative and how == "passive":
            how = "direct"
        # the frame's prepositions: "cooperate against ISIL" names no partner, "withdraw from Chad" does
        preps = self.lexicon.frame(cand.trigger.type).verb_target_preps | self.location_preps
        if anchor.lemma_.lower() in self.lexicon.topics:
            preps = self.partner_preps
        direct, oblique = object_tokens(anchor, cand.span, preps)
        held = custody_nouns(anchor, self.lexicon)
        oblique = [t for t in oblique if t not in held]  # "beat him in Iranian custody": no target
        if anchor.lemma_.lower() in self.lexicon.topics:
            direct = []
        if not direct and not oblique:
            direct = shared_objects(anchor)  # "to kill and injure civilians"
        if anchor.lemma_.lower() in self.lexicon.words("freeing"):
            held = fill(anchor, "role-held-by", self.lexicon)
            if held:  # "liberated the town of Dabiq from ISIL control": ISIL is the enemy
                direct, oblique = held, []
        if cand.trigger.type in self.blame:
            doers = [a for d in direct for a in self.doers(d)]
            if doers:  # "condemns the attack by Daesh on a market": Daesh is blamed, the market was hit
                direct, oblique = doers, []
            else:  # "condemns the attacks in Iraq": the place where it happened is not blamed
                direct = [a for d in direct for a in self._deed_patients(d)]
        targets = direct + oblique
        if anchor.dep_ == "relcl" and how == "direct" and not direct:
            targets = [anchor.head] + targets
        factor = {"direct": 1.0, "relative": 0.9, "object-control": 0.85}.get(how, 0.8)
        return subjects, targets, factor

    def _nonpolitical_cause(self, cand: Candidate, doers: Sequence[Token]) -> bool:
        """A killing or destruction done by a disaster, accident, illness, animal or ordinary crime
        (cues.tsv ``nonpolitical-cause``): the doer, or an "in"/"by"/"from" adjunct of the trigger."""
        causes = self.lexicon.words("nonpolitical-cause")
        anchor = cand.anchor
        adjuncts = fill(anchor, "role-cause", self.lexicon)
        return any(
            (t.lemma_.lower() in causes or t.lower_ in causes) and not _owned(t)  # "Israeli fire" has a doer
            for t in (*doers, *adjuncts)
        ) or (cand.verbal and self._sport(anchor))

    def _sport(self, verb: Token) -> bool:
        """A contest, not a fight: a sport word (cues.tsv ``sport``) or a score ("2-0") in the
        trigger's clause ("Brazil beat Argentina 2-0 in the World Cup qualifier")."""
        sport = self.lexicon.words("sport")
        words = list(verb.subtree)
        if any(t.lemma_.lower() in sport or t.lower_ in sport for t in words):
            return True
        return any(
            a.like_num and b.text in ("-", "–") and c.like_num or _score(a.text)
            for a, b, c in zip(words, words[1:], words[2:])
        )

    def doers(self, noun: Token) -> list[Token]:
        """The doer of a nominal event object ("condemned the attack on Kyiv by Russia" → Russia):
        one blames whoever did it, not whom it hit."""
        trig = self.lexicon.nouns.get(noun.lemma_.lower())
        if trig is None or trig.type in POSITIVE_TYPES:
            return []
        doers = [c for c in noun.children if c.dep_ == "poss" or (c.dep_ == "compound" and c._.fm_actor)]
        doers += fill(noun, "role-by", self.lexicon) + fill(noun, "role-stranded-by", self.lexicon)
        doers += [p for verb in noun.children if verb.dep_ == "acl" and verb.lemma_.lower() in self.lexicon.claim
                  for p in agents(verb, self.lexicon)]
        return [d for d in doers if d._.fm_actor]

    def _supported_fighters(self, cand: Candidate) -> list[Token]:
        """Who fights in a fight someone is backed in ("support for Iraq in the fight against ISIL",
        "support the government in defeating ISIL", "supported the Iraqi forces in their efforts to
        defeat ISIL"): the backed party, not the backer."""
        purpose = self._backed_purpose(cand.anchor)
        if purpose:
            return purpose
        slot = self._backed_slot(cand.anchor)
        if slot is None:
            return []
        host = slot.head
        for token in (host, *(c for c in host.children if c.dep_ == "dobj")):
            lemma = token.lemma_.lower()
            trig = self.lexicon.verbs.get(lemma) if token.pos_ == "VERB" else self.lexicon.nouns.get(lemma)
            if trig is None or trig.type not in self.supportive:
                continue
            if token.pos_ == "VERB":
                backed = [c for c in token.children if c.dep_ == "dobj"]
            else:
                backed = fill(token, "role-backed-noun", self.lexicon)
            backed = [b for b in backed if b._.fm_actor]
            if backed:
                return backed
        return []

    def _backed_purpose(self, anchor: Token) -> list[Token]:
        """The backed party of a backing done for a purpose ("the UK stands by Iraq to defeat
        Daesh", "helped the Kurds to retake the town"): it shares the purpose."""
        host = anchor.head
        if anchor.dep_ not in ("advcl", "xcomp") or not to_infinitive(anchor):
            return []
        lemma = host.lemma_.lower()
        verb = self.lexicon.verbs.get(lemma)
        phrases = self.lexicon.phrases.get(lemma) or ()
        if not ((verb is not None and verb.type in self.supportive) or any(p.type in self.supportive for p in phrases)):
            return []
        backed = fill(host, "role-backed", self.lexicon)
        return [b for b in backed if b._.fm_actor]

    def _backed_slot(self, anchor: Token) -> Token | None:
        """The "in" of "backed X in (its effort to) <anchor>": the trigger itself is its object
        ("in the fight", "in defeating"), or the infinitive of a frame noun that is ("in their
        campaign to defeat", the infinitive parsed on the noun or, wrongly, on the verb)."""
        if anchor.dep_ in ("pobj", "pcomp"):
            return anchor.head if anchor.head.lower_ == "in" else None
        if anchor.dep_ not in ("acl", "advcl", "xcomp") or not to_infinitive(anchor):
            return None
        if anchor.dep_ != "acl" and anchor.left_edge.i == 0:
            return None
        frame = anchor.head if anchor.dep_ == "acl" else anchor.doc[anchor.left_edge.i - 1]
        if frame.lemma_.lower() not in self.lexicon.words("fight-frame"):
            return None
        return frame.head if frame.dep_ == "pobj" and frame.head.lower_ == "in" else None

    def _implicit_adversaries(self, cand: Candidate, source: tuple[str, ...]) -> tuple[str, ...]:
        """Whoever did the deed a targetless protest, refusal or denunciation answers, named inside
        it ("declined to resign despite pressure by the commission", "denounced as a crime
        Serbia's suppression of ...", "demonstrations against violations by the army")."""
        for token in cand.anchor.subtree:
            if token.i in cand.span or token.pos_ not in ("NOUN", "PROPN") or token._.fm_actor:
                continue
            doers = fill(token, "role-by", self.lexicon)
            if token.lemma_.lower() in self.lexicon.nouns:
                doers += self.doers(token)
            found, _ = actors_of(doers, exclude=frozenset(source), lex=self.lexicon)
            kept = tuple(a for a in found if a not in source)
            if kept:
                return kept
        return ()

    def _purpose_addressee(self, cand: Candidate, source: tuple[str, ...]) -> tuple[str, ...]:
        """Whom a verbal act done for a purpose is addressed to: the object of the verb it is the
        purpose of, when that verb's subject does both ("summoned the ambassador to protest",
        "called in the envoy to demand an explanation"); not an object that does the act itself
        ("urged Turkey to protest": object control)."""
        anchor = cand.anchor
        if not cand.verbal or anchor.dep_ not in ("advcl", "xcomp") or not to_infinitive(anchor):
            return ()
        if self.subjects(anchor)[1] != "inherited":
            return ()
        objects = [c for c in anchor.head.children if c.dep_ in ("dobj", "dative") and c.i < anchor.i]
        found, _ = actors_of(objects, exclude=frozenset(source), lex=self.lexicon)
        return tuple(a for a in found if a not in source)

    def _deed_doers(self, subjects: list[Token]) -> list[Token]:
        """Who did the deed that is a clause's subject ("ISIL's attacks killed 20", "multiple
        attacks, also claimed by Da'esh, have killed 35"): empty unless a subject is an
        unowned hostile deed with a named doer or claimant."""
        doers: list[Token] = []
        for noun in subjects:
            trig = self.lexicon.nouns.get(noun.lemma_.lower())
            if noun._.fm_actor or trig is None or trig.type not in self.provoking:
                continue
            claim = [noun.head] if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lemma_.lower() in self.lexicon.claim else []
            doers += self.doers(noun) + [p for verb in claim for p in agents(verb, self.lexicon) if p._.fm_actor]
        return doers

    def _relative_doers(self, heads: list[Token]) -> list[Token]:
        """A relative clause hung on a place is about the deed done there ("ISIL's attacks in
        Tel Tamer, which killed scores"): its doers do the clause; a place does nothing."""
        places = _places(heads[0].doc._.fm_profiles or {}) if heads else frozenset()
        if not heads or (heads[0]._.fm_actor and heads[0]._.fm_actor not in places):
            return heads
        token = heads[0]
        for _ in range(5):
            if token.pos_ == "NOUN" and token.lemma_.lower() in self.lexicon.nouns:
                doers = self.doers(token) + [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")
                                              and c._.fm_actor and c._.fm_actor not in places]
                return doers or self._claimants(token)  # a deed's place is not its doer
            if token.dep_ not in ("pobj", "prep", "appos", "compound") or token.head == token:
                break
            token = token.head
        return [] if heads[0]._.fm_actor else heads

    def _claimants(self, noun: Token) -> list[Token]:
        """Who claimed a deed named as the object of a claim ("Daesh claimed the attacks")."""
        if noun.dep_ != "dobj" or noun.head.lemma_.lower() not in self.lexicon.claim:
            return []
        return [s for s in self.subjects(noun.head)[0] if s._.fm_actor]

    def _deed_patients(self, noun: Token) -> list[Token]:
        """A condemned object less the places of a doerless hostile deed: "the attack on a
        hospital in Aleppo" keeps the hospital; any other object is kept whole."""
        trig = self.lexicon.nouns.get(noun.lemma_.lower())
        if trig is None or trig.type in POSITIVE_TYPES or noun._.fm_actor:
            return [noun]
        return [p for c in noun.children if c.dep_ == "prep" and c.lower_ not in self.location_preps
                for p in c.children if p.dep_ == "pobj"]

    def _fallback_targets(self, cand: Candidate) -> list[Token]:
        """Arguments of an embedded clause ("threatened to break off relations with Congo",
        "is willing to send material to Saudi Arabia", "demanded that the government end ...")."""
        out: list[Token] = []
        # in an embedded or purpose clause "by" names whom a demand is addressed to ("to demand reforms by X")
        preps = self.lexicon.frame(cand.trigger.type).verb_target_preps | self.location_preps | {"by"}
        frontier = [cand.anchor.doc[i] for i in sorted(cand.span)]
        for _ in range(3):
            clauses = [c for t in frontier for c in t.children if c.dep_ in ("xcomp", "ccomp", "advcl", "acomp", "acl")]
            for clause in clauses:
                if clause.dep_ == "ccomp":
                    out.extend(c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass"))
                direct, oblique = object_tokens(clause, frozenset((clause.i,)), preps)
                out.extend(direct + oblique)
            frontier = clauses
        return out

    def _nominal_arguments(self, cand: Candidate) -> tuple[list[Token], list[Token], float]:
        anchor, ptype = cand.anchor, cand.trigger.type
        sources: list[Token] = []
        targets: list[Token] = []
        of_objects: list[Token] = []
        heads = [anchor.doc[i] for i in sorted(cand.span)]
        # the frame's prepositions: talks "on" a question name the topic, "with" the partner;
        # "the attack at a crowded market place" names what was hit
        frame = self.lexicon.frame(ptype)
        noun_preps, source_preps = frame.noun_target_preps, frame.noun_source_preps
        if anchor.dep_ == "compound" and anchor.head.pos_ in ("NOUN", "PROPN"):
            heads.append(anchor.head)  # "a mediation effort between X and Y"
        for head in heads:
            for child in head.children:
                if child.i in cand.span and child.dep_ != "prep":
                    continue
                if child.dep_ == "poss" or (child.dep_ in ("compound", "amod", "nmod") and child._.fm_actor):
                    sources.append(child)
                elif child.dep_ in ("prep", "agent"):
                    objs = [p for p in child.children if p.dep_ == "pobj"]
                    word = child.lower_
                    if word in source_preps or child.dep_ == "agent":
                        sources.extend(objs)
                    elif child.i in cand.span or word in noun_preps or word in self.location_preps:
                        targets.extend(objs)
                    elif word == "of":
                        of_objects.extend(objs)
        if not sources:
            sources = self.doers(anchor)  # "the attack claimed by Daesh", "the bombing of X by Y"
        if frame.of_names_source and not sources and anchor.lemma_.lower() not in self.lexicon.words("of-patient"):
            sources, of_objects = of_objects, []  # "the withdrawal of Serbian forces", not "the release of X"
        if not sources:
            sources = _adjacent_agent(cand)
        factor = 1.0
        governor = nominal_governor(anchor, self.lexicon)
        if sources and frame.is_("meeting") and governor is not None:
            sources, targets = self._participants(governor, sources, targets)
        elif sources and governor is not None and governor.lemma_.lower() in self.lexicon.words("voicing"):
            sources = self._voices(governor, sources) + sources
        if governor is not None and governor.lemma_.lower() in self.lexicon.patient:
            targets.extend(self.subjects(governor)[0])
        elif not sources and governor is not None and governor.lemma_.lower() not in self.lexicon.witness \
                and governor.lemma_.lower() not in self.lexicon.words("stance"):  # "condemned the arrests"
            sources, how = self.subjects(governor)
            if how in ("direct", "inherited"):
                sources = sources + partner_tokens(sources, self.lexicon)
            if is_passive(governor):
                sources = agents(governor, self.lexicon)
            factor = 0.9 if how == "direct" else 0.8
        if governor is not None and not targets:
            _, oblique = object_tokens(governor, frozenset((governor.i,)), self.lexicon.words("governor-prep"))
            targets.extend(o for o in oblique if o.i not in cand.span)
        return sources, targets + of_objects, factor

    def _participants(self, governor: Token, modifiers: list[Token], targets: list[Token]) -> tuple[list[Token], list[Token]]:
        """Who takes part in a meeting a verb governs ("X attended an OPEC meeting", "Y hosted the
        Arab League summit"): the verb's subject; the body that names the meeting is met with."""
        if is_passive(governor):
            return modifiers, targets
        subjects = [s for s in self.subjects(governor)[0] if s._.fm_actor]
        own = {m._.fm_actor for m in modifiers}
        if not subjects or all(s._.fm_actor in own for s in subjects):
            return modifiers, targets
        return subjects, [m for m in modifiers if m._.fm_actor not in {s._.fm_actor for s in subjects}] + targets

    def _voices(self, governor: Token, owners: list[Token]) -> list[Token]:
        """Who voices a stance owned by another actor ("the UN chief reiterated the UN's support for
        X", "the ambassador pledged Washington's aid"): the speaker holds it too (cues.tsv ``voicing``)."""
        own = {o._.fm_actor for o in owners}
        return [s for s in self.subjects(governor)[0] if s._.fm_actor and s._.fm_actor not in own]

    def arguments(self, cand: Candidate, prior: Sequence[Event] = ()) -> Arguments | None:
        if cand.verbal:
            src_tokens, tgt_tokens, factor = self._verbal_arguments(cand)
        else:
            src_tokens, tgt_tokens, factor = self._nominal_arguments(cand)
        if cand.trigger.type in self.provoking:
            if self._nonpolitical_cause(cand, src_tokens):
                return None  # "an earthquake killed 3,000", "12 were killed in a bus crash"
            src_tokens = self._supported_fighters(cand) + list(src_tokens)  # backed and backer
        source, searched_s = actors_of(src_tokens, trigger=cand.anchor, lex=self.lexicon)
        if not source:
            source, factor = _exemplified(src_tokens, factor, self.lexicon)
        target, searched_t = self._targets(cand, tgt_tokens, source)
        if target and cand.trigger.mode == "release" and set(target) <= _places(cand.anchor.doc._.fm_profiles or {}):
            return None  # one releases people, not places: "to free the city of Mosul" is a liberation
        frame = self.lexicon.frame(cand.trigger.type)
        if not target and source and frame.is_("adversarial"):
            target = self._implicit_adversaries(cand, source)
        if not target and source and frame.is_("addressed"):
            target = self._purpose_addressee(cand, source)
        if not target and source and _reactive(cand, self.lexicon):
            target = _antecedent_agents(cand, source, prior, self.provoking)
        if searched_s or searched_t:
            factor *= 0.9
        if not source and not target:
            return None
        if not source and (cand.trigger.strength < 0.8 or not cand.verbal):
            return None
        if (not target and frame.directed) or not source:
            if not _main_clause(cand, self.lexicon):
                return None
        factor *= _position_factor(cand)
        if not target and frame.directed:
            factor *= TARGETLESS_FACTOR
        if not target and frame.symmetric and len(source) > 1:
            target = source  # "Iran and Qatar held talks": each side consults the other
        return Arguments(source, target, cand.trigger.strength * factor)

    def _targets(self, cand: Candidate, tokens: list[Token], source: tuple[str, ...]) -> tuple[tuple[str, ...], bool]:
        """First group of argument tokens that yields actors other than the source."""
        # the frame's search: "support for the campaign against Daesh" backs no Daesh,
        # "to host a meeting between X and Y" names partners
        frame = self.lexicon.frame(cand.trigger.type)
        search_preps = self.lexicon.words("modifier-prep") | frame.search_preps | self._object_event_preps(tokens)
        excluded = frozenset(source)
        if not frame.place_target:  # a place is where it happened, not whom it favours or addresses
            excluded |= _places(cand.anchor.doc._.fm_profiles or {})
        beneficiary = self.lexicon.words("beneficiary")
        primary = [t for t in tokens if t.head.lower_ not in self.location_preps or t.lemma_.lower() in beneficiary]
        located = [t for t in tokens if t not in primary]
        if frame.is_("meeting"):
            located = []  # "met on 3 March at Amiens in France": where they met, not whom
        for group in (primary, located, self._fallback_targets(cand)):
            found, searched = actors_of(group, search_preps, excluded, lex=self.lexicon)
            kept = tuple(a for a in found if a not in excluded)
            if kept:
                return kept, searched
        if cand.trigger.type not in POSITIVE_TYPES:  # a beneficiary must be named, not inferred
            deep = deep_actor([t for t in primary if t.dep_ in ("dobj", "pobj", "attr")], excluded)
            if deep:
                return deep, True
        return (), False

    def _object_event_preps(self, tokens: Sequence[Token]) -> frozenset[str]:
        """The target prepositions of an event noun that is itself an argument without an actor:
        whom a lifted embargo, an eased curfew or a halted offensive was against is whom lifting,
        easing or halting it concerns ("lifted its embargo against Libya", "ended the blockade of
        Gaza"; frames.tsv ``noun-target`` of the noun's type, plus "of" where it names the target)."""
        out: set[str] = set()
        for token in tokens:
            trig = self.lexicon.nouns.get(token.lemma_.lower())
            if trig is None or token._.fm_actor or token.dep_ not in ("dobj", "nsubjpass", "attr"):
                continue
            frame = self.lexicon.frame(trig.type)
            out |= frame.noun_target_preps
            if not frame.of_names_source:
                out.add("of")
        return frozenset(out)


def _score(text: str) -> bool:
    """A match score written as one token ("2-0", "3–1")."""
    left, sep, right = text.replace("–", "-").partition("-")
    return bool(sep) and left.isdigit() and right.isdigit() and len(left) <= 2 and len(right) <= 2


def _adjacent_agent(cand: Candidate) -> list[Token]:
    """A "by"-phrase right after a nominal trigger that the parser attached elsewhere
    ("provoking a counter-offensive by militia forces", with "by" hung on the main verb)."""
    doc = cand.anchor.doc
    after = max(cand.span) + 1
    if after >= len(doc) or doc[after].lower_ != "by" or doc[after].head.i in cand.span:
        return []
    return [p for p in doc[after].children if p.dep_ == "pobj"]


def _owned(noun: Token) -> bool:
    """A noun that is an actor or is owned by one ("Israeli fire", "the army's fire")."""
    return bool(noun._.fm_actor) or any(
        c.dep_ in ("poss", "compound", "amod", "nmod") and c._.fm_actor for c in noun.children
    )


def _places(profiles: dict[str, ActorProfile]) -> frozenset[str]:
    """Actors that are places: where a visit or meeting happens, not whom it favours ("Kerry met
    Lavrov in Paris"), nor whom a condemnation or demand addresses ("condemned the bombing in X")."""
    return frozenset(a for a, p in profiles.items() if getattr(p, "kind", None) == "location")


def _exemplified(tokens: list[Token], factor: float, lex: Lexicon) -> tuple[tuple[str, ...], float]:
    """Sources named as examples of a generic plural subject ("countries such as Qatar and Turkey")."""
    for token in tokens:
        found, plain = exemplified_actors(token, lex)
        if found:
            return found, factor * (1.0 if plain else LOOSE_EXAMPLE_FACTOR)
    return (), factor


def _existential_relative(clause: Token) -> bool:
    """A relative clause on the noun of "there are ..." states the assertion ("there are states that back X")."""
    head = clause.head
    return (
        clause.dep_ in ("relcl", "acl")
        and head.dep_ == "attr"
        and any(c.dep_ == "expl" for c in head.head.children)
    )


def _legal_act(cand: Candidate, lex: Lexicon) -> bool:
    """An act of a state's authorities (cues.tsv ``legal``): passive and agentless, the country it
    happens in did it ("two journalists were arrested in Egypt")."""
    doc = cand.anchor.doc
    legal = lex.words("legal")
    return lex.frame(cand.trigger.type).is_("legal") and any(doc[i].lemma_.lower() in legal for i in cand.span)


def _jurisdiction(cand: Candidate) -> list[Token]:
    """The country named by an "in"-phrase of a passive trigger (or of its nominal part)."""
    doc = cand.anchor.doc
    profiles = doc._.fm_profiles or {}
    heads = [doc[i] for i in sorted(cand.span)]
    heads += [p for h in heads for c in h.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for obj in prep.children:
                actor = obj._.fm_actor
                if obj.dep_ == "pobj" and actor and getattr(profiles.get(actor), "kind", None) == "country":
                    return [obj]
    return []


def _reactive(cand: Candidate, lex: Lexicon) -> bool:
    """A counter-attack, retaliation or an act "in response" (cues.tsv ``reactive``,
    ``reactive-adjunct``): aimed at whoever attacked first."""
    if not lex.frame(cand.trigger.type).is_("provoking"):
        return False
    reactive, adjuncts = lex.words("reactive"), lex.words("reactive-adjunct")
    doc = cand.anchor.doc
    words = [doc[i] for i in sorted(cand.span)]
    if any(w.lower_.startswith("counter") or w.lemma_.lower() in reactive for w in words):
        return True
    return any(
        c.dep_ == "prep" and c.lower_ in ("in", "as") and any(p.lemma_.lower() in adjuncts for p in c.children)
        for c in cand.anchor.children
    )


def _antecedent_agents(cand: Candidate, source: tuple[str, ...], prior: Sequence[Event],
                        provoking: frozenset[str]) -> tuple[str, ...]:
    """The doer of the nearest earlier attack in the same or the previous sentence, other than ``source``."""
    sent = cand.anchor.sent
    doc = cand.anchor.doc
    earliest = doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    start = doc[min(cand.span)].idx
    for event in sorted(prior, key=lambda e: -e.trigger.start):
        if event.trigger.start >= start or event.sentence.start < earliest:
            continue
        if event.type in provoking and not (event.negated or event.hypothetical):
            agents = tuple(a for a in event.source if a not in source)
            if agents:
                return agents
    return ()


def _position_factor(cand: Candidate) -> float:
    """Confidence factor for where the trigger sits: 1.0 in the main assertion, less in an
    adverbial/relative/participial clause, an apposition, or (for a noun) a prepositional
    adjunct that is not part of the trigger ("in an investigation")."""
    anchor = cand.anchor
    return clause_position(anchor, not cand.verbal and anchor.dep_ == "pobj" and anchor.head.i not in cand.span)


def clause_position(anchor: Token, in_adjunct: bool) -> float:
    """:func:`_position_factor` for any word: ``in_adjunct`` when it is a noun inside a
    prepositional adjunct."""
    if in_adjunct:
        return SUBORDINATE_FACTOR
    token = anchor
    for _ in range(6):
        if token.dep_ in SUBORDINATE_DEPS:
            if _existential_relative(token):
                return 1.0
            if _purpose_clause(token):
                return PURPOSE_FACTOR
            if _content_clause(token):
                return PURPOSE_FACTOR
            marked = any(c.dep_ == "mark" for c in token.children)
            return BACKGROUND_FACTOR if marked else SUBORDINATE_FACTOR
        if token.dep_ == "ROOT" or token.head == token or token.dep_ in SPEECH_LINK_DEPS:
            return 1.0
        token = token.head
    return 1.0


def _content_clause(clause: Token) -> bool:
    """A "that"-clause completing a noun ("the news that X liberated Y"): what the noun says, not background."""
    return clause.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _purpose_clause(clause: Token) -> bool:
    """An infinitival adverbial clause without a subordinator ("... to demand reforms")."""
    return (
        clause.dep_ == "advcl"
        and to_infinitive(clause)
        and not any(c.dep_ == "mark" for c in clause.children)
    )


def _main_clause(cand: Candidate, lex: Lexicon) -> bool:
    """True when the trigger states the sentence's main assertion (root, its conjuncts or complements)."""
    token = cand.anchor if cand.verbal else (nominal_governor(cand.anchor, lex) or cand.anchor)
    for _ in range(6):
        if token.dep_ == "ROOT" or token.head == token:
            return True
        if token.dep_ == "ccomp" and token.head.dep_ == "ROOT":
            return True
        if token.dep_ == "pcomp" and token.head.head.pos_ != "ADJ":
            return False  # "accused X of violating": content; "are guilty of violating": asserted
        if token.dep_ not in ("xcomp", "conj", "dobj", "pobj", "prep", "acomp", "pcomp"):
            return False
        token = token.head
    return False

