"""Bytes → text: binary detection, encodings (BOM, UTF-8, declared, detected) and sniffing."""

from __future__ import annotations

import codecs
import json
import re

__all__ = [
    "DecodeError", "binary_reason", "decode_bytes", "sniff_kind", "looks_like_feed", "describe_size",
    "utf16_without_bom",
]

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"PK\x03\x04", "a ZIP archive or office document"),
    (b"\x1f\x8b", "gzip-compressed data (name it .gz)"),
    (b"BZh", "bzip2-compressed data (name it .bz2)"),
    (b"\xfd7zXZ\x00", "xz-compressed data (name it .xz)"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data (name it .zst)"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\b\x1b")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_START = re.compile(r"<(!doctype\s+html|html|head|body|meta|title|article|div|p|section|main)\b", re.I)
_HTML_TAGS = re.compile(r"</?(p|div|br|a|span|h[1-6]|li|article|section)\b[^>]*>", re.I)
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)


class DecodeError(ValueError):
    """Bytes that could not be read as text; the message says why."""


def _bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``data`` reads as BOM-less UTF-16 text (mostly
    Latin script: one byte of each pair is NUL, always the same one), else None."""
    head = data[:8192]
    head = head[: len(head) - len(head) % 2]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    pairs = len(head) // 2
    for encoding, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.6 * pairs and other.count(0) <= 0.02 * pairs:
            text = _try(head, encoding)
            if text is not None and sum(ch.isprintable() or ch.isspace() for ch in text) >= 0.95 * len(text):
                return encoding
    return None


def _wide(encoding: str | None) -> bool:
    return bool(encoding) and codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))


def binary_reason(data: bytes, encoding: str | None = None) -> str | None:
    """Why ``data`` is not text (a known binary format, NUL bytes, control bytes), or None.

    UTF-16/32 text (a BOM, BOM-less UTF-16, or ``encoding`` naming one) has NUL bytes and is text."""
    head = data[:8192]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return f"binary file ({what}), not text"
    try:
        if _bom_encoding(head) or _wide(encoding) or utf16_without_bom(head):
            return None
    except LookupError:
        pass
    if b"\x00" in head:
        return "binary file (contains NUL bytes), not text"
    controls = sum(1 for byte in head if byte < 32 and byte not in _TEXT_CONTROLS)
    if head and controls / len(head) > 0.05:
        return f"binary file ({controls} control bytes in the first {len(head)}), not text"
    return None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


_PREFERRED = ("cp1252", "latin_1", "iso8859_15")


def _detected(data: bytes) -> str | None:
    """Decode with the encoding charset_normalizer finds; among equally good candidates the
    Western code pages win (detection cannot tell them apart on short texts)."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:1_000_000]))
    if not matches:
        return None
    best = matches[0]
    ties = [m.encoding for m in matches if m.chaos <= best.chaos and m.coherence >= best.coherence - 0.01]
    encoding = next((name for name in _PREFERRED if name in ties), best.encoding)
    return _try(data, encoding)


def decode_bytes(data: bytes, encoding: str | None = None, declared: str | None = None) -> str:
    """Decode text: a forced ``encoding``; else a BOM, UTF-8, the ``declared`` or
    HTML ``<meta charset>`` encoding, then charset detection.  Raises :class:`DecodeError`."""
    if encoding:
        text = _try(data, encoding)
        if text is None:
            raise DecodeError(f"cannot be decoded as {encoding} (the encoding option)")
        return text
    bom = _bom_encoding(data) or utf16_without_bom(data)
    if bom:
        return data.decode(bom, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_error = exc
    meta = _META_CHARSET.search(data[:4096])
    for candidate in (declared, meta.group(1).decode("ascii") if meta else None):
        text = _try(data, candidate) if candidate else None
        if text is not None:
            return text
    text = _detected(data)
    if text is not None:
        return text
    byte = data[first_error.start]
    raise DecodeError(
        f"not valid UTF-8 (byte 0x{byte:02x} at offset {first_error.start}) and no other encoding "
        "could be detected; name the encoding with --encoding"
    )


def looks_like_feed(data: bytes) -> bool:
    """True when the first bytes hold an RSS, Atom or RDF root element."""
    return bool(_FEED_ROOT.search(data[:4096]))


def sniff_kind(head: bytes) -> str:
    """Guess ``feed``, ``jsonl``, ``html`` or ``text`` from the first bytes of an input."""
    if looks_like_feed(head):
        return "feed"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        first, newline, _ = stripped.partition(b"\n")
        if not newline:
            return "jsonl"
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except (ValueError, UnicodeDecodeError):
            pass
    text = head[:4096].decode("utf-8", errors="replace")
    if text.lstrip().startswith("<") and _HTML_START.search(text):
        return "html"
    if len(_HTML_TAGS.findall(text)) >= 3:
        return "html"
    return "text"


def describe_size(size: int) -> str:
    """``52.4 MB (52,428,800 bytes)``."""
    for unit, factor in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= factor:
            return f"{size / factor:.1f} {unit} ({size:,} bytes)"
    return f"{size:,} bytes"
