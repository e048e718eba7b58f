"""The benchmark behind ``eventlens bench``: how fast eventlens is next to bare spaCy, on one machine, in one run.

Three timed passes over the same articles, each after its model is loaded (load times are reported apart):

1. **bare spaCy**: ``nlp.pipe`` over the texts with the same model and the same excluded components;
2. **eventlens, one worker**: :meth:`Extractor.pipe` in this process, with every pipeline stage timed;
3. **eventlens, all workers**: :class:`~eventlens.engines.local.WorkerPool` with one worker per core (started and loaded
   before the clock starts).

Peak memory is the resident set of this process and all its children, sampled while each pass runs.

Beside throughput, the **cold start**: a new ``eventlens extract`` process on one short article of the corpus (the
shortest), timed from start to exit. It is what a user waits for one article, and what every worker process or Ray
actor pays before its first. The first run builds any index missing from the on-disk cache (see
:mod:`eventlens.resources`); the figure is the median of the runs after it.

Stage timing wraps each component's ``pipe`` in a timer for this run only: spaCy chains the stages as generators,
so a stage's timer also runs while it pulls documents from the stage before; a stage's own time is its timer minus
the previous stage's.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import EventlensError, InputError
from ..ingest import read_path
from ..record import Article, ArticleRecord

#: The issue's targets (a benchmark, never a timed unit test).
TARGET_ONE_WORKER_VS_BARE = 0.75
TARGET_TWO_WORKERS_VS_ONE = 1.6
#: Seconds for a new process to extract one short article, caches warm (issue #15).
TARGET_COLD_START_S = 2.5
#: New processes timed after the first (their median is the cold-start figure).
COLD_START_RUNS = 3
#: Seconds between two memory samples.
SAMPLE_EVERY = 0.05


@dataclass
class Pass:
    """One timed pass over the corpus."""

    name: str
    articles: int
    words: int
    seconds: float
    load_seconds: float
    peak_rss_mb: float
    failed: int = 0

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "articles_per_s": self.articles_per_s, "words_per_s": self.words_per_s}


@dataclass
class ColdStart:
    """A new ``eventlens extract`` process on one short article, from start to exit."""

    runs: int  # timed runs after the first
    words: int  # the article's words
    seconds: float  # median wall-clock seconds of those runs
    cpu_seconds: float  # their median CPU time (user + system): steadier than wall time on a busy machine
    first_seconds: float  # the first run, which also builds any index the cache lacked

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class BenchResult:
    """Everything ``eventlens bench`` reports."""

    corpus: str
    articles: int
    words: int
    skipped: int
    cores: int
    workers: int
    model: str
    passes: list[Pass]
    stages: dict[str, float] = field(default_factory=dict)
    cold_start: ColdStart | None = None

    def pass_named(self, name: str) -> Pass | None:
        return next((p for p in self.passes if p.name == name), None)

    def ratios(self) -> dict[str, float | None]:
        """Throughput ratios: each eventlens pass against bare spaCy, and all workers against one."""
        bare, one, many = (self.pass_named(n) for n in ("bare spaCy", "eventlens, 1 worker", "eventlens, all workers"))

        def ratio(a: Pass | None, b: Pass | None) -> float | None:
            if a is None or b is None or b.articles_per_s == 0:
                return None
            return a.articles_per_s / b.articles_per_s

        return {
            "one_worker_vs_bare": ratio(one, bare),
            "all_workers_vs_bare": ratio(many, bare),
            "all_workers_vs_one": ratio(many, one),
        }

    def targets(self) -> dict[str, bool | None]:
        """The issue's targets, met or not (None when the run cannot say: one core, or a pass skipped)."""
        r = self.ratios()
        one, many = r["one_worker_vs_bare"], r["all_workers_vs_one"]
        cold = self.cold_start
        return {
            f"1 worker >= {TARGET_ONE_WORKER_VS_BARE} x bare spaCy": None if one is None else one >= 0.75,
            f"2 workers >= {TARGET_TWO_WORKERS_VS_ONE} x 1 worker": (
                None if many is None or self.workers != 2 else many >= TARGET_TWO_WORKERS_VS_ONE
            ),
            f"cold start <= {TARGET_COLD_START_S} s": None if cold is None else cold.seconds <= TARGET_COLD_START_S,
        }

    def stage_shares(self) -> dict[str, float]:
        total = sum(self.stages.values())
        return {k: (v / total if total else 0.0) for k, v in self.stages.items()}

    def as_dict(self) -> dict[str, Any]:
        return {
            "corpus": self.corpus,
            "articles": self.articles,
            "words": self.words,
            "skipped": self.skipped,
            "cores": self.cores,
            "workers": self.workers,
            "model": self.model,
            "passes": [p.as_dict() for p in self.passes],
            "ratios": self.ratios(),
            "targets": self.targets(),
            "stages": {k: {"seconds": v, "share": self.stage_shares()[k]} for k, v in self.stages.items()},
            "peak_rss_mb": max((p.peak_rss_mb for p in self.passes), default=0.0),
            "cold_start": self.cold_start.as_dict() if self.cold_start else None,
        }


# ---------------------------------------------------------------------------------------------------- memory
def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as f:
                out.extend(int(c) for c in f.read().split())
    except (OSError, ValueError):
        pass
    return out


def tree_rss_mb(pid: int | None = None) -> float:
    """Resident memory of a process and all its descendants, in MB (Linux ``/proc``; 0 elsewhere)."""
    todo = [pid or os.getpid()]
    seen: set[int] = set()
    total = 0
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        total += _rss_kb(p)
        todo.extend(_children(p))
    return total / 1024


class PeakMemory:
    """Samples the resident memory of this process tree in a thread; ``peak_mb`` is the highest seen."""

    def __init__(self, every: float = SAMPLE_EVERY) -> None:
        self.every = every
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="eventlens-peak-memory", daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_mb = max(self.peak_mb, tree_rss_mb())
            self._stop.wait(self.every)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_mb = max(self.peak_mb, tree_rss_mb())
        if self.peak_mb == 0.0:  # no /proc: this process's own peak is the best there is
            self.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------------------------------------------- stages
class StageClock:
    """Cumulative time inside each stage's ``next()`` (inclusive of the stages it pulls from)."""

    def __init__(self) -> None:
        self.inclusive: dict[str, float] = {}
        self.order: list[str] = []
        #: Time in single-document calls (``nlp(doc)``, e.g. the extractor retrying a failed batch one by one).
        self.direct: dict[str, float] = {}
        #: Stage generators running now: tokenizing inside one is part of that stage's inclusive time.
        self.active = 0

    def add(self, name: str, seconds: float) -> None:
        if name not in self.inclusive:
            self.inclusive[name] = 0.0
            self.order.append(name)
        self.inclusive[name] += seconds

    def exclusive(self, tokenizer: str = "tokenizer") -> dict[str, float]:
        """Each stage's own time: its inclusive time minus that of the stage it pulls from."""
        previous = self.inclusive.get(tokenizer, 0.0)
        out: dict[str, float] = {tokenizer: previous}
        for name in self.order:
            if name == tokenizer:
                continue
            out[name] = max(0.0, self.inclusive[name] - previous)
            previous = self.inclusive[name]
        for name, seconds in self.direct.items():
            out[name] = out.get(name, 0.0) + seconds
        return out


class _TimedTokenizer:
    def __init__(self, tokenizer: Any, clock: StageClock) -> None:
        self.tokenizer = tokenizer
        self.clock = clock

    def __call__(self, text: str) -> Any:
        start = time.perf_counter()
        try:
            return self.tokenizer(text)
        finally:
            seconds = time.perf_counter() - start
            if self.clock.active:  # pulled by the first stage of nlp.pipe
                self.clock.add("tokenizer", seconds)
            else:  # a single-document call
                self.clock.direct["tokenizer"] = self.clock.direct.get("tokenizer", 0.0) + seconds

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tokenizer, name)


class _TimedStage:
    """A component wrapped so that ``nlp.pipe`` times it; calling it one document at a time is timed too."""

    def __init__(self, name: str, proc: Any, clock: StageClock) -> None:
        self.name = name
        self.proc = proc
        self.clock = clock

    def __call__(self, doc: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return self.proc(doc, **kwargs)
        finally:
            self.clock.direct[self.name] = self.clock.direct.get(self.name, 0.0) + time.perf_counter() - start

    def pipe(self, docs: Iterable[Any], **kwargs: Any) -> Iterator[Any]:
        if hasattr(self.proc, "pipe"):
            inner = iter(self.proc.pipe(docs, **kwargs))
        else:
            inner = (self.proc(doc) for doc in docs)
        while True:
            start = time.perf_counter()
            self.clock.active += 1
            try:
                doc = next(inner)
            except StopIteration:
                return
            finally:
                self.clock.active -= 1
                self.clock.add(self.name, time.perf_counter() - start)
            yield doc

    def __getattr__(self, name: str) -> Any:
        return getattr(self.proc, name)


def instrument(nlp: Any) -> StageClock | None:
    """Wrap the tokenizer and every component of ``nlp`` with timers (for the benchmark only).

    Returns None when this spaCy keeps its components somewhere else (the benchmark then reports no stages).
    """
    components = getattr(nlp, "_components", None)
    if not isinstance(components, list):
        return None
    clock = StageClock()
    # The enabled stages in pipeline order, which the subtraction in ``exclusive`` relies on: a disabled component
    # (the small model's senter) never runs, and counting it would hand its upstream's time to the next stage.
    for name in nlp.pipe_names:
        clock.add(name, 0.0)
    nlp.tokenizer = _TimedTokenizer(nlp.tokenizer, clock)
    nlp._components = [(name, _TimedStage(name, proc, clock)) for name, proc in components]
    return clock


# ---------------------------------------------------------------------------------------------------- passes
def load_corpus(path: Path, settings: Settings, limit: int | None = None) -> tuple[list[Article], int]:
    """The articles of ``path`` (up to ``limit``) and how many inputs were skipped."""
    articles: list[Article] = []
    skipped = 0
    for item in read_path(path, settings):
        if isinstance(item, InputError):
            skipped += 1
            continue
        articles.append(item)
        if limit is not None and len(articles) >= limit:
            break
    return articles, skipped


def count_words(articles: Iterable[Article]) -> int:
    """Whitespace-separated words in the texts."""
    return sum(len(a.text.split()) for a in articles)


def _timed(
    name: str, articles: list[Article], words: int, load: Callable[[], Any], run: Callable[[Any], int]
) -> tuple[Pass, Any]:
    with PeakMemory() as memory:
        start = time.perf_counter()
        handle = load()
        loaded = time.perf_counter()
        failed = run(handle)
        done = time.perf_counter()
    return Pass(name, len(articles), words, done - loaded, loaded - start, memory.peak_mb, failed), handle


def bare_pass(articles: list[Article], words: int, settings: Settings) -> Pass:
    """Bare ``nlp.pipe`` with the model eventlens loads (same excluded components), no eventlens stage."""
    from ..model import load_model

    def load() -> Any:
        nlp = load_model(settings.model)
        nlp.max_length = max(nlp.max_length, settings.max_chars + 1)
        return nlp

    def run(nlp: Any) -> int:
        for _doc in nlp.pipe(a.text for a in articles):
            pass
        return 0

    result, _ = _timed("bare spaCy", articles, words, load, run)
    return result


def one_worker_pass(articles: list[Article], words: int, settings: Settings) -> tuple[Pass, dict[str, float]]:
    """eventlens in this process (what ``--workers 1`` runs), with each stage timed."""
    from ..extract import Extractor

    clock: list[StageClock | None] = [None]

    def load() -> Any:
        extractor = Extractor(settings)
        clock[0] = instrument(extractor.nlp)
        return extractor

    def run(extractor: Any) -> int:
        return _count_failed(extractor.pipe(articles))

    result, _ = _timed("eventlens, 1 worker", articles, words, load, run)
    stages: dict[str, float] = {}
    if clock[0] is not None:
        stages = clock[0].exclusive()
        # What is left: making records from documents, batching, and the stage timers themselves.
        stages["records and batching"] = max(0.0, result.seconds - sum(stages.values()))
    return result, stages


def pool_pass(articles: list[Article], words: int, settings: Settings, workers: int) -> Pass:
    """eventlens on a pool of ``workers`` processes, timed once every worker has loaded the pipeline."""
    from .local import WorkerPool

    def load() -> Any:
        pool = WorkerPool(settings, workers)
        try:
            pool.wait_ready()
        except BaseException:
            pool.close()
            raise
        return pool

    def run(pool: Any) -> int:
        try:
            return _count_failed(pool.extract(articles))
        finally:
            pool.close()

    result, _ = _timed("eventlens, all workers", articles, words, load, run)
    return result


def _eventlens_command() -> str:
    """The ``eventlens`` script a user runs: the one installed beside this Python, else the one on ``PATH``."""
    beside = Path(sys.executable).with_name("eventlens")
    if beside.exists():
        return str(beside)
    found = shutil.which("eventlens")
    if found is None:
        raise EventlensError("cold start: the eventlens command is not installed beside this Python or on PATH")
    return found


def cold_start(article: Article, settings: Settings, runs: int = COLD_START_RUNS) -> ColdStart:
    """Time ``runs + 1`` new processes running ``eventlens extract`` on ``article`` with one worker (the first
    apart), with this run's model and cache folder.

    Raises:
        EventlensError: the extraction failed.
    """
    record = {"id": article.id, "title": article.title, "published": article.published, "text": article.text}
    with tempfile.TemporaryDirectory(prefix="eventlens-cold-") as tmp:
        source = Path(tmp) / "article.jsonl"
        source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        command = [_eventlens_command(), "extract", str(source), "-o", str(Path(tmp) / "out.jsonl")]
        command += ["--workers", "1", "--model", settings.model]
        env = dict(os.environ)
        if settings.cache_dir:
            env["EVENTLENS_CACHE_DIR"] = settings.cache_dir
        timings = [_run_timed(command, env) for _ in range(runs + 1)]
    later = timings[1:] or timings
    return ColdStart(
        runs=len(later),
        words=len(article.text.split()),
        seconds=statistics.median(wall for wall, _ in later),
        cpu_seconds=statistics.median(cpu for _, cpu in later),
        first_seconds=timings[0][0],
    )


def _run_timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of ``command``, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise EventlensError(f"cold start: eventlens extract failed: {done.stderr.strip()[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _count_failed(results: Iterable[ArticleRecord | InputError]) -> int:
    return sum(1 for r in results if not isinstance(r, ArticleRecord))


def run_bench(
    corpus: Path,
    settings: Settings,
    *,
    limit: int | None = None,
    workers: int = 0,
    cold_runs: int = COLD_START_RUNS,
    progress: Callable[[str], None] | None = None,
) -> BenchResult:
    """Time the cold start (unless ``cold_runs`` is 0), run the three passes over ``corpus`` and return what they
    measured.

    Raises:
        EventlensError: the corpus has no usable article, or the model cannot be loaded.
    """
    from .local import cpu_count, resolve_workers

    say = progress or (lambda _message: None)
    articles, skipped = load_corpus(corpus, settings, limit)
    if not articles:
        raise EventlensError(f"{corpus}: no usable articles to benchmark ({skipped} inputs skipped)")
    words = count_words(articles)
    n = resolve_workers(workers)
    cold = None
    if cold_runs > 0:  # first, while no pass has warmed anything but the disk cache
        shortest = min(articles, key=lambda a: len(a.text))
        say(f"cold start: {cold_runs + 1} new processes extracting one {len(shortest.text.split())}-word article")
        cold = cold_start(shortest, settings, cold_runs)
    passes: list[Pass] = []
    say(f"bare spaCy on {len(articles)} articles")
    passes.append(bare_pass(articles, words, settings))
    gc.collect()
    say("eventlens, 1 worker")
    one, stages = one_worker_pass(articles, words, settings)
    passes.append(one)
    gc.collect()
    if n > 1:
        say(f"eventlens, {n} workers")
        passes.append(pool_pass(articles, words, settings, n))
    return BenchResult(
        corpus=str(corpus),
        articles=len(articles),
        words=words,
        skipped=skipped,
        cores=cpu_count(),
        workers=n,
        model=settings.model,
        passes=passes,
        stages=stages,
        cold_start=cold,
    )
