"""The dates stage on real sentences: which expressions are found, and how the clause's tense points them."""

from __future__ import annotations

from typing import Any

import pytest

from eventlens.extract.dates import dates_between

PUBLISHED = "2022-01-19"  # Wednesday


def found(record: Any) -> list[tuple[str, str | None, str | None]]:
    return [(d.text, d.value, d.granularity) for d in record.dates]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Blinken met Lavrov on Friday.", [("Friday", "2022-01-14", "day")]),  # past tense: the Friday before
        ("Blinken will meet Lavrov on Friday.", [("Friday", "2022-01-21", "day")]),  # future: the Friday after
        ("The talks are set for Friday.", [("Friday", "2022-01-21", "day")]),  # present: scheduled
        ("In advance of critical talks Friday, the two sides appeared no closer.", [("Friday", "2022-01-21", "day")]),
        ("The aid was approved in late December.", [("late December", "2021-12", "month")]),
        ("Russia will hold war games next month.", [("next month", "2022-02", "month")]),
        ("Talks last week were inconclusive.", [("last week", "2022-W02", "week")]),
        ("Tensions have been rising since last year.", [("last year", "2021", "year")]),
        ("Russia seized Crimea in 2014.", [("2014", "2014", "year")]),
        ("Protesters gathered yesterday.", [("yesterday", "2022-01-18", "day")]),
        ("The law took effect on Jan. 5.", [("Jan. 5", "2022-01-05", "day")]),
        ("The ceasefire was signed on 5 January 2021.", [("5 January 2021", "2021-01-05", "day")]),
        ("The deal collapsed two years ago.", [("two years ago", "2020", "year")]),
        ("Inflation in the 1990s was high.", [("the 1990s", "199", "decade")]),
        ("Crowds greeted Saturday's arrival of the convoy.", [("Saturday", "2022-01-15", "day")]),  # a noun: past
        ("Monday's meeting will set the agenda.", [("Monday", "2022-01-17", "day")]),  # an event: the nearer day
        ("He suggested that Tuesday's attack would change the race.", [("Tuesday", "2022-01-18", "day")]),
        ("Vucic said Sunday Serbia would not close its border.", [("Sunday", "2022-01-16", "day")]),
        # a bare participle takes its clause's tense: the crowd waved flags on the Sunday before
        ("Crowds waving flags on Sunday greeted the returning soldiers.", [("Sunday", "2022-01-16", "day")]),
        ("Chanting slogans on Thursday, thousands of students marched.", [("Thursday", "2022-01-13", "day")]),
    ],
)
def test_dates_in_sentences(analyse: Any, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(analyse(text, PUBLISHED)) == expected


def test_clock_times_are_not_dates_but_their_day_is(analyse: Any) -> None:
    record = analyse("The meeting starts at 10 a.m. and ends at 3 p.m. Friday.", PUBLISHED)
    assert [d.text for d in record.dates] == ["Friday"]


def test_durations_are_not_dates(analyse: Any) -> None:
    record = analyse("More than 14,000 people have been killed in nearly eight years of fighting.", PUBLISHED)
    assert record.dates == []


def test_without_publication_date_relative_values_are_null(analyse: Any) -> None:
    record = analyse("Blinken met Lavrov on Friday, after talks last week, and Russia seized Crimea in 2014.")
    assert found(record) == [("Friday", None, "day"), ("last week", None, "week"), ("2014", "2014", "year")]


def test_offsets_index_the_text(analyse: Any) -> None:
    text = "On Wednesday, Blinken said talks would follow on Thursday, as agreed in late December."
    record = analyse(text, PUBLISHED)
    assert [d.text for d in record.dates] == ["Wednesday", "Thursday", "late December"]
    assert all(text[d.start : d.end] == d.text for d in record.dates)


def test_dates_between_keeps_one_sentence(extractor: Any) -> None:
    from eventlens.extract.pipeline import make_doc
    from eventlens.record import Article

    article = Article(text="Talks were held on Monday. A second round follows on Friday.", published=PUBLISHED)
    doc = extractor.nlp(make_doc(extractor.nlp, article))
    second = list(doc.sents)[1]
    assert [d.value for d in dates_between(doc, second.start_char, second.end_char)] == ["2022-01-21"]
