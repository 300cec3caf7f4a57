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
