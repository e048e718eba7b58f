"""The benchmark's figures: stage times, peak memory of a process tree, ratios, targets, the table and the JSON."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import spacy
from rich.console import Console
from spacy.language import Language
from spacy.tokens import Doc

from eventlens.commands.bench import render
from eventlens.engines.bench import BenchResult, ColdStart, Pass, PeakMemory, StageClock, instrument, tree_rss_mb

EVENTLENS = Path(sys.executable).parent / "eventlens"


@pytest.mark.parametrize(
    ("inclusive", "direct", "expected"),
    [
        ({"tokenizer": 1.0, "a": 3.0, "b": 6.0}, {}, {"tokenizer": 1.0, "a": 2.0, "b": 3.0}),
        ({"tokenizer": 0.0, "a": 2.0, "b": 2.0}, {}, {"tokenizer": 0.0, "a": 2.0, "b": 0.0}),
        ({"tokenizer": 1.0, "a": 3.0}, {"a": 0.5, "tokenizer": 0.25}, {"tokenizer": 1.25, "a": 2.5}),
    ],
    ids=["nested generators", "a stage that costs nothing", "single-document calls add up"],
)
def test_stage_time_is_its_timer_minus_the_stage_before(
    inclusive: dict[str, float], direct: dict[str, float], expected: dict[str, float]
) -> None:
    clock = StageClock()
    for name, seconds in inclusive.items():
        clock.add(name, seconds)
    clock.direct.update(direct)
    assert clock.exclusive() == pytest.approx(expected)


@Language.component("bench_test_slow")
def _slow(doc: Doc) -> Doc:
    time.sleep(0.02)
    return doc


@Language.component("bench_test_fast")
def _fast(doc: Doc) -> Doc:
    return doc


def test_instrumented_pipeline_times_each_stage_and_changes_nothing() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("bench_test_slow")
    nlp.add_pipe("bench_test_fast")
    nlp.add_pipe("sentencizer", name="disabled_stage", after="sentencizer")
    nlp.disable_pipe("disabled_stage")  # never runs: it must not take the stages before it as its own time
    texts = [f"Sentence {i}. Another one." for i in range(10)]
    before = [[t.is_sent_start for t in doc] for doc in nlp.pipe(texts)]
    clock = instrument(nlp)
    assert clock is not None
    after = [[t.is_sent_start for t in doc] for doc in nlp.pipe(nlp.make_doc(t) for t in texts)]
    assert after == before
    stages = clock.exclusive()
    assert list(stages) == ["tokenizer", "sentencizer", "bench_test_slow", "bench_test_fast"]
    assert stages["bench_test_slow"] >= 10 * 0.02 * 0.9
    assert stages["bench_test_slow"] > 5 * max(stages["sentencizer"], stages["bench_test_fast"])
    nlp("One more. Called directly.")  # the single-document path is timed too
    assert clock.exclusive()["bench_test_slow"] >= 11 * 0.02 * 0.9


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_peak_memory_counts_child_processes() -> None:
    own = tree_rss_mb()
    assert own > 10
    hog = "b = bytearray(300 * 1024 * 1024); import sys; sys.stdout.write('ready\\n'); sys.stdout.flush(); input()"
    with PeakMemory(every=0.02) as memory:
        child = subprocess.Popen([sys.executable, "-c", hog], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(0.2)
        child.communicate("\n", timeout=30)
    assert memory.peak_mb >= own + 250


def fake_result(workers: int = 2) -> BenchResult:
    passes = [
        Pass("bare spaCy", 100, 50_000, 10.0, 2.0, 600.0),
        Pass("eventlens, 1 worker", 100, 50_000, 12.5, 3.0, 700.0),
        Pass("eventlens, all workers", 100, 50_000, 7.0, 6.0, 1400.0),
    ]
    return BenchResult("c.jsonl", 100, 50_000, 2, 2, workers, "m", passes, {"tokenizer": 1.0, "eventlens_events": 3.0})


def test_ratios_and_targets() -> None:
    result = fake_result()
    ratios = result.ratios()
    assert ratios["one_worker_vs_bare"] == pytest.approx(0.8)
    assert ratios["all_workers_vs_one"] == pytest.approx(12.5 / 7.0)
    assert list(result.targets().values()) == [True, True, None]  # no cold start measured
    data = result.as_dict()
    assert data["peak_rss_mb"] == 1400.0
    assert data["passes"][0]["articles_per_s"] == pytest.approx(10.0)
    assert data["stages"]["eventlens_events"]["share"] == pytest.approx(0.75)
    json.dumps(data)  # JSON-ready as it is


def test_table_shows_every_pass_ratio_and_target() -> None:
    out = io.StringIO()
    render(fake_result(), Console(file=out, width=160, color_system=None))
    text = out.getvalue()
    for expected in ("bare spaCy", "eventlens, 1 worker", "eventlens, 2 workers", "0.80", "1.79×", "eventlens_events"):
        assert expected in text
    assert "target 1 worker >= 0.75 x bare spaCy: met" in text


def test_cold_start_is_reported_beside_throughput() -> None:
    result = fake_result()
    result.cold_start = ColdStart(runs=3, words=120, seconds=2.0, cpu_seconds=1.8, first_seconds=9.5)
    data = json.loads(json.dumps(result.as_dict()))
    assert data["cold_start"] == {"runs": 3, "words": 120, "seconds": 2.0, "cpu_seconds": 1.8, "first_seconds": 9.5}
    assert result.targets()["cold start <= 2.5 s"] is True
    out = io.StringIO()
    render(result, Console(file=out, width=160, color_system=None))
    assert "cold start (new process, one 120-word article): 2.00 s, CPU 1.80 s (median of 3; first run 9.50 s)" in (
        out.getvalue()
    )


@pytest.mark.slow
def test_bench_command_reports_every_figure_as_json(tmp_path: Path) -> None:
    run = subprocess.run(
        [str(EVENTLENS), "bench", "--limit", "3", "--workers", "2", "--batch-size", "1", "--cold-runs", "1", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["articles"] == 3 and data["words"] > 100 and data["workers"] == 2
    assert [p["name"] for p in data["passes"]] == ["bare spaCy", "eventlens, 1 worker", "eventlens, all workers"]
    assert all(p["articles_per_s"] > 0 and p["peak_rss_mb"] > 100 for p in data["passes"])
    assert {"tokenizer", "parser", "ner", "eventlens_actors", "eventlens_events"} <= set(data["stages"])
    assert set(data["ratios"]) == {"one_worker_vs_bare", "all_workers_vs_bare", "all_workers_vs_one"}
    cold = data["cold_start"]  # a new process extracting the shortest of the three articles (no timing threshold)
    assert cold["runs"] == 1 and cold["words"] > 10 and cold["seconds"] > 0 and cold["first_seconds"] > 0
    assert "cold start <= 2.5 s" in data["targets"]
