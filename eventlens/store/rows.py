"""Records to rows and back: how an :class:`~eventlens.record.ArticleRecord` is laid out in the tables.

Each table's columns are listed once (``COLUMNS``); :func:`record_rows` turns a record into rows in that order and
:func:`rows_record` reads them back, so ``rows_record(record_rows(r)) == r`` (tests check this with Hypothesis).
Nested values without a fixed shape (an event's ``location`` dict, a quantity's ``original``) are kept as JSON text
next to flat columns that queries filter on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from ..datetimes import day_of
from ..record import (
    Actor,
    ActorRef,
    Article,
    ArticleRecord,
    DateExpr,
    DateValue,
    Event,
    Magnitude,
    Mention,
    Place,
    Quantity,
    Quote,
    Span,
)

Row = tuple[Any, ...]

_REF = ("name", "code", "sector", "text", "start", "end", "actor_id")

COLUMNS: dict[str, tuple[str, ...]] = {
    "actors": ("article_id", "id", "seq", "name", "code", "sector", "role", "kind"),
    "mentions": ("article_id", "actor_id", "seq", "start", "end", "text"),
    "events": (
        ("article_id", "id", "seq", "type", "mode", "quad")
        + tuple(f"actor_{k}" for k in _REF)
        + ("actor_present",)
        + tuple(f"recipient_{k}" for k in _REF)
        + ("recipient_present", "factuality", "historical")
        + ("date_present", "date_text", "date_value", "date_granularity", "date_source", "day")
        + ("location", "location_name", "location_geonameid", "location_country", "location_lat", "location_lon")
        + ("location_feature", "location_admin1")
        + ("magnitude", "dead", "injured", "arrested", "troops", "money_usd")
        + ("trigger_text", "trigger_start", "trigger_end", "sentence_text", "sentence_start", "sentence_end")
        + ("symmetric", "confidence", "counted")
    ),
    "quotes": ("article_id", "seq", "text", "start", "end", "kind", "cue")
    + tuple(f"speaker_{k}" for k in _REF)
    + ("speaker_present", "counted"),
    "places": (
        "article_id", "seq", "text", "start", "end", "name", "geonameid", "country", "lat", "lon", "feature", "admin1",
    ),
    "dates": ("article_id", "seq", "text", "start", "end", "value", "granularity"),
    "quantities": (
        "article_id", "seq", "text", "start", "end", "value", "is_int", "qualifier", "unit", "counted", "original",
    ),
}  # fmt: skip


def _quoted(column: str) -> str:
    return '"' + column + '"'


def insert_sql(table: str, rows: int = 1) -> str:
    """``INSERT INTO table (...) VALUES (?, ...), …`` for ``rows`` rows (names quoted: ``end`` is a keyword)."""
    cols = ", ".join(_quoted(c) for c in COLUMNS[table])
    marks = "(" + ", ".join("?" for _ in COLUMNS[table]) + ")"
    return f"INSERT INTO {table} ({cols}) VALUES {', '.join([marks] * rows)}"


def select_sql(table: str) -> str:
    """``SELECT`` of the table's columns for one article, in record order."""
    cols = ", ".join(_quoted(c) for c in COLUMNS[table])
    order = "seq" if table != "mentions" else "actor_id, seq"
    return f"SELECT {cols} FROM {table} WHERE article_id = ? ORDER BY {order}"


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _unjson(value: str | None) -> Any:
    return None if value is None else json.loads(value)


def _ref(ref: ActorRef | None) -> tuple[Any, ...]:
    if ref is None:
        return (None,) * len(_REF) + (False,)
    return tuple(getattr(ref, k) for k in _REF) + (True,)


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def event_day(event: Event, published: dt.date | None) -> dt.date | None:
    """The day an event is counted on (and filtered and sorted by): its own date when the text gives a day, else the
    publication day, also for an event the text does not date (``date_granularity`` says "on_or_before_publication"
    or "unknown": the row keeps what the text said, the day only where the article stands in time)."""
    if event.date is not None and event.date.granularity == "day":
        day = day_of(event.date.value)
        if day is not None:
            return day
    return published


def _place_detail(location: dict[str, Any], places: Sequence[Place]) -> tuple[str | None, str | None]:
    """The precision (``feature``) and ``admin1`` of an event's location: its own, else those of the article's
    place it names (a record made before locations carried them)."""
    feature, admin1 = location.get("feature"), location.get("admin1")
    if (feature is None or admin1 is None) and location:
        gid, name = location.get("geonameid"), location.get("name")
        for p in places:
            if (gid is not None and p.geonameid == gid) or (gid is None and name is not None and p.name == name):
                return feature or p.feature, admin1 or p.admin1
    return feature, admin1


def event_row(
    article_id: str, seq: int, event: Event, published: dt.date | None, counted: bool, places: Sequence[Place] = ()
) -> Row:
    date = event.date
    loc = event.location or {}
    feature, admin1 = _place_detail(loc, places)
    mag = event.magnitude
    return (
        (article_id, event.id, seq, event.type, event.mode, event.quad)
        + _ref(event.actor)
        + _ref(event.recipient)
        + (event.factuality, event.historical)
        + (
            date is not None,
            date.text if date else None,
            date.value if date else None,
            date.granularity if date else None,
            date.source if date else None,
            event_day(event, published),
        )
        + (
            _json(event.location),
            loc.get("name"),
            loc.get("geonameid"),
            loc.get("country"),
            _number(loc.get("lat")),
            _number(loc.get("lon")),
            feature,
            admin1,
        )
        + (_json(dataclasses.asdict(mag)),)
        + tuple(_number(getattr(mag, k)) for k in ("dead", "injured", "arrested", "troops", "money_usd"))
        + (event.trigger.text, event.trigger.start, event.trigger.end)
        + (event.sentence.text, event.sentence.start, event.sentence.end)
        + (event.symmetric, event.confidence, counted)
    )


def record_rows(record: ArticleRecord, *, counted: bool = True) -> dict[str, list[Row]]:
    """The rows of every per-article table for ``record`` (not the ``articles`` row itself)."""
    aid = record.article.id
    published = day_of(record.article.published)
    rows: dict[str, list[Row]] = {table: [] for table in COLUMNS}
    for i, actor in enumerate(record.actors):
        rows["actors"].append((aid, actor.id, i, actor.name, actor.code, actor.sector, actor.role, actor.kind))
        for j, m in enumerate(actor.mentions):
            rows["mentions"].append((aid, actor.id, j, m.start, m.end, m.text))
    for i, event in enumerate(record.events):
        rows["events"].append(event_row(aid, i, event, published, counted, record.places))
    for i, q in enumerate(record.quotes):
        rows["quotes"].append((aid, i, q.text, q.start, q.end, q.kind, q.cue) + _ref(q.speaker) + (counted,))
    for i, p in enumerate(record.places):
        rows["places"].append(
            (aid, i, p.text, p.start, p.end, p.name, p.geonameid, p.country, p.lat, p.lon, p.feature, p.admin1)
        )
    for i, d in enumerate(record.dates):
        rows["dates"].append((aid, i, d.text, d.start, d.end, d.value, d.granularity))
    for i, n in enumerate(record.quantities):
        is_int = isinstance(n.value, int) and not isinstance(n.value, bool)
        rows["quantities"].append(
            (aid, i, n.text, n.start, n.end, _number(n.value), is_int, n.qualifier, n.unit, n.counted,
             _json(n.original))
        )  # fmt: skip
    return rows


def _ref_back(values: dict[str, Any], prefix: str) -> ActorRef | None:
    if not values[f"{prefix}_present"]:
        return None
    return ActorRef(**{k: values[f"{prefix}_{k}"] for k in _REF})


def _int_or_float(value: float | None, is_int: bool) -> float | int | None:
    return None if value is None else int(value) if is_int else value


def event_from_row(values: dict[str, Any]) -> Event:
    """An :class:`Event` from an ``events`` row given as a column → value dict."""
    date = None
    if values["date_present"]:
        date = DateValue(
            text=values["date_text"],
            value=values["date_value"],
            granularity=values["date_granularity"],
            source=values["date_source"],
        )
    mag_data = _unjson(values["magnitude"]) or {}
    return Event(
        id=values["id"],
        type=values["type"],
        mode=values["mode"],
        quad=values["quad"],
        actor=_ref_back(values, "actor"),
        recipient=_ref_back(values, "recipient"),
        factuality=values["factuality"],
        historical=bool(values["historical"]),
        date=date,
        location=_unjson(values["location"]),
        magnitude=Magnitude(**mag_data),
        trigger=Span(values["trigger_start"], values["trigger_end"], values["trigger_text"]),
        sentence=Span(values["sentence_start"], values["sentence_end"], values["sentence_text"]),
        symmetric=bool(values["symmetric"]),
        confidence=values["confidence"],
    )


def rows_record(article: Article, rows: dict[str, list[Row]]) -> ArticleRecord:
    """Rebuild the record of ``article`` from its rows (as :func:`record_rows` lays them out)."""

    def dicts(table: str) -> list[dict[str, Any]]:
        return [dict(zip(COLUMNS[table], row, strict=True)) for row in rows.get(table, [])]

    mentions: dict[str, list[Mention]] = {}
    for m in dicts("mentions"):
        mentions.setdefault(m["actor_id"], []).append(Mention(m["start"], m["end"], m["text"]))
    actors = [
        Actor(a["id"], a["name"], a["code"], a["sector"], a["role"], a["kind"], mentions.get(a["id"], []))
        for a in dicts("actors")
    ]
    quotes = [
        Quote(q["text"], q["start"], q["end"], q["kind"], q["cue"], _ref_back(q, "speaker")) for q in dicts("quotes")
    ]
    places = [Place(**{k: v for k, v in p.items() if k not in ("article_id", "seq")}) for p in dicts("places")]
    dates = [DateExpr(d["text"], d["start"], d["end"], d["value"], d["granularity"]) for d in dicts("dates")]
    quantities = [
        Quantity(
            n["text"], n["start"], n["end"], _int_or_float(n["value"], n["is_int"]), n["qualifier"], n["unit"],
            n["counted"], _unjson(n["original"]),
        )
        for n in dicts("quantities")
    ]  # fmt: skip
    return ArticleRecord(
        article=article,
        actors=actors,
        events=[event_from_row(e) for e in dicts("events")],
        quotes=quotes,
        places=places,
        dates=dates,
        quantities=quantities,
    )


__all__ = [
    "COLUMNS",
    "Row",
    "event_day",
    "event_from_row",
    "event_row",
    "insert_sql",
    "record_rows",
    "rows_record",
    "select_sql",
]
