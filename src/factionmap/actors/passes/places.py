"""Places vs actors: a place acted upon stays a place, a capital or place that acts is its government;
an inhabited place stands for the people who live there (``CVL``)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from factionmap.actors.gazetteer import slug
from factionmap.actors.passes.base import PassBase
from factionmap.actors.state import _M, _State
from factionmap.actors.words import METONYM_PREPS
from factionmap.model import ActorProfile

__all__ = ["PlacePass"]


class PlacePass(PassBase):
    """Methods of the resolver's places pass (see :mod:`factionmap.actors.resolver`)."""

    def _acting(self, doc: Doc, m: _M) -> bool:
        """Whether a place name stands for its government here ("Moscow said", "talks with Ankara")."""
        tok = doc[m.start:m.end].root
        while tok.dep_ == "conj":
            tok = tok.head
        if tok.dep_ == "dobj" and tok.head.lemma_.lower() in self.words["place_verbs"]:
            return False  # "shelled Tripoli", "entered Kabul"
        return tok.dep_ in ("nsubj", "nsubjpass", "dobj", "agent") or (
            tok.dep_ == "pobj" and tok.head.lower_ in METONYM_PREPS
        ) or (tok.dep_ == "poss" and (tok.head.lemma_.lower() in self.terms or tok.head.lemma_ in self.words["policy_nouns"]))

    def _plural_demonym(self, doc: Doc, state: _State, m: _M) -> None:
        """"the Russians" is Russia; "Syrians" without an article are its people (``<country>CVL``);
        "ethnic Turks" are the people of the country they live in (:meth:`_ethnic_host`)."""
        word = doc[m.end - 1].text
        singular = self.gaz.surfaces.get(word[:-1]) if word.endswith("s") else None
        plural = word.endswith("s") and doc[m.end - 1].tag_ in ("NNS", "NNPS")  # "Turks", "Britons"
        if not plural and (singular is None or singular.rule != "demonym"):
            return
        if doc[m.start].lower_ == "the":
            m.rule = "generic"
            return
        own = self.gaz.entries[m.actor_id].country
        people = self._generic_profile(state, self._ethnic_host(doc, state, m.start, own) or own, "CVL")
        state.profiles.setdefault(people.id, people)
        m.actor_id, m.rule = people.id, "generic"

    def _demonym_place(self, doc: Doc, state: _State, m: _M) -> bool:
        """"the Libyan capital", "the Syrian border", "an Iraqi town": a demonym before a place noun
        (``word_lists.tsv`` ``place_nouns``) with no name after it ("the Iraqi city of Mosul" names
        the place) is a place of that country; the mention takes the noun in."""
        nxt = doc[m.end] if m.end < len(doc) else None
        if nxt is None or nxt.lower_ not in self.words["place_nouns"] or state.owner[nxt.i] is not None \
                or (nxt.i + 1 < len(doc) and doc[nxt.i + 1].lower_ == "of"):
            return False
        entry = self.gaz.entries.get(m.actor_id)
        if entry is None or not entry.country:
            return False
        text = doc[m.start:nxt.i + 1].text
        actor_id = "loc-" + slug(f"{entry.country} {nxt.lower_}")
        state.profiles.setdefault(actor_id, ActorProfile(actor_id, text, entry.country, None, "location", (), True))
        m.actor_id, m.rule = actor_id, "alias"
        state.extend(m, m.start, nxt.i + 1)
        return True

    def _places_acting(self, doc: Doc, state: _State) -> None:
        """A place of a known country that speaks or decides ("Kharkiv appealed for help",
        ``authority_verbs.tsv``) stands for that country's government; a place acted upon stays a place.
        Places of the actor file (often contested: Idlib, Crimea, Gaza) are left as they are."""
        for m in state.mentions:
            profile = self._profile(state, m.actor_id)
            if profile is None or profile.kind != "location" or m.rule not in ("ner", "alias") \
                    or m.actor_id in self.gaz.entries \
                    or not profile.country or profile.country not in self.gaz.entries:
                continue
            tok = doc[m.start:m.end].root
            while tok.dep_ == "conj":
                tok = tok.head
            if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in self.authority_verbs:
                government = self._generic_profile(state, profile.country, "GOV")
                state.profiles.setdefault(government.id, government)
                m.actor_id, m.rule = government.id, "metonym"

    def _capitals(self, doc: Doc, state: _State) -> None:
        """Capitals acting are the country (``metonym``), otherwise places; acting country names are ``metonym``."""
        self._places_acting(doc, state)
        for m in list(state.mentions):
            if m.rule == "alias" and self.gaz.entries.get(m.actor_id, None) is not None \
                    and self.gaz.entries[m.actor_id].kind == "country" and self._acting(doc, m):
                m.rule = "metonym"
            if m.rule == "demonym" and self._demonym_place(doc, state, m):
                continue  # "shelled the Libyan capital": a place, not the state
            if m.rule == "demonym":
                self._plural_demonym(doc, state, m)
            if m.rule != "capital":
                continue
            if self._acting(doc, m):
                m.rule = "metonym"
                continue
            text = doc[m.start:m.end].text
            actor_id = "loc-" + slug(text)
            country = self.gaz.entries[m.actor_id].country
            state.profiles.setdefault(actor_id, ActorProfile(actor_id, text, country, None, "location", (), True))
            m.actor_id, m.rule = actor_id, "alias"

    def _place_people(self, doc: Doc, state: _State) -> None:
        """An inhabited place of a known country is coded as its people, ``<country>CVL``, the way
        CAMEO-style coders code a town that is shelled, blockaded or put under curfew ("imposed a
        curfew in Cizre" → TURCVL); it stays a place (kind ``location``).  Places with no population
        (``word_lists.tsv`` ``uninhabited_heads``: "Suez Canal", "Europe Bridge") and places the
        actor file gives a sector keep theirs; a place that acts was made its government before."""
        uninhabited = self.words["uninhabited_heads"]
        for m in state.mentions:
            profile = self._profile(state, m.actor_id)
            if profile is None or profile.kind != "location" or profile.sector is not None \
                    or not profile.country or len(profile.country) != 3:
                continue
            country = self.gaz.entries.get(profile.country)
            words = profile.name.lower().split()
            if country is None or country.kind != "country" or not words or words[-1] in uninhabited:
                continue
            state.profiles[m.actor_id] = replace(profile, sector="CVL")
