"""The registered eventlens factories, as a snapshot: names, default configs, requires and assigns.

As spaCy's ``tests/test_factory_registrations.py`` does, the registrations are compared against a JSON file
(``tests/fixtures/factory_registrations.json``). The file is the contract: a change to a factory's name, config or
declared ``Doc`` extensions fails here until the file is updated on purpose, in the same change.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

import eventlens.extract  # noqa: F401  (registers the factories)

SNAPSHOT = Path(__file__).parent / "fixtures" / "factory_registrations.json"


def registrations() -> dict[str, dict[str, Any]]:
    """Every registered ``eventlens*`` factory with its meta, in name order."""
    names = sorted(n for n in spacy.registry.factories.get_all() if n.startswith("eventlens"))
    out: dict[str, dict[str, Any]] = {}
    for name in names:
        meta = Language.get_factory_meta(name)
        out[name] = {
            "default_config": meta.default_config or {},
            "requires": list(meta.requires),
            "assigns": list(meta.assigns),
        }
    return out


def test_factory_registrations_match_the_snapshot() -> None:
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert registrations() == expected
