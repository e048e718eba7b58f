"""Seed gate for dates: every hand-coded date of the seed article gets its value (tests/fixtures/seed)."""

from __future__ import annotations


def test_seed_dates(seed_scores: dict[str, float]) -> None:
    assert seed_scores["dates"] == 1.0
