"""Issue 2's acceptance on the seed op-ed (skips without ../shared)."""

from __future__ import annotations

import json

import pytest

from factionmap.evaluate import evaluate_seed


@pytest.fixture(scope="module")
def expected(shared_dir):
    return json.loads((shared_dir / "eval" / "seed-expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report(expected, analyzer):
    return evaluate_seed(expected, analyzer)


@pytest.fixture(scope="module")
def analysis(expected, analyzer):
    from factionmap.evaluate import analyze_seed

    return analyze_seed(expected, analyzer)


def _failed(report, kind):
    return [f"{c.expected} | {c.detail}" for c in report.checks if c.kind == kind and not c.ok]


def test_at_least_eight_of_eleven_events(report):
    found, total = report.count("events")
    assert total == 11
    assert found >= 8, _failed(report, "events")


def test_displaced_figure_with_qualifier(analysis):
    assert any(
        f.kind == "displaced" and f.value == 300000 and f.qualifier == "more_than" for f in analysis.figures
    ), analysis.figures


def test_all_three_figures(report):
    assert report.count("figures") == (3, 3), _failed(report, "figures")


def test_quote_by_fathi_bashagha(analysis):
    assert any("Fathi Bashagha" in q.speaker_text for q in analysis.quotes), analysis.quotes


def test_both_quotes(report):
    assert report.count("quotes") == (2, 2), _failed(report, "quotes")


def test_comment_and_author_bio_are_their_own_sections(report):
    failed = [c for c in report.checks if c.kind == "sections" and not c.ok and c.expected.split(":")[0] in ("comment", "author_bio")]
    assert not failed, failed


def test_no_comment_event_is_asserted_by_the_author(analysis):
    comments = [s for s in analysis.document.sections if s.kind == "comment"]
    assert comments, "no comment section"
    assert not [e for e in analysis.events if e.section == "comment" and e.asserted_by == "author"]


def test_haftar_spellings_are_one_actor(analysis):
    text = analysis.document.text
    ids = set()
    for name in ("Hafter", "Haftar", "Khalifa Haftar"):
        assert name in text
        ids |= {a.id for a in analysis.actors for m in a.mentions if m.text == name}
    assert len(ids) == 1, ids


def test_every_alias_group_resolves_to_one_actor(report):
    assert not _failed(report, "aliases")
