"""Choosing among places of one name, in the manner of Mordecai: the document's countries
first, then population and admin level.

A candidate's score adds

* ``country_weight`` × the share of the document's country evidence (actors' countries,
  places already resolved) that falls on the candidate's country (for a body of water or a
  region, the best of the states it borders);
* a prior by kind: a state or a water body/region named exactly is a strong reading, a town
  weighs the logarithm of its population, a first-level area sits between them;
* ``primary_bonus`` when the text uses the place's main name rather than an alternate;
* ``admin1_bonus`` when the candidate lies in a first-level area the document already names;
* ``hint_bonus`` when the words around the name ask for a kind ("Idlib province" → admin1).

"Georgia" is then the state in a text about Tbilisi and Russia, the US state in one about
Atlanta; "the Red Sea" is the water body, never Sudan's or Egypt's state of that name.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from factionmap.geo.gazetteer import Gazetteer, Place

__all__ = ["GeoContext", "Ranked", "ResolveOptions", "rank", "resolve_name", "place_point"]


@dataclass(frozen=True)
class ResolveOptions:
    """Weights of :func:`rank`."""

    country_weight: float = 3.0
    primary_bonus: float = 1.0
    admin1_bonus: float = 0.7
    hint_bonus: float = 1.5
    country_prior: float = 2.0
    feature_prior: float = 2.5
    admin1_prior: float = 1.0
    town_per_decade: float = 0.5  # prior per power of ten of population
    town_offset: float = -1.5


@dataclass(frozen=True)
class GeoContext:
    """What a document says about where it is: weights of ISO-3 countries and of admin1 codes."""

    countries: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    admin1: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def of(cls, countries: Iterable[str | None] = (), admin1: Iterable[str | None] = ()) -> GeoContext:
        """A context counting each country (and admin1 code) as often as it is given."""
        counted: dict[str, float] = {}
        for code in countries:
            if code:
                counted[code] = counted.get(code, 0.0) + 1.0
        areas: dict[str, float] = {}
        for code in admin1:
            if code:
                areas[code] = areas.get(code, 0.0) + 1.0
        return cls(MappingProxyType(counted), MappingProxyType(areas))

    def share(self, countries: Iterable[str]) -> float:
        total = sum(self.countries.values())
        if not total:
            return 0.0
        return max((self.countries.get(c, 0.0) / total for c in countries), default=0.0)

    def adding(self, place: Place, weight: float = 1.0) -> GeoContext:
        """This context with a resolved place counted in."""
        countries = dict(self.countries)
        for code in place.all_countries:
            countries[code] = countries.get(code, 0.0) + weight
        areas = dict(self.admin1)
        if place.admin1:
            areas[place.admin1] = areas.get(place.admin1, 0.0) + weight
        return GeoContext(MappingProxyType(countries), MappingProxyType(areas))


@dataclass(frozen=True, slots=True)
class Ranked:
    place: Place
    score: float
    primary: bool


def _prior(place: Place, options: ResolveOptions) -> float:
    if place.kind == "country":
        return options.country_prior
    if place.kind in ("water", "region"):
        return options.feature_prior
    if place.kind == "admin1":
        return options.admin1_prior
    return options.town_offset + options.town_per_decade * math.log10(place.population + 1)


def score(place: Place, primary: bool, context: GeoContext, hint: str | None = None,
          options: ResolveOptions | None = None) -> float:
    """How well ``place`` reads a name in ``context`` (see the module docstring)."""
    options = options or ResolveOptions()
    value = _prior(place, options) + options.country_weight * context.share(place.all_countries)
    if primary:
        value += options.primary_bonus
    if place.admin1 and place.admin1 in context.admin1:
        value += options.admin1_bonus
    if hint and place.kind == hint:
        value += options.hint_bonus
    return value


def rank(gazetteer: Gazetteer, name: str, context: GeoContext | None = None, hint: str | None = None,
         options: ResolveOptions | None = None) -> list[Ranked]:
    """Every place called ``name``, best reading first."""
    context = context or GeoContext()
    candidates = gazetteer.candidates(name)
    if not candidates and context.countries:  # a spelling no list has: near names in the document's countries
        total = sum(context.countries.values())
        top = [c for c, w in context.countries.items() if w / total >= 0.2]
        candidates = gazetteer.fuzzy(name, top)
    ranked = [Ranked(p, score(p, primary, context, hint, options), primary) for p, primary in candidates]
    return sorted(ranked, key=lambda r: (-r.score, -r.place.population, r.place.name))


def resolve_name(gazetteer: Gazetteer, name: str, context: GeoContext | None = None,
                 hint: str | None = None, options: ResolveOptions | None = None) -> Place | None:
    """The best reading of ``name``, or None when no place has that name."""
    ranked = rank(gazetteer, name, context, hint, options)
    return ranked[0].place if ranked else None


def place_point(query: str, gazetteer: Gazetteer) -> tuple[float, float]:
    """``"Goma"`` or ``"-1.68,29.22"`` → (lat, lon); raises ``ValueError`` naming the query."""
    parts = [p.strip() for p in query.split(",")]
    if len(parts) == 2:
        try:
            lat, lon = float(parts[0]), float(parts[1])
        except ValueError:
            pass
        else:
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                return lat, lon
            raise ValueError(f"{query!r}: latitude must lie in -90..90 and longitude in -180..180")
    place = resolve_name(gazetteer, query)
    if place is None or place.lat is None or place.lon is None:
        raise ValueError(f"{query!r} is no place the gazetteer knows (give a name or LAT,LON)")
    return place.lat, place.lon
