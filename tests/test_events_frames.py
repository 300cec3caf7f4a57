"""Argument frames, word lists and light verbs are data: read by one reader, checked row by row,
and what the coder does follows them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from factionmap.events.coder import EventCoder
from factionmap.events.lexicon import (
    LIST_KINDS,
    LexiconError,
    load_frames,
    load_lexicon,
    parse_frames,
    parse_lexicon,
    parse_light,
)
from factionmap.model import PLOVER_TYPES

from test_events_coder import ACTORS


def run(nlp, text, lexicon):
    doc = nlp(text)
    for token in doc:
        token._.fm_actor = ACTORS.get(token.text)
    doc._.fm_mentions = []
    doc._.fm_quotes = []
    EventCoder(lexicon)(doc)
    return doc._.fm_events


def test_every_type_has_a_frame():
    frames = load_frames()
    assert set(frames) == set(PLOVER_TYPES)
    assert frames["ASSAULT"].directed and not frames["CONSULT"].directed
    assert frames["CONSULT"].symmetric and frames["COOPERATE"].symmetric and frames["AGREE"].symmetric
    assert frames["RETREAT"].of_names_source and not frames["ASSAULT"].of_names_source
    assert frames["AID"].place_target and not frames["ACCUSE"].place_target
    assert frames["AID"].intent == "AGREE" and frames["ASSAULT"].intent == "THREATEN"
    assert "against" in frames["ASSAULT"].verb_target_preps and "against" not in frames["COOPERATE"].verb_target_preps
    assert "from" in frames["RETREAT"].verb_target_preps


def test_every_word_list_is_filled():
    lexicon = load_lexicon()
    assert all(lexicon.words(kind) for kind in LIST_KINDS)
    with pytest.raises(KeyError):
        lexicon.words("no-such-list")


def test_lexicon_types_follow_frame_classes():
    lexicon = load_lexicon()
    assert lexicon.types_of("provoking") == {"ASSAULT", "COERCE"}
    assert "ACCUSE" in lexicon.types_of("blame")


def test_a_bad_frame_row_names_its_line():
    header = [("# comment", "frames.tsv:1")]
    with pytest.raises(LexiconError, match="frames.tsv:2"):
        parse_frames(header + [("HUG\tyes\tno\ttarget\tyes\t-\t-\ton\ton\tby\ton\t-", "frames.tsv:2")])
    with pytest.raises(LexiconError, match="directed"):
        parse_frames([("AID\tmaybe\tno\ttarget\tyes\t-\t-\ton\ton\tby\ton\t-", "f:3")])
    with pytest.raises(LexiconError, match="no frame for"):
        parse_frames([("AID\tyes\tno\ttarget\tyes\t-\t-\ton\ton\tby\ton\t-", "f:4")])


def test_a_bad_light_verb_row_names_its_line():
    with pytest.raises(LexiconError, match="light.tsv:7"):
        parse_light([("fire\t@nowhere\tASSAULT\t-\tat", "light.tsv:7")])
    with pytest.raises(LexiconError, match="light.tsv:8"):
        parse_light([("fire\tweapon\tASSAULT", "light.tsv:8")])


def test_a_bad_word_list_kind_is_named():
    with pytest.raises(LexiconError, match="mine.tsv:1"):
        parse_lexicon([("tornado\tdisaster-cause", "mine.tsv:1")])


def test_a_user_file_extends_a_word_list(tmp_path, nlp):
    text = "A sandstorm killed 12 people in Libya."
    assert any(e.type == "ASSAULT" for e in run(nlp, text, load_lexicon()))
    extra = tmp_path / "causes.tsv"
    extra.write_text("sandstorm\tnonpolitical-cause\n", encoding="utf-8")
    assert not any(e.type == "ASSAULT" for e in run(nlp, text, load_lexicon((str(extra),))))


def test_the_frame_prepositions_decide_the_target(nlp):
    text = "Russia cooperated closely with Ukraine."
    assert any(e.type == "COOPERATE" and e.target == ("ukr",) for e in run(nlp, text, load_lexicon()))
    frames = dict(load_frames())
    frames["COOPERATE"] = replace(frames["COOPERATE"], verb_target_preps=frozenset({"on"}), search_preps=frozenset())
    lexicon = replace(load_lexicon(), type_frames=frames)
    assert not any(e.type == "COOPERATE" and e.target == ("ukr",) for e in run(nlp, text, lexicon))


def test_a_light_verb_row_makes_a_pair_an_event(nlp):
    text = "Russia hurled stones at Ukraine."
    assert not any(e.type == "ASSAULT" for e in run(nlp, text, load_lexicon()))
    light = dict(load_lexicon().light)
    extra = parse_light([("hurl\t@weapon\tASSAULT\t-\tat", "mine:1")])
    light["hurl"] = extra["hurl"]
    lexicon = replace(load_lexicon(), light=light, lists={**load_lexicon().lists, "weapon": frozenset({"stone"})})
    attack = next(e for e in run(nlp, text, lexicon) if e.type == "ASSAULT")
    assert attack.source == ("rus",) and attack.target == ("ukr",)


def test_role_paths_are_data():
    lexicon = load_lexicon()
    (path,) = [p for p in lexicon.paths("role-hands")]
    assert [sorted(step.deps) for step in path] == [["prep"], ["pobj"], ["prep"], ["pobj"]]
    assert [sorted(step.words) for step in path][:2] == [["at"], ["hands"]]
    with pytest.raises(KeyError):
        lexicon.paths("role-nothing")
    with pytest.raises(LexiconError, match="mine.tsv:3"):
        parse_lexicon([("prep>>pobj\trole-agent", "mine.tsv:3")])


def test_a_user_role_path_fills_the_role(tmp_path, nlp):
    from factionmap.events.arguments import fill

    doc = nlp("The town was shelled by the rebels.")
    verb = next(t for t in doc if t.lemma_ == "shell")
    assert [t.text for t in fill(verb, "role-agent", load_lexicon())] == ["rebels"]
    extra = tmp_path / "roles.tsv"
    extra.write_text("nsubjpass\trole-agent\n", encoding="utf-8")
    assert [t.text for t in fill(verb, "role-agent", load_lexicon((str(extra),)))] == ["rebels", "town"]
