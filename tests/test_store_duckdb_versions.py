"""Which DuckDB eventlens supports, and the error a database written by another DuckDB's storage gives (#15).

DuckDB reads files of older storage versions, never of newer ones: ``duckdb>=1.0`` let pip install a DuckDB 1.x that
cannot open the files the locked DuckDB 2.x writes. The supported range is one constant that ``pyproject.toml``
requires; a file this DuckDB cannot read is refused in one line that says which side is newer.

The end-to-end tests write real files whose headers carry another storage version (DuckDB's header layout:
a checksummed 4 KiB file header with the storage version at byte 12, then two checksummed database headers with
the serialization version at byte 56); the message tests feed ``connect`` the errors DuckDB 1.0.0, 1.5.6 and 2.0.1
really raise, since no other DuckDB can run here.
"""

from __future__ import annotations

import re
import struct
import tomllib
from pathlib import Path

import duckdb
import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from eventlens.errors import StoreError
from eventlens.store import Store, connect
from eventlens.store.check import check_database
from eventlens.store.duckdb_storage import SUPPORTED_DUCKDB, storage_mismatch
from eventlens.web.db import Database

ROOT = Path(__file__).resolve().parents[1]
HERE = duckdb.__version__


def declared_duckdb() -> Requirement:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    [requirement] = [Requirement(d) for d in project["dependencies"] if Requirement(d).name == "duckdb"]
    return requirement


def locked_duckdb(lock: str) -> Version:
    found = re.search(r"^duckdb==(\S+)", (ROOT / "requirements" / lock).read_text(encoding="utf-8"), re.M)
    assert found, f"requirements/{lock} pins no duckdb"
    return Version(found.group(1))


# ---------------------------------------------------------------------------------------------- the range


def test_pyproject_requires_the_supported_duckdb_range() -> None:
    assert declared_duckdb().specifier == SpecifierSet(SUPPORTED_DUCKDB)


@pytest.mark.parametrize("lock", ["lock.txt", "runtime.txt"])
def test_the_locked_and_installed_duckdb_are_in_the_range(lock: str) -> None:
    supported = SpecifierSet(SUPPORTED_DUCKDB)
    assert locked_duckdb(lock) in supported
    assert Version(HERE) in supported
    assert Version(HERE) == locked_duckdb(lock), "the lock and the installed DuckDB differ: run scripts/setup"


def test_duckdb_1_which_cannot_read_duckdb_2_files_is_not_allowed() -> None:
    supported = SpecifierSet(SUPPORTED_DUCKDB)
    assert Version("1.0.0") not in supported
    assert Version("1.5.6") not in supported


def test_every_allowed_duckdb_reads_the_files_the_installed_one_writes(tmp_path: Path) -> None:
    """The storage version a new file is written with (``vX.Y.Z+``) is no newer than the lowest DuckDB allowed."""
    with duckdb.connect(str(tmp_path / "new.duckdb")) as con:
        [(tags,)] = con.execute("SELECT tags FROM duckdb_databases() WHERE database_name = 'new'").fetchall()
    written = Version(str(tags["storage_version"]).strip("v+"))
    lowest = min(Version(s.version) for s in SpecifierSet(SUPPORTED_DUCKDB) if s.operator in (">=", "=="))
    assert written <= lowest, f"files are written with storage {written}: raise the lower bound of duckdb"


# ---------------------------------------------------------------------------------------------- real files

_BLOCK = 4096
_MASK = (1 << 64) - 1


def _checksum(block: bytes) -> int:
    """DuckDB's header checksum: 5381 xor-ed with each little-endian 64-bit word times 0xbf58476d1ce4e5b9."""
    result = 5381
    for (word,) in struct.iter_unpack("<Q", block):
        result ^= (word * 0xBF58476D1CE4E5B9) & _MASK
    return result


def _with_storage_version(path: Path, *, file_header: int | None = None, database_header: int | None = None) -> int:
    """Rewrite the storage version in a closed DuckDB file's headers; returns the database headers' old value.

    Skips the test when the file does not have the header layout these tests know (another DuckDB release)."""
    data = bytearray(path.read_bytes())
    headers = (0, _BLOCK, 2 * _BLOCK)
    if data[8:12] != b"DUCK" or any(
        struct.unpack_from("<Q", data, h)[0] != _checksum(bytes(data[h + 8 : h + _BLOCK])) for h in headers
    ):
        pytest.skip(f"DuckDB {HERE} writes another header layout than these tests rewrite")
    old = int(struct.unpack_from("<Q", data, _BLOCK + 56)[0])
    if not 64 <= old < 1000:
        pytest.skip(f"DuckDB {HERE} keeps its serialization version elsewhere")
    for header, offset, value in (
        (0, 12, file_header),
        (_BLOCK, 56, database_header),
        (2 * _BLOCK, 56, database_header),
    ):
        if value is not None:
            struct.pack_into("<Q", data, header + offset, value)
            struct.pack_into("<Q", data, header, _checksum(bytes(data[header + 8 : header + _BLOCK])))
    path.write_bytes(bytes(data))
    return old


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """A closed eventlens database (schema and all) written by the installed DuckDB."""
    path = tmp_path / "crisis.duckdb"
    Store(path).close()
    return path


def test_a_database_written_by_a_newer_duckdb_says_so(database: Path) -> None:
    newest = _with_storage_version(database)  # a new file has the newest storage this DuckDB reads
    _with_storage_version(database, database_header=newest + 1)
    for open_it in (
        lambda: Store(database, read_only=True, lock_wait=0),
        lambda: Store(database, lock_wait=0),
        lambda: check_database(database, lock_wait=0),
        lambda: Database(database, lock_wait=0).connection(),
    ):
        with pytest.raises(StoreError) as caught:
            open_it()
        message = str(caught.value)
        assert message.startswith(f"{database}: this database was written by a newer DuckDB")
        assert f"storage version {newest + 1}" in message
        assert f"eventlens here uses DuckDB {HERE}" in message
        assert "upgrade eventlens" in message
        assert "\n" not in message


def test_a_database_written_by_an_old_duckdb_says_so(database: Path) -> None:
    _with_storage_version(database, file_header=51)  # DuckDB 0.8's storage
    with pytest.raises(StoreError) as caught:
        Store(database, read_only=True, lock_wait=0)
    message = str(caught.value)
    assert message.startswith(f"{database}: this database was written by an older DuckDB")
    assert "storage version 51" in message
    assert "v0.8" in message  # DuckDB names the release that wrote it
    assert f"eventlens here uses DuckDB {HERE}" in message
    assert "EXPORT DATABASE" in message
    assert "\n" not in message


# ---------------------------------------------------------------------------------------------- DuckDB's messages

#: What DuckDB raises for a file of a storage version it cannot read, verbatim (the 2.0.1 lines are its format
#: strings filled in; the 1.x ones were raised by those releases opening a file DuckDB 2.0.1 wrote).
NEWER = {
    "duckdb-1.0.0": (
        "IO Error: Trying to read a database file with version number 999, but we can only read version 64.\n"
        "The database file was created with an newer version of DuckDB.\n\n"
        "The storage of DuckDB is not yet stable; newer versions of DuckDB cannot read old database files and vice "
        "versa.\nThe storage will be stabilized when version 1.0 releases.\n\nFor now, we recommend that you load the "
        "database file in a supported version of DuckDB, and use the EXPORT DATABASE command followed by IMPORT "
        "DATABASE on the current version of DuckDB.\n\nSee the storage page for more information: "
        "https://duckdb.org/internals/storage"
    ),
    "duckdb-1.5.6": (
        "IO Error: Trying to read a database file with version number 69, but we can only read versions between 64 "
        "and 68.\nThe database file was created with a newer version of DuckDB.\n\nNewer DuckDB version might "
        "introduce backward incompatible changes (possibly guarded by compatibility settings).\nSee the storage page "
        "for migration strategy and more information: https://duckdb.org/internals/storage"
    ),
    "duckdb-2.0.1": (
        "IO Error: Trying to read a database file with storage version number 70, but we can only read storage "
        "versions between 64 and 69.\nThe database file was created with a newer version of DuckDB.\n\n"
        "Newer DuckDB version might introduce backward incompatible changes (possibly guarded by compatibility "
        "settings).\nSee the storage page for migration strategy and more information: "
        "https://duckdb.org/internals/storage"
    ),
    "duckdb-2.0.1-database-header": (
        'IO Error: Error opening "crisis.duckdb": file was written with a storage version greater than the latest '
        "version supported by this DuckDB instance. Try opening the file with a newer version of DuckDB."
    ),
}
OLDER = (
    "IO Error: Trying to read a database file with storage version number 39, but we can only read storage versions "
    "between 64 and 69.\nThe database file was created with DuckDB version v0.6.0 or v0.6.1.\n\nNewer DuckDB version "
    "might introduce backward incompatible changes (possibly guarded by compatibility settings).\nSee the storage "
    "page for migration strategy and more information: https://duckdb.org/internals/storage"
)


def _raising(message: str) -> object:
    def fake_connect(*args: object, **kwargs: object) -> duckdb.DuckDBPyConnection:
        raise duckdb.IOException(message)

    return fake_connect


@pytest.mark.parametrize("message", NEWER.values(), ids=NEWER.keys())
def test_duckdbs_newer_storage_errors_become_one_line(
    message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "crisis.duckdb"
    path.write_bytes(b"")
    monkeypatch.setattr(duckdb, "connect", _raising(message))
    with pytest.raises(StoreError) as caught:
        connect(path, read_only=True, lock_wait=0)
    text = str(caught.value)
    assert text.startswith(f"{path}: this database was written by a newer DuckDB")
    assert f"eventlens here uses DuckDB {HERE}" in text and "upgrade eventlens" in text
    assert "\n" not in text
    number = re.search(r"version number (\d+)", message)
    if number:
        assert f"storage version {number.group(1)})" in text


def test_duckdbs_older_storage_error_names_the_release_that_wrote_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "crisis.duckdb"
    monkeypatch.setattr(duckdb, "connect", _raising(OLDER))
    with pytest.raises(StoreError, match=r"older DuckDB \(DuckDB version v0\.6\.0 or v0\.6\.1, storage version 39\)"):
        connect(path, lock_wait=0)


@pytest.mark.parametrize(
    "message",
    [
        "IO Error: Could not set lock on file: Conflicting lock is held in python (PID 12)",
        "IO Error: The file is not a valid DuckDB database file!",
        "Invalid Input Error: Unsupported Storage Version '50' in the database header!",
    ],
)
def test_other_open_errors_are_not_taken_for_a_version_mismatch(message: str) -> None:
    assert storage_mismatch(Path("x.duckdb"), message) is None
