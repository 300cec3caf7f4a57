"""Event dates: time expressions in a sentence → an ISO date and its precision.

:func:`find_expressions` finds every time expression in a text ("on Wednesday",
"yesterday", "last week", "earlier this month", "in March", "March 5, 2022",
"5 March", "2022-03-05", "in 2022", "three days ago") and resolves it against
the document's published date; :func:`event_date` picks the expression nearest an
event's trigger, and falls back to the published date with the published value's
own precision.

Resolution rules:

* weekdays: the last such day on or before publication, unless the tense says the
  event lies ahead ("will meet on Friday"), then the next such day after it;
* a day and month without a year: the published year, or the year before when that
  date would lie after publication and the tense is past (and the year after for a
  future event that would lie before it);
* a month without a year ("in March", "last March"): the same rule at month precision;
* "last week"/"next week": the Monday of that week, week precision.

Precision is one of :data:`factionmap.model.DATE_PRECISIONS`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

__all__ = [
    "Tense",
    "EventDate",
    "TimeExpression",
    "parse_published",
    "find_expressions",
    "event_date",
]

Tense = Literal["past", "present", "future"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
_WEEKDAYS = {name: i for i, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "a": 1, "an": 1, "a few": 3, "several": 3, "couple of": 2, "a couple of": 2}

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_COUNT = r"(?P<count>\d+|one|two|three|four|five|six|seven|eight|nine|ten|an?|a few|several|(?:a )?couple of)"

#: (kind, pattern) in priority order: a longer expression is tried before the shorter one it contains.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(r"\b" + pattern + r"\b", re.I))
    for kind, pattern in (
        ("iso", r"(?P<year>(?:19|20)\d{2})-(?P<month>[01]\d)-(?P<day>[0-3]\d)"),
        ("numeric", r"(?P<day>[0-3]?\d)/(?P<month>[0-3]?\d)/(?P<year>(?:19|20)\d{2})"),
        ("mdy", _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR),
        ("dmy", _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR),
        ("md", r"(?<![\d/])" + _MONTH + r"\s+" + _DAY + r"(?![\d:])"),
        ("dm", r"(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MONTH),
        ("month_year", _MONTH + r",?\s+(?:of\s+)?" + _YEAR),
        ("relative_month", r"(?P<rel>last|next|this|earlier this|later this|early this|late last|earlier last)\s+month"),
        ("relative_week", r"(?P<rel>last|next|this|earlier this|later this)\s+week(?:end)?"),
        ("relative_year", r"(?P<rel>last|next|this|earlier this|later this)\s+year"),
        ("ago", _COUNT + r"\s+(?P<unit>day|week|month|year)s?\s+ago"),
        ("day_word", r"(?P<word>the day before yesterday|yesterday|today|tonight|this (?:morning|afternoon|evening)|"
                     r"last night|overnight|tomorrow|the day after tomorrow)"),
        ("weekday", r"(?:(?P<rel>last|next|this|on|late on|early on|by|since|until)\s+)?" + _WEEKDAY
                    + r"(?:\s+(?P<part>morning|afternoon|evening|night))?"),
        ("month", r"(?:(?P<rel>last|next|this|in|since|until|by|early|late|mid|mid-|since early)\s*)" + _MONTH
                  + r"(?![\w-])"),
        ("year", r"(?:in|since|during|by|until|of|early|late|mid-?)\s+" + _YEAR),
    )
)


@dataclass(frozen=True, slots=True)
class EventDate:
    """A resolved date: ``date`` is ISO ``YYYY-MM-DD`` (the first day of a week, month or year)."""

    date: str
    precision: str  # day | week | month | year
    start: int | None = None  # where the expression was found in the text (None: fallback)
    end: int | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression found in a text, before it is resolved."""

    kind: str
    start: int
    end: int
    text: str
    groups: dict[str, str | None]


def parse_published(value: str | None) -> tuple[date, str] | None:
    """``2019-04-10T08:00`` → (date, ``day``); ``2019-04`` → (first of April, ``month``); None when unreadable."""
    if not value:
        return None
    match = re.match(r"\s*((?:19|20)\d{2})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not match:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    try:
        return date(int(year), int(month or 1), int(day or 1)), "day" if day else "month" if month else "year"
    except ValueError:
        return None


def find_expressions(text: str) -> list[TimeExpression]:
    """Every time expression in ``text``, left to right, longest first where they overlap."""
    found: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            if kind in ("md", "dm", "month") and _is_may_verb(text, match):
                continue
            taken.append((start, end))
            found.append(TimeExpression(kind, start, end, match.group(0), match.groupdict()))
    return sorted(found, key=lambda e: e.start)


def _is_may_verb(text: str, match: re.Match[str]) -> bool:
    """"may" the modal verb ("in May" needs the capital, "he may 5" is no date)."""
    month = match.group("month") or ""
    return month.lower() == "may" and not month[0].isupper()


def resolve(expression: TimeExpression, published: date, tense: Tense = "past") -> EventDate | None:
    """The date an expression names, relative to ``published``; None when it names no valid date."""
    resolver = _RESOLVERS[expression.kind]
    try:
        resolved = resolver(expression.groups, published, tense)
    except (ValueError, OverflowError):
        return None
    if resolved is None:
        return None
    day, precision = resolved
    return EventDate(day.isoformat(), precision, expression.start, expression.end, expression.text)


def event_date(
    text: str,
    published: str | None,
    *,
    anchor: int | None = None,
    tense: Tense = "past",
    expressions: Sequence[TimeExpression] | None = None,
) -> EventDate | None:
    """The date of the event whose trigger is at ``anchor`` in ``text`` (a sentence).

    The time expression nearest the anchor wins; with none, the published date (at
    the published value's precision).  None when there is no published date and no
    expression with a year of its own.  ``expressions``: ``find_expressions(text)`` when the
    caller has them already (several events in one sentence).
    """
    base = parse_published(published)
    expressions = list(expressions) if expressions is not None else find_expressions(text)
    if anchor is not None:
        expressions.sort(key=lambda e: min(abs(e.start - anchor), abs(e.end - anchor)))
    for expression in expressions:
        if base is None and expression.kind not in ("iso", "numeric", "mdy", "dmy", "month_year", "year"):
            continue
        resolved = resolve(expression, base[0] if base else date(1970, 1, 1), tense)
        if resolved is not None:
            return resolved
    if base is None:
        return None
    return EventDate(base[0].isoformat(), base[1])


# -- resolvers ---------------------------------------------------------------
Resolved = tuple[date, str] | None


def _month_number(value: str | None) -> int:
    if value is None:
        raise ValueError("no month")
    return int(value) if value.isdigit() else _MONTHS[value.lower().rstrip(".")]


def _full(g: dict, published: date, tense: Tense) -> Resolved:
    month, day = _month_number(g["month"]), int(g["day"])
    if month > 12 and day <= 12:  # 3/25/2022: the American order
        month, day = day, month
    return date(int(g["year"]), month, day), "day"


def _day_month(g: dict, published: date, tense: Tense) -> Resolved:
    day = date(published.year, _month_number(g["month"]), int(g["day"]))
    if tense == "past" and day > published:
        day = day.replace(year=day.year - 1)
    elif tense == "future" and day < published:
        day = day.replace(year=day.year + 1)
    return day, "day"


def _month_year(g: dict, published: date, tense: Tense) -> Resolved:
    return date(int(g["year"]), _month_number(g["month"]), 1), "month"


def _month(g: dict, published: date, tense: Tense) -> Resolved:
    rel = (g.get("rel") or "").strip().lower()
    month = _month_number(g["month"])
    this_month = date(published.year, published.month, 1)
    first = date(published.year, month, 1)
    if rel == "last" or (rel not in ("next", "this") and tense != "future" and first > this_month):
        if first >= this_month:
            first = first.replace(year=first.year - 1)
    elif rel == "next" or (tense == "future" and first < this_month):
        if first <= this_month:
            first = first.replace(year=first.year + 1)
    return first, "month"


def _relative_month(g: dict, published: date, tense: Tense) -> Resolved:
    rel = g["rel"].lower()
    first = date(published.year, published.month, 1)
    if "last" in rel:
        first = (first - timedelta(days=1)).replace(day=1)
    elif rel == "next":
        first = (first + timedelta(days=32)).replace(day=1)
    return first, "month"


def _relative_week(g: dict, published: date, tense: Tense) -> Resolved:
    monday = published - timedelta(days=published.weekday())
    shift = {"last": -7, "next": 7}.get(g["rel"].lower(), 0)
    return monday + timedelta(days=shift), "week"


def _relative_year(g: dict, published: date, tense: Tense) -> Resolved:
    shift = {"last": -1, "next": 1}.get(g["rel"].lower(), 0)
    return date(published.year + shift, 1, 1), "year"


def _ago(g: dict, published: date, tense: Tense) -> Resolved:
    raw = g["count"].lower()
    count = int(raw) if raw.isdigit() else _NUMBERS.get(raw, 1)
    unit = g["unit"].lower()
    if unit == "day":
        return published - timedelta(days=count), "day"
    if unit == "week":
        day = published - timedelta(weeks=count)
        return day - timedelta(days=day.weekday()), "week"
    if unit == "month":
        months = published.year * 12 + published.month - 1 - count
        return date(months // 12, months % 12 + 1, 1), "month"
    return date(published.year - count, 1, 1), "year"


def _day_word(g: dict, published: date, tense: Tense) -> Resolved:
    word = g["word"].lower()
    shift = {"the day before yesterday": -2, "yesterday": -1, "last night": -1, "tomorrow": 1,
             "the day after tomorrow": 2}.get(word, 0)
    return published + timedelta(days=shift), "day"


def _weekday(g: dict, published: date, tense: Tense) -> Resolved:
    target = _WEEKDAYS[g["weekday"].lower()]
    rel = (g.get("rel") or "").lower()
    ahead = rel == "next" or (tense == "future" and rel not in ("last", "since"))
    if ahead:
        delta = (target - published.weekday()) % 7 or 7
        return published + timedelta(days=delta), "day"
    delta = (published.weekday() - target) % 7
    if rel == "last" and delta == 0:
        delta = 7
    return published - timedelta(days=delta), "day"


def _year(g: dict, published: date, tense: Tense) -> Resolved:
    return date(int(g["year"]), 1, 1), "year"


_RESOLVERS = {
    "iso": _full, "numeric": _full, "mdy": _full, "dmy": _full, "md": _day_month, "dm": _day_month,
    "month_year": _month_year, "relative_month": _relative_month, "relative_week": _relative_week,
    "relative_year": _relative_year, "ago": _ago, "day_word": _day_word, "weekday": _weekday,
    "month": _month, "year": _year,
}
