"""Fuzzing the readers and ``analyze`` (issue 15, item 9): no input crashes the batch.

Every generated input, in every format the ingest reads (text decoding, HTML, JSONL, CSV/TSV,
feeds, WARC, JSON, and each compression, whole or cut short), must come out as records or
as failures naming the input, with text that can be stored and printed, and page structure
and analysis must turn each record into an analysis or a named failure.  Each property is
bounded (``max_examples``, ``deadline``) so the file runs in well under a minute.
"""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import tempfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factionmap.batch import analyze_isolated, documents_from
from factionmap.ingest import IngestOptions, iter_inputs
from factionmap.model import DocumentAnalysis, IngestFailure, RawInput

READERS = settings(max_examples=40, deadline=timedelta(seconds=5), derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ANALYZE = settings(max_examples=8, deadline=timedelta(seconds=20), derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
OPTIONS = IngestOptions(max_bytes=200_000)

WORDS = st.sampled_from([
    "Turkey", "condemned", "Syria", "Russia", "backs", "Haftar", "the", "attack", "on", "Afrin", "said", "not",
    "\u00e9t\u00e9", "\u0645\u0635\u0631", "\ud83d\ude00", "\u200b", "\x00", "\x1b[2J", "\ud800", ".", ",", "\n", "\n\n",
    '"', "'", "<p>", "</div>", "&amp;", "\\", "%", "_", "\ufeff", "\r\n", "\t", "1,200", "2019-13-45",
])
TEXTS = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=80).map(" ".join))
BLOBS = st.one_of(st.binary(max_size=600), TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")),
                  TEXTS.map(lambda t: t.encode("utf-16-le", "surrogatepass")))


def _write(suffix: str, data: bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        yield path


def _check(items: list[RawInput | IngestFailure], path: Path) -> None:
    """Records or failures only; failures name the input; all text storable (UTF-8, no surrogates)."""
    for item in items:
        assert isinstance(item, (RawInput, IngestFailure))
        if isinstance(item, IngestFailure):
            assert item.name.startswith(str(path)) and item.message
        for value in vars(item).values() if hasattr(item, "__dict__") else (
                getattr(item, s) for s in item.__slots__):
            if isinstance(value, str):
                value.encode("utf-8")
    for document in documents_from(items):  # page structure never raises either
        if isinstance(document, IngestFailure):
            assert document.message
        else:
            assert all(0 <= s.start <= s.end <= len(document.text) for s in document.sections)


def _read(suffix: str, data: bytes) -> None:
    for path in _write(suffix, data):
        _check(list(iter_inputs([str(path)], OPTIONS)), path)


@READERS
@given(data=BLOBS, suffix=st.sampled_from([".txt", ".html", ".md", ".dat", ".json"]))
def test_fuzz_single_documents_and_decoding(data: bytes, suffix: str) -> None:
    _read(suffix, data)


@READERS
@given(body=st.lists(st.one_of(TEXTS, st.sampled_from(["<div>" * 300, "</div>" * 40, "<p>", "<script>x</script>",
                                                        "<!--", "<![CDATA[", "<meta charset=utf-16>"])), max_size=12))
def test_fuzz_html(body: list[str]) -> None:
    _read(".html", ("<html><head><title>t</title></head><body>" + "".join(body) + "</body></html>").encode(
        "utf-8", "surrogatepass"))


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), TEXTS),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(
        ["id", "text", "html", "url", "title", "published", "meta"]), inner, max_size=4)),
    max_leaves=8,
)


@READERS
@given(lines=st.lists(st.one_of(
    st.dictionaries(st.sampled_from(["id", "text", "html", "url", "title", "published", "author"]), JSON_VALUES,
                    max_size=5).map(lambda d: json.dumps(d)),
    TEXTS, st.just('{"id":"s","text":"Turkey condemned it. \\ud800 end."}'), st.just("{"),
), max_size=8))
def test_fuzz_jsonl(lines: list[str]) -> None:
    _read(".jsonl", "\n".join(lines).encode("utf-8", "surrogatepass"))


CELLS = st.one_of(TEXTS, st.sampled_from(['"', '""', '"open', 'a,b', "x\ny", "\r"]))


@READERS
@given(rows=st.lists(st.lists(CELLS, min_size=1, max_size=4), max_size=6), tab=st.booleans(), raw=st.booleans())
def test_fuzz_csv(rows: list[list[str]], tab: bool, raw: bool) -> None:
    sep = "\t" if tab else ","
    header = sep.join(["id", "text", "title"])
    body = "\n".join(sep.join(row) for row in rows)
    _read(".tsv" if tab else ".csv", (header + "\n" + body).encode("utf-8", "surrogatepass") if raw else
          (header + "\n" + body).encode("utf-8", "replace"))


@READERS
@given(items=st.lists(st.tuples(TEXTS, TEXTS, st.sampled_from(["", "http://127.0.0.1/x", "file:///etc/passwd",
                                                               "not a url", "https://e.org/a"])), max_size=5),
       broken=st.booleans(), atom=st.booleans())
def test_fuzz_feeds(items: list[tuple[str, str, str]], broken: bool, atom: bool) -> None:
    from xml.sax.saxutils import escape

    def esc(text: str) -> str:
        return escape(text.encode("utf-8", "replace").decode("utf-8"))

    if atom:
        entries = "".join(f"<entry><title>{esc(t)}</title><link href='{esc(link)}'/><summary>{esc(s)}</summary></entry>"
                          for t, s, link in items)
        doc = f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>F</title>{entries}</feed>"
    else:
        entries = "".join(f"<item><title>{esc(t)}</title><link>{esc(link)}</link><description>{esc(s)}</description>"
                          f"<pubDate>{esc(s[:20])}</pubDate></item>" for t, s, link in items)
        doc = f"<?xml version='1.0'?><rss version='2.0'><channel><title>F</title>{entries}</channel></rss>"
    data = doc.encode()
    _read(".rss", data[: len(data) // 2] if broken else data)


def _warc_record(body: bytes, content_type: str, length_delta: int) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type.encode() + b"\r\n\r\n" + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://e.org/a\r\n"
            f"WARC-Record-ID: <urn:uuid:1>\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {max(len(http) + length_delta, 0)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


@READERS
@given(records=st.lists(st.tuples(BLOBS, st.sampled_from(["text/html", "text/plain", "application/pdf", ""]),
                                  st.integers(-20, 20)), max_size=4), junk=st.binary(max_size=40))
def test_fuzz_warc(records: list[tuple[bytes, str, int]], junk: bytes) -> None:
    data = b"".join(_warc_record(*record) for record in records) + junk
    _read(".warc", data)
    _read(".warc.gz", gzip.compress(data))


COMPRESSORS = {
    ".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress,
    ".zst": lambda data: zstandard.ZstdCompressor().compress(data),
}


@READERS
@given(data=BLOBS, inner=st.sampled_from([".txt", ".jsonl", ".csv", ".html"]),
       compression=st.sampled_from(sorted(COMPRESSORS)), cut=st.floats(0.0, 1.0), garbage=st.booleans())
def test_fuzz_compressed(data: bytes, inner: str, compression: str, cut: float, garbage: bool) -> None:
    packed = COMPRESSORS[compression](data)
    packed = packed[: int(len(packed) * cut)] if cut < 1.0 else packed
    _read(inner + compression, data if garbage else packed)


@pytest.fixture(scope="module")
def fuzz_db() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp) / "fuzz.db"


@ANALYZE
@given(paragraphs=st.lists(TEXTS, min_size=1, max_size=4))
def test_fuzz_analyze_and_store(paragraphs: list[str], analyzer, fuzz_db: Path) -> None:
    """Generated text through page structure, analysis and the store: results or named failures."""
    from factionmap.store import Store, store_results

    record = json.dumps({"text": "\n\n".join(paragraphs), "title": paragraphs[0][:40]})
    for path in _write(".jsonl", record.encode("utf-8", "surrogatepass") + b"\n"):
        items = list(iter_inputs([str(path)], OPTIONS))
        documents = [d for d in documents_from(items) if not isinstance(d, IngestFailure)]
        results = list(analyze_isolated(analyzer, documents))
        assert len(results) == len(documents)
        for result in results:
            if isinstance(result, DocumentAnalysis):
                text = result.document.text
                for event in result.events:
                    assert 0 <= event.trigger.start <= event.trigger.end <= len(text)
            else:
                assert result.name and result.stage == "analyze"
        with Store(fuzz_db) as store:
            summary = store_results(store, results)
        assert summary.new + summary.already_stored + len(summary.failures) == len(results)
