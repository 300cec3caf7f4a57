"""Storing a stream of analyses: one transaction per document, failures recorded."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from factionmap.model import DocumentAnalysis, IngestFailure
from factionmap.store.core import Store
from factionmap.store.versions import previous_version

__all__ = ["IngestSummary", "store_results"]


@dataclass
class IngestSummary:
    """What an ingest did: new and already-stored documents, findings added, failures by name."""

    new: int = 0
    already_stored: int = 0
    skipped: int = 0
    duplicates: int = 0
    actors: int = 0
    events: int = 0
    quotes: int = 0
    figures: int = 0
    failures: list[IngestFailure] = field(default_factory=list)
    skip_reasons: dict[str, int] = field(default_factory=dict)
    versions: list[str] = field(default_factory=list)  # "name (new version of ID)", one per such document

    @property
    def seen(self) -> int:
        return self.new + self.already_stored + len(self.failures)

    @property
    def all_failed(self) -> bool:
        """True when there were inputs and none of them produced a document."""
        return bool(self.failures) and self.new + self.already_stored == 0


def store_results(
    store: Store,
    results: Iterable[DocumentAnalysis | IngestFailure],
    on_result: Callable[[DocumentAnalysis | IngestFailure, bool], None] | None = None,
) -> IngestSummary:
    """Add every result to ``store``; each document is committed before the next is read.

    ``on_result(result, is_new)`` is called after each one (progress bars).  An
    interrupt leaves every earlier document committed; the summary so far is lost
    with the exception, the database is not.
    """
    summary = IngestSummary()
    for result in results:
        is_new = False
        if isinstance(result, IngestFailure):
            store.add_failure(result)
            summary.failures.append(result)
        else:
            try:
                is_new = store.add(result)
            except (sqlite3.Error, ValueError, UnicodeError, OverflowError) as exc:
                failure = IngestFailure(result.document.name or result.document.id,
                                        f"cannot be stored: {type(exc).__name__}: {exc}", stage="store")
                store.add_failure(failure)
                summary.failures.append(failure)
                if on_result is not None:
                    on_result(failure, False)
                continue
            _count(summary, result, is_new)
            previous = previous_version(store.conn, result.document) if is_new else None
            if previous:
                summary.versions.append(f"{result.document.name or result.document.id} (new version of {previous})")
            if is_new and store.duplicate_of(result.document.id):
                summary.duplicates += 1
        if on_result is not None:
            on_result(result, is_new)
    return summary


def _count(summary: IngestSummary, analysis: DocumentAnalysis, is_new: bool) -> None:
    if not is_new:
        summary.already_stored += 1
        return
    summary.new += 1
    summary.actors += len(analysis.actors)
    summary.events += len(analysis.events)
    summary.quotes += len(analysis.quotes)
    summary.figures += len(analysis.figures)
    if analysis.skipped:
        summary.skipped += 1
        reason = analysis.skipped
        summary.skip_reasons[reason] = summary.skip_reasons.get(reason, 0) + 1
