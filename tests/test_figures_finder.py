"""Figures: kinds, numbers in digits and words, ranges, qualifiers, subjects, actors."""

from __future__ import annotations

import pytest

from factionmap.events.figures import load_figure_lexicon


def _figures(nlp, text):
    doc = nlp(text)
    assert not doc._.fm_errors, doc._.fm_errors
    return [(f.kind, f.value, f.qualifier) for f in doc._.fm_figures], doc


@pytest.mark.parametrize(
    "text, expected",
    [
        ("More than 300,000 people have been displaced by the war.", ("displaced", 300000, "more_than")),
        ("Thousands of villagers, mostly women, have been killed since May.", ("killed", None, "approximate")),
        ("The shelling killed at least 14 civilians in the old city.", ("killed", 14, "at_least")),
        ("Officials put the death toll at 63 on Tuesday.", ("killed", 63, None)),
        ("The death toll from the two blasts in the market rose to 27.", ("killed", 27, None)),
        ("Nine people died when the ferry sank.", ("killed", 9, None)),
        ("The raid left two million residents homeless.", ("displaced", 2000000, None)),
        ("Police detained a dozen students outside the ministry.", ("detained", 12, None)),
        ("Up to 40 fishermen are still missing after the storm.", ("missing", 40, "up_to")),
        ("About 1.5 million refugees live in the camps.", ("refugees", 1500000, "about")),
        ("Germany will deploy 650 soldiers to the mission.", ("troops", 650, None)),
        ("Hundreds were wounded in the clashes.", ("wounded", None, "approximate")),
        ("An airstrike claimed the lives of eleven farmers.", ("killed", 11, None)),
        ("A journalist was killed near the border.", ("killed", 1, None)),
    ],
)
def test_figure_kinds_values_and_qualifiers(nlp, text, expected):
    found, _ = _figures(nlp, text)
    assert expected in found


def test_killed_and_wounded_in_one_sentence(nlp):
    found, _ = _figures(nlp, "A car bomb killed 8 people and injured 31 others near the bus station.")
    assert ("killed", 8, None) in found and ("wounded", 31, None) in found
    found, _ = _figures(nlp, "Four soldiers killed, 12 wounded in an ambush on the highway.")
    assert ("killed", 4, None) in found and ("wounded", 12, None) in found


def test_ranges_give_value_max(nlp):
    doc = nlp("Between 20 and 30 protesters were arrested in the capital.")
    figures = [f for f in doc._.fm_figures if f.kind == "detained"]
    assert figures and (figures[0].value, figures[0].value_max) == (20, 30)


def test_subject_span_and_responsible_actor(nlp):
    text = "Russia killed hundreds of civilians in Aleppo."
    doc = nlp(text)
    (figure,) = [f for f in doc._.fm_figures if f.kind == "killed"]
    assert figure.subject == "civilians"
    assert "killed" in text[figure.start : figure.end]
    russia = [t._.fm_actor for t in doc if t.text == "Russia"][0]
    assert russia and figure.actor == russia


def test_dates_years_and_measures_are_not_figures(nlp):
    found, _ = _figures(nlp, "On 12 March 2019 the army said 5 percent of the 40 km road was damaged; in 2015 it killed nobody.")
    assert found == []


def test_bundled_lexicon_has_every_kind():
    lexicon = load_figure_lexicon()
    kinds = set(lexicon.verbs.values()) | set(lexicon.states.values()) | set(lexicon.nouns.values())
    assert {"killed", "wounded", "displaced", "detained", "missing", "refugees", "troops"} <= kinds


def test_bad_lexicon_names_file_and_line(tmp_path):
    bad = tmp_path / "figs.tsv"
    bad.write_text("kill\tverb\tkilled\nbroken line\n", encoding="utf-8")
    with pytest.raises(ValueError, match="figs.tsv:2"):
        load_figure_lexicon(str(bad))


def test_an_article_counts_one_only_with_a_trigger(nlp):
    found, _ = _figures(nlp, "A soldier told reporters that a refugee had crossed the river.")
    assert found == []
    found, _ = _figures(nlp, "A soldier was wounded at the checkpoint.")
    assert found == [("wounded", 1, None)]
