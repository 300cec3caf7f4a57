from __future__ import annotations

from factionmap.analysis import (
    CampOptions,
    ContradictionOptions,
    NetworkOptions,
    build_network,
    find_camps,
    find_contradictions,
)

from test_analysis_records import E, analysis, libya


def _contradictions(docs, roll_up=True):
    opts = NetworkOptions(roll_up=roll_up)
    network = build_network(docs, opts)
    camps = find_camps(network, CampOptions())
    return find_contradictions(docs, ContradictionOptions(network=opts), camps=camps, network=network)


def test_one_actor_backing_both_sides_is_flagged_with_evidence():
    found = [c for c in _contradictions(libya()) if c.kind == "backs_both_sides"]
    by_backer = {c.actors[0]: c for c in found}
    assert set(by_backer) >= {"QAT", "TUR"}
    qatar = by_backer["QAT"]
    assert set(qatar.actors[1:]) == {"gna", "lna"} and qatar.documents == ("d1",)
    texts = [e.text for e in qatar.evidence]
    assert "Qatar and Turkey support Haftar." in texts and "Qatar and Turkey back the GNA." in texts
    ev = qatar.evidence[0]
    doc = libya()[0].document
    assert doc.text[ev.start : ev.end] == ev.text


def test_both_sides_without_camps_uses_negative_edges():
    docs = libya()
    network = build_network(docs, NetworkOptions(roll_up=True))
    found = find_contradictions(docs, ContradictionOptions(network=NetworkOptions(roll_up=True)), network=network)
    assert any(c.kind == "backs_both_sides" and c.actors[0] == "QAT" for c in found)


def test_same_voice_mixed_signs_within_a_document():
    doc = analysis("m", [
        E("SUPPORT", ("EGY",), ("gna",), "Egypt backs the GNA."),
        E("ACCUSE", ("EGY",), ("gna",), "Egypt accused the GNA of harbouring militants."),
        E("ASSAULT", ("gna",), ("EGY",), "The GNA shelled Egyptian positions.", asserted_by="RUS"),
    ])
    found = [c for c in find_contradictions([doc]) if c.kind == "mixed_signs"]
    assert len(found) == 1  # the author's two claims; Russia's claim is another voice
    assert found[0].actors == ("EGY", "gna") and len(found[0].evidence) == 2


def test_outlets_disagreeing_on_a_pair_in_the_same_period():
    a = analysis("a", [E("SUPPORT", ("RUS",), ("gna",), "Russia backs the GNA.")], published="2020-01-03", source="one")
    b = analysis("b", [E("ASSAULT", ("RUS",), ("gna",), "Russia bombed the GNA.")], published="2020-01-20", source="two")
    c = analysis("c", [E("ASSAULT", ("RUS",), ("gna",), "Russia bombed the GNA.")], published="2020-03-01", source="one")
    found = [x for x in find_contradictions([a, b, c]) if x.kind == "outlets_disagree"]
    assert len(found) == 1 and set(found[0].documents) == {"a", "b"}
    assert [x for x in find_contradictions([a, c]) if x.kind == "outlets_disagree"] == []


def test_record_shape_is_pinned():
    record = _contradictions(libya())[0].to_record()
    assert set(record) == {"kind", "actors", "documents", "evidence"}
    assert set(record["evidence"][0]) == {"document", "start", "end", "text"}


def test_sides_come_from_the_network_when_nothing_is_given():
    found = find_contradictions(libya(), ContradictionOptions(network=NetworkOptions(roll_up=True)))
    assert {c.actors[0] for c in found if c.kind == "backs_both_sides"} == {"QAT", "TUR"}
