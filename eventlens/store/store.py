"""The :class:`Store`: one DuckDB file holding every article and what was extracted from it.

::

    with Store("crisis.duckdb") as store:
        result = store.add(record)          # AddResult(status="added" | "unchanged" | "new_version" | "duplicate")
        store.has_article(article_id)       # skip extraction of what is already stored
        store.record(article_id)            # the ArticleRecord back, exactly as it was added

Guarantees:

- **Idempotent**: an article's id is the hash of its text; adding it again changes nothing (``unchanged``).
- **Versions**: the same URL with a different text is a ``new_version`` linked to the old one (``previous_version``);
  the old version's events stop being counted.
- **Copies**: a near-duplicate of an earlier article (:mod:`eventlens.analyse.dedup`) is stored as a ``duplicate``
  linked to the first appearance; its events and quotes are kept (for audit) but never counted.
- **Atomic**: each article is written with all its rows in one transaction. A process killed mid-write (Ctrl-C,
  ``kill -9``, power loss) leaves the article either complete or absent; running the same ingest again finishes it.
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
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import duckdb

from ..analyse import stories
from ..analyse.dedup import DuplicateIndex, Match, from_bytes, signature, to_bytes
from ..errors import StoreError
from ..record import Article, ArticleRecord
from .rows import COLUMNS, Row, insert_sql, parse_day, record_rows, rows_record, select_sql
from .schema import check_version, migrate

Status = Literal["added", "unchanged", "new_version", "duplicate"]

#: Seconds between two attempts to open a locked database.
_RETRY_EVERY = 0.2
#: Rows per INSERT statement (bounds the parameters of one statement).
_ROWS_PER_INSERT = 500
_PID = re.compile(r"PID (\d+)")
_DISK_FULL = ("no space left", "file too large", "disk full", "could not write", "could not truncate")


@dataclass(frozen=True)
class AddResult:
    """What :meth:`Store.add` did with one record."""

    status: Status
    article_id: str
    events: int = 0
    duplicate_of: str | None = None
    similarity: float | None = None
    previous_version: str | None = None
    story_id: str | None = None


def connect(path: str | Path, *, read_only: bool = False, lock_wait: float = 10.0) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file, waiting up to ``lock_wait`` seconds for another process's lock.

    Raises:
        StoreError: no such file (read-only), still locked after ``lock_wait``, or not a database.
    """
    path = Path(path)
    if read_only and not path.is_file():
        raise StoreError(f"{path}: no such database")
    deadline = time.monotonic() + max(0.0, lock_wait)
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as e:
            message = str(e)
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
        self.con = connect(self.path, read_only=read_only, lock_wait=lock_wait)
        try:
            if read_only:
                check_version(self.con)
            else:
                migrate(self.con)
        except duckdb.Error as e:
            self.con.close()
            raise StoreError(f"{self.path}: not a usable eventlens database: {_first_line(str(e))}") from e
        except StoreError as e:
            self.con.close()
            raise StoreError(f"{self.path}: {e}") from e
        self._index: DuplicateIndex | None = None

    # -- context manager ----------------------------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the database (DuckDB checkpoints its write-ahead log into the file)."""
        try:
            self.con.close()
        except duckdb.Error:  # closing after a fatal write error: nothing more to save
            pass

    # -- reading ------------------------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id (content hash) is stored."""
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

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

    # -- writing ------------------------------------------------------------------------------------------------
    def add(self, record: ArticleRecord) -> AddResult:
        """Store one record with all its rows in one transaction (see the module docstring).

        Raises:
            StoreError: the database could not be written (the article is rolled back, nothing half-written).
        """
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        article = record.article
        try:
            if self.has_article(article.id):
                return AddResult("unchanged", article.id, events=len(record.events))
            index = self._duplicate_index()
        except duckdb.Error as e:
            raise write_error(self.path, f"article {article.id}", e) from e
        mh = signature(article.text)
        previous = self._current_version_of(article)
        match = self._original(index.matches(mh), exclude=previous)
        profile = stories.profile(record)
        try:
            self.con.execute("BEGIN TRANSACTION")
            result = self._write(record, mh_bytes=to_bytes(mh), previous=previous, match=match, profile=profile)
            self.con.execute("COMMIT")
        except (duckdb.Error, OSError) as e:
            self._rollback()
            self._index = None  # rebuilt from what was committed, should the caller go on
            raise write_error(self.path, f"article {article.id}", e) from e
        except BaseException:
            self._rollback()
            self._index = None
            raise
        index.add(article.id, mh)
        return result

    def _rollback(self) -> None:
        try:
            self.con.execute("ROLLBACK")
        except duckdb.Error:  # no transaction open, or the connection was invalidated by the failure
            pass

    def _duplicate_index(self) -> DuplicateIndex:
        """The LSH index of stored originals, built from stored signatures on first use."""
        if self._index is None:
            index = DuplicateIndex()
            rows = self.con.execute(
                "SELECT m.article_id, m.hashvalues FROM minhashes m JOIN articles a ON a.id = m.article_id "
                "WHERE a.duplicate_of IS NULL AND a.superseded_by IS NULL ORDER BY a.seq"
            ).fetchall()
            for article_id, data in rows:
                index.add(article_id, from_bytes(data))
            self._index = index
        return self._index

    def _current_version_of(self, article: Article) -> str | None:
        """The id of the current stored version of the same URL (another text), if any."""
        if not article.url:
            return None
        row = self.con.execute(
            "SELECT id FROM articles WHERE url = ? AND id <> ? AND superseded_by IS NULL ORDER BY seq DESC LIMIT 1",
            [article.url, article.id],
        ).fetchone()
        return str(row[0]) if row else None

    def _original(self, matches: list[Match], *, exclude: str | None) -> Match | None:
        """The first appearance this article copies: the best match, resolved through earlier copy links."""
        for match in matches:
            if match.article_id == exclude:
                continue
            row = self.con.execute("SELECT duplicate_of FROM articles WHERE id = ?", [match.article_id]).fetchone()
            original = row[0] if row and row[0] else match.article_id
            return Match(original, match.similarity)
        return None

    def _write(
        self,
        record: ArticleRecord,
        *,
        mh_bytes: bytes,
        previous: str | None,
        match: Match | None,
        profile: stories.Profile,
    ) -> AddResult:
        article = record.article
        is_copy = match is not None and previous is None
        counted = not is_copy
        seq = self._scalar("SELECT coalesce(max(seq), 0) + 1 FROM articles")
        day = parse_day(article.published)
        story_id = self._place_in_story(article, day, profile, original=match.article_id if is_copy and match else None)
        rows = record_rows(record, counted=counted)
        row_counts = json.dumps({table: len(table_rows) for table, table_rows in rows.items()}, sort_keys=True)
        self.con.execute(
            "INSERT INTO articles (id, url, source, title, published, published_day, language, text, n_chars, seq, "
            "previous_version, duplicate_of, similarity, story_id, features, row_counts) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                article.id, article.url, article.source, article.title, article.published, day, article.language,
                article.text, len(article.text), seq, previous,
                match.article_id if is_copy and match else None, match.similarity if is_copy and match else None,
                story_id, json.dumps(profile.as_dict(), ensure_ascii=False), row_counts,
            ],
        )  # fmt: skip
        self.con.execute("INSERT INTO minhashes VALUES (?, ?)", [article.id, mh_bytes])
        for table, table_rows in rows.items():
            self._insert(table, table_rows)
        if previous is not None:
            self.con.execute("UPDATE articles SET superseded_by = ? WHERE id = ?", [article.id, previous])
            self.con.execute("UPDATE events SET counted = false WHERE article_id = ?", [previous])
            self.con.execute("UPDATE quotes SET counted = false WHERE article_id = ?", [previous])
            if self._index is not None:
                self._index.remove(previous)
            status: Status = "new_version"
        elif is_copy and match is not None:
            self.con.execute(
                "INSERT INTO duplicates VALUES (?, ?, ?, ?)",
                [article.id, match.article_id, match.similarity, "minhash"],
            )
            status = "duplicate"
        else:
            status = "added"
        return AddResult(
            status,
            article.id,
            events=len(record.events),
            duplicate_of=match.article_id if status == "duplicate" and match else None,
            similarity=match.similarity if status == "duplicate" and match else None,
            previous_version=previous,
            story_id=story_id,
        )

    def _insert(self, table: str, rows: list[Row]) -> None:
        """All ``rows`` in one multi-row INSERT (DuckDB's ``executemany`` runs one statement per row: 10× slower)."""
        for start in range(0, len(rows), _ROWS_PER_INSERT):
            chunk = rows[start : start + _ROWS_PER_INSERT]
            self.con.execute(insert_sql(table, len(chunk)), [value for row in chunk for value in row])

    # -- stories ------------------------------------------------------------------------------------------------
    def _place_in_story(
        self, article: Article, day: dt.date | None, profile: stories.Profile, *, original: str | None
    ) -> str:
        """The story this article joins (creating or relabelling it): a copy joins its original's story."""
        story_id: str | None = None
        if original is not None:
            row = self.con.execute("SELECT story_id FROM articles WHERE id = ?", [original]).fetchone()
            story_id = row[0] if row else None
            if story_id is not None:
                self.con.execute("UPDATE stories SET n_copies = n_copies + 1 WHERE id = ?", [story_id])
                return str(story_id)
        found = stories.best_match(profile, self._story_candidates(day))
        if found is None:
            story_id = f"s{article.id}"
            self.con.execute(
                "INSERT INTO stories (id, label, headline, first_day, last_day, n_articles, features) "
                "VALUES (?, ?, ?, ?, ?, 1, ?)",
                [story_id, stories.label(profile, article.title), article.title, day, day,
                 json.dumps(profile.as_dict(), ensure_ascii=False)],
            )  # fmt: skip
            return story_id
        story_id = found[0]
        self._grow_story(story_id, day, profile)
        return story_id

    def _story_candidates(self, day: dt.date | None) -> list[tuple[str, stories.Profile]]:
        if day is None:
            sql = "published_day IS NULL"
            params: list[Any] = []
        else:
            sql = "published_day BETWEEN ? AND ?"
            window = dt.timedelta(days=stories.WINDOW_DAYS)
            params = [day - window, day + window]
        rows = self.con.execute(
            "SELECT story_id, features FROM articles WHERE duplicate_of IS NULL AND superseded_by IS NULL "
            f"AND story_id IS NOT NULL AND {sql} ORDER BY seq DESC LIMIT {stories.MAX_CANDIDATES}",
            params,
        ).fetchall()
        return [(str(r[0]), stories.Profile.from_dict(json.loads(r[1]))) for r in rows if r[1]]

    def _grow_story(self, story_id: str, day: dt.date | None, profile: stories.Profile) -> None:
        row = self.con.execute("SELECT features, headline, first_day, last_day FROM stories WHERE id = ?", [story_id])
        found = row.fetchone()
        if found is None:
            return
        merged = stories.Profile.from_dict(json.loads(found[0] or "{}"))
        merged.merge(profile)
        first = min(d for d in (found[2], day) if d is not None) if (found[2] or day) else None
        last = max(d for d in (found[3], day) if d is not None) if (found[3] or day) else None
        self.con.execute(
            "UPDATE stories SET features = ?, label = ?, first_day = ?, last_day = ?, n_articles = n_articles + 1 "
            "WHERE id = ?",
            [json.dumps(merged.as_dict(), ensure_ascii=False), stories.label(merged, found[1]), first, last, story_id],
        )


__all__ = ["AddResult", "Status", "Store", "connect", "write_error"]
