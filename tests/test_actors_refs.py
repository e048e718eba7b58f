"""The actors API later stages use: which actor a token or phrase stands for, pronouns and owned nouns included."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc, Token

from eventlens.extract import Extractor
from eventlens.extract.actors import actor_by_id, actor_ref_for_span, actor_ref_for_token

Run = Callable[[str], Doc]


@pytest.fixture(scope="session")
def parsed(extractor: Extractor) -> Run:
    """The Doc after the base model and ``eventlens_actors`` (the session's loaded pipeline)."""
    nlp = extractor.nlp

    def run(text: str) -> Doc:
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            doc = proc(doc)
            if name == "eventlens_actors":
                break
        return doc

    return run


def token(doc: Doc, text: str, nth: int = 0) -> Token:
    return [t for t in doc if t.text == text][nth]


@pytest.mark.parametrize(
    ("text", "word", "nth", "expected"),
    [
        # a token inside a mention → that mention
        (
            "Russia's Foreign Minister Sergey Lavrov spoke.",
            "Lavrov",
            0,
            ("Sergey Lavrov", "RUS", "GOV", "Sergey Lavrov"),
        ),
        ("Russian troops massed near the border.", "troops", 0, ("Russia", "RUS", "MIL", "Russian troops")),
        # a head noun owning a mention → that actor, sector from the noun phrase
        (
            "Russia's military buildup worried Kyiv.",
            "buildup",
            0,
            ("Russia", "RUS", "MIL", "Russia's military buildup"),
        ),
        # pronouns → the last compatible actor, worded by the pronoun itself
        (
            "Ukrainian President Volodymyr Zelenskyy spoke. He said Ukraine was ready.",
            "He",
            0,
            ("Volodymyr Zelenskyy", "UKR", "GOV", "He"),
        ),
        ("Ukraine, meanwhile, said it was prepared for the worst.", "it", 0, ("Ukraine", "UKR", None, "it")),
        ("Moscow said it would respond.", "it", 0, ("Russia", "RUS", "GOV", "it")),
        # definite descriptions → nearest compatible antecedent
        (
            "Kenya held elections. The government said turnout was high.",
            "government",
            0,
            ("Kenya", "KEN", "GOV", "The government"),
        ),
        (
            "Ukraine wants to join NATO. The alliance says the door is open.",
            "alliance",
            0,
            ("North Atlantic Treaty Organization", "NATO", "IGO", "The alliance"),
        ),
        # a capital used as a place still resolves to its state
        ("Blinken flew to Kyiv on Wednesday.", "Kyiv", 0, ("Ukraine", "UKR", None, "Kyiv")),
    ],
)
def test_actor_ref_for_token(parsed: Run, text: str, word: str, nth: int, expected: tuple[str | None, ...]) -> None:
    doc = parsed(text)
    ref = actor_ref_for_token(doc, token(doc, word, nth))
    assert ref is not None
    assert (ref.name, ref.code, ref.sector, ref.text) == expected
    assert text[ref.start : ref.end] == ref.text


def test_pronoun_with_no_antecedent_is_none(parsed: Run) -> None:
    doc = parsed("He said nothing.")
    assert actor_ref_for_token(doc, doc[0]) is None


def test_she_is_a_person_not_a_state(parsed: Run) -> None:
    doc = parsed("Health Minister Amara Okafor visited Kenya, where she opened a clinic.")
    ref = actor_ref_for_token(doc, token(doc, "she"))
    assert ref is not None and ref.name == "Amara Okafor"


def test_ref_ids_point_at_actors(parsed: Run) -> None:
    doc = parsed("US Secretary of State Antony Blinken met Ukrainian President Volodymyr Zelenskyy.")
    ref = actor_ref_for_token(doc, token(doc, "Blinken"))
    assert ref is not None and ref.actor_id is not None
    actor = actor_by_id(doc, ref.actor_id)
    assert actor is not None and actor.name == "Antony Blinken"
    assert actor_by_id(doc, "A999") is None


def test_actor_ref_for_span_prefers_the_mention_holding_the_head(parsed: Run) -> None:
    doc = parsed("The Biden administration said it would send aid.")
    ref = actor_ref_for_span(doc, 0, 3)  # "The Biden administration": the head is "administration"
    assert ref is not None and (ref.code, ref.sector) == ("USA", "GOV")
    assert ref.name == "United States"
    person = actor_ref_for_span(doc, 1, 2)
    assert person is not None and person.name == "Biden"


def test_actor_ref_for_span_of_a_longer_phrase(parsed: Run) -> None:
    doc = parsed("Russia's Foreign Minister Sergey Lavrov said talks failed.")
    ref = actor_ref_for_span(doc, 0, 6)
    assert ref is not None and ref.name == "Sergey Lavrov"
    assert actor_ref_for_span(doc, 6, 6) is None


def test_token_of_no_actor_is_none(parsed: Run) -> None:
    doc = parsed("The weather was fine on Tuesday.")
    assert actor_ref_for_token(doc, token(doc, "weather")) is None
