"""The evaluation harness's scoring, on hand-made analyses (no pipeline needed)."""

from __future__ import annotations

import json

import pytest

from factionmap.evaluate import (
    EvaluationError,
    Score,
    detect_dataset,
    evaluate_fakes,
    evaluate_plover,
    evaluate_re3d,
    load_gold,
    report_dict,
)
from factionmap.model import Actor, ActorProfile, DocumentAnalysis, Event, Figure, Mention, TextSpan


class StubAnalyzer:
    """Returns prepared analyses by document id, in the order asked."""

    def __init__(self, **by_id):
        self.by_id = by_id

    def analyze(self, documents):
        for document in documents:
            yield DocumentAnalysis(document=document, **self.by_id.get(document.id, {}))


def _actor(actor_id, country, *spans, kind="country", sector=None, rule="alias", text="x"):
    profile = ActorProfile(actor_id, actor_id, country=country, sector=sector, kind=kind)
    return Actor(profile, tuple(Mention(s, e, text, actor_id, rule=rule) for s, e in spans))


def _event(etype, source, target, negated=False):
    span = TextSpan(0, 1, "x")
    return Event(etype, tuple(source), tuple(target), span, span, negated=negated)


PLOVER = [
    {"id": "p1", "dataset": "PLOVER-GSR", "text": "Russia backed Syria.",
     "events": [{"type": "SUPPORT", "source": [{"text": "Russia", "country": "RUS", "sector": "GOV"}],
                 "target": [{"text": "Syria", "country": "SYR", "sector": None}]}]},
    {"id": "p2", "dataset": "PLOVER-GSR", "text": "Iran threatened Israel.",
     "events": [{"type": "THREATEN", "source": [{"text": "Iran", "country": "IRN", "sector": None}],
                 "target": [{"text": "Israel", "country": "ISR", "sector": None}]}],
     "figures": [{"kind": "killed", "value": 3}]},
]


def test_plover_counts_type_and_country_matches():
    stub = StubAnalyzer(
        p1={"actors": (_actor("rus", "RUS", (0, 6), sector="GOV"), _actor("syr", "SYR", (14, 19))),
            "events": (_event("SUPPORT", ["rus"], ["syr"]), _event("ACCUSE", ["rus"], ["syr"]))},
        p2={"actors": (_actor("irn", "IRN", (0, 4)), _actor("isr", "GBR", (16, 22))),
            "events": (_event("THREATEN", ["irn"], ["isr"]),),
            "figures": (Figure("killed", 3, 0, 1),)},
    )
    report = evaluate_plover(PLOVER, stub)
    assert report.events == Score(tp_pred=1, predicted=3, tp_gold=1, gold=2)
    assert report.type_recall == 1.0
    assert report.source_country == (2, 2)
    assert report.target_country == (1, 2)
    assert report.source_sector == (1, 1)
    assert report.figures == (1, 1)
    rows = {row.type: row for row in report.per_type}
    assert rows["THREATEN"].type_found == 1 and rows["THREATEN"].matched == 0
    assert rows["ACCUSE"].predicted == 1 and rows["ACCUSE"].gold == 0
    kinds = {m.kind for m in report.misses}
    assert kinds == {"missed_event", "false_positive", "target_country"}
    json.dumps(report_dict(report))


def test_plover_side_without_gold_country_is_not_checked():
    record = dict(PLOVER[0], id="p3", events=[{"type": "AGREE", "source": [{"text": "they", "country": None}], "target": []}])
    stub = StubAnalyzer(p3={"events": (_event("AGREE", [], []),)})
    assert evaluate_plover([record], stub).events.f1 == 1.0


def test_plover_counted_events_leave_out_hypothetical_and_negated_predictions():
    """PLOVER codes neither an embedded hypothetical act nor a denied one; ``counted_events`` scores the
    predictions a POLECAT export counts, beside the event score over all of them."""
    from dataclasses import replace

    stub = StubAnalyzer(
        p1={"actors": (_actor("rus", "RUS", (0, 6), sector="GOV"), _actor("syr", "SYR", (14, 19))),
            "events": (_event("SUPPORT", ["rus"], ["syr"]), replace(_event("AID", ["rus"], ["syr"]), hypothetical=True),
                       _event("ASSAULT", ["rus"], ["syr"], negated=True))},
    )
    report = evaluate_plover(PLOVER[:1], stub)
    assert report.events == Score(tp_pred=1, predicted=3, tp_gold=1, gold=1)
    assert report.counted_events == Score(tp_pred=1, predicted=1, tp_gold=1, gold=1)
    assert report.metrics()["counted_event_f1"] == 1.0


RE3D = {
    "id": "r1", "dataset": "re3d/UK Government",
    "text": "The UK and France back the Syrian opposition against Daesh.",
    "entities": [
        {"start": 0, "end": 6, "text": "The UK", "type": "Organisation"},
        {"start": 11, "end": 17, "text": "France", "type": "Location"},
        {"start": 27, "end": 33, "text": "Syrian", "type": "Nationality"},
        {"start": 53, "end": 58, "text": "Daesh", "type": "Organisation"},
        {"start": 40, "end": 45, "text": "ition", "type": "Weapon"},
    ],
    "relations": [
        {"source": {"start": 0, "end": 6}, "target": {"start": 53, "end": 58}, "sign": "-", "type": "FightingAgainst"},
        {"source": {"start": 53, "end": 58}, "target": {"start": 0, "end": 6}, "sign": "-", "type": "FightingAgainst"},
        {"source": {"start": 0, "end": 6}, "target": {"start": 11, "end": 17}, "sign": "+", "type": "AlliesOf"},
        {"source": {"start": 0, "end": 6}, "target": {"start": 11, "end": 17}, "sign": None, "type": "CoLocated"},
    ],
}


def test_re3d_entities_overlap_exact_and_types():
    stub = StubAnalyzer(r1={"actors": (
        _actor("gbr", "GBR", (4, 6)),                                  # overlaps "The UK", typed Location
        _actor("fra", "FRA", (11, 17)),                                # exact, Location
        _actor("syr", "SYR", (27, 33), rule="demonym"),                # exact, Nationality
        _actor("opp", "SYR", (34, 45), kind="group"),                  # overlaps only a Weapon: spurious
    )})
    report = evaluate_re3d([RE3D], stub)
    assert report.entities_overlap == Score(3, 4, 3, 4)
    assert report.entities_exact == Score(2, 4, 2, 4)
    assert report.entities_overlap_typed == Score(2, 4, 2, 4)
    assert report.signed_pairs.gold == 2  # the two FightingAgainst directions are one pair


def test_re3d_signed_pairs_either_direction():
    actors = (_actor("gbr", "GBR", (0, 6)), _actor("isil", None, (53, 58), kind="group"), _actor("fra", "FRA", (11, 17)))
    events = (_event("ASSAULT", ["isil"], ["gbr"]), _event("SUPPORT", ["gbr"], ["isil"]), _event("ASSAULT", ["gbr"], ["fra"], negated=True))
    report = evaluate_re3d([RE3D], StubAnalyzer(r1={"actors": actors, "events": events}))
    assert report.signed_pairs == Score(tp_pred=1, predicted=2, tp_gold=1, gold=2)


def test_fakes_counts_equal_killed_figures():
    records = [
        {"id": "f1", "dataset": "FA-KES", "text": "a", "labels": {"civilians_killed": 12}},
        {"id": "f2", "dataset": "FA-KES", "text": "b", "labels": {"civilians_killed": 4}},
        {"id": "f3", "dataset": "FA-KES", "text": "c", "labels": {"civilians_killed": 0}},
    ]
    stub = StubAnalyzer(
        f1={"figures": (Figure("wounded", 12, 0, 1), Figure("killed", 12, 0, 1))},
        f2={"figures": (Figure("killed", 5, 0, 1),)},
    )
    report = evaluate_fakes(records, stub)
    assert (report.with_deaths, report.killed_equal) == (2, 1)
    assert report.metrics()["civilians_killed_accuracy"] == 0.5
    assert [m.record for m in report.misses] == ["f2"]


def test_dataset_detection_and_bad_files(tmp_path):
    assert detect_dataset(PLOVER) == "plover"
    assert detect_dataset([RE3D]) == "re3d"
    assert detect_dataset([{"id": "x", "text": "t", "labels": {}}]) == "fakes"
    assert detect_dataset([{"id": "s", "dataset": "seed", "text": "t"}]) == "seed"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "a"}\nnot json\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match="bad.jsonl:2"):
        load_gold(bad)
    with pytest.raises(EvaluationError, match="cannot read"):
        load_gold(tmp_path / "missing.jsonl")
    with pytest.raises(EvaluationError, match="cannot tell"):
        detect_dataset([{"id": "z", "text": "t"}])
