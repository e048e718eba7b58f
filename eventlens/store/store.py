"""The :class:`Store`: one DuckDB file holding every article and what was extracted from it.

::

    with Store("crisis.duckdb") as store:
        result = store.write(record, links)  # AddResult(status="added" | "unchanged" | "new_version" | "duplicate")
        store.has_article(article_id)        # skip extraction of what is already stored
        store.record(article_id)             # the ArticleRecord back, exactly as it was added

The store only reads and writes: which stored article a new one copies and which story it joins are decided before
it is written, by the ingest flow (:class:`eventlens.analyse.ingest_flow.IngestFlow`, which ``eventlens ingest``,
``eventlens load`` and the ingest endpoint add articles through), and come with the record as its
:class:`~eventlens.store.links.Links`. The read functions that flow needs are here: stored signatures, the current
version of a URL, copy links, candidate stories.

Guarantees:

- **Idempotent**: an article's id is the hash of its text (or the id its source gave it); adding the same id with
  the same text again changes nothing (``unchanged``). The same id with another text is never ``unchanged``:
  :meth:`Store.write` refuses it (:class:`~eventlens.errors.IdConflict`), and the ingest flow stores it as a new
  version under its content hash or reports the conflict (#16).
- **Versions**: the same URL with a different text is a ``new_version`` linked to the old one (``previous_version``);
  the old version's events stop being counted.
- **Copies**: a near-duplicate of an earlier article (:mod:`eventlens.analyse.dedup`) is stored as a ``duplicate``
  linked to the first appearance; its events and quotes are kept (for audit) but never counted.
- **Atomic**: each article is written with all its rows and its story in one transaction. A process killed
  mid-write (Ctrl-C, ``kill -9``, power loss) leaves the article either complete or absent; running the same ingest
  again finishes it.
- **Locks**: DuckDB lets one process write a file. Opening a file another process holds is retried for
  ``lock_wait`` seconds, then refused with a one-line :class:`~eventlens.errors.StoreError`.
- **Write failures** (disk full, file size limit) roll the article back and raise :class:`StoreError`; what was
  committed before stays readable.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import duckdb

from ..datetimes import day_of
from ..errors import IdConflict, StoreError
from ..record import Article, ArticleRecord
from .duckdb_storage import storage_mismatch
from .links import Links, StoredStory, StoryChange
from .rows import COLUMNS, Row, insert_sql, record_rows, rows_record, select_sql
from .schema import CONNECTION_CONFIG, check_catalog, check_version, migrate

Status = Literal["added", "unchanged", "new_version", "duplicate"]

#: Seconds between two attempts to open a locked database.
_RETRY_EVERY = 0.2
#: Rows per INSERT statement (bounds the parameters of one statement).
_ROWS_PER_INSERT = 500
_PID = re.compile(r"PID (\d+)")
_DISK_FULL = ("no space left", "file too large", "disk full", "could not write", "could not truncate")


@dataclass(frozen=True)
class AddResult:
    """What :meth:`Store.write` did with one record."""

    status: Status
    article_id: str
    events: int = 0
    duplicate_of: str | None = None
    similarity: float | None = None
    previous_version: str | None = None
    story_id: str | None = None


def connect(path: str | Path, *, read_only: bool = False, lock_wait: float = 10.0) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file, waiting up to ``lock_wait`` seconds for another process's lock, with file access and
    extension loading off (:data:`~eventlens.store.schema.CONNECTION_CONFIG`: a hostile file's views cannot read
    other files).

    Raises:
        StoreError: no such file (read-only), still locked after ``lock_wait``, not a database, or written with a
            DuckDB storage version this DuckDB cannot read (:func:`~eventlens.store.duckdb_storage.storage_mismatch`).
    """
    path = Path(path)
    if read_only and not path.is_file():
        raise StoreError(f"{path}: no such database")
    deadline = time.monotonic() + max(0.0, lock_wait)
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=CONNECTION_CONFIG)
        except duckdb.Error as e:
            message = str(e)
            mismatch = storage_mismatch(path, message)
            if mismatch is not None:
                raise mismatch from e
            if "lock" not in message.lower():
                raise StoreError(f"{path}: cannot open the database: {_first_line(message)}") from e
            if time.monotonic() >= deadline:
                pid = _PID.search(message)
                holder = f" (PID {pid.group(1)})" if pid else ""
                raise StoreError(
                    f"{path}: the database is locked by another process{holder}; waited {lock_wait:g}s. "
                    "Is an ingest or a server using it?"
                ) from e
            time.sleep(_RETRY_EVERY)


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0] if message.strip() else message


def write_error(path: Path, what: str, error: BaseException) -> StoreError:
    """A one-line :class:`StoreError` for a failed write, saying "disk full" when that is the cause."""
    message = _first_line(str(error))
    if any(cue in message.lower() for cue in _DISK_FULL) or isinstance(error, OSError):
        return StoreError(f"{path}: cannot write {what}: disk full or file size limit reached ({message})")
    return StoreError(f"{path}: cannot write {what}: {message}")


class Store:
    """A DuckDB database of articles and their extracted records (see the module docstring for guarantees).

    Args:
        path: the database file; created (with its schema) when it does not exist, unless ``read_only``.
        read_only: open for reading only (several readers may share a file no one writes).
        lock_wait: seconds to wait for another process's lock before giving up.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False, lock_wait: float = 10.0) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.lock_wait = lock_wait
        self._con: duckdb.DuckDBPyConnection | None = None
        self._checked = False
        self._con = self._open()

    def _open(self) -> duckdb.DuckDBPyConnection:
        con = connect(self.path, read_only=self.read_only, lock_wait=self.lock_wait)
        if self._checked:  # opened again after release(): this process checked and migrated the file already
            return con
        try:
            check_catalog(con)  # before anything reads a table: one may be a view over another file
            if self.read_only:
                check_version(con)
            else:
                migrate(con)
        except duckdb.Error as e:
            con.close()
            raise StoreError(f"{self.path}: not a usable eventlens database: {_first_line(str(e))}") from e
        except StoreError as e:
            con.close()
            raise StoreError(f"{self.path}: {e}") from e
        self._checked = True
        return con

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open connection; after :meth:`release`, opened again (waiting up to ``lock_wait`` for the file)."""
        if self._con is None:
            self._con = self._open()
        return self._con

    def release(self) -> None:
        """Let go of the file until the store is used again, so that other processes can open it meanwhile.

        DuckDB lets one process write a file, or any number read it, never both at once: ``eventlens ingest``
        releases the file after each article, so ``eventlens serve`` keeps answering on the same file (#15).
        """
        self.close()

    # -- context manager ----------------------------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the database (DuckDB checkpoints its write-ahead log into the file)."""
        con, self._con = self._con, None
        if con is None:
            return
        try:
            con.close()
        except duckdb.Error:  # closing after a fatal write error: nothing more to save
            pass

    # -- reading ------------------------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id (content hash) is stored."""
        with self._reading():
            return self._has(article_id)

    def _has(self, article_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def same_text(self, article_id: str, text: str) -> bool | None:
        """Whether the article stored under ``article_id`` has ``text`` (``None``: no article has this id)."""
        with self._reading():
            row = self.con.execute(
                "SELECT n_chars = ? AND text = ? FROM articles WHERE id = ?", [len(text), text, article_id]
            ).fetchone()
        return None if row is None else bool(row[0])

    def latest_version(self, article_id: str) -> str | None:
        """The newest version of a stored article: its id, or the id of the version that replaced it, and so on
        (``None`` for an unknown id)."""
        seen: set[str] = set()
        current: str | None = article_id
        with self._reading():
            while current is not None and current not in seen:
                seen.add(current)
                row = self.con.execute("SELECT superseded_by FROM articles WHERE id = ?", [current]).fetchone()
                if row is None:
                    return None
                if row[0] is None:
                    return current
                current = str(row[0])
        return current  # a loop of versions (a damaged file): stop where it closes

    def article(self, article_id: str) -> Article | None:
        """The stored article (metadata and text), or ``None``."""
        row = self.con.execute(
            "SELECT id, url, source, title, published, language, text FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        if row is None:
            return None
        return Article(
            id=row[0], url=row[1], source=row[2], title=row[3], published=row[4], language=row[5], text=row[6]
        )

    def record(self, article_id: str) -> ArticleRecord | None:
        """The record of one article, as it was added, or ``None`` when it is not stored."""
        article = self.article(article_id)
        if article is None:
            return None
        rows = {table: self.con.execute(select_sql(table), [article_id]).fetchall() for table in COLUMNS}
        return rows_record(article, rows)

    def ids(self) -> list[str]:
        """Every stored article id, in the order they were added."""
        return [r[0] for r in self.con.execute("SELECT id FROM articles ORDER BY seq").fetchall()]

    def counts(self) -> dict[str, int]:
        """Rows per table, and ``counted_events`` (events not in a copy or an old version)."""
        out: dict[str, int] = {}
        for table in ("articles", "actors", "mentions", "events", "quotes", "places", "dates", "quantities"):
            out[table] = self._scalar(f"SELECT count(*) FROM {table}")
        out["duplicates"] = self._scalar("SELECT count(*) FROM duplicates")
        out["stories"] = self._scalar("SELECT count(*) FROM stories")
        out["counted_events"] = self._scalar("SELECT count(*) FROM events WHERE counted")
        return out

    def _scalar(self, sql: str, params: list[Any] | None = None) -> int:
        row = self.con.execute(sql, params or []).fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """DuckDB errors while reading become a one-line :class:`StoreError`."""
        try:
            yield
        except duckdb.Error as e:
            raise StoreError(f"{self.path}: cannot read the database: {_first_line(str(e))}") from e

    # -- what the ingest flow reads before it links a new article -----------------------------------------------
    def original_signatures(self) -> list[tuple[str, bytes]]:
        """(article id, stored MinHash signature) of every stored original (not a copy, not an old version),
        in the order they were added: what the ingest flow's copy index is built from."""
        with self._reading():
            rows = self.con.execute(
                "SELECT m.article_id, m.hashvalues FROM minhashes m JOIN articles a ON a.id = m.article_id "
                "WHERE a.duplicate_of IS NULL AND a.superseded_by IS NULL ORDER BY a.seq"
            ).fetchall()
        return [(str(article_id), bytes(data)) for article_id, data in rows]

    def current_version_of(self, article: Article) -> str | None:
        """The id of the current stored version of the same URL (another text), if any."""
        if not article.url:
            return None
        with self._reading():
            row = self.con.execute(
                "SELECT id FROM articles WHERE url = ? AND id <> ? AND superseded_by IS NULL ORDER BY seq DESC LIMIT 1",
                [article.url, article.id],
            ).fetchone()
        return str(row[0]) if row else None

    def duplicate_of(self, article_id: str) -> str | None:
        """The original a stored article is a copy of (``None`` for an original or an unknown id)."""
        with self._reading():
            row = self.con.execute("SELECT duplicate_of FROM articles WHERE id = ?", [article_id]).fetchone()
        return str(row[0]) if row and row[0] else None

    def story_of(self, article_id: str) -> str | None:
        """The story a stored article belongs to."""
        with self._reading():
            row = self.con.execute("SELECT story_id FROM articles WHERE id = ?", [article_id]).fetchone()
        return str(row[0]) if row and row[0] is not None else None

    def story_candidates(
        self, day: dt.date | None, *, window_days: int, limit: int
    ) -> list[tuple[str, dict[str, Any]]]:
        """(story id, stored profile) of the most recent ``limit`` originals published within ``window_days`` of
        ``day`` (or, for an undated article, the undated ones): the stories a new article may join."""
        if day is None:
            sql = "published_day IS NULL"
            params: list[Any] = []
        else:
            sql = "published_day BETWEEN ? AND ?"
            # Ordinals, kept inside the calendar: day ± window left it for 0001-01-01 or 9999-12-31 (#16).
            first = max(1, day.toordinal() - window_days)
            last = min(dt.date.max.toordinal(), day.toordinal() + window_days)
            params = [dt.date.fromordinal(first), dt.date.fromordinal(last)]
        with self._reading():
            rows = self.con.execute(
                "SELECT story_id, features FROM articles WHERE duplicate_of IS NULL AND superseded_by IS NULL "
                f"AND story_id IS NOT NULL AND {sql} ORDER BY seq DESC LIMIT {int(limit)}",
                params,
            ).fetchall()
        return [(str(r[0]), json.loads(r[1])) for r in rows if r[1]]

    def story(self, story_id: str) -> StoredStory | None:
        """The stored state of one story, or ``None``."""
        with self._reading():
            row = self.con.execute(
                "SELECT features, headline, first_day, last_day FROM stories WHERE id = ?", [story_id]
            ).fetchone()
        if row is None:
            return None
        return StoredStory(json.loads(row[0] or "{}"), row[1], row[2], row[3])

    # -- writing ------------------------------------------------------------------------------------------------
    def write(self, record: ArticleRecord, links: Links) -> AddResult:
        """Store one record, linked as ``links`` says, with all its rows in one transaction (see the module docstring).

        Raises:
            IdConflict: another text is stored under the record's id (never counted as ``unchanged``).
            StoreError: the database could not be written (the article is rolled back, nothing half-written).
        """
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        article = record.article
        try:
            same = self.same_text(article.id, article.text)
        except StoreError as e:
            raise write_error(self.path, f"article {article.id}", e.__cause__ or e) from e
        if same:
            return AddResult("unchanged", article.id, events=len(record.events))
        if same is not None:
            raise IdConflict(
                f"article {article.id}", f"the id {article.id} is already another text's; this text is not stored"
            )
        try:
            self.con.execute("BEGIN TRANSACTION")
            result = self._write(record, links)
            self.con.execute("COMMIT")
        except (duckdb.Error, OSError) as e:
            self._rollback()
            raise write_error(self.path, f"article {article.id}", e) from e
        except BaseException:
            self._rollback()
            raise
        return result

    def _rollback(self) -> None:
        try:
            self.con.execute("ROLLBACK")
        except duckdb.Error:  # no transaction open, or the connection was invalidated by the failure
            pass

    def _write(self, record: ArticleRecord, links: Links) -> AddResult:
        article = record.article
        previous, original = links.previous_version, links.duplicate_of
        is_copy = original is not None and previous is None
        counted = not is_copy
        seq = self._scalar("SELECT coalesce(max(seq), 0) + 1 FROM articles")
        day = day_of(article.published)
        story_id = self._write_story(links.story)
        rows = record_rows(record, counted=counted)
        row_counts = json.dumps({table: len(table_rows) for table, table_rows in rows.items()}, sort_keys=True)
        self.con.execute(
            "INSERT INTO articles (id, url, source, title, published, published_day, language, text, n_chars, seq, "
            "previous_version, duplicate_of, similarity, story_id, features, row_counts) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                article.id, article.url, article.source, article.title, article.published, day, article.language,
                article.text, len(article.text), seq, previous,
                original if is_copy else None, links.similarity if is_copy else None,
                story_id, json.dumps(links.features, ensure_ascii=False), row_counts,
            ],
        )  # fmt: skip
        self.con.execute("INSERT INTO minhashes VALUES (?, ?)", [article.id, links.signature])
        for table, table_rows in rows.items():
            self._insert(table, table_rows)
        if previous is not None:
            self.con.execute("UPDATE articles SET superseded_by = ? WHERE id = ?", [article.id, previous])
            self.con.execute("UPDATE events SET counted = false WHERE article_id = ?", [previous])
            self.con.execute("UPDATE quotes SET counted = false WHERE article_id = ?", [previous])
            status: Status = "new_version"
        elif is_copy:
            self.con.execute(
                "INSERT INTO duplicates VALUES (?, ?, ?, ?)", [article.id, original, links.similarity, "minhash"]
            )
            status = "duplicate"
        else:
            status = "added"
        return AddResult(
            status,
            article.id,
            events=len(record.events),
            duplicate_of=original if status == "duplicate" else None,
            similarity=links.similarity if status == "duplicate" else None,
            previous_version=previous,
            story_id=story_id,
        )

    def _insert(self, table: str, rows: list[Row]) -> None:
        """All ``rows`` in one multi-row INSERT (DuckDB's ``executemany`` runs one statement per row: 10× slower)."""
        for start in range(0, len(rows), _ROWS_PER_INSERT):
            chunk = rows[start : start + _ROWS_PER_INSERT]
            self.con.execute(insert_sql(table, len(chunk)), [value for row in chunk for value in row])

    def _write_story(self, story: StoryChange) -> str:
        """Start, grow or count a copy in the story the article joins; return its id."""
        if story.change == "copy":
            self.con.execute("UPDATE stories SET n_copies = n_copies + 1 WHERE id = ?", [story.story_id])
        elif story.change == "new":
            self.con.execute(
                "INSERT INTO stories (id, label, headline, first_day, last_day, n_articles, features) "
                "VALUES (?, ?, ?, ?, ?, 1, ?)",
                [story.story_id, story.label, story.headline, story.first_day, story.last_day,
                 json.dumps(story.features, ensure_ascii=False)],
            )  # fmt: skip
        elif story.change == "grow":
            self.con.execute(
                "UPDATE stories SET features = ?, label = ?, first_day = ?, last_day = ?, "
                "n_articles = n_articles + 1 WHERE id = ?",
                [json.dumps(story.features, ensure_ascii=False), story.label, story.first_day, story.last_day,
                 story.story_id],
            )  # fmt: skip
        return story.story_id


__all__ = ["AddResult", "Status", "Store", "connect", "write_error"]
