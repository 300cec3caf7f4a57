"""Reading the project's training corpus (``training/events/*.jsonl``).

One JSON object a line: ``id``, ``text`` (one sentence), ``events`` (every
PLOVER event the sentence states, ``[]`` for none) and optional ``tags``.  The
format is documented in ``training/README.md``.  :func:`read_corpus` turns each
line into a frozen :class:`CorpusSentence` with actor and trigger strings
resolved to character offsets; any malformed line raises :class:`CorpusError`
naming the file and line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factionmap.model import PLOVER_TYPES

__all__ = ["CorpusError", "CorpusSpan", "CorpusEvent", "CorpusSentence", "read_corpus", "corpus_files", "parse_line", "resolve_span", "type_counts"]


class CorpusError(ValueError):
    """A corpus line cannot be read; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class CorpusSpan:
    """A verbatim string of the sentence with its character offsets."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class CorpusEvent:
    """One labelled PLOVER event of a corpus sentence."""

    type: str
    trigger: CorpusSpan
    source: tuple[CorpusSpan, ...] = ()
    target: tuple[CorpusSpan, ...] = ()
    mode: str | None = None
    negated: bool = False
    hedged: bool = False
    hypothetical: bool = False
    asserted_by: str = "author"


@dataclass(frozen=True, slots=True)
class CorpusSentence:
    """A corpus line: the sentence, its events and construction tags, and where it came from."""

    id: str
    text: str
    events: tuple[CorpusEvent, ...]
    tags: tuple[str, ...] = ()
    origin: str = ""

    @property
    def types(self) -> frozenset[str]:
        return frozenset(e.type for e in self.events)


def corpus_files(root: str | Path) -> list[Path]:
    """The corpus files under ``root`` (a file, or a directory of ``*.jsonl``), sorted."""
    root = Path(root)
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise CorpusError(f"{root}: no such corpus file or directory")
    return sorted(root.glob("*.jsonl"))


def read_corpus(paths: str | Path | Iterable[str | Path]) -> list[CorpusSentence]:
    """Every sentence of the given files or directories, in file order; ids must be unique."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    sentences: list[CorpusSentence] = []
    seen: dict[str, str] = {}
    for root in paths:
        for path in corpus_files(root):
            for sentence in _read_file(path):
                if sentence.id in seen:
                    raise CorpusError(f"{sentence.origin}: id {sentence.id!r} already used at {seen[sentence.id]}")
                seen[sentence.id] = sentence.origin
                sentences.append(sentence)
    return sentences


def _read_file(path: Path) -> Iterator[CorpusSentence]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read corpus file ({exc})") from exc
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            yield parse_line(line, f"{path}:{number}")


def parse_line(line: str, origin: str = "<line>") -> CorpusSentence:
    """One corpus line as a :class:`CorpusSentence`; ``origin`` names it in errors."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{origin}: not JSON ({exc.msg})") from exc
    if not isinstance(record, dict):
        raise CorpusError(f"{origin}: expected a JSON object")
    rid, text = record.get("id"), record.get("text")
    if not isinstance(rid, str) or not rid:
        raise CorpusError(f"{origin}: 'id' must be a non-empty string")
    if not isinstance(text, str) or not text.strip():
        raise CorpusError(f"{origin}: {rid}: 'text' must be a non-empty string")
    events = record.get("events")
    if not isinstance(events, list):
        raise CorpusError(f"{origin}: {rid}: 'events' must be a list ([] for no event)")
    tags = record.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise CorpusError(f"{origin}: {rid}: 'tags' must be a list of strings")
    where = f"{origin}: {rid}"
    parsed = tuple(_event(e, text, f"{where}: event {n + 1}") for n, e in enumerate(events))
    return CorpusSentence(rid, text, parsed, tuple(tags), origin)


def _event(raw: Any, text: str, where: str) -> CorpusEvent:
    if not isinstance(raw, dict):
        raise CorpusError(f"{where}: expected an object")
    etype = raw.get("type")
    if etype not in PLOVER_TYPES:
        raise CorpusError(f"{where}: unknown type {etype!r} (one of {', '.join(PLOVER_TYPES)})")
    trigger = raw.get("trigger")
    if not isinstance(trigger, (str, dict)) or not trigger:
        raise CorpusError(f"{where}: 'trigger' must name the words that state the event")
    flags = {k: raw.get(k, False) for k in ("negated", "hedged", "hypothetical")}
    for key, value in flags.items():
        if not isinstance(value, bool):
            raise CorpusError(f"{where}: {key!r} must be true or false")
    mode, asserted = raw.get("mode"), raw.get("asserted_by", "author")
    if mode is not None and not isinstance(mode, str):
        raise CorpusError(f"{where}: 'mode' must be a string or null")
    if not isinstance(asserted, str) or not asserted:
        raise CorpusError(f"{where}: 'asserted_by' must be 'author' or a span of the text")
    if asserted != "author" and asserted not in text:
        raise CorpusError(f"{where}: asserted_by {asserted!r} does not occur in the text")
    return CorpusEvent(
        type=etype,
        trigger=resolve_span(trigger, text, f"{where}: trigger"),
        source=_spans(raw.get("source"), text, f"{where}: source"),
        target=_spans(raw.get("target"), text, f"{where}: target"),
        mode=mode,
        asserted_by=asserted,
        **flags,
    )


def _spans(raw: Any, text: str, where: str) -> tuple[CorpusSpan, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise CorpusError(f"{where}: expected a list of spans")
    return tuple(resolve_span(item, text, where) for item in raw)


def resolve_span(item: str | dict[str, Any], text: str, where: str) -> CorpusSpan:
    """``"Hamas"`` or ``{"text": "the army", "n": 2}`` → offsets of that occurrence in ``text``."""
    if isinstance(item, dict):
        needle, nth = item.get("text"), item.get("n", 1)
    else:
        needle, nth = item, 1
    if not isinstance(needle, str) or not needle or not isinstance(nth, int) or nth < 1:
        raise CorpusError(f"{where}: a span is a string or {{'text': str, 'n': int >= 1}}, got {item!r}")
    start = -1
    for _ in range(nth):
        start = text.find(needle, start + 1)
        if start < 0:
            raise CorpusError(f"{where}: {needle!r} (occurrence {nth}) does not occur in the text")
    return CorpusSpan(start, start + len(needle), needle)


def type_counts(sentences: Sequence[CorpusSentence]) -> dict[str, int]:
    """Events per PLOVER type (and ``none`` for sentences without events)."""
    counts = dict.fromkeys((*PLOVER_TYPES, "none"), 0)
    for sentence in sentences:
        counts["none"] += not sentence.events
        for event in sentence.events:
            counts[event.type] += 1
    return counts
