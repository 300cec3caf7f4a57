"""Evaluation against gold data: PLOVER sentences, re3d documents, FA-KES articles, the seed.

Each dataset has a function that runs the real pipeline (one :class:`Analyzer`,
documents batched through ``nlp.pipe``) and returns a frozen report:

- :func:`evaluate_plover` — event precision/recall/F1, type recall, per-type
  table, actor country/sector accuracy for events of the gold type, figures;
- :func:`evaluate_re3d` — entity P/R/F1 (overlap and exact, typed and
  untyped) and signed-pair F1 against re3d relations;
- :func:`evaluate_fakes` — share of articles with a non-zero gold civilian
  death toll where some ``killed`` figure equals it;
- :func:`evaluate_seed` — the seed op-ed against ``seed-expected.json``.

:func:`evaluate_file` detects the dataset from the records and dispatches.

Definitions (kept deliberately simple so numbers are comparable run to run):

- *PLOVER event match*: a predicted event matches a gold event when the type
  is equal and, for each side (source, target) whose gold actors carry
  countries, the countries of the predicted actors on that side (from the
  actor profiles) intersect the gold countries.  A side whose gold actors
  carry no country (or is empty) is not checked.  Precision counts distinct
  predicted events matching some gold event of their record; recall counts
  gold events matched by some predicted event.
- *Actor accuracy* (issue 3): among records where an event of the gold type
  is found, the share where some such event's source (target) countries
  intersect the gold source (target) countries; sector likewise.  Records
  whose gold side has no country (sector) are left out of that measure.
- *re3d entity types*: a mention with rule ``demonym`` is ``Nationality``;
  otherwise the actor profile's kind maps person → ``Person``,
  organisation/group → ``Organisation``, location/country → ``Location``.
  Gold entities of other types (Weapon, Temporal, ...) are ignored; a
  predicted mention that overlaps none of the four gold types counts as a
  false positive.
- *Signed pairs*: each signed event gives a pair (source actor, target actor,
  sign) for every source × target; a gold relation with a sign is matched
  when a predicted pair of the same sign has, in either direction, one actor
  with a mention overlapping the gold source span and the other with a
  mention overlapping the gold target span.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from factionmap.model import (
    Actor,
    Document,
    DocumentAnalysis,
    Event,
    RawInput,
    Section,
)

__all__ = [
    "EvaluationError",
    "Miss",
    "Score",
    "TypeRow",
    "PloverReport",
    "Re3dReport",
    "FakesReport",
    "SeedCheck",
    "SeedReport",
    "detect_dataset",
    "load_gold",
    "evaluate_file",
    "evaluate_plover",
    "evaluate_re3d",
    "evaluate_fakes",
    "evaluate_seed",
    "RE3D_TYPES",
    "Report",
    "report_dict",
    "mention_type",
    "analyze_seed",
]

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


# --------------------------------------------------------------------------- records


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

    def metrics(self) -> dict[str, float]:
        return {
            "civilians_killed_accuracy": _ratio(self.killed_equal, self.with_deaths),
            "articles_with_killed_figure": _ratio(self.with_killed_figure, self.records),
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


# --------------------------------------------------------------------------- loading


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


def evaluate_file(path: str | Path, analyzer=None, *, limit: int | None = None) -> Report:
    """Evaluate the pipeline on a gold file, detecting its dataset."""
    records = load_gold(path)
    if limit is not None:
        records = records[:limit]
    dataset = detect_dataset(records)
    functions = {
        "plover": evaluate_plover,
        "re3d": evaluate_re3d,
        "fakes": evaluate_fakes,
        "seed": lambda rs, a: evaluate_seed(rs[0], a),
    }
    return functions[dataset](records, _default_analyzer(analyzer))


# --------------------------------------------------------------------------- helpers


def _countries(analysis: DocumentAnalysis, ids: Iterable[str]) -> set[str]:
    out = set()
    for actor_id in ids:
        actor = analysis.actor(actor_id)
        if actor and actor.profile.country:
            out.add(actor.profile.country)
    return out


def _sectors(analysis: DocumentAnalysis, ids: Iterable[str]) -> set[str]:
    out = set()
    for actor_id in ids:
        actor = analysis.actor(actor_id)
        if actor and actor.profile.sector:
            out.add(actor.profile.sector)
    return out


def _gold_values(side: Sequence[dict[str, Any]], key: str) -> set[str]:
    return {str(a[key]) for a in side if a.get(key)}


def _side_ok(predicted: set[str], gold: set[str]) -> bool:
    return not gold or bool(predicted & gold)


def _event_matches(analysis: DocumentAnalysis, event: Event, gold: dict[str, Any]) -> bool:
    if event.type != gold.get("type"):
        return False
    return _side_ok(_countries(analysis, event.source), _gold_values(gold.get("source") or (), "country")) and _side_ok(
        _countries(analysis, event.target), _gold_values(gold.get("target") or (), "country")
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


# --------------------------------------------------------------------------- PLOVER


@dataclass
class _PloverTally:
    tp_pred: int = 0
    predicted: int = 0
    tp_gold: int = 0
    gold: int = 0
    type_found: int = 0
    rows: dict[str, list[int]] = field(default_factory=dict)  # type -> [gold, found, matched, pred, pred_matched]
    accuracy: dict[str, list[int]] = field(default_factory=dict)  # measure -> [ok, total]
    figures: list[int] = field(default_factory=lambda: [0, 0])
    misses: list[Miss] = field(default_factory=list)

    def row(self, event_type: str) -> list[int]:
        return self.rows.setdefault(event_type, [0, 0, 0, 0, 0])

    def count(self, measure: str, ok: bool) -> None:
        cell = self.accuracy.setdefault(measure, [0, 0])
        cell[0] += int(ok)
        cell[1] += 1


def evaluate_plover(records: Sequence[dict[str, Any]], analyzer=None) -> PloverReport:
    """Score events, actor codes and figures on PLOVER-style gold sentences."""
    analyzer = _default_analyzer(analyzer)
    started = time.perf_counter()
    analyses = _analyze(analyzer, records)
    tally = _PloverTally()
    for record, analysis in zip(records, analyses):
        golds = [g for g in record.get("events") or () if isinstance(g, dict)]
        _score_plover_events(record, analysis, golds, tally)
        _score_plover_figures(record, analysis, tally)
    per_type = tuple(TypeRow(t, *tally.rows[t]) for t in sorted(tally.rows))
    acc = lambda m: tuple(tally.accuracy.get(m, [0, 0]))  # noqa: E731
    return PloverReport(
        dataset="plover",
        records=len(records),
        seconds=round(time.perf_counter() - started, 2),
        events=Score(tally.tp_pred, tally.predicted, tally.tp_gold, tally.gold),
        type_found=tally.type_found,
        per_type=per_type,
        source_country=acc("source_country"),
        target_country=acc("target_country"),
        source_sector=acc("source_sector"),
        target_sector=acc("target_sector"),
        figures=tuple(tally.figures),
        misses=tuple(tally.misses),
    )


def _score_plover_events(
    record: dict[str, Any], analysis: DocumentAnalysis, golds: list[dict[str, Any]], tally: _PloverTally
) -> None:
    rid = str(record.get("id"))
    for event in analysis.events:
        ok = any(_event_matches(analysis, event, g) for g in golds)
        tally.predicted += 1
        tally.tp_pred += ok
        row = tally.row(event.type)
        row[3] += 1
        row[4] += ok
        if not ok:
            tally.misses.append(Miss(rid, "false_positive", f"{_describe(analysis, event)} | {record['text'][:160]}"))
    for gold in golds:
        gtype = gold.get("type")
        same_type = [e for e in analysis.events if e.type == gtype]
        matched = any(_event_matches(analysis, e, gold) for e in same_type)
        tally.gold += 1
        tally.tp_gold += matched
        tally.type_found += bool(same_type)
        row = tally.row(str(gtype))
        row[0] += 1
        row[1] += bool(same_type)
        row[2] += matched
        if same_type:
            _score_plover_actors(rid, analysis, same_type, gold, tally)
        if not matched:
            found = "; ".join(_describe(analysis, e) for e in analysis.events) or "no event"
            tally.misses.append(
                Miss(rid, "missed_event", f"gold {_describe_gold(gold)} | found {found} | {record['text'][:200]}")
            )


def _score_plover_actors(
    rid: str, analysis: DocumentAnalysis, events: list[Event], gold: dict[str, Any], tally: _PloverTally
) -> None:
    for side in ("source", "target"):
        gold_side = gold.get(side) or ()
        for key, values in (("country", _countries), ("sector", _sectors)):
            expected = _gold_values(gold_side, key)
            if not expected:
                continue
            ok = any(values(analysis, getattr(e, side)) & expected for e in events)
            tally.count(f"{side}_{key}", ok)
            if not ok:
                got = sorted({v for e in events for v in values(analysis, getattr(e, side))}) or ["none"]
                detail = f"{gold.get('type')} {side} {key}: gold {sorted(expected)} | found {got}"
                tally.misses.append(Miss(rid, f"{side}_{key}", detail))


def _score_plover_figures(record: dict[str, Any], analysis: DocumentAnalysis, tally: _PloverTally) -> None:
    for gold in record.get("figures") or ():
        ok = any(f.kind == gold.get("kind") and f.value == gold.get("value") for f in analysis.figures)
        tally.figures[0] += ok
        tally.figures[1] += 1
        if not ok:
            found = ", ".join(f"{f.kind}={f.value}" for f in analysis.figures) or "none"
            tally.misses.append(
                Miss(str(record.get("id")), "missed_figure", f"gold {gold.get('kind')}={gold.get('value')} | found {found}")
            )


# --------------------------------------------------------------------------- re3d


def mention_type(actor: Actor, rule: str) -> str:
    """The re3d entity type of a mention (see module docstring)."""
    if rule == "demonym":
        return "Nationality"
    return _KIND_TO_RE3D.get(actor.profile.kind, "Organisation")


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class _Counts:
    tp_pred: int = 0
    predicted: int = 0
    tp_gold: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        self.tp_pred += other.tp_pred
        self.predicted += other.predicted
        self.tp_gold += other.tp_gold
        self.gold += other.gold

    def score(self) -> Score:
        return Score(self.tp_pred, self.predicted, self.tp_gold, self.gold)


def _match_spans(
    predicted: Sequence[tuple[int, int, str]], gold: Sequence[tuple[int, int, str]], *, exact: bool, typed: bool
) -> Score:
    def same(p: tuple[int, int, str], g: tuple[int, int, str]) -> bool:
        if typed and p[2] != g[2]:
            return False
        return (p[0], p[1]) == (g[0], g[1]) if exact else _overlaps(p[:2], g[:2])

    tp_pred = sum(any(same(p, g) for g in gold) for p in predicted)
    tp_gold = sum(any(same(p, g) for p in predicted) for g in gold)
    return Score(tp_pred, len(predicted), tp_gold, len(gold))


def _predicted_entities(analysis: DocumentAnalysis) -> list[tuple[int, int, str]]:
    spans = {
        (m.start, m.end, mention_type(actor, m.rule)) for actor in analysis.actors for m in actor.mentions
    }
    return sorted(spans)


def _gold_entities(record: dict[str, Any]) -> list[tuple[int, int, str]]:
    spans = {(int(e["start"]), int(e["end"]), e["type"]) for e in record.get("entities") or () if e.get("type") in RE3D_TYPES}
    return sorted(spans)


def _signed_pairs(analysis: DocumentAnalysis) -> set[tuple[str, str, int]]:
    pairs = set()
    for event in analysis.events:
        if event.sign == 0 or event.negated:
            continue
        for s in event.source:
            for t in event.target:
                if s != t:
                    pairs.add((s, t, event.sign))
    return pairs


def _actor_spans(analysis: DocumentAnalysis) -> dict[str, list[tuple[int, int]]]:
    return {a.id: [(m.start, m.end) for m in a.mentions] for a in analysis.actors}


def _gold_relations(record: dict[str, Any]) -> list[tuple[tuple[int, int], tuple[int, int], int]]:
    seen: dict[frozenset, tuple[tuple[int, int], tuple[int, int], int]] = {}
    for rel in record.get("relations") or ():
        sign = {"+": 1, "-": -1}.get(rel.get("sign"))
        if sign is None:
            continue
        src = (int(rel["source"]["start"]), int(rel["source"]["end"]))
        tgt = (int(rel["target"]["start"]), int(rel["target"]["end"]))
        seen.setdefault(frozenset({src, tgt, sign}), (src, tgt, sign))
    return list(seen.values())


def _pair_matches(pair, relation, spans: dict[str, list[tuple[int, int]]]) -> bool:
    s, t, sign = pair
    src, tgt, gsign = relation
    if sign != gsign:
        return False
    hit = lambda actor, gold_span: any(_overlaps(m, gold_span) for m in spans.get(actor, ()))  # noqa: E731
    return (hit(s, src) and hit(t, tgt)) or (hit(s, tgt) and hit(t, src))


def evaluate_re3d(records: Sequence[dict[str, Any]], analyzer=None) -> Re3dReport:
    """Score actor mentions against re3d entities and signed events against its relations."""
    analyzer = _default_analyzer(analyzer)
    started = time.perf_counter()
    analyses = _analyze(analyzer, records)
    totals = {key: _Counts() for key in ("overlap", "exact", "overlap_typed", "exact_typed", "pairs")}
    per_type = {t: _Counts() for t in RE3D_TYPES}
    misses: list[Miss] = []
    for record, analysis in zip(records, analyses):
        predicted, gold = _predicted_entities(analysis), _gold_entities(record)
        for key in ("overlap", "exact", "overlap_typed", "exact_typed"):
            totals[key].add(_match_spans(predicted, gold, exact="exact" in key, typed="typed" in key))
        for etype in RE3D_TYPES:
            per_type[etype].add(
                _match_spans([p for p in predicted if p[2] == etype], [g for g in gold if g[2] == etype], exact=False, typed=True)
            )
        misses.extend(_entity_misses(record, predicted, gold))
        totals["pairs"].add(_score_pairs(record, analysis, misses))
    return Re3dReport(
        dataset="re3d",
        records=len(records),
        seconds=round(time.perf_counter() - started, 2),
        entities_overlap=totals["overlap"].score(),
        entities_exact=totals["exact"].score(),
        entities_overlap_typed=totals["overlap_typed"].score(),
        entities_exact_typed=totals["exact_typed"].score(),
        per_type=tuple((t, per_type[t].score()) for t in RE3D_TYPES),
        signed_pairs=totals["pairs"].score(),
        misses=tuple(misses),
    )


def _entity_misses(record, predicted, gold) -> list[Miss]:
    rid, text = str(record.get("id")), record["text"]
    out = [
        Miss(rid, "missed_entity", f"{g[2]} {text[g[0]:g[1]]!r}@{g[0]}")
        for g in gold
        if not any(_overlaps(p[:2], g[:2]) for p in predicted)
    ]
    out += [
        Miss(rid, "spurious_entity", f"{p[2]} {text[p[0]:p[1]]!r}@{p[0]}")
        for p in predicted
        if not any(_overlaps(p[:2], g[:2]) for g in gold)
    ]
    return out


def _score_pairs(record: dict[str, Any], analysis: DocumentAnalysis, misses: list[Miss]) -> Score:
    rid, text = str(record.get("id")), record["text"]
    pairs, relations, spans = _signed_pairs(analysis), _gold_relations(record), _actor_spans(analysis)
    tp_pred = sum(any(_pair_matches(p, r, spans) for r in relations) for p in pairs)
    tp_gold = 0
    for rel in relations:
        if any(_pair_matches(p, rel, spans) for p in pairs):
            tp_gold += 1
        else:
            (a, b), (c, d), sign = rel[0], rel[1], rel[2]
            misses.append(Miss(rid, "missed_pair", f"{'+' if sign > 0 else '-'} {text[a:b]!r} ~ {text[c:d]!r}"))
    for s, t, sign in pairs:
        if not any(_pair_matches((s, t, sign), r, spans) for r in relations):
            names = [analysis.actor(x).profile.name if analysis.actor(x) else x for x in (s, t)]
            misses.append(Miss(rid, "spurious_pair", f"{'+' if sign > 0 else '-'} {names[0]!r} ~ {names[1]!r}"))
    return Score(tp_pred, len(pairs), tp_gold, len(relations))


# --------------------------------------------------------------------------- FA-KES


def evaluate_fakes(records: Sequence[dict[str, Any]], analyzer=None) -> FakesReport:
    """Share of articles with non-zero gold civilian deaths where a ``killed`` figure equals it."""
    analyzer = _default_analyzer(analyzer)
    started = time.perf_counter()
    analyses = _analyze(analyzer, records)
    with_deaths = equal = with_killed = 0
    misses: list[Miss] = []
    for record, analysis in zip(records, analyses):
        killed = [f for f in analysis.figures if f.kind == "killed"]
        with_killed += bool(killed)
        gold = (record.get("labels") or {}).get("civilians_killed")
        try:
            gold = int(gold)
        except (TypeError, ValueError):
            continue
        if gold <= 0:
            continue
        with_deaths += 1
        if any(f.value == gold for f in killed):
            equal += 1
        else:
            found = ", ".join(f"{f.value}({f.subject or '-'})" for f in killed) or "none"
            misses.append(Miss(str(record.get("id")), "missed_killed", f"gold {gold} | killed figures: {found}"))
    return FakesReport(
        dataset="fakes",
        records=len(records),
        seconds=round(time.perf_counter() - started, 2),
        with_deaths=with_deaths,
        killed_equal=equal,
        with_killed_figure=with_killed,
        misses=tuple(misses),
    )


# --------------------------------------------------------------------------- seed


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").lower().split())


def _strip_article(text: str) -> str:
    text = _norm(text)
    for prefix in ("the ", "a ", "an "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return text.removesuffix("'s")


def _find(text: str, evidence: str) -> tuple[int, int] | None:
    start = text.find(evidence)
    if start < 0:
        return None
    return start, start + len(evidence)


def _actor_matches(analysis: DocumentAnalysis, actor_id: str, expected: dict[str, Any]) -> bool:
    """Country (and sector when given) agree, or a mention's text overlaps the expected text."""
    actor = analysis.actor(actor_id)
    if actor is None:
        return False
    want = _strip_article(expected.get("text") or "")
    for mention in actor.mentions:
        got = _strip_article(mention.text)
        if got and want and (got in want or want in got):
            return True
    country, sector = expected.get("country"), expected.get("sector")
    if country and actor.profile.country == country:
        return not sector or actor.profile.sector == sector
    return False


def _seed_event_ok(analysis: DocumentAnalysis, event: Event, expected: dict[str, Any], span) -> bool:
    types = expected["type"] if isinstance(expected["type"], list) else [expected["type"]]
    if event.type not in types:
        return False
    if span is not None and not any(_overlaps((s.start, s.end), span) for s in (event.evidence or (event.sentence,))):
        return False
    for side in ("source", "target"):
        for want in expected.get(side) or ():
            if not any(_actor_matches(analysis, a, want) for a in getattr(event, side)):
                return False
    return True


def _seed_events(analysis: DocumentAnalysis, expected: dict[str, Any]) -> list[SeedCheck]:
    text = analysis.document.text
    checks = []
    for item in expected.get("events") or ():
        span = _find(text, item.get("evidence") or "")
        ok = any(_seed_event_ok(analysis, e, item, span) for e in analysis.events)
        label = f"{item['type']} {[a['text'] for a in item.get('source') or ()]} -> {[a['text'] for a in item.get('target') or ()]}"
        near = [_describe(analysis, e) for e in analysis.events if span and _overlaps((e.sentence.start, e.sentence.end), span)]
        checks.append(SeedCheck("events", label, ok, "; ".join(near) or "no event in that sentence"))
    return checks


def _seed_figures(analysis: DocumentAnalysis, expected: dict[str, Any]) -> list[SeedCheck]:
    checks = []
    for item in expected.get("figures") or ():
        def ok(f) -> bool:
            if f.kind != item.get("kind") or f.value != item.get("value"):
                return False
            return not item.get("qualifier") or f.qualifier == item["qualifier"]

        found = ", ".join(f"{f.kind}={f.value}/{f.qualifier}" for f in analysis.figures)
        checks.append(SeedCheck("figures", item.get("evidence", ""), any(ok(f) for f in analysis.figures), found))
    return checks


def _seed_quotes(analysis: DocumentAnalysis, expected: dict[str, Any]) -> list[SeedCheck]:
    text = analysis.document.text
    checks = []
    for item in expected.get("quotes") or ():
        span = _find(text, item.get("evidence") or "")
        speaker = _strip_article(item.get("speaker") or "")

        def ok(q) -> bool:
            if span and not _overlaps((q.start, q.end), span):
                return False
            if bool(q.direct) != bool(item.get("direct", q.direct)):
                return False
            return speaker in _strip_article(q.speaker_text) or _strip_article(q.speaker_text) in speaker

        found = "; ".join(f"{q.speaker_text!r} direct={q.direct}" for q in analysis.quotes)
        checks.append(SeedCheck("quotes", f"{item.get('speaker')}: {item.get('evidence')}", any(ok(q) for q in analysis.quotes), found))
    return checks


def _seed_sections(analysis: DocumentAnalysis, expected: dict[str, Any]) -> list[SeedCheck]:
    text = analysis.document.text
    checks = []
    for item in expected.get("sections") or ():
        span = _find(text, item.get("evidence") or "")
        kind = item.get("kind")
        ok = span is not None and any(
            s.kind == kind and s.start <= span[0] and span[1] <= s.end for s in analysis.document.sections
        )
        kinds = [s.kind for s in analysis.document.sections if span and _overlaps((s.start, s.end), span)]
        checks.append(SeedCheck("sections", f"{kind}: {item.get('evidence')}", ok, f"found in {kinds or 'no section'}"))
    return checks


def _alias_ids(analysis: DocumentAnalysis, alias: str) -> set[str]:
    want = _strip_article(alias)
    exact = {a.id for a in analysis.actors for m in a.mentions if _strip_article(m.text) == want}
    if exact:
        return exact
    span = _find(analysis.document.text, alias)
    if span is None:
        return set()
    return {a.id for a in analysis.actors for m in a.mentions if span[0] <= m.start and m.end <= span[1]}


def _seed_aliases(analysis: DocumentAnalysis, expected: dict[str, Any]) -> list[SeedCheck]:
    checks = []
    text = analysis.document.text
    for group in expected.get("aliases") or ():
        present = [alias for alias in group if alias in text]  # a listed alias may not occur in this text
        found = {alias: _alias_ids(analysis, alias) for alias in present}
        ids = set().union(*found.values())
        ok = bool(found) and all(found.values()) and len(ids) == 1
        detail = "; ".join(f"{alias}: {sorted(v) or 'not found'}" for alias, v in found.items())
        checks.append(SeedCheck("aliases", " / ".join(group), ok, detail))
    return checks


def _seed_comment_voice(analysis: DocumentAnalysis) -> list[SeedCheck]:
    bad = [e for e in analysis.events if e.section == "comment" and e.asserted_by == "author"]
    detail = "; ".join(_describe(analysis, e) for e in bad)
    return [SeedCheck("comment_voice", "no comment event asserted by the author", not bad, detail)]


def evaluate_seed(expected: dict[str, Any], analyzer=None, *, name: str = "seed") -> SeedReport:
    """Check the seed op-ed against seed-expected.json, page structure included."""
    from factionmap.document import build_document

    analyzer = _default_analyzer(analyzer)
    started = time.perf_counter()
    document = build_document(RawInput(name=str(expected.get("id") or name), content=expected["text"]))
    analysis = analyzer.analyze_one(document)
    checks = (
        _seed_events(analysis, expected)
        + _seed_figures(analysis, expected)
        + _seed_quotes(analysis, expected)
        + _seed_sections(analysis, expected)
        + _seed_aliases(analysis, expected)
        + _seed_comment_voice(analysis)
    )
    rid = str(expected.get("id") or name)
    misses = tuple(Miss(rid, c.kind, f"{c.expected} | {c.detail}") for c in checks if not c.ok)
    return SeedReport("seed", 1, round(time.perf_counter() - started, 2), tuple(checks), misses)


def analyze_seed(expected: dict[str, Any], analyzer=None) -> DocumentAnalysis:
    """The seed's analysis as evaluate_seed reads it (for tests that look deeper)."""
    from factionmap.document import build_document

    analyzer = _default_analyzer(analyzer)
    return analyzer.analyze_one(build_document(RawInput(name=str(expected.get("id")), content=expected["text"])))
