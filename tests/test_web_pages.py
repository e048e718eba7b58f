"""Server-rendered pages, the reader's highlighting, and exports of the current filter."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pyarrow.parquet as pq
import pytest

from eventlens.web import create_app
from eventlens.web.highlight import SpanMark, highlight, segments
from eventlens.web.server import serving
from tests.support.web import build_synthetic_db


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    db = build_synthetic_db(tmp_path_factory.mktemp("pages"))
    with serving(create_app(db)) as running, httpx.Client(base_url=running.url, trust_env=False, timeout=30) as c:
        yield c


def page_data(html: str) -> dict[str, Any]:
    start = html.index('<script type="application/json" id="page-data">') + len(
        '<script type="application/json" id="page-data">'
    )
    data: dict[str, Any] = json.loads(html[start : html.index("</script>", start)])
    return data


@pytest.mark.parametrize(
    ("path", "marker"),
    [
        ("/", 'id="chart-activity"'),
        ("/timeline", 'id="chart-timeline"'),
        ("/network", 'id="network"'),
        ("/map", 'id="map"'),
        ("/articles", 'id="articles"'),
        ("/docs", 'id="swagger-ui"'),
    ],
)
def test_web_pages_render(client: httpx.Client, path: str, marker: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert marker in response.text


def test_web_overview_counts_match_the_api(client: httpx.Client) -> None:
    data = page_data(client.get("/").text)
    events = client.get("/api/events", params={"limit": 500}).json()["items"]
    articles = client.get("/api/articles", params={"limit": 500}).json()["items"]
    assert data["counts"]["events"] == len(events)
    assert data["counts"]["articles"] == len(articles)
    assert sum(day["events"] for day in data["series"]) == len(events)
    assert data["dyads"] and data["dyads"][0]["events"] >= data["dyads"][-1]["events"]


def test_web_filters_are_kept_in_links_and_the_form(client: httpx.Client) -> None:
    html = client.get("/timeline", params={"actor": "RUS", "type": "ASSAULT", "since": "2018-01-01"}).text
    assert 'value="RUS"' in html
    assert '<option value="ASSAULT" selected>' in html
    assert 'value="2018-01-01"' in html
    # Navigation and exports carry the filters, so a view can be shared by its link.
    assert 'href="/map?actor=RUS&amp;type=ASSAULT&amp;since=2018-01-01"' in html
    assert 'href="/export.csv?actor=RUS&amp;type=ASSAULT&amp;since=2018-01-01"' in html


def test_web_empty_form_fields_mean_any(client: httpx.Client) -> None:
    # A form sent without script sends every empty box; that must not be an invalid value.
    response = client.get("/timeline?q=&actor=&type=&factuality=&since=&until=&story=")
    assert response.status_code == 200
    assert len(page_data(response.text)["events"]) == len(page_data(client.get("/timeline").text)["events"])


def test_web_timeline_filter_changes_the_events(client: httpx.Client) -> None:
    everything = page_data(client.get("/timeline").text)
    russia = page_data(client.get("/timeline", params={"actor": "RUS"}).text)
    assert 0 < len(russia["events"]) < len(everything["events"])
    assert all("RUS" in e["dyad"] for e in russia["events"])
    assert set(russia["rows"]) == {e["dyad"] for e in russia["events"]}
    assert all(-1 <= p["score"] <= 1 for s in russia["scores"] for p in s["points"])


def test_web_network_nodes_are_the_dyads_ends(client: httpx.Client) -> None:
    data = page_data(client.get("/network").text)
    ids = {n["id"] for n in data["nodes"]}
    assert data["edges"] and all(e["source"] in ids and e["target"] in ids for e in data["edges"])


def test_web_map_points_have_coordinates(client: httpx.Client) -> None:
    data = page_data(client.get("/map", params={"place": "Kyiv"}).text)
    assert [p["name"] for p in data["points"]] == ["Kyiv"]
    assert data["points"][0]["lat"] == pytest.approx(50.45) and data["points"][0]["lon"] == pytest.approx(30.52)


def test_web_reader_highlights_the_event_sentence(client: httpx.Client) -> None:
    event = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    html = client.get(f"/articles/{event['article_id']}", params={"event": event["id"]}).text
    sentence = event["sentence"]["text"]
    highlighted = "".join(
        part.split(">", 1)[1] for part in html.split('<span class="seg ')[1:] if " hl" in part.split(">", 1)[0]
    )
    # Every highlighted character belongs to the event's sentence, and its trigger is among them.
    assert event["trigger"]["text"] in highlighted
    assert sentence.replace(" ", "").startswith(highlighted.replace("</span>", "").replace(" ", "")[:10])
    assert f'id="ev-{event["id"]}"' in html


def test_web_reader_unknown_article_is_a_404_page(client: httpx.Client) -> None:
    response = client.get("/articles/does-not-exist")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "not found" in response.text


def test_web_reader_lists_copies_and_story(client: httpx.Client) -> None:
    articles = client.get("/api/articles", params={"limit": 500}).json()["items"]
    original = next(a for a in articles if a["n_copies"])
    html = client.get(f"/articles/{original['id']}").text
    assert "Syndicated copies" in html and "Story" in html
    copy_id = client.get(f"/api/articles/{original['id']}").json()["copies"][0]["id"]
    copy_html = client.get(f"/articles/{copy_id}").text
    assert "syndicated copy" in copy_html and original["id"] in copy_html


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_web_export_holds_the_filtered_events(client: httpx.Client, fmt: str, tmp_path: Path) -> None:
    expected = client.get("/api/events", params={"limit": 500, "actor": "RUS"}).json()["items"]
    response = client.get(f"/export.{fmt}", params={"actor": "RUS"})
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(response.text)))
    elif fmt == "json":
        rows = response.json()
    else:
        (tmp_path / "x.parquet").write_bytes(response.content)
        rows = pq.read_table(tmp_path / "x.parquet").to_pylist()
    assert len(rows) == len(expected) > 0
    assert {str(r["event_id"]) for r in rows} == {e["id"] for e in expected}
    for row in rows:
        assert "RUS" in (row["actor_code"], row["recipient_code"])
        assert int(row["sentence_start"]) < int(row["sentence_end"])


def test_web_export_unknown_format_is_refused(client: httpx.Client) -> None:
    response = client.get("/export.xlsx")
    assert response.status_code == 422
    assert "fmt" in response.text


# -- highlighting (pure functions) -------------------------------------------------------------------------------
TEXT = "Blinken visited Kyiv on Wednesday."
RECORD: dict[str, Any] = {
    "article": {"text": TEXT},
    "actors": [{"mentions": [{"start": 0, "end": 7, "text": "Blinken"}]}],
    "events": [
        {
            "id": "e1",
            "sentence": {"start": 0, "end": 34},
            "trigger": {"start": 8, "end": 15},
            "actor": {"start": 0, "end": 7},
            "recipient": {"start": 16, "end": 20},
        }
    ],
    "places": [{"start": 16, "end": 20}],
    "dates": [{"start": 24, "end": 33}],
    "quotes": [],
    "quantities": [],
}


def test_web_highlight_segments_rebuild_the_text() -> None:
    segs = highlight(RECORD)
    assert "".join(s.text for s in segs) == TEXT
    assert [s.text for s in segs if "trigger" in s.kinds] == ["visited"]
    assert [s.text for s in segs if "place" in s.kinds] == ["Kyiv"]
    assert [s.text for s in segs if "date" in s.kinds] == ["Wednesday"]


def test_web_highlight_active_item_marks_its_whole_sentence() -> None:
    segs = highlight(RECORD, active="ev-e1")
    assert "".join(s.text for s in segs if "hl" in s.kinds) == TEXT
    assert not any("hl" in s.kinds for s in highlight(RECORD, active="ev-other"))


@pytest.mark.parametrize(
    "span", [SpanMark(-1, 3, "x", "actor"), SpanMark(5, 999, "x", "actor"), SpanMark(4, 4, "x", "actor")]
)
def test_web_highlight_ignores_spans_outside_the_text(span: SpanMark) -> None:
    segs = segments(TEXT, [span])
    assert "".join(s.text for s in segs) == TEXT
    assert not any(s.items for s in segs)


def test_web_highlight_anchor_on_first_segment_of_each_item() -> None:
    segs = highlight(RECORD)
    anchors = [a for s in segs for a in s.anchors]
    assert sorted(anchors) == sorted(set(anchors)) == ["a-0", "d-0", "ev-e1", "p-0"]
