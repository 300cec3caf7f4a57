"""Parallel analysis for ``ingest --workers N``: N processes, one model load each, one writer.

The main process only reads inputs (``iter_inputs``) and sends them in chunks (up to
:data:`CHUNK_SIZE` inputs or :data:`CHUNK_CHARS` characters) to worker
processes.  Each worker (forked from a fork server that has imported spaCy,
or spawned where there is none; it loads the model as soon as it starts,
while the main process is still reading) builds page structure
(``build_document``), skips documents the store already holds with the same
text (:mod:`factionmap.store.versions`; a read-only
connection to the same WAL database: content-hashed ids are only known after
page structure), and analyses the rest; only the typed records
(:class:`DocumentAnalysis`, :class:`IngestFailure`) travel back, never spaCy
``Doc`` objects.  Results come back in input order, ingest failures included,
and are written by the main process only, so the database has a single
writer.  At most ``2 × workers`` chunks are in flight, so memory does not grow
with the input.  Workers ignore ``SIGINT``: on Ctrl-C the main process stops
sending, lets running chunks finish and leaves every written document
committed.  Workers exit when the main process dies, even by ``kill -9``
(:mod:`factionmap.store.lifeline`).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import sqlite3
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from factionmap.batch import BatchOptions
from factionmap.document import DocumentError, build_document
from factionmap.ingest import iter_inputs
from factionmap.model import Document, DocumentAnalysis, IngestFailure, RawInput
from factionmap.pipeline import AnalyzeOptions, Analyzer, build_nlp
from factionmap.store.chunks import CHUNK_CHARS, CHUNK_SIZE, chunks
from factionmap.store.core import Store
from factionmap.store.lifeline import die_with_parent
from factionmap.store.versions import StoredState, stored_state

__all__ = ["analyze_parallel", "CHUNK_SIZE", "CHUNK_CHARS"]

Result = DocumentAnalysis | IngestFailure
Item = RawInput | IngestFailure


@dataclass(frozen=True, slots=True)
class _Stored:
    """A document a worker found already stored (its id goes to ``seen``)."""

    id: str


def _init_worker(options_blob: bytes, main_pid: int | None = None) -> None:
    """Leave Ctrl-C to the main process, die with it; load the model now, while the main process reads."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if main_pid is not None:
        die_with_parent(main_pid)
    try:
        _worker_analyzer(options_blob)
    except Exception:  # noqa: BLE001 - raised again, and reported, by the first chunk
        pass


@lru_cache(maxsize=1)
def _worker_analyzer(options_blob: bytes) -> Analyzer:
    """The worker's analyzer, built once and reused (one model load per process)."""
    options: AnalyzeOptions = pickle.loads(options_blob)  # noqa: S301 - our own bytes, same program
    return Analyzer(build_nlp(options), options)


def _work_chunk(options_blob: bytes, db: str | None, items: list[Item]) -> list[Result | _Stored]:
    """Page structure, resume check and analysis of one chunk, results in input order."""
    analyzer = _worker_analyzer(options_blob)
    out: list[Result | _Stored | None] = [None] * len(items)
    todo: list[tuple[int, Document]] = []
    with _StoredIds(db) as stored:
        for i, item in enumerate(items):
            if isinstance(item, IngestFailure):
                out[i] = item
                continue
            document = _document(item)
            if isinstance(document, IngestFailure):
                out[i] = document
            elif (judged := stored.state(document)).state == "stored":
                out[i] = _Stored(document.id)
            else:
                todo.append((i, judged.document))
    for (i, _), result in zip(todo, _analyze(analyzer, [d for _, d in todo])):
        out[i] = result
    return out  # type: ignore[return-value] - every slot is filled


def _document(raw: RawInput) -> Document | IngestFailure:
    try:
        return build_document(raw)
    except DocumentError as exc:
        return IngestFailure(raw.name, str(exc), stage="document")
    except Exception as exc:  # noqa: BLE001 - one odd page must not stop the chunk
        return IngestFailure(raw.name, f"{type(exc).__name__}: {exc}", stage="document")


def _analyze(analyzer: Analyzer, documents: list[Document]) -> list[Result]:
    try:
        return list(analyzer.analyze(documents))
    except Exception:  # noqa: BLE001 - retry one by one so one bad document names itself
        results: list[Result] = []
        for document in documents:
            try:
                results.append(analyzer.analyze_one(document))
            except Exception as exc:  # noqa: BLE001
                results.append(IngestFailure(document.name or document.id, f"{type(exc).__name__}: {exc}", "analyze"))
        return results


class _StoredIds:
    """A worker's read-only view of the store: is a document already there (by id or URL)?"""

    def __init__(self, db: str | None) -> None:
        self.db = db
        self.conn: sqlite3.Connection | None = None

    def __enter__(self) -> _StoredIds:
        if self.db and Path(self.db).exists():
            try:
                self.conn = sqlite3.connect(Path(self.db).resolve().as_uri() + "?mode=ro", uri=True, timeout=30)
            except sqlite3.Error:
                self.conn = None  # the writer's own check (``Store.add``) still prevents duplicates
        return self

    def __exit__(self, *exc: object) -> None:
        if self.conn is not None:
            self.conn.close()

    def state(self, document: Document) -> StoredState:
        """Already stored, new, or a new version (see :mod:`factionmap.store.versions`)."""
        if self.conn is None:
            return StoredState("new", document)
        try:
            return stored_state(self.conn, document)
        except sqlite3.Error:
            return StoredState("new", document)


def _new_items(store: Store, items: Iterable[Item], seen: list[str] | None) -> Iterator[Item]:
    """Every input: whether it is stored depends on its text too (a new version of a stored
    id or URL is stored), which only the worker knows, after page structure."""
    yield from items


def analyze_parallel(
    store: Store,
    sources: Iterable[str],
    options: BatchOptions,
    *,
    workers: int = 2,
    seen: list[str] | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Result]:
    """Analyse new documents from ``sources`` in ``workers`` processes, yielding in input order.

    Documents already stored (by id or URL) are not analysed; their ids go to ``seen``.  A worker
    runs the event typer's encoder thread only where the machine has two cores per worker
    (:meth:`~factionmap.pipeline.AnalyzeOptions.for_cpus`).
    """
    blob = pickle.dumps(options.analyze.for_cpus((os.cpu_count() or 1) / workers))
    db = None if str(store.path) == ":memory:" else str(store.path)
    context = _context()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker,
                               initargs=(blob, os.getpid()))
    in_flight: deque[Future] = deque()
    try:
        items = _new_items(store, iter_inputs(sources, options.ingest), seen)
        for chunk in chunks(items, chunk_size, CHUNK_CHARS):  # the Ray engine's read tasks cut the same
            in_flight.append(pool.submit(_work_chunk, blob, db, chunk))
            while in_flight and (len(in_flight) >= 2 * workers or in_flight[0].done()):
                yield from _unpack(in_flight.popleft().result(), seen)
        while in_flight:
            yield from _unpack(in_flight.popleft().result(), seen)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _context() -> multiprocessing.context.BaseContext:
    """A fork server where the platform has one (its children start with spaCy already imported
    and exit without a slow interpreter teardown), else spawn; never plain fork (threads)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["factionmap.pipeline", "factionmap.document", "factionmap.store.parallel"])
    return context


def _unpack(results: list[Result | _Stored], seen: list[str] | None) -> Iterator[Result]:
    for result in results:
        if isinstance(result, _Stored):
            if seen is not None:
                seen.append(result.id)
        else:
            yield result
