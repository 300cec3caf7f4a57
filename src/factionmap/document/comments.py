"""Reader comments from common comment markup (WordPress, Disqus-like, generic).

trafilatura gives all comments as one text; here each comment becomes its own
record with its author and date where the markup gives them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import html as lxml_html
from lxml.etree import ParserError, XMLSyntaxError, _Element

from factionmap.document import cues
from factionmap.document.dates import iso_from_datetime_attr, parse_date

__all__ = ["Comment", "MIN_ANONYMOUS_WORDS", "clean_comment", "find_comments", "parse_html", "visible_text"]

#: Words a comment with neither author nor date needs to be kept.
MIN_ANONYMOUS_WORDS = 10
_WORD_RE = re.compile(r"\w+")

_ITEM_CLASSES = frozenset({"comment", "comment-item", "commentlist-item", "comment-list-item", "js-comment", "c-comment"})
_CONTAINER_RE = re.compile(r"(^|[\s_-])(comments?|commentlist|comment-list|disqus_thread|discussion)([\s_-]|$)", re.I)
_CONTENT_RE = re.compile(r"(^|\s)(comment-content|comment-text|comment_text|comment-body-text|commentcontent|post-message|comment__body|comment-message|comment_content)(\s|$)", re.I)
_AUTHOR_RE = re.compile(r"(^|\s)(fn|comment-author|comment-author-name|comment__author|author|author-name|username|commenter|comment-user|post-byline)(\s|$)", re.I)
_META_RE = re.compile(r"(^|\s)(comment-meta|comment-metadata|comment__meta|reply|comment-reply-link|post-meta|comment-date|comment-time|says|avatar|comment-actions)(\s|$)", re.I)
_DATE_RE = re.compile(r"(^|\s)(comment-date|comment-time|comment-metadata|comment-meta|date|time|timestamp|post-meta)(\s|$)", re.I)
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "blockquote", "article", "section", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "tr"})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "form", "textarea", "button", "svg", "img", "input"})
_SAYS_RE = re.compile(r"\s*(says|said|wrote)\s*:?\s*$", re.I)


@dataclass(frozen=True, slots=True)
class Comment:
    """One reader comment."""

    text: str
    author: str | None = None
    published: str | None = None


def parse_html(content: str) -> _Element | None:
    """An lxml tree of ``content``, or None when it cannot be parsed."""
    try:
        data = content.encode("utf-8", "replace")
        parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, huge_tree=True)  # no 256-level cap
        return lxml_html.fromstring(data, parser=parser)
    except (ParserError, XMLSyntaxError, ValueError):
        return None


def _classes(element: _Element) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}".strip()


def _is_item(element: _Element) -> bool:
    if not isinstance(element.tag, str) or element.tag not in {"li", "article", "div", "section"}:
        return False
    tokens = set((element.get("class") or "").split())
    if tokens & _ITEM_CLASSES or re.fullmatch(r"comment-\d+", element.get("id") or ""):
        return True
    if "post" not in tokens or element.tag not in {"li", "article"}:
        return False
    return any(_CONTAINER_RE.search(_classes(a)) for a in element.iterancestors())


def _text(element: _Element, skip: set[_Element]) -> str:
    """Text of ``element`` with line breaks at blocks, leaving out ``skip`` subtrees."""
    parts: list[str] = []

    def walk(node: _Element) -> None:
        if node in skip or not isinstance(node.tag, str) or node.tag in _SKIP_TAGS:
            if node.tail and node is not element:
                parts.append(node.tail)
            return
        if node.tag in _BLOCK_TAGS:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if node.tag in _BLOCK_TAGS:
            parts.append("\n")
        if node.tail and node is not element:
            parts.append(node.tail)

    walk(element)
    lines = (re.sub(r"[ \t\r\f\v\xa0]+", " ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def visible_text(element: _Element) -> str:
    """All readable text under ``element``, a line per block (scripts and forms left out)."""
    return _text(element, set())


def _own(item: _Element, nested: set[_Element], pattern: re.Pattern[str]) -> list[_Element]:
    """Descendants of ``item`` whose class/id match ``pattern``, outside nested comments."""
    found = []
    for node in item.iterdescendants():
        if not isinstance(node.tag, str) or not pattern.search(node.get("class") or ""):
            continue
        if any(a in nested for a in node.iterancestors() if a is not item) or node in nested:
            continue
        found.append(node)
    return found


def _author(item: _Element, nested: set[_Element]) -> str | None:
    for node in _own(item, nested, _AUTHOR_RE):
        name = _SAYS_RE.sub("", " ".join(node.text_content().split())).strip(" :")
        if name and len(name) <= 80:
            return name
    return None


def _published(item: _Element, nested: set[_Element]) -> str | None:
    for node in item.iterdescendants("time"):
        if any(a in nested for a in node.iterancestors() if a is not item):
            continue
        iso = iso_from_datetime_attr(node.get("datetime")) or iso_from_datetime_attr(node.text_content())
        if iso:
            return iso
    for node in _own(item, nested, _DATE_RE):
        parsed = parse_date(node.text_content())
        if parsed:
            return parsed[0]
    return None


def _comment(item: _Element, items: set[_Element]) -> Comment | None:
    nested = {other for other in item.iterdescendants() if other in items}
    content = _own(item, nested, _CONTENT_RE)
    if content:
        text = "\n".join(_text(node, nested) for node in content)
    else:
        skip = nested | set(_own(item, nested, _META_RE)) | set(_own(item, nested, _AUTHOR_RE))
        skip |= set(item.iterdescendants("time"))
        text = _text(item, skip)
    text = text.strip()
    if not text:
        return None
    return Comment(text, _author(item, nested), _published(item, nested))


def _is_chrome(line: str) -> bool:
    """Comment-section furniture: headings, form lines, "Reply", dated headers."""
    return (
        cues.is_comments_heading(line)
        or cues.is_form_boilerplate(line)
        or cues.is_boilerplate(line)
        or cues.comment_header(line) is not None
    )


def clean_comment(comment: Comment) -> Comment | None:
    """The comment without furniture lines; None when nothing worth a section is left.

    A comment with neither author nor date needs a few words of its own, so
    widget texts ("0 Comments", "Join the discussion") are not taken for comments.
    """
    lines = [line for line in comment.text.split("\n") if line.strip() and not _is_chrome(line.strip())]
    text = "\n".join(lines).strip()
    if not text:
        return None
    if comment.author is None and comment.published is None and len(_WORD_RE.findall(text)) < MIN_ANONYMOUS_WORDS:
        return None
    return Comment(text, comment.author, comment.published)


def find_comments(tree: _Element) -> list[Comment]:
    """Each comment in document order, nested replies as comments of their own."""
    items = [element for element in tree.iter() if _is_item(element)]
    item_set = set(items)
    found = (_comment(item, item_set) for item in items)
    cleaned = (clean_comment(comment) for comment in found if comment is not None)
    return [comment for comment in cleaned if comment is not None]
