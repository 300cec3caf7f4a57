"""Contradictions: where a text, or the press, says opposite things about who sides with whom.

Three kinds:

``mixed_signs``
    Within one document, the same voice (``asserted_by``) states both a
    positive and a negative relation between the same two actors.
``backs_both_sides``
    Within one document, one actor is said to back (positive relation) two
    actors that stand on opposite sides: in different camps, or joined by a
    negative edge of the network.
``outlets_disagree``
    Across outlets, in the same period, one outlet's net relation between a
    pair is positive and another's negative.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from factionmap.analysis.camps import CampResult
from factionmap.analysis.network import (
    Evidence,
    NetworkOptions,
    Relation,
    SignedNetwork,
    build_network,
    collect_profiles,
    iter_relations,
    roll_up_map,
)
from factionmap.analysis.timeline import period_key
from factionmap.model import DocumentAnalysis

__all__ = ["ContradictionOptions", "Contradiction", "find_contradictions"]


@dataclass(frozen=True)
class ContradictionOptions:
    """Which events count (``network``) and the period outlets are compared over."""

    network: NetworkOptions = NetworkOptions()
    period: str = "month"  # day | week | month | all


@dataclass(frozen=True, slots=True)
class Contradiction:
    kind: str
    actors: tuple[str, ...]
    documents: tuple[str, ...]
    evidence: tuple[Evidence, ...]

    def to_record(self) -> dict[str, object]:
        """The pinned JSON for ``factionmap contradictions``."""
        return {
            "kind": self.kind,
            "actors": list(self.actors),
            "documents": list(self.documents),
            "evidence": [e.to_record() for e in self.evidence],
        }


def _make(kind: str, actors: Iterable[str], relations: Sequence[Relation]) -> Contradiction:
    documents = tuple(dict.fromkeys(r.document for r in relations))
    evidence = tuple(dict.fromkeys(e for r in relations for e in r.evidence))
    return Contradiction(kind, tuple(actors), documents, evidence)


def _pair(relation: Relation) -> tuple[str, str]:
    a, b = sorted((relation.source, relation.target))
    return a, b


def _mixed_signs(relations: Sequence[Relation]) -> list[Contradiction]:
    groups: dict[tuple[str, str, tuple[str, str]], list[Relation]] = defaultdict(list)
    for r in relations:
        if r.sign:
            groups[(r.document, r.event.asserted_by, _pair(r))].append(r)
    found = []
    for (_, _, pair), group in sorted(groups.items()):
        if {r.sign for r in group} == {1, -1}:
            found.append(_make("mixed_signs", pair, group))
    return found


def _opposed(a: str, b: str, camps: CampResult | None, network: SignedNetwork | None) -> bool:
    if camps is not None:
        ca, cb = camps.camp_of(a), camps.camp_of(b)
        if ca is not None and cb is not None and ca != cb:
            return True
    if network is not None:
        weight = sum(
            network.graph[u][v]["weight"] for u, v in ((a, b), (b, a)) if network.graph.has_edge(u, v)
        )
        return weight < 0
    return False


def _both_sides(
    relations: Sequence[Relation], camps: CampResult | None, network: SignedNetwork | None
) -> list[Contradiction]:
    backing: dict[tuple[str, str], dict[str, list[Relation]]] = defaultdict(lambda: defaultdict(list))
    for r in relations:
        if r.sign > 0:
            backing[(r.document, r.source)][r.target].append(r)
    found = []
    for (_, backer), targets in sorted(backing.items()):
        for a, b in combinations(sorted(targets), 2):
            if _opposed(a, b, camps, network):
                found.append(_make("backs_both_sides", (backer, a, b), targets[a] + targets[b]))
    return found


def _outlets_disagree(relations: Sequence[Relation], period: str) -> list[Contradiction]:
    net: dict[tuple[tuple[str, str], str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    members: dict[tuple[tuple[str, str], str], list[Relation]] = defaultdict(list)
    for r in relations:
        if r.sign and r.outlet:
            key = (_pair(r), period_key(r.published, period))
            net[key][r.outlet] += r.weight
            members[key].append(r)
    found = []
    for key, by_outlet in sorted(net.items()):
        signs = {(w > 0) - (w < 0) for w in by_outlet.values()}
        if {1, -1} <= signs:
            found.append(_make("outlets_disagree", key[0], members[key]))
    return found


def find_contradictions(
    analyses: Iterable[DocumentAnalysis],
    options: ContradictionOptions | None = None,
    camps: CampResult | None = None,
    network: SignedNetwork | None = None,
) -> list[Contradiction]:
    """Every contradiction in the analyses.

    ``camps`` and ``network`` define the sides for ``backs_both_sides``; when
    neither is given, the network of ``analyses`` is built and a negative edge
    marks two actors as opposed.
    """
    options = options or ContradictionOptions()
    analyses = list(analyses)
    if camps is None and network is None:
        network = build_network(analyses, options.network)
    mapping = roll_up_map(collect_profiles(analyses))
    relations = list(iter_relations(analyses, options.network, mapping))
    return (
        _mixed_signs(relations)
        + _both_sides(relations, camps, network)
        + _outlets_disagree(relations, options.period)
    )
