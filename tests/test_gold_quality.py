"""Quality gates on eventlens's own gold (#13, #14): floors under the figures measured on the frozen test part and
on the dev part, so a change that makes event coding worse on news it was not written on fails CI.

The floors sit a little under what was measured when they were set (the note of each release gives the figures);
raise them when the figures rise. The test part is scored here, never looked at event by event while developing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventlens.evaluation.articles import score_articles
from eventlens.evaluation.gold import load
from eventlens.extract import Extractor
from eventlens.record import Article, ArticleRecord

GOLD = Path(__file__).parent / "fixtures" / "gold"

#: (figure path, floor) per part; measured values are in the CHANGELOG entry that set them.
FLOORS: dict[str, list[tuple[str, float]]] = {
    # measured 2026-12-07 (fourth session, classifier retrained with the train part) on the frozen test part: type P
    # 0.56 R 0.43, whole-event P 0.17, factuality 0.94, actor 0.57, recipient 0.50, place 0.70, date 0.80
    "test": [
        ("type.precision", 0.54),
        ("type.recall", 0.41),
        ("whole_event.precision", 0.15),
        ("fields.factuality", 0.92),
        ("fields.actor", 0.54),
        ("fields.recipient", 0.47),
        ("fields.place", 0.67),
        ("fields.date", 0.77),
    ],
    # measured the same day on the dev part: type P 0.75 R 0.57, whole-event P 0.34, factuality 0.96, actor 0.73,
    # recipient 0.60. The shipped event classifier was trained on dev (and the train part), so these are
    # in-sample: its 5-fold cross-validation over dev (scripts/train_event_types.py) gives type P 0.68 R 0.55,
    # whole-event P 0.31.
    "dev": [
        ("type.precision", 0.72),
        ("type.recall", 0.55),
        ("whole_event.precision", 0.31),
        ("fields.factuality", 0.94),
        ("fields.actor", 0.71),
        ("fields.recipient", 0.58),
    ],
}


def figure(figures: dict[str, Any], path: str) -> float:
    value: Any = figures
    for key in path.split("."):
        value = value[key]
    return float(value)


@pytest.fixture(scope="module", params=["test", "dev"])
def scored(request: pytest.FixtureRequest, extractor: Extractor) -> tuple[str, dict[str, Any]]:
    part: str = request.param
    gold = load(GOLD / f"{part}.jsonl")
    articles = [Article(text=a.text, id=a.id, published=a.published, title=a.title) for a in gold]
    records = [r.as_dict() if isinstance(r, ArticleRecord) else None for r in extractor.pipe(articles)]
    return part, score_articles(gold, records)


@pytest.mark.slow
def test_event_coding_stays_above_its_floors_on_unseen_news(scored: tuple[str, dict[str, Any]]) -> None:
    part, figures = scored
    low = [(path, figure(figures, path), floor) for path, floor in FLOORS[part] if figure(figures, path) < floor]
    assert not low, f"{part}: below the floor: {low}"
