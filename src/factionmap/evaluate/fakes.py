"""FA-KES articles: does some ``killed`` figure equal the gold civilian death toll?"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from factionmap.evaluate.common import FakesReport, Miss, _analyze, _default_analyzer


def evaluate_fakes(records: Sequence[dict[str, Any]], analyzer=None) -> FakesReport:
    """Share of articles with non-zero gold civilian deaths where a ``killed`` figure equals it."""
    analyzer = _default_analyzer(analyzer)
    started = time.perf_counter()
    analyses = _analyze(analyzer, records)
    with_deaths = equal = with_killed = 0
    misses: list[Miss] = []
    for record, analysis in zip(records, analyses):
        killed = [f for f in analysis.figures if f.kind == "killed"]
        with_killed += bool(killed)
        gold = (record.get("labels") or {}).get("civilians_killed")
        try:
            gold = int(gold)
        except (TypeError, ValueError):
            continue
        if gold <= 0:
            continue
        with_deaths += 1
        if any(f.value == gold for f in killed):
            equal += 1
        else:
            found = ", ".join(f"{f.value}({f.subject or '-'})" for f in killed) or "none"
            misses.append(Miss(str(record.get("id")), "missed_killed", f"gold {gold} | killed figures: {found}"))
    return FakesReport(
        dataset="fakes",
        records=len(records),
        seconds=round(time.perf_counter() - started, 2),
        with_deaths=with_deaths,
        killed_equal=equal,
        with_killed_figure=with_killed,
        misses=tuple(misses),
    )
