"""The CLI starts fast: --help lists every command without importing one, and a command imports only what it needs
(no spaCy for a query, no SciPy through datasketch) (#15). Timings live in scripts/bench_startup.py."""

from __future__ import annotations

import subprocess
import sys

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
