"""Coding from the sentence when the name is unknown; collectives, things and places; one actor, one node."""

from __future__ import annotations

import pytest
from actor_support import profile_of


@pytest.fixture(scope="module")
def read(nlp):
    return nlp


def found(doc, text: str):
    return profile_of(doc, text, ending=True)


def test_an_unknown_person_is_coded_from_a_title_with_a_two_word_demonym(read):
    p = found(read("South African President Thandiwe Mokoena said the talks would resume."), "Thandiwe Mokoena")
    assert p.kind == "person" and p.code == "ZAFGOV"


def test_a_possessive_country_before_the_title_codes_the_person(read):
    p = found(read("Hungary's prime minister Laszlo Veres rejected the plan."), "Laszlo Veres")
    assert p.code == "HUNGOV"


def test_an_apposition_after_the_name_codes_the_person(read):
    p = found(read("Oleg Sorokin, the Kremlin spokesman, denied the report."), "Oleg Sorokin")
    assert p.kind == "person" and p.country == "RUS" and p.sector == "GOV"


def test_an_igo_official_is_igo_with_the_titles_sector(read):
    p = found(read("Arab League Secretary-General Karim Haddad condemned the attack."), "Karim Haddad")
    assert p.country == "IGO" and p.sector == "GOV"


def test_un_peacekeepers_are_the_un_military(read):
    p = found(read("UN peacekeepers came under fire near the border."), "UN peacekeepers")
    assert p.country == "IGO" and p.sector == "MIL"


def test_western_governments_are_a_group_not_a_country(read):
    doc = read("Western governments condemned the coup, and Gulf states stayed silent.")
    for text in ("Western governments", "Gulf states"):
        p = found(doc, text)
        assert p.kind == "group" and p.country is None and p.sector == "GOV"


def test_a_weapon_and_a_ship_are_not_persons(read):
    doc = read("A Patriot missile intercepted the drone, and the USS Carney fired back.")
    assert not [m for m in doc._.fm_mentions if "Patriot" in m.text or "Carney" in m.text]


def test_a_sea_is_a_place_of_no_state(read):
    p = found(read("The rebels attacked ships in the Red Sea."), "Red Sea")
    assert p.kind == "location" and p.country is None


def test_congo_is_settled_by_the_other_places_of_the_text(read):
    east = read("Congo and Rwanda signed a peace deal. The M23 still holds Goma.")
    west = read("Congo and Gabon signed a border deal in Brazzaville. Pointe-Noire stayed calm.")
    assert found(east, "Congo").id == "COD" and found(west, "Congo").id == "COG"


def test_an_unknown_front_is_a_rebel_group_of_the_context(read):
    p = found(read("Fighters of the Patriotic Liberation Front attacked an army post in Mali."),
              "Patriotic Liberation Front")
    assert p.sector == "REB" and p.country == "MLI"


def test_a_transnational_union_is_an_igo(read):
    p = found(read("The Union of Pacific Island States met in Suva."), "Union of Pacific Island States")
    assert p.country == "IGO" and p.sector == "IGO"


def test_variants_of_one_army_are_one_node(read):
    doc = read("The Myanmar military shelled the village. The junta denied it, and the Tatmadaw said nothing.")
    assert {found(doc, t).id for t in ("Myanmar military", "junta", "Tatmadaw")} == {"MMR-JUNTA"}
    doc = read("Fighting went on in Khartoum. The Sudanese Armed Forces and the Sudan military said the army "
               "held the bridge.")
    assert {found(doc, t).id for t in ("Sudanese Armed Forces", "Sudan military", "army")} == {"SDN-SAF"}


def test_two_spellings_of_one_armed_group_merge(read):
    doc = read("Hezbollah fired rockets. Later Hizbollah said the strikes would continue.")
    assert found(doc, "Hezbollah").id == found(doc, "Hizbollah").id == "HEZBOLLAH"
    doc = read("The Ta'ang National Liberation Army took the town; the TNLA said the Taang National Liberation "
               "Army would hold it.")
    assert {found(doc, t).id for t in ("Ta'ang National Liberation Army", "TNLA")} == {"MMR-TNLA"}


def test_new_armed_groups_of_recent_conflicts_are_known(read):
    doc = read("The Karen National Union, the MNDAA and the National Unity Government met on Sunday.")
    assert found(doc, "Karen National Union").code == "MMRREB"
    assert found(doc, "MNDAA").code == "MMRREB"
    assert found(doc, "National Unity Government").code == "MMROPP"


def test_a_place_acted_upon_is_a_place_and_a_place_that_speaks_its_government(read):
    doc = read("Russian forces shelled Kharkiv, and Kharkiv appealed for help.")
    acted, acting = [m for m in doc._.fm_mentions if m.text == "Kharkiv"]
    assert doc._.fm_profiles[acted.actor_id].kind == "location" and acted.actor_id.startswith("loc-")
    assert acting.actor_id == "UKR" and acting.rule == "metonym"
    assert found(read("Kyiv said the strikes would not stop."), "Kyiv").id == "UKR"


def test_a_juntas_country_comes_from_the_possessive(read):
    assert found(read("Guinea's junta met the envoys in Conakry."), "junta").code == "GINMIL"


def test_a_misspelt_known_armed_group_is_the_group(read):
    doc = read("Fighters of the Rapid Suport Forces entered the town on Monday.")
    assert found(doc, "Rapid Suport Forces").id == "SDN-RSF"


def test_two_spellings_of_an_unknown_armed_group_are_one_node(read):
    doc = read("The Zambezi Liberation Movement claimed the attack. The Zambesi Liberation Movement later denied it.")
    first, second = found(doc, "Zambezi Liberation Movement"), found(doc, "Zambesi Liberation Movement")
    assert first.id == second.id and not first.known
    assert [m.rule for m in doc._.fm_mentions if "Zambesi" in m.text] == ["fuzzy"]


def test_a_country_name_that_is_a_place_elsewhere_follows_the_other_places(read):
    doc = read("Storms hit Atlanta and Savannah in Georgia on Sunday.")
    p = found(doc, "Georgia")
    assert p.kind == "location" and p.country == "USA"
    assert found(read("Georgia and Russia exchanged fire near Tskhinvali."), "Georgia").id == "GEO"
    for text in ("In New York, the envoy of Lebanon spoke.", "Talks in New York on Lebanon stalled.",
                 "At the UN in New York, Lebanon appealed for help."):
        assert found(read(text), "Lebanon").id == "LBN", text


def test_a_known_place_the_parser_misreads_is_a_place(read):
    p = found(read("Shelling resumed near Manbij and Tabqa on Sunday."), "Manbij")
    assert p.kind == "location" and p.country == "SYR"


def test_an_upper_case_speaker_label_names_the_known_person(read):
    doc = read("SECRETARY KERRY: Thank you all for coming.")
    assert found(doc, "KERRY").id == "person-john-kerry"


def test_congo_beside_a_neighbour_is_that_neighbours_congo(read):
    assert found(read("Congo and Rwanda signed a peace deal."), "Congo").id == "COD"
    assert found(read("Congo and Gabon signed a border deal."), "Congo").id == "COG"
    assert found(read("Congolese troops crossed into Uganda."), "Congolese troops").code == "CODMIL"


def test_a_contested_place_of_the_actor_file_does_not_become_a_government(read):
    doc = read("Idlib rejected the offer on Monday.")
    assert found(doc, "Idlib").kind == "location"
