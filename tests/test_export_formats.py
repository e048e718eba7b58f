"""Exports an analyst can drop into their tools (#15): one flat event table everywhere, and the standard formats
(GDELT 2.0, PLOVER, ACLED) read back by the readers their users have, with the columns their codebooks give."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import httpx
import pandas as pd
import pytest
from typer.testing import CliRunner

from eventlens.analyse.ingest_flow import IngestFlow
from eventlens.cli import app
from eventlens.export import FORMATS
from eventlens.export.acled import ACLED_COLUMNS
from eventlens.export.acled import table as acled_table
from eventlens.export.gdelt import GDELT_COLUMNS, MENTION_COLUMNS, global_event_id, goldstein_scale
from eventlens.export.geo import countries
from eventlens.export.plover import contexts
from eventlens.export.rows import FLAT_NAMES
from eventlens.record import PLOVER_TYPES, ActorRef, ArticleRecord, Event, Magnitude
from eventlens.store import Store
from eventlens.web import create_app
from eventlens.web.server import serving
from tests.support.store import WIRE_EVENTS, edited_copies, wire_record


def bare_first_record() -> ArticleRecord:
    """The wire story, whose first listed event has no recipient, date or place (the old ``events -f csv`` took its
    header from that row and dropped the other rows' columns)."""
    record = wire_record(url="https://wire.example/1")
    first = dataclasses.replace(record.events[0], recipient=None, date=None, location=None)
    return dataclasses.replace(record, events=[first, *record.events[1:]])


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("formats") / "db.duckdb"
    with Store(path) as store:
        flow = IngestFlow(store)
        flow.add(bare_first_record())
        for copy in edited_copies():
            flow.add(copy)
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[httpx.Client]:
    with serving(create_app(db)) as running, httpx.Client(base_url=running.url, trust_env=False, timeout=30) as c:
        yield c


def cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def csv_table(text: str) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return rows[0], rows[1:]


# -- one flat event table ------------------------------------------------------------------------------------------
def test_flat_exports_have_one_header_and_every_row_every_column(
    db: Path, client: httpx.Client, tmp_path: Path
) -> None:
    cli("export", "--db", str(db), "--format", "csv", "-o", str(tmp_path / "e.csv"))
    cli("export", "--db", str(db), "--format", "parquet", "-o", str(tmp_path / "e.parquet"))
    tables = {
        "export csv": (tmp_path / "e.csv").read_text(encoding="utf-8"),
        "events csv": cli("events", "--db", str(db), "--format", "csv", "--all"),
        "events csv --actor RUS": cli("events", "--db", str(db), "--format", "csv", "--actor", "RUS"),
        "dashboard csv": client.get("/export.csv").text,
    }
    for name, text in tables.items():
        header, body = csv_table(text)
        assert header == list(FLAT_NAMES), name
        assert body and all(len(row) == len(header) for row in body), name
        frame = pd.read_csv(io.StringIO(text))
        assert list(frame.columns) == list(FLAT_NAMES), name
        assert frame["sentence"].notna().all(), name  # the sentence is always there (it was always empty)
    assert len(csv_table(tables["export csv"])[1]) == len(WIRE_EVENTS)  # the copies' events are not exported
    assert len(csv_table(tables["events csv"])[1]) == len(WIRE_EVENTS)
    dashboard_json = json.loads(client.get("/export.json").content)
    assert [list(row) for row in dashboard_json] == [list(FLAT_NAMES)] * len(WIRE_EVENTS)
    parquet = duckdb.sql(f"SELECT * FROM read_parquet('{tmp_path / 'e.parquet'}')")
    assert parquet.columns == list(FLAT_NAMES)
    dashboard_parquet = tmp_path / "d.parquet"
    dashboard_parquet.write_bytes(client.get("/export.parquet").content)
    assert duckdb.sql(f"SELECT * FROM read_parquet('{dashboard_parquet}')").columns == list(FLAT_NAMES)


def test_flat_exports_carry_the_precision_and_admin1_of_each_place(db: Path, tmp_path: Path) -> None:
    text = cli("events", "--db", str(db), "--format", "csv", "--all")
    frame = pd.read_csv(io.StringIO(text), dtype={"location_admin1": str})
    placed = frame[frame["location_name"].notna()]
    assert len(placed) == len(WIRE_EVENTS) - 1
    assert set(placed["location_feature"]) == {"city"} and set(placed["location_admin1"]) == {"07"}


# -- GDELT 2.0 ------------------------------------------------------------------------------------------------------
def read_gdelt(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    """A GDELT file read as GDELT's users read one: tab-separated, no header, the codebook's column names."""
    return pd.read_csv(path, sep="\t", header=None, names=list(columns), quoting=csv.QUOTE_NONE, dtype=str)


def test_gdelt_events_and_mentions_read_with_the_codebooks_columns(db: Path, tmp_path: Path) -> None:
    cli("export", "--db", str(db), "--format", "gdelt", "-o", str(tmp_path))
    events_file, mentions_file = tmp_path / "events.tsv", tmp_path / "events.mentions.tsv"
    lines = events_file.read_text(encoding="utf-8").split("\n")[:-1]
    assert len(lines) == len(WIRE_EVENTS) and all(line.count("\t") == 60 for line in lines)  # 61 fields, no header
    events = read_gdelt(events_file, GDELT_COLUMNS)
    assert len(events) == len(WIRE_EVENTS) and len(GDELT_COLUMNS) == 61
    assert events["GLOBALEVENTID"].str.fullmatch(r"\d+").all()
    assert events["DATEADDED"].str.fullmatch(r"\d{14}").all()
    assert events["SQLDATE"].dropna().str.fullmatch(r"\d{8}").all()
    by_root = events.set_index("EventRootCode")
    assault, aid = by_root.loc["18"], by_root.loc["07"]
    assert assault["EventCode"] == "180" and float(assault["GoldsteinScale"]) == -9.0
    assert aid["EventCode"] == "070" and float(aid["GoldsteinScale"]) == 7.0
    assert (aid["Actor1Code"], aid["Actor1CountryCode"], aid["Actor2Code"]) == ("USA", "USA", "UKR")
    assert (aid["ActionGeo_Type"], aid["ActionGeo_CountryCode"]) == ("4", "UP")  # a world city, FIPS country code
    assert (aid["ActionGeo_ADM1Code"], aid["ActionGeo_FullName"]) == ("UP07", "Kharkiv, Ukraine")
    assert (aid["ActionGeo_FeatureID"], aid["ActionGeo_Lat"]) == ("706483", "49.98")
    assert (aid["NumArticles"], aid["NumSources"], aid["IsRootEvent"], aid["QuadClass"]) == ("3", "3", "1", "2")
    assert set(events["Actor1Geo_Type"]) == {"0"}  # where each actor is from: not known
    assert events.loc[events["ActionGeo_FullName"].isna(), "ActionGeo_Type"].tolist() == ["0"]  # the bare event
    mentions = read_gdelt(mentions_file, MENTION_COLUMNS)
    assert len(mentions) == len(WIRE_EVENTS) * 3  # the article and its two syndicated copies
    assert set(mentions["GLOBALEVENTID"]) == set(events["GLOBALEVENTID"])
    record = bare_first_record()
    read_in = mentions[mentions["InRawText"] == "1"]
    assert read_in["ActionCharOffset"].astype(int).tolist() == [e.trigger.start for e in record.events]
    assert read_in["MentionIdentifier"].eq("https://wire.example/1").all()
    assert mentions["Confidence"].astype(int).between(10, 100).all()
    copies = mentions[mentions["InRawText"] == "0"]
    assert set(copies["MentionIdentifier"]) == {"https://courier.example/a", "https://globalwire.example/b"}
    assert (copies["ActionCharOffset"] == "-1").all()
    assert read_in["Extras"].str.contains(f'article_id="{record.article.id}"').all()


def test_gdelt_ids_are_integers_stable_across_exports() -> None:
    assert global_event_id("abc", "e1") == global_event_id("abc", "e1") != global_event_id("abc", "e2")
    assert 0 < global_event_id("abc", "e1") < 2**53
    assert goldstein_scale("042") == 1.9 and goldstein_scale("1823") == -10.0 and goldstein_scale(None) is None
    assert countries()["UKR"].fips == "UP" and countries()["GBR"].fips == "UK" and countries()["UKR"].isonum == 804


# -- PLOVER ---------------------------------------------------------------------------------------------------------
#: The fields of the PLOVER manual's "PLOVER JSON" table that eventlens fills.
PLOVER_FIELDS = ("id", "has_event", "date", "actor", "recipient", "event", "event_loc", "event_text", "quad_code",
                 "mode", "context", "link", "text", "text_info", "cite_info", "coder", "coded_date",
                 "coded_time")  # fmt: skip
#: The manual's location object (after Mordecai3), less ``district`` and ``feature_code``, which are not known.
LOCATION_FIELDS = ("extracted_place", "resolved_place", "geonameid", "lat", "lon", "city", "province", "country",
                   "country_code", "feature_class", "resolution")  # fmt: skip


def test_plover_records_have_the_manuals_fields(db: Path, tmp_path: Path) -> None:
    cli("export", "--db", str(db), "--format", "plover", "-o", str(tmp_path / "e.jsonl"))
    rows = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(WIRE_EVENTS)
    for row in rows:
        assert set(PLOVER_FIELDS) <= set(row)
        assert isinstance(row["context"], list) and isinstance(row["mode"], list)
        assert row["coder"].startswith("eventlens") and row["quad_code"] in (1, 2, 3, 4)
        assert set(row["text_info"]) == {"start", "end"} and set(row["size"]) >= {"dead", "injured", "arrested"}
        for party in row["actor"] + row["recipient"]:
            assert {"code", "sector", "entity_text", "identifier_text"} <= set(party)
    placed = [r["event_loc"] for r in rows if r["event_loc"] is not None]
    assert len(placed) == len(WIRE_EVENTS) - 1
    for loc in placed:
        assert set(LOCATION_FIELDS) <= set(loc)
        assert (loc["city"], loc["country"], loc["country_code"], loc["resolution"]) == ("Kharkiv", "Ukraine", "UKR", 4)
        assert (loc["feature_class"], loc["admin1"], loc["province"]) == ("P", "07", "Kharkiv")
    assault = next(r for r in rows if r["event"] == ["ASSAULT"])
    assert assault["size"]["dead"] == 12 and isinstance(assault["size"]["dead"], int)


def _event(**changes: object) -> Event:
    return dataclasses.replace(wire_record().events[0], **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "sentence", "expected"),
    [
        ({}, "Russian forces shelled the city.", []),
        ({"historical": True}, "Russian forces shelled the city in 2014.", ["historical"]),
        ({"factuality": "future", "mode": "cyber"}, "Russia will hack the grid.", ["future", "cyber"]),
        ({"factuality": "negated"}, "Moscow denied shelling the city.", ["negation"]),
        ({}, "Police fired on crowds protesting the election result.", ["election"]),
        ({}, "Militants attacked refugees near the border.", ["migration"]),
        ({"actor": ActorRef("Russian army", "RUS", "MIL", "troops", 0, 6)}, "Troops shelled it.", ["military"]),
        ({"actor": ActorRef("militia", None, "MIL", "militia", 0, 7)}, "A militia shelled it.", []),
    ],
)  # fmt: skip
def test_plover_context_only_where_the_record_shows_it(changes: dict[str, object], sentence: str,
                                                       expected: list[str]) -> None:  # fmt: skip
    assert contexts(_event(**changes), sentence) == expected


def test_extracted_places_carry_their_words_precision_and_admin1(analyse: Any) -> None:
    record = analyse("Russian troops attacked Ukrainian soldiers in Kharkiv on Tuesday.", published="2022-03-01")
    located = [e.location for e in record.events if e.location]
    assert located, record.events
    assert located[0]["text"] == "Kharkiv" and located[0]["feature"] == "city" and located[0]["admin1"] == "07"
    assert [(p.feature, p.admin1) for p in record.places if p.text == "Kharkiv"] == [("city", "07")]


# -- ACLED ----------------------------------------------------------------------------------------------------------
#: ACLED's event types and sub-event types (ACLED codebook).
ACLED_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}  # fmt: skip


def acled_record() -> ArticleRecord:
    """The wire story's text with events of every kind ACLED maps, and two it does not."""
    record = wire_record(url="https://wire.example/acled")
    base = record.events[0]  # "Russian forces shelled …", in Kharkiv, 12 dead
    ref = base.actor
    assert ref is not None

    def party(code: str | None, sector: str | None, name: str | None) -> ActorRef:
        return dataclasses.replace(ref, code=code, sector=sector, name=name)

    def event(i: int, kind: str, mode: str | None, quad: str, **more: Any) -> Event:
        return dataclasses.replace(base, id=f"x{i}", type=kind, mode=mode, quad=quad, **more)

    events = [
        event(0, "ASSAULT", "heavy-weapons", "material_conflict", actor=party("RUS", "MIL", "Russian forces"),
              recipient=party("UKR", "CVL", "civilians")),
        event(1, "ASSAULT", None, "material_conflict", actor=party("RUS", None, "Russia"),
              recipient=party("UKR", "MIL", "Ukrainian troops"), magnitude=Magnitude()),
        event(2, "PROTEST", "demo", "material_conflict", actor=party("UKR", "CVL", "residents"), recipient=None,
              magnitude=Magnitude()),
        event(3, "COERCE", "arrest", "material_conflict", actor=party("RUS", "COP", "police"),
              recipient=party(None, "CVL", "protesters"), magnitude=Magnitude(arrested=20)),
        event(4, "ACCUSE", None, "verbal_conflict", actor=party("UKR", "GOV", "Ukraine"),
              recipient=party("RUS", None, "Russia")),
        event(5, "ASSAULT", "aerial", "material_conflict", factuality="future", actor=party("RUS", "MIL", "jets")),
    ]  # fmt: skip
    return dataclasses.replace(record, events=events)


def test_acled_csv_has_acleds_columns_and_maps_what_acled_records(tmp_path: Path) -> None:
    path = tmp_path / "acled.duckdb"
    with Store(path) as store:
        IngestFlow(store).add(acled_record())
    result = CliRunner().invoke(app, ["export", "--db", str(path), "--format", "acled", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "2 events have no ACLED equivalent" in result.stderr
    frame = pd.read_csv(tmp_path / "events.acled.csv", dtype={"admin1": str})
    assert list(frame.columns) == list(ACLED_COLUMNS) and len(frame) == 4
    rows = {r["sub_event_type"]: r for r in frame.to_dict("records")}
    shelling = rows["Shelling/artillery/missile attack"]
    assert (shelling["event_type"], shelling["disorder_type"]) == ("Explosions/Remote violence", "Political violence")
    assert (shelling["actor1"], shelling["inter1"], shelling["actor2"], shelling["inter2"]) == (
        "Military Forces of Russia", 1, "Civilians (Ukraine)", 7)  # fmt: skip
    assert (shelling["interaction"], shelling["civilian_targeting"], shelling["fatalities"]) == (
        17,
        "Civilian targeting",
        12,
    )
    assert (shelling["country"], shelling["iso"], shelling["admin1"], shelling["location"]) == (
        "Ukraine",
        804,
        "Kharkiv",
        "Kharkiv",
    )
    assert (shelling["geo_precision"], shelling["time_precision"], shelling["event_date"]) == (1, 1, "2022-03-01")
    assert shelling["latitude"] == 49.98 and shelling["event_id_cnty"].startswith("UKREL")
    assert "eventlens article" in shelling["notes"] and shelling["source"] == "Test Wire"
    assert (rows["Armed clash"]["event_type"], rows["Armed clash"]["actor2"]) == (
        "Battles",
        "Military Forces of Ukraine",
    )
    protest = rows["Peaceful protest"]
    assert (protest["actor1"], protest["inter1"], protest["interaction"]) == ("Protesters (Ukraine)", 6, 60)
    assert protest["disorder_type"] == "Demonstrations" and protest["fatalities"] == 0
    assert rows["Arrests"]["event_type"] == "Strategic developments"


def test_acled_table_uses_acleds_own_types_and_plovers() -> None:
    for rule in acled_table().events:
        assert rule["type"] in PLOVER_TYPES
        assert rule["sub_event_type"] in ACLED_TYPES[rule["event_type"]], rule
    assert set(acled_table().disorder) == set(ACLED_TYPES)


# -- the documentation ---------------------------------------------------------------------------------------------
FORMATS_DOC = (Path(__file__).resolve().parents[1] / "docs" / "formats.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("column", FLAT_NAMES)
def test_formats_doc_lists_every_flat_column(column: str) -> None:
    assert f"| `{column}` |" in FORMATS_DOC


@pytest.mark.parametrize("column", sorted({*GDELT_COLUMNS, *MENTION_COLUMNS, *ACLED_COLUMNS}))
def test_formats_doc_lists_every_standard_column(column: str) -> None:
    assert f"`{column}`" in FORMATS_DOC


@pytest.mark.parametrize("fmt", FORMATS)
def test_formats_doc_has_every_format_with_its_reader(fmt: str) -> None:
    assert f"--format {fmt}`" in FORMATS_DOC
