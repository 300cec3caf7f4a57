"""The corpus-format evaluator (evaldata/ held-out sentences): detection, span offsets, scores."""

from __future__ import annotations

from factionmap.evaluate import detect_dataset, evaluate_written
from factionmap.evaluate.written import is_written_record, span_offsets

RECORDS = [
    {"id": "w1", "text": "Turkey condemned Israel's strikes on Gaza.",
     "events": [{"type": "ACCUSE", "mode": None, "source": ["Turkey"], "target": ["Israel"], "trigger": "condemned",
                 "negated": False, "hedged": False, "hypothetical": False, "asserted_by": "author"}]},
    {"id": "w2", "text": "A landslide killed 14 villagers in the mountains on Monday.", "events": []},
]


def test_corpus_records_are_told_apart_from_plover_and_plv():
    assert is_written_record(RECORDS[0])
    assert not is_written_record({"text": "x", "events": [{"type": "ACCUSE", "trigger": "x",
                                                           "source": [{"text": "A", "start": 0, "end": 1}]}]})
    assert not is_written_record({"text": "x", "events": [{"type": "ACCUSE", "trigger": "x",
                                                           "source": [{"text": "A", "country": "USA"}]}]})
    assert detect_dataset([RECORDS[1], RECORDS[0]]) == "written"


def test_span_offsets_take_the_nth_occurrence():
    text = "the army said the army left"
    assert span_offsets(text, "the army") == (0, 8)
    assert span_offsets(text, {"text": "the army", "n": 2}) == (14, 22)
    assert span_offsets(text, "navy") is None


def test_scores_on_a_hit_and_a_quiet_disaster(analyzer):
    report = evaluate_written(RECORDS, analyzer)
    metrics = report.metrics()
    assert report.gold_events == 1 and report.empty == 1
    assert metrics["type_recall"] == 1.0 and metrics["role_recall"] > 0
    assert metrics["violent_false_alarm_rate"] == 0.0
