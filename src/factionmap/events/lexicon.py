"""The event trigger lexicon: a data file compiled into dictionary lookups.

The bundled ``data/triggers.tsv`` lists verbs, nominalisations and multiword
forms with their PLOVER type, mode, context and pattern strength, plus cue
words (hedges, negators, future markers, speech verbs, embedding verbs and
mode modifiers).  ``data/cues.tsv`` holds the coder's other word lists in the
same columns (the kind names the list: ``fight-frame``, ``freeing``, ...), and
``data/frames.tsv`` one argument frame per PLOVER type (:class:`Frame`), and
``data/light.tsv`` the light verbs that state the event their object names
(:class:`LightVerb`), and ``data/roles.tsv`` the dependency paths that fill a
trigger's roles (:class:`PathStep`; the kind names the role).  Users
extend both word files with files of the same columns; later rows override
earlier rows with the same form and kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from factionmap.model import PLOVER_TYPES

__all__ = ["Frame", "LightVerb", "PathStep", "ROLE_KINDS", "Trigger", "Lexicon", "LexiconError", "LIST_KINDS", "FRAME_CLASSES", "load_frames",
           "load_lexicon", "parse_frames", "parse_light", "parse_lexicon"]

TRIGGER_KINDS = frozenset({"verb", "noun", "phrase"})
CUE_KINDS = frozenset({"hedge", "negator", "future", "speech", "modifier", "embed", "control", "patient", "frame", "topic", "implicative", "witness", "entitlement", "claim"})
#: Word lists of ``cues.tsv`` (the kind column names the list; see the comments in that file).
LIST_KINDS = frozenset({
    "location-prep", "beneficiary", "fight-frame", "partner-prep", "scene-prep", "modal-request", "ongoing",
    "content-prep", "freeing", "deciding", "reactive", "reactive-adjunct", "legal", "modifier-prep", "linking",
    "relative-pronoun", "exemplifier", "generic-group", "side", "fighter",
    "governor-prep", "accusing", "denying", "container", "weapon", "nonpolitical-cause", "unverified-source", "aid-goods", "refusing", "sport",
    "level-clause", "level-argument", "document", "voicing", "stance",
    "commissive", "commissive-modal", "threat-condition", "directive", "of-patient",
})
#: Roles of ``roles.tsv`` (the kind column names the role; the form is a dependency path).
ROLE_KINDS = frozenset({
    "role-agent", "role-by", "role-stranded-by", "role-hands", "role-custody", "role-held-by", "role-backed", "role-backed-noun",
    "role-partner", "role-allegiance", "role-controller", "role-cause", "role-attribution",
})
#: Classes a frame may carry (``frames.tsv`` column ``classes``).
FRAME_CLASSES = frozenset({"blame", "supportive", "provoking", "adversarial", "addressed", "meeting", "embedding", "purpose",
                           "legal"})
_FRAME_COLUMNS = ("type", "directed", "symmetric", "of", "place", "intent", "classes", "verb-target", "noun-target",
                  "noun-source", "search", "negation")


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


@dataclass(frozen=True, slots=True)
class Frame:
    """How a PLOVER type takes its arguments (one row of ``frames.tsv``)."""

    type: str
    directed: bool
    symmetric: bool
    of_names_source: bool
    place_target: bool
    intent: str | None
    classes: frozenset[str]
    verb_target_preps: frozenset[str]
    noun_target_preps: frozenset[str]
    noun_source_preps: frozenset[str]
    search_preps: frozenset[str]
    negation: str | None = None

    def is_(self, cls: str) -> bool:
        """True when the frame carries class ``cls`` (one of :data:`FRAME_CLASSES`)."""
        return cls in self.classes


@dataclass(frozen=True, slots=True)
class PathStep:
    """One step of a role path: to children with one of ``deps`` and (if any) one of ``words``."""

    deps: frozenset[str]
    words: frozenset[str] = frozenset()


def parse_path(text: str, where: str) -> tuple[PathStep, ...]:
    """ "prep|agent:by>pobj" → two steps; errors name ``where``."""
    steps = []
    for part in text.split(">"):
        deps, _, words = part.strip().partition(":")
        if not deps:
            raise LexiconError(f"{where}: empty step in path {text!r}")
        steps.append(PathStep(frozenset(deps.split("|")), frozenset(w for w in words.split("|") if w)))
    return tuple(steps)


@dataclass(frozen=True, slots=True)
class LightVerb:
    """A verb that states the event its object names (one row of ``light.tsv``).

    ``obj`` is a PLOVER type (the object is a nominal trigger of that type), ``*`` (any nominal
    trigger) or ``@list`` (a word list of nouns that are no triggers: "fired missiles");
    ``type`` is None when the pair keeps the object's type.
    """

    verb: tuple[str, ...]
    obj: str
    type: str | None
    mode: str | None
    preps: frozenset[str]
    context: str | None = None

    def takes(self, trigger_type: str | None) -> bool:
        """True when a nominal trigger of ``trigger_type`` may be this verb's object."""
        return trigger_type is not None and self.obj in ("*", trigger_type)


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
    lists: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    type_frames: Mapping[str, Frame] = field(default_factory=lambda: MappingProxyType({}))
    light: Mapping[str, tuple[LightVerb, ...]] = field(default_factory=lambda: MappingProxyType({}))
    role_paths: Mapping[str, tuple[tuple[PathStep, ...], ...]] = field(default_factory=lambda: MappingProxyType({}))

    def paths(self, role: str) -> tuple[tuple[PathStep, ...], ...]:
        """The dependency paths of ``role`` (one of :data:`ROLE_KINDS`)."""
        if role not in ROLE_KINDS:
            raise KeyError(f"unknown role {role!r}")
        return self.role_paths.get(role, ())

    def words(self, kind: str) -> frozenset[str]:
        """The word list ``kind`` of ``cues.tsv`` (one of :data:`LIST_KINDS`)."""
        if kind not in LIST_KINDS:
            raise KeyError(f"unknown word list {kind!r}")
        return self.lists.get(kind, frozenset())

    def frame(self, ptype: str) -> Frame:
        """The argument frame of PLOVER type ``ptype``."""
        return self.type_frames[ptype]

    def types_of(self, cls: str) -> frozenset[str]:
        """The PLOVER types whose frame carries class ``cls``."""
        return frozenset(t for t, f in self.type_frames.items() if cls in f.classes)


def _cell(cells: list[str], i: int) -> str | None:
    value = cells[i].strip() if i < len(cells) else ""
    return None if value in ("", "-") else value


def _parse_row(line: str, where: str) -> tuple[str, str, list[str]]:
    cells = line.rstrip("\n").split("\t")
    if len(cells) < 2:
        raise LexiconError(f"{where}: expected at least 'form<TAB>kind', got {line.strip()!r}")
    form, kind = cells[0].strip().lower(), cells[1].strip().lower()
    kinds = TRIGGER_KINDS | CUE_KINDS | LIST_KINDS | ROLE_KINDS
    if kind not in kinds:
        raise LexiconError(f"{where}: unknown kind {kind!r} (expected one of {sorted(kinds)})")
    if kind in ROLE_KINDS:
        parse_path(form, where)
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


def parse_lexicon(lines: list[tuple[str, str]], frames: Mapping[str, Frame] | None = None,
                  light: Mapping[str, tuple[LightVerb, ...]] | None = None) -> Lexicon:
    """Compile ``(line, where)`` pairs (where names file:line for errors) into a :class:`Lexicon`;
    ``frames`` and ``light`` default to the bundled ``frames.tsv`` and ``light.tsv``."""
    triggers: dict[tuple[tuple[str, ...], str], Trigger] = {}
    cues: dict[str, dict[str, str]] = {kind: {} for kind in CUE_KINDS | LIST_KINDS | ROLE_KINDS}
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
    lexicon = _compile(triggers, cues, load_frames() if frames is None else frames)
    return replace(lexicon, light=load_light() if light is None else light)


def _compile(triggers: dict, cues: dict[str, dict[str, str]], frames: Mapping[str, Frame]) -> Lexicon:
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
        lists=MappingProxyType({kind: frozenset(cues[kind]) for kind in LIST_KINDS}),
        type_frames=MappingProxyType(dict(frames)),
        role_paths=MappingProxyType({kind: tuple(parse_path(p, kind) for p in cues[kind]) for kind in ROLE_KINDS}),
    )


def _flag(value: str | None, where: str, column: str) -> bool:
    if value not in ("yes", "no"):
        raise LexiconError(f"{where}: column {column!r} must be yes or no, got {value!r}")
    return value == "yes"


def _words(value: str | None) -> frozenset[str]:
    return frozenset(w.strip() for w in (value or "").split(",") if w.strip())


def _frame(cells: list[str], where: str) -> Frame:
    if len(cells) != len(_FRAME_COLUMNS):
        raise LexiconError(f"{where}: expected {len(_FRAME_COLUMNS)} columns ({', '.join(_FRAME_COLUMNS)}), got {len(cells)}")
    ptype, intent = cells[0].strip().upper(), (_cell(cells, 5) or "").upper() or None
    negation = (_cell(cells, 11) or "").upper() or None
    for value in (ptype, intent, negation):
        if value is not None and value not in PLOVER_TYPES:
            raise LexiconError(f"{where}: unknown PLOVER type {value!r}")
    classes = _words(_cell(cells, 6))
    if classes - FRAME_CLASSES:
        raise LexiconError(f"{where}: unknown frame class(es) {sorted(classes - FRAME_CLASSES)}")
    of = _cell(cells, 3)
    if of not in ("source", "target"):
        raise LexiconError(f"{where}: column 'of' must be source or target, got {of!r}")
    return Frame(ptype, _flag(_cell(cells, 1), where, "directed"), _flag(_cell(cells, 2), where, "symmetric"),
                 of == "source", _flag(_cell(cells, 4), where, "place"), intent, classes,
                 _words(_cell(cells, 7)), _words(_cell(cells, 8)), _words(_cell(cells, 9)), _words(_cell(cells, 10)),
                 negation)


def parse_frames(lines: list[tuple[str, str]]) -> Mapping[str, Frame]:
    """Compile ``frames.tsv`` rows into a frame per PLOVER type; every type must have one."""
    frames: dict[str, Frame] = {}
    for line, where in lines:
        if line.strip() and not line.lstrip().startswith("#"):
            frame = _frame(line.rstrip("\n").split("\t"), where)
            frames[frame.type] = frame
    missing = [t for t in PLOVER_TYPES if t not in frames]
    if missing:
        raise LexiconError(f"frames: no frame for {', '.join(missing)}")
    return MappingProxyType(frames)


def _light_verb(cells: list[str], where: str) -> LightVerb:
    if len(cells) not in (5, 6):
        raise LexiconError(f"{where}: expected 5 or 6 columns (verb, object, type, mode, preps[, context]), got {len(cells)}")
    verb, obj = tuple(cells[0].strip().lower().split()), cells[1].strip()
    ptype = cells[2].strip().upper()
    if obj not in ("*", *PLOVER_TYPES) and not (obj.startswith("@") and obj[1:] in LIST_KINDS):
        raise LexiconError(f"{where}: object {obj!r} is no PLOVER type, * or @list of {sorted(LIST_KINDS)}")
    if ptype != "=" and ptype not in PLOVER_TYPES:
        raise LexiconError(f"{where}: unknown PLOVER type {ptype!r}")
    if not verb:
        raise LexiconError(f"{where}: empty verb")
    return LightVerb(verb, obj, None if ptype == "=" else ptype, _cell(cells, 3), _words(_cell(cells, 4)), _cell(cells, 5))


def parse_light(lines: list[tuple[str, str]]) -> Mapping[str, tuple[LightVerb, ...]]:
    """Compile ``light.tsv`` rows into light verbs by their first lemma (rows of one verb in order)."""
    light: dict[str, list[LightVerb]] = {}
    for line, where in lines:
        if line.strip() and not line.lstrip().startswith("#"):
            row = _light_verb(line.rstrip("\n").split("\t"), where)
            light.setdefault(row.verb[0], []).append(row)
    return MappingProxyType({k: tuple(v) for k, v in light.items()})


@lru_cache(maxsize=1)
def load_light() -> Mapping[str, tuple[LightVerb, ...]]:
    """The bundled light verbs (``data/light.tsv``)."""
    return parse_light(_bundled("light.tsv"))


def _bundled(name: str) -> list[tuple[str, str]]:
    text = resources.files("factionmap.data").joinpath(name).read_text("utf-8")
    return [(line, f"{name}:{n}") for n, line in enumerate(text.splitlines(), 1)]


@lru_cache(maxsize=1)
def load_frames() -> Mapping[str, Frame]:
    """The bundled argument frames (``data/frames.tsv``)."""
    return parse_frames(_bundled("frames.tsv"))


def _read_lines(path: Path) -> list[tuple[str, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read lexicon file ({exc.strerror or exc})") from exc
    return [(line, f"{path}:{n}") for n, line in enumerate(text.splitlines(), 1)]


@lru_cache(maxsize=8)
def load_lexicon(extra_files: tuple[str, ...] = ()) -> Lexicon:
    """The bundled lexicon (triggers and word lists) extended by ``extra_files`` (later rows win)."""
    lines = _bundled("triggers.tsv") + _bundled("cues.tsv") + _bundled("roles.tsv")
    for name in extra_files:
        lines.extend(_read_lines(Path(name)))
    return parse_lexicon(lines)
