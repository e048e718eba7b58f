"""``eventlens extract --actors FILE``: a user's dictionary changes what the record says (end to end)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventlens.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "actors"
TEXT = (
    "Energy Minister Ivana Petrenko met Global Lighthouse Foundation staff. Petrenko said the GLF would help. "
    "President Rufus T. Firefly of Freedonia sent Freedonian troops. Firefly later spoke to Mayor Tomas Vaskevich.\n"
)


@pytest.mark.slow
def test_extract_reads_user_dictionaries_in_every_format(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "records.jsonl"
    args = ["extract", str(article), "--published", "1935-05-01", "-o", str(out), "--workers", "1"]
    for name in ("user_actors.yaml", "user_actors.csv", "freedonia.actors.txt"):
        args += ["--actors", str(FIXTURES / name)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    actors = {a["name"]: a for a in record["actors"]}
    assert (actors["Ivana Petrenko"]["code"], actors["Ivana Petrenko"]["sector"]) == ("MDA", "GOV")
    assert [m["text"] for m in actors["Ivana Petrenko"]["mentions"]] == ["Ivana Petrenko", "Petrenko"]
    assert actors["Global Lighthouse Foundation"]["sector"] == "NGO"
    firefly = next(a for a in record["actors"] if "Firefly" in a["name"])
    assert (firefly["code"], firefly["sector"]) == ("FRE", "GOV")  # the code in force on 1935-05-01
    assert actors["Tomas Vaskevich"]["code"] == "LTU"


@pytest.mark.slow
def test_malformed_user_dictionary_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,code\nX,RUS,GOV,extra\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Russia said so.", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(article), "--actors", str(bad), "--workers", "1"])
    assert result.exit_code != 0
    assert f"{bad}:2" in result.output
