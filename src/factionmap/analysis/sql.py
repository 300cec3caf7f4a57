"""Analysis straight from the store: documents streamed a chunk at a time, relations aggregated in order.

:func:`build_network` and the other analyses take every :class:`DocumentAnalysis`
in memory (text, sections, mentions, quotes and figures included: about 27 KB
a document).  This module reads them from a :class:`Store` so that what is held
does not grow with the store:

* :class:`StoredAnalyses` is an iterable that reads the window's documents a
  chunk at a time (keyset pages over ``rowid``), each pass afresh, so an
  analysis may go over it twice (story counts, then rows) without holding it.
  ``full=False`` reads only documents and events (one query per chunk), what
  relations need; ``full=True`` rebuilds every record as
  :meth:`Store.iter_analyses` does.  The analyses of :mod:`factionmap.analysis`
  recognise it: profiles come from one SQL query (:meth:`StoredAnalyses.stored_profiles`)
  and the network from :func:`stored_network`.
* :func:`stored_network` gives the same :class:`SignedNetwork` as
  :func:`build_network` from one SQL query over counted events × source ×
  target actor, sorted by (rolled-up) pair, then document and event order; each
  pair is aggregated by :func:`pair_attributes` and dropped before the next, so
  memory holds one pair's documents at a time plus the output (pairs and their
  totals).  Its evidence is a :class:`StoredEvidence` mapping: event row ids per
  pair (8 bytes a relation), the texts read from the store when asked for.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, Any, NamedTuple

from factionmap.analysis.network import (
    Evidence,
    NetworkOptions,
    SignedNetwork,
    _node_attributes,
    _profile,
    in_window,
    outlet_from,
    pair_attributes,
    parse_date,
    relation_weight,
    roll_up_map,
)
from factionmap.model import ActorProfile, Document, DocumentAnalysis, Event, Location, TextSpan
from factionmap.store.core import window_sql

if TYPE_CHECKING:
    from factionmap.store import Store

__all__ = ["PairRelation", "StoredAnalyses", "StoredEvidence", "LazyEvidence", "pair_relations", "stored_network",
           "window_sql"]

#: Documents read per query by :class:`StoredAnalyses`.
CHUNK = 200


def _profiles(conn: sqlite3.Connection, where: str, params: list[str]) -> dict[str, ActorProfile]:
    from factionmap.store.core import profile_from_row

    rows = conn.execute(
        "SELECT a.* FROM actors a WHERE a.id IN (SELECT da.actor FROM document_actors da"
        f" JOIN documents d ON d.id = da.document WHERE {where}) ORDER BY a.id", params,
    ).fetchall()
    return {row["id"]: profile_from_row(row) for row in rows}


def _event(row: sqlite3.Row, roles: dict[str, list[str]], text: str) -> Event:
    """An :class:`Event` from an ``events`` row, as :meth:`Store.iter_analyses` rebuilds it."""
    s_start, s_end = row["sentence_start"], row["sentence_end"]
    return Event(
        type=row["type"], source=tuple(roles["source"]), target=tuple(roles["target"]),
        trigger=TextSpan(row["trigger_start"], row["trigger_end"], row["trigger_text"]),
        sentence=TextSpan(s_start, s_end, text[s_start:s_end]), section=row["section"],
        asserted_by=row["asserted_by"], mode=row["mode"], context=row["context"], negated=bool(row["negated"]),
        hedged=bool(row["hedged"]), hypothetical=bool(row["hypothetical"]), confidence=row["confidence"],
        evidence=tuple(TextSpan(s["start"], s["end"], text[s["start"]:s["end"]]) for s in json.loads(row["evidence"])),
        date=row["date"], date_precision=row["date_precision"],
        location=Location(**json.loads(row["location"])) if row["location"] else None,
        killed=row["killed"], wounded=row["wounded"], displaced=row["displaced"],
    )


def _document(row: sqlite3.Row) -> Document:
    return Document(id=row["id"], text=row["text"], sections=(), name=row["name"] or "", url=row["url"],
                    title=row["title"], author=row["author"], published=row["published"], source=row["source"],
                    language=row["language"], duplicate_of=row["duplicate_of"], published_raw=row["published_raw"])


class StoredAnalyses:
    """The analyses of a store's window, read a chunk of documents at a time; every iteration reads afresh.

    ``since``/``until`` select documents by publication as :meth:`Store.iter_analyses` does (and are
    checked the same way).  With ``full=False`` each analysis holds its document (no sections) and
    events only.  The store must stay open while the analyses (or a network built from them) are read.
    """

    def __init__(self, store: Store, since: str | None = None, until: str | None = None, full: bool = True,
                 chunk: int = CHUNK) -> None:
        from factionmap.ingest.published import check_date_window  # (the ingest package is heavy)

        self.store = store
        self.since, self.until = check_date_window(since, until)
        self.full = full
        self.chunk = chunk

    def _where(self) -> tuple[str, list[str]]:
        return window_sql(self.since, self.until)

    def events_only(self) -> StoredAnalyses:
        """The same window read with documents and events only (what relations need)."""
        return StoredAnalyses(self.store, self.since, self.until, full=False, chunk=self.chunk)

    def __len__(self) -> int:
        where, params = self._where()
        return self.store.conn.execute(f"SELECT COUNT(*) FROM documents d WHERE {where}", params).fetchone()[0]

    def __iter__(self) -> Iterator[DocumentAnalysis]:
        if self.full:
            yield from self.store.iter_analyses(self.since, self.until)
            return
        conn = self.store.conn
        where, params = self._where()
        last = 0
        while True:
            rows = conn.execute(f"SELECT d.rowid AS fm_row, d.* FROM documents d WHERE {where} AND d.rowid > ?"
                                " ORDER BY d.rowid LIMIT ?", [*params, last, self.chunk]).fetchall()
            if not rows:
                return
            yield from self._light(rows)
            last = rows[-1]["fm_row"]

    def _light(self, rows: list[sqlite3.Row]) -> Iterator[DocumentAnalysis]:
        conn = self.store.conn
        where, params = self._where()
        args = [rows[0]["fm_row"] - 1, rows[-1]["fm_row"], *params]
        chunk = f"d.rowid > ? AND d.rowid <= ? AND {where}"
        roles: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"source": [], "target": []})
        # CROSS JOIN keeps the chunk's documents the outer loop (else SQLite scans event_actors whole to skip a sort)
        for r in conn.execute("SELECT ea.event, ea.actor, ea.role FROM documents d CROSS JOIN events e"
                              f" ON e.document = d.id CROSS JOIN event_actors ea ON ea.event = e.id WHERE {chunk}"
                              " ORDER BY ea.event, ea.role, ea.position", args):
            roles[r[0]][r[2]].append(r[1])
        by_doc: dict[str, list[sqlite3.Row]] = defaultdict(list)
        for r in conn.execute(f"SELECT e.* FROM documents d CROSS JOIN events e ON e.document = d.id WHERE {chunk}"
                              " ORDER BY d.rowid, e.idx", args):
            by_doc[r["document"]].append(r)
        for row in rows:
            text = row["text"]
            events = tuple(_event(r, roles[r["id"]], text) for r in by_doc.get(row["id"], ()))
            yield DocumentAnalysis(_document(row), events=events, skipped=row["skipped"],
                                   errors=tuple(json.loads(row["errors"] or "[]")))

    def stored_profiles(self) -> dict[str, ActorProfile]:
        """:func:`collect_profiles` of the window's analyses, by one query (the actors its documents name)."""
        where, params = self._where()
        return _profiles(self.store.conn, where, params)

    def story_counts(self, options: NetworkOptions) -> dict[tuple, tuple[int, int, int]]:
        """Story key (type, sorted sources, sorted targets, event date) → (mentions, outlets, stories) of the
        window's counted events, grouped in SQL (what :func:`~factionmap.analysis.formats.counted_events`
        counts: mentions are evidence spans, at least one an event; outlets and stories distinct)."""
        conn = self.store.conn
        where, params = self._where()
        conn.create_function("fm_outlet_of", 2, outlet_from, deterministic=True)
        conn.create_function("fm_in_window", 2, lambda day, published: int(in_window(
            parse_date(day) or parse_date(published), options)), deterministic=True)
        actors = ("(SELECT group_concat(actor, char(31)) FROM (SELECT actor FROM event_actors"
                  " WHERE event = e.id AND role = '{}' ORDER BY actor))")
        rows = conn.execute(
            f"SELECT e.type, {actors.format('source')} AS fm_sources, {actors.format('target')} AS fm_targets, e.date,"
            " sum(max(1, json_array_length(e.evidence))), count(DISTINCT coalesce(fm_outlet_of(d.source, d.url), d.id)),"
            " count(DISTINCT coalesce(d.duplicate_of, d.id))"
            f" FROM documents d CROSS JOIN events e ON e.document = d.id WHERE {where} AND {_COUNTED}"
            f"{'' if options.include_comments else _NO_COMMENTS} AND fm_in_window(e.date, d.published)"
            " GROUP BY e.type, fm_sources, fm_targets, e.date", [*params, options.min_confidence])
        split = lambda ids: tuple(ids.split("\x1f")) if ids else ()  # noqa: E731
        return {(kind, split(sources), split(targets), day): (mentions, outlets, stories)
                for kind, sources, targets, day, mentions, outlets, stories in rows}

    def network(self, options: NetworkOptions | None = None, evidence: bool = True) -> SignedNetwork:
        """:func:`stored_network` of this window."""
        return stored_network(self.store, options, self.since, self.until, evidence=evidence)


class PairRelation(NamedTuple):
    """A counted event seen from one (rolled-up) ordered pair, without its text."""

    source: str
    target: str
    event: int  # the event's rowid
    document: str
    story: str
    outlet: str | None
    published: date | None  # the event's date, else the document's
    type: str
    weight: float


#: :func:`event_counts` in SQL (the confidence floor a parameter), and its comment rule.
_COUNTED = "e.negated = 0 AND e.hypothetical = 0 AND e.confidence >= ?"
_NO_COMMENTS = " AND e.section != 'comment' AND e.asserted_by != 'commenter'"


def _relation_sql(where: str, options: NetworkOptions, rolled: bool) -> str:
    counted = _COUNTED + ("" if options.include_comments else _NO_COMMENTS)
    source, target = ("fm_roll_up(s.actor)", "fm_roll_up(t.actor)") if rolled else ("s.actor", "t.actor")
    return (
        f"SELECT {source} AS fm_source, {target} AS fm_target, e.rowid AS fm_event, e.type, e.hedged,"
        " e.confidence, e.date, d.id, d.duplicate_of, d.source, d.url, d.published"
        " FROM documents d JOIN events e ON e.document = d.id"
        " JOIN event_actors s ON s.event = e.id AND s.role = 'source'"
        " JOIN event_actors t ON t.event = e.id AND t.role = 'target'"
        f" WHERE {where} AND {counted} ORDER BY fm_source, fm_target, d.rowid, e.idx"
    )


def pair_relations(store: Store, options: NetworkOptions, since: str | None = None, until: str | None = None,
                   profiles: dict[str, ActorProfile] | None = None) -> Iterator[PairRelation]:
    """The relations :func:`iter_relations` gives for the window, ordered by pair, then document and event.

    Counting (negation, comments, confidence) is an SQL filter; the window by event date, the
    weights and the roll-up are those of :mod:`factionmap.analysis.network`.
    """
    conn = store.conn
    where, params = window_sql(since, until)
    mapping = roll_up_map(profiles if profiles is not None else _profiles(conn, where, params)) \
        if options.roll_up else {}
    if mapping:
        conn.create_function("fm_roll_up", 1, lambda actor: mapping.get(actor, actor), deterministic=True)
    cursor = conn.execute(_relation_sql(where, options, bool(mapping)), [*params, options.min_confidence])
    previous = None
    while rows := cursor.fetchmany(1000):
        for source, target, event, kind, hedged, confidence, day, doc, duplicate_of, outlet, url, published in rows:
            if source == target or (source, target, event) == previous:
                continue
            previous = (source, target, event)
            when = parse_date(day) or parse_date(published)
            if not in_window(when, options):
                continue
            yield PairRelation(source, target, event, doc, duplicate_of or doc, outlet_from(outlet, url), when,
                               kind, relation_weight(kind, bool(hedged), confidence, options))


def stored_network(store: Store, options: NetworkOptions | None = None, since: str | None = None,
                   until: str | None = None, evidence: bool = True) -> SignedNetwork:
    """:func:`build_network` over ``store.iter_analyses(since, until)``, one pair's relations in memory at a time.

    With ``evidence`` the network's evidence is a :class:`StoredEvidence` (read while the store is
    open); without, it is empty (the network, camps and graph exports need none).
    """
    import networkx as nx

    options = options or NetworkOptions()
    where, params = window_sql(since, until)
    profiles = _profiles(store.conn, where, params)
    edges: list[tuple[str, str, dict[str, object]]] = []
    events: dict[tuple[str, str], array] = {}
    current: list[PairRelation] = []
    for relation in pair_relations(store, options, since, until, profiles):
        if current and (relation.source, relation.target) != (current[0].source, current[0].target):
            edges.append(_edge(current, events if evidence else None))
            current = []
        current.append(relation)
    if current:
        edges.append(_edge(current, events if evidence else None))
    graph = nx.DiGraph()
    for node in sorted({n for u, v, _ in edges for n in (u, v)}):
        graph.add_node(node, **_node_attributes(node, profiles))
    for u, v, data in edges:
        graph.add_edge(u, v, **data)
    found = StoredEvidence(store, events) if evidence else {}
    return SignedNetwork(graph, {n: _profile(n, profiles) for n in graph.nodes}, found)


def _edge(group: list[PairRelation], events: dict[tuple[str, str], array] | None) -> tuple[str, str, dict]:
    pair = (group[0].source, group[0].target)
    if events is not None:
        events[pair] = array("q", (r.event for r in group))
    return (*pair, pair_attributes((r.story, r.document, r.outlet, r.type, r.weight) for r in group))


class StoredEvidence(Mapping[tuple[str, str], tuple[Evidence, ...]]):
    """Pair → its evidence, kept as event row ids and read from the store when asked for (through the
    store's connection while it is open, else a read-only connection of its own to the same file)."""

    def __init__(self, store: Store, events: dict[tuple[str, str], array]) -> None:
        self._store = store
        self._events = events
        self._own: sqlite3.Connection | None = None

    def _conn(self) -> sqlite3.Connection:
        if self._store._conn is not None:
            return self._store._conn
        if self._own is None:
            self._own = sqlite3.connect(f"{self._store.path.resolve().as_uri()}?mode=ro", uri=True)
        return self._own

    def __getitem__(self, pair: tuple[str, str]) -> tuple[Evidence, ...]:
        if pair not in self._events:
            raise KeyError(pair)
        return self.read([pair])

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._events)

    def __len__(self) -> int:
        return len(self._events)

    def subset(self, keep: Callable[[tuple[str, str]], bool]) -> StoredEvidence:
        """The pairs ``keep`` accepts, still lazy."""
        return StoredEvidence(self._store, {p: ids for p, ids in self._events.items() if keep(p)})

    def pair_evidence(self, a: str, b: str) -> LazyEvidence:
        """Both directions' evidence, read when the sequence is used."""
        return LazyEvidence(self, ((a, b), (b, a)))

    def read(self, pairs: Sequence[tuple[str, str]]) -> tuple[Evidence, ...]:
        """The evidence of ``pairs``, each pair's distinct spans in its events' order, concatenated."""
        return tuple(self.iter_read(pairs))

    def iter_read(self, pairs: Sequence[tuple[str, str]]) -> Iterator[Evidence]:
        """:meth:`read` as it is read: the first spans cost the first events only."""
        for pair in pairs:
            if pair in self._events:
                seen: set[Evidence] = set()
                for span in self._spans(self._events[pair]):
                    if span not in seen:
                        seen.add(span)
                        yield span

    def _spans(self, ids: array) -> Iterator[Evidence]:
        start, size = 0, 4  # a few events first (a shown excerpt needs one or two), then larger reads
        while start < len(ids):
            part = list(ids[start:start + size])
            start, size = start + size, 500
            rows = {r[0]: r for r in self._conn().execute(
                "SELECT e.rowid, e.document, e.sentence_start, e.sentence_end, e.evidence, d.text FROM events e"
                f" JOIN documents d ON d.id = e.document WHERE e.rowid IN ({','.join('?' * len(part))})", part)}
            for event in part:
                _, doc, s_start, s_end, spans, text = rows[event]
                for s in json.loads(spans) or [{"start": s_start, "end": s_end}]:
                    yield Evidence(doc, s["start"], s["end"], text[s["start"]:s["end"]])


class LazyEvidence(Sequence[Evidence]):
    """A pair's evidence (both directions) as a sequence read from the store on each use, never held."""

    def __init__(self, source: StoredEvidence, pairs: tuple[tuple[str, str], ...]) -> None:
        self._source = source
        self._pairs = pairs

    def _read(self) -> tuple[Evidence, ...]:
        return self._source.read(self._pairs)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice) and index.step is None and (index.start or 0) >= 0 and (index.stop or 0) >= 0 \
                and index.stop is not None:
            return tuple(islice(self._source.iter_read(self._pairs), index.start or 0, index.stop))
        return self._read()[index]

    def __len__(self) -> int:
        return len(self._read())

    def __iter__(self) -> Iterator[Evidence]:
        return iter(self._read())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and self._read() == tuple(other)

    def __hash__(self) -> int:
        return hash(self._read())

    def __repr__(self) -> str:
        return f"LazyEvidence({self._pairs!r})"
