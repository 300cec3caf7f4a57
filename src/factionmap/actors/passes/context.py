"""Sector nouns on their own and unknown organisations, coded with the country of the context."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc, Token

from factionmap.actors.data import org_heads, SectorTerm
from factionmap.actors.passes.base import PassBase
from factionmap.actors.state import _M, _State
from factionmap.actors.words import DEMONSTRATIVES, INSURGENT_SECTORS, LOCATIVE
from factionmap.model import ActorProfile

__all__ = ["ContextPass"]


class ContextPass(PassBase):
    """Methods of the resolver's context pass (see :mod:`factionmap.actors.resolver`)."""

    def _context_country(self, doc: Doc, state: _State, near: int | None = None) -> str | None:
        """The section's main country by votes of its mentions.

        With ``near`` (a token index; used for a titled person with no country of its own) other
        persons do not vote, since their country is often just another title ("South African
        leader de Klerk"), and a tie goes to the country mentioned closest to ``near``.
        """
        votes: Counter[str] = Counter()
        distance: dict[str, int] = {}
        for m in state.mentions:
            profile = self._profile(state, m.actor_id)
            if profile is None or not profile.country or profile.country in ("IGO", "NGO", "IMG"):
                continue
            if m.rule in ("pronoun", "description") or len(profile.country) != 3:
                continue
            if near is not None and profile.kind == "person":
                continue
            root = doc[m.start:m.end].root
            place = profile.kind in ("country", "location")
            weight = 2 if place and root.dep_ == "pobj" and root.head.lower_ in LOCATIVE else 1
            votes[profile.country] += weight
            if near is not None:
                gap = min(abs(near - m.start), abs(near - m.end))
                distance[profile.country] = min(gap, distance.get(profile.country, gap))
        if not votes:
            return None
        return max(votes, key=lambda c: (votes[c], -distance.get(c, 0)))

    def _standalone(self, doc: Doc, state: _State) -> None:
        context: str | None = None
        context_done = False
        for tok in doc:
            if state.owner[tok.i] is not None or tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
                continue
            term = self.terms.get(tok.lower_)
            if term is None:
                continue
            if term.facility and (not tok.is_lower or tok.pos_ != "NOUN" or tok.dep_ in ("compound", "amod")):
                continue  # "Al-Shifa Hospital" is a name, "hospital staff" are no hospital
            head = tok
            if tok.dep_ in ("compound", "amod") and tok.head.i > tok.i and state.owner[tok.head.i] is None \
                    and (self.terms.get(tok.head.lower_) or self.terms.get(tok.head.lemma_.lower())):
                head = tok.head  # "militia forces"
            elif self._armed_group_phrase(state, tok, term):
                self._armed_group(doc, state, tok, term)  # "an extremist organisation in the north"
                continue
            elif tok.dep_ == "compound" and tok.head.i > tok.i and state.owner[tok.head.i] is None \
                    and tok.head.lower_ in self.words["body_nouns"]:
                head = tok.head  # "opposition parties in Kenya"
            elif tok.pos_ == "ADJ":
                continue
            referent = self._demonstrative_referent(doc, state, tok, term)
            if referent is not None:  # "these brutal terrorists": the group just named
                state.add(referent[0], head.i + 1, referent[1], "description", None)
                continue
            owned = self._of_patron(doc, state, head, term.sector)
            if owned is not None:  # "the army of Abdel Fattah al-Burhan" is his army, the SAF
                state.profiles.setdefault(owned.id, owned)
                state.add(tok.i, head.i + 1, owned.id, "affiliated", owned)
                continue
            country = self._attached_country(doc, state, head) or self._modifier_country(state, tok)
            if country is None and term.multinational:
                if any(c.dep_ == "poss" for c in head.children):
                    continue  # "its peacekeepers": whose, the possessive says
                if term.standalone or head is not tok:
                    country = "IGO"  # "peacekeepers", "a regional peacekeeping force"
            if country is None and not term.standalone:
                continue
            if country is None and term.local:
                if not context_done:
                    context, context_done = self._context_country(doc, state), True
                country = context
            sector = self._crowd_sector(doc, head.left_edge.i, head.i, term.sector)
            profile = self._generic_profile(state, country, sector)  # "Muslim demonstrators": MOS
            state.add(tok.i, head.i + 1, profile.id, "generic", profile)

    def _civil_groups(self, doc: Doc, state: _State) -> None:
        """A civil word before a noun of a body (``word_lists.tsv`` ``civil_modifiers``, ``civil_bodies``:
        "human rights groups", "aid agencies", "relief workers") names non-governmental organisations,
        coded ``NGO`` as CAMEO-style coders code an unnamed NGO."""
        modifiers, bodies = self.words["civil_modifiers"], self.words["civil_bodies"]
        for tok in doc:
            if tok.lower_ not in modifiers or tok.dep_ not in ("compound", "amod") or tok.head.i <= tok.i \
                    or tok.head.lower_ not in bodies:
                continue
            start = min(tok.left_edge.i, tok.i)
            while start < tok.i and doc[start].pos_ == "DET":
                start += 1
            if not state.free(start, tok.head.i + 1):
                continue
            before = state.owner[start - 1] if start > 0 else None
            country = self._modifier_country(state, doc[start]) if before is not None else None
            if country is not None:  # "Egyptian human rights groups": Egypt's NGOs
                profile = self._generic_profile(state, country, "NGO")
                before.actor_id, before.rule = profile.id, "generic"
                state.profiles.setdefault(profile.id, profile)
                state.extend(before, before.start, tok.head.i + 1)
                continue
            profile = self._generic_profile(state, "NGO", "NGO")
            state.add(start, tok.head.i + 1, profile.id, "generic", profile)

    def _armed_group_phrase(self, state: _State, tok: Token, term: SectorTerm) -> bool:
        """An insurgent word modifying a group noun (``word_lists.tsv`` ``group_nouns``): "militant
        groups", "a jihadist network", "the largest extremist organisation"."""
        return term.sector in INSURGENT_SECTORS and tok.dep_ in ("compound", "amod") and tok.head.i > tok.i \
            and tok.head.lower_ in self.words["group_nouns"] and state.free(tok.i, tok.head.i + 1)

    def _armed_group(self, doc: Doc, state: _State, tok: Token, term: SectorTerm) -> None:
        """The group an insurgent phrase names: with a definite article, the group of that sector just
        named (three sentences back), if any; else the generic insurgents of the country the phrase
        names ("... in Mali") or of the context."""
        head = tok.head
        if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in head.children):
            actor_id = self._antecedent(doc, state, tok.i, "group", frozenset({term.sector}), max_sentences=3)
            if actor_id is not None:
                state.add(tok.i, head.i + 1, actor_id, "description", None)
                return
        if any(c.dep_ == "poss" for c in head.children):
            return  # "its militant wing": whose, the possessive says
        country = self._attached_country(doc, state, head) or self._modifier_country(state, tok) \
            or self._context_country(doc, state)
        profile = self._generic_profile(state, country, term.sector)
        state.add(tok.i, head.i + 1, profile.id, "generic", profile)

    def _demonstrative_referent(self, doc: Doc, state: _State, tok: Token, term: SectorTerm) -> tuple[int, str] | None:
        """A plural sector noun after "these"/"those" (lower-case adjectives between: "these brutal
        terrorists") refers back to the last group or organisation of that sector within three
        sentences: (start of the phrase, its actor id)."""
        if tok.tag_ not in ("NNS", "NNPS") or not term.standalone:
            return None
        i = tok.i - 1
        while i >= 0 and tok.i - i <= 3 and doc[i].pos_ == "ADJ" and doc[i].is_lower and state.owner[i] is None:
            i -= 1
        if i < 0 or doc[i].lower_ not in DEMONSTRATIVES:
            return None
        actor_id = self._antecedent(doc, state, i, "group", frozenset({term.sector}), max_sentences=3)
        return (i, actor_id) if actor_id is not None else None

    def _of_patron(self, doc: Doc, state: _State, head: Token, sector: str) -> ActorProfile | None:
        """"the forces of Haftar": the organisation of that sector affiliated with the person named."""
        if sector not in ("MIL", "REB") or head.i + 1 >= len(doc) or doc[head.i + 1].lower_ != "of":
            return None
        owner = state.owner[head.i + 2] if head.i + 2 < len(doc) else None
        profile = self._profile(state, owner.actor_id) if owner is not None and owner.start == head.i + 2 else None
        if profile is None or profile.kind != "person":
            return None
        related = [self._known(state, a) for a in self.gaz.affiliated.get(profile.id, ())]
        matching = [p for p in related if p is not None and p.kind in ("organisation", "group") and p.sector == sector]
        return matching[0] if len(matching) == 1 else None

    def _local_organisations(self, doc: Doc, state: _State) -> None:
        """An unknown organisation named in a story about one country is taken to be of that country;
        one with a transnational name and the name of a civil body ("Association of African Jurists",
        "International Crisis Group") is an NGO."""
        context: str | None = None
        for m in state.mentions:
            profile = state.profiles.get(m.actor_id)
            if profile is None or profile.known or profile.kind not in ("organisation", "group") or profile.country:
                continue
            words = profile.name.lower().replace("-", " ").split()
            profile = self._headed(profile, words)
            state.profiles[m.actor_id] = profile
            if any(word in self.words["transnational"] for word in words):  # "Association of African Jurists"
                if profile.kind == "organisation" and any(w in self.words["ngo_heads"] for w in words):
                    sector = profile.sector or next((self.terms[w].sector for w in reversed(words)
                                                     if w in self.terms), None)
                    state.profiles[m.actor_id] = replace(profile, country="NGO", sector=sector)
                continue
            opposed = self._opposed_state(doc, state, m) if self._insurgent(doc, profile, m) else None
            if opposed:  # "Burmese troops captured a Karen guerrilla stronghold on the Thai border"
                state.profiles[m.actor_id] = replace(profile, country=opposed)
                continue
            if context is None:
                context = self._context_country(doc, state) or ""
            if context:
                state.profiles[m.actor_id] = replace(profile, country=context)

    def _headed(self, profile: ActorProfile, words: list[str]) -> ActorProfile:
        """An unknown organisation's sector from the words of its name (``org_heads.tsv``): "Front",
        "Liberation Army" → REB, "Movement" → OPP; "Union of African States" → IGO."""
        if profile.sector is not None:
            return profile
        text = f" {' '.join(words)} "
        transnational = any(word in self.words["transnational"] for word in words)
        for phrase, sector, needs_transnational in org_heads():
            if f" {phrase} " in text and (transnational or not needs_transnational):
                country = "IGO" if sector == "IGO" else profile.country
                return replace(profile, sector=sector, country=country)
        return profile

    def _insurgent(self, doc: Doc, profile: ActorProfile, m: _M) -> bool:
        """A rebel group by its sector or by the noun its mention ends with ("Sidamo guerrillas")."""
        term = self._term_of(doc[m.end - 1])
        return profile.sector in INSURGENT_SECTORS or (term is not None and term.sector in INSURGENT_SECTORS)

    def _opposed_state(self, doc: Doc, state: _State, m: _M) -> str | None:
        """An insurgent group of no known country fights its own state: the country of the state's
        armed forces named nearest in the same sentence, when there is one, rather than the section's
        most named country (often a neighbour's, "on the Thai border")."""
        sent = doc[m.start].sent
        best: tuple[int, str] | None = None
        for other in state.mentions:
            if other is m or other.start < sent.start or other.end > sent.end or other.rule == "pronoun":
                continue
            profile = self._profile(state, other.actor_id)
            if profile is None or profile.sector != "MIL" or not profile.country or len(profile.country) != 3 \
                    or profile.country not in self.gaz.entries or profile.kind == "person":
                continue
            gap = min(abs(other.start - m.end), abs(m.start - other.end))
            if best is None or gap < best[0]:
                best = (gap, profile.country)
        return best[1] if best else None

    def _modifier_country(self, state: _State, tok: Token) -> str | None:
        """Country of the actor named just before: "Syrian government troops"."""
        before = state.owner[tok.i - 1] if tok.i > 0 else None
        if before is None or before.end != tok.i or before.rule == "pronoun" or not tok.nbor(-1).whitespace_:
            return None
        profile = self._profile(state, before.actor_id)
        if profile is None or profile.kind == "person" or not profile.country or len(profile.country) != 3:
            return None
        return profile.country if profile.country in self.gaz.entries else None

    def _attached_country(self, doc: Doc, state: _State, head: Token) -> str | None:
        """Country of "forces loyal to the GNA", "rebels in Darfur", "civilians of Libya"."""
        for child in head.children:
            preps = [child] if child.dep_ == "prep" else [g for g in child.children if g.dep_ == "prep"]
            if child.dep_ not in ("prep", "amod", "acl"):
                continue
            for prep in preps:
                if prep.lower_ not in ("in", "of", "from", "to", "with"):
                    continue
                for obj in prep.children:
                    owner = state.owner[obj.i] if obj.dep_ == "pobj" else None
                    profile = self._profile(state, owner.actor_id) if owner else None
                    if profile and profile.country and len(profile.country) == 3:
                        return profile.country
        return None
