"""The Ray engine: inputs read as a Ray dataset, coded by an actor pool, written by one writer.

Plan of a run (:func:`analyze_ray`)::

    sources ─► ray.data.from_items (one row per file / URL; directories listed here)
            ─► map_batches(read)       read tasks run factionmap's own reader
                                        (``iter_inputs``: text, HTML, JSONL, CSV, WARC,
                                        feeds, compressed) and cut its inputs into the
                                        local engine's chunks (:mod:`factionmap.store.chunks`);
                                        the re-blocking to one chunk per block is fused
                                        into the read, so no task of its own
            ─► map_batches(_Coder)     an actor pool; each actor builds the pipeline
                                        once (model and learned parts), then per chunk:
                                        page structure, "already stored?" check, analysis
            ─► iter_rows() on the driver, in input order ─► Store (one writer)

What travels is small and typed: a chunk of :class:`RawInput` goes to an actor as
one pickle, its results (:class:`DocumentAnalysis`, :class:`IngestFailure`,
already-stored marks) come back as one pickle, never spaCy objects.  The work
per chunk is the local parallel engine's own (``_work_chunk``), so both engines
give the same records; the driver writes them with :func:`store_results`, one
transaction per document, so an interrupted run leaves every written document
committed and a re-run skips it.  A local Ray started by a run keeps no
dashboard, metrics, task events or usage report (:data:`QUIET_SYSTEM_CONFIG`),
and Ray Data runs without progress bars, issue detectors or memory polls: on a
small machine everything that is not an actor competes with the actors.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factionmap.ingest import iter_inputs
from factionmap.ingest.http import is_url
from factionmap.ingest.sources import walk_directory
from factionmap.model import DocumentAnalysis, IngestFailure
from factionmap.scale.options import RayOptions
from factionmap.store.chunks import chunks
from factionmap.store.core import Store
from factionmap.store.ingest import IngestSummary, store_results

if TYPE_CHECKING:  # factionmap.batch imports spaCy: not needed to import this module
    from factionmap.batch import BatchOptions

__all__ = ["RayEngineError", "analyze_ray", "ingest_ray", "plan_sources", "ray_session"]

Result = DocumentAnalysis | IngestFailure

#: A local Ray started by a run keeps no metrics, task-event history or event-loop statistics: they
#: feed the dashboard, which such a Ray does not run, and cost every process CPU all run long.
QUIET_SYSTEM_CONFIG = (("enable_metrics_collection", False), ("task_events_report_interval_ms", 0), ("event_stats", False))

#: CPUs a read task asks: Ray's default, which is what lets Ray Data fuse the re-blocking into the
#: read (operators fuse only when their resource requests match); reading is cheap, so the task
#: ends soon and the unit comes back.
READ_CPUS = 1.0


class RayEngineError(RuntimeError):
    """The Ray engine cannot run (Ray missing, cluster unreachable, unreadable source kind)."""


def plan_sources(sources: Iterable[str]) -> list[str]:
    """The sources read tasks read, in order: directories are listed here, one row per file.

    ``-`` (standard input) exists only on the driver, so the Ray engine refuses it."""
    planned: list[str] = []
    for source in sources:
        if source == "-":
            raise RayEngineError("'-' (standard input) cannot be read by Ray tasks; use a file or --engine local")
        path = Path(source)
        if not is_url(source) and path.is_dir():
            children = [str(child) for child in walk_directory(path)]
            planned.extend(children or [source])  # an empty directory: the reader names the problem
        else:
            planned.append(source)
    return planned


@contextlib.contextmanager
def ray_session(options: RayOptions) -> Iterator[Any]:
    """Ray, connected: an existing session is reused; otherwise one is started (local, or
    ``options.address``) and shut down on exit."""
    try:
        import ray
    except ImportError as exc:
        raise RayEngineError("the Ray engine needs Ray: pip install 'factionmap[ray]'") from exc
    if ray.is_initialized():
        yield ray
        return
    kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
    if options.address:
        kwargs["address"] = options.address
    else:
        kwargs.update(num_cpus=options.num_cpus, _system_config=dict(QUIET_SYSTEM_CONFIG))
        if options.object_store_mb:
            kwargs["object_store_memory"] = options.object_store_mb * 1024 * 1024
    added = not options.address and "RAY_USAGE_STATS_ENABLED" not in os.environ
    if added:
        os.environ["RAY_USAGE_STATS_ENABLED"] = "0"  # our own Ray sends no usage report (read by ray.init)
    try:
        ray.init(**kwargs)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise RayEngineError(f"cannot start or reach Ray ({options.address or 'local'}): {exc}") from exc
    finally:
        if added:
            del os.environ["RAY_USAGE_STATS_ENABLED"]
    try:
        yield ray
    finally:
        ray.shutdown()


def _read_chunks(batch: dict[str, Any], *, ingest_blob: bytes, cwd: str, size: int) -> Iterator[dict[str, list]]:
    """Read task: its sources through factionmap's reader (relative paths as the driver saw them),
    cut into the chunks the local engine sends its workers; one chunk is one row, one block."""
    options = pickle.loads(ingest_blob)  # noqa: S301 - our own bytes, same program
    where = cwd if Path(cwd).is_dir() else os.getcwd()
    with contextlib.chdir(where):
        for chunk in chunks(iter_inputs([str(source) for source in batch["source"]], options), size):
            yield {"chunk": [pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL)]}


class _Coder:
    """Actor of the pool: builds the pipeline once, then codes chunks of inputs.

    A chunk's results go back as one pickle of typed records (:class:`DocumentAnalysis`,
    :class:`IngestFailure`, already-stored marks), never spaCy objects."""

    def __init__(self, analyze_blob: bytes, db: str | None) -> None:
        from factionmap.store.parallel import _worker_analyzer

        self.analyze_blob = analyze_blob
        self.db = db
        _worker_analyzer(analyze_blob)  # the model loads now, once per actor

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[bytes]]:
        from factionmap.store.parallel import _work_chunk

        out = []
        for blob in batch["chunk"]:
            results = _work_chunk(self.analyze_blob, self.db, pickle.loads(blob))  # noqa: S301
            out.append(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
        return {"results": out}


def _fitted_cpus(ray: Any, options: RayOptions) -> float:
    """CPUs per actor: ``options.actor_cpus``, less where the cluster could not otherwise hold
    the whole pool and still schedule a read task (:data:`READ_CPUS`): a pool that leaves no
    room for it never finishes.  These are Ray's scheduling units only; an actor still uses
    whatever CPU time it gets (on 2 CPUs, 2 actors ask 0.5 each and each keeps a core busy)."""
    total = float(ray.cluster_resources().get("CPU", 0.0))
    if total <= 0:
        return options.actor_cpus
    room = max(total - READ_CPUS, 0.1)
    return min(options.actor_cpus, room / options.num_workers)


def _quiet(ray: Any) -> Any:
    """Ray Data's context for a run: input order kept, no progress bars, no start banner,
    no periodic issue detectors or memory polls on the driver."""
    import ray.data

    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True  # input order, as the local engine writes
    context.enable_progress_bars = False
    context.enable_operator_progress_bars = False
    context.print_on_execution_start = False
    context.issue_detectors_config.detectors = []
    context.memory_usage_poll_interval_s = None
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    return ray.data


def _actor_analyze(options: BatchOptions, actor_cpus: float) -> bytes:
    """The actors' analyze options, pickled: an actor reserving fewer than two CPUs encodes in line
    (:meth:`~factionmap.pipeline.AnalyzeOptions.for_cpus`), so it uses the core it asked for and no
    more (an encoder thread would borrow a core the scheduler gave to another actor)."""
    return pickle.dumps(options.analyze.for_cpus(actor_cpus))


def _dataset(ray: Any, sources: list[str], options: BatchOptions, ray_options: RayOptions, db: str | None) -> Any:
    data = _quiet(ray)
    actor_cpus = _fitted_cpus(ray, ray_options)
    rows = [{"source": source} for source in sources]
    ds = data.from_items(rows, override_num_blocks=max(1, -(-len(rows) // ray_options.batch_size)))
    ds = ds.map_batches(_read_chunks, batch_size=None, num_cpus=READ_CPUS,
                        fn_kwargs={"ingest_blob": pickle.dumps(options.ingest), "cwd": os.getcwd(),
                                   "size": ray_options.batch_size})
    ds = ds.repartition(target_num_rows_per_block=1)  # fused into the read: a chunk per block, every actor fed
    return ds.map_batches(
        _Coder, fn_constructor_args=(_actor_analyze(options, actor_cpus), db),
        compute=data.ActorPoolStrategy(size=ray_options.num_workers),
        num_cpus=actor_cpus, batch_size=1, batch_format="numpy",
    )


def analyze_ray(
    store: Store, sources: Iterable[str], options: BatchOptions, ray_options: RayOptions,
    seen: list[str] | None = None,
) -> Iterator[Result]:
    """Analyse ``sources`` on Ray, yielding results in input order (failures included).

    Documents the store already holds are not analysed; their ids go to ``seen``."""
    from factionmap.store.parallel import _Stored

    planned = plan_sources(sources)
    db = None if str(store.path) == ":memory:" else str(Path(store.path).resolve())
    with ray_session(ray_options) as ray:
        rows = iter(_dataset(ray, planned, options, ray_options, db).iter_rows())
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as exc:  # noqa: BLE001 - a failed actor (no model, say) or a lost cluster
                first = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
                raise RayEngineError(f"the Ray run failed: {first}") from exc
            for result in pickle.loads(row["results"]):  # noqa: S301
                if isinstance(result, _Stored):
                    if seen is not None:
                        seen.append(result.id)
                else:
                    yield result


def ingest_ray(
    store: Store, sources: Iterable[str], options: BatchOptions | None = None,
    ray_options: RayOptions | None = None, on_result: Callable[[Result, bool], None] | None = None,
    out_parquet: Path | None = None,
) -> IngestSummary:
    """:func:`factionmap.store.runner.ingest_sources` on Ray: same skips, same records, one writer.

    With ``out_parquet`` the findings go to Parquet files in that directory
    (:mod:`factionmap.scale.parquet`) instead of into ``store``, which is then only read
    (documents it already holds are skipped)."""
    from factionmap.batch import BatchOptions

    seen: list[str] = []
    results = analyze_ray(store, sources, options or BatchOptions(), ray_options or RayOptions(), seen)
    if out_parquet is not None:
        from factionmap.scale.parquet import write_parquet

        summary = write_parquet(results, out_parquet, on_result)
    else:
        summary = store_results(store, results, on_result)
    summary.already_stored += len(seen)
    return summary
