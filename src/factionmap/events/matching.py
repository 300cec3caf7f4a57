"""Finding trigger candidates in a parsed Doc from the compiled lexicon.

Multiword forms are matched first (lemma sequences that may skip a few
determiners, adjectives or compounds: "issued a strong warning", "opened
its borders"); single verbs and nominal triggers then fill in tokens not
already claimed.  Light verbs (``light.tsv``) then join the nominal trigger
they govern ("carried out airstrikes", "paused military aid": SANCTION) or
make a trigger of a projectile they launch at a target ("fired 60 missiles
at Ukraine").  Work is one dictionary lookup per token.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from factionmap.events.arguments import in_container
from factionmap.events.lexicon import Lexicon, LightVerb, Trigger

__all__ = ["Candidate", "find_candidates", "is_verbal", "light_governor", "light_rows"]

_SKIPPABLE_POS = frozenset({"DET", "ADJ", "NUM", "ADV", "PRON"})
_SKIPPABLE_DEPS = frozenset({"compound", "amod", "nummod", "poss", "det", "advmod", "case"})
_VERB_POS = frozenset({"VERB", "AUX"})
_NOUN_POS = frozenset({"NOUN", "PROPN", "ADJ"})
MAX_SKIP = 3
#: Pattern strength of a light verb with the trigger it retypes ("paused military aid"): at least this.
LIGHT_PAIR_STRENGTH = 0.75


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


def light_rows(verb: Token, lexicon: Lexicon) -> list[tuple[LightVerb, int | None]]:
    """The light-verb rows of ``verb`` with the index of their particle ("cut off"), longest first."""
    out: list[tuple[LightVerb, int | None]] = []
    for row in lexicon.light.get(_lemma(verb), ()):
        if len(row.verb) == 1:
            out.append((row, None))
            continue
        particle = next((c.i for c in verb.children if c.dep_ in ("prt", "prep", "advmod") and c.lower_ == row.verb[1]), None)
        if particle is not None:
            out.append((row, particle))
    return sorted(out, key=lambda r: -len(r[0].verb))


def _object_pairs(doc: Doc, lexicon: Lexicon, used: set[int]) -> list[Candidate]:
    """A verb with an object of a word list and a target (``light.tsv`` rows with an ``@list``
    object: "fired 60 missiles and 190 drones at Ukraine", "rockets were fired into Israel",
    "gave 300 million euros to Ethiopia"): the verb and its objects are the trigger."""
    found: list[Candidate] = []
    for verb in doc:
        rows = lexicon.light.get(_lemma(verb))
        if not rows or not any(r.obj.startswith("@") for r in rows) or verb.i in used or not is_verbal(verb):
            continue
        for row, particle in light_rows(verb, lexicon):
            if not row.obj.startswith("@") or row.type is None:
                continue
            words = lexicon.words(row.obj[1:])
            objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
            objects += [p for o in objects if _lemma(o) in lexicon.words("container")  # "hundreds of drones"
                        for of in o.children if of.dep_ == "prep" and of.lower_ == "of" for p in of.children if p.dep_ == "pobj"]
            objects = [o for obj in objects for o in (obj, *obj.conjuncts) if _lemma(o) in words or o.lower_ in words]
            aimed = [c for t in (verb, *objects) for c in t.children
                     if (c.dep_ in ("prep", "dative") and c.lower_ in row.preps) or (c.dep_ == "dative" and "dative" in row.preps)]
            if not objects or not aimed or used.intersection(o.i for o in objects):
                continue
            span = frozenset([verb.i, *(o.i for o in objects), *([particle] if particle is not None else [])])
            used.update(span)
            trig = Trigger((row.verb[0], _lemma(objects[0])), "phrase", row.type, row.mode, row.context, 0.85)
            found.append(Candidate(trig, verb, span, True))
            break
    return found


def light_governor(cand: Candidate, lexicon: Lexicon) -> Token | None:
    """The verb a single-word trigger is the object of, through a container noun ("adopted a
    package of sanctions") or a frame noun it modifies ("suspended weapons deliveries"); for a
    verbal trigger, the verb it complements ("stopped funding X")."""
    anchor = cand.anchor
    if cand.verbal:
        return anchor.head if anchor.dep_ == "xcomp" and is_verbal(anchor.head) else None
    current = anchor
    while current.dep_ == "conj" and current.head != current:
        current = current.head
    if current.dep_ == "compound" and current.head.pos_ == "NOUN" and current.head.lemma_.lower() in lexicon.frames:
        current = current.head
    if in_container(current, lexicon):
        current = current.head.head  # "a package of sanctions", "a wave of strikes"
    if current.dep_ in ("dobj", "nsubjpass") and is_verbal(current.head):
        return current.head
    return None


def _with_light_verbs(found: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """Join each single-word trigger to the light verb that governs it (``light.tsv``): the pair
    states the object's event ("carried out airstrikes") or another one ("paused military aid":
    SANCTION, mode aid); a trigger on that verb ("suspended", "approved") gives way to the pair.
    A ``*`` row takes nominal objects only: "ordered the release of X" is the release, "ordered X to
    leave" stays an order."""
    absorbed: set[int] = set()
    claimed = {i for c in found if len(c.span) > 1 for i in c.span}  # "held talks": a phrase already
    single = {c.anchor.i: c for c in found if len(c.span) == 1}
    out: list[Candidate] = []
    for cand in found:
        verb = light_governor(cand, lexicon) if len(cand.span) == 1 else None
        if verb is not None and verb.i in claimed:
            verb = None
        rows = [(r, p) for r, p in light_rows(verb, lexicon)
                if r.takes(cand.trigger.type) and not (cand.verbal and r.obj == "*")] if verb is not None else []
        if not rows:
            out.append(cand)
            continue
        row, particle = rows[0]
        own = single.get(verb.i)
        if own is not None and row.type is not None and own.trigger.type == row.type:
            continue  # "suspended aid": the verb's own trigger states it; the noun is its object
        absorbed.add(verb.i)
        if row.type is None:  # the noun states the event; a trigger on the verb gives way to it
            out.append(cand)
            continue
        span = cand.span | {verb.i} | ({particle} if particle is not None else set())
        strength = max(cand.trigger.strength, LIGHT_PAIR_STRENGTH)
        trig = replace(cand.trigger, type=row.type, mode=row.mode or cand.trigger.mode, strength=strength)
        out.append(replace(cand, trigger=trig, span=frozenset(span)))
    return [c for c in out if len(c.span) > 1 or c.anchor.i not in absorbed]


def find_candidates(doc: Doc, lexicon: Lexicon) -> list[Candidate]:
    """All trigger candidates in document order (phrases win over their words)."""
    used: set[int] = set()
    found = _phrases(doc, lexicon, used)
    found += _object_pairs(doc, lexicon, used)
    for token in doc:
        if token.i in used or token._.fm_actor or token.ent_type_ in ("GPE", "PERSON", "ORG", "NORP"):
            continue
        trig = _single(token, lexicon)
        if trig is not None:
            found.append(Candidate(trig, token, frozenset((token.i,)), is_verbal(token)))
    return sorted(_with_light_verbs(found, lexicon), key=lambda c: c.anchor.i)
