"""Batches: inputs → documents → analyses, one failure never stopping the rest.

This is the library function behind ``factionmap analyze`` and ``ingest``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from factionmap.document import DocumentError, build_document
from factionmap.ingest import IngestOptions, iter_inputs
from factionmap.model import Document, DocumentAnalysis, IngestFailure, RawInput
from factionmap.pipeline import AnalyzeOptions, Analyzer, build_nlp

__all__ = ["BatchOptions", "documents_from", "analyze_inputs"]


@dataclass(frozen=True)
class BatchOptions:
    ingest: IngestOptions = IngestOptions()
    analyze: AnalyzeOptions = AnalyzeOptions()


def documents_from(items: Iterable[RawInput | IngestFailure]) -> Iterator[Document | IngestFailure]:
    """Build page structure for each raw input; failures pass through, named."""
    for item in items:
        if isinstance(item, IngestFailure):
            yield item
            continue
        try:
            yield build_document(item)
        except DocumentError as exc:
            yield IngestFailure(item.name, str(exc), stage="document")


def analyze_inputs(
    sources: Iterable[str], options: BatchOptions | None = None, analyzer: Analyzer | None = None
) -> Iterator[DocumentAnalysis | IngestFailure]:
    """Analyse every input named in ``sources`` (paths, ``-``, URLs), in order."""
    options = options or BatchOptions()
    analyzer = analyzer or Analyzer(build_nlp(options.analyze), options.analyze)
    failures: list[IngestFailure] = []

    def documents() -> Iterator[Document]:
        for item in documents_from(iter_inputs(sources, options.ingest)):
            if isinstance(item, IngestFailure):
                failures.append(item)
            else:
                yield item

    for analysis in analyzer.analyze(documents()):
        yield from _flush(failures)
        yield analysis
    yield from _flush(failures)


def _flush(failures: list[IngestFailure]) -> Iterator[IngestFailure]:
    while failures:
        yield failures.pop(0)
