"""Line cues and date parsing used by the plain-text page structure."""

from __future__ import annotations

import pytest

from factionmap.document import cues
from factionmap.document.dates import iso_from_datetime_attr, parse_date


@pytest.mark.parametrize(
    "text, iso",
    [
        ("• November 19, 2019 at 4:44 pm", "2019-11-19T16:44"),
        ("19 November 2019 at 16:44", "2019-11-19T16:44"),
        ("Sept. 3, 2020", "2020-09-03"),
        ("2021-05-01 09:15", "2021-05-01T09:15"),
        ("posted 12:30 am, Jan 2, 2018", "2018-01-02"),
        ("February 30, 2019", None),
        ("no date here", None),
    ],
)
def test_parse_date(text, iso):
    parsed = parse_date(text)
    assert (parsed[0] if parsed else None) == iso


def test_datetime_attributes():
    assert iso_from_datetime_attr("2019-11-19T16:44:05+00:00") == "2019-11-19T16:44"
    assert iso_from_datetime_attr("2019-11-19") == "2019-11-19"
    assert iso_from_datetime_attr("") is None


@pytest.mark.parametrize(
    "line, author",
    [
        ("By Jane Doe", "Jane Doe"),
        ("BY AHMED ALI | Reuters", "AHMED ALI"),
        ("By Jane Doe and Omar Said", "Jane Doe and Omar Said"),
        ("*Karim Nasser, Research Fellow at the Carnegie Middle East Center", "Karim Nasser"),
        ("By the end of the week the army had withdrawn.", None),
        ("The army said on Monday it had withdrawn.", None),
    ],
)
def test_byline_author(line, author):
    assert cues.byline_author(line) == author


def test_comment_header_requires_the_date_to_be_the_line():
    assert cues.comment_header("Jane Doe says: March 2, 2018 at 12:05 am") == ("Jane Doe", "2018-03-02T00:05")
    assert cues.comment_header("On March 2, 2018 the rebels took the airport.") is None


def test_headings_and_boilerplate():
    assert cues.is_comments_heading("12 Comments")
    assert cues.is_comments_heading("One thought on “Sanctions and their limits”")
    assert not cues.is_comments_heading("Comments by the minister angered the rebels.")
    assert cues.is_form_boilerplate("Your email address will not be published. Required fields are marked *")
    assert cues.is_boilerplate("Share this:")
    assert not cues.is_boilerplate("Share prices fell after the attack on the refinery.")
    assert not cues.looks_like_title("QUESTION: Did you discuss the ceasefire?")


def test_body_sentences_that_start_like_boilerplate_are_not_boilerplate():
    assert not cues.is_boilerplate("Copyright disputes between the two state firms delayed the deal.")
    assert not cues.is_boilerplate("Posted in Tripoli since 2019, the brigade answers to the ministry.")
    assert cues.is_boilerplate("Copyright © 2024 The Herald. All rights reserved.")
    assert cues.is_boilerplate("Posted in World, Africa")


def test_teasers_and_promotions_are_boilerplate():
    assert cues.is_boilerplate("Related: Rebels and the army trade blame for the market strike")
    assert cues.is_boilerplate("Get the latest updates right in your inbox. Subscribe to our newsletters.")
    assert cues.is_boilerplate("Follow The Herald on Twitter and Facebook")
    assert not cues.is_boilerplate("The ministry's newsletter said troops had left the town.")
    assert not cues.is_boilerplate("More than 300 people were displaced by the fighting.")
