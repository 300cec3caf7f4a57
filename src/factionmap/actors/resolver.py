"""Recognise actor mentions in a spaCy ``Doc`` and resolve them to coded actors.

Steps, in order, each only over tokens not yet covered by a mention:

1. gazetteer phrase matches (actor file names, aliases, acronyms; countries with
   their names, demonyms, capitals and seats of power);
2. acronyms defined in the text: "Government of National Accord (GNA)";
3. named entities: exact names, the surname of a person already named, misspellings
   (rapidfuzz, first letter and length guarded), places (city and region lists),
   otherwise a new unknown actor ``x-<slug>``;
4. titles before a person ("Russian President Vladimir Putin") give its country and sector;
5. country + sector noun ("US special forces" → ``USAMIL``, "a US official" → ``USA``, "Hamas
   officials" → Hamas), possessives ("Haftar's forces" → the LNA) and affiliated forces ("forces
   loyal to the GNA", "GNA-backed forces", "the army of Burhan"; :mod:`factionmap.actors.affiliation`);
6. sector nouns alone ("civilians", "militia forces") with the country of the context; civilian
   facilities ("attacked hospitals, schools and markets") are that country's civilians (``<country>CVL``)
   so that an attack on them has a target;
7. definite descriptions ("the general", "this group") and pronouns → the most recent compatible
   actor (places, plural phrases for "it", and the phrase a relative clause modifies are passed over),
   the subject of that actor's clause first; "the army", "the government" → that institution of the
   country named after it or of the section's main country (``descriptions.tsv``); "they" after a
   coordination ("Qatar and Turkey") stands for the group: ``token._.fm_group`` holds every id,
   ``token._.fm_actor`` the first, and each actor gets a mention at the pronoun (:mod:`.plural`);
8. first person: "I" → the speaker (quotation, "X said:" statement, transcript label), "we" / "our"
   → the speaker's state or organisation, or the body issuing the statement
   (:mod:`factionmap.actors.speakers`); left unresolved when the text does not say who speaks.

Titles: "former" officials are coded ``ELI``; a titled person with no country of its own takes the
section's main country, not counting other persons, with ties going to the nearest country.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from rapidfuzz.distance import Levenshtein
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from factionmap.actors.affiliation import Affiliation, find_affiliations
from factionmap.actors.data import (Description, SectorTerm, city_countries, descriptions, sector_terms,
                                   authority_verbs, org_heads, shared_country_names, things)
from factionmap.actors.gazetteer import Gazetteer, Surface, slug
from factionmap.actors.plural import PLURAL_PRONOUNS, Antecedent, clause_verb, local_verbs, plural_antecedent
from factionmap.actors.speakers import speaker_regions
from factionmap.model import ActorProfile, Mention

__all__ = ["ActorResolver", "generic_id", "SECTOR_NAMES"]

CONFIDENCE = {
    "alias": 1.0, "acronym": 0.95, "defined": 0.9, "metonym": 0.95, "demonym": 0.9, "title": 0.9,
    "generic": 0.8, "possessive": 0.8, "affiliated": 0.8, "fuzzy": 0.8, "description": 0.7, "pronoun": 0.5, "ner": 0.5,
}
SECTOR_NAMES = {
    "GOV": "government", "MIL": "military", "REB": "rebels", "OPP": "opposition", "COP": "police",
    "JUD": "judiciary", "LEG": "legislature", "CVL": "civilians", "REF": "refugees", "MED": "media",
    "BUS": "business", "UAF": "armed men", "SPY": "intelligence", "EDU": "students", "LAB": "workers",
    "AGR": "farmers", "HLH": "health workers", "IGO": "organisation", "NGO": "organisation", "ELI": "elites",
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
DIRECTIONS = frozenset(
    "north south east west northern southern eastern western central upper lower greater "
    "north-east north-west south-east south-west northeast northwest southeast southwest".split()
)
PLACE_WORDS = frozenset("state province region district governorate city town county area".split())
POLICY_NOUNS = frozenset(
    "role decision policy support position friendship relations ties response move plan offer demand stance "
    "call proposal attempt refusal approval backing interest interests ally allies".split()
)
STATE_NOUNS = frozenset({"government", "administration", "authorities", "regime", "cabinet"})
PLACE_VERBS = frozenset(
    "attack shell bomb strike hit capture seize take enter reach storm besiege encircle surround retake recapture "
    "occupy liberate control defend visit leave flee invade raid target approach bombard evacuate".split()
)
TRANSNATIONAL = frozenset(
    "international world global african european arab asian islamic regional pan continental united nations "
    "gulf atlantic pacific latin america americas africa europe asia commonwealth".split()
)
#: Sectors of an organisation's own people: "Hamas officials" and "NATO troops" are the organisation.
INSTITUTIONAL = frozenset({"GOV", "MIL", "REB", "UAF", "COP", "SPY", "LEG", "JUD", "IGO", "NGO"})
#: Head words of civil bodies: with a transnational name, the body is coded ``NGO``.
NGO_HEADS = frozenset(
    "association federation foundation institute society network watch group centre center committee "
    "coalition movement".split()
)
FORMER = frozenset({"former", "ex", "ex-", "erstwhile"})
TRANSCRIPT_LABELS = frozenset({"question", "answer", "q", "a", "moderator", "participant", "operator"})
FIRST_PERSON = {
    "i": "person", "me": "person", "my": "person", "myself": "person", "mine": "person",
    "we": "body", "us": "body", "our": "body", "ours": "body", "ourselves": "body",
}
METONYM_PREPS = frozenset({"with", "by", "between", "from", "against"})


VOWELS = frozenset("aeiouy")


def _vowel_variant(a: str, b: str) -> bool:
    """Whether two words of a fuzzy match differ as spellings do: letters differing at the same
    place are vowels ("Hafter"/"Haftar"); words of different lengths pass (a dropped letter)."""
    if len(a) != len(b):
        return True
    return all(x == y or (x.lower() in VOWELS and y.lower() in VOWELS) for x, y in zip(a, b))


INSURGENT_SECTORS = frozenset({"REB", "UAF"})


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


#: Determiners that point back to something just named ("these terrorists").
DEMONSTRATIVES = frozenset({"these", "those"})


class _State:
    """Mentions of one Doc, with a token → mention index."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.mentions: list[_M] = []
        self.profiles: dict[str, ActorProfile] = {}
        self.owner: list[_M | None] = [None] * len(doc)
        self.groups: dict[int, tuple[str, ...]] = {}  # token index of a plural pronoun → actor ids
        published = doc._.fm_published if Doc.has_extension("fm_published") else None
        self.date: str | None = published[:10] if isinstance(published, str) and published[:4].isdigit() else None

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
        self.shared_names: dict[str, tuple[str, ...]] = shared_country_names()
        self.things: dict[str, str] = things()
        self.authority_verbs: frozenset[str] = authority_verbs()
        self._institutions: dict[tuple[str, str], str | None] = {}  # (country, phrase) → actor id

    # -- profiles -------------------------------------------------------------------------------
    def _profile(self, state: _State, actor_id: str) -> ActorProfile | None:
        return state.profiles.get(actor_id) or self._known(state, actor_id)

    def _known(self, state: _State, actor_id: str) -> ActorProfile | None:
        """The actor file's profile of ``actor_id`` as of the document's date."""
        return self.gaz.profile(actor_id, state.date)

    def _generic_profile(self, state: _State, country: str | None, sector: str) -> ActorProfile:
        holder = self.gaz.holder(country, sector, state.date) if country else None
        actor_id = holder or generic_id(country, sector)  # "the Libyan government" of 2019: the GNA
        known = self._known(state, actor_id)
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
                s < start and end <= e and any(doc[i].pos_ == "PROPN" for i in range(s, start))
                and not (surface.rule == "demonym" and end == e)  # "Radical French farmers"
                for s, e in named
            ):
                continue  # "Washington" in "George Washington University", "Russia" in "Bank of Russia"
            if entry.kind == "country" and (self._longer_place(doc, state, start, end)
                                            or self._leads_an_organisation(doc, state, start, end, surface)):
                continue  # "Northern Ireland", "Kuwait City", "Kenya Anti-Corruption Commission"
            following = doc[end] if end < len(doc) else None
            if start > 0 and doc[start - 1].lower_ == "the" and entry.kind != "person" and surface.rule != "capital" \
                    and (following is None or following.pos_ not in ("PROPN", "NOUN")):
                start -= 1  # "the Russians", "the Trump administration", "The UK"
            state.add(start, end, surface.actor_id, surface.rule, self._known(state, surface.actor_id))

    def _shared_names(self, doc: Doc, state: _State) -> None:
        """A name several countries share ("Congo", "Congolese") goes to the one the rest of the
        section speaks of (places and actors: "Goma", "North Kivu", "M23" → the DR Congo); with no
        such evidence it keeps the gazetteer's reading."""
        def name(m: _M) -> str:
            return doc[m.start + 1 if doc[m.start].lower_ == "the" else m.start:m.end].text

        shared = [m for m in state.mentions if name(m) in self.shared_names]
        if not shared:
            return
        votes: Counter[str] = Counter()
        for m in state.mentions:
            profile = self._profile(state, m.actor_id)
            if m not in shared and profile is not None and profile.country:
                votes[profile.country] += 1
        for m in shared:
            candidates = self.shared_names[name(m)]
            best = max(candidates, key=lambda c: votes[c])
            if votes[best] > votes[m.actor_id] and best in self.gaz.entries:
                state.remove(m)
                state.add(m.start, m.end, best, m.rule, self._known(state, best))

    def _leads_an_organisation(self, doc: Doc, state: _State, start: int, end: int, surface: Surface) -> bool:
        """Add an organisation whose name opens with a country name: "Kenya Anti-Corruption Commission"."""
        if surface.rule != "alias" or (start > 0 and doc[start - 1].is_title and not doc[start - 1].is_sent_start):
            return False
        stop, words = end, 0
        while stop < len(doc) and (doc[stop].is_title and doc[stop].pos_ == "PROPN" or (
                doc[stop].text == "-" and not doc[stop - 1].whitespace_)) and "\n" not in doc[stop - 1].text_with_ws:
            words += doc[stop].is_title
            stop += 1
        if words < 2 or not state.free(start, stop) or doc[stop - 1].text == "-" or any(
                t.ent_type_ in ("PERSON", "GPE", "LOC", "DATE", "TIME", "NORP") for t in doc[end:stop]):
            return False
        head = doc[stop - 1]
        if head.text in self.gaz.surfaces or head.text in self.places:
            return False
        term = self.terms.get(head.lower_) or self.terms.get(head.lemma_.lower())
        text = doc[start:stop].text
        profile = ActorProfile("x-" + slug(text), text, surface.actor_id, term.sector if term else None,
                               "organisation", (), False)
        return state.add(start, stop, profile.id, "ner", profile) is not None

    def _longer_place(self, doc: Doc, state: _State, start: int, end: int) -> bool:
        """Add a place whose name contains a country name plus one word before or after it."""
        for s, e in ((start - 1, end), (start, end + 1)):
            if s < 0 or e > len(doc) or not state.free(s, e) or not doc[s:e].text.istitle():
                continue
            text = doc[s:e].text
            country = self.places.get(text)
            if country is None or text in self.gaz.surfaces:
                continue
            actor_id = "loc-" + slug(text)
            state.add(s, e, actor_id, "alias", ActorProfile(actor_id, text, country, None, "location", (), True))
            return True
        return False

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
            if self._thing(doc, start, end):
                continue  # "a Patriot missile", "the USS Carney", "Operation Iron Swords"
            if label in ("GPE", "LOC", "FAC") and not state.free(start, end) and "\n" not in ent.text:
                self._region(doc, state, start, end)  # "West Darfur State": a place of its own
            if start >= end or not state.free(start, end) or "\n" in ent.text:
                continue
            if end - start == 1 and doc[start].text == "State" and start > 0 and doc[start - 1].lower_ == "of":
                continue  # "Secretary of State", "Minister of State": part of an office, no actor
            if end - start == 1 and doc[start].is_upper and end < len(doc) and doc[end].text == ":" \
                    and doc[start].lower_ in TRANSCRIPT_LABELS:
                continue  # "QUESTION:" in a transcript
            self._entity(doc, state, doc[start:end], label, surnames)

    def _thing(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the name doc[start:end] is a weapon's, vehicle's or operation's (``things.tsv``)."""
        before = doc[start - 1].lower_ if start > 0 else ""
        after = doc[end] if end < len(doc) else None
        return self.things.get(doc[start].lower_) == "prefix" or self.things.get(before) == "prefix" or (
            after is not None and after.is_lower and self.things.get(after.lower_) == "head"
            and doc[start:end].text not in self.gaz.surfaces)

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
        if not extra or not all(w in DIRECTIONS or w in PLACE_WORDS for w in extra):
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
        return (tok.pos_ not in ("PROPN", "NOUN") or tok.lower_ in TITLE_MODIFIERS or tok.text == "-"
                or (term is not None and term.title))

    def _entity(self, doc: Doc, state: _State, span: Span, label: str, surnames: dict[str, str]) -> None:
        text = span.text
        surface = self.gaz.surfaces.get(text)
        if surface is not None:
            state.add(span.start, span.end, surface.actor_id, surface.rule, self._known(state, surface.actor_id))
            return
        last = span[-1].text
        if label == "PERSON" and last in surnames:
            state.add(span.start, span.end, surnames[last], "alias", None)
            return
        holder = self._surname_holder(state, span) if label == "PERSON" else None
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
                actor_id = "x-" + slug(f"{text} {SECTOR_NAMES.get(term.sector, term.sector)}")
                profile = ActorProfile(actor_id, doc[span.start:span.end + 1].text, None, term.sector, kind, (), False)
                state.add(span.start, span.end + 1, actor_id, "ner", profile)
                return
        titled = kind == "person" and span.start > 0 and self._is_title(doc[span.start - 1])
        if (kind != "person" or (len(span) == 1 and last not in surnames and not titled)) \
                and self._place_country(text):
            kind = "location"  # "Hassan" alone may be a town; "King Hassan" is not
        if kind == "location":
            country = self._place_country(text) or self._inner_country(doc, span)
            actor_id = "loc-" + slug(text)
            profile = ActorProfile(actor_id, text, country, None, "location", (), country is not None)
            state.add(span.start, span.end, actor_id, "ner", profile)
            return
        actor_id = "x-" + slug(text)
        country = self._inner_country(doc, span) if kind != "person" else None
        of = next((t.i for t in span[1:] if t.lower_ == "of"), None)
        head = doc[of - 1] if of is not None else span[-1]  # "Government of Iraq", "Kenya Police"
        term = self.terms.get(head.lower_) or self.terms.get(head.lemma_.lower())
        sector = term.sector if term and kind != "person" else None
        if country and sector == "GOV" and head.lower_ in STATE_NOUNS:
            profile = self._generic_profile(state, country, sector)  # "the Government of Iraq" is Iraq
            state.add(span.start, span.end, profile.id, "generic", profile)
            return
        profile = ActorProfile(actor_id, text, country, sector, kind, (), False)
        if state.add(span.start, span.end, actor_id, "ner", profile) and kind == "person":
            surnames[last] = actor_id

    def _surname_holder(self, state: _State, span: Span) -> str | None:
        """A known office holder named by surname ("Yeltsin") or first name and surname ("George
        Bush"): the only one of that surname, else the one in office on the document's date."""
        holder = self.gaz.surname_holder(span[-1].text, state.date)
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
            if distance <= limit and not _vowel_variant(name, word):
                continue  # "Sinjar" is not "Sinwar": a spelling varies in its vowels, not its consonants
            if distance <= limit and (best is None or distance < best[0]):
                best = (distance, actor_id)
        return best[1] if best else None

    def _fuzzy_name(self, text: str) -> str | None:
        """A known multi-word name within two edits (at most 10%) of ``text``: "Khalifa Hafter"."""
        limit = min(2, len(text) // 10)
        if limit == 0:
            return None
        for name, actor_id in self.gaz.fuzzy_full.get(text[0], ()):
            if abs(len(name) - len(text)) <= limit and Levenshtein.distance(name, text, score_cutoff=limit) <= limit:
                return actor_id
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
                elif not (tok.lower_ in TITLE_MODIFIERS or (tok.is_title and tok.pos_ in ("PROPN", "NOUN"))
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
            if any(doc[j].lower_ in FORMER for j in range(start, m.start)):
                sector = "ELI"  # "former president Carlos Menem": CAMEO codes former officials as elites
            state.extend(m, start, m.end)
            m.rule = "title" if m.rule == "ner" else m.rule
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

    # -- 5. country + sector noun; possessives -------------------------------------------------------
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
            if owner is not None and owner is not m:
                owner_profile = self._profile(state, owner.actor_id)
                if owner_profile is None or owner_profile.known or owner.start < m.end \
                        or owner_profile.kind == "person":  # "In Turkey Minister Ellwood": his title
                    continue
                state.remove(owner)  # "US Congress": the NER's "Congress" gives way
            sector = self._phrase_sector(doc, m, head)
            if profile.kind == "country" or m.rule == "demonym":
                generic = self._generic_profile(state, profile.country, sector)
                rule = "generic"
            elif profile.kind == "group" and not profile.known:  # "Karen guerrillas"
                generic = self._generic_profile(state, self._context_country(doc, state), sector)
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

    def _phrase_sector(self, doc: Doc, m: _M, head: Token) -> str:
        """Sector of the head noun, unless a modifier is more specific ("Afghan rebel leaders" → REB)."""
        term = self._term_of(head)
        if term.sector != "GOV":
            return term.sector
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

    # -- 5b. affiliated forces ---------------------------------------------------------------------
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
        return self._affiliate(state, patron, sector)

    # -- 6. sector nouns on their own ---------------------------------------------------------------
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
            if country is None and not term.standalone:
                continue
            if country is None and term.local:
                if not context_done:
                    context, context_done = self._context_country(doc, state), True
                country = context
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
            if any(word in TRANSNATIONAL for word in words):  # "Association of African Jurists"
                if profile.kind == "organisation" and any(w in NGO_HEADS for w in words):
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

    @staticmethod
    def _headed(profile: ActorProfile, words: list[str]) -> ActorProfile:
        """An unknown organisation's sector from the words of its name (``org_heads.tsv``): "Front",
        "Liberation Army" → REB, "Movement" → OPP; "Union of African States" → IGO."""
        if profile.sector is not None:
            return profile
        text = f" {' '.join(words)} "
        transnational = any(word in TRANSNATIONAL for word in words)
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

    # -- capitals: government or place? ----------------------------------------------------------
    def _acting(self, doc: Doc, m: _M) -> bool:
        """Whether a place name stands for its government here ("Moscow said", "talks with Ankara")."""
        tok = doc[m.start:m.end].root
        while tok.dep_ == "conj":
            tok = tok.head
        if tok.dep_ == "dobj" and tok.head.lemma_.lower() in PLACE_VERBS:
            return False  # "shelled Tripoli", "entered Kabul"
        return tok.dep_ in ("nsubj", "nsubjpass", "dobj", "agent") or (
            tok.dep_ == "pobj" and tok.head.lower_ in METONYM_PREPS
        ) or (tok.dep_ == "poss" and (tok.head.lemma_.lower() in self.terms or tok.head.lemma_ in POLICY_NOUNS))

    def _plural_demonym(self, doc: Doc, state: _State, m: _M) -> None:
        """"the Russians" is Russia; "Syrians" without an article are its people (``<country>CVL``)."""
        word = doc[m.end - 1].text
        singular = self.gaz.surfaces.get(word[:-1]) if word.endswith("s") else None
        plural = word.endswith("s") and doc[m.end - 1].tag_ in ("NNS", "NNPS")  # "Turks", "Britons"
        if not plural and (singular is None or singular.rule != "demonym"):
            return
        if doc[m.start].lower_ == "the":
            m.rule = "generic"
            return
        people = self._generic_profile(state, self.gaz.entries[m.actor_id].country, "CVL")
        state.profiles.setdefault(people.id, people)
        m.actor_id, m.rule = people.id, "generic"

    def _places_acting(self, doc: Doc, state: _State) -> None:
        """A place of a known country that speaks or decides ("Kharkiv appealed for help",
        ``authority_verbs.tsv``) stands for that country's government; a place acted upon stays a place."""
        for m in state.mentions:
            profile = self._profile(state, m.actor_id)
            if profile is None or profile.kind != "location" or m.rule not in ("ner", "alias") \
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
                    max_sentences: int | None = None, plural: bool = False,
                    pronoun: Token | None = None,
                    accept: Callable[[ActorProfile], bool] | None = None) -> str | None:
        """The most recent compatible mention before ``before`` (and accepted by ``accept``).

        For a ``pronoun``, mentions standing for a place ("in Iraq and Syria"), mentions whose
        phrase contains the pronoun ("Sunnis, those they claim to defend") and, for "it", plural
        phrases are passed over.
        """
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
            if pronoun is not None and self._not_antecedent(doc, state, m, pronoun):
                continue
            if self._compatible(self._profile(state, m.actor_id), kind, sectors):
                if accept is not None and not accept(self._profile(state, m.actor_id)):
                    continue
                if pronoun is not None:
                    return self._clause_subject(doc, state, m, pronoun, kind, window_start) or m.actor_id
                return m.actor_id
        return None

    def _clause_subject(self, doc: Doc, state: _State, m: _M, pronoun: Token, kind: str,
                        window_start: int) -> str | None:
        """The subject of the clause of ``m``, when compatible and not ``m`` itself: the previous
        clause's subject is preferred ("The UAE denied that it armed the RSF and said it ...": the UAE).
        An object pronoun is never its own clause's subject ("Putin met Erdogan and praised him")."""
        verb = clause_verb(doc[m.start:m.end].root)
        local = local_verbs(pronoun) if pronoun.dep_ not in ("nsubj", "nsubjpass", "poss") else set()
        if verb.i in local:
            return None
        for child in verb.children:
            if child.dep_ not in ("nsubj", "nsubjpass") or child.i >= m.start or child.i < window_start:
                continue
            owner = state.owner[child.i]
            if owner is None or owner is m or owner.actor_id == m.actor_id:
                return None
            if owner.rule != "pronoun" and self._not_antecedent(doc, state, owner, pronoun):
                return None
            if self._compatible(self._profile(state, owner.actor_id), kind, frozenset()):
                return owner.actor_id
        return None

    def _not_antecedent(self, doc: Doc, state: _State, m: _M, pronoun: Token) -> bool:
        root = doc[m.start:m.end].root
        if pronoun.lower_ in ("it", "its", "itself") and self._plural(doc, m):
            return True
        if pronoun.dep_ == "nsubj" and pronoun.head.dep_ == "relcl" and pronoun.head.head.i < pronoun.i:
            modified = pronoun.head.head  # "Sunnis, those they claim to defend": not the phrase modified
            if root.left_edge.i <= modified.i <= root.right_edge.i or (
                    modified.lower_ in ("those", "these") and modified.i - 2 <= m.end - 1 < modified.i):
                return True
        profile = self._profile(state, m.actor_id)
        head = root
        while head.dep_ == "conj":
            head = head.head
        return profile is not None and profile.kind == "country" and m.rule != "metonym" \
            and head.dep_ == "pobj" and head.head.lower_ in LOCATIVE - {"of"}

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
            actor_id = self._appositive(doc, state, end, desc)
            profile = None
            if actor_id is None and desc.institution:
                profile = self._institution_of(doc, state, start, end, desc)
                actor_id = profile.id if profile is not None else None
            actor_id = actor_id or self._antecedent(doc, state, start, desc.kind, desc.sectors,
                                                    accept=self._alliance_check(desc))
            if actor_id is None and desc.kind in ("person", "any") and "GOV" in desc.sectors:
                country = self._context_country(doc, state)  # "the Foreign Secretary" with no name around
                profile = self._generic_profile(state, country, "GOV") if country else None
                actor_id = profile.id if profile else None
            if actor_id is None and desc.kind == "organisation" and "IGO" in desc.sectors:
                phrase = doc[start + 1:end].text
                known = self.gaz.surfaces.get(phrase.title()) if " " in phrase else None
                profile = None if known is not None else self._unnamed_body(phrase, desc)  # "the Coalition"
                actor_id = known.actor_id if known is not None else profile.id
            if actor_id is not None:
                state.add(start, end, actor_id, "description", profile)

    def _alliance_modifiers(self, doc: Doc, state: _State) -> None:
        """"coalition forces", "the coalition campaign", "Coalition efforts": an alliance word used as
        a modifier (or capitalised, as a name) is a mention of the alliance the text speaks of; so is
        "regime" or "government" modifying a noun ("regime bombardment") when one was just named."""
        for tok in doc:
            desc = self.descriptions.get(tok.lower_)
            if desc is None or state.owner[tok.i] is not None or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            if desc.kind == "any" and tok.is_lower and tok.dep_ == "compound" and tok.head.i > tok.i:
                actor_id = self._antecedent(doc, state, tok.i, desc.kind, desc.sectors, max_sentences=3)
                if actor_id is not None:  # "regime bombardment": the regime just named
                    state.add(tok.i, tok.i + 1, actor_id, "description", None)
                continue
            if desc.kind != "organisation" or "IGO" not in desc.sectors:
                continue
            if not (tok.dep_ == "compound" and tok.head.i > tok.i) and tok.is_lower:
                continue
            actor_id = self._antecedent(doc, state, tok.i, desc.kind, desc.sectors, accept=self._alliance_check(desc))
            profile = None
            if actor_id is None:
                profile = self._unnamed_body(tok.text.lower(), desc)
                actor_id = profile.id
            state.add(tok.i, tok.i + 1, actor_id, "description", profile)

    @staticmethod
    def _alliance_check(desc: Description) -> Callable[[ActorProfile], bool] | None:
        """An alliance word ("the coalition", "the alliance") refers back to a multinational body or
        to one called so ("Saudi-led coalition"), never to one state's army ("Royal Air Force")."""
        if desc.kind != "organisation" or "IGO" not in desc.sectors:
            return None
        word = desc.phrase.split()[-1]
        return lambda p: p.country in ("IGO", None) or word in p.name.lower()

    @staticmethod
    def _unnamed_body(phrase: str, desc: Description) -> ActorProfile:
        """An alliance named only by its description ("the Coalition's strategy", no antecedent):
        kept as an unknown actor of its own, which later mentions refer back to."""
        actor_id = "x-" + slug(phrase)
        sector = sorted(desc.sectors)[0] if desc.sectors else None
        return ActorProfile(actor_id, phrase, None, sector, "organisation", (), False)

    def _institution_of(self, doc: Doc, state: _State, start: int, end: int, desc: Description) -> ActorProfile | None:
        """"the army": of the country named after it ("the army in Darfur"), else the institution
        mentioned in this or the previous sentence, else of the country the section is about."""
        country = self._country_after(doc, state, end)
        if country is None:
            recent = self._recent_institution(doc, state, start, desc)
            if recent is not None:
                return recent
            country = self._context_country(doc, state)
        return self._institution(state, country, desc) if country else None

    def _country_after(self, doc: Doc, state: _State, end: int) -> str | None:
        """Country of "of"/"in" + a place or country right after: "the government (and people) of Iraq"."""
        for i in range(end, min(len(doc), end + 4)):
            tok = doc[i]
            if tok.lower_ in ("of", "in") and i + 1 < len(doc):
                owner = state.owner[i + 1] or (state.owner[i + 2] if i + 2 < len(doc) and doc[i + 1].lower_ == "the"
                                               else None)
                profile = self._profile(state, owner.actor_id) if owner is not None else None
                if profile is not None and profile.kind in ("country", "location") and profile.country \
                        and len(profile.country) == 3 and profile.country in self.gaz.entries:
                    return profile.country
                return None
            if not (tok.lower_ in ("and", ",") or (tok.pos_ == "NOUN" and tok.is_lower)):
                return None
        return None

    def _recent_institution(self, doc: Doc, state: _State, start: int, desc: Description) -> ActorProfile | None:
        """A state institution of the description's sector mentioned in this or the previous sentence."""
        sents = [s for s in doc.sents if s.start <= doc[start].sent.start]
        window = sents[-2].start if len(sents) > 1 else 0
        for m in sorted(state.mentions, key=lambda x: x.start, reverse=True):
            if m.end > start or m.start < window or m.rule == "pronoun":
                continue
            profile = self._profile(state, m.actor_id)
            if profile is None or profile.kind not in ("organisation", "group") or not profile.country:
                continue
            if profile.sector in desc.sectors and profile.id in (
                    self._institution(state, profile.country, desc).id, generic_id(profile.country, desc.sector or "GOV")):
                return profile
        return None

    def _institution(self, state: _State, country: str, desc: Description) -> ActorProfile:
        """The actor file's institution of ``country`` for ``desc``, else the generic actor."""
        key = (country, desc.phrase)
        if key not in self._institutions:
            found = next((e for e in self.gaz.entries.values()
                          if e.country == country and e.sector == desc.sector and country in e.affiliations
                          and e.kind in ("organisation", "group") and any(
                              word in name.lower() for name in (e.name, *e.aliases) for word in desc.institution)),
                         None)
            self._institutions[key] = found.id if found else None
        known = self._institutions[key]
        holder = self.gaz.holder(country, desc.sector or "GOV", state.date)
        if holder is not None or (known and state.date and self.gaz.entries[known].roles):
            known = holder  # "the government" of Libya in 2019 is the GNA, in 2022 the GNU
        return self._known(state, known) if known else self._generic_profile(state, country, desc.sector or "GOV")

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
            if tok.lower_ in PLURAL_PRONOUNS:
                found = self._plural_referent(doc, state, tok)
                if found is not None and len(found.actors) > 1:
                    state.groups[tok.i] = found.actors
                actor_id = found.actors[0] if found is not None else None
            actor_id = actor_id or self._antecedent(doc, state, tok.i, kind, frozenset(), max_sentences=1,
                                                    pronoun=tok)
            if actor_id is not None:
                state.add(tok.i, tok.i + 1, actor_id, "pronoun", None)

    def _plural_referent(self, doc: Doc, state: _State, tok: Token) -> Antecedent | None:
        """A coordination ("Qatar and Turkey") or plural phrase for "they" (see :mod:`.plural`)."""
        sents = [s for s in doc.sents if s.start <= tok.sent.start]
        window_start = sents[-2].start if len(sents) > 1 else 0

        def usable(m: _M, in_group: bool) -> bool:
            profile = self._profile(state, m.actor_id)
            if self._not_antecedent(doc, state, m, tok):
                return False
            if in_group and profile is not None and profile.kind == "person":
                return True  # "Putin and Erdogan ... they"
            return self._compatible(profile, "thing", frozenset())

        def plural(m: _M) -> bool:  # a plural phrase, or an organisation ("Daesh ... as they see")
            profile = self._profile(state, m.actor_id)
            return self._plural(doc, m) or (profile is not None and profile.kind in ("organisation", "group"))

        return plural_antecedent(doc, tok, state.mentions, lambda i: state.owner[i], usable, plural,
                                 window_start, state.groups)

    def _first_person(self, doc: Doc, state: _State) -> None:
        """"I" is the speaker when a person; "we" the speaker's state or organisation."""
        tokens = [t for t in doc if t.lower_ in FIRST_PERSON and t.pos_ in ("PRON", "DET") and state.owner[t.i] is None]
        if not tokens:
            return

        def owner(i: int) -> str | None:  # "he said:" counts: third-person pronouns are resolved by now
            m = state.owner[i]
            return m.actor_id if m is not None else None

        def kind(actor_id: str) -> str | None:
            profile = self._profile(state, actor_id)
            return profile.kind if profile is not None else None

        def lookup(name: str) -> str | None:
            surface = self.gaz.surfaces.get(name)
            return surface.actor_id if surface is not None else None

        speakers = speaker_regions(doc, owner, kind, lookup)
        for tok in tokens:
            speaker = speakers[tok.i]
            profile = self._profile(state, speaker) if speaker else None
            if profile is None:
                continue
            actor_id = self._speaker_body(state, profile) if FIRST_PERSON[tok.lower_] == "body" else (
                profile.id if profile.kind == "person" else None)
            if actor_id is not None:
                state.add(tok.i, tok.i + 1, actor_id, "pronoun", None)

    def _speaker_body(self, state: _State, profile: ActorProfile) -> str | None:
        """The body a speaker says "we" for: itself, a person's organisation, or an official's state."""
        if profile.kind in ("country", "organisation", "group"):
            return profile.id
        related = [self._known(state, a) for a in (*profile.affiliations, *self.gaz.affiliated.get(profile.id, ()))]
        org = next((p for p in related if p is not None and p.kind in ("organisation", "group", "country")), None)
        if org is not None:
            return org.id
        if profile.country and len(profile.country) == 3 and profile.sector == "GOV":
            return profile.country if profile.country in self.gaz.entries else None
        return None

    # -- the component ---------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        state = _State(doc)
        self._gazetteer(doc, state)
        self._defined_acronyms(doc, state)
        self._entities(doc, state)
        self._shared_names(doc, state)
        self._fuzzy_tokens(doc, state)
        self._titles(doc, state)
        self._compounds(doc, state)
        self._appositive_titles(doc, state)
        self._affiliated(doc, state)
        self._capitals(doc, state)
        self._standalone(doc, state)
        self._local_organisations(doc, state)
        self._descriptions(doc, state)
        self._alliance_modifiers(doc, state)
        self._pronouns(doc, state)
        self._first_person(doc, state)
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
            group = state.groups.get(m.start, ()) if m.rule == "pronoun" else ()
            for other in group[1:]:  # "they" for "Qatar and Turkey": a mention of each
                profiles[other] = self._profile(state, other) or ActorProfile(other, other, known=False)
                mentions.append(Mention(span.start_char, span.end_char, span.text, other, m.rule,
                                        CONFIDENCE.get(m.rule, 0.5)))
            if group:
                span[0]._.fm_group = group
        doc._.fm_mentions, doc._.fm_profiles = mentions, profiles
        return doc
