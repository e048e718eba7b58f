"""Flat exports, one event a row: CSV (text, for spreadsheets) and Parquet (typed, for pandas, R, DuckDB, Spark).

Both hold exactly the flat event table's columns (:data:`~eventlens.export.rows.FLAT_NAMES`), the same as
``eventlens events --format csv`` and the dashboard's downloads. DuckDB writes the Parquet file itself;
:func:`read_parquet_events` reads one back into :class:`~eventlens.record.Event` objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

import duckdb

from ..query.filters import Filters
from ..record import Event
from .cells import csv_cell, csv_writer
from .rows import FLAT_NAMES, event_from_flat, event_rows, export_sql


def write_csv(con: duckdb.DuckDBPyConnection, filters: Filters, out: IO[str]) -> int:
    """Write the events matching ``filters`` as CSV with a header; returns how many.

    Text cells are quoted and neutralised for spreadsheets (:mod:`.cells`); numbers stay bare.
    """
    writer = csv_writer(out)
    writer.writerow(FLAT_NAMES)
    n = 0
    for row in event_rows(con, filters):
        writer.writerow([csv_cell(row[name]) for name in FLAT_NAMES])
        n += 1
    return n


def write_parquet(con: duckdb.DuckDBPyConnection, filters: Filters, path: str | Path) -> int:
    """Write the events matching ``filters`` to a Parquet file (DuckDB's writer, streaming); returns how many."""
    sql, params = export_sql(filters)
    # A cursor of its own: DuckDB 2 refuses a relation on a connection with an unfinished ``execute`` result.
    cursor = con.cursor()
    try:
        cursor.sql(sql, params=params).write_parquet(str(path))
        found = cursor.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()
    finally:
        cursor.close()
    return int(found[0]) if found else 0


def read_parquet_events(path: str | Path) -> Iterator[tuple[str, Event]]:
    """``(article id, event)`` for each row of a Parquet export (each event's sentence text filled in)."""
    con = duckdb.connect()
    try:
        cursor = con.execute("SELECT * FROM read_parquet(?)", [str(path)])
        names = [d[0] for d in cursor.description or []]
        while batch := cursor.fetchmany(1000):
            for values in batch:
                row = dict(zip(names, values, strict=True))
                yield row["article_id"], event_from_flat(row)
    finally:
        con.close()


__all__ = ["read_parquet_events", "write_csv", "write_parquet"]
