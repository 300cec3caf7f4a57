"""Parallel analysis for ``ingest --workers N``: N processes, one model load each, one writer.

The main process reads inputs and builds page structure, skips documents the
store already holds, and sends the rest in small chunks to worker processes
(spawned, each building the pipeline once).  Results come back in input order
and are written by the main process only, so the database has a single writer.
At most ``2 × workers`` chunks are in flight, so memory does not grow with
the input.
"""

from __future__ import annotations

import multiprocessing
import pickle
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache
from itertools import islice

from factionmap.batch import BatchOptions, documents_from
from factionmap.ingest import iter_inputs
from factionmap.model import Document, DocumentAnalysis, IngestFailure
from factionmap.pipeline import AnalyzeOptions, Analyzer, build_nlp
from factionmap.store.core import Store

__all__ = ["analyze_parallel", "CHUNK_SIZE"]

CHUNK_SIZE = 8


def _init_worker() -> None:
    """Workers leave Ctrl-C to the main process, which stops the batch cleanly."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@lru_cache(maxsize=1)
def _worker_analyzer(options_blob: bytes) -> Analyzer:
    """The worker's analyzer, built on its first chunk and reused (one model load per process)."""
    options: AnalyzeOptions = pickle.loads(options_blob)  # noqa: S301 - our own bytes, same program
    return Analyzer(build_nlp(options), options)


def _analyze_chunk(options_blob: bytes, documents: list[Document]) -> list[DocumentAnalysis | IngestFailure]:
    analyzer = _worker_analyzer(options_blob)
    try:
        return list(analyzer.analyze(documents))
    except Exception:  # noqa: BLE001 - retry one by one so one bad document names itself
        results: list[DocumentAnalysis | IngestFailure] = []
        for document in documents:
            try:
                results.append(analyzer.analyze_one(document))
            except Exception as exc:  # noqa: BLE001
                results.append(IngestFailure(document.name or document.id, f"{type(exc).__name__}: {exc}", "analyze"))
        return results


def _chunks(documents: Iterator[Document], size: int) -> Iterator[list[Document]]:
    while chunk := list(islice(documents, size)):
        yield chunk


def analyze_parallel(
    store: Store,
    sources: Iterable[str],
    options: BatchOptions,
    *,
    workers: int = 2,
    seen: list[str] | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[DocumentAnalysis | IngestFailure]:
    """Analyse new documents from ``sources`` in ``workers`` processes, yielding in input order.

    Documents already stored (by id or URL) are not sent; their ids go to ``seen``.
    """
    failures: list[IngestFailure] = []
    blob = pickle.dumps(options.analyze)

    def new_documents() -> Iterator[Document]:
        for item in documents_from(iter_inputs(sources, options.ingest)):
            if isinstance(item, IngestFailure):
                failures.append(item)
            elif store.has_document(item.id) or (item.url and store.has_url(item.url)):
                if seen is not None:
                    seen.append(item.id)
            else:
                yield item

    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker)
    in_flight: deque[Future] = deque()
    try:
        for chunk in _chunks(new_documents(), chunk_size):
            in_flight.append(pool.submit(_analyze_chunk, blob, chunk))
            yield from _drain(failures)
            while len(in_flight) >= 2 * workers:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()
        yield from _drain(failures)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _drain(failures: list[IngestFailure]) -> Iterator[IngestFailure]:
    while failures:
        yield failures.pop(0)
