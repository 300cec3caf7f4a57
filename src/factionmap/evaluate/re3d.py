"""re3d documents: entity P/R/F1 (overlap/exact, typed/untyped) and signed-pair F1."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from factionmap.evaluate.common import (
    _KIND_TO_RE3D,
    RE3D_TYPES,
    Miss,
    Re3dReport,
    Score,
    _analyze,
    _default_analyzer,
)
from factionmap.model import Actor, DocumentAnalysis


#: Rules of a country mention that stands for its state acting ("Russia said", "it", "the UK
#: government"): re3d annotates the state as an Organisation, the country as a place as a Location.
_STATE_RULES = frozenset({"metonym", "pronoun", "generic", "description"})


def mention_type(actor: Actor, rule: str) -> str:
    """The re3d entity type of a mention: demonyms are Nationality; a country is a Location as a
    place and an Organisation as a state that acts; else by the actor's kind."""
    if rule == "demonym":
        return "Nationality"
    if actor.profile.kind == "country" and rule in _STATE_RULES:
        return "Organisation"
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


#: Third-person possessive determiners: factionmap keeps them as mentions of the actor ("its
#: fighters" names the actor that fights), re3d does not annotate them as entities.
_POSSESSIVE_DETERMINERS = frozenset({"its", "their", "his"})


def _predicted_entities(analysis: DocumentAnalysis) -> list[tuple[int, int, str]]:
    spans = {
        (m.start, m.end, mention_type(actor, m.rule)) for actor in analysis.actors for m in actor.mentions
        if not (m.rule == "pronoun" and m.text.lower() in _POSSESSIVE_DETERMINERS)
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
