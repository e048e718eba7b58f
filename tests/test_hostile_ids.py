"""Colliding ids lose no article (#16): the same id with another text is a new version or a reported conflict,
never "already stored", and a user-given id never takes the place of another text's content hash.

Checked where articles come in: ``eventlens ingest`` (JSONL with ids), ``eventlens load`` (Parquet records) and
``POST /api/ingest`` (on 127.0.0.1). Extraction is faked (a record with no items): these tests are about ids.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from eventlens.analyse import ingest_flow
from eventlens.analyse.ingest_flow import IngestFlow
from eventlens.cli import app
from eventlens.errors import IdConflict
from eventlens.record import Article, ArticleRecord, text_id
from eventlens.store import Store
from eventlens.store.check import check_database
from eventlens.web import create_app
from eventlens.web.server import serving

FIRST = "Russia and Ukraine held talks in Geneva on Friday. Diplomats said the talks would go on next week."
SECOND = "The United States urged Russia to withdraw its troops from the border, officials said on Monday."
THIRD = "France called for urgent talks with Moscow as NATO ministers met in Brussels to discuss the crisis."


def record(text: str, id_: str = "", url: str | None = None) -> ArticleRecord:
    return ArticleRecord(Article(text=text, id=id_, url=url, title="Talks", published="2022-01-19"))


class FakeExtractor:
    """Extraction without the model: each article's record holds only the article."""

    def extract(self, article: Article) -> ArticleRecord:
        return ArticleRecord(article)

    def pipe(self, articles: Iterable[Article]) -> Iterator[ArticleRecord]:
        return (ArticleRecord(a) for a in articles)


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def extract(articles: Iterable[Article], settings: object, workers: int) -> Iterator[ArticleRecord]:
        yield from FakeExtractor().pipe(articles)

    monkeypatch.setattr(ingest_flow, "_extract", extract)


def texts(db: Path) -> dict[str, str]:
    with Store(db, read_only=True) as store:
        return {i: store.article(i).text for i in store.ids()}  # type: ignore[union-attr]


def assert_whole(db: Path) -> None:
    report = check_database(db)
    assert report.ok, report.problems


# -- the flow every way in shares -------------------------------------------------------------------------------
def test_hostile_id_same_user_id_another_text_is_a_new_version(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    with Store(db) as store:
        flow = IngestFlow(store)
        assert flow.add(record(FIRST, "wire-1")).status == "added"
        second = flow.add(record(SECOND, "wire-1"))
        assert second.status == "new_version"
        assert second.article_id == text_id(SECOND)
        assert second.previous_version == "wire-1"
        again = flow.add(record(SECOND, "wire-1"))  # the same input again: stored, nothing new
        assert (again.status, again.article_id) == ("unchanged", text_id(SECOND))
        third = flow.add(record(THIRD, "wire-1"))  # a third text follows the latest version
        assert (third.status, third.previous_version) == ("new_version", text_id(SECOND))
        assert flow.add(record(FIRST, "wire-1")).status == "unchanged"
    assert sorted(texts(db).values()) == sorted([FIRST, SECOND, THIRD])
    assert_whole(db)


def test_hostile_id_user_id_equal_to_another_texts_hash_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    with Store(db) as store:
        flow = IngestFlow(store)
        with pytest.raises(IdConflict, match="content hash"):
            flow.add(record(FIRST, text_id(SECOND)))  # would keep SECOND out for good
        assert flow.add(record(SECOND)).status == "added"
        assert flow.add(record(FIRST, text_id(FIRST))).status == "added"  # its own hash is its id anyway
    assert texts(db) == {text_id(SECOND): SECOND, text_id(FIRST): FIRST}
    assert_whole(db)


def test_hostile_id_hash_taken_by_another_text_is_a_conflict_not_unchanged(tmp_path: Path) -> None:
    """A database written before the rule may hold another text under a text's hash: reported, never skipped."""
    db = tmp_path / "db.duckdb"
    with Store(db) as store:
        flow = IngestFlow(store)
        flow.add(record(FIRST, "placeholder"))
        store.con.execute("UPDATE articles SET id = ? WHERE id = 'placeholder'", [text_id(SECOND)])
        with pytest.raises(IdConflict, match="another text"):
            flow.add(record(SECOND))


def test_hostile_id_store_write_never_calls_another_text_unchanged(tmp_path: Path) -> None:
    with Store(tmp_path / "db.duckdb") as store:
        flow = IngestFlow(store)
        flow.add(record(FIRST, "wire-1"))
        with pytest.raises(IdConflict):
            store.write(record(SECOND, "wire-1"), flow.links(record(SECOND, "wire-1")))


# -- eventlens ingest -------------------------------------------------------------------------------------------
@pytest.mark.usefixtures("no_model")
def test_hostile_id_cli_ingest_keeps_every_text(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps({"id": "wire-1", "text": FIRST}) + "\n", encoding="utf-8")
    second = tmp_path / "second.jsonl"
    second.write_text(
        json.dumps({"id": "wire-1", "text": SECOND}) + "\n" + json.dumps({"id": text_id(THIRD), "text": FIRST}) + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["ingest", str(first), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(app, ["ingest", str(second), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 1, result.output  # one line refused: the exit code says so
    assert "1 new versions" in result.output and "0 already stored" in result.output
    refused = f"article {text_id(THIRD)}: the id {text_id(THIRD)} has the form of a content hash"
    assert refused in " ".join(result.output.split())
    (tmp_path / "third.jsonl").write_text(json.dumps({"text": THIRD}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "third.jsonl"), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output
    assert sorted(texts(db).values()) == sorted([FIRST, SECOND, THIRD])
    result = CliRunner().invoke(app, ["ingest", str(second), "--db", str(db), "--workers", "1"])
    assert "0 new versions" in result.output and "1 already stored" in result.output
    assert_whole(db)


# -- eventlens load ---------------------------------------------------------------------------------------------
def test_hostile_id_load_keeps_every_text(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    db = tmp_path / "db.duckdb"
    folder = tmp_path / "records"
    folder.mkdir()
    rows = [record(FIRST, "wire-1"), record(SECOND, "wire-1"), record(FIRST, text_id(THIRD))]
    table = pa.table(
        {"id": [r.article.id for r in rows], "record": [json.dumps(r.as_dict()) for r in rows]},
    )
    pq.write_table(table, folder / "part-0.parquet")
    result = CliRunner().invoke(app, ["load", str(folder), "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert "1 added" in result.output and "1 new_version" in result.output and "1 skipped" in result.output
    assert "content hash" in " ".join(result.output.split())
    assert sorted(texts(db).values()) == sorted([FIRST, SECOND])
    assert_whole(db)


# -- POST /api/ingest -------------------------------------------------------------------------------------------
def test_hostile_id_api_new_version_and_conflict(tmp_path: Path) -> None:
    token = "test-token-0123456789abcdef"
    db = tmp_path / "w.duckdb"
    Store(db).close()
    web = create_app(db, writable=True, token=token)
    web.state.ingestor._extractor = FakeExtractor()
    auth = {"Authorization": f"Bearer {token}"}
    with serving(web) as running, httpx.Client(base_url=running.url, trust_env=False, timeout=60) as client:
        assert running.url.startswith("http://127.0.0.1:")
        first = client.post("/api/ingest", json={"id": "wire-1", "text": FIRST}, headers=auth)
        assert (first.status_code, first.json()["status"]) == (201, "added")
        second = client.post("/api/ingest", json={"id": "wire-1", "text": SECOND}, headers=auth)
        assert second.status_code == 201, second.text
        assert second.json()["status"] == "new_version"
        assert second.json()["article_id"] == text_id(SECOND)
        assert second.json()["previous_version"] == "wire-1"
        shadow = client.post("/api/ingest", json={"id": text_id(THIRD), "text": FIRST}, headers=auth)
        assert shadow.status_code == 409, shadow.text
        assert shadow.json()["error"]["code"] == "id_conflict"
        assert "content hash" in shadow.json()["error"]["message"]
        third = client.post("/api/ingest", json={"text": THIRD}, headers=auth)
        assert (third.status_code, third.json()["status"]) == (201, "added")
    web.state.db.close()
    assert sorted(texts(db).values()) == sorted([FIRST, SECOND, THIRD])
    assert_whole(db)
