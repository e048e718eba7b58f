"""Run by the fault tests in a child process: add numbered records to a store, printing each committed one.

usage: store_writer.py DB FIRST LAST [FSIZE_LIMIT_BYTES]
With a size limit the process may not grow any file past it (RLIMIT_FSIZE, as a full disk would stop it); SIGXFSZ
is ignored so the write fails with an error instead of killing the process.
"""

from __future__ import annotations

import resource
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from eventlens.analyse.ingest_flow import IngestFlow  # noqa: E402
from eventlens.errors import StoreError  # noqa: E402
from eventlens.store import Store  # noqa: E402
from tests.support.store import WIRE_EVENTS, WIRE_TEXT, make_record  # noqa: E402


def numbered(i: int) -> object:
    # Distinct texts (no copies of each other): a numbered preamble longer than the shared wire text.
    words = " ".join(f"item{i}w{j}" for j in range(300))
    return make_record(f"Bulletin {i}. {words} {WIRE_TEXT}", events=WIRE_EVENTS, url=f"https://wire.example/{i}")


def main() -> int:
    db, first, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    if len(sys.argv) > 4:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        limit = int(sys.argv[4])
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        with Store(db) as store:
            flow = IngestFlow(store)
            for i in range(first, last):
                result = flow.add(numbered(i))  # type: ignore[arg-type]
                print(f"{result.status} {i}", flush=True)
    except StoreError as e:
        print(f"StoreError: {e}", flush=True)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
