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


def test_the_fast_decision_grid_agrees_with_decide():
    """``fit_decision`` scores the grid without calling ``decide``; both give the same type sets."""
    import numpy as np

    from factionmap.events.typer import Candidate, CoderEvent, SentenceView, decide, propose, score
    from factionmap.training.train import CLASSES, _decided_types, _decision_rows

    rng = np.random.default_rng(3)
    cands = tuple(Candidate(i, 5 * i, 5 * i + 4, True, bool(i % 2)) for i in range(4))
    weights = np.array([0.2, 1.0, 0.3, -0.2, 0.5, 0.4, 0.1, 0.1, -0.3])
    scored = []
    for _ in range(40):
        coder = tuple(CoderEvent(n, str(rng.choice(CLASSES[:-1])), n, 0.8, True, True) for n in range(rng.integers(0, 3)))
        probs = rng.dirichlet(np.full(len(CLASSES), 0.3), size=len(cands))
        proposals = propose(SentenceView("x" * 30, 0, cands, coder), probs, CLASSES)
        scored.append((proposals, score(proposals, weights)))
    for threshold, keep_floor, add_beside in [(0.5, 0.1, 0.7), (0.3, 0.0, 0.5), (0.7, 0.3, 1.01), (0.4, 0.2, 0.2)]:
        fast = [_decided_types(c, a, threshold, keep_floor, add_beside) for c, a in _decision_rows(scored)]
        slow = [{p.type for p, _ in decide(props, v, threshold, keep_floor, add_beside)} for props, v in scored]
        assert fast == slow


def test_the_bundled_encoder_never_trained_on_its_calibration_split():
    """A fine-tuned encoder lists the ids it trained on; none of them is in the calibration split."""
    from factionmap.events.typemodel import bundled_model_dir
    from factionmap.training.finetune import calibration_split
    from factionmap.training.train import read_encoder_info

    info = read_encoder_info(bundled_model_dir())
    if not info:
        import pytest

        pytest.skip("the stock encoder (`make encoder`) trained on nothing")
    holdout = info["options"]["holdout"]
    assert info["trained_ids"] and not any(calibration_split(i, holdout) for i in info["trained_ids"])
    assert calibration_split("A-0005", 5) == calibration_split("A-0005", 5)  # by id only: stable as the corpus grows


def test_thresholds_can_be_pinned(tmp_path):
    _write(tmp_path / "T-small.jsonl", SENTENCES)
    result = CliRunner().invoke(build_app(), ["train", str(tmp_path), "--folds", "2", "--dry-run", "--out", str(tmp_path),
                                              "--keep-floor", "0.1", "--add-beside", "0.7"])
    assert result.exit_code == 0, result.output
    decision = json.loads(result.output)["decision"]
    assert decision["keep_floor"] == 0.1 and decision["add_beside"] == 0.7


def test_finetune_layers_default_to_the_options_default(monkeypatch, tmp_path):
    import factionmap.training.train as training
    from factionmap.training.finetune import FinetuneOptions

    seen = []

    def fake_train(options):
        seen.append(options.finetune)
        raise ImportError("no torch in this test")

    monkeypatch.setattr(training, "train", fake_train)
    for extra, layers in (([], FinetuneOptions().train_layers), (["--train-layers", "4"], 4)):
        result = CliRunner().invoke(build_app(), ["train", str(tmp_path), "--finetune", "--out", str(tmp_path), *extra])
        assert result.exit_code == 2 and "torch" in result.output
        assert seen.pop().train_layers == layers
    assert FinetuneOptions().train_layers == 6
