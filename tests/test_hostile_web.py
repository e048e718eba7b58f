"""The server never stuck (#16): clean connections, our own 400 for any unusable cursor, security headers on every
response (a forced 500 included, on a connection that stays open), streamed exports of which only a few run at once,
and one id rule for what the web takes.

The database is built by hand (no model): 40 articles of 6 events each, all different enough not to be copies.
"""

from __future__ import annotations

import asyncio
import base64
import http.client
import io
import json
import random
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import httpx
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fastapi import FastAPI

from eventlens.analyse.ingest_flow import IngestFlow
from eventlens.record import ActorRef, Article, ArticleRecord, DateValue, Event, Magnitude, Span
from eventlens.store import Store
from eventlens.web import create_app, exports
from eventlens.web.app import SECURITY_HEADERS
from eventlens.web.db import Database
from eventlens.web.server import RunningServer, serving

ARTICLES, EVENTS_EACH = 40, 6
WORDS = (
    "river valley northern southern harbour market council border village station bridge convoy ministry "
    "province capital coast airport factory district mountain highway school clinic tower square garrison"
).split()
STATES = [("RUS", "Russian"), ("UKR", "Ukrainian"), ("FRA", "French"), ("USA", "American"), ("ESP", "Spanish")]


def _article(n: int, rng: random.Random) -> ArticleRecord:
    sentences, spans = [], []
    pos = 0
    for k in range(EVENTS_EACH):
        (code, adjective), (code2, _) = rng.sample(STATES, 2)
        filler = " ".join(rng.choice(WORDS) for _ in range(8))
        sentence = f"{adjective} forces attacked the {filler} near post {n}-{k}. "
        sentences.append(sentence)
        spans.append((pos, sentence, code, code2))
        pos += len(sentence)
    text = "".join(sentences)
    events = []
    for k, (start, sentence, code, code2) in enumerate(spans):
        t = start + sentence.index("attacked")
        actor = ActorRef(code, code, None, sentence.split()[0], start, start + len(sentence.split()[0]))
        events.append(
            Event(
                id=str(k), type="ASSAULT", mode=None, quad="material_conflict", actor=actor,
                recipient=ActorRef(code2, code2, None, "post", t, t + 8), factuality="asserted", historical=False,
                date=DateValue("day", f"2022-03-{1 + n % 28:02d}", "day", "published"),
                location={"name": "Madrid", "geonameid": 3117735, "country": "ESP", "lat": 40.4, "lon": -3.7},
                magnitude=Magnitude(), trigger=Span(t, t + 8, "attacked"),
                sentence=Span(start, start + len(sentence) - 1, sentence[:-1]),
            )
        )  # fmt: skip
    published = f"2022-03-{1 + n % 28:02d}"
    return ArticleRecord(Article(text=text, id=f"art{n:03d}", title=f"Story {n}", published=published), events=events)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile_web") / "db.duckdb"
    rng = random.Random(16)
    with Store(path) as store:
        for n in range(ARTICLES):
            IngestFlow(store).add(_article(n, rng))
    return path


@pytest.fixture(scope="module")
def server(db: Path) -> Iterator[RunningServer]:
    app = create_app(db)

    @app.get("/api/boom", include_in_schema=False)
    def boom() -> None:
        raise RuntimeError("a bug, with a secret in its message")

    @app.get("/boom", include_in_schema=False)
    def boom_page() -> None:
        raise RuntimeError("a bug, with a secret in its message")

    with serving(app) as running:
        yield running


@pytest.fixture(scope="module")
def client(server: RunningServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, trust_env=False, timeout=30) as c:
        yield c


def assert_secure(headers: Any) -> None:
    found = httpx.Headers(headers)  # header names in any case
    for name, value in SECURITY_HEADERS.items():
        assert found.get(name) == value, name


# -- item 5: every request leaves its connection clean ------------------------------------------------------------
def test_hostile_health_then_every_export_answers(db: Path) -> None:
    with serving(create_app(db)) as running, httpx.Client(base_url=running.url, trust_env=False) as c:
        assert c.get("/api/health").status_code == 200
        for fmt in ("csv", "json", "parquet"):
            response = c.get(f"/export.{fmt}")
            assert response.status_code == 200, (fmt, response.text[:200])
            assert response.headers["x-eventlens-rows"] == str(ARTICLES * EVENTS_EACH)
        assert len(c.get("/export.json").json()) == ARTICLES * EVENTS_EACH


QUERY_PATHS = [
    "/api/health", "/api/articles", "/api/articles/art001", "/api/events", "/api/quotes", "/api/actors",
    "/api/stories", "/api/dyads", "/", "/timeline", "/network", "/map", "/articles", "/articles/art001",
    "/api/events?cursor=bad", "/api/articles/nothing",
]  # fmt: skip


def test_hostile_every_query_route_leaves_the_cursor_clean(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """All request threads share one cursor here: a route that left a result pending would make the next
    ``con.sql`` on it fail (what made every export answer 503 after /api/health). A writable server keeps its
    cursors between requests (a read-only one opens the file per request), so that is the one checked."""
    shared: dict[str, duckdb.DuckDBPyConnection] = {}

    def one_cursor(self: Database) -> duckdb.DuckDBPyConnection:
        if "cursor" not in shared:
            shared["cursor"] = self.connection().cursor()
        return shared["cursor"]

    monkeypatch.setattr(Database, "cursor", one_cursor)
    app = create_app(db, writable=True, token="t" * 20)
    try:
        with serving(app) as running, httpx.Client(base_url=running.url, trust_env=False) as c:
            for path in QUERY_PATHS:
                assert c.get(path).status_code in (200, 400, 404), path
                assert shared["cursor"].sql("SELECT 42").fetchall() == [(42,)], path
                assert c.get("/export.csv").status_code == 200, path
    finally:
        # The writer lets go of the file, as a server process does when it stops: DuckDB refuses a read-only open
        # in a process that still has the file open for writing.
        shared["cursor"].close()
        app.state.db.close()


# -- item 6: unusable cursors, security headers, a forced 500 -----------------------------------------------------
def cursor_of(data: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode().rstrip("=")


def raw_cursor(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


KEYSET = {"events": 2, "quotes": 2, "articles": 1}
OFFSET = ("actors", "stories", "dyads")
HUGE = 2**70


def hostile_cursors(kind: str) -> list[str]:
    if kind in OFFSET:
        keys = [f"[{k}]" for k in ("Infinity", "-Infinity", "NaN", "1e400", HUGE, -1, "true", '"5"', "1.5", "[]")]
        keys += ["[]", "[1,2]"]
    else:
        n = KEYSET[kind]

        def seqs(value: Any) -> str:
            return ",".join([str(value)] * n)

        keys = [f'["2022-03-01",{seqs(v)}]' for v in ("Infinity", "1e400", HUGE, -1, "true", '"x"', "null", "2.5")]
        keys += ['["9999-99-99",' + seqs(1) + "]", "[7," + seqs(1) + "]", '["2022-03-01"]', "[]"]
    return [raw_cursor(f'{{"t":"{kind}","k":{key}}}') for key in keys]


@pytest.mark.parametrize("kind", [*KEYSET, *OFFSET])
def test_hostile_unusable_cursors_are_our_own_400(client: httpx.Client, kind: str) -> None:
    for cursor in hostile_cursors(kind):
        response = client.get(f"/api/{kind}", params={"cursor": cursor})
        assert response.status_code == 400, (base64.urlsafe_b64decode(cursor + "==="), response.text)
        assert response.json()["error"]["message"] == f"invalid cursor for {kind}"
        assert_secure(response.headers)


def test_hostile_real_cursors_still_page(client: httpx.Client) -> None:
    for kind in [*KEYSET, *OFFSET]:
        first = client.get(f"/api/{kind}", params={"limit": 2}).json()
        if first["next"]:
            assert client.get(f"/api/{kind}", params={"limit": 2, "cursor": first["next"]}).status_code == 200


@pytest.mark.parametrize(
    ("path", "status"),
    [("/api/events", 200), ("/nowhere", 404), ("/api/events?limit=0", 422), ("/api/events?cursor=e30", 400),
     ("/api/articles/a%2Fb", 404), ("/static/app.js", 200), ("/export.csv", 200)],
)  # fmt: skip
def test_hostile_every_response_carries_the_security_headers(client: httpx.Client, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert_secure(response.headers)


@pytest.mark.parametrize(("path", "kind"), [("/api/boom", "application/json"), ("/boom", "text/html")])
def test_hostile_a_500_has_the_headers_and_keeps_the_connection(server: RunningServer, path: str, kind: str) -> None:
    host, port = server.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read().decode()
        assert response.status == 500 and kind in (response.getheader("content-type") or "")
        assert_secure(response.getheaders())
        assert "secret" not in body and "Traceback" not in body
        conn.request("GET", "/api/health")  # the same connection: still open after the 500
        again = conn.getresponse()
        assert again.status == 200 and json.loads(again.read())["ok"] is True
    finally:
        conn.close()


# -- item 7: streamed exports, a bounded number at once -----------------------------------------------------------
def asgi_get(app: FastAPI, path: str) -> tuple[int, dict[str, str], list[bytes]]:
    """Call the app in process and keep each body message apart (how many chunks the export was sent in)."""
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0", "spec_version": "2.4"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": path, "raw_path": path.encode(), "root_path": "", "query_string": b"",
        "headers": [(b"host", b"127.0.0.1")], "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
    }  # fmt: skip
    asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    start = messages[0]
    headers = {k.decode(): v.decode() for k, v in start["headers"]}
    return start["status"], headers, [m["body"] for m in messages[1:] if m.get("body")]


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_hostile_exports_are_streamed_in_batches(db: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    monkeypatch.setattr(exports, "BATCH_ROWS", 20)
    status, headers, chunks = asgi_get(create_app(db), f"/export.{fmt}")
    assert status == 200 and "content-length" not in headers
    total = sum(len(c) for c in chunks)
    assert len(chunks) >= ARTICLES * EVENTS_EACH // 20  # one chunk a batch: the table was never whole
    rows = chunks[:-1] if fmt == "parquet" else chunks  # (Parquet's last chunk is its footer: row group metadata)
    assert max(len(c) for c in rows) < total / 5
    assert_secure(headers)
    whole = b"".join(chunks)
    if fmt == "parquet":
        assert pq.read_table(pa.BufferReader(whole)).num_rows == ARTICLES * EVENTS_EACH
    elif fmt == "json":
        assert len(json.loads(whole)) == ARTICLES * EVENTS_EACH
    else:
        assert len(pd.read_csv(io.BytesIO(whole))) == ARTICLES * EVENTS_EACH


def test_hostile_export_is_chunked_over_http(client: httpx.Client) -> None:
    with client.stream("GET", "/export.json") as response:
        assert response.headers.get("transfer-encoding") == "chunked"
        assert "content-length" not in response.headers
        assert len(json.loads(response.read())) == ARTICLES * EVENTS_EACH


def test_hostile_export_slots_refuse_quickly_when_full(db: Path) -> None:
    app = create_app(db, max_exports=1)
    with serving(app) as running, httpx.Client(base_url=running.url, trust_env=False, timeout=30) as c:
        give_back = app.state.exports.take()  # an export still running
        response = c.get("/export.csv")
        # No slot is free and none will be until give_back(): a refusal that waited for one would time out instead.
        assert response.status_code == 503
        assert response.headers["retry-after"] == str(exports.RETRY_AFTER)
        assert_secure(response.headers)
        api = c.get("/api/export.csv")
        assert api.status_code == 404
        give_back()
        give_back()  # giving back twice frees one slot, not two
        assert c.get("/export.csv").status_code == 200
        assert c.get("/export.json").status_code == 200  # the slot came back after the first export


def test_hostile_concurrent_exports_are_bounded_and_the_api_answers(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = exports._json_chunks

    def slow(batches: Any, names: list[str]) -> Iterator[bytes]:
        for chunk in real(batches, names):
            time.sleep(0.05)
            yield chunk

    monkeypatch.setattr(exports, "_json_chunks", slow)
    monkeypatch.setattr(exports, "BATCH_ROWS", 10)  # 24 batches of 50 ms: each export takes over a second
    app = create_app(db, max_exports=2)
    results: list[tuple[int, float]] = []

    def export(c: httpx.Client) -> None:
        started = time.monotonic()
        response = c.get("/export.json")
        results.append((response.status_code, time.monotonic() - started))

    with serving(app) as running, httpx.Client(base_url=running.url, trust_env=False, timeout=60) as c:
        threads = [threading.Thread(target=export, args=(c,)) for _ in range(6)]
        for t in threads:
            t.start()
        time.sleep(0.3)
        assert c.get("/api/stories", params={"limit": 5}).status_code == 200
        # The API answered while the two admitted exports were still streaming: it did not wait behind them.
        answered_during_exports = any(t.is_alive() for t in threads)
        for t in threads:
            t.join(60)
        # Every slot is free again: a new export goes through.
        assert c.get("/export.csv").status_code == 200
    statuses = sorted(s for s, _ in results)
    assert statuses.count(200) == 2 and statuses.count(503) == 4, results
    # Refusals come back at once, not after a slot frees: each before either admitted export has finished.
    slowest_refusal = max(seconds for status, seconds in results if status == 503)
    assert slowest_refusal < min(seconds for status, seconds in results if status == 200), results
    assert answered_during_exports


# -- item 8: the web takes the ids ingest takes -------------------------------------------------------------------
@pytest.mark.parametrize("bad", ["a b", "x" * 129, "..", "-a", "a%2Fb"])
def test_hostile_ids_outside_the_rule_are_refused_by_the_web(client: httpx.Client, bad: str) -> None:
    response = client.get(f"/api/articles/{bad}")
    assert response.status_code in (404, 422)
    assert bad not in response.text
