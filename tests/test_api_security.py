"""Security of the HTTP API: tokens, non-local hosts, SSRF refusals (a local server, redirects), limits, CSP."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from factionmap.api import ServeError, ServeSettings, create_app

TOKEN = "s3cret-token-for-tests"


def _client(tmp_path: Path, analyzer, **settings) -> TestClient:
    app = create_app(ServeSettings(db=tmp_path / "sec.db", **settings), analyzer=analyzer)
    return TestClient(app, base_url="http://127.0.0.1")


@pytest.fixture()
def local_server():
    """A real HTTP server on 127.0.0.1 serving one article."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = b"<html><body><p>Russia backed Khalifa Haftar in Libya, officials said.</p></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/article"
    server.shutdown()
    server.server_close()


def test_non_local_host_needs_a_token(tmp_path):
    with pytest.raises(ServeError, match="needs a token"):
        ServeSettings(db=tmp_path / "x.db", host="0.0.0.0")
    assert ServeSettings(db=tmp_path / "x.db", host="0.0.0.0", token=TOKEN).protect_reads
    assert not ServeSettings(db=tmp_path / "x.db", token=TOKEN).protect_reads


def test_serve_command_refuses_to_start_without_a_token(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from factionmap.cli import build_app

    monkeypatch.delenv("FACTIONMAP_TOKEN", raising=False)
    result = CliRunner().invoke(build_app(), ["serve", "--db", str(tmp_path / "x.db"), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "needs a token" in result.output


def test_writes_need_the_token(tmp_path, analyzer):
    with _client(tmp_path, analyzer, token=TOKEN) as client:
        body = {"text": "Egypt backed the Sudanese army, officials said."}
        assert client.post("/api/ingest", json=body).status_code == 401
        wrong = client.post("/api/ingest", json=body, headers={"Authorization": "Bearer wrong-token-x"})
        assert wrong.status_code == 401
        assert client.get("/api/health").status_code == 200  # reads are open on loopback
        ok = client.post("/api/ingest", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 201


def test_reads_need_the_token_off_loopback(tmp_path, analyzer):
    app = create_app(ServeSettings(db=tmp_path / "sec.db", host="0.0.0.0", token=TOKEN), analyzer=analyzer)
    with TestClient(app, base_url="http://10.1.2.3") as client:  # no traffic: the test client calls the app
        assert client.get("/api/health").status_code == 401
        assert client.get("/api/health", headers={"X-Factionmap-Token": TOKEN}).status_code == 200


def test_cross_origin_writes_and_foreign_hosts_are_refused(tmp_path, analyzer):
    with _client(tmp_path, analyzer) as client:
        response = client.post("/api/ingest", json={"text": "x y z"}, headers={"Origin": "http://evil.example"})
        assert response.status_code == 403
        assert client.get("/api/health", headers={"Host": "evil.example"}).status_code == 400


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd",
    "http://[::1]/", "gopher://example.org/",
])
def test_ssrf_targets_are_refused(tmp_path, analyzer, url):
    with _client(tmp_path, analyzer) as client:
        response = client.post("/api/ingest", json={"url": url})
    assert response.status_code == 400, response.text
    assert response.json()["param"] == "url" and "refused" in response.json()["error"]


def test_local_server_is_refused_unless_allowed(tmp_path, analyzer, local_server):
    with _client(tmp_path, analyzer) as client:
        refused = client.post("/api/ingest", json={"url": local_server})
        assert refused.status_code == 400 and "loopback" in refused.json()["error"]
    with _client(tmp_path, analyzer, allow_private_urls=True) as client:
        fetched = client.post("/api/ingest", json={"url": local_server})
        assert fetched.status_code == 201, fetched.text
        assert fetched.json()["findings"]["events"]


def test_redirect_to_loopback_is_refused(tmp_path, analyzer, local_server):
    def route(request: httpx.Request) -> httpx.Response:
        if request.url.host == "8.8.8.8":  # a public address; the mock transport answers, nothing is sent
            return httpx.Response(302, headers={"Location": local_server})
        raise AssertionError(f"the fetcher must not reach {request.url}")

    with _client(tmp_path, analyzer, transport=httpx.MockTransport(route)) as client:
        response = client.post("/api/ingest", json={"url": "http://8.8.8.8/story"})
    assert response.status_code == 400, response.text
    assert "refused" in response.json()["error"] and "redirected from" in response.json()["error"]


def test_body_size_and_rate_limits(tmp_path, analyzer):
    with _client(tmp_path, analyzer, max_body_bytes=2048, ingest_rate=2) as client:
        big = client.post("/api/ingest", json={"text": "word " * 2000})
        assert big.status_code == 413 and big.json()["param"] == "body"
        statuses = [client.post("/api/ingest", json={"bad": 1}).status_code for _ in range(3)]
        assert statuses[:2] == [400, 400] and statuses[2] == 429


def test_security_headers(tmp_path, analyzer):
    with _client(tmp_path, analyzer) as client:
        for path in ("/", "/api/health", "/static/app.js"):
            headers = client.get(path).headers
            csp = headers["content-security-policy"]
            assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
            assert headers["x-content-type-options"] == "nosniff"



FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>One</title><link>http://8.8.8.8/one</link><description>Turkey sent drones to the GNA.</description></item>
<item><title>Two</title><link>http://8.8.8.8/two</link><description>Egypt warned Turkey.</description></item>
<item><title>Three</title><link>http://8.8.8.8/three</link><description>Qatar met Russia.</description></item>
</channel></rss>"""


def test_feed_url_stores_every_entry(tmp_path, analyzer):
    def route(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/feed", "entry links are not fetched by the API"
        return httpx.Response(200, content=FEED, headers={"Content-Type": "application/rss+xml"})

    with _client(tmp_path, analyzer, transport=httpx.MockTransport(route)) as client:
        response = client.post("/api/ingest", json={"url": "http://8.8.8.8/feed", "title": "not for a feed"})
        assert response.status_code == 201, response.text
        body = response.json()
        again = client.post("/api/ingest", json={"url": "http://8.8.8.8/feed"}).json()
        listed = client.get("/api/documents").json()
    ids = [doc["id"] for doc in body["documents"]]
    assert len(set(ids)) == 3 and body["id"] == ids[0] and body["failed"] == []
    assert all(doc["new"] for doc in body["documents"]) and not any(doc["new"] for doc in again["documents"])
    titles = {doc.get("title") for doc in listed["items"] if doc["id"] in ids}
    assert titles == {"One", "Two", "Three"}
