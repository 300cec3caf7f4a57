from __future__ import annotations

from datetime import date

import pytest

from factionmap.analysis import NetworkOptions, build_network, intensity
from factionmap.analysis.codes import PLOVER_CODES
from factionmap.model import PLOVER_TYPES, Event

from test_analysis_records import E, analysis, libya

C = 0.8  # the records' confidence


def test_code_table_covers_plover_and_agrees_with_event_sign():
    assert set(PLOVER_CODES) == set(PLOVER_TYPES)
    for kind, row in PLOVER_CODES.items():
        probe = Event(kind, ("a",), ("b",), trigger=None, sentence=None)  # type: ignore[arg-type]
        assert (row.intensity > 0) - (row.intensity < 0) == probe.sign, kind
        assert row.quad in (1, 2, 3, 4) and len(row.cameo) == 3


def test_edges_aggregate_sign_weight_and_counts():
    net = build_network(libya())
    g = net.graph
    assert g["RUS"]["haftar"]["sign"] == 1
    assert g["RUS"]["haftar"]["weight"] == pytest.approx(C * intensity("SUPPORT"))
    assert g["lna"]["gna"]["sign"] == -1 and g["gna"]["lna"]["sign"] == -1
    assert g["TUR"]["gna"]["documents"] == 2 and g["TUR"]["gna"]["outlets"] == 2
    assert g["TUR"]["gna"]["types"] == {"AID": 1, "SUPPORT": 1}
    assert g.nodes["gna"]["country"] == "LBY" and g.nodes["gna"]["sector"] == "GOV"
    assert g.nodes["haftar"]["name"] == "Khalifa Haftar"
    ev = net.evidence[("RUS", "haftar")][0]
    assert ev.text == "Russia backs Haftar." and ev.document == "d1"


def test_hedged_downweighted_negated_hypothetical_and_comments_excluded():
    doc = analysis("x", [
        E("SUPPORT", ("USA",), ("haftar",), "The US appears to back Haftar.", hedged=True),
        E("SUPPORT", ("EGY",), ("gna",), "Egypt does not back the GNA.", negated=True),
        E("ASSAULT", ("RUS",), ("gna",), "Russia would strike the GNA.", hypothetical=True),
        E("ACCUSE", ("TUR",), ("USA",), "The US destroyed Libya.", section="comment", asserted_by="commenter"),
    ])
    g = build_network([doc]).graph
    assert g["USA"]["haftar"]["weight"] == pytest.approx(C * 0.5 * intensity("SUPPORT"))
    assert not g.has_edge("EGY", "gna") and not g.has_edge("RUS", "gna") and not g.has_edge("TUR", "USA")
    g2 = build_network([doc], NetworkOptions(include_comments=True, hedge_weight=1.0)).graph
    assert g2.has_edge("TUR", "USA")
    assert g2["USA"]["haftar"]["weight"] == pytest.approx(C * intensity("SUPPORT"))


def test_near_duplicates_count_once_as_a_story():
    a = analysis("a", [E("AID", ("TUR",), ("gna",), "Turkey arms the GNA.")], source="one")
    b = analysis("b", [E("AID", ("TUR",), ("gna",), "Turkey arms the GNA.")], source="two", duplicate_of="a")
    edge = build_network([a, b]).graph["TUR"]["gna"]
    assert edge["documents"] == 2 and edge["stories"] == 1 and edge["outlets"] == 2
    assert edge["weight"] == pytest.approx(C * intensity("AID"))


def test_time_window_keeps_dated_documents_in_range():
    opts = NetworkOptions(since=date(2019, 12, 1))
    g = build_network(libya(), opts).graph
    assert g.has_edge("TUR", "gna") and not g.has_edge("RUS", "haftar")
    assert build_network(libya(), NetworkOptions(until=date(2019, 11, 30))).graph.has_edge("RUS", "haftar")


def test_roll_up_merges_a_person_into_the_organisation_it_leads():
    g = build_network(libya(), NetworkOptions(roll_up=True)).graph
    assert "haftar" not in g and g.has_edge("RUS", "lna")
    assert g["RUS"]["lna"]["count"] == 2  # backs Haftar + cooperates with the LNA


def test_undirected_view_sums_both_directions():
    view = build_network(libya()).undirected()
    assert view["gna"]["lna"]["weight"] == pytest.approx(C * 2 * intensity("ASSAULT"))
    assert view["gna"]["lna"]["sign"] == -1


def test_confidence_scales_weight_unless_turned_off():
    doc = analysis("c", [E("AID", ("TUR",), ("gna",), "Turkey arms the GNA.", confidence=0.4)])
    assert build_network([doc]).graph["TUR"]["gna"]["weight"] == pytest.approx(0.4 * intensity("AID"))
    plain = build_network([doc], NetworkOptions(use_confidence=False)).graph
    assert plain["TUR"]["gna"]["weight"] == pytest.approx(intensity("AID"))
