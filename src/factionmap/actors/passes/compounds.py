"""Country + sector noun ("US special forces"), possessives ("Haftar's forces") and affiliated forces."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from factionmap.actors.affiliation import Affiliation, find_affiliations
from factionmap.actors.data import SectorTerm
from factionmap.actors.passes.base import PassBase
from factionmap.actors.state import _M, _State
from factionmap.actors.words import INSTITUTIONAL
from factionmap.model import ActorProfile

__all__ = ["CompoundPass"]


class CompoundPass(PassBase):
    """Methods of the resolver's compounds pass (see :mod:`factionmap.actors.resolver`)."""

    def _sector_head(self, doc: Doc, m: _M) -> Token | None:
        head = self._syntactic_sector_head(doc, m)
        if head is not None and not self._term_of(head).facility:
            return head
        after = m.end + 1 if m.end < len(doc) and doc[m.end].text in ("'s", "’s") else m.end
        nxt = doc[after] if after < len(doc) else None
        spaced = nxt is not None and doc[after - 1].whitespace_
        term = self.terms.get(nxt.lower_) if nxt is not None and nxt.is_lower and spaced else None
        if term is not None and term.sector != "GOV" and nxt.pos_ in ("NOUN", "ADJ"):
            return nxt  # "Albanian rebel-held territory", "Russian civilian advisers"
        return head  # "Syrian hospitals", unless "Albanian rebel-held villages" (the rebels)

    def _syntactic_sector_head(self, doc: Doc, m: _M) -> Token | None:
        tok = doc[m.end - 1]
        while tok.dep_ == "conj" and tok.head.i < tok.i:
            tok = tok.head
        head = tok.head
        if tok.dep_ not in ("amod", "compound", "nmod", "poss", "npadvmod", "nummod") or head.i <= tok.i:
            return None
        if head.i - m.end > 4 or any("\n" in t.text_with_ws for t in doc[m.end - 1:head.i]):
            return None  # too far, or across a line break ("Baghdad\n\nForeign Office Minister")
        return head if self._term_of(head) is not None else None

    def _term_of(self, tok: Token) -> SectorTerm | None:
        """The sector term a token is the head of, hyphenated titles first ("Secretary-General")."""
        doc = tok.doc
        if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_ \
                and not doc[tok.i - 1].whitespace_:
            term = self.terms.get(f"{doc[tok.i - 2].lower_}-{tok.lower_}")
            if term is not None:
                return term
        return self.terms.get(tok.lower_) or self.terms.get(tok.lemma_.lower())

    def _compounds(self, doc: Doc, state: _State) -> None:
        for m in sorted(list(state.mentions), key=lambda x: x.start):
            if m not in state.mentions:
                continue
            profile = self._profile(state, m.actor_id)
            if profile is None or profile.kind == "location":
                continue
            head = self._sector_head(doc, m)
            if head is None:
                continue
            owner = state.owner[head.i]
            if owner is not None and owner is not m and self._coordinated_modifier(doc, state, m, owner, head):
                continue  # "Indian and Pakistani troops": "Indian" is India's troops too
            if owner is not None and owner is not m:
                owner_profile = self._profile(state, owner.actor_id)
                if owner_profile is None or owner_profile.known or owner.start < m.end \
                        or owner_profile.kind == "person":  # "In Turkey Minister Ellwood": his title
                    continue
                state.remove(owner)  # "US Congress": the NER's "Congress" gives way
            sector = self._phrase_sector(doc, m, head)
            if profile.kind == "country" or m.rule == "demonym":
                host = self._ethnic_host(doc, state, m.start, profile.country) if m.rule == "demonym" else None
                generic = self._generic_profile(state, host or profile.country, sector)  # "ethnic Albanian rebels"
                rule = "generic"
            elif profile.kind == "group" and not profile.known:  # "Karen guerrillas"
                country = "IGO" if self._multinational(doc, m, head) else self._context_country(doc, state)
                generic = self._generic_profile(state, country, sector)
                rule = "generic"
            else:
                generic = self._affiliate(state, profile, sector)
                rule = "possessive"
                if generic is None and profile.kind in ("organisation", "group") and sector in INSTITUTIONAL \
                        and (profile.sector != "GOV" or sector == "GOV"):  # "government troops": its army
                    if doc[m.end].text not in ("'s", "’s", "'", "’"):
                        if state.free(m.end, head.i + 1):  # "Hamas officials", "the UN Secretary-General"
                            state.extend(m, m.start, head.i + 1)
                        continue
                    generic = profile  # "the GNA's forces", "Hamas's leaders"
                if generic is None:
                    continue
            state.profiles.setdefault(generic.id, generic)
            if rule == "possessive":  # "Haftar's forces": Haftar stays, "forces" is the LNA
                start = m.end + 1 if doc[m.end].text in ("'s", "’s", "'", "’") else m.end
                state.add(start, head.i + 1, generic.id, rule, generic)
                continue
            m.actor_id, m.rule = generic.id, rule
            if state.free(m.end, head.i + 1):
                state.extend(m, m.start, head.i + 1)

    def _coordinated_modifier(self, doc: Doc, state: _State, m: _M, owner: _M, head: Token) -> bool:
        """A country's demonym coordinated with the modifier of a coded phrase ("Indian and Pakistani
        troops", "US and British officials") is that country's actor of the phrase's sector; the
        mention keeps its own words."""
        profile = self._profile(state, m.actor_id)
        first = doc[owner.start]
        if profile is None or not (profile.kind == "country" or m.rule == "demonym") or owner.start < m.end \
                or first.dep_ != "conj" or first.head.i != m.end - 1 or not profile.country:
            return False
        owner_profile = self._profile(state, owner.actor_id)
        sector = owner_profile.sector if owner_profile is not None and owner_profile.sector else None
        term = self._term_of(head)
        sector = sector if sector and term is not None and term.sector == sector else (term.sector if term else None)
        if sector is None:
            return False
        generic = self._generic_profile(state, profile.country, sector)
        state.profiles.setdefault(generic.id, generic)
        m.actor_id, m.rule = generic.id, "generic"
        return True

    def _body_heads(self, doc: Doc, state: _State) -> None:
        """A sector noun that modifies a body noun (``word_lists.tsv`` ``body_nouns``) names that body:
        "Djindjic's opposition coalition", "the army unit", "a rebel alliance" — the mention takes
        the head noun in, so that the phrase, not just its modifier, is the actor."""
        bodies = self.words["body_nouns"]
        for m in list(state.mentions):
            last = doc[m.end - 1]
            nxt = doc[m.end] if m.end < len(doc) else None
            if nxt is None or nxt.lower_ not in bodies or last.head.i != nxt.i or last.dep_ != "compound" \
                    or m.rule == "pronoun" or not last.is_lower or self._term_of(last) is None \
                    or state.owner[nxt.i] is not None:
                continue
            state.extend(m, m.start, m.end + 1)

    def _multinational(self, doc: Doc, m: _M, head: Token) -> bool:
        """"African peacekeeping force", "Arab troops": an unknown group named by a transnational word,
        or a multinational sector noun in the phrase, is multinational (IGO), not of the context's country."""
        words = doc[m.start:m.end].text.lower().split()
        if words and all(w in self.words["transnational"] for w in words):
            return True
        return any((t := self.terms.get(tok.lower_)) is not None and t.multinational for tok in doc[m.end:head.i + 1])

    def _phrase_sector(self, doc: Doc, m: _M, head: Token) -> str:
        """Sector of the head noun, unless a modifier is more specific ("Afghan rebel leaders" → REB)."""
        term = self._term_of(head)
        if head.lower_ in self.words["civil_bodies"] and any(
                t.lower_ in self.words["civil_modifiers"] for t in doc[m.end:head.i]):
            return "NGO"  # "Kenyan aid agencies", "Egyptian rights groups"
        if term.generic:  # "Mexican customs officers" are customs, "Indian army officers" army
            specific = [t for tok in doc[m.end:head.i] if (t := self.terms.get(tok.lower_)) is not None]
            if specific:
                return specific[-1].sector
        if term.sector != "GOV":
            return self._crowd_sector(doc, m.start, head.i, term.sector)  # "Egyptian Muslim protesters"
        for tok in doc[m.end:head.i]:
            modifier = self.terms.get(tok.lower_)
            if modifier is not None and modifier.sector not in ("GOV", "CVL"):
                return modifier.sector
        return term.sector

    def _affiliate(self, state: _State, profile: ActorProfile, sector: str) -> ActorProfile | None:
        """"Haftar's forces": the organisation related to the person with that sector.  An armed
        group's own fighters are the group ("ISIL terrorists" are ISIL, not an affiliate of it)."""
        if profile.kind in ("organisation", "group") and profile.sector == sector:
            return None
        related = [self._known(state, a) for a in self.gaz.affiliated.get(profile.id, ())]
        related = [p for p in related if p is not None and p.kind in ("organisation", "group")]
        matching = [p for p in related if p.sector == sector]
        if len(matching) == 1:  # the UN has several armed missions: "UN forces" is none in particular
            return matching[0]
        if profile.kind != "person" or sector == "GOV":
            return None
        country = profile.country
        if country is None and not profile.known:  # "Zoran Djindjic's opposition coalition" in a Serbian story
            country = self._context_country(state.doc, state, near=state.doc[0].i)
        return self._generic_profile(state, country, sector) if country else None

    def _affiliated(self, doc: Doc, state: _State) -> None:
        """"forces loyal to the GNA", "GNA-backed forces", "the GNA's forces" → the GNA.

        An organisation or group is its own armed men; a person's are the organisation of that
        sector affiliated with them ("fighters loyal to Haftar" → the LNA), else the generic actor
        of their country ("militants loyal to <an Iraqi>" → ``IRQREB``); a country's are its
        military, ``<country>MIL`` — also for "Iran-backed militias": a proxy the text does not
        name is coded by its patron, as CAMEO-style coders do.  A phrase already coded ("Turkish
        forces") is left alone.
        """
        hits = find_affiliations(doc, list(state.mentions), lambda i: state.owner[i], lambda i: state.owner[i] is None)
        for hit in hits:
            first_free = hit.patron.end if hit.whole else hit.start
            if hit.patron not in state.mentions or not state.free(first_free, hit.end):
                continue
            profile = self._patron_profile(doc, state, hit)
            if profile is None:
                continue
            state.profiles.setdefault(profile.id, profile)
            if hit.whole:
                hit.patron.actor_id, hit.patron.rule = profile.id, "affiliated"
                state.extend(hit.patron, hit.start, hit.end)
            else:
                state.add(hit.start, hit.end, profile.id, "affiliated", profile)

    def _patron_profile(self, doc: Doc, state: _State, hit: Affiliation) -> ActorProfile | None:
        patron = self._profile(state, hit.patron.actor_id)
        if patron is None or patron.kind == "location":
            return None
        term = self.terms.get(doc[hit.noun].lower_)
        sector = term.sector if term is not None and term.sector in ("MIL", "REB") else "MIL"
        if patron.kind in ("organisation", "group"):
            return patron
        if patron.kind == "country":
            return self._generic_profile(state, patron.country, "MIL")
        armed = [p for p in (self._known(state, a) for a in self.gaz.affiliated.get(patron.id, ()))
                 if p is not None and p.kind in ("organisation", "group") and p.sector in ("MIL", "REB")]
        if len(armed) == 1:  # "fighters loyal to Haftar": his one armed force, army or militia
            return armed[0]
        return self._affiliate(state, patron, sector)
