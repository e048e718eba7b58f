"""A database as pandas DataFrames, for notebooks: ``eventlens.connect("crisis.duckdb").events()``.

The event table has the one flat column list every export writes (:mod:`eventlens.export.rows`): the event with
its parties, place, magnitude, offsets and sentence, and its article's metadata. Filters are the CLI's and the
API's (:class:`eventlens.query.Filters`). pandas is not a dependency of eventlens: install it to use this module.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..config import Settings, settings_from_env
from ..errors import ConfigError
from ..query import Filters, actors
from ..query.filters import quote_where
from ..query.sql import QUOTES_JOINED
from ..store import Store
from .rows import export_sql


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - pandas is installed with the dev extras
        raise ConfigError("eventlens.connect gives pandas DataFrames: pip install pandas") from e
    return pandas


class Database:
    """A read-only view of a database ``eventlens ingest`` wrote, as DataFrames.

    Args:
        db: the DuckDB file.
        settings: where ``lock_wait`` comes from (the environment's settings otherwise).
    """

    def __init__(self, db: str, *, settings: Settings | None = None) -> None:
        settings = settings or settings_from_env()
        self.store = Store(db, read_only=True, lock_wait=settings.lock_wait)

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def events(self, **filters: Any) -> Any:
        """Counted events (never a syndicated copy's), one row each, filtered like ``eventlens events``.

        Example: ``db.events(actor=("RUS",), types=("ASSAULT", "COERCE"), since=datetime.date(2022, 1, 1))``
        """
        sql, params = export_sql(_filters(filters))
        return self.store.con.execute(sql, params).df()

    def quotes(self, **filters: Any) -> Any:
        """Quotes with their speakers and their article's metadata."""
        w = quote_where(_filters(filters))
        sql = f"SELECT q.*, a.title, a.url, a.published {QUOTES_JOINED} WHERE {w.sql()} ORDER BY a.seq, q.seq"
        return self.store.con.execute(sql, w.params).df()

    def actors(self, **filters: Any) -> Any:
        """Each actor (by code, else name) with its events as actor and as recipient."""
        items: list[dict[str, Any]] = []
        cursor: str | None = None
        while True:
            page = actors(self.store.con, _filters(filters), limit=1000, cursor=cursor)
            items += page.items
            if page.next_cursor is None:
                return _pandas().DataFrame(items)
            cursor = page.next_cursor


def _filters(options: dict[str, Any]) -> Filters:
    """:class:`Filters` from keyword arguments (a single string where a tuple is expected is one value)."""
    names = {f.name for f in dataclasses.fields(Filters)}
    unknown = set(options) - names
    if unknown:
        raise TypeError(f"unknown filter(s): {', '.join(sorted(unknown))}; use {', '.join(sorted(names))}")
    values: dict[str, Any] = {
        k: (v,) if isinstance(v, str) and isinstance(getattr(Filters(), k), tuple) else v for k, v in options.items()
    }
    return Filters(**values)


__all__ = ["Database"]
