"""The server's handle on the database.

A read-only server (``eventlens serve``) opens the file for each request and lets go of it after: DuckDB lets one
process write a file or any number read it, never both at once, so holding it open would stop ``eventlens ingest``
from adding articles while the dashboard is open (#15). Requests that overlap share one open database (DuckDB's
instance cache), so concurrent clients cost one open; a request that finds the file held by a writer waits up to
``lock_wait`` seconds (ingest holds it only while it writes an article).

A writable server (the token-protected ingest endpoint) is the writer: it keeps one connection per process and one
cursor per request thread, and writes through the ingest flow.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from ..analyse.ingest_flow import IngestFlow
from ..errors import StoreError
from ..store import Store, connect
from ..store.schema import check_catalog, check_version


class Database:
    """A lazily opened DuckDB file shared by the request threads."""

    def __init__(self, path: Path, *, writable: bool = False, lock_wait: float = 10.0) -> None:
        self.path = path
        self.writable = writable
        self.lock_wait = lock_wait
        self._con: duckdb.DuckDBPyConnection | None = None
        self._store: Store | None = None
        self._flow: IngestFlow | None = None
        self._open_lock = threading.Lock()
        self._local = threading.local()
        #: Serialises writers inside this process (DuckDB allows one writer at a time anyway).
        self.write_lock = threading.Lock()

    def connection(self) -> duckdb.DuckDBPyConnection:
        """The process-wide connection (opened on first use)."""
        if self._con is None:
            with self._open_lock:
                if self._con is None:
                    if self.writable:
                        # A writable server migrates the schema as ingest would, and writes through the ingest flow.
                        self._store = Store(self.path, lock_wait=self.lock_wait)
                        self._con = self._store.con
                    else:
                        self._con = self._open_read_only()
        return self._con

    def _open_read_only(self) -> duckdb.DuckDBPyConnection:
        con = connect(self.path, read_only=True, lock_wait=self.lock_wait)
        try:
            check_catalog(con)
            check_version(con)
        except duckdb.Error as e:
            con.close()
            raise StoreError(f"{self.path}: not a usable eventlens database: {str(e).strip().splitlines()[0]}") from e
        except StoreError as e:
            con.close()
            raise StoreError(f"{self.path}: {e}") from e
        return con

    def store(self) -> Store:
        """The :class:`Store` a writable server adds articles through."""
        self.connection()
        if self._store is None:
            raise StoreError(f"{self.path}: opened read-only")
        return self._store

    def ingest_flow(self) -> IngestFlow:
        """The :class:`IngestFlow` a writable server adds articles through (call it under :attr:`write_lock`)."""
        store = self.store()
        if self._flow is None or self._flow.store is not store:
            self._flow = IngestFlow(store)
        return self._flow

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor on the writable connection (DuckDB connections are not shared between threads)."""
        cur: duckdb.DuckDBPyConnection | None = getattr(self._local, "cursor", None)
        if cur is None:
            cur = self.connection().cursor()
            self._local.cursor = cur
        return cur

    def open_reader(self) -> duckdb.DuckDBPyConnection:
        """A connection of the caller's own, to close when done: the file is let go when the last one closes
        (read-only), or a cursor on the writable connection."""
        if self.writable:
            return self.connection().cursor()
        return self._open_read_only()

    @contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """``with db.reading() as con:`` a connection for this request; DuckDB errors become :class:`StoreError`."""
        if self.writable:
            try:
                yield self.cursor()
            except duckdb.Error as e:
                raise StoreError(f"{self.path}: {e}") from e
            return
        con = self.open_reader()
        try:
            yield con
        except duckdb.Error as e:
            raise StoreError(f"{self.path}: {e}") from e
        finally:
            con.close()

    def close(self) -> None:
        with self._open_lock:
            if self._store is not None:
                self._store.close()
            elif self._con is not None:
                self._con.close()
            self._con = None
            self._store = None
            self._flow = None
        self._local = threading.local()


__all__ = ["Database"]
