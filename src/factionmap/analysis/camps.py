"""Camps by structural balance: partition actors so allies sit together and enemies apart.

The objective (the *frustration*) of a labelling is the weight of positive
edges between camps plus the weight of negative edges within camps, over the
signed undirected view of the network.  Each connected component is solved on
its own: exactly by branch and bound when it is small (``exact_limit`` nodes,
and at most ``exact_budget`` labellings to enumerate), otherwise by a spectral
start (the k-1 leading eigenvectors of the degree-normalised signed adjacency
matrix, split by sign or clustered by k-means) followed
by single-actor moves until no move lowers the frustration, with a few seeded
random restarts.

Actors stay unassigned when their ties are weak: their total absolute weight is
at most ``min_strength``, or moving them to another camp would not change the
frustration by more than ``min_margin`` (they pull equally both ways).
The reported frustration is that of the optimal labelling of every tied actor
(an unassigned actor's cost is the same on either side); the violations listed
are the edges between assigned actors that the camps contradict.  Affiliation
ties (``CampOptions.affiliation_weight``) steer the solver but are no evidence:
frustration and violations are counted over the network's own edges.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factionmap.analysis.network import Evidence, SignedNetwork
from factionmap.model import ActorProfile

if TYPE_CHECKING:  # networkx and numpy load on first use: commands start fast
    import networkx as nx
    import numpy as np

__all__ = [
    "CampOptions",
    "Violation",
    "CampResult",
    "Partition",
    "find_camps",
    "partition_signed",
    "frustration",
    "add_affiliation_ties",
]

Adjacency = Mapping[str, Mapping[str, float]]


@dataclass(frozen=True)
class CampOptions:
    """How camps are found. ``k`` is the largest number of camps (some may stay empty).

    ``affiliation_weight`` ties a person to each organisation its profile lists
    in ``affiliations`` (Haftar and the LNA), when both are in the network, with
    a positive edge of that share of the weaker one's total tie strength, so a
    leader and the organisation they lead do not float apart for want of an
    event between them (see :func:`add_affiliation_ties`); 0 turns it off.
    """

    k: int = 2
    exact_limit: int = 14
    exact_budget: int = 2_000_000
    min_strength: float = 0.0
    min_margin: float = 1e-9
    restarts: int = 8
    seed: int = 0
    affiliation_weight: float = 0.5

    def __post_init__(self) -> None:
        if self.k < 1:
            raise ValueError(f"the number of camps must be at least 1, not {self.k}")


@dataclass(frozen=True, slots=True)
class Partition:
    """A solved labelling: actor → camp index, its frustration, and whether it is proven optimal."""

    labels: Mapping[str, int]
    frustration: float
    exact: bool


@dataclass(frozen=True, slots=True)
class Violation:
    """An edge that disagrees with the camps, with what it rests on."""

    source: str
    target: str
    weight: float
    kind: str  # positive_between | negative_within
    evidence: tuple[Evidence, ...]

    def to_record(self) -> dict[str, object]:
        return {
            "actors": [self.source, self.target],
            "kind": self.kind,
            "weight": round(self.weight, 4),
            "evidence": [e.to_record() for e in self.evidence],
        }


@dataclass(frozen=True)
class CampResult:
    """Camps (lists of actor ids, largest first), the unassigned actors, and the violations."""

    camps: tuple[tuple[str, ...], ...]
    unassigned: tuple[str, ...]
    frustration: float
    violations: tuple[Violation, ...]
    profiles: Mapping[str, ActorProfile]
    exact: bool

    def camp_of(self, actor_id: str) -> int | None:
        """The index of the actor's camp, or None when unassigned or unknown."""
        for index, camp in enumerate(self.camps):
            if actor_id in camp:
                return index
        return None

    def to_record(self) -> dict[str, object]:
        """The pinned JSON for ``factionmap camps``."""
        return {
            "camps": [{"actors": [self._actor(a) for a in camp]} for camp in self.camps],
            "unassigned": [self._actor(a) for a in self.unassigned],
            "frustration": round(self.frustration, 4),
            "violations": [v.to_record() for v in self.violations],
        }

    def _actor(self, actor_id: str) -> dict[str, object]:
        p = self.profiles.get(actor_id) or ActorProfile(id=actor_id, name=actor_id)
        return {"id": p.id, "name": p.name, "country": p.country, "sector": p.sector}


def _adjacency(graph: nx.Graph) -> dict[str, dict[str, float]]:
    adj: dict[str, dict[str, float]] = {str(n): {} for n in graph.nodes}
    for u, v, data in graph.edges(data=True):
        w = float(data.get("weight", 0.0))
        if u != v and w != 0.0:
            adj[str(u)][str(v)] = w
            adj[str(v)][str(u)] = w
    return adj


def frustration(graph: nx.Graph, labels: Mapping[str, int]) -> float:
    """Positive weight between camps plus negative weight within, over labelled endpoints."""
    total = 0.0
    for u, v, data in graph.edges(data=True):
        if u in labels and v in labels and u != v:
            total += _edge_cost(float(data.get("weight", 0.0)), labels[u] == labels[v])
    return total


def _edge_cost(weight: float, same: bool) -> float:
    if weight > 0 and not same:
        return weight
    if weight < 0 and same:
        return -weight
    return 0.0


def _node_cost(adj: Adjacency, labels: Mapping[str, int], node: str, camp: int) -> float:
    return sum(_edge_cost(w, labels[v] == camp) for v, w in adj[node].items() if v in labels)


def _camp_costs(adj: Adjacency, labels: Mapping[str, int], node: str, k: int) -> list[float]:
    """The node's cost in each camp, in one pass over its ties."""
    pull_pos, pull_neg = [0.0] * k, [0.0] * k
    positive = 0.0
    for v, w in adj[node].items():
        camp = labels.get(v)
        if camp is None:
            continue
        if w > 0:
            pull_pos[camp] += w
            positive += w
        else:
            pull_neg[camp] -= w
    return [positive - pull_pos[c] + pull_neg[c] for c in range(k)]


def _total(adj: Adjacency, labels: Mapping[str, int]) -> float:
    return sum(_node_cost(adj, labels, n, labels[n]) for n in labels) / 2.0


def _exact(adj: Adjacency, nodes: list[str], k: int, upper: float, start: dict[str, int]) -> dict[str, int]:
    """Branch and bound over labellings (camp symmetry broken); returns a labelling at least as good as ``start``."""
    order = sorted(nodes, key=lambda n: (-sum(abs(w) for w in adj[n].values()), n))
    best: list[object] = [upper, dict(start)]
    labels: dict[str, int] = {}

    def dfs(i: int, cost: float, used: int) -> None:
        if cost >= best[0] - 1e-12:  # type: ignore[operator]
            return
        if i == len(order):
            best[0], best[1] = cost, dict(labels)
            return
        node = order[i]
        for camp in range(min(used + 1, k)):
            delta = _node_cost(adj, labels, node, camp)
            labels[node] = camp
            dfs(i + 1, cost + delta, max(used, camp + 1))
            del labels[node]

    dfs(0, 0.0, 0)
    return best[1]  # type: ignore[return-value]


def _spectral(adj: Adjacency, nodes: list[str], k: int, dense_limit: int = 400) -> dict[str, int]:
    """Leading eigenvectors of the degree-normalised signed adjacency, split by sign (k=2) or clustered (k>2)."""
    import numpy as np

    index = {n: i for i, n in enumerate(nodes)}
    rows = np.array([index[u] for u in nodes for v in adj[u]], dtype=np.int64)
    cols = np.array([index[v] for u in nodes for v in adj[u]], dtype=np.int64)
    weights = np.array([w for u in nodes for w in adj[u].values()], dtype=float)
    strength = np.zeros(len(nodes))
    np.add.at(strength, rows, np.abs(weights))
    scale = 1.0 / np.sqrt(np.maximum(strength, 1e-12))
    weights = weights * scale[rows] * scale[cols]  # degree-normalised, as in the signed normalised Laplacian
    size = max(1, min(k - 1, len(nodes)))  # k antagonistic camps span k-1 leading eigenvectors
    if len(nodes) <= dense_limit:
        matrix = np.zeros((len(nodes), len(nodes)))
        matrix[rows, cols] = weights
        vectors = np.linalg.eigh(matrix)[1][:, -size:]
    else:
        vectors = _subspace_iteration(rows, cols, weights, len(nodes), size)
    if k == 2:
        lead = vectors[:, -1]
        return {n: int(lead[index[n]] < 0) for n in nodes}
    vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    return {n: c for n, c in zip(nodes, _cluster(vectors, k))}


def _subspace_iteration(
    rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, n: int, size: int, rounds: int = 300
) -> np.ndarray:
    """The ``size`` algebraically largest eigenvectors of a sparse symmetric matrix (shifted power method)."""
    import numpy as np

    shift = np.zeros(n)
    np.add.at(shift, rows, np.abs(weights))
    offset = float(shift.max())  # Gershgorin: A + offset·I is positive semi-definite
    block = np.random.default_rng(0).standard_normal((n, size))
    # (A + offset·I)·block, a column at a time: bincount adds in index order (as np.add.at does, at a
    # fraction of its cost), the diagonal first so each sum starts from offset·block exactly.
    index = np.concatenate([np.arange(n), rows])
    product = np.empty_like(block)
    for _ in range(rounds):
        for j in range(size):
            values = np.concatenate([offset * block[:, j], weights * block[cols, j]])
            product[:, j] = np.bincount(index, weights=values, minlength=n)
        block, _ = np.linalg.qr(product)
    return block[:, ::-1] if size > 1 else block


def _cluster(points: np.ndarray, k: int, rounds: int = 20) -> list[int]:
    """A small deterministic k-means (farthest-point start)."""
    import numpy as np

    centers = [points[0]]
    while len(centers) < min(k, len(points)):
        dist = np.min([np.linalg.norm(points - c, axis=1) for c in centers], axis=0)
        centers.append(points[int(np.argmax(dist))])
    labels = np.zeros(len(points), dtype=int)
    for _ in range(rounds):
        dist = np.stack([np.linalg.norm(points - c, axis=1) for c in centers])
        labels = np.argmin(dist, axis=0)
        centers = [points[labels == c].mean(axis=0) if np.any(labels == c) else centers[c] for c in range(len(centers))]
    return [int(x) for x in labels]


def _local_moves(adj: Adjacency, labels: dict[str, int], k: int, sweeps: int = 200) -> dict[str, int]:
    """Move single actors to the camp that lowers the frustration most, until none does."""
    labels = dict(labels)
    order = sorted(labels)
    stale = set(order)  # actors whose ties changed camp since they were last weighed (all, at first)
    for _ in range(sweeps):
        moved = False
        for node in order:
            if node not in stale:  # same costs as when it last stayed put: it would stay put again
                continue
            stale.discard(node)
            costs = _camp_costs(adj, labels, node, k)
            best = min(range(k), key=lambda c: (costs[c], c != labels[node]))
            if costs[best] < costs[labels[node]] - 1e-12:
                labels[node], moved = best, True
                stale.update(v for v in adj[node] if v in labels)
        if not moved:
            break
    return labels


def _heuristic(adj: Adjacency, nodes: list[str], options: CampOptions) -> dict[str, int]:
    rng = random.Random(options.seed)
    starts = [_spectral(adj, nodes, options.k)] if len(nodes) > 1 else []
    restarts = options.restarts if len(nodes) <= 500 else min(options.restarts, 2)
    starts += [{n: rng.randrange(options.k) for n in nodes} for _ in range(restarts)]
    solved = [_local_moves(adj, s, options.k) for s in starts] or [{n: 0 for n in nodes}]
    return min(solved, key=lambda labels: _total(adj, labels))


def partition_signed(graph: nx.Graph, options: CampOptions | None = None) -> Partition:
    """Label every node with a non-zero tie by camp, component by component, minimising frustration."""
    import networkx as nx

    options = options or CampOptions()
    adj = _adjacency(graph)
    tied = nx.Graph((u, v) for u in adj for v in adj[u])
    labels: dict[str, int] = {}
    exact = True
    for component in sorted(nx.connected_components(tied), key=lambda c: (-len(c), min(c))):
        nodes = sorted(component)
        local = _heuristic(adj, nodes, options)
        if len(nodes) <= options.exact_limit and options.k ** (len(nodes) - 1) <= options.exact_budget:
            local = _exact(adj, nodes, options.k, _total(adj, local) + 1e-9, local)
        else:
            exact = False
        labels.update(_canonical(adj, local, options.k))
    return Partition(labels, _total(adj, labels), exact)


def _canonical(adj: Adjacency, labels: dict[str, int], k: int) -> dict[str, int]:
    """Renumber camps by decreasing total tie strength so the strongest camp is 0."""
    strength = [0.0] * k
    for node, camp in labels.items():
        strength[camp] += sum(abs(w) for w in adj[node].values())
    order = sorted(range(k), key=lambda c: (-strength[c], c))
    rename = {old: new for new, old in enumerate(order)}
    return {n: rename[c] for n, c in labels.items()}


def _weak(adj: Adjacency, labels: Mapping[str, int], options: CampOptions) -> set[str]:
    weak = set()
    for node, camp in labels.items():
        if sum(abs(w) for w in adj[node].values()) <= options.min_strength:
            weak.add(node)
            continue
        costs = _camp_costs(adj, labels, node, options.k)
        others = [costs[c] - costs[camp] for c in range(options.k) if c != camp]
        if others and min(others) <= options.min_margin:
            weak.add(node)
    return weak


def find_camps(network: SignedNetwork, options: CampOptions | None = None) -> CampResult:
    """Camps of a signed network, with unassigned actors and the violating edges and their evidence."""
    options = options or CampOptions()
    view = network.undirected()
    tied = view.copy()
    if options.affiliation_weight > 0:
        add_affiliation_ties(tied, network.profiles, options.affiliation_weight)
    part = partition_signed(tied, options)
    weak = _weak(_adjacency(tied), part.labels, options)
    camps = tuple(
        tuple(sorted((n for n, c in part.labels.items() if c == camp and n not in weak), key=str.casefold))
        for camp in range(options.k)
    )
    unassigned = tuple(sorted((set(view.nodes) - set(part.labels)) | weak, key=str.casefold))
    return CampResult(
        camps=tuple(c for c in camps if c),
        unassigned=unassigned,
        frustration=_total(_adjacency(view), {n: c for n, c in part.labels.items() if n in view}),
        violations=_violations(network, view, {n: c for n, c in part.labels.items() if n not in weak}),
        profiles=network.profiles,
        exact=part.exact,
    )


def add_affiliation_ties(view: nx.Graph, profiles: Mapping[str, ActorProfile], share: float) -> None:
    """Tie each person in ``view`` to the organisations of its ``affiliations`` in ``view``.

    The tie is positive and scale-free: ``share`` times the smaller of the two
    actors' total tie strength (sum of absolute edge weights), so it holds a
    leader and their organisation together unless the text ties them to
    opposite sides more strongly than that.
    """
    strength = {n: sum(abs(d.get("weight", 0.0)) for _, _, d in view.edges(n, data=True)) for n in view.nodes}
    for node in list(view.nodes):
        profile = profiles.get(node)
        if profile is None or profile.kind != "person":
            continue
        for org in profile.affiliations:
            if org == node or org not in view:
                continue
            weight = share * min(strength[node], strength[org])
            if weight <= 0:
                continue
            if view.has_edge(node, org):
                data = view[node][org]
                data["weight"] += weight
                data["sign"] = (data["weight"] > 0) - (data["weight"] < 0)
            else:
                view.add_edge(node, org, weight=weight, count=0, sign=1)


def _violations(network: SignedNetwork, view: nx.Graph, labels: Mapping[str, int]) -> tuple[Violation, ...]:
    found = []
    for u, v, data in view.edges(data=True):
        if u not in labels or v not in labels:
            continue
        weight, same = float(data["weight"]), labels[u] == labels[v]
        if _edge_cost(weight, same) > 0:
            kind = "negative_within" if same else "positive_between"
            a, b = sorted((u, v))
            found.append(Violation(a, b, weight, kind, network.pair_evidence(a, b)))
    return tuple(sorted(found, key=lambda x: (-abs(x.weight), x.source, x.target)))
