"""The database schema: one DuckDB file, its tables, a schema version and the migrations that reach it.

Tables (every item keeps its character offsets into ``articles.text``, so each row can be audited)::

    schema_version  version, applied                      one row per migration applied
    articles        id (content hash) … text, ingested, previous_version, duplicate_of, similarity, story_id,
                    row_counts (JSON: rows written per table, checked by ``eventlens check``)
    minhashes       article_id, hashvalues (BLOB)          the MinHash signature, to rebuild the LSH index on open
    actors          article_id, id, name, code, sector, role, kind
    mentions        article_id, actor_id, seq, start, end, text
    events          article_id, id, seq, type … location_*, location_feature, location_admin1 … counted
    quotes          article_id, seq, text, start, end, kind, cue, speaker_*
    places          article_id, seq, text, start, end, name, geonameid, country, lat, lon, feature, admin1
    dates           article_id, seq, text, start, end, value, granularity
    quantities      article_id, seq, text, start, end, value, is_int, qualifier, unit, counted, original (JSON)
    duplicates      article_id, original_id, similarity, method   a syndicated copy and its first appearance
    stories         id, label, headline, first_day, last_day, n_articles, n_copies, features (JSON profile)

``events.counted`` is false for the events of a syndicated copy and of an article replaced by a newer version of
the same URL: every count, series and export reads only counted events (GDELT counts one story hundreds of times).

A database made by an older eventlens is brought up to :data:`SCHEMA_VERSION` by :func:`migrate` when it is opened
for writing; a database newer than this eventlens is refused rather than misread.

A database file is input like any other and may be hostile (#16): a ``stories`` table replaced by a view over
``read_text('/etc/passwd')`` would show that file wherever stories are listed, and a macro named ``lower`` would
change what every query computes. Connections are opened with file access and extension loading off
(:data:`CONNECTION_CONFIG`), :func:`catalog_problems` names what eventlens never writes (a view or other object in
the place of one of its tables, a macro), and a store refuses to open such a file; ``eventlens check`` also compares
every table's columns and types with :func:`expected_columns`, the schema these migrations write.
"""

from __future__ import annotations

import functools

import duckdb

from ..errors import StoreError

#: The schema this eventlens writes and reads.
SCHEMA_VERSION = 3

_ACTOR_REF = "{p}_name VARCHAR, {p}_code VARCHAR, {p}_sector VARCHAR, {p}_text VARCHAR, {p}_start INTEGER, " + (
    "{p}_end INTEGER, {p}_actor_id VARCHAR"
)

_V1 = [
    """CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied TIMESTAMP DEFAULT current_timestamp)""",
    """CREATE TABLE articles (
        id VARCHAR PRIMARY KEY,
        url VARCHAR,
        source VARCHAR,
        title VARCHAR,
        published VARCHAR,
        published_day DATE,
        language VARCHAR,
        text VARCHAR NOT NULL,
        n_chars INTEGER NOT NULL,
        ingested TIMESTAMP DEFAULT current_timestamp,
        seq BIGINT NOT NULL,
        previous_version VARCHAR,
        superseded_by VARCHAR,
        duplicate_of VARCHAR,
        similarity DOUBLE,
        story_id VARCHAR,
        features VARCHAR
    )""",
    "CREATE INDEX articles_url ON articles (url)",
    """CREATE TABLE minhashes (article_id VARCHAR PRIMARY KEY, hashvalues BLOB NOT NULL)""",
    """CREATE TABLE actors (
        article_id VARCHAR NOT NULL, id VARCHAR NOT NULL, seq INTEGER NOT NULL, name VARCHAR, code VARCHAR,
        sector VARCHAR, role VARCHAR, kind VARCHAR, PRIMARY KEY (article_id, id)
    )""",
    """CREATE TABLE mentions (
        article_id VARCHAR NOT NULL, actor_id VARCHAR NOT NULL, seq INTEGER NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR, PRIMARY KEY (article_id, actor_id, seq)
    )""",
    f"""CREATE TABLE events (
        article_id VARCHAR NOT NULL, id VARCHAR NOT NULL, seq INTEGER NOT NULL,
        type VARCHAR NOT NULL, mode VARCHAR, quad VARCHAR NOT NULL,
        {_ACTOR_REF.format(p="actor")}, actor_present BOOLEAN NOT NULL,
        {_ACTOR_REF.format(p="recipient")}, recipient_present BOOLEAN NOT NULL,
        factuality VARCHAR NOT NULL, historical BOOLEAN NOT NULL,
        date_present BOOLEAN NOT NULL, date_text VARCHAR, date_value VARCHAR, date_granularity VARCHAR,
        date_source VARCHAR, day DATE,
        location VARCHAR, location_name VARCHAR, location_geonameid BIGINT, location_country VARCHAR,
        location_lat DOUBLE, location_lon DOUBLE,
        magnitude VARCHAR, dead DOUBLE, injured DOUBLE, arrested DOUBLE, troops DOUBLE, money_usd DOUBLE,
        trigger_text VARCHAR, trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL,
        sentence_text VARCHAR, sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
        "symmetric" BOOLEAN NOT NULL, confidence DOUBLE, counted BOOLEAN NOT NULL,
        PRIMARY KEY (article_id, id)
    )""",
    "CREATE INDEX events_day ON events (day)",
    f"""CREATE TABLE quotes (
        article_id VARCHAR NOT NULL, seq INTEGER NOT NULL, text VARCHAR, start INTEGER NOT NULL,
        "end" INTEGER NOT NULL, kind VARCHAR, cue VARCHAR,
        {_ACTOR_REF.format(p="speaker")}, speaker_present BOOLEAN NOT NULL, counted BOOLEAN NOT NULL,
        PRIMARY KEY (article_id, seq)
    )""",
    """CREATE TABLE places (
        article_id VARCHAR NOT NULL, seq INTEGER NOT NULL, text VARCHAR, start INTEGER NOT NULL,
        "end" INTEGER NOT NULL, name VARCHAR, geonameid BIGINT, country VARCHAR, lat DOUBLE, lon DOUBLE,
        feature VARCHAR, PRIMARY KEY (article_id, seq)
    )""",
    """CREATE TABLE dates (
        article_id VARCHAR NOT NULL, seq INTEGER NOT NULL, text VARCHAR, start INTEGER NOT NULL,
        "end" INTEGER NOT NULL, value VARCHAR, granularity VARCHAR, PRIMARY KEY (article_id, seq)
    )""",
    """CREATE TABLE quantities (
        article_id VARCHAR NOT NULL, seq INTEGER NOT NULL, text VARCHAR, start INTEGER NOT NULL,
        "end" INTEGER NOT NULL, value DOUBLE, is_int BOOLEAN NOT NULL, qualifier VARCHAR, unit VARCHAR,
        counted VARCHAR, original VARCHAR, PRIMARY KEY (article_id, seq)
    )""",
    """CREATE TABLE duplicates (
        article_id VARCHAR PRIMARY KEY, original_id VARCHAR NOT NULL, similarity DOUBLE, method VARCHAR
    )""",
    """CREATE TABLE stories (
        id VARCHAR PRIMARY KEY, label VARCHAR NOT NULL, headline VARCHAR, first_day DATE, last_day DATE,
        n_articles INTEGER NOT NULL, n_copies INTEGER NOT NULL DEFAULT 0, features VARCHAR
    )""",
]

# v2: each article row says how many rows of each table it was written with, so ``eventlens check`` can prove that
# no article is missing part of its rows (a half-written article), not only that no row lacks its article.
_V2 = ["ALTER TABLE articles ADD COLUMN row_counts VARCHAR"]

# v3 (#15): every export says how precise an event's place is and in which first-level division it lies. A place
# keeps its GeoNames admin1 code; an event's location its precision (``location_feature``: country, region, city or
# other) and admin1. Rows written before are filled from what they hold: the location's own JSON, else the article's
# place of the same GeoNames id (admin1 stays empty for them: re-extract the articles to fill it).
_V3 = [
    "ALTER TABLE places ADD COLUMN admin1 VARCHAR",
    "ALTER TABLE events ADD COLUMN location_feature VARCHAR",
    "ALTER TABLE events ADD COLUMN location_admin1 VARCHAR",
    """UPDATE events SET
        location_feature = coalesce(json_extract_string(location, '$.feature'), (
            SELECT any_value(p.feature) FROM places p
            WHERE p.article_id = events.article_id AND p.geonameid = events.location_geonameid)),
        location_admin1 = json_extract_string(location, '$.admin1')
    WHERE location IS NOT NULL""",
]

#: Migrations by the version they reach; each runs in one transaction with its ``schema_version`` row.
MIGRATIONS: dict[int, list[str]] = {1: _V1, 2: _V2, 3: _V3}

#: Every table that holds rows of one article (``article_id``), for integrity checks and deletion.
ARTICLE_TABLES = ("minhashes", "actors", "mentions", "events", "quotes", "places", "dates", "quantities", "duplicates")

#: How every eventlens connection is opened: no file outside the database itself can be read or written from SQL
#: (``read_text``, ``read_csv``, ``COPY``, ``ATTACH``; exports are written by Python, not by DuckDB), no extension is
#: installed or loaded on demand, and SQL cannot turn these settings back on.
CONNECTION_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "lock_configuration": True,
}


@functools.cache
def expected_columns() -> dict[str, tuple[tuple[str, str], ...]]:
    """Table → its (column, type) pairs in order, as the migrations write them (read from an in-memory database)."""
    con = duckdb.connect(":memory:", config=CONNECTION_CONFIG)
    try:
        migrate(con)
        return table_columns(con)
    finally:
        con.close()


def table_columns(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[tuple[str, str], ...]]:
    """Table (or view) of the open database → its (column, type) pairs in order (from the catalog)."""
    rows = con.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_catalog = current_database() AND table_schema = 'main' ORDER BY table_name, ordinal_position"
    ).fetchall()
    out: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in rows:
        out.setdefault(str(table), []).append((str(column), str(kind)))
    return {table: tuple(columns) for table, columns in out.items()}


def catalog_problems(con: duckdb.DuckDBPyConnection, *, other_views: bool = True) -> list[str]:
    """What in the open database eventlens never writes: a view or other object in the place of one of its tables,
    a macro (it can shadow a built-in function such as ``lower``), and with ``other_views`` any other view.
    Empty for a database eventlens wrote. Reads only the catalog, never a table or a view."""
    names = set(expected_columns())
    problems: list[str] = []
    tables = con.execute(
        "SELECT table_name, table_type FROM information_schema.tables "
        "WHERE table_catalog = current_database() AND table_schema = 'main'"
    ).fetchall()
    for name, kind in sorted(tables):
        if kind != "BASE TABLE" and name in names:
            problems.append(f"{name} is a {str(kind).lower()}, not a table")
    views = con.execute(
        "SELECT view_name FROM duckdb_views() "
        "WHERE NOT internal AND NOT temporary AND database_name = current_database()"
    ).fetchall()
    for (name,) in sorted(views):
        if other_views and name not in names:
            problems.append(f"a view eventlens never writes: {name}")
    macros = con.execute(
        "SELECT DISTINCT function_name FROM duckdb_functions() WHERE NOT internal "
        "AND function_type IN ('macro', 'table_macro') AND database_name = current_database()"
    ).fetchall()
    if macros:
        names_ = ", ".join(sorted(str(m[0]) for m in macros))
        problems.append(f"macros eventlens never writes (they can shadow built-in functions): {names_}")
    return problems


def check_catalog(con: duckdb.DuckDBPyConnection) -> None:
    """Refuse a database holding what eventlens would read through and never writes (:func:`catalog_problems`): a
    view in the place of one of its tables, a macro. (A view of another name is never read: ``check`` reports it.)

    Raises:
        StoreError: naming the first problems; ``eventlens check`` lists them all.
    """
    problems = catalog_problems(con, other_views=False)
    if problems:
        raise StoreError(
            f"not an eventlens database as eventlens writes it: {'; '.join(problems[:3])} (see eventlens check)"
        )


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version of the open database (0 for an empty file)."""
    found = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'").fetchone()
    if not found or not found[0]:
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(con: duckdb.DuckDBPyConnection, *, target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to ``target``, one migration per transaction. Returns the version reached.

    Raises:
        StoreError: the database was written by a newer eventlens (its schema would be misread).
    """
    version = current_version(con)
    if version > target:
        raise StoreError(f"the database has schema version {version}; this eventlens reads up to {target}: upgrade it")
    for step in range(version + 1, target + 1):
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in MIGRATIONS[step]:
                con.execute(statement)
            con.execute("INSERT INTO schema_version (version) VALUES (?)", [step])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return target


def check_version(con: duckdb.DuckDBPyConnection) -> int:
    """The version of a database opened read-only; refuses one that is empty, older or newer than this eventlens."""
    version = current_version(con)
    if version == 0:
        raise StoreError("not an eventlens database (no schema_version table)")
    if version != SCHEMA_VERSION:
        hint = "open it once for writing (eventlens ingest) to migrate it" if version < SCHEMA_VERSION else "upgrade"
        raise StoreError(f"the database has schema version {version}, this eventlens uses {SCHEMA_VERSION}: {hint}")
    return version


__all__ = [
    "ARTICLE_TABLES",
    "CONNECTION_CONFIG",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "catalog_problems",
    "check_catalog",
    "check_version",
    "current_version",
    "expected_columns",
    "migrate",
    "table_columns",
]
