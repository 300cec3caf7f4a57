"""Ingest from files, directories, stdin and compressed corpora, including bad input."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import sys
import tracemalloc
from pathlib import Path

import pytest
import zstandard

from factionmap.ingest import IngestOptions, iter_inputs
from factionmap.model import IngestFailure, RawInput

PAGE = "<!DOCTYPE html><html><head><title>Talks in Geneva</title></head><body><p>Envoys met.</p></body></html>"
STORY = "The ceasefire held for a third day as envoys met in Geneva.\n"


def read(*sources: str | Path, **options: object) -> list[RawInput | IngestFailure]:
    return list(iter_inputs([str(s) for s in sources], IngestOptions(**options)))  # type: ignore[arg-type]


def failures(items: list[RawInput | IngestFailure]) -> list[str]:
    return [str(item) for item in items if isinstance(item, IngestFailure)]


def test_text_html_and_markdown_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.html").write_text(PAGE)
    (tmp_path / "c.md").write_text("# Title\n\n" + STORY)
    items = read(tmp_path / "a.txt", tmp_path / "b.html", tmp_path / "c.md")
    assert [(i.name, i.fmt) for i in items] == [
        (str(tmp_path / "a.txt"), "text"),
        (str(tmp_path / "b.html"), "html"),
        (str(tmp_path / "c.md"), "text"),
    ]
    assert items[0].content == STORY


def test_jsonl_keeps_ids_and_fields_and_names_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "wire-1", "text": STORY, "url": "https://example.org/1", "title": "T", "published": "2019-04-05", "source": "Wire", "author": "A. Writer"}),
        "",
        "{not json",
        json.dumps({"html": PAGE, "id": 42}),
        json.dumps(["a", "list"]),
        json.dumps({"body": "no text field"}),
        json.dumps({"text": 12}),
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n")
    items = read(path)
    good = [i for i in items if isinstance(i, RawInput)]
    assert [(g.id, g.fmt, g.name) for g in good] == [("wire-1", "text", f"{path}:1"), ("42", "html", f"{path}:4")]
    first = good[0]
    assert (first.url, first.title, first.published, first.source, first.author) == (
        "https://example.org/1", "T", "2019-04-05", "Wire", "A. Writer")
    bad = failures(items)
    assert bad[0].startswith(f"{path}:3: not valid JSON")
    assert bad[1] == f"{path}:5: expected a JSON object, got a list"
    assert bad[2].startswith(f"{path}:6: no non-empty 'text' or 'html' field (fields: body)")
    assert bad[3] == f"{path}:7: field 'text' is a int, not a string"


def test_jsonl_field_mapping_with_dotted_names(tmp_path: Path) -> None:
    path = tmp_path / "dump.ndjson"
    path.write_text(json.dumps({"article": STORY, "meta": {"link": "https://e.org/x", "date": "2020-01-01"}}) + "\n")
    (item,) = read(path, text_field="article", url_field="meta.link", date_field="meta.date")
    assert (item.content, item.url, item.published) == (STORY, "https://e.org/x", "2020-01-01")


def test_jsonl_line_over_the_limit_is_skipped_and_named(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": STORY}) + "\n")
    items = read(path, max_bytes=1000)
    assert failures(items) == [f"{path}:1: line longer than the 1,000 byte limit (max_bytes)"]
    assert [i.name for i in items if isinstance(i, RawInput)] == [f"{path}:2"]


def test_csv_with_column_mapping_and_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text(
        "doc,body,when,outlet\n"
        'n1,"A story\nover two lines",2019-04-04,Wire\n'
        "n2,only,three\n"
        "n3,,2019-04-06,Wire\n"
        f"n4,{STORY.strip()},2019-04-07,Daily\n"
    )
    items = read(path, text_field="body", id_field="doc", date_field="when", source_field="outlet")
    good = [i for i in items if isinstance(i, RawInput)]
    assert [(g.id, g.name, g.published, g.source) for g in good] == [
        ("n1", f"{path}:2", "2019-04-04", "Wire"),
        ("n4", f"{path}:6", "2019-04-07", "Daily"),
    ]
    assert good[0].content == "A story\nover two lines"
    bad = failures(items)
    assert bad[0] == f"{path}:4: row has 3 fields, the header has 4"
    assert bad[1].startswith(f"{path}:5: no non-empty 'body'")


def test_csv_without_text_column_says_which_columns_exist(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n")
    assert failures(read(path)) == [
        f"{path}: no 'text' or 'html' column (columns: a, b); name the column with --text-field or --html-field"
    ]


def test_tsv_and_invalid_utf8_row(tmp_path: Path) -> None:
    path = tmp_path / "x.tsv"
    path.write_bytes(b"id\ttext\n1\tgood row\n2\tbad \xff row\n3\tanother\n")
    items = read(path)
    assert [i.id for i in items if isinstance(i, RawInput)] == ["1", "3"]
    assert failures(items)[0].startswith(f"{path}:3: row is not valid UTF-8")


@pytest.mark.parametrize(
    "suffix, compress",
    [
        (".gz", gzip.compress),
        (".bz2", bz2.compress),
        (".xz", lzma.compress),
        (".zst", lambda data: zstandard.ZstdCompressor().compress(data)),
    ],
)
def test_compressed_corpora_and_pages(tmp_path: Path, suffix: str, compress) -> None:  # type: ignore[no-untyped-def]
    jsonl = "".join(json.dumps({"id": f"d{n}", "text": f"{STORY} ({n})"}) + "\n" for n in range(50))
    (tmp_path / f"c.jsonl{suffix}").write_bytes(compress(jsonl.encode()))
    (tmp_path / f"p.html{suffix}").write_bytes(compress(PAGE.encode()))
    items = read(tmp_path / f"c.jsonl{suffix}", tmp_path / f"p.html{suffix}")
    assert not failures(items)
    assert [i.id for i in items[:50]] == [f"d{n}" for n in range(50)]
    assert items[50].fmt == "html" and items[50].content == PAGE


def test_corrupt_compressed_file_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl.gz"
    rows = "".join(json.dumps({"text": f"story {n} " * 20}) + "\n" for n in range(2000))
    data = gzip.compress(rows.encode())
    path.write_bytes(data[: len(data) // 2])
    items = read(path, tmp_path / "missing.txt")
    assert failures(items)[-1] == f"{tmp_path / 'missing.txt'}: no such file or directory"
    assert any(f.startswith(str(path)) for f in failures(items)[:-1])


def test_directory_recursive_sorted_skipping_hidden_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "z.txt").write_text(STORY)
    (tmp_path / "a.html").write_text(PAGE)
    (tmp_path / ".hidden.txt").write_text(STORY)
    (tmp_path / ".git" / "x.txt").write_text(STORY)
    (tmp_path / "image.png").write_bytes(b"\x89PNG....")
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(json.dumps({"text": STORY}).encode()))
    (tmp_path / "meta.json").write_text("{}")
    names = [i.name for i in read(tmp_path)]
    assert names == [str(tmp_path / "a.html"), f"{tmp_path / 'c.jsonl.gz'}:1", str(tmp_path / "b" / "z.txt")]


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "page.php").write_text("\n  " + PAGE)
    (tmp_path / "story.dat").write_text(STORY)
    (tmp_path / "rows.out").write_text(json.dumps({"text": STORY}) + "\n" + json.dumps({"text": STORY}) + "\n")
    items = read(tmp_path / "page.php", tmp_path / "story.dat", tmp_path / "rows.out")
    assert [(i.name, i.fmt) for i in items] == [
        (str(tmp_path / "page.php"), "html"),
        (str(tmp_path / "story.dat"), "text"),
        (f"{tmp_path / 'rows.out'}:1", "text"),
        (f"{tmp_path / 'rows.out'}:2", "text"),
    ]


def test_stdin_text_and_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STORY.encode())))
    (item,) = read("-")
    assert (item.name, item.content, item.fmt) == ("<stdin>", STORY, "text")
    rows = json.dumps({"id": "s1", "text": STORY}) + "\nnot json\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(rows.encode())))
    items = read("-")
    assert items[0].id == "s1" and items[0].name == "<stdin>:1"
    assert failures(items)[0].startswith("<stdin>:2: not valid JSON")


def test_bad_inputs_each_named_and_the_rest_still_read(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n")
    (tmp_path / "nul.txt").write_bytes(b"abc\x00\x01\x02" * 100)
    (tmp_path / "doc.pdf.txt").write_bytes(b"%PDF-1.7 binary")
    (tmp_path / "ok.txt").write_text(STORY)
    items = read(tmp_path / "missing.txt", tmp_path / "empty.txt", tmp_path / "blank.txt",
                 tmp_path / "nul.txt", tmp_path / "doc.pdf.txt", tmp_path / "ok.txt")
    assert failures(items) == [
        f"{tmp_path / 'missing.txt'}: no such file or directory",
        f"{tmp_path / 'empty.txt'}: empty file (0 bytes)",
        f"{tmp_path / 'blank.txt'}: empty: only whitespace",
        f"{tmp_path / 'nul.txt'}: binary file (contains NUL bytes), not text",
        f"{tmp_path / 'doc.pdf.txt'}: binary file (a PDF document), not text",
    ]
    assert items[-1].content == STORY


def test_legacy_encodings_are_detected(tmp_path: Path) -> None:
    text = "Le président a déclaré que la trêve était fragile, à Genève, l'été dernier."
    (tmp_path / "latin.txt").write_bytes((text * 5).encode("cp1252"))
    (tmp_path / "meta.html").write_bytes(
        f'<html><head><meta charset="iso-8859-1"></head><body><p>{text}</p></body></html>'.encode("latin-1"))
    (tmp_path / "bom16.txt").write_bytes(text.encode("utf-16"))
    items = read(tmp_path / "latin.txt", tmp_path / "meta.html", tmp_path / "bom16.txt")
    assert not failures(items)
    assert all(text in i.content for i in items)


def test_forced_encoding_that_does_not_fit_is_named(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes("café".encode("utf-8") + b"\xff")
    assert failures(read(path, encoding="ascii")) == [f"{path}: cannot be decoded as ascii (the encoding option)"]


def test_file_over_the_limit_says_how_big(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as out:
        out.write(b"word " * 10_485_760)  # 50 MB
    assert failures(read(path)) == [
        f"{path}: file is 52.4 MB (52,428,800 bytes), over the 10,000,000 byte limit (max_bytes)"
    ]
    path.with_suffix(".txt.gz").write_bytes(gzip.compress(b"word " * 100_000))
    assert failures(read(path.with_suffix(".txt.gz"), max_bytes=100_000)) == [
        f"{path.with_suffix('.txt.gz')}: content is over the 100,000 byte limit (max_bytes)"
    ]


def test_compressed_jsonl_streams_in_bounded_memory(tmp_path: Path) -> None:
    row = json.dumps({"text": "The envoy spoke. " * 600}) + "\n"  # ~10 kB

    def peak_reading(rows: int) -> tuple[int, int]:
        path = tmp_path / f"rows-{rows}.jsonl.gz"
        with gzip.open(path, "wt") as out:
            for _ in range(rows):
                out.write(row)
        tracemalloc.start()
        try:
            count = sum(1 for item in iter_inputs([str(path)]) if isinstance(item, RawInput))
            return count, tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    peak_reading(10)  # modules the readers import on first use are not the stream's memory
    small_count, small = peak_reading(300)  # ~3 MB decompressed
    big_count, big = peak_reading(3000)  # ~30 MB decompressed
    assert (small_count, big_count) == (300, 3000)
    # streamed: ten times the input does not cost ten times the memory (nor more than a few MB)
    assert big < 2 * small + 2_000_000 and big < 10_000_000, (small, big)


def test_empty_directory_is_named(tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (failure,) = read(tmp_path)
    assert str(failure).startswith(f"{tmp_path}: directory holds no inputs (looked for .atom .csv")


def test_a_pipe_is_streamed_and_sniffed(tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "wb") as out:
            out.write((json.dumps({"text": STORY}) + "\n").encode())

    writer = threading.Thread(target=feed)
    writer.start()
    items = read(fifo)
    writer.join()
    assert [(i.name, i.content) for i in items] == [(f"{fifo}:1", STORY)]


def test_json_object_and_array(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"id": "j1", "text": STORY}, indent=2))
    (tmp_path / "many.json").write_text(json.dumps([{"text": STORY}, 3, {"html": PAGE}]))
    (tmp_path / "bad.json").write_text('{"text": ')
    items = read(tmp_path / "one.json", tmp_path / "many.json", tmp_path / "bad.json")
    assert [(i.name, getattr(i, "id", None)) for i in items[:4]] == [
        (str(tmp_path / "one.json"), "j1"),
        (f"{tmp_path / 'many.json'}#item-1", None),
        (f"{tmp_path / 'many.json'}#item-2", None),
        (f"{tmp_path / 'many.json'}#item-3", None),
    ]
    assert failures(items) == [
        f"{tmp_path / 'many.json'}#item-2: expected a JSON object, got a int",
        f"{tmp_path / 'bad.json'}: not valid JSON (Expecting value at line 1, column 10)",
    ]


def test_source_defaults_keep_no_entry_per_record(tmp_path: Path) -> None:
    """The lookup of which file a record came from keeps one entry per container file,
    not one per record (a 10-million-line JSONL would otherwise hold every name)."""
    from factionmap.ingest.sidecar import _file_of

    path = tmp_path / "rows.jsonl"
    path.write_text("{}\n")
    files: dict = {}
    for line in range(1, 501):
        assert _file_of(f"{path}:{line}", files) == (path.resolve(), False)
    assert _file_of(str(path), files) == (path.resolve(), True)
    assert _file_of(f"{path}#record-3", files) == (path.resolve(), False)
    assert _file_of("https://example.org/a:3", files) == (None, False)
    assert list(files) == [str(path)]
