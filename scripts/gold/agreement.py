#!/usr/bin/env python3
"""Agreement between the two independent annotation passes over the same 10 dev articles (issue #13).

Pass A is in tests/fixtures/gold/dev.jsonl (the articles listed in split.json "twice"), pass B in
dev_second_pass.jsonl. Each pass is scored against the other with the matching of ``eventlens eval`` (B as the
"prediction" of A); event F1 is symmetric, and per-field agreement is given over events both passes typed alike.

Usage: scripts/gold/agreement.py [GOLD_DIR]   (prints JSON)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from eventlens.evaluation.articles import score_articles
from eventlens.evaluation.gold import load

GOLD = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "gold"


def main(gold_dir: Path) -> dict[str, object]:
    split = json.loads((gold_dir / "split.json").read_text(encoding="utf-8"))
    first = {a.id: a for a in load(gold_dir / "dev.jsonl")}
    second = {a.id: a for a in load(gold_dir / "dev_second_pass.jsonl")}
    pass_a = [first[i] for i in split["twice"]]
    pass_b = [second[i] for i in split["twice"]]
    figures = score_articles(pass_a, [b.raw for b in pass_b])
    return {
        "articles": len(pass_a),
        "events_a": figures["gold_events"],
        "events_b": figures["predicted_events"],
        "event_f1_type": figures["type"]["f1"],
        "event_f1_whole": figures["whole_event"]["f1"],
        "field_agreement_on_same_type": figures["fields"],
        "firm": {
            "event_f1_type": figures["firm"]["type"]["f1"],
            "event_f1_whole": figures["firm"]["whole_event"]["f1"],
        },
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]) if len(sys.argv) > 1 else GOLD), indent=2))
