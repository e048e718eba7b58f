"""Type precision on unseen news (#13): senses of words that are no event of their own, on sentences of our own.

These run the whole pipeline with the shipped classifier; the rules act before it, so they hold with it or without.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.events import types


# ---------------------------------------------------------------------- promises
@pytest.mark.parametrize(
    "text",
    [
        "The charity sent volunteers to the valley to help rebuild the bridges.",
        "The minister expected Norway to help fund the new clinic.",
        "Pilots flew in at dawn to support the rescue teams near the dam.",
    ],
)
def test_a_purpose_or_expectation_is_no_promise(analyse: Any, text: str) -> None:
    assert "AGREE" not in types(analyse, text)


@pytest.mark.parametrize(
    "text",
    [
        "Norway will give Malawi a grant for its schools.",
        "The minister said Sweden would provide Kenya with vaccines.",
    ],
)
def test_cooperation_someone_commits_to_is_an_agreement(analyse: Any, text: str) -> None:
    assert "AGREE" in types(analyse, text)


def test_the_content_of_a_vow_is_no_second_event(analyse: Any) -> None:
    found = types(analyse, "The premier vowed that Canada would support Latvia in the dispute.")
    assert found.count("AGREE") == 1
    assert "SUPPORT" not in found


def test_an_opinion_offered_is_no_promise(analyse: Any) -> None:
    assert "AGREE" not in types(analyse, "The economist offered a bleak assessment of the budget on Monday.")


def test_pledging_allegiance_is_support(analyse: Any) -> None:
    assert "SUPPORT" in types(analyse, "The rebel commander pledged allegiance to the new caliph.")


# ---------------------------------------------------------------------- questions
@pytest.mark.parametrize(
    "text",
    [
        "A reporter asked the mayor whether the curfew would be lifted.",
        "When asked how the talks had gone, the envoy smiled.",
        "A journalist asked her about the new tariffs.",
    ],
)
def test_asking_a_question_is_no_request(analyse: Any, text: str) -> None:
    assert "REQUEST" not in types(analyse, text)


def test_asking_someone_to_act_is_a_request(analyse: Any) -> None:
    assert "REQUEST" in types(analyse, "Chile asked Peru to return the seized fishing boats.")


# ---------------------------------------------------------------------- threats
@pytest.mark.parametrize(
    "text",
    [
        "The senator said the smugglers pose a threat to public health.",
        "Officials called the new militia a threat to the region.",
        "The threat of floods has kept farmers away from the delta.",
    ],
)
def test_a_described_danger_is_no_threat_event(analyse: Any, text: str) -> None:
    assert "THREATEN" not in types(analyse, text)


@pytest.mark.parametrize(
    "text",
    [
        "Serbia repeated its threat to close the border crossing.",
        "The cartel issued a threat against the judges in Monterrey.",
    ],
)
def test_a_threat_someone_makes_is_a_threat(analyse: Any, text: str) -> None:
    assert "THREATEN" in types(analyse, text)


# ---------------------------------------------------------------------- agreements
@pytest.mark.parametrize(
    "text",
    [
        "The regulator said Peru had complied with the fishing treaty.",
        "Despite the trade deal, tariffs on steel stayed high.",
    ],
)
def test_an_agreement_only_mentioned_is_no_event(analyse: Any, text: str) -> None:
    assert "AGREE" not in types(analyse, text)


def test_an_agreement_made_is_an_event(analyse: Any) -> None:
    assert "AGREE" in types(analyse, "Chile and Bolivia signed a water treaty in La Paz on Monday.")


def test_signing_a_treaty_is_an_agreement(analyse: Any) -> None:
    # PLOVER 2.0 and docs/annotation.md §2: signing an agreement is AGREE (the PLOVER 0.5 sentences say SUPPORT)
    assert "AGREE" in types(analyse, "Peru and Ecuador signed a border treaty in Lima on Monday.")


# ---------------------------------------------------------------------- warnings, orders, "must"
@pytest.mark.parametrize(
    "text",
    [
        "Economists warn that the harvest will fail this year.",
        "The professor warned that Kenya would face a drought.",
    ],
)
def test_a_warning_of_what_others_do_is_no_threat(analyse: Any, text: str) -> None:
    assert "THREATEN" not in types(analyse, text)


@pytest.mark.parametrize(
    "text",
    [
        "The rebel commander warned that his fighters would storm the airport.",
        "Moscow warned that it would cut gas supplies to Moldova.",
    ],
)
def test_a_warning_of_ones_own_act_is_a_threat(analyse: Any, text: str) -> None:
    assert "THREATEN" in types(analyse, text)


def test_an_order_with_no_one_told_to_act_is_no_request(analyse: Any) -> None:
    assert "REQUEST" not in types(analyse, "The governor ordered a review of the prison budget.")


def test_a_must_with_no_party_is_no_request(analyse: Any) -> None:
    assert "REQUEST" not in types(analyse, "The guard said everyone must leave the hall by noon.")


def test_support_in_a_prepositional_phrase_is_no_event(analyse: Any) -> None:
    found = types(analyse, "The clinic depends on the support of local churches.")
    assert "SUPPORT" not in found


def test_a_warning_of_ones_own_forces_is_a_threat(analyse: Any) -> None:
    found = types(analyse, "The interior minister warned that police will no longer tolerate marches in the capital.")
    assert "THREATEN" in found


# ---------------------------------------------------------------------- venues, calls, help
@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The senator spoke at a rally in Denver on Saturday.", "PROTEST"),
        ("The candidate told a rally in Austin that taxes would fall.", "PROTEST"),
        ("The premier addressed a meeting of farmers in Lyon.", "CONSULT"),
        ("The mayor talked to reporters outside the court.", "CONSULT"),
    ],
)
def test_where_someone_speaks_is_no_event(analyse: Any, text: str, type_: str) -> None:
    assert type_ not in types(analyse, text)


def test_a_rally_against_someone_is_a_protest_wherever_addressed(analyse: Any) -> None:
    assert "PROTEST" in types(analyse, "The cleric addressed an anti-government rally in Lahore.")


@pytest.mark.parametrize(
    "text",
    [
        "The charity held a press call on Tuesday about the floods.",
        "The hotline got hundreds of calls from worried parents.",
    ],
)
def test_a_phone_or_press_call_is_no_request(analyse: Any, text: str) -> None:
    assert "REQUEST" not in types(analyse, text)


def test_a_call_for_something_is_a_request(analyse: Any) -> None:
    assert "REQUEST" in types(analyse, "The bishops renewed their call for a ceasefire in the north.")


@pytest.mark.parametrize(
    "text",
    [
        "Good weather helped the party win the provincial vote.",
        "The lawyer helped launch a small newspaper in 1990.",
    ],
)
def test_helping_bring_something_about_is_no_aid(analyse: Any, text: str) -> None:
    found = types(analyse, text)
    assert "AID" not in found
    assert "AGREE" not in found


def test_an_agreement_brokered_is_an_event(analyse: Any) -> None:
    assert "AGREE" in types(analyse, "Refugees began to return home under a UN-brokered deal.")


# ---------------------------------------------------------------------- warnings and dangers (#13, THREATEN)
@pytest.mark.parametrize(
    "text",
    [
        "There will be more unrest in the provinces, experts warned on Monday.",
        "Analysts warn there is a risk of a wider war.",
        "Coastal villages are threatened by rising seas.",
        "Thousands of residents are threatened with blindness by pellets lodged in their eyes.",
    ],
)
def test_a_warning_of_a_state_or_a_danger_is_no_threat(analyse: Any, text: str) -> None:
    """A warning that something is so, or a danger from things, is no threat a party makes (manual, THREATEN)."""
    assert "THREATEN" not in types(analyse, text)


def test_a_threat_by_a_party_in_the_passive_stays(analyse: Any) -> None:
    assert "THREATEN" in types(analyse, "The activists were threatened with arrest by the police.")


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The evidence provided by the rights groups was largely anecdotal.", "AID"),
        ("The ministry provided details of the plan on Monday.", "AID"),
        ("Riot police released tear gas on the marchers.", "RETREAT"),
    ],
)
def test_words_proof_and_gas_given_are_no_aid_or_release(analyse: Any, text: str, type_: str) -> None:
    """What is provided is no aid when it is words or proof; gas released is no prisoner freed."""
    assert type_ not in types(analyse, text)


def test_aid_provided_stays_aid(analyse: Any) -> None:
    assert "AID" in types(analyse, "The agency provided $30 million in food aid to the refugees.")
