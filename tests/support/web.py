"""Helpers for the web, API and browser tests: the sample database (built once per test process) and chromium.

Kept out of conftest.py so the rest of the suite does not pay for them; each test module wraps them in its own
session fixture.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from eventlens.extract import Extractor
from eventlens.record import Article

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "eventlens" / "data" / "sample" / "voa_sample.jsonl"
VENDOR = ROOT / "eventlens" / "web" / "static" / "vendor"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

_BUILT: dict[str, Path] = {}


def sample_articles() -> list[Article]:
    """The 24 bundled VOA articles."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    return [Article.from_dict(json.loads(line)) for line in lines if line.strip()]


def build_sample_db(extractor: Extractor, folder: Path) -> Path:
    """A database with the sample corpus ingested; built once per process and copied for each caller's folder."""
    if "sample" not in _BUILT:
        from eventlens.analyse.ingest_flow import IngestFlow
        from eventlens.store import Store

        path = folder / "sample.duckdb"
        with Store(path) as store:
            flow = IngestFlow(store)
            for record in extractor.pipe(sample_articles()):
                if isinstance(record, Exception):
                    continue  # an article the extractor fails on is reported by ingest; the rest make the corpus
                flow.add(record)
        _BUILT["sample"] = path
    return _BUILT["sample"]


#: A small synthetic database: 60 articles × 6 events, ~5% syndicated copies, 6 stories; built in about a second.
SMALL = {"events": 360, "events_per_article": 6, "articles_per_story": 10, "copy_share": 0.05, "seed": 11}


def build_synthetic_db(folder: Path) -> Path:
    """A small synthetic database (well-formed records, known actors and places), built once per process."""
    if "synthetic" not in _BUILT:
        from benchmarks.synthetic import SyntheticSpec, build

        path = folder / "synthetic.duckdb"
        build(path, SyntheticSpec(**SMALL))
        _BUILT["synthetic"] = path
    return _BUILT["synthetic"]


def copy_db(src: Path, dest: Path) -> Path:
    """A private copy of a database (tests that write must not change the shared one)."""
    shutil.copyfile(src, dest)
    wal = src.with_name(src.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, dest.with_name(dest.name + ".wal"))
    return dest


def browser_ready() -> str | None:
    """Why browser tests cannot run here, or None when they can."""
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing (scripts/test installs Debian's chromium)"
    if not (VENDOR / "echarts.min.js").exists():
        return "dashboard libraries missing: run scripts/setup (npm ci + scripts/copy_static.py)"
    return None


def launch_chromium(playwright: Any) -> Any:
    """Debian's chromium, headless, with nothing that calls home."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def screenshots_wanted() -> bool:
    """Screenshots for the README are written only on request, so test runs leave the tree clean."""
    return os.environ.get("EVENTLENS_SCREENSHOTS") == "1"


SCREENSHOTS = ROOT / "docs" / "screenshots"
