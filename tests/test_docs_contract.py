"""The record contract (docs/record.md) and the database schema (docs/schema.md) say what the code does (#15).

Every dataclass field of ``eventlens/record.py`` is documented with its type, every value of its closed sets is
listed, every table and column of a freshly created database is documented with its DuckDB type, nullability and
primary key, and nothing documented is missing from the code. The record example is a record, and the example
queries run.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from eventlens import record
from eventlens.store import Store
from eventlens.store.duckdb_storage import SUPPORTED_DUCKDB
from eventlens.store.rows import COLUMNS
from eventlens.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.support.web import build_synthetic_db

ROOT = Path(__file__).resolve().parents[1]
RECORD_DOC = (ROOT / "docs" / "record.md").read_text(encoding="utf-8")
SCHEMA_DOC = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")

_SECTION = re.compile(r"^### `(\w+)`\n(.*?)(?=^#{1,3} |\Z)", re.M | re.S)
_ROW = re.compile(r"^\| `(\w+)` \| `((?:[^`|]|\\\|)+)` \|", re.M)


def sections(doc: str) -> dict[str, str]:
    """The ``### `name` `` sections of a document, by name."""
    found: dict[str, str] = {}
    for match in _SECTION.finditer(doc):
        assert match.group(1) not in found, f"{match.group(1)} is documented twice"
        found[match.group(1)] = match.group(2)
    return found


def rows(section: str) -> dict[str, str]:
    """``| `name` | `type` | …`` table rows of a section: name → type (Markdown's ``\\|`` read as ``|``)."""
    found: dict[str, str] = {}
    for name, kind in _ROW.findall(section):
        assert name not in found, f"{name} is documented twice"
        found[name] = kind.replace("\\|", "|")
    return found


def code_blocks(doc: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", doc, re.M | re.S)


# ---------------------------------------------------------------------------------------------- the record

RECORD_CLASSES = {
    name: cls
    for name, cls in vars(record).items()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == record.__name__
}
CLOSED_SETS = {"PLOVER_TYPES": record.PLOVER_TYPES, "QUADS": record.QUADS, "FACTUALITIES": record.FACTUALITIES}
CLOSED_SETS["QUOTE_KINDS"] = record.QUOTE_KINDS


def test_the_record_doc_has_a_section_for_each_dataclass_and_no_other() -> None:
    assert set(sections(RECORD_DOC)) == set(RECORD_CLASSES)
    assert {"ArticleRecord", "Article", "Actor", "Event", "Quote", "Quantity", "Magnitude"} <= set(RECORD_CLASSES)


@pytest.mark.parametrize("name", sorted(RECORD_CLASSES))
def test_every_field_is_documented_with_its_type(name: str) -> None:
    documented = rows(sections(RECORD_DOC).get(name, ""))
    fields = {f.name: str(f.type) for f in dataclasses.fields(RECORD_CLASSES[name])}
    assert set(documented) == set(fields), f"{name}: documented {sorted(documented)}, code has {sorted(fields)}"
    for field, kind in fields.items():
        assert documented[field] == kind, f"{name}.{field} is {kind}, documented as {documented[field]}"


def _closed_set_rows() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in RECORD_DOC.splitlines():
        match = re.match(r"^\| `([A-Z_]+)` \| `[A-Z][a-z]\w*` \| (.*) \|$", line)
        if match:
            found[match.group(1)] = re.findall(r"`([^`]+)`", match.group(2))
    return found


def test_the_closed_sets_are_listed_with_every_value_in_order() -> None:
    assert _closed_set_rows() == {name: list(values) for name, values in CLOSED_SETS.items()}


def test_every_plover_type_is_documented_with_its_quad() -> None:
    lexicon = yaml.safe_load((ROOT / "eventlens" / "data" / "lexicon" / "events.yaml").read_text(encoding="utf-8"))
    documented = dict(re.findall(r"^\| `([A-Z]+)` \| `([a-z_]+)` \|", RECORD_DOC, re.M))
    assert documented == lexicon["quads"]
    assert list(documented) == list(record.PLOVER_TYPES)


def _example() -> dict[str, Any]:
    [block] = code_blocks(RECORD_DOC.split("## Example", 1)[1], "json")
    data: dict[str, Any] = json.loads(block)
    return data


def _spans(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        if "start" in value and "end" in value:
            yield value
        for item in value.values():
            yield from _spans(item)
    elif isinstance(value, list):
        for item in value:
            yield from _spans(item)


def test_the_example_is_a_record_whose_offsets_index_the_text() -> None:
    example = _example()
    assert record.ArticleRecord.from_dict(example).as_dict() == example
    text = example["article"]["text"]
    spans = list(_spans(example))
    assert len(spans) > 20
    for span in spans:
        assert 0 <= span["start"] <= span["end"] <= len(text)
        if span.get("text") is not None:
            assert text[span["start"] : span["end"]] == span["text"], span


# ---------------------------------------------------------------------------------------------- the schema


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store(tmp_path_factory.mktemp("schema") / "fresh.duckdb") as store:
        yield store


def _columns(store: Store) -> dict[str, dict[str, str]]:
    """table → column → ``TYPE`` or ``TYPE NOT NULL``, in column order, as DuckDB reports them."""
    tables: dict[str, dict[str, str]] = {}
    for table, column, kind, nullable in store.con.execute(
        "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
        "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position"
    ).fetchall():
        tables.setdefault(table, {})[column] = kind if nullable == "YES" else f"{kind} NOT NULL"
    return tables


def test_the_schema_doc_has_a_section_for_each_table_and_no_other(fresh: Store) -> None:
    assert set(sections(SCHEMA_DOC)) == set(_columns(fresh))


def test_every_column_is_documented_with_its_type(fresh: Store) -> None:
    documented = {table: rows(section) for table, section in sections(SCHEMA_DOC).items()}
    for table, columns in _columns(fresh).items():
        assert list(documented.get(table, {})) == list(columns), f"{table}: columns documented ≠ created"
        for column, kind in columns.items():
            assert documented[table][column] == kind, f"{table}.{column} is {kind}, documented {documented[table]}"
    for table, columns in COLUMNS.items():  # what the store writes per article
        assert set(columns) <= set(documented[table]), table


def test_every_primary_key_is_documented(fresh: Store) -> None:
    keys = {
        table: list(columns)
        for table, columns in fresh.con.execute(
            "SELECT table_name, constraint_column_names FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
        ).fetchall()
    }
    documented = {
        table: re.findall(r"`(\w+)`", match.group(1))
        for table, section in sections(SCHEMA_DOC).items()
        if (match := re.search(r"^Primary key: (.*)$", section, re.M))
    }
    assert documented == keys


def test_the_schema_version_and_every_migration_are_documented(fresh: Store) -> None:
    stated = re.search(r"writes and reads schema version \*\*(\d+)\*\*", SCHEMA_DOC)
    assert stated and int(stated.group(1)) == SCHEMA_VERSION
    assert [int(v) for v in re.findall(r"^\| v(\d+) \|", SCHEMA_DOC, re.M)] == sorted(MIGRATIONS)
    assert fresh.con.execute("SELECT max(version) FROM schema_version").fetchone() == (SCHEMA_VERSION,)


def test_the_supported_duckdb_range_is_stated() -> None:
    assert f"`duckdb{SUPPORTED_DUCKDB}`" in SCHEMA_DOC


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A small database with copies, stories, quotes and counted and uncounted events."""
    with Store(build_synthetic_db(tmp_path_factory.mktemp("synthetic")), read_only=True) as store:
        yield store


@pytest.mark.parametrize("query", code_blocks(SCHEMA_DOC, "sql"), ids=lambda q: q.split("\n", 1)[0][:40])
def test_every_example_query_runs_and_finds_rows(query: str, synthetic: Store) -> None:
    assert synthetic.con.execute(query).fetchall(), query


def test_the_counted_events_query_leaves_out_copies(synthetic: Store) -> None:
    query = code_blocks(SCHEMA_DOC, "sql")[0].replace("LIMIT 20", "")
    listed = len(synthetic.con.execute(query).fetchall())
    assert listed == synthetic.counts()["counted_events"] < synthetic.counts()["events"]


# ---------------------------------------------------------------------------------------------- links


def test_the_readme_points_at_the_record_and_schema_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for link in ("docs/record.md", "docs/schema.md"):
        assert f"]({link})" in readme
        assert (ROOT / link).exists()


def test_nothing_points_at_a_design_doc_the_repository_does_not_have() -> None:
    assert not (ROOT / "DESIGN.md").exists()
    sources = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "eventlens").rglob("*.py"))]
    for path in sources:
        assert "DESIGN.md" not in path.read_text(encoding="utf-8"), path
