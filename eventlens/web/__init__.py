"""The dashboard and JSON API: ``create_app(db)`` builds the FastAPI app that ``eventlens serve`` runs.

Modules: :mod:`.app` (factory, security headers, static files, local /docs), :mod:`.api` (JSON routes),
:mod:`.pages` (server-rendered pages), :mod:`.params` (validated filters), :mod:`.data` (what pages ask of
:mod:`eventlens.query`), :mod:`.highlight` (the reader's spans), :mod:`.exports`, :mod:`.errors` (one error shape),
:mod:`.server` (uvicorn), :mod:`.loadgen` and :mod:`.synthetic` (load tests and benchmarks).
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
