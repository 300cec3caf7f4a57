"""Sanity checks on raw content: empty, binary garbage, unreadable text."""

from __future__ import annotations

import re

__all__ = ["content_problem"]

_SAMPLE = 20_000
#: Share of suspicious characters above which content is taken for binary data.
_MAX_BAD_SHARE = 0.10
#: Control characters other than whitespace, C1 controls, surrogates, private use, replacement marks.
_BAD_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufffd]")
_WORD_RE = re.compile(r"[^\W_]")


def content_problem(content: str) -> str | None:
    """Why ``content`` cannot be a document, or None when it looks like text."""
    if not content or not content.strip():
        return "empty document (no text)"
    sample = content[:_SAMPLE]
    if "\x00" in sample:
        return "binary content (NUL bytes), not a text or HTML page"
    bad = len(_BAD_RE.findall(sample))
    if bad / len(sample) > _MAX_BAD_SHARE:
        return f"binary or undecodable content ({bad} of {len(sample)} characters are control or replacement characters)"
    if _WORD_RE.search(content) is None:
        return "no words (only punctuation or symbols)"
    return None
