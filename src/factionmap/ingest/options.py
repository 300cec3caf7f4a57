"""Options for reading inputs: one frozen object instead of many keyword arguments."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

__all__ = ["IngestOptions", "default_user_agent", "PROJECT_URL"]

#: Where a site operator can read what the crawler is and why it visits.
PROJECT_URL = "https://github.com/factionmap/factionmap"


def default_user_agent() -> str:
    """``factionmap/<version> (+<project url>)``, the version read from the installed package."""
    try:
        version = metadata.version("factionmap")
    except metadata.PackageNotFoundError:
        version = "0"
    return f"factionmap/{version} (+{PROJECT_URL})"


@dataclass(frozen=True)
class IngestOptions:
    """How inputs are read.

    Size limits: ``max_bytes`` bounds one document (a text or HTML file, a fetched
    page, one JSONL line, one CSV row, one WARC record); containers such as JSONL,
    CSV and WARC files are streamed and may be any size.  ``max_feed_bytes`` bounds
    a feed document, which is parsed whole.

    Field mapping (JSONL and CSV): the names of the keys/columns holding each field;
    a dotted name (``meta.url``) reaches into nested JSON objects.

    HTTP: timeouts in seconds, at most ``max_redirects`` redirects, ``retries``
    further attempts after a connection error, a 5xx or a 429, waiting
    ``backoff * 2**attempt`` seconds (at most ``backoff_max``), and at least
    ``politeness_delay`` seconds between two requests to the same host.
    ``transport`` replaces httpx's network transport (tests use it).

    ``timeout`` is the overall deadline of one fetch in seconds (redirects, retries and
    the whole body included), however slowly a server trickles bytes.  URLs whose host
    is loopback, private, link-local, multicast or reserved are refused (after DNS
    resolution, and again after every redirect) unless ``allow_private_urls``;
    ``resolver`` replaces DNS resolution in tests.
    """

    max_bytes: int = 10_000_000
    max_feed_bytes: int = 50_000_000
    encoding: str | None = None
    text_field: str = "text"
    html_field: str = "html"
    id_field: str = "id"
    url_field: str = "url"
    title_field: str = "title"
    date_field: str = "published"
    source_field: str = "source"
    author_field: str = "author"
    csv_delimiter: str | None = None
    fetch_feed_links: bool = False
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 1.0
    backoff_max: float = 30.0
    politeness_delay: float = 1.0
    user_agent: str | None = None
    transport: Any = field(default=None, compare=False, repr=False)
    timeout: float = 60.0
    allow_private_urls: bool = False
    resolver: Any = field(default=None, compare=False, repr=False)

    def agent(self) -> str:
        """The User-Agent header sent with every request."""
        return self.user_agent or default_user_agent()
