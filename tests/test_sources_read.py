"""read_sources: pages, feeds, OPML lists, files and folders from one list of items, from a server on 127.0.0.1."""

from __future__ import annotations

import io
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from eventlens.config import Settings
from eventlens.errors import FetchFailed, InputError, NotEnglish
from eventlens.ingest.fetch import FetchState
from eventlens.ingest.sources import read_sources
from eventlens.record import Article

WEB = Path(__file__).parent / "fixtures" / "web"
Serve = Callable[..., str]
SETTINGS = Settings()


def read(items: list[str], state: FetchState | None = None) -> tuple[list[Article], dict[str, str]]:
    """Articles, and the reason for each input that failed (by source)."""
    articles: list[Article] = []
    errors: dict[str, str] = {}
    for result in read_sources(items, SETTINGS, allow_private=True, state=state):
        if isinstance(result, InputError):
            errors[result.source] = result.reason
        else:
            articles.append(result)
    return articles, errors


def site(tmp_path: Path) -> Path:
    """A copy of the fixture site that a test may change."""
    folder = tmp_path / "site"
    shutil.copytree(WEB, folder)
    return folder


def test_opml_to_articles_with_metadata(http_server: Serve) -> None:
    base = http_server(WEB)
    articles, errors = read([f"{base}/feeds.opml"])
    by_url = {a.url: a for a in articles}
    # article2 is in both feeds: read once.
    assert sorted(by_url) == [f"{base}/article{i}.html" for i in (1, 2, 3)]
    assert errors == {f"{base}/gone.html": "HTTP 404 File not found"}
    nigeria = by_url[f"{base}/article3.html"]
    assert nigeria.title == "With Trains of Cattle, Nigeria Eyes Railroad Revival"  # the page's title
    assert nigeria.published == "2016-09-08"  # the page has no date: the feed entry's
    assert nigeria.source == "Voice of America"
    assert nigeria.text.startswith("ABUJA") or "cattle" in nigeria.text.lower()
    assert "About us" not in nigeria.text  # boilerplate removed by trafilatura
    assert by_url[f"{base}/article1.html"].published == "2016-05-16"


def test_watch_takes_only_what_is_new(http_server: Serve, tmp_path: Path) -> None:
    folder = site(tmp_path)
    base = http_server(folder)
    state_path = tmp_path / "state.json"
    first, _ = read([f"{base}/feed.rss"], FetchState.load(state_path))
    again, errors = read([f"{base}/feed.rss"], FetchState.load(state_path))
    assert len(first) == 3 and again == [] and errors == {}

    feed = folder / "feed.rss"
    new_item = (
        "<item><title>Erdogan again</title><link>@BASE@/article4.html</link><guid>voa-test-4</guid>"
        "<pubDate>Sat, 01 Aug 2015 10:00:00 GMT</pubDate></item>\n  </channel>"
    )
    shutil.copy(folder / "article2.html", folder / "article4.html")
    (folder / "article4.html").write_text(
        (folder / "article2.html").read_text(encoding="utf-8").replace("Snap Election", "Snap Election, Again"),
        encoding="utf-8",
    )
    feed.write_text(feed.read_text(encoding="utf-8").replace("</channel>", new_item), encoding="utf-8")
    third, _ = read([f"{base}/feed.rss"], FetchState.load(state_path))
    assert [a.url for a in third] == [f"{base}/article4.html"]


def test_failed_entry_is_tried_again_next_run(http_server: Serve, tmp_path: Path) -> None:
    folder = site(tmp_path)
    base = http_server(folder)
    state_path = tmp_path / "state.json"
    _, errors = read([f"{base}/atom.xml"], FetchState.load(state_path))
    assert "HTTP 404" in errors[f"{base}/gone.html"]
    shutil.copy(folder / "article1.html", folder / "gone.html")  # the page appears
    articles, errors = read([f"{base}/atom.xml"], FetchState.load(state_path))
    assert [a.url for a in articles] == [f"{base}/gone.html"] and errors == {}


def test_interrupted_run_saves_no_state(http_server: Serve, tmp_path: Path) -> None:
    base = http_server(WEB)
    state_path = tmp_path / "state.json"
    results = read_sources([f"{base}/feed.rss"], SETTINGS, allow_private=True, state=FetchState.load(state_path))
    next(results)
    results.close()  # the consumer stopped (Ctrl-C, crash) before storing everything
    assert not state_path.exists()
    articles, _ = read([f"{base}/feed.rss"], FetchState.load(state_path))
    assert len(articles) == 3


@pytest.mark.parametrize(
    ("opml", "cycle_source"),
    [("self.opml", "self.opml"), ("loop_a.opml", "loop_a.opml")],
)
def test_opml_that_lists_itself_is_reported_once(http_server: Serve, opml: str, cycle_source: str) -> None:
    base = http_server(WEB)
    articles, errors = read([f"{base}/{opml}"])
    cycles = {source: reason for source, reason in errors.items() if "OPML cycle" in reason}
    assert list(cycles) == [f"{base}/{cycle_source}"]
    assert articles  # the feeds it lists are still read


def test_pages_text_and_jsonl_by_url(http_server: Serve, tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "note.txt").write_text("Russia and Ukraine held talks in Geneva on Friday.\n", encoding="utf-8")
    (folder / "dump.jsonl").write_text(
        '{"text": "NATO ministers met in Brussels on Tuesday.", "title": "NATO"}\nnot json\n', encoding="utf-8"
    )
    shutil.copy(WEB / "article1.html", folder / "article1.html")
    base = http_server(folder)
    articles, errors = read([f"{base}/article1.html", f"{base}/note.txt", f"{base}/dump.jsonl"])
    assert [a.url for a in articles] == [f"{base}/article1.html", f"{base}/note.txt", None]
    assert articles[1].text == "Russia and Ukraine held talks in Geneva on Friday.\n"  # byte for byte
    assert articles[2].title == "NATO"
    assert errors == {f"{base}/dump.jsonl:2": "line is not JSON: Expecting value"}


def test_non_english_page_is_reported(http_server: Serve) -> None:
    base = http_server(WEB)
    (result,) = read_sources([f"{base}/french.html"], SETTINGS, allow_private=True)
    assert isinstance(result, NotEnglish) and "'fr'" in result.reason


def test_files_folders_feed_files_and_urls_in_one_batch(http_server: Serve, tmp_path: Path) -> None:
    base = http_server(WEB)
    (tmp_path / "a.txt").write_text("The United Nations called for a ceasefire in Syria.", encoding="utf-8")
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "b.txt").write_text("Iran and Iraq signed a trade agreement on Monday.", encoding="utf-8")
    items = [str(tmp_path / "a.txt"), str(folder), str(WEB / "nolink.rss"), str(tmp_path / "missing.txt")]
    items.append(f"{base}/article1.html")
    articles, errors = read(items)
    assert [a.title or a.source for a in articles] == ["a.txt", "b.txt", "Talks in Geneva", articles[3].title]
    assert articles[2].published == "2022-01-21" and articles[2].source == "Full-text Wire"
    assert errors == {str(tmp_path / "missing.txt"): "no such file or folder"}


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"The European Union imposed sanctions on Belarus."))
    monkeypatch.setattr(sys, "stdin", stdin)
    articles, errors = read(["-"])
    assert [a.text for a in articles] == ["The European Union imposed sanctions on Belarus."] and not errors


def test_feed_that_404s_and_unreachable_host(http_server: Serve) -> None:
    base = http_server(WEB)
    results = list(read_sources([f"{base}/missing.rss", "http://127.0.0.1:9/feed.rss"], SETTINGS, allow_private=True))
    assert [type(r) for r in results] == [FetchFailed, FetchFailed]
    assert "HTTP 404" in results[0].reason and "network error" in results[1].reason
