"""Gazetteer matches, names several countries share, places and organisations that contain a country name."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc

from factionmap.actors.data import shared_name_readings
from factionmap.actors.gazetteer import Surface, slug
from factionmap.actors.passes.base import PassBase
from factionmap.actors.state import _M, _State
from factionmap.actors.words import LOCATIVE
from factionmap.model import ActorProfile

__all__ = ["GazetteerPass"]


class GazetteerPass(PassBase):
    """Methods of the resolver's gazetteer pass (see :mod:`factionmap.actors.resolver`)."""

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
        such evidence, or of neighbours named (``shared_names.tsv``: "Congo and Rwanda"), the default
        reading that file gives, else the gazetteer's."""
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
        readings = shared_name_readings()
        for m in shared:
            candidates = self.shared_names[name(m)]
            reading = readings.get(name(m))
            score = Counter({c: votes[c] for c in candidates})
            if reading is not None:  # neighbours named ("Congo and Rwanda") and the default reading
                for c in candidates:
                    score[c] += sum(votes[n] for n in reading.evidence.get(c, ()))
                score[reading.default_at(state.date)] += 0.5
            best = max(candidates, key=lambda c: score[c])
            if score[best] > score[m.actor_id] and best in self.gaz.entries:
                state.remove(m)
                state.add(m.start, m.end, best, m.rule, self._known(state, best))

    def _homonym_places(self, doc: Doc, state: _State) -> None:
        """A country name that is also a place of another country ("Georgia" beside "Atlanta") is that
        place when the text names other places of that country and nothing else of the first one."""
        def name(m: _M) -> str:
            return doc[m.start + 1 if doc[m.start].lower_ == "the" else m.start:m.end].text

        found: dict[str, list[_M]] = {}
        located: Counter[str] = Counter()
        located_at: dict[str, list[int]] = {}
        for m in state.mentions:
            profile = self._profile(state, m.actor_id)
            if profile is not None and profile.kind == "country":
                found.setdefault(profile.country or "", []).append(m)
            elif profile is not None and profile.kind == "location" and profile.country:
                located[profile.country] += 1
                located_at.setdefault(profile.country, []).append(m.start)
        for country, mentions in found.items():
            texts = {name(m) for m in mentions}
            other = self.places.get(next(iter(texts))) if len(texts) == 1 else None
            if other is None or other == country or not located[other] or located[country] \
                    or any(m.rule != "alias" or not self._placed(doc, m, located_at.get(other, ())) for m in mentions):
                continue
            for m in mentions:
                actor_id = "loc-" + slug(name(m))
                state.profiles.setdefault(actor_id, ActorProfile(actor_id, name(m), other, None, "location", (), True))
                m.actor_id, m.rule = actor_id, "alias"

    @staticmethod
    def _placed(doc: Doc, m: _M, places: Sequence[int]) -> bool:
        """Whether a mention reads as a place ("in Georgia", "Atlanta, Georgia") in a sentence that
        names another place of the same country."""
        root = doc[m.start:m.end].root
        while root.dep_ == "conj" and root.head.i < root.i:
            root = root.head
        where = root.dep_ in ("appos", "npadvmod") or (root.dep_ == "pobj" and root.head.lower_ in LOCATIVE - {"of", "on"})
        return where and any(root.sent.start <= i < root.sent.end for i in places)

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
        term = self.terms.get(head.lower_) or self.terms.get(head.lemma_.lower()) or self._misspelt_term(head.lower_)
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
