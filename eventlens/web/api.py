"""The JSON API: ``/api/articles``, ``/api/articles/{id}``, ``/api/events``, ``/api/quotes``, ``/api/actors``,
``/api/stories``, ``/api/dyads``, with the shared filters and cursor pagination.

A list answers ``{"items": [...], "next": CURSOR|null, "limit": N}``; pass ``next`` back as ``cursor`` for the next
page. Errors answer ``{"error": {"status", "code", "message"}}`` (see :mod:`eventlens.web.errors`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel

from . import data
from .errors import NotFound
from .params import ID_PATTERN, PageRequest, WebFilters, filter_params, page_params

router = APIRouter(prefix="/api", tags=["api"])

Filters = Annotated[WebFilters, Depends(filter_params)]
Paging = Annotated[PageRequest, Depends(page_params)]


class ItemList(BaseModel):
    """One page of results."""

    items: list[dict[str, Any]]
    next: str | None
    limit: int


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    details: list[dict[str, str]] | None = None


class ErrorBody(BaseModel):
    """The one shape of every error."""

    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A parameter cannot be used (e.g. a cursor from another query)."},
    422: {"model": ErrorBody, "description": "A parameter is invalid (type, length, enumeration)."},
    503: {"model": ErrorBody, "description": "The database cannot be read right now."},
}


def _page(result: data.Listing, page: PageRequest) -> ItemList:
    return ItemList(items=result.items, next=result.next, limit=page.limit)


@router.get("/health", include_in_schema=False)
def health(request: Request) -> dict[str, Any]:
    """Whether the database can be read (for load tests and process supervisors)."""
    with request.app.state.db.reading() as con:
        return {"ok": True, "articles": data.count_articles(con)}


@router.get("/articles", response_model=ItemList, responses=ERRORS)
def articles(request: Request, f: Filters, page: Paging) -> ItemList:
    """Articles matching the filters, newest first (metadata only; the text is in ``/api/articles/{id}``)."""
    with request.app.state.db.reading() as con:
        return _page(data.articles(con, f, page), page)


@router.get(
    "/articles/{article_id}", responses={**ERRORS, 404: {"model": ErrorBody, "description": "No such article."}}
)
def article(request: Request, article_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> dict[str, Any]:
    """The full record of one article (the record contract), with its syndicated copies and its story."""
    with request.app.state.db.reading() as con:
        detail = data.article_detail(con, article_id)
    if detail is None:
        raise NotFound(f"no article with id {article_id}")
    return detail


@router.get("/events", response_model=ItemList, responses=ERRORS)
def events(request: Request, f: Filters, page: Paging) -> ItemList:
    """Events matching the filters (syndicated copies not counted twice), newest first."""
    with request.app.state.db.reading() as con:
        return _page(data.events(con, f, page), page)


@router.get("/quotes", response_model=ItemList, responses=ERRORS)
def quotes(request: Request, f: Filters, page: Paging) -> ItemList:
    """Quotes with their speakers; ``actor`` filters by speaker."""
    with request.app.state.db.reading() as con:
        return _page(data.quotes(con, f, page), page)


@router.get("/actors", response_model=ItemList, responses=ERRORS)
def actors(request: Request, f: Filters, page: Paging) -> ItemList:
    """Actors with their event counts, most active first."""
    with request.app.state.db.reading() as con:
        return _page(data.actors(con, f, page), page)


@router.get("/stories", response_model=ItemList, responses=ERRORS)
def stories(request: Request, f: Filters, page: Paging) -> ItemList:
    """Stories (articles grouped by happening), with labels, sizes and dates."""
    with request.app.state.db.reading() as con:
        return _page(data.stories(con, f, page), page)


@router.get("/dyads", response_model=ItemList, responses=ERRORS)
def dyads(request: Request, f: Filters, page: Paging) -> ItemList:
    """Dyads (source → target) with event counts by quad class and the cooperation–conflict score."""
    with request.app.state.db.reading() as con:
        return _page(data.dyads(con, f, page), page)


__all__ = ["router"]
