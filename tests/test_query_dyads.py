"""Dyad rankings leave out unknown parties and self-pairs unless asked, and label a dyad by its codes (#15): in the
query layer, ``eventlens dyads`` and ``/api/dyads``; a place can be selected exactly by its GeoNames id."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from eventlens import query
from eventlens.analyse.ingest_flow import IngestFlow
from eventlens.cli import app
from eventlens.query import Filters
from eventlens.record import ActorRef
from eventlens.store import Store
from eventlens.web import create_app
from eventlens.web.server import serving
from tests.support.store import make_record

TEXT = (
    "KYIV — Russian forces shelled Kharkiv on Tuesday. Russia accused Russia's own generals of failure. "
    "Rebels attacked a convoy near the border. President Barack Obama criticised the United States Congress. "
    "Ukraine accused Russia of lying."
)
#: (type, actor, recipient, trigger): two coded dyads, one self-pair, one party without a code, a USA self-pair.
EVENTS = [
    ("ASSAULT", "RUS", "UKR", "shelled"),
    ("ACCUSE", "RUS", "RUS", "accused Russia's"),
    ("ASSAULT", "REB", "UKR", "attacked"),
    ("ACCUSE", "USA", "USA", "criticised"),
    ("ACCUSE", "UKR", "RUS", "accused Russia of"),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    record = make_record(TEXT, events=EVENTS)
    rebels, obama = record.events[2], record.events[3]
    assert rebels.actor is not None and obama.actor is not None and obama.recipient is not None
    rebels.actor = ActorRef("rebels", None, None, "Rebels", rebels.actor.start, rebels.actor.end)
    obama.actor = ActorRef("Barack Obama", "USA", "GOV", "Barack Obama", obama.actor.start, obama.actor.end)
    obama.recipient = ActorRef("United States", "USA", None, "United States", obama.actor.start, obama.actor.end)
    record.events[1].location = {"name": "Moscow", "geonameid": 524901, "country": "RUS", "lat": 55.75, "lon": 37.62}
    path = tmp_path_factory.mktemp("dyads") / "db.duckdb"
    with Store(path) as store:
        IngestFlow(store).add(record)
    return path


@pytest.fixture(scope="module")
def store(db: Path) -> Iterator[Store]:
    with Store(db, read_only=True) as reader:
        yield reader


def pairs(items: list[dict[str, object]]) -> set[tuple[object, object]]:
    return {(d["actor"], d["recipient"]) for d in items}


def test_query_dyads_rank_only_pairs_of_two_different_codes(store: Store) -> None:
    assert pairs(query.dyads(store.con, Filters()).items) == {("RUS", "UKR"), ("UKR", "RUS")}


def test_query_dyads_include_unknown_shows_named_parties_and_self_pairs(store: Store) -> None:
    shown = pairs(query.dyads(store.con, Filters(), include_unknown=True).items)
    assert shown == {("RUS", "UKR"), ("UKR", "RUS"), ("RUS", "RUS"), ("rebels", "UKR"), ("USA", "USA")}
    # Every event is in some dyad when they are shown.
    assert sum(d["n_events"] for d in query.dyads(store.con, Filters(), include_unknown=True).items) == len(EVENTS)


def test_query_place_id_selects_exactly_that_place(store: Store) -> None:
    moscow = query.events(store.con, Filters(place_id=524901)).items
    assert [e["type"] for e in moscow] == ["ACCUSE"] and moscow[0]["location"]["name"] == "Moscow"
    assert len(query.events(store.con, Filters(place_id=706483)).items) == len(EVENTS) - 1  # Kharkiv
    assert query.events(store.con, Filters(place_id=1)).items == []


def test_cli_dyads_are_labelled_by_codes_and_leave_out_unknown_parties(db: Path) -> None:
    table = CliRunner().invoke(app, ["dyads", "--db", str(db)])
    assert table.exit_code == 0, table.output
    assert "RUS" in table.stdout and "UKR" in table.stdout
    assert "Russia" not in table.stdout and "rebels" not in table.stdout and "USA" not in table.stdout
    shown = CliRunner().invoke(app, ["dyads", "--db", str(db), "--include-unknown", "--format", "json"])
    assert shown.exit_code == 0, shown.output
    items = json.loads(shown.stdout)
    assert ("USA", "USA") in pairs(items) and ("rebels", "UKR") in pairs(items)
    # The self-pair is labelled by its codes in the table, not "Barack Obama → United States".
    labelled = CliRunner().invoke(app, ["dyads", "--db", str(db), "--include-unknown"])
    assert "Barack Obama" not in labelled.stdout and "USA" in labelled.stdout


def test_api_dyads_include_unknown_parameter(db: Path) -> None:
    with serving(create_app(db)) as running, httpx.Client(base_url=running.url, trust_env=False) as client:
        default = client.get("/api/dyads").json()["items"]
        shown = client.get("/api/dyads", params={"include_unknown": "true"}).json()["items"]
        place = client.get("/api/events", params={"place_id": 524901}).json()["items"]
        page = client.get("/", params={"include_unknown": "1"}).text
    assert pairs(default) == {("RUS", "UKR"), ("UKR", "RUS")}
    assert {("RUS", "RUS"), ("USA", "USA"), ("rebels", "UKR")} <= pairs(shown)
    assert [e["location"]["name"] for e in place] == ["Moscow"]
    assert "Hide them" in page
