"""Nested and nominal deeds: what a condemnation presupposes, and who a report is about."""

from __future__ import annotations

from factionmap.events.coder import EventCoder
from factionmap.events.lexicon import load_lexicon
from factionmap.model import ActorProfile
from test_events_coder import ACTORS, code, find

PLACES = {"aircraft": "rus", "hospital": "hosp", "hospitals": "hosp", "market": "mkt", "Aleppo": "aleppo"}


def test_a_condemned_attack_by_a_named_doer_is_an_event_too(nlp):
    events = code(nlp, "France condemns the attack by Russia on a crowded market.", pronouns=PLACES)
    accuse = find(events, "ACCUSE")
    assert accuse.source == ("fra",) and accuse.target == ("rus",)
    assault = find(events, "ASSAULT")
    assert assault.source == ("rus",) and assault.target == ("mkt",)


def test_the_blamed_doer_is_the_only_target_of_the_condemnation(nlp):
    events = code(nlp, "Britain condemned the bombing of a hospital by Syria.", pronouns=PLACES)
    accuse = find(events, "ACCUSE")
    assert accuse.target == ("syr",)
    assert find(events, "ASSAULT").source == ("syr",)


def test_a_condemned_deed_without_doer_stays_the_content_of_the_condemnation(nlp):
    events = code(nlp, "France condemned the attack on the hospital.", pronouns=PLACES)
    assert [e.type for e in events] == ["ACCUSE"]


def test_targeting_is_a_nominal_attack(nlp):
    events = code(nlp, "Britain condemned the targeting of hospitals by Russian aircraft.", pronouns=PLACES)
    assert find(events, "ACCUSE").target == ("rus",)
    assault = find(events, "ASSAULT")
    assert assault.source == ("rus",) and assault.target == ("hosp",)


def test_whoever_documents_a_deed_did_not_do_it(nlp):
    events = code(nlp, "The report by Britain documents the targeting of hospitals in Aleppo.", pronouns=PLACES)
    assert not any(e.source == ("gbr",) and e.type == "ASSAULT" for e in events)


def test_the_place_where_a_doerless_condemned_deed_happened_is_not_blamed(nlp):
    events = code(nlp, "France condemns the terrorist attacks in Syria.")
    accuse = find(events, "ACCUSE")
    assert "syr" not in accuse.target


def test_the_patient_of_a_doerless_condemned_attack_stays_the_target(nlp):
    events = code(nlp, "France condemned the attack on a hospital in Aleppo.", pronouns=PLACES)
    assert find(events, "ACCUSE").target == ("hosp",)


def test_a_relative_clause_hung_on_the_place_of_a_deed_is_done_by_its_doer(nlp):
    doc = nlp("France condemns Russia's attacks in the town of Aleppo, which killed scores of rebels.")
    for token in doc:
        token._.fm_actor = {**ACTORS, **PLACES}.get(token.text)
    doc._.fm_mentions, doc._.fm_quotes = [], []
    doc._.fm_profiles = {"aleppo": ActorProfile("aleppo", "Aleppo", "SYR", kind="location")}
    EventCoder(load_lexicon())(doc)
    killed = next(e for e in doc._.fm_events if e.trigger.text == "killed")
    assert killed.source == ("rus",) and killed.target == ("reb",)


def test_efforts_named_after_an_actor_are_that_actors(nlp):
    events = code(nlp, "Egypt stressed the importance of LNA efforts to support Haftar.")
    support = find(events, "SUPPORT")
    assert support.source == ("lna",) and support.target == ("haftar",)


def test_a_refusal_answers_the_pressure_named_inside_it(nlp):
    events = code(nlp, "Haftar refused to withdraw despite mounting pressure by France.")
    reject = find(events, "REJECT")
    assert reject.source == ("haftar",) and reject.target == ("fra",)


def test_a_protest_against_abuses_is_aimed_at_their_doer(nlp):
    events = code(nlp, "Students in Gaza staged demonstrations against the abuses by Israel.")
    protest = find(events, "PROTEST")
    assert protest.target == ("isr",)


def test_a_denunciation_is_aimed_at_the_doer_of_the_denounced_deed(nlp):
    events = code(nlp, "Egypt denounced as a crime Turkey's crackdown on the rebels.")
    assert find(events, "ACCUSE").target == ("tur",)


def test_being_guilty_of_a_deed_asserts_it(nlp):
    events = code(nlp, "Both the LNA and the GNA are guilty of violating the ceasefire.")
    assault = find(events, "ASSAULT")
    assert set(assault.source) == {"lna", "gna"} and assault.target == ()


def test_the_content_of_an_accusation_is_not_the_accusers_deed(nlp):
    events = code(nlp, "Egypt accused Turkey of violating the ceasefire.")
    assert not any(e.source == ("egy",) and e.type != "ACCUSE" for e in events)


def test_a_party_backed_in_a_fight_fights_it_too(nlp):
    events = code(nlp, "Egypt reiterated its support for the LNA in the fight against the rebels.")
    fight = next(e for e in events if e.type == "ASSAULT")
    assert "lna" in fight.source and fight.target == ("reb",)


def test_a_government_supported_in_defeating_a_group_fights_it(nlp):
    events = code(nlp, "France supported Mali in defeating the rebels.")
    fight = next(e for e in events if e.type == "ASSAULT")
    assert "mli" in fight.source and fight.target == ("reb",)


def test_a_gerund_read_as_subject_gives_way_to_its_noun(nlp):
    events = code(nlp, "The LNA operating in Libya said Turkey must withdraw its troops.")
    request = find(events, "REQUEST")
    assert request.source == ("lna",)


def test_a_demand_after_a_protest_stays_the_protests_target(nlp):
    events = code(nlp, "Thousands of rebels marched in Tripoli to demand the resignation of Haftar.")
    assert any(e.target == ("haftar",) for e in events)


def test_the_right_to_do_something_is_no_deed(nlp):
    events = code(nlp, "France defended the right of Turkey to fire on the rebels.")
    assert not any(e.type == "ASSAULT" for e in events)
    assert find(events, "SUPPORT").source == ("fra",)


def test_dispersing_a_crowd_is_coercion(nlp):
    events = code(nlp, "Egypt dispersed the rebels in Cairo.")
    coerce = find(events, "COERCE")
    assert coerce.source == ("egy",) and coerce.target == ("reb",)


def test_who_claimed_an_attack_did_what_it_did(nlp):
    events = code(nlp, "The rebels claimed two attacks in the centre of Tripoli which killed 28 people.", pronouns={**PLACES, "people": "cvl"})
    killed = next(e for e in events if e.trigger.text == "killed")
    assert killed.source == ("reb",)


def test_whoever_makes_an_effort_does_what_it_is_for(nlp):
    events = code(nlp, "Egypt stepped up efforts to attack the rebels.")
    assault = find(events, "ASSAULT")
    assert assault.source == ("egy",) and assault.target == ("reb",)


def test_a_doer_named_as_a_modifier_is_blamed(nlp):
    events = code(nlp, "France condemned the LNA attack on the hospital.", pronouns=PLACES)
    assert find(events, "ACCUSE").target == ("lna",)


def test_an_attack_at_a_place_hits_it(nlp):
    events = code(nlp, "Russia's attack at a crowded market killed dozens.", pronouns=PLACES)
    attack = next(e for e in events if e.trigger.text == "attack")
    assert attack.source == ("rus",) and attack.target == ("mkt",)
