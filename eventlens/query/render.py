"""Query results for people and programs: a rich table, CSV or JSON (a list) / JSONL (one item a line)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import IO, Any

from rich.console import Console
from rich.table import Table

from ..cells import csv_cell, csv_writer

FORMATS = ("table", "csv", "json", "jsonl")


def dig(item: dict[str, Any], path: str) -> Any:
    """``item["a"]["b"]`` for ``"a.b"`` (``None`` where a level is missing)."""
    value: Any = item
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _flat(item: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in item.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flat(value, f"{name}."))
        elif isinstance(value, list):
            out[name] = json.dumps(value, ensure_ascii=False)
        else:
            out[name] = value
    return out


def _short(value: Any, width: int) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render(
    items: Iterable[dict[str, Any]],
    fmt: str,
    out: IO[str],
    *,
    columns: Sequence[tuple[str, str, int]] = (),
    title: str | None = None,
    fields: Sequence[str] = (),
) -> int:
    """Write ``items`` in ``fmt``; ``columns`` (header, dotted path, width) choose what a table shows.

    Returns how many items were written. CSV has the columns ``fields`` names, in that order, whatever each item
    holds (the header is written even when there is no item); without ``fields``, one column per (flattened)
    field of the first item.
    """
    n = 0
    if fmt == "json":
        data = list(items)
        out.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
        return len(data)
    if fmt == "jsonl":
        for item in items:
            out.write(json.dumps(item, ensure_ascii=False, default=str) + "\n")
            n += 1
        return n
    if fmt == "csv":
        # Text cells quoted and neutralised for spreadsheets, numbers bare: the exports' own writer (#16).
        writer = csv_writer(out)
        names: list[str] | None = list(fields) or None
        if names is not None:
            writer.writerow(names)
        for item in items:
            flat = _flat(item)
            if names is None:
                names = list(flat)
                writer.writerow(names)
            writer.writerow([csv_cell(flat.get(name)) for name in names])
            n += 1
        return n
    # Ids are never cut (a cut id cannot be pasted into --article or --story); other cells are, to their width.
    rows = [[_cell(dig(item, path), width, _is_id(path)) for _, path, width in columns] for item in items]
    widths = [max([width if not _is_id(path) else len(header), *(len(r[i]) for r in rows if _is_id(path))])
              for i, (header, path, width) in enumerate(columns)]  # fmt: skip
    table = Table(title=title, show_lines=False, header_style="bold")
    for (header, path, _), width in zip(columns, widths, strict=True):
        table.add_column(header, min_width=width if _is_id(path) else None, max_width=width, no_wrap=True,
                         overflow="fold" if _is_id(path) else "ellipsis")  # fmt: skip
    for row in rows:
        table.add_row(*row)
    Console(file=out, width=max(80, sum(widths) + 3 * len(columns)), soft_wrap=False).print(table)
    return len(rows)


def _is_id(path: str) -> bool:
    return path == "id" or path.endswith("_id")


def _cell(value: Any, width: int, whole: bool) -> str:
    return "" if value is None else str(value) if whole else _short(value, width)


__all__ = ["FORMATS", "dig", "render"]
