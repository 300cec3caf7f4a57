"""Shared pieces of the evaluation: report records, gold loading, actor helpers."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from factionmap.model import Document, DocumentAnalysis, Event, Section

#: The re3d entity types scored for actor recognition.
RE3D_TYPES: tuple[str, ...] = ("Person", "Organisation", "Location", "Nationality")

_KIND_TO_RE3D = {
    "person": "Person",
    "organisation": "Organisation",
    "group": "Organisation",
    "location": "Location",
    "country": "Location",
}


class EvaluationError(ValueError):
    """The gold file cannot be read or its dataset is not recognised."""





@dataclass(frozen=True)
class Miss:
    """Something the pipeline got wrong, to read: the record, what, and why."""

    record: str
    kind: str
    detail: str


@dataclass(frozen=True)
class Score:
    """Counts with precision, recall and F1."""

    tp_pred: int
    predicted: int
    tp_gold: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp_pred / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp_pred": self.tp_pred,
            "predicted": self.predicted,
            "tp_gold": self.tp_gold,
            "gold": self.gold,
        }


@dataclass(frozen=True)
class TypeRow:
    """Per-type PLOVER counts: gold events, type found, fully matched, predicted."""

    type: str
    gold: int
    type_found: int
    matched: int
    predicted: int
    predicted_matched: int


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


@dataclass(frozen=True)
class PloverReport:
    dataset: str
    records: int
    seconds: float
    events: Score
    type_found: int
    per_type: tuple[TypeRow, ...]
    source_country: tuple[int, int]
    target_country: tuple[int, int]
    source_sector: tuple[int, int]
    target_sector: tuple[int, int]
    figures: tuple[int, int]
    misses: tuple[Miss, ...] = ()
    #: (actor kind, "country" or "sector", ok, total): accuracy per kind of the actor coded
    per_kind: tuple[tuple[str, str, int, int], ...] = ()
    strict_events: Score | None = None  # type + country + sector on every coded gold side
    #: events matched as ``events`` are, over the predictions a POLECAT export counts (neither negated
    #: nor hypothetical: ``analysis.network.event_counts``), PLOVER's own convention
    counted_events: Score | None = None

    @property
    def type_recall(self) -> float:
        return _ratio(self.type_found, self.events.gold)

    def metrics(self) -> dict[str, float]:
        return {
            "event_precision": self.events.precision,
            "event_recall": self.events.recall,
            "event_f1": self.events.f1,
            "type_recall": self.type_recall,
            "source_country_accuracy": _ratio(*self.source_country),
            "target_country_accuracy": _ratio(*self.target_country),
            "source_sector_accuracy": _ratio(*self.source_sector),
            "target_sector_accuracy": _ratio(*self.target_sector),
            "figure_accuracy": _ratio(*self.figures),
            "strict_event_f1": self.strict_events.f1 if self.strict_events else 0.0,
            "counted_event_f1": self.counted_events.f1 if self.counted_events else 0.0,
            **{f"{key}_accuracy_{kind}": _ratio(ok, total) for kind, key, ok, total in self.per_kind},
        }


@dataclass(frozen=True)
class Re3dReport:
    dataset: str
    records: int
    seconds: float
    entities_overlap: Score
    entities_exact: Score
    entities_overlap_typed: Score
    entities_exact_typed: Score
    per_type: tuple[tuple[str, Score], ...]
    signed_pairs: Score
    misses: tuple[Miss, ...] = ()

    def metrics(self) -> dict[str, float]:
        return {
            "entity_f1_overlap": self.entities_overlap.f1,
            "entity_precision_overlap": self.entities_overlap.precision,
            "entity_recall_overlap": self.entities_overlap.recall,
            "entity_f1_exact": self.entities_exact.f1,
            "entity_f1_overlap_typed": self.entities_overlap_typed.f1,
            "entity_f1_exact_typed": self.entities_exact_typed.f1,
            "signed_pair_precision": self.signed_pairs.precision,
            "signed_pair_recall": self.signed_pairs.recall,
            "signed_pair_f1": self.signed_pairs.f1,
        }


@dataclass(frozen=True)
class FakesReport:
    dataset: str
    records: int
    seconds: float
    with_deaths: int
    killed_equal: int
    with_killed_figure: int
    misses: tuple[Miss, ...] = ()
    with_gold_location: int = 0
    location_equal: int = 0  # the article's most frequent event location is the gold place
    with_event_location: int = 0

    def metrics(self) -> dict[str, float]:
        return {
            "civilians_killed_accuracy": _ratio(self.killed_equal, self.with_deaths),
            "articles_with_killed_figure": _ratio(self.with_killed_figure, self.records),
            "location_accuracy": _ratio(self.location_equal, self.with_gold_location),
            "articles_with_event_location": _ratio(self.with_event_location, self.records),
        }


@dataclass(frozen=True)
class SeedCheck:
    """One expectation of seed-expected.json and whether it was met."""

    kind: str
    expected: str
    ok: bool
    detail: str = ""


@dataclass(frozen=True)
class SeedReport:
    dataset: str
    records: int
    seconds: float
    checks: tuple[SeedCheck, ...]
    misses: tuple[Miss, ...] = ()

    def count(self, kind: str) -> tuple[int, int]:
        """(met, total) for one kind of check."""
        rows = [c for c in self.checks if c.kind == kind]
        return sum(c.ok for c in rows), len(rows)

    def metrics(self) -> dict[str, float]:
        kinds = dict.fromkeys(c.kind for c in self.checks)
        out: dict[str, float] = {}
        for kind in kinds:
            ok, total = self.count(kind)
            out[f"{kind}_found"] = float(ok)
            out[f"{kind}_expected"] = float(total)
        return out


Report = PloverReport | Re3dReport | FakesReport | SeedReport


def report_dict(report: Report) -> dict[str, Any]:
    """A JSON-ready dict: metrics first, then the full report."""
    data = {"dataset": report.dataset, "metrics": {k: round(v, 4) for k, v in report.metrics().items()}}
    data.update(asdict(report))
    for key, value in list(data.items()):
        if isinstance(getattr(report, key, None), Score):
            data[key] = getattr(report, key).as_dict()
    if isinstance(report, Re3dReport):
        data["per_type"] = {t: s.as_dict() for t, s in report.per_type}
    return data




def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Read a gold file: JSONL (one object a line) or one JSON object (the seed)."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read gold file ({exc.strerror or exc})") from exc
    stripped = raw.strip()
    if not stripped:
        raise EvaluationError(f"{path}: gold file is empty")
    try:
        whole = json.loads(stripped)
    except json.JSONDecodeError:
        whole = None
    if isinstance(whole, dict):
        return [whole]
    if isinstance(whole, list):
        return [r for r in whole if isinstance(r, dict)]
    records = []
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise EvaluationError(f"{path}:{number}: expected an object with a 'text' string")
        records.append(record)
    return records


def detect_dataset(records: Sequence[dict[str, Any]]) -> str:
    """``plover``, ``re3d``, ``fakes`` or ``seed`` from the records' fields."""
    if not records:
        raise EvaluationError("no gold records")
    first = records[0]
    name = str(first.get("dataset") or "").lower()
    if name == "seed" or "aliases" in first:
        return "seed"
    if name.startswith("plover"):
        return "plover"
    if name == "plv":
        return "plv"
    from factionmap.evaluate.written import is_written_record

    if is_written_record(first) or (name in ("", "written") and any(is_written_record(r) for r in records[:50])):
        return "written"
    if name.startswith("re3d"):
        return "re3d"
    if name.startswith("fa-kes") or name.startswith("fakes"):
        return "fakes"
    if "entities" in first:
        return "re3d"
    if "labels" in first:
        return "fakes"
    if "events" in first:
        return "plover"
    raise EvaluationError(f"cannot tell the dataset of record {first.get('id')!r} (dataset={name!r})")


def _body_document(record: dict[str, Any]) -> Document:
    text = record["text"]
    return Document(str(record.get("id") or ""), text, (Section("body", 0, len(text)),))


def _analyze(analyzer, records: Sequence[dict[str, Any]]) -> list[DocumentAnalysis]:
    return list(analyzer.analyze(_body_document(r) for r in records))


def _default_analyzer(analyzer):
    if analyzer is not None:
        return analyzer
    from factionmap.pipeline import Analyzer, build_nlp

    return Analyzer(build_nlp())


def _profile_values(analysis: DocumentAnalysis, ids: Iterable[str], key: str) -> set[str]:
    """The ``key`` ("country" or "sector") of each known actor among ``ids``."""
    out = set()
    for actor_id in ids:
        actor = analysis.actor(actor_id)
        value = getattr(actor.profile, key) if actor else None
        if value:
            out.add(value)
    return out


#: Actor kinds as reported per kind: a country actor is the state.
ACTOR_KIND_NAMES = {"country": "state", "person": "person", "organisation": "organisation", "group": "group",
                    "location": "place"}


def _actor_kind(analysis: DocumentAnalysis, ids: Iterable[str], key: str, expected: set[str]) -> str:
    """Kind of the actor whose ``key`` matches ``expected``, else of the first actor coded, else "none"."""
    actors = [a for a in (analysis.actor(i) for i in ids) if a is not None]
    match = next((a for a in actors if getattr(a.profile, key) in expected), None)
    chosen = match or (actors[0] if actors else None)
    return ACTOR_KIND_NAMES.get(chosen.profile.kind, chosen.profile.kind) if chosen else "none"


def _gold_values(side: Sequence[dict[str, Any]], key: str) -> set[str]:
    """The gold ``key`` values of one side.  A sector is its primary CAMEO role, the first three
    letters of a composite code ("REBMOS" is REB with a religion, "CVLtur" CVL with an ethnicity);
    "***" (no sector coded) counts as no gold sector, as a missing one does."""
    values = {str(a[key]) for a in side if a.get(key)}
    if key == "sector":
        values = {v[:3].upper() for v in values if v.strip("*")}
    return values


def _side_ok(predicted: set[str], gold: set[str]) -> bool:
    return not gold or bool(predicted & gold)


def _event_matches(analysis: DocumentAnalysis, event: Event, gold: dict[str, Any],
                   keys: tuple[str, ...] = ("country",)) -> bool:
    """Type equal and, per side, the predicted actors' ``keys`` meet the gold ones (strict: country and sector)."""
    if event.type != gold.get("type"):
        return False
    return all(
        _side_ok(_profile_values(analysis, getattr(event, side), key), _gold_values(gold.get(side) or (), key))
        for side in ("source", "target")
        for key in keys
    )


def _describe(analysis: DocumentAnalysis, event: Event) -> str:
    def side(ids: Sequence[str]) -> str:
        names = []
        for actor_id in ids:
            actor = analysis.actor(actor_id)
            code = actor.profile.code if actor else None
            names.append(f"{actor.profile.name if actor else actor_id}[{code or '-'}]")
        return ",".join(names) or "-"

    return f"{event.type} {side(event.source)} -> {side(event.target)} ({event.trigger.text!r})"


def _describe_gold(gold: dict[str, Any]) -> str:
    def side(actors: Sequence[dict[str, Any]]) -> str:
        return ",".join(f"{a.get('text')}[{a.get('country') or ''}{a.get('sector') or ''}]" for a in actors) or "-"

    return f"{gold.get('type')} {side(gold.get('source') or ())} -> {side(gold.get('target') or ())}"
