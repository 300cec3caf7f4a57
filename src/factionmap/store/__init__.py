"""Store: documents and findings in an embedded SQLite database (WAL, named migrations).

``with Store("factionmap.db") as store: store.add(analysis)`` stores one
document with its findings in one transaction; ``store.iter_analyses()``
rebuilds the records.  :mod:`factionmap.store.queries` holds the CLI's queries.
"""

from __future__ import annotations

from factionmap.store.core import DEFAULT_DB, Store, StoreError, content_hash, event_id
from factionmap.store.ingest import IngestSummary, store_results
from factionmap.store.queries import (
    ActorCount,
    EventRow,
    StoreCounts,
    actor_counts,
    find_actor_ids,
    list_events,
    store_counts,
)
from factionmap.store.schema import MIGRATIONS, applied_migrations, migrate

__all__ = [
    "DEFAULT_DB",
    "MIGRATIONS",
    "ActorCount",
    "EventRow",
    "IngestSummary",
    "Store",
    "StoreCounts",
    "StoreError",
    "actor_counts",
    "applied_migrations",
    "content_hash",
    "event_id",
    "find_actor_ids",
    "list_events",
    "migrate",
    "store_counts",
    "store_results",
]
