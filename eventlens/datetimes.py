"""The one place dates written by people and feeds are read: publication dates, command-line days, stored days.

Publication dates come in every shape news carries: ISO 8601 (``2015-11-26``, ``2015-11-26T10:00:00Z``), RFC 2822
as RSS writes it (``Thu, 26 Nov 2015 10:00:00 GMT``), numeric (``26/11/2015``, ``26.11.2015``) and written out
(``November 26, 2015``). Numeric dates whose day and month could be swapped are read day first (``05/11/2015`` is
5 November), as most of the world writes them; set ``day_first = False`` (``EVENTLENS_DAY_FIRST=no``) for sources
that write month first, as US ones do. A day and month that cannot be swapped (``11/26/2015``) are read as written.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

#: The first day an ISO date or timestamp names.
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")
_NUMERIC = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$")


def parse_iso_day(value: str) -> dt.date:
    """A day written ``YYYY-MM-DD`` (a timestamp's day too); ``ValueError`` otherwise (``2015-31-11`` included)."""
    match = _ISO_DAY.match(value)
    if not match:
        raise ValueError(f"{value!r} is not a date written YYYY-MM-DD")
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as e:
        raise ValueError(f"{value!r} is not a date: {e}") from e


def day_of(value: str | None) -> dt.date | None:
    """The day an ISO date or timestamp names, or ``None`` when it names no valid day (for stored values)."""
    if not value:
        return None
    try:
        return parse_iso_day(value)
    except ValueError:
        return None


def _numeric(match: re.Match[str], day_first: bool) -> dt.date:
    first, second, year = int(match[1]), int(match[2]), int(match[3])
    if first > 12 or (day_first and second <= 12):
        return dt.date(year, second, first)
    return dt.date(year, first, second)


def parse_published(value: str, *, day_first: bool = True) -> str:
    """A publication date in any common shape, as ``YYYY-MM-DD``.

    Raises:
        ValueError: the value names no date eventlens can be sure of (the message says why).
    """
    text = value.strip()
    if not text:
        raise ValueError("empty date")
    if _ISO_DAY.match(text):
        return parse_iso_day(text).isoformat()
    numeric = _NUMERIC.match(text)
    if numeric:
        try:
            return _numeric(numeric, day_first).isoformat()
        except ValueError as e:
            raise ValueError(f"{value!r} is not a date: {e}") from e
    try:
        return parsedate_to_datetime(text).date().isoformat()  # RFC 2822, as RSS and e-mail write dates
    except (TypeError, ValueError, IndexError):
        pass
    return _written_out(value, text, day_first)


def _written_out(value: str, text: str, day_first: bool) -> str:
    """``November 26, 2015``, ``26 Nov 2015``: read by dateutil, refused unless it names a whole day."""
    from dateutil import parser

    try:
        # Two different defaults: a field the text lacks would show as a difference, so only whole days pass.
        one = parser.parse(text, dayfirst=day_first, default=dt.datetime(2000, 1, 1))
        two = parser.parse(text, dayfirst=day_first, default=dt.datetime(2001, 2, 2))
    except (ValueError, OverflowError) as e:
        raise ValueError(f"{value!r} is not a date eventlens can read") from e
    if one.date() != two.date():
        raise ValueError(f"{value!r} does not name a whole day (year, month and day)")
    day: dt.date = one.date()
    return day.isoformat()


__all__ = ["day_of", "parse_iso_day", "parse_published"]
