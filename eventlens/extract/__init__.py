"""Extraction: one spaCy pipeline whose eventlens components turn an article into an :class:`ArticleRecord`."""

from __future__ import annotations

from .pipeline import COMPONENTS, Extractor, build_nlp

__all__ = ["COMPONENTS", "Extractor", "build_nlp"]
