"""The first hour of a new user: config file, documents, id prefixes, output formats (issue 16)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factionmap.cli import build_app, main
from factionmap.config import ConfigError, effective_settings, find_config, load_config
from factionmap.model import Actor, ActorProfile, Document, DocumentAnalysis, Event, Section, TextSpan
from factionmap.store import Store

TEXTS = {
    "doc-aa11": ("Qatar backs Tripoli", "2019-04-10", "Gulf Wire"),
    "doc-aa22": ("Russia arms the LNA", "2019-05-02", "Moscow Post"),
    "doc-bb33": ("Talks in Berlin", "2020-01-19", "Gulf Wire"),
}


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "fm.db"
    qatar = ActorProfile("QAT", "Qatar", "QAT", "GOV", kind="country")
    with Store(path) as store:
        for doc_id, (title, published, source) in TEXTS.items():
            text = f"{title}\n\n{title} said officials on the day."
            doc = Document(doc_id, text, (Section("title", 0, len(title)), Section("body", len(title) + 2, len(text))),
                           name=f"{doc_id}.txt", title=title, published=published, source=source)
            event = Event("SUPPORT", ("QAT",), (), TextSpan(6, 11, "backs"), TextSpan(0, len(title), title),
                          section="title", context="political")
            store.add(DocumentAnalysis(doc, (Actor(qatar, ()),), (event,)))
    return path


def invoke(*args: str):
    return CliRunner().invoke(build_app(), list(args))


def test_documents_lists_every_document_newest_first(db):
    result = invoke("documents", "--db", str(db), "--wide")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "doc-" in line]
    assert [line.split()[1] for line in lines] == ["doc-bb33", "doc-aa22", "doc-aa11"]
    assert "Russia arms the LNA" in result.output and "Moscow Post" in result.output


def test_documents_filters_by_outlet_date_and_text(db):
    out = invoke("documents", "--db", str(db), "--outlet", "gulf wire", "--until", "2019-12", "-f", "jsonl").output
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["doc-aa11"]
    out = invoke("documents", "--db", str(db), "--search", "arms", "-f", "json").output
    record = json.loads(out.splitlines()[0])
    assert record["id"] == "doc-aa22" and record["events"] == 1 and record["actors"] == 1


def test_documents_csv_has_a_header_and_a_row_each(db):
    rows = list(csv.DictReader(io.StringIO(invoke("documents", "--db", str(db), "-f", "csv").output)))
    assert {row["id"] for row in rows} == set(TEXTS) and rows[0]["published"] == "2020-01-19"


def test_a_unique_prefix_works_and_an_ambiguous_one_lists_the_matches(db):
    shown = invoke("show", "doc-bb", "--db", str(db), "--format", "json")
    assert shown.exit_code == 0 and json.loads(shown.output)["id"] == "doc-bb33"
    ambiguous = invoke("show", "doc-aa", "--db", str(db))
    assert ambiguous.exit_code == 1
    assert "ambiguous" in ambiguous.output and "doc-aa11" in ambiguous.output and "doc-aa22" in ambiguous.output
    events = invoke("events", "--db", str(db), "--document", "doc-aa", "-f", "jsonl")
    assert events.exit_code == 1 and "doc-aa22" in events.output
    assert invoke("show", "nope", "--db", str(db)).exit_code == 1


def test_events_json_lines_carry_every_field_of_the_pinned_record(db):
    records = [json.loads(line) for line in invoke("events", "--db", str(db), "-f", "json").output.splitlines()]
    assert len(records) == 3
    for key in ("type", "mode", "context", "source", "target", "negated", "hedged", "hypothetical", "section",
                "asserted_by", "trigger", "evidence", "confidence"):
        assert key in records[0], key
    assert records[0]["context"] == "political"


def test_tables_wrap_instead_of_truncating_when_piped(db):
    out = invoke("actors", "--db", str(db)).output
    assert "…" not in out and "QAT" in out


def test_bad_format_names_the_flag(db):
    result = invoke("documents", "--db", str(db), "--format", "xml")
    assert result.exit_code == 2 and "--format" in result.output


def write_config(directory: Path, body: str) -> Path:
    path = directory / "factionmap.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_config_file_in_the_working_directory_sets_defaults(tmp_path, monkeypatch, db, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTIONMAP_CONFIG", raising=False)
    monkeypatch.delenv("FACTIONMAP_DB", raising=False)
    write_config(tmp_path, f'db = "{db.name}"\nmin_confidence = 0.25\n[fetch]\ntimeout = 12\n')
    with pytest.raises(SystemExit) as exit_:
        main(["documents", "-f", "jsonl"])
    assert exit_.value.code == 0
    assert len(capsys.readouterr().out.splitlines()) == 3  # the relative db path resolved beside the file


def test_flags_override_the_config_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTIONMAP_DB", raising=False)
    write_config(tmp_path, 'db = "missing.db"\n')
    with pytest.raises(SystemExit) as exit_:
        main(["documents", "--db", str(tmp_path / "other.db")])
    assert exit_.value.code == 2 and "other.db" in capsys.readouterr().err


def test_config_command_says_where_each_value_came_from(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTIONMAP_DB", raising=False)
    path = write_config(tmp_path, 'model = "my_model"\n[fetch]\nmax_bytes = 5000\n')
    with pytest.raises(SystemExit):
        main(["config", "--format", "json"])
    record = json.loads(capsys.readouterr().out)
    assert record["file"] == str(path)
    assert record["settings"]["model"] == {"value": "my_model", "origin": str(path)}
    assert record["settings"]["fetch.max_bytes"]["value"] == 5000
    assert record["settings"]["min_confidence"]["origin"] == "default"


def test_user_config_under_xdg_is_found_when_the_directory_has_none(tmp_path):
    home = tmp_path / "xdg"
    (home / "factionmap").mkdir(parents=True)
    (home / "factionmap" / "config.toml").write_text("min_confidence = 0.5\n", encoding="utf-8")
    env = {"XDG_CONFIG_HOME": str(home)}
    found = find_config(tmp_path, env)
    assert found == home / "factionmap" / "config.toml"
    assert ("min_confidence", 0.5, str(found)) in effective_settings(load_config(found), env)


@pytest.mark.parametrize(("body", "message"), [
    ("db = 1\nmodel = = 2\n", "line 2"),
    ("colour = 'red'\n", "unknown setting 'colour'"),
    ("min_confidence = 'high'\n", "min_confidence must be float"),
    ("[fetch]\nmax_bytes = true\n", "fetch.max_bytes must be int"),
    ("[display]\nwide = true\n", r"unknown table \[display\]"),
])
def test_a_bad_config_file_is_an_error_naming_the_file(tmp_path, body, message):
    path = write_config(tmp_path, body)
    with pytest.raises(ConfigError, match=message) as error:
        load_config(path)
    assert str(path) in str(error.value)


def test_a_bad_config_file_stops_the_command_with_its_name(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    path = write_config(tmp_path, "db = 3\n")
    with pytest.raises(SystemExit) as exit_:
        main(["documents"])
    assert exit_.value.code == 2 and str(path) in capsys.readouterr().err
