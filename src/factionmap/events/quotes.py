"""Provisional component (sets `doc._.fm_quotes` to an empty list); its owner replaces it."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from factionmap.nlp import guarded

__all__ = ["make_quote_finder"]


def _empty(doc: Doc) -> Doc:
    doc._.fm_quotes = []
    return doc


def make_quote_finder(nlp: Language, name: str):
    return guarded(name, _empty)
