"""Quotes: direct (straight and curly marks) and reported speech, with speakers."""

from __future__ import annotations

import pytest

from factionmap.events.quotes import find_quote_marks


def _quotes(nlp, text):
    doc = nlp(text)
    assert not doc._.fm_errors, doc._.fm_errors
    for quote in doc._.fm_quotes:
        assert text[quote.start : quote.end] == quote.text
    return doc._.fm_quotes


@pytest.mark.parametrize(
    "text, speaker, content",
    [
        ("“We will defend the capital at any cost,” the defence minister said on Sunday.",
         "the defence minister", "We will defend the capital"),
        ('"The convoy was hit twice from the air," said Maria Lopez, a spokeswoman for the agency.',
         "Maria Lopez", "The convoy was hit twice"),
        ("The UN envoy told reporters: “Both parties must return to the table now.”",
         "The UN envoy", "Both parties must return"),
        ("A senior Kenyan official said, “The refugees cannot stay in the camp beyond June.”",
         "A senior Kenyan official", "The refugees cannot stay"),
        ('According to the local council, "the water plant has been out of service for a week".',
         "the local council", "the water plant has been"),
    ],
)
def test_direct_quotes_and_their_speakers(nlp, text, speaker, content):
    quotes = [q for q in _quotes(nlp, text) if q.direct]
    assert len(quotes) == 1
    assert quotes[0].speaker_text == speaker
    assert quotes[0].text.startswith(content)


@pytest.mark.parametrize(
    "text, speaker, content",
    [
        ("Foreign Minister Anna Berg said, the sanctions have failed, and the talks must resume.",
         "Foreign Minister Anna Berg", "the sanctions have failed, and the talks must resume"),
        ("The army spokesman said that rebels had shelled the airport overnight.",
         "The army spokesman", "rebels had shelled the airport overnight"),
        ("Rebel fighters seized two villages near the border, a local commander said.",
         "a local commander", "Rebel fighters seized two villages near the border"),
    ],
)
def test_reported_speech_covers_its_content(nlp, text, speaker, content):
    quotes = [q for q in _quotes(nlp, text) if not q.direct]
    assert len(quotes) == 1
    assert quotes[0].speaker_text == speaker
    assert quotes[0].text == content


def test_speaker_is_the_actor_on_the_speaker_tokens(nlp):
    text = "Turkey said that it would send more drones to Libya."
    doc = nlp(text)
    (quote,) = doc._.fm_quotes
    turkey = doc[0]._.fm_actor
    assert turkey is not None and quote.speaker == turkey


def test_short_marks_apostrophes_and_plain_sentences_are_not_quotes(nlp):
    assert _quotes(nlp, "The so-called ‘safe zone’ around Haftar’s base was shelled again.") == []
    assert _quotes(nlp, "The militia withdrew from the port on Friday.") == []
    assert _quotes(nlp, "The minister did not say whether the troops would leave.") == []


def test_a_reported_verb_inside_a_direct_quote_is_not_a_second_quote(nlp):
    text = "“They said the ceasefire would hold, but it did not,” the mayor told the radio station."
    quotes = _quotes(nlp, text)
    assert [q.direct for q in quotes] == [True]
    assert quotes[0].speaker_text == "the mayor"


def test_quote_mark_pairs():
    text = "He said “one two three” and ‘four five’ but it’s ‘six’ and \"seven\"."
    pairs = [text[a + 1 : b] for a, b in find_quote_marks(text)]
    assert pairs == ["one two three", "four five", "six", "seven"]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ’‘“”\"',.")), max_size=60))
def test_quote_mark_pairs_are_ordered_and_disjoint(text):
    pairs = find_quote_marks(text)
    last = -1
    for start, end in pairs:
        assert last < start < end < len(text)
        last = end


def test_colon_introduced_statement_without_marks(nlp):
    text = "Talks resumed in Geneva.\n\nThe Foreign Secretary said:\n\nWe condemn the shelling of the hospital. It must stop.\n\nThe talks go on."
    quotes = [q for q in _quotes(nlp, text) if q.direct]
    assert len(quotes) == 1
    assert quotes[0].speaker_text == "The Foreign Secretary"
    assert quotes[0].text == "We condemn the shelling of the hospital. It must stop."
    inline = [q for q in _quotes(nlp, "The mayor said: the bridge will reopen next week.") if q.direct]
    assert [q.text for q in inline] == ["the bridge will reopen next week."]
