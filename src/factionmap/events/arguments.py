"""Dependency-parse helpers: who does what to whom around a trigger token.

Pure functions over spaCy tokens.  Actors are read from ``token._.fm_actor``
(set by the actors component on mentions, resolved pronouns and
descriptions); when a head noun carries no actor the restricted search in
:func:`actors_of` looks through its modifiers ("forces loyal to the GNA",
"Senior Hungarian and Romanian officials", "rebels in Darfur").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Token

from factionmap.events.lexicon import Lexicon, load_lexicon

__all__ = [
    "SUBJECT_DEPS",
    "actors_of",
    "agents",
    "deep_actor",
    "fill",
    "held_by_condition",
    "partner_tokens",
    "clause_subjects",
    "exemplified_actors",
    "custodians",
    "custody_nouns",
    "hands_of",
    "is_passive",
    "threat_condition",
    "in_container",
    "in_dateline",
    "dateline_end",
    "nominal_governor",
    "object_controller",
    "object_tokens",
    "relative_head",
    "shared_objects",
    "to_infinitive",
]

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
#: Dependencies followed when a noun itself carries no actor.
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "appos", "npadvmod", "pobj", "conj"})
#: Dependencies through which a clause inherits the subject of its head.
_INHERIT_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp", "prep", "acomp", "oprd", "dep", "pobj"})
# The word lists (prepositions of belonging, linking words, exemplifiers, generic groups, words of
# allegiance, fighters) live in data/cues.tsv, role paths in data/roles.tsv; both come with the Lexicon.


def _lex(lex: Lexicon | None) -> Lexicon:
    return load_lexicon() if lex is None else lex


def fill(token: Token, role: str, lex: Lexicon | None = None) -> list[Token]:
    """The words that fill ``role`` of ``token``: every path of the role (``roles.tsv``) followed
    from ``token`` down the parse, in path order, without repeats."""
    out: list[Token] = []
    for path in _lex(lex).paths(role):
        frontier = [token]
        for step in path:
            frontier = [
                c for t in frontier for c in t.children
                if c.dep_ in step.deps and (not step.words or c.lower_ in step.words or c.lemma_.lower() in step.words)
            ]
        out.extend(t for t in frontier if t not in out)
    return out


def _own_actor(token: Token) -> str | None:
    return token._.fm_actor


def _own_actors(token: Token) -> tuple[str, ...]:
    """Every actor a token stands for: a group pronoun ("Qatar and Turkey ... they") stands for all."""
    group = token._.fm_group if token.has_extension("fm_group") else ()
    if group:
        return tuple(group)
    actor = token._.fm_actor
    return (actor,) if actor else ()


#: How far (tokens) after the generic noun a list of examples may start.
EXEMPLIFY_WINDOW = 12


def _search(
    token: Token, lex: Lexicon, limit: int = 12, preps: frozenset[str] | None = None,
    exclude: frozenset[str] = frozenset(), avoid: Token | None = None,
) -> Token | None:
    """Breadth-first search through modifiers for the closest token with an actor not in ``exclude``,
    never through ``avoid`` (the trigger being coded: "others in support of the coalition")."""
    queue: list[Token] = [token]
    seen = 0
    preps = lex.words("modifier-prep") if preps is None else preps
    linking = lex.words("linking")
    while queue and seen < limit:
        current = queue.pop(0)
        seen += 1
        if avoid is not None and current.i == avoid.i:
            continue
        if current is not token and _own_actor(current) and _own_actor(current) not in exclude:
            return current
        for child in current.children:
            if child.dep_ in _MODIFIER_DEPS and child.dep_ != "conj":
                queue.append(child)
            elif child.dep_ == "prep" and (
                child.lower_ in preps or current.lemma_.lower() in linking
            ):
                queue.append(child)
            elif child.dep_ in ("acl", "amod") and child.lemma_.lower() in linking:
                queue.append(child)
            elif child.dep_ == "agent" and current.lemma_.lower() in linking:
                queue.append(child)
    return None


def _side_of(token: Token, lex: Lexicon, trigger: Token | None = None) -> str | None:
    """The named actor a common noun's fighters belong to ("militia forces supporting the GNA" → the GNA).

    Only for a common noun (its own actor, if any, is a generic reading such as
    a country's military) modified by a participle or adjective of allegiance
    (cues.tsv ``side``; "backed by" is not among them: a proxy is not its sponsor)
    whose object names an actor.
    """
    if token.pos_ != "NOUN" or token.lemma_.lower() not in lex.words("fighter"):
        return None
    for child in token.children:
        if child.dep_ not in ("acl", "amod") or child.lemma_.lower() not in lex.words("side") or child == trigger:
            continue
        for obj in fill(child, "role-allegiance", lex):
            if _own_actor(obj) and _own_actor(obj) != _own_actor(token):
                return _own_actor(obj)
    return None


def _with_conjuncts(token: Token, lex: Lexicon) -> Iterator[Token]:
    """The token, its conjuncts, appositions, and a coordinated modifier the parser
    attached below it ("the Sudanese government and SPLM/A" parsed as nmod + conj).

    An apposition that follows a list-of-examples marker ("X for example Qatar")
    is not the same referent and is left out.
    """
    yield token
    yield from token.conjuncts
    for child in token.children:
        if child.dep_ == "appos" and _after_exemplifier(child, lex):
            continue
        if child.dep_ == "appos":
            yield child
            yield from child.conjuncts
        elif child.dep_ in ("nmod", "compound") and any(c.dep_ == "cc" for c in child.children):
            yield child
            yield from child.conjuncts


def actors_of(
    tokens: Iterable[Token], preps: frozenset[str] | None = None, exclude: frozenset[str] = frozenset(),
    trigger: Token | None = None, lex: Lexicon | None = None,
) -> tuple[tuple[str, ...], bool]:
    """Actor ids for argument tokens, coordination expanded; flag True when any came from a search.

    ``preps`` are the prepositions the search may cross below a head noun
    without an actor (targets cross more: "part of an aid programme for Bosnia");
    the search passes over actors in ``exclude`` ("its European partners" for a
    target when "its" is the source).  Fighters named by their allegiance
    ("forces loyal to the GNA") stand for that side, unless the allegiance word
    is the ``trigger`` being coded ("militias supporting the GNA": SUPPORT).
    """
    ids: list[str] = []
    searched = False
    lex = _lex(lex)
    for token in tokens:
        for part in _with_conjuncts(token, lex):
            if in_dateline(part):
                # "NAIROBI, March 3 (AFP) -- Kenya's president praised ...": where it was filed, but
                # the subject the parser hung on it ("MOGADISHU -- A U.S. airstrike killed") counts
                part = next((c for c in part.children if c.i >= dateline_end(part.sent) and c.dep_ in ("appos", "conj")), None)
                if part is None:
                    continue
            side = _side_of(part, lex, trigger)
            if side is not None:
                if side not in ids:
                    ids.append(side)
                continue
            part = _relative_owner(part)
            group = _own_actors(part)
            if len(group) > 1:
                ids.extend(a for a in group if a not in ids)
                continue
            actor = _own_actor(part)
            if actor is None:
                found = _search(part, lex, preps=preps, exclude=exclude, avoid=trigger)
                if found is None:
                    continue
                searched = True
                for hit in (found, *found.conjuncts, *_path_conjuncts(found, part)):
                    hit_actor = _own_actor(hit)
                    if hit_actor and hit_actor not in ids and hit_actor not in exclude:
                        ids.append(hit_actor)
                continue
            if actor not in ids:
                ids.append(actor)
    return tuple(ids), searched


#: Dashes and colons that close a dateline ("KABUL (Reuters) -", "THE HAGUE, Netherlands --", "Lagos:").
_DATELINE_MARKS = frozenset({"-", "--", "—", "–", ":"})
#: How many tokens a dateline may span before its closing mark.
DATELINE_WINDOW = 12


def dateline_end(sent) -> int:
    """Index of the first token after the sentence's dateline (``sent.start`` when it has none).

    A dateline is a run of capitalised names, numbers, brackets and commas (place, date, agency)
    opening the sentence and closed by a dash or colon followed by the text."""
    start = sent.start
    doc = sent.doc
    for i in range(start, min(sent.end - 2, start + DATELINE_WINDOW)):
        token = doc[i]
        if token.text in _DATELINE_MARKS and i > start:
            return i + 1 if (token.text != ":" or i - start <= 3) else start
        if not (token.is_punct or token.like_num or token.text[:1].isupper()):
            return start
    return start


def in_dateline(token: Token) -> bool:
    """True for a token inside its sentence's dateline."""
    sent = token.sent
    return token.i < sent.start + DATELINE_WINDOW and token.i < dateline_end(sent)


def _relative_owner(token: Token) -> Token:
    """ "whose" stands for the noun its relative clause modifies ("ISIL, whose acts of terror ...")."""
    if token.lower_ != "whose":
        return token
    clause = token
    for _ in range(4):
        if clause.dep_ == "relcl":
            return clause.head
        if clause.head == clause:
            break
        clause = clause.head
    return token


def _path_conjuncts(found: Token, top: Token) -> list[Token]:
    """Conjuncts of the nouns between a search hit and where the search began ("a meeting between
    an Israeli movement and the PLO": the hit is "Israeli", the PLO is a conjunct of "movement")."""
    out: list[Token] = []
    current = found.head
    for _ in range(6):
        if current.i == top.i or current.head.i == current.i:  # spaCy makes a new Token per access: never `is`
            break
        out.extend(current.conjuncts)
        current = current.head
    return out


def _exemplifier_at(doc, i: int, lex: Lexicon) -> int:
    """Length of the list-of-examples marker (cues.tsv ``exemplifier``) starting at token ``i`` (0 when none)."""
    for marker in (tuple(m.split()) for m in lex.words("exemplifier")):
        words = tuple(t.lower_ for t in doc[i : i + len(marker)])
        if words == marker:
            return len(marker)
    return 0


def _after_exemplifier(token: Token, lex: Lexicon) -> bool:
    doc = token.doc
    for size in (1, 2):
        start = token.i - size
        if start >= 0 and _exemplifier_at(doc, start, lex) == size:
            return True
    return False


def _example_list(doc, start: int, end: int) -> tuple[str, ...]:
    """Actors of the coordinated list starting at ``start`` ("Qatar and Turkey", "X, Y and Z")."""
    ids: list[str] = []
    closing = False
    i = start
    while i < end:
        token = doc[i]
        actor = _own_actor(token)
        if actor:
            if actor not in ids:
                ids.append(actor)
            while i + 1 < end and _own_actor(doc[i + 1]) == actor:
                i += 1
            if closing:
                break
        elif token.lower_ in ("and", "or"):
            if not ids or (i + 1 < end and doc[i + 1].pos_ == "PRON"):
                break  # "Qatar and Turkey and they ...": a new clause begins
            closing = True
        elif token.text != "," and token.pos_ != "DET":
            break
        i += 1
    return tuple(ids)


def exemplified_actors(noun: Token, lex: Lexicon | None = None) -> tuple[tuple[str, ...], bool]:
    """Actors a generic plural noun is exemplified by ("countries such as Qatar and Turkey").

    Returns the actors and whether the list follows the noun directly (the
    plain construction); a list separated from its noun by the rest of the
    clause ("countries support X for example Qatar and Turkey") is a looser
    reading that callers should trust less.  Empty when the noun is no generic
    plural group or no list of examples follows within the sentence.
    """
    lex = _lex(lex)
    if noun.lemma_.lower() not in lex.words("generic-group") or noun.tag_ not in ("NNS", "NNPS"):
        return (), False
    doc, end = noun.doc, noun.sent.end
    for i in range(noun.i + 1, min(end, noun.i + 1 + EXEMPLIFY_WINDOW)):
        size = _exemplifier_at(doc, i, lex)
        if not size:
            continue
        skip = 1 if i + size < end and doc[i + size].text == "," else 0
        found = _example_list(doc, i + size + skip, end)
        if found:
            gap = doc[noun.i + 1 : i]
            return found, all(t.is_punct for t in gap)
        return (), False
    return (), False


#: Dependencies a deep search never follows (another clause's subject, punctuation, a new statement).
_DEEP_SKIP_DEPS = frozenset({"punct", "nsubj", "nsubjpass", "cc", "mark", "ccomp", "parataxis", "advcl", "relcl"})


def deep_actor(tokens: Iterable[Token], exclude: frozenset[str] = frozenset(), limit: int = 24) -> tuple[str, ...]:
    """The first actor (with its conjuncts) anywhere below the argument phrases, breadth first.

    A last resort for objects whose actor sits in a clause or phrase attached
    to them ("prevented the demonstration staged by students", "rejected an
    invitation to attend a meeting of Palestinian factions").
    """
    queue = list(tokens)
    seen = 0
    while queue and seen < limit:
        current = queue.pop(0)
        seen += 1
        actor = _own_actor(current)
        if actor and actor not in exclude:
            ids = [actor]
            for hit in current.conjuncts:
                other = _own_actor(hit)
                if other and other not in exclude and other not in ids:
                    ids.append(other)
            return tuple(ids)
        queue.extend(c for c in current.children if c.dep_ not in _DEEP_SKIP_DEPS or _infinitival(c))
    return ()


def to_infinitive(verb: Token) -> bool:
    """A verb with its own "to" ("to defeat ISIL")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def agents(verb: Token, lex: Lexicon | None = None) -> list[Token]:
    """The objects of a verb's "by"-agent ("attacked by ISIL", "claimed by Daesh"): ``role-agent``."""
    return fill(verb, "role-agent", lex)


def _infinitival(clause: Token) -> bool:
    """A "to"-infinitive modifying a noun ("a call for forces to be deployed in X")."""
    return clause.dep_ == "relcl" and to_infinitive(clause)


def hands_of(host: Token, lex: Lexicon | None = None) -> list[Token]:
    """The owners of the hands in "at the hands of X" attached to ``host``: X did it (``role-hands``)."""
    return fill(host, "role-hands", lex)


def custodians(host: Token, lex: Lexicon | None = None) -> list[Token]:
    """Who holds the patient of ``host`` ("beaten in Iranian custody", "in the custody of X"):
    the doer of what befalls it (``role-custody``)."""
    return fill(host, "role-custody", lex)


def custody_nouns(host: Token, lex: Lexicon | None = None) -> set[Token]:
    """The custody nouns ("custody", "detention") through which :func:`custodians` found a holder:
    places of holding, never a target of ``host``."""
    nouns = set()
    for holder in custodians(host, lex):
        noun = holder.head
        nouns.add(noun.head if noun.dep_ == "prep" else noun)  # "the custody of X": X hangs from "of"
    return nouns


def is_passive(verb: Token) -> bool:
    """A passive clause, or a past participle modifying a noun with a "by"-agent ("militias backed by Iran")."""
    if any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children):
        return True
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl") and any(c.dep_ == "agent" for c in verb.children)


def relative_head(verb: Token) -> Token | None:
    """For a relative clause or participial modifier, the noun it modifies."""
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        return verb.head
    return None


def _framed_infinitive(clause: Token, frames: frozenset[str]) -> bool:
    """An infinitive on an unowned frame noun that is a verb's object ("enhance efforts to counter X"):
    whoever makes the effort does the act."""
    noun = clause.head
    return (
        clause.dep_ == "acl"
        and to_infinitive(clause)
        and noun.lemma_.lower() in frames
        and noun.dep_ == "dobj"
        and not any(c.dep_ == "poss" or (c.dep_ == "compound" and c._.fm_actor) for c in noun.children)
    )


def _subject_children(verb: Token, deps: frozenset[str], lex: Lexicon) -> list[Token]:
    pronouns = lex.words("relative-pronoun")
    return [_reduced_relative_subject(c) for c in verb.children if c.dep_ in deps and c.lower_ not in pronouns]


def _reduced_relative_subject(subject: Token) -> Token:
    """The noun of a subject the parser read as a gerund clause ("The Red Cross operating in Iraq
    said ...", with "operating" as the subject): the noun, not the clause, is the subject."""
    if subject.pos_ != "VERB" or subject._.fm_actor:
        return subject
    nouns = [c for c in subject.children if c.dep_ == "nsubj" and c.i < subject.i and c._.fm_actor]
    return nouns[0] if nouns else subject


def clause_subjects(
    verb: Token, *, max_hops: int = 6, control: frozenset[str] | None = None, frames: frozenset[str] = frozenset(),
    lex: Lexicon | None = None,
) -> tuple[list[Token], str]:
    """Subject tokens of the clause a verb heads, inherited through control, conjunction and adjuncts.

    Returns the tokens and how they were found: ``direct``, ``passive`` (the
    surface subject of a passive, i.e. the patient), ``relative``,
    ``object-control`` or ``inherited``.  ``control`` lists the verbs whose
    object (rather than subject) does their infinitive; None allows any.
    """
    current, how = verb, "direct"
    lex = _lex(lex)
    for _ in range(max_hops):
        subjects = _subject_children(current, SUBJECT_DEPS, lex)
        if subjects:
            return subjects, how
        passive = _subject_children(current, PASSIVE_SUBJECT_DEPS, lex)
        if passive:
            return passive, "passive" if current == verb else how
        if _framed_infinitive(current, frames):
            current, how = current.head.head, "inherited"  # "enhance efforts to counter ISIL"
            continue
        head = relative_head(current)
        if head is not None and _issued_document(head, lex):
            current, how = head.head, "inherited"  # "issued a statement condemning X": the issuer condemns
            continue
        if head is not None:
            return [head], "relative"
        possessors = [
            c for c in current.children if c.dep_ == "poss" or (c.dep_ == "compound" and c._.fm_actor)
        ] if current.pos_ in ("NOUN", "PROPN") else []  # "the LNA's campaign to", "Coalition efforts to" 
        if possessors and current is not verb:
            return possessors, "inherited"
        accused = object_controller(current, lex)
        if accused:
            return accused, "object-control"  # "accused Iran of supplying the Houthis"
        if _controlled(current, control):
            objects = fill(current.head, "role-controller", lex)  # "urged X to", "called on X to"
            if objects:
                return objects, "object-control"
        if current.dep_ not in _INHERIT_DEPS or current.head == current:
            break
        current, how = current.head, "inherited"
    return [], "none"


def _issued_document(noun: Token, lex: Lexicon) -> bool:
    """A document noun (cues.tsv ``document``: statement, report, letter, resolution) without an
    actor of its own that is the object of a verb: what it says ("a statement condemning X", "a
    lawsuit accusing Y") is said by whoever issued it."""
    return (
        noun.dep_ in ("dobj", "attr")
        and noun.head.pos_ in ("VERB", "AUX")
        and noun.lemma_.lower() in lex.words("document")
        and not noun._.fm_actor
        and not any(c.dep_ == "poss" or (c.dep_ == "compound" and c._.fm_actor) for c in noun.children)
    )


def partner_tokens(subjects: Iterable[Token], lex: Lexicon | None = None) -> list[Token]:
    """Those a subject acts with or within, named on the subject or on its verb: "the UK, as part of
    the Global Coalition, is committed to ...", "working as part of the Coalition to defeat ISIL",
    "Britain, alongside France, struck ...", "together with Iran"."""
    out: list[Token] = []
    for subject in subjects:
        for host in (subject, subject.head):
            out.extend(fill(host, "role-partner", lex))
            out.extend(p for prep in host.children if prep.dep_ == "prep" and prep.lower_ == "with" and _together(prep)
                       for p in prep.children if p.dep_ == "pobj")
    return out


def _together(prep: Token) -> bool:
    """ "together with": the adverb before the preposition."""
    return prep.i > 0 and prep.doc[prep.i - 1].lower_ == "together"


def _controlled(clause: Token, control: frozenset[str] | None) -> bool:
    """A complement whose doer is its head's object: an xcomp, or a "to"-infinitive the parser hung
    on a control verb as an adverbial ("press the regime to cease airstrikes")."""
    if clause.dep_ == "xcomp":
        return control is None or clause.head.lemma_.lower() in control
    return (
        clause.dep_ == "advcl"
        and control is not None
        and clause.head.lemma_.lower() in control
        and to_infinitive(clause)
    )


def object_tokens(anchor: Token, span: frozenset[int], preps: frozenset[str]) -> tuple[list[Token], list[Token]]:
    """(direct, prepositional) object tokens attached to the trigger's tokens.

    A preposition that is part of the trigger itself ("call on", "in favour
    of") contributes its object first.
    """
    direct: list[Token] = []
    first: list[Token] = []
    oblique: list[Token] = []
    doc = anchor.doc
    heads = [doc[i] for i in sorted(span)]
    heads += [c for h in heads for c in h.children if c.dep_ == "prt" and c.i not in span]
    for head in heads:
        for child in head.children:
            if child.i in span and child.dep_ != "prep":
                continue
            if child.dep_ in ("dobj", "dative", "attr") and child.i not in span:
                direct.append(child)
            elif child.dep_ in ("prep", "agent") and child.dep_ != "agent":
                objs = [p for p in child.children if p.dep_ == "pobj"]
                if child.i in span:
                    first.extend(objs)
                elif child.lower_ in preps:
                    oblique.extend(objs)
    return direct, first + oblique


def shared_objects(verb: Token) -> list[Token]:
    """The direct object of the last of coordinated verbs that share it ("to kill and injure
    civilians", "degrade and defeat ISIL"): for a verb with no object, whose conjunct has one and
    no subject of its own."""
    for conj in verb.conjuncts:
        if conj.i < verb.i or conj.pos_ != "VERB" or any(c.dep_ in SUBJECT_DEPS for c in conj.children):
            continue
        objects = [c for c in conj.children if c.dep_ == "dobj"]
        if objects:
            return objects
    return []


def in_container(noun: Token, lex: Lexicon | None = None) -> bool:
    """True for the object of "of" on a container noun ("a package of sanctions", "a wave of strikes")."""
    prep = noun.head
    return (
        noun.dep_ == "pobj" and prep.lower_ == "of" and prep.head.pos_ == "NOUN"
        and prep.head.lemma_.lower() in _lex(lex).words("container")
    )


def object_controller(clause: Token, lex: Lexicon | None = None) -> list[Token]:
    """The object of an accusing verb whose "of"/"for" gerund ``clause`` is (cues.tsv ``accusing``):
    in "A accused B of attacking C" B is the one said to attack."""
    prep = clause.head
    if clause.dep_ != "pcomp" or prep.lower_ not in ("of", "for") or prep.head == prep:
        return []
    verb = prep.head
    if verb.lemma_.lower() not in _lex(lex).words("accusing"):
        return []
    return [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i < prep.i]


def nominal_governor(noun: Token, lex: Lexicon | None = None) -> Token | None:
    """The verb a nominal trigger hangs from as object/complement ("mounted an assault"), also
    through a container noun (cues.tsv ``container``: "adopted a package of sanctions")."""
    current = noun
    while current.dep_ == "conj" and current.head != current:
        current = current.head
    if current.dep_ == "compound" and current.head.pos_ in ("NOUN", "PROPN"):
        current = current.head
    if current.dep_ == "pobj" and current.head.lower_ == "of" and in_container(current, lex):
        current = current.head.head
    for _ in range(3):
        if current.dep_ in ("dobj", "attr", "acomp", "oprd", "pobj", "prep", "xcomp"):
            current = current.head
            if current.pos_ in ("VERB", "AUX"):
                return current
            if current.pos_ in ("NOUN", "PROPN") and not (noun.pos_ == "ADP" and current.dep_ == "dobj"):
                return None
        else:
            return None
    return None


def held_by_condition(token: Token, markers: frozenset[str]) -> bool:
    """Whether a conditional marker (one of ``markers`` as ``mark``: "if", "unless") holds ``token``,
    its two nearest heads or a clause it heads ("would not sign if the talks fail")."""
    near = [token, *list(token.ancestors)[:2], *(c for c in token.children if c.dep_ == "advcl")]
    return any(c.dep_ == "mark" and c.lower_ in markers for t in near for c in t.children)


def threat_condition(token: Token, lex: Lexicon) -> bool:
    """An "unless" clause (cues.tsv ``threat-condition``) on ``token`` or the words above it: an act
    held over it is a threat ("will withdraw its force unless a ceasefire is arranged")."""
    conditions = lex.words("threat-condition")
    for current in (token, *list(token.ancestors)[:3]):
        for child in current.children:
            if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in conditions for m in child.children):
                return True
    return False
