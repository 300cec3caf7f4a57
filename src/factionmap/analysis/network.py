"""The signed alignment network: actors as nodes, one edge per ordered pair.

:func:`iter_relations` is the single place where events are filtered
(negated, hypothetical, comments, time window, confidence) and actors are
rolled up; the network, contradictions, timelines and source comparison all
read events through it, so they agree on what counts.

Edge weights: each event adds ``|intensity|`` of its type (see
:mod:`factionmap.analysis.codes`), times ``hedge_weight`` when hedged and
times its confidence (unless ``use_confidence`` is off), to the
edge's ``positive`` or ``negative`` total.  Near-duplicate documents (same
``duplicate_of``) form one story, and a story counts once: per edge, a story
contributes the largest total any of its documents gives.  ``weight`` is
``positive - negative`` (signed), ``sign`` its sign.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from factionmap.analysis.codes import intensity
from factionmap.model import ActorProfile, DocumentAnalysis, Event

if TYPE_CHECKING:  # networkx loads on first use: commands start fast
    import networkx as nx

__all__ = [
    "NetworkOptions",
    "Relation",
    "Evidence",
    "SignedNetwork",
    "iter_relations",
    "build_network",
    "collect_profiles",
    "match_actors",
    "roll_up_map",
    "outlet_of",
    "parse_date",
    "in_window",
    "event_counts",
    "outlet_from",
    "relation_weight",
    "pair_attributes",
    "restrict_evidence",
    "reiterable",
    "events_view",
]


@dataclass(frozen=True)
class NetworkOptions:
    """Which events count and how they weigh.

    ``since``/``until`` are inclusive ISO dates; when either is set, undated
    documents are left out.  ``roll_up`` merges a person into the first
    organisation listed in its profile's ``affiliations`` (Haftar into the LNA).
    With ``use_confidence`` an event's weight is scaled by its confidence, so a
    claim the coder is less sure of weighs less.
    """

    since: date | None = None
    until: date | None = None
    include_comments: bool = False
    roll_up: bool = False
    hedge_weight: float = 0.5
    min_confidence: float = 0.0
    use_confidence: bool = True


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of a document that states a relation."""

    document: str
    start: int
    end: int
    text: str

    def to_record(self) -> dict[str, object]:
        return {"document": self.document, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Relation:
    """One event seen as a directed relation between two (rolled-up) actors."""

    source: str
    target: str
    event: Event
    document: str
    story: str
    outlet: str | None
    published: date | None
    weight: float  # signed: positive for cooperation, negative for conflict, 0 for neutral
    evidence: tuple[Evidence, ...]

    @property
    def sign(self) -> int:
        return self.event.sign


@dataclass(frozen=True)
class SignedNetwork:
    """The aggregated network. ``graph`` is a DiGraph; edge data are plain values.

    Node attributes: ``name``, ``country``, ``sector``, ``kind``, ``code``.
    Edge attributes: ``weight`` (signed), ``sign``, ``positive``, ``negative``,
    ``count`` (events), ``documents``, ``stories``, ``outlets`` (distinct
    counts), ``types`` (dict type → count).  ``evidence`` maps an ordered pair
    to the evidence of its events.
    """

    graph: nx.DiGraph
    profiles: dict[str, ActorProfile]
    evidence: Mapping[tuple[str, str], Sequence[Evidence]] = field(default_factory=dict)

    def undirected(self) -> nx.Graph:
        """The signed undirected view: both directions summed into one ``weight``."""
        import networkx as nx

        view = nx.Graph()
        view.add_nodes_from(self.graph.nodes(data=True))
        for u, v, data in self.graph.edges(data=True):
            if view.has_edge(u, v):
                view[u][v]["weight"] += data["weight"]
                view[u][v]["count"] += data["count"]
            else:
                view.add_edge(u, v, weight=data["weight"], count=data["count"])
        for _, _, data in view.edges(data=True):
            data["sign"] = (data["weight"] > 0) - (data["weight"] < 0)
        return view

    def pair_evidence(self, a: str, b: str) -> Sequence[Evidence]:
        """Evidence for the pair in both directions (a lazy sequence when the evidence is read from a store)."""
        both = getattr(self.evidence, "pair_evidence", None)
        if both is not None:
            return both(a, b)
        return tuple(self.evidence.get((a, b), ())) + tuple(self.evidence.get((b, a), ()))


def restrict_evidence(evidence: Mapping[tuple[str, str], Sequence[Evidence]],
                      keep: Callable[[tuple[str, str]], bool]) -> Mapping[tuple[str, str], Sequence[Evidence]]:
    """The evidence of the pairs ``keep`` accepts; a store-backed mapping stays lazy (``subset``)."""
    subset = getattr(evidence, "subset", None)
    if subset is not None:
        return subset(keep)
    return {pair: ev for pair, ev in evidence.items() if keep(pair)}


def parse_date(value: str | None) -> date | None:
    """The date part of an ISO timestamp, or None when absent or unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def outlet_of(analysis: DocumentAnalysis) -> str | None:
    """The outlet of a document: its ``source``, else its URL's host."""
    return outlet_from(analysis.document.source, analysis.document.url)


def outlet_from(source: str | None, url: str | None) -> str | None:
    """:func:`outlet_of` from a document's ``source`` and ``url`` columns."""
    if source:
        return source
    if url:
        host = urlparse(url).hostname
        if host:
            return host.removeprefix("www.")
    return None


def reiterable(analyses: Iterable[DocumentAnalysis]) -> Iterable[DocumentAnalysis]:
    """``analyses`` itself when it can be gone over again (a list, a store's :class:`StoredAnalyses`),
    else a list of it (a generator is read once)."""
    return list(analyses) if iter(analyses) is analyses else analyses


def events_view(analyses: Iterable[DocumentAnalysis]) -> Iterable[DocumentAnalysis]:
    """What relations are read from: a store's analyses with documents and events only, else ``analyses``."""
    events_only = getattr(analyses, "events_only", None)
    return events_only() if events_only is not None else analyses


def collect_profiles(analyses: Iterable[DocumentAnalysis]) -> dict[str, ActorProfile]:
    """Every actor profile seen, by id; a known (actor-file) profile wins over one from the text.

    A store's analyses (:class:`~factionmap.analysis.sql.StoredAnalyses`) answer with one query."""
    stored = getattr(analyses, "stored_profiles", None)
    if stored is not None:
        return stored()
    profiles: dict[str, ActorProfile] = {}
    for analysis in analyses:
        for actor in analysis.actors:
            seen = profiles.get(actor.id)
            if seen is None or (actor.profile.known and not seen.known):
                profiles[actor.id] = actor.profile
    return profiles


def match_actors(profiles: dict[str, ActorProfile], query: str) -> list[str]:
    """Actor ids for ``query``: an exact id, else a name in any case, else a name containing it."""
    if query in profiles:
        return [query]
    folded = query.casefold()
    exact = [p.id for p in profiles.values() if p.name.casefold() == folded]
    return exact or sorted(p.id for p in profiles.values() if folded in p.name.casefold())


def roll_up_map(profiles: dict[str, ActorProfile]) -> dict[str, str]:
    """Person id → the organisation it is merged into (the first affiliation, preferring seen ones)."""
    mapping: dict[str, str] = {}
    for profile in profiles.values():
        if profile.kind != "person" or not profile.affiliations:
            continue
        seen = [a for a in profile.affiliations if a in profiles]
        mapping[profile.id] = (seen or list(profile.affiliations))[0]
    return mapping


def in_window(published: date | None, options: NetworkOptions) -> bool:
    """Whether a document dated ``published`` falls in the options' window."""
    if options.since is None and options.until is None:
        return True
    if published is None:
        return False
    if options.since is not None and published < options.since:
        return False
    return options.until is None or published <= options.until


def event_counts(event: Event, options: NetworkOptions) -> bool:
    """Whether an event counts: not negated or hypothetical, confident enough, not a comment unless asked."""
    if event.negated or event.hypothetical or event.confidence < options.min_confidence:
        return False
    if options.include_comments:
        return True
    return event.section != "comment" and event.asserted_by != "commenter"


def _evidence(analysis: DocumentAnalysis, event: Event) -> tuple[Evidence, ...]:
    text = analysis.document.text
    spans = event.evidence or (event.sentence,)
    return tuple(Evidence(analysis.document.id, s.start, s.end, text[s.start : s.end]) for s in spans)


def _weight(event: Event, options: NetworkOptions) -> float:
    return relation_weight(event.type, event.hedged, event.confidence, options)


def relation_weight(kind: str, hedged: bool, confidence: float, options: NetworkOptions) -> float:
    """An event's signed weight: its type's intensity, times ``hedge_weight`` when hedged, times its confidence."""
    weight = intensity(kind) * (options.hedge_weight if hedged else 1.0)
    return weight * confidence if options.use_confidence else weight


def iter_relations(
    analyses: Iterable[DocumentAnalysis],
    options: NetworkOptions | None = None,
    roll_up: dict[str, str] | None = None,
) -> Iterator[Relation]:
    """Every counted event as directed relations (one per source × target, self-loops dropped)."""
    options = options or NetworkOptions()
    mapping = roll_up if options.roll_up and roll_up else {}
    for analysis in analyses:
        doc = analysis.document
        doc_published = parse_date(doc.published)
        outlet, story = outlet_of(analysis), doc.duplicate_of or doc.id
        for event in analysis.events:
            if not event_counts(event, options):
                continue
            published = parse_date(event.date) or doc_published  # the event's own date when the text gives one
            if not in_window(published, options):
                continue
            weight = _weight(event, options)
            evidence = _evidence(analysis, event)
            pairs = {(mapping.get(s, s), mapping.get(t, t)) for s in event.source for t in event.target}
            for source, target in sorted(pairs):
                if source != target:
                    yield Relation(source, target, event, doc.id, story, outlet, published, weight, evidence)


def build_network(analyses: Iterable[DocumentAnalysis], options: NetworkOptions | None = None) -> SignedNetwork:
    """Aggregate counted events into a :class:`SignedNetwork`."""
    import networkx as nx

    options = options or NetworkOptions()
    stored = getattr(analyses, "network", None)
    if stored is not None:  # a store's analyses: aggregated in SQL order, one pair at a time
        return stored(options)
    analyses = list(analyses)
    profiles = collect_profiles(analyses)
    relations = list(iter_relations(analyses, options, roll_up_map(profiles)))
    graph = nx.DiGraph()
    by_pair: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    for relation in relations:
        by_pair[(relation.source, relation.target)].append(relation)
    for node in sorted({n for pair in by_pair for n in pair}):
        graph.add_node(node, **_node_attributes(node, profiles))
    evidence: dict[tuple[str, str], tuple[Evidence, ...]] = {}
    for (source, target), group in sorted(by_pair.items()):
        graph.add_edge(source, target, **_edge_attributes(group))
        evidence[(source, target)] = tuple(dict.fromkeys(e for r in group for e in r.evidence))
    return SignedNetwork(graph, {n: _profile(n, profiles) for n in graph.nodes}, evidence)


def _profile(actor_id: str, profiles: dict[str, ActorProfile]) -> ActorProfile:
    return profiles.get(actor_id) or ActorProfile(id=actor_id, name=actor_id, known=False)


def _node_attributes(actor_id: str, profiles: dict[str, ActorProfile]) -> dict[str, object]:
    p = _profile(actor_id, profiles)
    return {"name": p.name, "country": p.country, "sector": p.sector, "kind": p.kind, "code": p.code}


def _edge_attributes(group: list[Relation]) -> dict[str, object]:
    """Totals for one ordered pair; each story counts once (its strongest document)."""
    return pair_attributes((r.story, r.document, r.outlet, r.event.type, r.weight) for r in group)


def pair_attributes(relations: Iterable[tuple[str, str, str | None, str, float]]) -> dict[str, object]:
    """Edge attributes of one ordered pair from its relations' ``(story, document, outlet, type, weight)``,
    in relation order; each story counts once (its strongest document)."""
    per_doc: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    documents: set[str] = set()
    outlets: set[str] = set()
    types: Counter[str] = Counter()
    count = 0
    for story, document, outlet, kind, weight in relations:
        totals = per_doc[(story, document)]
        totals[0 if weight > 0 else 1] += abs(weight)
        count += 1
        documents.add(document)
        if outlet:
            outlets.add(outlet)
        types[kind] += 1
    positive: dict[str, float] = defaultdict(float)
    negative: dict[str, float] = defaultdict(float)
    for (story, _), (pos, neg) in per_doc.items():
        positive[story] = max(positive[story], pos)
        negative[story] = max(negative[story], neg)
    pos_total, neg_total = sum(positive.values()), sum(negative.values())
    weight = round(pos_total - neg_total, 6)
    return {
        "weight": weight,
        "sign": (weight > 0) - (weight < 0),
        "positive": round(pos_total, 6),
        "negative": round(neg_total, 6),
        "count": count,
        "documents": len(documents),
        "stories": len(positive),
        "outlets": len(outlets),
        "types": dict(sorted(types.items())),
    }
