"""What the query commands (events, quotes, actors, stories, dyads, export) share: filter options, paging, output."""

from __future__ import annotations

import datetime as dt
import difflib
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import typer

from ..datetimes import parse_iso_day
from ..errors import EventlensError
from ..query import Filters, Page
from ..query.render import FORMATS, render
from ..record import FACTUALITIES, PLOVER_TYPES, QUADS
from ..store import Store
from ._common import EXIT_OK, fail, make_settings, stderr

Lister = Callable[..., Page]


def split(values: list[str] | None, *, upper: bool = False, lower: bool = False) -> tuple[str, ...]:
    """Repeated options and comma-separated lists alike: ``--type ASSAULT,MOBILIZE --type SANCTION``."""
    out: list[str] = []
    for value in values or []:
        parts = [p.strip() for p in value.split(",") if p.strip()]
        out += [p.upper() if upper else p.lower() if lower else p for p in parts]
    return tuple(dict.fromkeys(out))


def parse_day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_iso_day(value)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint=option) from e


# Options shared by every query command (typer reads them from each function's signature).
DB = typer.Option(None, "--db", help="DuckDB database file (default ./eventlens.duckdb).")
TEXT = typer.Option(None, "--text", "-q", help="Words that must all appear in the article's title or text.")
ACTOR = typer.Option(
    None,
    "--actor",
    help="Source actor: a code (RUS, NATO), a code with a sector (USAGOV: US government) or a whole name; "
    "commas for several. Part of a name: --name.",
)
RECIPIENT = typer.Option(None, "--recipient", help="Recipient (target): a code, code with sector, or whole name.")
INVOLVING = typer.Option(None, "--involving", help="Either side of the event: a code, code with sector, or name.")
NAME = typer.Option(None, "--name", help="Part of either party's name (or the speaker's), any case: Blinken.")
TYPE = typer.Option(None, "--type", "-t", help="PLOVER event types, e.g. ASSAULT,MOBILIZE.")
QUAD = typer.Option(None, "--quad", help="Quad classes: verbal_cooperation, material_conflict, …")
FACTUALITY = typer.Option(None, "--factuality", help="asserted, negated, hypothetical, future.")
SINCE = typer.Option(None, "--since", help="First day, inclusive (YYYY-MM-DD).")
UNTIL = typer.Option(None, "--until", help="Last day, inclusive (YYYY-MM-DD).")
STORY = typer.Option(None, "--story", help="Only this story (an id from `eventlens stories`).")
ARTICLE = typer.Option(None, "--article", help="Only this article id.")
SPEAKER = typer.Option(None, "--speaker", help="Quote speaker: a code, code with sector, or whole name.")
PLACE = typer.Option(None, "--place", help="Event location: part of a place name, or a country code.")
COPIES = typer.Option(False, "--include-copies", help="Also show syndicated copies' rows (never counted).")
LIMIT = typer.Option(50, "--limit", "-n", min=1, max=1000, help="Items per page.")
CURSOR = typer.Option(None, "--cursor", help="Continue from a page's next cursor (printed on stderr).")
ALL = typer.Option(False, "--all", help="Every page, not only the first.")
FORMAT = typer.Option("table", "--format", "-f", help="table, csv, json (a list) or jsonl (one item a line).")


def closed_set(values: tuple[str, ...], valid: Sequence[str], option: str) -> tuple[str, ...]:
    """``values`` when each is one of ``valid``; else a usage error listing them and suggesting the closest."""
    for value in values:
        if value not in valid:
            close = difflib.get_close_matches(value, valid, n=1, cutoff=0.5)
            hint = f" Did you mean {close[0]}?" if close else ""
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(valid)}.{hint}", param_hint=option)
    return values


def make_filters(**options: Any) -> Filters:
    """:class:`Filters` from command-line option values (lists split on commas, dates parsed, closed sets checked)."""
    try:
        return Filters(
            text=options.get("text"),
            actor=split(options.get("actor")),
            recipient=split(options.get("recipient")),
            involving=split(options.get("involving")),
            names=split(options.get("names")),
            types=closed_set(split(options.get("types"), upper=True), PLOVER_TYPES, "--type"),
            quads=closed_set(split(options.get("quads"), lower=True), QUADS, "--quad"),
            factualities=closed_set(split(options.get("factualities"), lower=True), FACTUALITIES, "--factuality"),
            since=parse_day(options.get("since"), "--since"),
            until=parse_day(options.get("until"), "--until"),
            story=options.get("story"),
            article=options.get("article"),
            speaker=split(options.get("speaker")),
            place=options.get("place"),
            include_copies=bool(options.get("include_copies")),
        )
    except EventlensError as e:
        raise typer.BadParameter(str(e)) from e


def open_store(db: Path | None) -> Store:
    settings = make_settings(db=str(db) if db else None)
    try:
        return Store(settings.db_path, read_only=True, lock_wait=settings.lock_wait)
    except EventlensError as e:
        raise fail(e) from e


def warn_unknown_codes(con: Any, filters: Filters) -> None:
    """Warn about each actor value that looks like a code but that no event or quote in the database carries."""
    values = dict.fromkeys(filters.actor + filters.recipient + filters.involving + filters.speaker)
    for value in values:
        if not (value.isupper() and value.isalnum() and 2 <= len(value) <= 9):
            continue  # a name, not a code
        sql = (
            "SELECT (SELECT count(*) FROM events WHERE starts_with(?, upper(actor_code)) "
            "OR starts_with(?, upper(recipient_code))) + "
            "(SELECT count(*) FROM quotes WHERE starts_with(?, upper(speaker_code)))"
        )
        row = con.execute(sql, [value] * 3).fetchall()
        if not row or not row[0][0]:
            stderr.print(f"warning: no event or quote in this database has an actor coded {value}", markup=False)


def run_listing(
    lister: Lister,
    filters: Filters,
    *,
    db: Path | None,
    fmt: str,
    limit: int,
    cursor: str | None,
    every_page: bool,
    columns: Sequence[tuple[str, str, int]],
    title: str,
    csv_lister: Lister | None = None,
    csv_fields: Sequence[str] = (),
) -> None:
    """List items page by page to stdout in ``fmt``; the next cursor (if any) goes to stderr.

    ``csv_lister`` (with the same paging) gives the CSV rows instead, with the columns ``csv_fields``.
    """
    if fmt not in FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--format")
    next_cursor: list[str | None] = [None]
    if fmt == "csv" and csv_lister is not None:
        lister = csv_lister
    with open_store(db) as store:

        def pages() -> Iterator[dict[str, Any]]:
            page_cursor = cursor
            while True:
                page = lister(store.con, filters, limit=limit, cursor=page_cursor)
                yield from page.items
                next_cursor[0] = page.next_cursor
                if not every_page or page.next_cursor is None:
                    return
                page_cursor = page.next_cursor

        try:
            n = render(pages(), fmt, sys.stdout, columns=columns, title=title, fields=csv_fields)
        except EventlensError as e:
            raise fail(e) from e
        warn_unknown_codes(store.con, filters)
    more = f"; more with --cursor {next_cursor[0]}" if next_cursor[0] else ""
    stderr.print(f"{n} {title.lower()}{more}", markup=False, soft_wrap=True)
    raise typer.Exit(EXIT_OK)


__all__ = ["closed_set", "make_filters", "open_store", "run_listing", "split", "warn_unknown_codes"]
