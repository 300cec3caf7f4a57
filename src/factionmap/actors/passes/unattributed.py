"""A hidden bomb that kills stands for the unidentified attackers who set it (CAMEO ``UAF``)."""

from __future__ import annotations

from spacy.tokens import Doc

from factionmap.actors.passes.base import PassBase
from factionmap.actors.state import _State

__all__ = ["UnattributedPass"]


class UnattributedPass(PassBase):
    """Methods of the resolver's unattributed-attack pass (see :mod:`factionmap.actors.resolver`)."""

    def _unattributed(self, doc: Doc, state: _State) -> None:
        """A concealed explosive (``word_lists.tsv`` ``unattributed_weapons``, word forms: "a roadside bomb", "an
        improvised explosive device") or a suicide attacker (``suicide_attackers``) that harms (``harm_verbs``: subject of "killed", or its passive
        agent, "were killed by ...") names no one: the text gives the attack no author, and the
        phrase is coded as unidentified armed men (``UAF``) of the country where it went off — the
        nearest place named in the sentence, else the section's country.  The weapon itself is
        never an actor; the phrase stands for those who set it."""
        weapons, harm = self.words["unattributed_weapons"], self.words["harm_verbs"]
        suicide = self.words["suicide_attackers"]
        for tok in doc:
            word = tok.lower_
            if (word not in weapons and word not in suicide) or state.owner[tok.i] is not None:
                continue
            if word in suicide and not any(c.lower_ == "suicide" for c in tok.children):
                continue
            verb = tok.head.head if tok.dep_ == "pobj" and tok.head.dep_ == "agent" else (
                tok.head if tok.dep_ == "nsubj" else None)
            if verb is None or verb.lemma_.lower() not in harm:
                continue
            start = tok.left_edge.i
            if not state.free(start, tok.i + 1):
                continue
            country = self._nearest_country(doc, state, tok.i) or self._context_country(doc, state)
            if country is None:
                continue
            profile = self._generic_profile(state, country, "UAF")
            state.add(start, tok.i + 1, profile.id, "generic", profile)
