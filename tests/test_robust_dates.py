"""Publication dates (issue 15, item 5): normalised to ISO 8601 at ingest, raw kept; bounds validated."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from factionmap.document import build_document
from factionmap.ingest.published import DateBoundError, check_date_bound, check_date_window, normalise_published
from factionmap.model import DocumentAnalysis, RawInput
from factionmap.store import Store


@pytest.mark.parametrize("given, iso", [
    ("May 5, 2019", "2019-05-05"),
    ("5 May 2019", "2019-05-05"),
    ("Sunday, May 5th, 2019 at 4:44 pm", "2019-05-05"),
    ("Sun, 05 May 2019 10:00:00 GMT", "2019-05-05T10:00:00Z"),
    ("Sun, 05 May 2019 10:00:00 +0200", "2019-05-05T10:00:00+02:00"),
    ("13/04/2019", "2019-04-13"),
    ("04/13/2019", "2019-04-13"),
    ("05/04/2019", "2019"),  # day and month could be swapped: only the year is certain
    ("1557050400", "2019-05-05T10:00:00Z"),
    ("1557050400000", "2019-05-05T10:00:00Z"),
    ("2019-05-05", "2019-05-05"),
    ("2019-05-05T10:00:00Z", "2019-05-05T10:00:00Z"),
    ("2019-05-05 10:00:00", "2019-05-05T10:00:00"),
    ("2019/05/05", "2019-05-05"),
    ("May 2019", "2019-05"),
    ("2019", "2019"),
    ("2019-13-45", None),
    ("yesterday", None),
    ("", None),
])
def test_normalise_published(given: str, iso: str | None) -> None:
    assert normalise_published(given) == iso


def test_build_document_keeps_the_raw_value_beside_the_iso_one() -> None:
    doc = build_document(RawInput(name="a", content="Turkey condemned Syria.", published="May 5, 2019"))
    assert (doc.published, doc.published_raw) == ("2019-05-05", "May 5, 2019")
    iso = build_document(RawInput(name="b", content="Turkey condemned Syria.", published="2019-05-05"))
    assert (iso.published, iso.published_raw) == ("2019-05-05", None)


def test_since_compares_dates_not_strings(tmp_path: Path) -> None:
    with Store(tmp_path / "fm.db") as store:
        for i, given in enumerate(["May 5, 2019", "Tue, 02 Jan 2024 08:00:00 GMT", "1704189600", "05/04/2019"]):
            doc = build_document(RawInput(name=f"d{i}", content=f"Turkey condemned Syria {i}.", published=given))
            store.add(DocumentAnalysis(doc))
        since = [a.document.name for a in store.iter_analyses(since="2024")]
        raw = [r[0] for r in store.conn.execute("SELECT published_raw FROM documents ORDER BY rowid")]
    assert since == ["d1", "d2"]
    assert raw == ["May 5, 2019", "Tue, 02 Jan 2024 08:00:00 GMT", "1704189600", "05/04/2019"]


@pytest.mark.parametrize("value", ["2023-13-45", "2023-02-30", "2023-1", "last year", "0000"])
def test_impossible_bounds_are_refused(value: str) -> None:
    with pytest.raises(DateBoundError, match="--since"):
        check_date_bound(value, "--since")


def test_since_after_until_is_refused_and_same_month_is_fine() -> None:
    with pytest.raises(DateBoundError, match="after --until"):
        check_date_window("2024", "2023-06")
    assert check_date_window("2023-06-10", "2023-06") == ("2023-06-10", "2023-06")
    with pytest.raises(DateBoundError):
        list(Store(":memory:").open().iter_analyses(since="2023-13-45"))


def test_cli_refuses_impossible_and_inverted_windows(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from factionmap.cli import build_app

    db = tmp_path / "fm.db"
    Store(db).open().close()
    runner = CliRunner()
    bad = runner.invoke(build_app(), ["network", "--db", str(db), "--since", "2023-13-45"])
    assert bad.exit_code == 2 and "not a real date" in " ".join(bad.output.split())
    inverted = runner.invoke(build_app(), ["network", "--db", str(db), "--since", "2024", "--until", "2023"])
    assert inverted.exit_code == 2 and "after --until" in " ".join(inverted.output.split())


def test_migration_normalises_dates_already_stored(tmp_path: Path) -> None:
    from factionmap.store.schema import MIGRATIONS

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for name, func in MIGRATIONS[:2]:
        func(conn)
        conn.execute("INSERT INTO migrations VALUES (?, 'x')", (name,))
    conn.execute("INSERT INTO documents (id, text, content_hash, published, ingested_at) VALUES"
                 " ('a', 't', 'h', 'May 5, 2019', 'x'), ('b', 't2', 'h2', '2024-01-02', 'x')")
    conn.close()
    with Store(db) as store:
        rows = store.conn.execute("SELECT id, published, published_raw FROM documents ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [("a", "2019-05-05", "May 5, 2019"), ("b", "2024-01-02", None)]
