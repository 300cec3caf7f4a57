"""Events, quotes and figures read from parsed sentences."""

from __future__ import annotations

from factionmap.events.component import make_event_coder, make_figure_finder, make_quote_finder
from factionmap.events.dedupe import deduplicate

__all__ = ["deduplicate", "make_event_coder", "make_figure_finder", "make_quote_finder"]
