"""A resolved possessive pronoun gives the sector noun it owns the possessor: "its troops", "his forces"."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from factionmap.actors.passes.base import PassBase
from factionmap.actors.state import _State
from factionmap.actors.words import INSTITUTIONAL
from factionmap.model import ActorProfile

__all__ = ["PossessivePass"]


class PossessivePass(PassBase):
    """Methods called by the pronoun step (see :mod:`factionmap.actors.resolver`)."""

    def _possessed(self, doc: Doc, state: _State, pronoun: Token, actor_id: str) -> None:
        """The sector noun a resolved possessive pronoun owns is the possessor's: "Moscow said it
        would withdraw its troops" → RUSMIL; "the group and its fighters" → the group; "Haftar ...
        his forces" → his affiliated force.  Only a noun with no actor yet, or one coded from the
        context alone ("troops" → MIL), is recoded, so that a later "their" finds the possessor's."""
        head = pronoun.head
        term = self.terms.get(head.lower_) or self.terms.get(head.lemma_.lower())
        if term is None or term.facility or term.religion or head.i <= pronoun.i:
            return
        owner = state.owner[head.i]
        if owner is not None and (owner.rule != "generic" or owner.start <= pronoun.i
                                  or not all(t.is_lower for t in doc[owner.start:owner.end])):
            return  # "its Syrian allies" keep their own country; "its fighters" coded from the context do not
        profile = self._possessor_profile(state, actor_id, term.sector)
        if profile is None:
            return
        state.profiles.setdefault(profile.id, profile)
        if owner is not None:
            owner.actor_id, owner.rule = profile.id, "possessive"
        else:
            state.add(pronoun.i + 1, head.i + 1, profile.id, "possessive", profile)

    def _possessor_profile(self, state: _State, actor_id: str, sector: str) -> ActorProfile | None:
        possessor = self._profile(state, actor_id)
        if possessor is None or possessor.kind == "location" or not possessor.country:
            return None
        if possessor.kind == "country":
            return self._generic_profile(state, possessor.country, sector)
        if possessor.kind in ("organisation", "group"):
            if possessor.sector == sector or (sector in INSTITUTIONAL and possessor.sector != "GOV"):
                return possessor  # "Hamas and its fighters": Hamas
            return self._affiliate(state, possessor, sector)
        affiliate = self._affiliate(state, possessor, sector)
        if affiliate is None and sector == "GOV" and len(possessor.country) == 3:
            return self._generic_profile(state, possessor.country, sector)  # "the president and his government"
        return affiliate
