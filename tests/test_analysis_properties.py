"""Property tests: the network and camps behave the same whatever the order and shape of the input."""

from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factionmap.analysis import CampOptions, NetworkOptions, build_network, find_camps
from factionmap.model import PLOVER_TYPES

from test_analysis_records import E, analysis

ACTORS = ("RUS", "EGY", "ARE", "TUR", "QAT", "USA", "gna", "lna", "haftar")

events = st.builds(
    E,
    type=st.sampled_from(PLOVER_TYPES),
    source=st.tuples(st.sampled_from(ACTORS)),
    target=st.tuples(st.sampled_from(ACTORS)),
    sentence=st.just("Something happened."),
    negated=st.booleans(),
    hedged=st.booleans(),
)
corpora = st.lists(st.lists(events, min_size=1, max_size=6), min_size=1, max_size=6)


def _docs(corpus):
    return [analysis(f"d{i}", evs, source=f"outlet{i % 3}") for i, evs in enumerate(corpus)]


@settings(max_examples=60, deadline=None)
@given(corpora, st.randoms(use_true_random=False))
def test_network_does_not_depend_on_document_order(corpus, rnd):
    docs = _docs(corpus)
    shuffled = docs[:]
    rnd.shuffle(shuffled)
    a, b = build_network(docs).graph, build_network(shuffled).graph
    assert sorted(a.edges(data=True)) == sorted(b.edges(data=True))


@settings(max_examples=60, deadline=None)
@given(corpora)
def test_edges_are_consistent(corpus):
    graph = build_network(_docs(corpus), NetworkOptions(roll_up=True)).graph
    for u, v, d in graph.edges(data=True):
        assert u != v and "haftar" not in (u, v)
        assert d["weight"] == pytest.approx(d["positive"] - d["negative"])
        assert d["sign"] == (d["weight"] > 0) - (d["weight"] < 0)
        assert d["count"] == sum(d["types"].values()) >= d["documents"] >= d["stories"] >= 1
        assert d["outlets"] <= d["documents"]


@settings(max_examples=60, deadline=None)
@given(corpora, st.integers(1, 3))
def test_every_tied_actor_is_placed_once_and_violations_are_real(corpus, k):
    network = build_network(_docs(corpus))
    result = find_camps(network, CampOptions(k=k))
    placed = [a for camp in result.camps for a in camp] + list(result.unassigned)
    assert sorted(placed) == sorted(network.graph.nodes)
    assert len(result.camps) <= k and result.frustration >= 0
    view = network.undirected()
    for v in result.violations:
        same = result.camp_of(v.source) == result.camp_of(v.target)
        assert (v.kind == "negative_within") == same
        assert (view[v.source][v.target]["weight"] < 0) == same
    if not result.unassigned:
        assert sum(abs(v.weight) for v in result.violations) == pytest.approx(result.frustration)
