"""``ingest --workers N``: chunking, work done in the workers (page structure, resume check), input order."""

from __future__ import annotations

import json

from factionmap.batch import BatchOptions
from factionmap.model import DocumentAnalysis, IngestFailure, RawInput
from factionmap.store import Store
from factionmap.store import parallel
from factionmap.store.chunks import chunks
from factionmap.store.runner import ingest_sources

TEXTS = ["Russia backs Khalifa Haftar.", "Turkey attacked the LNA near Tripoli.", "Egypt supports the army."]


def test_chunks_close_on_count_and_characters():
    items = [RawInput(f"r{i}", "x" * 10) for i in range(5)] + [IngestFailure("bad", "unreadable")]
    assert [len(c) for c in chunks(iter(items), 2, 1000)] == [2, 2, 2]
    assert [len(c) for c in chunks(iter(items), 10, 25)] == [3, 3]
    assert list(chunks(iter([]), 2, 10)) == []


def test_worker_chunk_builds_pages_skips_stored_and_keeps_order(tmp_path, monkeypatch, analyzer):
    monkeypatch.setattr(parallel, "_worker_analyzer", lambda blob: analyzer)
    db = tmp_path / "fm.db"
    with Store(db) as store:
        first = parallel._work_chunk(b"", str(db), [RawInput("a.txt", TEXTS[0])])
        assert isinstance(first[0], DocumentAnalysis)
        store.add(first[0])
    items = [RawInput("empty.txt", "   "), IngestFailure("gone.txt", "missing"), RawInput("a.txt", TEXTS[0]),
             RawInput("b.txt", TEXTS[1])]
    out = parallel._work_chunk(b"", str(db), items)
    assert isinstance(out[0], IngestFailure) and out[0].name == "empty.txt" and out[0].stage == "document"
    assert out[1] == items[1]
    assert out[2] == parallel._Stored(first[0].document.id)  # content-hashed id, known only after page structure
    assert isinstance(out[3], DocumentAnalysis) and out[3].document.name == "b.txt"
    assert any(a.profile.name == "Turkey" for a in out[3].actors)


def test_parallel_ingest_keeps_input_order_names_failures_and_resumes(tmp_path):
    jsonl = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"id": f"d{i}", "url": f"https://example.org/{i}", "text": f"{TEXTS[i % 3]} ({i})"})
             for i in range(7)]
    lines.insert(3, "{not json")
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = tmp_path / "page.txt"
    text.write_text(TEXTS[1] + " Qatar condemned the strikes.", encoding="utf-8")
    sources = [str(jsonl), str(tmp_path / "missing.txt"), str(text)]
    order: list[str] = []
    with Store(tmp_path / "fm.db") as store:
        summary = ingest_sources(store, sources, BatchOptions(), workers=2,
                                 on_result=lambda r, new: order.append(r.document.id if new else r.name))
        assert (summary.new, len(summary.failures)) == (8, 2)
        assert order[:3] == ["d0", "d1", "d2"] and ":4" in order[3] and order[4:8] == ["d3", "d4", "d5", "d6"]
        assert "missing.txt" in order[8]
        assert store.has_document(order[9])
        again = ingest_sources(store, sources, BatchOptions(), workers=2)
        assert (again.new, again.already_stored, len(again.failures)) == (0, 8, 2)
