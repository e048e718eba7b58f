"""Parties that used to be left null or swapped (#14): headings run into a sentence, "X and Y … each other",
conjoined modifiers of a symmetric act, "the two leaders", "the arrest of X by Y", a person whose name the tagger
reads as a plural, and the parties of a three-way compound."""

from __future__ import annotations

from typing import Any

import pytest

from eventlens.extract import Extractor
from eventlens.extract.headings import mark_headings
from tests.support.events import code, events, events_of, found, pairs


@pytest.mark.parametrize(
    ("text", "type_", "actor", "recipient"),
    [
        # a subheading glued to the sentence by a hyphen is cut off before the parser reads it
        ("Border row -Kenyan state radio accused Somalia of arming the militants.", "ACCUSE", "KEN", "SOM"),
        ("Talks stall-The Ugandan army attacked rebels in Congo on Monday.", "ASSAULT", "UGA", "COD"),
        ("NAIROBI, KENYA — -Tanzania condemned the Kenyan decision on Friday.", "ACCUSE", "TZA", "KEN"),
        # "each other", "one another", "the other": the subject's parties are each other's recipients
        ("Peru and Bolivia accused each other of smuggling arms.", "ACCUSE", "PER", "BOL"),
        ("Greece and Turkey have criticized one another for weeks.", "ACCUSE", "GRC", "TUR"),
        # a symmetric act whose parties are coordinated modifiers of one noun
        ("Armenian and Azerbaijani troops clashed along the border on Sunday.", "ASSAULT", "ARM", "AZE"),
        # the one acted on comes first, the one acting in a "by" phrase the parse hangs on it
        ("The arrest of the editor by Zambian police angered journalists.", "COERCE", "ZMB", None),
        ("Thousands protested over the killing of a student by Malawian soldiers on Friday.", "ASSAULT", "MWI", None),
        (
            "Thousands protested over the killing of a union leader, Peter Phiri, by Malawian soldiers on Friday.",
            "ASSAULT",
            "MWI",
            "MWI",
        ),
        # the partner of a symmetric act joined to a word inside the subject; the aim a joined verb shares
        ("Rebels from the north and Malian troops clashed near the border.", "ASSAULT", "MLI", "MLI"),
        ("Dozens of youths yelled at Ugandan police and hurled rocks on Monday.", "ASSAULT", "UGA", "UGA"),
        # what an accusation is about
        ("Rwanda repeated charges by Uganda about Burundi.", "ACCUSE", "UGA", "BDI"),
        # an agentless killing in a fight: the other side of the fight
        ("Two students were killed in clashes with Kenyan police on Monday.", "ASSAULT", "KEN", None),
        ("The activist was shot during a confrontation with Ugandan soldiers.", "ASSAULT", "UGA", None),
        # a relative clause on a predicate noun is said of the copula's subject
        ("Senator Mark Hunter of Kenya is a former soldier who visited Somalia last year.", "CONSULT", "KEN", "SOM"),
        # a party with no country takes the one its apposition gives
        ("Ali Musa, a Somali diplomat, criticized Kenya.", "ACCUSE", "SOM", "KEN"),
        # a passive light verb's agent does the act its subject names
        ("The raid on the camp was carried out by Nigerian troops.", "COERCE", "NGA", None),
        ("The sanctions imposed by Canada on Belarus took effect on Monday.", "SANCTION", "CAN", "BLR"),
        # what a verb's object noun says in its that-clause names the one accused
        (
            "Nigeria's foreign minister expressed disappointment that Ghana had not used its influence.",
            "ACCUSE",
            "NGA",
            "GHA",
        ),
        # "by doing" is done by the subject, not by the object of the verb it hangs on
        ("Kenya opened the talks by criticizing Uganda.", "ACCUSE", "KEN", "UGA"),
    ],
)
def test_parties_found(analyse: Any, text: str, type_: str, actor: str | None, recipient: str | None) -> None:
    got = pairs(analyse, text, type_)
    assert any(a == actor and (recipient is None or r == recipient) for a, r in got), got


def test_by_phrase_is_never_the_recipient(analyse: Any) -> None:
    """ "the arrest of X by police": the police made the arrest (once read as the ones arrested)."""
    event = found(analyse, "The arrest of three students by Ethiopian police sparked protests.", "COERCE")
    assert event.actor is not None and event.actor.text == "Ethiopian police"
    assert event.recipient is not None and event.recipient.text == "students"


@pytest.mark.parametrize(
    ("text", "type_", "actor", "recipient"),
    [
        (
            "Chilean President Maria Rojas met Peruvian President Luis Vargas in Lima. "
            "The two leaders agreed to reopen the border.",
            "AGREE",
            "CHL",
            "PER",
        ),
        (
            "Eritrea and Ethiopia fought a long war over the town. "
            "The border remains closed since the war between the two countries.",
            "ASSAULT",
            "ERI",
            "ETH",
        ),
    ],
)
def test_the_two_stand_for_the_last_two_named(
    analyse: Any, text: str, type_: str, actor: str | None, recipient: str | None
) -> None:
    assert (actor, recipient) in pairs(analyse, text, type_)


def test_both_leaders_of_a_one_sided_act_are_not_each_others_recipient(analyse: Any) -> None:
    text = "President Maria Rojas of Chile called President Luis Vargas of Peru. Both leaders condemned the attack."
    events = events_of(analyse, text, "ACCUSE")
    assert events and all(code(e.recipient) not in ("CHL", "PER") for e in events), pairs(analyse, text, "ACCUSE")


def test_a_name_ending_in_s_is_one_person_for_he(analyse: Any) -> None:
    """The tagger reads "Mendes" as a plural noun; "he" in the next sentence still stands for him."""
    text = "Foreign Minister Carlos Mendes of Brazil met Argentina's president in Buenos Aires. He criticized Chile."
    event = found(analyse, text, "ACCUSE")
    assert (code(event.actor), code(event.recipient)) == ("BRA", "CHL")


def test_three_conjoined_parties_are_never_their_own_recipient(analyse: Any) -> None:
    got = pairs(analyse, "Kenya, Uganda and Tanzania signed an agreement on Monday.", "AGREE")
    assert got and all(a != r for a, r in got), got


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Responsibility -Kenyan state radio accused Somalia.",
            ["Responsibility -", "Kenyan state radio accused Somalia."],
        ),
        ("A long road’-They marched on.", ["A long road’-", "They marched on."]),
        ("Peace talks-The army attacked.", ["Peace talks-", "The army attacked."]),
        ("Relief at last.’”-For many it is too late.", ["For many it is too late."]),
        # a hyphen inside a word or name starts nothing
        ("The Secretary-General met pro-Russian rebels.", None),
        ("Then-President Obama met anti-Western clerics in Winston-Salem.", None),
        ("The U.S.-Ukraine talks began in al-Qaida territory.", None),
    ],
)
def test_mark_headings(extractor: Extractor, text: str, sentences: list[str] | None) -> None:
    nlp = extractor.nlp
    doc = mark_headings(nlp.make_doc(text))
    starts = [t.i for t in doc if t.is_sent_start and t.i > 0]
    if sentences is None:
        assert starts == [], [t.text for t in doc if t.i in starts]
        return
    parsed = nlp(doc)
    assert [s.text for s in parsed.sents][-len(sentences) :] == sentences
    assert parsed.text == text  # every offset stays the article's


def test_it_in_a_joined_reported_clause_is_the_speaker(analyse: Any) -> None:
    """ "X said that … and that it supports Y": "it" is X, not the state named in between."""
    text = (
        "The African Union said on Thursday that the vote for the Kenyan president should go ahead as planned "
        "and that it supports Ruto."
    )
    assert code(found(analyse, text, "SUPPORT").actor) == "AU"


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        # the one condemned is whoever did the act, as its own words name them, never whom it hit
        ("Kenya condemned the attack by al-Shabab on Ugandan troops.", "SOM"),
        ("Kenya condemned the Somali attack on Ugandan troops.", "SOM"),
        ("Kenya condemned the attack on Ugandan troops.", None),
    ],
)
def test_a_condemned_act_s_doer_is_the_recipient(analyse: Any, text: str, recipient: str | None) -> None:
    assert code(found(analyse, text, "ACCUSE").recipient) == recipient


def test_a_subheading_names_no_event_of_its_own(analyse: Any) -> None:
    # "Peace talks-" labels the topic; the sentence after it tells what happened
    got = events(analyse, "Peace talks-The army attacked the rebels on Monday.")
    assert [(e.type, e.trigger.text) for e in got] == [("ASSAULT", "attacked")]
