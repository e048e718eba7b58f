"""``eventlens check``: verify a database's integrity (schema, orphans, half-written articles, offsets, links)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..errors import EventlensError
from ..store.check import check_database
from ._common import EXIT_SOME_FAILED, fail, make_settings, stderr


def check_cli(
    db: Path | None = typer.Option(None, "--db", help="DuckDB database file (default ./eventlens.duckdb)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON on stdout."),
    lock_wait: float | None = typer.Option(None, "--lock-wait", help="Seconds to wait for a locked database."),
) -> None:
    """Check that a database is whole: its tables are tables with the columns and types eventlens writes (no view,
    no macro), every row has its article, no article is half-written, every offset lies inside its text and
    matches it, and copies, versions and stories are linked.

    Exits 0 when the database passes, 1 when a rule is broken or the file cannot be read.

    Example: eventlens check --db crisis.duckdb
    """
    settings = make_settings(db=str(db) if db else None, lock_wait=lock_wait)
    try:
        report = check_database(settings.db_path, lock_wait=settings.lock_wait)
    except EventlensError as e:
        raise fail(e) from e
    if as_json:
        data = {"path": str(report.path), "ok": report.ok, "schema_version": report.version}
        typer.echo(json.dumps({**data, "counts": report.counts, "problems": report.problems}, indent=2))
    sizes = ", ".join(f"{report.counts.get(t, 0)} {t}" for t in ("articles", "events", "quotes", "stories"))
    if report.ok:
        stderr.print(f"ok: {report.path} (schema {report.version}): {sizes}", markup=False, soft_wrap=True)
        raise typer.Exit(0)
    for rule, n in report.problems.items():
        stderr.print(f"problem: {rule}: {n}", markup=False, soft_wrap=True)
    stderr.print(f"{report.path}: {len(report.problems)} rules broken", markup=False)
    raise typer.Exit(EXIT_SOME_FAILED)


def register(app: typer.Typer) -> None:
    app.command("check")(check_cli)
