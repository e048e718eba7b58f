"""The flat event table: one event a row, one column list, defined here once (#15).

Every export that writes events one a row writes exactly :data:`FLAT_NAMES`, in this order: ``eventlens export
--format csv`` and ``--format parquet``, ``eventlens events --format csv`` and the dashboard's CSV, JSON and Parquet
downloads (``/export.{fmt}``); :func:`eventlens.connect`'s ``events()`` DataFrame has the same columns. The
standard formats (GDELT, PLOVER, ACLED) are written from these rows too. Columns:

=====================  ==============================================================================================
``article_id``         the article (content hash); with ``event_id`` the event's key
``event_id``, ``seq``  the event's id and its rank in the article
``day``                the day the event is counted on: its own date when the text gives a day, else the publication
``type``, ``mode``,    PLOVER type, mode and quad class
``quad``
``factuality``,        asserted, negated, hypothetical or future; whether the event is told as history
``historical``
``actor_*``,           each party: ``name``, ``code`` (CAMEO/PLOVER: ``RUS``, ``NATO``), ``sector`` (``GOV``),
``recipient_*``        ``text`` (the words), ``start``/``end`` (their offsets), ``actor_id`` (the article's actor)
``date_*``             the event's date as written (``text``), normalised (``value``, ISO 8601), its
                       ``granularity`` and where it came from (``source``: sentence, dateline, published)
``location_*``         the place: ``name``, ``country`` (ISO alpha-3), ``admin1`` (GeoNames first-level division
                       code), ``feature`` (its precision: ``country`` = a country's representative point, ``region``
                       = a region's point, ``city`` = the city itself, ``other``), ``geonameid``, ``lat``, ``lon``
``location``           the location object as extracted (JSON text: what the columns above come from)
``dead`` … ``money_usd``  the magnitudes: dead, injured, arrested, troops, money_usd
``trigger_*``          the word(s) that say what happened, with offsets
``sentence_start``,    the sentence's offsets in the article text, and the sentence itself (read from the stored
``sentence_end``,      text, so every row can be audited)
``sentence``
``symmetric``,         whether the two parties act together (a meeting); the extractor's confidence if it gave one
``confidence``
``article_*``          ``url``, ``title``, ``source``, ``published`` (as written), ``language``, ``story_id``,
                       ``ingested`` (when eventlens stored it), ``copies`` (syndicated copies found: their events
                       are never exported)
=====================  ==============================================================================================

Syndicated copies' events and those of superseded versions are never exported.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator, Sequence
from typing import Any

import duckdb

from ..query.filters import Filters, Page, check_limit, event_where
from ..query.queries import EVENT_ORDER, event_page, event_page_where
from ..query.sql import EVENTS_JOINED, fetch_rows
from ..record import ActorRef, DateValue, Event, Magnitude, Span

_REF = ("name", "code", "sector", "text", "start", "end", "actor_id")
_MAGNITUDES = ("dead", "injured", "arrested", "troops", "money_usd")

#: The flat event table: ``(column name, SQL over events e JOIN articles a)``, in order.
FLAT_COLUMNS: tuple[tuple[str, str], ...] = (
    (("article_id", "e.article_id"), ("event_id", "e.id"), ("seq", "e.seq"), ("day", "e.day"))
    + tuple((c, f"e.{c}") for c in ("type", "mode", "quad", "factuality", "historical"))
    + tuple((f"{p}_{k}", f'e."{p}_{k}"') for p in ("actor", "recipient") for k in _REF)
    + tuple((f"date_{k}", f"e.date_{k}") for k in ("text", "value", "granularity", "source"))
    + tuple(
        (f"location_{k}", f"e.location_{k}")
        for k in ("name", "country", "admin1", "feature", "geonameid", "lat", "lon")
    )
    + (("location", "e.location"),)
    + tuple((k, f"e.{k}") for k in _MAGNITUDES)
    + tuple((f"trigger_{k}", f"e.trigger_{k}") for k in ("text", "start", "end"))
    + (
        ("sentence_start", "e.sentence_start"),
        ("sentence_end", "e.sentence_end"),
        ("sentence", "substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start)"),
        ("symmetric", 'e."symmetric"'),
        ("confidence", "e.confidence"),
    )
    + tuple((f"article_{k}", f"a.{k}") for k in ("url", "title", "source", "published", "language", "story_id"))
    + (
        ("article_ingested", "a.ingested"),
        ("article_copies", "(SELECT count(*) FROM duplicates d WHERE d.original_id = a.id)"),
    )
)
#: The flat table's column names, in order: the header of every flat export.
FLAT_NAMES: tuple[str, ...] = tuple(name for name, _ in FLAT_COLUMNS)
#: Rows fetched from DuckDB at a time: exports stream, whatever the database size.
BATCH = 2000


def flat_select(extra: Sequence[tuple[str, str]] = ()) -> str:
    """``e.article_id AS article_id, …``: the flat columns (then ``extra`` ones) as a SELECT list."""
    return ", ".join(f'{sql} AS "{name}"' for name, sql in (*FLAT_COLUMNS, *extra))


def export_sql(filters: Filters, extra: Sequence[tuple[str, str]] = ()) -> tuple[str, list[Any]]:
    """SQL and parameters selecting the flat rows of the events to export, in a stable order (article, then event).

    Copies are never exported, whatever ``filters.include_copies`` says. ``extra`` adds named columns after the flat
    ones (what one format needs and the table does not hold).
    """
    w = event_where(dataclasses.replace(filters, include_copies=False))
    return f"SELECT {flat_select(extra)} {EVENTS_JOINED} WHERE {w.sql()} ORDER BY a.seq, e.seq", w.params


def event_rows(
    con: duckdb.DuckDBPyConnection, filters: Filters, extra: Sequence[tuple[str, str]] = ()
) -> Iterator[dict[str, Any]]:
    """Each exported event as a flat row (column → value, dates as ``datetime.date``), streamed in batches."""
    sql, params = export_sql(filters, extra)
    cursor = con.cursor()  # a result of its own: the caller may query the connection between rows
    try:
        cursor.execute(sql, params)
        names = [d[0] for d in cursor.description or []]
        while batch := cursor.fetchmany(BATCH):
            for row in batch:
                yield dict(zip(names, row, strict=True))
    finally:
        cursor.close()


def flat_events(
    con: duckdb.DuckDBPyConnection, filters: Filters, *, limit: int = 50, cursor: str | None = None
) -> Page:
    """A page of flat rows in ``eventlens events``' order and paging (``events --format csv``): a
    :class:`~eventlens.query.Page` whose items have exactly :data:`FLAT_NAMES`, dates as ISO text."""
    check_limit(limit)
    w = event_page_where(filters, cursor)
    sql = (
        f"SELECT {flat_select([('article_seq', 'a.seq')])} {EVENTS_JOINED} WHERE {w.sql()} "
        f"ORDER BY {EVENT_ORDER} LIMIT ?"
    )
    page = event_page(fetch_rows(con, sql, [*w.params, limit + 1]), limit)
    page.items = [{name: row[name] for name in FLAT_NAMES} for row in page.items]
    return page


def event_from_flat(row: dict[str, Any]) -> Event:
    """The :class:`Event` a flat row holds (its sentence's text filled from the article's)."""

    def ref(prefix: str) -> ActorRef | None:
        if row[f"{prefix}_text"] is None:  # a party's words are never missing when it is there
            return None
        return ActorRef(**{k: row[f"{prefix}_{k}"] for k in _REF})

    date = None
    fields = (row["date_text"], row["date_value"], row["date_granularity"], row["date_source"])
    if any(value is not None for value in fields):  # an undated event's date has no words, but a granularity
        date = DateValue(*fields)
    location = row["location"]
    return Event(
        id=row["event_id"],
        type=row["type"],
        mode=row["mode"],
        quad=row["quad"],
        actor=ref("actor"),
        recipient=ref("recipient"),
        factuality=row["factuality"],
        historical=bool(row["historical"]),
        date=date,
        location=json.loads(location) if isinstance(location, str) else location,
        magnitude=Magnitude(**{k: row[k] for k in _MAGNITUDES}),
        trigger=Span(row["trigger_start"], row["trigger_end"], row["trigger_text"]),
        sentence=Span(row["sentence_start"], row["sentence_end"], row["sentence"]),
        symmetric=bool(row["symmetric"]),
        confidence=row["confidence"],
    )


__all__ = [
    "BATCH",
    "FLAT_COLUMNS",
    "FLAT_NAMES",
    "event_from_flat",
    "event_rows",
    "export_sql",
    "flat_events",
    "flat_select",
]
