"""POLECAT-style JSON lines: one object per counted event.

Fields: ``event_id``, ``event_date`` and ``event_date_precision``, ``event_type``, ``event_mode``,
``contexts`` (a list), ``quad_code`` (``VERB COOP``, ``MAT COOP``, ``VERB CONF``, ``MAT CONF``),
``event_intensity``, ``actor`` and ``recipient`` (lists of ``{id, name, country, sector, code,
text}``), ``location`` (the event's location object or null), ``evidence`` (the sentence),
``document_id``, ``story_id``, ``url``, ``source`` (outlet), ``publication_date``, ``language``,
``negated``, ``hedged``, ``asserted_by``, ``confidence``, ``killed``/``wounded``/``displaced``,
``num_mentions``/``num_sources``/``num_articles``, ``version``.  The JSON Schema the lines follow
is ``factionmap/data/polecat.schema.json`` (:func:`polecat_schema`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from importlib import resources
from pathlib import Path
from typing import Any

from factionmap.analysis.codes import code_for, intensity
from factionmap.analysis.formats.common import CountedEvent, actor_text, counted_events
from factionmap.analysis.network import NetworkOptions, outlet_of
from factionmap.model import ActorProfile, DocumentAnalysis

__all__ = ["POLECAT_SCHEMA_FILE", "QUAD_CODES", "polecat_records", "polecat_schema", "write_polecat"]

POLECAT_SCHEMA_FILE = "polecat.schema.json"
QUAD_CODES = {1: "VERB COOP", 2: "MAT COOP", 3: "VERB CONF", 4: "MAT CONF"}


def polecat_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one POLECAT-style line."""
    return json.loads(resources.files("factionmap.data").joinpath(POLECAT_SCHEMA_FILE).read_text(encoding="utf-8"))


def _actor(item: CountedEvent, profile: ActorProfile) -> dict[str, Any]:
    return {
        "id": profile.id, "name": profile.name, "country": profile.country, "sector": profile.sector,
        "code": profile.code, "text": actor_text(item.analysis, item.event, profile.id),
    }


def _record(item: CountedEvent) -> dict[str, Any]:
    e, a = item.event, item.analysis
    doc = a.document
    targets = item.targets
    code = code_for(e.type, targets[0].sector if targets else None)
    return {
        "event_id": item.id, "event_date": item.day.isoformat() if item.day else None,
        "event_date_precision": e.date_precision if e.date else None, "event_type": e.type,
        "event_mode": e.mode, "contexts": [c for c in (e.context or "").split(";") if c],
        "quad_code": QUAD_CODES[code.quad], "event_intensity": intensity(e.type),
        "actor": [_actor(item, p) for p in item.sources], "recipient": [_actor(item, p) for p in targets],
        "location": asdict(e.location) if e.location else None, "evidence": item.sentence,
        "document_id": doc.id, "story_id": doc.duplicate_of or doc.id, "url": doc.url, "source": outlet_of(a),
        "publication_date": doc.published, "language": doc.language, "negated": e.negated, "hedged": e.hedged,
        "asserted_by": e.asserted_by, "confidence": float(e.confidence), "killed": e.killed,
        "wounded": e.wounded, "displaced": e.displaced, "num_mentions": item.counts.mentions,
        "num_sources": item.counts.sources, "num_articles": item.counts.articles, "version": "factionmap",
    }


def polecat_records(analyses: Iterable[DocumentAnalysis], options: NetworkOptions | None = None) -> Iterator[dict]:
    for item in counted_events(analyses, options):
        yield _record(item)


def write_polecat(analyses: Iterable[DocumentAnalysis], path: Path, options: NetworkOptions | None = None) -> int:
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        for record in polecat_records(analyses, options):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count
