"""RSS and Atom feeds (feedparser): a feed document → one :class:`RawInput` per entry."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from factionmap.model import IngestFailure, RawInput

__all__ = ["FeedEntry", "parse_feed", "entry_input", "fragment_text"]

_BLOCK_END = re.compile(r"<\s*(br|/p|/div|/li|/h[1-6]|/blockquote|/tr|/ul|/ol)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class FeedEntry:
    """One feed item: its position, link and the record built from its own content (if any)."""

    index: int
    link: str | None
    name: str
    record: RawInput | IngestFailure


def _iso(parsed: Any) -> str | None:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (feed content is a fragment, not a page): block ends
    become paragraph breaks, tags go, entities are decoded, spaces are collapsed."""
    text = html.unescape(_TAG.sub("", _BLOCK_END.sub("\n\n", fragment)))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _content(entry: Any) -> str | None:
    """The entry's full content, else its summary, as plain text."""
    details = [*(entry.get("content") or ()), entry.get("summary_detail") or {"value": entry.get("summary")}]
    for detail in details:
        value = (detail.get("value") or "").strip()
        if value:
            text = value if detail.get("type") == "text/plain" else fragment_text(value)
            if text:
                return text
    return None


def entry_input(entry: Any, name: str, feed_title: str | None) -> RawInput | IngestFailure:
    """The record for one entry, from its content or summary (as text: a fragment has no page
    structure for the HTML extractor to find)."""
    content = _content(entry)
    if content is None:
        return IngestFailure(name, "feed entry has no content or summary (fetch its link with --fetch-links)")
    return RawInput(
        name=name,
        content=content,
        fmt="text",
        url=entry.get("link") or None,
        title=(entry.get("title") or "").strip() or None,
        published=_iso(entry.get("published_parsed") or entry.get("updated_parsed"))
        or entry.get("published")
        or entry.get("updated"),
        source=feed_title,
        author=entry.get("author") or None,
    )


def parse_feed(data: bytes, name: str, base_url: str | None = None) -> Iterator[FeedEntry] | IngestFailure:
    """Parse a feed document (bytes only: feedparser is never handed a URL to fetch).

    Returns its entries, or a failure when it is not a well-formed RSS/Atom feed."""
    import feedparser

    headers = {"content-location": base_url} if base_url else None
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.get("version"):
        problem = parsed.get("bozo_exception")
        if problem is not None:
            return IngestFailure(name, f"malformed feed: {problem}")
        return IngestFailure(name, "not an RSS or Atom feed")
    problem = _malformation(parsed)
    if problem and not parsed.entries:
        return IngestFailure(name, f"malformed feed: {problem}")
    feed_title = (parsed.feed.get("title") or "").strip() or None
    return _entries(parsed.entries, name, feed_title, problem)


def _malformation(parsed: Any) -> str | None:
    """The feed's XML error, ignoring feedparser's benign encoding and content-type notes."""
    import feedparser

    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    benign = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    return None if problem is None or isinstance(problem, benign) else str(problem)


def _entries(entries: list[Any], name: str, feed_title: str | None, problem: str | None) -> Iterator[FeedEntry]:
    """The entries read; a malformed feed ends with a failure saying how far reading got."""
    for index, entry in enumerate(entries, start=1):
        where = f"{name}#entry-{index}"
        yield FeedEntry(index, entry.get("link") or None, where, entry_input(entry, where, feed_title))
    if problem:
        failure = IngestFailure(name, f"malformed feed: {problem} (after {len(entries)} entries)")
        yield FeedEntry(len(entries) + 1, None, name, failure)
