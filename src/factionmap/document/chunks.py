"""Long sections split into parseable chunks, offsets preserved.

A section longer than the parser's limit (spaCy refuses texts over ``nlp.max_length``,
and its cost grows faster than linearly on one huge text) is cut into consecutive
:class:`~factionmap.model.Section` pieces of the same kind, each at most ``max_chars``
long.  A cut falls at the last paragraph break in the window, else the last sentence
end, else the last space, else (one unbroken run of characters) at ``max_chars``.
Each window is searched once, so the work is linear in the section's length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from factionmap.model import Section

__all__ = ["split_section", "split_sections"]

#: Boundaries tried in order, best first: paragraph break, sentence end, any space.
_BOUNDARIES: tuple[re.Pattern[str], ...] = (
    re.compile(r"\n\s*\n"),
    re.compile(r"[.!?…][\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)


def _cut(text: str, start: int, limit: int) -> int:
    """Where the chunk starting at ``start`` ends (``start < cut <= limit``)."""
    floor = start + (limit - start) // 2  # never cut so early that chunks become tiny
    for pattern in _BOUNDARIES:
        last = None
        for match in pattern.finditer(text, floor, limit):
            last = match
        if last is not None and last.end() > start:
            return last.end()
    return limit


def split_section(text: str, section: Section, max_chars: int) -> Iterator[Section]:
    """``section`` of ``text`` as pieces of at most ``max_chars`` characters (itself when short)."""
    if max_chars <= 0 or section.end - section.start <= max_chars:
        yield section
        return
    start = section.start
    while section.end - start > max_chars:
        end = _cut(text, start, start + max_chars)
        yield replace(section, start=start, end=end)
        start = end
    if start < section.end:
        yield replace(section, start=start, end=section.end)


def split_sections(text: str, sections: Iterable[Section], max_chars: int) -> list[Section]:
    """Every section split with :func:`split_section`, in order."""
    return [piece for section in sections for piece in split_section(text, section, max_chars)]
