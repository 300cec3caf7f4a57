"""Document: page structure (title, body, byline, bio, comments, boilerplate).

Provisional: the whole text is one body section; the page-structure work replaces this.
"""

from __future__ import annotations

from factionmap.model import Document, RawInput, Section, content_id

__all__ = ["DocumentError", "build_document"]


class DocumentError(ValueError):
    """The input cannot be turned into a document (empty, binary, ...)."""


def build_document(raw: RawInput) -> Document:
    if not raw.content.strip():
        raise DocumentError("empty document")
    text = raw.content
    return Document(
        id=raw.id or content_id(text),
        text=text,
        sections=(Section("body", 0, len(text)),),
        name=raw.name,
        url=raw.url,
        title=raw.title,
        published=raw.published,
        source=raw.source,
        author=raw.author,
    )
