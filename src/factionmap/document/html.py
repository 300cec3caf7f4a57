"""Page structure of HTML pages: trafilatura for body and metadata, lxml for comments."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import trafilatura
from trafilatura.settings import Document as TrafilaturaDocument

from factionmap.document import cues
from factionmap.document.comments import Comment, clean_comment, find_comments, parse_html, visible_text
from factionmap.document.dates import iso_from_datetime_attr
from factionmap.document.deep import flatten_deep_html
from factionmap.document.parts import Part

__all__ = ["HtmlOptions", "HtmlPage", "extract_body", "html_page"]

_WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class HtmlOptions:
    """How bodies are chosen: the precise extraction unless it keeps far less than the default one."""

    min_share_of_default: float = 0.3
    check_default_below_words: int = 150
    include_tables: bool = True


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """What an HTML page gives: ordered parts and metadata."""

    parts: tuple[Part, ...]
    title: str | None = None
    author: str | None = None
    published: str | None = None
    sitename: str | None = None
    url: str | None = None


#: class/id words of the element holding an author's bio ("author-bio", "about-the-author", ...).
_BIO_CLASS = re.compile(r"(?:^|[\s_-])(?:bio|biography|about-?(?:the-?)?author|author-?(?:info|box|details|bio|about))(?:$|[\s_-])", re.I)


def _words(text: str | None) -> int:
    return len(_WORD_RE.findall(text or ""))


def _bare(content: str, url: str | None, **options: Any) -> TrafilaturaDocument | None:
    """trafilatura's ``bare_extraction`` that never raises on odd markup."""
    try:
        result = trafilatura.bare_extraction(content, url=url, **options)
    except (ValueError, TypeError, AttributeError, IndexError, KeyError, RecursionError):
        return None
    return result if isinstance(result, TrafilaturaDocument) else None


def extract_body(content: str, url: str | None = None, options: HtmlOptions | None = None) -> tuple[str, TrafilaturaDocument | None]:
    """The article body text and the extraction (with metadata) it came from.

    The precision-oriented extraction is preferred; when it keeps less than
    ``min_share_of_default`` of the words of trafilatura's default extraction
    (or nothing), the default one is used; the baseline extractor is the last resort.
    """
    options = options or HtmlOptions()
    common = {"include_comments": True, "include_tables": options.include_tables, "with_metadata": True}
    precise = _bare(content, url, favor_precision=True, **common)
    body = precise.text if precise and precise.text else ""
    chosen = precise
    if _words(body) < options.check_default_below_words:
        default = _bare(content, url, **common)
        default_body = default.text if default and default.text else ""
        if _words(body) < options.min_share_of_default * _words(default_body):
            body, chosen = default_body, default
    if not body.strip():
        body = _last_resort(content)
    return body, chosen


def _last_resort(content: str) -> str:
    """trafilatura's baseline extractor, then all the page's visible text."""
    try:
        _, body, _ = trafilatura.baseline(content)
    except (ValueError, TypeError, AttributeError):
        body = ""
    if body.strip():
        return body
    tree = parse_html(content)
    return visible_text(tree) if tree is not None else ""


def _same_text(a: str, b: str) -> bool:
    return " ".join(_WORD_RE.findall(a.lower())) == " ".join(_WORD_RE.findall(b.lower()))


def _line_kinds(lines: list[str]) -> list[str]:
    """Kind of each body line: bylines at the top, a bio at the end, boilerplate lines anywhere."""
    kinds = ["boilerplate" if cues.is_boilerplate(line) else "body" for line in lines]
    for k, line in enumerate(lines[:2]):
        if cues.byline_author(line):
            kinds[k] = "byline"
    k = len(lines)
    while k > 1 and (cues.is_bio_sentence(lines[k - 1]) or cues.looks_like_name(lines[k - 1])):
        k -= 1
    if any(cues.is_bio_sentence(line) for line in lines[k:]):
        kinds[k:] = ["author_bio"] * (len(lines) - k)
    return kinds


def _normal(line: str) -> str:
    return " ".join(_WORD_RE.findall(line.lower()))


def _comment_lines(comments: list[Part]) -> frozenset[str]:
    """Normalised lines (of four words or more) of the comments, to keep them out of the body."""
    lines = (_normal(line) for part in comments for line in part.text.split("\n"))
    return frozenset(line for line in lines if line.count(" ") >= 3)


def _body_parts(body: str, title: str | None, comment_lines: frozenset[str] = frozenset()) -> list[Part]:
    """The body as parts: a leading repeat of the title and lines of the comments are
    dropped; bylines, a closing author bio and share/subscribe/navigation lines are set apart."""
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    lines = [line for line in lines if _normal(line) not in comment_lines]
    if title and lines and _same_text(lines[0], title):
        lines = lines[1:]
    parts: list[Part] = []
    for line, kind in zip(lines, _line_kinds(lines)):
        if parts and parts[-1].kind == kind == "body":
            parts[-1] = Part("body", f"{parts[-1].text}\n{line}")
        else:
            author = cues.byline_author(line) if kind == "byline" else None
            parts.append(Part(kind, line, author=author))
    return parts


def _comment_parts(content: str, extraction: TrafilaturaDocument | None) -> list[Part]:
    tree = parse_html(content)
    comments: list[Comment] = find_comments(tree) if tree is not None else []
    if not comments and extraction is not None and extraction.comments:
        fallback = clean_comment(Comment(extraction.comments))
        comments = [fallback] if fallback else []
    return [Part("comment", c.text, c.author, c.published) for c in comments]


def _not_the_article(comments: list[Part], body: str, max_share: float = 0.3) -> list[Part]:
    """Drop "comments" that hold a large share of the body: markup that calls the article itself a comment."""
    body_lines = {_normal(line) for line in body.split("\n") if _normal(line).count(" ") >= 3}
    if not body_lines:
        return comments
    kept = []
    for part in comments:
        shared = body_lines & {_normal(line) for line in part.text.split("\n")}
        if len(shared) < max_share * len(body_lines) or len(shared) < 2:
            kept.append(part)
    return kept


def _published(content: str, extraction: TrafilaturaDocument | None, url: str | None) -> str | None:
    date = extraction.date if extraction is not None else None
    if not date:
        try:
            from htmldate import find_date

            date = find_date(content, url=url, original_date=True, extensive_search=False)
        except (ValueError, TypeError, AttributeError):
            date = None
    return iso_from_datetime_attr(date) if date else None


def canonical_url(content: str, extraction: TrafilaturaDocument | None = None) -> str | None:
    """The page's own address: ``<link rel="canonical">``, else ``og:url`` (absolute http(s) only)."""
    found = extraction.url if extraction is not None and extraction.url else None
    tree = parse_html(content) if not found else None
    if tree is not None:
        links = tree.xpath('//link[contains(concat(" ", normalize-space(@rel), " "), " canonical ")]/@href')
        metas = tree.xpath('//meta[@property="og:url" or @name="og:url"]/@content')
        found = next((str(v).strip() for v in (*links, *metas) if str(v).strip()), None)
    return found if found and re.match(r"^https?://[^\s/]+", found) else None


def _bio_parts(content: str, body: str, author: str | None) -> list[Part]:
    """An author bio the extractor left out: a block marked as a bio whose text reads as one."""
    tree = parse_html(content)
    if tree is None:
        return []
    known = {_normal(line) for line in body.split("\n")}
    for element in tree.iter():
        if not isinstance(element.tag, str) or not _BIO_CLASS.search(f"{element.get('class') or ''} {element.get('id') or ''}"):
            continue
        text = " ".join(visible_text(element).split())
        if text and _normal(text) not in known and cues.is_bio_sentence(text) and len(text) < 1200:
            return [Part("author_bio", text, author=author)]
    return []


def html_page(content: str, url: str | None = None, options: HtmlOptions | None = None) -> HtmlPage:
    """Title, byline, body, comments and metadata of an HTML page."""
    content = flatten_deep_html(content)
    body, extraction = extract_body(content, url, options)
    title = (extraction.title if extraction is not None else None) or None
    author = (extraction.author if extraction is not None else None) or None
    parts: list[Part] = []
    if title:
        parts.append(Part("title", title))
    if author:
        parts.append(Part("byline", author, author=author))
    comments = _not_the_article(_comment_parts(content, extraction), body)
    parts.extend(_body_parts(body, title, _comment_lines(comments)))
    if not any(part.kind == "author_bio" for part in parts):
        parts.extend(_bio_parts(content, body, author))
    parts.extend(comments)
    sitename = (extraction.sitename if extraction is not None else None) or None
    return HtmlPage(tuple(parts), title, author, _published(content, extraction, url), sitename,
                    url=canonical_url(content, extraction))
