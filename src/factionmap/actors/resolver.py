"""Recognise actor mentions in a spaCy ``Doc`` and resolve them to coded actors.

Steps, in order, each only over tokens not yet covered by a mention:

1. gazetteer phrase matches (actor file names, aliases, acronyms; countries with
   their names, demonyms, capitals and seats of power);
2. acronyms defined in the text: "Government of National Accord (GNA)";
3. named entities: exact names, the surname of a person already named, misspellings
   (rapidfuzz, first letter and length guarded), places (city and region lists),
   otherwise a new unknown actor ``x-<slug>``;
4. titles before a person ("Russian President Vladimir Putin") give its country and sector;
5. country + sector noun ("US special forces" → ``USAMIL``, "a US official" → ``USA``)
   and possessives ("Haftar's forces" → the LNA);
6. sector nouns alone ("civilians", "militia forces") with the country of the context;
7. definite descriptions ("the general") and pronouns → the most recent compatible actor.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from rapidfuzz.distance import Levenshtein
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from factionmap.actors.data import Description, SectorTerm, city_countries, descriptions, sector_terms
from factionmap.actors.gazetteer import Gazetteer, slug
from factionmap.model import ActorProfile, Mention

__all__ = ["ActorResolver", "generic_id", "SECTOR_NAMES"]

CONFIDENCE = {
    "alias": 1.0, "acronym": 0.95, "defined": 0.9, "metonym": 0.95, "demonym": 0.9, "title": 0.9,
    "generic": 0.8, "possessive": 0.8, "fuzzy": 0.8, "description": 0.7, "pronoun": 0.5, "ner": 0.5,
}
SECTOR_NAMES = {
    "GOV": "government", "MIL": "military", "REB": "rebels", "OPP": "opposition", "COP": "police",
    "JUD": "judiciary", "LEG": "legislature", "CVL": "civilians", "REF": "refugees", "MED": "media",
    "BUS": "business", "UAF": "armed men", "SPY": "intelligence", "EDU": "students", "LAB": "workers",
    "AGR": "farmers", "HLH": "health workers", "IGO": "organisation", "NGO": "organisation",
}
TITLE_MODIFIERS = frozenset(
    "deputy vice foreign interior defence defense prime senior chief former finance state home justice "
    "security energy health first acting supreme top field lieutenant lt. maj. major brig. brigadier "
    "opposition rebel military militia party of for the anti-jihadi mr mr. mrs ms dr dr. sheikh ayatollah".split()
)
NAMED_LABELS = {"PERSON": "person", "ORG": "organisation", "GPE": "location", "LOC": "location",
                "FAC": "location", "NORP": "group"}
PRONOUNS = {
    "he": "person", "him": "person", "his": "person", "himself": "person", "she": "person",
    "her": "person", "herself": "person", "it": "thing", "its": "thing", "itself": "thing",
    "they": "thing", "them": "thing", "their": "thing", "themselves": "thing",
}
LOCATIVE = frozenset({"in", "into", "on", "across", "inside", "near", "outside", "around", "throughout", "of", "at"})
NOT_PLACES = frozenset(
    "north south east west central university union national international republic state city town "
    "government army police court media march may june august today monday sunday".split()
)
PLACE_WORDS = frozenset("state province region district governorate city town county area".split())
POLICY_NOUNS = frozenset(
    "role decision policy support position friendship relations ties response move plan offer demand stance "
    "call proposal attempt refusal approval backing interest interests ally allies".split()
)
METONYM_PREPS = frozenset({"with", "by", "between", "from", "against"})


def generic_id(country: str | None, sector: str) -> str:
    """Id of a generic agent: the country actor for ``GOV`` of a state, else ``<country><sector>``."""
    if country and sector == "GOV" and country not in ("IGO", "NGO", "IMG"):
        return country
    return f"{country or ''}{sector}"


@dataclass
class _M:
    """A mention while a Doc is being resolved (token offsets)."""

    start: int
    end: int
    actor_id: str
    rule: str


class _State:
    """Mentions of one Doc, with a token → mention index."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.mentions: list[_M] = []
        self.profiles: dict[str, ActorProfile] = {}
        self.owner: list[_M | None] = [None] * len(doc)

    def free(self, start: int, end: int) -> bool:
        return all(self.owner[i] is None for i in range(start, end))

    def add(self, start: int, end: int, actor_id: str, rule: str, profile: ActorProfile | None) -> _M | None:
        if start >= end or not self.free(start, end):
            return None
        mention = _M(start, end, actor_id, rule)
        self.mentions.append(mention)
        for i in range(start, end):
            self.owner[i] = mention
        if profile is not None:
            self.profiles.setdefault(actor_id, profile)
        return mention

    def extend(self, mention: _M, start: int, end: int) -> None:
        for i in range(start, end):
            other = self.owner[i]
            if other is not None and other is not mention:
                self.remove(other)
        mention.start, mention.end = min(start, mention.start), max(end, mention.end)
        for i in range(mention.start, mention.end):
            self.owner[i] = mention

    def remove(self, mention: _M) -> None:
        self.mentions.remove(mention)
        for i in range(mention.start, mention.end):
            if self.owner[i] is mention:
                self.owner[i] = None


class ActorResolver:
    """The ``factionmap_actors`` component (see the module docstring)."""

    def __init__(self, gazetteer: Gazetteer, matcher: PhraseMatcher, description_matcher: PhraseMatcher) -> None:
        self.gaz = gazetteer
        self.matcher = matcher
        self.description_matcher = description_matcher
        self.terms: dict[str, SectorTerm] = sector_terms()
        self.descriptions: dict[str, Description] = descriptions()
        self.places: dict[str, str] = city_countries()

    # -- profiles -------------------------------------------------------------------------------
    def _profile(self, state: _State, actor_id: str) -> ActorProfile | None:
        return state.profiles.get(actor_id) or self.gaz.profile(actor_id)

    def _generic_profile(self, country: str | None, sector: str) -> ActorProfile:
        actor_id = generic_id(country, sector)
        known = self.gaz.profile(actor_id)
        if known is not None:
            return known
        country_entry = self.gaz.entries.get(country or "")
        place = country_entry.name if country_entry else (country or "unattributed")
        return ActorProfile(actor_id, f"{place} {SECTOR_NAMES.get(sector, sector)}", country, sector, "group", (), True)

    # -- 1. gazetteer -----------------------------------------------------------------------------
    def _gazetteer(self, doc: Doc, state: _State) -> None:
        strings = doc.vocab.strings
        spans = []
        for match_id, start, end in self.matcher(doc):
            surface = self.gaz.surfaces.get(strings[match_id])
            if surface is not None:
                spans.append((start, end, surface))
        spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
        named = [(e.start, e.end) for e in doc.ents if e.label_ in ("PERSON", "ORG", "FAC", "WORK_OF_ART")]
        for start, end, surface in spans:
            entry = self.gaz.entries[surface.actor_id]
            if entry.kind == "country" and any(
                s < start and end <= e and any(doc[i].pos_ == "PROPN" for i in range(s, start)) for s, e in named
            ):
                continue  # "Washington" in "George Washington University", "Russia" in "Bank of Russia"
            following = doc[end] if end < len(doc) else None
            if start > 0 and doc[start - 1].lower_ == "the" and entry.kind != "person" and surface.rule != "capital" \
                    and (following is None or following.pos_ not in ("PROPN", "NOUN")):
                start -= 1  # "the Russians", "the Trump administration", "The UK"
            state.add(start, end, surface.actor_id, surface.rule, self.gaz.profile(surface.actor_id))

    # -- 2. acronyms defined in the text ---------------------------------------------------------
    def _defined_acronyms(self, doc: Doc, state: _State) -> None:
        defined: dict[str, str] = {}
        for tok in doc[1:-1]:
            if tok.text != "(" or doc[tok.i + 1].i + 1 >= len(doc) or doc[tok.i + 2].text != ")":
                continue
            acr = doc[tok.i + 1]
            if not (2 <= len(acr.text) <= 10 and sum(c.isupper() for c in acr.text) >= 2):
                continue
            before = state.owner[tok.i - 1]
            if before is not None and before.end == tok.i:
                defined[acr.text] = before.actor_id
            else:
                start = self._capitalised_run(doc, tok.i)
                if start is None:
                    continue
                span = doc[start : tok.i]
                actor_id = "x-" + slug(span.text)
                state.add(start, tok.i, actor_id, "ner",
                          ActorProfile(actor_id, span.text, kind="organisation", known=False))
                defined[acr.text] = actor_id
        for tok in doc:
            actor_id = defined.get(tok.text)
            if actor_id is None:
                continue
            owner = state.owner[tok.i]
            if owner is not None and owner.actor_id != actor_id and (owner.start, owner.end) == (tok.i, tok.i + 1):
                state.remove(owner)
            state.add(tok.i, tok.i + 1, actor_id, "defined", self._profile(state, actor_id))

    @staticmethod
    def _capitalised_run(doc: Doc, end: int) -> int | None:
        start = end
        while start > 0 and end - start < 8:
            prev = doc[start - 1]
            if prev.is_title or prev.is_upper or (prev.lower_ in ("of", "for", "and", "the") and start < end):
                start -= 1
            else:
                break
        while start < end and not doc[start].is_title:
            start += 1
        return start if end - start >= 2 else None

    # -- 3. named entities -------------------------------------------------------------------------
    def _entities(self, doc: Doc, state: _State) -> None:
        surnames: dict[str, str] = {}
        for m in state.mentions:
            profile = self._profile(state, m.actor_id)
            if profile is not None and profile.kind == "person":
                surnames[doc[m.end - 1].text] = m.actor_id
        for ent in doc.ents:
            if ent.label_ not in NAMED_LABELS:
                continue
            start = ent.start
            while start < ent.end - 1 and (doc[start].lower_ in ("the", "a", "an") or (
                    ent.label_ == "PERSON" and self._title_like(doc[start]))):
                start += 1  # "Vice-President Moody Awori": the title is read by the title step
            end = ent.end
            if end - 1 > start and doc[end - 1].text in ("'s", "’s", "'", "’"):
                end -= 1
            if start >= end or not state.free(start, end) or "\n" in ent.text:
                continue
            self._entity(doc, state, doc[start:end], ent.label_, surnames)

    def _title_like(self, tok: Token) -> bool:
        term = self.terms.get(tok.lower_)
        return (tok.pos_ not in ("PROPN", "NOUN") or tok.lower_ in TITLE_MODIFIERS or tok.text == "-"
                or (term is not None and term.title))

    def _entity(self, doc: Doc, state: _State, span: Span, label: str, surnames: dict[str, str]) -> None:
        text = span.text
        surface = self.gaz.surfaces.get(text)
        if surface is not None:
            state.add(span.start, span.end, surface.actor_id, surface.rule, self.gaz.profile(surface.actor_id))
            return
        last = span[-1].text
        if label == "PERSON" and last in surnames:
            state.add(span.start, span.end, surnames[last], "alias", None)
            return
        if label in ("PERSON", "ORG", "NORP"):
            fuzzy = self._fuzzy(last, state) if len(span) == 1 else self._fuzzy_name(text)
            if fuzzy is not None:
                state.add(span.start, span.end, fuzzy, "fuzzy", self._profile(state, fuzzy))
                return
        kind = NAMED_LABELS[label]
        if (kind != "person" or (len(span) == 1 and last not in surnames)) and self._place_country(text):
            kind = "location"
        if kind == "location":
            country = self._place_country(text) or self._inner_country(doc, span)
            actor_id = "loc-" + slug(text)
            profile = ActorProfile(actor_id, text, country, None, "location", (), country is not None)
            state.add(span.start, span.end, actor_id, "ner", profile)
            return
        actor_id = "x-" + slug(text)
        country = self._inner_country(doc, span) if kind != "person" else None
        term = self.terms.get(span[-1].lower_)
        profile = ActorProfile(actor_id, text, country, term.sector if term and kind != "person" else None,
                               kind, (), False)
        if state.add(span.start, span.end, actor_id, "ner", profile) and kind == "person":
            surnames[last] = actor_id

    def _place_country(self, text: str) -> str | None:
        """Country of a place name, also without a trailing "State", "Province", "district"..."""
        if len(text) < 4 or text.lower() in NOT_PLACES:
            return None
        country = self.places.get(text)
        if country is None:
            words = text.split()
            if len(words) > 1 and words[-1].lower() in PLACE_WORDS:
                country = self.places.get(" ".join(words[:-1]))
        return country

    def _inner_country(self, doc: Doc, span: Span) -> str | None:
        for tok in span:
            surface = self.gaz.surfaces.get(tok.text)
            if surface is not None and self.gaz.entries[surface.actor_id].kind == "country":
                return surface.actor_id
        return None

    def _fuzzy(self, word: str, state: _State) -> str | None:
        """A known person whose name word is one or two edits from ``word`` (same first letter)."""
        if len(word) < 6 or not word[0].isupper():
            return None
        limit = 1 if len(word) < 9 else 2
        candidates = list(self.gaz.fuzzy_names.get(word[0].lower(), ()))
        for m in state.mentions:
            profile = self._profile(state, m.actor_id)
            if profile is not None and profile.kind == "person":
                name_word = state.doc[m.end - 1].text
                candidates.append((name_word, m.actor_id))
        best = None
        for name, actor_id in candidates:
            if name == word or name[0] != word[0] or abs(len(name) - len(word)) > limit:
                continue
            distance = Levenshtein.distance(name, word, score_cutoff=limit)
            if distance <= limit and (best is None or distance < best[0]):
                best = (distance, actor_id)
        return best[1] if best else None

    def _fuzzy_name(self, text: str) -> str | None:
        """A known multi-word name within two edits (at most 10%) of ``text``: "Khalifa Hafter"."""
        limit = min(2, len(text) // 10)
        if limit == 0:
            return None
        for entry in self.gaz.entries.values():
            if not entry.fuzzy:
                continue
            for name in (entry.name, *entry.aliases):
                if " " in name and name[0] == text[0] and abs(len(name) - len(text)) <= limit \
                        and Levenshtein.distance(name, text, score_cutoff=limit) <= limit:
                    return entry.id
        return None

    def _fuzzy_tokens(self, doc: Doc, state: _State) -> None:
        for tok in doc:
            if state.owner[tok.i] is None and tok.pos_ == "PROPN" and tok.is_title and not tok.is_sent_start:
                if tok.text in self.gaz.surfaces or tok.text in self.places:
                    continue
                actor_id = self._fuzzy(tok.text, state)
                if actor_id is not None:
                    state.add(tok.i, tok.i + 1, actor_id, "fuzzy", self._profile(state, actor_id))

    # -- 4. titles before persons ------------------------------------------------------------------
    def _titles(self, doc: Doc, state: _State) -> None:
        for m in list(state.mentions):
            profile = self._profile(state, m.actor_id)
            if profile is None or profile.kind != "person":
                continue
            start, sector, country = m.start, None, None
            i = m.start - 1
            while i >= 0 and m.start - i <= 6:
                tok = doc[i]
                term = self.terms.get(tok.lower_)
                owner = state.owner[i]
                if owner is not None:
                    owner_profile = self._profile(state, owner.actor_id)
                    if sector and owner_profile and owner_profile.kind == "country" and owner.end == start:
                        country, start = owner_profile.country, owner.start
                        break
                    inside_title = owner.start > 0 and doc[owner.start - 1].lower_ in ("the", "of", "for")
                    if owner_profile and not owner_profile.known and owner_profile.kind != "person" \
                            and (sector or inside_title):  # "Foreign Office Minister", "Secretary of State"
                        start, i = owner.start, owner.start - 1
                        continue
                    break
                if tok.text in ("'s", "’s") and i > 0 and state.owner[i - 1] is not None:
                    i -= 1
                    continue
                if term is not None and term.title:
                    sector = sector or term.sector
                elif not (tok.lower_ in TITLE_MODIFIERS or (tok.is_title and tok.pos_ in ("PROPN", "NOUN"))
                          or (tok.pos_ == "ADJ" and tok.is_lower)):
                    break
                start = i
                i -= 1
            if sector is None:
                continue
            while doc[start].lower_ in ("of", "for", "the", "'s", "’s") and start < m.start:
                start += 1
            state.extend(m, start, m.end)
            m.rule = "title" if m.rule == "ner" else m.rule
            if not profile.known:
                country = country or profile.country or self._appositive_country(doc, state, m) \
                    or self._context_country(doc, state)
                state.profiles[m.actor_id] = replace(profile, country=country,
                                                     sector=profile.sector or sector)

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

    # -- 5. country + sector noun; possessives -------------------------------------------------------
    def _sector_head(self, doc: Doc, m: _M) -> Token | None:
        tok = doc[m.end - 1]
        while tok.dep_ == "conj" and tok.head.i < tok.i:
            tok = tok.head
        head = tok.head
        if tok.dep_ not in ("amod", "compound", "nmod", "poss", "npadvmod", "nummod") or head.i <= tok.i:
            return None
        if head.i - m.end > 4:
            return None
        term = self.terms.get(head.lower_) or self.terms.get(head.lemma_.lower())
        return head if term is not None else None

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
            if owner is not None and owner is not m:
                owner_profile = self._profile(state, owner.actor_id)
                if owner_profile is None or owner_profile.known or owner.start < m.end:
                    continue
                state.remove(owner)  # "US Congress": the NER's "Congress" gives way
            sector = self._phrase_sector(doc, m, head)
            if profile.kind == "country" or m.rule == "demonym":
                generic = self._generic_profile(profile.country, sector)
                rule = "generic"
            elif profile.kind == "group" and not profile.known:  # "Karen guerrillas"
                generic = self._generic_profile(self._context_country(doc, state), sector)
                rule = "generic"
            else:
                generic = self._affiliate(state, profile, sector)
                rule = "possessive"
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

    def _phrase_sector(self, doc: Doc, m: _M, head: Token) -> str:
        """Sector of the head noun, unless a modifier is more specific ("Afghan rebel leaders" → REB)."""
        term = self.terms.get(head.lower_) or self.terms[head.lemma_.lower()]
        if term.sector != "GOV":
            return term.sector
        for tok in doc[m.end:head.i]:
            modifier = self.terms.get(tok.lower_)
            if modifier is not None and modifier.sector not in ("GOV", "CVL"):
                return modifier.sector
        return term.sector

    def _affiliate(self, state: _State, profile: ActorProfile, sector: str) -> ActorProfile | None:
        """"Haftar's forces": the organisation related to the person with that sector."""
        related = [self.gaz.profile(a) for a in self.gaz.affiliated.get(profile.id, ())]
        related = [p for p in related if p is not None and p.kind in ("organisation", "group")]
        for candidate in related:
            if candidate.sector == sector:
                return candidate
        if profile.country and profile.kind == "person":
            return self._generic_profile(profile.country, sector) if sector != "GOV" else None
        return None

    # -- 6. sector nouns on their own ---------------------------------------------------------------
    def _context_country(self, doc: Doc, state: _State) -> str | None:
        votes: Counter[str] = Counter()
        for m in state.mentions:
            profile = self._profile(state, m.actor_id)
            if profile is None or not profile.country or profile.country in ("IGO", "NGO", "IMG"):
                continue
            if m.rule in ("pronoun", "description") or len(profile.country) != 3:
                continue
            root = doc[m.start:m.end].root
            place = profile.kind in ("country", "location")
            weight = 2 if place and root.dep_ == "pobj" and root.head.lower_ in LOCATIVE else 1
            votes[profile.country] += weight
        return votes.most_common(1)[0][0] if votes else None

    def _standalone(self, doc: Doc, state: _State) -> None:
        context: str | None = None
        context_done = False
        for tok in doc:
            if state.owner[tok.i] is not None or tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
                continue
            term = self.terms.get(tok.lower_)
            if term is None:
                continue
            head = tok
            if tok.dep_ in ("compound", "amod") and tok.head.i > tok.i and state.owner[tok.head.i] is None \
                    and (self.terms.get(tok.head.lower_) or self.terms.get(tok.head.lemma_.lower())):
                head = tok.head  # "militia forces"
            elif tok.pos_ == "ADJ":
                continue
            country = self._attached_country(doc, state, head)
            if country is None and not term.standalone:
                continue
            if country is None and term.local:
                if not context_done:
                    context, context_done = self._context_country(doc, state), True
                country = context
            profile = self._generic_profile(country, term.sector)
            state.add(tok.i, head.i + 1, profile.id, "generic", profile)

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

    # -- capitals: government or place? ----------------------------------------------------------
    def _acting(self, doc: Doc, m: _M) -> bool:
        """Whether a place name stands for its government here ("Moscow said", "talks with Ankara")."""
        tok = doc[m.start:m.end].root
        while tok.dep_ == "conj":
            tok = tok.head
        return tok.dep_ in ("nsubj", "nsubjpass", "dobj", "agent") or (
            tok.dep_ == "pobj" and tok.head.lower_ in METONYM_PREPS
        ) or (tok.dep_ == "poss" and (tok.head.lemma_.lower() in self.terms or tok.head.lemma_ in POLICY_NOUNS))

    def _plural_demonym(self, doc: Doc, state: _State, m: _M) -> None:
        """"the Russians" is Russia; "Syrians" without an article are its people (``<country>CVL``)."""
        word = doc[m.end - 1].text
        singular = self.gaz.surfaces.get(word[:-1]) if word.endswith("s") else None
        if singular is None or singular.rule != "demonym":
            return
        if doc[m.start].lower_ == "the":
            m.rule = "generic"
            return
        people = self._generic_profile(self.gaz.entries[m.actor_id].country, "CVL")
        state.profiles.setdefault(people.id, people)
        m.actor_id, m.rule = people.id, "generic"

    def _capitals(self, doc: Doc, state: _State) -> None:
        """Capitals acting are the country (``metonym``), otherwise places; acting country names are ``metonym``."""
        for m in list(state.mentions):
            if m.rule == "alias" and self.gaz.entries.get(m.actor_id, None) is not None \
                    and self.gaz.entries[m.actor_id].kind == "country" and self._acting(doc, m):
                m.rule = "metonym"
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

    # -- 7. descriptions and pronouns -----------------------------------------------------------------
    def _compatible(self, profile: ActorProfile | None, kind: str, sectors: frozenset[str]) -> bool:
        if profile is None or profile.kind == "location":
            return False
        if kind == "person" and profile.kind != "person":
            return False
        if kind == "country" and profile.kind != "country":
            return False
        if kind in ("group", "organisation") and profile.kind not in ("group", "organisation"):
            return False
        if kind in ("thing", "any") and profile.kind == "person":
            return False
        return not sectors or profile.sector in sectors

    @staticmethod
    def _plural(doc: Doc, m: _M) -> bool:
        root = doc[m.start:m.end].root
        return root.tag_ in ("NNS", "NNPS") or root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children)

    def _antecedent(self, doc: Doc, state: _State, before: int, kind: str, sectors: frozenset[str],
                    max_sentences: int | None = None, plural: bool = False) -> str | None:
        sent_start = doc[before].sent.start if max_sentences is not None else 0
        window_start = 0
        if max_sentences is not None:
            sents = [s for s in doc.sents if s.start <= sent_start]
            window_start = sents[-(max_sentences + 1)].start if len(sents) > max_sentences else 0
        for m in sorted(state.mentions, key=lambda x: x.start, reverse=True):
            if m.end > before or m.start < window_start or m.rule == "pronoun":
                continue
            if plural and not self._plural(doc, m):
                continue
            if self._compatible(self._profile(state, m.actor_id), kind, sectors):
                return m.actor_id
        return None

    def _descriptions(self, doc: Doc, state: _State) -> None:
        for _, start, end in sorted(self.description_matcher(doc), key=lambda x: (x[1], -(x[2]))):
            if not state.free(start, end):
                continue
            nxt = doc[end] if end < len(doc) else None
            if nxt is not None and state.owner[nxt.i] is not None and state.owner[nxt.i].start == end:
                state.extend(state.owner[nxt.i], start, end)  # "the strong man Haftar"
                continue
            if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") :
                continue  # "the general public", "the government forces"
            desc = self.descriptions[doc[start + 1:end].text.lower()]
            actor_id = self._appositive(doc, state, end, desc) or self._antecedent(
                doc, state, start, desc.kind, desc.sectors)
            profile = None
            if actor_id is None and desc.kind in ("person", "any") and "GOV" in desc.sectors:
                country = self._context_country(doc, state)  # "the Foreign Secretary" with no name around
                profile = self._generic_profile(country, "GOV") if country else None
                actor_id = profile.id if profile else None
            if actor_id is not None:
                state.add(start, end, actor_id, "description", profile)

    def _appositive(self, doc: Doc, state: _State, end: int, desc: Description) -> str | None:
        """"the president, Donald Trump"."""
        if end + 1 < len(doc) and doc[end].text == ",":
            owner = state.owner[end + 1]
            if owner is not None and owner.start == end + 1:
                profile = self._profile(state, owner.actor_id)
                if profile is not None and self._compatible(profile, desc.kind, frozenset()):
                    return owner.actor_id
        return None

    def _pronouns(self, doc: Doc, state: _State) -> None:
        for tok in doc:
            kind = PRONOUNS.get(tok.lower_)
            if kind is None or state.owner[tok.i] is not None or tok.pos_ not in ("PRON", "DET"):
                continue
            if tok.lower_ == "it" and (tok.dep_ not in ("nsubj", "nsubjpass")
                                       or tok.head.lemma_ in ("be", "seem", "appear", "remain")):
                continue
            actor_id = None
            if tok.lower_ in ("they", "them", "their", "themselves"):
                actor_id = self._antecedent(doc, state, tok.i, kind, frozenset(), max_sentences=1, plural=True)
            actor_id = actor_id or self._antecedent(doc, state, tok.i, kind, frozenset(), max_sentences=1)
            if actor_id is not None:
                state.add(tok.i, tok.i + 1, actor_id, "pronoun", None)

    # -- the component ---------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        state = _State(doc)
        self._gazetteer(doc, state)
        self._defined_acronyms(doc, state)
        self._entities(doc, state)
        self._fuzzy_tokens(doc, state)
        self._titles(doc, state)
        self._compounds(doc, state)
        self._capitals(doc, state)
        self._standalone(doc, state)
        self._descriptions(doc, state)
        self._pronouns(doc, state)
        return self._write(doc, state)

    def _write(self, doc: Doc, state: _State) -> Doc:
        mentions, profiles = [], {}
        for m in sorted(state.mentions, key=lambda x: x.start):
            span = doc[m.start:m.end]
            profile = self._profile(state, m.actor_id) or ActorProfile(m.actor_id, span.text, known=False)
            profiles[m.actor_id] = profile
            mentions.append(Mention(span.start_char, span.end_char, span.text, m.actor_id, m.rule,
                                    CONFIDENCE.get(m.rule, 0.5)))
            span._.fm_actor = m.actor_id
            for tok in span:
                tok._.fm_actor = m.actor_id
        doc._.fm_mentions, doc._.fm_profiles = mentions, profiles
        return doc
