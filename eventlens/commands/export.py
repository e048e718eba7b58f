"""``eventlens export``: the stored events as PLOVER JSONL, GDELT 2.0 TSV, ACLED CSV, or a flat CSV or Parquet."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import EventlensError
from ..export import FORMATS, SUFFIX, export, mentions_path
from ..query import count_events
from ._common import EXIT_OK, fail, stderr
from ._query import (
    ACTOR,
    DB,
    FACTUALITY,
    INVOLVING,
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
    open_store,
)  # fmt: skip


def export_cli(
    fmt: str = typer.Option(
        ...,
        "--format",
        "-f",
        help="plover (JSONL), gdelt (GDELT 2.0 TSV: events, and mentions next to them), acled (ACLED CSV), "
        "csv or parquet (the flat event table).",
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="File or folder to write (default: stdout; Parquet needs a file)."
    ),
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
    place: str | None = PLACE,
) -> None:
    """Export events (syndicated copies never included), each row with its article id and sentence offsets.

    Example: eventlens export --db crisis.duckdb --format plover -o events.jsonl
    """
    if fmt not in FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--format")
    filters = make_filters(**locals())
    target = output
    if output is not None and output.is_dir():
        target = output / f"events{SUFFIX[fmt]}"
    left = 0
    with open_store(db) as store:
        try:
            n = export(store.con, filters, fmt, target)
            if fmt == "acled":  # ACLED records fewer kinds of event than PLOVER: say how many had no equivalent
                left = count_events(store.con, filters) - n
        except (EventlensError, OSError) as e:
            raise fail(e if isinstance(e, EventlensError) else EventlensError(f"{target or 'stdout'}: {e}")) from e
    stderr.print(f"exported {n} events as {fmt}" + (f" to {target}" if target else ""), markup=False)
    if left:
        stderr.print(f"{left} events have no ACLED equivalent and were left out (docs/formats.md)", markup=False)
    if fmt == "gdelt":
        where = f"to {mentions_path(target)}" if target and str(target) != "-" else "only with -o (a file)"
        stderr.print(f"GDELT mentions table: written {where}", markup=False)
    raise typer.Exit(EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command("export")(export_cli)
