"""`eventlens eval`: scores against PLOVER-style gold, as a table or JSON, and floors on the shipped gold."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from eventlens.cli import app
from eventlens.commands import eval as eval_command
from eventlens.evaluation.plover_sentences import load_gold, normal_code, score
from eventlens.extract import Extractor
from eventlens.record import Article, ArticleRecord

GOLD = Path(__file__).parent / "fixtures" / "plover_gsr" / "PLOVER_GSR_CAMEO.json"

SMALL = [
    {"id": "doc", "event": "DOCUMENT", "eventText": "notes, not an event"},
    {
        "id": "a",
        "date": "2000-01-01",
        "event": "FIGHT",
        "text": "Israeli jets bombed Gaza on Monday.",
        "source": [{"actorText": "Israeli", "code": "ISR"}],
        "target": [{"actorText": "Gaza", "code": "PSE"}],
    },
    {
        "id": "b",
        "date": "2000-01-01",
        "event": "DEMAND",
        "text": "Germany urged Iran to halt uranium enrichment.",
        "source": [{"actorText": "Germany", "code": "GER"}],
        "target": [{"actorText": "Iran", "code": "IRN"}],
    },
    {
        "id": "c",
        "date": "2000-01-01",
        "event": "DISAPPROVE",
        "text": "China criticized the United States.",
        "source": [{"actorText": "China", "code": "CHN"}],
        "target": "",
    },
]


@pytest.fixture
def small_gold(tmp_path: Path) -> Path:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(SMALL), encoding="utf-8")
    return path


@pytest.fixture
def session_extractor(extractor: Extractor, monkeypatch: pytest.MonkeyPatch) -> Extractor:
    """The command scores with the session's loaded pipeline instead of loading its own."""
    monkeypatch.setattr(eval_command, "make_extractor", lambda settings: extractor)
    return extractor


def test_gold_reading_skips_documents_and_maps_plover_05_names(small_gold: Path) -> None:
    items = load_gold(small_gold)
    assert [(i.id, i.type) for i in items] == [("a", "ASSAULT"), ("b", "REQUEST"), ("c", "ACCUSE")]
    assert items[1].sources == ["DEU"] and items[2].targets == [None]
    assert normal_code("JAP") == "JPN" and normal_code("") is None


def test_eval_prints_a_table(small_gold: Path, session_extractor: Extractor) -> None:
    result = CliRunner().invoke(app, ["eval", str(small_gold)])
    assert result.exit_code == 0, result.output
    for word in ("ASSAULT", "REQUEST", "ACCUSE", "precision", "type_accuracy", "actor_accuracy"):
        assert word in result.stdout


def test_eval_json_scores_every_record(small_gold: Path, session_extractor: Extractor) -> None:
    result = CliRunner().invoke(app, ["eval", str(small_gold), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["records"] == 3
    assert figures["type_accuracy"] == 1.0
    assert figures["actor_accuracy"] == 1.0
    assert figures["per_type"]["ASSAULT"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}


@pytest.mark.parametrize("content", ["{not json", '{"a": 1}', "[]"])
def test_eval_refuses_unusable_gold_with_a_reason(tmp_path: Path, content: str) -> None:
    path = tmp_path / "gold.json"
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(path)])
    assert result.exit_code == 1
    assert "gold" in result.stderr


@pytest.mark.slow
def test_scores_on_the_plover_gold_stay_above_their_floors(extractor: Extractor) -> None:
    """The issue's targets on the development set: type accuracy 0.70, actor and recipient code accuracy 0.75
    (measured 0.744 type, 0.789 actor, 0.761 recipient when raised)."""

    def extract(articles: Any) -> Iterator[ArticleRecord | Exception]:
        yield from extractor.pipe(list[Article](articles))

    figures = score(load_gold(GOLD), extract).as_dict()
    assert figures["records"] == 322
    assert figures["coverage"] >= 0.8
    assert figures["type_accuracy"] >= 0.7
    assert figures["actor_accuracy"] >= 0.75
    assert figures["recipient_accuracy"] >= 0.75
