"""``eventlens check --db FILE``: prove a database is whole.

Each check is one SQL query that counts the rows breaking a rule; a database passes when every count is zero:

- **the schema eventlens wrote** (#16): every table is a table (not a view over some other file) with the columns
  and types the migrations make (:func:`~eventlens.store.schema.expected_columns`), and the file holds no view or
  macro (a macro can shadow a built-in function); when this fails nothing else is read, since a view or macro
  would decide what the other checks see;
- it opens, has the current schema version, and every table can be read in full (DuckDB verifies block checksums
  as it reads);
- **no orphans**: every row of a per-article table belongs to a stored article;
- **no half article**: each article has exactly the rows it was written with (``articles.row_counts``) and its
  MinHash signature;
- **offsets in range**: every start/end lies inside its article's text (``0 ≤ start ≤ end ≤ len(text)``), and the
  text stored with a span is the text at those offsets;
- **links hold**: a copy's original, a version's predecessor and an article's story exist; copies' events are
  not counted; story sizes match their members.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ..errors import StoreError
from .schema import ARTICLE_TABLES, SCHEMA_VERSION, catalog_problems, check_version, expected_columns, table_columns
from .store import connect

#: Tables whose rows carry ``start``/``"end"`` offsets into the article text, and whether ``text`` must match them.
_SPAN_TABLES = {"mentions": True, "quotes": False, "places": True, "dates": True, "quantities": True}
#: Offsets of events and quote speakers: (table, start column, end column, text column or None).
_REF_SPANS = [
    ("events", "trigger_start", "trigger_end", "trigger_text"),
    ("events", "sentence_start", "sentence_end", "sentence_text"),
    ("events", "actor_start", "actor_end", "actor_text"),
    ("events", "recipient_start", "recipient_end", "recipient_text"),
    ("quotes", "speaker_start", "speaker_end", "speaker_text"),
]


@dataclass
class CheckReport:
    """What :func:`check_database` found: table sizes and the rules broken (rule → rows breaking it)."""

    path: Path
    version: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    problems: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def _rules() -> dict[str, str]:
    """Rule name → SQL counting the rows that break it."""
    rules: dict[str, str] = {}
    for table in ARTICLE_TABLES:
        rules[f"{table}: rows without an article"] = (
            f"SELECT count(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = t.article_id)"
        )
    rules["articles: text length differs from n_chars"] = "SELECT count(*) FROM articles WHERE length(text) <> n_chars"
    rules["articles: id repeated"] = "SELECT count(*) - count(DISTINCT id) FROM articles"
    rules["articles: without a MinHash signature"] = (
        "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM minhashes m WHERE m.article_id = a.id)"
    )
    for table, must_match in _SPAN_TABLES.items():
        rules[f"{table}: offsets outside the text"] = (
            f"SELECT count(*) FROM {table} t JOIN articles a ON a.id = t.article_id WHERE t.start < 0 "
            f'OR t."end" < t.start OR t."end" > a.n_chars'
        )
        if must_match:
            rules[f"{table}: text differs from the text at its offsets"] = (
                f"SELECT count(*) FROM {table} t JOIN articles a ON a.id = t.article_id WHERE t.text IS NOT NULL "
                f'AND t."end" <= a.n_chars AND t.text <> substr(a.text, t.start + 1, t."end" - t.start)'
            )
    for table, start, end, text in _REF_SPANS:
        rules[f"{table}.{start[: -len('_start')]}: offsets outside the text"] = (
            f"SELECT count(*) FROM {table} t JOIN articles a ON a.id = t.article_id WHERE t.{start} IS NOT NULL "
            f"AND (t.{start} < 0 OR t.{end} < t.{start} OR t.{end} > a.n_chars)"
        )
        rules[f"{table}.{start[: -len('_start')]}: text differs from the text at its offsets"] = (
            f"SELECT count(*) FROM {table} t JOIN articles a ON a.id = t.article_id WHERE t.{text} IS NOT NULL "
            f"AND t.{start} IS NOT NULL AND t.{end} <= a.n_chars "
            f"AND t.{text} <> substr(a.text, t.{start} + 1, t.{end} - t.{start})"
        )
    rules["duplicates: original missing"] = (
        "SELECT count(*) FROM duplicates d WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = d.original_id)"
    )
    rules["articles: copy link without its duplicates row"] = (
        "SELECT count(*) FROM articles a WHERE a.duplicate_of IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM duplicates d WHERE d.article_id = a.id AND d.original_id = a.duplicate_of)"
    )
    rules["events: a copy's or old version's event is counted"] = (
        "SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id WHERE e.counted "
        "AND (a.duplicate_of IS NOT NULL OR a.superseded_by IS NOT NULL)"
    )
    rules["articles: previous version missing"] = (
        "SELECT count(*) FROM articles a WHERE a.previous_version IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM articles b WHERE b.id = a.previous_version)"
    )
    rules["articles: story missing"] = (
        "SELECT count(*) FROM articles a WHERE a.story_id IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = a.story_id)"
    )
    rules["stories: size differs from members"] = (
        "SELECT count(*) FROM stories s WHERE s.n_articles + s.n_copies <> "
        "(SELECT count(*) FROM articles a WHERE a.story_id = s.id)"
    )
    return rules


def _half_articles(con: duckdb.DuckDBPyConnection) -> int:
    """Articles whose rows differ from the counts they were written with."""
    actual: dict[str, dict[str, int]] = {}
    for table in ("actors", "mentions", "events", "quotes", "places", "dates", "quantities"):
        for article_id, n in con.execute(f"SELECT article_id, count(*) FROM {table} GROUP BY article_id").fetchall():
            actual.setdefault(article_id, {})[table] = int(n)
    broken = 0
    for article_id, raw in con.execute("SELECT id, row_counts FROM articles").fetchall():
        if raw is None:  # written before schema v2: nothing to compare with
            continue
        expected = {k: int(v) for k, v in json.loads(raw).items() if v}
        if expected != actual.get(article_id, {}):
            broken += 1
    return broken


def schema_problems(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rule → 1 for each way the open database differs from the schema eventlens writes (catalog only)."""
    problems = {f"schema: {problem}": 1 for problem in catalog_problems(con)}
    found = table_columns(con)
    for table, columns in expected_columns().items():
        if table not in found:
            problems[f"schema: table {table} is missing"] = 1
        elif found[table] != columns:
            have, want = dict(found[table]), dict(columns)
            differ = [f"{c} {have.get(c, 'missing')} (eventlens writes {t})" for c, t in columns if have.get(c) != t]
            differ += [f"{c} {t} (eventlens writes no such column)" for c, t in found[table] if c not in want]
            if not differ:
                differ = ["the columns are in another order"]
            problems[f"schema: {table} columns differ: {'; '.join(differ[:5])}"] = len(differ)
    return problems


def check_database(path: str | Path, *, lock_wait: float = 10.0) -> CheckReport:
    """Check the database at ``path`` (opened read-only).

    Raises:
        StoreError: the file is missing, locked, not a database, or of another schema version.
    """
    report = CheckReport(Path(path))
    con = connect(path, read_only=True, lock_wait=lock_wait)
    try:
        report.problems.update(schema_problems(con))
        if report.problems:  # a view or macro would decide what every other check reads
            return report
        report.version = check_version(con)
        tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        for table in sorted(tables):
            # Reading every column of every row makes DuckDB verify every block's checksum.
            cursor = con.execute(f'SELECT * FROM "{table}"')
            while cursor.fetchmany(10_000):
                pass
            row = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()
            report.counts[table] = int(row[0]) if row else 0
        for rule, sql in _rules().items():
            row = con.execute(sql).fetchone()
            if row and row[0]:
                report.problems[rule] = int(row[0])
        half = _half_articles(con)
        if half:
            report.problems["articles: rows missing or extra (half-written article)"] = half
    except duckdb.Error as e:
        raise StoreError(f"{path}: the database cannot be read: {str(e).splitlines()[0]}") from e
    finally:
        con.close()
    return report


__all__ = ["SCHEMA_VERSION", "CheckReport", "check_database", "schema_problems"]
