"""Fitting the event-type head and the confidence model (numpy + scipy, fixed seed).

- :func:`fit_softmax` — multinomial logistic regression with L2, L-BFGS;
- :func:`fit_logistic` — binary logistic regression (the confidence model);
- :func:`folds` — k folds of sentence indices, shuffled with a fixed seed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.optimize import minimize

__all__ = ["f1", "fit_logistic", "fit_softmax", "folds", "set_scores", "standardize"]


def standardize(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(mean, scale) per column; a constant column gets scale 1."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    return mean, scale


def fit_softmax(x: np.ndarray, y: np.ndarray, n_classes: int, *, l2: float = 1.0,
                sample_weight: np.ndarray | None = None, max_iter: int = 400) -> tuple[np.ndarray, np.ndarray]:
    """(weights [features, classes], bias [classes]) minimising weighted cross-entropy + l2/2 |W|²."""
    n, d = x.shape
    w_sample = np.ones(n) if sample_weight is None else sample_weight
    w_sample = w_sample / w_sample.sum()
    onehot = np.zeros((n, n_classes))
    onehot[np.arange(n), y] = 1.0
    reg = l2 / n

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w = theta[: d * n_classes].reshape(d, n_classes)
        b = theta[d * n_classes :]
        logits = x @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        logp = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        value = -(w_sample * (onehot * logp).sum(axis=1)).sum() + 0.5 * reg * (w * w).sum()
        grad_logits = (np.exp(logp) - onehot) * w_sample[:, None]
        grad_w = x.T @ grad_logits + reg * w
        return value, np.concatenate([grad_w.ravel(), grad_logits.sum(axis=0)])

    theta0 = np.zeros(d * n_classes + n_classes)
    result = minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": max_iter})
    theta = result.x
    return theta[: d * n_classes].reshape(d, n_classes), theta[d * n_classes :]


def fit_logistic(x: np.ndarray, y: np.ndarray, *, l2: float = 1.0, max_iter: int = 500) -> np.ndarray:
    """Weights of a binary logistic regression (column 0 of ``x`` is the bias, not penalised)."""
    n, d = x.shape
    mask = np.ones(d)
    mask[0] = 0.0

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        p = 1.0 / (1.0 + np.exp(-z))
        value = np.logaddexp(0.0, z).sum() - (y * z).sum() + 0.5 * l2 * (mask * w * w).sum()
        return value / n, (x.T @ (p - y) + l2 * mask * w) / n

    return minimize(loss, np.zeros(d), jac=True, method="L-BFGS-B", options={"maxiter": max_iter}).x


def folds(n: int, k: int, seed: int) -> list[np.ndarray]:
    """``k`` disjoint index arrays covering ``range(n)`` (shuffled with ``seed``)."""
    order = np.random.default_rng(seed).permutation(n)
    return [np.sort(order[i::k]) for i in range(k)]


def f1(tp: int, predicted: int, gold: int) -> float:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def set_scores(pred: Sequence[frozenset[str]], gold: Sequence[frozenset[str]], labels: Sequence[str]) -> dict[str, float]:
    """Micro and macro F1 of predicted vs gold label sets (one set per sentence)."""
    tp = sum(len(p & g) for p, g in zip(pred, gold))
    micro = f1(tp, sum(map(len, pred)), sum(map(len, gold)))
    per = []
    for label in labels:
        t = sum(label in p and label in g for p, g in zip(pred, gold))
        gl = sum(label in g for g in gold)
        if gl:
            per.append(f1(t, sum(label in p for p in pred), gl))
    return {"micro_f1": micro, "macro_f1": float(np.mean(per)) if per else 0.0}
