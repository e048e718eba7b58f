"""What the pages and the API ask of the database, on top of :mod:`eventlens.query`.

Lists (events, quotes, articles, actors, stories, dyads) and the article detail come straight from
:mod:`eventlens.query`. The few aggregates a page draws that the query layer has no function for (articles per day,
events per place, scores per dyad and day, distinct counts, a flat export table) are here; they take their WHERE
clauses from the query layer's own builders (:func:`~eventlens.query.filters.event_where`,
:func:`~eventlens.query.filters.article_level_where`), so filter SQL is written once and every value stays a bound
parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import duckdb

from .. import query
from ..export.rows import flat_select
from ..query.filters import Where, article_level_where, event_where, events_from
from ..query.sql import (
    ACTOR_KEY,
    EVENTS_JOINED,
    QUAD_COUNTS,
    SCORE_SQL,
    fetch_rows,
    fetch_scalar,
    quad_counts,
    score_sql,
)
from ..record import QUADS
from .highlight import item_id
from .params import PageRequest, WebFilters

Connection = duckdb.DuckDBPyConnection


@dataclass
class Listing:
    """One page of a list: the items and the cursor of the next page."""

    items: list[dict[str, Any]]
    next: str | None


def to_filters(f: WebFilters) -> query.Filters:
    """The query layer's filters for a request's (already validated) filters.

    The dashboard's "actor" means either side of an event (or the speaker of a quote): ``involving``.
    """
    return query.Filters(
        text=f.q,
        involving=f.actors,
        types=f.types,
        quads=f.quads,
        factualities=f.factualities,
        since=f.since,
        until=f.until,
        story=f.story,
        place=f.place,
    )


def _listing(page: query.Page) -> Listing:
    return Listing(items=page.items, next=page.next_cursor)


def _rows(con: Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    """Rows with their dates as ``datetime.date``: the aggregates below bucket days by week."""
    return fetch_rows(con, sql, params, iso_dates=False)


# -- lists (the API) ----------------------------------------------------------------------------------------------
def articles(con: Connection, f: WebFilters, page: PageRequest) -> Listing:
    return _listing(query.articles(con, to_filters(f), limit=page.limit, cursor=page.cursor))


def events(con: Connection, f: WebFilters, page: PageRequest) -> Listing:
    return _listing(query.events(con, to_filters(f), limit=page.limit, cursor=page.cursor))


def quotes(con: Connection, f: WebFilters, page: PageRequest) -> Listing:
    return _listing(query.quotes(con, to_filters(f), limit=page.limit, cursor=page.cursor))


def actors(con: Connection, f: WebFilters, page: PageRequest) -> Listing:
    return _listing(query.actors(con, to_filters(f), limit=page.limit, cursor=page.cursor))


def stories(con: Connection, f: WebFilters, page: PageRequest) -> Listing:
    return _listing(query.stories(con, to_filters(f), limit=page.limit, cursor=page.cursor))


def dyads(con: Connection, f: WebFilters, page: PageRequest) -> Listing:
    return _listing(query.dyads(con, to_filters(f), limit=page.limit, cursor=page.cursor))


def article_detail(con: Connection, article_id: str) -> dict[str, Any] | None:
    """The full record (the record contract) plus ``story``, ``copies`` and version links."""
    return query.article_detail(con, article_id)


def count_articles(con: Connection) -> int:
    return fetch_scalar(con, "SELECT count(*) FROM articles", [])


# -- page views ---------------------------------------------------------------------------------------------------
def _dyad_row(d: dict[str, Any]) -> dict[str, Any]:
    return {
        "source": d["actor"],
        "target": d["recipient"],
        "source_name": d.get("actor_name"),
        "target_name": d.get("recipient_name"),
        "events": d["n_events"],
        "score": float(d["score"] or 0.0),
        "quads": {q: d.get(q, 0) for q in QUADS},
    }


#: The filtered events of a request, reduced to what the dashboard's aggregates read, computed once per query.
_FILTERED = (
    "WITH m AS MATERIALIZED (SELECT e.day AS day, e.quad AS quad, {a_key} AS s, {r_key} AS r {source} WHERE {where})"
)
#: The score over the reduced rows of ``m``, whose quad column is plain ``quad``.
_SCORE_M = score_sql("quad")


def _filtered(w: Where) -> str:
    return _FILTERED.format(
        a_key=ACTOR_KEY.format(p="actor"), r_key=ACTOR_KEY.format(p="recipient"), source=events_from(w), where=w.sql()
    )


#: Series longer than this many days are drawn per week (a page must stay small: 8 years of days is 3,000 bars).
MAX_DAYS = 400


def bucket_of(days: list[dt.date]) -> Callable[[dt.date], dt.date]:
    """Day → the day it is drawn on: itself, or the Monday of its week when the series spans over MAX_DAYS."""
    if days and (max(days) - min(days)).days > MAX_DAYS:
        return lambda d: d - dt.timedelta(days=d.weekday())
    return lambda d: d


def overview(con: Connection, f: WebFilters, *, top: int = 10) -> dict[str, Any]:
    """Counts, articles and events per day by quad class, and the most active dyads.

    Two queries: one over the filtered events (per day and quad, distinct actors, top dyads), one over the
    filtered articles (per day, distinct stories), each scanning its table once.
    """
    qf = to_filters(f)
    ew = event_where(qf)
    aw = article_level_where(qf)
    quads = quad_counts("quad")
    nulls = ", ".join(f"NULL AS {q}" for q in QUADS)
    sql = (
        f"{_filtered(ew)} "
        f"SELECT 'day' AS kind, day, quad, NULL AS s, NULL AS r, count(*) AS n, {nulls}, NULL AS score "
        "FROM m GROUP BY day, quad "
        f"UNION ALL SELECT 'actors', NULL, NULL, NULL, NULL, count(*), {nulls}, NULL FROM "
        "(SELECT s FROM m WHERE s IS NOT NULL UNION SELECT r FROM m WHERE r IS NOT NULL) "
        f"UNION ALL (SELECT 'dyad', NULL, NULL, s, r, count(*) AS n, {quads}, round({_SCORE_M}, 4) FROM m "
        "WHERE s IS NOT NULL AND r IS NOT NULL GROUP BY s, r ORDER BY n DESC, s, r LIMIT ?)"
    )
    counts = {"articles": 0, "events": 0, "actors": 0, "stories": 0}
    dyads = []
    event_days: list[dict[str, Any]] = []
    for row in _rows(con, sql, [*ew.params, top]):
        if row["kind"] == "actors":
            counts["actors"] = row["n"]
        elif row["kind"] == "dyad":
            dyads.append(_dyad_row({**row, "actor": row["s"], "recipient": row["r"], "n_events": row["n"]}))
        else:
            counts["events"] += row["n"]
            if row["day"] is not None:
                event_days.append(row)
    sql = (
        f"WITH m AS MATERIALIZED (SELECT a.published_day AS day, a.story_id FROM articles a WHERE {aw.sql()}) "
        "SELECT day, count(*) AS n, count(DISTINCT story_id) AS stories, GROUPING(day) AS total "
        "FROM m GROUP BY GROUPING SETS ((day), ())"
    )
    article_days: list[dict[str, Any]] = []
    for row in _rows(con, sql, aw.params):
        if row["total"]:
            counts["articles"], counts["stories"] = row["n"], row["stories"]
        elif row["day"] is not None:
            article_days.append(row)
    bucket = bucket_of([r["day"] for r in event_days + article_days])
    per_day: dict[dt.date, dict[str, Any]] = {}

    def entry(day: dt.date) -> dict[str, Any]:
        key = bucket(day)
        return per_day.setdefault(key, {"day": key.isoformat(), "articles": 0, "events": 0, "quads": {}})

    for row in event_days:
        e = entry(row["day"])
        e["events"] += row["n"]
        e["quads"][row["quad"]] = e["quads"].get(row["quad"], 0) + row["n"]
    for row in article_days:
        entry(row["day"])["articles"] += row["n"]
    dyads.sort(key=lambda d: (-d["events"], d["source"], d["target"]))
    return {"counts": counts, "series": [per_day[d] for d in sorted(per_day)], "dyads": dyads}


def top_dyads(con: Connection, w: Where, *, limit: int) -> list[dict[str, Any]]:
    """The ``limit`` busiest dyads under ``w``, shaped like :func:`eventlens.query.dyads` items."""
    a_key, r_key = ACTOR_KEY.format(p="actor"), ACTOR_KEY.format(p="recipient")
    sql = (
        f"SELECT {a_key} AS actor, {r_key} AS recipient, any_value(e.actor_name) AS actor_name, "
        f"any_value(e.recipient_name) AS recipient_name, count(*) AS n_events, {QUAD_COUNTS}, "
        f"round({SCORE_SQL}, 4) AS score {events_from(w)} WHERE {w.sql()} AND {a_key} IS NOT NULL "
        f"AND {r_key} IS NOT NULL GROUP BY 1, 2 ORDER BY n_events DESC, actor, recipient LIMIT ?"
    )
    return _rows(con, sql, [*w.params, limit])


def _count_actors(con: Connection, w: Where) -> int:
    keys = [ACTOR_KEY.format(p=p) for p in ("actor", "recipient")]
    src = events_from(w)
    sides = " UNION ".join(f"SELECT {k} AS key {src} WHERE {w.sql()} AND {k} IS NOT NULL" for k in keys)
    return fetch_scalar(con, f"SELECT count(*) FROM ({sides})", [*w.params, *w.params])


def timeline(
    con: Connection, f: WebFilters, *, max_events: int, max_dyads: int = 12, max_rows: int = 30
) -> dict[str, Any]:
    """The newest ``max_events`` events (one dot each), their dyads as rows, and each dyad's score per day."""
    qf = to_filters(f)
    w = event_where(qf)
    # The newest events first, then their titles: the join runs on ``max_events`` rows, not on all of them.
    sql = (
        "WITH top AS (SELECT e.article_id, e.id, e.seq, e.day, e.type, e.mode, e.quad, e.factuality, e.historical, "
        "coalesce(e.actor_code, e.actor_name) AS source, coalesce(e.recipient_code, e.recipient_name) AS target "
        f"{events_from(w)} WHERE {w.sql()} ORDER BY e.day DESC NULLS LAST, e.article_id, e.seq LIMIT ?) "
        "SELECT top.*, a.title FROM top JOIN articles a ON a.id = top.article_id "
        "ORDER BY top.day DESC NULLS LAST, top.article_id, top.seq"
    )
    found = _rows(con, sql, [*w.params, max_events + 1])
    items = [
        {
            "id": e["id"],
            "item": item_id("ev", e["id"]),
            "article_id": e["article_id"],
            "title": e["title"],
            "day": e["day"].isoformat() if e["day"] else None,
            "dyad": f"{e['source'] or '?'} → {e['target'] or '?'}",
            "type": e["type"],
            "mode": e["mode"],
            "quad": e["quad"],
            "factuality": e["factuality"],
            "historical": e["historical"],
        }
        for e in found[:max_events]
    ]
    counts: dict[str, int] = {}
    for i in items:
        if i["day"]:
            counts[i["dyad"]] = counts.get(i["dyad"], 0) + 1
    # The chart has one row per dyad: the busiest ``max_rows`` of them (the table below lists every event).
    rows = sorted(counts, key=lambda d: (-counts[d], d))[:max_rows]
    return {
        "events": items,
        "rows": rows,
        "scores": dyad_scores(con, w, limit=max_dyads),
        "truncated": len(found) > max_events,
    }


def dyad_scores(con: Connection, w: Where, *, limit: int) -> list[dict[str, Any]]:
    """The ``limit`` busiest dyads under ``w`` and each one's cooperation–conflict score per day (one query)."""
    sql = (
        f"{_filtered(w)}, top AS (SELECT s, r, count(*) AS n FROM m WHERE s IS NOT NULL AND r IS NOT NULL "
        "GROUP BY s, r ORDER BY n DESC, s, r LIMIT ?) "
        f"SELECT m.s, m.r, any_value(top.n) AS total, m.day, round({_SCORE_M}, 4) AS score, count(*) AS n "
        "FROM m JOIN top ON top.s = m.s AND top.r = m.r WHERE m.day IS NOT NULL GROUP BY m.s, m.r, m.day"
    )
    rows = _rows(con, sql, [*w.params, limit])
    bucket = bucket_of([row["day"] for row in rows])
    # Per drawn day (or week): the score is the mean over its events, so buckets weigh days by their events.
    sums: dict[tuple[str, str], dict[dt.date, list[float]]] = {}
    totals: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row["s"], row["r"])
        totals[key] = row["total"]
        acc = sums.setdefault(key, {}).setdefault(bucket(row["day"]), [0.0, 0])
        acc[0] += float(row["score"]) * row["n"]
        acc[1] += row["n"]
    order = sorted(sums, key=lambda k: (-totals[k], k))
    return [
        {
            "dyad": f"{a} → {r}",
            "points": [
                {"day": day.isoformat(), "score": round(total / n, 4), "events": int(n)}
                for day, (total, n) in sorted(sums[(a, r)].items())
            ],
        }
        for a, r in order
    ]


def network(con: Connection, f: WebFilters, *, max_edges: int) -> dict[str, Any]:
    """Actors as nodes and the most active dyads as edges (events, score)."""
    found = top_dyads(con, event_where(to_filters(f)), limit=max_edges + 1)
    edges = [_dyad_row(d) for d in found[:max_edges]]
    nodes: dict[str, dict[str, Any]] = {}
    for e in edges:
        for key, name in ((e["source"], e["source_name"]), (e["target"], e["target_name"])):
            node = nodes.setdefault(key, {"id": key, "label": key, "name": name, "events": 0})
            node["events"] += e["events"]
    return {"nodes": list(nodes.values()), "edges": edges, "truncated": len(found) > max_edges}


def map_points(con: Connection, f: WebFilters, *, max_points: int) -> dict[str, Any]:
    """Event locations with coordinates: one point per place, with its event count and mean score."""
    w = event_where(to_filters(f))
    sql = (
        "SELECT e.location_name AS name, any_value(e.location_country) AS country, avg(e.location_lat) AS lat, "
        f"avg(e.location_lon) AS lon, count(*) AS events, round({SCORE_SQL}, 4) AS score {events_from(w)} "
        f"WHERE {w.sql()} AND e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL "
        "GROUP BY e.location_name ORDER BY events DESC, name LIMIT ?"
    )
    rows = _rows(con, sql, [*w.params, max_points + 1])
    points = [{**r, "score": float(r["score"] or 0.0)} for r in rows[:max_points]]
    return {"points": points, "truncated": len(rows) > max_points}


def export_query(f: WebFilters, *, max_rows: int) -> tuple[str, list[Any]]:
    """SQL and parameters of the events matching ``f`` (newest first), at most ``max_rows`` rows, with the flat event
    table's columns (:mod:`eventlens.export.rows`, as ``eventlens export --format csv``): the exports stream its
    result in batches, never as a whole table (#16)."""
    w = event_where(to_filters(f))
    order = "ORDER BY e.day DESC NULLS LAST, a.seq, e.seq"
    return f"SELECT {flat_select()} {EVENTS_JOINED} WHERE {w.sql()} {order} LIMIT ?", [*w.params, max_rows]


def export_count(con: Connection, f: WebFilters, *, max_rows: int) -> int:
    """How many events an export of ``f`` holds, counting no further than ``max_rows``."""
    w = event_where(to_filters(f))
    return fetch_scalar(
        con, f"SELECT count(*) FROM (SELECT 1 {EVENTS_JOINED} WHERE {w.sql()} LIMIT ?)", [*w.params, max_rows]
    )


__all__ = [
    "Listing",
    "actors",
    "article_detail",
    "articles",
    "count_articles",
    "dyad_scores",
    "dyads",
    "events",
    "events_from",
    "export_count",
    "export_query",
    "map_points",
    "network",
    "overview",
    "quotes",
    "stories",
    "timeline",
    "to_filters",
    "top_dyads",
]
