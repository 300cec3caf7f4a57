"""The event trigger lexicon: a data file compiled into dictionary lookups.

The bundled ``data/triggers.tsv`` lists verbs, nominalisations and multiword
forms with their PLOVER type, mode, context and pattern strength, plus cue
words (hedges, negators, future markers, speech verbs, embedding verbs and
mode modifiers).  Users extend it with files of the same columns; later rows
override earlier rows with the same form and kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from factionmap.model import PLOVER_TYPES

__all__ = ["Trigger", "Lexicon", "LexiconError", "load_lexicon", "parse_lexicon"]

TRIGGER_KINDS = frozenset({"verb", "noun", "phrase"})
CUE_KINDS = frozenset({"hedge", "negator", "future", "speech", "modifier", "embed", "control", "patient", "frame", "topic", "implicative", "witness", "entitlement", "claim"})


class LexiconError(ValueError):
    """A lexicon file has a malformed row."""


@dataclass(frozen=True, slots=True)
class Trigger:
    """One trigger: ``form`` is a tuple of lower-case lemmas."""

    form: tuple[str, ...]
    kind: str
    type: str
    mode: str | None = None
    context: str | None = None
    strength: float = 0.8


@dataclass(frozen=True)
class Lexicon:
    """Compiled lookups: single-lemma verbs/nouns, phrases by first lemma, cue sets."""

    verbs: Mapping[str, Trigger]
    nouns: Mapping[str, Trigger]
    phrases: Mapping[str, tuple[Trigger, ...]]
    modifiers: Mapping[tuple[str, str], str]
    hedges: frozenset[str]
    hedge_phrases: tuple[tuple[str, ...], ...]
    negators: frozenset[str]
    future: frozenset[str]
    speech: frozenset[str]
    embed: Mapping[str, str]
    control: frozenset[str] = frozenset()
    patient: frozenset[str] = frozenset()
    frames: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    implicative: frozenset[str] = frozenset()
    witness: frozenset[str] = frozenset()
    entitlement: frozenset[str] = frozenset()
    claim: frozenset[str] = frozenset()


def _cell(cells: list[str], i: int) -> str | None:
    value = cells[i].strip() if i < len(cells) else ""
    return None if value in ("", "-") else value


def _parse_row(line: str, where: str) -> tuple[str, str, list[str]]:
    cells = line.rstrip("\n").split("\t")
    if len(cells) < 2:
        raise LexiconError(f"{where}: expected at least 'form<TAB>kind', got {line.strip()!r}")
    form, kind = cells[0].strip().lower(), cells[1].strip().lower()
    if kind not in TRIGGER_KINDS | CUE_KINDS:
        raise LexiconError(f"{where}: unknown kind {kind!r} (expected one of {sorted(TRIGGER_KINDS | CUE_KINDS)})")
    return form, kind, cells


def _trigger(form: str, kind: str, cells: list[str], where: str) -> Trigger:
    ptype = (_cell(cells, 2) or "").upper()
    if ptype not in PLOVER_TYPES:
        raise LexiconError(f"{where}: unknown PLOVER type {ptype!r} for {form!r}")
    strength_text = _cell(cells, 5)
    try:
        strength = float(strength_text) if strength_text else 0.8
    except ValueError as exc:
        raise LexiconError(f"{where}: strength {strength_text!r} is not a number") from exc
    return Trigger(tuple(form.split()), kind, ptype, _cell(cells, 3), _cell(cells, 4), strength)


def parse_lexicon(lines: list[tuple[str, str]]) -> Lexicon:
    """Compile ``(line, where)`` pairs (where names file:line for errors) into a :class:`Lexicon`."""
    triggers: dict[tuple[tuple[str, ...], str], Trigger] = {}
    cues: dict[str, dict[str, str]] = {kind: {} for kind in CUE_KINDS}
    for line, where in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        form, kind, cells = _parse_row(line, where)
        if kind in TRIGGER_KINDS:
            trig = _trigger(form, kind, cells, where)
            triggers[(trig.form, "phrase" if len(trig.form) > 1 else kind)] = trig
        elif kind == "modifier":
            cues[kind][f"{form}\t{(_cell(cells, 2) or '').upper()}"] = _cell(cells, 3) or ""
        else:
            cues[kind][form] = (_cell(cells, 2) or "").upper()
    return _compile(triggers, cues)


def _compile(triggers: dict, cues: dict[str, dict[str, str]]) -> Lexicon:
    verbs = {t.form[0]: t for (form, kind), t in triggers.items() if kind == "verb"}
    nouns = {t.form[0]: t for (form, kind), t in triggers.items() if kind == "noun"}
    phrases: dict[str, list[Trigger]] = {}
    for (form, kind), trig in triggers.items():
        if kind == "phrase":
            phrases.setdefault(form[0], []).append(trig)
    hedges = cues["hedge"]
    return Lexicon(
        verbs=MappingProxyType(verbs),
        nouns=MappingProxyType(nouns),
        phrases=MappingProxyType({k: tuple(sorted(v, key=lambda t: -len(t.form))) for k, v in phrases.items()}),
        modifiers=MappingProxyType({tuple(k.split("\t")): v for k, v in cues["modifier"].items()}),  # type: ignore[misc]
        hedges=frozenset(h for h in hedges if " " not in h),
        hedge_phrases=tuple(tuple(h.split()) for h in hedges if " " in h),
        negators=frozenset(cues["negator"]),
        future=frozenset(cues["future"]),
        speech=frozenset(cues["speech"]),
        embed=MappingProxyType(dict(cues["embed"])),
        control=frozenset(cues["control"]),
        patient=frozenset(cues["patient"]),
        frames=frozenset(cues["frame"]),
        topics=frozenset(cues["topic"]),
        implicative=frozenset(cues["implicative"]),
        witness=frozenset(cues["witness"]),
        entitlement=frozenset(cues["entitlement"]),
        claim=frozenset(cues["claim"]),
    )


def _read_lines(path: Path) -> list[tuple[str, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read lexicon file ({exc.strerror or exc})") from exc
    return [(line, f"{path}:{n}") for n, line in enumerate(text.splitlines(), 1)]


@lru_cache(maxsize=8)
def load_lexicon(extra_files: tuple[str, ...] = ()) -> Lexicon:
    """The bundled lexicon extended by ``extra_files`` (later rows win)."""
    bundled = resources.files("factionmap.data").joinpath("triggers.tsv")
    lines = [(line, f"triggers.tsv:{n}") for n, line in enumerate(bundled.read_text("utf-8").splitlines(), 1)]
    for name in extra_files:
        lines.extend(_read_lines(Path(name)))
    return parse_lexicon(lines)
