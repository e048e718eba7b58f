"""Which DuckDB eventlens runs on, and what it says when a database file was written by another DuckDB.

A DuckDB database file carries the storage version of the DuckDB that wrote it. DuckDB reads the storage versions
of older releases, never those of newer ones: a file written by DuckDB 2.x cannot be opened by DuckDB 1.x (1.0.0 and
1.5.6 both refuse one that 2.0.1 wrote), and a file written with the storage of a DuckDB release after this one
cannot be opened here. eventlens therefore requires DuckDB 2.x (:data:`SUPPORTED_DUCKDB`, the requirement in
``pyproject.toml``; the lock pins the release the tests run on), and turns DuckDB's storage-version error into a
one-line :class:`~eventlens.errors.StoreError` that says which side is newer and what to do.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from ..errors import StoreError

#: The DuckDB releases eventlens supports: ``pyproject.toml`` requires exactly this range (a test holds them together).
SUPPORTED_DUCKDB = ">=2.0,<3"

# DuckDB's own wording, as 1.0.0, 1.5.6 and 2.0.1 raise it: "Trying to read a database file with [storage ]version
# number 70, but we can only read [storage ]version[s] [between] 64[ and 69].\nThe database file was created with a
# newer version of DuckDB." (or "with DuckDB version v0.8.0 or v0.8.1", "with an older development version of DuckDB").
_NUMBERS = re.compile(
    r"version number (\d+), but we can only read (?:storage )?versions? (?:between )?(\d+)(?: and (\d+))?", re.I
)
_CREATED_WITH = re.compile(r"created with (.+?)\.?\s*$", re.M)
# DuckDB's wording when the database header (not the file header) is past what it reads.
_NEWER = re.compile(r"written with a storage version greater than the latest version supported", re.I)


def storage_mismatch(path: Path, message: str) -> StoreError | None:
    """The :class:`StoreError` for a DuckDB error ``message`` saying that the file's storage version cannot be read
    here, or ``None`` when the error is about something else."""
    here = f"eventlens here uses DuckDB {duckdb.__version__}"
    numbers = _NUMBERS.search(message)
    if numbers is None:
        if _NEWER.search(message):
            return StoreError(
                f"{path}: this database was written by a newer DuckDB; {here}: upgrade eventlens (and DuckDB with "
                "it) to open it"
            )
        return None
    version, lowest = int(numbers.group(1)), int(numbers.group(2))
    highest = int(numbers.group(3) or lowest)
    reads = f"storage versions {lowest} to {highest}" if highest != lowest else f"storage version {lowest}"
    created = _CREATED_WITH.search(message)
    writer = created.group(1).strip() if created else ""
    if version > highest:
        return StoreError(
            f"{path}: this database was written by a newer DuckDB (storage version {version}); {here}, which reads "
            f"{reads}: upgrade eventlens (and DuckDB with it) to open it"
        )
    written_by = f"{writer}, " if writer.lower().startswith("duckdb version") else ""
    return StoreError(
        f"{path}: this database was written by an older DuckDB ({written_by}storage version {version}); {here}, "
        f"which reads {reads}: open it with the DuckDB that wrote it, EXPORT DATABASE there and IMPORT DATABASE "
        "here, or ingest the articles again"
    )


__all__ = ["SUPPORTED_DUCKDB", "storage_mismatch"]
