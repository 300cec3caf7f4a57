"""Event dates from time expressions, against a fixed published date (Wednesday 10 April 2019)."""

from __future__ import annotations

import pytest

from factionmap.events.dates import event_date, find_expressions, parse_published

PUBLISHED = "2019-04-10T08:30"  # a Wednesday


def resolved(text: str, tense: str = "past", published: str | None = PUBLISHED) -> tuple[str, str] | None:
    found = event_date(text, published, anchor=0, tense=tense)
    return (found.date, found.precision) if found else None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Rebels shelled the town on Monday.", ("2019-04-08", "day")),
        ("Rebels shelled the town on Wednesday.", ("2019-04-10", "day")),
        ("Rebels shelled the town last Wednesday.", ("2019-04-03", "day")),
        ("The army said it repelled an attack on Sunday night.", ("2019-04-07", "day")),
        ("Two soldiers were killed yesterday.", ("2019-04-09", "day")),
        ("The minister arrived today.", ("2019-04-10", "day")),
        ("The blast was heard last night.", ("2019-04-09", "day")),
        ("The convoy was attacked three days ago.", ("2019-04-07", "day")),
        ("The ministers met last week.", ("2019-04-01", "week")),
        ("The ceasefire collapsed earlier this month.", ("2019-04-01", "month")),
        ("Troops withdrew last month.", ("2019-03-01", "month")),
        ("Talks broke down in March.", ("2019-03-01", "month")),
        ("Talks broke down in June.", ("2018-06-01", "month")),
        ("Talks broke down in June 2017.", ("2017-06-01", "month")),
        ("The town fell on March 5.", ("2019-03-05", "day")),
        ("The town fell on 5 March.", ("2019-03-05", "day")),
        ("The town fell on December 24.", ("2018-12-24", "day")),
        ("The town fell on March 5, 2016.", ("2016-03-05", "day")),
        ("The town fell on 5th March 2016.", ("2016-03-05", "day")),
        ("The town fell on 2016-03-05.", ("2016-03-05", "day")),
        ("The town fell on 05/03/2016.", ("2016-03-05", "day")),
        ("The town fell on 3/25/2016.", ("2016-03-25", "day")),
        ("The alliance was formed in 2012.", ("2012-01-01", "year")),
        ("Sanctions were imposed last year.", ("2018-01-01", "year")),
        ("The envoy called for calm.", ("2019-04-10", "day")),
    ],
)
def test_expressions_against_the_published_date(sentence, expected):
    assert resolved(sentence) == expected


def test_a_weekday_in_the_past_and_in_the_future():
    assert resolved("The foreign ministers met on Friday.", "past") == ("2019-04-05", "day")
    assert resolved("The foreign ministers will meet on Friday.", "future") == ("2019-04-12", "day")
    # the day of publication itself is "next week's" weekday when the event lies ahead
    assert resolved("The council will vote on Wednesday.", "future") == ("2019-04-17", "day")
    assert resolved("The summit will be held next week.", "future") == ("2019-04-15", "week")
    assert resolved("Elections will be held in March.", "future") == ("2020-03-01", "month")
    assert resolved("The delegation arrives tomorrow.", "future") == ("2019-04-11", "day")


def test_the_expression_nearest_the_trigger_wins():
    text = "On Monday the ministry said that rebels had attacked the base on Saturday."
    found = event_date(text, PUBLISHED, anchor=text.index("attacked"))
    assert (found.date, found.text) == ("2019-04-06", "on Saturday")


def test_fallback_keeps_the_published_precision_and_none_without_any_date():
    assert resolved("Rebels shelled the town.", published="2019-04") == ("2019-04-01", "month")
    assert resolved("Rebels shelled the town on Monday.", published=None) is None
    assert resolved("Rebels shelled the town on 2 May 2016.", published=None) == ("2016-05-02", "day")
    assert parse_published("yesterday") is None


def test_the_modal_may_is_no_month_and_a_year_needs_its_preposition():
    assert [e.text for e in find_expressions("They may 5 times attack; 2019 troops")] == []
    assert resolved("Fighting resumed in May.") == ("2018-05-01", "month")
