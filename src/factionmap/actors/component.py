"""The actor-resolution spaCy component (provisional: NER entities only)."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from factionmap.model import ActorProfile, Mention
from factionmap.nlp import guarded

ACTOR_LABELS = {"PERSON": "person", "ORG": "organisation", "GPE": "location", "NORP": "group"}


class ActorResolver:
    def __call__(self, doc: Doc) -> Doc:
        mentions, profiles = [], {}
        for ent in doc.ents:
            if ent.label_ not in ACTOR_LABELS:
                continue
            actor_id = "x-" + re.sub(r"[^a-z0-9]+", "-", ent.text.lower()).strip("-")
            mentions.append(Mention(ent.start_char, ent.end_char, ent.text, actor_id, rule="ner", confidence=0.5))
            profiles.setdefault(actor_id, ActorProfile(actor_id, ent.text, kind=ACTOR_LABELS[ent.label_], known=False))
            for token in ent:
                token._.fm_actor = actor_id
        doc._.fm_mentions, doc._.fm_profiles = mentions, profiles
        return doc


def make_actor_resolver(nlp: Language, name: str, actor_files: list[str]):
    return guarded(name, ActorResolver())
