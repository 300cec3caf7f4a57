"""Lossless JSON for :class:`DocumentAnalysis`: the Parquet engine output's ``analysis`` column.

The pinned record (``to_record()``) is for readers and rounds confidences; this
one is the dataclasses field for field, so a record read back is equal to the
one written (``analysis_from_json(analysis_to_json(a)) == a``).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from factionmap.model import (
    Actor, ActorProfile, Document, DocumentAnalysis, Event, Figure, Location, Mention, Quote, Section, TextSpan,
)

__all__ = ["analysis_from_json", "analysis_to_json"]


def analysis_to_json(analysis: DocumentAnalysis) -> str:
    """The analysis as JSON, every field kept."""
    return json.dumps(asdict(analysis), ensure_ascii=False, separators=(",", ":"))


def _span(d: dict[str, Any]) -> TextSpan:
    return TextSpan(**d)


def _document(d: dict[str, Any]) -> Document:
    return Document(**{**d, "sections": tuple(Section(**s) for s in d["sections"])})


def _actor(d: dict[str, Any]) -> Actor:
    profile = d["profile"]
    return Actor(ActorProfile(**{**profile, "affiliations": tuple(profile["affiliations"])}),
                 tuple(Mention(**m) for m in d["mentions"]))


def _event(d: dict[str, Any]) -> Event:
    location = d.get("location")
    return Event(**{**d, "source": tuple(d["source"]), "target": tuple(d["target"]), "trigger": _span(d["trigger"]),
                    "sentence": _span(d["sentence"]), "evidence": tuple(_span(s) for s in d["evidence"]),
                    "location": Location(**location) if isinstance(location, dict) else location})


def analysis_from_json(text: str) -> DocumentAnalysis:
    """The :class:`DocumentAnalysis` written by :func:`analysis_to_json` (``ValueError`` when malformed)."""
    try:
        d = json.loads(text)
        return DocumentAnalysis(
            document=_document(d["document"]),
            actors=tuple(_actor(a) for a in d["actors"]),
            events=tuple(_event(e) for e in d["events"]),
            quotes=tuple(Quote(**q) for q in d["quotes"]),
            figures=tuple(Figure(**f) for f in d["figures"]),
            skipped=d.get("skipped"),
            errors=tuple(d.get("errors") or ()),
        )
    except (KeyError, TypeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not a factionmap analysis record: {type(exc).__name__}: {exc}") from exc
