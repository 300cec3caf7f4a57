"""People driven from a place are refugees of it: "Afghans expelled from Iran", "families who fled Mosul"."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from factionmap.actors.passes.base import PassBase
from factionmap.actors.state import _M, _State

__all__ = ["DisplacedPass"]


class DisplacedPass(PassBase):
    """Methods of the resolver's displacement pass (see :mod:`factionmap.actors.resolver`)."""

    def _displaced(self, doc: Doc, state: _State) -> None:
        """A group of people that a clause says were driven out (``word_lists.tsv``
        ``displacement_verbs``: "fled", "expelled"; ``displacement_out_verbs`` with "out": "ordered
        out of") is coded as refugees, ``REF``, CAMEO-style.  A people of a named country keep it
        ("Afghans expelled from Iran" → AFGREF); a group with no country of its own name (a region's
        people, an unknown group) takes the country it was driven from ("West Africans ordered out
        of Ghana" → GHAREF)."""
        for m in list(state.mentions):
            profile = self._profile(state, m.actor_id)
            if m.rule == "pronoun" or profile is None or profile.kind != "group" \
                    or profile.sector not in (None, "CVL"):
                continue
            verb = self._driving_verb(doc[m.start:m.end].root)
            if verb is None:
                continue
            origin = self._origin_country(state, verb)
            if profile.known and profile.country:  # "Syrians" (SYRCVL): their nationality stays
                refugees = self._generic_profile(state, profile.country, "REF")
                state.profiles.setdefault(refugees.id, refugees)
                m.actor_id = refugees.id
            else:
                state.profiles[m.actor_id] = replace(profile, sector="REF", country=origin or profile.country)

    def _driving_verb(self, head: Token) -> Token | None:
        """The verb of a clause on ``head`` (or on "thousands of <head>") that drives people out."""
        governors = [head]
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.tag_ in ("NNS", "CD"):
            governors.append(head.head.head)  # "hundreds of Afghans expelled from Iran"
        for gov in governors:
            for child in gov.children:
                if child.dep_ not in ("acl", "relcl"):
                    continue
                lemma = child.lemma_.lower()
                if lemma in self.words["displacement_verbs"] or (
                        lemma in self.words["displacement_out_verbs"]
                        and any(c.lower_ == "out" for c in child.children)):
                    return child
        return None

    def _origin_country(self, state: _State, verb: Token) -> str | None:
        """The country of the place a driving verb names: "from Iran", "out of Ghana", "fled Mosul"."""
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        for prep in verb.children:
            if prep.lower_ == "out":
                prep = next((c for c in prep.children if c.lower_ == "of"), prep)
            if prep.lower_ in ("from", "of"):
                objects.extend(c for c in prep.children if c.dep_ == "pobj")
        for obj in objects:
            owner: _M | None = state.owner[obj.i]
            profile = self._profile(state, owner.actor_id) if owner is not None else None
            if profile is not None and profile.kind in ("country", "location") and profile.country \
                    and profile.country in self.gaz.entries:
                return profile.country
        return None
