"""First person and titles: "I" and "we" resolved to the speaker; titles, former officials, places.

Sentences written for these tests.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def read(nlp):
    return nlp


def actors_of(doc, text: str) -> list[str]:
    return [m.actor_id for m in doc._.fm_mentions if m.text == text]


def profile(doc, text: str):
    ids = actors_of(doc, text)
    assert ids, f"no mention {text!r} in {[m.text for m in doc._.fm_mentions]}"
    return doc._.fm_profiles[ids[0]]


def test_we_and_i_after_a_colon_introduction_are_the_speaker_and_his_government(read):
    doc = read("Foreign Office Minister, Tobias Quillfeather, said:\n\nI am appalled. We stand with our partners.")
    speaker = profile(doc, "Foreign Office Minister, Tobias Quillfeather")
    assert speaker.kind == "person" and speaker.country == "GBR" and speaker.sector == "GOV"
    assert actors_of(doc, "I") == [speaker.id]
    assert actors_of(doc, "We") == ["GBR"] and actors_of(doc, "our") == ["GBR"]


def test_we_inside_a_quotation_is_the_quoted_speakers_state(read):
    doc = read("“We will not give up,” Russian Foreign Minister Sergei Lavrov said. “I am certain of it.”")
    assert actors_of(doc, "We") == ["RUS"]
    assert profile(doc, "I").id == "person-sergei-lavrov"


def test_we_in_a_statement_issued_by_a_state_is_that_state(read):
    doc = read("The United States firmly condemns the bombing in Mosul. Our thoughts are with the victims, and we "
               "offer help.")
    assert actors_of(doc, "Our") == ["USA"] and actors_of(doc, "we") == ["USA"]


def test_transcript_label_speaks_its_line(read):
    doc = read("QUESTION: Did you raise Idlib?\nSECRETARY KERRY: We raised it at length.")
    assert actors_of(doc, "We") == ["USA"]
    assert not actors_of(doc, "QUESTION")


def test_first_person_without_a_known_speaker_stays_unresolved(read):
    doc = read("We met the delegation yesterday, and I think the talks went well.")
    assert not actors_of(doc, "We") and not actors_of(doc, "I")


def test_former_officials_are_elites(read):
    doc = read("Former prime minister Adrian Voskuijlen demanded new elections in the Netherlands.")
    p = profile(doc, "Former prime minister Adrian Voskuijlen")
    assert p.sector == "ELI" and p.country == "NLD"


def test_titled_person_without_country_does_not_take_another_persons_country(read):
    doc = read("President Armand Delacroix-Morel gave a warm welcome to South African leader Themba Zulumkhulu.")
    assert profile(doc, "South African leader Themba Zulumkhulu").country == "ZAF"
    assert profile(doc, "President Armand Delacroix-Morel").country != "ZAF"


def test_country_name_inside_a_longer_place_name_is_that_place(read):
    doc = read("The government banned the group in Northern Ireland and closed its office in Kuwait City.")
    p = profile(doc, "Northern Ireland")
    assert p.kind == "location" and p.country == "GBR"
    assert profile(doc, "Kuwait City").kind == "location"
    assert not actors_of(doc, "Ireland")


def test_no_mention_spans_a_line_break(read):
    doc = read("Attack in Baghdad\n\nForeign Office Minister Tobias Quillfeather condemned it.")
    assert all("\n" not in m.text for m in doc._.fm_mentions)


def test_they_skips_countries_standing_for_places(read):
    doc = read("The coalition has struck ISIL in Iraq and Syria, cutting off their finance.")
    assert profile(doc, "their").id == "IS"


def test_it_does_not_refer_to_a_plural_phrase(read):
    doc = read("Daesh targeted families out shopping. It violated the peace.")
    assert profile(doc, "It").id == "IS"


def test_a_titled_name_read_as_an_organisation_is_a_person(read):
    doc = read("Vice-President Moody Obwangi has declined to resign despite pressure from Kenya.")
    p = profile(doc, "Vice-President Moody Obwangi")
    assert p.kind == "person" and p.sector == "GOV" and p.country == "KEN"


def test_government_of_a_country_is_that_country(read):
    doc = read("We urge the Government of Iraq to protect the camp.")
    assert actors_of(doc, "Government of Iraq") == ["IRQ"]


def test_adjective_read_into_an_organisation_does_not_hide_the_demonym(read):
    doc = read("Radical French farmers said they would blockade the roads.")
    assert profile(doc, "French farmers").id == "FRAAGR"


def test_capital_as_the_object_of_an_attack_is_a_place(read):
    doc = read("The army launched an assault and shelled Tripoli. Moscow warned Kyiv.")
    assert profile(doc, "Tripoli").kind == "location"
    assert actors_of(doc, "Moscow") == ["RUS"] and actors_of(doc, "Kyiv") == ["UKR"]


def test_pronoun_subject_of_a_relative_clause_is_not_the_phrase_it_modifies(read):
    doc = read("ISIL slaughtered Sunnis, those they claim to be defending.")
    assert profile(doc, "they").id == "IS"


def test_one_word_person_before_a_guerrilla_noun_is_a_group(read):
    doc = read("Burmese troops have captured part of a Karen guerrilla stronghold.")
    p = profile(doc, "Karen guerrilla")
    assert p.kind == "group" and p.sector == "REB"


def test_demonym_before_a_sector_modifier_takes_its_sector(read):
    doc = read("The army shelled Albanian rebel-held villages and seized Russian civilian advisers.")
    assert profile(doc, "Albanian rebel").id == "ALBREB"
    assert profile(doc, "Russian civilian").id == "RUSCVL"


def test_plural_demonym_without_article_is_the_people(read):
    doc = read("Hundreds of ethnic Turks began a hunger strike.")
    assert profile(doc, "Turks").id == "TURCVL"


def test_sector_noun_after_a_named_body_takes_its_country(read):
    doc = read("Syrian government troops attacked the town.")
    assert profile(doc, "troops").country == "SYR"


def test_title_after_an_international_organisation_codes_the_person_igo(read):
    doc = read("The rebels agreed to meet U.N. mediator Halvard Quennestad next week.")
    p = profile(doc, "U.N. mediator Halvard Quennestad")
    assert p.kind == "person" and p.country == "IGO"


def test_organisation_named_after_its_country_is_one_actor_of_that_country(read):
    doc = read("The minister resigned under pressure from the Kenya Anti-Corruption Commission.")
    p = profile(doc, "Kenya Anti-Corruption Commission")
    assert p.kind == "organisation" and p.country == "KEN" and p.sector == "GOV"


def test_possessive_of_an_unknown_person_takes_the_context_country(read):
    doc = read("The Serbian parliament recognised victories by Zoran Djindjic's opposition coalition.")
    assert profile(doc, "opposition coalition").id == "SRBOPP"  # the body noun is taken in


def test_demonstrative_description_refers_back(read):
    doc = read("ISIL killed dozens of people in the town. This group must be defeated.")
    assert profile(doc, "This group").id == "IS"


def test_unknown_local_organisation_takes_the_story_country_but_not_a_transnational_one(read):
    doc = read("The Lithuanian Parliament debated the bill. The Zalgiris Heritage League and the Association of "
               "African Archivists collected signatures.")
    assert profile(doc, "Zalgiris Heritage League").country == "LTU"
    assert profile(doc, "Association of African Archivists").country == "NGO"  # a civil body, transnational


def test_descriptive_group_nouns_refer_back(read):
    doc = read("ISIL killed dozens in the market. This terrorist organisation must be defeated.")
    assert profile(doc, "This terrorist organisation").id == "IS"


def test_statement_introduced_by_a_pronoun_speaker(read):
    doc = read("Foreign Minister Sergei Lavrov spoke in Geneva. He said: we will not retreat.")
    assert actors_of(doc, "we") == ["RUS"]
