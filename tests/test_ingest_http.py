"""Ingest from URLs, against a server started on 127.0.0.1 in the test (and httpx mock transports)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from factionmap.ingest import Fetcher, FetchError, IngestOptions, iter_inputs
from factionmap.model import IngestFailure, RawInput

PAGE = b"<html><head><title>Envoys meet</title></head><body><p>Envoys met in Geneva.</p></body></html>"


def _feed(base: str) -> bytes:
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title>
<item><title>One</title><link>{base}/page</link><description>Summary one.</description></item>
<item><title>Two</title><link>{base}/text</link><description>Summary two.</description></item>
</channel></rss>""".encode()


class Handler(BaseHTTPRequestHandler):
    """Routes for every case the fetcher must handle."""

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        server = self.server
        server.seen.append((self.path, self.headers.get("User-Agent")))  # type: ignore[attr-defined]
        base = f"http://127.0.0.1:{server.server_address[1]}"
        path = self.path
        if path == "/page":
            self._send(200, PAGE)
        elif path == "/text":
            self._send(200, b"Plain report: the port was shelled.", "text/plain")
        elif path == "/feed":
            self._send(200, _feed(base), "application/rss+xml")
        elif path == "/feed-as-html":
            self._send(200, _feed(base), "text/html")
        elif path == "/bad-feed":
            self._send(200, b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>x</title>"
                       b"<description>Complete item.</description></item><item><title>y</ti", "application/rss+xml")
        elif path == "/missing":
            self._send(404, b"<p>no</p>")
        elif path == "/broken":
            self._send(500, b"<p>down</p>")
        elif path == "/flaky":
            server.flaky += 1  # type: ignore[attr-defined]
            if server.flaky == 1:  # type: ignore[attr-defined]
                self._send(500, b"<p>try again</p>")
            else:
                self._send(200, PAGE)
        elif path == "/loop-a":
            self._send(302, b"", Location="/loop-b")
        elif path == "/loop-b":
            self._send(302, b"", Location="/loop-a")
        elif path == "/moved":
            self._send(301, b"", Location="/page")
        elif path == "/big":
            self._send(200, b"<p>" + b"x" * 200_000 + b"</p>")
        elif path == "/big-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"<p>" + b"y" * 10_000 + b"</p>")
            self.close_connection = True
        elif path == "/slow":
            time.sleep(1.0)
            self._send(200, PAGE)
        elif path == "/octet":
            self._send(200, b"Just words, served without a useful type.", "application/octet-stream")
        elif path == "/report.pdf":
            self._send(200, b"%PDF-1.7 ...", "application/pdf")
        elif path == "/photo":
            self._send(200, b"\x89PNG....", "image/png")
        else:
            self._send(404, b"")


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that timed out and left is expected here


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    httpd.seen = []  # type: ignore[attr-defined]
    httpd.flaky = 0  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture()
def base(server: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


FAST = IngestOptions(backoff=0.01, politeness_delay=0.0, retries=2, connect_timeout=2, read_timeout=5, allow_private_urls=True,
                     max_bytes=100_000)


def read(*urls: str, options: IngestOptions = FAST) -> list[RawInput | IngestFailure]:
    return list(iter_inputs(urls, options))


def test_page_and_text(base: str, server: ThreadingHTTPServer) -> None:
    page, text = read(f"{base}/page", f"{base}/text")
    assert (page.name, page.url, page.fmt, page.content) == (f"{base}/page", f"{base}/page", "html", PAGE.decode())
    assert (text.fmt, text.content) == ("text", "Plain report: the port was shelled.")
    agent = dict(server.seen)["/page"]  # type: ignore[attr-defined]
    assert agent.startswith("factionmap/") and "(+http" in agent


def test_redirect_is_followed_and_the_final_url_kept(base: str) -> None:
    (page,) = read(f"{base}/moved")
    assert page.name == f"{base}/moved" and page.url == f"{base}/page"


def test_feed_url_expands_to_entries_without_fetching_links(base: str, server: ThreadingHTTPServer) -> None:
    before = len(server.seen)  # type: ignore[attr-defined]
    items = read(f"{base}/feed")
    assert [(i.url, i.title, i.source, i.content) for i in items] == [
        (f"{base}/page", "One", "Local Wire", "Summary one."),
        (f"{base}/text", "Two", "Local Wire", "Summary two."),
    ]
    assert [p for p, _ in server.seen[before:]] == ["/feed"]  # type: ignore[attr-defined]


def test_feed_links_fetched_when_asked(base: str) -> None:
    from dataclasses import replace

    items = read(f"{base}/feed-as-html", options=replace(FAST, fetch_feed_links=True))
    assert [(i.name, i.fmt) for i in items] == [(f"{base}/page", "html"), (f"{base}/text", "text")]
    assert items[0].content == PAGE.decode()


def test_error_pages_each_named_and_the_batch_goes_on(base: str) -> None:
    items = read(
        f"{base}/missing", f"{base}/broken", f"{base}/loop-a", f"{base}/big", f"{base}/big-chunked",
        f"{base}/report.pdf", f"{base}/photo", f"{base}/bad-feed", f"{base}/page",
    )
    messages = [str(i) for i in items[:-1]]
    assert messages[0] == f"{base}/missing: HTTP 404 Not Found"
    assert messages[1] == f"{base}/broken: HTTP 500 Internal Server Error (after 3 attempts)"
    assert messages[2] == f"{base}/loop-a: redirect loop: {base}/loop-a -> {base}/loop-b -> {base}/loop-a"
    assert messages[3] == f"{base}/big: page is 200.0 kB (200,007 bytes), over the 100,000 byte limit (max_bytes)"
    assert messages[4] == f"{base}/big-chunked: page is larger than the 100,000 byte limit (max_bytes); download stopped"
    assert messages[5] == (f"{base}/report.pdf: a PDF document (application/pdf) is not supported; "
                           "factionmap reads HTML, plain text and RSS/Atom feeds")
    assert messages[6].startswith(f"{base}/photo: an image (image/png) is not supported")
    assert items[7].content == "Complete item."
    assert messages[8].startswith(f"{base}/bad-feed#entry-2: feed entry has no content")
    assert messages[9].startswith(f"{base}/bad-feed: malformed feed: ") and messages[9].endswith("(after 2 entries)")
    assert isinstance(items[-1], RawInput) and len(items) == 11


def test_retry_after_a_server_error(base: str, server: ThreadingHTTPServer) -> None:
    server.flaky = 0  # type: ignore[attr-defined]
    (page,) = read(f"{base}/flaky")
    assert isinstance(page, RawInput) and server.flaky == 2  # type: ignore[attr-defined]


def test_read_timeout_and_sniffed_octet_stream(base: str) -> None:
    from dataclasses import replace

    slow, octet = read(f"{base}/slow", f"{base}/octet", options=replace(FAST, read_timeout=0.2, retries=0))
    assert str(slow) == f"{base}/slow: timed out reading from {base.removeprefix('http://')}"
    assert (octet.fmt, octet.content) == ("text", "Just words, served without a useful type.")


def test_unreachable_host() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    (failure,) = read(f"http://127.0.0.1:{port}/x")
    assert str(failure).startswith(f"http://127.0.0.1:{port}/x: cannot connect to 127.0.0.1:{port}")
    assert failure.message.endswith("(after 3 attempts)")


def test_too_many_redirects_with_a_mock_transport() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        step = int(request.url.path.strip("/") or 0)
        return httpx.Response(302, headers={"Location": f"/{step + 1}"})

    options = IngestOptions(transport=httpx.MockTransport(handler), max_redirects=3, politeness_delay=0)
    with Fetcher(options) as fetcher, pytest.raises(FetchError, match=r"too many redirects \(more than 3\)"):
        fetcher.fetch("http://news.test/0")


def test_backoff_honours_retry_after_and_politeness_spaces_requests_per_host() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        if request.url.path == "/busy" and calls.count(str(request.url)) == 1:
            return httpx.Response(429, headers={"Retry-After": "3"})
        return httpx.Response(200, text="<p>ok</p>", headers={"Content-Type": "text/html"})

    slept: list[float] = []
    now = [100.0]

    def sleep(seconds: float) -> None:
        slept.append(round(seconds, 3))
        now[0] += seconds

    options = IngestOptions(transport=httpx.MockTransport(handler), backoff=0.5, backoff_max=10, politeness_delay=2.0)
    with Fetcher(options, sleep=sleep, clock=lambda: now[0]) as fetcher:
        fetcher.fetch("http://a.test/busy")  # 429 → wait Retry-After 3 s, then retry
        fetcher.fetch("http://b.test/1")  # another host: no wait
        fetcher.fetch("http://a.test/2")  # same host right after: politeness wait
    assert slept == [3.0, 2.0]
    assert calls == ["http://a.test/busy", "http://a.test/busy", "http://b.test/1", "http://a.test/2"]


def test_connect_errors_are_retried_with_exponential_backoff() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    slept: list[float] = []
    options = IngestOptions(transport=httpx.MockTransport(handler), retries=3, backoff=0.25, politeness_delay=0)
    start = time.monotonic()
    with Fetcher(options, sleep=slept.append) as fetcher, pytest.raises(FetchError, match="after 4 attempts"):
        fetcher.fetch("http://down.test/")
    assert slept == [0.25, 0.5, 1.0]
    assert time.monotonic() - start < 1.0
