"""The query commands' options teach: unknown closed-set values list the valid ones and suggest the closest; an
actor code nothing carries is warned about; --name searches part of a name (#15)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventlens.analyse.ingest_flow import IngestFlow
from eventlens.cli import app
from eventlens.store import Store
from tests.support.store import wire_record


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "db.duckdb"
    with Store(path) as writer:
        IngestFlow(writer).add(wire_record())
    return path


@pytest.mark.parametrize(
    ("option", "value", "suggestion"),
    [("--type", "ASSALT", "ASSAULT"), ("--quad", "material_conflit", "material_conflict"),
     ("--factuality", "asserteed", "asserted")],
)  # fmt: skip
def test_an_unknown_value_lists_the_valid_ones_and_suggests_the_closest(
    db: Path, option: str, value: str, suggestion: str
) -> None:
    result = CliRunner().invoke(app, ["events", "--db", str(db), option, value])
    assert result.exit_code == 2
    assert f"Did you mean {suggestion}?" in result.output and "is not one of" in result.output


def test_an_actor_code_no_event_carries_is_warned_about(db: Path) -> None:
    result = CliRunner().invoke(app, ["events", "--db", str(db), "--actor", "XYZ", "-f", "json"])
    assert result.exit_code == 0
    assert "no event or quote in this database has an actor coded XYZ" in result.stderr
    known = CliRunner().invoke(app, ["events", "--db", str(db), "--actor", "RUS", "-f", "json"])
    assert "warning" not in known.stderr and '"RUS"' in known.stdout


def test_name_searches_part_of_a_name(db: Path) -> None:
    result = CliRunner().invoke(app, ["events", "--db", str(db), "--name", "russ", "-f", "json"])
    assert result.exit_code == 0 and '"Russia"' in result.stdout
