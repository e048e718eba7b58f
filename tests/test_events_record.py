"""Event records: dates, places and magnitudes attached, duplicates collapsed, offsets, ids, the seed gate."""

from __future__ import annotations

from typing import Any

from eventlens.record import ArticleRecord

PUBLISHED = "2022-01-19"


def test_date_place_and_magnitude_come_from_the_sentence(analyse: Any) -> None:
    record = analyse("Rebels killed 12 soldiers in Mali on Monday.", PUBLISHED)
    event = next(e for e in record.events if e.type == "ASSAULT")
    assert event.date is not None and event.date.value == "2022-01-17" and event.date.source == "sentence"
    assert event.location is not None and event.location["name"] == "Mali" and event.location["country"] == "MLI"
    assert event.location["geonameid"] and event.location["lat"] is not None
    assert event.magnitude.dead == 12


def test_without_a_date_in_the_sentence_the_publication_date_is_used_and_marked(analyse: Any) -> None:
    event = analyse("Russia attacked Ukraine.", PUBLISHED).events[0]
    assert event.date is not None and (event.date.value, event.date.source) == (PUBLISHED, "published")


def test_a_dateline_gives_place_and_date(analyse: Any) -> None:
    text = "KYIV, January 18 (Reuters) - Ukrainian police arrested five men suspected of spying."
    event = next(e for e in analyse(text, PUBLISHED).events if e.type == "COERCE")
    assert event.location is not None and event.location["name"] == "Kyiv"
    assert event.date is not None and event.date.source == "dateline" and event.date.value == "2022-01-18"


def test_money_and_troops_become_magnitudes(analyse: Any) -> None:
    aid = analyse("The United States announced $200m in military aid to Ukraine.", PUBLISHED).events
    assert [e.magnitude.money_usd for e in aid if e.type == "AID"] == [200_000_000]
    troops = analyse("Russia deployed 100,000 troops along the border.", PUBLISHED).events
    assert [e.magnitude.troops for e in troops if e.type == "MOBILIZE"] == [100_000]


def test_one_event_per_type_actor_and_recipient_in_a_sentence(analyse: Any) -> None:
    # "providing" and "aid" both say AID from the US to Ukraine: one event, with the money
    record = analyse("The US said it was providing an additional $200m in military aid to Ukraine.", PUBLISHED)
    aid = [e for e in record.events if e.type == "AID"]
    assert len(aid) == 1
    assert aid[0].magnitude.money_usd == 200_000_000
    keys = [
        (e.sentence.start, e.type, e.actor and e.actor.code, e.recipient and e.recipient.code) for e in record.events
    ]
    assert len(keys) == len(set(keys))


def test_a_killing_without_parties_folds_into_the_fighting_it_belongs_to(analyse: Any) -> None:
    text = "More than 14,000 people have been killed in fighting between Russia-backed rebels and Ukrainian forces."
    assault = [e for e in analyse(text, PUBLISHED).events if e.type == "ASSAULT"]
    assert len(assault) == 1
    assert assault[0].magnitude.dead == 14_000
    assert assault[0].symmetric
    assert {assault[0].actor and assault[0].actor.code, assault[0].recipient and assault[0].recipient.code} == {
        "RUS",
        "UKR",
    }


def test_trigger_and_sentence_offsets_index_the_text(analyse: Any) -> None:
    text = "Talks stalled. Iran held talks with Iraq on Monday."
    record: ArticleRecord = analyse(text, PUBLISHED)
    event = next(e for e in record.events if e.actor is not None)
    assert text[event.trigger.start : event.trigger.end] == event.trigger.text == "talks"
    assert text[event.sentence.start : event.sentence.end].startswith("Iran held talks")
    assert event.actor is not None and text[event.actor.start : event.actor.end] == event.actor.text


def test_ids_are_stable_and_in_text_order(analyse: Any) -> None:
    text = "Russia attacked Ukraine. France condemned Russia. Germany sent aid to Ukraine."
    first = analyse(text, PUBLISHED).events
    again = analyse(text, PUBLISHED).events
    assert [e.id for e in first] == [str(n) for n in range(1, len(first) + 1)]
    assert [e.as_dict() for e in first] == [e.as_dict() for e in again]
    assert [e.type for e in first] == ["ASSAULT", "ACCUSE", "AID"]


def test_seed_gate(seed_scores: dict[str, float]) -> None:
    """The seed article: required events found, dates and places right, no denied invasion asserted."""
    assert seed_scores["events"] >= 0.8
    assert seed_scores["forbidden"] == 0
    assert seed_scores["event_dates"] >= 0.75
    assert seed_scores["event_places"] >= 0.75


def test_a_protest_without_a_named_target_is_aimed_at_the_country_it_happens_in(analyse: Any) -> None:
    event = next(e for e in analyse("Students demonstrated in Jakarta on Monday.", PUBLISHED).events)
    assert event.type == "PROTEST"
    assert event.recipient is not None and event.recipient.code == "IDN"
