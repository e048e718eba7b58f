"""The ``eventlens`` command line: one thin wrapper per command, each in ``eventlens/commands/<name>.py``.

Exit codes: 0 everything worked; 1 some inputs failed (each reported on stderr) or an error; 2 wrong usage;
126 nearly everything failed (at least 90% of the inputs).
"""

from __future__ import annotations

import importlib
import logging

import typer

#: Command modules, each with ``register(app)``. Order is the order ``--help`` lists them.
COMMAND_MODULES = (
    "extract",
    "load",
    "ingest",
    "check",
    "serve",
    "demo",
    "events",
    "quotes",
    "actors",
    "stories",
    "dyads",
    "export",
    "bench",
    "eval",
)

app = typer.Typer(
    name="eventlens",
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


for _name in COMMAND_MODULES:
    importlib.import_module(f"eventlens.commands.{_name}").register(app)


def main() -> None:
    """Entry point of the ``eventlens`` script."""
    app()
