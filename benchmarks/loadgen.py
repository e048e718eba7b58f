"""A bounded load generator for the API: N clients, each requesting a mix of URLs for a fixed time.

Used by ``scripts/load_test.py`` (50 clients for 60 s) and by the test suite (a few clients for a few seconds).
It only ever talks to the base URL it is given, which the callers keep on 127.0.0.1; every loop stops at its
deadline.
"""

from __future__ import annotations

import random
import statistics
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

#: What a reader of the dashboard and an API client ask for, with the filters people use.
DEFAULT_PATHS: tuple[str, ...] = (
    "/api/events?limit=50",
    "/api/events?limit=20&quad=material_conflict",
    "/api/events?limit=20&factuality=asserted&type=CONSULT",
    "/api/articles?limit=20",
    "/api/articles?limit=20&q=president",
    "/api/quotes?limit=20",
    "/api/actors?limit=50",
    "/api/stories?limit=20",
    "/api/dyads?limit=20",
    "/",
    "/timeline",
    "/network",
    "/map",
)


@dataclass
class LoadResult:
    """What the clients saw: request count, latencies (seconds), errors by kind."""

    requests: int = 0
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    duration: float = 0.0

    def percentile(self, p: float) -> float:
        """The ``p``-th percentile latency in seconds (0 when nothing was measured)."""
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
        return ordered[k]

    def summary(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "errors": sum(self.errors.values()),
            "error_kinds": dict(self.errors),
            "seconds": round(self.duration, 2),
            "requests_per_s": round(self.requests / self.duration, 1) if self.duration else 0.0,
            "p50_ms": round(self.percentile(50) * 1000, 1),
            "p95_ms": round(self.percentile(95) * 1000, 1),
            "p99_ms": round(self.percentile(99) * 1000, 1),
            "mean_ms": round(statistics.fmean(self.latencies) * 1000, 1) if self.latencies else 0.0,
        }


def _client_loop(
    base_url: str,
    paths: Sequence[str],
    deadline: float,
    result: LoadResult,
    lock: threading.Lock,
    seed: int,
    timeout: float,
) -> None:
    rng = random.Random(seed)
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    with httpx.Client(base_url=base_url, timeout=timeout, trust_env=False) as client:
        while time.monotonic() < deadline:
            path = rng.choice(paths)
            start = time.perf_counter()
            try:
                response = client.get(path)
                response.read()
                if response.status_code != 200:
                    errors[f"HTTP {response.status_code} {path}"] += 1
            except httpx.HTTPError as e:
                errors[type(e).__name__] += 1
            latencies.append(time.perf_counter() - start)
    with lock:
        result.latencies += latencies
        result.requests += len(latencies)
        result.errors.update(errors)


def run_load(
    base_url: str,
    *,
    clients: int = 50,
    seconds: float = 60.0,
    paths: Sequence[str] = DEFAULT_PATHS,
    timeout: float = 30.0,
) -> LoadResult:
    """Run ``clients`` threads against ``base_url`` for ``seconds``; return latencies and errors."""
    result = LoadResult()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(
            target=_client_loop,
            args=(base_url, paths, deadline, result, lock, i, timeout),
            name=f"load-client-{i}",
            daemon=True,
        )
        for i in range(clients)
    ]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + timeout + 5)
    result.duration = time.monotonic() - started
    return result


__all__ = ["DEFAULT_PATHS", "LoadResult", "run_load"]
