"""The one writer: ingest requests run on a single background thread that owns the store and the model.

Requests hand an :class:`IngestRequest` to :meth:`Writer.submit` and await the
future, so the event loop never blocks on parsing and SQLite sees one writer.
The spaCy pipeline is loaded on the first ingest (or handed in, as tests do).
"""

from __future__ import annotations

import concurrent.futures
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from factionmap.batch import documents_from
from factionmap.ingest import IngestOptions, iter_inputs
from factionmap.ingest.netguard import BlockedURLError, assert_public_url
from factionmap.ingest.sources import document_from_bytes
from factionmap.model import DocumentAnalysis, IngestFailure, RawInput
from factionmap.store import Store

__all__ = ["IngestRequest", "IngestResult", "IngestRefused", "Writer"]


class IngestRefused(ValueError):
    """An ingest that cannot be done: a refused URL, an unreadable document (``param`` names the field)."""

    def __init__(self, message: str, param: str = "body", status: int = 422) -> None:
        super().__init__(message)
        self.param = param
        self.status = status


@dataclass(frozen=True)
class IngestRequest:
    """One document to ingest: ``text``, ``html``, ``url`` or uploaded ``data`` bytes (exactly one)."""

    kind: Literal["text", "html", "url", "upload"]
    value: str | bytes
    id: str | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class IngestResult:
    """The first stored document with its findings; a feed URL also lists every entry it stored or failed."""

    id: str
    new: bool
    analysis: DocumentAnalysis
    documents: tuple[tuple[str, bool], ...] = ()
    failures: tuple[tuple[str, str], ...] = ()

    def to_record(self) -> dict[str, Any]:
        record = self.analysis.to_record()
        record.pop("text", None)
        out: dict[str, Any] = {"id": self.id, "new": self.new, "duplicate_of": self.analysis.document.duplicate_of,
                               "findings": record}
        if len(self.documents) > 1 or self.failures:
            out["documents"] = [{"id": doc_id, "new": new} for doc_id, new in self.documents]
            out["failed"] = [{"input": name, "error": message} for name, message in self.failures]
        return out


class Writer:
    """A single-thread executor owning a :class:`Store` and an ``Analyzer``; constructing it does no I/O."""

    def __init__(self, db: Path, *, analyzer: Any = None, allow_private_urls: bool = False,
                 transport: Any = None, max_bytes: int = 5_000_000) -> None:
        self.db = db
        self._analyzer = analyzer
        self._store: Store | None = None
        self._options = IngestOptions(allow_private_urls=allow_private_urls, transport=transport, retries=0,
                                      politeness_delay=0.0, max_bytes=max_bytes, timeout=30.0)
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="factionmap-writer")

    def submit(self, request: IngestRequest) -> concurrent.futures.Future[IngestResult]:
        if request.kind == "url":
            self.check_url(str(request.value))
        return self._pool.submit(self._ingest, request)

    def check_url(self, url: str) -> None:
        """Refuse non-http(s) and non-public URLs before queueing (redirects are checked while fetching)."""
        resolver = (lambda host: []) if self._options.transport is not None else None
        try:
            assert_public_url(url, allow_private=self._options.allow_private_urls, resolver=resolver)
        except BlockedURLError as exc:
            raise IngestRefused(str(exc), "url", 400) from None

    def close(self) -> None:
        """Finish queued work, then close the store (on the writer thread)."""
        self._pool.submit(self._close_store)
        self._pool.shutdown(wait=True)

    def _close_store(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def _analyzer_once(self) -> Any:
        if self._analyzer is None:
            from factionmap.pipeline import Analyzer, build_nlp

            self._analyzer = Analyzer(build_nlp())
        return self._analyzer

    def _ingest(self, request: IngestRequest) -> IngestResult:
        if self._store is None:
            self._store = Store(self.db).open()
        documents, failures = self._documents(request)
        stored_ids: list[tuple[str, bool]] = []
        first = None
        for analysis in self._analyzer_once().analyze(documents):
            first = first or analysis
            stored_ids.append((analysis.document.id, self._store.add(analysis)))
        first_id, new = stored_ids[0]
        stored = next(iter(self._store.iter_analyses(documents=[first_id])), first)
        return IngestResult(first_id, new, stored, tuple(stored_ids), tuple(failures))

    def _documents(self, request: IngestRequest) -> tuple[list[Any], list[tuple[str, str]]]:
        """Every document of the request (a feed URL gives one per entry) and the entries that failed.

        A request whose only input fails is refused with that input's error.
        """
        items = self._items(request)
        documents = [item for item in items if not isinstance(item, IngestFailure)]
        documents = [_with_metadata(item, request, single=len(documents) == 1) for item in documents]
        failures = [(item.name, item.message) for item in items if isinstance(item, IngestFailure)]
        if not documents:
            message = failures[0][1] if failures else "the input holds no document"
            status = 400 if "refused" in message else 422
            raise IngestRefused(message, "url" if request.kind == "url" else request.kind, status)
        return documents, failures

    def _items(self, request: IngestRequest) -> list[Any]:
        if request.kind == "url":
            items = list(documents_from(iter_inputs([str(request.value)], self._options)))
        elif request.kind == "upload":
            name = request.name or "upload"
            kind = "html" if name.lower().endswith((".html", ".htm")) else None
            items = list(documents_from([document_from_bytes(bytes(request.value), name, kind, self._options)]))
        else:
            raw = RawInput(name=request.name or f"api:{request.kind}", content=str(request.value),
                           fmt="html" if request.kind == "html" else "text", id=request.id, title=request.title,
                           published=request.published, source=request.source)
            items = list(documents_from([raw]))
        return items


def _with_metadata(document: Any, request: IngestRequest, single: bool = True) -> Any:
    """The request's metadata on a document; a feed's entries keep their own id, title and date."""
    from dataclasses import replace

    keys = ("title", "source", "published") if single else ("source",)
    changes = {k: getattr(request, k) for k in keys if getattr(request, k)}
    if request.id and single:
        changes["id"] = request.id
    return replace(document, **changes) if changes else document

