"""``eventlens serve``: the dashboard and JSON API over a database, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import secrets
from pathlib import Path

import typer

from ..config import settings_from_env
from ..errors import ConfigError, EventlensError
from ._common import EXIT_USAGE, fail, make_settings, stderr


def check_db(path: Path) -> None:
    """Refuse to serve a database that is not there (serving would create an empty one)."""
    if not path.is_file():
        raise ConfigError(f"{path}: no such database (make one with `eventlens ingest FILES --db {path}`)")


def serve(db: Path, *, host: str, port: int, writable: bool = False) -> None:
    """Serve ``db`` on ``host:port`` in the foreground until interrupted (Ctrl-C).

    With ``writable``, ``POST /api/ingest`` accepts articles from clients holding the token (``EVENTLENS_INGEST_TOKEN``
    or a random one printed on stderr).
    """
    from ..web import create_app
    from ..web.server import allowed_hosts_for, is_loopback, make_server

    if not writable:
        check_db(db)
    given = settings_from_env().ingest_token
    token = given or secrets.token_urlsafe(24)
    if writable and len(token) < 16:
        raise ConfigError("EVENTLENS_INGEST_TOKEN must be at least 16 characters")
    app = create_app(db, allowed_hosts=allowed_hosts_for(host), writable=writable, token=token)
    scope = "this machine only" if is_loopback(host) else "other machines too: anyone who can reach it can read it"
    shown = f"[{host}]" if ":" in host else host
    stderr.print(f"eventlens: serving {db} on http://{shown}:{port} ({scope}); Ctrl-C stops", markup=False)
    if writable:
        told = "from EVENTLENS_INGEST_TOKEN" if given else token
        stderr.print(f"eventlens: POST /api/ingest accepts articles with Authorization: Bearer {told}", markup=False)
    make_server(app, host=host, port=port).run()


def serve_cli(
    db: Path | None = typer.Option(
        None, "--db", help="DuckDB database to serve (default: EVENTLENS_DB or ./eventlens.duckdb)."
    ),
    host: str = typer.Option(
        "127.0.0.1",
        "--host",
        help="Address to bind. The default, 127.0.0.1, lets only this machine connect; 0.0.0.0 opens it to all.",
    ),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    writable: bool = typer.Option(
        False, "--writable", help="Accept articles at POST /api/ingest, with a token (EVENTLENS_INGEST_TOKEN)."
    ),
) -> None:
    """Serve the dashboard and the JSON API (OpenAPI at /docs) over a database.

    Binds 127.0.0.1 by default, so only this machine can connect. Nothing the pages load comes from the internet.

    Example: eventlens serve --db crisis.duckdb   (then open http://127.0.0.1:8000)
    """
    settings = make_settings(db=str(db) if db else None)
    try:
        serve(settings.db_path, host=host, port=port, writable=writable)
    except OSError as e:  # the port is taken, or the address is not on this machine
        stderr.print(f"Error: cannot listen on {host}:{port}: {e.strerror or e}", markup=False)
        raise typer.Exit(EXIT_USAGE) from e
    except EventlensError as e:
        raise fail(e) from e


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_cli)
