"""Insurgents of no known country, alliances named only by a description, a state's air force:
each rule on sentences written for these tests."""

from __future__ import annotations

import pytest

from actor_support import profile_of


@pytest.fixture(scope="module")
def read(nlp):
    return nlp


def test_guerrillas_take_the_country_of_the_army_fighting_them_not_the_neighbour(read):
    doc = read("Ethiopian soldiers attacked Sidamo guerrillas near the Kenyan border, Kenyan police in Moyale "
               "said, adding that Kenyan officials had closed the Kenyan crossing.")
    assert profile_of(doc, "Sidamo guerrillas").country == "ETH"


def test_guerrillas_with_no_army_in_the_sentence_keep_the_story_country(read):
    doc = read("Officials in Nairobi said that Boran guerrillas had crossed into northern Kenya overnight.")
    assert profile_of(doc, "Boran guerrillas").country == "KEN"


def test_the_coalition_with_no_antecedent_is_an_actor_of_its_own(read):
    doc = read("The Coalition has struck al-Shabaab camps twice this week. Later the coalition said "
               "the strikes had killed dozens of fighters.")
    first, later = profile_of(doc, "The Coalition"), profile_of(doc, "the coalition")
    assert first.id == later.id and first.kind == "organisation" and not first.known


def test_the_coalition_refers_back_to_a_named_coalition(read):
    doc = read("The Saudi-led coalition bombed Houthi positions near Hodeidah. The coalition said it had "
               "hit weapons depots.")
    assert profile_of(doc, "The coalition").id == "SAU-COALITION"


def test_the_global_coalition_in_lower_case_is_the_known_coalition(read):
    doc = read("Britain will keep working with the global coalition to defeat the Islamic State.")
    assert profile_of(doc, "the global coalition").id == "GLOBAL-COALITION"


def test_royal_air_force_is_british_military(read):
    doc = read("The Royal Air Force struck a weapons store west of Mosul on Monday, the RAF said.")
    p = profile_of(doc, "The Royal Air Force")
    assert profile_of(doc, "the RAF").id == p.id
    assert (p.country, p.sector) == ("GBR", "MIL")


def test_a_colon_intro_hung_on_the_paragraph_above_still_names_the_speaker(read):
    doc = read("Jordan renews its support for the talks in Geneva against the backdrop of the fighting\n\n"
               "Minister Halloran said:\n\nI commend the negotiators for their patience.")
    i = next(m for m in doc._.fm_mentions if m.text == "I")
    assert doc._.fm_profiles[i.actor_id].name.endswith("Halloran")


def test_their_in_a_participle_clause_is_the_object_acted_on(read):
    doc = read("Government troops besieged the Tuareg rebels near Kidal, cutting off their supplies.")
    their = next(m for m in doc._.fm_mentions if m.text == "their")
    assert doc._.fm_profiles[their.actor_id].sector == "REB"


def test_alliance_word_as_a_modifier_is_the_alliance(read):
    doc = read("The Saudi-led coalition bombed Hodeidah. Coalition jets also struck Saada, and coalition "
               "spokesmen said the raids would go on.")
    assert profile_of(doc, "Coalition").id == "SAU-COALITION"
    assert profile_of(doc, "coalition").id == "SAU-COALITION"


def test_coalition_operations_with_no_named_coalition_keep_an_actor(read):
    doc = read("Officials stressed the need to continue coalition operations against al-Shabaab.")
    p = profile_of(doc, "coalition")
    assert p.kind == "organisation" and not p.known


def test_a_ruling_coalition_in_lower_case_without_a_noun_after_is_left_alone(read):
    doc = read("The ruling coalition in Rome collapsed after the Five Star Movement quit.")
    assert not [m for m in doc._.fm_mentions if m.text.lower().endswith("coalition")]


def test_the_terrorist_group_is_not_a_state_army(read):
    doc = read("The Islamic State attacked Ramadi. Coalition efforts support Iraqi security forces in their "
               "campaign to defeat this terrorist group.")
    assert profile_of(doc, "this terrorist group").id == "IS"


def test_a_name_two_countries_share_goes_to_the_one_the_places_point_to(read):
    doc = read("Fighting continued in eastern Congo, where the M23 rebels attacked Goma in North Kivu.")
    assert profile_of(doc, "Congo").id == "COD"
    assert profile_of(doc, "North Kivu").country == "COD"


def test_a_shared_name_with_no_evidence_takes_the_default_of_the_documents_date(analyzer):
    from factionmap.model import Document, Section

    text = "Pakistan threatened Congo and Costa Rica with a boycott."

    def congo(published):
        doc = Document("d", text, (Section("body", 0, len(text)),), published=published)
        (analysis,) = analyzer.analyze([doc])
        return next(a.id for a in analysis.actors if any(m.text == "Congo" for m in a.mentions))

    assert congo(None) == "COD"  # news usage since 1997: "Congo" is the DR Congo, "Congo Republic" the other
    assert congo("1995-06-01") == "COG"  # while the DR Congo was Zaire


def test_local_language_subdivisions_have_english_forms(read):
    doc = read("Congolese troops shelled rebel positions near Uvira in South Kivu province.")
    assert profile_of(doc, "Congolese troops").country == "COD"


def test_coalition_does_not_refer_back_to_one_states_air_force(read):
    doc = read("Royal Air Force jets and other Coalition aircraft struck al-Shabaab camps.")
    assert profile_of(doc, "Coalition").id != "GBR-RAF"


def test_state_in_an_office_name_is_no_actor_of_its_own(read):
    doc = read("On Friday the U.S. Secretary of State designated the group a terrorist organization.")
    assert not [m for m in doc._.fm_mentions if m.text == "State"]


def test_an_armed_groups_own_fighters_are_the_group_not_an_affiliate(read):
    doc = read("Villagers near Tikrit suffered at the hands of brutal ISIL terrorists.")
    ids = {m.actor_id for m in doc._.fm_mentions if "terrorists" in m.text}
    assert ids == {"IS"}


def test_a_portfolio_run_into_the_name_leaves_a_titled_person(read):
    doc = read("Minister for the Middle East Ramsay Holloway marks the anniversary. The UK Government sent aid."
               "\n\nSpeaking today Mr Holloway said:\n\nWe will continue to protect the Yazidis.")
    holloway = profile_of(doc, "Minister for the Middle East Ramsay Holloway")
    assert holloway.kind == "person" and holloway.sector == "GOV"
    assert profile_of(doc, "Holloway").id == holloway.id
    assert profile_of(doc, "We").id == "GBR"


def test_a_country_after_in_is_where_the_minister_is_not_whose(read):
    doc = read("In Kenya FCO Minister Ramsay Holloway met the Somali president.")
    assert profile_of(doc, "Kenya").id == "KEN"
    assert profile_of(doc, "FCO Minister Ramsay Holloway").country == "GBR"


def test_workers_and_teachers_are_actors_without_a_country_in_the_phrase(read, nlp):
    doc = read("Nurses at two hospitals in Lagos walked out on Monday, and teachers joined them a day later.")
    nurses, teachers = profile_of(doc, "Nurses"), profile_of(doc, "teachers")
    assert (nurses.sector, teachers.sector) == ("HLH", "EDU") and nurses.country == "NGA"
    analysis = nlp("Dock workers went on strike over pay.")
    assert any(m.text.lower().endswith("workers") for m in analysis._.fm_mentions)
