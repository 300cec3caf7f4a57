"""The ``factionmap_events`` component factory.

:func:`make_event_coder` compiles the bundled trigger lexicon plus any
user lexicon files once, and returns the guarded :class:`EventCoder`
(:mod:`.coder_next`), which sets ``doc._.fm_events``.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from factionmap.events.coder_next import EventCoder
from factionmap.events.lexicon import load_lexicon
from factionmap.nlp import guarded

__all__ = ["EventCoder", "make_event_coder"]


def make_event_coder(nlp: Language, name: str, lexicon_files: list[str]) -> Callable[[Doc], Doc]:
    """spaCy factory: the event coder over the bundled lexicon extended by ``lexicon_files``."""
    lexicon = load_lexicon(tuple(str(f) for f in lexicon_files))
    return guarded(name, EventCoder(lexicon))
