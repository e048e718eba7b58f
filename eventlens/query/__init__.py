"""Queries shared by the CLI and the web API: filters, cursor pagination, events, quotes, actors, stories, dyads.

API (every function takes an open DuckDB connection, e.g. ``Store(path, read_only=True).con`` or a cursor)::

    Filters(text=None, actor=(), recipient=(), involving=(), types=(), quads=(), factualities=(), since=None,
            until=None, story=None, article=None, speaker=(), place=None, place_id=None, historical=None,
            include_copies=False)
    Page(items: list[dict], next_cursor: str | None)

    events(con, filters, *, limit=50, cursor=None) -> Page        newest day first; one dict per event
    quotes(con, filters, *, limit=50, cursor=None) -> Page        newest first; speaker filters by ``speaker``
    articles(con, filters, *, limit=50, cursor=None) -> Page      newest first; metadata, no text
    actors(con, filters, *, limit=50, cursor=None) -> Page        most active first (events as actor + recipient)
    stories(con, filters, *, limit=50, cursor=None) -> Page       largest first; label, days, sizes
    dyads(con, filters, *, limit=50, cursor=None, include_unknown=False) -> Page
                                                                  actor → recipient pairs with quad counts and score
    dyad_series(con, filters, *, actor, recipient) -> list[dict]  per day: counts by quad class, n, score
    timeline(con, filters) -> list[dict]                          per day: counts by quad class, n, score
    count_events(con, filters) -> int
    article_detail(con, article_id) -> dict | None                the record, its copies, versions and story

Rules every query follows:

- **Copies are not counted**: events and quotes of a syndicated copy, or of an article replaced by a newer version of
  the same URL, are left out (``include_copies=True`` shows them, e.g. for auditing); counts never include them.
- **Bound parameters only**: every filter value reaches DuckDB as a ``?`` parameter; SQL text is built only from
  fixed fragments chosen by which filters are set, never from a value (issue #8 tests injection in each filter).
- **Matching**: ``actor``/``recipient``/``involving``/``speaker`` values match a code exactly (``USA``, ``NATO``,
  case-insensitive) or a name containing the value (``Blinken``); several values mean any of them. ``text`` words
  must all appear in the article's title or text. ``since``/``until`` (inclusive) apply to the event's day: its own
  date when the text gives a day, else the publication day; for quotes and articles, the publication day.
- **Cursors** are opaque strings (URL-safe, ``[A-Za-z0-9_=-]``): pass a page's ``next_cursor`` back with the same
  filters to get the next page; a cursor from another kind of query is a :class:`~eventlens.errors.QueryError`.
- **Dyads** are pairs of two different actor codes: a party with no code (only a name, or none) and a self-pair
  (USA → USA) are left out of the ranking unless ``include_unknown=True``.
- **Cooperation–conflict score**: each event weighs +1 (material cooperation), +0.5 (verbal cooperation), −0.5
  (verbal conflict) or −1 (material conflict); a day's or a dyad's score is the mean, from −1 to +1.
"""

from __future__ import annotations

from .filters import MAX_LIMIT, Filters, Page, decode_cursor, encode_cursor
from .queries import (
    actors,
    article_detail,
    articles,
    count_events,
    dyad_series,
    dyads,
    events,
    quotes,
    stories,
    timeline,
)
from .sql import QUAD_WEIGHTS

__all__ = [
    "MAX_LIMIT",
    "QUAD_WEIGHTS",
    "Filters",
    "Page",
    "actors",
    "article_detail",
    "articles",
    "count_events",
    "decode_cursor",
    "dyad_series",
    "dyads",
    "encode_cursor",
    "events",
    "quotes",
    "stories",
    "timeline",
]
