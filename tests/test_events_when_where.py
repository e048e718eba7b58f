"""When, where and how many, for each event (#13 §3): only a date the text ties to the event dates it, the dateline
is not the place of events that happen elsewhere, and magnitudes add up what the text says."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from eventlens import query
from eventlens.analyse.ingest_flow import IngestFlow
from eventlens.query import Filters
from eventlens.record import DateValue, Event
from eventlens.store import Store
from eventlens.web.pages import _date_label
from tests.support.store import make_record

PUBLISHED = "2031-03-07"  # a Friday


def event(analyse: Any, text: str, type_: str, published: str = PUBLISHED) -> Event:
    found = [e for e in analyse(text, published).events if e.type == type_]
    assert found, f"no {type_} event in {text!r}"
    return found[0]


# ---------------------------------------------------------------------------------------------------------- dates
def test_a_past_event_the_text_does_not_date_is_on_or_before_publication(analyse: Any) -> None:
    date = event(analyse, "Valdorian police arrested the opposition leader.", "COERCE").date
    assert date == DateValue(text=None, value=PUBLISHED, granularity="on_or_before_publication", source="published")


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The Valdorian president will visit Kestria.", "CONSULT"),  # planned
        ("Kestria could attack Valdoria.", "ASSAULT"),  # possible
    ],
)
def test_a_planned_or_possible_event_the_text_does_not_date_has_no_date(analyse: Any, text: str, type_: str) -> None:
    date = event(analyse, text, type_).date
    assert date is not None and (date.value, date.granularity, date.text) == (None, "unknown", None)


def test_a_dated_dateline_bounds_an_undated_event_as_publication_does(analyse: Any) -> None:
    date = event(analyse, "KARACHI, March 5 (Wire) - Police arrested five men.", "COERCE").date
    assert date is not None and (date.value, date.granularity, date.source) == (
        "2031-03-05",
        "on_or_before_publication",
        "dateline",
    )


def test_a_stretch_up_to_publication_dates_no_closer_than_on_or_before_it(analyse: Any) -> None:
    date = event(analyse, "Students have staged protests against the government in recent days.", "PROTEST").date
    assert date is not None and (date.value, date.granularity) == (PUBLISHED, "on_or_before_publication")
    assert date.text == "recent days"


def test_last_week_is_still_a_calendar_week(analyse: Any) -> None:
    date = event(analyse, "Students staged protests against the government last week.", "PROTEST").date
    assert date is not None and (date.value, date.granularity) == ("2031-W09", "week")


def test_a_photo_caption_is_dated_by_the_date_that_closes_it(analyse: Any) -> None:
    text = "Riot police arrest a demonstrator during a rally in Caracas, Venezuela, March 3, 2031."
    date = event(analyse, text, "COERCE").date
    assert date is not None and (date.value, date.granularity, date.source) == ("2031-03-03", "day", "sentence")


def test_a_deadline_does_not_date_the_event(analyse: Any) -> None:
    date = event(analyse, "The gas company demanded on Tuesday payment by June 2.", "REQUEST").date
    assert date is not None and date.value == "2031-03-04"


def test_an_event_within_another_shares_its_date(analyse: Any) -> None:
    record = analyse("The congressman was wounded in a 1965 march in Selma.", PUBLISHED)
    wounded = next(e for e in record.events if e.trigger.text == "wounded")
    assert wounded.date is not None and wounded.date.value == "1965" and wounded.historical


def test_a_relative_clause_with_its_own_subject_is_not_dated_by_the_main_clause(analyse: Any) -> None:
    text = "A court in January banned the Kestrian League, which the government accuses of inciting violence."
    accuses = next(e for e in analyse(text, PUBLISHED).events if e.trigger.text == "accuses")
    assert accuses.date is not None and accuses.date.granularity == "on_or_before_publication"


# ---------------------------------------------------------------------------------------------------- historical
def test_last_year_is_not_historical_when_it_ended_less_than_a_year_ago(analyse: Any) -> None:
    sentenced = event(analyse, "Karim was sentenced to three months in jail last year.", "SANCTION", "2031-10-09")
    assert sentenced.date is not None and sentenced.date.value == "2030" and not sentenced.historical


def test_an_event_running_since_a_date_is_not_historical(analyse: Any) -> None:
    probe = event(analyse, "Prosecutors have been investigating the minister since 2024.", "ACCUSE")
    assert probe.date is not None and probe.date.value == "2024" and not probe.historical


# ---------------------------------------------------------------------------------------------------------- places
def test_the_dateline_places_an_arrest_the_sentence_does_not_place(analyse: Any) -> None:
    arrest = event(analyse, "KARACHI — Police arrested five men suspected of smuggling.", "COERCE")
    assert arrest.location is not None and arrest.location["name"] == "Karachi"
    assert arrest.location["source"] == "dateline"


def test_the_dateline_does_not_place_a_statement(analyse: Any) -> None:
    criticism = event(analyse, "KARACHI — The foreign minister criticized the Kestrian decision.", "ACCUSE")
    assert criticism.location is None


def test_the_dateline_does_not_place_an_act_the_sentence_puts_in_another_country(analyse: Any) -> None:
    text = "ISLAMABAD — Thousands of residents of New Delhi defied a curfew imposed by the police."
    curfew = event(analyse, text, "COERCE")
    assert curfew.location is None or curfew.location.get("country") == "IND"


def test_a_statement_is_not_placed_where_what_it_is_about_happened(analyse: Any) -> None:
    accusation = event(analyse, "Lindor accused Moscow of stirring unrest in Ukraine.", "ACCUSE")
    assert accusation.location is None


def test_a_statement_is_placed_by_its_own_locative(analyse: Any) -> None:
    talks = event(analyse, "The two ministers held talks in Geneva on Monday.", "CONSULT")
    assert talks.location is not None and talks.location["name"] == "Geneva"


def test_where_a_threatened_act_would_happen_still_names_whom_it_threatens(analyse: Any) -> None:
    threat = event(analyse, "The president threatened to impose a curfew in Algiers.", "THREATEN")
    assert threat.location is None
    assert threat.recipient is not None and threat.recipient.code == "DZA"


def test_where_people_come_from_is_not_where_the_event_happens(analyse: Any) -> None:
    probe = event(analyse, "Officials from Italy have investigated the smuggling network.", "ACCUSE")
    assert probe.location is None


# ------------------------------------------------------------------------------------------------------ magnitudes
@pytest.mark.parametrize(
    ("text", "type_", "key", "value"),
    [
        ("A poet and three activists were arrested.", "COERCE", "arrested", 4),
        ("Police arrested Karim and nine other activists.", "COERCE", "arrested", 10),
        ("Government forces shelled the town, killing 12.", "ASSAULT", "dead", 12),
        ("He was killed in a clash with soldiers.", "ASSAULT", "dead", 1),
        ("Clashes with the police left 55 civilians and two officers dead.", "ASSAULT", "dead", 57),
        ("Seven high-ranking current and former party officials were arrested.", "COERCE", "arrested", 7),
        ("Three Kestrian activists were shot dead in Paris.", "ASSAULT", "dead", 3),
    ],
)
def test_magnitudes_add_up_what_the_text_says(analyse: Any, text: str, type_: str, key: str, value: int) -> None:
    assert getattr(event(analyse, text, type_).magnitude, key) == value


@pytest.mark.parametrize(
    "text", ["Several protesters were arrested.", "Dozens of protesters were arrested.", "Police arrested a crowd."]
)
def test_a_vague_count_is_no_number(analyse: Any, text: str) -> None:
    assert event(analyse, text, "COERCE").magnitude.arrested is None


def test_a_breakdown_in_apposition_is_not_counted_again(analyse: Any) -> None:
    text = "The bomb ripped through a bus, killing at least 12 people -- 11 soldiers and a civilian."
    magnitude = event(analyse, text, "ASSAULT").magnitude
    assert (magnitude.dead, magnitude.troops) == (12, None)


def test_sums_of_money_for_different_things_are_not_added(analyse: Any) -> None:
    text = "The United States gave $1.3 billion in direct assistance to Ukraine and $2 billion in loan guarantees."
    assert event(analyse, text, "AID").magnitude.money_usd == 1_300_000_000


# ------------------------------------------------------------------------------------------ store: day and filters
def test_undated_events_are_counted_on_the_publication_day_and_keep_their_granularity(tmp_path: Path) -> None:
    text = "Troops shelled the town. Police arrested a reporter. The minister will visit the town."
    record = make_record(
        text,
        published="2031-03-07",
        events=[("ASSAULT", "RUS", "UKR", "shelled"), ("SANCTION", "RUS", "UKR", "arrested"),
                ("CONSULT", "RUS", "UKR", "visit")],
    )  # fmt: skip
    shelled, arrested, visit = record.events
    shelled.date = DateValue("Tuesday", "2031-03-04", "day", "sentence")
    arrested.date = DateValue(None, "2031-03-07", "on_or_before_publication", "published")
    visit.date = DateValue(None, None, "unknown", None)
    path = tmp_path / "db.duckdb"
    with Store(path) as store:
        IngestFlow(store).add(record)
    with Store(path, read_only=True) as reader:
        on_publication = query.events(reader.con, Filters(since=dt.date(2031, 3, 7), until=dt.date(2031, 3, 7)))
        assert sorted(e["type"] for e in on_publication.items) == ["CONSULT", "SANCTION"]
        by_granularity = {e["type"]: e["date"]["granularity"] for e in on_publication.items}
        assert by_granularity == {"SANCTION": "on_or_before_publication", "CONSULT": "unknown"}
        earlier = query.events(reader.con, Filters(until=dt.date(2031, 3, 4)))
        assert [e["type"] for e in earlier.items] == ["ASSAULT"]
        back = reader.record(record.article.id)
        assert back is not None and [e.date for e in back.events] == [shelled.date, arrested.date, visit.date]


def test_the_reader_shows_an_undated_past_event_as_on_or_before_publication() -> None:
    assert _date_label({"value": "2031-03-07", "granularity": "on_or_before_publication"}) == "on or before 2031-03-07"
    assert _date_label({"value": "2031-03-04", "granularity": "day"}) == "2031-03-04"
    assert _date_label({"value": None, "granularity": "unknown"}) is None
