"""Provisional components; replaced by the event coder, quote and figure finders."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from factionmap.nlp import guarded


def _empty(attr: str):
    def run(doc: Doc) -> Doc:
        setattr(doc._, attr, [])
        return doc

    return run


def make_quote_finder(nlp: Language, name: str):
    return guarded(name, _empty("fm_quotes"))


def make_event_coder(nlp: Language, name: str, lexicon_files: list[str]):
    return guarded(name, _empty("fm_events"))


def make_figure_finder(nlp: Language, name: str):
    return guarded(name, _empty("fm_figures"))
