"""End to end: the seed and re3d through the current pipeline, then camps and contradictions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factionmap.analysis import (
    CampOptions,
    CampResult,
    Contradiction,
    ContradictionOptions,
    NetworkOptions,
    build_network,
    find_camps,
    find_contradictions,
)
from factionmap.document import build_document
from factionmap.model import Document, DocumentAnalysis, RawInput, Section

SEED = "corpus/seed-oped-libya-2019.txt"
RE3D = "eval/re3d-dev.jsonl"


def seed_report(analyzer, shared: Path, roll_up: bool = True) -> tuple[CampResult, list[Contradiction], DocumentAnalysis]:
    """Camps and contradictions of the seed ingested alone."""
    text = (shared / SEED).read_text(encoding="utf-8")
    analysis = analyzer.analyze_one(build_document(RawInput("seed-oped-libya-2019.txt", text)))
    options = NetworkOptions(roll_up=roll_up)
    network = build_network([analysis], options)
    camps = find_camps(network, CampOptions())
    found = find_contradictions([analysis], ContradictionOptions(options), camps=camps, network=network)
    return camps, found, analysis


def load_re3d(shared: Path) -> list[tuple[Document, dict]]:
    """re3d documents, each text as one body section, with their gold records."""
    records = []
    for line in (shared / RE3D).read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        text = gold["text"]
        records.append((Document(gold["id"], text, (Section("body", 0, len(text)),), name=gold["id"]), gold))
    return records


def _actor_at(analysis: DocumentAnalysis, start: int, end: int) -> str | None:
    """The actor whose mention overlaps the span most."""
    best, overlap = None, 0
    for actor in analysis.actors:
        for m in actor.mentions:
            size = min(end, m.end) - max(start, m.start)
            if size > overlap:
                best, overlap = actor.id, size
    return best


def re3d_agreement(
    analyses: list[DocumentAnalysis], records: list[tuple[Document, dict]], roll_up: bool = False
) -> tuple[int, int, int, int]:
    """(agreeing, gold signed pairs with both actors in camps, pairs with both actors found, gold signed pairs)."""
    options = NetworkOptions(roll_up=roll_up)
    network = build_network(analyses, options)
    camps = find_camps(network, CampOptions())
    rolled = {}
    if roll_up:
        from factionmap.analysis.network import collect_profiles, roll_up_map

        rolled = roll_up_map(collect_profiles(analyses))
    agree = total = mapped = gold_count = 0
    for analysis, (_, gold) in zip(analyses, records):
        for rel in gold["relations"]:
            if rel["sign"] not in ("+", "-"):
                continue
            gold_count += 1
            a = _actor_at(analysis, rel["source"]["start"], rel["source"]["end"])
            b = _actor_at(analysis, rel["target"]["start"], rel["target"]["end"])
            if a is None or b is None or a == b:
                continue
            mapped += 1
            a, b = rolled.get(a, a), rolled.get(b, b)
            ca, cb = camps.camp_of(a), camps.camp_of(b)
            if ca is None or cb is None:
                continue
            total += 1
            agree += (ca == cb) == (rel["sign"] == "+")
    return agree, total, mapped, gold_count


def test_seed_end_to_end_records_point_at_the_text(analyzer, shared_dir):
    camps, found, analysis = seed_report(analyzer, shared_dir)
    record = camps.to_record()
    assert set(record) == {"camps", "unassigned", "frustration", "violations"}
    text = analysis.document.text
    for c in found:
        for e in c.to_record()["evidence"]:
            assert text[e["start"] : e["end"]] == e["text"]
    for v in camps.violations:
        assert all(text[e.start : e.end] == e.text for e in v.evidence)


def test_re3d_gold_signed_pairs_agree_with_the_camps(analyzer, shared_dir):
    records = load_re3d(shared_dir)
    analyses = list(analyzer.analyze(doc for doc, _ in records))
    agree, total, _, _ = re3d_agreement(analyses, records)
    assert total >= 10
    assert agree / total >= 0.8


@pytest.mark.parametrize("roll_up", [True, False])
def test_seed_two_camps_and_the_qatar_turkey_contradiction(analyzer, shared_dir, roll_up):
    """Issue 6 acceptance: Russia, Egypt, the UAE and Haftar/LNA against Turkey, Qatar and the GNA."""
    camps, found, analysis = seed_report(analyzer, shared_dir, roll_up=roll_up)
    haftar = "LBY-LNA" if roll_up else "person-khalifa-haftar"
    side = camps.camp_of(haftar)
    assert side is not None
    assert all(camps.camp_of(a) == side for a in ("RUS", "EGY", "ARE", "LBY-LNA"))
    other = camps.camp_of("TUR")
    assert other is not None and other != side and camps.camp_of("LBY-GNA") == other
    both = [c for c in found if c.kind == "backs_both_sides" and {"QAT", "TUR"} & set(c.actors)]
    assert both, [c.kind for c in found]
    assert any("Qatar and Turkey" in e.text for c in both for e in c.evidence)
    assert any("QAT" in e.source and "TUR" in e.source and e.trigger.text == "backing" for e in analysis.events)
    assert camps.camp_of("QAT") == other
