"""Extraction on every core: a pool of worker processes, each holding one loaded pipeline.

``extract_records(articles, settings, workers=N)`` is what ``eventlens extract`` and ``ingest`` call:

- ``workers=1`` runs :meth:`Extractor.pipe` in this process;
- ``workers=0`` means one worker per core this process may use;
- ``workers>1`` starts that many processes (``spawn``: a clean interpreter, never a fork of a process that holds a
  loaded model and threads). Each loads the model once, in its initializer. As with any ``spawn`` pool, a script
  that calls this must guard its entry point with ``if __name__ == "__main__":``.

Articles are streamed in chunks of ``settings.batch_size``; at most ``2 × workers`` chunks are in flight, so memory
stays bounded whatever the corpus size, and results come back in input order, the same records a one-worker run
gives. Workers receive :class:`Article` objects and send back records (plain dataclasses), never spaCy ``Doc``\\ s,
whose extensions would not survive pickling.

Memory (#16): each worker gives the heap it no longer uses back to the system (``malloc_trim``) once its pipeline is
loaded and after each chunk. Building the pipeline leaves some 120 MB of freed heap that glibc would otherwise keep
for the life of the process, and each parse leaves behind what it used at its peak. The objects of the loaded
pipeline are frozen out of the garbage collector's reach then (``gc.freeze``, :func:`settle_loaded_heap`), so
collections during the run do not walk them again. The parent, which runs no model, never imports spaCy or the
extraction components (a test holds it to that).

A worker that dies (killed, out of memory) fails only the chunk it held: its articles are reported as
:class:`ExtractionFailed` and a fresh pool takes the rest. Workers ignore Ctrl-C (the parent stops them) and are
asked by the kernel to exit when their parent dies, so an interrupted or killed run leaves no orphaned workers.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import logging
import multiprocessing
import os
import queue
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from ..config import Settings
from ..errors import EventlensError, ExtractionFailed
from ..record import Article, ArticleRecord

if TYPE_CHECKING:
    from ..extract import Extractor

log = logging.getLogger(__name__)

Result = ArticleRecord | ExtractionFailed  # noqa: UP040 (a plain alias keeps it usable at run time)
#: What a worker sends back for one article: its record, or ``(article id, reason)`` when extraction failed
#: (exceptions with extra constructor arguments do not survive pickling).
WireResult = ArticleRecord | tuple[str, str]  # noqa: UP040

#: Chunks in flight per worker: one being processed, one queued so a worker never waits for the parent.
IN_FLIGHT_PER_WORKER = 2
#: Pools that may break in a row (a worker dying each time) before the run gives up.
MAX_BROKEN_POOLS = 3
#: Environment of worker processes: one thread each for the math libraries (the user's own settings win).
WORKER_ENVIRONMENT = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
#: Linux ``prctl`` option asking the kernel to signal a process when its parent exits.
_PR_SET_PDEATHSIG = 1
#: A corpus of fewer articles runs in this process: starting workers (each loading the pipeline) costs more than
#: they would save on it.
SMALL_CORPUS = 16

# The extractor of a worker process, loaded once by ``_init_worker`` (or why it could not be loaded).
_worker_extractor: Extractor | None = None
_worker_error: EventlensError | None = None


def cpu_count() -> int:
    """Cores this process may run on (its affinity mask, not the machine's total)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def resolve_workers(workers: int) -> int:
    """The number of workers ``workers`` asks for: 0 (or less) means one per core."""
    return workers if workers > 0 else cpu_count()


def chunked(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Lists of up to ``size`` items, read lazily from ``items``."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def extract_records(articles: Iterable[Article], settings: Settings, *, workers: int) -> Iterator[Result]:
    """Extract ``articles`` with ``workers`` processes, yielding results in input order.

    Args:
        articles: any iterable; it is read lazily, a chunk at a time.
        settings: the settings every worker builds its pipeline from.
        workers: 1 runs in this process, 0 means one per core, N>1 starts N worker processes.

    Yields:
        An :class:`ArticleRecord` per article, or :class:`ExtractionFailed` for one the extractor could not handle
        (the rest go on).

    Raises:
        ModelError: the model cannot be loaded (in this process or in a worker).
    """
    n = resolve_workers(workers)
    rest = iter(articles)
    first = list(islice(rest, max(SMALL_CORPUS, settings.batch_size)))
    if not first:
        return
    if n <= 1 or len(first) < SMALL_CORPUS:
        # One worker, or a small corpus: starting processes would only cost time.
        yield from _in_process(first, rest, settings)
        return
    yield from _in_pool(first, rest, settings, n)


def _in_process(first: list[Article], rest: Iterator[Article], settings: Settings) -> Iterator[Result]:
    from ..extract import Extractor

    extractor = Extractor(settings)
    yield from extractor.pipe(chain(first, rest), batch_size=settings.batch_size)


def _in_pool(first: list[Article], rest: Iterator[Article], settings: Settings, n: int) -> Iterator[Result]:
    with WorkerPool(settings, n) as pool:
        yield from pool.extract(chain(first, rest))


class WorkerPool:
    """``workers`` processes, each with the pipeline loaded once, running chunks of articles in input order.

    :func:`extract_records` makes one per run; a caller that wants the start-up out of its timing (the benchmark)
    can start one, :meth:`wait_ready`, then :meth:`extract`. Leaving the ``with`` block stops every worker.
    """

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.workers = resolve_workers(workers)
        self._ready = multiprocessing.get_context("spawn").Queue()
        self._pool = _start_pool(settings, self.workers, self._ready)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers now (queued chunks are dropped)."""
        _stop_pool(self._pool)
        self._ready.close()
        self._ready.join_thread()

    def wait_ready(self, timeout: float = 300.0) -> None:
        """Start every worker and wait until each has loaded its pipeline.

        Raises:
            EventlensError: a worker could not load the pipeline, or died, or ``timeout`` passed.
        """
        # The workers were started with the pool; these pings come back once each has run its initializer.
        pings = [self._pool.submit(_ping) for _ in range(self.workers)]
        deadline = time.monotonic() + timeout
        ready = 0
        while ready < self.workers:
            try:
                self._ready.get(timeout=0.5)
                ready += 1
            except queue.Empty:
                for ping in pings:
                    if ping.done() and ping.exception() is not None:
                        raise EventlensError(f"a worker could not start: {ping.exception()}") from None
                if time.monotonic() > deadline:
                    raise EventlensError(f"the workers did not load the pipeline within {timeout:g} s") from None
        for ping in pings:
            ping.result()  # re-raises a worker's ModelError

    def extract(self, articles: Iterable[Article]) -> Iterator[Result]:
        """Extract ``articles`` on the workers, a bounded window of chunks in flight, results in input order."""
        size = max(1, self.settings.batch_size)
        window = self.workers * IN_FLIGHT_PER_WORKER
        pending: deque[tuple[list[Article], Future[list[WireResult]]]] = deque()
        source = chunked(articles, size)
        breaks = 0  # pools broken in a row: a pool that keeps dying is a broken setup, not a bad article
        while True:
            while len(pending) < window and (chunk := next(source, None)) is not None:
                pending.append((chunk, self._pool.submit(_extract_chunk, chunk)))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                wire = future.result()
            except BrokenProcessPool as e:
                breaks += 1
                if breaks >= MAX_BROKEN_POOLS:
                    raise EventlensError(f"worker processes keep dying ({e}); try --workers 1 to see why") from e
                # A worker died holding some chunk; blame the oldest unfinished one and resubmit the others.
                log.warning("a worker process died; %d articles reported as failed, restarting the pool", len(chunk))
                for article in chunk:
                    yield ExtractionFailed(article.id, "extraction failed: the worker process died on this batch")
                _stop_pool(self._pool)
                self._pool = _start_pool(self.settings, self.workers, self._ready)
                pending = deque((c, self._pool.submit(_extract_chunk, c)) for c, _ in pending)
                continue
            breaks = 0
            yield from _from_wire(wire)


def _from_wire(wire: list[WireResult]) -> Iterator[Result]:
    for item in wire:
        if isinstance(item, ArticleRecord):
            yield item
        else:
            yield ExtractionFailed(item[0], item[1])


def _start_pool(settings: Settings, n: int, ready: Any) -> ProcessPoolExecutor:
    """A pool of ``n`` worker processes, all started now (each loads the pipeline in its initializer)."""
    # spawn: workers start from a clean interpreter (no inherited threads, locks or loaded model), as direct
    # children of this process so the kernel can stop them when it dies. (forkserver workers would be children of
    # the fork server, which stays alive as long as they do: a killed parent would leave both behind.)
    pool = ProcessPoolExecutor(
        max_workers=n,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(settings, ready),
    )
    # One math thread per worker: N workers each running a BLAS thread per core would fight over the cores
    # (OpenBLAS threads spin while they wait). The variables are read when a worker starts, so every worker is
    # started here, inside this block: with spawn, each submit made while no worker is idle starts one process.
    with _environment(WORKER_ENVIRONMENT):
        for _ in range(n):
            pool.submit(_ping)
    return pool


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """Set environment variables the user has not set, for the duration of the block."""
    added = {k: v for k, v in values.items() if k not in os.environ}
    os.environ.update(added)
    try:
        yield
    finally:
        for key in added:
            os.environ.pop(key, None)


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop the pool now: queued chunks are cancelled and running workers terminated (no orphans)."""
    # The executor forgets its processes on shutdown, so take them first (no public API lists them).
    processes = list((pool._processes or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join(timeout=5)


def _die_with_parent() -> None:
    """Ask the kernel to send SIGTERM to this process when its parent exits (Linux only; a no-op elsewhere).

    Strictly, when the parent *thread* that started it exits: the pool is started by the thread that iterates
    :func:`extract_records`, which stops the pool itself before it finishes.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def _init_worker(settings: Settings, ready: Any) -> None:
    """Worker initializer: load the pipeline once; leave Ctrl-C to the parent, which stops the pool."""
    global _worker_extractor, _worker_error
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    from ..extract import Extractor

    try:
        _worker_extractor = Extractor(settings)
    except EventlensError as e:  # e.g. the model is missing: every task re-raises it, so the parent sees why
        _worker_error = e
    settle_loaded_heap()
    ready.put(os.getpid())


def _ping() -> int:
    """A task that only makes the pool start a worker; re-raises the worker's start-up error, if any."""
    if _worker_error is not None:
        raise _worker_error
    return os.getpid()


def _extract_chunk(chunk: list[Article]) -> list[WireResult]:
    """Worker task: the records of one chunk, in order."""
    extractor = _worker_extractor
    if extractor is None:
        raise _worker_error or RuntimeError("worker used before its pipeline was loaded")
    out: list[WireResult] = []
    for result in extractor.pipe(chunk, batch_size=len(chunk)):
        if isinstance(result, ExtractionFailed):
            out.append((result.source, result.reason))
        else:
            out.append(result)
    release_free_memory()
    return out


def settle_loaded_heap() -> None:
    """Once a worker or actor has built its pipeline: collect what loading left, move every object that survived
    (the model, dictionaries, indexes: hundreds of thousands, alive for the whole run) out of the collector's
    reach (``gc.freeze``), and give the freed heap back to the system.

    Frozen objects are never walked again, so each full collection a parse triggers costs what the parse made, not
    the whole pipeline; and a collection no longer writes to those objects' headers, which keeps pages that a
    forked process shares with its parent shared.
    """
    gc.collect()
    gc.freeze()
    release_free_memory()


def release_free_memory() -> None:
    """Give the heap this process has freed back to the system (glibc's ``malloc_trim``; a no-op elsewhere).

    glibc returns freed memory to the system only from the top of the heap: what a parse freed below objects that
    live on stays counted in the process's resident memory until trimmed.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Any:
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
