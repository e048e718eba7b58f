"""Quote forms a reader would recognise: every mark style, split quotes, partial quotes, indirect speech,
and quoted words that are not quotes (scare quotes, titles, headings)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventlens.extract.quotes.marks import find_quote_spans
from eventlens.record import ArticleRecord, Quote


def _quote(record: ArticleRecord, text: str, kind: str = "direct") -> Quote:
    hits = [q for q in record.quotes if q.kind == kind and text in q.text]
    assert hits, f"no {kind} quote with {text!r} in {[(q.kind, q.text) for q in record.quotes]}"
    q = hits[0]
    assert record.article.text[q.start : q.end] == q.text  # offsets index the article text
    return q


def _speaker_name(q: Quote) -> str:
    assert q.speaker is not None, f"no speaker for {q.text!r}"
    return q.speaker.name or ""


# (text, words inside the quote, speaker's surname)
DIRECT = [
    ('"We will not back down," Putin said.', "We will not back down", "Putin"),
    ("“We will not back down,” Putin said.", "We will not back down", "Putin"),
    ("‘We will not back down,’ Putin said.", "We will not back down", "Putin"),
    ("«We will not back down», said Vladimir Putin.", "We will not back down", "Putin"),
    ("Angela Merkel said: “Europe must stay united.”", "Europe must stay united", "Merkel"),
    ('Boris Johnson told reporters, "Our support will not waver."', "Our support will not waver", "Johnson"),
    ("“We are ready,” said Emmanuel Macron, the French president.", "We are ready", "Macron"),
    ("“Is this a war?” asked Olaf Scholz.", "Is this a war?", "Scholz"),
    ("“I'm deeply saddened,” said one of them, Kim Grey, 40, from Texas.", "deeply saddened", "Kim Grey"),
    ("It hurts to see “our brave young people” beaten, tweeted rights activist Lilian Tintori.", "our brave young",
     "Tintori"),
    ("Police fired tear gas, tweeted activist Lilian Tintori, adding, “We swear we will regain our freedom.”",
     "We swear", "Tintori"),
    ('Thousands marched in red, and "loyalty to the revolution," one man in a red cap told reporters.', "loyalty",
     "man"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "words", "surname"), DIRECT)
def test_direct_quote_styles(analyse: Any, text: str, words: str, surname: str) -> None:
    q = _quote(analyse(text), words)
    assert surname in _speaker_name(q)
    assert q.cue is not None


def test_quote_split_by_its_cue_has_one_speaker(analyse: Any) -> None:
    record = analyse("“Your visit is very important,” Zelenskyy said. “It underlines your support.”")
    first, second = _quote(record, "Your visit"), _quote(record, "It underlines")
    assert "Zelenskyy" in _speaker_name(first) and "Zelenskyy" in _speaker_name(second)


def test_partial_quote_in_reported_speech(analyse: Any) -> None:
    record = analyse("Antony Blinken said the number could double “on relatively short order”.")
    q = _quote(record, "on relatively short order")
    assert "Blinken" in _speaker_name(q)


def test_partial_quote_framed_by_call(analyse: Any) -> None:
    record = analyse("Josep Borrell called the proposals “a step backwards” for European security.")
    assert "Borrell" in _speaker_name(_quote(record, "a step backwards"))


# (text, content expected inside the indirect quote, speaker's surname, cue lemma)
INDIRECT = [
    ("Sergei Ryabkov said Moscow had no intention of invading Ukraine.", "Moscow had no intention", "Ryabkov", "say"),
    ("Antony Blinken said that more assistance is coming.", "more assistance is coming", "Blinken", "say"),
    ("Antony Blinken told Zelenskyy that the allies were steadfast.", "the allies were steadfast", "Blinken", "tell"),
    ("Jens Stoltenberg warned that any attack would carry a high price.", "any attack would carry a high price",
     "Stoltenberg", "warn"),
    ("Antony Blinken accused Russia of planning to reinforce its troops.", "planning to reinforce its troops",
     "Blinken", "accuse"),
    ("Antony Blinken reiterated Washington's demands for a withdrawal of forces.", "demands for a withdrawal",
     "Blinken", "reiterate"),
    ("According to Dmitry Peskov, the troops will stay in Belarus.", "the troops will stay in Belarus", "Peskov",
     "according"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "content", "surname", "cue"), INDIRECT)
def test_indirect_speech(analyse: Any, text: str, content: str, surname: str, cue: str) -> None:
    q = _quote(analyse(text), content, kind="indirect")
    assert surname in _speaker_name(q)
    assert q.cue == cue
    assert not q.text.startswith("that ")


@pytest.mark.parametrize(
    "text",
    [
        "The so-called “Islamic State” claimed the attack.",  # a name in scare quotes
        "Relations went through a “reset” in 2009.",  # a scare quote outside speech
        "Officials said the “Islamic State” group was behind it.",  # a name inside reported speech
        "He read “War and Peace” on the train.",  # a title
        "‘Relentless aggression’\n\nThe talks ended without a deal.",  # a heading
        "Most agree, according to a poll by the Pew Research Center, a nonpartisan “fact tank” in Washington.",
    ],
)
def test_quoted_words_that_are_not_quotes(analyse: Any, text: str) -> None:
    assert [q for q in analyse(text).quotes if q.kind == "direct"] == []


def test_a_quote_inside_a_quote_belongs_to_the_outer_one() -> None:
    text = "“They told me ‘leave now’ and I left,” she said."
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["They told me ‘leave now’ and I left,"]


def test_apostrophes_are_not_quotation_marks() -> None:
    assert find_quote_spans("Russia’s troops and the students' union didn't move in the '90s.") == []


def test_a_quote_over_two_paragraphs_is_one_group() -> None:
    text = "He said: “The first part.\n\n“The second part.”\n"
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["The first part.", "The second part."]
    assert spans[0].group == spans[1].group


def test_a_lost_closing_mark_ends_the_quote_at_its_sentence() -> None:
    text = 'She denounced "a smear campaign against the law. The ruling was appealed.'
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["a smear campaign against the law."]


def test_quote_spans_come_in_text_order_whatever_their_marks() -> None:
    text = "‘First,’ she said. “Second,” he said. ‘Third,’ they said."
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["First,", "Second,", "Third,"]


def test_a_stray_closing_mark_after_a_quote_is_not_a_quote() -> None:
    text = "He said he is the “law and order” candidate” who would expand the policy."
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["law and order"]


def test_a_closing_mark_that_lost_its_opener_quotes_its_sentence() -> None:
    text = "Crowds gathered. People may be overreacting to it,” the governor said."
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["People may be overreacting to it,"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("ab. ,\n\"'“”‘’«»:") + ["Zed said", "He"]), max_size=60).map("".join))
def test_quote_spans_always_lie_inside_the_text(text: str) -> None:
    for span in find_quote_spans(text):
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end].strip() == text[span.start : span.end]


@pytest.mark.parametrize("text", ["Russia attacked Russia on Friday. \n0»", "Talks ended.\n»", "a\n\n0”"])
def test_a_closing_mark_opening_its_paragraph_costs_nothing(analyse: Any, text: str) -> None:
    # its lost opener lies before the paragraph: the article must still come out whole (found by Hypothesis)
    record = analyse(text)
    assert isinstance(record, ArticleRecord)
    assert all(text[q.start : q.end] == q.text for q in record.quotes)
