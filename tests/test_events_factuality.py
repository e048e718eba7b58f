"""Factuality: a denied, feared, conditional or planned event is not an event that happened."""

from __future__ import annotations

from typing import Any

import pytest

PUBLISHED = "2022-01-19"

#: sentence, type of the event it is about, its factuality
CASES = [
    ("Russia attacked Ukraine.", "ASSAULT", "asserted"),
    ("Putin said Russia attacked Ukraine.", "ASSAULT", "asserted"),
    # negated
    ("Russia did not attack Ukraine.", "ASSAULT", "negated"),
    ("Moscow had no intention of invading Ukraine.", "ASSAULT", "negated"),
    ("Russia refused to withdraw its troops from Ukraine.", "RETREAT", "negated"),
    ("Putin said Russia would never attack Ukraine.", "ASSAULT", "negated"),
    ("Talks between Blinken and Lavrov ended without agreement.", "AGREE", "negated"),
    # hypothetical
    ("Russia could attack Ukraine.", "ASSAULT", "hypothetical"),
    ("Should Russia invade Ukraine, the United States will impose sanctions.", "ASSAULT", "hypothetical"),
    ("If Russia attacks Ukraine, NATO will respond.", "ASSAULT", "hypothetical"),
    ("The buildup raised fears of a Russian invasion of Ukraine.", "ASSAULT", "hypothetical"),
    ("Diplomats tried to avert the threat of a Russian invasion.", "ASSAULT", "hypothetical"),
    ("Putin is using them to create a pretext for invading Ukraine.", "ASSAULT", "hypothetical"),
    ("Blinken promised efforts to prevent renewed attacks on Ukraine.", "ASSAULT", "hypothetical"),
    # future
    ("Blinken will meet Lavrov on Friday.", "CONSULT", "future"),
    ("Blinken plans a trip to Berlin.", "CONSULT", "future"),
    ("Iran is going to hold talks with Iraq.", "CONSULT", "future"),
    ("Critical talks Friday between Blinken and Lavrov could ease tensions.", "CONSULT", "hypothetical"),
    ("Critical talks Friday between Blinken and Lavrov are the last chance.", "CONSULT", "future"),
    # two negations cancel
    ("Kestrian officials do not deny the massacre.", "ASSAULT", "asserted"),
    ("Kestria did not rule out an attack on Valdoria.", "ASSAULT", "hypothetical"),
    # a condition set on a past act belongs to what the act is about
    ("Western governments have threatened sanctions if Valdoria disrupts the vote.", "THREATEN", "asserted"),
    # "'d" before a participle is "had"
    ("A former pastor, he'd helped organize protests in Lagos.", "PROTEST", "asserted"),
    # what happened next is no purpose
    ("He went on to accuse the government of abuses.", "ACCUSE", "asserted"),
    # what a preposition takes as given
    ("Kerry asked Sharif, during a meeting on Tuesday, to act.", "CONSULT", "asserted"),
    ("The capture will give the government respite in the face of criticism.", "ACCUSE", "asserted"),
    # a clause with a subject of its own keeps its own modality
    ("The league said the vote should go ahead and that it supports Blatter.", "SUPPORT", "asserted"),
    ("The sponsor expects FIFA to act, while Adidas called on FIFA to reform.", "REQUEST", "asserted"),
]


@pytest.mark.parametrize(("text", "type_", "factuality"), CASES, ids=[c[0][:40] for c in CASES])
def test_factuality_cues(analyse: Any, text: str, type_: str, factuality: str) -> None:
    found = [e.factuality for e in analyse(text, PUBLISHED).events if e.type == type_]
    assert found, f"no {type_} event in {text!r}"
    assert found[0] == factuality


@pytest.mark.parametrize(
    "text",
    [
        "Moscow had no intention of invading Ukraine.",
        "The buildup raised fears of a Russian invasion and a new war in Europe.",
        "Blinken said aid would only increase should Russia invade.",
        "Russia denied that it plans to invade Ukraine.",
    ],
)
def test_a_denied_feared_or_conditional_invasion_is_never_an_asserted_assault(analyse: Any, text: str) -> None:
    for event in analyse(text, PUBLISHED).events:
        assert not (event.type in ("ASSAULT", "COERCE") and event.factuality == "asserted"), event


def test_reported_speech_keeps_the_factuality_of_what_is_reported(analyse: Any) -> None:
    said = analyse("Ryabkov said Moscow would not attack Ukraine.", PUBLISHED).events
    assert [e.factuality for e in said if e.type == "ASSAULT"] == ["negated"]


def test_but_does_not_carry_negation_over(analyse: Any) -> None:
    events = analyse("Blinken did not elaborate, but Russia has sent troops to Belarus.", PUBLISHED).events
    assert [e.factuality for e in events if e.type == "MOBILIZE"] == ["asserted"]


def test_an_event_dated_years_before_publication_is_historical(analyse: Any) -> None:
    event = next(e for e in analyse("Russia in 2014 seized Crimea from Ukraine.", PUBLISHED).events)
    assert event.historical
    assert event.date is not None and event.date.value == "2014" and event.date.source == "sentence"


def test_a_recent_event_is_not_historical(analyse: Any) -> None:
    event = next(e for e in analyse("Russia attacked Ukraine last week.", PUBLISHED).events)
    assert not event.historical


def test_an_event_and_its_threat_in_one_sentence_are_two_events(analyse_rules: Any) -> None:
    # the factuality the rules give each (whether a feared attack is coded at all is the classifier's call)
    text = "Despite recent attacks on Kestria, the minister said militants could attack again."
    assaults = sorted(e.factuality for e in analyse_rules(text, PUBLISHED).events if e.type == "ASSAULT")
    assert assaults == ["asserted", "hypothetical"]


def test_a_threat_level_is_no_event_of_its_own(analyse: Any) -> None:
    # a statement about how likely attacks are in general names no particular attack (docs/annotation.md §1, §4)
    text = "Despite recent attacks on Kestria, the minister said the threat of attacks remains low."
    assaults = sorted(e.factuality for e in analyse(text, PUBLISHED).events if e.type == "ASSAULT")
    assert assaults == ["asserted"]


def test_a_place_preposition_carries_no_modality(analyse: Any) -> None:
    # "a sign at a rally" is no sign of a rally to come ("sign" as in "no sign of a withdrawal")
    events = analyse("A man holds a protest sign at a rally in Lagos.", PUBLISHED).events
    assert [e.factuality for e in events if e.type == "PROTEST"] == ["asserted"]
