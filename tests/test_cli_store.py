"""CLI: analyze, ingest, events, actors, show — in-process with typer's CliRunner."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from factionmap.cli import build_app
from factionmap.model import Actor, ActorProfile, Document, DocumentAnalysis, Event, Quote, Section, TextSpan
from factionmap.store import Store

TEXT = "Russia backs Khalifa Haftar. The UN called on Turkey to stop arming the GNA."


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def app(nlp, monkeypatch):
    """The app, with the pipeline builder returning the session's pipeline (no reload per test)."""
    monkeypatch.setattr("factionmap.pipeline.build_nlp", lambda options=None: nlp)
    return build_app()


@pytest.fixture()
def stored_db(tmp_path):
    """A database holding one hand-built analysis, so query output is exact."""
    russia = ActorProfile("RUS", "Russia", "RUS", "GOV", kind="country")
    haftar = ActorProfile("haftar", "Khalifa Haftar", "LBY", "MIL", kind="person")
    ghost = ActorProfile("x-ghost", "Ghost Brigade", known=False)
    doc = Document("doc-abc123", TEXT, (Section("title", 0, 28), Section("body", 29, len(TEXT))), name="t.txt",
                   title="Backers")
    event = Event("SUPPORT", ("RUS",), ("haftar",), TextSpan(7, 12, "backs"), TextSpan(0, 28, TEXT[:28]),
                  section="title", hedged=True, confidence=0.8)
    analysis = DocumentAnalysis(
        doc, (Actor(russia, ()), Actor(haftar, ()), Actor(ghost, ())), (event,),
        quotes=(Quote("RUS", "Russia", "we back him", 0, 6),),
    )
    path = tmp_path / "fm.db"
    with Store(path) as store:
        store.add(analysis)
    return path


def test_analyze_json_prints_one_record_per_document(app, runner, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(TEXT, encoding="utf-8")
    b.write_text("Egypt supports the army. " * 3, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(a), str(b), "--format", "json"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2
    assert records[0]["text"].startswith("Russia backs") and records[0]["id"].startswith("doc-")
    assert {"id", "sections", "actors", "events", "quotes", "figures"} <= set(records[0])


def test_analyze_reports_failures_by_name_and_goes_on(app, runner, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(tmp_path / "missing.txt"), str(good), "-f", "json"])
    assert result.exit_code == 0
    assert "missing.txt" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_analyze_exits_nonzero_only_when_every_input_failed(app, runner, tmp_path):
    result = runner.invoke(app, ["analyze", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr


def test_analyze_table_prints_the_document(app, runner, tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(a)])
    assert result.exit_code == 0, result.output
    assert "a.txt" in result.stdout or "doc-" in result.stdout


@pytest.mark.parametrize("args", [["analyze", "--bogus", "x"], ["analyze", "x", "--format", "xml"], ["events", "--nope"]])
def test_bad_usage_is_a_clear_usage_error(app, runner, args):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "Usage" in result.output or "Usage" in result.stderr


def test_ingest_twice_is_a_noop_the_second_time(app, runner, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "out" / "fm.db"
    first = runner.invoke(app, ["ingest", str(src), str(tmp_path / "gone.txt"), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "1 new document" in first.stdout and "gone.txt" in first.stdout
    second = runner.invoke(app, ["ingest", str(src), "--db", str(db)])
    assert second.exit_code == 0
    assert "0 new document(s), 1 already stored" in second.stdout
    with Store(db) as store:
        assert store.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
        assert store.conn.execute("SELECT input FROM errors").fetchall()[0][0].endswith("gone.txt")


def test_ingest_exits_nonzero_when_every_input_failed(app, runner, tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path / "gone.txt"), "--db", str(tmp_path / "fm.db")])
    assert result.exit_code == 1
    assert "gone.txt" in result.stdout + result.stderr


def test_events_table_and_json(app, runner, stored_db):
    table = runner.invoke(app, ["events", "--db", str(stored_db)])
    assert table.exit_code == 0, table.output
    assert "Russia —SUPPORT→ Khalifa Haftar" in table.stdout
    assert "hedged" in table.stdout and "Russia backs Khalifa Haftar." in table.stdout
    rows = runner.invoke(app, ["events", "--db", str(stored_db), "--actor", "Haftar", "-f", "json"])
    (record,) = [json.loads(line) for line in rows.stdout.splitlines()]
    assert record["type"] == "SUPPORT" and record["source"] == ["RUS"] and record["document"] == "doc-abc123"
    none = runner.invoke(app, ["events", "--db", str(stored_db), "--type", "ASSAULT", "-f", "json"])
    assert none.exit_code == 0 and none.stdout.strip() == ""


def test_actors_lists_counts_and_unresolved(app, runner, stored_db):
    result = runner.invoke(app, ["actors", "--db", str(stored_db), "-f", "json"])
    names = [json.loads(line)["name"] for line in result.stdout.splitlines()]
    assert set(names) == {"Russia", "Khalifa Haftar", "Ghost Brigade"}
    unresolved = runner.invoke(app, ["actors", "--db", str(stored_db), "--unresolved"])
    assert "Ghost Brigade" in unresolved.stdout and "Russia" not in unresolved.stdout


def test_show_prints_sections_and_findings(app, runner, stored_db):
    result = runner.invoke(app, ["show", "doc-abc", "--db", str(stored_db)])
    assert result.exit_code == 0, result.output
    assert "title" in result.stdout and "body" in result.stdout
    assert "SUPPORT" in result.stdout and "we back him" in result.stdout
    missing = runner.invoke(app, ["show", "doc-zzz", "--db", str(stored_db)])
    assert missing.exit_code == 1 and "doc-zzz" in missing.stderr


def test_query_commands_on_a_missing_database_say_so(app, runner, tmp_path):
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "none.db" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_ingest_resumes_by_url_and_records_bad_jsonl_lines(app, runner, tmp_path):
    first = tmp_path / "a.jsonl"
    first.write_text(json.dumps({"id": "w-1", "url": "https://example.org/1", "text": TEXT}) + "\n", encoding="utf-8")
    again = tmp_path / "b.jsonl"
    again.write_text(
        json.dumps({"id": "w-1-updated", "url": "https://example.org/1", "text": TEXT + " Updated."}) + "\n"
        + json.dumps({"id": "w-2", "url": "https://example.org/2", "text": "Egypt supports the army."}) + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "fm.db"
    assert runner.invoke(app, ["ingest", str(first), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["ingest", str(again), "--db", str(db)])
    assert result.exit_code == 0, result.output
    # Same URL, other text: a corrected article is stored as a new version of the first, and said so.
    assert "2 new document(s), 0 already stored" in result.stdout
    flat = " ".join(result.stdout.split())
    assert "1 stored as a new version" in flat and "(new version of w-1)" in flat
    with Store(db) as store:
        assert store.has_document("w-2") and store.duplicate_of("w-1-updated") == "w-1"
    assert "0 new document(s), 2 already stored" in runner.invoke(app, ["ingest", str(again), "--db", str(db)]).stdout


def test_ingest_interrupt_says_how_to_resume(app, runner, tmp_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("factionmap.store.runner.ingest_sources", interrupted)
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(src), "--db", str(tmp_path / "fm.db")])
    assert result.exit_code == 130
    assert "re-run to resume" in result.stderr


def test_not_a_database_is_a_clear_error(app, runner, tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_bytes(b"this is not sqlite at all" * 100)
    result = runner.invoke(app, ["actors", "--db", str(bogus)])
    assert result.exit_code == 2 and "notes.db" in result.stderr


def test_evidence_markup_bolds_the_trigger_and_cuts_around_it():
    from factionmap.cli.analyze import evidence_markup

    sentence = "Long preamble words " * 20 + "Russia backs Haftar" + " and a long tail of words" * 20
    start = sentence.index("backs")
    markup = evidence_markup(sentence, (start, start + 5), limit=80)
    assert "[bold not dim]backs[/bold not dim]" in markup
    assert markup.startswith("…") and markup.endswith("…") and len(markup) < 140
    assert "…Long" in markup or "…preamble" in markup or "…words" in markup  # cut at a word boundary
    assert evidence_markup("Short [x] one.", None) == "Short \\[x] one."
