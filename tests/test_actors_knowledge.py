"""The time-aware actor knowledge base: dated roles, resolution by the document's date, validation."""

from __future__ import annotations

import json

import pytest

from factionmap.actors.data import ActorFileError, bundled_actors, parse_actor_lines
from factionmap.actors.gazetteer import build_gazetteer
from factionmap.model import Document, Section


def analyse(analyzer, text: str, published: str | None):
    document = Document(id="k", text=text, sections=(Section("body", 0, len(text)),), published=published)
    return analyzer.analyze_one(document)


def actor_of(analysis, text: str):
    for actor in analysis.actors:
        if any(m.text == text or m.text.endswith(" " + text) for m in actor.mentions):
            return actor.profile
    raise AssertionError(f"no mention {text!r} in {[m.text for a in analysis.actors for m in a.mentions]}")


def test_the_knowledge_base_holds_dated_office_holders():
    entries = bundled_actors()
    with_roles = [e for e in entries if e.kind == "person" and e.roles]
    assert len(with_roles) >= 600
    countries = {r.country for e in with_roles for r in e.roles}
    assert len(countries - {"IGO", "NGO", "IMG"}) >= 60


def test_a_leader_is_coded_by_the_documents_date(analyzer):
    text = "President Yeltsin met the delegation in Moscow on Tuesday."
    assert actor_of(analyse(analyzer, text, "1996-06-01"), "Yeltsin").code == "RUSGOV"
    later = actor_of(analyse(analyzer, text, "2005-03-01"), "Yeltsin")
    assert later.country == "RUS" and later.sector == "ELI"  # a former president


def test_one_surname_two_presidents_told_apart_by_date(analyzer):
    text = "Bush told reporters that the talks would go on."
    first = actor_of(analyse(analyzer, text, "1991-02-10"), "Bush")
    second = actor_of(analyse(analyzer, text, "2003-04-10"), "Bush")
    assert first.id == "person-george-h-w-bush" and second.id == "person-george-w-bush"
    assert first.code == second.code == "USAGOV"


def test_a_role_changes_the_code_of_the_same_person(analyzer):
    text = "Ahmed al-Sharaa said his fighters would not stop."
    assert actor_of(analyse(analyzer, text, "2020-05-01"), "Ahmed al-Sharaa").code == "SYRREB"
    assert actor_of(analyse(analyzer, text, "2025-05-01"), "Ahmed al-Sharaa").code == "SYRGOV"


def test_the_government_of_a_country_is_the_body_governing_then(analyzer):
    text = "The Libyan government rejected the offer on Sunday."
    in_2019 = actor_of(analyse(analyzer, text, "2019-06-01"), "Libyan government")
    in_2022 = actor_of(analyse(analyzer, text, "2022-06-01"), "Libyan government")
    assert in_2019.id == "LBY-GNA" and in_2022.id == "LBY-GNU"
    assert in_2019.code == in_2022.code == "LBYGOV"


def test_without_a_date_the_latest_role_applies(analyzer):
    profile = actor_of(analyse(analyzer, "Sergei Shoigu arrived in Tehran.", None), "Sergei Shoigu")
    assert profile.code == "RUSGOV"


def test_surnames_of_family_name_first_countries():
    gaz = build_gazetteer()
    assert gaz.surname_holder("Xi", "2020-01-01") == "person-xi-jinping"
    assert gaz.surname_holder("Hlaing", None) is None  # Burmese names have no surname


def _line(**obj) -> str:
    return json.dumps({"id": "p", "name": "P Q", "kind": "person", **obj})


def test_roles_are_validated_with_file_and_line():
    with pytest.raises(ActorFileError, match=r"f.jsonl:2: role 1: 'valid_from' must be an ISO date"):
        parse_actor_lines(["", _line(roles=[{"country": "RUS", "valid_from": "June 1996"}])], "f.jsonl")
    with pytest.raises(ActorFileError, match=r"f.jsonl:1: role 1: unknown key\(s\) since"):
        parse_actor_lines([_line(roles=[{"country": "RUS", "since": "1996"}])], "f.jsonl")
    with pytest.raises(ActorFileError, match=r"f.jsonl:1: role 2: 'valid_until' 1990 is before"):
        parse_actor_lines([_line(roles=[{"country": "RUS"}, {"valid_from": "1995", "valid_until": "1990"}])],
                          "f.jsonl")
    with pytest.raises(ActorFileError, match=r"f.jsonl:1: role 1: 'country' must be an ISO-3 code"):
        parse_actor_lines([_line(roles=[{"country": "Russia"}])], "f.jsonl")


def test_partial_dates_and_open_roles():
    (entry,) = parse_actor_lines([_line(roles=[{"country": "FRA", "sector": "GOV", "valid_from": "2017-05"}])], "f")
    assert entry.at("2017-05-20") == ("FRA", "GOV") and entry.at("2030-01-01") == ("FRA", "GOV")
    assert entry.country == "FRA" and not entry.standing


def test_the_resolvers_word_lists_are_read_only_data():
    from factionmap.actors.data import org_heads, sector_terms, things, word_lists

    lists = word_lists()
    assert "former" in lists["former"] and "province" in lists["place_words"]
    assert things()["missile"] == "head" and things()["uss"] == "prefix"
    assert org_heads()[0][0].count(" ") >= 1  # longest phrases first ("liberation army")
    with pytest.raises(TypeError):
        sector_terms()["warlord"] = None  # type: ignore[index]


def test_a_surname_that_is_also_a_given_name_names_nobody_alone():
    gaz = build_gazetteer()
    assert gaz.surname_holder("Abdullah", "2015-01-01") is None  # Abdullah Abdullah, King Abdullah, ...
    assert gaz.surname_holder("Assad", "2010-01-01") == "person-bashar-al-assad"
    assert gaz.surname_holder("Assad", "1995-01-01") == "person-hafez-al-assad"


def test_in_an_undated_text_the_title_picks_the_persons_role(analyzer):
    text = "General Abdel Fattah el-Sisi met the envoy in Cairo."
    assert actor_of(analyse(analyzer, text, None), "Abdel Fattah el-Sisi").code == "EGYMIL"
    assert actor_of(analyse(analyzer, text, "2020-01-01"), "Abdel Fattah el-Sisi").code == "EGYGOV"
    former = actor_of(analyse(analyzer, "Former president Hosni Mubarak was ill.", None), "Hosni Mubarak")
    assert former.code == "EGYELI"


def test_a_user_file_adds_dated_roles(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text(json.dumps({"id": "person-ana-vidal", "name": "Ana Vidal", "kind": "person", "roles": [
        {"country": "ESP", "sector": "GOV", "title": "Minister", "valid_from": "2020", "valid_until": "2021-06"},
        {"country": "IGO", "sector": "GOV", "title": "Envoy", "valid_from": "2022-01-10"}]}) + "\n", encoding="utf-8")
    gaz = build_gazetteer((str(path),))
    assert gaz.surname_holder("Vidal", "2020-05-01") == "person-ana-vidal"
    assert gaz.profile("person-ana-vidal", "2020-05-01").code == "ESPGOV"
    assert gaz.profile("person-ana-vidal", "2021-09-01").code == "ESPELI"  # between offices: former minister
    assert gaz.profile("person-ana-vidal", "2023-01-01").code == "IGOGOV"
