"""Batches: inputs → documents → analyses, one failure never stopping the rest.

This is the library function behind ``factionmap analyze`` and ``ingest``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from factionmap.document import DocumentError, build_document
from factionmap.ingest import IngestOptions, iter_inputs
from factionmap.model import Document, DocumentAnalysis, IngestFailure, RawInput
from factionmap.pipeline import AnalyzeOptions, Analyzer, build_nlp

__all__ = ["BatchOptions", "documents_from", "analyze_inputs", "analyze_isolated"]


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
        except Exception as exc:  # noqa: BLE001 - one odd input must not stop the batch
            yield IngestFailure(item.name, f"page structure failed: {type(exc).__name__}: {exc}", stage="document")


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

    for result in analyze_isolated(analyzer, documents()):
        yield from _flush(failures)
        yield result
    yield from _flush(failures)


def analyze_isolated(analyzer: Analyzer, documents: Iterable[Document]) -> Iterator[DocumentAnalysis | IngestFailure]:
    """``analyzer.analyze(documents)``, but a document whose analysis raises becomes a named
    :class:`IngestFailure` (stage ``analyze``) and the batch goes on.

    Sections are batched through ``nlp.pipe``, so an exception does not say which document
    caused it: the documents in flight are analysed again one by one, the failing one is
    reported, and streaming resumes with the next unread document."""
    source = iter(documents)
    in_flight: deque[Document] = deque()

    def feed() -> Iterator[Document]:
        for document in source:
            in_flight.append(document)
            yield document

    while True:
        try:
            for analysis in analyzer.analyze(feed()):
                _settle(in_flight, analysis.document)
                yield analysis
            return
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
            suspects = list(in_flight)
            in_flight.clear()
            yield from (_one(analyzer, document, exc) for document in suspects)


def _settle(in_flight: deque[Document], done: Document) -> None:
    while in_flight and in_flight[0] is not done:
        in_flight.popleft()
    if in_flight:
        in_flight.popleft()


def _one(analyzer: Analyzer, document: Document, cause: Exception) -> DocumentAnalysis | IngestFailure:
    try:
        return analyzer.analyze_one(document)
    except Exception as exc:  # noqa: BLE001 - reported with the document's name
        return IngestFailure(document.name or document.id, f"analysis failed: {type(exc).__name__}: {exc}",
                             stage="analyze")


def _flush(failures: list[IngestFailure]) -> Iterator[IngestFailure]:
    while failures:
        yield failures.pop(0)
