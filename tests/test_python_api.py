"""The library for notebooks: ``eventlens.extract`` on a string, ``eventlens.connect`` giving DataFrames, typed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import eventlens
from eventlens.analyse.ingest_flow import IngestFlow
from eventlens.store import Store
from tests.support.store import wire_record


def test_extract_reads_a_string_with_its_publication_date() -> None:
    record = eventlens.extract(
        "Russian forces shelled the city of Kharkiv on Tuesday, killing 12 civilians.", published="2022-03-02"
    )
    assert isinstance(record, eventlens.ArticleRecord)
    event = next(e for e in record.events if e.type == "ASSAULT")
    assert event.actor is not None and event.actor.code == "RUS"
    assert event.date is not None and event.date.value == "2022-03-01"


def test_connect_gives_dataframes_of_events_quotes_and_actors(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    with Store(path) as store:
        IngestFlow(store).add(wire_record())
    with eventlens.connect(str(path)) as db:
        events = db.events()
        assert len(events) > 0 and {"type", "actor_code", "sentence", "article_title"} <= set(events.columns)
        assert set(db.events(actor="RUS")["actor_code"]) == {"RUS"}
        assert len(db.quotes()) > 0
        assert "USA" in set(db.actors()["code"])
        with pytest.raises(TypeError, match="unknown filter"):
            db.events(actors="RUS")


def test_extract_stays_callable_once_the_extract_package_is_imported() -> None:
    import eventlens.extract.pipeline  # noqa: F401  (rebinds the name eventlens.extract to the package)

    record = eventlens.extract("Protesters marched in Valdoria on Monday.", published="2031-05-06")
    assert record.article.published == "2031-05-06"


def test_import_loads_no_pipeline_and_the_package_is_typed() -> None:
    code = "import sys, eventlens; print('spacy' in sys.modules, 'duckdb' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
    assert (Path(eventlens.__file__).parent / "py.typed").exists()
