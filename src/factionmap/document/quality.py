"""Extraction quality: the article-extraction benchmark's body metric.

F1 over word 4-gram shingles (``\\w+`` tokens), as in the scrapinghub
article-extraction-benchmark; pages are scored one by one and averaged.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ExtractionReport", "ShingleScore", "evaluate_extraction", "shingle_score", "shingles"]

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class ShingleScore:
    """Precision, recall and F1 of a predicted body against the expected one."""

    precision: float
    recall: float
    f1: float


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Counts of word n-grams of ``text`` (a shorter text is one shingle)."""
    tokens = _TOKEN_RE.findall(text or "")
    grams = [tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))]
    return Counter(g for g in grams if g)


def shingle_score(expected: str, predicted: str, n: int = 4) -> ShingleScore:
    """Score ``predicted`` against ``expected``; two empty texts score 1."""
    true, pred = shingles(expected, n), shingles(predicted, n)
    if not true and not pred:
        return ShingleScore(1.0, 1.0, 1.0)
    tp = sum((true & pred).values())
    precision = tp / sum(pred.values()) if pred else 0.0
    recall = tp / sum(true.values()) if true else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ShingleScore(precision, recall, f1)


@dataclass(frozen=True, slots=True)
class ExtractionReport:
    """Mean body F1 of factionmap and of trafilatura's default ``extract()`` over the same pages."""

    pages: int
    ours: float
    trafilatura: float
    ours_seconds: float
    trafilatura_seconds: float
    per_page: tuple[tuple[str, float, float], ...] = ()


def _decode(data: bytes) -> str:
    """Decode page bytes as trafilatura does (declared charset, then guesses)."""
    from trafilatura.utils import decode_file

    text = decode_file(data)
    return text if isinstance(text, str) else data.decode("utf-8", "replace")


def evaluate_extraction(directory: Path, limit: int | None = None) -> ExtractionReport:
    """Score body extraction on a benchmark folder (``html/<id>.html.gz`` + ``ground-truth.json``)."""
    import trafilatura

    from factionmap.document import body_text, build_document
    from factionmap.model import RawInput

    truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit]
    rows, ours_time, base_time = [], 0.0, 0.0
    for page_id in ids:
        data = gzip.decompress((directory / "html" / f"{page_id}.html.gz").read_bytes())
        expected = truth[page_id].get("articleBody") or ""
        started = time.perf_counter()
        try:
            ours = body_text(build_document(RawInput(page_id, _decode(data), "html", url=truth[page_id].get("url"))))
        except ValueError:
            ours = ""
        ours_time += time.perf_counter() - started
        started = time.perf_counter()
        base = trafilatura.extract(data) or ""
        base_time += time.perf_counter() - started
        rows.append((page_id, shingle_score(expected, ours).f1, shingle_score(expected, base).f1))
    count = max(1, len(rows))
    return ExtractionReport(
        len(rows),
        sum(r[1] for r in rows) / count,
        sum(r[2] for r in rows) / count,
        ours_time,
        base_time,
        tuple(rows),
    )
