"""Page structure of plain-text pages, read from line cues.

A scraped page as text is usually: a title line, perhaps a byline, the body,
then a tail of author lines and bio, a comment section ("One thought on ...",
dated comment headers) and the comment form's boilerplate.  Lines are
labelled by :mod:`factionmap.document.cues`; anything without a cue is body,
so a text with no cues is one body section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factionmap.document import cues
from factionmap.document.dates import parse_date
from factionmap.model import Section

__all__ = ["Line", "TextStructure", "text_structure"]

_LINE_RE = re.compile(r"[^\n]+")
_SAYS_RE = re.compile(r"\s*(?:says|said|wrote|commented)\s*:?\s*$", re.I)


@dataclass(frozen=True, slots=True)
class Line:
    """A non-blank line: its stripped text and offsets in the page text."""

    start: int
    end: int
    text: str
    paragraph_start: bool


@dataclass(frozen=True, slots=True)
class TextStructure:
    """Sections found in a plain-text page, plus what the cues say about it."""

    sections: tuple[Section, ...]
    title: str | None = None
    author: str | None = None
    published: str | None = None


@dataclass(slots=True)
class _Label:
    kind: str
    group: int = 0
    author: str | None = None
    published: str | None = None


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with stripped offsets; ``paragraph_start`` after a blank line."""
    lines: list[Line] = []
    previous_end = -1
    for match in _LINE_RE.finditer(text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        start = match.start() + lead
        blank_before = previous_end < 0 or text.count("\n", previous_end, match.start()) >= 2
        lines.append(Line(start, start + len(stripped), stripped, blank_before))
        previous_end = match.end()
    return lines


def _comment_author_line(lines: list[Line], k: int) -> str | None:
    """A name line ("Jane Doe", "Jane Doe says:") followed by an author-less dated header."""
    if len(lines[k].text) > 80 or k + 1 >= len(lines):
        return None
    name = _SAYS_RE.sub("", lines[k].text).strip(" :")
    if not cues.looks_like_name(name):
        return None
    header = cues.comment_header(lines[k + 1].text)
    return name if header and header[0] is None else None


def _says_line(text: str) -> str | None:
    """"Jane Doe says:" alone on a line: the author of the comment that follows."""
    if len(text) > 80 or not _SAYS_RE.search(text):
        return None
    name = _SAYS_RE.sub("", text).strip(" :")
    return name if cues.looks_like_name(name) else None


def _title_and_top(lines: list[Line], labels: list[_Label]) -> int:
    """Label leading navigation lines, the title and top byline lines; return the index of the first other line."""
    k = 0
    while k < len(lines) - 1 and cues.is_boilerplate(lines[k].text):
        labels[k] = _Label("boilerplate")
        k += 1
    single_line_paragraph = k + 1 < len(lines) and lines[k + 1].paragraph_start and lines[k].paragraph_start
    if single_line_paragraph and cues.looks_like_title(lines[k].text):
        labels[k] = _Label("title", 1)
        k += 1
    for j in range(k, min(k + 3, len(lines) - 1)):
        author = cues.byline_author(lines[j].text)
        date = parse_date(lines[j].text) if len(lines[j].text) <= 60 else None
        if author:
            labels[j] = _Label("byline", author=author)
        elif date and date[2] - date[1] >= len(lines[j].text) * 0.5:
            labels[j] = _Label("byline", published=date[0])
        else:
            break
        k = j + 1
    return k


def _timed_header(text: str) -> bool:
    """A comment header with a time or an author: strong enough to start the comment tail."""
    header = cues.comment_header(text)
    return header is not None and (header[0] is not None or "T" in header[1])


def _plausible_anchor(lines: list[Line], k: int, first: int) -> bool:
    """A tail cue starts the tail when more text precedes it than follows, or comments follow at once."""
    before = sum(len(line.text) for line in lines[first:k])
    after = sum(len(line.text) for line in lines[k:])
    return before >= after or any(_timed_header(line.text) for line in lines[k : k + 4])


def _tail_anchor(lines: list[Line], first: int) -> int:
    """Index of the first comment heading, comment header or comment-form line that starts the tail."""
    for k in range(first + 1, len(lines)):
        text = lines[k].text
        cue = cues.is_comments_heading(text) or cues.is_form_boilerplate(text)
        cue = cue or _timed_header(text) or _comment_author_line(lines, k) is not None
        if cue and _plausible_anchor(lines, k, first):
            return k
    return len(lines)


def _author_region(lines: list[Line], labels: list[_Label], first: int, anchor: int) -> int:
    """Label the author lines and bio just before ``anchor``; return where they begin."""
    k = anchor
    seen_author_cue = False
    while k - 1 > first:
        text = lines[k - 1].text
        if cues.byline_author(text) and text.startswith("*"):
            seen_author_cue = True
        elif cues.is_bio_sentence(text):
            seen_author_cue = True
        elif not (cues.looks_like_name(text) or cues.is_boilerplate(text)):
            break
        k -= 1
    if not seen_author_cue:
        return anchor
    for j in range(k, anchor):
        text = lines[j].text
        author = cues.byline_author(text) if text.startswith("*") else None
        if author:
            labels[j] = _Label("byline", author=author)
        elif cues.is_boilerplate(text):
            labels[j] = _Label("boilerplate")
        else:
            labels[j] = _Label("author_bio")
    return k


def _label_tail(lines: list[Line], labels: list[_Label], anchor: int) -> None:
    """Comment headings, comments (one group each) and the form, from ``anchor`` to the end."""
    state, group, pending_author = "comments", 0, None
    current: _Label | None = None
    for k in range(anchor, len(lines)):
        text = lines[k].text
        header = cues.comment_header(text)
        author_line = None if header else _comment_author_line(lines, k) or _says_line(text)
        if author_line:
            pending_author = author_line
            group += 1
            current = _Label("comment", group, author_line)
            labels[k] = current
            state = "comments"
        elif header:
            if pending_author is None or current is None:
                group += 1
                current = _Label("comment", group, header[0], header[1])
            else:
                current.published = header[1]
            labels[k], pending_author, state = current, None, "comments"
        elif cues.is_comments_heading(text):
            labels[k], current, state = _Label("boilerplate"), None, "comments"
        elif cues.is_form_boilerplate(text):
            labels[k], current, state = _Label("boilerplate"), None, "form"
        elif cues.is_boilerplate(text):
            labels[k], current = _Label("boilerplate"), None
        elif state == "form":
            labels[k] = _Label("boilerplate")
        else:
            if current is None:
                group += 1
                current = _Label("comment", group)
            labels[k] = current


def _sections(lines: list[Line], labels: list[_Label]) -> tuple[Section, ...]:
    """Merge runs of equally labelled lines (a comment is one run) into sections."""
    sections: list[Section] = []
    run_start, previous = 0, None
    for k, label in enumerate(labels + [_Label("end", -1)]):
        if previous is not None and (label.kind, label.group) != (previous.kind, previous.group):
            sections.append(
                Section(previous.kind, lines[run_start].start, lines[k - 1].end, previous.author, previous.published)
            )
            run_start = k
        elif previous is None:
            run_start = k
        previous = label
    return tuple(sections)


def text_structure(text: str) -> TextStructure:
    """Split a plain-text page into title, byline, body, bio, comments and boilerplate sections."""
    lines = split_lines(text)
    if not lines:
        return TextStructure(())
    labels = [_Label("body") for _ in lines]
    first = _title_and_top(lines, labels)
    anchor = _tail_anchor(lines, first)
    body_end = _author_region(lines, labels, first, anchor)
    for k in range(first, body_end):
        if cues.is_boilerplate(lines[k].text):
            labels[k] = _Label("boilerplate")
    _label_tail(lines, labels, anchor)
    title = next((lines[k].text for k, label in enumerate(labels) if label.kind == "title"), None)
    author = next((lb.author for lb in labels if lb.kind == "byline" and lb.author), None)
    published = next((lb.published for lb in labels if lb.kind == "byline" and lb.published), None)
    return TextStructure(_sections(lines, labels), title, author, published)
