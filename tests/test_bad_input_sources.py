"""Bad input on the ingest path (read_sources): hostile feeds and lists, bad pages by URL; the batch goes on."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from eventlens.config import Settings
from eventlens.errors import InputError
from eventlens.ingest.sources import read_sources
from eventlens.record import Article

WEB = Path(__file__).parent / "fixtures" / "web"
Serve = Callable[..., str]
GOOD = "Russian troops massed near the border with Ukraine on Tuesday, officials in Kyiv said.\n"
GOOD2 = "NATO foreign ministers met in Brussels on Friday to discuss the crisis, diplomats said.\n"


def read(items: list[str], settings: Settings | None = None) -> tuple[list[Article], list[InputError]]:
    results = list(read_sources(items, settings or Settings(), allow_private=True))
    return [r for r in results if isinstance(r, Article)], [r for r in results if isinstance(r, InputError)]


def around(tmp_path: Path, *middle: str) -> list[str]:
    """``good.txt, *middle, good2.txt``."""
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "good2.txt").write_text(GOOD2, encoding="utf-8")
    return [str(tmp_path / "good.txt"), *middle, str(tmp_path / "good2.txt")]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("bomb.rss", "refused: the XML declares entities"),
        ("xxe.rss", "refused: the XML declares entities"),
        ("malformed.rss", "not a readable feed"),
    ],
)
def test_hostile_feed_files_and_urls(http_server: Serve, tmp_path: Path, name: str, reason: str) -> None:
    base = http_server(WEB)
    local = tmp_path / name
    shutil.copy(WEB / name, local)
    articles, errors = read(around(tmp_path, str(local), f"{base}/{name}"))
    assert [a.text for a in articles] == [GOOD, GOOD2]
    assert [e.source for e in errors] == [str(local), f"{base}/{name}"]
    assert all(reason in e.reason for e in errors)


def test_bomb_is_refused_without_expanding_it(tmp_path: Path) -> None:
    """A billion-laughs feed would expand to ~3 GB; it is refused from its prolog, its entity never expanded."""
    local = tmp_path / "bomb.rss"
    shutil.copy(WEB / "bomb.rss", local)
    _, (error,) = read([str(local)])
    assert "lol" not in error.reason and len(str(error)) < 200


def test_opml_listing_itself_in_a_batch(http_server: Serve, tmp_path: Path) -> None:
    base = http_server(WEB)
    articles, errors = read(around(tmp_path, f"{base}/self.opml"))
    assert articles[0].text == GOOD and articles[-1].text == GOOD2
    assert len(articles) == 5  # good, the 3 articles of the feed the list names, good2
    assert [e.reason.split(":")[0] for e in errors] == ["OPML cycle"]


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(256), "image/png", "binary data"),
        ("Café talks in Genève ended.".encode("latin-1"), "text/plain", "not valid UTF-8"),
        (b"", "text/plain", "empty text"),
        (b"<html><body>" + b"<div>" * 100_000 + GOOD.encode() + b"</div>" * 100_000, "text/html", "nested"),
        (b"<html><head><script>var x = 1;</script></head><body></body></html>", "text/html", "no article text"),
    ],
)
def test_bad_pages_by_url(http_server: Serve, tmp_path: Path, body: bytes, content_type: str, reason: str) -> None:
    def answer(handler: object) -> None:
        h = handler  # a SimpleHTTPRequestHandler
        h.send_response(200)  # type: ignore[attr-defined]
        h.send_header("Content-Type", content_type)  # type: ignore[attr-defined]
        h.send_header("Content-Length", str(len(body)))  # type: ignore[attr-defined]
        h.end_headers()  # type: ignore[attr-defined]
        h.wfile.write(body)  # type: ignore[attr-defined]

    base = http_server(WEB, {"/bad": answer})
    articles, errors = read(around(tmp_path, f"{base}/bad"))
    assert [a.text for a in articles] == [GOOD, GOOD2]
    assert len(errors) == 1 and errors[0].source == f"{base}/bad" and reason in errors[0].reason


def test_50_mb_page_is_refused_before_it_is_read(http_server: Serve, tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    with open(folder / "huge.html", "wb") as f:
        f.write(b"<html><body>")
        f.truncate(50_000_000)
    base = http_server(folder)
    articles, errors = read(around(tmp_path, f"{base}/huge.html"))
    assert len(articles) == 2
    assert "50,000,000 bytes announced, over the limit of 10,000,000" in errors[0].reason
