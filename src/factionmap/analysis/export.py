"""Exports in the field's formats.

``graphml`` / ``gexf``
    The signed network for networkx and Gephi.  Nodes: ``label`` and ``name``, ``country``,
    ``sector``, ``kind``, ``code`` (empty string when unknown).  Edges:
    ``sign``, ``weight`` (signed), ``positive``, ``negative``, ``count``,
    ``documents``, ``stories``, ``outlets``, ``types`` (``SUPPORT:2;ASSAULT:1``).
``csv`` / ``parquet``
    A directory with ``documents``, ``actors`` and ``events`` tables (one row per
    document, distinct actor, event); every event keeps its flags and spans.
    CSV joins lists with ``;``; Parquet keeps them as lists.
``plover-jsonl``
    One JSON object per counted event, POLECAT-style fields (``event_id``,
    ``event_date``, ``event_type``, ``event_mode``, ``event_intensity``,
    ``contexts``, ``actor_name``/``actor_country``/``actor_sector`` and
    ``recipient_*`` as ``;``-joined strings as in POLECAT, plus ``actor_ids``,
    ``recipient_ids``, ``source``, ``publication_date``, ``story_id``, ``url``,
    ``negated``/``hedged``/``asserted_by``, ``evidence``).
``cameo-tsv``
    One row per counted event and source × target dyad with GDELT 1.0-like
    columns (:data:`CAMEO_COLUMNS`); CAMEO code, QuadClass and Goldstein-like
    score come from :mod:`factionmap.analysis.codes`.  ``IsRootEvent`` is 1 for
    events in the title and for the document's first event.

The graph formats and event formats apply :class:`NetworkOptions` (window,
comments, negation); the tables export everything read, flags included.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factionmap.analysis.codes import code_for, intensity
from factionmap.analysis.network import (
    NetworkOptions,
    SignedNetwork,
    event_counts,
    in_window,
    build_network,
    collect_profiles,
    outlet_of,
    parse_date,
)
from factionmap.model import ActorProfile, DocumentAnalysis, Event

if TYPE_CHECKING:  # networkx and pyarrow load on first use: commands start fast
    import networkx as nx
    import pyarrow as pa

__all__ = [
    "EXPORT_FORMATS",
    "CAMEO_COLUMNS",
    "ExportOptions",
    "ExportError",
    "export",
    "network_for_export",
    "write_graphml",
    "write_gexf",
    "tables",
    "write_csv",
    "write_parquet",
    "plover_records",
    "cameo_rows",
    "write_plover_jsonl",
    "write_cameo_tsv",
]

EXPORT_FORMATS: tuple[str, ...] = ("graphml", "gexf", "csv", "parquet", "plover-jsonl", "cameo-tsv")

CAMEO_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "IsRootEvent", "EventCode",
    "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources",
    "NumArticles", "SOURCEURL", "DocumentId", "PloverType", "Hedged", "AssertedBy",
)


class ExportError(ValueError):
    """An export that cannot be written (unknown format, unusable path)."""


@dataclass(frozen=True)
class ExportOptions:
    format: str
    network: NetworkOptions = NetworkOptions()


def _scalar(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dict):
        return ";".join(f"{k}:{v}" for k, v in value.items())
    return value


def network_for_export(network: SignedNetwork) -> nx.DiGraph:
    """A copy of the network's graph with only scalar attributes (what GraphML and GEXF accept)."""
    import networkx as nx

    graph = nx.DiGraph()
    for node, data in network.graph.nodes(data=True):
        graph.add_node(node, label=data.get("name") or node, **{k: _scalar(v) for k, v in data.items()})
    for u, v, data in network.graph.edges(data=True):
        graph.add_edge(u, v, **{k: _scalar(v) for k, v in data.items()})
    return graph


def write_graphml(network: SignedNetwork, path: Path) -> None:
    import networkx as nx

    nx.write_graphml(network_for_export(network), str(path))


def write_gexf(network: SignedNetwork, path: Path) -> None:
    import networkx as nx

    nx.write_gexf(network_for_export(network), str(path))


def _event_id(analysis: DocumentAnalysis, index: int) -> str:
    return f"{analysis.document.id}-e{index}"


def _document_rows(analyses: list[DocumentAnalysis]) -> list[dict[str, Any]]:
    return [
        {
            "id": a.document.id, "url": a.document.url, "title": a.document.title, "author": a.document.author,
            "published": a.document.published, "source": a.document.source, "language": a.document.language,
            "duplicate_of": a.document.duplicate_of, "name": a.document.name, "chars": len(a.document.text),
            "actors": len(a.actors), "events": len(a.events), "skipped": a.skipped,
        }
        for a in analyses
    ]


def _actor_rows(analyses: list[DocumentAnalysis]) -> list[dict[str, Any]]:
    profiles = collect_profiles(analyses)
    mentions: dict[str, int] = dict.fromkeys(profiles, 0)
    documents: dict[str, int] = dict.fromkeys(profiles, 0)
    for a in analyses:
        for actor in a.actors:
            mentions[actor.id] += len(actor.mentions)
            documents[actor.id] += 1
    return [
        {
            "id": p.id, "name": p.name, "country": p.country, "sector": p.sector, "code": p.code, "kind": p.kind,
            "known": p.known, "affiliations": list(p.affiliations), "mentions": mentions[p.id],
            "documents": documents[p.id],
        }
        for p in sorted(profiles.values(), key=lambda p: p.id)
    ]


def _event_rows(analyses: list[DocumentAnalysis]) -> list[dict[str, Any]]:
    rows = []
    for a in analyses:
        for index, e in enumerate(a.events):
            rows.append({
                "id": _event_id(a, index), "document": a.document.id, "published": a.document.published,
                "type": e.type, "mode": e.mode, "context": e.context, "source": list(e.source),
                "target": list(e.target), "negated": e.negated, "hedged": e.hedged, "hypothetical": e.hypothetical,
                "section": e.section, "asserted_by": e.asserted_by, "confidence": float(e.confidence),
                "trigger_start": e.trigger.start, "trigger_end": e.trigger.end, "trigger_text": e.trigger.text,
                "sentence_start": e.sentence.start, "sentence_end": e.sentence.end,
                "sentence": a.document.text[e.sentence.start : e.sentence.end],
            })
    return rows




def _table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    import pyarrow as pa

    return pa.Table.from_pylist(rows, schema=schema)


def _schema(kind: str) -> pa.Schema:
    import pyarrow as pa

    s, i, b, f = pa.string(), pa.int64(), pa.bool_(), pa.float64()
    fields = {
        "documents": [("id", s), ("url", s), ("title", s), ("author", s), ("published", s), ("source", s),
                      ("language", s), ("duplicate_of", s), ("name", s), ("chars", i), ("actors", i),
                      ("events", i), ("skipped", s)],
        "actors": [("id", s), ("name", s), ("country", s), ("sector", s), ("code", s), ("kind", s), ("known", b),
                   ("affiliations", pa.list_(s)), ("mentions", i), ("documents", i)],
        "events": [("id", s), ("document", s), ("published", s), ("type", s), ("mode", s), ("context", s),
                   ("source", pa.list_(s)), ("target", pa.list_(s)), ("negated", b), ("hedged", b),
                   ("hypothetical", b), ("section", s), ("asserted_by", s), ("confidence", f),
                   ("trigger_start", i), ("trigger_end", i), ("trigger_text", s), ("sentence_start", i),
                   ("sentence_end", i), ("sentence", s)],
    }[kind]
    return pa.schema(fields)


def tables(analyses: Iterable[DocumentAnalysis]) -> dict[str, pa.Table]:
    """The ``documents``, ``actors`` and ``events`` tables as Arrow tables."""
    analyses = list(analyses)
    builders: dict[str, Callable[[list[DocumentAnalysis]], list[dict[str, Any]]]] = {
        "documents": _document_rows, "actors": _actor_rows, "events": _event_rows,
    }
    return {name: _table(build(analyses), _schema(name)) for name, build in builders.items()}


def _flatten_lists(table: pa.Table) -> pa.Table:
    import pyarrow as pa

    for index, fld in enumerate(table.schema):
        if pa.types.is_list(fld.type):
            joined = pa.array([";".join(v) if v is not None else None for v in table.column(index).to_pylist()])
            table = table.set_column(index, fld.name, joined)
    return table


def _directory(path: Path) -> Path:
    if path.exists() and not path.is_dir():
        raise ExportError(f"{path}: the csv and parquet exports write a directory, and this is a file")
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_csv(analyses: Iterable[DocumentAnalysis], path: Path) -> list[Path]:
    """``documents.csv``, ``actors.csv``, ``events.csv`` in the directory ``path``."""
    import pyarrow.csv as pa_csv

    out = _directory(path)
    written = []
    for name, table in tables(analyses).items():
        target = out / f"{name}.csv"
        pa_csv.write_csv(_flatten_lists(table), str(target))
        written.append(target)
    return written


def write_parquet(analyses: Iterable[DocumentAnalysis], path: Path) -> list[Path]:
    """``documents.parquet``, ``actors.parquet``, ``events.parquet`` in the directory ``path``."""
    import pyarrow.parquet as pq

    out = _directory(path)
    written = []
    for name, table in tables(analyses).items():
        target = out / f"{name}.parquet"
        pq.write_table(table, str(target))
        written.append(target)
    return written


def _counted_events(
    analyses: Iterable[DocumentAnalysis], options: NetworkOptions
) -> Iterator[tuple[DocumentAnalysis, int, Event]]:
    for a in analyses:
        if not in_window(parse_date(a.document.published), options):
            continue
        for index, event in enumerate(a.events):
            if event_counts(event, options):
                yield a, index, event


def _profiles(analysis: DocumentAnalysis, ids: Iterable[str]) -> list[ActorProfile]:
    found = []
    for actor_id in ids:
        actor = analysis.actor(actor_id)
        found.append(actor.profile if actor else ActorProfile(id=actor_id, name=actor_id, known=False))
    return found


def _joined(profiles: list[ActorProfile], attribute: str) -> str:
    return ";".join(getattr(p, attribute) or "" for p in profiles)


def plover_records(analyses: Iterable[DocumentAnalysis], options: NetworkOptions | None = None) -> Iterator[dict]:
    """POLECAT-style PLOVER records, one per counted event."""
    for a, index, e in _counted_events(analyses, options or NetworkOptions()):
        sources, targets = _profiles(a, e.source), _profiles(a, e.target)
        doc = a.document
        yield {
            "event_id": _event_id(a, index), "event_date": doc.published[:10] if doc.published else None,
            "event_type": e.type, "event_mode": e.mode, "event_intensity": intensity(e.type),
            "contexts": e.context, "actor_name": _joined(sources, "name"), "actor_country": _joined(sources, "country"),
            "actor_sector": _joined(sources, "sector"), "actor_ids": list(e.source),
            "recipient_name": _joined(targets, "name"), "recipient_country": _joined(targets, "country"),
            "recipient_sector": _joined(targets, "sector"), "recipient_ids": list(e.target),
            "source": outlet_of(a), "publication_date": doc.published, "story_id": doc.duplicate_of or doc.id,
            "document_id": doc.id, "url": doc.url, "language": doc.language, "negated": e.negated,
            "hedged": e.hedged, "asserted_by": e.asserted_by, "section": e.section, "confidence": e.confidence,
            "trigger": e.trigger.text, "evidence": doc.text[e.sentence.start : e.sentence.end], "version": "factionmap",
        }


def cameo_rows(analyses: Iterable[DocumentAnalysis], options: NetworkOptions | None = None) -> Iterator[dict]:
    """GDELT-like rows, one per counted event and dyad (see :data:`CAMEO_COLUMNS`)."""
    number = 0
    for a, index, e in _counted_events(analyses, options or NetworkOptions()):
        doc = a.document
        day = parse_date(doc.published)
        for source in _profiles(a, e.source):
            for target in _profiles(a, e.target):
                number += 1
                code = code_for(e.type, target.sector)
                yield {
                    "GLOBALEVENTID": number, "SQLDATE": day.strftime("%Y%m%d") if day else "",
                    "Actor1Code": source.code or "", "Actor1Name": source.name,
                    "Actor1CountryCode": source.country or "", "Actor1Type1Code": source.sector or "",
                    "Actor2Code": target.code or "", "Actor2Name": target.name,
                    "Actor2CountryCode": target.country or "", "Actor2Type1Code": target.sector or "",
                    "IsRootEvent": int(index == 0 or e.section == "title"), "EventCode": code.cameo,
                    "EventBaseCode": code.cameo, "EventRootCode": code.cameo_root, "QuadClass": code.quad,
                    "GoldsteinScale": code.goldstein, "NumMentions": max(1, len(e.evidence)), "NumSources": 1,
                    "NumArticles": 1, "SOURCEURL": doc.url or doc.name or doc.id, "DocumentId": doc.id,
                    "PloverType": e.type, "Hedged": int(e.hedged), "AssertedBy": e.asserted_by,
                }


def write_plover_jsonl(analyses: Iterable[DocumentAnalysis], path: Path, options: NetworkOptions | None = None) -> int:
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        for record in plover_records(analyses, options):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def write_cameo_tsv(analyses: Iterable[DocumentAnalysis], path: Path, options: NetworkOptions | None = None) -> int:
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CAMEO_COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        for row in cameo_rows(analyses, options):
            writer.writerow({k: str(v).replace("\t", " ").replace("\n", " ") for k, v in row.items()})
            count += 1
    return count


def export(analyses: Iterable[DocumentAnalysis], path: Path, options: ExportOptions) -> Path:
    """Write ``analyses`` to ``path`` in ``options.format``; returns the path written."""
    path = Path(path)
    fmt = options.format
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; expected one of {', '.join(EXPORT_FORMATS)}")
    if fmt in ("csv", "parquet"):
        (write_csv if fmt == "csv" else write_parquet)(analyses, path)
        return path
    if not path.parent.is_dir():
        raise ExportError(f"{path}: the directory {path.parent} does not exist")
    if fmt in ("graphml", "gexf"):
        network = build_network(analyses, options.network)
        (write_graphml if fmt == "graphml" else write_gexf)(network, path)
    elif fmt == "plover-jsonl":
        write_plover_jsonl(analyses, path, options.network)
    else:
        write_cameo_tsv(analyses, path, options.network)
    return path
