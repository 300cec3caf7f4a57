"""The input flags shared by ``analyze`` and ``ingest`` reach the library options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from factionmap.cli import build_app
from factionmap.cli.inputs import InputFlags


def test_flags_become_ingest_and_analyze_options(tmp_path: Path) -> None:
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text("blockade\tverb\tCOERCE\t-\tmilitary\t0.8\n", encoding="utf-8")
    params = {
        "model": "my_model", "actors": None, "lexicon": [lexicon], "min_confidence": 0.4,
        "text_field": "body", "id_field": "guid", "date_field": "day", "encoding": "latin-1",
        "max_bytes": 1000, "fetch_links": True, "db": "ignored",
    }
    options = InputFlags.from_params(params).batch_options()
    assert options.ingest.text_field == "body" and options.ingest.id_field == "guid"
    assert options.ingest.date_field == "day" and options.ingest.encoding == "latin-1"
    assert options.ingest.max_bytes == 1000 and options.ingest.fetch_feed_links
    assert options.analyze.model == "my_model" and options.analyze.lexicon_files == (lexicon,)
    assert options.analyze.min_confidence == 0.4


def test_missing_lexicon_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(typer.BadParameter, match="--lexicon|file not found"):
        InputFlags.from_params({"lexicon": [tmp_path / "nope.tsv"]}).batch_options()


def test_a_lemma_file_reaches_the_options_and_a_missing_one_is_a_usage_error(tmp_path: Path) -> None:
    lemmas = tmp_path / "lemmas.tsv"
    lemmas.write_text("briefed\tVERB\tbrief\n", encoding="utf-8")
    assert InputFlags.from_params({"lemmas": [lemmas]}).batch_options().analyze.lemma_files == (lemmas,)
    with pytest.raises(typer.BadParameter, match="nope.tsv") as caught:
        InputFlags.from_params({"lemmas": [tmp_path / "nope.tsv"]}).batch_options()
    assert caught.value.param_hint == "--lemmas"


def test_analyze_takes_a_lemmas_flag(tmp_path: Path) -> None:
    lemmas = tmp_path / "lemmas.tsv"
    lemmas.write_text("briefed\tVERB\tbrief\n", encoding="utf-8")
    result = CliRunner().invoke(build_app(), ["analyze", "--help"])
    assert result.exit_code == 0 and "--lemmas" in result.output
    result = CliRunner().invoke(build_app(), ["analyze", "--lemmas", str(tmp_path / "nope.tsv"), str(lemmas)])
    assert result.exit_code == 2 and "nope.tsv" in result.output


def test_analyze_reads_a_csv_with_a_column_mapping(tmp_path: Path) -> None:
    corpus = tmp_path / "wire.csv"
    corpus.write_text(
        "guid,story,day\n"
        "w-1,\"Turkey sent drones to the Tripoli government, officials said.\",2020-01-05\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        build_app(),
        ["analyze", "--format", "json", "--text-field", "story", "--id-field", "guid",
         "--date-field", "day", str(corpus)],
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.strip().splitlines()[0])
    assert record["id"] == "w-1"
    assert record["published"].startswith("2020-01-05")
    assert "Turkey sent drones" in record["text"]
