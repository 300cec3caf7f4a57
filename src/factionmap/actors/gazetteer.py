"""The gazetteer: every surface form of every known actor, with how it refers.

Built from the bundled data (cached) plus the user's actor files; later
sources override earlier ones (countries ← bundled actors ← user files).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from factionmap.actors.data import (ActorEntry, bundled_actors, city_countries, countries, date_key,
                                   load_actor_file, name_orders)
from factionmap.model import ActorProfile

__all__ = ["Gazetteer", "Surface", "build_gazetteer", "slug", "profile_of"]


@dataclass(frozen=True, slots=True)
class Surface:
    """A string that names an actor. ``rule``: alias, acronym, metonym, capital or demonym."""

    actor_id: str
    rule: str


@dataclass(frozen=True)
class Gazetteer:
    """Known actors and the strings that name them."""

    entries: Mapping[str, ActorEntry]
    surfaces: Mapping[str, Surface]
    fuzzy_names: Mapping[str, tuple[tuple[str, str], ...]]  # lower first letter → ((word, actor_id), ...)
    affiliated: Mapping[str, tuple[str, ...]]  # actor id → ids related either way
    #: surname of a person with roles → ids of the persons of that surname ("Bush" → both presidents)
    surnames: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: (country, sector) → ids of organisations holding that role at some time ("LBY", "GOV") → GNA, GNU
    holders: Mapping[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    #: first letter → ((multi-word name, actor id), ...) of entries matched with misspellings
    fuzzy_full: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def profile(self, actor_id: str, date: str | None = None) -> ActorProfile | None:
        """The actor's profile; with ``date`` (ISO) its country and sector are those of its role then."""
        entry = self.entries.get(actor_id)
        return profile_of(entry, date) if entry else None

    def surname_holder(self, word: str, date: str | None) -> str | None:
        """The person a surname alone names: the only one so called, else the one in office on ``date``."""
        ids = self.surnames.get(word, ())
        if len(ids) == 1:
            return ids[0]
        if not date or not ids:
            return None
        key = date_key(date)
        held = [i for i in ids if any(r.holds(key) for r in self.entries[i].roles)]
        return held[0] if len(held) == 1 else None

    def holder(self, country: str, sector: str, date: str | None) -> str | None:
        """The organisation that was ``country``'s ``sector`` on ``date`` ("the Libyan government" of 2019)."""
        if not date:
            return None
        key = date_key(date)
        for actor_id in self.holders.get((country, sector), ()):
            if any(r.country == country and r.sector == sector and r.holds(key) for r in self.entries[actor_id].roles):
                return actor_id
        return None


def profile_of(entry: ActorEntry, date: str | None = None) -> ActorProfile:
    country, sector = entry.at(date)
    return ActorProfile(
        id=entry.id, name=entry.name, country=country, sector=sector,
        kind=entry.kind, affiliations=entry.affiliations, known=True,
    )


def slug(text: str) -> str:
    """Normalised name for stable ids: ascii, lower case, no leading article or possessive."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"^(the|a|an)\s+", "", ascii_text.strip(), flags=re.I)
    ascii_text = re.sub(r"['’]s?$", "", ascii_text)
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "unnamed"


def _variants(text: str) -> Iterable[str]:
    yield text
    if "'" in text:
        yield text.replace("'", "’")
    if "’" in text:
        yield text.replace("’", "'")


def _country_entries() -> list[tuple[ActorEntry, list[tuple[str, str]]]]:
    places = city_countries()
    result = []
    for c in countries():
        entry = ActorEntry(id=c.iso3, name=c.name, country=c.iso3, sector="GOV", kind="country")
        forms = [(n, "alias") for n in c.names] + [(d, "demonym") for d in c.demonyms]
        forms += [(m, "capital" if m in places else "metonym") for m in c.metonyms]
        result.append((entry, forms))
    return result


def _actor_forms(entry: ActorEntry) -> list[tuple[str, str]]:
    forms = [(entry.name, "alias")] + [(a, "alias") for a in entry.aliases]
    return forms + [(a, "acronym") for a in entry.acronyms]


_NO_SURNAME = re.compile(r"^(King|Queen|Sultan|Emir|Sheikh|Prince|Mullah)\b|\b(bin|ibn|bint)\b|\b([IVX]+|Jr\.?)$")


def _surnames(entry: ActorEntry) -> set[str]:
    """The words that name an office holder alone: the surname ("Yeltsin"; "al-Assad" and "Assad"),
    the first word where the family name comes first ("Xi"), none for names without one."""
    if entry.kind != "person" or not entry.roles or " " not in entry.name or _NO_SURNAME.search(entry.name):
        return set()
    order = name_orders().get(entry.country or "")
    if order == "given":
        return set()
    words = entry.name.split()
    word = words[0] if order == "family-first" else words[-1]
    return {w for w in {word, re.sub(r"^(?:al|el|Al|El)-", "", word)} if len(w) >= 2}


def _assemble(groups: Sequence[tuple[ActorEntry, list[tuple[str, str]]]]) -> Gazetteer:
    entries: dict[str, ActorEntry] = {}
    surfaces: dict[str, Surface] = {}
    for entry, forms in groups:
        entries[entry.id] = entry
        for text, rule in forms:
            for variant in _variants(text):
                surfaces[variant] = Surface(entry.id, rule)
    fuzzy: dict[str, list[tuple[str, str]]] = {}
    for entry in entries.values():
        if not entry.fuzzy:
            continue
        if entry.roles:  # office holders: misspellings of the surname only ("Hasan" is no "Hassan")
            words = {w for w in _surnames(entry) if len(w) >= 5 and w[0].isupper()}
        else:
            words = {w for form in (entry.name, *entry.aliases) for w in form.split() if len(w) >= 5 and w[0].isupper()}
        for word in sorted(words):
            fuzzy.setdefault(word[0].lower(), []).append((word, entry.id))
    related: dict[str, set[str]] = {}
    for entry in entries.values():
        for other in entry.affiliations:
            related.setdefault(entry.id, set()).add(other)
            related.setdefault(other, set()).add(entry.id)
    full: dict[str, list[tuple[str, str]]] = {}
    for entry in entries.values():
        long_name = entry.kind in ("organisation", "group")  # "Palestinian Liberation Organization"
        for name in (entry.name, *entry.aliases) if entry.fuzzy or long_name else ():
            if " " in name and (entry.fuzzy or len(name) >= 16):
                full.setdefault(name[0], []).append((name, entry.id))
    given = {e.name.split()[0] for e in entries.values() if e.kind == "person" and " " in e.name
             and name_orders().get(e.country or "") != "family-first"}
    surnames: dict[str, list[str]] = {}
    holders: dict[tuple[str, str], list[str]] = {}
    for entry in entries.values():
        for word in _surnames(entry) - given:  # "Abdullah" alone is too often a given name
            surnames.setdefault(word, []).append(entry.id)
        for role in entry.roles if entry.kind in ("organisation", "group") else ():
            if role.country and role.sector:
                holders.setdefault((role.country, role.sector), []).append(entry.id)
    return Gazetteer(  # read-only: build_gazetteer() caches and shares it
        entries=MappingProxyType(entries),
        surfaces=MappingProxyType(surfaces),
        fuzzy_names=MappingProxyType({k: tuple(v) for k, v in fuzzy.items()}),
        affiliated=MappingProxyType({k: tuple(sorted(v)) for k, v in related.items()}),
        surnames=MappingProxyType({k: tuple(dict.fromkeys(v)) for k, v in surnames.items()}),
        holders=MappingProxyType({k: tuple(dict.fromkeys(v)) for k, v in holders.items()}),
        fuzzy_full=MappingProxyType({k: tuple(v) for k, v in full.items()}),
    )


@lru_cache(maxsize=8)
def build_gazetteer(actor_files: tuple[str, ...] = ()) -> Gazetteer:
    """Countries, the bundled actor file, then each user file in order."""
    groups = _country_entries()
    groups += [(e, _actor_forms(e)) for e in bundled_actors()]
    for path in actor_files:
        groups += [(e, _actor_forms(e)) for e in load_actor_file(path)]
    return _assemble(groups)
