"""The seed article's quote and quantity gates (issue #4)."""

from __future__ import annotations

import pytest

FLOORS = {
    "quotes_direct": 0.90,
    "speakers_direct": 0.90,
    "quotes_indirect": 0.65,
    "speakers_indirect": 0.65,
    "quantities": 1.00,
}


@pytest.mark.parametrize(("figure", "floor"), sorted(FLOORS.items()))
def test_seed_gate(seed_scores: dict[str, float], figure: str, floor: float) -> None:
    assert seed_scores[figure] >= floor
