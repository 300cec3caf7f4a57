"""``factionmap train``: fit the event-type head and the confidence model on the corpus.

One reproducible run (fixed seed, deterministic L-BFGS): read the corpus,
parse it with the pipeline up to the rule coder, encode every candidate with
the bundled MiniLM encoder, then

1. k-fold: fit the head on k-1 folds of sentences, predict the held-out fold
   (out-of-fold probabilities for every candidate);
2. build the typer's proposals from the out-of-fold probabilities and fit the
   confidence model on them (label: the proposal's type is a gold type of the
   sentence); fit the typer's thresholds (emission ``threshold``, ``keep_floor``,
   ``add_beside`` of :func:`~factionmap.events.typer.decide`) on a grid, maximising
   micro F1 of the sentences' type sets; they go into the head's meta;
3. fit the head on the whole corpus and write ``event_typer.npz``.

With a fine-tuned encoder (``encoder.json`` beside it lists the corpus ids it
trained on) step 2 and the figures use only the sentences the encoder never
saw (its calibration split and any sentence added since), so the confidence
model is fitted on honest probabilities.  Refitting after corpus or coder
changes needs no torch and takes minutes.

The k-fold figures (type-set micro/macro F1 of the coder alone, the model
alone and both together) are returned in :class:`TrainReport`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from factionmap.events.typemodel import ENCODER_FILE, HEAD_FILE, NONE, EventTypeModel, Head, bundled_model_dir
from factionmap.events.typer import ADD_BESIDE, KEEP_FLOOR, decide, propose, score
from factionmap.model import PLOVER_TYPES
from factionmap.training.corpus import read_corpus
from factionmap.training.dataset import Example, build_examples
from factionmap.training.finetune import ENCODER_INFO_FILE, FinetuneOptions, finetune_encoder
from factionmap.training.fit import f1, fit_logistic, fit_softmax, folds, set_scores, standardize

__all__ = [
    "CLASSES", "DECISION_GRID", "ENCODER_INFO_FILE", "TrainOptions", "TrainReport", "Encoded", "calibration_mask",
    "encode_examples", "train", "cross_validate", "fit_and_save", "fit_decision", "read_encoder_info",
]

CLASSES: tuple[str, ...] = (*PLOVER_TYPES, NONE)
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.2, 0.81, 0.05))
#: The values :func:`fit_decision` tries for the typer's thresholds (add_beside 1.01: never add beside).
DECISION_GRID: dict[str, tuple[float, ...]] = {
    "threshold": THRESHOLDS,
    "keep_floor": (0.0, 0.05, 0.1, 0.15, 0.2, 0.3),
    "add_beside": (0.5, 0.6, 0.7, 0.8, 0.9, 1.01),
}


@dataclass(frozen=True)
class TrainOptions:
    """Where the corpus is, where the model goes, and the fitting knobs."""

    corpus: tuple[Path, ...] = (Path("training/events"),)
    out_dir: Path | None = None  # None: the package's data/models
    folds: int = 5
    seed: int = 13
    l2: float = 30.0
    event_weight: float = 2.0  # sample weight of candidates that state an event (vs "none")
    min_probability: float = 0.1
    components: int = 256  # principal components the head is fitted on
    max_iter: int = 300
    write: bool = True
    finetune: FinetuneOptions | None = None  # first fine-tune and export the encoder (needs torch)
    keep_floor: float | None = None  # pin the typer's keep_floor instead of fitting it
    add_beside: float | None = None  # pin add_beside instead of fitting it


@dataclass(frozen=True)
class TrainReport:
    sentences: int
    examples: int
    candidates: int
    kfold: dict[str, dict[str, float]]
    threshold: float
    seconds: dict[str, float] = field(default_factory=dict)
    path: Path | None = None
    decision: dict[str, float] = field(default_factory=dict)  # threshold, keep_floor, add_beside


@dataclass(frozen=True)
class Encoded:
    """Examples with their candidate features stacked: ``x`` rows, ``y`` classes, ``row_of`` example."""

    examples: list[Example]
    x: np.ndarray
    y: np.ndarray
    row_of: np.ndarray  # example index of each row
    group: np.ndarray  # corpus-sentence index of each example


def encode_examples(examples: list[Example], model: EventTypeModel) -> Encoded:
    feats = model.features([(e.view.text, e.view.spans()) for e in examples])
    col = {c: n for n, c in enumerate(CLASSES)}
    x = np.vstack(feats).astype(np.float32)
    y = np.array([col[label] for e in examples for label in e.labels])
    row_of = np.concatenate([np.full(len(f), n) for n, f in enumerate(feats)])
    ids: dict[str, int] = {}
    group = np.array([ids.setdefault(e.sentence_id, len(ids)) for e in examples])
    return Encoded(examples, x, y, row_of, group)


def _fit_head(x: np.ndarray, y: np.ndarray, options: TrainOptions) -> tuple[np.ndarray, ...]:
    """Standardise, fit on the top principal components (speed), fold the projection into the weights."""
    mean, scale = standardize(x)
    z = ((x - mean) / scale).astype(np.float32)
    _, vectors = np.linalg.eigh(z.T @ z / len(z))
    projection = vectors[:, ::-1][:, : options.components].astype(np.float32)
    zp = z @ projection
    spread = zp.std(axis=0) + 1e-6
    weight = np.where(y == CLASSES.index(NONE), 1.0, options.event_weight)
    w, b = fit_softmax(zp / spread, y, len(CLASSES), l2=options.l2, sample_weight=weight,
                       max_iter=options.max_iter)
    return (projection / spread) @ w, b, mean, scale


def _probabilities(x: np.ndarray, params: tuple[np.ndarray, ...]) -> np.ndarray:
    w, b, mean, scale = params
    head = Head(CLASSES, w, b, mean, scale, np.zeros(9), {})
    return head.probabilities(x)


def out_of_fold(data: Encoded, options: TrainOptions) -> np.ndarray:
    """Held-out probabilities for every candidate row (folds by corpus sentence)."""
    probs = np.zeros((len(data.y), len(CLASSES)))
    n_groups = int(data.group.max()) + 1
    row_group = data.group[data.row_of]
    for fold in folds(n_groups, options.folds, options.seed):
        test = np.isin(row_group, fold)
        params = _fit_head(data.x[~test], data.y[~test], options)
        probs[test] = _probabilities(data.x[test], params)
    return probs


def _per_example(data: Encoded, probs: np.ndarray) -> list[np.ndarray]:
    return [probs[data.row_of == n] for n in range(len(data.examples))]


def fit_confidence(data: Encoded, probs: np.ndarray, options: TrainOptions,
                   calibrate: np.ndarray | None = None) -> tuple[np.ndarray, dict[str, float], dict]:
    """Confidence weights, the typer's fitted thresholds and k-fold figures from out-of-fold probabilities.

    ``calibrate`` (a boolean per example; default all) selects the examples the confidence model
    and the thresholds are fitted and the figures measured on: with a fine-tuned encoder, those
    the encoder never trained on.
    """
    per = _per_example(data, probs)
    calibrate = np.ones(len(data.examples), dtype=bool) if calibrate is None else calibrate
    rows, labels = [], []
    for n, (example, p) in enumerate(zip(data.examples, per)):
        if not example.has_actor or not calibrate[n]:
            continue
        for proposal in propose(example.view, p, CLASSES, options.min_probability):
            rows.append(proposal.features)
            labels.append(float(proposal.type in example.gold_types))
    weights = fit_logistic(np.stack(rows), np.array(labels), l2=1.0)
    figures, decision = _kfold_figures(data, per, weights, options, calibrate)
    return weights, decision, figures


def _scored(data: Encoded, per: list[np.ndarray], weights: np.ndarray, options: TrainOptions,
            keep: np.ndarray) -> list[tuple[list, np.ndarray]]:
    out = []
    for n in np.flatnonzero(keep):
        example = data.examples[n]
        proposals = propose(example.view, per[n], CLASSES, options.min_probability) if example.has_actor else []
        out.append((proposals, score(proposals, weights)))
    return out


def _decision_rows(scored: list[tuple[list, np.ndarray]]) -> list[tuple[list, list]]:
    """Per example, what :func:`decide` compares: coder events (own type and score, best retype and
    score) and added proposals (type, score)."""
    rows = []
    for proposals, values in scored:
        own: dict[int, tuple[str, float]] = {}
        retype: dict[int, tuple[str, float]] = {}
        added: dict[str, float] = {}
        for proposal, value in zip(proposals, (float(v) for v in values)):
            if proposal.coder is None:
                added[proposal.type] = max(value, added.get(proposal.type, -1.0))
            elif proposal.features[4]:
                own[proposal.coder] = (proposal.type, value)
            elif proposal.coder not in retype or value > retype[proposal.coder][1]:
                retype[proposal.coder] = (proposal.type, value)
        coders = [(t, v, *retype.get(i, (None, -1.0))) for i, (t, v) in own.items()]
        rows.append((coders, list(added.items())))
    return rows


def _decided_types(coders: list, added: list, threshold: float, keep_floor: float, add_beside: float) -> set[str]:
    """The type set :func:`decide` emits for one example's :func:`_decision_rows` entry."""
    kept = set()
    for own_type, own_value, other_type, other_value in coders:
        if own_value >= keep_floor:
            kept.add(own_type)
        elif other_type is not None and other_value >= threshold:
            kept.add(other_type)
    bar = max(threshold, add_beside) if kept else threshold
    return kept | {t for t, v in added if v >= bar and t not in kept}


def fit_decision(scored: list[tuple[list, np.ndarray]], gold: list[frozenset[str]],
                 grid: dict[str, Sequence[float]] | None = None) -> tuple[dict[str, float], dict[str, float]]:
    """The (threshold, keep_floor, add_beside) of :func:`decide` maximising micro F1 of the type sets."""
    grid = grid or DECISION_GRID
    rows = [(r, g) for r, g in zip(_decision_rows(scored), gold) if r[0] or r[1]]
    n_gold = sum(map(len, gold))
    best: tuple[float, dict[str, float]] = (-1.0, {})
    for threshold in grid["threshold"]:
        for keep_floor in grid["keep_floor"]:
            for add_beside in grid["add_beside"]:
                tp = predicted = 0
                for (coders, added), g in rows:
                    types = _decided_types(coders, added, threshold, keep_floor, add_beside)
                    predicted += len(types)
                    tp += len(types & g)
                micro = f1(tp, predicted, n_gold)
                if micro > best[0] + 1e-9:
                    best = (micro, {"threshold": float(threshold), "keep_floor": float(keep_floor),
                                    "add_beside": float(add_beside)})
    decision = best[1]
    pred = [frozenset(p.type for p, _ in decide(props, values, decision["threshold"], decision["keep_floor"],
                                                 decision["add_beside"])) for props, values in scored]
    return decision, set_scores(pred, gold, PLOVER_TYPES)


def _kfold_figures(data: Encoded, per: list[np.ndarray], weights: np.ndarray, options: TrainOptions,
                   calibrate: np.ndarray):
    keep = calibrate
    gold = [e.gold_types for e, k in zip(data.examples, keep) if k]
    coder = [frozenset(c.type for c in e.view.coder) for e, k in zip(data.examples, keep) if k]
    model_only = [frozenset(CLASSES[int(k)] for k in p.argmax(axis=1) if CLASSES[int(k)] != NONE)
                  for p, k in zip(per, keep) if k]
    scored = _scored(data, per, weights, options, keep)
    _, handset = fit_decision(scored, gold, {"threshold": THRESHOLDS, "keep_floor": (KEEP_FLOOR,),
                                             "add_beside": (ADD_BESIDE,)})
    grid = dict(DECISION_GRID)
    if options.keep_floor is not None:
        grid["keep_floor"] = (options.keep_floor,)
    if options.add_beside is not None:
        grid["add_beside"] = (options.add_beside,)
    decision, combined = fit_decision(scored, gold, grid)
    figures = {
        "coder": set_scores(coder, gold, PLOVER_TYPES),
        "model": set_scores(model_only, gold, PLOVER_TYPES),
        "combined": combined,
        "combined_handset": handset,  # former hand-set keep_floor / add_beside, threshold fitted
        "measured_on": {"examples": int(keep.sum()), "all": len(data.examples)},
    }
    return figures, decision


def cross_validate(data: Encoded, options: TrainOptions,
                   calibrate: np.ndarray | None = None) -> tuple[np.ndarray, dict[str, float], dict]:
    """(confidence weights, fitted decision thresholds, k-fold figures)."""
    return fit_confidence(data, out_of_fold(data, options), options, calibrate)


def read_encoder_info(directory: Path) -> dict:
    """``encoder.json`` of a model directory (``{}`` for the stock encoder): how the encoder was fine-tuned."""
    path = directory / ENCODER_INFO_FILE
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path}: unreadable encoder record ({exc})") from exc


def calibration_mask(data: Encoded, info: dict) -> np.ndarray | None:
    """Examples the encoder never trained on (None: a stock encoder, every example)."""
    trained = set(info.get("trained_ids", ()))
    if not trained:
        return None
    mask = np.array([e.sentence_id not in trained for e in data.examples], dtype=bool)
    return mask if mask.any() else None  # every sentence was trained on: calibrate on all (optimistic)


def train(options: TrainOptions | None = None, sentences: Sequence | None = None) -> TrainReport:
    """The whole ``factionmap train`` run; writes the head unless ``options.write`` is False."""
    options = options or TrainOptions()
    out_dir = Path(options.out_dir) if options.out_dir else bundled_model_dir()
    started = time.perf_counter()
    sentences = list(sentences) if sentences is not None else read_corpus(options.corpus)
    examples = build_examples(sentences)
    if options.finetune is not None:
        finetune_encoder(examples, out_dir, CLASSES, options.finetune)
    encoder_dir = out_dir if (out_dir / ENCODER_FILE).is_file() else bundled_model_dir()
    data = encode_examples(examples, EventTypeModel(encoder_dir))
    prepared = round(time.perf_counter() - started, 1)
    calibrate = calibration_mask(data, read_encoder_info(encoder_dir))
    report = fit_and_save(data, options, out_dir, sentences=len(sentences), calibrate=calibrate)
    return replace(report, seconds={"parse_and_encode": prepared, **report.seconds})


def fit_and_save(data: Encoded, options: TrainOptions, out_dir: Path, *, sentences: int = 0,
                 calibrate: np.ndarray | None = None) -> TrainReport:
    """k-fold figures, confidence model and thresholds (on ``calibrate`` examples, default all), then
    the head on all data (written unless ``write`` is off)."""
    started = time.perf_counter()
    weights, decision, figures = cross_validate(data, options, calibrate)
    kfold_seconds = round(time.perf_counter() - started, 1)
    w, b, mean, scale = _fit_head(data.x, data.y, options)
    meta = {**decision, "min_probability": options.min_probability, "seed": options.seed,
            "l2": options.l2, "event_weight": options.event_weight, "components": options.components,
            "sentences": sentences, "kfold": figures}
    path = out_dir / HEAD_FILE
    if options.write:
        Head(CLASSES, w, b, mean, scale, weights, meta).save(path)
    seconds = {"kfold": kfold_seconds, "final_fit": round(time.perf_counter() - started - kfold_seconds, 1)}
    return TrainReport(sentences, len(data.examples), len(data.y), figures, decision["threshold"], seconds,
                       path if options.write else None, decision)
