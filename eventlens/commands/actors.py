"""``eventlens actors``: who acts and is acted on, by counted events."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import query
from ._query import (
    ALL,
    CURSOR,
    DB,
    FACTUALITY,
    FORMAT,
    INVOLVING,
    LIMIT,
    QUAD,
    SINCE,
    STORY,
    TEXT,
    TYPE,
    UNTIL,
    make_filters,
    run_listing,
)  # fmt: skip

COLUMNS = (
    ("name", "name", 28),
    ("code", "code", 6),
    ("sector", "sector", 6),
    ("events", "n_events", 7),
    ("as actor", "as_actor", 8),
    ("as recipient", "as_recipient", 12),
    ("articles", "n_articles", 8),
)


def actors_cli(
    db: Path | None = DB,
    involving: list[str] | None = INVOLVING,
    types: list[str] | None = TYPE,
    quads: list[str] | None = QUAD,
    factualities: list[str] | None = FACTUALITY,
    since: str | None = SINCE,
    until: str | None = UNTIL,
    story: str | None = STORY,
    text: str | None = TEXT,
    limit: int = LIMIT,
    cursor: str | None = CURSOR,
    every_page: bool = ALL,
    fmt: str = FORMAT,
) -> None:
    """List actors by the events they take part in (syndicated copies not counted), most active first.

    Example: eventlens actors --db crisis.duckdb --type ASSAULT
    """
    filters = make_filters(**locals())
    run_listing(query.actors, filters, db=db, fmt=fmt, limit=limit, cursor=cursor, every_page=every_page,
                columns=COLUMNS, title="Actors")  # fmt: skip


def register(app: typer.Typer) -> None:
    app.command("actors")(actors_cli)
