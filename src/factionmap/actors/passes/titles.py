"""Titles before and appositions after a person give its country and sector."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from factionmap.actors.data import date_key
from factionmap.actors.passes.base import PassBase
from factionmap.actors.state import _M, _State
from factionmap.model import ActorProfile

__all__ = ["TitlePass"]


class TitlePass(PassBase):
    """Methods of the resolver's titles pass (see :mod:`factionmap.actors.resolver`)."""

    def _titles(self, doc: Doc, state: _State) -> None:
        pending: list[_M] = []
        for m in list(state.mentions):
            profile = self._profile(state, m.actor_id)
            if profile is None or profile.kind != "person":
                continue
            start, sector, country = m.start, None, None
            i = m.start - 1
            reach = 6
            if i > 0 and doc[i].text == "," and "\n" not in doc[i - 1].text_with_ws:
                i, reach = i - 1, 7  # "Foreign Office Minister, Tobias Ellwood, said"
            while i >= 0 and m.start - i <= reach:
                tok = doc[i]
                term = self._term_of(tok)
                owner = state.owner[i]
                if owner is not None:
                    owner_profile = self._profile(state, owner.actor_id)
                    if sector and owner_profile and owner_profile.kind == "country" and owner.end == start:
                        if owner.start > 0 and doc[owner.start - 1].lower_ in ("in", "at", "inside"):
                            break  # "In Turkey Minister Ellwood met ...": where, not whose minister
                        country, start = owner_profile.country, owner.start
                        break
                    if sector and owner_profile and owner_profile.known and owner.end == start \
                            and owner_profile.country in ("IGO", "NGO"):  # "U.N. mediator Diego Cordovez"
                        country, start = owner_profile.country, owner.start  # an IGO official: IGO + the title's sector
                        break
                    inside_title = owner.start > 0 and doc[owner.start - 1].lower_ in ("the", "of", "for")
                    if owner_profile and (not owner_profile.known or (owner_profile.kind == "location" and not owner_profile.country)) \
                            and owner_profile.kind != "person" \
                            and (sector or inside_title):  # "Foreign Office Minister", "Secretary of State"
                        start, i = owner.start, owner.start - 1
                        continue
                    break
                if tok.text in ("'s", "’s") and i > 0 and state.owner[i - 1] is not None:
                    i -= 1
                    continue
                if term is not None and term.title:
                    sector = sector or term.sector
                elif not (tok.lower_ in self.words["title_modifiers"] or (tok.is_title and tok.pos_ in ("PROPN", "NOUN"))
                          or (tok.text == "-" and not tok.whitespace_ and i > 0 and not doc[i - 1].whitespace_)
                          or (tok.pos_ == "ADJ" and tok.is_lower)):
                    break
                start = i
                i -= 1
            if sector is None:
                continue
            while doc[start].lower_ in ("of", "for", "the", "'s", "’s") and start < m.start:
                start += 1
            if reach == 7 and start > 0 and doc[start - 1].pos_ == "DET":
                continue  # "the military leader, Khalifa Haftar" is an apposition (see descriptions)
            if any(doc[j].lower_ in self.words["former"] for j in range(start, m.start)):
                sector = "ELI"  # "former president Carlos Menem": CAMEO codes former officials as elites
            state.extend(m, start, m.end)
            m.rule = "title" if m.rule == "ner" else m.rule
            if profile.known:
                self._titled_role(state, m, profile, sector, country)
                continue
            if not profile.known:
                country = country or profile.country or self._appositive_country(doc, state, m) \
                    or self._of_country(doc, state, m)
                state.profiles[m.actor_id] = replace(profile, country=country, sector=profile.sector or sector)
                if country is None:
                    pending.append(m)
        for m in pending:  # after every title is read, so that "South African leader X" is X's alone
            profile = state.profiles[m.actor_id]
            if profile.country is None:
                country = self._context_country(doc, state, near=m.start)
                state.profiles[m.actor_id] = replace(profile, country=country)

    def _titled_role(self, state: _State, m: _M, profile: ActorProfile, sector: str,
                     country: str | None = None) -> None:
        """A known office holder in an undated text takes the role its title names ("General Michel
        Aoun" is the army commander, not the later president; "NATO Secretary-General X" the IGO
        role, not X's earlier national one); ``ELI`` ("former") applies always."""
        entry = self.gaz.entries.get(m.actor_id)
        if entry is None or not entry.roles or (sector == profile.sector and country in (None, profile.country)):
            return
        if sector == "ELI":
            state.profiles[m.actor_id] = replace(profile, sector="ELI")
            return
        role = next((r for r in entry.roles if r.sector == sector and country in (None, r.country)), None)
        if role is not None and state.date is None:
            state.profiles[m.actor_id] = replace(profile, country=role.country, sector=sector)

    def _country_namesakes(self, doc: Doc, state: _State) -> None:
        """A known person named right after a country ("Jordan's King Abdullah", "the Jordanian King
        Abdullah") who never held a role of that country is the namesake who did: the one person of
        the actor file whose names hold every word of the mention and who has a role of that country
        (in office on the document's date, when it has one)."""
        for m in state.mentions:
            entry = self.gaz.entries.get(m.actor_id)
            if entry is None or entry.kind != "person" or not entry.roles:
                continue
            country = self._country_before(doc, state, m.start)
            if country is None or any(r.country == country for r in entry.roles):
                continue
            namesake = self._namesake(state, doc[m.start:m.end].text, country)
            if namesake is not None:
                m.actor_id = namesake

    def _country_before(self, doc: Doc, state: _State, start: int) -> str | None:
        i = start - 2 if start >= 2 and doc[start - 1].text in ("'s", "’s") else start - 1
        owner = state.owner[i] if i >= 0 else None
        profile = self._profile(state, owner.actor_id) if owner is not None and owner.end == i + 1 else None
        return profile.country if profile is not None and profile.kind == "country" else None

    def _namesake(self, state: _State, text: str, country: str) -> str | None:
        words = set(text.split())
        found = [e for e in self.gaz.entries.values() if e.kind == "person" and any(r.country == country for r in e.roles)
                 and any(words <= set(name.split()) for name in (e.name, *e.aliases))]
        if len(found) > 1 and state.date:
            key = date_key(state.date)
            found = [e for e in found if any(r.country == country and r.holds(key) for r in e.roles)]
        return found[0].id if len(found) == 1 else None

    def _of_country(self, doc: Doc, state: _State, m: _M) -> str | None:
        """"King Hassan of Morocco": the country named right after a titled person."""
        if m.end + 1 >= len(doc) or doc[m.end].lower_ != "of":
            return None
        owner = state.owner[m.end + 1]
        profile = self._profile(state, owner.actor_id) if owner is not None and owner.start == m.end + 1 else None
        return profile.country if profile is not None and profile.kind == "country" else None

    def _appositive_country(self, doc: Doc, state: _State, m: _M) -> str | None:
        """"Qatar's emir, Sheikh Hamad ...": the country of the phrase the name is in apposition to."""
        root = doc[m.start:m.end].root
        owner = state.owner[root.head.i] if root.dep_ == "appos" else None
        if owner is None and m.start >= 2 and doc[m.start - 1].text == ",":
            before = doc[m.start - 2]  # the parser often misses the apposition: look in that phrase
            owner = next((state.owner[i] for i in range(before.left_edge.i, m.start - 1)
                          if state.owner[i] is not None), None)
        profile = self._profile(state, owner.actor_id) if owner is not None and owner is not m else None
        if profile is None or profile.kind == "location" or not profile.country:
            return None
        return profile.country

    def _appositive_titles(self, doc: Doc, state: _State) -> None:
        """"Oleg Sorokin, the Kremlin spokesman, said": an unknown person followed by an apposition
        ending in a title takes the title's sector and the country (or IGO) named in it."""
        for m in list(state.mentions):
            profile = state.profiles.get(m.actor_id)
            if profile is None or profile.known or profile.kind != "person" or profile.sector \
                    or m.end + 2 >= len(doc) or doc[m.end].text != ",":
                continue
            country, sector = None, None
            for tok in doc[m.end + 1:min(len(doc), m.end + 8)]:
                if tok.text in (",", ".", ";") or tok.sent != doc[m.start].sent:
                    break
                owner = state.owner[tok.i]
                other = self._profile(state, owner.actor_id) if owner is not None else None
                if other is not None and other.kind != "person" and other.country and country is None:
                    country = other.country
                term = self._term_of(tok)
                if term is not None and term.title:
                    sector = term.sector
            if sector is not None:
                state.profiles[m.actor_id] = replace(profile, country=profile.country or country, sector=sector)
