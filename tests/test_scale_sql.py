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
