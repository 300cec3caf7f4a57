"""``factionmap evaluate`` on a small written gold file."""

from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from factionmap.cli import evaluate as evaluate_cli

RECORDS = [
    {"id": "w1", "dataset": "PLOVER-GSR", "text": "Egyptian police arrested 12 protesters in Cairo on Monday.",
     "events": [{"type": "COERCE", "source": [{"text": "Egyptian police", "country": "EGY", "sector": "COP"}],
                 "target": [{"text": "protesters", "country": "EGY", "sector": "OPP"}]}],
     "figures": [{"kind": "detained", "value": 12}]},
]


def _app() -> typer.Typer:
    app = typer.Typer()
    app.callback()(lambda: None)  # a group, as in the real CLI
    evaluate_cli.register(app)
    return app


def test_evaluate_json_report(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    result = CliRunner().invoke(_app(), ["evaluate", str(gold), "--format", "json", "--misses", "-1"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["dataset"] == "plover" and data["records"] == 1
    assert set(data["metrics"]) >= {"event_f1", "type_recall", "source_country_accuracy", "figure_accuracy"}
    assert all(set(m) == {"record", "kind", "detail"} for m in data["misses"])


def test_evaluate_table_and_bad_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(RECORDS[0]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(_app(), ["evaluate", str(gold)])
    assert result.exit_code == 0, result.output
    assert "event_f1" in result.output and "per type" in result.output
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{nope\n", encoding="utf-8")
    result = CliRunner().invoke(_app(), ["evaluate", str(broken)])
    assert result.exit_code == 2
    assert "broken.jsonl:1" in result.output
