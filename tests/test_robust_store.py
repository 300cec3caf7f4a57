"""Store under pressure (issue 15, items 3, 4 and 8): races, full disks, one bad record."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from factionmap.model import Document, DocumentAnalysis, IngestFailure, Section
from factionmap.store import Store, StoreError, store_results


def _analysis(doc_id: str, text: str = "Turkey condemned Syria.", url: str | None = None) -> DocumentAnalysis:
    return DocumentAnalysis(Document(doc_id, text, (Section("body", 0, len(text)),), name=f"{doc_id}.txt", url=url))


class _Racing(Store):
    """A store whose first "already stored?" check is answered just before another process stores the document."""

    def __init__(self, path: Path, rival: Store) -> None:
        super().__init__(path)
        self.rival = rival
        self.raced = False

    def has_document(self, document_id: str) -> bool:
        answer = super().has_document(document_id)
        if not self.raced:
            self.raced = True
            self.rival.add(_analysis(document_id))
        return answer


def test_a_document_stored_by_another_process_between_check_and_write_is_already_stored(tmp_path: Path) -> None:
    db = tmp_path / "race.db"
    with Store(db) as rival, _Racing(db, rival) as store:
        summary = store_results(store, [_analysis("doc-1"), _analysis("doc-2", "Egypt backed Haftar.")])
    assert (summary.new, summary.already_stored, summary.failures) == (1, 1, [])
    with sqlite3.connect(db) as conn:
        assert sorted(r[0] for r in conn.execute("SELECT id FROM documents")) == ["doc-1", "doc-2"]


def test_a_full_disk_says_so_instead_of_cannot_rollback(tmp_path: Path) -> None:
    db = tmp_path / "full.db"
    with Store(db) as store:
        store.add(_analysis("small"))
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        big = _analysis("big", "Turkey condemned Syria. " * 50_000)
        with pytest.raises(StoreError, match="database or disk is full") as info:
            store_results(store, [big])
        assert "rollback" not in str(info.value)
        assert not store.conn.in_transaction and not store.has_document("big") and store.has_document("small")


def test_a_record_that_cannot_be_stored_is_a_named_failure_and_the_batch_goes_on(tmp_path: Path) -> None:
    with Store(tmp_path / "fm.db") as store:
        bad = _analysis("bad", "Turkey condemned it. \ud800 end.")  # bypassing ingest's cleaning
        summary = store_results(store, [bad, _analysis("good", "Egypt backed Haftar.")])
        errors = store.conn.execute("SELECT input, stage FROM errors").fetchall()
        assert store.has_document("good") and not store.has_document("bad")
    assert summary.new == 1 and [f.name for f in summary.failures] == ["bad.txt"]
    assert [tuple(e) for e in errors] == [("bad.txt", "store")]
    assert "surrogate" in summary.failures[0].message



def test_like_wildcards_in_actor_queries_are_literal(tmp_path: Path) -> None:
    from factionmap.model import Actor, ActorProfile, Mention
    from factionmap.store import find_actor_ids

    text = "Turkey and 100% Rebels."
    doc = Document("d", text, (Section("body", 0, len(text)),), name="d.txt")
    actors = (Actor(ActorProfile("TUR", "Turkey", "TUR", "GOV"), (Mention(0, 6, "Turkey", "TUR"),)),
              Actor(ActorProfile("reb", "100% Rebels", known=False), (Mention(11, 22, "100% Rebels", "reb"),)))
    with Store(tmp_path / "fm.db") as store:
        store.add(DocumentAnalysis(doc, actors=actors))
        assert find_actor_ids(store, "%") == ["reb"]  # only the name that holds a percent sign
        assert find_actor_ids(store, "_") == []
        assert find_actor_ids(store, "urk") == ["TUR"]


def test_the_same_failure_at_every_poll_is_one_error_row(tmp_path: Path) -> None:
    with Store(tmp_path / "fm.db") as store:
        down = IngestFailure("https://feeds.example/rss", "HTTP 503 Service Unavailable")
        for _ in range(3):
            store_results(store, [down])
        store_results(store, [IngestFailure("https://feeds.example/rss", "HTTP 404 Not Found")])
        rows = store.conn.execute("SELECT message FROM errors ORDER BY id").fetchall()
    assert [r[0] for r in rows] == ["HTTP 503 Service Unavailable", "HTTP 404 Not Found"]


def test_two_processes_migrating_a_new_database_at_once_do_not_collide(tmp_path: Path) -> None:
    from factionmap.store.schema import migrate

    db = tmp_path / "new.db"
    first = sqlite3.connect(db, isolation_level=None)
    second = sqlite3.connect(db, isolation_level=None)
    second.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    import factionmap.store.schema as schema

    real = schema.applied_migrations

    def racing(conn: sqlite3.Connection) -> list[str]:
        """``second`` looked (nothing applied yet); then ``first`` applies everything."""
        schema.applied_migrations = real
        migrate(first)
        return []

    schema.applied_migrations = racing
    try:
        assert migrate(second) == []
    finally:
        schema.applied_migrations = real
    assert [r[0] for r in second.execute("SELECT name FROM migrations")] == [n for n, _ in schema.MIGRATIONS]
