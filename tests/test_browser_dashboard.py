"""The dashboard in a real browser: Debian's chromium driven by Playwright, against a server on 127.0.0.1 that
serves the bundled sample corpus.

Every page loads with no console error and no request leaving 127.0.0.1 (requests elsewhere are recorded and
aborted); a filter changes what the timeline shows; clicking an event (in the table and on the chart) opens its
article with the sentence highlighted; the map draws points. tests/test_browser_views.py checks what each view tells
an analyst (#15), with this module's server and browser. With ``EVENTLENS_SCREENSHOTS=1`` the same run writes
the README's screenshots to docs/screenshots/.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from eventlens.extract import Extractor
from eventlens.web import create_app
from eventlens.web.server import RunningServer, serving
from tests.support.web import SCREENSHOTS, browser_ready, build_sample_db, launch_chromium, screenshots_wanted

pytestmark = [pytest.mark.browser, pytest.mark.slow]

why_not = browser_ready()
if why_not:
    pytest.skip(why_not, allow_module_level=True)

from playwright.sync_api import Page, sync_playwright  # noqa: E402

VIEWPORT = {"width": 1400, "height": 900}


@dataclass
class Watch:
    """What a page did that it must not: console errors, uncaught exceptions, requests to other hosts."""

    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.errors.clear()
        self.outside.clear()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Iterator[RunningServer]:
    db = build_sample_db(extractor, tmp_path_factory.mktemp("browser"))
    with serving(create_app(db)) as running:
        yield running


@pytest.fixture(scope="module")
def api(server: RunningServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, trust_env=False, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def browser_page(server: RunningServer) -> Iterator[tuple[Page, Watch]]:
    watch = Watch()
    with sync_playwright() as p:
        browser = launch_chromium(p)
        context = browser.new_context(viewport=VIEWPORT)

        def guard(route: Any) -> None:
            url = route.request.url
            if urlsplit(url).hostname == "127.0.0.1":
                route.continue_()
            else:
                watch.outside.append(url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: watch.errors.append(f"uncaught: {e}"))
        yield page, watch
        context.close()
        browser.close()


def visit(page: Page, url: str, ready: str | None) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if ready:
        page.wait_for_selector(f"body[data-ready-{ready}]", state="attached", timeout=15000)


def shoot(page: Page, name: str) -> None:
    if screenshots_wanted():
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def first_event(api: httpx.Client) -> dict[str, Any]:
    items: list[dict[str, Any]] = api.get("/api/events", params={"limit": 1}).json()["items"]
    assert items, "the sample corpus has events"
    return items[0]


PAGES = [
    ("/", "overview", "overview"),
    ("/timeline", "timeline", "timeline"),
    ("/network", "network", "network"),
    ("/map", "map", "map"),
    ("/articles", None, "articles"),
    ("/quotes", None, None),
    ("/actors", None, None),
    ("/docs", None, None),
]


@pytest.mark.parametrize(("path", "ready", "shot"), PAGES)
def test_browser_page_loads_clean_and_local(
    browser_page: tuple[Page, Watch], server: RunningServer, path: str, ready: str | None, shot: str | None
) -> None:
    page, watch = browser_page
    watch.clear()
    visit(page, server.url + path, ready)
    if path == "/docs":
        page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    if shot:
        shoot(page, shot)
    assert watch.errors == []
    assert watch.outside == []


def test_browser_reader_loads_clean_and_local(
    browser_page: tuple[Page, Watch], server: RunningServer, api: httpx.Client
) -> None:
    page, watch = browser_page
    watch.clear()
    event = first_event(api)
    visit(page, f"{server.url}/articles/{event['article_id']}", "reader")
    assert page.locator(".seg").count() > 0
    assert watch.errors == [] and watch.outside == []


@pytest.mark.parametrize("fragment", ["%E0%A4%A", "%", "%ZZ", 'a"]b\\', "ev-0%00", "%ED%A0%80"])
def test_browser_reader_survives_a_malformed_fragment(
    browser_page: tuple[Page, Watch], server: RunningServer, api: httpx.Client, fragment: str
) -> None:
    """#16: a fragment decodeURIComponent refuses ("URI malformed") or no selector can hold left the reader
    without its ready signal; the page loads, highlights nothing and says it is ready."""
    page, watch = browser_page
    watch.clear()
    event = first_event(api)
    page.goto("about:blank")
    visit(page, f"{server.url}/articles/{event['article_id']}#{fragment}", "reader")
    assert page.locator(".seg").count() > 0 and page.locator(".seg.hl").count() == 0
    assert watch.errors == [] and watch.outside == []


def test_browser_overview_draws_its_charts(browser_page: tuple[Page, Watch], server: RunningServer) -> None:
    page, _ = browser_page
    visit(page, server.url + "/", "overview")
    for chart in ("#chart-activity", "#chart-quads"):
        assert page.locator(f"{chart} canvas").count() >= 1


def test_browser_filter_changes_the_timeline(
    browser_page: tuple[Page, Watch], server: RunningServer, api: httpx.Client
) -> None:
    page, watch = browser_page
    watch.clear()
    visit(page, server.url + "/timeline", "timeline")
    before_rows = page.locator("#events tbody tr").count()
    before_points = int(page.get_attribute("#chart-timeline", "data-points") or 0)
    actor = api.get("/api/actors", params={"limit": 1}).json()["items"][0]["key"]
    page.fill("input[name=actor]", actor)
    page.click("form#filters button[type=submit]")
    page.wait_for_url(f"**/timeline?actor={actor}*")
    page.wait_for_selector("body[data-ready-timeline]", state="attached")
    after_rows = page.locator("#events tbody tr").count()
    after_points = int(page.get_attribute("#chart-timeline", "data-points") or 0)
    assert 0 < after_rows < before_rows
    assert 0 < after_points <= before_points
    dyads = page.locator("#events tbody tr td:nth-child(2)").all_inner_texts()
    assert all(actor in d for d in dyads)
    # Only the filled box is in the URL: empty boxes stay out of a shared link.
    assert "type=" not in page.url and "since=" not in page.url
    shoot(page, "timeline-filtered")
    assert watch.errors == [] and watch.outside == []


def highlighted_text(page: Page) -> str:
    return "".join(page.locator("#article-text .seg.hl").all_text_contents())


def test_browser_click_event_in_table_opens_its_sentence(
    browser_page: tuple[Page, Watch], server: RunningServer, api: httpx.Client
) -> None:
    page, watch = browser_page
    watch.clear()
    visit(page, server.url + "/timeline", "timeline")
    row = page.locator("#events tbody tr").first
    event_id, article_id = row.get_attribute("data-event"), row.get_attribute("data-article")
    row.locator("a.event-link").click()
    page.wait_for_selector("body[data-ready-reader]", state="attached")
    assert f"/articles/{article_id}" in page.url
    record = api.get(f"/api/articles/{article_id}").json()
    event = next(e for e in record["events"] if e["id"] == event_id)
    sentence = record["article"]["text"][event["sentence"]["start"] : event["sentence"]["end"]]
    assert highlighted_text(page).strip() == sentence.strip()
    assert page.locator("#article-text .seg.hl").first.is_visible()
    shoot(page, "reader")
    assert watch.errors == [] and watch.outside == []


def test_browser_click_event_on_the_chart_opens_its_sentence(
    browser_page: tuple[Page, Watch], server: RunningServer
) -> None:
    page, _ = browser_page
    visit(page, server.url + "/timeline", "timeline")
    # Where ECharts drew a dot of one event that no other dot overlaps, from the chart's own coordinate conversion,
    # with the whole chart scrolled into the viewport (a dot low on the chart may lie below the fold).
    target = page.evaluate(
        """() => {
          const el = document.getElementById('chart-timeline');
          el.scrollIntoView();
          const chart = echarts.getInstanceByDom(el);
          const data = chart.getOption().series[0].data;
          const xy = data.map(p => chart.convertToPixel({seriesIndex: 0}, p.value));
          const i = xy.findIndex((a, k) => data[k].dot.n === 1
            && xy.every((b, j) => j === k || Math.hypot(a[0] - b[0], a[1] - b[1]) > 26));
          if (i < 0) { return null; }
          const box = el.getBoundingClientRect();
          const e = data[i].dot.event;
          return {x: box.left + xy[i][0], y: box.top + xy[i][1], event: e.id, article: e.article_id};
        }"""
    )
    assert target is not None, "some dot of one event stands alone"
    page.mouse.click(target["x"], target["y"])
    page.wait_for_selector("body[data-ready-reader]", state="attached")
    assert f"/articles/{target['article']}?event={target['event']}" in page.url
    assert highlighted_text(page).strip()


def test_browser_side_panel_links_to_spans(
    browser_page: tuple[Page, Watch], server: RunningServer, api: httpx.Client
) -> None:
    page, _ = browser_page
    event = first_event(api)
    visit(page, f"{server.url}/articles/{event['article_id']}", "reader")
    assert highlighted_text(page) == ""
    page.locator("#side-actors a[data-item]").first.click()
    text = highlighted_text(page)
    record = api.get(f"/api/articles/{event['article_id']}").json()
    mentions = [m["text"] for m in record["actors"][0]["mentions"]]
    assert text == "".join(mentions)


def test_browser_map_draws_points(browser_page: tuple[Page, Watch], server: RunningServer) -> None:
    page, watch = browser_page
    watch.clear()
    visit(page, server.url + "/map", "map")
    expected = int(page.get_attribute("#map", "data-points") or 0)
    assert expected > 0, "the sample corpus has located events"
    # Every place is a marker, shown alone or inside a cluster (tests/test_browser_views.py covers zoom and clusters).
    assert page.evaluate("() => Object.keys(window.EL.mapMarkers).length") == expected
    assert page.locator("#map .leaflet-marker-icon").count() > 0
    assert page.locator("#map path.country").count() > 100
    box = page.locator("#map .leaflet-marker-icon").first.bounding_box()
    assert box is not None and box["width"] > 0
    assert watch.errors == [] and watch.outside == []
