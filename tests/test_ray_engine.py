"""The Ray engine: imported only when used, reads inputs as the local engine does, and gives the same records."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from eventlens.config import Settings
from eventlens.engines.ray import LINE, articles_from_row, import_ray, input_files
from eventlens.errors import ConfigError, InputError
from eventlens.extract import Extractor
from eventlens.ingest import read_path
from eventlens.record import Article, ArticleRecord
from eventlens.store import Store

SAMPLE = Path(__file__).parent.parent / "eventlens" / "data" / "sample" / "voa_sample.jsonl"
EVENTLENS = Path(sys.executable).parent / "eventlens"
TEXT = "Russia massed troops near the border with Ukraine on Tuesday, officials in Kyiv said."


def test_the_core_works_without_ray() -> None:
    code = "import sys, eventlens.cli, eventlens.engines.ray, eventlens.engines.local; print('ray' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_missing_ray_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # what an environment without the extra looks like
    with pytest.raises(ConfigError, match=r"eventlens\[ray\]"):
        import_ray()


def local_articles(path: Path, defaults: dict[str, Any] | None = None) -> list[Article | InputError]:
    return list(read_path(path, Settings(), defaults))


@pytest.mark.parametrize(
    ("name", "content", "suffix"),
    [
        ("a.txt", TEXT.encode(), ".txt"),
        ("a.txt.gz", gzip.compress(TEXT.encode()), ".txt"),
        ("a.html", f"<html><head><title>Troops</title></head><body><p>{TEXT}</p></body></html>".encode(), ".html"),
        ("a.json", json.dumps({"text": TEXT, "published": "2022-01-18", "title": "Troops"}).encode(), ".json"),
    ],
    ids=["text", "gzipped text", "html", "json"],
)
def test_a_file_row_gives_the_local_article(tmp_path: Path, name: str, content: bytes, suffix: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    defaults = {"published": "2022-01-18"}
    ray_side = list(articles_from_row(str(path), suffix, content, Settings(), defaults))
    assert ray_side == local_articles(path, defaults)
    assert isinstance(ray_side[0], Article)


def test_a_jsonl_line_gives_the_local_article(tmp_path: Path) -> None:
    line = json.dumps({"id": "x1", "text": TEXT, "published": "2022-01-18", "url": "http://example.org/1"})
    path = tmp_path / "news.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    ray_side = list(articles_from_row(str(path), LINE, line.encode(), Settings()))
    assert ray_side == local_articles(path)


@pytest.mark.parametrize(
    ("payload", "reason"),
    [(b"{not json", "not JSON"), (b'{"title": "no text"}', "no 'text' field"), (b'{"text": "   "}', "empty")],
    ids=["not json", "no text", "empty text"],
)
def test_a_bad_line_is_reported_with_its_reason(payload: bytes, reason: str) -> None:
    [error] = list(articles_from_row("news.jsonl", LINE, payload, Settings()))
    assert isinstance(error, InputError)
    assert error.source.startswith("news.jsonl") and reason in error.reason


def test_inputs_are_grouped_by_how_ray_reads_them(tmp_path: Path) -> None:
    for name in ("a.jsonl", "b.ndjson.gz", "c.txt", "d.html", "e.parquet", "notes.bin"):
        (tmp_path / name).write_bytes(b"x")
    groups = input_files([str(tmp_path)])
    names = {kind: sorted(Path(p).name for p in files) for kind, files in groups.items()}
    assert names == {"jsonl": ["a.jsonl", "b.ndjson.gz"], "parquet": ["e.parquet"], "whole": ["c.txt", "d.html"]}
    with pytest.raises(ConfigError, match="no such file"):
        input_files([str(tmp_path / "missing.jsonl")])


@pytest.mark.slow
def test_ray_gives_the_local_records_and_load_stores_them(extractor: Extractor, tmp_path: Path) -> None:
    local = {
        r.article.id: r.as_dict()
        for r in extractor.pipe(a for a in read_path(SAMPLE, Settings()) if isinstance(a, Article))
        if isinstance(r, ArticleRecord)
    }
    out = tmp_path / "records"
    run = subprocess.run(
        [str(EVENTLENS), "extract", str(SAMPLE), "--engine", "ray", "--workers", "2", "--output", str(out)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert run.returncode == 0, run.stderr
    assert f"{len(local)} records written" in run.stderr

    import pyarrow.dataset as pads

    table = pads.dataset(str(out), format="parquet").to_table()
    assert {"id": "string", "record": "string"}.items() <= {f.name: str(f.type) for f in table.schema}.items()
    remote = {row["id"]: json.loads(row["record"]) for row in table.to_pylist()}
    assert remote.keys() == local.keys()
    for article_id, record in local.items():
        assert remote[article_id] == record, f"Ray and local records differ for {article_id}"

    db = tmp_path / "ray.duckdb"
    load = subprocess.run([str(EVENTLENS), "load", str(out), "--db", str(db)], capture_output=True, text=True)
    assert load.returncode == 0, load.stderr
    with Store(db, read_only=True) as store:
        assert sorted(store.ids()) == sorted(local)
        some = next(iter(local))
        stored = store.record(some)
        assert stored is not None and stored.as_dict() == local[some]
