"""Argument selection and precision rules of the event coder, one sentence per rule.

Like ``test_events_coder``, actors are set on tokens by the test (``code``)
so these tests exercise the coder alone.
"""

from __future__ import annotations

from test_events_coder import code, find


def types(events) -> set[str]:
    return {e.type for e in events}


def test_subordinate_clause_event_is_less_confident(nlp):
    events = code(nlp, "Russia attacked Ukraine after Turkey criticised Egypt.")
    assert find(events, "ACCUSE").confidence < find(events, "ASSAULT").confidence


def test_content_of_a_refusal_is_no_event_of_its_own(nlp):
    events = code(nlp, "Turkey is opposed to mediation by France.")
    assert find(events, "REJECT").source == ("tur",)
    assert "CONSULT" not in types(events)


def test_content_of_a_demand_noun_is_no_event_of_its_own(nlp):
    events = code(nlp, "Egypt rejected the demand by Turkey to sever ties with Qatar.")
    assert find(events, "REJECT").source == ("egy",)
    assert "SANCTION" not in types(events)


def test_nominal_under_modal_request_is_content(nlp):
    events = code(nlp, "The minister said Egypt and Turkey must reach an agreement.")
    request = find(events, "REQUEST")
    assert set(request.target) == {"egy", "tur"}
    assert "AGREE" not in types(events)


def test_announced_resignation_stays_a_retreat(nlp):
    event = find(code(nlp, "The minister will resign."), "RETREAT")
    assert event.source == ("min",) and event.hypothetical


def test_announced_nominal_sanction_is_a_threat(nlp):
    events = code(nlp, "Egypt announced that it will impose an embargo on Qatar.", pronouns={"it": "egy"})
    event = find(events, "THREATEN")
    assert (event.source, event.target) == (("egy",), ("qat",))
    assert "SANCTION" not in types(events)


def test_withdrawal_from_names_the_target(nlp):
    event = find(code(nlp, "Turkey will withdraw its troops from Libya.", pronouns={"its": "tur"}), "AGREE")  # a promised withdrawal (frames.tsv: RETREAT intent AGREE)
    assert (event.source, event.target) == (("tur",), ("lby",))


def test_topic_of_a_discussion_is_no_target(nlp):
    event = find(code(nlp, "Russia discussed Libya with Turkey."), "CONSULT")
    assert event.target == ("tur",)


def test_against_never_names_a_partner(nlp):
    event = find(code(nlp, "France cooperated with Egypt against the militias."), "COOPERATE")
    assert event.target == ("egy",)


def test_target_search_passes_over_the_source(nlp):
    events = code(nlp, "Egypt demanded that its allies in Libya end the blockade.", pronouns={"its": "egy"})
    assert find(events, "REQUEST").target == ("lby",)


def test_target_inside_a_participial_phrase(nlp):
    event = find(code(nlp, "Turkey banned the march organised by rebels."), "COERCE")
    assert (event.source, event.target) == (("tur",), ("reb",))


def test_subject_after_an_introductory_phrase(nlp):
    event = find(code(nlp, "With the signing of the accord, Egypt and Turkey have agreed to cooperate."), "AGREE")
    assert set(event.source) == {"egy", "tur"}


def test_violating_a_ceasefire_is_an_assault(nlp):
    event = find(code(nlp, "The rebels violated the ceasefire."), "ASSAULT")
    assert event.source == ("reb",)


def test_target_inside_an_infinitival_modifier(nlp):
    events = code(nlp, "Egypt rejected a call for its troops to be deployed in Libya.", pronouns={"its": "egy"})
    event = find(events, "REJECT")
    assert (event.source, event.target) == (("egy",), ("lby",))


def test_place_is_not_the_accused(nlp):
    """Full pipeline (places are known from the actor profiles): the place of an attack is
    passed over for the attacker."""
    for text, wants_target in (("France condemned the bombing in Tripoli.", False),
                               ("France condemned the bombing of Tripoli by the LNA.", True)):
        doc = nlp(text)
        event = find(doc._.fm_events, "ACCUSE")
        kinds = {getattr(doc._.fm_profiles.get(a), "kind", None) for a in event.target}
        assert "location" not in kinds
        assert bool(event.target) == wants_target
