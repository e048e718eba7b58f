"""The event rows every export writes: counted events only (never a syndicated copy's), with their article."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import duckdb

from ..query.filters import Filters, event_where
from ..query.sql import EVENTS_JOINED
from ..store.rows import COLUMNS

#: Article columns joined to each event row (``article_`` prefix in flat exports).
ARTICLE_COLUMNS = ("url", "title", "source", "published", "language", "story_id")
#: Rows fetched from DuckDB at a time: exports stream, whatever the database size.
BATCH = 2000


def export_sql(filters: Filters) -> tuple[str, list[Any]]:
    """SQL and parameters selecting the events to export, in a stable order (article, then event)."""
    counted = dataclasses.replace(filters, include_copies=False)
    w = event_where(counted)
    event_cols = ", ".join(f'e."{c}"' for c in COLUMNS["events"] if c != "counted")
    article_cols = ", ".join(f"a.{c} AS article_{c}" for c in ARTICLE_COLUMNS)
    sql = (
        f"SELECT {event_cols}, {article_cols}, "
        "substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence, "
        "(SELECT count(*) FROM duplicates d WHERE d.original_id = a.id) AS article_copies "
        f"{EVENTS_JOINED} WHERE {w.sql()} ORDER BY a.seq, e.seq"
    )
    return sql, w.params


def event_rows(con: duckdb.DuckDBPyConnection, filters: Filters) -> Iterator[dict[str, Any]]:
    """Each exported event as a column → value dict (dates as ``datetime.date``)."""
    sql, params = export_sql(filters)
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description or []]
    while batch := cursor.fetchmany(BATCH):
        for row in batch:
            yield dict(zip(names, row, strict=True))


__all__ = ["ARTICLE_COLUMNS", "BATCH", "event_rows", "export_sql"]
