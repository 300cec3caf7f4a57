"""Ingest: read inputs into :class:`~factionmap.model.RawInput` records, or named failures.

Sources are paths (text, HTML, JSONL, CSV/TSV, WARC, RSS/Atom files, each optionally
``.gz``/``.bz2``/``.xz``/``.zst`` compressed), directories (recursive, by suffix),
``-`` for stdin, and ``http(s)://`` URLs (pages or feeds).  Everything streams; a bad
item becomes an :class:`~factionmap.model.IngestFailure` and the batch goes on.
"""

from __future__ import annotations

from factionmap.ingest.decode import DecodeError, decode_bytes, sniff_kind
from factionmap.ingest.feeds import FeedEntry, parse_feed
from factionmap.ingest.http import FetchedPage, FetchError, Fetcher, is_url
from factionmap.ingest.netguard import BlockedURLError, assert_public_url
from factionmap.ingest.options import IngestOptions, default_user_agent
from factionmap.ingest.sources import iter_inputs, iter_path, iter_stream, iter_url, walk_directory

__all__ = [
    "IngestOptions",
    "iter_inputs",
    "iter_path",
    "iter_stream",
    "iter_url",
    "walk_directory",
    "Fetcher",
    "FetchedPage",
    "FetchError",
    "is_url",
    "BlockedURLError",
    "assert_public_url",
    "FeedEntry",
    "parse_feed",
    "DecodeError",
    "decode_bytes",
    "sniff_kind",
    "default_user_agent",
]
