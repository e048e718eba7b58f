"""JSON Lines, split the one way the format allows: on ``"\\n"`` only (#16).

``str.splitlines()`` and text-mode files in Python also break lines at ``\\r``, ``\\v``, ``\\f``, ``\\x1c``-``\\x1e``,
U+0085, U+2028 and U+2029. JSON lets all but ``\\r`` stand raw inside a string (``json.dumps(ensure_ascii=False)``
writes them so), so splitting there cuts valid lines in pieces and numbers the rest past the end of the file. Every
JSONL reader in eventlens goes through these two functions.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def jsonl_lines(text: str) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` for each line of ``text`` that is not blank, lines ending at ``"\\n"`` only."""
    # One line at a time: a list of every line would hold a second copy of the whole input while it is read (#16).
    start, number = 0, 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        number += 1
        line = text[start:end]
        start = end + 1
        if line.strip():
            yield number, line


def read_jsonl_lines(path: str | Path) -> Iterator[tuple[int, str]]:
    """The same for a file, read a line at a time (a trailing ``"\\r"`` of CRLF files is JSON whitespace)."""
    with open(path, encoding="utf-8", newline="\n") as f:
        for number, line in enumerate(f, start=1):
            if line.strip():
                yield number, line


__all__ = ["jsonl_lines", "read_jsonl_lines"]
