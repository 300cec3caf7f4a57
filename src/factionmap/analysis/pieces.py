"""Unconnected pieces of the network: camps per conflict instead of two global sides.

A store usually holds several conflicts that share no actor (Sudan, Libya,
Myanmar...).  Structural balance over all of them at once splits each conflict
into two halves and then pairs the halves arbitrarily.  :func:`camps_by_piece`
finds the connected pieces of the signed network and solves each on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from factionmap.analysis.camps import CampOptions, CampResult, find_camps
from factionmap.analysis.network import SignedNetwork, restrict_evidence

__all__ = ["PieceCamps", "PiecedCamps", "camps_by_piece", "network_pieces", "piece_of", "subnetwork"]


def network_pieces(network: SignedNetwork) -> list[frozenset[str]]:
    """The connected pieces (ignoring direction and sign), largest first, ties by smallest actor id."""
    import networkx as nx

    parts = [frozenset(map(str, part)) for part in nx.connected_components(network.graph.to_undirected(as_view=True))]
    return sorted(parts, key=lambda part: (-len(part), min(part, key=str.casefold).casefold()))


def piece_of(network: SignedNetwork, actor_id: str) -> frozenset[str] | None:
    """The piece holding ``actor_id``; None when the actor is not in the network."""
    import networkx as nx

    if actor_id not in network.graph:
        return None
    return frozenset(map(str, nx.node_connected_component(network.graph.to_undirected(as_view=True), actor_id)))


def subnetwork(network: SignedNetwork, actors: frozenset[str] | set[str]) -> SignedNetwork:
    """The network restricted to ``actors``: their edges, profiles and evidence."""
    graph = network.graph.subgraph(actors).copy()
    profiles = {a: p for a, p in network.profiles.items() if a in actors}
    evidence = restrict_evidence(network.evidence, lambda pair: pair[0] in actors and pair[1] in actors)
    return SignedNetwork(graph, profiles, evidence)


@dataclass(frozen=True)
class PieceCamps:
    """The camps of one piece; ``index`` counts from 1, largest piece first."""

    index: int
    actors: int
    result: CampResult


@dataclass(frozen=True)
class PiecedCamps:
    """Camps solved piece by piece; ``pieces`` is how many unconnected pieces the network has."""

    pieces: int
    solved: tuple[PieceCamps, ...]

    def to_record(self) -> dict[str, object]:
        """The pinned camps JSON (``camps``, ``unassigned``, ``frustration``, ``violations``) over every
        solved piece, each camp with its ``piece``, plus ``pieces`` and ``scope``."""
        camps, unassigned, violations = [], [], []
        for piece in self.solved:
            record = piece.result.to_record()
            camps.extend({**camp, "piece": piece.index} for camp in record["camps"])
            unassigned.extend({**actor, "piece": piece.index} for actor in record["unassigned"])
            violations.extend({**v, "piece": piece.index} for v in record["violations"])
        return {
            "camps": camps,
            "unassigned": unassigned,
            "frustration": round(sum(p.result.frustration for p in self.solved), 4),
            "violations": violations,
            "scope": "pieces",
            "pieces": [{"piece": p.index, "actors": p.actors, "camps": len(p.result.camps),
                        "exact": p.result.exact, "frustration": round(p.result.frustration, 4)} for p in self.solved],
            "unconnected_pieces": self.pieces,
        }


def camps_by_piece(
    network: SignedNetwork, options: CampOptions | None = None, *, actor: str | None = None, min_actors: int = 2
) -> PiecedCamps:
    """Solve each piece with at least ``min_actors`` actors on its own; only ``actor``'s piece when given."""
    pieces = network_pieces(network)
    solved = []
    for index, piece in enumerate(pieces, 1):
        if len(piece) < min_actors or (actor is not None and actor not in piece):
            continue
        solved.append(PieceCamps(index, len(piece), find_camps(subnetwork(network, piece), options)))
    return PiecedCamps(len(pieces), tuple(solved))
