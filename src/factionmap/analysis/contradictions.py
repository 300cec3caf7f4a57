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
from collections.abc import Callable, Iterable, Iterator, Sequence
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
    events_view,
    iter_relations,
    reiterable,
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


PeriodKey = tuple[tuple[str, str], str]


def _outlet_nets(relations: Iterable[Relation], period: str) -> dict[PeriodKey, dict[str, float]]:
    """Pair and period → outlet → the outlet's net weight (signed relations with an outlet)."""
    net: dict[PeriodKey, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for r in relations:
        if r.sign and r.outlet:
            net[(_pair(r), period_key(r.published, period))][r.outlet] += r.weight
    return net


def _outlets_disagree(relations: Callable[[], Iterable[Relation]], period: str) -> list[Contradiction]:
    """Pairs two outlets give opposite net signs in one period; ``relations`` is read twice
    (the nets, then the documents and evidence of the disagreeing keys only)."""
    net = _outlet_nets(relations(), period)
    disagreeing = {key for key, by_outlet in net.items()
                   if {1, -1} <= {(w > 0) - (w < 0) for w in by_outlet.values()}}
    del net
    documents: dict[PeriodKey, dict[str, None]] = defaultdict(dict)
    evidence: dict[PeriodKey, dict[Evidence, None]] = defaultdict(dict)
    if disagreeing:
        for r in relations():
            if r.sign and r.outlet:
                key = (_pair(r), period_key(r.published, period))
                if key in disagreeing:
                    documents[key][r.document] = None
                    evidence[key].update(dict.fromkeys(r.evidence))
    return [Contradiction("outlets_disagree", key[0], tuple(documents[key]), tuple(evidence[key]))
            for key in sorted(disagreeing)]


def find_contradictions(
    analyses: Iterable[DocumentAnalysis],
    options: ContradictionOptions | None = None,
    camps: CampResult | None = None,
    network: SignedNetwork | None = None,
) -> list[Contradiction]:
    """Every contradiction in the analyses.

    ``camps`` and ``network`` define the sides for ``backs_both_sides``; when
    neither is given, the network of ``analyses`` is built and a negative edge
    marks two actors as opposed.  Mixed signs and backing both sides are found a
    document at a time; ``analyses`` is gone over again for outlets that disagree.
    """
    options = options or ContradictionOptions()
    analyses = reiterable(analyses)
    if camps is None and network is None:
        network = build_network(analyses, options.network)
    mapping = roll_up_map(collect_profiles(analyses))
    view = events_view(analyses)

    def relations() -> Iterator[Relation]:
        return iter_relations(view, options.network, mapping)

    by_document: list[tuple[str, list[Contradiction], list[Contradiction]]] = []
    for analysis in view:
        found = list(iter_relations([analysis], options.network, mapping))
        mixed, both = _mixed_signs(found), _both_sides(found, camps, network)
        if mixed or both:
            by_document.append((analysis.document.id, mixed, both))
    by_document.sort(key=lambda item: item[0])  # stable: a document's own order is kept
    return (
        [c for _, mixed, _ in by_document for c in mixed]
        + [c for _, _, both in by_document for c in both]
        + _outlets_disagree(relations, options.period)
    )
