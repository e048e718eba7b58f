"""The SQL every reader of the database shares: joins, the quad score, actor keys, and running a query.

The query layer, the dashboard's aggregates and the exports all build on these, so the cooperation–conflict weights
and the event–article join are written once (#12).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from ..errors import QueryError
from ..record import QUADS

Connection = duckdb.DuckDBPyConnection

#: Cooperation–conflict weight of each quad class (a day's or dyad's score is the mean over its events).
QUAD_WEIGHTS: dict[str, float] = {
    "material_cooperation": 1.0,
    "verbal_cooperation": 0.5,
    "verbal_conflict": -0.5,
    "material_conflict": -1.0,
}

#: Events with their article (``e`` and ``a``), and quotes with theirs (``q`` and ``a``).
EVENTS_JOINED = "FROM events e JOIN articles a ON a.id = e.article_id"
QUOTES_JOINED = "FROM quotes q JOIN articles a ON a.id = q.article_id"

#: The key an event's party is grouped by: its code, else its name (``{p}`` is ``actor`` or ``recipient``).
ACTOR_KEY = "coalesce(e.{p}_code, e.{p}_name)"

#: A dyad that rankings show by default (#15): both parties have an actor code, and not the same one. A party known
#: only by a name ("rebels") or not at all ("?"), and a self-pair (USA → USA: "Barack Obama → United States"), would
#: otherwise lead every ranking; ``include_unknown`` options show them.
KNOWN_DYAD = "(e.actor_code IS NOT NULL AND e.recipient_code IS NOT NULL AND e.actor_code <> e.recipient_code)"


def score_sql(quad: str = "e.quad") -> str:
    """The mean cooperation–conflict score of the events in a group, from the quad column ``quad``."""
    cases = " ".join(f"WHEN '{name}' THEN {weight}" for name, weight in QUAD_WEIGHTS.items())
    return f"avg(CASE {quad} {cases} END)"


def quad_counts(quad: str = "e.quad") -> str:
    """One ``count(*) FILTER`` column per quad class, named after it."""
    return ", ".join(f"count(*) FILTER (WHERE {quad} = '{q}') AS {q}" for q in QUADS)


SCORE_SQL = score_sql()
QUAD_COUNTS = quad_counts()


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def fetch_rows(con: Connection, sql: str, params: list[Any], *, iso_dates: bool = True) -> list[dict[str, Any]]:
    """The rows of a query as dicts; a DuckDB error becomes a :class:`QueryError`.

    Dates come as ISO strings (what the API and the CLI print), or as ``datetime.date`` with ``iso_dates=False``
    (for code that computes with them).

    The result is fetched whole, so the connection holds no unfinished result afterwards (a pending result makes
    DuckDB refuse the connection's next query).
    """
    try:
        cursor = con.execute(sql, params)
        names = [d[0] for d in cursor.description or []]
        fetched = cursor.fetchall()
    except duckdb.Error as e:
        raise QueryError(f"query failed: {str(e).splitlines()[0]}") from e
    if not iso_dates:
        return [dict(zip(names, row, strict=True)) for row in fetched]
    return [{n: _iso(v) for n, v in zip(names, row, strict=True)} for row in fetched]


def fetch_scalar(con: Connection, sql: str, params: list[Any]) -> int:
    """The integer a one-value query returns (0 for NULL), with the result fetched whole."""
    found = fetch_rows(con, sql, params)
    value = next(iter(found[0].values())) if found else None
    return int(value) if value is not None else 0


__all__ = [
    "ACTOR_KEY",
    "EVENTS_JOINED",
    "KNOWN_DYAD",
    "QUAD_COUNTS",
    "QUAD_WEIGHTS",
    "QUOTES_JOINED",
    "SCORE_SQL",
    "quad_counts",
    "fetch_rows",
    "fetch_scalar",
    "score_sql",
]
