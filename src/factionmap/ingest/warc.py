"""WARC archives (Common Crawl News style): HTML ``response`` records → :class:`RawInput`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from factionmap.ingest.decode import DecodeError, binary_reason, decode_bytes, sniff_kind
from factionmap.ingest.options import IngestOptions
from factionmap.model import IngestFailure, RawInput

__all__ = ["iter_warc"]


class _CheckedArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    """warcio's iterator, noting an archive cut short inside a gzip member or a record's
    headers (warcio otherwise stops silently there)."""

    cut_short: bool = False

    def close(self) -> None:
        decompressor = self.reader.decompressor if self.reader is not None else None
        if decompressor is not None and not getattr(decompressor, "eof", True):
            self.cut_short = True
        if self.next_line:  # a record began but its headers never ended
            self.cut_short = True
        super().close()


def _content_type(record: Any) -> str:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    value = headers.get_header("Content-Type") if headers is not None else None
    return (value or "").lower()


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def _wanted(record: Any) -> bool:
    """Only archived 2xx HTML/text responses (and resource records) are documents."""
    if record.rec_type not in ("response", "resource"):
        return False
    if record.rec_type == "response":
        if record.http_headers is None:
            return False
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return False
    content_type = _content_type(record)
    return not content_type or content_type.startswith(("text/html", "application/xhtml", "text/plain"))


def _record_input(record: Any, where: str, options: IngestOptions) -> RawInput | IngestFailure | None:
    if not _wanted(record):
        return None
    data = record.content_stream().read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        return IngestFailure(where, f"record payload over the {options.max_bytes:,} byte limit (max_bytes)")
    if not data.strip():
        return IngestFailure(where, "empty record payload")
    reason = binary_reason(data)
    if reason:
        return IngestFailure(where, reason)
    content_type = _content_type(record)
    try:
        text = decode_bytes(data, options.encoding, _charset(content_type))
    except DecodeError as exc:
        return IngestFailure(where, str(exc))
    fmt = "text" if content_type.startswith("text/plain") else "html" if content_type else sniff_kind(data[:4096])
    return RawInput(
        name=where,
        content=text,
        fmt="html" if fmt != "text" else "text",
        url=record.rec_headers.get_header("WARC-Target-URI"),
        published=record.rec_headers.get_header("WARC-Date"),
    )


def _check_complete(record: Any) -> None:
    """Read what is left of the record; raise EOFError when it is shorter than its Content-Length."""
    stream = record.raw_stream
    while stream.read(1 << 16):
        pass
    if getattr(stream, "limit", 0) > 0:
        declared = record.rec_headers.get_header("Content-Length")
        raise EOFError(f"record ends early (Content-Length {declared})")


def iter_warc(
    stream: BinaryIO, name: str, options: IngestOptions, cut_off: Callable[[], bool] | None = None
) -> Iterator[RawInput | IngestFailure]:
    """Stream the documents of a WARC (plain or per-record gzip); records are named ``name#record-N``.

    A truncated or damaged archive yields its earlier records, then one failure naming the
    record where reading stopped.  ``cut_off()`` says whether the underlying (decompressed)
    stream ended early, which a cut at a record boundary does not show otherwise."""
    archive = _CheckedArchiveIterator(stream)
    records = iter(archive)
    number = 0
    while True:
        where = f"{name}#record-{number + 1}"
        try:
            record = next(records)
            number += 1
            if record.format not in ("warc", "arc2warc"):
                raise ValueError("not a WARC record")
            if record.rec_headers.get_header("Content-Length") is None:
                raise EOFError("record headers are incomplete (no Content-Length)")
            item = _record_input(record, where, options)
            _check_complete(record)
        except StopIteration:
            break
        except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on damaged input
            detail = f"{type(exc).__name__}: {exc}" if not isinstance(exc, EOFError) else str(exc)
            yield IngestFailure(where, f"truncated or damaged WARC record; reading stopped here ({detail})")
            return
        if item is not None:
            yield item
    if archive.cut_short or (cut_off is not None and cut_off()):
        yield IngestFailure(where, f"truncated WARC: the archive is cut off after record {number}")
    elif number == 0:
        yield IngestFailure(name, "no WARC records")
