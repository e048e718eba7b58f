"""Parties the sentence names that used to be left null (#14, second round): a passive verb with no subject of its
own ("executed after being convicted"), "found shot dead", "the agreement, reached between X and Y", "between
presidents X and Y", believers and
their places of worship, an unnamed group a state coerces, a noun event's gerund ("attacks targeting X"), what only
counts a claimed act ("scores of attacks"), and who moves and from where in a withdrawal or deployment."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.events import pairs


@pytest.mark.parametrize(
    ("text", "type_", "actor", "recipient"),
    [
        # a passive verb with no subject of its own acts on the subject of the clause it hangs on
        (
            "The rebel commander was executed after being convicted of treason by a Malian court.",
            "SANCTION",
            "MLI",
            "MLI",
        ),
        ("A Zambian editor was freed on Monday after being detained by police for a week.", "COERCE", None, "ZMB"),
        # the one found or reported so is the one acted on
        ("Ten Malian soldiers were reported killed near the border.", "ASSAULT", None, "MLI"),
        # "between" in a participle's phrase on the event noun
        ("The peace agreement, signed between Armenia and Azerbaijan last year, collapsed.", "AGREE", "ARM", "AZE"),
        # "between presidents X and Y": Y is joined to the apposition X
        (
            "Monday's meeting between presidents Emmanuel Macron and Recep Tayyip Erdogan was tense.",
            "CONSULT",
            "FRA",
            "TUR",
        ),
        # believers and their places of worship are religious groups of the country they are in
        ("Gunmen attacked two churches in northern Nigeria.", "ASSAULT", None, "NGA"),
        # an unnamed group a state coerces is its own people
        ("Kenyan police detained 27 Muslims last year.", "COERCE", "KEN", "KEN"),
        # a noun event's gerund names whom it aims at
        ("Canada announced sanctions targeting Russian banks.", "SANCTION", "CAN", "RUS"),
        ("The militia launched attacks targeting Christians in Kenya.", "ASSAULT", None, "KEN"),
        # a claimed act counted by "scores of", "a spate of"
        ("Al-Shabab claimed responsibility for scores of attacks on Kenyan police stations.", "ASSAULT", "SOM", "KEN"),
        # who moves is "of" a withdrawal or deployment; what a withdrawal leaves is "from"
        ("The withdrawal of Russian troops from Syria began on Monday.", "RETREAT", "RUS", "SYR"),
        ("Years after the Soviet withdrawal from Afghanistan, the region is calm.", "RETREAT", None, "AFG"),
        ("The deployment of Kenyan troops to Somalia angered the militants.", "MOBILIZE", "KEN", "SOM"),
    ],
)
def test_named_parties_found(analyse: Any, text: str, type_: str, actor: str | None, recipient: str | None) -> None:
    got = pairs(analyse, text, type_)
    assert any((actor is None or a == actor) and r == recipient for a, r in got), got


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        # a capitalised first name is no religious group
        ("Christian Lindner criticized the plan on Monday.", "ACCUSE"),
    ],
)
def test_a_name_is_no_believer(analyse: Any, text: str, type_: str) -> None:
    assert all(a is None for a, _ in pairs(analyse, text, type_)), pairs(analyse, text, type_)
