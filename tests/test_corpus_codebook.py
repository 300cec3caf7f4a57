"""The corpus and the held-out sets follow the codebook alignment of scripts/codebook_align.py:
running it changes nothing, and each of its rules rewrites what it is written for."""

from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def align():
    spec = importlib.util.spec_from_file_location("codebook_align", ROOT / "scripts" / "codebook_align.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.align


def _event(kind, trigger, **flags):
    return {"type": kind, "mode": None, "source": ["A"], "target": ["B"], "trigger": trigger,
            "negated": False, "hedged": False, "hypothetical": False, "asserted_by": "author", **flags}


def _types(align, text, *events, rid="T-0001"):
    record = {"id": rid, "text": text, "events": [copy.deepcopy(e) for e in events]}
    align(record)
    return [e["type"] for e in record["events"]]


def test_every_corpus_and_heldout_record_is_aligned_already(align):
    files = sorted((ROOT / "training" / "events").glob("*.jsonl")) + sorted((ROOT / "evaldata").glob("*.jsonl"))
    assert files
    changed = [(f.name, r["id"]) for f in files for line in f.read_text(encoding="utf-8").splitlines()
               if line.strip() and align(r := json.loads(line))]
    assert changed == []


def test_signing_is_support_but_a_truce_or_a_future_signing_is_not(align):
    assert _types(align, "A and B signed a trade pact.", _event("AGREE", "signed a trade pact")) == ["SUPPORT"]
    assert _types(align, "A and B signed a truce in Doha.", _event("AGREE", "signed")) == ["AGREE"]
    assert _types(align, "A will sign a pact with B.", _event("AGREE", "sign", hypothetical=True)) == ["AGREE"]
    assert _types(align, "A restored diplomatic ties with B.",
                  _event("COOPERATE", "restored diplomatic ties")) == ["SUPPORT"]
    assert _types(align, "A apologised to B.", _event("CONCEDE", "apologised to")) == ["SUPPORT"]


def test_agreeing_a_deal_is_support_but_agreeing_to_act_is_not(align):
    assert _types(align, "A and B agreed a trade deal.", _event("AGREE", "agreed")) == ["SUPPORT"]
    assert _types(align, "A and B agreed on the final text of a pact.", _event("AGREE", "agreed")) == ["SUPPORT"]
    assert _types(align, "A and B agreed to negotiate a deal.", _event("AGREE", "agreed")) == ["AGREE"]
    assert _types(align, "A and B agreed on a ceasefire deal.", _event("AGREE", "agreed")) == ["AGREE"]


def test_peacekeepers_sieges_and_pledges(align):
    assert _types(align, "A deployed peacekeepers to B.", _event("MOBILIZE", "deployed")) == ["AID"]
    assert _types(align, "A deployed troops to B.", _event("MOBILIZE", "deployed")) == ["MOBILIZE"]
    assert _types(align, "A besieged B for a year.", _event("COERCE", "besieged")) == ["ASSAULT"]
    assert _types(align, "A declared a state of siege.", _event("COERCE", "declared a state of siege")) == ["COERCE"]
    assert _types(align, "A pledged to send food to B.",
                  _event("AID", "send food", hypothetical=True)) == ["AID", "AGREE"]
    assert _types(align, "A threatened to shell B.", _event("THREATEN", "threatened")) == ["THREATEN"]


def test_defying_a_ban_or_an_order_is_reject_beside_the_act(align):
    assert _types(align, "Crowds in A marched on B, defying a curfew.",
                  _event("PROTEST", "marched")) == ["PROTEST", "REJECT"]
    assert _types(align, "Farmers in A defied the new grazing law.", _event("PROTEST", "defied")) == ["REJECT"]
    assert _types(align, "A warned B that defying the court would bring charges.",
                  _event("THREATEN", "warned")) == ["THREATEN"]
    assert _types(align, "A defied expectations and won the vote.", _event("PROTEST", "won")) == ["PROTEST"]


def test_a_conviction_is_accuse_and_a_prison_term_coerce(align):
    def convict(trigger):
        return {**_event("SANCTION", trigger), "mode": "convict"}

    record = {"id": "T-0002", "text": "A court in A convicted B of fraud and sentenced him to four years.",
              "events": [convict("convicted"), convict("sentenced")]}
    align(record)
    assert [(e["type"], e["mode"]) for e in record["events"]] == [("ACCUSE", "legal"), ("COERCE", "detain")]
    assert _types(align, "A judge in A found B guilty.", convict("found B guilty")) == ["ACCUSE"]
    assert _types(align, "A handed B a death sentence.", convict("handed B a death sentence")) == ["COERCE"]
    assert _types(align, "A executed B at dawn.", convict("executed")) == ["SANCTION"]
    assert _types(align, "A sanctioned B's banks.", _event("SANCTION", "sanctioned")) == ["SANCTION"]


def test_withdrawing_peacekeepers_or_monitors_is_sanction_but_troops_retreat(align):
    record = {"id": "T-0003", "text": "A withdrew its peacekeepers from B.",
              "events": [_event("RETREAT", "withdrew")]}
    align(record)
    assert [(e["type"], e["mode"]) for e in record["events"]] == [("SANCTION", "expel")]
    assert _types(align, "A pulled out its election observers from B.", _event("RETREAT", "pulled out")) == ["SANCTION"]
    assert _types(align, "A withdrew its troops from B.", _event("RETREAT", "withdrew")) == ["RETREAT"]
