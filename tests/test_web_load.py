"""Load (#8): concurrent clients against a real server on 127.0.0.1 get no error, while articles are ingested.

A bounded version of scripts/load_test.py (which runs 50 clients for 60 s): a few clients for a few seconds. It
asserts no error and nothing lost, never a time (speed belongs to the benchmark).
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import httpx
import pytest

from benchmarks.loadgen import DEFAULT_PATHS, run_load
from eventlens.extract import Extractor
from eventlens.web import create_app
from eventlens.web.server import serving
from tests.support.web import build_synthetic_db, copy_db, sample_articles

pytestmark = pytest.mark.slow


def test_web_load_concurrent_clients_get_no_error(tmp_path_factory: pytest.TempPathFactory) -> None:
    db = build_synthetic_db(tmp_path_factory.mktemp("load"))
    with serving(create_app(db)) as running:
        result = run_load(running.url, clients=10, seconds=5)
    summary = result.summary()
    assert summary["errors"] == 0, summary["error_kinds"]
    assert summary["requests"] >= len(DEFAULT_PATHS)
    assert 0 < summary["p50_ms"] <= summary["p95_ms"]


def test_web_load_ingest_during_reads_loses_nothing(tmp_path: Path, extractor: Extractor) -> None:
    db = copy_db(build_synthetic_db(tmp_path / "src"), tmp_path / "live.duckdb")
    token = "load-test-token-0123456789"
    app = create_app(db, writable=True, token=token)
    app.state.ingestor._extractor = extractor
    articles = sample_articles()[:4]
    statuses: list[int] = []

    with serving(app) as running:

        def write() -> None:
            with httpx.Client(base_url=running.url, trust_env=False, timeout=120) as client:
                for article in articles:
                    body = {k: v for k, v in article.as_dict().items() if v is not None and k != "language"}
                    response = client.post(
                        "/api/ingest", content=json.dumps(body), headers={"Authorization": f"Bearer {token}"}
                    )
                    statuses.append(response.status_code)

        writer = threading.Thread(target=write)
        writer.start()
        result = run_load(running.url, clients=6, seconds=4)
        writer.join(300)
        with httpx.Client(base_url=running.url, trust_env=False) as client:
            stored = [client.get(f"/api/articles/{a.id}").status_code for a in articles]
    assert result.summary()["errors"] == 0, result.summary()["error_kinds"]
    assert statuses == [201] * len(articles)
    assert stored == [200] * len(articles)
