"""Exports of the stored events (syndicated copies never included): PLOVER JSONL, GDELT 2.0 TSV, ACLED CSV, and the
flat event table as CSV or Parquet (docs/formats.md lists each format's columns and the reader it was checked with).

``export(con, filters, fmt, path)`` writes one format; every row keeps its article id and sentence offsets, so any
exported event can be traced back to the characters that say so. Readers for round trips:
:func:`~eventlens.export.plover.read_plover` and :func:`~eventlens.export.flat.read_parquet_events`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

from ..errors import QueryError
from ..query.filters import Filters
from .acled import write_acled
from .flat import read_parquet_events, write_csv, write_parquet
from .gdelt import mentions_path, write_gdelt, write_gdelt_mentions
from .plover import read_plover, write_plover

FORMATS = ("plover", "gdelt", "acled", "csv", "parquet")
#: The file suffix each format is written with when ``-o`` names a folder.
SUFFIX = {"plover": ".jsonl", "gdelt": ".tsv", "acled": ".acled.csv", "csv": ".csv", "parquet": ".parquet"}


def export(con: duckdb.DuckDBPyConnection, filters: Filters, fmt: str, path: str | Path | None) -> int:
    """Write the events matching ``filters`` in ``fmt`` to ``path`` (``None`` or ``-``: stdout); returns how many.

    ACLED holds only the events ACLED records (:mod:`eventlens.export.acled`); the others are left out.

    GDELT has two tables: the mentions go to :func:`~eventlens.export.gdelt.mentions_path` next to a file (not to
    stdout, which gets the events only).

    Raises:
        QueryError: an unknown format, or Parquet asked for on stdout.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if path is None or str(path) == "-":
            raise QueryError("Parquet is binary: give a file with -o")
        return write_parquet(con, filters, path)
    writer = {"plover": write_plover, "gdelt": write_gdelt, "acled": write_acled, "csv": write_csv}[fmt]
    if path is None or str(path) == "-":
        return writer(con, filters, sys.stdout)
    with open(path, "w", encoding="utf-8", newline="") as out:
        n = writer(con, filters, out)
    if fmt == "gdelt":  # GDELT's second table, next to the first
        with open(mentions_path(path), "w", encoding="utf-8", newline="") as out:
            write_gdelt_mentions(con, filters, out)
    return n


__all__ = ["FORMATS", "SUFFIX", "export", "mentions_path", "read_parquet_events", "read_plover"]
