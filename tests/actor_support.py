"""Helpers shared by the actor tests."""

from __future__ import annotations

from typing import Any


def profile_of(doc: Any, text: str, ending: bool = False) -> Any:
    """The profile of the mention whose text is ``text`` (or, with ``ending``, ends with it)."""
    for m in doc._.fm_mentions:
        if m.text == text or (ending and m.text.endswith(" " + text)):
            return doc._.fm_profiles[m.actor_id]
    raise AssertionError(f"no mention {text!r} in {[m.text for m in doc._.fm_mentions]}")
