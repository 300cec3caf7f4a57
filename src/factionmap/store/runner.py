"""Ingest runs: inputs → analyses → store, skipping what the store already holds.

Documents whose id or URL is already stored are not analysed again (resume
after an interrupt); they are counted as already stored.  The store is the
single writer; with ``workers > 1`` analysis runs in worker processes
(:mod:`factionmap.store.parallel`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from factionmap.batch import BatchOptions, analyze_isolated, documents_from
from factionmap.ingest import iter_inputs
from factionmap.model import Document, DocumentAnalysis, IngestFailure
from factionmap.pipeline import Analyzer, build_nlp
from factionmap.store.core import Store
from factionmap.store.ingest import IngestSummary, store_results

__all__ = ["analyze_new", "ingest_sources", "is_stored"]

Result = DocumentAnalysis | IngestFailure


def is_stored(store: Store, document: Document) -> bool:
    """True when the store already holds this document (by id or by URL)."""
    return store.has_document(document.id) or bool(document.url and store.has_url(document.url))


def analyze_new(
    store: Store, sources: Iterable[str], options: BatchOptions, analyzer: Analyzer, seen: list[str]
) -> Iterator[Result]:
    """Like :func:`factionmap.batch.analyze_inputs`, but documents already stored are
    not analysed; their ids are appended to ``seen``.  Failures come out in order."""
    failures: list[IngestFailure] = []

    def documents() -> Iterator[Document]:
        for item in documents_from(iter_inputs(sources, options.ingest)):
            if isinstance(item, IngestFailure):
                failures.append(item)
            elif is_stored(store, item):
                seen.append(item.id)
            else:
                yield item

    for result in analyze_isolated(analyzer, documents()):
        while failures:
            yield failures.pop(0)
        yield result
    while failures:
        yield failures.pop(0)


def ingest_sources(
    store: Store,
    sources: Iterable[str],
    options: BatchOptions | None = None,
    *,
    analyzer: Analyzer | None = None,
    workers: int = 1,
    on_result: Callable[[Result, bool], None] | None = None,
) -> IngestSummary:
    """Analyse ``sources`` and store every new document, one transaction each."""
    options = options or BatchOptions()
    seen: list[str] = []
    if workers > 1:
        from factionmap.store.parallel import analyze_parallel

        results: Iterable[Result] = analyze_parallel(store, sources, options, workers=workers, seen=seen)
    else:
        analyzer = analyzer or Analyzer(build_nlp(options.analyze), options.analyze)
        results = analyze_new(store, sources, options, analyzer, seen)
    summary = store_results(store, results, on_result)
    summary.already_stored += len(seen)
    return summary
