"""The referent of "they", "them" and "their": a plural phrase or a coordination of actors.

"Qatar and Turkey met on Monday, and they are backing the GNA": "they" stands for both
countries.  Candidates are read from the mentions already resolved, in the pronoun's sentence
and the one before it:

- a *coordination*: two or more mentions joined by the parser's ``conj`` links ("Qatar and
  Turkey", "Egypt, the UAE and Russia") — a group of actors;
- a *plural* mention on its own ("the rebels", "Turkish officials"), or an organisation, which
  English often refers to in the plural ("Daesh ... as they see their caliphate crumble").

The most recent candidate wins, unless the subject of its clause is a candidate too: the
previous clause's subject is preferred ("The rebels met Qatar and Turkey in Doha, where they
demanded more weapons": the rebels; "Qatar and Turkey armed the rebels. They also sent
advisers": Qatar and Turkey).  An object pronoun is never its own clause's subject ("Qatar and
Turkey armed the rebels and trained them": the rebels).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc, Token

__all__ = ["PLURAL_PRONOUNS", "Antecedent", "clause_verb", "local_verbs", "plural_antecedent"]

PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves", "theirs"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


class MentionLike(Protocol):
    start: int
    end: int
    actor_id: str
    rule: str


@dataclass(frozen=True)
class Antecedent:
    """What a plural pronoun refers to: one actor or a group (in textual order)."""

    start: int
    actors: tuple[str, ...]
    subject: bool
    head: int  # token index of the phrase's head (of the coordination's first member)


def _coordination_head(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    return tok


def clause_verb(tok: Token) -> Token:
    """The verb of the clause a token is in (the sentence root when there is none)."""
    while tok.pos_ not in ("VERB", "AUX") and tok.dep_ != "ROOT" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def local_verbs(pronoun: Token) -> set[int]:
    """The verb governing an object pronoun, with the verbs it is coordinated with."""
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    found = {verb.i}
    while verb.dep_ == "conj" and verb.head.i < verb.i:
        verb = verb.head
        found.add(verb.i)
    return found


def _members(doc: Doc, head: Token, owner: Callable[[int], MentionLike | None]) -> list[MentionLike]:
    """Mentions of the head of a coordination and of its conjuncts, in textual order."""
    found: list[MentionLike] = []
    for tok in sorted([head, *head.conjuncts], key=lambda t: t.i):
        m = owner(tok.i)
        if m is not None and all(m is not other for other in found):
            found.append(m)
    return found


def plural_antecedent(
    doc: Doc,
    pronoun: Token,
    mentions: Sequence[MentionLike],
    owner: Callable[[int], MentionLike | None],
    usable: Callable[[MentionLike, bool], bool],
    plural: Callable[[MentionLike], bool],
    window_start: int,
    groups: dict[int, tuple[str, ...]] | None = None,
) -> Antecedent | None:
    """The group or plural phrase ``pronoun`` refers to, or None.

    ``usable(m, in_group)`` tells whether a mention may be (part of) the referent, ``plural(m)``
    whether a mention is a plural phrase by itself; only mentions from ``window_start`` on and
    ending before the pronoun are considered.  A plural pronoun already resolved counts as its
    referent (``groups``: token index → the group it stands for), so that a chain of "they" goes on.
    """
    candidates: list[Antecedent] = []
    seen: set[int] = set()
    local = local_verbs(pronoun) if pronoun.lower_ == "them" else set()
    for m in sorted(mentions, key=lambda x: x.start, reverse=True):
        if m.end > pronoun.i or m.start < window_start or id(m) in seen:
            continue
        if m.rule == "pronoun":
            previous = doc[m.start]
            if previous.lower_ in PLURAL_PRONOUNS:
                ids = (groups or {}).get(m.start) or (m.actor_id,)
                candidates.append(Antecedent(m.start, ids, previous.dep_ in SUBJECT_DEPS, previous.i))
            continue
        root = doc[m.start:m.end].root
        head = _coordination_head(root)
        if head.dep_ in SUBJECT_DEPS and head.head.i in local:
            continue  # "Qatar and Turkey armed the rebels and trained them": not the subject
        members = _members(doc, head, owner) if head.conjuncts else []
        members = [x for x in members if x.end <= pronoun.i and x.start >= window_start and x.rule != "pronoun"]
        group = [x for x in members if usable(x, True)]
        ids = tuple(dict.fromkeys(x.actor_id for x in group))
        if len(ids) >= 2:
            seen.update(id(x) for x in members)
            candidates.append(Antecedent(min(x.start for x in group), ids, head.dep_ in SUBJECT_DEPS, head.i))
        elif plural(m) and usable(m, False):
            candidates.append(Antecedent(m.start, (m.actor_id,), head.dep_ in SUBJECT_DEPS, head.i))
    if not candidates:
        return None
    recent = candidates[0]
    clause = clause_verb(doc[recent.head])
    if _object_of_the_subjects_act(doc, pronoun, recent, clause):
        return recent
    subject = next((c for c in candidates if c.subject and clause_verb(doc[c.head]).i == clause.i), None)
    return subject or recent


def _object_of_the_subjects_act(doc: Doc, pronoun: Token, recent: Antecedent, clause: Token) -> bool:
    """"The coalition struck ISIL, cutting off their finance": a possessive in a participle clause
    hung on the verb whose object is ``recent`` speaks of the object (the subject acting on its own
    would be "its own"), so the subject is not preferred."""
    if pronoun.dep_ != "poss" or doc[recent.head].dep_ not in ("dobj", "pobj"):
        return False
    verb = clause_verb(pronoun)
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.i == clause.i \
        and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
