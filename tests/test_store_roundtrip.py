"""The store gives back exactly what it was given, once: records round-trip, re-adding changes nothing (#5, #8)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, assume, given, settings

from eventlens.analyse.ingest_flow import IngestFlow
from eventlens.errors import StoreError
from eventlens.record import ArticleRecord
from eventlens.store import SCHEMA_VERSION, Store
from eventlens.store.rows import COLUMNS, insert_sql, record_rows
from eventlens.store.schema import current_version, migrate
from tests.support.store import WIRE_TEXT, edited_copies, make_record, wire_record, with_text
from tests.support.strategies import records

_shared: list[IngestFlow] = []


def shared_flow() -> IngestFlow:
    """One in-memory store (and its ingest flow) for all examples (a schema per example would cost more than the
    test)."""
    if not _shared:
        _shared.append(IngestFlow(Store(":memory:")))
    return _shared[0]


@given(record=records())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_store_roundtrip_any_record(record: ArticleRecord) -> None:
    flow = shared_flow()
    assume(not flow.store.has_article(record.article.id))
    # Earlier examples may make this one a copy or a new version: it must come back unchanged all the same.
    assert flow.add(record).status in ("added", "duplicate", "new_version")
    assert flow.store.record(record.article.id) == record


@pytest.mark.parametrize(
    "record",
    [wire_record(url="https://wire.example/1"), make_record("Short text with no events.", published=None, title=None)],
    ids=["wire story with events", "bare article"],
)
def test_store_roundtrip_hand_built(tmp_path: Path, record: ArticleRecord) -> None:
    with Store(tmp_path / "db.duckdb") as store:
        IngestFlow(store).add(record)
    with Store(tmp_path / "db.duckdb", read_only=True) as store:
        assert store.record(record.article.id) == record
        assert store.has_article(record.article.id)
        assert store.record("no-such-id") is None


def test_store_readding_changes_nothing(tmp_path: Path) -> None:
    batch = [wire_record(url="https://wire.example/1"), *edited_copies()]
    with Store(tmp_path / "db.duckdb") as store:
        flow = IngestFlow(store)
        first = [flow.add(r).status for r in batch]
        counts = store.counts()
        again = [flow.add(r).status for r in batch]
        assert store.counts() == counts
    assert first == ["added", "duplicate", "duplicate"]
    assert again == ["unchanged"] * 3


def test_store_new_text_at_same_url_is_a_linked_version(tmp_path: Path) -> None:
    old = wire_record(url="https://wire.example/1")
    new = with_text(old, WIRE_TEXT + " This story has been updated with a statement from the Kremlin.")
    with Store(tmp_path / "db.duckdb") as store:
        flow = IngestFlow(store)
        flow.add(old)
        result = flow.add(new)
        assert result.status == "new_version"
        assert result.previous_version == old.article.id
        counts = store.counts()
        superseded = store.con.execute("SELECT superseded_by FROM articles WHERE id = ?", [old.article.id]).fetchone()
    assert superseded == (new.article.id,)
    # Both versions are kept for audit; only the new one's events count.
    assert counts["articles"] == 2
    assert counts["counted_events"] == len(new.events)


def test_store_migrates_a_version_1_database(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    migrate(con, target=1)
    con.close()
    with Store(path) as store:
        assert current_version(store.con) == SCHEMA_VERSION
        IngestFlow(store).add(wire_record())
        assert store.counts()["events"] == len(wire_record().events)


def test_store_migration_3_gives_old_event_places_their_precision(tmp_path: Path) -> None:
    """#15: a version 2 database (no place precision, no admin1) is migrated; its events take the precision of the
    article's place they name, and new rows carry both."""
    path = tmp_path / "v2.duckdb"
    con = duckdb.connect(str(path))
    migrate(con, target=2)
    record = wire_record()
    new = {"events": ("location_feature", "location_admin1"), "places": ("admin1",)}
    for table, rows in record_rows(record).items():
        keep = [i for i, c in enumerate(COLUMNS[table]) if c not in new.get(table, ())]
        cols = ", ".join(f'"{COLUMNS[table][i]}"' for i in keep)
        for row in rows:
            con.execute(f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' for _ in keep)})", [row[i] for i in keep])
    con.execute(
        "INSERT INTO articles (id, text, n_chars, seq) VALUES (?, ?, ?, 1)",
        [record.article.id, record.article.text, len(record.article.text)],
    )
    con.close()
    with Store(path) as store:
        assert current_version(store.con) == SCHEMA_VERSION == 3
        old = store.con.execute("SELECT DISTINCT location_feature, location_admin1 FROM events").fetchall()
        store.con.execute("DELETE FROM events")
        store.con.execute("DELETE FROM places")
        for table in ("events", "places"):
            store.con.executemany(insert_sql(table), record_rows(record)[table])
        fresh = store.con.execute("SELECT DISTINCT location_feature, location_admin1 FROM events").fetchall()
        places = store.con.execute("SELECT DISTINCT feature, admin1 FROM places").fetchall()
    assert old == [("city", None)]
    assert fresh == [("city", "07")]
    assert places == [("city", "07")]


def test_store_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    with Store(path) as store:
        store.con.execute("INSERT INTO schema_version (version) VALUES (?)", [SCHEMA_VERSION + 1])
    with pytest.raises(StoreError, match="schema version"):
        Store(path)


@pytest.mark.parametrize("content", [b"", b"this is not a database at all\n" * 100], ids=["empty file", "text file"])
def test_store_refuses_what_is_not_a_database(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.duckdb"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=str(path)):
        Store(path, read_only=True)


def test_store_read_only_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "missing.duckdb", read_only=True)
