"""Unknown actors across analyses: what a user may want to add to an actor file."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from factionmap.actors.data import ACTOR_KINDS
from factionmap.actors.gazetteer import slug
from factionmap.model import DocumentAnalysis

__all__ = ["stub_entry", "unresolved_names", "unresolved_stubs"]

#: Mention rules that name an actor (pronouns and descriptions only point back to one).
_NAMING_RULES = frozenset({"ner", "defined", "title", "alias"})

_UNRESOLVED_SQL = (
    "SELECT a.id, a.name, a.country, a.sector, a.kind,"
    " (SELECT count(*) FROM mentions m WHERE m.actor = a.id) AS mentions"
    " FROM actors a WHERE a.known = 0 ORDER BY mentions DESC, a.name"
)


def unresolved_names(
    analyses: Iterable[DocumentAnalysis], *, min_count: int = 1, kinds: frozenset[str] | None = None
) -> list[tuple[str, int]]:
    """Names of unknown actors (``known`` false) with how often they were mentioned, most frequent first.

    ``kinds`` restricts to profile kinds (e.g. ``{"person", "organisation"}``).
    Counts add up mentions of the actor's display name across all analyses; ties
    are ordered by name so the output is deterministic.
    """
    counts: Counter[str] = Counter()
    for analysis in analyses:
        for actor in analysis.actors:
            profile = actor.profile
            if profile.known or (kinds is not None and profile.kind not in kinds):
                continue
            named = sum(1 for m in actor.mentions if m.rule in _NAMING_RULES)
            if named:
                counts[profile.name] += named
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [(name, count) for name, count in ranked if count >= min_count]


def stub_entry(record: Mapping[str, Any]) -> dict[str, Any]:
    """An actor-file entry for an unknown actor (``id``, ``name``, ``country``, ``sector``, ``kind``
    as stored), ready to edit: a person's id is ``person-<slug>``, another's ``<COUNTRY>-<SLUG>``."""
    name = str(record["name"])
    kind = record.get("kind") if record.get("kind") in ACTOR_KINDS else "organisation"
    country = record.get("country") or None
    if kind == "person":
        actor_id = "person-" + slug(name)
    else:
        actor_id = "-".join(p for p in (country, slug(name).upper()) if p)
    entry: dict[str, Any] = {"id": actor_id, "name": name, "country": country, "sector": record.get("sector") or None,
                             "kind": kind, "aliases": []}
    if kind == "person":
        entry["roles"] = []
    return entry


def unresolved_stubs(store: Any, limit: int | None = None) -> list[dict[str, Any]]:
    """Stub actor-file entries for the store's unknown actors, most mentioned first.

    ``store`` is an open :class:`factionmap.store.Store` (only its ``conn`` is used, so that this
    layer does not import the store); ``limit`` keeps the first N.  Each stub is one line of an
    actor file (see :mod:`factionmap.actors.data`); ids repeated by two stored names are kept once.
    """
    stubs: dict[str, dict[str, Any]] = {}
    for row in store.conn.execute(_UNRESOLVED_SQL).fetchall():
        entry = stub_entry(dict(zip(("id", "name", "country", "sector", "kind"), tuple(row)[:5])))
        stubs.setdefault(entry["id"], entry)
        if limit is not None and len(stubs) >= limit:
            break
    return list(stubs.values())
