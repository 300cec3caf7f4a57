"""Scale pieces that need no Ray: source planning, lossless records, the nothing-new check, CLI flags."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from scale_corpus import dump_store, write_corpus

from factionmap.cli import build_app
from factionmap.ingest import IngestOptions
from factionmap.scale import RayEngineError, RayOptions, plan_sources
from factionmap.scale.engine import _actor_analyze, _fitted_cpus
from factionmap.scale.parquet import load_parquet, write_parquet
from factionmap.scale.records import analysis_from_json, analysis_to_json
from factionmap.scale.resume import stored_already
from factionmap.store import Store
from factionmap.store.runner import ingest_sources


@pytest.fixture(scope="module")
def small_db(analyzer, tmp_path_factory) -> tuple[Path, Path]:
    where = tmp_path_factory.mktemp("units")
    corpus = write_corpus(where / "corpus.jsonl", 6)
    with Store(where / "small.db") as store:
        ingest_sources(store, [str(corpus)], analyzer=analyzer)
    return corpus, where / "small.db"


def test_plan_sources_lists_directories_and_refuses_stdin(tmp_path):
    (tmp_path / "b.txt").write_text("two", encoding="utf-8")
    (tmp_path / "a.html").write_text("<p>one</p>", encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")  # metadata in a directory: not an input
    assert plan_sources([str(tmp_path), "https://example.org/x"]) == [
        str(tmp_path / "a.html"), str(tmp_path / "b.txt"), "https://example.org/x"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert plan_sources([str(empty)]) == [str(empty)]  # the reader names the problem
    with pytest.raises(RayEngineError, match="standard input"):
        plan_sources(["-"])


def test_actor_cpus_fit_the_cluster():
    fake = SimpleNamespace(cluster_resources=lambda: {"CPU": 2.0})
    assert _fitted_cpus(fake, RayOptions(num_workers=2)) == pytest.approx((2 - 1) / 2)  # one CPU left for the read task
    big = SimpleNamespace(cluster_resources=lambda: {"CPU": 16.0})
    assert _fitted_cpus(big, RayOptions(num_workers=4)) == pytest.approx(0.9)
    with pytest.raises(ValueError, match="num_workers"):
        RayOptions(num_workers=0)


def test_actors_encode_in_line_unless_they_reserve_two_cpus():
    import pickle

    from factionmap.batch import BatchOptions
    from factionmap.pipeline import AnalyzeOptions

    options = BatchOptions(analyze=AnalyzeOptions(min_confidence=0.3))
    inline = pickle.loads(_actor_analyze(options, 0.9))
    assert inline.encoder_thread is False and inline.min_confidence == 0.3  # nothing else changes
    assert pickle.loads(_actor_analyze(options, 2.0)).encoder_thread is True
    off = BatchOptions(analyze=AnalyzeOptions(encoder_thread=False))
    assert pickle.loads(_actor_analyze(off, 4.0)).encoder_thread is False  # never turned on


def test_encoder_thread_option_reaches_the_typer():
    from factionmap.pipeline import AnalyzeOptions, build_nlp

    nlp = build_nlp(AnalyzeOptions(encoder_thread=False))
    assert nlp.get_pipe("factionmap_event_typer").typer.options.overlap is False


def test_read_tasks_cut_the_local_engines_chunks(tmp_path, monkeypatch):
    import pickle

    from factionmap.ingest import iter_inputs
    from factionmap.scale.engine import _read_chunks
    from factionmap.store.chunks import chunks

    corpus = write_corpus(tmp_path / "corpus.jsonl", 7)
    (tmp_path / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    rows = list(_read_chunks({"source": [corpus.name, "bad.jsonl"]}, ingest_blob=pickle.dumps(IngestOptions()),
                             cwd=str(tmp_path), size=3))
    got = [pickle.loads(row["chunk"][0]) for row in rows]  # one chunk per row, each one pickle
    monkeypatch.chdir(tmp_path)  # relative paths, read as the driver saw them
    expected = list(chunks(iter_inputs([corpus.name, "bad.jsonl"], IngestOptions()), 3, 200_000))
    assert [len(chunk) for chunk in got] == [len(chunk) for chunk in expected] == [3, 3, 2]
    assert [item.name for chunk in got for item in chunk] == [item.name for chunk in expected for item in chunk]
    assert "bad.jsonl" in got[-1][-1].name and got[-1][-1].stage  # the unreadable line travels as a failure


def test_records_round_trip_exactly(small_db):
    with Store(small_db[1]) as store:
        analyses = list(store.iter_analyses())
    assert any(a.events for a in analyses)
    for analysis in analyses:
        assert analysis_from_json(analysis_to_json(analysis)) == analysis
    with pytest.raises(ValueError, match="not a factionmap analysis record"):
        analysis_from_json('{"document": {}}')


def test_parquet_written_and_loaded_gives_the_same_store(small_db, tmp_path):
    with Store(small_db[1]) as store:
        analyses = list(store.iter_analyses())
    summary = write_parquet(analyses, tmp_path / "parts")
    assert summary.new == len(analyses)
    with Store(tmp_path / "loaded.db") as store:
        assert load_parquet(store, tmp_path / "parts").new == len(analyses)
        assert load_parquet(store, tmp_path / "parts").already_stored == len(analyses)  # idempotent
    assert dump_store(tmp_path / "loaded.db")["events"] == dump_store(small_db[1])["events"]


def test_stored_already_stops_at_the_first_new_input(small_db, tmp_path):
    corpus, db = small_db
    with Store(db) as store:
        done = stored_already(store, [str(corpus)], IngestOptions())
        assert done is not None and done.already_stored == 6
        more = write_corpus(tmp_path / "more.jsonl", 2, start=100)
        assert stored_already(store, [str(corpus), str(more)]) is None
        assert stored_already(store, [str(tmp_path / "missing.jsonl")]) is None  # the full run records it


def test_unchanged_reingest_loads_no_model(small_db, monkeypatch):
    corpus, db = small_db

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded for a run with nothing new")

    monkeypatch.setattr("factionmap.cli.store.load_analyzer_or_exit", no_model)
    result = CliRunner().invoke(build_app(), ["ingest", str(corpus), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "0 new document(s), 6 already stored" in result.output


def test_engine_flags_are_checked(tmp_path):
    app = build_app()
    result = CliRunner().invoke(app, ["ingest", "x.txt", "--db", str(tmp_path / "d.db"), "--out-parquet", str(tmp_path)])
    assert result.exit_code == 2 and "--engine ray" in result.output
    result = CliRunner().invoke(app, ["ingest", "x.txt", "--engine", "spark"])
    assert result.exit_code == 2
