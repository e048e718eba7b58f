"""spaCy builds a new Token object on every access, so identity tests between tokens are always false.

``tok.head is tok`` never holds, and a loop ``while tok.head is not tok`` that climbs to the root never ends: it hung
the extractor twice while eventlens was being built. Tokens are compared by index (``tok.head.i == tok.i``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "eventlens"
IDENTITY = re.compile(r"\b(\w+)\.head is (not )?\1\b|\.head is (not )?\w+\.head\b")


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_token_comparisons_use_indices(path: Path) -> None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        assert not IDENTITY.search(line), f"{path.name}:{number}: compare tokens by .i, not identity: {line.strip()}"


def test_token_identity_is_not_stable() -> None:
    import spacy

    doc = spacy.blank("en")("a b")
    assert doc[0] is not doc[0]  # the reason for the rule above
