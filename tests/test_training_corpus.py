"""The corpus reader: typed records, spans resolved to offsets, errors naming file and line."""

from __future__ import annotations

import json

import pytest

from factionmap.training.corpus import CorpusError, parse_line, read_corpus, resolve_span, type_counts


def _line(**overrides) -> str:
    record = {
        "id": "T-0001",
        "text": "Overnight the army shelled the town, and the army later withdrew.",
        "events": [{"type": "RETREAT", "mode": "withdraw", "source": [{"text": "the army", "n": 2}],
                    "target": [], "trigger": "withdrew", "negated": False, "hedged": False,
                    "hypothetical": False, "asserted_by": "author"}],
        "tags": ["active"],
    }
    record.update(overrides)
    return json.dumps(record)


def test_spans_resolve_to_offsets_and_later_occurrences():
    sentence = parse_line(_line())
    event = sentence.events[0]
    assert sentence.text[event.trigger.start : event.trigger.end] == "withdrew"
    assert event.source[0].start == sentence.text.rindex("the army")
    assert sentence.types == frozenset({"RETREAT"})


def test_hard_negative_has_no_events():
    sentence = parse_line(_line(text="An earthquake killed 40 people.", events=[]))
    assert sentence.events == () and sentence.types == frozenset()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"events": [{"type": "FIGHT", "trigger": "shelled"}]}, "unknown type 'FIGHT'"),
        ({"events": [{"type": "ASSAULT", "trigger": "bombed"}]}, "'bombed' (occurrence 1) does not occur"),
        ({"events": [{"type": "ASSAULT", "trigger": "shelled", "negated": "no"}]}, "'negated' must be true or false"),
        ({"events": [{"type": "ASSAULT", "trigger": "shelled", "source": ["NATO"]}]}, "source: 'NATO'"),
        ({"events": "none"}, "'events' must be a list"),
        ({"id": ""}, "'id' must be a non-empty string"),
    ],
)
def test_bad_lines_are_named(overrides, message):
    with pytest.raises(CorpusError, match="x.jsonl:7") as info:
        parse_line(_line(**overrides), "x.jsonl:7")
    assert message in str(info.value)


def test_read_corpus_names_file_and_line_and_rejects_duplicate_ids(tmp_path):
    good = tmp_path / "A-x.jsonl"
    good.write_text(_line() + "\n\n" + _line(id="T-0002") + "\n", encoding="utf-8")
    sentences = read_corpus(tmp_path)
    assert [s.id for s in sentences] == ["T-0001", "T-0002"]
    assert sentences[1].origin.endswith("A-x.jsonl:3")
    assert type_counts(sentences)["RETREAT"] == 2
    (tmp_path / "B-y.jsonl").write_text(_line() + "\n{not json\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"B-y.jsonl:1: id 'T-0001' already used at .*A-x.jsonl:1"):
        read_corpus(tmp_path)


def test_bad_json_names_line(tmp_path):
    (tmp_path / "C.jsonl").write_text(_line() + "\n{not json\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"C.jsonl:2: not JSON"):
        read_corpus(tmp_path / "C.jsonl")


def test_resolve_span_rejects_bad_shapes():
    with pytest.raises(CorpusError, match="occurrence 3"):
        resolve_span({"text": "the army", "n": 3}, "the army and the army", "here")
    with pytest.raises(CorpusError, match="a span is a string"):
        resolve_span({"text": "x", "n": 0}, "x", "here")
