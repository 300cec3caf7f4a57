"""Sanity checks on raw content: empty, binary garbage, unreadable text."""

from __future__ import annotations

import unicodedata

__all__ = ["content_problem"]

_SAMPLE = 20_000
#: Share of suspicious characters above which content is taken for binary data.
_MAX_BAD_SHARE = 0.10


def _is_bad(char: str) -> bool:
    """Control characters (other than whitespace), replacement marks, unassigned or private-use code points."""
    if char in "\t\n\r\f\v":
        return False
    return char == "\ufffd" or unicodedata.category(char) in {"Cc", "Cn", "Co", "Cs"}


def content_problem(content: str) -> str | None:
    """Why ``content`` cannot be a document, or None when it looks like text."""
    if not content or not content.strip():
        return "empty document (no text)"
    sample = content[:_SAMPLE]
    if "\x00" in sample:
        return "binary content (NUL bytes), not a text or HTML page"
    bad = sum(1 for char in sample if _is_bad(char))
    if bad / len(sample) > _MAX_BAD_SHARE:
        return f"binary or undecodable content ({bad} of {len(sample)} characters are control or replacement characters)"
    if not any(char.isalnum() for char in content):
        return "no words (only punctuation or symbols)"
    return None
