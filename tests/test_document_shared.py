"""Page structure on ../shared data: the seed op-ed's sections and the extraction benchmark."""

from __future__ import annotations

import json
import logging

import pytest

from factionmap.document import build_document
from factionmap.document.quality import evaluate_extraction, shingle_score
from factionmap.model import RawInput


def test_seed_sections_match_the_expected_reading(shared_dir):
    text = (shared_dir / "corpus" / "seed-oped-libya-2019.txt").read_text(encoding="utf-8")
    expected = json.loads((shared_dir / "eval" / "seed-expected.json").read_text(encoding="utf-8"))["sections"]
    doc = build_document(RawInput("seed", text))
    for item in expected:
        offset = doc.text.index(item["evidence"])
        section = doc.section_at(offset)
        assert section is not None and section.kind == item["kind"], item
        if "published" in item:
            assert section.published == item["published"]
    readable = [s for s in doc.sections if s.kind in ("title", "body")]
    assert "Your email" not in " ".join(doc.section_text(s) for s in readable)
    assert doc.language == "en"


def test_shingle_metric():
    assert shingle_score("a b c d e", "a b c d e").f1 == 1.0
    assert shingle_score("a b c d e", "").f1 == 0.0
    assert 0 < shingle_score("one two three four five six", "one two three four seven").f1 < 1


@pytest.mark.slow
def test_body_extraction_scores_at_least_trafilatura(shared_dir):
    logging.disable(logging.WARNING)
    try:
        report = evaluate_extraction(shared_dir / "eval" / "article-extraction-dev")
    finally:
        logging.disable(logging.NOTSET)
    assert report.pages >= 50
    assert report.ours >= report.trafilatura, (report.ours, report.trafilatura)
    assert report.ours >= 0.95
