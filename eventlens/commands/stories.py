"""``eventlens stories``: articles grouped by happening, with readable labels."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import query
from ._query import (
    ALL,
    CURSOR,
    DB,
    FORMAT,
    INVOLVING,
    LIMIT,
    SINCE,
    TEXT,
    TYPE,
    UNTIL,
    make_filters,
    run_listing,
)  # fmt: skip

COLUMNS = (
    ("story", "id", 18),
    ("label", "label", 50),
    ("first", "first_day", 10),
    ("last", "last_day", 10),
    ("articles", "n_articles", 8),
    ("copies", "n_copies", 6),
    ("events", "n_events", 6),
    ("headline", "headline", 40),
)


def stories_cli(
    db: Path | None = DB,
    text: str | None = TEXT,
    involving: list[str] | None = INVOLVING,
    types: list[str] | None = TYPE,
    since: str | None = SINCE,
    until: str | None = UNTIL,
    limit: int = LIMIT,
    cursor: str | None = CURSOR,
    every_page: bool = ALL,
    fmt: str = FORMAT,
) -> None:
    """List stories (articles about the same happening), largest first, with their syndicated copies.

    Example: eventlens stories --db crisis.duckdb --since 2022-02-20
    """
    filters = make_filters(**locals())
    run_listing(query.stories, filters, db=db, fmt=fmt, limit=limit, cursor=cursor, every_page=every_page,
                columns=COLUMNS, title="Stories")  # fmt: skip


def register(app: typer.Typer) -> None:
    app.command("stories")(stories_cli)
