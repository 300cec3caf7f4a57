"""Camps per unconnected piece of the network (issue 16, item 6)."""

from __future__ import annotations

import networkx as nx

from factionmap.analysis.camps import CampOptions, find_camps
from factionmap.analysis.network import SignedNetwork
from factionmap.analysis.pieces import camps_by_piece, network_pieces, piece_of, subnetwork
from factionmap.model import ActorProfile

# two conflicts that share no actor, and a lone actor
EDGES = [
    ("RUS", "LNA", 3.0), ("EGY", "LNA", 2.0), ("TUR", "GNA", 3.0), ("QAT", "GNA", 1.0), ("LNA", "GNA", -4.0),
    ("SAF", "RSF", -5.0), ("UAE", "RSF", 2.0), ("EGY2", "SAF", 2.0),
]


def network() -> SignedNetwork:
    graph = nx.DiGraph()
    for u, v, w in EDGES:
        graph.add_edge(u, v, weight=w, sign=1 if w > 0 else -1, count=1)
    graph.add_node("ALONE")
    profiles = {n: ActorProfile(n, n) for n in graph.nodes}
    return SignedNetwork(graph, profiles, {})


def test_pieces_are_the_unconnected_conflicts_largest_first():
    pieces = network_pieces(network())
    assert [len(p) for p in pieces] == [6, 4, 1]
    assert piece_of(network(), "UAE") == frozenset({"SAF", "RSF", "UAE", "EGY2"})
    assert piece_of(network(), "nobody") is None


def test_each_piece_gets_its_own_two_camps():
    result = camps_by_piece(network(), CampOptions(k=2))
    assert result.pieces == 3 and [p.actors for p in result.solved] == [6, 4]
    libya, sudan = (set(map(frozenset, p.result.camps)) for p in result.solved)
    assert libya == {frozenset({"RUS", "EGY", "LNA"}), frozenset({"TUR", "QAT", "GNA"})}
    assert sudan == {frozenset({"UAE", "RSF"}), frozenset({"SAF", "EGY2"})}


def test_an_actor_scopes_camps_to_its_piece_and_the_record_keeps_the_pinned_fields():
    result = camps_by_piece(network(), actor="RSF")
    assert [p.index for p in result.solved] == [2]
    record = result.to_record()
    assert {"camps", "unassigned", "frustration", "violations"} <= set(record)
    assert all(camp["piece"] == 2 for camp in record["camps"]) and record["unconnected_pieces"] == 3


def test_global_camps_mix_the_conflicts_which_pieces_avoid():
    whole = find_camps(network(), CampOptions(k=2))
    mixed = [camp for camp in whole.camps if {"LNA", "GNA"} & set(camp) and {"RSF", "SAF"} & set(camp)]
    assert mixed  # two unrelated wars folded into two global sides


def test_subnetwork_keeps_only_its_actors():
    sub = subnetwork(network(), frozenset({"RUS", "LNA"}))
    assert set(sub.graph.nodes) == {"RUS", "LNA"} and set(sub.profiles) == {"RUS", "LNA"}
