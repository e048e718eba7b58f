"""Settings: one typed options object, every field settable from the environment, one version everywhere."""

from __future__ import annotations

from importlib import metadata

import pytest
from typer.testing import CliRunner

import eventlens
from eventlens.cli import app
from eventlens.config import Settings, settings_from_env
from eventlens.errors import ConfigError
from eventlens.export.plover import coder
from eventlens.ingest.fetch import FetchOptions


def test_every_field_is_read_from_its_environment_variable_with_its_type() -> None:
    settings = settings_from_env(
        {
            "EVENTLENS_FETCH_DEADLINE": "7.5",
            "EVENTLENS_FETCH_MAX_REDIRECTS": "2",
            "EVENTLENS_FETCH_ROBOTS": "no",
            "EVENTLENS_FETCH_ALLOW_HOSTS": "intranet.example, wiki.example",
            "EVENTLENS_ACTOR_FILES": "a.yaml:b.txt",
            "EVENTLENS_INGEST_TOKEN": "x" * 20,
            "EVENTLENS_MAX_SENTENCE_CHARS": "900",
        }
    )
    assert settings.fetch_deadline == 7.5 and settings.fetch_max_redirects == 2 and settings.fetch_robots is False
    assert settings.fetch_allow_hosts == ("intranet.example", "wiki.example")
    assert settings.actor_files == ("a.yaml", "b.txt")
    assert settings.ingest_token == "x" * 20 and settings.max_sentence_chars == 900
    options = FetchOptions.from_settings(settings)
    assert (options.deadline, options.robots, options.allow_hosts) == (7.5, False, ("intranet.example", "wiki.example"))


@pytest.mark.parametrize(
    ("variable", "value"),
    [("EVENTLENS_WORKERS", "many"), ("EVENTLENS_FETCH_ROBOTS", "perhaps"), ("EVENTLENS_LOCK_WAIT", "soon")],
)
def test_an_unreadable_environment_value_is_a_config_error_naming_it(variable: str, value: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        settings_from_env({variable: value})


def test_defaults_need_no_environment() -> None:
    assert settings_from_env({}) == Settings()


def test_one_version_everywhere() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"eventlens {eventlens.__version__}"
    assert metadata.version("eventlens") == eventlens.__version__
    assert coder() == f"eventlens {eventlens.__version__}"
