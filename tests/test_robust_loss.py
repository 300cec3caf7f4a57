"""Silent loss (issue 15, item 4): corrected articles, truncated .zst files, unterminated CSV quotes."""

from __future__ import annotations

import json
from pathlib import Path

import zstandard

from factionmap.ingest import iter_inputs
from factionmap.model import Document, DocumentAnalysis, IngestFailure, RawInput, Section
from factionmap.store import Store, store_results
from factionmap.store.versions import previous_version, stored_state, version_id


def _doc(doc_id: str, text: str, url: str | None = None) -> Document:
    return Document(doc_id, text, (Section("body", 0, len(text)),), name=f"{doc_id}.txt", url=url)


def test_same_id_other_text_is_a_new_version_linked_to_the_first(tmp_path: Path) -> None:
    with Store(tmp_path / "fm.db") as store:
        store.add(DocumentAnalysis(_doc("a-1", "Turkey condemned Syria.")))
        same = stored_state(store.conn, _doc("a-1", "Turkey condemned Syria."))
        assert same.state == "stored"
        corrected = stored_state(store.conn, _doc("a-1", "Turkey condemned Syria on Monday."))
        assert corrected.state == "version" and corrected.previous == "a-1"
        assert corrected.document.id.startswith("a-1~") and corrected.document.duplicate_of == "a-1"
        summary = store_results(store, [DocumentAnalysis(corrected.document)])
        assert summary.new == 1 and summary.versions == ["a-1.txt (new version of a-1)"]
        assert previous_version(store.conn, corrected.document) == "a-1"
        again = stored_state(store.conn, _doc("a-1", "Turkey condemned Syria on Monday."))
        assert again.state == "stored"  # re-running the corrected input is a no-op


def test_same_url_other_text_is_a_new_version(tmp_path: Path) -> None:
    url = "https://news.example/story"
    with Store(tmp_path / "fm.db") as store:
        store.add(DocumentAnalysis(_doc("c1", "Egypt backed Haftar.", url)))
        state = stored_state(store.conn, _doc("c2", "Egypt backed Haftar in Libya.", url))
        assert (state.state, state.previous, state.document.id) == ("version", "c1", "c2")
        assert stored_state(store.conn, _doc("c3", "Egypt backed Haftar.", url)).state == "stored"
    assert version_id("x", "0123456789abcdef") == "x~0123456789ab"


def test_corrected_jsonl_record_is_stored_and_reported(tmp_path: Path, analyzer) -> None:
    from factionmap.batch import BatchOptions
    from factionmap.store.runner import ingest_sources

    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(json.dumps({"id": "r", "text": "Turkey condemned Syria."}) + "\n", encoding="utf-8")
    second.write_text(json.dumps({"id": "r", "text": "Turkey condemned Syria and Iran."}) + "\n", encoding="utf-8")
    with Store(tmp_path / "fm.db") as store:
        ingest_sources(store, [str(first)], BatchOptions(), analyzer=analyzer)
        summary = ingest_sources(store, [str(second)], BatchOptions(), analyzer=analyzer)
        assert (summary.new, summary.already_stored) == (1, 0)
        assert summary.versions and "new version of r" in summary.versions[0]
        rerun = ingest_sources(store, [str(second)], BatchOptions(), analyzer=analyzer)
        assert (rerun.new, rerun.already_stored) == (0, 1)


def test_truncated_zst_is_an_error_not_a_short_file(tmp_path: Path) -> None:
    text = "Turkey condemned Syria for the attack. " * 2000
    whole = zstandard.ZstdCompressor().compress(text.encode())
    good, cut = tmp_path / "good.txt.zst", tmp_path / "cut.txt.zst"
    good.write_bytes(whole)
    cut.write_bytes(whole[: len(whole) // 2])
    ok, failure = iter_inputs([str(good), str(cut)])
    assert isinstance(ok, RawInput) and ok.content == text
    assert isinstance(failure, IngestFailure) and failure.name == str(cut) and "truncated" in failure.message


def test_truncated_zst_jsonl_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": f"n{i}", "text": f"Egypt backed Haftar {i}. " * 50}) + "\n" for i in range(200))
    whole = zstandard.ZstdCompressor().compress(lines.encode())
    cut = tmp_path / "c.jsonl.zst"
    cut.write_bytes(whole[: len(whole) * 3 // 4])
    items = list(iter_inputs([str(cut)]))
    assert isinstance(items[-1], IngestFailure) and "truncated" in items[-1].message
    assert all(isinstance(i, RawInput) for i in items[:-1])


def test_unterminated_csv_quote_is_reported_and_does_not_merge_rows(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text('id,text\n1,"Turkey condemned Syria.\n2,"Egypt backed Haftar."\n3,Iran denied it.\n',
                    encoding="utf-8")
    items = list(iter_inputs([str(path)]))
    assert isinstance(items[0], IngestFailure) and items[0].name == f"{path}:2"
    assert "lines 2-3 not read" in items[0].message and "quote" in items[0].message
    assert isinstance(items[1], RawInput) and (items[1].id, items[1].content) == ("3", "Iran denied it.")
    assert not any(isinstance(i, RawInput) and "Egypt" in i.content for i in items)


def test_csv_quote_never_closed_says_so(tmp_path: Path) -> None:
    path = tmp_path / "open.csv"
    path.write_text('id,text\n1,ok\n2,"Turkey condemned Syria.\n3,Iran denied it.\n', encoding="utf-8")
    ok, failure = iter_inputs([str(path)])
    assert isinstance(ok, RawInput) and ok.content == "ok"
    assert isinstance(failure, IngestFailure) and failure.name == f"{path}:3"
    assert "unterminated quote" in failure.message


def test_multiline_quoted_csv_fields_still_read(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text('id,text\n1,"First paragraph.\n\nSecond ""quoted"" one."\n2,two\n', encoding="utf-8")
    first, second = iter_inputs([str(path)])
    assert first.content == 'First paragraph.\n\nSecond "quoted" one.' and second.content == "two"
