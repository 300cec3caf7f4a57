from __future__ import annotations

from datetime import date

import pytest

from factionmap.analysis import NetworkOptions, TimelineOptions, compare_sources, timeline
from factionmap.analysis.timeline import period_key

from test_analysis_records import E, analysis, libya


def test_period_keys():
    day = date(2019, 11, 19)
    assert period_key(day, "day") == "2019-11-19"
    assert period_key(day, "week") == "2019-W47"
    assert period_key(day, "month") == "2019-11"
    assert period_key(None, "month") == "undated"
    with pytest.raises(ValueError, match="unknown period"):
        period_key(day, "year")


def test_actor_timeline_counts_events_by_type_per_month():
    rows = timeline(libya(), TimelineOptions(actor="TUR"))
    assert [r.period for r in rows] == ["2019-11", "2019-12"]
    assert rows[0].counts == {"SUPPORT": 2} and rows[1].counts == {"AID": 1}


def test_pair_timeline_and_roll_up():
    rows = timeline(libya(), TimelineOptions(actor="gna", other="lna", period="day"))
    assert [(r.period, r.total) for r in rows] == [("2019-11-19", 1), ("2019-12-02", 1)]
    rolled = timeline(libya(), TimelineOptions(actor="haftar", period="all", network=NetworkOptions(roll_up=True)))
    assert rolled[0].counts["SUPPORT"] == 3 and rolled[0].counts["ASSAULT"] == 2


def test_source_comparison_relations_and_agreement():
    a = analysis("a", [E("SUPPORT", ("RUS",), ("lna",), "Russia backs the LNA."),
                       E("AID", ("TUR",), ("gna",), "Turkey arms the GNA.")], source="one")
    b = analysis("b", [E("COOPERATE", ("RUS",), ("lna",), "Russia works with the LNA."),
                       E("ACCUSE", ("TUR",), ("gna",), "Turkey accused the GNA.")], source="two")
    c = analysis("c", [E("ASSAULT", ("gna",), ("lna",), "The GNA struck the LNA.")])
    result = compare_sources([a, b, c])
    assert {(r.outlet, r.actors, r.sign) for r in result.relations} >= {
        ("one", ("RUS", "lna"), 1), ("two", ("TUR", "gna"), -1), ("unknown", ("gna", "lna"), -1)}
    pair = next(x for x in result.agreements if x.outlets == ("one", "two"))
    assert pair.shared == 2 and pair.agree == 1 and pair.agreement == 0.5
    assert set(result.to_record()) == {"relations", "agreements"}
