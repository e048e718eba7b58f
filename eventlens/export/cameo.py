"""PLOVER → CAMEO codes for the GDELT-style export, read backwards from the bundled CAMEO2PLOVER crosswalk.

The table (``eventlens/data/cameo/CAMEO2PLOVER-2021.txt``, CC BY-SA 4.0, Open Event Data Alliance) maps each CAMEO
code to ``TYPE, mode, context``. Read backwards, a PLOVER event gets the first CAMEO code listed with its type and
mode, or else the first code of its type that names no mode (the most general one, e.g. ``040`` Consult). Several
CAMEO codes map to one PLOVER type, so this direction loses detail: the root (two digits) is what GDELT users group
by, and the PLOVER type and mode are exported next to it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

#: The bundled crosswalk (found next to the package's code, however eventlens was installed).
TABLE = Path(__file__).resolve().parent.parent / "data" / "cameo" / "CAMEO2PLOVER-2021.txt"
#: A type whose every code names a mode: the mode of its general sense (ACCUSE's "disapprove" is CAMEO 110, the
#: former DISAPPROVE root; "investigate" and "allege" are narrower).
_DEFAULT_MODE = {"ACCUSE": "disapprove"}
_LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?")


@cache
def _table() -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """``(type, mode) → code`` and ``type → most general code``, in the file's order."""
    text = TABLE.read_text(encoding="utf-8")
    by_mode: dict[tuple[str, str], str] = {}
    by_type: dict[str, str] = {}
    for line in text.splitlines():
        match = _LINE.match(line.strip())
        if not match or len(match[1]) < 3:  # two-digit lines are section headings
            continue
        code, kind, mode = match[1], match[2], (match[3] or "").strip().lower()
        if mode:
            by_mode.setdefault((kind, mode), code)
        elif kind not in by_type or len(code) < len(by_type[kind]):
            by_type.setdefault(kind, code)
    return by_mode, by_type


def cameo_code(kind: str, mode: str | None) -> str | None:
    """The CAMEO event code for a PLOVER type and mode (``None`` for a type the table does not have)."""
    by_mode, by_type = _table()
    if mode:
        found = by_mode.get((kind, mode.lower()))
        if found:
            return found
    return by_type.get(kind) or by_mode.get((kind, _DEFAULT_MODE.get(kind, "")))


def cameo_root(code: str | None) -> str | None:
    """The two-digit root of a CAMEO code (GDELT's EventRootCode)."""
    return code[:2] if code else None


__all__ = ["cameo_code", "cameo_root"]
