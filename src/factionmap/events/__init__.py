"""Events, quotes and figures read from parsed sentences.

Components (in pipeline order after the actors component):
``factionmap_quotes`` (:mod:`.quotes`), ``factionmap_events`` (:mod:`.coder`),
``factionmap_figures`` (:mod:`.figures`); :func:`deduplicate` merges repeated
events at document level.
"""

from __future__ import annotations

from factionmap.events.coder import make_event_coder
from factionmap.events.dedupe import deduplicate
from factionmap.events.figures import make_figure_finder
from factionmap.events.quotes import make_quote_finder

__all__ = ["deduplicate", "make_event_coder", "make_figure_finder", "make_quote_finder"]
