"""The store: one DuckDB file with articles and everything extracted from them (see :mod:`eventlens.store.store`).

``Store(path, *, read_only=False, lock_wait=10.0)`` is a context manager; ``store.add(record) -> AddResult``
writes one article with all its rows in one transaction; ``store.has_article(id)``, ``store.record(id)`` read back.
The schema, its version and migrations are in :mod:`eventlens.store.schema`; :mod:`eventlens.store.check` proves a
database is whole (``eventlens check``).
"""

from __future__ import annotations

from .schema import SCHEMA_VERSION
from .store import AddResult, Status, Store, connect

__all__ = ["SCHEMA_VERSION", "AddResult", "Status", "Store", "connect"]
