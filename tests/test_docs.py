"""The docs cover the product: every command, setting and pipeline component is documented (datasette's
tests/test_docs.py does the same for its hooks and settings)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from eventlens.cli import COMMAND_MODULES
from eventlens.config import Settings
from eventlens.extract.pipeline import COMPONENTS

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", COMMAND_MODULES)
def test_every_command_is_documented(command: str) -> None:
    assert f"`eventlens {command}`" in REFERENCE


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(Settings)])
def test_every_setting_is_documented(name: str) -> None:
    assert f"| `{name}` |" in REFERENCE


@pytest.mark.parametrize("name", COMPONENTS)
def test_every_pipeline_component_is_documented(name: str) -> None:
    assert f"| `{name}` |" in REFERENCE


def test_the_readme_points_at_the_docs_it_names() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for link in ("docs/reference.md", "docs/gold-format.md", "docs/annotation.md"):
        assert link in readme
        assert (ROOT / link).exists()
