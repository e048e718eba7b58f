"""Hostile requests (#8): each protection has a test that fails when the protection is removed.

- the server binds 127.0.0.1 by default and says so, and answers only to loopback host names (DNS rebinding);
- the one writing endpoint needs the server's token, and a read-only server refuses it;
- every query parameter is validated, and SQL in any filter is data, never code (bound parameters);
- no route serves a file outside the static folder, whatever the path's encoding;
- responses are bounded: limits are capped, long or repeated values refused, exports truncated with a header;
- pages load nothing from elsewhere (Content-Security-Policy) and reflect no input unescaped.
"""

from __future__ import annotations

import http.client
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from eventlens.cli import app as cli_app
from eventlens.extract import Extractor
from eventlens.web import create_app, exports
from eventlens.web.server import RunningServer, serving
from tests.support.web import build_synthetic_db, copy_db

SECRETS_ON_DISK = ("[project]", "root:x:0", "import ", "CREATE TABLE")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_synthetic_db(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def server(db: Path) -> Iterator[RunningServer]:
    with serving(create_app(db)) as running:
        yield running


@pytest.fixture(scope="module")
def client(server: RunningServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, trust_env=False, timeout=30) as c:
        yield c


def counts(client: httpx.Client) -> tuple[int, int]:
    events = client.get("/api/events", params={"limit": 500}).json()["items"]
    articles = client.get("/api/articles", params={"limit": 500}).json()["items"]
    return len(events), len(articles)


INJECTIONS = [
    "' OR '1'='1",
    "' OR 1=1 --",
    '" OR ""="',
    "x'); DROP TABLE events; --",
    "%' OR 'x' LIKE '%",
    "') UNION SELECT id, text FROM articles --",
    "1; DELETE FROM articles",
    "RUS' --",
    "\\'; SELECT 1; --",
]
FREE_TEXT = ["q", "actor", "place"]
TYPED = ["type", "quad", "factuality", "since", "until", "story", "cursor", "limit"]


@pytest.mark.parametrize("payload", INJECTIONS)
@pytest.mark.parametrize("param", FREE_TEXT)
@pytest.mark.parametrize("path", ["/api/events", "/api/articles", "/api/quotes", "/api/dyads", "/api/actors"])
def test_hostile_sql_in_free_text_filters_is_matched_as_text(
    client: httpx.Client, path: str, param: str, payload: str
) -> None:
    # Bound as a parameter, the payload is a string nobody wrote: nothing matches. Spliced into SQL, it would
    # match everything (OR 1=1), fail to parse (500) or run a second statement.
    response = client.get(path, params={param: payload, "limit": 500})
    assert response.status_code == 200, response.text
    assert response.json()["items"] == []


@pytest.mark.parametrize("payload", INJECTIONS)
@pytest.mark.parametrize("param", TYPED)
def test_hostile_sql_in_typed_filters_is_refused(client: httpx.Client, param: str, payload: str) -> None:
    response = client.get("/api/events", params={param: payload})
    assert response.status_code in (400, 422), response.text
    assert response.json()["error"]["code"] in ("invalid_parameter", "bad_request")


@pytest.mark.parametrize("payload", INJECTIONS)
def test_hostile_sql_in_an_article_id_finds_nothing(client: httpx.Client, payload: str) -> None:
    response = client.get(f"/api/articles/{payload}")
    assert response.status_code in (404, 422)


@pytest.mark.parametrize("payload", INJECTIONS)
@pytest.mark.parametrize("page", ["/", "/timeline", "/network", "/map", "/articles", "/export.csv"])
def test_hostile_sql_in_page_filters(client: httpx.Client, page: str, payload: str) -> None:
    response = client.get(page, params={"actor": payload, "q": payload})
    assert response.status_code == 200
    if page == "/export.csv":
        assert response.headers["x-eventlens-rows"] == "0"


def test_hostile_requests_leave_the_database_as_it_was(client: httpx.Client) -> None:
    before = counts(client)
    for payload in INJECTIONS:
        for param in FREE_TEXT + TYPED:
            client.get("/api/events", params={param: payload})
    assert counts(client) == before
    assert before[0] > 0


TRAVERSALS = [
    "/static/../pyproject.toml",
    "/static/../../pyproject.toml",
    "/static/../../../pyproject.toml",
    "/static/..%2f..%2f..%2fpyproject.toml",
    "/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
    "/static/%252e%252e/%252e%252e/pyproject.toml",
    "/static/vendor/../../../../pyproject.toml",
    "/static/..\\..\\..\\pyproject.toml",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/../web/app.py",
    "/static/../app.py",
    "/static/../../store/schema.py",
    "/articles/../../../etc/passwd",
    "/articles/..%2f..%2f..%2fetc%2fpasswd",
    "/api/articles/..%2f..%2fpyproject.toml",
    "/export.csv/../../pyproject.toml",
    "/docs/../../etc/passwd",
]


@pytest.mark.parametrize("raw_path", TRAVERSALS)
def test_hostile_paths_never_serve_files_outside_static(server: RunningServer, raw_path: str) -> None:
    # http.client sends the path as written (httpx would normalise the dots away before sending).
    host, port = server.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.request("GET", raw_path)
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
    finally:
        conn.close()
    assert response.status in (400, 404, 422), (raw_path, response.status)
    for secret in SECRETS_ON_DISK:
        assert secret not in body


def test_hostile_static_files_still_served(client: httpx.Client) -> None:
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/app.css").headers["content-type"].startswith("text/css")


@pytest.mark.parametrize("host", ["evil.example", "attacker.test:8000", "192.168.1.10", "localhost.evil.example"])
def test_hostile_host_header_refused_dns_rebinding(client: httpx.Client, host: str) -> None:
    response = client.get("/api/events", headers={"Host": host})
    assert response.status_code == 400


def test_hostile_loopback_host_names_answered(server: RunningServer) -> None:
    port = server.url.rsplit(":", 1)[1]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
        response = httpx.get(server.url + "/api/health", headers={"Host": host}, trust_env=False)
        assert response.status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 501},
        {"limit": 10**9},
        {"limit": -1},
        {"q": "x" * 201},
        {"actor": "x" * 201},
        {"place": "x" * 201},
        {"actor": [f"A{i}" for i in range(11)]},
        {"cursor": "A" * 513},
        {"story": "s" * 129},
    ],
)
def test_hostile_oversized_requests_refused(client: httpx.Client, params: dict[str, Any]) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_parameter"


def test_hostile_largest_page_is_bounded(client: httpx.Client) -> None:
    body = client.get("/api/events", params={"limit": 500}).json()
    assert len(body["items"]) <= 500


def test_hostile_export_is_truncated_and_says_so(client: httpx.Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exports, "MAX_ROWS", 25)
    response = client.get("/export.csv")
    assert response.status_code == 200
    assert response.headers["x-eventlens-rows"] == "25"
    assert "x-eventlens-truncated" in response.headers
    assert len(response.text.strip().splitlines()) == 26  # header + 25 rows


def test_hostile_pages_forbid_outside_resources(client: httpx.Client) -> None:
    for path in ("/", "/timeline", "/network", "/map", "/articles", "/docs", "/api/events"):
        response = client.get(path)
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "connect-src 'self'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        if response.headers["content-type"].startswith("text/html"):
            # No script, style or image comes from anywhere but this server.
            assert not re.search(r"""(src|href)=["'](https?:)?//""", response.text), path


def test_hostile_markup_in_filters_is_escaped(client: httpx.Client) -> None:
    payload = '"><script>alert(1)</script>'
    for path in ("/", "/timeline", "/articles"):
        text = client.get(path, params={"q": payload}).text
        assert "<script>alert(1)</script>" not in text
        assert "&lt;script&gt;" in text or "%3Cscript%3E" in text


def test_hostile_errors_reflect_no_input(client: httpx.Client) -> None:
    response = client.get("/api/events", params={"type": "<script>x</script>"})
    assert "<script>" not in response.text


# -- the writing endpoint ---------------------------------------------------------------------------------------
ARTICLE = {
    "id": "hostile-test-article",
    "title": "Talks in Geneva",
    "published": "2022-01-19",
    "text": "Russia and Ukraine held talks in Geneva on Friday. The United States urged Russia to withdraw its troops.",
}


@pytest.fixture()
def writable(db: Path, tmp_path: Path, extractor: Extractor) -> Iterator[tuple[httpx.Client, str]]:
    token = "test-token-0123456789abcdef"
    app = create_app(copy_db(db, tmp_path / "w.duckdb"), writable=True, token=token)
    app.state.ingestor._extractor = extractor  # the session's pipeline: no second model load
    with serving(app) as running, httpx.Client(base_url=running.url, trust_env=False, timeout=60) as c:
        yield c, token


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic dGVzdDp0ZXN0"}, {"Authorization": "Bearer"}],
)
def test_hostile_ingest_without_the_token_is_refused(
    writable: tuple[httpx.Client, str], headers: dict[str, str]
) -> None:
    client, _ = writable
    response = client.post("/api/ingest", json=ARTICLE, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert client.get(f"/api/articles/{ARTICLE['id']}").status_code == 404


def test_hostile_ingest_with_the_token_stores_the_article(writable: tuple[httpx.Client, str]) -> None:
    client, token = writable
    response = client.post("/api/ingest", json=ARTICLE, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201, response.text
    assert response.json()["article_id"] == ARTICLE["id"]
    record = client.get(f"/api/articles/{ARTICLE['id']}").json()
    assert record["article"]["text"] == ARTICLE["text"]
    again = client.post("/api/ingest", json=ARTICLE, headers={"Authorization": f"Bearer {token}"})
    assert again.json()["status"] == "unchanged"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"not json", 422),
        (b'{"text": ""}', 422),
        (b'{"text": "Hello.", "sql": "DROP TABLE events"}', 422),
        (b'{"title": "no text"}', 422),
    ],
)
def test_hostile_ingest_bad_bodies_refused(writable: tuple[httpx.Client, str], body: bytes, status: int) -> None:
    client, token = writable
    response = client.post("/api/ingest", content=body, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == status
    assert response.json()["error"]["status"] == status


def test_hostile_ingest_body_size_bounded(writable: tuple[httpx.Client, str]) -> None:
    client, token = writable
    big = b'{"text": "' + b"a" * 3_000_000 + b'"}'
    response = client.post("/api/ingest", content=big, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 413


def test_hostile_read_only_server_refuses_writes(server: RunningServer) -> None:
    token = "irrelevant"
    response = httpx.post(
        server.url + "/api/ingest", json=ARTICLE, headers={"Authorization": f"Bearer {token}"}, trust_env=False
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "read_only"


# -- binding --------------------------------------------------------------------------------------------------
def test_hostile_serve_binds_loopback_by_default_and_says_so(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import eventlens.web.server as web_server

    seen: dict[str, Any] = {}

    class FakeServer:
        def run(self) -> None:
            seen["ran"] = True

    def fake_make_server(app: Any, *, host: str, port: int) -> FakeServer:
        seen.update(host=host, port=port)
        return FakeServer()

    monkeypatch.setattr(web_server, "make_server", fake_make_server)
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(db), "--port", "8765"])
    assert result.exit_code == 0, result.output
    assert seen == {"host": "127.0.0.1", "port": 8765, "ran": True}
    assert "127.0.0.1" in result.output and "this machine only" in result.output


def test_hostile_serve_help_names_the_default_bind() -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "127.0.0.1" in result.output
