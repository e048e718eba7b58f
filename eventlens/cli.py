"""The ``eventlens`` command line: one thin wrapper per command, each in ``eventlens/commands/<name>.py``.

Exit codes: 0 everything worked; 1 some inputs failed (each reported on stderr) or an error; 2 wrong usage;
126 nearly everything failed (at least 90% of the inputs).

Commands load lazily: ``eventlens --help`` lists them from :data:`COMMANDS` without importing any, and running one
imports only its own module, so no command pays for spaCy, DuckDB or SciPy unless it uses them (#15).
"""

from __future__ import annotations

import gc
import importlib
import logging
from typing import Any

import typer
from typer import _click as click  # typer 0.2x carries its own Click: its group and commands are built from this one
from typer.core import TyperCommand, TyperGroup, TyperOption

#: Each command and the start of its help, in the order ``--help`` lists them (a test checks that each summary
#: begins the command's own help, so the two cannot drift apart).
COMMANDS: dict[str, str] = {
    "extract": "Extract events, actors, places, dates, quantities and quotes from news articles.",
    "load": "Load the records of a Ray run into the database",
    "ingest": "Read news into a database",
    "check": "Check that a database is whole",
    "serve": "Serve the dashboard and the JSON API (OpenAPI at /docs) over a database.",
    "demo": "Try eventlens in one command",
    "events": "List events (who did what to whom), newest first",
    "quotes": "List direct and indirect quotes with their speakers and offsets, newest first.",
    "actors": "List actors by the events they take part in",
    "stories": "List stories (articles about the same happening), largest first",
    "dyads": "List dyads (who acts on whom) with counts by quad class and a cooperation–conflict score",
    "export": "Export events (syndicated copies never included)",
    "bench": "Measure eventlens against bare spaCy with the same model, in one run.",
    "eval": "Score event coding against hand-coded gold.",
}
COMMAND_MODULES = tuple(COMMANDS)


_display_type_rich = TyperOption.display_type_rich


def _flag_type(self: TyperOption, ctx: click.Context) -> str | None:
    """No value type beside a flag in --help: ``--include-copies``, not ``--include-copies <bool>`` (typer 0.29
    labels every option with its type, flags too, which reads as if they took a value)."""
    if self.is_flag and not self.count:
        return None
    return _display_type_rich(self, ctx)


TyperOption.display_type_rich = _flag_type  # type: ignore[method-assign]


def load_command(name: str) -> click.Command:
    """The Click command of ``eventlens <name>``, built from its module (imported now)."""
    sub = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    importlib.import_module(f"eventlens.commands.{name}").register(sub)
    command = typer.main.get_command(sub)
    command.name = name
    return command


class LazyGroup(TyperGroup):
    """A group that lists its commands from :data:`COMMANDS` and imports a command's module only to run it."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        # Asked when listing commands (--help, completion): the summary is enough, nothing is imported.
        if cmd_name not in COMMANDS:
            return None
        return TyperCommand(cmd_name, help=COMMANDS[cmd_name], short_help=COMMANDS[cmd_name])

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        # Running a command: only now is its module imported.
        name = args[0] if args else None
        if name in COMMANDS:
            return name, load_command(name), args[1:]
        return super().resolve_command(ctx, args)


app = typer.Typer(
    name="eventlens",
    cls=LazyGroup,
    help=(
        "Turn news into auditable event data: who did what to whom (PLOVER 2.0), where, when, how much, how sure, "
        "who said what, and which characters say so.\n\nStart with `eventlens demo`, or "
        "`eventlens extract article.txt --published 2022-01-19`."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        from ._version import __version__

        typer.echo(f"eventlens {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log what eventlens does on stderr."),
    version: bool = typer.Option(
        False, "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


def main() -> Any:
    """Entry point of the ``eventlens`` script."""
    try:
        return app()
    finally:
        # The interpreter's shutdown collects garbage over every object still alive: after an extraction, the
        # model, the gazetteer and the actor dictionary, some 0.6 s of CPU spent finding nothing to free. Objects
        # are still freed and files closed as usual; only the cyclic collector skips what lives now.
        gc.freeze()
