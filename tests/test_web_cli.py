"""``eventlens serve`` and ``eventlens demo``: what they check and say before serving."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import eventlens.web.server as web_server
from eventlens.cli import app as cli_app
from eventlens.commands import demo
from tests.support.web import build_synthetic_db


class FakeServer:
    """Stands in for uvicorn: records that it would have served."""

    runs: list[dict[str, Any]] = []

    def __init__(self, app: Any, host: str, port: int) -> None:
        self.info = {"app": app, "host": host, "port": port}

    def run(self) -> None:
        FakeServer.runs.append(self.info)


@pytest.fixture()
def fake_server(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    FakeServer.runs = []
    monkeypatch.setattr(web_server, "make_server", lambda app, *, host, port: FakeServer(app, host, port))
    return FakeServer.runs


def test_web_cli_serve_refuses_a_missing_database(tmp_path: Path, fake_server: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "nope.duckdb")])
    assert result.exit_code == 1
    assert "no such database" in result.output and "eventlens ingest" in result.output
    assert fake_server == []


def test_web_cli_serve_warns_when_bound_beyond_loopback(
    tmp_path_factory: pytest.TempPathFactory, fake_server: list[dict[str, Any]]
) -> None:
    db = build_synthetic_db(tmp_path_factory.mktemp("cli"))
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(db), "--host", "0.0.0.0", "--port", "9999"])
    assert result.exit_code == 0, result.output
    assert "anyone who can reach it" in result.output
    assert fake_server[0]["host"] == "0.0.0.0"


def test_web_cli_serve_port_taken_is_a_clear_error(tmp_path_factory: pytest.TempPathFactory) -> None:
    import socket

    db = build_synthetic_db(tmp_path_factory.mktemp("cli"))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli_app, ["serve", "--db", str(db), "--port", str(port)])
    assert result.exit_code != 0


@pytest.mark.parametrize(
    ("state", "expected"),
    [("missing", True), ("other database", False), ("complete sample", False)],
)
def test_web_cli_demo_ingests_the_sample_only_when_needed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, state: str, expected: bool
) -> None:
    db = tmp_path / "demo.duckdb"
    if state == "other database":
        from shutil import copyfile

        copyfile(build_synthetic_db(tmp_path), db)
    elif state == "complete sample":
        from shutil import copyfile

        copyfile(build_synthetic_db(tmp_path), db)
        synthetic_ids = [f"syn{i:09d}" for i in range(5)]
        monkeypatch.setattr(demo, "sample_ids", lambda sample=demo.SAMPLE: synthetic_ids)
    assert demo.needs_sample(db) is expected


def test_web_cli_demo_ingests_then_serves_on_loopback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_server: list[dict[str, Any]]
) -> None:
    calls: list[Path] = []

    def fake_ingest(db: Path, *, workers: int | None) -> None:
        calls.append(db)
        import shutil

        shutil.copyfile(build_synthetic_db(tmp_path), db)

    monkeypatch.setattr(demo, "ingest_sample", fake_ingest)
    opened: list[str] = []
    monkeypatch.setattr(demo.webbrowser, "open", lambda url: opened.append(url))
    db = tmp_path / "d.duckdb"
    result = CliRunner().invoke(cli_app, ["demo", "--db", str(db), "--no-browser", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert calls == [db]
    assert "http://127.0.0.1:8123/" in result.output
    assert fake_server[0]["host"] == "127.0.0.1" and fake_server[0]["port"] == 8123
    assert opened == []


def test_web_cli_sample_ids_are_the_bundled_articles() -> None:
    ids = demo.sample_ids()
    assert len(ids) == 24 and len(set(ids)) == 24
