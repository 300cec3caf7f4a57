"""Fetching hostile servers: an overall deadline per fetch, and no loopback/private targets (issue 15, item 6)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from factionmap.ingest import Fetcher, FetchError, IngestOptions, iter_inputs
from factionmap.ingest.netguard import BlockedURLError, assert_public_url, blocked_reason
from factionmap.model import IngestFailure, RawInput


class Trickle(BaseHTTPRequestHandler):
    """``/drip`` sends one byte every 0.2 s for ever; ``/hop`` redirects to another loopback port."""

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        if self.path == "/hop":
            self.send_response(302)
            self.send_header("Location", f"http://localhost:{self.server.other_port}/secret")  # type: ignore[attr-defined]
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        try:
            for _ in range(200):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    httpd.daemon_threads = True
    httpd.other_port = 9  # type: ignore[attr-defined]
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def public(host: str) -> list[str]:
    return ["93.184.216.34"]


@pytest.mark.parametrize("address, reason", [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.1", "private"),
    ("169.254.169.254", "link-local"), ("fe80::1", "link-local"), ("224.0.0.1", "multicast"),
    ("0.0.0.0", "unspecified"), ("::ffff:127.0.0.1", "loopback"), ("240.0.0.1", "reserved"),
    ("93.184.216.34", None),
])
def test_blocked_reason(address: str, reason: str | None) -> None:
    assert blocked_reason(address) == reason


def test_assert_public_url_checks_scheme_literals_and_every_resolved_address() -> None:
    with pytest.raises(BlockedURLError, match=r"file:///etc/passwd: refused: scheme 'file'"):
        assert_public_url("file:///etc/passwd")
    with pytest.raises(BlockedURLError, match=r"http://127\.0\.0\.1:8080/x: refused: 127\.0\.0\.1 is a loopback"):
        assert_public_url("http://127.0.0.1:8080/x")
    mixed = lambda host: ["93.184.216.34", "10.0.0.5"]  # noqa: E731
    with pytest.raises(BlockedURLError, match=r"resolves to 10\.0\.0\.5, a private address"):
        assert_public_url("https://news.example/a", resolver=mixed)
    with pytest.raises(BlockedURLError, match="loopback"):
        assert_public_url("http://localhost/")  # real resolution: /etc/hosts
    assert_public_url("https://news.example/a", resolver=public)
    assert_public_url("http://127.0.0.1/", allow_private=True)
    with pytest.raises(BlockedURLError, match="scheme"):
        assert_public_url("gopher://127.0.0.1/", allow_private=True)


def test_loopback_url_refused_by_default_and_named(server: str) -> None:
    (failure,) = iter_inputs([f"{server}/drip"], IngestOptions(retries=0))
    assert isinstance(failure, IngestFailure)
    assert failure.name == f"{server}/drip" and "loopback" in failure.message and "--allow-private-urls" in failure.message


def test_redirect_to_a_private_target_is_refused_after_the_redirect() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://127.0.0.1:6379/"})

    options = IngestOptions(transport=httpx.MockTransport(handler), resolver=public, politeness_delay=0)
    with Fetcher(options) as fetcher, pytest.raises(FetchError, match=r"127\.0\.0\.1 is a loopback .*redirected from"):
        fetcher.fetch("http://news.example/story")
    assert seen == ["http://news.example/story"]  # the private target was never requested


def test_redirect_to_another_loopback_port_is_refused_unless_allowed(server: str) -> None:
    allowed = IngestOptions(retries=0, allow_private_urls=True, timeout=2)
    # Allowed: the redirect target (a closed port) is tried and fails to connect; not a refusal.
    (failure,) = iter_inputs([f"{server}/hop"], allowed)
    assert "cannot connect" in failure.message
    options = IngestOptions(retries=0, resolver=lambda host: ["127.0.0.1"] if host == "localhost" else [])
    with Fetcher(options) as fetcher, pytest.raises(FetchError, match="refused"):
        fetcher.fetch(f"{server}/hop")


def test_feed_links_to_private_hosts_are_refused() -> None:
    feed = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
            b"<item><title>a</title><link>http://169.254.169.254/latest/meta-data/</link>"
            b"<description>x</description></item></channel></rss>")

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.host == "feeds.example"
        return httpx.Response(200, content=feed, headers={"Content-Type": "application/rss+xml"})

    options = IngestOptions(transport=httpx.MockTransport(handler), fetch_feed_links=True, politeness_delay=0)
    (failure,) = iter_inputs(["http://feeds.example/rss"], options)
    assert isinstance(failure, IngestFailure) and "link-local" in failure.message
    assert "169.254.169.254" in failure.name


def test_a_trickling_server_is_cut_at_the_overall_deadline(server: str) -> None:
    options = IngestOptions(retries=0, read_timeout=30, allow_private_urls=True, timeout=1.0)
    start = time.monotonic()
    (failure,) = iter_inputs([f"{server}/drip"], options)
    elapsed = time.monotonic() - start
    assert isinstance(failure, IngestFailure) and "deadline" in failure.message and "--timeout" in failure.message
    assert elapsed < 3.0


def test_timeout_and_allow_private_flags_reach_the_fetcher(server: str) -> None:
    from typer.testing import CliRunner

    from factionmap.cli import build_app

    result = CliRunner().invoke(build_app(), ["analyze", f"{server}/drip", "--timeout", "0.5", "--allow-private-urls"])
    assert result.exit_code == 1
    assert "deadline" in result.output
    refused = CliRunner().invoke(build_app(), ["analyze", f"{server}/drip"])
    assert "loopback" in refused.output


def test_a_public_page_still_reads() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text="Turkey condemned it.", headers={"Content-Type": "text/plain"})

    options = IngestOptions(transport=httpx.MockTransport(handler), politeness_delay=0, resolver=public)
    (page,) = iter_inputs(["https://news.example/a"], options)
    assert isinstance(page, RawInput) and page.content == "Turkey condemned it."
