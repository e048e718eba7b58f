"""The store: one DuckDB file with articles and everything extracted from them (see :mod:`eventlens.store.store`).

``Store(path, *, read_only=False, lock_wait=10.0)`` is a context manager; ``store.write(record, links) -> AddResult``
writes one article with all its rows in one transaction, linked to its previous version, original and story as
:class:`Links` says (decided beforehand by :mod:`eventlens.analyse.ingest_flow`); ``store.has_article(id)``,
``store.record(id)`` read back.
The schema, its version and migrations are in :mod:`eventlens.store.schema`; :mod:`eventlens.store.check` proves a
database is whole (``eventlens check``).
"""

from __future__ import annotations

from .links import Links, StoredStory, StoryChange
from .schema import SCHEMA_VERSION
from .store import AddResult, Status, Store, connect

__all__ = ["SCHEMA_VERSION", "AddResult", "Links", "Status", "Store", "StoredStory", "StoryChange", "connect"]
