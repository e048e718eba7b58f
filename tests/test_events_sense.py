"""The word proposes, the context decides (#13 §2): classes of error seen on real news, each on sentences of our own.

These run the whole pipeline with the shipped classifier (eventlens/data/models/event_types/), as a user gets it.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.events import events, types


# ---------------------------------------------------------------------- a word in another sense
@pytest.mark.parametrize(
    "text",
    [
        "The ministry released a video of the ceremony on Tuesday.",
        "The watchdog released a report on prison conditions.",
        "The committee released emails written by the former governor.",
    ],
)
def test_releasing_a_report_or_a_video_is_no_retreat(analyse: Any, text: str) -> None:
    assert "RETREAT" not in types(analyse, text)


def test_a_release_of_people_is_still_a_retreat(analyse: Any) -> None:
    assert "RETREAT" in types(analyse, "The rebels released twelve hostages on Monday.")


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a police post in the north on Monday.",
        "Insurgents attacked an army column in the hills near the border.",
    ],
)
def test_an_attack_on_a_post_or_a_column_is_an_assault(analyse: Any, text: str) -> None:
    # "attack in an ad/a post/a column" is a verbal attack only when the medium is what "in" governs
    assert types(analyse, text)[0] == "ASSAULT"


@pytest.mark.parametrize(
    "text",
    [
        "Senator Ted Cruz attacked Hillary Clinton in a new ad on Tuesday.",
        "Senator Ted Cruz attacked Hillary Clinton on Twitter on Monday.",
        "The opposition leader took issue with the president's budget plan.",
    ],
)
def test_an_attack_in_words_is_an_accusation(analyse: Any, text: str) -> None:
    assert types(analyse, text)[0] == "ACCUSE"


def test_demonstrating_a_quality_is_no_protest(analyse: Any) -> None:
    assert "PROTEST" not in types(analyse, "The new minister has demonstrated he is ready for the job.")
    assert "PROTEST" not in types(analyse, "The test demonstrated the strength of the new missile.")


def test_troops_marching_into_a_district_advance(analyse: Any) -> None:
    found = types(analyse, "Government troops marched into the northern district on Sunday.")
    assert "PROTEST" not in found
    assert "MOBILIZE" in found


def test_a_campaign_rally_is_no_protest(analyse: Any) -> None:
    assert "PROTEST" not in types(
        analyse, "The president addressed thousands of supporters at a campaign rally in Ohio."
    )


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Saudi air strikes killed ten people in Sanaa on Monday.", "ASSAULT"),
        ("Russian missile strikes destroyed a power plant near Kharkiv.", "ASSAULT"),
        ("Teachers in Nairobi began a strike over unpaid wages.", "PROTEST"),
        ("Dock workers went on strike in Rotterdam.", "PROTEST"),
    ],
)
def test_air_strikes_are_assaults_and_labour_strikes_protests(analyse: Any, text: str, type_: str) -> None:
    found = types(analyse, text)
    assert type_ in found
    assert {"ASSAULT", "PROTEST"} - {type_} - set(found) == {"ASSAULT", "PROTEST"} - {type_}


@pytest.mark.parametrize(
    "text",
    [
        "Stock markets shot up after the central bank cut interest rates.",
        "Asian shares were retreating on Monday as oil prices fell.",
        "The dollar rallied against the euro on Friday.",
    ],
)
def test_what_markets_do_is_no_event(analyse: Any, text: str) -> None:
    assert types(analyse, text) == []


# ---------------------------------------------------------------------- threats, not promises
@pytest.mark.parametrize(
    "text",
    [
        "The militia leader vowed revenge for the killing of his brother.",
        "The senator vowed to impose sanctions on Venezuela.",
        "The new government pledged to ban the militant group.",
    ],
)
def test_a_vow_to_harm_is_a_threat_not_an_agreement(analyse: Any, text: str) -> None:
    found = types(analyse, text)
    assert "THREATEN" in found
    assert "AGREE" not in found


def test_a_promise_to_help_stays_an_agreement(analyse: Any) -> None:
    assert "AGREE" in types(analyse, "Japan pledged to provide emergency aid to Nepal.")


# ---------------------------------------------------------------------- statements that are no event
def test_declining_to_comment_is_no_event(analyse: Any) -> None:
    assert types(analyse, "A police spokesman declined to comment on the case.") == []


def test_condemning_an_attack_is_an_accusation_not_a_new_attack(analyse: Any) -> None:
    found = events(analyse, "Kenya condemned the attack on the embassy in Mogadishu.")
    accusations = [e for e in found if e.type == "ACCUSE"]
    assert accusations and accusations[0].actor is not None and accusations[0].actor.code == "KEN"
    assert not [e for e in found if e.type == "ASSAULT" and e.actor is not None and e.actor.code == "KEN"]


@pytest.mark.parametrize(
    ("text", "type_", "content"),
    [
        ("Protesters demanded the release of the jailed journalists.", "REQUEST", "RETREAT"),
        ("The agency pressed the donors to provide more money for the camps.", "REQUEST", "AID"),
        ("The rebels threatened to attack the capital.", "THREATEN", "ASSAULT"),
    ],
)
def test_the_content_of_a_demand_or_threat_is_no_event_of_its_own(
    analyse: Any, text: str, type_: str, content: str
) -> None:
    found = types(analyse, text)
    assert type_ in found
    assert content not in found


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Western donors typically provide aid to such programs.", "AID"),
        ("Police often arrest protesters in the square.", "COERCE"),
        ("Voters inclined to support her stayed home.", "SUPPORT"),
    ],
)
def test_generic_or_habitual_statements_are_no_events(analyse: Any, text: str, type_: str) -> None:
    assert type_ not in types(analyse, text)


def test_negation_in_another_clause_does_not_flip_an_event(analyse: Any) -> None:
    found = [
        e for e in events(analyse, "He cannot lead a nation while crippled by an investigation.") if e.type == "ACCUSE"
    ]
    assert [e.factuality for e in found] == ["asserted"]


# ---------------------------------------------------------------------- recall
@pytest.mark.parametrize(
    ("text", "type_", "mode"),
    [
        ("Cruz attacked Trump in a new television ad.", "ACCUSE", "disapprove"),
        ("The senator called the accusers liars.", "ACCUSE", "disapprove"),
        ("The mayor called the decision illegal.", "ACCUSE", "disapprove"),
        ("Several Republican leaders abandoned Trump after the tape emerged.", "REJECT", None),
        ("Russia throws out two British diplomats.", "SANCTION", "expel"),
        ("Two militants blew themselves up outside a police station.", "ASSAULT", "suicide-attack"),
        ("The rebels detonated two bombs in the market.", "ASSAULT", "explosives"),
        ("Five activists were taken by security forces on Monday.", "COERCE", "arrest"),
        ("Hundreds of protesters gathered outside parliament.", "PROTEST", "demo"),
        # blocking a road is the manual's PROTEST mode obstruct ("obstruct passage or access to a particular locale")
        ("Students angry at the fee rise blocked the main road.", "PROTEST", "obstruct"),
        ("The minister said the rebels must lay down their weapons.", "REQUEST", None),
    ],
)
def test_accusations_expulsions_bombings_arrests_and_crowds_are_found(
    analyse: Any, text: str, type_: str, mode: str | None
) -> None:
    found = [e for e in events(analyse, text) if e.type == type_]
    assert found, f"no {type_} in {text!r}: {types(analyse, text)}"
    assert found[0].mode == mode


# ---------------------------------------------------------------------- #13 types: support, aid in other senses
@pytest.mark.parametrize(
    ("text", "not_type"),
    [
        ('"Thank God, the convoy got through," the commander said.', "SUPPORT"),
        ("Army units, backed by helicopters and artillery, advanced on the airport.", "SUPPORT"),
        ("The study was backed by new evidence from the census.", "SUPPORT"),
        ("The ministry recognizes the need for better roads in the north.", "SUPPORT"),
        ("The auditors provided evidence of missing funds to the committee.", "AID"),
        ("The spokesman declined to be named.", "REJECT"),
        ("The governor signed the new budget law on Friday.", "SUPPORT"),
        ("The amendment, ratified in 1919, gave women the vote.", "SUPPORT"),
        ("The arrests reinforced fears of a crackdown on the press.", "MOBILIZE"),
        ("The rebels had broad international support at the time.", "SUPPORT"),
        ("The separatists claimed overwhelming popular support for the referendum.", "SUPPORT"),
        ("The pope drove past thousands of cheering and applauding pilgrims.", "SUPPORT"),
        ("Cambodia does not meet the bank's standards for debt relief.", "CONSULT"),
    ],
)
def test_words_of_support_and_aid_in_other_senses_are_no_events(analyse: Any, text: str, not_type: str) -> None:
    assert not_type not in types(analyse, text)


def test_recognising_a_government_or_signing_a_treaty_is_still_support(analyse: Any) -> None:
    assert "SUPPORT" in types(analyse, "Britain recognized the new government in Tripoli on Monday.")
    assert "AGREE" in types(analyse, "Both countries signed the border treaty in Hanoi.")
    assert "SUPPORT" in types(analyse, "The opposition leader received widespread support from rights groups.")


def test_backing_an_armed_force_is_aid(analyse: Any) -> None:
    """Backing a fighting force is material (PLOVER AID: "military ... assistance")."""
    assert "AID" in types(analyse, "Separatist forces backed by Moscow seized two more villages.")
