"""``eventlens ingest``: feeds, pages, files and folders into a DuckDB database, once or on a schedule."""

from __future__ import annotations

import re
import time
from pathlib import Path

import typer

from ..analyse.ingest_flow import IngestReport, ingest
from ..config import Settings
from ..errors import EventlensError
from ..ingest.fetch import FetchState
from ..ingest.sources import read_sources
from ..store import Store
from ._common import exit_code, fail, make_settings, progress_line, report, stderr

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
EXIT_INTERRUPTED = 130


def parse_duration(text: str) -> float:
    """Seconds in ``90``, ``30s``, ``15m``, ``1h`` or ``1d``."""
    match = _DURATION.match(text.lower())
    if not match or float(match[1]) <= 0:
        raise typer.BadParameter(f"{text!r} is not a duration like 30s, 15m, 1h", param_hint="--watch")
    return float(match[1]) * _SECONDS[match[2]]


class DeferredState(FetchState):
    """Fetch state saved only when the pass's articles are all stored, not when its sources are all read.

    (Extraction runs ahead of the reader; saving when reading ends could mark as seen a feed entry whose article a
    kill then kept out of the database, and the next run would never take it.)
    """

    def save(self) -> None:
        pass

    def commit(self) -> None:
        super().save()


def state_path(db: Path) -> Path:
    """Where ``--watch`` keeps validators and seen feed entries: next to the database."""
    return db.with_name(db.name + ".fetchstate.json")


def run_pass(
    sources: list[str], settings: Settings, *, workers: int, allow_private: bool, state: DeferredState | None
) -> IngestReport:
    """One pass over ``sources`` into ``settings.db``, with a progress line on stderr."""
    with (
        Store(settings.db_path, lock_wait=settings.lock_wait) as store,
        progress_line() as bar,
    ):
        task = bar.add_task("ingesting", total=None)

        def show(r: IngestReport) -> None:
            bar.update(task, description=f"ingest: {r.summary()}")

        items = read_sources(sources, settings, allow_private=allow_private, state=state)
        result = ingest(items, store, settings, workers=workers, on_error=report, progress=show)
    if state is not None:
        state.commit()
    return result


def ingest_cli(
    sources: list[str] = typer.Argument(
        ..., help="Feeds (RSS/Atom), OPML lists, page URLs, files (.txt .html .json .jsonl, .gz), folders, or -."
    ),
    db: Path | None = typer.Option(None, "--db", help="DuckDB database file (default ./eventlens.duckdb)."),
    watch: str | None = typer.Option(
        None, "--watch", help="Poll the sources again every interval (30s, 15m, 1h) and take only what is new."
    ),
    workers: int | None = typer.Option(None, "--workers", "-w", help="Extraction processes (default: one per core)."),
    allow_private: bool = typer.Option(
        False, "--allow-private", help="Let URLs reach loopback and private addresses (local servers, intranets)."
    ),
    lock_wait: float | None = typer.Option(None, "--lock-wait", help="Seconds to wait for a locked database."),
    allow_any_language: bool = typer.Option(False, "--any-language", help="Do not skip non-English text."),
    follow_symlinks: bool = typer.Option(
        False, "--follow-symlinks", help="Read files that symbolic links inside input folders point to (off: skipped)."
    ),
) -> None:
    """Read news into a database: extract each new article and store it with all its rows in one transaction.

    Articles already stored (same text) are skipped before extraction; the same URL with a new text is stored as a
    new version; syndicated copies are linked to their first appearance and not counted twice. An interrupted run
    leaves no half-written article: run the same command again to finish the job.

    Example: eventlens ingest feeds.opml pages/ dump.jsonl --db crisis.duckdb
    """
    interval = parse_duration(watch) if watch else None
    settings = make_settings(
        db=str(db) if db else None,
        workers=workers,
        lock_wait=lock_wait,
        require_english=False if allow_any_language else None,
        follow_symlinks=follow_symlinks or None,
    )
    state = DeferredState.load(state_path(settings.db_path)) if interval else None
    assert state is None or isinstance(state, DeferredState)
    ok = failed = 0
    try:
        while True:
            result = run_pass(sources, settings, workers=settings.workers, allow_private=allow_private, state=state)
            ok, failed = ok + result.ok, failed + result.failed
            stderr.print(f"ingest: {result.summary()} → {settings.db_path}", markup=False, soft_wrap=True)
            if interval is None:
                break
            stderr.print(f"watching: next pass in {watch}", markup=False)
            time.sleep(interval)
    except EventlensError as e:
        raise fail(e) from e
    except KeyboardInterrupt:
        stderr.print("interrupted: nothing half-written; run the same command again to finish", markup=False)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    raise typer.Exit(exit_code(ok, failed))


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_cli)


__all__ = ["DeferredState", "ingest_cli", "parse_duration", "register", "run_pass", "state_path"]
