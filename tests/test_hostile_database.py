"""A hostile database file (#16): a ``stories`` table replaced by a view over ``read_text`` of another file showed
that file in ``eventlens stories`` and the API, and ``check`` said ok. Connections now have file access and
extension loading off, a store refuses a file whose tables are views or that defines macros, and ``check`` compares
every table with the schema eventlens writes. The secret files and hostile objects are made by the tests.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import httpx
import pytest
from typer.testing import CliRunner

from eventlens.analyse.ingest_flow import IngestFlow
from eventlens.cli import app
from eventlens.errors import StoreError
from eventlens.store import Store
from eventlens.store.check import check_database
from eventlens.store.schema import expected_columns
from eventlens.web import create_app
from eventlens.web.server import serving
from tests.support.store import wire_record

SECRET = "TOP-SECRET-0c9f7e-not-for-eventlens"


def whole_db(folder: Path) -> Path:
    db = folder / "db.duckdb"
    with Store(db) as store:
        IngestFlow(store).add(wire_record())
    assert check_database(db).ok
    return db


def tamper(db: Path, *statements: str) -> None:
    """Change the file as an attacker would: with a plain DuckDB connection (every access allowed)."""
    con = duckdb.connect(str(db))
    try:
        for sql in statements:
            con.execute(sql)
    finally:
        con.close()


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


def stories_view_over(db: Path, secret: Path) -> None:
    tamper(
        db,
        "DROP TABLE stories",
        "CREATE VIEW stories AS SELECT (SELECT max(story_id) FROM articles) AS id, content AS label, "
        "content AS headline, DATE '2022-03-01' AS first_day, DATE '2022-03-01' AS last_day, 1 AS n_articles, "
        f"0 AS n_copies, '{{}}' AS features FROM read_text('{secret}')",
    )
    con = duckdb.connect(str(db), read_only=True)  # the attack works on a connection with default settings
    assert SECRET in str(con.execute("SELECT s.label FROM stories s JOIN articles a ON a.story_id = s.id").fetchall())
    con.close()


def test_hostile_database_view_over_a_file_is_shown_nowhere(tmp_path: Path, secret: Path) -> None:
    db = whole_db(tmp_path)
    stories_view_over(db, secret)
    result = CliRunner().invoke(app, ["stories", "--db", str(db)])
    assert SECRET not in result.output
    assert result.exit_code != 0 and "stories is a view, not a table" in " ".join(result.output.split())
    with pytest.raises(StoreError, match="stories is a view"):
        Store(db, read_only=True)
    with pytest.raises(StoreError, match="stories is a view"):
        Store(db)
    with serving(create_app(db)) as running, httpx.Client(base_url=running.url, trust_env=False) as client:
        assert running.url.startswith("http://127.0.0.1:")
        for path in ("/api/stories", "/api/health", "/stories", "/api/events"):
            response = client.get(path)
            assert SECRET not in response.text, path
            assert response.status_code >= 400 or path == "/api/health", (path, response.status_code)


def test_hostile_database_check_names_the_view(tmp_path: Path, secret: Path) -> None:
    db = whole_db(tmp_path)
    stories_view_over(db, secret)
    report = check_database(db)
    assert not report.ok
    assert "schema: stories is a view, not a table" in report.problems
    result = CliRunner().invoke(app, ["check", "--db", str(db)])
    assert result.exit_code == 1
    assert "stories is a view" in result.output and SECRET not in result.output


def test_hostile_database_macro_shadowing_a_builtin_is_refused(tmp_path: Path) -> None:
    db = whole_db(tmp_path)
    tamper(db, "CREATE MACRO lower(x) AS 'forged'", "CREATE MACRO coalesce(a, b) AS 'forged'")
    with pytest.raises(StoreError, match="macros eventlens never writes"):
        Store(db, read_only=True)
    problems = check_database(db).problems
    assert any("coalesce, lower" in rule for rule in problems), problems


@pytest.mark.parametrize(
    ("statements", "rule"),
    [
        (["ALTER TABLE duplicates ALTER similarity TYPE VARCHAR"], "duplicates columns differ: similarity VARCHAR"),
        (["ALTER TABLE events ADD COLUMN payload VARCHAR"], "events columns differ: payload VARCHAR"),
        (["ALTER TABLE quotes DROP COLUMN cue"], "quotes columns differ: cue missing"),
        (["DROP TABLE places"], "schema: table places is missing"),
        (["CREATE VIEW extra AS SELECT 1 AS one"], "schema: a view eventlens never writes: extra"),
    ],
)
def test_hostile_database_check_compares_the_schema(tmp_path: Path, statements: list[str], rule: str) -> None:
    db = whole_db(tmp_path)
    tamper(db, *statements)
    problems = check_database(db).problems
    assert any(rule in found for found in problems), problems


def test_hostile_database_connections_read_no_other_file(tmp_path: Path, secret: Path) -> None:
    db = whole_db(tmp_path)
    with Store(db, read_only=True) as store:
        settings = dict(
            store.con.execute(
                "SELECT name, value FROM duckdb_settings() WHERE name IN ('enable_external_access', "
                "'autoinstall_known_extensions', 'autoload_known_extensions', 'lock_configuration')"
            ).fetchall()
        )
        assert settings == {
            "enable_external_access": "false",
            "autoinstall_known_extensions": "false",
            "autoload_known_extensions": "false",
            "lock_configuration": "true",
        }
        with pytest.raises(duckdb.Error):
            store.con.execute(f"SELECT * FROM read_text('{secret}')").fetchall()
        with pytest.raises(duckdb.Error):
            store.con.execute("SET enable_external_access = true")


def test_hostile_database_expected_schema_is_what_a_store_writes(tmp_path: Path) -> None:
    db = whole_db(tmp_path)
    con = duckdb.connect(str(db), read_only=True)
    try:
        found = con.execute(
            "SELECT count(DISTINCT table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
        ).fetchone()
    finally:
        con.close()
    assert found == (len(expected_columns()),)
    assert "stories" in expected_columns() and ("features", "VARCHAR") in expected_columns()["stories"]
