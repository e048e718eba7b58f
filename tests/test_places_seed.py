"""Seed gate for places: every hand-coded place of the seed article resolves (tests/fixtures/seed)."""

from __future__ import annotations


def test_seed_places(seed_scores: dict[str, float]) -> None:
    assert seed_scores["places"] == 1.0
