"""Exports: PLOVER JSONL and Parquet read back to the same events; every row of every format keeps its article id
and sentence offsets; syndicated copies are never exported (#5, #8)."""

from __future__ import annotations

import csv
import dataclasses
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

from eventlens.analyse.ingest_flow import IngestFlow
from eventlens.cli import app
from eventlens.export import FORMATS, export, mentions_path, read_parquet_events, read_plover
from eventlens.export.cameo import cameo_code, cameo_root
from eventlens.export.gdelt import GDELT_COLUMNS
from eventlens.query import Filters
from eventlens.record import PLOVER_TYPES, ArticleRecord, Event, Span
from eventlens.store import Store
from tests.support.store import WIRE_EVENTS, edited_copies, wire_record
from tests.support.strategies import records

#: Field names the PLOVER manual's "Data Fields" chapter defines, which every exported object uses.
PLOVER_FIELDS = {"id", "has_event", "date", "actor", "recipient", "event", "event_loc", "event_text", "quad_code",
                 "mode", "context", "link", "text", "text_info", "cite_info"}  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db.duckdb"
    with Store(path) as store:
        flow = IngestFlow(store)
        flow.add(wire_record(url="https://wire.example/1"))
        for copy in edited_copies():
            flow.add(copy)
    return path


def with_sentence_text(event: Event, text: str) -> Event:
    start, end = event.sentence.start, event.sentence.end
    return dataclasses.replace(event, sentence=Span(start, end, text[start:end]))


def stored_events(store: Store) -> dict[tuple[str, str], Event]:
    out = {}
    for article_id in store.ids():
        record = store.record(article_id)
        assert record is not None
        out.update({(article_id, e.id): e for e in record.events})
    return out


def test_export_plover_and_parquet_read_back_to_the_same_events(db: Path, tmp_path: Path) -> None:
    with Store(db, read_only=True) as store:
        assert export(store.con, Filters(), "plover", tmp_path / "e.jsonl") == len(WIRE_EVENTS)
        assert export(store.con, Filters(), "parquet", tmp_path / "e.parquet") == len(WIRE_EVENTS)
        original = wire_record().article.id
        text = wire_record().article.text
        expected = {k: with_sentence_text(e, text) for k, e in stored_events(store).items() if k[0] == original}
    assert {(a, e.id): e for a, e in read_plover(tmp_path / "e.jsonl")} == expected
    assert {(a, e.id): e for a, e in read_parquet_events(tmp_path / "e.parquet")} == expected


@given(record=records())
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # fmt: skip
def test_export_any_record_round_trips(record: ArticleRecord, tmp_path: Path) -> None:
    with Store(":memory:") as store:
        IngestFlow(store).add(record)
        export(store.con, Filters(), "plover", tmp_path / "e.jsonl")
        export(store.con, Filters(), "parquet", tmp_path / "e.parquet")
    # Exports always hold the sentence (read from the stored text), whether or not the record carried it.
    expected = [(record.article.id, with_sentence_text(e, record.article.text)) for e in record.events]
    assert list(read_plover(tmp_path / "e.jsonl")) == expected
    assert list(read_parquet_events(tmp_path / "e.parquet")) == expected


def test_export_plover_uses_the_manuals_field_names(db: Path, tmp_path: Path) -> None:
    with Store(db, read_only=True) as store:
        export(store.con, Filters(), "plover", tmp_path / "e.jsonl")
    rows = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert rows
    for row in rows:
        assert PLOVER_FIELDS <= set(row)
        assert row["quad_code"] in (1, 2, 3, 4)
        assert set(row["text_info"]) >= {"start", "end"}
        assert row["cite_info"]["citation"] == row["article_id"]
        assert {"code", "sector", "entity_text"} <= set(row["actor"][0])


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_every_row_has_article_id_and_sentence_offsets(db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"e.{fmt}"
    # The two copies' events are left out; ACLED records only the assault of the five.
    expected = 1 if fmt == "acled" else len(WIRE_EVENTS)
    with Store(db, read_only=True) as store:
        assert export(store.con, Filters(), fmt, out) == expected
        text = wire_record().article.text
    if fmt == "plover":
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        spans = [(r["article_id"], r["text_info"]["start"], r["text_info"]["end"], r["text"]) for r in rows]
    elif fmt == "parquet":
        spans = [(a, e.sentence.start, e.sentence.end, text[e.sentence.start : e.sentence.end])
                 for a, e in read_parquet_events(out)]  # fmt: skip
    elif fmt == "gdelt":  # the ids and offsets are in the mentions table, in the article the event was read in
        lines = [line.split("\t") for line in mentions_path(out).read_text(encoding="utf-8").splitlines()]
        extras = [dict(re.findall(r'(\w+)="([^"]*)"', cells[-1])) for cells in lines if cells[10] == "1"]
        spans = [(x["article_id"], int(x["sentence_start"]), int(x["sentence_end"]),
                  text[int(x["sentence_start"]) : int(x["sentence_end"])]) for x in extras]  # fmt: skip
    elif fmt == "acled":  # in the notes, after the sentence
        notes = [r["notes"] for r in csv.DictReader(out.open(encoding="utf-8"))]
        found = [re.search(r"\[eventlens article (\w+), event \w+, chars (\d+)-(\d+)\]$", n) for n in notes]
        spans = [(m[1], int(m[2]), int(m[3]), n[: n.rindex(" [")]) for m, n in zip(found, notes, strict=True) if m]
    else:
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
        spans = [(r["article_id"], int(r["sentence_start"]), int(r["sentence_end"]), r["sentence"]) for r in rows]
    assert len(spans) == expected
    for article_id, start, end, sentence in spans:
        assert article_id == wire_record().article.id
        assert text[start:end] == sentence


def test_export_gdelt_has_gdelt_columns_and_cameo_roots(db: Path, tmp_path: Path) -> None:
    with Store(db, read_only=True) as store:
        export(store.con, Filters(), "gdelt", tmp_path / "e.tsv")
    lines = (tmp_path / "e.tsv").read_text(encoding="utf-8").splitlines()
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in lines]
    by_code = {r["EventCode"]: r for r in rows}
    assert by_code["180"]["EventRootCode"] == "18"
    assert by_code["180"]["QuadClass"] == "4"
    assert by_code["180"]["SQLDATE"] == "20220301"
    assert by_code["180"]["Actor1Code"] == "RUS"
    assert by_code["180"]["ActionGeo_FeatureID"] == "706483"
    assert by_code["180"]["NumArticles"] == "3"  # the original and its two copies: reach, not three events
    assert by_code["180"]["SOURCEURL"] == "https://wire.example/1"


@pytest.mark.parametrize(
    ("kind", "mode", "code"),
    [("CONSULT", "visit", "042"), ("CONSULT", None, "040"), ("ASSAULT", "abduct", "181"), ("ACCUSE", None, "110"),
     ("PROTEST", None, "140"), ("ASSAULT", "no-such-mode", "180")],
)  # fmt: skip
def test_export_cameo_codes_from_the_crosswalk(kind: str, mode: str | None, code: str) -> None:
    assert cameo_code(kind, mode) == code
    assert cameo_root(code) == code[:2]


def test_export_every_plover_type_has_a_cameo_code() -> None:
    assert all(cameo_code(kind, None) for kind in PLOVER_TYPES)


def test_export_cli_writes_each_format(db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    for fmt in FORMATS:
        result = runner.invoke(app, ["export", "--db", str(db), "--format", fmt, "-o", str(tmp_path)])
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("events.*")) == [
        "events.acled.csv", "events.csv", "events.jsonl", "events.mentions.tsv", "events.parquet",
        "events.tsv"]  # fmt: skip
    bad = runner.invoke(app, ["export", "--db", str(db), "--format", "xml"])
    assert bad.exit_code == 2
