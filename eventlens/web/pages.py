"""Server-rendered pages: overview, timeline, actor network, map, articles, quotes, actors, the article reader,
and exports.

Each page is one request: the server renders the tables and embeds the chart data as JSON
(``<script type="application/json">``, never executed), and a small script of ours draws it with the libraries
the app serves. The shared filters come from the URL, so a view can be shared by its link.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..query.sql import QUAD_WEIGHTS
from ..record import FACTUALITIES, PLOVER_TYPES, QUADS
from . import data
from .errors import NotFound
from .exports import EXPORT_FORMATS, export_response
from .highlight import event_item, highlight, item_id
from .params import CURSOR_PATTERN, ID_PATTERN, PageRequest, WebFilters, filter_params, page_params

router = APIRouter(include_in_schema=False)

Filters = Annotated[WebFilters, Depends(filter_params)]

NAV = (
    ("", "Overview"),
    ("timeline", "Timeline"),
    ("network", "Network"),
    ("map", "Map"),
    ("articles", "Articles"),
    ("quotes", "Quotes"),
    ("actors", "Actors"),
)

#: Bounds on what one page draws. The timeline's table pages through every event (``TIMELINE_PAGE`` at a time) and
#: its chart aggregates all of them; the network and the map say when they show only the most active.
TIMELINE_PAGE = 100
NETWORK_EDGES = 150
MAP_POINTS = 2000

#: What the filter bar calls each URL parameter.
FILTER_LABELS = {
    "q": "search",
    "actor": "actor",
    "recipient": "recipient",
    "type": "type",
    "quad": "quad class",
    "factuality": "factuality",
    "since": "from",
    "until": "to",
    "story": "story",
    "place": "place",
    "place_id": "place",
    "include_unknown": "dyads",
}


def active_filters(request: Request, f: WebFilters, path: str) -> list[dict[str, str]]:
    """Every filter in force, each with the link that removes it (and keeps the others)."""
    pairs = f.query_pairs()
    chips = []
    for i, (key, value) in enumerate(pairs):
        shown = value.replace("_", " ") if key in ("quad", "factuality") else value
        if key == "place_id" and f.place_id is not None:
            with request.app.state.db.reading() as con:
                name = data.place_name(con, f.place_id)
            shown = f"{name or 'GeoNames ' + value} (exactly)"
        elif key == "include_unknown":
            shown = "with unknown parties and self-pairs"
        rest = pairs[:i] + pairs[i + 1 :]
        chips.append({"key": key, "label": FILTER_LABELS.get(key, key), "value": shown, "remove": path + _query(rest)})
    return chips


def _query(pairs: list[tuple[str, str]]) -> str:
    return "?" + urlencode(pairs) if pairs else ""


def toggle_unknown(f: WebFilters, path: str) -> str:
    """The current view's link with unknown parties and self-pairs shown (or hidden again)."""
    pairs = [p for p in f.query_pairs() if p[0] != "include_unknown"]
    if not f.include_unknown:
        pairs.append(("include_unknown", "1"))
    return path + _query(pairs)


def relink(f: WebFilters, path: str, key: str, value: str) -> str:
    """``path`` with the current filters, ``key`` set to ``value`` alone (e.g. an actor's timeline)."""
    return path + _query([p for p in f.query_pairs() if p[0] != key] + [(key, value)])


def render(request: Request, template: str, page: str, f: WebFilters, **context: Any) -> Response:
    """Render ``template`` with what every page shares: navigation, the filter form and the filters in force
    (each removable), the filters' query string."""
    path = "/" if page == "overview" else f"/{page}"
    base = {
        "page": page,
        "nav": NAV,
        "f": f,
        "qs": f.query_string(),
        "form_action": path,
        "show_filters": True,
        "chips": active_filters(request, f, path),
        "toggle_unknown": toggle_unknown(f, path),
        "relink": lambda to, key, value: relink(f, to, key, value),
        "plover_types": PLOVER_TYPES,
        "factualities": FACTUALITIES,
        "quads": QUADS,
        "weights": QUAD_WEIGHTS,
    }
    response: Response = request.app.state.templates.TemplateResponse(request, template, {**base, **context})
    return response


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, f: Filters) -> Response:
    with request.app.state.db.reading() as con:
        view = data.overview(con, f)
    return render(request, "overview.html", "overview", f, counts=view["counts"], dyads=view["dyads"], data=view)


@router.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request, f: Filters, cursor: Annotated[str | None, Query(pattern=CURSOR_PATTERN)] = None
) -> Response:
    with request.app.state.db.reading() as con:
        view = data.timeline(con, f, PageRequest(limit=TIMELINE_PAGE, cursor=cursor))
    next_url = f"/timeline{f.query_string(cursor=view['next'])}" if view["next"] else None
    return render(
        request,
        "timeline.html",
        "timeline",
        f,
        data=view,
        next_url=next_url,
        first_page=cursor is None,
        page_size=TIMELINE_PAGE,
    )


@router.get("/network", response_class=HTMLResponse)
def network(request: Request, f: Filters) -> Response:
    with request.app.state.db.reading() as con:
        view = data.network(con, f, max_edges=NETWORK_EDGES)
    return render(
        request, "network.html", "network", f, data=view, dyads=view["edges"][:25], truncated=view["truncated"]
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, f: Filters) -> Response:
    with request.app.state.db.reading() as con:
        view = data.map_points(con, f, max_points=MAP_POINTS)
    return render(request, "map.html", "map", f, data=view, truncated=view["truncated"])


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, f: Filters, page: Annotated[PageRequest, Depends(page_params)]) -> Response:
    with request.app.state.db.reading() as con:
        listing = data.articles(con, f, page)
    next_url = f"/articles{f.query_string(cursor=listing.next)}" if listing.next else None
    return render(request, "articles.html", "articles", f, articles=listing.items, next_url=next_url)


@router.get("/quotes", response_class=HTMLResponse)
def quotes(request: Request, f: Filters, page: Annotated[PageRequest, Depends(page_params)]) -> Response:
    with request.app.state.db.reading() as con:
        listing = data.quotes(con, f, page)
    next_url = f"/quotes{f.query_string(cursor=listing.next)}" if listing.next else None
    # Quotes have no recipient, type, quad class or factuality: say so rather than show an unexplained empty list.
    event_only = [c for c in active_filters(request, f, "/quotes") if c["key"] in EVENT_ONLY]
    return render(request, "quotes.html", "quotes", f, quotes=listing.items, next_url=next_url, event_only=event_only)


#: Filters that only events have.
EVENT_ONLY = ("recipient", "type", "quad", "factuality")


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, f: Filters, page: Annotated[PageRequest, Depends(page_params)]) -> Response:
    with request.app.state.db.reading() as con:
        listing = data.actors(con, f, page)
        latest = data.latest_events(con, f, [a["key"] for a in listing.items])
    next_url = f"/actors{f.query_string(cursor=listing.next)}" if listing.next else None
    return render(request, "actors.html", "actors", f, actors=listing.items, latest=latest, next_url=next_url)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def reader(
    request: Request,
    f: Filters,
    article_id: Annotated[str, Path(pattern=ID_PATTERN)],
    event: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
    quote: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
) -> Response:
    with request.app.state.db.reading() as con:
        detail = data.article_detail(con, article_id)
    if detail is None:
        raise NotFound(f"no article with id {article_id}")
    record = detail  # the record contract's keys, plus story, copies and version links
    active = item_id("ev", event) if event else item_id("q", quote) if quote is not None else None
    return render(
        request,
        "article.html",
        "articles",
        f,
        article=record["article"],
        record=record,
        segments=highlight(record, active=active),
        copies=detail.get("copies") or [],
        story=detail.get("story"),
        **side_panel(record),
    )


def _date_label(date: dict[str, Any] | None) -> str | None:
    """An event's date as the reader shows it: an undated past event is "on or before" the publication day, not on
    it; an undated planned one shows no date."""
    date = date or {}
    if date.get("granularity") == "on_or_before_publication" and date.get("value"):
        return f"on or before {date['value']}"
    value: str | None = date.get("value")
    return value


def side_panel(record: dict[str, Any]) -> dict[str, Any]:
    """What the reader lists beside the text, each entry with the item id of its spans."""
    events = []
    for i, e in enumerate(record.get("events") or []):
        actor, recipient = e.get("actor") or {}, e.get("recipient") or {}
        events.append(
            {
                "item": event_item(e, i),
                "type": e.get("type"),
                "quad": e.get("quad"),
                "factuality": e.get("factuality"),
                "historical": e.get("historical"),
                "source": actor.get("code") or actor.get("name") or actor.get("text"),
                "target": recipient.get("code") or recipient.get("name") or recipient.get("text"),
                "date": _date_label(e.get("date")),
                "place": (e.get("location") or {}).get("name"),
            }
        )
    quotes = [
        {
            "item": item_id("q", i),
            "speaker": (q.get("speaker") or {}).get("name") or (q.get("speaker") or {}).get("text"),
            "kind": q.get("kind"),
            "text": q.get("text") or "",
        }
        for i, q in enumerate(record.get("quotes") or [])
    ]
    actors = [
        {
            "item": item_id("a", i),
            "name": a.get("name"),
            "code": a.get("code"),
            "sector": a.get("sector"),
            "mentions": len(a.get("mentions") or []),
        }
        for i, a in enumerate(record.get("actors") or [])
    ]
    places = [
        {
            "item": item_id("p", i),
            "text": p.get("text"),
            "note": " ".join(str(x) for x in (p.get("name"), p.get("country")) if x),
        }
        for i, p in enumerate(record.get("places") or [])
    ]
    dates = [
        {"item": item_id("d", i), "text": d.get("text"), "note": d.get("value") or ""}
        for i, d in enumerate(record.get("dates") or [])
    ]
    quantities = [
        {
            "item": item_id("n", i),
            "text": q.get("text"),
            "note": f"{q.get('value')} {q.get('counted') or q.get('unit') or ''}",
        }
        for i, q in enumerate(record.get("quantities") or [])
    ]
    others = [("Places", "places", places), ("Dates", "dates", dates), ("Quantities", "quantities", quantities)]
    return {"events": events, "quotes": quotes, "actors": actors, "others": others}


@router.get("/export.{fmt}")
def export(
    request: Request, f: Filters, fmt: Annotated[str, Path(pattern=f"^({'|'.join(EXPORT_FORMATS)})$")]
) -> Response:
    """The events of the current filter as a file (CSV, JSON or Parquet)."""
    return export_response(request.app.state.db, request.app.state.exports, f, fmt)


__all__ = ["router"]
