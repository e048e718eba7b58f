"""Event coding: one short news sentence per PLOVER 2.0 type, with who did it to whom."""

from __future__ import annotations

from typing import Any

import pytest

from eventlens.record import QUADS
from tests.support.events import PUBLISHED, events_of

#: sentence, type, actor code, recipient code
TYPES = [
    ("Israel and Jordan agreed to reopen the border crossing.", "AGREE", "ISR", "JOR"),
    ("Blinken met Lavrov in Geneva on Friday.", "CONSULT", "USA", "RUS"),
    ("France praised Germany for its leadership.", "SUPPORT", "FRA", "DEU"),
    ("Japan apologized to South Korea for the incident.", "CONCEDE", "JPN", "KOR"),
    ("India and Japan cooperated on cybersecurity.", "COOPERATE", "IND", "JPN"),
    ("The United States sent humanitarian aid to Haiti.", "AID", "USA", "HTI"),
    ("Russia withdrew its troops from Georgia.", "RETREAT", "RUS", "GEO"),
    ("Germany urged Iran to halt uranium enrichment.", "REQUEST", "DEU", "IRN"),
    ("China accused the United States of interference.", "ACCUSE", "CHN", "USA"),
    ("Iran rejected the proposal from France.", "REJECT", "IRN", "FRA"),
    ("North Korea threatened South Korea with nuclear strikes.", "THREATEN", "PRK", "KOR"),
    ("Thousands of Kenyans demonstrated against the government in Nairobi.", "PROTEST", None, None),
    ("The European Union imposed sanctions on Russia.", "SANCTION", "EU", "RUS"),
    ("Russia deployed troops along the border with Ukraine.", "MOBILIZE", "RUS", None),
    ("Turkish police arrested 20 journalists in Istanbul.", "COERCE", "TUR", None),
    ("Israeli jets bombed Gaza on Monday.", "ASSAULT", "ISR", "PSE"),
]


@pytest.mark.parametrize(("text", "type_", "actor", "recipient"), TYPES, ids=[t[1] for t in TYPES])
def test_each_type_is_coded_with_its_parties(
    analyse: Any, text: str, type_: str, actor: str | None, recipient: str | None
) -> None:
    found = events_of(analyse, text, type_)
    assert found, f"no {type_} event in {text!r}"
    event = found[0]
    if actor is not None:
        assert event.actor is not None and event.actor.code == actor
    if recipient is not None:
        assert event.recipient is not None and event.recipient.code == recipient
    assert event.quad in QUADS
    assert event.factuality == "asserted"


def test_quad_classes_follow_the_type(analyse: Any) -> None:
    event = events_of(analyse, "Israeli jets bombed Gaza on Monday.", "ASSAULT")[0]
    assert event.quad == "material_conflict"
    event = events_of(analyse, "France praised Germany for its leadership.", "SUPPORT")[0]
    assert event.quad == "verbal_cooperation"


@pytest.mark.parametrize(
    ("text", "type_", "mode"),
    [
        ("Blinken visited Kyiv on Wednesday.", "CONSULT", "visit"),
        ("Police detained 45 protesters in Minsk.", "COERCE", "arrest"),
        ("Russia in 2014 seized Crimea from Ukraine.", "COERCE", "seize"),
        ("The prime minister resigned on Monday.", "RETREAT", "resign"),
    ],
)
def test_modes_come_with_the_type(analyse: Any, text: str, type_: str, mode: str) -> None:
    assert [e.mode for e in events_of(analyse, text, type_)] == [mode]


@pytest.mark.parametrize(
    ("text", "type_", "actor", "recipient"),
    [
        ("Ukraine was attacked by Russia.", "ASSAULT", "RUS", "UKR"),
        ("Iranian diplomats were expelled by Germany.", "SANCTION", "DEU", "IRN"),
        ("Two journalists were arrested by Egyptian police.", "COERCE", "EGY", None),
    ],
)
def test_passives_take_the_actor_from_the_by_phrase(
    analyse: Any, text: str, type_: str, actor: str, recipient: str | None
) -> None:
    event = events_of(analyse, text, type_)[0]
    assert event.actor is not None and event.actor.code == actor
    if recipient is not None:
        assert event.recipient is not None and event.recipient.code == recipient


@pytest.mark.parametrize(
    ("text", "type_", "actor", "recipient"),
    [
        ("Russia's military buildup on Ukraine's border alarmed NATO.", "MOBILIZE", "RUS", "UKR"),
        ("The United States announced $200m in military aid to Ukraine.", "AID", "USA", "UKR"),
        ("The Russian invasion of Georgia began in August 2008.", "ASSAULT", "RUS", "GEO"),
        ("Syria launched an attack on Turkey.", "ASSAULT", "SYR", "TUR"),
        ("Iran held talks with Iraq.", "CONSULT", "IRN", "IRQ"),
    ],
)
def test_nominal_events_find_their_parties(analyse: Any, text: str, type_: str, actor: str, recipient: str) -> None:
    event = events_of(analyse, text, type_)[0]
    assert event.actor is not None and event.actor.code == actor
    assert event.recipient is not None and event.recipient.code == recipient


def test_an_event_without_a_known_actor_keeps_a_null_actor(analyse: Any) -> None:
    event = events_of(analyse, "More than 30 people were killed in the attack.", "ASSAULT")[0]
    assert event.actor is None
    assert event.magnitude.dead == 30


@pytest.mark.parametrize(
    "text",
    [
        "Talks between Blinken and Lavrov ended on Monday.",
        "Israel and Jordan agreed to reopen the border crossing.",
        "Blinken met Lavrov in Geneva on Friday.",
    ],
)
def test_meetings_and_agreements_between_two_parties_are_symmetric(analyse: Any, text: str) -> None:
    events = [e for e in analyse(text, PUBLISHED).events if e.type in ("CONSULT", "AGREE")]
    assert events and events[0].symmetric
    assert events[0].actor is not None and events[0].recipient is not None


def test_a_visit_is_not_symmetric(analyse: Any) -> None:
    event = events_of(analyse, "Blinken plans a trip to Berlin.", "CONSULT")[0]
    assert not event.symmetric
    assert event.recipient is not None and event.recipient.code == "DEU"


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The government said it will impose a curfew in Abidjan.", "THREATEN"),
        ("Palestinian leaders said they would boycott all contact with the United States.", "THREATEN"),
        ("Finland will give Tanzania a grant of 64 million dollars.", "AGREE"),
        ("Israel will evacuate all settlements in the Gaza Strip.", "CONCEDE"),
    ],
)
def test_announced_acts_are_coded_as_plover_codes_them(analyse: Any, text: str, type_: str) -> None:
    """Promised cooperation is AGREE, an announced retreat CONCEDE, announced force or pressure THREATEN; the promise
    or threat itself is made, so it is asserted (the manual: the single category, not a category plus "future")."""
    events = analyse(text, PUBLISHED).events
    assert type_ in [e.type for e in events]
    assert all(e.factuality == "asserted" for e in events if e.type == type_)


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Hundreds of farmers planned to march on the parliament in Lusaka.", "PROTEST"),
        ("Soldiers arrived at dawn to raid the compound.", "COERCE"),
        ("The rebels want to kill the village elders.", "ASSAULT"),
    ],
)
def test_force_planned_in_the_texts_own_telling_is_no_threat(analyse: Any, text: str, type_: str) -> None:
    """A threat is said to someone ("said it will impose a curfew"); a plan or purpose the text tells keeps its own
    type (docs/annotation.md §2, §4)."""
    types = [e.type for e in analyse(text, PUBLISHED).events]
    assert type_ in types and "THREATEN" not in types
