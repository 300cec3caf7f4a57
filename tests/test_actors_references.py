"""Plural pronouns for groups, affiliated forces, context-dependent descriptions, civilian targets:
each rule on sentences written for these tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def read(nlp):
    return nlp


def mentions(doc, text: str):
    return [m for m in doc._.fm_mentions if m.text == text]


def ids_at(doc, text: str, nth: int = 0) -> list[str]:
    """Actor ids of the mentions at the ``nth`` occurrence of ``text`` (a group gives several)."""
    spans = sorted({(m.start, m.end) for m in mentions(doc, text)})
    assert len(spans) > nth, f"no mention {text!r} in {[m.text for m in doc._.fm_mentions]}"
    return [m.actor_id for m in doc._.fm_mentions if (m.start, m.end) == spans[nth]]


def token(doc, text: str, nth: int = 0):
    return [t for t in doc if t.text == text][nth]


# -- 1. plural pronouns for a coordination ---------------------------------------------------------

def test_they_after_a_coordination_stands_for_every_actor(read):
    doc = read("Qatar and Turkey met on Monday, and they are backing the GNA.")
    they = token(doc, "they")
    assert they._.fm_group == ("QAT", "TUR")
    assert they._.fm_actor == "QAT"
    assert ids_at(doc, "they") == ["QAT", "TUR"]
    assert all(m.rule == "pronoun" for m in mentions(doc, "they"))


def test_group_pronoun_carries_on_to_the_next_sentence(read):
    doc = read("Egypt and the UAE armed the militia. They also sent advisers. They denied it later.")
    assert token(doc, "They", 0)._.fm_group == ("EGY", "ARE")
    assert token(doc, "They", 1)._.fm_group == ("EGY", "ARE")


def test_previous_clause_subject_is_preferred_to_a_recent_plural(read):
    doc = read("The rebels met Qatar and Turkey in Doha, where they demanded more weapons.")
    they = token(doc, "they")
    assert they._.fm_group == ()
    assert they._.fm_actor == mentions(doc, "rebels")[0].actor_id


def test_subject_of_the_previous_sentence_is_preferred(read):
    doc = read("Qatar and Turkey armed the rebels. They also sent advisers.")
    assert token(doc, "They")._.fm_group == ("QAT", "TUR")


def test_object_pronoun_is_not_its_own_clause_subject(read):
    doc = read("Qatar and Turkey armed the rebels and trained them.")
    them = token(doc, "them")
    assert them._.fm_group == () and them._.fm_actor == mentions(doc, "rebels")[0].actor_id


def test_coordinated_persons_are_a_group(read):
    doc = read("Putin and Erdogan met in Sochi. They agreed on a ceasefire.")
    assert token(doc, "They")._.fm_group == ("person-vladimir-putin", "person-recep-tayyip-erdogan")


def test_an_organisation_close_by_is_they(read):
    doc = read("Britain stands with the government and people of Iraq. The attack shows the desperation "
               "of Daesh as they see their caliphate crumble.")
    assert token(doc, "they")._.fm_actor == "IS" and token(doc, "they")._.fm_group == ()


def test_single_pronoun_has_no_group(read):
    doc = read("Vladimir Putin arrived in Ankara. He met Turkish officials.")
    assert all(t._.fm_group == () for t in doc)


def test_place_name_is_not_a_misspelt_person(read):
    doc = read("Yahya Sinwar spoke. Fighting went on near Sinjar, and Sinwer left.")
    assert ids_at(doc, "Sinjar") != ["person-yahya-sinwar"]
    assert ids_at(doc, "Sinwer") == ["person-yahya-sinwar"]


# -- 2. affiliated forces ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, phrase, expected", [
    ("On Monday, forces loyal to the GNA retook the airport.", "forces", "LBY-GNA"),
    ("Fighters loyal to Haftar shelled the town.", "Fighters", "LBY-LNA"),
    ("Troops allied with Turkey crossed the river.", "Troops", "TURMIL"),
    ("Militias backed by Iran attacked the base.", "Militias", "IRNMIL"),
    ("The GNA's forces retook the airport.", "forces", "LBY-GNA"),
    ("Hamas's fighters entered the town.", "fighters", "HAMAS"),
])
def test_forces_named_by_their_patron_resolve_to_it(read, text, phrase, expected):
    doc = read(text)
    assert ids_at(doc, phrase) == [expected]
    assert mentions(doc, phrase)[0].rule in ("affiliated", "possessive")


def test_patron_prefix_takes_the_whole_phrase(read):
    doc = read("Russian-backed militias and GNA-backed forces clashed near Sirte.")
    assert ids_at(doc, "Russian-backed militias") == ["RUSMIL"]
    assert ids_at(doc, "GNA-backed forces") == ["LBY-GNA"]


def test_followers_of_an_unknown_person_take_the_story_country_and_noun_sector(read):
    doc = read("In Iraq, militants loyal to the preacher Abu Karim al-Masri said they attacked a checkpoint.")
    p = doc._.fm_profiles[mentions(doc, "militants")[0].actor_id]
    assert (p.country, p.sector) == ("IRQ", "REB")


def test_forces_with_a_country_of_their_own_are_left_alone(read):
    doc = read("Turkish forces loyal to Ankara entered the town.")
    assert ids_at(doc, "Turkish forces") == ["TURMIL"]


# -- 3. descriptions that depend on the story's country; titles of IGO officials ---------------------

def test_the_army_is_the_army_of_the_story_country_not_the_last_armed_group(read):
    doc = read("Fighting between the Sudanese army and the RSF spread to Darfur. The RSF shelled El Fasher. "
               "Then the army rejected new talks.")
    assert ids_at(doc, "the army") == ["SDN-SAF"]


def test_the_army_without_a_known_actor_is_the_generic_military(read):
    doc = read("Clashes spread across Mali's north. The army said it had retaken the town.")
    assert ids_at(doc, "The army") == ["MLIMIL"] or ids_at(doc, "The army") == ["MLI-JUNTA"]
    doc = read("Protests spread in Kenya on Monday. The military was deployed in Nairobi.")
    assert ids_at(doc, "The military") == ["KENMIL"]


def test_the_government_named_after_it_wins_over_the_context(read):
    doc = read("Britain stands with the government and people of Iraq in the fight against terror.")
    assert ids_at(doc, "the government") == ["IRQ"]


def test_a_recent_state_army_is_the_army(read):
    doc = read("The talks were held in Khartoum. Turkish troops crossed the border on Monday, and the army "
               "said it would stay.")
    assert ids_at(doc, "the army") == ["TURMIL"]


def test_the_authorities_are_the_story_country(read):
    doc = read("Flooding hit Pakistan's south. The authorities evacuated thousands.")
    assert ids_at(doc, "The authorities") == ["PAK"]


@pytest.mark.parametrize("text, phrase, expected", [
    ("The UN Secretary-General condemned the attack.", "UN Secretary-General", "UN"),
    ("A UN envoy met the rebels in Goma.", "UN envoy", "UN"),
    ("Hamas officials said the talks had failed.", "Hamas officials", "HAMAS"),
])
def test_officials_of_an_organisation_are_the_organisation(read, text, phrase, expected):
    assert ids_at(read(text), phrase) == [expected]


def test_government_troops_are_its_military(read):
    doc = read("Syrian government troops attacked the town.")
    p = doc._.fm_profiles[mentions(doc, "troops")[0].actor_id]
    assert (p.country, p.sector) == ("SYR", "MIL")


# -- 4. civilian facilities are the civilians of the story's country --------------------------------

def test_attacked_facilities_are_the_civilians_of_the_country(read):
    doc = read("Fighting raged in Darfur. The RSF was accused of attacking schools, markets and hospitals.")
    for word in ("schools", "markets", "hospitals"):
        assert ids_at(doc, word) == ["SDNCVL"]


def test_facility_with_a_demonym_or_a_place_takes_its_country(read):
    doc = read("Jets bombed Syrian hospitals. Shells hit a clinic in Mosul.")
    assert ids_at(doc, "Syrian hospitals") == ["SYRCVL"]
    assert ids_at(doc, "clinic") == ["IRQCVL"]


def test_facility_words_in_names_and_compounds_are_not_facilities(read):
    doc = read("Doctors at Al-Nour Hospital said hospital staff had fled Libya.")
    assert not mentions(doc, "hospital") and not mentions(doc, "Hospital")


def test_rebel_held_villages_are_the_rebels(read):
    doc = read("The army shelled Albanian rebel-held villages.")
    assert ids_at(doc, "Albanian rebel") == ["ALBREB"]


# -- 5. persons, regions and bodies with the country the text gives ----------------------------------

def test_titled_one_word_name_is_a_person_with_the_country_after_it(read):
    doc = read("King Hassan of Morocco said he would host the talks.")
    p = doc._.fm_profiles[ids_at(doc, "King Hassan")[0]]
    assert (p.kind, p.country, p.sector) == ("person", "MAR", "GOV")


def test_region_around_a_known_place_is_a_place_of_its_own(read):
    doc = read("Sudan's government lifted a state of emergency in West Darfur State on Sunday.")
    p = doc._.fm_profiles[ids_at(doc, "West Darfur State")[0]]
    assert p.kind == "location" and p.country == "SDN" and p.id != "SDN"


def test_unknown_people_with_a_sector_noun_take_the_story_country(read):
    doc = read("A group of Yoruba leaders said they would back Nigerian President Bola Tinubu.")
    p = doc._.fm_profiles[ids_at(doc, "Yoruba leaders")[0]]
    assert p.kind == "group" and p.country == "NGA"


def test_transnational_civil_body_is_an_ngo_with_its_sector(read):
    doc = read("The Association of Arab Jurists investigated the detentions in Libya.")
    p = doc._.fm_profiles[ids_at(doc, "Association of Arab Jurists")[0]]
    assert (p.country, p.sector) == ("NGO", "JUD")


def test_the_army_of_a_leader_is_his_organisation(read):
    doc = read("Egypt backs the army of Abdel Fattah al-Burhan.")
    assert ids_at(doc, "army") == ["SDN-SAF"]


def test_singular_pronoun_prefers_the_previous_clause_subject(read):
    doc = read("The UAE denied that it armed the RSF and said it only sent aid to Sudan.")
    assert [t._.fm_actor for t in doc if t.text == "it"] == ["ARE", "ARE"]


def test_object_pronoun_is_not_the_subject_of_its_clause(read):
    doc = read("Putin met Erdogan in Ankara and praised him.")
    assert token(doc, "him")._.fm_actor == "person-recep-tayyip-erdogan"


# -- demonstratives and bare modifiers that point back -----------------------------------------------

def test_these_terrorists_are_the_group_just_named(read):
    doc = read("ISIL claimed the bombing in Baghdad. Iraq vowed to hunt down these brutal terrorists.")
    assert ids_at(doc, "these brutal terrorists") == ["IS"]


def test_terrorists_without_a_demonstrative_stay_generic(read):
    doc = read("ISIL claimed the bombing in Baghdad. Terrorists also struck Mosul.")
    assert "IS" not in ids_at(doc, "Terrorists")


def test_regime_as_a_modifier_is_the_regime_just_named(read):
    doc = read("The Assad regime denied the reports. Aleppo was hit by regime airstrikes again.")
    assert ids_at(doc, "regime") == ids_at(doc, "The Assad regime")


def test_mourners_are_civilians(read):
    doc = read("A suicide bomber in Kabul targeted mourners at a funeral.")
    assert ids_at(doc, "mourners")[0].endswith("CVL")
