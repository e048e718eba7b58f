"""The CLI starts fast: --help lists every command without importing one, and a command imports only what it needs
(no spaCy for a query, no SciPy through datasketch) (#15). Timings live in scripts/bench_startup.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from eventlens.cli import COMMANDS, load_command

PROBE = """
import sys
from eventlens.cli import app
try:
    app({args!r})
except SystemExit:
    pass
print("LOADED:" + ",".join(m for m in ("spacy", "duckdb", "datasketch", "httpx") if m in sys.modules))
"""


def loaded_after(args: list[str]) -> set[str]:
    code = PROBE.format(args=args)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = out.rsplit("LOADED:", 1)[1].strip()
    return set(loaded.split(",")) - {""}


def test_help_imports_no_command() -> None:
    assert loaded_after(["--help"]) == set()


@pytest.mark.parametrize("command", ["events", "quotes", "actors", "dyads", "stories"])
def test_a_query_command_loads_no_pipeline(command: str) -> None:
    assert not loaded_after([command, "--help"]) & {"spacy", "datasketch"}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_listed_summary_begins_its_commands_own_help(name: str) -> None:
    help_text = " ".join((load_command(name).help or "").split())
    assert help_text.startswith(COMMANDS[name])


@pytest.mark.parametrize(("command", "flag"), [([], "--verbose"), (["events"], "--include-copies"),
                                               (["extract"], "--any-language")])  # fmt: skip
def test_boolean_options_show_as_flags_in_help(command: list[str], flag: str) -> None:
    from typer.testing import CliRunner

    from eventlens.cli import app

    result = CliRunner().invoke(app, [*command, "--help"], terminal_width=200)
    line = next(line for line in result.output.splitlines() if flag in line)
    assert "<bool>" not in line and "<str>" not in result.output.split(flag)[1].split("\n")[0]


def test_extract_to_a_file_shows_progress_on_a_terminal(tmp_path: Path) -> None:
    import os
    import pty

    article = tmp_path / "a.txt"
    article.write_text("Valdorian troops shelled the border town of Mirek on Tuesday.", encoding="utf-8")
    main, child = pty.openpty()
    eventlens = str(Path(sys.executable).with_name("eventlens"))
    run = subprocess.Popen([eventlens, "extract", str(article), "-o", str(tmp_path / "out.jsonl")],
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=child)  # fmt: skip
    os.close(child)
    seen = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        seen += chunk
    assert run.wait(timeout=120) == 0
    assert b"extract" in seen and b"1 articles written" in seen
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8").count("\n") == 1
