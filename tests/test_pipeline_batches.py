"""Batches: one article that breaks an eventlens stage is reported alone; the rest keep their records."""

from __future__ import annotations

from typing import Any

import pytest

from eventlens.errors import ExtractionFailed
from eventlens.extract import Extractor
from eventlens.record import Article, ArticleRecord


def test_pipeline_failing_stage_costs_only_its_article(extractor: Extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    stage = extractor.nlp.get_pipe("eventlens_quotes")
    original = type(stage).__call__

    def fragile(self: Any, doc: Any) -> Any:
        if "POISON" in doc.text:
            raise ValueError("stage broke on this article")
        return original(self, doc)

    monkeypatch.setattr(type(stage), "__call__", fragile)
    articles = [
        Article(text="Russia attacked Ukraine on Friday.", published="2022-02-25"),
        Article(text="POISON: Lavrov met Blinken in Geneva.", published="2022-01-21"),
        Article(text="NATO said it would send troops to Poland.", published="2022-02-01"),
    ]
    results = list(extractor.pipe(articles, batch_size=3))
    assert [type(r) for r in results] == [ArticleRecord, ExtractionFailed, ArticleRecord]
    failed = results[1]
    assert isinstance(failed, ExtractionFailed)
    assert failed.source == articles[1].id and "stage broke" in failed.reason
    assert failed.reason == "extraction failed in eventlens_quotes: ValueError: stage broke on this article"
    first = results[0]
    assert isinstance(first, ArticleRecord) and first.article.text == articles[0].text
    assert first.places, "the articles around the failure are fully extracted"


@pytest.mark.parametrize("name", ["eventlens_actors", "eventlens_events"])
def test_pipeline_failure_names_the_failing_stage(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    stage = extractor.nlp.get_pipe(name)

    def broken(self: Any, doc: Any) -> Any:
        raise KeyError("no such actor")

    monkeypatch.setattr(type(stage), "__call__", broken)
    (failed,) = extractor.pipe([Article(text="Russia attacked Ukraine on Friday.")])
    assert isinstance(failed, ExtractionFailed)
    assert failed.reason == f"extraction failed in {name}: KeyError: 'no such actor'"


def test_pipeline_batches_keep_input_order(extractor: Extractor) -> None:
    texts = [f"Article {i}: Germany said it would talk to France." for i in range(5)]
    results = list(extractor.pipe((Article(text=t) for t in texts), batch_size=2))
    assert [r.article.text for r in results if isinstance(r, ArticleRecord)] == texts
