"""``eventlens quotes``: who said what, from the stored articles."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import query
from ._query import (
    ALL,
    ARTICLE,
    COPIES,
    CURSOR,
    DB,
    FORMAT,
    LIMIT,
    NAME,
    SINCE,
    SPEAKER,
    STORY,
    TEXT,
    UNTIL,
    make_filters,
    run_listing,
)  # fmt: skip

COLUMNS = (
    ("day", "day", 10),
    ("speaker", "speaker.name", 22),
    ("kind", "kind", 8),
    ("cue", "cue", 8),
    ("quote", "text", 70),
    ("article", "article_id", 16),
    ("start", "start", 6),
    ("end", "end", 6),
)


def quotes_cli(
    db: Path | None = DB,
    speaker: list[str] | None = SPEAKER,
    names: list[str] | None = NAME,
    text: str | None = TEXT,
    since: str | None = SINCE,
    until: str | None = UNTIL,
    story: str | None = STORY,
    article: str | None = ARTICLE,
    include_copies: bool = COPIES,
    limit: int = LIMIT,
    cursor: str | None = CURSOR,
    every_page: bool = ALL,
    fmt: str = FORMAT,
) -> None:
    """List direct and indirect quotes with their speakers and offsets, newest first.

    Example: eventlens quotes --db crisis.duckdb --name Blinken
    """
    filters = make_filters(**locals())
    run_listing(query.quotes, filters, db=db, fmt=fmt, limit=limit, cursor=cursor, every_page=every_page,
                columns=COLUMNS, title="Quotes")  # fmt: skip


def register(app: typer.Typer) -> None:
    app.command("quotes")(quotes_cli)
