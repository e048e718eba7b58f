"""``eventlens eval``: score the extractor against PLOVER-style gold sentences."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from ..config import Settings
from ..errors import EventlensError
from ..evaluation.plover_sentences import load_gold, score
from ..record import Article, ArticleRecord
from ._common import fail, make_settings, stderr


def make_extractor(settings: Settings) -> Any:
    """The extractor to score (a seam for tests, which pass their already loaded pipeline)."""
    from ..extract import Extractor

    return Extractor(settings)


def eval_cli(
    gold: Path = typer.Argument(..., help="Gold file in the shape of PLOVER_GSR_CAMEO.json (a JSON list of records)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON instead of a table."),
    actors: list[str] = typer.Option([], "--actors", help="Extra actor dictionary (YAML, CSV or PETRARCH .txt)."),
    lexicon: list[str] = typer.Option([], "--lexicon", help="Extra event lexicon (YAML)."),
    model: str | None = typer.Option(None, "--model", help="spaCy pipeline to use."),
) -> None:
    """Score event coding against gold sentences: per-type precision/recall/F1, type accuracy, actor and
    recipient code accuracy.

    PLOVER 0.5 names in the gold are read as PLOVER 2.0 (DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE,
    FIGHT→ASSAULT); DOCUMENT records are skipped.

    Example: eventlens eval PLOVER_GSR_CAMEO.json --json
    """
    settings = make_settings(actor_files=tuple(actors) or None, lexicon_files=tuple(lexicon) or None, model=model)
    try:
        items = load_gold(gold)
        if not items:
            stderr.print(f"Error: {gold}: no event records in the gold file", markup=False)
            raise typer.Exit(1)
        extractor = make_extractor(settings)

        def extract(articles: Iterable[Article]) -> Iterator[ArticleRecord | Exception]:
            yield from extractor.pipe(articles)

        figures = score(items, extract).as_dict()
    except EventlensError as e:
        raise fail(e) from e
    if as_json:
        sys.stdout.write(json.dumps(figures, indent=2) + "\n")
    else:
        print_table(figures, Console())


def print_table(figures: dict[str, Any], console: Console) -> None:
    """The figures as a per-type table followed by the summary lines."""
    table = Table(title="Event coding against the gold", show_lines=False)
    for name in ("type", "precision", "recall", "F1", "support"):
        table.add_column(name, justify="left" if name == "type" else "right")
    for name, t in figures["per_type"].items():
        table.add_row(name, f"{t['precision']:.2f}", f"{t['recall']:.2f}", f"{t['f1']:.2f}", str(t["support"]))
    console.print(table)
    for key in ("records", "coverage", "type_accuracy", "type_accuracy_top", "actor_accuracy", "recipient_accuracy"):
        value = figures[key]
        console.print(f"{key:<20} {value if isinstance(value, int) else f'{value:.3f}'}", highlight=False)
    console.print(f"{'macro_f1':<20} {figures['macro_f1']:.3f}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_cli)
