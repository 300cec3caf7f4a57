"""GDELT, POLECAT and ACLED exports, dynamic GEXF and the extra tables, each loaded back.

The documents are sentences written for these tests, read by the real pipeline.
"""

from __future__ import annotations

import csv
import json
from datetime import date, datetime, timezone
from pathlib import Path

import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from factionmap.analysis import ExportOptions, export
from factionmap.analysis.formats import (
    ACLED_COLUMNS,
    GDELT_COLUMNS,
    gdelt_event_number,
    polecat_schema,
    write_gdelt,
)
from factionmap.cli import build_app
from factionmap.document import build_document
from factionmap.model import RawInput
from factionmap.store import Store

STORY = (
    "Syrian jets bombed a market in Saraqib on Sunday, killing 15 civilians and wounding 30 others. "
    "Turkey condemned the attack on Monday."
)
PAGES = [
    ("a", STORY, "https://news.example.org/saraqib", "example"),
    ("b", STORY + " The strike was the deadliest this month.", "https://other.example.net/story", "other"),
    ("c", "Protesters marched in Goma on Friday. Police arrested 12 protesters in the city.", None, None),
]


@pytest.fixture(scope="module")
def analyses(analyzer):
    read = []
    for name, text, url, source in PAGES:
        raw = RawInput(name=f"{name}.txt", content=text, url=url, source=source, published="2019-04-10")
        read.append(analyzer.analyze_one(build_document(raw)))
    return read


def ids(analyses) -> set[str]:
    return {e["id"] for a in analyses for e in a.to_record()["events"]}


def test_gdelt_is_61_tab_separated_columns_without_a_header(analyses, tmp_path):
    path = tmp_path / "events.tsv"
    added = datetime(2019, 4, 11, 6, 0, tzinfo=timezone.utc)
    count = write_gdelt(analyses, path, added=added)
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines]
    assert count == len(rows) > 0 and all(len(r) == 61 for r in rows)
    assert len(GDELT_COLUMNS) == 61 and GDELT_COLUMNS[26] == "EventCode" and GDELT_COLUMNS[-1] == "SOURCEURL"
    numbers = {gdelt_event_number(i) for i in ids(analyses)}
    assert {int(r[0]) for r in rows} <= numbers
    col = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    bombing = next(r for r in rows if r[col["EventRootCode"]] in ("18", "19") and "saraqib" in r[-1])
    assert bombing[col["SQLDATE"]] == "20190407" and bombing[col["Year"]] == "2019"
    assert bombing[col["Actor1CountryCode"]] == "SYR" and bombing[col["QuadClass"]] == "4"
    assert bombing[col["ActionGeo_CountryCode"]] == "SY" and bombing[col["ActionGeo_Type"]] == "4"
    assert bombing[col["ActionGeo_ADM1Code"]] == "SY12" and float(bombing[col["ActionGeo_Lat"]]) > 35
    assert bombing[col["NumArticles"]] == "2" and bombing[col["NumSources"]] == "2"
    assert bombing[col["DATEADDED"]] == "20190411060000"
    assert any(r[-1] == "" for r in rows)  # a local file has no SOURCEURL


def test_gdelt_header_flag_from_the_cli(analyses, tmp_path):
    db = tmp_path / "fm.db"
    with Store(db) as store:
        for a in analyses:
            store.add(a)
    out = tmp_path / "gdelt.tsv"
    result = CliRunner().invoke(build_app(), ["export", "--db", str(db), "-f", "gdelt", "--header", "-o", str(out)])
    assert result.exit_code == 0, result.output
    header, *rows = out.read_text(encoding="utf-8").splitlines()
    assert tuple(header.split("\t")) == GDELT_COLUMNS and rows
    listed = CliRunner().invoke(build_app(), ["events", "--db", str(db), "--near", "Idlib", "--radius", "40",
                                              "-f", "json"])
    assert listed.exit_code == 0, listed.output
    near = [json.loads(line) for line in listed.stdout.splitlines()]
    assert near and all(r["location"]["country"] == "SYR" for r in near)
    assert {gdelt_event_number(r["id"]) for r in near} <= {int(r.split("\t")[0]) for r in rows} | {
        gdelt_event_number(r["id"]) for r in near if r["type"] not in ("ASSAULT", "ACCUSE")}
    congo = CliRunner().invoke(build_app(), ["events", "--db", str(db), "--country", "COD", "-f", "json"])
    assert congo.exit_code == 0 and all(json.loads(x)["location"]["country"] == "COD" for x in congo.stdout.splitlines())
    bad = CliRunner().invoke(build_app(), ["events", "--db", str(db), "--near", "Xyzzyville"])
    assert bad.exit_code == 2 and "Xyzzyville" in bad.output


def test_polecat_lines_follow_the_schema(analyses, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    path = export(analyses, tmp_path / "events.jsonl", ExportOptions("polecat"))
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    validator = jsonschema.Draft202012Validator(polecat_schema())
    for record in records:
        validator.validate(record)
    assert {r["event_id"] for r in records} <= ids(analyses)
    bombing = next(r for r in records if r["event_type"] == "ASSAULT" and r["location"])
    assert bombing["quad_code"] == "MAT CONF" and bombing["location"]["name"] == "Saraqib"
    assert bombing["actor"][0]["country"] == "SYR" and bombing["actor"][0]["text"]
    assert bombing["killed"] == 15 and bombing["event_date"] == "2019-04-07"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**bombing, "quad_code": "CONF"})


def test_acled_csv_by_column_names(analyses, tmp_path):
    path = export(analyses, tmp_path / "acled.csv", ExportOptions("acled"))
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert tuple(reader.fieldnames) == ACLED_COLUMNS
    strike = next(r for r in rows if r["event_type"] == "Explosions/Remote violence")
    assert strike["sub_event_type"] == "Air/drone strike" and strike["disorder_type"] == "Political violence"
    assert (strike["location"], strike["country"], strike["geo_precision"]) == ("Saraqib", "SYR", "1")
    assert strike["fatalities"] == "15" and strike["time_precision"] == "1" and "Saraqib" in strike["notes"]
    assert strike["inter1"] == "1" and strike["event_id_cnty"] in ids(analyses)
    arrest = next(r for r in rows if r["sub_event_type"] == "Arrests")
    assert arrest["location"] == "Goma" and arrest["country"] == "COD"
    assert not any(r["event_type"] == "" for r in rows)


def _gexf_schema(shared: Path):
    etree = pytest.importorskip("lxml.etree")
    xsd = shared / "schemas" / "gexf-1.3" / "gexf.xsd"
    if not xsd.is_file():
        pytest.skip("GEXF 1.3 schema not present")
    return etree, etree.XMLSchema(etree.parse(str(xsd)))


def test_gexf_is_dynamic_with_camps_and_validates(analyses, tmp_path, shared_dir):
    etree, schema = _gexf_schema(shared_dir)
    path = export(analyses, tmp_path / "net.gexf", ExportOptions("gexf"))
    document = etree.parse(str(path))
    assert schema.validate(document), schema.error_log
    assert document.getroot().find("{http://gexf.net/1.3}graph").get("mode") == "dynamic"
    graph = nx.read_gexf(str(path), version="1.3")
    assert all("camp" in d for _, d in graph.nodes(data=True))
    edge = next(d for _, _, d in graph.edges(data=True) if d.get("spells"))
    assert float(edge["abs_weight"]) == abs(float(edge["weight"]))


def test_gexf_and_graphml_load_with_camp_and_abs_weight(analyses, tmp_path):
    gexf = nx.read_gexf(str(export(analyses, tmp_path / "net.gexf", ExportOptions("gexf"))), version="1.3")
    graphml = nx.read_graphml(str(export(analyses, tmp_path / "net.graphml", ExportOptions("graphml"))))
    for graph in (gexf, graphml):
        assert graph.number_of_edges() > 0
        assert all(int(d["camp"]) >= 0 for _, d in graph.nodes(data=True))
        assert all(float(d["abs_weight"]) == abs(float(d["weight"])) for _, _, d in graph.edges(data=True))
    spells = [d["spells"] for _, _, d in gexf.edges(data=True) if "spells" in d]
    assert spells and all(start == end for spell in spells for start, end in spell)


def test_parquet_and_csv_gain_quotes_figures_mentions_with_dates(analyses, tmp_path):
    export(analyses, tmp_path / "pq", ExportOptions("parquet"))
    names = {p.stem for p in (tmp_path / "pq").iterdir()}
    assert {"documents", "actors", "events", "quotes", "figures", "mentions"} <= names
    events = pq.read_table(tmp_path / "pq" / "events.parquet")
    assert events.schema.field("date").type == pa.date32()
    figures = pq.read_table(tmp_path / "pq" / "figures.parquet").to_pylist()
    killed = next(f for f in figures if f["kind"] == "killed")
    assert killed["value"] == 15 and killed["event"] in set(events.column("id").to_pylist())
    assert date(2019, 4, 7) in events.column("date").to_pylist()
    export(analyses, tmp_path / "csv", ExportOptions("csv"))
    with open(tmp_path / "csv" / "mentions.csv", encoding="utf-8", newline="") as handle:
        mentions = list(csv.DictReader(handle))
    assert mentions and {"document", "actor", "start", "end", "text", "rule"} <= set(mentions[0])


def test_windows_use_the_event_date(analyses, tmp_path):
    from factionmap.analysis import NetworkOptions
    from factionmap.analysis.formats import polecat_records

    # published 2019-04-10; the bombing happened on Sunday 2019-04-07, Turkey spoke on Monday 2019-04-08
    after = list(polecat_records(analyses, NetworkOptions(since=date(2019, 4, 8))))
    assert after and all(r["event_date"] >= "2019-04-08" for r in after)
    assert not any(r["event_type"] == "ASSAULT" and r["location"] and r["location"]["name"] == "Saraqib" for r in after)
    db = tmp_path / "fm.db"
    with Store(db) as store:
        for a in analyses:
            store.add(a)
    out = tmp_path / "early.jsonl"
    result = CliRunner().invoke(build_app(), ["export", "--db", str(db), "-f", "polecat", "--until", "2019-04-07",
                                              "-o", str(out)])
    assert result.exit_code == 0, result.output
    dates = {json.loads(line)["event_date"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert "2019-04-07" in dates and max(dates) <= "2019-04-07"  # the bombing (Sunday), the march (Friday)
