"""Extraction on many workers gives the same records, in the same order, as one worker, and cleans up after itself."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from eventlens.config import Settings
from eventlens.engines import local
from eventlens.engines.local import chunked, extract_records, resolve_workers
from eventlens.errors import ExtractionFailed
from eventlens.extract import Extractor
from eventlens.ingest import read_path
from eventlens.record import Article, ArticleRecord

SAMPLE = Path(__file__).parent.parent / "eventlens" / "data" / "sample" / "voa_sample.jsonl"


def sample_articles() -> list[Article]:
    return [a for a in read_path(SAMPLE, Settings()) if isinstance(a, Article)]


@pytest.mark.parametrize(
    ("asked", "expected"),
    [(1, 1), (2, 2), (7, 7), (0, local.cpu_count()), (-1, local.cpu_count())],
    ids=["one", "two", "seven", "zero means one per core", "negative means one per core"],
)
def test_worker_count(asked: int, expected: int) -> None:
    assert resolve_workers(asked) == expected


@pytest.mark.parametrize(
    ("n", "size", "lengths"),
    [(0, 3, []), (1, 3, [1]), (3, 3, [3]), (7, 3, [3, 3, 1]), (4, 1, [1, 1, 1, 1])],
)
def test_chunks_cover_the_input_in_order(n: int, size: int, lengths: list[int]) -> None:
    articles = [Article(text=f"Text number {i}.") for i in range(n)]
    chunks = list(chunked(iter(articles), size))
    assert [len(c) for c in chunks] == lengths
    assert [a for c in chunks for a in c] == articles


def test_no_articles_no_results() -> None:
    assert list(extract_records(iter([]), Settings(), workers=2)) == []


def test_a_failed_article_crosses_the_process_boundary_as_extraction_failed() -> None:
    record = ArticleRecord(article=Article(text="Fine."))
    out = list(local._from_wire([record, ("abc123", "extraction failed: ValueError: boom")]))
    assert out[0] is record
    assert isinstance(out[1], ExtractionFailed)
    assert (out[1].source, out[1].reason) == ("abc123", "extraction failed: ValueError: boom")


class Counting:
    """An article stream that counts how many articles were taken from it."""

    def __init__(self, articles: list[Article]) -> None:
        self.articles = articles
        self.taken = 0

    def __iter__(self) -> Iterator[Article]:
        for article in self.articles:
            self.taken += 1
            yield article


@pytest.mark.slow
def test_two_workers_give_the_one_worker_records_streaming_and_in_order(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = sample_articles()
    assert len(articles) >= 20
    one = [r.as_dict() for r in extractor.pipe(articles) if isinstance(r, ArticleRecord)]
    assert len(one) == len(articles)

    pools: list[ProcessPoolExecutor] = []
    start_pool = local._start_pool

    def recording(settings: Settings, n: int, ready: Any) -> ProcessPoolExecutor:
        pools.append(start_pool(settings, n, ready))
        return pools[-1]

    monkeypatch.setattr(local, "_start_pool", recording)
    stream = Counting(articles)
    batch = 2
    results = extract_records(stream, Settings(batch_size=batch), workers=2)
    first = next(results)
    taken_at_first = stream.taken
    workers = list(pools[0]._processes.values())
    rest = list(results)

    assert [r.as_dict() for r in [first, *rest] if isinstance(r, ArticleRecord)] == one
    # Streaming: when the first record came back, only the chunks in flight had been read (or the few articles that
    # tell a small corpus, run in this process, from one worth starting workers for), not the whole corpus.
    read_ahead = max(local.SMALL_CORPUS, (2 * local.IN_FLIGHT_PER_WORKER + 1) * batch)
    assert taken_at_first <= read_ahead < len(articles)
    assert len(workers) == 2
    assert not any(p.is_alive() for p in workers), "workers left running after the run ended"


@pytest.mark.slow
def test_stopping_early_stops_the_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    pools: list[ProcessPoolExecutor] = []
    start_pool = local._start_pool

    def recording(settings: Settings, n: int, ready: Any) -> ProcessPoolExecutor:
        pools.append(start_pool(settings, n, ready))
        return pools[-1]

    monkeypatch.setattr(local, "_start_pool", recording)
    results = extract_records(iter(sample_articles()), Settings(batch_size=2), workers=2)
    assert isinstance(next(results), ArticleRecord)
    workers = list(pools[0]._processes.values())
    if sys.platform.startswith("linux") and "OPENBLAS_NUM_THREADS" not in os.environ:
        # One math thread per worker, so N workers do not fight over the cores.
        environ = Path(f"/proc/{workers[0].pid}/environ").read_bytes().split(b"\0")
        assert b"OPENBLAS_NUM_THREADS=1" in environ
    results.close()  # what a consumer that stops (Ctrl-C in the CLI, a closed HTTP client) does
    # A worker still starting up (importing spaCy on a loaded machine) takes a moment to die: wait, boundedly.
    deadline = time.monotonic() + 20
    while any(p.is_alive() for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert workers and not any(p.is_alive() for p in workers)


KILLED_PARENT = """
import json, sys
from eventlens.engines import local
from eventlens.config import Settings
from eventlens.record import Article

if __name__ == "__main__":
    pools = []
    start = local._start_pool
    local._start_pool = lambda s, n, r: pools.append(start(s, n, r)) or pools[-1]
    texts = ["Russia attacked Ukraine on Friday. The United Nations condemned the attack."] * 40
    results = local.extract_records((Article(text=t, id=str(i)) for i, t in enumerate(texts)),
                                       Settings(batch_size=2), workers=2)
    next(results)
    print(json.dumps([p.pid for p in pools[0]._processes.values()]), flush=True)
    sys.stdin.read()  # wait to be killed
"""


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status  # a zombie has exited; only its exit status is left


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux-only")
def test_workers_exit_when_the_parent_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "parent.py"
    script.write_text(KILLED_PARENT, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=tmp_path
    )
    try:
        assert proc.stdout is not None
        pids: list[int] = json.loads(proc.stdout.readline())
        assert len(pids) == 2 and all(alive(p) for p in pids)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while any(alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(alive(p) for p in pids), "workers outlived their killed parent"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_workers_report_a_missing_model_instead_of_dying_silently() -> None:
    from eventlens.errors import EventlensError

    articles = (Article(text=f"Sentence number {i}.") for i in range(8))
    with pytest.raises(EventlensError, match="no_such_model_xyz"):
        list(extract_records(articles, Settings(model="no_such_model_xyz", batch_size=2), workers=2))


def test_a_loaded_pipeline_is_frozen_out_of_the_collectors_reach(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    trimmed: list[bool] = []
    monkeypatch.setattr(local, "release_free_memory", lambda: trimmed.append(True))
    loaded = [{"index": i} for i in range(1000)]  # stands for what a worker loads and keeps
    try:
        local.settle_loaded_heap()
        assert gc.get_freeze_count() >= len(loaded)
        assert trimmed == [True]  # the freed heap still goes back to the system (#16)
    finally:
        gc.unfreeze()
