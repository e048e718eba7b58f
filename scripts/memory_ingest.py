#!/usr/bin/env python3
"""Peak memory of ``eventlens ingest`` on a large corpus: a corpus repeated with new ids until it has N articles.

Usage: .venv/bin/python scripts/memory_ingest.py [CORPUS.jsonl] [--articles 10000] [--workers 2] [--keep DIR]

The articles are written as JSONL files of at most 2,000 articles (each under the 10 MB input limit) in a temporary
folder; ``eventlens ingest`` runs on it into a fresh database while this script samples the resident memory of the
ingest process and all its workers. It prints one JSON object: articles, seconds, articles/s, the peak RSS of the
whole process tree in MB (MiB), and the peaks of the ingest process alone and of its workers. With ``--every S`` it
also prints the figures so far on stderr every S seconds (a long run that is stopped still says what it held).
The issue's target (#16): 10,000 articles with 2 workers at most 1.2 GB (1,229 MB).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eventlens.engines.bench import _children, _rss_kb, tree_rss_mb

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "eventlens" / "data" / "sample" / "voa_sample.jsonl"
PER_FILE = 2000
#: 1.2 GB, in the MB (MiB) this script reports.
TARGET_MB = 1229


def write_corpus(source: Path, n: int, folder: Path) -> int:
    """Write ``n`` articles from ``source``, repeated, each copy with a new id; return how many were written."""
    originals = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not originals:
        raise SystemExit(f"{source}: no articles")
    written = 0
    while written < n:
        part = folder / f"part-{written // PER_FILE:03d}.jsonl"
        with part.open("w", encoding="utf-8") as f:
            for _ in range(min(PER_FILE, n - written)):
                item = dict(originals[written % len(originals)])
                item["id"] = f"{item.get('id') or 'article'}-copy{written // len(originals)}"
                f.write(json.dumps(item, ensure_ascii=False) + "\n")
                written += 1
    return written


class Peaks:
    """The highest resident memory seen: of the whole tree, of the ingest process alone, of its children."""

    def __init__(self) -> None:
        self.tree = self.main = self.children = 0.0

    def sample(self, pid: int) -> None:
        main = _rss_kb(pid) / 1024
        children = sum(tree_rss_mb(child) for child in _children(pid))
        self.tree = max(self.tree, main + children)
        self.main = max(self.main, main)
        self.children = max(self.children, children)

    def as_dict(self) -> dict[str, float]:
        return {
            "peak_rss_mb": round(self.tree, 1),
            "peak_main_mb": round(self.main, 1),
            "peak_workers_mb": round(self.children, 1),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=SAMPLE)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="write the corpus and database here instead of a temporary folder")
    parser.add_argument("--every", type=float, default=0, help="print the figures so far on stderr every S seconds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eventlens-memory-") as tmp:
        folder = args.keep or Path(tmp)
        corpus = folder / "corpus"
        corpus.mkdir(parents=True, exist_ok=True)
        n = write_corpus(args.corpus, args.articles, corpus)
        eventlens = Path(sys.executable).parent / "eventlens"
        command = [str(eventlens), "ingest", str(corpus), "--db", str(folder / "memory.duckdb")]
        command += ["--workers", str(args.workers)]
        start = time.perf_counter()
        log = (folder / "ingest.stderr").open("w+", encoding="utf-8")
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, text=True)
        peaks = Peaks()
        shown = start
        while proc.poll() is None:
            peaks.sample(proc.pid)
            time.sleep(0.1)
            if args.every and time.perf_counter() - shown >= args.every:
                shown = time.perf_counter()
                print(json.dumps({"seconds": round(shown - start), **peaks.as_dict()}), file=sys.stderr, flush=True)
        seconds = time.perf_counter() - start
        log.seek(0)
        stderr = log.read()
        log.close()
        result = {
            "articles": n,
            "workers": args.workers,
            "exit_code": proc.returncode,
            "seconds": round(seconds, 1),
            "articles_per_s": round(n / seconds, 2),
            **peaks.as_dict(),
            "target_mb": TARGET_MB,
            "last_report": stderr.strip().splitlines()[-1:] if stderr.strip() else [],
        }
        print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
