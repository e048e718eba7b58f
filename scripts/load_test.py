"""Load test: 50 concurrent clients against `eventlens serve` on 127.0.0.1 for 60 s; p50/p95 latency and errors.

Usage:
    .venv/bin/python scripts/load_test.py [--db FILE] [--clients 50] [--seconds 60] [--ingest FILE.jsonl] [--json]

Without --db it ingests the bundled sample into a temporary database first. The server runs in its own process
(as a user runs it), the clients in this one. With --ingest, a writer adds the articles of FILE through the
server's token-protected ingest endpoint while the clients read, and the script checks afterwards that every
article arrived (nothing lost). Traffic goes to 127.0.0.1 only, and every loop stops at its deadline.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.loadgen import run_load  # noqa: E402
from eventlens.jsonl import jsonl_lines  # noqa: E402
from eventlens.web.server import free_port  # noqa: E402

SAMPLE = ROOT / "eventlens" / "data" / "sample" / "voa_sample.jsonl"
EVENTLENS = str(Path(sys.executable).with_name("eventlens"))


def ingest(source: Path, db: Path) -> None:
    subprocess.run([EVENTLENS, "ingest", str(source), "--db", str(db)], check=True, timeout=900)


def start_server(db: Path, port: int, token: str | None) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    cmd = [EVENTLENS, "serve", "--db", str(db), "--port", str(port)]
    if token:
        env["EVENTLENS_INGEST_TOKEN"] = token
        cmd.append("--writable")
    proc = subprocess.Popen(cmd, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2, trust_env=False).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        time.sleep(0.2)
    proc.terminate()
    raise SystemExit("the server did not answer within 60 s")


def ingest_through_api(base: str, token: str, source: Path, seconds: float) -> dict[str, Any]:
    """Post the articles of ``source`` one by one while the readers run; return what was sent and stored."""
    lines = [line for _, line in jsonl_lines(source.read_text(encoding="utf-8"))]
    sent, accepted, failed = 0, 0, []
    deadline = time.monotonic() + seconds
    with httpx.Client(base_url=base, timeout=300, trust_env=False) as client:
        for line in lines:
            if time.monotonic() > deadline:
                break
            sent += 1
            try:
                response = client.post(
                    "/api/ingest",
                    content=line,
                    headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
                )
            except httpx.HTTPError as e:  # reported, and counted as not stored
                failed.append(f"{type(e).__name__}")
                continue
            accepted += response.status_code in (200, 201)
            if response.status_code not in (200, 201):
                failed.append(f"HTTP {response.status_code}: {response.text[:200]}")
    ids = [json.loads(line).get("id") for line in lines[:sent]]
    return {"sent": sent, "accepted": accepted, "failed": failed, "ids": ids}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="database to serve (default: the sample, ingested into a temp file)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--ingest", type=Path, help="JSONL articles to ingest through the server during the load")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if not 1 <= args.clients <= 200 or not 0 < args.seconds <= 600:
        parser.error("clients must be 1..200 and seconds 0..600")
    # A SIGTERM (e.g. from `timeout`) unwinds through `finally`, so the server process is stopped too.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(143))

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "load.duckdb"
            print(f"ingesting {SAMPLE.name} into {db} …", file=sys.stderr)
            ingest(SAMPLE, db)
        port = free_port()
        token = "load-test-token-" + os.urandom(8).hex() if args.ingest else None
        server = start_server(db, port, token)
        base = f"http://127.0.0.1:{port}"
        try:
            writer: dict[str, Any] = {}
            if args.ingest:
                import threading

                def write() -> None:
                    writer.update(ingest_through_api(base, token or "", args.ingest, args.seconds))

                thread = threading.Thread(target=write, daemon=True)
                thread.start()
            print(f"{args.clients} clients for {args.seconds:.0f} s against {base} …", file=sys.stderr)
            result = run_load(base, clients=args.clients, seconds=args.seconds)
            figures = result.summary()
            if args.ingest:
                thread.join(300)
                stored = 0
                with httpx.Client(base_url=base, timeout=30, trust_env=False) as client:
                    for article_id in writer.get("ids", []):
                        stored += client.get(f"/api/articles/{article_id}").status_code == 200
                figures["ingest"] = {
                    "sent": writer.get("sent"),
                    "accepted": writer.get("accepted"),
                    "stored": stored,
                    "failed": writer.get("failed"),
                }
        finally:
            server.terminate()
            server.wait(30)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:>14}: {value}")
    written = figures.get("ingest", {})
    lost = written.get("accepted", 0) != written.get("stored", 0)
    return 1 if figures["errors"] or lost else 0


if __name__ == "__main__":
    sys.exit(main())
