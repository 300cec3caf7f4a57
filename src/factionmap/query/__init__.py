"""The query layer: plain functions over the store with typed results, for the CLI, the HTTP API and notebooks.

``with query.connect("news.db") as db:`` opens the database read-only; then
``query.events(db, EventQuery(actor="Haftar", types=("SUPPORT",)))`` pages
events, ``query.network(db, MapQuery(scope=Scope(actor="person-khalifa-haftar")))``
gives the scoped :class:`~factionmap.analysis.SignedNetwork` (a networkx graph
inside), ``query.camps(...)`` its camps, and ``events_frame``/``actors_frame``/
``edges_frame`` pandas DataFrames.  Every function also takes an open
:class:`~factionmap.store.Store`.
"""

from __future__ import annotations

from factionmap.analysis.scope import Scope
from factionmap.query.actors import actor_names, actor_summary, actors
from factionmap.query.documents import AmbiguousDocumentId, document, documents, resolve_document_id
from factionmap.query.events import EventQuery, events, events_by_ids
from factionmap.query.frames import actors_frame, edges_frame, events_frame
from factionmap.query.index import IndexHolder, MapIndex, network_from_relations
from factionmap.query.loading import load_for_map
from factionmap.query.maps import (
    actor_view, camps, contradictions, edge_events, export, network, network_record, resolve_actor, sources,
    timeline,
)
from factionmap.query.reader import NotFound, QueryError, Reader, connect, outlet_name
from factionmap.query.records import (
    ActorRef, ActorSummary, ActorView, DocumentSummary, EventRecord, MapQuery, Page, Partner, Span,
)

__all__ = [
    "Reader", "connect", "QueryError", "NotFound", "AmbiguousDocumentId", "outlet_name",
    "MapQuery", "EventQuery", "Scope", "Page", "EventRecord", "DocumentSummary", "ActorSummary", "ActorView",
    "ActorRef", "Partner", "Span",
    "documents", "document", "resolve_document_id", "actors", "actor_summary", "actor_names", "actor_view",
    "events", "events_by_ids", "network", "network_record", "camps", "contradictions", "timeline", "sources",
    "edge_events", "export", "resolve_actor", "load_for_map", "events_frame", "actors_frame", "edges_frame",
    "MapIndex", "IndexHolder", "network_from_relations",
]
