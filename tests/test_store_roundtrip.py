"""Store: round trip of full records, idempotence, per-document transactions, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from factionmap.model import (
    Actor, ActorProfile, Document, DocumentAnalysis, Event, Figure, IngestFailure, Mention, Quote, Section, TextSpan,
)
from factionmap.store import Store, actor_counts, applied_migrations, list_events, store_counts, store_results

TEXT = "Russia backs Khalifa Haftar.\nBy A. Writer\nGreat piece. Turkey attacked the LNA."


def _analysis(doc_id: str = "doc-1", text: str = TEXT, published: str | None = "2019-04-10") -> DocumentAnalysis:
    russia = ActorProfile("RUS", "Russia", "RUS", "GOV", kind="country")
    haftar = ActorProfile("haftar", "Khalifa Haftar", "LBY", "MIL", kind="person", affiliations=("lna",))
    turkey = ActorProfile("TUR", "Turkey", "TUR", "GOV", kind="country")
    lna = ActorProfile("lna", "Libyan National Army", "LBY", "MIL")
    unknown = ActorProfile("x-writer", "A. Writer", known=False)
    doc = Document(
        doc_id, text,
        (Section("body", 0, 28), Section("byline", 29, 41, author="A. Writer"),
         Section("comment", 42, len(text), author="Sam", published="2019-04-11")),
        name="sample.txt", url=f"https://example.org/{doc_id}", title="Backing", author="A. Writer",
        published=published, source="example.org", language="en",
    )
    t0 = text.index("Turkey")
    events = (
        Event("SUPPORT", ("RUS",), ("haftar",), TextSpan(7, 12, "backs"), TextSpan(0, 28, text[0:28]),
              section="body", confidence=0.9, hedged=True, evidence=(TextSpan(0, 28, text[0:28]),)),
        Event("ASSAULT", ("TUR",), ("lna",), TextSpan(t0 + 7, t0 + 15, "attacked"),
              TextSpan(t0, len(text), text[t0:]), section="comment", asserted_by="commenter", mode="military",
              negated=True, confidence=0.6),
    )
    actors = (
        Actor(russia, (Mention(0, 6, "Russia", "RUS"),)),
        Actor(haftar, (Mention(13, 27, "Khalifa Haftar", "haftar", rule="alias", confidence=0.95),)),
        Actor(unknown, (Mention(32, 41, "A. Writer", "x-writer", rule="ner"),)),
        Actor(turkey, (Mention(t0, t0 + 6, "Turkey", "TUR"),)),
        Actor(lna, (Mention(len(text) - 4, len(text) - 1, "LNA", "lna", rule="acronym"),)),
    )
    return DocumentAnalysis(
        doc, actors, events,
        quotes=(Quote("RUS", "Russia", "we back him", 0, 10, direct=False),),
        figures=(Figure("killed", 12, 0, 5, qualifier="more_than", subject="civilians", value_max=15),),
        errors=("body@0: events: boom",),
    )


def test_iter_analyses_round_trips_full_records(tmp_path):
    original = _analysis()
    with Store(tmp_path / "fm.db") as store:
        assert store.add(original) is True
        (back,) = list(store.iter_analyses())
    assert back == original
    assert back.to_record() == original.to_record()


def test_reingest_is_a_noop_and_exact_copy_is_linked(tmp_path):
    with Store(tmp_path / "fm.db") as store:
        assert store.add(_analysis()) is True
        before = store_counts(store)
        assert store.add(_analysis()) is False
        assert store_counts(store) == before
        assert store.add(_analysis("doc-2")) is True
        assert store.duplicate_of("doc-2") == "doc-1"
        assert store.has_url("https://example.org/doc-1") and not store.has_url("https://nowhere")
        assert store.has_document("doc-2") and not store.has_document("doc-3")


def test_iter_analyses_filters_by_date_and_ids(tmp_path):
    with Store(tmp_path / "fm.db") as store:
        store.add(_analysis("a", TEXT, "2019-04-10"))
        store.add(_analysis("b", TEXT + " More.", "2020-01-02T10:00:00"))
        store.add(_analysis("c", TEXT + " Undated.", None))
        ids = lambda **kw: [a.document.id for a in store.iter_analyses(**kw)]  # noqa: E731
        assert ids() == ["a", "b", "c"]
        assert ids(since="2019-05-01") == ["b"]
        assert ids(until="2019-04") == ["a"]
        assert ids(until="2020-01-02") == ["a", "b"]
        assert ids(documents=["c", "a"]) == ["a", "c"]
        assert ids(documents=[]) == []


def test_interrupt_mid_batch_keeps_earlier_documents(tmp_path):
    path = tmp_path / "fm.db"

    def results():
        for i in range(3):
            yield _analysis(f"doc-{i}", TEXT + f" n{i}")
        yield IngestFailure("bad.txt", "empty document", stage="document")
        raise KeyboardInterrupt

    with Store(path) as store, pytest.raises(KeyboardInterrupt):
        store_results(store, results())
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 6
    assert conn.execute("SELECT input, stage FROM errors").fetchall() == [("bad.txt", "document")]
    conn.close()
    with Store(path) as store:  # a re-run resumes: stored documents are skipped
        summary = store_results(store, [_analysis(f"doc-{i}", TEXT + f" n{i}") for i in range(4)])
    assert (summary.new, summary.already_stored) == (1, 3)


def test_failure_inside_a_document_rolls_back_only_that_document(tmp_path):
    bad = _analysis("doc-bad", TEXT + " x")
    nameless = ActorProfile("z", None)  # type: ignore[arg-type]  # violates actors.name NOT NULL
    broken = DocumentAnalysis(bad.document, bad.actors + (Actor(nameless, ()),), bad.events)
    with Store(tmp_path / "fm.db") as store:
        store.add(_analysis())
        with pytest.raises(sqlite3.IntegrityError):
            store.add(broken)
        assert not store.has_document("doc-bad")
        assert [a.document.id for a in store.iter_analyses()] == ["doc-1"]


def test_migrations_are_named_and_applied_once(tmp_path):
    path = tmp_path / "fm.db"
    with Store(path):
        pass
    with Store(path) as store:
        from factionmap.store import MIGRATIONS

        assert applied_migrations(store.conn) == [name for name, _ in MIGRATIONS]
        assert applied_migrations(store.conn)[:3] == ["0001_v1_tables", "0002_minhash", "0003_published_raw"]
        assert "0004_event_time_place" in applied_migrations(store.conn)
        mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_store_does_no_io_before_open(tmp_path):
    path = tmp_path / "sub" / "fm.db"
    store = Store(path)
    assert not path.parent.exists()
    with store:
        assert path.exists()


def test_queries_filter_events_and_count_actors(tmp_path):
    with Store(tmp_path / "fm.db") as store:
        store.add(_analysis())
        assert [e.type for e in list_events(store, actor="Khalifa Haftar")] == ["SUPPORT"]
        assert [e.type for e in list_events(store, actor="lna")] == ["ASSAULT"]
        assert [e.type for e in list_events(store, type="assault")] == ["ASSAULT"]
        assert list_events(store, actor="Nobody") == []
        row = list_events(store, document="doc")[0]  # unique id prefix
        assert row.source_names == ("Russia",) and row.target_names == ("Khalifa Haftar",)
        assert row.sentence == "Russia backs Khalifa Haftar." and row.hedged
        assert len(list_events(store, limit=1)) == 1
        counts = actor_counts(store)
        assert {c.id for c in counts} == {"RUS", "haftar", "x-writer", "TUR", "lna"}
        assert [c.name for c in actor_counts(store, unresolved=True)] == ["A. Writer"]
        assert next(c for c in counts if c.id == "RUS").events == 1


def test_parallel_ingest_matches_one_worker_and_resumes(tmp_path):
    from factionmap.batch import BatchOptions
    from factionmap.store.runner import ingest_sources

    sources = []
    for i, text in enumerate(["Russia backs Khalifa Haftar.", "Turkey attacked the LNA near Tripoli.",
                              "Egypt supports the army.", "The UN called on Turkey to stop."]):
        path = tmp_path / f"in{i}.txt"
        path.write_text(text, encoding="utf-8")
        sources.append(str(path))
    sources.append(str(tmp_path / "missing.txt"))
    rows = {}
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.db") as store:
            summary = ingest_sources(store, sources, BatchOptions(), workers=workers)
            assert (summary.new, len(summary.failures)) == (4, 1)
            again = ingest_sources(store, sources[:2], BatchOptions(), workers=workers)
            assert (again.new, again.already_stored) == (0, 2)
            rows[workers] = [_canonical(a.to_record()) for a in store.iter_analyses()]
    assert rows[1] == rows[2]


def _canonical(record: dict) -> dict:
    """The record with list order normalised (worker processes may order set-derived lists differently)."""
    import json

    return {k: sorted(json.dumps(x, sort_keys=True) for x in v) if isinstance(v, list) else v
            for k, v in record.items()}


def test_iter_analyses_reads_pages_in_order_and_only_what_was_stored_at_the_start(tmp_path: Path) -> None:
    """Documents come back in ingestion order across keyset pages (more than one page here),
    and one stored while the iteration runs is not part of it."""
    from factionmap.model import Document, DocumentAnalysis, Section
    from factionmap.store import core

    def analysis(n: int) -> DocumentAnalysis:
        text = f"Dispatch number {n} from the front."
        return DocumentAnalysis(Document(f"doc-{n:04d}", text, (Section("body", 0, len(text)),), name=f"{n}.txt"))

    count = 2 * core._PAGE + 3
    with Store(tmp_path / "fm.db") as store:
        for n in range(count):
            store.add(analysis(n))
        seen = []
        for item in store.iter_analyses():
            if not seen:
                store.add(analysis(count))  # stored during the iteration: not read by it
            seen.append(item.document.id)
        assert seen == [f"doc-{n:04d}" for n in range(count)]
        assert [a.document.id for a in store.iter_analyses(documents=["doc-0600", "doc-0002"])] == ["doc-0002"]
        assert sum(1 for _ in store.iter_analyses()) == count + 1
