"""The network read straight from the store equals the one built from every analysis in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from scale_corpus import write_corpus

from factionmap.analysis import NetworkOptions, build_network, find_camps
from factionmap.analysis.sql import stored_network
from factionmap.store import Store
from factionmap.store.runner import ingest_sources

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample"


@pytest.fixture(scope="module")
def store_path(analyzer, tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("sql")
    corpus = write_corpus(where / "corpus.jsonl", 16, seed=5)
    with Store(where / "sql.db") as store:
        ingest_sources(store, [str(corpus), *sorted(str(p) for p in SAMPLE.iterdir())], analyzer=analyzer)
    return where / "sql.db"


def _same(a, b) -> None:
    assert sorted(a.graph.nodes(data=True)) == sorted(b.graph.nodes(data=True))
    assert sorted(a.graph.edges(data=True)) == sorted(b.graph.edges(data=True))
    assert a.profiles == b.profiles
    assert a.evidence == b.evidence


@pytest.mark.parametrize("options, since, until", [
    (NetworkOptions(), None, None),
    (NetworkOptions(roll_up=True, include_comments=True), None, None),
    (NetworkOptions(min_confidence=0.6, use_confidence=False, hedge_weight=0.25), None, None),
    (NetworkOptions(), "2024-03-05", "2024-03-20"),
])
def test_stored_network_equals_build_network(store_path, options, since, until):
    with Store(store_path) as store:
        expected = build_network(store.iter_analyses(since=since, until=until), options)
        got = stored_network(store, options, since=since, until=until)
    assert expected.graph.number_of_edges() > 0
    _same(got, expected)
    assert find_camps(got).to_record() == find_camps(expected).to_record()


def test_window_leaves_out_undated_and_outside_documents(store_path):
    with Store(store_path) as store:
        everything = stored_network(store)
        april = stored_network(store, since="2030-01-01")
    assert everything.graph.number_of_edges() > 0 and april.graph.number_of_edges() == 0


# -- streamed analyses equal the in-memory ones ---------------------------------------------------

from datetime import date, datetime, timezone  # noqa: E402

import pyarrow as pa  # noqa: E402

from factionmap.analysis import (  # noqa: E402
    ContradictionOptions,
    TimelineOptions,
    compare_sources,
    find_contradictions,
    tables,
    timeline,
)
from factionmap.analysis.export import cameo_rows, iter_tables, plover_records  # noqa: E402
from factionmap.analysis.formats import acled_rows, gdelt_rows, polecat_records  # noqa: E402
from factionmap.analysis.sql import StoredAnalyses, pair_relations  # noqa: E402

WINDOWED = NetworkOptions(since=date(2024, 3, 4), until=date(2024, 3, 21))


def test_stored_analyses_are_the_stored_records_read_again_and_again(store_path):
    with Store(store_path) as store:
        records = list(store.iter_analyses(since="2024-03-03"))
        expected = [a.to_record() for a in records]
        stored = StoredAnalyses(store, since="2024-03-03", chunk=7)
        assert [a.to_record() for a in stored] == expected
        assert [a.to_record() for a in stored] == expected  # a second pass reads afresh
        assert len(stored) == len(expected) > 7
        light = list(stored.events_only())
    assert [a.events for a in light] == [a.events for a in records]
    assert [a.document.id for a in light] == [a.document.id for a in records]


def test_window_by_event_date_equals_build_network(store_path):
    with Store(store_path) as store:
        expected = build_network(store.iter_analyses(since="2024-03-02"), WINDOWED)
        got = stored_network(store, WINDOWED, since="2024-03-02")
        _same(got, expected)


def test_pair_relations_are_the_relations_in_pair_order(store_path):
    from factionmap.analysis import iter_relations
    from factionmap.analysis.network import collect_profiles, roll_up_map

    options = NetworkOptions(roll_up=True)
    with Store(store_path) as store:
        analyses = list(store.iter_analyses())
        expected = sorted(((r.source, r.target, r.document, r.weight, r.published)
                           for r in iter_relations(analyses, options, roll_up_map(collect_profiles(analyses)))),
                          key=lambda r: (r[0], r[1]))
        got = [(r.source, r.target, r.document, r.weight, r.published) for r in pair_relations(store, options)]
    assert got and got == expected  # pair order, then document and event order (a stable sort of the above)


@pytest.mark.parametrize("options", [NetworkOptions(), NetworkOptions(roll_up=True, include_comments=True), WINDOWED])
def test_streamed_contradictions_timeline_sources_equal_in_memory(store_path, options):
    with Store(store_path) as store:
        analyses = list(store.iter_analyses())
        stored = StoredAnalyses(store, full=False, chunk=5)
        network = build_network(analyses, options)
        camps = find_camps(network)
        for period in ("month", "all"):
            expected = find_contradictions(analyses, ContradictionOptions(options, period), camps, network)
            got = find_contradictions(stored, ContradictionOptions(options, period), camps, network)
            assert [c.to_record() for c in got] == [c.to_record() for c in expected]
            assert got or options.since  # the whole store has contradictions
        assert find_contradictions(stored, ContradictionOptions(options)) == \
            find_contradictions(analyses, ContradictionOptions(options))
        actors = sorted({a for e in network.graph.edges for a in e})[:4]
        for actor in actors:
            for other in (None, *actors):
                query = TimelineOptions(actor, other, "week", options)
                assert timeline(stored, query) == timeline(analyses, query)
        assert compare_sources(stored, options) == compare_sources(analyses, options)


def test_streamed_tables_equal_the_in_memory_tables(store_path):
    with Store(store_path) as store:
        expected = tables(store.iter_analyses())
        pieces: dict[str, list[pa.Table]] = {}
        for name, piece in iter_tables(StoredAnalyses(store, chunk=3), flush_rows=5):
            pieces.setdefault(name, []).append(piece)
    assert set(pieces) == set(expected)
    assert len(pieces["events"]) > 1
    for name, table in expected.items():
        assert pa.concat_tables(pieces[name]).equals(table), name


def test_streamed_csv_and_parquet_files_equal_the_in_memory_writers(store_path, tmp_path, monkeypatch):
    import pyarrow.csv as pa_csv
    import pyarrow.parquet as pq

    import sys

    export_module = sys.modules["factionmap.analysis.export"]

    with Store(store_path) as store:
        expected = tables(store.iter_analyses())
        monkeypatch.setattr(export_module, "FLUSH_ROWS", 4)
        export_module.write_csv(StoredAnalyses(store, chunk=3), tmp_path / "csv")
        export_module.write_parquet(StoredAnalyses(store, chunk=3), tmp_path / "parquet")
    for name, table in expected.items():
        pa_csv.write_csv(export_module._flatten_lists(table), str(tmp_path / f"{name}.csv"))
        assert (tmp_path / "csv" / f"{name}.csv").read_bytes() == (tmp_path / f"{name}.csv").read_bytes(), name
        assert pq.read_table(tmp_path / "parquet" / f"{name}.parquet").equals(table), name


@pytest.mark.parametrize("options", [NetworkOptions(), WINDOWED, NetworkOptions(include_comments=True, min_confidence=0.6)])
def test_streamed_event_formats_equal_in_memory(store_path, options):
    added = datetime(2026, 1, 2, tzinfo=timezone.utc)
    with Store(store_path) as store:
        analyses = list(store.iter_analyses())
        stored = StoredAnalyses(store, chunk=4)
        assert list(gdelt_rows(stored, options, added)) == list(gdelt_rows(analyses, options, added))
        assert list(polecat_records(stored, options)) == list(polecat_records(analyses, options))
        assert list(acled_rows(stored, options)) == list(acled_rows(analyses, options))
        assert list(plover_records(stored, options)) == list(plover_records(analyses, options))
        assert list(cameo_rows(stored, options)) == list(cameo_rows(analyses, options))
        assert list(gdelt_rows(iter(analyses), options, added)) == list(gdelt_rows(analyses, options, added))


def test_camps_evidence_is_read_lazily_and_equals_the_built_one(store_path):
    with Store(store_path) as store:
        got = stored_network(store, NetworkOptions())
        expected = build_network(store.iter_analyses())
        assert find_camps(got).to_record() == find_camps(expected).to_record()
        pair = next(iter(got.evidence))
        assert got.pair_evidence(*pair) == expected.pair_evidence(*pair)
        assert len(got.pair_evidence(*pair)) == len(expected.pair_evidence(*pair)) > 0
        for pair in got.evidence:
            lazy, built = got.pair_evidence(*pair), expected.pair_evidence(*pair)
            assert (lazy[:2], lazy[1:6], lazy[-1], tuple(lazy)) == (built[:2], built[1:6], built[-1], tuple(built))
