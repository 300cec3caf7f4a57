"""Lemma corrections (data/lemmas.tsv): forms the spaCy model mis-lemmatizes still meet the lexicon."""

from __future__ import annotations

import pytest

from factionmap.datafiles import DataFileError
from factionmap.pipeline import AnalyzeOptions, build_nlp, read_lemma_fixes


def test_an_e_verb_whose_stem_is_a_word_keeps_its_lemma(nlp):
    doc = nlp("Oman hopes to broker a deal, and the rebels staged a march after the army waged a campaign.")
    lemmas = {t.lower_: t.lemma_ for t in doc}
    assert (lemmas["hopes"], lemmas["staged"], lemmas["waged"]) == ("hope", "stage", "wage")


def test_hoping_to_act_is_a_hypothetical_act(nlp):
    doc = nlp("Kenya hoped to sign a security pact with Haiti.")
    assert doc._.fm_events and all(e.hypothetical for e in doc._.fm_events if e.type != "AGREE")
    assert any(e.type == "AGREE" for e in doc._.fm_events)


def test_a_users_file_adds_corrections_and_a_bad_row_names_its_line(tmp_path):
    extra = tmp_path / "lemmas.tsv"
    extra.write_text("# mine\nbriefed\tVERB\tbrief\n", encoding="utf-8")
    assert read_lemma_fixes([extra])["briefed", "VERB"] == "brief"
    assert read_lemma_fixes()["hoped", "VERB"] == "hope"
    extra.write_text("briefed\tVERB\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"lemmas.tsv:1"):
        read_lemma_fixes([extra])


def test_the_options_carry_a_users_lemma_file(tmp_path):
    extra = tmp_path / "lemmas.tsv"
    extra.write_text("sanctioned\tVERB\tpenalise\n", encoding="utf-8")
    nlp = build_nlp(AnalyzeOptions(lemma_files=(extra,)))
    assert next(t for t in nlp("The EU sanctioned three firms.") if t.lower_ == "sanctioned").lemma_ == "penalise"
