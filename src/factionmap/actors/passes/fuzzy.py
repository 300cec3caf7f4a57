"""Misspelt names of known persons (rapidfuzz, first letter and length guarded)."""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein
from spacy.tokens import Doc

from factionmap.actors.gazetteer import slug
from factionmap.actors.passes.base import PassBase
from factionmap.actors.state import _State
from factionmap.actors.words import _vowel_variant
from factionmap.model import ActorProfile

__all__ = ["FuzzyPass"]


class FuzzyPass(PassBase):
    """Methods of the resolver's fuzzy pass (see :mod:`factionmap.actors.resolver`)."""

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

    def _known_places(self, doc: Doc, state: _State) -> None:
        """A proper noun the parser did not name as a person, organisation or place that is a known
        place (city and region lists) is that place: "Manbij", read as a product; one title-case word,
        not at a sentence start."""
        for tok in doc:
            if state.owner[tok.i] is not None or tok.pos_ != "PROPN" or not tok.is_title or tok.is_sent_start \
                    or tok.ent_type_ in ("PERSON", "ORG", "NORP", "FAC", "GPE", "LOC") or len(tok.text) < 4 \
                    or tok.lower_ in self.words["not_places"]:
                continue
            country = self.places.get(tok.text)
            if country is None or tok.text in self.gaz.surfaces or (tok.i + 1 < len(doc) and doc[tok.i + 1].is_title) \
                    or self._thing(doc, tok.i, tok.i + 1):  # "the USS Carney"
                continue
            actor_id = "loc-" + slug(tok.text)
            state.add(tok.i, tok.i + 1, actor_id, "ner", ActorProfile(actor_id, tok.text, country, None, "location", (), True))

    def _fuzzy_tokens(self, doc: Doc, state: _State) -> None:
        for tok in doc:
            if state.owner[tok.i] is None and tok.pos_ == "PROPN" and tok.is_title and not tok.is_sent_start:
                if tok.text in self.gaz.surfaces or tok.text in self.places:
                    continue
                actor_id = self._fuzzy(tok.text, state)
                if actor_id is not None:
                    state.add(tok.i, tok.i + 1, actor_id, "fuzzy", self._profile(state, actor_id))
