#!/usr/bin/env python3
"""Gather the annotators' files into the gold fixtures and freeze the test part (issue #13).

Usage: assemble.py WORK_DIR OUT_DIR [PART ...]
WORK_DIR holds articles/split.json and one folder of <ID>.json files per annotation job (out_T1, out_T2: test;
out_DA, out_D3, out_D4: dev; out_DB: the second, independent pass over the 10 articles in split["twice"];
out_TRA to out_TRH: train). Writes OUT_DIR/PART.jsonl for each PART named (default: all of them; one article a
line, in split order) and, for the test part, OUT_DIR/test.sha256, the hash that freezes it. The train part, coded
only to train on, takes the articles annotated so far; every other part must be complete. Prints counts only: the
test part is not for reading.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

JOBS = {
    "test": ("out_T1", "out_T2"),
    "dev": ("out_DA", "out_D3", "out_D4"),
    "dev_second_pass": ("out_DB",),
    "train": tuple(f"out_TR{c}" for c in "ABCDEFGH"),
}


def gather(work: Path, folders: tuple[str, ...], ids: list[str], partial: bool = False) -> list[str]:
    found = {p.stem: p for folder in folders for p in (work / folder).glob("*.json")}
    missing = [i for i in ids if i not in found]
    if partial:
        ids = [i for i in ids if i in found]
    elif missing:
        raise SystemExit(f"{len(missing)} article(s) not annotated yet in {folders}: {missing[:3]}")
    return [json.dumps(json.loads(found[i].read_text(encoding="utf-8")), ensure_ascii=False) for i in ids]


def main(work_dir: str, out_dir: str, *wanted: str) -> None:
    work, out = Path(work_dir), Path(out_dir)
    split = json.loads((work / "articles" / "split.json").read_text(encoding="utf-8"))
    parts = {"test": split["test"], "dev": split["dev"], "dev_second_pass": split["twice"], "train": split["train"]}
    for part in wanted or tuple(parts):
        ids = parts[part]
        lines = gather(work, JOBS[part], ids, partial=part == "train")
        data = ("\n".join(lines) + "\n").encode("utf-8")
        (out / f"{part}.jsonl").write_bytes(data)
        events = sum(len(json.loads(line)["events"]) for line in lines)
        print(f"{part}: {len(lines)} articles, {events} events")
        if part == "test":
            (out / "test.sha256").write_text(hashlib.sha256(data).hexdigest() + "  test.jsonl\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
