"""normalise(): each date form a news reader meets, with and without a publication date (Wednesday 2022-01-19)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventlens.extract.dates.normalise import normalise, parse_published, reaches_publication

PUBLISHED = "2022-01-19"  # a Wednesday, ISO week 2022-W03

#: text, tense, value with the publication date, value without it, granularity
CASES = [
    ("Friday", "future", "2022-01-21", None, "day"),
    ("Friday", None, "2022-01-21", None, "day"),  # no tense: the nearer Friday
    ("Friday", "past", "2022-01-14", None, "day"),
    ("Friday", "present", "2022-01-21", None, "day"),  # "talks begin Friday"
    ("Wednesday", "past", "2022-01-19", None, "day"),  # the publication day itself
    ("Thursday", None, "2022-01-20", None, "day"),
    ("Monday", None, "2022-01-17", None, "day"),
    ("last Friday", None, "2022-01-14", None, "day"),
    ("next Tuesday", None, "2022-01-25", None, "day"),
    ("Friday night", "future", "2022-01-21", None, "day"),
    ("yesterday", None, "2022-01-18", None, "day"),
    ("today", None, "2022-01-19", None, "day"),
    ("tomorrow", None, "2022-01-20", None, "day"),
    ("last week", None, "2022-W02", None, "week"),
    ("this week", None, "2022-W03", None, "week"),
    ("next week", None, "2022-W04", None, "week"),
    ("in the past weeks", None, "2022-W02", None, "week"),
    ("the past weeks", None, "2022-W02", None, "week"),
    ("two weeks ago", None, "2022-W01", None, "week"),
    ("next month", None, "2022-02", None, "month"),
    ("last month", None, "2021-12", None, "month"),
    ("earlier this month", None, "2022-01", None, "month"),
    ("late December", "past", "2021-12", None, "month"),
    ("late December", None, "2021-12", None, "month"),  # the most recent December not after publication
    ("late December", "future", "2022-12", None, "month"),
    ("mid-March", None, "2021-03", None, "month"),
    ("last year", None, "2021", None, "year"),
    ("this year", None, "2022", None, "year"),
    ("two years ago", None, "2020", None, "year"),
    ("a decade ago", None, "2012", None, "year"),
    ("three days ago", None, "2022-01-16", None, "day"),
    ("January 5", None, "2022-01-05", None, "day"),
    ("Jan. 5", None, "2022-01-05", None, "day"),
    ("March 3", None, "2021-03-03", None, "day"),  # after publication day: last year's, unless future context
    ("March 3", "future", "2022-03-03", None, "day"),
    ("March 3", "present", "2022-03-03", None, "day"),  # present tense: the nearer March 3 ("begins March 3")
    ("December 20", "present", "2021-12-20", None, "day"),
    ("the next day", None, None, None, "day"),  # counted from the story, not from publication
    ("the following year", None, None, None, "year"),
    ("a week later", None, None, None, "week"),
    ("thirty-eight years ago", None, "1984", None, "year"),
    # absolute forms: the same value with or without a publication date
    ("2014", None, "2014", "2014", "year"),
    ("since 2014", None, "2014", "2014", "year"),
    ("5 January 2021", None, "2021-01-05", "2021-01-05", "day"),
    ("January 5, 2021", None, "2021-01-05", "2021-01-05", "day"),
    ("Monday, Jan. 10, 2022", None, "2022-01-10", "2022-01-10", "day"),
    ("2021-03-04", None, "2021-03-04", "2021-03-04", "day"),
    ("January 2021", None, "2021-01", "2021-01", "month"),
    ("the 1990s", None, "199", "199", "decade"),
    ("the '90s", None, "199", "199", "decade"),
    ("9999", None, "9999", "9999", "year"),
]


@pytest.mark.parametrize(("text", "tense", "value", "bare_value", "granularity"), CASES)
def test_normalise_against_publication(
    text: str, tense: str | None, value: str, bare_value: str | None, granularity: str
) -> None:
    assert normalise(text, PUBLISHED, tense=tense) == (value, granularity)


@pytest.mark.parametrize(("text", "tense", "value", "bare_value", "granularity"), CASES)
def test_without_publication_relative_dates_stay_null(
    text: str, tense: str | None, value: str, bare_value: str | None, granularity: str
) -> None:
    assert normalise(text, None, tense=tense) == (bare_value, granularity)


@pytest.mark.parametrize(
    "text",
    ["nearly eight years", "decades", "10 a.m.", "eight", "January 45", "", "the", "banana", "2021-13-45"],
)
def test_not_a_date(text: str) -> None:
    assert normalise(text, PUBLISHED) == (None, None)


@pytest.mark.parametrize(
    ("text", "published"),
    [("February 30, 2021", PUBLISHED), ("Friday", "9999-12-30"), ("next year", "9999-06-01"), ("Friday", "junk")],
)
def test_impossible_dates_give_no_value_and_no_crash(text: str, published: str) -> None:
    assert normalise(text, published, tense="future")[0] in (None, "9999-12-31")


def test_published_may_be_a_datetime() -> None:
    assert parse_published("2022-01-19T08:30:00Z") == parse_published("2022-01-19")
    assert normalise("yesterday", "2022-01-19T08:30:00Z") == ("2022-01-18", "day")


@given(text=st.text(max_size=40), published=st.one_of(st.none(), st.dates().map(str), st.text(max_size=12)))
def test_never_crashes(text: str, published: str | None) -> None:
    value, granularity = normalise(text, published)
    assert granularity in (None, "day", "week", "month", "year", "decade")
    assert value is None or granularity is not None


@pytest.mark.parametrize(
    ("text", "rolling"),
    [
        ("recent days", True),
        ("in recent weeks", True),
        ("the past weeks", True),
        ("over the last two weeks", True),
        ("the past few days", True),
        ("the last decade", True),
        ("last week", False),  # a calendar week
        ("last year", False),
        ("this week", False),
        ("Friday", False),
        ("the last banana days", False),
    ],
)
def test_a_stretch_that_runs_up_to_publication(text: str, rolling: bool) -> None:
    assert reaches_publication(text) is rolling
