"""Publication dates as inputs write them → ISO 8601, so they compare as dates.

Inputs carry ``published`` values in many forms: ISO 8601, RFC 822 (feeds, e-mail:
``Sun, 05 May 2019 10:00:00 GMT``), month names (``May 5, 2019``, ``5 May 2019``),
numeric (``05/04/2019``), Unix timestamps (seconds or milliseconds).
:func:`normalise_published` turns each into ``YYYY-MM-DD`` (``THH:MM:SS`` and the offset
when a time is given), or ``YYYY-MM`` / ``YYYY`` when that is all that is known, so that
``--since 2024`` compares dates, not strings.  A numeric date whose day and month could be
swapped (``05/04/2019``) keeps only its year; one that is not a date gives ``None``.
The value as given is kept beside it (``Document.published_raw``).

:func:`check_date_bound` and :func:`check_date_window` validate ``--since``/``--until``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

__all__ = ["DateBoundError", "check_date_bound", "check_date_window", "normalise_published"]

_MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>\d{4})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_NAMED = (
    re.compile(rf"^{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(rf"^{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"^{_MONTH},?\s+{_YEAR}$", re.I),
)
_PARTIAL_ISO = re.compile(r"^(?P<year>\d{4})(?:[-/.](?P<month>\d{1,2})(?:[-/.](?P<day>\d{1,2}))?)?$")
_NUMERIC = re.compile(r"^(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<year>\d{4})$")
_EPOCH = re.compile(r"^\d{9,13}(?:\.\d+)?$")
_BOUND = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")


class DateBoundError(ValueError):
    """A ``--since``/``--until`` value that is not a date, or a window that ends before it starts."""


def _ymd(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """ISO text for a date known to the given precision, or None when it is not a real date."""
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    if not 1000 <= year <= 9999:
        return None
    if month is None:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" if day is None else f"{year:04d}-{month:02d}-{day:02d}"


def _from_datetime(moment: datetime) -> str:
    text = moment.replace(microsecond=0).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _iso(value: str) -> str | None:
    match = _PARTIAL_ISO.match(value)
    if match:
        month, day = match.group("month"), match.group("day")
        return _ymd(int(match.group("year")), int(month) if month else None, int(day) if day else None)
    try:
        moment = datetime.fromisoformat(value.replace(" ", "T", 1) if re.match(r"^\d{4}-\d\d-\d\d ", value) else value)
    except ValueError:
        return None
    return _from_datetime(moment) if (moment.hour, moment.minute, moment.second) != (0, 0, 0) or moment.tzinfo \
        else moment.date().isoformat()


def _named(value: str) -> str | None:
    for pattern in _NAMED:
        match = pattern.match(value)
        if match:
            day = match.groupdict().get("day")
            return _ymd(int(match.group("year")), _MONTHS[match.group("month").lower()], int(day) if day else None)
    return None


def _numeric(value: str) -> str | None:
    match = _NUMERIC.match(value)
    if not match:
        return None
    a, b, year = int(match.group("a")), int(match.group("b")), int(match.group("year"))
    if a > 12 >= b:
        return _ymd(year, b, a)
    if b > 12 >= a:
        return _ymd(year, a, b)
    if a == b:
        return _ymd(year, a, b)
    return _ymd(year) if _ymd(year, a, b) and _ymd(year, b, a) else None


def _epoch(value: str) -> str | None:
    if not _EPOCH.match(value):
        return None
    seconds = float(value)
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        return _from_datetime(datetime.fromtimestamp(seconds, tz=timezone.utc))
    except (OverflowError, OSError, ValueError):
        return None


def _rfc822(value: str) -> str | None:
    if not re.search(r"\d{1,2}\s+[a-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}", value, re.I):
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return _from_datetime(moment) if moment.tzinfo else moment.replace(microsecond=0).isoformat()


def normalise_published(value: str | None) -> str | None:
    """``value`` as ISO 8601 (see the module docstring), or None when it is not a date."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    if not text:
        return None
    for reader in (_epoch, _iso, _rfc822, _named, _numeric):
        result = reader(text)
        if result:
            return result
    return None


def check_date_bound(value: str | None, flag: str = "--since") -> str | None:
    """``value`` when it is a real date written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    if value is None:
        return None
    match = _BOUND.match(value.strip())
    if not match:
        raise DateBoundError(f"{flag} {value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    month, day = match.group("month"), match.group("day")
    if _ymd(int(match.group("year")), int(month) if month else None, int(day) if day else None) is None:
        raise DateBoundError(f"{flag} {value!r} is not a real date (month 01-12, a day that month has)")
    return value.strip()


def check_date_window(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """Both bounds checked, and ``since`` not after ``until`` (``until`` of ``2019-04`` is all of April)."""
    since, until = check_date_bound(since, "--since"), check_date_bound(until, "--until")
    if since and until and since > until + "\uffff":
        raise DateBoundError(f"--since {since} is after --until {until}: the window is empty")
    return since, until
