"""Numbers in the forms news writes them: value, qualifier, unit, what they count, and the event magnitude."""

from __future__ import annotations

from typing import Any

import pytest

from eventlens.extract import Extractor
from eventlens.extract.quantities import is_vague, magnitude_key, quantities_between
from eventlens.extract.quantities.numbers import ANNUAL_AVERAGE, magnitude_for, parse_digits, to_usd, word_value
from eventlens.record import Quantity

# (sentence, quantity text, value, qualifier, unit, counted, magnitude)
FORMS = [
    ("Russia has deployed more than 100,000 troops near the border.", "more than 100,000 troops", 100000,
     "more_than", "troops", "troops deployed", "troops"),
    ("Washington approved $200m in military aid.", "$200m", 200_000_000, None, "USD", None, "money_usd"),
    ("Officials said 14,000 people killed in the war were civilians.", "14,000 people", 14000, None, "people",
     "people killed", "dead"),
    ("Two dozen soldiers crossed the river.", "Two dozen soldiers", 24, None, "soldiers", "soldiers", "troops"),
    ("Hundreds of protesters marched to parliament.", "Hundreds of protesters", 100, None, "protesters",
     "protesters", None),
    ("Dozens were injured in the blast.", "Dozens", 12, None, None, "injured", "injured"),
    ("The fighting has lasted nearly eight years.", "nearly eight years", 8, "about", "year", "years", None),
    ("Turnout fell to 45% this year.", "45%", 45, None, "percent", None, None),
    ("Inflation reached 3.5 percent.", "3.5 percent", 3.5, None, "percent", None, None),
    ("At least 12 dead were counted after the attack.", "At least 12 dead", 12, "at_least", "dead", "dead", "dead"),
    ("Police said up to 300 protesters arrested overnight would be charged.", "up to 300 protesters", 300, "up_to",
     "protesters", "protesters arrested", "arrested"),
    ("Gunmen killed at least 12 people in the village.", "at least 12 people", 12, "at_least", "people",
     "people killed", "dead"),
    ("Tens of thousands of refugees fled.", "Tens of thousands of refugees", 10000, None, "refugees", "refugees",
     None),
    ("Several thousand workers went on strike.", "Several thousand workers", 3000, None, "workers", "workers", None),
    ("Pellets left more than 55 civilians and two officers dead.", "more than 55 civilians", 55, "more_than",
     "civilians", "civilians dead", "dead"),
    ("Thousands of civilians have been injured.", "Thousands of civilians", 1000, None, "civilians",
     "civilians injured", "injured"),
    ("Congress mourned the deaths of 49 people in Orlando.", "49 people", 49, None, "people", "deaths of people",
     "dead"),
    ("Some twenty-five villages were shelled.", "Some twenty-five villages", 25, "about", "villages", "villages",
     None),
]  # fmt: skip


def _only(record: Any, text: str) -> Quantity:
    hits = [q for q in record.quantities if q.text == text]
    assert hits, f"{text!r} not found in {[q.text for q in record.quantities]}"
    return hits[0]


@pytest.mark.parametrize(("sentence", "text", "value", "qualifier", "unit", "counted", "magnitude"), FORMS)
def test_number_forms(
    analyse: Any,
    sentence: str,
    text: str,
    value: float,
    qualifier: str | None,
    unit: str | None,
    counted: str | None,
    magnitude: str | None,
) -> None:
    record = analyse(sentence)
    q = _only(record, text)
    assert record.article.text[q.start : q.end] == q.text
    assert q.value == value
    assert q.qualifier == qualifier
    assert q.unit == unit
    assert q.counted == counted
    assert magnitude_key(q) == magnitude


def test_foreign_currency_is_converted_to_dollars_and_keeps_the_original(analyse: Any) -> None:
    q = _only(analyse("The EU pledged 1.5 billion euros to Kyiv.", "2015-06-01"), "1.5 billion euros")
    assert q.unit == "USD"
    assert q.original is not None and q.original["value"] == 1_500_000_000 and q.original["currency"] == "EUR"
    assert q.original["rate_date"] == "2015" and q.original["rate_basis"] == ANNUAL_AVERAGE  # says which rate
    assert q.value == pytest.approx(1.5e9 * q.original["rate"])


def test_money_is_converted_at_the_rates_of_the_articles_year(analyse: Any) -> None:
    """#15: 1.5 billion euros were about 1.66 billion dollars in 2015 and 1.58 billion in 2022, not one number."""
    values = {}
    for published in ("2015-06-01", "2022-06-01"):
        q = _only(analyse("The EU pledged 1.5 billion euros to Kyiv.", published), "1.5 billion euros")
        values[published[:4]] = q.value
    assert values["2015"] == pytest.approx(1.5e9 * 1.1095, rel=1e-3)
    assert values["2022"] == pytest.approx(1.5e9 * 1.0534, rel=1e-3)


def test_money_without_a_rate_for_its_year_keeps_its_currency(analyse: Any) -> None:
    undated = _only(analyse("The EU pledged 1.5 billion euros to Kyiv."), "1.5 billion euros")
    assert (undated.unit, undated.value) == ("EUR", 1_500_000_000)
    assert undated.original is not None and undated.original["rate"] is None
    assert undated.original["rate_basis"] == "not converted: no publication year"
    assert to_usd(3e9, "RUB", 2015) == (
        3_000_000_000,
        {
            "value": 3_000_000_000,
            "currency": "RUB",
            "rate": None,
            "rate_date": None,
            "rate_basis": "not converted: no 2015 average rate for RUB",
        },
    )
    assert to_usd(100.0, "GBP", 1990)[0] != to_usd(100.0, "GBP", 2020)[0]


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia seized Crimea in 2014.",  # a year
        "The talks are on January 21.",  # a day of the month
        "Cases of COVID-19 rose.",  # part of a name
        "A 65-year-old man was hurt.",  # an age
        "One of the reasons is cost.",  # a pronoun
        "He bought an F-16 jet.",  # a model number
    ],
)
def test_numbers_that_are_not_amounts(analyse: Any, sentence: str) -> None:
    assert analyse(sentence).quantities == []


def test_quantities_between_gives_one_sentences_numbers(extractor: Extractor) -> None:
    text = "Gunmen killed 5 people. Police arrested 40 protesters."
    doc = extractor.nlp(text)
    found = quantities_between(doc, text.index("Police"), len(text))
    assert [(q.value, magnitude_key(q)) for q in found] == [(40, "arrested")]


@pytest.mark.parametrize(
    ("token", "expected"),
    [("14,000", (14000.0, 1)), ("1.5bn", (1.5, 10**9)), ("200m", (200.0, 10**6)), ("2nd", None), ("F16", None)],
)
def test_parse_digits(token: str, expected: tuple[float, int] | None) -> None:
    assert parse_digits(token) == expected


def test_word_values() -> None:
    assert word_value(["twenty", "five"]) == 25
    assert word_value(["many"]) is None


def test_dollars_are_not_converted() -> None:
    assert to_usd(5.0, "USD") == (5, None)


@pytest.mark.parametrize(
    ("counted", "unit", "key"),
    [("people killed", "people", "dead"), ("wounded", None, "injured"), ("protesters detained", "protesters",
     "arrested"), ("soldiers", "soldiers", "troops"), (None, "USD", "money_usd"), ("villages", "villages", None),
     ("people killing", "people", "dead"), ("detention of people", "people", "arrested")],
)  # fmt: skip
def test_magnitude_keywords(counted: str | None, unit: str | None, key: str | None) -> None:
    assert magnitude_for(counted, unit) == key


@pytest.mark.parametrize(
    ("text", "vague"),
    [("dozens of protesters", True), ("several soldiers", True), ("at least hundreds of people", True),
     ("tens of thousands", True), ("two dozen protesters", False), ("12 people", False), ("more than 55", False)],
)  # fmt: skip
def test_vague_counts_are_told_apart(text: str, vague: bool) -> None:
    assert is_vague(Quantity(text, 0, len(text), 1)) is vague
