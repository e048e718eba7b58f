"""The JSON API: every endpoint, every filter, cursor pagination and the one error shape.

Runs against a real server on 127.0.0.1 over a small synthetic database (known actors, places and copies), so the
assertions can say exactly what a filter must keep and drop.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from eventlens.web import create_app
from eventlens.web.server import serving
from tests.support.web import build_synthetic_db


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    db = build_synthetic_db(tmp_path_factory.mktemp("api"))
    with serving(create_app(db)) as running, httpx.Client(base_url=running.url, trust_env=False, timeout=30) as c:
        yield c


def get(client: httpx.Client, path: str, **params: Any) -> dict[str, Any]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    return body


def all_items(client: httpx.Client, path: str, limit: int, **params: Any) -> list[dict[str, Any]]:
    """Walk every page of a listing through its cursors."""
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(1000):
        page = get(client, path, limit=limit, **({"cursor": cursor} if cursor else {}), **params)
        assert len(page["items"]) <= limit
        items += page["items"]
        cursor = page["next"]
        if cursor is None:
            return items
    raise AssertionError("pagination never ended")


LISTS = ["/api/articles", "/api/events", "/api/quotes", "/api/actors", "/api/stories", "/api/dyads"]


@pytest.mark.parametrize(
    ("path", "keys"),
    [
        ("/api/articles", {"id", "title", "published", "story_id", "duplicate_of", "n_events"}),
        (
            "/api/events",
            {"id", "article_id", "type", "quad", "actor", "recipient", "factuality", "trigger", "sentence"},
        ),
        ("/api/quotes", {"article_id", "text", "start", "end", "kind", "speaker"}),
        ("/api/actors", {"key", "name", "code", "n_events"}),
        ("/api/stories", {"id", "label", "n_articles", "first_day", "last_day"}),
        ("/api/dyads", {"actor", "recipient", "n_events", "score", "material_conflict"}),
    ],
)
def test_api_lists_answer_items_next_and_limit(client: httpx.Client, path: str, keys: set[str]) -> None:
    body = get(client, path, limit=3)
    assert set(body) == {"items", "next", "limit"}
    assert body["limit"] == 3
    assert 1 <= len(body["items"]) <= 3
    assert keys <= set(body["items"][0]), set(body["items"][0])


def test_api_article_is_the_full_record_with_offsets_that_index_its_text(client: httpx.Client) -> None:
    first = get(client, "/api/articles", limit=1)["items"][0]
    record = get(client, f"/api/articles/{first['id']}")
    text = record["article"]["text"]
    assert {"article", "actors", "events", "quotes", "places", "dates", "quantities", "story", "copies"} <= set(record)
    assert record["events"], "synthetic articles all have events"
    for event in record["events"]:
        for span in (event["trigger"], event["sentence"], event["actor"], event["recipient"]):
            assert text[span["start"] : span["end"]] == span["text"]
    for place in record["places"]:
        assert text[place["start"] : place["end"]] == place["text"]


def test_api_article_shows_its_syndicated_copies_and_story(client: httpx.Client) -> None:
    copies = get(client, "/api/articles", limit=500)["items"]
    originals = [a for a in copies if a.get("n_copies")]
    assert originals, "the synthetic corpus has syndicated copies"
    record = get(client, f"/api/articles/{originals[0]['id']}")
    assert record["copies"] and all(c["id"] for c in record["copies"])
    assert record["story"]["id"] == originals[0]["story_id"]


@pytest.mark.parametrize("path", LISTS)
def test_api_cursor_pages_cover_every_item_once(client: httpx.Client, path: str) -> None:
    whole = get(client, path, limit=500)
    assert whole["next"] is None, "the small corpus fits one page of 500"
    paged = all_items(client, path, limit=7)
    assert paged == whole["items"]


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"actor": "RUS"}, lambda e: "RUS" in (e["actor"]["code"], e["recipient"]["code"])),
        ({"actor": "Russia"}, lambda e: "RUS" in (e["actor"]["code"], e["recipient"]["code"])),
        ({"actor": "RUS,UKR"}, lambda e: {"RUS", "UKR"} & {e["actor"]["code"], e["recipient"]["code"]}),
        ({"type": "ASSAULT"}, lambda e: e["type"] == "ASSAULT"),
        ({"quad": "verbal_cooperation"}, lambda e: e["quad"] == "verbal_cooperation"),
        ({"factuality": "negated"}, lambda e: e["factuality"] == "negated"),
        ({"since": "2020-01-01"}, lambda e: e["day"] >= "2020-01-01"),
        ({"until": "2016-12-31"}, lambda e: e["day"] <= "2016-12-31"),
        ({"place": "Kyiv"}, lambda e: e["location"]["name"] == "Kyiv"),
        ({"place": "UKR"}, lambda e: e["location"]["country"] == "UKR"),
        ({"q": "sanctioned"}, lambda e: True),
    ],
)
def test_api_events_filters_keep_only_matching_events(client: httpx.Client, params: dict[str, str], check: Any) -> None:
    everything = get(client, "/api/events", limit=500)["items"]
    kept = get(client, "/api/events", limit=500, **params)["items"]
    assert kept, f"{params} matches something in the synthetic corpus"
    assert len(kept) < len(everything), f"{params} must drop something"
    assert all(check(e) for e in kept)


def test_api_text_filter_matches_words_in_the_article(client: httpx.Client) -> None:
    kept = get(client, "/api/articles", limit=500, q="sanctioned Kabul")["items"]
    assert kept
    for article in kept:
        text = get(client, f"/api/articles/{article['id']}")["article"]["text"].lower()
        assert "sanctioned" in text and "kabul" in text


def test_api_story_filter_keeps_the_story_s_articles(client: httpx.Client) -> None:
    story = get(client, "/api/stories", limit=1)["items"][0]
    kept = get(client, "/api/articles", limit=500, story=story["id"])["items"]
    assert kept and {a["story_id"] for a in kept} == {story["id"]}
    events = get(client, "/api/events", limit=500, story=story["id"])["items"]
    assert events and {e["article"]["story_id"] for e in events} == {story["id"]}


def test_api_filters_combine(client: httpx.Client) -> None:
    kept = get(client, "/api/events", limit=500, actor="RUS", quad="material_conflict", since="2018-01-01")["items"]
    for e in kept:
        assert "RUS" in (e["actor"]["code"], e["recipient"]["code"])
        assert e["quad"] == "material_conflict" and e["day"] >= "2018-01-01"


def test_api_dyads_score_is_the_mean_quad_weight(client: httpx.Client) -> None:
    weights = {"material_cooperation": 1, "verbal_cooperation": 0.5, "verbal_conflict": -0.5, "material_conflict": -1}
    dyad = get(client, "/api/dyads", limit=1)["items"][0]
    total = sum(weights[q] * dyad[q] for q in weights)
    assert dyad["n_events"] == sum(dyad[q] for q in weights)
    assert dyad["score"] == pytest.approx(total / dyad["n_events"], abs=1e-3)


def test_api_actors_quotes_filter_by_actor(client: httpx.Client) -> None:
    actors = get(client, "/api/actors", limit=500, actor="RUS")["items"]
    assert actors[0]["n_events"] >= actors[-1]["n_events"]
    quotes = get(client, "/api/quotes", limit=500, actor="RUS")["items"]
    assert quotes and all(q["speaker"]["code"] == "RUS" for q in quotes)


def test_api_copies_are_not_counted(client: httpx.Client) -> None:
    events = get(client, "/api/events", limit=500)["items"]
    assert all(e["counted"] for e in events)
    articles = get(client, "/api/articles", limit=500)["items"]
    assert all(a["duplicate_of"] is None for a in articles)


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/articles/no-such-article", 404, "not_found"),
        ("/api/nothing-here", 404, "not_found"),
        ("/api/events?limit=0", 422, "invalid_parameter"),
        ("/api/events?limit=100000", 422, "invalid_parameter"),
        ("/api/events?limit=ten", 422, "invalid_parameter"),
        ("/api/events?type=INVADE", 422, "invalid_parameter"),
        ("/api/events?quad=hostile", 422, "invalid_parameter"),
        ("/api/events?factuality=maybe", 422, "invalid_parameter"),
        ("/api/events?since=yesterday", 422, "invalid_parameter"),
        ("/api/events?since=2022-02-30", 422, "invalid_parameter"),
        ("/api/events?since=2022-02-01&until=2022-01-01", 400, "bad_request"),
        ("/api/events?cursor=not%20a%20cursor", 422, "invalid_parameter"),
        ("/api/events?cursor=eyJ0IjoiZHlhZHMiLCJrIjpbMl19", 400, "bad_request"),
        ("/api/events?cursor=AAAA", 400, "bad_request"),
        ("/api/articles/..%2F..%2Fetc", 404, "not_found"),
    ],
)
def test_api_errors_have_one_shape_and_a_meaningful_status(
    client: httpx.Client, path: str, status: int, code: str
) -> None:
    response = client.get(path)
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def test_api_invalid_parameters_are_named_in_details(client: httpx.Client) -> None:
    body = client.get("/api/events", params={"limit": 0, "type": "NOPE"}).json()
    assert {d["parameter"] for d in body["error"]["details"]} == {"limit", "type"}


def test_api_wrong_method_is_405_in_the_error_shape(client: httpx.Client) -> None:
    response = client.post("/api/events")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_api_openapi_documents_every_endpoint(client: httpx.Client) -> None:
    spec = get(client, "/openapi.json")
    paths = set(spec["paths"])
    assert {p for p in LISTS} | {"/api/articles/{article_id}"} <= paths
    events = spec["paths"]["/api/events"]["get"]
    names = {p["name"] for p in events["parameters"]}
    assert {"q", "actor", "type", "quad", "factuality", "since", "until", "story", "limit", "cursor"} <= names


def test_api_dates_in_items_are_iso(client: httpx.Client) -> None:
    for e in get(client, "/api/events", limit=20)["items"]:
        dt.date.fromisoformat(e["day"])
