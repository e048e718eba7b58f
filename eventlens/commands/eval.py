"""``eventlens eval``: score the extractor, or any tool's records, against hand-coded articles or gold sentences."""

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
from ..errors import EventlensError, InputError
from ..evaluation.articles import errors, score_articles
from ..evaluation.gold import GoldArticle
from ..evaluation.gold import load as load_article_gold
from ..evaluation.plover_sentences import load_gold, score
from ..jsonl import jsonl_lines
from ..record import Article, ArticleRecord
from ._common import fail, make_settings, stderr


def make_extractor(settings: Settings) -> Any:
    """The extractor to score (a seam for tests, which pass their already loaded pipeline)."""
    from ..extract import Extractor

    return Extractor(settings)


def is_article_gold(path: Path) -> bool:
    """Whether ``path`` holds article gold (a folder or JSON Lines) rather than a JSON list of gold sentences."""
    if path.is_dir() or path.suffix == ".jsonl":
        return True
    try:
        with path.open(encoding="utf-8") as f:
            head = f.read(1).lstrip() or f.read(64).lstrip()
    except (OSError, UnicodeDecodeError):
        return False
    return head.startswith("{")


def eval_cli(
    gold: Path = typer.Argument(
        ...,
        help="Hand-coded articles (JSON Lines or a folder of .json files, docs/gold-format.md), or gold sentences "
        "in the shape of PLOVER_GSR_CAMEO.json (a JSON list).",
    ),
    records: Path | None = typer.Option(
        None,
        "--records",
        help="Score these records (JSON Lines in the record contract, from eventlens or another tool) instead of "
        "extracting the gold articles; matched to the gold by article id, else by text.",
    ),
    show_errors: bool = typer.Option(
        False, "--show-errors", help="List every missed, spurious or partly wrong event with its sentence."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON instead of a table."),
    actors: list[str] = typer.Option([], "--actors", help="Extra actor dictionary (YAML, CSV or PETRARCH .txt)."),
    lexicon: list[str] = typer.Option([], "--lexicon", help="Extra event lexicon (YAML)."),
    model: str | None = typer.Option(None, "--model", help="spaCy pipeline to use."),
) -> None:
    """Score event coding against hand-coded gold.

    Article gold (docs/gold-format.md): type precision, recall and F1; whole-event precision and recall (type,
    actor code, recipient code and factuality all right); the accuracy of each field on events of the right type;
    the share of named parties left without a code; a per-type table; each also without the events the annotators
    marked debatable.

    Gold sentences (PLOVER_GSR_CAMEO.json): per-type precision/recall/F1, type accuracy, actor and recipient code
    accuracy. PLOVER 0.5 names are read as PLOVER 2.0 (DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE,
    FIGHT→ASSAULT); DOCUMENT records are skipped.

    Examples:
      eventlens eval tests/fixtures/gold/dev.jsonl --show-errors
      eventlens eval my_sample/ --records other_coder.jsonl --json
      eventlens eval PLOVER_GSR_CAMEO.json --json
    """
    settings = make_settings(actor_files=tuple(actors) or None, lexicon_files=tuple(lexicon) or None, model=model)
    try:
        if is_article_gold(gold):
            eval_articles(gold, records, settings, show_errors=show_errors, as_json=as_json)
        else:
            eval_sentences(gold, settings, as_json=as_json)
    except EventlensError as e:
        raise fail(e) from e


def eval_sentences(gold: Path, settings: Settings, *, as_json: bool) -> None:
    """Score the extractor on PLOVER-style gold sentences."""
    items = load_gold(gold)
    if not items:
        stderr.print(f"Error: {gold}: no event records in the gold file", markup=False)
        raise typer.Exit(1)
    extractor = make_extractor(settings)

    def extract(articles: Iterable[Article]) -> Iterator[ArticleRecord | Exception]:
        yield from extractor.pipe(articles)

    figures = score(items, extract).as_dict()
    if as_json:
        sys.stdout.write(json.dumps(figures, indent=2) + "\n")
    else:
        print_table(figures, Console())


def eval_articles(
    gold_path: Path, records_path: Path | None, settings: Settings, *, show_errors: bool, as_json: bool
) -> None:
    """Score records (extracted now, or read from ``records_path``) against article gold."""
    gold = load_article_gold(gold_path)
    if records_path is not None:
        records = read_records(records_path, gold)
    else:
        extractor = make_extractor(settings)
        articles = [Article(text=a.text, id=a.id, published=a.published, title=a.title) for a in gold]
        records = [r.as_dict() if isinstance(r, ArticleRecord) else None for r in extractor.pipe(articles)]
    figures = score_articles(gold, records)
    misses = errors(figures, gold) if show_errors else []
    figures.pop("matches")
    if as_json:
        out = {**figures, "errors": misses} if show_errors else figures
        sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
        return
    console = Console()
    if show_errors:
        print_errors(misses, console)
    print_article_table(figures, console)


def read_records(path: Path, gold: list[GoldArticle]) -> list[dict[str, Any] | None]:
    """The records in a JSON Lines file, in the gold's order (None where a gold article has no record)."""
    try:
        found = [json.loads(line) for _, line in jsonl_lines(path.read_text(encoding="utf-8"))]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(str(path), f"cannot read the records: {e}") from e
    by_id = {str((r.get("article") or {}).get("id")): r for r in found if isinstance(r, dict)}
    by_text = {(r.get("article") or {}).get("text"): r for r in found if isinstance(r, dict)}
    missing = [a.id for a in gold if a.id not in by_id and a.text not in by_text]
    if missing:
        stderr.print(f"warning: no record for {len(missing)} gold article(s), e.g. {missing[0]}", markup=False)
    return [by_id.get(a.id) or by_text.get(a.text) for a in gold]


def print_errors(misses: list[dict[str, Any]], console: Console) -> None:
    """Each miss: its kind, the gold and the predicted event, the wrong fields and the sentence."""
    for miss in misses:
        fields = f" wrong: {', '.join(miss['wrong_fields'])}" if miss["wrong_fields"] else ""
        console.print(f"[bold]{miss['kind']}[/]{fields}  ({miss['article']})", highlight=False)
        if miss["gold"]:
            console.print(f"  gold:      {miss['gold']}", markup=False, highlight=False)
        if miss["predicted"]:
            console.print(f"  predicted: {miss['predicted']}", markup=False, highlight=False)
        console.print(f"  sentence:  {miss['sentence']}", markup=False, highlight=False)


def per_type_table(per_type: dict[str, dict[str, float]], title: str) -> Table:
    """Precision, recall, F1 and support of each type."""
    table = Table(title=title, show_lines=False)
    for name in ("type", "precision", "recall", "F1", "support"):
        table.add_column(name, justify="left" if name == "type" else "right")
    for name, t in per_type.items():
        table.add_row(name, f"{t['precision']:.2f}", f"{t['recall']:.2f}", f"{t['f1']:.2f}", str(t["support"]))
    return table


def print_article_table(figures: dict[str, Any], console: Console) -> None:
    """The per-type table and the summary figures, with and without debatable gold events."""
    console.print(per_type_table(figures["per_type"], "Events against the hand-coded articles"))
    firm = figures["firm"]
    console.print(f"{'':<26}{'all':>8}{'firm':>8}", highlight=False)
    rows = [("articles", figures["articles"], figures["articles"])]
    rows += [(k, figures[k], firm[k]) for k in ("gold_events", "predicted_events")]
    for part in ("type", "whole_event"):
        rows += [(f"{part} {m}", figures[part][m], firm[part][m]) for m in ("precision", "recall", "f1")]
    rows += [(f"{name} accuracy", figures["fields"][name], firm["fields"][name]) for name in figures["fields"]]
    rows.append(("named party left null", figures["named_party_null"], firm["named_party_null"]))
    for label, value, firm_value in rows:
        shown = [str(v) if isinstance(v, int) else f"{v:.3f}" for v in (value, firm_value)]
        console.print(f"{label:<26}{shown[0]:>8}{shown[1]:>8}", highlight=False)


def print_table(figures: dict[str, Any], console: Console) -> None:
    """The figures as a per-type table followed by the summary lines."""
    console.print(per_type_table(figures["per_type"], "Event coding against the gold"))
    for key in ("records", "coverage", "type_accuracy", "type_accuracy_top", "actor_accuracy", "recipient_accuracy"):
        value = figures[key]
        console.print(f"{key:<20} {value if isinstance(value, int) else f'{value:.3f}'}", highlight=False)
    console.print(f"{'macro_f1':<20} {figures['macro_f1']:.3f}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_cli)
