"""What the ingest process holds (#16): no extraction pipeline, no SciPy, a bounded window of chunks, compact copy
signatures that stay the ones stored databases hold. The memory figures themselves come from
scripts/memory_ingest.py, never from a unit test."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

from eventlens.analyse.dedup import THRESHOLD, DuplicateIndex, Match, from_bytes, shingles, signature, to_bytes
from eventlens.config import Settings
from eventlens.engines import local
from eventlens.record import Article
from tests.support.store import WIRE_TEXT, edited_copies

SAMPLE = Path(__file__).parent.parent / "eventlens" / "data" / "sample" / "voa_sample.jsonl"

# Adds hand-made records (a wire story, its two reprints) through the ingest flow, as `eventlens ingest` does in its
# own process while workers extract; then says which heavy modules that process has imported.
PROBE = """
import sys
from pathlib import Path
import eventlens.commands.ingest
import eventlens.engines.local
from eventlens.analyse.ingest_flow import IngestFlow
from eventlens.store import Store
from tests.support.store import edited_copies, wire_record

with Store(Path(sys.argv[1]) / "db.duckdb") as store:
    flow = IngestFlow(store)
    statuses = [flow.add(r).status for r in [wire_record(url="https://wire.example/1"), *edited_copies()]]
heavy = ("spacy", "thinc", "eventlens.extract", "scipy", "datasketch", "py3langid")
print("STATUSES:" + ",".join(statuses))
print("LOADED:" + ",".join(m for m in heavy if m in sys.modules))
"""


def test_the_ingest_process_imports_no_pipeline_and_no_scipy(tmp_path: Path) -> None:
    """Workers extract; the process that links and writes holds no model, no dictionaries and no SciPy."""
    root = Path(__file__).parent.parent
    result = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path)], capture_output=True, text=True,
                            cwd=root, check=True)  # fmt: skip
    lines = dict(line.split(":", 1) for line in result.stdout.splitlines() if ":" in line)
    assert lines["STATUSES"] == "added,duplicate,duplicate"  # the copies are still found
    assert lines["LOADED"] == ""


class _Executor:
    """Stands in for the process pool: each chunk's result is ready at once; counts the chunks submitted."""

    def __init__(self) -> None:
        self.submitted = 0

    def submit(self, fn: Any, chunk: list[Article]) -> Future[list[Any]]:
        self.submitted += 1
        future: Future[list[Any]] = Future()
        future.set_result([(a.id, "not extracted") for a in chunk])
        return future


def test_the_worker_pool_keeps_a_bounded_window_of_chunks_in_flight() -> None:
    """However large the corpus, at most 2 chunks a worker are submitted and not yet handed back, and the corpus is
    read no further ahead than those chunks."""
    pool = local.WorkerPool.__new__(local.WorkerPool)  # no processes: the window is the parent's own bookkeeping
    pool.settings, pool.workers = Settings(batch_size=3), 2
    executor = _Executor()
    pool._pool = executor  # type: ignore[assignment]
    window = pool.workers * local.IN_FLIGHT_PER_WORKER
    read = 0

    def corpus() -> Iterator[Article]:
        nonlocal read
        for i in range(500):
            read += 1
            yield Article(text=f"Text {i}.", id=f"a{i}")

    seen = 0
    for _ in pool.extract(corpus()):
        seen += 1
        handed_back = -(-seen // 3)  # chunks whose results are being yielded or were
        assert executor.submitted - handed_back < window
        assert read <= executor.submitted * 3
    assert seen == 500 and executor.submitted == -(-500 // 3)


# Signatures as eventlens has stored them since it began (datasketch 2.0, MinHash(num_perm=128, seed=1), affine32,
# as uint64 bytes): a database written then must keep finding its copies.
STORED = {
    "": "2d9ad807780d7e7ede906600643c4545703e12583de3b49e5b89109e7f713252",
    "Rain fell.": "ac6cb8deb395839c2b111688aba8b15d8f2a66d7b07f87183c9027f18455bd2c",
    "The river rose over its banks on Monday and the town council met in the evening to plan repairs.": (
        "7cd49387c01d589242cd8d942dee62e51cf79c1614a5a0ce5b90af00e67bb49f"
    ),
}


@pytest.mark.parametrize("text", list(STORED), ids=["empty", "one shingle", "many shingles"])
def test_signatures_are_the_ones_stored_databases_hold(text: str) -> None:
    data = to_bytes(signature(text))
    assert hashlib.sha256(data).hexdigest() == STORED[text]
    assert (from_bytes(data) == signature(text)).all()


@pytest.mark.parametrize("data", [b"", b"\0" * 1023, b"\xff" * 1024], ids=["empty", "short", "over 32 bits"])
def test_a_damaged_stored_signature_is_refused(data: bytes) -> None:
    with pytest.raises(ValueError):
        from_bytes(data)


def _texts() -> list[str]:
    sample = [json.loads(line)["text"] for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [WIRE_TEXT, *(r.article.text for r in edited_copies()), *sample]


def test_signatures_and_matches_are_datasketchs() -> None:
    """The index finds what datasketch's MinHash LSH found, with the same similarities."""
    datasketch = pytest.importorskip("datasketch")
    theirs = datasketch.MinHashLSH(threshold=THRESHOLD, num_perm=128)
    stored: dict[str, Any] = {}
    ours = DuplicateIndex()
    for i, text in enumerate(_texts()):
        mh = datasketch.MinHash(num_perm=128, seed=1, scheme="affine32")
        mh.update_batch([s.encode("utf-8") for s in shingles(text)])
        assert (signature(text) == mh.hashvalues).all()
        candidates = (Match(key, float(mh.jaccard(stored[key]))) for key in theirs.query(mh))
        expected = sorted(
            (m for m in candidates if m.similarity >= THRESHOLD), key=lambda m: (-m.similarity, m.article_id)
        )
        assert ours.matches(signature(text)) == expected
        theirs.insert(f"t{i}", mh)
        stored[f"t{i}"] = mh
        ours.add(f"t{i}", signature(text))


def test_a_removed_article_is_never_matched_again() -> None:
    index = DuplicateIndex()
    index.add("original", signature(WIRE_TEXT))
    copy = signature(edited_copies()[0].article.text)
    assert [m.article_id for m in index.matches(copy)] == ["original"]
    index.remove("original")
    assert index.matches(copy) == [] and "original" not in index and len(index) == 0
