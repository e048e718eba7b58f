"""eventlens's own gold standard (issue #13): the test part is frozen by its hash, the parts do not overlap, and
every file validates. The quality floors measured on it are in test_gold_quality.py."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from eventlens.evaluation.gold import load

GOLD = Path(__file__).parent / "fixtures" / "gold"


def test_the_test_part_is_the_frozen_one() -> None:
    expected = (GOLD / "test.sha256").read_text(encoding="utf-8").split()[0]
    assert hashlib.sha256((GOLD / "test.jsonl").read_bytes()).hexdigest() == expected


def test_the_parts_follow_the_fixed_draw_and_do_not_overlap() -> None:
    split = json.loads((GOLD / "split.json").read_text(encoding="utf-8"))
    test_ids = [a.id for a in load(GOLD / "test.jsonl")]
    dev_ids = [a.id for a in load(GOLD / "dev.jsonl")]
    second = [a.id for a in load(GOLD / "dev_second_pass.jsonl")]
    assert test_ids == split["test"] and dev_ids == split["dev"] and second == split["twice"]
    assert not set(test_ids) & set(dev_ids)
    assert len(test_ids) >= 20 and len(test_ids) + len(dev_ids) >= 60


def test_the_train_part_is_a_draw_of_its_own() -> None:
    """The train part (coded only to train the classifier on) holds none of the test or dev articles."""
    split = json.loads((GOLD / "split.json").read_text(encoding="utf-8"))
    train_ids = [a.id for a in load(GOLD / "train.jsonl")]
    assert train_ids == [i for i in split["train"] if i in set(train_ids)] and len(train_ids) >= 40
    assert not set(split["train"]) & (set(split["test"]) | set(split["dev"]))


@pytest.mark.parametrize("part", ["test", "dev", "dev_second_pass", "train"])
def test_every_gold_event_points_at_its_words(part: str) -> None:
    for article in load(GOLD / f"{part}.jsonl"):
        for event in article.events:
            assert article.text[event.trigger_start : event.trigger_end] == event.trigger_text
