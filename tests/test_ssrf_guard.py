"""The SSRF guard: URLs from outside may not reach private, loopback or link-local addresses, nor other schemes.

Nothing here reaches the internet: refused URLs are refused before any connection, and the allowed ones are served
by the local test server on 127.0.0.1.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest

from eventlens.config import Settings
from eventlens.errors import FetchFailed, InputError
from eventlens.ingest.fetch import Fetcher, FetchOptions
from eventlens.ingest.netguard import NetGuard, address_problem
from eventlens.ingest.sources import read_sources
from eventlens.record import Article

WEB = Path(__file__).parent / "fixtures" / "web"
Serve = Callable[..., str]


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://localhost:8080/admin", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),  # IPv4 loopback dressed as IPv6
        ("http://2130706433/", "loopback"),  # 127.0.0.1 written as one decimal number
        ("http://0.0.0.0:80/", "unspecified"),
        ("http://10.1.2.3/", "private"),
        ("http://192.168.1.1/router", "private"),
        ("http://172.16.0.5/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),  # cloud metadata service
        ("http://[fe80::1]/", "link-local"),
        ("http://100.64.0.1/", "non-public"),  # carrier-grade NAT
        ("http://224.0.0.1/", "multicast"),
        ("file:///etc/passwd", "only http and https"),
        ("ftp://example.org/file", "only http and https"),
        ("gopher://127.0.0.1:25/", "only http and https"),
        ("javascript:alert(1)", "only http and https"),
        ("http:///no-host", "no host"),
    ],
)
def test_guard_refuses_private_addresses_and_other_schemes(url: str, why: str) -> None:
    with pytest.raises(FetchFailed) as caught:
        NetGuard.make().check_url(url)
    assert why in caught.value.reason
    assert caught.value.source == url
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("address", "problem"),
    [("8.8.8.8", None), ("2606:4700:4700::1111", None), ("127.0.0.53", "loopback"), ("::", "unspecified")],
)
def test_address_classification(address: str, problem: str | None) -> None:
    assert address_problem(ipaddress.ip_address(address)) == problem


def test_allow_private_lets_local_addresses_through() -> None:
    NetGuard.make(allow_private=True).check_url("http://127.0.0.1:9/")  # no exception


def test_allow_private_never_allows_other_schemes() -> None:
    with pytest.raises(FetchFailed, match="only http and https"):
        NetGuard.make(allow_private=True).check_url("file:///etc/passwd")


def _fetcher(**extra: object) -> Fetcher:
    return Fetcher(options=FetchOptions(robots=False, **extra))  # type: ignore[arg-type]


def test_local_server_refused_without_allow_private(http_server: Serve) -> None:
    base = http_server(WEB)
    with Fetcher(Settings()) as fetcher, pytest.raises(FetchFailed, match="loopback"):
        fetcher.fetch(f"{base}/article1.html")


def test_local_server_fetched_with_allow_private(http_server: Serve) -> None:
    base = http_server(WEB)
    with Fetcher(Settings(), allow_private=True) as fetcher:
        page = fetcher.fetch(f"{base}/article1.html")
    assert page.status == 200 and b"Besigye" in page.content


def _redirect(target: str) -> Callable[[SimpleHTTPRequestHandler], None]:
    def answer(handler: SimpleHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", target)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return answer


def test_every_redirect_is_checked_again(http_server: Serve) -> None:
    """127.0.0.1 is allowed by name; its redirect to ``localhost`` (the same machine, another name) is not."""

    def to_localhost(handler: SimpleHTTPRequestHandler) -> None:
        _redirect(f"http://localhost:{handler.server.server_address[1]}/article1.html")(handler)

    base = http_server(WEB, {"/go": to_localhost})
    with _fetcher(allow_hosts=("127.0.0.1",)) as fetcher:
        assert fetcher.fetch(f"{base}/article1.html").status == 200  # the allowed name works
        with pytest.raises(FetchFailed) as caught:
            fetcher.fetch(f"{base}/go")
    assert "localhost (127.0.0.1) is a loopback address" in caught.value.reason


def test_redirect_to_another_scheme_is_refused_even_when_private_is_allowed(http_server: Serve) -> None:
    base = http_server(WEB, {"/leak": _redirect("file:///etc/passwd")})
    with Fetcher(Settings(), allow_private=True) as fetcher, pytest.raises(FetchFailed, match="only http and https"):
        fetcher.fetch(f"{base}/leak")


def test_connect_time_check_stops_dns_rebinding(http_server: Serve, monkeypatch: pytest.MonkeyPatch) -> None:
    """If a name passed the URL check and then resolved to a private address, the socket is still refused."""
    base = http_server(WEB)
    monkeypatch.setattr(NetGuard, "check_url", lambda self, url: None)  # the first lookup said "public"
    with Fetcher(Settings()) as fetcher, pytest.raises(FetchFailed, match="loopback"):
        fetcher.fetch(f"{base}/article1.html")


def test_feed_entries_pointing_inside_are_refused(http_server: Serve, tmp_path: Path) -> None:
    """A feed on an allowed host cannot send eventlens to other local addresses through its entries."""
    base = http_server(WEB)
    port = base.rsplit(":", 1)[1]
    feed = tmp_path / "inside.rss"
    feed.write_text(
        f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Inside</title>
        <item><title>Fine</title><link>{base}/article1.html</link><guid>1</guid></item>
        <item><title>Metadata</title><link>http://169.254.169.254/latest/meta-data/</link><guid>2</guid></item>
        <item><title>Loopback by name</title><link>http://localhost:{port}/article2.html</link><guid>3</guid></item>
        <item><title>File</title><link>file:///etc/passwd</link><guid>4</guid></item>
        </channel></rss>""",
        encoding="utf-8",
    )
    settings = Settings(fetch_allow_hosts=("127.0.0.1",), fetch_robots=False)
    results = list(read_sources([str(feed)], settings))
    articles = [r for r in results if isinstance(r, Article)]
    refused = {r.source: r.reason for r in results if isinstance(r, InputError)}
    assert [a.url for a in articles] == [f"{base}/article1.html"]
    assert "link-local" in refused["http://169.254.169.254/latest/meta-data/"]
    assert "loopback" in refused[f"http://localhost:{port}/article2.html"]
    (file_refusal,) = (reason for source, reason in refused.items() if source.startswith("file:"))
    assert "only http and https" in file_refusal


def test_command_line_urls_are_guarded_too(http_server: Serve) -> None:
    base = http_server(WEB)
    (result,) = read_sources([f"{base}/feed.rss"], Settings())
    assert isinstance(result, FetchFailed) and "loopback" in result.reason
