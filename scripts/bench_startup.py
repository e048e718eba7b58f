#!/usr/bin/env python3
"""How fast the CLI starts (issue #15's targets: ``eventlens --help``, ``events`` and ``quotes`` within 0.5 s, a
cold ``extract`` of one article within 2.5 s).

Runs each command several times in a fresh process and prints the median wall time and the median CPU time
(user + system: steadier than wall time on a shared machine). ``events`` and ``quotes`` run against a small
database made from the bundled sample's first articles; ``extract`` reads the first article with one worker, after
the ``ingest`` that makes the database has filled the on-disk cache (``eventlens bench`` reports the same cold
start for a corpus of your own).

Usage: scripts/bench_startup.py [--runs N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EVENTLENS = str(Path(sys.executable).with_name("eventlens"))


def timed(args: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of ``eventlens ARGS``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([EVENTLENS, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "s.duckdb")
        sample = Path(__file__).resolve().parents[1] / "eventlens" / "data" / "sample" / "voa_sample.jsonl"
        first = os.path.join(tmp, "first.jsonl")
        lines = sample.read_text(encoding="utf-8").splitlines(True)
        Path(first).write_text("".join(lines[:3]), encoding="utf-8")
        one = os.path.join(tmp, "one.jsonl")
        Path(one).write_text(lines[0], encoding="utf-8")
        subprocess.run([EVENTLENS, "ingest", first, "--db", db, "-w", "1"], check=True, capture_output=True)
        cases = {
            "eventlens --help": ["--help"],
            "eventlens --version": ["--version"],
            "eventlens events --help": ["events", "--help"],
            "eventlens events": ["events", "--db", db, "-n", "5"],
            "eventlens quotes": ["quotes", "--db", db, "-n", "5"],
            "eventlens extract (1 article)": ["extract", one, "-o", os.path.join(tmp, "one.out.jsonl"), "-w", "1"],
        }
        figures = {}
        for name, args in cases.items():
            runs = [timed(args) for _ in range(options.runs)]
            figures[name] = {
                "wall_s": round(statistics.median(r[0] for r in runs), 3),
                "cpu_s": round(statistics.median(r[1] for r in runs), 3),
            }
    if options.json:
        print(json.dumps(figures, indent=2))
        return
    for name, f in figures.items():
        print(f"{name:<30} wall {f['wall_s']:.2f} s   cpu {f['cpu_s']:.2f} s")


if __name__ == "__main__":
    main()
