"""The PLV evaluation: type recall, role recall by span overlap, top-event accuracy, strict F1."""

from __future__ import annotations

from factionmap.evaluate import detect_dataset, evaluate_plv, report_dict


def _record(rid, text, etype, source=None, target=None):
    def span(s):
        return [{"text": s, "start": text.index(s), "end": text.index(s) + len(s)}] if s else []

    return {"id": rid, "dataset": "PLV", "text": text,
            "events": [{"type": etype, "source": span(source), "target": span(target), "modality": "past"}]}


def test_plv_records_are_detected():
    assert detect_dataset([_record("p1", "Russia attacked Ukraine.", "ASSAULT")]) == "plv"


def test_plv_scores_type_roles_and_top_event(analyzer):
    records = [
        _record("p1", "Russian troops attacked Ukrainian positions near Bakhmut.", "ASSAULT", "Russian troops", "Ukrainian positions"),
        _record("p2", "Russian troops attacked Ukrainian positions near Bakhmut.", ["CONCEDE", "RETREAT"], "Russian troops"),
    ]
    report = evaluate_plv(records, analyzer)
    metrics = report.metrics()
    assert report.records == 2 and report.roles[1] == 3
    assert metrics["type_recall"] == 0.5 and metrics["top_event_accuracy"] == 0.5
    assert report.roles[0] == 2  # both sides of the ASSAULT overlap; the missed type misses its role
    assert report.events.tp_gold == 1 and 0 < metrics["event_f1"] < 1
    assert [m.kind for m in report.misses] == ["missed_type"]
    assert report_dict(report)["metrics"]["role_recall"] == round(2 / 3, 4)
