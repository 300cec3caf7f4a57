"""Hand-built DocumentAnalysis records for the analysis tests (no pipeline needed)."""

from __future__ import annotations

from dataclasses import dataclass

from factionmap.model import Actor, ActorProfile, Document, DocumentAnalysis, Event, Mention, Section, TextSpan

PROFILES: dict[str, ActorProfile] = {
    p.id: p
    for p in (
        ActorProfile("RUS", "Russia", "RUS", "GOV", "country"),
        ActorProfile("EGY", "Egypt", "EGY", "GOV", "country"),
        ActorProfile("ARE", "United Arab Emirates", "ARE", "GOV", "country"),
        ActorProfile("TUR", "Turkey", "TUR", "GOV", "country"),
        ActorProfile("QAT", "Qatar", "QAT", "GOV", "country"),
        ActorProfile("USA", "United States", "USA", "GOV", "country"),
        ActorProfile("gna", "Government of National Accord", "LBY", "GOV", "organisation"),
        ActorProfile("lna", "Libyan National Army", "LBY", "MIL", "organisation"),
        ActorProfile("haftar", "Khalifa Haftar", "LBY", "MIL", "person", ("lna",)),
        ActorProfile("civ", "civilians", "LBY", "CVL", "group"),
    )
}


@dataclass(frozen=True)
class E:
    """An event to build: type, sources, targets, sentence text and flags."""

    type: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    sentence: str
    negated: bool = False
    hedged: bool = False
    hypothetical: bool = False
    section: str = "body"
    asserted_by: str = "author"
    confidence: float = 0.8


def analysis(
    doc_id: str,
    events: list[E],
    published: str | None = None,
    source: str | None = None,
    duplicate_of: str | None = None,
    url: str | None = None,
) -> DocumentAnalysis:
    """A document whose text is the events' sentences, one per line, with actors from PROFILES."""
    parts, built, offset = [], [], 0
    for e in events:
        start, end = offset, offset + len(e.sentence)
        parts.append(e.sentence)
        offset = end + 1
        span = TextSpan(start, end, e.sentence)
        built.append(Event(e.type, e.source, e.target, trigger=span, sentence=span, section=e.section,
                           asserted_by=e.asserted_by, negated=e.negated, hedged=e.hedged,
                           hypothetical=e.hypothetical, confidence=e.confidence))
    text = "\n".join(parts)
    ids = sorted({a for e in events for a in e.source + e.target})
    actors = tuple(Actor(PROFILES.get(a) or ActorProfile(a, a), (Mention(0, 1, text[:1], a),)) for a in ids)
    document = Document(doc_id, text, (Section("body", 0, len(text)),), name=doc_id, published=published,
                        source=source, duplicate_of=duplicate_of, url=url)
    return DocumentAnalysis(document, actors, tuple(built))


def libya() -> list[DocumentAnalysis]:
    """The op-ed's story in a few clean documents, with the Qatar/Turkey contradiction."""
    return [
        analysis("d1", [
            E("SUPPORT", ("RUS",), ("haftar",), "Russia backs Haftar."),
            E("SUPPORT", ("EGY", "ARE"), ("haftar",), "Egypt and the UAE support Haftar."),
            E("ASSAULT", ("lna",), ("gna",), "The LNA attacked the GNA."),
            E("SUPPORT", ("QAT", "TUR"), ("haftar",), "Qatar and Turkey support Haftar."),
            E("SUPPORT", ("QAT", "TUR"), ("gna",), "Qatar and Turkey back the GNA."),
        ], published="2019-11-19", source="eurasiareview"),
        analysis("d2", [
            E("AID", ("TUR",), ("gna",), "Turkey sent drones to the GNA."),
            E("ASSAULT", ("gna",), ("lna",), "GNA forces struck the LNA."),
            E("COOPERATE", ("RUS",), ("lna",), "Russian mercenaries fight with the LNA."),
        ], published="2019-12-02", source="aljazeera"),
    ]
