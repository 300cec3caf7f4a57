"""Ingest the dev data in ../shared (skipped when it is absent)."""

from __future__ import annotations

import json
from pathlib import Path

from factionmap.ingest import iter_inputs
from factionmap.model import IngestFailure, RawInput


def test_extraction_pages_and_jsonl_corpus(shared_dir: Path) -> None:
    pages_dir = shared_dir / "eval" / "article-extraction-dev" / "html"
    corpus = shared_dir / "eval" / "fakes-dev.jsonl"
    items = list(iter_inputs([str(pages_dir), str(corpus), str(shared_dir / "corpus" / "seed-oped-libya-2019.txt")]))
    assert not [i for i in items if isinstance(i, IngestFailure)]
    pages = [i for i in items if i.name.startswith(str(pages_dir))]
    assert len(pages) == len(list(pages_dir.glob("*.html.gz")))
    assert all(isinstance(p, RawInput) and p.fmt == "html" for p in pages)
    rows = [i for i in items if i.name.startswith(str(corpus))]
    with open(corpus, encoding="utf-8") as handle:
        ids = [json.loads(line)["id"] for line in handle if line.strip()]
    assert [r.id for r in rows] == [str(i) for i in ids]
    assert items[-1].fmt == "text" and "Haftar" in items[-1].content
