"""Text every later stage can store and print: no lone surrogates, no raw bytes in names.

JSON allows ``"\\ud800"`` (a lone surrogate), and a file name with a byte that is not
UTF-8 arrives as a surrogate escape (``os.fsdecode``); neither can be written to SQLite
or a UTF-8 terminal.  :func:`clean_item` fixes both on every item :func:`iter_inputs`
yields: names show such bytes as ``\\xNN``; text and metadata get U+FFFD.
"""

from __future__ import annotations

import re
from dataclasses import fields, replace

from factionmap.model import IngestFailure, RawInput

__all__ = ["clean_item", "clean_name", "clean_text"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def clean_name(name: str) -> str:
    """A name as printable text: undecodable file-name bytes become ``\\xNN``."""
    if not _SURROGATE.search(name):
        return name
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return clean_text(name)


def clean_item(item: RawInput | IngestFailure) -> RawInput | IngestFailure:
    """The item with its name cleaned by :func:`clean_name` and its other text by :func:`clean_text`."""
    changes: dict[str, str] = {}
    for spec in fields(item):
        value = getattr(item, spec.name)
        if isinstance(value, str):
            cleaned = clean_name(value) if spec.name == "name" else clean_text(value)
            if cleaned is not value:
                changes[spec.name] = cleaned
    return replace(item, **changes) if changes else item
