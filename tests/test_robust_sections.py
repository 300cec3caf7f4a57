"""Long sections and failing documents (issue 15, item 1): chunks keep offsets, one failure is isolated."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from factionmap.batch import BatchOptions, analyze_inputs, analyze_isolated
from factionmap.document import build_document
from factionmap.document.chunks import split_section, split_sections
from factionmap.model import DocumentAnalysis, IngestFailure, RawInput, Section
from factionmap.pipeline import AnalyzeOptions, Analyzer

SENTENCE = "Russia accused Ukraine of shelling the city of Kharkiv on Monday, officials said. "


def test_split_section_cuts_at_paragraphs_then_sentences_and_covers_the_section() -> None:
    text = ("Para one is here. " * 20 + "\n\n") * 10
    pieces = list(split_section(text, Section("body", 0, len(text)), 1000))
    assert all(p.end - p.start <= 1000 and p.kind == "body" for p in pieces)
    assert pieces[0].start == 0 and pieces[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(pieces, pieces[1:]))  # contiguous: offsets preserved
    assert all(text[p.end - 2 : p.end] == "\n\n" for p in pieces[:-1])  # paragraph breaks preferred
    flat = "x" * 2500  # no boundary at all: hard cuts
    assert [(p.start, p.end) for p in split_section(flat, Section("body", 0, 2500), 1000)] == [
        (0, 1000), (1000, 2000), (2000, 2500)]


def test_split_sections_is_linear_in_the_input() -> None:
    import time

    small, big = SENTENCE * 2_000, SENTENCE * 20_000
    timings = []
    for text in (small, big):
        start = time.perf_counter()
        pieces = split_sections(text, [Section("body", 0, len(text))], 5_000)
        timings.append(time.perf_counter() - start)
        assert sum(p.end - p.start for p in pieces) == len(text)
    assert timings[1] < 40 * max(timings[0], 0.02)  # 10x the input, not 100x the time (slack for a busy machine)


def test_long_section_is_parsed_in_chunks_with_document_offsets(nlp) -> None:
    analyzer = Analyzer(nlp, AnalyzeOptions(max_section_chars=3_000))
    text = SENTENCE * 100 + "Turkey condemned Syria for the attack on Afrin. "
    document = build_document(RawInput(name="long.txt", content=text, fmt="text"))
    analysis = analyzer.analyze_one(document)
    assert analysis.events and not analysis.errors
    for event in analysis.events:
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
    assert any(text[e.trigger.start : e.trigger.end] == "condemned" for e in analysis.events)


def test_a_document_that_breaks_the_parser_is_a_named_failure_and_the_rest_go_on(nlp) -> None:
    analyzer = Analyzer(nlp, AnalyzeOptions(max_section_chars=10**9))
    docs = [build_document(RawInput(name=f"{n}.txt", content=SENTENCE * reps, fmt="text"))
            for n, reps in (("a", 1), ("big", 300), ("c", 2))]
    old = nlp.max_length
    nlp.max_length = 5_000  # the "big" document's one section is over it: spaCy raises E088
    try:
        results = list(analyze_isolated(analyzer, docs))
    finally:
        nlp.max_length = old
    assert [type(r).__name__ for r in results] == ["DocumentAnalysis", "IngestFailure", "DocumentAnalysis"]
    failure = results[1]
    assert failure.name == "big.txt" and failure.stage == "analyze" and "E088" in failure.message
    assert [r.document.name for r in results if isinstance(r, DocumentAnalysis)] == ["a.txt", "c.txt"]


def test_megabyte_section_ingest_keeps_the_other_documents(tmp_path: Path, analyzer) -> None:
    """The issue's reproduction, at a test-friendly size: a section over nlp.max_length is chunked."""
    from factionmap.store import Store
    from factionmap.store.runner import ingest_sources

    (tmp_path / "a.txt").write_text("Turkey condemned Syria for the attack on Afrin.", encoding="utf-8")
    (tmp_path / "big.txt").write_text(SENTENCE * 400, encoding="utf-8")
    (tmp_path / "z.txt").write_text("Egypt backed Haftar in Libya.", encoding="utf-8")
    small = Analyzer(analyzer.nlp, replace(analyzer.options, max_section_chars=4_000))
    old = analyzer.nlp.max_length
    analyzer.nlp.max_length = 8_000  # big.txt (32,800 chars) is over the parser's limit as one text
    try:
        with Store(tmp_path / "big.db") as store:
            paths = [str(tmp_path / n) for n in ("a.txt", "big.txt", "z.txt")]
            summary = ingest_sources(store, paths, BatchOptions(analyze=small.options), analyzer=small)
            names = [r[0] for r in store.conn.execute("SELECT name FROM documents ORDER BY rowid")]
    finally:
        analyzer.nlp.max_length = old
    assert summary.new == 3 and not summary.failures
    assert [Path(n).name for n in names] == ["a.txt", "big.txt", "z.txt"]


def test_single_process_ingest_records_a_failing_document_and_stores_the_others(tmp_path: Path, analyzer) -> None:
    from factionmap.store import Store
    from factionmap.store.runner import ingest_sources

    for name, reps in (("a.txt", 1), ("boom.txt", 300), ("z.txt", 2)):
        (tmp_path / name).write_text(SENTENCE * reps, encoding="utf-8")
    wide = Analyzer(analyzer.nlp, replace(analyzer.options, max_section_chars=10**9))
    old = analyzer.nlp.max_length
    analyzer.nlp.max_length = 5_000  # boom.txt breaks the parser (E088), as a 1 MB section did
    try:
        with Store(tmp_path / "fm.db") as store:
            summary = ingest_sources(store, [str(tmp_path)], BatchOptions(analyze=wide.options), analyzer=wide)
            stored = sorted(Path(r[0]).name for r in store.conn.execute("SELECT name FROM documents"))
            errors = [(Path(r[0]).name, r[1]) for r in store.conn.execute("SELECT input, stage FROM errors")]
    finally:
        analyzer.nlp.max_length = old
    assert stored == ["a.txt", "z.txt"] and summary.new == 2
    assert errors == [("boom.txt", "analyze")]
