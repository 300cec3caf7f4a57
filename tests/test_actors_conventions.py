"""Coding conventions of the actor resolver (issue 11), on sentences written for these tests."""

from __future__ import annotations

import pytest

from actor_support import profile_of

from factionmap.evaluate.common import _gold_values
from factionmap.evaluate.re3d import _predicted_entities
from factionmap.model import Document, Section


@pytest.fixture(scope="module")
def read(nlp):
    def run(text: str):
        return nlp(text)

    return run


def test_a_possessive_determiner_is_a_mention_but_no_re3d_entity(analyzer):
    text = "Chad said on Monday that its soldiers had left the border town."
    analysis = next(iter(analyzer.analyze([Document("t", text, (Section("body", 0, len(text)),))])))
    its = [m for a in analysis.actors for m in a.mentions if m.text == "its"]
    assert its and analysis.actor(its[0].actor_id).profile.id == "TCD"
    assert text.index("its") not in [start for start, _, _ in _predicted_entities(analysis)]


def test_a_subject_pronoun_stays_a_mention(read):
    doc = read("Chad recalled its envoy on Monday. It said the talks had failed.")
    assert profile_of(doc, "It").id == "TCD"


def test_an_agreement_named_in_capitals_is_no_actor(read):
    doc = read("The two governments signed the Kampala Framework Agreement on Friday.")
    assert not [m for m in doc._.fm_mentions if "Agreement" in m.text]


def test_a_treaty_and_the_acronym_defined_for_it_are_no_actor(read):
    doc = read("Both states joined the Treaty of Amity and Commerce (TAC) in March. The TAC binds them to talks.")
    assert not [m for m in doc._.fm_mentions if "TAC" in m.text or "Treaty" in m.text]


def test_peacekeepers_of_no_country_are_multinational(read):
    doc = read("Peacekeepers came under fire near the airport on Sunday.")
    assert profile_of(doc, "Peacekeepers").code == "IGOMIL"


def test_a_regional_peacekeeping_force_is_multinational(read):
    doc = read("The rebels rejected the deployment of a regional peacekeeping force along the river.")
    assert profile_of(doc, "peacekeeping force").code == "IGOMIL"


def test_a_states_own_peacekeepers_are_not_multinational(read):
    doc = read("Nigeria said its peacekeepers would stay in the region.")
    assert all(doc._.fm_profiles[m.actor_id].country != "IGO" for m in doc._.fm_mentions)


def test_students_are_coded_with_the_country_of_the_context(read):
    doc = read("Hundreds of students across Bolivia marched against the new tax law.")
    assert profile_of(doc, "students").code == "BOLEDU"


def test_leaders_of_a_people_are_its_elites_not_a_government(read):
    doc = read("Hundreds of Tuareg leaders gathered in Agadez on Sunday.")
    p = profile_of(doc, "Tuareg leaders")
    assert p.sector == "ELI" and p.country == "NER"


def test_a_bare_capitalised_title_is_an_office_holder_not_the_headlines_other_country(read):
    doc = read("Defence Secretary signs artillery deal with Estonia")
    p = profile_of(doc, "Defence Secretary")
    assert p.kind == "person" and p.sector == "GOV" and p.country != "EST"


def test_a_bare_title_refers_back_to_the_holder_just_named(read):
    doc = read("Foreign Secretary Amelia Thornbury flew to Oslo. Foreign Secretary then met the king.")
    titled = [m for m in doc._.fm_mentions if m.text == "Foreign Secretary"]
    assert titled and doc._.fm_profiles[titled[0].actor_id].name.endswith("Thornbury")


def test_a_misspelt_head_noun_still_codes_an_organisation_named_after_its_country(read):
    doc = read("The Ghana Electoral Comission postponed the vote on Monday.")
    assert profile_of(doc, "Ghana Electoral Comission").code == "GHAGOV"


def test_an_insurgent_word_before_a_group_noun_is_an_armed_group_of_the_country_named(read):
    doc = read("Kenyan police arrested members of a militant cell near Garissa.")
    assert profile_of(doc, "militant cell").code == "KENREB"


def test_a_definite_insurgent_group_phrase_refers_back_to_the_group_just_named(read):
    doc = read("The Islamic State claimed the bombing. Officials said the extremist group had planned it for months.")
    assert profile_of(doc, "extremist group").id == profile_of(doc, "The Islamic State").id


def test_a_capital_blockaded_is_a_place(read):
    doc = read("Farmers threatened to blockade Lisbon on Monday.")
    assert profile_of(doc, "Lisbon").kind == "location"


def test_gold_sectors_are_scored_on_their_primary_role():
    assert _gold_values([{"sector": "REBMOS"}, {"sector": "CVLkur"}], "sector") == {"REB", "CVL"}
    assert _gold_values([{"sector": "***"}], "sector") == set()
    assert _gold_values([{"country": "SYR"}], "country") == {"SYR"}
