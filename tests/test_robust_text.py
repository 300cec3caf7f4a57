"""Odd text that used to crash ingest (issue 15, items 2 and 8): surrogates, undecodable names, UTF-16."""

from __future__ import annotations

import json
import os
from pathlib import Path

from factionmap.ingest import IngestOptions, iter_inputs
from factionmap.model import IngestFailure, RawInput


def test_lone_surrogate_in_jsonl_is_replaced_and_the_record_read(tmp_path: Path) -> None:
    src = tmp_path / "s.jsonl"
    src.write_text('{"id":"s","text":"Turkey condemned it. \\ud800 end.","title":"T \\udfff"}\n', encoding="utf-8")
    (item,) = iter_inputs([str(src)])
    assert isinstance(item, RawInput)
    assert item.content == "Turkey condemned it. \ufffd end." and item.title == "T \ufffd"
    item.content.encode("utf-8")  # storable and printable


def test_file_name_with_a_non_utf8_byte_is_read_and_named_printably(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text("Egypt backed Haftar.", encoding="utf-8")
    (item,) = iter_inputs([str(tmp_path)])
    assert isinstance(item, RawInput) and item.content == "Egypt backed Haftar."
    assert item.name.endswith("caf\\xe9.txt")
    item.name.encode("utf-8")


def test_surrogates_and_bad_names_are_stored_end_to_end(tmp_path: Path, analyzer) -> None:
    from factionmap.batch import BatchOptions
    from factionmap.store import Store
    from factionmap.store.runner import ingest_sources

    jsonl = tmp_path / "s.jsonl"
    jsonl.write_text(json.dumps({"id": "s", "text": "Turkey condemned it. \ud800 end."}) + "\n", encoding="utf-8")
    odd = tmp_path / os.fsdecode(b"x\xff.txt")
    odd.write_text("Egypt backed Haftar in Libya.", encoding="utf-8")
    with Store(tmp_path / "fm.db") as store:
        summary = ingest_sources(store, [str(jsonl), str(odd)], BatchOptions(), analyzer=analyzer)
        names = sorted(r[0] for r in store.conn.execute("SELECT name FROM documents"))
    assert summary.new == 2 and not summary.failures
    assert names[0].endswith("s.jsonl:1") and names[1].endswith("x\\xff.txt")


def test_bomless_utf16_is_text_not_binary(tmp_path: Path) -> None:
    text = "Turkey condemned Syria for the attack on Afrin.\n"
    le, be = tmp_path / "le.txt", tmp_path / "be.txt"
    le.write_bytes(text.encode("utf-16-le"))
    be.write_bytes(text.encode("utf-16-be"))
    a, b = iter_inputs([str(le), str(be)])
    assert isinstance(a, RawInput) and a.content == text
    assert isinstance(b, RawInput) and b.content == text


def test_forced_utf16_encoding_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "u.txt"
    path.write_bytes("Ça va, Türkiye condemned it.".encode("utf-16-le"))
    (item,) = iter_inputs([str(path)], IngestOptions(encoding="utf-16-le"))
    assert isinstance(item, RawInput) and item.content == "Ça va, Türkiye condemned it."
    (binary,) = iter_inputs([str(tmp_path / "u.txt")], IngestOptions(encoding="utf-8"))
    assert isinstance(binary, IngestFailure)


def test_real_binary_with_nul_bytes_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_bytes(bytes(range(256)) * 20)
    (item,) = iter_inputs([str(path)])
    assert isinstance(item, IngestFailure) and "binary" in item.message


def test_terminal_escape_sequences_never_reach_names_titles_or_text(tmp_path: Path) -> None:
    src = tmp_path / "e.jsonl"
    record = {"id": "e", "title": "Breaking\x1b[2J\x1b]0;owned\x07", "author": "A\x9b31m", "text": "Turkey \x1b[31mcondemned\x1b[0m it."}
    src.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (item,) = iter_inputs([str(src)])
    for value in (item.title, item.author, item.content):
        assert "\x1b" not in value and "\x07" not in value and "\x9b" not in value
    assert item.content == "Turkey \ufffd[31mcondemned\ufffd[0m it."  # one for one: offsets hold


def test_deeply_nested_html_keeps_its_text() -> None:
    from factionmap.document import build_document

    for depth in (300, 3000):
        html = ("<html><body><h1>Head</h1>" + '<div class="w">' * depth
                + "<p>Turkey condemned Syria for the attack on Afrin on Monday.</p><p>Egypt backed Haftar.</p>"
                + "</div>" * depth + "</body></html>")
        doc = build_document(RawInput(name=f"deep{depth}.html", content=html, fmt="html"))
        assert "Turkey condemned Syria" in doc.text and "Egypt backed Haftar." in doc.text
