"""Places: the gazetteer, disambiguation, and event locations read from sentences written for these tests."""

from __future__ import annotations

import pytest

from factionmap.document import build_document
from factionmap.geo import (
    Gazetteer,
    GazetteerError,
    GeoContext,
    Place,
    dateline,
    default_gazetteer,
    haversine_km,
    near,
    place_point,
    rank,
    resolve_name,
)
from factionmap.model import RawInput


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


def read(analyzer, text: str, published: str = "2019-04-10"):
    return analyzer.analyze_one(build_document(RawInput(name="t", content=text, published=published)))


def located(analysis) -> list[tuple[str, str | None, str | None, str]]:
    return [(e.type, e.location.name if e.location else None, e.location.country if e.location else None,
             e.location.precision if e.location else "") for e in analysis.events]


# -- gazetteer and ranking ------------------------------------------------------
def test_bundled_gazetteer_has_towns_areas_countries_and_features(gazetteer):
    kinds = {p.kind for p in gazetteer.places}
    assert kinds == {"city", "admin1", "country", "water", "region"}
    goma = resolve_name(gazetteer, "Goma")
    assert (goma.country, goma.kind) == ("COD", "city") and goma.geonameid
    assert resolve_name(gazetteer, "Syrian Arab Republic").country == "SYR"


def test_transliterations_meet_through_alternates_articles_and_spacing(gazetteer):
    for spelling in ("Raqqa", "al-Raqqah", "Ar Raqqah"):
        assert resolve_name(gazetteer, spelling, GeoContext.of(["SYR"])).name == "Ar Raqqah"
    assert resolve_name(gazetteer, "Deir Ezzor", GeoContext.of(["SYR"])).country == "SYR"
    # a spelling in no list is found by its likeness, among the document's countries only
    assert resolve_name(gazetteer, "Raqqaa", GeoContext.of(["SYR"])).name == "Ar Raqqah"
    assert resolve_name(gazetteer, "Raqqaa") is None


def test_georgia_is_the_country_unless_the_context_is_american(gazetteer):
    assert resolve_name(gazetteer, "Georgia").kind == "country"
    assert resolve_name(gazetteer, "Georgia", GeoContext.of(["GEO", "RUS"])).country == "GEO"
    state = resolve_name(gazetteer, "Georgia", GeoContext.of(["USA", "USA"]))
    assert (state.kind, state.country, state.admin1) == ("admin1", "USA", "US.GA")


def test_the_red_sea_is_water_and_never_a_state(gazetteer):
    for context in (GeoContext(), GeoContext.of(["SDN", "SDN", "EGY"])):
        place = resolve_name(gazetteer, "the Red Sea", context)
        assert place.kind == "water" and place.country is None
        assert "SDN" in place.countries
    location = gazetteer.location(resolve_name(gazetteer, "the Sahel"))
    assert (location.precision, location.country) == ("region", None)


def test_a_town_beats_the_area_of_its_name_and_a_hint_asks_for_the_area(gazetteer):
    context = GeoContext.of(["SYR"])
    assert resolve_name(gazetteer, "Idlib", context).kind == "city"
    assert resolve_name(gazetteer, "Idlib", context, hint="admin1").kind == "admin1"
    town = gazetteer.location(resolve_name(gazetteer, "Homs", context))
    assert (town.admin1, town.admin1_code) == ("Homs", "SY.11")


def test_population_breaks_ties_within_a_country(gazetteer):
    ranked = rank(gazetteer, "Atlanta", GeoContext.of(["USA"]))
    assert ranked[0].place.admin1 == "US.GA" and ranked[0].score > ranked[1].score


def test_user_gazetteer_files_extend_and_bad_rows_name_the_line(tmp_path):
    extra = tmp_path / "mine.tsv"
    extra.write_text("name\tkind\tlat\tlon\tcountries\talternates\nLake Nowhere\twater\t1.0\t2.0\tCOD\tNowhere Lake\n")
    gazetteer = Gazetteer.load([extra], bundled=False)
    assert resolve_name(gazetteer, "Nowhere Lake").name == "Lake Nowhere"
    bad = tmp_path / "bad.tsv"
    bad.write_text("name\tkind\tlat\tlon\tcountries\talternates\nX\tcity\t1\t2\t\t\n")
    with pytest.raises(GazetteerError, match=r"bad.tsv:2"):
        Gazetteer.load([bad], bundled=False)
    assert Gazetteer([Place("A", "city")]).candidates("a")


def test_distances_and_near(gazetteer):
    goma, bukavu = place_point("Goma", gazetteer), place_point("Bukavu", gazetteer)
    assert 90 < haversine_km(*goma, *bukavu) < 120
    assert near(bukavu[0], bukavu[1], goma, 150) and not near(bukavu[0], bukavu[1], goma, 50)
    assert not near(None, None, goma, 1000)
    assert place_point("-1.68, 29.22", gazetteer) == (-1.68, 29.22)
    with pytest.raises(ValueError, match="Xyzzyville"):
        place_point("Xyzzyville", gazetteer)


def test_datelines():
    assert dateline("GOMA, Congo (Reuters) - Rebels advanced.") == ("GOMA", "Congo")
    assert dateline("KHARTOUM: The army said.") == ("KHARTOUM", None)
    assert dateline("The army said - nothing more.") is None


# -- event locations from sentences ---------------------------------------------
def test_the_target_place_wins_over_the_place_of_origin(analyzer):
    a = read(analyzer, "Rebel fighters from Idlib shelled Aleppo on Monday, killing 12 civilians.")
    assault = next(e for e in a.events if e.type == "ASSAULT")
    assert (assault.location.name, assault.location.country, assault.location.precision) == ("Aleppo", "SYR", "city")
    assert assault.location.basis == "sentence" and assault.date == "2019-04-08"


def test_the_scene_wins_over_the_speakers_city(analyzer):
    a = read(analyzer, "Government forces bombed the town of Saraqib, officials in Damascus said on Tuesday.")
    assault = next(e for e in a.events if e.type == "ASSAULT")
    assert assault.location.name.startswith("Saraqib")


def test_georgia_in_two_stories(analyzer):
    caucasus = read(analyzer, "Russian troops attacked Georgia in August. Officials in Tbilisi condemned the attack.")
    assert ("ASSAULT", "Georgia", "GEO", "country") in located(caucasus)
    american = read(analyzer, "Protesters marched in Atlanta on Friday. Police arrested 20 protesters in Georgia.")
    arrest = next(e for e in american.events if e.type == "COERCE")
    assert (arrest.location.name, arrest.location.country, arrest.location.precision) == ("Georgia", "USA", "admin1")


def test_the_red_sea_is_where_a_ship_is_attacked(analyzer):
    a = read(analyzer, "Houthi rebels attacked a tanker in the Red Sea on Tuesday.")
    assault = next(e for e in a.events if e.type == "ASSAULT")
    assert (assault.location.name, assault.location.precision, assault.location.country) == ("Red Sea", "water", None)


def test_the_dateline_places_events_whose_sentence_names_no_place(analyzer):
    a = read(analyzer, "GOMA, Congo (Reuters) - M23 rebels attacked army positions overnight, the army said.")
    assault = next(e for e in a.events if e.type == "ASSAULT")
    assert (assault.location.name, assault.location.basis) == ("Goma", "dateline")


def test_figures_belong_to_the_event_of_their_clause(analyzer):
    a = read(analyzer, "Jets bombed a market in Maarat al-Numan, killing 15 people and wounding 30 others.")
    assault = next(e for e in a.events if e.type == "ASSAULT")
    record = a.to_record()
    event = next(r for r in record["events"] if r["type"] == "ASSAULT")
    assert (assault.killed, assault.wounded) == (15, 30)
    assert {f["kind"]: f["event"] for f in record["figures"]} == {"killed": event["id"], "wounded": event["id"]}
    assert {"date", "date_precision", "location", "killed"} <= set(event)


def test_store_keeps_dates_places_and_figure_links(analyzer, tmp_path):
    from factionmap.store import Store
    from factionmap.store.queries import list_events

    a = read(analyzer, "Syrian jets bombed a market in Saraqib on Sunday, killing 15 people.")
    with Store(tmp_path / "fm.db") as store:
        store.add(a)
        back = next(store.iter_analyses())
        centre = place_point("Idlib", default_gazetteer())
        nearby = list_events(store, near=(*centre, 60.0))
        far = list_events(store, near=(*place_point("Goma", default_gazetteer()), 60.0))
        syrian = list_events(store, country="syr")
    assert back.events == a.events and back.figures == a.figures
    assert [r.type for r in nearby] == ["ASSAULT"] and far == [] and len(syrian) == 1
    assert nearby[0].date == "2019-04-07" and nearby[0].location["country"] == "SYR" and nearby[0].killed == 15


def test_a_headline_takes_the_articles_main_place(analyzer):
    from factionmap.model import Document, Section

    title, body = "UN condemns rebel attack", "M23 rebels attacked army positions near Goma on Sunday, the army said."
    text = f"{title}\n\n{body}"
    doc = Document("d", text, (Section("title", 0, len(title)), Section("body", len(title) + 2, len(text))),
                   published="2019-04-10")
    a = analyzer.analyze_one(doc)
    headline = [e for e in a.events if e.section == "title"]
    assert headline and all(e.location and e.location.name == "Goma" for e in headline)
