"""Event coreference (#13): a story that names an event again ("the bombing", "Monday's protests") gives one event,
and a mention with a party, a date or a place of its own stays an event of its own. Sentences of our own.

The whole-pipeline tests run twice: with the shipped classifier, and with the lexicon alone (``event_classifier``
off), where the fold is all that stands between a repeated mention and a second event.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from spacy.tokens import Doc, Token

from eventlens.extract import Extractor
from eventlens.extract.events import dedupe
from eventlens.extract.events.coreference import clause_depth, fold_repeats, points_back, same_event
from eventlens.record import ActorRef, Article, DateValue, Event, Magnitude, Span
from tests.support.events import PUBLISHED


@pytest.fixture(params=["classifier", "rules"])
def coded(request: Any, extractor: Extractor, rules_only: Extractor) -> Callable[[str, str], list[Event]]:
    """``coded(text, type)``: the events of one type in ``text``, with the classifier and without it."""
    chosen = extractor if request.param == "classifier" else rules_only

    def run(text: str, type_: str) -> list[Event]:
        record = chosen.extract(Article(text=text, published=PUBLISHED))
        return [e for e in record.events if e.type == type_]

    return run


@pytest.fixture(scope="module")
def parse(extractor: Extractor) -> Callable[[str], Doc]:
    """The parse of a text (spaCy's own components only)."""
    nlp = extractor.nlp
    own = [name for name in nlp.pipe_names if name.startswith("eventlens")]

    def run(text: str) -> Doc:
        with nlp.select_pipes(disable=own):
            return nlp(text)

    return run


def _token(doc: Doc, word: str) -> Token:
    return next(t for t in doc if t.text == word)


# ---------------------------------------------------------------------- which nominals point back
@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Schools closed after the bombing.", "bombing"),
        ("Officials said this bombing was the worst in years.", "bombing"),
        ("Monday's protests drew thousands of people.", "protests"),
        ("Their demands went unanswered for weeks.", "demands"),
    ],
)
def test_definite_demonstrative_and_owned_nominals_point_back(parse: Any, text: str, word: str) -> None:
    assert points_back(_token(parse(text), word))


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("A bombing hit the market at dawn.", "bombing"),  # indefinite: a new one
        ("Another bombing hit the market at dawn.", "bombing"),
        ("A second bombing hit the market at dawn.", "bombing"),
        ("The latest bombing hit the market at dawn.", "bombing"),  # the last of a series, not the one told
        ("Two bombings hit the market at dawn.", "bombings"),
        ("Protests spread to the port city.", "Protests"),  # bare: the dev gold codes these as often as not
        ("The protests that followed his arrest in 2019 closed the port.", "protests"),  # told anew
        ("The rebels launched the offensive at dawn.", "offensive"),  # a clause with its own subject
    ],
)
def test_new_bare_and_retold_nominals_do_not_point_back(parse: Any, text: str, word: str) -> None:
    assert not points_back(_token(parse(text), word))


def test_judging_a_statement_answers_it(parse: Any) -> None:
    """ "the accusations were false" is a reply to the accusations (a statement of its own); "the protests were
    calm" only describes the protests."""
    assert not points_back(_token(parse("His lawyers said the accusations were false."), "accusations"), verbal=True)
    assert points_back(_token(parse("Police said the protests were calm."), "protests"), verbal=False)


# ---------------------------------------------------------------------- which earlier event a mention can name
def _ref(name: str, code: str | None, sector: str | None = None, actor_id: str | None = None) -> ActorRef:
    return ActorRef(name=name, code=code, sector=sector, text=name, start=0, end=len(name), actor_id=actor_id)


def _event(
    sentence: int,
    *,
    type_: str = "ASSAULT",
    actor: ActorRef | None = None,
    recipient: ActorRef | None = None,
    date: str | None = None,
    place: str | None = None,
    dead: int | None = None,
) -> Event:
    """An event in the ``sentence``-th sentence (each 100 characters long)."""
    start = sentence * 100
    return Event(
        id="",
        type=type_,  # type: ignore[arg-type]
        mode=None,
        quad="material_conflict",
        actor=actor,
        recipient=recipient,
        factuality="asserted",
        historical=False,
        date=DateValue("Monday", date, "day", "sentence") if date else None,
        location={"name": place, "country": "AFG"} if place else None,
        magnitude=Magnitude(dead=dead),
        trigger=Span(start + 10, start + 17, "bombing"),
        sentence=Span(start, start + 100),
    )


def test_a_mention_without_parties_names_the_earlier_event() -> None:
    earlier = _event(0, actor=_ref("militants", None, "INS"), recipient=_ref("Afghanistan", "AFG"))
    assert same_event(earlier, _event(1))
    assert same_event(earlier, _event(1, actor=_ref("militants", None, "INS")))


def test_a_mention_with_a_party_of_its_own_is_another_event() -> None:
    earlier = _event(0, actor=_ref("police", "BLR", "COP"))
    assert not same_event(earlier, _event(1, actor=_ref("the army", None, "MIL")))
    assert not same_event(earlier, _event(1, actor=_ref("Belarusian troops", "BLR", "MIL")))  # another sector
    assert not same_event(_event(0), _event(1, recipient=_ref("students", None, "CVL")))


def test_a_mention_with_a_date_or_place_of_its_own_is_another_event() -> None:
    earlier = _event(0, date="2022-01-17", place="Kandahar")
    assert same_event(earlier, _event(1, date="2022-01-17", place="Kandahar"))
    assert not same_event(earlier, _event(1, date="2022-01-13"))
    assert not same_event(earlier, _event(1, place="Herat"))
    assert not same_event(_event(0), _event(1, date="2022-01-13"))


def test_another_type_or_the_same_sentence_is_no_repeat() -> None:
    assert not same_event(_event(0), _event(1, type_="COERCE"))
    assert not same_event(_event(1), _event(1))


def test_folding_keeps_the_earlier_event_and_takes_what_only_the_repeat_gives(parse: Any) -> None:
    doc = parse("Militants bombed a police station on Monday. The bombing killed four officers.")
    earlier, repeat = _event(0), _event(1, dead=4)
    kept = fold_repeats([earlier, repeat], lambda e: _token(doc, "bombing") if e is repeat else None)
    assert kept == [earlier]
    assert earlier.magnitude.dead == 4


def test_a_definite_names_the_last_event_of_its_type(parse: Any) -> None:
    """ "the march" after a first march and a second one that did not take place names the second: it is not
    folded into the first."""
    doc = parse("Then came the march.")
    first, failed = _event(0, type_="PROTEST"), _event(1, type_="PROTEST")
    failed.factuality = "negated"
    mention = _event(2, type_="PROTEST")
    kept = fold_repeats([first, failed, mention], lambda e: _token(doc, "march") if e is mention else None)
    assert kept == [first, failed, mention]


# ---------------------------------------------------------------------- whole pipeline
def test_a_repeated_mention_is_one_event(coded: Any) -> None:
    text = (
        "Militants bombed a police station in Kandahar on Monday. Residents said this bombing was the worst in "
        "years. Schools in Kandahar stayed shut after the bombing."
    )
    assert [e.trigger.text for e in coded(text, "ASSAULT")] == ["bombed"]


def test_a_repeat_dated_the_same_day_is_one_event(coded: Any) -> None:
    text = "Students protested against tuition fees in Nairobi on Monday. Monday's protests drew thousands of people."
    assert len(coded(text, "PROTEST")) == 1


def test_a_mention_dated_another_day_is_another_event(coded: Any) -> None:
    text = "Students protested against tuition fees in Nairobi on Monday. Thursday's protests drew thousands of people."
    assert [e.date.value for e in coded(text, "PROTEST") if e.date] == ["2022-01-17", "2022-01-13"]


def test_a_mention_with_its_own_parties_is_another_event(coded: Any) -> None:
    text = "Police arrested ten activists in Minsk on Friday. The army's arrests of students drew criticism."
    assert [e.trigger.text for e in coded(text, "COERCE")] == ["arrested", "arrests"]


def test_a_clause_with_its_own_subject_is_another_event(coded: Any) -> None:
    text = "Police arrested ten activists in Minsk on Friday. Police also arrested two journalists."
    assert len(coded(text, "COERCE")) == 2


# ---------------------------------------------------------------------- one act in one sentence
def test_the_main_verb_tells_the_act_not_the_participle(coded: Any) -> None:
    found = coded("Students protesting the fee rise blocked roads in Nairobi on Monday.", "PROTEST")
    assert [e.trigger.text for e in found] == ["blocked"]


def test_clause_depth_counts_subordinate_clauses(parse: Any) -> None:
    doc = parse("Students protesting the fee rise blocked roads in Nairobi.")
    assert clause_depth(_token(doc, "blocked")) == 0
    assert clause_depth(_token(doc, "protesting")) == 1


def test_dedupe_keeps_the_shallower_trigger_of_one_act() -> None:
    participle, main = _event(0), _event(0)
    participle.trigger, main.trigger = Span(5, 15, "protesting"), Span(30, 37, "blocked")
    depth = {id(participle): 1, id(main): 0}
    assert dedupe([participle, main], lambda e: depth[id(e)]) == [main]
    assert dedupe([participle, main]) == [participle]  # without a parse: the earlier trigger, as before
