"""The web app in a real headless Chromium (Debian's package, driven by Playwright) against a live server.

The walk: open the network of the bundled sample, see two camps, click an edge and read its evidence
sentence; with ../shared, ingest the seed op-ed through the ingest form and read the Russia–Haftar
edge's sentence; an article whose text holds <script> and onerror= runs nothing.  The screenshots go
to out/web/.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from webapp_support import REPO, SEED, build_db

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage"]
SHOTS = REPO / "out" / "web"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed (make test installs it)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, analyzer):
    """``factionmap serve`` on a free port of 127.0.0.1 over the sample database; stopped at teardown."""
    folder = tmp_path_factory.mktemp("web")
    db = build_db(folder / "web.db", analyzer)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "FACTIONMAP_TOKEN"}
    log = (folder / "server.log").open("wb")  # a file, not a pipe: a full pipe would stall the server
    proc = subprocess.Popen([sys.executable, "-m", "factionmap.cli", "serve", "--db", str(db), "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited: {(folder / 'server.log').read_text(errors='replace')}")
        else:
            raise RuntimeError("the server did not answer within 30 s")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def _open_network(page, base: str, query: str = "") -> None:
    page.goto("about:blank")
    response = page.goto(f"{base}/#/network{query}")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector("#view[data-ready=network]", state="attached", timeout=30000)


def _click_edge(page, source: str, target: str) -> str:
    # the edge's own element gets the click (edges may cross, so not by screen position)
    page.locator(f'g.edge[data-edge="{source}|{target}"]').dispatch_event("click")
    page.wait_for_selector(f'#edge-panel[data-edge="{source}|{target}"] #edge-events li', timeout=15000)
    return page.inner_text("#edge-panel")


def test_network_walk_on_the_sample(page, server):
    _open_network(page, server)
    assert page.locator("#camps-box .camp[data-camp]").count() == 2
    nodes = page.locator("svg.network a.node")
    assert {nodes.nth(i).get_attribute("data-camp") for i in range(nodes.count())} >= {"0", "1"}
    panel = _click_edge(page, "ARE", "SDN-RSF")
    assert "supplied weapons to the RSF" in panel
    assert "voice: " in panel and page.locator("#edge-panel mark.hl-trigger").count() >= 1
    sudan = _click_edge(page, "SDN-SAF", "SDN-RSF")  # reported in two months: the pair's timeline is drawn
    assert "month by month" in sudan and page.locator("#edge-panel svg.timeline rect").count() >= 2
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "network-sample.png"))
    page.locator("#edge-panel a.actor-link", has_text="Rapid Support Forces").first.click()
    # the edge panel has a timeline too: wait for the actor page itself, not any timeline
    page.locator("#view", has_text="Strongest opponents").wait_for(timeout=15000)  # (the CSP forbids eval)
    page.wait_for_selector("#view svg.timeline", timeout=15000)
    assert not page.errors


def test_seed_walk_ingest_form_and_russia_haftar_edge(page, server):
    if not SEED.is_file():
        pytest.skip("../shared/corpus/seed-oped-libya-2019.txt is not present")
    page.goto(f"{server}/#/ingest")
    page.fill("#ingest-text", SEED.read_text(encoding="utf-8"))
    page.fill("#ingest-title", "Seed op-ed")
    page.click("form.ingest button[type=submit]")
    page.wait_for_selector("#ingest-result a", timeout=120000)
    assert "events" in page.inner_text("#ingest-result")
    _open_network(page, server, "?actor=person-khalifa-haftar")
    assert page.locator("#camps-box .camp[data-camp]").count() == 2
    panel = _click_edge(page, "RUS", "person-khalifa-haftar")
    assert "Russia is tipping the scales in Libya in favour of the military leader, Khalifa Haftar" in panel
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "network-seed.png"))
    camps = httpx.get(f"{server}/api/camps", params={"actor": "person-khalifa-haftar"}).json()
    members = {a["id"] for c in camps["camps"] for a in c["actors"]}
    assert "person-khalifa-haftar" in members and "SDN-RSF" not in members
    assert not page.errors


XSS = (
    "Qatar backed the Government of National Accord <script>window.__fmXss = 1</script> in Tripoli, "
    "officials said. <img src=x onerror=\"window.__fmXss = 2\"> Turkey also supported the Government of "
    "National Accord <svg onload=\"window.__fmXss = 3\"></svg> with drones."
)


def test_ingest_form_uploads_a_file(page, server, tmp_path):
    article = tmp_path / "upload.html"
    article.write_text("<html><head><title>Upload</title></head><body><p>Chad sent troops to help the "
                       "Sudanese Armed Forces in Darfur, officials said.</p></body></html>", encoding="utf-8")
    page.goto(f"{server}/#/ingest")
    page.set_input_files("#ingest-file", str(article))
    page.click("form.ingest button[type=submit]")
    page.wait_for_selector("#ingest-result a", timeout=120000)
    page.locator("#ingest-result a").click()
    page.wait_for_selector(".doc-section", timeout=15000)
    assert "Chad sent troops" in page.inner_text("#view")
    assert not page.errors


def test_xss_page_runs_nothing(page, server):
    created = httpx.post(f"{server}/api/ingest", json={"text": XSS, "title": "<img src=y onerror=window.__fmXss=4>"},
                         timeout=120)
    assert created.status_code in (200, 201), created.text
    doc_id = created.json()["id"]
    page.goto(f"{server}/#/document/{doc_id}")
    page.wait_for_selector(".doc-section", timeout=15000)
    text = page.inner_text("#view")
    assert "<script>window.__fmXss = 1</script>" in text and "onerror=" in text
    assert page.evaluate("window.__fmXss") is None
    assert page.locator("#view script, #view img, #view svg[onload]").count() == 0
    _open_network(page, server)
    edge = page.locator('g.edge[data-edge="QAT|LBY-GNA"]')
    assert edge.count() == 1
    panel = _click_edge(page, "QAT", "LBY-GNA")
    assert "<script>window.__fmXss = 1</script>" in panel
    assert page.evaluate("window.__fmXss") is None
    assert not page.errors


def test_export_download_sends_the_token(browser, tmp_path, analyzer):
    """On a server whose reads need the token, the export links fetch with it and save the file."""
    db = build_db(tmp_path / "locked.db", analyzer)
    port, token = _free_port(), "download-token-123"
    env = {k: v for k, v in os.environ.items() if k != "FACTIONMAP_TOKEN"}
    proc = subprocess.Popen([sys.executable, "-m", "factionmap.cli", "serve", "--db", str(db), "--host", "0.0.0.0",
                             "--port", str(port), "--token", token], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                httpx.get(f"{base}/api/health", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        assert httpx.get(f"{base}/api/export", params={"format": "graphml"}).status_code == 401
        context = browser.new_context()
        context.add_init_script(f"sessionStorage.setItem('fm-token', '{token}')")
        page = context.new_page()
        _open_network(page, base)
        with page.expect_download(timeout=30000) as info:
            page.locator("p.downloads a", has_text="GraphML").click()
        saved = tmp_path / "export.graphml"
        info.value.save_as(saved)
        assert "<graphml" in saved.read_text(encoding="utf-8")
        context.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
