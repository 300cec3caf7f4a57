from __future__ import annotations

import csv
import json

import networkx as nx
import pyarrow.parquet as pq
import pytest

from factionmap.analysis import EXPORT_FORMATS, ExportError, ExportOptions, NetworkOptions, export

from test_analysis_records import E, analysis, libya


def _docs():
    docs = libya()
    docs.append(analysis("d3", [
        E("ASSAULT", ("haftar",), ("civ",), "Haftar killed civilians."),
        E("SUPPORT", ("EGY",), ("gna",), "Egypt does not back the GNA.", negated=True),
    ], published="2019-12-05", url="https://example.org/story"))
    return docs


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_exports_load_back_with_attributes(tmp_path, fmt, reader):
    path = export(_docs(), tmp_path / f"net.{fmt}", ExportOptions(fmt))
    graph = reader(str(path))
    assert graph.is_directed()
    node = graph.nodes["gna"]
    assert node["country"] == "LBY" and node["sector"] == "GOV" and node["name"] == "Government of National Accord"
    assert node["label"] == "Government of National Accord"
    edge = graph["lna"]["gna"]
    assert int(edge["sign"]) == -1 and float(edge["weight"]) < 0 and int(edge["count"]) == 1
    assert edge["types"] == "ASSAULT:1"
    assert not graph.has_edge("EGY", "gna")  # negated


def test_graph_export_rolls_up(tmp_path):
    path = export(_docs(), tmp_path / "net.graphml", ExportOptions("graphml", NetworkOptions(roll_up=True)))
    assert "haftar" not in nx.read_graphml(str(path))


def test_parquet_tables_load_back(tmp_path):
    export(_docs(), tmp_path / "pq", ExportOptions("parquet"))
    events = pq.read_table(tmp_path / "pq" / "events.parquet").to_pylist()
    actors = pq.read_table(tmp_path / "pq" / "actors.parquet").to_pylist()
    documents = pq.read_table(tmp_path / "pq" / "documents.parquet").to_pylist()
    assert len(documents) == 3 and documents[0]["source"] == "eurasiareview"
    assert len(events) == 10 and events[1]["source"] == ["EGY", "ARE"] and events[1]["target"] == ["haftar"]
    assert any(e["negated"] for e in events)
    haftar = next(a for a in actors if a["id"] == "haftar")
    assert haftar["affiliations"] == ["lna"] and haftar["country"] == "LBY" and haftar["documents"] == 2


def test_csv_tables(tmp_path):
    export(_docs(), tmp_path / "csv", ExportOptions("csv"))
    with open(tmp_path / "csv" / "events.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[1]["source"] == "EGY;ARE" and rows[1]["type"] == "SUPPORT"
    assert {"documents.csv", "actors.csv", "events.csv"} <= {p.name for p in (tmp_path / "csv").iterdir()}


def test_plover_jsonl(tmp_path):
    path = export(_docs(), tmp_path / "events.jsonl", ExportOptions("plover-jsonl"))
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 9  # the negated event is left out
    first = records[1]
    assert first["event_type"] == "SUPPORT" and first["actor_name"] == "Egypt;United Arab Emirates"
    assert first["actor_country"] == "EGY;ARE" and first["recipient_name"] == "Khalifa Haftar"
    assert first["event_date"] == "2019-11-19" and first["source"] == "eurasiareview"
    assert first["evidence"] == "Egypt and the UAE support Haftar."


def test_cameo_tsv(tmp_path):
    path = export(_docs(), tmp_path / "events.tsv", ExportOptions("cameo-tsv"))
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    egypt = next(r for r in rows if r["Actor1Name"] == "Egypt")
    assert egypt["SQLDATE"] == "20191119" and egypt["Actor1Code"] == "EGYGOV" and egypt["Actor2Code"] == "LBYMIL"
    assert egypt["EventRootCode"] == "05" and egypt["QuadClass"] == "1" and float(egypt["GoldsteinScale"]) > 0
    killed = next(r for r in rows if r["Actor2Name"] == "civilians")
    assert killed["EventCode"] == "180" and killed["QuadClass"] == "4"
    assert killed["SOURCEURL"] == "https://example.org/story"
    fight = next(r for r in rows if r["Actor1Code"] == "LBYMIL" and r["Actor2Code"] == "LBYGOV")
    assert fight["EventRootCode"] == "19" and float(fight["GoldsteinScale"]) == -10.0


def test_bad_format_and_paths_are_clear_errors(tmp_path):
    with pytest.raises(ExportError, match="unknown export format"):
        export(_docs(), tmp_path / "x", ExportOptions("xlsx"))
    with pytest.raises(ExportError, match="does not exist"):
        export(_docs(), tmp_path / "missing" / "x.graphml", ExportOptions("graphml"))
    (tmp_path / "afile").write_text("x")
    with pytest.raises(ExportError, match="directory"):
        export(_docs(), tmp_path / "afile", ExportOptions("parquet"))
    assert "cameo-tsv" in EXPORT_FORMATS
