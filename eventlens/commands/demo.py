"""``eventlens demo``: the bundled sample corpus ingested, the dashboard served on 127.0.0.1, a browser opened."""

from __future__ import annotations

import json
import os
import sys
import threading
import webbrowser
from pathlib import Path

import typer

from ..errors import EventlensError
from ..jsonl import jsonl_lines
from ._common import EXIT_USAGE, fail, make_settings, stderr

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample" / "voa_sample.jsonl"
DEFAULT_DB = Path("eventlens-demo.duckdb")


def sample_ids(sample: Path = SAMPLE) -> list[str]:
    """The article ids of the bundled sample (each line carries its id)."""
    ids = []
    for _, line in jsonl_lines(sample.read_text(encoding="utf-8")):
        ids.append(str(json.loads(line)["id"]))
    return ids


def needs_sample(db: Path) -> bool:
    """Whether the sample must be (re)ingested into ``db``.

    Yes when the file is missing, or when it holds part of the sample (an interrupted demo: ingest resumes).
    A database of the user's own, with none of the sample in it, is left alone.
    """
    if not db.exists():
        return True
    from ..store import Store

    with Store(db, read_only=True) as store:
        present = sum(store.has_article(i) for i in sample_ids())
        total = store.counts()["articles"]
    if present == 0 and total > 0:
        return False
    return present < len(sample_ids())


def ingest_sample(db: Path, *, workers: int | None) -> None:
    """Ingest the bundled sample into ``db`` (idempotent: what is stored is skipped)."""
    from .ingest import run_pass

    settings = make_settings(db=str(db), workers=workers)
    stderr.print(f"eventlens demo: ingesting the bundled sample ({SAMPLE.name}) into {db} …", markup=False)
    result = run_pass([str(SAMPLE)], settings, workers=settings.workers, allow_private=False, state=None)
    stderr.print(f"eventlens demo: {result.summary()}", markup=False, soft_wrap=True)


def can_open_browser() -> bool:
    """A graphical browser is likely (no text browser taking over the terminal on a headless machine)."""
    return sys.platform in ("darwin", "win32") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def demo_cli(
    db: Path = typer.Option(DEFAULT_DB, "--db", help="Database for the demo (created with the sample if missing)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (default 127.0.0.1: this machine only)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    no_browser: bool = typer.Option(False, "--no-browser", help="Do not open a web browser."),
    workers: int | None = typer.Option(None, "--workers", "-w", help="Extraction processes (default: one per core)."),
) -> None:
    """Try eventlens in one command: ingest the bundled sample articles and open the dashboard.

    The sample (24 Voice of America articles) goes into ./eventlens-demo.duckdb unless it is there already; the
    server then listens on http://127.0.0.1:8000 (this machine only) until Ctrl-C.

    Example: eventlens demo --no-browser
    """
    from ..web.server import is_loopback
    from .serve import serve

    try:
        if needs_sample(db):
            ingest_sample(db, workers=workers)
        shown = f"[{host}]" if ":" in host else host
        url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}/"
        stderr.print(f"eventlens demo: open {url}", markup=False)
        if not no_browser and is_loopback(host) and can_open_browser():
            # Opened shortly after the server starts listening; a failure to open is not an error.
            threading.Timer(1.5, lambda: webbrowser.open(url)).start()
        serve(db, host=host, port=port)
    except OSError as e:
        stderr.print(f"Error: cannot listen on {host}:{port}: {e.strerror or e}", markup=False)
        raise typer.Exit(EXIT_USAGE) from e
    except EventlensError as e:
        raise fail(e) from e


def register(app: typer.Typer) -> None:
    app.command("demo")(demo_cli)
