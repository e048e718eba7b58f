"""``eventlens ingest``: files, folders and feeds into the store; again changes nothing; bad inputs are reported and
the rest goes in (#5, #8). Extraction uses the session's extractor (the model loads once per test session)."""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from eventlens.analyse import ingest_flow
from eventlens.cli import app
from eventlens.commands.ingest import parse_duration
from eventlens.extract import Extractor
from eventlens.record import Article
from eventlens.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = Path(__file__).parent.parent / "eventlens" / "data" / "sample" / "voa_sample.jsonl"

Serve = Callable[..., str]


@pytest.fixture
def session_extraction(extractor: Extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``ingest`` extract with the session's loaded pipeline instead of loading its own."""

    def extract(articles: Iterable[Article], settings: object, workers: int) -> Iterator[object]:
        yield from extractor.pipe(articles)

    monkeypatch.setattr(ingest_flow, "_extract", extract)


def ingest(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["ingest", *args])
    return result.exit_code, result.output


def counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as store:
        return store.counts()


@pytest.mark.slow
@pytest.mark.usefixtures("session_extraction")
def test_ingest_cli_sample_twice_leaves_identical_counts(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    code, output = ingest(str(SAMPLE), "--db", str(db))
    assert code == 0, output
    assert "24 added" in output
    first = counts(db)
    assert first["articles"] == 24
    code, output = ingest(str(SAMPLE), "--db", str(db))
    assert code == 0, output
    assert "0 added" in output and "24 already stored" in output
    assert counts(db) == first
    assert CliRunner().invoke(app, ["check", "--db", str(db)]).exit_code == 0


@pytest.mark.slow
@pytest.mark.usefixtures("session_extraction")
def test_ingest_cli_reports_bad_inputs_and_stores_the_rest(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join(SAMPLE.read_text(encoding="utf-8").splitlines()[:2]) + "\n", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 50)
    truncated = tmp_path / "cut.txt.gz"
    truncated.write_bytes(gzip.compress(b"Some text that will be cut. " * 200)[:60])
    db = tmp_path / "db.duckdb"
    code, output = ingest(str(good), str(binary), str(truncated), str(tmp_path / "missing.txt"), "--db", str(db))
    assert code == 1  # some inputs failed
    for name in ("image.txt", "cut.txt.gz", "missing.txt"):
        assert name in output
    assert "2 added" in output and "3 failed" in output
    assert counts(db)["articles"] == 2


@pytest.mark.slow
@pytest.mark.usefixtures("session_extraction")
def test_ingest_cli_nearly_everything_failing_exits_126(tmp_path: Path) -> None:
    code, output = ingest(str(tmp_path / "nope1.txt"), str(tmp_path / "nope2.txt"), "--db", str(tmp_path / "d.duckdb"))
    assert code == 126, output


@pytest.mark.slow
@pytest.mark.usefixtures("session_extraction")
def test_ingest_cli_same_url_new_text_is_a_new_version(tmp_path: Path) -> None:
    article = json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[0])
    first, second = tmp_path / "v1.jsonl", tmp_path / "v2.jsonl"
    first.write_text(json.dumps(article) + "\n", encoding="utf-8")
    article = {**article, "id": "", "text": article["text"] + " Correction: an earlier version misstated the date."}
    second.write_text(json.dumps(article) + "\n", encoding="utf-8")
    db = tmp_path / "db.duckdb"
    assert ingest(str(first), "--db", str(db))[0] == 0
    code, output = ingest(str(second), "--db", str(db))
    assert code == 0 and "1 new versions" in output, output


@pytest.mark.slow
@pytest.mark.usefixtures("session_extraction")
def test_ingest_cli_reads_feeds_from_a_local_server(http_server: Serve, tmp_path: Path) -> None:
    web = tmp_path / "web"
    shutil.copytree(FIXTURES / "web", web)
    base = http_server(web)
    db = tmp_path / "db.duckdb"
    code, output = ingest(f"{base}/feed.rss", f"{base}/missing.rss", "--db", str(db), "--allow-private")
    assert code == 1, output
    assert "missing.rss" in output
    stored = counts(db)["articles"]
    assert stored >= 2
    code, output = ingest(f"{base}/feed.rss", "--db", str(db), "--allow-private")
    assert counts(db)["articles"] == stored  # nothing new: nothing added


def test_ingest_cli_refuses_private_addresses_by_default(tmp_path: Path) -> None:
    code, output = ingest("http://127.0.0.1:9/feed.rss", "--db", str(tmp_path / "db.duckdb"))
    assert code == 126
    assert "127.0.0.1" in output


@pytest.mark.parametrize(
    ("text", "seconds"), [("90", 90), ("30s", 30), ("15m", 900), ("1h", 3600), ("1.5h", 5400), ("2d", 172800)]
)
def test_ingest_cli_watch_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "-5m", "soon", "15x"])
def test_ingest_cli_watch_refuses_bad_durations(text: str) -> None:
    with pytest.raises(typer.BadParameter):
        parse_duration(text)
