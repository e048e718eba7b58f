"""Ingest: every reader yields :class:`~eventlens.record.Article` objects, or an :class:`InputError` for an input
it could not use, so one bad input never stops a batch."""

from __future__ import annotations

from .files import read_path, read_stdin

__all__ = ["read_path", "read_stdin"]
