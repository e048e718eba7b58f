"""The server's handle on the database: one DuckDB connection per process, one cursor per request thread.

DuckDB runs many readers in parallel inside one process (each thread gets its own cursor on the same database),
so the API serves concurrent clients from one file without a server. The file is opened read-only unless the app
was built writable (the token-protected ingest endpoint), so ``eventlens serve`` never changes a database by
accident and several read-only servers may share one file.
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
        """This thread's cursor (DuckDB connections are not shared between threads; cursors are cheap)."""
        cur: duckdb.DuckDBPyConnection | None = getattr(self._local, "cursor", None)
        if cur is None:
            cur = self.connection().cursor()
            self._local.cursor = cur
        return cur

    @contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """``with db.reading() as con:`` a cursor for this request; DuckDB errors become :class:`StoreError`."""
        try:
            yield self.cursor()
        except duckdb.Error as e:
            raise StoreError(f"{self.path}: {e}") from e

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
