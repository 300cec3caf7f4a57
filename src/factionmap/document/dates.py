"""Dates as pages write them ("November 19, 2019 at 4:44 pm") → ISO-like strings."""

from __future__ import annotations

import re
from datetime import datetime

__all__ = ["parse_date", "iso_from_datetime_attr"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = r"(?:(?:\s*,?\s*(?:at|@|-|–|\|)?\s*)(?P<hour>\d{1,2})[:.](?P<minute>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?)?"
_MDY = _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{2})"
_DMY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>(?:19|20)\d{2})"
_ISO = r"(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})"
_NUM = r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>(?:19|20)\d{2})"

_PATTERNS = tuple(re.compile(p + _TIME, re.I) for p in (_MDY, _DMY, _ISO, _NUM))


def _month_number(value: str) -> int:
    return int(value) if value.isdigit() else _MONTHS[value.lower().rstrip(".")]


def _hour24(hour: int, ampm: str | None) -> int:
    if not ampm:
        return hour
    pm = ampm.lower().startswith("p")
    return (hour % 12) + (12 if pm else 0)


def parse_date(text: str) -> tuple[str, int, int] | None:
    """The first date in ``text`` as (ISO string, start, end), or None.

    The ISO string is ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM`` when a time follows.
    """
    best: re.Match[str] | None = None
    for pattern in _PATTERNS:
        match = pattern.search(text)
        if match and (best is None or match.start() < best.start()):
            best = match
    if best is None:
        return None
    g = best.groupdict()
    try:
        day = datetime(int(g["year"]), _month_number(g["month"]), int(g["day"]))
    except (ValueError, KeyError):
        return None
    iso = day.strftime("%Y-%m-%d")
    if g.get("hour") is not None:
        hour = _hour24(int(g["hour"]), g.get("ampm"))
        if 0 <= hour < 24 and 0 <= int(g["minute"]) < 60:
            iso += f"T{hour:02d}:{int(g['minute']):02d}"
    return iso, best.start(), best.end()


def iso_from_datetime_attr(value: str | None) -> str | None:
    """``2019-11-19T16:44:05+00:00`` (a ``<time datetime>``) → ``2019-11-19T16:44``."""
    if not value:
        return None
    match = re.match(r"\s*((?:19|20)\d{2}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?", value)
    if not match:
        parsed = parse_date(value)
        return parsed[0] if parsed else None
    return match.group(1) + (f"T{match.group(2)}" if match.group(2) else "")
