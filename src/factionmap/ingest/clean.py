"""Text every later stage can store and print: no lone surrogates, no raw bytes in names.

JSON allows ``"\\ud800"`` (a lone surrogate), and a file name with a byte that is not
UTF-8 arrives as a surrogate escape (``os.fsdecode``); neither can be written to SQLite
or a UTF-8 terminal; a title holding ``ESC [ 2 J`` clears the screen it is printed on.
:func:`clean_item` fixes these on every item :func:`iter_inputs` yields: names show
such bytes and control characters as ``\\xNN``; metadata gets U+FFFD for surrogates
and control characters; text gets U+FFFD for surrogates and terminal controls.
"""

from __future__ import annotations

import re
from dataclasses import fields, replace

from factionmap.model import IngestFailure, RawInput

__all__ = ["clean_content", "clean_item", "clean_metadata", "clean_name", "clean_text"]

_SURROGATE = re.compile("[\ud800-\udfff]")
#: Characters a terminal acts on (escape sequences, bell, backspace, C1 controls): never in metadata.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
#: In a document's text only those that start or end terminal sequences are replaced (NUL bytes
#: and other controls are left for the binary-content check to judge).
_TERMINAL = re.compile("[\x07\x08\x1b\x7f\x90\x9b\x9c\x9d\x9e\x9f]")
_METADATA = frozenset({"id", "url", "title", "published", "source", "author", "message", "stage"})


def clean_text(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def clean_name(name: str) -> str:
    """A name as printable text: undecodable file-name bytes and control characters become ``\\xNN``."""
    if _SURROGATE.search(name):
        try:
            name = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            name = clean_text(name)
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", name) if _CONTROL.search(name) else name


def clean_metadata(text: str) -> str:
    """A title, author, URL, message...: no surrogates, no control characters (terminals act on them)."""
    text = clean_text(text)
    return _CONTROL.sub("\ufffd", text) if _CONTROL.search(text) else text


def clean_content(text: str) -> str:
    """A document's text: no surrogates, no characters that start terminal escape sequences."""
    text = clean_text(text)
    return _TERMINAL.sub("\ufffd", text) if _TERMINAL.search(text) else text


def clean_item(item: RawInput | IngestFailure) -> RawInput | IngestFailure:
    """The item with its name cleaned by :func:`clean_name` and its other text by :func:`clean_text`."""
    changes: dict[str, str] = {}
    for spec in fields(item):
        value = getattr(item, spec.name)
        if isinstance(value, str):
            if spec.name == "name":
                cleaned = clean_name(value)
            elif spec.name in _METADATA:
                cleaned = clean_metadata(value)
            else:
                cleaned = clean_content(value)
            if cleaned is not value:
                changes[spec.name] = cleaned
    return replace(item, **changes) if changes else item
