"""Ingest engines for ``factionmap ingest``: ``--engine local|ray``, ``--address``, ``--num-workers``.

The options and the dispatch live here so the ingest command gains them with a
few lines; the engines themselves are library code (:mod:`factionmap.store.runner`,
:mod:`factionmap.scale`).  Nothing here imports spaCy or Ray until a run needs it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from factionmap.cli.inputs import InputFlags
from factionmap.scale.options import RayOptions

__all__ = ["AddressOption", "Engine", "EngineOption", "NumWorkersOption", "OutParquetOption", "ScaleFlags"]


class Engine(str, Enum):
    """Where documents are coded."""

    LOCAL = "local"
    RAY = "ray"


EngineOption = Annotated[Engine, typer.Option(
    case_sensitive=False, help="local: this machine (--workers processes); ray: a Ray cluster (pip install 'factionmap\\[ray]').")]
AddressOption = Annotated[str | None, typer.Option(
    help="Ray cluster for --engine ray: auto (the one `ray start --head` began) or ray://HOST:10001; default: a local Ray.")]
NumWorkersOption = Annotated[int, typer.Option(min=1, help="Ray actors for --engine ray, one pipeline each.")]
ActorCpusOption = Annotated[float, typer.Option(
    min=0.01, help="--engine ray: the most CPUs one actor reserves (fewer where the cluster is small); "
    "2 or more gives an actor a second thread for the event model.")]
OutParquetOption = Annotated[Path | None, typer.Option(
    "--out-parquet", help="--engine ray: write findings as partitioned Parquet in this directory, not into --db.")]


@dataclass(frozen=True)
class ScaleFlags:
    """The engine flags of one ``ingest`` call."""

    engine: Engine = Engine.LOCAL
    address: str | None = None
    num_workers: int = 2
    out_parquet: Path | None = None
    actor_cpus: float = RayOptions.actor_cpus

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> ScaleFlags:
        flags = cls(Engine(params.get("engine") or "local"), params.get("address"),
                    int(params.get("num_workers") or 2), params.get("out_parquet"),
                    float(params.get("actor_cpus") or RayOptions.actor_cpus))
        if flags.out_parquet is not None and flags.engine is not Engine.RAY:
            raise typer.BadParameter("--out-parquet is written by --engine ray", param_hint="--out-parquet")
        if flags.out_parquet is not None and flags.out_parquet.exists() and not flags.out_parquet.is_dir():
            raise typer.BadParameter(f"{flags.out_parquet} is a file, not a directory", param_hint="--out-parquet")
        return flags

    @property
    def local(self) -> bool:
        return self.engine is Engine.LOCAL

    def stored_already(self, db: Path, paths: list[str], flags: InputFlags) -> Any:
        """An :class:`IngestSummary` when ``db`` already holds every input (no model loaded), else None."""
        if not db.exists() or self.out_parquet is not None or "-" in paths:
            return None
        from factionmap.ingest import IngestOptions
        from factionmap.scale.resume import stored_already
        from factionmap.store import Store

        options = IngestOptions(encoding=flags.encoding, max_bytes=flags.max_bytes,
                                fetch_feed_links=flags.fetch_links, **flags.fields)
        with Store(db) as store:
            return stored_already(store, paths, options)

    def ingest(self, store: Any, paths: list[str], options: Any, *, analyzer: Any, workers: int,
               on_result: Callable[[Any, bool], None]) -> Any:
        """Run the chosen engine; returns its :class:`IngestSummary`.

        Directories written by ``--out-parquet`` among ``paths`` are loaded, not analysed."""
        from factionmap.scale.parquet import MARKER, load_parquet

        results = [p for p in paths if (Path(p) / MARKER).is_file()]
        summaries = [load_parquet(store, Path(p), on_result) for p in results]
        others = [p for p in paths if p not in results]
        if others or not summaries:
            summaries.append(self._run(store, others, options, analyzer=analyzer, workers=workers,
                                       on_result=on_result))
        return _merged(summaries)

    def _run(self, store: Any, paths: list[str], options: Any, *, analyzer: Any, workers: int,
             on_result: Callable[[Any, bool], None]) -> Any:
        if self.local:
            from factionmap.store.runner import ingest_sources

            return ingest_sources(store, paths, options, analyzer=analyzer, workers=workers, on_result=on_result)
        from factionmap.scale import ingest_ray

        ray_options = RayOptions(address=self.address, num_workers=self.num_workers, actor_cpus=self.actor_cpus)
        return ingest_ray(store, paths, options, ray_options, on_result=on_result, out_parquet=self.out_parquet)


def _merged(summaries: list[Any]) -> Any:
    """One :class:`IngestSummary` adding up several."""
    total = summaries[0]
    for other in summaries[1:]:
        for name in ("new", "already_stored", "skipped", "duplicates", "actors", "events", "quotes", "figures"):
            setattr(total, name, getattr(total, name) + getattr(other, name))
        total.failures.extend(other.failures)
        for reason, count in other.skip_reasons.items():
            total.skip_reasons[reason] = total.skip_reasons.get(reason, 0) + count
    return total
