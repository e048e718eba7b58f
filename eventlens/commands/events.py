"""``eventlens events``: stored events, filtered, as a table, CSV or JSON (syndicated copies not counted)."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import query
from ._query import (
    ACTOR,
    ALL,
    ARTICLE,
    COPIES,
    CURSOR,
    DB,
    FACTUALITY,
    FORMAT,
    INVOLVING,
    LIMIT,
    NAME,
    PLACE,
    QUAD,
    RECIPIENT,
    SINCE,
    STORY,
    TEXT,
    TYPE,
    UNTIL,
    make_filters,
    run_listing,
)  # fmt: skip

COLUMNS = (
    ("day", "day", 10),
    ("type", "type", 9),
    ("mode", "mode", 10),
    ("actor", "actor.name", 18),
    ("recipient", "recipient.name", 18),
    ("factuality", "factuality", 12),
    ("trigger", "trigger.text", 12),
    ("article", "article_id", 16),
    ("start", "sentence.start", 6),
    ("end", "sentence.end", 6),
    ("sentence", "sentence.text", 60),
)


def events_cli(
    db: Path | None = DB,
    text: str | None = TEXT,
    actor: list[str] | None = ACTOR,
    recipient: list[str] | None = RECIPIENT,
    involving: list[str] | None = INVOLVING,
    names: list[str] | None = NAME,
    types: list[str] | None = TYPE,
    quads: list[str] | None = QUAD,
    factualities: list[str] | None = FACTUALITY,
    since: str | None = SINCE,
    until: str | None = UNTIL,
    story: str | None = STORY,
    article: str | None = ARTICLE,
    place: str | None = PLACE,
    include_copies: bool = COPIES,
    limit: int = LIMIT,
    cursor: str | None = CURSOR,
    every_page: bool = ALL,
    fmt: str = FORMAT,
) -> None:
    """List events (who did what to whom), newest first, each with its article id and sentence offsets.

    CSV has the columns of every flat export (eventlens export --format csv, the dashboard's CSV).

    Example: eventlens events --db crisis.duckdb --actor RUS --type ASSAULT,MOBILIZE --since 2022-01-01
    """
    filters = make_filters(**locals())
    from ..export.rows import FLAT_NAMES, flat_events  # the export package: only when a command lists events

    run_listing(query.events, filters, db=db, fmt=fmt, limit=limit, cursor=cursor, every_page=every_page,
                columns=COLUMNS, title="Events", csv_lister=flat_events, csv_fields=FLAT_NAMES)  # fmt: skip


def register(app: typer.Typer) -> None:
    app.command("events")(events_cli)
