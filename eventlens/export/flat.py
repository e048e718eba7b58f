"""Flat exports, one event a row: CSV (text, for spreadsheets) and Parquet (typed, for pandas, R, DuckDB, Spark).

The columns are the store's ``events`` columns (offsets of the trigger, the sentence and both actors included),
then the article's (``article_url``, ``article_title``, ``article_source``, ``article_published``,
``article_language``, ``article_story_id``), the sentence text and ``article_copies`` (how many syndicated copies
of the article were found; their events are not exported). :func:`read_parquet_events` reads a Parquet export back
into :class:`~eventlens.record.Event` objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

import duckdb
import pyarrow.parquet as pq

from ..query.filters import Filters
from ..record import Event
from ..store.rows import event_from_row
from .cells import csv_cell, csv_writer
from .rows import BATCH, event_rows, export_sql


def write_csv(con: duckdb.DuckDBPyConnection, filters: Filters, out: IO[str]) -> int:
    """Write the events matching ``filters`` as CSV with a header; returns how many.

    Text cells are quoted and neutralised for spreadsheets (:mod:`.cells`); numbers stay bare.
    """
    writer = csv_writer(out)
    n = 0
    for row in event_rows(con, filters):
        if n == 0:
            writer.writerow(row.keys())
        writer.writerow([csv_cell(v) for v in row.values()])
        n += 1
    if n == 0:
        sql, params = export_sql(filters)
        cursor = con.execute(f"SELECT * FROM ({sql}) LIMIT 0", params)
        writer.writerow([d[0] for d in cursor.description or []])
    return n


def write_parquet(con: duckdb.DuckDBPyConnection, filters: Filters, path: str | Path) -> int:
    """Write the events matching ``filters`` to a Parquet file; returns how many."""
    sql, params = export_sql(filters)
    # A cursor of its own: DuckDB 2 refuses a relation on a connection with an unfinished ``execute`` result.
    cursor = con.cursor()
    try:
        relation = cursor.sql(sql, params=params)
        # DuckDB 2 streams a relation as Arrow batches with ``to_arrow_reader`` (1.x: ``fetch_arrow_reader``),
        # never the whole table at once.
        to_reader = getattr(relation, "to_arrow_reader", None) or relation.fetch_arrow_reader
        reader = to_reader(BATCH)
        n = 0
        with pq.ParquetWriter(str(path), reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
                n += batch.num_rows
    finally:
        cursor.close()
    return n


def read_parquet_events(path: str | Path) -> Iterator[tuple[str, Event]]:
    """``(article id, event)`` for each row of a Parquet export."""
    table = pq.read_table(str(path))
    for row in table.to_pylist():
        yield row["article_id"], event_from_row(row)


__all__ = ["read_parquet_events", "write_csv", "write_parquet"]
