"""Actor resolution against ../shared development data (skips when it is absent)."""

from __future__ import annotations

import json

import pytest

from factionmap.document import build_document
from factionmap.model import Document, RawInput, Section

pytestmark = pytest.mark.slow


def _records(shared_dir, name):
    return [json.loads(line) for line in (shared_dir / "eval" / name).read_text(encoding="utf-8").splitlines()]


def _as_body(record) -> Document:
    return Document(id=record["id"], text=record["text"], sections=(Section("body", 0, len(record["text"])),))


def test_seed_alias_groups_resolve_to_one_actor(shared_dir, analyzer):
    expected = json.loads((shared_dir / "eval" / "seed-expected.json").read_text(encoding="utf-8"))
    text = (shared_dir / "corpus" / "seed-oped-libya-2019.txt").read_text(encoding="utf-8")
    analysis = analyzer.analyze_one(build_document(RawInput(name="seed", content=text)))
    ids_by_text: dict[str, set[str]] = {}
    for actor in analysis.actors:
        for m in actor.mentions:
            ids_by_text.setdefault(m.text.lower(), set()).add(actor.id)
    for group in expected["aliases"]:
        ids = set()
        for alias in group:
            forms = {alias.lower(), "the " + alias.lower()}
            ids |= {i for text, v in ids_by_text.items() if text in forms for i in v}
        named = [a for a in group if {a.lower(), "the " + a.lower()} & set(ids_by_text)]
        assert len(named) >= len(group) - 1, (group, named)
        assert len(ids) == 1, (group, ids)
    coded = {a.id: a.profile for a in analysis.actors}
    for actor_id, country, sector in [("LBY-GNA", "LBY", "GOV"), ("LBY-LNA", "LBY", "MIL"),
                                      ("person-khalifa-haftar", "LBY", "MIL"), ("RUS", "RUS", "GOV"),
                                      ("TUR", "TUR", "GOV"), ("QAT", "QAT", "GOV"), ("EGY", "EGY", "GOV"),
                                      ("ARE", "ARE", "GOV"), ("USA", "USA", "GOV")]:
        assert (coded[actor_id].country, coded[actor_id].sector) == (country, sector)


def test_plover_actor_countries(shared_dir, analyzer):
    records = _records(shared_dir, "plover-dev.jsonl")
    ok = total = 0
    for record, analysis in zip(records, analyzer.analyze(_as_body(r) for r in records)):
        mentions = [(m, a.profile) for a in analysis.actors for m in a.mentions]
        for event in record["events"]:
            for gold in event["source"] + event["target"]:
                start = record["text"].find(gold["text"].strip())
                if start < 0:
                    continue
                end = start + len(gold["text"].strip())
                total += 1
                ok += any(p.country == gold["country"] for m, p in mentions if m.start < end and m.end > start)
    assert total > 150 and ok / total >= 0.85


def test_re3d_entity_overlap(shared_dir, analyzer):
    records = _records(shared_dir, "re3d-dev.jsonl")
    types = {"Person", "Organisation", "Location", "Nationality"}
    hit_gold = n_gold = hit_pred = n_pred = 0
    for record, analysis in zip(records, analyzer.analyze(_as_body(r) for r in records)):
        gold = [(e["start"], e["end"]) for e in record["entities"] if e["type"] in types]
        pred = [(m.start, m.end) for a in analysis.actors for m in a.mentions if m.rule != "pronoun"]
        n_gold, n_pred = n_gold + len(gold), n_pred + len(pred)
        hit_gold += sum(any(s < ge and e > gs for s, e in pred) for gs, ge in gold)
        hit_pred += sum(any(s < ge and e > gs for gs, ge in gold) for s, e in pred)
    precision, recall = hit_pred / n_pred, hit_gold / n_gold
    assert 2 * precision * recall / (precision + recall) >= 0.75
