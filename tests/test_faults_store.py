"""Faults during writing never leave a half article or a corrupt database, and the next run completes the job
(#8): a real SIGKILL at several points, a full disk (a file size limit), a database locked by another process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventlens.analyse.ingest_flow import IngestFlow
from eventlens.cli import app
from eventlens.errors import StoreError
from eventlens.store import Store
from eventlens.store.check import check_database

WRITER = Path(__file__).parent / "fault_scripts" / "store_writer.py"
N = 12


def writer(db: Path, first: int, last: int, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(db), str(first), str(last), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def reference(tmp_path: Path) -> dict[str, int]:
    db = tmp_path / "reference.duckdb"
    proc = writer(db, 0, N)
    assert proc.wait(timeout=300) == 0, proc.stderr.read() if proc.stderr else ""
    with Store(db, read_only=True) as store:
        return store.counts()


@pytest.mark.slow
@pytest.mark.parametrize("after", [0, 1, 4, 9], ids=lambda n: f"kill after {n} commits")
def test_faults_kill_leaves_whole_articles_and_rerun_completes(tmp_path: Path, after: int) -> None:
    db = tmp_path / "db.duckdb"
    proc = writer(db, 0, N)
    assert proc.stdout is not None
    for _ in range(after):
        assert proc.stdout.readline()
    # Kill while the next article is being written (its transaction open or about to be).
    time.sleep(0.01 * after)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    if db.exists():
        report = check_database(db)
        assert report.ok, report.problems
        assert report.counts["articles"] >= after
    rerun = writer(db, 0, N)
    assert rerun.wait(timeout=300) == 0
    final = check_database(db)
    assert final.ok, final.problems
    with Store(db, read_only=True) as store:
        assert store.counts() == reference(tmp_path)


def test_faults_disk_full_is_a_clear_error_and_the_database_stays_whole(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    with Store(db):
        pass
    limit = db.stat().st_size + 400_000
    proc = writer(db, 0, 200, str(limit))
    out, _ = proc.communicate(timeout=300)
    assert proc.returncode == 3, out
    error = out.strip().splitlines()[-1]
    assert error.startswith("StoreError:") and "disk full or file size limit" in error
    committed = sum(1 for line in out.splitlines() if line.startswith("added"))
    report = check_database(db)
    assert report.ok, report.problems
    assert report.counts["articles"] == committed
    rerun = writer(db, 0, committed + 2)  # room again: the job goes on from where it stopped
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, out + err
    assert check_database(db).counts["articles"] == committed + 2


@pytest.fixture
def locked_db(tmp_path: Path) -> tuple[Path, subprocess.Popen[str]]:
    db = tmp_path / "db.duckdb"
    with Store(db):
        pass
    code = f"from eventlens.store import Store; s = Store({str(db)!r}); print('ready', flush=True); input()"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}
    holder = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                              env=env)  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
    yield db, holder  # type: ignore[misc]
    holder.kill()
    holder.wait()


def test_faults_locked_database_is_a_one_line_error(locked_db: tuple[Path, subprocess.Popen[str]]) -> None:
    db, holder = locked_db
    with pytest.raises(StoreError, match=r"locked by another process .*PID \d+.*waited 0.3s"):
        Store(db, lock_wait=0.3)
    for command in (["check", "--db", str(db)], ["events", "--db", str(db)]):
        result = CliRunner(env={"EVENTLENS_LOCK_WAIT": "0.3"}).invoke(app, command)
        assert result.exit_code == 1
        assert "locked by another process" in result.output
        assert "Traceback" not in result.output


def test_faults_lock_released_while_waiting_is_taken(locked_db: tuple[Path, subprocess.Popen[str]]) -> None:
    db, holder = locked_db
    assert holder.stdin is not None
    holder.stdin.write("\n")  # the holder exits, releasing its lock, while we wait
    holder.stdin.flush()
    with Store(db, lock_wait=30) as store:
        assert store.counts()["articles"] == 0


def test_faults_check_finds_half_articles_and_orphans(tmp_path: Path) -> None:
    import duckdb

    from tests.support.store import wire_record

    db = tmp_path / "db.duckdb"
    with Store(db) as store:
        IngestFlow(store).add(wire_record())
    assert check_database(db).ok
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM events WHERE id = 'e1'")  # what a non-atomic write cut short would leave
    con.execute("INSERT INTO quotes SELECT * REPLACE ('ghost' AS article_id) FROM quotes LIMIT 1")
    con.execute('UPDATE places SET "end" = 10_000_000')
    con.close()
    problems = check_database(db).problems
    assert "articles: rows missing or extra (half-written article)" in problems
    assert "quotes: rows without an article" in problems
    assert "places: offsets outside the text" in problems
    result = CliRunner().invoke(app, ["check", "--db", str(db)])
    assert result.exit_code == 1 and "half-written" in result.output
