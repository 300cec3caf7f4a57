"""Opening inputs as binary streams: compression by suffix, bounded reads, bounded lines."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

__all__ = [
    "COMPRESSIONS",
    "KINDS",
    "split_suffix",
    "kind_of",
    "open_binary",
    "read_limited",
    "iter_lines",
    "PrefixedStream",
    "TolerantGzip",
    "StrictZstd",
]

#: Compression suffixes, streamed.
COMPRESSIONS: dict[str, str] = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zst": "zstd"}
#: Inner suffix → how the content is read.
KINDS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "tsv",
    ".warc": "warc",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
}


def split_suffix(path: Path) -> tuple[str, str | None]:
    """(inner suffix, compression) of a file name: ``a.jsonl.gz`` → (``.jsonl``, ``gzip``)."""
    name = path.name.lower()
    compression = None
    for suffix, method in COMPRESSIONS.items():
        if name.endswith(suffix):
            compression, name = method, name[: -len(suffix)]
            break
    return Path(name).suffix, compression


def kind_of(path: Path) -> str | None:
    """The reader for a path by its suffix, or None when the suffix is unknown."""
    return KINDS.get(split_suffix(path)[0])


@contextmanager
def open_binary(path: Path, compression: str | None) -> Iterator[BinaryIO]:
    """Open ``path`` for streaming reads, decompressing on the fly."""
    with open(path, "rb") as raw:
        if compression is None:
            yield raw
        elif compression == "gzip":
            with gzip.GzipFile(fileobj=raw) as stream:
                yield stream  # type: ignore[misc]
        elif compression == "bz2":
            with bz2.BZ2File(raw) as stream:
                yield stream  # type: ignore[misc]
        elif compression == "xz":
            with lzma.LZMAFile(raw) as stream:
                yield stream  # type: ignore[misc]
        else:
            with io.BufferedReader(StrictZstd(raw)) as stream:
                yield stream  # type: ignore[misc]


def read_limited(stream: BinaryIO, limit: int) -> bytes | None:
    """Read the whole stream, or None when it holds more than ``limit`` bytes."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def iter_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(1-based line number, line) pairs; a line over ``limit`` bytes is skipped and given as None."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line


class PrefixedStream(io.RawIOBase):
    """A raw stream serving ``prefix`` first, then the rest of ``stream`` (to sniff stdin)."""

    def __init__(self, prefix: bytes, stream: BinaryIO) -> None:
        super().__init__()
        self._prefix = prefix
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if self._prefix:
            count = min(len(buffer), len(self._prefix))
            buffer[:count] = self._prefix[:count]
            self._prefix = self._prefix[count:]
            return count
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class _Decompressing(io.RawIOBase):
    """A raw reader over decompressed bytes: subclasses fill ``_pending`` in ``_fill``."""

    _pending: bytes = b""

    def readable(self) -> bool:
        return True

    def _fill(self) -> bool:
        """Decompress more into ``_pending``; False at the end of the input."""
        raise NotImplementedError

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if not self._fill():
            return 0
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count


class TolerantGzip(_Decompressing):
    """Gzip decompression (any number of members) that stops at a truncated end instead of
    raising, so the data before the damage is still read; ``truncated`` tells afterwards."""

    def __init__(self, stream: BinaryIO, chunk: int = 1 << 16) -> None:
        super().__init__()
        self._stream = stream
        self._chunk = chunk
        self._inflate = zlib.decompressobj(wbits=31)
        self._pending = b""
        self._started = False
        self.truncated = False

    def _fill(self) -> bool:
        """Decompress more into ``_pending``; False at the end of the input."""
        while not self._pending:
            if self._inflate.eof:
                data = self._inflate.unused_data or self._stream.read(self._chunk)
                if not data:
                    return False
                self._inflate = zlib.decompressobj(wbits=31)
            else:
                data = self._inflate.unconsumed_tail or self._stream.read(self._chunk)
                if not data:
                    self.truncated = self._started
                    return False
            self._started = True
            self._pending = self._inflate.decompress(data, 1 << 20)  # bounded output per step
        return True



class StrictZstd(_Decompressing):
    """Zstandard decompression (any number of frames) that raises :class:`EOFError` when the
    input ends inside a frame, as gzip, bz2 and xz do, instead of returning a short file."""

    def __init__(self, stream: BinaryIO, chunk: int = 1 << 16) -> None:
        super().__init__()
        import zstandard

        self._stream = stream
        self._chunk = chunk
        self._context = zstandard.ZstdDecompressor()
        self._frame = self._context.decompressobj()
        self._fed = False
        self._pending = b""

    def _fill(self) -> bool:
        """Decompress more into ``_pending``; False at a clean end of the input."""
        while not self._pending:
            if self._frame.eof:
                data = self._frame.unused_data or self._stream.read(self._chunk)
                if not data:
                    return False
                self._frame, self._fed = self._context.decompressobj(), False
            else:
                data = self._stream.read(self._chunk)
                if not data:
                    if self._fed:
                        raise EOFError("zstd data ends inside a frame: the file is truncated")
                    return False
            self._fed = True
            self._pending = self._frame.decompress(data)
        return True

