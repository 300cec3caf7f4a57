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

``gdelt`` / ``polecat`` / ``acled``
    The GDELT 2.0 event table (61 columns, no header unless ``ExportOptions.header``),
    POLECAT-style JSON lines (validated by ``data/polecat.schema.json``) and an ACLED-style CSV;
    see :mod:`factionmap.analysis.formats`.

GraphML and GEXF nodes also carry ``camp`` (1-based camp from :func:`find_camps`, 0 when
unassigned) and edges ``abs_weight``; the GEXF is GEXF 1.3 and dynamic: each edge has one spell
per event date, so Gephi's timeline plays the network.  The tables add ``quotes``, ``figures``
and ``mentions``, event ``date``/``location``/casualty columns, and type dates as dates.
Event ids are :func:`factionmap.model.event_id` everywhere.

The graph formats and event formats apply :class:`NetworkOptions` (window by event date,
comments, negation); the tables export everything read, flags included.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factionmap.analysis.camps import CampOptions, find_camps
from factionmap.analysis.codes import code_for, intensity
from factionmap.analysis.formats import write_acled, write_gdelt, write_polecat
from factionmap.analysis.network import (
    NetworkOptions,
    SignedNetwork,
    event_counts,
    in_window,
    build_network,
    collect_profiles,
    events_view,
    iter_relations,
    outlet_of,
    reiterable,
    parse_date,
    roll_up_map,
)
from factionmap.model import ActorProfile, DocumentAnalysis, Event, event_id

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
    "iter_tables",
    "write_csv",
    "write_parquet",
    "plover_records",
    "cameo_rows",
    "write_plover_jsonl",
    "write_cameo_tsv",
    "edge_dates",
]

EXPORT_FORMATS: tuple[str, ...] = (
    "graphml", "gexf", "csv", "parquet", "plover-jsonl", "cameo-tsv", "gdelt", "polecat", "acled",
)

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
    header: bool = False  # gdelt: write GDELT's column names as a first line
    camps: CampOptions = CampOptions()  # graphml/gexf: how the camp attribute is found

def _scalar(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dict):
        return ";".join(f"{k}:{v}" for k, v in value.items())
    return value

def network_for_export(network: SignedNetwork, camps: CampOptions | None = None) -> nx.DiGraph:
    """A copy of the network's graph with only scalar attributes (what GraphML and GEXF accept),
    plus the node's ``camp`` (1-based, 0 unassigned) and the edge's ``abs_weight``."""
    import networkx as nx

    graph = nx.DiGraph()
    result = find_camps(network, camps or CampOptions()) if network.graph.number_of_nodes() else None
    for node, data in network.graph.nodes(data=True):
        camp = result.camp_of(node) if result else None
        graph.add_node(node, label=data.get("name") or node, **{k: _scalar(v) for k, v in data.items()},
                       camp=0 if camp is None else camp + 1)
    for u, v, data in network.graph.edges(data=True):
        graph.add_edge(u, v, **{k: _scalar(v) for k, v in data.items()}, abs_weight=abs(float(data.get("weight", 0))))
    return graph

def write_graphml(network: SignedNetwork, path: Path, camps: CampOptions | None = None) -> None:
    import networkx as nx

    nx.write_graphml(network_for_export(network, camps), str(path))

def edge_dates(analyses: Iterable[DocumentAnalysis], options: NetworkOptions) -> dict[tuple[str, str], list[str]]:
    """(source, target) → the sorted ISO dates of its counted events (event date, else published)."""
    analyses = reiterable(analyses)
    mapping = roll_up_map(collect_profiles(analyses)) if options.roll_up else None
    dates: dict[tuple[str, str], set[str]] = {}
    for r in iter_relations(events_view(analyses), options, mapping):
        if r.published is not None:
            dates.setdefault((r.source, r.target), set()).add(r.published.isoformat())
    return {pair: sorted(days) for pair, days in dates.items()}

def write_gexf(network: SignedNetwork, path: Path, camps: CampOptions | None = None,
               dates: dict[tuple[str, str], list[str]] | None = None) -> None:
    """GEXF 1.3; with ``dates`` the graph is dynamic, one spell per event date on each edge."""
    import networkx as nx

    graph = network_for_export(network, camps)
    if dates:
        for u, v, data in graph.edges(data=True):
            days = dates.get((u, v))
            if days:
                data["spells"] = [(day, day) for day in days]
    xml = "\n".join(nx.generate_gexf(graph, version="1.3"))
    path.write_bytes(_gexf_13(xml))

def _gexf_13(xml: str) -> bytes:
    """networkx's GEXF 1.3 made schema-valid: the graph element takes no ``name`` attribute and
    the schema location belongs to the XML Schema instance namespace (networkx misspells it)."""
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"))
    for graph in root.iter("{http://gexf.net/1.3}graph"):
        graph.attrib.pop("name", None)
    location = root.attrib.pop("{http://w3.org/2001/XMLSchema-instance}schemaLocation", None)
    if location:
        root.set("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation", location)
    etree.cleanup_namespaces(root)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)

def _event_id(analysis: DocumentAnalysis, index: int) -> str:
    return event_id(analysis.document.id, analysis.events[index])

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

class _ActorTotals:
    """The ``actors`` table gathered while analyses stream past: profiles and mention/document counts."""

    def __init__(self) -> None:
        self.profiles: dict[str, ActorProfile] = {}
        self.mentions: dict[str, int] = defaultdict(int)
        self.documents: dict[str, int] = defaultdict(int)

    def add(self, analysis: DocumentAnalysis) -> None:
        for actor in analysis.actors:
            seen = self.profiles.get(actor.id)
            if seen is None or (actor.profile.known and not seen.known):
                self.profiles[actor.id] = actor.profile
            self.mentions[actor.id] += len(actor.mentions)
            self.documents[actor.id] += 1

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "id": p.id, "name": p.name, "country": p.country, "sector": p.sector, "code": p.code,
                "kind": p.kind, "known": p.known, "affiliations": list(p.affiliations),
                "mentions": self.mentions[p.id], "documents": self.documents[p.id],
            }
            for p in sorted(self.profiles.values(), key=lambda p: p.id)
        ]


def _actor_rows(analyses: list[DocumentAnalysis]) -> list[dict[str, Any]]:
    totals = _ActorTotals()
    for a in analyses:
        totals.add(a)
    return totals.rows()

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
                **_time_place_columns(e),
            })
    return rows

def _time_place_columns(e: Event) -> dict[str, Any]:
    loc = e.location
    return {
        "date": parse_date(e.date), "date_precision": e.date_precision,
        "location": loc.name if loc else None, "location_country": loc.country if loc else None,
        "location_admin1": loc.admin1 if loc else None, "latitude": loc.lat if loc else None,
        "longitude": loc.lon if loc else None, "geonameid": loc.geonameid if loc else None,
        "location_precision": loc.precision if loc else None, "killed": e.killed, "wounded": e.wounded,
        "displaced": e.displaced,
    }

def _quote_rows(analyses: list[DocumentAnalysis]) -> list[dict[str, Any]]:
    return [
        {"document": a.document.id, "idx": i, "speaker": q.speaker, "speaker_text": q.speaker_text, "text": q.text,
         "start": q.start, "end": q.end, "direct": q.direct, "published": parse_date(a.document.published)}
        for a in analyses for i, q in enumerate(a.quotes)
    ]

def _figure_rows(analyses: list[DocumentAnalysis]) -> list[dict[str, Any]]:
    return [
        {"document": a.document.id, "idx": i, "kind": f.kind, "value": f.value, "value_max": f.value_max,
         "qualifier": f.qualifier, "subject": f.subject, "actor": f.actor, "event": f.event, "start": f.start,
         "end": f.end, "text": a.document.text[f.start : f.end], "published": parse_date(a.document.published)}
        for a in analyses for i, f in enumerate(a.figures)
    ]

def _mention_rows(analyses: list[DocumentAnalysis]) -> list[dict[str, Any]]:
    return [
        {"document": a.document.id, "actor": actor.id, "start": m.start, "end": m.end, "text": m.text,
         "rule": m.rule, "confidence": float(m.confidence)}
        for a in analyses for actor in a.actors for m in actor.mentions
    ]

def _table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    import pyarrow as pa

    return pa.Table.from_pylist(rows, schema=schema)

def _schema(kind: str) -> pa.Schema:
    import pyarrow as pa

    s, i, b, f, d = pa.string(), pa.int64(), pa.bool_(), pa.float64(), pa.date32()
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
                   ("sentence_end", i), ("sentence", s), ("date", d), ("date_precision", s), ("location", s),
                   ("location_country", s), ("location_admin1", s), ("latitude", f), ("longitude", f),
                   ("geonameid", i), ("location_precision", s), ("killed", i), ("wounded", i), ("displaced", i)],
        "quotes": [("document", s), ("idx", i), ("speaker", s), ("speaker_text", s), ("text", s), ("start", i),
                   ("end", i), ("direct", b), ("published", d)],
        "figures": [("document", s), ("idx", i), ("kind", s), ("value", i), ("value_max", i), ("qualifier", s),
                    ("subject", s), ("actor", s), ("event", s), ("start", i), ("end", i), ("text", s),
                    ("published", d)],
        "mentions": [("document", s), ("actor", s), ("start", i), ("end", i), ("text", s), ("rule", s),
                     ("confidence", f)],
    }[kind]
    return pa.schema(fields)

#: The tables of :func:`tables`, in order; all but ``actors`` are built a document at a time.
TABLES: tuple[str, ...] = ("documents", "actors", "events", "quotes", "figures", "mentions")
_ROWS: dict[str, Callable[[list[DocumentAnalysis]], list[dict[str, Any]]]] = {
    "documents": _document_rows, "events": _event_rows, "quotes": _quote_rows, "figures": _figure_rows,
    "mentions": _mention_rows,
}
#: Rows a streamed table holds before they are written (a Parquet row group each).
FLUSH_ROWS = 8192


def tables(analyses: Iterable[DocumentAnalysis]) -> dict[str, pa.Table]:
    """The ``documents``, ``actors``, ``events``, ``quotes``, ``figures`` and ``mentions`` tables."""
    analyses = list(analyses)
    builders = {**_ROWS, "actors": _actor_rows}
    return {name: _table(builders[name](analyses), _schema(name)) for name in TABLES}


def iter_tables(analyses: Iterable[DocumentAnalysis], flush_rows: int | None = None) -> Iterator[tuple[str, pa.Table]]:
    """:func:`tables` as ``(name, table)`` pieces, one document read at a time: a table's rows are handed
    on each time ``flush_rows`` (default :data:`FLUSH_ROWS`) have gathered (``actors`` comes last,
    whole).  Concatenated by name, the pieces are :func:`tables`."""
    flush_rows = flush_rows or FLUSH_ROWS
    pending: dict[str, list[dict[str, Any]]] = {name: [] for name in _ROWS}
    actors = _ActorTotals()
    for analysis in analyses:
        actors.add(analysis)
        for name, build in _ROWS.items():
            rows = pending[name]
            rows.extend(build([analysis]))
            if len(rows) >= flush_rows:
                yield name, _table(rows, _schema(name))
                pending[name] = []
    for name, rows in pending.items():
        if rows:
            yield name, _table(rows, _schema(name))
    yield "actors", _table(actors.rows(), _schema("actors"))


def _flatten_lists(table: pa.Table) -> pa.Table:
    import pyarrow as pa

    for index, fld in enumerate(table.schema):
        if pa.types.is_list(fld.type):
            joined = pa.array([";".join(v) if v is not None else None for v in table.column(index).to_pylist()],
                              type=pa.string())
            table = table.set_column(index, fld.name, joined)
    return table


def _flat_schema(schema: pa.Schema) -> pa.Schema:
    import pyarrow as pa

    return pa.schema([pa.field(f.name, pa.string()) if pa.types.is_list(f.type) else f for f in schema])


def _directory(path: Path) -> Path:
    if path.exists() and not path.is_dir():
        raise ExportError(f"{path}: the csv and parquet exports write a directory, and this is a file")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _write_streamed(analyses: Iterable[DocumentAnalysis], path: Path, suffix: str,
                    open_writer: Callable[[Path, pa.Schema], Any], prepare: Callable[[pa.Table], pa.Table]) -> list[Path]:
    """Each table of :func:`iter_tables` into its own file of ``path``, written piece by piece."""
    out = _directory(path)
    targets = {name: out / f"{name}.{suffix}" for name in TABLES}
    writers: dict[str, Any] = {}
    try:
        for name, piece in iter_tables(analyses):
            if name not in writers:
                writers[name] = open_writer(targets[name], piece.schema)
            writers[name].write_table(prepare(piece))
        for name in TABLES:
            if name not in writers:  # no row at all: the file still carries the table's columns
                writers[name] = open_writer(targets[name], _schema(name))
    finally:
        for writer in writers.values():
            writer.close()
    return list(targets.values())


def write_csv(analyses: Iterable[DocumentAnalysis], path: Path) -> list[Path]:
    """One CSV per table of :func:`tables` in the directory ``path`` (lists joined with ``;``), streamed."""
    import pyarrow.csv as pa_csv

    return _write_streamed(analyses, path, "csv",
                           lambda target, schema: pa_csv.CSVWriter(str(target), _flat_schema(schema)), _flatten_lists)


def write_parquet(analyses: Iterable[DocumentAnalysis], path: Path) -> list[Path]:
    """One Parquet file per table of :func:`tables` in the directory ``path``, a row group per piece."""
    import pyarrow.parquet as pq

    return _write_streamed(analyses, path, "parquet", lambda target, schema: pq.ParquetWriter(str(target), schema),
                           lambda table: table)


def _counted_events(
    analyses: Iterable[DocumentAnalysis], options: NetworkOptions
) -> Iterator[tuple[DocumentAnalysis, int, Event]]:
    for a in analyses:
        published = parse_date(a.document.published)
        for index, event in enumerate(a.events):
            if event_counts(event, options) and in_window(parse_date(event.date) or published, options):
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
            "event_id": _event_id(a, index),
            "event_date": e.date or (doc.published[:10] if doc.published else None),
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
        day = parse_date(e.date) or parse_date(doc.published)
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
        analyses = reiterable(analyses)
        network = build_network(analyses, options.network)
        if fmt == "graphml":
            write_graphml(network, path, options.camps)
        else:
            write_gexf(network, path, options.camps, edge_dates(analyses, options.network))
    elif fmt == "gdelt":
        write_gdelt(analyses, path, options.network, header=options.header)
    elif fmt == "polecat":
        write_polecat(analyses, path, options.network)
    elif fmt == "acled":
        write_acled(analyses, path, options.network)
    elif fmt == "plover-jsonl":
        write_plover_jsonl(analyses, path, options.network)
    else:
        write_cameo_tsv(analyses, path, options.network)
    return path
