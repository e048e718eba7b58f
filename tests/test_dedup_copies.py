"""Syndicated copies are found and never counted twice (#5): GDELT counts one story once per reprint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventlens import query
from eventlens.analyse import dedup
from eventlens.analyse.dedup import THRESHOLD, DuplicateIndex, jaccard, shingles, signature
from eventlens.analyse.ingest_flow import IngestFlow
from eventlens.export import export
from eventlens.record import Article, ArticleRecord
from eventlens.store import Store
from tests.support.store import WIRE_EVENTS, WIRE_TEXT, edited_copies, wire_record

SAMPLE = Path(__file__).parent.parent / "eventlens" / "data" / "sample" / "voa_sample.jsonl"


def sample_articles() -> list[Article]:
    return [Article.from_dict(json.loads(line)) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("copy", edited_copies(), ids=["new headline, byline, paragraph cut", "trimmed end"])
def test_dedup_edited_copy_scores_above_threshold(copy: ArticleRecord) -> None:
    exact = jaccard(shingles(WIRE_TEXT), shingles(copy.article.text))
    assert THRESHOLD < exact < 1.0
    estimate = dedup.estimate(signature(WIRE_TEXT), signature(copy.article.text))
    assert abs(estimate - exact) < 0.15


def test_dedup_different_articles_score_far_below_threshold() -> None:
    articles = sample_articles()
    index = DuplicateIndex()
    for article in articles:
        assert index.matches(signature(article.text)) == [], article.id
        index.add(article.id, signature(article.text))


def test_dedup_copies_linked_to_first_appearance_and_counted_once(tmp_path: Path) -> None:
    original = wire_record(url="https://wire.example/1")
    copies = edited_copies()
    with Store(tmp_path / "db.duckdb") as store:
        flow = IngestFlow(store)
        results = [flow.add(r) for r in (original, *copies)]
        con = store.con
        assert [r.status for r in results] == ["added", "duplicate", "duplicate"]
        assert all(r.duplicate_of == original.article.id for r in results[1:])
        n_events = len(WIRE_EVENTS)
        assert store.counts()["events"] == 3 * n_events  # kept for audit …
        assert query.count_events(con, query.Filters()) == n_events  # … counted once
        assert len(query.events(con, query.Filters(), limit=100).items) == n_events
        assert len(query.events(con, query.Filters(include_copies=True), limit=100).items) == 3 * n_events
        assert query.count_events(con, query.Filters(include_copies=True)) == n_events
        assert sum(d["n_events"] for d in query.dyads(con, query.Filters()).items) == n_events
        assert sum(p["n_events"] for p in query.timeline(con, query.Filters())) == n_events
        russia = next(a for a in query.actors(con, query.Filters()).items if a["code"] == "RUS")
        assert russia["n_articles"] == 1
        assert export(con, query.Filters(), "csv", tmp_path / "events.csv") == n_events
        stories = query.stories(con, query.Filters()).items
        assert [(s["n_articles"], s["n_copies"]) for s in stories] == [(1, 2)]


def test_dedup_copy_of_a_copy_links_to_the_original(tmp_path: Path) -> None:
    original = wire_record()
    first, second = edited_copies()
    with Store(tmp_path / "db.duckdb") as store:
        flow = IngestFlow(store)
        flow.add(original)
        flow.add(first)
        result = flow.add(second)
    assert result.duplicate_of == original.article.id


def test_dedup_copies_found_after_the_store_is_reopened(tmp_path: Path) -> None:
    # The LSH index is rebuilt from stored signatures: a copy arriving in a later run is still a copy.
    with Store(tmp_path / "db.duckdb") as store:
        IngestFlow(store).add(wire_record())
    with Store(tmp_path / "db.duckdb") as store:
        assert IngestFlow(store).add(edited_copies()[0]).status == "duplicate"
