"""Scoping a signed network to one conflict: an ego network, a country's theatre, an actor's piece.

A corpus about several wars gives one network in which outside powers (the
United States, the Emirates) tie the wars together, so its connected
components do not separate conflicts.  A *theatre* does: the actors coded with
one country (``LBY``: Haftar, the LNA, the GNA, Tripoli) that are connected
among themselves, together with every outside actor tied directly to one of
them (Russia, Turkey, Qatar).  Edges between two outsiders (Russia and Assad)
are left out, so camps solved on a theatre are the sides of that war.

``Scope(actor=X)`` is the theatre of the country of ``X`` that contains ``X``
(its *piece*); ``Scope(country=C)`` is every local actor of ``C`` and their
outside partners; ``Scope(actor=X, hops=N)`` is the ego network: actors at most
``N`` ties from ``X``.  Actors without a country code (IGOs, transnational
groups, places) have the plain connected component as their piece.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING


from factionmap.analysis.network import SignedNetwork, restrict_evidence

if TYPE_CHECKING:  # networkx loads on first use: commands start fast
    import networkx as nx

__all__ = ["Scope", "ScopeError", "scope_nodes", "scope_network"]

#: Country fields that are no state, so no theatre (see the README's codes).
NON_STATE_CODES: frozenset[str] = frozenset({"IGO", "NGO", "IMG"})


class ScopeError(ValueError):
    """A scope that cannot be applied (unknown actor, hops without an actor)."""


@dataclass(frozen=True)
class Scope:
    """Which part of the network to keep; all fields empty keeps everything."""

    actor: str | None = None
    hops: int | None = None
    country: str | None = None

    def __post_init__(self) -> None:
        if self.hops is not None and self.hops < 0:
            raise ScopeError(f"hops must be 0 or more, not {self.hops}")
        if self.hops is not None and not self.actor:
            raise ScopeError("hops needs an actor (the centre of the ego network)")

    @property
    def empty(self) -> bool:
        return not self.actor and not self.country


def _home(network: SignedNetwork, actor: str) -> str | None:
    profile = network.profiles.get(actor)
    country = profile.country if profile else None
    return None if country in NON_STATE_CODES else country


def _theatre(view: nx.Graph, network: SignedNetwork, seeds: Iterable[str], country: str) -> set[str]:
    """The seeds' components among actors of ``country``, plus their direct outside partners."""
    import networkx as nx

    local = [n for n in view.nodes if _home(network, n) == country]
    inner = view.subgraph(local)
    core: set[str] = set()
    for seed in seeds:
        if seed in inner and seed not in core:
            core |= nx.node_connected_component(inner, seed)
    return core | {m for n in core for m in view.neighbors(n)}


def scope_nodes(network: SignedNetwork, scope: Scope) -> tuple[set[str], set[str]]:
    """The actors in scope, and the core actors whose edges to outsiders are kept."""
    import networkx as nx

    view = network.undirected()
    if scope.actor is not None and scope.actor not in view:
        raise ScopeError(f"actor {scope.actor!r} has no relation in this network")
    if scope.actor is not None and scope.hops is not None:
        nodes = set(nx.single_source_shortest_path_length(view, scope.actor, cutoff=scope.hops))
        return nodes, nodes
    if scope.country:
        country = scope.country.upper()
        seeds = [n for n in view.nodes if _home(network, n) == country]
        nodes = _theatre(view, network, seeds, country)
        return nodes, set(seeds)
    if scope.actor is not None:
        home = _home(network, scope.actor)
        if home is None:
            nodes = set(nx.node_connected_component(view, scope.actor))
            return nodes, nodes
        nodes = _theatre(view, network, [scope.actor], home)
        return nodes, {n for n in nodes if _home(network, n) == home}
    nodes = set(view.nodes)
    return nodes, nodes


def scope_network(network: SignedNetwork, scope: Scope | None) -> SignedNetwork:
    """The part of ``network`` in ``scope``: edges with a core actor at one end (all edges for ego)."""
    if scope is None or scope.empty:
        return network
    import networkx as nx

    nodes, core = scope_nodes(network, scope)
    graph = nx.DiGraph()
    graph.add_nodes_from((n, network.graph.nodes[n]) for n in sorted(nodes))
    for u, v, data in network.graph.edges(data=True):
        if u in nodes and v in nodes and (u in core or v in core):
            graph.add_edge(u, v, **data)
    evidence = restrict_evidence(network.evidence, lambda pair: graph.has_edge(*pair))
    return SignedNetwork(graph, {n: network.profiles[n] for n in graph.nodes if n in network.profiles}, evidence)
