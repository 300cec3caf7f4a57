"""The query layer over a database of the bundled sample: documents, actors, events, the map, scoping."""

from __future__ import annotations

import pytest

from factionmap import query
from factionmap.analysis import Scope
from factionmap.query import EventQuery, MapQuery, QueryError
from webapp_support import build_db


@pytest.fixture(scope="module")
def db(tmp_path_factory, analyzer):
    path = build_db(tmp_path_factory.mktemp("query") / "sample.db", analyzer)
    with query.connect(path) as reader:
        yield reader


def test_reader_is_read_only(db):
    import sqlite3

    with pytest.raises(sqlite3.OperationalError):
        db.conn.execute("DELETE FROM documents")
    assert db.conn.execute("SELECT count(*) FROM documents").fetchone()[0] > 0


def test_documents_search_and_paging(db):
    everything = query.documents(db, limit=500)
    assert everything.total == len(everything.items) >= 4
    first = query.documents(db, limit=2)
    second = query.documents(db, limit=2, cursor=first.next_cursor)
    ids = [d.id for d in first.items + second.items]
    assert ids == [d.id for d in everything.items[:4]]
    found = query.documents(db, text="EL FASHER")
    assert found.total >= 1 and all(d.events >= 0 for d in found.items)
    assert query.documents(db, text="no such words anywhere").total == 0


def test_resolve_document_id_names_ambiguous_matches(db):
    ids = [d.id for d in query.documents(db, limit=500).items]
    assert query.resolve_document_id(db, ids[0]) == ids[0]
    with pytest.raises(query.AmbiguousDocumentId) as err:
        query.resolve_document_id(db, ids[0][:1])
    assert ids[0] in str(err.value) and ids[0] in err.value.matches
    with pytest.raises(query.NotFound, match="zzz"):
        query.resolve_document_id(db, "zzz")


def test_events_filters_and_cursor_are_stable(db):
    page = query.events(db, EventQuery(limit=3))
    rest = query.events(db, EventQuery(limit=500, cursor=page.next_cursor))
    every = query.events(db, EventQuery(limit=500))
    assert [e.id for e in page.items + rest.items] == [e.id for e in every.items]
    assert page.total == every.total == len(every.items)
    negative = query.events(db, EventQuery(sign="negative", limit=500)).items
    assert negative and all(e.sign == -1 for e in negative)
    rsf = query.events(db, EventQuery(actor="SDN-RSF", limit=500)).items
    assert rsf and all("SDN-RSF" in {a.id for a in e.source + e.target} for e in rsf)
    pair = query.events(db, EventQuery(actor="ARE", other="SDN-RSF", limit=500)).items
    assert pair and all({"ARE", "SDN-RSF"} <= {a.id for a in e.source + e.target} for e in pair)
    for e in every.items:
        assert e.sentence.text and e.trigger.text in e.sentence.text
        assert all(e.sentence.start <= m.start and m.end <= e.sentence.end for m in e.mentions)


@pytest.mark.parametrize("bad, param", [
    (dict(since="2019-13"), "since"), (dict(sign="up"), "sign"), (dict(voice="god"), "voice"),
    (dict(types=("HUG",)), "type"), (dict(limit=0), "limit"), (dict(cursor="###"), "cursor"),
])
def test_bad_event_filters_name_the_parameter(bad, param):
    with pytest.raises(QueryError) as err:
        EventQuery(**bad)
    assert err.value.param == param


def test_network_camps_and_edge_events(db):
    net = query.network(db)
    assert net.graph.number_of_edges() > 5
    result = query.camps(db, net=net)
    assert len(result.camps) == 2
    supplied = query.edge_events(db, "ARE", "SDN-RSF")
    assert any("supplied weapons to the RSF" in e.sentence.text for e in supplied)
    assert all(not e.negated and not e.hypothetical for e in supplied)
    record = query.network_record(net, result, limit=5)
    assert len(record["edges"]) == 5 and all("camp" in n for n in record["nodes"])


def test_scopes_ego_country_and_piece(db):
    ego = query.network(db, MapQuery(scope=Scope(actor="SDN-RSF", hops=1)))
    assert "SDN-RSF" in ego.graph
    assert all("SDN-RSF" in (u, v) or ego.graph.has_node(u) for u, v in ego.graph.edges)
    sudan = query.network(db, MapQuery(scope=Scope(country="SDN")))
    for u, v in sudan.graph.edges:
        assert "SDN" in (sudan.profiles[u].country, sudan.profiles[v].country)
    piece = query.network(db, MapQuery(scope=Scope(actor="SDN-RSF")))
    assert set(piece.graph) <= set(query.network(db).graph)
    with pytest.raises(QueryError):
        query.network(db, MapQuery(scope=Scope(actor="nobody-at-all")))


def test_actor_view_timeline_contradictions_sources(db):
    view = query.actor_view(db, "SDN-RSF")
    assert view.actor.name == "Rapid Support Forces" and view.opponents
    assert view.timeline and sum(b.total for b in view.timeline) >= 1
    assert query.timeline(db, "Rapid Support Forces")
    assert isinstance(query.contradictions(db), list)
    assert query.sources(db).relations
    assert query.actors(db, search="rapid")[0].id == "SDN-RSF"


def test_dataframes(db):
    pandas = pytest.importorskip("pandas")
    events = query.events_frame(db)
    assert isinstance(events, pandas.DataFrame) and len(events) == query.events(db, EventQuery()).total
    assert {"type", "source", "target", "sentence", "voice"} <= set(events.columns)
    assert "SDN-RSF" in set(query.actors_frame(db)["id"])
    edges = query.edges_frame(query.network(db))
    assert {"source", "target", "weight", "sign"} <= set(edges.columns) and len(edges) > 5


@pytest.mark.parametrize("q", [
    MapQuery(), MapQuery(min_confidence=0.5), MapQuery(types=("ASSAULT", "SUPPORT")), MapQuery(since="2024-01"),
    MapQuery(until="2024", include_comments=True), MapQuery(roll_up=True), MapQuery(outlet="Example Wire"),
    MapQuery(scope=Scope(actor="SDN-RSF")),
])
def test_map_index_gives_the_network_build_network_gives(db, q):
    index = query.MapIndex.load(db)
    expected, got = query.network(db, q), index.network(q)
    assert sorted(expected.graph.edges(data=True)) == sorted(got.graph.edges(data=True))
    assert expected.evidence == got.evidence
    pairs = [(u, v) for u, v in expected.graph.edges][:3]
    for u, v in pairs:
        assert set(index.edge_event_ids(u, v, q)) == {e.id for e in query.edge_events(db, u, v, q)}


def test_map_index_extends_with_new_documents(tmp_path, analyzer):
    from factionmap.store import Store
    from factionmap.store.runner import ingest_sources
    from webapp_support import sample_paths

    path = tmp_path / "grow.db"
    paths = sample_paths()
    with Store(path) as store:
        ingest_sources(store, paths[:2], analyzer=analyzer)
    with query.connect(path) as reader:
        holder = query.IndexHolder()
        first = holder.get(reader)
        assert holder.get(reader) is first
        with Store(path) as store:
            ingest_sources(store, paths[2:], analyzer=analyzer)
        grown = holder.get(reader)
        assert grown is not first and grown.generation != first.generation
        for q in (MapQuery(), MapQuery(roll_up=True)):
            fresh = query.MapIndex.load(reader).network(q)
            assert sorted(grown.network(q).graph.edges(data=True)) == sorted(fresh.graph.edges(data=True))
