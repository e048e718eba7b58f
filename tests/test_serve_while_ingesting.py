"""The README's workflow: the dashboard open (``eventlens serve``) while ``eventlens ingest`` adds articles to the same
file. DuckDB lets one process write a file or any number read it, never both at once: the server opens the file per
request and ingest holds it only while it writes an article, so both go on (#15)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from eventlens.analyse.ingest_flow import IngestFlow
from eventlens.store import Store
from eventlens.web import create_app
from eventlens.web.server import serving
from tests.support.store import wire_record

NEW = [
    "Valdorian troops shelled the border town of Mirek on Tuesday, killing 12 civilians, officials said.",
    "Protesters marched through the capital of Kestria on Monday to demand the release of jailed journalists.",
    "The foreign ministers of Valdoria and Kestria met in Geneva on Wednesday for talks on the border dispute.",
]


def test_ingest_adds_articles_while_the_server_answers(tmp_path: Path) -> None:
    db = tmp_path / "shared.duckdb"
    with Store(db) as store:
        IngestFlow(store).add(wire_record())
    source = tmp_path / "new.jsonl"
    rows = [{"id": f"new-{i}", "text": text, "published": "2031-05-07"} for i, text in enumerate(NEW)]
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    statuses: list[int] = []
    done = threading.Event()
    with serving(create_app(db)) as server:

        def poll() -> None:
            with httpx.Client(base_url=server.url, timeout=30) as client:
                while not done.is_set():
                    statuses.append(client.get("/api/articles").status_code)
                    time.sleep(0.05)

        poller = threading.Thread(target=poll)
        poller.start()
        try:
            eventlens = str(Path(sys.executable).with_name("eventlens"))
            ingest = subprocess.run(
                [eventlens, "ingest", str(source), "--db", str(db), "--workers", "1"],
                capture_output=True, text=True, timeout=300,
            )  # fmt: skip
        finally:
            done.set()
            poller.join()
        after = httpx.get(f"{server.url}/api/articles?limit=50").json()
    assert ingest.returncode == 0, ingest.stderr
    assert statuses and set(statuses) == {200}
    assert {"new-0", "new-1", "new-2"} <= {a["id"] for a in after["items"]}
