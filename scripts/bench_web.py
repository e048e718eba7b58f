"""Benchmark the dashboard and API on a database of 1,000,000 synthetic events: latency of every page and API call.

Usage:
    .venv/bin/python scripts/bench_web.py [--db FILE] [--events 1000000] [--repeat 5] [--json]

Without --db it builds (once) a synthetic database at ./out/bench-1m.duckdb with benchmarks.synthetic:
well-formed records (every offset indexes its text) laid out by the store's own row code, ids prefixed ``syn`` and
kept out of the real data. The server runs in-process on 127.0.0.1; each URL is requested once to warm up, then
``--repeat`` times; the median and the worst are compared with the 300 ms target.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import SyntheticSpec, build  # noqa: E402
from eventlens.web import create_app  # noqa: E402
from eventlens.web.server import serving  # noqa: E402

TARGET_MS = 300.0

#: (name, path): each page, each API list with and without filters, the article detail, exports.
URLS: tuple[tuple[str, str], ...] = (
    ("page overview", "/"),
    ("page overview, actor filter", "/?actor=RUS"),
    ("page timeline", "/timeline"),
    ("page timeline, actor + type", "/timeline?actor=RUS&type=ASSAULT"),
    ("page network", "/network"),
    ("page map", "/map"),
    ("page articles", "/articles"),
    ("page articles, text search", "/articles?q=sanctioned+Kabul"),
    ("page reader", "/articles/{article}"),
    ("page reader, event highlighted", "/articles/{article}?event={event}"),
    ("page docs", "/docs"),
    ("api articles", "/api/articles?limit=50"),
    ("api articles, text search", "/api/articles?limit=50&q=sanctioned"),
    ("api article detail", "/api/articles/{article}"),
    ("api events", "/api/events?limit=50"),
    ("api events, actor", "/api/events?limit=50&actor=RUS"),
    (
        "api events, type+quad+factuality",
        "/api/events?limit=50&type=ASSAULT&quad=material_conflict&factuality=asserted",
    ),
    ("api events, date range", "/api/events?limit=50&since=2020-01-01&until=2020-03-31"),
    ("api events, place", "/api/events?limit=50&place=Kyiv"),
    ("api events, story", "/api/events?limit=50&story={story}"),
    ("api events, page 2 (cursor)", "/api/events?limit=50&cursor={cursor}"),
    ("api events, limit 500", "/api/events?limit=500"),
    ("api quotes", "/api/quotes?limit=50"),
    ("api quotes, speaker", "/api/quotes?limit=50&actor=RUS"),
    ("api actors", "/api/actors?limit=50"),
    ("api stories", "/api/stories?limit=50"),
    ("api dyads", "/api/dyads?limit=50"),
    ("api dyads, actor", "/api/dyads?limit=50&actor=RUS"),
    ("export csv, actor + type + year", "/export.csv?actor=RUS&type=ASSAULT&since=2022-01-01"),
)


def ensure_db(path: Path, events: int) -> Path:
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    print(f"building {events:,} synthetic events into {path} …", file=sys.stderr)
    counts = build(path, SyntheticSpec(events=events))
    print(f"built in {time.perf_counter() - started:.0f} s: {counts}", file=sys.stderr)
    return path


def fill(client: httpx.Client) -> dict[str, str]:
    """Ids the parameterised URLs need (an article, an event, a story, a cursor), read from the API itself."""
    events = client.get("/api/events", params={"limit": 50}).json()
    first = events["items"][0]
    story = client.get("/api/stories", params={"limit": 1}).json()["items"][0]["id"]
    return {"article": first["article_id"], "event": first["id"], "story": story, "cursor": events["next"]}


def measure(client: httpx.Client, path: str, repeat: int) -> dict[str, Any]:
    client.get(path)  # warm-up: DuckDB's caches, templates
    times = []
    status = 0
    size = 0
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        status, size = response.status_code, len(response.content)
    return {
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        "status": status,
        "bytes": size,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="database to benchmark (default: a synthetic one, built once)")
    parser.add_argument("--events", type=int, default=1_000_000, help="events in the synthetic database")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    db = args.db or ensure_db(ROOT / "out" / f"bench-{args.events // 1000}k.duckdb", args.events)

    results: list[dict[str, Any]] = []
    with serving(create_app(db)) as running, httpx.Client(base_url=running.url, timeout=120, trust_env=False) as c:
        ids = fill(c)
        for name, template in URLS:
            path = template.format(**ids)
            results.append({"name": name, "path": path, **measure(c, path, args.repeat)})

    if args.json:
        print(json.dumps({"db": str(db), "target_ms": TARGET_MS, "results": results}, indent=2))
    else:
        print(f"{'call':<36} {'median ms':>10} {'max ms':>8} {'status':>6} {'KiB':>7}  target {TARGET_MS:.0f} ms")
        for r in results:
            flag = "ok" if r["median_ms"] <= TARGET_MS else "SLOW"
            print(
                f"{r['name']:<36} {r['median_ms']:>10.1f} {r['max_ms']:>8.1f} {r['status']:>6} "
                f"{r['bytes'] / 1024:>7.0f}  {flag}"
            )
    slow = [r for r in results if r["median_ms"] > TARGET_MS or r["status"] != 200]
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
