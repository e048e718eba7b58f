"""What the pages and the API ask of the database, on top of :mod:`eventlens.query`.

Lists (events, quotes, articles, actors, stories, dyads) and the article detail come straight from
:mod:`eventlens.query`. The few aggregates a page draws that the query layer has no function for (articles per day,
events per place, scores per dyad and day, distinct counts, a flat export table) are here; they take their WHERE
clauses from the query layer's own builders (:func:`~eventlens.query.filters.event_where`,
:func:`~eventlens.query.filters.article_level_where`), so filter SQL is written once and every value stays a bound
parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from .. import query
from ..query.filters import Where, article_level_where, event_where
from ..record import QUADS
from .highlight import item_id
from .params import Page, WebFilters

Connection = duckdb.DuckDBPyConnection

_ACTOR_KEY = "coalesce(e.{p}_code, e.{p}_name)"
_SCORE = (
    "avg(CASE e.quad WHEN 'material_cooperation' THEN 1.0 WHEN 'verbal_cooperation' THEN 0.5 "
    "WHEN 'verbal_conflict' THEN -0.5 WHEN 'material_conflict' THEN -1.0 END)"
)
_EVENTS_FROM = "FROM events e JOIN articles a ON a.id = e.article_id"


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
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _scalar(con: Connection, sql: str, params: list[Any]) -> int:
    row = con.execute(sql, params).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


# -- lists (the API) ----------------------------------------------------------------------------------------------
def articles(con: Connection, f: WebFilters, page: Page) -> Listing:
    return _listing(query.articles(con, to_filters(f), limit=page.limit, cursor=page.cursor))


def events(con: Connection, f: WebFilters, page: Page) -> Listing:
    return _listing(query.events(con, to_filters(f), limit=page.limit, cursor=page.cursor))


def quotes(con: Connection, f: WebFilters, page: Page) -> Listing:
    return _listing(query.quotes(con, to_filters(f), limit=page.limit, cursor=page.cursor))


def actors(con: Connection, f: WebFilters, page: Page) -> Listing:
    return _listing(query.actors(con, to_filters(f), limit=page.limit, cursor=page.cursor))


def stories(con: Connection, f: WebFilters, page: Page) -> Listing:
    return _listing(query.stories(con, to_filters(f), limit=page.limit, cursor=page.cursor))


def dyads(con: Connection, f: WebFilters, page: Page) -> Listing:
    return _listing(query.dyads(con, to_filters(f), limit=page.limit, cursor=page.cursor))


def article_detail(con: Connection, article_id: str) -> dict[str, Any] | None:
    """The full record (the record contract) plus ``story``, ``copies`` and version links."""
    return query.article_detail(con, article_id)


def count_articles(con: Connection) -> int:
    return _scalar(con, "SELECT count(*) FROM articles", [])


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


def overview(con: Connection, f: WebFilters) -> dict[str, Any]:
    """Counts, articles and events per day by quad class, and the most active dyads."""
    qf = to_filters(f)
    ew = event_where(qf)
    aw = article_level_where(qf)
    counts = {
        "articles": _scalar(con, f"SELECT count(*) FROM articles a WHERE {aw.sql()}", aw.params),
        "events": query.count_events(con, qf),
        "actors": _count_actors(con, ew),
        "stories": _scalar(con, f"SELECT count(DISTINCT a.story_id) FROM articles a WHERE {aw.sql()}", aw.params),
    }
    per_day: dict[str, dict[str, Any]] = {}
    for row in query.timeline(con, qf):
        per_day[str(row["day"])] = {
            "day": str(row["day"]),
            "articles": 0,
            "events": row["n_events"],
            "quads": {q: row.get(q, 0) for q in QUADS},
        }
    sql = (
        f"SELECT a.published_day AS day, count(*) AS n FROM articles a WHERE {aw.sql()} "
        "AND a.published_day IS NOT NULL GROUP BY 1"
    )
    for row in _rows(con, sql, aw.params):
        day = row["day"].isoformat()
        per_day.setdefault(day, {"day": day, "articles": 0, "events": 0, "quads": {}})["articles"] = row["n"]
    top = query.dyads(con, qf, limit=10).items
    return {
        "counts": counts,
        "series": [per_day[d] for d in sorted(per_day)],
        "dyads": [_dyad_row(d) for d in top],
    }


def _count_actors(con: Connection, w: Where) -> int:
    keys = [_ACTOR_KEY.format(p=p) for p in ("actor", "recipient")]
    sides = " UNION ".join(f"SELECT {k} AS key {_EVENTS_FROM} WHERE {w.sql()} AND {k} IS NOT NULL" for k in keys)
    return _scalar(con, f"SELECT count(*) FROM ({sides})", [*w.params, *w.params])


def timeline(
    con: Connection, f: WebFilters, *, max_events: int, max_dyads: int = 12, max_rows: int = 30
) -> dict[str, Any]:
    """The newest ``max_events`` events (one dot each), their dyads as rows, and each dyad's score per day."""
    qf = to_filters(f)
    page = query.events(con, qf, limit=max_events)
    items = []
    for e in page.items:
        actor, recipient = e.get("actor") or {}, e.get("recipient") or {}
        source = actor.get("code") or actor.get("name") or "?"
        target = recipient.get("code") or recipient.get("name") or "?"
        items.append(
            {
                "id": e["id"],
                "item": item_id("ev", e["id"]),
                "article_id": e["article_id"],
                "title": (e.get("article") or {}).get("title"),
                "day": e.get("day"),
                "dyad": f"{source} → {target}",
                "type": e["type"],
                "mode": e.get("mode"),
                "quad": e["quad"],
                "factuality": e["factuality"],
                "historical": e.get("historical"),
            }
        )
    counts: dict[str, int] = {}
    for i in items:
        if i["day"]:
            counts[i["dyad"]] = counts.get(i["dyad"], 0) + 1
    # The chart has one row per dyad: the busiest ``max_rows`` of them (the table below lists every event).
    rows = sorted(counts, key=lambda d: (-counts[d], d))[:max_rows]
    top = query.dyads(con, qf, limit=max_dyads).items
    return {
        "events": items,
        "rows": rows,
        "scores": dyad_scores(con, qf, [(d["actor"], d["recipient"]) for d in top]),
        "truncated": page.next_cursor is not None,
    }


def dyad_scores(con: Connection, qf: query.Filters, pairs: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Per dyad in ``pairs`` and per day: the cooperation–conflict score (one query for all of them)."""
    if not pairs:
        return []
    w = event_where(qf)
    a_key, r_key = _ACTOR_KEY.format(p="actor"), _ACTOR_KEY.format(p="recipient")
    match = " OR ".join(f"({a_key} = ? AND {r_key} = ?)" for _ in pairs)
    params = [v for pair in pairs for v in pair]
    sql = (
        f"SELECT {a_key} AS actor, {r_key} AS recipient, e.day AS day, round({_SCORE}, 4) AS score, count(*) AS n "
        f"{_EVENTS_FROM} WHERE {w.sql()} AND e.day IS NOT NULL AND ({match}) GROUP BY 1, 2, 3 ORDER BY 3"
    )
    series: dict[tuple[str, str], list[dict[str, Any]]] = {pair: [] for pair in pairs}
    for row in _rows(con, sql, [*w.params, *params]):
        series[(row["actor"], row["recipient"])].append(
            {"day": row["day"].isoformat(), "score": float(row["score"]), "events": row["n"]}
        )
    return [{"dyad": f"{a} → {r}", "points": points} for (a, r), points in series.items() if points]


def network(con: Connection, f: WebFilters, *, max_edges: int) -> dict[str, Any]:
    """Actors as nodes and the most active dyads as edges (events, score)."""
    page = query.dyads(con, to_filters(f), limit=max_edges)
    edges = [_dyad_row(d) for d in page.items]
    nodes: dict[str, dict[str, Any]] = {}
    for e in edges:
        for key, name in ((e["source"], e["source_name"]), (e["target"], e["target_name"])):
            node = nodes.setdefault(key, {"id": key, "label": key, "name": name, "events": 0})
            node["events"] += e["events"]
    return {"nodes": list(nodes.values()), "edges": edges, "truncated": page.next_cursor is not None}


def map_points(con: Connection, f: WebFilters, *, max_points: int) -> dict[str, Any]:
    """Event locations with coordinates: one point per place, with its event count and mean score."""
    w = event_where(to_filters(f))
    sql = (
        "SELECT e.location_name AS name, any_value(e.location_country) AS country, avg(e.location_lat) AS lat, "
        f"avg(e.location_lon) AS lon, count(*) AS events, round({_SCORE}, 4) AS score {_EVENTS_FROM} "
        f"WHERE {w.sql()} AND e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL "
        "GROUP BY e.location_name ORDER BY events DESC, name LIMIT ?"
    )
    rows = _rows(con, sql, [*w.params, max_points + 1])
    points = [{**r, "score": float(r["score"] or 0.0)} for r in rows[:max_points]]
    return {"points": points, "truncated": len(rows) > max_points}


#: Columns of the dashboard's export: flat, one event a row, with its article and sentence offsets.
EXPORT_COLUMNS = (
    "e.article_id, e.id AS event_id, e.day, e.type, e.mode, e.quad, e.factuality, e.historical, "
    "e.actor_name, e.actor_code, e.actor_sector, e.actor_text, e.recipient_name, e.recipient_code, "
    "e.recipient_sector, e.recipient_text, e.location_name, e.location_country, e.location_lat, e.location_lon, "
    "e.dead, e.injured, e.arrested, e.troops, e.money_usd, e.trigger_text, e.trigger_start, e.trigger_end, "
    "e.sentence_start, e.sentence_end, "
    "substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence, "
    "a.title AS article_title, a.url AS article_url, a.source AS article_source, a.published AS article_published, "
    "a.story_id"
)


def export_table(con: Connection, f: WebFilters, *, max_rows: int) -> pa.Table:
    """The events matching ``f`` as an Arrow table (newest first), at most ``max_rows`` rows."""
    w = event_where(to_filters(f))
    sql = f"SELECT {EXPORT_COLUMNS} {_EVENTS_FROM} WHERE {w.sql()} ORDER BY e.day DESC NULLS LAST, a.seq, e.seq LIMIT ?"
    table: pa.Table = con.sql(sql, params=[*w.params, max_rows]).to_arrow_table()
    return table


__all__ = [
    "EXPORT_COLUMNS",
    "Listing",
    "actors",
    "article_detail",
    "articles",
    "count_articles",
    "dyad_scores",
    "dyads",
    "events",
    "export_table",
    "map_points",
    "network",
    "overview",
    "quotes",
    "stories",
    "timeline",
    "to_filters",
]
