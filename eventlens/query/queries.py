"""The queries behind ``eventlens events|quotes|actors|stories|dyads`` and the ``/api`` routes (see the package doc)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from ..errors import QueryError
from ..store.rows import COLUMNS, event_from_row
from .filters import (
    Filters,
    Page,
    Where,
    article_level_where,
    check_limit,
    cursor_int,
    decode_cursor,
    encode_cursor,
    event_where,
    events_from,
    quote_where,
)
from .sql import ACTOR_KEY, EVENTS_JOINED, KNOWN_DYAD, QUAD_COUNTS, QUOTES_JOINED, SCORE_SQL, fetch_rows

Connection = duckdb.DuckDBPyConnection

_FAR_PAST = dt.date(1, 1, 1)


def _keyset_page(items: list[dict[str, Any]], limit: int, kind: str, key: tuple[str, ...]) -> Page:
    if len(items) <= limit:
        return Page(items)
    items = items[:limit]
    return Page(items, encode_cursor(kind, [items[-1][k] for k in key]))


def _offset(kind: str, cursor: str | None) -> int:
    key = decode_cursor(kind, cursor)
    if key is None:
        return 0
    if len(key) != 1:
        raise QueryError(f"invalid cursor for {kind}")
    return cursor_int(kind, key[0])


def _keyset(kind: str, cursor: str | None, seqs: int) -> tuple[dt.date, list[int]] | None:
    """The day and ``seqs`` sequence numbers a keyset cursor holds (``None`` for the first page)."""
    key = decode_cursor(kind, cursor)
    if key is None:
        return None
    if len(key) != 1 + seqs:
        raise QueryError(f"invalid cursor for {kind}")
    try:
        day = dt.date.fromisoformat(key[0]) if key[0] else _FAR_PAST
    except (TypeError, ValueError) as e:
        raise QueryError(f"invalid cursor for {kind}") from e
    return day, [cursor_int(kind, value) for value in key[1:]]


def _offset_page(items: list[dict[str, Any]], limit: int, kind: str, offset: int) -> Page:
    if len(items) <= limit:
        return Page(items)
    return Page(items[:limit], encode_cursor(kind, [offset + limit]))


# -- events -----------------------------------------------------------------------------------------------------
_EVENT_COLUMNS = ", ".join(f'e."{c}"' for c in COLUMNS["events"])


def _event_item(row: dict[str, Any]) -> dict[str, Any]:
    event = event_from_row(row).as_dict()
    # The sentence is read from the stored text when the record did not carry it: every row can be audited.
    if event["sentence"].get("text") is None:
        event["sentence"]["text"] = row["sentence"]
    return {
        **event,
        "article_id": row["article_id"],
        "day": row["day"],
        "counted": row["counted"],
        "article": {
            "title": row["title"],
            "url": row["url"],
            "source": row["source"],
            "published": row["published"],
            "story_id": row["story_id"],
        },
    }


#: The order events are listed in: newest day first (undated last), then article order. Pages follow it.
EVENT_ORDER = "coalesce(e.day, DATE '0001-01-01') DESC, a.seq, e.seq"


def event_page_where(filters: Filters, cursor: str | None) -> Where:
    """The conditions of one page of events in :data:`EVENT_ORDER`: ``filters``, and after ``cursor`` if given.

    Rows selected under it must carry ``day``, ``article_seq`` (``a.seq``) and ``seq`` for :func:`event_page`.
    """
    w = event_where(filters)
    key = _keyset("events", cursor, 2)
    if key is not None:
        day, [seq_article, seq] = key
        w.add(
            "(coalesce(e.day, ?) < ? OR (coalesce(e.day, ?) = ? AND (a.seq > ? OR (a.seq = ? AND e.seq > ?))))",
            _FAR_PAST, day, _FAR_PAST, day, seq_article, seq_article, seq,
        )  # fmt: skip
    return w


def event_page(rows: list[dict[str, Any]], limit: int) -> Page:
    """A page of ``limit`` events from ``limit + 1`` rows fetched under :func:`event_page_where`."""
    return _keyset_page(rows, limit, "events", ("day", "article_seq", "seq"))


def events(con: Connection, filters: Filters, *, limit: int = 50, cursor: str | None = None) -> Page:
    """Events matching ``filters``, newest day first (then article order), ``limit`` per page."""
    check_limit(limit)
    w = event_page_where(filters, cursor)
    sql = (
        f"SELECT {_EVENT_COLUMNS}, a.seq AS article_seq, a.title, a.url, a.source, a.published, a.story_id, "
        "substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence "
        f"{EVENTS_JOINED} WHERE {w.sql()} ORDER BY {EVENT_ORDER} LIMIT ?"
    )
    page = event_page(fetch_rows(con, sql, [*w.params, limit + 1]), limit)
    page.items = [_event_item(r) for r in page.items]
    return page


def count_events(con: Connection, filters: Filters) -> int:
    """How many events match (copies never counted, whatever ``include_copies`` says)."""
    w = event_where(_counted_only(filters))
    rows = fetch_rows(con, f"SELECT count(*) AS n {EVENTS_JOINED} WHERE {w.sql()}", w.params)
    return int(rows[0]["n"])


def _counted_only(filters: Filters) -> Filters:
    if not filters.include_copies:
        return filters
    return Filters(**{**filters.__dict__, "include_copies": False})


# -- quotes -----------------------------------------------------------------------------------------------------
def quotes(con: Connection, filters: Filters, *, limit: int = 50, cursor: str | None = None) -> Page:
    """Quotes with their speakers, newest article first."""
    check_limit(limit)
    w = quote_where(filters)
    key = _keyset("quotes", cursor, 2)
    if key is not None:
        day, [seq_article, seq] = key
        w.add(
            "(coalesce(a.published_day, ?) < ? OR (coalesce(a.published_day, ?) = ? "
            "AND (a.seq > ? OR (a.seq = ? AND q.seq > ?))))",
            _FAR_PAST, day, _FAR_PAST, day, seq_article, seq_article, seq,
        )  # fmt: skip
    sql = (
        'SELECT q.article_id, q.seq, q.text, q.start, q."end", q.kind, q.cue, q.speaker_present, q.speaker_name, '
        "q.speaker_code, q.speaker_sector, q.speaker_text, q.speaker_start, q.speaker_end, q.speaker_actor_id, "
        "q.counted, a.published_day AS day, a.seq AS article_seq, a.title, a.url, a.published, a.story_id "
        f"{QUOTES_JOINED} WHERE {w.sql()} "
        "ORDER BY coalesce(a.published_day, DATE '0001-01-01') DESC, a.seq, q.seq LIMIT ?"
    )
    rows = fetch_rows(con, sql, [*w.params, limit + 1])
    page = _keyset_page(rows, limit, "quotes", ("day", "article_seq", "seq"))
    page.items = [_quote_item(r) for r in page.items]
    return page


def _quote_item(r: dict[str, Any]) -> dict[str, Any]:
    speaker = None
    if r["speaker_present"]:
        speaker = {k: r[f"speaker_{k}"] for k in ("name", "code", "sector", "text", "start", "end", "actor_id")}
    return {
        "article_id": r["article_id"],
        "seq": r["seq"],
        "text": r["text"],
        "start": r["start"],
        "end": r["end"],
        "kind": r["kind"],
        "cue": r["cue"],
        "speaker": speaker,
        "day": r["day"],
        "counted": r["counted"],
        "article": {"title": r["title"], "url": r["url"], "published": r["published"], "story_id": r["story_id"]},
    }


# -- articles ---------------------------------------------------------------------------------------------------
def articles(con: Connection, filters: Filters, *, limit: int = 50, cursor: str | None = None) -> Page:
    """Articles (metadata, no text) matching ``filters``, newest first, with their counted events and copies."""
    check_limit(limit)
    w = article_level_where(filters)
    key = _keyset("articles", cursor, 1)
    if key is not None:
        day, [seq] = key
        w.add(
            "(coalesce(a.published_day, ?) < ? OR (coalesce(a.published_day, ?) = ? AND a.seq > ?))",
            _FAR_PAST, day, _FAR_PAST, day, seq,
        )  # fmt: skip
    sql = (
        "SELECT a.id, a.url, a.source, a.title, a.published, a.published_day AS day, a.language, a.n_chars, "
        "a.seq, a.story_id, a.duplicate_of, a.similarity, a.previous_version, a.superseded_by, "
        "(SELECT count(*) FROM events e WHERE e.article_id = a.id AND e.counted) AS n_events, "
        "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS n_quotes, "
        "(SELECT count(*) FROM duplicates d WHERE d.original_id = a.id) AS n_copies "
        f"FROM articles a WHERE {w.sql()} "
        "ORDER BY coalesce(a.published_day, DATE '0001-01-01') DESC, a.seq LIMIT ?"
    )
    rows = fetch_rows(con, sql, [*w.params, limit + 1])
    return _keyset_page(rows, limit, "articles", ("day", "seq"))


def article_detail(con: Connection, article_id: str) -> dict[str, Any] | None:
    """One article's full record (the contract's JSON), with its copies, versions and story; ``None`` if absent."""
    from ..record import Article
    from ..store.rows import rows_record, select_sql

    found = fetch_rows(
        con,
        "SELECT id, url, source, title, published, language, text, story_id, duplicate_of, similarity, "
        "previous_version, superseded_by FROM articles WHERE id = ?",
        [article_id],
    )
    if not found:
        return None
    meta = found[0]
    article = Article(
        id=meta["id"], url=meta["url"], source=meta["source"], title=meta["title"], published=meta["published"],
        language=meta["language"], text=meta["text"],
    )  # fmt: skip
    tables = {t: con.execute(select_sql(t), [article_id]).fetchall() for t in COLUMNS}
    record = rows_record(article, tables).as_dict()
    copies = fetch_rows(
        con,
        "SELECT d.article_id AS id, d.similarity, a.title, a.url, a.source, a.published FROM duplicates d "
        "JOIN articles a ON a.id = d.article_id WHERE d.original_id = ? ORDER BY a.seq",
        [article_id],
    )
    story = fetch_rows(con, "SELECT * FROM stories WHERE id = ?", [meta["story_id"]]) if meta["story_id"] else []
    if story:
        story[0].pop("features", None)
    return {
        **record,
        "story": story[0] if story else None,
        "duplicate_of": meta["duplicate_of"],
        "similarity": meta["similarity"],
        "previous_version": meta["previous_version"],
        "superseded_by": meta["superseded_by"],
        "copies": copies,
    }


# -- aggregates -------------------------------------------------------------------------------------------------
def actors(con: Connection, filters: Filters, *, limit: int = 50, cursor: str | None = None) -> Page:
    """Actors by counted events (as source and as recipient), most active first."""
    check_limit(limit)
    offset = _offset("actors", cursor)
    w = event_where(_counted_only(filters))
    sides = " UNION ALL ".join(
        f"SELECT {ACTOR_KEY.format(p=p)} AS key, e.{p}_name AS name, e.{p}_code AS code, e.{p}_sector AS sector, "
        f"'{p}' AS side, e.article_id {events_from(w)} "
        f"WHERE {w.sql()} AND {ACTOR_KEY.format(p=p)} IS NOT NULL"
        for p in ("actor", "recipient")
    )
    sql = (
        f"WITH sides AS ({sides}) SELECT key, mode(name) AS name, any_value(code) AS code, mode(sector) AS sector, "
        "count(*) AS n_events, count(*) FILTER (WHERE side = 'actor') AS as_actor, "
        "count(*) FILTER (WHERE side = 'recipient') AS as_recipient, count(DISTINCT article_id) AS n_articles "
        "FROM sides GROUP BY key ORDER BY n_events DESC, key LIMIT ? OFFSET ?"
    )
    rows = fetch_rows(con, sql, [*w.params, *w.params, limit + 1, offset])
    return _offset_page(rows, limit, "actors", offset)


def stories(con: Connection, filters: Filters, *, limit: int = 50, cursor: str | None = None) -> Page:
    """Stories with at least one matching article, largest first: label, days, articles, copies, events."""
    check_limit(limit)
    offset = _offset("stories", cursor)
    w = article_level_where(filters)
    sql = (
        "WITH members AS (SELECT a.id, a.story_id FROM articles a WHERE "
        f"{w.sql()}) SELECT s.id, s.label, s.headline, s.first_day, s.last_day, s.n_articles, s.n_copies, "
        "count(DISTINCT m.id) AS n_matching, "
        "(SELECT count(*) FROM events e JOIN articles b ON b.id = e.article_id "
        " WHERE b.story_id = s.id AND e.counted) AS n_events "
        "FROM stories s JOIN members m ON m.story_id = s.id "
        "GROUP BY s.id, s.label, s.headline, s.first_day, s.last_day, s.n_articles, s.n_copies "
        "ORDER BY s.n_articles DESC, n_events DESC, s.last_day DESC NULLS LAST, s.id LIMIT ? OFFSET ?"
    )
    rows = fetch_rows(con, sql, [*w.params, limit + 1, offset])
    return _offset_page(rows, limit, "stories", offset)


def dyads(
    con: Connection, filters: Filters, *, limit: int = 50, cursor: str | None = None, include_unknown: bool = False
) -> Page:
    """Actor → recipient pairs with counted events by quad class and the cooperation–conflict score.

    Only pairs of two different actor codes, unless ``include_unknown``: then also parties known by a name alone
    and self-pairs (USA → USA).
    """
    check_limit(limit)
    offset = _offset("dyads", cursor)
    w = event_where(_counted_only(filters))
    if not include_unknown:
        w.add(KNOWN_DYAD)
    a_key, r_key = ACTOR_KEY.format(p="actor"), ACTOR_KEY.format(p="recipient")
    sql = (
        f"SELECT {a_key} AS actor, {r_key} AS recipient, mode(e.actor_name) AS actor_name, "
        f"mode(e.recipient_name) AS recipient_name, count(*) AS n_events, {QUAD_COUNTS}, "
        f"round({SCORE_SQL}, 4) AS score, min(e.day) AS first_day, max(e.day) AS last_day "
        f"{events_from(w)} WHERE {w.sql()} "
        f"AND {a_key} IS NOT NULL AND {r_key} IS NOT NULL "
        "GROUP BY 1, 2 ORDER BY n_events DESC, actor, recipient LIMIT ? OFFSET ?"
    )
    rows = fetch_rows(con, sql, [*w.params, limit + 1, offset])
    return _offset_page(rows, limit, "dyads", offset)


def _series(con: Connection, w: Where) -> list[dict[str, Any]]:
    sql = (
        f"SELECT e.day AS day, count(*) AS n_events, {QUAD_COUNTS}, round({SCORE_SQL}, 4) AS score "
        f"{EVENTS_JOINED} WHERE {w.sql()} AND e.day IS NOT NULL "
        "GROUP BY e.day ORDER BY e.day"
    )
    return fetch_rows(con, sql, w.params)


def dyad_series(con: Connection, filters: Filters, *, actor: str, recipient: str) -> list[dict[str, Any]]:
    """Counted events per day from ``actor`` to ``recipient`` (code or name), by quad class, with the score."""
    w = event_where(_counted_only(filters))
    w.any_of("upper(e.actor_code) = upper(?) OR lower(e.actor_name) = lower(?)", (actor,))
    w.any_of("upper(e.recipient_code) = upper(?) OR lower(e.recipient_name) = lower(?)", (recipient,))
    return _series(con, w)


def timeline(con: Connection, filters: Filters) -> list[dict[str, Any]]:
    """Counted events per day matching ``filters``, by quad class, with the score."""
    return _series(con, event_where(_counted_only(filters)))


__all__ = [
    "EVENT_ORDER",
    "actors",
    "article_detail",
    "articles",
    "count_events",
    "dyad_series",
    "dyads",
    "event_page",
    "event_page_where",
    "events",
    "quotes",
    "stories",
    "timeline",
]
