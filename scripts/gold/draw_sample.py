#!/usr/bin/env python3
"""Draw the articles of eventlens's own gold standard from the VOA corpus (issue #13).

The draw is fixed: seed 20261207, from the corpus's article ids sorted, leaving out the 24 articles that ship as the
demo sample (earlier sessions read those while writing rules). The first 20 drawn are the frozen test part, the next
40 the dev part; the first 10 of the dev part are annotated twice, independently, for the agreement figures.

The train part (80 more articles, added later to give the event-type classifier more examples) is a second draw,
seed 20261208, from what is left: drawing it with the first seed would change which articles the test part holds,
and the test part is frozen.

Usage: draw_sample.py CORPUS.jsonl OUT_DIR
Writes OUT_DIR/{test,dev,train}/ID.txt (the article text, byte for byte) with OUT_DIR/{test,dev}/ID.meta.json (id,
published, title, source, url) and OUT_DIR/split.json (the ids of each part).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

SEED = 20261207
N_TEST = 20
N_DEV = 40
N_TWICE = 10
TRAIN_SEED = 20261208
N_TRAIN = 80
SAMPLE = Path(__file__).resolve().parents[2] / "eventlens" / "data" / "sample" / "voa_sample.jsonl"


def main(corpus: str, out_dir: str) -> None:
    lines = Path(corpus).read_text(encoding="utf-8").split("\n")
    rows = {row["id"]: row for row in (json.loads(line) for line in lines if line.strip())}
    shipped = {json.loads(line)["id"] for line in SAMPLE.read_text(encoding="utf-8").split("\n") if line}
    pool = sorted(set(rows) - shipped)
    drawn = random.Random(SEED).sample(pool, N_TEST + N_DEV)
    split = {"seed": SEED, "test": drawn[:N_TEST], "dev": drawn[N_TEST:], "twice": drawn[N_TEST : N_TEST + N_TWICE]}
    left = sorted(set(pool) - set(drawn))
    split.update(train_seed=TRAIN_SEED, train=random.Random(TRAIN_SEED).sample(left, N_TRAIN))
    out = Path(out_dir)
    for part in ("test", "dev", "train"):
        (out / part).mkdir(parents=True, exist_ok=True)
        for article_id in split[part]:
            row = rows[article_id]
            (out / part / f"{article_id}.txt").write_text(row["text"], encoding="utf-8")
            meta = {key: row.get(key) for key in ("id", "published", "title", "source", "url")}
            (out / part / f"{article_id}.meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    (out / "split.json").write_text(json.dumps(split, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])
