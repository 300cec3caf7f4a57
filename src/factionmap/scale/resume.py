""""Is there anything new?" before any model is loaded: an unchanged re-run costs reading only.

:func:`stored_already` reads the inputs with factionmap's reader and checks each
one against the store, by the id or URL the input gives (no page structure
needed), else by the content-hashed id of its built document, then by URL, the
same tests the ingest itself applies.  It stops at the first input that is new
or unreadable, so a run that has work to do pays for one document more.
"""

from __future__ import annotations

from collections.abc import Iterable

from factionmap.document import DocumentError, build_document
from factionmap.ingest import IngestOptions, iter_inputs
from factionmap.model import IngestFailure, RawInput
from factionmap.store.core import Store
from factionmap.store.ingest import IngestSummary

__all__ = ["stored_already"]


def _given_stored(store: Store, item: RawInput) -> bool:
    return bool(item.id and store.has_document(item.id)) or bool(item.url and store.has_url(item.url))


def stored_already(store: Store, sources: Iterable[str], options: IngestOptions | None = None) -> IngestSummary | None:
    """The summary of a run that adds nothing, when every input is stored already; else ``None``.

    ``None`` also when an input fails to read (the full run records the failure)
    or when there are no inputs at all."""
    summary = IngestSummary()
    for item in iter_inputs(sources, options or IngestOptions()):
        if isinstance(item, IngestFailure):
            return None
        if not _given_stored(store, item):
            try:
                document = build_document(item)
            except DocumentError:
                return None
            if not (store.has_document(document.id) or (document.url and store.has_url(document.url))):
                return None
        summary.already_stored += 1
    return summary if summary.already_stored else None
