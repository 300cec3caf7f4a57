"""``factionmap watch``: a feed served on 127.0.0.1, polled twice, stores each item once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from factionmap.cli import build_app
from factionmap.cli.feeds import parse_interval

ITEMS = [
    ("ceasefire", "Russia and Turkey agreed a ceasefire in Idlib on Thursday."),
    ("sanctions", "The European Union imposed sanctions on Syrian officials."),
    ("aid", "The United Nations delivered food aid to Aleppo."),
]


def _rss(count: int) -> bytes:
    items = "".join(
        f"<item><title>{slug}</title><link>http://wire.test/{slug}</link><description>{text}</description></item>"
        for slug, text in ITEMS[:count]
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'.encode()


class FeedHandler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        self.server.polls += 1  # type: ignore[attr-defined]
        body = _rss(2 if self.server.polls == 1 else 3)  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def feed_url() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    httpd.polls = 0  # type: ignore[attr-defined]
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/feed.xml"
    httpd.shutdown()
    httpd.server_close()


def test_intervals() -> None:
    assert [parse_interval(t) for t in ("15m", "30s", "1h", "2", "0.5s")] == [900, 30, 3600, 2, 0.5]
    with pytest.raises(typer.BadParameter, match="cannot read interval 'soon'"):
        parse_interval("soon")


def test_feed_polled_twice_stores_each_item_once_and_resumes(feed_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "watch.db"
    first = runner.invoke(build_app(), ["watch", feed_url, "--every", "0.1s", "--rounds", "2", "--db", str(db), "--allow-private-urls"])
    assert first.exit_code == 0, first.output
    assert "poll 1: 2 new item(s), 0 already stored, 0 failure(s)" in first.output
    assert "poll 2: 1 new item(s), 2 already stored, 0 failure(s)" in first.output
    again = runner.invoke(build_app(), ["watch", feed_url, "--rounds", "1", "--db", str(db), "--allow-private-urls"])
    assert "poll 1: 0 new item(s), 3 already stored" in again.output
