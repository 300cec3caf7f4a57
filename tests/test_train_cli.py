"""``factionmap train``: k-fold figures on a small corpus of our own; bad lines named."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from factionmap.cli import build_app

SENTENCES = [
    ("Rebels shelled the army base near Goma.", "ASSAULT", "shelled", "Rebels", "the army base"),
    ("Turkish jets bombed Kurdish positions in northern Iraq.", "ASSAULT", "bombed", "Turkish jets", "Kurdish positions"),
    ("Japan sent food aid to North Korea.", "AID", "sent", "Japan", "North Korea"),
    ("Germany gave Ukraine two air-defence systems.", "AID", "gave", "Germany", "Ukraine"),
    ("The United States imposed sanctions on Iran.", "SANCTION", "imposed", "The United States", "Iran"),
    ("The EU sanctioned Belarusian officials.", "SANCTION", "sanctioned", "The EU", "Belarusian officials"),
    ("France met Italy for talks in Rome.", "CONSULT", "met", "France", "Italy"),
    ("Egypt hosted Israeli and Palestinian negotiators.", "CONSULT", "hosted", "Egypt", "Israeli and Palestinian negotiators"),
]


def _write(path, rows, extra=""):
    lines = []
    for n, (text, etype, trigger, source, target) in enumerate(rows, 1):
        lines.append(json.dumps({"id": f"T-{n:04d}", "text": text, "events": [
            {"type": etype, "trigger": trigger, "source": [source], "target": [target]}]}))
    lines.append(json.dumps({"id": "T-0900", "text": "Heavy rain flooded Dhaka on Monday.", "events": []}))
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")


def test_train_dry_run_prints_kfold_figures(tmp_path):
    _write(tmp_path / "T-small.jsonl", SENTENCES)
    result = CliRunner().invoke(build_app(), ["train", str(tmp_path), "--folds", "2", "--dry-run", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["sentences"] == 9 and report["path"] is None
    assert {"coder", "model", "combined", "combined_handset"} <= set(report["kfold"])
    assert set(report["decision"]) == {"threshold", "keep_floor", "add_beside"}
    assert 0.0 <= report["kfold"]["model"]["micro_f1"] <= 1.0
    assert not (tmp_path / "event_typer.npz").exists()


def test_train_names_the_bad_line(tmp_path):
    _write(tmp_path / "T-bad.jsonl", SENTENCES[:2], extra='{"id": "T-0999", "text": "x", "events": [{"type": "WAR"}]}\n')
    result = CliRunner().invoke(build_app(), ["train", str(tmp_path), "--dry-run"])
    assert result.exit_code == 2
    assert "T-bad.jsonl:4" in result.output and "unknown type 'WAR'" in result.output
