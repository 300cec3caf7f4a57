"""Pieces of a page and their assembly into one text with section offsets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factionmap.model import Section

__all__ = ["Part", "join_parts", "SEPARATOR"]

SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Part:
    """A stretch of extracted text that becomes one section."""

    kind: str
    text: str
    author: str | None = None
    published: str | None = None


def join_parts(parts: Sequence[Part], separator: str = SEPARATOR) -> tuple[str, tuple[Section, ...]]:
    """Join non-empty parts with ``separator``; each part's section indexes the joined text."""
    chunks: list[str] = []
    sections: list[Section] = []
    offset = 0
    for part in parts:
        text = part.text.strip()
        if not text:
            continue
        if chunks:
            chunks.append(separator)
            offset += len(separator)
        sections.append(Section(part.kind, offset, offset + len(text), part.author, part.published))
        chunks.append(text)
        offset += len(text)
    return "".join(chunks), tuple(sections)
