"""Flat exports, one event a row: CSV (text, for spreadsheets) and Parquet (typed, for pandas, R, DuckDB, Spark).

Both hold exactly the flat event table's columns (:data:`~eventlens.export.rows.FLAT_NAMES`), the same as
``eventlens events --format csv`` and the dashboard's downloads. pyarrow writes the Parquet file from DuckDB's batches;
:func:`read_parquet_events` reads one back into :class:`~eventlens.record.Event` objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

import duckdb

from ..cells import csv_cell, csv_writer
from ..query.filters import Filters
from ..record import Event
from .rows import FLAT_NAMES, event_from_flat, event_rows, export_sql

#: Rows per Parquet write: exports stream, whatever the database size.
PARQUET_BATCH = 10_000


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
    """Write the events matching ``filters`` to a Parquet file, batch by batch; returns how many.

    The rows stream out of DuckDB as Arrow batches and pyarrow writes the file: the store's connection has no
    access to files (a hostile database must not read or write any, #16), so DuckDB's own ``COPY`` cannot.
    """
    import pyarrow.parquet as pq

    sql, params = export_sql(filters)
    # A cursor of its own: DuckDB 2 refuses a relation on a connection with an unfinished ``execute`` result.
    cursor = con.cursor()
    n = 0
    try:
        relation = cursor.sql(sql, params=params)
        to_reader = getattr(relation, "to_arrow_reader", None) or relation.fetch_arrow_reader
        reader = to_reader(PARQUET_BATCH)
        with pq.ParquetWriter(str(path), reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
                n += batch.num_rows
    finally:
        cursor.close()
    return n


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
