"""Ingest from WARC archives (written here with warcio) and RSS/Atom feed files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import zstandard
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from factionmap.ingest import IngestOptions, iter_inputs
from factionmap.model import IngestFailure, RawInput


def read(*sources: Path, **options: object) -> list[RawInput | IngestFailure]:
    return list(iter_inputs([str(s) for s in sources], IngestOptions(**options)))  # type: ignore[arg-type]


def failures(items: list[RawInput | IngestFailure]) -> list[str]:
    return [str(item) for item in items if isinstance(item, IngestFailure)]


def _page(n: int) -> bytes:
    return (f"<html><head><title>Story {n}</title></head><body><p>Report number {n}: "
            f"militia forces shelled the port for the {n}th time, officials said.</p></body></html>").encode()


def write_warc(records: int, gzip: bool, extras: bool = True) -> bytes:
    """A Common Crawl News style WARC: warcinfo, then request/response pairs (plus noise)."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("news.warc", {"software": "test"}))
    for n in range(records):
        url = f"https://news.example.org/{n}"
        writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(_page(n)), http_headers=headers))
    if extras:
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example.org/x.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG"), http_headers=image))
        missing = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example.org/gone", "response",
                                                      payload=io.BytesIO(b"<p>gone</p>"), http_headers=missing))
    return buf.getvalue()


@pytest.mark.parametrize("gzip, suffix", [(False, ".warc"), (True, ".warc.gz")])
def test_warc_with_200_records(tmp_path: Path, gzip: bool, suffix: str) -> None:
    path = tmp_path / f"news{suffix}"
    path.write_bytes(write_warc(200, gzip))
    items = read(path)
    assert not failures(items)
    assert len(items) == 200
    first = items[0]
    assert first.fmt == "html" and "Report number 0" in first.content
    assert first.url == "https://news.example.org/0"
    assert first.published and first.published.startswith("20")
    assert first.name == f"{path}#record-3"  # warcinfo, request, response


def test_warc_gzipped_as_one_stream(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(write_warc(5, gzip=False)))
    assert [i.url for i in read(path)] == [f"https://news.example.org/{n}" for n in range(5)]


def test_zstd_compressed_warc(tmp_path: Path) -> None:
    path = tmp_path / "news.warc.zst"
    path.write_bytes(zstandard.ZstdCompressor().compress(write_warc(5, gzip=False)))
    assert [i.url for i in read(path)] == [f"https://news.example.org/{n}" for n in range(5)]


@pytest.mark.parametrize("gzip", [False, True])
def test_truncated_warc_keeps_earlier_records_then_names_the_damage(tmp_path: Path, gzip: bool) -> None:
    data = write_warc(10, gzip, extras=False)
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    cut = int(len(data) * 0.75)
    while gzip and data[cut:cut + 3] == b"\x1f\x8b\x08":  # a cut between two gzip members is no damage
        cut -= 7
    path.write_bytes(data[:cut])
    items = read(path, tmp_path / "after.warc")
    good = [i for i in items if isinstance(i, RawInput)]
    assert 5 <= len(good) < 10
    assert [g.url for g in good] == [f"https://news.example.org/{n}" for n in range(len(good))]
    bad = failures(items)
    assert len(bad) == 2
    assert bad[0].startswith(f"{path}#record-") and "truncated" in bad[0]
    assert bad[1] == f"{tmp_path / 'after.warc'}: no such file or directory"


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("this is not an archive\n" * 3)
    (bad,) = failures(read(path))
    assert bad.startswith(f"{path}#record-1: truncated or damaged WARC record")


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Frontline Wire</title><link>https://wire.example.org/</link>
<item><title>Talks resume</title><link>https://wire.example.org/talks</link>
<pubDate>Fri, 05 Apr 2019 10:00:00 GMT</pubDate><author>desk@wire.example.org (Desk)</author>
<description>&lt;p&gt;Envoys met in &lt;b&gt;Geneva&lt;/b&gt;.&lt;/p&gt;</description></item>
<item><title>Port shelled</title><link>https://wire.example.org/port</link>
<description>Shells hit the port overnight.</description></item>
<item><title>Empty</title><link>https://wire.example.org/empty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:x</id><updated>2020-01-01T00:00:00Z</updated>
<entry><title>Ceasefire</title><id>urn:1</id><link href="https://atom.example.org/1"/>
<updated>2020-01-02T03:04:05Z</updated><author><name>R. Writer</name></author>
<content type="html">&lt;p&gt;The ceasefire held.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_file_entries(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS)
    items = read(path)
    good = [i for i in items if isinstance(i, RawInput)]
    assert [(g.url, g.title, g.source, g.fmt) for g in good] == [
        ("https://wire.example.org/talks", "Talks resume", "Frontline Wire", "text"),
        ("https://wire.example.org/port", "Port shelled", "Frontline Wire", "text"),
    ]
    assert good[0].published == "2019-04-05T10:00:00Z"
    assert good[0].content == "Envoys met in Geneva." and good[0].name == f"{path}#entry-1"
    assert failures(items) == [
        f"{path}#entry-3: feed entry has no content or summary (fetch its link with --fetch-links)"
    ]


def test_atom_file_entries(tmp_path: Path) -> None:
    path = tmp_path / "desk.atom"
    path.write_text(ATOM)
    (entry,) = read(path)
    assert (entry.url, entry.title, entry.author, entry.published, entry.source) == (
        "https://atom.example.org/1", "Ceasefire", "R. Writer", "2020-01-02T03:04:05Z", "Atom Desk")
    assert entry.content == "The ceasefire held."


def test_fragment_text_keeps_paragraphs() -> None:
    from factionmap.ingest.feeds import fragment_text

    assert fragment_text("<p>One &amp; two.</p><p>Three<br/>four   five</p>") == "One & two.\n\nThree\n\nfour five"


def test_malformed_and_non_feed_xml(tmp_path: Path) -> None:
    (tmp_path / "broken.xml").write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>x</ti")
    (tmp_path / "other.xml").write_text("<?xml version='1.0'?><config><a>1</a></config>")
    items = read(tmp_path / "broken.xml", tmp_path / "other.xml")
    assert [type(i) for i in items] == [IngestFailure, IngestFailure]
    assert str(items[0]).startswith(f"{tmp_path / 'broken.xml'}: malformed feed")
    assert str(items[1]) == f"{tmp_path / 'other.xml'}: not an RSS or Atom feed"


def test_tolerant_gzip_reads_members_and_flags_a_cut() -> None:
    import gzip

    from factionmap.ingest.streams import TolerantGzip

    members = [gzip.compress(b"line %d\n" % n * 5000) for n in range(3)]
    whole = TolerantGzip(io.BytesIO(b"".join(members)))
    assert io.BufferedReader(whole).read() == b"".join(b"line %d\n" % n * 5000 for n in range(3))
    assert not whole.truncated
    cut = TolerantGzip(io.BytesIO(b"".join(members)[:-20]))
    data = io.BufferedReader(cut).read()
    assert cut.truncated and data.startswith(b"line 0\n" * 5000 + b"line 1\n" * 5000)
    bomb = TolerantGzip(io.BytesIO(gzip.compress(b"\0" * 50_000_000)))
    assert len(bomb.read(1 << 30)) <= 1 << 20  # bounded per read, never the whole 50 MB at once
