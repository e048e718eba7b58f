"""Normalising a date expression against the publication date: a pure function, no spaCy.

``normalise(text, published, tense=...)`` → ``(value, granularity)``:

* ``value`` is ISO 8601 at the granularity the text supports: ``2022-01-21`` (day), ``2022-W02`` (ISO week),
  ``2022-02`` (month), ``2021`` (year), ``199`` (decade: ISO 8601-2's three-digit decade, "the 1990s").
* ``granularity`` is one of day, week, month, year, decade; ``(None, None)`` means "not a date expression"
  (a duration such as "eight years", a clock time, nonsense).
* With no publication date, relative expressions ("Friday", "last week", "late December", "two years ago") keep
  ``value`` None but still say their granularity: eventlens never guesses an anchor. Absolute ones ("5 January 2021",
  "2014", "the 1990s") are normalised all the same.

Which way relative expressions point when the text does not say ("last", "next", "ago" say it):

* a weekday ("Friday"): the publication day itself when it is that day; otherwise the next such day in a future or
  present-tense clause ("talks begin Friday", "will meet on Friday"), the previous one in a past-tense clause
  ("met on Friday"), and the nearer of the two when the clause has no tense (a date that modifies a noun:
  "talks Friday");
* a month or a day of a month without a year ("late December", "January 5"): the most recent one not after
  publication; in a future-tense clause the next one on or after it, in a present-tense clause the nearer one
  ("the summit begins May 26", "ahead of meeting Kerry November 8");
* "the next day", "the following year", "a week later" count from the story's own events, not from publication:
  no value;
* "the past weeks", "recent days": the unit before publication, like "last week", "yesterday".

``tense`` is "past", "present", "future" or None; :mod:`eventlens.extract.dates` reads it from the governing verb.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import TypeVar

Result = tuple[str | None, str | None]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50,
}  # fmt: skip
UNITS = {"day": "day", "week": "week", "month": "month", "year": "year", "decade": "decade"}
#: Words that frame a date without changing its value ("since 2014", "late December", "earlier this month").
FRAME_WORDS = frozenset(
    "on in at since by until till through throughout from during before after of around about as early earlier "
    "late later mid the beginning start end middle".split()
)
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(WEEKDAYS)
_DAY_RE = r"(\d{1,2})(?:st|nd|rd|th)?"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"


def normalise(text: str, published: str | None, *, tense: str | None = None) -> Result:
    """``(value, granularity)`` of date expression ``text`` read against ``published`` (ISO date or None)."""
    clean = _clean(text)
    if not clean:
        return None, None
    pub = parse_published(published)
    for parser in PARSERS:
        try:
            result = parser(clean, pub, tense)
        except (ValueError, OverflowError):  # a day that does not exist, a year past 9999: recognised, no value
            return None, _granularity_guess(clean)
        if result is not None:
            return result
    return None, None


def parse_published(published: str | None) -> date | None:
    """The publication day from an ISO date or datetime string; None when absent or unreadable."""
    if not published:
        return None
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


# -- cleaning ---------------------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Lower case, straight quotes, single spaces, and framing words ("since", "late", "the") dropped."""
    t = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    t = re.sub(r"(?<=[a-z])\.", "", t)  # "jan." → "jan", "a.m." → "am"
    t = re.sub(r"\bmid-?(?=[a-z0-9])", "mid ", t)
    t = re.sub(r"'s\b", "", t)
    t = " ".join(t.replace(",", " , ").split()).replace(" ,", ",").lstrip("-–—:;.( ")
    words = t.split()
    if len(words) == 3 and words[0] in ("in", "within") and re.fullmatch(r"(day|week|month|year|decade)s?", words[2]):
        return t  # "in two weeks" counts forward from publication: the "in" matters
    while words and words[0] in FRAME_WORDS and len(words) > 1:
        words = words[1:]
    if len(words) == 1 and words[0] in FRAME_WORDS:
        return ""
    return " ".join(words).strip(" ,")


def _granularity_guess(clean: str) -> str | None:
    if re.search(rf"\b({_WEEKDAY_RE})\b|\d{{1,2}}\b.*\b({_MONTH_RE})\b|\b({_MONTH_RE})\b.*\d", clean):
        return "day"
    return None


# -- helpers ----------------------------------------------------------------------------------------------------


def _day(d: date) -> Result:
    return d.isoformat(), "day"


def _week(d: date) -> Result:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}", "week"


def _month(year: int, month: int) -> Result:
    if not 1 <= month <= 12 or not 1 <= year <= 9999:
        raise ValueError("month out of range")
    return f"{year:04d}-{month:02d}", "month"


def _year(year: int) -> Result:
    if not 1 <= year <= 9999:
        raise ValueError("year out of range")
    return f"{year:04d}", "year"


def _decade(year: int) -> Result:
    if not 1 <= year <= 9999:
        raise ValueError("year out of range")
    return f"{year // 10:03d}", "decade"


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _shift(unit: str, pub: date, delta: int) -> Result:
    """The ``unit`` (day, week, month, year, decade) ``delta`` units from the publication date."""
    if unit == "day":
        return _day(pub + timedelta(days=delta))
    if unit == "week":
        return _week(pub + timedelta(weeks=delta))
    if unit == "month":
        return _month(*_add_months(pub.year, pub.month, delta))
    if unit == "year":
        return _year(pub.year + delta)
    return _decade(pub.year + 10 * delta)


def _forward(tense: str | None) -> bool:
    """Future and present-tense clauses point forward ("talks begin Friday")."""
    return tense in ("future", "present")


TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}


def _count(word: str) -> int | None:
    """ "3", "three", "thirty-eight" → the number; None for "few", "several"."""
    if word.isdigit():
        return int(word)
    tens, _, units = word.partition("-")
    if tens in TENS and (not units or NUMBER_WORDS.get(units, 10) < 10):
        return TENS[tens] + (NUMBER_WORDS[units] if units else 0)
    return NUMBER_WORDS.get(word)


def _year_of(word: str) -> int:
    year = int(word)
    if not 1 <= year <= 9999:
        raise ValueError("year out of range")
    return year


# -- parsers: each returns a Result when it recognises the text, None to let the next one try --------------------

Parser = Callable[[str, date | None, str | None], Result | None]


def _iso(t: str, pub: date | None, tense: str | None) -> Result | None:
    if m := re.fullmatch(r"(\d{4})\s?-\s?(\d{1,2})\s?-\s?(\d{1,2})", t):
        return _day(date(int(m[1]), int(m[2]), int(m[3])))
    if m := re.fullmatch(r"(\d{4})-(\d{2})", t):
        return _month(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", t):  # US order unless the first number cannot be a month
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        month, day = (b, a) if a > 12 else (a, b)
        return _day(date(y, month, day))
    return None


def _strip_weekday(t: str) -> str:
    """ "monday, january 10, 2022" → "january 10, 2022" (the calendar date is what counts)."""
    return re.sub(rf"^(?:{_WEEKDAY_RE})\s*,?\s+(?=\d|{_MONTH_RE})", "", t)


def _full_date(t: str, pub: date | None, tense: str | None) -> Result | None:
    t = _strip_weekday(t)
    if m := re.fullmatch(rf"({_MONTH_RE})\s+{_DAY_RE}\s*,?\s+(\d{{4}})", t):
        return _day(date(_year_of(m[3]), MONTHS[m[1]], int(m[2])))
    if m := re.fullmatch(rf"{_DAY_RE}\s+(?:of\s+)?({_MONTH_RE})\s*,?\s+(\d{{4}})", t):
        return _day(date(_year_of(m[3]), MONTHS[m[2]], int(m[1])))
    return None


def _month_year(t: str, pub: date | None, tense: str | None) -> Result | None:
    if m := re.fullmatch(rf"({_MONTH_RE})\s*,?\s+(?:of\s+)?(\d{{4}})", t):
        return _month(_year_of(m[2]), MONTHS[m[1]])
    return None


def _month_day(t: str, pub: date | None, tense: str | None) -> Result | None:
    t = _strip_weekday(t)
    m = re.fullmatch(rf"({_MONTH_RE})\s+{_DAY_RE}{_PART_OF_DAY}", t) or re.fullmatch(
        rf"{_DAY_RE}\s+(?:of\s+)?({_MONTH_RE}){_PART_OF_DAY}", t
    )
    if not m:
        return None
    month, day = (MONTHS[m[1]], int(m[2])) if m[1] in MONTHS else (MONTHS[m[2]], int(m[1]))
    if not 1 <= day <= 31:
        return None, None  # "March 45" is not a date
    if pub is None:
        return None, "day"
    options = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:  # February 29 outside a leap year, April 31
            continue
    if not options:
        return None, "day"
    chosen = _pick(options, pub, tense, lambda d: (d - pub).days)
    return _day(chosen) if chosen is not None else (None, "day")


def _month_alone(t: str, pub: date | None, tense: str | None) -> Result | None:
    if not (m := re.fullmatch(rf"({_MONTH_RE})", t)):
        return None
    month = MONTHS[m[1]]
    if pub is None:
        return None, "month"
    here = pub.year * 12 + pub.month - 1
    options = [(year, month) for year in (pub.year - 1, pub.year, pub.year + 1)]
    chosen = _pick(options, pub, tense, lambda ym: ym[0] * 12 + ym[1] - 1 - here)
    return _month(*chosen) if chosen is not None else (None, "month")


T = TypeVar("T")


def _pick(options: list[T], pub: date, tense: str | None, offset: Callable[[T], int]) -> T | None:
    """The occurrence a yearless date means: the next one on or after publication in a future clause, the nearest
    in a present-tense one ("the summit begins May 26", "meeting Kerry November 8"), else the last one not after."""
    if tense == "future":
        ahead = [o for o in options if offset(o) >= 0]
        return min(ahead, key=offset) if ahead else None
    if tense == "present":
        return min(options, key=lambda o: abs(offset(o)))
    behind = [o for o in options if offset(o) <= 0]
    return max(behind, key=offset) if behind else None


def _year_alone(t: str, pub: date | None, tense: str | None) -> Result | None:
    if m := re.fullmatch(r"(?:(?:summer|winter|spring|autumn|fall)\s+(?:of\s+)?)?(\d{4})", t):
        return _year(_year_of(m[1]))
    if m := re.fullmatch(r"(?:fiscal|fy)\s*(\d{4})", t):
        return _year(_year_of(m[1]))
    return None


def _decades(t: str, pub: date | None, tense: str | None) -> Result | None:
    if m := re.fullmatch(r"(\d{3})0s", t):
        return _decade(int(m[1]) * 10)
    if m := re.fullmatch(r"'?(\d)0s", t):  # "the '90s": the latest such decade that has begun by publication
        decade = int(m[1]) * 10
        latest = (pub.year if pub else 1999) // 100 * 100 + decade
        return _decade(latest if latest <= (pub.year if pub else 1999) else latest - 100)
    return None


RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1}


def _days(t: str, pub: date | None, tense: str | None) -> Result | None:
    """ "today", "yesterday morning", "tomorrow", "tonight", "last night", "this morning"."""
    t = re.sub(r"\s+(?:morning|afternoon|evening|night)$", "", t) if t != "last night" else t
    if t not in RELATIVE_DAYS and t not in ("this", "this morning"):
        return None
    if pub is None:
        return None, "day"
    return _day(pub + timedelta(days=RELATIVE_DAYS.get(t, 0)))


def _weekday(t: str, pub: date | None, tense: str | None) -> Result | None:
    m = re.fullmatch(rf"(?:(last|next|this|past|coming|previous)\s+)?({_WEEKDAY_RE}){_PART_OF_DAY}", t)
    if not m:
        return None
    if pub is None:
        return None, "day"
    target = WEEKDAYS.index(m[2])
    ahead = (target - pub.weekday()) % 7  # days to the next such day (0: today)
    behind = (pub.weekday() - target) % 7
    word = m[1]
    if word in ("last", "past", "previous"):
        delta = -(behind or 7)
    elif word in ("next", "coming", "this"):
        delta = ahead or 7 if word != "this" else ahead
    elif ahead == 0:
        delta = 0
    elif tense == "past":
        delta = -behind
    elif _forward(tense):
        delta = ahead
    else:
        delta = ahead if ahead <= behind else -behind
    return _day(pub + timedelta(days=delta))


def _weekend(t: str, pub: date | None, tense: str | None) -> Result | None:
    m = re.fullmatch(r"(?:(last|next|this|past|coming)\s+)?weekend", t)
    if not m:
        return None
    if pub is None:
        return None, "week"
    ahead = (5 - pub.weekday()) % 7  # to the next Saturday
    behind = (pub.weekday() - 5) % 7
    word = m[1]
    if word in ("last", "past") or (word is None and tense == "past"):
        saturday = pub - timedelta(days=behind)
    elif word in ("next", "coming", "this") or _forward(tense):
        saturday = pub + timedelta(days=ahead)
    else:
        saturday = pub + timedelta(days=ahead) if ahead <= behind else pub - timedelta(days=behind)
    return _week(saturday)


def _relative_unit(t: str, pub: date | None, tense: str | None) -> Result | None:
    """ "last week", "next month", "this year", "the past weeks", "recent days", "the year", "the coming months"."""
    m = re.fullmatch(
        r"(?:(last|next|this|past|coming|previous|recent|current|following)\s+)?"
        r"(?:(?:few|several|couple of|\d+|" + "|".join(NUMBER_WORDS) + r")\s+)?"
        r"(day|week|month|year|decade)s?",
        t,
    )
    if not m or (m[1] is None and t not in ("week", "month", "year", "decade")):
        return None
    unit = UNITS[m[2]]
    if pub is None or m[1] in ("following", "previous") or t == "next day":
        return None, unit  # "the following year", "the next day": counted from the story's events, not publication
    delta = {"last": -1, "past": -1, "previous": -1, "recent": -1, "next": 1, "coming": 1, "following": 1}
    return _shift(unit, pub, delta.get(m[1] or "this", 0))


def _ago(t: str, pub: date | None, tense: str | None) -> Result | None:
    """ "two years ago", "three days ago", "in two weeks", "a decade ago"."""
    m = re.fullmatch(r"((?:a\s+)?\S+)\s+(day|week|month|year|decade)s?\s+(ago|earlier|before|later|from now|hence)", t)
    sign = -1
    if m is None:
        m = re.fullmatch(r"(?:in|within)\s+(\S+)\s+(day|week|month|year|decade)s?(?:'? time)?", t)
        sign = 1
    if m is None:
        return None
    n = _count(m[1])
    unit = UNITS[m[2]] if m[2] != "decade" else "year"  # "a decade ago" is a year, ten before publication
    if n is None or pub is None:
        return None, unit  # "a few days ago": the unit is clear, the value is not
    if m.lastindex == 3 and m[3] in ("later", "from now", "hence"):
        sign = 1
    if m.lastindex == 3 and m[3] in ("earlier", "before", "later"):
        return None, unit  # counted from another event, not from publication
    if m[2] == "decade":
        return _year(pub.year + sign * 10 * n)
    return _shift(unit, pub, sign * n)


def reaches_publication(text: str) -> bool:
    """The expression names a stretch of time that runs up to publication ("recent days", "the past week", "the last
    two weeks", "over the last decade"), not a calendar unit ("last week"): an event it dates happened on or before
    publication, no closer than that."""
    words = text.replace("\u2019", "'").lower().split()
    while words and words[0] in ("in", "over", "during", "for", "throughout", "within", "across", "through"):
        words = words[1:]
    the = bool(words) and words[0] == "the"
    m = re.fullmatch(
        r"(recent|past|last)\s+(?:(few|several|couple of|\d+|[a-z]+(?:-[a-z]+)?)\s+)?(day|week|month|year|decade)(s?)",
        " ".join(words[the:]),
    )
    if m is None or (m[2] is not None and m[2] not in ("few", "several", "couple of") and _count(m[2]) is None):
        return False
    return not (m[1] == "last" and not the and m[2] is None and not m[4])  # "last week" is a calendar week


PARSERS: tuple[Parser, ...] = (
    _iso,
    _full_date,
    _month_year,
    _month_day,
    _month_alone,
    _year_alone,
    _decades,
    _days,
    _weekday,
    _weekend,
    _relative_unit,
    _ago,
)
