"""Recognise actor mentions in a spaCy ``Doc`` and resolve them to coded actors.

Steps, in order, each only over tokens not yet covered by a mention:

1. gazetteer phrase matches (actor file names, aliases, acronyms; countries with
   their names, demonyms, capitals and seats of power);
2. acronyms defined in the text: "Government of National Accord (GNA)";
3. named entities (none for things: weapons, ships, operations, agreements; ``things.tsv``): exact
   names, the surname of a person already named, misspellings
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
   a capitalised title used as a name ("Defence Secretary signs ...") is the holder just named, else
   an unknown person of the title's sector;
8. first person: "I" → the speaker (quotation, "X said:" statement, transcript label), "we" / "our"
   → the speaker's state or organisation, or the body issuing the statement
   (:mod:`factionmap.actors.speakers`); left unresolved when the text does not say who speaks;
9. an inhabited place of a known country is coded as its people (``<country>CVL``: "imposed a curfew
   in Cizre"), not places without people ("Suez Canal"; ``word_lists.tsv`` ``uninhabited_heads``).

Also: a religion before a crowd noun makes it a religious movement ("Muslim demonstrators" → MOS;
``sectors.tsv`` flag ``religion``); "ethnic Turks" are the people of the country they live in; a
sector noun before a body noun names the body ("opposition coalition"); people driven out ("West
Africans ordered out of Ghana", "Afghans expelled from Iran") are refugees (REF) of their country or,
with none of their own, of the place they left (:mod:`.passes.displaced`); a concealed explosive that
kills ("killed by a roadside bomb") stands for unidentified armed men (UAF) of the place
(:mod:`.passes.unattributed`); a resolved possessive pronoun gives its sector noun the possessor
("its troops"); civil words before a body noun are NGOs ("aid agencies"); a country before a known
name picks the namesake who served it ("Jordan's King Abdullah"); a demonym before a place noun is
a place ("the Libyan capital").

The steps run in the order :data:`PASSES` declares; each lives in a module of
:mod:`factionmap.actors.passes` (gazetteer, acronyms, entities, fuzzy, titles, compounds, context,
places, references, displaced, unattributed) as a method over the shared :class:`factionmap.actors.state._State`; the fixed
word sets they share are in :mod:`factionmap.actors.words`, the lexicons in ``factionmap/data``.
Known actors are profiled as of the document's published date (``doc._.fm_published``; see the
``roles`` of :mod:`factionmap.actors.data`).

Titles: "former" officials are coded ``ELI``; a titled person with no country of its own takes the
section's main country, not counting other persons, with ties going to the nearest country.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from factionmap.actors.data import (Description, SectorTerm, authority_verbs, city_countries, descriptions,
                                   sector_terms, shared_country_names, things, word_lists)
from factionmap.actors.gazetteer import Gazetteer
from factionmap.actors.passes import (AcronymPass, CompoundPass, ContextPass, DisplacedPass, EntityPass, FuzzyPass,
                                      GazetteerPass, PlacePass, PossessivePass, ReferencePass, TitlePass,
                                      UnattributedPass)
from factionmap.actors.state import _State
from factionmap.actors.words import CONFIDENCE, SECTOR_NAMES, generic_id
from factionmap.model import ActorProfile, Mention

__all__ = ["ActorResolver", "CONFIDENCE", "PASSES", "SECTOR_NAMES", "generic_id"]

#: The passes in the order they run; each is a method ``_<name>(doc, state)`` of one pass module.
PASSES: tuple[str, ...] = (
    "gazetteer", "defined_acronyms", "entities", "shared_names", "homonym_places", "fuzzy_tokens", "known_places", "titles", "country_namesakes",
    "compounds", "appositive_titles", "affiliated", "capitals", "standalone", "civil_groups", "body_heads", "local_organisations", "displaced", "unattributed", "descriptions",
    "bare_titles", "alliance_modifiers", "pronouns", "first_person", "place_people",
)


class ActorResolver(GazetteerPass, AcronymPass, EntityPass, FuzzyPass, TitlePass, CompoundPass, ContextPass,
                    PlacePass, ReferencePass, DisplacedPass, UnattributedPass, PossessivePass):
    """The ``factionmap_actors`` component (see the module docstring)."""

    def __init__(self, gazetteer: Gazetteer, matcher: PhraseMatcher, description_matcher: PhraseMatcher) -> None:
        self.gaz = gazetteer
        self.matcher = matcher
        self.description_matcher = description_matcher
        self.terms: Mapping[str, SectorTerm] = sector_terms()
        self.descriptions: Mapping[str, Description] = descriptions()
        self.places: Mapping[str, str] = city_countries()
        self.shared_names: Mapping[str, tuple[str, ...]] = shared_country_names()
        self.things: Mapping[str, str] = things()
        self.authority_verbs: frozenset[str] = authority_verbs()
        self.words: Mapping[str, frozenset[str]] = word_lists()
        self._institutions: dict[tuple[str, str], str | None] = {}  # (country, phrase) → actor id

    def __call__(self, doc: Doc) -> Doc:
        state = _State(doc)
        for name in PASSES:
            getattr(self, f"_{name}")(doc, state)
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
