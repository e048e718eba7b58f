"""``eventlens load``: bring the Parquet records of a Ray run (``extract --engine ray``) into a DuckDB database."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import typer

from ..errors import EventlensError, InputError, UnreadableInput
from ..record import ArticleRecord
from ._common import exit_code, fail, make_settings, report, stderr

#: Rows read from the Parquet files at a time: the dataset is streamed, never read whole.
READ_BATCH_ROWS = 256


def parquet_records(folder: Path) -> Iterator[ArticleRecord | InputError]:
    """The records in a Parquet folder written by ``--engine ray``, streamed; failed rows come as errors.

    Raises:
        EventlensError: the folder holds no Parquet files with ``id`` and ``record`` columns.
    """
    import pyarrow.dataset as pads

    try:
        dataset = pads.dataset(str(folder), format="parquet")
    except (OSError, ValueError) as e:
        raise EventlensError(f"{folder}: not a Parquet dataset ({e})") from e
    names = set(dataset.schema.names)
    if not {"id", "record"} <= names:
        raise EventlensError(f"{folder}: the Parquet files have no 'id' and 'record' columns (made by --engine ray?)")
    columns = ["id", "record"] + (["error"] if "error" in names else [])
    for batch in dataset.to_batches(columns=columns, batch_size=READ_BATCH_ROWS):
        rows = batch.to_pydict()
        errors = rows.get("error") or [None] * batch.num_rows
        for id_, text, error in zip(rows["id"], rows["record"], errors, strict=True):
            yield _record(str(id_), text, error)


def _record(id_: str, text: str | None, error: str | None) -> ArticleRecord | InputError:
    if error is not None or text is None:
        return UnreadableInput(id_, f"not extracted: {error or 'no record'}")
    try:
        return ArticleRecord.from_dict(json.loads(text))
    except (ValueError, KeyError, TypeError) as e:
        return UnreadableInput(id_, f"record is not a valid eventlens record: {type(e).__name__}: {e}")


def load_cli(
    folder: Path = typer.Argument(..., help="Folder of Parquet files written by extract --engine ray."),
    db: str | None = typer.Option(None, "--db", help="DuckDB file to load into (default ./eventlens.duckdb)."),
) -> None:
    """Load the records of a Ray run into the database (articles already there are left as they are).

    Example: eventlens extract news/ --engine ray -o records/ && eventlens load records/ --db news.duckdb
    """
    from ..analyse.ingest_flow import IngestFlow
    from ..store import Store

    settings = make_settings(db=db)
    if not folder.is_dir():
        raise typer.BadParameter(f"{folder} is not a folder", param_hint="FOLDER")
    statuses: Counter[str] = Counter()
    failed = 0
    try:
        with Store(settings.db_path, lock_wait=settings.lock_wait) as store:
            flow = IngestFlow(store)
            for item in parquet_records(folder):
                try:
                    if isinstance(item, InputError):
                        raise item
                    statuses[flow.add(item).status] += 1
                except InputError as error:  # unreadable, or an id that cannot be used for its text (#16)
                    report(error)
                    failed += 1
    except EventlensError as e:
        raise fail(e) from e
    done = sum(statuses.values())
    detail = ", ".join(f"{n} {status}" for status, n in sorted(statuses.items()))
    stderr.print(
        f"{done} records loaded into {settings.db} ({detail or 'none'}), {failed} skipped", markup=False, soft_wrap=True
    )
    raise typer.Exit(exit_code(done, failed))


def register(app: typer.Typer) -> None:
    app.command("load")(load_cli)
