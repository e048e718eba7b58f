#!/usr/bin/env python3
"""Snapshot eventlens's observable surface, to show that a refactoring changes nothing (issue #12).

Writes into OUT_DIR: the registrations of the pipeline's factories, the records of the seed article and of the
bundled VOA sample (ids and timestamps that depend on the run are kept: they are content hashes), and the JSON API's
answers on a database ingested from the sample. Run it before and after a change and compare with ``diff -r``.

Usage: scripts/snapshot_surface.py OUT_DIR
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "seed" / "000_53272421b92e5f9f.txt"
SAMPLE = ROOT / "eventlens" / "data" / "sample" / "voa_sample.jsonl"
API_PATHS = [
    "/api/articles?limit=500",
    "/api/events?limit=500",
    "/api/quotes?limit=500",
    "/api/actors?limit=500",
    "/api/stories?limit=500",
    "/api/dyads?limit=500",
    "/api/events?limit=500&type=ASSAULT",
    "/api/events?limit=500&actor=USA",
]


def registrations() -> dict[str, object]:
    import spacy
    from spacy.language import Language

    import eventlens.extract  # noqa: F401  (registers the factories)

    out = {}
    for name in sorted(n for n in spacy.registry.factories.get_all() if n.startswith("eventlens")):
        meta = Language.get_factory_meta(name)
        out[name] = {
            "default_config": {k: repr(v) for k, v in (meta.default_config or {}).items()},
            "requires": meta.requires,
            "assigns": meta.assigns,
        }
    return out


def records(out: Path) -> Path:
    from eventlens import Article, Extractor

    extractor = Extractor()
    seed = extractor.extract(Article(text=SEED.read_text(encoding="utf-8"), published="2022-01-19"))
    (out / "seed.json").write_text(json.dumps(seed.as_dict(), indent=1, sort_keys=True), encoding="utf-8")
    rows = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").split("\n") if line.strip()]
    articles = [
        Article(
            text=r["text"],
            published=r.get("published"),
            title=r.get("title"),
            source=r.get("source"),
            url=r.get("url"),
            id=r.get("id"),
        )
        for r in rows
    ]
    with (out / "sample.jsonl").open("w", encoding="utf-8") as f:
        for record in extractor.pipe(articles):
            data = record.as_dict() if hasattr(record, "as_dict") else {"error": str(record)}
            f.write(json.dumps(data, sort_keys=True) + "\n")
    return out / "sample.jsonl"


def api(out: Path) -> None:
    import subprocess

    from fastapi.testclient import TestClient

    from eventlens.web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "s.duckdb"
        subprocess.run(
            [str(Path(sys.executable).parent / "eventlens"), "ingest", str(SAMPLE), "--db", str(db), "--workers", "1"],
            check=True,
            capture_output=True,
        )
        client = TestClient(create_app(db, allowed_hosts=("*",)))
        answers = {path: client.get(path).json() for path in API_PATHS}
    (out / "api.json").write_text(json.dumps(answers, indent=1, sort_keys=True), encoding="utf-8")


def main(out_dir: str) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "registrations.json").write_text(json.dumps(registrations(), indent=1, sort_keys=True), encoding="utf-8")
    records(out)
    api(out)


if __name__ == "__main__":
    main(sys.argv[1])
