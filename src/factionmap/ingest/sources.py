"""Dispatch: every source (path, directory, ``-``, URL) → a stream of RawInput / IngestFailure."""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from factionmap.ingest.decode import (
    DecodeError, binary_reason, decode_bytes, describe_size, looks_like_feed, sniff_kind,
)
from factionmap.ingest.feeds import parse_feed
from factionmap.ingest.clean import clean_item
from factionmap.ingest.http import FEED_TYPES, FetchError, Fetcher, is_url
from factionmap.ingest.options import IngestOptions
from factionmap.ingest.records import iter_csv, iter_json, iter_jsonl
from factionmap.ingest.sidecar import with_source_defaults
from factionmap.ingest.streams import KINDS, PrefixedStream, TolerantGzip, kind_of, open_binary, read_limited, split_suffix
from factionmap.ingest.warc import iter_warc
from factionmap.model import IngestFailure, RawInput

__all__ = ["iter_inputs", "iter_path", "iter_url", "iter_stream", "iter_feed_bytes", "document_from_bytes", "walk_directory"]

Item = RawInput | IngestFailure
_SNIFF_BYTES = 65536


def iter_inputs(sources: Iterable[str], options: IngestOptions | None = None) -> Iterator[Item]:
    """Read every source in order: files, directories (recursively), ``-`` for stdin, URLs.

    Streams: corpora are read record by record.  Never raises for a bad input; each
    problem is an :class:`IngestFailure` naming the input (``path:LINE``, ``path#record-N``)."""
    options = options or IngestOptions()
    with Fetcher(options) as fetcher:
        for source in sources:
            items = (clean_item(item) for item in _guarded(source, _iter_source(source, options, fetcher)))
            yield from with_source_defaults(items, options.default_source, options.default_url)


def _guarded(name: str, items: Iterator[Item]) -> Iterator[Item]:
    """Turn an unexpected error while reading one input into a failure; the batch goes on."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - one bad input must never stop the batch
        yield IngestFailure(name, f"cannot be read: {type(exc).__name__}: {exc}")


def _iter_source(source: str, options: IngestOptions, fetcher: Fetcher) -> Iterator[Item]:
    if source == "-":
        yield from iter_stream(sys.stdin.buffer, "<stdin>", options)
    elif is_url(source):
        yield from iter_url(source, options, fetcher)
    else:
        path = Path(source)
        if path.is_dir():
            yield from _iter_directory(path, options, fetcher)
        elif not path.exists():
            yield IngestFailure(source, "no such file or directory")
        else:
            yield from iter_path(path, options, fetcher)


def _iter_directory(root: Path, options: IngestOptions, fetcher: Fetcher) -> Iterator[Item]:
    found = False
    for child in walk_directory(root):
        found = True
        odd = _not_regular(child)
        if odd:
            yield IngestFailure(str(child), f"skipped: {odd}, not a regular file")
            continue
        yield from _guarded(str(child), iter_path(child, options, fetcher))
    if not found:
        known = " ".join(sorted(suffix for suffix, kind in KINDS.items() if kind != "json"))
        yield IngestFailure(str(root), f"directory holds no inputs (looked for {known}, optionally compressed)")


_ODD_FILES: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
)


def _not_regular(path: Path) -> str | None:
    """What ``path`` is when it is not a regular file (reading a FIFO found in a directory
    would wait for a writer for ever); None for regular files and unreadable ones."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _ODD_FILES if test(mode)), "a special file")


def walk_directory(root: Path) -> Iterator[Path]:
    """Files under ``root`` with a known suffix, sorted, skipping hidden files and directories.

    ``.json`` files are read only when named explicitly (in directories they are usually
    metadata, not documents)."""
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(directory, name)
            if not name.startswith(".") and kind_of(path) not in (None, "json"):
                yield path


def iter_path(path: Path, options: IngestOptions, fetcher: Fetcher | None = None) -> Iterator[Item]:
    """One file, read by its suffix (compressed or not); an unknown suffix is sniffed."""
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield IngestFailure(name, f"cannot be read: {exc.strerror or exc}")
        return
    if not path.is_file():  # a pipe such as <(zcat x.gz) or /dev/stdin: stream it
        with open(path, "rb") as raw:
            yield from _iter_kind(raw, name, kind_of(path), options, fetcher)
        return
    if size == 0:
        yield IngestFailure(name, "empty file (0 bytes)")
        return
    compression = split_suffix(path)[1]
    kind = kind_of(path)
    if kind in ("text", "html") and compression is None and size > options.max_bytes:
        limit = f"{options.max_bytes:,} byte limit (max_bytes)"
        yield IngestFailure(name, f"file is {describe_size(size)}, over the {limit}")
        return
    if kind == "warc" and compression == "gzip":
        yield from _iter_warc_gz(path, options)
        return
    with open_binary(path, compression) as stream:
        yield from _iter_kind(stream, name, kind, options, fetcher)


def _iter_warc_gz(path: Path, options: IngestOptions) -> Iterator[Item]:
    """A gzipped WARC (per record or as one stream); a cut-off file keeps the records before it."""
    with open(path, "rb") as raw:
        inflated = TolerantGzip(raw)
        yield from iter_warc(io.BufferedReader(inflated), str(path), options, cut_off=lambda: inflated.truncated)


def _iter_kind(
    stream: BinaryIO, name: str, kind: str | None, options: IngestOptions, fetcher: Fetcher | None
) -> Iterator[Item]:
    if kind is None:
        head = stream.read(_SNIFF_BYTES)
        reason = binary_reason(head, options.encoding)
        if reason:
            yield IngestFailure(name, reason)
            return
        kind = sniff_kind(head)
        stream = io.BufferedReader(PrefixedStream(head, stream))  # type: ignore[assignment]
    if kind == "jsonl":
        yield from iter_jsonl(stream, name, options)
    elif kind in ("csv", "tsv"):
        yield from iter_csv(stream, name, options, delimiter="\t" if kind == "tsv" else ",")
    elif kind == "warc":
        yield from iter_warc(stream, name, options)
    elif kind == "feed":
        yield from _iter_feed_stream(stream, name, options, fetcher)
    elif kind == "json":
        data = read_limited(stream, options.max_feed_bytes)
        if data is None:
            yield IngestFailure(name, f"JSON file over the {options.max_feed_bytes:,} byte limit (use JSONL)")
        else:
            yield from iter_json(data, name, options)
    else:
        yield _document(stream, name, kind, options)


def _document(stream: BinaryIO, name: str, kind: str, options: IngestOptions) -> Item:
    data = read_limited(stream, options.max_bytes)
    if data is None:
        return IngestFailure(name, f"content is over the {options.max_bytes:,} byte limit (max_bytes)")
    return document_from_bytes(data, name, kind, options)


def document_from_bytes(
    data: bytes,
    name: str,
    kind: str | None,
    options: IngestOptions,
    url: str | None = None,
    declared: str | None = None,
) -> Item:
    """One page from its bytes: binary check, decoding, and HTML/text sniffing when ``kind`` is None."""
    if not data.strip():
        return IngestFailure(name, "empty: only whitespace" if data else "empty file (0 bytes)")
    reason = binary_reason(data, options.encoding)
    if reason:
        return IngestFailure(name, reason)
    try:
        text = decode_bytes(data, options.encoding, declared)
    except DecodeError as exc:
        return IngestFailure(name, str(exc))
    if not text.strip():
        return IngestFailure(name, "empty: only whitespace")
    fmt = kind if kind in ("text", "html") else sniff_kind(data[:4096])
    return RawInput(name=name, content=text, fmt="html" if fmt == "html" else "text", url=url)


def _iter_feed_stream(
    stream: BinaryIO, name: str, options: IngestOptions, fetcher: Fetcher | None
) -> Iterator[Item]:
    data = read_limited(stream, options.max_feed_bytes)
    if data is None:
        yield IngestFailure(name, f"feed is over the {options.max_feed_bytes:,} byte limit (max_feed_bytes)")
        return
    yield from iter_feed_bytes(data, name, options, fetcher)


def iter_feed_bytes(
    data: bytes, name: str, options: IngestOptions, fetcher: Fetcher | None, base_url: str | None = None
) -> Iterator[Item]:
    """A feed's entries; with ``options.fetch_feed_links`` each entry's link is fetched instead."""
    entries = parse_feed(data, name, base_url)
    if isinstance(entries, IngestFailure):
        yield entries
        return
    own: Fetcher | None = None
    try:
        for entry in entries:
            if options.fetch_feed_links and entry.link and is_url(entry.link):
                fetcher = fetcher or (own := Fetcher(options))
                yield from iter_url(entry.link, options, fetcher, expand_feeds=False)
            else:
                yield entry.record
    finally:
        if own is not None:
            own.close()


def iter_url(url: str, options: IngestOptions, fetcher: Fetcher, expand_feeds: bool = True) -> Iterator[Item]:
    """A fetched page, or a feed's entries when the URL serves a feed."""
    try:
        page = fetcher.fetch(url)
    except FetchError as exc:
        yield IngestFailure(url, str(exc))
        return
    sniffed_feed = page.content_type != "text/plain" and looks_like_feed(page.body)
    is_feed = page.content_type in FEED_TYPES or sniffed_feed
    if is_feed and expand_feeds:
        yield from iter_feed_bytes(page.body, url, options, fetcher, base_url=page.url)
        return
    if is_feed:
        yield IngestFailure(url, f"the link serves a feed ({page.content_type or 'sniffed'}), not a page")
        return
    kind = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}.get(page.content_type)
    yield document_from_bytes(page.body, url, kind, options, url=page.url, declared=page.charset)


def iter_stream(stream: BinaryIO, name: str, options: IngestOptions) -> Iterator[Item]:
    """A byte stream such as stdin: JSONL when it looks like JSONL, else one text or HTML document."""
    yield from _iter_kind(stream, name, None, options, None)
