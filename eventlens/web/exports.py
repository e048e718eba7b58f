"""Export the events of the current filter as CSV, JSON or Parquet, from the dashboard's "Export" links.

The file holds at most :data:`MAX_ROWS` events (a response must stay bounded); when the filter matches more, the
``X-Eventlens-Truncated`` header says so and ``eventlens export`` writes the whole set.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
from fastapi.responses import Response

from . import data
from .db import Database
from .params import WebFilters

EXPORT_FORMATS = ("csv", "json", "parquet")
MAX_ROWS = 100_000

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
}


def to_bytes(table: pa.Table, fmt: str) -> bytes:
    """``table`` as a CSV, JSON (array of objects) or Parquet file."""
    if fmt == "csv":
        sink = io.BytesIO()
        pa_csv.write_csv(table, sink)
        return sink.getvalue()
    if fmt == "parquet":
        buffer = io.BytesIO()
        pq.write_table(table, buffer)
        return buffer.getvalue()
    rows: list[dict[str, Any]] = table.to_pylist()
    return json.dumps(rows, ensure_ascii=False, default=str).encode("utf-8")


def export_response(db: Database, f: WebFilters, fmt: str) -> Response:
    """The events matching ``f`` as a download in ``fmt``."""
    with db.reading() as con:
        table = data.export_table(con, f, max_rows=MAX_ROWS + 1)
    truncated = table.num_rows > MAX_ROWS
    if truncated:
        table = table.slice(0, MAX_ROWS)
    headers = {
        "Content-Disposition": f'attachment; filename="eventlens-events.{fmt}"',
        "X-Eventlens-Rows": str(table.num_rows),
    }
    if truncated:
        headers["X-Eventlens-Truncated"] = f"more than {MAX_ROWS} events match: use `eventlens export` for all"
    return Response(content=to_bytes(table, fmt), media_type=MEDIA_TYPES[fmt], headers=headers)


__all__ = ["EXPORT_FORMATS", "MAX_ROWS", "export_response", "to_bytes"]
