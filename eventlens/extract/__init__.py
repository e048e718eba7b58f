"""Extraction: one spaCy pipeline whose eventlens components turn an article into an :class:`ArticleRecord`.

One subpackage per stage, in the order the stages run (each registers its factory in its ``__init__``):
``actors/``, ``places/``, ``dates/``, ``quantities/``, ``quotes/``, ``events/``. :mod:`.pipeline` builds the
``Language`` and runs it over articles (:class:`Extractor`); :mod:`.extensions` lists the ``Doc`` extensions the
stages hand their results on in; :mod:`.syntax` holds the dependency labels and word lists several stages share.
"""

from __future__ import annotations

from .pipeline import COMPONENTS, Extractor, build_nlp

__all__ = ["COMPONENTS", "Extractor", "build_nlp"]
