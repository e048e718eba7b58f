"""Export the events of the current filter as CSV, JSON or Parquet, from the dashboard's "Export" links.

The file holds at most :data:`MAX_ROWS` events (a response must stay bounded); when the filter matches more, the
``X-Eventlens-Truncated`` header says so and ``eventlens export`` writes the whole set.

Exports are streamed and bounded (#16; before, 20 clients asking for 100,000 rows each took the server to 5.2 GB and
a tiny ``/api/stories`` call waited 25 s):

- rows come from DuckDB :data:`BATCH_ROWS` at a time (an Arrow record batch reader on a cursor of the export's own)
  and are written out batch by batch, so an export never holds its whole table, in DuckDB's result or in Python;
- at most :data:`MAX_CONCURRENT` exports run at once; one more is answered at once with 503 and ``Retry-After``,
  so exports cannot take every worker thread and the API keeps answering;
- the slot and the cursor are given back however the response ends: finished, failed, or the client gone.

Every format holds the flat event table's columns (:mod:`eventlens.export.rows`), as ``eventlens export --format
csv`` and ``eventlens events --format csv`` do (#15). CSV cells are written by the exports' own
:mod:`eventlens.cells` (text quoted and neutralised for spreadsheets, numbers bare).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import threading
from collections.abc import AsyncIterator, Callable, Generator, Iterator
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from starlette.concurrency import run_in_threadpool
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from ..cells import csv_cell, csv_writer
from . import data
from .db import Database
from .errors import Unavailable
from .params import WebFilters

log = logging.getLogger(__name__)

EXPORT_FORMATS = ("csv", "json", "parquet")
MAX_ROWS = 100_000
#: Rows fetched from DuckDB and written out at a time.
BATCH_ROWS = 2_000
#: Exports running at once; more are refused with 503 until one ends.
MAX_CONCURRENT = 2
#: Seconds a refused client is told to wait.
RETRY_AFTER = 5

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
}


class Busy(Unavailable):
    """Every export slot is taken (503, with ``Retry-After``)."""

    headers = {"Retry-After": str(RETRY_AFTER)}


class ExportSlots:
    """How many exports may run at once: a semaphore that refuses instead of waiting."""

    def __init__(self, size: int = MAX_CONCURRENT) -> None:
        self.size = size
        self._free = threading.BoundedSemaphore(size)

    def take(self) -> Callable[[], None]:
        """Take a slot and return the function that gives it back (once, however often it is called).

        Raises:
            Busy: no slot is free.
        """
        if not self._free.acquire(blocking=False):
            raise Busy(f"{self.size} exports are running; try again in {RETRY_AFTER} s")
        given_back = threading.Event()

        def give_back() -> None:
            if not given_back.is_set():
                given_back.set()
                self._free.release()

        return give_back


# -- encoders: record batches in, bytes out ------------------------------------------------------------------------
def _csv_chunks(batches: Iterator[pa.RecordBatch], names: list[str]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(names)
    for batch in batches:
        for row in batch.to_pylist():
            writer.writerow([csv_cell(row[name]) for name in names])
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue().encode("utf-8")  # the header alone when nothing matched


def _iso(value: Any) -> str:
    """Dates and times as ISO 8601 (as the CSV writes them), anything else as text."""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _json_chunks(batches: Iterator[pa.RecordBatch], names: list[str]) -> Iterator[bytes]:
    yield b"["
    first = True
    for batch in batches:
        parts = [json.dumps(row, ensure_ascii=False, default=_iso) for row in batch.to_pylist()]
        if parts:
            yield (("" if first else ",") + ",".join(parts)).encode("utf-8")
            first = False
    yield b"]"


class _Drain:
    """A write-only file for ParquetWriter that hands out what was written since the last :meth:`take`.

    ``tell`` counts every byte ever written: Parquet's footer records column chunk offsets from it.
    """

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._size = 0
        self.closed = False

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self._parts.append(chunk)
        self._size += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self._size

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def writable(self) -> bool:
        return True

    def take(self) -> bytes:
        out = b"".join(self._parts)
        self._parts.clear()
        return out


def _parquet_chunks(batches: Iterator[pa.RecordBatch], schema: pa.Schema) -> Iterator[bytes]:
    sink = _Drain()
    with pq.ParquetWriter(pa.PythonFile(sink, mode="w"), schema) as writer:
        for batch in batches:
            writer.write_batch(batch)
            yield sink.take()
    yield sink.take()  # the footer


# -- the response --------------------------------------------------------------------------------------------------
class ExportStream(StreamingResponse):
    """A streamed export that closes its cursor and gives its slot back however the response ends."""

    def __init__(self, chunks: Generator[bytes, None, None], on_close: Callable[[], None], **kwargs: Any) -> None:
        self._chunks = chunks
        self._on_close = on_close
        super().__init__(self._pull(), **kwargs)

    async def _pull(self) -> AsyncIterator[bytes]:
        # Each batch is fetched and encoded in a worker thread; a cancelled await still waits for that thread to
        # finish, so no thread is inside the generator when __call__ closes it.
        while (chunk := await run_in_threadpool(next, self._chunks, None)) is not None:
            if chunk:
                yield chunk

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            try:
                self._chunks.close()
            finally:
                self._on_close()


def _open(db: Database, f: WebFilters) -> tuple[duckdb.DuckDBPyConnection, int]:
    """A cursor of the export's own (never a request thread's) and how many rows the export will hold."""
    cursor = db.open_reader()
    try:
        count = data.export_count(cursor, f, max_rows=MAX_ROWS + 1)
    except BaseException:
        cursor.close()
        raise
    return cursor, count


def _chunks(cursor: duckdb.DuckDBPyConnection, f: WebFilters, fmt: str) -> Generator[bytes, None, None]:
    sql, params = data.export_query(f, max_rows=MAX_ROWS)
    try:
        relation = cursor.sql(sql, params=params)
        # DuckDB 2 streams a relation as Arrow batches with ``to_arrow_reader`` (1.x: ``fetch_arrow_reader``).
        to_reader = getattr(relation, "to_arrow_reader", None) or relation.fetch_arrow_reader
        reader: pa.RecordBatchReader = to_reader(BATCH_ROWS)
    except duckdb.Error:
        log.exception("export query failed")
        raise
    batches: Iterator[pa.RecordBatch] = iter(reader)
    if fmt == "csv":
        yield from _csv_chunks(batches, reader.schema.names)
    elif fmt == "parquet":
        yield from _parquet_chunks(batches, reader.schema)
    else:
        yield from _json_chunks(batches, reader.schema.names)


def export_response(db: Database, slots: ExportSlots, f: WebFilters, fmt: str) -> ExportStream:
    """The events matching ``f`` as a streamed download in ``fmt``.

    Raises:
        Busy: :data:`MAX_CONCURRENT` exports are already running.
        StoreError: the database cannot be read.
    """
    give_back = slots.take()
    try:
        with db.reading():  # DuckDB errors become StoreError (503), as for every route
            cursor, count = _open(db, f)
    except BaseException:
        give_back()
        raise

    def close() -> None:
        try:
            cursor.close()
        finally:
            give_back()

    headers = {
        "Content-Disposition": f'attachment; filename="eventlens-events.{fmt}"',
        "X-Eventlens-Rows": str(min(count, MAX_ROWS)),
    }
    if count > MAX_ROWS:
        headers["X-Eventlens-Truncated"] = f"more than {MAX_ROWS} events match: use `eventlens export` for all"
    return ExportStream(_chunks(cursor, f, fmt), close, media_type=MEDIA_TYPES[fmt], headers=headers)


__all__ = ["EXPORT_FORMATS", "MAX_CONCURRENT", "MAX_ROWS", "Busy", "ExportSlots", "ExportStream", "export_response"]
