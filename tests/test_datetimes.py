"""Publication dates in the shapes feeds and pages carry are read, never silently dropped; impossible days are
refused (#15)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventlens.cli import app
from eventlens.config import Settings
from eventlens.datetimes import day_of, parse_iso_day, parse_published
from eventlens.ingest import read_path


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("Thu, 26 Nov 2015 10:00:00 GMT", "2015-11-26"),
        ("26/11/2015", "2015-11-26"),
        ("26.11.2015", "2015-11-26"),
        ("11/26/2015", "2015-11-26"),  # cannot be day first
        ("05/11/2015", "2015-11-05"),  # ambiguous: day first
        ("2015-11-26T23:30:00+01:00", "2015-11-26"),
        ("November 26, 2015", "2015-11-26"),
        ("26 Nov 2015", "2015-11-26"),
    ],
)
def test_publication_dates_in_common_shapes_are_read(value: str, day: str) -> None:
    assert parse_published(value) == day


def test_month_first_when_the_setting_says_so() -> None:
    assert parse_published("05/11/2015", day_first=False) == "2015-05-11"


@pytest.mark.parametrize("value", ["2015-31-11", "2015", "yesterday", "", "31/02/2015"])
def test_a_value_that_names_no_whole_day_is_refused(value: str) -> None:
    with pytest.raises(ValueError):
        parse_published(value)


def test_stored_and_command_line_days_read_iso_only() -> None:
    assert parse_iso_day("2022-01-19").isoformat() == "2022-01-19"
    assert day_of("2022-01-19T10:00:00Z") is not None and day_of("2022-W03") is None and day_of(None) is None
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_iso_day("19/01/2022")


def test_jsonl_dates_are_normalised_and_an_unreadable_one_is_warned_about(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    rows = [
        {"id": "a", "text": "Police arrested ten protesters in Valdoria on Monday.", "published": "Thu, 26 Nov 2015"},
        {"id": "b", "text": "Police arrested ten protesters in Valdoria on Monday.", "published": "sometime"},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        articles = list(read_path(path, Settings(require_english=False)))
    assert [getattr(a, "published", "error") for a in articles] == ["2015-11-26", None]
    assert "publication date left out" in caplog.text and "sometime" in caplog.text


def test_an_impossible_published_option_is_a_usage_error(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Valdoria's army shelled the border town on Monday.", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(article), "--published", "2015-31-11"])
    assert result.exit_code == 2 and "2015-31-11" in " ".join(result.output.split())
