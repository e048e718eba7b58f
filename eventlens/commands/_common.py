"""What every command shares: settings from options, error reporting, exit codes and progress on stderr."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..config import Settings, settings_from_env
from ..datetimes import parse_published
from ..errors import EventlensError, InputError
from ..ingest import read_path, read_stdin
from ..record import Article

T = TypeVar("T")

#: Everything for people (progress, reports, errors) goes to stderr, so stdout stays clean data.
stderr = Console(stderr=True, highlight=False)

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_NEARLY_ALL_FAILED = 126


def exit_code(ok: int, failed: int) -> int:
    """0 when nothing failed, 126 when at least 90% of the inputs failed, 1 otherwise."""
    if failed == 0:
        return EXIT_OK
    if failed >= 0.9 * (ok + failed):
        return EXIT_NEARLY_ALL_FAILED
    return EXIT_SOME_FAILED


def make_settings(**overrides: Any) -> Settings:
    """Settings from the environment, then command-line options (which win)."""
    return settings_from_env().with_overrides(**overrides)


def checked_published(value: str | None) -> str | None:
    """A ``--published`` value as ``YYYY-MM-DD``; a usage error (exit 2) when it names no day (``2015-31-11``)."""
    if value is None:
        return None
    try:
        return parse_published(value, day_first=settings_from_env().day_first)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--published") from e


def report(error: InputError) -> None:
    """One line on stderr naming the input and the reason it was skipped."""
    stderr.print(f"[yellow]skipped[/] {error.source}: {error.reason}", markup=True, soft_wrap=True)


def fail(error: EventlensError) -> typer.Exit:
    """Print an error for a person and return the exit to raise."""
    stderr.print(f"Error: {error}", markup=False, soft_wrap=True)
    return typer.Exit(EXIT_SOME_FAILED)


def read_inputs(
    inputs: Iterable[str], settings: Settings, defaults: dict[str, Any] | None = None
) -> Iterator[Article | InputError]:
    """Articles from paths, folders and ``-`` (stdin), in order; unusable inputs come as errors."""
    for item in inputs:
        if item == "-":
            yield from read_stdin(settings, defaults)
        else:
            yield from read_path(Path(item), settings, defaults)


def progress_line(*, show: bool = True) -> Progress:
    """A one-line progress display on stderr (spinner, what is done, time), shown only on a terminal and gone when
    the work is: ``with progress_line() as bar: task = bar.add_task("extract", total=None)``."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=not show,
    )


def is_terminal() -> bool:
    return sys.stderr.isatty()
