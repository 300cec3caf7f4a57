"""HTML nested deeper than libxml2 parses by default (256 levels), flattened first.

trafilatura parses pages with lxml's default limits, which silently drop everything below
the 256th level of nesting: a page of machine-made wrappers then "has no text".
:func:`flatten_deep_html` parses such a page without the limit and unwraps the excess
container elements (``div``, ``span``, ...), keeping their text, children and every
block element, so the text is read; pages within the limit are returned unchanged.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

__all__ = ["MAX_DEPTH", "flatten_deep_html", "max_depth"]

#: Nesting kept; well under libxml2's 256 so that trafilatura's own wrapping still fits.
MAX_DEPTH = 180
_WRAPPERS = frozenset({"div", "span", "section", "article", "main", "font", "b", "i", "em", "strong", "center",
                       "aside", "header", "footer", "nav", "figure", "u", "small", "big", "a", "table", "tbody",
                       "tr", "td", "th", "ul", "ol", "li", "blockquote", "form", "label"})
_CHEAP_TAG_COUNT = 256  # fewer opening tags than this cannot nest too deep
_NAMES = "|".join(sorted(_WRAPPERS, key=len, reverse=True))
#: 32 or more wrapper tags in a row with nothing but spaces between: one is as good as all
#: (even libxml2's huge mode stops at 2,048 levels, so such runs are collapsed as text first).
_OPEN_RUN = re.compile(rf"(<(?:{_NAMES})\b[^<>]{{0,300}}>)(?:\s*<(?:{_NAMES})\b[^<>]{{0,300}}>){{31,}}", re.I)
_CLOSE_RUN = re.compile(rf"(</(?:{_NAMES})\s*>)(?:\s*</(?:{_NAMES})\s*>){{31,}}", re.I)


def _parse(content: str) -> etree._Element | None:
    try:
        parser = lxml_html.HTMLParser(encoding="utf-8", huge_tree=True)
        return lxml_html.fromstring(content.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def _too_deep(root: etree._Element, limit: int) -> list[etree._Element]:
    """Wrapper elements nested deeper than ``limit`` (one pass, depth tracked on a stack)."""
    found: list[etree._Element] = []
    depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            depth += 1
            if depth > limit and element.tag in _WRAPPERS:
                found.append(element)
        else:
            depth -= 1
    return found


def max_depth(content: str) -> int:
    """The deepest element nesting of an HTML page (0 when it cannot be parsed)."""
    root = _parse(content)
    if root is None:
        return 0
    deepest = depth = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def flatten_deep_html(content: str, limit: int = MAX_DEPTH) -> str:
    """``content`` with wrappers below ``limit`` levels unwrapped; unchanged when none are."""
    if content.count("<") < _CHEAP_TAG_COUNT:
        return content
    content = _CLOSE_RUN.sub(r"\1", _OPEN_RUN.sub(r"\1", content))
    root = _parse(content)
    if root is None:
        return content
    excess = _too_deep(root, limit)
    if not excess:
        return content
    for element in reversed(excess):  # innermost first: each unwrap moves only its own children
        element.drop_tag()
    return lxml_html.tostring(root, encoding="unicode")
