"""Actor recognition and resolution, one rule at a time, on sentences written for these tests."""

from __future__ import annotations

import pytest

from factionmap.model import Document, Section


@pytest.fixture(scope="module")
def read(nlp):
    def run(text: str):
        return nlp(text)

    return run


def mention(doc, text: str, nth: int = 0):
    found = [m for m in doc._.fm_mentions if m.text == text]
    assert len(found) > nth, f"no mention {text!r} in {[m.text for m in doc._.fm_mentions]}"
    return found[nth]


def profile(doc, text: str, nth: int = 0):
    return doc._.fm_profiles[mention(doc, text, nth).actor_id]


def test_country_names_capitals_and_seats_of_power_share_one_actor(read):
    doc = read("Russia sent more advisers. The Kremlin denied it, and Moscow said nothing more.")
    assert {mention(doc, t).actor_id for t in ("Russia", "The Kremlin", "Moscow")} == {"RUS"}
    assert profile(doc, "Russia").country == "RUS" and profile(doc, "Russia").sector == "GOV"
    assert profile(doc, "Russia").code == "RUSGOV"


def test_capital_as_a_place_is_a_location_with_its_country(read):
    doc = read("The army launched an assault on Tripoli last spring.")
    p = profile(doc, "Tripoli")
    assert p.kind == "location" and p.country == "LBY" and p.sector == "CVL"  # a town attacked: its people


def test_demonym_with_sector_noun_is_a_generic_agent(read):
    doc = read("Burundian militiamen crossed the border while US special forces watched.")
    assert mention(doc, "Burundian militiamen").actor_id == "BDIMIL"
    assert mention(doc, "US special forces").actor_id == "USAMIL"
    assert profile(doc, "US special forces").country == "USA"


def test_official_of_a_state_is_that_state(read):
    doc = read("A US official said the talks had failed.")
    m = next(m for m in doc._.fm_mentions if "official" in m.text)
    assert m.actor_id == "USA" and m.rule == "generic"


def test_coordinated_demonyms_each_keep_their_country(read):
    doc = read("Senior Danish and Kenyan officials agreed to meet again.")
    ids = {m.actor_id for m in doc._.fm_mentions}
    assert {"DNK", "KEN"} <= ids


def test_civilians_take_the_country_of_the_context(read):
    doc = read("Fighting spread across Libya. In Benghazi, civilians fled their homes.")
    p = profile(doc, "civilians")
    assert (p.country, p.sector) == ("LBY", "CVL")


def test_title_codes_unknown_person(read):
    doc = read("Mauritanian Interior Minister Ahmed Ould Tahar visited the camp on Monday.")
    m = next(m for m in doc._.fm_mentions if "Tahar" in m.text)
    p = doc._.fm_profiles[m.actor_id]
    assert m.actor_id.startswith("x-") and not p.known
    assert (p.kind, p.country, p.sector) == ("person", "MRT", "GOV")
    assert "Interior Minister" in m.text


def test_known_leader_carries_affiliation(read):
    doc = read("Field Marshal Khalifa Haftar inspected the front.")
    p = profile(doc, next(m.text for m in doc._.fm_mentions if "Haftar" in m.text))
    assert p.id == "person-khalifa-haftar" and p.country == "LBY" and "LBY-LNA" in p.affiliations


def test_acronym_defined_in_text(read):
    doc = read("The Coastal Defence Brotherhood (CDB) seized the port. Later the CDB withdrew.")
    long_form = next(m for m in doc._.fm_mentions if "Coastal Defence Brotherhood" in m.text)
    later = [m for m in doc._.fm_mentions if m.text == "CDB"]
    assert later and all(m.actor_id == long_form.actor_id for m in later)
    assert any(m.rule == "defined" for m in later)


def test_possessive_person_forces_resolve_to_their_organisation(read):
    doc = read("Haftar's forces shelled the airport.")
    m = next(m for m in doc._.fm_mentions if "forces" in m.text)
    assert m.actor_id == "LBY-LNA" and m.rule == "possessive"


def test_misspelling_resolves_by_fuzzy_match(read):
    doc = read("Khalifa Haftar met envoys. Then Hafter ordered a new offensive.")
    assert mention(doc, "Hafter").actor_id == "person-khalifa-haftar"
    assert mention(doc, "Hafter").rule == "fuzzy"


def test_fuzzy_match_does_not_merge_different_names(read):
    doc = read("Omar Bashir spoke in Khartoum while Bashar al-Assad stayed in Damascus.")
    ids = {m.actor_id for m in doc._.fm_mentions if "Bash" in m.text}
    assert len(ids) == 2


def test_definite_description_refers_back_to_compatible_actor(read):
    doc = read("Khalifa Haftar's troops advanced. Washington sent a warning to the general on Friday.")
    assert mention(doc, "the general").actor_id == "person-khalifa-haftar"
    assert mention(doc, "the general").rule == "description"


def test_description_before_a_name_joins_that_mention(read):
    doc = read("Qatar backs the strong man Haftar, observers say.")
    m = next(m for m in doc._.fm_mentions if "strong man" in m.text)
    assert m.actor_id == "person-khalifa-haftar" and "Haftar" in m.text


def test_the_kingdom_refers_to_the_last_country(read):
    doc = read("Saudi Arabia hosted the talks. The kingdom said it would pay for the reconstruction.")
    assert mention(doc, "The kingdom").actor_id == "SAU"


def test_pronouns_resolve_to_recent_compatible_actor(read):
    doc = read("Vladimir Putin arrived in Ankara. He met Turkish officials.")
    assert mention(doc, "He").actor_id == "person-vladimir-putin"
    assert mention(doc, "He").rule == "pronoun"


def test_collective_noun_is_the_country(read):
    doc = read("The Russians succeeded in Syria.")
    assert mention(doc, "The Russians").actor_id == "RUS"


def test_igo_and_armed_group_codes(read):
    doc = read("The UN condemned the attack claimed by Islamic State and al-Shabaab.")
    assert profile(doc, "The UN").country == "IGO"
    assert (profile(doc, "Islamic State").country, profile(doc, "Islamic State").sector) == ("IMG", "REB")
    assert profile(doc, "al-Shabaab").country == "SOM"


def test_place_names_from_city_list(read):
    doc = read("Shelling hit Mariupol and Kharkiv overnight.")
    assert profile(doc, "Mariupol").country == "UKR" and profile(doc, "Kharkiv").kind == "location"


def test_unknown_actor_id_is_stable_across_documents(read):
    a = read("The Zarnovian Liberation Council issued a statement.")
    b = read("Fighters of the Zarnovian Liberation Council attacked a convoy.")
    ida = {m.actor_id for m in a._.fm_mentions if "Zarnovian" in m.text}
    idb = {m.actor_id for m in b._.fm_mentions if "Zarnovian" in m.text}
    assert ida == idb and len(ida) == 1 and next(iter(ida)).startswith("x-")


def test_tokens_carry_actor_ids(read):
    doc = read("Egyptian troops moved west.")
    assert all(t._.fm_actor == "EGYMIL" for t in doc[0:2])


def test_washington_inside_a_person_name_is_not_the_us(read):
    doc = read("George Washington University hosted Denzel Washington yesterday.")
    assert "USA" not in {m.actor_id for m in doc._.fm_mentions}


def test_analyzer_assembles_actors_with_document_offsets(analyzer):
    text = "Turkey backs the GNA.\n\nEgypt backs the LNA."
    doc = Document(id="t", text=text, sections=(Section("body", 0, 21), Section("body", 23, len(text))))
    analysis = analyzer.analyze_one(doc)
    egypt = analysis.actor("EGY")
    assert egypt is not None and text[egypt.mentions[0].start : egypt.mentions[0].end] == "Egypt"


def test_acting_country_name_is_a_metonym_and_a_place_is_not(read):
    doc = read("Turkey sent drones to Libya.")
    assert mention(doc, "Turkey").rule == "metonym" and mention(doc, "Libya").rule == "alias"
    assert mention(doc, "Turkey").actor_id == "TUR"


def test_plural_demonym_without_article_is_the_people(read):
    doc = read("Syrians fled the bombing while the Russians stayed silent.")
    assert mention(doc, "Syrians").actor_id == "SYRCVL"
    assert mention(doc, "the Russians").actor_id == "RUS"


def test_title_with_office_name_is_absorbed(read):
    doc = read("Secretary of State John Kerry met the delegation.")
    m = next(m for m in doc._.fm_mentions if "Kerry" in m.text)
    assert m.actor_id == "person-john-kerry" and m.text.startswith("Secretary of State")


def test_the_regime_is_not_a_person(read):
    doc = read("Bashar al-Assad gave a speech in Damascus. The regime later denied the report.")
    p = profile(doc, "The regime")  # the actor file's Syrian government ("Assad regime")
    assert p.kind != "person" and (p.id, p.country, p.sector) == ("SYR-REGIME", "SYR", "GOV")


def test_misspelled_full_name_and_short_names_are_guarded(read):
    doc = read("Field commanders said Khalifa Hafter would attend. Sheikh Hamad bin Khalifa al-Thani mediated.")
    hafter = next(m for m in doc._.fm_mentions if "Hafter" in m.text)
    assert hafter.actor_id == "person-khalifa-haftar"
    assert all(m.actor_id != "person-abdourahamane-tchiani" for m in doc._.fm_mentions)


@pytest.mark.parametrize("text", ["", "   \n\n ", "(", "( X )", "The (UN)", "it its they", "\u00a0Hafter's's (A) (BB)"])
def test_odd_input_never_fails(read, text):
    doc = read(text)
    assert not doc._.fm_errors and isinstance(doc._.fm_mentions, list)
