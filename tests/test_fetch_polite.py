"""Polite fetching: robots.txt is obeyed (and read once per site), conditional requests skip what has not changed,
and the fetch state survives between runs."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest

from eventlens.errors import FetchFailed
from eventlens.ingest.fetch import SEEN_PER_FEED, Fetcher, FetchOptions, FetchState

WEB = Path(__file__).parent / "fixtures" / "web"
Serve = Callable[..., str]
PAGE = "<html><body><p>News.</p></body></html>"


def site(tmp_path: Path, robots: str | None) -> Path:
    """A small site: /public.html, /private/secret.html, and a robots.txt if given."""
    (tmp_path / "private").mkdir()
    (tmp_path / "public.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "private" / "secret.html").write_text(PAGE, encoding="utf-8")
    if robots is not None:
        (tmp_path / "robots.txt").write_text(robots, encoding="utf-8")
    return tmp_path


def fetcher(state: FetchState | None = None) -> Fetcher:
    return Fetcher(allow_private=True, state=state, options=FetchOptions(read_timeout=5, deadline=10))


@pytest.mark.parametrize(
    ("robots", "path", "allowed"),
    [
        ("User-agent: eventlens\nDisallow: /private/\n", "/public.html", True),
        ("User-agent: eventlens\nDisallow: /private/\n", "/private/secret.html", False),
        ("User-agent: *\nDisallow: /\n", "/public.html", False),
        ("User-agent: SomeOtherBot\nDisallow: /\n", "/public.html", True),
        (None, "/private/secret.html", True),  # no robots.txt (404): everything allowed
    ],
)
def test_robots_txt_is_obeyed(http_server: Serve, tmp_path: Path, robots: str | None, path: str, allowed: bool) -> None:
    base = http_server(site(tmp_path, robots))
    with fetcher() as f:
        if allowed:
            assert f.fetch(base + path).status == 200
        else:
            with pytest.raises(FetchFailed, match="robots.txt of .* disallows"):
                f.fetch(base + path)


def test_robots_txt_server_error_means_not_fetched(http_server: Serve, tmp_path: Path) -> None:
    def broken(handler: SimpleHTTPRequestHandler) -> None:
        handler.send_response(503)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    base = http_server(site(tmp_path, None), {"/robots.txt": broken})
    with fetcher() as f, pytest.raises(FetchFailed, match=r"robots.txt of .* unavailable \(HTTP 503"):
        f.fetch(f"{base}/public.html")


def test_robots_txt_is_read_once_per_site(http_server: Serve, tmp_path: Path) -> None:
    asked: list[str] = []

    def robots(handler: SimpleHTTPRequestHandler) -> None:
        asked.append(handler.path)
        body = b"User-agent: *\nDisallow: /private/\n"
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    base = http_server(site(tmp_path, None), {"/robots.txt": robots})
    with fetcher() as f:
        for _ in range(3):
            f.fetch(f"{base}/public.html")
    assert asked == ["/robots.txt"]


def test_unchanged_page_answers_304_and_nothing_is_read(http_server: Serve, tmp_path: Path) -> None:
    state = FetchState(tmp_path / "state.json")
    base = http_server(WEB)
    url = f"{base}/feed.rss"
    with fetcher(state) as f:
        first = f.fetch(url)
        etag, modified = state.validators(url)
        second = f.fetch(url)
        unconditional = f.fetch(url, conditional=False)
    assert first.status == 200 and etag and modified
    assert second.not_modified and second.content == b""
    assert unconditional.status == 200 and unconditional.content == first.content


def test_changed_page_is_read_again(http_server: Serve, tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    page = folder / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    state = FetchState()
    base = http_server(folder)
    with fetcher(state) as f:
        assert f.fetch(f"{base}/page.html").status == 200
        page.write_text(PAGE.replace("News", "Newer news"), encoding="utf-8")
        os.utime(page, (page.stat().st_atime, page.stat().st_mtime + 10))
        again = f.fetch(f"{base}/page.html")
    assert again.status == 200 and b"Newer news" in again.content


def test_state_round_trips_through_its_file(tmp_path: Path) -> None:
    path = tmp_path / "watch" / "state.json"
    state = FetchState(path)
    state.remember("https://example.org/rss", '"abc"', "Wed, 19 Jan 2022 10:00:00 GMT")
    state.mark_seen("https://example.org/rss", "entry-1")
    state.save()
    loaded = FetchState.load(path)
    assert loaded.validators("https://example.org/rss") == ('"abc"', "Wed, 19 Jan 2022 10:00:00 GMT")
    assert loaded.is_seen("https://example.org/rss", "entry-1")
    assert not loaded.is_seen("https://example.org/rss", "entry-2")
    assert [p.name for p in path.parent.iterdir()] == ["state.json"]  # no temporary file left behind


@pytest.mark.parametrize("content", ["", "{not json", "[1, 2]", '{"validators": {}, "seen": {}}'])
def test_missing_or_damaged_state_starts_afresh(tmp_path: Path, content: str) -> None:
    path = tmp_path / "state.json"
    path.write_text(content, encoding="utf-8")
    state = FetchState.load(path)
    assert state.validators("https://example.org/") == (None, None)
    state.save()
    assert json.loads(path.read_text(encoding="utf-8")) == {"validators": {}, "seen": {}}


def test_seen_ids_are_capped_per_feed() -> None:
    state = FetchState()
    for i in range(SEEN_PER_FEED + 5):
        state.mark_seen("feed", f"id-{i}")
    assert not state.is_seen("feed", "id-0") and state.is_seen("feed", f"id-{SEEN_PER_FEED + 4}")
