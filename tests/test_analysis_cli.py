from __future__ import annotations

import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from factionmap.cli import build_app
from factionmap.store import Store

from test_analysis_records import libya


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("analysis") / "fm.db"
    with Store(path) as store:
        for analysis in libya():
            store.add(analysis)
    return path


def _run(*args):
    result = CliRunner().invoke(build_app(), [str(a) for a in args])
    return result


def test_camps_json_is_pinned(db):
    result = _run("camps", "--db", db, "--roll-up", "--format", "json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    # the pinned fields stay; per-piece solving (the default) adds the piece of each camp
    assert {"camps", "unassigned", "frustration", "violations"} <= set(record)
    assert {"scope", "pieces", "unconnected_pieces"} <= set(record) and all("piece" in c for c in record["camps"])
    camps = [{a["id"] for a in c["actors"]} for c in record["camps"]]
    assert any({"RUS", "lna"} <= c for c in camps) and any({"TUR", "gna"} <= c for c in camps)
    glob = json.loads(_run("camps", "--db", db, "--roll-up", "--global", "--format", "json").stdout)
    assert set(glob) == {"camps", "unassigned", "frustration", "violations"}


def test_contradictions_network_timeline_sources_tables(db):
    result = _run("contradictions", "--db", db, "--roll-up", "-f", "json")
    assert result.exit_code == 0, result.output
    # a list prints JSON Lines, one contradiction per line
    assert any(json.loads(line)["kind"] == "backs_both_sides" for line in result.stdout.splitlines())
    for args in (("network",), ("camps",), ("contradictions",), ("timeline", "Turkey"), ("sources",),
                 ("timeline", "gna", "lna", "--period", "week")):
        result = _run(*args, "--db", db)
        assert result.exit_code == 0, (args, result.output)
    assert "Turkey" in _run("network", "--db", db).stdout
    rows = [json.loads(x) for x in _run("timeline", "TUR", "--db", db, "-f", "json").stdout.splitlines()]
    assert rows[0]["period"] == "2019-11"
    network = json.loads(_run("network", "--db", db, "--since", "2019-12", "-f", "json").stdout)
    assert {(e["source"], e["target"]) for e in network["edges"]} >= {("TUR", "gna")}
    assert ("RUS", "haftar") not in {(e["source"], e["target"]) for e in network["edges"]}


def test_export_command_and_errors(db, tmp_path):
    out = tmp_path / "net.graphml"
    result = _run("export", "--db", db, "--format", "graphml", "--out", out)
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(str(out)).nodes["gna"]["country"] == "LBY"
    assert _run("export", "--db", db, "--format", "xlsx", "--out", out).exit_code != 0
    assert _run("camps", "--db", tmp_path / "none.db").exit_code == 2
    assert _run("camps", "--db", db, "--since", "last week").exit_code != 0
    assert _run("timeline", "Atlantis", "--db", db).exit_code == 1


def test_min_confidence_drops_weak_events(db):
    network = json.loads(_run("network", "--db", db, "--min-confidence", "0.9", "-f", "json").stdout)
    assert network["edges"] == []


def test_affiliation_weight_option(db):
    for weight in ("0", "0.5"):
        result = _run("camps", "--db", db, "--affiliation-weight", weight, "-f", "json")
        assert result.exit_code == 0, result.output
        record = json.loads(result.stdout)
        camps = [{a["id"] for a in c["actors"]} for c in record["camps"]]
        if weight != "0":  # Haftar sits with the LNA he leads
            assert any({"haftar", "lna"} <= c for c in camps)
    assert _run("camps", "--db", db, "--affiliation-weight", "-1").exit_code != 0
    assert _run("contradictions", "--db", db, "--affiliation-weight", "0").exit_code == 0


def test_camps_and_network_scope_to_an_actors_theatre_or_ego_network(db):
    scoped = _run("camps", "--db", db, "--roll-up", "--actor", "Libyan National Army", "--format", "json")
    assert scoped.exit_code == 0, scoped.output
    actors = {a["id"] for c in json.loads(scoped.stdout)["camps"] for a in c["actors"]}
    assert {"lna", "gna"} <= actors
    ego = _run("network", "--db", db, "--actor", "Turkey", "--hops", "1", "--format", "json")
    assert ego.exit_code == 0, ego.output
    nodes = {n["id"] for n in json.loads(ego.stdout)["nodes"]}
    assert "TUR" in nodes and len(nodes) < len(json.loads(_run("network", "--db", db, "-f", "json").stdout)["nodes"])
    bad = _run("camps", "--db", db, "--hops", "1")
    assert bad.exit_code == 2 and "--hops" in bad.output
