"""Property tests: any text through the extractor → no exception, every offset inside the text, and every span's
text equal to ``text[start:end]`` (the provenance promise of the record contract)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventlens.extract import Extractor
from eventlens.record import Article

PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of news prose, so the generated text reaches every component (actors, places, dates, amounts, quotes,
# event verbs) instead of only the tokenizer.
ACTORS = ["Russia", "Ukraine", "NATO", "Antony Blinken", "President Putin", "the United Nations", "Kyiv", "he", "they"]
VERBS = ["attacked", "met", "will meet", "did not invade", "accused", "said", "sanctioned", "signed", "could strike"]
EXTRAS = [
    "on Friday",
    "in Geneva",
    "next week",
    "in 2014",
    "on 31 December 9999",
    "more than 100,000 troops",
    "$1.5 billion",
    "at least 12 people",
    "“we will respond,”",
    '"no intention of invading"',
    "(AP) —",
    "",
]
PUNCT = [".", "!", "?", ",", ";", " —", ":", "\n\n", "…", ""]

news_sentence = st.builds(
    lambda a, v, b, x, p: f"{a} {v} {b} {x}{p}",
    st.sampled_from(ACTORS),
    st.sampled_from(VERBS),
    st.sampled_from(ACTORS),
    st.sampled_from(EXTRAS),
    st.sampled_from(PUNCT),
)
news_text = st.lists(
    st.one_of(news_sentence, st.text(max_size=20), st.sampled_from(["\u00a0", "\t", "\u200b", "🇺🇦", "\r\n"])),
    min_size=1,
    max_size=12,
).map(" ".join)
any_text = st.text(max_size=400)
published = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))


def spans(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object in a record dict that has integer ``start``/``end`` offsets, with where it is."""
    if isinstance(node, dict):
        if isinstance(node.get("start"), int) and isinstance(node.get("end"), int):
            yield path, node
        for key, value in node.items():
            yield from spans(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from spans(value, f"{path}[{i}]")


def check_offsets(extractor: Extractor, text: str, date: str | None) -> None:
    record = extractor.extract(Article(text=text, published=date)).as_dict()
    assert record["article"]["text"] == text
    for where, span in spans(record):
        start, end = span["start"], span["end"]
        assert 0 <= start <= end <= len(text), f"{where}: [{start}, {end}) outside a text of {len(text)}"
        if isinstance(span.get("text"), str):
            assert span["text"] == text[start:end], f"{where}: {span['text']!r} != text[{start}:{end}]"


@PROPERTY
@given(text=any_text, date=published)
def test_arbitrary_text_keeps_every_offset_honest(extractor: Extractor, text: str, date: str | None) -> None:
    check_offsets(extractor, text, date)


@PROPERTY
@given(text=news_text, date=published)
def test_news_like_text_keeps_every_offset_honest(extractor: Extractor, text: str, date: str | None) -> None:
    check_offsets(extractor, text, date)
