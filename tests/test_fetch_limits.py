"""The fetcher's limits against misbehaving servers: stalls, endless bodies, bombs, redirect loops, error statuses.

Each server here misbehaves on purpose (on 127.0.0.1). A test runs the fetch in a thread and gives it a generous
join: a protection that stopped working shows as a fetch still running, not as a slow pass.
"""

from __future__ import annotations

import functools
import gzip
import threading
import time
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest

from eventlens.errors import FetchFailed, InputError, TooLargeInput
from eventlens.ingest.fetch import USER_AGENT, Fetched, Fetcher, FetchOptions

WEB = Path(__file__).parent / "fixtures" / "web"
Serve = Callable[..., str]
Handler = SimpleHTTPRequestHandler
#: A fetch that has not ended after this many seconds is hanging (the limits under test are a second or two).
HANG = 30.0


def fast_options(**changes: object) -> FetchOptions:
    """Small limits so a misbehaving server is cut off within a second or two."""
    base: dict[str, object] = {
        "connect_timeout": 2.0,
        "read_timeout": 2.0,
        "deadline": 4.0,
        "max_bytes": 200_000,
        "robots": False,
    }
    base.update(changes)
    return FetchOptions(**base)  # type: ignore[arg-type]


def fetch_in_thread(url: str, options: FetchOptions) -> Fetched | InputError:
    """Fetch ``url`` with ``options``; fail the test if it is still running after :data:`HANG` seconds."""
    outcome: list[Fetched | InputError] = []

    def run() -> None:
        with Fetcher(allow_private=True, options=options) as fetcher:
            try:
                outcome.append(fetcher.fetch(url))
            except InputError as e:
                outcome.append(e)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG)
    assert not thread.is_alive(), f"fetching {url} still running after {HANG:g} s: a limit is not enforced"
    return outcome[0]


def headers(handler: Handler, status: int = 200, **extra: str) -> None:
    handler.send_response(status)
    for name, value in extra.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.end_headers()


def stall_mid_body(handler: Handler) -> None:
    headers(handler, Content_Type="text/html", Content_Length="100000")
    handler.wfile.write(b"<html><body><p>The first bytes arrive, then nothing")
    handler.wfile.flush()
    time.sleep(HANG)


def trickle(handler: Handler) -> None:
    """A byte every tenth of a second, forever: never idle long enough for the read timeout."""
    headers(handler, Content_Type="text/html")
    for _ in range(int(HANG * 10)):
        handler.wfile.write(b"x")
        handler.wfile.flush()
        time.sleep(0.1)


def endless(handler: Handler) -> None:
    """A page that never ends, as fast as the client reads it."""
    headers(handler, Content_Type="text/html")
    chunk = b"<p>more news</p>" * 4096
    while True:
        handler.wfile.write(chunk)


def announced_huge(handler: Handler) -> None:
    headers(handler, Content_Type="text/html", Content_Length=str(50_000_000))
    handler.wfile.write(b"<html>")


@functools.cache
def bomb() -> bytes:
    """20 MB of zeros in about 20 KB, made once (compressing on each request could outlast the read timeout)."""
    return gzip.compress(b"\0" * 20_000_000, compresslevel=9)


def gzip_bomb(handler: Handler) -> None:
    body = bomb()
    headers(handler, Content_Type="text/html", Content_Encoding="gzip", Content_Length=str(len(body)))
    handler.wfile.write(body)


def truncated_gzip(handler: Handler) -> None:
    body = gzip.compress(b"<html><body><p>Russia and Ukraine held talks.</p></body></html>" * 50)
    cut = body[: len(body) // 2]
    headers(handler, Content_Type="text/html", Content_Encoding="gzip", Content_Length=str(len(cut)))
    handler.wfile.write(cut)


def cut_connection(handler: Handler) -> None:
    headers(handler, Content_Type="text/html", Content_Length="5000")
    handler.wfile.write(b"<html><body>only part of it")


def redirect(target: str) -> Callable[[Handler], None]:
    def answer(handler: Handler) -> None:
        headers(handler, 302, Location=target, Content_Length="0")

    return answer


def status(code: int) -> Callable[[Handler], None]:
    def answer(handler: Handler) -> None:
        headers(handler, code, Content_Length="0")

    return answer


ROUTES: dict[str, Callable[[Handler], None]] = {
    "/stall": stall_mid_body,
    "/trickle": trickle,
    "/endless": endless,
    "/announced-huge": announced_huge,
    "/gzip-bomb": gzip_bomb,
    "/truncated-gzip": truncated_gzip,
    "/cut": cut_connection,
    "/loop": redirect("/loop"),
    "/404": status(404),
    "/500": status(500),
    "/teapot": status(418),
    **{f"/hop{i}": redirect(f"/hop{i + 1}" if i < 6 else "/article1.html") for i in range(7)},
}


@pytest.mark.parametrize(
    ("path", "error", "reason"),
    [
        ("/stall", FetchFailed, "timed out waiting for data"),
        ("/trickle", FetchFailed, "fetch deadline"),
        ("/endless", TooLargeInput, "over the limit of 200,000 bytes"),
        ("/announced-huge", TooLargeInput, "50,000,000 bytes announced"),
        ("/gzip-bomb", TooLargeInput, "over the limit of 200,000 bytes"),
        ("/truncated-gzip", FetchFailed, "truncated gzip body"),
        ("/cut", FetchFailed, "network error"),
        ("/loop", FetchFailed, "too many redirects (more than 5)"),
        ("/hop0", FetchFailed, "too many redirects"),  # 7 redirects
        ("/404", FetchFailed, "HTTP 404"),
        ("/500", FetchFailed, "HTTP 500"),
        ("/teapot", FetchFailed, "HTTP 418"),
        ("/no-such-page.html", FetchFailed, "HTTP 404"),
    ],
)
def test_misbehaving_server_is_cut_off_with_a_reason(
    http_server: Serve, path: str, error: type[InputError], reason: str
) -> None:
    bomb()  # made before the clock of the fetch starts
    base = http_server(WEB, ROUTES)
    outcome = fetch_in_thread(base + path, fast_options())
    assert isinstance(outcome, error), outcome
    assert reason in outcome.reason
    assert outcome.source == base + path  # the reason names the URL the user gave
    assert "\n" not in str(outcome)


def test_five_redirects_are_followed(http_server: Serve) -> None:
    base = http_server(WEB, ROUTES)
    outcome = fetch_in_thread(f"{base}/hop2", fast_options())  # hop2 → … → hop6 → article1.html: 5 redirects
    assert isinstance(outcome, Fetched)
    assert outcome.final_url == f"{base}/article1.html" and b"Besigye" in outcome.content


def test_gzip_pages_are_decoded(http_server: Serve) -> None:
    page = gzip.compress((WEB / "article1.html").read_bytes())

    def gzipped(handler: Handler) -> None:
        headers(handler, Content_Type="text/html", Content_Encoding="gzip", Content_Length=str(len(page)))
        handler.wfile.write(page)

    base = http_server(WEB, {"/gz": gzipped})
    outcome = fetch_in_thread(f"{base}/gz", fast_options())
    assert isinstance(outcome, Fetched) and outcome.content == (WEB / "article1.html").read_bytes()


def test_user_agent_is_honest(http_server: Serve) -> None:
    seen: list[str] = []

    def record(handler: Handler) -> None:
        seen.append(handler.headers.get("User-Agent", ""))
        headers(handler, Content_Type="text/plain", Content_Length="2")
        handler.wfile.write(b"ok")

    base = http_server(WEB, {"/ua": record})
    fetch_in_thread(f"{base}/ua", fast_options())
    assert seen == [USER_AGENT]
    assert seen[0].startswith("eventlens/") and "robots.txt" in seen[0]
