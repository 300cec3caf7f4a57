"""Fetching URLs with httpx: timeouts, size and redirect limits, content types, retries, politeness.

:class:`Fetcher` is the only place factionmap talks HTTP; ``IngestOptions.transport``
(an ``httpx.BaseTransport``) replaces the network in tests.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx

from factionmap.ingest.decode import describe_size
from factionmap.ingest.netguard import BlockedURLError, assert_public_url
from factionmap.ingest.options import IngestOptions

__all__ = ["FetchError", "FetchedPage", "Fetcher", "is_url", "FEED_TYPES", "TEXT_TYPES"]

#: Content types read as pages.
TEXT_TYPES: frozenset[str] = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
#: Content types read as feeds (XML is sniffed to tell feeds from other XML).
FEED_TYPES: frozenset[str] = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
)
#: Content types sniffed from the body.
_SNIFFED_TYPES: frozenset[str] = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_RETRY_STATUSES: frozenset[int] = frozenset({429, 500, 502, 503, 504})
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml;q=0.9,"
    "application/xml;q=0.8,text/plain;q=0.8,*/*;q=0.1"
)
_KINDS = {"application/pdf": "a PDF document", "image/": "an image", "video/": "a video", "audio/": "audio"}


class FetchError(Exception):
    """A URL that could not be fetched as a page or feed; the message says why."""


@dataclass(frozen=True)
class FetchedPage:
    """A fetched body, with the final URL after redirects."""

    url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes


def is_url(source: str) -> bool:
    """True for ``http://`` and ``https://`` sources."""
    return source.lower().startswith(("http://", "https://"))


def _media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def _refusal(media_type: str) -> str | None:
    if media_type in TEXT_TYPES or media_type in FEED_TYPES or media_type in _SNIFFED_TYPES:
        return None
    kind = next((what for prefix, what in _KINDS.items() if media_type.startswith(prefix)), None)
    what = f"{kind} ({media_type})" if kind else f"content type {media_type}"
    return f"{what} is not supported; factionmap reads HTML, plain text and RSS/Atom feeds"


class Fetcher:
    """Fetch pages politely; one instance per batch (it remembers when it last visited each host).

    ``sleep`` and ``clock`` are injectable so tests can observe delays without waiting."""

    def __init__(
        self,
        options: IngestOptions | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.options = options or IngestOptions()
        self._sleep = sleep
        self._clock = clock
        self._client: httpx.Client | None = None
        self._last_visit: dict[str, float] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP connections, if any were opened."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def _http(self) -> httpx.Client:
        if self._client is None:
            opts = self.options
            self._client = httpx.Client(
                transport=opts.transport,
                timeout=httpx.Timeout(opts.read_timeout, connect=opts.connect_timeout),
                headers={"User-Agent": opts.agent(), "Accept": _ACCEPT},
                follow_redirects=False,
            )
        return self._client

    def fetch(self, url: str) -> FetchedPage:
        """GET ``url``, following at most ``max_redirects`` redirects; raises :class:`FetchError`.

        Every URL in the chain must pass :func:`assert_public_url`, and the whole fetch
        must finish within ``options.timeout`` seconds."""
        deadline = self._clock() + self.options.timeout
        chain = [url]
        for _ in range(self.options.max_redirects + 1):
            self._guard(chain[-1], chain)
            page, location = self._get(chain[-1], deadline)
            if page is not None:
                return page
            target = urljoin(chain[-1], location or "")
            if target in chain:
                raise FetchError("redirect loop: " + " -> ".join([*chain, target]))
            chain.append(target)
        raise FetchError(f"too many redirects (more than {self.options.max_redirects}), last to {chain[-1]}")

    def _guard(self, url: str, chain: list[str]) -> None:
        """Refuse non-public targets; with a replaced ``transport`` (tests) and no ``resolver``,
        host names are not looked up (the transport decides where they go), IP literals still are."""
        opts = self.options
        resolver = opts.resolver or (_no_lookup if opts.transport is not None else None)
        try:
            assert_public_url(url, allow_private=opts.allow_private_urls, resolver=resolver)
        except BlockedURLError as exc:
            via = f" (redirected from {chain[0]})" if len(chain) > 1 else ""
            raise FetchError(f"{exc}{via}") from None

    def _remaining(self, deadline: float, url: str) -> float:
        left = deadline - self._clock()
        if left <= 0:
            raise FetchError(f"gave up on {url} after the {self.options.timeout:g} s deadline (--timeout)")
        return left

    def _timeout(self, deadline: float, url: str) -> httpx.Timeout:
        left = self._remaining(deadline, url)
        opts = self.options
        return httpx.Timeout(min(opts.read_timeout, left), connect=min(opts.connect_timeout, left))

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        last = self._last_visit.get(host)
        if last is not None:
            wait = last + self.options.politeness_delay - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_visit[host] = self._clock()

    def _backoff(self, attempt: int, response: httpx.Response | None = None) -> float:
        delay = self.options.backoff * (2**attempt)
        retry_after = response.headers.get("retry-after", "") if response is not None else ""
        if retry_after.strip().isdigit():
            delay = max(delay, float(retry_after))
        return min(delay, self.options.backoff_max)

    def _get(self, url: str, deadline: float) -> tuple[FetchedPage | None, str | None]:
        """One URL with retries: (page, None), or (None, location) for a redirect."""
        attempts = self.options.retries + 1
        for attempt in range(attempts):
            self._wait_for_host(url)
            last = attempt == attempts - 1
            try:
                with self._http().stream("GET", url, timeout=self._timeout(deadline, url)) as response:
                    if response.status_code in _RETRY_STATUSES and not last:
                        self._sleep(min(self._backoff(attempt, response), self._remaining(deadline, url)))
                        continue
                    return self._accept(url, response, attempt + 1, deadline)
            except httpx.UnsupportedProtocol as exc:
                raise FetchError(f"unsupported URL: {exc}") from None
            except httpx.InvalidURL as exc:
                raise FetchError(f"invalid URL: {exc}") from None
            except httpx.TransportError as exc:
                if last or deadline - self._clock() <= 0:
                    tries = f" (after {attempt + 1} attempts)" if attempt > 0 else ""
                    raise FetchError(f"{_describe(exc, url)}{tries}") from None
                self._sleep(min(self._backoff(attempt), self._remaining(deadline, url)))
            except httpx.HTTPError as exc:
                raise FetchError(f"HTTP error: {type(exc).__name__}: {exc}") from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _accept(
        self, url: str, response: httpx.Response, attempts: int, deadline: float
    ) -> tuple[FetchedPage | None, str | None]:
        if response.is_redirect:
            return None, response.headers.get("location")
        if response.status_code >= 400:
            tries = f" (after {attempts} attempts)" if attempts > 1 else ""
            raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}{tries}")
        media_type = _media_type(response)
        refusal = _refusal(media_type)
        if refusal:
            raise FetchError(refusal)
        limit = self.options.max_feed_bytes if media_type in FEED_TYPES else self.options.max_bytes
        body = self._read_body(response, limit, deadline)
        return FetchedPage(str(response.url), response.status_code, media_type, response.charset_encoding, body), None

    def _read_body(self, response: httpx.Response, limit: int, deadline: float) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(f"page is {describe_size(int(declared))}, over the {limit:,} byte limit (max_bytes)")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(f"page is larger than the {limit:,} byte limit (max_bytes); download stopped")
            if self._clock() > deadline:
                raise FetchError(
                    f"gave up on {url_of(response)} after the {self.options.timeout:g} s deadline (--timeout);"
                    f" {size:,} bytes received"
                )
            chunks.append(chunk)
        return b"".join(chunks)


def _no_lookup(host: str) -> list[str]:
    return []


def url_of(response: httpx.Response) -> str:
    """The URL a response came from."""
    return str(response.url)


def _describe(exc: httpx.TransportError, url: str) -> str:
    host = urlsplit(url).netloc
    if isinstance(exc, httpx.ConnectTimeout):
        return f"timed out connecting to {host}"
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out reading from {host}"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect to {host}: {exc}"
    return f"network error from {host}: {type(exc).__name__}: {exc}"
