"""The dashboard and JSON API: ``create_app(db)`` builds the FastAPI app that ``eventlens serve`` runs.

Modules: :mod:`.app` (factory, security headers, static files, local /docs), :mod:`.api` (JSON routes),
:mod:`.pages` (server-rendered pages), :mod:`.params` (validated filters), :mod:`.data` (what pages ask of
:mod:`eventlens.query`), :mod:`.highlight` (the reader's spans), :mod:`.exports`, :mod:`.errors` (one error shape),
:mod:`.server` (uvicorn). The load generator and synthetic databases for benchmarks are in the repository's
``benchmarks/`` folder, outside the package.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
