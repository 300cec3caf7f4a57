"""Outlets and URLs for local files and HTML pages (issue 16, item 4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factionmap.cli import build_app
from factionmap.document import build_document
from factionmap.ingest import IngestOptions, iter_inputs
from factionmap.ingest.sidecar import SIDECAR_NAME
from factionmap.model import IngestFailure, RawInput

PAGE = """<html><head><title>Drones hit Odesa port</title>
<link rel="canonical" href="https://news.example.org/world/odesa-drones">
<meta property="article:published_time" content="2024-03-02T08:00:00Z">
</head><body><header><nav><a href="/">Home</a></nav></header><article>
<h1>Drones hit Odesa port</h1>
<p>Russian drones struck the port of Odesa overnight, damaging grain silos and a warehouse, officials said.</p>
<p>The regional governor said air defences shot down most of the drones over the city and the sea.</p>
<p>Ukraine's foreign ministry urged partners to send more air-defence systems to protect the corridor.</p>
<div class="author-bio"><p>Olena Kravets is a correspondent based in Kyiv who covers the war in the south.</p></div>
</article><footer>Subscribe to our newsletter</footer></body></html>"""

TEXT = "Talks resume in Jeddah\n\nSaudi Arabia hosted envoys of the army and the RSF in Jeddah on Monday.\n"


def read(paths: list[Path], **options) -> list[RawInput | IngestFailure]:
    return list(iter_inputs([str(p) for p in paths], IngestOptions(**options)))


def test_html_pages_keep_their_canonical_url_and_author_bio():
    doc = build_document(RawInput("page.html", PAGE, fmt="html"))
    assert doc.url == "https://news.example.org/world/odesa-drones"
    assert doc.published == "2024-03-02"
    bios = [doc.text[s.start:s.end] for s in doc.sections if s.kind == "author_bio"]
    assert bios and bios[0].startswith("Olena Kravets is a correspondent")
    body = " ".join(doc.text[s.start:s.end] for s in doc.sections if s.kind == "body")
    assert "correspondent" not in body


def test_a_given_url_wins_over_the_canonical_one():
    doc = build_document(RawInput("page.html", PAGE, fmt="html", url="https://mirror.example.net/a"))
    assert doc.url == "https://mirror.example.net/a"


def test_a_sidecar_names_the_outlet_of_a_directory_and_below(tmp_path):
    (tmp_path / "horn").mkdir()
    (tmp_path / "horn" / "sub").mkdir()
    (tmp_path / "horn" / SIDECAR_NAME).write_text('source = "Horn Dispatch"\nurl_prefix = "https://horn.example/"\n')
    (tmp_path / "horn" / "sub" / "a.txt").write_text(TEXT)
    (tmp_path / "b.txt").write_text(TEXT.replace("Monday", "Tuesday"))
    by_name = {Path(i.name).name: i for i in read([tmp_path / "horn", tmp_path / "b.txt"])}
    assert by_name["a.txt"].source == "Horn Dispatch" and by_name["a.txt"].url == "https://horn.example/sub/a.txt"
    assert by_name["b.txt"].source is None and by_name["b.txt"].url is None


def test_the_source_flag_overrides_the_sidecar_but_never_a_records_own_field(tmp_path):
    (tmp_path / SIDECAR_NAME).write_text('source = "Sidecar Wire"\n')
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "r1", "text": TEXT, "source": "Own Outlet"}) + "\n"
                                      + json.dumps({"id": "r2", "text": TEXT + "More."}) + "\n")
    items = {Path(i.name.split(":")[0]).name + i.name[len(i.name.split(":")[0]):]: i
             for i in read([tmp_path / "a.txt", tmp_path / "c.jsonl"], default_source="Flag Times")}
    assert items["a.txt"].source == "Flag Times"
    assert items["c.jsonl:1"].source == "Own Outlet" and items["c.jsonl:2"].source == "Flag Times"


def test_a_broken_sidecar_is_a_named_failure_and_the_rest_goes_on(tmp_path):
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / SIDECAR_NAME).write_text('outlet = "x"\n')
    (tmp_path / "bad" / "a.txt").write_text(TEXT)
    (tmp_path / "b.txt").write_text(TEXT)
    items = read([tmp_path / "bad", tmp_path / "b.txt"])
    failures = [i for i in items if isinstance(i, IngestFailure)]
    assert len(failures) == 1 and SIDECAR_NAME in failures[0].message and "unknown key" in failures[0].message
    assert any(isinstance(i, RawInput) and i.name.endswith("b.txt") for i in items)


@pytest.mark.parametrize("extra", [["second.txt"], []])
def test_url_flag_needs_exactly_one_file(tmp_path, extra):
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "second.txt").write_text(TEXT)
    paths = [str(tmp_path / "a.txt")] + [str(tmp_path / e) for e in extra]
    result = CliRunner().invoke(build_app(), ["analyze", *paths, "--url", "ftp://x" if not extra else "https://x.org/a"])
    assert result.exit_code == 2 and "--url" in result.output
