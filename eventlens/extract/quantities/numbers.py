"""Reading numbers as news writes them: digits, words, multipliers, vague counts and currencies.

The vocabulary lives in ``eventlens/data/quantities/quantities.yaml`` (loaded once); the functions here are pure and
work on lower-cased token texts, so they can be tested without a pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...resources import data_path, load_yaml

#: Digits with optional thousands separators and decimals, and an optional glued multiplier ("1.5bn", "200m").
NUMBER_RE = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([a-z]{0,3})$")


#: The shipped vocabulary.
DATA_FILE = data_path("quantities", "quantities.yaml")
#: Yearly average rates to US dollars (a public-domain Federal Reserve series: see the file's header).
RATES_FILE = data_path("quantities", "usd_rates.yaml")
#: How a converted amount's rate was chosen (``Quantity.original["rate_basis"]``).
ANNUAL_AVERAGE = "annual average of the article's year"


@dataclass(frozen=True)
class NumberData:
    """The quantities vocabulary (see the YAML file for what each table means)."""

    number_words: dict[str, int]
    multipliers: dict[str, int]
    vague_counts: dict[str, int]
    qualifiers: dict[str, str]
    currency_symbols: dict[str, str]
    currency_words: dict[str, str]
    #: currency → year → US dollars per unit (the year's average)
    usd_rates: dict[str, dict[int, float]]
    units: dict[str, str]
    magnitudes: dict[str, tuple[str, ...]]
    event_verbs: frozenset[str]
    #: vague counts as word tuples, longest first ("tens of thousands" before "tens")
    vague_phrases: tuple[tuple[tuple[str, ...], int], ...] = ()
    #: lower-cased words that can open a number (a cheap test before reading one)
    starters: frozenset[str] = frozenset()

    @property
    def max_qualifier_words(self) -> int:
        return max(len(q.split()) for q in self.qualifiers)


@lru_cache(maxsize=1)
def number_data() -> NumberData:
    """The vocabulary shipped with eventlens, loaded once per process."""
    path = DATA_FILE
    raw: dict[str, Any] = load_yaml(path)
    cur = raw["currency"]
    rates: dict[str, Any] = load_yaml(RATES_FILE)["usd_per_unit"]
    return NumberData(
        number_words={str(k): int(v) for k, v in raw["number_words"].items()},
        multipliers={str(k): int(v) for k, v in raw["multipliers"].items()},
        vague_counts={str(k): int(v) for k, v in raw["vague_counts"].items()},
        qualifiers={str(k): str(v) for k, v in raw["qualifiers"].items()},
        currency_symbols={str(k): str(v) for k, v in cur["symbols"].items()},
        currency_words={str(k): str(v) for k, v in cur["words"].items()},
        usd_rates={str(c): {int(y): float(r) for y, r in years.items()} for c, years in rates.items()},
        units={str(k): str(v) for k, v in raw["units"].items()},
        magnitudes={str(k): tuple(str(w) for w in v) for k, v in raw["magnitudes"].items()},
        event_verbs=frozenset(str(v) for v in raw["event_verbs"]),
        vague_phrases=tuple(
            sorted(((tuple(str(k).split()), int(v)) for k, v in raw["vague_counts"].items()), key=lambda p: -len(p[0]))
        ),
        starters=frozenset(
            {str(w) for w in raw["number_words"]}
            | {str(p).split()[0] for p in raw["vague_counts"]}
            | {str(c).lower() for c in cur["symbols"]}
            | {"a", "an", "us"}
        ),
    )


def parse_digits(text: str) -> tuple[float, int] | None:
    """The value of a digit token and the multiplier glued to it: ``"1.5bn"`` → ``(1.5, 10**9)``.

    Returns None when the token is not a number (or has an unknown suffix, like "2nd" or "F16").
    """
    m = NUMBER_RE.match(text.lower())
    if not m:
        return None
    whole, frac, suffix = m.groups()
    value = float(whole.replace(",", "") + (frac or ""))
    if not suffix:
        return value, 1
    mult = number_data().multipliers.get(suffix)
    if mult is None or suffix == "dozen":
        return None
    return value, mult


def word_value(words: list[str]) -> int | None:
    """The value of spelled-out number words: ``["twenty", "five"]`` → 25; None when not all are number words."""
    table = number_data().number_words
    if not words or any(w not in table for w in words):
        return None
    return sum(table[w] for w in words)


def as_number(value: float) -> float | int:
    """An integer when the value is whole (counts and dollars read better without ``.0``)."""
    return int(value) if float(value).is_integer() else value


def to_usd(value: float, currency: str, year: int | None = None) -> tuple[float | int, dict[str, Any] | None]:
    """Convert ``value`` in ``currency`` to US dollars at the average rate of ``year`` (the article's).

    Returns the amount and the ``original`` record (None for amounts already in dollars). ``original`` says which
    happened: converted, it holds ``rate`` (dollars per unit), ``rate_date`` (the year, ISO 8601) and
    ``rate_basis``; not converted (no year, or no rate for that currency and year), the amount stays in its own
    currency, ``rate`` is None and ``rate_basis`` says why.
    """
    if currency == "USD":
        return as_number(value), None
    original: dict[str, Any] = {"value": as_number(value), "currency": currency}
    rate = number_data().usd_rates.get(currency, {}).get(year) if year is not None else None
    if rate is None:  # keep the amount in its currency: say nothing false about dollars
        why = "no publication year" if year is None else f"no {year} average rate for {currency}"
        original.update({"rate": None, "rate_date": None, "rate_basis": f"not converted: {why}"})
        return as_number(value), original
    original.update({"rate": rate, "rate_date": str(year), "rate_basis": ANNUAL_AVERAGE})
    return as_number(round(value * rate, 2)), original


def magnitude_for(counted: str | None, unit: str | None) -> str | None:
    """Which event magnitude (dead, injured, arrested, troops, money_usd) a counted phrase measures."""
    if unit == "USD":
        return "money_usd"
    if not counted:
        return None
    words = counted.lower()
    tokens = set(re.findall(r"[a-z]+", words))
    for key, cues in number_data().magnitudes.items():
        for cue in cues:
            if (" " in cue and cue in words) or cue in tokens:
                return key
    return None
