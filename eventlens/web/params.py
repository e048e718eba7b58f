"""Query parameters shared by every page and API route, validated before anything reaches the database.

Every value is typed and bounded here (lengths, counts, enumerations, dates, a strict pattern for ids and cursors);
the query layer then passes each one to DuckDB as a bound parameter, never as SQL text (issue #8).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Query

from ..record import FACTUALITIES, ID_PATTERN, PLOVER_TYPES, QUADS, Factuality, PloverType, Quad

#: Most items one API page returns; a client asking for more gets 422, not a huge response.
MAX_LIMIT = 500
DEFAULT_LIMIT = 50
#: Free text (search words, actor names): long enough for any name, short enough to bound the work.
MAX_TEXT = 200
#: Repeated parameters (``actor=USA&actor=RUS``).
MAX_REPEAT = 10

CURSOR_PATTERN = r"^[A-Za-z0-9_=-]{1,512}$"


Text = Annotated[str, Query(min_length=1, max_length=MAX_TEXT)]


@dataclass(frozen=True)
class WebFilters:
    """The filters of a request, already validated. Empty means "any"."""

    q: str | None = None
    actors: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    quads: tuple[str, ...] = ()
    factualities: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    story: str | None = None
    place: str | None = None
    place_id: int | None = None
    include_unknown: bool = False
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def actor_text(self) -> str:
        return ", ".join(self.actors)

    @property
    def recipient_text(self) -> str:
        return ", ".join(self.recipients)

    def is_empty(self) -> bool:
        return not self.query_pairs()

    def query_pairs(self) -> list[tuple[str, str]]:
        """The filters as URL query pairs (what the filter form would send)."""
        pairs: list[tuple[str, str]] = []
        if self.q:
            pairs.append(("q", self.q))
        pairs += [("actor", a) for a in self.actors]
        pairs += [("recipient", a) for a in self.recipients]
        pairs += [("type", t) for t in self.types]
        pairs += [("quad", t) for t in self.quads]
        pairs += [("factuality", t) for t in self.factualities]
        if self.since:
            pairs.append(("since", self.since.isoformat()))
        if self.until:
            pairs.append(("until", self.until.isoformat()))
        if self.story:
            pairs.append(("story", self.story))
        if self.place:
            pairs.append(("place", self.place))
        if self.place_id is not None:
            pairs.append(("place_id", str(self.place_id)))
        if self.include_unknown:
            pairs.append(("include_unknown", "1"))
        return pairs

    def query_string(self, **more: str) -> str:
        """``?…`` for links that keep the current filters ("" when there are none)."""
        pairs = self.query_pairs() + [(k, v) for k, v in more.items() if v]
        return "?" + urlencode(pairs) if pairs else ""


def _split_actors(values: list[str]) -> tuple[str, ...]:
    # The form has one actor box where people type "USA, RUS"; the API repeats ?actor=. Both work.
    out: list[str] = []
    for value in values:
        out += [part.strip() for part in value.split(",") if part.strip()]
    return tuple(dict.fromkeys(out))[:MAX_REPEAT]


def filter_params(
    q: Annotated[str | None, Query(max_length=MAX_TEXT, description="Words in the article text or title.")] = None,
    actor: Annotated[
        list[Annotated[str, Query(max_length=MAX_TEXT)]],
        Query(max_length=MAX_REPEAT, description="Actor code (USA, NATO) or name; repeat or separate with commas."),
    ] = [],  # noqa: B006 - FastAPI copies defaults per request
    recipient: Annotated[
        list[Annotated[str, Query(max_length=MAX_TEXT)]],
        Query(max_length=MAX_REPEAT, description="The event's recipient (target): a code or name; repeatable."),
    ] = [],  # noqa: B006
    type: Annotated[list[PloverType], Query(max_length=len(PLOVER_TYPES), description="PLOVER event type.")] = [],  # noqa: B006
    quad: Annotated[list[Quad], Query(max_length=len(QUADS), description="Quad class.")] = [],  # noqa: B006
    factuality: Annotated[
        list[Factuality], Query(max_length=len(FACTUALITIES), description="asserted, negated, hypothetical, future.")
    ] = [],  # noqa: B006
    since: Annotated[dt.date | None, Query(description="First day (YYYY-MM-DD), inclusive.")] = None,
    until: Annotated[dt.date | None, Query(description="Last day (YYYY-MM-DD), inclusive.")] = None,
    story: Annotated[str | None, Query(pattern=ID_PATTERN, description="Story id.")] = None,
    place: Annotated[str | None, Query(max_length=MAX_TEXT, description="Place name or country code.")] = None,
    place_id: Annotated[
        int | None, Query(ge=0, le=2**62, description="Exactly one place, by its GeoNames id (the map's click).")
    ] = None,
    include_unknown: Annotated[
        bool,
        Query(description="Dyad rankings: also parties without an actor code and self-pairs (USA → USA)."),
    ] = False,
) -> WebFilters:
    """FastAPI dependency: the shared filters of any page or API route."""
    return WebFilters(
        q=q.strip() or None if q else None,
        actors=_split_actors(actor),
        recipients=_split_actors(recipient),
        types=tuple(dict.fromkeys(type)),
        quads=tuple(dict.fromkeys(quad)),
        factualities=tuple(dict.fromkeys(factuality)),
        since=since,
        until=until,
        story=story,
        place=place.strip() or None if place else None,
        place_id=place_id,
        include_unknown=include_unknown,
    )


@dataclass(frozen=True)
class PageRequest:
    """Cursor pagination: ``limit`` items after ``cursor`` (opaque, from the previous page's ``next``)."""

    limit: int = DEFAULT_LIMIT
    cursor: str | None = None


def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (at most {MAX_LIMIT}).")] = (
        DEFAULT_LIMIT
    ),
    cursor: Annotated[
        str | None, Query(pattern=CURSOR_PATTERN, description="The `next` value of the previous page.")
    ] = None,
) -> PageRequest:
    """FastAPI dependency: cursor pagination parameters."""
    return PageRequest(limit=limit, cursor=cursor)


__all__ = [
    "CURSOR_PATTERN",
    "DEFAULT_LIMIT",
    "ID_PATTERN",
    "MAX_LIMIT",
    "MAX_REPEAT",
    "MAX_TEXT",
    "PageRequest",
    "WebFilters",
    "filter_params",
    "page_params",
]
