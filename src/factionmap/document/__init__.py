"""Document: page structure (title, body, byline, author bio, comments, boilerplate).

:func:`build_document` turns a :class:`RawInput` into a :class:`Document`
whose ``text`` every section's offsets index.  Plain text keeps its text
(line endings normalised) and is split by cues (:mod:`.text`); HTML is
extracted with trafilatura and lxml (:mod:`.html`) and the text is the
sections' texts joined.  The language is detected on the readable text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from factionmap.document.checks import content_problem
from factionmap.document.html import HtmlOptions, html_page
from factionmap.document.language import detect_language
from factionmap.document.parts import Part, join_parts
from factionmap.document.text import text_structure
from factionmap.ingest.clean import clean_content, clean_metadata
from factionmap.ingest.published import normalise_published
from factionmap.model import Document, RawInput, Section, content_id

__all__ = ["DocumentError", "HtmlOptions", "build_document", "body_text"]

_CLOSING_TAG_RE = re.compile(r"</(?:p|div|body|article|span|li|h[1-6])>")
_WORD_RE = re.compile(r"[^\W_]")
_READABLE = frozenset({"title", "body", "comment"})


class DocumentError(ValueError):
    """The input cannot be turned into a document (empty, binary, no extractable text, ...)."""


def _normalise(content: str) -> str:
    return content.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _looks_like_html(content: str) -> bool:
    """A text input that is in fact a whole HTML page."""
    head = content.lstrip()[:5000].lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    return head.startswith("<") and _CLOSING_TAG_RE.search(head) is not None


def body_text(document: Document) -> str:
    """The text of the document's body sections, joined by blank lines."""
    return "\n\n".join(document.section_text(s) for s in document.sections if s.kind == "body")


def _language(text: str, sections: tuple[Section, ...]) -> str | None:
    """Language of the readable sections (a sample of each: detection needs only a few thousand characters)."""
    readable = " ".join(text[s.start : min(s.end, s.start + 5000)] for s in sections if s.kind in _READABLE)
    return detect_language(readable or text[:5000])


def _from_text(raw: RawInput, text: str) -> Document:
    structure = text_structure(text)
    if not any(s.kind in _READABLE for s in structure.sections):
        raise DocumentError(f"{raw.name}: no readable text (only bylines, bios or boilerplate)")
    return Document(
        id=raw.id or content_id(text),
        text=text,
        sections=structure.sections,
        name=raw.name,
        url=raw.url,
        title=raw.title or structure.title,
        author=raw.author or structure.author,
        published=raw.published or structure.published,
        source=raw.source,
        language=_language(text, structure.sections),
    )


def _from_html(raw: RawInput, content: str, options: HtmlOptions | None) -> Document:
    page = html_page(content, raw.url, options)
    parts = page.parts
    if raw.title and not any(p.kind == "title" for p in parts):
        parts = (Part("title", raw.title), *parts)
    text, sections = join_parts(parts)
    if not any(s.kind in ("body", "comment") and _WORD_RE.search(text[s.start : s.end]) for s in sections):
        raise DocumentError(f"{raw.name}: malformed or empty HTML, no extractable text")
    return Document(
        id=raw.id or content_id(text),
        text=text,
        sections=sections,
        name=raw.name,
        url=raw.url or page.url,
        title=raw.title or page.title,
        author=raw.author or page.author,
        published=raw.published or page.published,
        source=raw.source or page.sitename,
        language=_language(text, sections),
    )


def build_document(raw: RawInput, options: HtmlOptions | None = None) -> Document:
    """Split ``raw`` into sections; raise :class:`DocumentError` naming the input when it cannot be read.

    ``published`` is normalised to ISO 8601 (:func:`normalise_published`); a value written
    otherwise is kept in ``published_raw``.  Terminal control characters are replaced."""
    problem = content_problem(raw.content)
    if problem:
        raise DocumentError(f"{raw.name}: {problem}")
    content = _normalise(raw.content)
    if raw.fmt == "html" or _looks_like_html(content):
        try:
            return _finished(_from_html(raw, content, options))
        except DocumentError:
            raise
        except Exception as exc:  # noqa: BLE001 - one odd page must not stop a batch
            raise DocumentError(f"{raw.name}: HTML extraction failed ({type(exc).__name__}: {exc})") from exc
    return _finished(_from_text(raw, content))


def _finished(document: Document) -> Document:
    """``published`` as ISO 8601 (the value as written kept in ``published_raw`` when it
    differs); no terminal control characters in the metadata or text pages give (each is
    replaced by one U+FFFD, so offsets hold)."""
    changes: dict[str, str | None] = {}
    given = document.published
    iso = normalise_published(given)
    if iso != given:
        changes.update(published=iso, published_raw=given)
    for name in ("title", "author", "source"):
        value = getattr(document, name)
        if value is not None and clean_metadata(value) != value:
            changes[name] = clean_metadata(value)
    if clean_content(document.text) != document.text:
        changes["text"] = clean_content(document.text)
    return replace(document, **changes) if changes else document
