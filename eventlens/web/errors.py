"""One error shape for the whole server, with a status that means something.

Every error the API returns is ``{"error": {"status": 404, "code": "not_found", "message": "…"}}`` (plus
``"details"``: one entry per invalid parameter, for 422). Pages get the same facts as an HTML page. The status sits on
the exception class, as datasette does (``NotFound.status = 404``)::

    ApiError            500 internal
    ├── BadRequest      400 bad_request       a parameter is well formed but cannot be used (e.g. a stale cursor)
    ├── NotFound        404 not_found         no such article, story or page
    ├── Unauthorized    401 unauthorized      a writing endpoint without the server's token
    └── Unavailable     503 unavailable       the database cannot be read right now (locked by a writer)
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import QueryError, StoreError

log = logging.getLogger(__name__)

#: Words for the statuses Starlette raises itself (unknown route, wrong method).
_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    422: "invalid_parameter",
    500: "internal",
    503: "unavailable",
}


class ApiError(Exception):
    """Base of the errors a route raises on purpose; ``status`` and ``code`` go into the response."""

    status = 500
    code = "internal"
    #: Headers the response carries (``Retry-After`` on a 503 that will pass).
    headers: ClassVar[dict[str, str]] = {}

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadRequest(ApiError):
    status = 400
    code = "bad_request"


class NotFound(ApiError):
    status = 404
    code = "not_found"


class Unauthorized(ApiError):
    status = 401
    code = "unauthorized"


class Unavailable(ApiError):
    status = 503
    code = "unavailable"


def error_body(status: int, code: str, message: str, details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The JSON error shape shared by every route."""
    error: dict[str, Any] = {"status": status, "code": code, "message": message}
    if details is not None:
        error["details"] = details
    return {"error": error}


def _wants_html(request: Request) -> bool:
    # API clients get JSON whatever they accept; pages get HTML so a person sees a page, not a blob.
    path = request.url.path
    return not (path.startswith("/api") or path == "/openapi.json")


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    details = []
    for err in exc.errors():
        # The parameter's name (``type``, not ``query.type.0``): repeated values share one name.
        names = [str(part) for part in err.get("loc", ()) if isinstance(part, str)]
        name = names[1] if len(names) > 1 and names[0] in ("query", "path", "header", "body") else ".".join(names)
        # Echo no input back: the reason and the parameter name are enough, and nothing hostile is reflected.
        details.append({"parameter": name or "request", "reason": str(err.get("msg", "invalid"))})
    return details


def install_error_handlers(app: FastAPI, templates: Jinja2Templates) -> Callable[[Request, Exception], Response]:
    """Route every error through :func:`error_body` (JSON) or the error page (HTML).

    Returns the 500 responder, for the app's outermost layer to answer an unhandled error inside the middleware
    that adds the security headers.
    """

    def respond(
        request: Request, status: int, code: str, message: str, details: list[dict[str, Any]] | None
    ) -> Response:
        if _wants_html(request):
            return templates.TemplateResponse(
                request,
                "error.html",
                {"status": status, "code": code, "message": message, "details": details or []},
                status_code=status,
            )
        return JSONResponse(error_body(status, code, message, details), status_code=status)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        response = respond(request, exc.status, exc.code, exc.message, None)
        response.headers.update(exc.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        details = _validation_details(exc)
        names = ", ".join(sorted({d["parameter"] for d in details}))
        return respond(request, 422, "invalid_parameter", f"invalid parameter: {names}", details)

    @app.exception_handler(QueryError)
    async def _query_error(request: Request, exc: QueryError) -> Response:
        return respond(request, 400, "bad_request", str(exc), None)

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> Response:
        log.warning("database unavailable: %s", exc)
        return respond(request, 503, "unavailable", "the database cannot be read right now", None)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        status = exc.status_code
        message = str(exc.detail) if exc.detail else "error"
        return respond(request, status, _CODES.get(status, "error"), message, None)

    def internal_error(request: Request, exc: Exception) -> Response:
        # The traceback goes to the log, never to the client.
        log.error("unhandled error on %s", request.url.path, exc_info=exc)
        return respond(request, 500, "internal", "internal error", None)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        return internal_error(request, exc)

    return internal_error


__all__ = [
    "ApiError",
    "BadRequest",
    "NotFound",
    "Unauthorized",
    "Unavailable",
    "error_body",
    "install_error_handlers",
]
