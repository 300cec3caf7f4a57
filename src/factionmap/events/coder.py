"""Provisional component (sets `doc._.fm_events` to an empty list); its owner replaces it."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from factionmap.nlp import guarded

__all__ = ["make_event_coder"]


def _empty(doc: Doc) -> Doc:
    doc._.fm_events = []
    return doc


def make_event_coder(nlp: Language, name: str, lexicon_files: list[str]):
    return guarded(name, _empty)
