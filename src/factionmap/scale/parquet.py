"""Engine output as partitioned Parquet (``ingest --engine ray --out-parquet DIR``), loaded later.

A run writes ``DIR/run=<UTC time>/part-NNNNN.parquet``, one file per
:data:`ROWS_PER_PART` results, through one writer (the driver).  Each row is a
document (``kind = "analysis"``: id, url, title, published, source, language,
counts, and ``analysis``, the lossless JSON of :mod:`factionmap.scale.records`)
or a failure (``kind = "failure"``: name, stage, message).  Any Parquet reader
can query the files (``pyarrow.dataset``, DuckDB, pandas); :func:`load_parquet`
stores them into a database as if they had been ingested there, with the same
skips and one transaction per document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Any

from factionmap.model import DocumentAnalysis, IngestFailure
from factionmap.scale.records import analysis_from_json, analysis_to_json
from factionmap.store.core import Store
from factionmap.store.ingest import IngestSummary, store_results

__all__ = ["MARKER", "ROWS_PER_PART", "ParquetSink", "iter_parquet", "load_parquet", "write_parquet"]

ROWS_PER_PART = 1000
MARKER = "_factionmap_results"  # an empty file naming a directory of engine output
_COLUMNS = ("kind", "id", "name", "url", "title", "published", "source", "language", "actors", "events",
            "quotes", "figures", "skipped", "stage", "message", "analysis")

Result = DocumentAnalysis | IngestFailure


def _row(result: Result) -> dict[str, Any]:
    if isinstance(result, IngestFailure):
        return {"kind": "failure", "name": result.name, "stage": result.stage, "message": result.message}
    doc = result.document
    return {"kind": "analysis", "id": doc.id, "name": doc.name, "url": doc.url, "title": doc.title,
            "published": doc.published, "source": doc.source, "language": doc.language,
            "actors": len(result.actors), "events": len(result.events), "quotes": len(result.quotes),
            "figures": len(result.figures), "skipped": result.skipped, "analysis": analysis_to_json(result)}


def _schema() -> Any:
    import pyarrow as pa

    s, i = pa.string(), pa.int64()
    return pa.schema([(name, i if name in ("actors", "events", "quotes", "figures") else s) for name in _COLUMNS])


class ParquetSink:
    """The one writer of a run's Parquet output: ``with ParquetSink(dir) as sink: sink.add(r)``."""

    def __init__(self, root: Path, rows_per_part: int = ROWS_PER_PART) -> None:
        self.root = Path(root)
        self.rows_per_part = rows_per_part
        self.rows: list[dict[str, Any]] = []
        self.parts: list[Path] = []
        self.run_dir: Path | None = None

    def __enter__(self) -> ParquetSink:
        if self.root.exists() and not self.root.is_dir():
            raise ValueError(f"{self.root}: --out-parquet needs a directory, and this is a file")
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        self.run_dir = self.root / f"run={stamp}"
        self.run_dir.mkdir(parents=True, exist_ok=True)
        (self.root / MARKER).touch()
        return self

    def add(self, result: Result) -> None:
        self.rows.append(_row(result))
        if len(self.rows) >= self.rows_per_part:
            self.flush()

    def flush(self) -> None:
        """Write the rows held so far as the next part file (written whole, then renamed)."""
        if not self.rows or self.run_dir is None:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        target = self.run_dir / f"part-{len(self.parts):05d}.parquet"
        partial = target.with_suffix(".tmp")
        pq.write_table(pa.Table.from_pylist(self.rows, schema=_schema()), str(partial))
        partial.replace(target)
        self.parts.append(target)
        self.rows = []

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.flush()


def write_parquet(results: Iterable[Result], root: Path,
                  on_result: Callable[[Result, bool], None] | None = None) -> IngestSummary:
    """Write every result under ``root``; the summary counts them as a store ingest would."""
    summary = IngestSummary()
    with ParquetSink(root) as sink:
        for result in results:
            sink.add(result)
            if isinstance(result, IngestFailure):
                summary.failures.append(result)
            else:
                summary.new += 1
                summary.events += len(result.events)
                summary.quotes += len(result.quotes)
                summary.figures += len(result.figures)
            if on_result is not None:
                on_result(result, True)
    return summary


def iter_parquet(root: Path) -> Iterator[Result]:
    """The results under ``root`` (every ``part-*.parquet`` below it), in run and part order."""
    import pyarrow.parquet as pq

    for part in sorted(Path(root).rglob("part-*.parquet")):
        table = pq.read_table(str(part), columns=["kind", "name", "stage", "message", "analysis"])
        for row in table.to_pylist():
            if row["kind"] == "failure":
                yield IngestFailure(row["name"] or "", row["message"] or "", row["stage"] or "ingest")
            else:
                try:
                    yield analysis_from_json(row["analysis"])
                except ValueError as exc:
                    yield IngestFailure(f"{part}#{row['name']}", str(exc), "load")


def load_parquet(store: Store, root: Path,
                 on_result: Callable[[Result, bool], None] | None = None) -> IngestSummary:
    """Store the engine output under ``root``: already stored documents are skipped, one transaction each."""
    return store_results(store, iter_parquet(root), on_result)
