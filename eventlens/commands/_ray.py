"""``eventlens extract --engine ray``: run the extraction on Ray Data and report on stderr."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from ..config import Settings
from ..errors import EventlensError
from ._common import exit_code, fail, stderr


def extract_on_ray(
    inputs: list[str], output: Path, settings: Settings, defaults: dict[str, Any], address: str | None
) -> int:
    """Run :func:`eventlens.engines.ray.run_ray` and return the command's exit code."""
    from ..engines.ray import output_errors, run_ray

    if output.exists() and not output.is_dir():
        raise typer.BadParameter(f"{output} is a file; --engine ray writes a Parquet folder", param_hint="--output")
    try:
        run = run_ray(inputs, output, settings, workers=settings.workers, address=address, defaults=defaults)
    except EventlensError as e:
        raise fail(e) from e
    for error in output_errors(output):
        stderr.print(f"skipped {error}", markup=False, soft_wrap=True)
    stderr.print(
        f"{run.records} records written to {run.output} (Parquet), {run.failed} failed; "
        f"Ray start {run.startup_s:.1f} s, run {run.run_s:.1f} s. "
        f"Load them with: eventlens load {run.output} --db FILE",
        markup=False,
        soft_wrap=True,
    )
    return exit_code(run.records, run.failed)
