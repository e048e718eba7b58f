"""Dates at the ends of the calendar (#16): an article published 0001-01-01 or 9999-12-31 is stored like any other,
and never takes the articles after it down (the story window of ±3 days once left the calendar: OverflowError,
traceback, exit 1, the rest never stored, and the same crash on every rerun; POST /api/ingest answered 500).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from eventlens.analyse import ingest_flow
from eventlens.cli import app
from eventlens.extract import Extractor
from eventlens.extract.events.attach import is_historical
from eventlens.record import Article, ArticleRecord, DateValue
from eventlens.store import Store
from eventlens.store.check import check_database
from eventlens.web import create_app
from eventlens.web.server import serving

#: Days that parse, at and near both ends of the calendar, and an ordinary one last.
ENDS = ["9999-12-31", "0001-01-01", "9999-12-29", "0001-01-03", "0001-06-01", "9999-07-01", "2022-01-19"]
#: Different reports (not copies of one another), each with dates relative to its publication.
TEXTS = [
    "Russian forces attacked Kyiv yesterday, officials said. Talks will resume tomorrow.",
    "France called for urgent talks with Moscow on Monday. Ministers meet again next week.",
    "The United States announced new sanctions against Iran last month, diplomats said.",
    "Protesters marched in Caracas on Friday against the government, police said.",
    "China urged Japan to withdraw its ships from the disputed islands within a week.",
    "Nigeria sent troops to the border last year, and more will follow next month.",
    "NATO ministers met in Brussels today to discuss aid to Ukraine before the winter.",
]


def articles() -> list[dict[str, str]]:
    return [{"id": f"day-{i}", "published": day, "text": TEXTS[i]} for i, day in enumerate(ENDS)]


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def extract(items: Iterable[Article], settings: object, workers: int) -> Iterator[ArticleRecord]:
        yield from (ArticleRecord(a) for a in items)

    monkeypatch.setattr(ingest_flow, "_extract", extract)


def ingest(path: Path, db: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(db), "--workers", "1"])
    return result.exit_code, " ".join(result.output.split())


def stored_days(db: Path) -> list[str | None]:
    with Store(db, read_only=True) as store:
        return [store.article(i).published for i in store.ids()]  # type: ignore[union-attr]


@pytest.mark.usefixtures("no_model")
def test_hostile_dates_calendar_ends_stored_and_rerun_unchanged(tmp_path: Path) -> None:
    source = tmp_path / "ends.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in articles()), encoding="utf-8")
    db = tmp_path / "db.duckdb"
    code, output = ingest(source, db)
    assert code == 0, output
    assert f"{len(ENDS)} added" in output and "Traceback" not in output
    assert stored_days(db) == ENDS
    code, output = ingest(source, db)
    assert code == 0, output
    assert f"{len(ENDS)} already stored" in output
    report = check_database(db)
    assert report.ok, report.problems


def test_hostile_dates_calendar_ends_with_extraction(tmp_path: Path, extractor: Extractor) -> None:
    """The real extractor: relative dates ("yesterday", "tomorrow", "next week") at both ends of the calendar."""
    from eventlens.analyse.ingest_flow import IngestFlow

    items = [Article.from_dict(a) for a in articles()]
    db = tmp_path / "db.duckdb"
    with Store(db) as store:
        flow = IngestFlow(store)
        results = list(extractor.pipe(items))
        assert all(isinstance(r, ArticleRecord) for r in results), results
        statuses = [flow.add(r).status for r in results if isinstance(r, ArticleRecord)]
    assert statuses == ["added"] * len(ENDS)
    assert stored_days(db) == ENDS
    report = check_database(db)
    assert report.ok, report.problems


@pytest.mark.parametrize(
    ("value", "published", "historical"),
    [
        ("0001-01-01", "0001-01-03", False),
        ("0001-01-01", "0002-12-31", True),
        ("0001", "0001-03-01", False),
        ("9999-12-31", "9999-12-31", False),
        ("0001-01-01", "9999-12-31", True),
        ("2015-01-01", "2016-03-01", True),  # historical: more than a year before (docs/annotation.md)
        ("2015-12-01", "2016-01-01", False),
    ],
)
def test_hostile_dates_is_historical_at_calendar_ends(value: str, published: str, historical: bool) -> None:
    assert is_historical(DateValue(value, value, "day", "sentence"), published) is historical


def test_hostile_dates_api_calendar_ends(tmp_path: Path) -> None:
    class FakeExtractor:
        def extract(self, article: Article) -> ArticleRecord:
            return ArticleRecord(article)

    token = "test-token-0123456789abcdef"
    db = tmp_path / "w.duckdb"
    web = create_app(db, writable=True, token=token)
    web.state.ingestor._extractor = FakeExtractor()
    auth = {"Authorization": f"Bearer {token}"}
    with serving(web) as running, httpx.Client(base_url=running.url, trust_env=False, timeout=60) as client:
        assert running.url.startswith("http://127.0.0.1:")
        for item in articles():
            response = client.post("/api/ingest", json=item, headers=auth)
            assert (response.status_code, response.json()["status"]) == (201, "added"), response.text
        assert client.get("/api/stories").status_code == 200
    web.state.db.close()
    assert stored_days(db) == ENDS
    report = check_database(db)
    assert report.ok, report.problems
