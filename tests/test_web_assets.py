"""The web app's files: nothing from a CDN, no HTML built from strings, no inline scripts or styles."""

from __future__ import annotations

import re

from factionmap.api import web_dir

WEB = web_dir()


def test_no_outside_urls():
    for path in WEB.iterdir():
        if path.suffix in (".html", ".js", ".css"):
            text = path.read_text(encoding="utf-8")
            urls = re.findall(r"https?://[^\s\"')]+", text)
            assert all("www.w3.org/2000/svg" in u for u in urls), (path.name, urls)


def test_scripts_never_parse_strings_as_html():
    for path in WEB.glob("*.js"):
        text = path.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert sink not in text, (path.name, sink)


def test_pages_have_no_inline_script_or_style():
    for path in WEB.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), path.name
        assert "<style" not in text and " style=" not in text, path.name
        assert not re.search(r"\son[a-z]+\s*=", text), path.name
