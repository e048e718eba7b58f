"""The FastAPI application: JSON API under ``/api``, server-rendered pages, static files, local ``/docs``.

Everything the browser needs (scripts, styles, chart libraries, country shapes, Swagger UI) is served by the app
from ``eventlens/web/static``; the Content-Security-Policy header tells the browser to load nothing from anywhere
else, so a page cannot reach the internet even by mistake.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Sequence
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import MutableHeaders
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .._version import __version__
from ..config import Settings, settings_from_env
from . import exports
from .db import Database
from .errors import install_error_handlers
from .exports import ExportSlots
from .ingest_api import Ingestor

log = logging.getLogger(__name__)

WEB_DIR = Path(__file__).parent
STATIC_DIR = WEB_DIR / "static"
TEMPLATES_DIR = WEB_DIR / "templates"

#: Host names a loopback server answers to. Anything else is refused (400), which stops DNS rebinding: a web page
#: on another site cannot make the browser talk to this server under that site's name.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")

#: Only this origin: no CDN, no fonts, no beacons. ECharts and Swagger UI set inline styles, hence 'unsafe-inline'
#: for styles only; scripts never run inline.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)


class DropEmptyParams:
    """Drop ``name=`` pairs from the query string: a filter form sent without script sends every empty box,
    and an empty box means "any", not an invalid value."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            parts = scope["query_string"].split(b"&")
            kept = [p for p in parts if p and p.partition(b"=")[2]]
            if len(kept) != len(parts):
                scope = dict(scope, query_string=b"&".join(kept))
        await self.app(scope, receive, send)


#: Headers every response carries, errors and 500s included.
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class Guard:
    """The outermost layer: every response gets :data:`SECURITY_HEADERS`, and an error nothing else handled becomes
    our 500 here, inside it.

    (Starlette answers an unhandled error in its outermost ``ServerErrorMiddleware``, outside every middleware an
    app adds, so that 500 went out without the headers and the error was re-raised to uvicorn, which dropped the
    connection, #16.) Plain ASGI rather than ``@app.middleware``: streamed exports pass through untouched.
    """

    def __init__(self, app: ASGIApp, on_error: Callable[[Request, Exception], Response]) -> None:
        self.app = app
        self.on_error = on_error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as e:
            if started:  # the status line is gone: nothing to answer with, only to log
                log.exception("error after the response started on %s", scope.get("path"))
                return
            response = self.on_error(Request(scope), e)
            await response(scope, receive, send_with_headers)


def create_app(
    db: str | Path,
    *,
    allowed_hosts: Sequence[str] = LOOPBACK_HOSTS,
    writable: bool = False,
    token: str | None = None,
    settings: Settings | None = None,
    max_exports: int | None = None,
) -> FastAPI:
    """Build the app over the DuckDB file ``db`` (opened read-only, per request thread).

    Args:
        db: path of the database ``eventlens ingest`` wrote.
        allowed_hosts: ``Host`` header values to answer; ``("*",)`` to answer any (a server bound beyond loopback).
        writable: open the database for writing and accept articles at ``POST /api/ingest`` (with the token).
        token: the secret ``POST /api/ingest`` requires (``Authorization: Bearer …``); a random one when not given.
        settings: extraction settings for ingested articles (default: from the environment).
        max_exports: dashboard exports that may stream at once (default :data:`.exports.MAX_CONCURRENT`); one more
            is answered with 503 and ``Retry-After``.

    Returns:
        The ASGI application (serve it with uvicorn, as ``eventlens serve`` does).
    """
    app = FastAPI(
        title="eventlens",
        version=__version__,
        description="News → auditable event data: articles, PLOVER events, quotes, actors, stories and dyads.",
        # FastAPI's own /docs loads Swagger UI from a CDN; ours (below) serves the npm copy from /static.
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    templates.env.globals["version"] = __version__
    # Root-relative links: a page never names a host (url_for would echo the request's Host header).
    templates.env.globals["static"] = lambda path: f"/static/{path}"
    settings = settings or settings_from_env()
    app.state.db = Database(Path(db), writable=writable, lock_wait=settings.lock_wait)
    app.state.templates = templates
    app.state.token = token or secrets.token_urlsafe(32)
    app.state.ingestor = Ingestor(settings)
    app.state.exports = ExportSlots(max_exports or exports.MAX_CONCURRENT)
    app.state.vendor_ready = (STATIC_DIR / "vendor" / "echarts.min.js").is_file()
    templates.env.globals["vendor_ready"] = app.state.vendor_ready

    internal_error = install_error_handlers(app, templates)
    app.add_middleware(DropEmptyParams)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))

    app.add_middleware(Guard, on_error=internal_error)  # last added: outermost, so it sees every response

    # StaticFiles refuses paths that resolve outside its folder (``..``, absolute paths, symlinks out).
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request) -> Response:
        return templates.TemplateResponse(request, "docs.html", {})

    from .api import router as api_router
    from .ingest_api import router as ingest_router
    from .pages import router as pages_router

    app.include_router(api_router)
    app.include_router(ingest_router)
    app.include_router(pages_router)
    return app


__all__ = ["CSP", "LOOPBACK_HOSTS", "SECURITY_HEADERS", "Guard", "create_app"]
