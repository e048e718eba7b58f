"""``eventlens dyads``: actor → recipient pairs, or one pair's series per day, with the cooperation–conflict score."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

import typer

from .. import query
from ..errors import EventlensError
from ..query.render import FORMATS, render
from ._common import EXIT_OK, fail, stderr
from ._query import (
    ACTOR,
    ALL,
    CURSOR,
    DB,
    FACTUALITY,
    FORMAT,
    LIMIT,
    QUAD,
    RECIPIENT,
    SINCE,
    STORY,
    TEXT,
    TYPE,
    UNTIL,
    make_filters,
    open_store,
    run_listing,
)  # fmt: skip

#: A dyad is labelled by its codes: the most frequent name under a code may be a person ("Barack Obama" for USA).
COLUMNS = (
    ("actor", "actor", 14),
    ("recipient", "recipient", 14),
    ("events", "n_events", 6),
    ("verbal coop", "verbal_cooperation", 11),
    ("material coop", "material_cooperation", 13),
    ("verbal confl", "verbal_conflict", 12),
    ("material confl", "material_conflict", 14),
    ("score", "score", 6),
    ("first", "first_day", 10),
    ("last", "last_day", 10),
)
SERIES_COLUMNS = (
    ("day", "day", 10),
    ("events", "n_events", 6),
    ("verbal coop", "verbal_cooperation", 11),
    ("material coop", "material_cooperation", 13),
    ("verbal confl", "verbal_conflict", 12),
    ("material confl", "material_conflict", 14),
    ("score", "score", 6),
)


def dyads_cli(
    db: Path | None = DB,
    actor: list[str] | None = ACTOR,
    recipient: list[str] | None = RECIPIENT,
    series: bool = typer.Option(
        False, "--series", help="Events per day for one --actor → --recipient pair, by quad class, with the score."
    ),
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
    include_unknown: bool = typer.Option(
        False,
        "--include-unknown",
        help="Also list pairs with a party that has no actor code (a name alone, or none) and self-pairs (USA → USA).",
    ),
) -> None:
    """List dyads (who acts on whom) with counts by quad class and a cooperation–conflict score from −1 to +1
    (+1 material cooperation, +0.5 verbal cooperation, −0.5 verbal conflict, −1 material conflict; the mean).
    Pairs are labelled by their actor codes; parties without a code and self-pairs are left out unless
    --include-unknown.

    Example: eventlens dyads --db crisis.duckdb --actor RUS --recipient UKR --series --factuality asserted
    """
    if not series:
        filters = make_filters(**locals())
        lister = partial(query.dyads, include_unknown=include_unknown)
        run_listing(lister, filters, db=db, fmt=fmt, limit=limit, cursor=cursor, every_page=every_page,
                    columns=COLUMNS, title="Dyads")  # fmt: skip
        return
    if len(actor or []) != 1 or len(recipient or []) != 1:
        raise typer.BadParameter("--series needs one --actor and one --recipient", param_hint="--series")
    if fmt not in FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--format")
    assert actor and recipient
    filters = make_filters(**{**locals(), "actor": None, "recipient": None})
    with open_store(db) as store:
        try:
            points = query.dyad_series(store.con, filters, actor=actor[0], recipient=recipient[0])
        except EventlensError as e:
            raise fail(e) from e
    render(points, fmt, sys.stdout, columns=SERIES_COLUMNS, title=f"{actor[0]} → {recipient[0]}")
    stderr.print(f"{len(points)} days with events", markup=False)
    raise typer.Exit(EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command("dyads")(dyads_cli)
