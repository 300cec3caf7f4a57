"""What every pass of the resolver may use: the gazetteer, the lexicons and profile helpers."""

from __future__ import annotations

from collections.abc import Mapping

from rapidfuzz.distance import Levenshtein
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from factionmap.actors.data import Description, SectorTerm
from factionmap.actors.gazetteer import Gazetteer
from factionmap.actors.state import _State
from factionmap.actors.words import SECTOR_NAMES, generic_id
from factionmap.model import ActorProfile

__all__ = ["PassBase"]


class PassBase:
    """Attributes set by :class:`factionmap.actors.resolver.ActorResolver` and shared profile helpers."""

    gaz: Gazetteer
    matcher: PhraseMatcher
    description_matcher: PhraseMatcher
    terms: Mapping[str, SectorTerm]
    descriptions: Mapping[str, Description]
    places: Mapping[str, str]
    shared_names: Mapping[str, tuple[str, ...]]
    things: Mapping[str, str]
    authority_verbs: frozenset[str]
    words: Mapping[str, frozenset[str]]  # data/word_lists.tsv
    _institutions: dict[tuple[str, str], str | None]

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

    def _ethnic_host(self, doc: Doc, state: _State, start: int, own: str | None) -> str | None:
        """For a demonym after "ethnic" (``word_lists.tsv`` ``ethnic_markers``) at token ``start``, the
        country the people live in rather than the one the word names: the nearest other country or
        place of a country in the sentence, else in the text; None when no word marks an ethnicity
        ("ethnic Turks ... Sweden's decision" → SWE; "ethnic Albanians in Macedonia" → MKD)."""
        if start == 0 or doc[start - 1].lower_ not in self.words["ethnic_markers"]:
            return None
        return self._nearest_country(doc, state, start, besides=own, whole_text=True)

    def _nearest_country(self, doc: Doc, state: _State, at: int, besides: str | None = None,
                         whole_text: bool = False) -> str | None:
        """The country of the country or place of a country named nearest token ``at`` in its
        sentence (with ``whole_text``, else nearest in the text), other than ``besides``; pronouns
        are not counted."""
        sent = doc[at].sent
        best: tuple[tuple[int, int], str] | None = None
        for m in state.mentions:
            outside = int(not (sent.start <= m.start < sent.end))
            if (outside and not whole_text) or m.rule == "pronoun":
                continue
            profile = self._profile(state, m.actor_id)
            if profile is None or profile.kind not in ("country", "location") or not profile.country \
                    or profile.country == besides or profile.country not in self.gaz.entries:
                continue
            key = (outside, abs(m.start - at))
            if best is None or key < best[0]:
                best = (key, profile.country)
        return best[1] if best else None

    def _crowd_sector(self, doc: Doc, start: int, head: int, sector: str) -> str:
        """The sector of a phrase ``doc[start:head + 1]`` whose head noun has ``sector``: a crowd of
        protesters (OPP) named by a religion is that religious movement ("Muslim demonstrators" →
        MOS; ``sectors.tsv`` flag ``religion``); any other sector is kept."""
        if sector != "OPP":
            return sector
        for tok in doc[max(start, doc[head].left_edge.i):head]:
            term = self.terms.get(tok.lower_)
            if term is not None and term.religion:
                return term.sector
        return sector

    def _thing_name(self, doc: Doc, start: int, end: int) -> bool:
        """Whether a capitalised name is an agreement's, a document's or a meeting's by its head word
        (``things.tsv`` role ``name``): "Kampala Peace Accord", "Protocol of Accession"."""
        of = next((i for i in range(start + 1, end) if doc[i].lower_ == "of"), None)
        head = doc[of - 1] if of is not None else doc[end - 1]
        return not head.is_lower and self.things.get(head.lower_) == "name" \
            and doc[start:end].text not in self.gaz.surfaces

    def _misspelt_term(self, word: str) -> SectorTerm | None:
        """The sector noun a long head word of an organisation's name misspells ("Comission",
        "Goverment"): one edit, same first letter, words of seven letters or more, the only such noun."""
        if len(word) < 7:
            return None
        near = [t for w, t in self.terms.items() if len(w) >= 7 and w[0] == word[0] and abs(len(w) - len(word)) <= 1
                and " " not in w and Levenshtein.distance(w, word, score_cutoff=1) <= 1]
        return near[0] if len(near) == 1 else None
