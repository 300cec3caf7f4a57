"""Named entities: known names, surnames of office holders, places, things that are no actors, new unknown actors."""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein
from spacy.tokens import Doc, Span, Token

from factionmap.actors.gazetteer import slug
from factionmap.actors.passes.base import PassBase
from factionmap.actors.state import _State
from factionmap.actors.words import NAMED_LABELS, PLACE_PREPS, SECTOR_NAMES
from factionmap.model import ActorProfile

__all__ = ["EntityPass"]


class EntityPass(PassBase):
    """Methods of the resolver's entities pass (see :mod:`factionmap.actors.resolver`)."""

    def _entities(self, doc: Doc, state: _State) -> None:
        surnames: dict[str, str] = {}
        for m in state.mentions:
            profile = self._profile(state, m.actor_id)
            if profile is not None and profile.kind == "person":
                surnames[doc[m.end - 1].text] = m.actor_id
        for ent in doc.ents:
            if ent.label_ not in NAMED_LABELS:
                continue
            start, label = ent.start, ent.label_
            if label == "ORG" and self._titled_name(ent):
                label = "PERSON"  # "Vice-President Moody Awori" read as an organisation
            elif label != "PERSON" and self._portfolio_then_name(doc, ent):
                start, label = ent.end - 2, "PERSON"  # "Minister for the Middle East Tobias Ellwood"
            while start < ent.end - 1 and (doc[start].lower_ in ("the", "a", "an") or (
                    label == "PERSON" and self._title_like(doc[start]))):
                start += 1  # "Vice-President Moody Awori": the title is read by the title step
            end = ent.end
            if end - 1 > start and doc[end - 1].text in ("'s", "’s", "'", "’"):
                end -= 1
            end = self._bracket_closed(doc, start, end)
            if self._thing(doc, start, end) or doc[start:end].text in state.things:
                continue  # "a Patriot missile", "the USS Carney", "Operation Iron Swords", "the MoU"
            if label in ("GPE", "LOC", "FAC") and not state.free(start, end) and "\n" not in ent.text:
                self._region(doc, state, start, end)  # "West Darfur State": a place of its own
            if start >= end or not state.free(start, end) or "\n" in ent.text:
                continue
            if end - start == 1 and doc[start].text == "State" and start > 0 and doc[start - 1].lower_ == "of":
                continue  # "Secretary of State", "Minister of State": part of an office, no actor
            if end - start == 1 and doc[start].is_upper and end < len(doc) and doc[end].text == ":" \
                    and doc[start].lower_ in self.words["transcript_labels"]:
                continue  # "QUESTION:" in a transcript
            self._entity(doc, state, doc[start:end], label, surnames)

    @staticmethod
    def _bracket_closed(doc: Doc, start: int, end: int) -> int:
        """The end of a name whose bracket the tagger left open: "Homeland Union (Conservatives" takes
        in the ")" that follows; a name ending on the "(" itself drops it."""
        opened = sum(t.text == "(" for t in doc[start:end]) - sum(t.text == ")" for t in doc[start:end])
        if opened <= 0:
            return end
        if doc[end - 1].text == "(" and end - 1 > start:
            return end - 1
        return end + 1 if end < len(doc) and doc[end].text == ")" else end

    def _thing(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the name doc[start:end] is a weapon's, vehicle's or operation's (``things.tsv``)."""
        before = doc[start - 1].lower_ if start > 0 else ""
        after = doc[end] if end < len(doc) else None
        return self.things.get(doc[start].lower_) == "prefix" or self.things.get(before) == "prefix" or (
            after is not None and after.is_lower and self.things.get(after.lower_) == "head"
            and doc[start:end].text not in self.gaz.surfaces) or self._thing_name(doc, start, end)

    def _region(self, doc: Doc, state: _State, start: int, end: int) -> None:
        """A named region around a known place or country ("West Darfur State", "North Kivu province")
        is a location of its own, in that country; the inner mentions give way."""
        inner = [m for m in state.mentions if m.start < end and start < m.end]
        if not inner or any(m.start < start or m.end > end for m in inner):
            return
        profiles = [self._profile(state, m.actor_id) for m in inner]
        if any(p is None or p.kind not in ("location", "country") or not p.country for p in profiles):
            return
        covered = {i for m in inner for i in range(m.start, m.end)}
        extra = [doc[i].lower_ for i in range(start, end) if i not in covered]
        if not extra or not all(w in self.words["directions"] or w in self.words["place_words"] for w in extra):
            return
        for m in inner:
            state.remove(m)
        text = doc[start:end].text
        actor_id = "loc-" + slug(text)
        state.add(start, end, actor_id, "ner",
                  ActorProfile(actor_id, text, profiles[0].country, None, "location", (), True))

    def _portfolio_then_name(self, doc: Doc, ent: Span) -> bool:
        """An entity that runs a title's portfolio into the holder's name: after "<title> for/of
        (the)", two or more words of portfolio, then two capitalised proper nouns."""
        i = ent.start - 1
        if doc[ent.start].lower_ == "the":
            i = ent.start - 1
        elif i >= 0 and doc[i].lower_ == "the":
            i -= 1
        if i < 1 or doc[i].lower_ not in ("for", "of") or not self._is_title(doc[i - 1]):
            return False
        name = ent[-2:]
        body = [t for t in ent[:-2] if t.lower_ != "the"]
        return len(body) >= 1 and all(t.pos_ == "PROPN" and t.is_title for t in name) \
            and not any(t.text in self.gaz.surfaces for t in name)

    def _titled_name(self, ent: Span) -> bool:
        """A title then a name of two or more capitalised words, none of them a sector noun."""
        i = ent.start
        titled = False
        while i < ent.end and self._title_like(ent.doc[i]):
            term = self.terms.get(ent.doc[i].lower_)
            titled = titled or (term is not None and term.title)
            i += 1
        if i == ent.start and i > 0:  # the title just before the entity: "Vice-President [Moody Awori]"
            term = self.terms.get(ent.doc[i - 1].lower_)
            titled = term is not None and term.title
        rest = ent.doc[i:ent.end]
        return titled and len(rest) >= 2 and all(
            t.pos_ == "PROPN" and t.is_title and t.lower_ not in self.terms for t in rest)

    def _title_like(self, tok: Token) -> bool:
        term = self.terms.get(tok.lower_)
        return (tok.pos_ not in ("PROPN", "NOUN") or tok.lower_ in self.words["title_modifiers"] or tok.text == "-"
                or (term is not None and term.title))

    def _entity(self, doc: Doc, state: _State, span: Span, label: str, surnames: dict[str, str]) -> None:
        text = span.text
        surface = self.gaz.surfaces.get(text)
        if surface is None and text.isupper() and len(text) > 4:  # "SECRETARY KERRY:" in a transcript
            surface = self.gaz.surfaces.get(text.title())
        if surface is not None:
            state.add(span.start, span.end, surface.actor_id, surface.rule, self._known(state, surface.actor_id))
            return
        last = span[-1].text
        if label == "PERSON" and last in surnames:
            state.add(span.start, span.end, surnames[last], "alias", None)
            return
        holder = self._surname_holder(state, span) if label == "PERSON" or (
            len(span) == 1 and label in ("ORG", "NORP", "GPE") and span[0].is_title) else None  # "against Maduro" tagged ORG
        if holder is not None:  # "President Yeltsin", "Bush" in 1991 and in 2003
            state.add(span.start, span.end, holder, "alias", self._known(state, holder))
            surnames[last] = holder
            return
        if label in ("PERSON", "ORG", "NORP"):
            fuzzy = self._fuzzy(last, state) if len(span) == 1 else self._fuzzy_name(text)
            if fuzzy is not None:
                state.add(span.start, span.end, fuzzy, "fuzzy", self._profile(state, fuzzy))
                return
        kind = NAMED_LABELS[label]
        people = len(span) == 1 and kind in ("location", "group") and self._people_of(doc, state, span)
        if (kind == "person" and len(span) == 1) or people:
            kind = "group" if people else (self._not_a_person(doc, state, span) or kind)
            if kind == "group":  # "Karen guerrilla(s)": the group with its sector
                term = self.terms[doc[span.end].lower_]
                sector = "ELI" if term.sector == "GOV" else self._crowd_sector(doc, span.start, span.end, term.sector)
                # "Zulu leaders": a people's elites; "Muslim demonstrators": a religious movement
                actor_id = "x-" + slug(f"{text} {SECTOR_NAMES.get(sector, sector)}")
                profile = ActorProfile(actor_id, doc[span.start:span.end + 1].text, None, sector, kind, (), False)
                state.add(span.start, span.end + 1, actor_id, "ner", profile)
                return
        if (kind in ("person", "organisation") and self._named_as_place(doc, span)) \
                or (kind == "person" and self._placed_in(span) and last not in self.gaz.surnames):
            kind = "location"  # "the town of Wad Madani", "a clinic in Khan Younis"
        titled = kind == "person" and span.start > 0 and self._is_title(doc[span.start - 1])
        if (kind != "person" or (len(span) == 1 and last not in surnames and not titled
                                 and last not in self.gaz.surnames)) \
                and self._place_country(text):  # "Bush" is a surname of the actor file, not a town
            kind = "location"  # "Hassan" alone may be a town; "King Hassan" is not
        if kind == "location":
            country = self._place_country(text) or self._inner_country(doc, span) or self._place_of_country(doc, span)
            actor_id = "loc-" + slug(text)
            profile = ActorProfile(actor_id, text, country, None, "location", (), country is not None)
            state.add(span.start, span.end, actor_id, "ner", profile)
            return
        actor_id = "x-" + slug(text)
        country = self._inner_country(doc, span) if kind != "person" else None
        of = next((t.i for t in span[1:] if t.lower_ == "of"), None)
        head = doc[of - 1] if of is not None else span[-1]  # "Government of Iraq", "Kenya Police"
        term = self.terms.get(head.lower_) or self.terms.get(head.lemma_.lower()) or (
            self._misspelt_term(head.lower_) if kind == "organisation" and head.is_title else None)
        sector = term.sector if term and kind != "person" else None
        if country and sector == "GOV" and head.lower_ in self.words["state_nouns"]:
            profile = self._generic_profile(state, country, sector)  # "the Government of Iraq" is Iraq
            state.add(span.start, span.end, profile.id, "generic", profile)
            return
        variant = self._spelling_of_unknown(state, text) if kind in ("organisation", "group") else None
        if variant is not None:  # "Zambezi Liberation Movement" ... "Zambesi Liberation Movement"
            state.add(span.start, span.end, variant, "fuzzy", None)
            return
        profile = ActorProfile(actor_id, text, country, sector, kind, (), False)
        if state.add(span.start, span.end, actor_id, "ner", profile) and kind == "person":
            surnames[last] = actor_id

    @staticmethod
    def _spelling_of_unknown(state: _State, text: str) -> str | None:
        """An unknown organisation already named in this text under another spelling: a name of 8 or
        more letters, same first letter, within one edit per ten letters (at most two)."""
        limit = min(2, len(text) // 10)
        if limit == 0:
            return None
        for actor_id, profile in state.profiles.items():
            name = profile.name
            if not profile.known and profile.kind in ("organisation", "group") and name != text and name[:1] == text[:1] \
                    and abs(len(name) - len(text)) <= limit and len(name) >= 8 \
                    and Levenshtein.distance(name.lower(), text.lower(), score_cutoff=limit) <= limit:
                return actor_id
        return None

    def _surname_holder(self, state: _State, span: Span) -> str | None:
        """A known office holder named by surname ("Yeltsin") or first name and surname ("George
        Bush"): the only one of that surname, else the one in office on the document's date."""
        word = span[-1].text
        holder = self.gaz.surname_holder(word.title() if word.isupper() and len(word) > 3 else word, state.date)
        if holder is None or len(span) == 1:
            return holder
        return holder if span[0].text == self.gaz.entries[holder].name.split()[0] else None

    def _is_title(self, tok: Token) -> bool:
        term = self.terms.get(tok.lower_)
        return term is not None and term.title

    def _people_of(self, doc: Doc, state: _State, span: Span) -> bool:
        """"Yoruba leaders", "Karen guerrillas": an unknown one-word name (no place we know) before a
        lower-case sector noun for people — a group, its country left to the context."""
        nxt = doc[span.end] if span.end < len(doc) else None
        term = self.terms.get(nxt.lower_) if nxt is not None and nxt.is_lower else None
        return term is not None and not term.facility and term.sector not in ("CVL", "BUS", "MED") \
            and state.owner[nxt.i] is None and self._place_country(span.text) is None \
            and span.text not in self.gaz.surfaces and nxt.tag_ in ("NNS", "NNPS")

    def _not_a_person(self, doc: Doc, state: _State, span: Span) -> str | None:
        """The kind of a one-word "person" that is none: "Karen guerrillas" (group), "the Rhine" (location)."""
        nxt = doc[span.end] if span.end < len(doc) else None
        term = self.terms.get(nxt.lower_) if nxt is not None and nxt.is_lower else None
        if term is not None and term.sector in ("REB", "MIL", "OPP", "UAF") and state.owner[nxt.i] is None:
            return "group"
        return "location" if span.start > 0 and doc[span.start - 1].lower_ == "the" else None

    def _named_as_place(self, doc: Doc, span: Span) -> bool:
        """Whether a name follows "the <place word> of" ("the town of Wad Madani"; ``word_lists.tsv``
        ``place_words``): whatever the tagger says, it is a place."""
        return span.start >= 2 and doc[span.start - 1].lower_ == "of" \
            and doc[span.start - 2].lower_ in self.words["place_words"]

    @staticmethod
    def _placed_in(span: Span) -> bool:
        """Whether a name is the object of "in", "near", "into" ...: a person is never where things are."""
        root = span.root
        return root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS and root.i == span.end - 1

    def _place_of_country(self, doc: Doc, span: Span) -> str | None:
        """The country a place is said to be in: "the Sudanese town of X", "the town of X in Sudan"."""
        if not self._named_as_place(doc, span):
            return None
        noun = doc[span.start - 2]
        preps = [p for t in (noun, span.root) for p in t.children if p.lower_ == "in"]
        for tok in (*noun.lefts, *(c for p in preps for c in p.children)):
            surface = self.gaz.surfaces.get(tok.text)
            if surface is not None and self.gaz.entries[surface.actor_id].kind == "country":
                return self.gaz.entries[surface.actor_id].country
        return None

    def _place_country(self, text: str) -> str | None:
        """Country of a place name, also without a trailing "State", "Province", "district"..."""
        if len(text) < 4 or text.lower() in self.words["not_places"]:
            return None
        country = self.places.get(text)
        if country is None:
            words = text.split()
            if len(words) > 1 and words[-1].lower() in self.words["place_words"]:
                country = self.places.get(" ".join(words[:-1]))
        return country

    def _inner_country(self, doc: Doc, span: Span) -> str | None:
        for tok in span:
            surface = self.gaz.surfaces.get(tok.text)
            if surface is not None and self.gaz.entries[surface.actor_id].kind == "country":
                return surface.actor_id
        return None
