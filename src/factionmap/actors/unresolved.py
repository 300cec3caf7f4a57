"""Unknown actors across analyses: what a user may want to add to an actor file."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from factionmap.model import DocumentAnalysis

__all__ = ["unresolved_names"]

#: Mention rules that name an actor (pronouns and descriptions only point back to one).
_NAMING_RULES = frozenset({"ner", "defined", "title", "alias"})


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
